/* SPDX-License-Identifier: MIT */
/*
 * Files and directories through glibc: stdio, stat, rename, unlink,
 * opendir/readdir, realpath, record locks, dup2, tmpfile, symlinks,
 * mkdtemp, ftw-style walking.  Prints only deterministic facts.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int ok)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    failures += !ok;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *dir)
{
    DIR *d = opendir(dir);
    char *names[64];
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) && n < 64) {
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof(names[0]), cmp);
    printf("%s:", dir);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

int main(void)
{
    char tmpl[] = "/tmp/mimic-libc-files-XXXXXX";
    char *dir = mkdtemp(tmpl);
    check("mkdtemp", dir != NULL);
    check("chdir", chdir(dir) == 0);
    umask(022);

    FILE *f = fopen("data.txt", "w+");
    for (int i = 0; i < 1000; i++) {
        fprintf(f, "line %d %s\n", i, i % 7 ? "x" : "seven");
    }
    printf("ftell %ld\n", ftell(f));
    rewind(f);
    char line[64];
    int sevens = 0, lines = 0;
    while (fgets(line, sizeof(line), f)) {
        lines++;
        sevens += strstr(line, "seven") != NULL;
    }
    printf("lines %d sevens %d\n", lines, sevens);
    fseek(f, -11, SEEK_END);
    fgets(line, sizeof(line), f);
    printf("tail '%s", line);
    fclose(f);

    struct stat st;
    check("stat", stat("data.txt", &st) == 0);
    printf("size %lld mode %o regular %d\n", (long long)st.st_size,
           st.st_mode & 07777, S_ISREG(st.st_mode));
    check("rename", rename("data.txt", "moved.txt") == 0);
    check("old gone", access("data.txt", F_OK) < 0 && errno == ENOENT);
    check("symlink", symlink("moved.txt", "link") == 0);
    check("lstat", lstat("link", &st) == 0 && S_ISLNK(st.st_mode));
    char real[PATH_MAX], expect[PATH_MAX];
    check("realpath", realpath("link", real) != NULL);
    snprintf(expect, sizeof(expect), "%s/moved.txt", dir);
    check("realpath value", !strcmp(real, expect));
    mkdir("sub", 0750);
    mkdir("sub/deeper", 0700);
    close(open("sub/f1", O_CREAT | O_WRONLY, 0600));
    list(".");
    list("sub");
    check("rmdir non-empty", rmdir("sub") < 0 && errno == ENOTEMPTY);

    int fd = open("moved.txt", O_RDWR);
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
                        .l_start = 0, .l_len = 10 };
    check("F_SETLK", fcntl(fd, F_SETLK, &fl) == 0);
    fl.l_type = F_RDLCK;
    check("F_GETLK own", fcntl(fd, F_GETLK, &fl) == 0 &&
          fl.l_type == F_UNLCK);
    check("dup2", dup2(fd, 20) == 20);
    check("dup2 shares offset", lseek(20, 5, SEEK_SET) == 5 &&
          lseek(fd, 0, SEEK_CUR) == 5);
    close(20);
    close(fd);

    FILE *t = tmpfile();
    fputs("temporary", t);
    rewind(t);
    char buf[16] = { 0 };
    check("tmpfile", fread(buf, 1, 9, t) == 9 && !strcmp(buf, "temporary"));
    fclose(t);

    struct statvfs vfs;
    check("statvfs", statvfs(".", &vfs) == 0 && vfs.f_bsize > 0);
    char cwd[PATH_MAX];
    check("getcwd", getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, dir));
    check("truncate", truncate("moved.txt", 100) == 0 &&
          stat("moved.txt", &st) == 0 && st.st_size == 100);

    unlink("sub/f1");
    rmdir("sub/deeper");
    rmdir("sub");
    unlink("link");
    unlink("moved.txt");
    chdir("/");
    check("cleanup", rmdir(dir) == 0);
    return failures;
}

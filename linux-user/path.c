/* SPDX-License-Identifier: MIT */
/*
 * Guest paths as the host sees them.  With a sysroot (-L), absolute paths
 * under the system folders (/lib, /usr, /etc, ...) go to the sysroot's
 * copy when it has one, so the dynamic loader and the programs it loads
 * find their ARM64 libraries (design.md §10).  Some /proc files describe
 * the guest rather than mimic (proc.c writes them); this file recognizes
 * their names.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "user.h"
#include "proc.h"

/* Folders whose contents come from the sysroot when it has them.  Not
 * /tmp, /proc, /dev, /home...: those are the host's even in a full
 * root file system. */
static const char *const sysroot_dirs[] = {
    "/lib", "/lib64", "/usr", "/etc", "/bin", "/sbin", "/opt",
};

static bool under_sysroot_dir(const char *path)
{
    for (size_t i = 0; i < sizeof(sysroot_dirs) / sizeof(sysroot_dirs[0]);
         i++) {
        size_t n = strlen(sysroot_dirs[i]);
        if (!strncmp(path, sysroot_dirs[i], n) &&
            (path[n] == '/' || path[n] == 0)) {
            return true;
        }
    }
    return false;
}

const char *linux_sysroot_path(LinuxProcess *p, const char *path, char *buf,
                               size_t len)
{
    const char *root = p->cfg.sysroot;
    struct stat st;
    if (!root || !root[0] || path[0] != '/' || !under_sysroot_dir(path)) {
        return path;
    }
    /* the loader's own configuration is the guest's even when the
     * sysroot has none: the host's lists x86-64 libraries */
    if (!strcmp(path, "/etc/ld.so.cache") ||
        !strcmp(path, "/etc/ld.so.preload")) {
        snprintf(buf, len, "%s%s", root, path);
        return buf;
    }
    /* an absolute symlink inside the sysroot means the sysroot's file:
     * follow a few by hand, as a chroot would */
    char cur[4096];
    snprintf(cur, sizeof(cur), "%s", path);
    for (int depth = 0; depth < 8; depth++) {
        if ((size_t)snprintf(buf, len, "%s%s", root, cur) >= len ||
            lstat(buf, &st) < 0) {
            return depth ? buf : path;
        }
        if (!S_ISLNK(st.st_mode)) {
            return buf;
        }
        char target[4096];
        ssize_t n = readlink(buf, target, sizeof(target) - 1);
        if (n <= 0 || target[0] != '/') {
            return buf;
        }
        target[n] = 0;
        snprintf(cur, sizeof(cur), "%s", target);
    }
    return buf;
}

/* "/proc/self/NAME", "/proc/thread-self/NAME" or "/proc/PID/NAME" with
 * our pid: returns NAME, else NULL.  "/proc/cpuinfo" gives "cpuinfo". */
static const char *proc_self_name(const char *path)
{
    if (strncmp(path, "/proc/", 6)) {
        return NULL;
    }
    const char *s = path + 6;
    if (!strcmp(s, "cpuinfo")) {
        return s;
    }
    const char *rest;
    if (!strncmp(s, "self/", 5)) {
        rest = s + 5;
    } else if (!strncmp(s, "thread-self/", 12)) {
        rest = s + 12;
    } else {
        char *end;
        long pid = strtol(s, &end, 10);
        if (end == s || *end != '/' || pid != (long)getpid()) {
            return NULL;
        }
        rest = end + 1;
    }
    return rest;
}

int linux_proc_open(LinuxProcess *p, const char *path, int host_flags)
{
    const char *name = proc_self_name(path);
    if (!name) {
        return 1;
    }
    if (!strcmp(name, "exe")) {
        int fd = open(p->exe_path, host_flags);
        return fd < 0 ? -errno : fd;
    }
    ProcGenFn gen = proc_generator(name);
    if (!gen) {
        return 1;
    }
    if ((host_flags & O_ACCMODE) != O_RDONLY) {
        return -EACCES;
    }
    return proc_make_file(p, name, gen, host_flags);
}

int64_t linux_proc_readlink(LinuxProcess *p, const char *path, char *buf,
                            size_t len)
{
    const char *name = proc_self_name(path);
    if (!name || strcmp(name, "exe")) {
        return -1;
    }
    size_t n = strlen(p->exe_path);
    if (n > len) {
        n = len;
    }
    memcpy(buf, p->exe_path, n);
    return (int64_t)n;
}

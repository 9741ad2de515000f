/* SPDX-License-Identifier: MIT */
/*
 * Guest program for the virtio-input test: finds the evdev node of the
 * device named in argv[1] under /dev/input, prints "EVREAD READY <node>"
 * and then one line "KEY <code> <value>" per EV_KEY event, until it has
 * seen argv[2] key releases of KEY_ENTER (default 1).
 */
#include <dirent.h>
#include <fcntl.h>
#include <linux/input.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int open_named(const char *want, char *node, size_t len)
{
    DIR *d = opendir("/dev/input");
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char path[300], name[256] = "";
        if (strncmp(e->d_name, "event", 5)) {
            continue;
        }
        snprintf(path, sizeof(path), "/dev/input/%s", e->d_name);
        int fd = open(path, O_RDONLY);
        if (fd >= 0 && ioctl(fd, EVIOCGNAME(sizeof(name)), name) >= 0 &&
            !strcmp(name, want)) {
            snprintf(node, len, "%s", path);
            closedir(d);
            return fd;
        }
        if (fd >= 0) {
            close(fd);
        }
    }
    if (d) {
        closedir(d);
    }
    return -1;
}

int main(int argc, char **argv)
{
    char node[300];
    int enters = argc > 2 ? atoi(argv[2]) : 1, fd = -1;
    for (int tries = 0; fd < 0 && tries < 100; tries++) {
        fd = open_named(argc > 1 ? argv[1] : "mimic virtio keyboard", node,
                        sizeof(node));
        if (fd < 0) {
            usleep(100000);
        }
    }
    if (fd < 0) {
        printf("EVREAD NO DEVICE\n");
        return 1;
    }
    printf("EVREAD READY %s\n", node);
    fflush(stdout);
    struct input_event ev;
    while (enters > 0 && read(fd, &ev, sizeof(ev)) == sizeof(ev)) {
        if (ev.type == EV_KEY) {
            printf("KEY %u %d\n", ev.code, ev.value);
            fflush(stdout);
            if (ev.code == KEY_ENTER && ev.value == 0) {
                enters--;
            }
        }
    }
    printf("EVREAD DONE\n");
    return 0;
}

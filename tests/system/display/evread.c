/* SPDX-License-Identifier: MIT */
/*
 * Guest program for the virtio-input test: evread NAME CODE waits for the
 * evdev node of the device named NAME under /dev/input, prints
 * "EVREAD READY <node>", then one line per event ("KEY code value",
 * "ABS code value", "REL code value"; SYN and MSC left out) until key or
 * button CODE is released, and prints "EVREAD DONE".
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
    static const char *const kind[] = { [EV_KEY] = "KEY", [EV_REL] = "REL",
                                        [EV_ABS] = "ABS" };
    char node[300];
    int fd = -1;
    if (argc != 3) {
        fprintf(stderr, "usage: evread NAME CODE\n");
        return 2;
    }
    unsigned last = (unsigned)atoi(argv[2]);
    for (int tries = 0; fd < 0 && tries < 300; tries++) {
        fd = open_named(argv[1], node, sizeof(node));
        if (fd < 0) {
            usleep(100000);
        }
    }
    if (fd < 0) {
        printf("EVREAD NO DEVICE %s\n", argv[1]);
        return 1;
    }
    printf("EVREAD READY %s\n", node);
    fflush(stdout);
    struct input_event ev;
    while (read(fd, &ev, sizeof(ev)) == sizeof(ev)) {
        if (ev.type <= EV_ABS && kind[ev.type]) {
            printf("%s %u %d\n", kind[ev.type], ev.code, ev.value);
            fflush(stdout);
        }
        if (ev.type == EV_KEY && ev.code == last && ev.value == 0) {
            break;
        }
    }
    printf("EVREAD DONE\n");
    return 0;
}

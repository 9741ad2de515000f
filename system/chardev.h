/* SPDX-License-Identifier: MIT */
/*
 * Character devices: the host end of a guest serial line (PL011,
 * virtio-console).  A backend moves bytes to and from the host (stdio, a
 * file, nothing, or a memory buffer for tests); a frontend is the device
 * model that takes input when it has room (can_read) and writes output.
 *
 * The stdio backend puts a terminal in raw mode (restored at exit and on
 * fatal signals) and multiplexes like QEMU's mux: Ctrl-A x quits, Ctrl-A h
 * prints help, Ctrl-A c moves the input focus to the next frontend (the
 * monitor, once one is attached), Ctrl-A Ctrl-A sends a Ctrl-A.
 *
 * Input is pulled, not pushed: the backend reads from the host only while
 * the focused frontend can take bytes, so a slow guest leaves the rest in
 * the host's buffers.
 */
#ifndef SYSTEM_CHARDEV_H
#define SYSTEM_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "main-loop.h"

typedef struct CharFrontend {
    /* how many bytes the device can take now (0: none) */
    int (*can_read)(void *opaque);
    /* delivers at most the can_read count */
    void (*read)(void *opaque, const uint8_t *buf, int len);
    void *opaque;
    const char *name;   /* shown when the focus moves */
} CharFrontend;

typedef struct Chardev Chardev;

#define CHARDEV_MAX_FRONTENDS 4
#define CHARDEV_ESCAPE 0x01   /* Ctrl-A */

/* spec: "stdio" (escapes; Ctrl-C still kills), "mon:stdio" (escapes;
 * Ctrl-C goes to the guest), "null", "file:PATH" (output only).
 * On failure returns NULL with a reason in err. */
Chardev *chardev_open(MainLoop *ml, const char *spec, char *err,
                      size_t errlen);
/* A backend that collects output in memory and takes input from
 * chardev_buffer_feed: for unit tests.  mux turns on the Ctrl-A escapes. */
Chardev *chardev_new_buffer(bool mux);
void chardev_close(Chardev *chr);

/* Adds a frontend; the first one has the input focus.  Returns false when
 * the backend cannot take another. */
bool chardev_attach(Chardev *chr, const CharFrontend *fe);
/* Writes all of buf (blocking); returns len, or -1 on a host error. */
int chardev_write(Chardev *chr, const uint8_t *buf, int len);
/* A frontend that has room again calls this to get buffered input now
 * rather than at the next main-loop round. */
void chardev_accept_input(Chardev *chr);
/* Ctrl-A x.  Without a handler the process exits with status 0. */
void chardev_set_quit_handler(Chardev *chr, void (*quit)(void *),
                              void *opaque);
bool chardev_is_mux(const Chardev *chr);

/* Buffer backend */
size_t chardev_buffer_take(Chardev *chr, uint8_t *out, size_t max);
void chardev_buffer_feed(Chardev *chr, const uint8_t *in, size_t len);
/* Bytes fed but not yet taken by the frontend. */
size_t chardev_buffer_pending(const Chardev *chr);

/* Puts the terminal back (idempotent); also registered with atexit. */
void chardev_restore_terminal(void);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The guest's display as the host sees it: devices that produce a
 * picture (the simple-framebuffer, virtio-gpu's scanout) register as
 * sources; consumers (the SDL window, the monitor's screendump) ask for
 * the current surface.  The highest-priority source that shows something
 * wins, so virtio-gpu takes over from the boot framebuffer once its
 * driver sets a scanout, and hands back when it disables it.
 *
 * Pixels are always 32-bit x8r8g8b8: a little-endian word 0xXXRRGGBB
 * per pixel (bytes B, G, R, X); the X byte is ignored.
 *
 * Everything runs on the main-loop thread; a surface stays valid until
 * the next return to the main loop.
 */
#ifndef SYSTEM_DISPLAY_H
#define SYSTEM_DISPLAY_H

#include <stdbool.h>
#include <stdint.h>

typedef struct DisplaySurface {
    const uint8_t *pixels;
    uint32_t width, height, stride;     /* stride in bytes */
} DisplaySurface;

/* A hardware cursor (virtio-gpu's cursor queue): a8r8g8b8 with alpha. */
typedef struct DisplayCursor {
    const uint32_t *pixels;             /* width*height, row-major */
    uint32_t width, height;
    int32_t x, y;                       /* position of the hot spot */
    uint32_t hot_x, hot_y;
} DisplayCursor;

enum {
    DISPLAY_PRIO_FRAMEBUFFER = 0,
    DISPLAY_PRIO_GPU = 10,
};

typedef struct DisplaySourceOps {
    const char *name;
    /* The picture now; false while the source shows nothing. */
    bool (*surface)(void *opaque, DisplaySurface *s);
    /* Optional: the window was resized to w x h (a resizable source
     * offers the guest that mode). */
    void (*ui_resize)(void *opaque, uint32_t w, uint32_t h);
    /* Optional: a visible cursor to draw over the surface. */
    bool (*cursor)(void *opaque, DisplayCursor *c);
} DisplaySourceOps;

typedef struct Display Display;

Display *display_new(void);
void display_free(Display *d);
void display_add_source(Display *d, const DisplaySourceOps *ops,
                        void *opaque, int priority);

/* The surface of the winning source; false if none shows anything. */
bool display_surface(Display *d, DisplaySurface *s);
bool display_cursor(Display *d, DisplayCursor *c);
/* The name of the winning source ("framebuffer", "virtio-gpu"), or NULL. */
const char *display_source_name(Display *d);
/* The window's drawable size changed. */
void display_ui_resize(Display *d, uint32_t w, uint32_t h);
/* A source that knows when its picture changed (virtio-gpu flushes) bumps
 * this; sources without such knowledge (plain RAM) are always redrawn. */
void display_touch(Display *d);
uint64_t display_serial(const Display *d);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * -display sdl: an SDL2 window showing the guest display (system/display.h)
 * and feeding keyboard and mouse to the guest's input devices
 * (system/input.h).  Only built when SDL2 is found (config.h CONFIG_SDL).
 *
 * The window is driven from the machine's main loop by a 30 Hz host-clock
 * timer that handles SDL events, then copies the current surface into a
 * texture scaled to the window (aspect ratio kept, black bars).
 *
 *  - title: "mimic - <state>" with state running, paused or powered off;
 *  - a click in the window grabs keyboard and mouse; Ctrl-Alt-G releases
 *    (or grabs) them; keys reach the guest whenever the window has focus;
 *  - with a tablet the pointer position is absolute, with only a mouse
 *    (relative) the grab also captures the pointer;
 *  - closing the window presses the power button (the guest decides);
 *    closing it a second time quits at once.  A guest without a power
 *    button daemon (busybox init) needs the second close.
 *  - resizing the window offers virtio-gpu's driver a matching mode; the
 *    simple framebuffer's size is fixed, so it is scaled instead.
 */
#ifndef FRONTENDS_DISPLAY_SDL_H
#define FRONTENDS_DISPLAY_SDL_H

#include <stddef.h>
#include "system/display.h"
#include "system/input.h"
#include "system/virt.h"

typedef struct SDLDisplay SDLDisplay;

/* Opens the window.  NULL with a reason (no X/Wayland display, ...). */
SDLDisplay *sdl_display_open(VirtMachine *m, Display *disp, Input *in,
                             char *err, size_t errlen);
/* Draws the current picture and title now (e.g. after a state change). */
void sdl_display_refresh(SDLDisplay *s);
void sdl_display_close(SDLDisplay *s);

#endif

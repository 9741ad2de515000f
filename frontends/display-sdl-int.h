/* SPDX-License-Identifier: MIT */
/*
 * Inside the SDL display: the window state shared by display-sdl.c
 * (window, drawing, title) and display-sdl-input.c (events, grab).
 */
#ifndef FRONTENDS_DISPLAY_SDL_INT_H
#define FRONTENDS_DISPLAY_SDL_INT_H

#include <SDL.h>
#include <stdbool.h>
#include "display-sdl.h"

struct SDLDisplay {
    VirtMachine *m;
    Display *disp;
    Input *in;
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *tex;           /* the guest surface */
    uint32_t tex_w, tex_h;
    SDL_Texture *cursor_tex;    /* virtio-gpu's cursor */
    uint32_t cursor_w, cursor_h;
    bool host_cursor_hidden;
    MLTimer *timer;
    bool grabbed;
    int closes;                 /* window close requests so far */
    uint32_t asked_w, asked_h;  /* last size offered through ui_resize */
    char title[256];
};

/* display-sdl-input.c */
void sdl_input_event(SDLDisplay *s, const SDL_Event *ev);
void sdl_set_grab(SDLDisplay *s, bool grab);

/* display-sdl.c */
void sdl_update_title(SDLDisplay *s);

#endif

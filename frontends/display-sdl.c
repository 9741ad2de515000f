/* SPDX-License-Identifier: MIT */
/*
 * The SDL2 window (see display-sdl.h): creation, the refresh timer,
 * drawing the guest surface and cursor, and the title.  Input handling
 * is in display-sdl-input.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "display-sdl-int.h"

#define SDL_REFRESH_NS (1000000000 / 30)
#define SDL_DEFAULT_W 1024
#define SDL_DEFAULT_H 768

void sdl_update_title(SDLDisplay *s)
{
    char t[256];
    snprintf(t, sizeof(t), "mimic - %s%s%s", virt_state_name(s->m),
             s->grabbed ? " - Press Ctrl-Alt-G to release grab" : "",
             s->closes && !s->m->powered_off
                 ? " - power button pressed, close again to quit" : "");
    if (strcmp(t, s->title)) {
        snprintf(s->title, sizeof(s->title), "%s", t);
        SDL_SetWindowTitle(s->win, t);
    }
}

/* The surface changed size: a new texture, and a window to match unless
 * the change answers the window's own resize. */
static bool surface_resized(SDLDisplay *s, uint32_t w, uint32_t h)
{
    if (s->tex) {
        SDL_DestroyTexture(s->tex);
    }
    s->tex = SDL_CreateTexture(s->ren, SDL_PIXELFORMAT_RGB888,
                               SDL_TEXTUREACCESS_STREAMING, (int)w, (int)h);
    if (!s->tex) {
        s->tex_w = s->tex_h = 0;
        return false;
    }
    s->tex_w = w;
    s->tex_h = h;
    SDL_RenderSetLogicalSize(s->ren, (int)w, (int)h);
    Uint32 flags = SDL_GetWindowFlags(s->win);
    if ((w != s->asked_w || h != s->asked_h) &&
        !(flags & (SDL_WINDOW_MAXIMIZED | SDL_WINDOW_FULLSCREEN))) {
        SDL_SetWindowSize(s->win, (int)w, (int)h);
    }
    return true;
}

static void draw_cursor(SDLDisplay *s)
{
    DisplayCursor c;
    bool on = display_cursor(s->disp, &c) && c.width && c.height;
    if (on != s->host_cursor_hidden) {
        /* the guest draws its own pointer: hide the host's over it */
        SDL_ShowCursor(on ? SDL_DISABLE : SDL_ENABLE);
        s->host_cursor_hidden = on;
    }
    if (!on) {
        return;
    }
    if (!s->cursor_tex || s->cursor_w != c.width || s->cursor_h != c.height) {
        if (s->cursor_tex) {
            SDL_DestroyTexture(s->cursor_tex);
        }
        s->cursor_tex = SDL_CreateTexture(s->ren, SDL_PIXELFORMAT_ARGB8888,
                                          SDL_TEXTUREACCESS_STREAMING,
                                          (int)c.width, (int)c.height);
        if (!s->cursor_tex) {
            return;
        }
        SDL_SetTextureBlendMode(s->cursor_tex, SDL_BLENDMODE_BLEND);
        s->cursor_w = c.width;
        s->cursor_h = c.height;
    }
    SDL_UpdateTexture(s->cursor_tex, NULL, c.pixels, (int)(c.width * 4));
    SDL_Rect dst = { c.x - (int)c.hot_x, c.y - (int)c.hot_y, (int)c.width,
                     (int)c.height };
    SDL_RenderCopy(s->ren, s->cursor_tex, NULL, &dst);
}

static void draw(SDLDisplay *s)
{
    DisplaySurface surf;
    SDL_SetRenderDrawColor(s->ren, 0, 0, 0, 255);
    SDL_RenderClear(s->ren);
    if (display_surface(s->disp, &surf) &&
        ((surf.width == s->tex_w && surf.height == s->tex_h) ||
         surface_resized(s, surf.width, surf.height))) {
        SDL_UpdateTexture(s->tex, NULL, surf.pixels, (int)surf.stride);
        SDL_RenderCopy(s->ren, s->tex, NULL, NULL);
        draw_cursor(s);
    }
    SDL_RenderPresent(s->ren);
}

void sdl_display_refresh(SDLDisplay *s)
{
    SDL_Event ev;
    while (SDL_PollEvent(&ev)) {
        sdl_input_event(s, &ev);
    }
    sdl_update_title(s);
    draw(s);
}

static void refresh_timer(void *opaque)
{
    SDLDisplay *s = opaque;
    sdl_display_refresh(s);
    MainLoop *ml = s->m->ml;
    ml_timer_mod(s->timer, main_loop_clock_ns(ml, ML_CLOCK_HOST) +
                           SDL_REFRESH_NS);
}

SDLDisplay *sdl_display_open(VirtMachine *m, Display *disp, Input *in,
                             char *err, size_t errlen)
{
    /* mimic handles SIGINT/SIGTERM itself (a clean exit path) */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        snprintf(err, errlen, "-display sdl: cannot open a window: %s",
                 SDL_GetError());
        return NULL;
    }
    /* Without X11 or Wayland SDL falls back to drawing nowhere; that is
     * only wanted when asked for (SDL_VIDEODRIVER=offscreen in tests) */
    const char *drv = SDL_GetCurrentVideoDriver();
    if (drv && (!strcmp(drv, "offscreen") || !strcmp(drv, "dummy")) &&
        !getenv("SDL_VIDEODRIVER")) {
        SDL_Quit();
        snprintf(err, errlen, "-display sdl: no graphical display (set "
                 "DISPLAY or WAYLAND_DISPLAY, or use -display none)");
        return NULL;
    }
    SDLDisplay *s = calloc(1, sizeof(*s));
    DisplaySurface surf;
    int w = SDL_DEFAULT_W, h = SDL_DEFAULT_H;
    if (display_surface(disp, &surf)) {
        w = (int)surf.width;
        h = (int)surf.height;
    }
    s->m = m;
    s->disp = disp;
    s->in = in;
    s->win = SDL_CreateWindow("mimic", SDL_WINDOWPOS_UNDEFINED,
                              SDL_WINDOWPOS_UNDEFINED, w, h,
                              SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    s->ren = s->win ? SDL_CreateRenderer(s->win, -1, 0) : NULL;
    if (!s->ren) {
        snprintf(err, errlen, "-display sdl: cannot create the window: %s",
                 SDL_GetError());
        sdl_display_close(s);
        return NULL;
    }
    s->asked_w = (uint32_t)w;
    s->asked_h = (uint32_t)h;
    display_ui_resize(disp, s->asked_w, s->asked_h);
    sdl_update_title(s);
    s->timer = ml_timer_new(m->ml, ML_CLOCK_HOST, refresh_timer, s);
    refresh_timer(s);
    return s;
}

void sdl_display_close(SDLDisplay *s)
{
    if (!s) {
        return;
    }
    ml_timer_free(s->timer);
    if (s->cursor_tex) {
        SDL_DestroyTexture(s->cursor_tex);
    }
    if (s->tex) {
        SDL_DestroyTexture(s->tex);
    }
    if (s->ren) {
        SDL_DestroyRenderer(s->ren);
    }
    if (s->win) {
        SDL_DestroyWindow(s->win);
    }
    SDL_Quit();
    free(s);
}

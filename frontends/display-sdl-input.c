/* SPDX-License-Identifier: MIT */
/*
 * SDL events of the display window: keys (SDL scancodes are USB HID
 * usages, translated by system/keymap.c), the pointer as a tablet
 * (absolute) or mouse (relative), the input grab and its Ctrl-Alt-G
 * hot key, window resizes and closes.
 */
#include <linux/input-event-codes.h>
#include "display-sdl-int.h"
#include "system/keymap.h"

void sdl_set_grab(SDLDisplay *s, bool grab)
{
    s->grabbed = grab;
    SDL_SetWindowGrab(s->win, grab ? SDL_TRUE : SDL_FALSE);
#if SDL_VERSION_ATLEAST(2, 0, 16)
    /* system shortcuts (Alt-Tab, ...) go to the guest while grabbed */
    SDL_SetWindowKeyboardGrab(s->win, grab ? SDL_TRUE : SDL_FALSE);
#endif
    /* a relative mouse alone needs the pointer captured to be usable */
    if (!input_has(s->in, INPUT_ABS_POINTER) &&
        input_has(s->in, INPUT_REL_POINTER)) {
        SDL_SetRelativeMouseMode(grab ? SDL_TRUE : SDL_FALSE);
    }
    sdl_update_title(s);
}

static bool is_hotkey(const SDL_KeyboardEvent *k)
{
    SDL_Keymod mod = SDL_GetModState();
    return k->keysym.scancode == SDL_SCANCODE_G && (mod & KMOD_CTRL) &&
           (mod & KMOD_ALT);
}

static void key_event(SDLDisplay *s, const SDL_KeyboardEvent *k)
{
    bool down = k->type == SDL_KEYDOWN;
    if (down && is_hotkey(k)) {
        if (!k->repeat) {
            sdl_set_grab(s, !s->grabbed);
        }
        return;
    }
    /* the guest repeats held keys itself (virtio-keyboard has EV_REP) */
    if (k->repeat) {
        return;
    }
    uint16_t code = keymap_hid_to_linux((unsigned)k->keysym.scancode);
    if (code && (down || input_key_is_down(s->in, code))) {
        input_key(s->in, code, down);
        input_sync(s->in);
    }
}

/* Window coordinates (already in surface pixels, the renderer's logical
 * size) to the tablet's 0..INPUT_ABS_MAX. */
static uint32_t abs_coord(int v, uint32_t size)
{
    if (v <= 0 || size <= 1) {
        return 0;
    }
    if ((uint32_t)v >= size - 1) {
        return INPUT_ABS_MAX;
    }
    return (uint32_t)((uint64_t)v * INPUT_ABS_MAX / (size - 1));
}

static void motion_event(SDLDisplay *s, const SDL_MouseMotionEvent *mm)
{
    if (input_has(s->in, INPUT_ABS_POINTER) && s->tex_w) {
        input_abs(s->in, abs_coord(mm->x, s->tex_w),
                  abs_coord(mm->y, s->tex_h));
    }
    if (s->grabbed) {
        input_rel(s->in, REL_X, mm->xrel);
        input_rel(s->in, REL_Y, mm->yrel);
    }
    input_sync(s->in);
}

static void button_event(SDLDisplay *s, const SDL_MouseButtonEvent *b)
{
    static const uint16_t btn[] = {
        [SDL_BUTTON_LEFT] = BTN_LEFT, [SDL_BUTTON_MIDDLE] = BTN_MIDDLE,
        [SDL_BUTTON_RIGHT] = BTN_RIGHT, [SDL_BUTTON_X1] = BTN_SIDE,
        [SDL_BUTTON_X2] = BTN_EXTRA,
    };
    bool down = b->type == SDL_MOUSEBUTTONDOWN;
    bool abs = input_has(s->in, INPUT_ABS_POINTER);
    if (down && !s->grabbed) {
        sdl_set_grab(s, true);
        if (!abs) {
            return;     /* the click that captures a mouse is the host's */
        }
    }
    if (b->button < sizeof(btn) / sizeof(btn[0]) && btn[b->button]) {
        input_button(s->in, btn[b->button], down);
        input_sync(s->in);
    }
}

static void window_event(SDLDisplay *s, const SDL_WindowEvent *w)
{
    switch (w->event) {
    case SDL_WINDOWEVENT_SIZE_CHANGED:
        /* in window units, not HiDPI pixels: the same units the window
         * is sized in when the guest's mode changes, or the two would
         * chase each other */
        if (w->data1 > 0 && w->data2 > 0) {
            s->asked_w = (uint32_t)w->data1;
            s->asked_h = (uint32_t)w->data2;
            display_ui_resize(s->disp, s->asked_w, s->asked_h);
        }
        break;
    case SDL_WINDOWEVENT_FOCUS_LOST:
        /* keys held while focus leaves would stick in the guest */
        input_release_all(s->in);
        if (s->grabbed) {
            sdl_set_grab(s, false);
        }
        break;
    case SDL_WINDOWEVENT_CLOSE:
        break;      /* SDL_QUIT follows for the only window */
    }
}

static void close_request(SDLDisplay *s)
{
    if (s->closes++ == 0 && !s->m->powered_off) {
        virt_powerdown(s->m);
    } else {
        virt_request(s->m, VIRT_REQ_QUIT);
    }
    sdl_update_title(s);
}

void sdl_input_event(SDLDisplay *s, const SDL_Event *ev)
{
    switch (ev->type) {
    case SDL_KEYDOWN:
    case SDL_KEYUP:
        key_event(s, &ev->key);
        break;
    case SDL_MOUSEMOTION:
        motion_event(s, &ev->motion);
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        button_event(s, &ev->button);
        break;
    case SDL_MOUSEWHEEL:
        input_rel(s->in, REL_WHEEL, ev->wheel.y);
        input_sync(s->in);
        break;
    case SDL_WINDOWEVENT:
        window_event(s, &ev->window);
        break;
    case SDL_QUIT:
        close_request(s);
        break;
    }
}

/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the SDL window (frontends/display-sdl*.c) on SDL's
 * offscreen video driver: SDL events pushed into the queue must reach the
 * input router as Linux key and pointer events, Ctrl-Alt-G and clicks
 * must grab and release, the title must follow the machine state, a
 * window resize must reach a resizable display source, a source's new
 * size must resize the window, and closing must press the power button
 * first and quit the second time.
 */
#include <linux/input-event-codes.h>
#include <stdlib.h>
#include "check.h"
#include "frontends/display-sdl-int.h"

static uint16_t ev_type[256], ev_code[256];
static int32_t ev_val[256];
static int nev;

static void rec_event(void *opaque, uint16_t type, uint16_t code,
                      int32_t value)
{
    if (nev < 256) {
        ev_type[nev] = type;
        ev_code[nev] = code;
        ev_val[nev++] = value;
    }
}

static const InputHandlerOps kbd_ops = { "kbd", INPUT_KEYBOARD, rec_event,
                                         NULL };
static const InputHandlerOps tab_ops = { "tablet", INPUT_ABS_POINTER,
                                         rec_event, NULL };

/* Was (type, code, value) recorded since index `from`? */
static bool seen(int from, uint16_t type, uint16_t code, int32_t value)
{
    for (int i = from; i < nev; i++) {
        if (ev_type[i] == type && ev_code[i] == code && ev_val[i] == value) {
            return true;
        }
    }
    return false;
}

/* A resizable source standing in for virtio-gpu. */
static uint32_t gpu_px[200 * 100];
static bool gpu_on;
static uint32_t asked_w, asked_h;

static bool gpu_surface(void *opaque, DisplaySurface *s)
{
    *s = (DisplaySurface){ (const uint8_t *)gpu_px, 200, 100, 800 };
    return gpu_on;
}

static void gpu_resize(void *opaque, uint32_t w, uint32_t h)
{
    asked_w = w;
    asked_h = h;
}

static const DisplaySourceOps gpu_ops = { .name = "gpu",
                                          .surface = gpu_surface,
                                          .ui_resize = gpu_resize };

static void push_key(SDL_Scancode sc, bool down, bool repeat)
{
    SDL_Event e = { .key = { .type = down ? SDL_KEYDOWN : SDL_KEYUP,
                             .repeat = repeat,
                             .keysym = { .scancode = sc } } };
    SDL_PushEvent(&e);
}

static void push_simple(Uint32 type)
{
    SDL_Event e = { .type = type };
    SDL_PushEvent(&e);
}

static void test_keys(SDLDisplay *s)
{
    int n0 = nev;
    push_key(SDL_SCANCODE_A, true, false);
    push_key(SDL_SCANCODE_A, true, true);       /* host repeat: dropped */
    push_key(SDL_SCANCODE_A, false, false);
    push_key(SDL_SCANCODE_RETURN, true, false);
    sdl_display_refresh(s);
    CHECK(seen(n0, EV_KEY, KEY_A, 1));
    CHECK(seen(n0, EV_KEY, KEY_A, 0));
    CHECK(seen(n0, EV_KEY, KEY_ENTER, 1));
    CHECK_EQ(nev - n0, 6);      /* 3 keys, 3 syncs: the repeat made none */
    /* Ctrl-Alt-G grabs and is not passed on */
    n0 = nev;
    SDL_SetModState(KMOD_LCTRL | KMOD_LALT);
    push_key(SDL_SCANCODE_G, true, false);
    push_key(SDL_SCANCODE_G, false, false);
    sdl_display_refresh(s);
    SDL_SetModState(KMOD_NONE);
    CHECK(s->grabbed);
    CHECK(strstr(SDL_GetWindowTitle(s->win), "Ctrl-Alt-G") != NULL);
    CHECK(!seen(n0, EV_KEY, KEY_G, 1) && !seen(n0, EV_KEY, KEY_G, 0));
    SDL_SetModState(KMOD_LCTRL | KMOD_LALT);
    push_key(SDL_SCANCODE_G, true, false);
    sdl_display_refresh(s);
    SDL_SetModState(KMOD_NONE);
    CHECK(!s->grabbed);
    CHECK_STR(SDL_GetWindowTitle(s->win), "mimic - running");
}

static void test_pointer(SDLDisplay *s)
{
    int n0 = nev;
    SDL_Event e = { .motion = { .type = SDL_MOUSEMOTION, .x = 319,
                                .y = 100, .xrel = 3, .yrel = 4 } };
    SDL_PushEvent(&e);
    sdl_display_refresh(s);
    CHECK(seen(n0, EV_ABS, ABS_X, INPUT_ABS_MAX));      /* right edge */
    CHECK(seen(n0, EV_ABS, ABS_Y, 100 * INPUT_ABS_MAX / 199));
    CHECK(seen(n0, EV_SYN, SYN_REPORT, 0));
    /* a click grabs, and a tablet gets the click too */
    n0 = nev;
    e = (SDL_Event){ .button = { .type = SDL_MOUSEBUTTONDOWN,
                                 .button = SDL_BUTTON_RIGHT } };
    SDL_PushEvent(&e);
    e.button.type = SDL_MOUSEBUTTONUP;
    SDL_PushEvent(&e);
    e = (SDL_Event){ .wheel = { .type = SDL_MOUSEWHEEL, .y = -2 } };
    SDL_PushEvent(&e);
    sdl_display_refresh(s);
    CHECK(s->grabbed);
    CHECK(seen(n0, EV_KEY, BTN_RIGHT, 1) && seen(n0, EV_KEY, BTN_RIGHT, 0));
    CHECK(seen(n0, EV_REL, REL_WHEEL, -2));
    /* focus loss: held keys are released, the grab ends */
    push_key(SDL_SCANCODE_LSHIFT, true, false);
    sdl_display_refresh(s);
    n0 = nev;
    e = (SDL_Event){ .window = { .type = SDL_WINDOWEVENT,
                                 .event = SDL_WINDOWEVENT_FOCUS_LOST } };
    SDL_PushEvent(&e);
    sdl_display_refresh(s);
    CHECK(seen(n0, EV_KEY, KEY_LEFTSHIFT, 0));
    CHECK(seen(n0, EV_KEY, KEY_ENTER, 0));      /* from test_keys */
    CHECK(!s->grabbed);
}

static void test_sizes(SDLDisplay *s, Display *disp)
{
    int w, h;
    SDL_GetWindowSize(s->win, &w, &h);
    CHECK(w == 320 && h == 200);        /* the framebuffer's size */
    CHECK(asked_w == 320 && asked_h == 200);
    /* the user resizes: the resizable source is offered that size */
    SDL_SetWindowSize(s->win, 640, 480);
    sdl_display_refresh(s);
    CHECK_EQ(asked_w, 640);
    CHECK_EQ(asked_h, 480);
    /* the guest's scanout appears with its own size: the window follows */
    gpu_on = true;
    sdl_display_refresh(s);
    sdl_display_refresh(s);
    SDL_GetWindowSize(s->win, &w, &h);
    CHECK(w == 200 && h == 100);
    CHECK(s->tex_w == 200 && s->tex_h == 100);
    gpu_on = false;
    sdl_display_refresh(s);
    CHECK(s->tex_w == 320);
    (void)disp;
}

static void test_state_and_close(SDLDisplay *s, VirtMachine *m)
{
    virt_set_paused(m, true);
    sdl_display_refresh(s);
    CHECK_STR(SDL_GetWindowTitle(s->win), "mimic - paused");
    virt_set_paused(m, false);
    push_simple(SDL_QUIT);
    sdl_display_refresh(s);
    CHECK(m->powerdown_pending);
    CHECK_EQ(virt_take_request(m), VIRT_REQ_NONE);
    CHECK(strstr(SDL_GetWindowTitle(s->win), "close again to quit") != NULL);
    push_simple(SDL_QUIT);
    sdl_display_refresh(s);
    CHECK_EQ(virt_take_request(m), VIRT_REQ_QUIT);
    m->powered_off = true;
    sdl_display_refresh(s);
    CHECK_STR(SDL_GetWindowTitle(s->win), "mimic - powered off");
}

int main(void)
{
    char err[256];
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    MainLoop *ml = main_loop_new();
    VirtConfig vc = { .ml = ml, .ram_size = 64 << 20, .smp = 1,
                      .gic_version = 2, .cpu_model = "cortex-a57",
                      .framebuffer = true, .fb_width = 320,
                      .fb_height = 200 };
    VirtMachine *m = virt_create(&vc, err, sizeof(err));
    Display *disp = display_new();
    Input *in = input_new();
    framebuffer_attach_display(m->fb, disp);
    display_add_source(disp, &gpu_ops, NULL, DISPLAY_PRIO_GPU);
    input_add_handler(in, &kbd_ops, NULL);
    input_add_handler(in, &tab_ops, NULL);
    SDLDisplay *s = sdl_display_open(m, disp, in, err, sizeof(err));
    CHECK(s != NULL);
    if (!s) {
        printf("%s\n", err);
        return check_summary();
    }
    CHECK_STR(SDL_GetWindowTitle(s->win), "mimic - running");
    test_keys(s);
    test_pointer(s);
    test_sizes(s, disp);
    test_state_and_close(s, m);
    sdl_display_close(s);
    virt_free(m);
    display_free(disp);
    input_free(in);
    main_loop_free(ml);
    return check_summary();
}

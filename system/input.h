/* SPDX-License-Identifier: MIT */
/*
 * Guest input routing: the host side (the SDL window, the monitor's
 * sendkey) reports keys, buttons and pointer motion as Linux evdev
 * events (linux/input-event-codes.h); the guest side (virtio-input
 * devices) registers handlers for the kinds of events it models and gets
 * them, batched, up to each sync.
 *
 *   keyboard      EV_KEY with KEY_* codes
 *   abs pointer   EV_ABS ABS_X/ABS_Y in 0..INPUT_ABS_MAX, buttons, wheel
 *   rel pointer   EV_REL REL_X/REL_Y deltas, buttons, wheel
 *
 * Everything runs on the main-loop thread.
 */
#ifndef SYSTEM_INPUT_H
#define SYSTEM_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#define INPUT_ABS_MAX 32767

enum {
    INPUT_KEYBOARD = 1,
    INPUT_ABS_POINTER = 2,
    INPUT_REL_POINTER = 4,
};

typedef struct InputHandlerOps {
    const char *name;
    unsigned kinds;                 /* INPUT_* mask */
    void (*event)(void *opaque, uint16_t type, uint16_t code, int32_t value);
    /* end of a batch (EV_SYN SYN_REPORT) */
    void (*sync)(void *opaque);
} InputHandlerOps;

typedef struct Input Input;

Input *input_new(void);
void input_free(Input *in);
void input_add_handler(Input *in, const InputHandlerOps *ops, void *opaque);
/* Any handler for these kinds? (the display grabs the pointer in relative
 * mode only if there is no absolute pointer) */
bool input_has(const Input *in, unsigned kinds);

/* Events; none reaches the guest before input_sync. */
void input_key(Input *in, uint16_t code, bool down);
/* BTN_LEFT/RIGHT/MIDDLE/SIDE/EXTRA: to both pointer kinds. */
void input_button(Input *in, uint16_t code, bool down);
/* Absolute position, each axis scaled to 0..INPUT_ABS_MAX. */
void input_abs(Input *in, uint32_t x, uint32_t y);
/* Relative motion (REL_X/REL_Y); REL_WHEEL goes to both pointer kinds. */
void input_rel(Input *in, uint16_t axis, int32_t delta);
void input_sync(Input *in);

/* Keys currently held (keyboard), for releasing them when the window
 * loses focus. */
bool input_key_is_down(const Input *in, uint16_t code);
void input_release_all(Input *in);

#endif

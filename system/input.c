/* SPDX-License-Identifier: MIT */
/*
 * Guest input routing (see input.h): fans host events out to the guest
 * devices that model their kind, and remembers which keys are held.
 */
#include <linux/input-event-codes.h>
#include <stdlib.h>
#include <string.h>
#include "input.h"

#define INPUT_MAX_HANDLERS 8

typedef struct InputHandler {
    const InputHandlerOps *ops;
    void *opaque;
    bool dirty;         /* got events since the last sync */
} InputHandler;

struct Input {
    InputHandler h[INPUT_MAX_HANDLERS];
    int n;
    uint8_t keys_down[(KEY_MAX + 8) / 8];
};

Input *input_new(void)
{
    Input *in = calloc(1, sizeof(*in));
    if (!in) {
        abort();
    }
    return in;
}

void input_free(Input *in)
{
    free(in);
}

void input_add_handler(Input *in, const InputHandlerOps *ops, void *opaque)
{
    if (in->n < INPUT_MAX_HANDLERS) {
        in->h[in->n++] = (InputHandler){ .ops = ops, .opaque = opaque };
    }
}

bool input_has(const Input *in, unsigned kinds)
{
    for (int i = 0; i < in->n; i++) {
        if (in->h[i].ops->kinds & kinds) {
            return true;
        }
    }
    return false;
}

static void send(Input *in, unsigned kinds, uint16_t type, uint16_t code,
                 int32_t value)
{
    for (int i = 0; i < in->n; i++) {
        InputHandler *h = &in->h[i];
        if (h->ops->kinds & kinds) {
            h->ops->event(h->opaque, type, code, value);
            h->dirty = true;
        }
    }
}

void input_key(Input *in, uint16_t code, bool down)
{
    if (code == 0 || code > KEY_MAX) {
        return;
    }
    uint8_t bit = (uint8_t)(1u << (code % 8));
    if (down) {
        in->keys_down[code / 8] |= bit;
    } else {
        in->keys_down[code / 8] &= (uint8_t)~bit;
    }
    send(in, INPUT_KEYBOARD, EV_KEY, code, down);
}

void input_button(Input *in, uint16_t code, bool down)
{
    send(in, INPUT_ABS_POINTER | INPUT_REL_POINTER, EV_KEY, code, down);
}

void input_abs(Input *in, uint32_t x, uint32_t y)
{
    x = x > INPUT_ABS_MAX ? INPUT_ABS_MAX : x;
    y = y > INPUT_ABS_MAX ? INPUT_ABS_MAX : y;
    send(in, INPUT_ABS_POINTER, EV_ABS, ABS_X, (int32_t)x);
    send(in, INPUT_ABS_POINTER, EV_ABS, ABS_Y, (int32_t)y);
}

void input_rel(Input *in, uint16_t axis, int32_t delta)
{
    unsigned kinds = axis == REL_WHEEL || axis == REL_HWHEEL
                     ? INPUT_ABS_POINTER | INPUT_REL_POINTER
                     : INPUT_REL_POINTER;
    if (delta) {
        send(in, kinds, EV_REL, axis, delta);
    }
}

void input_sync(Input *in)
{
    for (int i = 0; i < in->n; i++) {
        InputHandler *h = &in->h[i];
        if (h->dirty) {
            h->dirty = false;
            h->ops->event(h->opaque, EV_SYN, SYN_REPORT, 0);
            if (h->ops->sync) {
                h->ops->sync(h->opaque);
            }
        }
    }
}

bool input_key_is_down(const Input *in, uint16_t code)
{
    return code <= KEY_MAX && (in->keys_down[code / 8] >> (code % 8)) & 1;
}

void input_release_all(Input *in)
{
    for (unsigned c = 1; c <= KEY_MAX; c++) {
        if (input_key_is_down(in, (uint16_t)c)) {
            input_key(in, (uint16_t)c, false);
        }
    }
    input_sync(in);
}

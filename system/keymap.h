/* SPDX-License-Identifier: MIT */
/*
 * Key code translation into Linux input key codes (KEY_* of
 * linux/input-event-codes.h), which is what virtio-input carries:
 *  - USB HID keyboard usages (HID Usage Tables, page 0x07), which is also
 *    what SDL2's SDL_Scancode values are;
 *  - the key names the monitor's sendkey takes, QEMU's "qcode" names
 *    ("a", "ret", "ctrl", "alt_r", "f1", "kp_enter", ...).
 */
#ifndef SYSTEM_KEYMAP_H
#define SYSTEM_KEYMAP_H

#include <stdint.h>

/* 0 if the usage has no Linux key. */
uint16_t keymap_hid_to_linux(unsigned usage);
/* 0 if the name is unknown.  Also accepts "0x1e"-style raw codes. */
uint16_t keymap_name_to_linux(const char *name);
/* The sendkey name of a Linux key, NULL if it has none. */
const char *keymap_linux_name(uint16_t code);

#endif

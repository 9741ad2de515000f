/* SPDX-License-Identifier: MIT */
/*
 * Key code tables (see keymap.h).  The HID table follows the HID Usage
 * Tables 1.3, section 10 (Keyboard/Keypad page 0x07).
 */
#include <linux/input-event-codes.h>
#include <stdlib.h>
#include <string.h>
#include "keymap.h"

static const uint16_t hid_keys[] = {
    [0x04] = KEY_A, [0x05] = KEY_B, [0x06] = KEY_C, [0x07] = KEY_D,
    [0x08] = KEY_E, [0x09] = KEY_F, [0x0a] = KEY_G, [0x0b] = KEY_H,
    [0x0c] = KEY_I, [0x0d] = KEY_J, [0x0e] = KEY_K, [0x0f] = KEY_L,
    [0x10] = KEY_M, [0x11] = KEY_N, [0x12] = KEY_O, [0x13] = KEY_P,
    [0x14] = KEY_Q, [0x15] = KEY_R, [0x16] = KEY_S, [0x17] = KEY_T,
    [0x18] = KEY_U, [0x19] = KEY_V, [0x1a] = KEY_W, [0x1b] = KEY_X,
    [0x1c] = KEY_Y, [0x1d] = KEY_Z,
    [0x1e] = KEY_1, [0x1f] = KEY_2, [0x20] = KEY_3, [0x21] = KEY_4,
    [0x22] = KEY_5, [0x23] = KEY_6, [0x24] = KEY_7, [0x25] = KEY_8,
    [0x26] = KEY_9, [0x27] = KEY_0,
    [0x28] = KEY_ENTER, [0x29] = KEY_ESC, [0x2a] = KEY_BACKSPACE,
    [0x2b] = KEY_TAB, [0x2c] = KEY_SPACE, [0x2d] = KEY_MINUS,
    [0x2e] = KEY_EQUAL, [0x2f] = KEY_LEFTBRACE, [0x30] = KEY_RIGHTBRACE,
    [0x31] = KEY_BACKSLASH,
    [0x32] = KEY_BACKSLASH,     /* non-US # and ~: same position */
    [0x33] = KEY_SEMICOLON, [0x34] = KEY_APOSTROPHE, [0x35] = KEY_GRAVE,
    [0x36] = KEY_COMMA, [0x37] = KEY_DOT, [0x38] = KEY_SLASH,
    [0x39] = KEY_CAPSLOCK,
    [0x3a] = KEY_F1, [0x3b] = KEY_F2, [0x3c] = KEY_F3, [0x3d] = KEY_F4,
    [0x3e] = KEY_F5, [0x3f] = KEY_F6, [0x40] = KEY_F7, [0x41] = KEY_F8,
    [0x42] = KEY_F9, [0x43] = KEY_F10, [0x44] = KEY_F11, [0x45] = KEY_F12,
    [0x46] = KEY_SYSRQ, [0x47] = KEY_SCROLLLOCK, [0x48] = KEY_PAUSE,
    [0x49] = KEY_INSERT, [0x4a] = KEY_HOME, [0x4b] = KEY_PAGEUP,
    [0x4c] = KEY_DELETE, [0x4d] = KEY_END, [0x4e] = KEY_PAGEDOWN,
    [0x4f] = KEY_RIGHT, [0x50] = KEY_LEFT, [0x51] = KEY_DOWN,
    [0x52] = KEY_UP,
    [0x53] = KEY_NUMLOCK, [0x54] = KEY_KPSLASH, [0x55] = KEY_KPASTERISK,
    [0x56] = KEY_KPMINUS, [0x57] = KEY_KPPLUS, [0x58] = KEY_KPENTER,
    [0x59] = KEY_KP1, [0x5a] = KEY_KP2, [0x5b] = KEY_KP3, [0x5c] = KEY_KP4,
    [0x5d] = KEY_KP5, [0x5e] = KEY_KP6, [0x5f] = KEY_KP7, [0x60] = KEY_KP8,
    [0x61] = KEY_KP9, [0x62] = KEY_KP0, [0x63] = KEY_KPDOT,
    [0x64] = KEY_102ND, [0x65] = KEY_COMPOSE, [0x66] = KEY_POWER,
    [0x67] = KEY_KPEQUAL,
    [0x68] = KEY_F13, [0x69] = KEY_F14, [0x6a] = KEY_F15, [0x6b] = KEY_F16,
    [0x6c] = KEY_F17, [0x6d] = KEY_F18, [0x6e] = KEY_F19, [0x6f] = KEY_F20,
    [0x70] = KEY_F21, [0x71] = KEY_F22, [0x72] = KEY_F23, [0x73] = KEY_F24,
    [0x75] = KEY_HELP, [0x76] = KEY_MENU, [0x77] = KEY_SELECT,
    [0x78] = KEY_STOP, [0x79] = KEY_AGAIN, [0x7a] = KEY_UNDO,
    [0x7b] = KEY_CUT, [0x7c] = KEY_COPY, [0x7d] = KEY_PASTE,
    [0x7e] = KEY_FIND, [0x7f] = KEY_MUTE, [0x80] = KEY_VOLUMEUP,
    [0x81] = KEY_VOLUMEDOWN, [0x85] = KEY_KPCOMMA,
    [0x87] = KEY_RO, [0x88] = KEY_KATAKANAHIRAGANA, [0x89] = KEY_YEN,
    [0x8a] = KEY_HENKAN, [0x8b] = KEY_MUHENKAN, [0x8c] = KEY_KPJPCOMMA,
    [0x90] = KEY_HANGEUL, [0x91] = KEY_HANJA, [0x92] = KEY_KATAKANA,
    [0x93] = KEY_HIRAGANA, [0x94] = KEY_ZENKAKUHANKAKU,
    [0xe0] = KEY_LEFTCTRL, [0xe1] = KEY_LEFTSHIFT, [0xe2] = KEY_LEFTALT,
    [0xe3] = KEY_LEFTMETA, [0xe4] = KEY_RIGHTCTRL, [0xe5] = KEY_RIGHTSHIFT,
    [0xe6] = KEY_RIGHTALT, [0xe7] = KEY_RIGHTMETA,
};

uint16_t keymap_hid_to_linux(unsigned usage)
{
    return usage < sizeof(hid_keys) / sizeof(hid_keys[0]) ? hid_keys[usage]
                                                          : 0;
}

typedef struct KeyName {
    const char *name;
    uint16_t code;
} KeyName;

/* The first name of a code is the one keymap_linux_name gives. */
static const KeyName key_names[] = {
    { "a", KEY_A }, { "b", KEY_B }, { "c", KEY_C }, { "d", KEY_D },
    { "e", KEY_E }, { "f", KEY_F }, { "g", KEY_G }, { "h", KEY_H },
    { "i", KEY_I }, { "j", KEY_J }, { "k", KEY_K }, { "l", KEY_L },
    { "m", KEY_M }, { "n", KEY_N }, { "o", KEY_O }, { "p", KEY_P },
    { "q", KEY_Q }, { "r", KEY_R }, { "s", KEY_S }, { "t", KEY_T },
    { "u", KEY_U }, { "v", KEY_V }, { "w", KEY_W }, { "x", KEY_X },
    { "y", KEY_Y }, { "z", KEY_Z },
    { "1", KEY_1 }, { "2", KEY_2 }, { "3", KEY_3 }, { "4", KEY_4 },
    { "5", KEY_5 }, { "6", KEY_6 }, { "7", KEY_7 }, { "8", KEY_8 },
    { "9", KEY_9 }, { "0", KEY_0 },
    { "ret", KEY_ENTER }, { "enter", KEY_ENTER }, { "esc", KEY_ESC },
    { "backspace", KEY_BACKSPACE }, { "tab", KEY_TAB },
    { "spc", KEY_SPACE }, { "space", KEY_SPACE }, { "minus", KEY_MINUS },
    { "equal", KEY_EQUAL }, { "bracket_left", KEY_LEFTBRACE },
    { "bracket_right", KEY_RIGHTBRACE }, { "backslash", KEY_BACKSLASH },
    { "semicolon", KEY_SEMICOLON }, { "apostrophe", KEY_APOSTROPHE },
    { "grave_accent", KEY_GRAVE }, { "comma", KEY_COMMA }, { "dot", KEY_DOT },
    { "slash", KEY_SLASH }, { "caps_lock", KEY_CAPSLOCK },
    { "f1", KEY_F1 }, { "f2", KEY_F2 }, { "f3", KEY_F3 }, { "f4", KEY_F4 },
    { "f5", KEY_F5 }, { "f6", KEY_F6 }, { "f7", KEY_F7 }, { "f8", KEY_F8 },
    { "f9", KEY_F9 }, { "f10", KEY_F10 }, { "f11", KEY_F11 },
    { "f12", KEY_F12 },
    { "sysrq", KEY_SYSRQ }, { "print", KEY_SYSRQ },
    { "scroll_lock", KEY_SCROLLLOCK }, { "pause", KEY_PAUSE },
    { "insert", KEY_INSERT }, { "home", KEY_HOME }, { "pgup", KEY_PAGEUP },
    { "delete", KEY_DELETE }, { "end", KEY_END }, { "pgdn", KEY_PAGEDOWN },
    { "right", KEY_RIGHT }, { "left", KEY_LEFT }, { "down", KEY_DOWN },
    { "up", KEY_UP }, { "num_lock", KEY_NUMLOCK },
    { "kp_divide", KEY_KPSLASH }, { "kp_multiply", KEY_KPASTERISK },
    { "kp_subtract", KEY_KPMINUS }, { "kp_add", KEY_KPPLUS },
    { "kp_enter", KEY_KPENTER }, { "kp_decimal", KEY_KPDOT },
    { "kp_0", KEY_KP0 }, { "kp_1", KEY_KP1 }, { "kp_2", KEY_KP2 },
    { "kp_3", KEY_KP3 }, { "kp_4", KEY_KP4 }, { "kp_5", KEY_KP5 },
    { "kp_6", KEY_KP6 }, { "kp_7", KEY_KP7 }, { "kp_8", KEY_KP8 },
    { "kp_9", KEY_KP9 }, { "kp_equals", KEY_KPEQUAL },
    { "less", KEY_102ND }, { "menu", KEY_COMPOSE }, { "compose", KEY_COMPOSE },
    { "power", KEY_POWER },
    { "ctrl", KEY_LEFTCTRL }, { "shift", KEY_LEFTSHIFT },
    { "alt", KEY_LEFTALT }, { "meta_l", KEY_LEFTMETA },
    { "ctrl_r", KEY_RIGHTCTRL }, { "shift_r", KEY_RIGHTSHIFT },
    { "alt_r", KEY_RIGHTALT }, { "altgr", KEY_RIGHTALT },
    { "meta_r", KEY_RIGHTMETA },
};

uint16_t keymap_name_to_linux(const char *name)
{
    for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++) {
        if (!strcmp(key_names[i].name, name)) {
            return key_names[i].code;
        }
    }
    if (name[0] == '0' && (name[1] == 'x' || name[1] == 'X') && name[2]) {
        char *end;
        unsigned long v = strtoul(name, &end, 16);
        if (!*end && v > 0 && v <= KEY_MAX) {
            return (uint16_t)v;
        }
    }
    return 0;
}

const char *keymap_linux_name(uint16_t code)
{
    for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++) {
        if (key_names[i].code == code) {
            return key_names[i].name;
        }
    }
    return NULL;
}

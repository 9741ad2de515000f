/* SPDX-License-Identifier: MIT */
/*
 * The monitor (see monitor.h): reads lines from its character device,
 * with the little editing a raw terminal needs (echo, backspace, escape
 * sequences skipped), runs each as a command and writes the output back.
 * This file holds the command table and the run-control, screen and
 * keyboard commands; info is in monitor-info.c, x/xp in monitor-mem.c.
 */
#include <ctype.h>
#include <linux/input-event-codes.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "monitor-int.h"
#include "png.h"
#include "system/keymap.h"

#define MON_PROMPT "(mimic) "

typedef struct MonCmd {
    const char *name, *alias, *args, *help;
    void (*fn)(Monitor *mon, FILE *out, char *args);
} MonCmd;

static const MonCmd mon_cmds[];

/* ---- commands ---- */

static void cmd_help(Monitor *mon, FILE *out, char *args);

static void cmd_info(Monitor *mon, FILE *out, char *args)
{
    monitor_cmd_info(mon, out, args);
}

static void cmd_x(Monitor *mon, FILE *out, char *args)
{
    monitor_cmd_x(mon, out, args, false);
}

static void cmd_xp(Monitor *mon, FILE *out, char *args)
{
    monitor_cmd_x(mon, out, args, true);
}

static void cmd_cpu(Monitor *mon, FILE *out, char *args)
{
    char *end;
    long n = strtol(args, &end, 0);
    if (!*args || *end || n < 0 || n >= mon->env.m->cfg.smp) {
        fprintf(out, "cpu: give a CPU index from 0 to %d\n",
                mon->env.m->cfg.smp - 1);
        return;
    }
    mon->cpu = (int)n;
}

static void cmd_stop(Monitor *mon, FILE *out, char *args)
{
    virt_set_paused(mon->env.m, true);
}

static void cmd_cont(Monitor *mon, FILE *out, char *args)
{
    if (mon->env.m->powered_off) {
        fprintf(out, "cont: the machine is powered off (system_reset "
                "starts it again)\n");
        return;
    }
    virt_set_paused(mon->env.m, false);
}

static void cmd_quit(Monitor *mon, FILE *out, char *args)
{
    virt_request(mon->env.m, VIRT_REQ_QUIT);
}

static void cmd_reset(Monitor *mon, FILE *out, char *args)
{
    virt_request(mon->env.m, VIRT_REQ_RESET);
}

static void cmd_powerdown(Monitor *mon, FILE *out, char *args)
{
    if (mon->env.m->powered_off) {
        fprintf(out, "system_powerdown: the machine is already off\n");
        return;
    }
    virt_powerdown(mon->env.m);
}

static void cmd_screendump(Monitor *mon, FILE *out, char *args)
{
    DisplaySurface s;
    char err[512];
    if (!*args) {
        fprintf(out, "screendump: give a file name (screendump FILE.png)\n");
        return;
    }
    if (!mon->env.display || !display_surface(mon->env.display, &s)) {
        fprintf(out, "screendump: no display (use -M virt,framebuffer=on "
                "or -device virtio-gpu-device)\n");
        return;
    }
    if (!png_write_xrgb(args, s.pixels, s.width, s.height, s.stride, err,
                        sizeof(err))) {
        fprintf(out, "screendump: %s\n", err);
    }
}

/* ---- sendkey ---- */

static void release_keys(Monitor *mon)
{
    if (!mon->nheld) {
        return;
    }
    for (int i = mon->nheld - 1; i >= 0; i--) {
        input_key(mon->env.input, mon->held[i], false);
    }
    input_sync(mon->env.input);
    mon->nheld = 0;
}

static void key_timer_cb(void *opaque)
{
    release_keys(opaque);
}

/* sendkey ctrl-alt-f1 [hold_ms]: presses the keys in order, holds them,
 * releases them in reverse order. */
static void cmd_sendkey(Monitor *mon, FILE *out, char *args)
{
    uint16_t codes[MON_MAX_HELD];
    int n = 0;
    char *save = NULL, *keys = strtok_r(args, " \t", &save);
    char *hold = strtok_r(NULL, " \t", &save);
    long ms = 100;
    if (!keys) {
        fprintf(out, "sendkey: give keys, e.g. sendkey ctrl-alt-f1\n");
        return;
    }
    if (hold) {
        char *end;
        ms = strtol(hold, &end, 0);
        if (*end || ms < 0 || ms > 60000) {
            fprintf(out, "sendkey: bad hold time '%s' (milliseconds)\n",
                    hold);
            return;
        }
    }
    if (!mon->env.input || !input_has(mon->env.input, INPUT_KEYBOARD)) {
        fprintf(out, "sendkey: no keyboard (add -device "
                "virtio-keyboard-device)\n");
        return;
    }
    for (char *s2 = NULL, *k = strtok_r(keys, "-", &s2); k;
         k = strtok_r(NULL, "-", &s2)) {
        uint16_t c = keymap_name_to_linux(k);
        if (!c) {
            fprintf(out, "sendkey: unknown key '%s'\n", k);
            return;
        }
        if (n == MON_MAX_HELD) {
            fprintf(out, "sendkey: at most %d keys at once\n", MON_MAX_HELD);
            return;
        }
        codes[n++] = c;
    }
    release_keys(mon);      /* an earlier sendkey still holding */
    for (int i = 0; i < n; i++) {
        input_key(mon->env.input, codes[i], true);
        mon->held[i] = codes[i];
    }
    mon->nheld = n;
    input_sync(mon->env.input);
    MainLoop *ml = mon->env.m->ml;
    ml_timer_mod(mon->key_timer,
                 main_loop_clock_ns(ml, ML_CLOCK_HOST) + ms * 1000000);
}

/* ---- pointer ---- */

/* A display coordinate to the tablet's 0..INPUT_ABS_MAX. */
static uint32_t abs_scale(long v, uint32_t size)
{
    if (v <= 0 || size <= 1) {
        return 0;
    }
    if ((unsigned long)v >= size - 1) {
        return INPUT_ABS_MAX;
    }
    return (uint32_t)((uint64_t)v * INPUT_ABS_MAX / (size - 1));
}

static bool parse_longs(char *args, long *v, int min, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(args, " \t", &save); t;
         t = strtok_r(NULL, " \t", &save)) {
        char *end;
        if (n == max) {
            return false;
        }
        v[n++] = strtol(t, &end, 0);
        if (*end) {
            return false;
        }
    }
    return n >= min;
}

/* mouse_move x y [dz]: a tablet goes to (x, y) in display pixels, a
 * mouse moves by (x, y); dz turns the wheel (positive: up). */
static void cmd_mouse_move(Monitor *mon, FILE *out, char *args)
{
    long v[3] = { 0, 0, 0 };
    Input *in = mon->env.input;
    DisplaySurface s = { .width = 1024, .height = 768 };
    if (!parse_longs(args, v, 2, 3)) {
        fprintf(out, "mouse_move: give x y [dz]\n");
        return;
    }
    if (!in || !input_has(in, INPUT_ABS_POINTER | INPUT_REL_POINTER)) {
        fprintf(out, "mouse_move: no pointer (add -device "
                "virtio-tablet-device or virtio-mouse-device)\n");
        return;
    }
    if (mon->env.display) {
        display_surface(mon->env.display, &s);
    }
    input_abs(in, abs_scale(v[0], s.width), abs_scale(v[1], s.height));
    input_rel(in, REL_X, (int32_t)v[0]);
    input_rel(in, REL_Y, (int32_t)v[1]);
    input_rel(in, REL_WHEEL, (int32_t)v[2]);
    input_sync(in);
}

/* mouse_button state: bit 0 left, bit 1 right, bit 2 middle, as QEMU */
static void cmd_mouse_button(Monitor *mon, FILE *out, char *args)
{
    static const uint16_t btn[3] = { BTN_LEFT, BTN_RIGHT, BTN_MIDDLE };
    long v;
    Input *in = mon->env.input;
    if (!parse_longs(args, &v, 1, 1) || v < 0 || v > 7) {
        fprintf(out, "mouse_button: give a state from 0 to 7 (1 left, 2 "
                "right, 4 middle)\n");
        return;
    }
    if (!in || !input_has(in, INPUT_ABS_POINTER | INPUT_REL_POINTER)) {
        fprintf(out, "mouse_button: no pointer\n");
        return;
    }
    for (int i = 0; i < 3; i++) {
        bool down = (v >> i) & 1;
        if (down != ((mon->buttons >> i) & 1)) {
            input_button(in, btn[i], down);
        }
    }
    mon->buttons = (unsigned)v;
    input_sync(in);
}

static const MonCmd mon_cmds[] = {
    { "help", "?", "[command]", "list commands, or describe one", cmd_help },
    { "info", NULL, "subcommand", "show machine state (info alone lists "
      "what)", cmd_info },
    { "cpu", NULL, "index", "select the CPU for info registers and x",
      cmd_cpu },
    { "x", NULL, "/fmt addr", "dump virtual memory; fmt is [count]"
      "[x|d|u|o|c|i][b|h|w|g], e.g. x/4xg $sp, x/10i $pc", cmd_x },
    { "xp", NULL, "/fmt addr", "dump physical memory (formats as x)",
      cmd_xp },
    { "screendump", NULL, "file.png", "save the display as a PNG picture",
      cmd_screendump },
    { "sendkey", NULL, "keys [hold_ms]", "press keys together, e.g. "
      "sendkey ctrl-alt-f1, sendkey a (default hold 100 ms)", cmd_sendkey },
    { "mouse_move", NULL, "x y [dz]", "move the pointer: a tablet to (x, "
      "y) on the display, a mouse by (x, y)", cmd_mouse_move },
    { "mouse_button", NULL, "state", "set the buttons: 1 left, 2 right, 4 "
      "middle", cmd_mouse_button },
    { "system_powerdown", NULL, "", "press the power button (the guest "
      "decides)", cmd_powerdown },
    { "system_reset", NULL, "", "reset the machine", cmd_reset },
    { "stop", NULL, "", "pause the machine", cmd_stop },
    { "cont", "c", "", "resume the machine", cmd_cont },
    { "quit", "q", "", "leave mimic at once", cmd_quit },
    { NULL, NULL, NULL, NULL, NULL },
};

static const MonCmd *find_cmd(const char *name)
{
    for (const MonCmd *c = mon_cmds; c->name; c++) {
        if (!strcmp(c->name, name) || (c->alias && !strcmp(c->alias, name))) {
            return c;
        }
    }
    return NULL;
}

static void cmd_help(Monitor *mon, FILE *out, char *args)
{
    const MonCmd *only = *args ? find_cmd(args) : NULL;
    if (*args && !only) {
        fprintf(out, "help: no command '%s'\n", args);
        return;
    }
    for (const MonCmd *c = mon_cmds; c->name; c++) {
        if (only && c != only) {
            continue;
        }
        char head[64];
        snprintf(head, sizeof(head), "%s%s%s %s", c->name,
                 c->alias ? "|" : "", c->alias ? c->alias : "", c->args);
        fprintf(out, "%-28s -- %s\n", head, c->help);
    }
    if (!only || !strcmp(only->name, "info")) {
        monitor_info_help(out);
    }
}

void monitor_command(Monitor *mon, const char *line, FILE *out)
{
    char buf[MON_LINE_MAX];
    snprintf(buf, sizeof(buf), "%s", line);
    char *p = buf;
    while (isspace((unsigned char)*p)) {
        p++;
    }
    char *end = p + strlen(p);
    while (end > p && isspace((unsigned char)end[-1])) {
        *--end = 0;
    }
    if (!*p) {
        return;
    }
    /* the name ends at a space or at the '/' of x/4xw */
    char *args = p + strcspn(p, " \t/");
    char name[32];
    size_t nlen = (size_t)(args - p);
    snprintf(name, sizeof(name), "%.*s", (int)(nlen < 31 ? nlen : 31), p);
    while (*args == ' ' || *args == '\t') {
        args++;
    }
    const MonCmd *c = find_cmd(name);
    if (!c) {
        fprintf(out, "unknown command: '%s' (try 'help')\n", name);
        return;
    }
    c->fn(mon, out, args);
}

/* ---- the character device side ---- */

static void mon_print(Monitor *mon, const char *s, size_t len)
{
    if (mon->chr && len) {
        chardev_write(mon->chr, (const uint8_t *)s, (int)len);
    }
}

static void mon_puts(Monitor *mon, const char *s)
{
    mon_print(mon, s, strlen(s));
}

static void mon_run_line(Monitor *mon)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    mon->line[mon->len] = 0;
    if (out) {
        monitor_command(mon, mon->line, out);
        fclose(out);
        mon_print(mon, buf, len);
        free(buf);
    }
    mon->len = 0;
    mon_puts(mon, MON_PROMPT);
}

static void mon_activate(void *opaque)
{
    Monitor *mon = opaque;
    char banner[128];
    snprintf(banner, sizeof(banner), "mimic %s monitor - type 'help' for "
             "more information\n" MON_PROMPT, MIMIC_VERSION);
    mon->len = 0;
    mon_puts(mon, banner);
}

static int mon_can_read(void *opaque)
{
    return 256;     /* a full line buffer drops, never stalls, input */
}

/* One byte of terminal input. */
static void mon_byte(Monitor *mon, uint8_t c)
{
    if (mon->esc) {
        /* ESC [ ... final byte: cursor keys and the like, ignored */
        if (mon->esc == 1) {
            mon->esc = c == '[' || c == 'O' ? 2 : 0;
        } else if (c >= 0x40 && c <= 0x7e) {
            mon->esc = 0;
        }
        return;
    }
    bool was_cr = mon->last_cr;
    mon->last_cr = c == '\r';
    if (c == '\n' && was_cr) {
        return;     /* the LF of a CR LF pair */
    }
    if (c == '\r' || c == '\n') {
        if (mon->echo) {
            mon_puts(mon, "\n");
        }
        mon_run_line(mon);
    } else if (c == 0x7f || c == 0x08) {
        if (mon->len > 0) {
            mon->len--;
            if (mon->echo) {
                mon_puts(mon, "\b \b");
            }
        }
    } else if (c == 0x1b) {
        mon->esc = 1;
    } else if (c == 0x15) {     /* Ctrl-U: kill the line */
        while (mon->echo && mon->len > 0) {
            mon->len--;
            mon_puts(mon, "\b \b");
        }
        mon->len = 0;
    } else if (c >= 0x20 && mon->len < MON_LINE_MAX - 1) {
        mon->line[mon->len++] = (char)c;
        if (mon->echo) {
            mon_print(mon, (const char *)&c, 1);
        }
    }
}

static void mon_read(void *opaque, const uint8_t *buf, int len)
{
    for (int i = 0; i < len; i++) {
        mon_byte(opaque, buf[i]);
    }
}

Monitor *monitor_new(const MonitorEnv *env)
{
    Monitor *mon = calloc(1, sizeof(*mon));
    if (!mon) {
        abort();
    }
    mon->env = *env;
    mon->fmt = 'x';
    mon->size = 4;
    mon->key_timer = ml_timer_new(env->m->ml, ML_CLOCK_HOST, key_timer_cb,
                                  mon);
    return mon;
}

bool monitor_attach(Monitor *mon, Chardev *chr, bool focus)
{
    CharFrontend fe = { .can_read = mon_can_read, .read = mon_read,
                        .opaque = mon, .name = "monitor",
                        .activate = mon_activate };
    if (!chardev_attach(chr, &fe)) {
        return false;
    }
    mon->chr = chr;
    mon->echo = chardev_wants_echo(chr);
    if (focus) {
        chardev_set_focus(chr, mon);
        mon_activate(mon);
    }
    return true;
}

void monitor_free(Monitor *mon)
{
    if (mon) {
        ml_timer_free(mon->key_timer);
        free(mon);
    }
}

/* SPDX-License-Identifier: MIT */
/*
 * Inside the monitor: its state and the command groups split across
 * monitor.c (line input, dispatch, run control), monitor-info.c (info
 * subcommands) and monitor-mem.c (x, xp, address expressions).
 */
#ifndef FRONTENDS_MONITOR_INT_H
#define FRONTENDS_MONITOR_INT_H

#include "monitor.h"

#define MON_LINE_MAX 1024
#define MON_MAX_HELD 16

struct Monitor {
    MonitorEnv env;
    Chardev *chr;
    bool echo;
    char line[MON_LINE_MAX];
    int len;
    int esc;                /* inside a terminal escape sequence */
    bool last_cr;
    int cpu;                /* the current CPU (`cpu N`) */
    /* x/xp remember the last format, as gdb and QEMU do */
    char fmt;
    unsigned size;
    /* sendkey: keys held until the release timer */
    MLTimer *key_timer;
    uint16_t held[MON_MAX_HELD];
    int nheld;
    unsigned buttons;       /* mouse_button state */
};

/* The CPU hooks if the CPU side offers `member`, else NULL. */
#define MON_HOOK(mon, member)                                              \
    ((mon)->env.m->cpu_hooks ? (mon)->env.m->cpu_hooks->member : NULL)
#define MON_HOOK_OPAQUE(mon) ((mon)->env.m->cpu_hooks_opaque)

void monitor_cmd_info(Monitor *mon, FILE *out, char *args);
void monitor_info_help(FILE *out);
/* x (virtual) and xp (physical) */
void monitor_cmd_x(Monitor *mon, FILE *out, char *args, bool physical);
/* An address expression: numbers (C syntax), $reg, + - * / and (). */
bool monitor_eval(Monitor *mon, const char *s, uint64_t *val, FILE *out);

#endif

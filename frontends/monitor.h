/* SPDX-License-Identifier: MIT */
/*
 * The human monitor of mimic-system-aarch64, in the style of QEMU's HMP:
 * a command line on a character device (-monitor stdio, a unix or tcp
 * socket, or Ctrl-A c from the serial console's mux) to inspect and
 * control the machine.  Commands run on the main-loop thread between the
 * vCPUs' time slices, so the machine is quiescent while they look at it.
 */
#ifndef FRONTENDS_MONITOR_H
#define FRONTENDS_MONITOR_H

#include <stdbool.h>
#include <stdio.h>
#include "system/chardev.h"
#include "system/display.h"
#include "system/input.h"
#include "system/virt.h"

typedef struct MonitorEnv {
    VirtMachine *m;
    Display *display;       /* NULL: no screendump */
    Input *input;           /* NULL: no sendkey */
} MonitorEnv;

typedef struct Monitor Monitor;

Monitor *monitor_new(const MonitorEnv *env);
void monitor_free(Monitor *mon);
/* Serves the monitor on chr.  focus: take the terminal's input focus now
 * (-monitor stdio) and greet; otherwise it greets when Ctrl-A c or a
 * socket client reaches it.  false if chr takes no more frontends. */
bool monitor_attach(Monitor *mon, Chardev *chr, bool focus);
/* Runs one command line, writing its output to out. */
void monitor_command(Monitor *mon, const char *line, FILE *out);

#endif

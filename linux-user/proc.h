/* SPDX-License-Identifier: MIT */
/* /proc files that describe the guest (proc.c); path.c picks them. */
#ifndef LINUX_USER_PROC_H
#define LINUX_USER_PROC_H

#include "user.h"

/* Writes a file's whole contents into fd. */
typedef void (*ProcGenFn)(LinuxProcess *p, int fd);

/* The generator for /proc/self/NAME (or "cpuinfo"), NULL if the host's
 * file is right as it is. */
ProcGenFn proc_generator(const char *name);
/* An fd reading the generated contents from the start, or -errno. */
int proc_make_file(LinuxProcess *p, const char *name, ProcGenFn gen,
                   int host_flags);

#endif

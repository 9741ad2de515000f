/* SPDX-License-Identifier: MIT */
/*
 * -d / -D logging: a mask of enabled items and the log stream.  Tests of
 * the mask are a single load and branch, so logging costs nothing when off.
 */
#ifndef UTIL_LOG_H
#define UTIL_LOG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum {
    LOG_IN_ASM = 1 << 0,
    LOG_OP = 1 << 1,
    LOG_OP_OPT = 1 << 2,
    LOG_OUT_ASM = 1 << 3,
    LOG_EXEC = 1 << 4,
    LOG_CPU = 1 << 5,
    LOG_INT = 1 << 6,
    LOG_UNIMP = 1 << 7,
    LOG_STRACE = 1 << 8,
    LOG_PAGE = 1 << 9,
    LOG_NOCHAIN = 1 << 10,
    LOG_STATS = 1 << 11,
    LOG_GUEST_ERROR = 1 << 12,
    LOG_EXACT = 1 << 13,
};

extern uint32_t log_mask;
extern FILE *log_file;

static inline bool log_enabled(uint32_t item) { return log_mask & item; }
/* Parses "in_asm,op" or "help"; returns false (after printing why) on an
 * unknown item.  "help" prints the list and returns false too. */
bool log_parse_items(const char *spec, FILE *err);
bool log_set_file(const char *path);
/* -dfilter ranges: "0x1000..0x2000,0x4000+0x100" */
bool log_parse_filter(const char *spec);
bool log_filter_pass(uint64_t addr);
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* -d guest_errors: a guest did something invalid (bad register, size). */
#define log_guest_error(...)                                                \
    do {                                                                    \
        if (log_enabled(LOG_GUEST_ERROR)) {                                 \
            log_printf(__VA_ARGS__);                                        \
        }                                                                   \
    } while (0)

#endif

/* SPDX-License-Identifier: MIT */
/*
 * -d / -D logging items and the -dfilter address ranges.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include "log.h"

uint32_t log_mask;
FILE *log_file;

static const struct {
    const char *name;
    uint32_t bit;
    const char *help;
} log_items[] = {
    { "in_asm", LOG_IN_ASM, "guest disassembly of each translated block" },
    { "op", LOG_OP, "IR as generated" },
    { "op_opt", LOG_OP_OPT, "IR after optimization" },
    { "out_asm", LOG_OUT_ASM, "host disassembly of each translated block" },
    { "exec", LOG_EXEC, "each block as it runs" },
    { "cpu", LOG_CPU, "registers at each block entry" },
    { "int", LOG_INT, "exceptions and signals" },
    { "unimp", LOG_UNIMP, "unimplemented features the guest touched" },
    { "strace", LOG_STRACE, "system calls (user mode)" },
    { "page", LOG_PAGE, "guest memory mappings" },
    { "nochain", LOG_NOCHAIN, "do not chain blocks" },
    { "stats", LOG_STATS, "translation and execution counters at exit" },
    { "guest_errors", LOG_GUEST_ERROR, "invalid guest actions" },
    { "exact", LOG_EXACT, "exact guest state at every block boundary "
      "(no cross-block flag elimination)" },
};

#define N_ITEMS (sizeof(log_items) / sizeof(log_items[0]))

bool log_parse_items(const char *spec, FILE *err)
{
    char *copy = strdup(spec), *save = NULL;
    bool ok = true;
    for (char *tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        if (!strcmp(tok, "help")) {
            fprintf(err, "Log items (comma separated):\n");
            for (size_t i = 0; i < N_ITEMS; i++) {
                fprintf(err, "%-12s %s\n", log_items[i].name,
                        log_items[i].help);
            }
            ok = false;
            break;
        }
        size_t i;
        for (i = 0; i < N_ITEMS; i++) {
            if (!strcmp(tok, log_items[i].name)) {
                log_mask |= log_items[i].bit;
                break;
            }
        }
        if (i == N_ITEMS) {
            fprintf(err, "mimic: unknown log item '%s' (try -d help)\n", tok);
            ok = false;
            break;
        }
    }
    free(copy);
    return ok;
}

bool log_set_file(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        return false;
    }
    setvbuf(f, NULL, _IOFBF, 1 << 16);
    log_file = f;
    return true;
}

#define MAX_RANGES 32
static struct { uint64_t lo, hi; } ranges[MAX_RANGES];
static int nb_ranges;

bool log_parse_filter(const char *spec)
{
    const char *p = spec;
    while (*p) {
        char *end;
        uint64_t lo = strtoull(p, &end, 0), hi;
        if (end == p || nb_ranges == MAX_RANGES) {
            return false;
        }
        if (!strncmp(end, "..", 2)) {
            p = end + 2;
            hi = strtoull(p, &end, 0);
        } else if (*end == '+') {
            p = end + 1;
            hi = lo + strtoull(p, &end, 0) - 1;
        } else if (*end == '-') {
            p = end + 1;
            uint64_t len = strtoull(p, &end, 0);
            hi = lo;
            lo = lo - len + 1;
        } else {
            return false;
        }
        if (end == p) {
            return false;
        }
        ranges[nb_ranges].lo = lo;
        ranges[nb_ranges].hi = hi;
        nb_ranges++;
        p = end;
        if (*p == ',') {
            p++;
        } else if (*p) {
            return false;
        }
    }
    return true;
}

bool log_filter_pass(uint64_t addr)
{
    if (!nb_ranges) {
        return true;
    }
    for (int i = 0; i < nb_ranges; i++) {
        if (addr >= ranges[i].lo && addr <= ranges[i].hi) {
            return true;
        }
    }
    return false;
}

void log_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log_file ? log_file : stderr, fmt, ap);
    va_end(ap);
}

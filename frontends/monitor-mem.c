/* SPDX-License-Identifier: MIT */
/*
 * The monitor's memory dumps: x (virtual addresses, translated by the
 * CPU side's debug hook page by page) and xp (physical addresses), with
 * QEMU's /[count][format][size] suffix, and the address expressions they
 * take.  Only RAM and ROM are read: device registers can have side
 * effects on read (a UART's data register, a GIC acknowledge), which a
 * look from the monitor must not cause.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "monitor-int.h"
#include "util/disas.h"

#define MON_X_MAX_BYTES (64u << 10)

/* ---- expressions ----
 * sum     := product { ('+' | '-') product }
 * product := unary { ('*' | '/') unary }
 * unary   := '-' unary | '(' sum ')' | number | '$' register
 * Numbers are C literals (0x hex, 0 octal, decimal); arithmetic wraps
 * at 64 bits. */

typedef struct Expr {
    Monitor *mon;
    const char *s;
    FILE *out;
    bool ok;
} Expr;

static uint64_t expr_sum(Expr *e);

static void expr_space(Expr *e)
{
    while (isspace((unsigned char)*e->s)) {
        e->s++;
    }
}

static uint64_t expr_fail(Expr *e, const char *msg)
{
    if (e->ok) {
        fprintf(e->out, "%s at '%s'\n", msg, e->s);
    }
    e->ok = false;
    return 0;
}

static uint64_t expr_reg(Expr *e)
{
    char name[16];
    size_t n = 0;
    uint64_t v;
    while ((isalnum((unsigned char)*e->s) || *e->s == '_') && n < 15) {
        name[n++] = (char)tolower((unsigned char)*e->s++);
    }
    name[n] = 0;
    bool (*rd)(void *, int, const char *, uint64_t *) =
        MON_HOOK(e->mon, read_reg);
    if (!rd) {
        fprintf(e->out, "$%s: registers are not available (the "
                "system-mode CPU does not provide them)\n", name);
        e->ok = false;
        return 0;
    }
    if (!rd(MON_HOOK_OPAQUE(e->mon), e->mon->cpu, name, &v)) {
        fprintf(e->out, "unknown register '$%s'\n", name);
        e->ok = false;
        return 0;
    }
    return v;
}

static uint64_t expr_unary(Expr *e)
{
    expr_space(e);
    if (*e->s == '-') {
        e->s++;
        return -expr_unary(e);
    }
    if (*e->s == '(') {
        e->s++;
        uint64_t v = expr_sum(e);
        expr_space(e);
        if (*e->s != ')') {
            return expr_fail(e, "expected ')'");
        }
        e->s++;
        return v;
    }
    if (*e->s == '$') {
        e->s++;
        return expr_reg(e);
    }
    if (isdigit((unsigned char)*e->s)) {
        char *end;
        uint64_t v = strtoull(e->s, &end, 0);
        e->s = end;
        return v;
    }
    return expr_fail(e, "expected a number or $register");
}

static uint64_t expr_product(Expr *e)
{
    uint64_t v = expr_unary(e);
    for (;;) {
        expr_space(e);
        char op = *e->s;
        if (op != '*' && op != '/') {
            return v;
        }
        e->s++;
        uint64_t r = expr_unary(e);
        if (op == '/' && r == 0) {
            return expr_fail(e, "division by zero");
        }
        v = op == '*' ? v * r : v / r;
    }
}

static uint64_t expr_sum(Expr *e)
{
    uint64_t v = expr_product(e);
    for (;;) {
        expr_space(e);
        char op = *e->s;
        if (op != '+' && op != '-') {
            return v;
        }
        e->s++;
        uint64_t r = expr_product(e);
        v = op == '+' ? v + r : v - r;
    }
}

bool monitor_eval(Monitor *mon, const char *s, uint64_t *val, FILE *out)
{
    Expr e = { .mon = mon, .s = s, .out = out, .ok = true };
    uint64_t v = expr_sum(&e);
    expr_space(&e);
    if (e.ok && *e.s) {
        expr_fail(&e, "unexpected text");
    }
    if (e.ok) {
        *val = v;
    }
    return e.ok;
}

/* ---- reading ---- */

/* Physical bytes from RAM/ROM; false (with a message) elsewhere. */
static bool read_phys(Monitor *mon, uint64_t pa, uint8_t *buf, uint64_t len,
                      FILE *out)
{
    while (len) {
        uint64_t avail;
        const uint8_t *p = address_space_ram_ptr(mon->env.m->as, pa, &avail);
        if (!p) {
            MemoryRegion *mr = address_space_lookup(mon->env.m->as, pa);
            fprintf(out, "0x%016" PRIx64 ": %s\n", pa,
                    mr ? "device registers are not read by the monitor"
                       : "nothing is mapped here");
            return false;
        }
        uint64_t n = avail < len ? avail : len;
        memcpy(buf, p, n);
        buf += n;
        pa += n;
        len -= n;
    }
    return true;
}

static bool read_virt(Monitor *mon, uint64_t va, uint8_t *buf, uint64_t len,
                      FILE *out)
{
    bool (*xlate)(void *, int, uint64_t, uint64_t *) =
        MON_HOOK(mon, virt_to_phys);
    if (!xlate) {
        fprintf(out, "x: virtual addresses need the CPU's address "
                "translation, which is not available; use xp with a "
                "physical address\n");
        return false;
    }
    while (len) {
        uint64_t pa, n = MEM_PAGE_SIZE - (va & (MEM_PAGE_SIZE - 1));
        n = n < len ? n : len;
        if (!xlate(MON_HOOK_OPAQUE(mon), mon->cpu, va, &pa)) {
            fprintf(out, "Cannot access memory at virtual address 0x%016"
                    PRIx64 "\n", va);
            return false;
        }
        if (!read_phys(mon, pa, buf, n, out)) {
            return false;
        }
        buf += n;
        va += n;
        len -= n;
    }
    return true;
}

/* ---- output ---- */

static uint64_t load_le(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = size; i > 0; i--) {
        v = v << 8 | p[i - 1];
    }
    return v;
}

static void print_item(FILE *out, char fmt, const uint8_t *p, unsigned size)
{
    uint64_t v = load_le(p, size);
    int bits = (int)size * 8;
    switch (fmt) {
    case 'x':
        fprintf(out, " 0x%0*" PRIx64, (int)size * 2, v);
        break;
    case 'u':
        fprintf(out, " %" PRIu64, v);
        break;
    case 'o':
        fprintf(out, " 0%" PRIo64, v);
        break;
    case 'd': {
        int64_t sv = bits == 64 ? (int64_t)v
                                : (int64_t)(v << (64 - bits)) >> (64 - bits);
        fprintf(out, " %" PRId64, sv);
        break;
    }
    case 'c':
        if (v >= 0x20 && v < 0x7f && v != '\\' && v != '\'') {
            fprintf(out, " '%c'", (int)v);
        } else {
            fprintf(out, " '\\x%02" PRIx64 "'", v & 0xff);
        }
        break;
    }
}

static void dump_items(FILE *out, char fmt, unsigned size, uint64_t addr,
                       const uint8_t *buf, uint64_t len)
{
    unsigned per_line = fmt == 'c' ? 16 : 16 / size;
    for (uint64_t off = 0; off < len; off += (uint64_t)per_line * size) {
        fprintf(out, "%016" PRIx64 ":", addr + off);
        for (unsigned i = 0; i < per_line && off + i * size < len; i++) {
            print_item(out, fmt, buf + off + i * size, size);
        }
        fprintf(out, "\n");
    }
}

static void dump_insns(FILE *out, uint64_t addr, const uint8_t *buf,
                       uint64_t len)
{
    for (uint64_t off = 0; off + 4 <= len; off += 4) {
        uint32_t w = (uint32_t)load_le(buf + off, 4);
        char text[160];
        if (!disas_arm64_one(w, addr + off, text, sizeof(text))) {
            snprintf(text, sizeof(text), ".inst 0x%08x (undefined)", w);
        }
        size_t n = strlen(text);
        while (n && text[n - 1] == ' ') {
            text[--n] = 0;      /* "nop " has no operands */
        }
        fprintf(out, "0x%016" PRIx64 ":  %08x  %s\n", addr + off, w, text);
    }
}

/* "/[count][format][size]": updates the remembered format and size. */
static bool parse_fmt(Monitor *mon, char **argp, unsigned *count, FILE *out)
{
    char *s = *argp;
    *count = 1;
    if (*s != '/') {
        return true;
    }
    s++;
    if (isdigit((unsigned char)*s)) {
        char *end;
        unsigned long n = strtoul(s, &end, 10);
        if (n == 0 || n > MON_X_MAX_BYTES) {
            fprintf(out, "x: bad count\n");
            return false;
        }
        *count = (unsigned)n;
        s = end;
    }
    for (; *s && !isspace((unsigned char)*s); s++) {
        switch (*s) {
        case 'x': case 'd': case 'u': case 'o': case 'c': case 'i':
            mon->fmt = *s;
            break;
        case 'b': mon->size = 1; break;
        case 'h': mon->size = 2; break;
        case 'w': mon->size = 4; break;
        case 'g': mon->size = 8; break;
        default:
            fprintf(out, "x: unknown format letter '%c' (formats x d u o c "
                    "i, sizes b h w g)\n", *s);
            return false;
        }
    }
    *argp = s;
    return true;
}

void monitor_cmd_x(Monitor *mon, FILE *out, char *args, bool physical)
{
    unsigned count;
    uint64_t addr;
    if (!parse_fmt(mon, &args, &count, out)) {
        return;
    }
    if (!*args || !monitor_eval(mon, args, &addr, out)) {
        if (!*args) {
            fprintf(out, "%s: give an address, e.g. %s/4xw 0x40000000\n",
                    physical ? "xp" : "x", physical ? "xp" : "x");
        }
        return;
    }
    unsigned size = mon->fmt == 'i' ? 4 : mon->fmt == 'c' ? 1 : mon->size;
    uint64_t len = (uint64_t)count * size;
    if (len > MON_X_MAX_BYTES) {
        fprintf(out, "x: at most %u bytes at a time\n", MON_X_MAX_BYTES);
        return;
    }
    uint8_t *buf = malloc(len);
    if (!buf) {
        return;
    }
    bool ok = physical ? read_phys(mon, addr, buf, len, out)
                       : read_virt(mon, addr, buf, len, out);
    if (ok && mon->fmt == 'i') {
        dump_insns(out, addr, buf, len);
    } else if (ok) {
        dump_items(out, mon->fmt, size, addr, buf, len);
    }
    free(buf);
}

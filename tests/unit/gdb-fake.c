/* SPDX-License-Identifier: MIT */
/*
 * gdb-fake.c - the fake debug target of gdb-fake.h, implementing
 * GdbTargetOps over plain arrays.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tests/unit/gdb-fake.h"

void fake_init(FakeTarget *ft, int nthreads)
{
    memset(ft, 0, sizeof(*ft));
    ft->nthreads = nthreads;
    for (int t = 0; t < FAKE_MAX_THREADS; t++) {
        FakeCpu *c = &ft->cpu[t];
        for (int i = 0; i < 31; i++) {
            c->x[i] = 0x1111111111111111ull * (uint64_t)(i % 15) + (uint64_t)t;
        }
        c->sp = FAKE_BASE + 0xf000 - 0x100 * (uint64_t)t;
        c->pc = FAKE_BASE + 0x10 * (uint64_t)t;
        c->cpsr = 0x60000000;   /* Z and C */
        c->fpsr = 0x10;
        c->fpcr = 0x03000000;
        for (int v = 0; v < 32; v++) {
            for (int b = 0; b < 16; b++) {
                c->v[v][b] = (uint8_t)(v * 16 + b);
            }
        }
    }
    for (uint32_t off = 0; off < FAKE_MEM_SIZE; off += 4) {
        uint32_t w = FAKE_INSN_NOP;
        if (FAKE_BASE + off == FAKE_EXIT_ADDR) {
            w = FAKE_INSN_EXIT;
        } else if (FAKE_BASE + off == FAKE_SPIN_ADDR) {
            w = FAKE_INSN_SPIN;
        } else if (FAKE_BASE + off == FAKE_STORE_ADDR) {
            w = FAKE_INSN_STORE;
        }
        memcpy(&ft->mem[off], &w, 4);
    }
    atomic_store(&ft->interrupt_req, 0);
}

static FakeCpu *fake_cpu(FakeTarget *ft, int tid)
{
    return tid >= 1 && tid <= ft->nthreads ? &ft->cpu[tid - 1] : NULL;
}

static int fake_num_threads(void *o)
{
    return ((FakeTarget *)o)->nthreads;
}

static int fake_thread_id(void *o, int index)
{
    (void)o;
    return index + 1;
}

/* Returns a pointer to the register's bytes and its size. */
static void *fake_reg(FakeCpu *c, int regno, int *size)
{
    if (regno >= 0 && regno <= 30) {
        *size = 8;
        return &c->x[regno];
    }
    switch (regno) {
    case 31: *size = 8; return &c->sp;
    case 32: *size = 8; return &c->pc;
    case 33: *size = 4; return &c->cpsr;
    case 66: *size = 4; return &c->fpsr;
    case 67: *size = 4; return &c->fpcr;
    }
    if (regno >= 34 && regno < 66) {
        *size = 16;
        return c->v[regno - 34];
    }
    *size = 0;
    return NULL;
}

static int fake_read_reg(void *o, int tid, int regno, uint8_t *buf)
{
    FakeCpu *c = fake_cpu(o, tid);
    int size;
    void *p = c ? fake_reg(c, regno, &size) : NULL;

    if (!p) {
        return 0;
    }
    memcpy(buf, p, (size_t)size);    /* host and target are little-endian */
    return size;
}

static int fake_write_reg(void *o, int tid, int regno, const uint8_t *buf)
{
    FakeCpu *c = fake_cpu(o, tid);
    int size;
    void *p = c ? fake_reg(c, regno, &size) : NULL;

    if (!p) {
        return -1;
    }
    memcpy(p, buf, (size_t)size);
    return 0;
}

static bool fake_range(uint64_t addr, size_t len)
{
    return addr >= FAKE_BASE && len <= FAKE_MEM_SIZE &&
           addr - FAKE_BASE <= FAKE_MEM_SIZE - len;
}

static int fake_read_mem(void *o, uint64_t addr, uint8_t *buf, size_t len)
{
    FakeTarget *ft = o;

    if (!fake_range(addr, len)) {
        return -1;
    }
    memcpy(buf, &ft->mem[addr - FAKE_BASE], len);
    return 0;
}

static int fake_write_mem(void *o, uint64_t addr, const uint8_t *buf,
                          size_t len)
{
    FakeTarget *ft = o;

    if (!fake_range(addr, len)) {
        return -1;
    }
    memcpy(&ft->mem[addr - FAKE_BASE], buf, len);
    return 0;
}

static int fake_insert_bp(void *o, int type, uint64_t addr, uint64_t len)
{
    FakeTarget *ft = o;

    if (ft->nbp == FAKE_MAX_BPS) {
        return -1;
    }
    ft->bp[ft->nbp++] = (FakeBp){ type, addr, len };
    return 0;
}

static int fake_remove_bp(void *o, int type, uint64_t addr, uint64_t len)
{
    FakeTarget *ft = o;

    (void)len;

    for (int i = 0; i < ft->nbp; i++) {
        if (ft->bp[i].type == type && ft->bp[i].addr == addr) {
            ft->bp[i] = ft->bp[--ft->nbp];
            return 0;
        }
    }
    return -1;
}

static bool fake_bp_at(FakeTarget *ft, uint64_t pc, int *type)
{
    for (int i = 0; i < ft->nbp; i++) {
        if (ft->bp[i].type <= GDB_BP_HW && ft->bp[i].addr == pc) {
            *type = ft->bp[i].type;
            return true;
        }
    }
    return false;
}

/* A write/access watchpoint overlapping [addr, addr+8)? */
static bool fake_watch_hit(FakeTarget *ft, uint64_t addr, GdbStopReason *st)
{
    for (int i = 0; i < ft->nbp; i++) {
        FakeBp *b = &ft->bp[i];
        if ((b->type == GDB_WP_WRITE || b->type == GDB_WP_ACCESS) &&
            b->addr < addr + 8 && addr < b->addr + b->len) {
            st->cause = b->type == GDB_WP_WRITE ? GDB_CAUSE_WATCH
                                                : GDB_CAUSE_AWATCH;
            st->watch_addr = addr;
            return true;
        }
    }
    return false;
}

static uint32_t fake_insn(FakeTarget *ft, uint64_t pc)
{
    uint32_t w = 0;

    fake_read_mem(ft, pc, (uint8_t *)&w, 4);
    return w;
}

/* Runs thread tid from its pc until a breakpoint, exit or interrupt. */
static void fake_run(FakeTarget *ft, int tid, GdbStopReason *stop)
{
    FakeCpu *c = fake_cpu(ft, tid);
    int type;
    bool first = true;

    for (;;) {
        /* The breakpoint at the starting pc was just stepped over by gdb. */
        if (!first && fake_bp_at(ft, c->pc, &type)) {
            stop->cause = type == GDB_BP_SW ? GDB_CAUSE_SWBREAK
                                            : GDB_CAUSE_HWBREAK;
            return;
        }
        first = false;
        if (atomic_exchange(&ft->interrupt_req, 0)) {
            stop->signal = 2;
            return;
        }
        uint32_t w = fake_insn(ft, c->pc);
        if (w == FAKE_INSN_EXIT) {
            stop->kind = GDB_STOP_EXITED;
            stop->exit_code = (int)(c->x[0] & 0xff);
            return;
        }
        if (w == FAKE_INSN_STORE) {
            if (fake_watch_hit(ft, c->x[1], stop)) {
                return;
            }
            fake_write_mem(ft, c->x[1], (uint8_t *)&c->x[0], 8);
        }
        if (w == FAKE_INSN_SPIN) {
            struct timespec ts = { 0, 1000000 };
            nanosleep(&ts, NULL);
            continue;
        }
        c->pc += 4;
    }
}

static void fake_resume(void *o, const GdbResumeAction *acts, int n,
                        GdbStopReason *stop)
{
    FakeTarget *ft = o;
    int tid = 1;
    bool step = false;

    ft->resumes++;
    ft->last_n = n;
    memcpy(ft->last_actions, acts, (size_t)n * sizeof(*acts));
    if (ft->force) {
        *stop = ft->forced;
        atomic_store(&ft->interrupt_req, 0);
        return;
    }
    /* The toy runs one thread: the first one a step names, else thread 1. */
    for (int i = 0; i < n; i++) {
        if (acts[i].kind == GDB_RESUME_STEP && acts[i].tid > 0) {
            tid = acts[i].tid;
            step = true;
            break;
        }
        if (acts[i].kind == GDB_RESUME_STEP) {
            step = true;
        }
    }
    *stop = (GdbStopReason){ .kind = GDB_STOP_SIGNAL, .signal = 5,
                             .tid = tid };
    if (step) {
        FakeCpu *c = fake_cpu(ft, tid);
        if (fake_insn(ft, c->pc) == FAKE_INSN_STORE) {
            fake_write_mem(ft, c->x[1], (uint8_t *)&c->x[0], 8);
        }
        c->pc += 4;
    } else {
        fake_run(ft, tid, stop);
    }
    /* The target stopped: a Ctrl-C racing with that stop is satisfied. */
    atomic_store(&ft->interrupt_req, 0);
}

static void fake_interrupt(void *o)
{
    FakeTarget *ft = o;

    ft->interrupts++;
    atomic_store(&ft->interrupt_req, 1);
}

/* 48 bytes including every byte that needs escaping in a binary reply. */
static const uint8_t fake_auxv[48] = {
    6, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0,
    '#', '$', '}', '*', 0, 0, 0, 0, 0x11, 0x22, 0x33, 0x44, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static int fake_read_auxv(void *o, uint8_t *buf, size_t off, size_t len)
{
    (void)o;
    if (off >= sizeof(fake_auxv)) {
        return 0;
    }
    if (len > sizeof(fake_auxv) - off) {
        len = sizeof(fake_auxv) - off;
    }
    memcpy(buf, fake_auxv + off, len);
    return (int)len;
}

static const char *fake_exec_file(void *o)
{
    (void)o;
    return "/bin/fake-prog";
}

static int fake_monitor(void *o, const char *cmd, char *out, size_t outlen)
{
    FakeTarget *ft = o;

    if (strcmp(cmd, "help") == 0) {
        snprintf(out, outlen, "  info    show the fake target's state\n");
        return 0;
    }
    if (strcmp(cmd, "info") == 0) {
        snprintf(out, outlen, "fake target: %d threads, %d breakpoints\n",
                 ft->nthreads, ft->nbp);
        return 0;
    }
    return -1;
}

static void fake_kill(void *o)
{
    ((FakeTarget *)o)->killed++;
}

static void fake_detach(void *o)
{
    FakeTarget *ft = o;

    ft->detached++;
    ft->nbp = 0;
}

const GdbTargetOps fake_ops = {
    .num_threads = fake_num_threads,
    .thread_id = fake_thread_id,
    .read_reg = fake_read_reg,
    .write_reg = fake_write_reg,
    .read_mem = fake_read_mem,
    .write_mem = fake_write_mem,
    .insert_bp = fake_insert_bp,
    .remove_bp = fake_remove_bp,
    .resume = fake_resume,
    .interrupt = fake_interrupt,
    .read_auxv = fake_read_auxv,
    .exec_file = fake_exec_file,
    .monitor = fake_monitor,
    .kill = fake_kill,
    .detach = fake_detach,
};

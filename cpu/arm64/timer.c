/* SPDX-License-Identifier: MIT */
/*
 * The generic timer of a system-mode CPU (Arm ARM D11, "The Generic
 * Timer in AArch64 state"): the system counter on host time at CNTFRQ =
 * 1 GHz (counts are nanoseconds since the machine started), the EL1
 * physical and virtual timers (CNTP_*, CNTV_*; CNTVOFF is 0 without
 * EL2), and their outputs as level-sensitive lines to the interrupt
 * controller's PPIs.  Nothing here runs by itself: system/cpus.c asks for
 * the next deadline, sleeps or arms a host timer for it, and calls
 * a64_timer_update when it passes; register writes update at once.
 * The MRS/MSR side is in sysreg-el1.c.
 */
#include <time.h>
#include "sys.h"

#define CTL_ENABLE  1ull
#define CTL_IMASK   2ull
#define CTL_ISTATUS 4ull

uint64_t a64_host_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

uint64_t a64_cntpct(const CPUARMState *env)
{
    return a64_host_ns() - env->sys.board->counter_base_ns;
}

uint64_t a64_cntvct(const CPUARMState *env)
{
    return a64_cntpct(env);
}

static uint64_t timer_count(const CPUARMState *env, int t)
{
    return t == ARM_TIMER_VIRT ? a64_cntvct(env) : a64_cntpct(env);
}

void a64_timer_update(CPUARMState *env)
{
    const ARMBoard *b = env->sys.board;
    for (int t = 0; t < ARM_TIMER_COUNT; t++) {
        ARMGenericTimer *tm = &env->sys.timer[t];
        bool fired = timer_count(env, t) >= tm->cval;
        bool level = (tm->ctl & CTL_ENABLE) && !(tm->ctl & CTL_IMASK) &&
                     fired;
        if (level != tm->level) {
            tm->level = level;
            if (b->timer_irq) {
                b->timer_irq(b->opaque, env->sys.cpu_index, t, level);
            }
        }
    }
}

uint64_t a64_timer_deadline_ns(const CPUARMState *env)
{
    uint64_t best = UINT64_MAX;
    for (int t = 0; t < ARM_TIMER_COUNT; t++) {
        const ARMGenericTimer *tm = &env->sys.timer[t];
        if (!(tm->ctl & CTL_ENABLE) || (tm->ctl & CTL_IMASK) || tm->level) {
            continue;
        }
        /* counts are ns from counter_base_ns (CNTVOFF is 0) */
        uint64_t at = tm->cval + env->sys.board->counter_base_ns;
        if (at < tm->cval) {
            at = UINT64_MAX;   /* beyond the end of time */
        }
        if (at < best) {
            best = at;
        }
    }
    return best;
}

/* ---- register access (CNTx_CTL, CNTx_CVAL, CNTx_TVAL) ---- */

uint64_t a64_timer_read_ctl(CPUARMState *env, int t)
{
    ARMGenericTimer *tm = &env->sys.timer[t];
    bool fired = timer_count(env, t) >= tm->cval;
    return (tm->ctl & (CTL_ENABLE | CTL_IMASK)) |
           ((tm->ctl & CTL_ENABLE) && fired ? CTL_ISTATUS : 0);
}

/* TVAL is the signed 32-bit distance from the count to CVAL. */
uint64_t a64_timer_read_tval(CPUARMState *env, int t)
{
    return (uint32_t)(env->sys.timer[t].cval - timer_count(env, t));
}

void a64_timer_write(CPUARMState *env, int t, int reg, uint64_t v)
{
    ARMGenericTimer *tm = &env->sys.timer[t];
    switch (reg) {
    case 0: /* CTL: ISTATUS is read-only */
        tm->ctl = v & (CTL_ENABLE | CTL_IMASK);
        break;
    case 1: /* CVAL */
        tm->cval = v;
        break;
    default: /* TVAL */
        tm->cval = timer_count(env, t) + (uint64_t)(int64_t)(int32_t)v;
        break;
    }
    a64_timer_update(env);
    /* the vCPU loop re-arms its host timer for the new deadline */
    env->common.exit_request = 1;
}

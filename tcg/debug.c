/* SPDX-License-Identifier: MIT */
/*
 * Breakpoint and watchpoint lists for debuggers (see debug.h): requested
 * and active copies, the sync that invalidates changed translations, and
 * the access check that generated code calls while watchpoints are set.
 *
 * Lists are small sorted arrays under one mutex: the translator looks up
 * breakpoints once per instruction only while some are set, and the
 * access check runs only in blocks translated with the watch flag.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "debug.h"
#include "exec.h"
#include "tcg-op.h"

typedef struct DebugBp {
    uint64_t pc;
    uint16_t count[2];      /* inserts not yet removed: [0] sw, [1] hw */
} DebugBp;

typedef struct DebugWp {
    uint64_t addr, len;
    int kind;
    int count;
} DebugWp;

typedef struct DebugSet {
    DebugBp *bp;            /* sorted by pc */
    int nbp;
    DebugWp *wp;            /* in insertion order: the first match reports */
    int nwp;
} DebugSet;

struct TCGDebug {
    pthread_mutex_t lock;
    DebugSet req, act;
    /* read without the lock at translation time: a stale answer only
     * costs a lookup, and the state changes only while CPUs are stopped */
    volatile int act_nbp;
    volatile int act_nwp;
};

TCGDebug *tcg_debug_new(void)
{
    TCGDebug *d = calloc(1, sizeof(*d));
    if (!d) {
        return NULL;
    }
    d->req.bp = calloc(TCG_DEBUG_MAX_BP, sizeof(DebugBp));
    d->act.bp = calloc(TCG_DEBUG_MAX_BP, sizeof(DebugBp));
    d->req.wp = calloc(TCG_DEBUG_MAX_WP, sizeof(DebugWp));
    d->act.wp = calloc(TCG_DEBUG_MAX_WP, sizeof(DebugWp));
    if (!d->req.bp || !d->act.bp || !d->req.wp || !d->act.wp) {
        tcg_debug_free(d);
        return NULL;
    }
    pthread_mutex_init(&d->lock, NULL);
    return d;
}

void tcg_debug_free(TCGDebug *d)
{
    if (d) {
        free(d->req.bp);
        free(d->act.bp);
        free(d->req.wp);
        free(d->act.wp);
        free(d);
    }
}

/* Index of the first entry with pc >= the given one. */
static int bp_lower(const DebugSet *s, uint64_t pc)
{
    int lo = 0, hi = s->nbp;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (s->bp[mid].pc < pc) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

static DebugBp *bp_find(const DebugSet *s, uint64_t pc)
{
    int i = bp_lower(s, pc);
    return i < s->nbp && s->bp[i].pc == pc ? &s->bp[i] : NULL;
}

int tcg_debug_bp_insert(TCGDebug *d, uint64_t pc, int kind)
{
    int slot = kind == TCG_BP_HW;
    int ret = 0;
    pthread_mutex_lock(&d->lock);
    DebugSet *s = &d->req;
    int i = bp_lower(s, pc);
    if (i < s->nbp && s->bp[i].pc == pc) {
        if (s->bp[i].count[slot] == UINT16_MAX) {
            ret = -1;
        } else {
            s->bp[i].count[slot]++;
        }
    } else if (s->nbp == TCG_DEBUG_MAX_BP) {
        ret = -1;
    } else {
        memmove(&s->bp[i + 1], &s->bp[i], sizeof(DebugBp) * (size_t)(s->nbp - i));
        s->bp[i] = (DebugBp){ .pc = pc };
        s->bp[i].count[slot] = 1;
        s->nbp++;
    }
    pthread_mutex_unlock(&d->lock);
    return ret;
}

int tcg_debug_bp_remove(TCGDebug *d, uint64_t pc, int kind)
{
    int slot = kind == TCG_BP_HW;
    int ret = -1;
    pthread_mutex_lock(&d->lock);
    DebugSet *s = &d->req;
    DebugBp *b = bp_find(s, pc);
    if (b && b->count[slot]) {
        b->count[slot]--;
        if (!b->count[0] && !b->count[1]) {
            int i = (int)(b - s->bp);
            memmove(&s->bp[i], &s->bp[i + 1],
                    sizeof(DebugBp) * (size_t)(s->nbp - i - 1));
            s->nbp--;
        }
        ret = 0;
    }
    pthread_mutex_unlock(&d->lock);
    return ret;
}

int tcg_debug_wp_insert(TCGDebug *d, uint64_t addr, uint64_t len, int kind)
{
    int ret = 0;
    if (len == 0 || len > (1ull << 63) || kind < TCG_WATCH_WRITE ||
        kind > TCG_WATCH_ACCESS) {
        return -1;
    }
    pthread_mutex_lock(&d->lock);
    DebugSet *s = &d->req;
    int i;
    for (i = 0; i < s->nwp; i++) {
        DebugWp *w = &s->wp[i];
        if (w->addr == addr && w->len == len && w->kind == kind) {
            w->count++;
            break;
        }
    }
    if (i == s->nwp) {
        if (s->nwp == TCG_DEBUG_MAX_WP) {
            ret = -1;
        } else {
            s->wp[s->nwp++] = (DebugWp){ addr, len, kind, 1 };
        }
    }
    pthread_mutex_unlock(&d->lock);
    return ret;
}

int tcg_debug_wp_remove(TCGDebug *d, uint64_t addr, uint64_t len, int kind)
{
    int ret = -1;
    pthread_mutex_lock(&d->lock);
    DebugSet *s = &d->req;
    for (int i = 0; i < s->nwp; i++) {
        DebugWp *w = &s->wp[i];
        if (w->addr == addr && w->len == len && w->kind == kind) {
            if (--w->count == 0) {
                memmove(w, w + 1, sizeof(DebugWp) * (size_t)(s->nwp - i - 1));
                s->nwp--;
            }
            ret = 0;
            break;
        }
    }
    pthread_mutex_unlock(&d->lock);
    return ret;
}

void tcg_debug_clear(TCGDebug *d)
{
    pthread_mutex_lock(&d->lock);
    d->req.nbp = 0;
    d->req.nwp = 0;
    pthread_mutex_unlock(&d->lock);
}

/* The pcs present in exactly one of two sorted breakpoint lists (a merge
 * walk); out has room for a->nbp + b->nbp entries.  Returns the count. */
static int bp_changes(const DebugSet *a, const DebugSet *b, uint64_t *out)
{
    int i = 0, j = 0, n = 0;
    while (i < a->nbp || j < b->nbp) {
        if (j >= b->nbp || (i < a->nbp && a->bp[i].pc < b->bp[j].pc)) {
            out[n++] = a->bp[i++].pc;
        } else if (i >= a->nbp || b->bp[j].pc < a->bp[i].pc) {
            out[n++] = b->bp[j++].pc;
        } else {
            i++;
            j++;
        }
    }
    return n;
}

void tcg_debug_sync(TCGDebug *d)
{
    pthread_mutex_lock(&d->lock);
    uint64_t *changed = malloc(sizeof(uint64_t) *
                               (size_t)(d->act.nbp + d->req.nbp + 1));
    int n = changed ? bp_changes(&d->act, &d->req, changed) : 0;
    /* Blocks translated without the watch flag chain to each other and
     * would never reach a check, so turning watching on (or back off, to
     * get the fast blocks back) drops every translation. */
    bool all = !changed || (d->act.nwp > 0) != (d->req.nwp > 0);
    memcpy(d->act.bp, d->req.bp, sizeof(DebugBp) * (size_t)d->req.nbp);
    d->act.nbp = d->req.nbp;
    memcpy(d->act.wp, d->req.wp, sizeof(DebugWp) * (size_t)d->req.nwp);
    d->act.nwp = d->req.nwp;
    d->act_nbp = d->act.nbp;
    d->act_nwp = d->act.nwp;
    pthread_mutex_unlock(&d->lock);

    /* Outside the lock: the translator takes tb_lock, then ours. */
    if (all) {
        tb_invalidate_range(0, UINT64_MAX);
    } else {
        for (int i = 0; i < n; i++) {
            /* every block that covers the instruction's first byte */
            tb_invalidate_range(changed[i], changed[i] + 1);
        }
    }
    free(changed);
}

bool tcg_debug_bp_at(TCGDebug *d, uint64_t pc)
{
    return tcg_debug_bp_kinds(d, pc) != 0;
}

int tcg_debug_bp_kinds(TCGDebug *d, uint64_t pc)
{
    int kinds = 0;
    if (!d || d->act_nbp == 0) {
        return 0;
    }
    pthread_mutex_lock(&d->lock);
    const DebugBp *b = bp_find(&d->act, pc);
    if (b) {
        kinds = (b->count[0] ? TCG_BP_SW : 0) | (b->count[1] ? TCG_BP_HW : 0);
    }
    pthread_mutex_unlock(&d->lock);
    return kinds;
}

bool tcg_debug_watching(const TCGDebug *d)
{
    return d && d->act_nwp > 0;
}

void tcg_debug_counts(TCGDebug *d, int *nbp, int *nwp)
{
    pthread_mutex_lock(&d->lock);
    *nbp = d->act.nbp;
    *nwp = d->act.nwp;
    pthread_mutex_unlock(&d->lock);
}

/* Does [addr, addr+size) overlap the watched range?  Written so that
 * ranges that reach the top of the address space do not wrap. */
static bool wp_overlaps(const DebugWp *w, uint64_t addr, unsigned size)
{
    uint64_t last = addr + (size - 1);
    uint64_t wlast = w->addr + (w->len - 1);
    if (last < addr) {
        last = UINT64_MAX;
    }
    if (wlast < w->addr) {
        wlast = UINT64_MAX;
    }
    return addr <= wlast && w->addr <= last;
}

void tcg_debug_check_access(void *env, uint64_t addr, unsigned size,
                            bool is_write, uintptr_t retaddr)
{
    TCGCPUCommon *c = env;
    TCGDebug *d = c->debug;
    int want = is_write ? TCG_WATCH_WRITE : TCG_WATCH_READ;
    if (!d || c->debug_skip || size == 0) {
        return;
    }
    pthread_mutex_lock(&d->lock);
    for (int i = 0; i < d->act.nwp; i++) {
        const DebugWp *w = &d->act.wp[i];
        if ((w->kind & want) && wp_overlaps(w, addr, size)) {
            c->watch_hit_kind = (uint32_t)w->kind;
            /* gdb matches the address against its watched ranges: report
             * the first watched byte, not an access start outside them */
            c->watch_hit_addr = addr > w->addr ? addr : w->addr;
            pthread_mutex_unlock(&d->lock);
            c->exception_index = TCG_EXCP_DEBUG;
            tcg_cpu_loop_exit_restore(env, retaddr);
        }
    }
    pthread_mutex_unlock(&d->lock);
}

static void helper_debug_watch(void *env, uint64_t addr, uint64_t info)
{
    tcg_debug_check_access(env, addr, (unsigned)(info & 0xff),
                           (info & 0x100) != 0,
                           (uintptr_t)__builtin_return_address(0));
}

const TCGHelperInfo tcg_debug_watch_info = TCG_HELPER_INFO(
    helper_debug_watch, 0, false, 3, TCG_CALL_ARG_PTR, TCG_CALL_ARG_I64,
    TCG_CALL_ARG_I64);

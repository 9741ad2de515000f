/* SPDX-License-Identifier: MIT */
/*
 * The guest page map: one byte of flags per 4 KB page of the guest window
 * (mapped, the guest's PROT_* view, translated-code marks), kept in 1 GB
 * chunks allocated on first use.  Readers (the translator's instruction
 * fetch, syscall argument checks) read it without locks: chunks are
 * published once and never freed.  Writers hold page_lock.
 *
 * Self-modifying code (design.md §10): a guest-writable page that code was
 * translated from is write-protected on the host, so the guest's next
 * store faults; the fault handler drops the page's translations and lifts
 * the protection, and the store is retried.  Syscalls that let the kernel
 * write guest memory lift it first (linux_prepare_guest_write).
 *
 * Also here: names of mapped ranges and the /proc/self/maps text.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysmacros.h>
#include <ucontext.h>
#include <unistd.h>
#include "user.h"
#include "pagemap.h"
#include "tcg/exec.h"

bool linux_mem_init(LinuxProcess *p)
{
    LinuxMem *m = &p->mem;
    pthread_mutex_init(&m->mm_lock, NULL);
    pthread_mutex_init(&m->page_lock, NULL);
    m->nchunks = (size_t)((p->reserve + (1ull << (CHUNK_BITS + 12)) - 1) >>
                          (CHUNK_BITS + 12));
    m->chunks = calloc(m->nchunks, sizeof(uint8_t *));
    if (!m->chunks) {
        fprintf(stderr, "mimic: out of memory for the guest page map\n");
        return false;
    }
    m->mmap_top = m->mmap_next = p->reserve;
    return true;
}

/* Caller holds page_lock. */
void pf_set(LinuxMem *m, uint64_t pg, uint8_t v)
{
    uint8_t *c = m->chunks[pg >> CHUNK_BITS];
    if (!c) {
        if (!v) {
            return;
        }
        c = calloc(CHUNK_PAGES, 1);
        if (!c) {
            fprintf(stderr, "mimic: out of memory for the guest page map\n");
            abort();
        }
        __atomic_store_n(&m->chunks[pg >> CHUNK_BITS], c, __ATOMIC_RELEASE);
    }
    __atomic_store_n(&c[pg & (CHUNK_PAGES - 1)], v, __ATOMIC_RELAXED);
}

int linux_page_flags(LinuxProcess *p, uint64_t addr)
{
    return addr < p->reserve ? pf_get(&p->mem, addr >> 12) : 0;
}

int pf_host_prot(uint8_t f)
{
    int prot = 0;
    if (!(f & PAGE_VALID)) {
        return PROT_NONE;
    }
    /* exec needs host read: the translator reads the instructions */
    if (f & (PAGE_READ | PAGE_EXEC)) {
        prot |= PROT_READ;
    }
    if ((f & PAGE_WRITE) && !(f & PAGE_CODE)) {
        prot |= PROT_READ | PROT_WRITE;
    }
    return prot;
}

bool pf_range_any(LinuxMem *m, uint64_t start, uint64_t end, uint8_t mask)
{
    for (uint64_t pg = start >> 12; pg < (end + 4095) >> 12; pg++) {
        if (!m->chunks[pg >> CHUNK_BITS]) {
            pg |= CHUNK_PAGES - 1;
            continue;
        }
        if (pf_get(m, pg) & mask) {
            return true;
        }
    }
    return false;
}

bool pf_range_all(LinuxMem *m, uint64_t start, uint64_t end, uint8_t mask)
{
    for (uint64_t pg = start >> 12; pg < (end + 4095) >> 12; pg++) {
        if ((pf_get(m, pg) & mask) != mask) {
            return false;
        }
    }
    return true;
}

/* Applies the host protection the flags ask for, in runs of equal
 * protection.  Caller holds page_lock. */
int pf_apply_host_prot(LinuxProcess *p, uint64_t start, uint64_t end)
{
    LinuxMem *m = &p->mem;
    int err = 0;
    uint64_t run = start;
    int run_prot = pf_host_prot(pf_get(m, start >> 12));
    for (uint64_t a = start + GUEST_PAGE_SIZE; a <= end; a += GUEST_PAGE_SIZE) {
        int prot = a < end ? pf_host_prot(pf_get(m, a >> 12)) : -1;
        if (prot != run_prot) {
            if (mprotect(g2h(p, run), a - run, run_prot) < 0 && !err) {
                err = -errno;
            }
            run = a;
            run_prot = prot;
        }
    }
    return err;
}

int linux_access_ok(LinuxProcess *p, uint64_t addr, uint64_t len, bool write)
{
    if (!guest_addr_valid(p, addr, len)) {
        return 0;
    }
    if (len == 0) {
        return 1;
    }
    LinuxMem *m = &p->mem;
    for (uint64_t pg = addr >> 12; pg <= (addr + len - 1) >> 12; pg++) {
        uint8_t f = pf_get(m, pg);
        if (!(f & PAGE_VALID) ||
            !(f & (write ? PAGE_WRITE : (PAGE_READ | PAGE_WRITE)))) {
            return 0;
        }
    }
    return 1;
}

/* Clears the code mark of one page and lifts its write protection;
 * returns whether translations of the page must be dropped.  Caller holds
 * page_lock. */
static bool unmark_code_page(LinuxProcess *p, uint64_t pg)
{
    LinuxMem *m = &p->mem;
    uint8_t f = pf_get(m, pg);
    if (!(f & PAGE_CODE)) {
        return false;
    }
    f &= (uint8_t)~PAGE_CODE;
    pf_set(m, pg, f);
    mprotect(g2h(p, pg << 12), GUEST_PAGE_SIZE, pf_host_prot(f));
    return true;
}

void linux_prepare_guest_write(LinuxProcess *p, uint64_t addr, uint64_t len)
{
    LinuxMem *m = &p->mem;
    if (!len || !guest_addr_valid(p, addr, len)) {
        return;
    }
    uint64_t first = addr >> 12, last = (addr + len - 1) >> 12;
    for (uint64_t pg = first; pg <= last; pg++) {
        if (!m->chunks[pg >> CHUNK_BITS]) {
            pg |= CHUNK_PAGES - 1;
            continue;
        }
        uint8_t f = pf_get(m, pg);
        if ((f & (PAGE_CODE | PAGE_WRITE)) != (PAGE_CODE | PAGE_WRITE)) {
            continue;
        }
        pthread_mutex_lock(&m->page_lock);
        bool drop = unmark_code_page(p, pg);
        pthread_mutex_unlock(&m->page_lock);
        if (drop) {
            tb_invalidate_range(pg << 12, (pg + 1) << 12);
        }
    }
}

bool linux_handle_code_write(LinuxProcess *p, uint64_t guest_addr)
{
    LinuxMem *m = &p->mem;
    if (guest_addr >= p->reserve) {
        return false;
    }
    uint64_t pg = guest_addr >> 12;
    pthread_mutex_lock(&m->page_lock);
    uint8_t f = pf_get(m, pg);
    bool ok = (f & (PAGE_VALID | PAGE_WRITE)) == (PAGE_VALID | PAGE_WRITE);
    bool drop = false;
    if (ok) {
        drop = unmark_code_page(p, pg);
        if (!drop) {
            /* another thread lifted it already; make sure and retry */
            ok = mprotect(g2h(p, pg << 12), GUEST_PAGE_SIZE,
                          pf_host_prot(f)) == 0;
        }
    }
    pthread_mutex_unlock(&m->page_lock);
    if (drop) {
        tb_invalidate_range(pg << 12, (pg + 1) << 12);
    }
    return ok;
}

bool linux_fetch_code(CPUARMState *env, uint64_t pc, uint32_t *insn)
{
    LinuxProcess *p = env->opaque;
    LinuxMem *m = &p->mem;
    if ((pc & 3) || pc >= p->reserve) {
        return false;
    }
    uint64_t pg = pc >> 12;
    uint8_t f = pf_get(m, pg);
    if ((f & (PAGE_VALID | PAGE_EXEC)) != (PAGE_VALID | PAGE_EXEC)) {
        return false;
    }
    if (!(f & PAGE_CODE)) {
        pthread_mutex_lock(&m->page_lock);
        f = pf_get(m, pg);
        if ((f & PAGE_EXEC) && !(f & PAGE_CODE)) {
            f |= PAGE_CODE;
            pf_set(m, pg, f);
            if (f & PAGE_WRITE) {
                mprotect(g2h(p, pg << 12), GUEST_PAGE_SIZE, pf_host_prot(f));
            }
        }
        pthread_mutex_unlock(&m->page_lock);
        if (!(f & PAGE_EXEC)) {
            return false;
        }
    }
    memcpy(insn, g2h(p, pc), 4);
    return true;
}

void *lu_rptr(LinuxProcess *p, uint64_t addr, uint64_t len)
{
    return linux_access_ok(p, addr, len, false) ? g2h(p, addr) : NULL;
}

void *lu_wptr(LinuxProcess *p, uint64_t addr, uint64_t len)
{
    if (!linux_access_ok(p, addr, len, true)) {
        return NULL;
    }
    linux_prepare_guest_write(p, addr, len);
    return g2h(p, addr);
}

const char *lu_str(LinuxProcess *p, uint64_t addr, size_t max)
{
    uint64_t a = addr;
    while (a < p->reserve && a - addr <= max) {
        uint8_t f = pf_get(&p->mem, a >> 12);
        if (!(f & PAGE_VALID) || !(f & (PAGE_READ | PAGE_WRITE))) {
            return NULL;
        }
        uint64_t page_end = (a | 4095) + 1;
        const char *s = g2h(p, a);
        size_t n = strnlen(s, page_end - a);
        if (n < page_end - a) {
            return a + n - addr <= max ? g2h(p, addr) : NULL;
        }
        a = page_end;
    }
    return NULL;
}

/* ---- names of mapped ranges (for /proc/self/maps) ---- */

/* Removes [start, end) from the name list, trimming or splitting ranges
 * that overlap it.  Caller holds mm_lock. */
void vma_remove(LinuxMem *m, uint64_t start, uint64_t end)
{
    for (size_t i = 0; i < m->nvmas; i++) {
        GuestVma *v = &m->vmas[i];
        if (v->end <= start || v->start >= end) {
            continue;
        }
        if (v->start < start && v->end > end) {
            /* split: the tail becomes a new entry after this one */
            GuestVma tail = *v;
            tail.offset += end - v->start;
            tail.start = end;
            tail.name = strdup(v->name);
            v->end = start;
            vma_insert(m, &tail);
            return;
        }
        if (v->start < start) {
            v->end = start;
        } else if (v->end > end) {
            v->offset += end - v->start;
            v->start = end;
        } else {
            free(v->name);
            memmove(v, v + 1, (m->nvmas - i - 1) * sizeof(*v));
            m->nvmas--;
            i--;
        }
    }
}

/* Inserts a range known not to overlap any other.  Caller holds mm_lock. */
void vma_insert(LinuxMem *m, const GuestVma *nv)
{
    if (!nv->name) {
        return;
    }
    if (m->nvmas == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        GuestVma *v = realloc(m->vmas, cap * sizeof(*v));
        if (!v) {
            free(nv->name);
            return;
        }
        m->vmas = v;
        m->cap = cap;
    }
    size_t i = m->nvmas;
    while (i > 0 && m->vmas[i - 1].start > nv->start) {
        i--;
    }
    memmove(&m->vmas[i + 1], &m->vmas[i], (m->nvmas - i) * sizeof(*nv));
    m->vmas[i] = *nv;
    m->nvmas++;
}

/* Copies the names of [src, src+len) to dst (mremap).  Caller holds
 * mm_lock. */
void vma_copy(LinuxMem *m, uint64_t src, uint64_t len, uint64_t dst)
{
    size_t n = m->nvmas;
    for (size_t i = 0; i < n; i++) {
        GuestVma v = m->vmas[i];
        if (v.end <= src || v.start >= src + len) {
            continue;
        }
        uint64_t s = v.start > src ? v.start : src;
        uint64_t e = v.end < src + len ? v.end : src + len;
        GuestVma c = { dst + (s - src), dst + (e - src),
                       v.offset + (s - v.start), v.dev, v.ino,
                       strdup(v.name) };
        vma_insert(m, &c);
    }
}

void linux_mem_name(LinuxProcess *p, uint64_t start, uint64_t end,
                    const char *name, uint64_t offset, uint64_t dev,
                    uint64_t ino)
{
    LinuxMem *m = &p->mem;
    pthread_mutex_lock(&m->mm_lock);
    vma_remove(m, start, end);
    if (name && end > start) {
        GuestVma v = { start, end, offset, dev, ino, strdup(name) };
        vma_insert(m, &v);
    }
    pthread_mutex_unlock(&m->mm_lock);
}

static const GuestVma *vma_at(const LinuxMem *m, uint64_t addr, size_t *hint)
{
    size_t i = *hint;
    while (i < m->nvmas && m->vmas[i].end <= addr) {
        i++;
    }
    *hint = i;
    return i < m->nvmas && m->vmas[i].start <= addr ? &m->vmas[i] : NULL;
}

static void write_maps_line(int fd, uint64_t start, uint64_t end, uint8_t f,
                            const GuestVma *v)
{
    char line[4400];
    unsigned long long dev = v ? v->dev : 0;
    int n = snprintf(line, sizeof(line),
                     "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
                     (unsigned long long)start, (unsigned long long)end,
                     (f & PAGE_READ) ? 'r' : '-', (f & PAGE_WRITE) ? 'w' : '-',
                     (f & PAGE_EXEC) ? 'x' : '-', (f & PAGE_SHARED) ? 's' : 'p',
                     v && v->ino ? (unsigned long long)
                     (v->offset + (start - v->start)) : 0ull,
                     major((dev_t)dev), minor((dev_t)dev),
                     v ? (unsigned long long)v->ino : 0ull);
    if (v) {
        /* the kernel lines names up at column 73 */
        while (n < 73) {
            line[n++] = ' ';
        }
        n += snprintf(line + n, sizeof(line) - (size_t)n, "%s", v->name);
    }
    line[n++] = '\n';
    if (write(fd, line, (size_t)n) < 0) {
        return;
    }
}

void linux_mem_write_maps(LinuxProcess *p, int fd)
{
    LinuxMem *m = &p->mem;
    const uint8_t shown = PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC |
                          PAGE_SHARED;
    pthread_mutex_lock(&m->mm_lock);
    size_t hint = 0;
    uint64_t npages = p->reserve >> 12;
    uint64_t run = 0;
    uint8_t run_f = 0;
    const GuestVma *run_v = NULL;
    for (uint64_t pg = 0; pg <= npages; pg++) {
        uint8_t f = 0;
        const GuestVma *v = NULL;
        if (pg < npages && !m->chunks[pg >> CHUNK_BITS] && !run_f) {
            pg |= CHUNK_PAGES - 1;
            continue;
        }
        if (pg < npages) {
            f = pf_get(m, pg) & shown;
            v = f ? vma_at(m, pg << 12, &hint) : NULL;
        }
        if (f != run_f || v != run_v) {
            if (run_f) {
                write_maps_line(fd, run << 12, pg << 12, run_f, run_v);
            }
            run = pg;
            run_f = f;
            run_v = v;
        }
    }
    pthread_mutex_unlock(&m->mm_lock);
}

/* ---- a minimal host fault handler, until the signal code takes over ---- */

static LinuxProcess *fault_process;

static void code_write_fault(int sig, siginfo_t *si, void *uc)
{
    LinuxProcess *p = fault_process;
    uintptr_t a = (uintptr_t)si->si_addr;
    if (p && a >= p->guest_base && a - p->guest_base < p->reserve &&
        linux_handle_code_write(p, a - p->guest_base)) {
        return;
    }
    /* a tagged data address from generated code (not canonical: si_addr
     * 0, SI_KERNEL; or outside the window): retried with the tag masked */
    if (p && (si->si_code == SI_KERNEL || a < p->guest_base ||
              a - p->guest_base >= p->reserve) && p->cpu0) {
        arm_user_tbi_fault(p->cpu0, (uintptr_t)((ucontext_t *)uc)->
                           uc_mcontext.gregs[REG_RIP]);
    }
    /* a real fault: die by it as the guest would, without a core dump
     * of mimic */
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);
    signal(sig, SIG_DFL);
}

__attribute__((weak)) void linux_host_signals_init(LinuxProcess *p)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = code_write_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    fault_process = p;
    sigaction(SIGSEGV, &sa, NULL);
}

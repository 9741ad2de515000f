/* SPDX-License-Identifier: MIT */
/*
 * The guest's mapping calls: mmap, munmap, mprotect, mremap, brk.  Every
 * guest mapping is a host mapping at guest_base + address inside the
 * window; an unmapped guest page is a PROT_NONE placeholder, so the window
 * stays reserved and nothing of mimic's can land in it.  Pages the guest
 * can no longer execute, or whose contents are replaced, lose their
 * translations (tb_invalidate_range).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "user.h"
#include "pagemap.h"
#include "tcg/exec.h"

#define TARGET_PROT_BTI 0x10
#define TARGET_PROT_MTE 0x20
#define TARGET_MAP_TYPE 0x0f
/* flags passed to the host mmap as they are (same values on both) */
#define HOST_MAP_PASS (MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS | \
                       MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | \
                       MAP_STACK | MAP_HUGETLB | MAP_SYNC | MAP_LOCKED | \
                       (0x3fu << 26) /* MAP_HUGE_SHIFT size bits */)

static uint64_t page_up(uint64_t x)
{
    return (x + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
}

/* Puts the PROT_NONE placeholder back over [start, end). */
static void host_unmap(LinuxProcess *p, uint64_t start, uint64_t end)
{
    if (end > start &&
        mmap(g2h(p, start), end - start, PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1,
             0) == MAP_FAILED) {
        fprintf(stderr, "mimic: cannot release guest memory: %s\n",
                strerror(errno));
    }
}

/* Refills a range the host left empty (the source of an mremap move).
 * Not MAP_FIXED: if another host thread mapped something there in the
 * meantime, clobbering it would corrupt mimic; say so instead. */
static void host_refill(LinuxProcess *p, uint64_t start, uint64_t len)
{
    void *r = mmap(g2h(p, start), len, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE |
                   MAP_NORESERVE, -1, 0);
    if (r == MAP_FAILED) {
        fprintf(stderr, "mimic: warning: lost part of the guest address "
                "space reservation: %s\n", strerror(errno));
    }
}

/* Sets the flags of every page in [start, end).  Caller holds
 * page_lock. */
static void set_flags(LinuxMem *m, uint64_t start, uint64_t end, uint8_t f)
{
    for (uint64_t pg = start >> 12; pg < end >> 12; pg++) {
        pf_set(m, pg, f);
    }
}

/* Highest free run of npages pages inside [lo, hi) (page numbers). */
static uint64_t find_free_pages(LinuxMem *m, uint64_t lo, uint64_t hi,
                                uint64_t npages)
{
    uint64_t run_top = hi, pg = hi;
    while (pg > lo) {
        uint64_t ci = (pg - 1) >> CHUNK_BITS;
        if (!m->chunks[ci]) {
            uint64_t cstart = ci << CHUNK_BITS;
            pg = cstart > lo ? cstart : lo;
            if (run_top - pg >= npages) {
                return run_top - npages;
            }
            continue;
        }
        pg--;
        if (pf_get(m, pg)) {
            run_top = pg;
        } else if (run_top - pg >= npages) {
            return run_top - npages;
        }
    }
    return UINT64_MAX;
}

/* A free guest range of len bytes, searched top-down like Linux: below
 * the lowest address handed out, then below the mmap area's top, then
 * anywhere.  Returns 0 when the window is full.  Caller holds mm_lock. */
static uint64_t find_free(LinuxProcess *p, uint64_t len)
{
    LinuxMem *m = &p->mem;
    uint64_t n = len >> 12, lo = MMAP_MIN_ADDR >> 12;
    uint64_t tops[3] = { m->mmap_next, m->mmap_top, p->reserve };
    for (int i = 0; i < 3; i++) {
        uint64_t pg = find_free_pages(m, lo, tops[i] >> 12, n);
        if (pg != UINT64_MAX) {
            uint64_t a = pg << 12;
            if (a < m->mmap_next) {
                m->mmap_next = a;
            }
            return a;
        }
    }
    return 0;
}

static bool range_free(LinuxProcess *p, uint64_t start, uint64_t len)
{
    return start >= MMAP_MIN_ADDR && guest_addr_valid(p, start, len) &&
           !pf_range_any(&p->mem, start, start + len, PAGE_VALID);
}

/* The name a file mapping shows in /proc/self/maps: the guest's view of
 * the path (a sysroot prefix removed). */
static void name_file_range(LinuxProcess *p, uint64_t start, uint64_t end,
                            int fd, uint64_t off)
{
    char link[64], path[4096];
    struct stat st;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof(path) - 1);
    if (n < 0 || fstat(fd, &st) < 0) {
        return;
    }
    path[n] = 0;
    const char *name = path;
    const char *root = p->cfg.sysroot;
    size_t rl = root ? strlen(root) : 0;
    while (rl > 1 && root[rl - 1] == '/') {
        rl--;
    }
    if (rl > 1 && !strncmp(path, root, rl) && path[rl] == '/') {
        name = path + rl;
    }
    GuestVma v = { start, end, off, st.st_dev, st.st_ino, strdup(name) };
    vma_insert(&p->mem, &v);
}

/* Maps a file range at guest address addr: first anywhere, so a bad fd
 * or offset fails without touching the guest's old mapping, then moved
 * into place. */
static int host_map_file(LinuxProcess *p, uint64_t addr, uint64_t len,
                         int hprot, int hflags, int fd, uint64_t off)
{
    void *tmp = mmap(NULL, len, hprot, hflags, fd, (off_t)off);
    if (tmp == MAP_FAILED) {
        return -errno;
    }
    if (mremap(tmp, len, len, MREMAP_MAYMOVE | MREMAP_FIXED,
               g2h(p, addr)) != MAP_FAILED) {
        return 0;
    }
    /* some device mappings cannot move: map them in place */
    munmap(tmp, len);
    if (mmap(g2h(p, addr), len, hprot, hflags | MAP_FIXED, fd,
             (off_t)off) == MAP_FAILED) {
        int e = errno;
        host_unmap(p, addr, addr + len);
        return -e;
    }
    return 0;
}

static int check_mmap_args(uint64_t len, int prot, int flags, uint64_t off)
{
    int type = flags & TARGET_MAP_TYPE;
    if (!len || (off & ~GUEST_PAGE_MASK)) {
        return -EINVAL;
    }
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | TARGET_PROT_BTI)) {
        return -EINVAL;
    }
    if (type != MAP_SHARED && type != MAP_PRIVATE &&
        type != MAP_SHARED_VALIDATE) {
        return -EINVAL;
    }
    if (page_up(len) < len) {
        return -ENOMEM;
    }
    return 0;
}

/* Picks the guest address for a new mapping, or returns -errno. */
static int64_t place_mapping(LinuxProcess *p, uint64_t addr, uint64_t len,
                             int flags)
{
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (addr & ~GUEST_PAGE_MASK) {
            return -EINVAL;
        }
        if (addr < MMAP_MIN_ADDR) {
            return -EPERM;
        }
        if (!guest_addr_valid(p, addr, len)) {
            return -ENOMEM;
        }
        /* with both flags, NOREPLACE wins (as in Linux) */
        if ((flags & MAP_FIXED_NOREPLACE) &&
            pf_range_any(&p->mem, addr, addr + len, PAGE_VALID)) {
            return -EEXIST;
        }
        return (int64_t)addr;
    }
    addr &= GUEST_PAGE_MASK;
    if (addr && range_free(p, addr, len)) {
        return (int64_t)addr;
    }
    addr = find_free(p, len);
    return addr ? (int64_t)addr : -ENOMEM;
}

int64_t linux_mmap(LinuxProcess *p, uint64_t addr, uint64_t len, int prot,
                   int flags, int fd, uint64_t off)
{
    LinuxMem *m = &p->mem;
    int err = check_mmap_args(len, prot, flags, off);
    if (err) {
        return err;
    }
    len = page_up(len);
    bool anon = flags & MAP_ANONYMOUS;
    uint8_t f = PAGE_VALID | (anon ? PAGE_ANON : 0) |
                ((flags & TARGET_MAP_TYPE) != MAP_PRIVATE ? PAGE_SHARED : 0) |
                ((prot & PROT_READ) ? PAGE_READ : 0) |
                ((prot & PROT_WRITE) ? PAGE_WRITE : 0) |
                ((prot & PROT_EXEC) ? PAGE_EXEC : 0);
    int hflags = (flags & HOST_MAP_PASS);
    if ((flags & TARGET_MAP_TYPE) == MAP_SHARED_VALIDATE) {
        hflags = (hflags & ~(MAP_SHARED | MAP_PRIVATE)) | MAP_SHARED_VALIDATE;
    }

    pthread_mutex_lock(&m->mm_lock);
    int64_t r = place_mapping(p, addr, len, flags);
    if (r < 0) {
        pthread_mutex_unlock(&m->mm_lock);
        return r;
    }
    addr = (uint64_t)r;
    bool had_code = pf_range_any(m, addr, addr + len, PAGE_CODE | PAGE_EXEC);
    pthread_mutex_lock(&m->page_lock);
    if (anon) {
        if (mmap(g2h(p, addr), len, pf_host_prot(f), hflags | MAP_FIXED, -1,
                 0) == MAP_FAILED) {
            err = -errno;
        }
    } else {
        err = host_map_file(p, addr, len, pf_host_prot(f), hflags, fd, off);
    }
    if (!err) {
        set_flags(m, addr, addr + len, f);
    }
    pthread_mutex_unlock(&m->page_lock);
    if (!err) {
        vma_remove(m, addr, addr + len);
        if (!anon) {
            name_file_range(p, addr, addr + len, fd, off);
        }
    }
    pthread_mutex_unlock(&m->mm_lock);
    if (had_code && !err) {
        tb_invalidate_range(addr, addr + len);
    }
    return err ? err : (int64_t)addr;
}

/* Unmaps [start, end); caller holds mm_lock.  Returns whether code
 * translations of the range must be dropped. */
static bool unmap_locked(LinuxProcess *p, uint64_t start, uint64_t end)
{
    LinuxMem *m = &p->mem;
    bool had_code = pf_range_any(m, start, end, PAGE_CODE | PAGE_EXEC);
    pthread_mutex_lock(&m->page_lock);
    host_unmap(p, start, end);
    set_flags(m, start, end, 0);
    pthread_mutex_unlock(&m->page_lock);
    vma_remove(m, start, end);
    return had_code;
}

int64_t linux_munmap(LinuxProcess *p, uint64_t addr, uint64_t len)
{
    if ((addr & ~GUEST_PAGE_MASK) || !len || page_up(len) < len) {
        return -EINVAL;
    }
    if (addr >= p->reserve) {
        return 0;
    }
    uint64_t end = addr + page_up(len);
    if (end > p->reserve || end < addr) {
        end = p->reserve;
    }
    pthread_mutex_lock(&p->mem.mm_lock);
    bool had_code = unmap_locked(p, addr, end);
    pthread_mutex_unlock(&p->mem.mm_lock);
    if (had_code) {
        tb_invalidate_range(addr, end);
    }
    return 0;
}

/* New flags of each page under mprotect; returns whether translations
 * were dropped.  Caller holds page_lock. */
static bool reprotect_pages(LinuxMem *m, uint64_t addr, uint64_t end,
                            int prot)
{
    bool drop = false;
    for (uint64_t pg = addr >> 12; pg < end >> 12; pg++) {
        uint8_t f = pf_get(m, pg);
        f &= (uint8_t)~(PAGE_READ | PAGE_WRITE | PAGE_EXEC);
        f |= ((prot & PROT_READ) ? PAGE_READ : 0) |
             ((prot & PROT_WRITE) ? PAGE_WRITE : 0) |
             ((prot & PROT_EXEC) ? PAGE_EXEC : 0);
        if ((f & PAGE_CODE) && !(f & PAGE_EXEC)) {
            f &= (uint8_t)~PAGE_CODE;
            drop = true;
        }
        pf_set(m, pg, f);
    }
    return drop;
}

int64_t linux_mprotect(LinuxProcess *p, uint64_t addr, uint64_t len,
                       int prot)
{
    LinuxMem *m = &p->mem;
    if (addr & ~GUEST_PAGE_MASK) {
        return -EINVAL;
    }
    prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP);
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | TARGET_PROT_BTI)) {
        return -EINVAL;
    }
    if (page_up(len) < len) {
        return -ENOMEM;
    }
    len = page_up(len);
    if (!len) {
        return 0;
    }
    if (!guest_addr_valid(p, addr, len)) {
        return -ENOMEM;
    }
    uint64_t end = addr + len;
    pthread_mutex_lock(&m->mm_lock);
    if (!pf_range_all(m, addr, end, PAGE_VALID)) {
        pthread_mutex_unlock(&m->mm_lock);
        return -ENOMEM;
    }
    pthread_mutex_lock(&m->page_lock);
    /* the host decides whether the change is allowed (a read-only file
     * shared writable: EACCES) */
    int hprot = pf_host_prot(PAGE_VALID | PAGE_READ |
                             ((prot & PROT_WRITE) ? PAGE_WRITE : 0));
    if (!(prot & (PROT_READ | PROT_WRITE | PROT_EXEC))) {
        hprot = PROT_NONE;
    }
    int64_t r = 0;
    bool drop = false;
    if (mprotect(g2h(p, addr), len, hprot) < 0) {
        r = -errno;
    } else {
        drop = reprotect_pages(m, addr, end, prot);
    }
    pf_apply_host_prot(p, addr, end);
    pthread_mutex_unlock(&m->page_lock);
    pthread_mutex_unlock(&m->mm_lock);
    if (drop) {
        tb_invalidate_range(addr, end);
    }
    return r;
}

/* Moves the pages of [old, old+old_len) to new_addr, growing them to
 * new_len (the host moves the page tables, not the data).  Caller holds
 * mm_lock; new range is free or may be replaced. */
static int move_pages(LinuxProcess *p, uint64_t old, uint64_t old_len,
                      uint64_t new_addr, uint64_t new_len)
{
    LinuxMem *m = &p->mem;
    pthread_mutex_lock(&m->page_lock);
    void *r = mremap(g2h(p, old), old_len, new_len,
                     MREMAP_MAYMOVE | MREMAP_FIXED, g2h(p, new_addr));
    if (r == MAP_FAILED) {
        int e = errno;
        pthread_mutex_unlock(&m->page_lock);
        return -e;
    }
    host_refill(p, old, old_len);
    uint8_t f = pf_get(m, (old + old_len - 1) >> 12);
    for (uint64_t i = 0; i < new_len >> 12; i++) {
        uint8_t nf = i < old_len >> 12 ? pf_get(m, (old >> 12) + i) : f;
        pf_set(m, (new_addr >> 12) + i, nf & (uint8_t)~PAGE_CODE);
    }
    set_flags(m, old, old + old_len, 0);
    pf_apply_host_prot(p, new_addr, new_addr + new_len);
    pthread_mutex_unlock(&m->page_lock);
    vma_copy(m, old, old_len, new_addr);
    vma_remove(m, old, old + old_len);
    return 0;
}

/* Grows a mapping where it is: anonymous private memory simply gets more
 * pages; anything else (a file, shared memory) goes through a temporary
 * place so the host extends the same object. */
static int grow_in_place(LinuxProcess *p, uint64_t old, uint64_t old_len,
                         uint64_t new_len)
{
    LinuxMem *m = &p->mem;
    uint8_t f = pf_get(m, (old + old_len - 1) >> 12);
    if ((f & PAGE_ANON) && !(f & PAGE_SHARED)) {
        uint8_t nf = f & (uint8_t)~PAGE_CODE;
        pthread_mutex_lock(&m->page_lock);
        void *r = mmap(g2h(p, old + old_len), new_len - old_len,
                       pf_host_prot(nf),
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (r != MAP_FAILED) {
            set_flags(m, old + old_len, old + new_len, nf);
        }
        pthread_mutex_unlock(&m->page_lock);
        return r == MAP_FAILED ? -ENOMEM : 0;
    }
    uint64_t tmp = find_free(p, new_len);
    if (!tmp) {
        return -ENOMEM;
    }
    int e = move_pages(p, old, old_len, tmp, new_len);
    if (!e) {
        e = move_pages(p, tmp, new_len, old, new_len);
    }
    return e;
}

static int64_t mremap_locked(LinuxProcess *p, uint64_t old, uint64_t old_len,
                             uint64_t new_len, int flags, uint64_t new_addr,
                             bool *drop)
{
    LinuxMem *m = &p->mem;
    if (!guest_addr_valid(p, old, old_len) ||
        !pf_range_all(m, old, old + old_len, PAGE_VALID)) {
        return -EFAULT;
    }
    *drop = pf_range_any(m, old, old + old_len, PAGE_CODE | PAGE_EXEC);
    if (flags & MREMAP_FIXED) {
        if ((new_addr & ~GUEST_PAGE_MASK) || new_addr < MMAP_MIN_ADDR) {
            return -EINVAL;
        }
        if (!guest_addr_valid(p, new_addr, new_len)) {
            return -ENOMEM;
        }
        if (new_addr < old + old_len && old < new_addr + new_len) {
            return -EINVAL;
        }
        *drop |= unmap_locked(p, new_addr, new_addr + new_len);
        int e = move_pages(p, old, old_len, new_addr, new_len);
        return e ? e : (int64_t)new_addr;
    }
    if (new_len <= old_len) {
        if (new_len < old_len) {
            unmap_locked(p, old + new_len, old + old_len);
        }
        return (int64_t)old;
    }
    if (range_free(p, old + old_len, new_len - old_len)) {
        int e = grow_in_place(p, old, old_len, new_len);
        return e ? e : (int64_t)old;
    }
    if (!(flags & MREMAP_MAYMOVE)) {
        *drop = false;
        return -ENOMEM;
    }
    uint64_t dst = find_free(p, new_len);
    if (!dst) {
        return -ENOMEM;
    }
    int e = move_pages(p, old, old_len, dst, new_len);
    return e ? e : (int64_t)dst;
}

int64_t linux_mremap(LinuxProcess *p, uint64_t old, uint64_t old_len,
                     uint64_t new_len, int flags, uint64_t new_addr)
{
    if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) {
        return -EINVAL;     /* MREMAP_DONTUNMAP is not supported */
    }
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) {
        return -EINVAL;
    }
    if ((old & ~GUEST_PAGE_MASK) || page_up(new_len) < new_len ||
        page_up(old_len) < old_len) {
        return -EINVAL;
    }
    old_len = page_up(old_len);
    new_len = page_up(new_len);
    if (!new_len || !old_len) {
        return -EINVAL;     /* old_len 0 (duplicate shared) unsupported */
    }
    bool drop = false;
    pthread_mutex_lock(&p->mem.mm_lock);
    int64_t r = mremap_locked(p, old, old_len, new_len, flags, new_addr,
                              &drop);
    pthread_mutex_unlock(&p->mem.mm_lock);
    if (drop && r >= 0) {
        tb_invalidate_range(old, old + old_len);
        if (flags & MREMAP_FIXED) {
            tb_invalidate_range(new_addr, new_addr + new_len);
        }
    }
    return r;
}

/* [heap] label of the brk area for /proc/self/maps.  Caller holds
 * mm_lock. */
static void name_heap(LinuxProcess *p, uint64_t old_end, uint64_t new_end)
{
    LinuxMem *m = &p->mem;
    vma_remove(m, p->brk_start, old_end > new_end ? old_end : new_end);
    if (new_end > p->brk_start) {
        GuestVma v = { p->brk_start, new_end, 0, 0, 0, strdup("[heap]") };
        vma_insert(m, &v);
    }
}

int64_t linux_brk(LinuxProcess *p, uint64_t want)
{
    LinuxMem *m = &p->mem;
    bool drop = false;
    pthread_mutex_lock(&m->mm_lock);
    uint64_t old_end = page_up(p->brk), new_end = page_up(want);
    if (want < p->brk_start || !guest_addr_valid(p, p->brk_start,
                                                 want - p->brk_start)) {
        goto out;
    }
    if (new_end > old_end) {
        if (pf_range_any(m, old_end, new_end, PAGE_VALID)) {
            goto out;
        }
        uint8_t f = PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE;
        pthread_mutex_lock(&m->page_lock);
        void *r = mmap(g2h(p, old_end), new_end - old_end, pf_host_prot(f),
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (r != MAP_FAILED) {
            set_flags(m, old_end, new_end, f);
        }
        pthread_mutex_unlock(&m->page_lock);
        if (r == MAP_FAILED) {
            goto out;
        }
    } else if (new_end < old_end) {
        drop = unmap_locked(p, new_end, old_end);
    }
    name_heap(p, old_end, new_end);
    p->brk = want;
out:
    pthread_mutex_unlock(&m->mm_lock);
    if (drop) {
        tb_invalidate_range(new_end, old_end);
    }
    return (int64_t)p->brk;
}

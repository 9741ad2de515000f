/* SPDX-License-Identifier: MIT */
/*
 * Memory system calls: the mapping calls (mmap.c does the work), advice,
 * locking, residency, and System V shared memory placed inside the guest
 * window.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>
#include "syscall-defs.h"
#include "pagemap.h"
#include "tcg/exec.h"

static int64_t sys_mmap(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return linux_mmap(p, a[0], a[1], (int)a[2], (int)a[3], (int)a[4], a[5]);
}

static int64_t sys_munmap(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return linux_munmap(p, a[0], a[1]);
}

static int64_t sys_mprotect(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    return linux_mprotect(p, a[0], a[1], (int)a[2]);
}

static int64_t sys_mremap(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return linux_mremap(p, a[0], a[1], a[2], (int)a[3], a[4]);
}

static int64_t sys_brk(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    return linux_brk(p, a[0]);
}

/* A page-aligned range inside the window whose pages are all mapped:
 * 0, or the error the kernel gives (EINVAL for a bad address, ENOMEM for
 * holes). */
static int check_mapped(LinuxProcess *p, uint64_t addr, uint64_t len,
                        uint64_t *end)
{
    if (addr & ~GUEST_PAGE_MASK) {
        return -EINVAL;
    }
    uint64_t l = (len + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
    if (l < len || !guest_addr_valid(p, addr, l)) {
        return -ENOMEM;
    }
    *end = addr + l;
    if (l && !pf_range_all(&p->mem, addr, addr + l, PAGE_VALID)) {
        return -ENOMEM;
    }
    return 0;
}

static int64_t sys_madvise(LinuxProcess *p, CPUARMState *env,
                           const uint64_t *a)
{
    uint64_t end;
    int advice = (int)a[2];
    int e = check_mapped(p, a[0], a[1], &end);
    if (e == -EINVAL) {
        return e;
    }
    if (end == a[0]) {
        return 0;
    }
    switch (advice) {
    case MADV_DONTFORK: case MADV_DOFORK:
        /* a hole in the child's window would let its host allocations
         * land there: keep guest memory inherited */
        return e;
    case MADV_DONTNEED: case MADV_FREE: case MADV_REMOVE:
        if (!guest_addr_valid(p, a[0], end - a[0])) {
            return -ENOMEM;
        }
        if (madvise(g2h(p, a[0]), end - a[0], advice) < 0) {
            return -errno;
        }
        /* the contents change (anonymous pages read as zero again) */
        if (pf_range_any(&p->mem, a[0], end, PAGE_CODE | PAGE_EXEC)) {
            tb_invalidate_range(a[0], end);
        }
        return e;
    default:
        if (!guest_addr_valid(p, a[0], end - a[0])) {
            return -ENOMEM;
        }
        if (madvise(g2h(p, a[0]), end - a[0], advice) < 0) {
            return -errno;
        }
        return e;
    }
}

static int64_t sys_msync(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    uint64_t end;
    int e = check_mapped(p, a[0], a[1], &end);
    if (e) {
        return e;
    }
    return host_ret(msync(g2h(p, a[0]), end - a[0], (int)a[2]));
}

/* mlock and friends: checked, then treated as done.  Locking the host
 * pages would also lock mimic's reservation (mlockall) or run into
 * RLIMIT_MEMLOCK for no guest-visible gain. */
static int64_t sys_mlock(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    uint64_t end;
    uint64_t addr = a[0] & GUEST_PAGE_MASK;
    return check_mapped(p, addr, a[1] + (a[0] - addr), &end);
}

static int64_t sys_mlockall(LinuxProcess *p, CPUARMState *env,
                            const uint64_t *a)
{
    return (a[0] & ~7ull) || !a[0] ? -EINVAL : 0;
}

static int64_t sys_munlockall(LinuxProcess *p, CPUARMState *env,
                              const uint64_t *a)
{
    return 0;
}

static int64_t sys_mincore(LinuxProcess *p, CPUARMState *env,
                           const uint64_t *a)
{
    uint64_t end;
    int e = check_mapped(p, a[0], a[1], &end);
    if (e) {
        return e;
    }
    unsigned char *vec = lu_wptr(p, a[2], (end - a[0]) >> 12);
    if (!vec) {
        return -EFAULT;
    }
    return host_ret(mincore(g2h(p, a[0]), end - a[0], vec));
}

/* ---- System V shared memory ---- */

/* Attached segments, to know their size at shmdt. */
typedef struct ShmAttach {
    uint64_t addr, len;
} ShmAttach;
static ShmAttach shm_attached[128];
static pthread_mutex_t shm_lock = PTHREAD_MUTEX_INITIALIZER;

static int64_t sys_shmget(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return host_ret(shmget((key_t)a[0], a[1], (int)a[2]));
}

static int64_t sys_shmctl(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    int cmd = (int)a[1] & ~0x100;       /* IPC_64 is implied on 64-bit */
    void *buf = NULL;
    switch (cmd) {
    case IPC_RMID:
        break;
    case IPC_SET:
        buf = lu_rptr(p, a[2], sizeof(struct shmid_ds));
        break;
    case IPC_STAT: case SHM_STAT: case SHM_STAT_ANY:
        buf = lu_wptr(p, a[2], sizeof(struct shmid_ds));
        break;
    case IPC_INFO: case SHM_INFO:
        buf = lu_wptr(p, a[2], sizeof(struct shminfo));
        break;
    case SHM_LOCK: case SHM_UNLOCK:
        return 0;
    default:
        return -EINVAL;
    }
    if (!buf && cmd != IPC_RMID) {
        return -EFAULT;
    }
    /* shmid_ds and shminfo have the same layout on arm64 and x86-64 */
    return host_ret(shmctl((int)a[0], cmd, buf));
}

static int64_t sys_shmat(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    struct shmid_ds ds;
    int flags = (int)a[2];
    if (shmctl((int)a[0], IPC_STAT, &ds) < 0) {
        return -errno;
    }
    uint64_t len = (ds.shm_segsz + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
    uint64_t addr = a[1];
    if (addr && (flags & SHM_RND)) {
        addr &= ~(uint64_t)(SHMLBA - 1);
    }
    /* reserve the guest range with an ordinary mapping, then attach over
     * it (SHM_REMAP) */
    int prot = PROT_READ | ((flags & SHM_RDONLY) ? 0 : PROT_WRITE) |
               ((flags & SHM_EXEC) ? PROT_EXEC : 0);
    int64_t r = linux_mmap(p, addr, len, prot, MAP_SHARED | MAP_ANONYMOUS |
                           (addr ? MAP_FIXED : 0), -1, 0);
    if (r < 0) {
        return r;
    }
    void *h = shmat((int)a[0], g2h(p, (uint64_t)r),
                    (flags & (SHM_RDONLY | SHM_EXEC)) | SHM_REMAP);
    if (h == (void *)-1) {
        int e = errno;
        linux_munmap(p, (uint64_t)r, len);
        return -e;
    }
    pthread_mutex_lock(&shm_lock);
    for (int i = 0; i < 128; i++) {
        if (!shm_attached[i].len) {
            shm_attached[i] = (ShmAttach){ (uint64_t)r, len };
            break;
        }
    }
    pthread_mutex_unlock(&shm_lock);
    return r;
}

static int64_t sys_shmdt(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    uint64_t len = 0;
    pthread_mutex_lock(&shm_lock);
    for (int i = 0; i < 128; i++) {
        if (shm_attached[i].len && shm_attached[i].addr == a[0]) {
            len = shm_attached[i].len;
            shm_attached[i].len = 0;
            break;
        }
    }
    pthread_mutex_unlock(&shm_lock);
    if (!len) {
        return -EINVAL;
    }
    return linux_munmap(p, a[0], len);
}

static int64_t sys_enosys(LinuxProcess *p, CPUARMState *env,
                          const uint64_t *a)
{
    return -ENOSYS;
}

const SyscallEntry syscalls_mem[] = {
    { 194, "shmget", "xux", sys_shmget },
    { 195, "shmctl", "ddp", sys_shmctl },
    { 196, "shmat", "dpx", sys_shmat },
    { 197, "shmdt", "p", sys_shmdt },
    { 214, "brk", "p", sys_brk },
    { 215, "munmap", "pu", sys_munmap },
    { 216, "mremap", "puuxp", sys_mremap },
    { 222, "mmap", "puxxfx", sys_mmap },
    { 226, "mprotect", "pux", sys_mprotect },
    { 227, "msync", "pux", sys_msync },
    { 228, "mlock", "pu", sys_mlock },
    { 229, "munlock", "pu", sys_mlock },
    { 230, "mlockall", "x", sys_mlockall },
    { 231, "munlockall", "", sys_munlockall },
    { 232, "mincore", "pup", sys_mincore },
    { 233, "madvise", "pud", sys_madvise },
    { 234, "remap_file_pages", "puddx", sys_enosys },
    { 235, "mbind", "puxpux", sys_enosys },
    { 236, "get_mempolicy", "ppuxx", sys_enosys },
    { 237, "set_mempolicy", "dpu", sys_enosys },
    { 284, "mlock2", "pux", sys_mlock },
    { 288, "pkey_mprotect", "puxd", sys_enosys },
    { 289, "pkey_alloc", "xx", sys_enosys },
    { 290, "pkey_free", "d", sys_enosys },
    SYSCALL_END
};

/* SPDX-License-Identifier: MIT */
/*
 * What gdb reads and changes while the guest process is stopped: the thread
 * list, registers, memory (through the guest window, never faulting mimic),
 * breakpoints and watchpoints (tcg/debug.h: in the translator, memory is
 * never patched), auxv, the program path and monitor commands.  Run
 * control lives in gdb-user.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>
#include "gdb-user-int.h"
#include "cpu/arm64/gdb-regs.h"
#include "tcg/exec.h"

/* ---- Threads ------------------------------------------------------------ */

int gdb_user_num_threads(void *opaque)
{
    GdbUser *g = opaque;
    pthread_mutex_lock(&g->p->cpus_lock);
    int n = g->p->ncpus;
    pthread_mutex_unlock(&g->p->cpus_lock);
    return n;
}

int gdb_user_thread_id(void *opaque, int index)
{
    GdbUser *g = opaque;
    int tid = -1;
    pthread_mutex_lock(&g->p->cpus_lock);
    LinuxCpu *t = g->p->cpus;
    for (int i = 0; t && i < index; i++) {
        t = t->next;
    }
    if (t) {
        tid = t->tid;
    }
    pthread_mutex_unlock(&g->p->cpus_lock);
    return tid;
}

CPUARMState *gdb_user_env_of(GdbUser *g, int tid)
{
    CPUARMState *env = NULL;
    pthread_mutex_lock(&g->p->cpus_lock);
    for (LinuxCpu *t = g->p->cpus; t; t = t->next) {
        if (t->tid == tid) {
            env = t->env;
            break;
        }
    }
    pthread_mutex_unlock(&g->p->cpus_lock);
    return env;
}

/* ---- Registers ---------------------------------------------------------- */

int gdb_user_read_reg(void *opaque, int tid, int regno, uint8_t *buf)
{
    CPUARMState *env = gdb_user_env_of(opaque, tid);
    return env ? a64_gdb_read_reg(env, regno, buf) : 0;
}

int gdb_user_write_reg(void *opaque, int tid, int regno, const uint8_t *buf)
{
    CPUARMState *env = gdb_user_env_of(opaque, tid);
    return env ? a64_gdb_write_reg(env, regno, buf) : -1;
}

/* ---- Memory ------------------------------------------------------------- */

/*
 * The guest window is mostly PROT_NONE and guest pages may be unmapped at
 * any time, so gdb's accesses go through the kernel, which checks the
 * mapping and protection instead of faulting: process_vm_readv on
 * ourselves reads only what the guest could read.
 */
static bool host_read(void *dst, const void *src, size_t len)
{
    struct iovec local = { dst, len };
    struct iovec remote = { (void *)src, len };
    return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) ==
           (ssize_t)len;
}

int gdb_user_read_mem(void *opaque, uint64_t addr, uint8_t *buf, size_t len)
{
    GdbUser *g = opaque;
    if (!guest_addr_valid(g->p, addr, len)) {
        return -1;
    }
    return host_read(buf, g2h(g->p, addr), len) ? 0 : -1;
}

/* Like a debugger's ptrace pokes, writes also reach read-only pages (code,
 * constants) as long as they are mapped and readable: /proc/self/mem
 * writes with the kernel's FOLL_FORCE.  An unreadable page is refused. */
static bool host_write(void *dst, const void *src, size_t len)
{
    struct iovec local = { (void *)src, len };
    struct iovec remote = { dst, len };
    if (process_vm_writev(getpid(), &local, 1, &remote, 1, 0) ==
        (ssize_t)len) {
        return true;
    }
    uint8_t probe[256];
    for (size_t off = 0; off < len; off += sizeof(probe)) {
        size_t n = len - off < sizeof(probe) ? len - off : sizeof(probe);
        if (!host_read(probe, (const char *)dst + off, n)) {
            return false;
        }
    }
    int fd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    ssize_t w = pwrite(fd, src, len, (off_t)(uintptr_t)dst);
    close(fd);
    return w == (ssize_t)len;
}

int gdb_user_write_mem(void *opaque, uint64_t addr, const uint8_t *buf,
                       size_t len)
{
    GdbUser *g = opaque;
    if (!guest_addr_valid(g->p, addr, len)) {
        return -1;
    }
    /* code pages the guest may write are write-protected while they
     * have translations: this drops both, as for a guest write */
    linux_prepare_guest_write(g->p, addr, len);
    if (!host_write(g2h(g->p, addr), buf, len)) {
        return -1;
    }
    /* the bytes may be code that is already translated */
    tb_invalidate_range(addr, addr + len);
    return 0;
}

/* ---- Breakpoints and watchpoints ---------------------------------------- */

static int gdb_user_bp(GdbUser *g, bool insert, int type, uint64_t addr,
                       uint64_t len)
{
    static const int watch_kind[] = {
        [GDB_WP_WRITE] = TCG_WATCH_WRITE, [GDB_WP_READ] = TCG_WATCH_READ,
        [GDB_WP_ACCESS] = TCG_WATCH_ACCESS,
    };
    switch (type) {
    case GDB_BP_SW:
    case GDB_BP_HW: {
        int kind = type == GDB_BP_SW ? TCG_BP_SW : TCG_BP_HW;
        return insert ? tcg_debug_bp_insert(g->debug, addr, kind)
                      : tcg_debug_bp_remove(g->debug, addr, kind);
    }
    case GDB_WP_WRITE:
    case GDB_WP_READ:
    case GDB_WP_ACCESS:
        if (len == 0 || !guest_addr_valid(g->p, addr, len)) {
            return -1;
        }
        return insert ? tcg_debug_wp_insert(g->debug, addr, len,
                                            watch_kind[type])
                      : tcg_debug_wp_remove(g->debug, addr, len,
                                            watch_kind[type]);
    default:
        return 1;
    }
}

int gdb_user_insert_bp(void *opaque, int type, uint64_t addr, uint64_t len)
{
    return gdb_user_bp(opaque, true, type, addr, len);
}

int gdb_user_remove_bp(void *opaque, int type, uint64_t addr, uint64_t len)
{
    return gdb_user_bp(opaque, false, type, addr, len);
}

/* ---- Process information ------------------------------------------------ */

int gdb_user_read_auxv(void *opaque, uint8_t *buf, size_t off, size_t len)
{
    GdbUser *g = opaque;
    if (off >= g->auxv_len) {
        return 0;
    }
    size_t n = g->auxv_len - off < len ? g->auxv_len - off : len;
    memcpy(buf, g->auxv + off, n);
    return (int)n;
}

const char *gdb_user_exec_file(void *opaque)
{
    GdbUser *g = opaque;
    return g->p->exe_path;
}

/* ---- Monitor commands --------------------------------------------------- */

static void monitor_threads(GdbUser *g, char *out, size_t outlen)
{
    size_t n = 0;
    pthread_mutex_lock(&g->p->cpus_lock);
    for (LinuxCpu *t = g->p->cpus; t && n < outlen; t = t->next) {
        int w = snprintf(out + n, outlen - n, "thread %d pc 0x%" PRIx64
                         " sp 0x%" PRIx64 "\n", t->tid, t->env->pc,
                         t->env->xregs[31]);
        n += w > 0 ? (size_t)w : 0;
    }
    pthread_mutex_unlock(&g->p->cpus_lock);
}

int gdb_user_monitor(void *opaque, const char *cmd, char *out, size_t outlen)
{
    GdbUser *g = opaque;
    if (!strcmp(cmd, "help")) {
        snprintf(out, outlen,
                 "  stats   translation statistics\n"
                 "  threads guest threads with their pc and sp\n"
                 "  flush   drop every translated block\n");
    } else if (!strcmp(cmd, "stats")) {
        int nbp, nwp;
        tcg_debug_counts(g->debug, &nbp, &nwp);
        snprintf(out, outlen,
                 "blocks translated  %" PRIu64 " (%" PRIu64 " bytes)\n"
                 "blocks invalidated %" PRIu64 ", flushes %" PRIu64 "\n"
                 "chained jumps      %" PRIu64 "\n"
                 "breakpoints %d, watchpoints %d\n",
                 tcg_stats.tbs_translated, tcg_stats.code_bytes,
                 tcg_stats.invalidated, tcg_stats.flushes, tcg_stats.chains,
                 nbp, nwp);
    } else if (!strcmp(cmd, "threads")) {
        monitor_threads(g, out, outlen);
    } else if (!strcmp(cmd, "flush")) {
        /* safe: gdb holds the process, so no thread is in generated code */
        tb_flush();
        snprintf(out, outlen, "translations flushed\n");
    } else {
        return -1;
    }
    return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * /proc files as the guest expects them: its own memory map, auxv,
 * command line and environment, the addresses in stat, and an ARM64
 * /proc/cpuinfo listing the features this CPU model implements.  Each
 * is generated into a memfd when opened, like the kernel's snapshot at
 * open time.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "proc.h"
#include "pagemap.h"

static void put(int fd, const void *buf, size_t len)
{
    while (len) {
        ssize_t n = write(fd, buf, len);
        if (n <= 0) {
            return;
        }
        buf = (const char *)buf + n;
        len -= (size_t)n;
    }
}

static void gen_maps(LinuxProcess *p, int fd)
{
    linux_mem_write_maps(p, fd);
}

static void gen_auxv(LinuxProcess *p, int fd)
{
    put(fd, p->saved_auxv, p->auxv_len);
}

/* Guest memory [start, end) as the kernel's access_process_vm would read
 * it: readable pages only. */
static void put_guest(LinuxProcess *p, int fd, uint64_t start, uint64_t end)
{
    if (end > start && linux_access_ok(p, start, end - start, false)) {
        put(fd, g2h(p, start), end - start);
    }
}

static void gen_cmdline(LinuxProcess *p, int fd)
{
    put_guest(p, fd, p->arg_start, p->arg_end);
}

static void gen_environ(LinuxProcess *p, int fd)
{
    put_guest(p, fd, p->env_start, p->env_end);
}

static uint64_t guest_mapped_bytes(LinuxProcess *p)
{
    LinuxMem *m = &p->mem;
    uint64_t n = 0;
    for (size_t c = 0; c < m->nchunks; c++) {
        const uint8_t *ch = __atomic_load_n(&m->chunks[c], __ATOMIC_ACQUIRE);
        for (uint64_t i = 0; ch && i < CHUNK_PAGES; i++) {
            n += ch[i] & PAGE_VALID;
        }
    }
    return n << 12;
}

/* The host's stat line with the guest's addresses and size put in. */
static void gen_stat(LinuxProcess *p, int fd)
{
    char buf[2048];
    int in = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
    ssize_t n = in < 0 ? -1 : read(in, buf, sizeof(buf) - 1);
    if (in >= 0) {
        close(in);
    }
    if (n <= 0) {
        return;
    }
    buf[n] = 0;
    char *rp = strrchr(buf, ')');
    if (!rp) {
        return;
    }
    put(fd, buf, (size_t)(rp + 1 - buf));
    /* fields from 3 on; replace those that are guest addresses */
    char *save, *tok = strtok_r(rp + 1, " \n", &save);
    for (int field = 3; tok; field++, tok = strtok_r(NULL, " \n", &save)) {
        uint64_t v;
        bool subst = true;
        switch (field) {
        case 23: v = guest_mapped_bytes(p); break;
        case 26: v = p->start_code; break;
        case 27: v = p->end_code; break;
        case 28: v = p->stack_top; break;
        case 29: case 30: v = 0; break;
        case 45: v = p->start_data; break;
        case 46: v = p->end_data; break;
        case 47: v = p->brk_start; break;
        case 48: v = p->arg_start; break;
        case 49: v = p->arg_end; break;
        case 50: v = p->env_start; break;
        case 51: v = p->env_end; break;
        default: subst = false; v = 0; break;
        }
        char out[32];
        int len = subst ? snprintf(out, sizeof(out), " %" PRIu64, v)
                        : snprintf(out, sizeof(out), " %.28s", tok);
        put(fd, out, (size_t)len);
    }
    put(fd, "\n", 1);
}

static const char *const hwcap_names[] = {
    "fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32",
    "atomics", "fphp", "asimdhp", "cpuid", "asimdrdm", "jscvt", "fcma",
    "lrcpc", "dcpop", "sha3", "sm3", "sm4", "asimddp", "sha512", "sve",
    "asimdfhm", "dit", "uscat", "ilrcpc", "flagm", "ssbs", "sb", "paca",
    "pacg",
};

static const char *const hwcap2_names[] = {
    "dcpodp", "sve2", "sveaes", "svepmull", "svebitperm", "svesha3",
    "svesm4", "flagm2", "frint", "svei8mm", "svef32mm", "svef64mm",
    "svebf16", "i8mm", "bf16", "dgh", "rng", "bti", "mte", "ecv", "afp",
    "rpres", "mte3", "sme", "smei16i64", "smef64f64", "smei8i32",
    "smef16f32", "smeb16f32", "smef32f32", "smefa64", "wfxt", "ebf16",
    "sveebf16",
};

/* Feature names in the kernel's order (arch/arm64 cpuinfo: the HWCAP
 * bits, then HWCAP2). */
static size_t feature_list(const CPUARMState *env, char *buf, size_t len)
{
    size_t n = 0;
    buf[0] = 0;
    for (size_t i = 0; i < 64; i++) {
        const char *name = NULL;
        if (i < 32 && (env->hwcap >> i) & 1) {
            name = hwcap_names[i];
        }
        if (name && n + strlen(name) + 2 < len) {
            n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? " " : "",
                                  name);
        }
    }
    for (size_t i = 0; i < sizeof(hwcap2_names) / sizeof(hwcap2_names[0]);
         i++) {
        const char *name = hwcap2_names[i];
        if (((env->hwcap2 >> i) & 1) && n + strlen(name) + 2 < len) {
            n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? " " : "",
                                  name);
        }
    }
    return n;
}

static void gen_cpuinfo(LinuxProcess *p, int fd)
{
    char features[1024], cpu[1400];
    feature_list(p->cpu0, features, sizeof(features));
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    for (long i = 0; i < (ncpu > 0 ? ncpu : 1); i++) {
        int n = snprintf(cpu, sizeof(cpu),
                         "processor\t: %ld\n"
                         "BogoMIPS\t: 50.00\n"
                         "Features\t: %s\n"
                         "CPU implementer\t: 0x00\n"
                         "CPU architecture: 8\n"
                         "CPU variant\t: 0x0\n"
                         "CPU part\t: 0x000\n"
                         "CPU revision\t: 0\n\n", i, features);
        put(fd, cpu, (size_t)n);
    }
}

static const struct {
    const char *name;
    ProcGenFn gen;
} proc_files[] = {
    { "maps", gen_maps },
    { "auxv", gen_auxv },
    { "cmdline", gen_cmdline },
    { "environ", gen_environ },
    { "stat", gen_stat },
    { "cpuinfo", gen_cpuinfo },
};

ProcGenFn proc_generator(const char *name)
{
    for (size_t i = 0; i < sizeof(proc_files) / sizeof(proc_files[0]); i++) {
        if (!strcmp(name, proc_files[i].name)) {
            return proc_files[i].gen;
        }
    }
    return NULL;
}

int proc_make_file(LinuxProcess *p, const char *name, ProcGenFn gen,
                   int host_flags)
{
    int fd = memfd_create(name, (host_flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    if (fd < 0) {
        fd = open("/tmp", O_TMPFILE | O_RDWR | (host_flags & O_CLOEXEC), 0600);
    }
    if (fd < 0) {
        return -errno;
    }
    gen(p, fd);
    /* reopened read-only, so F_GETFL and writes behave as for a real
     * /proc file */
    char self[64];
    snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
    int ro = open(self, (host_flags & ~(O_CREAT | O_TRUNC | O_EXCL)) |
                  O_RDONLY);
    if (ro >= 0) {
        close(fd);
        return ro;
    }
    lseek(fd, 0, SEEK_SET);
    return fd;
}

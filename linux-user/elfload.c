/* SPDX-License-Identifier: MIT */
/*
 * Program loading: maps the guest program's PT_LOAD segments (and those of
 * its PT_INTERP dynamic loader) into the guest window and builds the
 * initial stack the kernel would (argc, argv, envp, auxv) per the AArch64
 * Linux ABI.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>
#include "user.h"
#include "loaders/elf.h"

#define GUEST_PAGE 4096ull
#define PIE_BASE 0x5500000000ull     /* where ET_DYN programs go */
#define INTERP_BASE 0x7f00000000ull  /* where the dynamic loader goes */

static int prot_of(uint32_t flags)
{
    return ((flags & PF_R) ? PROT_READ : 0) |
           ((flags & PF_W) ? PROT_WRITE : 0) |
           ((flags & PF_X) ? PROT_READ : 0);  /* exec: we translate, read */
}

/* Maps one ELF image at bias; returns false with errno-style message. */
static bool map_image(LinuxProcess *p, int fd, const ElfImage *img,
                      uint64_t bias, const char *path)
{
    for (int i = 0; i < img->phnum; i++) {
        const Elf64_Phdr *ph = &img->phdr[i];
        if (ph->p_type != PT_LOAD || ph->p_memsz == 0) {
            continue;
        }
        uint64_t vaddr = ph->p_vaddr + bias;
        uint64_t start = vaddr & ~(GUEST_PAGE - 1);
        uint64_t file_end = vaddr + ph->p_filesz;
        uint64_t mem_end = (vaddr + ph->p_memsz + GUEST_PAGE - 1) &
                           ~(GUEST_PAGE - 1);
        uint64_t off = ph->p_offset - (vaddr - start);
        if (!guest_addr_valid(p, start, mem_end - start)) {
            fprintf(stderr, "mimic: %s: segment does not fit the guest "
                    "address space\n", path);
            return false;
        }
        int prot = prot_of(ph->p_flags);
        /* map writable first so the bss tail can be cleared */
        uint64_t map_len = (file_end + GUEST_PAGE - 1 - start) &
                           ~(GUEST_PAGE - 1);
        if (ph->p_filesz) {
            void *r = mmap(g2h(p, start), map_len, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_FIXED, fd, (off_t)off);
            if (r == MAP_FAILED) {
                fprintf(stderr, "mimic: %s: cannot map segment: %s\n", path,
                        strerror(errno));
                return false;
            }
        } else {
            map_len = 0;
        }
        if (mem_end > start + map_len) {
            void *r = mmap(g2h(p, start + map_len), mem_end - start - map_len,
                           PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
            if (r == MAP_FAILED) {
                fprintf(stderr, "mimic: %s: cannot map bss: %s\n", path,
                        strerror(errno));
                return false;
            }
        }
        if (ph->p_memsz > ph->p_filesz && (file_end & (GUEST_PAGE - 1))) {
            uint64_t page_end = (file_end + GUEST_PAGE - 1) & ~(GUEST_PAGE - 1);
            memset(g2h(p, file_end), 0, page_end - file_end);
        }
        mprotect(g2h(p, start), mem_end - start, prot);
        if (mem_end > p->brk_start && bias == p->load_bias) {
            p->brk_start = mem_end;
        }
    }
    return true;
}

static int open_image(const char *path, ElfImage *img, const char *what)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "mimic: %s: %s\n", path, strerror(errno));
        return errno == ENOENT ? -127 : -126;
    }
    char err[256];
    if (!elf_read_headers(fd, img, err, sizeof(err))) {
        fprintf(stderr, "mimic: %s: cannot run %s: %s\n", path, what, err);
        close(fd);
        return -126;
    }
    return fd;
}

/* The sysroot copy of an absolute path if it exists there. */
static const char *sysroot_path(LinuxProcess *p, const char *path, char *buf,
                                size_t len)
{
    if (p->cfg.sysroot && path[0] == '/') {
        snprintf(buf, len, "%s%s", p->cfg.sysroot, path);
        if (access(buf, F_OK) == 0) {
            return buf;
        }
    }
    return path;
}

static uint64_t push_bytes(LinuxProcess *p, uint64_t *sp, const void *data,
                           size_t len)
{
    *sp -= len;
    memcpy(g2h(p, *sp), data, len);
    return *sp;
}

static bool setup_stack(LinuxProcess *p, CPUARMState *env,
                        const ElfImage *img)
{
    uint64_t size = p->cfg.stack_size ? p->cfg.stack_size : 8ull << 20;
    size = (size + GUEST_PAGE - 1) & ~(GUEST_PAGE - 1);
    uint64_t top = p->reserve - 16 * GUEST_PAGE;  /* a guard gap above */
    uint64_t bottom = top - size;
    if (mmap(g2h(p, bottom), size, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0) == MAP_FAILED) {
        fprintf(stderr, "mimic: cannot map the guest stack: %s\n",
                strerror(errno));
        return false;
    }
    p->stack_top = top;
    uint64_t sp = top;
    int argc = p->cfg.argc, envc = 0;
    while (p->cfg.envp[envc]) {
        envc++;
    }
    uint64_t *argv_g = calloc((size_t)argc + 1, 8);
    uint64_t *envp_g = calloc((size_t)envc + 1, 8);
    uint64_t execfn = push_bytes(p, &sp, p->exe_path, strlen(p->exe_path) + 1);
    for (int i = envc - 1; i >= 0; i--) {
        envp_g[i] = push_bytes(p, &sp, p->cfg.envp[i],
                               strlen(p->cfg.envp[i]) + 1);
    }
    for (int i = argc - 1; i >= 0; i--) {
        argv_g[i] = push_bytes(p, &sp, p->cfg.argv[i],
                               strlen(p->cfg.argv[i]) + 1);
    }
    uint64_t platform = push_bytes(p, &sp, "aarch64", 8);
    uint8_t rnd[16];
    if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd)) {
        memset(rnd, 0x5a, sizeof(rnd));
    }
    uint64_t random = push_bytes(p, &sp, rnd, 16);
    sp &= ~15ull;

    uint64_t auxv[][2] = {
        { AT_PHDR, p->phdr }, { AT_PHENT, sizeof(Elf64_Phdr) },
        { AT_PHNUM, p->phnum }, { AT_PAGESZ, GUEST_PAGE },
        { AT_BASE, p->interp_base }, { AT_FLAGS, 0 },
        { AT_ENTRY, img->ehdr.e_entry + p->load_bias },
        { AT_UID, getuid() }, { AT_EUID, geteuid() }, { AT_GID, getgid() },
        { AT_EGID, getegid() }, { AT_HWCAP, env->hwcap },
        { AT_HWCAP2, env->hwcap2 }, { AT_CLKTCK, 100 },
        { AT_SECURE, 0 }, { AT_RANDOM, random }, { AT_EXECFN, execfn },
        { AT_PLATFORM, platform }, { 51 /* AT_MINSIGSTKSZ */, 5120 },
        { AT_NULL, 0 },
    };
    size_t nwords = 1 + (size_t)argc + 1 + (size_t)envc + 1 +
                    2 * (sizeof(auxv) / sizeof(auxv[0]));
    sp -= nwords * 8;
    sp &= ~15ull;
    uint64_t *w = g2h(p, sp);
    *w++ = (uint64_t)argc;
    for (int i = 0; i < argc; i++) {
        *w++ = argv_g[i];
    }
    *w++ = 0;
    for (int i = 0; i < envc; i++) {
        *w++ = envp_g[i];
    }
    *w++ = 0;
    memcpy(w, auxv, sizeof(auxv));
    p->auxv_addr = (uint64_t)((uintptr_t)w - p->guest_base);
    p->auxv_len = sizeof(auxv);
    free(argv_g);
    free(envp_g);
    env->xregs[31] = sp;
    return true;
}

int linux_load_program(LinuxProcess *p, CPUARMState *env)
{
    ElfImage img, interp;
    int fd = open_image(p->cfg.prog, &img, "program");
    if (fd < 0) {
        return -fd;
    }
    if (!realpath(p->cfg.prog, p->exe_path)) {
        snprintf(p->exe_path, sizeof(p->exe_path), "%s", p->cfg.prog);
    }
    p->load_bias = img.is_dyn ? PIE_BASE - img.lo : 0;
    if (!map_image(p, fd, &img, p->load_bias, p->cfg.prog)) {
        close(fd);
        return 126;
    }
    close(fd);
    p->entry = img.ehdr.e_entry + p->load_bias;
    p->phnum = img.phnum;
    p->phdr = 0;
    for (int i = 0; i < img.phnum; i++) {
        if (img.phdr[i].p_type == PT_PHDR) {
            p->phdr = img.phdr[i].p_vaddr + p->load_bias;
        }
        if (img.phdr[i].p_type == PT_LOAD && !p->phdr &&
            img.phdr[i].p_offset == 0) {
            p->phdr = img.phdr[i].p_vaddr + img.ehdr.e_phoff + p->load_bias;
        }
    }
    p->brk_start = (p->brk_start + GUEST_PAGE - 1) & ~(GUEST_PAGE - 1);
    p->brk = p->brk_start;

    if (img.interp[0]) {
        char buf[4096];
        const char *ipath = sysroot_path(p, img.interp, buf, sizeof(buf));
        int ifd = open_image(ipath, &interp, "the dynamic loader");
        if (ifd < 0) {
            if (!p->cfg.sysroot) {
                fprintf(stderr, "mimic: the program is dynamically linked; "
                        "give the ARM64 sysroot with -L DIR\n");
            }
            return -ifd;
        }
        p->interp_base = INTERP_BASE - interp.lo;
        if (!map_image(p, ifd, &interp, p->interp_base, ipath)) {
            close(ifd);
            return 126;
        }
        close(ifd);
        p->entry = interp.ehdr.e_entry + p->interp_base;
    }
    if (!setup_stack(p, env, &img)) {
        return 126;
    }
    env->pc = p->entry;
    return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * Program loading: maps the guest program's PT_LOAD segments (and those of
 * its PT_INTERP dynamic loader, from the -L sysroot) into the guest window
 * through the guest mmap layer, and builds the initial stack the kernel
 * would (argc, argv, envp, auxv) per the AArch64 Linux ABI.
 *
 * Layout, top down: a guard gap, the stack, a gap, then the mmap area
 * (the dynamic loader first, libraries below it).  Static programs sit at
 * their link address, position-independent ones at pie_base, the heap
 * (brk) right after the program.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include "user.h"
#include "loaders/elf.h"

#define PIE_BASE_MAX 0x5500000000ull    /* where ET_DYN programs go */
#define STACK_DEFAULT (8ull << 20)
#define AT_MINSIGSTKSZ_ 51

static uint64_t page_up(uint64_t x)
{
    return (x + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
}

static int prot_of(uint32_t flags)
{
    return ((flags & PF_R) ? PROT_READ : 0) |
           ((flags & PF_W) ? PROT_WRITE : 0) |
           ((flags & PF_X) ? PROT_EXEC : 0);
}

/* A segment whose file offset is not page aligned with its address
 * cannot be mapped from the file: copy it in. */
static bool copy_segment(LinuxProcess *p, int fd, const Elf64_Phdr *ph,
                         uint64_t vaddr, uint64_t start, uint64_t mem_end)
{
    if (linux_mmap(p, start, mem_end - start, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0) < 0) {
        return false;
    }
    if (pread(fd, g2h(p, vaddr), ph->p_filesz, (off_t)ph->p_offset) !=
        (ssize_t)ph->p_filesz) {
        return false;
    }
    return linux_mprotect(p, start, mem_end - start,
                          prot_of(ph->p_flags)) == 0;
}

/* Maps one PT_LOAD segment at bias; the bss part is zero. */
static bool map_segment(LinuxProcess *p, int fd, const Elf64_Phdr *ph,
                        uint64_t bias)
{
    uint64_t vaddr = ph->p_vaddr + bias;
    uint64_t start = vaddr & GUEST_PAGE_MASK;
    uint64_t file_end = vaddr + ph->p_filesz;
    uint64_t file_page_end = page_up(file_end);
    uint64_t mem_end = page_up(vaddr + ph->p_memsz);
    uint64_t off = ph->p_offset - (vaddr - start);
    int prot = prot_of(ph->p_flags);
    if (!guest_addr_valid(p, start, mem_end - start)) {
        return false;
    }
    if (off & ~GUEST_PAGE_MASK) {
        return copy_segment(p, fd, ph, vaddr, start, mem_end);
    }
    bool partial = ph->p_memsz > ph->p_filesz &&
                   (file_end & ~GUEST_PAGE_MASK);
    if (ph->p_filesz) {
        if (linux_mmap(p, start, file_page_end - start,
                       prot | (partial ? PROT_WRITE : 0),
                       MAP_PRIVATE | MAP_FIXED, fd, off) < 0) {
            return false;
        }
        if (partial) {
            memset(g2h(p, file_end), 0, file_page_end - file_end);
            linux_mprotect(p, start, file_page_end - start, prot);
        }
    } else {
        file_page_end = start;
    }
    if (mem_end > file_page_end &&
        linux_mmap(p, file_page_end, mem_end - file_page_end, prot,
                   MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0) < 0) {
        return false;
    }
    return true;
}

/* Maps a whole image; ET_DYN images first reserve their span (at base,
 * or wherever the mmap area has room when base is 0).  Returns the bias,
 * or UINT64_MAX after printing why it failed. */
static uint64_t map_image(LinuxProcess *p, int fd, const ElfImage *img,
                          uint64_t base, const char *path)
{
    uint64_t bias = 0;
    if (img->is_dyn) {
        int64_t r = linux_mmap(p, base, img->hi - img->lo, PROT_NONE,
                               MAP_PRIVATE | MAP_ANONYMOUS |
                               (base ? MAP_FIXED_NOREPLACE : 0), -1, 0);
        if (r < 0) {
            fprintf(stderr, "mimic-aarch64: %s: no room for the program in "
                    "the guest address space (-R)\n", path);
            return UINT64_MAX;
        }
        bias = (uint64_t)r - img->lo;
    } else if (!guest_addr_valid(p, img->lo, img->hi - img->lo) ||
               img->lo < 0x10000) {
        fprintf(stderr, "mimic-aarch64: %s: the program's addresses do not "
                "fit the guest address space (-R)\n", path);
        return UINT64_MAX;
    }
    for (int i = 0; i < img->phnum; i++) {
        const Elf64_Phdr *ph = &img->phdr[i];
        if (ph->p_type == PT_LOAD && ph->p_memsz &&
            !map_segment(p, fd, ph, bias)) {
            fprintf(stderr, "mimic-aarch64: %s: cannot map a segment at "
                    "0x%llx: %s\n", path,
                    (unsigned long long)(ph->p_vaddr + bias),
                    strerror(errno));
            return UINT64_MAX;
        }
    }
    return bias;
}

/* Opens an ELF file the way a shell reports failures: 127 for a missing
 * file, 126 for one that cannot run.  Returns the fd or -status. */
static int open_image(const char *path, ElfImage *img, bool need_exec)
{
    struct stat st;
    if (stat(path, &st) < 0) {
        fprintf(stderr, "mimic-aarch64: %s: %s\n", path, strerror(errno));
        return errno == ENOENT || errno == ENOTDIR ? -127 : -126;
    }
    if (S_ISDIR(st.st_mode)) {
        fprintf(stderr, "mimic-aarch64: %s: Is a directory\n", path);
        return -126;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || (need_exec && access(path, X_OK) < 0)) {
        fprintf(stderr, "mimic-aarch64: %s: %s\n", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return -126;
    }
    char err[256];
    if (!elf_read_headers(fd, img, err, sizeof(err))) {
        fprintf(stderr, "mimic-aarch64: %s: cannot run: %s\n", path, err);
        close(fd);
        return -126;
    }
    return fd;
}

static uint64_t push_bytes(LinuxProcess *p, uint64_t *sp, const void *data,
                           size_t len)
{
    *sp -= len;
    memcpy(g2h(p, *sp), data, len);
    return *sp;
}

/* Maps the stack at the top of the window; the mmap area starts below. */
static bool map_stack(LinuxProcess *p)
{
    uint64_t size = page_up(p->cfg.stack_size ? p->cfg.stack_size
                                              : STACK_DEFAULT);
    uint64_t top = p->reserve - 16 * GUEST_PAGE_SIZE;   /* guard gap */
    if (size + (1ull << 20) > top / 2) {
        fprintf(stderr, "mimic-aarch64: the stack (-s) does not fit the "
                "guest address space (-R)\n");
        return false;
    }
    uint64_t bottom = top - size;
    if (linux_mmap(p, bottom, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_STACK, -1,
                   0) < 0) {
        fprintf(stderr, "mimic-aarch64: cannot map the guest stack\n");
        return false;
    }
    linux_mem_name(p, bottom, top, "[stack]", 0, 0, 0);
    p->stack_top = top;
    p->stack_bottom = bottom;
    uint64_t gap = p->reserve / 8 < (256ull << 20) ? p->reserve / 8
                                                   : 256ull << 20;
    p->mem.mmap_top = p->mem.mmap_next = (bottom - gap) & GUEST_PAGE_MASK;
    return true;
}

/* Copies the strings and returns the argv/envp pointer arrays. */
static void push_strings(LinuxProcess *p, uint64_t *sp, uint64_t *argv_g,
                         uint64_t *envp_g, int argc, int envc)
{
    const char *const *envp = (const char *const *)p->cfg.envp;
    p->env_end = *sp;
    for (int i = envc - 1; i >= 0; i--) {
        envp_g[i] = push_bytes(p, sp, envp[i], strlen(envp[i]) + 1);
    }
    p->env_start = p->arg_end = *sp;
    for (int i = argc - 1; i >= 0; i--) {
        const char *s = i == 0 && p->cfg.argv0 ? p->cfg.argv0
                                               : p->cfg.argv[i];
        argv_g[i] = push_bytes(p, sp, s, strlen(s) + 1);
    }
    p->arg_start = *sp;
}

static bool setup_stack(LinuxProcess *p, CPUARMState *env,
                        const ElfImage *img)
{
    uint64_t sp = p->stack_top;
    int argc = p->cfg.argc, envc = 0;
    while (p->cfg.envp[envc]) {
        envc++;
    }
    uint64_t *argv_g = calloc((size_t)argc + 1, 8);
    uint64_t *envp_g = calloc((size_t)envc + 1, 8);
    uint64_t execfn = push_bytes(p, &sp, p->cfg.prog,
                                 strlen(p->cfg.prog) + 1);
    push_strings(p, &sp, argv_g, envp_g, argc, envc);
    uint64_t platform = push_bytes(p, &sp, "aarch64", 8);
    uint8_t rnd[16];
    if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd)) {
        memset(rnd, 0x5a, sizeof(rnd));
    }
    uint64_t random = push_bytes(p, &sp, rnd, 16);
    sp &= ~15ull;

    uint64_t auxv[][2] = {
        { AT_PHDR, p->phdr }, { AT_PHENT, sizeof(Elf64_Phdr) },
        { AT_PHNUM, p->phnum }, { AT_PAGESZ, GUEST_PAGE_SIZE },
        { AT_BASE, p->interp_base }, { AT_FLAGS, 0 },
        { AT_ENTRY, img->ehdr.e_entry + p->load_bias },
        { AT_UID, getuid() }, { AT_EUID, geteuid() }, { AT_GID, getgid() },
        { AT_EGID, getegid() }, { AT_HWCAP, env->hwcap },
        { AT_HWCAP2, env->hwcap2 }, { AT_CLKTCK, sysconf(_SC_CLK_TCK) },
        { AT_SECURE, 0 }, { AT_RANDOM, random }, { AT_EXECFN, execfn },
        { AT_PLATFORM, platform }, { AT_MINSIGSTKSZ_, 5120 },
        { AT_NULL, 0 },
    };
    size_t nwords = 1 + (size_t)argc + 1 + (size_t)envc + 1 +
                    2 * (sizeof(auxv) / sizeof(auxv[0]));
    sp -= nwords * 8;
    sp &= ~15ull;
    uint64_t *w = g2h(p, sp);
    *w++ = (uint64_t)argc;
    memcpy(w, argv_g, 8 * (size_t)argc);
    w += argc;
    *w++ = 0;
    memcpy(w, envp_g, 8 * (size_t)envc);
    w += envc;
    *w++ = 0;
    memcpy(w, auxv, sizeof(auxv));
    memcpy(p->saved_auxv, auxv, sizeof(auxv));
    p->auxv_addr = (uint64_t)((uintptr_t)w - p->guest_base);
    p->auxv_len = sizeof(auxv);
    free(argv_g);
    free(envp_g);
    env->xregs[31] = sp;
    return true;
}

/* Where the program's headers, text and heap are, for auxv and /proc. */
static void note_program(LinuxProcess *p, const ElfImage *img)
{
    p->phnum = img->phnum;
    p->phdr = 0;
    p->start_code = UINT64_MAX;
    p->end_code = 0;
    uint64_t end = 0;
    for (int i = 0; i < img->phnum; i++) {
        const Elf64_Phdr *ph = &img->phdr[i];
        if (ph->p_type == PT_PHDR) {
            p->phdr = ph->p_vaddr + p->load_bias;
        }
        if (ph->p_type != PT_LOAD) {
            continue;
        }
        if (!p->phdr && ph->p_offset == 0) {
            p->phdr = ph->p_vaddr + img->ehdr.e_phoff + p->load_bias;
        }
        uint64_t s = ph->p_vaddr + p->load_bias, e = s + ph->p_memsz;
        if ((ph->p_flags & PF_X) && s < p->start_code) {
            p->start_code = s;
        }
        if ((ph->p_flags & PF_X) && e > p->end_code) {
            p->end_code = e;
        }
        if ((ph->p_flags & PF_W) && !p->start_data) {
            p->start_data = s;
            p->end_data = s + ph->p_filesz;
        }
        end = e > end ? e : end;
    }
    if (p->start_code == UINT64_MAX) {
        p->start_code = 0;
    }
    p->brk_start = p->brk = page_up(end);
}

/* The dynamic loader: mapped in the mmap area; returns 0 or a status. */
static int load_interp(LinuxProcess *p, const char *interp)
{
    char buf[4096];
    ElfImage *img = malloc(sizeof(*img));
    const char *path = linux_sysroot_path(p, interp, buf, sizeof(buf));
    if (access(path, F_OK) < 0) {
        fprintf(stderr, "mimic-aarch64: %s: cannot run: the dynamic loader "
                "%s is missing (%s)\n", p->cfg.prog, interp,
                p->cfg.sysroot ? "not in the -L sysroot either"
                               : "give the ARM64 sysroot with -L DIR or "
                                 "MIMIC_LD_PREFIX");
        free(img);
        return 127;
    }
    int fd = open_image(path, img, false);
    if (fd < 0) {
        free(img);
        return -fd;
    }
    uint64_t bias = map_image(p, fd, img, 0, path);
    close(fd);
    if (bias == UINT64_MAX) {
        free(img);
        return 126;
    }
    p->interp_base = bias + img->lo;
    p->entry = img->ehdr.e_entry + bias;
    free(img);
    return 0;
}

int linux_load_program(LinuxProcess *p, CPUARMState *env)
{
    ElfImage *img = malloc(sizeof(*img));
    int fd = open_image(p->cfg.prog, img, true);
    if (fd < 0) {
        free(img);
        return -fd;
    }
    if (!realpath(p->cfg.prog, p->exe_path)) {
        snprintf(p->exe_path, sizeof(p->exe_path), "%s", p->cfg.prog);
    }
    int status = 126;
    if (!map_stack(p)) {
        goto out;
    }
    uint64_t pie_base = (p->reserve / 3) & ~0xffffffull;
    pie_base = pie_base < PIE_BASE_MAX ? pie_base : PIE_BASE_MAX;
    uint64_t bias = map_image(p, fd, img, img->is_dyn ? pie_base : 0,
                              p->cfg.prog);
    if (bias == UINT64_MAX) {
        goto out;
    }
    p->load_bias = bias;
    p->entry = img->ehdr.e_entry + bias;
    note_program(p, img);
    if (img->interp[0]) {
        status = load_interp(p, img->interp);
        if (status) {
            goto out;
        }
        status = 126;
    }
    if (!setup_stack(p, env, img)) {
        goto out;
    }
    env->pc = p->entry;
    status = 0;
out:
    close(fd);
    free(img);
    return status;
}

/* SPDX-License-Identifier: MIT */
/*
 * ELF64 header checks.  Every field used later is validated here, so that
 * a malformed or hostile file gives a clear message instead of a crash.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "elf.h"

static bool fail(char *err, size_t n, const char *msg)
{
    snprintf(err, n, "%s", msg);
    return false;
}

static bool check_ehdr(const Elf64_Ehdr *e, size_t file_size, char *err,
                       size_t n)
{
    if (memcmp(e->e_ident, ELFMAG, SELFMAG) != 0) {
        return fail(err, n, "not an ELF file");
    }
    if (e->e_ident[EI_CLASS] != ELFCLASS64) {
        return fail(err, n, "not a 64-bit ELF file (AArch32 is not supported)");
    }
    if (e->e_ident[EI_DATA] != ELFDATA2LSB) {
        return fail(err, n, "big-endian ELF files are not supported");
    }
    if (e->e_machine != EM_AARCH64) {
        return fail(err, n, "not an AArch64 program (wrong ELF machine)");
    }
    if (e->e_type != ET_EXEC && e->e_type != ET_DYN) {
        return fail(err, n, "not an executable or shared object");
    }
    if (e->e_phentsize != sizeof(Elf64_Phdr) || e->e_phnum == 0 ||
        e->e_phnum > ELF_MAX_PHDRS) {
        return fail(err, n, "bad program header table");
    }
    if (e->e_phoff > file_size ||
        file_size - e->e_phoff < (uint64_t)e->e_phnum * sizeof(Elf64_Phdr)) {
        return fail(err, n, "truncated ELF file (program headers)");
    }
    return true;
}

static bool check_phdrs(ElfImage *img, size_t file_size, char *err, size_t n)
{
    img->lo = UINT64_MAX;
    img->hi = 0;
    for (int i = 0; i < img->phnum; i++) {
        const Elf64_Phdr *p = &img->phdr[i];
        if (p->p_type != PT_LOAD) {
            continue;
        }
        /* a segment with no file bytes (all bss) may name any offset */
        if (p->p_filesz > p->p_memsz ||
            (p->p_filesz && (p->p_offset > file_size ||
                             file_size - p->p_offset < p->p_filesz))) {
            return fail(err, n, "truncated or inconsistent ELF segment");
        }
        if (p->p_vaddr + p->p_memsz < p->p_vaddr ||
            p->p_vaddr + p->p_memsz > (1ull << 48)) {
            return fail(err, n, "ELF segment outside the address space");
        }
        if (p->p_align > 1 && ((p->p_vaddr - p->p_offset) % p->p_align)) {
            return fail(err, n, "misaligned ELF segment");
        }
        /* an empty PT_LOAD maps nothing (the loaders skip it): it must
         * not count as the loadable segment a program needs */
        if (p->p_memsz == 0) {
            continue;
        }
        uint64_t lo = p->p_vaddr & ~0xfffull;
        uint64_t hi = (p->p_vaddr + p->p_memsz + 0xfff) & ~0xfffull;
        img->lo = lo < img->lo ? lo : img->lo;
        img->hi = hi > img->hi ? hi : img->hi;
    }
    if (img->hi == 0) {
        return fail(err, n, "ELF file has no loadable segment");
    }
    return true;
}

/* buf holds the first len bytes of a file of file_size bytes */
static bool parse(const uint8_t *buf, size_t len, size_t file_size,
                  ElfImage *img, char *err, size_t n)
{
    memset(img, 0, sizeof(*img));
    if (len < sizeof(Elf64_Ehdr)) {
        return fail(err, n, len >= 4 && !memcmp(buf, ELFMAG, 4) ?
                    "truncated ELF file" : "not an ELF file");
    }
    memcpy(&img->ehdr, buf, sizeof(Elf64_Ehdr));
    if (!check_ehdr(&img->ehdr, len, err, n)) {
        return false;
    }
    img->phnum = img->ehdr.e_phnum;
    memcpy(img->phdr, buf + img->ehdr.e_phoff,
           (size_t)img->phnum * sizeof(Elf64_Phdr));
    img->is_dyn = img->ehdr.e_type == ET_DYN;
    for (int i = 0; i < img->phnum; i++) {
        const Elf64_Phdr *p = &img->phdr[i];
        if (p->p_type == PT_INTERP) {
            if (p->p_filesz == 0 || p->p_filesz >= sizeof(img->interp) ||
                p->p_offset > len || len - p->p_offset < p->p_filesz) {
                return fail(err, n, "bad PT_INTERP");
            }
            memcpy(img->interp, buf + p->p_offset, p->p_filesz);
            img->interp[p->p_filesz] = 0;
        }
    }
    return check_phdrs(img, file_size, err, n);
}

bool elf_parse_buffer(const uint8_t *buf, size_t len, ElfImage *img,
                      char *err, size_t n)
{
    return parse(buf, len, len, img, err, n);
}

bool elf_read_headers(int fd, ElfImage *img, char *err, size_t n)
{
    off_t size = lseek(fd, 0, SEEK_END);
    if (size < 0) {
        return fail(err, n, "cannot seek in file");
    }
    /* headers and the interpreter path sit in the first pages */
    uint8_t buf[65536];
    size_t want = (size_t)size < sizeof(buf) ? (size_t)size : sizeof(buf);
    ssize_t got = pread(fd, buf, want, 0);
    if (got < 0 || (size_t)got != want) {
        return fail(err, n, "cannot read file");
    }
    return parse(buf, want, (size_t)size, img, err, n);
}

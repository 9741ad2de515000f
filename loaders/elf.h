/* SPDX-License-Identifier: MIT */
/*
 * ELF64 parsing shared by user mode (programs, the dynamic loader) and
 * system mode (ELF kernels).  It checks and describes; it does not map.
 */
#ifndef LOADERS_ELF_H
#define LOADERS_ELF_H

#include <elf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_PHDRS 64

typedef struct ElfImage {
    Elf64_Ehdr ehdr;
    Elf64_Phdr phdr[ELF_MAX_PHDRS];
    int phnum;
    bool is_dyn;                /* ET_DYN: position independent */
    char interp[4096];          /* PT_INTERP path, "" if none */
    uint64_t lo, hi;            /* span of PT_LOAD segments (page aligned) */
} ElfImage;

/* Reads and validates the headers of an AArch64 ELF64 little-endian file.
 * On failure returns false and writes a one-line reason into err. */
bool elf_read_headers(int fd, ElfImage *img, char *err, size_t errlen);
/* Same for an in-memory image (fuzzing, tests). */
bool elf_parse_buffer(const uint8_t *buf, size_t len, ElfImage *img,
                      char *err, size_t errlen);

#endif

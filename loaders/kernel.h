/* SPDX-License-Identifier: MIT */
/*
 * Kernel images for system mode: the arm64 Linux Image format
 * (Documentation/arch/arm64/booting.rst), the same gzip-compressed, and
 * AArch64 ELF executables (bare-metal programs, loaded at their physical
 * addresses).  Parsing only: the board copies the result into guest RAM.
 */
#ifndef LOADERS_KERNEL_H
#define LOADERS_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "elf.h"

typedef enum KernelFormat {
    KERNEL_FORMAT_IMAGE,    /* arm64 Linux Image */
    KERNEL_FORMAT_ELF,
} KernelFormat;

/* Bytes to copy: `filesz` from data, then zeros up to memsz. */
typedef struct KernelSegment {
    uint64_t addr;          /* ELF: physical address; Image: offset from
                               the load address */
    const uint8_t *data;
    uint64_t filesz, memsz;
} KernelSegment;

typedef struct KernelImage {
    KernelFormat format;
    bool was_gzipped;
    uint8_t *buf;           /* the (decompressed) file; owned */
    size_t size;
    /* Image header */
    uint64_t text_offset;   /* effective value (0x80000 if image_size is 0) */
    uint64_t image_size;    /* effective: memory the kernel occupies */
    uint64_t flags;
    /* ELF */
    uint64_t entry;         /* physical entry point */
    KernelSegment seg[ELF_MAX_PHDRS];
    int nseg;
    uint64_t lo, hi;        /* span of the ELF segments (physical) */
} KernelImage;

/* Largest file or decompressed image accepted. */
#define LOADER_MAX_FILE (1ull << 30)
/* arm64 Image header magic "ARM\x64" at offset 0x38 */
#define ARM64_IMAGE_MAGIC 0x644d5241u

/* Reads path whole.  On failure returns false with a reason in err. */
bool loader_read_file(const char *path, uint8_t **buf, size_t *len,
                      uint64_t max, char *err, size_t errlen);
bool loader_is_gzip(const uint8_t *buf, size_t len);
bool loader_gunzip(const uint8_t *in, size_t inlen, uint8_t **out,
                   size_t *outlen, uint64_t max, char *err, size_t errlen);

/* Takes ownership of buf (malloc'd) in every case. */
bool kernel_parse(uint8_t *buf, size_t len, KernelImage *k, char *err,
                  size_t errlen);
bool kernel_load_file(const char *path, KernelImage *k, char *err,
                      size_t errlen);
void kernel_image_free(KernelImage *k);

#endif

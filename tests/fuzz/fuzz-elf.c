/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness for the ELF header parser (loaders/elf.c): every file
 * a user names on the command line (and every PT_INTERP it points to) goes
 * through elf_parse_buffer or elf_read_headers first.  Any input must give
 * either an ElfImage that the loaders can trust or a one-line reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "loaders/elf.h"

/* What linux-user/elfload.c relies on once parsing succeeded. */
static void fuzz_elf_check(const ElfImage *img, size_t len)
{
    if (img->phnum < 1 || img->phnum > ELF_MAX_PHDRS ||
        img->lo >= img->hi || img->hi > (1ull << 48) ||
        (img->lo & 0xfff) || (img->hi & 0xfff) ||
        memchr(img->interp, 0, sizeof(img->interp)) == NULL) {
        abort();
    }
    for (int i = 0; i < img->phnum; i++) {
        const Elf64_Phdr *p = &img->phdr[i];
        if (p->p_type != PT_LOAD) {
            continue;
        }
        if (p->p_filesz > p->p_memsz ||
            (p->p_filesz && (p->p_offset > len ||
                             p->p_filesz > len - p->p_offset)) ||
            (p->p_memsz && (p->p_vaddr < img->lo ||
                            p->p_vaddr + p->p_memsz > img->hi))) {
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* exact-size copy: ASan then catches a read past the end */
    uint8_t *buf = malloc(size ? size : 1);
    memcpy(buf, data, size);
    ElfImage *img = malloc(sizeof(*img));
    char err[128];
    err[0] = 0;
    if (elf_parse_buffer(buf, size, img, err, sizeof(err))) {
        fuzz_elf_check(img, size);
    } else if (err[0] == 0 || memchr(err, 0, sizeof(err)) == NULL) {
        abort();   /* a failure must say why */
    }
    free(img);
    free(buf);
    return 0;
}

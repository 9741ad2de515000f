/* SPDX-License-Identifier: MIT */
/*
 * Device tree blobs around a boot: reading one given with -dtb, filling
 * /chosen (bootargs, initrd, rng-seed) and /memory for the boot, packing,
 * and writing one out (-M virt,dumpdtb=FILE).
 */
#ifndef LOADERS_DTB_H
#define LOADERS_DTB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Reads a DTB file into a buffer of its size + extra bytes, opened for
 * editing.  NULL with a reason on failure. */
void *dtb_load_file(const char *path, size_t extra, char *err,
                    size_t errlen);
/* A new empty tree of `size` bytes (root node only). */
void *dtb_create(size_t size);

/* /chosen: bootargs if non-NULL; linux,initrd-start/-end if initrd_end >
 * initrd_start; 32 bytes of rng-seed and an 8-byte kaslr-seed from the
 * host's getrandom when seeds is set.  Creates /chosen when missing. */
int dtb_set_chosen(void *fdt, const char *bootargs, uint64_t initrd_start,
                   uint64_t initrd_end, bool seeds);
/* New random bytes for /chosen's rng-seed and kaslr-seed, in place (the
 * tree may be packed): a reboot must not reuse the consumed seed. */
void dtb_refresh_seeds(void *fdt);
/* Sets reg of /memory (2+2 cells), creating memory@BASE if there is none. */
int dtb_set_memory(void *fdt, uint64_t base, uint64_t size);
/* Packs the tree; fails if it ends up larger than max bytes. */
bool dtb_finish(void *fdt, size_t max, char *err, size_t errlen);
bool dtb_save(const void *fdt, const char *path, char *err, size_t errlen);

#endif

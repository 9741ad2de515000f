/* SPDX-License-Identifier: MIT */
/*
 * Device tree blob handling for boots (see dtb.h), on libfdt.
 */
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include "dtb.h"
#include "kernel.h"

void *dtb_create(size_t size)
{
    void *fdt = calloc(1, size);
    if (fdt && fdt_create_empty_tree(fdt, (int)size) < 0) {
        free(fdt);
        return NULL;
    }
    return fdt;
}

void *dtb_load_file(const char *path, size_t extra, char *err,
                    size_t errlen)
{
    uint8_t *buf;
    size_t len;
    if (!loader_read_file(path, &buf, &len, 16u << 20, err, errlen)) {
        return NULL;
    }
    if (len < sizeof(struct fdt_header) || fdt_check_header(buf) != 0 ||
        fdt_totalsize(buf) > len) {
        snprintf(err, errlen, "%s is not a valid device tree blob", path);
        free(buf);
        return NULL;
    }
    size_t size = len + extra;
    void *fdt = malloc(size);
    int r = fdt ? fdt_open_into(buf, fdt, (int)size) : -FDT_ERR_NOSPACE;
    free(buf);
    if (r < 0) {
        snprintf(err, errlen, "%s: %s", path, fdt_strerror(r));
        free(fdt);
        return NULL;
    }
    return fdt;
}

static int setprop_u64(void *fdt, int node, const char *name, uint64_t v)
{
    return fdt_setprop_u64(fdt, node, name, v);
}

static int set_seed(void *fdt, int node, const char *name, size_t len)
{
    uint8_t seed[32];
    if (getrandom(seed, len, 0) != (ssize_t)len) {
        return 0;   /* no entropy: leave the seed out rather than fail */
    }
    return fdt_setprop(fdt, node, name, seed, (int)len);
}

int dtb_set_chosen(void *fdt, const char *bootargs, uint64_t initrd_start,
                   uint64_t initrd_end, bool seeds)
{
    int node = fdt_path_offset(fdt, "/chosen");
    if (node < 0) {
        node = fdt_add_subnode(fdt, 0, "chosen");
        if (node < 0) {
            return node;
        }
    }
    int r = 0;
    if (bootargs) {
        r = fdt_setprop_string(fdt, node, "bootargs", bootargs);
    }
    if (r >= 0 && initrd_end > initrd_start) {
        r = setprop_u64(fdt, node, "linux,initrd-start", initrd_start);
        if (r >= 0) {
            r = setprop_u64(fdt, node, "linux,initrd-end", initrd_end);
        }
    }
    if (r >= 0 && seeds) {
        r = set_seed(fdt, node, "rng-seed", 32);
        if (r >= 0) {
            r = set_seed(fdt, node, "kaslr-seed", 8);
        }
    }
    return r;
}

void dtb_refresh_seeds(void *fdt)
{
    static const char *const names[] = { "rng-seed", "kaslr-seed" };
    int node = fdt_path_offset(fdt, "/chosen");
    for (int i = 0; node >= 0 && i < 2; i++) {
        int len;
        uint8_t seed[64];
        if (fdt_getprop(fdt, node, names[i], &len) && len <= 64 &&
            getrandom(seed, (size_t)len, 0) == len) {
            fdt_setprop_inplace(fdt, node, names[i], seed, len);
        }
    }
}

int dtb_set_memory(void *fdt, uint64_t base, uint64_t size)
{
    int node = fdt_path_offset(fdt, "/memory");
    if (node < 0) {
        char name[40];
        snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)base);
        node = fdt_add_subnode(fdt, 0, name);
        if (node < 0) {
            return node;
        }
        int r = fdt_setprop_string(fdt, node, "device_type", "memory");
        if (r < 0) {
            return r;
        }
    }
    /* honour the root's cell sizes (a -dtb file may use 1) */
    int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);
    fdt32_t reg[4];
    int n = 0;
    if (ac == 2) {
        reg[n++] = cpu_to_fdt32((uint32_t)(base >> 32));
    }
    reg[n++] = cpu_to_fdt32((uint32_t)base);
    if (sc == 2) {
        reg[n++] = cpu_to_fdt32((uint32_t)(size >> 32));
    }
    reg[n++] = cpu_to_fdt32((uint32_t)size);
    return fdt_setprop(fdt, node, "reg", reg, n * (int)sizeof(reg[0]));
}

bool dtb_finish(void *fdt, size_t max, char *err, size_t errlen)
{
    int r = fdt_pack(fdt);
    if (r < 0) {
        snprintf(err, errlen, "device tree: %s", fdt_strerror(r));
        return false;
    }
    if (fdt_totalsize(fdt) > max) {
        snprintf(err, errlen, "device tree is larger than %zu bytes", max);
        return false;
    }
    return true;
}

bool dtb_save(const void *fdt, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
        return false;
    }
    size_t n = fdt_totalsize(fdt);
    bool ok = fwrite(fdt, 1, n, f) == n;
    ok = fclose(f) == 0 && ok;
    if (!ok) {
        snprintf(err, errlen, "cannot write %s", path);
    }
    return ok;
}

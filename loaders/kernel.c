/* SPDX-License-Identifier: MIT */
/*
 * Kernel image parsing (see kernel.h): file reading, gzip with zlib, the
 * arm64 Image header and ELF program headers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "kernel.h"

static bool fail(char *err, size_t n, const char *msg)
{
    snprintf(err, n, "%s", msg);
    return false;
}

static uint64_t ld64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) {
        v = v << 8 | p[i];
    }
    return v;
}

bool loader_read_file(const char *path, uint8_t **buf, size_t *len,
                      uint64_t max, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return false;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s is not a regular file", path);
        close(fd);
        return false;
    }
    if ((uint64_t)st.st_size > max) {
        snprintf(err, errlen, "%s is too large", path);
        close(fd);
        return false;
    }
    size_t size = (size_t)st.st_size;
    uint8_t *p = malloc(size ? size : 1);
    size_t done = 0;
    while (p && done < size) {
        ssize_t r = read(fd, p + done, size - done);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            snprintf(err, errlen, "cannot read %s: %s", path,
                     r < 0 ? strerror(errno) : "short file");
            free(p);
            close(fd);
            return false;
        }
        done += (size_t)r;
    }
    close(fd);
    if (!p) {
        return fail(err, errlen, "out of memory");
    }
    *buf = p;
    *len = size;
    return true;
}

bool loader_is_gzip(const uint8_t *buf, size_t len)
{
    return len >= 18 && buf[0] == 0x1f && buf[1] == 0x8b && buf[2] == 8;
}

bool loader_gunzip(const uint8_t *in, size_t inlen, uint8_t **out,
                   size_t *outlen, uint64_t max, char *err, size_t errlen)
{
    z_stream zs = { 0 };
    /* 16 + MAX_WBITS: expect a gzip wrapper */
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        return fail(err, errlen, "zlib initialisation failed");
    }
    size_t cap = inlen * 4 + 4096, used = 0;
    uint8_t *buf = malloc(cap);
    zs.next_in = (Bytef *)in;
    zs.avail_in = (uInt)(inlen > UINT32_MAX ? UINT32_MAX : inlen);
    int r = Z_OK;
    while (buf && r != Z_STREAM_END) {
        if (used == cap) {
            if (cap >= max) {
                free(buf);
                inflateEnd(&zs);
                return fail(err, errlen, "decompressed image is too large");
            }
            cap = cap * 2 > max ? max : cap * 2;
            uint8_t *nb = realloc(buf, cap);
            if (!nb) {
                break;
            }
            buf = nb;
        }
        zs.next_out = buf + used;
        zs.avail_out = (uInt)(cap - used > UINT32_MAX ? UINT32_MAX
                                                      : cap - used);
        size_t before = zs.avail_out;
        r = inflate(&zs, Z_NO_FLUSH);
        used += before - zs.avail_out;
        if (r != Z_OK && r != Z_STREAM_END && r != Z_BUF_ERROR) {
            free(buf);
            inflateEnd(&zs);
            return fail(err, errlen, "corrupt gzip data");
        }
        if (r == Z_BUF_ERROR && zs.avail_in == 0) {
            free(buf);
            inflateEnd(&zs);
            return fail(err, errlen, "truncated gzip data");
        }
    }
    inflateEnd(&zs);
    if (!buf) {
        return fail(err, errlen, "out of memory");
    }
    *out = buf;
    *outlen = used;
    return true;
}

/* booting.rst "Call the kernel image": the 64-byte header. */
static bool parse_image(KernelImage *k, char *err, size_t errlen)
{
    const uint8_t *h = k->buf;
    k->format = KERNEL_FORMAT_IMAGE;
    k->text_offset = ld64(h + 8);
    k->image_size = ld64(h + 16);
    k->flags = ld64(h + 24);
    if (k->image_size == 0) {
        /* pre-3.17 kernels: text_offset unknown, assume 0x80000; the
         * size must cover the BSS we cannot see */
        k->text_offset = 0x80000;
        k->image_size = ((uint64_t)k->size + (2u << 20) - 1) / (2u << 20) *
                        (2u << 20) + (16u << 20);
    }
    if (k->flags & 1) {
        return fail(err, errlen, "big-endian arm64 kernels are not supported");
    }
    if (k->image_size < k->size) {
        k->image_size = k->size;
    }
    if (k->text_offset >= (2u << 20) || (k->text_offset & 0xfff)) {
        return fail(err, errlen, "bad text_offset in the arm64 Image header");
    }
    k->seg[0] = (KernelSegment){ 0, k->buf, k->size, k->image_size };
    k->nseg = 1;
    k->entry = 0;   /* the first byte of the image */
    return true;
}

/* Loads PT_LOAD segments at their physical addresses; the entry point
 * is translated through the segment that contains it. */
static bool parse_elf(KernelImage *k, char *err, size_t errlen)
{
    ElfImage img;
    if (!elf_parse_buffer(k->buf, k->size, &img, err, errlen)) {
        return false;
    }
    k->format = KERNEL_FORMAT_ELF;
    k->entry = img.ehdr.e_entry;
    k->lo = UINT64_MAX;
    k->hi = 0;
    for (int i = 0; i < img.phnum; i++) {
        const Elf64_Phdr *p = &img.phdr[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0) {
            continue;
        }
        k->seg[k->nseg++] = (KernelSegment){
            p->p_paddr, k->buf + p->p_offset, p->p_filesz, p->p_memsz,
        };
        if (img.ehdr.e_entry >= p->p_vaddr &&
            img.ehdr.e_entry - p->p_vaddr < p->p_memsz) {
            k->entry = img.ehdr.e_entry - p->p_vaddr + p->p_paddr;
        }
        if (p->p_paddr < k->lo) {
            k->lo = p->p_paddr;
        }
        if (p->p_paddr + p->p_memsz > k->hi) {
            k->hi = p->p_paddr + p->p_memsz;
        }
    }
    if (!k->nseg) {
        return fail(err, errlen, "ELF kernel has no loadable segment");
    }
    return true;
}

/* An EFI zboot image (CONFIG_EFI_ZBOOT): a PE stub whose header names a
 * compressed payload, "zimg" at 4, payload offset and size at 8 and 12,
 * compression type at 24.  Returns the payload if it is gzip. */
static bool zboot_payload(const uint8_t *buf, size_t len, size_t *off,
                          size_t *size)
{
    if (len < 64 || buf[0] != 'M' || buf[1] != 'Z' ||
        memcmp(buf + 4, "zimg", 4) != 0 || memcmp(buf + 24, "gzip", 5)) {
        return false;
    }
    uint32_t o = (uint32_t)ld64(buf + 8), n = (uint32_t)ld64(buf + 12);
    if (o > len || len - o < n) {
        return false;
    }
    *off = o;
    *size = n;
    return true;
}

bool kernel_parse(uint8_t *buf, size_t len, KernelImage *k, char *err,
                  size_t errlen)
{
    memset(k, 0, sizeof(*k));
    size_t zoff, zsize;
    if (zboot_payload(buf, len, &zoff, &zsize)) {
        memmove(buf, buf + zoff, zsize);
        len = zsize;
    }
    if (loader_is_gzip(buf, len)) {
        uint8_t *out;
        size_t outlen;
        bool ok = loader_gunzip(buf, len, &out, &outlen, LOADER_MAX_FILE,
                                err, errlen);
        free(buf);
        if (!ok) {
            return false;
        }
        buf = out;
        len = outlen;
        k->was_gzipped = true;
    }
    k->buf = buf;
    k->size = len;
    if (len >= 64 && (uint32_t)ld64(buf + 0x38) == ARM64_IMAGE_MAGIC) {
        if (parse_image(k, err, errlen)) {
            return true;
        }
    } else if (len >= 4 && !memcmp(buf, ELFMAG, SELFMAG)) {
        if (parse_elf(k, err, errlen)) {
            return true;
        }
    } else {
        fail(err, errlen, "not an arm64 Linux Image, gzip-compressed Image "
             "or AArch64 ELF file");
    }
    kernel_image_free(k);
    return false;
}

bool kernel_load_file(const char *path, KernelImage *k, char *err,
                      size_t errlen)
{
    uint8_t *buf;
    size_t len;
    if (!loader_read_file(path, &buf, &len, LOADER_MAX_FILE, err, errlen)) {
        return false;
    }
    char why[200];
    if (!kernel_parse(buf, len, k, why, sizeof(why))) {
        snprintf(err, errlen, "%s: %s", path, why);
        return false;
    }
    return true;
}

void kernel_image_free(KernelImage *k)
{
    free(k->buf);
    k->buf = NULL;
    k->nseg = 0;
}

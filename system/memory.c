/* SPDX-License-Identifier: MIT */
/*
 * Guest physical address space: a sorted array of non-overlapping regions
 * searched by bisection, RAM accessed through host pointers and MMIO
 * through device callbacks.  See memory.h for who calls what.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "memory.h"

AddressSpace *address_space_new(void)
{
    AddressSpace *as = calloc(1, sizeof(*as));
    if (!as) {
        abort();
    }
    return as;
}

static void region_free(MemoryRegion *mr)
{
    if (mr->owns_host && mr->host) {
        munmap(mr->host, mr->size);
    }
    free(mr->code_bitmap);
    free(mr);
}

void address_space_free(AddressSpace *as)
{
    if (!as) {
        return;
    }
    for (int i = 0; i < as->nregions; i++) {
        region_free(as->map[i]);
    }
    free(as->map);
    free(as);
}

/* Index of the first region whose end is above addr (may be nregions). */
static int map_bisect(const AddressSpace *as, uint64_t addr)
{
    int lo = 0, hi = as->nregions;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        const MemoryRegion *mr = as->map[mid];
        if (addr - mr->base < mr->size || addr < mr->base) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return lo;
}

MemoryRegion *address_space_lookup(const AddressSpace *as, uint64_t addr)
{
    int i = map_bisect(as, addr);
    if (i < as->nregions) {
        MemoryRegion *mr = as->map[i];
        if (addr >= mr->base && addr - mr->base < mr->size) {
            return mr;
        }
    }
    return NULL;
}

static MemoryRegion *map_insert(AddressSpace *as, MemoryRegion *mr)
{
    uint64_t last = mr->base + mr->size - 1;
    if (mr->size == 0 || last < mr->base) {
        fprintf(stderr, "mimic: memory region %s: bad range\n", mr->name);
        region_free(mr);
        return NULL;
    }
    int i = map_bisect(as, mr->base);
    if (i < as->nregions && as->map[i]->base <= last) {
        fprintf(stderr, "mimic: memory region %s [0x%" PRIx64 "-0x%" PRIx64
                "] overlaps %s\n", mr->name, mr->base, last,
                as->map[i]->name);
        region_free(mr);
        return NULL;
    }
    if (as->nregions == as->cap) {
        as->cap = as->cap ? as->cap * 2 : 16;
        as->map = realloc(as->map, sizeof(*as->map) * (size_t)as->cap);
        if (!as->map) {
            abort();
        }
    }
    memmove(&as->map[i + 1], &as->map[i],
            sizeof(*as->map) * (size_t)(as->nregions - i));
    as->map[i] = mr;
    as->nregions++;
    return mr;
}

static MemoryRegion *region_new(const char *name, MemoryRegionKind kind,
                                uint64_t base, uint64_t size)
{
    MemoryRegion *mr = calloc(1, sizeof(*mr));
    if (!mr) {
        abort();
    }
    snprintf(mr->name, sizeof(mr->name), "%s", name);
    mr->kind = kind;
    mr->base = base;
    mr->size = size;
    return mr;
}

static bool region_alloc_bitmap(MemoryRegion *mr)
{
    uint64_t pages = (mr->size + MEM_PAGE_SIZE - 1) >> MEM_PAGE_BITS;
    mr->code_bitmap = calloc((size_t)((pages + 63) / 64), sizeof(uint64_t));
    return mr->code_bitmap != NULL;
}

MemoryRegion *memory_map_ram(AddressSpace *as, const char *name,
                             uint64_t base, uint64_t size)
{
    MemoryRegion *mr = region_new(name, MR_RAM, base, size);
    /* NORESERVE: a large -m costs nothing until the guest touches it. */
    void *p = size ? mmap(NULL, size, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
                   : MAP_FAILED;
    if (p == MAP_FAILED) {
        fprintf(stderr, "mimic: cannot allocate %" PRIu64 " bytes for %s\n",
                size, name);
        free(mr);
        return NULL;
    }
    mr->host = p;
    mr->owns_host = true;
    if (!region_alloc_bitmap(mr)) {
        region_free(mr);
        return NULL;
    }
    return map_insert(as, mr);
}

MemoryRegion *memory_map_host(AddressSpace *as, const char *name,
                              MemoryRegionKind kind, uint64_t base,
                              uint64_t size, void *host)
{
    if (kind == MR_MMIO || !host) {
        return NULL;
    }
    MemoryRegion *mr = region_new(name, kind, base, size);
    mr->host = host;
    if (!region_alloc_bitmap(mr)) {
        region_free(mr);
        return NULL;
    }
    return map_insert(as, mr);
}

MemoryRegion *memory_map_mmio(AddressSpace *as, const char *name,
                              uint64_t base, uint64_t size,
                              const MemoryRegionOps *ops, void *opaque)
{
    MemoryRegion *mr = region_new(name, MR_MMIO, base, size);
    mr->ops = ops;
    mr->opaque = opaque;
    return map_insert(as, mr);
}

void memory_unmap(AddressSpace *as, MemoryRegion *mr)
{
    for (int i = 0; i < as->nregions; i++) {
        if (as->map[i] == mr) {
            memmove(&as->map[i], &as->map[i + 1],
                    sizeof(*as->map) * (size_t)(as->nregions - i - 1));
            as->nregions--;
            region_free(mr);
            return;
        }
    }
}

void *address_space_ram_ptr(const AddressSpace *as, uint64_t addr,
                            uint64_t *avail)
{
    MemoryRegion *mr = address_space_lookup(as, addr);
    if (!mr || mr->kind == MR_MMIO) {
        return NULL;
    }
    if (avail) {
        *avail = mr->size - (addr - mr->base);
    }
    return mr->host + (addr - mr->base);
}

/* ---- code pages ---- */

void memory_set_code_page(AddressSpace *as, uint64_t paddr, bool is_code)
{
    MemoryRegion *mr = address_space_lookup(as, paddr);
    if (!mr || !mr->code_bitmap) {
        return;
    }
    uint64_t page = (paddr - mr->base) >> MEM_PAGE_BITS;
    uint64_t bit = 1ull << (page & 63);
    if (is_code) {
        mr->code_bitmap[page / 64] |= bit;
    } else {
        mr->code_bitmap[page / 64] &= ~bit;
    }
}

bool memory_is_code_page(const AddressSpace *as, uint64_t paddr)
{
    MemoryRegion *mr = address_space_lookup(as, paddr);
    if (!mr || !mr->code_bitmap) {
        return false;
    }
    uint64_t page = (paddr - mr->base) >> MEM_PAGE_BITS;
    return (mr->code_bitmap[page / 64] >> (page & 63)) & 1;
}

/* Within one region: does [off, off+len) touch a marked page? */
static bool region_range_has_code(const MemoryRegion *mr, uint64_t off,
                                  uint64_t len)
{
    uint64_t first = off >> MEM_PAGE_BITS;
    uint64_t last = (off + len - 1) >> MEM_PAGE_BITS;
    for (uint64_t p = first; p <= last; p++) {
        uint64_t word = mr->code_bitmap[p / 64];
        if (!word) {
            p |= 63;    /* skip the rest of an empty word */
            continue;
        }
        if ((word >> (p & 63)) & 1) {
            return true;
        }
    }
    return false;
}

static void region_notify_write(AddressSpace *as, const MemoryRegion *mr,
                                uint64_t off, uint64_t len)
{
    if (as->on_ram_write && len && mr->code_bitmap &&
        region_range_has_code(mr, off, len)) {
        as->on_ram_write(as->on_ram_write_opaque, mr->base + off, len);
    }
}

void memory_notify_ram_write(AddressSpace *as, uint64_t paddr, uint64_t len)
{
    while (len) {
        MemoryRegion *mr = address_space_lookup(as, paddr);
        if (!mr) {
            return;
        }
        uint64_t off = paddr - mr->base;
        uint64_t n = mr->size - off < len ? mr->size - off : len;
        if (mr->kind != MR_MMIO) {
            region_notify_write(as, mr, off, n);
        }
        paddr += n;
        len -= n;
    }
}

/* ---- MMIO dispatch ---- */

static uint64_t mmio_read1(MemoryRegion *mr, uint64_t off, unsigned size,
                           MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;
    if (ops->read_attrs) {
        return ops->read_attrs(mr->opaque, off, size, attrs);
    }
    return ops->read ? ops->read(mr->opaque, off, size) : 0;
}

static void mmio_write1(MemoryRegion *mr, uint64_t off, uint64_t v,
                        unsigned size, MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;
    if (ops->write_attrs) {
        ops->write_attrs(mr->opaque, off, v, size, attrs);
    } else if (ops->write) {
        ops->write(mr->opaque, off, v, size);
    }
}

static uint64_t size_mask(unsigned size)
{
    return size >= 8 ? ~0ull : (1ull << (size * 8)) - 1;
}

static uint64_t mmio_read(MemoryRegion *mr, uint64_t off, unsigned size,
                          MemTxAttrs attrs)
{
    unsigned max = mr->ops->max_access ? mr->ops->max_access : 8;
    if (size <= max) {
        return mmio_read1(mr, off, size, attrs) & size_mask(size);
    }
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i += max) {
        v |= (mmio_read1(mr, off + i, max, attrs) & size_mask(max))
             << (i * 8);
    }
    return v;
}

static void mmio_write(MemoryRegion *mr, uint64_t off, uint64_t v,
                       unsigned size, MemTxAttrs attrs)
{
    unsigned max = mr->ops->max_access ? mr->ops->max_access : 8;
    if (size <= max) {
        mmio_write1(mr, off, v & size_mask(size), size, attrs);
        return;
    }
    for (unsigned i = 0; i < size; i += max) {
        mmio_write1(mr, off + i, (v >> (i * 8)) & size_mask(max), max, attrs);
    }
}

/* ---- single accesses (CPU slow path) ---- */

static MemTxResult access_bytes(AddressSpace *as, uint64_t addr,
                                unsigned size, uint64_t *value, bool is_write,
                                MemTxAttrs attrs)
{
    MemTxResult r = MEMTX_OK;
    uint64_t v = is_write ? *value : 0;
    for (unsigned i = 0; i < size; i++) {
        uint64_t b = (v >> (i * 8)) & 0xff;
        MemTxResult ri = is_write
            ? address_space_write(as, addr + i, 1, b, attrs)
            : address_space_read(as, addr + i, 1, &b, attrs);
        if (ri != MEMTX_OK) {
            r = ri;
        }
        if (!is_write) {
            v |= (b & 0xff) << (i * 8);
        }
    }
    if (!is_write) {
        *value = v;
    }
    return r;
}

MemTxResult address_space_read(AddressSpace *as, uint64_t addr,
                               unsigned size, uint64_t *value,
                               MemTxAttrs attrs)
{
    MemoryRegion *mr = address_space_lookup(as, addr);
    if (!mr) {
        *value = 0;
        return MEMTX_DECODE_ERROR;
    }
    uint64_t off = addr - mr->base;
    if (size > 1 && mr->size - off < size) {
        return access_bytes(as, addr, size, value, false, attrs);
    }
    if (mr->kind == MR_MMIO) {
        *value = mmio_read(mr, off, size, attrs);
    } else {
        uint64_t v = 0;
        memcpy(&v, mr->host + off, size);   /* host and guest are LE */
        *value = v;
    }
    return MEMTX_OK;
}

MemTxResult address_space_write(AddressSpace *as, uint64_t addr,
                                unsigned size, uint64_t value,
                                MemTxAttrs attrs)
{
    MemoryRegion *mr = address_space_lookup(as, addr);
    if (!mr) {
        return MEMTX_DECODE_ERROR;
    }
    uint64_t off = addr - mr->base;
    if (size > 1 && mr->size - off < size) {
        return access_bytes(as, addr, size, &value, true, attrs);
    }
    switch (mr->kind) {
    case MR_MMIO:
        mmio_write(mr, off, value, size, attrs);
        break;
    case MR_RAM:
        region_notify_write(as, mr, off, size);
        memcpy(mr->host + off, &value, size);
        break;
    case MR_ROM:
        break;
    }
    return MEMTX_OK;
}

/* ---- bulk copies ---- */

/* Largest naturally aligned piece (1, 2, 4 or 8 bytes) at addr that fits
 * in len. */
static unsigned mmio_piece(uint64_t addr, uint64_t len)
{
    unsigned n = 8;
    while (n > 1 && ((addr & (n - 1)) || len < n)) {
        n >>= 1;
    }
    return n;
}

static void mmio_copy(MemoryRegion *mr, uint64_t off, uint8_t *buf,
                      uint64_t len, bool is_write, MemTxAttrs attrs)
{
    while (len) {
        unsigned n = mmio_piece(mr->base + off, len);
        uint64_t v = 0;
        if (is_write) {
            memcpy(&v, buf, n);
            mmio_write(mr, off, v, n, attrs);
        } else {
            v = mmio_read(mr, off, n, attrs);
            memcpy(buf, &v, n);
        }
        off += n;
        buf += n;
        len -= n;
    }
}

MemTxResult address_space_rw_attrs(AddressSpace *as, uint64_t addr,
                                   void *buf, uint64_t len, bool is_write,
                                   MemTxAttrs attrs)
{
    uint8_t *p = buf;
    MemTxResult r = MEMTX_OK;
    while (len) {
        MemoryRegion *mr = address_space_lookup(as, addr);
        uint64_t n;
        if (!mr) {
            /* skip to the next region, or to the end */
            int i = map_bisect(as, addr);
            uint64_t gap = i < as->nregions ? as->map[i]->base - addr : len;
            n = gap < len ? gap : len;
            if (!is_write) {
                memset(p, 0, n);
            }
            r = MEMTX_DECODE_ERROR;
        } else {
            uint64_t off = addr - mr->base;
            n = mr->size - off < len ? mr->size - off : len;
            if (mr->kind == MR_MMIO) {
                mmio_copy(mr, off, p, n, is_write, attrs);
            } else if (is_write) {
                region_notify_write(as, mr, off, n);
                memcpy(mr->host + off, p, n);
            } else {
                memcpy(p, mr->host + off, n);
            }
        }
        addr += n;
        p += n;
        len -= n;
    }
    return r;
}

MemTxResult address_space_rw(AddressSpace *as, uint64_t addr, void *buf,
                             uint64_t len, bool is_write)
{
    return address_space_rw_attrs(as, addr, buf, len, is_write,
                                  MEMTXATTRS_DMA);
}

void *address_space_map(AddressSpace *as, uint64_t addr, uint64_t *plen,
                        bool is_write)
{
    MemoryRegion *mr = address_space_lookup(as, addr);
    if (!mr || mr->kind != MR_RAM) {
        /* DMA into ROM or MMIO is not offered; callers bounce or fail */
        if (!mr || mr->kind == MR_MMIO || is_write) {
            *plen = 0;
            return NULL;
        }
    }
    uint64_t off = addr - mr->base;
    if (mr->size - off < *plen) {
        *plen = mr->size - off;
    }
    return mr->host + off;
}

void address_space_unmap(AddressSpace *as, void *host, uint64_t addr,
                         uint64_t access_len, bool is_write)
{
    (void)host;
    if (is_write && access_len) {
        memory_notify_ram_write(as, addr, access_len);
    }
}

void address_space_dump(const AddressSpace *as, FILE *f)
{
    static const char *const kinds[] = { "ram", "rom", "i/o" };
    fprintf(f, "address-space: memory\n");
    for (int i = 0; i < as->nregions; i++) {
        const MemoryRegion *mr = as->map[i];
        fprintf(f, "  %016" PRIx64 "-%016" PRIx64 " (%s): %s\n", mr->base,
                mr->base + mr->size - 1, kinds[mr->kind], mr->name);
    }
}

/* SPDX-License-Identifier: MIT */
/*
 * The guest physical address space of a machine: RAM regions backed by
 * host memory and MMIO regions dispatched to device callbacks.
 *
 * Who uses it:
 *  - the board maps RAM and each device's registers once at start-up;
 *  - the CPU side's softmmu TLB looks regions up by physical address and
 *    either caches a host pointer for RAM (address_space_ram_ptr, the TLB
 *    addend) or calls address_space_read/write from its slow path (MMIO);
 *  - devices (DMA), loaders and the gdbstub copy bytes with
 *    address_space_rw, or map guest buffers with address_space_map.
 *
 * Translated code must not outlive a change to the RAM it came from.  The
 * CPU side marks pages holding translated code (memory_set_code_page);
 * every write made through this API to a marked page calls the
 * on_ram_write hook first so the translator can drop its blocks.  Writes
 * made by generated code through a TLB host pointer do not come here: the
 * CPU side keeps code pages out of its fast write path (TLB_NOTDIRTY).
 *
 * Threading: the map is built before the guest runs and is then read-only
 * in practice.  Device callbacks run on the thread that performs the access
 * (today the single vCPU/main-loop thread).
 */
#ifndef SYSTEM_MEMORY_H
#define SYSTEM_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define MEM_PAGE_BITS 12
#define MEM_PAGE_SIZE (1ull << MEM_PAGE_BITS)

/* Who makes an access.  GICv2's banked registers depend on the requesting
 * CPU; everything else ignores this. */
typedef struct MemTxAttrs {
    int requester;      /* CPU index, or MEMTX_REQUESTER_DMA */
    bool debug;         /* gdb / monitor: a peek, not a guest access */
} MemTxAttrs;

#define MEMTX_REQUESTER_DMA (-1)
#define MEMTXATTRS_DMA ((MemTxAttrs){ .requester = MEMTX_REQUESTER_DMA })
#define MEMTXATTRS_CPU(n) ((MemTxAttrs){ .requester = (n) })

typedef enum MemTxResult {
    MEMTX_OK = 0,
    MEMTX_DECODE_ERROR,   /* nothing mapped there: an external abort */
} MemTxResult;

/* A device's register callbacks.  offset is relative to the region base;
 * size is 1, 2, 4 or 8 and offset is size-aligned unless the guest made an
 * unaligned access.  Accesses wider than max_access are split into
 * little-endian pieces of max_access bytes. */
typedef struct MemoryRegionOps {
    uint64_t (*read)(void *opaque, uint64_t offset, unsigned size);
    void (*write)(void *opaque, uint64_t offset, uint64_t value,
                  unsigned size);
    /* Optional: used instead of read/write when set, for registers
     * banked by requester. */
    uint64_t (*read_attrs)(void *opaque, uint64_t offset, unsigned size,
                           MemTxAttrs attrs);
    void (*write_attrs)(void *opaque, uint64_t offset, uint64_t value,
                        unsigned size, MemTxAttrs attrs);
    unsigned max_access;  /* 0 means 8 */
} MemoryRegionOps;

typedef enum MemoryRegionKind {
    MR_RAM,     /* host memory, read/write */
    MR_ROM,     /* host memory, guest writes ignored */
    MR_MMIO,    /* device callbacks */
} MemoryRegionKind;

typedef struct MemoryRegion {
    char name[40];
    MemoryRegionKind kind;
    uint64_t base, size;
    uint8_t *host;              /* RAM/ROM: backing memory */
    bool owns_host;             /* allocated here: unmapped on free */
    const MemoryRegionOps *ops; /* MMIO */
    void *opaque;
    uint64_t *code_bitmap;      /* RAM/ROM: one bit per page with code */
} MemoryRegion;

typedef struct AddressSpace {
    MemoryRegion **map;         /* sorted by base, non-overlapping */
    int nregions, cap;
    /* Set by the CPU side: a write reached [paddr, paddr+len) of RAM and
     * at least one page in it is marked as holding code. */
    void (*on_ram_write)(void *opaque, uint64_t paddr, uint64_t len);
    void *on_ram_write_opaque;
} AddressSpace;

AddressSpace *address_space_new(void);
void address_space_free(AddressSpace *as);

/* Mapping.  Each returns NULL (and writes a reason to stderr) when the
 * range is empty, wraps, or overlaps an existing region. */
MemoryRegion *memory_map_ram(AddressSpace *as, const char *name,
                             uint64_t base, uint64_t size);
/* RAM or ROM over memory the caller owns (stays valid until unmapped). */
MemoryRegion *memory_map_host(AddressSpace *as, const char *name,
                              MemoryRegionKind kind, uint64_t base,
                              uint64_t size, void *host);
MemoryRegion *memory_map_mmio(AddressSpace *as, const char *name,
                              uint64_t base, uint64_t size,
                              const MemoryRegionOps *ops, void *opaque);
void memory_unmap(AddressSpace *as, MemoryRegion *mr);

/* The region holding addr, or NULL.  Binary search over the sorted map. */
MemoryRegion *address_space_lookup(const AddressSpace *as, uint64_t addr);

/* Host pointer for guest-physical addr if it is RAM or ROM, else NULL;
 * *avail (if given) receives the bytes left in the region from addr. */
void *address_space_ram_ptr(const AddressSpace *as, uint64_t addr,
                            uint64_t *avail);

/* One access of 1, 2, 4 or 8 bytes: the CPU slow path.  An access that
 * straddles two regions is split into bytes. */
MemTxResult address_space_read(AddressSpace *as, uint64_t addr,
                               unsigned size, uint64_t *value,
                               MemTxAttrs attrs);
MemTxResult address_space_write(AddressSpace *as, uint64_t addr,
                                unsigned size, uint64_t value,
                                MemTxAttrs attrs);

/* Bulk copy for DMA, loaders and gdb.  Unmapped bytes read as zero and
 * make the result MEMTX_DECODE_ERROR (the rest is still copied).  ROM is
 * writable through these two (loaders and gdb fill it); MMIO ranges are
 * accessed in naturally aligned pieces of up to 8 bytes. */
MemTxResult address_space_rw(AddressSpace *as, uint64_t addr, void *buf,
                             uint64_t len, bool is_write);
MemTxResult address_space_rw_attrs(AddressSpace *as, uint64_t addr,
                                   void *buf, uint64_t len, bool is_write,
                                   MemTxAttrs attrs);

/* Direct access to a guest buffer for DMA: a host pointer to the RAM at
 * addr, *plen trimmed to what is contiguous in one region; NULL if addr is
 * not RAM.  A writer must call address_space_unmap with the bytes it
 * wrote, which reports them to the code-page hook. */
void *address_space_map(AddressSpace *as, uint64_t addr, uint64_t *plen,
                        bool is_write);
void address_space_unmap(AddressSpace *as, void *host, uint64_t addr,
                         uint64_t access_len, bool is_write);

/* Code-page marks (see the header comment).  Pages outside RAM/ROM are
 * ignored. */
void memory_set_code_page(AddressSpace *as, uint64_t paddr, bool is_code);
bool memory_is_code_page(const AddressSpace *as, uint64_t paddr);
/* Calls on_ram_write if [paddr, paddr+len) touches a marked page. */
void memory_notify_ram_write(AddressSpace *as, uint64_t paddr, uint64_t len);

/* `info mtree`: one line per region. */
void address_space_dump(const AddressSpace *as, FILE *f);

#endif

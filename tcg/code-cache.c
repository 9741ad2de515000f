/* SPDX-License-Identifier: MIT */
/*
 * The code cache: one executable region shared by every thread, mapped
 * twice (RW for the emitter, RX for execution) so no page is ever both
 * writable and executable.  Blocks are carved from it in order, which keeps
 * the host-pc -> block search a binary search.  When the region is full
 * everything is flushed at once.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "code-cache.h"
#include "util/log.h"

CodeCache code_cache;

bool code_cache_init(size_t size)
{
    CodeCache *c = &code_cache;
    size = (size + 0xffff) & ~(size_t)0xffff;
    int fd = memfd_create("mimic-code", MFD_CLOEXEC);
    if (fd >= 0 && ftruncate(fd, (off_t)size) == 0) {
        void *rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        void *rx = mmap(NULL, size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
        if (rw != MAP_FAILED && rx != MAP_FAILED) {
            c->rw = rw;
            c->rx = rx;
        }
    }
    if (fd >= 0) {
        close(fd);
    }
    if (!c->rw) {
        /* No memfd (old kernel, seccomp): one RWX mapping, said aloud. */
        void *p = mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            fprintf(stderr, "mimic: cannot map a %zu MB code cache: %s\n",
                    size >> 20, strerror(errno));
            return false;
        }
        fprintf(stderr, "mimic: note: code cache is RWX (no dual mapping)\n");
        c->rw = c->rx = p;
    }
    c->size = size;
    c->used = 0;
    c->prologue_size = 0;
    return true;
}

void *code_cache_rw(const void *rx)
{
    return (char *)code_cache.rw + ((const char *)rx - (char *)code_cache.rx);
}

bool code_cache_contains(uintptr_t host_pc)
{
    uintptr_t base = (uintptr_t)code_cache.rx;
    return host_pc >= base + code_cache.prologue_size &&
           host_pc < base + code_cache.used;
}

/* After fork: the dual mapping is MAP_SHARED, so parent and child would
 * write their new blocks over each other's.  Give the child its own copy
 * at the same addresses (every block pointer stays valid). */
void code_cache_unshare(void)
{
    CodeCache *c = &code_cache;
    if (c->rw == c->rx) {
        return;     /* a private RWX mapping: fork copied it already */
    }
    int fd = memfd_create("mimic-code", MFD_CLOEXEC);
    size_t done = 0;
    while (fd >= 0 && done < c->used) {
        ssize_t n = write(fd, (char *)c->rw + done, c->used - done);
        if (n <= 0 && errno != EINTR) {
            break;
        }
        done += n > 0 ? (size_t)n : 0;
    }
    if (fd < 0 || done < c->used || ftruncate(fd, (off_t)c->size) < 0 ||
        mmap(c->rw, c->size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
             fd, 0) == MAP_FAILED ||
        mmap(c->rx, c->size, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_FIXED,
             fd, 0) == MAP_FAILED) {
        fprintf(stderr, "mimic: cannot copy the code cache after fork: %s\n",
                strerror(errno));
        _exit(127);
    }
    close(fd);
}

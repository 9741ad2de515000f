/* SPDX-License-Identifier: MIT */
/* Disassembly through capstone (host x86-64 and guest AArch64). */
#include <capstone/capstone.h>
#include <inttypes.h>
#include <string.h>
#include "disas.h"

static csh open_handle(cs_arch arch, cs_mode mode, csh *cache, int *state)
{
    if (*state == 0) {
        *state = cs_open(arch, mode, cache) == CS_ERR_OK ? 1 : -1;
    }
    return *state == 1 ? *cache : 0;
}

static __thread csh host_h, arm_h;
static __thread int host_state, arm_state;

void disas_host(FILE *f, const void *code, size_t size)
{
    csh h = open_handle(CS_ARCH_X86, CS_MODE_64, &host_h, &host_state);
    if (!h) {
        fprintf(f, "  (capstone unavailable)\n");
        return;
    }
    cs_insn *insn;
    size_t n = cs_disasm(h, code, size, (uint64_t)(uintptr_t)code, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "0x%016" PRIx64 ":  %-8s %s\n", insn[i].address,
                insn[i].mnemonic, insn[i].op_str);
    }
    if (n) {
        cs_free(insn, n);
    }
}

void disas_arm64(FILE *f, const uint8_t *code, size_t size, uint64_t pc)
{
    for (size_t off = 0; off + 4 <= size; off += 4) {
        uint32_t w;
        char buf[160];
        memcpy(&w, code + off, 4);
        if (!disas_arm64_one(w, pc + off, buf, sizeof(buf))) {
            snprintf(buf, sizeof(buf), ".inst 0x%08x", w);
        }
        fprintf(f, "0x%016" PRIx64 ":  %08x      %s\n", pc + off, w, buf);
    }
}

int disas_arm64_one(uint32_t w, uint64_t pc, char *buf, size_t len)
{
    csh h = open_handle(CS_ARCH_ARM64, CS_MODE_ARM, &arm_h, &arm_state);
    if (!h) {
        return 0;
    }
    cs_insn *insn;
    uint8_t bytes[4];
    memcpy(bytes, &w, 4);
    size_t n = cs_disasm(h, bytes, 4, pc, 1, &insn);
    if (n != 1) {
        return 0;
    }
    snprintf(buf, len, "%s %s", insn[0].mnemonic, insn[0].op_str);
    cs_free(insn, n);
    return 1;
}

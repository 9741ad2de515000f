/* SPDX-License-Identifier: MIT */
/*
 * AArch64 register access for debuggers, in gdb's register numbering (see
 * gdb-regs.h).  The host is little-endian like the guest, so register
 * bytes go out in memory order.
 */
#include <string.h>
#include "gdb-regs.h"

enum {
    GDB_SP = 31, GDB_PC = 32, GDB_CPSR = 33, GDB_V0 = 34, GDB_FPSR = 66,
    GDB_FPCR = 67,
};

static int put64(uint8_t *buf, uint64_t v)
{
    memcpy(buf, &v, 8);
    return 8;
}

static int put32(uint8_t *buf, uint32_t v)
{
    memcpy(buf, &v, 4);
    return 4;
}

int a64_gdb_read_reg(const CPUARMState *env, int regno, uint8_t *buf)
{
    if (regno >= 0 && regno <= GDB_SP) {
        return put64(buf, env->xregs[regno]);
    }
    if (regno >= GDB_V0 && regno < GDB_V0 + 32) {
        const ARMVectorReg *v = &env->vregs[regno - GDB_V0];
        put64(buf, v->d[0]);
        put64(buf + 8, v->d[1]);
        return 16;
    }
    switch (regno) {
    case GDB_PC:
        return put64(buf, env->pc);
    case GDB_CPSR:
        /* PSTATE as SPSR_EL1 would show it for EL0t: NZCV, the rest 0 */
        return put32(buf, arm_get_nzcv(env));
    case GDB_FPSR:
        return put32(buf, env->fpsr);
    case GDB_FPCR:
        return put32(buf, env->fpcr);
    default:
        return 0;
    }
}

int a64_gdb_write_reg(CPUARMState *env, int regno, const uint8_t *buf)
{
    uint64_t v64;
    uint32_t v32;
    if (regno >= 0 && regno <= GDB_SP) {
        memcpy(&env->xregs[regno], buf, 8);
        return 0;
    }
    if (regno >= GDB_V0 && regno < GDB_V0 + 32) {
        ARMVectorReg *v = &env->vregs[regno - GDB_V0];
        memcpy(&v->d[0], buf, 8);
        memcpy(&v->d[1], buf + 8, 8);
        return 0;
    }
    switch (regno) {
    case GDB_PC:
        memcpy(&v64, buf, 8);
        env->pc = v64;
        return 0;
    case GDB_CPSR:
        /* only NZCV is guest-writable at EL0 */
        memcpy(&v32, buf, 4);
        arm_set_nzcv(env, v32 & 0xf0000000u);
        return 0;
    case GDB_FPSR:
        memcpy(&env->fpsr, buf, 4);
        return 0;
    case GDB_FPCR:
        memcpy(&env->fpcr, buf, 4);
        return 0;
    default:
        return -1;
    }
}

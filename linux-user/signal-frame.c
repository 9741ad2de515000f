/* SPDX-License-Identifier: MIT */
/*
 * The arm64 signal frame, as Linux builds it (arch/arm64/kernel/signal.c):
 * struct rt_sigframe { siginfo; ucontext } on the guest stack below a
 * frame record {x29, x30}, the ucontext's sigcontext holding x0-x30, sp,
 * pc, pstate and, in __reserved[], an fpsimd_context record (V0-V31,
 * FPSR, FPCR), an esr_context for data aborts and a null terminator
 * (layouts: asm/sigcontext.h, asm/ucontext.h of the arm64 UAPI).
 *
 * Handlers return to a trampoline (mov x8, #__NR_rt_sigreturn; svc #0)
 * on a page mimic maps at start-up, unless the guest gave SA_RESTORER.
 * Those exact two instructions are what unwinders (libgcc, gdb) look for
 * to recognise a signal frame.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include "task.h"

#define FPSIMD_MAGIC 0x46508001u
#define ESR_MAGIC 0x45535201u
#define GUEST_SA_RESTORER 0x04000000u
#define GUEST_SS_AUTODISARM (1u << 31)

typedef struct A64CtxHead {
    uint32_t magic, size;
} A64CtxHead;

typedef struct A64FpsimdCtx {
    A64CtxHead head;
    uint32_t fpsr, fpcr;
    uint64_t vregs[64];        /* V0..V31, low half first */
} A64FpsimdCtx;

typedef struct A64EsrCtx {
    A64CtxHead head;
    uint64_t esr;
} A64EsrCtx;

typedef struct A64SigContext {
    uint64_t fault_address;
    uint64_t regs[31];
    uint64_t sp, pc, pstate;
    uint64_t pad;              /* __reserved is 16-byte aligned */
    uint8_t reserved[4096];
} A64SigContext;

typedef struct A64UContext {
    uint64_t uc_flags, uc_link;
    uint64_t ss_sp;
    int32_t ss_flags, ss_pad;
    uint64_t ss_size;
    uint64_t uc_sigmask;
    uint8_t unused[1024 / 8 - 8];
    uint64_t pad;              /* uc_mcontext is 16-byte aligned */
    A64SigContext mc;
} A64UContext;

typedef struct A64RtSigframe {
    uint8_t info[128];
    A64UContext uc;
} A64RtSigframe;

_Static_assert(sizeof(A64FpsimdCtx) == 528, "fpsimd_context");
_Static_assert(offsetof(A64SigContext, reserved) == 288, "sigcontext");
_Static_assert(sizeof(A64SigContext) == 4384, "sigcontext size");
_Static_assert(offsetof(A64UContext, uc_sigmask) == 40, "uc_sigmask");
_Static_assert(offsetof(A64UContext, mc) == 176, "uc_mcontext");
_Static_assert(sizeof(A64RtSigframe) == 4688, "rt_sigframe");
_Static_assert(sizeof(siginfo_t) == 128, "siginfo");

bool linux_sigtramp_init(LinuxProcess *p)
{
    static const uint32_t code[2] = {
        0xd2801168,            /* mov x8, #139 (__NR_rt_sigreturn) */
        0xd4000001,            /* svc #0 */
    };
    uint64_t addr;
    if (linux_mmap) {
        /* an ordinary guest mapping, so the page map knows it */
        int64_t r = linux_mmap(p, 0, 4096, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (r < 0) {
            fprintf(stderr, "mimic: cannot map the signal trampoline\n");
            return false;
        }
        addr = (uint64_t)r;
        memcpy(g2h(p, addr), code, sizeof(code));
        linux_mprotect(p, addr, 4096, PROT_READ | PROT_EXEC);
        if (linux_mem_name) {
            linux_mem_name(p, addr, addr + 4096, "[sigpage]", 0, 0, 0);
        }
    } else {
        /* the last guest page: above the stack's guard gap */
        addr = p->reserve - 4096;
        void *h = mmap(g2h(p, addr), 4096, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (h == MAP_FAILED) {
            perror("mimic: cannot map the signal trampoline");
            return false;
        }
        memcpy(h, code, sizeof(code));
        mprotect(h, 4096, PROT_READ);
    }
    p->tasks->sigtramp = addr;
    return true;
}

/* ESR_ELx as the kernel reports it to user space for a data or
 * instruction abort from EL0: EC, IL and WnR kept, FSC a generic fault. */
static uint64_t user_esr(int sig, const siginfo_t *info, const LinuxThread *t)
{
    if ((sig != SIGSEGV && sig != SIGBUS) || info->si_code <= 0) {
        return 0;
    }
    return t->fault_esr;
}

static void save_fpsimd(const CPUARMState *env, A64FpsimdCtx *fp)
{
    fp->head.magic = FPSIMD_MAGIC;
    fp->head.size = sizeof(*fp);
    fp->fpsr = env->fpsr;
    fp->fpcr = env->fpcr;
    for (int i = 0; i < 32; i++) {
        fp->vregs[2 * i] = env->vregs[i].d[0];
        fp->vregs[2 * i + 1] = env->vregs[i].d[1];
    }
}

/* The sigcontext: registers and the __reserved records. */
static void save_sigcontext(const CPUARMState *env, A64SigContext *mc,
                            uint64_t esr, uint64_t fault_addr)
{
    mc->fault_address = fault_addr;
    memcpy(mc->regs, env->xregs, sizeof(mc->regs));
    mc->sp = env->xregs[31];
    mc->pc = env->pc;
    mc->pstate = arm_get_nzcv(env);  /* EL0t, DAIF clear */
    size_t off = 0;
    A64FpsimdCtx fp;
    save_fpsimd(env, &fp);
    memcpy(mc->reserved + off, &fp, sizeof(fp));
    off += sizeof(fp);
    if (esr) {
        A64EsrCtx e = { { ESR_MAGIC, sizeof(e) }, esr };
        memcpy(mc->reserved + off, &e, sizeof(e));
        off += sizeof(e);
    }
    /* the null terminator: the frame is zeroed */
}

/* Linux setup_rt_frame + setup_return. */
bool a64_setup_rt_frame(LinuxThread *t, int sig, const GuestSigAction *ka,
                        const siginfo_t *info, uint64_t saved_mask)
{
    A64RtSigframe f;
    LinuxProcess *p = t->proc;
    CPUARMState *env = t->env;
    uint64_t sp = env->xregs[31];
    uint64_t top = sp;
    if ((ka->flags & SA_ONSTACK) && linux_sas_ss_flags(t, sp) == 0) {
        top = t->ss_sp + t->ss_size;
    }
    uint64_t rec = (top - 16) & ~15ull;
    uint64_t addr = rec - sizeof(A64RtSigframe);

    memset(&f, 0, sizeof(f));
    if (ka->flags & SA_SIGINFO) {
        memcpy(f.info, info, sizeof(f.info));
    }
    f.uc.ss_sp = t->ss_sp;
    f.uc.ss_flags = t->ss_flags;
    f.uc.ss_size = t->ss_size;
    f.uc.uc_sigmask = saved_mask;
    uint64_t esr = user_esr(sig, info, t);
    save_sigcontext(env, &f.uc.mc, esr,
                    esr ? (uint64_t)(uintptr_t)info->si_addr : 0);
    uint64_t record[2] = { env->xregs[29], env->xregs[30] };
    if (!linux_copy_to_guest(p, addr, &f, sizeof(f)) ||
        !linux_copy_to_guest(p, rec, record, sizeof(record))) {
        return false;
    }
    if (t->ss_flags & GUEST_SS_AUTODISARM) {
        t->ss_sp = t->ss_size = 0;
        t->ss_flags = SS_DISABLE;
    }
    t->fault_esr = 0;
    env->xregs[0] = (uint64_t)sig;
    if (ka->flags & SA_SIGINFO) {
        env->xregs[1] = addr + offsetof(A64RtSigframe, info);
        env->xregs[2] = addr + offsetof(A64RtSigframe, uc);
    }
    env->xregs[31] = addr;
    env->xregs[29] = rec;
    env->xregs[30] = (ka->flags & GUEST_SA_RESTORER) ? ka->restorer
                                                      : p->tasks->sigtramp;
    env->pc = ka->handler;
    env->excl_addr = ~0ull;    /* exception entry clears the monitor */
    return true;
}

/* Walks __reserved: the fpsimd record is required, esr is skipped,
 * anything else (extra_context, SVE, ...) is not something mimic
 * produces, so the frame is bad. */
static bool parse_reserved(const A64SigContext *mc, A64FpsimdCtx *fp)
{
    bool have_fp = false;
    size_t off = 0;
    for (;;) {
        A64CtxHead h;
        if (off + sizeof(h) > sizeof(mc->reserved)) {
            return false;
        }
        memcpy(&h, mc->reserved + off, sizeof(h));
        if (h.magic == 0) {
            return h.size == 0 && have_fp;
        }
        if (h.size < sizeof(h) || (h.size & 15) ||
            h.size > sizeof(mc->reserved) - off) {
            return false;
        }
        switch (h.magic) {
        case FPSIMD_MAGIC:
            if (have_fp || h.size != sizeof(*fp)) {
                return false;
            }
            memcpy(fp, mc->reserved + off, sizeof(*fp));
            have_fp = true;
            break;
        case ESR_MAGIC:
            break;
        default:
            return false;
        }
        off += h.size;
    }
}

/* Linux rt_sigreturn: registers, FP/SIMD state, mask, alternate stack. */
int64_t a64_rt_sigreturn(LinuxThread *t)
{
    A64RtSigframe f;
    LinuxProcess *p = t->proc;
    CPUARMState *env = t->env;
    uint64_t sp = env->xregs[31];
    A64FpsimdCtx fp;

    if ((sp & 15) || !linux_copy_from_guest(p, &f, sp, sizeof(f))) {
        goto bad;
    }
    const A64SigContext *mc = &f.uc.mc;
    /* valid_user_regs: AArch64 EL0t with D, A, I, F clear */
    if ((mc->pstate & 0x1f) || (mc->pstate & 0x3c0)) {
        goto bad;
    }
    if (!parse_reserved(mc, &fp)) {
        goto bad;
    }
    linux_set_blocked(t, f.uc.uc_sigmask);
    memcpy(env->xregs, mc->regs, sizeof(mc->regs));
    env->xregs[31] = mc->sp;
    env->pc = mc->pc;
    arm_set_nzcv(env, (uint32_t)mc->pstate);
    env->fpsr = fp.fpsr;
    env->fpcr = fp.fpcr;
    for (int i = 0; i < 32; i++) {
        env->vregs[i].d[0] = fp.vregs[2 * i];
        env->vregs[i].d[1] = fp.vregs[2 * i + 1];
    }
    env->excl_addr = ~0ull;
    /* errors other than faults are ignored, as the kernel does */
    struct {
        uint64_t ss_sp;
        int32_t ss_flags, pad;
        uint64_t ss_size;
    } ss = { f.uc.ss_sp, f.uc.ss_flags, 0, f.uc.ss_size };
    linux_do_sigaltstack(t, &ss, NULL, env->xregs[31]);
    return -LINUX_ESIGRETURN;

bad:
    linux_force_signal(t, SIGSEGV, linux_segv_code(p, sp), sp);
    return -LINUX_ESIGRETURN;
}

// SPDX-License-Identifier: MIT
// Synchronous signals from guest faults, as a SA_SIGINFO handler sees
// them: SIGSEGV for unmapped and read-only memory (si_addr, si_code,
// sigcontext fault_address), SIGILL for an undefined instruction and
// SIGTRAP for BRK (si_addr = pc).  Handlers leave with siglongjmp, or
// return after moving the saved pc past the faulting instruction.  A
// fault with SIGSEGV blocked kills the process (status 139), as the
// kernel's force_sig does.
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile uintptr_t fault_addr, fault_pc, ctx_fault, fault_x19;
static volatile int fault_code, fault_sig, has_fpsimd;

static void record(int sig, siginfo_t *si, ucontext_t *uc)
{
    fault_sig = sig;
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    fault_pc = uc->uc_mcontext.pc;
    fault_x19 = uc->uc_mcontext.regs[19];
    ctx_fault = uc->uc_mcontext.fault_address;
    /* the first record in __reserved is the FP/SIMD state */
    struct _aarch64_ctx *head = (void *)uc->uc_mcontext.__reserved;
    has_fpsimd = head->magic == FPSIMD_MAGIC && head->size == 528;
}

static void h_jump(int sig, siginfo_t *si, void *uc)
{
    record(sig, si, uc);
    siglongjmp(jb, 1);
}

static void h_skip(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    record(sig, si, uc);
    uc->uc_mcontext.pc += 4;
}

static void install(int sig, void (*h)(int, siginfo_t *, void *))
{
    struct sigaction sa = { 0 };
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO;
    sigaction(sig, &sa, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    install(SIGSEGV, h_jump);
    volatile int *bad = (int *)0x1230;
    if (!sigsetjmp(jb, 1)) {
        *bad = 1;
        printf("no fault?\n");
    }
    printf("unmapped write: sig %d code %d (MAPERR %d) addr %#lx ctx %#lx "
           "fpsimd %d\n", fault_sig, fault_code, SEGV_MAPERR,
           (unsigned long)fault_addr, (unsigned long)ctx_fault, has_fpsimd);

    uintptr_t here;
    long pg = sysconf(_SC_PAGESIZE);
    char *ro = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (!sigsetjmp(jb, 1)) {
        ((volatile char *)ro)[100] = 1;
    }
    printf("read-only write: sig %d code %d (ACCERR %d) offset %ld\n",
           fault_sig, fault_code, SEGV_ACCERR,
           (long)(fault_addr - (uintptr_t)ro));
    if (!sigsetjmp(jb, 1)) {
        volatile char c = ((volatile char *)bad)[0];
        (void)c;
    }
    printf("unmapped read: sig %d addr %#lx\n", fault_sig,
           (unsigned long)fault_addr);
    /* the mask saved by sigsetjmp came back: SIGSEGV works again */
    if (!sigsetjmp(jb, 1)) {
        *bad = 2;
    }
    printf("again: sig %d\n", fault_sig);

    /* precise state: the frame holds the faulting store's pc and the
     * registers as they were, even those computed just before it */
    install(SIGSEGV, h_skip);
    uintptr_t x19_after;
    __asm__ volatile("mov x19, #0x1234\n"
                     "add x19, x19, #0x10\n"
                     "adr %0, 1f\n"
                     "1: str x19, [%2]\n"
                     "add x19, x19, #1\n"
                     "mov %1, x19"
                     : "=&r"(here), "=r"(x19_after) : "r"(bad)
                     : "x19", "memory");
    printf("store fault: sig %d pc at insn %d x19 %#lx, then %#lx\n",
           fault_sig, fault_pc == here, (unsigned long)fault_x19,
           (unsigned long)x19_after);

    install(SIGILL, h_skip);
    __asm__ volatile("adr %0, 1f\n1: .inst 0x00000000" : "=r"(here));
    /* Linux says ILL_ILLOPC, qemu-aarch64 ILL_ILLOPN */
    printf("udf: sig %d code ok %d at insn %d pc at insn %d\n", fault_sig,
           fault_code == ILL_ILLOPC || fault_code == ILL_ILLOPN,
           fault_addr == here, fault_pc == here);

    install(SIGTRAP, h_skip);
    __asm__ volatile("adr %0, 1f\n1: brk #0x42" : "=r"(here));
    printf("brk: sig %d code %d (BRKPT %d) at insn %d\n", fault_sig,
           fault_code, TRAP_BRKPT, fault_addr == here);

    /* blocked, a fault's signal takes its default action: death */
    sigset_t b;
    sigemptyset(&b);
    sigaddset(&b, SIGSEGV);
    sigprocmask(SIG_BLOCK, &b, NULL);
    if (!sigsetjmp(jb, 1)) {
        *bad = 3;
    }
    printf("blocked SIGSEGV: caught?\n");
    return 0;
}

// SPDX-License-Identifier: MIT
// Bare-metal system test (runs at EL1 from the Image entry, see start.S):
// builds stage-1 page tables and turns the MMU on, runs code through
// TTBR1, takes and returns from synchronous exceptions (SVC, data and
// instruction aborts with their ESR/FAR, UDF, BRK, the FP trap), checks
// AT and TLBI, exclusives and a page-crossing access, rewrites code it
// has run, drops to EL0 and back, single-steps EL0 code (MDSCR_EL1.SS),
// takes a timer interrupt through the
// GIC (v2 or v3, whichever the board has) after WFI, and powers off
// through PSCI.  Everything it learns goes to the PL011; the test
// compares that with baremetal.expected.
#include <stdint.h>

typedef uint64_t u64;
typedef uint32_t u32;

#define UART 0x09000000ul
#define GICD 0x08000000ul
#define GICC 0x08010000ul
#define GICR 0x080a0000ul
#define TEST_VA 0x40800000ul       /* the 2 MB mapped with 4K pages */
#define PG(n) (TEST_VA + (u64)(n) * 4096)

#define read_sysreg(r) ({ u64 v_; __asm__ volatile("mrs %0, " #r : "=r"(v_)); v_; })
#define write_sysreg(v, r) __asm__ volatile("msr " #r ", %0" :: "r"((u64)(v)))
#define isb() __asm__ volatile("isb" ::: "memory")
#define dsb() __asm__ volatile("dsb sy" ::: "memory")

struct frame { u64 x[31]; u64 elr, spsr, esr, far; };

extern char el0_start[], el0_code[], el0_step[], el0_return[];
void run_el0(u64 entry, u64 sp, u64 a0, u64 a1, u64 spsr);

static u64 l0[512] __attribute__((aligned(4096)));
static u64 l1[512] __attribute__((aligned(4096)));
static u64 l2[512] __attribute__((aligned(4096)));
static u64 l3[512] __attribute__((aligned(4096)));
static u32 code_buf[1024] __attribute__((aligned(4096)));
static volatile int irqs;
static int gicv3;

/* ---- output ---- */

static void putc_(char c)
{
    while (*(volatile u32 *)(UART + 0x18) & (1u << 5)) {
    }
    *(volatile u32 *)UART = (u32)c;
}

static void puts_(const char *s)
{
    while (*s) {
        putc_(*s++);
    }
}

static void puthex(u64 v)
{
    int started = 0;
    puts_("0x");
    for (int i = 60; i >= 0; i -= 4) {
        int d = (int)(v >> i) & 15;
        if (d || started || i == 0) {
            putc_("0123456789abcdef"[d]);
            started = 1;
        }
    }
}

static void kv(const char *k, u64 v)
{
    puts_(k);
    puts_("=");
    puthex(v);
    puts_(" ");
}

static void line(const char *s)
{
    puts_(s);
    puts_("\n");
}

/* ---- PSCI ---- */

static u64 psci(u64 fn, u64 a1)
{
    register u64 x0 __asm__("x0") = fn;
    register u64 x1 __asm__("x1") = a1;
    __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1) :: "x2", "x3", "memory");
    return x0;
}

static void power_off(void)
{
    psci(0x84000008, 0);
    for (;;) {
    }
}

/* ---- exceptions ---- */

static void report_abort(const char *what, const struct frame *f)
{
    puts_(what);
    puts_(": ");
    kv("ec", f->esr >> 26);
    kv("fsc", f->esr & 0x3f);
    kv("wnr", (f->esr >> 6) & 1);
    kv("far", f->far);
    puts_("\n");
}

static void sync_el1(struct frame *f)
{
    u32 ec = (u32)(f->esr >> 26);
    switch (ec) {
    case 0x15:
        kv("svc: imm", f->esr & 0xffff);
        kv("il", (f->esr >> 25) & 1);
        line("");
        return;
    case 0x25:
        report_abort("data abort", f);
        f->elr += 4;
        return;
    case 0x21:
        report_abort("insn abort", f);
        f->elr = f->x[30];      /* back to the caller */
        return;
    case 0x00:
        line("undefined instruction");
        f->elr += 4;
        return;
    case 0x3c:
        kv("brk: imm", f->esr & 0xffff);
        line("");
        f->elr += 4;
        return;
    case 0x07:
        line("fp trap: enabling FP");
        write_sysreg(read_sysreg(cpacr_el1) | 3ul << 20, cpacr_el1);
        return;                 /* the instruction runs again */
    default:
        kv("unexpected sync from EL1: esr", f->esr);
        kv("elr", f->elr);
        line("");
        power_off();
    }
}

static void sync_el0(struct frame *f)
{
    u32 ec = (u32)(f->esr >> 26);
    if (ec == 0x32) {
        /* software step: ISV, EX, IFSC; keep stepping */
        kv("step: iss", f->esr & 0x1ffffff);
        kv("elr", f->elr - PG(5));
        kv("x0", f->x[0]);
        line("");
        f->spsr |= 1ul << 21;
    } else if (ec == 0x15 && (f->esr & 0xffff) == 1) {
        kv("el0 says", f->x[0]);
        line("");
    } else if (ec == 0x15) {
        kv("el0: done, spsr.ss", (f->spsr >> 21) & 1);
        line("");
        f->elr = (u64)el0_return;
        f->spsr = 0x3c5;        /* EL1h, DAIF masked */
    } else if (ec == 0x24) {
        report_abort("data abort from el0", f);
        f->elr += 4;
    } else if (ec == 0x00) {
        line("undefined instruction at el0");
        f->elr += 4;
    } else {
        kv("unexpected sync from EL0: esr", f->esr);
        kv("far", f->far);
        kv("elr", f->elr);
        line("");
        power_off();
    }
}

static void irq(void)
{
    u64 iar;
    if (gicv3) {
        iar = read_sysreg(S3_0_C12_C12_0);          /* ICC_IAR1_EL1 */
    } else {
        iar = *(volatile u32 *)(GICC + 0x0c);
    }
    u64 id = iar & 0x3ff;
    if (id == 27) {
        write_sysreg(2, cntv_ctl_el0);              /* IMASK */
        isb();
    }
    if (gicv3) {
        write_sysreg(iar, S3_0_C12_C12_1);          /* ICC_EOIR1_EL1 */
    } else {
        *(volatile u32 *)(GICC + 0x10) = (u32)iar;
    }
    kv("irq: intid", id);
    line("");
    irqs++;
}

void handle_exception(u64 kind, struct frame *f)
{
    switch (kind) {
    case 4: sync_el1(f); return;
    case 5: irq(); return;
    case 8: sync_el0(f); return;
    default:
        kv("unexpected vector", kind);
        kv("esr", f->esr);
        kv("elr", f->elr);
        line("");
        power_off();
    }
}

/* ---- MMU ---- */

#define AF (1ul << 10)
#define SH_INNER (3ul << 8)
#define NORMAL (1ul << 2)          /* MAIR attr index 1 */
#define AP_EL0 (1ul << 6)
#define AP_RO (2ul << 6)
#define PXN (1ul << 53)
#define UXN (1ul << 54)
#define PAGE(pa, attrs) ((u64)(pa) | (attrs) | 3)

static void mmu_setup(void)
{
    l0[0] = (u64)l1 | 3;
    l1[0] = 0 | AF | UXN | PXN | 1;             /* devices: 1G block */
    l1[1] = (u64)l2 | 3;
    for (int i = 0; i < 512; i++) {             /* RAM: 2M blocks */
        l2[i] = (0x40000000ul + ((u64)i << 21)) | NORMAL | SH_INNER | AF |
                UXN | 1;
    }
    l2[4] = (u64)l3 | 3;                        /* TEST_VA in 4K pages */
    for (int i = 0; i < 512; i++) {
        l3[i] = PAGE(PG(i), NORMAL | SH_INNER | AF | UXN);
    }
    l3[1] |= AP_RO;                             /* read-only */
    l3[2] = 0;                                  /* invalid */
    l3[3] &= ~AF;                               /* access flag clear */
    l3[4] |= AP_EL0 | PXN;                      /* EL0 read/write */
    l3[5] = PAGE(el0_start, NORMAL | SH_INNER | AF | AP_EL0 | AP_RO | PXN);
    l3[6] = PAGE(PG(0), NORMAL | SH_INNER | AF | UXN);  /* alias */

    write_sysreg(0xff00, mair_el1);             /* 0: device, 1: normal */
    u64 tcr = 16 | 1ul << 8 | 1ul << 10 | 3ul << 12 |       /* TTBR0 */
              16ul << 16 | 1ul << 24 | 1ul << 26 | 3ul << 28 |
              2ul << 30 |                                    /* TTBR1 */
              5ul << 32 | 1ul << 37;            /* 48-bit PA, TBI0 */
    write_sysreg(tcr, tcr_el1);
    write_sysreg((u64)l0, ttbr0_el1);
    write_sysreg((u64)l0, ttbr1_el1);           /* same tables, high VA */
    isb();
    __asm__ volatile("tlbi vmalle1\n dsb nsh" ::: "memory");
    u64 sctlr = read_sysreg(sctlr_el1);
    sctlr |= 1 | 1ul << 2 | 1ul << 12;          /* M, C, I */
    sctlr &= ~(1ul << 1);                       /* no alignment checks */
    write_sysreg(sctlr, sctlr_el1);
    isb();
}

static u64 __attribute__((noinline)) where_am_i(void)
{
    u64 pc;
    __asm__ volatile("adr %0, ." : "=r"(pc));
    return pc;
}

static u64 at(int op, u64 va)
{
    switch (op) {
    case 0: __asm__ volatile("at s1e1r, %0" :: "r"(va)); break;
    case 1: __asm__ volatile("at s1e1w, %0" :: "r"(va)); break;
    default: __asm__ volatile("at s1e0r, %0" :: "r"(va)); break;
    }
    isb();
    return read_sysreg(par_el1);
}

static void test_memory(void)
{
    volatile u64 *p0 = (u64 *)PG(0);
    *p0 = 0x1111;
    kv("alias reads", *(volatile u64 *)PG(6));
    line("");
    /* faults: translation, permission (write), access flag, TBI */
    (void)*(volatile u64 *)PG(2);
    *(volatile u64 *)PG(1) = 1;
    (void)*(volatile u64 *)PG(3);
    kv("tagged load", *(volatile u64 *)(PG(0) | 0x5a00000000000000ul));
    line("");
    /* AT: PAR_EL1 for a hit, a translation fault, permission faults */
    kv("at s1e1r pg6", at(0, PG(6)) & 0xfffffffff001ul);
    kv("pg2", at(0, PG(2)) & 0x7f);
    kv("s1e1w pg1", at(1, PG(1)) & 0x7f);
    kv("s1e0r pg0", at(2, PG(0)) & 0x7f);
    line("");
    /* TLBI: point the alias elsewhere */
    *(volatile u64 *)PG(7) = 0x7777;
    l3[6] = PAGE(PG(7), NORMAL | SH_INNER | AF | UXN);
    __asm__ volatile("dsb ishst\n tlbi vae1is, %0\n dsb ish\n isb"
                     :: "r"(PG(6) >> 12) : "memory");
    kv("after tlbi the alias reads", *(volatile u64 *)PG(6));
    line("");
    /* a load and a store across a page boundary */
    volatile u64 *x = (u64 *)(PG(9) - 4);
    *x = 0x0123456789abcdeful;
    kv("cross-page", *x);
    kv("low half", *(volatile u32 *)(PG(9) - 4));
    kv("high half", *(volatile u32 *)PG(9));
    line("");
    /* exclusives through the TLB */
    u64 old, fail;
    __asm__ volatile("1: ldxr %0, [%2]\n add %0, %0, #1\n"
                     " stxr %w1, %0, [%2]\n cbnz %w1, 1b"
                     : "=&r"(old), "=&r"(fail) : "r"(PG(8)) : "memory");
    kv("ldxr/stxr", *(volatile u64 *)PG(8));
    line("");
}

static void test_exceptions(void)
{
    __asm__ volatile("svc #0x42");
    __asm__ volatile(".inst 0x00000000");       /* UDF #0 */
    __asm__ volatile("brk #0x123");
    void (*bad)(void) = (void (*)(void))PG(2);
    bad();                                      /* instruction abort */
    write_sysreg(read_sysreg(cpacr_el1) & ~(3ul << 20), cpacr_el1);
    isb();
    /* an FP register access while CPACR_EL1 disables FP traps; the
     * handler enables it and the MSR runs again */
    write_sysreg(3ul << 24, fpcr);              /* DN, FZ */
    kv("fpcr after the trap", read_sysreg(fpcr));
    line("");
}

/* Code the test writes, runs, rewrites and runs again. */
static void test_smc_code(void)
{
    u64 (*fn)(void) = (u64 (*)(void))code_buf;
    for (int round = 1; round <= 2; round++) {
        code_buf[0] = 0xd2800000u | (u32)round << 5;   /* movz x0, #round */
        code_buf[1] = 0xd65f03c0u;                      /* ret */
        __asm__ volatile("dc cvau, %0\n dsb ish\n ic ivau, %0\n dsb ish\n"
                         " isb" :: "r"(code_buf) : "memory");
        kv("code returns", fn());
    }
    line("");
}

static void gic_init(void)
{
    gicv3 = ((read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf) != 0;
    if (gicv3) {
        *(volatile u32 *)GICD = 0x13;           /* ARE, Grp1, Grp0 */
        volatile u32 *waker = (u32 *)(GICR + 0x14);
        *waker &= ~2u;                          /* ProcessorSleep */
        while (*waker & 4u) {
        }
        u64 sgi = GICR + 0x10000;
        *(volatile u32 *)(sgi + 0x80) |= 1u << 27;      /* group 1 */
        *(volatile uint8_t *)(sgi + 0x400 + 27) = 0x80;
        *(volatile u32 *)(sgi + 0x100) = 1u << 27;
        write_sysreg(read_sysreg(S3_0_C12_C12_5) | 1, S3_0_C12_C12_5);
        isb();
        write_sysreg(0xf0, S3_0_C4_C6_0);       /* ICC_PMR_EL1 */
        write_sysreg(1, S3_0_C12_C12_7);        /* ICC_IGRPEN1_EL1 */
        isb();
    } else {
        *(volatile u32 *)GICD = 1;
        *(volatile uint8_t *)(GICD + 0x400 + 27) = 0x80;
        *(volatile u32 *)(GICD + 0x100) = 1u << 27;
        *(volatile u32 *)(GICC + 0x04) = 0xf0;
        *(volatile u32 *)GICC = 1;
    }
}

static void test_timer_irq(void)
{
    gic_init();
    u64 t0 = read_sysreg(cntvct_el0);
    write_sysreg(2000000, cntv_tval_el0);       /* 2 ms at 1 GHz */
    write_sysreg(1, cntv_ctl_el0);
    __asm__ volatile("msr daifclr, #2" ::: "memory");
    while (!irqs) {
        __asm__ volatile("wfi");
    }
    __asm__ volatile("msr daifset, #2" ::: "memory");
    u64 dt = read_sysreg(cntvct_el0) - t0;
    kv("timer fired after at least 2 ms", dt >= 2000000);
    kv("ctl", read_sysreg(cntv_ctl_el0));
    line("");
}

void test_main(void)
{
    line("bare-metal test");
    kv("CurrentEL", read_sysreg(currentel));
    kv("cntfrq set", read_sysreg(cntfrq_el0) != 0);
    line("");
    mmu_setup();
    line("mmu on");
    u64 (*hi)(void) = (u64 (*)(void))((u64)where_am_i | 0xffff000000000000ul);
    kv("code through TTBR1 at", hi() >> 32);
    line("");
    test_memory();
    test_exceptions();
    test_smc_code();
    write_sysreg(read_sysreg(cntkctl_el1) | 2, cntkctl_el1);    /* EL0VCTEN */
    run_el0(PG(5) + (u64)(el0_code - el0_start), PG(4) + 0xff0, PG(4),
            PG(0), 0);
    line("back at el1");
    /* software step of EL0 code: OS lock off, MDSCR_EL1.SS, SPSR.SS */
    write_sysreg(0, oslar_el1);
    write_sysreg(1, mdscr_el1);
    isb();
    run_el0(PG(5) + (u64)(el0_step - el0_start), PG(4) + 0xff0, 0, 0,
            1ul << 21);
    write_sysreg(0, mdscr_el1);
    line("stepping done");
    test_timer_irq();
    kv("psci version", psci(0x84000000, 0));
    line("");
    line("powering off");
    power_off();
}

/* SPDX-License-Identifier: MIT */
/*
 * Guest threads and guest signals in Linux user mode.  Each guest thread
 * is one host thread with its own CPUARMState and a LinuxThread holding
 * its signal state (mask, queue, alternate stack) and the clone
 * bookkeeping (clear_child_tid, robust list).  The process-wide part (the
 * sigaction table, the thread count) hangs off LinuxProcess.
 *
 * Guest signal numbers map 1:1 onto host signal numbers (arm64 and x86-64
 * Linux number signals alike, 1..64); see signal-host.c for why even the
 * two real-time signals host glibc keeps for itself (32, 33) are usable.
 */
#ifndef LINUX_USER_TASK_H
#define LINUX_USER_TASK_H

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include "user.h"

#define GUEST_NSIG 64
/* Guest signal sets are the kernel's: bit n-1 stands for signal n. */
#define GSIG_BIT(sig) (1ull << ((sig) - 1))

/* Internal syscall results (never seen by the guest): restart the call
 * unless a handler without SA_RESTART runs first; leave x0 alone. */
#define LINUX_ERESTARTSYS 512
#define LINUX_ESIGRETURN 513
/* restart only when no handler runs (poll, sleep, sigsuspend-like) */
#define LINUX_ERESTARTNOHAND 514

#define SIGRTMIN_GUEST 32

/* One guest sigaction, in the arm64 kernel's struct sigaction layout. */
typedef struct GuestSigAction {
    uint64_t handler;          /* 0 = SIG_DFL, 1 = SIG_IGN */
    uint64_t flags;
    uint64_t restorer;
    uint64_t mask;
} GuestSigAction;

/* A queued guest signal: the arm64 siginfo, which has the host layout. */
typedef struct GuestSigQueued {
    int sig;
    siginfo_t info;
} GuestSigQueued;

#define SIGQUEUE_MAX 64

typedef struct LinuxThread {
    LinuxProcess *proc;
    CPUARMState *env;
    int tid;
    bool is_main;

    /* Written by the host signal handler, read by safe_syscall and the
     * CPU loop.  host_sigs holds signals not yet moved into the queue. */
    volatile int signal_pending;
    volatile int nb_host_sigs;
    siginfo_t host_sigs[8];

    /* Guest signal state (touched only by this thread). */
    uint64_t blocked;          /* guest mask */
    uint64_t saved_mask;       /* mask to restore after a sigsuspend-like
                                  call, valid when has_saved_mask */
    bool has_saved_mask;
    uint64_t pending;          /* signals with an entry in queue */
    int nb_queued;
    GuestSigQueued queue[SIGQUEUE_MAX];
    int restart_kind;          /* LINUX_ERESTART* of the last syscall */
    bool host_mask_dirty;      /* host mask differs from blocked */
    int host_fault_code;       /* si_code of the last host fault */
    uint64_t fault_esr;        /* ESR for the next SIGSEGV/SIGBUS frame */
    sigjmp_buf *exit_jmp;      /* where a non-main thread ends */

    uint64_t ss_sp, ss_size;   /* sigaltstack */
    int ss_flags;

    /* Set around guest execution so the SIGSEGV handler can tell guest
     * faults from mimic's own. */
    volatile bool in_guest;
    /* uaccess: guarded copy in progress, where a fault returns to */
    sigjmp_buf *volatile uaccess_jmp;

    uint64_t clear_child_tid;
    uint64_t robust_list, robust_len;

    LinuxCpu cpu;              /* in the process's CPU list (not the main
                                * thread's: that is LinuxProcess.main_cpu) */
} LinuxThread;

/* Per-process signal and thread state (LinuxProcess.tasks). */
typedef struct LinuxTasks {
    pthread_mutex_t lock;
    GuestSigAction act[GUEST_NSIG + 1];
    uint64_t sigtramp;         /* guest address of mov x8,#139; svc #0 */
    int nb_threads;            /* live guest threads */
    uint64_t initial_mask;     /* host mask mimic started with */
    int leader_exit_code;      /* the main thread's exit(), if it left */
} LinuxTasks;

extern __thread LinuxThread *linux_thread_self;

/* signal-host.c: host side */
void linux_signal_host_init(LinuxProcess *p);
/* Makes the host handler disposition of sig follow the guest's action. */
void linux_host_sigaction_sync(LinuxProcess *p, int sig);
/* Host signal mask of this thread = guest mask (minus synchronous ones). */
void linux_host_mask_sync(LinuxThread *t);
/* Blocks every host signal, returning the previous host mask. */
void linux_host_block_all(sigset_t *old);
void linux_host_set_mask(const sigset_t *set);
/* Host sigset for a guest mask (synchronous signals never blocked). */
void linux_guest_to_host_mask(uint64_t gmask, sigset_t *set);
__attribute__((noreturn)) void linux_die_by_signal(int sig);
/* Guarded copies to and from guest memory: false when an address is
 * outside the guest window or not mapped (the caller returns -EFAULT). */
bool linux_copy_from_guest(LinuxProcess *p, void *dst, uint64_t src,
                           size_t len);
bool linux_copy_to_guest(LinuxProcess *p, uint64_t dst, const void *src,
                         size_t len);
/* Raw host signal syscalls (glibc hides signals 32 and 33). */
int linux_host_rt_sigaction(int sig, const void *act, void *old);
int linux_host_rt_sigprocmask(int how, const sigset_t *set, sigset_t *old);

/* signal.c: guest side */
void linux_thread_signal_init(LinuxThread *t, const LinuxThread *parent);
/* Moves host-delivered signals into the queue and delivers what the mask
 * allows (building frames on the guest stack).  Called by the CPU loop. */
void linux_process_signals(LinuxThread *t);
/* A signal the debugger delivers as the thread resumes (gdb's "signal N",
 * C/S packets): handled now, not reported to the debugger again. */
void linux_debugger_signal(LinuxThread *t, int sig);
/* A synchronous fault: delivered now, even if blocked or ignored (then
 * the default action applies, as the kernel's force_sig does). */
void linux_force_signal(LinuxThread *t, int sig, int code, uint64_t addr);
/* Around a host vfork (the child shares this memory): the parent's
 * signal state, saved before and put back once the child is gone. */
void *linux_vfork_save(LinuxProcess *p);
void linux_vfork_restore(LinuxProcess *p, void *saved);
/* Sets the guest mask (and the host mask to match). */
void linux_set_blocked(LinuxThread *t, uint64_t mask);
/* For sigsuspend-like calls: run with mask, restore the old one after the
 * handler (or at once when the call was not interrupted). */
void linux_sigsuspend_begin(LinuxThread *t, uint64_t mask);
void linux_sigsuspend_end(LinuxThread *t, int64_t ret);
/* Is a queued signal deliverable now?  (before blocking calls) */
bool linux_signal_deliverable(LinuxThread *t);
GuestSigAction linux_get_sigaction(LinuxProcess *p, int sig);
/* SEGV_MAPERR or SEGV_ACCERR for a fault at a guest address */
int linux_segv_code(LinuxProcess *p, uint64_t addr);
/* sigaltstack state as the kernel computes it */
bool linux_on_sig_stack(const LinuxThread *t, uint64_t sp);
int linux_sas_ss_flags(const LinuxThread *t, uint64_t sp);
int linux_do_sigaltstack(LinuxThread *t, const void *ss, void *old,
                         uint64_t sp);

/* signal-frame.c: the arm64 rt_sigframe */
bool a64_setup_rt_frame(LinuxThread *t, int sig, const GuestSigAction *ka,
                        const siginfo_t *info, uint64_t saved_mask);
int64_t a64_rt_sigreturn(LinuxThread *t);
bool linux_sigtramp_init(LinuxProcess *p);

/* thread.c */
void linux_thread_init_main(LinuxProcess *p, CPUARMState *env);
/* Ends the calling guest thread; the process when it is the last one. */
__attribute__((noreturn)) void linux_thread_exit(LinuxThread *t, int code);
/* In a fork child: only the calling thread survives. */
void linux_thread_after_fork_child(LinuxProcess *p);

/* safe-syscall.S: a host syscall that a guest signal arriving before it
 * blocks turns into -LINUX_ERESTARTSYS instead of being missed. */
long safe_syscall_base(volatile int *pending, long num, long a1, long a2,
                       long a3, long a4, long a5, long a6);
extern char safe_syscall_start[], safe_syscall_end[];
extern char safe_syscall_interrupted[];

static inline int64_t linux_safe_syscall(long num, long a1, long a2, long a3,
                                         long a4, long a5, long a6)
{
    static volatile int no_thread;
    LinuxThread *t = linux_thread_self;
    return safe_syscall_base(t ? &t->signal_pending : &no_thread, num, a1,
                             a2, a3, a4, a5, a6);
}

/* Provided here for the process code (lu-core's syscall-exec.c and
 * main.c call them; they carry weak defaults there). */
void linux_host_signals_init(LinuxProcess *p);
int64_t linux_clone_thread(LinuxProcess *p, CPUARMState *env,
                           uint64_t flags, uint64_t newsp, uint64_t ptid,
                           uint64_t tls, uint64_t ctid);
__attribute__((noreturn)) void linux_exit_thread(LinuxProcess *p,
                                                 CPUARMState *env,
                                                 int status);
__attribute__((noreturn)) void linux_exit_group(LinuxProcess *p, int status);
void linux_signals_before_exec(LinuxProcess *p);

/* From the memory code (lu-core's pagemap.c/mmap.c), used when linked in
 * (weak references: absent, mimic falls back to plain host calls). */
bool linux_handle_code_write(LinuxProcess *p, uint64_t guest_addr)
    __attribute__((weak));
void linux_prepare_guest_write(LinuxProcess *p, uint64_t addr, uint64_t len)
    __attribute__((weak));
int linux_page_flags(LinuxProcess *p, uint64_t addr) __attribute__((weak));
int64_t linux_mmap(LinuxProcess *p, uint64_t addr, uint64_t len, int prot,
                   int flags, int fd, uint64_t off) __attribute__((weak));
int64_t linux_mprotect(LinuxProcess *p, uint64_t addr, uint64_t len,
                       int prot) __attribute__((weak));
void linux_mem_name(LinuxProcess *p, uint64_t start, uint64_t end,
                    const char *name, uint64_t offset, uint64_t dev,
                    uint64_t ino) __attribute__((weak));

/* A guest buffer the host kernel will read (write = false) or fill:
 * its host address, NULL for a null pointer; false when it is outside
 * the guest window (the syscall returns -EFAULT; the host kernel itself
 * answers EFAULT for unmapped pages inside it).  Code pages about to be
 * written lose their write protection first. */
static inline bool linux_gbuf(LinuxProcess *p, uint64_t addr, uint64_t len,
                              bool write, void **out)
{
    if (!addr) {
        *out = NULL;
        return true;
    }
    if (!guest_addr_valid(p, addr, len)) {
        return false;
    }
    if (write && len && linux_prepare_guest_write) {
        linux_prepare_guest_write(p, addr, len);
    }
    *out = g2h(p, addr);
    return true;
}

#endif

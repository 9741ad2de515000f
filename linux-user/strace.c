/* SPDX-License-Identifier: MIT */
/*
 * -strace: prints "pid name(args) = result" to the log, decoding each
 * argument by the format letters in the syscall table.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>
#include "strace.h"
#include "task.h"
#include "util/log.h"

static void print_string(LinuxProcess *p, uint64_t addr)
{
    /* checked page by page: a bad pointer must not fault in mimic */
    const char *s = addr ? lu_str(p, addr, 63) : NULL;
    size_t n = s ? strlen(s) : 0;
    if (!s && addr && linux_access_ok(p, addr, 64, false)) {
        s = g2h(p, addr);
        n = 64;
    }
    if (!s) {
        log_printf("0x%" PRIx64, addr);
        return;
    }
    log_printf("\"%.*s\"%s", (int)n, s, n == 64 ? "..." : "");
}

static void print_args(LinuxProcess *p, const char *fmt, const uint64_t *a)
{
    for (int i = 0; fmt && fmt[i] && i < 6; i++) {
        if (i) {
            log_printf(",");
        }
        switch (fmt[i]) {
        case 'd': case 'f': log_printf("%" PRId64, (int64_t)a[i]); break;
        case 'u': log_printf("%" PRIu64, a[i]); break;
        case 'o': log_printf("0%" PRIo64, a[i]); break;
        case 's': print_string(p, a[i]); break;
        default: log_printf("0x%" PRIx64, a[i]); break;
        }
    }
}

void strace_enter(LinuxProcess *p, const SyscallEntry *e, const uint64_t *a)
{
    log_printf("%d %s(", (int)getpid(), e->name);
    print_args(p, e->args, a);
    log_printf(")");
}

void strace_exit(LinuxProcess *p, const SyscallEntry *e, const uint64_t *a,
                 int64_t ret)
{
    (void)p; (void)e; (void)a;
    if (ret == -LINUX_ESIGRETURN) {
        log_printf(" = ? (registers from the signal frame)\n");
        return;
    }
    if (ret == -LINUX_ERESTARTSYS || ret == -LINUX_ERESTARTNOHAND) {
        log_printf(" = ? (interrupted by a signal%s)\n",
                   ret == -LINUX_ERESTARTSYS ? ", restarts with SA_RESTART"
                                             : "");
        return;
    }
    if (ret < 0 && ret >= -4095) {
        log_printf(" = -1 errno=%d (%s)\n", (int)-ret, strerror((int)-ret));
    } else {
        log_printf(" = %" PRId64 " (0x%" PRIx64 ")\n", ret, (uint64_t)ret);
    }
}

void strace_unknown(LinuxProcess *p, int num, const uint64_t *a)
{
    log_printf("%d syscall_%d(", (int)getpid(), num);
    print_args(p, "xxxxxx", a);
    log_printf(") = -1 errno=%d (%s)\n", ENOSYS, strerror(ENOSYS));
}

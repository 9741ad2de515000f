/* SPDX-License-Identifier: MIT */
/*
 * ioctl: a table of the requests mimic knows, with how the argument is
 * used (an integer, or a buffer of a given size the kernel reads and/or
 * writes).  arm64 and x86-64 share the asm-generic request numbers and
 * the terminal structures (struct termios with NCCS 19, winsize), so
 * known requests pass through with their buffer checked.  Unknown ones
 * answer -ENOTTY: passing them on blindly could let the kernel write
 * mimic's memory through a pointer it cannot see.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "syscall-defs.h"
#include "util/log.h"

enum { IO_NONE, IO_INT, IO_R, IO_W, IO_RW };

typedef struct IoctlDef {
    uint32_t cmd;
    uint8_t kind;
    uint16_t size;      /* buffer bytes for IO_R/IO_W/IO_RW */
    const char *name;
} IoctlDef;

static const IoctlDef ioctls[] = {
    /* terminals (asm-generic/ioctls.h) */
    { 0x5401, IO_W, 36, "TCGETS" },
    { 0x5402, IO_R, 36, "TCSETS" },
    { 0x5403, IO_R, 36, "TCSETSW" },
    { 0x5404, IO_R, 36, "TCSETSF" },
    { 0x5405, IO_W, 18, "TCGETA" },
    { 0x5406, IO_R, 18, "TCSETA" },
    { 0x5407, IO_R, 18, "TCSETAW" },
    { 0x5408, IO_R, 18, "TCSETAF" },
    { 0x5409, IO_INT, 0, "TCSBRK" },
    { 0x540A, IO_INT, 0, "TCXONC" },
    { 0x540B, IO_INT, 0, "TCFLSH" },
    { 0x540C, IO_NONE, 0, "TIOCEXCL" },
    { 0x540D, IO_NONE, 0, "TIOCNXCL" },
    { 0x540E, IO_INT, 0, "TIOCSCTTY" },
    { 0x540F, IO_W, 4, "TIOCGPGRP" },
    { 0x5410, IO_R, 4, "TIOCSPGRP" },
    { 0x5411, IO_W, 4, "TIOCOUTQ" },
    { 0x5412, IO_R, 1, "TIOCSTI" },
    { 0x5413, IO_W, 8, "TIOCGWINSZ" },
    { 0x5414, IO_R, 8, "TIOCSWINSZ" },
    { 0x5415, IO_W, 4, "TIOCMGET" },
    { 0x5416, IO_R, 4, "TIOCMBIS" },
    { 0x5417, IO_R, 4, "TIOCMBIC" },
    { 0x5418, IO_R, 4, "TIOCMSET" },
    { 0x5419, IO_W, 4, "TIOCGSOFTCAR" },
    { 0x541A, IO_R, 4, "TIOCSSOFTCAR" },
    { 0x541B, IO_W, 4, "FIONREAD" },
    { 0x541D, IO_NONE, 0, "TIOCCONS" },
    { 0x5420, IO_R, 4, "TIOCPKT" },
    { 0x5421, IO_R, 4, "FIONBIO" },
    { 0x5422, IO_NONE, 0, "TIOCNOTTY" },
    { 0x5423, IO_R, 4, "TIOCSETD" },
    { 0x5424, IO_W, 4, "TIOCGETD" },
    { 0x5425, IO_INT, 0, "TCSBRKP" },
    { 0x5427, IO_NONE, 0, "TIOCSBRK" },
    { 0x5428, IO_NONE, 0, "TIOCCBRK" },
    { 0x5429, IO_W, 4, "TIOCGSID" },
    { 0x802c542a, IO_W, 44, "TCGETS2" },
    { 0x402c542b, IO_R, 44, "TCSETS2" },
    { 0x402c542c, IO_R, 44, "TCSETSW2" },
    { 0x402c542d, IO_R, 44, "TCSETSF2" },
    { 0x80045430, IO_W, 4, "TIOCGPTN" },
    { 0x40045431, IO_R, 4, "TIOCSPTLCK" },
    { 0x80045432, IO_W, 4, "TIOCGDEV" },
    { 0x40045436, IO_INT, 0, "TIOCSIG" },
    { 0x5437, IO_NONE, 0, "TIOCVHANGUP" },
    { 0x80045438, IO_W, 4, "TIOCGPKT" },
    { 0x80045439, IO_W, 4, "TIOCGPTLCK" },
    { 0x80045440, IO_W, 4, "TIOCGEXCL" },
    { 0x5441, IO_INT, 0, "TIOCGPTPEER" },
    { 0x5450, IO_NONE, 0, "FIONCLEX" },
    { 0x5451, IO_NONE, 0, "FIOCLEX" },
    { 0x5452, IO_R, 4, "FIOASYNC" },
    { 0x5460, IO_W, 8, "FIOQSIZE" },
    /* files and block devices */
    { 0x00000002, IO_W, 4, "FIGETBSZ" },
    { 0x80086601, IO_W, 4, "FS_IOC_GETFLAGS" },
    { 0x40086602, IO_R, 4, "FS_IOC_SETFLAGS" },
    { 0x40049409, IO_INT, 0, "FICLONE" },
    { 0x00001268, IO_W, 4, "BLKSSZGET" },
    { 0x80081272, IO_W, 8, "BLKGETSIZE64" },
    { 0x80045200, IO_W, 4, "RNDGETENTCNT" },
};

static int64_t sys_ioctl(LinuxProcess *p, CPUARMState *env, const uint64_t *a)
{
    int fd = guest_fd(a[0]);
    uint32_t cmd = (uint32_t)a[1];
    for (size_t i = 0; i < sizeof(ioctls) / sizeof(ioctls[0]); i++) {
        const IoctlDef *d = &ioctls[i];
        if (d->cmd != cmd) {
            continue;
        }
        void *buf;
        switch (d->kind) {
        case IO_NONE:
            return host_ret(ioctl(fd, cmd, 0));
        case IO_INT:
            return host_ret(ioctl(fd, cmd, (unsigned long)a[2]));
        case IO_R:
            buf = lu_rptr(p, a[2], d->size);
            break;
        default:
            buf = lu_wptr(p, a[2], d->size);
            break;
        }
        return buf ? host_ret(ioctl(fd, cmd, buf)) : -EFAULT;
    }
    if (log_enabled(LOG_UNIMP) || p->cfg.strace) {
        log_printf("mimic: unsupported ioctl 0x%x on fd %d (ENOTTY)\n", cmd,
                   fd);
    }
    return -ENOTTY;
}

const SyscallEntry syscalls_ioctl[] = {
    { 29, "ioctl", "fxp", sys_ioctl },
    SYSCALL_END
};

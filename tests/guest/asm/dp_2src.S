// SPDX-License-Identifier: MIT
// Data-processing (2 source): UDIV/SDIV (division by zero gives 0,
// INT_MIN / -1 gives INT_MIN), LSLV/LSRV/ASRV/RORV with counts beyond the
// width, and CRC32{B,H,W,X} / CRC32C{B,H,W,X} on known data.
#include "dp-macros.inc"
.arch armv8-a+crc

#define DIVS 0, 1, 0xffffffffffffffff, 0x8000000000000000, \
             0x7fffffffffffffff, 0x80000000, 0x7, 0xfffffffffffffff9

.text
.global _start
_start:
.irp a, DIVS
.irp b, DIVS
    RUN 0, \a, \b, udiv x12, x10, x11
    RUN 0, \a, \b, sdiv x12, x10, x11
    RUN 0, \a, \b, udiv w12, w10, w11
    RUN 0, \a, \b, sdiv w12, w10, w11
.endr
.endr
.irp n, 0, 1, 31, 32, 33, 63, 64, 0xffffffffffffffff, 0x100000021
    RUN 0, 0x8000000180000003, \n, lsl x12, x10, x11
    RUN 0, 0x8000000180000003, \n, lsr x12, x10, x11
    RUN 0, 0x8000000180000003, \n, asr x12, x10, x11
    RUN 0, 0x8000000180000003, \n, ror x12, x10, x11
    RUN 0, 0x8000000180000003, \n, lsl w12, w10, w11
    RUN 0, 0x8000000180000003, \n, lsr w12, w10, w11
    RUN 0, 0x8000000180000003, \n, asr w12, w10, w11
    RUN 0, 0x8000000180000003, \n, ror w12, w10, w11
.endr
    // CRC32 of "123456789" (check value 0xcbf43926) and CRC32C (0xe3069283)
    // fed a byte, a halfword, a word and a doubleword at a time; the
    // unused high bits of the data register must be ignored
    LI x20, 0x3837363534333231     // "12345678"
    LI x21, 0xffffffffffffff39     // "9" and junk
    mov w12, #-1
    crc32x w12, w12, x20
    crc32b w12, w12, w21
    mvn w12, w12
    PRINT_REG x12
    mov w12, #-1
    crc32cx w12, w12, x20
    crc32cb w12, w12, w21
    mvn w12, w12
    PRINT_REG x12
    mov w12, #-1
    crc32w w12, w12, w20
    lsr x22, x20, #32
    crc32h w12, w12, w22
    lsr x22, x22, #16
    crc32h w12, w12, w22
    crc32b w12, w12, w21
    mvn w12, w12
    PRINT_REG x12
    mov w12, #-1
    crc32cw w12, w12, w20
    lsr x22, x20, #32
    crc32ch w12, w12, w22
    lsr x22, x22, #16
    crc32ch w12, w12, w22
    crc32cb w12, w12, w21
    mvn w12, w12
    PRINT_REG x12
    // raw steps from assorted accumulators (high half of Wn ignored)
.irp acc, 0, 0xffffffff, 0xdeadbeef12345678
    RUN 0, \acc, 0x0123456789abcdef, crc32b w12, w10, w11
    RUN 0, \acc, 0x0123456789abcdef, crc32h w12, w10, w11
    RUN 0, \acc, 0x0123456789abcdef, crc32w w12, w10, w11
    RUN 0, \acc, 0x0123456789abcdef, crc32x w12, w10, x11
    RUN 0, \acc, 0x0123456789abcdef, crc32cb w12, w10, w11
    RUN 0, \acc, 0x0123456789abcdef, crc32ch w12, w10, w11
    RUN 0, \acc, 0x0123456789abcdef, crc32cw w12, w10, w11
    RUN 0, \acc, 0x0123456789abcdef, crc32cx w12, w10, x11
.endr
    SYS_EXIT 0

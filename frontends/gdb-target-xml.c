/* SPDX-License-Identifier: MIT */
/*
 * gdb-target-xml.c - the AArch64 target description the gdbstub serves as
 * target.xml (qXfer:features:read), and the register sizes that go with it.
 *
 * gdb's aarch64 support recognises the feature names and register names
 * below (org.gnu.gdb.aarch64.core: x0-x30, sp, pc, cpsr;
 * org.gnu.gdb.aarch64.fpu: v0-v31, fpsr, fpcr) and builds its q/d/s/h/b
 * pseudo registers on top of the V registers.  The V register type is the
 * union gdb users know from native debugging ($v0.d.u[0], $v0.b.s[3]).
 * The numbering here is the one GdbTargetOps.read_reg uses.
 *
 * Reference: GDB manual, "Target Descriptions" (format, predefined types)
 * and "AArch64 Features".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontends/gdbstub-int.h"

enum {
    A64_X0 = 0, A64_SP = 31, A64_PC = 32, A64_CPSR = 33,
    A64_V0 = 34, A64_FPSR = 66, A64_FPCR = 67, A64_NUM_REGS = 68,
};

static const uint8_t gdb_a64_reg_size[A64_NUM_REGS] = {
    [A64_X0 ... A64_PC] = 8,
    [A64_CPSR] = 4,
    [A64_V0 ... A64_V0 + 31] = 16,
    [A64_FPSR] = 4,
    [A64_FPCR] = 4,
};

/* Element types of the V register views: id, element type, count. */
static const struct { const char *id, *type; int count; } gdb_a64_vecs[] = {
    { "v2d", "ieee_double", 2 }, { "v2u", "uint64", 2 }, { "v2i", "int64", 2 },
    { "v4f", "ieee_single", 4 }, { "v4u", "uint32", 4 }, { "v4i", "int32", 4 },
    { "v8f", "ieee_half", 8 },   { "v8u", "uint16", 8 }, { "v8i", "int16", 8 },
    { "v16u", "uint8", 16 },     { "v16i", "int8", 16 },
    { "v1u", "uint128", 1 },     { "v1i", "int128", 1 },
};

/* The per-width unions, then the whole-register union over them. */
static const char gdb_a64_unions[] =
    "<union id=\"vnd\"><field name=\"f\" type=\"v2d\"/>"
    "<field name=\"u\" type=\"v2u\"/><field name=\"s\" type=\"v2i\"/></union>\n"
    "<union id=\"vns\"><field name=\"f\" type=\"v4f\"/>"
    "<field name=\"u\" type=\"v4u\"/><field name=\"s\" type=\"v4i\"/></union>\n"
    "<union id=\"vnh\"><field name=\"f\" type=\"v8f\"/>"
    "<field name=\"u\" type=\"v8u\"/><field name=\"s\" type=\"v8i\"/></union>\n"
    "<union id=\"vnb\"><field name=\"u\" type=\"v16u\"/>"
    "<field name=\"s\" type=\"v16i\"/></union>\n"
    "<union id=\"vnq\"><field name=\"u\" type=\"v1u\"/>"
    "<field name=\"s\" type=\"v1i\"/></union>\n"
    "<union id=\"aarch64v\"><field name=\"d\" type=\"vnd\"/>"
    "<field name=\"s\" type=\"vns\"/><field name=\"h\" type=\"vnh\"/>"
    "<field name=\"b\" type=\"vnb\"/><field name=\"q\" type=\"vnq\"/></union>\n";

/* Named single bits of a flags register: name, bit. */
typedef struct { const char *name; int bit; } GdbFlagBit;

static const GdbFlagBit gdb_a64_cpsr_bits[] = {
    { "SP", 0 }, { "F", 6 }, { "I", 7 }, { "A", 8 }, { "D", 9 },
    { "SSBS", 12 }, { "IL", 20 }, { "SS", 21 }, { "PAN", 22 }, { "UAO", 23 },
    { "DIT", 24 }, { "TCO", 25 },
    { "V", 28 }, { "C", 29 }, { "Z", 30 }, { "N", 31 }, { NULL, 0 },
};

static const GdbFlagBit gdb_a64_fpsr_bits[] = {
    { "IOC", 0 }, { "DZC", 1 }, { "OFC", 2 }, { "UFC", 3 }, { "IXC", 4 },
    { "IDC", 7 }, { "QC", 27 },
    { "V", 28 }, { "C", 29 }, { "Z", 30 }, { "N", 31 }, { NULL, 0 },
};

static const GdbFlagBit gdb_a64_fpcr_bits[] = {
    { "IOE", 8 }, { "DZE", 9 }, { "OFE", 10 }, { "UFE", 11 }, { "IXE", 12 },
    { "IDE", 15 }, { "FZ16", 19 }, { "FZ", 24 }, { "DN", 25 }, { "AHP", 26 },
    { NULL, 0 },
};

static void gdb_xml_flags(GdbReply *b, const char *id, const GdbFlagBit *bits)
{
    gdb_reply_printf(b, "<flags id=\"%s\" size=\"4\">", id);
    for (; bits->name; bits++) {
        gdb_reply_printf(b, "<field name=\"%s\" start=\"%d\" end=\"%d\"/>",
                         bits->name, bits->bit, bits->bit);
    }
    gdb_reply_str(b, "</flags>\n");
}

static void gdb_xml_core(GdbReply *b)
{
    gdb_reply_str(b, "<feature name=\"org.gnu.gdb.aarch64.core\">\n");
    gdb_xml_flags(b, "cpsr_flags", gdb_a64_cpsr_bits);
    for (int i = 0; i <= 30; i++) {
        gdb_reply_printf(b, "<reg name=\"x%d\" bitsize=\"64\" type=\"int\""
                         " regnum=\"%d\"/>\n", i, A64_X0 + i);
    }
    gdb_reply_printf(b, "<reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\""
                     " regnum=\"%d\"/>\n", A64_SP);
    gdb_reply_printf(b, "<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\""
                     " regnum=\"%d\"/>\n", A64_PC);
    gdb_reply_printf(b, "<reg name=\"cpsr\" bitsize=\"32\" type=\"cpsr_flags\""
                     " regnum=\"%d\"/>\n", A64_CPSR);
    gdb_reply_str(b, "</feature>\n");
}

static void gdb_xml_fpu(GdbReply *b)
{
    gdb_reply_str(b, "<feature name=\"org.gnu.gdb.aarch64.fpu\">\n");
    for (size_t i = 0; i < sizeof(gdb_a64_vecs) / sizeof(gdb_a64_vecs[0]);
         i++) {
        gdb_reply_printf(b, "<vector id=\"%s\" type=\"%s\" count=\"%d\"/>\n",
                         gdb_a64_vecs[i].id, gdb_a64_vecs[i].type,
                         gdb_a64_vecs[i].count);
    }
    gdb_reply_str(b, gdb_a64_unions);
    gdb_xml_flags(b, "fpsr_flags", gdb_a64_fpsr_bits);
    gdb_xml_flags(b, "fpcr_flags", gdb_a64_fpcr_bits);
    for (int i = 0; i < 32; i++) {
        gdb_reply_printf(b, "<reg name=\"v%d\" bitsize=\"128\""
                         " type=\"aarch64v\" regnum=\"%d\"/>\n", i, A64_V0 + i);
    }
    gdb_reply_printf(b, "<reg name=\"fpsr\" bitsize=\"32\" type=\"fpsr_flags\""
                     " regnum=\"%d\"/>\n", A64_FPSR);
    gdb_reply_printf(b, "<reg name=\"fpcr\" bitsize=\"32\" type=\"fpcr_flags\""
                     " regnum=\"%d\"/>\n", A64_FPCR);
    gdb_reply_str(b, "</feature>\n");
}

static char *gdb_a64_target_xml(void)
{
    size_t cap = 16384;     /* the document is about 8 KB */
    char *x = malloc(cap);

    if (!x) {
        return NULL;
    }
    GdbReply b = { x, cap - 1, 0, false };
    gdb_reply_str(&b, "<?xml version=\"1.0\"?>\n"
                      "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
                      "<target version=\"1.0\">\n"
                      "<architecture>aarch64</architecture>\n");
    gdb_xml_core(&b);
    gdb_xml_fpu(&b);
    gdb_reply_str(&b, "</target>\n");
    if (b.overflow) {
        free(x);           /* cap is a constant sized for this document */
        return NULL;
    }
    x[b.len] = 0;
    return x;
}

/* Frame pointer, stack pointer and pc: what gdb needs to show a stop. */
static const int8_t gdb_a64_expedite[] = { 29, A64_SP, A64_PC, -1 };

const GdbArch gdb_arch_aarch64 = {
    .name = "aarch64",
    .num_regs = A64_NUM_REGS,
    .reg_size = gdb_a64_reg_size,
    .pc_regno = A64_PC,
    .expedite = gdb_a64_expedite,
    .target_xml = gdb_a64_target_xml,
};

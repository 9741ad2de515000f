/* SPDX-License-Identifier: MIT */
/*
 * mimic-system-aarch64: boots an ARM64 operating system on the 'virt'
 * board.  Parses the QEMU-style command line, opens the host ends
 * (console, disks, network), builds and loads the board, then hands over
 * to the system-mode CPUs (system/vcpu.h) and acts on how the run ends.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "devices/virtio-devices.h"
#include "system/chardev.h"
#include "system/net.h"
#include "system/vcpu.h"
#include "system/virt.h"
#include "util/log.h"

#define PROG "mimic-system-aarch64"
#define MAX_ITEMS 32

static void usage(FILE *f)
{
    fprintf(f,
"usage: " PROG " -M virt [options]\n"
"Boots an ARM64 system on a 'virt' board (no hardware virtualization).\n\n"
"Machine:\n"
"  -M virt[,gic-version=2|3][,dumpdtb=FILE][,framebuffer=on|off]\n"
"                   the board (-machine); dumpdtb writes the device tree\n"
"                   and exits\n"
"  -cpu model       cortex-a57 (default), cortex-a72, max (-cpu help)\n"
"  -m size          RAM (default 128M; M/G suffixes, plain numbers are MB)\n"
"  -smp n           number of CPUs\n"
"Boot:\n"
"  -kernel file     arm64 Linux Image (may be gzipped) or AArch64 ELF\n"
"  -initrd file     initial ramdisk\n"
"  -append args     kernel command line\n"
"  -dtb file        use this device tree instead of the generated one\n"
"Devices:\n"
"  -drive file=F,format=raw[,if=virtio|none][,id=ID][,readonly=on]\n"
"  -netdev user,id=ID[,hostfwd=[tcp|udp]:[haddr]:hport-[gaddr]:gport]\n"
"  -nic user[,hostfwd=...]   a user-mode network and its virtio-net card\n"
"  -device virtio-net-device,netdev=ID | virtio-blk-device,drive=ID |\n"
"          virtio-rng-device | virtio-serial-device[,chardev=ID] |\n"
"          virtconsole,chardev=ID  (-device help lists them)\n"
"  -chardev null|stdio|file,id=ID[,path=F]\n"
"Display and consoles:\n"
"  -nographic       no display; serial and monitor on the terminal\n"
"  -display none    no display\n"
"  -serial dev      stdio, mon:stdio (default), null, file:F, none\n"
"  -monitor dev     none (other monitors are not available yet)\n"
"  On a terminal: Ctrl-A x quits, Ctrl-A h lists the other keys.\n"
"Debugging:\n"
"  -s               gdb server on tcp::1234 (same as -gdb tcp::1234)\n"
"  -gdb dev         gdb server: tcp::PORT\n"
"  -S               wait for gdb before starting\n"
"  -d items         log items (-d help lists them)\n"
"  -D file          write the log to file\n"
"  -dfilter ranges  log only these guest address ranges\n"
"  -backend name    jit or interp\n"
"  -one-insn-per-tb translate one instruction per block\n"
"Other:\n"
"  -no-reboot       exit instead of rebooting\n"
"  -version         print the version\n"
"  -h, -help        print this help\n");
}

typedef struct DriveOpt {
    char *file, *id;
    bool read_only, if_virtio, used;
} DriveOpt;

typedef struct NamedOpt {
    char *id, *spec;
    void *obj;          /* NetBackend / Chardev once opened */
} NamedOpt;

typedef struct SysOpts {
    VirtConfig vc;
    VCPUConfig cpu;
    const char *dumpdtb;
    const char *serial;
    const char *monitor;
    const char *display;
    bool nographic, no_reboot;
    DriveOpt drive[MAX_ITEMS];
    int ndrive;
    NamedOpt netdev[MAX_ITEMS], chardev[MAX_ITEMS];
    int nnetdev, nchardev;
    char *device[MAX_ITEMS];
    int ndevice;
} SysOpts;

static int fail(const char *fmt, const char *arg)
{
    fprintf(stderr, PROG ": ");
    fprintf(stderr, fmt, arg ? arg : "");
    fprintf(stderr, "\n");
    return 1;
}

/* ---- key=value lists ("virt,gic-version=3") ---- */

typedef struct KV {
    char key[32];
    const char *val;    /* points into the list's copy */
} KV;

typedef struct KVList {
    char *copy;
    KV kv[24];
    int n;
} KVList;

/* A bare first item gets first_key (e.g. "type"); other bare items mean
 * "on".  Returns false on too many items. */
static bool kv_parse(const char *s, const char *first_key, KVList *l)
{
    l->copy = strdup(s);
    l->n = 0;
    char *save = NULL;
    for (char *t = strtok_r(l->copy, ",", &save); t;
         t = strtok_r(NULL, ",", &save)) {
        if (l->n == 24) {
            return false;
        }
        KV *kv = &l->kv[l->n++];
        char *eq = strchr(t, '=');
        if (eq) {
            *eq = 0;
            snprintf(kv->key, sizeof(kv->key), "%s", t);
            kv->val = eq + 1;
        } else if (l->n == 1 && first_key) {
            snprintf(kv->key, sizeof(kv->key), "%s", first_key);
            kv->val = t;
        } else {
            snprintf(kv->key, sizeof(kv->key), "%s", t);
            kv->val = "on";
        }
    }
    return true;
}

static const char *kv_get(const KVList *l, const char *key)
{
    for (int i = 0; i < l->n; i++) {
        if (!strcmp(l->kv[i].key, key)) {
            return l->kv[i].val;
        }
    }
    return NULL;
}

/* The first key not in allowed (a NULL-terminated list), or NULL. */
static const char *kv_unknown(const KVList *l, const char *const *allowed)
{
    for (int i = 0; i < l->n; i++) {
        const char *const *a = allowed;
        while (*a && strcmp(*a, l->kv[i].key)) {
            a++;
        }
        if (!*a) {
            return l->kv[i].key;
        }
    }
    return NULL;
}

static bool kv_bool(const char *v, bool *out)
{
    if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true")) {
        *out = true;
    } else if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false")) {
        *out = false;
    } else {
        return false;
    }
    return true;
}

/* ---- individual options ---- */

static bool parse_size_mb(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s) {
        return false;
    }
    switch (*end) {
    case 'k': case 'K': v <<= 10; end++; break;
    case 'm': case 'M': case 0: v <<= 20; end += *end != 0; break;
    case 'g': case 'G': v <<= 30; end++; break;
    case 't': case 'T': v <<= 40; end++; break;
    default: return false;
    }
    if (*end == 'B' || *end == 'b') {
        end++;
    }
    *out = v;
    return *end == 0;
}

static int opt_machine(SysOpts *o, const char *arg)
{
    static const char *const allowed[] = {
        "type", "gic-version", "dumpdtb", "framebuffer", "its",
        "highmem", "accel", NULL,
    };
    KVList l;
    int rc = 0;
    const char *v, *bad;
    if (!strcmp(arg, "help")) {
        printf("Supported machines:\n  virt  ARM virtual machine "
               "(QEMU-style memory map)\n");
        exit(0);
    }
    if (!kv_parse(arg, "type", &l)) {
        rc = fail("too many -M options", NULL);
    } else if ((bad = kv_unknown(&l, allowed))) {
        rc = fail("-M virt: unknown option '%s' (secure and virtualization "
                  "are not supported)", bad);
    } else if (!(v = kv_get(&l, "type")) ||
               (strcmp(v, "virt") && strncmp(v, "virt-", 5))) {
        rc = fail("unknown machine '%s' (only 'virt' exists; -M help)",
                  v ? v : "");
    }
    if (!rc && (v = kv_get(&l, "gic-version"))) {
        if (!strcmp(v, "2") || !strcmp(v, "3")) {
            o->vc.gic_version = v[0] - '0';
        } else if (!strcmp(v, "max")) {
            o->vc.gic_version = 3;
        } else {
            rc = fail("gic-version must be 2, 3 or max, not '%s'", v);
        }
    }
    if (!rc && (v = kv_get(&l, "dumpdtb"))) {
        o->dumpdtb = strdup(v);
    }
    if (!rc && (v = kv_get(&l, "framebuffer")) &&
        !kv_bool(v, &o->vc.framebuffer)) {
        rc = fail("framebuffer must be on or off, not '%s'", v);
    }
    free(l.copy);
    return rc;
}

static int opt_drive(SysOpts *o, const char *arg)
{
    static const char *const allowed[] = {
        "file", "format", "if", "id", "readonly", "media", "cache", "index",
        NULL,
    };
    KVList l;
    const char *v, *bad;
    int rc = 0;
    if (o->ndrive == MAX_ITEMS) {
        return fail("too many -drive options", NULL);
    }
    DriveOpt *d = &o->drive[o->ndrive];
    d->if_virtio = true;
    kv_parse(arg, NULL, &l);
    if ((bad = kv_unknown(&l, allowed))) {
        rc = fail("-drive: unknown option '%s'", bad);
    } else if (!(v = kv_get(&l, "file"))) {
        rc = fail("-drive needs file=", NULL);
    } else if ((v = kv_get(&l, "format")) && strcmp(v, "raw")) {
        rc = fail("-drive: only format=raw images are supported, not '%s'",
                  v);
    } else if ((v = kv_get(&l, "if")) && strcmp(v, "virtio") &&
               strcmp(v, "none")) {
        rc = fail("-drive: if=%s is not available (virtio or none)", v);
    } else if ((v = kv_get(&l, "readonly")) && !kv_bool(v, &d->read_only)) {
        rc = fail("-drive: readonly must be on or off", NULL);
    } else if ((v = kv_get(&l, "media")) && strcmp(v, "disk")) {
        rc = fail("-drive: media=%s is not supported", v);
    }
    if (!rc) {
        d->file = strdup(kv_get(&l, "file"));
        v = kv_get(&l, "id");
        d->id = v ? strdup(v) : NULL;
        v = kv_get(&l, "if");
        d->if_virtio = !v || !strcmp(v, "virtio");
        o->ndrive++;
    }
    free(l.copy);
    return rc;
}

/* -netdev user,id=ID,... and -chardev TYPE,id=ID,...: kept as text until
 * the main loop exists. */
static int opt_named(NamedOpt *list, int *n, const char *what,
                     const char *arg)
{
    KVList l;
    kv_parse(arg, "type", &l);
    const char *id = kv_get(&l, "id");
    int rc = 0;
    if (*n == MAX_ITEMS) {
        rc = fail("too many -%s options", what);
    } else if (!id || !*id) {
        rc = fail("-%s needs id=", what);
    } else {
        for (int i = 0; i < *n; i++) {
            if (!strcmp(list[i].id, id)) {
                rc = fail("duplicate id '%s'", id);
            }
        }
    }
    if (!rc) {
        list[*n].id = strdup(id);
        list[*n].spec = strdup(arg);
        (*n)++;
    }
    free(l.copy);
    return rc;
}

static int opt_nic(SysOpts *o, const char *arg)
{
    char id[32], buf[1024];
    if (strncmp(arg, "user", 4) || (arg[4] && arg[4] != ',')) {
        return fail("-nic: only 'user' networking exists, not '%s'", arg);
    }
    snprintf(id, sizeof(id), "nic%d", o->nnetdev);
    snprintf(buf, sizeof(buf), "%s,id=%s", arg, id);
    if (opt_named(o->netdev, &o->nnetdev, "netdev", buf)) {
        return 1;
    }
    if (o->ndevice == MAX_ITEMS) {
        return fail("too many -device options", NULL);
    }
    snprintf(buf, sizeof(buf), "virtio-net-device,netdev=%s", id);
    o->device[o->ndevice++] = strdup(buf);
    return 0;
}

static int opt_cpu(SysOpts *o, const char *arg)
{
    if (!strcmp(arg, "help")) {
        printf("Available CPUs:\n  cortex-a57\n  cortex-a72\n  max\n");
        exit(0);
    }
    if (!virt_cpu_compatible(arg)) {
        return fail("unknown CPU model '%s' (cortex-a57, cortex-a72, max)",
                    arg);
    }
    o->vc.cpu_model = arg;
    o->cpu.model = arg;
    return 0;
}

static int opt_smp(SysOpts *o, const char *arg)
{
    KVList l;
    kv_parse(arg, "cpus", &l);
    const char *v = kv_get(&l, "cpus");
    char *end = NULL;
    long n = v ? strtol(v, &end, 10) : 0;
    int rc = 0;
    if (!v || *end || n < 1 || n > VIRT_MAX_CPUS) {
        rc = fail("bad -smp '%s' (a CPU count)", arg);
    }
    o->vc.smp = (int)n;
    free(l.copy);
    return rc;
}

static int opt_gdb(SysOpts *o, const char *arg)
{
    char *end;
    if (strncmp(arg, "tcp:", 4) && strtol(arg, &end, 10) > 0 && !*end) {
        static char spec[64];   /* "-gdb 1234" means tcp::1234 */
        snprintf(spec, sizeof(spec), "tcp::%s", arg);
        arg = spec;
    }
    if (strncmp(arg, "tcp:", 4)) {
        return fail("-gdb: only tcp::PORT is supported, not '%s'", arg);
    }
    o->cpu.gdb = arg;
    return 0;
}

static int opt_display(SysOpts *o, const char *arg)
{
    if (!strcmp(arg, "none")) {
        o->display = arg;
        return 0;
    }
    if (!strcmp(arg, "sdl") || !strncmp(arg, "sdl,", 4)) {
        return fail("-display sdl: the SDL display is not available yet "
                    "(use -display none or -nographic)", NULL);
    }
    return fail("unknown display '%s' (none; sdl is not available yet)",
                arg);
}

static int opt_monitor(SysOpts *o, const char *arg)
{
    if (!strcmp(arg, "none") || !strcmp(arg, "null")) {
        o->monitor = arg;
        return 0;
    }
    return fail("-monitor %s: the monitor is not available yet "
                "(-monitor none)", arg);
}

/* ---- the command line ---- */

/* Options that take an argument and only store it. */
static const char **string_opt(SysOpts *o, const char *name)
{
    if (!strcmp(name, "kernel")) return &o->vc.kernel;
    if (!strcmp(name, "initrd")) return &o->vc.initrd;
    if (!strcmp(name, "append")) return &o->vc.append;
    if (!strcmp(name, "dtb")) return &o->vc.dtb_file;
    if (!strcmp(name, "serial")) return &o->serial;
    return NULL;
}

static int opt_with_arg(SysOpts *o, const char *name, const char *v)
{
    const char **slot = string_opt(o, name);
    if (slot) {
        *slot = v;
        return 0;
    }
    if (!strcmp(name, "M") || !strcmp(name, "machine")) {
        return opt_machine(o, v);
    }
    if (!strcmp(name, "m")) {
        KVList l;
        kv_parse(v, "size", &l);
        const char *sz = kv_get(&l, "size");
        int rc = !sz || !parse_size_mb(sz, &o->vc.ram_size)
                 ? fail("bad -m size '%s'", v) : 0;
        free(l.copy);
        return rc;
    }
    if (!strcmp(name, "cpu")) return opt_cpu(o, v);
    if (!strcmp(name, "backend")) {
        o->cpu.backend = v;
        return strcmp(v, "jit") && strcmp(v, "interp")
               ? fail("unknown backend '%s' (jit or interp)", v) : 0;
    }
    if (!strcmp(name, "smp")) return opt_smp(o, v);
    if (!strcmp(name, "drive")) return opt_drive(o, v);
    if (!strcmp(name, "netdev")) {
        return opt_named(o->netdev, &o->nnetdev, "netdev", v);
    }
    if (!strcmp(name, "chardev")) {
        return opt_named(o->chardev, &o->nchardev, "chardev", v);
    }
    if (!strcmp(name, "nic")) return opt_nic(o, v);
    if (!strcmp(name, "device")) {
        if (o->ndevice == MAX_ITEMS) {
            return fail("too many -device options", NULL);
        }
        o->device[o->ndevice++] = (char *)v;
        return 0;
    }
    if (!strcmp(name, "display")) return opt_display(o, v);
    if (!strcmp(name, "monitor")) return opt_monitor(o, v);
    if (!strcmp(name, "gdb")) return opt_gdb(o, v);
    if (!strcmp(name, "d")) {
        return log_parse_items(v, stderr) ? 0 : (strcmp(v, "help") ? 1 : -1);
    }
    if (!strcmp(name, "D")) {
        return log_set_file(v) ? 0 : fail("cannot open log file %s", v);
    }
    if (!strcmp(name, "dfilter")) {
        return log_parse_filter(v) ? 0 : fail("bad -dfilter ranges '%s'", v);
    }
    if (!strcmp(name, "accel")) {
        return strncmp(v, "tcg", 3) ? fail("-accel %s: only tcg (mimic "
                                           "translates everything)", v) : 0;
    }
    return fail("unknown option -%s", name);
}

static int opt_flag(SysOpts *o, const char *name)
{
    if (!strcmp(name, "h") || !strcmp(name, "help")) {
        usage(stdout);
        return -1;
    }
    if (!strcmp(name, "version")) {
        printf(PROG " version %s\n", MIMIC_VERSION);
        return -1;
    }
    if (!strcmp(name, "nographic")) {
        o->nographic = true;
    } else if (!strcmp(name, "no-reboot")) {
        o->no_reboot = true;
    } else if (!strcmp(name, "s")) {
        o->cpu.gdb = "tcp::1234";
    } else if (!strcmp(name, "S")) {
        o->cpu.start_stopped = true;
    } else if (!strcmp(name, "one-insn-per-tb") ||
               !strcmp(name, "singlestep")) {
        o->cpu.one_insn_per_tb = true;
    } else if (!strcmp(name, "enable-kvm")) {
        return fail("no KVM: mimic translates everything (drop "
                    "-enable-kvm)", NULL);
    } else {
        return 1;   /* not a flag */
    }
    return 0;
}

static const char *const takes_arg[] = {
    "M", "machine", "m", "cpu", "smp", "kernel", "initrd", "append", "dtb",
    "drive", "netdev", "nic", "device", "chardev", "display", "serial",
    "monitor", "gdb", "d", "D", "dfilter", "backend", "accel", NULL,
};

static bool needs_arg(const char *name)
{
    for (const char *const *t = takes_arg; *t; t++) {
        if (!strcmp(*t, name)) {
            return true;
        }
    }
    return false;
}

/* Returns 0 to go on, -1 to exit successfully (help), 1 on error. */
static int parse_args(SysOpts *o, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-') {
            return fail("unexpected argument '%s' (a kernel goes after "
                        "-kernel)", a);
        }
        const char *name = a + (a[1] == '-' ? 2 : 1);
        if (needs_arg(name)) {
            if (i + 1 >= argc) {
                return fail("option %s needs an argument", a);
            }
            int rc = opt_with_arg(o, name, argv[++i]);
            if (rc) {
                return rc;
            }
            continue;
        }
        int rc = opt_flag(o, name);
        if (rc == 1) {
            return fail("unknown option '%s' (try -help)", a);
        }
        if (rc) {
            return rc;
        }
    }
    return 0;
}

/* ---- host ends: chardevs, network, disks ---- */

/* One stdio chardev serves every user of the terminal (the mux). */
static Chardev *stdio_chr;

static Chardev *open_chardev(MainLoop *ml, const char *spec, char *err,
                             size_t errlen)
{
    if (!strcmp(spec, "stdio") || !strcmp(spec, "mon:stdio")) {
        if (!stdio_chr) {
            stdio_chr = chardev_open(ml, spec, err, errlen);
        }
        return stdio_chr;
    }
    return chardev_open(ml, spec, err, errlen);
}

/* -chardev null|stdio|file,id=ID[,path=F] */
static bool open_named_chardevs(SysOpts *o, MainLoop *ml, char *err,
                                size_t errlen)
{
    static const char *const allowed[] = { "type", "id", "path", "mux",
                                           "signal", NULL };
    for (int i = 0; i < o->nchardev; i++) {
        KVList l;
        kv_parse(o->chardev[i].spec, "type", &l);
        const char *type = kv_get(&l, "type"), *path = kv_get(&l, "path");
        const char *bad = kv_unknown(&l, allowed);
        char spec[600];
        if (bad) {
            snprintf(err, errlen, "-chardev: unknown option '%s'", bad);
        } else if (!strcmp(type, "file") && path) {
            snprintf(spec, sizeof(spec), "file:%s", path);
        } else if (!strcmp(type, "null") || !strcmp(type, "stdio")) {
            snprintf(spec, sizeof(spec), "%s", type);
        } else {
            snprintf(err, errlen, "-chardev %s: not available (null, stdio, "
                     "file,path=F)", type);
            bad = type;
        }
        if (!bad) {
            o->chardev[i].obj = open_chardev(ml, spec, err, errlen);
        }
        free(l.copy);
        if (!o->chardev[i].obj) {
            return false;
        }
    }
    return true;
}

static bool open_netdevs(SysOpts *o, MainLoop *ml, char *err, size_t errlen)
{
    for (int i = 0; i < o->nnetdev; i++) {
        const char *spec = o->netdev[i].spec;
        if (strncmp(spec, "user", 4) || (spec[4] && spec[4] != ',')) {
            snprintf(err, errlen, "-netdev %s: only 'user' networking "
                     "exists", spec);
            return false;
        }
        /* drop "user" and id=... for the backend */
        char opts[1024] = "";
        KVList l;
        kv_parse(spec, "type", &l);
        for (int k = 1; k < l.n; k++) {
            if (strcmp(l.kv[k].key, "id")) {
                size_t len = strlen(opts);
                snprintf(opts + len, sizeof(opts) - len, "%s%s=%s",
                         len ? "," : "", l.kv[k].key, l.kv[k].val);
            }
        }
        free(l.copy);
        o->netdev[i].obj = net_user_new(ml, opts, err, errlen);
        if (!o->netdev[i].obj) {
            return false;
        }
    }
    return true;
}

static NamedOpt *find_named(NamedOpt *list, int n, const char *id)
{
    for (int i = 0; i < n; i++) {
        if (!strcmp(list[i].id, id)) {
            return &list[i];
        }
    }
    return NULL;
}

/* ---- -device ---- */

static void device_help(void)
{
    printf("Devices (-device NAME[,options]):\n"
           "  virtio-blk-device,drive=ID     disk from -drive ...,if=none,"
           "id=ID\n"
           "  virtio-net-device,netdev=ID[,mac=52:54:00:xx:xx:xx]\n"
           "  virtio-rng-device              entropy from the host\n"
           "  virtio-serial-device[,chardev=ID]  console /dev/hvc0\n"
           "  virtconsole,chardev=ID         the same\n"
           "Not available yet: virtio-keyboard-device, virtio-tablet-device,"
           " virtio-mouse-device, virtio-gpu-device\n");
}

static bool parse_mac(const char *s, uint8_t mac[6])
{
    unsigned b[6];
    char tail;
    if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3], &b[4],
               &b[5], &tail) != 6) {
        return false;
    }
    for (int i = 0; i < 6; i++) {
        if (b[i] > 255) {
            return false;
        }
        mac[i] = (uint8_t)b[i];
    }
    return !(mac[0] & 1);   /* not a multicast address */
}

static VirtIODevice *new_net_device(SysOpts *o, VirtMachine *m, KVList *l,
                                    int index, char *err, size_t errlen)
{
    const char *id = kv_get(l, "netdev"), *macs = kv_get(l, "mac");
    NamedOpt *nd = id ? find_named(o->netdev, o->nnetdev, id) : NULL;
    uint8_t mac[6];
    if (!nd) {
        snprintf(err, errlen, "virtio-net-device needs netdev=ID of a "
                 "-netdev");
        return NULL;
    }
    if (macs && !parse_mac(macs, mac)) {
        snprintf(err, errlen, "bad mac address '%s'", macs);
        return NULL;
    }
    return virtio_net_new(m->as, nd->obj, macs ? mac : NULL, index);
}

static VirtIODevice *new_console_device(SysOpts *o, VirtMachine *m,
                                        KVList *l, char *err, size_t errlen)
{
    const char *id = kv_get(l, "chardev");
    NamedOpt *cd = id ? find_named(o->chardev, o->nchardev, id) : NULL;
    if (id && !cd) {
        snprintf(err, errlen, "no -chardev with id '%s'", id);
        return NULL;
    }
    return virtio_console_new(m->as, cd ? cd->obj : NULL);
}

static VirtIODevice *new_blk_device(SysOpts *o, VirtMachine *m, KVList *l,
                                    char *err, size_t errlen)
{
    const char *id = kv_get(l, "drive");
    for (int i = 0; id && i < o->ndrive; i++) {
        DriveOpt *d = &o->drive[i];
        if (d->id && !strcmp(d->id, id) && !d->if_virtio && !d->used) {
            d->used = true;
            return virtio_blk_new(m->as, d->file, d->read_only, err, errlen);
        }
    }
    snprintf(err, errlen, "virtio-blk-device needs drive=ID of an unused "
             "-drive ...,if=none,id=ID");
    return NULL;
}

static VirtIODevice *create_device(SysOpts *o, VirtMachine *m,
                                   const char *spec, int *nics, char *err,
                                   size_t errlen)
{
    KVList l;
    kv_parse(spec, "driver", &l);
    const char *drv = kv_get(&l, "driver");
    VirtIODevice *vdev = NULL;
    if (!drv) {
        snprintf(err, errlen, "-device needs a device name");
    } else if (!strcmp(drv, "help")) {
        device_help();
        exit(0);
    } else if (!strcmp(drv, "virtio-net-device")) {
        vdev = new_net_device(o, m, &l, (*nics)++, err, errlen);
    } else if (!strcmp(drv, "virtio-blk-device")) {
        vdev = new_blk_device(o, m, &l, err, errlen);
    } else if (!strcmp(drv, "virtio-rng-device")) {
        vdev = virtio_rng_new(m->as);
    } else if (!strcmp(drv, "virtio-serial-device") ||
               !strcmp(drv, "virtconsole")) {
        vdev = new_console_device(o, m, &l, err, errlen);
    } else if (!strcmp(drv, "virtio-keyboard-device") ||
               !strcmp(drv, "virtio-tablet-device") ||
               !strcmp(drv, "virtio-mouse-device") ||
               !strcmp(drv, "virtio-gpu-device")) {
        snprintf(err, errlen, "-device %s is not available yet", drv);
    } else {
        snprintf(err, errlen, "unknown device '%s' (-device help)", drv);
    }
    free(l.copy);
    return vdev;
}

static bool add_devices(SysOpts *o, VirtMachine *m, char *err, size_t errlen)
{
    int nics = 0;
    for (int i = 0; i < o->ndrive; i++) {
        DriveOpt *d = &o->drive[i];
        if (!d->if_virtio) {
            continue;
        }
        VirtIODevice *vdev = virtio_blk_new(m->as, d->file, d->read_only,
                                            err, errlen);
        if (!vdev || !virt_add_virtio(m, vdev, err, errlen)) {
            return false;
        }
    }
    for (int i = 0; i < o->ndevice; i++) {
        VirtIODevice *vdev = create_device(o, m, o->device[i], &nics, err,
                                           errlen);
        if (!vdev) {
            return false;
        }
        if (!virt_add_virtio(m, vdev, err, errlen)) {
            virtio_free(vdev);
            return false;
        }
    }
    for (int i = 0; i < o->ndrive; i++) {
        if (!o->drive[i].if_virtio && !o->drive[i].used) {
            fprintf(stderr, PROG ": warning: -drive %s (if=none) is not used "
                    "by any -device\n", o->drive[i].file);
        }
    }
    return true;
}

/* ---- running ---- */

static VirtMachine *the_machine;

static void on_quit_key(void *opaque)
{
    VirtMachine *m = opaque;
    static const char msg[] = "\r\n" PROG ": terminated\r\n";
    if (stdio_chr) {
        chardev_write(stdio_chr, (const uint8_t *)msg, (int)sizeof(msg) - 1);
    }
    virt_request(m, VIRT_REQ_QUIT);
}

/* SIGTERM/SIGINT/SIGHUP: leave through the normal exit path (disks
 * flushed, terminal restored); a second signal kills. */
static void on_signal(int sig)
{
    if (the_machine) {
        virt_request(the_machine, VIRT_REQ_QUIT);
    }
}

static void install_signals(void)
{
    static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        struct sigaction sa = { .sa_handler = on_signal,
                                .sa_flags = SA_RESETHAND };
        sigaction(sigs[i], &sa, NULL);
    }
}

static int run(VirtMachine *m, SysOpts *o)
{
    for (;;) {
        int r = vcpu_run(m, &o->cpu);
        switch (r) {
        case VIRT_REQ_POWEROFF:
        case VIRT_REQ_QUIT:
            return 0;
        case VIRT_REQ_RESET:
            if (o->no_reboot) {
                return 0;
            }
            virt_reset(m);
            break;
        default:
            return 1;
        }
    }
}

static int check_opts(SysOpts *o)
{
    if (!o->vc.kernel && !o->dumpdtb) {
        return fail("no -kernel given (mimic has no firmware to boot "
                    "from)", NULL);
    }
    if (o->nographic && o->display) {
        return fail("-nographic and -display cannot be used together", NULL);
    }
    if (!o->serial) {
        o->serial = "mon:stdio";
    }
    return 0;
}

/* Opens the host ends and builds, fills and loads the machine. */
static VirtMachine *setup(SysOpts *o, MainLoop *ml, char *err, size_t n)
{
    if (strcmp(o->serial, "none")) {
        o->vc.serial = open_chardev(ml, o->serial, err, n);
        if (!o->vc.serial) {
            return NULL;
        }
    }
    if (!open_named_chardevs(o, ml, err, n) || !open_netdevs(o, ml, err, n)) {
        return NULL;
    }
    VirtMachine *m = virt_create(&o->vc, err, n);
    if (!m) {
        return NULL;
    }
    if (!add_devices(o, m, err, n) || !virt_load(m, err, n)) {
        virt_free(m);
        return NULL;
    }
    return m;
}

int main(int argc, char **argv)
{
    SysOpts o = {
        .vc = { .ram_size = 128ull << 20, .smp = 1, .gic_version = 2,
                .cpu_model = "cortex-a57", .fb_width = 1024,
                .fb_height = 768 },
        .cpu = { .model = "cortex-a57" },
    };
    int rc = parse_args(&o, argc, argv);
    if (rc) {
        return rc < 0 ? 0 : rc;
    }
    if ((rc = check_opts(&o))) {
        return rc;
    }
    MainLoop *ml = main_loop_new();
    o.vc.ml = ml;
    char err[512] = "";
    VirtMachine *m = setup(&o, ml, err, sizeof(err));
    if (!m) {
        chardev_restore_terminal();
        return fail("%s", err);
    }
    if (o.dumpdtb) {
        bool ok = virt_dump_dtb(m, o.dumpdtb, err, sizeof(err));
        chardev_restore_terminal();
        if (!ok) {
            return fail("%s", err);
        }
        fprintf(stderr, PROG ": info: dtb dumped to %s. Exiting.\n",
                o.dumpdtb);
        return 0;
    }
    the_machine = m;
    install_signals();
    if (stdio_chr) {
        chardev_set_quit_handler(stdio_chr, on_quit_key, m);
    }
    rc = run(m, &o);
    the_machine = NULL;
    virt_free(m);   /* flushes and closes the disks */
    chardev_restore_terminal();
    return rc;
}

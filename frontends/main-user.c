/* SPDX-License-Identifier: MIT */
/*
 * mimic-aarch64: runs one ARM64 Linux program on this host.  Parses the
 * QEMU-style command line, sets up the engine and hands over to linux-user.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "cpu/arm64/cpu-hooks.h"
#include "linux-user/user.h"
#include "tcg/exec.h"
#include "util/log.h"

extern char **environ;

static void usage(FILE *f)
{
    fprintf(f,
"usage: mimic-aarch64 [options] program [arguments...]\n"
"Runs an ARM64 (AArch64) Linux program on this x86-64 host.\n\n"
"  -L path          ARM64 sysroot for the dynamic loader and libraries\n"
"                   (also MIMIC_LD_PREFIX)\n"
"  -E var=value     set a variable in the guest environment\n"
"  -0 argv0         argv[0] for the guest (default: the program path)\n"
"  -U var           remove a variable from the guest environment\n"
"  -s size          guest stack size (bytes, k/M/G suffixes)\n"
"  -R size          guest address space to reserve (default 1G... see docs)\n"
"  -cpu model       CPU model (max)\n"
"  -backend name    jit (default) or interp\n"
"  -tb-size MB      size of the translated code cache\n"
"  -d items         log items (-d help lists them)\n"
"  -D file          write the log to file\n"
"  -dfilter ranges  log only blocks in these guest address ranges\n"
"  -strace          log system calls\n"
"  -g port          wait for gdb on this TCP port ([host:]port, 0 picks\n"
"                   one and prints it) or unix socket path\n"
"  -one-insn-per-tb translate one instruction per block\n"
"  -version         print the version\n"
"  -h, -help        print this help\n");
}

static bool parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s) {
        return false;
    }
    switch (*end) {
    case 'k': case 'K': v <<= 10; end++; break;
    case 'm': case 'M': v <<= 20; end++; break;
    case 'g': case 'G': v <<= 30; end++; break;
    default: break;
    }
    if (*end) {
        return false;
    }
    *out = v;
    return true;
}

/* The guest environment starts as ours, edited by -E/-U. */
typedef struct EnvList {
    char **v;
    int n;
} EnvList;

static void env_unset(EnvList *e, const char *name)
{
    size_t len = strlen(name);
    for (int i = 0; i < e->n; i++) {
        if (!strncmp(e->v[i], name, len) && e->v[i][len] == '=') {
            e->v[i] = e->v[--e->n];
            e->v[e->n] = NULL;
            i--;
        }
    }
}

static void env_set(EnvList *e, const char *assign)
{
    const char *eq = strchr(assign, '=');
    char name[256];
    snprintf(name, sizeof(name), "%.*s", (int)(eq - assign), assign);
    env_unset(e, name);
    e->v = realloc(e->v, sizeof(char *) * (size_t)(e->n + 2));
    e->v[e->n++] = (char *)assign;
    e->v[e->n] = NULL;
}

/* Options a guest execve passes on to the mimic that runs the new ARM64
 * program: what shapes emulation, not the environment edits (already
 * in the guest's environment) nor the gdbstub or the log file. */
typedef struct ArgList {
    char **v;
    int n;
} ArgList;

static void arg_add(ArgList *l, const char *a)
{
    l->v = realloc(l->v, sizeof(char *) * (size_t)(l->n + 2));
    l->v[l->n++] = (char *)a;
    l->v[l->n] = NULL;
}

static bool propagates(const char *o)
{
    static const char *const keep[] = {
        "s", "R", "cpu", "backend", "tb-size", "strace", "one-insn-per-tb",
        "singlestep", "d", "dfilter",
    };
    for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
        if (!strcmp(o, keep[i])) {
            return true;
        }
    }
    return false;
}

static int bad_option(const char *msg, const char *arg)
{
    fprintf(stderr, "mimic-aarch64: %s%s%s\n", msg, arg ? ": " : "",
            arg ? arg : "");
    fprintf(stderr, "Try 'mimic-aarch64 -help' for more information.\n");
    return 1;
}

int main(int argc, char **argv)
{
    UserConfig cfg = { 0 };
    TCGExecConfig ec = {
        .backend = &tcg_backend_x86_64,
        .mem_model = TCG_MEM_GUEST_BASE,
        .code_size = 256u << 20,
    };
    EnvList env = { 0 };
    ArgList opts = { 0 };
    bool log_to_file = false;
    for (char **e = environ; *e; e++) {
        env.v = realloc(env.v, sizeof(char *) * (size_t)(env.n + 2));
        env.v[env.n++] = *e;
    }
    env.v = realloc(env.v, sizeof(char *) * (size_t)(env.n + 1));
    env.v[env.n] = NULL;
    cfg.sysroot = getenv("MIMIC_LD_PREFIX");
    cfg.reserve = 1ull << 40;

    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        const char *o = argv[i] + (argv[i][1] == '-' ? 2 : 1);
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = !strcmp(o, "L") || !strcmp(o, "E") || !strcmp(o, "U") ||
                     !strcmp(o, "s") || !strcmp(o, "R") || !strcmp(o, "d") ||
                     !strcmp(o, "D") || !strcmp(o, "dfilter") ||
                     !strcmp(o, "cpu") || !strcmp(o, "backend") ||
                     !strcmp(o, "tb-size") || !strcmp(o, "g") ||
                     !strcmp(o, "0");
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        if (takes && !v) {
            return bad_option("option needs an argument", argv[i]);
        }
        if (propagates(o)) {
            arg_add(&opts, argv[i]);
            if (takes) {
                arg_add(&opts, v);
            }
        }
        if (!strcmp(o, "h") || !strcmp(o, "help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(o, "version")) {
            printf("mimic-aarch64 version %s\n", MIMIC_VERSION);
            return 0;
        } else if (!strcmp(o, "L")) {
            cfg.sysroot = v;
        } else if (!strcmp(o, "0")) {
            cfg.argv0 = v;
        } else if (!strcmp(o, "E")) {
            if (!strchr(v, '=')) {
                return bad_option("-E needs var=value", v);
            }
            env_set(&env, v);
        } else if (!strcmp(o, "U")) {
            env_unset(&env, v);
        } else if (!strcmp(o, "s")) {
            if (!parse_size(v, &cfg.stack_size)) {
                return bad_option("bad stack size", v);
            }
        } else if (!strcmp(o, "R")) {
            if (!parse_size(v, &cfg.reserve) || cfg.reserve < (64u << 20)) {
                return bad_option("bad reserve size (at least 64M)", v);
            }
        } else if (!strcmp(o, "d")) {
            if (!log_parse_items(v, stderr)) {
                return strcmp(v, "help") ? 1 : 0;
            }
        } else if (!strcmp(o, "D")) {
            if (!log_set_file(v)) {
                return bad_option("cannot open log file", v);
            }
            log_to_file = true;
        } else if (!strcmp(o, "dfilter")) {
            if (!log_parse_filter(v)) {
                return bad_option("bad -dfilter ranges", v);
            }
        } else if (!strcmp(o, "strace")) {
            cfg.strace = true;
            log_mask |= LOG_STRACE;
        } else if (!strcmp(o, "one-insn-per-tb") || !strcmp(o, "singlestep")) {
            ec.max_insns = 1;
        } else if (!strcmp(o, "cpu")) {
            if (strcmp(v, "max") && strcmp(v, "help")) {
                return bad_option("unknown CPU model (available: max)", v);
            }
            if (!strcmp(v, "help")) {
                printf("Available CPUs:\n  max\n");
                return 0;
            }
        } else if (!strcmp(o, "backend")) {
            if (!strcmp(v, "interp")) {
                ec.backend = &tcg_backend_interp;
            } else if (!strcmp(v, "jit")) {
                ec.backend = &tcg_backend_x86_64;
            } else {
                return bad_option("unknown backend (jit or interp)", v);
            }
        } else if (!strcmp(o, "tb-size")) {
            uint64_t mb;
            if (!parse_size(v, &mb) || mb < 1 || mb > 4096) {
                return bad_option("bad -tb-size (MB, 1..4096)", v);
            }
            ec.code_size = (size_t)mb << 20;
        } else if (!strcmp(o, "g")) {
            cfg.gdb_spec = v;
        } else {
            return bad_option("unknown option", argv[i]);
        }
        i += takes ? 2 : 1;
    }
    if (i >= argc) {
        return bad_option("no program given", NULL);
    }
    if (cfg.sysroot) {
        arg_add(&opts, "-L");
        arg_add(&opts, cfg.sysroot);
    }
    if (log_to_file) {
        /* children would truncate the file: they log nothing */
        ArgList kept = { 0 };
        for (int k = 0; k < opts.n; k++) {
            if (!strcmp(opts.v[k], "-d") || !strcmp(opts.v[k], "--d")) {
                k++;
            } else {
                arg_add(&kept, opts.v[k]);
            }
        }
        opts = kept;
    }
    arg_add(&opts, NULL);
    opts.n--;
    cfg.exec_opts = opts.v;
    if (log_enabled(LOG_STATS)) {
        atexit(tcg_print_stats);
    }
    cfg.prog = argv[i];
    cfg.argc = argc - i;
    cfg.argv = argv + i;
    cfg.envp = env.v;
    return linux_user_main(&cfg, &ec);
}

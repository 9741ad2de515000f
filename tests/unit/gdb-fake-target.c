/* SPDX-License-Identifier: MIT */
/*
 * gdb-fake-target.c - serves the fake target of gdb-fake.h over the gdbstub
 * so the real client can be tried against it:
 *
 *   gdb-fake-target [SPEC] &      (SPEC as for gdb_server_listen; default 0)
 *   gdb-multiarch -batch -ex 'set architecture aarch64' \
 *       -ex 'target remote 127.0.0.1:PORT' -ex 'info registers' ...
 *
 * Prints "listening on port N" (or the socket path) once ready, serves one
 * session and exits with 0 unless the server could not start.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tests/unit/gdb-fake.h"

int main(int argc, char **argv)
{
    static FakeTarget ft;
    const char *spec = argc > 1 ? argv[1] : "0";
    static const char *const names[] = {
        "detached", "disconnected", "killed", "exited", "error",
    };

    fake_init(&ft, 2);
    GdbServer *srv = gdb_server_listen(spec, &fake_ops, &ft);
    if (!srv) {
        return 1;
    }
    printf("listening on port %d\n", gdb_server_port(srv));
    fflush(stdout);
    if (gdb_server_wait_attach(srv) < 0) {
        gdb_server_close(srv);
        return 1;
    }
    GdbRunResult res = gdb_server_run(srv, NULL);
    printf("session ended: %s (resumes %d, interrupts %d)\n", names[res],
           ft.resumes, atomic_load(&ft.interrupts));
    gdb_server_close(srv);
    return 0;
}

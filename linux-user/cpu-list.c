/* SPDX-License-Identifier: MIT */
/*
 * The registry of guest threads of the process: each thread's CPU state and
 * guest thread id, in creation order.  The debugger lists and stops them,
 * and process-wide events (exit_group, a gdb interrupt) reach every one.
 */
#include <unistd.h>
#include "user.h"
#include "gdb-user.h"

void linux_cpu_add(LinuxProcess *p, LinuxCpu *t)
{
    pthread_mutex_lock(&p->cpus_lock);
    LinuxCpu **pp = &p->cpus;
    while (*pp) {
        pp = &(*pp)->next;
    }
    t->next = NULL;
    *pp = t;
    p->ncpus++;
    pthread_mutex_unlock(&p->cpus_lock);
}

void linux_cpu_remove(LinuxProcess *p, LinuxCpu *t)
{
    pthread_mutex_lock(&p->cpus_lock);
    for (LinuxCpu **pp = &p->cpus; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            p->ncpus--;
            break;
        }
    }
    pthread_mutex_unlock(&p->cpus_lock);
}

LinuxCpu *linux_cpu_of(LinuxProcess *p, const CPUARMState *env)
{
    pthread_mutex_lock(&p->cpus_lock);
    LinuxCpu *t = p->cpus;
    while (t && t->env != env) {
        t = t->next;
    }
    pthread_mutex_unlock(&p->cpus_lock);
    return t;
}

void linux_cpus_after_fork_child(LinuxProcess *p, CPUARMState *env)
{
    /* only the forking thread exists in the child, and another thread may
     * have held the lock when the process was copied */
    pthread_mutex_init(&p->cpus_lock, NULL);
    LinuxCpu *self = NULL;
    for (LinuxCpu *t = p->cpus; t; t = t->next) {
        if (t->env == env) {
            self = t;
        }
    }
    p->cpus = self;
    p->ncpus = self ? 1 : 0;
    if (self) {
        self->next = NULL;
        self->tid = gettid();
    }
    gdb_user_fork_child(p);
}

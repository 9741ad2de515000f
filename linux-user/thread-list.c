/* SPDX-License-Identifier: MIT */
/*
 * The registry of guest threads of the process: each thread's CPU state and
 * guest thread id, in creation order.  The debugger lists and stops them,
 * and process-wide events (exit_group, a gdb interrupt) reach every one.
 */
#include "user.h"

void linux_thread_add(LinuxProcess *p, LinuxThread *t)
{
    pthread_mutex_lock(&p->threads_lock);
    LinuxThread **pp = &p->threads;
    while (*pp) {
        pp = &(*pp)->next;
    }
    t->next = NULL;
    *pp = t;
    p->nthreads++;
    pthread_mutex_unlock(&p->threads_lock);
}

void linux_thread_remove(LinuxProcess *p, LinuxThread *t)
{
    pthread_mutex_lock(&p->threads_lock);
    for (LinuxThread **pp = &p->threads; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            p->nthreads--;
            break;
        }
    }
    pthread_mutex_unlock(&p->threads_lock);
}

LinuxThread *linux_thread_of(LinuxProcess *p, const CPUARMState *env)
{
    pthread_mutex_lock(&p->threads_lock);
    LinuxThread *t = p->threads;
    while (t && t->env != env) {
        t = t->next;
    }
    pthread_mutex_unlock(&p->threads_lock);
    return t;
}

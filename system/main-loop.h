/* SPDX-License-Identifier: MIT */
/*
 * The machine's event loop: host file descriptors (console input, sockets
 * of the user-mode network), timers on two clocks, and a wake-up that
 * other threads or signal handlers can use.
 *
 * There is no I/O thread: the thread running the vCPUs calls
 * main_loop_wait(ml, 0) between time slices, and main_loop_wait(ml, -1)
 * (or with the time to its own next event) when every vCPU waits for an
 * interrupt.  Device callbacks therefore never race the vCPUs.
 *
 * Clocks:
 *  ML_CLOCK_HOST     host monotonic time (slirp, console timeouts)
 *  ML_CLOCK_VIRTUAL  guest time: host monotonic time that stops while the
 *                    machine is paused (-S, gdb); the CPU side may replace
 *                    it (an instruction counter) with
 *                    main_loop_set_virtual_clock.
 */
#ifndef SYSTEM_MAIN_LOOP_H
#define SYSTEM_MAIN_LOOP_H

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct MainLoop MainLoop;
typedef struct MLTimer MLTimer;

typedef enum MLClock {
    ML_CLOCK_HOST,
    ML_CLOCK_VIRTUAL,
} MLClock;

/* Before each poll: which poll events the fd wants now (0 = leave it out
 * this time).  Or-ing in ML_PROGRESS says the callback did work (e.g.
 * delivered buffered input), so the loop must not block this round. */
#define ML_PROGRESS 0x10000
typedef int (*MLFdEvents)(void *opaque);
typedef void (*MLFdHandler)(void *opaque, int fd, int revents);

MainLoop *main_loop_new(void);
void main_loop_free(MainLoop *ml);

/* events may be NULL (always POLLIN). */
void main_loop_add_fd(MainLoop *ml, int fd, MLFdEvents events,
                      MLFdHandler handler, void *opaque);
void main_loop_remove_fd(MainLoop *ml, int fd);

/* For libraries that list their own fds every round (libslirp): fill adds
 * pollfds with main_loop_poll_add and may lower *timeout_ns (-1 = none);
 * dispatch reads the results with main_loop_poll_revents. */
typedef void (*MLPollFill)(void *opaque, MainLoop *ml, int64_t *timeout_ns);
typedef void (*MLPollDispatch)(void *opaque, MainLoop *ml, bool poll_error);
void main_loop_add_poller(MainLoop *ml, MLPollFill fill,
                          MLPollDispatch dispatch, void *opaque);
void main_loop_remove_poller(MainLoop *ml, void *opaque);
int main_loop_poll_add(MainLoop *ml, int fd, short events);
short main_loop_poll_revents(MainLoop *ml, int idx);

/* One round: waits up to timeout_ns (-1: until something happens, 0: just
 * look) for fds, the next timer or main_loop_notify, then dispatches fd
 * handlers, pollers and expired timers.  Returns true if it dispatched
 * anything. */
bool main_loop_wait(MainLoop *ml, int64_t timeout_ns);
/* Wakes a blocked main_loop_wait.  Safe from any thread and from signal
 * handlers. */
void main_loop_notify(MainLoop *ml);
/* Runs the timers that are due, without polling (cheap; for the vCPU
 * loop between blocks). */
bool main_loop_run_timers(MainLoop *ml);
/* Nanoseconds until the earliest armed timer, -1 if none. */
int64_t main_loop_next_deadline(MainLoop *ml);

int64_t main_loop_clock_ns(MainLoop *ml, MLClock clock);
/* Stops/restarts ML_CLOCK_VIRTUAL (pause for gdb or -S). */
void main_loop_pause_virtual(MainLoop *ml, bool paused);
/* Replaces the virtual clock.  now() returns guest ns; to_host() turns a
 * virtual interval into a host interval to sleep (NULL: same). */
void main_loop_set_virtual_clock(MainLoop *ml, int64_t (*now)(void *),
                                 int64_t (*to_host)(void *, int64_t),
                                 void *opaque);

MLTimer *ml_timer_new(MainLoop *ml, MLClock clock, void (*cb)(void *),
                      void *opaque);
void ml_timer_free(MLTimer *t);
/* Arms the timer for an absolute time on its clock (re-arms if armed). */
void ml_timer_mod(MLTimer *t, int64_t expire_ns);
void ml_timer_del(MLTimer *t);
bool ml_timer_pending(const MLTimer *t);
int64_t ml_timer_expire(const MLTimer *t);

#endif

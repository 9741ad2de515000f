/* SPDX-License-Identifier: MIT */
/*
 * Interrupt lines: how a device signals an interrupt controller, and how
 * the interrupt controller signals a CPU.  A line is a value (callback,
 * opaque, line number) that its owner copies into its state; setting the
 * level calls the receiver directly.  An unconnected line (set == NULL)
 * goes nowhere.
 *
 * Levels are 0 or 1.  A device with a level-sensitive output keeps calling
 * irq_set_level with its current state; receivers ignore repeats.
 */
#ifndef SYSTEM_IRQ_H
#define SYSTEM_IRQ_H

#include <stdbool.h>

typedef void (*IRQSetFn)(void *opaque, int line, int level);

typedef struct IRQLine {
    IRQSetFn set;
    void *opaque;
    int line;       /* the receiver's input number (GIC: the INTID) */
} IRQLine;

static inline IRQLine irq_line(IRQSetFn set, void *opaque, int line)
{
    return (IRQLine){ .set = set, .opaque = opaque, .line = line };
}

static inline bool irq_connected(const IRQLine *irq)
{
    return irq->set != 0;
}

static inline void irq_set_level(const IRQLine *irq, int level)
{
    if (irq->set) {
        irq->set(irq->opaque, irq->line, level != 0);
    }
}

static inline void irq_raise(const IRQLine *irq) { irq_set_level(irq, 1); }
static inline void irq_lower(const IRQLine *irq) { irq_set_level(irq, 0); }

/* An edge for edge-triggered receivers. */
static inline void irq_pulse(const IRQLine *irq)
{
    irq_set_level(irq, 1);
    irq_set_level(irq, 0);
}

/* Trigger types used in device-tree interrupt specifiers (the Linux
 * IRQ_TYPE_* values). */
enum {
    IRQ_TYPE_EDGE_RISING = 1,
    IRQ_TYPE_LEVEL_HIGH = 4,
};

#endif

/* SPDX-License-Identifier: MIT */
/*
 * virtio-input (virtio v1.2, 5.8): keyboard, tablet (absolute pointer)
 * and mouse (relative pointer).  Events are Linux evdev events; the
 * device queues what the host input router (system/input.h) sends and
 * hands complete batches (up to an EV_SYN) to the driver's eventq
 * buffers, one 8-byte struct virtio_input_event per buffer.  The statusq
 * carries LED changes back; they are recorded and otherwise ignored.
 *
 * Linux's driver (virtio_input) needs VIRTIO_F_VERSION_1, which the
 * modern virtio-mmio transport always offers.
 */
#include <linux/input-event-codes.h>
#include <stdlib.h>
#include <string.h>
#include "util/log.h"
#include "virtio-devices.h"

enum { INPUT_EVENTQ = 0, INPUT_STATUSQ = 1 };

/* 5.8.5 Device configuration layout: select, subsel, size, reserved[5],
 * then a 128-byte union. */
enum {
    CFG_SELECT = 0, CFG_SUBSEL = 1, CFG_SIZE = 2, CFG_UNION = 8,
    CFG_UNION_SIZE = 128,
};

/* 5.8.5 enum virtio_input_config_select */
enum {
    VIRTIO_INPUT_CFG_UNSET = 0x00,
    VIRTIO_INPUT_CFG_ID_NAME = 0x01,
    VIRTIO_INPUT_CFG_ID_SERIAL = 0x02,
    VIRTIO_INPUT_CFG_ID_DEVIDS = 0x03,
    VIRTIO_INPUT_CFG_PROP_BITS = 0x10,
    VIRTIO_INPUT_CFG_EV_BITS = 0x11,
    VIRTIO_INPUT_CFG_ABS_INFO = 0x12,
};

#define INPUT_QUEUE_LEN 512     /* events waiting for driver buffers */
#define INPUT_BUS_VIRTUAL 0x06  /* linux/input.h BUS_VIRTUAL */
#define INPUT_VENDOR 0x4d4d     /* "MM": mimic's own */

typedef struct InputEvent {
    uint16_t type, code;
    int32_t value;
} InputEvent;

typedef struct VirtIOInput {
    VirtIODevice vdev;
    VirtIOInputKind kind;
    InputEvent q[INPUT_QUEUE_LEN];
    int head, len;
    int complete;           /* events at the front that end with a SYN */
    bool dropping;          /* the rest of this batch is dropped */
    uint32_t dropped;
    uint32_t leds;          /* EV_LED state the driver last sent */
    VirtQueueElement elem;
} VirtIOInput;

static const struct {
    const char *name, *serial;
    uint16_t product;
} input_kinds[] = {
    [VIRTIO_INPUT_KEYBOARD] = { "mimic virtio keyboard", "keyboard0", 1 },
    [VIRTIO_INPUT_TABLET] = { "mimic virtio tablet", "tablet0", 2 },
    [VIRTIO_INPUT_MOUSE] = { "mimic virtio mouse", "mouse0", 3 },
};

static void set_bit(uint8_t *map, unsigned bit)
{
    map[bit / 8] |= (uint8_t)(1u << (bit % 8));
}

static void set_buttons(uint8_t *map)
{
    for (unsigned b = BTN_LEFT; b <= BTN_EXTRA; b++) {
        set_bit(map, b);
    }
}

/* The EV_BITS bitmap for event type `type` of this device. */
static void ev_bits(const VirtIOInput *vi, unsigned type, uint8_t *map)
{
    switch (vi->kind) {
    case VIRTIO_INPUT_KEYBOARD:
        if (type == EV_KEY) {
            for (unsigned k = KEY_ESC; k < BTN_MISC; k++) {
                set_bit(map, k);
            }
        } else if (type == EV_REP) {
            /* any non-empty answer makes Linux repeat held keys itself */
            set_bit(map, REP_DELAY);
            set_bit(map, REP_PERIOD);
        } else if (type == EV_LED) {
            set_bit(map, LED_NUML);
            set_bit(map, LED_CAPSL);
            set_bit(map, LED_SCROLLL);
        }
        break;
    case VIRTIO_INPUT_TABLET:
        if (type == EV_KEY) {
            set_buttons(map);
        } else if (type == EV_ABS) {
            set_bit(map, ABS_X);
            set_bit(map, ABS_Y);
        } else if (type == EV_REL) {
            set_bit(map, REL_WHEEL);
        }
        break;
    case VIRTIO_INPUT_MOUSE:
        if (type == EV_KEY) {
            set_buttons(map);
        } else if (type == EV_REL) {
            set_bit(map, REL_X);
            set_bit(map, REL_Y);
            set_bit(map, REL_WHEEL);
        }
        break;
    }
}

/* 5.8.6.1: the device answers a (select, subsel) pair by filling the
 * union and setting size; size 0 means "nothing there". */
static void vinput_select(VirtIOInput *vi)
{
    uint8_t *cfg = vi->vdev.config;
    uint8_t *u = cfg + CFG_UNION;
    unsigned size = 0;
    memset(u, 0, CFG_UNION_SIZE);
    switch (cfg[CFG_SELECT]) {
    case VIRTIO_INPUT_CFG_ID_NAME:
    case VIRTIO_INPUT_CFG_ID_SERIAL:
        if (cfg[CFG_SUBSEL] == 0) {
            const char *s = cfg[CFG_SELECT] == VIRTIO_INPUT_CFG_ID_NAME
                            ? input_kinds[vi->kind].name
                            : input_kinds[vi->kind].serial;
            size = (unsigned)strlen(s);
            memcpy(u, s, size);
        }
        break;
    case VIRTIO_INPUT_CFG_ID_DEVIDS:
        if (cfg[CFG_SUBSEL] == 0) {
            virtio_stw(u, INPUT_BUS_VIRTUAL);
            virtio_stw(u + 2, INPUT_VENDOR);
            virtio_stw(u + 4, input_kinds[vi->kind].product);
            virtio_stw(u + 6, 1);
            size = 8;
        }
        break;
    case VIRTIO_INPUT_CFG_EV_BITS:
        ev_bits(vi, cfg[CFG_SUBSEL], u);
        for (size = CFG_UNION_SIZE; size > 0 && !u[size - 1]; size--) {
        }
        break;
    case VIRTIO_INPUT_CFG_ABS_INFO:
        /* struct virtio_input_absinfo: min, max, fuzz, flat, res */
        if (vi->kind == VIRTIO_INPUT_TABLET &&
            (cfg[CFG_SUBSEL] == ABS_X || cfg[CFG_SUBSEL] == ABS_Y)) {
            virtio_stl(u, 0);
            virtio_stl(u + 4, INPUT_ABS_MAX);
            size = 20;
        }
        break;
    default:    /* UNSET, PROP_BITS (none) and unknown selectors */
        break;
    }
    cfg[CFG_SIZE] = (uint8_t)size;
}

static void vinput_config_write(VirtIODevice *vdev, uint32_t offset,
                               unsigned size)
{
    /* only select and subsel are writable; rebuilding the answer also
     * undoes stray writes elsewhere */
    vinput_select((VirtIOInput *)vdev);
}

/* Moves queued events of complete batches into driver buffers.  A batch
 * may be split across the driver's refills: Linux's input core acts on
 * the SYN, so it sees the batch whole. */
static void vinput_flush(VirtIOInput *vi)
{
    VirtIODevice *vdev = &vi->vdev;
    bool any = false;
    while (vi->complete > 0 && virtio_driver_ok(vdev) &&
           virtqueue_pop(vdev, INPUT_EVENTQ, &vi->elem)) {
        const InputEvent *e = &vi->q[vi->head];
        uint8_t b[8];
        virtio_stw(b, e->type);
        virtio_stw(b + 2, e->code);
        virtio_stl(b + 4, (uint32_t)e->value);
        size_t n = iov_from_buf(vi->elem.in, vi->elem.in_num, 0, b, 8);
        if (n < 8) {
            log_guest_error("virtio-input: event buffer of %zu bytes\n",
                            vi->elem.in_len);
        }
        virtqueue_push(vdev, INPUT_EVENTQ, &vi->elem, (uint32_t)n);
        vi->head = (vi->head + 1) % INPUT_QUEUE_LEN;
        vi->len--;
        vi->complete--;
        any = true;
    }
    if (any) {
        virtio_notify(vdev, INPUT_EVENTQ);
    }
}

/* A guest that stopped reading: the queue keeps the oldest complete
 * batches and drops whole new ones, so it never holds half a batch. */
static void vinput_event(void *opaque, uint16_t type, uint16_t code,
                         int32_t value)
{
    VirtIOInput *vi = opaque;
    bool syn = type == EV_SYN && code == SYN_REPORT;
    if (!virtio_driver_ok(&vi->vdev)) {
        return;     /* nobody listens: nothing to keep */
    }
    if (vi->dropping || vi->len == INPUT_QUEUE_LEN) {
        vi->dropped += (uint32_t)(vi->len - vi->complete) + 1;
        vi->len = vi->complete;     /* the unfinished batch goes too */
        vi->dropping = !syn;
        return;
    }
    vi->q[(vi->head + vi->len) % INPUT_QUEUE_LEN] =
        (InputEvent){ type, code, value };
    vi->len++;
    if (syn) {
        vi->complete = vi->len;
    }
}

static void vinput_sync(void *opaque)
{
    vinput_flush(opaque);
}

static void vinput_status(VirtIOInput *vi)
{
    VirtIODevice *vdev = &vi->vdev;
    bool any = false;
    while (virtqueue_pop(vdev, INPUT_STATUSQ, &vi->elem)) {
        uint8_t b[8];
        if (iov_to_buf(vi->elem.out, vi->elem.out_num, 0, b, 8) == 8) {
            uint16_t type = (uint16_t)(b[0] | b[1] << 8);
            uint16_t code = (uint16_t)(b[2] | b[3] << 8);
            uint32_t value = (uint32_t)b[4] | (uint32_t)b[5] << 8 |
                             (uint32_t)b[6] << 16 | (uint32_t)b[7] << 24;
            if (type == EV_LED && code < 32) {
                vi->leds = value ? vi->leds | 1u << code
                                 : vi->leds & ~(1u << code);
            }
        }
        virtqueue_push(vdev, INPUT_STATUSQ, &vi->elem, 0);
        any = true;
    }
    if (any) {
        virtio_notify(vdev, INPUT_STATUSQ);
    }
}

static void vinput_notify(VirtIODevice *vdev, int q)
{
    VirtIOInput *vi = (VirtIOInput *)vdev;
    if (q == INPUT_EVENTQ) {
        vinput_flush(vi);    /* new buffers: deliver what waited */
    } else {
        vinput_status(vi);
    }
}

static void vinput_reset(VirtIODevice *vdev)
{
    VirtIOInput *vi = (VirtIOInput *)vdev;
    vi->head = vi->len = vi->complete = 0;
    vi->dropping = false;
    vi->leds = 0;
    memset(vdev->config, 0, CFG_UNION + CFG_UNION_SIZE);
}

static void vinput_free(VirtIODevice *vdev)
{
    free(vdev);
}

static const VirtIODeviceClass virtio_input_class[] = {
    [VIRTIO_INPUT_KEYBOARD] = {
        .name = "keyboard", .device_id = VIRTIO_ID_INPUT, .num_queues = 2,
        .queue_max = 64, .config_size = CFG_UNION + CFG_UNION_SIZE,
        .queue_notify = vinput_notify, .reset = vinput_reset,
        .config_write = vinput_config_write, .free = vinput_free,
    },
    [VIRTIO_INPUT_TABLET] = {
        .name = "tablet", .device_id = VIRTIO_ID_INPUT, .num_queues = 2,
        .queue_max = 64, .config_size = CFG_UNION + CFG_UNION_SIZE,
        .queue_notify = vinput_notify, .reset = vinput_reset,
        .config_write = vinput_config_write, .free = vinput_free,
    },
    [VIRTIO_INPUT_MOUSE] = {
        .name = "mouse", .device_id = VIRTIO_ID_INPUT, .num_queues = 2,
        .queue_max = 64, .config_size = CFG_UNION + CFG_UNION_SIZE,
        .queue_notify = vinput_notify, .reset = vinput_reset,
        .config_write = vinput_config_write, .free = vinput_free,
    },
};

static const InputHandlerOps input_handler_ops[] = {
    [VIRTIO_INPUT_KEYBOARD] = { "virtio-keyboard", INPUT_KEYBOARD,
                                vinput_event, vinput_sync },
    [VIRTIO_INPUT_TABLET] = { "virtio-tablet", INPUT_ABS_POINTER,
                              vinput_event, vinput_sync },
    [VIRTIO_INPUT_MOUSE] = { "virtio-mouse", INPUT_REL_POINTER,
                             vinput_event, vinput_sync },
};

VirtIODevice *virtio_input_new(AddressSpace *as, Input *in,
                               VirtIOInputKind kind)
{
    VirtIOInput *vi = calloc(1, sizeof(*vi));
    if (!vi) {
        abort();
    }
    vi->kind = kind;
    virtio_init(&vi->vdev, &virtio_input_class[kind], as);
    if (in) {
        input_add_handler(in, &input_handler_ops[kind], vi);
    }
    return &vi->vdev;
}

uint32_t virtio_input_leds(VirtIODevice *vdev)
{
    return ((VirtIOInput *)vdev)->leds;
}

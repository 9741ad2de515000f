/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for virtio-input (virtio v1.2, 5.8) and the input router:
 * the config space as Linux's virtio_input driver probes it, events from
 * the router delivered into eventq buffers of a fake guest in batches
 * ending with EV_SYN, events kept while the driver has no buffers, LED
 * status from the statusq, and the HID/sendkey key tables.
 */
#include <linux/input-event-codes.h>
#include "devices/virtio-devices.h"
#include "system/keymap.h"
#include "vq-driver.h"

static Input *router;
static VirtIODevice *dev;

static VirtIODevice *make_input(AddressSpace *as, void *kind)
{
    dev = virtio_input_new(as, router, *(VirtIOInputKind *)kind);
    return dev;
}

/* What the driver's virtinput_cfg_select does: select, subsel, size. */
static unsigned cfg_select(uint8_t sel, uint8_t subsel)
{
    vq_cfg_wr8(0, sel);
    vq_cfg_wr8(1, subsel);
    return vq_cfg8(2);
}

static bool cfg_bit(unsigned bit)
{
    return (vq_cfg8(8 + bit / 8) >> (bit % 8)) & 1;
}

static void cfg_string(char *out, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        out[i] = (char)vq_cfg8(8 + i);
    }
    out[n] = 0;
}

static void test_keyboard_config(void)
{
    char s[130];
    unsigned n = cfg_select(0x01, 0);           /* ID_NAME */
    cfg_string(s, n);
    CHECK_STR(s, "mimic virtio keyboard");
    n = cfg_select(0x02, 0);                    /* ID_SERIAL */
    cfg_string(s, n);
    CHECK_STR(s, "keyboard0");
    CHECK_EQ(cfg_select(0x03, 0), 8);           /* ID_DEVIDS */
    CHECK_EQ(vq_cfg8(8), 0x06);                 /* BUS_VIRTUAL */
    CHECK_EQ(vq_cfg8(12), 1);                   /* product */
    CHECK_EQ(cfg_select(0x10, 0), 0);           /* no PROP_BITS */
    n = cfg_select(0x11, EV_KEY);
    CHECK(n >= KEY_MICMUTE / 8);
    CHECK(cfg_bit(KEY_A) && cfg_bit(KEY_ESC) && cfg_bit(KEY_LEFTCTRL));
    CHECK(!cfg_bit(0) && !cfg_bit(BTN_LEFT));
    CHECK(cfg_select(0x11, EV_REP) > 0);        /* the guest autorepeats */
    CHECK_EQ(cfg_select(0x11, EV_LED), 1);
    CHECK_EQ(vq_cfg8(8), 7);                    /* NUML CAPSL SCROLLL */
    CHECK_EQ(cfg_select(0x11, EV_REL), 0);
    CHECK_EQ(cfg_select(0x11, EV_ABS), 0);
    CHECK_EQ(cfg_select(0x12, ABS_X), 0);
    CHECK_EQ(cfg_select(0x00, 0), 0);           /* UNSET */
    CHECK_EQ(cfg_select(0x7f, 0), 0);           /* unknown */
    CHECK_EQ(cfg_select(0x01, 1), 0);           /* name has no subsel 1 */
    /* the union is read-only: a write there is undone */
    cfg_select(0x01, 0);
    vq_cfg_wr8(8, 'X');
    CHECK_EQ(vq_cfg8(8), 'm');
}

static uint64_t evbuf(int i) { return VQ_RAM + 0x10000 + 16ull * i; }

/* Offers n 8-byte event buffers. */
static void offer_events(VqRing *r, int first, int n)
{
    for (int i = first; i < first + n; i++) {
        VqBuf b = { evbuf(i % VQ_SIZE), 8, true };
        vq_add(r, &b, 1, i + 1 == first + n);
    }
}

/* Takes the next used event; false if none. */
static bool next_event(VqRing *r, uint16_t *type, uint16_t *code,
                       int32_t *value)
{
    uint32_t id;
    int64_t len = vq_used(r, &id);
    if (len < 0) {
        return false;
    }
    CHECK_EQ(len, 8);
    uint64_t a = vq_desc_addr(r, id);
    *type = vq_get16(a);
    *code = vq_get16(a + 2);
    *value = (int32_t)vq_get32(a + 4);
    return true;
}

static void expect_at(int line, VqRing *r, uint16_t type, uint16_t code,
                      int32_t value)
{
    uint16_t t = 0xffff, c = 0xffff;
    int32_t v = -1;
    bool got = next_event(r, &t, &c, &v);
    CHECK(got);
    if (!got || t != type || c != code || v != value) {
        check_failed++;
        printf("FAIL line %d: event %u/0x%x/%d, want %u/0x%x/%d\n", line,
               t, c, v, type, code, value);
    }
}
#define expect(r, type, code, value) \
    expect_at(__LINE__, r, type, code, value)

static void test_keyboard_events(TestIRQ *irq)
{
    VqRing ev, st;
    uint16_t t, c;
    int32_t v;
    /* before DRIVER_OK nothing is kept */
    vq_init(1ull << 32);
    input_key(router, KEY_Q, true);
    input_sync(router);
    vq_ring_setup(&ev, 0, VQ_RAM + 0x1000);
    vq_ring_setup(&st, 1, VQ_RAM + 0x2000);
    vq_driver_ok();
    offer_events(&ev, 0, 4);
    CHECK(!next_event(&ev, &t, &c, &v));
    /* a key press and release: two batches */
    input_key(router, KEY_A, true);
    CHECK(!next_event(&ev, &t, &c, &v));    /* nothing before the sync */
    input_sync(router);
    expect(&ev, EV_KEY, KEY_A, 1);
    expect(&ev, EV_SYN, SYN_REPORT, 0);
    CHECK_EQ(irq->level, 1);
    CHECK_EQ(vq_rd(VQ_INT_STATUS) & 1, 1);
    vq_wr(VQ_INT_ACK, 1);
    CHECK_EQ(irq->level, 0);
    CHECK(input_key_is_down(router, KEY_A));
    /* more events than buffers: the rest waits for new buffers */
    input_key(router, KEY_A, false);
    input_key(router, KEY_LEFTSHIFT, true);
    input_sync(router);
    expect(&ev, EV_KEY, KEY_A, 0);
    expect(&ev, EV_KEY, KEY_LEFTSHIFT, 1);
    CHECK(!next_event(&ev, &t, &c, &v));
    offer_events(&ev, 4, 8);
    expect(&ev, EV_SYN, SYN_REPORT, 0);
    CHECK(!next_event(&ev, &t, &c, &v));
    /* focus loss releases held keys, including the Q pressed while no
     * driver listened (the router saw it go down) */
    input_release_all(router);
    expect(&ev, EV_KEY, KEY_Q, 0);
    expect(&ev, EV_KEY, KEY_LEFTSHIFT, 0);
    expect(&ev, EV_SYN, SYN_REPORT, 0);
    CHECK(!input_key_is_down(router, KEY_LEFTSHIFT));
    /* pointer events do not reach a keyboard */
    input_button(router, BTN_LEFT, true);
    input_abs(router, 5, 6);
    input_sync(router);
    CHECK(!next_event(&ev, &t, &c, &v));
    /* statusq: the driver sets Caps Lock */
    uint64_t sb = VQ_RAM + 0x20000;
    vq_put16(sb, EV_LED);
    vq_put16(sb + 2, LED_CAPSL);
    vq_put32(sb + 4, 1);
    VqBuf b = { sb, 8, false };
    vq_add(&st, &b, 1, true);
    CHECK_EQ(vq_used(&st, NULL), 0);
    CHECK_EQ(virtio_input_leds(dev), 1u << LED_CAPSL);
    /* a guest that stops reading: the four buffers left take the first
     * two batches; 256 more fill the queue (512 events) and the other
     * 142 are dropped whole */
    for (int i = 0; i < 400; i++) {
        input_key(router, KEY_B, i % 2 == 0);
        input_sync(router);
    }
    int got = 0, keys = 0;
    bool pairs_ok = true;
    uint16_t last = EV_SYN;
    for (int round = 0; round < 100; round++) {
        while (next_event(&ev, &t, &c, &v)) {
            /* strictly alternating KEY_B, SYN: no half batches */
            pairs_ok &= (t == EV_KEY) == (last == EV_SYN);
            keys += t == EV_KEY;
            last = t;
            got++;
        }
        offer_events(&ev, 12 + 8 * round, 8);
    }
    CHECK_EQ(got, 4 + 512);
    CHECK_EQ(keys, 2 + 256);
    CHECK(pairs_ok);
    /* reset forgets queued events */
    vq_wr(VQ_STATUS, 0);
    CHECK_EQ(virtio_input_leds(dev), 0);
}

static void test_tablet(void)
{
    char s[130];
    VqRing ev;
    unsigned n = cfg_select(0x01, 0);
    cfg_string(s, n);
    CHECK_STR(s, "mimic virtio tablet");
    cfg_select(0x11, EV_KEY);
    CHECK(cfg_bit(BTN_LEFT) && cfg_bit(BTN_RIGHT) && cfg_bit(BTN_MIDDLE));
    CHECK(!cfg_bit(KEY_A));
    cfg_select(0x11, EV_ABS);
    CHECK(cfg_bit(ABS_X) && cfg_bit(ABS_Y));
    cfg_select(0x11, EV_REL);
    CHECK(cfg_bit(REL_WHEEL) && !cfg_bit(REL_X));
    CHECK_EQ(cfg_select(0x12, ABS_Y), 20);      /* struct absinfo */
    CHECK_EQ(vq_cfg8(8), 0);                    /* min */
    CHECK_EQ(vq_cfg8(12) | vq_cfg8(13) << 8, 32767);    /* max */
    CHECK_EQ(cfg_select(0x12, ABS_Z), 0);
    CHECK_EQ(cfg_select(0x11, EV_REP), 0);
    vq_init(1ull << 32);
    vq_ring_setup(&ev, 0, VQ_RAM + 0x1000);
    vq_ring_setup(&(VqRing){ 0 }, 1, VQ_RAM + 0x2000);
    vq_driver_ok();
    offer_events(&ev, 0, 12);
    input_abs(router, 16384, 40000);        /* clamped to the maximum */
    input_button(router, BTN_RIGHT, true);
    input_rel(router, REL_WHEEL, -1);
    input_rel(router, REL_X, 5);            /* not for a tablet */
    input_sync(router);
    expect(&ev, EV_ABS, ABS_X, 16384);
    expect(&ev, EV_ABS, ABS_Y, 32767);
    expect(&ev, EV_KEY, BTN_RIGHT, 1);
    expect(&ev, EV_REL, REL_WHEEL, -1);
    expect(&ev, EV_SYN, SYN_REPORT, 0);
    /* keys do not reach a tablet */
    input_key(router, KEY_C, true);
    input_sync(router);
    uint16_t t, c;
    int32_t v;
    CHECK(!next_event(&ev, &t, &c, &v));
}

static void test_keymap(void)
{
    CHECK_EQ(keymap_hid_to_linux(0x04), KEY_A);     /* SDL_SCANCODE_A */
    CHECK_EQ(keymap_hid_to_linux(0x1d), KEY_Z);
    CHECK_EQ(keymap_hid_to_linux(0x27), KEY_0);
    CHECK_EQ(keymap_hid_to_linux(0x28), KEY_ENTER);
    CHECK_EQ(keymap_hid_to_linux(0x3a), KEY_F1);
    CHECK_EQ(keymap_hid_to_linux(0x52), KEY_UP);
    CHECK_EQ(keymap_hid_to_linux(0x58), KEY_KPENTER);
    CHECK_EQ(keymap_hid_to_linux(0x64), KEY_102ND);
    CHECK_EQ(keymap_hid_to_linux(0xe0), KEY_LEFTCTRL);
    CHECK_EQ(keymap_hid_to_linux(0xe6), KEY_RIGHTALT);
    CHECK_EQ(keymap_hid_to_linux(0xe7), KEY_RIGHTMETA);
    CHECK_EQ(keymap_hid_to_linux(0), 0);
    CHECK_EQ(keymap_hid_to_linux(0xe8), 0);
    CHECK_EQ(keymap_hid_to_linux(100000), 0);
    /* every letter and digit maps to a distinct key */
    uint8_t seen[KEY_CNT] = { 0 };
    for (unsigned u = 0x04; u <= 0x27; u++) {
        uint16_t k = keymap_hid_to_linux(u);
        CHECK(k != 0 && !seen[k]);
        seen[k] = 1;
    }
    CHECK_EQ(keymap_name_to_linux("ret"), KEY_ENTER);
    CHECK_EQ(keymap_name_to_linux("ctrl"), KEY_LEFTCTRL);
    CHECK_EQ(keymap_name_to_linux("alt_r"), KEY_RIGHTALT);
    CHECK_EQ(keymap_name_to_linux("f12"), KEY_F12);
    CHECK_EQ(keymap_name_to_linux("kp_enter"), KEY_KPENTER);
    CHECK_EQ(keymap_name_to_linux("0x1e"), KEY_A);
    CHECK_EQ(keymap_name_to_linux("nosuchkey"), 0);
    CHECK_EQ(keymap_name_to_linux("0x"), 0);
    CHECK_EQ(keymap_name_to_linux("0x9999"), 0);
    CHECK_STR(keymap_linux_name(KEY_ENTER), "ret");
    CHECK(keymap_linux_name(KEY_MICMUTE) == NULL);
}

int main(void)
{
    TestIRQ irq = { 0 };
    VirtIOInputKind kind = VIRTIO_INPUT_KEYBOARD;
    router = input_new();
    VirtIOMMIO *t = vq_setup(make_input, &kind, &irq);
    CHECK(input_has(router, INPUT_KEYBOARD));
    CHECK(!input_has(router, INPUT_ABS_POINTER));
    CHECK_EQ(vq_rd(VQ_DEVICE_ID), 18);
    CHECK_EQ(vq_rd(VQ_VERSION), 2);
    test_keyboard_config();
    test_keyboard_events(&irq);
    virtio_mmio_free(t);
    address_space_free(vq_as);
    input_free(router);

    router = input_new();
    kind = VIRTIO_INPUT_TABLET;
    t = vq_setup(make_input, &kind, &irq);
    CHECK(input_has(router, INPUT_ABS_POINTER));
    test_tablet();
    virtio_mmio_free(t);
    address_space_free(vq_as);
    input_free(router);

    test_keymap();
    return check_summary();
}

/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the monitor (frontends/monitor.c): a scripted session
 * on a buffer character device against a 'virt' board without CPUs.
 * Covers help, info (status, mtree, qtree, cpus, registers, display),
 * xp in every format including x/i through capstone, address
 * expressions, x and info registers through fake CPU hooks and their
 * fallback messages without them, screendump, sendkey, stop/cont,
 * system_powerdown/reset, quit, bad commands, line editing and the
 * Ctrl-A c switch from a serial console.
 */
#include <linux/input-event-codes.h>
#include <stdlib.h>
#include <unistd.h>
#include "check.h"
#include "devices/virtio-devices.h"
#include "frontends/monitor.h"

static Chardev *chr;
static VirtMachine *m;
static char out[65536];

/* Feeds a line and returns everything the monitor wrote. */
static const char *run(const char *line)
{
    chardev_buffer_feed(chr, (const uint8_t *)line, strlen(line));
    chardev_buffer_feed(chr, (const uint8_t *)"\r", 1);
    size_t n = chardev_buffer_take(chr, (uint8_t *)out, sizeof(out) - 1);
    out[n] = 0;
    return out;
}

#define CHECK_HAS(text, needle)                                            \
    do {                                                                   \
        const char *t_ = (text);                                           \
        if (strstr(t_, needle)) {                                          \
            check_passed++;                                                \
        } else {                                                           \
            check_failed++;                                                \
            printf("FAIL %s:%d: no \"%s\" in:\n%s\n", __FILE__, __LINE__,  \
                   needle, t_);                                            \
        }                                                                  \
    } while (0)

#define CHECK_HASNT(text, needle) CHECK(!strstr((text), needle))

/* ---- a keyboard that records what it gets ---- */

static uint16_t keys[64];
static int32_t vals[64];
static int nkeys, nsyncs;

static void rec_event(void *opaque, uint16_t type, uint16_t code,
                      int32_t value)
{
    if (type == EV_KEY && nkeys < 64) {
        keys[nkeys] = code;
        vals[nkeys++] = value;
    }
}

static void rec_sync(void *opaque)
{
    nsyncs++;
}

static const InputHandlerOps rec_ops = { "recorder", INPUT_KEYBOARD,
                                         rec_event, rec_sync };

/* a tablet and a mouse that record their events */
static uint16_t pev_type[64], pev_code[64];
static int32_t pev_val[64];
static int npev;

static void pev(void *opaque, uint16_t type, uint16_t code, int32_t value)
{
    if (npev < 64) {
        pev_type[npev] = type;
        pev_code[npev] = code;
        pev_val[npev++] = value;
    }
}

static bool pseen(uint16_t type, uint16_t code, int32_t value)
{
    for (int i = 0; i < npev; i++) {
        if (pev_type[i] == type && pev_code[i] == code &&
            pev_val[i] == value) {
            return true;
        }
    }
    return false;
}

static const InputHandlerOps tablet_ops = { "tablet", INPUT_ABS_POINTER,
                                            pev, NULL };
static const InputHandlerOps mouse_ops = { "mouse", INPUT_REL_POINTER,
                                           pev, NULL };

/* ---- fake CPU hooks: VA 0xffff0000_0000_0000 + x is PA RAM + x ---- */

#define FAKE_VA 0xffff000000000000ull

static void fake_dump(void *opaque, FILE *f, int cpu)
{
    fprintf(f, "FAKE REGS cpu%d\n", cpu);
}

static bool fake_info(void *opaque, int cpu, VirtCPUInfo *ci)
{
    *ci = (VirtCPUInfo){ .pc = FAKE_VA + 0x10 + cpu, .el = 1, .on = true,
                         .halted = cpu == 1 };
    return true;
}

static bool fake_reg(void *opaque, int cpu, const char *name, uint64_t *v)
{
    if (!strcmp(name, "pc")) {
        *v = FAKE_VA + 0x10;
        return true;
    }
    return false;
}

static bool fake_xlate(void *opaque, int cpu, uint64_t va, uint64_t *pa)
{
    if (va < FAKE_VA || va - FAKE_VA >= (1u << 20)) {
        return false;
    }
    *pa = VIRT_RAM + (va - FAKE_VA);
    return true;
}

static const VirtCPUHooks fake_hooks = {
    .dump_cpu = fake_dump, .cpu_info = fake_info, .read_reg = fake_reg,
    .virt_to_phys = fake_xlate,
};

static void put_ram(uint64_t off, const void *data, size_t len)
{
    address_space_rw(m->as, VIRT_RAM + off, (void *)data, len, true);
}

static void test_info(void)
{
    const char *o = run("help");
    CHECK_HAS(o, "screendump");
    CHECK_HAS(o, "system_powerdown");
    CHECK_HAS(o, "info registers");
    CHECK_HAS(o, "(mimic) ");
    o = run("help xp");
    CHECK_HAS(o, "physical");
    CHECK_HASNT(o, "screendump");
    CHECK_HAS(run("help nosuch"), "help: no command 'nosuch'");
    CHECK_HAS(run("info"), "info mtree");
    o = run("info mtree");
    CHECK_HAS(o, "0000000040000000-0000000043ffffff (ram)");
    CHECK_HAS(o, "framebuffer");
    o = run("info qtree");
    CHECK_HAS(o, "gic-v2, distributor 0x08000000");
    CHECK_HAS(o, "pl011@09000000, irq SPI 1 (INTID 33)");
    CHECK_HAS(o, "pl061@09030000");
    CHECK_HAS(o, "power button on line 3");
    CHECK_HAS(o, "simple-framebuffer@10000000, 320x200");
    CHECK_HAS(o, "virtio-mmio@0a000000, version 2, irq SPI 16 (INTID 48)");
    CHECK_HAS(o, "virtio-keyboard (device id 18), status 0x00 (no driver)");
    CHECK_HAS(o, "31 empty virtio-mmio slots");
    CHECK_HAS(run("info version"), "mimic 0.");
    CHECK_HAS(run("info display"), "framebuffer: 320x200");
    CHECK_HAS(run("info nosuch"), "info: unknown subcommand 'nosuch'");
    CHECK_HAS(run("frobnicate 1 2"), "unknown command: 'frobnicate'");
    /* without CPU hooks: clear messages */
    CHECK_HAS(run("info registers"), "info registers: not available");
    o = run("info cpus");
    CHECK_HAS(o, "* CPU #0: cortex-a57 (state not available)");
    CHECK_HAS(o, "  CPU #1:");
    CHECK_HAS(run("x/4xw 0x40000000"), "virtual addresses need");
    CHECK_HAS(run("xp/1xw $pc"), "registers are not available");
}

static void test_xp(void)
{
    static const uint32_t words[] = { 0x11223344, 0xdeadbeef, 0, 0xffffffff };
    static const uint32_t insns[] = { 0xd503201f, 0xd65f03c0, 0x00000000 };
    static const int64_t dw[] = { -5, 7 };
    put_ram(0, words, sizeof(words));
    put_ram(0x10, insns, sizeof(insns));
    put_ram(0x20, "hi\n\\", 4);
    put_ram(0x30, dw, sizeof(dw));
    CHECK_HAS(run("xp/4xw 0x40000000"), "0000000040000000: 0x11223344 "
              "0xdeadbeef 0x00000000 0xffffffff\n");
    CHECK_HAS(run("xp/2xg 0x40000000"),
              "0000000040000000: 0xdeadbeef11223344 0xffffffff00000000");
    CHECK_HAS(run("xp/3xb 0x40000000+1"), ": 0x33 0x22 0x11\n");
    CHECK_HAS(run("xp/1xh 0x40000008 - 8"), ": 0x3344\n");
    /* the format sticks: this is /xh again */
    CHECK_HAS(run("xp/2 0x40000000"), ": 0x3344 0x1122\n");
    CHECK_HAS(run("xp/2dg 0x40000030"), ": -5 7\n");
    CHECK_HAS(run("xp/1uw 0x40000004"), ": 3735928559\n");
    CHECK_HAS(run("xp/1ob 0x40000000"), ": 0104\n");
    CHECK_HAS(run("xp/4c 0x40000020"), ": 'h' 'i' '\\x0a' '\\x5c'\n");
    const char *o = run("xp/3i 0x40000010");
    CHECK_HAS(o, "0x0000000040000010:  d503201f  nop\n");
    CHECK_HAS(o, "0x0000000040000014:  d65f03c0  ret");
    CHECK_HAS(o, "0x0000000040000018:  00000000  ");
    /* 20 words: two lines of 4 each... five lines */
    o = run("xp/20xw 0x40000000");
    CHECK_HAS(o, "0000000040000040:");
    CHECK_HASNT(o, "0000000040000050:");
    CHECK_HAS(run("xp 0x09000000"), "device registers are not read");
    CHECK_HAS(run("xp 0x100"), "nothing is mapped here");
    CHECK_HAS(run("xp/4xw 0x43fffffc"), "nothing is mapped here");
    CHECK_HAS(run("xp/4z 0x40000000"), "unknown format letter 'z'");
    CHECK_HAS(run("xp/0x 0x40000000"), "bad count");
    CHECK_HAS(run("xp"), "give an address");
    CHECK_HAS(run("xp 0x4000000g"), "unexpected text at 'g'");
    CHECK_HAS(run("xp/1xb (0x40000000 + 2 * 4 - 8) / 1 + 1"), ": 0x33\n");
    CHECK_HAS(run("xp/1xb -(-0x40000001)"), ": 0x33\n");
    CHECK_HAS(run("xp/1xb 0x40000000 / 0"), "division by zero");
    CHECK_HAS(run("xp/1xb (0x40000000"), "expected ')'");
    CHECK_HAS(run("xp/1xb 0x40000000 +"), "expected a number");
    CHECK_HAS(run("xp/100000xw 0x40000000"), "bad count");
}

static void test_hooks(void)
{
    m->cpu_hooks = &fake_hooks;
    CHECK_HAS(run("info registers"), "FAKE REGS cpu0");
    const char *o = run("info registers -a");
    CHECK_HAS(o, "CPU#1\nFAKE REGS cpu1");
    CHECK_HAS(run("info registers -z"), "unknown option '-z'");
    CHECK_HAS(run("cpu 7"), "give a CPU index from 0 to 1");
    run("cpu 1");
    CHECK_HAS(run("info registers"), "FAKE REGS cpu1");
    o = run("info cpus");
    CHECK_HAS(o, "  CPU #0: pc=0xffff000000000010 EL1 \n");
    CHECK_HAS(o, "* CPU #1: pc=0xffff000000000011 EL1 (halted)");
    run("cpu 0");
    o = run("x/2i $pc");
    CHECK_HAS(o, "0xffff000000000010:  d503201f  nop\n");
    CHECK_HAS(o, "0xffff000000000014:  d65f03c0  ret");
    CHECK_HAS(run("x/1xw $pc - 0x10"), "ffff000000000000: 0x11223344");
    CHECK_HAS(run("x/1xw $sp"), "unknown register '$sp'");
    CHECK_HAS(run("x/1xw 0x1000"), "Cannot access memory at virtual "
              "address 0x0000000000001000");
    /* a read that crosses into an untranslated page stops there */
    CHECK_HAS(run("x/2xw 0xffff0000000ffffc"), "Cannot access memory");
    m->cpu_hooks = NULL;
}

static void test_screendump(const char *dir)
{
    char path[512], cmd[600];
    uint8_t head[24];
    for (uint32_t i = 0; i < 320 * 200; i++) {
        memcpy(m->fb->pixels + 4 * i, &(uint32_t){ i * 2654435761u }, 4);
    }
    snprintf(path, sizeof(path), "%s/shot.png", dir);
    snprintf(cmd, sizeof(cmd), "screendump %s", path);
    CHECK_HASNT(run(cmd), "screendump:");
    FILE *f = fopen(path, "rb");
    CHECK(f && fread(head, 1, 24, f) == 24);
    if (f) {
        fclose(f);
    }
    CHECK(!memcmp(head, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16));
    CHECK_EQ(head[18] << 8 | head[19], 320);
    CHECK_EQ(head[22] << 8 | head[23], 200);
    unlink(path);
    CHECK_HAS(run("screendump"), "give a file name");
    CHECK_HAS(run("screendump /nonexistent/dir/x.png"), "cannot create");
}

static void test_sendkey(Input *in)
{
    CHECK_HAS(run("sendkey"), "give keys");
    CHECK_HAS(run("sendkey ctrl-nosuch"), "unknown key 'nosuch'");
    CHECK_HAS(run("sendkey a 99999999"), "bad hold time");
    CHECK_EQ(nkeys, 0);
    run("sendkey ctrl-alt-f1 0");
    CHECK_EQ(nkeys, 3);
    CHECK(keys[0] == KEY_LEFTCTRL && keys[1] == KEY_LEFTALT &&
          keys[2] == KEY_F1 && vals[2] == 1);
    CHECK_EQ(nsyncs, 1);
    main_loop_run_timers(m->ml);    /* the hold time is over */
    CHECK_EQ(nkeys, 6);
    CHECK(keys[3] == KEY_F1 && keys[5] == KEY_LEFTCTRL && vals[5] == 0);
    CHECK_EQ(nsyncs, 2);
    CHECK(!input_key_is_down(in, KEY_LEFTCTRL));
    /* a new sendkey releases keys still held from the last one */
    run("sendkey shift 10000");
    run("sendkey ret");
    CHECK(keys[6] == KEY_LEFTSHIFT && vals[6] == 1);
    CHECK(keys[7] == KEY_LEFTSHIFT && vals[7] == 0);
    CHECK(keys[8] == KEY_ENTER && vals[8] == 1);
}

static void test_pointer(Input *in)
{
    CHECK_HAS(run("mouse_move 1 2"), "no pointer");
    CHECK_HAS(run("mouse_button 1"), "no pointer");
    input_add_handler(in, &tablet_ops, NULL);
    input_add_handler(in, &mouse_ops, NULL);
    CHECK_HAS(run("mouse_move 1"), "give x y");
    CHECK_HAS(run("mouse_button 9"), "from 0 to 7");
    /* the display is 320x200: (160, 199) is the middle of the bottom */
    CHECK_HASNT(run("mouse_move 160 199 -1"), "mouse_move");
    CHECK(pseen(EV_ABS, ABS_X, 160 * 32767 / 319));
    CHECK(pseen(EV_ABS, ABS_Y, 32767));
    CHECK(pseen(EV_REL, REL_X, 160));
    CHECK(pseen(EV_REL, REL_WHEEL, -1));
    npev = 0;
    run("mouse_button 5");
    CHECK(pseen(EV_KEY, BTN_LEFT, 1) && pseen(EV_KEY, BTN_MIDDLE, 1));
    CHECK(!pseen(EV_KEY, BTN_RIGHT, 1));
    npev = 0;
    run("mouse_button 4");
    CHECK(pseen(EV_KEY, BTN_LEFT, 0));
    CHECK(!pseen(EV_KEY, BTN_MIDDLE, 0) && !pseen(EV_KEY, BTN_MIDDLE, 1));
}

static void test_run_control(void)
{
    CHECK_HAS(run("info status"), "VM status: running");
    run("stop");
    CHECK(m->paused);
    CHECK_HAS(run("info status"), "VM status: paused");
    run("c");
    CHECK(!m->paused);
    uint64_t data = 0;
    run("system_powerdown");
    CHECK(m->powerdown_pending);
    address_space_read(m->as, VIRT_GPIO + 0x3fc, 4, &data,
                       MEMTXATTRS_CPU(0));
    CHECK_EQ(data & (1u << VIRT_POWER_BUTTON_LINE),
             1u << VIRT_POWER_BUTTON_LINE);
    run("system_reset");
    CHECK_EQ(virt_take_request(m), VIRT_REQ_RESET);
    m->powered_off = true;
    CHECK_HAS(run("cont"), "powered off");
    CHECK_HAS(run("info status"), "VM status: powered off");
    m->powered_off = false;
    run("quit");
    CHECK_EQ(virt_take_request(m), VIRT_REQ_QUIT);
    run("q");
    CHECK_EQ(virt_take_request(m), VIRT_REQ_QUIT);
}

static void test_line_editing(void)
{
    /* backspace, an arrow key's escape sequence, CR LF: one command */
    const char *o = run("info stax\x7ftu\x1b[As\n");
    CHECK_HAS(o, "VM status: running");
    CHECK_HASNT(o, "unknown");
    /* the LF after the CR above ran nothing; a blank line runs nothing */
    CHECK_EQ(strcmp(run("   "), "(mimic) "), 0);
    /* Ctrl-U kills the line */
    CHECK_HAS(run("garbage\x15info version"), "mimic 0.");
}

/* The serial console owns a mux terminal; Ctrl-A c reaches the monitor. */
static void test_mux(const MonitorEnv *env)
{
    static int serial_bytes;
    CharFrontend serial = { .can_read = NULL, .opaque = &serial_bytes,
                            .name = "serial" };
    Chardev *mux = chardev_new_buffer(true);
    chardev_attach(mux, &serial);
    Monitor *mon = monitor_new(env);
    CHECK(monitor_attach(mon, mux, false));
    size_t n = chardev_buffer_take(mux, (uint8_t *)out, sizeof(out) - 1);
    CHECK_EQ(n, 0);     /* no greeting while the serial has the focus */
    chardev_buffer_feed(mux, (const uint8_t *)"\x01" "c", 2);
    chardev_buffer_feed(mux, (const uint8_t *)"info status\r", 12);
    n = chardev_buffer_take(mux, (uint8_t *)out, sizeof(out) - 1);
    out[n] = 0;
    CHECK_HAS(out, "input to monitor");
    CHECK_HAS(out, "type 'help'");
    CHECK_HAS(out, "VM status: running");
    monitor_free(mon);
    chardev_close(mux);
}

int main(void)
{
    char dir[] = "/tmp/mimic-test-monitor-XXXXXX";
    char err[256];
    CHECK(mkdtemp(dir) != NULL);
    MainLoop *ml = main_loop_new();
    VirtConfig vc = { .ml = ml, .ram_size = 64 << 20, .smp = 2,
                      .gic_version = 2, .cpu_model = "cortex-a57",
                      .framebuffer = true, .fb_width = 320,
                      .fb_height = 200 };
    m = virt_create(&vc, err, sizeof(err));
    CHECK(m != NULL);
    Display *disp = display_new();
    Input *in = input_new();
    framebuffer_attach_display(m->fb, disp);
    CHECK(virt_add_virtio(m, virtio_input_new(m->as, NULL,
                                              VIRTIO_INPUT_KEYBOARD),
                          err, sizeof(err)));
    MonitorEnv env = { .m = m, .display = disp, .input = in };
    Monitor *mon = monitor_new(&env);
    chr = chardev_new_buffer(false);
    CHECK(monitor_attach(mon, chr, true));
    size_t n = chardev_buffer_take(chr, (uint8_t *)out, sizeof(out) - 1);
    out[n] = 0;
    CHECK_HAS(out, "monitor - type 'help' for more information\n(mimic) ");
    CHECK_HAS(run("sendkey a"), "no keyboard");
    input_add_handler(in, &rec_ops, NULL);
    test_info();
    test_xp();
    test_hooks();
    test_screendump(dir);
    test_sendkey(in);
    test_pointer(in);
    test_run_control();
    test_line_editing();
    test_mux(&env);
    monitor_free(mon);
    chardev_close(chr);
    virt_free(m);
    display_free(disp);
    input_free(in);
    main_loop_free(ml);
    rmdir(dir);
    return check_summary();
}

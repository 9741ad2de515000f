/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the 'virt' board and the loaders: the generated device
 * tree checked with libfdt for what Linux needs (GICv2 and GICv3, -smp),
 * arm64 Image parsing and placement (synthetic headers, gzip, legacy
 * image_size 0, ELF), initrd and DTB placement in RAM, boot registers,
 * the power button, reset and requests; and, when scripts/fetch-guests
 * has run, Debian's real arm64 kernel.
 */
#include <libfdt.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "check.h"
#include "loaders/dtb.h"
#include "loaders/kernel.h"
#include "loaders/linux-boot.h"
#include "system/virt.h"

static char tmpdir[] = "/tmp/mimic-test-virt-XXXXXX";

static char *tmpfile_with(const char *name, const void *data, size_t len)
{
    static char path[8][256];
    static int n;
    char *p = path[n++ % 8];
    snprintf(p, 256, "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "wb");
    fwrite(data, 1, len, f);
    fclose(f);
    return p;
}

/* A fake arm64 Image: header + code, image_size covering a BSS. */
static uint8_t *fake_image(size_t len, uint64_t text_offset,
                           uint64_t image_size)
{
    uint8_t *b = calloc(1, len);
    b[0] = 0x13;    /* a branch, as real Images start */
    memcpy(b + 8, &text_offset, 8);
    memcpy(b + 16, &image_size, 8);
    uint64_t flags = 0xa;
    memcpy(b + 24, &flags, 8);
    uint32_t magic = ARM64_IMAGE_MAGIC;
    memcpy(b + 0x38, &magic, 4);
    for (size_t i = 64; i < len; i++) {
        b[i] = (uint8_t)(i * 7);
    }
    return b;
}

static uint8_t *gzip_buf(const uint8_t *in, size_t len, size_t *outlen)
{
    z_stream zs = { 0 };
    deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&zs, len);
    uint8_t *out = malloc(cap);
    zs.next_in = (Bytef *)in;
    zs.avail_in = (uInt)len;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    deflate(&zs, Z_FINISH);
    *outlen = cap - zs.avail_out;
    deflateEnd(&zs);
    return out;
}

static void test_kernel_parse(void)
{
    char err[256];
    KernelImage k;
    uint8_t *img = fake_image(0x10000, 0x80000, 0x200000);
    CHECK(kernel_parse(img, 0x10000, &k, err, sizeof(err)));
    CHECK_EQ(k.format, KERNEL_FORMAT_IMAGE);
    CHECK_EQ(k.text_offset, 0x80000);
    CHECK_EQ(k.image_size, 0x200000);
    CHECK(!k.was_gzipped);
    BootLayout b;
    CHECK(linux_boot_plan(&k, 0x40000000, 64 << 20, 0x3000, &b, err,
                          sizeof(err)));
    CHECK_EQ(b.kernel_base, 0x40080000);
    CHECK_EQ(b.entry, 0x40080000);
    CHECK_EQ(b.kernel_end, 0x40280000);
    CHECK_EQ(b.initrd_start, 0x40400000);   /* 2 MB aligned after kernel */
    CHECK_EQ(b.dtb_addr, 0x40600000);
    CHECK_EQ(b.regs[0], b.dtb_addr);
    CHECK(b.regs[1] == 0 && b.regs[2] == 0 && b.regs[3] == 0);
    /* too little RAM */
    CHECK(!linux_boot_plan(&k, 0x40000000, 4 << 20, 0x3000, &b, err,
                           sizeof(err)));
    CHECK(strstr(err, "not enough RAM") != NULL);
    kernel_image_free(&k);
    /* legacy header: image_size 0 means text_offset 0x80000 */
    img = fake_image(0x10000, 0x1234000, 0);
    CHECK(kernel_parse(img, 0x10000, &k, err, sizeof(err)));
    CHECK_EQ(k.text_offset, 0x80000);
    CHECK(k.image_size >= 0x10000);
    kernel_image_free(&k);
    /* gzip */
    img = fake_image(0x20000, 0, 0x40000);
    size_t zlen;
    uint8_t *z = gzip_buf(img, 0x20000, &zlen);
    CHECK(kernel_parse(z, zlen, &k, err, sizeof(err)));
    CHECK(k.was_gzipped);
    CHECK_EQ(k.size, 0x20000);
    CHECK(!memcmp(k.buf, img, 0x20000));
    kernel_image_free(&k);
    /* truncated gzip, rubbish, bad text_offset */
    z = gzip_buf(img, 0x20000, &zlen);
    CHECK(!kernel_parse(z, zlen / 2, &k, err, sizeof(err)));
    CHECK(strstr(err, "gzip") != NULL);
    uint8_t *junk = calloc(1, 256);
    CHECK(!kernel_parse(junk, 256, &k, err, sizeof(err)));
    CHECK(strstr(err, "not an arm64 Linux Image") != NULL);
    uint8_t *odd = fake_image(0x1000, 0x123, 0x2000);
    CHECK(!kernel_parse(odd, 0x1000, &k, err, sizeof(err)));
    free(img);
}

/* A minimal bare-metal ELF: one segment at 0x40100000 (virtual
 * 0xffff000000100000), entry 0x40100010 through the vaddr. */
static uint8_t *fake_elf(size_t *len)
{
    size_t n = 0x200;
    uint8_t *b = calloc(1, n);
    Elf64_Ehdr *e = (Elf64_Ehdr *)b;
    memcpy(e->e_ident, ELFMAG, SELFMAG);
    e->e_ident[EI_CLASS] = ELFCLASS64;
    e->e_ident[EI_DATA] = ELFDATA2LSB;
    e->e_ident[EI_VERSION] = EV_CURRENT;
    e->e_type = ET_EXEC;
    e->e_machine = EM_AARCH64;
    e->e_version = EV_CURRENT;
    e->e_entry = 0x0000800000100010ull;
    e->e_phoff = sizeof(*e);
    e->e_ehsize = sizeof(*e);
    e->e_phentsize = sizeof(Elf64_Phdr);
    e->e_phnum = 1;
    Elf64_Phdr *p = (Elf64_Phdr *)(b + sizeof(*e));
    p->p_type = PT_LOAD;
    p->p_offset = 0x100;
    p->p_vaddr = 0x0000800000100000ull;
    p->p_paddr = 0x40100000;
    p->p_filesz = 0x100;
    p->p_memsz = 0x2000;
    p->p_align = 0x100;
    memset(b + 0x100, 0xc3, 0x100);
    *len = n;
    return b;
}

static void test_elf_kernel(void)
{
    char err[256];
    KernelImage k;
    size_t len;
    uint8_t *elf = fake_elf(&len);
    CHECK(kernel_parse(elf, len, &k, err, sizeof(err)));
    CHECK_EQ(k.format, KERNEL_FORMAT_ELF);
    CHECK_EQ(k.nseg, 1);
    CHECK_EQ(k.entry, 0x40100010);
    CHECK_EQ(k.seg[0].addr, 0x40100000);
    BootLayout b;
    CHECK(linux_boot_plan(&k, 0x40000000, 32 << 20, 0, &b, err,
                          sizeof(err)));
    CHECK_EQ(b.entry, 0x40100010);
    CHECK_EQ(b.dtb_addr, 0x40200000);
    kernel_image_free(&k);
}

/* ---- the board and its device tree ---- */

static VirtMachine *make_board(int gic, int smp, const char *kernel,
                               const char *initrd, bool fb)
{
    static MainLoop *ml;
    if (!ml) {
        ml = main_loop_new();
    }
    VirtConfig cfg = {
        .ml = ml, .ram_size = 256 << 20, .smp = smp, .gic_version = gic,
        .cpu_model = "cortex-a57", .kernel = kernel, .initrd = initrd,
        .append = "console=ttyAMA0 panic=-1", .framebuffer = fb,
        .fb_width = 640, .fb_height = 480,
    };
    char err[256];
    VirtMachine *m = virt_create(&cfg, err, sizeof(err));
    CHECK(m != NULL);
    if (!m) {
        printf("  %s\n", err);
        return NULL;
    }
    if (!virt_load(m, err, sizeof(err))) {
        printf("  virt_load: %s\n", err);
        CHECK(false);
    }
    return m;
}

static const uint32_t *prop32(const void *fdt, const char *path,
                              const char *name, int *len)
{
    int node = fdt_path_offset(fdt, path);
    if (node < 0) {
        *len = 0;
        return NULL;
    }
    return fdt_getprop(fdt, node, name, len);
}

static uint32_t cell(const uint32_t *p, int i)
{
    return fdt32_to_cpu(p[i]);
}

static void check_primecell(const void *fdt, const char *path,
                            const char *compat, uint32_t spi, int nclk)
{
    int node = fdt_path_offset(fdt, path);
    CHECK(node >= 0);
    CHECK(fdt_node_check_compatible(fdt, node, compat) == 0);
    CHECK(fdt_node_check_compatible(fdt, node, "arm,primecell") == 0);
    int len;
    const uint32_t *irq = fdt_getprop(fdt, node, "interrupts", &len);
    CHECK(irq && len == 12);
    if (irq) {
        CHECK(cell(irq, 0) == 0 && cell(irq, 1) == spi && cell(irq, 2) == 4);
    }
    const uint32_t *clk = fdt_getprop(fdt, node, "clocks", &len);
    CHECK_EQ(len, 4 * nclk);
    int clknode = fdt_path_offset(fdt, "/apb-pclk");
    if (clk) {
        CHECK_EQ(cell(clk, 0), fdt_get_phandle(fdt, clknode));
    }
    const char *names = fdt_getprop(fdt, node, "clock-names", &len);
    CHECK(names && !strcmp(names + len - 9, "apb_pclk"));
}

static void test_dtb_v2(void)
{
    VirtMachine *m = make_board(2, 2, NULL, NULL, false);
    const void *fdt = m->fdt;
    CHECK_EQ(fdt_check_header(fdt), 0);
    int len;
    const char *s = fdt_getprop(fdt, 0, "compatible", &len);
    CHECK_STR(s, "linux,dummy-virt");
    /* /chosen: stdout-path names the PL011, seeds, bootargs */
    int chosen = fdt_path_offset(fdt, "/chosen");
    const char *sp = fdt_getprop(fdt, chosen, "stdout-path", &len);
    CHECK_STR(sp, "/pl011@9000000");
    CHECK(fdt_path_offset(fdt, sp) >= 0);
    CHECK_STR(fdt_getprop(fdt, chosen, "bootargs", &len),
              "console=ttyAMA0 panic=-1");
    fdt_getprop(fdt, chosen, "rng-seed", &len);
    CHECK_EQ(len, 32);
    CHECK(fdt_getprop(fdt, chosen, "linux,initrd-start", &len) == NULL);
    /* /memory */
    const uint32_t *reg = prop32(fdt, "/memory@40000000", "reg", &len);
    CHECK(reg && len == 16);
    CHECK(cell(reg, 1) == 0x40000000 && cell(reg, 3) == 256 << 20);
    /* /cpus */
    int cpus = fdt_path_offset(fdt, "/cpus"), ncpu = 0, cpu;
    fdt_for_each_subnode(cpu, fdt, cpus) {
        CHECK_STR(fdt_getprop(fdt, cpu, "device_type", &len), "cpu");
        CHECK_STR(fdt_getprop(fdt, cpu, "enable-method", &len), "psci");
        CHECK_STR(fdt_getprop(fdt, cpu, "compatible", &len),
                  "arm,cortex-a57");
        CHECK_EQ(cell(fdt_getprop(fdt, cpu, "reg", &len), 0), ncpu);
        ncpu++;
    }
    CHECK_EQ(ncpu, 2);
    /* /psci */
    int psci = fdt_path_offset(fdt, "/psci");
    CHECK_STR(fdt_getprop(fdt, psci, "method", &len), "hvc");
    CHECK(fdt_node_check_compatible(fdt, psci, "arm,psci-0.2") == 0);
    /* timer: four PPIs 13 14 11 10, level, CPU mask 0x3 on GICv2 */
    const uint32_t *ti = prop32(fdt, "/timer", "interrupts", &len);
    CHECK_EQ(len, 48);
    static const uint32_t ppis[4] = { 13, 14, 11, 10 };
    for (int i = 0; ti && i < 4; i++) {
        CHECK_EQ(cell(ti, 3 * i), 1);
        CHECK_EQ(cell(ti, 3 * i + 1), ppis[i]);
        CHECK_EQ(cell(ti, 3 * i + 2), 0x304);
    }
    /* GIC */
    int gic = fdt_path_offset(fdt, "/intc@8000000");
    CHECK(fdt_node_check_compatible(fdt, gic, "arm,cortex-a15-gic") == 0);
    CHECK(fdt_getprop(fdt, gic, "interrupt-controller", &len) != NULL);
    CHECK_EQ(cell(fdt_getprop(fdt, gic, "#interrupt-cells", &len), 0), 3);
    reg = fdt_getprop(fdt, gic, "reg", &len);
    CHECK_EQ(len, 32);
    CHECK(cell(reg, 1) == 0x08000000 && cell(reg, 5) == 0x08010000);
    CHECK_EQ(cell(fdt_getprop(fdt, 0, "interrupt-parent", &len), 0),
             fdt_get_phandle(fdt, gic));
    /* PrimeCells with IDs the AMBA bus reads, clocks */
    check_primecell(fdt, "/pl011@9000000", "arm,pl011", 1, 2);
    check_primecell(fdt, "/pl031@9010000", "arm,pl031", 2, 1);
    check_primecell(fdt, "/pl061@9030000", "arm,pl061", 7, 1);
    int clk = fdt_path_offset(fdt, "/apb-pclk");
    CHECK(fdt_node_check_compatible(fdt, clk, "fixed-clock") == 0);
    /* power button on PL061 line 3 */
    const uint32_t *g = prop32(fdt, "/gpio-keys/poweroff", "gpios", &len);
    CHECK(g && len == 12 && cell(g, 1) == 3);
    CHECK_EQ(cell(g, 0), fdt_get_phandle(fdt, fdt_path_offset(
        fdt, "/pl061@9030000")));
    /* 32 virtio-mmio slots, ascending, SPIs 16.. */
    int node, slot = 0;
    fdt_for_each_subnode(node, fdt, 0) {
        if (fdt_node_check_compatible(fdt, node, "virtio,mmio")) {
            continue;
        }
        reg = fdt_getprop(fdt, node, "reg", &len);
        CHECK_EQ(cell(reg, 1), 0x0a000000 + 0x200 * slot);
        CHECK_EQ(cell(reg, 3), 0x200);
        const uint32_t *irq = fdt_getprop(fdt, node, "interrupts", &len);
        CHECK_EQ(cell(irq, 1), 16 + slot);
        CHECK(fdt_getprop(fdt, node, "dma-coherent", &len) != NULL);
        slot++;
    }
    CHECK_EQ(slot, 32);
    CHECK(fdt_path_offset(fdt, "/framebuffer@10000000") < 0);
    CHECK(fdt_totalsize(fdt) <= BOOT_DTB_MAX);
    virt_free(m);
}

static void test_dtb_v3(void)
{
    VirtMachine *m = make_board(3, 20, NULL, NULL, true);
    const void *fdt = m->fdt;
    int len;
    int gic = fdt_path_offset(fdt, "/intc@8000000");
    CHECK(fdt_node_check_compatible(fdt, gic, "arm,gic-v3") == 0);
    const uint32_t *reg = fdt_getprop(fdt, gic, "reg", &len);
    CHECK_EQ(len, 32);
    CHECK(cell(reg, 5) == 0x080a0000 && cell(reg, 7) == 20 * 0x20000);
    CHECK_EQ(cell(fdt_getprop(fdt, gic, "#redistributor-regions", &len), 0),
             1);
    const uint32_t *ti = prop32(fdt, "/timer", "interrupts", &len);
    CHECK_EQ(cell(ti, 2), 4);   /* no CPU mask on GICv3 */
    /* CPU 17 is Aff1 1, Aff0 1 */
    CHECK(fdt_path_offset(fdt, "/cpus/cpu@101") >= 0);
    CHECK_EQ(cell(prop32(fdt, "/cpus/cpu@101", "reg", &len), 0), 0x101);
    CHECK_EQ(m->mpidr[17], 0x101);
    /* the framebuffer, outside /memory */
    int fb = fdt_path_offset(fdt, "/framebuffer@10000000");
    CHECK(fdt_node_check_compatible(fdt, fb, "simple-framebuffer") == 0);
    CHECK_STR(fdt_getprop(fdt, fb, "format", &len), "a8r8g8b8");
    CHECK_EQ(cell(fdt_getprop(fdt, fb, "stride", &len), 0), 640 * 4);
    CHECK_EQ(cell(fdt_getprop(fdt, fb, "height", &len), 0), 480);
    CHECK(address_space_ram_ptr(m->as, 0x10000000, NULL) == m->fb->pixels);
    virt_free(m);
    /* bad configurations */
    VirtConfig cfg = { .ml = NULL, .ram_size = 1 << 30, .smp = 9,
                       .gic_version = 2, .cpu_model = "cortex-a57" };
    char err[256];
    CHECK(virt_create(&cfg, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "1 to 8 CPUs") != NULL);
    cfg.smp = 1;
    cfg.cpu_model = "cortex-a53";
    CHECK(virt_create(&cfg, err, sizeof(err)) == NULL);
    cfg.cpu_model = "max";
    cfg.ram_size = 1000;
    CHECK(virt_create(&cfg, err, sizeof(err)) == NULL);
}

/* Loads a fake Image and initrd, checks where they landed. */
static void test_boot_images(void)
{
    uint8_t *img = fake_image(0x30000, 0, 0x300000);
    const char *kpath = tmpfile_with("Image", img, 0x30000);
    uint8_t initrd[5000];
    memset(initrd, 0x5a, sizeof(initrd));
    const char *ipath = tmpfile_with("initrd", initrd, sizeof(initrd));
    VirtMachine *m = make_board(2, 1, kpath, ipath, false);
    CHECK_EQ(m->boot.entry, 0x40000000);
    CHECK_EQ(m->boot.initrd_start, 0x40400000);
    CHECK(m->boot.dtb_addr >= m->boot.initrd_start + sizeof(initrd));
    CHECK_EQ(m->boot.dtb_addr % 8, 0);
    CHECK_EQ(m->boot.regs[0], m->boot.dtb_addr);
    uint8_t buf[0x40];
    address_space_rw(m->as, 0x40000000, buf, sizeof(buf), false);
    CHECK(!memcmp(buf, img, sizeof(buf)));
    address_space_rw(m->as, 0x4002fff0, buf, 16, false);
    CHECK(!memcmp(buf, img + 0x2fff0, 16));
    address_space_rw(m->as, m->boot.initrd_start, buf, 16, false);
    CHECK_EQ(buf[0], 0x5a);
    /* the DTB in guest RAM is valid and names the initrd */
    uint8_t *dtb = address_space_ram_ptr(m->as, m->boot.dtb_addr, NULL);
    CHECK_EQ(fdt_check_header(dtb), 0);
    int chosen = fdt_path_offset(dtb, "/chosen"), len;
    const fdt64_t *is = fdt_getprop(dtb, chosen, "linux,initrd-start", &len);
    const fdt64_t *ie = fdt_getprop(dtb, chosen, "linux,initrd-end", &len);
    CHECK(is && ie);
    if (is && ie) {
        CHECK_EQ(fdt64_ld(is), m->boot.initrd_start);
        CHECK_EQ(fdt64_ld(ie), m->boot.initrd_start + sizeof(initrd));
    }
    /* reset copies the images again, with a fresh rng-seed */
    uint8_t zero[64] = { 0 }, seed[32];
    address_space_rw(m->as, 0x40000000, zero, sizeof(zero), true);
    memcpy(seed, fdt_getprop(dtb, chosen, "rng-seed", &len), 32);
    virt_reset(m);
    address_space_rw(m->as, 0x40000000, buf, 16, false);
    CHECK(!memcmp(buf, img, 16));
    CHECK_EQ(fdt_check_header(dtb), 0);
    CHECK(memcmp(seed, fdt_getprop(dtb, chosen, "rng-seed", &len), 32));
    /* -dumpdtb writes the same blob */
    char path[300];
    snprintf(path, sizeof(path), "%s/out.dtb", tmpdir);
    char err[256];
    CHECK(virt_dump_dtb(m, path, err, sizeof(err)));
    struct stat st;
    CHECK(stat(path, &st) == 0 && (uint64_t)st.st_size == fdt_totalsize(dtb));
    /* requests and the power button */
    virt_request(m, VIRT_REQ_POWEROFF);
    virt_request(m, VIRT_REQ_RESET);
    CHECK_EQ(virt_take_request(m), VIRT_REQ_POWEROFF);
    CHECK_EQ(virt_take_request(m), VIRT_REQ_NONE);
    virt_powerdown(m);
    uint64_t v;
    address_space_read(m->as, VIRT_GPIO + (1 << (2 + 3)), 4, &v,
                       MEMTXATTRS_CPU(0));
    CHECK_EQ(v, 8);
    while (ml_timer_pending(m->button_timer)) {
        main_loop_wait(m->ml, -1);
    }
    address_space_read(m->as, VIRT_GPIO + (1 << (2 + 3)), 4, &v,
                       MEMTXATTRS_CPU(0));
    CHECK_EQ(v, 0);
    virt_free(m);
    /* a -dtb file: /chosen and /memory are filled in */
    const char *dpath = path;
    VirtConfig cfg = { .ml = main_loop_new(), .ram_size = 512 << 20,
                       .smp = 1, .gic_version = 3, .cpu_model = "max",
                       .kernel = kpath, .dtb_file = dpath,
                       .append = "quiet" };
    m = virt_create(&cfg, err, sizeof(err));
    CHECK(m && virt_load(m, err, sizeof(err)));
    {
        const uint32_t *reg = prop32(m->fdt, "/memory", "reg", &len);
        CHECK(reg && cell(reg, 3) == 512 << 20);
        CHECK_STR((const char *)prop32(m->fdt, "/chosen", "bootargs", &len),
                  "quiet");
    }
    virt_free(m);
    free(img);
}

/* Debian's arm64 kernel, when fetched (scripts/fetch-guests kernel). */
static void test_real_kernel(void)
{
    const char *dir = getenv("MIMIC_GUESTS");
    char path[512];
    snprintf(path, sizeof(path), "%s%s/kernel/vmlinuz",
             dir ? dir : getenv("HOME"), dir ? "" : "/.cache/mimic/guests");
    if (access(path, R_OK)) {
        printf("SKIP real kernel: %s not found (scripts/fetch-guests "
               "kernel)\n", path);
        return;
    }
    KernelImage k;
    char err[256];
    CHECK(kernel_load_file(path, &k, err, sizeof(err)));
    CHECK_EQ(k.format, KERNEL_FORMAT_IMAGE);
    /* Debian 12 (6.1): text_offset 0, image_size covers the BSS, little
     * endian, 4K pages, anywhere placement (flags 0xa) */
    CHECK_EQ(k.text_offset, 0);
    CHECK(k.image_size > k.size);
    CHECK_EQ(k.flags & 1, 0);
    printf("real kernel: %zu bytes%s, image_size 0x%llx, flags 0x%llx\n",
           k.size, k.was_gzipped ? " (gunzipped)" : "",
           (unsigned long long)k.image_size, (unsigned long long)k.flags);
    kernel_image_free(&k);
    VirtMachine *m = make_board(3, 2, path, NULL, false);
    if (!m) {
        return;
    }
    CHECK_EQ(m->boot.entry, 0x40000000);
    CHECK(m->boot.dtb_addr >= m->boot.kernel_end);
    uint64_t magic;
    address_space_read(m->as, m->boot.entry + 0x38, 4, &magic,
                       MEMTXATTRS_CPU(0));
    CHECK_EQ(magic, ARM64_IMAGE_MAGIC);
    virt_free(m);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        return 1;
    }
    test_kernel_parse();
    test_elf_kernel();
    test_dtb_v2();
    test_dtb_v3();
    test_boot_images();
    test_real_kernel();
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
    if (system(cmd)) {
        printf("cannot remove %s\n", tmpdir);
    }
    return check_summary();
}

/* SPDX-License-Identifier: MIT */
/*
 * The 'virt' board (see virt.h): builds RAM and devices, loads the boot
 * images into RAM, and carries the board-level controls (reset, power
 * off, the power button).  The device tree is built in virt-fdt.c.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "virt.h"
#include "loaders/dtb.h"

static const struct {
    const char *model, *compatible;
} virt_cpus[] = {
    { "cortex-a57", "arm,cortex-a57" },
    { "cortex-a72", "arm,cortex-a72" },
    { "max", "arm,armv8" },
};

const char *virt_cpu_compatible(const char *model)
{
    for (size_t i = 0; i < sizeof(virt_cpus) / sizeof(virt_cpus[0]); i++) {
        if (!strcmp(model, virt_cpus[i].model)) {
            return virt_cpus[i].compatible;
        }
    }
    return NULL;
}

static bool check_config(const VirtConfig *cfg, char *err, size_t errlen)
{
    int max_cpus = cfg->gic_version == 2 ? GICV2_MAX_CPUS : VIRT_MAX_CPUS;
    if (cfg->gic_version != 2 && cfg->gic_version != 3) {
        snprintf(err, errlen, "gic-version must be 2 or 3");
        return false;
    }
    if (cfg->smp < 1 || cfg->smp > max_cpus) {
        snprintf(err, errlen, "-smp %d: the virt board with GICv%d takes 1 "
                 "to %d CPUs", cfg->smp, cfg->gic_version, max_cpus);
        return false;
    }
    if (cfg->ram_size < (16u << 20) || cfg->ram_size > VIRT_RAM_MAX ||
        cfg->ram_size % MEM_PAGE_SIZE) {
        snprintf(err, errlen, "-m: RAM size must be 16M to 255G, a multiple "
                 "of 4K");
        return false;
    }
    if (!virt_cpu_compatible(cfg->cpu_model)) {
        snprintf(err, errlen, "unknown CPU model '%s'", cfg->cpu_model);
        return false;
    }
    return true;
}

/* Affinity of CPU i.  Clusters of 8 on GICv2 (its 8-bit target lists),
 * 16 on GICv3 (ICC_SGI1R's 16-bit target list), as QEMU does. */
static uint64_t cpu_affinity(int i, int gic_version)
{
    int per = gic_version == 2 ? 8 : 16;
    return (uint64_t)(i / per) << 8 | (uint64_t)(i % per);
}

static void button_release(void *opaque)
{
    VirtMachine *m = opaque;
    pl061_set_input(m->gpio, VIRT_POWER_BUTTON_LINE, 0);
}

static bool create_devices(VirtMachine *m, char *err, size_t errlen)
{
    const VirtConfig *cfg = &m->cfg;
    GICConfig gc = {
        .version = cfg->gic_version, .num_cpus = cfg->smp,
        .num_irqs = VIRT_NUM_IRQS, .dist_base = VIRT_GIC_DIST,
        .cpu_base = VIRT_GIC_CPU, .redist_base = VIRT_GIC_REDIST,
        .mpidr = m->mpidr,
    };
    m->gic = gic_create(m->as, &gc);
    if (!m->gic) {
        snprintf(err, errlen, "cannot create the GIC");
        return false;
    }
    m->uart = pl011_create(m->as, VIRT_UART, gic_spi(m->gic, VIRT_SPI_UART),
                           cfg->serial);
    m->rtc = pl031_create(m->as, m->ml, VIRT_RTC,
                          gic_spi(m->gic, VIRT_SPI_RTC));
    m->gpio = pl061_create(m->as, VIRT_GPIO, gic_spi(m->gic, VIRT_SPI_GPIO));
    for (int i = 0; i < VIRT_MMIO_SLOTS; i++) {
        m->mmio[i] = virtio_mmio_create(m->as, VIRT_MMIO + 0x200ull * i,
                                        gic_spi(m->gic, VIRT_SPI_MMIO + i));
        if (!m->mmio[i]) {
            break;
        }
    }
    if (!m->uart || !m->rtc || !m->gpio || !m->mmio[VIRT_MMIO_SLOTS - 1]) {
        snprintf(err, errlen, "cannot map the board's devices");
        return false;
    }
    if (cfg->framebuffer) {
        m->fb = framebuffer_create(m->as, VIRT_FB, cfg->fb_width,
                                   cfg->fb_height);
        if (!m->fb) {
            snprintf(err, errlen, "cannot create a %ux%u framebuffer",
                     cfg->fb_width, cfg->fb_height);
            return false;
        }
    }
    m->button_timer = ml_timer_new(m->ml, ML_CLOCK_HOST, button_release, m);
    return true;
}

VirtMachine *virt_create(const VirtConfig *cfg, char *err, size_t errlen)
{
    if (!check_config(cfg, err, errlen)) {
        return NULL;
    }
    VirtMachine *m = calloc(1, sizeof(*m));
    m->cfg = *cfg;
    m->ml = cfg->ml;
    m->psci_conduit = cfg->psci_smc ? "smc" : "hvc";
    m->as = address_space_new();
    for (int i = 0; i < cfg->smp; i++) {
        m->mpidr[i] = cpu_affinity(i, cfg->gic_version);
    }
    m->ram = memory_map_ram(m->as, "ram", VIRT_RAM, cfg->ram_size);
    if (!m->ram) {
        snprintf(err, errlen, "cannot allocate %llu MB of RAM",
                 (unsigned long long)(cfg->ram_size >> 20));
        virt_free(m);
        return NULL;
    }
    if (!create_devices(m, err, errlen)) {
        virt_free(m);
        return NULL;
    }
    return m;
}

void virt_free(VirtMachine *m)
{
    if (!m) {
        return;
    }
    ml_timer_free(m->button_timer);
    for (int i = 0; i < VIRT_MMIO_SLOTS; i++) {
        virtio_mmio_free(m->mmio[i]);
    }
    framebuffer_free(m->fb);
    pl061_free(m->gpio);
    pl031_free(m->rtc);
    pl011_free(m->uart);
    gic_free(m->gic);
    address_space_free(m->as);
    kernel_image_free(&m->kernel);
    free(m->initrd);
    free(m->fdt);
    free(m);
}

bool virt_add_virtio(VirtMachine *m, VirtIODevice *vdev, char *err,
                     size_t errlen)
{
    for (int i = 0; i < VIRT_MMIO_SLOTS; i++) {
        if (!virtio_mmio_device(m->mmio[i])) {
            return virtio_mmio_plug(m->mmio[i], vdev);
        }
    }
    snprintf(err, errlen, "all %d virtio-mmio slots are in use",
             VIRT_MMIO_SLOTS);
    return false;
}

/* ---- boot images ---- */

static bool copy_in(VirtMachine *m, uint64_t addr, const void *data,
                    uint64_t filesz, uint64_t memsz, const char *what,
                    char *err, size_t errlen)
{
    MemTxResult r = address_space_rw(m->as, addr, (void *)data, filesz,
                                     true);
    uint8_t zero[4096] = { 0 };
    for (uint64_t off = filesz; r == MEMTX_OK && off < memsz;) {
        uint64_t n = memsz - off < sizeof(zero) ? memsz - off : sizeof(zero);
        r = address_space_rw(m->as, addr + off, zero, n, true);
        off += n;
    }
    if (r != MEMTX_OK) {
        snprintf(err, errlen, "%s at 0x%llx-0x%llx is outside guest memory",
                 what, (unsigned long long)addr,
                 (unsigned long long)(addr + memsz - 1));
        return false;
    }
    return true;
}

static bool copy_images(VirtMachine *m, char *err, size_t errlen)
{
    const KernelImage *k = &m->kernel;
    if (m->have_kernel) {
        uint64_t base = k->format == KERNEL_FORMAT_IMAGE ? m->boot.kernel_base
                                                         : 0;
        for (int i = 0; i < k->nseg; i++) {
            const KernelSegment *s = &k->seg[i];
            if (!copy_in(m, base + s->addr, s->data, s->filesz, s->memsz,
                         "the kernel", err, errlen)) {
                return false;
            }
        }
    }
    if (m->initrd_size && !copy_in(m, m->boot.initrd_start, m->initrd,
                                   m->initrd_size, m->initrd_size,
                                   "the initrd", err, errlen)) {
        return false;
    }
    if (m->have_kernel) {
        uint32_t n = fdt_totalsize(m->fdt);
        return copy_in(m, m->boot.dtb_addr, m->fdt, n, n, "the device tree",
                       err, errlen);
    }
    return true;
}

static bool load_files(VirtMachine *m, char *err, size_t errlen)
{
    const VirtConfig *cfg = &m->cfg;
    if (cfg->kernel) {
        if (!kernel_load_file(cfg->kernel, &m->kernel, err, errlen)) {
            return false;
        }
        m->have_kernel = true;
    }
    if (cfg->initrd) {
        if (!cfg->kernel) {
            snprintf(err, errlen, "-initrd needs -kernel");
            return false;
        }
        if (!loader_read_file(cfg->initrd, &m->initrd, &m->initrd_size,
                              LOADER_MAX_FILE, err, errlen)) {
            return false;
        }
    }
    return true;
}

bool virt_load(VirtMachine *m, char *err, size_t errlen)
{
    const VirtConfig *cfg = &m->cfg;
    if (!load_files(m, err, errlen)) {
        return false;
    }
    memset(&m->boot, 0, sizeof(m->boot));
    m->boot.entry = VIRT_RAM;
    if (m->have_kernel &&
        !linux_boot_plan(&m->kernel, VIRT_RAM, cfg->ram_size, m->initrd_size,
                         &m->boot, err, errlen)) {
        return false;
    }
    if (cfg->dtb_file) {
        m->fdt = dtb_load_file(cfg->dtb_file, 64 << 10, err, errlen);
        if (m->fdt && dtb_set_memory(m->fdt, VIRT_RAM, cfg->ram_size) < 0) {
            snprintf(err, errlen, "cannot update /memory in %s",
                     cfg->dtb_file);
            return false;
        }
    } else {
        m->fdt = virt_build_fdt(m, err, errlen);
    }
    if (!m->fdt) {
        return false;
    }
    uint64_t istart = m->boot.initrd_start;
    int r = dtb_set_chosen(m->fdt, cfg->append, istart,
                           istart + m->initrd_size, true);
    if (r < 0) {
        snprintf(err, errlen, "device tree /chosen: %s", fdt_strerror(r));
        return false;
    }
    if (!dtb_finish(m->fdt, BOOT_DTB_MAX, err, errlen)) {
        return false;
    }
    return copy_images(m, err, errlen);
}

bool virt_dump_dtb(VirtMachine *m, const char *path, char *err,
                   size_t errlen)
{
    if (!m->fdt) {
        snprintf(err, errlen, "no device tree yet");
        return false;
    }
    return dtb_save(m->fdt, path, err, errlen);
}

/* ---- run control ---- */

void virt_reset(VirtMachine *m)
{
    char err[256];
    gic_reset(m->gic);
    pl011_reset(m->uart);
    pl031_reset(m->rtc);
    pl061_reset(m->gpio);
    ml_timer_del(m->button_timer);
    for (int i = 0; i < VIRT_MMIO_SLOTS; i++) {
        virtio_mmio_reset(m->mmio[i]);
    }
    if (m->fb) {
        framebuffer_reset(m->fb);
    }
    if (m->fdt) {
        dtb_refresh_seeds(m->fdt);
    }
    if (m->fdt && !copy_images(m, err, sizeof(err))) {
        fprintf(stderr, "mimic: reset: %s\n", err);
    }
    m->request = VIRT_REQ_NONE;
}

void virt_request(VirtMachine *m, VirtRequest req)
{
    /* a quit wins over anything pending; otherwise the first one stays */
    if (m->request == VIRT_REQ_NONE || req == VIRT_REQ_QUIT) {
        m->request = req;
    }
    if (m->kick) {
        m->kick(m->kick_opaque);
    }
    main_loop_notify(m->ml);
}

VirtRequest virt_take_request(VirtMachine *m)
{
    VirtRequest r = (VirtRequest)m->request;
    m->request = VIRT_REQ_NONE;
    return r;
}

void virt_powerdown(VirtMachine *m)
{
    /* a 100 ms press, as a person would: gpio-keys sees both edges */
    pl061_set_input(m->gpio, VIRT_POWER_BUTTON_LINE, 1);
    ml_timer_mod(m->button_timer,
                 main_loop_clock_ns(m->ml, ML_CLOCK_HOST) + 100000000);
}

IRQLine virt_timer_irq(VirtMachine *m, int cpu, VirtTimer timer)
{
    return gic_ppi(m->gic, cpu, (int)timer);
}

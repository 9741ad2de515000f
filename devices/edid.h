/* SPDX-License-Identifier: MIT */
/*
 * A minimal EDID 1.4 block (VESA E-EDID Release A2) describing a digital
 * monitor whose preferred (native) mode is width x height at 60 Hz, for
 * virtio-gpu's GET_EDID.
 */
#ifndef DEVICES_EDID_H
#define DEVICES_EDID_H

#include <stdint.h>

void edid_build(uint8_t out[128], uint32_t width, uint32_t height);

#endif

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* Placeholder: the draw path. */

#include <string.h>

#include "d3d9_device.h"

void
d3d9_draw_mark_all_dirty(struct d3d9_device *device)
{
   memset(&device->dirty, 0xff, sizeof(device->dirty));
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* Placeholder: see d3d9_ff.h. */

#include "d3d9_ff.h"

HRESULT
d3d9_ff_ps_bind(struct d3d9_device *device)
{
   return E_NOTIMPL;
}

void
d3d9_ff_ps_destroy(struct d3d9_device *device)
{
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Fixed function, as Microsoft's runtime does it for a driver of shader
 * model 2 or later (converting-the-direct3d-fixed-function-state.md): the
 * runtime turns the fixed-function state into vs_2_0 / ps_2_0 bytecode,
 * cached by a state key, and hands it to the driver like any program's
 * shader.  The driver has one shader path.
 *
 *   d3d9_ff_vs.c   transforms, blending, lighting, materials, texture
 *                  coordinate generation and transforms, vertex fog,
 *                  point size: the vertex shader for the current state
 *                  and vertex declaration
 *   d3d9_ff_ps.c   the eight texture stages: the pixel shader
 *
 * What stays the driver's around shaders below 3.0 (DESIGN.md,
 * Rendering): fog blending (the vertex shader writes oFog), alpha test,
 * user clip planes, point sprites, sRGB writes.
 *
 * The draw path (d3d9_draw.c) calls the _bind functions before a draw,
 * with the device's state lock held, when the program has no shader of
 * that kind bound (and, for the vertex shader, when the vertices are not
 * pre-transformed).  Each finds or makes the driver's shader for the
 * current state, binds it (pfnSetVertexShaderFunc / pfnSetPixelShader)
 * and sends the constants it reads (pfnSetVertexShaderConst /
 * pfnSetPixelShaderConst); the driver's errors come back unchanged.
 * While a generated shader is bound its constants own the driver's
 * registers: the draw path sends the program's constants again when the
 * program's own shader comes back, and sets device->ff_vs_consts_stale /
 * ff_ps_consts_stale when the program's constants went to the driver
 * since: a _bind that sees its flag set sends all of its constants (not
 * only the changed ones) and clears the flag.
 */

#ifndef D3D9_FF_H
#define D3D9_FF_H

#include "d3d9_device.h"

HRESULT d3d9_ff_vs_bind(struct d3d9_device *device);
HRESULT d3d9_ff_ps_bind(struct d3d9_device *device);

/* At device destruction: the caches and the driver's shaders. */
void d3d9_ff_vs_destroy(struct d3d9_device *device);
void d3d9_ff_ps_destroy(struct d3d9_device *device);

#endif

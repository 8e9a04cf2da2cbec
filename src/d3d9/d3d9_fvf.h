/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

#ifndef D3D9_FVF_H
#define D3D9_FVF_H

#include "d3d9_device.h"

/* The declaration of FVF into ELEMENTS (MAXD3DDECLLENGTH + 1 entries),
 * D3DDECL_END included; returns the number of elements before it. */
UINT d3d9_fvf_to_elements(DWORD fvf, D3DVERTEXELEMENT9 *elements);
/* What GetFVF answers for a declaration (0: none). */
DWORD d3d9_fvf_from_elements(const D3DVERTEXELEMENT9 *elements);
/* The device's declaration for FVF, made on first use; NULL when the
 * driver refused it or memory ran out. */
IDirect3DVertexDeclaration9 *d3d9_fvf_declaration(struct d3d9_device *device,
                                                  DWORD fvf);
/* At device destruction, before the driver's device goes. */
void d3d9_fvf_fini(struct d3d9_device *device);

#endif

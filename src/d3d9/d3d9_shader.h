/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

#ifndef D3D9_SHADER_H
#define D3D9_SHADER_H

#include "d3d9_object.h"

enum d3d9_shader_kind {
   D3D9_SHADER_VS,
   D3D9_SHADER_PS,
   D3D9_SHADER_DECL,
};

/* A vertex shader, pixel shader or vertex declaration: `iface` is its
 * vtable (d3d9_object.h's layout), `handle` the driver's object, `data`
 * the tokens or the elements with D3DDECL_END. */
struct d3d9_shader {
   const void *iface;
   struct d3d9_bindable bindable;
   enum d3d9_shader_kind kind;
   HANDLE handle;
   void *data;
   UINT size;
   DWORD fvf;                   /* declarations made from an FVF */
};

struct d3d9_shader *d3d9_shader_from_iface(void *iface);
HRESULT d3d9_vertex_declaration_create(struct d3d9_device *device,
                                       const D3DVERTEXELEMENT9 *elements,
                                       DWORD fvf, struct d3d9_shader **out);

#endif

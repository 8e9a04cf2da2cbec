/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

#ifndef D3D9_BUFFER_H
#define D3D9_BUFFER_H

#include "d3d9_object.h"
#include "d3d9_private_data.h"

/* A vertex or index buffer: `iface` is its IDirect3DVertexBuffer9 or
 * IDirect3DIndexBuffer9 vtable (d3d9_object.h's layout). */
struct d3d9_buffer {
   const void *iface;
   struct d3d9_bindable bindable;
   HANDLE hresource;            /* the driver's */
   UINT size;
   DWORD usage;
   D3DPOOL pool;
   DWORD priority;              /* the managed pool's (SetPriority) */
   D3DFORMAT format;
   DWORD fvf;
   BOOL index;
   void *mem;                   /* D3DPOOL_SYSTEMMEM: the runtime's */
   UINT lock_count;
   struct d3d9_private_store private_data;
   /* D3DPOOL_MANAGED: hresource is the system copy (in `mem`), hvideo
    * what draws read; the bytes written since the last upload. */
   HANDLE hvideo;
   UINT dirty_start, dirty_end;
};

struct d3d9_buffer *d3d9_buffer_from_vb(IDirect3DVertexBuffer9 *iface);
struct d3d9_buffer *d3d9_buffer_from_ib(IDirect3DIndexBuffer9 *iface);
/* What draws bind (NULL for none), managed buffers brought up to date. */
HANDLE d3d9_buffer_gpu_handle(struct d3d9_buffer *buffer);

#endif

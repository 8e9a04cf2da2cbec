/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

#ifndef D3D9_SURFACE_H
#define D3D9_SURFACE_H

#include "d3d9_device.h"
#include "d3d9_private_data.h"

struct d3d9_surface {
   IDirect3DSurface9 IDirect3DSurface9_iface;
   LONG refcount;               /* standalone surfaces only */
   struct d3d9_device *device;
   IUnknown *container;         /* NULL: standalone */
   D3DSURFACE_DESC desc;
   HANDLE hresource;            /* the driver's */
   UINT sub;
   BOOL own_resource;
   void *mem;                   /* system memory surfaces: the runtime's */
   UINT pitch;
   UINT lock_count;
   BOOL not_lockable;           /* LockRect fails (D3D9's pool/usage rules) */
   /* The device's bindings (render target, depth-stencil) are not
    * public references: a bound standalone surface the program released
    * lives on until it is unbound (orphan). */
   UINT bind_count;
   BOOL orphan;
   BOOL holds_device;           /* created by the program: a device ref */
   struct d3d9_private_store private_data;
   BOOL user_mem;               /* `mem` is the program's (D3D9Ex) */
};

void d3d9_surface_bind(struct d3d9_surface *surface);
void d3d9_surface_unbind(struct d3d9_surface *surface);

HRESULT d3d9_surface_create(struct d3d9_device *device, IUnknown *container,
                            const D3DSURFACE_DESC *desc,
                            D3DDDI_RESOURCEFLAGS flags,
                            struct d3d9_surface **out);
/* The same over the program's memory (D3D9Ex user memory: system-memory
 * pool, rows packed without padding). */
HRESULT d3d9_surface_create_user(struct d3d9_device *device,
                                 IUnknown *container,
                                 const D3DSURFACE_DESC *desc,
                                 D3DDDI_RESOURCEFLAGS flags, void *user_mem,
                                 struct d3d9_surface **out);
void d3d9_surface_destroy(struct d3d9_surface *surface);

/* d3d9_swapchain.c */
struct d3d9_swapchain {
   IDirect3DSwapChain9Ex IDirect3DSwapChain9Ex_iface;
   LONG refcount;
   struct d3d9_device *device;
   BOOL implicit;
   D3DPRESENT_PARAMETERS pp;
   HWND window;
   struct d3d9_surface **buffers;      /* BackBufferCount of them */
   struct d3d9_surface *window_image;  /* system memory, the window's size */
   UINT present_count;
};

HRESULT d3d9_swapchain_create(struct d3d9_device *device,
                              D3DPRESENT_PARAMETERS *pp, BOOL implicit,
                              struct d3d9_swapchain **out);
void d3d9_swapchain_destroy(struct d3d9_swapchain *swapchain);
HRESULT d3d9_swapchain_present(struct d3d9_swapchain *swapchain,
                               const RECT *src_rect, const RECT *dst_rect,
                               HWND dst_window_override, DWORD flags);

#endif

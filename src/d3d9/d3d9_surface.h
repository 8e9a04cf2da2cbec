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
   /* D3DPOOL_DEFAULT, standalone: counted in device->reset_blockers
    * while it has public references. */
   BOOL blocks_reset;
   /* The program's references on this surface itself, even where they
    * are the container's (Reset checks the implicit back buffers). */
   LONG public_refs;
   /* A swap chain's back buffer or the automatic depth-stencil surface:
    * `refcount` is its own, with a device reference while it is not 0,
    * yet its swap chain or device frees it. */
   BOOL own_refcount;
   struct d3d9_private_store private_data;
   BOOL user_mem;               /* `mem` is the program's (D3D9Ex) */
   /* GetDC: the memory DC over the locked surface (or over dc_staging,
    * a copy with GDI's row alignment, where the surface's rows are
    * tighter), and where the lock put the pixels. */
   HDC dc;
   HANDLE dc_bitmap;
   void *dc_staging;
   void *dc_bits;
   UINT dc_pitch;
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
struct d3d9_retired_buffers {
   struct d3d9_surface **buffers;
   UINT count;
   struct d3d9_retired_buffers *next;
};

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
   BOOL fullscreen;                    /* it set the display's mode */
   /* Back buffers a Reset replaced while the program held them. */
   struct d3d9_retired_buffers *retired;
};

BOOL d3d9_present_parameters_valid(const D3DPRESENT_PARAMETERS *pp,
                                   BOOL extended);

/* pp gets what D3D9 fills in; `mode` (ResetEx, CreateDeviceEx) is the
 * full-screen mode, NULL: the back buffer's. */
HRESULT d3d9_swapchain_create(struct d3d9_device *device,
                              D3DPRESENT_PARAMETERS *pp,
                              const D3DDISPLAYMODEEX *mode, BOOL implicit,
                              struct d3d9_swapchain **out);
/* New buffers and display mode for a Reset. */
HRESULT d3d9_swapchain_reset(struct d3d9_swapchain *swapchain,
                             D3DPRESENT_PARAMETERS *pp,
                             const D3DDISPLAYMODEEX *mode);
void d3d9_swapchain_destroy(struct d3d9_swapchain *swapchain);
HRESULT d3d9_swapchain_present(struct d3d9_swapchain *swapchain,
                               const RECT *src_rect, const RECT *dst_rect,
                               HWND dst_window_override, DWORD flags);

/* d3d9_display.c: the display mode for full-screen swap chains. */
HRESULT d3d9_display_set_mode(const D3DDISPLAYMODEEX *mode);
void d3d9_display_restore(void);
/* The cursor's Win32 object goes with the device; a new device's ramp. */
void d3d9_display_cursor_fini(struct d3d9_device *device);
void d3d9_display_gamma_init(D3DGAMMARAMP *ramp);

#endif

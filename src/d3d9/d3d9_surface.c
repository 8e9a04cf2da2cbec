/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * IDirect3DSurface9: one subresource of a driver resource.  Surfaces that
 * belong to a container (a swap chain's back buffers, a texture's levels)
 * share its lifetime: their AddRef and Release are the container's, as in
 * D3D9, and the container frees them.  Standalone surfaces
 * (CreateRenderTarget, CreateDepthStencilSurface, CreateOffscreenPlain-
 * Surface) own their driver resource.
 */

#include <stdlib.h>
#include <string.h>

#include "d3d9_texture.h"

static inline struct d3d9_surface *
impl_from_IDirect3DSurface9(IDirect3DSurface9 *iface)
{
   return CONTAINING_RECORD(iface, struct d3d9_surface,
                            IDirect3DSurface9_iface);
}

static HRESULT WINAPI
surface_QueryInterface(IDirect3DSurface9 *iface, REFIID riid, void **out)
{
   if (IsEqualGUID(riid, &IID_IDirect3DSurface9) ||
       IsEqualGUID(riid, &IID_IDirect3DResource9) ||
       IsEqualGUID(riid, &IID_IUnknown)) {
      IDirect3DSurface9_AddRef(iface);
      *out = iface;
      return S_OK;
   }
   *out = NULL;
   return E_NOINTERFACE;
}

static ULONG WINAPI
surface_AddRef(IDirect3DSurface9 *iface)
{
   struct d3d9_surface *s = impl_from_IDirect3DSurface9(iface);
   if (s->container)
      return IUnknown_AddRef(s->container);
   return InterlockedIncrement(&s->refcount);
}

/* The last public reference of a standalone surface: it goes, unless the
 * device still has it bound. */
static void
surface_final_release(struct d3d9_surface *s)
{
   if (s->bind_count) {
      s->orphan = TRUE;
      return;
   }
   struct d3d9_device *device = s->device;
   const BOOL holds = s->holds_device;
   d3d9_surface_destroy(s);
   if (holds)
      IDirect3DDevice9Ex_Release(&device->IDirect3DDevice9Ex_iface);
}

static ULONG WINAPI
surface_Release(IDirect3DSurface9 *iface)
{
   struct d3d9_surface *s = impl_from_IDirect3DSurface9(iface);
   if (s->container)
      return IUnknown_Release(s->container);
   const ULONG r = InterlockedDecrement(&s->refcount);
   if (!r)
      surface_final_release(s);
   return r;
}

/* A bound texture level keeps its texture (and so itself) alive: the
 * bind goes to the texture (d3d9_object.h). */
void
d3d9_surface_bind(struct d3d9_surface *s)
{
   struct d3d9_texture *t = d3d9_texture_from_container(s->container);
   s->bind_count++;
   if (t)
      d3d9_bindable_bind(&t->bindable);
}

void
d3d9_surface_unbind(struct d3d9_surface *s)
{
   struct d3d9_texture *t = d3d9_texture_from_container(s->container);
   if (t) {
      s->bind_count--;
      d3d9_bindable_unbind(&t->bindable);   /* may free s */
      return;
   }
   if (--s->bind_count == 0 && s->orphan && !s->container)
      surface_final_release(s);
}

static HRESULT WINAPI
surface_GetDevice(IDirect3DSurface9 *iface, IDirect3DDevice9 **device)
{
   struct d3d9_surface *s = impl_from_IDirect3DSurface9(iface);
   if (!device)
      return D3DERR_INVALIDCALL;
   *device = (IDirect3DDevice9 *)&s->device->IDirect3DDevice9Ex_iface;
   IDirect3DDevice9_AddRef(*device);
   return D3D_OK;
}

static HRESULT WINAPI
surface_SetPrivateData(IDirect3DSurface9 *iface, REFGUID guid,
                       const void *data, DWORD size, DWORD flags)
{
   return d3d9_private_data_set(&impl_from_IDirect3DSurface9(iface)->private_data,
                                guid, data, size, flags);
}

static HRESULT WINAPI
surface_GetPrivateData(IDirect3DSurface9 *iface, REFGUID guid, void *data,
                       DWORD *size)
{
   return d3d9_private_data_get(&impl_from_IDirect3DSurface9(iface)->private_data,
                                guid, data, size);
}

static HRESULT WINAPI
surface_FreePrivateData(IDirect3DSurface9 *iface, REFGUID guid)
{
   return d3d9_private_data_free(&impl_from_IDirect3DSurface9(iface)->private_data,
                                 guid);
}

static DWORD WINAPI
surface_SetPriority(IDirect3DSurface9 *iface, DWORD priority)
{
   return 0;   /* only managed resources have priorities */
}

static DWORD WINAPI
surface_GetPriority(IDirect3DSurface9 *iface)
{
   return 0;
}

static void WINAPI
surface_PreLoad(IDirect3DSurface9 *iface)
{
}

static D3DRESOURCETYPE WINAPI
surface_GetType(IDirect3DSurface9 *iface)
{
   return D3DRTYPE_SURFACE;
}

static HRESULT WINAPI
surface_GetContainer(IDirect3DSurface9 *iface, REFIID riid, void **out)
{
   struct d3d9_surface *s = impl_from_IDirect3DSurface9(iface);
   if (!out)
      return D3DERR_INVALIDCALL;
   /* A standalone surface's container is its device. */
   IUnknown *c = s->container ? s->container
                              : (IUnknown *)&s->device->IDirect3DDevice9Ex_iface;
   return IUnknown_QueryInterface(c, riid, out);
}

static HRESULT WINAPI
surface_GetDesc(IDirect3DSurface9 *iface, D3DSURFACE_DESC *desc)
{
   struct d3d9_surface *s = impl_from_IDirect3DSurface9(iface);
   if (!desc)
      return D3DERR_INVALIDCALL;
   *desc = s->desc;
   return D3D_OK;
}

static HRESULT WINAPI
surface_LockRect(IDirect3DSurface9 *iface, D3DLOCKED_RECT *locked,
                 const RECT *rect, DWORD flags)
{
   struct d3d9_surface *s = impl_from_IDirect3DSurface9(iface);
   if (!locked)
      return D3DERR_INVALIDCALL;
   /* D3D9's rules: default-pool textures lock only when dynamic, render
    * targets when created lockable, depth buffers in _LOCKABLE formats. */
   if (s->lock_count || s->not_lockable) {
      locked->pBits = NULL;
      locked->Pitch = 0;
      return D3DERR_INVALIDCALL;
   }
   D3DDDIARG_LOCK l = { .hResource = s->hresource,
                        .SubResourceIndex = s->sub };
   if (rect) {
      if (rect->left < 0 || rect->top < 0 || rect->left >= rect->right ||
          rect->top >= rect->bottom || rect->right > (LONG)s->desc.Width ||
          rect->bottom > (LONG)s->desc.Height) {
         locked->pBits = NULL;
         locked->Pitch = 0;
         return D3DERR_INVALIDCALL;
      }
      l.Flags.AreaValid = 1;
      l.Area = *rect;
   }
   l.Flags.ReadOnly = !!(flags & D3DLOCK_READONLY);
   l.Flags.Discard = !!(flags & D3DLOCK_DISCARD);
   l.Flags.NoOverwrite = !!(flags & D3DLOCK_NOOVERWRITE);
   l.Flags.DoNotWait = !!(flags & D3DLOCK_DONOTWAIT);
   HRESULT hr = s->device->funcs.pfnLock(s->device->hdevice, &l);
   if (FAILED(hr)) {
      locked->pBits = NULL;
      locked->Pitch = 0;
      return hr == D3DDDIERR_WASSTILLDRAWING ? D3DERR_WASSTILLDRAWING
                                             : D3DERR_INVALIDCALL;
   }
   s->lock_count++;
   locked->pBits = l.pSurfData;
   locked->Pitch = l.Pitch;
   return D3D_OK;
}

static HRESULT WINAPI
surface_UnlockRect(IDirect3DSurface9 *iface)
{
   struct d3d9_surface *s = impl_from_IDirect3DSurface9(iface);
   if (!s->lock_count)
      return D3DERR_INVALIDCALL;
   D3DDDIARG_UNLOCK u = { .hResource = s->hresource,
                          .SubResourceIndex = s->sub };
   HRESULT hr = s->device->funcs.pfnUnlock(s->device->hdevice, &u);
   s->lock_count--;
   struct d3d9_texture *t = d3d9_texture_from_container(s->container);
   if (t)
      d3d9_texture_level_changed(t, s->sub % t->levels);
   return FAILED(hr) ? D3DERR_INVALIDCALL : D3D_OK;
}

static HRESULT WINAPI
surface_GetDC(IDirect3DSurface9 *iface, HDC *dc)
{
   return D3DERR_INVALIDCALL;   /* GetDC: not yet */
}

static HRESULT WINAPI
surface_ReleaseDC(IDirect3DSurface9 *iface, HDC dc)
{
   return D3DERR_INVALIDCALL;
}

static const struct IDirect3DSurface9Vtbl surface_vtbl = {
   surface_QueryInterface, surface_AddRef, surface_Release,
   surface_GetDevice, surface_SetPrivateData, surface_GetPrivateData,
   surface_FreePrivateData, surface_SetPriority, surface_GetPriority,
   surface_PreLoad, surface_GetType, surface_GetContainer,
   surface_GetDesc, surface_LockRect, surface_UnlockRect, surface_GetDC,
   surface_ReleaseDC,
};

/* The driver resource of a standalone surface (or of a swap chain's
 * buffer): one D3DDDIARG_CREATERESOURCE2 surface. */
HRESULT
d3d9_surface_create(struct d3d9_device *device, IUnknown *container,
                    const D3DSURFACE_DESC *desc, D3DDDI_RESOURCEFLAGS flags,
                    struct d3d9_surface **out)
{
   return d3d9_surface_create_user(device, container, desc, flags, NULL, out);
}

HRESULT
d3d9_surface_create_user(struct d3d9_device *device, IUnknown *container,
                         const D3DSURFACE_DESC *desc,
                         D3DDDI_RESOURCEFLAGS flags, void *user_mem,
                         struct d3d9_surface **out)
{
   struct d3d9_surface *s = calloc(1, sizeof(*s));
   if (!s)
      return E_OUTOFMEMORY;
   s->IDirect3DSurface9_iface.lpVtbl = (IDirect3DSurface9Vtbl *)&surface_vtbl;
   s->device = device;
   s->container = container;
   s->desc = *desc;
   s->refcount = container ? 0 : 1;

   D3DDDI_SURFACEINFO info = { .Width = desc->Width, .Height = desc->Height,
                               .Depth = 1 };
   if (desc->Pool == D3DPOOL_SYSTEMMEM || desc->Pool == D3DPOOL_SCRATCH) {
      /* The runtime's memory: whole blocks, 4-byte aligned rows. */
      s->pitch = d3d9_format_pitch(desc->Format, desc->Width);
      const UINT rows = d3d9_format_rows(desc->Format, desc->Height);
      struct d3d9_format_layout fl;
      if (user_mem && d3d9_format_layout(desc->Format, &fl))
         s->pitch = (desc->Width + fl.block_w - 1) / fl.block_w * fl.bytes;
      s->user_mem = user_mem != NULL;
      s->mem = user_mem ? user_mem : calloc(rows ? rows : 1, s->pitch);
      if (!s->mem) {
         free(s);
         return E_OUTOFMEMORY;
      }
      info.pSysMem = s->mem;
      info.SysMemPitch = s->pitch;
   }
   D3DDDIARG_CREATERESOURCE2 args = {
      .Format = (D3DDDIFORMAT)desc->Format,
      .Pool = desc->Pool == D3DPOOL_SYSTEMMEM || desc->Pool == D3DPOOL_SCRATCH ?
              D3DDDIPOOL_SYSTEMMEM : D3DDDIPOOL_VIDEOMEMORY,
      .MultisampleType = (D3DDDIMULTISAMPLE_TYPE)desc->MultiSampleType,
      .MultisampleQuality = desc->MultiSampleQuality,
      .pSurfList = &info, .SurfCount = 1, .MipLevels = 1,
      .Flags = flags, .hResource = s,
   };
   HRESULT hr = device->funcs.pfnCreateResource2(device->hdevice, &args);
   if (FAILED(hr)) {
      if (!s->user_mem)
         free(s->mem);
      free(s);
      return hr == E_OUTOFMEMORY ? E_OUTOFMEMORY : D3DERR_INVALIDCALL;
   }
   s->hresource = args.hResource;
   s->sub = 0;
   s->own_resource = TRUE;
   *out = s;
   return D3D_OK;
}

HRESULT
d3d9_surface_create_level(struct d3d9_device *device, IUnknown *container,
                          const D3DSURFACE_DESC *desc, HANDLE hresource,
                          UINT sub, struct d3d9_surface **out)
{
   struct d3d9_surface *s = calloc(1, sizeof(*s));
   if (!s)
      return E_OUTOFMEMORY;
   s->IDirect3DSurface9_iface.lpVtbl = (IDirect3DSurface9Vtbl *)&surface_vtbl;
   s->device = device;
   s->container = container;
   s->desc = *desc;
   s->hresource = hresource;
   s->sub = sub;
   *out = s;
   return D3D_OK;
}

/* The surface behind a program's pointer: NULL for NULL and for objects
 * that are not this runtime's surfaces. */
struct d3d9_surface *
d3d9_surface_from_iface(IDirect3DSurface9 *iface)
{
   if (!iface || iface->lpVtbl != (IDirect3DSurface9Vtbl *)&surface_vtbl)
      return NULL;
   return impl_from_IDirect3DSurface9(iface);
}

void
d3d9_surface_destroy(struct d3d9_surface *s)
{
   d3d9_private_data_fini(&s->private_data);
   if (s->lock_count) {
      D3DDDIARG_UNLOCK u = { .hResource = s->hresource,
                             .SubResourceIndex = s->sub };
      s->device->funcs.pfnUnlock(s->device->hdevice, &u);
   }
   if (s->own_resource && s->hresource)
      s->device->funcs.pfnDestroyResource(s->device->hdevice, s->hresource);
   if (!s->user_mem)
      free(s->mem);
   free(s);
}

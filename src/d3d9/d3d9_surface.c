/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * IDirect3DSurface9: one subresource of a driver resource.  Surfaces that
 * belong to a container share its lifetime and the container frees them:
 * a texture's levels count their references in the texture's, a swap
 * chain's back buffers count their own (holding the device while they
 * have any), as in D3D9.  Standalone surfaces
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
   InterlockedIncrement(&s->public_refs);
   if (s->own_refcount) {
      const ULONG r = InterlockedIncrement(&s->refcount);
      if (r == 1)
         IDirect3DDevice9Ex_AddRef(&s->device->IDirect3DDevice9Ex_iface);
      return r;
   }
   if (s->container)
      return IUnknown_AddRef(s->container);
   const ULONG r = InterlockedIncrement(&s->refcount);
   if (r == 1 && s->blocks_reset)
      InterlockedIncrement(&s->device->reset_blockers);
   return r;
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
   if (s->own_refcount) {
      const LONG r = d3d9_release_clamped(&s->refcount);
      if (!r)
         return 0;
      InterlockedDecrement(&s->public_refs);
      if (r == 1)
         IDirect3DDevice9Ex_Release(&s->device->IDirect3DDevice9Ex_iface);
      return r - 1;
   }
   InterlockedDecrement(&s->public_refs);
   if (s->container)
      return IUnknown_Release(s->container);
   const ULONG r = InterlockedDecrement(&s->refcount);
   if (!r) {
      if (s->blocks_reset)
         InterlockedDecrement(&s->device->reset_blockers);
      surface_final_release(s);
   }
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

/* The surfaces that share one GetDC state: all faces and levels of a
 * texture (D3D9 lets a texture have one DC out at a time, and none while
 * any of its levels is locked), else the surface alone. */
static void
surface_group_state(struct d3d9_surface *s, BOOL *dc_out, BOOL *locked)
{
   struct d3d9_texture *t = d3d9_texture_from_container(s->container);
   const UINT n = t && t->surfaces ? t->faces * t->levels : 1;
   *dc_out = FALSE;
   *locked = FALSE;
   for (UINT i = 0; i < n; i++) {
      const struct d3d9_surface *m = t && t->surfaces ? t->surfaces[i] : s;
      if (!m)
         continue;
      if (m->dc)
         *dc_out = TRUE;
      if (m->lock_count)
         *locked = TRUE;
   }
}

/* The driver's lock and unlock, without D3D9's bookkeeping (LockRect's
 * and GetDC's alike). */
static HRESULT
surface_map(struct d3d9_surface *s, const RECT *rect, DWORD flags,
            D3DLOCKED_RECT *locked)
{
   D3DDDIARG_LOCK l = { .hResource = s->hresource,
                        .SubResourceIndex = s->sub };
   if (rect) {
      l.Flags.AreaValid = 1;
      l.Area = *rect;
   }
   l.Flags.ReadOnly = !!(flags & D3DLOCK_READONLY);
   l.Flags.Discard = !!(flags & D3DLOCK_DISCARD);
   l.Flags.NoOverwrite = !!(flags & D3DLOCK_NOOVERWRITE);
   l.Flags.DoNotWait = !!(flags & D3DLOCK_DONOTWAIT);
   HRESULT hr = s->device->funcs.pfnLock(s->device->hdevice, &l);
   if (FAILED(hr))
      return hr == D3DDDIERR_WASSTILLDRAWING ? D3DERR_WASSTILLDRAWING
                                             : D3DERR_INVALIDCALL;
   locked->pBits = l.pSurfData;
   locked->Pitch = l.Pitch;
   return D3D_OK;
}

/* `changed`: the pixels may have changed (a texture level then needs its
 * upload or mipmap generation). */
static HRESULT
surface_unmap(struct d3d9_surface *s, BOOL changed)
{
   D3DDDIARG_UNLOCK u = { .hResource = s->hresource,
                          .SubResourceIndex = s->sub };
   HRESULT hr = s->device->funcs.pfnUnlock(s->device->hdevice, &u);
   struct d3d9_texture *t = changed ? d3d9_texture_from_container(s->container)
                                    : NULL;
   if (t)
      d3d9_texture_level_changed(t, s->sub % t->levels);
   return FAILED(hr) ? D3DERR_INVALIDCALL : D3D_OK;
}

/* Inside the surface, not empty, and on whole blocks of block formats
 * (the surface's edges end partial blocks). */
static BOOL
lock_rect_valid(const struct d3d9_surface *s, const RECT *r)
{
   const LONG w = s->desc.Width, h = s->desc.Height;
   if (r->left < 0 || r->top < 0 || r->left >= r->right ||
       r->top >= r->bottom || r->right > w || r->bottom > h)
      return FALSE;
   return d3d9_rect_on_blocks(s->desc.Format, w, h, r);
}

static HRESULT WINAPI
surface_LockRect(IDirect3DSurface9 *iface, D3DLOCKED_RECT *locked,
                 const RECT *rect, DWORD flags)
{
   struct d3d9_surface *s = impl_from_IDirect3DSurface9(iface);
   if (!locked)
      return D3DERR_INVALIDCALL;
   BOOL dc_out, group_locked;
   surface_group_state(s, &dc_out, &group_locked);
   /* D3D9's rules: default-pool textures lock only when dynamic, render
    * targets when created lockable, depth buffers in _LOCKABLE formats;
    * nothing of a texture locks while it has a DC out. */
   /* Locked already: the out-parameter stays as it was (Windows, Wine's
    * test_lockrect_invalid). */
   if (s->lock_count) {
      D3D9_LOG("LockRect(%p): already locked", (void *)s);
      return D3DERR_INVALIDCALL;
   }
   if (s->not_lockable || dc_out) {
      if (dc_out)
         D3D9_LOG("LockRect(%p): a DC is out on its surface or texture",
                  (void *)s);
      locked->pBits = NULL;
      locked->Pitch = 0;
      return D3DERR_INVALIDCALL;
   }
   /* Rectangles: a video-memory surface's are checked, inside the
    * surface and on whole blocks (Windows 7); the runtime's pools take any
    * rectangle and answer the address it names (Windows XP, which Wine's
    * test_lockrect_invalid expects and games rely on), so the driver maps
    * the whole surface there. */
   const BOOL checked = s->desc.Pool == D3DPOOL_DEFAULT;
   if (rect && checked && !lock_rect_valid(s, rect)) {
      D3D9_LOG("LockRect(%p): rectangle (%ld,%ld)-(%ld,%ld) outside the "
               "surface or across blocks", (void *)s, (long)rect->left,
               (long)rect->top, (long)rect->right, (long)rect->bottom);
      locked->pBits = NULL;
      locked->Pitch = 0;
      return D3DERR_INVALIDCALL;
   }
   HRESULT hr = surface_map(s, checked ? rect : NULL, flags, locked);
   if (FAILED(hr)) {
      locked->pBits = NULL;
      locked->Pitch = 0;
      return hr;
   }
   if (rect && !checked) {
      struct d3d9_format_layout l;
      if (!d3d9_format_layout(s->desc.Format, &l))
         l = (struct d3d9_format_layout){ 1, 1, 4 };
      locked->pBits = (BYTE *)locked->pBits +
                      (INT_PTR)(rect->top / (LONG)l.block_h) * locked->Pitch +
                      (INT_PTR)(rect->left / (LONG)l.block_w) * l.bytes;
   }
   s->lock_count++;
   return D3D_OK;
}

static HRESULT WINAPI
surface_UnlockRect(IDirect3DSurface9 *iface)
{
   struct d3d9_surface *s = impl_from_IDirect3DSurface9(iface);
   if (!s->lock_count) {
      /* Nothing to unlock: D3D9 answers D3D_OK while the surface or its
       * texture has a DC out (Wine's test_getdc), and the DC's own lock
       * stays. */
      BOOL dc_out, group_locked;
      surface_group_state(s, &dc_out, &group_locked);
      /* A 2D texture's level answers D3D_OK too (Windows; Wine's
       * test_lockrect_invalid), cube faces and others do not. */
      const struct d3d9_texture *t = d3d9_texture_from_container(s->container);
      if (t && t->type == D3DRTYPE_TEXTURE)
         return D3D_OK;
      return dc_out ? D3D_OK : D3DERR_INVALIDCALL;
   }
   s->lock_count--;
   return surface_unmap(s, TRUE);
}

/* gdi32's DC over memory (what D3D runtimes build GetDC on): a memory DC
 * with a bitmap over the caller's pixels selected.  The layout is
 * D3DKMT_CREATEDCFROMMEMORY's; the DDK header that has it brings its own
 * d3dukmdt.h, which clashes with the project's. */
struct d3d9_dc_from_memory {
   void *pMemory;
   D3DDDIFORMAT Format;
   UINT Width;
   UINT Height;
   UINT Pitch;
   HDC hDeviceDc;
   PALETTEENTRY *pColorTable;
   HDC hDc;
   HANDLE hBitmap;
};

struct d3d9_dc_destroy {
   HDC hDc;
   HANDLE hBitmap;
};

LONG WINAPI D3DKMTCreateDCFromMemory(struct d3d9_dc_from_memory *desc);
LONG WINAPI D3DKMTDestroyDCFromMemory(const struct d3d9_dc_destroy *desc);

/* The formats GetDC takes (GDI's RGB layouts), as bits per pixel; 0:
 * none. */
static UINT
surface_gdi_bpp(D3DFORMAT format)
{
   switch (format) {
   case D3DFMT_A8R8G8B8:
   case D3DFMT_X8R8G8B8:
      return 32;
   case D3DFMT_R8G8B8:
      return 24;
   case D3DFMT_R5G6B5:
   case D3DFMT_X1R5G5B5:
   case D3DFMT_A1R5G5B5:
      return 16;
   default:
      return 0;
   }
}

/* The end of a GetDC: GDI's drawing lands in the surface, the DC goes,
 * the lock ends.  `changed`: as surface_unmap's. */
static void
surface_dc_destroy(struct d3d9_surface *s, BOOL changed)
{
   GdiFlush();
   if (s->dc_staging && s->dc_bits) {
      const UINT bpp = surface_gdi_bpp(s->desc.Format);
      const UINT stride = (s->desc.Width * bpp + 31) / 32 * 4;
      const UINT row = s->desc.Width * (bpp / 8);
      for (UINT y = 0; y < s->desc.Height; y++)
         memcpy((BYTE *)s->dc_bits + (size_t)y * s->dc_pitch,
                (const BYTE *)s->dc_staging + (size_t)y * stride, row);
   }
   const struct d3d9_dc_destroy d = { .hDc = s->dc, .hBitmap = s->dc_bitmap };
   if (D3DKMTDestroyDCFromMemory(&d))
      D3D9_LOG("ReleaseDC(%p): gdi32 did not destroy DC %p", (void *)s,
               (void *)s->dc);
   free(s->dc_staging);
   s->dc = NULL;
   s->dc_bitmap = NULL;
   s->dc_staging = NULL;
   s->dc_bits = NULL;
   s->dc_pitch = 0;
   surface_unmap(s, changed);
}

static HRESULT WINAPI
surface_GetDC(IDirect3DSurface9 *iface, HDC *dc)
{
   struct d3d9_surface *s = impl_from_IDirect3DSurface9(iface);
   if (!dc) {
      D3D9_LOG("GetDC(%p): NULL out pointer", (void *)s);
      return D3DERR_INVALIDCALL;
   }
   const UINT bpp = surface_gdi_bpp(s->desc.Format);
   if (!bpp) {
      D3D9_LOG("GetDC(%p): format %#lx is not GDI-compatible", (void *)s,
               (unsigned long)s->desc.Format);
      return D3DERR_INVALIDCALL;
   }
   if (s->not_lockable || s->desc.MultiSampleType != D3DMULTISAMPLE_NONE) {
      D3D9_LOG("GetDC(%p): the surface is not lockable", (void *)s);
      return D3DERR_INVALIDCALL;
   }
   BOOL dc_out, group_locked;
   surface_group_state(s, &dc_out, &group_locked);
   if (dc_out || group_locked) {
      D3D9_LOG("GetDC(%p): the surface or its texture is locked or has a "
               "DC out", (void *)s);
      return D3DERR_INVALIDCALL;
   }
   const UINT w = s->desc.Width, h = s->desc.Height;
   if (!w || !h || w > 0x7fffffu || h > 0x7fffffu) {
      D3D9_LOG("GetDC(%p): size %ux%u", (void *)s, w, h);
      return D3DERR_INVALIDCALL;
   }

   D3DLOCKED_RECT m;
   HRESULT hr = surface_map(s, NULL, 0, &m);
   if (FAILED(hr)) {
      D3D9_LOG("GetDC(%p): the lock failed (%#lx)", (void *)s,
               (unsigned long)hr);
      return D3DERR_INVALIDCALL;
   }
   const UINT stride = (w * bpp + 31) / 32 * 4;
   const UINT row = w * (bpp / 8);
   if (!m.pBits || m.Pitch < (INT)row) {
      D3D9_LOG("GetDC(%p): the lock gave %p, pitch %d", (void *)s, m.pBits,
               m.Pitch);
      surface_unmap(s, FALSE);
      return D3DERR_INVALIDCALL;
   }

   /* GDI wants rows 4-byte aligned: tighter rows (D3D9Ex user memory)
    * go through a copy. */
   void *bits = m.pBits;
   UINT pitch = m.Pitch;
   BYTE *staging = NULL;
   if (pitch < stride) {
      staging = calloc(h, stride);
      if (!staging) {
         surface_unmap(s, FALSE);
         return E_OUTOFMEMORY;
      }
      for (UINT y = 0; y < h; y++)
         memcpy(staging + (size_t)y * stride,
                (const BYTE *)m.pBits + (size_t)y * m.Pitch, row);
      bits = staging;
      pitch = stride;
   }

   HDC screen = CreateCompatibleDC(NULL);
   struct d3d9_dc_from_memory d = {
      .pMemory = bits, .Format = (D3DDDIFORMAT)s->desc.Format,
      .Width = w, .Height = h, .Pitch = pitch, .hDeviceDc = screen,
   };
   const LONG status = screen ? D3DKMTCreateDCFromMemory(&d) : -1;
   if (screen)
      DeleteDC(screen);
   if (status || !d.hDc) {
      D3D9_LOG("GetDC(%p): gdi32 made no DC (%#lx)", (void *)s,
               (unsigned long)status);
      free(staging);
      surface_unmap(s, FALSE);
      return D3DERR_INVALIDCALL;
   }
   s->dc = d.hDc;
   s->dc_bitmap = d.hBitmap;
   s->dc_staging = staging;
   s->dc_bits = m.pBits;
   s->dc_pitch = m.Pitch;
   *dc = s->dc;
   return D3D_OK;
}

static HRESULT WINAPI
surface_ReleaseDC(IDirect3DSurface9 *iface, HDC dc)
{
   struct d3d9_surface *s = impl_from_IDirect3DSurface9(iface);
   if (!s->dc || dc != s->dc) {
      D3D9_LOG("ReleaseDC(%p): DC %p is not the surface's (%p)", (void *)s,
               (void *)dc, (void *)s->dc);
      return D3DERR_INVALIDCALL;
   }
   surface_dc_destroy(s, TRUE);
   return D3D_OK;
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
   if (s->dc)
      surface_dc_destroy(s, FALSE);
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

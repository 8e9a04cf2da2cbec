/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The device methods that create textures and standalone surfaces, and
 * those that copy and fill them: ColorFill (pfnColorFill), StretchRect
 * and GetRenderTargetData and UpdateSurface (pfnBlt), UpdateTexture
 * (pfnTexBlt per face; volumes level by level through locks, since
 * VolBlt names no level).  D3D9's checks and return codes follow Wine's
 * device tests (test_resource_access, test_update_texture_pool,
 * test_stretch_rect, test_create_rt_ds_fail).
 */

#include <stdlib.h>
#include <string.h>

#include "d3d9_texture.h"

static void
device_lock(struct d3d9_device *device)
{
   if (device->flags & D3DCREATE_MULTITHREADED)
      EnterCriticalSection(&device->cs);
}

static void
device_unlock(struct d3d9_device *device)
{
   if (device->flags & D3DCREATE_MULTITHREADED)
      LeaveCriticalSection(&device->cs);
}

/* A shared handle: D3D9 (not Ex) has none (E_NOTIMPL, as Windows XP
 * and Wine's tests have it).  On Ex, a system-memory resource's
 * "handle" is the program's memory for it (user memory), where USER_OK
 * (one-level 2D textures and plain surfaces: Wine's test_user_memory);
 * sharing itself is not implemented. */
static HRESULT
check_shared(struct d3d9_device *device, HANDLE *shared_handle,
             D3DPOOL pool, BOOL user_ok, void **user_mem)
{
   *user_mem = NULL;
   if (!shared_handle)
      return D3D_OK;
   if (!device->extended)
      return E_NOTIMPL;
   if (pool == D3DPOOL_SYSTEMMEM) {
      if (!user_ok || !*shared_handle)
         return D3DERR_INVALIDCALL;
      *user_mem = *shared_handle;
      return D3D_OK;
   }
   if (pool != D3DPOOL_DEFAULT)
      return D3DERR_INVALIDCALL;
   D3D9_LOG("shared resources: not implemented, creating a private one");
   return D3D_OK;
}

static BOOL
format_has(struct d3d9_device *device, D3DFORMAT format, UINT ops)
{
   const FORMATOP *op = d3d9_adapter_format(&device->d3d9->adapter, format);
   return op && (op->Operations & ops) == ops;
}

/* ---- Textures ------------------------------------------------------- */

static HRESULT
create_texture(struct d3d9_device *device, D3DRESOURCETYPE type, UINT width,
               UINT height, UINT depth, UINT levels, DWORD usage,
               D3DFORMAT format, D3DPOOL pool, void **out,
               HANDLE *shared_handle)
{
   if (!out)
      return D3DERR_INVALIDCALL;
   *out = NULL;
   void *user_mem;
   HRESULT hr = check_shared(device, shared_handle, pool,
                             type == D3DRTYPE_TEXTURE && levels == 1,
                             &user_mem);
   if (FAILED(hr))
      return hr;
   struct d3d9_texture *t;
   device_lock(device);
   hr = d3d9_texture_create(device, type, width, height, depth, levels, usage,
                            format, pool, user_mem, &t);
   device_unlock(device);
   if (SUCCEEDED(hr))
      *out = &t->IDirect3DBaseTexture9_iface;
   return hr;
}

HRESULT WINAPI
d3d9_device_CreateTexture(IDirect3DDevice9Ex *iface, UINT width, UINT height,
                          UINT levels, DWORD usage, D3DFORMAT format,
                          D3DPOOL pool, IDirect3DTexture9 **texture,
                          HANDLE *shared_handle)
{
   return create_texture(impl_from_IDirect3DDevice9Ex(iface),
                         D3DRTYPE_TEXTURE, width, height, 1, levels, usage,
                         format, pool, (void **)texture, shared_handle);
}

HRESULT WINAPI
d3d9_device_CreateVolumeTexture(IDirect3DDevice9Ex *iface, UINT width,
                                UINT height, UINT depth, UINT levels,
                                DWORD usage, D3DFORMAT format, D3DPOOL pool,
                                IDirect3DVolumeTexture9 **texture,
                                HANDLE *shared_handle)
{
   return create_texture(impl_from_IDirect3DDevice9Ex(iface),
                         D3DRTYPE_VOLUMETEXTURE, width, height, depth, levels,
                         usage, format, pool, (void **)texture,
                         shared_handle);
}

HRESULT WINAPI
d3d9_device_CreateCubeTexture(IDirect3DDevice9Ex *iface, UINT edge_length,
                              UINT levels, DWORD usage, D3DFORMAT format,
                              D3DPOOL pool, IDirect3DCubeTexture9 **texture,
                              HANDLE *shared_handle)
{
   return create_texture(impl_from_IDirect3DDevice9Ex(iface),
                         D3DRTYPE_CUBETEXTURE, edge_length, edge_length, 1,
                         levels, usage, format, pool, (void **)texture,
                         shared_handle);
}

/* ---- Standalone surfaces -------------------------------------------- */

enum surface_kind { SURFACE_RT, SURFACE_DS, SURFACE_PLAIN };

static HRESULT
create_surface(struct d3d9_device *device, enum surface_kind kind, UINT width,
               UINT height, D3DFORMAT format, D3DPOOL pool,
               D3DMULTISAMPLE_TYPE ms, DWORD quality, BOOL lockable,
               IDirect3DSurface9 **out, HANDLE *shared_handle)
{
   if (!out)
      return D3DERR_INVALIDCALL;
   *out = NULL;
   void *user_mem;
   HRESULT hr = check_shared(device, shared_handle, pool,
                             kind == SURFACE_PLAIN, &user_mem);
   if (FAILED(hr))
      return hr;
   if (!width || !height || pool > D3DPOOL_SCRATCH ||
       pool == D3DPOOL_MANAGED || ms > D3DMULTISAMPLE_16_SAMPLES)
      return D3DERR_INVALIDCALL;
   if (!d3d9_format_size_ok(format, width, height)) {
      D3D9_LOG("surface %ux%u of format %#x: not whole blocks", width,
               height, (unsigned)format);
      return D3DERR_INVALIDCALL;
   }

   D3DDDI_RESOURCEFLAGS flags = { .Value = 0 };
   D3DSURFACE_DESC desc = {
      .Format = format, .Type = D3DRTYPE_SURFACE, .Pool = pool,
      .MultiSampleType = ms, .MultiSampleQuality = quality,
      .Width = width, .Height = height,
   };
   BOOL can_lock = TRUE;
   switch (kind) {
   case SURFACE_RT:
      if (!format_has(device, format, FORMATOP_OFFSCREEN_RENDERTARGET))
         return D3DERR_INVALIDCALL;
      flags.RenderTarget = 1;
      desc.Usage = D3DUSAGE_RENDERTARGET;
      can_lock = lockable;
      break;
   case SURFACE_DS:
      if (!format_has(device, format, FORMATOP_ZSTENCIL))
         return D3DERR_INVALIDCALL;
      flags.ZBuffer = 1;
      desc.Usage = D3DUSAGE_DEPTHSTENCIL;
      can_lock = d3d9_format_is_lockable_depth(format);
      break;
   case SURFACE_PLAIN: {
      /* Scratch surfaces are never the device's: only their layout must
       * be known.  Depth formats stay in the default pool. */
      struct d3d9_format_layout l;
      if (pool == D3DPOOL_SCRATCH ? !d3d9_format_layout(format, &l) &&
                                    !d3d9_adapter_format(&device->d3d9->adapter,
                                                         format)
                                  : !format_has(device, format,
                                                FORMATOP_OFFSCREENPLAIN))
         return D3DERR_INVALIDCALL;
      if (d3d9_format_is_depth(format) && pool != D3DPOOL_DEFAULT)
         return D3DERR_INVALIDCALL;
      break;
   }
   }

   struct d3d9_surface *s;
   device_lock(device);
   hr = d3d9_surface_create_user(device, NULL, &desc, flags, user_mem, &s);
   device_unlock(device);
   if (FAILED(hr)) {
      D3D9_LOG("surface %ux%u format %#x pool %u ms %u: %#lx", width, height,
               (unsigned)format, (unsigned)pool, (unsigned)ms,
               (unsigned long)hr);
      return hr == E_OUTOFMEMORY ? D3DERR_OUTOFVIDEOMEMORY
                                 : D3DERR_INVALIDCALL;
   }
   /* Multisampled surfaces never lock. */
   s->not_lockable = !can_lock || ms != D3DMULTISAMPLE_NONE;
   s->holds_device = TRUE;
   s->public_refs = 1;
   if (pool == D3DPOOL_DEFAULT) {
      s->blocks_reset = TRUE;
      InterlockedIncrement(&device->reset_blockers);
   }
   IDirect3DDevice9Ex_AddRef(&device->IDirect3DDevice9Ex_iface);
   *out = &s->IDirect3DSurface9_iface;
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_CreateRenderTarget(IDirect3DDevice9Ex *iface, UINT width,
                               UINT height, D3DFORMAT format,
                               D3DMULTISAMPLE_TYPE multisample_type,
                               DWORD multisample_quality, BOOL lockable,
                               IDirect3DSurface9 **surface,
                               HANDLE *shared_handle)
{
   return create_surface(impl_from_IDirect3DDevice9Ex(iface), SURFACE_RT,
                         width, height, format, D3DPOOL_DEFAULT,
                         multisample_type, multisample_quality, lockable,
                         surface, shared_handle);
}

HRESULT WINAPI
d3d9_device_CreateDepthStencilSurface(IDirect3DDevice9Ex *iface, UINT width,
                                      UINT height, D3DFORMAT format,
                                      D3DMULTISAMPLE_TYPE multisample_type,
                                      DWORD multisample_quality, BOOL discard,
                                      IDirect3DSurface9 **surface,
                                      HANDLE *shared_handle)
{
   return create_surface(impl_from_IDirect3DDevice9Ex(iface), SURFACE_DS,
                         width, height, format, D3DPOOL_DEFAULT,
                         multisample_type, multisample_quality, FALSE,
                         surface, shared_handle);
}

HRESULT WINAPI
d3d9_device_CreateOffscreenPlainSurface(IDirect3DDevice9Ex *iface, UINT width,
                                        UINT height, D3DFORMAT format,
                                        D3DPOOL pool,
                                        IDirect3DSurface9 **surface,
                                        HANDLE *shared_handle)
{
   return create_surface(impl_from_IDirect3DDevice9Ex(iface), SURFACE_PLAIN,
                         width, height, format, pool, D3DMULTISAMPLE_NONE, 0,
                         TRUE, surface, shared_handle);
}

/* The Ex variants' usage: only what the kind already is (and the Ex
 * hints, which change nothing here). */
HRESULT WINAPI
d3d9_device_CreateRenderTargetEx(IDirect3DDevice9Ex *iface, UINT width,
                                 UINT height, D3DFORMAT format,
                                 D3DMULTISAMPLE_TYPE multisample_type,
                                 DWORD multisample_quality, BOOL lockable,
                                 IDirect3DSurface9 **surface,
                                 HANDLE *shared_handle, DWORD usage)
{
   /* Not even D3DUSAGE_RENDERTARGET (Wine's test_resource_access); the
    * out-pointer stays as it was. */
   if (usage & ~(D3DUSAGE_RESTRICTED_CONTENT |
                 D3DUSAGE_RESTRICT_SHARED_RESOURCE |
                 D3DUSAGE_RESTRICT_SHARED_RESOURCE_DRIVER))
      return D3DERR_INVALIDCALL;
   return d3d9_device_CreateRenderTarget(iface, width, height, format,
                                         multisample_type,
                                         multisample_quality, lockable,
                                         surface, shared_handle);
}

HRESULT WINAPI
d3d9_device_CreateOffscreenPlainSurfaceEx(IDirect3DDevice9Ex *iface,
                                          UINT width, UINT height,
                                          D3DFORMAT format, D3DPOOL pool,
                                          IDirect3DSurface9 **surface,
                                          HANDLE *shared_handle, DWORD usage)
{
   if (usage & ~(D3DUSAGE_RESTRICTED_CONTENT |
                 D3DUSAGE_RESTRICT_SHARED_RESOURCE |
                 D3DUSAGE_RESTRICT_SHARED_RESOURCE_DRIVER)) {
      if (surface)
         *surface = NULL;
      return D3DERR_INVALIDCALL;
   }
   return d3d9_device_CreateOffscreenPlainSurface(iface, width, height,
                                                  format, pool, surface,
                                                  shared_handle);
}

HRESULT WINAPI
d3d9_device_CreateDepthStencilSurfaceEx(IDirect3DDevice9Ex *iface,
                                        UINT width, UINT height,
                                        D3DFORMAT format,
                                        D3DMULTISAMPLE_TYPE multisample_type,
                                        DWORD multisample_quality,
                                        BOOL discard,
                                        IDirect3DSurface9 **surface,
                                        HANDLE *shared_handle, DWORD usage)
{
   /* D3DUSAGE_DEPTHSTENCIL itself is refused (Wine's
    * test_create_depth_stencil_surface_ex), leaving the out-pointer as
    * it was; the hints are kept in the surface's usage. */
   if (usage & ~(D3DUSAGE_RESTRICTED_CONTENT |
                 D3DUSAGE_RESTRICT_SHARED_RESOURCE |
                 D3DUSAGE_RESTRICT_SHARED_RESOURCE_DRIVER))
      return D3DERR_INVALIDCALL;
   HRESULT hr = d3d9_device_CreateDepthStencilSurface(
      iface, width, height, format, multisample_type, multisample_quality,
      discard, surface, shared_handle);
   if (SUCCEEDED(hr))
      d3d9_surface_from_iface(*surface)->desc.Usage |= usage;
   return hr;
}

/* ---- Copies and fills ----------------------------------------------- */

static BOOL
rect_in_surface(const RECT *r, const struct d3d9_surface *s)
{
   return r->left >= 0 && r->top >= 0 && r->left < r->right &&
          r->top < r->bottom && r->right <= (LONG)s->desc.Width &&
          r->bottom <= (LONG)s->desc.Height;
}

static void
whole(const struct d3d9_surface *s, RECT *r)
{
   SetRect(r, 0, 0, s->desc.Width, s->desc.Height);
}

/* A surface that is a texture's level: the texture (NULL otherwise). */
static struct d3d9_texture *
texture_of(const struct d3d9_surface *s)
{
   return d3d9_texture_from_container(s->container);
}

static void
surface_changed(struct d3d9_surface *s)
{
   struct d3d9_texture *t = texture_of(s);
   if (t)
      d3d9_texture_level_changed(t, s->sub % t->levels);
}

static HRESULT
blt(struct d3d9_device *device, struct d3d9_surface *src, const RECT *sr,
    struct d3d9_surface *dst, const RECT *dr, D3DTEXTUREFILTERTYPE filter)
{
   D3DDDIARG_BLT b = {
      .hSrcResource = src->hresource, .SrcSubResourceIndex = src->sub,
      .SrcRect = *sr,
      .hDstResource = dst->hresource, .DstSubResourceIndex = dst->sub,
      .DstRect = *dr,
   };
   b.Flags.Point = filter == D3DTEXF_POINT;
   b.Flags.Linear = filter == D3DTEXF_LINEAR;
   device_lock(device);
   HRESULT hr = device->funcs.pfnBlt(device->hdevice, &b);
   device_unlock(device);
   if (FAILED(hr)) {
      D3D9_LOG("Blt: %#lx", (unsigned long)hr);
      return D3DERR_INVALIDCALL;
   }
   surface_changed(dst);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_ColorFill(IDirect3DDevice9Ex *iface, IDirect3DSurface9 *surface,
                      const RECT *rect, D3DCOLOR color)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_surface *s = d3d9_surface_from_iface(surface);
   if (!s)
      return D3DERR_INVALIDCALL;
   /* Default pool only; not depth buffers, not textures that are not
    * render targets (Wine's device.c). */
   if (s->desc.Pool != D3DPOOL_DEFAULT ||
       (s->desc.Usage & D3DUSAGE_DEPTHSTENCIL) ||
       (texture_of(s) && !(s->desc.Usage & D3DUSAGE_RENDERTARGET)))
      return D3DERR_INVALIDCALL;
   RECT r;
   if (rect) {
      if (!rect_in_surface(rect, s) ||
          !d3d9_rect_on_blocks(s->desc.Format, s->desc.Width,
                               s->desc.Height, rect)) {
         D3D9_LOG("ColorFill: rectangle outside the surface or across "
                  "blocks");
         return D3DERR_INVALIDCALL;
      }
      r = *rect;
   } else {
      whole(s, &r);
   }
   D3DDDIARG_COLORFILL c = { .hResource = s->hresource,
                             .SubResourceIndex = s->sub, .DstRect = r,
                             .Color = color };
   device_lock(device);
   HRESULT hr = device->funcs.pfnColorFill(device->hdevice, &c);
   device_unlock(device);
   if (FAILED(hr))
      return D3DERR_INVALIDCALL;
   surface_changed(s);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_StretchRect(IDirect3DDevice9Ex *iface, IDirect3DSurface9 *src_iface,
                        const RECT *src_rect, IDirect3DSurface9 *dst_iface,
                        const RECT *dst_rect, D3DTEXTUREFILTERTYPE filter)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_surface *src = d3d9_surface_from_iface(src_iface);
   struct d3d9_surface *dst = d3d9_surface_from_iface(dst_iface);
   if (!src || !dst || src == dst)
      return D3DERR_INVALIDCALL;
   if (filter != D3DTEXF_NONE && filter != D3DTEXF_POINT &&
       filter != D3DTEXF_LINEAR)
      return D3DERR_INVALIDCALL;
   /* Both in the default pool; a texture destination must be a render
    * target (or depth) texture. */
   if (src->desc.Pool != D3DPOOL_DEFAULT || dst->desc.Pool != D3DPOOL_DEFAULT)
      return D3DERR_INVALIDCALL;
   if (texture_of(dst) &&
       !(dst->desc.Usage & (D3DUSAGE_RENDERTARGET | D3DUSAGE_DEPTHSTENCIL)))
      return D3DERR_INVALIDCALL;
   RECT sr, dr;
   if (src_rect)
      sr = *src_rect;
   else
      whole(src, &sr);
   if (dst_rect)
      dr = *dst_rect;
   else
      whole(dst, &dr);
   if (!rect_in_surface(&sr, src) || !rect_in_surface(&dr, dst))
      return D3DERR_INVALIDCALL;
   if (src->desc.Usage & D3DUSAGE_DEPTHSTENCIL) {
      /* Depth: whole surfaces of one size, outside a scene. */
      RECT ws, wd;
      whole(src, &ws);
      whole(dst, &wd);
      if (device->in_scene || !EqualRect(&sr, &ws) || !EqualRect(&dr, &wd) ||
          !EqualRect(&ws, &wd) || !(dst->desc.Usage & D3DUSAGE_DEPTHSTENCIL))
         return D3DERR_INVALIDCALL;
   }
   /* Stretching with a multisampled source is no resolve (D3D9). */
   if (src->desc.MultiSampleType != D3DMULTISAMPLE_NONE &&
       (sr.right - sr.left != dr.right - dr.left ||
        sr.bottom - sr.top != dr.bottom - dr.top))
      return D3DERR_INVALIDCALL;
   return blt(device, src, &sr, dst, &dr, filter);
}

HRESULT WINAPI
d3d9_device_GetRenderTargetData(IDirect3DDevice9Ex *iface,
                                IDirect3DSurface9 *rt_iface,
                                IDirect3DSurface9 *dst_iface)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_surface *rt = d3d9_surface_from_iface(rt_iface);
   struct d3d9_surface *dst = d3d9_surface_from_iface(dst_iface);
   if (!rt || !dst)
      return D3DERR_INVALIDCALL;
   /* A single-sampled default-pool surface into a system-memory one of
    * its size and format. */
   if (rt->desc.MultiSampleType != D3DMULTISAMPLE_NONE ||
       rt->desc.Pool != D3DPOOL_DEFAULT ||
       dst->desc.Pool != D3DPOOL_SYSTEMMEM ||
       rt->desc.Width != dst->desc.Width ||
       rt->desc.Height != dst->desc.Height ||
       rt->desc.Format != dst->desc.Format)
      return D3DERR_INVALIDCALL;
   RECT r;
   whole(rt, &r);
   return blt(device, rt, &r, dst, &r, D3DTEXF_NONE);
}

HRESULT WINAPI
d3d9_device_UpdateSurface(IDirect3DDevice9Ex *iface,
                          IDirect3DSurface9 *src_iface, const RECT *src_rect,
                          IDirect3DSurface9 *dst_iface, const POINT *dst_point)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_surface *src = d3d9_surface_from_iface(src_iface);
   struct d3d9_surface *dst = d3d9_surface_from_iface(dst_iface);
   if (!src || !dst)
      return D3DERR_INVALIDCALL;
   /* System memory to the default pool, one format, no depth buffers,
    * no multisampling (the UpdateSurface page). */
   if (src->desc.Pool != D3DPOOL_SYSTEMMEM ||
       dst->desc.Pool != D3DPOOL_DEFAULT ||
       src->desc.Format != dst->desc.Format ||
       (src->desc.Usage | dst->desc.Usage) & D3DUSAGE_DEPTHSTENCIL ||
       dst->desc.MultiSampleType != D3DMULTISAMPLE_NONE)
      return D3DERR_INVALIDCALL;
   /* Not while either is locked (Wine's test_mipmap_lock, from
    * Windows). */
   if (src->lock_count || dst->lock_count) {
      D3D9_LOG("UpdateSurface: a surface is locked");
      return D3DERR_INVALIDCALL;
   }
   RECT sr, dr;
   if (src_rect)
      sr = *src_rect;
   else
      whole(src, &sr);
   if (!rect_in_surface(&sr, src))
      return D3DERR_INVALIDCALL;
   const LONG x = dst_point ? dst_point->x : 0;
   const LONG y = dst_point ? dst_point->y : 0;
   SetRect(&dr, x, y, x + sr.right - sr.left, y + sr.bottom - sr.top);
   if (!rect_in_surface(&dr, dst))
      return D3DERR_INVALIDCALL;
   /* Block-compressed formats copy whole blocks (or to the edge). */
   struct d3d9_format_layout l;
   if (d3d9_format_layout(src->desc.Format, &l) && l.block_h > 1) {
      const BOOL aligned =
         !(sr.left % l.block_w) && !(sr.top % l.block_h) &&
         !(dr.left % l.block_w) && !(dr.top % l.block_h) &&
         (!(sr.right % l.block_w) || sr.right == (LONG)src->desc.Width) &&
         (!(sr.bottom % l.block_h) || sr.bottom == (LONG)src->desc.Height);
      if (!aligned)
         return D3DERR_INVALIDCALL;
   }
   return blt(device, src, &sr, dst, &dr, D3DTEXF_NONE);
}

/* A volume level copied through locks: VolBlt names no level. */
static HRESULT
copy_volume_level(struct d3d9_device *device, struct d3d9_texture *src,
                  UINT src_level, struct d3d9_texture *dst, UINT dst_level)
{
   const D3DVOLUME_DESC *sd = &src->volumes[src_level]->desc;
   const D3DVOLUME_DESC *dd = &dst->volumes[dst_level]->desc;
   if (sd->Width != dd->Width || sd->Height != dd->Height ||
       sd->Depth != dd->Depth)
      return D3DERR_INVALIDCALL;
   return d3d9_volume_copy(device, src->hresource, src_level, dst->hresource,
                           dst_level, sd);
}

HRESULT WINAPI
d3d9_device_UpdateTexture(IDirect3DDevice9Ex *iface,
                          IDirect3DBaseTexture9 *src_iface,
                          IDirect3DBaseTexture9 *dst_iface)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_texture *src = d3d9_texture_from_base(src_iface);
   struct d3d9_texture *dst = d3d9_texture_from_base(dst_iface);
   if (!src || !dst)
      return D3DERR_INVALIDCALL;
   /* System memory to the default pool (test_update_texture_pool), one
    * kind and format; the destination's top level is one of the
    * source's levels (a smaller destination takes the smaller ones),
    * and the source has every level below it. */
   if (src->pool != D3DPOOL_SYSTEMMEM || dst->pool != D3DPOOL_DEFAULT ||
       src->type != dst->type || src->format != dst->format)
      return D3DERR_INVALIDCALL;
   UINT skip = 0;
   while (skip < src->levels && MAX(src->width >> skip, 1u) > dst->width)
      skip++;
   if (skip >= src->levels ||
       MAX(src->width >> skip, 1u) != dst->width ||
       MAX(src->height >> skip, 1u) != dst->height ||
       (src->type == D3DRTYPE_VOLUMETEXTURE &&
        MAX(src->depth >> skip, 1u) != dst->depth))
      return D3DERR_INVALIDCALL;
   /* An autogen destination takes level 0 and generates the rest. */
   const UINT levels = dst->usage & D3DUSAGE_AUTOGENMIPMAP ? 1 : dst->levels;
   if (src->levels - skip < levels)
      return D3DERR_INVALIDCALL;

   HRESULT hr = D3D_OK;
   device_lock(device);
   if (src->type == D3DRTYPE_VOLUMETEXTURE) {
      for (UINT l = 0; l < levels && SUCCEEDED(hr); l++)
         hr = copy_volume_level(device, src, l + skip, dst, l);
   } else if (levels == dst->levels) {
      /* TexBlt: the whole chain of each face in one call. */
      for (UINT f = 0; f < dst->faces && SUCCEEDED(hr); f++) {
         D3DDDIARG_TEXBLT b = {
            .hDstResource = dst->hresource, .hSrcResource = src->hresource,
            .CubeMapFace = f,
         };
         SetRect(&b.SrcRect, 0, 0, src->width, src->height);
         if (FAILED(device->funcs.pfnTexBlt(device->hdevice, &b)))
            hr = D3DERR_INVALIDCALL;
      }
   } else {
      for (UINT f = 0; f < dst->faces && SUCCEEDED(hr); f++) {
         struct d3d9_surface *s = src->surfaces[f * src->levels + skip];
         struct d3d9_surface *d = dst->surfaces[f * dst->levels];
         RECT r;
         whole(d, &r);
         D3DDDIARG_BLT b = {
            .hSrcResource = s->hresource, .SrcSubResourceIndex = s->sub,
            .SrcRect = r, .hDstResource = d->hresource,
            .DstSubResourceIndex = d->sub, .DstRect = r,
         };
         if (FAILED(device->funcs.pfnBlt(device->hdevice, &b)))
            hr = D3DERR_INVALIDCALL;
      }
   }
   device_unlock(device);
   if (SUCCEEDED(hr)) {
      /* The source's dirty regions are consumed. */
      memset(src->dirty, 0, sizeof(src->dirty));
      d3d9_texture_level_changed(dst, 0);
   }
   return hr;
}

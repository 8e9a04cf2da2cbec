/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * IDirect3DTexture9, IDirect3DCubeTexture9, IDirect3DVolumeTexture9: one
 * driver resource each (CreateResource2 with the levels, cube faces
 * face-major, in pSurfList: the subresource index is face * levels +
 * level), the levels as d3d9_surfaces or d3d9_volumes whose AddRef and
 * Release are the texture's.
 *
 * Pools: DEFAULT is the driver's video memory; SYSTEMMEM and SCRATCH
 * are the runtime's memory (pSysMem per level, as the CreateResource
 * page has it); MANAGED is, for now, video memory only (the managed
 * pool's system copy and its upload at draw time come later: the dirty
 * rectangles AddDirtyRect stores are for that).
 */

#include <stdlib.h>
#include <string.h>

#include "d3d9_texture.h"

static const struct IDirect3DTexture9Vtbl texture_2d_vtbl;
static const struct IDirect3DCubeTexture9Vtbl texture_cube_vtbl;
static const struct IDirect3DVolumeTexture9Vtbl texture_3d_vtbl;

static inline struct d3d9_texture *
impl(void *iface)
{
   return CONTAINING_RECORD(iface, struct d3d9_texture,
                            IDirect3DBaseTexture9_iface);
}

struct d3d9_texture *
d3d9_texture_from_base(IDirect3DBaseTexture9 *iface)
{
   if (!iface)
      return NULL;
   const void *vtbl = iface->lpVtbl;
   if (vtbl != &texture_2d_vtbl && vtbl != &texture_cube_vtbl &&
       vtbl != &texture_3d_vtbl)
      return NULL;
   return impl(iface);
}

struct d3d9_texture *
d3d9_texture_from_container(IUnknown *container)
{
   return d3d9_texture_from_base((IDirect3DBaseTexture9 *)container);
}

UINT
d3d9_texture_visible_levels(const struct d3d9_texture *t)
{
   return t->usage & D3DUSAGE_AUTOGENMIPMAP ? 1 : t->levels;
}

struct d3d9_surface *
d3d9_texture_surface(struct d3d9_texture *t, UINT face, UINT level)
{
   if (!t->surfaces || face >= t->faces ||
       level >= d3d9_texture_visible_levels(t))
      return NULL;
   return t->surfaces[face * t->levels + level];
}

void
d3d9_texture_level_changed(struct d3d9_texture *t, UINT level)
{
   if ((t->usage & D3DUSAGE_AUTOGENMIPMAP) && level == 0)
      t->autogen_dirty = TRUE;
   if (t->pool == D3DPOOL_MANAGED)
      t->managed_dirty = TRUE;
}

/* The managed pool's upload: every level of every face from the system
 * copy to the video resource (2D levels by Blt, volume levels through
 * locks). */
static void
managed_upload(struct d3d9_texture *t)
{
   struct d3d9_device *device = t->device;
   t->managed_dirty = FALSE;
   for (UINT i = 0; i < t->faces * t->levels; i++) {
      if (t->type == D3DRTYPE_VOLUMETEXTURE) {
         d3d9_volume_copy(device, t->hresource, i, t->hvideo, i,
                          &t->volumes[i]->desc);
         continue;
      }
      const D3DSURFACE_DESC *d = &t->surfaces[i]->desc;
      const RECT r = { 0, 0, (LONG)d->Width, (LONG)d->Height };
      D3DDDIARG_BLT b = {
         .hSrcResource = t->hresource, .SrcSubResourceIndex = i,
         .SrcRect = r,
         .hDstResource = t->hvideo, .DstSubResourceIndex = i,
         .DstRect = r,
      };
      b.Flags.Point = 1;
      device->funcs.pfnBlt(device->hdevice, &b);
   }
}

HANDLE
d3d9_texture_gpu_handle(struct d3d9_texture *t)
{
   /* Managed autogen textures: level 0 goes up, the chain is generated
    * there. */
   if (t->hvideo && t->managed_dirty) {
      managed_upload(t);
      if (t->usage & D3DUSAGE_AUTOGENMIPMAP)
         t->autogen_dirty = TRUE;
   }
   d3d9_texture_flush_autogen(t);
   return t->hvideo ? t->hvideo : t->hresource;
}

void
d3d9_texture_flush_autogen(struct d3d9_texture *t)
{
   if (!t->autogen_dirty)
      return;
   t->autogen_dirty = FALSE;
   if (t->levels < 2)
      return;
   D3DDDIARG_GENERATEMIPSUBLEVELS g = {
      .hResource = t->hvideo ? t->hvideo : t->hresource,
      .Filter = (D3DDDITEXTUREFILTERTYPE)t->autogen_filter,
   };
   t->device->funcs.pfnGenerateMipSubLevels(t->device->hdevice, &g);
}

static void
texture_destroy(struct d3d9_bindable *b)
{
   struct d3d9_texture *t = CONTAINING_RECORD(b, struct d3d9_texture,
                                              bindable);
   struct d3d9_device *device = t->device;
   const UINT n = t->faces * t->levels;
   d3d9_private_data_fini(&t->private_data);
   for (UINT i = 0; t->surfaces && i < n; i++) {
      if (t->surfaces[i])
         d3d9_surface_destroy(t->surfaces[i]);
   }
   for (UINT i = 0; t->volumes && i < t->levels; i++) {
      if (t->volumes[i])
         d3d9_volume_destroy(t->volumes[i]);
   }
   if (t->hresource)
      device->funcs.pfnDestroyResource(device->hdevice, t->hresource);
   if (t->hvideo)
      device->funcs.pfnDestroyResource(device->hdevice, t->hvideo);
   free(t->surfaces);
   free(t->volumes);
   if (!t->user_mem)
      free(t->mem);
   free(t);
}

/* ---- IDirect3DBaseTexture9, shared by the three kinds ---------------- */

static HRESULT
base_query_interface(struct d3d9_texture *t, REFIID riid, void **out)
{
   const IID *own = t->type == D3DRTYPE_TEXTURE ? &IID_IDirect3DTexture9 :
                    t->type == D3DRTYPE_CUBETEXTURE ?
                    &IID_IDirect3DCubeTexture9 : &IID_IDirect3DVolumeTexture9;
   if (!out)
      return E_POINTER;
   if (IsEqualGUID(riid, own) ||
       IsEqualGUID(riid, &IID_IDirect3DBaseTexture9) ||
       IsEqualGUID(riid, &IID_IDirect3DResource9) ||
       IsEqualGUID(riid, &IID_IUnknown)) {
      d3d9_bindable_addref(&t->bindable);
      *out = &t->IDirect3DBaseTexture9_iface;
      return S_OK;
   }
   *out = NULL;
   return E_NOINTERFACE;
}

static HRESULT
base_get_device(struct d3d9_texture *t, IDirect3DDevice9 **device)
{
   if (!device)
      return D3DERR_INVALIDCALL;
   *device = (IDirect3DDevice9 *)&t->device->IDirect3DDevice9Ex_iface;
   IDirect3DDevice9_AddRef(*device);
   return D3D_OK;
}

/* Priorities and LOD are the managed pool's (D3D9: others answer 0). */
static DWORD
base_set_priority(struct d3d9_texture *t, DWORD priority)
{
   return d3d9_managed_set_priority(t->pool, &t->priority, priority);
}

static DWORD
base_set_lod(struct d3d9_texture *t, DWORD lod)
{
   if (t->pool != D3DPOOL_MANAGED)
      return 0;
   const DWORD old = t->lod;
   t->lod = lod < t->levels ? lod : t->levels - 1;
   return old;
}

static HRESULT
base_set_autogen_filter(struct d3d9_texture *t, D3DTEXTUREFILTERTYPE filter)
{
   /* NONE is refused; anything else is stored, on any texture (Wine's
    * texture tests). */
   if (filter == D3DTEXF_NONE || filter > D3DTEXF_GAUSSIANQUAD)
      return D3DERR_INVALIDCALL;
   t->autogen_filter = filter;
   return D3D_OK;
}

static void
base_generate_mip_sublevels(struct d3d9_texture *t)
{
   if (!(t->usage & D3DUSAGE_AUTOGENMIPMAP))
      return;
   t->autogen_dirty = TRUE;
   d3d9_texture_gpu_handle(t);
}

/* The base methods, once per interface: each forwards to the above. */
#define BASE_METHODS(prefix, Iface)                                       \
   static HRESULT WINAPI prefix##_QueryInterface(Iface *iface, REFIID riid, \
                                                 void **out)              \
   {                                                                     \
      return base_query_interface(impl(iface), riid, out);               \
   }                                                                     \
   static ULONG WINAPI prefix##_AddRef(Iface *iface)                      \
   {                                                                     \
      return d3d9_bindable_addref(&impl(iface)->bindable);               \
   }                                                                     \
   static ULONG WINAPI prefix##_Release(Iface *iface)                     \
   {                                                                     \
      return d3d9_bindable_release(&impl(iface)->bindable);              \
   }                                                                     \
   static HRESULT WINAPI prefix##_GetDevice(Iface *iface,                 \
                                            IDirect3DDevice9 **device)    \
   {                                                                     \
      return base_get_device(impl(iface), device);                       \
   }                                                                     \
   static HRESULT WINAPI prefix##_SetPrivateData(Iface *iface, REFGUID g, \
                                                 const void *data,        \
                                                 DWORD size, DWORD flags) \
   {                                                                     \
      return d3d9_private_data_set(&impl(iface)->private_data, g, data,  \
                                   size, flags);                         \
   }                                                                     \
   static HRESULT WINAPI prefix##_GetPrivateData(Iface *iface, REFGUID g, \
                                                 void *data, DWORD *size) \
   {                                                                     \
      return d3d9_private_data_get(&impl(iface)->private_data, g, data,  \
                                   size);                                \
   }                                                                     \
   static HRESULT WINAPI prefix##_FreePrivateData(Iface *iface, REFGUID g) \
   {                                                                     \
      return d3d9_private_data_free(&impl(iface)->private_data, g);      \
   }                                                                     \
   static DWORD WINAPI prefix##_SetPriority(Iface *iface, DWORD priority) \
   {                                                                     \
      return base_set_priority(impl(iface), priority);                   \
   }                                                                     \
   static DWORD WINAPI prefix##_GetPriority(Iface *iface)                 \
   {                                                                     \
      return impl(iface)->priority;                                      \
   }                                                                     \
   static void WINAPI prefix##_PreLoad(Iface *iface)                      \
   {                                                                     \
      d3d9_texture_gpu_handle(impl(iface));                              \
   }                                                                     \
   static D3DRESOURCETYPE WINAPI prefix##_GetType(Iface *iface)           \
   {                                                                     \
      return impl(iface)->type;                                          \
   }                                                                     \
   static DWORD WINAPI prefix##_SetLOD(Iface *iface, DWORD lod)           \
   {                                                                     \
      return base_set_lod(impl(iface), lod);                             \
   }                                                                     \
   static DWORD WINAPI prefix##_GetLOD(Iface *iface)                      \
   {                                                                     \
      return impl(iface)->lod;                                           \
   }                                                                     \
   static DWORD WINAPI prefix##_GetLevelCount(Iface *iface)               \
   {                                                                     \
      return d3d9_texture_visible_levels(impl(iface));                   \
   }                                                                     \
   static HRESULT WINAPI prefix##_SetAutoGenFilterType(                   \
      Iface *iface, D3DTEXTUREFILTERTYPE filter)                          \
   {                                                                     \
      return base_set_autogen_filter(impl(iface), filter);               \
   }                                                                     \
   static D3DTEXTUREFILTERTYPE WINAPI prefix##_GetAutoGenFilterType(      \
      Iface *iface)                                                       \
   {                                                                     \
      return impl(iface)->autogen_filter;                                \
   }                                                                     \
   static void WINAPI prefix##_GenerateMipSubLevels(Iface *iface)         \
   {                                                                     \
      base_generate_mip_sublevels(impl(iface));                          \
   }

#define BASE_VTBL(prefix)                                                 \
   prefix##_QueryInterface, prefix##_AddRef, prefix##_Release,            \
   prefix##_GetDevice, prefix##_SetPrivateData, prefix##_GetPrivateData,  \
   prefix##_FreePrivateData, prefix##_SetPriority, prefix##_GetPriority,  \
   prefix##_PreLoad, prefix##_GetType, prefix##_SetLOD, prefix##_GetLOD,  \
   prefix##_GetLevelCount, prefix##_SetAutoGenFilterType,                 \
   prefix##_GetAutoGenFilterType, prefix##_GenerateMipSubLevels

BASE_METHODS(tex2d, IDirect3DTexture9)
BASE_METHODS(cube, IDirect3DCubeTexture9)
BASE_METHODS(tex3d, IDirect3DVolumeTexture9)

/* AddDirtyRect/AddDirtyBox: the union of the boxes named (NULL: all). */
static void
add_dirty(struct d3d9_texture *t, UINT face, const D3DBOX *box)
{
   const D3DBOX all = { 0, 0, t->width, t->height, 0, t->depth };
   if (!box)
      box = &all;
   D3DBOX *d = &t->dirty_box[face];
   if (!t->dirty[face]) {
      *d = *box;
      t->dirty[face] = TRUE;
      return;
   }
   d->Left = MIN(d->Left, box->Left);
   d->Top = MIN(d->Top, box->Top);
   d->Front = MIN(d->Front, box->Front);
   d->Right = MAX(d->Right, box->Right);
   d->Bottom = MAX(d->Bottom, box->Bottom);
   d->Back = MAX(d->Back, box->Back);
}

static void
add_dirty_rect(struct d3d9_texture *t, UINT face, const RECT *rect)
{
   if (!rect) {
      add_dirty(t, face, NULL);
      return;
   }
   const D3DBOX b = { MAX(rect->left, 0), MAX(rect->top, 0),
                      MAX(rect->right, 0), MAX(rect->bottom, 0), 0, 1 };
   add_dirty(t, face, &b);
}

static HRESULT
level_desc(struct d3d9_texture *t, UINT level, D3DSURFACE_DESC *desc)
{
   struct d3d9_surface *s = d3d9_texture_surface(t, 0, level);
   if (!s || !desc)
      return D3DERR_INVALIDCALL;
   *desc = s->desc;
   return D3D_OK;
}

static HRESULT
get_surface(struct d3d9_texture *t, UINT face, UINT level,
            IDirect3DSurface9 **out)
{
   if (!out)
      return D3DERR_INVALIDCALL;
   struct d3d9_surface *s = d3d9_texture_surface(t, face, level);
   if (!s)
      return D3DERR_INVALIDCALL;
   *out = &s->IDirect3DSurface9_iface;
   IDirect3DSurface9_AddRef(*out);
   return D3D_OK;
}

static HRESULT
lock_rect(struct d3d9_texture *t, UINT face, UINT level,
          D3DLOCKED_RECT *locked, const RECT *rect, DWORD flags)
{
   struct d3d9_surface *s = d3d9_texture_surface(t, face, level);
   if (!s)
      return D3DERR_INVALIDCALL;
   HRESULT hr = IDirect3DSurface9_LockRect(&s->IDirect3DSurface9_iface,
                                           locked, rect, flags);
   /* A lock that writes marks what it covers dirty (level 0's
    * coordinates), as D3D9 does unless NO_DIRTY_UPDATE. */
   if (SUCCEEDED(hr) && !(flags & (D3DLOCK_NO_DIRTY_UPDATE |
                                   D3DLOCK_READONLY))) {
      if (!level) {
         add_dirty_rect(t, face, rect);
      } else {
         add_dirty(t, face, NULL);
      }
   }
   return hr;
}

static HRESULT
unlock_rect(struct d3d9_texture *t, UINT face, UINT level)
{
   struct d3d9_surface *s = d3d9_texture_surface(t, face, level);
   if (!s)
      return D3DERR_INVALIDCALL;
   return IDirect3DSurface9_UnlockRect(&s->IDirect3DSurface9_iface);
}

/* ---- IDirect3DTexture9 ---------------------------------------------- */

static HRESULT WINAPI
tex2d_GetLevelDesc(IDirect3DTexture9 *iface, UINT level, D3DSURFACE_DESC *desc)
{
   return level_desc(impl(iface), level, desc);
}

static HRESULT WINAPI
tex2d_GetSurfaceLevel(IDirect3DTexture9 *iface, UINT level,
                      IDirect3DSurface9 **out)
{
   return get_surface(impl(iface), 0, level, out);
}

static HRESULT WINAPI
tex2d_LockRect(IDirect3DTexture9 *iface, UINT level, D3DLOCKED_RECT *locked,
               const RECT *rect, DWORD flags)
{
   return lock_rect(impl(iface), 0, level, locked, rect, flags);
}

static HRESULT WINAPI
tex2d_UnlockRect(IDirect3DTexture9 *iface, UINT level)
{
   return unlock_rect(impl(iface), 0, level);
}

static HRESULT WINAPI
tex2d_AddDirtyRect(IDirect3DTexture9 *iface, const RECT *rect)
{
   add_dirty_rect(impl(iface), 0, rect);
   return D3D_OK;
}

static const struct IDirect3DTexture9Vtbl texture_2d_vtbl = {
   BASE_VTBL(tex2d),
   tex2d_GetLevelDesc, tex2d_GetSurfaceLevel, tex2d_LockRect,
   tex2d_UnlockRect, tex2d_AddDirtyRect,
};

/* ---- IDirect3DCubeTexture9 ------------------------------------------ */

static HRESULT WINAPI
cube_GetLevelDesc(IDirect3DCubeTexture9 *iface, UINT level,
                  D3DSURFACE_DESC *desc)
{
   return level_desc(impl(iface), level, desc);
}

static HRESULT WINAPI
cube_GetCubeMapSurface(IDirect3DCubeTexture9 *iface, D3DCUBEMAP_FACES face,
                       UINT level, IDirect3DSurface9 **out)
{
   return get_surface(impl(iface), (UINT)face, level, out);
}

static HRESULT WINAPI
cube_LockRect(IDirect3DCubeTexture9 *iface, D3DCUBEMAP_FACES face, UINT level,
              D3DLOCKED_RECT *locked, const RECT *rect, DWORD flags)
{
   return lock_rect(impl(iface), (UINT)face, level, locked, rect, flags);
}

static HRESULT WINAPI
cube_UnlockRect(IDirect3DCubeTexture9 *iface, D3DCUBEMAP_FACES face,
                UINT level)
{
   return unlock_rect(impl(iface), (UINT)face, level);
}

static HRESULT WINAPI
cube_AddDirtyRect(IDirect3DCubeTexture9 *iface, D3DCUBEMAP_FACES face,
                  const RECT *rect)
{
   if ((UINT)face >= 6)
      return D3DERR_INVALIDCALL;
   add_dirty_rect(impl(iface), (UINT)face, rect);
   return D3D_OK;
}

static const struct IDirect3DCubeTexture9Vtbl texture_cube_vtbl = {
   BASE_VTBL(cube),
   cube_GetLevelDesc, cube_GetCubeMapSurface, cube_LockRect,
   cube_UnlockRect, cube_AddDirtyRect,
};

/* ---- IDirect3DVolumeTexture9 ---------------------------------------- */

static struct d3d9_volume *
volume_level(struct d3d9_texture *t, UINT level)
{
   return level < t->levels ? t->volumes[level] : NULL;
}

static HRESULT WINAPI
tex3d_GetLevelDesc(IDirect3DVolumeTexture9 *iface, UINT level,
                   D3DVOLUME_DESC *desc)
{
   struct d3d9_volume *v = volume_level(impl(iface), level);
   if (!v || !desc)
      return D3DERR_INVALIDCALL;
   *desc = v->desc;
   return D3D_OK;
}

static HRESULT WINAPI
tex3d_GetVolumeLevel(IDirect3DVolumeTexture9 *iface, UINT level,
                     IDirect3DVolume9 **out)
{
   struct d3d9_volume *v = volume_level(impl(iface), level);
   if (!v || !out)
      return D3DERR_INVALIDCALL;
   *out = &v->IDirect3DVolume9_iface;
   IDirect3DVolume9_AddRef(*out);
   return D3D_OK;
}

static HRESULT WINAPI
tex3d_LockBox(IDirect3DVolumeTexture9 *iface, UINT level,
              D3DLOCKED_BOX *locked, const D3DBOX *box, DWORD flags)
{
   struct d3d9_texture *t = impl(iface);
   struct d3d9_volume *v = volume_level(t, level);
   if (!v)
      return D3DERR_INVALIDCALL;
   HRESULT hr = d3d9_volume_lock(v, locked, box, flags);
   if (SUCCEEDED(hr) && !(flags & (D3DLOCK_NO_DIRTY_UPDATE |
                                   D3DLOCK_READONLY)))
      add_dirty(t, 0, level ? NULL : box);
   return hr;
}

static HRESULT WINAPI
tex3d_UnlockBox(IDirect3DVolumeTexture9 *iface, UINT level)
{
   struct d3d9_volume *v = volume_level(impl(iface), level);
   if (!v)
      return D3DERR_INVALIDCALL;
   return d3d9_volume_unlock(v);
}

static HRESULT WINAPI
tex3d_AddDirtyBox(IDirect3DVolumeTexture9 *iface, const D3DBOX *box)
{
   add_dirty(impl(iface), 0, box);
   return D3D_OK;
}

static const struct IDirect3DVolumeTexture9Vtbl texture_3d_vtbl = {
   BASE_VTBL(tex3d),
   tex3d_GetLevelDesc, tex3d_GetVolumeLevel, tex3d_LockBox, tex3d_UnlockBox,
   tex3d_AddDirtyBox,
};

/* ---- Creation ------------------------------------------------------- */

static UINT
full_chain(UINT w, UINT h, UINT d)
{
   UINT m = MAX(MAX(w, h), d), n = 1;
   while (m > 1) {
      m >>= 1;
      n++;
   }
   return n;
}

static UINT
minify(UINT size, UINT level)
{
   return MAX(size >> level, 1u);
}

/* D3D9's checks of a texture's pool, usage, size and format (Wine's
 * device tests: test_resource_access, test_volume_locking,
 * test_mipmap_gen, test_cube_textures).  *levels becomes the resource's
 * level count. */
static HRESULT
validate(struct d3d9_device *device, D3DRESOURCETYPE type, UINT width,
         UINT height, UINT depth, UINT *levels, DWORD usage,
         D3DFORMAT format, D3DPOOL pool)
{
   const struct d3d9_adapter *adapter = &device->d3d9->adapter;
   const D3DCAPS9 *caps = &adapter->caps;
   const DWORD rtds = D3DUSAGE_RENDERTARGET | D3DUSAGE_DEPTHSTENCIL;

   if (!width || !height || !depth)
      return D3DERR_INVALIDCALL;
   if (pool > D3DPOOL_SCRATCH)
      return D3DERR_INVALIDCALL;
   if (pool == D3DPOOL_MANAGED && device->extended)
      return D3DERR_INVALIDCALL;   /* no managed pool on D3D9Ex */
   if (usage & D3DUSAGE_WRITEONLY)
      return D3DERR_INVALIDCALL;
   if ((usage & rtds) && pool != D3DPOOL_DEFAULT)
      return D3DERR_INVALIDCALL;
   if ((usage & rtds) == rtds)
      return D3DERR_INVALIDCALL;
   if ((usage & D3DUSAGE_DYNAMIC) &&
       (pool == D3DPOOL_MANAGED || pool == D3DPOOL_SCRATCH ||
        (usage & rtds)))
      return D3DERR_INVALIDCALL;
   if (type == D3DRTYPE_VOLUMETEXTURE && (usage & rtds))
      return D3DERR_INVALIDCALL;
   if (d3d9_format_is_depth(format) && pool != D3DPOOL_DEFAULT)
      return D3DERR_INVALIDCALL;
   if (type == D3DRTYPE_CUBETEXTURE &&
       !(caps->TextureCaps & D3DPTEXTURECAPS_CUBEMAP))
      return D3DERR_INVALIDCALL;
   if (type == D3DRTYPE_VOLUMETEXTURE &&
       !(caps->TextureCaps & D3DPTEXTURECAPS_VOLUMEMAP))
      return D3DERR_INVALIDCALL;

   /* The format, for what the texture is; scratch textures are never
    * the device's, only their layout must be known. */
   const FORMATOP *op = d3d9_adapter_format(adapter, format);
   if (pool == D3DPOOL_SCRATCH) {
      struct d3d9_format_layout l;
      if (!op && !d3d9_format_layout(format, &l))
         return D3DERR_INVALIDCALL;
   } else {
      UINT ops = type == D3DRTYPE_TEXTURE ? FORMATOP_TEXTURE :
                 type == D3DRTYPE_CUBETEXTURE ? FORMATOP_CUBETEXTURE :
                 FORMATOP_VOLUMETEXTURE;
      if (usage & D3DUSAGE_RENDERTARGET)
         ops |= FORMATOP_OFFSCREEN_RENDERTARGET;
      if (usage & D3DUSAGE_DEPTHSTENCIL)
         ops |= FORMATOP_ZSTENCIL;
      if (!op || (op->Operations & ops) != ops)
         return D3DERR_INVALIDCALL;
   }
   if (!d3d9_format_size_ok(format, width, height)) {
      D3D9_LOG("texture %ux%u of format %#x: not whole blocks", width,
               height, (unsigned)format);
      return D3DERR_INVALIDCALL;
   }

   const UINT chain = full_chain(width, height,
                                 type == D3DRTYPE_VOLUMETEXTURE ? depth : 1);
   /* More levels than the chain: the chain (wined3d and DXVK accept
    * such requests; programs make them). */
   if (*levels > chain)
      *levels = chain;
   if (usage & D3DUSAGE_AUTOGENMIPMAP) {
      if (type == D3DRTYPE_VOLUMETEXTURE || pool == D3DPOOL_SYSTEMMEM)
         return D3DERR_INVALIDCALL;
      if (*levels > 1)
         return D3DERR_INVALIDCALL;
      /* Without the driver's generation the texture has one level. */
      *levels = op && (op->Operations & FORMATOP_AUTOGENMIPMAP) ? chain : 1;
      return D3D_OK;
   }
   const BOOL mip = type == D3DRTYPE_TEXTURE ?
                    !!(caps->TextureCaps & D3DPTEXTURECAPS_MIPMAP) :
                    type == D3DRTYPE_CUBETEXTURE ?
                    !!(caps->TextureCaps & D3DPTEXTURECAPS_MIPCUBEMAP) :
                    !!(caps->TextureCaps & D3DPTEXTURECAPS_MIPVOLUMEMAP);
   if (!*levels)
      *levels = mip ? chain : 1;
   else if (*levels > 1 && !mip)
      return D3DERR_INVALIDCALL;
   return D3D_OK;
}

static D3DDDI_RESOURCEFLAGS
resource_flags(D3DRESOURCETYPE type, DWORD usage)
{
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.Texture = type == D3DRTYPE_TEXTURE;
   f.CubeMap = type == D3DRTYPE_CUBETEXTURE;
   f.Volume = type == D3DRTYPE_VOLUMETEXTURE;
   f.RenderTarget = !!(usage & D3DUSAGE_RENDERTARGET);
   f.ZBuffer = !!(usage & D3DUSAGE_DEPTHSTENCIL);
   f.Dynamic = !!(usage & D3DUSAGE_DYNAMIC);
   f.AutogenMipmap = !!(usage & D3DUSAGE_AUTOGENMIPMAP);
   f.DMap = !!(usage & D3DUSAGE_DMAP);
   f.Points = !!(usage & D3DUSAGE_POINTS);
   f.RtPatches = !!(usage & D3DUSAGE_RTPATCHES);
   f.NPatches = !!(usage & D3DUSAGE_NPATCHES);
   return f;
}

/* The surface list the driver gets, and, for the runtime's pools, the
 * memory of every level (16-byte aligned levels). */
static HRESULT
build_surfaces(struct d3d9_texture *t, D3DDDI_SURFACEINFO *info)
{
   const BOOL sysmem = t->pool != D3DPOOL_DEFAULT;   /* managed: the copy */
   size_t total = 0;
   for (int pass = 0; pass < 2; pass++) {
      size_t offset = 0;
      for (UINT f = 0; f < t->faces; f++) {
         /* Each face starts on 16 bytes (Windows' layout; the program's
          * memory is packed). */
         if (!t->user_mem)
            offset = (offset + 15) & ~(size_t)15;
         for (UINT l = 0; l < t->levels; l++) {
            D3DDDI_SURFACEINFO *s = &info[f * t->levels + l];
            s->Width = minify(t->width, l);
            s->Height = minify(t->height, l);
            s->Depth = t->type == D3DRTYPE_VOLUMETEXTURE ?
                       minify(t->depth, l) : 1;
            if (!sysmem)
               continue;
            s->SysMemPitch = d3d9_format_pitch(t->format, s->Width);
            if (t->user_mem) {
               /* The program's memory: packed rows (Wine's
                * test_user_memory, a 33-pixel L8 row is 33 bytes). */
               struct d3d9_format_layout fl;
               if (d3d9_format_layout(t->format, &fl))
                  s->SysMemPitch = (s->Width + fl.block_w - 1) / fl.block_w *
                                   fl.bytes;
            }
            /* ATI1 and ATI2 levels take a row of blocks' pitch per
             * pixel row, as on Windows (Wine's test_miptree_layout). */
            const BOOL ati = t->format == MAKEFOURCC('A', 'T', 'I', '1') ||
                             t->format == MAKEFOURCC('A', 'T', 'I', '2');
            s->SysMemSlicePitch = s->SysMemPitch *
                                  (ati && !t->user_mem
                                      ? s->Height
                                      : d3d9_format_rows(t->format, s->Height));
            if (pass)
               s->pSysMem = (BYTE *)t->mem + offset;
            /* A face's levels follow each other without padding, as in
             * Windows' runtime (Wine's test_miptree_layout). */
            offset += (size_t)s->SysMemSlicePitch * s->Depth;
         }
      }
      total = offset;
      if (!sysmem)
         return D3D_OK;
      if (!pass && !t->user_mem) {
         t->mem = calloc(1, total ? total : 1);
         if (!t->mem)
            return E_OUTOFMEMORY;
      }
   }
   return D3D_OK;
}

/* The program's view of each level. */
static HRESULT
make_levels(struct d3d9_texture *t, const D3DDDI_SURFACEINFO *info)
{
   const UINT n = t->faces * t->levels;
   IUnknown *container = (IUnknown *)&t->IDirect3DBaseTexture9_iface;
   if (t->type == D3DRTYPE_VOLUMETEXTURE) {
      t->volumes = calloc(t->levels, sizeof(*t->volumes));
      if (!t->volumes)
         return E_OUTOFMEMORY;
      for (UINT l = 0; l < t->levels; l++) {
         HRESULT hr = d3d9_volume_create(t, l, &t->volumes[l]);
         if (FAILED(hr))
            return hr;
         D3DVOLUME_DESC *d = &t->volumes[l]->desc;
         d->Format = t->format;
         d->Type = D3DRTYPE_VOLUME;
         d->Usage = t->usage;
         d->Pool = t->pool;
         d->Width = info[l].Width;
         d->Height = info[l].Height;
         d->Depth = info[l].Depth;
      }
      return D3D_OK;
   }
   t->surfaces = calloc(n, sizeof(*t->surfaces));
   if (!t->surfaces)
      return E_OUTOFMEMORY;
   /* D3D9's lock rules: default-pool textures lock when dynamic (and
    * block-compressed ones always: Wine's test_resource_access). */
   const BOOL lockable = t->pool != D3DPOOL_DEFAULT ||
                         (t->usage & D3DUSAGE_DYNAMIC) ||
                         d3d9_format_is_block_compressed(t->format);
   for (UINT i = 0; i < n; i++) {
      const D3DSURFACE_DESC desc = {
         .Format = t->format, .Type = D3DRTYPE_SURFACE, .Usage = t->usage,
         .Pool = t->pool, .MultiSampleType = D3DMULTISAMPLE_NONE,
         .Width = info[i].Width, .Height = info[i].Height,
      };
      HRESULT hr = d3d9_surface_create_level(t->device, container, &desc,
                                             t->hresource, i,
                                             &t->surfaces[i]);
      if (FAILED(hr))
         return hr;
      t->surfaces[i]->not_lockable = !lockable;
   }
   return D3D_OK;
}

HRESULT
d3d9_texture_create(struct d3d9_device *device, D3DRESOURCETYPE type,
                    UINT width, UINT height, UINT depth, UINT levels,
                    DWORD usage, D3DFORMAT format, D3DPOOL pool,
                    void *user_mem, struct d3d9_texture **out)
{
   HRESULT hr = validate(device, type, width, height, depth, &levels, usage,
                         format, pool);
   if (FAILED(hr)) {
      D3D9_LOG("Create%sTexture %ux%ux%u levels %u usage %#lx format %#x "
               "pool %u: invalid", type == D3DRTYPE_CUBETEXTURE ? "Cube" :
               type == D3DRTYPE_VOLUMETEXTURE ? "Volume" : "", width, height,
               depth, levels, (unsigned long)usage, (unsigned)format,
               (unsigned)pool);
      return hr;
   }
   struct d3d9_texture *t = calloc(1, sizeof(*t));
   if (!t)
      return E_OUTOFMEMORY;
   t->IDirect3DBaseTexture9_iface.lpVtbl =
      type == D3DRTYPE_TEXTURE ? (void *)&texture_2d_vtbl :
      type == D3DRTYPE_CUBETEXTURE ? (void *)&texture_cube_vtbl :
      (void *)&texture_3d_vtbl;
   t->device = device;
   t->type = type;
   t->format = format;
   t->usage = usage;
   t->pool = pool;
   t->width = width;
   t->height = type == D3DRTYPE_CUBETEXTURE ? width : height;
   t->depth = type == D3DRTYPE_VOLUMETEXTURE ? depth : 1;
   t->levels = levels;
   t->faces = type == D3DRTYPE_CUBETEXTURE ? 6 : 1;
   t->autogen_filter = usage & D3DUSAGE_AUTOGENMIPMAP ? D3DTEXF_LINEAR
                                                      : D3DTEXF_NONE;
   if (user_mem) {
      t->mem = user_mem;
      t->user_mem = TRUE;
   }
   /* Not yet the program's: no device reference until it succeeds. */
   t->bindable.device = device;
   t->bindable.destroy = texture_destroy;

   const UINT n = t->faces * t->levels;
   D3DDDI_SURFACEINFO *info = calloc(n, sizeof(*info));
   if (!info) {
      free(t);
      return E_OUTOFMEMORY;
   }
   hr = build_surfaces(t, info);
   if (SUCCEEDED(hr)) {
      const BOOL sysmem = pool != D3DPOOL_DEFAULT;
      D3DDDIARG_CREATERESOURCE2 args = {
         .Format = (D3DDDIFORMAT)format,
         /* MANAGED: this is the system copy; the video resource below. */
         .Pool = sysmem ? D3DDDIPOOL_SYSTEMMEM : D3DDDIPOOL_VIDEOMEMORY,
         .MultisampleType = D3DDDIMULTISAMPLE_NONE,
         .pSurfList = info, .SurfCount = n, .MipLevels = t->levels,
         .Flags = resource_flags(type, usage),
         .hResource = t,
      };
      hr = device->funcs.pfnCreateResource2(device->hdevice, &args);
      if (SUCCEEDED(hr))
         t->hresource = args.hResource;
      if (SUCCEEDED(hr) && pool == D3DPOOL_MANAGED) {
         for (UINT i = 0; i < n; i++) {
            info[i].pSysMem = NULL;
            info[i].SysMemPitch = info[i].SysMemSlicePitch = 0;
         }
         args.Pool = D3DDDIPOOL_VIDEOMEMORY;
         args.hResource = &t->hvideo;   /* the runtime's handle for it */
         hr = device->funcs.pfnCreateResource2(device->hdevice, &args);
         if (SUCCEEDED(hr)) {
            t->hvideo = args.hResource;
            t->managed_dirty = TRUE;
         }
      }
      if (FAILED(hr))
         hr = hr == E_OUTOFMEMORY ? D3DERR_OUTOFVIDEOMEMORY
                                  : D3DERR_INVALIDCALL;
   }
   if (SUCCEEDED(hr))
      hr = make_levels(t, info);
   free(info);
   if (FAILED(hr)) {
      texture_destroy(&t->bindable);
      return hr;
   }
   d3d9_bindable_init(&t->bindable, device, texture_destroy);
   if (pool == D3DPOOL_DEFAULT)
      d3d9_bindable_blocks_reset(&t->bindable);
   *out = t;
   return D3D_OK;
}

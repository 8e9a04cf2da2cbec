/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * IDirect3DVolume9: one level of a volume texture.  Its AddRef and
 * Release are the texture's (D3D9: a volume has no lifetime of its
 * own), and LockBox locks the texture's driver resource at the level's
 * subresource with the box (BoxValid).
 */

#include <stdlib.h>
#include <string.h>

#include "d3d9_texture.h"

static inline struct d3d9_volume *
impl_from_IDirect3DVolume9(IDirect3DVolume9 *iface)
{
   return CONTAINING_RECORD(iface, struct d3d9_volume, IDirect3DVolume9_iface);
}

static IUnknown *
container_of(struct d3d9_volume *v)
{
   return (IUnknown *)&v->texture->IDirect3DBaseTexture9_iface;
}

static HRESULT WINAPI
volume_QueryInterface(IDirect3DVolume9 *iface, REFIID riid, void **out)
{
   if (!out)
      return E_POINTER;
   if (IsEqualGUID(riid, &IID_IDirect3DVolume9) ||
       IsEqualGUID(riid, &IID_IUnknown)) {
      IDirect3DVolume9_AddRef(iface);
      *out = iface;
      return S_OK;
   }
   *out = NULL;
   return E_NOINTERFACE;
}

static ULONG WINAPI
volume_AddRef(IDirect3DVolume9 *iface)
{
   return IUnknown_AddRef(container_of(impl_from_IDirect3DVolume9(iface)));
}

static ULONG WINAPI
volume_Release(IDirect3DVolume9 *iface)
{
   return IUnknown_Release(container_of(impl_from_IDirect3DVolume9(iface)));
}

static HRESULT WINAPI
volume_GetDevice(IDirect3DVolume9 *iface, IDirect3DDevice9 **device)
{
   struct d3d9_volume *v = impl_from_IDirect3DVolume9(iface);
   if (!device)
      return D3DERR_INVALIDCALL;
   *device = (IDirect3DDevice9 *)&v->texture->device->IDirect3DDevice9Ex_iface;
   IDirect3DDevice9_AddRef(*device);
   return D3D_OK;
}

static HRESULT WINAPI
volume_SetPrivateData(IDirect3DVolume9 *iface, REFGUID guid, const void *data,
                      DWORD size, DWORD flags)
{
   return d3d9_private_data_set(&impl_from_IDirect3DVolume9(iface)->private_data,
                                guid, data, size, flags);
}

static HRESULT WINAPI
volume_GetPrivateData(IDirect3DVolume9 *iface, REFGUID guid, void *data,
                      DWORD *size)
{
   return d3d9_private_data_get(&impl_from_IDirect3DVolume9(iface)->private_data,
                                guid, data, size);
}

static HRESULT WINAPI
volume_FreePrivateData(IDirect3DVolume9 *iface, REFGUID guid)
{
   return d3d9_private_data_free(&impl_from_IDirect3DVolume9(iface)->private_data,
                                 guid);
}

static HRESULT WINAPI
volume_GetContainer(IDirect3DVolume9 *iface, REFIID riid, void **out)
{
   struct d3d9_volume *v = impl_from_IDirect3DVolume9(iface);
   if (!out)
      return D3DERR_INVALIDCALL;
   return IUnknown_QueryInterface(container_of(v), riid, out);
}

static HRESULT WINAPI
volume_GetDesc(IDirect3DVolume9 *iface, D3DVOLUME_DESC *desc)
{
   struct d3d9_volume *v = impl_from_IDirect3DVolume9(iface);
   if (!desc)
      return D3DERR_INVALIDCALL;
   *desc = v->desc;
   return D3D_OK;
}

static HRESULT WINAPI
volume_LockBox(IDirect3DVolume9 *iface, D3DLOCKED_BOX *locked,
               const D3DBOX *box, DWORD flags)
{
   return d3d9_volume_lock(impl_from_IDirect3DVolume9(iface), locked, box,
                           flags);
}

static HRESULT WINAPI
volume_UnlockBox(IDirect3DVolume9 *iface)
{
   return d3d9_volume_unlock(impl_from_IDirect3DVolume9(iface));
}

static const struct IDirect3DVolume9Vtbl volume_vtbl = {
   volume_QueryInterface, volume_AddRef, volume_Release, volume_GetDevice,
   volume_SetPrivateData, volume_GetPrivateData, volume_FreePrivateData,
   volume_GetContainer, volume_GetDesc, volume_LockBox, volume_UnlockBox,
};

static void
fail_lock(D3DLOCKED_BOX *locked)
{
   locked->pBits = NULL;
   locked->RowPitch = 0;
   locked->SlicePitch = 0;
}

/* Whether a box lies in the level: non-empty, inside, and (compressed
 * formats) on whole blocks (Wine's test_lockbox_invalid). */
static BOOL
box_valid(const struct d3d9_volume *v, const D3DBOX *b)
{
   if (b->Left >= b->Right || b->Top >= b->Bottom || b->Front >= b->Back ||
       b->Right > v->desc.Width || b->Bottom > v->desc.Height ||
       b->Back > v->desc.Depth)
      return FALSE;
   struct d3d9_format_layout l;
   if (d3d9_format_layout(v->desc.Format, &l) && l.block_w > 1) {
      if ((b->Left % l.block_w) || (b->Top % l.block_h) ||
          ((b->Right % l.block_w) && b->Right != v->desc.Width) ||
          ((b->Bottom % l.block_h) && b->Bottom != v->desc.Height))
         return FALSE;
   }
   return TRUE;
}

HRESULT
d3d9_volume_lock(struct d3d9_volume *v, D3DLOCKED_BOX *locked,
                 const D3DBOX *box, DWORD flags)
{
   struct d3d9_texture *t = v->texture;
   struct d3d9_device *device = t->device;
   if (!locked)
      return D3DERR_INVALIDCALL;
   /* Default-pool volumes lock only when dynamic (test_volume_locking). */
   if (v->lock_count ||
       (t->pool == D3DPOOL_DEFAULT && !(t->usage & D3DUSAGE_DYNAMIC))) {
      fail_lock(locked);
      return D3DERR_INVALIDCALL;
   }
   D3DDDIARG_LOCK l = { .hResource = t->hresource,
                        .SubResourceIndex = v->level };
   if (box) {
      if (!box_valid(v, box)) {
         fail_lock(locked);
         return D3DERR_INVALIDCALL;
      }
      l.Flags.BoxValid = 1;
      l.Box = (D3DDDIBOX){ box->Left, box->Top, box->Right, box->Bottom,
                           box->Front, box->Back };
   }
   l.Flags.ReadOnly = !!(flags & D3DLOCK_READONLY);
   l.Flags.Discard = !!(flags & D3DLOCK_DISCARD);
   l.Flags.NoOverwrite = !!(flags & D3DLOCK_NOOVERWRITE);
   l.Flags.DoNotWait = !!(flags & D3DLOCK_DONOTWAIT);
   HRESULT hr = device->funcs.pfnLock(device->hdevice, &l);
   if (FAILED(hr)) {
      fail_lock(locked);
      return hr == D3DDDIERR_WASSTILLDRAWING ? D3DERR_WASSTILLDRAWING
                                             : D3DERR_INVALIDCALL;
   }
   v->lock_count++;
   locked->pBits = l.pSurfData;
   locked->RowPitch = l.Pitch;
   locked->SlicePitch = l.SlicePitch;
   return D3D_OK;
}

HRESULT
d3d9_volume_unlock(struct d3d9_volume *v)
{
   struct d3d9_device *device = v->texture->device;
   if (!v->lock_count)
      return D3DERR_INVALIDCALL;
   D3DDDIARG_UNLOCK u = { .hResource = v->texture->hresource,
                          .SubResourceIndex = v->level };
   HRESULT hr = device->funcs.pfnUnlock(device->hdevice, &u);
   v->lock_count--;
   d3d9_texture_level_changed(v->texture, v->level);
   return FAILED(hr) ? D3DERR_INVALIDCALL : D3D_OK;
}

HRESULT
d3d9_volume_create(struct d3d9_texture *texture, UINT level,
                   struct d3d9_volume **out)
{
   struct d3d9_volume *v = calloc(1, sizeof(*v));
   if (!v)
      return E_OUTOFMEMORY;
   v->IDirect3DVolume9_iface.lpVtbl = (IDirect3DVolume9Vtbl *)&volume_vtbl;
   v->texture = texture;
   v->level = level;
   *out = v;
   return D3D_OK;
}

void
d3d9_volume_destroy(struct d3d9_volume *v)
{
   d3d9_private_data_fini(&v->private_data);
   if (v->lock_count) {
      D3DDDIARG_UNLOCK u = { .hResource = v->texture->hresource,
                             .SubResourceIndex = v->level };
      v->texture->device->funcs.pfnUnlock(v->texture->device->hdevice, &u);
   }
   free(v);
}

HRESULT
d3d9_volume_copy(struct d3d9_device *device, HANDLE src, UINT src_sub,
                 HANDLE dst, UINT dst_sub, const D3DVOLUME_DESC *desc)
{
   D3DDDIARG_LOCK ls = { .hResource = src, .SubResourceIndex = src_sub };
   ls.Flags.ReadOnly = 1;
   D3DDDIARG_LOCK ld = { .hResource = dst, .SubResourceIndex = dst_sub };
   ld.Flags.WriteOnly = 1;
   if (FAILED(device->funcs.pfnLock(device->hdevice, &ls)))
      return D3DERR_INVALIDCALL;
   if (FAILED(device->funcs.pfnLock(device->hdevice, &ld))) {
      D3DDDIARG_UNLOCK u = { .hResource = src, .SubResourceIndex = src_sub };
      device->funcs.pfnUnlock(device->hdevice, &u);
      return D3DERR_INVALIDCALL;
   }
   struct d3d9_format_layout l;
   if (!d3d9_format_layout(desc->Format, &l))
      l = (struct d3d9_format_layout){ 1, 1, 4 };
   const UINT row = (desc->Width + l.block_w - 1) / l.block_w * l.bytes;
   const UINT rows = d3d9_format_rows(desc->Format, desc->Height);
   for (UINT z = 0; z < desc->Depth; z++) {
      for (UINT y = 0; y < rows; y++) {
         memcpy((BYTE *)ld.pSurfData + (size_t)z * ld.SlicePitch +
                   (size_t)y * ld.Pitch,
                (const BYTE *)ls.pSurfData + (size_t)z * ls.SlicePitch +
                   (size_t)y * ls.Pitch, row);
      }
   }
   D3DDDIARG_UNLOCK us = { .hResource = src, .SubResourceIndex = src_sub };
   D3DDDIARG_UNLOCK ud = { .hResource = dst, .SubResourceIndex = dst_sub };
   device->funcs.pfnUnlock(device->hdevice, &ud);
   device->funcs.pfnUnlock(device->hdevice, &us);
   return D3D_OK;
}

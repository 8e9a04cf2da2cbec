/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * IDirect3DVertexBuffer9 and IDirect3DIndexBuffer9: one driver buffer
 * each (D3DDDIFMT_VERTEXDATA, INDEX16, INDEX32), locked through the
 * driver's Lock with a range.  D3DPOOL_SYSTEMMEM buffers are the
 * runtime's memory, handed to the driver as pSysMem.  The multi-processor
 * mode's LockAsync path comes with the worker thread.
 */

#include <stdlib.h>
#include <string.h>

#include "d3d9_buffer.h"

static void
buffer_destroy(struct d3d9_bindable *b)
{
   struct d3d9_buffer *buf = CONTAINING_RECORD(b, struct d3d9_buffer,
                                               bindable);
   struct d3d9_device *device = b->device;
   d3d9_private_data_fini(&buf->private_data);
   if (buf->lock_count) {
      D3DDDIARG_UNLOCK u = { .hResource = buf->hresource };
      device->funcs.pfnUnlock(device->hdevice, &u);
   }
   if (buf->hresource)
      device->funcs.pfnDestroyResource(device->hdevice, buf->hresource);
   if (buf->hvideo)
      device->funcs.pfnDestroyResource(device->hdevice, buf->hvideo);
   free(buf->mem);
   free(buf);
}

static HRESULT
buffer_lock(struct d3d9_buffer *buf, UINT offset, UINT size, void **data,
            DWORD flags)
{
   if (!data)
      return D3DERR_INVALIDCALL;
   *data = NULL;
   struct d3d9_device *device = buf->bindable.device;
   /* Offsets past the end lock nothing; size 0 is the rest. */
   if (offset > buf->size)
      return D3DERR_INVALIDCALL;
   if (!size || offset + size > buf->size)
      size = buf->size - offset;
   D3DDDIARG_LOCK l = { .hResource = buf->hresource };
   l.Flags.RangeValid = 1;
   l.Range.Offset = offset;
   l.Range.Size = size ? size : 1;
   l.Flags.ReadOnly = !!(flags & D3DLOCK_READONLY);
   /* Discard and NoOverwrite are for dynamic buffers (D3D9 ignores them
    * on others).  A software vertex processing device's buffers are
    * pinned: a Discard keeps the storage and its contents (Wine's
    * test_pinned_buffers, from Windows). */
   if ((buf->usage & D3DUSAGE_DYNAMIC) &&
       !(device->flags & D3DCREATE_SOFTWARE_VERTEXPROCESSING)) {
      l.Flags.Discard = !!(flags & D3DLOCK_DISCARD);
      l.Flags.NoOverwrite = !!(flags & D3DLOCK_NOOVERWRITE);
   }
   l.Flags.DoNotWait = !!(flags & D3DLOCK_DONOTWAIT);
   HRESULT hr = device->funcs.pfnLock(device->hdevice, &l);
   if (FAILED(hr))
      return hr == D3DDDIERR_WASSTILLDRAWING ? D3DERR_WASSTILLDRAWING
                                             : D3DERR_INVALIDCALL;
   buf->lock_count++;
   if (buf->hvideo && !(flags & D3DLOCK_READONLY)) {
      if (buf->dirty_start >= buf->dirty_end) {
         buf->dirty_start = offset;
         buf->dirty_end = offset + size;
      } else {
         if (offset < buf->dirty_start)
            buf->dirty_start = offset;
         if (offset + size > buf->dirty_end)
            buf->dirty_end = offset + size;
      }
   }
   *data = l.pSurfData;
   return D3D_OK;
}

static HRESULT
buffer_unlock(struct d3d9_buffer *buf)
{
   if (!buf->lock_count)
      return D3D_OK;   /* D3D9 answers D3D_OK to an extra Unlock */
   struct d3d9_device *device = buf->bindable.device;
   D3DDDIARG_UNLOCK u = { .hResource = buf->hresource };
   HRESULT hr = device->funcs.pfnUnlock(device->hdevice, &u);
   buf->lock_count--;
   return FAILED(hr) ? D3DERR_INVALIDCALL : D3D_OK;
}

/* The methods both interfaces share, by their vtable order. */
#define BUFFER_METHODS(Iface, prefix, iid, rtype, Desc)                     \
   static inline struct d3d9_buffer *prefix##_impl(Iface *iface)           \
   {                                                                        \
      return CONTAINING_RECORD(iface, struct d3d9_buffer, iface);          \
   }                                                                        \
   static HRESULT WINAPI prefix##_QueryInterface(Iface *iface, REFIID riid, \
                                                 void **out)               \
   {                                                                        \
      if (IsEqualGUID(riid, &iid) ||                                        \
          IsEqualGUID(riid, &IID_IDirect3DResource9) ||                     \
          IsEqualGUID(riid, &IID_IUnknown)) {                               \
         d3d9_bindable_addref(&prefix##_impl(iface)->bindable);             \
         *out = iface;                                                      \
         return S_OK;                                                       \
      }                                                                     \
      *out = NULL;                                                          \
      return E_NOINTERFACE;                                                 \
   }                                                                        \
   static ULONG WINAPI prefix##_AddRef(Iface *iface)                        \
   {                                                                        \
      return d3d9_bindable_addref(&prefix##_impl(iface)->bindable);         \
   }                                                                        \
   static ULONG WINAPI prefix##_Release(Iface *iface)                       \
   {                                                                        \
      return d3d9_bindable_release(&prefix##_impl(iface)->bindable);        \
   }                                                                        \
   static HRESULT WINAPI prefix##_GetDevice(Iface *iface,                   \
                                            IDirect3DDevice9 **device)      \
   {                                                                        \
      if (!device)                                                          \
         return D3DERR_INVALIDCALL;                                         \
      *device = (IDirect3DDevice9 *)                                        \
         &prefix##_impl(iface)->bindable.device->IDirect3DDevice9Ex_iface;  \
      IDirect3DDevice9_AddRef(*device);                                     \
      return D3D_OK;                                                        \
   }                                                                        \
   static HRESULT WINAPI prefix##_SetPrivateData(Iface *iface, REFGUID g,   \
      const void *d, DWORD s, DWORD f)                                      \
   {                                                                        \
      return d3d9_private_data_set(&prefix##_impl(iface)->private_data, g,  \
                                   d, s, f);                                \
   }                                                                        \
   static HRESULT WINAPI prefix##_GetPrivateData(Iface *iface, REFGUID g,   \
      void *d, DWORD *s)                                                    \
   {                                                                        \
      return d3d9_private_data_get(&prefix##_impl(iface)->private_data, g,  \
                                   d, s);                                   \
   }                                                                        \
   static HRESULT WINAPI prefix##_FreePrivateData(Iface *iface, REFGUID g)  \
   {                                                                        \
      return d3d9_private_data_free(&prefix##_impl(iface)->private_data, g);\
   }                                                                        \
   static DWORD WINAPI prefix##_SetPriority(Iface *iface, DWORD p)          \
   { return d3d9_managed_set_priority(prefix##_impl(iface)->pool,           \
                                      &prefix##_impl(iface)->priority, p); } \
   static DWORD WINAPI prefix##_GetPriority(Iface *iface)                   \
   { return prefix##_impl(iface)->priority; }                               \
   static void WINAPI prefix##_PreLoad(Iface *iface)                        \
   { d3d9_buffer_gpu_handle(prefix##_impl(iface)); }                        \
   static D3DRESOURCETYPE WINAPI prefix##_GetType(Iface *iface)             \
   { return rtype; }                                                        \
   static HRESULT WINAPI prefix##_Lock(Iface *iface, UINT offset,           \
                                       UINT size, void **data, DWORD flags) \
   { return buffer_lock(prefix##_impl(iface), offset, size, data, flags); } \
   static HRESULT WINAPI prefix##_Unlock(Iface *iface)                      \
   { return buffer_unlock(prefix##_impl(iface)); }                          \
   static HRESULT WINAPI prefix##_GetDesc(Iface *iface, Desc *desc)         \
   {                                                                        \
      struct d3d9_buffer *b = prefix##_impl(iface);                         \
      if (!desc)                                                            \
         return D3DERR_INVALIDCALL;                                         \
      memset(desc, 0, sizeof(*desc));                                       \
      desc->Format = b->format;                                             \
      desc->Type = rtype;                                                   \
      desc->Usage = b->usage;                                               \
      desc->Pool = b->pool;                                                 \
      desc->Size = b->size;                                                 \
      return D3D_OK;                                                        \
   }

BUFFER_METHODS(IDirect3DVertexBuffer9, vb, IID_IDirect3DVertexBuffer9,
               D3DRTYPE_VERTEXBUFFER, D3DVERTEXBUFFER_DESC)
BUFFER_METHODS(IDirect3DIndexBuffer9, ib, IID_IDirect3DIndexBuffer9,
               D3DRTYPE_INDEXBUFFER, D3DINDEXBUFFER_DESC)

static const struct IDirect3DVertexBuffer9Vtbl vb_vtbl = {
   vb_QueryInterface, vb_AddRef, vb_Release, vb_GetDevice,
   vb_SetPrivateData, vb_GetPrivateData, vb_FreePrivateData, vb_SetPriority,
   vb_GetPriority, vb_PreLoad, vb_GetType, vb_Lock, vb_Unlock, vb_GetDesc,
};

static const struct IDirect3DIndexBuffer9Vtbl ib_vtbl = {
   ib_QueryInterface, ib_AddRef, ib_Release, ib_GetDevice,
   ib_SetPrivateData, ib_GetPrivateData, ib_FreePrivateData, ib_SetPriority,
   ib_GetPriority, ib_PreLoad, ib_GetType, ib_Lock, ib_Unlock, ib_GetDesc,
};

static HRESULT
buffer_create(struct d3d9_device *device, UINT size, DWORD usage,
              D3DFORMAT format, D3DPOOL pool, BOOL index, DWORD fvf,
              struct d3d9_buffer **out)
{
   if (!size || pool > D3DPOOL_SCRATCH || pool == D3DPOOL_SCRATCH ||
       (usage & ~(D3DUSAGE_DYNAMIC | D3DUSAGE_WRITEONLY |
                  D3DUSAGE_DONOTCLIP | D3DUSAGE_POINTS |
                  D3DUSAGE_RTPATCHES | D3DUSAGE_NPATCHES |
                  D3DUSAGE_SOFTWAREPROCESSING)))
      return D3DERR_INVALIDCALL;
   if ((usage & D3DUSAGE_DYNAMIC) && pool == D3DPOOL_MANAGED)
      return D3DERR_INVALIDCALL;
   if (pool == D3DPOOL_MANAGED && device->extended)
      return D3DERR_INVALIDCALL;   /* no managed pool on D3D9Ex */
   if (index && format != D3DFMT_INDEX16 && format != D3DFMT_INDEX32)
      return D3DERR_INVALIDCALL;

   struct d3d9_buffer *buf = calloc(1, sizeof(*buf));
   if (!buf)
      return E_OUTOFMEMORY;
   buf->iface = index ? (void *)&ib_vtbl : (void *)&vb_vtbl;
   buf->size = size;
   buf->usage = usage;
   buf->pool = pool;
   buf->format = index ? format : D3DFMT_VERTEXDATA;
   buf->fvf = fvf;
   buf->index = index;

   D3DDDI_SURFACEINFO info = { .Width = size, .Height = 1, .Depth = 1 };
   /* The managed pool's system copy is the runtime's memory too. */
   if (pool == D3DPOOL_SYSTEMMEM || pool == D3DPOOL_MANAGED) {
      buf->mem = calloc(1, size);
      if (!buf->mem) {
         free(buf);
         return E_OUTOFMEMORY;
      }
      info.pSysMem = buf->mem;
      info.SysMemPitch = size;
   }
   D3DDDIARG_CREATERESOURCE2 args = {
      .Format = (D3DDDIFORMAT)buf->format,
      .Pool = pool != D3DPOOL_DEFAULT ? D3DDDIPOOL_SYSTEMMEM
                                      : D3DDDIPOOL_VIDEOMEMORY,
      .pSurfList = &info, .SurfCount = 1, .MipLevels = 1, .Fvf = fvf,
      .hResource = buf,
   };
   args.Flags.VertexBuffer = !index;
   args.Flags.IndexBuffer = index;
   args.Flags.Dynamic = !!(usage & D3DUSAGE_DYNAMIC);
   args.Flags.WriteOnly = !!(usage & D3DUSAGE_WRITEONLY);
   args.Flags.Points = !!(usage & D3DUSAGE_POINTS);
   args.Flags.RtPatches = !!(usage & D3DUSAGE_RTPATCHES);
   args.Flags.NPatches = !!(usage & D3DUSAGE_NPATCHES);
   HRESULT hr = device->funcs.pfnCreateResource2(device->hdevice, &args);
   if (SUCCEEDED(hr) && pool == D3DPOOL_MANAGED) {
      buf->hresource = args.hResource;
      info.pSysMem = NULL;
      info.SysMemPitch = 0;
      args.Pool = D3DDDIPOOL_VIDEOMEMORY;
      args.hResource = &buf->hvideo;   /* the runtime's handle for it */
      hr = device->funcs.pfnCreateResource2(device->hdevice, &args);
      if (FAILED(hr))
         device->funcs.pfnDestroyResource(device->hdevice, buf->hresource);
   }
   if (FAILED(hr)) {
      free(buf->mem);
      free(buf);
      return hr == E_OUTOFMEMORY ? D3DERR_OUTOFVIDEOMEMORY
                                 : D3DERR_INVALIDCALL;
   }
   if (pool == D3DPOOL_MANAGED) {
      buf->hvideo = args.hResource;
      buf->dirty_end = size;   /* the first draw uploads the whole */
   } else {
      buf->hresource = args.hResource;
   }
   d3d9_bindable_init(&buf->bindable, device, buffer_destroy);
   if (pool == D3DPOOL_DEFAULT)
      d3d9_bindable_blocks_reset(&buf->bindable);
   *out = buf;
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_CreateVertexBuffer(IDirect3DDevice9Ex *iface, UINT size,
                               DWORD usage, DWORD fvf, D3DPOOL pool,
                               IDirect3DVertexBuffer9 **out, HANDLE *shared)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!out)
      return D3DERR_INVALIDCALL;
   *out = NULL;
   if (shared && !device->extended)
      return E_NOTIMPL;   /* no sharing before D3D9Ex (Windows) */
   /* Ex user memory is for textures and surfaces only (Wine's
    * test_user_memory). */
   if (shared && pool == D3DPOOL_SYSTEMMEM)
      return D3DERR_NOTAVAILABLE;
   struct d3d9_buffer *buf;
   HRESULT hr = buffer_create(device, size, usage, D3DFMT_VERTEXDATA, pool,
                              FALSE, fvf, &buf);
   if (SUCCEEDED(hr))
      *out = (IDirect3DVertexBuffer9 *)&buf->iface;
   return hr;
}

HRESULT WINAPI
d3d9_device_CreateIndexBuffer(IDirect3DDevice9Ex *iface, UINT size,
                              DWORD usage, D3DFORMAT format, D3DPOOL pool,
                              IDirect3DIndexBuffer9 **out, HANDLE *shared)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!out)
      return D3DERR_INVALIDCALL;
   *out = NULL;
   if (shared && !device->extended)
      return E_NOTIMPL;   /* no sharing before D3D9Ex (Windows) */
   if (shared && pool == D3DPOOL_SYSTEMMEM)
      return D3DERR_NOTAVAILABLE;
   struct d3d9_buffer *buf;
   HRESULT hr = buffer_create(device, size, usage, format, pool, TRUE, 0,
                              &buf);
   if (SUCCEEDED(hr))
      *out = (IDirect3DIndexBuffer9 *)&buf->iface;
   return hr;
}

HANDLE
d3d9_buffer_gpu_handle(struct d3d9_buffer *buf)
{
   if (!buf)
      return NULL;
   if (!buf->hvideo)
      return buf->hresource;
   if (buf->dirty_start < buf->dirty_end) {
      struct d3d9_device *device = buf->bindable.device;
      D3DDDIARG_BUFFERBLT b = {
         .hDstResource = buf->hvideo, .hSrcResource = buf->hresource,
         .Offset = buf->dirty_start,
         .SrcRange = { buf->dirty_start, buf->dirty_end - buf->dirty_start },
      };
      device->funcs.pfnBufBlt(device->hdevice, &b);
      buf->dirty_start = buf->dirty_end = 0;
   }
   return buf->hvideo;
}

struct d3d9_buffer *
d3d9_buffer_from_vb(IDirect3DVertexBuffer9 *iface)
{
   return iface ? CONTAINING_RECORD(iface, struct d3d9_buffer, iface) : NULL;
}

struct d3d9_buffer *
d3d9_buffer_from_ib(IDirect3DIndexBuffer9 *iface)
{
   return iface ? CONTAINING_RECORD(iface, struct d3d9_buffer, iface) : NULL;
}

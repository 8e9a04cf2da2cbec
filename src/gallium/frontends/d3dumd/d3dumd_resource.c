/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * CreateResource, CreateResource2, DestroyResource.
 *
 * Subresource index = the surface's position in pSurfList
 * (nc-d3dumddi-pfnd3dddi_createresource.md): a texture lists its levels; a
 * cube texture lists face x level, faces in D3DCUBEMAP_FACES order (+X, -X,
 * +Y, -Y, +Z, -Z: Gallium's layer order too); a volume texture lists its
 * levels, each with its own depth; a swap chain (MipLevels 0) lists its
 * buffers, each a pipe_resource of its own.
 *
 * System-memory pool: pSysMem/SysMemPitch are the runtime's storage for
 * the resource's whole life (ns-d3dukmdt-_d3dddi_surfaceinfo.md).  The
 * frontend keeps the pointers, never a copy: locks return them, and
 * transfers to and from video memory read or write them at the time of the
 * call, so queued GPU work never refers to them.
 */

#include <string.h>

#include "d3dumd_backing.h"

#include "pipe/p_context.h"
#include "pipe/p_screen.h"
#include "util/format/u_format.h"
#include "util/u_inlines.h"
#include "util/u_math.h"
#include "util/u_memory.h"

static bool
is_buffer_resource(const D3DDDIARG_CREATERESOURCE2 *args)
{
   if (args->Flags.Texture || args->Flags.CubeMap || args->Flags.Volume)
      return false;
   return args->Flags.VertexBuffer || args->Flags.IndexBuffer ||
          args->Format == D3DDDIFMT_VERTEXDATA ||
          args->Format == D3DDDIFMT_INDEX16 ||
          args->Format == D3DDDIFMT_INDEX32;
}

static void
resource_free(struct d3dumd_resource *res)
{
   struct d3dumd_device *dev = res->dev;

   d3dumd_resource_drop_maps(dev, res);
   d3dumd_backing_free_all(dev, res);
   if (res->sub) {
      for (unsigned i = 0; i < res->num_subresources; i++) {
         util_dynarray_fini(&res->sub[i].transfers);
         util_dynarray_fini(&res->sub[i].async_transfers);
      }
      FREE(res->sub);
   }
   res->base.type = 0;
   FREE(res);
}

/* Checks the surface list against the kind of resource and fills the
 * subresource table.  Returns false on malformed input. */
static bool
layout_subresources(struct d3dumd_resource *res,
                    const D3DDDIARG_CREATERESOURCE2 *args)
{
   const uint64_t debug = res->dev->adapter->debug;
   const D3DDDI_SURFACEINFO *s = args->pSurfList;
   const unsigned count = args->SurfCount;

   for (unsigned i = 0; i < count; i++) {
      if (!s[i].Width || !s[i].Height) {
         d3dumd_log(debug, D3DUMD_DEBUG_USER, __func__,
                    "surface %u has a zero size", i);
         return false;
      }
   }

   if (res->is_buffer) {
      res->target = PIPE_BUFFER;
      res->levels = res->layers = 1;
      res->num_backings = 1;
      if (count != 1)
         return false;
   } else if (args->Flags.CubeMap) {
      res->target = PIPE_TEXTURE_CUBE;
      res->levels = MAX2(args->MipLevels, 1);
      res->layers = 6;
      res->num_backings = 1;
      if (count != 6 * res->levels || s[0].Width != s[0].Height)
         return false;
   } else if (args->Flags.Volume) {
      res->target = PIPE_TEXTURE_3D;
      res->levels = MAX2(args->MipLevels, 1);
      res->layers = 1;
      res->num_backings = 1;
      if (count != res->levels || !s[0].Depth)
         return false;
   } else {
      res->target = PIPE_TEXTURE_2D;
      res->layers = 1;
      if (args->MipLevels == 0) {
         /* A swap chain: each buffer is a one-level surface of its own. */
         res->levels = 1;
         res->num_backings = count;
      } else {
         res->levels = args->MipLevels;
         res->num_backings = 1;
         if (count != res->levels)
            return false;
      }
   }
   if (!count || res->levels > 16)
      return false;

   res->num_subresources = count;
   res->sub = CALLOC(count, sizeof(*res->sub));
   if (!res->sub)
      return false;
   for (unsigned i = 0; i < count; i++) {
      struct d3dumd_subresource *sub = &res->sub[i];
      util_dynarray_init(&sub->transfers, NULL);
      util_dynarray_init(&sub->async_transfers, NULL);
      if (res->num_backings > 1) {
         sub->backing = i;
         sub->level = 0;
      } else if (res->target == PIPE_TEXTURE_CUBE) {
         sub->layer = i / res->levels;
         sub->level = i % res->levels;
      } else {
         sub->level = i;
      }
      sub->width = s[i].Width;
      sub->height = res->is_buffer ? 1 : s[i].Height;
      sub->depth = res->target == PIPE_TEXTURE_3D ? MAX2(s[i].Depth, 1) : 1;
      sub->sysmem = s[i].pSysMem;
      sub->sysmem_pitch = s[i].SysMemPitch;
      sub->sysmem_slice_pitch = s[i].SysMemSlicePitch;

      /* Levels must follow the chain Gallium derives from level 0. */
      if (res->num_backings == 1 && !res->is_buffer) {
         const struct d3dumd_subresource *top =
            &res->sub[res->target == PIPE_TEXTURE_CUBE ? sub->layer * res->levels
                                                        : 0];
         if (sub->width != u_minify(top->width, sub->level) ||
             sub->height != u_minify(top->height, sub->level) ||
             (res->target == PIPE_TEXTURE_3D &&
              sub->depth != u_minify(top->depth, sub->level)))
            return false;
      }
      if (res->sysmem && (!sub->sysmem || !sub->sysmem_pitch))
         return false;
   }
   return true;
}

/* Creates the resource's allocation through the runtime (one allocation
 * per resource; DESIGN.md's callback table).  Gallium owns the storage:
 * the allocation is the runtime's bookkeeping identity of the resource. */
static HRESULT
allocate(struct d3dumd_resource *res, const D3DDDIARG_CREATERESOURCE2 *args)
{
   struct d3dumd_device *dev = res->dev;
   D3DDDI_ALLOCATIONINFO info = {
      .pSystemMem = res->sysmem ? args->pSurfList[0].pSysMem : NULL,
      .VidPnSourceId = args->VidPnSourceId,
   };
   info.Flags.Primary = args->Flags.Primary;
   D3DDDICB_ALLOCATE alloc = {
      .hResource = args->Flags.SharedResource ? res->rt_resource : NULL,
      .NumAllocations = 1,
      .pAllocationInfo = &info,
   };
   HRESULT hr = dev->callbacks.pfnAllocateCb(dev->rt_device, &alloc);
   if (FAILED(hr))
      return hr;
   res->allocation = info.hAllocation;
   return S_OK;
}

static HRESULT
deallocate(struct d3dumd_resource *res)
{
   struct d3dumd_device *dev = res->dev;
   D3DDDICB_DEALLOCATE dealloc = {
      .NumAllocations = 1,
      .HandleList = &res->allocation,
   };
   if (res->flags.SharedResource) {
      /* Shared: the whole resource at once, no handle list (the
       * CreateResource page). */
      dealloc.hResource = res->rt_resource;
      dealloc.NumAllocations = 0;
      dealloc.HandleList = NULL;
   }
   return dev->callbacks.pfnDeallocateCb(dev->rt_device, &dealloc);
}

/* The sample count of a surface (0: one sample).  MultisampleType
 * applies to render targets (the CREATERESOURCE2 page) and to D3D9's
 * multisampled depth-stencil surfaces; NONMASKABLE's quality picks the
 * count (d3dumd_format_ms_samples).  False for a type or quality
 * GETMULTISAMPLEQUALITYLEVELS does not report, and for multisampled
 * textures or mip chains, which D3D9 does not have.  NULL and RESZ
 * targets are never bound: their stand-in storage keeps one sample. */
static bool
resource_samples(struct d3dumd_device *dev,
                 const D3DDDIARG_CREATERESOURCE2 *args, unsigned *samples)
{
   *samples = 0;
   if (!(args->Flags.RenderTarget || args->Flags.ZBuffer) ||
       args->MultisampleType == D3DDDIMULTISAMPLE_NONE)
      return true;
   if (args->Flags.Texture || args->Flags.CubeMap || args->Flags.Volume ||
       args->MipLevels > 1 || args->Pool == D3DDDIPOOL_SYSTEMMEM)
      return false;
   const unsigned n = d3dumd_format_ms_samples(dev->screen, args->Format,
                                               args->MultisampleType,
                                               args->MultisampleQuality);
   if (!n)
      return false;
   *samples = n > 1 && !d3dumd_format_is_null_target(args->Format) ? n : 0;
   return true;
}

static HRESULT
create_resource(struct d3dumd_device *dev, D3DDDIARG_CREATERESOURCE2 *args)
{
   const uint64_t debug = dev->adapter->debug;
   struct pipe_screen *screen = dev->screen;
   const bool buffer = is_buffer_resource(args);
   /* The CreateResource page allows D3DERR_NOTAVAILABLE only for vertex
    * and index buffers; everything else that cannot be made is E_FAIL. */
   const HRESULT unavailable = buffer ? D3DDDIERR_NOTAVAILABLE : E_FAIL;

   D3DUMD_TRACE(debug, "Format=%s Pool=%d SurfCount=%u MipLevels=%u "
                "Flags=0x%x %ux%ux%u", d3dumd_format_to_str(args->Format),
                (int)args->Pool, args->SurfCount, args->MipLevels,
                args->Flags.Value,
                args->pSurfList ? args->pSurfList[0].Width : 0,
                args->pSurfList ? args->pSurfList[0].Height : 0,
                args->pSurfList ? args->pSurfList[0].Depth : 0);
   d3dumd_check(debug, args->pSurfList && args->SurfCount, unavailable);
   d3dumd_check(debug, args->Pool >= D3DDDIPOOL_SYSTEMMEM &&
                args->Pool <= D3DDDIPOOL_NONLOCALVIDMEM, unavailable);

   enum pipe_format pformat = buffer ? PIPE_FORMAT_R8_UNORM
                                     : d3dumd_format_for_screen(dev->screen,
                                                                args->Format);
   d3dumd_check(debug, pformat != PIPE_FORMAT_NONE, unavailable);
   unsigned samples = 0;
   d3dumd_check(debug, buffer || resource_samples(dev, args, &samples),
                unavailable);

   struct d3dumd_resource *res = CALLOC_STRUCT(d3dumd_resource);
   if (!res)
      return d3dumd_error(debug, E_OUTOFMEMORY);
   res->base.type = D3DUMD_OBJ_RESOURCE;
   res->dev = dev;
   res->rt_resource = args->hResource;
   res->format = args->Format;
   res->pformat = pformat;
   res->pool = args->Pool;
   res->flags = args->Flags;
   res->is_buffer = buffer;
   res->sysmem = args->Pool == D3DDDIPOOL_SYSTEMMEM;
   res->samples = samples;
   list_inithead(&res->retired);
   list_inithead(&res->cookies);
   list_inithead(&res->cached_link);
   res->block_w = util_format_get_blockwidth(pformat);
   res->block_h = util_format_get_blockheight(pformat);
   res->block_size = util_format_get_blocksize(pformat);
   /* The pfnLockCb page lets a Dynamic resource keep its NoOverwrite lock
    * cached instead of a callback pair per lock. */
   res->cache_lock = args->Flags.Dynamic && !res->sysmem;
   /* Texture mappings are kept between locks, except for what LockAsync
    * and renaming usually serve (Dynamic), what others share, and
    * multisampled surfaces (d3dumd_lock.c, "Cached mappings"). */
   res->cache_maps = !buffer && !res->sysmem && !args->Flags.Dynamic &&
                     !args->Flags.SharedResource && !args->Flags.Primary &&
                     res->samples == 0;
   /* Buffers the GPU may read while they are mapped (NoOverwrite streaming,
    * MightDrawFromLocked) get persistent, coherent storage when the screen
    * has it. */
   res->persistent = buffer && !res->sysmem &&
                     (args->Flags.Dynamic || args->Flags.MightDrawFromLocked) &&
                     screen->get_param(screen,
                                       PIPE_CAP_BUFFER_MAP_PERSISTENT_COHERENT);

   HRESULT hr = unavailable;
   if (!layout_subresources(res, args)) {
      d3dumd_log(debug, D3DUMD_DEBUG_USER, __func__,
                 "malformed surface list -> %s", d3dumd_hresult_to_str(hr));
      goto fail;
   }

   if (!res->sysmem) {
      /* Check the format for what the resource is before asking for
       * storage, so an unsupported one fails cleanly, not in the winsys. */
      struct pipe_resource templ;
      d3dumd_backing_template(res, 0, &templ);
      if (!buffer && !templ.bind &&
          !screen->is_format_supported(screen, pformat, res->target,
                                       res->samples, res->samples, 0)) {
         d3dumd_log(debug, D3DUMD_DEBUG_USER, __func__,
                    "format %s unsupported for this resource",
                    d3dumd_format_to_str(args->Format));
         goto fail;
      }
      res->current = CALLOC(res->num_backings, sizeof(*res->current));
      if (!res->current) {
         hr = E_OUTOFMEMORY;
         goto fail;
      }
      for (unsigned i = 0; i < res->num_backings; i++) {
         res->current[i] = d3dumd_backing_create(res, i);
         if (!res->current[i]) {
            hr = E_OUTOFMEMORY;
            goto fail;
         }
      }
   }

   hr = allocate(res, args);
   if (FAILED(hr))
      goto fail;
   res->app_allocation = res->allocation;
   res->app_current = res->current ? res->current[0] : NULL;

   res->base.handle = d3dumd_handle_register(res, D3DUMD_OBJ_RESOURCE);
   if (!res->base.handle) {
      deallocate(res);
      hr = E_OUTOFMEMORY;
      goto fail;
   }
   list_addtail(&res->link, &dev->resources);
   args->hResource = res->base.handle;
   D3DUMD_TRACE(debug, "-> hResource=%p (%u subresources)", res->base.handle,
                res->num_subresources);
   return S_OK;

fail:
   resource_free(res);
   return d3dumd_error(debug, hr);
}

HRESULT APIENTRY
d3dumd_CreateResource2(HANDLE hDevice, D3DDDIARG_CREATERESOURCE2 *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   d3dumd_check(dev->adapter->debug, pData, E_FAIL);
   return create_resource(dev, pData);
}

HRESULT APIENTRY
d3dumd_CreateResource(HANDLE hDevice, D3DDDIARG_CREATERESOURCE *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   d3dumd_check(dev->adapter->debug, pData, E_FAIL);

   /* CREATERESOURCE2 is CREATERESOURCE with Flags2 appended. */
   D3DDDIARG_CREATERESOURCE2 args;
   memset(&args, 0, sizeof(args));
   memcpy(&args, pData, sizeof(*pData));
   HRESULT hr = create_resource(dev, &args);
   if (SUCCEEDED(hr))
      pData->hResource = args.hResource;
   return hr;
}

static void
unlock_all(struct d3dumd_resource *res)
{
   struct d3dumd_device *dev = res->dev;

   d3dumd_async_unlock_all(res);
   for (unsigned i = 0; i < res->num_subresources; i++) {
      struct d3dumd_subresource *sub = &res->sub[i];
      util_dynarray_foreach(&sub->transfers, struct pipe_transfer *, t)
         d3dumd_unmap(dev, res, *t);
      util_dynarray_clear(&sub->transfers);
      if (sub->cb_locked) {
         d3dumd_unlock_allocation(dev, sub->cb_allocation);
         sub->cb_locked = false;
      }
      sub->lock_count = 0;
   }
   res->locked_subresources = 0;
   d3dumd_lock_uncache(dev, res);
}

HRESULT APIENTRY
d3dumd_DestroyResource(HANDLE hDevice, HANDLE hResource)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   D3DUMD_TRACE(dev->adapter->debug, "hResource=%p", hResource);
   struct d3dumd_resource *res = d3dumd_device_resource(dev, hResource);
   d3dumd_check(dev->adapter->debug, res, E_FAIL);

   /* Still locked: unlock, so no mapping dangles and the runtime sees
    * every lock balanced before the allocation goes. */
   bool async_locked = false;
   mtx_lock(&dev->async_lock);
   for (unsigned i = 0; i < res->num_subresources; i++)
      async_locked |= res->sub[i].async_count > 0;
   mtx_unlock(&dev->async_lock);
   if (res->locked_subresources || async_locked) {
      d3dumd_log(dev->adapter->debug, D3DUMD_DEBUG_USER, __func__,
                 "destroying a locked resource: unlocking it first");
      unlock_all(res);
   }
   /* A cached lock (d3dumd_lock.c) is released before the allocation
    * goes. */
   d3dumd_lock_uncache(dev, res);
   /* A refused deallocation leaves the resource as it was, for a retry. */
   HRESULT hr = deallocate(res);
   if (FAILED(hr))
      return d3dumd_error(dev->adapter->debug, hr);
   d3dumd_state_unbind_resource(dev, res);
   list_del(&res->link);
   d3dumd_handle_release(res->base.handle);
   resource_free(res);
   return S_OK;
}

/* DestroyDevice: resources the runtime did not destroy go with it. */
void
d3dumd_resource_destroy_all(struct d3dumd_device *dev)
{
   list_for_each_entry_safe(struct d3dumd_resource, res, &dev->resources,
                            link) {
      unlock_all(res);
      deallocate(res);
      d3dumd_state_unbind_resource(dev, res);
      list_del(&res->link);
      d3dumd_handle_release(res->base.handle);
      resource_free(res);
   }
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* LockAsync, UnlockAsync, Rename: the threading design is in
 * d3dumd_lock_async.h. */

#include <string.h>

#include "d3dumd_backing.h"
#include "d3dumd_lock_async.h"

#include "pipe/p_context.h"
#include "pipe/p_screen.h"
#include "util/format/u_format.h"
#include "util/u_atomic.h"
#include "util/u_box.h"
#include "util/u_inlines.h"
#include "util/u_memory.h"

D3DUMD_DEFINE_HANDLE_LOOKUP(d3dumd_cookie, D3DUMD_OBJ_COOKIE)

/* Application thread: the auxiliary context (rule 1), under aux_lock. */
static struct pipe_context *
aux_context(struct d3dumd_device *dev)
{
   d3dumd_assert_locked(&dev->aux_lock);
   return dev->aux;
}

HRESULT APIENTRY
d3dumd_LockAsync(HANDLE hDevice, D3DDDIARG_LOCKASYNC *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "hResource=%p sub=%u Flags=0x%x", pData->hResource,
                pData->SubResourceIndex, pData->Flags.Value);
   struct d3dumd_resource *res;
   struct d3dumd_subresource *sub =
      d3dumd_device_subresource(dev, pData->hResource,
                                pData->SubResourceIndex, &res);
   d3dumd_check(debug, sub, E_FAIL);

   D3DDDI_LOCKASYNCFLAGS f = pData->Flags;
   if (f.NoOverwrite)
      f.Discard = 0; /* NoOverwrite wins, as for Lock */
   D3DDDI_LOCKFLAGS region = { .Value = 0 };
   region.RangeValid = f.RangeValid;
   region.AreaValid = f.AreaValid;
   region.BoxValid = f.BoxValid;
   struct pipe_box box;
   d3dumd_check(debug, d3dumd_lock_region(res, sub, region, &pData->Range,
                                          &pData->Area, &pData->Box, &box),
                E_FAIL);

   /* Rule 6: what can be served without the worker. */
   if (!res->sysmem &&
       (res->num_subresources != 1 || res->num_backings != 1 ||
        (!f.Discard && !f.NoOverwrite)))
      return E_NOTIMPL;

   struct d3dumd_backing *fresh = NULL;
   mtx_lock(&dev->async_lock);
   if (!res->sysmem && d3dumd_backing_current(res, 0)->cached_maps) {
      /* Lock keeps a mapping of it on the worker's context (d3dumd_lock.c,
       * "Cached mappings"): the worker serves this lock. */
      mtx_unlock(&dev->async_lock);
      return E_NOTIMPL;
   }
   const bool nested = sub->async_count > 0;
   D3DKMT_HANDLE allocation = nested ? sub->async_allocation
                                     : res->app_allocation;
   if (f.Discard && !nested && !res->sysmem) {
      /* Never in place: commands still in the runtime's queue, invisible
       * to us, may read the current storage (rule 3). */
      bool create;
      fresh = d3dumd_backing_take_idle(dev, res, &create);
      if (!fresh && create) {
         mtx_unlock(&dev->async_lock);
         fresh = d3dumd_backing_create(res, 0);
         if (!fresh)
            return d3dumd_error(debug, E_OUTOFMEMORY);
         mtx_lock(&dev->async_lock);
         dev->stats.rename_creates++;
      }
      if (!fresh) {
         mtx_unlock(&dev->async_lock);
         d3dumd_log(debug, D3DUMD_DEBUG_LOCK, __func__,
                    "renaming bound reached: D3DDDIERR_WASSTILLDRAWING");
         return D3DDDIERR_WASSTILLDRAWING;
      }
   }
   /* NoExistingReference only when the runtime says there are none and
    * nothing of ours is queued (the LockAsync page). */
   const bool no_refs = f.NoExistingReferences && !res->sysmem &&
                        !d3dumd_backing_busy(dev, res->app_current);
   mtx_unlock(&dev->async_lock);

   /* The runtime's side, on its own (application) thread, once per
    * outermost LockAsync of the subresource: the last UnlockAsync makes
    * the one pfnUnlockCb that balances it, however many are nested. */
   HRESULT hr = S_OK;
   if (!nested) {
      D3DDDICB_LOCK lock = { .hAllocation = allocation };
      if (f.Discard) {
         lock.Flags.Discard = 1;
         lock.Flags.NoExistingReference = no_refs;
      } else {
         lock.Flags.IgnoreSync = 1;
         lock.Flags.DonotWait = 1;
      }
      hr = dev->callbacks.pfnLockCb(dev->rt_device, &lock);
      if (FAILED(hr))
         goto fail_return_backing;
      if (lock.Flags.Discard && lock.hAllocation)
         allocation = lock.hAllocation;
   }

   void *map;
   struct pipe_transfer *t = NULL;
   if (res->sysmem) {
      map = (uint8_t *)sub->sysmem + (size_t)box.z * sub->sysmem_slice_pitch +
            (size_t)box.y * sub->sysmem_pitch +
            (res->is_buffer ? box.x :
             box.x * util_format_get_blocksize(res->pformat));
      pData->Pitch = sub->sysmem_pitch;
      pData->SlicePitch = sub->sysmem_slice_pitch;
   } else {
      mtx_lock(&dev->async_lock);
      struct d3dumd_backing *target = fresh ? fresh : res->app_current;
      mtx_unlock(&dev->async_lock);
      unsigned usage = PIPE_MAP_WRITE | PIPE_MAP_UNSYNCHRONIZED;
      if (fresh)
         usage |= PIPE_MAP_DISCARD_RANGE;
      if (res->persistent)
         usage |= PIPE_MAP_PERSISTENT | PIPE_MAP_COHERENT;
      mtx_lock(&dev->aux_lock);
      struct pipe_context *aux = aux_context(dev);
      map = !aux ? NULL : res->is_buffer ?
         aux->buffer_map(aux, target->pres, 0, usage, &box, &t) :
         aux->texture_map(aux, target->pres, 0, usage, &box, &t);
      mtx_unlock(&dev->aux_lock);
      if (!map) {
         if (!nested)
            d3dumd_unlock_allocation(dev, allocation);
         hr = E_OUTOFMEMORY;
         goto fail_return_backing;
      }
      pData->Pitch = t->stride;
      pData->SlicePitch = t->layer_stride;
   }

   struct d3dumd_cookie *cookie = NULL;
   if (fresh) {
      cookie = CALLOC_STRUCT(d3dumd_cookie);
      if (cookie)
         cookie->base.handle = d3dumd_handle_register(cookie,
                                                      D3DUMD_OBJ_COOKIE);
      if (!cookie || !cookie->base.handle) {
         FREE(cookie);
         mtx_lock(&dev->aux_lock);
         if (res->is_buffer)
            dev->aux->buffer_unmap(dev->aux, t);
         else
            dev->aux->texture_unmap(dev->aux, t);
         mtx_unlock(&dev->aux_lock);
         if (!nested)
            d3dumd_unlock_allocation(dev, allocation);
         hr = E_OUTOFMEMORY;
         goto fail_return_backing;
      }
      cookie->base.type = D3DUMD_OBJ_COOKIE;
      cookie->res = res;
      cookie->backing = fresh;
      cookie->allocation = allocation;
   }

   mtx_lock(&dev->async_lock);
   if (cookie) {
      list_addtail(&cookie->link, &res->cookies);
      res->app_current = fresh;
      res->app_allocation = allocation;
   }
   if (t)
      util_dynarray_append(&sub->async_transfers, struct pipe_transfer *, t);
   sub->async_allocation = allocation;
   sub->async_count++;
   dev->stats.async_locks++;
   mtx_unlock(&dev->async_lock);

   pData->pSurfData = map;
   pData->hCookie = cookie ? cookie->base.handle : NULL;
   return S_OK;

fail_return_backing:
   if (fresh) {
      mtx_lock(&dev->async_lock);
      d3dumd_retire(dev, res, fresh);
      mtx_unlock(&dev->async_lock);
   }
   return d3dumd_error(debug, hr);
}

/* Unmaps the application thread's mappings and flushes the auxiliary
 * context; the backing keeps the fence (rule 2).  Takes the transfers out
 * under async_lock first. */
static void
async_unmap(struct d3dumd_device *dev, struct d3dumd_resource *res,
            struct d3dumd_subresource *sub, struct d3dumd_backing *b)
{
   struct util_dynarray transfers = sub->async_transfers;
   util_dynarray_init(&sub->async_transfers, NULL);
   mtx_unlock(&dev->async_lock);

   struct pipe_fence_handle *fence = NULL;
   if (transfers.size) {
      mtx_lock(&dev->aux_lock);
      util_dynarray_foreach(&transfers, struct pipe_transfer *, t) {
         if (res->is_buffer)
            dev->aux->buffer_unmap(dev->aux, *t);
         else
            dev->aux->texture_unmap(dev->aux, *t);
      }
      dev->aux->flush(dev->aux, &fence, 0);
      mtx_unlock(&dev->aux_lock);
   }
   util_dynarray_fini(&transfers);

   mtx_lock(&dev->async_lock);
   if (fence && b) {
      struct pipe_screen *screen = dev->screen;
      /* One context, in order: the newer fence covers the older. */
      screen->fence_reference(screen, &b->upload_fence, fence);
      p_atomic_set(&b->has_upload, 1);
      screen->fence_reference(screen, &fence, NULL);
   } else if (fence) {
      struct pipe_screen *screen = dev->screen;
      screen->fence_reference(screen, &fence, NULL);
   }
}

HRESULT APIENTRY
d3dumd_UnlockAsync(HANDLE hDevice, const D3DDDIARG_UNLOCKASYNC *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "hResource=%p sub=%u", pData->hResource,
                pData->SubResourceIndex);
   struct d3dumd_resource *res;
   struct d3dumd_subresource *sub =
      d3dumd_device_subresource(dev, pData->hResource,
                                pData->SubResourceIndex, &res);
   d3dumd_check(debug, res, E_FAIL);

   mtx_lock(&dev->async_lock);
   /* An index past the last subresource names nothing LockAsync locked. */
   if (!sub || sub->async_count == 0) {
      mtx_unlock(&dev->async_lock);
      /* The UnlockAsync page documents E_INVALIDARG for exactly this. */
      d3dumd_log(debug, D3DUMD_DEBUG_USER, __func__,
                 "not locked by LockAsync -> E_INVALIDARG");
      return E_INVALIDARG;
   }
   if (--sub->async_count > 0) {
      mtx_unlock(&dev->async_lock);
      return S_OK;
   }
   D3DKMT_HANDLE allocation = sub->async_allocation;
   async_unmap(dev, res, sub, res->sysmem ? NULL : res->app_current);
   mtx_unlock(&dev->async_lock);

   HRESULT hr = d3dumd_unlock_allocation(dev, allocation);
   return FAILED(hr) ? d3dumd_error(debug, hr) : S_OK;
}

HRESULT APIENTRY
d3dumd_Rename(HANDLE hDevice, const D3DDDIARG_RENAME *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "hResource=%p sub=%u hCookie=%p", pData->hResource,
                pData->SubResourceIndex, pData->hCookie);
   struct d3dumd_resource *res = d3dumd_device_resource(dev, pData->hResource);
   d3dumd_check(debug, res && pData->SubResourceIndex < res->num_subresources,
                E_FAIL);

   /* A cached lock names the allocation handle Rename replaces; mappings
    * Lock kept of the storage Rename retires go. */
   if (!res->locked_subresources)
      d3dumd_lock_uncache(dev, res);
   d3dumd_backing_drop_maps(dev, d3dumd_backing_current(res, 0));

   mtx_lock(&dev->async_lock);
   struct d3dumd_cookie *cookie = d3dumd_cookie_from_handle(pData->hCookie);
   if (!cookie || cookie->res != res) {
      mtx_unlock(&dev->async_lock);
      d3dumd_log(debug, D3DUMD_DEBUG_USER, __func__,
                 "unknown or already renamed cookie -> E_FAIL");
      return E_FAIL;
   }
   /* From now on every use of the resource, wherever it is bound, takes
    * the new storage: uses resolve through d3dumd_backing_current (rule
    * 5). */
   struct d3dumd_backing *old = d3dumd_backing_switch(dev, res, 0,
                                                      cookie->backing);
   res->allocation = cookie->allocation;
   list_del(&cookie->link);
   d3dumd_handle_release(cookie->base.handle);
   /* Retired storage whose last use is not submitted can never become idle
    * for LockAsync, which may not flush: past a quarter of the byte bound
    * of it, the worker submits (as DXVK does after 30 MiB of discards). */
   bool flush = false;
   if (old->batch == dev->batch) {
      dev->unflushed_retired_bytes += old->bytes;
      flush = dev->unflushed_retired_bytes > dev->rename_max_bytes / 4;
   }
   mtx_unlock(&dev->async_lock);
   FREE(cookie);
   if (flush) {
      d3dumd_flush(dev);
      dev->stats.flushes_for_renaming++;
   }
   return S_OK;
}

/* DestroyResource, with async_lock held: cookies never renamed give their
 * storage back (it is destroyed with the renaming list). */
void
d3dumd_cookies_free(struct d3dumd_resource *res)
{
   list_for_each_entry_safe(struct d3dumd_cookie, c, &res->cookies, link) {
      list_del(&c->link);
      d3dumd_retire(res->dev, res, c->backing);
      d3dumd_handle_release(c->base.handle);
      FREE(c);
   }
}

/* DestroyResource: LockAsync mappings the application left are undone, and
 * the runtime's locks balanced. */
void
d3dumd_async_unlock_all(struct d3dumd_resource *res)
{
   struct d3dumd_device *dev = res->dev;

   for (unsigned i = 0; i < res->num_subresources; i++) {
      struct d3dumd_subresource *sub = &res->sub[i];
      mtx_lock(&dev->async_lock);
      if (!sub->async_count) {
         mtx_unlock(&dev->async_lock);
         continue;
      }
      sub->async_count = 0;
      D3DKMT_HANDLE allocation = sub->async_allocation;
      async_unmap(dev, res, sub, NULL);
      mtx_unlock(&dev->async_lock);
      d3dumd_unlock_allocation(dev, allocation);
   }
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Lock and Unlock: D3DDDI locks become pipe_context buffer/texture maps.
 *
 *   no flags       PIPE_MAP_READ_WRITE (Gallium waits for queued work); a
 *                  whole texture subresource keeps the mapping ("Cached
 *                  mappings" below)
 *   ReadOnly       PIPE_MAP_READ; drops Discard
 *   WriteOnly      PIPE_MAP_WRITE
 *   NoOverwrite    PIPE_MAP_UNSYNCHRONIZED; wins over Discard (as Nine,
 *                  wined3d and DXVK do); persistent+coherent storage for
 *                  dynamic buffers where the screen has it, mapped once;
 *                  Dynamic resources keep the pfnLockCb lock cached
 *   Discard        the frontend renames: if queued work still uses the
 *                  storage, a new one (from the resource's renaming list,
 *                  else created) replaces it; the map is then
 *                  unsynchronized and write-only
 *   DoNotWait      D3DDDIERR_WASSTILLDRAWING (after a flush) when the
 *                  frontend's fences say queued work uses the storage
 *   Range/Area/BoxValid  the pipe_box (none: the whole subresource),
 *                  clamped, block-aligned for compressed formats
 *   NotifyOnly     system memory: synchronise (nothing queued ever refers
 *                  to it), the pointer is the runtime's
 *
 * While a lock of a resource is outstanding, further locks of it must not
 * fail (handling-multiple-locks.md): they skip DoNotWait and the renaming
 * bound, and every mapping stays valid until the last Unlock.
 */

#include <string.h>

#include "d3dumd_backing.h"

#include "pipe/p_context.h"
#include "pipe/p_screen.h"
#include "util/format/u_format.h"
#include "util/u_box.h"
#include "util/u_inlines.h"
#include "util/u_math.h"

/* D3DDDI_LOCKFLAGS bits (ns-d3dumddi-_d3dddi_lockflags.md; the ABI test
 * pins the bit-fields to the Windows layout, d3dumd_lock_check_bits these
 * masks to the bit-fields). */
#define LOCK_READONLY     (1u << 0)
#define LOCK_WRITEONLY    (1u << 1)
#define LOCK_NOOVERWRITE  (1u << 2)
#define LOCK_DISCARD      (1u << 3)
#define LOCK_RANGEVALID   (1u << 4)
#define LOCK_AREAVALID    (1u << 5)
#define LOCK_BOXVALID     (1u << 6)
#define LOCK_DONOTWAIT    (1u << 9)

/* Debug builds: the masks name the bit-fields they stand for. */
void
d3dumd_lock_check_bits(void)
{
#define CHECK_BIT(field, mask) \
   assert(((D3DDDI_LOCKFLAGS){ .field = 1 }).Value == (mask))
   CHECK_BIT(ReadOnly, LOCK_READONLY);
   CHECK_BIT(WriteOnly, LOCK_WRITEONLY);
   CHECK_BIT(NoOverwrite, LOCK_NOOVERWRITE);
   CHECK_BIT(Discard, LOCK_DISCARD);
   CHECK_BIT(RangeValid, LOCK_RANGEVALID);
   CHECK_BIT(AreaValid, LOCK_AREAVALID);
   CHECK_BIT(BoxValid, LOCK_BOXVALID);
   CHECK_BIT(DoNotWait, LOCK_DONOTWAIT);
#undef CHECK_BIT
}

void
d3dumd_unmap(struct d3dumd_device *dev, struct d3dumd_resource *res,
             struct pipe_transfer *t)
{
   if (res->is_buffer)
      dev->pipe->buffer_unmap(dev->pipe, t);
   else
      dev->pipe->texture_unmap(dev->pipe, t);
}

/* The region of a lock, in pixels (bytes for buffers), clamped to the
 * subresource.  False for malformed or empty regions. */
bool
d3dumd_lock_region(const struct d3dumd_resource *res,
            const struct d3dumd_subresource *sub, const D3DDDI_LOCKFLAGS f,
            const D3DDDIRANGE *range, const RECT *area, const D3DDDIBOX *box3,
            struct pipe_box *box)
{
   const unsigned valid = f.RangeValid + f.AreaValid + f.BoxValid;
   if (valid > 1)
      return false;

   int x0 = 0, y0 = 0, z0 = 0;
   int x1 = sub->width, y1 = sub->height, z1 = sub->depth;
   if (f.RangeValid) {
      if (!res->is_buffer)
         return false;
      x0 = MIN2(range->Offset, sub->width);
      x1 = x0 + MIN2(range->Size, sub->width - x0);
   } else if (f.AreaValid) {
      if (res->is_buffer)
         return false;
      x0 = CLAMP(area->left, 0, (int)sub->width);
      y0 = CLAMP(area->top, 0, (int)sub->height);
      x1 = CLAMP(area->right, 0, (int)sub->width);
      y1 = CLAMP(area->bottom, 0, (int)sub->height);
   } else if (f.BoxValid) {
      x0 = MIN2(box3->Left, sub->width);
      x1 = MIN2(box3->Right, sub->width);
      if (!res->is_buffer) {
         y0 = MIN2(box3->Top, sub->height);
         y1 = MIN2(box3->Bottom, sub->height);
         z0 = MIN2(box3->Front, sub->depth);
         z1 = MIN2(box3->Back, sub->depth);
      }
   }
   if (x1 <= x0 || y1 <= y0 || z1 <= z0)
      return false;

   /* Block-compressed formats lock whole blocks. */
   const unsigned bw = res->block_w, bh = res->block_h;
   if (unlikely(bw > 1 || bh > 1)) {
      x0 = ROUND_DOWN_TO(x0, bw);
      y0 = ROUND_DOWN_TO(y0, bh);
      x1 = MIN2(align(x1, bw), align(sub->width, bw));
      y1 = MIN2(align(y1, bh), align(sub->height, bh));
      x1 = MIN2(x1, (int)sub->width);
      y1 = MIN2(y1, (int)sub->height);
   }
   u_box_3d(x0, y0, z0, x1 - x0, y1 - y0, z1 - z0, box);
   return true;
}

static HRESULT
lock_allocation(struct d3dumd_device *dev, struct d3dumd_resource *res,
                D3DDDICB_LOCKFLAGS flags)
{
   D3DDDICB_LOCK lock = { .hAllocation = res->allocation, .Flags = flags };
   HRESULT hr = dev->callbacks.pfnLockCb(dev->rt_device, &lock);

   /* The pfnLockCb page: a refused Discard lock is retried after flushing,
    * with NoExistingReference (nothing of ours is queued any more). */
   if (hr == D3DDDIERR_WASSTILLDRAWING && flags.Discard) {
      d3dumd_flush(dev);
      lock.hAllocation = res->allocation;
      lock.Flags.NoExistingReference = 1;
      hr = dev->callbacks.pfnLockCb(dev->rt_device, &lock);
   }
   if (FAILED(hr))
      return hr;
   /* Discard may give a new instance of the allocation: use it from now. */
   if (flags.Discard && lock.hAllocation)
      res->allocation = lock.hAllocation;
   return S_OK;
}

/* The runtime's side of an unlock: pfnUnlockCb of one allocation, its
 * error returned unchanged. */
HRESULT
d3dumd_unlock_allocation(struct d3dumd_device *dev, D3DKMT_HANDLE allocation)
{
   D3DDDICB_UNLOCK unlock = {
      .NumAllocations = 1, .phAllocations = &allocation,
   };
   return dev->callbacks.pfnUnlockCb(dev->rt_device, &unlock);
}

/* The cached lock of a Dynamic resource.  The pfnLockCb page lets the
 * driver keep the allocation locked across NoOverwrite locks instead of a
 * pfnLockCb/pfnUnlockCb pair per lock, and release it where a driver that
 * submits through pfnRenderCb would: here at the runtime's Flush (when no
 * lock of the resource is outstanding), before a lock with other flags
 * calls pfnLockCb itself, at Rename and at DestroyResource.  Worker
 * thread. */
static HRESULT
lock_cache(struct d3dumd_device *dev, struct d3dumd_resource *res)
{
   D3DDDICB_LOCK lock = { .hAllocation = res->allocation };
   lock.Flags.IgnoreSync = 1;
   lock.Flags.DonotWait = 1; /* IgnoreSync is ignored without DonotWait */
   HRESULT hr = dev->callbacks.pfnLockCb(dev->rt_device, &lock);
   if (FAILED(hr))
      return hr;
   res->lock_cached = true;
   res->cached_allocation = res->allocation;
   list_addtail(&res->cached_link, &dev->cached_locks);
   return S_OK;
}

void
d3dumd_lock_uncache(struct d3dumd_device *dev, struct d3dumd_resource *res)
{
   if (!res->lock_cached)
      return;
   res->lock_cached = false;
   list_delinit(&res->cached_link);
   d3dumd_unlock_allocation(dev, res->cached_allocation);
}

/* The runtime's Flush: every cached lock without an outstanding Lock is
 * released. */
void
d3dumd_lock_uncache_all(struct d3dumd_device *dev)
{
   list_for_each_entry_safe(struct d3dumd_resource, res, &dev->cached_locks,
                            cached_link) {
      if (!res->locked_subresources)
         d3dumd_lock_uncache(dev, res);
   }
}

/* Worker thread.  Renames the subresource's storage for a Discard if
 * queued work still uses it.  S_OK, D3DDDIERR_WASSTILLDRAWING (at the
 * bound with DoNotWait) or E_OUTOFMEMORY. */
static HRESULT
discard(struct d3dumd_device *dev, struct d3dumd_resource *res,
        unsigned subresource, bool may_wait)
{
   const unsigned index = res->sub[subresource].backing;

   mtx_lock(&dev->async_lock);
   struct d3dumd_backing *old = d3dumd_backing_current(res, subresource);
   if (!d3dumd_backing_busy(dev, old) || res->flags.SharedResource ||
       res->flags.Primary) {
      /* Idle: rewrite it in place.  Shared and primary resources are never
       * renamed (the CreateResource page): the map waits. */
      mtx_unlock(&dev->async_lock);
      return S_OK;
   }

   /* The old storage is retired: what Lock kept mapped of it goes (no
    * lock of the resource is outstanding here). */
   if (old->cached_maps) {
      mtx_unlock(&dev->async_lock);
      d3dumd_backing_drop_maps(dev, old);
      mtx_lock(&dev->async_lock);
   }

   bool oom;
   struct d3dumd_backing *b = d3dumd_backing_take(dev, res, index, may_wait,
                                                  &oom);
   if (!b) {
      mtx_unlock(&dev->async_lock);
      return oom ? E_OUTOFMEMORY : D3DDDIERR_WASSTILLDRAWING;
   }
   d3dumd_backing_switch(dev, res, index, b);
   if (res->app_current == old)
      res->app_current = b;
   mtx_unlock(&dev->async_lock);

   if (res->num_subresources > 1 && res->num_backings == 1)
      d3dumd_backing_carry(dev, res, subresource, old, b);

   d3dumd_log(dev->adapter->debug, D3DUMD_DEBUG_LOCK, __func__,
              "renamed hResource=%p sub=%u", res->base.handle, subresource);
   return S_OK;
}

HRESULT APIENTRY
d3dumd_Lock(HANDLE hDevice, D3DDDIARG_LOCK *pData)
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

   /* The flags as one word, decoded once (bit-field by bit-field access
    * cost more than the rest of a cached lock). */
   uint32_t f = pData->Flags.Value;
   struct pipe_box box;
   if (likely(!(f & (LOCK_RANGEVALID | LOCK_AREAVALID | LOCK_BOXVALID)) &&
              res->block_w == 1 && res->block_h == 1)) {
      u_box_3d(0, 0, 0, sub->width, sub->height, sub->depth, &box);
   } else {
      d3dumd_check(debug, d3dumd_lock_region(res, sub, pData->Flags,
                                             &pData->Range, &pData->Area,
                                             &pData->Box, &box),
                   E_FAIL);
   }

   /* Conflicting flags succeed as the peers make them: NoOverwrite wins
    * over Discard, ReadOnly drops Discard and NoOverwrite. */
   if (f & LOCK_READONLY)
      f &= ~(LOCK_DISCARD | LOCK_NOOVERWRITE | LOCK_WRITEONLY);
   if (f & LOCK_NOOVERWRITE)
      f &= ~LOCK_DISCARD;
   const bool already_locked = res->locked_subresources > 0;

   /* DoNotWait: the frontend's fences decide, and a flush lets a retry
    * succeed.  Never once a lock of the resource is outstanding. */
   if (unlikely((f & (LOCK_DONOTWAIT | LOCK_DISCARD | LOCK_NOOVERWRITE)) ==
                LOCK_DONOTWAIT) && !already_locked && !res->sysmem) {
      mtx_lock(&dev->async_lock);
      struct d3dumd_backing *cur =
         d3dumd_backing_current(res, pData->SubResourceIndex);
      const bool busy = d3dumd_backing_busy(dev, cur);
      const bool unflushed = cur->batch == dev->batch;
      mtx_unlock(&dev->async_lock);
      if (busy) {
         if (unflushed)
            d3dumd_flush(dev);
         return D3DDDIERR_WASSTILLDRAWING;
      }
   }

   /* The runtime's side (the pfnLockCb page): a cached lock for
    * NoOverwrite on a Dynamic resource, else once per outermost lock of
    * the subresource. */
   HRESULT hr;
   bool cb_now = false;
   if ((f & LOCK_NOOVERWRITE) && res->cache_lock) {
      if (!res->lock_cached) {
         hr = lock_cache(dev, res);
         if (FAILED(hr))
            return d3dumd_error(debug, hr);
      }
   } else if (sub->lock_count == 0) {
      if (!already_locked)
         d3dumd_lock_uncache(dev, res);
      D3DDDICB_LOCKFLAGS cb = { .Value = 0 };
      cb.ReadOnly = !!(f & LOCK_READONLY);
      cb.WriteOnly = !!(f & LOCK_WRITEONLY);
      cb.DonotWait = !!(f & LOCK_DONOTWAIT);
      cb.Discard = !!(f & LOCK_DISCARD);
      if (f & LOCK_NOOVERWRITE) {
         cb.IgnoreSync = 1;
         cb.DonotWait = 1; /* IgnoreSync is ignored without DonotWait */
      }
      hr = lock_allocation(dev, res, cb);
      if (FAILED(hr))
         return d3dumd_error(debug, hr);
      cb_now = true;
   }

   if (res->sysmem) {
      /* The runtime's memory: nothing queued refers to it (transfers
       * to and from it run at call time), so NotifyOnly and every other
       * lock are already synchronised. */
      pData->pSurfData = (uint8_t *)sub->sysmem +
                         (size_t)box.z * sub->sysmem_slice_pitch +
                         (size_t)(box.y / res->block_h) * sub->sysmem_pitch +
                         (size_t)(res->is_buffer ? box.x : box.x / res->block_w *
                                  res->block_size);
      pData->Pitch = sub->sysmem_pitch;
      pData->SlicePitch = sub->sysmem_slice_pitch;
      goto locked;
   }

   unsigned usage = 0;
   if (!(f & LOCK_WRITEONLY))
      usage |= PIPE_MAP_READ;
   if (!(f & LOCK_READONLY))
      usage |= PIPE_MAP_WRITE;
   if ((f & LOCK_DISCARD) && !already_locked) {
      hr = discard(dev, res, pData->SubResourceIndex, !(f & LOCK_DONOTWAIT));
      if (FAILED(hr)) {
         if (cb_now)
            d3dumd_unlock_allocation(dev, res->allocation);
         if (hr == D3DDDIERR_WASSTILLDRAWING)
            d3dumd_flush(dev);
         return d3dumd_error(debug, hr);
      }
      /* The storage is idle or fresh: no need to synchronise.  And no
       * reading: the contents are undefined after a Discard, and where maps
       * stage through a copy (zink, hardware drivers) PIPE_MAP_READ would
       * copy the old contents back and wait for it (30 ms on zink over
       * lavapipe behind a 2048x2048 stretch, d3dumd-lock-semantics). */
      usage = PIPE_MAP_WRITE | PIPE_MAP_UNSYNCHRONIZED | PIPE_MAP_DISCARD_RANGE;
   } else if ((f & LOCK_NOOVERWRITE) || already_locked) {
      usage |= PIPE_MAP_UNSYNCHRONIZED;
   }

   struct d3dumd_backing *b =
      d3dumd_backing_current(res, pData->SubResourceIndex);
   /* Writes of the application thread (LockAsync) become visible here. */
   d3dumd_backing_sync_upload(dev, b);

   if (res->persistent && (usage & PIPE_MAP_UNSYNCHRONIZED)) {
      /* Persistent, coherent storage is mapped once: a lock that needs no
       * synchronisation is an offset into that mapping. */
      uint8_t *map = d3dumd_backing_persistent_map(dev, b);
      if (!map)
         goto fail_map;
      pData->pSurfData = map + box.x;
      pData->Pitch = b->map_xfer->stride;
      pData->SlicePitch = b->map_xfer->layer_stride;
      goto locked;
   }

   if (sub->cached_xfer) {
      if (likely(sub->cached_backing == b)) {
         /* Mapped READ_WRITE since an earlier Lock, and nothing else used
          * the storage since ("Cached mappings"). */
         const struct pipe_transfer *ct = sub->cached_xfer;
         pData->pSurfData = sub->cached_map +
                            (size_t)box.z * ct->layer_stride +
                            (size_t)(box.y / res->block_h) * ct->stride +
                            (size_t)(box.x / res->block_w) * res->block_size;
         pData->Pitch = ct->stride;
         pData->SlicePitch = ct->layer_stride;
         goto locked;
      }
      d3dumd_subresource_drop_map(dev, sub);
   }
   /* A plain lock of the whole subresource keeps its mapping. */
   const bool keep = res->cache_maps &&
                     (usage & (PIPE_MAP_READ_WRITE | PIPE_MAP_UNSYNCHRONIZED)) ==
                     PIPE_MAP_READ_WRITE &&
                     box.x == 0 && box.y == 0 && box.z == 0 &&
                     box.width == (int)sub->width &&
                     box.height == (int)sub->height &&
                     box.depth == (int)sub->depth;

   if (res->persistent)
      usage |= PIPE_MAP_PERSISTENT | PIPE_MAP_COHERENT;
   struct pipe_transfer *t = NULL;
   void *map;
   if (res->is_buffer) {
      map = dev->pipe->buffer_map(dev->pipe, b->pres, 0, usage, &box, &t);
   } else {
      if (res->target == PIPE_TEXTURE_CUBE)
         box.z = sub->layer;
      map = dev->pipe->texture_map(dev->pipe, b->pres, sub->level, usage,
                                   &box, &t);
   }
   if (!map)
      goto fail_map;
   if (keep) {
      sub->cached_xfer = t;
      sub->cached_map = map;
      sub->cached_backing = b;
      mtx_lock(&dev->async_lock);
      b->cached_maps++;
      mtx_unlock(&dev->async_lock);
   } else if (!util_dynarray_grow(&sub->transfers, struct pipe_transfer *, 1)) {
      d3dumd_unmap(dev, res, t);
      goto fail_map;
   } else {
      *util_dynarray_top_ptr(&sub->transfers, struct pipe_transfer *) = t;
   }
   pData->pSurfData = map;
   pData->Pitch = t->stride;
   pData->SlicePitch = t->layer_stride;

locked:
   if (cb_now) {
      sub->cb_locked = true;
      sub->cb_allocation = res->allocation;
   }
   if (sub->lock_count++ == 0)
      res->locked_subresources++;
   dev->stats.locks++;
   return S_OK;

fail_map:
   if (cb_now)
      d3dumd_unlock_allocation(dev, res->allocation);
   return d3dumd_error(debug, E_OUTOFMEMORY);
}

HRESULT APIENTRY
d3dumd_Unlock(HANDLE hDevice, const D3DDDIARG_UNLOCK *pData)
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

   /* The Unlock page documents E_INVALIDARG for a subresource that is not
    * locked; an index past the resource's last names none, so it is not
    * locked either. */
   d3dumd_check(debug, sub && sub->lock_count > 0, E_INVALIDARG);

   if (--sub->lock_count > 0)
      return S_OK;
   if (sub->transfers.size) {
      util_dynarray_foreach(&sub->transfers, struct pipe_transfer *, t)
         d3dumd_unmap(dev, res, *t);
      util_dynarray_clear(&sub->transfers);
   }
   res->locked_subresources--;

   if (!sub->cb_locked)
      return S_OK; /* a cached lock: released at Flush */
   sub->cb_locked = false;
   HRESULT hr = d3dumd_unlock_allocation(dev, sub->cb_allocation);
   return FAILED(hr) ? d3dumd_error(debug, hr) : S_OK;
}

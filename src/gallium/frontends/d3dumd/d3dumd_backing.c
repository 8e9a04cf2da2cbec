/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Backings: the storage behind a resource, and everything that creates,
 * maps, renames, retires and destroys it.  Lock (d3dumd_lock.c),
 * LockAsync/Rename (d3dumd_lock_async.c), resource creation and
 * destruction (d3dumd_resource.c) and every GPU use (copies in
 * d3dumd_blt.c, bindings resolved at each draw in d3dumd_state.c,
 * d3dumd_vertex.c, d3dumd_draw.c, d3dumd_target.c) go through this file's
 * functions and nothing else touches res->current or the renaming list.
 *
 *   storage      d3dumd_backing_create / _destroy / _free_all
 *   GPU use      d3dumd_backing_current (what a binding means now),
 *                d3dumd_backing_for_gpu (the same, Lock's kept mappings
 *                released first)
 *   CPU maps     persistent buffer maps, Lock's cached texture maps,
 *                LockAsync's cross-context uploads
 *   renaming     the renaming list (retire / unretire / take), the bound,
 *                the switch of the current storage, and the carry of the
 *                subresources a one-subresource Discard does not rewrite
 *
 * Threads: everything that touches renaming lists or a backing's fences is
 * called with dev->async_lock held (d3dumd_lock_async.h, rule 4), except
 * where a comment says otherwise.
 */

#include <string.h>

#include "d3dumd_backing.h"

#include "pipe/p_context.h"
#include "pipe/p_screen.h"
#include "util/format/u_format.h"
#include "util/u_atomic.h"
#include "util/u_box.h"
#include "util/u_inlines.h"
#include "util/u_math.h"
#include "util/u_memory.h"

/*
 * Storage
 */

/* The pipe_resource template of backing `index` (swap chains: buffer
 * `index`; everything else: 0). */
void
d3dumd_backing_template(const struct d3dumd_resource *res, unsigned index,
                        struct pipe_resource *templ)
{
   struct pipe_screen *screen = res->dev->screen;
   const struct d3dumd_subresource *top = &res->sub[index];

   memset(templ, 0, sizeof(*templ));
   templ->target = res->target;
   templ->format = res->pformat;
   templ->width0 = top->width;
   templ->height0 = res->is_buffer ? 1 : top->height;
   templ->depth0 = res->target == PIPE_TEXTURE_3D ? top->depth : 1;
   templ->array_size = res->layers;
   templ->last_level = res->levels - 1;
   templ->nr_samples = templ->nr_storage_samples = res->samples;
   templ->usage = res->flags.Dynamic ? PIPE_USAGE_STREAM : PIPE_USAGE_DEFAULT;
   if (res->persistent)
      templ->flags = PIPE_RESOURCE_FLAG_MAP_PERSISTENT |
                     PIPE_RESOURCE_FLAG_MAP_COHERENT;

   if (res->is_buffer) {
      templ->bind = res->flags.IndexBuffer ? PIPE_BIND_INDEX_BUFFER
                                           : PIPE_BIND_VERTEX_BUFFER;
      return;
   }
   /* Every surface can be a Blt source or destination (the resource page:
    * even a resource without flags), so ask for what blits need wherever
    * the format allows it. */
   const unsigned samples = res->samples;
   if (screen->is_format_supported(screen, res->pformat, res->target,
                                   samples, samples, PIPE_BIND_SAMPLER_VIEW))
      templ->bind |= PIPE_BIND_SAMPLER_VIEW;
   if (util_format_is_depth_or_stencil(res->pformat)) {
      if (screen->is_format_supported(screen, res->pformat, res->target,
                                      samples, samples,
                                      PIPE_BIND_DEPTH_STENCIL))
         templ->bind |= PIPE_BIND_DEPTH_STENCIL;
   } else if (screen->is_format_supported(screen, res->pformat, res->target,
                                          samples, samples,
                                          PIPE_BIND_RENDER_TARGET)) {
      templ->bind |= PIPE_BIND_RENDER_TARGET;
   }
   /* Dynamic textures are rewritten by the CPU every frame: linear storage,
    * where the driver has it for what else they are bound to, lets a map
    * write them in place instead of through a staging copy (zink, most
    * hardware drivers; llvmpipe textures are linear anyway). */
   if (res->flags.Dynamic && samples == 0 &&
       screen->is_format_supported(screen, res->pformat, res->target, 0, 0,
                                   templ->bind | PIPE_BIND_LINEAR))
      templ->bind |= PIPE_BIND_LINEAR;
}

struct d3dumd_backing *
d3dumd_backing_create(struct d3dumd_resource *res, unsigned index)
{
   struct pipe_screen *screen = res->dev->screen;
   struct pipe_resource templ;
   unsigned sub = 0;

   /* A swap chain's buffer `index` is its subresource `index`. */
   if (res->num_backings > 1)
      sub = index;
   d3dumd_backing_template(res, sub, &templ);

   struct d3dumd_backing *b = CALLOC_STRUCT(d3dumd_backing);
   if (!b)
      return NULL;
   b->pres = screen->resource_create(screen, &templ);
   if (!b->pres) {
      FREE(b);
      return NULL;
   }
   list_inithead(&b->link);
   b->res = res;
   b->bytes = res->is_buffer ? templ.width0
              : (uint64_t)util_format_get_2d_size(templ.format,
                    util_format_get_stride(templ.format, templ.width0),
                    templ.height0) * templ.depth0 * templ.array_size *
                MAX2(templ.nr_samples, 1);
   if (res->levels > 1)
      b->bytes = b->bytes * 4 / 3; /* a mip chain adds a third */
   return b;
}

/* With dev->async_lock held. */
void
d3dumd_backing_destroy(struct d3dumd_device *dev, struct d3dumd_backing *b)
{
   struct pipe_screen *screen = dev->screen;

   if (!b)
      return;
   d3dumd_forget_used(dev, b);
   d3dumd_backing_unmap(dev, b);
   screen->fence_reference(screen, &b->fence, NULL);
   screen->fence_reference(screen, &b->upload_fence, NULL);
   pipe_sampler_view_reference(&b->view[0], NULL);
   pipe_sampler_view_reference(&b->view[1], NULL);
   pipe_resource_reference(&b->pres, NULL);
   FREE(b);
}

/* DestroyResource, DestroyDevice (worker thread, cached mappings dropped
 * already, d3dumd_resource_drop_maps): the current storages, the renaming
 * list and the cookies never renamed go. */
void
d3dumd_backing_free_all(struct d3dumd_device *dev,
                        struct d3dumd_resource *res)
{
   mtx_lock(&dev->async_lock);
   d3dumd_cookies_free(res);
   if (res->current) {
      for (unsigned i = 0; i < res->num_backings; i++)
         d3dumd_backing_destroy(dev, res->current[i]);
      FREE(res->current);
      res->current = NULL;
   }
   list_for_each_entry_safe(struct d3dumd_backing, b, &res->retired, link) {
      list_del(&b->link);
      dev->stats.retired_bytes -= b->bytes;
      d3dumd_backing_destroy(dev, b);
   }
   mtx_unlock(&dev->async_lock);
}

/*
 * GPU use
 */

/* Worker thread.  The storage a copy, fill or draw uses for subresource
 * `sub` of `res`, with the mappings Lock kept of it released first (the
 * GPU is about to touch it).  NULL for system-memory resources. */
struct d3dumd_backing *
d3dumd_backing_for_gpu(struct d3dumd_device *dev, struct d3dumd_resource *res,
                       unsigned sub)
{
   if (res->sysmem)
      return NULL;
   struct d3dumd_backing *b = d3dumd_backing_current(res, sub);
   d3dumd_backing_drop_maps(dev, b);
   return b;
}

/*
 * CPU mappings
 */

/* The backing's persistent whole-buffer mapping (worker thread), made on
 * first use. */
uint8_t *
d3dumd_backing_persistent_map(struct d3dumd_device *dev,
                              struct d3dumd_backing *b)
{
   if (likely(b->map))
      return b->map;
   struct pipe_box box;
   u_box_1d(0, b->pres->width0, &box);
   b->map = dev->pipe->buffer_map(dev->pipe, b->pres, 0,
                                  PIPE_MAP_READ_WRITE |
                                  PIPE_MAP_UNSYNCHRONIZED |
                                  PIPE_MAP_PERSISTENT | PIPE_MAP_COHERENT,
                                  &box, &b->map_xfer);
   return b->map;
}

/*
 * Cached mappings.  A plain Lock of a whole texture subresource maps it
 * READ_WRITE; its Unlock keeps that mapping (sub->cached_xfer) instead of
 * unmapping, and later Locks of the subresource are offsets into it.  That
 * is exact as long as nothing but the CPU touches the storage in between,
 * so the mapping is released before anything else uses the backing:
 * every copy, blit, fill and upload (backing_of in d3dumd_blt.c), the
 * carry of a rename, a rename retiring it, its destruction.  LockAsync
 * answers E_NOTIMPL for a resource with a cached mapping (the application
 * thread may not touch the device's context), and Dynamic resources, which
 * LockAsync and renaming serve, never cache.  Where maps stage through a
 * copy (zink, most hardware drivers) this saves the copies both ways of
 * every Lock; on llvmpipe a transfer allocation and a scene check.
 */

/* Worker thread: the subresource's cached mapping stops being cached.  If
 * a Lock still holds it, it is unmapped at that Lock's Unlock. */
void
d3dumd_subresource_drop_map(struct d3dumd_device *dev,
                            struct d3dumd_subresource *sub)
{
   struct d3dumd_backing *b = sub->cached_backing;
   if (sub->lock_count &&
       util_dynarray_grow(&sub->transfers, struct pipe_transfer *, 1))
      *util_dynarray_top_ptr(&sub->transfers, struct pipe_transfer *) =
         sub->cached_xfer;
   else
      dev->pipe->texture_unmap(dev->pipe, sub->cached_xfer);
   sub->cached_xfer = NULL;
   sub->cached_map = NULL;
   sub->cached_backing = NULL;
   mtx_lock(&dev->async_lock);
   b->cached_maps--;
   mtx_unlock(&dev->async_lock);
}

void
d3dumd_backing_drop_maps(struct d3dumd_device *dev, struct d3dumd_backing *b)
{
   if (likely(!b || !b->cached_maps))
      return;
   struct d3dumd_resource *res = b->res;
   for (unsigned i = 0; i < res->num_subresources; i++) {
      if (res->sub[i].cached_backing == b)
         d3dumd_subresource_drop_map(dev, &res->sub[i]);
   }
}

/* Worker thread: every cached mapping of the resource goes (before its
 * storage is destroyed). */
void
d3dumd_resource_drop_maps(struct d3dumd_device *dev,
                          struct d3dumd_resource *res)
{
   for (unsigned i = 0; res->sub && i < res->num_subresources; i++) {
      if (res->sub[i].cached_xfer)
         d3dumd_subresource_drop_map(dev, &res->sub[i]);
   }
}

/* Worker thread (DestroyResource, DestroyDevice), with async_lock held:
 * the persistent mapping goes (cached texture mappings went before,
 * d3dumd_resource_drop_maps). */
void
d3dumd_backing_unmap(struct d3dumd_device *dev, struct d3dumd_backing *b)
{
   assert(!b->cached_maps);
   if (!b->map_xfer)
      return;
   dev->pipe->buffer_unmap(dev->pipe, b->map_xfer);
   b->map_xfer = NULL;
   b->map = NULL;
}

/* Worker thread: a CPU access on the device's context sees what the
 * application thread wrote through the auxiliary one (rule 2). */
void
d3dumd_backing_sync_upload(struct d3dumd_device *dev,
                           struct d3dumd_backing *b)
{
   if (!p_atomic_read(&b->has_upload))
      return;
   mtx_lock(&dev->async_lock);
   struct pipe_fence_handle *fence = b->upload_fence;
   b->upload_fence = NULL;
   p_atomic_set(&b->has_upload, 0);
   mtx_unlock(&dev->async_lock);
   if (fence) {
      struct pipe_screen *screen = dev->screen;
      screen->fence_finish(screen, NULL, fence, PIPE_TIMEOUT_INFINITE);
      screen->fence_reference(screen, &fence, NULL);
   }
}

/*
 * Renaming
 */

/* With dev->async_lock held, as everything below that touches renaming
 * lists (d3dumd_lock_async.h, rule 4). */
static struct d3dumd_backing *
find_idle_retired(struct d3dumd_device *dev, struct d3dumd_resource *res,
                  const struct d3dumd_backing *cur, bool *queued)
{
   list_for_each_entry(struct d3dumd_backing, b, &res->retired, link) {
      if (!d3dumd_backing_fits(b, cur))
         continue;
      if (!d3dumd_backing_busy(dev, b))
         return b;
      *queued |= b->batch == dev->batch;
   }
   return NULL;
}

struct d3dumd_backing *
d3dumd_unretire(struct d3dumd_device *dev, struct d3dumd_resource *res,
                struct d3dumd_backing *b)
{
   list_del(&b->link);
   list_inithead(&b->link);
   res->num_retired--;
   res->retired_bytes -= b->bytes;
   dev->stats.retired_bytes -= b->bytes;
   return b;
}

void
d3dumd_retire(struct d3dumd_device *dev, struct d3dumd_resource *res,
              struct d3dumd_backing *b)
{
   list_addtail(&b->link, &res->retired);
   res->num_retired++;
   res->retired_bytes += b->bytes;
   dev->stats.retired_bytes += b->bytes;
   dev->stats.peak_retired_bytes = MAX2(dev->stats.peak_retired_bytes,
                                        dev->stats.retired_bytes);
}

/* Whether a new storage may be created: the renaming list, plus storages
 * handed out by LockAsync and not renamed yet, stay within the bounds. */
bool
d3dumd_rename_below_bound(struct d3dumd_device *dev,
                          struct d3dumd_resource *res, uint64_t bytes,
                          unsigned outstanding)
{
   return res->num_retired + outstanding < dev->rename_max_backings &&
          res->retired_bytes + (uint64_t)(outstanding + 1) * bytes <=
          dev->rename_max_bytes;
}

/* Worker thread.  Storage for a Discard: an idle retired backing, a new
 * one below the bound, or (when may_wait) the oldest retired one once the
 * GPU is done with it.  Called and returns with dev->async_lock held; drops
 * it to flush, create or wait.  NULL: at the bound and not allowed to
 * wait, or out of memory (*oom). */
struct d3dumd_backing *
d3dumd_backing_take(struct d3dumd_device *dev, struct d3dumd_resource *res,
                    unsigned index, bool may_wait, bool *oom)
{
   struct d3dumd_backing *cur = res->current[index];
   bool queued = false;
   *oom = false;

   struct d3dumd_backing *b = find_idle_retired(dev, res, cur, &queued);
   if (!b && queued) {
      /* Retired storage still held by unsubmitted work: submit it, so its
       * fences can signal, before creating more. */
      mtx_unlock(&dev->async_lock);
      d3dumd_flush(dev);
      mtx_lock(&dev->async_lock);
      b = find_idle_retired(dev, res, cur, &queued);
   }
   if (b)
      return d3dumd_unretire(dev, res, b);

   if (d3dumd_rename_below_bound(dev, res, cur->bytes,
                                 list_length(&res->cookies))) {
      /* Creating storage is slow (llvmpipe clears it): not under the lock
       * the application thread takes. */
      mtx_unlock(&dev->async_lock);
      b = d3dumd_backing_create(res, index);
      mtx_lock(&dev->async_lock);
      if (!b)
         *oom = true;
      else
         dev->stats.rename_creates++;
      return b;
   }

   /* At the bound: a synchronous Lock(Discard) may wait (the Lock page
    * allows it); DoNotWait may not. */
   if (!may_wait || list_is_empty(&res->retired))
      return NULL;
   b = list_first_entry(&res->retired, struct d3dumd_backing, link);
   dev->stats.rename_waits++;
   d3dumd_backing_wait(dev, b);
   /* The application thread may have taken it meanwhile. */
   if (b->link.next == &b->link)
      return NULL;
   return d3dumd_unretire(dev, res, b);
}

/* Queued GPU copies of every other subresource of this storage into the
 * new one: the renaming unit is the pipe_resource, the Discard is of one
 * subresource (DESIGN.md, Contract). */
void
d3dumd_backing_carry(struct d3dumd_device *dev, struct d3dumd_resource *res,
                     unsigned keep, struct d3dumd_backing *from,
                     struct d3dumd_backing *to)
{
   bool copied = false;
   for (unsigned i = 0; i < res->num_subresources; i++) {
      const struct d3dumd_subresource *s = &res->sub[i];
      if (i == keep || s->backing != res->sub[keep].backing)
         continue;
      if (!copied) {
         d3dumd_backing_drop_maps(dev, from);
         d3dumd_backing_drop_maps(dev, to);
         d3dumd_mark_used(dev, from);
         d3dumd_mark_used(dev, to);
      }
      struct pipe_box box;
      u_box_3d(0, 0, s->layer, s->width, s->height,
               res->target == PIPE_TEXTURE_3D ? s->depth : 1, &box);
      dev->pipe->resource_copy_region(dev->pipe, to->pres, s->level, 0, 0,
                                      s->layer, from->pres, s->level, &box);
      copied = true;
   }
}

/* With async_lock held: an idle storage for a LockAsync(Discard), or NULL
 * when the list has none and the bound allows no new one (*create: make
 * one, without the lock). */
struct d3dumd_backing *
d3dumd_backing_take_idle(struct d3dumd_device *dev,
                         struct d3dumd_resource *res, bool *create)
{
   const struct d3dumd_backing *cur = res->current[0];
   *create = false;
   list_for_each_entry(struct d3dumd_backing, b, &res->retired, link) {
      if (d3dumd_backing_fits(b, cur) && !d3dumd_backing_busy(dev, b))
         return d3dumd_unretire(dev, res, b);
   }
   *create = d3dumd_rename_below_bound(dev, res, cur->bytes,
                                       list_length(&res->cookies));
   return NULL;
}

/* The switch of a rename: `b` becomes the storage of backing `index`, the
 * old one joins the renaming list with its fences (draws queued before keep
 * it; every later use, wherever the resource is bound, resolves to `b`
 * through d3dumd_backing_current).  Returns the old storage. */
struct d3dumd_backing *
d3dumd_backing_switch(struct d3dumd_device *dev, struct d3dumd_resource *res,
                      unsigned index, struct d3dumd_backing *b)
{
   struct d3dumd_backing *old = res->current[index];
   res->current[index] = b;
   d3dumd_retire(dev, res, old);
   dev->stats.renames++;
   return old;
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Which storages queued GPU work still uses: the frontend's own answer,
 * for DoNotWait and for renaming, on any Gallium driver.
 *
 * Why our own: PIPE_MAP_DONTBLOCK is only a hint (llvmpipe's keeps
 * answering "busy" after the work has finished, until unrelated new work is
 * flushed), and no driver has to honour PIPE_MAP_DISCARD_* (llvmpipe and
 * softpipe ignore them).  Every GPU operation the frontend queues marks the
 * backings it reads or writes as used by the current batch; a flush gives
 * the batch a fence, which those backings keep.  A backing is busy while
 * its batch is unflushed or its fence unsignalled.
 *
 * The application thread reads this state in LockAsync (d3dumd_lock_async.h)
 * while the worker changes it, so it lives under dev->async_lock.
 */

#include "d3dumd_backing.h"

#include "pipe/p_context.h"
#include "pipe/p_screen.h"
#include "util/u_atomic.h"
#include "util/u_inlines.h"

/* Worker thread: the backing is about to be used by queued GPU work.
 * Writes the application thread made through the auxiliary context
 * (UnlockAsync) become visible to the device's context first. */
void
d3dumd_mark_used(struct d3dumd_device *dev, struct d3dumd_backing *b)
{
   if (!b)
      return;
   /* Already in this batch, nothing uploaded since: nothing to do (the
    * common case of a draw after draws; only the worker writes
    * b->batch, so the worker reads it without the lock). */
   if (b->batch == dev->batch && !p_atomic_read(&b->has_upload))
      return;
   mtx_lock(&dev->async_lock);
   struct pipe_fence_handle *upload = b->upload_fence;
   b->upload_fence = NULL;
   p_atomic_set(&b->has_upload, 0);
   if (b->batch != dev->batch) {
      b->batch = dev->batch;
      util_dynarray_append(&dev->used, struct d3dumd_backing *, b);
   }
   mtx_unlock(&dev->async_lock);
   if (upload)
      d3dumd_wait_upload(dev, upload);
}

/* Worker thread: the device's context waits (on the GPU where the driver
 * can, else here) for work the auxiliary context flushed. */
void
d3dumd_wait_upload(struct d3dumd_device *dev, struct pipe_fence_handle *fence)
{
   struct pipe_screen *screen = dev->screen;

   if (dev->pipe->fence_server_sync)
      dev->pipe->fence_server_sync(dev->pipe, fence);
   else
      screen->fence_finish(screen, NULL, fence, PIPE_TIMEOUT_INFINITE);
   screen->fence_reference(screen, &fence, NULL);
}

/* Worker thread: submits the current batch and hands its fence to every
 * backing it used.  Never waits. */
void
d3dumd_flush(struct d3dumd_device *dev)
{
   struct pipe_screen *screen = dev->screen;
   struct pipe_fence_handle *fence = NULL;

   dev->pipe->flush(dev->pipe, &fence, 0);
   mtx_lock(&dev->async_lock);
   /* A flush with none of our work in it keeps the previous fence as the
    * device's newest (event queries take it): zink (22.3.6) answers a
    * flush that has nothing new to submit with a fence that reports done
    * at once (its submit count is 0), whatever is still running. */
   const bool had_work = dev->used.size > 0;
   util_dynarray_foreach(&dev->used, struct d3dumd_backing *, b)
      screen->fence_reference(screen, &(*b)->fence, fence);
   util_dynarray_clear(&dev->used);
   dev->batch++;
   dev->unflushed_retired_bytes = 0;
   if (had_work || !dev->last_fence)
      screen->fence_reference(screen, &dev->last_fence, fence);
   mtx_unlock(&dev->async_lock);
   screen->fence_reference(screen, &fence, NULL);
}

/* Either thread, with dev->async_lock held.
 *
 * Only the backing's own fence answers.  Tried and dropped: a batch being
 * done once a later one is (one context signals in order), asking the
 * newest fence.  On zink a newer fence is no witness for older work: a
 * flush with nothing new to submit returns one that reports done at once
 * (d3dumd_flush), and with that probe d3dumd-async-ordering saw storage
 * reused while copies still read it. */
bool
d3dumd_backing_busy(struct d3dumd_device *dev, struct d3dumd_backing *b)
{
   struct pipe_screen *screen = dev->screen;

   d3dumd_assert_locked(&dev->async_lock);
   if (b->batch == dev->batch)
      return true; /* queued, not even submitted */
   if (!b->fence)
      return false;
   if (!screen->fence_finish(screen, NULL, b->fence, 0))
      return true;
   screen->fence_reference(screen, &b->fence, NULL);
   return false;
}

/* Worker thread, with dev->async_lock held: waits until the GPU is done
 * with the backing.  The lock is dropped while waiting, so LockAsync on
 * the application thread never waits behind it. */
void
d3dumd_backing_wait(struct d3dumd_device *dev, struct d3dumd_backing *b)
{
   struct pipe_screen *screen = dev->screen;

   d3dumd_assert_locked(&dev->async_lock);
   if (b->batch == dev->batch) {
      mtx_unlock(&dev->async_lock);
      d3dumd_flush(dev);
      mtx_lock(&dev->async_lock);
   }
   struct pipe_fence_handle *fence = NULL;
   screen->fence_reference(screen, &fence, b->fence);
   if (fence) {
      mtx_unlock(&dev->async_lock);
      screen->fence_finish(screen, NULL, fence, PIPE_TIMEOUT_INFINITE);
      mtx_lock(&dev->async_lock);
      if (b->fence == fence)
         screen->fence_reference(screen, &b->fence, NULL);
      screen->fence_reference(screen, &fence, NULL);
   }
}

/* Worker thread, with dev->async_lock held: a backing about to be
 * destroyed leaves the current batch's list. */
void
d3dumd_forget_used(struct d3dumd_device *dev, struct d3dumd_backing *b)
{
   d3dumd_assert_locked(&dev->async_lock);
   if (b->batch != dev->batch)
      return;
   util_dynarray_delete_unordered(&dev->used, struct d3dumd_backing *, b);
   b->batch = 0;
}

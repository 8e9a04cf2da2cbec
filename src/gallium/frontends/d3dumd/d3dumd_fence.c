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
 */

#include "d3dumd_private.h"

#include "pipe/p_context.h"
#include "pipe/p_screen.h"
#include "util/u_inlines.h"

void
d3dumd_mark_used(struct d3dumd_device *dev, struct d3dumd_backing *b)
{
   if (!b || b->batch == dev->batch)
      return;
   b->batch = dev->batch;
   util_dynarray_append(&dev->used, struct d3dumd_backing *, b);
}

/* Submits the current batch and hands its fence to every backing it used.
 * Never waits. */
void
d3dumd_flush(struct d3dumd_device *dev)
{
   struct pipe_screen *screen = dev->adapter->screen;
   struct pipe_fence_handle *fence = NULL;

   dev->pipe->flush(dev->pipe, &fence, 0);
   util_dynarray_foreach(&dev->used, struct d3dumd_backing *, b)
      screen->fence_reference(screen, &(*b)->fence, fence);
   screen->fence_reference(screen, &fence, NULL);
   util_dynarray_clear(&dev->used);
   dev->batch++;
}

bool
d3dumd_backing_busy(struct d3dumd_device *dev, struct d3dumd_backing *b)
{
   struct pipe_screen *screen = dev->adapter->screen;

   if (b->batch == dev->batch)
      return true; /* queued, not even submitted */
   if (!b->fence)
      return false;
   if (!screen->fence_finish(screen, NULL, b->fence, 0))
      return true;
   screen->fence_reference(screen, &b->fence, NULL);
   return false;
}

void
d3dumd_backing_wait(struct d3dumd_device *dev, struct d3dumd_backing *b)
{
   struct pipe_screen *screen = dev->adapter->screen;

   if (b->batch == dev->batch)
      d3dumd_flush(dev);
   if (b->fence) {
      screen->fence_finish(screen, NULL, b->fence, PIPE_TIMEOUT_INFINITE);
      screen->fence_reference(screen, &b->fence, NULL);
   }
}

/* A backing about to be destroyed leaves the current batch's list. */
void
d3dumd_forget_used(struct d3dumd_device *dev, struct d3dumd_backing *b)
{
   if (b->batch != dev->batch)
      return;
   util_dynarray_delete_unordered(&dev->used, struct d3dumd_backing *, b);
   b->batch = 0;
}

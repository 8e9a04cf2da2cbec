/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* Backings: a resource's storage, its mappings and its renaming
 * (d3dumd_backing.c). */

#ifndef D3DUMD_BACKING_H
#define D3DUMD_BACKING_H

#include "d3dumd_private.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Storage. */
struct d3dumd_backing *d3dumd_backing_create(struct d3dumd_resource *res,
                                             unsigned index);
void d3dumd_backing_destroy(struct d3dumd_device *dev,
                            struct d3dumd_backing *b);
void d3dumd_backing_free_all(struct d3dumd_device *dev,
                             struct d3dumd_resource *res);
void d3dumd_backing_template(const struct d3dumd_resource *res,
                             unsigned index, struct pipe_resource *templ);

/* What subresource `sub` of a (video-memory) resource is stored in now:
 * every binding resolves through this at each draw, so a Rename or Discard
 * of a bound resource rebinds it and draws queued before keep theirs. */
static inline struct d3dumd_backing *
d3dumd_backing_current(const struct d3dumd_resource *res, unsigned sub)
{
   return res->current[res->sub[sub].backing];
}

struct d3dumd_backing *d3dumd_backing_for_gpu(struct d3dumd_device *dev,
                                              struct d3dumd_resource *res,
                                              unsigned sub);

/* Whether a retired backing can stand in for `cur` (a swap chain's buffers
 * may differ in size). */
static inline bool
d3dumd_backing_fits(const struct d3dumd_backing *b,
                    const struct d3dumd_backing *cur)
{
   return b->pres->width0 == cur->pres->width0 &&
          b->pres->height0 == cur->pres->height0;
}

/* CPU mappings. */
uint8_t *d3dumd_backing_persistent_map(struct d3dumd_device *dev,
                                       struct d3dumd_backing *b);
void d3dumd_backing_unmap(struct d3dumd_device *dev,
                          struct d3dumd_backing *b);
void d3dumd_subresource_drop_map(struct d3dumd_device *dev,
                                 struct d3dumd_subresource *sub);
void d3dumd_backing_drop_maps(struct d3dumd_device *dev,
                              struct d3dumd_backing *b);
void d3dumd_resource_drop_maps(struct d3dumd_device *dev,
                               struct d3dumd_resource *res);
void d3dumd_backing_sync_upload(struct d3dumd_device *dev,
                                struct d3dumd_backing *b);

/* Renaming, with dev->async_lock held. */
struct d3dumd_backing *d3dumd_unretire(struct d3dumd_device *dev,
                                       struct d3dumd_resource *res,
                                       struct d3dumd_backing *b);
void d3dumd_retire(struct d3dumd_device *dev, struct d3dumd_resource *res,
                   struct d3dumd_backing *b);
bool d3dumd_rename_below_bound(struct d3dumd_device *dev,
                               struct d3dumd_resource *res, uint64_t bytes,
                               unsigned outstanding);
struct d3dumd_backing *d3dumd_backing_take(struct d3dumd_device *dev,
                                           struct d3dumd_resource *res,
                                           unsigned index, bool may_wait,
                                           bool *oom);
struct d3dumd_backing *d3dumd_backing_take_idle(struct d3dumd_device *dev,
                                                struct d3dumd_resource *res,
                                                bool *create);
struct d3dumd_backing *d3dumd_backing_switch(struct d3dumd_device *dev,
                                             struct d3dumd_resource *res,
                                             unsigned index,
                                             struct d3dumd_backing *b);
/* Worker thread, without the lock. */
void d3dumd_backing_carry(struct d3dumd_device *dev,
                          struct d3dumd_resource *res, unsigned keep,
                          struct d3dumd_backing *from,
                          struct d3dumd_backing *to);

#ifdef __cplusplus
}
#endif

#endif

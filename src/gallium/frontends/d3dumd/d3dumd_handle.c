/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The driver's handles: every HANDLE the runtime gets from us (adapter,
 * device, resource) names a slot of one process-wide table, with a
 * generation count:  handle = generation << 32 | slot.
 *
 * Why not the object's address, as most UMDs do: a stale handle (an object
 * already destroyed) would then be a dangling pointer, and checking a tag
 * through it reads freed memory.  A slot outlives its object, so a lookup
 * of a stale, foreign or garbage handle compares two integers and answers
 * NULL without touching anything it does not own.
 *
 * Lookups take no lock and are inline (d3dumd_private.h): slots live in
 * chunks of D3DUMD_HANDLE_CHUNK that are never moved or freed, published
 * with release and read with acquire, so the DDI's hot paths (Lock/Unlock,
 * LockAsync on the application thread) pay a bounds check, two dependent
 * loads and two compares.  (util_sparse_array's walk cost more than the
 * rest of a cached Lock.)  Registering and releasing take a mutex: they
 * come with object creation, which is slow anyway.
 */

#include "d3dumd_private.h"

#include "util/u_call_once.h"
#include "util/u_idalloc.h"
#include "util/u_memory.h"

struct d3dumd_handle_table d3dumd_handles;

static struct {
   util_once_flag once;
   mtx_t lock;
   struct util_idalloc ids;
} handle_alloc = { .once = UTIL_ONCE_FLAG_INIT };

static void
handles_init(void)
{
   mtx_init(&handle_alloc.lock, mtx_plain);
   util_idalloc_init(&handle_alloc.ids, 64);
   /* Slot 0 is never used: a handle is never 0 or a small integer. */
   util_idalloc_reserve(&handle_alloc.ids, 0);
}

HANDLE
d3dumd_handle_register(void *object, enum d3dumd_object_type type)
{
   util_call_once(&handle_alloc.once, handles_init);

   mtx_lock(&handle_alloc.lock);
   const unsigned id = util_idalloc_alloc(&handle_alloc.ids);
   const unsigned chunk = id / D3DUMD_HANDLE_CHUNK;
   if (chunk >= D3DUMD_HANDLE_MAX_CHUNKS) {
      util_idalloc_free(&handle_alloc.ids, id);
      mtx_unlock(&handle_alloc.lock);
      return NULL;
   }
   struct d3dumd_handle_slot *slots = d3dumd_handles.chunks[chunk];
   if (!slots) {
      slots = CALLOC(D3DUMD_HANDLE_CHUNK, sizeof(*slots));
      if (!slots) {
         util_idalloc_free(&handle_alloc.ids, id);
         mtx_unlock(&handle_alloc.lock);
         return NULL;
      }
      /* Published with release: a lookup that sees the chunk sees it
       * zeroed.  Chunks are never freed. */
      p_atomic_set(&d3dumd_handles.chunks[chunk], slots);
   }
   struct d3dumd_handle_slot *slot = &slots[id % D3DUMD_HANDLE_CHUNK];
   slot->generation++;
   if (!slot->generation)
      slot->generation = 1;
   slot->object = object;
   slot->type = type;
   const uint64_t handle = (uint64_t)slot->generation << 32 | id;
   p_atomic_set(&slot->handle, handle);
   mtx_unlock(&handle_alloc.lock);

   return (HANDLE)(uintptr_t)handle;
}

void
d3dumd_handle_release(HANDLE h)
{
   const uint64_t handle = (uintptr_t)h;
   const uint32_t id = (uint32_t)handle;

   mtx_lock(&handle_alloc.lock);
   struct d3dumd_handle_slot *slot =
      &d3dumd_handles.chunks[id / D3DUMD_HANDLE_CHUNK][id % D3DUMD_HANDLE_CHUNK];
   assert(slot->handle == handle);
   p_atomic_set(&slot->handle, 0);
   slot->object = NULL;
   util_idalloc_free(&handle_alloc.ids, id);
   mtx_unlock(&handle_alloc.lock);
}

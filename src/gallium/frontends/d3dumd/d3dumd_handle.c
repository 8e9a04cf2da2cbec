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
 * Lookups take no lock (util_sparse_array elements never move; the handle
 * word is read with acquire, written with release), so the DDI's hot paths
 * (Lock/Unlock, and LockAsync on the application thread) pay a bounds check
 * and two loads.  Registering and releasing take a mutex: they come with
 * object creation, which is slow anyway.
 */

#include "d3dumd_private.h"

#include "util/sparse_array.h"
#include "util/u_atomic.h"
#include "util/u_call_once.h"
#include "util/u_idalloc.h"

struct d3dumd_handle_slot {
   uint64_t handle;  /* current handle of this slot, 0 when free */
   void *object;
   uint32_t type;    /* enum d3dumd_object_type */
   uint32_t generation;
};

static struct {
   util_once_flag once;
   mtx_t lock;
   struct util_idalloc ids;
   struct util_sparse_array slots;
   uint32_t max_id;  /* highest id ever handed out: bounds lookups, so
                      * that garbage never makes the sparse array grow */
} d3dumd_handles = { .once = UTIL_ONCE_FLAG_INIT };

static void
handles_init(void)
{
   mtx_init(&d3dumd_handles.lock, mtx_plain);
   util_idalloc_init(&d3dumd_handles.ids, 64);
   /* Slot 0 is never used: a handle is never 0 or a small integer. */
   util_idalloc_reserve(&d3dumd_handles.ids, 0);
   util_sparse_array_init(&d3dumd_handles.slots,
                          sizeof(struct d3dumd_handle_slot), 256);
}

HANDLE
d3dumd_handle_register(void *object, enum d3dumd_object_type type)
{
   util_call_once(&d3dumd_handles.once, handles_init);

   mtx_lock(&d3dumd_handles.lock);
   unsigned id = util_idalloc_alloc(&d3dumd_handles.ids);
   struct d3dumd_handle_slot *slot =
      util_sparse_array_get(&d3dumd_handles.slots, id);
   if (id > d3dumd_handles.max_id)
      p_atomic_set(&d3dumd_handles.max_id, id);
   slot->generation++;
   if (!slot->generation)
      slot->generation = 1;
   slot->object = object;
   slot->type = type;
   const uint64_t handle = (uint64_t)slot->generation << 32 | id;
   p_atomic_set(&slot->handle, handle);
   mtx_unlock(&d3dumd_handles.lock);

   return (HANDLE)(uintptr_t)handle;
}

void
d3dumd_handle_release(HANDLE h)
{
   const uint64_t handle = (uintptr_t)h;
   const uint32_t id = (uint32_t)handle;

   mtx_lock(&d3dumd_handles.lock);
   struct d3dumd_handle_slot *slot =
      util_sparse_array_get(&d3dumd_handles.slots, id);
   assert(slot->handle == handle);
   p_atomic_set(&slot->handle, 0);
   slot->object = NULL;
   util_idalloc_free(&d3dumd_handles.ids, id);
   mtx_unlock(&d3dumd_handles.lock);
}

void *
d3dumd_handle_lookup(HANDLE h, enum d3dumd_object_type type)
{
   const uint64_t handle = (uintptr_t)h;
   const uint32_t id = (uint32_t)handle;

   if (!id || id > p_atomic_read(&d3dumd_handles.max_id))
      return NULL;
   struct d3dumd_handle_slot *slot =
      util_sparse_array_get(&d3dumd_handles.slots, id);
   if (p_atomic_read(&slot->handle) != handle || slot->type != type)
      return NULL;
   return slot->object;
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Objects a device's state can bind (buffers, vertex declarations,
 * shaders, textures).  D3D9 keeps no public reference on what is bound
 * (Wine's test_refcount), yet a bound object must outlive its last
 * public Release: each such object's struct starts with its interface
 * pointer, then this, and the state holds "binds" on it.
 *   - An object with public references holds one on its device.
 *   - It is destroyed when neither public references nor binds are left.
 */

#ifndef D3D9_OBJECT_H
#define D3D9_OBJECT_H

#include "d3d9_device.h"

struct d3d9_bindable {
   LONG refcount;                       /* public */
   LONG binds;                          /* states and state blocks */
   struct d3d9_device *device;
   /* D3DPOOL_DEFAULT: while it has public references, a D3D9 Reset
    * fails (device->reset_blockers counts such objects). */
   BOOL blocks_reset;
   void (*destroy)(struct d3d9_bindable *object);
};

static inline struct d3d9_bindable *
d3d9_bindable_of(void *iface)
{
   return (struct d3d9_bindable *)((void **)iface + 1);
}

static inline void
d3d9_bindable_init(struct d3d9_bindable *b, struct d3d9_device *device,
                   void (*destroy)(struct d3d9_bindable *))
{
   b->refcount = 1;
   b->binds = 0;
   b->device = device;
   b->blocks_reset = FALSE;
   b->destroy = destroy;
   IDirect3DDevice9Ex_AddRef(&device->IDirect3DDevice9Ex_iface);
}

static inline ULONG
d3d9_bindable_addref(struct d3d9_bindable *b)
{
   const ULONG r = InterlockedIncrement(&b->refcount);
   if (r == 1) {
      IDirect3DDevice9Ex_AddRef(&b->device->IDirect3DDevice9Ex_iface);
      if (b->blocks_reset)
         InterlockedIncrement(&b->device->reset_blockers);
   }
   return r;
}

/* The object is in D3DPOOL_DEFAULT (just created: one public
 * reference). */
static inline void
d3d9_bindable_blocks_reset(struct d3d9_bindable *b)
{
   b->blocks_reset = TRUE;
   InterlockedIncrement(&b->device->reset_blockers);
}

static inline ULONG
d3d9_bindable_release(struct d3d9_bindable *b)
{
   const ULONG r = InterlockedDecrement(&b->refcount);
   if (!r) {
      if (b->blocks_reset)
         InterlockedDecrement(&b->device->reset_blockers);
      struct d3d9_device *device = b->device;
      const BOOL last = !b->binds;
      if (last)
         b->destroy(b);
      IDirect3DDevice9Ex_Release(&device->IDirect3DDevice9Ex_iface);
   }
   return r;
}

static inline void
d3d9_bindable_bind(struct d3d9_bindable *b)
{
   InterlockedIncrement(&b->binds);
}

static inline void
d3d9_bindable_unbind(struct d3d9_bindable *b)
{
   if (!InterlockedDecrement(&b->binds) && !b->refcount)
      b->destroy(b);
}

#endif

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

#ifndef D3DUMD_ASYNC_UTIL_H
#define D3DUMD_ASYNC_UTIL_H

#include <sched.h>
#include <string.h>

#include "../resource/lock_util.h"
#include "rt_worker.h"

/* LockAsync flags. */
enum {
   A_NOOVERWRITE = 1 << 0, A_DISCARD = 1 << 1, A_RANGE = 1 << 2,
   A_AREA = 1 << 3, A_BOX = 1 << 4, A_NOREFS = 1 << 5, A_NOTIFYONLY = 1 << 6,
};

static inline HRESULT
lock_async(struct rt_device *dev, HANDLE h, unsigned flags,
           D3DDDIARG_LOCKASYNC *out)
{
   memset(out, 0, sizeof(*out));
   out->hResource = h;
   out->Flags.Value = flags;
   return dev->funcs.pfnLockAsync(dev->hDevice, out);
}

static inline HRESULT
lock_async_range(struct rt_device *dev, HANDLE h, unsigned flags,
                 UINT offset, UINT size, D3DDDIARG_LOCKASYNC *out)
{
   memset(out, 0, sizeof(*out));
   out->hResource = h;
   out->Flags.Value = flags | A_RANGE;
   out->Range.Offset = offset;
   out->Range.Size = size;
   return dev->funcs.pfnLockAsync(dev->hDevice, out);
}

static inline HRESULT
unlock_async(struct rt_device *dev, HANDLE h)
{
   D3DDDIARG_UNLOCKASYNC u = { .hResource = h };
   return dev->funcs.pfnUnlockAsync(dev->hDevice, &u);
}

/* LockAsync(Discard) the way the runtime recovers from a refusal: the
 * storage was still in use, so it drains its queue, lets the worker flush,
 * and tries again.  Counts the refusals. */
static inline HRESULT
lock_async_discard(struct rt_device *dev, struct rt_worker *w, HANDLE h,
                   unsigned flags, D3DDDIARG_LOCKASYNC *out,
                   unsigned *refusals)
{
   HRESULT hr;
   const double give_up = test_now_s() + TEST_WAIT_S;
   do {
      hr = lock_async(dev, h, A_DISCARD | flags, out);
      if (hr != D3DDDIERR_WASSTILLDRAWING)
         return hr;
      (*refusals)++;
      rt_worker_flush(w);
      rt_worker_drain(w);
      /* Drained, but the GPU may still hold every backing. */
      sched_yield();
   } while (test_now_s() < give_up);
   return hr;
}

static inline void
queue_rename(struct rt_worker *w, HANDLE h, HANDLE cookie)
{
   D3DDDIARG_RENAME r = { .hResource = h, .hCookie = cookie };
   rt_worker_rename(w, &r);
}

#endif

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* Helpers of the lock tests: DDI calls with the test's expectations. */

#ifndef D3DUMD_LOCK_UTIL_H
#define D3DUMD_LOCK_UTIL_H

#include <string.h>

#include "test_util.h"

/* The byte the tests write at (x, y, z, byte) of a region, from a seed:
 * the reference every comparison uses. */
static inline uint8_t
pattern(unsigned seed, unsigned x, unsigned y, unsigned z, unsigned byte)
{
   uint32_t v = seed * 2654435761u ^ (x * 73856093u) ^ (y * 19349663u) ^
                (z * 83492791u) ^ (byte * 2246822519u);
   v ^= v >> 13;
   v *= 0x5bd1e995u;
   v ^= v >> 15;
   return (uint8_t)v;
}

static inline HRESULT
lock_sub(struct rt_device *dev, HANDLE h, UINT sub, UINT flags,
         D3DDDIARG_LOCK *out)
{
   memset(out, 0, sizeof(*out));
   out->hResource = h;
   out->SubResourceIndex = sub;
   out->Flags.Value = flags;
   return dev->funcs.pfnLock(dev->hDevice, out);
}

static inline HRESULT
unlock_sub(struct rt_device *dev, HANDLE h, UINT sub)
{
   D3DDDIARG_UNLOCK u = { .hResource = h, .SubResourceIndex = sub };
   return dev->funcs.pfnUnlock(dev->hDevice, &u);
}

/* D3DDDI_LOCKFLAGS bits, for readable call sites. */
enum {
   L_READONLY = 1 << 0, L_WRITEONLY = 1 << 1, L_NOOVERWRITE = 1 << 2,
   L_DISCARD = 1 << 3, L_RANGE = 1 << 4, L_AREA = 1 << 5, L_BOX = 1 << 6,
   L_NOTIFYONLY = 1 << 7, L_MIGHTDRAW = 1 << 8, L_DONOTWAIT = 1 << 9,
};

#endif

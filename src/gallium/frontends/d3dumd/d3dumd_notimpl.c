/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The E_NOTIMPL answer of every device slot not implemented yet.  The typed
 * per-slot entry points are generated (d3dumd_notimpl_gen.py); they all end
 * here, which logs each slot once per device under D3DUMD_DEBUG=user.
 */

#include "d3dumd_private.h"

HRESULT
d3dumd_notimpl(HANDLE hDevice, unsigned slot, const char *name)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   if (dev && slot < BITSET_SIZE(dev->notimpl_logged) &&
       !BITSET_TEST(dev->notimpl_logged, slot)) {
      BITSET_SET(dev->notimpl_logged, slot);
      d3dumd_log(dev->adapter->debug, D3DUMD_DEBUG_USER, name,
                 "not implemented: E_NOTIMPL");
   }
   return E_NOTIMPL;
}

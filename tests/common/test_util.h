/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* Small helpers shared by the tests. */

#ifndef D3DUMD_TEST_UTIL_H
#define D3DUMD_TEST_UTIL_H

#include <stdlib.h>

#include "piglit.h"
#include "rt.h"

/* Loads the driver or skips the test with the reason. */
static inline struct rt_driver *
test_load_driver(void)
{
   struct rt_driver *drv = rt_driver_load(NULL);
   if (!drv)
      piglit_skip("the driver could not be loaded (see above)");
   return drv;
}

/* Opens an adapter or fails the whole test: nothing else can run. */
static inline struct rt_adapter *
test_open_adapter(struct rt_driver *drv)
{
   struct rt_adapter *adapter = NULL;
   HRESULT hr = rt_adapter_open(drv, 0, &adapter);
   if (FAILED(hr)) {
      printf("OpenAdapter failed: 0x%08x\n", (unsigned)hr);
      piglit_report(PIGLIT_FAIL);
   }
   return adapter;
}

static inline struct rt_device *
test_create_device(struct rt_adapter *adapter)
{
   struct rt_device *dev = NULL;
   HRESULT hr = rt_device_create(adapter, 0, &dev);
   if (FAILED(hr)) {
      printf("CreateDevice failed: 0x%08x\n", (unsigned)hr);
      piglit_report(PIGLIT_FAIL);
   }
   return dev;
}

#endif

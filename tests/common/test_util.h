/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* Small helpers shared by the tests. */

#ifndef D3DUMD_TEST_UTIL_H
#define D3DUMD_TEST_UTIL_H

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "piglit.h"
#include "rt.h"

/* Waits in tests are bounded by wall time, never by a count of tries: a
 * busy machine (CI runs the suite with every CPU loaded, test.sh --load)
 * may take any number of tries.  The bound is generous: reaching it means
 * the driver never answered, not that the machine was slow. */
#define TEST_WAIT_S 120.0

static inline double
test_now_s(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Whether the Vulkan loader has a driver manifest to offer zink. */
static inline bool
test_have_vulkan_icd(void)
{
   static const char *dirs[] = {
      "/usr/share/vulkan/icd.d", "/etc/vulkan/icd.d",
      "/usr/local/share/vulkan/icd.d",
   };
   if (getenv("VK_ICD_FILENAMES") || getenv("VK_DRIVER_FILES"))
      return true;
   for (unsigned i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
      DIR *d = opendir(dirs[i]);
      if (!d)
         continue;
      struct dirent *e;
      bool found = false;
      while (!found && (e = readdir(d)))
         found = strstr(e->d_name, ".json") != NULL;
      closedir(d);
      if (found)
         return true;
   }
   return false;
}

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
   const char *gallium = getenv("GALLIUM_DRIVER");
   if (FAILED(hr) && gallium && !strcmp(gallium, "zink") &&
       !test_have_vulkan_icd())
      piglit_skip("zink: no Vulkan driver is installed (lavapipe is "
                  "Debian's mesa-vulkan-drivers)");
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

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-device-cycles: 100 warm-up and 300 measured CreateDevice/
 * DestroyDevice cycles leave
 * nothing behind.  Every context the driver created through the runtime is
 * destroyed, and the heap returns to where it was: measured with mallinfo2
 * around a whole adapter lifetime (open, 300 cycles, close), after a first
 * such round has let Mesa and LLVM fill their process-wide caches.  Screen
 * caches may grow while the adapter lives and are released with it.  The
 * sanitizer run adds LeakSanitizer's verdict.
 */

#include <malloc.h>
#include <stdlib.h>

#include "test_util.h"

/* Heap growth allowed per cycle, in steady state.  Mesa's own process-wide
 * state still creeps by a few hundred bytes per context on softpipe (all of
 * it released at exit: valgrind and LeakSanitizer report no leak), so the
 * bound is per cycle: a leaked d3dumd_device (over 1 KiB) or pipe_context
 * (hundreds of KiB) per cycle fails it. */
#define MAX_GROWTH_PER_CYCLE 512

static size_t
heap_in_use(void)
{
   malloc_trim(0);
   return mallinfo2().uordblks;
}

/* One adapter lifetime with `cycles` device create/destroy cycles. */
static void
round_trip(struct rt_driver *drv, unsigned cycles)
{
   struct rt_adapter *adapter = test_open_adapter(drv);
   unsigned failed = 0;

   for (unsigned i = 0; i < cycles; i++) {
      struct rt_device *dev = NULL;
      if (FAILED(rt_device_create(adapter, 0, &dev))) {
         failed++;
         continue;
      }
      /* Make the context do a little work, as a runtime would. */
      if (FAILED(dev->funcs.pfnFlush(dev->hDevice)))
         failed++;
      if (FAILED(rt_device_destroy(dev)))
         failed++;
   }
   CHECK(failed == 0);
   CHECK(rt_count(adapter, RT_CB_CREATECONTEXT) == cycles);
   CHECK(rt_count(adapter, RT_CB_DESTROYCONTEXT) == cycles);
   CHECK(rt_violations(adapter) == 0);
   CHECK_HR(rt_adapter_close(adapter), S_OK);
}

static void
cycles(struct rt_driver *drv, unsigned n)
{
   round_trip(drv, 100); /* warm-up: process-wide caches */
   const size_t before = heap_in_use();
   round_trip(drv, n);
   const size_t after = heap_in_use();
   const long growth = (long)after - (long)before;
   printf("heap in use: %zu -> %zu bytes (%+ld) over %u cycles\n", before,
          after, growth, n);
   CHECK(growth < (long)(MAX_GROWTH_PER_CYCLE * n));
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();

   /* D3DUMD_TEST_CYCLES overrides the count, to look at trends. */
   const char *n = getenv("D3DUMD_TEST_CYCLES");
   SUBTEST("create-destroy-cycles", cycles(drv, n ? atoi(n) : 300));

   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

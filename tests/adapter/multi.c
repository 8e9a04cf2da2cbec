/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-adapter-multi: several adapters and devices at once stay
 * independent, also when different threads drive them (different devices
 * run at once: threading-model-of-user-mode-display-driver.md).  Run under
 * ThreadSanitizer in CI.
 */

#include <pthread.h>

#include "test_util.h"

static struct rt_driver *drv;

static void
independent(void)
{
   struct rt_adapter *a = test_open_adapter(drv);
   struct rt_adapter *b = test_open_adapter(drv);
   struct rt_device *a1 = test_create_device(a);
   struct rt_device *a2 = test_create_device(a);
   struct rt_device *b1 = test_create_device(b);

   CHECK(a1->hDevice != a2->hDevice && a1->hDevice != b1->hDevice);
   /* Each device's callbacks reach its own runtime object. */
   CHECK(rt_count(a, RT_CB_CREATECONTEXT) == 2);
   CHECK(rt_count(b, RT_CB_CREATECONTEXT) == 1);

   CHECK_HR(rt_device_destroy(a1), S_OK);
   CHECK_HR(a2->funcs.pfnFlush(a2->hDevice), S_OK);
   CHECK_HR(b1->funcs.pfnFlush(b1->hDevice), S_OK);
   CHECK_HR(rt_device_destroy(a2), S_OK);
   CHECK_HR(rt_adapter_close(a), S_OK);
   /* b outlives a. */
   CHECK_HR(b1->funcs.pfnFlush(b1->hDevice), S_OK);
   CHECK_HR(rt_device_destroy(b1), S_OK);
   CHECK(rt_violations(b) == 0);
   CHECK_HR(rt_adapter_close(b), S_OK);
}

#define THREADS 4
#define ROUNDS 8

static void *
thread_main(void *arg)
{
   unsigned *failures = arg;
   for (unsigned r = 0; r < ROUNDS; r++) {
      struct rt_adapter *adapter = NULL;
      if (FAILED(rt_adapter_open(drv, 0, &adapter)) || !adapter->hAdapter) {
         (*failures)++;
         rt_adapter_close(adapter);
         continue;
      }
      struct rt_device *dev[2] = { NULL, NULL };
      for (unsigned i = 0; i < 2; i++) {
         if (FAILED(rt_device_create(adapter, 0, &dev[i])))
            (*failures)++;
      }
      UINT count = 0;
      if (FAILED(rt_get_caps(adapter, D3DDDICAPS_GETFORMATCOUNT, NULL, &count,
                             sizeof(count))) || !count)
         (*failures)++;
      for (unsigned i = 0; i < 2; i++) {
         if (dev[i] && (FAILED(dev[i]->funcs.pfnFlush(dev[i]->hDevice)) ||
                        FAILED(rt_device_destroy(dev[i]))))
            (*failures)++;
      }
      if (rt_violations(adapter))
         (*failures)++;
      if (FAILED(rt_adapter_close(adapter)))
         (*failures)++;
   }
   return NULL;
}

static void
threads(void)
{
   pthread_t t[THREADS];
   unsigned failures[THREADS] = { 0 };
   for (unsigned i = 0; i < THREADS; i++)
      CHECK(pthread_create(&t[i], NULL, thread_main, &failures[i]) == 0);
   for (unsigned i = 0; i < THREADS; i++) {
      pthread_join(t[i], NULL);
      CHECK(failures[i] == 0);
   }
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   drv = test_load_driver();

   SUBTEST("independent", independent());
   SUBTEST("threads", threads());

   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

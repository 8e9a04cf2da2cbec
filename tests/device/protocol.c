/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-device-protocol: the callbacks of device creation and
 * destruction.  CreateDevice creates one context through
 * pfnCreateContextCb with the runtime's hDevice (D3DDDIARG_CREATEDEVICE:
 * the command-buffer members are obsolete, a context is required) and
 * nothing else; DestroyDevice destroys exactly that context; a failing
 * pfnCreateContextCb makes CreateDevice return its error unchanged.
 */

#include "test_util.h"

static struct rt_adapter *adapter;

static void
create_destroy(void)
{
   rt_reset_calls(adapter);
   struct rt_device *dev = NULL;
   CHECK_HR(rt_device_create(adapter, 0, &dev), S_OK);
   if (!dev)
      return;
   CHECK(dev->hDevice != NULL && dev->hDevice != (HANDLE)dev);
   CHECK(adapter->rec.num_calls == 1);
   CHECK(adapter->rec.calls[0].cb == RT_CB_CREATECONTEXT);
   CHECK(adapter->rec.calls[0].handle == (HANDLE)dev);
   CHECK(rt_count(adapter, RT_CB_ALLOCATE) == 0);
   CHECK(rt_count(adapter, RT_CB_RENDER) == 0);

   CHECK_HR(rt_device_destroy(dev), S_OK);
   CHECK(adapter->rec.num_calls == 2);
   CHECK(adapter->rec.calls[1].cb == RT_CB_DESTROYCONTEXT);
   CHECK(rt_violations(adapter) == 0);
}

static void
create_context_fails(HRESULT injected)
{
   rt_reset_calls(adapter);
   rt_fail_next(adapter, RT_CB_CREATECONTEXT, injected, 1);
   struct rt_device *dev = NULL;
   /* The callback's error goes back unchanged, and nothing is left:
    * rt_device_create checks no context or allocation stays alive. */
   CHECK_HR(rt_device_create(adapter, 0, &dev), injected);
   CHECK(rt_count(adapter, RT_CB_DESTROYCONTEXT) == 0);
   /* The adapter is still usable. */
   dev = NULL;
   CHECK_HR(rt_device_create(adapter, 0, &dev), S_OK);
   if (dev)
      CHECK_HR(rt_device_destroy(dev), S_OK);
   CHECK(rt_violations(adapter) == 0);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   adapter = test_open_adapter(drv);

   SUBTEST("create-destroy", create_destroy());
   SUBTEST("createcontext-outofmemory", create_context_fails(E_OUTOFMEMORY));
   SUBTEST("createcontext-deviceremoved",
           create_context_fails(D3DDDIERR_DEVICEREMOVED));

   CHECK_HR(rt_adapter_close(adapter), S_OK);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

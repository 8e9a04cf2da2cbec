/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* d3dumd-adapter-open: OpenAdapter and CloseAdapter as a D3D9 runtime
 * calls them (D3DDDIARG_OPENADAPTER, D3DDDI_ADAPTERFUNCS pages). */

#include <string.h>

#include "test_util.h"

static struct rt_driver *drv;

static void
open_close(void)
{
   struct rt_adapter *adapter = NULL;
   CHECK_HR(rt_adapter_open(drv, 0, &adapter), S_OK);
   if (!adapter || !adapter->hAdapter) {
      CHECK(!"adapter opened");
      return;
   }
   /* DriverVersion is the interface version the driver was compiled
    * with: D3D_UMD_INTERFACE_VERSION_WIN8 (0x3004). */
   CHECK(adapter->driver_version == 0x3004);
   /* hAdapter is in/out: the driver's own handle comes back. */
   CHECK(adapter->hAdapter != (HANDLE)adapter);
   CHECK(adapter->funcs.pfnGetCaps != NULL);
   CHECK(adapter->funcs.pfnCreateDevice != NULL);
   CHECK(adapter->funcs.pfnCloseAdapter != NULL);
   /* The driver queries the kernel-mode driver's adapter info, once, with
    * the runtime's handle. */
   CHECK(rt_count(adapter, RT_CB_QUERYADAPTERINFO) == 1);
   CHECK(adapter->rec.num_calls >= 1 &&
         adapter->rec.calls[0].handle == (HANDLE)adapter);
   CHECK(rt_violations(adapter) == 0);
   CHECK_HR(rt_adapter_close(adapter), S_OK);
}

static void
open_with_older_runtime(void)
{
   /* A runtime built for Windows 7 (0x2003) or Vista (0x000C) still gets
    * the driver's own DriverVersion back. */
   static const UINT versions[] = { 0x000C, 0x2003, 0x3004, 0x4002 };
   for (unsigned i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
      struct rt_adapter *adapter = NULL;
      CHECK_HR(rt_adapter_open(drv, versions[i], &adapter), S_OK);
      if (adapter && adapter->hAdapter) {
         CHECK(adapter->driver_version == 0x3004);
         CHECK_HR(rt_adapter_close(adapter), S_OK);
      }
   }
}

static void
distinct_handles(void)
{
   struct rt_adapter *a = NULL, *b = NULL;
   CHECK_HR(rt_adapter_open(drv, 0, &a), S_OK);
   CHECK_HR(rt_adapter_open(drv, 0, &b), S_OK);
   if (a && b && a->hAdapter && b->hAdapter) {
      CHECK(a->hAdapter != b->hAdapter);
      /* Closing one leaves the other working. */
      CHECK_HR(rt_adapter_close(a), S_OK);
      a = NULL;
      UINT count = 0;
      CHECK_HR(rt_get_caps(b, D3DDDICAPS_GETFORMATCOUNT, NULL, &count,
                           sizeof(count)), S_OK);
      CHECK(count > 0);
   }
   if (a)
      CHECK_HR(rt_adapter_close(a), S_OK);
   if (b)
      CHECK_HR(rt_adapter_close(b), S_OK);
}

static void
reopen_many(void)
{
   for (unsigned i = 0; i < 20; i++) {
      struct rt_adapter *adapter = NULL;
      CHECK_HR(rt_adapter_open(drv, 0, &adapter), S_OK);
      if (adapter && adapter->hAdapter)
         CHECK_HR(rt_adapter_close(adapter), S_OK);
   }
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   drv = test_load_driver();

   SUBTEST("open-close", open_close());
   SUBTEST("older-runtime-versions", open_with_older_runtime());
   SUBTEST("distinct-handles", distinct_handles());
   SUBTEST("reopen-20", reopen_many());

   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-device-slots: CreateDevice fills every slot of D3DDDI_DEVICEFUNCS
 * the runtime's interface version has, leaves the optional ones NULL (the
 * runtime reads NULL as "not supported"), and writes nothing past the
 * runtime's table.
 */

#include <stddef.h>

#include "test_util.h"

static struct rt_adapter *adapter;

/* The slots the reference calls optional are set only when implemented.
 * At the WIN8 table they all are: LockAsync, UnlockAsync and Rename go
 * together (nc-d3dumddi-pfnd3dddi_lockasync.md); the other optional ones
 * (CheckPresentDurationSupport, SetMarker, SetMarkerMode) are WDDM 1.3
 * slots, past the table the driver compiles. */
static bool
is_optional(size_t offset)
{
   (void)offset;
   return false;
}

static void
async_trio_together(void)
{
   struct rt_device *dev = test_create_device(adapter);
   const bool a = dev->funcs.pfnLockAsync != NULL;
   CHECK(a == (dev->funcs.pfnUnlockAsync != NULL));
   CHECK(a == (dev->funcs.pfnRename != NULL));
   CHECK(a);
   CHECK_HR(rt_device_destroy(dev), S_OK);
}

/* The table of a runtime of the given version ends before this offset:
 * the reference's only gate below WIN8 puts pfnVolBlt1 first. */
static size_t
table_end(UINT version)
{
   return version >= 0x3004 ? sizeof(D3DDDI_DEVICEFUNCS)
                            : offsetof(D3DDDI_DEVICEFUNCS, pfnVolBlt1);
}

static void
check_version(UINT version)
{
   struct rt_device *dev = NULL;
   CHECK_HR(rt_device_create(adapter, version, &dev), S_OK);
   if (!dev)
      return;

   void *const *slots = (void *const *)&dev->funcs;
   const size_t end = table_end(version);
   unsigned missing = 0, unexpected = 0, overrun = 0;
   for (size_t off = 0; off < sizeof(dev->funcs); off += sizeof(void *)) {
      void *slot = slots[off / sizeof(void *)];
      if (off >= end) {
         if (slot != RT_POISON_PTR) {
            printf("  slot at offset %zu written past a 0x%x table\n", off,
                   version);
            overrun++;
         }
      } else if (is_optional(off)) {
         if (slot != NULL) {
            printf("  optional slot at offset %zu is set\n", off);
            unexpected++;
         }
      } else if (slot == NULL || slot == RT_POISON_PTR) {
         printf("  slot at offset %zu not filled\n", off);
         missing++;
      }
   }
   CHECK(missing == 0);
   CHECK(unexpected == 0);
   CHECK(overrun == 0);
   CHECK_HR(rt_device_destroy(dev), S_OK);
}

static void
not_implemented_returns_e_notimpl(void)
{
   struct rt_device *dev = test_create_device(adapter);
   /* Slots with no implementation yet answer E_NOTIMPL, every time. */
   CHECK_HR(dev->funcs.pfnDrawRectPatch(dev->hDevice, NULL, NULL, NULL),
            E_NOTIMPL);
   CHECK_HR(dev->funcs.pfnDrawRectPatch(dev->hDevice, NULL, NULL, NULL),
            E_NOTIMPL);
   CHECK_HR(dev->funcs.pfnDrawTriPatch(dev->hDevice, NULL, NULL, NULL),
            E_NOTIMPL);
   /* Implemented slots validate their input instead: E_FAIL. */
   CHECK_HR(dev->funcs.pfnPresent(dev->hDevice, NULL), E_FAIL);
   CHECK_HR(dev->funcs.pfnSetRenderState(dev->hDevice, NULL), E_FAIL);
   CHECK_HR(dev->funcs.pfnDrawPrimitive(dev->hDevice, NULL, NULL), E_FAIL);
   /* Flush is implemented: it submits, and succeeds with nothing queued. */
   CHECK_HR(dev->funcs.pfnFlush(dev->hDevice), S_OK);
   CHECK_HR(rt_device_destroy(dev), S_OK);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   adapter = test_open_adapter(drv);

   SUBTEST("win8-runtime", check_version(0x3004));
   SUBTEST("wddm1_3-runtime", check_version(0x4002));
   SUBTEST("win7-runtime", check_version(0x2003));
   SUBTEST("vista-runtime", check_version(0x000C));
   SUBTEST("e-notimpl", not_implemented_returns_e_notimpl());
   SUBTEST("lockasync-unlockasync-rename-together", async_trio_together());

   CHECK(rt_violations(adapter) == 0);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

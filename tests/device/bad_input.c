/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-bad-input: malformed arguments to the adapter and device entry
 * points.  A driver never makes up E_INVALIDARG
 * (handling-the-e-invalidarg-return-value.md): each case gets E_FAIL (or
 * the error of the runtime callback that failed, unchanged), changes
 * nothing the runtime can see, leaks nothing and does not crash.  Under
 * D3DUMD_DEBUG=user each rejection is logged.
 */

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"

static struct rt_driver *drv;

#define POISON_BYTE 0xa5

static bool
is_poison(const void *p, size_t size)
{
   const unsigned char *b = p;
   for (size_t i = 0; i < size; i++) {
      if (b[i] != POISON_BYTE)
         return false;
   }
   return true;
}

/* OpenAdapter with a malformed D3DDDIARG_OPENADAPTER. */
static void
open_adapter_bad(void)
{
   CHECK_HR(drv->OpenAdapter(NULL), E_FAIL);

   struct rt_adapter *shell = rt_adapter_alloc(drv, 0);
   D3DDDI_ADAPTERFUNCS funcs;
   D3DDDI_ADAPTERCALLBACKS no_query = { 0 };
   struct {
      const char *what;
      UINT interface;
      const D3DDDI_ADAPTERCALLBACKS *callbacks;
      D3DDDI_ADAPTERFUNCS *funcs;
   } cases[] = {
      { "interface 8", 8, &shell->callbacks, &funcs },
      { "interface 0", 0, &shell->callbacks, &funcs },
      { "NULL callbacks", 9, NULL, &funcs },
      { "NULL pfnQueryAdapterInfoCb", 9, &no_query, &funcs },
      { "NULL pAdapterFuncs", 9, &shell->callbacks, NULL },
   };
   for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
      memset(&funcs, POISON_BYTE, sizeof(funcs));
      D3DDDIARG_OPENADAPTER open = {
         .hAdapter = shell,
         .Interface = cases[i].interface,
         .Version = D3D_UMD_INTERFACE_VERSION,
         .pAdapterCallbacks = cases[i].callbacks,
         .pAdapterFuncs = cases[i].funcs,
         .DriverVersion = 0x1234,
      };
      HRESULT hr = drv->OpenAdapter(&open);
      if (hr != E_FAIL || open.hAdapter != shell ||
          open.DriverVersion != 0x1234 || !is_poison(&funcs, sizeof(funcs))) {
         printf("  FAILED: OpenAdapter with %s: 0x%08x or outputs changed\n",
                cases[i].what, (unsigned)hr);
         piglit_check_failed = true;
      }
   }
   rt_adapter_close(shell);
}

/* A failing pfnQueryAdapterInfoCb: its error, unchanged. */
static void
query_adapter_info_fails(HRESULT injected)
{
   struct rt_adapter *shell = rt_adapter_alloc(drv, 0);
   rt_fail_next(shell, RT_CB_QUERYADAPTERINFO, injected, 1);
   D3DDDI_ADAPTERFUNCS funcs;
   memset(&funcs, POISON_BYTE, sizeof(funcs));
   D3DDDIARG_OPENADAPTER open = {
      .hAdapter = shell, .Interface = 9, .Version = D3D_UMD_INTERFACE_VERSION,
      .pAdapterCallbacks = &shell->callbacks, .pAdapterFuncs = &funcs,
   };
   CHECK_HR(drv->OpenAdapter(&open), injected);
   CHECK(open.hAdapter == shell);
   CHECK(is_poison(&funcs, sizeof(funcs)));
   rt_adapter_close(shell);
}

static void
get_caps_bad(struct rt_adapter *adapter)
{
   union {
      D3DCAPS9 caps;
      UINT count;
      unsigned char bytes[4096];
   } buf;

   /* Unknown types: the only GetCaps failure the reference leaves. */
   memset(&buf, POISON_BYTE, sizeof(buf));
   CHECK_HR(rt_get_caps(adapter, (D3DDDICAPS_TYPE)0, NULL, &buf, sizeof(buf)),
            E_FAIL);
   CHECK_HR(rt_get_caps(adapter, (D3DDDICAPS_TYPE)1000, NULL, &buf,
                        sizeof(buf)), E_FAIL);
   CHECK_HR(rt_get_caps(adapter, (D3DDDICAPS_TYPE)-1, NULL, &buf,
                        sizeof(buf)), E_FAIL);
   CHECK(is_poison(&buf, sizeof(buf)));

   /* NULL argument block, NULL or short data buffers. */
   CHECK_HR(adapter->funcs.pfnGetCaps(adapter->hAdapter, NULL), E_FAIL);
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETD3D9CAPS, NULL, NULL,
                        sizeof(D3DCAPS9)), E_FAIL);
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETD3D9CAPS, NULL, &buf,
                        sizeof(D3DCAPS9) - 1), E_FAIL);
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETFORMATCOUNT, NULL, &buf, 2),
            E_FAIL);
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETFORMATCOUNT, NULL, NULL, 4),
            E_FAIL);
   CHECK(is_poison(&buf, sizeof(buf)));

   UINT count = 0;
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETFORMATCOUNT, NULL, &count,
                        sizeof(count)), S_OK);
   if (count > 0 && count * sizeof(FORMATOP) <= sizeof(buf)) {
      CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETFORMATDATA, NULL, &buf,
                           (count - 1) * sizeof(FORMATOP)), E_FAIL);
      CHECK(is_poison(&buf, sizeof(buf)));
   }
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETMULTISAMPLEQUALITYLEVELS,
                        NULL, &buf, 4), E_FAIL);
   CHECK(is_poison(&buf, sizeof(buf)));
}

static HRESULT
get_caps_handle(struct rt_adapter *adapter, HANDLE h)
{
   UINT count = 0x5a5a5a5a;
   D3DDDIARG_GETCAPS caps = {
      .Type = D3DDDICAPS_GETFORMATCOUNT, .pData = &count,
      .DataSize = sizeof(count),
   };
   HRESULT hr = adapter->funcs.pfnGetCaps(h, &caps);
   if (count != 0x5a5a5a5a)
      return S_OK; /* it wrote: as bad as success */
   return hr;
}

static void
stale_and_foreign_handles(void)
{
   struct rt_adapter *a = test_open_adapter(drv);
   struct rt_adapter *b = test_open_adapter(drv);
   struct rt_device *dev = test_create_device(b);
   HANDLE stale = a->hAdapter;
   D3DDDI_ADAPTERFUNCS funcs = a->funcs;
   CHECK_HR(rt_adapter_close(a), S_OK);

   /* Adapter entry points with a closed, NULL, garbage or device handle. */
   CHECK_HR(get_caps_handle(b, stale), E_FAIL);
   CHECK_HR(get_caps_handle(b, NULL), E_FAIL);
   CHECK_HR(get_caps_handle(b, (HANDLE)(uintptr_t)0x12345678), E_FAIL);
   CHECK_HR(get_caps_handle(b, (HANDLE)(uintptr_t)~0ull), E_FAIL);
   CHECK_HR(get_caps_handle(b, dev->hDevice), E_FAIL);
   CHECK_HR(funcs.pfnCloseAdapter(stale), E_FAIL);
   CHECK_HR(funcs.pfnCloseAdapter(NULL), E_FAIL);
   CHECK_HR(funcs.pfnCloseAdapter(dev->hDevice), E_FAIL);

   /* Device entry points with bad handles. */
   CHECK_HR(dev->funcs.pfnDestroyDevice(NULL), E_FAIL);
   CHECK_HR(dev->funcs.pfnDestroyDevice(b->hAdapter), E_FAIL);
   CHECK_HR(dev->funcs.pfnFlush(NULL), E_FAIL);
   CHECK_HR(dev->funcs.pfnFlush((HANDLE)(uintptr_t)0x7777), E_FAIL);
   D3DDDI_DEVICEFUNCS dfuncs = dev->funcs;
   HANDLE stale_dev = dev->hDevice;
   CHECK_HR(rt_device_destroy(dev), S_OK);
   CHECK_HR(dfuncs.pfnDestroyDevice(stale_dev), E_FAIL);
   CHECK_HR(dfuncs.pfnFlush(stale_dev), E_FAIL);

   /* b is unharmed. */
   CHECK_HR(get_caps_handle(b, b->hAdapter), S_OK);
   CHECK(rt_violations(b) == 0);
   CHECK_HR(rt_adapter_close(b), S_OK);
}

static void
create_device_bad(void)
{
   struct rt_adapter *adapter = test_open_adapter(drv);
   D3DDDI_DEVICEFUNCS funcs;
   D3DDDI_DEVICECALLBACKS callbacks;
   /* A real callback table from a device the runtime creates normally. */
   struct rt_device *ok = test_create_device(adapter);
   callbacks = ok->callbacks;
   D3DDDI_DEVICECALLBACKS no_context = callbacks;
   no_context.pfnCreateContextCb = NULL;

   CHECK_HR(adapter->funcs.pfnCreateDevice(adapter->hAdapter, NULL), E_FAIL);

   struct {
      const char *what;
      UINT interface;
      const D3DDDI_DEVICECALLBACKS *callbacks;
      D3DDDI_DEVICEFUNCS *funcs;
   } cases[] = {
      { "interface 8", 8, &callbacks, &funcs },
      { "NULL pCallbacks", 9, NULL, &funcs },
      { "NULL pDeviceFuncs", 9, &callbacks, NULL },
      { "NULL pfnCreateContextCb", 9, &no_context, &funcs },
   };
   unsigned contexts = rt_count(adapter, RT_CB_CREATECONTEXT);
   for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
      memset(&funcs, POISON_BYTE, sizeof(funcs));
      D3DDDIARG_CREATEDEVICE create = {
         .hDevice = ok, /* the runtime's handle: callbacks would reach ok */
         .Interface = cases[i].interface,
         .Version = D3D_UMD_INTERFACE_VERSION,
         .pCallbacks = cases[i].callbacks,
         .pDeviceFuncs = cases[i].funcs,
      };
      HRESULT hr = adapter->funcs.pfnCreateDevice(adapter->hAdapter, &create);
      if (hr != E_FAIL || create.hDevice != (HANDLE)ok ||
          !is_poison(&funcs, sizeof(funcs))) {
         printf("  FAILED: CreateDevice with %s: 0x%08x or outputs changed\n",
                cases[i].what, (unsigned)hr);
         piglit_check_failed = true;
      }
   }
   /* None of them got as far as creating a context. */
   CHECK(rt_count(adapter, RT_CB_CREATECONTEXT) == contexts);

   /* A device on a closed adapter. */
   struct rt_adapter *closed = test_open_adapter(drv);
   HANDLE stale = closed->hAdapter;
   CHECK_HR(rt_adapter_close(closed), S_OK);
   memset(&funcs, POISON_BYTE, sizeof(funcs));
   D3DDDIARG_CREATEDEVICE create = {
      .hDevice = ok, .Interface = 9, .Version = D3D_UMD_INTERFACE_VERSION,
      .pCallbacks = &callbacks, .pDeviceFuncs = &funcs,
   };
   CHECK_HR(adapter->funcs.pfnCreateDevice(stale, &create), E_FAIL);
   CHECK(is_poison(&funcs, sizeof(funcs)));

   /* An adapter with a device open cannot close; once it is gone, it can. */
   CHECK_HR(adapter->funcs.pfnCloseAdapter(adapter->hAdapter), E_FAIL);
   CHECK_HR(rt_device_destroy(ok), S_OK);
   CHECK(rt_violations(adapter) == 0);
   CHECK_HR(rt_adapter_close(adapter), S_OK);
}

/* D3DUMD_DEBUG=user: the rejection is logged on stderr. */
static void
user_log_line(void)
{
   fflush(stderr);
   int saved = dup(STDERR_FILENO);
   char path[] = "/tmp/d3dumd-bad-input-XXXXXX";
   int fd = mkstemp(path);
   if (fd < 0 || saved < 0) {
      CHECK(!"temporary file for stderr");
      return;
   }
   dup2(fd, STDERR_FILENO);
   HRESULT hr = drv->OpenAdapter(NULL);
   fflush(stderr);
   dup2(saved, STDERR_FILENO);
   close(saved);

   char log[1024] = { 0 };
   lseek(fd, 0, SEEK_SET);
   ssize_t n = read(fd, log, sizeof(log) - 1);
   close(fd);
   unlink(path);
   CHECK_HR(hr, E_FAIL);
   CHECK(n > 0 && strstr(log, "d3dumd:") && strstr(log, "check failed"));
   printf("  logged: %s", n > 0 ? log : "(nothing)\n");
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   /* Read once, at the first OpenAdapter of the process. */
   setenv("D3DUMD_DEBUG", "user", 1);
   drv = test_load_driver();
   struct rt_adapter *adapter = test_open_adapter(drv);

   SUBTEST("openadapter-malformed", open_adapter_bad());
   SUBTEST("queryadapterinfo-outofmemory",
           query_adapter_info_fails(E_OUTOFMEMORY));
   SUBTEST("queryadapterinfo-deviceremoved",
           query_adapter_info_fails(D3DDDIERR_DEVICEREMOVED));
   SUBTEST("getcaps-malformed", get_caps_bad(adapter));
   SUBTEST("stale-and-foreign-handles", stale_and_foreign_handles());
   SUBTEST("createdevice-malformed", create_device_bad());
   SUBTEST("user-log", user_log_line());

   CHECK_HR(rt_adapter_close(adapter), S_OK);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

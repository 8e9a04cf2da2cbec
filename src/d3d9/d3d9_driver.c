/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Finding and opening the driver: $D3DUMD_DRIVER, else d3dumd.so next to
 * this DLL (symlinks resolved: a prefix's system32/d3d9.dll is usually a
 * link into the install or build tree), else the build tree's layout,
 * else the dynamic loader's search.  One OpenAdapter per IDirect3D9.
 */

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dlfcn.h>
#include <pthread.h>

#include "d3d9_private.h"

static struct d3d9_driver driver;
static pthread_once_t driver_once = PTHREAD_ONCE_INIT;

static bool
try_load(const char *path)
{
   void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
   if (!lib) {
      D3D9_LOG("dlopen(%s): %s", path, dlerror());
      return false;
   }
   PFND3DDDI_OPENADAPTER open = (PFND3DDDI_OPENADAPTER)dlsym(lib,
                                                             "OpenAdapter");
   if (!open) {
      D3D9_LOG("%s exports no OpenAdapter", path);
      dlclose(lib);
      return false;
   }
   driver.lib = lib;
   driver.open_adapter = open;
   snprintf(driver.path, sizeof(driver.path), "%s", path);
   return true;
}

static void
load_driver(void)
{
   const char *env = getenv("D3DUMD_DRIVER");
   if (env && *env) {
      try_load(env);
      return;
   }
   Dl_info info;
   char self[PATH_MAX];
   if (dladdr((void *)load_driver, &info) && realpath(info.dli_fname, self)) {
      char *slash = strrchr(self, '/');
      if (slash) {
         *slash = '\0';
         char path[PATH_MAX + 64];
         /* Installed: side by side.  Build tree: src/d3d9 beside
          * src/gallium/targets/d3dumd. */
         snprintf(path, sizeof(path), "%s/d3dumd.so", self);
         if (try_load(path))
            return;
         snprintf(path, sizeof(path),
                  "%s/../gallium/targets/d3dumd/d3dumd.so", self);
         if (try_load(path))
            return;
      }
   }
   try_load("d3dumd.so");
}

const struct d3d9_driver *
d3d9_driver_get(void)
{
   pthread_once(&driver_once, load_driver);
   if (driver.lib)
      D3D9_LOG("driver %s", driver.path);
   return driver.lib ? &driver : NULL;
}

/* The adapter callbacks: a runtime without a kernel-mode driver has no
 * private adapter data (zeros) and no multisample method list. */
static HRESULT APIENTRY
query_adapter_info_cb(HANDLE hAdapter, const D3DDDICB_QUERYADAPTERINFO *pData)
{
   if (!pData || (pData->PrivateDriverDataSize && !pData->pPrivateDriverData))
      return E_INVALIDARG;
   memset(pData->pPrivateDriverData, 0, pData->PrivateDriverDataSize);
   return S_OK;
}

static HRESULT APIENTRY
get_multisample_method_list_cb(HANDLE hAdapter,
                               D3DDDICB_GETMULTISAMPLEMETHODLIST *pData)
{
   return E_FAIL;
}

HRESULT
d3d9_adapter_get_caps(const struct d3d9_adapter *adapter,
                      D3DDDICAPS_TYPE type, void *info, void *data, UINT size)
{
   D3DDDIARG_GETCAPS caps = {
      .Type = type, .pInfo = info, .pData = data, .DataSize = size,
   };
   return adapter->funcs.pfnGetCaps(adapter->handle, &caps);
}

HRESULT
d3d9_adapter_open(struct d3d9_adapter *adapter)
{
   const struct d3d9_driver *drv = d3d9_driver_get();
   if (!drv)
      return D3DERR_NOTAVAILABLE;

   memset(adapter, 0, sizeof(*adapter));
   adapter->callbacks.pfnQueryAdapterInfoCb = query_adapter_info_cb;
   adapter->callbacks.pfnGetMultisampleMethodListCb =
      get_multisample_method_list_cb;
   D3DDDIARG_OPENADAPTER open = {
      .hAdapter = adapter,   /* the runtime's handle: the adapter itself */
      .Interface = 9,
      .Version = D3D_UMD_INTERFACE_VERSION,
      .pAdapterCallbacks = &adapter->callbacks,
      .pAdapterFuncs = &adapter->funcs,
   };
   HRESULT hr = drv->open_adapter(&open);
   D3D9_LOG("OpenAdapter: %#x, driver version %#x", (unsigned)hr,
            open.DriverVersion);
   if (FAILED(hr))
      return D3DERR_NOTAVAILABLE;
   adapter->handle = open.hAdapter;
   adapter->driver_version = open.DriverVersion;

   UINT count = 0;
   if (FAILED(d3d9_adapter_get_caps(adapter, D3DDDICAPS_GETFORMATCOUNT, NULL,
                                    &count, sizeof(count))))
      goto fail;
   adapter->formats = calloc(count ? count : 1, sizeof(FORMATOP));
   if (!adapter->formats)
      goto fail;
   if (FAILED(d3d9_adapter_get_caps(adapter, D3DDDICAPS_GETFORMATDATA, NULL,
                                    adapter->formats,
                                    count * sizeof(FORMATOP))))
      goto fail;
   adapter->num_formats = count;
   if (FAILED(d3d9_adapter_get_caps(adapter, D3DDDICAPS_GETD3D9CAPS, NULL,
                                    &adapter->caps, sizeof(adapter->caps))))
      goto fail;
   return S_OK;

fail:
   d3d9_adapter_close(adapter);
   return D3DERR_NOTAVAILABLE;
}

void
d3d9_adapter_close(struct d3d9_adapter *adapter)
{
   if (adapter->handle)
      adapter->funcs.pfnCloseAdapter(adapter->handle);
   free(adapter->formats);
   memset(adapter, 0, sizeof(*adapter));
}

const FORMATOP *
d3d9_adapter_format(const struct d3d9_adapter *adapter, D3DFORMAT format)
{
   for (UINT i = 0; i < adapter->num_formats; i++) {
      if (adapter->formats[i].Format == (D3DDDIFORMAT)format)
         return &adapter->formats[i];
   }
   return NULL;
}

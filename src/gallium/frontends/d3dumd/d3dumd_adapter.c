/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* OpenAdapter, CloseAdapter, and the screen behind an adapter. */

#include <string.h>

#include "d3dumd_private.h"

#include "c11/threads.h"
#include "pipe/p_screen.h"
#include "pipe-loader/pipe_loader.h"
#include "util/disk_cache.h"
#include "util/driconf.h"
#include "util/u_atomic.h"
#include "util/u_debug.h"
#include "util/u_memory.h"

/* GALLIUM_DRIVER names a software driver the sw winsys can create
 * (llvmpipe, softpipe, zink, ...): the null-winsys path serves it. */
static bool
wants_sw_driver(const char *name)
{
   static const char *sw[] = { "llvmpipe", "softpipe", "swrast", "zink",
                               "d3d12", "swr" };
   for (unsigned i = 0; i < ARRAY_SIZE(sw); i++) {
      if (!strcmp(name, sw[i]))
         return true;
   }
   return false;
}

/* zink's driconf options.  Over the null software winsys the pipe-loader
 * knows only the software drivers' options (none), but zink queries its
 * own at screen creation (an assertion in debug builds, undefined answers
 * otherwise): give the device zink's table, as the DRI loader would
 * (pipe_loader_load_options keeps an option table that is already there). */
#ifdef HAVE_ZINK
static const driOptionDescription d3dumd_zink_driconf[] = {
#include "zink/driinfo_zink.h"
   /* The one of Gallium's common options zink reads (the whole common
    * table would define mesa_glthread twice, and leak the first). */
   DRI_CONF_SECTION_DEBUG
      DRI_CONF_GLSL_CORRECT_DERIVATIVES_AFTER_DISCARD(false)
   DRI_CONF_SECTION_END
};
#endif

/* DRM render nodes first (when Mesa was built with hardware drivers),
 * then software; GALLIUM_DRIVER picks a driver by name as in every Mesa
 * frontend. */
static struct pipe_screen *
screen_create_bare(struct pipe_loader_device **out_dev)
{
   const char *driver = debug_get_option("GALLIUM_DRIVER", NULL);
   struct pipe_screen *screen = NULL;

#ifdef HAVE_LIBDRM
   if (!driver || !wants_sw_driver(driver)) {
      int n = pipe_loader_drm_probe(NULL, 0);
      if (n > 0) {
         struct pipe_loader_device **devs = CALLOC(n, sizeof(*devs));
         if (!devs)
            return NULL;
         n = pipe_loader_drm_probe(devs, n);
         for (int i = 0; i < n; i++) {
            if (!screen && (!driver || !strcmp(driver, devs[i]->driver_name))) {
               screen = pipe_loader_create_screen(devs[i]);
               if (screen) {
                  *out_dev = devs[i];
                  devs[i] = NULL;
                  continue;
               }
            }
            pipe_loader_release(&devs[i], 1);
         }
         FREE(devs);
         if (screen)
            return screen;
      }
   }
#endif

   if (!pipe_loader_sw_probe_null(out_dev))
      return NULL;
#ifdef HAVE_ZINK
   if (driver && !strcmp(driver, "zink"))
      driParseOptionInfo(&(*out_dev)->option_info, d3dumd_zink_driconf,
                         ARRAY_SIZE(d3dumd_zink_driconf));
#endif
   screen = pipe_loader_create_screen(*out_dev);
   if (!screen)
      pipe_loader_release(out_dev, 1);
   return screen;
}

/* Screens are made and destroyed one at a time, process-wide: Debian
 * bookworm's Vulkan loader (1.3.239) crashes in vkGetDeviceProcAddr when
 * zink creates a device while another thread creates or destroys one
 * (d3dumd-adapter-multi, 1 run in about 50 under load).  Screens come
 * and go with adapters and devices, never on a hot path.  (A pthread
 * mutex: ThreadSanitizer does not see simple_mtx's futex as a lock.) */
static mtx_t screen_lock = _MTX_INITIALIZER_NP;

struct pipe_screen *
d3dumd_screen_create(struct pipe_loader_device **out_dev,
                     d3dumd_screen_wrap_func wrap)
{
   mtx_lock(&screen_lock);
   struct pipe_screen *screen = screen_create_bare(out_dev);
   if (screen && wrap)
      screen = wrap(screen);
   mtx_unlock(&screen_lock);
   return screen;
}

void
d3dumd_screen_destroy(struct pipe_screen *screen,
                      struct pipe_loader_device **dev)
{
   mtx_lock(&screen_lock);
   if (screen)
      screen->destroy(screen);
   if (dev && *dev)
      pipe_loader_release(dev, 1);
   mtx_unlock(&screen_lock);
}

static void
adapter_destroy(struct d3dumd_adapter *adapter)
{
   FREE(adapter->formats);
   /* Waits for its queued writes. */
   if (adapter->shader_cache)
      disk_cache_destroy(adapter->shader_cache);
   d3dumd_screen_destroy(adapter->screen, &adapter->dev);
   adapter->base.type = 0;
   FREE(adapter);
}

static HRESULT APIENTRY
d3dumd_CloseAdapter(HANDLE hAdapter)
{
   struct d3dumd_adapter *adapter = d3dumd_adapter_from_handle(hAdapter);

   d3dumd_check(d3dumd_debug_flags(), adapter, E_FAIL);
   D3DUMD_TRACE(adapter->debug, "hAdapter=%p", hAdapter);

   /* Devices hold the adapter's screen: the runtime destroys them first
    * (DestroyDevice), and an adapter with open devices stays open. */
   d3dumd_check(adapter->debug, p_atomic_read(&adapter->num_devices) == 0,
                E_FAIL);

   d3dumd_handle_release(adapter->base.handle);
   adapter_destroy(adapter);
   return S_OK;
}

HRESULT
d3dumd_open_adapter(D3DDDIARG_OPENADAPTER *pOpenData,
                    d3dumd_screen_wrap_func wrap)
{
   const uint64_t debug = d3dumd_debug_flags();

   d3dumd_check(debug, pOpenData, E_FAIL);
   D3DUMD_TRACE(debug, "hAdapter=%p Interface=%u Version=0x%x",
                pOpenData->hAdapter, pOpenData->Interface,
                pOpenData->Version);
   d3dumd_check(debug, pOpenData->Interface == D3DUMD_D3D9_INTERFACE, E_FAIL);
   d3dumd_check(debug, pOpenData->pAdapterCallbacks, E_FAIL);
   d3dumd_check(debug, pOpenData->pAdapterCallbacks->pfnQueryAdapterInfoCb,
                E_FAIL);
   d3dumd_check(debug, pOpenData->pAdapterFuncs, E_FAIL);

   /* The kernel-mode driver's private adapter data.  This frontend has no
    * kernel-mode half of its own (Gallium's winsys talks to the kernel),
    * so it asks for an empty block: the call keeps the runtime's protocol
    * and passes its failure back unchanged. */
   struct d3dumd_kmd_info {
      UINT Size;
      UINT Reserved;
   } kmd_info = { 0 };
   D3DDDICB_QUERYADAPTERINFO query = {
      .pPrivateDriverData = &kmd_info,
      .PrivateDriverDataSize = sizeof(kmd_info),
   };
   HRESULT hr = pOpenData->pAdapterCallbacks->pfnQueryAdapterInfoCb(
      pOpenData->hAdapter, &query);
   if (FAILED(hr))
      return d3dumd_error(debug, hr);

   struct d3dumd_adapter *adapter = CALLOC_STRUCT(d3dumd_adapter);
   if (!adapter)
      return d3dumd_error(debug, E_OUTOFMEMORY);
   adapter->base.type = D3DUMD_OBJ_ADAPTER;
   adapter->rt_adapter = pOpenData->hAdapter;
   adapter->callbacks = *pOpenData->pAdapterCallbacks;
   adapter->runtime_version = pOpenData->Version;
   adapter->debug = debug;

   adapter->wrap = wrap;
   adapter->screen = d3dumd_screen_create(&adapter->dev, wrap);
   if (!adapter->screen) {
      d3dumd_log(debug, D3DUMD_DEBUG_USER, __func__,
                 "no Gallium screen could be created");
      hr = E_FAIL;
      goto fail;
   }

   if (!d3dumd_format_build_table(adapter))
      goto fail_oom;
   adapter->shader_cache = d3dumd_shader_cache_create(adapter->screen);

   adapter->base.handle = d3dumd_handle_register(adapter, D3DUMD_OBJ_ADAPTER);
   if (!adapter->base.handle)
      goto fail_oom;

   static const D3DDDI_ADAPTERFUNCS adapter_funcs = {
      .pfnGetCaps = d3dumd_GetCaps,
      .pfnCreateDevice = d3dumd_CreateDevice,
      .pfnCloseAdapter = d3dumd_CloseAdapter,
   };
   *pOpenData->pAdapterFuncs = adapter_funcs;
   pOpenData->hAdapter = adapter->base.handle;
   pOpenData->DriverVersion = D3D_UMD_INTERFACE_VERSION;
   D3DUMD_TRACE(debug, "-> hAdapter=%p (%s)", adapter->base.handle,
                adapter->screen->get_name(adapter->screen));
   return S_OK;

fail_oom:
   hr = E_OUTOFMEMORY;
fail:
   adapter_destroy(adapter);
   return d3dumd_error(debug, hr);
}

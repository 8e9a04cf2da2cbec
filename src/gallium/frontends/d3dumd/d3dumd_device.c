/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* CreateDevice, DestroyDevice and the device function table. */

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "d3dumd_private.h"

#include "compiler/glsl_types.h"
#include "cso_cache/cso_context.h"
#include "pipe/p_context.h"
#include "pipe/p_screen.h"
#include "pipe-loader/pipe_loader.h"
#include "util/u_atomic.h"
#include "util/u_debug.h"
#include "util/u_inlines.h"
#include "util/u_memory.h"
#include "util/u_upload_mgr.h"

/*
 * How much of a table a runtime has.  D3DDDIARG_CREATEDEVICE::Version is
 * the D3D_UMD_INTERFACE_VERSION the runtime was built with (it is compared
 * with the DriverVersion we return, as runtimes and shims do); a runtime
 * built for an older version passes a shorter D3DDDI_DEVICEFUNCS and
 * D3DDDI_DEVICECALLBACKS, so we fill and read only the slots that version
 * has, never past its table.
 */
size_t
d3dumd_device_funcs_size(UINT runtime_version)
{
   /* The reference's table has one gate below our version: the WIN8
    * slots start with pfnVolBlt1 (ns-d3dumddi-_d3dddi_devicefuncs.md). */
   if (runtime_version >= D3D_UMD_INTERFACE_VERSION_WIN8)
      return sizeof(D3DDDI_DEVICEFUNCS);
   return offsetof(D3DDDI_DEVICEFUNCS, pfnVolBlt1);
}

static size_t
device_callbacks_size(UINT runtime_version)
{
   if (runtime_version >= D3D_UMD_INTERFACE_VERSION_WIN8)
      return sizeof(D3DDDI_DEVICECALLBACKS);
   return offsetof(D3DDDI_DEVICECALLBACKS, pfnOfferAllocationsCb);
}

static void
device_free(struct d3dumd_device *dev)
{
   if (dev->pipe) {
      if (dev->cso) {
         /* Declarations first: their shaders go through
          * d3dumd_shader_delete_vs, which shader_destroy_all finishes. */
         d3dumd_vdecl_destroy_all(dev);
         d3dumd_shader_destroy_all(dev);
         d3dumd_state_fini(dev);
         cso_destroy_context(dev->cso);
      }
      d3dumd_resource_destroy_all(dev);
      d3dumd_query_destroy_all(dev);
      if (dev->uploader)
         u_upload_destroy(dev->uploader);
      if (dev->const_uploader)
         u_upload_destroy(dev->const_uploader);
      pipe_resource_reference(&dev->zero_vb, NULL);
      dev->pipe->destroy(dev->pipe);
   }
   if (dev->aux)
      dev->aux->destroy(dev->aux);
   if (dev->screen)
      dev->screen->fence_reference(dev->screen, &dev->last_fence, NULL);
   d3dumd_screen_destroy(dev->screen, &dev->loader_dev);
   util_dynarray_fini(&dev->used);
   if (dev->glsl_types_ref)
      glsl_type_singleton_decref();
   mtx_destroy(&dev->async_lock);
   mtx_destroy(&dev->aux_lock);
   if (dev->rt_context) {
      D3DDDICB_DESTROYCONTEXT destroy = { .hContext = dev->rt_context };
      dev->callbacks.pfnDestroyContextCb(dev->rt_device, &destroy);
   }
   dev->base.type = 0;
   FREE(dev);
}

static HRESULT APIENTRY
d3dumd_DestroyDevice(HANDLE hDevice)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   D3DUMD_TRACE(dev->adapter->debug, "hDevice=%p", hDevice);

   struct d3dumd_adapter *adapter = dev->adapter;
   if (adapter->debug & D3DUMD_DEBUG_STATS)
      fprintf(stderr, "d3dumd: stats: locks=%llu renames=%llu "
              "rename_creates=%llu rename_waits=%llu "
              "peak_retired_bytes=%llu flushes_for_renaming=%llu "
              "presents=%llu shader_cache_hits=%llu "
              "shader_cache_misses=%llu\n",
              (unsigned long long)(dev->stats.locks + dev->stats.async_locks),
              (unsigned long long)dev->stats.renames,
              (unsigned long long)dev->stats.rename_creates,
              (unsigned long long)dev->stats.rename_waits,
              (unsigned long long)dev->stats.peak_retired_bytes,
              (unsigned long long)dev->stats.flushes_for_renaming,
              (unsigned long long)dev->stats.presents,
              (unsigned long long)dev->stats.shader_cache_hits,
              (unsigned long long)dev->stats.shader_cache_misses);
   d3dumd_handle_release(dev->base.handle);
   device_free(dev);
   p_atomic_dec(&adapter->num_devices);
   return S_OK;
}

/* Submits the queued work (Flush page: the driver should submit its
 * command buffer).  Gallium's flush hands it to the driver's queue without
 * waiting for it. */
static HRESULT APIENTRY
d3dumd_Flush(HANDLE hDevice)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   D3DUMD_TRACE(dev->adapter->debug, "hDevice=%p", hDevice);
   d3dumd_flush(dev);
   /* Where a driver submitting through pfnRenderCb would uncache its
    * cached locks (the pfnLockCb page). */
   d3dumd_lock_uncache_all(dev);
   return S_OK;
}

/* The slots this frontend implements.  Everything else is E_NOTIMPL
 * (d3dumd_notimpl.c), except the slots the reference calls optional and
 * that are not implemented, which stay NULL so that the runtime knows the
 * feature is absent: pfnCheckPresentDurationSupport, pfnSetMarker and
 * pfnSetMarkerMode (WDDM 1.3).  pfnLockAsync, pfnUnlockAsync and pfnRename
 * are set together (the runtime uses none of them unless all three are). */
static void
fill_device_funcs(D3DDDI_DEVICEFUNCS *funcs)
{
   d3dumd_notimpl_fill(funcs);

   funcs->pfnDestroyDevice = d3dumd_DestroyDevice;
   funcs->pfnFlush = d3dumd_Flush;
   funcs->pfnCreateResource = d3dumd_CreateResource;
   funcs->pfnCreateResource2 = d3dumd_CreateResource2;
   funcs->pfnDestroyResource = d3dumd_DestroyResource;
   funcs->pfnLock = d3dumd_Lock;
   funcs->pfnUnlock = d3dumd_Unlock;
   funcs->pfnBlt = d3dumd_Blt;
   funcs->pfnColorFill = d3dumd_ColorFill;
   funcs->pfnBufBlt = d3dumd_BufBlt;
   funcs->pfnVolBlt = d3dumd_VolBlt;
   funcs->pfnTexBlt = d3dumd_TexBlt;
   funcs->pfnGenerateMipSubLevels = d3dumd_GenerateMipSubLevels;
   funcs->pfnDepthFill = d3dumd_DepthFill;

   d3dumd_state_fill_funcs(funcs);
   d3dumd_target_fill_funcs(funcs);
   d3dumd_vertex_fill_funcs(funcs);
   d3dumd_shader_fill_funcs(funcs);
   d3dumd_draw_fill_funcs(funcs);
   d3dumd_present_fill_funcs(funcs);

   funcs->pfnCreateQuery = d3dumd_CreateQuery;
   funcs->pfnDestroyQuery = d3dumd_DestroyQuery;
   funcs->pfnIssueQuery = d3dumd_IssueQuery;
   funcs->pfnGetQueryData = d3dumd_GetQueryData;
   /* The three together (d3dumd_lock_async.h). */
   funcs->pfnLockAsync = d3dumd_LockAsync;
   funcs->pfnUnlockAsync = d3dumd_UnlockAsync;
   funcs->pfnRename = d3dumd_Rename;
#if D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WDDM1_3
   funcs->pfnCheckPresentDurationSupport = NULL;
   funcs->pfnSetMarker = NULL;
   funcs->pfnSetMarkerMode = NULL;
#endif
}

HRESULT APIENTRY
d3dumd_CreateDevice(HANDLE hAdapter, D3DDDIARG_CREATEDEVICE *pData)
{
   struct d3dumd_adapter *adapter = d3dumd_adapter_from_handle(hAdapter);

   d3dumd_check(d3dumd_debug_flags(), adapter, E_FAIL);
   const uint64_t debug = adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "hDevice=%p Interface=%u Version=0x%x Flags=0x%x",
                pData->hDevice, pData->Interface, pData->Version,
                pData->Flags.Value);
   d3dumd_check(debug, pData->Interface == D3DUMD_D3D9_INTERFACE, E_FAIL);
   d3dumd_check(debug, pData->pCallbacks && pData->pDeviceFuncs, E_FAIL);
   d3dumd_check(debug, pData->pCallbacks->pfnCreateContextCb &&
                pData->pCallbacks->pfnDestroyContextCb, E_FAIL);

   struct d3dumd_device *dev = CALLOC_STRUCT(d3dumd_device);
   if (!dev)
      return d3dumd_error(debug, E_OUTOFMEMORY);
   dev->base.type = D3DUMD_OBJ_DEVICE;
   dev->adapter = adapter;
   dev->rt_device = pData->hDevice;
   dev->interface_version = pData->Interface;
   dev->runtime_version = pData->Version;
   dev->flags = pData->Flags;
   memcpy(&dev->callbacks, pData->pCallbacks,
          device_callbacks_size(pData->Version));
   d3dumd_lock_check_bits();
   list_inithead(&dev->resources);
   list_inithead(&dev->cached_locks);
   list_inithead(&dev->queries);
   list_inithead(&dev->vdecls);
   list_inithead(&dev->shaders);
   util_dynarray_init(&dev->used, NULL);
   mtx_init(&dev->async_lock, mtx_plain);
   mtx_init(&dev->aux_lock, mtx_plain);
   dev->batch = 1;
   /* Renaming bounds, per resource.  For scale: DXVK submits after 30 MiB
    * of discards and blocks past 90 MiB in flight, wined3d fences past
    * 64 MiB retired.  16 retired storages cover any frame pacing a D3D9
    * runtime allows (3 frames in flight) with room for several Discards a
    * frame.  16 MiB of bytes: rotating through more than the CPU's last-
    * level cache made streaming slower, not faster (bench part 4: a 4 MiB
    * buffer through LockAsync(Discard) ran at 0.29 of bare Gallium with a
    * 64 MiB bound, 0.84 with 16 MiB). */
   /* At least one: a bound of zero would refuse every LockAsync(Discard). */
   dev->rename_max_backings =
      MAX2(debug_get_num_option("D3DUMD_RENAME_MAX_BACKINGS", 16), 1);
   dev->rename_max_bytes =
      (uint64_t)debug_get_num_option("D3DUMD_RENAME_MAX_MIB", 16) << 20;

   /* The reference requires a context from the runtime before the device
    * submits anything (D3DDDIARG_CREATEDEVICE: the command-buffer members
    * are obsolete).  Gallium records and submits the work itself, so the
    * context's command buffer stays unused; its failure goes back as is. */
   D3DDDICB_CREATECONTEXT create_context = { .NodeOrdinal = 0 };
   HRESULT hr = dev->callbacks.pfnCreateContextCb(dev->rt_device,
                                                  &create_context);
   if (FAILED(hr)) {
      FREE(dev);
      return d3dumd_error(debug, hr);
   }
   dev->rt_context = create_context.hContext;

   dev->screen = d3dumd_screen_create(&dev->loader_dev, adapter->wrap);
   if (!dev->screen) {
      device_free(dev);
      return d3dumd_error(debug, E_OUTOFMEMORY);
   }
   dev->pipe = dev->screen->context_create(dev->screen, NULL, 0);
   /* The application thread's context (d3dumd_lock_async.h, rule 1), made
    * now: creating it at the first LockAsync cost that call milliseconds
    * (27 ms on softpipe), a stall where the runtime expects none. */
   dev->aux = dev->screen->context_create(dev->screen, NULL, 0);
   if (!dev->pipe || !dev->aux) {
      device_free(dev);
      return d3dumd_error(debug, E_OUTOFMEMORY);
   }
   /* Rendering (d3dumd_render.h): state objects through cso_context
    * (with u_vbuf for the vertex formats a driver lacks), uploads of
    * user-memory vertices, indices and constants. */
   /* The shader translator builds GLSL types (NIR variables); not every
    * driver's screen holds the singleton. */
   glsl_type_singleton_init_or_ref();
   dev->glsl_types_ref = true;
   dev->uploader = u_upload_create(dev->pipe, 64 * 1024,
                                   PIPE_BIND_VERTEX_BUFFER |
                                   PIPE_BIND_INDEX_BUFFER,
                                   PIPE_USAGE_STREAM, 0);
   dev->const_uploader = u_upload_create(dev->pipe, 64 * 1024,
                                         PIPE_BIND_CONSTANT_BUFFER,
                                         PIPE_USAGE_STREAM, 0);
   dev->cso = cso_create_context(dev->pipe, 0);
   static const float zeros[4];
   dev->zero_vb = pipe_buffer_create_with_data(dev->pipe, PIPE_BIND_VERTEX_BUFFER,
                                               PIPE_USAGE_IMMUTABLE,
                                               sizeof(zeros), zeros);
   if (!dev->uploader || !dev->const_uploader || !dev->cso ||
       !dev->zero_vb) {
      device_free(dev);
      return d3dumd_error(debug, E_OUTOFMEMORY);
   }
   d3dumd_state_init(dev);
   dev->has_alpha_test = dev->screen->get_param(dev->screen,
                                                PIPE_CAP_ALPHA_TEST);
   dev->has_flatshade = dev->screen->get_param(dev->screen,
                                               PIPE_CAP_FLATSHADE);
   dev->has_clip_planes = dev->screen->get_param(dev->screen,
                                                 PIPE_CAP_CLIP_PLANES);

   D3DDDI_DEVICEFUNCS funcs;
   memset(&funcs, 0, sizeof(funcs));
   fill_device_funcs(&funcs);
   memcpy(pData->pDeviceFuncs, &funcs,
          d3dumd_device_funcs_size(pData->Version));

   dev->base.handle = d3dumd_handle_register(dev, D3DUMD_OBJ_DEVICE);
   if (!dev->base.handle) {
      device_free(dev);
      return d3dumd_error(debug, E_OUTOFMEMORY);
   }
   p_atomic_inc(&adapter->num_devices);
   pData->hDevice = dev->base.handle;
   D3DUMD_TRACE(debug, "-> hDevice=%p", dev->base.handle);
   return S_OK;
}

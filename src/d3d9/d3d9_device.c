/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * IDirect3DDevice9(Ex): creation over the driver's CreateDevice, the
 * implicit swap chain and its render target, scenes, Clear, Present and
 * the device's own queries.  The vtable is generated (d3d9_vtbl_gen.py):
 * a method is in it once some file defines d3d9_device_<Method>; every
 * other slot is a stub that fails cleanly.
 */

#include <stdlib.h>
#include <string.h>

#include "d3d9_ff.h"
#include "d3d9_fvf.h"
#include "d3d9_surface.h"
#include "d3d9_texture.h"
#include "d3d9_worker.h"

extern const struct IDirect3DDevice9ExVtbl d3d9_device_vtbl;

static void
device_lock(struct d3d9_device *device)
{
   if (device->flags & D3DCREATE_MULTITHREADED)
      EnterCriticalSection(&device->cs);
}

static void
device_unlock(struct d3d9_device *device)
{
   if (device->flags & D3DCREATE_MULTITHREADED)
      LeaveCriticalSection(&device->cs);
}

HRESULT WINAPI
d3d9_device_QueryInterface(IDirect3DDevice9Ex *iface, REFIID riid, void **out)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!out)
      return E_POINTER;
   if (IsEqualGUID(riid, &IID_IDirect3DDevice9) ||
       IsEqualGUID(riid, &IID_IUnknown) ||
       (device->extended && IsEqualGUID(riid, &IID_IDirect3DDevice9Ex))) {
      IDirect3DDevice9Ex_AddRef(iface);
      *out = iface;
      return S_OK;
   }
   *out = NULL;
   return E_NOINTERFACE;
}

ULONG WINAPI
d3d9_device_AddRef(IDirect3DDevice9Ex *iface)
{
   return InterlockedIncrement(&impl_from_IDirect3DDevice9Ex(iface)->refcount);
}

static void
device_destroy(struct d3d9_device *device)
{
   d3d9_stateblock_free_recording(device);
   d3d9_state_fini(&device->state);
   /* Bindings go first: a released surface they kept alive goes with
    * them; the implicit depth-stencil surface is the device's own. */
   for (unsigned i = 0; i < D3D9_MAX_RENDER_TARGETS; i++) {
      if (device->render_targets[i])
         d3d9_surface_unbind(device->render_targets[i]);
   }
   if (device->depth_stencil)
      d3d9_surface_unbind(device->depth_stencil);
   if (device->auto_depth_stencil)
      d3d9_surface_destroy(device->auto_depth_stencil);
   for (UINT i = 0; i < device->num_retired_ds; i++)
      d3d9_surface_destroy(device->retired_ds[i]);
   free(device->retired_ds);
   if (device->swapchain)
      d3d9_swapchain_destroy(device->swapchain);
   if (device->hdevice) {
      d3d9_fvf_fini(device);
      d3d9_ff_vs_destroy(device);
      d3d9_ff_ps_destroy(device);
   }
   /* The multi-processor mode's worker drains and goes first. */
   d3d9_worker_destroy(device);
   if (device->hdevice)
      device->funcs.pfnDestroyDevice(device->hdevice);
   d3d9_callbacks_fini(device);
   d3d9_palettes_free(device);
   d3d9_display_cursor_fini(device);
   DeleteCriticalSection(&device->cs);
   IDirect3D9Ex_Release(&device->d3d9->IDirect3D9Ex_iface);
   free(device);
}

ULONG WINAPI
d3d9_device_Release(IDirect3DDevice9Ex *iface)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   const ULONG refcount = InterlockedDecrement(&device->refcount);
   if (!refcount)
      device_destroy(device);
   return refcount;
}

HRESULT WINAPI
d3d9_device_TestCooperativeLevel(IDirect3DDevice9Ex *iface)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (device->extended)
      return D3D_OK;
   return device->not_reset ? D3DERR_DEVICENOTRESET : D3D_OK;
}

UINT WINAPI
d3d9_device_GetAvailableTextureMem(IDirect3DDevice9Ex *iface)
{
   /* Rounded to MiB, as D3D9 does; the driver does not say: a nominal
    * 1 GiB. */
   return 1024u * 1024 * 1024;
}

HRESULT WINAPI
d3d9_device_EvictManagedResources(IDirect3DDevice9Ex *iface)
{
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetDirect3D(IDirect3DDevice9Ex *iface, IDirect3D9 **d3d9)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!d3d9)
      return D3DERR_INVALIDCALL;
   *d3d9 = (IDirect3D9 *)&device->d3d9->IDirect3D9Ex_iface;
   IDirect3D9_AddRef(*d3d9);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetDeviceCaps(IDirect3DDevice9Ex *iface, D3DCAPS9 *caps)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!caps)
      return D3DERR_INVALIDCALL;
   return IDirect3D9Ex_GetDeviceCaps(&device->d3d9->IDirect3D9Ex_iface,
                                     device->adapter, device->device_type,
                                     caps);
}

HRESULT WINAPI
d3d9_device_GetDisplayMode(IDirect3DDevice9Ex *iface, UINT swapchain,
                           D3DDISPLAYMODE *mode)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (swapchain)
      return D3DERR_INVALIDCALL;
   return IDirect3D9Ex_GetAdapterDisplayMode(
      &device->d3d9->IDirect3D9Ex_iface, device->adapter, mode);
}

HRESULT WINAPI
d3d9_device_GetCreationParameters(IDirect3DDevice9Ex *iface,
                                  D3DDEVICE_CREATION_PARAMETERS *p)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!p)
      return D3DERR_INVALIDCALL;
   p->AdapterOrdinal = device->adapter;
   p->DeviceType = device->device_type;
   p->hFocusWindow = device->focus_window;
   p->BehaviorFlags = device->flags;
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetSwapChain(IDirect3DDevice9Ex *iface, UINT index,
                         IDirect3DSwapChain9 **out)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!out)
      return D3DERR_INVALIDCALL;
   *out = NULL;
   if (index)
      return D3DERR_INVALIDCALL;
   *out = (IDirect3DSwapChain9 *)&device->swapchain->IDirect3DSwapChain9Ex_iface;
   IDirect3DSwapChain9_AddRef(*out);
   return D3D_OK;
}

UINT WINAPI
d3d9_device_GetNumberOfSwapChains(IDirect3DDevice9Ex *iface)
{
   return 1;
}

HRESULT WINAPI
d3d9_device_Present(IDirect3DDevice9Ex *iface, const RECT *src,
                    const RECT *dst, HWND override, const RGNDATA *dirty)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (device->not_reset)
      return D3DERR_DEVICELOST;
   device_lock(device);
   HRESULT hr = d3d9_swapchain_present(device->swapchain, src, dst, override,
                                       0);
   device_unlock(device);
   return hr;
}

HRESULT WINAPI
d3d9_device_PresentEx(IDirect3DDevice9Ex *iface, const RECT *src,
                      const RECT *dst, HWND override, const RGNDATA *dirty,
                      DWORD flags)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   device_lock(device);
   HRESULT hr = d3d9_swapchain_present(device->swapchain, src, dst, override,
                                       flags);
   device_unlock(device);
   return hr;
}

HRESULT WINAPI
d3d9_device_GetBackBuffer(IDirect3DDevice9Ex *iface, UINT swapchain,
                          UINT index, D3DBACKBUFFER_TYPE type,
                          IDirect3DSurface9 **out)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!out)
      return D3DERR_INVALIDCALL;
   *out = NULL;
   if (swapchain)
      return D3DERR_INVALIDCALL;
   return IDirect3DSwapChain9Ex_GetBackBuffer(
      &device->swapchain->IDirect3DSwapChain9Ex_iface, index, type, out);
}

HRESULT WINAPI
d3d9_device_GetRasterStatus(IDirect3DDevice9Ex *iface, UINT swapchain,
                            D3DRASTER_STATUS *status)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (swapchain)
      return D3DERR_INVALIDCALL;
   return IDirect3DSwapChain9Ex_GetRasterStatus(
      &device->swapchain->IDirect3DSwapChain9Ex_iface, status);
}

HRESULT WINAPI
d3d9_device_BeginScene(IDirect3DDevice9Ex *iface)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (device->in_scene)
      return D3DERR_INVALIDCALL;
   device->in_scene = TRUE;
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_EndScene(IDirect3DDevice9Ex *iface)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!device->in_scene)
      return D3DERR_INVALIDCALL;
   device->in_scene = FALSE;
   /* The scene's work is submitted (the runtime's Flush at EndScene). */
   device->funcs.pfnFlush(device->hdevice);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_Clear(IDirect3DDevice9Ex *iface, DWORD count, const D3DRECT *rects,
                  DWORD flags, D3DCOLOR color, float z, DWORD stencil)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!rects && count)
      return D3DERR_INVALIDCALL;   /* rects NULL with a count: D3D9 */
   if ((flags & (D3DCLEAR_ZBUFFER | D3DCLEAR_STENCIL)) &&
       !device->depth_stencil)
      return D3DERR_INVALIDCALL;
   if (rects && !count)
      rects = NULL;
   /* The runtime clips to the viewport (and scissor): COMPUTERECTS, the
    * driver's Clear page. */
   D3DDDIARG_CLEAR c = { .Flags = flags | 0x8 /* D3DCLEAR_COMPUTERECTS */,
                         .FillColor = color, .FillDepth = z,
                         .FillStencil = stencil };
   device_lock(device);
   /* The driver's Clear reads the viewport, scissor and render states. */
   d3d9_draw_flush_fixed_state(device);
   HRESULT hr = device->funcs.pfnClear(device->hdevice, &c, count,
                                       (const RECT *)rects);
   device_unlock(device);
   return FAILED(hr) ? D3DERR_INVALIDCALL : D3D_OK;
}

/* The driver's render target slot `index` set to a surface (or none). */
static HRESULT
bind_render_target(struct d3d9_device *device, unsigned index,
                   struct d3d9_surface *s)
{
   D3DDDIARG_SETRENDERTARGET a = {
      .RenderTargetIndex = index,
      .hRenderTarget = s ? s->hresource : NULL,
      .SubResourceIndex = s ? s->sub : 0,
   };
   return device->funcs.pfnSetRenderTarget(device->hdevice, &a);
}

HRESULT WINAPI
d3d9_device_GetRenderTarget(IDirect3DDevice9Ex *iface, DWORD index,
                            IDirect3DSurface9 **out)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!out)
      return D3DERR_INVALIDCALL;
   *out = NULL;
   if (index >= D3D9_MAX_RENDER_TARGETS)
      return D3DERR_INVALIDCALL;
   if (!device->render_targets[index])
      return D3DERR_NOTFOUND;
   *out = &device->render_targets[index]->IDirect3DSurface9_iface;
   IDirect3DSurface9_AddRef(*out);
   return D3D_OK;
}

static struct d3d9_surface *
unsafe_surface(IDirect3DSurface9 *iface)
{
   return iface ? CONTAINING_RECORD(iface, struct d3d9_surface,
                                    IDirect3DSurface9_iface)
                : NULL;
}

HRESULT WINAPI
d3d9_device_SetRenderTarget(IDirect3DDevice9Ex *iface, DWORD index,
                            IDirect3DSurface9 *surface)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (index >= D3D9_MAX_RENDER_TARGETS || (!index && !surface))
      return D3DERR_INVALIDCALL;
   struct d3d9_surface *s = unsafe_surface(surface);
   if (s && (!(s->desc.Usage & D3DUSAGE_RENDERTARGET) || s->device != device)) {
      D3D9_LOG("SetRenderTarget: not a render target of this device");
      return D3DERR_INVALIDCALL;
   }
   device_lock(device);
   HRESULT hr = bind_render_target(device, index, s);
   if (SUCCEEDED(hr)) {
      if (s)
         d3d9_surface_bind(s);
      if (device->render_targets[index])
         d3d9_surface_unbind(device->render_targets[index]);
      device->render_targets[index] = s;
      if (!index) {
         /* D3D9: setting render target 0 resets the viewport and the
          * scissor rectangle to the whole target. */
         D3DVIEWPORT9 vp = { 0, 0, s->desc.Width, s->desc.Height, 0.0f,
                             1.0f };
         device->state.viewport = vp;
         SetRect(&device->state.scissor, 0, 0, s->desc.Width,
                 s->desc.Height);
         device->dirty.viewport = device->dirty.scissor = TRUE;
      }
   }
   device_unlock(device);
   return FAILED(hr) ? D3DERR_INVALIDCALL : D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetDepthStencilSurface(IDirect3DDevice9Ex *iface,
                                   IDirect3DSurface9 **out)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!out)
      return D3DERR_INVALIDCALL;
   *out = NULL;
   if (!device->depth_stencil)
      return D3DERR_NOTFOUND;
   *out = &device->depth_stencil->IDirect3DSurface9_iface;
   IDirect3DSurface9_AddRef(*out);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetDepthStencilSurface(IDirect3DDevice9Ex *iface,
                                   IDirect3DSurface9 *surface)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_surface *s = unsafe_surface(surface);
   if (s && (!(s->desc.Usage & D3DUSAGE_DEPTHSTENCIL) || s->device != device)) {
      D3D9_LOG("SetDepthStencilSurface: not a depth-stencil surface of this "
               "device");
      return D3DERR_INVALIDCALL;
   }
   device_lock(device);
   D3DDDIARG_SETDEPTHSTENCIL a = { .hZBuffer = s ? s->hresource : NULL };
   HRESULT hr = device->funcs.pfnSetDepthStencil(device->hdevice, &a);
   if (SUCCEEDED(hr)) {
      if (s)
         d3d9_surface_bind(s);
      if (device->depth_stencil)
         d3d9_surface_unbind(device->depth_stencil);
      device->depth_stencil = s;
   }
   device_unlock(device);
   return FAILED(hr) ? D3DERR_INVALIDCALL : D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetDialogBoxMode(IDirect3DDevice9Ex *iface, BOOL enable)
{
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_CheckDeviceState(IDirect3DDevice9Ex *iface, HWND window)
{
   return D3D_OK;
}

/* Stored and answered: Present never queues frames ahead (it copies the
 * frame to the window before it returns), so every latency holds. */
HRESULT WINAPI
d3d9_device_SetMaximumFrameLatency(IDirect3DDevice9Ex *iface, UINT latency)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (latency > 30)
      return D3DERR_INVALIDCALL;
   device->frame_latency = latency;
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetMaximumFrameLatency(IDirect3DDevice9Ex *iface, UINT *latency)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!latency)
      return D3DERR_INVALIDCALL;
   /* 0 is the runtime's default, 3. */
   *latency = device->frame_latency ? device->frame_latency : 3;
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_WaitForVBlank(IDirect3DDevice9Ex *iface, UINT swapchain)
{
   return swapchain ? D3DERR_INVALIDCALL : D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetGPUThreadPriority(IDirect3DDevice9Ex *iface, INT priority)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (priority < -7 || priority > 7)
      return D3DERR_INVALIDCALL;
   device->gpu_thread_priority = priority;
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetGPUThreadPriority(IDirect3DDevice9Ex *iface, INT *priority)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!priority)
      return D3DERR_INVALIDCALL;
   *priority = device->gpu_thread_priority;
   return D3D_OK;
}

/* Every resource of a Gallium driver is where the driver can use it. */
HRESULT WINAPI
d3d9_device_CheckResourceResidency(IDirect3DDevice9Ex *iface,
                                   IDirect3DResource9 **resources,
                                   UINT32 count)
{
   if (count > 65535 || (count && !resources))
      return D3DERR_INVALIDCALL;
   for (UINT32 i = 0; i < count; i++) {
      if (!resources[i])
         return D3DERR_INVALIDCALL;
   }
   return D3D_OK;
}

/* The kernel of D3DTEXF_CONVOLUTIONMONO, which StretchRect does not
 * offer (no D3DPTFILTERCAPS_CONVOLUTIONMONO): checked and dropped. */
HRESULT WINAPI
d3d9_device_SetConvolutionMonoKernel(IDirect3DDevice9Ex *iface, UINT width,
                                     UINT height, float *rows,
                                     float *columns)
{
   if (!width || width > 7 || !height || height > 7)
      return D3DERR_INVALIDCALL;
   return D3D_OK;
}

/* A mixed device switches; the others answer how they were created. */
HRESULT WINAPI
d3d9_device_SetSoftwareVertexProcessing(IDirect3DDevice9Ex *iface,
                                        BOOL software)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (device->flags & D3DCREATE_MIXED_VERTEXPROCESSING)
      device->software_vp = !!software;
   return D3D_OK;
}

BOOL WINAPI
d3d9_device_GetSoftwareVertexProcessing(IDirect3DDevice9Ex *iface)
{
   return impl_from_IDirect3DDevice9Ex(iface)->software_vp;
}

/* No patches (the caps report neither D3DDEVCAPS_RTPATCHES nor N-patches)
 * and no ComposeRects in this runtime yet: they fail, saying so. */
HRESULT WINAPI
d3d9_device_DrawRectPatch(IDirect3DDevice9Ex *iface, UINT handle,
                          const float *segments,
                          const D3DRECTPATCH_INFO *info)
{
   D3D9_LOG("DrawRectPatch: patches are not supported");
   return D3DERR_INVALIDCALL;
}

HRESULT WINAPI
d3d9_device_DrawTriPatch(IDirect3DDevice9Ex *iface, UINT handle,
                         const float *segments, const D3DTRIPATCH_INFO *info)
{
   D3D9_LOG("DrawTriPatch: patches are not supported");
   return D3DERR_INVALIDCALL;
}

HRESULT WINAPI
d3d9_device_DeletePatch(IDirect3DDevice9Ex *iface, UINT handle)
{
   return D3DERR_INVALIDCALL;   /* no patch was ever cached */
}

HRESULT WINAPI
d3d9_device_ComposeRects(IDirect3DDevice9Ex *iface, IDirect3DSurface9 *src,
                         IDirect3DSurface9 *dst,
                         IDirect3DVertexBuffer9 *src_descs, UINT count,
                         IDirect3DVertexBuffer9 *dst_descs,
                         D3DCOMPOSERECTSOP op, int x, int y)
{
   D3D9_LOG("ComposeRects: not supported");
   return D3DERR_INVALIDCALL;
}

HRESULT WINAPI
d3d9_device_GetDisplayModeEx(IDirect3DDevice9Ex *iface, UINT swapchain,
                             D3DDISPLAYMODEEX *mode,
                             D3DDISPLAYROTATION *rotation)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (swapchain)
      return D3DERR_INVALIDCALL;
   return IDirect3D9Ex_GetAdapterDisplayModeEx(
      &device->d3d9->IDirect3D9Ex_iface, device->adapter, mode, rotation);
}

/* The implicit objects bound: the swap chain's back buffer 0 as render
 * target 0 (1-3 none), the automatic depth-stencil surface of `pp`
 * (created here) or no depth buffer. */
static HRESULT
device_bind_implicit(struct d3d9_device *device,
                     const D3DPRESENT_PARAMETERS *pp)
{
   struct d3d9_surface *bb = device->swapchain->buffers[0];
   HRESULT hr = bind_render_target(device, 0, bb);
   if (FAILED(hr))
      return hr;
   d3d9_surface_bind(bb);
   if (device->render_targets[0])
      d3d9_surface_unbind(device->render_targets[0]);
   device->render_targets[0] = bb;
   for (unsigned i = 1; i < D3D9_MAX_RENDER_TARGETS; i++) {
      if (!device->render_targets[i])
         continue;
      bind_render_target(device, i, NULL);
      d3d9_surface_unbind(device->render_targets[i]);
      device->render_targets[i] = NULL;
   }

   struct d3d9_surface *ds = NULL;
   if (pp->EnableAutoDepthStencil) {
      D3DSURFACE_DESC zd = {
         .Format = pp->AutoDepthStencilFormat, .Type = D3DRTYPE_SURFACE,
         .Usage = D3DUSAGE_DEPTHSTENCIL, .Pool = D3DPOOL_DEFAULT,
         .MultiSampleType = pp->MultiSampleType,
         .MultiSampleQuality = pp->MultiSampleQuality,
         .Width = pp->BackBufferWidth, .Height = pp->BackBufferHeight,
      };
      D3DDDI_RESOURCEFLAGS zf = { .Value = 0 };
      zf.ZBuffer = 1;
      /* The device's own surface: it counts its references, none yet,
       * and goes with the device. */
      hr = d3d9_surface_create(device, NULL, &zd, zf, &ds);
      if (FAILED(hr))
         return hr;
      ds->refcount = 0;
      ds->own_refcount = TRUE;
      ds->not_lockable = !d3d9_format_is_lockable_depth(zd.Format);
      device->auto_depth_stencil = ds;
   }
   D3DDDIARG_SETDEPTHSTENCIL a = { .hZBuffer = ds ? ds->hresource : NULL };
   hr = device->funcs.pfnSetDepthStencil(device->hdevice, &a);
   if (ds)
      d3d9_surface_bind(ds);
   if (device->depth_stencil)
      d3d9_surface_unbind(device->depth_stencil);
   device->depth_stencil = ds;
   return hr;
}

/* Whether the program holds what a D3D9 Reset must not find: objects of
 * D3DPOOL_DEFAULT, the implicit back buffers, the automatic depth-stencil
 * surface (Wine's test_reset, from Windows). */
static BOOL
device_reset_blocked(struct d3d9_device *device)
{
   if (device->reset_blockers > 0) {
      D3D9_LOG("Reset: %ld D3DPOOL_DEFAULT objects are still referenced",
               (long)device->reset_blockers);
      return TRUE;
   }
   const struct d3d9_swapchain *sc = device->swapchain;
   for (UINT i = 0; i < sc->pp.BackBufferCount; i++) {
      if (sc->buffers[i]->public_refs > 0) {
         D3D9_LOG("Reset: back buffer %u is still referenced", i);
         return TRUE;
      }
   }
   if (device->auto_depth_stencil && device->auto_depth_stencil->refcount) {
      D3D9_LOG("Reset: the automatic depth-stencil surface is still "
               "referenced");
      return TRUE;
   }
   return FALSE;
}

static HRESULT
device_reset(struct d3d9_device *device, D3DPRESENT_PARAMETERS *pp,
             const D3DDISPLAYMODEEX *mode)
{
   if (!pp)
      return D3DERR_INVALIDCALL;
   if (!d3d9_present_parameters_valid(pp, device->extended)) {
      D3D9_LOG("Reset: invalid present parameters");
      return D3DERR_INVALIDCALL;
   }
   device_lock(device);
   if (!device->extended && device_reset_blocked(device)) {
      device->not_reset = TRUE;
      device_unlock(device);
      return D3DERR_INVALIDCALL;
   }
   /* The bindings of the old implicit objects go first. */
   for (unsigned i = 0; i < D3D9_MAX_RENDER_TARGETS; i++) {
      if (device->render_targets[i]) {
         if (i)
            bind_render_target(device, i, NULL);
         d3d9_surface_unbind(device->render_targets[i]);
         device->render_targets[i] = NULL;
      }
   }
   D3DDDIARG_SETDEPTHSTENCIL none = { .hZBuffer = NULL };
   device->funcs.pfnSetDepthStencil(device->hdevice, &none);
   if (device->depth_stencil) {
      d3d9_surface_unbind(device->depth_stencil);
      device->depth_stencil = NULL;
   }
   if (device->auto_depth_stencil) {
      /* One a D3D9Ex program still holds stays a valid object until the
       * device goes. */
      struct d3d9_surface *old_ds = device->auto_depth_stencil;
      struct d3d9_surface **r = old_ds->refcount ?
         realloc(device->retired_ds,
                 (device->num_retired_ds + 1) * sizeof(*r)) : NULL;
      if (r) {
         device->retired_ds = r;
         r[device->num_retired_ds++] = old_ds;
      } else {
         d3d9_surface_destroy(old_ds);
      }
      device->auto_depth_stencil = NULL;
   }
   /* D3D9: the state goes back to its defaults; D3D9Ex keeps it. */
   if (!device->extended) {
      d3d9_stateblock_free_recording(device);
      d3d9_state_fini(&device->state);
   }

   HRESULT hr = d3d9_swapchain_reset(device->swapchain, pp, mode);
   if (SUCCEEDED(hr))
      hr = device_bind_implicit(device, pp);
   const D3DPRESENT_PARAMETERS *now = &device->swapchain->pp;
   if (!device->extended) {
      d3d9_state_init(&device->state, &device->d3d9->adapter.caps, now);
   } else {
      D3DVIEWPORT9 *vp = &device->state.viewport;
      vp->X = vp->Y = 0;
      vp->Width = now->BackBufferWidth;
      vp->Height = now->BackBufferHeight;
      SetRect(&device->state.scissor, 0, 0, now->BackBufferWidth,
              now->BackBufferHeight);
   }
   d3d9_draw_mark_all_dirty(device);
   device->not_reset = FAILED(hr) && !device->extended;
   device_unlock(device);
   if (FAILED(hr))
      D3D9_LOG("Reset: %#lx", (unsigned long)hr);
   return FAILED(hr) ? D3DERR_INVALIDCALL : D3D_OK;
}

HRESULT WINAPI
d3d9_device_Reset(IDirect3DDevice9Ex *iface, D3DPRESENT_PARAMETERS *pp)
{
   return device_reset(impl_from_IDirect3DDevice9Ex(iface), pp, NULL);
}

HRESULT WINAPI
d3d9_device_ResetEx(IDirect3DDevice9Ex *iface, D3DPRESENT_PARAMETERS *pp,
                    D3DDISPLAYMODEEX *mode)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!pp)
      return D3DERR_INVALIDCALL;
   /* A mode for full screen only, and always there; it is the back
    * buffer's size. */
   if (!pp->Windowed != !!mode ||
       (mode && (mode->Width != pp->BackBufferWidth ||
                 mode->Height != pp->BackBufferHeight))) {
      D3D9_LOG("ResetEx: the mode does not match the present parameters");
      return D3DERR_INVALIDCALL;
   }
   return device_reset(device, pp, mode);
}

HRESULT
d3d9_device_create(struct d3d9 *d3d9, UINT adapter, D3DDEVTYPE device_type,
                   HWND focus_window, DWORD flags,
                   D3DPRESENT_PARAMETERS *pp, D3DDISPLAYMODEEX *mode,
                   BOOL extended, struct d3d9_device **out)
{
   struct d3d9_device *device = calloc(1, sizeof(*device));
   if (!device)
      return E_OUTOFMEMORY;
   device->IDirect3DDevice9Ex_iface.lpVtbl =
      (IDirect3DDevice9ExVtbl *)&d3d9_device_vtbl;
   device->refcount = 1;
   device->d3d9 = d3d9;
   IDirect3D9Ex_AddRef(&d3d9->IDirect3D9Ex_iface);
   device->extended = extended;
   device->adapter = adapter;
   device->device_type = device_type;
   device->focus_window = focus_window;
   device->flags = flags;
   device->software_vp = !!(flags & D3DCREATE_SOFTWARE_VERTEXPROCESSING);
   d3d9_display_gamma_init(&device->gamma);
   InitializeCriticalSection(&device->cs);

   d3d9_callbacks_init(device, &device->callbacks);
   D3DDDIARG_CREATEDEVICE create = {
      .hDevice = device,
      .Interface = 9,
      .Version = D3D_UMD_INTERFACE_VERSION,
      .pCallbacks = &device->callbacks,
      .pDeviceFuncs = &device->funcs,
   };
   HRESULT hr = d3d9->adapter.funcs.pfnCreateDevice(d3d9->adapter.handle,
                                                    &create);
   D3D9_LOG("CreateDevice: %#x", (unsigned)hr);
   if (FAILED(hr)) {
      d3d9_callbacks_fini(device);
      DeleteCriticalSection(&device->cs);
      IDirect3D9Ex_Release(&d3d9->IDirect3D9Ex_iface);
      free(device);
      return D3DERR_NOTAVAILABLE;
   }
   device->hdevice = create.hDevice;
   d3d9_worker_create(device);

   hr = d3d9_swapchain_create(device, pp, mode, TRUE, &device->swapchain);
   if (SUCCEEDED(hr))
      hr = device_bind_implicit(device, pp);
   if (FAILED(hr)) {
      device_destroy(device);
      return hr == D3DERR_INVALIDCALL ? hr : D3DERR_NOTAVAILABLE;
   }
   d3d9_state_init(&device->state, &d3d9->adapter.caps, pp);
   d3d9_draw_mark_all_dirty(device);
   D3DDDIARG_ZRANGE zr = { 0.0f, 1.0f };
   device->funcs.pfnSetZRange(device->hdevice, &zr);
   *out = device;
   return D3D_OK;
}

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
   if (device->auto_depth_stencil && !--device->auto_depth_stencil->refcount)
      d3d9_surface_destroy(device->auto_depth_stencil);
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
   return D3D_OK;
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
   if (s && !(s->desc.Usage & D3DUSAGE_RENDERTARGET))
      return D3DERR_INVALIDCALL;
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
   if (s && !(s->desc.Usage & D3DUSAGE_DEPTHSTENCIL))
      return D3DERR_INVALIDCALL;
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

BOOL WINAPI
d3d9_device_ShowCursor(IDirect3DDevice9Ex *iface, BOOL show)
{
   return FALSE;   /* the cursor: not yet */
}

void WINAPI
d3d9_device_SetCursorPosition(IDirect3DDevice9Ex *iface, int x, int y,
                              DWORD flags)
{
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

HRESULT WINAPI
d3d9_device_SetMaximumFrameLatency(IDirect3DDevice9Ex *iface, UINT latency)
{
   return latency > 30 ? D3DERR_INVALIDCALL : D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetMaximumFrameLatency(IDirect3DDevice9Ex *iface, UINT *latency)
{
   if (!latency)
      return D3DERR_INVALIDCALL;
   *latency = 3;   /* the runtime's default */
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_WaitForVBlank(IDirect3DDevice9Ex *iface, UINT swapchain)
{
   return swapchain ? D3DERR_INVALIDCALL : D3D_OK;
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

   hr = d3d9_swapchain_create(device, pp, TRUE, &device->swapchain);
   if (SUCCEEDED(hr)) {
      struct d3d9_surface *bb = device->swapchain->buffers[0];
      device->render_targets[0] = bb;
      d3d9_surface_bind(bb);
      hr = bind_render_target(device, 0, bb);
   }
   if (SUCCEEDED(hr) && pp->EnableAutoDepthStencil) {
      D3DSURFACE_DESC zd = {
         .Format = pp->AutoDepthStencilFormat, .Type = D3DRTYPE_SURFACE,
         .Usage = D3DUSAGE_DEPTHSTENCIL, .Pool = D3DPOOL_DEFAULT,
         .MultiSampleType = pp->MultiSampleType,
         .MultiSampleQuality = pp->MultiSampleQuality,
         .Width = pp->BackBufferWidth, .Height = pp->BackBufferHeight,
      };
      D3DDDI_RESOURCEFLAGS zf = { .Value = 0 };
      zf.ZBuffer = 1;
      hr = d3d9_surface_create(device, NULL, &zd, zf,
                               &device->auto_depth_stencil);
      if (SUCCEEDED(hr)) {
         /* The device's own surface: its first reference is the
          * device's (no device reference back: holds_device stays
          * FALSE), and it is bound. */
         device->depth_stencil = device->auto_depth_stencil;
         d3d9_surface_bind(device->depth_stencil);
         D3DDDIARG_SETDEPTHSTENCIL ds = {
            .hZBuffer = device->depth_stencil->hresource };
         hr = device->funcs.pfnSetDepthStencil(device->hdevice, &ds);
      }
   }
   if (FAILED(hr)) {
      device_destroy(device);
      return D3DERR_NOTAVAILABLE;
   }
   d3d9_state_init(&device->state, &d3d9->adapter.caps, pp);
   d3d9_draw_mark_all_dirty(device);
   D3DDDIARG_VIEWPORTINFO v = { 0, 0, pp->BackBufferWidth,
                                pp->BackBufferHeight };
   device->funcs.pfnSetViewport(device->hdevice, &v);
   D3DDDIARG_ZRANGE zr = { 0.0f, 1.0f };
   device->funcs.pfnSetZRange(device->hdevice, &zr);
   *out = device;
   return D3D_OK;
}

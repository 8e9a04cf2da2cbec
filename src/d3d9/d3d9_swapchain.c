/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * IDirect3DSwapChain9(Ex): back buffers (driver render targets) and the
 * way frames reach the window.  Present asks the driver to present back
 * buffer 0 into the swap chain's window image, a system-memory surface of
 * the runtime's own: the driver copies the frame there and calls
 * pfnPresentCb (docs/d3dumd.rst, "Presentation"), and the runtime then
 * puts the image on the window with GDI (SetDIBitsToDevice), on the
 * calling thread, which Wine made.  ../shared/wine/route.md measured GDI
 * at hundreds to thousands of frames per second at 640x480; a direct
 * XShm path to the window is the later optimisation.
 */

#include <stdlib.h>
#include <string.h>

#include "d3d9_surface.h"

static inline struct d3d9_swapchain *
impl_from_IDirect3DSwapChain9Ex(IDirect3DSwapChain9Ex *iface)
{
   return CONTAINING_RECORD(iface, struct d3d9_swapchain,
                            IDirect3DSwapChain9Ex_iface);
}

static HRESULT WINAPI
swapchain_QueryInterface(IDirect3DSwapChain9Ex *iface, REFIID riid,
                         void **out)
{
   struct d3d9_swapchain *sc = impl_from_IDirect3DSwapChain9Ex(iface);
   if (IsEqualGUID(riid, &IID_IDirect3DSwapChain9) ||
       IsEqualGUID(riid, &IID_IUnknown) ||
       (sc->device->extended &&
        IsEqualGUID(riid, &IID_IDirect3DSwapChain9Ex))) {
      IDirect3DSwapChain9Ex_AddRef(iface);
      *out = iface;
      return S_OK;
   }
   *out = NULL;
   return E_NOINTERFACE;
}

/* A swap chain with references holds one on its device; the implicit
 * one is freed with the device. */
static ULONG WINAPI
swapchain_AddRef(IDirect3DSwapChain9Ex *iface)
{
   struct d3d9_swapchain *sc = impl_from_IDirect3DSwapChain9Ex(iface);
   const ULONG r = InterlockedIncrement(&sc->refcount);
   if (r == 1)
      IDirect3DDevice9Ex_AddRef(&sc->device->IDirect3DDevice9Ex_iface);
   return r;
}

static ULONG WINAPI
swapchain_Release(IDirect3DSwapChain9Ex *iface)
{
   struct d3d9_swapchain *sc = impl_from_IDirect3DSwapChain9Ex(iface);
   const ULONG r = InterlockedDecrement(&sc->refcount);
   if (!r) {
      struct d3d9_device *device = sc->device;
      if (!sc->implicit)
         d3d9_swapchain_destroy(sc);
      IDirect3DDevice9Ex_Release(&device->IDirect3DDevice9Ex_iface);
   }
   return r;
}

static HRESULT WINAPI
swapchain_Present(IDirect3DSwapChain9Ex *iface, const RECT *src_rect,
                  const RECT *dst_rect, HWND dst_window_override,
                  const RGNDATA *dirty_region, DWORD flags)
{
   return d3d9_swapchain_present(impl_from_IDirect3DSwapChain9Ex(iface),
                                 src_rect, dst_rect, dst_window_override,
                                 flags);
}

static HRESULT WINAPI
swapchain_GetFrontBufferData(IDirect3DSwapChain9Ex *iface,
                             IDirect3DSurface9 *surface)
{
   return D3DERR_INVALIDCALL;   /* not yet */
}

static HRESULT WINAPI
swapchain_GetBackBuffer(IDirect3DSwapChain9Ex *iface, UINT index,
                        D3DBACKBUFFER_TYPE type, IDirect3DSurface9 **out)
{
   struct d3d9_swapchain *sc = impl_from_IDirect3DSwapChain9Ex(iface);
   if (!out)
      return D3DERR_INVALIDCALL;
   *out = NULL;
   if (index >= sc->pp.BackBufferCount)
      return D3DERR_INVALIDCALL;
   *out = &sc->buffers[index]->IDirect3DSurface9_iface;
   IDirect3DSurface9_AddRef(*out);
   return D3D_OK;
}

static HRESULT WINAPI
swapchain_GetRasterStatus(IDirect3DSwapChain9Ex *iface,
                          D3DRASTER_STATUS *status)
{
   if (!status)
      return D3DERR_INVALIDCALL;
   /* No vertical blank to report: always in it. */
   status->InVBlank = TRUE;
   status->ScanLine = 0;
   return D3D_OK;
}

static HRESULT WINAPI
swapchain_GetDisplayMode(IDirect3DSwapChain9Ex *iface, D3DDISPLAYMODE *mode)
{
   struct d3d9_swapchain *sc = impl_from_IDirect3DSwapChain9Ex(iface);
   IDirect3D9Ex *d3d = &sc->device->d3d9->IDirect3D9Ex_iface;
   return IDirect3D9Ex_GetAdapterDisplayMode(d3d, sc->device->adapter, mode);
}

static HRESULT WINAPI
swapchain_GetDevice(IDirect3DSwapChain9Ex *iface, IDirect3DDevice9 **device)
{
   struct d3d9_swapchain *sc = impl_from_IDirect3DSwapChain9Ex(iface);
   if (!device)
      return D3DERR_INVALIDCALL;
   *device = (IDirect3DDevice9 *)&sc->device->IDirect3DDevice9Ex_iface;
   IDirect3DDevice9_AddRef(*device);
   return D3D_OK;
}

static HRESULT WINAPI
swapchain_GetPresentParameters(IDirect3DSwapChain9Ex *iface,
                               D3DPRESENT_PARAMETERS *pp)
{
   struct d3d9_swapchain *sc = impl_from_IDirect3DSwapChain9Ex(iface);
   if (!pp)
      return D3DERR_INVALIDCALL;
   *pp = sc->pp;
   return D3D_OK;
}

static HRESULT WINAPI
swapchain_GetLastPresentCount(IDirect3DSwapChain9Ex *iface, UINT *count)
{
   struct d3d9_swapchain *sc = impl_from_IDirect3DSwapChain9Ex(iface);
   if (!count)
      return D3DERR_INVALIDCALL;
   *count = sc->present_count;
   return D3D_OK;
}

static HRESULT WINAPI
swapchain_GetPresentStats(IDirect3DSwapChain9Ex *iface,
                          D3DPRESENTSTATS *stats)
{
   return D3DERR_INVALIDCALL;   /* full-screen flip statistics only */
}

static HRESULT WINAPI
swapchain_GetDisplayModeEx(IDirect3DSwapChain9Ex *iface,
                           D3DDISPLAYMODEEX *mode,
                           D3DDISPLAYROTATION *rotation)
{
   struct d3d9_swapchain *sc = impl_from_IDirect3DSwapChain9Ex(iface);
   IDirect3D9Ex *d3d = &sc->device->d3d9->IDirect3D9Ex_iface;
   return IDirect3D9Ex_GetAdapterDisplayModeEx(d3d, sc->device->adapter,
                                               mode, rotation);
}

static const struct IDirect3DSwapChain9ExVtbl swapchain_vtbl = {
   swapchain_QueryInterface, swapchain_AddRef, swapchain_Release,
   swapchain_Present, swapchain_GetFrontBufferData, swapchain_GetBackBuffer,
   swapchain_GetRasterStatus, swapchain_GetDisplayMode, swapchain_GetDevice,
   swapchain_GetPresentParameters, swapchain_GetLastPresentCount,
   swapchain_GetPresentStats, swapchain_GetDisplayModeEx,
};

HRESULT
d3d9_swapchain_create(struct d3d9_device *device, D3DPRESENT_PARAMETERS *pp,
                      BOOL implicit, struct d3d9_swapchain **out)
{
   struct d3d9_swapchain *sc = calloc(1, sizeof(*sc));
   if (!sc)
      return E_OUTOFMEMORY;
   sc->IDirect3DSwapChain9Ex_iface.lpVtbl =
      (IDirect3DSwapChain9ExVtbl *)&swapchain_vtbl;
   sc->device = device;
   sc->implicit = implicit;
   sc->window = pp->hDeviceWindow ? pp->hDeviceWindow : device->focus_window;

   /* What D3D9 fills in: a zero size is the window's client area, an
    * unknown windowed format the display's, no back buffer count one. */
   if (!pp->BackBufferWidth || !pp->BackBufferHeight) {
      RECT r = { 0, 0, 640, 480 };
      if (sc->window)
         GetClientRect(sc->window, &r);
      if (!pp->BackBufferWidth)
         pp->BackBufferWidth = r.right > 0 ? r.right : 1;
      if (!pp->BackBufferHeight)
         pp->BackBufferHeight = r.bottom > 0 ? r.bottom : 1;
   }
   if (pp->BackBufferFormat == D3DFMT_UNKNOWN && pp->Windowed)
      pp->BackBufferFormat = D3DFMT_X8R8G8B8;
   if (!pp->BackBufferCount)
      pp->BackBufferCount = 1;
   sc->pp = *pp;

   sc->buffers = calloc(pp->BackBufferCount, sizeof(*sc->buffers));
   if (!sc->buffers) {
      free(sc);
      return E_OUTOFMEMORY;
   }
   IUnknown *container = (IUnknown *)&sc->IDirect3DSwapChain9Ex_iface;
   D3DSURFACE_DESC desc = {
      .Format = pp->BackBufferFormat, .Type = D3DRTYPE_SURFACE,
      .Usage = D3DUSAGE_RENDERTARGET, .Pool = D3DPOOL_DEFAULT,
      .MultiSampleType = pp->MultiSampleType,
      .MultiSampleQuality = pp->MultiSampleQuality,
      .Width = pp->BackBufferWidth, .Height = pp->BackBufferHeight,
   };
   D3DDDI_RESOURCEFLAGS rt = { .Value = 0 };
   rt.RenderTarget = 1;
   HRESULT hr = D3D_OK;
   for (UINT i = 0; i < pp->BackBufferCount && SUCCEEDED(hr); i++)
      hr = d3d9_surface_create(device, container, &desc, rt,
                               &sc->buffers[i]);
   if (SUCCEEDED(hr)) {
      D3DSURFACE_DESC win = desc;
      win.Format = D3DFMT_X8R8G8B8;
      win.Usage = 0;
      win.Pool = D3DPOOL_SYSTEMMEM;
      win.MultiSampleType = D3DMULTISAMPLE_NONE;
      win.MultiSampleQuality = 0;
      D3DDDI_RESOURCEFLAGS none = { .Value = 0 };
      hr = d3d9_surface_create(device, container, &win, none,
                               &sc->window_image);
   }
   if (FAILED(hr)) {
      d3d9_swapchain_destroy(sc);
      return hr;
   }
   *out = sc;
   return D3D_OK;
}

void
d3d9_swapchain_destroy(struct d3d9_swapchain *sc)
{
   for (UINT i = 0; sc->buffers && i < sc->pp.BackBufferCount; i++) {
      if (sc->buffers[i])
         d3d9_surface_destroy(sc->buffers[i]);
   }
   if (sc->window_image)
      d3d9_surface_destroy(sc->window_image);
   free(sc->buffers);
   free(sc);
}

HRESULT
d3d9_swapchain_present(struct d3d9_swapchain *sc, const RECT *src_rect,
                       const RECT *dst_rect, HWND dst_window_override,
                       DWORD flags)
{
   struct d3d9_device *device = sc->device;
   D3DDDIARG_PRESENT p = {
      .hSrcResource = sc->buffers[0]->hresource,
      .hDstResource = sc->window_image->hresource,
      .FlipInterval = D3DDDI_FLIPINTERVAL_IMMEDIATE,
   };
   p.Flags.Blt = 1;
   HRESULT hr = device->funcs.pfnPresent(device->hdevice, &p);
   if (FAILED(hr))
      return hr == E_OUTOFMEMORY ? E_OUTOFMEMORY : D3DERR_DRIVERINTERNALERROR;
   sc->present_count++;

   HWND window = dst_window_override ? dst_window_override : sc->window;
   if (!window)
      return D3D_OK;
   const UINT w = sc->pp.BackBufferWidth, h = sc->pp.BackBufferHeight;
   RECT src = { 0, 0, (LONG)w, (LONG)h };
   if (src_rect)
      IntersectRect(&src, &src, src_rect);
   RECT dst = { 0, 0, src.right - src.left, src.bottom - src.top };
   if (dst_rect)
      dst = *dst_rect;
   BITMAPINFO bmi;
   memset(&bmi, 0, sizeof(bmi));
   bmi.bmiHeader.biSize = sizeof(bmi.bmiHeader);
   bmi.bmiHeader.biWidth = w;
   bmi.bmiHeader.biHeight = -(LONG)h;   /* top-down */
   bmi.bmiHeader.biPlanes = 1;
   bmi.bmiHeader.biBitCount = 32;
   bmi.bmiHeader.biCompression = BI_RGB;
   HDC dc = GetDC(window);
   if (!dc)
      return D3D_OK;
   StretchDIBits(dc, dst.left, dst.top, dst.right - dst.left,
                 dst.bottom - dst.top, src.left, src.top,
                 src.right - src.left, src.bottom - src.top,
                 sc->window_image->mem, &bmi, DIB_RGB_COLORS, SRCCOPY);
   ReleaseDC(window, dc);
   return D3D_OK;
}

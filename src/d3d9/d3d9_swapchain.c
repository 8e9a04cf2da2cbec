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

#include <stdint.h>
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
   if (!d3d9_release_clamped(&sc->refcount))
      return 0;
   const ULONG r = sc->refcount;
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

/* The front buffer is the last frame presented, which the window image
 * holds: into a system-memory A8R8G8B8 surface, alpha opaque. */
static HRESULT WINAPI
swapchain_GetFrontBufferData(IDirect3DSwapChain9Ex *iface,
                             IDirect3DSurface9 *surface)
{
   struct d3d9_swapchain *sc = impl_from_IDirect3DSwapChain9Ex(iface);
   D3DSURFACE_DESC desc;
   if (!surface || FAILED(IDirect3DSurface9_GetDesc(surface, &desc)))
      return D3DERR_INVALIDCALL;
   if (desc.Format != D3DFMT_A8R8G8B8 || desc.Pool != D3DPOOL_SYSTEMMEM) {
      D3D9_LOG("GetFrontBufferData: format %#x pool %u, not a system "
               "memory A8R8G8B8 surface", (unsigned)desc.Format,
               (unsigned)desc.Pool);
      return D3DERR_INVALIDCALL;
   }
   D3DLOCKED_RECT lr;
   HRESULT hr = IDirect3DSurface9_LockRect(surface, &lr, NULL, 0);
   if (FAILED(hr))
      return hr;
   const struct d3d9_surface *img = sc->window_image;
   const UINT w = desc.Width < img->desc.Width ? desc.Width : img->desc.Width;
   const UINT h = desc.Height < img->desc.Height ? desc.Height
                                                  : img->desc.Height;
   for (UINT y = 0; y < h; y++) {
      const uint32_t *src =
         (const uint32_t *)((const BYTE *)img->mem + (size_t)y * img->pitch);
      uint32_t *dst = (uint32_t *)((BYTE *)lr.pBits + (size_t)y * lr.Pitch);
      for (UINT x = 0; x < w; x++)
         dst[x] = src[x] | 0xff000000u;
   }
   IDirect3DSurface9_UnlockRect(surface);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetFrontBufferData(IDirect3DDevice9Ex *iface, UINT swapchain,
                               IDirect3DSurface9 *surface)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (swapchain)
      return D3DERR_INVALIDCALL;
   return swapchain_GetFrontBufferData(
      &device->swapchain->IDirect3DSwapChain9Ex_iface, surface);
}

static HRESULT WINAPI
swapchain_GetBackBuffer(IDirect3DSwapChain9Ex *iface, UINT index,
                        D3DBACKBUFFER_TYPE type, IDirect3DSurface9 **out)
{
   struct d3d9_swapchain *sc = impl_from_IDirect3DSwapChain9Ex(iface);
   if (!out)
      return D3DERR_INVALIDCALL;
   /* A bad index leaves the out-pointer alone (Windows; the device's
    * method clears it first). */
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

/* The present parameters' rules of D3D9 (Wine's d3d9 tests: swap
 * effects, back buffer counts, intervals). */
BOOL
d3d9_present_parameters_valid(const D3DPRESENT_PARAMETERS *pp, BOOL extended)
{
   const D3DSWAPEFFECT highest = extended ? D3DSWAPEFFECT_FLIPEX
                                          : D3DSWAPEFFECT_COPY;
   if (!pp->SwapEffect || pp->SwapEffect > highest)
      return FALSE;
   if (pp->BackBufferCount > (extended ? 30u : D3DPRESENT_BACK_BUFFERS_MAX) ||
       (pp->SwapEffect == D3DSWAPEFFECT_COPY && pp->BackBufferCount > 1))
      return FALSE;
   switch (pp->PresentationInterval) {
   case D3DPRESENT_INTERVAL_DEFAULT:
   case D3DPRESENT_INTERVAL_ONE:
   case D3DPRESENT_INTERVAL_TWO:
   case D3DPRESENT_INTERVAL_THREE:
   case D3DPRESENT_INTERVAL_FOUR:
   case D3DPRESENT_INTERVAL_IMMEDIATE:
      return TRUE;
   default:
      return FALSE;
   }
}

static void
free_buffers(struct d3d9_surface **buffers, UINT count,
             struct d3d9_surface *window_image)
{
   for (UINT i = 0; buffers && i < count; i++) {
      if (buffers[i])
         d3d9_surface_destroy(buffers[i]);
   }
   if (window_image)
      d3d9_surface_destroy(window_image);
   free(buffers);
}

/* The back buffers and the window image for `pp`, which gets what D3D9
 * fills in: a zero size is the window's client area, an unknown windowed
 * format the display's, no back buffer count one. */
static HRESULT
make_buffers(struct d3d9_swapchain *sc, D3DPRESENT_PARAMETERS *pp)
{
   struct d3d9_device *device = sc->device;
   sc->window = pp->hDeviceWindow ? pp->hDeviceWindow : device->focus_window;
   if (!pp->BackBufferWidth || !pp->BackBufferHeight) {
      RECT r = { 0, 0, 640, 480 };
      if (sc->window)
         GetClientRect(sc->window, &r);
      if (!pp->BackBufferWidth)
         pp->BackBufferWidth = r.right > 0 ? r.right : 1;
      if (!pp->BackBufferHeight)
         pp->BackBufferHeight = r.bottom > 0 ? r.bottom : 1;
   }
   if (pp->BackBufferFormat == D3DFMT_UNKNOWN && pp->Windowed) {
      D3DDISPLAYMODE mode;
      IDirect3D9Ex *d3d = &device->d3d9->IDirect3D9Ex_iface;
      pp->BackBufferFormat =
         SUCCEEDED(IDirect3D9Ex_GetAdapterDisplayMode(d3d, device->adapter,
                                                      &mode))
            ? mode.Format : D3DFMT_X8R8G8B8;
   }
   if (!pp->BackBufferCount)
      pp->BackBufferCount = 1;

   struct d3d9_surface **buffers = calloc(pp->BackBufferCount,
                                          sizeof(*buffers));
   struct d3d9_surface *window_image = NULL;
   if (!buffers)
      return E_OUTOFMEMORY;
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
   for (UINT i = 0; i < pp->BackBufferCount && SUCCEEDED(hr); i++) {
      hr = d3d9_surface_create(device, container, &desc, rt, &buffers[i]);
      /* Lockable only with D3DPRESENTFLAG_LOCKABLE_BACKBUFFER. */
      if (SUCCEEDED(hr)) {
         buffers[i]->own_refcount = TRUE;
         if (!(pp->Flags & D3DPRESENTFLAG_LOCKABLE_BACKBUFFER))
            buffers[i]->not_lockable = TRUE;
      }
   }
   if (SUCCEEDED(hr)) {
      D3DSURFACE_DESC win = desc;
      win.Format = D3DFMT_X8R8G8B8;
      win.Usage = 0;
      win.Pool = D3DPOOL_SYSTEMMEM;
      win.MultiSampleType = D3DMULTISAMPLE_NONE;
      win.MultiSampleQuality = 0;
      D3DDDI_RESOURCEFLAGS none = { .Value = 0 };
      hr = d3d9_surface_create(device, container, &win, none, &window_image);
   }
   if (FAILED(hr)) {
      free_buffers(buffers, pp->BackBufferCount, window_image);
      return hr;
   }
   sc->pp = *pp;
   /* GetPresentParameters names the window the frames go to. */
   sc->pp.hDeviceWindow = sc->window;
   sc->buffers = buffers;
   sc->window_image = window_image;
   return D3D_OK;
}

/* Buffers a Reset replaced go; ones the program still holds live on
 * until the swap chain goes (D3D9Ex keeps them valid objects). */
static void
drop_buffers(struct d3d9_swapchain *sc, struct d3d9_surface **buffers,
             UINT count, struct d3d9_surface *window_image)
{
   BOOL held = FALSE;
   for (UINT i = 0; i < count; i++)
      held |= buffers[i]->public_refs > 0;
   struct d3d9_retired_buffers *r = held ? calloc(1, sizeof(*r)) : NULL;
   if (!r) {
      free_buffers(buffers, count, window_image);
      return;
   }
   r->buffers = buffers;
   r->count = count;
   r->next = sc->retired;
   sc->retired = r;
   d3d9_surface_destroy(window_image);
}

/* Full screen: the display takes the back buffer's mode and the window
 * covers it; windowed again: the mode the registry has. */
static HRESULT
set_display(struct d3d9_swapchain *sc, const D3DPRESENT_PARAMETERS *pp,
            const D3DDISPLAYMODEEX *mode)
{
   if (pp->Windowed) {
      if (sc->fullscreen)
         d3d9_display_restore();
      sc->fullscreen = FALSE;
      return D3D_OK;
   }
   D3DDISPLAYMODEEX m = {
      .Size = sizeof(m), .Width = pp->BackBufferWidth,
      .Height = pp->BackBufferHeight,
      .RefreshRate = pp->FullScreen_RefreshRateInHz,
      .Format = pp->BackBufferFormat,
   };
   HRESULT hr = d3d9_display_set_mode(mode ? mode : &m);
   if (FAILED(hr))
      return hr;
   sc->fullscreen = TRUE;
   if (sc->window)
      SetWindowPos(sc->window, HWND_TOP, 0, 0, pp->BackBufferWidth,
                   pp->BackBufferHeight, SWP_NOACTIVATE | SWP_NOZORDER);
   return D3D_OK;
}

HRESULT
d3d9_swapchain_create(struct d3d9_device *device, D3DPRESENT_PARAMETERS *pp,
                      const D3DDISPLAYMODEEX *mode, BOOL implicit,
                      struct d3d9_swapchain **out)
{
   if (!d3d9_present_parameters_valid(pp, device->extended))
      return D3DERR_INVALIDCALL;
   struct d3d9_swapchain *sc = calloc(1, sizeof(*sc));
   if (!sc)
      return E_OUTOFMEMORY;
   sc->IDirect3DSwapChain9Ex_iface.lpVtbl =
      (IDirect3DSwapChain9ExVtbl *)&swapchain_vtbl;
   sc->device = device;
   sc->implicit = implicit;
   HRESULT hr = make_buffers(sc, pp);
   if (SUCCEEDED(hr) && implicit)
      hr = set_display(sc, pp, mode);
   if (FAILED(hr)) {
      d3d9_swapchain_destroy(sc);
      return hr;
   }
   *out = sc;
   return D3D_OK;
}

HRESULT
d3d9_swapchain_reset(struct d3d9_swapchain *sc, D3DPRESENT_PARAMETERS *pp,
                     const D3DDISPLAYMODEEX *mode)
{
   struct d3d9_surface **old = sc->buffers;
   struct d3d9_surface *old_image = sc->window_image;
   const UINT old_count = sc->pp.BackBufferCount;
   HRESULT hr = make_buffers(sc, pp);
   if (FAILED(hr))
      return hr;
   drop_buffers(sc, old, old_count, old_image);
   return set_display(sc, pp, mode);
}

void
d3d9_swapchain_destroy(struct d3d9_swapchain *sc)
{
   if (sc->fullscreen)
      d3d9_display_restore();
   free_buffers(sc->buffers, sc->pp.BackBufferCount, sc->window_image);
   while (sc->retired) {
      struct d3d9_retired_buffers *r = sc->retired;
      sc->retired = r->next;
      free_buffers(r->buffers, r->count, NULL);
      free(r);
   }
   free(sc);
}

HRESULT WINAPI
d3d9_device_CreateAdditionalSwapChain(IDirect3DDevice9Ex *iface,
                                      D3DPRESENT_PARAMETERS *pp,
                                      IDirect3DSwapChain9 **out)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!pp || !out)
      return D3DERR_INVALIDCALL;
   *out = NULL;
   /* Additional swap chains are windowed, and only beside a windowed
    * implicit one (D3D9, Wine's test_swapchain). */
   if (!pp->Windowed || device->swapchain->fullscreen) {
      D3D9_LOG("CreateAdditionalSwapChain: full screen");
      return D3DERR_INVALIDCALL;
   }
   struct d3d9_swapchain *sc;
   D3DPRESENT_PARAMETERS p = *pp;
   if (!p.hDeviceWindow)
      p.hDeviceWindow = device->swapchain->window;
   HRESULT hr = d3d9_swapchain_create(device, &p, NULL, FALSE, &sc);
   if (FAILED(hr))
      return hr == E_OUTOFMEMORY ? hr : D3DERR_INVALIDCALL;
   *pp = p;
   IDirect3DSwapChain9Ex_AddRef(&sc->IDirect3DSwapChain9Ex_iface);
   *out = (IDirect3DSwapChain9 *)&sc->IDirect3DSwapChain9Ex_iface;
   return D3D_OK;
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

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * What the device shows besides frames, through Wine's user32/gdi32:
 *   - the display mode of full-screen swap chains (ChangeDisplaySettingsEx):
 *     a full-screen swap chain sets the mode of its back buffer (or the one
 *     CreateDeviceEx/ResetEx names), and going windowed or away puts back
 *     the registry's mode;
 *   - the cursor: SetCursorProperties makes a Win32 cursor of the
 *     surface's pixels, ShowCursor shows it over the device's windows;
 *   - the gamma ramp, applied to the display while full screen.
 * All of it runs on the calling thread, which Wine made.
 */

#include <string.h>

#include "d3d9_surface.h"

HRESULT
d3d9_display_set_mode(const D3DDISPLAYMODEEX *mode)
{
   DEVMODEW dm;
   memset(&dm, 0, sizeof(dm));
   dm.dmSize = sizeof(dm);
   dm.dmFields = DM_PELSWIDTH | DM_PELSHEIGHT | DM_BITSPERPEL;
   dm.dmPelsWidth = mode->Width;
   dm.dmPelsHeight = mode->Height;
   dm.dmBitsPerPel = mode->Format == D3DFMT_R5G6B5 ||
                     mode->Format == D3DFMT_X1R5G5B5 ||
                     mode->Format == D3DFMT_A1R5G5B5 ? 16 : 32;
   if (mode->RefreshRate) {
      dm.dmFields |= DM_DISPLAYFREQUENCY;
      dm.dmDisplayFrequency = mode->RefreshRate;
   }
   const LONG r = ChangeDisplaySettingsExW(NULL, &dm, NULL, CDS_FULLSCREEN,
                                           NULL);
   if (r != DISP_CHANGE_SUCCESSFUL) {
      D3D9_LOG("display mode %ux%u@%u: ChangeDisplaySettingsEx %ld",
               mode->Width, mode->Height, mode->RefreshRate, (long)r);
      return D3DERR_INVALIDCALL;
   }
   return D3D_OK;
}

void
d3d9_display_restore(void)
{
   ChangeDisplaySettingsExW(NULL, NULL, NULL, 0, NULL);
}

static BOOL
is_pow2(UINT v)
{
   return v && !(v & (v - 1));
}

HRESULT WINAPI
d3d9_device_SetCursorProperties(IDirect3DDevice9Ex *iface, UINT hot_x,
                                UINT hot_y, IDirect3DSurface9 *bitmap)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   D3DSURFACE_DESC desc;
   D3DDISPLAYMODE mode;
   if (!bitmap || FAILED(IDirect3DSurface9_GetDesc(bitmap, &desc)))
      return D3DERR_INVALIDCALL;
   HRESULT hr = IDirect3D9Ex_GetAdapterDisplayMode(
      &device->d3d9->IDirect3D9Ex_iface, device->adapter, &mode);
   if (FAILED(hr))
      return hr;
   /* An A8R8G8B8 image, power-of-two sides no larger than the display. */
   if (desc.Format != D3DFMT_A8R8G8B8 || !is_pow2(desc.Width) ||
       !is_pow2(desc.Height) || desc.Width > mode.Width ||
       desc.Height > mode.Height || hot_x >= desc.Width ||
       hot_y >= desc.Height) {
      D3D9_LOG("SetCursorProperties: %ux%u format %#x hot spot %u,%u: not "
               "a cursor", desc.Width, desc.Height, (unsigned)desc.Format,
               hot_x, hot_y);
      return D3DERR_INVALIDCALL;
   }
   D3DLOCKED_RECT lr;
   hr = IDirect3DSurface9_LockRect(bitmap, &lr, NULL, D3DLOCK_READONLY);
   if (FAILED(hr))
      return D3DERR_INVALIDCALL;
   /* A top-down 32-bit colour bitmap with alpha, and an all-zero mask. */
   BITMAPINFO bmi;
   memset(&bmi, 0, sizeof(bmi));
   bmi.bmiHeader.biSize = sizeof(bmi.bmiHeader);
   bmi.bmiHeader.biWidth = desc.Width;
   bmi.bmiHeader.biHeight = -(LONG)desc.Height;
   bmi.bmiHeader.biPlanes = 1;
   bmi.bmiHeader.biBitCount = 32;
   bmi.bmiHeader.biCompression = BI_RGB;
   void *bits = NULL;
   HBITMAP color = CreateDIBSection(NULL, &bmi, DIB_RGB_COLORS, &bits, NULL,
                                    0);
   HBITMAP mask = CreateBitmap(desc.Width, desc.Height, 1, 1, NULL);
   if (color && bits) {
      for (UINT y = 0; y < desc.Height; y++)
         memcpy((BYTE *)bits + (size_t)y * desc.Width * 4,
                (const BYTE *)lr.pBits + (size_t)y * lr.Pitch,
                (size_t)desc.Width * 4);
   }
   IDirect3DSurface9_UnlockRect(bitmap);
   HCURSOR cursor = NULL;
   if (color && mask) {
      ICONINFO info = { .fIcon = FALSE, .xHotspot = hot_x,
                        .yHotspot = hot_y, .hbmMask = mask,
                        .hbmColor = color };
      cursor = CreateIconIndirect(&info);
   }
   if (color)
      DeleteObject(color);
   if (mask)
      DeleteObject(mask);
   if (!cursor)
      return D3DERR_INVALIDCALL;
   if (device->cursor_shown)
      SetCursor(cursor);
   if (device->cursor)
      DestroyCursor(device->cursor);
   device->cursor = cursor;
   return D3D_OK;
}

BOOL WINAPI
d3d9_device_ShowCursor(IDirect3DDevice9Ex *iface, BOOL show)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   const BOOL was = device->cursor_shown;
   /* Only a cursor that was set shows. */
   device->cursor_shown = show && device->cursor;
   if (device->cursor_shown && !was)
      SetCursor(device->cursor);
   return was;
}

void WINAPI
d3d9_device_SetCursorPosition(IDirect3DDevice9Ex *iface, int x, int y,
                              DWORD flags)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (device->cursor_shown)
      SetCursorPos(x, y);
}

void
d3d9_display_cursor_fini(struct d3d9_device *device)
{
   if (device->cursor)
      DestroyCursor(device->cursor);
   device->cursor = NULL;
}

/* The identity ramp, a new device's. */
void
d3d9_display_gamma_init(D3DGAMMARAMP *ramp)
{
   for (unsigned i = 0; i < 256; i++)
      ramp->red[i] = ramp->green[i] = ramp->blue[i] = (WORD)(i * 257);
}

void WINAPI
d3d9_device_SetGammaRamp(IDirect3DDevice9Ex *iface, UINT swapchain,
                         DWORD flags, const D3DGAMMARAMP *ramp)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (swapchain || !ramp)
      return;
   device->gamma = *ramp;
   /* Full screen, the display takes it (windowed, D3D9 ignores it). */
   if (device->swapchain && device->swapchain->fullscreen) {
      HDC dc = GetDC(NULL);
      if (dc) {
         SetDeviceGammaRamp(dc, &device->gamma);
         ReleaseDC(NULL, dc);
      }
   }
}

void WINAPI
d3d9_device_GetGammaRamp(IDirect3DDevice9Ex *iface, UINT swapchain,
                         D3DGAMMARAMP *ramp)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!swapchain && ramp)
      *ramp = device->gamma;
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * A Windows (PE) program run under Wine against the project's d3d9.dll:
 * a device on a window, a Clear of the back buffer, the back buffer read
 * with LockRect, Present, and the window's pixels read back through GDI
 * (the frame reached the window).  Expected colours are the cleared
 * ones.  Prints "d3d9-present: N checks, M failed"; exit status M (77
 * when the runtime has no devices yet: D3DUMD_D3D9_DEVICES).
 */

#define COBJMACROS
#define INITGUID
#include <stdio.h>
#include <windows.h>
#include <d3d9.h>

static unsigned checks, failures;

#define CHECK(cond, ...)                                                  \
   do {                                                                  \
      checks++;                                                          \
      if (!(cond)) {                                                     \
         failures++;                                                     \
         printf("d3d9-present: line %d: %s: ", __LINE__, #cond);         \
         printf(__VA_ARGS__);                                            \
         printf("\n");                                                   \
      }                                                                  \
   } while (0)

#define W 64
#define H 48

int
main(void)
{
   HWND window = CreateWindowA("static", "d3d9-present",
                               WS_POPUP | WS_VISIBLE, 0, 0, W, H, NULL, NULL,
                               NULL, NULL);
   CHECK(window != NULL, "no window");
   IDirect3D9 *d3d = Direct3DCreate9(D3D_SDK_VERSION);
   CHECK(d3d != NULL, "Direct3DCreate9");
   if (!window || !d3d)
      return 1;
   D3DPRESENT_PARAMETERS pp = {
      .BackBufferWidth = W, .BackBufferHeight = H,
      .BackBufferFormat = D3DFMT_X8R8G8B8, .BackBufferCount = 1,
      .SwapEffect = D3DSWAPEFFECT_DISCARD, .hDeviceWindow = window,
      .Windowed = TRUE, .EnableAutoDepthStencil = TRUE,
      .AutoDepthStencilFormat = D3DFMT_D24S8,
      /* The back buffer is read back with LockRect. */
      .Flags = D3DPRESENTFLAG_LOCKABLE_BACKBUFFER,
   };
   IDirect3DDevice9 *device = NULL;
   HRESULT hr = IDirect3D9_CreateDevice(d3d, 0, D3DDEVTYPE_HAL, window,
                                        D3DCREATE_HARDWARE_VERTEXPROCESSING,
                                        &pp, &device);
   if (hr == D3DERR_NOTAVAILABLE) {
      printf("d3d9-present: skip: no devices (D3DUMD_D3D9_DEVICES=1 turns "
             "them on)\n");
      return 77;
   }
   CHECK(hr == D3D_OK && device, "CreateDevice hr %#lx", hr);
   if (!device)
      return 1;

   hr = IDirect3DDevice9_Clear(device, 0, NULL, D3DCLEAR_TARGET |
                               D3DCLEAR_ZBUFFER, 0xffff0000, 1.0f, 0);
   CHECK(hr == D3D_OK, "Clear hr %#lx", hr);
   /* A rectangle: green over x 8..23, y 4..19. */
   D3DRECT r = { 8, 4, 24, 20 };
   hr = IDirect3DDevice9_Clear(device, 1, &r, D3DCLEAR_TARGET, 0xff00ff00,
                               1.0f, 0);
   CHECK(hr == D3D_OK, "Clear rect hr %#lx", hr);

   IDirect3DSurface9 *bb = NULL;
   hr = IDirect3DDevice9_GetBackBuffer(device, 0, 0, D3DBACKBUFFER_TYPE_MONO,
                                       &bb);
   CHECK(hr == D3D_OK && bb, "GetBackBuffer hr %#lx", hr);
   if (bb) {
      D3DSURFACE_DESC desc;
      IDirect3DSurface9_GetDesc(bb, &desc);
      CHECK(desc.Width == W && desc.Height == H &&
            desc.Format == D3DFMT_X8R8G8B8, "desc %ux%u %#x", desc.Width,
            desc.Height, desc.Format);
      D3DLOCKED_RECT lr;
      hr = IDirect3DSurface9_LockRect(bb, &lr, NULL, D3DLOCK_READONLY);
      CHECK(hr == D3D_OK && lr.pBits, "LockRect hr %#lx", hr);
      if (SUCCEEDED(hr)) {
         const DWORD *row0 = lr.pBits;
         const DWORD *row10 = (const DWORD *)((const BYTE *)lr.pBits +
                                              10 * lr.Pitch);
         CHECK((row0[0] & 0xffffff) == 0xff0000, "(0,0) %#lx", row0[0]);
         CHECK((row10[10] & 0xffffff) == 0x00ff00, "(10,10) %#lx",
               row10[10]);
         CHECK((row10[30] & 0xffffff) == 0xff0000, "(30,10) %#lx",
               row10[30]);
         IDirect3DSurface9_UnlockRect(bb);
      }
      IDirect3DSurface9_Release(bb);
   }

   hr = IDirect3DDevice9_Present(device, NULL, NULL, NULL, NULL);
   CHECK(hr == D3D_OK, "Present hr %#lx", hr);
   /* GDI sees the presented frame in the window. */
   HDC dc = GetDC(window);
   COLORREF a = GetPixel(dc, 2, 2), b = GetPixel(dc, 12, 10);
   ReleaseDC(window, dc);
   CHECK(a == RGB(255, 0, 0), "window (2,2) %#lx", a);
   CHECK(b == RGB(0, 255, 0), "window (12,10) %#lx", b);

   CHECK(IDirect3DDevice9_Release(device) == 0, "device refcount");
   CHECK(IDirect3D9_Release(d3d) == 0, "d3d refcount");
   DestroyWindow(window);
   printf("d3d9-present: %u checks, %u failed\n", checks, failures);
   return failures;
}

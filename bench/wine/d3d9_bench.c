/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * A small D3D9 benchmark (PE, mingw), run by scripts/wine-bench.sh under
 * Wine on the project's d3d9.dll and on Wine's own (wined3d) in one run.
 * Each row runs for a fixed wall time and ends with a read-back of the
 * render target, so that queued work is inside the measurement:
 *
 *   draws          DrawPrimitive of a small quad, no state change between
 *   draws+state    the same with a constant, a render state and a texture
 *                  changed before every draw
 *   stream         a dynamic vertex buffer written with Lock(NoOverwrite)
 *                  per draw, Lock(Discard) when it wraps
 *   texupload      a 256x256 dynamic texture rewritten with
 *                  LockRect(Discard) and drawn, per frame
 *   present        Clear and Present of a 256x256 window
 *
 * Prints one line per row: "bench: NAME RATE UNIT"; exit status 0, or 1
 * when a call failed (the line says which).
 */

#define COBJMACROS
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <windows.h>
#include <d3d9.h>

#define W 256
#define H 256

static double seconds = 1.0;

/* vs_2_0: dcl_position v0; dcl_texcoord v1; add oPos, v0, c0;
 * mov oT0, v1 */
static const DWORD vs_code[] = {
   0xfffe0200,
   0x0200001f, 0x80000000, 0x900f0000,
   0x0200001f, 0x80000005, 0x900f0001,
   0x03000002, 0xc00f0000, 0x90e40000, 0xa0e40000,
   0x02000001, 0xe00f0000, 0x90e40001,
   0x0000ffff,
};
/* ps_2_0: dcl t0; dcl_2d s0; texld r0, t0, s0; mov oC0, r0 */
static const DWORD ps_code[] = {
   0xffff0200,
   0x0200001f, 0x80000000, 0xb00f0000,
   0x0200001f, 0x90000000, 0xa00f0800,
   0x03000042, 0x800f0000, 0xb0e40000, 0xa0e40800,
   0x02000001, 0x800f0800, 0x80e40000,
   0x0000ffff,
};

struct vertex { float x, y, z, u, v; };

static double
now(void)
{
   static LARGE_INTEGER f;
   LARGE_INTEGER c;
   if (!f.QuadPart)
      QueryPerformanceFrequency(&f);
   QueryPerformanceCounter(&c);
   return (double)c.QuadPart / f.QuadPart;
}

#define TRY(call)                                                         \
   do {                                                                  \
      HRESULT hr_ = (call);                                              \
      if (FAILED(hr_)) {                                                 \
         printf("bench: FAIL: %s: hr %#lx (line %d)\n", #call, hr_,       \
                __LINE__);                                               \
         exit(1);                                                        \
      }                                                                  \
   } while (0)

static IDirect3DDevice9 *device;
static IDirect3DSurface9 *readback;

/* Waits for everything queued: the render target read back. */
static void
finish(void)
{
   IDirect3DSurface9 *rt;
   TRY(IDirect3DDevice9_GetRenderTarget(device, 0, &rt));
   TRY(IDirect3DDevice9_GetRenderTargetData(device, rt, readback));
   IDirect3DSurface9_Release(rt);
}

static void
quad(struct vertex *v, float x, float y, float s)
{
   v[0] = (struct vertex){ x, y, 0.5f, 0, 1 };
   v[1] = (struct vertex){ x, y + s, 0.5f, 0, 0 };
   v[2] = (struct vertex){ x + s, y, 0.5f, 1, 1 };
   v[3] = (struct vertex){ x + s, y + s, 0.5f, 1, 0 };
}

static void
report(const char *name, double count, double t, const char *unit)
{
   printf("bench: %-12s %12.0f %s\n", name, count / t, unit);
   fflush(stdout);
}

int
main(int argc, char **argv)
{
   if (argc > 1 && !strcmp(argv[1], "--quick"))
      seconds = 0.1;
   HWND window = CreateWindowA("static", "d3d9-bench", WS_POPUP | WS_VISIBLE,
                               0, 0, W, H, NULL, NULL, NULL, NULL);
   IDirect3D9 *d3d = Direct3DCreate9(D3D_SDK_VERSION);
   if (!window || !d3d) {
      printf("bench: FAIL: window %p d3d %p\n", window, d3d);
      return 1;
   }
   D3DPRESENT_PARAMETERS pp = {
      .BackBufferWidth = W, .BackBufferHeight = H,
      .BackBufferFormat = D3DFMT_X8R8G8B8, .BackBufferCount = 1,
      .SwapEffect = D3DSWAPEFFECT_DISCARD, .hDeviceWindow = window,
      .Windowed = TRUE,
      .PresentationInterval = D3DPRESENT_INTERVAL_IMMEDIATE,
   };
   TRY(IDirect3D9_CreateDevice(d3d, 0, D3DDEVTYPE_HAL, window,
                               D3DCREATE_HARDWARE_VERTEXPROCESSING, &pp,
                               &device));
   TRY(IDirect3DDevice9_CreateOffscreenPlainSurface(
      device, W, H, D3DFMT_X8R8G8B8, D3DPOOL_SYSTEMMEM, &readback, NULL));

   IDirect3DVertexShader9 *vs;
   IDirect3DPixelShader9 *ps;
   TRY(IDirect3DDevice9_CreateVertexShader(device, vs_code, &vs));
   TRY(IDirect3DDevice9_CreatePixelShader(device, ps_code, &ps));
   TRY(IDirect3DDevice9_SetVertexShader(device, vs));
   TRY(IDirect3DDevice9_SetPixelShader(device, ps));
   TRY(IDirect3DDevice9_SetFVF(device, D3DFVF_XYZ | D3DFVF_TEX1));
   IDirect3DDevice9_SetRenderState(device, D3DRS_CULLMODE, D3DCULL_NONE);
   IDirect3DDevice9_SetRenderState(device, D3DRS_ZENABLE, D3DZB_FALSE);
   IDirect3DDevice9_SetRenderState(device, D3DRS_LIGHTING, FALSE);

   IDirect3DTexture9 *tex[2];
   for (int i = 0; i < 2; i++) {
      D3DLOCKED_RECT lr;
      TRY(IDirect3DDevice9_CreateTexture(device, 64, 64, 1, 0,
                                         D3DFMT_A8R8G8B8, D3DPOOL_MANAGED,
                                         &tex[i], NULL));
      TRY(IDirect3DTexture9_LockRect(tex[i], 0, &lr, NULL, 0));
      for (int y = 0; y < 64; y++)
         memset((BYTE *)lr.pBits + y * lr.Pitch, i ? 0x40 : 0xc0, 64 * 4);
      IDirect3DTexture9_UnlockRect(tex[i], 0);
   }
   TRY(IDirect3DDevice9_SetTexture(device, 0, (IDirect3DBaseTexture9 *)tex[0]));

   /* A static buffer of one small quad. */
   IDirect3DVertexBuffer9 *vb;
   struct vertex *v;
   TRY(IDirect3DDevice9_CreateVertexBuffer(device, 4 * sizeof(*v),
                                           D3DUSAGE_WRITEONLY, 0,
                                           D3DPOOL_DEFAULT, &vb, NULL));
   TRY(IDirect3DVertexBuffer9_Lock(vb, 0, 0, (void **)&v, 0));
   quad(v, -0.1f, -0.1f, 0.2f);
   IDirect3DVertexBuffer9_Unlock(vb);
   const float zero[4] = { 0 };
   TRY(IDirect3DDevice9_SetVertexShaderConstantF(device, 0, zero, 1));

   /* draws */
   TRY(IDirect3DDevice9_SetStreamSource(device, 0, vb, 0, sizeof(*v)));
   TRY(IDirect3DDevice9_BeginScene(device));
   finish();
   double t0 = now(), t;
   unsigned n = 0;
   do {
      for (int i = 0; i < 100; i++)
         TRY(IDirect3DDevice9_DrawPrimitive(device, D3DPT_TRIANGLESTRIP, 0,
                                            2));
      n += 100;
   } while (now() - t0 < seconds);
   finish();
   report("draws", n, now() - t0, "draws/s");

   /* draws+state */
   t0 = now();
   n = 0;
   do {
      for (int i = 0; i < 100; i++) {
         const float c[4] = { (i & 7) * 0.01f, 0, 0, 0 };
         IDirect3DDevice9_SetVertexShaderConstantF(device, 0, c, 1);
         IDirect3DDevice9_SetRenderState(device, D3DRS_ALPHABLENDENABLE,
                                         i & 1);
         IDirect3DDevice9_SetTexture(device, 0,
                                     (IDirect3DBaseTexture9 *)tex[i & 1]);
         TRY(IDirect3DDevice9_DrawPrimitive(device, D3DPT_TRIANGLESTRIP, 0,
                                            2));
      }
      n += 100;
   } while (now() - t0 < seconds);
   finish();
   report("draws+state", n, now() - t0, "draws/s");
   IDirect3DDevice9_SetRenderState(device, D3DRS_ALPHABLENDENABLE, FALSE);
   TRY(IDirect3DDevice9_SetVertexShaderConstantF(device, 0, zero, 1));

   /* stream: 64 KiB dynamic, 4 vertices per draw */
   IDirect3DVertexBuffer9 *dyn;
   const UINT dyn_size = 64 * 1024, chunk = 4 * sizeof(struct vertex);
   TRY(IDirect3DDevice9_CreateVertexBuffer(device, dyn_size,
                                           D3DUSAGE_DYNAMIC |
                                           D3DUSAGE_WRITEONLY, 0,
                                           D3DPOOL_DEFAULT, &dyn, NULL));
   TRY(IDirect3DDevice9_SetStreamSource(device, 0, dyn, 0, sizeof(*v)));
   UINT offset = dyn_size;
   t0 = now();
   n = 0;
   do {
      for (int i = 0; i < 100; i++) {
         DWORD flags = D3DLOCK_NOOVERWRITE;
         if (offset + chunk > dyn_size) {
            offset = 0;
            flags = D3DLOCK_DISCARD;
         }
         TRY(IDirect3DVertexBuffer9_Lock(dyn, offset, chunk, (void **)&v,
                                         flags));
         quad(v, -0.5f + (i & 15) * 0.05f, -0.1f, 0.2f);
         IDirect3DVertexBuffer9_Unlock(dyn);
         TRY(IDirect3DDevice9_DrawPrimitive(device, D3DPT_TRIANGLESTRIP,
                                            offset / sizeof(*v), 2));
         offset += chunk;
      }
      n += 100;
   } while (now() - t0 < seconds);
   finish();
   report("stream", n, now() - t0, "draws/s");

   /* texupload: 256x256 dynamic texture per frame, drawn full-screen */
   IDirect3DTexture9 *dtex;
   TRY(IDirect3DDevice9_CreateTexture(device, 256, 256, 1, D3DUSAGE_DYNAMIC,
                                      D3DFMT_A8R8G8B8, D3DPOOL_DEFAULT, &dtex,
                                      NULL));
   TRY(IDirect3DDevice9_SetTexture(device, 0, (IDirect3DBaseTexture9 *)dtex));
   TRY(IDirect3DDevice9_SetStreamSource(device, 0, vb, 0, sizeof(*v)));
   t0 = now();
   n = 0;
   do {
      D3DLOCKED_RECT lr;
      TRY(IDirect3DTexture9_LockRect(dtex, 0, &lr, NULL, D3DLOCK_DISCARD));
      for (int y = 0; y < 256; y++)
         memset((BYTE *)lr.pBits + y * lr.Pitch, (n + y) & 0xff, 256 * 4);
      IDirect3DTexture9_UnlockRect(dtex, 0);
      TRY(IDirect3DDevice9_DrawPrimitive(device, D3DPT_TRIANGLESTRIP, 0, 2));
      n++;
   } while (now() - t0 < seconds);
   finish();
   report("texupload", n, now() - t0, "uploads/s");
   TRY(IDirect3DDevice9_EndScene(device));

   /* present */
   t0 = now();
   n = 0;
   do {
      TRY(IDirect3DDevice9_Clear(device, 0, NULL, D3DCLEAR_TARGET,
                                 0xff000000 | (n * 0x010203), 1.0f, 0));
      TRY(IDirect3DDevice9_Present(device, NULL, NULL, NULL, NULL));
      n++;
   } while (now() - t0 < seconds);
   finish();
   report("present", n, now() - t0, "frames/s");

   IDirect3DDevice9_SetTexture(device, 0, NULL);
   IDirect3DDevice9_SetStreamSource(device, 0, NULL, 0, 0);
   IDirect3DTexture9_Release(dtex);
   IDirect3DVertexBuffer9_Release(dyn);
   IDirect3DVertexBuffer9_Release(vb);
   IDirect3DTexture9_Release(tex[0]);
   IDirect3DTexture9_Release(tex[1]);
   IDirect3DVertexShader9_Release(vs);
   IDirect3DPixelShader9_Release(ps);
   IDirect3DSurface9_Release(readback);
   IDirect3DDevice9_Release(device);
   IDirect3D9_Release(d3d);
   DestroyWindow(window);
   return 0;
}

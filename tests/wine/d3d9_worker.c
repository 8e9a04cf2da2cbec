/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * A Windows (PE) program run under Wine against the project's d3d9.dll:
 * the runtime's multi-processor mode (docs/wine.rst).  The same frames
 * run with the worker forced on (D3DUMD_D3D9_WORKER=1) and off (=0): a
 * dynamic vertex buffer streamed with Discard and NoOverwrite locks, two
 * quads drawn from it, Clear, Present, an event query polled, the back
 * buffer read with GetRenderTargetData; the pixels must be the colours
 * written in each frame, in both modes, and the same.  The runtime's
 * stats line (D3DUMD_D3D9_STATS names a file the DLL appends it to at
 * device destruction) proves the asynchronous path was taken: LockAsync
 * locks, Renames and event polls from this thread with the worker on,
 * no line with it off.  Waits are bounded by wall time.  Prints
 * "d3d9-worker: N checks, M failed"; exit status M (77 when the runtime
 * has its devices off: D3DUMD_D3D9_DEVICES=0).
 */

#define COBJMACROS
#define INITGUID
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <d3d9.h>

static unsigned checks, failures;

#define CHECK(cond, ...)                                                  \
   do {                                                                  \
      checks++;                                                          \
      if (!(cond)) {                                                     \
         failures++;                                                     \
         printf("d3d9-worker: line %d: %s: ", __LINE__, #cond);          \
         printf(__VA_ARGS__);                                            \
         printf("\n");                                                   \
      }                                                                  \
   } while (0)

#define W 64
#define H 64
#define FRAMES 24
#define QUAD_VERTICES 6

struct vertex {
   float x, y, z, rhw;
   DWORD color;
};

#define FVF (D3DFVF_XYZRHW | D3DFVF_DIFFUSE)

static DWORD
color_a(unsigned frame)
{
   return 0xff000000 | ((frame * 37 + 40) & 0xff) << 16 | 0x00a000 |
          ((frame * 11) & 0xff);
}

static DWORD
color_b(unsigned frame)
{
   return 0xff000000 | 0x300000 | ((frame * 53 + 7) & 0xff) << 8 |
          ((255 - frame * 9) & 0xff);
}

static void
quad(struct vertex *v, float x0, float x1, DWORD color)
{
   const float y0 = 0.0f, y1 = H;
   const struct vertex c[4] = {
      { x0, y0, 0.5f, 1.0f, color }, { x1, y0, 0.5f, 1.0f, color },
      { x0, y1, 0.5f, 1.0f, color }, { x1, y1, 0.5f, 1.0f, color },
   };
   v[0] = c[0]; v[1] = c[1]; v[2] = c[2];
   v[3] = c[2]; v[4] = c[1]; v[5] = c[3];
}

/* The pixel's RGB in a locked X8R8G8B8 surface. */
static DWORD
pixel(const D3DLOCKED_RECT *lr, unsigned x, unsigned y)
{
   return ((const DWORD *)((const BYTE *)lr->pBits + y * lr->Pitch))[x] &
          0xffffff;
}

/* What the DLL wrote to the stats file ("" when nothing). */
static void
read_stats(const char *path, char *buf, size_t size)
{
   buf[0] = 0;
   FILE *f = fopen(path, "rb");
   if (!f)
      return;
   size_t n = fread(buf, 1, size - 1, f);
   buf[n] = 0;
   fclose(f);
}

static long
stat_value(const char *stats, const char *name)
{
   const char *p = strstr(stats, name);
   return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

/* One run; FRAME_PIXELS gets the two colours read back in each frame.
 * Returns FALSE when devices are off. */
static BOOL
run(HWND window, IDirect3D9 *d3d, const char *worker, const char *stats,
    DWORD frame_pixels[FRAMES][2])
{
   SetEnvironmentVariableA("D3DUMD_D3D9_WORKER", worker);
   SetEnvironmentVariableA("D3DUMD_D3D9_STATS", stats);
   DeleteFileA(stats);

   D3DPRESENT_PARAMETERS pp = {
      .BackBufferWidth = W, .BackBufferHeight = H,
      .BackBufferFormat = D3DFMT_X8R8G8B8, .BackBufferCount = 1,
      .SwapEffect = D3DSWAPEFFECT_DISCARD, .hDeviceWindow = window,
      .Windowed = TRUE,
   };
   IDirect3DDevice9 *device = NULL;
   HRESULT hr = IDirect3D9_CreateDevice(d3d, 0, D3DDEVTYPE_HAL, window,
                                        D3DCREATE_HARDWARE_VERTEXPROCESSING,
                                        &pp, &device);
   if (hr == D3DERR_NOTAVAILABLE)
      return FALSE;
   CHECK(hr == D3D_OK && device, "worker %s: CreateDevice hr %#lx", worker,
         hr);
   if (!device)
      return TRUE;

   IDirect3DVertexBuffer9 *vb = NULL;
   hr = IDirect3DDevice9_CreateVertexBuffer(
      device, 16 * QUAD_VERTICES * sizeof(struct vertex),
      D3DUSAGE_DYNAMIC | D3DUSAGE_WRITEONLY, FVF, D3DPOOL_DEFAULT, &vb, NULL);
   CHECK(hr == D3D_OK && vb, "worker %s: CreateVertexBuffer hr %#lx", worker,
         hr);
   IDirect3DSurface9 *bb = NULL, *sys = NULL;
   hr = IDirect3DDevice9_GetBackBuffer(device, 0, 0, D3DBACKBUFFER_TYPE_MONO,
                                       &bb);
   CHECK(hr == D3D_OK, "worker %s: GetBackBuffer hr %#lx", worker, hr);
   hr = IDirect3DDevice9_CreateOffscreenPlainSurface(
      device, W, H, D3DFMT_X8R8G8B8, D3DPOOL_SYSTEMMEM, &sys, NULL);
   CHECK(hr == D3D_OK, "worker %s: CreateOffscreenPlainSurface hr %#lx",
         worker, hr);
   IDirect3DQuery9 *event = NULL;
   hr = IDirect3DDevice9_CreateQuery(device, D3DQUERYTYPE_EVENT, &event);
   CHECK(hr == D3D_OK && event, "worker %s: CreateQuery(EVENT) hr %#lx",
         worker, hr);
   if (!vb || !bb || !sys || !event)
      goto done;

   IDirect3DDevice9_SetRenderState(device, D3DRS_LIGHTING, FALSE);
   IDirect3DDevice9_SetRenderState(device, D3DRS_ZENABLE, FALSE);
   IDirect3DDevice9_SetRenderState(device, D3DRS_CULLMODE, D3DCULL_NONE);
   IDirect3DDevice9_SetTextureStageState(device, 0, D3DTSS_COLOROP,
                                         D3DTOP_SELECTARG1);
   IDirect3DDevice9_SetTextureStageState(device, 0, D3DTSS_COLORARG1,
                                         D3DTA_DIFFUSE);
   IDirect3DDevice9_SetTextureStageState(device, 0, D3DTSS_ALPHAOP,
                                         D3DTOP_SELECTARG1);
   IDirect3DDevice9_SetTextureStageState(device, 0, D3DTSS_ALPHAARG1,
                                         D3DTA_DIFFUSE);
   hr = IDirect3DDevice9_SetFVF(device, FVF);
   CHECK(hr == D3D_OK, "worker %s: SetFVF hr %#lx", worker, hr);
   hr = IDirect3DDevice9_SetStreamSource(device, 0, vb, 0,
                                         sizeof(struct vertex));
   CHECK(hr == D3D_OK, "worker %s: SetStreamSource hr %#lx", worker, hr);

   for (unsigned frame = 0; frame < FRAMES; frame++) {
      /* A ring of quads: Discard at the start of each frame, then the
       * second quad appended with NoOverwrite where the frame number
       * puts it (frames also reuse offsets written before a Discard). */
      const UINT slot = 1 + frame % 15;
      const UINT qsize = QUAD_VERTICES * sizeof(struct vertex);
      struct vertex *v = NULL;
      hr = IDirect3DVertexBuffer9_Lock(vb, 0, qsize, (void **)&v,
                                       D3DLOCK_DISCARD);
      CHECK(hr == D3D_OK && v, "worker %s frame %u: Lock(DISCARD) hr %#lx",
            worker, frame, hr);
      if (FAILED(hr))
         break;
      quad(v, 0.0f, W / 2, color_a(frame));
      IDirect3DVertexBuffer9_Unlock(vb);
      hr = IDirect3DVertexBuffer9_Lock(vb, slot * qsize, qsize, (void **)&v,
                                       D3DLOCK_NOOVERWRITE);
      CHECK(hr == D3D_OK && v,
            "worker %s frame %u: Lock(NOOVERWRITE) hr %#lx", worker, frame,
            hr);
      if (FAILED(hr))
         break;
      quad(v, W / 2, W, color_b(frame));
      IDirect3DVertexBuffer9_Unlock(vb);

      hr = IDirect3DDevice9_Clear(device, 0, NULL, D3DCLEAR_TARGET,
                                  0xff101010, 1.0f, 0);
      CHECK(hr == D3D_OK, "worker %s frame %u: Clear hr %#lx", worker, frame,
            hr);
      IDirect3DDevice9_BeginScene(device);
      hr = IDirect3DDevice9_DrawPrimitive(device, D3DPT_TRIANGLELIST, 0, 2);
      CHECK(hr == D3D_OK, "worker %s frame %u: DrawPrimitive hr %#lx",
            worker, frame, hr);
      hr = IDirect3DDevice9_DrawPrimitive(device, D3DPT_TRIANGLELIST,
                                          slot * QUAD_VERTICES, 2);
      CHECK(hr == D3D_OK, "worker %s frame %u: DrawPrimitive hr %#lx",
            worker, frame, hr);
      IDirect3DDevice9_EndScene(device);

      /* The event query, polled: S_FALSE until the frame's work is done,
       * then TRUE; a minute of wall time at most. */
      hr = IDirect3DQuery9_Issue(event, D3DISSUE_END);
      CHECK(hr == D3D_OK, "worker %s frame %u: Issue hr %#lx", worker, frame,
            hr);
      const ULONGLONG give_up = GetTickCount64() + 60000;
      BOOL signalled = FALSE;
      for (;;) {
         hr = IDirect3DQuery9_GetData(event, &signalled, sizeof(signalled),
                                      D3DGETDATA_FLUSH);
         if (hr != S_FALSE || GetTickCount64() > give_up)
            break;
         Sleep(0);
      }
      CHECK(hr == S_OK && signalled == TRUE,
            "worker %s frame %u: event GetData hr %#lx, data %d", worker,
            frame, hr, signalled);

      hr = IDirect3DDevice9_Present(device, NULL, NULL, NULL, NULL);
      CHECK(hr == D3D_OK, "worker %s frame %u: Present hr %#lx", worker,
            frame, hr);
      /* Present's back buffer is undefined after a DISCARD swap: draw the
       * frame's pixels again for the readback.  Same locks, same draws. */
      hr = IDirect3DDevice9_Clear(device, 0, NULL, D3DCLEAR_TARGET,
                                  0xff101010, 1.0f, 0);
      IDirect3DDevice9_BeginScene(device);
      IDirect3DDevice9_DrawPrimitive(device, D3DPT_TRIANGLELIST, 0, 2);
      IDirect3DDevice9_DrawPrimitive(device, D3DPT_TRIANGLELIST,
                                     slot * QUAD_VERTICES, 2);
      IDirect3DDevice9_EndScene(device);
      hr = IDirect3DDevice9_GetRenderTargetData(device, bb, sys);
      CHECK(hr == D3D_OK, "worker %s frame %u: GetRenderTargetData hr %#lx",
            worker, frame, hr);
      D3DLOCKED_RECT lr;
      hr = IDirect3DSurface9_LockRect(sys, &lr, NULL, D3DLOCK_READONLY);
      CHECK(hr == D3D_OK, "worker %s frame %u: LockRect hr %#lx", worker,
            frame, hr);
      if (SUCCEEDED(hr)) {
         frame_pixels[frame][0] = pixel(&lr, W / 4, H / 2);
         frame_pixels[frame][1] = pixel(&lr, 3 * W / 4, H / 2);
         IDirect3DSurface9_UnlockRect(sys);
         CHECK(frame_pixels[frame][0] == (color_a(frame) & 0xffffff),
               "worker %s frame %u: left quad %#lx, expected %#lx", worker,
               frame, frame_pixels[frame][0], color_a(frame) & 0xffffff);
         CHECK(frame_pixels[frame][1] == (color_b(frame) & 0xffffff),
               "worker %s frame %u: right quad %#lx, expected %#lx", worker,
               frame, frame_pixels[frame][1], color_b(frame) & 0xffffff);
      }
   }

done:
   if (event)
      IDirect3DQuery9_Release(event);
   if (sys)
      IDirect3DSurface9_Release(sys);
   if (bb)
      IDirect3DSurface9_Release(bb);
   if (vb)
      IDirect3DVertexBuffer9_Release(vb);
   CHECK(IDirect3DDevice9_Release(device) == 0, "worker %s: device refcount",
         worker);
   return TRUE;
}

int
main(void)
{
   HWND window = CreateWindowA("static", "d3d9-worker",
                               WS_POPUP | WS_VISIBLE, 0, 0, W, H, NULL, NULL,
                               NULL, NULL);
   CHECK(window != NULL, "no window");
   IDirect3D9 *d3d = Direct3DCreate9(D3D_SDK_VERSION);
   CHECK(d3d != NULL, "Direct3DCreate9");
   if (!window || !d3d)
      return 1;

   char stats[MAX_PATH], dir[MAX_PATH];
   GetTempPathA(sizeof(dir), dir);
   snprintf(stats, sizeof(stats), "%sd3d9_worker_stats_%lu.txt", dir,
            (unsigned long)GetCurrentProcessId());

   static DWORD on[FRAMES][2], off[FRAMES][2];
   char text[2048];
   if (!run(window, d3d, "1", stats, on)) {
      printf("d3d9-worker: skip: no devices (D3DUMD_D3D9_DEVICES=0 turns them off)\n");
      return 77;
   }
   read_stats(stats, text, sizeof(text));
   printf("d3d9-worker: worker on: %s", text[0] ? text : "(no stats)\n");
   const long async = stat_value(text, "lockasync ");
   const long discard = stat_value(text, "discard ");
   const long nooverwrite = stat_value(text, "nooverwrite ");
   const long renames = stat_value(text, "renames ");
   const long polls = stat_value(text, "event polls ");
   const long failed = stat_value(text, "queued failures ");
   CHECK(text[0] != 0, "no stats line with the worker on");
   /* Every streaming lock took the asynchronous path: one Discard and one
    * NoOverwrite per frame. */
   CHECK(discard == FRAMES, "LockAsync(Discard) locks %ld, expected %d",
         discard, FRAMES);
   CHECK(nooverwrite == FRAMES, "LockAsync(NoOverwrite) locks %ld, "
         "expected %d", nooverwrite, FRAMES);
   CHECK(async == 2 * FRAMES, "LockAsync locks %ld", async);
   CHECK(renames == FRAMES, "Renames %ld, expected %d", renames, FRAMES);
   CHECK(polls >= FRAMES, "event polls %ld, expected at least %d", polls,
         FRAMES);
   CHECK(failed == 0, "queued calls that failed: %ld", failed);

   run(window, d3d, "0", stats, off);
   read_stats(stats, text, sizeof(text));
   CHECK(text[0] == 0, "worker off, yet a stats line: %s", text);
   CHECK(!memcmp(on, off, sizeof(on)), "frames differ with the worker on "
         "and off");
   DeleteFileA(stats);
   SetEnvironmentVariableA("D3DUMD_D3D9_WORKER", NULL);
   SetEnvironmentVariableA("D3DUMD_D3D9_STATS", NULL);

   CHECK(IDirect3D9_Release(d3d) == 0, "d3d refcount");
   DestroyWindow(window);
   printf("d3d9-worker: %u checks, %u failed\n", checks, failures);
   return failures;
}

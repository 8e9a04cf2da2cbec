/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * A Windows (PE) program run under Wine against the project's d3d9.dll:
 * draws through the runtime's state push.  FVF to declaration
 * conversion; DrawPrimitiveUP, DrawIndexedPrimitive and
 * DrawIndexedPrimitiveUP with a program's vs_2_0/ps_2_0; pre-transformed
 * vertices with only a pixel shader; render states, the scissor and
 * constants reaching the driver (also through a state block's Apply);
 * the *UP draws unsetting stream 0; the draws' validation.  Expected
 * colours come from this file's own arithmetic on what it draws.
 * Prints "d3d9-draw: N checks, M failed"; exit status M (77 when the
 * runtime's devices are off: D3DUMD_D3D9_DEVICES=0).
 */

#define COBJMACROS
#define INITGUID
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>
#include <d3d9.h>

static unsigned checks, failures;

#define CHECK(cond, ...)                                                  \
   do {                                                                  \
      checks++;                                                          \
      if (!(cond)) {                                                     \
         failures++;                                                     \
         printf("d3d9-draw: line %d: %s: ", __LINE__, #cond);            \
         printf(__VA_ARGS__);                                            \
         printf("\n");                                                   \
      }                                                                  \
   } while (0)

#define W 64
#define H 48

/* vs_2_0: dcl_position v0; dcl_color v1; mov oPos, v0;
 * mul oD0, v1, c0 */
static const DWORD vs_code[] = {
   0xfffe0200,
   0x0200001f, 0x80000000, 0x900f0000,
   0x0200001f, 0x8000000a, 0x900f0001,
   0x02000001, 0xc00f0000, 0x90e40000,
   0x03000005, 0xd00f0000, 0x90e40001, 0xa0e40000,
   0x0000ffff,
};
/* ps_2_0: dcl v0; mov oC0, v0 */
static const DWORD ps_code[] = {
   0xffff0200,
   0x0200001f, 0x80000000, 0x900f0000,
   0x02000001, 0x800f0800, 0x90e40000,
   0x0000ffff,
};

/* ps_2_0: dcl t0; dcl_2d s0; texld r0, t0, s0; mov oC0, r0 */
static const DWORD ps_tex_code[] = {
   0xffff0200,
   0x0200001f, 0x80000000, 0xb00f0000,
   0x0200001f, 0x90000000, 0xa00f0800,
   0x03000042, 0x800f0000, 0xb0e40000, 0xa0e40800,
   0x02000001, 0x800f0800, 0x80e40000,
   0x0000ffff,
};

struct xyz_color { float x, y, z; DWORD color; };
struct xyzrhw_tex { float x, y, z, rhw, u, v; };
struct xyzrhw_color { float x, y, z, rhw; DWORD color; };

static IDirect3DSurface9 *readback;

/* The back buffer's pixel at (x, y), through GetRenderTargetData. */
static DWORD
pixel(IDirect3DDevice9 *device, unsigned x, unsigned y)
{
   IDirect3DSurface9 *bb = NULL;
   D3DLOCKED_RECT lr;
   DWORD v = 0xdeadbeef;
   if (FAILED(IDirect3DDevice9_GetRenderTarget(device, 0, &bb)))
      return v;
   if (SUCCEEDED(IDirect3DDevice9_GetRenderTargetData(device, bb, readback)) &&
       SUCCEEDED(IDirect3DSurface9_LockRect(readback, &lr, NULL,
                                            D3DLOCK_READONLY))) {
      v = ((const DWORD *)((const BYTE *)lr.pBits + y * lr.Pitch))[x] &
          0x00ffffff;
      IDirect3DSurface9_UnlockRect(readback);
   }
   IDirect3DSurface9_Release(bb);
   return v;
}

static BOOL
color_near(DWORD got, DWORD want)
{
   for (unsigned s = 0; s < 24; s += 8) {
      if (abs((int)((got >> s) & 0xff) - (int)((want >> s) & 0xff)) > 1)
         return FALSE;
   }
   return TRUE;
}

#define CHECK_PIXEL(dev, x, y, want)                                      \
   do {                                                                  \
      DWORD got_ = pixel(dev, x, y);                                     \
      CHECK(color_near(got_, want), "(%u,%u) is %06lx, expected %06lx", x, y,   \
            got_, (DWORD)(want));                                        \
   } while (0)

static void
test_fvf(IDirect3DDevice9 *device)
{
   IDirect3DVertexDeclaration9 *decl = NULL, *again = NULL;
   D3DVERTEXELEMENT9 e[MAXD3DDECLLENGTH + 1];
   UINT n = 0;
   DWORD fvf = 0;

   HRESULT hr = IDirect3DDevice9_SetFVF(device, D3DFVF_XYZ | D3DFVF_DIFFUSE |
                                                D3DFVF_TEX2 |
                                                D3DFVF_TEXCOORDSIZE3(1));
   CHECK(hr == D3D_OK, "SetFVF hr %#lx", hr);
   hr = IDirect3DDevice9_GetVertexDeclaration(device, &decl);
   CHECK(hr == D3D_OK && decl, "GetVertexDeclaration hr %#lx", hr);
   if (!decl)
      return;
   hr = IDirect3DVertexDeclaration9_GetDeclaration(decl, e, &n);
   CHECK(hr == D3D_OK && n == 5, "GetDeclaration hr %#lx, %u elements", hr,
         n);
   if (n == 5) {
      CHECK(e[0].Usage == D3DDECLUSAGE_POSITION &&
            e[0].Type == D3DDECLTYPE_FLOAT3 && e[0].Offset == 0, "position");
      CHECK(e[1].Usage == D3DDECLUSAGE_COLOR &&
            e[1].Type == D3DDECLTYPE_D3DCOLOR && e[1].Offset == 12, "colour");
      CHECK(e[2].Usage == D3DDECLUSAGE_TEXCOORD && e[2].UsageIndex == 0 &&
            e[2].Type == D3DDECLTYPE_FLOAT2 && e[2].Offset == 16, "tex0");
      CHECK(e[3].Usage == D3DDECLUSAGE_TEXCOORD && e[3].UsageIndex == 1 &&
            e[3].Type == D3DDECLTYPE_FLOAT3 && e[3].Offset == 24, "tex1");
      CHECK(e[4].Stream == 0xff, "end");
   }
   hr = IDirect3DDevice9_GetFVF(device, &fvf);
   CHECK(fvf == (D3DFVF_XYZ | D3DFVF_DIFFUSE | D3DFVF_TEX2 |
                 D3DFVF_TEXCOORDSIZE3(1)), "GetFVF %#lx", fvf);
   /* One declaration per FVF. */
   IDirect3DDevice9_SetFVF(device, D3DFVF_XYZRHW);
   IDirect3DDevice9_SetFVF(device, D3DFVF_XYZ | D3DFVF_DIFFUSE | D3DFVF_TEX2 |
                                   D3DFVF_TEXCOORDSIZE3(1));
   IDirect3DDevice9_GetVertexDeclaration(device, &again);
   CHECK(again == decl, "a second declaration %p for the FVF (first %p)",
         again, decl);
   if (again)
      IDirect3DVertexDeclaration9_Release(again);
   /* A program's declaration answers GetFVF only as a lone position. */
   IDirect3DVertexDeclaration9 *own = NULL;
   hr = IDirect3DDevice9_CreateVertexDeclaration(device, e, &own);
   CHECK(hr == D3D_OK && own, "CreateVertexDeclaration hr %#lx", hr);
   if (own) {
      IDirect3DDevice9_SetVertexDeclaration(device, own);
      IDirect3DDevice9_GetFVF(device, &fvf);
      CHECK(fvf == 0, "GetFVF of a general declaration %#lx", fvf);
      IDirect3DVertexDeclaration9_Release(own);
   }
   const D3DVERTEXELEMENT9 lone[] = {
      { 0, 0, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_POSITIONT, 0 },
      D3DDECL_END(),
   };
   hr = IDirect3DDevice9_CreateVertexDeclaration(device, lone, &own);
   if (own) {
      IDirect3DDevice9_SetVertexDeclaration(device, own);
      IDirect3DDevice9_GetFVF(device, &fvf);
      CHECK(fvf == D3DFVF_XYZRHW, "GetFVF of a POSITIONT declaration %#lx",
            fvf);
      IDirect3DVertexDeclaration9_Release(own);
   }
   IDirect3DVertexDeclaration9_Release(decl);
}

/* ProcessVertices with identity transforms: the viewport mapping
 * x' = (1 + x) * W / 2, y' = (1 - y) * H / 2, z' = z, rhw 1; the diffuse
 * colour copied. */
static void
test_process_vertices(IDirect3DDevice9 *device)
{
   const struct xyz_color src[2] = {
      { -1.0f, 1.0f, 0.25f, 0x80112233 }, { 0.5f, -0.5f, 0.75f, 0xff445566 },
   };
   IDirect3DVertexBuffer9 *vb = NULL, *out = NULL;
   void *p;
   HRESULT hr = IDirect3DDevice9_CreateVertexBuffer(
      device, sizeof(src), 0, 0, D3DPOOL_SYSTEMMEM, &vb, NULL);
   CHECK(hr == D3D_OK, "CreateVertexBuffer hr %#lx", hr);
   hr = IDirect3DDevice9_CreateVertexBuffer(
      device, 3 * sizeof(struct xyzrhw_color), 0,
      D3DFVF_XYZRHW | D3DFVF_DIFFUSE, D3DPOOL_SYSTEMMEM, &out, NULL);
   CHECK(hr == D3D_OK, "CreateVertexBuffer hr %#lx", hr);
   if (!vb || !out)
      return;
   IDirect3DVertexBuffer9_Lock(vb, 0, 0, &p, 0);
   memcpy(p, src, sizeof(src));
   IDirect3DVertexBuffer9_Unlock(vb);
   IDirect3DDevice9_SetFVF(device, D3DFVF_XYZ | D3DFVF_DIFFUSE);
   IDirect3DDevice9_SetStreamSource(device, 0, vb, 0, sizeof(src[0]));
   hr = IDirect3DDevice9_ProcessVertices(device, 0, 1, 2, out, NULL, 0);
   CHECK(hr == D3D_OK, "ProcessVertices hr %#lx", hr);
   hr = IDirect3DDevice9_ProcessVertices(device, 0, 0, 2, NULL, NULL, 0);
   CHECK(hr == D3DERR_INVALIDCALL, "ProcessVertices to NULL hr %#lx", hr);
   struct xyzrhw_color *t;
   IDirect3DVertexBuffer9_Lock(out, 0, 0, (void **)&t, D3DLOCK_READONLY);
   CHECK(t[1].x == 0.0f && t[1].y == 0.0f && t[1].z == 0.25f &&
         t[1].rhw == 1.0f && t[1].color == 0x80112233,
         "vertex 0 {%g %g %g %g} %#lx", t[1].x, t[1].y, t[1].z, t[1].rhw,
         t[1].color);
   CHECK(t[2].x == 0.75f * W && t[2].y == 0.75f * H && t[2].z == 0.75f &&
         t[2].color == 0xff445566, "vertex 1 {%g %g %g %g} %#lx", t[2].x,
         t[2].y, t[2].z, t[2].rhw, t[2].color);
   IDirect3DVertexBuffer9_Unlock(out);
   IDirect3DDevice9_SetStreamSource(device, 0, NULL, 0, 0);
   IDirect3DVertexBuffer9_Release(vb);
   IDirect3DVertexBuffer9_Release(out);
}

static void
fill_texture(IDirect3DTexture9 *t, DWORD color)
{
   D3DLOCKED_RECT lr;
   HRESULT hr = IDirect3DTexture9_LockRect(t, 0, &lr, NULL, 0);
   CHECK(hr == D3D_OK, "LockRect hr %#lx", hr);
   if (FAILED(hr))
      return;
   for (unsigned y = 0; y < 4; y++)
      for (unsigned x = 0; x < 4; x++)
         ((DWORD *)((BYTE *)lr.pBits + y * lr.Pitch))[x] = color;
   IDirect3DTexture9_UnlockRect(t, 0);
}

/* The managed pool: what a lock wrote is what the next draw samples,
 * also after the texture was drawn with other contents. */
static void
test_managed_texture(IDirect3DDevice9 *device)
{
   IDirect3DTexture9 *t = NULL;
   IDirect3DPixelShader9 *ps = NULL;
   HRESULT hr = IDirect3DDevice9_CreateTexture(device, 4, 4, 1, 0,
                                               D3DFMT_A8R8G8B8,
                                               D3DPOOL_MANAGED, &t, NULL);
   CHECK(hr == D3D_OK, "CreateTexture (managed) hr %#lx", hr);
   hr = IDirect3DDevice9_CreatePixelShader(device, ps_tex_code, &ps);
   CHECK(hr == D3D_OK, "CreatePixelShader hr %#lx", hr);
   if (!t || !ps)
      return;
   const struct xyzrhw_tex q[4] = {
      { -0.5f, -0.5f, 0.5f, 1.0f, 0.0f, 0.0f },
      { W - 0.5f, -0.5f, 0.5f, 1.0f, 1.0f, 0.0f },
      { -0.5f, H - 0.5f, 0.5f, 1.0f, 0.0f, 1.0f },
      { W - 0.5f, H - 0.5f, 0.5f, 1.0f, 1.0f, 1.0f },
   };
   IDirect3DDevice9_SetVertexShader(device, NULL);
   IDirect3DDevice9_SetPixelShader(device, ps);
   IDirect3DDevice9_SetFVF(device, D3DFVF_XYZRHW | D3DFVF_TEX1);
   IDirect3DDevice9_SetTexture(device, 0, (IDirect3DBaseTexture9 *)t);
   const DWORD colors[3] = { 0xff2040c0, 0xffc08020, 0xff10f010 };
   for (unsigned i = 0; i < 3; i++) {
      fill_texture(t, colors[i]);
      IDirect3DDevice9_BeginScene(device);
      hr = IDirect3DDevice9_DrawPrimitiveUP(device, D3DPT_TRIANGLESTRIP, 2, q,
                                            sizeof(q[0]));
      CHECK(hr == D3D_OK, "DrawPrimitiveUP hr %#lx", hr);
      IDirect3DDevice9_EndScene(device);
      CHECK_PIXEL(device, W / 2, H / 2, colors[i] & 0xffffff);
   }
   IDirect3DDevice9_SetTexture(device, 0, NULL);
   IDirect3DDevice9_SetPixelShader(device, NULL);
   IDirect3DPixelShader9_Release(ps);
   IDirect3DTexture9_Release(t);
}

/* A managed vertex buffer: rewritten between draws, each draw reads what
 * was last written. */
static void
test_managed_buffer(IDirect3DDevice9 *device, IDirect3DPixelShader9 *ps)
{
   IDirect3DVertexBuffer9 *vb = NULL;
   HRESULT hr = IDirect3DDevice9_CreateVertexBuffer(
      device, 4 * sizeof(struct xyzrhw_color), 0,
      D3DFVF_XYZRHW | D3DFVF_DIFFUSE, D3DPOOL_MANAGED, &vb, NULL);
   CHECK(hr == D3D_OK, "CreateVertexBuffer (managed) hr %#lx", hr);
   if (!vb)
      return;
   IDirect3DDevice9_SetVertexShader(device, NULL);
   IDirect3DDevice9_SetPixelShader(device, ps);
   IDirect3DDevice9_SetFVF(device, D3DFVF_XYZRHW | D3DFVF_DIFFUSE);
   IDirect3DDevice9_SetStreamSource(device, 0, vb, 0,
                                    sizeof(struct xyzrhw_color));
   const DWORD colors[2] = { 0xff336699, 0xff996633 };
   for (unsigned i = 0; i < 2; i++) {
      struct xyzrhw_color *v;
      hr = IDirect3DVertexBuffer9_Lock(vb, 0, 0, (void **)&v, 0);
      CHECK(hr == D3D_OK, "Lock hr %#lx", hr);
      if (FAILED(hr))
         break;
      v[0] = (struct xyzrhw_color){ -0.5f, -0.5f, 0.5f, 1.0f, colors[i] };
      v[1] = (struct xyzrhw_color){ W - 0.5f, -0.5f, 0.5f, 1.0f, colors[i] };
      v[2] = (struct xyzrhw_color){ -0.5f, H - 0.5f, 0.5f, 1.0f, colors[i] };
      v[3] = (struct xyzrhw_color){ W - 0.5f, H - 0.5f, 0.5f, 1.0f,
                                    colors[i] };
      IDirect3DVertexBuffer9_Unlock(vb);
      IDirect3DDevice9_BeginScene(device);
      hr = IDirect3DDevice9_DrawPrimitive(device, D3DPT_TRIANGLESTRIP, 0, 2);
      CHECK(hr == D3D_OK, "DrawPrimitive hr %#lx", hr);
      IDirect3DDevice9_EndScene(device);
      CHECK_PIXEL(device, W / 2, H / 2, colors[i] & 0xffffff);
   }
   IDirect3DDevice9_SetStreamSource(device, 0, NULL, 0, 0);
   IDirect3DVertexBuffer9_Release(vb);
}

int
main(void)
{
   HWND window = CreateWindowA("static", "d3d9-draw", WS_POPUP | WS_VISIBLE,
                               0, 0, W, H, NULL, NULL, NULL, NULL);
   IDirect3D9 *d3d = Direct3DCreate9(D3D_SDK_VERSION);
   CHECK(window && d3d, "window %p d3d %p", window, d3d);
   if (!window || !d3d)
      return 1;
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
   if (hr == D3DERR_NOTAVAILABLE) {
      printf("d3d9-draw: skip: no devices (D3DUMD_D3D9_DEVICES=0 turns them off)\n");
      return 77;
   }
   CHECK(hr == D3D_OK && device, "CreateDevice hr %#lx", hr);
   if (!device)
      return 1;
   hr = IDirect3DDevice9_CreateOffscreenPlainSurface(
      device, W, H, D3DFMT_X8R8G8B8, D3DPOOL_SYSTEMMEM, &readback, NULL);
   CHECK(hr == D3D_OK, "CreateOffscreenPlainSurface hr %#lx", hr);
   if (!readback)
      return 1;

   test_fvf(device);
   test_process_vertices(device);
   test_managed_texture(device);

   IDirect3DVertexShader9 *vs = NULL;
   IDirect3DPixelShader9 *ps = NULL;
   hr = IDirect3DDevice9_CreateVertexShader(device, vs_code, &vs);
   CHECK(hr == D3D_OK, "CreateVertexShader hr %#lx", hr);
   hr = IDirect3DDevice9_CreatePixelShader(device, ps_code, &ps);
   CHECK(hr == D3D_OK, "CreatePixelShader hr %#lx", hr);
   if (!vs || !ps)
      return 1;

   /* Validation: no declaration, no indices, a zero stride. */
   IDirect3DDevice9_SetVertexDeclaration(device, NULL);
   hr = IDirect3DDevice9_DrawPrimitive(device, D3DPT_TRIANGLELIST, 0, 1);
   CHECK(hr == D3DERR_INVALIDCALL, "DrawPrimitive without a declaration "
         "hr %#lx", hr);
   IDirect3DDevice9_SetFVF(device, D3DFVF_XYZ | D3DFVF_DIFFUSE);
   hr = IDirect3DDevice9_DrawIndexedPrimitive(device, D3DPT_TRIANGLELIST, 0,
                                              0, 3, 0, 1);
   CHECK(hr == D3DERR_INVALIDCALL, "DrawIndexedPrimitive without indices "
         "hr %#lx", hr);
   struct xyz_color quad[4] = {
      { -1.0f, -1.0f, 0.5f, 0xffffffff }, { -1.0f, 1.0f, 0.5f, 0xffffffff },
      { 1.0f, -1.0f, 0.5f, 0xffffffff }, { 1.0f, 1.0f, 0.5f, 0xffffffff },
   };
   hr = IDirect3DDevice9_DrawPrimitiveUP(device, D3DPT_TRIANGLESTRIP, 2, quad,
                                         0);
   CHECK(hr == D3DERR_INVALIDCALL, "DrawPrimitiveUP stride 0 hr %#lx", hr);

   IDirect3DDevice9_SetRenderState(device, D3DRS_LIGHTING, FALSE);
   IDirect3DDevice9_SetRenderState(device, D3DRS_CULLMODE, D3DCULL_NONE);
   IDirect3DDevice9_SetRenderState(device, D3DRS_ZENABLE, D3DZB_FALSE);
   IDirect3DDevice9_SetVertexShader(device, vs);
   IDirect3DDevice9_SetPixelShader(device, ps);

   /* A full quad: colour = vertex white x c0. */
   const float c0[4] = { 1.0f, 0.5f, 0.0f, 1.0f };
   IDirect3DDevice9_SetVertexShaderConstantF(device, 0, c0, 1);
   IDirect3DDevice9_Clear(device, 0, NULL, D3DCLEAR_TARGET, 0xff000000, 1.0f,
                          0);
   IDirect3DDevice9_BeginScene(device);
   hr = IDirect3DDevice9_DrawPrimitiveUP(device, D3DPT_TRIANGLESTRIP, 2, quad,
                                         sizeof(quad[0]));
   CHECK(hr == D3D_OK, "DrawPrimitiveUP hr %#lx", hr);
   IDirect3DDevice9_EndScene(device);
   CHECK_PIXEL(device, 1, 1, 0xff8000);
   CHECK_PIXEL(device, W - 2, H - 2, 0xff8000);
   IDirect3DVertexBuffer9 *got = (void *)1;
   UINT offset = 1, stride = 1;
   IDirect3DDevice9_GetStreamSource(device, 0, &got, &offset, &stride);
   CHECK(got == NULL, "stream 0 after DrawPrimitiveUP: %p", got);

   /* The scissor and a render state reach the driver before the draw. */
   const float c1[4] = { 0.0f, 1.0f, 0.0f, 1.0f };
   IDirect3DDevice9_SetVertexShaderConstantF(device, 0, c1, 1);
   RECT scissor = { 0, 0, W / 2, H };
   IDirect3DDevice9_SetScissorRect(device, &scissor);
   IDirect3DDevice9_SetRenderState(device, D3DRS_SCISSORTESTENABLE, TRUE);
   IDirect3DDevice9_BeginScene(device);
   IDirect3DDevice9_DrawPrimitiveUP(device, D3DPT_TRIANGLESTRIP, 2, quad,
                                    sizeof(quad[0]));
   IDirect3DDevice9_EndScene(device);
   IDirect3DDevice9_SetRenderState(device, D3DRS_SCISSORTESTENABLE, FALSE);
   CHECK_PIXEL(device, 1, 1, 0x00ff00);
   CHECK_PIXEL(device, W - 2, 1, 0xff8000);

   /* Vertex and index buffers: the left half in blue. */
   IDirect3DVertexBuffer9 *vb = NULL;
   IDirect3DIndexBuffer9 *ib = NULL;
   hr = IDirect3DDevice9_CreateVertexBuffer(device, sizeof(quad), 0, 0,
                                            D3DPOOL_DEFAULT, &vb, NULL);
   CHECK(hr == D3D_OK, "CreateVertexBuffer hr %#lx", hr);
   hr = IDirect3DDevice9_CreateIndexBuffer(device, 6 * sizeof(WORD), 0,
                                           D3DFMT_INDEX16, D3DPOOL_DEFAULT,
                                           &ib, NULL);
   CHECK(hr == D3D_OK, "CreateIndexBuffer hr %#lx", hr);
   if (!vb || !ib)
      return 1;
   struct xyz_color *v;
   IDirect3DVertexBuffer9_Lock(vb, 0, 0, (void **)&v, 0);
   v[0] = (struct xyz_color){ -1.0f, -1.0f, 0.5f, 0xff0000ff };
   v[1] = (struct xyz_color){ -1.0f, 1.0f, 0.5f, 0xff0000ff };
   v[2] = (struct xyz_color){ 0.0f, -1.0f, 0.5f, 0xff0000ff };
   v[3] = (struct xyz_color){ 0.0f, 1.0f, 0.5f, 0xff0000ff };
   IDirect3DVertexBuffer9_Unlock(vb);
   WORD *idx;
   IDirect3DIndexBuffer9_Lock(ib, 0, 0, (void **)&idx, 0);
   const WORD tri[6] = { 0, 1, 2, 2, 1, 3 };
   memcpy(idx, tri, sizeof(tri));
   IDirect3DIndexBuffer9_Unlock(ib);
   const float white[4] = { 1.0f, 1.0f, 1.0f, 1.0f };
   IDirect3DDevice9_SetVertexShaderConstantF(device, 0, white, 1);
   IDirect3DDevice9_SetStreamSource(device, 0, vb, 0, sizeof(quad[0]));
   IDirect3DDevice9_SetIndices(device, ib);
   IDirect3DDevice9_Clear(device, 0, NULL, D3DCLEAR_TARGET, 0xff000000, 1.0f,
                          0);
   IDirect3DDevice9_BeginScene(device);
   hr = IDirect3DDevice9_DrawIndexedPrimitive(device, D3DPT_TRIANGLELIST, 0, 0,
                                              4, 0, 2);
   CHECK(hr == D3D_OK, "DrawIndexedPrimitive hr %#lx", hr);
   IDirect3DDevice9_EndScene(device);
   CHECK_PIXEL(device, 1, H / 2, 0x0000ff);
   CHECK_PIXEL(device, W - 2, H / 2, 0x000000);

   /* DrawIndexedPrimitiveUP, with c0 from a state block's Apply. */
   const float red[4] = { 1.0f, 0.0f, 0.0f, 1.0f };
   IDirect3DStateBlock9 *sb = NULL;
   IDirect3DDevice9_BeginStateBlock(device);
   IDirect3DDevice9_SetVertexShaderConstantF(device, 0, red, 1);
   IDirect3DDevice9_EndStateBlock(device, &sb);
   CHECK(sb != NULL, "EndStateBlock");
   if (sb) {
      IDirect3DStateBlock9_Apply(sb);
      IDirect3DStateBlock9_Release(sb);
   }
   const WORD tri32[6] = { 0, 1, 2, 2, 1, 3 };
   IDirect3DDevice9_BeginScene(device);
   hr = IDirect3DDevice9_DrawIndexedPrimitiveUP(device, D3DPT_TRIANGLELIST, 0,
                                                4, 2, tri32, D3DFMT_INDEX16,
                                                quad, sizeof(quad[0]));
   CHECK(hr == D3D_OK, "DrawIndexedPrimitiveUP hr %#lx", hr);
   IDirect3DDevice9_EndScene(device);
   CHECK_PIXEL(device, 1, H / 2, 0xff0000);
   CHECK_PIXEL(device, W - 2, H / 2, 0xff0000);
   IDirect3DIndexBuffer9 *got_ib = (void *)1;
   IDirect3DDevice9_GetIndices(device, &got_ib);
   CHECK(got_ib == NULL, "indices after DrawIndexedPrimitiveUP: %p", got_ib);

   /* Pre-transformed vertices with the program's pixel shader only: the
    * right half in yellow (pixel centres at integers: x 32..63). */
   IDirect3DDevice9_SetVertexShader(device, NULL);
   IDirect3DDevice9_SetFVF(device, D3DFVF_XYZRHW | D3DFVF_DIFFUSE);
   struct xyzrhw_color t[4] = {
      { W / 2 - 0.5f, -0.5f, 0.5f, 1.0f, 0xffffff00 },
      { W - 0.5f, -0.5f, 0.5f, 1.0f, 0xffffff00 },
      { W / 2 - 0.5f, H - 0.5f, 0.5f, 1.0f, 0xffffff00 },
      { W - 0.5f, H - 0.5f, 0.5f, 1.0f, 0xffffff00 },
   };
   IDirect3DDevice9_BeginScene(device);
   hr = IDirect3DDevice9_DrawPrimitiveUP(device, D3DPT_TRIANGLESTRIP, 2, t,
                                         sizeof(t[0]));
   CHECK(hr == D3D_OK, "DrawPrimitiveUP (XYZRHW) hr %#lx", hr);
   IDirect3DDevice9_EndScene(device);
   CHECK_PIXEL(device, W / 2 - 1, H / 2, 0xff0000);
   CHECK_PIXEL(device, W / 2, H / 2, 0xffff00);
   CHECK_PIXEL(device, W - 1, H - 1, 0xffff00);

   test_managed_buffer(device, ps);

   IDirect3DDevice9_SetStreamSource(device, 0, NULL, 0, 0);
   IDirect3DDevice9_SetIndices(device, NULL);
   IDirect3DDevice9_SetPixelShader(device, NULL);
   IDirect3DVertexBuffer9_Release(vb);
   IDirect3DIndexBuffer9_Release(ib);
   IDirect3DVertexShader9_Release(vs);
   IDirect3DPixelShader9_Release(ps);
   IDirect3DSurface9_Release(readback);
   ULONG left = IDirect3DDevice9_Release(device);
   CHECK(left == 0, "device has %lu references left", left);
   IDirect3D9_Release(d3d);
   DestroyWindow(window);
   printf("d3d9-draw: %u checks, %u failed\n", checks, failures);
   return failures;
}

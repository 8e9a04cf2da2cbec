/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-render-draw: draws through the DDI with vs_2_0/ps_2_0 and
 * vs_3_0/ps_3_0 bytecode, checked against the test's own reference:
 *  - D3D9's rasterisation (pixel centres on integer coordinates,
 *    clockwise front faces, the cull modes);
 *  - every D3DDECLTYPE, converted on the CPU;
 *  - the primitive types, indexed draws with a base vertex, 16- and
 *    32-bit indices, vertices and indices in user memory;
 *  - vs_3_0 -> ps_3_0 linkage by usage, in a different register order on
 *    each side;
 *  - constants: def, relative addressing, out-of-range reads (zero);
 *  - blending, colour write masks, depth and stencil;
 *  - 2D texturing with point filtering and D3D9's texel alignment;
 *  - bad input: draws without a shader or declaration, invalid types.
 */

#include "render_util.h"

#define W 64
#define H 64

static struct rt_device *dev;
static HANDLE rt, frt;  /* A8R8G8B8 and A32B32G32R32F targets */

static uint32_t img[W * H];
static float fimg[W * H * 4];


static HANDLE decl_pos_t0, vs, ps_color, ps_tc, ps_sample;


static void
use(HANDLE decl, HANDLE v, HANDLE p)
{
   CHECK_HR(dev->funcs.pfnSetVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, v), S_OK);
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, p), S_OK);
}

static void
start(HANDLE target, uint32_t color)
{
   set_target(dev, 0, target);
   set_viewport(dev, 0, 0, W, H);
   set_rs(dev, D3DRS_CULLMODE, D3DCULL_NONE);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, color, 1.0f,
                  0, 0, NULL), S_OK);
}

/* A quad (two triangles, clockwise on screen) from (x0, y0) to (x1, y1) in
 * screen coordinates, in user memory. */
static void
quad_um(float x0, float y0, float x1, float y1, float z, const float *t)
{
   const struct vtx v[6] = {
      sv(x0, y0, z, t[0], t[1], t[2], t[3]),
      sv(x1, y0, z, t[0], t[1], t[2], t[3]),
      sv(x0, y1, z, t[0], t[1], t[2], t[3]),
      sv(x1, y0, z, t[0], t[1], t[2], t[3]),
      sv(x1, y1, z, t[0], t[1], t[2], t[3]),
      sv(x0, y1, z, t[0], t[1], t[2], t[3]),
   };
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, v), S_OK);
   CHECK_HR(draw(dev, D3DPT_TRIANGLELIST, 0, 2), S_OK);
}

static void
ps_color_const(float r, float g, float b, float a)
{
   const float c[4] = { r, g, b, a };
   set_ps_const(dev, 0, c, 1);
}

/* Pixels of the 32-bit target that are not `in` inside [x0,x1)x[y0,y1)
 * and `out` elsewhere. */
static unsigned
count_bad_rect(int x0, int y0, int x1, int y1, uint32_t in, uint32_t out)
{
   unsigned bad = 0;
   read_pixels(dev, rt, W, H, img);
   for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
         const bool inside = x >= x0 && x < x1 && y >= y0 && y < y1;
         const uint32_t e = inside ? in : out;
         if (img[y * W + x] != e && bad++ < 4)
            printf("  pixel (%d,%d): 0x%08x, expected 0x%08x\n", x, y,
                   img[y * W + x], e);
      }
   }
   return bad;
}

static void triangle_um(float x, float y, bool clockwise);

static void
pixel_centres(void)
{
   start(rt, 0xff000000);
   use(decl_pos_t0, vs, ps_color);
   ps_color_const(1, 1, 1, 1);
   /* Edges at .25: D3D9's centres (integers) inside are 1..10; Gallium's
    * or GL's (half-integers) would be 0..9. */
   const float t[4] = { 0 };
   quad_um(0.25f, 0.25f, 10.25f, 10.25f, 0.5f, t);
   CHECK(count_bad_rect(1, 1, 11, 11, 0xffffffff, 0xff000000) == 0);
}

/* Edges through pixel centres: D3D9's top-left rule takes the pixels on
 * the left and top edges, not those on the right and bottom ones, on
 * every driver (softpipe's own rule for ties is another; the frontend's
 * viewport offset decides them before the rasteriser sees a tie). */
static void
top_left_rule(void)
{
   start(rt, 0xff000000);
   use(decl_pos_t0, vs, ps_color);
   ps_color_const(1, 1, 1, 1);
   const float t[4] = { 0 };
   quad_um(20, 5, 30, 15, 0.5f, t);
   CHECK(count_bad_rect(20, 5, 30, 15, 0xffffffff, 0xff000000) == 0);
}

/* One triangle (x, y) .. clockwise or not on screen. */
static void
triangle_um(float x, float y, bool clockwise)
{
   const struct vtx a = sv(x, y, 0.5f, 0, 0, 0, 0);
   const struct vtx b = sv(x + 10, y, 0.5f, 0, 0, 0, 0);
   const struct vtx c = sv(x, y + 10, 0.5f, 0, 0, 0, 0);
   const struct vtx v[3] = { a, clockwise ? b : c, clockwise ? c : b };
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, v), S_OK);
   CHECK_HR(draw(dev, D3DPT_TRIANGLELIST, 0, 1), S_OK);
}

static void
cull_modes(void)
{
   static const struct { DWORD mode; bool cw, ccw; } cases[] = {
      { D3DCULL_NONE, true, true },
      { D3DCULL_CCW, true, false },   /* the default: CCW culled */
      { D3DCULL_CW, false, true },
   };
   use(decl_pos_t0, vs, ps_color);
   for (unsigned i = 0; i < 3; i++) {
      start(rt, 0xff000000);
      ps_color_const(1, 1, 1, 1);
      set_rs(dev, D3DRS_CULLMODE, cases[i].mode);
      triangle_um(2, 2, true);
      triangle_um(32, 2, false);
      read_pixels(dev, rt, W, H, img);
      /* (3, 3) lies inside both triangles' shapes. */
      CHECK((img[3 * W + 3] == 0xffffffff) == cases[i].cw);
      CHECK((img[3 * W + 33] == 0xffffffff) == cases[i].ccw);
   }
   set_rs(dev, D3DRS_CULLMODE, D3DCULL_NONE);
}

static float
half_to_float(uint16_t h)
{
   const int e = (h >> 10) & 0x1f, m = h & 0x3ff;
   const float s = (h & 0x8000) ? -1.0f : 1.0f;
   if (e == 0)
      return s * ldexpf((float)m, -24);
   return s * ldexpf((float)(m | 0x400), e - 25);
}

/* Every declaration type, fed to oT0 and written to a float target; the
 * expected value is the CPU's reading of the same bytes. */
static void
decl_types(void)
{
   const uint8_t bytes[8] = { 0x10, 0x80, 0xf0, 0x33, 0x01, 0x7f, 0x02, 0x00 };
   const int16_t shorts[4] = { 1200, -300, 32767, -32767 };
   const uint16_t ushorts[4] = { 0, 65535, 32768, 1000 };
   const uint32_t dec3 = (100u) | (900u << 10) | (0x201u << 20); /* z: -511 */
   const uint16_t halves[4] = { 0x3c00, 0xc000, 0x3555, 0x7bff };
   const float floats[4] = { 0.5f, -2.0f, 3.25f, 100.0f };
   struct { unsigned type; const void *data; float expect[4]; } cases[17];
   unsigned n = 0;
#define CASE(t, d, x, y, z, w) \
   cases[n++] = (__typeof__(cases[0])){ t, d, { x, y, z, w } }
   CASE(D3DDECLTYPE_FLOAT1, floats, 0.5f, 0, 0, 1);
   CASE(D3DDECLTYPE_FLOAT2, floats, 0.5f, -2.0f, 0, 1);
   CASE(D3DDECLTYPE_FLOAT3, floats, 0.5f, -2.0f, 3.25f, 1);
   CASE(D3DDECLTYPE_FLOAT4, floats, 0.5f, -2.0f, 3.25f, 100.0f);
   CASE(D3DDECLTYPE_D3DCOLOR, bytes, 0xf0 / 255.0f, 0x80 / 255.0f,
        0x10 / 255.0f, 0x33 / 255.0f);
   CASE(D3DDECLTYPE_UBYTE4, bytes, 16, 128, 240, 51);
   CASE(D3DDECLTYPE_SHORT2, shorts, 1200, -300, 0, 1);
   CASE(D3DDECLTYPE_SHORT4, shorts, 1200, -300, 32767, -32767);
   CASE(D3DDECLTYPE_UBYTE4N, bytes, 16 / 255.0f, 128 / 255.0f, 240 / 255.0f,
        51 / 255.0f);
   CASE(D3DDECLTYPE_SHORT2N, shorts, 1200 / 32767.0f, -300 / 32767.0f, 0, 1);
   CASE(D3DDECLTYPE_SHORT4N, shorts, 1200 / 32767.0f, -300 / 32767.0f, 1, -1);
   CASE(D3DDECLTYPE_USHORT2N, ushorts, 0, 1, 0, 1);
   CASE(D3DDECLTYPE_USHORT4N, ushorts, 0, 1, 32768 / 65535.0f,
        1000 / 65535.0f);
   CASE(D3DDECLTYPE_UDEC3, &dec3, 100, 900, 513, 1);
   CASE(D3DDECLTYPE_DEC3N, &dec3, 100 / 511.0f, -124 / 511.0f, -1.0f, 1);
   CASE(D3DDECLTYPE_FLOAT16_2, halves, 1.0f, -2.0f, 0, 1);
   CASE(D3DDECLTYPE_FLOAT16_4, halves, 1.0f, -2.0f, half_to_float(0x3555),
        65504.0f);
#undef CASE

   start(frt, 0);
   HANDLE decls[17];
   for (unsigned i = 0; i < n; i++) {
      const D3DDDIVERTEXELEMENT e[2] = {
         { 0, 0, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_POSITION, 0 },
         { 1, 0, (UCHAR)cases[i].type, 0, D3DDECLUSAGE_TEXCOORD, 0 },
      };
      decls[i] = vertex_decl(dev, e, 2);
      use(decls[i], vs, ps_tc);
      /* One point on pixel (i, 0). */
      const struct vtx p = sv((float)i, 0, 0.5f, 0, 0, 0, 0);
      D3DDDIARG_SETSTREAMSOURCEUM um0 = { 0, sizeof(struct vtx) };
      CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um0, &p), S_OK);
      D3DDDIARG_SETSTREAMSOURCEUM um1 = { 1, 16 };
      CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um1,
                                               cases[i].data), S_OK);
      CHECK_HR(draw(dev, D3DPT_POINTLIST, 0, 1), S_OK);
   }
   read_floats(dev, frt, W, H, fimg);
   for (unsigned i = 0; i < n; i++) {
      const float *got = &fimg[i * 4];
      bool ok = true;
      for (unsigned c = 0; c < 4; c++)
         ok &= fabsf(got[c] - cases[i].expect[c]) <=
               1e-3f * MAX2(1.0f, fabsf(cases[i].expect[c]));
      if (!ok)
         printf("  type %u: (%g %g %g %g), expected (%g %g %g %g)\n",
                cases[i].type, got[0], got[1], got[2], got[3],
                cases[i].expect[0], cases[i].expect[1], cases[i].expect[2],
                cases[i].expect[3]);
      CHECK(ok);
   }
   CHECK_HR(dev->funcs.pfnSetVertexShaderDecl(dev->hDevice, decl_pos_t0),
            S_OK);
   for (unsigned i = 0; i < n; i++)
      CHECK_HR(dev->funcs.pfnDeleteVertexShaderDecl(dev->hDevice, decls[i]),
               S_OK);
}

static void
primitive_types(void)
{
   use(decl_pos_t0, vs, ps_color);
   start(rt, 0xff000000);
   ps_color_const(1, 1, 1, 1);
   const struct vtx v[] = {
      /* points */
      sv(1, 1, 0.5f, 0, 0, 0, 0), sv(5, 2, 0.5f, 0, 0, 0, 0),
      sv(9, 3, 0.5f, 0, 0, 0, 0),
      /* a strip quad over pixels [20,30)x[2,8) (edges between centres) */
      sv(19.5f, 1.5f, 0.5f, 0, 0, 0, 0), sv(29.5f, 1.5f, 0.5f, 0, 0, 0, 0),
      sv(19.5f, 7.5f, 0.5f, 0, 0, 0, 0), sv(29.5f, 7.5f, 0.5f, 0, 0, 0, 0),
      /* a fan quad over [40,50)x[2,8) */
      sv(39.5f, 1.5f, 0.5f, 0, 0, 0, 0), sv(49.5f, 1.5f, 0.5f, 0, 0, 0, 0),
      sv(49.5f, 7.5f, 0.5f, 0, 0, 0, 0), sv(39.5f, 7.5f, 0.5f, 0, 0, 0, 0),
      /* a horizontal line on row 20 */
      sv(2, 20, 0.5f, 0, 0, 0, 0), sv(12, 20, 0.5f, 0, 0, 0, 0),
   };
   HANDLE vb = buffer_with(dev, v, sizeof(v), false, false);
   set_stream(dev, 0, vb, 0, sizeof(struct vtx));
   CHECK_HR(draw(dev, D3DPT_POINTLIST, 0, 3), S_OK);
   CHECK_HR(draw(dev, D3DPT_TRIANGLESTRIP, 3, 2), S_OK);
   CHECK_HR(draw(dev, D3DPT_TRIANGLEFAN, 7, 2), S_OK);
   CHECK_HR(draw(dev, D3DPT_LINELIST, 11, 1), S_OK);
   read_pixels(dev, rt, W, H, img);
   unsigned bad = 0, lit = 0;
   for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
         const bool white = img[y * W + x] == 0xffffffff;
         lit += white;
         bool expect;
         if ((x == 1 && y == 1) || (x == 5 && y == 2) || (x == 9 && y == 3))
            expect = true;
         else if (x >= 20 && x < 30 && y >= 2 && y < 8)
            expect = true;
         else if (x >= 40 && x < 50 && y >= 2 && y < 8)
            expect = true;
         else if (y == 20 && x >= 3 && x <= 10)
            expect = true;      /* the line's inner pixels */
         else if (y == 20 && (x == 2 || x == 11 || x == 12))
            continue;           /* its ends: the last-pixel rule */
         else
            expect = false;
         if (white != expect && bad++ < 4)
            printf("  pixel (%d,%d) %s\n", x, y, white ? "lit" : "unlit");
      }
   }
   CHECK(bad == 0);
   CHECK(lit >= 3 + 60 + 60 + 8);
   set_stream(dev, 0, NULL, 0, 0);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
}

static void
indexed(void)
{
   use(decl_pos_t0, vs, ps_color);
   start(rt, 0xff000000);
   ps_color_const(0, 1, 0, 1);
   struct vtx v[8];
   for (unsigned i = 0; i < 4; i++)
      v[i] = sv(0, 0, 0.5f, 0, 0, 0, 0);    /* never referenced */
   /* Edges half way between pixel centres: pixels 4..13 covered on
    * every rasteriser, whatever its rule for edges through centres. */
   v[4] = sv(3.5f, 3.5f, 0.5f, 0, 0, 0, 0);
   v[5] = sv(13.5f, 3.5f, 0.5f, 0, 0, 0, 0);
   v[6] = sv(3.5f, 13.5f, 0.5f, 0, 0, 0, 0);
   v[7] = sv(13.5f, 13.5f, 0.5f, 0, 0, 0, 0);
   HANDLE vb = buffer_with(dev, v, sizeof(v), false, false);
   const uint16_t i16[6] = { 9, 9, 0, 1, 2, 1 };     /* from index 2 */
   const uint32_t i32[4] = { 0, 1, 3, 2 };
   HANDLE ib16 = buffer_with(dev, i16, sizeof(i16), true, false);
   HANDLE ib32 = buffer_with(dev, i32, sizeof(i32), true, false);
   set_stream(dev, 0, vb, 0, sizeof(struct vtx));

   /* 16-bit indices 0 1 2 | 1 3 2 with base vertex 4, from StartIndex 2;
    * the second triangle from 32-bit indices. */
   D3DDDIARG_SETINDICES si = { ib16, 2 };
   CHECK_HR(dev->funcs.pfnSetIndices(dev->hDevice, &si), S_OK);
   D3DDDIARG_DRAWINDEXEDPRIMITIVE d = { D3DPT_TRIANGLELIST, 4, 0, 4, 2, 1 };
   CHECK_HR(dev->funcs.pfnDrawIndexedPrimitive(dev->hDevice, &d), S_OK);
   si.hIndexBuffer = ib32;
   si.Stride = 4;
   CHECK_HR(dev->funcs.pfnSetIndices(dev->hDevice, &si), S_OK);
   D3DDDIARG_DRAWINDEXEDPRIMITIVE d2 = { D3DPT_TRIANGLELIST, 4, 0, 4, 1, 1 };
   CHECK_HR(dev->funcs.pfnDrawIndexedPrimitive(dev->hDevice, &d2), S_OK);
   CHECK(count_bad_rect(4, 4, 14, 14, 0xff00ff00, 0xff000000) == 0);

   /* The same from user memory: vertices and indices. */
   start(rt, 0xff000000);
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, v), S_OK);
   const uint16_t iu[6] = { 0, 1, 2, 1, 3, 2 };
   CHECK_HR(dev->funcs.pfnSetIndicesUm(dev->hDevice, 2, iu), S_OK);
   D3DDDIARG_DRAWINDEXEDPRIMITIVE d3 = { D3DPT_TRIANGLELIST, 4, 0, 4, 0, 2 };
   CHECK_HR(dev->funcs.pfnDrawIndexedPrimitive(dev->hDevice, &d3), S_OK);
   CHECK(count_bad_rect(4, 4, 14, 14, 0xff00ff00, 0xff000000) == 0);

   set_stream(dev, 0, NULL, 0, 0);
   si.hIndexBuffer = NULL;
   CHECK_HR(dev->funcs.pfnSetIndices(dev->hDevice, &si), S_OK);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
   CHECK_HR(rt_destroy_resource(dev, ib16), S_OK);
   CHECK_HR(rt_destroy_resource(dev, ib32), S_OK);
}

/* A buffer in the runtime's system memory (D3DPOOL_SYSTEMMEM), holding
 * `size` bytes of `data`; the runtime frees the memory at destruction. */
static HANDLE
sysmem_buffer(const void *data, unsigned size, bool index)
{
   void *mem = malloc(size);
   memcpy(mem, data, size);
   D3DDDI_SURFACEINFO surf = { .Width = size, .Height = 1, .Depth = 1,
                               .pSysMem = mem, .SysMemPitch = size };
   D3DDDIARG_CREATERESOURCE2 args = {
      .Format = index ? D3DDDIFMT_INDEX16 : D3DDDIFMT_VERTEXDATA,
      .Pool = D3DDDIPOOL_SYSTEMMEM, .pSurfList = &surf, .SurfCount = 1,
      .MipLevels = 1,
   };
   args.Flags.VertexBuffer = !index;
   args.Flags.IndexBuffer = index;
   HANDLE h = NULL;
   CHECK_HR(rt_create_resource(dev, &args, &h), S_OK);
   rt_keep_sysmem(dev, h, mem);
   return h;
}

/* Vertex and index buffers in system memory are read from the runtime's
 * memory at each draw: a write between two draws shows in the second, and
 * a draw reaching past the end of the buffer draws what is inside it. */
static void
sysmem_buffers(void)
{
   use(decl_pos_t0, vs, ps_color);
   start(rt, 0xff000000);
   ps_color_const(0, 0, 1, 1);
   struct vtx v[4] = {
      sv(3.5f, 3.5f, 0.5f, 0, 0, 0, 0),
      sv(13.5f, 3.5f, 0.5f, 0, 0, 0, 0),
      sv(3.5f, 13.5f, 0.5f, 0, 0, 0, 0),
      sv(13.5f, 13.5f, 0.5f, 0, 0, 0, 0),
   };
   const uint16_t idx[6] = { 0, 1, 2, 1, 3, 2 };
   HANDLE vb = sysmem_buffer(v, sizeof(v), false);
   HANDLE ib = sysmem_buffer(idx, sizeof(idx), true);
   set_stream(dev, 0, vb, 0, sizeof(struct vtx));
   D3DDDIARG_SETINDICES si = { ib, 2 };
   CHECK_HR(dev->funcs.pfnSetIndices(dev->hDevice, &si), S_OK);
   D3DDDIARG_DRAWINDEXEDPRIMITIVE d = { D3DPT_TRIANGLELIST, 0, 0, 4, 0, 2 };
   CHECK_HR(dev->funcs.pfnDrawIndexedPrimitive(dev->hDevice, &d), S_OK);
   CHECK(count_bad_rect(4, 4, 14, 14, 0xff0000ff, 0xff000000) == 0);

   /* The runtime writes its memory (a NotifyOnly lock, as it does for
    * system memory): the next draw reads the new vertices. */
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, vb, 0, 0, &l), S_OK);
   if (l.pSurfData) {
      /* The square moved by 10 pixels: pixels 14..23. */
      struct vtx *w = l.pSurfData;
      for (unsigned i = 0; i < 4; i++)
         w[i] = sv(v[i].pos[0] == v[0].pos[0] ? 13.5f : 23.5f,
                   v[i].pos[1] == v[0].pos[1] ? 13.5f : 23.5f, 0.5f,
                   0, 0, 0, 0);
   }
   CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
   start(rt, 0xff000000);
   CHECK_HR(dev->funcs.pfnDrawIndexedPrimitive(dev->hDevice, &d), S_OK);
   CHECK(count_bad_rect(14, 14, 24, 24, 0xff0000ff, 0xff000000) == 0);

   /* Non-indexed from the buffer, and a draw whose second triangle's
    * indices lie past the index buffer's end: only the first is drawn. */
   start(rt, 0xff000000);
   CHECK_HR(draw(dev, D3DPT_TRIANGLESTRIP, 0, 2), S_OK);
   CHECK(count_bad_rect(14, 14, 24, 24, 0xff0000ff, 0xff000000) == 0);
   start(rt, 0xff000000);
   D3DDDIARG_DRAWINDEXEDPRIMITIVE past = { D3DPT_TRIANGLELIST, 0, 0, 4, 3,
                                           2 };
   CHECK_HR(dev->funcs.pfnDrawIndexedPrimitive(dev->hDevice, &past), S_OK);
   /* Indices 1 3 2: the lower right half of the square. */
   uint32_t px[W * H];
   read_pixels(dev, rt, W, H, px);
   CHECK(px[22 * W + 22] == 0xff0000ff);
   CHECK(px[15 * W + 15] == 0xff000000);

   set_stream(dev, 0, NULL, 0, 0);
   si.hIndexBuffer = NULL;
   CHECK_HR(dev->funcs.pfnSetIndices(dev->hDevice, &si), S_OK);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
   CHECK_HR(rt_destroy_resource(dev, ib), S_OK);
}

/* vs_3_0 writes o3 (texcoord 3) and o5 (colour 0); ps_3_0 reads them as
 * v2 and v7. */
static void
sm3_linkage(void)
{
   static const uint32_t vs3[] = {
      SM_VS(3, 0),
      SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
      SM_DST(D3DSPR_INPUT, 0, 0xf),
      SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
      SM_DST(D3DSPR_OUTPUT, 0, 0xf),
      SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 3),
      SM_DST(D3DSPR_OUTPUT, 3, 0xf),
      SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_COLOR, 0),
      SM_DST(D3DSPR_OUTPUT, 5, 0xf),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_OUTPUT, 0, 0xf),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_OUTPUT, 3, 0xf),
      SM_SRC(D3DSPR_CONST, 1, SM_NOSWZ),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_OUTPUT, 5, 0xf),
      SM_SRC(D3DSPR_CONST, 2, SM_NOSWZ),
      SM_END,
   };
   static const uint32_t ps3[] = {
      SM_PS(3, 0),
      SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_COLOR, 0),
      SM_DST(D3DSPR_INPUT, 7, 0xf),
      SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 3),
      SM_DST(D3DSPR_INPUT, 2, 0xf),
      /* oC0 = (v2.x, v7.y, v2.y + v7.x, 1) */
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, 0x1),
      SM_SRC(D3DSPR_INPUT, 2, SM_NOSWZ),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, 0x2),
      SM_SRC(D3DSPR_INPUT, 7, SM_NOSWZ),
      SM_INSTR(D3DSIO_ADD, 3), SM_DST(D3DSPR_COLOROUT, 0, 0x4),
      SM_SRC(D3DSPR_INPUT, 2, SM_REPL(y)),
      SM_SRC(D3DSPR_INPUT, 7, SM_REPL(x)),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, 0x8),
      SM_SRC(D3DSPR_CONST, 0, SM_NOSWZ),
      SM_END,
   };
   HANDLE v = vertex_shader(dev, vs3, sizeof(vs3) / 4);
   HANDLE p = pixel_shader(dev, ps3, sizeof(ps3) / 4);
   use(decl_pos_t0, v, p);
   start(frt, 0);
   const float c1[4] = { 0.25f, 0.125f, 0, 0 };
   const float c2[4] = { 0.5f, 0.75f, 0, 0 };
   const float one[4] = { 1, 1, 1, 1 };
   set_vs_const(dev, 1, c1, 1);
   set_vs_const(dev, 2, c2, 1);
   set_ps_const(dev, 0, one, 1);
   const float t[4] = { 0 };
   quad_um(0, 0, 4, 4, 0.5f, t);
   read_floats(dev, frt, W, H, fimg);
   const float *px = &fimg[(2 * W + 2) * 4];
   printf("  linked: (%g %g %g %g)\n", px[0], px[1], px[2], px[3]);
   CHECK(fabsf(px[0] - 0.25f) < 1e-5f && fabsf(px[1] - 0.75f) < 1e-5f &&
         fabsf(px[2] - 0.625f) < 1e-5f && px[3] == 1.0f);
   use(decl_pos_t0, vs, ps_color);
   CHECK_HR(dev->funcs.pfnDeleteVertexShaderFunc(dev->hDevice, v), S_OK);
   CHECK_HR(dev->funcs.pfnDeletePixelShader(dev->hDevice, p), S_OK);
}

/* def, relative addressing with a0, and reads past the constant file. */
static void
constants(void)
{
   static const uint32_t vsr[] = {
      SM_VS(2, 0),
      SM_INSTR(D3DSIO_DEF, 5), SM_DST(D3DSPR_CONST, 9, 0xf),
      0x3f000000u /* 0.5 */, 0x3e800000u /* 0.25 */, 0, 0x3f800000u,
      SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
      SM_DST(D3DSPR_INPUT, 0, 0xf),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_RASTOUT, 0, 0xf),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      /* a0.x = c0.x; oT0 = c[a0.x + 4] + c9 (defined) */
      SM_INSTR(D3DSIO_MOVA, 2), SM_DST(D3DSPR_ADDR, 0, 0x1),
      SM_SRC(D3DSPR_CONST, 0, SM_REPL(x)),
      SM_INSTR(D3DSIO_ADD, 4), SM_DST(D3DSPR_TEXCRDOUT, 0, 0xf),
      SM_SRC(D3DSPR_CONST, 4, SM_NOSWZ) | SM_REL, SM_ADDR_A0(x),
      SM_SRC(D3DSPR_CONST, 9, SM_NOSWZ),
      SM_END,
   };
   HANDLE v = vertex_shader(dev, vsr, sizeof(vsr) / 4);
   use(decl_pos_t0, v, ps_tc);
   const float c7[4] = { 0.125f, 0.5f, 0.75f, -1.0f };
   set_vs_const(dev, 7, c7, 1);
   const float t[4] = { 0 };
   /* a0.x = 3: c7 + c9. */
   const float a3[4] = { 3.0f, 0, 0, 0 };
   set_vs_const(dev, 0, a3, 1);
   start(frt, 0);
   quad_um(0, 0, 4, 4, 0.5f, t);
   /* a0.x = 300 (rounded from 299.6): past the file, zero + c9. */
   const float a300[4] = { 299.6f, 0, 0, 0 };
   set_vs_const(dev, 0, a300, 1);
   quad_um(8, 0, 12, 4, 0.5f, t);
   read_floats(dev, frt, W, H, fimg);
   const float *p0 = &fimg[(2 * W + 2) * 4], *p1 = &fimg[(2 * W + 10) * 4];
   printf("  c[a0+4] + c9: (%g %g %g %g), out of range: (%g %g %g %g)\n",
          p0[0], p0[1], p0[2], p0[3], p1[0], p1[1], p1[2], p1[3]);
   CHECK(p0[0] == 0.625f && p0[1] == 0.75f && p0[2] == 0.75f &&
         p0[3] == 0.0f);
   CHECK(p1[0] == 0.5f && p1[1] == 0.25f && p1[2] == 0.0f && p1[3] == 1.0f);
   use(decl_pos_t0, vs, ps_color);
   CHECK_HR(dev->funcs.pfnDeleteVertexShaderFunc(dev->hDevice, v), S_OK);
}

static void
blend_and_masks(void)
{
   use(decl_pos_t0, vs, ps_color);
   start(rt, 0xff204060);
   const float t[4] = { 0 };
   set_rs(dev, D3DRS_ALPHABLENDENABLE, TRUE);
   set_rs(dev, D3DRS_SRCBLEND, D3DBLEND_SRCALPHA);
   set_rs(dev, D3DRS_DESTBLEND, D3DBLEND_INVSRCALPHA);
   ps_color_const(1.0f, 0.0f, 1.0f, 0.5f);
   quad_um(0, 0, 8, 8, 0.5f, t);
   set_rs(dev, D3DRS_ALPHABLENDENABLE, FALSE);
   /* Only red and alpha written. */
   set_rs(dev, D3DRS_COLORWRITEENABLE, D3DCOLORWRITEENABLE_RED |
                                       D3DCOLORWRITEENABLE_ALPHA);
   ps_color_const(1.0f, 1.0f, 1.0f, 1.0f);
   quad_um(16, 0, 24, 8, 0.5f, t);
   set_rs(dev, D3DRS_COLORWRITEENABLE, 0xf);
   read_pixels(dev, rt, W, H, img);
   /* 0.5 * src + 0.5 * dst per channel; alpha 0.5 * 0.5 + 0.5 * 1. */
   const uint32_t blended = (0xbfu << 24) | (0x90u << 16) | (0x20u << 8) | 0xb0u;
   printf("  blended 0x%08x (expected about 0x%08x), masked 0x%08x\n",
          img[4 * W + 4], blended, img[4 * W + 20]);
   CHECK(color_near(img[4 * W + 4], blended, 1));
   CHECK(img[4 * W + 20] == 0xffff4060);
}

static void
depth_and_stencil(void)
{
   HANDLE z = depth_stencil(dev, D3DDDIFMT_D24S8, W, H);
   if (!z)
      return;
   D3DDDIARG_SETDEPTHSTENCIL ds = { z };
   CHECK_HR(dev->funcs.pfnSetDepthStencil(dev->hDevice, &ds), S_OK);
   use(decl_pos_t0, vs, ps_color);
   start(rt, 0xff000000);
   CHECK_HR(clear(dev, D3DCLEAR_ZBUFFER | D3DCLEAR_STENCIL |
                  D3DCLEAR_COMPUTERECTS, 0, 0.5f, 0, 0, NULL), S_OK);
   const float t[4] = { 0 };
   set_rs(dev, D3DRS_ZENABLE, D3DZB_TRUE);
   set_rs(dev, D3DRS_ZFUNC, D3DCMP_LESS);
   ps_color_const(1, 0, 0, 1);
   quad_um(0, 0, 8, 8, 0.25f, t);   /* passes */
   quad_um(8, 0, 16, 8, 0.75f, t);  /* fails */
   /* Stencil: write 7 where a quad passes, then draw where it is 7. */
   set_rs(dev, D3DRS_ZENABLE, D3DZB_FALSE);
   set_rs(dev, D3DRS_STENCILENABLE, TRUE);
   set_rs(dev, D3DRS_STENCILFUNC, D3DCMP_ALWAYS);
   set_rs(dev, D3DRS_STENCILPASS, D3DSTENCILOP_REPLACE);
   set_rs(dev, D3DRS_STENCILREF, 7);
   set_rs(dev, D3DRS_COLORWRITEENABLE, 0);
   quad_um(20, 0, 26, 6, 0.5f, t);
   set_rs(dev, D3DRS_COLORWRITEENABLE, 0xf);
   set_rs(dev, D3DRS_STENCILFUNC, D3DCMP_EQUAL);
   set_rs(dev, D3DRS_STENCILPASS, D3DSTENCILOP_KEEP);
   ps_color_const(0, 0, 1, 1);
   quad_um(16, 0, 32, 16, 0.5f, t);
   set_rs(dev, D3DRS_STENCILENABLE, FALSE);
   read_pixels(dev, rt, W, H, img);
   CHECK(img[4 * W + 4] == 0xffff0000);
   CHECK(img[4 * W + 12] == 0xff000000);
   CHECK(img[2 * W + 22] == 0xff0000ff);
   CHECK(img[10 * W + 22] == 0xff000000);
   CHECK(img[2 * W + 18] == 0xff000000);
   ds.hZBuffer = NULL;
   CHECK_HR(dev->funcs.pfnSetDepthStencil(dev->hDevice, &ds), S_OK);
   CHECK_HR(rt_destroy_resource(dev, z), S_OK);
}

/* A 4x4 texture, point-sampled at the texel centres D3D9's alignment puts
 * under the pixel centres (the quad from -0.5 to 3.5). */
static void
texture_2d(void)
{
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.Texture = 1;
   HANDLE tex = NULL;
   CHECK_HR(rt_create_surface(dev, D3DDDIFMT_A8R8G8B8, 4, 4, f,
                              D3DDDIPOOL_VIDEOMEMORY, &tex), S_OK);
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, tex, 0, 0, &l), S_OK);
   for (unsigned y = 0; l.pSurfData && y < 4; y++)
      for (unsigned x = 0; x < 4; x++)
         ((uint32_t *)((uint8_t *)l.pSurfData + y * l.Pitch))[x] =
            0xff000000u | (x * 0x40) << 16 | (y * 0x40) << 8 | 0x11;
   CHECK_HR(unlock_sub(dev, tex, 0), S_OK);

   use(decl_pos_t0, vs, ps_sample);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, tex), S_OK);
   start(rt, 0xff000000);
   const struct vtx v[4] = {
      sv(-0.5f, -0.5f, 0.5f, 0, 0, 0, 0), sv(3.5f, -0.5f, 0.5f, 1, 0, 0, 0),
      sv(-0.5f, 3.5f, 0.5f, 0, 1, 0, 0), sv(3.5f, 3.5f, 0.5f, 1, 1, 0, 0),
   };
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, v), S_OK);
   CHECK_HR(draw(dev, D3DPT_TRIANGLESTRIP, 0, 2), S_OK);
   read_pixels(dev, rt, W, H, img);
   unsigned bad = 0;
   for (unsigned y = 0; y < 4; y++) {
      for (unsigned x = 0; x < 4; x++) {
         const uint32_t e = 0xff000000u | (x * 0x40) << 16 |
                            (y * 0x40) << 8 | 0x11;
         if (img[y * W + x] != e && bad++ < 4)
            printf("  pixel (%u,%u): 0x%08x, expected 0x%08x\n", x, y,
                   img[y * W + x], e);
      }
   }
   CHECK(bad == 0);
   CHECK(img[4 * W + 4] == 0xff000000);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, NULL), S_OK);
   CHECK_HR(rt_destroy_resource(dev, tex), S_OK);
}

/* Pre-transformed vertices (POSITIONT, no vertex shader): screen
 * coordinates, whatever the viewport; DrawPrimitive2's offset is bytes,
 * DrawIndexedPrimitive2's indices are in the runtime's memory. */
static void
pretransformed(void)
{
   struct tv { float x, y, z, rhw; uint32_t color; };
   static const D3DDDIVERTEXELEMENT e[2] = {
      { 0, 0, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_POSITIONT, 0 },
      { 0, 16, D3DDECLTYPE_D3DCOLOR, 0, D3DDECLUSAGE_COLOR, 0 },
   };
   static const uint32_t ps_v0[] = {
      SM_PS(2, 0),
      SM_DCL(2), SM_DCL_PLAIN, SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      SM_END,
   };
   HANDLE decl = vertex_decl(dev, e, 2);
   HANDLE ps = pixel_shader(dev, ps_v0, ARRAY_SIZE(ps_v0));
   start(rt, 0xff000000);
   /* A viewport that is not the target: the coordinates are absolute. */
   set_viewport(dev, 4, 4, 40, 40);
   CHECK_HR(dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, NULL), S_OK);
   CHECK_HR(dev->funcs.pfnSetVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, ps), S_OK);
   const uint32_t c = 0xff336699;
   /* Vertex 0 is skipped by the byte offset; pixels [10,20)x[12,22). */
   const struct tv v[7] = {
      { 0, 0, 0, 1, 0xffffffff },
      { 9.5f, 11.5f, 0.5f, 1, c }, { 19.5f, 11.5f, 0.5f, 1, c },
      { 9.5f, 21.5f, 0.5f, 1, c }, { 19.5f, 11.5f, 0.5f, 1, c },
      { 19.5f, 21.5f, 0.5f, 1, c }, { 9.5f, 21.5f, 0.5f, 1, c },
   };
   HANDLE vb = buffer_with(dev, v, sizeof(v), false, false);
   set_stream(dev, 0, vb, 0, sizeof(struct tv));
   D3DDDIARG_DRAWPRIMITIVE2 d2 = { D3DPT_TRIANGLELIST, sizeof(struct tv), 2 };
   CHECK_HR(dev->funcs.pfnDrawPrimitive2(dev->hDevice, &d2), S_OK);
   CHECK(count_bad_rect(10, 12, 20, 22, c, 0xff000000) == 0);

   /* Indexed: a quad from the four corners at vertices 1, 2, 3, 5, with
    * a base of one vertex in bytes. */
   start(rt, 0xff000000);
   set_viewport(dev, 4, 4, 40, 40);
   const uint16_t idx[8] = { 7, 7, 0, 1, 2, 1, 4, 2 };
   D3DDDIARG_DRAWINDEXEDPRIMITIVE2 di = {
      D3DPT_TRIANGLELIST, sizeof(struct tv), 0, 6, 2 * sizeof(uint16_t), 2,
   };
   CHECK_HR(dev->funcs.pfnDrawIndexedPrimitive2(dev->hDevice, &di, 2, idx,
                                                NULL), S_OK);
   CHECK(count_bad_rect(10, 12, 20, 22, c, 0xff000000) == 0);

   /* Back to shaders: the application's vertex shader draws again. */
   start(rt, 0xff000000);
   use(decl_pos_t0, vs, ps_color);
   ps_color_const(1, 1, 1, 1);
   const float t[4] = { 0 };
   quad_um(-0.5f, -0.5f, 3.5f, 3.5f, 0.5f, t);
   CHECK(count_bad_rect(0, 0, 4, 4, 0xffffffff, 0xff000000) == 0);
   set_stream(dev, 0, NULL, 0, 0);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
   CHECK_HR(dev->funcs.pfnDeleteVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(dev->funcs.pfnDeletePixelShader(dev->hDevice, ps), S_OK);
}

/* Occlusion queries: the exact number of samples that passed, read
 * without blocking (S_FALSE until done, polled for at most TEST_WAIT_S). */
static HRESULT
query_result(HANDLE q, DWORD *out)
{
   D3DDDIARG_GETQUERYDATA g = { q, out };
   const double give_up = test_now_s() + TEST_WAIT_S;
   HRESULT hr;
   do {
      hr = dev->funcs.pfnGetQueryData(dev->hDevice, &g);
   } while (hr == S_FALSE && test_now_s() < give_up);
   return hr;
}

static void
occlusion(void)
{
   UINT n = 0;
   CHECK_HR(rt_get_caps(dev->adapter, D3DDDICAPS_GETD3DQUERYCOUNT, NULL, &n,
                        sizeof(n)), S_OK);
   D3DDDIARG_CREATEQUERY cq = { .QueryType = D3DDDIQUERYTYPE_OCCLUSION };
   if (n < 2) {
      CHECK_HR(dev->funcs.pfnCreateQuery(dev->hDevice, &cq), E_FAIL);
      return;
   }
   CHECK_HR(dev->funcs.pfnCreateQuery(dev->hDevice, &cq), S_OK);
   use(decl_pos_t0, vs, ps_color);
   start(rt, 0xff000000);
   ps_color_const(1, 1, 1, 1);
   const float t[4] = { 0 };
   D3DDDIARG_ISSUEQUERY begin = { cq.hQuery }, end = { cq.hQuery };
   begin.Flags.Begin = 1;
   end.Flags.End = 1;
   /* 10 x 7 pixels, and a quad off the target. */
   CHECK_HR(dev->funcs.pfnIssueQuery(dev->hDevice, &begin), S_OK);
   quad_um(2.5f, 2.5f, 12.5f, 9.5f, 0.5f, t);
   quad_um(-40.5f, -40.5f, -30.5f, -30.5f, 0.5f, t);
   CHECK_HR(dev->funcs.pfnIssueQuery(dev->hDevice, &end), S_OK);
   DWORD samples = ~0u;
   CHECK_HR(query_result(cq.hQuery, &samples), S_OK);
   printf("  occlusion: %u samples (expected 70)\n", (unsigned)samples);
   CHECK(samples == 70);
   /* Nothing drawn in between: 0.  Begin again restarts. */
   CHECK_HR(dev->funcs.pfnIssueQuery(dev->hDevice, &begin), S_OK);
   quad_um(2.5f, 2.5f, 12.5f, 9.5f, 0.5f, t);
   CHECK_HR(dev->funcs.pfnIssueQuery(dev->hDevice, &begin), S_OK);
   CHECK_HR(dev->funcs.pfnIssueQuery(dev->hDevice, &end), S_OK);
   CHECK_HR(query_result(cq.hQuery, &samples), S_OK);
   CHECK(samples == 0);
   CHECK_HR(dev->funcs.pfnDestroyQuery(dev->hDevice, cq.hQuery), S_OK);
}

/* Whether GetCaps lists a query type. */
static bool
query_type_listed(D3DDDIQUERYTYPE type)
{
   UINT n = 0;
   D3DDDIQUERYTYPE types[16] = { 0 };
   CHECK_HR(rt_get_caps(dev->adapter, D3DDDICAPS_GETD3DQUERYCOUNT, NULL, &n,
                        sizeof(n)), S_OK);
   if (n > ARRAY_SIZE(types))
      return false;
   CHECK_HR(rt_get_caps(dev->adapter, D3DDDICAPS_GETD3DQUERYDATA, NULL, types,
                        n * sizeof(types[0])), S_OK);
   for (unsigned i = 0; i < n; i++)
      if (types[i] == type)
         return true;
   return false;
}

/* Polls a query until S_OK, for at most TEST_WAIT_S; every answer before
 * must be S_FALSE (GetQueryData never blocks, never fails).  *waits: the
 * S_FALSE answers. */
static HRESULT
poll_query(HANDLE q, void *out, unsigned *waits)
{
   D3DDDIARG_GETQUERYDATA g = { q, out };
   const double give_up = test_now_s() + TEST_WAIT_S;
   HRESULT hr;
   *waits = 0;
   while ((hr = dev->funcs.pfnGetQueryData(dev->hDevice, &g)) == S_FALSE &&
          test_now_s() < give_up)
      (*waits)++;
   return hr;
}

static HANDLE
create_query(D3DDDIQUERYTYPE type)
{
   D3DDDIARG_CREATEQUERY cq = { .QueryType = type };
   CHECK_HR(dev->funcs.pfnCreateQuery(dev->hDevice, &cq), S_OK);
   return cq.hQuery;
}

static void
issue(HANDLE q, bool begin, bool end)
{
   D3DDDIARG_ISSUEQUERY iq = { q };
   iq.Flags.Begin = begin;
   iq.Flags.End = end;
   CHECK_HR(dev->funcs.pfnIssueQuery(dev->hDevice, &iq), S_OK);
}

/* Timestamp queries where the screen has timestamps (GetCaps lists
 * them; CreateQuery fails as for any unlisted type otherwise):
 * TIMESTAMPFREQ a plausible UINT64, TIMESTAMP UINT64s that never go back
 * across draws and span no more than the wall time around them,
 * TIMESTAMPDISJOINT a BOOL; GetQueryData answers S_FALSE until done. */
static void
timestamps(void)
{
   static const D3DDDIQUERYTYPE ts_types[] = {
      D3DDDIQUERYTYPE_TIMESTAMP, D3DDDIQUERYTYPE_TIMESTAMPDISJOINT,
      D3DDDIQUERYTYPE_TIMESTAMPFREQ,
   };
   const bool listed = query_type_listed(D3DDDIQUERYTYPE_TIMESTAMP);
   for (unsigned i = 0; i < ARRAY_SIZE(ts_types); i++) {
      CHECK(query_type_listed(ts_types[i]) == listed);
      if (!listed) {
         D3DDDIARG_CREATEQUERY cq = { .QueryType = ts_types[i] };
         CHECK_HR(dev->funcs.pfnCreateQuery(dev->hDevice, &cq), E_FAIL);
      }
   }
   if (!listed) {
      printf("  the screen has no timestamps: CreateQuery refuses them\n");
      return;
   }
   HANDLE freq = create_query(D3DDDIQUERYTYPE_TIMESTAMPFREQ);
   HANDLE disjoint = create_query(D3DDDIQUERYTYPE_TIMESTAMPDISJOINT);
   HANDLE ts[3];
   for (unsigned i = 0; i < 3; i++)
      ts[i] = create_query(D3DDDIQUERYTYPE_TIMESTAMP);

   use(decl_pos_t0, vs, ps_sample);
   start(rt, 0xff000000);
   const float t[4] = { 0 };
   unsigned waits;
   /* A disjoint query begun, not ended: no result yet, at once. */
   issue(disjoint, true, false);
   BOOL b = 0x5a5a5a5a;
   D3DDDIARG_GETQUERYDATA g = { disjoint, &b };
   CHECK_HR(dev->funcs.pfnGetQueryData(dev->hDevice, &g), S_FALSE);
   CHECK(b == 0x5a5a5a5a);

   const double cpu0 = test_now_s();
   issue(freq, false, true);
   issue(ts[0], false, true);
   quad_um(-0.5f, -0.5f, W - 0.5f, H - 0.5f, 0.5f, t);
   issue(ts[1], false, true);
   quad_um(-0.5f, -0.5f, W - 0.5f, H - 0.5f, 0.5f, t);
   quad_um(-0.5f, -0.5f, W - 0.5f, H - 0.5f, 0.5f, t);
   issue(ts[2], false, true);
   issue(disjoint, false, true);

   UINT64 v[3] = { 0, 0, 0 }, hz = 0;
   unsigned total_waits = 0;
   for (int i = 2; i >= 0; i--) {
      CHECK_HR(poll_query(ts[i], &v[i], &waits), S_OK);
      total_waits += waits;
   }
   const double cpu1 = test_now_s();
   CHECK_HR(poll_query(freq, &hz, &waits), S_OK);
   CHECK_HR(poll_query(disjoint, &b, &waits), S_OK);
   printf("  frequency %llu Hz, timestamps %llu %llu %llu, disjoint %d, "
          "%u S_FALSE answers\n", (unsigned long long)hz,
          (unsigned long long)v[0], (unsigned long long)v[1],
          (unsigned long long)v[2], (int)b, total_waits);
   /* More than a megahertz, less than 100 GHz. */
   CHECK(hz > 1000000ull && hz < 100000000000ull);
   CHECK(v[0] <= v[1] && v[1] <= v[2]);
   CHECK(v[0] != 0);
   /* The GPU's interval lies inside the CPU's around it. */
   if (hz) {
      const double gpu_s = (double)(v[2] - v[0]) / (double)hz;
      CHECK(gpu_s <= cpu1 - cpu0 + 1e-3);
   }
   CHECK(b == TRUE || b == FALSE);
   /* Issued again: a later time. */
   issue(ts[0], false, true);
   UINT64 later = 0;
   CHECK_HR(poll_query(ts[0], &later, &waits), S_OK);
   CHECK(later >= v[2]);
   for (unsigned i = 0; i < 3; i++)
      CHECK_HR(dev->funcs.pfnDestroyQuery(dev->hDevice, ts[i]), S_OK);
   CHECK_HR(dev->funcs.pfnDestroyQuery(dev->hDevice, freq), S_OK);
   CHECK_HR(dev->funcs.pfnDestroyQuery(dev->hDevice, disjoint), S_OK);
}

/* A quad over the target's first row and column on a float target (the
 * viewport's clip edge passes near their pixel centres). */
static void
float_target_edges(void)
{
   use(decl_pos_t0, vs, ps_tc);
   start(frt, 0);
   const float one[4] = { 1, 1, 1, 1 };
   quad_um(-0.5f, -0.5f, 3.5f, 3.5f, 0.5f, one);
   read_floats(dev, frt, W, H, fimg);
   unsigned bad = 0;
   for (unsigned y = 0; y < 6; y++)
      for (unsigned x = 0; x < 6; x++) {
         const bool in = x < 4 && y < 4;
         if (fimg[(y * W + x) * 4] != (in ? 1.0f : 0.0f) && bad++ < 4)
            printf("  pixel (%u,%u): %g\n", x, y, fimg[(y * W + x) * 4]);
      }
   CHECK(bad == 0);
}

/* The fixed stages around the shaders, on every driver (the shader does
 * them where the Gallium driver has none: zink). */
static void
alpha_test(void)
{
   use(decl_pos_t0, vs, ps_color);
   start(rt, 0xff000000);
   set_rs(dev, D3DRS_ALPHATESTENABLE, TRUE);
   set_rs(dev, D3DRS_ALPHAFUNC, D3DCMP_GREATER);
   set_rs(dev, D3DRS_ALPHAREF, 0x80);
   const float t[4] = { 0 };
   ps_color_const(1, 1, 1, 0.25f);
   quad_um(-0.5f, -0.5f, 7.5f, 7.5f, 0.5f, t);      /* fails: discarded */
   ps_color_const(1, 1, 1, 0.75f);
   quad_um(9.5f, -0.5f, 17.5f, 7.5f, 0.5f, t);      /* passes */
   set_rs(dev, D3DRS_ALPHAFUNC, D3DCMP_LESS);
   ps_color_const(0, 0, 1, 0.25f);
   quad_um(19.5f, -0.5f, 27.5f, 7.5f, 0.5f, t);     /* passes LESS */
   set_rs(dev, D3DRS_ALPHATESTENABLE, FALSE);
   read_pixels(dev, rt, W, H, img);
   CHECK(img[4 * W + 4] == 0xff000000);
   CHECK(color_near(img[4 * W + 12], 0xbfffffff, 1));
   CHECK(color_near(img[4 * W + 22], 0x400000ff, 1));
}

static void
flat_shading(void)
{
   static const uint32_t vs_color[] = {
      SM_VS(2, 0),
      SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
      SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL),
      SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_COLOR, 0),
      SM_DST(D3DSPR_INPUT, 1, SM_MASK_ALL),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_ATTROUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 1, SM_NOSWZ),
      SM_END,
   };
   static const uint32_t ps_v0[] = {
      SM_PS(2, 0),
      SM_DCL(2), SM_DCL_PLAIN, SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      SM_END,
   };
   static const D3DDDIVERTEXELEMENT e[2] = {
      { 0, 0, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_POSITION, 0 },
      { 0, 16, D3DDECLTYPE_D3DCOLOR, 0, D3DDECLUSAGE_COLOR, 0 },
   };
   struct cv { float pos[4]; uint32_t color; };
   HANDLE decl = vertex_decl(dev, e, 2);
   HANDLE v = vertex_shader(dev, vs_color, ARRAY_SIZE(vs_color));
   HANDLE p = pixel_shader(dev, ps_v0, ARRAY_SIZE(ps_v0));
   use(decl, v, p);
   for (unsigned flat = 0; flat < 2; flat++) {
      start(rt, 0xff000000);
      set_rs(dev, D3DRS_SHADEMODE, flat ? D3DSHADE_FLAT : D3DSHADE_GOURAUD);
      const struct vtx a = sv(0, 0, 0.5f, 0, 0, 0, 0);
      const struct vtx b = sv(32, 0, 0.5f, 0, 0, 0, 0);
      const struct vtx c = sv(0, 32, 0.5f, 0, 0, 0, 0);
      struct cv tri[3] = {
         { { a.pos[0], a.pos[1], a.pos[2], 1 }, 0xffff0000 },
         { { b.pos[0], b.pos[1], b.pos[2], 1 }, 0xff00ff00 },
         { { c.pos[0], c.pos[1], c.pos[2], 1 }, 0xff0000ff },
      };
      D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct cv) };
      CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, tri), S_OK);
      CHECK_HR(draw(dev, D3DPT_TRIANGLELIST, 0, 1), S_OK);
      read_pixels(dev, rt, W, H, img);
      /* Flat: the first vertex's colour everywhere; Gouraud: a mix. */
      const uint32_t mid = img[10 * W + 10];
      printf("  %s: pixel (10,10) 0x%08x\n", flat ? "flat" : "gouraud", mid);
      if (flat)
         CHECK(mid == 0xffff0000 && img[2 * W + 28] == 0xffff0000);
      else
         CHECK(mid != 0xffff0000 && ((mid >> 8) & 0xff) > 0x40 &&
               (mid & 0xff) > 0x40);
   }
   set_rs(dev, D3DRS_SHADEMODE, D3DSHADE_GOURAUD);
   use(decl_pos_t0, vs, ps_color);
   CHECK_HR(dev->funcs.pfnDeleteVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(dev->funcs.pfnDeleteVertexShaderFunc(dev->hDevice, v), S_OK);
   CHECK_HR(dev->funcs.pfnDeletePixelShader(dev->hDevice, p), S_OK);
}

/* A user clip plane in clip space: x >= 0 (the right half) kept. */
static void
clip_planes(void)
{
   use(decl_pos_t0, vs, ps_color);
   start(rt, 0xff000000);
   D3DDDIARG_SETCLIPPLANE cp = { 0, { 1, 0, 0, 0 } };
   CHECK_HR(dev->funcs.pfnSetClipPlane(dev->hDevice, &cp), S_OK);
   set_rs(dev, D3DRS_CLIPPLANEENABLE, 1);
   ps_color_const(1, 1, 1, 1);
   const float t[4] = { 0 };
   quad_um(-0.5f, 19.5f, W - 0.5f, 29.5f, 0.5f, t);
   set_rs(dev, D3DRS_CLIPPLANEENABLE, 0);
   read_pixels(dev, rt, W, H, img);
   CHECK(img[24 * W + 8] == 0xff000000);
   CHECK(img[24 * W + 48] == 0xffffffff);
   /* Disabled again: the whole quad. */
   quad_um(-0.5f, 39.5f, W - 0.5f, 49.5f, 0.5f, t);
   read_pixels(dev, rt, W, H, img);
   CHECK(img[44 * W + 8] == 0xffffffff);
}

/* ps_3_0 vPos (integer pixel coordinates) and vFace (positive on the
 * clockwise front faces). */
static void
vpos_vface(void)
{
   static const uint32_t ps3[] = {
      SM_PS(3, 0),
      SM_DCL(2), SM_DCL_PLAIN,
      SM_DST(D3DSPR_MISCTYPE, D3DSMO_POSITION, SM_MASK_XY),
      SM_DCL(2), SM_DCL_PLAIN, SM_DST(D3DSPR_MISCTYPE, D3DSMO_FACE, SM_MASK_ALL),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_XY),
      SM_SRC(D3DSPR_MISCTYPE, D3DSMO_POSITION, SM_NOSWZ),
      SM_INSTR(D3DSIO_CMP, 4), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_Z),
      SM_SRC(D3DSPR_MISCTYPE, D3DSMO_FACE, SM_REPL(x)),
      SM_SRC(D3DSPR_CONST, 0, SM_REPL(x)), SM_SRC(D3DSPR_CONST, 0, SM_REPL(y)),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_W),
      SM_SRC(D3DSPR_CONST, 0, SM_REPL(x)),
      SM_END,
   };
   HANDLE p = pixel_shader(dev, ps3, ARRAY_SIZE(ps3));
   use(decl_pos_t0, vs, p);
   start(frt, 0);
   const float c0[4] = { 1, 0, 0, 0 };
   set_ps_const(dev, 0, c0, 1);
   triangle_um(2, 2, true);     /* front */
   triangle_um(32, 2, false);   /* back */
   read_floats(dev, frt, W, H, fimg);
   const float *f = &fimg[(4 * W + 5) * 4], *b = &fimg[(4 * W + 35) * 4];
   printf("  front (5,4): (%g %g %g), back (35,4): (%g %g %g)\n", f[0], f[1],
          f[2], b[0], b[1], b[2]);
   CHECK(f[0] == 5 && f[1] == 4 && f[2] == 1 && f[3] == 1);
   CHECK(b[0] == 35 && b[1] == 4 && b[2] == 0);
   use(decl_pos_t0, vs, ps_color);
   CHECK_HR(dev->funcs.pfnDeletePixelShader(dev->hDevice, p), S_OK);
}

/* Fog after ps_2_0: the vertex shader's oFog as the factor, and table
 * fog (linear, exp) from the pixel's depth; the colour is
 * lerp(fog colour, colour, f). */
static void
fog(void)
{
   static const uint32_t vs_fog[] = {
      SM_VS(2, 0),
      SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
      SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_RASTOUT, 1, SM_MASK_X),
      SM_SRC(D3DSPR_CONST, 10, SM_REPL(x)),
      SM_END,
   };
   HANDLE v = vertex_shader(dev, vs_fog, ARRAY_SIZE(vs_fog));
   use(decl_pos_t0, v, ps_color);
   start(rt, 0xff000000);
   ps_color_const(1, 1, 1, 1);
   set_rs(dev, D3DRS_FOGCOLOR, 0xff0080ff);
   set_rs(dev, D3DRS_FOGENABLE, TRUE);
   const float t[4] = { 0 };
   /* Vertex fog, f = 0.25. */
   const float f[4] = { 0.25f, 0, 0, 0 };
   set_vs_const(dev, 10, f, 1);
   quad_um(-0.5f, -0.5f, 7.5f, 7.5f, 0.5f, t);
   /* Table fog: linear over [0, 1] at depth 0.25 (f = 0.75), exp with
    * density 2 at 0.5 (f = e^-1). */
   set_rs(dev, D3DRS_FOGTABLEMODE, D3DFOG_LINEAR);
   set_rs(dev, D3DRS_FOGSTART, f2dw(0.0f));
   set_rs(dev, D3DRS_FOGEND, f2dw(1.0f));
   quad_um(9.5f, -0.5f, 17.5f, 7.5f, 0.25f, t);
   set_rs(dev, D3DRS_FOGTABLEMODE, D3DFOG_EXP);
   set_rs(dev, D3DRS_FOGDENSITY, f2dw(2.0f));
   quad_um(19.5f, -0.5f, 27.5f, 7.5f, 0.5f, t);
   set_rs(dev, D3DRS_FOGTABLEMODE, D3DFOG_NONE);
   set_rs(dev, D3DRS_FOGENABLE, FALSE);
   quad_um(29.5f, -0.5f, 37.5f, 7.5f, 0.5f, t);
   read_pixels(dev, rt, W, H, img);
   /* lerp(fog, white, f) per channel, fog = (0, 0x80, 0xff). */
   const float fs[3] = { 0.25f, 0.75f, expf(-1.0f) };
   for (unsigned i = 0; i < 3; i++) {
      const float k = fs[i];
      const uint32_t r = (uint32_t)(255 * k + 0.5f);
      const uint32_t g = (uint32_t)(0x80 + (255 - 0x80) * k + 0.5f);
      const uint32_t e = 0xff0000ffu | r << 16 | g << 8;
      const uint32_t got = img[4 * W + 4 + 10 * i];
      printf("  fog %u: 0x%08x, expected 0x%08x\n", i, got, e);
      CHECK(color_near(got, e, 2));
   }
   CHECK(img[4 * W + 34] == 0xffffffff);
   use(decl_pos_t0, vs, ps_color);
   CHECK_HR(dev->funcs.pfnDeleteVertexShaderFunc(dev->hDevice, v), S_OK);
}

/* ps_1_x texturing: ps_1_1 tex/texcoord on t# registers, ps_1_4
 * texld/texcrd into r#, with the stage's texture at its coordinates. */
static void
ps1x_texturing(void)
{
   static const uint32_t vs_t01[] = {
      SM_VS(2, 0),
      SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
      SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL),
      SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 0),
      SM_DST(D3DSPR_INPUT, 1, SM_MASK_ALL),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_TEXCRDOUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 1, SM_NOSWZ),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_TEXCRDOUT, 1, SM_MASK_ALL),
      SM_SRC(D3DSPR_CONST, 5, SM_NOSWZ),
      SM_END,
   };
   static const uint32_t ps11[] = {
      SM_PS(1, 1),
      SM1_INSTR(D3DSIO_TEX), SM_DST(D3DSPR_TEXTURE, 0, SM_MASK_ALL),
      SM1_INSTR(D3DSIO_TEXCOORD), SM_DST(D3DSPR_TEXTURE, 1, SM_MASK_ALL),
      SM1_INSTR(D3DSIO_MUL), SM_DST(D3DSPR_TEMP, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ), SM_SRC(D3DSPR_TEXTURE, 1, SM_NOSWZ),
      SM_END,
   };
   static const uint32_t ps14[] = {
      SM_PS(1, 4),
      SM1_INSTR(D3DSIO_TEX), SM_DST(D3DSPR_TEMP, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ),
      SM1_INSTR(D3DSIO_TEXCOORD), SM_DST(D3DSPR_TEMP, 1, SM_MASK_XYZ),
      SM_SRC(D3DSPR_TEXTURE, 1, SM_NOSWZ),
      SM1_INSTR(D3DSIO_MUL), SM_DST(D3DSPR_TEMP, 0, SM_MASK_XYZ),
      SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ), SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ),
      SM_END,
   };
   D3DDDI_RESOURCEFLAGS tf = { .Value = 0 };
   tf.Texture = 1;
   HANDLE tex = NULL;
   CHECK_HR(rt_create_surface(dev, D3DDDIFMT_A8R8G8B8, 2, 2, tf,
                              D3DDDIPOOL_VIDEOMEMORY, &tex), S_OK);
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, tex, 0, 0, &l), S_OK);
   for (unsigned y = 0; l.pSurfData && y < 2; y++)
      for (unsigned x = 0; x < 2; x++)
         ((uint32_t *)((uint8_t *)l.pSurfData + y * l.Pitch))[x] = 0xcc804020;
   CHECK_HR(unlock_sub(dev, tex, 0), S_OK);
   HANDLE v = vertex_shader(dev, vs_t01, ARRAY_SIZE(vs_t01));
   HANDLE p11 = pixel_shader(dev, ps11, ARRAY_SIZE(ps11));
   HANDLE p14 = pixel_shader(dev, ps14, ARRAY_SIZE(ps14));
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, tex), S_OK);
   const float t1[4] = { 0.5f, 1.5f, 0.25f, 0.0f };
   set_vs_const(dev, 5, t1, 1);
   const float t[4] = { 0.5f, 0.5f, 0, 1 };
   start(frt, 0);
   use(decl_pos_t0, v, p11);
   quad_um(-0.5f, -0.5f, 3.5f, 3.5f, 0.5f, t);
   use(decl_pos_t0, v, p14);
   quad_um(7.5f, -0.5f, 11.5f, 3.5f, 0.5f, t);
   read_floats(dev, frt, W, H, fimg);
   const float texel[4] = { 0x80 / 255.0f, 0x40 / 255.0f, 0x20 / 255.0f,
                            0xcc / 255.0f };
   /* ps_1_1: texcoord clamps to [0, 1] and sets w = 1. */
   const float e11[4] = { texel[0] * 0.5f, texel[1] * 1.0f,
                          texel[2] * 0.25f, texel[3] };
   /* ps_1_4: texcrd unclamped, alpha from texld. */
   const float e14[4] = { texel[0] * 0.5f, texel[1] * 1.5f,
                          texel[2] * 0.25f, texel[3] };
   const float *g11 = &fimg[(2 * W + 2) * 4], *g14 = &fimg[(2 * W + 9) * 4];
   printf("  ps_1_1 (%g %g %g %g), ps_1_4 (%g %g %g %g)\n", g11[0], g11[1],
          g11[2], g11[3], g14[0], g14[1], g14[2], g14[3]);
   for (unsigned i = 0; i < 4; i++) {
      CHECK(fabsf(g11[i] - e11[i]) < 1e-3f);
      CHECK(fabsf(g14[i] - e14[i]) < 1e-3f);
   }
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, NULL), S_OK);
   use(decl_pos_t0, vs, ps_color);
   CHECK_HR(dev->funcs.pfnDeletePixelShader(dev->hDevice, p11), S_OK);
   CHECK_HR(dev->funcs.pfnDeletePixelShader(dev->hDevice, p14), S_OK);
   CHECK_HR(dev->funcs.pfnDeleteVertexShaderFunc(dev->hDevice, v), S_OK);
   CHECK_HR(rt_destroy_resource(dev, tex), S_OK);
}

/* A depth texture sampled: D3D9's shadow maps, the coordinate's z
 * compared with the texel (passing when less or equal), 1 or 0 in every
 * channel. */
static void
shadow_map(void)
{
   static const uint32_t ps_shadow[] = {
      SM_PS(2, 0),
      SM_DCL(2), SM_DCL_PLAIN, SM_DST(D3DSPR_TEXTURE, 0, SM_MASK_ALL),
      SM_DCL(2), SM_DCL_SAMPLER(D3DSTT_2D), SM_DST(D3DSPR_SAMPLER, 0,
                                                   SM_MASK_ALL),
      SM_INSTR(D3DSIO_TEX, 3), SM_DST(D3DSPR_TEMP, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ), SM_SRC(D3DSPR_SAMPLER, 0, SM_NOSWZ),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ),
      SM_END,
   };
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.ZBuffer = 1;
   f.Texture = 1;
   HANDLE z = NULL;
   CHECK_HR(rt_create_surface(dev, D3DDDIFMT_D24S8, 16, 16, f,
                              D3DDDIPOOL_VIDEOMEMORY, &z), S_OK);
   /* Depth 0.5 everywhere, through Clear with it bound. */
   set_target(dev, 0, frt);
   D3DDDIARG_SETDEPTHSTENCIL ds = { z };
   CHECK_HR(dev->funcs.pfnSetDepthStencil(dev->hDevice, &ds), S_OK);
   set_viewport(dev, 0, 0, 16, 16);
   CHECK_HR(clear(dev, D3DCLEAR_ZBUFFER | D3DCLEAR_COMPUTERECTS, 0, 0.5f, 0,
                  0, NULL), S_OK);
   ds.hZBuffer = NULL;
   CHECK_HR(dev->funcs.pfnSetDepthStencil(dev->hDevice, &ds), S_OK);

   HANDLE p = pixel_shader(dev, ps_shadow, ARRAY_SIZE(ps_shadow));
   use(decl_pos_t0, vs, p);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, z), S_OK);
   start(frt, 0);
   const float near[4] = { 0.5f, 0.5f, 0.25f, 1 }, far[4] = { 0.5f, 0.5f,
                                                              0.75f, 1 };
   quad_um(-0.5f, -0.5f, 3.5f, 3.5f, 0.5f, near);
   quad_um(7.5f, -0.5f, 11.5f, 3.5f, 0.5f, far);
   read_floats(dev, frt, W, H, fimg);
   const float *a = &fimg[(2 * W + 2) * 4], *b = &fimg[(2 * W + 9) * 4];
   printf("  z 0.25: (%g %g %g %g), z 0.75: (%g %g %g %g)\n", a[0], a[1],
          a[2], a[3], b[0], b[1], b[2], b[3]);
   CHECK(a[0] == 1 && a[1] == 1 && a[2] == 1 && a[3] == 1);
   CHECK(b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, NULL), S_OK);
   use(decl_pos_t0, vs, ps_color);
   CHECK_HR(dev->funcs.pfnDeletePixelShader(dev->hDevice, p), S_OK);
   CHECK_HR(rt_destroy_resource(dev, z), S_OK);
}

static void
bad_input(void)
{
   start(rt, 0xff000000);
   D3DDDIARG_DRAWPRIMITIVE d = { D3DPT_TRIANGLELIST, 0, 1 };
   /* No shaders. */
   CHECK_HR(dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, NULL), S_OK);
   CHECK_HR(dev->funcs.pfnDrawPrimitive(dev->hDevice, &d, NULL), E_FAIL);
   use(decl_pos_t0, vs, ps_color);
   /* No declaration. */
   CHECK_HR(dev->funcs.pfnSetVertexShaderDecl(dev->hDevice, NULL), S_OK);
   CHECK_HR(dev->funcs.pfnDrawPrimitive(dev->hDevice, &d, NULL), E_FAIL);
   use(decl_pos_t0, vs, ps_color);
   /* Invalid primitive type, stream, declarations, shader handles. */
   D3DDDIARG_DRAWPRIMITIVE bad = { (D3DPRIMITIVETYPE)7, 0, 1 };
   CHECK_HR(dev->funcs.pfnDrawPrimitive(dev->hDevice, &bad, NULL), E_FAIL);
   D3DDDIARG_SETSTREAMSOURCE s = { 16, NULL, 0, 16 };
   CHECK_HR(dev->funcs.pfnSetStreamSource(dev->hDevice, &s), E_FAIL);
   const D3DDDIVERTEXELEMENT e = { 0, 0, D3DDECLTYPE_UNUSED, 0, 0, 0 };
   D3DDDIARG_CREATEVERTEXSHADERDECL a = { 1, NULL };
   CHECK_HR(dev->funcs.pfnCreateVertexShaderDecl(dev->hDevice, &a, &e),
            E_FAIL);
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, vs), E_FAIL);
   CHECK_HR(dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, ps_color),
            E_FAIL);
   CHECK_HR(dev->funcs.pfnSetVertexShaderDecl(dev->hDevice, vs), E_FAIL);
   /* Malformed bytecode. */
   const uint32_t truncated[] = { SM_PS(2, 0), SM_INSTR(D3DSIO_MOV, 2) };
   D3DDDIARG_CREATEPIXELSHADER ps = { sizeof(truncated), NULL };
   CHECK_HR(dev->funcs.pfnCreatePixelShader(dev->hDevice, &ps,
                                            (const UINT *)truncated),
            E_FAIL);
   const uint32_t wrong_type[] = { SM_VS(2, 0), SM_END };
   ps.CodeSize = sizeof(wrong_type);
   CHECK_HR(dev->funcs.pfnCreatePixelShader(dev->hDevice, &ps,
                                            (const UINT *)wrong_type),
            E_FAIL);
   /* Constants past the files. */
   const float c[8] = { 0 };
   D3DDDIARG_SETPIXELSHADERCONST pc = { 223, 2 };
   CHECK_HR(dev->funcs.pfnSetPixelShaderConst(dev->hDevice, &pc, c), E_FAIL);
   D3DDDIARG_SETVERTEXSHADERCONST vc = { 255, 2 };
   CHECK_HR(dev->funcs.pfnSetVertexShaderConst(dev->hDevice, &vc, c), E_FAIL);
   /* The device still draws. */
   ps_color_const(1, 1, 1, 1);
   const float t[4] = { 0 };
   quad_um(-0.5f, -0.5f, 3.5f, 3.5f, 0.5f, t);
   CHECK(count_bad_rect(0, 0, 4, 4, 0xffffffff, 0xff000000) == 0);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   struct rt_adapter *adapter = test_open_adapter(drv);
   dev = test_create_device(adapter);
   rt = render_target(dev, D3DDDIFMT_A8R8G8B8, W, H);
   frt = render_target(dev, D3DDDIFMT_A32B32G32R32F, W, H);
   decl_pos_t0 = vertex_decl(dev, elems_pos_t0, 2);
   vs = vertex_shader(dev, vs_pos_t0, sizeof(vs_pos_t0) / 4);
   ps_color = pixel_shader(dev, ps_c0, sizeof(ps_c0) / 4);
   ps_tc = pixel_shader(dev, ps_t0, sizeof(ps_t0) / 4);
   ps_sample = pixel_shader(dev, ps_tex, sizeof(ps_tex) / 4);

   SUBTEST("pixel-centres", pixel_centres());
   SUBTEST("top-left-rule", top_left_rule());
  SUBTEST("cull-modes", cull_modes());
   SUBTEST("decl-types", decl_types());
   SUBTEST("primitive-types", primitive_types());
   SUBTEST("indexed", indexed());
   SUBTEST("system-memory-buffers", sysmem_buffers());
   SUBTEST("sm3-linkage", sm3_linkage());
   SUBTEST("constants", constants());
   SUBTEST("blend-and-masks", blend_and_masks());
   /* D24S8 is stored as Z24S8, or as Z32F_S8 where the screen lacks it
    * (zink over lavapipe); a screen with neither has no stencil. */
   HANDLE probe = NULL;
   D3DDDI_RESOURCEFLAGS zf = { .Value = 0 };
   zf.ZBuffer = 1;
   if (FAILED(rt_create_surface(dev, D3DDDIFMT_D24S8, W, H, zf,
                                D3DDDIPOOL_VIDEOMEMORY, &probe))) {
      printf("depth-and-stencil: skip: the screen has neither Z24S8 nor "
             "Z32F_S8 for D3D9's D24S8\n");
      piglit_subtest("depth-and-stencil", PIGLIT_SKIP);
   } else {
      CHECK_HR(rt_destroy_resource(dev, probe), S_OK);
      SUBTEST("depth-and-stencil", depth_and_stencil());
   }
   SUBTEST("texture-2d", texture_2d());
   SUBTEST("pretransformed", pretransformed());
   SUBTEST("occlusion", occlusion());
   SUBTEST("timestamps", timestamps());
   SUBTEST("float-target-edges", float_target_edges());
   SUBTEST("vpos-vface", vpos_vface());
   SUBTEST("alpha-test", alpha_test());
   SUBTEST("fog", fog());
   SUBTEST("ps-1-x-texturing", ps1x_texturing());
   SUBTEST("shadow-map", shadow_map());
   SUBTEST("flat-shading", flat_shading());
   SUBTEST("clip-planes", clip_planes());
   SUBTEST("bad-input", bad_input());

   CHECK_HR(rt_destroy_resource(dev, rt), S_OK);
   CHECK_HR(rt_destroy_resource(dev, frt), S_OK);
   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL
                                                     : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

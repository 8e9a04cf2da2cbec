/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-render-points: point lists, checked against the test's own
 * reference of D3D9's rules:
 *  - a point of size S at screen position (x, y) is the square from
 *    (x - S/2, y - S/2) to (x + S/2, y + S/2) rasterised as two triangles:
 *    pixel (i, j) (centre on integers) is covered when
 *    x - S/2 <= i < x + S/2 and y - S/2 <= j < y + S/2 (the top-left
 *    rule for edges through pixel centres);
 *  - the size is the vertex shader's oPts or D3DRS_POINTSIZE, within
 *    D3DRS_POINTSIZE_MIN and D3DRS_POINTSIZE_MAX;
 *  - with D3DRS_POINTSPRITEENABLE every texture coordinate the pixel
 *    shader reads is the sprite's: u = (i - (x - S/2)) / S,
 *    v = (j - (y - S/2)) / S at the pixel's centre, (0, 0) at the top
 *    left, z = 0, w = 1; in ps_2_0 (t#) and ps_3_0 (TEXCOORD inputs);
 *  - without it, or for other primitives, the coordinates are the
 *    vertex's.
 */

#include "render_util.h"

#define W 64
#define H 64

static struct rt_device *dev;
static HANDLE rt, frt;  /* A8R8G8B8 and A32B32G32R32F targets */
static HANDLE decl, vs, vs_psize, ps_white, ps_tc, ps_sample;

static uint32_t img[W * H], expect[W * H];
static float fimg[W * H * 4];

/* oPos = v0, oT0 = v1, oPts = c0.x */
static const uint32_t vs_pts[] = {
   SM_VS(2, 0),
   SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
   SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL),
   SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 0),
   SM_DST(D3DSPR_INPUT, 1, SM_MASK_ALL),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL),
   SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_TEXCRDOUT, 0, SM_MASK_ALL),
   SM_SRC(D3DSPR_INPUT, 1, SM_NOSWZ),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_RASTOUT, 2, SM_MASK_X),
   SM_SRC(D3DSPR_CONST, 0, SM_REPL(x)),
   SM_END,
};

static void
use(HANDLE v, HANDLE p)
{
   CHECK_HR(dev->funcs.pfnSetVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, v), S_OK);
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, p), S_OK);
}

static void
start(HANDLE target)
{
   set_target(dev, 0, target);
   set_viewport(dev, 0, 0, W, H);
   set_rs(dev, D3DRS_CULLMODE, D3DCULL_NONE);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff000000,
                  1.0f, 0, 0, NULL), S_OK);
   for (unsigned i = 0; i < W * H; i++)
      expect[i] = 0xff000000;
}

/* One point at screen position (x, y), texture coordinates t. */
static void
point_um(float x, float y, const float *t)
{
   const struct vtx v = sv(x, y, 0.5f, t[0], t[1], t[2], t[3]);
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, &v), S_OK);
   CHECK_HR(draw(dev, D3DPT_POINTLIST, 0, 1), S_OK);
}

/* The pixels D3D9 covers with a point of size s at (x, y). */
static void
covered(float x, float y, float s, int *x0, int *y0, int *x1, int *y1)
{
   *x0 = (int)ceilf(x - s / 2);
   *y0 = (int)ceilf(y - s / 2);
   *x1 = (int)ceilf(x + s / 2);   /* exclusive */
   *y1 = (int)ceilf(y + s / 2);
}

static void
expect_point(float x, float y, float s, uint32_t color)
{
   int x0, y0, x1, y1;
   covered(x, y, s, &x0, &y0, &x1, &y1);
   for (int j = MAX2(y0, 0); j < MIN2(y1, H); j++)
      for (int i = MAX2(x0, 0); i < MIN2(x1, W); i++)
         expect[j * W + i] = color;
}

static unsigned
count_bad(void)
{
   unsigned bad = 0;
   read_pixels(dev, rt, W, H, img);
   for (unsigned i = 0; i < W * H; i++)
      if (img[i] != expect[i] && bad++ < 6)
         printf("  pixel (%u,%u): 0x%08x, expected 0x%08x\n", i % W, i / W,
                img[i], expect[i]);
   return bad;
}

static void
point_size_state(float s)
{
   set_rs(dev, D3DRS_POINTSIZE, f2dw(s));
}

static void
defaults(void)
{
   set_rs(dev, D3DRS_POINTSIZE, f2dw(1.0f));
   set_rs(dev, D3DRS_POINTSIZE_MIN, f2dw(1.0f));
   set_rs(dev, D3DRS_POINTSIZE_MAX, f2dw(64.0f));
   set_rs(dev, D3DRS_POINTSPRITEENABLE, FALSE);
}

/* Sizes from D3DRS_POINTSIZE at integer and half-integer positions, odd
 * and even sizes: every case of edges on and off pixel centres. */
static const struct { float x, y, s; } cases[] = {
   { 3, 3, 1 }, { 10, 3, 2 }, { 17, 3, 3 }, { 25, 3, 4 },
   { 34.5f, 3.5f, 3 }, { 42.5f, 3.5f, 2 }, { 50.5f, 3.5f, 1 },
   { 58.25f, 3.75f, 5 }, { 6, 16, 7 }, { 18.5f, 16, 6 }, { 31, 16.5f, 8 },
   { 45.3f, 17.6f, 9.5f },
};

static void
size_render_state(void)
{
   use(vs, ps_white);
   start(rt);
   for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
      point_size_state(cases[i].s);
      const float t[4] = { 0 };
      point_um(cases[i].x, cases[i].y, t);
      expect_point(cases[i].x, cases[i].y, cases[i].s, 0xffffffff);
   }
   CHECK(count_bad() == 0);
   defaults();
}

/* The same from the vertex shader's oPts, D3DRS_POINTSIZE set to
 * something else (ignored). */
static void
size_from_opts(void)
{
   use(vs_psize, ps_white);
   start(rt);
   point_size_state(2.0f);
   for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
      const float c0[4] = { cases[i].s, 0, 0, 0 };
      set_vs_const(dev, 0, c0, 1);
      const float t[4] = { 0 };
      point_um(cases[i].x, cases[i].y, t);
      expect_point(cases[i].x, cases[i].y, cases[i].s, 0xffffffff);
   }
   CHECK(count_bad() == 0);
   defaults();
}

/* D3DRS_POINTSIZE_MIN and MAX clamp both sizes. */
static void
size_clamped(void)
{
   const float t[4] = { 0 };
   use(vs, ps_white);
   start(rt);
   set_rs(dev, D3DRS_POINTSIZE_MAX, f2dw(4.0f));
   point_size_state(10.0f);
   point_um(10, 10, t);
   expect_point(10, 10, 4, 0xffffffff);
   set_rs(dev, D3DRS_POINTSIZE_MAX, f2dw(64.0f));
   set_rs(dev, D3DRS_POINTSIZE_MIN, f2dw(5.0f));
   point_size_state(2.0f);
   point_um(30, 10, t);
   expect_point(30, 10, 5, 0xffffffff);

   use(vs_psize, ps_white);
   const float big[4] = { 9, 0, 0, 0 }, small[4] = { 1, 0, 0, 0 };
   set_rs(dev, D3DRS_POINTSIZE_MIN, f2dw(1.0f));
   set_rs(dev, D3DRS_POINTSIZE_MAX, f2dw(3.0f));
   set_vs_const(dev, 0, big, 1);
   point_um(10, 40, t);
   expect_point(10, 40, 3, 0xffffffff);
   set_rs(dev, D3DRS_POINTSIZE_MAX, f2dw(64.0f));
   set_rs(dev, D3DRS_POINTSIZE_MIN, f2dw(6.0f));
   set_vs_const(dev, 0, small, 1);
   point_um(30, 40, t);
   expect_point(30, 40, 6, 0xffffffff);
   CHECK(count_bad() == 0);
   defaults();
}

static HANDLE
texture_4x4(void)
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
   return tex;
}

/* A 4x4 texture on sprites, point filtering: each pixel shows the texel
 * floor(4u), floor(4v) of its sprite coordinate.  Positions a quarter
 * pixel off the grid keep every pixel centre away from texel edges. */
static void
sprite_texture(HANDLE v, HANDLE p)
{
   HANDLE tex = texture_4x4();
   use(v, p);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, tex), S_OK);
   start(rt);
   set_rs(dev, D3DRS_POINTSPRITEENABLE, TRUE);
   static const struct { float x, y, s; } sp[] = {
      { 12.25f, 12.25f, 8 }, { 40.75f, 20.25f, 16 }, { 14.25f, 44.75f, 12 },
   };
   /* The vertex's coordinates point at texel (3, 3): replaced. */
   const float t[4] = { 0.9f, 0.9f, 0, 1 };
   for (unsigned k = 0; k < ARRAY_SIZE(sp); k++) {
      point_size_state(sp[k].s);
      point_um(sp[k].x, sp[k].y, t);
      int x0, y0, x1, y1;
      covered(sp[k].x, sp[k].y, sp[k].s, &x0, &y0, &x1, &y1);
      for (int j = y0; j < y1; j++)
         for (int i = x0; i < x1; i++) {
            const float u = (i - (sp[k].x - sp[k].s / 2)) / sp[k].s;
            const float vv = (j - (sp[k].y - sp[k].s / 2)) / sp[k].s;
            const unsigned tx = MIN2((unsigned)(u * 4), 3u);
            const unsigned ty = MIN2((unsigned)(vv * 4), 3u);
            expect[j * W + i] = 0xff000000u | (tx * 0x40) << 16 |
                                (ty * 0x40) << 8 | 0x11;
         }
   }
   CHECK(count_bad() == 0);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, NULL), S_OK);
   CHECK_HR(rt_destroy_resource(dev, tex), S_OK);
   defaults();
}

static void
sprite_coords_ps2(void)
{
   sprite_texture(vs, ps_sample);
}

/* ps_3_0 reads its TEXCOORD input v3 (dcl_texcoord0) as the sprite's. */
static void
sprite_coords_ps3(void)
{
   static const uint32_t vs3[] = {
      SM_VS(3, 0),
      SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
      SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL),
      SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 0),
      SM_DST(D3DSPR_INPUT, 1, SM_MASK_ALL),
      SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
      SM_DST(D3DSPR_OUTPUT, 0, SM_MASK_ALL),
      SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 0),
      SM_DST(D3DSPR_OUTPUT, 2, SM_MASK_ALL),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_OUTPUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_OUTPUT, 2, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 1, SM_NOSWZ),
      SM_END,
   };
   static const uint32_t ps3[] = {
      SM_PS(3, 0),
      SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 0),
      SM_DST(D3DSPR_INPUT, 3, SM_MASK_XY),
      SM_INSTR(D3DSIO_DCL, 2), SM_DCL_SAMPLER(D3DSTT_2D),
      SM_DST(D3DSPR_SAMPLER, 0, SM_MASK_ALL),
      SM_INSTR(D3DSIO_TEX, 3), SM_DST(D3DSPR_TEMP, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 3, SM_NOSWZ), SM_SRC(D3DSPR_SAMPLER, 0, SM_NOSWZ),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ),
      SM_END,
   };
   HANDLE v = vertex_shader(dev, vs3, ARRAY_SIZE(vs3));
   HANDLE p = pixel_shader(dev, ps3, ARRAY_SIZE(ps3));
   sprite_texture(v, p);
   use(vs, ps_white);
   CHECK_HR(dev->funcs.pfnDeleteVertexShaderFunc(dev->hDevice, v), S_OK);
   CHECK_HR(dev->funcs.pfnDeletePixelShader(dev->hDevice, p), S_OK);
}

/* The coordinates themselves on a float target: (u, v, 0, 1) at each
 * pixel centre, within what an exact rasteriser's 1/128-pixel offset
 * (D3DUMD_PIXEL_OFFSET) moves them. */
static void
sprite_values(void)
{
   use(vs, ps_tc);
   set_target(dev, 0, frt);
   set_viewport(dev, 0, 0, W, H);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0, 1.0f, 0,
                  0, NULL), S_OK);
   set_rs(dev, D3DRS_POINTSPRITEENABLE, TRUE);
   const float x = 20, y = 30, s = 10;
   point_size_state(s);
   const float t[4] = { 0.5f, 0.5f, 0.5f, 0.5f };
   point_um(x, y, t);
   read_floats(dev, frt, W, H, fimg);
   int x0, y0, x1, y1;
   covered(x, y, s, &x0, &y0, &x1, &y1);
   unsigned bad = 0;
   const float tol = 0.02f;
   for (int j = y0; j < y1; j++)
      for (int i = x0; i < x1; i++) {
         const float *p = &fimg[(j * W + i) * 4];
         const float u = (i - (x - s / 2)) / s, v = (j - (y - s / 2)) / s;
         if ((fabsf(p[0] - u) > tol || fabsf(p[1] - v) > tol || p[2] != 0 ||
              p[3] != 1) && bad++ < 4)
            printf("  pixel (%d,%d): (%g %g %g %g), expected (%g %g 0 1)\n",
                   i, j, p[0], p[1], p[2], p[3], u, v);
      }
   CHECK(bad == 0);
   defaults();
}

/* Sprites off: the vertex's coordinates over the whole square; sprites
 * on but triangles: the vertices' too. */
static void
sprites_off(void)
{
   use(vs, ps_tc);
   start(rt);
   const float t[4] = { 0.25f, 0.5f, 0.75f, 1.0f };
   const uint32_t c = 0xff000000u | 0x40 << 16 | 0x80 << 8 | 0xbf;
   point_size_state(6);
   point_um(10, 10, t);
   expect_point(10, 10, 6, c);
   set_rs(dev, D3DRS_POINTSPRITEENABLE, TRUE);
   const struct vtx tri[3] = {
      sv(30, 4, 0.5f, t[0], t[1], t[2], t[3]),
      sv(50, 4, 0.5f, t[0], t[1], t[2], t[3]),
      sv(30, 24, 0.5f, t[0], t[1], t[2], t[3]),
   };
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, tri), S_OK);
   CHECK_HR(draw(dev, D3DPT_TRIANGLELIST, 0, 1), S_OK);
   read_pixels(dev, rt, W, H, img);
   unsigned bad = 0;
   for (unsigned i = 0; i < W * H; i++) {
      const unsigned px = i % W, py = i / W;
      /* The triangle's inside, away from its edges. */
      const bool in_tri = px > 31 && py > 5 && px + py < 50;
      const uint32_t e = in_tri ? c : expect[i];
      const bool edge = !in_tri && px >= 29 && py >= 3 && px + py <= 55;
      if (!edge && !color_near(img[i], e, 1) && bad++ < 6)
         printf("  pixel (%u,%u): 0x%08x, expected 0x%08x\n", px, py, img[i],
                e);
   }
   CHECK(bad == 0);
   defaults();
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
   decl = vertex_decl(dev, elems_pos_t0, 2);
   vs = vertex_shader(dev, vs_pos_t0, ARRAY_SIZE(vs_pos_t0));
   vs_psize = vertex_shader(dev, vs_pts, ARRAY_SIZE(vs_pts));
   ps_white = pixel_shader(dev, ps_c0, ARRAY_SIZE(ps_c0));
   ps_tc = pixel_shader(dev, ps_t0, ARRAY_SIZE(ps_t0));
   ps_sample = pixel_shader(dev, ps_tex, ARRAY_SIZE(ps_tex));
   const float one[4] = { 1, 1, 1, 1 };
   set_ps_const(dev, 0, one, 1);
   defaults();

   SUBTEST("size-render-state", size_render_state());
   SUBTEST("size-from-opts", size_from_opts());
   SUBTEST("size-clamped", size_clamped());
   SUBTEST("sprite-coords-ps2", sprite_coords_ps2());
   SUBTEST("sprite-coords-ps3", sprite_coords_ps3());
   SUBTEST("sprite-values", sprite_values());
   SUBTEST("sprites-off", sprites_off());

   CHECK_HR(rt_destroy_resource(dev, rt), S_OK);
   CHECK_HR(rt_destroy_resource(dev, frt), S_OK);
   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL
                                                     : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

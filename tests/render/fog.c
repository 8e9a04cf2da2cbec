/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-render-fog: the fog D3D9 applies after pixel shaders below 3.0,
 * against factors the test computes itself:
 *  - table fog (D3DRS_FOGTABLEMODE) from the pixel's depth z, or with
 *    D3DRS_ZENABLE = D3DZB_USEW from its eye-space w: linear
 *    f = (end - d) / (end - start), exp f = e^(-density d),
 *    exp2 f = e^(-(density d)^2), clamped to [0, 1];
 *  - D3DZB_USEW's depth test is the z test (no D3DPRASTERCAPS_WBUFFER);
 *  - D3DRS_RANGEFOGENABLE is vertex fog's (the runtime's fixed-function
 *    vertex shader computes it): table fog and a shader's oFog ignore it;
 *  - the colour is lerp(fog colour, colour, f) in rgb, alpha kept.
 */

#include "render_util.h"

#define W 64
#define H 16

static struct rt_device *dev;
static HANDLE rt, decl, vs, ps;
static uint32_t img[W * H];

/* oPos = v0 * c4 (clip w = c4.w, the same screen position and depth),
 * oFog = c5.x */
static const uint32_t vs_w[] = {
   SM_VS(2, 0),
   SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
   SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL),
   SM_INSTR(D3DSIO_MUL, 3), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL),
   SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ), SM_SRC(D3DSPR_CONST, 4, SM_NOSWZ),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_RASTOUT, 1, SM_MASK_X),
   SM_SRC(D3DSPR_CONST, 5, SM_REPL(x)),
   SM_END,
};

#define FOG_COLOR 0xff0080ffu

/* An 8x8 quad at column `slot` (x = 10 slot .. 10 slot + 8), depth z,
 * clip w, vertex fog factor vf. */
static void
quad(unsigned slot, float z, float w, float vf)
{
   const float x0 = 10.0f * slot - 0.5f, x1 = x0 + 8, y0 = -0.5f, y1 = 7.5f;
   const struct vtx v[6] = {
      sv(x0, y0, z, 0, 0, 0, 0), sv(x1, y0, z, 0, 0, 0, 0),
      sv(x0, y1, z, 0, 0, 0, 0), sv(x1, y0, z, 0, 0, 0, 0),
      sv(x1, y1, z, 0, 0, 0, 0), sv(x0, y1, z, 0, 0, 0, 0),
   };
   const float c4[4] = { w, w, w, w }, c5[4] = { vf, 0, 0, 0 };
   set_vs_const(dev, 4, c4, 1);
   set_vs_const(dev, 5, c5, 1);
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, v), S_OK);
   CHECK_HR(draw(dev, D3DPT_TRIANGLELIST, 0, 2), S_OK);
}

/* The CPU's factors. */
static float
linear_f(float d, float start, float end)
{
   const float f = (end - d) / (end - start);
   return f < 0 ? 0 : f > 1 ? 1 : f;
}

static float
exp_f(float d, float density, bool squared)
{
   const float x = density * d;
   return expf(squared ? -x * x : -x);
}

/* White fogged by f. */
static uint32_t
fogged(float f)
{
   const uint32_t r = (uint32_t)(255 * f + 0.5f);
   const uint32_t g = (uint32_t)(0x80 + (255 - 0x80) * f + 0.5f);
   return 0xff0000ffu | r << 16 | g << 8;
}

static void
start(void)
{
   set_target(dev, 0, rt);
   set_viewport(dev, 0, 0, W, H);
   set_rs(dev, D3DRS_CULLMODE, D3DCULL_NONE);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff000000,
                  1.0f, 0, 0, NULL), S_OK);
   set_rs(dev, D3DRS_FOGCOLOR, FOG_COLOR);
   set_rs(dev, D3DRS_FOGENABLE, TRUE);
}

static void
stop(void)
{
   set_rs(dev, D3DRS_FOGENABLE, FALSE);
   set_rs(dev, D3DRS_FOGTABLEMODE, D3DFOG_NONE);
   set_rs(dev, D3DRS_ZENABLE, D3DZB_FALSE);
   set_rs(dev, D3DRS_RANGEFOGENABLE, FALSE);
}

/* Each slot's centre pixel against its expected factor. */
static void
check_slots(const float *f, unsigned n)
{
   read_pixels(dev, rt, W, H, img);
   for (unsigned i = 0; i < n; i++) {
      const uint32_t e = fogged(f[i]);
      const uint32_t got = img[4 * W + 10 * i + 4];
      printf("  slot %u: 0x%08x, expected 0x%08x (f = %.4f)\n", i, got, e,
             f[i]);
      CHECK(color_near(got, e, 2));
   }
}

static void
table(DWORD mode, float start_, float end, float density)
{
   set_rs(dev, D3DRS_FOGTABLEMODE, mode);
   set_rs(dev, D3DRS_FOGSTART, f2dw(start_));
   set_rs(dev, D3DRS_FOGEND, f2dw(end));
   set_rs(dev, D3DRS_FOGDENSITY, f2dw(density));
}

/* D3DZB_USEW: the distance is w (1, 2, 4 here) whatever the depth
 * (0.25 everywhere, which z fog would fog differently). */
static void
w_fog(void)
{
   start();
   set_rs(dev, D3DRS_ZENABLE, D3DZB_USEW);
   float f[6];
   table(D3DFOG_LINEAR, 0.5f, 4.5f, 1.0f);
   quad(0, 0.25f, 1, 0);
   quad(1, 0.25f, 2, 0);
   quad(2, 0.25f, 4, 0);
   f[0] = linear_f(1, 0.5f, 4.5f);
   f[1] = linear_f(2, 0.5f, 4.5f);
   f[2] = linear_f(4, 0.5f, 4.5f);
   table(D3DFOG_EXP, 0, 1, 0.5f);
   quad(3, 0.25f, 2, 0);
   f[3] = exp_f(2, 0.5f, false);
   table(D3DFOG_EXP2, 0, 1, 0.4f);
   quad(4, 0.25f, 3, 0);
   f[4] = exp_f(3, 0.4f, true);
   /* Back to a z-buffer: z-based again (0.25 over [0, 1]). */
   set_rs(dev, D3DRS_ZENABLE, D3DZB_TRUE);
   table(D3DFOG_LINEAR, 0, 1, 1);
   quad(5, 0.25f, 4, 0);
   f[5] = linear_f(0.25f, 0, 1);
   check_slots(f, 6);
   stop();
}

/* The same w with a z-buffer (or none): z-based, w does not matter. */
static void
z_fog(void)
{
   start();
   float f[4];
   table(D3DFOG_LINEAR, 0, 1, 1);
   quad(0, 0.25f, 1, 0);
   quad(1, 0.25f, 4, 0);
   f[0] = f[1] = linear_f(0.25f, 0, 1);
   table(D3DFOG_EXP, 0, 1, 2);
   quad(2, 0.5f, 3, 0);
   f[2] = exp_f(0.5f, 2, false);
   table(D3DFOG_EXP2, 0, 1, 2);
   quad(3, 0.5f, 3, 0);
   f[3] = exp_f(0.5f, 2, true);
   check_slots(f, 4);
   stop();
}

/* Range fog changes neither table fog nor the vertex shader's oFog. */
static void
range_fog(void)
{
   start();
   set_rs(dev, D3DRS_RANGEFOGENABLE, TRUE);
   float f[3];
   table(D3DFOG_LINEAR, 0, 1, 1);
   quad(0, 0.25f, 2, 0);
   f[0] = linear_f(0.25f, 0, 1);
   table(D3DFOG_NONE, 0, 1, 1);
   quad(1, 0.25f, 2, 0.3f);
   f[1] = 0.3f;
   quad(2, 0.75f, 1, 0.8f);
   f[2] = 0.8f;
   check_slots(f, 3);
   stop();
}

/* D3DZB_USEW tests depth like D3DZB_TRUE: z against the depth buffer,
 * w (different for each quad) plays no part. */
static void
usew_depth_test(void)
{
   D3DDDI_RESOURCEFLAGS zf = { .Value = 0 };
   zf.ZBuffer = 1;
   HANDLE z = NULL;
   if (FAILED(rt_create_surface(dev, D3DDDIFMT_D24S8, W, H, zf,
                                D3DDDIPOOL_VIDEOMEMORY, &z))) {
      printf("  skip: no D24S8 depth buffer on this screen\n");
      return;
   }
   D3DDDIARG_SETDEPTHSTENCIL ds = { z };
   CHECK_HR(dev->funcs.pfnSetDepthStencil(dev->hDevice, &ds), S_OK);
   set_target(dev, 0, rt);
   set_viewport(dev, 0, 0, W, H);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_ZBUFFER |
                  D3DCLEAR_COMPUTERECTS, 0xff000000, 1.0f, 0, 0, NULL), S_OK);
   set_rs(dev, D3DRS_ZENABLE, D3DZB_USEW);
   set_rs(dev, D3DRS_ZFUNC, D3DCMP_LESSEQUAL);
   set_rs(dev, D3DRS_ZWRITEENABLE, TRUE);
   const float red[4] = { 1, 0, 0, 1 }, green[4] = { 0, 1, 0, 1 };
   /* Slot 0: z 0.5 (w 1) then z 0.75 (w 0.5, nearer in w): red stays.
    * Slot 1: z 0.5 (w 4) then z 0.25 (w 8): green wins. */
   set_ps_const(dev, 0, red, 1);
   quad(0, 0.5f, 1, 0);
   quad(1, 0.5f, 4, 0);
   set_ps_const(dev, 0, green, 1);
   quad(0, 0.75f, 0.5f, 0);
   quad(1, 0.25f, 8, 0);
   read_pixels(dev, rt, W, H, img);
   printf("  slot 0: 0x%08x, slot 1: 0x%08x\n", img[4 * W + 4],
          img[4 * W + 14]);
   CHECK(img[4 * W + 4] == 0xffff0000);
   CHECK(img[4 * W + 14] == 0xff00ff00);
   const float white[4] = { 1, 1, 1, 1 };
   set_ps_const(dev, 0, white, 1);
   set_rs(dev, D3DRS_ZENABLE, D3DZB_FALSE);
   ds.hZBuffer = NULL;
   CHECK_HR(dev->funcs.pfnSetDepthStencil(dev->hDevice, &ds), S_OK);
   CHECK_HR(rt_destroy_resource(dev, z), S_OK);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   struct rt_adapter *adapter = test_open_adapter(drv);
   dev = test_create_device(adapter);
   rt = render_target(dev, D3DDDIFMT_A8R8G8B8, W, H);
   decl = vertex_decl(dev, elems_pos_t0, 2);
   vs = vertex_shader(dev, vs_w, ARRAY_SIZE(vs_w));
   ps = pixel_shader(dev, ps_c0, ARRAY_SIZE(ps_c0));
   CHECK_HR(dev->funcs.pfnSetVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, vs), S_OK);
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, ps), S_OK);
   const float white[4] = { 1, 1, 1, 1 };
   set_ps_const(dev, 0, white, 1);

   SUBTEST("w-fog", w_fog());
   SUBTEST("z-fog", z_fog());
   SUBTEST("range-fog", range_fog());
   SUBTEST("usew-depth-test", usew_depth_test());

   CHECK_HR(rt_destroy_resource(dev, rt), S_OK);
   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL
                                                     : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

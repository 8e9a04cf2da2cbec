/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-render-formats: formats and multisampling through the DDI, each
 * checked against the test's own arithmetic:
 *  - float targets (R16F, G16R16F, A16B16G16R16F, R32F, A32B32G32R32F)
 *    written by a draw and read back exactly (the test decodes halves);
 *  - sRGB writes and reads against the test's own sRGB formula;
 *  - the vendor depth formats read as values (INTZ: depth in every
 *    channel; DF16, DF24: depth in red, 0, 0, 1);
 *  - a depth-only pass with a NULL render target, whose size is the
 *    framebuffer's;
 *  - ATI1 and ATI2 (BC4, BC5) written through Lock block by block and
 *    sampled, against the test's own block decoder (ATI2: D3D9's channel
 *    order, red from the second block);
 *  - 4x multisampling: a triangle edge resolved by Blt (coverage steps
 *    of a quarter on edge pixels, exact inside and outside), with
 *    MULTISAMPLEANTIALIAS off (no steps; zink cannot) and MULTISAMPLEMASK
 *    (a quarter),
 *    Clear and ColorFill of every sample, a multisampled depth buffer;
 *  - GETMULTISAMPLEQUALITYLEVELS against creation: every reported count
 *    and NONMASKABLE quality creates, every other one fails with E_FAIL;
 *  - RESZ: a multisampled depth buffer resolved into an INTZ texture.
 * Formats and counts the screen lacks (by the format table and quality
 * levels the driver reports) skip with the reason.
 */

#include "render_util.h"

#define W 16
#define H 16

#define FOURCC(a, b, c, d) \
   ((D3DDDIFORMAT)((uint32_t)(a) | ((uint32_t)(b) << 8) | \
                   ((uint32_t)(c) << 16) | ((uint32_t)(d) << 24)))
#define FMT_INTZ FOURCC('I', 'N', 'T', 'Z')
#define FMT_DF16 FOURCC('D', 'F', '1', '6')
#define FMT_DF24 FOURCC('D', 'F', '2', '4')
#define FMT_RESZ FOURCC('R', 'E', 'S', 'Z')
#define FMT_NULL FOURCC('N', 'U', 'L', 'L')
#define FMT_ATI1 FOURCC('A', 'T', 'I', '1')
#define FMT_ATI2 FOURCC('A', 'T', 'I', '2')
#define RESZ_CODE 0x7fa05000u

static struct rt_adapter *adapter;
static struct rt_device *dev;
static HANDLE frt;          /* A32B32G32R32F, W x H */
static HANDLE decl, vs, ps_color, ps_sample;
static float fimg[W * H * 4];

static FORMATOP formats[512];
static UINT num_formats;

/* A subtest that cannot run says why and skips. */
static const char *skip_reason;

#define RUN(name, call)                                                   \
   do {                                                                   \
      piglit_check_failed = false;                                        \
      skip_reason = NULL;                                                 \
      call;                                                               \
      if (skip_reason && !piglit_check_failed) {                          \
         printf("%s: skip: %s\n", (name), skip_reason);                   \
         piglit_subtest((name), PIGLIT_SKIP);                             \
      } else {                                                            \
         piglit_subtest((name), piglit_check_failed ? PIGLIT_FAIL         \
                                                    : PIGLIT_PASS);       \
      }                                                                   \
   } while (0)

static DWORD
format_ops(D3DDDIFORMAT f)
{
   for (unsigned i = 0; i < num_formats; i++)
      if (formats[i].Format == f)
         return formats[i].Operations;
   return 0;
}

static UINT
ms_levels(D3DDDIFORMAT f, D3DDDIMULTISAMPLE_TYPE type)
{
   DDIMULTISAMPLEQUALITYLEVELSDATA ms = {
      .Format = f, .MsType = type, .QualityLevels = 0xdead,
   };
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETMULTISAMPLEQUALITYLEVELS,
                        NULL, &ms, sizeof(ms)), S_OK);
   return ms.QualityLevels;
}

static HRESULT
create(D3DDDIFORMAT format, unsigned w, unsigned h, D3DDDI_RESOURCEFLAGS f,
       D3DDDIMULTISAMPLE_TYPE ms, unsigned quality, HANDLE *out)
{
   D3DDDI_SURFACEINFO s = { .Width = w, .Height = h, .Depth = 1 };
   D3DDDIARG_CREATERESOURCE2 a = {
      .Format = format, .Pool = D3DDDIPOOL_VIDEOMEMORY,
      .MultisampleType = ms, .MultisampleQuality = quality,
      .pSurfList = &s, .SurfCount = 1, .MipLevels = 1, .Flags = f,
   };
   *out = NULL;
   return rt_create_resource(dev, &a, out);
}

static HANDLE
surface(D3DDDIFORMAT format, unsigned w, unsigned h, bool rt, bool zs,
        bool tex, D3DDDIMULTISAMPLE_TYPE ms)
{
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.RenderTarget = rt;
   f.ZBuffer = zs;
   f.Texture = tex;
   HANDLE r;
   CHECK_HR(create(format, w, h, f, ms, 0, &r), S_OK);
   return r;
}

static void
set_ds(HANDLE h)
{
   D3DDDIARG_SETDEPTHSTENCIL ds = { h };
   CHECK_HR(dev->funcs.pfnSetDepthStencil(dev->hDevice, &ds), S_OK);
}

static void
use(HANDLE p)
{
   CHECK_HR(dev->funcs.pfnSetVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, vs), S_OK);
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, p), S_OK);
}

static void
color_const(float r, float g, float b, float a)
{
   const float c[4] = { r, g, b, a };
   set_ps_const(dev, 0, c, 1);
}

/* A quad over screen pixels [x0, x1) x [y0, y1) of a w x h target, depth
 * z, texture coordinates from (s0, t0) at the top left to (s1, t1). */
static void
quad(unsigned w, unsigned h, float x0, float y0, float x1, float y1,
     float z, float s0, float t0, float s1, float t1)
{
   x0 -= 0.5f; y0 -= 0.5f; x1 -= 0.5f; y1 -= 0.5f;
   const struct vtx v[6] = {
      sv_wh(w, h, x0, y0, z, s0, t0, 0, 1),
      sv_wh(w, h, x1, y0, z, s1, t0, 0, 1),
      sv_wh(w, h, x0, y1, z, s0, t1, 0, 1),
      sv_wh(w, h, x1, y0, z, s1, t0, 0, 1),
      sv_wh(w, h, x1, y1, z, s1, t1, 0, 1),
      sv_wh(w, h, x0, y1, z, s0, t1, 0, 1),
   };
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, v), S_OK);
   CHECK_HR(draw(dev, D3DPT_TRIANGLELIST, 0, 2), S_OK);
}

static void
begin(HANDLE target, unsigned w, unsigned h)
{
   set_target(dev, 0, target);
   set_viewport(dev, 0, 0, w, h);
   set_rs(dev, D3DRS_CULLMODE, D3DCULL_NONE);
}

/* The test's own half-float decoder (IEEE binary16). */
static float
half_to_float(uint16_t h)
{
   const unsigned e = (h >> 10) & 0x1f, m = h & 0x3ff;
   float v = e == 0 ? ldexpf((float)m, -24)
                    : e == 31 ? (m ? NAN : INFINITY)
                              : ldexpf((float)(m | 0x400), (int)e - 25);
   return (h & 0x8000) ? -v : v;
}

/* Float targets: a draw writes c0, the lock reads back the channels the
 * format has, exactly (every value is a half). */
static void
float_targets(void)
{
   static const struct {
      D3DDDIFORMAT f;
      unsigned channels, bits;
      const char *name;
   } fmts[] = {
      { D3DDDIFMT_R16F, 1, 16, "R16F" },
      { D3DDDIFMT_G16R16F, 2, 16, "G16R16F" },
      { D3DDDIFMT_A16B16G16R16F, 4, 16, "A16B16G16R16F" },
      { D3DDDIFMT_R32F, 1, 32, "R32F" },
      { D3DDDIFMT_G32R32F, 2, 32, "G32R32F" },
      { D3DDDIFMT_A32B32G32R32F, 4, 32, "A32B32G32R32F" },
   };
   const float c[4] = { 0.25f, -3.5f, 1000.0f, 0.0625f };
   unsigned tested = 0;
   for (unsigned i = 0; i < ARRAY_SIZE(fmts); i++) {
      if (!(format_ops(fmts[i].f) & FORMATOP_OFFSCREEN_RENDERTARGET)) {
         printf("  %s: not reported as a render target\n", fmts[i].name);
         continue;
      }
      tested++;
      HANDLE t = surface(fmts[i].f, W, H, true, false, false, 0);
      begin(t, W, H);
      use(ps_color);
      color_const(c[0], c[1], c[2], c[3]);
      quad(W, H, 0, 0, W, H, 0.5f, 0, 0, 1, 1);
      D3DDDIARG_LOCK l;
      CHECK_HR(lock_sub(dev, t, 0, L_READONLY, &l), S_OK);
      unsigned bad = 0;
      for (unsigned y = 0; l.pSurfData && y < H; y++) {
         const uint8_t *row = (const uint8_t *)l.pSurfData + y * l.Pitch;
         for (unsigned x = 0; x < W; x++) {
            for (unsigned ch = 0; ch < fmts[i].channels; ch++) {
               float v;
               if (fmts[i].bits == 16) {
                  uint16_t hv;
                  memcpy(&hv, row + (x * fmts[i].channels + ch) * 2, 2);
                  v = half_to_float(hv);
               } else {
                  memcpy(&v, row + (x * fmts[i].channels + ch) * 4, 4);
               }
               bad += v != c[ch];
            }
         }
      }
      CHECK_HR(unlock_sub(dev, t, 0), S_OK);
      printf("  %s: %u wrong values\n", fmts[i].name, bad);
      CHECK(bad == 0);
      set_target(dev, 0, frt);
      CHECK_HR(rt_destroy_resource(dev, t), S_OK);
   }
   if (!tested)
      skip_reason = "no float render-target format reported";
}

/* sRGB as the test computes it (IEC 61966-2-1). */
static float
srgb_encode(float l)
{
   return l <= 0.0031308f ? l * 12.92f : 1.055f * powf(l, 1 / 2.4f) - 0.055f;
}

static float
srgb_decode(float s)
{
   return s <= 0.04045f ? s / 12.92f : powf((s + 0.055f) / 1.055f, 2.4f);
}

static void
srgb(void)
{
   const DWORD ops = format_ops(D3DDDIFMT_A8R8G8B8);
   if (!(ops & FORMATOP_SRGBWRITE) || !(ops & FORMATOP_SRGBREAD)) {
      skip_reason = "A8R8G8B8 is not reported with SRGBWRITE and SRGBREAD";
      return;
   }
   /* Write: linear c0 stored encoded, alpha linear. */
   HANDLE t = surface(D3DDDIFMT_A8R8G8B8, W, H, true, false, false, 0);
   begin(t, W, H);
   use(ps_color);
   const float c[4] = { 0.2f, 0.5f, 0.8f, 0.3f };
   color_const(c[0], c[1], c[2], c[3]);
   set_rs(dev, D3DRS_SRGBWRITEENABLE, TRUE);
   quad(W, H, 0, 0, W, H, 0.5f, 0, 0, 1, 1);
   set_rs(dev, D3DRS_SRGBWRITEENABLE, FALSE);
   uint32_t img[W * H];
   read_pixels(dev, t, W, H, img);
   const uint32_t expect =
      (uint32_t)lrintf(c[3] * 255) << 24 |
      (uint32_t)lrintf(srgb_encode(c[0]) * 255) << 16 |
      (uint32_t)lrintf(srgb_encode(c[1]) * 255) << 8 |
      (uint32_t)lrintf(srgb_encode(c[2]) * 255);
   printf("  write: 0x%08x, expected 0x%08x\n", img[5 * W + 5], expect);
   unsigned bad = 0;
   for (unsigned i = 0; i < W * H; i++)
      bad += !color_near(img[i], expect, 1);
   CHECK(bad == 0);

   /* Read: the same texels decoded with SRGBTEXTURE, as they are without. */
   D3DDDI_RESOURCEFLAGS tf = { .Value = 0 };
   tf.Texture = 1;
   HANDLE tex;
   CHECK_HR(create(D3DDDIFMT_A8R8G8B8, 4, 4, tf, 0, 0, &tex), S_OK);
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, tex, 0, 0, &l), S_OK);
   for (unsigned y = 0; l.pSurfData && y < 4; y++)
      for (unsigned x = 0; x < 4; x++)
         memcpy((uint8_t *)l.pSurfData + y * l.Pitch + x * 4,
                &(uint32_t){ 0x80000000u | (x * 60 + 10) << 16 |
                             (y * 60 + 20) << 8 | 200 }, 4);
   CHECK_HR(unlock_sub(dev, tex, 0), S_OK);
   use(ps_sample);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, tex), S_OK);
   unsigned bad_read = 0;
   for (unsigned on = 0; on < 2; on++) {
      D3DDDIARG_TEXTURESTAGESTATE s = { 0, D3DDDITSS_SRGBTEXTURE, on };
      CHECK_HR(dev->funcs.pfnSetTextureStageState(dev->hDevice, &s), S_OK);
      begin(frt, W, H);
      quad(W, H, 0, 0, 4, 4, 0.5f, 0, 0, 1, 1);
      read_floats(dev, frt, W, H, fimg);
      for (unsigned y = 0; y < 4; y++) {
         for (unsigned x = 0; x < 4; x++) {
            const float raw[3] = { (x * 60 + 10) / 255.0f,
                                   (y * 60 + 20) / 255.0f, 200 / 255.0f };
            const float *p = &fimg[(y * W + x) * 4];
            for (unsigned ch = 0; ch < 3; ch++) {
               const float e = on ? srgb_decode(raw[ch]) : raw[ch];
               bad_read += fabsf(p[ch] - e) > 2e-3f;
            }
            bad_read += fabsf(p[3] - 0x80 / 255.0f) > 1e-3f;
         }
      }
   }
   printf("  read: %u wrong channels\n", bad_read);
   CHECK(bad_read == 0);
   D3DDDIARG_TEXTURESTAGESTATE s = { 0, D3DDDITSS_SRGBTEXTURE, 0 };
   CHECK_HR(dev->funcs.pfnSetTextureStageState(dev->hDevice, &s), S_OK);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, NULL), S_OK);
   CHECK_HR(rt_destroy_resource(dev, tex), S_OK);
   CHECK_HR(rt_destroy_resource(dev, t), S_OK);
}

/* Writes depth z0 to the left half and z1 to the right half of the
 * bound depth buffer (depth test always, writes on). */
static void
write_depth_halves(float z0, float z1)
{
   use(ps_color);
   color_const(0, 0, 0, 0);
   set_rs(dev, D3DRS_ZENABLE, D3DZB_TRUE);
   set_rs(dev, D3DRS_ZWRITEENABLE, TRUE);
   set_rs(dev, D3DRS_ZFUNC, D3DCMP_ALWAYS);
   quad(W, H, 0, 0, W / 2, H, z0, 0, 0, 1, 1);
   quad(W, H, W / 2, 0, W, H, z1, 0, 0, 1, 1);
   set_rs(dev, D3DRS_ZENABLE, D3DZB_FALSE);
}

/* Samples the texture on sampler 0 at every texel centre of a W x H
 * texture into frt. */
static void
sample_texture(HANDLE tex)
{
   set_ds(NULL);
   begin(frt, W, H);
   use(ps_sample);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, tex), S_OK);
   quad(W, H, 0, 0, W, H, 0.5f, 0, 0, 1, 1);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, NULL), S_OK);
   read_floats(dev, frt, W, H, fimg);
}

/* Wrong channels of frt against the depth halves (z0 | z1): INTZ gives
 * (d, d, d, d), DF16/DF24 (d, 0, 0, 1). */
static unsigned
check_depth_values(bool all_channels, float z0, float z1, float tol)
{
   unsigned bad = 0;
   for (unsigned y = 0; y < H; y++) {
      for (unsigned x = 0; x < W; x++) {
         const float d = x < W / 2 ? z0 : z1;
         const float e[4] = { d, all_channels ? d : 0, all_channels ? d : 0,
                              all_channels ? d : 1 };
         const float *p = &fimg[(y * W + x) * 4];
         for (unsigned ch = 0; ch < 4; ch++)
            bad += !(fabsf(p[ch] - e[ch]) <= tol);
      }
   }
   return bad;
}

static void
depth_values(void)
{
   static const struct {
      D3DDDIFORMAT f;
      bool all_channels;
      float tol;
      const char *name;
   } fmts[] = {
      { FMT_INTZ, true, 1e-5f, "INTZ" },
      { FMT_DF24, false, 1e-5f, "DF24" },
      { FMT_DF16, false, 2.0f / 65535, "DF16" },
   };
   unsigned tested = 0;
   for (unsigned i = 0; i < ARRAY_SIZE(fmts); i++) {
      const DWORD ops = format_ops(fmts[i].f);
      if ((ops & (FORMATOP_ZSTENCIL | FORMATOP_TEXTURE)) !=
          (FORMATOP_ZSTENCIL | FORMATOP_TEXTURE)) {
         printf("  %s: not reported as a depth texture\n", fmts[i].name);
         continue;
      }
      tested++;
      HANDLE z = surface(fmts[i].f, W, H, false, true, true, 0);
      begin(frt, W, H);
      set_ds(z);
      CHECK_HR(clear(dev, D3DCLEAR_ZBUFFER | D3DCLEAR_COMPUTERECTS, 0, 1.0f,
                     0, 0, NULL), S_OK);
      write_depth_halves(0.25f, 0.75f);
      sample_texture(z);
      const float *p = &fimg[(3 * W + 3) * 4], *q = &fimg[(3 * W + 12) * 4];
      printf("  %s: (%g %g %g %g) | (%g %g %g %g)\n", fmts[i].name, p[0],
             p[1], p[2], p[3], q[0], q[1], q[2], q[3]);
      CHECK(check_depth_values(fmts[i].all_channels, 0.25f, 0.75f,
                               fmts[i].tol) == 0);
      CHECK_HR(rt_destroy_resource(dev, z), S_OK);
   }
   if (!tested)
      skip_reason = "none of INTZ, DF24, DF16 is reported as a depth texture";
}

/* Counts pixels of frt whose red differs from `in` inside [0,x1)x[0,y1)
 * and from `out` elsewhere, over a w x h area. */
static unsigned
count_bad_red(unsigned w, unsigned h, unsigned x1, unsigned y1, float in,
              float out)
{
   unsigned bad = 0;
   for (unsigned y = 0; y < h; y++)
      for (unsigned x = 0; x < w; x++)
         bad += fimg[(y * W + x) * 4] != (x < x1 && y < y1 ? in : out);
   return bad;
}

/* A depth-only pass with a NULL target half the depth buffer's size:
 * the framebuffer is the NULL target's size; a second pass with a real
 * target and the depth test shows what the first wrote. */
static void
null_target(void)
{
   if (!(format_ops(FMT_NULL) & FORMATOP_OFFSCREEN_RENDERTARGET) ||
       !(format_ops(D3DDDIFMT_D24S8) & FORMATOP_ZSTENCIL)) {
      skip_reason = "NULL or D24S8 not reported";
      return;
   }
   HANDLE n = surface(FMT_NULL, W / 2, H / 2, true, false, false, 0);
   HANDLE z = surface(D3DDDIFMT_D24S8, W, H, false, true, false, 0);
   begin(frt, W, H);
   set_ds(z);
   CHECK_HR(clear(dev, D3DCLEAR_ZBUFFER | D3DCLEAR_COMPUTERECTS, 0, 1.0f, 0,
                  0, NULL), S_OK);
   /* The pass: the viewport and the quad cover the whole depth buffer. */
   set_target(dev, 0, n);
   set_viewport(dev, 0, 0, W, H);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xffffffff,
                  1.0f, 0, 0, NULL), S_OK);
   write_depth_halves(0.25f, 0.25f);
   /* The check: red 1 where the depth test passes (z 0.5 < depth). */
   begin(frt, W, H);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0, 1.0f, 0,
                  0, NULL), S_OK);
   use(ps_color);
   color_const(1, 1, 1, 1);
   set_rs(dev, D3DRS_ZENABLE, D3DZB_TRUE);
   set_rs(dev, D3DRS_ZWRITEENABLE, FALSE);
   set_rs(dev, D3DRS_ZFUNC, D3DCMP_LESS);
   quad(W, H, 0, 0, W, H, 0.5f, 0, 0, 1, 1);
   set_rs(dev, D3DRS_ZENABLE, D3DZB_FALSE);
   set_rs(dev, D3DRS_ZWRITEENABLE, TRUE);
   read_floats(dev, frt, W, H, fimg);
   /* Written (failing now) in the NULL target's W/2 x H/2, not past it. */
   const unsigned bad = count_bad_red(W, H, W / 2, H / 2, 0.0f, 1.0f);
   printf("  %u pixels differ from a depth pass of %ux%u\n", bad, W / 2,
          H / 2);
   CHECK(bad == 0);
   /* NULL surfaces hold nothing to copy. */
   D3DDDIARG_BLT b = { .hSrcResource = n, .SrcRect = { 0, 0, 4, 4 },
                       .hDstResource = frt, .DstRect = { 0, 0, 4, 4 } };
   CHECK_HR(dev->funcs.pfnBlt(dev->hDevice, &b), E_FAIL);
   set_ds(NULL);
   CHECK_HR(rt_destroy_resource(dev, n), S_OK);
   CHECK_HR(rt_destroy_resource(dev, z), S_OK);
}

/* The test's own BC4 block decoder: 8 bytes -> 16 values, 0..255 scale
 * (as float, the interpolations unrounded). */
static void
bc4_decode(const uint8_t *b, float out[16])
{
   float pal[8];
   pal[0] = b[0];
   pal[1] = b[1];
   if (b[0] > b[1]) {
      for (unsigned i = 1; i < 7; i++)
         pal[i + 1] = ((7 - i) * b[0] + i * b[1]) / 7.0f;
   } else {
      for (unsigned i = 1; i < 5; i++)
         pal[i + 1] = ((5 - i) * b[0] + i * b[1]) / 5.0f;
      pal[6] = 0;
      pal[7] = 255;
   }
   uint64_t bits = 0;
   for (unsigned i = 0; i < 6; i++)
      bits |= (uint64_t)b[2 + i] << (8 * i);
   for (unsigned i = 0; i < 16; i++)
      out[i] = pal[(bits >> (3 * i)) & 7];
}

/* A BC4 block from endpoints and one index per texel. */
static void
bc4_block(uint8_t *b, uint8_t r0, uint8_t r1, const uint8_t idx[16])
{
   b[0] = r0;
   b[1] = r1;
   uint64_t bits = 0;
   for (unsigned i = 0; i < 16; i++)
      bits |= (uint64_t)(idx[i] & 7) << (3 * i);
   for (unsigned i = 0; i < 6; i++)
      b[2 + i] = bits >> (8 * i);
}

/* ATI1/ATI2 8x8 textures (2x2 blocks) written with Lock one block row
 * per Pitch, sampled at every texel, against the decoder. */
static void
ati_formats(void)
{
   unsigned tested = 0;
   for (unsigned two = 0; two < 2; two++) {
      const D3DDDIFORMAT f = two ? FMT_ATI2 : FMT_ATI1;
      const char *name = two ? "ATI2" : "ATI1";
      if (!(format_ops(f) & FORMATOP_TEXTURE)) {
         printf("  %s: not reported as a texture\n", name);
         continue;
      }
      tested++;
      const unsigned block_bytes = two ? 16 : 8;
      /* Blocks: flat, the two endpoints, every 8-value index, and the
       * 6-value mode with its 0 and 255. */
      uint8_t blocks[4][2][8];
      float ref[8][8][2];
      for (unsigned k = 0; k < 4; k++) {
         for (unsigned ch = 0; ch < 2; ch++) {
            uint8_t idx[16];
            for (unsigned i = 0; i < 16; i++)
               idx[i] = k == 0 ? 0 : k == 1 ? (i & 1) : (i + ch) & 7;
            const uint8_t r0 = (uint8_t)(40 + 50 * k + 7 * ch);
            const uint8_t r1 = k == 3 ? 250 : (uint8_t)(10 + 30 * ch);
            bc4_block(blocks[k][ch], k == 3 ? 20 : r0, r1, idx);
            float v[16];
            bc4_decode(blocks[k][ch], v);
            for (unsigned i = 0; i < 16; i++)
               ref[(k / 2) * 4 + i / 4][(k % 2) * 4 + i % 4][ch] = v[i];
         }
      }
      D3DDDI_RESOURCEFLAGS tf = { .Value = 0 };
      tf.Texture = 1;
      HANDLE tex;
      CHECK_HR(create(f, 8, 8, tf, 0, 0, &tex), S_OK);
      D3DDDIARG_LOCK l;
      CHECK_HR(lock_sub(dev, tex, 0, 0, &l), S_OK);
      /* Block-based pitch: at least one row of blocks. */
      CHECK(l.Pitch >= 2 * block_bytes);
      for (unsigned k = 0; l.pSurfData && k < 4; k++) {
         uint8_t *dst = (uint8_t *)l.pSurfData + (k / 2) * l.Pitch +
                        (k % 2) * block_bytes;
         memcpy(dst, blocks[k][0], 8);
         if (two)
            memcpy(dst + 8, blocks[k][1], 8);
      }
      CHECK_HR(unlock_sub(dev, tex, 0), S_OK);

      begin(frt, W, H);
      use(ps_sample);
      CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, tex), S_OK);
      quad(W, H, 0, 0, 8, 8, 0.5f, 0, 0, 1, 1);
      CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, NULL), S_OK);
      read_floats(dev, frt, W, H, fimg);
      unsigned bad = 0;
      for (unsigned y = 0; y < 8; y++) {
         for (unsigned x = 0; x < 8; x++) {
            /* ATI1: (r, 0, 0, 1); ATI2: red from the second block. */
            const float e[4] = {
               (two ? ref[y][x][1] : ref[y][x][0]) / 255.0f,
               two ? ref[y][x][0] / 255.0f : 0, two ? 1 : 0, 1,
            };
            const float *p = &fimg[(y * W + x) * 4];
            for (unsigned ch = 0; ch < 4; ch++)
               bad += !(fabsf(p[ch] - e[ch]) <= 1.5f / 255);
         }
      }
      const float *p = &fimg[(4 * W + 5) * 4];
      printf("  %s: %u wrong channels; texel (5,4) (%g %g %g %g), "
             "expected r %g g %g\n", name, bad, p[0], p[1], p[2], p[3],
             (two ? ref[4][5][1] : ref[4][5][0]) / 255,
             two ? ref[4][5][0] / 255 : 0);
      CHECK(bad == 0);
      CHECK_HR(rt_destroy_resource(dev, tex), S_OK);
   }
   if (!tested)
      skip_reason = "neither ATI1 nor ATI2 is reported as a texture";
}

/* Resolves a multisampled target into a new W x H A8R8G8B8 surface with
 * Blt and reads it. */
static void
resolve_read(HANDLE ms, uint32_t *img)
{
   HANDLE t = surface(D3DDDIFMT_A8R8G8B8, W, H, true, false, false, 0);
   D3DDDIARG_BLT b = { .hSrcResource = ms, .SrcRect = { 0, 0, W, H },
                       .hDstResource = t, .DstRect = { 0, 0, W, H } };
   CHECK_HR(dev->funcs.pfnBlt(dev->hDevice, &b), S_OK);
   read_pixels(dev, t, W, H, img);
   CHECK_HR(rt_destroy_resource(dev, t), S_OK);
}

/* Whether v (a channel) is k/4 of 255 for some k, give or take 2. */
static bool
quarter_step(unsigned v)
{
   for (unsigned k = 0; k <= 4; k++)
      if (abs((int)v - (int)lrintf(k * 255 / 4.0f)) <= 2)
         return true;
   return false;
}

/* A triangle with one edge along y = x + 0.3 (in D3D9 pixel coordinates:
 * pixel centres on integers), its other edges outside the target, white
 * on black: pixels whose whole square lies on one side are exact, others
 * on the edge are covered in steps of a quarter. */
static void
draw_edge_triangle(void)
{
   use(ps_color);
   color_const(1, 1, 1, 1);
   const struct vtx v[3] = {
      sv_wh(W, H, -2.3f, -2.0f, 0.5f, 0, 0, 0, 1),
      sv_wh(W, H, W + 4.0f, -2.0f, 0.5f, 0, 0, 0, 1),
      sv_wh(W, H, W + 4.0f - 0.2f, W + 4.0f + 0.1f, 0.5f, 0, 0, 0, 1),
   };
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, v), S_OK);
   CHECK_HR(draw(dev, D3DPT_TRIANGLELIST, 0, 1), S_OK);
}

/* Checks the resolved triangle: above the edge (x - y large) white,
 * below black, the edge in quarter steps; with antialiasing off no
 * pixel is partly covered.  Returns the partly covered pixel count. */
static unsigned
check_edge(const uint32_t *img, bool aa, unsigned *bad)
{
   unsigned partial = 0;
   for (unsigned y = 0; y < H; y++) {
      for (unsigned x = 0; x < W; x++) {
         const uint32_t p = img[y * W + x];
         const unsigned g = (p >> 8) & 0xff;
         /* The edge runs through pixel centres shifted by (0.2, -0.1):
          * the pixel square [x-0.5, x+0.5] lies above it when
          * x - y - 0.3 >= 1 and below when <= -1. */
         const float d = (float)x - (float)y - 0.3f;
         if (d >= 1.0f)
            *bad += p != 0xffffffff;
         else if (d <= -1.0f)
            *bad += (p & 0xffffff) != 0;
         else if (g != 0 && g != 255)
            partial++;
         if (!quarter_step(g) || (!aa && g != 0 && g != 255))
            (*bad)++;
      }
   }
   return partial;
}

static void
msaa(void)
{
   if (!ms_levels(D3DDDIFMT_A8R8G8B8, 4)) {
      skip_reason = "4x A8R8G8B8 not reported (the screen has no 4x "
                    "multisampling: softpipe has none)";
      return;
   }
   HANDLE ms = surface(D3DDDIFMT_A8R8G8B8, W, H, true, false, false, 4);
   uint32_t img[W * H];

   /* Clear and ColorFill reach every sample: the resolve is exact. */
   begin(ms, W, H);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff336699,
                  1.0f, 0, 0, NULL), S_OK);
   resolve_read(ms, img);
   unsigned bad = 0;
   for (unsigned i = 0; i < W * H; i++)
      bad += img[i] != 0xff336699;
   D3DDDIARG_COLORFILL cf = { .hResource = ms, .DstRect = { 0, 0, W, H / 2 },
                              .Color = 0xff102030 };
   CHECK_HR(dev->funcs.pfnColorFill(dev->hDevice, &cf), S_OK);
   resolve_read(ms, img);
   for (unsigned i = 0; i < W * H; i++)
      bad += img[i] != (i < W * H / 2 ? 0xff102030u : 0xff336699u);
   printf("  clear, colorfill: %u wrong pixels\n", bad);
   CHECK(bad == 0);

   /* An edge, antialiased. */
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff000000,
                  1.0f, 0, 0, NULL), S_OK);
   draw_edge_triangle();
   resolve_read(ms, img);
   unsigned wrong = 0;
   const unsigned partial = check_edge(img, true, &wrong);
   printf("  edge: %u pixels partly covered, %u wrong\n", partial, wrong);
   CHECK(wrong == 0);
   CHECK(partial >= W / 2);

   /* MULTISAMPLEMASK: one sample of four written. */
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff000000,
                  1.0f, 0, 0, NULL), S_OK);
   set_rs(dev, D3DRS_MULTISAMPLEMASK, 0x1);
   use(ps_color);
   color_const(1, 1, 1, 1);
   quad(W, H, 0, 0, W, H, 0.5f, 0, 0, 1, 1);
   set_rs(dev, D3DRS_MULTISAMPLEMASK, 0xffffffff);
   resolve_read(ms, img);
   bad = 0;
   for (unsigned i = 0; i < W * H; i++)
      bad += !color_near(img[i], 0xff404040, 2);
   printf("  mask 0x1: 0x%08x, %u wrong\n", img[0], bad);
   CHECK(bad == 0);

   /* A multisampled depth buffer: the nearer quad wins on every sample. */
   if (ms_levels(D3DDDIFMT_D24S8, 4)) {
      HANDLE z = surface(D3DDDIFMT_D24S8, W, H, false, true, false, 4);
      set_ds(z);
      CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_ZBUFFER |
                     D3DCLEAR_COMPUTERECTS, 0xff000000, 1.0f, 0, 0, NULL),
               S_OK);
      set_rs(dev, D3DRS_ZENABLE, D3DZB_TRUE);
      set_rs(dev, D3DRS_ZFUNC, D3DCMP_LESS);
      color_const(0, 1, 0, 1);
      quad(W, H, 0, 0, W, H, 0.3f, 0, 0, 1, 1);
      color_const(1, 0, 0, 1);
      quad(W, H, 0, 0, W, H, 0.6f, 0, 0, 1, 1);
      set_rs(dev, D3DRS_ZENABLE, D3DZB_FALSE);
      set_ds(NULL);
      resolve_read(ms, img);
      bad = 0;
      for (unsigned i = 0; i < W * H; i++)
         bad += img[i] != 0xff00ff00;
      printf("  4x depth: %u wrong pixels\n", bad);
      CHECK(bad == 0);
      CHECK_HR(rt_destroy_resource(dev, z), S_OK);
   } else {
      printf("  4x D24S8 not reported: no multisampled depth test\n");
   }
   set_target(dev, 0, frt);
   CHECK_HR(rt_destroy_resource(dev, ms), S_OK);
}

/* MULTISAMPLEANTIALIAS off: every sample takes the pixel centre's
 * coverage, so the resolved edge has no partly covered pixel. */
static void
msaa_antialias_off(void)
{
   const char *drv = getenv("GALLIUM_DRIVER");
   if (!ms_levels(D3DDDIFMT_A8R8G8B8, 4)) {
      skip_reason = "4x A8R8G8B8 not reported";
      return;
   }
   if (drv && !strcmp(drv, "zink")) {
      skip_reason = "zink 22.3 ignores pipe_rasterizer_state::multisample "
                    "(Vulkan rasterises a multisampled target per sample)";
      return;
   }
   HANDLE ms = surface(D3DDDIFMT_A8R8G8B8, W, H, true, false, false, 4);
   uint32_t img[W * H];
   begin(ms, W, H);
   set_rs(dev, D3DRS_MULTISAMPLEANTIALIAS, FALSE);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff000000,
                  1.0f, 0, 0, NULL), S_OK);
   draw_edge_triangle();
   set_rs(dev, D3DRS_MULTISAMPLEANTIALIAS, TRUE);
   resolve_read(ms, img);
   unsigned wrong = 0;
   const unsigned partial = check_edge(img, false, &wrong);
   printf("  %u pixels partly covered, %u wrong\n", partial, wrong);
   CHECK(wrong == 0 && partial == 0);
   set_target(dev, 0, frt);
   CHECK_HR(rt_destroy_resource(dev, ms), S_OK);
}

/* Every reported count (and NONMASKABLE quality) creates and clears;
 * every count reported with no level fails with E_FAIL, the
 * CreateResource answer for a surface the driver cannot make. */
static void
msaa_levels(void)
{
   unsigned created = 0, refused = 0, bad = 0;
   for (unsigned i = 0; i < num_formats; i++) {
      const DWORD ops = formats[i].Operations;
      const bool zs = ops & FORMATOP_ZSTENCIL;
      if (!zs && !(ops & FORMATOP_OFFSCREEN_RENDERTARGET))
         continue;
      D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
      f.RenderTarget = !zs;
      f.ZBuffer = zs;
      for (unsigned type = 1; type <= 16; type++) {
         const UINT levels = ms_levels(formats[i].Format, type);
         const unsigned tries = type == 1 ? levels + 1 : 1;
         for (unsigned q = 0; q < tries; q++) {
            const bool expect = type == 1 ? q < levels : levels > 0;
            HANDLE h;
            HRESULT hr = create(formats[i].Format, 8, 8, f, type, q, &h);
            if (expect && hr == S_OK) {
               created++;
               /* Alone in the framebuffer: its sample count is the
                * framebuffer's. */
               set_target(dev, 0, zs ? NULL : h);
               set_ds(zs ? h : NULL);
               set_viewport(dev, 0, 0, 8, 8);
               CHECK_HR(clear(dev, (zs ? D3DCLEAR_ZBUFFER : D3DCLEAR_TARGET) |
                              D3DCLEAR_COMPUTERECTS, 0, 1.0f, 0, 0, NULL),
                        S_OK);
               set_ds(NULL);
               set_target(dev, 0, frt);
               CHECK_HR(rt_destroy_resource(dev, h), S_OK);
            } else if (!expect && hr == E_FAIL) {
               refused++;
            } else {
               printf("  format 0x%x type %u quality %u (%u levels): 0x%08x\n",
                      (unsigned)formats[i].Format, type, q, levels,
                      (unsigned)hr);
               bad++;
               if (SUCCEEDED(hr))
                  rt_destroy_resource(dev, h);
            }
         }
      }
   }
   printf("  %u multisampled surfaces created, %u refused, %u wrong\n",
          created, refused, bad);
   CHECK(bad == 0);
}

/* RESZ: a 4x depth buffer resolved into an INTZ texture by the magic
 * point size, with the texture on sampler 0 (AMD's protocol: a point is
 * drawn with the texture bound first). */
static void
resz(void)
{
   if (!(format_ops(FMT_RESZ) & FORMATOP_OFFSCREEN_RENDERTARGET)) {
      skip_reason = "RESZ not reported (the screen does not resolve "
                    "multisampled depth by blitting)";
      return;
   }
   D3DDDIMULTISAMPLE_TYPE n = 0;
   for (unsigned c = 2; c <= 16 && !n; c *= 2)
      if (ms_levels(D3DDDIFMT_D24S8, c) && ms_levels(D3DDDIFMT_A8R8G8B8, c))
         n = c;
   CHECK(n != 0 && (format_ops(FMT_INTZ) & FORMATOP_TEXTURE));
   if (!n)
      return;
   HANDLE ms = surface(D3DDDIFMT_A8R8G8B8, W, H, true, false, false, n);
   HANDLE z = surface(D3DDDIFMT_D24S8, W, H, false, true, false, n);
   HANDLE intz = surface(FMT_INTZ, W, H, false, true, true, 0);
   begin(ms, W, H);
   set_ds(z);
   CHECK_HR(clear(dev, D3DCLEAR_ZBUFFER | D3DCLEAR_COMPUTERECTS, 0, 1.0f, 0,
                  0, NULL), S_OK);
   write_depth_halves(0.375f, 0.625f);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, intz), S_OK);
   set_rs(dev, D3DRS_COLORWRITEENABLE, 0);
   const struct vtx pt = sv_wh(W, H, 0, 0, 0.5f, 0, 0, 0, 1);
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, &pt), S_OK);
   CHECK_HR(draw(dev, D3DPT_POINTLIST, 0, 1), S_OK);
   set_rs(dev, D3DRS_COLORWRITEENABLE, 0xf);
   set_rs(dev, D3DRS_POINTSIZE, RESZ_CODE);
   set_rs(dev, D3DRS_POINTSIZE, f2dw(1.0f));
   sample_texture(intz);
   CHECK(check_depth_values(true, 0.375f, 0.625f, 1e-5f) == 0);
   const float *p = &fimg[(3 * W + 3) * 4], *q = &fimg[(3 * W + 12) * 4];
   printf("  resolved: %g | %g\n", p[0], q[0]);
   CHECK_HR(rt_destroy_resource(dev, intz), S_OK);
   CHECK_HR(rt_destroy_resource(dev, z), S_OK);
   CHECK_HR(rt_destroy_resource(dev, ms), S_OK);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   adapter = test_open_adapter(drv);
   dev = test_create_device(adapter);
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETFORMATCOUNT, NULL,
                        &num_formats, sizeof(num_formats)), S_OK);
   if (num_formats > ARRAY_SIZE(formats))
      num_formats = ARRAY_SIZE(formats);
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETFORMATDATA, NULL, formats,
                        num_formats * sizeof(FORMATOP)), S_OK);
   frt = render_target(dev, D3DDDIFMT_A32B32G32R32F, W, H);
   decl = vertex_decl(dev, elems_pos_t0, 2);
   vs = vertex_shader(dev, vs_pos_t0, ARRAY_SIZE(vs_pos_t0));
   ps_color = pixel_shader(dev, ps_c0, ARRAY_SIZE(ps_c0));
   ps_sample = pixel_shader(dev, ps_tex, ARRAY_SIZE(ps_tex));

   RUN("float-targets", float_targets());
   RUN("srgb", srgb());
   RUN("depth-values", depth_values());
   RUN("null-target", null_target());
   RUN("ati1-ati2", ati_formats());
   RUN("msaa", msaa());
   RUN("msaa-antialias-off", msaa_antialias_off());
   RUN("msaa-levels", msaa_levels());
   RUN("resz", resz());

   set_target(dev, 0, NULL);
   CHECK_HR(rt_destroy_resource(dev, frt), S_OK);
   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL
                                                     : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-render-ps1x: the texture-addressing instructions of ps_1_1-1_3
 * (texbem, texbeml, texreg2ar/gb/rgb, texm3x2pad/tex/depth,
 * texm3x3pad/tex/spec/vspec, texm3x3, texdp3, texdp3tex), ps_1_4's bem
 * and texdepth, the stage states they read (the bump-environment matrix
 * and luminance, D3DTTFF_PROJECTED), a few vs_1_1 instructions (a0
 * relative addressing, expp, logp, lit, dst, m4x4, sge, slt), and nop
 * and comment tokens (vs_2_0, ps_2_0, ps_1_1, ps_1_4).
 *
 * Each pixel-shader subtest draws one quad over an A32B32G32R32F target
 * with texture coordinates that are affine in the pixel position, and
 * compares every pixel with the instruction's definition evaluated here,
 * on the CPU, at that pixel's centre, on textures whose texels the test
 * wrote (point filtering).  A pixel whose lookup falls within a small
 * margin of a texel (or cube face) boundary is not compared: which texel
 * it gets depends on rounding the definition leaves open.  The vs_1_1
 * subtests draw one point per value, as render-shader-ops does.
 */

#include <float.h>

#include "render_util.h"

#define W 16
#define H 16
#define MARGIN 0.06f     /* texels (or cube face coordinates) */
#define TOL 2e-3f

static struct rt_device *dev;
static struct rt_adapter *adapter;
static HANDLE frt, decl, vs_pass, ps_marker, ps_t0_20, ps_copy;
static float fimg[W * H * 4];

/* -------------------------------------------------------------------- */
/* Shader tokens (sm_asm.h), lengths filled in for shader model 2.       */

struct prog {
   uint32_t t[256];
   unsigned n;
   bool sm1;
};

static void
p_tok(struct prog *p, uint32_t v)
{
   if (p->n < SM_COUNT(p->t))
      p->t[p->n++] = v;
}

static void
p_begin(struct prog *p, uint32_t version)
{
   memset(p, 0, sizeof(*p));
   p->sm1 = ((version >> 8) & 0xff) < 2;
   p_tok(p, version);
}

static void
p_emit(struct prog *p, uint32_t op, const uint32_t *a, unsigned n)
{
   p_tok(p, op | (p->sm1 ? 0u : (uint32_t)n << 24));
   for (unsigned i = 0; i < n; i++)
      p_tok(p, a[i]);
}

#define I(p, op, ...)                                                    \
   do {                                                                  \
      const uint32_t a_[] = { __VA_ARGS__ };                             \
      p_emit((p), (op), a_, SM_COUNT(a_));                               \
   } while (0)
#define I0(p, op) p_emit((p), (op), NULL, 0)

#define T(i)       SM_SRC(D3DSPR_TEXTURE, i, SM_NOSWZ)
#define TBX2(i)    SM_SRC_MOD(D3DSPR_TEXTURE, i, SM_NOSWZ, D3DSPSM_SIGN)
#define DT(i)      SM_DST(D3DSPR_TEXTURE, i, SM_MASK_ALL)
#define R(i)       SM_SRC(D3DSPR_TEMP, i, SM_NOSWZ)
#define DR(i, m)   SM_DST(D3DSPR_TEMP, i, m)
#define C(i)       SM_SRC(D3DSPR_CONST, i, SM_NOSWZ)
#define V(i)       SM_SRC(D3DSPR_INPUT, i, SM_NOSWZ)

static HANDLE shaders[64];
static bool shader_vs[64];
static unsigned num_shaders;

static HANDLE
make(const struct prog *p)
{
   const bool vs = (p->t[0] >> 16) == 0xFFFE;
   HANDLE h = NULL;
   HRESULT hr;
   if (vs) {
      D3DDDIARG_CREATEVERTEXSHADERFUNC a = { .Size = p->n * 4 };
      hr = dev->funcs.pfnCreateVertexShaderFunc(dev->hDevice, &a,
                                                (const UINT *)p->t);
      h = a.ShaderHandle;
   } else {
      D3DDDIARG_CREATEPIXELSHADER a = { .CodeSize = p->n * 4 };
      hr = dev->funcs.pfnCreatePixelShader(dev->hDevice, &a,
                                           (const UINT *)p->t);
      h = a.ShaderHandle;
   }
   if (hr != S_OK) {
      printf("  FAILED: creating a shader (version 0x%08x) returned 0x%08x\n",
             p->t[0], (unsigned)hr);
      piglit_check_failed = true;
      return NULL;
   }
   if (num_shaders < SM_COUNT(shaders)) {
      shader_vs[num_shaders] = vs;
      shaders[num_shaders++] = h;
   }
   return h;
}

static void
set_tss(unsigned stage, D3DDDITEXTURESTAGESTATETYPE state, UINT value)
{
   D3DDDIARG_TEXTURESTAGESTATE a = { stage, state, value };
   CHECK_HR(dev->funcs.pfnSetTextureStageState(dev->hDevice, &a), S_OK);
}

static void
set_bump(unsigned stage, const float m[4])
{
   set_tss(stage, D3DDDITSS_BUMPENVMAT00, f2dw(m[0]));
   set_tss(stage, D3DDDITSS_BUMPENVMAT01, f2dw(m[1]));
   set_tss(stage, D3DDDITSS_BUMPENVMAT10, f2dw(m[2]));
   set_tss(stage, D3DDDITSS_BUMPENVMAT11, f2dw(m[3]));
}

/* -------------------------------------------------------------------- */
/* Textures and their CPU reference.                                    */

struct tex {
   unsigned w, h, d;
   bool cube;
   uint32_t texel[6 * 64];   /* [face or z][y][x] */
   HANDLE h_tex;
};

static struct tex t_bump;    /* 4x4: the t0 every shader starts with */
static struct tex t_map;     /* 8x8: what stages 1-2 sample */
static struct tex t_vol;     /* 4x4x4 */
static struct tex t_cube;    /* 2x2 a face */

static uint32_t
argb(unsigned a, unsigned r, unsigned g, unsigned b)
{
   return (a & 0xffu) << 24 | (r & 0xffu) << 16 | (g & 0xffu) << 8 |
          (b & 0xffu);
}

static void
to_float(uint32_t c, float *v)
{
   v[0] = ((c >> 16) & 0xff) / 255.0f;
   v[1] = ((c >> 8) & 0xff) / 255.0f;
   v[2] = (c & 0xff) / 255.0f;
   v[3] = (c >> 24) / 255.0f;
}

static void
make_tex(struct tex *t, unsigned w, unsigned h, unsigned d, bool cube,
         uint32_t (*fn)(unsigned x, unsigned y, unsigned z))
{
   t->w = w;
   t->h = h;
   t->d = d;
   t->cube = cube;
   const unsigned layers = cube ? 6 : d;
   for (unsigned z = 0; z < layers; z++)
      for (unsigned y = 0; y < h; y++)
         for (unsigned x = 0; x < w; x++)
            t->texel[(z * h + y) * w + x] = fn(x, y, z);

   D3DDDI_SURFACEINFO s[6];
   memset(s, 0, sizeof(s));
   for (unsigned f = 0; f < (cube ? 6u : 1u); f++) {
      s[f].Width = w;
      s[f].Height = h;
      s[f].Depth = cube ? 1 : d;
   }
   D3DDDI_RESOURCEFLAGS fl = { .Value = 0 };
   fl.Texture = 1;
   fl.CubeMap = cube;
   fl.Volume = d > 1;
   D3DDDIARG_CREATERESOURCE2 a = {
      .Format = D3DDDIFMT_A8R8G8B8, .Pool = D3DDDIPOOL_VIDEOMEMORY,
      .pSurfList = s, .SurfCount = cube ? 6 : 1, .MipLevels = 1, .Flags = fl,
   };
   t->h_tex = NULL;
   CHECK_HR(rt_create_resource(dev, &a, &t->h_tex), S_OK);
   if (!t->h_tex)
      return;
   for (unsigned f = 0; f < (cube ? 6u : 1u); f++) {
      D3DDDIARG_LOCK l;
      CHECK_HR(lock_sub(dev, t->h_tex, f, 0, &l), S_OK);
      if (!l.pSurfData)
         continue;
      for (unsigned z = 0; z < (cube ? 1u : d); z++)
         for (unsigned y = 0; y < h; y++)
            memcpy((uint8_t *)l.pSurfData + z * l.SlicePitch + y * l.Pitch,
                   &t->texel[((f + z) * h + y) * w], w * 4);
      CHECK_HR(unlock_sub(dev, t->h_tex, f), S_OK);
   }
}

/* 8-bit values whose value * 8 (or * 4) lies mid-texel: the channels of
 * the bump texture are texture coordinates in texreg2*. */
static const unsigned mid8[8] = { 16, 48, 80, 112, 143, 175, 207, 239 };

static uint32_t
texel_bump(unsigned x, unsigned y, unsigned z)
{
   (void)z;
   return argb(mid8[(5 * x + y + 3) & 7], mid8[(x + 2 * y) & 7],
               mid8[(3 * x + y + 1) & 7], mid8[(x + 3 * y + 2) & 7]);
}

static uint32_t
texel_map(unsigned x, unsigned y, unsigned z)
{
   (void)z;
   return argb(250 - 3 * (x + 8 * y), 30 * x + 10, 30 * y + 12,
               (7 * x * y + 11 * x + 20) & 0xff);
}

static uint32_t
texel_vol(unsigned x, unsigned y, unsigned z)
{
   return argb(255 - 10 * z - x, 60 * x + 20, 60 * y + 20, 60 * z + 20);
}

static uint32_t
texel_cube(unsigned x, unsigned y, unsigned face)
{
   return argb(200 + 8 * face + 2 * y + x, 40 * face + 10, 120 * x + 60,
               120 * y + 60);
}

/* The texel a coordinate falls in, or false when it is within MARGIN of
 * a boundary between two texels it could fall in (wrap: every integer;
 * clamp: only the inner ones). */
static bool
texel_index(float c, unsigned n, bool clamp, unsigned *i)
{
   const float f = c * n;
   int k = (int)floorf(f);
   if (clamp) {
      for (unsigned b = 1; b < n; b++)
         if (fabsf(f - (float)b) < MARGIN)
            return false;
      k = k < 0 ? 0 : k >= (int)n ? (int)n - 1 : k;
   } else {
      const float fr = f - floorf(f);
      if (fr < MARGIN || 1.0f - fr < MARGIN)
         return false;
      k = ((k % (int)n) + (int)n) % (int)n;
   }
   *i = (unsigned)k;
   return true;
}

static bool
ref_2d(const struct tex *t, float u, float v, bool clamp_v, float *out)
{
   unsigned x, y;
   if (!texel_index(u, t->w, false, &x) || !texel_index(v, t->h, clamp_v, &y))
      return false;
   to_float(t->texel[y * t->w + x], out);
   return true;
}

static bool
ref_3d(const struct tex *t, const float *c, float *out)
{
   unsigned x, y, z;
   if (!texel_index(c[0], t->w, false, &x) ||
       !texel_index(c[1], t->h, false, &y) ||
       !texel_index(c[2], t->d, false, &z))
      return false;
   to_float(t->texel[(z * t->h + y) * t->w + x], out);
   return true;
}

/* Cube lookups: the major axis picks the face, (sc, tc) / |ma| the texel
 * (the D3D9 and GL cube conventions agree). */
static bool
ref_cube(const struct tex *t, const float *d, float *out)
{
   const float ax = fabsf(d[0]), ay = fabsf(d[1]), az = fabsf(d[2]);
   unsigned face;
   float ma, sc, tc, second;
   if (ax >= ay && ax >= az) {
      face = d[0] >= 0 ? 0 : 1;
      ma = ax;
      second = MAX2(ay, az);
      sc = d[0] >= 0 ? -d[2] : d[2];
      tc = -d[1];
   } else if (ay >= az) {
      face = d[1] >= 0 ? 2 : 3;
      ma = ay;
      second = MAX2(ax, az);
      sc = d[0];
      tc = d[1] >= 0 ? d[2] : -d[2];
   } else {
      face = d[2] >= 0 ? 4 : 5;
      ma = az;
      second = MAX2(ax, ay);
      sc = d[2] >= 0 ? d[0] : -d[0];
      tc = -d[1];
   }
   if (ma < 1e-3f || ma - second < MARGIN * ma)
      return false;
   const float s = 0.5f * (sc / ma + 1.0f), tt = 0.5f * (tc / ma + 1.0f);
   if (fabsf(s - 0.5f) < MARGIN / 2 || fabsf(tt - 0.5f) < MARGIN / 2)
      return false;
   const unsigned x = s < 0.5f ? 0 : 1, y = tt < 0.5f ? 0 : 1;
   to_float(t->texel[(face * t->h + y) * t->w + x], out);
   return true;
}

/* -------------------------------------------------------------------- */
/* Drawing.                                                             */

/* Texture coordinates of stage s at a pixel: base + du * u + dv * v,
 * with (u, v) the pixel centre's position on the quad, 0..1. */
struct coords {
   float base[4], du[4], dv[4];
};

static const struct coords uv_coords = {
   { 0, 0, 0, 1 }, { 1, 0, 0, 0 }, { 0, 1, 0, 0 }
};

static void
coord_at(const struct coords *c, float u, float v, float *out)
{
   for (unsigned i = 0; i < 4; i++)
      out[i] = c->base[i] + c->du[i] * u + c->dv[i] * v;
}

static void
pixel_uv(unsigned x, unsigned y, float *u, float *v)
{
   *u = (x + 0.5f) / W;
   *v = (y + 0.5f) / H;
}

struct vtx4 {
   float pos[4];
   float t[4][4];
};

/* The quad over the whole target at depth z, stages 0-3 given by cs. */
static void
draw_quad(HANDLE ps, const struct coords *cs, float z)
{
   struct vtx4 v[4];
   for (unsigned i = 0; i < 4; i++) {
      const float u = (float)(i & 1), vv = (float)(i >> 1);
      const struct vtx p = sv(u * W - 0.5f, vv * H - 0.5f, z, 0, 0, 0, 0);
      memcpy(v[i].pos, p.pos, sizeof(p.pos));
      for (unsigned s = 0; s < 4; s++)
         coord_at(&cs[s], u, vv, v[i].t[s]);
   }
   CHECK_HR(dev->funcs.pfnSetVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, vs_pass), S_OK);
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, ps), S_OK);
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx4) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, v), S_OK);
   CHECK_HR(draw(dev, D3DPT_TRIANGLESTRIP, 0, 2), S_OK);
}

static void
begin(void)
{
   set_target(dev, 0, frt);
   set_viewport(dev, 0, 0, W, H);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0, 1.0f, 0,
                  0, NULL), S_OK);
}

/* The CPU reference of a pixel, with the coordinates of the 4 stages
 * there; false: not compared (a boundary). */
typedef bool (*ref_fn)(const float tc[4][4], float *out);

/* Compares the target with ref at every pixel; at least half of them
 * must be comparable. */
static void
compare(const char *what, const struct coords *cs, ref_fn ref)
{
   read_floats(dev, frt, W, H, fimg);
   unsigned checked = 0, wrong = 0;
   for (unsigned y = 0; y < H; y++) {
      for (unsigned x = 0; x < W; x++) {
         float u, v, tc[4][4], e[4];
         pixel_uv(x, y, &u, &v);
         for (unsigned s = 0; s < 4; s++)
            coord_at(&cs[s], u, v, tc[s]);
         if (!ref(tc, e))
            continue;
         checked++;
         const float *g = &fimg[(y * W + x) * 4];
         bool ok = true;
         for (unsigned c = 0; c < 4; c++)
            ok &= fabsf(g[c] - e[c]) <= TOL * MAX2(1.0f, fabsf(e[c]));
         if (!ok && wrong++ < 4)
            printf("  %s: pixel (%u,%u) got (%.5f %.5f %.5f %.5f), expected "
                   "(%.5f %.5f %.5f %.5f)\n", what, x, y, g[0], g[1], g[2],
                   g[3], e[0], e[1], e[2], e[3]);
      }
   }
   if (wrong) {
      printf("  %s: %u of %u pixels wrong\n", what, wrong, checked);
      piglit_check_failed = true;
   }
   if (checked < W * H / 2) {
      printf("  %s: only %u pixels away from texel boundaries\n", what,
             checked);
      piglit_check_failed = true;
   }
}

/* Pixels where two references give different values (a change of state
 * must show). */
static unsigned
differing(const struct coords *cs, ref_fn a, ref_fn b)
{
   unsigned n = 0;
   for (unsigned y = 0; y < H; y++) {
      for (unsigned x = 0; x < W; x++) {
         float u, v, tc[4][4], ea[4], eb[4];
         pixel_uv(x, y, &u, &v);
         for (unsigned s = 0; s < 4; s++)
            coord_at(&cs[s], u, v, tc[s]);
         if (a(tc, ea) && b(tc, eb) && memcmp(ea, eb, sizeof(ea)))
            n++;
      }
   }
   return n;
}

static void
bind(unsigned stage, const struct tex *t)
{
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, stage, t ? t->h_tex : NULL),
            S_OK);
}

/* t0 of every pixel shader: the bump texture at (u, v). */
static bool
ref_t0(const float tc[4][4], float *t0)
{
   return ref_2d(&t_bump, tc[0][0], tc[0][1], false, t0);
}

static float
dot3f(const float *a, const float *b)
{
   return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static void
bx2(const float *in, float *out)
{
   for (unsigned i = 0; i < 4; i++)
      out[i] = 2.0f * in[i] - 1.0f;
}

/* -------------------------------------------------------------------- */
/* tex and D3DTTFF_PROJECTED.                                           */

static bool tex_clamp_v;
static float tex_div = 1.0f;

/* Stage 0 sampled at its coordinates divided by tex_div (the divisor the
 * test gave the coordinates, or 1 where they are not divided). */
static bool
ref_tex_divided(const float tc[4][4], float *out)
{
   return ref_2d(&t_bump, tc[0][0] / tex_div, tc[0][1] / tex_div,
                 tex_clamp_v, out);
}

static void
test_tex_projected(void)
{
   struct prog p;
   p_begin(&p, SM_PS(1, 1));
   I(&p, SM1_INSTR(D3DSIO_TEX), DT(0));
   I(&p, SM1_INSTR(D3DSIO_MOV), DR(0, SM_MASK_ALL), T(0));
   p_tok(&p, SM_END);
   HANDLE ps = make(&p);
   bind(0, &t_bump);

   struct coords cs[4] = { uv_coords, uv_coords, uv_coords, uv_coords };
   /* No flags: the coordinates as they are. */
   begin();
   tex_div = 1.0f;
   draw_quad(ps, cs, 0.5f);
   compare("tex", cs, ref_tex_divided);

   /* COUNT3 | PROJECTED: (2u, 2v, 2) / 2. */
   struct coords c3 = { { 0, 0, 2, 5 }, { 2, 0, 0, 0 }, { 0, 2, 0, 0 } };
   cs[0] = c3;
   set_tss(0, D3DDDITSS_TEXTURETRANSFORMFLAGS,
           D3DTTFF_COUNT3 | D3DTTFF_PROJECTED);
   begin();
   draw_quad(ps, cs, 0.5f);
   tex_div = 2.0f;
   compare("tex count3|projected", cs, ref_tex_divided);

   /* COUNT3 alone: no division, the same shader. */
   set_tss(0, D3DDDITSS_TEXTURETRANSFORMFLAGS, D3DTTFF_COUNT3);
   begin();
   draw_quad(ps, cs, 0.5f);
   tex_div = 1.0f;
   compare("tex count3", cs, ref_tex_divided);

   /* COUNT4 | PROJECTED: by w. */
   struct coords c4 = { { 0, 0, 3, 4 }, { 4, 0, 0, 0 }, { 0, 4, 0, 0 } };
   cs[0] = c4;
   set_tss(0, D3DDDITSS_TEXTURETRANSFORMFLAGS,
           D3DTTFF_COUNT4 | D3DTTFF_PROJECTED);
   begin();
   draw_quad(ps, cs, 0.5f);
   tex_div = 4.0f;
   compare("tex count4|projected", cs, ref_tex_divided);

   /* COUNT2 | PROJECTED: u / v, v / v = 1 (clamped to the last row). */
   struct coords c2 = { { 0, 3, 0, 0 }, { 3, 0, 0, 0 }, { 0, 0, 0, 0 } };
   cs[0] = c2;
   set_tss(0, D3DDDITSS_TEXTURETRANSFORMFLAGS,
           D3DTTFF_COUNT2 | D3DTTFF_PROJECTED);
   set_tss(0, D3DDDITSS_ADDRESSV, D3DTADDRESS_CLAMP);
   begin();
   draw_quad(ps, cs, 0.5f);
   tex_div = 3.0f;
   tex_clamp_v = true;
   compare("tex count2|projected", cs, ref_tex_divided);
   tex_clamp_v = false;
   tex_div = 1.0f;
   set_tss(0, D3DDDITSS_ADDRESSV, D3DTADDRESS_WRAP);
   set_tss(0, D3DDDITSS_TEXTURETRANSFORMFLAGS, D3DTTFF_DISABLE);
}

/* ps_1_4 and ps_2_0 ignore D3DTTFF_PROJECTED (they have _dw and texldp);
 * ps_1_4's texld _dw divides by w. */
static void
test_projected_ignored(void)
{
   struct prog p;
   p_begin(&p, SM_PS(1, 4));
   I(&p, SM1_INSTR(D3DSIO_TEX), DR(0, SM_MASK_ALL), T(0));
   p_tok(&p, SM_END);
   HANDLE ps14 = make(&p);
   p_begin(&p, SM_PS(1, 4));
   I(&p, SM1_INSTR(D3DSIO_TEX), DR(0, SM_MASK_ALL),
     SM_SRC_MOD(D3DSPR_TEXTURE, 0, SM_NOSWZ, D3DSPSM_DW));
   p_tok(&p, SM_END);
   HANDLE ps14_dw = make(&p);
   bind(0, &t_bump);

   struct coords cs[4] = { uv_coords, uv_coords, uv_coords, uv_coords };
   struct coords c4 = { { 0, 0, 3, 4 }, { 4, 0, 0, 0 }, { 0, 4, 0, 0 } };
   cs[0] = c4;
   set_tss(0, D3DDDITSS_TEXTURETRANSFORMFLAGS,
           D3DTTFF_COUNT4 | D3DTTFF_PROJECTED);
   tex_div = 1.0f;
   begin();
   draw_quad(ps14, cs, 0.5f);
   compare("ps_1_4 texld, projected flag", cs, ref_tex_divided);
   begin();
   draw_quad(ps_t0_20, cs, 0.5f);
   compare("ps_2_0 texld, projected flag", cs, ref_tex_divided);
   set_tss(0, D3DDDITSS_TEXTURETRANSFORMFLAGS, D3DTTFF_DISABLE);
   begin();
   draw_quad(ps14_dw, cs, 0.5f);
   tex_div = 4.0f;
   compare("ps_1_4 texld _dw", cs, ref_tex_divided);
   tex_div = 1.0f;
}

/* -------------------------------------------------------------------- */
/* texbem, texbeml, bem.                                                */

static float bump_m[4];          /* 00, 01, 10, 11 */
static float lum_scale, lum_offset;
static bool bump_bx2, bump_lum;
static float bump_div = 1.0f;    /* stage 1's projection */

static bool
ref_texbem(const float tc[4][4], float *out)
{
   float t0[4], d[4];
   if (!ref_t0(tc, t0))
      return false;
   if (bump_bx2)
      bx2(t0, d);
   else
      memcpy(d, t0, sizeof(d));
   const float u = tc[1][0] / bump_div + bump_m[0] * d[0] + bump_m[2] * d[1];
   const float v = tc[1][1] / bump_div + bump_m[1] * d[0] + bump_m[3] * d[1];
   if (!ref_2d(&t_map, u, v, false, out))
      return false;
   if (bump_lum) {
      const float l = d[2] * lum_scale + lum_offset;
      for (unsigned i = 0; i < 4; i++)
         out[i] *= l;
   }
   return true;
}

static const float mat_a[4] = { 0.25f, -0.125f, 0.125f, 0.5f };
static const float mat_b[4] = { -0.375f, 0.25f, 0.5f, 0.0625f };

static bool
ref_texbem_a(const float tc[4][4], float *out)
{
   memcpy(bump_m, mat_a, sizeof(bump_m));
   return ref_texbem(tc, out);
}

static bool
ref_texbem_b(const float tc[4][4], float *out)
{
   memcpy(bump_m, mat_b, sizeof(bump_m));
   return ref_texbem(tc, out);
}

static HANDLE
texbem_shader(uint32_t op, bool src_bx2)
{
   struct prog p;
   p_begin(&p, SM_PS(1, 1));
   I(&p, SM1_INSTR(D3DSIO_TEX), DT(0));
   I(&p, SM1_INSTR(op), DT(1), src_bx2 ? TBX2(0) : T(0));
   I(&p, SM1_INSTR(D3DSIO_MOV), DR(0, SM_MASK_ALL), T(1));
   p_tok(&p, SM_END);
   return make(&p);
}

static void
test_texbem(void)
{
   HANDLE ps = texbem_shader(D3DSIO_TEXBEM, false);
   bind(0, &t_bump);
   bind(1, &t_map);
   const struct coords cs[4] = { uv_coords, uv_coords, uv_coords, uv_coords };
   bump_bx2 = bump_lum = false;
   set_bump(1, mat_a);
   begin();
   draw_quad(ps, cs, 0.5f);
   compare("texbem", cs, ref_texbem_a);
   bind(1, NULL);
}

/* Two draws, two matrices, one shader: the matrix is a constant. */
static void
test_texbem_matrix_change(void)
{
   HANDLE ps = texbem_shader(D3DSIO_TEXBEM, false);
   bind(0, &t_bump);
   bind(1, &t_map);
   const struct coords cs[4] = { uv_coords, uv_coords, uv_coords, uv_coords };
   bump_bx2 = bump_lum = false;
   CHECK(differing(cs, ref_texbem_a, ref_texbem_b) > W * H / 4);
   set_bump(1, mat_a);
   begin();
   draw_quad(ps, cs, 0.5f);
   compare("texbem, matrix a", cs, ref_texbem_a);
   set_bump(1, mat_b);
   begin();
   draw_quad(ps, cs, 0.5f);
   compare("texbem, matrix b", cs, ref_texbem_b);
   /* Another stage's matrix does not act on stage 1. */
   set_bump(2, mat_a);
   begin();
   draw_quad(ps, cs, 0.5f);
   compare("texbem, stage 2's matrix changed", cs, ref_texbem_b);
   static const float zero[4] = { 0 };
   set_bump(2, zero);
   bind(1, NULL);
}

/* Stage 1 projected: its coordinates are divided before the
 * perturbation. */
static void
test_texbem_projected(void)
{
   HANDLE ps = texbem_shader(D3DSIO_TEXBEM, false);
   bind(0, &t_bump);
   bind(1, &t_map);
   struct coords cs[4] = { uv_coords, uv_coords, uv_coords, uv_coords };
   const struct coords c1 = { { 0, 0, 2, 1 }, { 2, 0, 0, 0 },
                              { 0, 2, 0, 0 } };
   cs[1] = c1;
   bump_bx2 = bump_lum = false;
   set_bump(1, mat_a);
   set_tss(1, D3DDDITSS_TEXTURETRANSFORMFLAGS,
           D3DTTFF_COUNT3 | D3DTTFF_PROJECTED);
   begin();
   draw_quad(ps, cs, 0.5f);
   bump_div = 2.0f;
   compare("texbem, stage 1 count3|projected", cs, ref_texbem_a);
   set_tss(1, D3DDDITSS_TEXTURETRANSFORMFLAGS, D3DTTFF_DISABLE);
   begin();
   draw_quad(ps, cs, 0.5f);
   bump_div = 1.0f;
   compare("texbem, stage 1 not projected", cs, ref_texbem_a);
   bind(1, NULL);
}

static void
test_texbeml(void)
{
   HANDLE ps = texbem_shader(D3DSIO_TEXBEML, true);
   bind(0, &t_bump);
   bind(1, &t_map);
   const struct coords cs[4] = { uv_coords, uv_coords, uv_coords, uv_coords };
   bump_bx2 = bump_lum = true;
   set_bump(1, mat_a);
   lum_scale = 0.375f;
   lum_offset = 0.5f;
   set_tss(1, D3DDDITSS_BUMPENVLSCALE, f2dw(lum_scale));
   set_tss(1, D3DDDITSS_BUMPENVLOFFSET, f2dw(lum_offset));
   begin();
   draw_quad(ps, cs, 0.5f);
   compare("texbeml", cs, ref_texbem_a);
   /* The luminance changes without a new shader too. */
   lum_scale = -0.25f;
   lum_offset = 0.625f;
   set_tss(1, D3DDDITSS_BUMPENVLSCALE, f2dw(lum_scale));
   set_tss(1, D3DDDITSS_BUMPENVLOFFSET, f2dw(lum_offset));
   begin();
   draw_quad(ps, cs, 0.5f);
   compare("texbeml, luminance changed", cs, ref_texbem_a);
   set_tss(1, D3DDDITSS_BUMPENVLSCALE, 0);
   set_tss(1, D3DDDITSS_BUMPENVLOFFSET, 0);
   bump_bx2 = bump_lum = false;
   bind(1, NULL);
}

/* bem r2.rg, r1, r0 (ps_1_4): r1 = t1's coordinates, r0 = the bump
 * texture; phase 2 samples stage 2 at r2. */
static bool
ref_bem(const float tc[4][4], float *out)
{
   float t0[4];
   if (!ref_t0(tc, t0))
      return false;
   const float u = tc[1][0] + bump_m[0] * t0[0] + bump_m[2] * t0[1];
   const float v = tc[1][1] + bump_m[1] * t0[0] + bump_m[3] * t0[1];
   return ref_2d(&t_map, u, v, false, out);
}

static bool
ref_bem_a(const float tc[4][4], float *out)
{
   memcpy(bump_m, mat_a, sizeof(bump_m));
   return ref_bem(tc, out);
}

static bool
ref_bem_b(const float tc[4][4], float *out)
{
   memcpy(bump_m, mat_b, sizeof(bump_m));
   return ref_bem(tc, out);
}

static void
test_bem(void)
{
   struct prog p;
   p_begin(&p, SM_PS(1, 4));
   I(&p, SM1_INSTR(D3DSIO_TEX), DR(0, SM_MASK_ALL), T(0));
   I(&p, SM1_INSTR(D3DSIO_TEXCOORD), DR(1, SM_MASK_XYZ), T(1));
   I(&p, SM1_INSTR(D3DSIO_BEM), DR(2, SM_MASK_XY), R(1), R(0));
   I0(&p, SM1_INSTR(D3DSIO_PHASE));
   I(&p, SM1_INSTR(D3DSIO_TEX), DR(2, SM_MASK_ALL), R(2));
   I(&p, SM1_INSTR(D3DSIO_MOV), DR(0, SM_MASK_ALL), R(2));
   p_tok(&p, SM_END);
   HANDLE ps = make(&p);
   bind(0, &t_bump);
   bind(2, &t_map);
   const struct coords cs[4] = { uv_coords, uv_coords, uv_coords, uv_coords };
   set_bump(2, mat_a);
   begin();
   draw_quad(ps, cs, 0.5f);
   compare("bem, matrix a", cs, ref_bem_a);
   set_bump(2, mat_b);
   begin();
   draw_quad(ps, cs, 0.5f);
   compare("bem, matrix b", cs, ref_bem_b);
   static const float zero[4] = { 0 };
   set_bump(2, zero);
   bind(2, NULL);
}

/* -------------------------------------------------------------------- */
/* texreg2ar, texreg2gb, texreg2rgb.                                    */

static bool
ref_texreg2ar(const float tc[4][4], float *out)
{
   float t0[4];
   return ref_t0(tc, t0) && ref_2d(&t_map, t0[3], t0[0], false, out);
}

static bool
ref_texreg2gb(const float tc[4][4], float *out)
{
   float t0[4];
   return ref_t0(tc, t0) && ref_2d(&t_map, t0[1], t0[2], false, out);
}

static bool
ref_texreg2rgb(const float tc[4][4], float *out)
{
   float t0[4];
   return ref_t0(tc, t0) && ref_3d(&t_vol, t0, out);
}

static void
texreg(uint32_t op, unsigned minor, const struct tex *t1, const char *what,
       ref_fn ref)
{
   struct prog p;
   p_begin(&p, SM_PS(1, minor));
   I(&p, SM1_INSTR(D3DSIO_TEX), DT(0));
   I(&p, SM1_INSTR(op), DT(1), T(0));
   I(&p, SM1_INSTR(D3DSIO_MOV), DR(0, SM_MASK_ALL), T(1));
   p_tok(&p, SM_END);
   HANDLE ps = make(&p);
   bind(0, &t_bump);
   bind(1, t1);
   const struct coords cs[4] = { uv_coords, uv_coords, uv_coords, uv_coords };
   begin();
   draw_quad(ps, cs, 0.5f);
   compare(what, cs, ref);
   bind(1, NULL);
}

/* -------------------------------------------------------------------- */
/* The matrix instructions.                                             */

/* Rows as texture coordinates of stages 1-3 (xyz; w the vspec eye). */
static const struct coords rows[4] = {
   { { 0, 0, 0, 1 }, { 1, 0, 0, 0 }, { 0, 1, 0, 0 } },
   { { 0.45f, 0.3f, 0.1f, 0.3f }, { 0.3f, 0, 0, 0 }, { 0, 0, 0.1f, 0 } },
   { { 0.1f, 0.5f, 0.2f, -0.4f }, { 0, 0.1f, 0, 0 }, { 0, 0, 0.2f, 0.2f } },
   { { 0.2f, 0.1f, 0.6f, 0.8f }, { 0, 0, 0.1f, 0 }, { 0.1f, 0, 0, 0 } },
};

static bool m_bx2;   /* the shaders read t0_bx2 */

static bool
normal(const float tc[4][4], float *n)
{
   float t0[4], s[4];
   if (!ref_t0(tc, t0))
      return false;
   if (m_bx2)
      bx2(t0, s);
   else
      memcpy(s, t0, sizeof(s));
   n[0] = dot3f(tc[1], s);
   n[1] = dot3f(tc[2], s);
   n[2] = dot3f(tc[3], s);
   n[3] = 1.0f;
   return true;
}

static bool
ref_texm3x2tex(const float tc[4][4], float *out)
{
   float n[4];
   return normal(tc, n) && ref_2d(&t_map, n[0], n[1], false, out);
}

static bool
ref_texm3x3tex(const float tc[4][4], float *out)
{
   float n[4];
   return normal(tc, n) && ref_3d(&t_vol, n, out);
}

static bool
ref_texm3x3(const float tc[4][4], float *out)
{
   return normal(tc, out);
}

static float eye[4] = { 0.25f, -0.5f, 1.0f, 0.0f };

static bool
ref_spec(const float tc[4][4], const float *e, float *out)
{
   float n[4], r[3];
   if (!normal(tc, n))
      return false;
   const float f = 2.0f * dot3f(n, e) / dot3f(n, n);
   for (unsigned i = 0; i < 3; i++)
      r[i] = n[i] * f - e[i];
   return ref_cube(&t_cube, r, out);
}

static bool
ref_texm3x3spec(const float tc[4][4], float *out)
{
   return ref_spec(tc, eye, out);
}

static bool
ref_texm3x3vspec(const float tc[4][4], float *out)
{
   const float e[3] = { tc[1][3], tc[2][3], tc[3][3] };
   return ref_spec(tc, e, out);
}

static bool
ref_texdp3(const float tc[4][4], float *out)
{
   float t0[4];
   if (!ref_t0(tc, t0))
      return false;
   out[0] = out[1] = out[2] = out[3] = dot3f(tc[1], t0);
   return true;
}

static bool
ref_texdp3tex(const float tc[4][4], float *out)
{
   float t0[4];
   if (!ref_t0(tc, t0))
      return false;
   /* v is exactly 0: row 0, whatever the margin. */
   unsigned x;
   if (!texel_index(dot3f(tc[1], t0), t_map.w, false, &x))
      return false;
   to_float(t_map.texel[x], out);
   return true;
}

/* tex t0; the pads; the last row into t(rows); mov r0, t(rows). */
static void
matrix_test(unsigned minor, unsigned nrows, uint32_t last_op, bool src_bx2,
            const struct tex *t_last, const char *what, ref_fn ref)
{
   struct prog p;
   p_begin(&p, SM_PS(1, minor));
   I(&p, SM1_INSTR(D3DSIO_TEX), DT(0));
   const uint32_t src = src_bx2 ? TBX2(0) : T(0);
   const uint32_t pad = nrows == 3 ? D3DSIO_TEXM3x3PAD : D3DSIO_TEXM3x2PAD;
   for (unsigned r = 1; r < nrows; r++)
      I(&p, SM1_INSTR(pad), DT(r), src);
   if (last_op == D3DSIO_TEXM3x3SPEC)
      I(&p, SM1_INSTR(last_op), DT(nrows), src, C(0));
   else
      I(&p, SM1_INSTR(last_op), DT(nrows), src);
   I(&p, SM1_INSTR(D3DSIO_MOV), DR(0, SM_MASK_ALL), T(nrows));
   p_tok(&p, SM_END);
   HANDLE ps = make(&p);
   bind(0, &t_bump);
   bind(nrows, t_last);
   set_ps_const(dev, 0, eye, 1);
   m_bx2 = src_bx2;
   begin();
   draw_quad(ps, rows, 0.5f);
   compare(what, rows, ref);
   bind(nrows, NULL);
   m_bx2 = false;
}

/* One row: texdp3 / texdp3tex t1, t0. */
static void
dp3_test(uint32_t op, const char *what, ref_fn ref)
{
   struct prog p;
   p_begin(&p, SM_PS(1, 2));
   I(&p, SM1_INSTR(D3DSIO_TEX), DT(0));
   I(&p, SM1_INSTR(op), DT(1), T(0));
   I(&p, SM1_INSTR(D3DSIO_MOV), DR(0, SM_MASK_ALL), T(1));
   p_tok(&p, SM_END);
   HANDLE ps = make(&p);
   bind(0, &t_bump);
   bind(1, &t_map);
   begin();
   draw_quad(ps, rows, 0.5f);
   compare(what, rows, ref);
   bind(1, NULL);
}

/* texm3x2depth: depth = (row 1 . t0) / (row 2 . t0), written with
 * ZFUNC ALWAYS; a second quad at depth 0.45 with ZFUNC LESS then covers
 * exactly the pixels whose depth is above 0.45. */
static const struct coords depth_rows[4] = {
   { { 0, 0, 0, 1 }, { 1, 0, 0, 0 }, { 0, 1, 0, 0 } },
   { { 0.2f, 0.3f, 0.1f, 0 }, { 0.6f, 0, 0, 0 }, { 0, 0, 0.3f, 0 } },
   { { 1, 1, 1, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 } },
   { { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 } },
};
static const float marker[4] = { 1.0f, 0.0f, 1.0f, 1.0f };
#define DEPTH_REF 0.45f

static bool
ref_depth(const float tc[4][4], float *out)
{
   float t0[4];
   if (!ref_t0(tc, t0))
      return false;
   const float z = dot3f(tc[1], t0), w = dot3f(tc[2], t0);
   const float d = w == 0.0f ? 1.0f : z / w;
   if (fabsf(d - DEPTH_REF) < 0.005f)
      return false;
   memcpy(out, DEPTH_REF < d ? marker : t0, 4 * sizeof(float));
   return true;
}

/* Draws ps over the target with ZFUNC ALWAYS (the quad's own depth is
 * 0.5: an ignored depth output shows), then ps_marker at DEPTH_REF with
 * ZFUNC LESS, and compares the result with ref. */
static void
depth_test(const char *what, HANDLE ps, const struct coords *cs, ref_fn ref)
{
   HANDLE z = depth_stencil(dev, D3DDDIFMT_D24S8, W, H);
   if (!z)
      return;
   D3DDDIARG_SETDEPTHSTENCIL ds = { z };
   CHECK_HR(dev->funcs.pfnSetDepthStencil(dev->hDevice, &ds), S_OK);
   begin();
   CHECK_HR(clear(dev, D3DCLEAR_ZBUFFER | D3DCLEAR_COMPUTERECTS, 0, 1.0f, 0,
                  0, NULL), S_OK);
   set_rs(dev, D3DRS_ZENABLE, D3DZB_TRUE);
   set_rs(dev, D3DRS_ZWRITEENABLE, TRUE);
   set_rs(dev, D3DRS_ZFUNC, D3DCMP_ALWAYS);
   draw_quad(ps, cs, 0.5f);
   set_rs(dev, D3DRS_ZFUNC, D3DCMP_LESS);
   set_rs(dev, D3DRS_ZWRITEENABLE, FALSE);
   set_ps_const(dev, 0, marker, 1);
   draw_quad(ps_marker, cs, DEPTH_REF);
   compare(what, cs, ref);
   set_rs(dev, D3DRS_ZENABLE, D3DZB_FALSE);
   set_rs(dev, D3DRS_ZWRITEENABLE, TRUE);
   ds.hZBuffer = NULL;
   CHECK_HR(dev->funcs.pfnSetDepthStencil(dev->hDevice, &ds), S_OK);
   CHECK_HR(rt_destroy_resource(dev, z), S_OK);
}

static void
test_texm3x2depth(void)
{
   struct prog p;
   p_begin(&p, SM_PS(1, 3));
   I(&p, SM1_INSTR(D3DSIO_TEX), DT(0));
   I(&p, SM1_INSTR(D3DSIO_TEXM3x2PAD), DT(1), T(0));
   I(&p, SM1_INSTR(D3DSIO_TEXM3x2DEPTH), DT(2), T(0));
   I(&p, SM1_INSTR(D3DSIO_MOV), DR(0, SM_MASK_ALL), T(0));
   p_tok(&p, SM_END);
   HANDLE ps = make(&p);
   bind(0, &t_bump);
   depth_test("texm3x2depth", ps, depth_rows, ref_depth);
}

/* texdepth (ps_1_4): phase 1 copies t1's coordinates to r5 and zeroes
 * r5.xy where t1.z < 0; phase 2's texdepth r5 makes the depth
 * r5.x / r5.y, 1 where r5.y is 0 (there a plain division is 0 / 0).
 * t1 = (0.05 + 0.45 u, 0.5 + 0.5 v, u + 0.5 v - 0.4): the depth is a
 * ratio of two varying values, from 0.05 to just under 1, and crosses
 * DEPTH_REF along a curve. */
static const struct coords texdepth_coords[4] = {
   { { 0, 0, 0, 1 }, { 1, 0, 0, 0 }, { 0, 1, 0, 0 } },
   { { 0.05f, 0.5f, -0.4f, 0 }, { 0.45f, 0, 1.0f, 0 }, { 0, 0.5f, 0.5f, 0 } },
   { { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 } },
   { { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 } },
};
static const float texdepth_colour[4] = { 0.0f, 1.0f, 0.25f, 0.5f };
/* Compared pixels: depth below DEPTH_REF, above it, r5.y == 0. */
static unsigned texdepth_seen[3];

static bool
ref_texdepth(const float tc[4][4], float *out)
{
   const float *t1 = tc[1];
   if (fabsf(t1[2]) < 0.01f)
      return false;
   const bool zeroed = t1[2] < 0.0f;
   const float d = zeroed ? 1.0f : t1[0] / t1[1];
   if (fabsf(d - DEPTH_REF) < 0.005f)
      return false;
   texdepth_seen[zeroed ? 2 : DEPTH_REF < d ? 1 : 0]++;
   memcpy(out, DEPTH_REF < d ? marker : texdepth_colour, 4 * sizeof(float));
   return true;
}

static void
test_texdepth(void)
{
   static const float zero[4] = { 0 };
   struct prog p;
   p_begin(&p, SM_PS(1, 4));
   I(&p, SM1_INSTR(D3DSIO_TEXCOORD), DR(5, SM_MASK_XYZ), T(1));
   I(&p, SM1_INSTR(D3DSIO_CMP), DR(5, SM_MASK_XY),
     SM_SRC(D3DSPR_TEMP, 5, SM_REPL(z)), R(5), C(2));
   I0(&p, SM1_INSTR(D3DSIO_PHASE));
   I(&p, SM1_INSTR(D3DSIO_TEXDEPTH), DR(5, SM_MASK_ALL));
   I(&p, SM1_INSTR(D3DSIO_MOV), DR(0, SM_MASK_ALL), C(1));
   p_tok(&p, SM_END);
   HANDLE ps = make(&p);
   set_ps_const(dev, 1, texdepth_colour, 1);
   set_ps_const(dev, 2, zero, 1);
   memset(texdepth_seen, 0, sizeof(texdepth_seen));
   depth_test("texdepth", ps, texdepth_coords, ref_texdepth);
   /* The three cases must each cover a good part of the target. */
   for (unsigned i = 0; i < 3; i++) {
      if (texdepth_seen[i] < W * H / 8) {
         printf("  texdepth: only %u pixels of case %u\n", texdepth_seen[i],
                i);
         piglit_check_failed = true;
      }
   }
}

/* -------------------------------------------------------------------- */
/* vs_1_1: one point per value, the result in oT0.                      */

struct vs_case {
   float in[4];
   float e[4];
};

static void
vs11_run(const char *what, HANDLE vs, const struct vs_case *cases,
         unsigned n, float tol)
{
   struct vtx4 v[64];
   memset(v, 0, sizeof(v));
   for (unsigned i = 0; i < n && i < 64; i++) {
      const struct vtx p = sv((float)(i % W), (float)(i / W), 0.5f, 0, 0, 0,
                              0);
      memcpy(v[i].pos, p.pos, sizeof(p.pos));
      memcpy(v[i].t[0], cases[i].in, sizeof(cases[i].in));
   }
   begin();
   CHECK_HR(dev->funcs.pfnSetVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, vs), S_OK);
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, ps_copy), S_OK);
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx4) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, v), S_OK);
   CHECK_HR(draw(dev, D3DPT_POINTLIST, 0, n), S_OK);
   read_floats(dev, frt, W, H, fimg);
   for (unsigned i = 0; i < n; i++) {
      const float *g = &fimg[i * 4], *e = cases[i].e;
      bool ok = true;
      for (unsigned c = 0; c < 4; c++)
         ok &= fabsf(g[c] - e[c]) <= tol * MAX2(1.0f, fabsf(e[c]));
      if (!ok) {
         printf("  %s: input (%g %g %g %g) gave (%.6g %.6g %.6g %.6g), "
                "expected (%.6g %.6g %.6g %.6g)\n", what, cases[i].in[0],
                cases[i].in[1], cases[i].in[2], cases[i].in[3], g[0], g[1],
                g[2], g[3], e[0], e[1], e[2], e[3]);
         piglit_check_failed = true;
      }
   }
}

/* dcl_position v0, dcl_texcoord v1, oPos = v0, body, oT0 = r1. */
static void
vs11_begin(struct prog *p)
{
   p_begin(p, SM_VS(1, 1));
   I(p, SM1_INSTR(D3DSIO_DCL), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
     SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL));
   I(p, SM1_INSTR(D3DSIO_DCL), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 0),
     SM_DST(D3DSPR_INPUT, 1, SM_MASK_ALL));
   I(p, SM1_INSTR(D3DSIO_MOV), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL), V(0));
   /* r1 starts as a known value, so that masks show. */
   I(p, SM1_INSTR(D3DSIO_MOV), DR(1, SM_MASK_ALL), V(0));
}

static HANDLE
vs11_end(struct prog *p)
{
   I(p, SM1_INSTR(D3DSIO_MOV), SM_DST(D3DSPR_TEXCRDOUT, 0, SM_MASK_ALL),
     R(1));
   p_tok(p, SM_END);
   return make(p);
}

static void
set_vs_consts(void)
{
   /* c0: a comparison / dst operand; c2-c15: (k, 10 + k, -k, k / 2);
    * c4-c7 double as m4x4's rows. */
   static const float c0[4] = { 0.5f, -1.0f, 2.0f, 0.0f };
   set_vs_const(dev, 0, c0, 1);
   for (unsigned k = 2; k < 16; k++) {
      const float c[4] = { (float)k, 10.0f + k, -(float)k, k / 2.0f };
      set_vs_const(dev, k, c, 1);
   }
}

static void
test_vs11_a0(void)
{
   struct prog p;
   vs11_begin(&p);
   I(&p, SM1_INSTR(D3DSIO_MOV), SM_DST(D3DSPR_ADDR, 0, SM_MASK_X),
     SM_SRC(D3DSPR_INPUT, 1, SM_REPL(x)));
   I(&p, SM1_INSTR(D3DSIO_MOV), DR(1, SM_MASK_ALL),
     SM_SRC(D3DSPR_CONST, 6, SM_NOSWZ) | SM_REL);
   HANDLE vs = vs11_end(&p);
   set_vs_consts();
   /* Indices whose floor and nearest integer agree (vs_1_1's rounding
    * of a0 is floor; rounding up at .5 and above is not tested). */
   static const float xs[] = { 0.0f, 1.0f, 2.25f, 3.4f, 9.0f, -1.0f, -4.0f,
                               5.125f };
   struct vs_case cs[SM_COUNT(xs)];
   for (unsigned i = 0; i < SM_COUNT(xs); i++) {
      const int k = 6 + (int)floorf(xs[i]);
      const float e[4] = { (float)k, 10.0f + k, -(float)k, k / 2.0f };
      memcpy(cs[i].e, e, sizeof(e));
      const float in[4] = { xs[i], 0, 0, 0 };
      memcpy(cs[i].in, in, sizeof(in));
   }
   vs11_run("vs_1_1 c[a0.x + 6]", vs, cs, SM_COUNT(cs), 0.0f);
}

static void
scalar_cases(const float *xs, unsigned n, struct vs_case *cs,
             void (*fn)(float x, float *e))
{
   for (unsigned i = 0; i < n; i++) {
      memset(&cs[i], 0, sizeof(cs[i]));
      cs[i].in[0] = xs[i];
      fn(xs[i], cs[i].e);
   }
}

static void
ref_expp(float x, float *e)
{
   const float f = floorf(x);
   e[0] = exp2f(f);
   e[1] = x - f;
   e[2] = exp2f(x);
   e[3] = 1.0f;
}

static void
ref_logp(float x, float *e)
{
   e[0] = e[1] = e[2] = e[3] = log2f(fabsf(x));
}

static void
test_vs11_expp_logp(uint32_t op)
{
   struct prog p;
   vs11_begin(&p);
   I(&p, SM1_INSTR(op), DR(1, SM_MASK_ALL),
     SM_SRC(D3DSPR_INPUT, 1, SM_REPL(x)));
   HANDLE vs = vs11_end(&p);
   static const float xs[] = { 1.0f, -2.0f, 0.5f, 3.25f, -0.75f, 8.0f,
                               0.1f, -1000.0f };
   struct vs_case cs[SM_COUNT(xs)];
   scalar_cases(xs, SM_COUNT(xs), cs,
                op == D3DSIO_EXPP ? ref_expp : ref_logp);
   /* expp and logp: 10 bits of precision. */
   vs11_run(op == D3DSIO_EXPP ? "vs_1_1 expp" : "vs_1_1 logp", vs, cs,
            SM_COUNT(cs), 1.0f / 1024.0f);
}

static void
test_vs11_lit(void)
{
   struct prog p;
   vs11_begin(&p);
   I(&p, SM1_INSTR(D3DSIO_LIT), DR(1, SM_MASK_ALL), V(1));
   HANDLE vs = vs11_end(&p);
   static const float in[][4] = {
      { 0.5f, 0.5f, 0.0f, 2.0f }, { -1.0f, 0.5f, 0.0f, 2.0f },
      { 1.0f, 0.25f, 7.0f, 3.0f }, { 2.0f, 0.75f, 0.0f, 0.5f },
      { 0.25f, -0.5f, 9.0f, 3.0f }, { 0.75f, 1.5f, 0.0f, 200.0f },
   };
   struct vs_case cs[SM_COUNT(in)];
   for (unsigned i = 0; i < SM_COUNT(in); i++) {
      memcpy(cs[i].in, in[i], sizeof(in[i]));
      const float x = in[i][0], y = in[i][1];
      const float w = fminf(fmaxf(in[i][3], -127.9961f), 127.9961f);
      cs[i].e[0] = 1.0f;
      cs[i].e[1] = x > 0 ? x : 0.0f;
      cs[i].e[2] = x > 0 && y > 0 ? powf(y, w) : 0.0f;
      cs[i].e[3] = 1.0f;
   }
   vs11_run("vs_1_1 lit", vs, cs, SM_COUNT(cs), 1e-4f);
}

static void
test_vs11_dst(void)
{
   struct prog p;
   vs11_begin(&p);
   I(&p, SM1_INSTR(D3DSIO_DST), DR(1, SM_MASK_ALL), V(1), C(0));
   HANDLE vs = vs11_end(&p);
   set_vs_consts();
   static const float in[][4] = {
      { 9.0f, 3.0f, 4.0f, 7.0f }, { -1.0f, -0.5f, 0.25f, 2.0f },
   };
   static const float c0[4] = { 0.5f, -1.0f, 2.0f, 0.0f };
   struct vs_case cs[SM_COUNT(in)];
   for (unsigned i = 0; i < SM_COUNT(in); i++) {
      memcpy(cs[i].in, in[i], sizeof(in[i]));
      const float e[4] = { 1.0f, in[i][1] * c0[1], in[i][2], c0[3] };
      memcpy(cs[i].e, e, sizeof(e));
   }
   vs11_run("vs_1_1 dst", vs, cs, SM_COUNT(cs), 0.0f);
}

static void
test_vs11_m4x4(void)
{
   struct prog p;
   vs11_begin(&p);
   I(&p, SM1_INSTR(D3DSIO_M4x4), DR(1, SM_MASK_ALL), V(1), C(4));
   HANDLE vs = vs11_end(&p);
   set_vs_consts();
   static const float in[][4] = {
      { 1.0f, 2.0f, -1.0f, 0.5f }, { -2.0f, 0.25f, 4.0f, 1.0f },
      { 0.0f, 0.0f, 0.0f, 0.0f },
   };
   struct vs_case cs[SM_COUNT(in)];
   for (unsigned i = 0; i < SM_COUNT(in); i++) {
      memcpy(cs[i].in, in[i], sizeof(in[i]));
      for (unsigned r = 0; r < 4; r++) {
         const float k = 4.0f + r;
         const float row[4] = { k, 10.0f + k, -k, k / 2.0f };
         cs[i].e[r] = in[i][0] * row[0] + in[i][1] * row[1] +
                      in[i][2] * row[2] + in[i][3] * row[3];
      }
   }
   vs11_run("vs_1_1 m4x4", vs, cs, SM_COUNT(cs), 1e-6f);
}

static void
test_vs11_compare(uint32_t op)
{
   struct prog p;
   vs11_begin(&p);
   I(&p, SM1_INSTR(op), DR(1, SM_MASK_ALL), V(1), C(0));
   HANDLE vs = vs11_end(&p);
   set_vs_consts();
   static const float c0[4] = { 0.5f, -1.0f, 2.0f, 0.0f };
   static const float in[][4] = {
      { 0.5f, -1.0f, 2.0f, 0.0f }, { 0.25f, 3.0f, -2.0f, -0.0f },
      { 1.0f, -1.5f, 2.5f, -1.0f },
   };
   struct vs_case cs[SM_COUNT(in)];
   for (unsigned i = 0; i < SM_COUNT(in); i++) {
      memcpy(cs[i].in, in[i], sizeof(in[i]));
      for (unsigned c = 0; c < 4; c++) {
         const bool ge = in[i][c] >= c0[c];
         cs[i].e[c] = (op == D3DSIO_SGE ? ge : !ge) ? 1.0f : 0.0f;
      }
   }
   vs11_run(op == D3DSIO_SGE ? "vs_1_1 sge" : "vs_1_1 slt", vs, cs,
            SM_COUNT(cs), 0.0f);
}

/* -------------------------------------------------------------------- */
/* nop and comments: a program draws the same with and without them.    */

/* A D3DSIO_COMMENT token, its length in bits 16-30, then the data. */
static void
p_comment(struct prog *p, const uint32_t *data, unsigned n)
{
   p_tok(p, SM_COMMENT(n));
   for (unsigned i = 0; i < n; i++)
      p_tok(p, data[i]);
}

/* Comment payloads that read as tokens: end, instructions (with and
 * without a length), parameters, a version, a comment, phase. */
static const uint32_t junk_a[] = {
   SM_END, SM_INSTR(D3DSIO_MOV, 2), 0x800f0800u, SM_END,
};
static const uint32_t junk_b[] = {
   SM_PS(1, 4), SM_COMMENT(7), SM_INSTR(D3DSIO_TEXKILL, 1),
   SM_DST(D3DSPR_TEMP, 0, SM_MASK_ALL), SM1_INSTR(D3DSIO_PHASE),
   SM_INSTR(D3DSIO_RET, 0), 0xffffffffu, SM_VS(3, 0), SM_END,
};
static const uint32_t junk_c[] = { SM_END, SM_END };

static void
junk(struct prog *p, unsigned which)
{
   switch (which % 4) {
   case 0: p_comment(p, junk_a, SM_COUNT(junk_a)); break;
   case 1: p_comment(p, junk_b, SM_COUNT(junk_b)); break;
   case 2: p_comment(p, NULL, 0); break;
   default: p_comment(p, junk_c, SM_COUNT(junk_c)); break;
   }
}

/* With extras: a comment, and (nop) a nop, before what comes next.  A
 * nop counts as an instruction: dcl must not follow one. */
static void
extra(struct prog *p, bool extras, unsigned *k, bool nop)
{
   if (!extras)
      return;
   junk(p, (*k)++);
   if (nop)
      I0(p, SM_INSTR(D3DSIO_NOP, 0));
}

static const float nop_a[4] = { 0.25f, 0.5f, 0.75f, 1.0f };
static const float nop_b[4] = { 0.5f, 0.125f, 0.375f, -0.5f };

static void
p_def(struct prog *p, unsigned reg, const float *v)
{
   I(p, SM_INSTR(D3DSIO_DEF, 0), SM_DST(D3DSPR_CONST, reg, SM_MASK_ALL),
     f2dw(v[0]), f2dw(v[1]), f2dw(v[2]), f2dw(v[3]));
}

/* ps_2_0: oC0 = t0 * c3 + c4, with (extras) nops and comments around
 * and between every instruction. */
static HANDLE
ps20_nop_shader(bool extras)
{
   struct prog p;
   p_begin(&p, SM_PS(2, 0));
   unsigned k = 0;
   extra(&p, extras, &k, false);
   I(&p, SM_INSTR(D3DSIO_DCL, 0), SM_DCL_PLAIN,
     SM_DST(D3DSPR_TEXTURE, 0, SM_MASK_ALL));
   extra(&p, extras, &k, false);
   p_def(&p, 3, nop_a);
   extra(&p, extras, &k, false);
   p_def(&p, 4, nop_b);
   extra(&p, extras, &k, true);
   I(&p, SM_INSTR(D3DSIO_MUL, 0), DR(0, SM_MASK_ALL), T(0), C(3));
   extra(&p, extras, &k, true);
   I(&p, SM_INSTR(D3DSIO_ADD, 0), DR(0, SM_MASK_ALL), R(0), C(4));
   extra(&p, extras, &k, true);
   I(&p, SM_INSTR(D3DSIO_MOV, 0), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL),
     R(0));
   extra(&p, extras, &k, true);
   p_tok(&p, SM_END);
   return make(&p);
}

static bool
ref_ps20_nop(const float tc[4][4], float *out)
{
   for (unsigned c = 0; c < 4; c++)
      out[c] = tc[0][c] * nop_a[c] + nop_b[c];
   return true;
}

static void
test_ps20_nop_comment(void)
{
   static float plain[W * H * 4];
   const struct coords cs[4] = { uv_coords, uv_coords, uv_coords, uv_coords };
   HANDLE a = ps20_nop_shader(false), b = ps20_nop_shader(true);
   begin();
   draw_quad(a, cs, 0.5f);
   compare("ps_2_0 without nop/comment", cs, ref_ps20_nop);
   memcpy(plain, fimg, sizeof(plain));
   begin();
   draw_quad(b, cs, 0.5f);
   compare("ps_2_0 with nop/comment", cs, ref_ps20_nop);
   if (memcmp(plain, fimg, sizeof(plain))) {
      printf("  ps_2_0: nop and comments changed the image\n");
      piglit_check_failed = true;
   }
}

/* vs_2_0: oPos = v0, oT0 = v1 * c3 + c4 (mad, all values exact), with
 * (extras) nops and comments. */
static HANDLE
vs20_nop_shader(bool extras)
{
   struct prog p;
   p_begin(&p, SM_VS(2, 0));
   unsigned k = 1;
   extra(&p, extras, &k, false);
   I(&p, SM_INSTR(D3DSIO_DCL, 0), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
     SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL));
   extra(&p, extras, &k, false);
   I(&p, SM_INSTR(D3DSIO_DCL, 0), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 0),
     SM_DST(D3DSPR_INPUT, 1, SM_MASK_ALL));
   extra(&p, extras, &k, false);
   p_def(&p, 3, nop_a);
   extra(&p, extras, &k, false);
   p_def(&p, 4, nop_b);
   extra(&p, extras, &k, true);
   I(&p, SM_INSTR(D3DSIO_MOV, 0), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL),
     V(0));
   extra(&p, extras, &k, true);
   I(&p, SM_INSTR(D3DSIO_MAD, 0), DR(1, SM_MASK_ALL), V(1), C(3), C(4));
   extra(&p, extras, &k, true);
   I(&p, SM_INSTR(D3DSIO_MOV, 0),
     SM_DST(D3DSPR_TEXCRDOUT, 0, SM_MASK_ALL), R(1));
   extra(&p, extras, &k, true);
   p_tok(&p, SM_END);
   return make(&p);
}

static void
test_vs20_nop_comment(void)
{
   static const float in[][4] = {
      { 1.0f, 2.0f, -1.0f, 0.5f }, { -2.0f, 0.25f, 4.0f, 1.0f },
      { 0.0f, 0.0f, 0.0f, 0.0f }, { 0.5f, -8.0f, 0.125f, 3.0f },
   };
   struct vs_case cs[SM_COUNT(in)];
   for (unsigned i = 0; i < SM_COUNT(in); i++) {
      memcpy(cs[i].in, in[i], sizeof(in[i]));
      for (unsigned c = 0; c < 4; c++)
         cs[i].e[c] = in[i][c] * nop_a[c] + nop_b[c];
   }
   vs11_run("vs_2_0 without nop/comment", vs20_nop_shader(false), cs,
            SM_COUNT(cs), 0.0f);
   vs11_run("vs_2_0 with nop/comment", vs20_nop_shader(true), cs,
            SM_COUNT(cs), 0.0f);
}

/* ps_1_1 and ps_1_4 with a comment before the first instruction (and a
 * nop and a comment between the others): they sample t0 as ps_t0_20
 * does. */
static void
test_ps1x_comment(void)
{
   const struct coords cs[4] = { uv_coords, uv_coords, uv_coords, uv_coords };
   struct prog p;
   p_begin(&p, SM_PS(1, 1));
   junk(&p, 1);
   I(&p, SM1_INSTR(D3DSIO_TEX), DT(0));
   I0(&p, SM1_INSTR(D3DSIO_NOP));
   junk(&p, 0);
   I(&p, SM1_INSTR(D3DSIO_MOV), DR(0, SM_MASK_ALL), T(0));
   junk(&p, 3);
   p_tok(&p, SM_END);
   HANDLE ps11 = make(&p);
   p_begin(&p, SM_PS(1, 4));
   junk(&p, 0);
   junk(&p, 2);
   I(&p, SM1_INSTR(D3DSIO_TEX), DR(0, SM_MASK_ALL), T(0));
   junk(&p, 1);
   I0(&p, SM1_INSTR(D3DSIO_NOP));
   I(&p, SM1_INSTR(D3DSIO_MOV), DR(0, SM_MASK_ALL), R(0));
   p_tok(&p, SM_END);
   HANDLE ps14 = make(&p);
   bind(0, &t_bump);
   begin();
   draw_quad(ps11, cs, 0.5f);
   compare("ps_1_1 with comments", cs, ref_t0);
   begin();
   draw_quad(ps14, cs, 0.5f);
   compare("ps_1_4 with comments", cs, ref_t0);
}

/* -------------------------------------------------------------------- */

static void
make_common(void)
{
   static const D3DDDIVERTEXELEMENT elems[] = {
      { 0, 0, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_POSITION, 0 },
      { 0, 16, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_TEXCOORD, 0 },
      { 0, 32, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_TEXCOORD, 1 },
      { 0, 48, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_TEXCOORD, 2 },
      { 0, 64, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_TEXCOORD, 3 },
   };
   decl = vertex_decl(dev, elems, SM_COUNT(elems));

   /* vs_1_1: oPos = v0, oT# = v1..v4. */
   struct prog p;
   p_begin(&p, SM_VS(1, 1));
   I(&p, SM1_INSTR(D3DSIO_DCL), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
     SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL));
   for (unsigned i = 0; i < 4; i++)
      I(&p, SM1_INSTR(D3DSIO_DCL), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, i),
        SM_DST(D3DSPR_INPUT, 1 + i, SM_MASK_ALL));
   I(&p, SM1_INSTR(D3DSIO_MOV), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL), V(0));
   for (unsigned i = 0; i < 4; i++)
      I(&p, SM1_INSTR(D3DSIO_MOV), SM_DST(D3DSPR_TEXCRDOUT, i, SM_MASK_ALL),
        V(1 + i));
   p_tok(&p, SM_END);
   vs_pass = make(&p);

   /* ps_2_0: oC0 = c0; oC0 = texld(s0, t0); oC0 = t0. */
   p_begin(&p, SM_PS(2, 0));
   I(&p, SM_INSTR(D3DSIO_MOV, 0), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL),
     C(0));
   p_tok(&p, SM_END);
   ps_marker = make(&p);
   p_begin(&p, SM_PS(2, 0));
   I(&p, SM_INSTR(D3DSIO_DCL, 0), SM_DCL_PLAIN,
     SM_DST(D3DSPR_TEXTURE, 0, SM_MASK_ALL));
   I(&p, SM_INSTR(D3DSIO_DCL, 0), SM_DCL_SAMPLER(D3DSTT_2D),
     SM_DST(D3DSPR_SAMPLER, 0, SM_MASK_ALL));
   I(&p, SM_INSTR(D3DSIO_TEX, 0), DR(0, SM_MASK_ALL), T(0),
     SM_SRC(D3DSPR_SAMPLER, 0, SM_NOSWZ));
   I(&p, SM_INSTR(D3DSIO_MOV, 0), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL),
     R(0));
   p_tok(&p, SM_END);
   ps_t0_20 = make(&p);
   p_begin(&p, SM_PS(2, 0));
   I(&p, SM_INSTR(D3DSIO_DCL, 0), SM_DCL_PLAIN,
     SM_DST(D3DSPR_TEXTURE, 0, SM_MASK_ALL));
   I(&p, SM_INSTR(D3DSIO_MOV, 0), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL),
     T(0));
   p_tok(&p, SM_END);
   ps_copy = make(&p);

   make_tex(&t_bump, 4, 4, 1, false, texel_bump);
   make_tex(&t_map, 8, 8, 1, false, texel_map);
   make_tex(&t_vol, 4, 4, 4, false, texel_vol);
   make_tex(&t_cube, 2, 2, 1, true, texel_cube);
   set_rs(dev, D3DRS_CULLMODE, D3DCULL_NONE);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   adapter = test_open_adapter(drv);
   dev = test_create_device(adapter);
   frt = render_target(dev, D3DDDIFMT_A32B32G32R32F, W, H);

   SUBTEST("setup", make_common());
   SUBTEST("tex-projected", test_tex_projected());
   SUBTEST("projected-ignored-ps14-ps20", test_projected_ignored());
   SUBTEST("texbem", test_texbem());
   SUBTEST("texbem-matrix-change", test_texbem_matrix_change());
   SUBTEST("texbem-projected", test_texbem_projected());
   SUBTEST("texbeml", test_texbeml());
   SUBTEST("bem", test_bem());
   SUBTEST("texreg2ar", texreg(D3DSIO_TEXREG2AR, 1, &t_map, "texreg2ar",
                               ref_texreg2ar));
   SUBTEST("texreg2gb", texreg(D3DSIO_TEXREG2GB, 1, &t_map, "texreg2gb",
                               ref_texreg2gb));
   SUBTEST("texreg2rgb", texreg(D3DSIO_TEXREG2RGB, 2, &t_vol, "texreg2rgb",
                                ref_texreg2rgb));
   SUBTEST("texm3x2tex", matrix_test(1, 2, D3DSIO_TEXM3x2TEX, false, &t_map,
                                     "texm3x2pad/texm3x2tex",
                                     ref_texm3x2tex));
   SUBTEST("texm3x2depth", test_texm3x2depth());
   SUBTEST("texdepth", test_texdepth());
   SUBTEST("texm3x3tex", matrix_test(1, 3, D3DSIO_TEXM3x3TEX, false, &t_vol,
                                     "texm3x3pad/texm3x3tex",
                                     ref_texm3x3tex));
   SUBTEST("texm3x3spec", matrix_test(1, 3, D3DSIO_TEXM3x3SPEC, true,
                                      &t_cube, "texm3x3spec",
                                      ref_texm3x3spec));
   SUBTEST("texm3x3vspec", matrix_test(1, 3, D3DSIO_TEXM3x3VSPEC, true,
                                       &t_cube, "texm3x3vspec",
                                       ref_texm3x3vspec));
   SUBTEST("texm3x3", matrix_test(2, 3, D3DSIO_TEXM3x3, false, NULL,
                                  "texm3x3", ref_texm3x3));
   SUBTEST("texdp3", dp3_test(D3DSIO_TEXDP3, "texdp3", ref_texdp3));
   SUBTEST("texdp3tex", dp3_test(D3DSIO_TEXDP3TEX, "texdp3tex",
                                 ref_texdp3tex));
   SUBTEST("vs11-a0-relative", test_vs11_a0());
   SUBTEST("vs11-expp", test_vs11_expp_logp(D3DSIO_EXPP));
   SUBTEST("vs11-logp", test_vs11_expp_logp(D3DSIO_LOGP));
   SUBTEST("vs11-lit", test_vs11_lit());
   SUBTEST("vs11-dst", test_vs11_dst());
   SUBTEST("vs11-m4x4", test_vs11_m4x4());
   SUBTEST("vs11-sge", test_vs11_compare(D3DSIO_SGE));
   SUBTEST("vs11-slt", test_vs11_compare(D3DSIO_SLT));
   SUBTEST("ps20-nop-comment", test_ps20_nop_comment());
   SUBTEST("vs20-nop-comment", test_vs20_nop_comment());
   SUBTEST("ps1x-comment", test_ps1x_comment());

   CHECK_HR(dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, NULL), S_OK);
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, NULL), S_OK);
   for (unsigned s = 0; s < 4; s++)
      bind(s, NULL);
   for (unsigned i = 0; i < num_shaders; i++) {
      if (shader_vs[i])
         CHECK_HR(dev->funcs.pfnDeleteVertexShaderFunc(dev->hDevice,
                                                       shaders[i]), S_OK);
      else
         CHECK_HR(dev->funcs.pfnDeletePixelShader(dev->hDevice, shaders[i]),
                  S_OK);
   }
   const struct tex *all[] = { &t_bump, &t_map, &t_vol, &t_cube };
   for (unsigned i = 0; i < SM_COUNT(all); i++)
      if (all[i]->h_tex)
         CHECK_HR(rt_destroy_resource(dev, all[i]->h_tex), S_OK);
   CHECK_HR(dev->funcs.pfnDeleteVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(rt_destroy_resource(dev, frt), S_OK);
   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL
                                                     : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

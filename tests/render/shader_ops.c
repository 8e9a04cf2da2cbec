/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-render-shader-ops: D3D9 shader instructions, executed through the
 * DDI on an A32B32G32R32F target and compared with the test's own reading
 * of the DirectX SDK's instruction pages (and the wdk-display pages where
 * they exist, e.g. sincos-instruction.md):
 *  - every arithmetic instruction of vs_2_0, vs_3_0, ps_1_1, ps_1_4,
 *    ps_2_0, ps_2_x and ps_3_0, from a table of opcodes, operand forms
 *    (swizzles, source modifiers, write masks, result modifiers) and
 *    inputs; the expected values are computed here, on the CPU;
 *  - flow control: if/else with b# and predicates, ifc, loop/rep with
 *    i# set through the DDI, break/breakc/breakp, nesting, subroutines;
 *  - relative addressing: c[a0.x + n], c[aL], ps_3_0 v[aL];
 *  - texturing: texld, texldp, texldb, texldl (also in the vertex
 *    shader, sampler 257), texldd and texkill on 2D, cube and volume
 *    textures, and the sampler states of SetTextureStageState.
 *
 * Each value is one pixel: a point on its own pixel (so that no
 * interpolation acts on it), many per draw batch, one read-back per
 * batch; what needs derivatives or several pixels draws small quads.
 * Shaders are made per operand form and drawn once per input set.
 */

#include <float.h>
#include <stdarg.h>

#include "render_util.h"

#define W 64
#define H 64

static struct rt_device *dev;
static struct rt_adapter *adapter;
static HANDLE frt;              /* the A32B32G32R32F target */
static HANDLE decl;             /* position + texcoord0, both float4 */
static float fimg[W * H * 4];

/* A vertex at screen (x, y) with texcoord 0 = t (or 0). */
static struct vtx
pv(float x, float y, const float *t)
{
   static const float zero[4] = { 0, 0, 0, 0 };
   if (!t)
      t = zero;
   return sv(x, y, 0.5f, t[0], t[1], t[2], t[3]);
}

/* -------------------------------------------------------------------- */
/* Bytecode building (tokens as in sm_asm.h, lengths counted here).     */

struct sm {
   uint32_t t[512];
   unsigned n;
   bool sm1;            /* shader model 1: no length in bits 24-27 */
};

static void
sm_tok(struct sm *p, uint32_t v)
{
   if (p->n < SM_COUNT(p->t))
      p->t[p->n++] = v;
}

static void
sm_emit(struct sm *p, uint32_t ins, const uint32_t *a, unsigned n)
{
   sm_tok(p, ins | (p->sm1 ? 0u : (uint32_t)n << 24));
   for (unsigned i = 0; i < n; i++)
      sm_tok(p, a[i]);
}

/* OP(p, instruction token without length, operand tokens...) */
#define OP(p, ins, ...)                                                  \
   do {                                                                  \
      const uint32_t a_[] = { __VA_ARGS__ };                             \
      sm_emit((p), (ins), a_, SM_COUNT(a_));                             \
   } while (0)
#define OP0(p, ins) sm_emit((p), (ins), NULL, 0)

#define IN(op)          SM_INSTR(op, 0)
#define INC(op, ctl)    SM_INSTR_CTL(op, ctl, 0)
#define R(i)            SM_SRC(D3DSPR_TEMP, i, SM_NOSWZ)
#define RS(i, s)        SM_SRC(D3DSPR_TEMP, i, s)
#define C(i)            SM_SRC(D3DSPR_CONST, i, SM_NOSWZ)
#define CS(i, s)        SM_SRC(D3DSPR_CONST, i, s)
#define DR(i, m)        SM_DST(D3DSPR_TEMP, i, m)

static void
sm_begin(struct sm *p, bool vs, unsigned major, unsigned minor)
{
   memset(p, 0, sizeof(*p));
   p->sm1 = major < 2;
   sm_tok(p, vs ? SM_VS(major, minor) : SM_PS(major, minor));
}

static void
sm_def(struct sm *p, unsigned reg, float x, float y, float z, float w)
{
   OP(p, IN(D3DSIO_DEF), SM_DST(D3DSPR_CONST, reg, SM_MASK_ALL), sm_f(x),
      sm_f(y), sm_f(z), sm_f(w));
}

static void
sm_defi(struct sm *p, unsigned reg, int x, int y, int z, int w)
{
   OP(p, IN(D3DSIO_DEFI), SM_DST(D3DSPR_CONSTINT, reg, SM_MASK_ALL),
      (uint32_t)x, (uint32_t)y, (uint32_t)z, (uint32_t)w);
}

static void
sm_dcl(struct sm *p, unsigned usage, unsigned index, unsigned file,
       unsigned reg)
{
   OP(p, IN(D3DSIO_DCL), SM_DCL_USAGE(usage, index),
      SM_DST(file, reg, SM_MASK_ALL));
}

static void
sm_dcl_sampler(struct sm *p, uint32_t stt, unsigned reg)
{
   OP(p, IN(D3DSIO_DCL), SM_DCL_SAMPLER(stt),
      SM_DST(D3DSPR_SAMPLER, reg, SM_MASK_ALL));
}

/* The usual vertex shader start: v0 position (and v1 texcoord0), and
 * for vs_3_0 outputs o0 position, o1..o3 texcoord0..2. */
static void
sm_dcl_sampler(struct sm *p, uint32_t stt, unsigned reg);

/* With stt, a vs_3_0 sampler s0 of that type is declared too. */
static void
vs_begin_sampler(struct sm *p, unsigned major, unsigned minor, uint32_t stt)
{
   sm_begin(p, true, major, minor);
   if (stt)
      sm_dcl_sampler(p, stt, 0);
   sm_dcl(p, D3DDECLUSAGE_POSITION, 0, D3DSPR_INPUT, 0);
   sm_dcl(p, D3DDECLUSAGE_TEXCOORD, 0, D3DSPR_INPUT, 1);
   if (major >= 3) {
      sm_dcl(p, D3DDECLUSAGE_POSITION, 0, D3DSPR_OUTPUT, 0);
      for (unsigned i = 0; i < 3; i++)
         sm_dcl(p, D3DDECLUSAGE_TEXCOORD, i, D3DSPR_OUTPUT, 1 + i);
      OP(p, IN(D3DSIO_MOV), SM_DST(D3DSPR_OUTPUT, 0, SM_MASK_ALL),
         SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ));
   } else {
      OP(p, IN(D3DSIO_MOV), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL),
         SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ));
   }
}

static void
vs_begin(struct sm *p, unsigned major, unsigned minor)
{
   vs_begin_sampler(p, major, minor, 0);
}

/* The vertex shader's result (texcoord 0) from r`reg`. */
/* Infinities do not reach a pixel shader: D3D9 hardware turns them into
 * NaN on the way (nine_shader.c's notes), softpipe's interpolation too.
 * Vertex shader results are clamped to +-FLT_MAX (c9) first. */
static void
vs_clamp(struct sm *p, unsigned reg)
{
   sm_def(p, 9, FLT_MAX, -FLT_MAX, 0.0f, 0.0f);
   OP(p, IN(D3DSIO_MAX), DR(reg, 0xf), R(reg), CS(9, SM_REPL(y)));
   OP(p, IN(D3DSIO_MIN), DR(reg, 0xf), R(reg), CS(9, SM_REPL(x)));
}

static float
clamp_flt_max(float v)
{
   return v > FLT_MAX ? FLT_MAX : v < -FLT_MAX ? -FLT_MAX : v;
}

static void
vs_out(struct sm *p, unsigned major, unsigned reg)
{
   OP(p, IN(D3DSIO_MOV),
      major >= 3 ? SM_DST(D3DSPR_OUTPUT, 1, SM_MASK_ALL)
                 : SM_DST(D3DSPR_TEXCRDOUT, 0, SM_MASK_ALL), R(reg));
}

static void
vs_end(struct sm *p, unsigned major, unsigned reg)
{
   vs_out(p, major, reg);
   sm_tok(p, SM_END);
}

/* The pixel shader's result from r`reg` (ps_1_x: r0 is the result). */
static void
ps_out(struct sm *p, unsigned major, unsigned reg)
{
   if (major >= 2)
      OP(p, IN(D3DSIO_MOV), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL), R(reg));
}

static void
ps_end(struct sm *p, unsigned major, unsigned reg)
{
   ps_out(p, major, reg);
   sm_tok(p, SM_END);
}

/* Shaders live until the end of the test.  Deleting a vertex shader and
 * creating the next one is what applications do too, but Mesa 22.3's
 * draw module (softpipe's vertex path, draw_vs_exec.c) keeps the last
 * shader's TGSI tokens pointer to skip rebinding, and runs a deleted
 * shader's code when the new tokens get the same address: that is not
 * what this test is about. */
static struct {
   HANDLE h;
   bool vs;
} shaders[2048];
static unsigned num_shaders;

static void
keep_shader(HANDLE h, bool vs)
{
   if (h && num_shaders < SM_COUNT(shaders)) {
      shaders[num_shaders].h = h;
      shaders[num_shaders++].vs = vs;
   }
}

static HANDLE
make_shader(const struct sm *p, bool vs)
{
   HRESULT hr;
   HANDLE h = NULL;
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
      printf("  FAILED: creating a %s shader (version 0x%08x) returned "
             "0x%08x\n", vs ? "vertex" : "pixel", p->t[0], (unsigned)hr);
      piglit_check_failed = true;
      return NULL;
   }
   keep_shader(h, vs);
   return h;
}

static void
delete_shader(HANDLE h, bool vs)
{
   if (!h)
      return;
   if (vs)
      CHECK_HR(dev->funcs.pfnDeleteVertexShaderFunc(dev->hDevice, h), S_OK);
   else
      CHECK_HR(dev->funcs.pfnDeletePixelShader(dev->hDevice, h), S_OK);
}

/* Passthrough shaders: vs_2_0 / vs_3_0 copy texcoord 0 to the pixel
 * shader, ps_2_0 / ps_3_0 write texcoord 0 to oC0. */
static HANDLE vs_pass[4], ps_pass[4];

static void
make_passthrough(void)
{
   struct sm p;
   for (unsigned major = 2; major <= 3; major++) {
      vs_begin(&p, major, 0);
      OP(&p, IN(D3DSIO_MOV),
         major >= 3 ? SM_DST(D3DSPR_OUTPUT, 1, SM_MASK_ALL)
                    : SM_DST(D3DSPR_TEXCRDOUT, 0, SM_MASK_ALL),
         SM_SRC(D3DSPR_INPUT, 1, SM_NOSWZ));
      sm_tok(&p, SM_END);
      vs_pass[major] = make_shader(&p, true);

      sm_begin(&p, false, major, 0);
      if (major >= 3) {
         sm_dcl(&p, D3DDECLUSAGE_TEXCOORD, 0, D3DSPR_INPUT, 0);
         OP(&p, IN(D3DSIO_MOV), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL),
            SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ));
      } else {
         OP(&p, IN(D3DSIO_DCL), SM_DCL_PLAIN,
            SM_DST(D3DSPR_TEXTURE, 0, SM_MASK_ALL));
         OP(&p, IN(D3DSIO_MOV), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL),
            SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ));
      }
      sm_tok(&p, SM_END);
      ps_pass[major] = make_shader(&p, false);
   }
}

static void
use(HANDLE vs, HANDLE ps)
{
   CHECK_HR(dev->funcs.pfnSetVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, vs), S_OK);
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, ps), S_OK);
}

static void
set_const(bool vs, unsigned reg, const float *v, unsigned count)
{
   if (vs)
      set_vs_const(dev, reg, v, count);
   else
      set_ps_const(dev, reg, v, count);
}

static void
set_const_i(bool vs, unsigned reg, const int *v, unsigned count)
{
   D3DDDIARG_SETVERTEXSHADERCONST a = { reg, count };
   if (vs) {
      CHECK_HR(dev->funcs.pfnSetVertexShaderConstI(dev->hDevice, &a, v),
               S_OK);
   } else {
      D3DDDIARG_SETPIXELSHADERCONST pa = { reg, count };
      CHECK_HR(dev->funcs.pfnSetPixelShaderConstI(dev->hDevice, &pa, v),
               S_OK);
   }
}

static void
set_const_b(bool vs, unsigned reg, const BOOL *v, unsigned count)
{
   if (vs) {
      D3DDDIARG_SETVERTEXSHADERCONST a = { reg, count };
      CHECK_HR(dev->funcs.pfnSetVertexShaderConstB(dev->hDevice, &a, v),
               S_OK);
   } else {
      D3DDDIARG_SETPIXELSHADERCONSTB a = { reg, count };
      CHECK_HR(dev->funcs.pfnSetPixelShaderConstB(dev->hDevice, &a, v),
               S_OK);
   }
}

static void
set_tss(unsigned stage, D3DDDITEXTURESTAGESTATETYPE state, UINT value)
{
   D3DDDIARG_TEXTURESTAGESTATE a = { stage, state, value };
   CHECK_HR(dev->funcs.pfnSetTextureStageState(dev->hDevice, &a), S_OK);
}

/* -------------------------------------------------------------------- */
/* Results: one pixel per value, read back per batch.                    */

/* Checks of a pixel component: `tol` is relative to max(1, |expected|);
 * expected NaN: any NaN. */
struct expect {
   float v[4];
   float tol;
   uint8_t care;          /* components compared */
   uint16_t family;       /* index into families[] */
   char what[96];
};

#define MAX_FAMILIES 96
static struct {
   char name[40];
   unsigned tested, failed;
} families[MAX_FAMILIES];
static unsigned num_families;

static unsigned
family(const char *name)
{
   for (unsigned i = 0; i < num_families; i++)
      if (!strcmp(families[i].name, name))
         return i;
   if (num_families == MAX_FAMILIES)
      return MAX_FAMILIES - 1;
   snprintf(families[num_families].name, sizeof(families[0].name), "%s",
            name);
   return num_families++;
}

static struct expect pending[W * H];
static unsigned num_pending;

static void
start_batch(void)
{
   set_target(dev, 0, frt);
   set_viewport(dev, 0, 0, W, H);
   set_rs(dev, D3DRS_CULLMODE, D3DCULL_NONE);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0, 1.0f, 0,
                  0, NULL), S_OK);
   num_pending = 0;
}

static bool
near(float got, float e, float tol)
{
   if (isnan(e))
      return isnan(got);
   if (isinf(e))
      return got == e;
   if (tol == 0.0f)
      return got == e;
   return fabsf(got - e) <= tol * MAX2(1.0f, fabsf(e));
}

static void
finish_batch(void)
{
   if (!num_pending)
      return;
   read_floats(dev, frt, W, H, fimg);
   for (unsigned i = 0; i < num_pending; i++) {
      const struct expect *e = &pending[i];
      const float *g = &fimg[i * 4];
      bool ok = true;
      for (unsigned c = 0; c < 4; c++)
         if (e->care & (1u << c))
            ok &= near(g[c], e->v[c], e->tol);
      families[e->family].tested++;
      if (!ok) {
         if (families[e->family].failed++ < 6)
            printf("  %s: got (%.9g %.9g %.9g %.9g), expected "
                   "(%.9g %.9g %.9g %.9g) mask 0x%x\n", e->what, g[0], g[1],
                   g[2], g[3], e->v[0], e->v[1], e->v[2], e->v[3], e->care);
      }
   }
   num_pending = 0;
   start_batch();
}

/* The pixel the next value goes to, with its expectation. */
static struct expect *
next_pixel(float *x, float *y)
{
   if (num_pending == W * H)
      finish_batch();
   const unsigned i = num_pending++;
   *x = (float)(i % W);
   *y = (float)(i / W);
   struct expect *e = &pending[i];
   memset(e, 0, sizeof(*e));
   e->care = 0xf;
   return e;
}

/* One point at (x, y) with texcoord 0 = t. */
static void
point(float x, float y, const float *t)
{
   const struct vtx v = pv(x, y, t);
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, &v), S_OK);
   CHECK_HR(draw(dev, D3DPT_POINTLIST, 0, 1), S_OK);
}

/* Draws a point for the next pixel and expects `v` there. */
static struct expect *
expect_point(const char *fam, const float *t, const float *v, float tol)
{
   float x, y;
   struct expect *e = next_pixel(&x, &y);
   e->family = family(fam);
   e->tol = tol;
   memcpy(e->v, v, sizeof(e->v));
   point(x, y, t);
   return e;
}

static void
report_families(const char *prefix)
{
   for (unsigned i = 0; i < num_families; i++) {
      if (strncmp(families[i].name, prefix, strlen(prefix)))
         continue;
      if (families[i].failed)
         printf("  %s: %u of %u values wrong\n", families[i].name,
                families[i].failed, families[i].tested);
      piglit_subtest(families[i].name,
                     families[i].failed || !families[i].tested ?
                     PIGLIT_FAIL : PIGLIT_PASS);
   }
}

/* -------------------------------------------------------------------- */
/* 1. Arithmetic instructions, from a table.                             */

enum model { M_VS20, M_VS30, M_PS11, M_PS14, M_PS20, M_PS2X, M_PS30,
             NUM_MODELS };

static const struct {
   const char *name;
   bool vs;
   uint8_t major, minor;
} models[NUM_MODELS] = {
   [M_VS20] = { "vs_2_0", true, 2, 0 },
   [M_VS30] = { "vs_3_0", true, 3, 0 },
   [M_PS11] = { "ps_1_1", false, 1, 1 },
   [M_PS14] = { "ps_1_4", false, 1, 4 },
   [M_PS20] = { "ps_2_0", false, 2, 0 },
   [M_PS2X] = { "ps_2_x", false, 2, 1 },
   [M_PS30] = { "ps_3_0", false, 3, 0 },
};

#define MB(m)  (1u << (m))
#define M_VS   (MB(M_VS20) | MB(M_VS30))
#define M_PS2  (MB(M_PS20) | MB(M_PS2X) | MB(M_PS30))
#define M_PS1  (MB(M_PS11) | MB(M_PS14))
#define M_SM2  (M_VS | M_PS2)
#define M_SM3  (MB(M_VS30) | MB(M_PS30))

/* The register every unwritten component keeps (def c7), in ps_1_x's
 * [-1, 1] range too. */
static const float sentinel[4] = { 0.875f, -0.625f, 0.375f, -0.125f };

/* Input sets: c0, c1, c2 (sources 0-2), or c0 and the matrix rows
 * c1-c4. */
typedef float inputs_t[5][4];

static const inputs_t in_generic[] = {
   { { 1.5f, -2.0f, 0.25f, 4.0f }, { 0.5f, 3.0f, -1.25f, -2.0f },
     { 2.0f, 0.75f, -0.5f, 1.0f } },
   { { -3.0f, 0.0f, 8.0f, -0.125f }, { -3.0f, 1.0f, -8.0f, 0.5f },
     { 0.25f, -4.0f, 2.0f, -1.0f } },
   { { 1.0f, 2.0f, 3.0f, 4.0f }, { 1.0f, 3.0f, 2.0f, 4.0f },
     { 0.0f, -0.0f, 0.5f, -0.5f } },
};
static const inputs_t in_ps1[] = {
   { { 0.25f, -0.125f, 0.375f, 0.5f }, { 0.5f, 0.25f, -0.25f, 0.125f },
     { -0.375f, 0.125f, 0.25f, 0.0625f } },
   { { 0.75f, 0.5f, 0.0f, 0.625f }, { -0.25f, 0.375f, 0.125f, -0.5f },
     { 0.125f, -0.25f, 0.5f, 0.25f } },
};
static const inputs_t in_cmp[] = {
   { { 0.0f, -0.5f, 2.0f, -1.0f }, { 1.0f, 2.0f, 3.0f, 4.0f },
     { -1.0f, -2.0f, -3.0f, -4.0f } },
   { { 0.6f, 0.5f, 0.25f, 0.75f }, { 1.0f, 2.0f, 3.0f, 4.0f },
     { -1.0f, -2.0f, -3.0f, -4.0f } },
};
/* D3D9's special cases: rcp(0) = +inf, rcp(1) = 1 exactly. */
static const inputs_t in_rcp[] = {
   { { 2.0f, -4.0f, 0.25f, 1.0f } },
   { { 0.0f, 1.0f, -0.5f, 8.0f } },
};
/* rsq(|x|): rsq(0) = +inf, rsq(1) = 1, negative inputs use |x|. */
static const inputs_t in_rsq[] = {
   { { 4.0f, -16.0f, 0.25f, 1.0f } },
   { { 0.0f, 1.0f, -0.0625f, 2.0f } },
};
static const inputs_t in_exp[] = {
   { { 1.0f, -2.0f, 0.5f, 10.0f } },
   { { 0.0f, 3.5f, -0.25f, 20.0f } },
};
/* log2(|x|), log(0) = -inf. */
static const inputs_t in_log[] = {
   { { 8.0f, -0.25f, 3.0f, 1.0f } },
   { { 0.0f, 1024.0f, -5.0f, 0.1f } },
};
/* pow(|base|, exponent). */
static const inputs_t in_pow[] = {
   { { 2.0f, -3.0f, 0.5f, 4.0f }, { 3.0f, 2.0f, -1.0f, 0.5f } },
   { { -2.0f, 9.0f, 1.5f, 0.25f }, { 3.0f, 0.5f, 2.0f, -2.0f } },
};
static const inputs_t in_frc[] = {
   { { -0.25f, 1.75f, -3.5f, 0.0f } },
   { { 2.125f, -2.125f, 100.5f, -0.0f } },
};
/* lit: (x, y, -, power); the power clamps to +-127.9961 (lit - vs). */
static const inputs_t in_lit[] = {
   { { 0.5f, 0.5f, 0.0f, 2.0f } },
   { { -1.0f, 0.5f, 0.0f, 2.0f } },
   { { 1.0f, 0.0f, 0.0f, 2.0f } },
   { { 1.0f, 0.5f, 0.0f, 0.0f } },
   { { 1.0f, 1.5f, 0.0f, 200.0f } },
   { { 2.0f, 0.75f, 0.0f, -200.0f } },
   { { 0.25f, -0.5f, 9.0f, 3.0f } },
};
static const inputs_t in_sgn[] = {
   { { -3.0f, 0.0f, 2.5f, -0.5f } },
   { { 1e-20f, -1e20f, -0.0f, 7.0f } },
};
/* Angles in [-pi, pi] (sincos-instruction.md). */
static const inputs_t in_sincos[] = {
   { { 0.5f, -2.0f, 3.0f, 1.0f } },
   { { 0.0f, -3.1f, 1.5707964f, -0.75f } },
};
static const inputs_t in_nrm[] = {
   { { 3.0f, 4.0f, 0.0f, 2.0f } },
   { { -1.0f, 2.0f, -2.0f, 0.5f } },
};
/* src0 and the rows. */
static const inputs_t in_matrix[] = {
   { { 1.0f, 2.0f, -1.0f, 0.5f }, { 1.0f, 0.0f, 2.0f, 1.0f },
     { 0.0f, 1.0f, 1.0f, -1.0f }, { 2.0f, -1.0f, 0.0f, 3.0f },
     { 0.5f, 0.5f, 0.5f, 0.5f } },
   { { -2.0f, 0.25f, 4.0f, 1.0f }, { 3.0f, 1.0f, -1.0f, 0.0f },
     { 0.5f, 2.0f, 0.25f, 4.0f }, { -1.0f, -1.0f, -1.0f, -1.0f },
     { 1.0f, 2.0f, 3.0f, 4.0f } },
};
/* mova: round to nearest (no ties: which way D3D9 rounds .5 is not
 * documented). */
static const inputs_t in_mova[] = {
   { { 2.4f, -3.6f, 7.0f, 0.4f } },
   { { -0.4f, 5.75f, -7.25f, 14.6f } },
};

enum op_flags {
   OPF_SCALAR = 1 << 0,     /* reads replicated components */
   OPF_MATRIX = 1 << 1,     /* src1 is rows c1.. */
   OPF_FIXED_MASK = 1 << 2, /* the write mask must be `mask` */
   OPF_REPL2 = 1 << 3,      /* src2 takes a replicate swizzle (dp2add) */
   OPF_NO_SWZ = 1 << 4,     /* no source swizzles */
};

struct op_info {
   const char *name;
   uint16_t op;
   uint8_t nsrc;
   uint8_t models;
   uint8_t mask;            /* default write mask */
   uint8_t flags;
   uint8_t rows;            /* matrix: rows; m3x*: 3 components */
   float tol;
   const inputs_t *in;
   unsigned nin;
};

#define INS(a) a, SM_COUNT(a)
#define TOL_EXACT 0.0f
#define TOL_FULL  1e-5f        /* exp, log, rcp, rsq, nrm: 21 bits+ */
#define TOL_PP    (1.0f / 1024.0f) /* expp, logp: 10 bits */

static const struct op_info ops[] = {
   { "mov", D3DSIO_MOV, 1, M_SM2 | M_PS1, 0xf, 0, 0, TOL_EXACT,
     INS(in_generic) },
   { "add", D3DSIO_ADD, 2, M_SM2 | M_PS1, 0xf, 0, 0, TOL_EXACT,
     INS(in_generic) },
   { "sub", D3DSIO_SUB, 2, M_SM2 | M_PS1, 0xf, 0, 0, TOL_EXACT,
     INS(in_generic) },
   { "mul", D3DSIO_MUL, 2, M_SM2 | M_PS1, 0xf, 0, 0, TOL_EXACT,
     INS(in_generic) },
   { "mad", D3DSIO_MAD, 3, M_SM2 | M_PS1, 0xf, 0, 0, TOL_EXACT,
     INS(in_generic) },
   { "dp2add", D3DSIO_DP2ADD, 3, M_PS2, 0xf, OPF_REPL2, 0, TOL_EXACT,
     INS(in_generic) },
   { "dp3", D3DSIO_DP3, 2, M_SM2 | M_PS1, 0xf, 0, 0, TOL_EXACT,
     INS(in_generic) },
   { "dp4", D3DSIO_DP4, 2, M_SM2 | MB(M_PS14), 0xf, 0, 0, TOL_EXACT,
     INS(in_generic) },
   { "min", D3DSIO_MIN, 2, M_SM2, 0xf, 0, 0, TOL_EXACT, INS(in_generic) },
   { "max", D3DSIO_MAX, 2, M_SM2, 0xf, 0, 0, TOL_EXACT, INS(in_generic) },
   { "slt", D3DSIO_SLT, 2, M_VS, 0xf, 0, 0, TOL_EXACT, INS(in_generic) },
   { "sge", D3DSIO_SGE, 2, M_VS, 0xf, 0, 0, TOL_EXACT, INS(in_generic) },
   { "rcp", D3DSIO_RCP, 1, M_SM2, 0xf, OPF_SCALAR, 0, TOL_FULL,
     INS(in_rcp) },
   { "rsq", D3DSIO_RSQ, 1, M_SM2, 0xf, OPF_SCALAR, 0, TOL_FULL,
     INS(in_rsq) },
   { "exp", D3DSIO_EXP, 1, M_SM2, 0xf, OPF_SCALAR, 0, TOL_FULL,
     INS(in_exp) },
   { "log", D3DSIO_LOG, 1, M_SM2, 0xf, OPF_SCALAR, 0, TOL_FULL,
     INS(in_log) },
   { "expp", D3DSIO_EXPP, 1, M_VS, 0xf, OPF_SCALAR, 0, TOL_PP,
     INS(in_exp) },
   { "logp", D3DSIO_LOGP, 1, M_VS, 0xf, OPF_SCALAR, 0, TOL_PP,
     INS(in_log) },
   { "pow", D3DSIO_POW, 2, M_SM2, 0xf, OPF_SCALAR, 0, 2e-5f, INS(in_pow) },
   { "frc", D3DSIO_FRC, 1, M_SM2, 0xf, 0, 0, TOL_EXACT, INS(in_frc) },
   { "abs", D3DSIO_ABS, 1, M_SM2, 0xf, 0, 0, TOL_EXACT, INS(in_generic) },
   { "sgn", D3DSIO_SGN, 1, M_VS, 0xf, 0, 0, TOL_EXACT, INS(in_sgn) },
   { "nrm", D3DSIO_NRM, 1, M_SM2, 0xf, 0, 0, TOL_FULL, INS(in_nrm) },
   { "crs", D3DSIO_CRS, 2, M_SM2, 0x7, OPF_NO_SWZ, 0, TOL_EXACT,
     INS(in_generic) },
   { "lrp", D3DSIO_LRP, 3, M_SM2 | M_PS1, 0xf, 0, 0, TOL_EXACT,
     INS(in_generic) },
   { "cmp", D3DSIO_CMP, 3, M_PS2 | MB(M_PS14), 0xf, 0, 0, TOL_EXACT,
     INS(in_cmp) },
   { "cnd", D3DSIO_CND, 3, M_PS1, 0xf, 0, 0, TOL_EXACT, INS(in_cmp) },
   { "lit", D3DSIO_LIT, 1, M_VS, 0xf, 0, 0, 1e-4f, INS(in_lit) },
   { "dst", D3DSIO_DST, 2, M_VS, 0xf, 0, 0, TOL_EXACT, INS(in_generic) },
   { "sincos", D3DSIO_SINCOS, 1, M_SM2, 0x3, OPF_SCALAR, 0, 0.002f,
     INS(in_sincos) },
   { "m4x4", D3DSIO_M4x4, 2, M_SM2, 0xf, OPF_MATRIX | OPF_FIXED_MASK, 4,
     TOL_EXACT, INS(in_matrix) },
   { "m4x3", D3DSIO_M4x3, 2, M_SM2, 0x7, OPF_MATRIX | OPF_FIXED_MASK, 3,
     TOL_EXACT, INS(in_matrix) },
   { "m3x4", D3DSIO_M3x4, 2, M_SM2, 0xf, OPF_MATRIX | OPF_FIXED_MASK, 4,
     TOL_EXACT, INS(in_matrix) },
   { "m3x3", D3DSIO_M3x3, 2, M_SM2, 0x7, OPF_MATRIX | OPF_FIXED_MASK, 3,
     TOL_EXACT, INS(in_matrix) },
   { "m3x2", D3DSIO_M3x2, 2, M_SM2, 0x3, OPF_MATRIX | OPF_FIXED_MASK, 2,
     TOL_EXACT, INS(in_matrix) },
   { "setp", D3DSIO_SETP, 2, MB(M_VS30) | MB(M_PS2X) | MB(M_PS30), 0xf, 0,
     0, TOL_EXACT, INS(in_generic) },
   { "mova", D3DSIO_MOVA, 1, M_VS, 0x1, 0, 0, TOL_EXACT, INS(in_mova) },
};

/* One operand form of an instruction. */
struct form {
   uint8_t swz[3];          /* SM_SWZ per source */
   uint32_t mod[3];         /* D3DSPSM_* per source */
   uint8_t mask;
   bool sat;
   int8_t shift;            /* ps_1_x result shift */
   bool temp_rows;          /* matrix rows read from r2-r5 */
   uint8_t ctl;             /* setp's comparison */
   uint8_t a0_read;         /* mova: the a0 component read back */
};

static const uint8_t swz_id = SM_NOSWZ;

/* ---- the CPU reference ---- */

static float
ref_srcmod(float v, uint32_t mod)
{
   switch (mod) {
   case D3DSPSM_NEG:     return -v;
   case D3DSPSM_BIAS:    return v - 0.5f;
   case D3DSPSM_BIASNEG: return -(v - 0.5f);
   case D3DSPSM_SIGN:    return 2.0f * v - 1.0f;
   case D3DSPSM_SIGNNEG: return -(2.0f * v - 1.0f);
   case D3DSPSM_COMP:    return 1.0f - v;
   case D3DSPSM_X2:      return 2.0f * v;
   case D3DSPSM_X2NEG:   return -2.0f * v;
   case D3DSPSM_ABS:     return fabsf(v);
   case D3DSPSM_ABSNEG:  return -fabsf(v);
   default:              return v;
   }
}

static void
ref_src(const float *reg, uint8_t swz, uint32_t mod, float *out)
{
   for (unsigned i = 0; i < 4; i++)
      out[i] = ref_srcmod(reg[(swz >> (2 * i)) & 3], mod);
}

static float
dotn(const float *a, const float *b, unsigned n)
{
   float r = 0.0f;
   for (unsigned i = 0; i < n; i++)
      r += a[i] * b[i];
   return r;
}

static void
splat(float *r, float v)
{
   r[0] = r[1] = r[2] = r[3] = v;
}

/* mova's read-back table: c[32 + k] = (k, 2k, -k, 100 + k). */
#define MOVA_BASE 32
#define MOVA_LO   (-16)
#define MOVA_HI   15

static void
mova_entry(int k, float *r)
{
   if (k < MOVA_LO || k > MOVA_HI) {
      splat(r, 0.0f);      /* outside the constants the test wrote */
      return;
   }
   r[0] = (float)k;
   r[1] = 2.0f * k;
   r[2] = (float)-k;
   r[3] = 100.0f + k;
}

/* What the SDK's pages say the instruction computes, before the result
 * modifiers and the write mask.  `s` are the sources after swizzle and
 * modifiers (matrix: s[1..rows] the rows). */
static void
ref_op(const struct op_info *o, const struct form *f, unsigned model,
       float s[5][4], float *r)
{
   switch (o->op) {
   case D3DSIO_MOV: memcpy(r, s[0], 16); break;
   case D3DSIO_ADD:
      for (unsigned i = 0; i < 4; i++) r[i] = s[0][i] + s[1][i];
      break;
   case D3DSIO_SUB:
      for (unsigned i = 0; i < 4; i++) r[i] = s[0][i] - s[1][i];
      break;
   case D3DSIO_MUL:
      for (unsigned i = 0; i < 4; i++) r[i] = s[0][i] * s[1][i];
      break;
   case D3DSIO_MAD:
      for (unsigned i = 0; i < 4; i++) r[i] = s[0][i] * s[1][i] + s[2][i];
      break;
   case D3DSIO_DP2ADD:
      splat(r, s[0][0] * s[1][0] + s[0][1] * s[1][1] + s[2][0]);
      break;
   case D3DSIO_DP3: splat(r, dotn(s[0], s[1], 3)); break;
   case D3DSIO_DP4: splat(r, dotn(s[0], s[1], 4)); break;
   case D3DSIO_MIN:
      for (unsigned i = 0; i < 4; i++)
         r[i] = s[0][i] < s[1][i] ? s[0][i] : s[1][i];
      break;
   case D3DSIO_MAX:
      for (unsigned i = 0; i < 4; i++)
         r[i] = s[0][i] >= s[1][i] ? s[0][i] : s[1][i];
      break;
   case D3DSIO_SLT:
      for (unsigned i = 0; i < 4; i++)
         r[i] = s[0][i] < s[1][i] ? 1.0f : 0.0f;
      break;
   case D3DSIO_SGE:
      for (unsigned i = 0; i < 4; i++)
         r[i] = s[0][i] >= s[1][i] ? 1.0f : 0.0f;
      break;
   case D3DSIO_RCP:
      /* rcp: 1 -> 1, 0 -> +inf, else 1/x. */
      splat(r, s[0][0] == 1.0f ? 1.0f :
               s[0][0] == 0.0f ? INFINITY : 1.0f / s[0][0]);
      break;
   case D3DSIO_RSQ: {
      const float v = fabsf(s[0][0]);
      splat(r, v == 1.0f ? 1.0f : v == 0.0f ? INFINITY : 1.0f / sqrtf(v));
      break;
   }
   case D3DSIO_EXP:
   case D3DSIO_EXPP:
      /* vs_2_0+ expp is exp with 10 bits of precision. */
      splat(r, exp2f(s[0][0]));
      break;
   case D3DSIO_LOG:
   case D3DSIO_LOGP: {
      const float v = fabsf(s[0][0]);
      splat(r, v == 0.0f ? -INFINITY : log2f(v));
      break;
   }
   case D3DSIO_POW:
      splat(r, powf(fabsf(s[0][0]), s[1][0]));
      break;
   case D3DSIO_FRC:
      for (unsigned i = 0; i < 4; i++) r[i] = s[0][i] - floorf(s[0][i]);
      break;
   case D3DSIO_ABS:
      for (unsigned i = 0; i < 4; i++) r[i] = fabsf(s[0][i]);
      break;
   case D3DSIO_SGN:
      for (unsigned i = 0; i < 4; i++)
         r[i] = s[0][i] < 0.0f ? -1.0f : s[0][i] > 0.0f ? 1.0f : 0.0f;
      break;
   case D3DSIO_NRM: {
      const float f = 1.0f / sqrtf(dotn(s[0], s[0], 3));
      for (unsigned i = 0; i < 4; i++) r[i] = s[0][i] * f;
      break;
   }
   case D3DSIO_CRS:
      r[0] = s[0][1] * s[1][2] - s[0][2] * s[1][1];
      r[1] = s[0][2] * s[1][0] - s[0][0] * s[1][2];
      r[2] = s[0][0] * s[1][1] - s[0][1] * s[1][0];
      r[3] = 0.0f;
      break;
   case D3DSIO_LRP:
      for (unsigned i = 0; i < 4; i++)
         r[i] = s[2][i] + s[0][i] * (s[1][i] - s[2][i]);
      break;
   case D3DSIO_CMP:
      for (unsigned i = 0; i < 4; i++)
         r[i] = s[0][i] >= 0.0f ? s[1][i] : s[2][i];
      break;
   case D3DSIO_CND:
      /* ps_1_1-1_3 read r0.a (s[0] is its replicate), ps_1_4 each
       * component. */
      for (unsigned i = 0; i < 4; i++)
         r[i] = s[0][i] > 0.5f ? s[1][i] : s[2][i];
      break;
   case D3DSIO_LIT: {
      float p = s[0][3];
      const float maxp = 127.9961f;
      p = p < -maxp ? -maxp : p > maxp ? maxp : p;
      r[0] = 1.0f;
      r[1] = 0.0f;
      r[2] = 0.0f;
      r[3] = 1.0f;
      if (s[0][0] > 0.0f) {
         r[1] = s[0][0];
         if (s[0][1] > 0.0f)
            r[2] = powf(s[0][1], p);
      }
      break;
   }
   case D3DSIO_DST:
      r[0] = 1.0f;
      r[1] = s[0][1] * s[1][1];
      r[2] = s[0][2];
      r[3] = s[1][3];
      break;
   case D3DSIO_SINCOS:
      r[0] = cosf(s[0][0]);
      r[1] = sinf(s[0][0]);
      r[2] = r[3] = 0.0f;
      break;
   case D3DSIO_M4x4: case D3DSIO_M4x3: case D3DSIO_M3x4: case D3DSIO_M3x3:
   case D3DSIO_M3x2: {
      const unsigned n = o->op == D3DSIO_M4x4 || o->op == D3DSIO_M4x3 ? 4
                                                                       : 3;
      for (unsigned i = 0; i < 4; i++)
         r[i] = i < o->rows ? dotn(s[0], s[1 + i], n) : 0.0f;
      break;
   }
   case D3DSIO_SETP:
      /* 1 where the comparison holds (a predicated mov of 1 follows). */
      for (unsigned i = 0; i < 4; i++) {
         const float a = s[0][i], b = s[1][i];
         bool t;
         switch (f->ctl) {
         case D3DSPC_GT: t = a > b; break;
         case D3DSPC_EQ: t = a == b; break;
         case D3DSPC_GE: t = a >= b; break;
         case D3DSPC_LT: t = a < b; break;
         case D3DSPC_NE: t = a != b; break;
         default:        t = a <= b; break;
         }
         r[i] = t ? 1.0f : NAN;   /* NaN: keeps the sentinel */
      }
      break;
   case D3DSIO_MOVA: {
      /* a0 = round(src); the test reads c[a0.c + MOVA_BASE]. */
      const float v = s[0][f->a0_read];
      mova_entry((int)lroundf(v), r);
      break;
   }
   default:
      splat(r, NAN);
      break;
   }
   (void)model;
}

static bool
is_sm3(unsigned m)
{
   return m == M_VS30 || m == M_PS30;
}

static bool
is_ps1(unsigned m)
{
   return m == M_PS11 || m == M_PS14;
}

/* The operand forms each instruction is run with. */
static unsigned
forms_for(const struct op_info *o, unsigned m, struct form *out)
{
   unsigned n = 0;
   const bool scalar = o->flags & OPF_SCALAR;
   const bool sat_ok = !models[m].vs || m == M_VS30;

   if (is_ps1(m)) {
      /* ps_1_x: the source modifiers bias, sign, comp, x2 (ps_1_4) and
       * the result shifts; no swizzles. */
      const bool ps14 = m == M_PS14;
      const bool r0a = o->op == D3DSIO_CND && !ps14;
      struct form base = { .swz = { swz_id, swz_id, swz_id }, .mask = 0xf };
      out[n++] = base;
      struct form f = base;
      f.mod[0] = r0a ? 0 : D3DSPSM_BIAS;
      f.mod[1] = D3DSPSM_COMP;
      f.mod[2] = D3DSPSM_NEG;
      out[n++] = f;
      f = base;
      f.mod[0] = r0a ? 0 : D3DSPSM_SIGN;
      f.mod[1] = ps14 ? D3DSPSM_X2 : D3DSPSM_BIASNEG;
      f.mod[2] = D3DSPSM_COMP;
      f.shift = 1;
      out[n++] = f;
      f = base;
      f.mod[0] = r0a ? 0 : D3DSPSM_SIGNNEG;
      f.mod[1] = ps14 ? D3DSPSM_X2NEG : D3DSPSM_NEG;
      f.shift = -1;
      f.sat = true;
      out[n++] = f;
      if (ps14) {
         f = base;
         f.mod[0] = D3DSPSM_NEG;
         f.shift = 2;
         f.sat = true;
         out[n++] = f;
      }
      return n;
   }

   if (o->op == D3DSIO_SETP) {
      for (unsigned c = D3DSPC_GT; c <= D3DSPC_LE; c++) {
         struct form f = { .swz = { swz_id, swz_id }, .mask = 0xf,
                           .ctl = (uint8_t)c };
         out[n++] = f;
      }
      struct form f = { .swz = { SM_SWZ(w, z, y, x), SM_SWZ(y, x, w, z) },
                        .mod = { D3DSPSM_NEG, 0 }, .mask = 0xf,
                        .ctl = D3DSPC_LT };
      if (is_sm3(m))
         f.mod[1] = D3DSPSM_ABS;
      out[n++] = f;
      return n;
   }
   if (o->op == D3DSIO_MOVA) {
      struct form f0 = { .swz = { swz_id }, .mask = 0x1, .a0_read = 0 };
      struct form f1 = { .swz = { SM_SWZ(w, z, y, x) },
                         .mod = { D3DSPSM_NEG }, .mask = 0xf, .a0_read = 1 };
      struct form f2 = { .swz = { swz_id }, .mask = 0xc, .a0_read = 3,
                         .mod = { is_sm3(m) ? D3DSPSM_ABSNEG : 0 } };
      out[n++] = f0;
      out[n++] = f1;
      out[n++] = f2;
      return n;
   }

   /* F0: plain. */
   struct form f = { .mask = o->mask };
   for (unsigned i = 0; i < 3; i++)
      f.swz[i] = scalar ? SM_REPL(x) : swz_id;
   if (o->flags & OPF_REPL2)
      f.swz[2] = SM_REPL(x);
   out[n++] = f;

   /* F1: negated sources, swizzles. */
   f.mod[0] = D3DSPSM_NEG;
   f.mod[2] = D3DSPSM_NEG;
   if (scalar) {
      f.swz[0] = SM_REPL(y);
      f.swz[1] = SM_REPL(z);
   } else if (!(o->flags & OPF_NO_SWZ)) {
      f.swz[0] = SM_SWZ(w, z, y, x);
      f.swz[1] = SM_SWZ(y, z, w, x);
      f.swz[2] = SM_SWZ(z, x, w, y);
   }
   if (o->flags & OPF_MATRIX) {
      f.swz[1] = swz_id;
      f.temp_rows = true;
   }
   if (o->flags & OPF_REPL2)
      f.swz[2] = SM_REPL(y);
   out[n++] = f;

   /* F2: a partial write mask, _sat, _abs (3_0). */
   struct form g = { .mask = o->mask };
   for (unsigned i = 0; i < 3; i++)
      g.swz[i] = scalar ? SM_REPL(w) : swz_id;
   if (o->flags & OPF_REPL2)
      g.swz[2] = SM_REPL(w);
   if (!(o->flags & OPF_FIXED_MASK))
      g.mask = o->op == D3DSIO_SINCOS ? 0x2 : scalar ? 0xa : 0x5;
   g.sat = sat_ok;
   if (is_sm3(m))
      g.mod[o->nsrc > 1 ? 1 : 0] = D3DSPSM_ABS;
   if (o->nsrc > 2)
      g.mod[2] = is_sm3(m) ? D3DSPSM_ABSNEG : D3DSPSM_NEG;
   out[n++] = g;
   return n;
}

/* The shader of one form: sources from c0-c4 (copied to r1-r3 first,
 * ps_1_x reads them directly), the result in r0 over the sentinel. */
static void
build_alu(struct sm *p, const struct op_info *o, unsigned m,
          const struct form *f)
{
   const bool vs = models[m].vs;
   const unsigned major = models[m].major;
   const bool sm2_sincos = o->op == D3DSIO_SINCOS && major < 3;

   if (vs)
      vs_begin(p, major, models[m].minor);
   else
      sm_begin(p, false, major, models[m].minor);
   sm_def(p, 7, sentinel[0], sentinel[1], sentinel[2], sentinel[3]);
   if (o->op == D3DSIO_SETP)
      sm_def(p, 8, 1.0f, 1.0f, 1.0f, 1.0f);
   if (sm2_sincos) {
      /* D3DSINCOSCONST1 and 2 (sincos-instruction.md). */
      sm_def(p, 10, -1.5500992e-004f, -2.1701389e-005f, 2.6041667e-003f,
             2.6041667e-004f);
      sm_def(p, 11, -2.0833334e-002f, -1.2500000e-001f, 1.0f, 0.5f);
   }

   uint32_t src[4] = { 0, 0, 0, 0 };
   uint32_t dst = SM_DST(D3DSPR_TEMP, 0, f->mask) | (f->sat ? SM_SAT : 0) |
                  SM_SHIFT(f->shift);
   unsigned nsrc = o->nsrc;
   if (is_ps1(m)) {
      OP(p, IN(D3DSIO_MOV), DR(0, 0xf), C(7));
      if (o->op == D3DSIO_CND && m == M_PS11) {
         /* ps_1_1's cnd tests r0.a. */
         OP(p, IN(D3DSIO_MOV), DR(0, 0xf), C(0));
         src[0] = SM_SRC(D3DSPR_TEMP, 0, SM_REPL(a));
      } else {
         src[0] = CS(0, f->swz[0]) | f->mod[0];
      }
      for (unsigned i = 1; i < nsrc; i++)
         src[i] = CS(i, f->swz[i]) | f->mod[i];
   } else {
      const unsigned copies = o->flags & OPF_MATRIX ?
                              (f->temp_rows ? 1 + o->rows : 1) : nsrc;
      for (unsigned i = 0; i < copies; i++)
         OP(p, IN(D3DSIO_MOV), DR(1 + i, 0xf), C(i));
      OP(p, IN(D3DSIO_MOV), DR(0, 0xf), C(7));
      for (unsigned i = 0; i < nsrc; i++)
         src[i] = RS(1 + i, f->swz[i]) | f->mod[i];
      if (o->flags & OPF_MATRIX)
         src[1] = f->temp_rows ? R(2) : C(1);
   }
   if (sm2_sincos) {
      src[1] = C(10);
      src[2] = C(11);
      nsrc = 3;
   }
   if (o->op == D3DSIO_SGN && major < 3) {
      /* vs_2_0's sgn takes two scratch temps. */
      src[1] = R(5);
      src[2] = R(6);
      nsrc = 3;
   }
   if (o->op == D3DSIO_SETP)
      dst = SM_DST(D3DSPR_PREDICATE, 0, f->mask);
   if (o->op == D3DSIO_MOVA)
      dst = SM_DST(D3DSPR_ADDR, 0, f->mask);

   uint32_t a[5] = { dst, src[0], src[1], src[2], src[3] };
   sm_emit(p, INC(o->op, f->ctl), a, 1 + nsrc);

   if (o->op == D3DSIO_SETP)
      OP(p, IN(D3DSIO_MOV) | SM_PREDICATED, DR(0, 0xf), SM_P0, C(8));
   if (o->op == D3DSIO_MOVA)
      OP(p, IN(D3DSIO_MOV), DR(0, 0xf), C(MOVA_BASE) | SM_REL,
         SM_SRC(D3DSPR_ADDR, 0, f->a0_read * 0x55u));
   if (vs) {
      vs_clamp(p, 0);
      vs_end(p, major, 0);
   } else {
      ps_end(p, major, 0);
   }
}

/* The expected value of one form on one input set. */
static void
expect_alu(const struct op_info *o, unsigned m, const struct form *f,
           const inputs_t in, struct expect *e)
{
   float s[5][4], r[4];
   for (unsigned i = 0; i < 3; i++)
      ref_src(in[i], f->swz[i], f->mod[i], s[i]);
   if (o->op == D3DSIO_CND && m == M_PS11)
      splat(s[0], in[0][3]);
   if (o->flags & OPF_MATRIX)
      for (unsigned i = 1; i < 5; i++)
         memcpy(s[i], in[i], 16);
   ref_op(o, f, m, s, r);
   e->care = 0xf;
   if (o->op == D3DSIO_MOVA) {
      memcpy(e->v, r, 16);
      return;
   }
   if (o->op == D3DSIO_SINCOS && models[m].major < 3)
      e->care = 0xb;  /* "dest.z is undefined after the instruction" */
   for (unsigned i = 0; i < 4; i++) {
      float v = r[i];
      if (f->shift)
         v *= ldexpf(1.0f, f->shift);
      if (f->sat)
         v = isnan(v) ? 0.0f : v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v;
      if (o->op == D3DSIO_SETP)
         v = r[i] == 1.0f ? 1.0f : sentinel[i];
      e->v[i] = (f->mask & (1u << i)) ? v : sentinel[i];
   }
}

static unsigned alu_rows[NUM_MODELS], alu_forms[NUM_MODELS];

static void
alu_run_form(const struct op_info *o, unsigned m, const struct form *f,
             unsigned form_index)
{
   char fam[40];
   snprintf(fam, sizeof(fam), "alu-%s", o->name);
   const bool vs = models[m].vs;
   struct sm p;
   build_alu(&p, o, m, f);
   HANDLE sh = make_shader(&p, vs);
   if (!sh) {
      families[family(fam)].tested++;
      families[family(fam)].failed++;
      return;
   }
   const unsigned pass = models[m].major >= 3 ? 3 : 2;
   use(vs ? sh : vs_pass[pass], vs ? ps_pass[pass] : sh);
   if (o->op == D3DSIO_MOVA) {
      float table[MOVA_HI - MOVA_LO + 1][4];
      for (int k = MOVA_LO; k <= MOVA_HI; k++)
         mova_entry(k, table[k - MOVA_LO]);
      set_const(true, MOVA_BASE + MOVA_LO, table[0], SM_COUNT(table));
   }
   const inputs_t *in = is_ps1(m) ? in_ps1 : o->in;
   const unsigned nin = is_ps1(m) ? SM_COUNT(in_ps1) : o->nin;
   for (unsigned k = 0; k < nin; k++) {
      set_const(vs, 0, in[k][0], 5);
      float x, y;
      struct expect *e = next_pixel(&x, &y);
      e->family = family(fam);
      e->tol = o->tol;
      expect_alu(o, m, f, in[k], e);
      if (vs)
         for (unsigned c = 0; c < 4; c++)
            e->v[c] = clamp_flt_max(e->v[c]);
      snprintf(e->what, sizeof(e->what), "%s %s form %u input %u",
               models[m].name, o->name, form_index, k);
      point(x, y, NULL);
      alu_rows[m]++;
   }
   alu_forms[m]++;
}

static void
alu_table(void)
{
   start_batch();
   for (unsigned i = 0; i < SM_COUNT(ops); i++) {
      for (unsigned m = 0; m < NUM_MODELS; m++) {
         if (!(ops[i].models & MB(m)))
            continue;
         struct form forms[8];
         const unsigned n = forms_for(&ops[i], m, forms);
         for (unsigned k = 0; k < n; k++)
            alu_run_form(&ops[i], m, &forms[k], k);
      }
   }
   finish_batch();
   unsigned total = 0;
   printf("alu: values tested per shader model:");
   for (unsigned m = 0; m < NUM_MODELS; m++) {
      printf(" %s %u (%u shaders)", models[m].name, alu_rows[m],
             alu_forms[m]);
      total += alu_rows[m];
   }
   printf("; %u in all\n", total);
}

/* -------------------------------------------------------------------- */
/* 2. Flow control, 3. relative addressing.                              */

/* Programs of these tests: the result is r0; c6 = 0, c7 = 1 are def'd,
 * the rest are the test's. */
static void
prog_begin(struct sm *p, unsigned m)
{
   if (models[m].vs)
      vs_begin(p, models[m].major, models[m].minor);
   else
      sm_begin(p, false, models[m].major, models[m].minor);
   sm_def(p, 6, 0.0f, 0.0f, 0.0f, 0.0f);
   sm_def(p, 7, 1.0f, 1.0f, 1.0f, 1.0f);
}

/* The output move; subroutines follow it (after a ret), then SM_END. */
static void
prog_out(struct sm *p, unsigned m)
{
   if (models[m].vs)
      vs_out(p, models[m].major, 0);
   else
      ps_out(p, models[m].major, 0);
}

static void
prog_end(struct sm *p, unsigned m)
{
   prog_out(p, m);
   sm_tok(p, SM_END);
}

/* Creates the program and binds it with the passthrough shader of the
 * other stage.  False: it was rejected (counted as a failure of fam). */
static bool
prog_use(const char *fam, unsigned m, const struct sm *p)
{
   const bool vs = models[m].vs;
   HANDLE h = make_shader(p, vs);
   if (!h) {
      families[family(fam)].tested++;
      families[family(fam)].failed++;
      return false;
   }
   const unsigned pass = models[m].major >= 3 ? 3 : 2;
   use(vs ? h : vs_pass[pass], vs ? ps_pass[pass] : h);
   return true;
}

static void
prog_expect(const char *fam, unsigned m, const float *v, const char *fmt,
            ...) __attribute__((format(printf, 4, 5)));

/* Draws the bound program on the next pixel, expecting v exactly. */
static void
prog_expect(const char *fam, unsigned m, const float *v, const char *fmt,
            ...)
{
   struct expect *e = expect_point(fam, NULL, v, 0.0f);
   int n = snprintf(e->what, sizeof(e->what), "%s ", models[m].name);
   va_list ap;
   va_start(ap, fmt);
   vsnprintf(e->what + n, sizeof(e->what) - n, fmt, ap);
   va_end(ap);
}

static void
vec4(float *r, float x, float y, float z, float w)
{
   r[0] = x;
   r[1] = y;
   r[2] = z;
   r[3] = w;
}

static void
set_c(unsigned m, unsigned reg, float x, float y, float z, float w)
{
   const float v[4] = { x, y, z, w };
   set_const(models[m].vs, reg, v, 1);
}

static void
set_i(unsigned m, unsigned reg, int x, int y, int z, int w)
{
   const int v[4] = { x, y, z, w };
   set_const_i(models[m].vs, reg, v, 1);
}

static void
set_b(unsigned m, unsigned reg, bool v)
{
   const BOOL b = v;
   set_const_b(models[m].vs, reg, &b, 1);
}

#define ADD(p, ...) OP(p, IN(D3DSIO_ADD), __VA_ARGS__)
#define MOV(p, ...) OP(p, IN(D3DSIO_MOV), __VA_ARGS__)
#define BOOLSRC(i)      SM_SRC(D3DSPR_CONSTBOOL, i, 0)
#define INTSRC(i)       SM_SRC(D3DSPR_CONSTINT, i, SM_NOSWZ)
#define AL              SM_SRC(D3DSPR_LOOP, 0, 0)
#define PRED(swz)       SM_SRC(D3DSPR_PREDICATE, 0, swz)
#define NPRED(swz)      SM_SRC_MOD(D3DSPR_PREDICATE, 0, swz, D3DSPSM_NOT)
#define CAL(i)          SM_SRC(D3DSPR_CONST, i, SM_NOSWZ) | SM_REL, SM_ADDR_AL

/* if b# / else / endif, nested; a def'd b# too. */
static void
flow_if_bool(unsigned m)
{
   const char *fam = "flow-if-bool";
   struct sm p;
   prog_begin(&p, m);
   OP(&p, IN(D3DSIO_DEFB), SM_DST(D3DSPR_CONSTBOOL, 3, SM_MASK_ALL), 1);
   MOV(&p, DR(0, 0xf), C(0));
   OP(&p, IN(D3DSIO_IF), BOOLSRC(0));
   ADD(&p, DR(0, 0xf), R(0), C(1));
   OP(&p, IN(D3DSIO_IF), BOOLSRC(1));
   OP(&p, IN(D3DSIO_MUL), DR(0, 0xf), R(0), C(2));
   OP0(&p, IN(D3DSIO_ELSE));
   ADD(&p, DR(0, 0xf), R(0), C(3));
   OP0(&p, IN(D3DSIO_ENDIF));
   OP0(&p, IN(D3DSIO_ELSE));
   OP(&p, IN(D3DSIO_SUB), DR(0, 0xf), R(0), C(1));
   OP0(&p, IN(D3DSIO_ENDIF));
   OP(&p, IN(D3DSIO_IF), BOOLSRC(3));
   ADD(&p, DR(0, 0x8), R(0), C(7));
   OP0(&p, IN(D3DSIO_ENDIF));
   prog_end(&p, m);
   if (!prog_use(fam, m, &p))
      return;
   const float c[4][4] = { { 1, 2, 3, 4 }, { 0.5f, 0.25f, -1, 2 },
                           { 2, 4, 8, 16 }, { 10, 20, 30, 40 } };
   set_const(models[m].vs, 0, c[0], 4);
   for (unsigned k = 0; k < 4; k++) {
      const bool b0 = k & 1, b1 = k & 2;
      set_b(m, 0, b0);
      set_b(m, 1, b1);
      float r[4];
      for (unsigned i = 0; i < 4; i++) {
         r[i] = c[0][i];
         if (b0) {
            r[i] += c[1][i];
            r[i] = b1 ? r[i] * c[2][i] : r[i] + c[3][i];
         } else {
            r[i] -= c[1][i];
         }
      }
      r[3] += 1.0f;   /* defb b3, true */
      prog_expect(fam, m, r, "b0=%d b1=%d", b0, b1);
   }
}

/* if p0.c / if !p0.c after setp. */
static void
flow_if_pred(unsigned m)
{
   const char *fam = "flow-if-pred";
   struct sm p;
   prog_begin(&p, m);
   sm_def(&p, 4, 2, 2, 2, 2);
   MOV(&p, DR(1, 0xf), C(0));
   OP(&p, INC(D3DSIO_SETP, D3DSPC_GT), SM_DST(D3DSPR_PREDICATE, 0, 0xf),
      R(1), C(1));
   MOV(&p, DR(0, 0xf), C(2));
   OP(&p, IN(D3DSIO_IF), PRED(SM_REPL(x)));
   ADD(&p, DR(0, 0xf), R(0), C(3));
   OP0(&p, IN(D3DSIO_ELSE));
   OP(&p, IN(D3DSIO_SUB), DR(0, 0xf), R(0), C(3));
   OP0(&p, IN(D3DSIO_ENDIF));
   OP(&p, IN(D3DSIO_IF), NPRED(SM_REPL(z)));
   OP(&p, IN(D3DSIO_MUL), DR(0, 0xf), R(0), C(4));
   OP0(&p, IN(D3DSIO_ENDIF));
   prog_end(&p, m);
   if (!prog_use(fam, m, &p))
      return;
   const float c1[4] = { 0, 0, 0, 0 }, c2[4] = { 1, 2, 3, 4 },
               c3[4] = { 0.5f, 0.5f, 0.5f, 0.5f };
   set_const(models[m].vs, 1, c1, 1);
   set_const(models[m].vs, 2, c2, 1);
   set_const(models[m].vs, 3, c3, 1);
   static const float c0[4][4] = { { 1, 0, 1, 0 }, { -1, 0, 1, 0 },
                                   { 1, 0, -1, 0 }, { -1, 0, 0, 0 } };
   for (unsigned k = 0; k < 4; k++) {
      set_const(models[m].vs, 0, c0[k], 1);
      const bool px = c0[k][0] > c1[0], pz = c0[k][2] > c1[2];
      float r[4];
      for (unsigned i = 0; i < 4; i++) {
         r[i] = px ? c2[i] + c3[i] : c2[i] - c3[i];
         if (!pz)
            r[i] *= 2.0f;
      }
      prog_expect(fam, m, r, "p0.x=%d p0.z=%d", px, pz);
   }
}

static bool
compare(unsigned ctl, float a, float b)
{
   switch (ctl) {
   case D3DSPC_GT: return a > b;
   case D3DSPC_EQ: return a == b;
   case D3DSPC_GE: return a >= b;
   case D3DSPC_LT: return a < b;
   case D3DSPC_NE: return a != b;
   default:        return a <= b;
   }
}

static const char *const cmp_names[] = {
   [D3DSPC_GT] = "gt", [D3DSPC_EQ] = "eq", [D3DSPC_GE] = "ge",
   [D3DSPC_LT] = "lt", [D3DSPC_NE] = "ne", [D3DSPC_LE] = "le",
};

/* ifc with every comparison, on replicated components. */
static void
flow_ifc(unsigned m)
{
   const char *fam = "flow-ifc";
   static const float pairs[][2] = {
      { 1, 2 }, { 2, 2 }, { 3, 2 }, { -0.0f, 0.0f }, { -5, -4 },
   };
   for (unsigned ctl = D3DSPC_GT; ctl <= D3DSPC_LE; ctl++) {
      struct sm p;
      prog_begin(&p, m);
      MOV(&p, DR(1, 0xf), C(0));
      MOV(&p, DR(0, 0xf), C(2));
      OP(&p, INC(D3DSIO_IFC, ctl), RS(1, SM_REPL(y)), CS(0, SM_REPL(w)));
      MOV(&p, DR(0, 0x5), C(3));
      OP0(&p, IN(D3DSIO_ELSE));
      MOV(&p, DR(0, 0x8), C(3));
      OP0(&p, IN(D3DSIO_ENDIF));
      prog_end(&p, m);
      if (!prog_use(fam, m, &p))
         continue;
      const float c2[4] = { 1, 2, 3, 4 }, c3[4] = { -1, -2, -3, -4 };
      set_const(models[m].vs, 2, c2, 1);
      set_const(models[m].vs, 3, c3, 1);
      for (unsigned k = 0; k < SM_COUNT(pairs); k++) {
         set_c(m, 0, 0, pairs[k][0], 0, pairs[k][1]);
         const bool t = compare(ctl, pairs[k][0], pairs[k][1]);
         float r[4];
         memcpy(r, c2, sizeof(r));
         if (t) {
            r[0] = c3[0];
            r[2] = c3[2];
         } else {
            r[3] = c3[3];
         }
         prog_expect(fam, m, r, "ifc_%s %g, %g", cmp_names[ctl],
                     pairs[k][0], pairs[k][1]);
      }
   }
}

/* c[8 + k] = (k, k * k, 1, -k): the table loops read through c[aL + 8]. */
#define LOOP_TABLE 8
static unsigned
file_size(unsigned m)
{
   return models[m].vs ? 256 : models[m].major >= 3 ? 224 : 32;
}

static void
loop_entry(unsigned m, int idx, float *r)
{
   /* Relative reads outside the constant file read 0. */
   if (idx < 0 || (unsigned)idx >= file_size(m)) {
      splat(r, 0.0f);
      return;
   }
   const float k = (float)(idx - LOOP_TABLE);
   vec4(r, k, k * k, 1.0f, -k);
}

static void
upload_loop_table(unsigned m)
{
   static float t[256][4];
   const unsigned n = file_size(m) - LOOP_TABLE;
   for (unsigned i = 0; i < n; i++)
      loop_entry(m, LOOP_TABLE + i, t[i]);
   set_const(models[m].vs, LOOP_TABLE, t[0], n);
}

/* loop aL, i# (count, start, step) with c[aL + 8] read in the body; i0
 * from the DDI, i1 def'd. */
static void
flow_loop(unsigned m)
{
   const char *fam = "flow-loop";
   for (unsigned def = 0; def < 2; def++) {
      struct sm p;
      prog_begin(&p, m);
      if (def)
         sm_defi(&p, 1, 3, 4, 2, 0);
      MOV(&p, DR(0, 0xf), C(6));
      MOV(&p, DR(1, 0xf), C(6));
      OP(&p, IN(D3DSIO_LOOP), AL, INTSRC(def));
      OP(&p, IN(D3DSIO_ADD), DR(0, 0x7), R(0), CAL(LOOP_TABLE));
      ADD(&p, DR(1, 0xf), R(1), C(7));
      OP0(&p, IN(D3DSIO_ENDLOOP));
      MOV(&p, DR(0, 0x8), R(1));
      prog_end(&p, m);
      if (!prog_use(fam, m, &p))
         continue;
      upload_loop_table(m);
      static const int cases[][3] = {
         { 3, 0, 1 }, { 4, 2, 3 }, { 0, 5, 1 }, { 5, 20, -4 }, { 2, 7, 0 },
         { 4, 214, 2 }, { 4, 245, 1 },
      };
      const unsigned n = def ? 1 : SM_COUNT(cases);
      for (unsigned k = 0; k < n; k++) {
         const int *i = def ? (const int[3]){ 3, 4, 2 } : cases[k];
         if (!def)
            set_i(m, 0, i[0], i[1], i[2], 0);
         float r[4] = { 0, 0, 0, 0 };
         for (int it = 0; it < i[0]; it++) {
            float e[4];
            loop_entry(m, LOOP_TABLE + i[1] + it * i[2], e);
            for (unsigned c = 0; c < 3; c++)
               r[c] += e[c];
            r[3] += 1.0f;
         }
         prog_expect(fam, m, r, "loop %s(%d, %d, %d)", def ? "defi " : "",
                     i[0], i[1], i[2]);
      }
   }
}

/* rep i#, nested rep. */
static void
flow_rep(unsigned m)
{
   const char *fam = "flow-rep";
   struct sm p;
   prog_begin(&p, m);
   MOV(&p, DR(0, 0xf), C(6));
   OP(&p, IN(D3DSIO_REP), INTSRC(0));
   ADD(&p, DR(0, 0x1), R(0), C(7));
   OP(&p, IN(D3DSIO_REP), INTSRC(1));
   ADD(&p, DR(0, 0x2), R(0), C(7));
   OP0(&p, IN(D3DSIO_ENDREP));
   OP0(&p, IN(D3DSIO_ENDREP));
   OP(&p, IN(D3DSIO_REP), INTSRC(1));
   ADD(&p, DR(0, 0x4), R(0), C(7));
   OP0(&p, IN(D3DSIO_ENDREP));
   prog_end(&p, m);
   if (!prog_use(fam, m, &p))
      return;
   static const int cases[][2] = { { 0, 3 }, { 1, 1 }, { 5, 3 }, { 2, 0 },
                                   { 7, 10 } };
   for (unsigned k = 0; k < SM_COUNT(cases); k++) {
      set_i(m, 0, cases[k][0], 0, 0, 0);
      set_i(m, 1, cases[k][1], 0, 0, 0);
      float r[4] = { (float)cases[k][0],
                     (float)(cases[k][0] * cases[k][1]),
                     (float)cases[k][1], 0 };
      prog_expect(fam, m, r, "rep %d { rep %d }", cases[k][0], cases[k][1]);
   }
}

/* break (in an if), breakc with each comparison, breakp p0.x / !p0.x:
 * the loop counts until the break. */
static void
flow_break(unsigned m)
{
   const char *fam = "flow-break";
   /* kind 0: break in ifc_ge; 1..6: breakc_<ctl>; 7: breakp p0.x;
    * 8: breakp !p0.x. */
   for (unsigned kind = 0; kind <= 8; kind++) {
      const bool sm3_loop = kind == 0 && m != M_PS2X && m != M_VS20;
      struct sm p;
      prog_begin(&p, m);
      MOV(&p, DR(0, 0xf), C(6));
      MOV(&p, DR(1, 0xf), C(0));
      if (sm3_loop)
         OP(&p, IN(D3DSIO_LOOP), AL, INTSRC(0));
      else
         OP(&p, IN(D3DSIO_REP), INTSRC(0));
      ADD(&p, DR(0, 0x1), R(0), C(7));
      if (kind == 0) {
         OP(&p, INC(D3DSIO_IFC, D3DSPC_GE), RS(0, SM_REPL(x)),
            RS(1, SM_REPL(x)));
         OP0(&p, IN(D3DSIO_BREAK));
         OP0(&p, IN(D3DSIO_ENDIF));
      } else if (kind <= 6) {
         OP(&p, INC(D3DSIO_BREAKC, kind), RS(0, SM_REPL(x)),
            RS(1, SM_REPL(x)));
      } else {
         OP(&p, INC(D3DSIO_SETP, D3DSPC_GE), SM_DST(D3DSPR_PREDICATE, 0, 0x1),
            RS(0, SM_REPL(x)), RS(1, SM_REPL(x)));
         OP(&p, IN(D3DSIO_BREAKP), kind == 7 ? PRED(SM_REPL(x))
                                             : NPRED(SM_REPL(x)));
      }
      ADD(&p, DR(0, 0x2), R(0), C(7));
      OP0(&p, IN(sm3_loop ? D3DSIO_ENDLOOP : D3DSIO_ENDREP));
      ADD(&p, DR(0, 0x4), R(0), C(7));
      prog_end(&p, m);
      if (!prog_use(fam, m, &p))
         continue;
      static const float limits[] = { 3, 0.5f, 6, 10, -1 };
      for (unsigned k = 0; k < SM_COUNT(limits); k++) {
         const int count = 6;
         set_i(m, 0, count, 0, 1, 0);
         set_c(m, 0, limits[k], 0, 0, 0);
         float r[4] = { 0, 0, 1, 0 };
         for (int it = 0; it < count; it++) {
            r[0] += 1.0f;
            bool brk;
            if (kind == 0 || kind == 7)
               brk = r[0] >= limits[k];
            else if (kind == 8)
               brk = !(r[0] >= limits[k]);
            else
               brk = compare(kind, r[0], limits[k]);
            if (brk)
               break;
            r[1] += 1.0f;
         }
         static const char *const kinds[] = {
            "break", "breakc_gt", "breakc_eq", "breakc_ge", "breakc_lt",
            "breakc_ne", "breakc_le", "breakp p0.x", "breakp !p0.x",
         };
         prog_expect(fam, m, r, "%s, limit %g", kinds[kind], limits[k]);
      }
   }
}

/* loop in loop (aL is the inner loop's inside it and the outer's after
 * it), rep inside. */
static void
flow_nested(unsigned m)
{
   const char *fam = "flow-nested";
   struct sm p;
   prog_begin(&p, m);
   MOV(&p, DR(0, 0xf), C(6));
   OP(&p, IN(D3DSIO_LOOP), AL, INTSRC(0));
   OP(&p, IN(D3DSIO_ADD), DR(0, 0x1), R(0), CAL(LOOP_TABLE));
   OP(&p, IN(D3DSIO_REP), INTSRC(1));
   ADD(&p, DR(0, 0x2), R(0), C(7));
   OP0(&p, IN(D3DSIO_ENDREP));
   OP(&p, IN(D3DSIO_LOOP), AL, INTSRC(2));
   OP(&p, IN(D3DSIO_ADD), DR(0, 0x4), R(0),
      SM_SRC(D3DSPR_CONST, LOOP_TABLE, SM_REPL(x)) | SM_REL, SM_ADDR_AL);
   OP0(&p, IN(D3DSIO_ENDLOOP));
   OP(&p, IN(D3DSIO_ADD), DR(0, 0x8), R(0),
      SM_SRC(D3DSPR_CONST, LOOP_TABLE, SM_REPL(y)) | SM_REL, SM_ADDR_AL);
   OP0(&p, IN(D3DSIO_ENDLOOP));
   prog_end(&p, m);
   if (!prog_use(fam, m, &p))
      return;
   upload_loop_table(m);
   static const int cases[][6] = {
      /* outer count, start, step; inner count, start, step */
      { 3, 1, 2, 2, 10, 1 }, { 2, 0, 5, 3, 4, -1 }, { 4, 3, 1, 0, 0, 1 },
   };
   for (unsigned k = 0; k < SM_COUNT(cases); k++) {
      const int *c = cases[k];
      set_i(m, 0, c[0], c[1], c[2], 0);
      set_i(m, 1, 2, 0, 0, 0);
      set_i(m, 2, c[3], c[4], c[5], 0);
      float r[4] = { 0, 0, 0, 0 }, e[4];
      for (int i = 0; i < c[0]; i++) {
         const int al = c[1] + i * c[2];
         loop_entry(m, LOOP_TABLE + al, e);
         r[0] += e[0];
         r[1] += 2.0f;
         for (int j = 0; j < c[3]; j++) {
            loop_entry(m, LOOP_TABLE + c[4] + j * c[5], e);
            r[2] += e[0];
         }
         loop_entry(m, LOOP_TABLE + al, e);
         r[3] += e[1];
      }
      prog_expect(fam, m, r, "loop (%d, %d, %d) { loop (%d, %d, %d) }",
                  c[0], c[1], c[2], c[3], c[4], c[5]);
   }
}

/* call, callnz b# and callnz p0, ret inside an if of a subroutine, a
 * nested call, a subroutine reading c[aL] called from a loop. */
static void
flow_call(unsigned m)
{
   const char *fam = "flow-call";
   const bool pred = m != M_VS20 && m != M_PS20;
   const bool loop = m != M_PS2X;
   struct sm p;
   prog_begin(&p, m);
   MOV(&p, DR(0, 0xf), C(6));
   MOV(&p, DR(2, 0xf), C(6));
   OP(&p, IN(D3DSIO_CALL), SM_LABEL(1));
   OP(&p, IN(D3DSIO_CALLNZ), SM_LABEL(2), BOOLSRC(0));
   if (pred) {
      MOV(&p, DR(1, 0xf), C(0));
      OP(&p, INC(D3DSIO_SETP, D3DSPC_GT), SM_DST(D3DSPR_PREDICATE, 0, 0x3),
         R(1), C(6));
      OP(&p, IN(D3DSIO_CALLNZ), SM_LABEL(3), PRED(SM_REPL(x)));
      OP(&p, IN(D3DSIO_CALLNZ), SM_LABEL(3), NPRED(SM_REPL(y)));
   }
   if (loop) {
      OP(&p, IN(D3DSIO_LOOP), AL, INTSRC(0));
      OP(&p, IN(D3DSIO_CALL), SM_LABEL(4));
      OP0(&p, IN(D3DSIO_ENDLOOP));
   }
   ADD(&p, DR(0, 0xf), R(0), R(2));
   prog_out(&p, m);
   OP0(&p, IN(D3DSIO_RET));
   /* l1: x += 1 */
   OP(&p, IN(D3DSIO_LABEL), SM_LABEL(1));
   ADD(&p, DR(0, 0x1), R(0), C(7));
   OP0(&p, IN(D3DSIO_RET));
   /* l2: y += 1; if b1 { z += 1 } else { w += 1; call l1 }; ret.  A
    * ret inside the if is not D3D9: "Multiple return statements are not
    * permitted in the main program or in any subroutine" (ret - ps);
    * flow_ret_in_if checks that it is rejected. */
   OP(&p, IN(D3DSIO_LABEL), SM_LABEL(2));
   ADD(&p, DR(0, 0x2), R(0), C(7));
   OP(&p, IN(D3DSIO_IF), BOOLSRC(1));
   ADD(&p, DR(0, 0x4), R(0), C(7));
   OP0(&p, IN(D3DSIO_ELSE));
   ADD(&p, DR(0, 0x8), R(0), C(7));
   OP(&p, IN(D3DSIO_CALL), SM_LABEL(1));
   OP0(&p, IN(D3DSIO_ENDIF));
   OP0(&p, IN(D3DSIO_RET));
   if (pred) {
      /* l3: r2.x += c5 (10) */
      OP(&p, IN(D3DSIO_LABEL), SM_LABEL(3));
      ADD(&p, DR(2, 0x1), R(2), C(5));
      OP0(&p, IN(D3DSIO_RET));
   }
   if (loop) {
      /* l4: r2.yzw += c[aL + 8].xyw */
      OP(&p, IN(D3DSIO_LABEL), SM_LABEL(4));
      OP(&p, IN(D3DSIO_ADD), DR(2, 0xe), R(2),
         SM_SRC(D3DSPR_CONST, LOOP_TABLE, SM_SWZ(x, x, y, w)) | SM_REL,
         SM_ADDR_AL);
      OP0(&p, IN(D3DSIO_RET));
   }
   sm_tok(&p, SM_END);
   if (!prog_use(fam, m, &p))
      return;
   if (loop)
      upload_loop_table(m);
   set_c(m, 5, 10, 10, 10, 10);
   for (unsigned k = 0; k < 8; k++) {
      const bool b0 = k & 1, b1 = k & 2, px = k & 4;
      set_b(m, 0, b0);
      set_b(m, 1, b1);
      set_c(m, 0, px ? 1.0f : -1.0f, px ? -1.0f : 1.0f, 0, 0);
      set_i(m, 0, 2 + (int)(k & 1), (int)k, 1, 0);
      float r[4] = { 1, 0, 0, 0 };
      if (b0) {
         r[1] += 1;
         if (b1) {
            r[2] += 1;
         } else {
            r[3] += 1;
            r[0] += 1;
         }
      }
      if (pred) {
         /* p0.x = c0.x > 0, p0.y = c0.y > 0: l3 runs for p0.x and for
          * !p0.y, which are the same here. */
         if (px)
            r[0] += 20.0f;
      }
      if (loop) {
         for (int i = 0; i < 2 + (int)(k & 1); i++) {
            float e[4];
            loop_entry(m, LOOP_TABLE + (int)k + i, e);
            r[1] += e[0];
            r[2] += e[1];
            r[3] += e[3];
         }
      }
      prog_expect(fam, m, r, "b0=%d b1=%d p0.x=%d", b0, b1, px);
   }
}

/* A second ret, inside an if of a subroutine: the runtime's validation
 * would refuse it, and so does the driver (E_FAIL). */
static void
flow_ret_in_if(unsigned m)
{
   const char *fam = "flow-call";
   struct sm p;
   prog_begin(&p, m);
   MOV(&p, DR(0, 0xf), C(6));
   OP(&p, IN(D3DSIO_CALL), SM_LABEL(1));
   prog_out(&p, m);
   OP0(&p, IN(D3DSIO_RET));
   OP(&p, IN(D3DSIO_LABEL), SM_LABEL(1));
   OP(&p, IN(D3DSIO_IF), BOOLSRC(0));
   OP0(&p, IN(D3DSIO_RET));
   OP0(&p, IN(D3DSIO_ENDIF));
   ADD(&p, DR(0, 0x1), R(0), C(7));
   OP0(&p, IN(D3DSIO_RET));
   sm_tok(&p, SM_END);
   HRESULT hr;
   if (models[m].vs) {
      D3DDDIARG_CREATEVERTEXSHADERFUNC a = { .Size = p.n * 4 };
      hr = dev->funcs.pfnCreateVertexShaderFunc(dev->hDevice, &a,
                                                (const UINT *)p.t);
   } else {
      D3DDDIARG_CREATEPIXELSHADER a = { .CodeSize = p.n * 4 };
      hr = dev->funcs.pfnCreatePixelShader(dev->hDevice, &a,
                                           (const UINT *)p.t);
   }
   families[family(fam)].tested++;
   if (hr != E_FAIL) {
      printf("  %s: ret inside an if: 0x%08x, expected E_FAIL\n",
             models[m].name, (unsigned)hr);
      families[family(fam)].failed++;
   }
}

/* setp, then instructions predicated per component, with replicated
 * and negated predicates and write masks. */
static void
flow_predication(unsigned m)
{
   const char *fam = "flow-predication";
   struct sm p;
   prog_begin(&p, m);
   MOV(&p, DR(1, 0xf), C(0));
   MOV(&p, DR(0, 0xf), C(2));
   OP(&p, INC(D3DSIO_SETP, D3DSPC_LT), SM_DST(D3DSPR_PREDICATE, 0, 0xf),
      R(1), C(1));
   OP(&p, IN(D3DSIO_ADD) | SM_PREDICATED, DR(0, 0xf), SM_P0, R(0), C(3));
   OP(&p, IN(D3DSIO_MUL) | SM_PREDICATED, DR(0, 0x3), NPRED(SM_REPL(x)),
      R(0), C(4));
   OP(&p, IN(D3DSIO_MOV) | SM_PREDICATED, DR(0, 0x4), PRED(SM_REPL(w)),
      CS(5, SM_REPL(x)));
   OP(&p, IN(D3DSIO_ADD) | SM_PREDICATED, DR(0, 0x8),
      NPRED(SM_SWZ(w, z, y, x)), R(0), C(3));
   prog_end(&p, m);
   if (!prog_use(fam, m, &p))
      return;
   const float c1[4] = { 0, 0, 0, 0 }, c2[4] = { 1, 2, 3, 4 },
               c3[4] = { 10, 20, 30, 40 }, c4[4] = { 2, 3, 4, 5 },
               c5[4] = { -7, 0, 0, 0 };
   set_const(models[m].vs, 1, c1, 1);
   set_const(models[m].vs, 2, c2, 1);
   set_const(models[m].vs, 3, c3, 1);
   set_const(models[m].vs, 4, c4, 1);
   set_const(models[m].vs, 5, c5, 1);
   static const float c0[][4] = { { -1, 1, -1, 1 }, { 1, -1, 1, -1 },
                                  { -1, -1, -1, -1 }, { 1, 1, 0, 0 } };
   for (unsigned k = 0; k < SM_COUNT(c0); k++) {
      set_const(models[m].vs, 0, c0[k], 1);
      bool pr[4];
      float r[4];
      for (unsigned i = 0; i < 4; i++) {
         pr[i] = c0[k][i] < c1[i];
         r[i] = c2[i] + (pr[i] ? c3[i] : 0.0f);
      }
      for (unsigned i = 0; i < 2; i++)
         if (!pr[0])
            r[i] *= c4[i];
      if (pr[3])
         r[2] = c5[0];
      /* .w reads the swizzle's w component: p0.x, negated. */
      if (!pr[0])
         r[3] += c3[3];
      prog_expect(fam, m, r, "p0 = (%d %d %d %d)", pr[0], pr[1], pr[2],
                  pr[3]);
   }
}

static void
flow_control(void)
{
   start_batch();
   static const unsigned all[] = { M_VS20, M_VS30, M_PS2X, M_PS30 };
   static const unsigned pred[] = { M_VS30, M_PS2X, M_PS30 };
   static const unsigned loops[] = { M_VS20, M_VS30, M_PS30 };
   for (unsigned i = 0; i < SM_COUNT(all); i++) {
      flow_if_bool(all[i]);
      flow_rep(all[i]);
      flow_call(all[i]);
      flow_ret_in_if(all[i]);
   }
   for (unsigned i = 0; i < SM_COUNT(pred); i++) {
      flow_if_pred(pred[i]);
      flow_ifc(pred[i]);
      flow_break(pred[i]);
      flow_predication(pred[i]);
   }
   for (unsigned i = 0; i < SM_COUNT(loops); i++) {
      flow_loop(loops[i]);
      flow_nested(loops[i]);
   }
   finish_batch();
}

/* vs_2_0 c[a0.x + n] and c[a0.y + n] (mova rounds), in and out of the
 * file; a matrix read relative; vs_3_0 c[aL] is in flow_loop. */
static void
reladdr_a0(unsigned m)
{
   const char *fam = "reladdr-a0";
   struct sm p;
   prog_begin(&p, m);
   OP(&p, IN(D3DSIO_MOVA), SM_DST(D3DSPR_ADDR, 0, 0x3), C(0));
   MOV(&p, DR(0, 0xf), SM_SRC(D3DSPR_CONST, 10, SM_NOSWZ) | SM_REL,
       SM_ADDR_A0(x));
   ADD(&p, DR(0, 0x8), R(0),
       SM_SRC(D3DSPR_CONST, 20, SM_REPL(y)) | SM_REL, SM_ADDR_A0(y));
   /* m3x2 r1.xy, c1, c[a0.x + 10]: two rows from a0.x + 10. */
   OP(&p, IN(D3DSIO_M3x2), DR(1, 0x3), C(1),
      SM_SRC(D3DSPR_CONST, 10, SM_NOSWZ) | SM_REL, SM_ADDR_A0(x));
   ADD(&p, DR(0, 0x3), R(0), R(1));
   prog_end(&p, m);
   if (!prog_use(fam, m, &p))
      return;
   /* c[k] = (k, -k, k / 4, 1000 + k) from c2 on; c0 is a0's source, c1
    * the matrix's vector: t[] mirrors the whole file. */
   static float t[256][4];
   for (unsigned k = 0; k < 256; k++)
      vec4(t[k], (float)k, -(float)k, k / 4.0f, 1000.0f + k);
   vec4(t[1], 1, 2, 3, 0);
   set_const(true, 1, t[1], 255);
   static const float a0[][2] = {
      { 10, 0 }, { 12.6f, -3.4f }, { 5.4f, 100 }, { 244, -20 },
      { 245.2f, 236 }, { 246, -30 }, { 300, 230 }, { -11, 240 },
   };
   for (unsigned k = 0; k < SM_COUNT(a0); k++) {
      set_c(m, 0, a0[k][0], a0[k][1], 0, 0);
      vec4(t[0], a0[k][0], a0[k][1], 0, 0);
      const int ix = (int)lroundf(a0[k][0]) + 10;
      const int iy = (int)lroundf(a0[k][1]) + 20;
      float r[4] = { 0, 0, 0, 0 }, row[2][4] = { { 0 } };
      /* Outside c0-c255: zero. */
      if (ix >= 0 && ix < 256)
         memcpy(r, t[ix], sizeof(r));
      if (iy >= 0 && iy < 256)
         r[3] += t[iy][1];
      for (unsigned j = 0; j < 2; j++)
         if (ix + (int)j >= 0 && ix + (int)j < 256)
            memcpy(row[j], t[ix + j], sizeof(row[j]));
      r[0] += dotn(t[1], row[0], 3);
      r[1] += dotn(t[1], row[1], 3);
      prog_expect(fam, m, r, "a0 = (%g %g)", a0[k][0], a0[k][1]);
   }
}

/* ps_3_0 v[aL]: inputs texcoord 0-2 from a vs_3_0 (its o1-o3). */
static void
reladdr_input(void)
{
   const char *fam = "reladdr-input";
   struct sm v, p;
   vs_begin(&v, 3, 0);
   for (unsigned i = 0; i < 3; i++)
      MOV(&v, SM_DST(D3DSPR_OUTPUT, 1 + i, SM_MASK_ALL), C(i));
   sm_tok(&v, SM_END);
   sm_begin(&p, false, 3, 0);
   for (unsigned i = 0; i < 3; i++)
      sm_dcl(&p, D3DDECLUSAGE_TEXCOORD, i, D3DSPR_INPUT, i);
   sm_def(&p, 6, 0, 0, 0, 0);
   MOV(&p, DR(0, 0xf), C(6));
   OP(&p, IN(D3DSIO_LOOP), AL, INTSRC(0));
   ADD(&p, DR(0, 0xf), R(0), SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ) | SM_REL,
       SM_ADDR_AL);
   OP0(&p, IN(D3DSIO_ENDLOOP));
   ps_end(&p, 3, 0);
   HANDLE hv = make_shader(&v, true), hp = make_shader(&p, false);
   if (!hv || !hp) {
      families[family(fam)].tested++;
      families[family(fam)].failed++;
      return;
   }
   use(hv, hp);
   const float in[3][4] = { { 1, 2, 4, 8 }, { 16, 32, 64, 128 },
                            { 256, 512, 1024, 2048 } };
   set_vs_const(dev, 0, in[0], 3);
   static const int cases[][3] = { { 3, 0, 1 }, { 2, 1, 1 }, { 2, 2, -2 },
                                   { 1, 1, 0 } };
   for (unsigned k = 0; k < SM_COUNT(cases); k++) {
      set_i(M_PS30, 0, cases[k][0], cases[k][1], cases[k][2], 0);
      float r[4] = { 0, 0, 0, 0 };
      for (int i = 0; i < cases[k][0]; i++)
         for (unsigned c = 0; c < 4; c++)
            r[c] += in[cases[k][1] + i * cases[k][2]][c];
      prog_expect(fam, M_PS30, r, "v[aL], loop (%d, %d, %d)", cases[k][0],
                  cases[k][1], cases[k][2]);
   }
}

static void
relative_addressing(void)
{
   start_batch();
   reladdr_a0(M_VS20);
   reladdr_a0(M_VS30);
   reladdr_input();
   finish_batch();
}

/* -------------------------------------------------------------------- */
/* Quads: values that need derivatives (dsx/dsy, texldb) or several     */
/* pixels (texkill), checked pixel by pixel in a batch of their own.    */
/* They stay off row and column 0: on llvmpipe, a triangle whose edge   */
/* lies outside the viewport loses the first row and column of an       */
/* A32B32G32R32F target (the viewport's clip edge runs through their    */
/* centres), which is a rasterisation matter for render-draw.           */

/* A quad over pixels [x0, x0 + w) x [y0, y0 + h) whose texcoord 0 is
 * t + (x - x0) * dx + (y - y0) * dy at pixel centre (x, y). */
static void
quad_tc(int x0, int y0, int w, int h, const float *t, const float *dx,
        const float *dy)
{
   struct vtx v[4];
   for (unsigned i = 0; i < 4; i++) {
      const float ox = (i & 1) ? w - 0.5f : -0.5f;
      const float oy = (i & 2) ? h - 0.5f : -0.5f;
      float tc[4];
      for (unsigned c = 0; c < 4; c++)
         tc[c] = t[c] + ox * dx[c] + oy * dy[c];
      v[i] = pv(x0 + ox, y0 + oy, tc);
   }
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, v), S_OK);
   CHECK_HR(draw(dev, D3DPT_TRIANGLESTRIP, 0, 2), S_OK);
}

static void
quad_begin(void)
{
   finish_batch();
}

static void
quad_read(void)
{
   read_floats(dev, frt, W, H, fimg);
}

static void
quad_check(const char *fam, int x, int y, const float *v, float tol,
           const char *what)
{
   const float *g = &fimg[(y * W + x) * 4];
   bool ok = true;
   for (unsigned c = 0; c < 4; c++)
      ok &= near(g[c], v[c], tol);
   const unsigned f = family(fam);
   families[f].tested++;
   if (!ok && families[f].failed++ < 6)
      printf("  %s at (%d,%d): got (%.9g %.9g %.9g %.9g), expected "
             "(%.9g %.9g %.9g %.9g)\n", what, x, y, g[0], g[1], g[2], g[3],
             v[0], v[1], v[2], v[3]);
}

/* dsx / dsy (ps_2_x, ps_3_0) of a texcoord that is linear on screen: the
 * step per pixel right (dsx) or down (dsy), after the source's swizzle
 * and modifier, under the write mask and _sat. */
static void
alu_derivatives(void)
{
   static const float t[4] = { 1, 2, 3, 4 };
   static const float dx[4] = { 0.5f, -1, 2, 0.25f };
   static const float dy[4] = { -0.25f, 3, 0, 1 };
   static const struct {
      uint16_t op;
      uint8_t swz, mask;
      uint32_t mod;
      bool sat;
   } rows[] = {
      { D3DSIO_DSX, SM_NOSWZ, 0xf, 0, false },
      { D3DSIO_DSY, SM_NOSWZ, 0xf, 0, false },
      { D3DSIO_DSX, SM_SWZ(y, x, w, z), 0xf, D3DSPSM_NEG, false },
      { D3DSIO_DSY, SM_SWZ(w, w, x, y), 0x5, 0, true },
   };
   static const unsigned ms[] = { M_PS2X, M_PS30 };
   quad_begin();
   int x = 2;
   struct { unsigned m, row; int x; } drawn[16];
   unsigned n = 0;
   for (unsigned mi = 0; mi < SM_COUNT(ms); mi++) {
      const unsigned m = ms[mi];
      for (unsigned r = 0; r < SM_COUNT(rows); r++) {
         struct sm p;
         sm_begin(&p, false, models[m].major, models[m].minor);
         uint32_t in;
         if (m == M_PS30) {
            sm_dcl(&p, D3DDECLUSAGE_TEXCOORD, 0, D3DSPR_INPUT, 0);
            in = SM_SRC(D3DSPR_INPUT, 0, rows[r].swz);
         } else {
            OP(&p, IN(D3DSIO_DCL), SM_DCL_PLAIN,
               SM_DST(D3DSPR_TEXTURE, 0, SM_MASK_ALL));
            in = SM_SRC(D3DSPR_TEXTURE, 0, rows[r].swz);
         }
         sm_def(&p, 7, sentinel[0], sentinel[1], sentinel[2], sentinel[3]);
         MOV(&p, DR(0, 0xf), C(7));
         OP(&p, IN(rows[r].op),
            DR(0, rows[r].mask) | (rows[r].sat ? SM_SAT : 0),
            in | rows[r].mod);
         ps_end(&p, models[m].major, 0);
         char fam[40];
         snprintf(fam, sizeof(fam), "alu-%s",
                  rows[r].op == D3DSIO_DSX ? "dsx" : "dsy");
         if (!prog_use(fam, m, &p))
            continue;
         quad_tc(x, 2, 2, 2, t, dx, dy);
         drawn[n].m = m;
         drawn[n].row = r;
         drawn[n++].x = x;
         x += 2;
         alu_rows[m] += 4;
      }
   }
   quad_read();
   for (unsigned i = 0; i < n; i++) {
      const unsigned r = drawn[i].row;
      float d[4], e[4];
      ref_src(rows[r].op == D3DSIO_DSX ? dx : dy, rows[r].swz, rows[r].mod,
              d);
      for (unsigned c = 0; c < 4; c++) {
         float v = d[c];
         if (rows[r].sat)
            v = v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v;
         e[c] = rows[r].mask & (1u << c) ? v : sentinel[c];
      }
      char what[64];
      snprintf(what, sizeof(what), "%s %s row %u", models[drawn[i].m].name,
               rows[r].op == D3DSIO_DSX ? "dsx" : "dsy", r);
      for (int py = 0; py < 2; py++)
         for (int px = 0; px < 2; px++)
            quad_check(rows[r].op == D3DSIO_DSX ? "alu-dsx" : "alu-dsy",
                       drawn[i].x + px, 2 + py, e, 1e-4f, what);
   }
   start_batch();
}

/* -------------------------------------------------------------------- */
/* 4. Textures.                                                          */

static HANDLE
make_texture(D3DDDIFORMAT format, unsigned w, unsigned h, unsigned d,
             unsigned levels, bool cube)
{
   D3DDDI_SURFACEINFO s[6 * 8];
   unsigned n = 0;
   for (unsigned f = 0; f < (cube ? 6u : 1u); f++) {
      for (unsigned l = 0; l < levels; l++) {
         memset(&s[n], 0, sizeof(s[n]));
         s[n].Width = MAX2(w >> l, 1u);
         s[n].Height = MAX2(h >> l, 1u);
         s[n].Depth = MAX2(d >> l, 1u);
         n++;
      }
   }
   D3DDDI_RESOURCEFLAGS fl = { .Value = 0 };
   fl.Texture = 1;
   fl.CubeMap = cube;
   fl.Volume = d > 1;
   D3DDDIARG_CREATERESOURCE2 a = {
      .Format = format, .Pool = D3DDDIPOOL_VIDEOMEMORY, .pSurfList = s,
      .SurfCount = n, .MipLevels = levels, .Flags = fl,
   };
   HANDLE t = NULL;
   CHECK_HR(rt_create_resource(dev, &a, &t), S_OK);
   return t;
}

/* Texels of the 8-bit textures, as D3DCOLOR (A8R8G8B8). */
typedef uint32_t (*texel_fn)(unsigned x, unsigned y, unsigned z,
                             unsigned level);

static void
fill(HANDLE t, unsigned sub, unsigned w, unsigned h, unsigned d,
     unsigned level, texel_fn fn)
{
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, t, sub, 0, &l), S_OK);
   if (!l.pSurfData)
      return;
   for (unsigned z = 0; z < d; z++)
      for (unsigned y = 0; y < h; y++)
         for (unsigned x = 0; x < w; x++)
            ((uint32_t *)((uint8_t *)l.pSurfData + z * l.SlicePitch +
                          y * l.Pitch))[x] = fn(x, y, z, level);
   CHECK_HR(unlock_sub(dev, t, sub), S_OK);
}

static void
color_to_float(uint32_t c, float *v)
{
   v[0] = ((c >> 16) & 0xff) / 255.0f;
   v[1] = ((c >> 8) & 0xff) / 255.0f;
   v[2] = (c & 0xff) / 255.0f;
   v[3] = (c >> 24) / 255.0f;
}

static uint32_t
argb(unsigned a, unsigned r, unsigned g, unsigned b)
{
   return (a & 0xffu) << 24 | (r & 0xffu) << 16 | (g & 0xffu) << 8 |
          (b & 0xffu);
}

/* 4x4: every texel different. */
static uint32_t
texel_2d(unsigned x, unsigned y, unsigned z, unsigned level)
{
   (void)z;
   (void)level;
   return argb(255 - 4 * x - y, 40 * x + 10, 40 * y + 10,
               200 - 8 * (x + 4 * y));
}

/* Mip levels of one colour each. */
static uint32_t
texel_level(unsigned x, unsigned y, unsigned z, unsigned level)
{
   (void)x;
   (void)y;
   (void)z;
   return argb(255, 60 * level + 20, 200 - 50 * level, 30 * level + 5);
}

static uint32_t
texel_face(unsigned x, unsigned y, unsigned z, unsigned face)
{
   (void)x;
   (void)y;
   (void)z;
   return argb(250 - face, 40 * face + 20, 255 - 40 * face, 10 * face);
}

static uint32_t
texel_3d(unsigned x, unsigned y, unsigned z, unsigned level)
{
   (void)level;
   return argb(255, 60 * x + 10, 60 * y + 10, 60 * z + 10);
}

/* The sampler states the tests change, back to D3D9's defaults. */
static void
default_sampler(unsigned stage)
{
   set_tss(stage, D3DDDITSS_ADDRESSU, D3DTADDRESS_WRAP);
   set_tss(stage, D3DDDITSS_ADDRESSV, D3DTADDRESS_WRAP);
   set_tss(stage, D3DDDITSS_ADDRESSW, D3DTADDRESS_WRAP);
   set_tss(stage, D3DDDITSS_MAGFILTER, D3DTEXF_POINT);
   set_tss(stage, D3DDDITSS_MINFILTER, D3DTEXF_POINT);
   set_tss(stage, D3DDDITSS_MIPFILTER, D3DTEXF_NONE);
   set_tss(stage, D3DDDITSS_MAXMIPLEVEL, 0);
   set_tss(stage, D3DDDITSS_MIPMAPLODBIAS, 0);
   set_tss(stage, D3DDDITSS_BORDERCOLOR, 0);
   set_tss(stage, D3DDDITSS_SRGBTEXTURE, 0);
}

/* A pixel shader sampling s0 (of type stt) at c0 (c1, c2: texldd's
 * gradients): texld, texldp, texldb, texldl or texldd. */
enum tex_op { T_LD, T_LDP, T_LDL, T_LDD };

static bool
tex_ps(const char *fam, unsigned m, enum tex_op op, uint32_t stt,
       uint8_t sampler_swz)
{
   struct sm p;
   sm_begin(&p, false, models[m].major, models[m].minor);
   sm_dcl_sampler(&p, stt, 0);
   MOV(&p, DR(1, 0xf), C(0));
   const uint32_t s0 = SM_SRC(D3DSPR_SAMPLER, 0, sampler_swz);
   switch (op) {
   case T_LD:
      OP(&p, IN(D3DSIO_TEX), DR(0, 0xf), R(1), s0);
      break;
   case T_LDP:
      OP(&p, INC(D3DSIO_TEX, SM_TEXLD_PROJECT), DR(0, 0xf), R(1), s0);
      break;
   case T_LDL:
      OP(&p, IN(D3DSIO_TEXLDL), DR(0, 0xf), R(1), s0);
      break;
   case T_LDD:
      MOV(&p, DR(2, 0xf), C(1));
      MOV(&p, DR(3, 0xf), C(2));
      OP(&p, IN(D3DSIO_TEXLDD), DR(0, 0xf), R(1), s0, R(2), R(3));
      break;
   }
   ps_end(&p, models[m].major, 0);
   return prog_use(fam, m, &p);
}

/* Samples at (u, v, w, q) (texldd: gradients ddx, ddy) and expects the
 * colour e. */
static void
tex_expect(const char *fam, const float *coord, const float *ddx,
           const float *ddy, const float *e, float tol, const char *what)
{
   set_ps_const(dev, 0, coord, 1);
   if (ddx) {
      set_ps_const(dev, 1, ddx, 1);
      set_ps_const(dev, 2, ddy, 1);
   }
   struct expect *x = expect_point(fam, NULL, e, tol);
   snprintf(x->what, sizeof(x->what), "%s", what);
}

static void
tex_expect_color(const char *fam, const float *coord, const float *ddx,
                 const float *ddy, uint32_t c, float tol, const char *what)
{
   float e[4];
   color_to_float(c, e);
   tex_expect(fam, coord, ddx, ddy, e, tol, what);
}

#define TOL_UNORM 1e-5f      /* an 8-bit texel read back as a float */
#define TOL_FILTER 0.01f     /* filtered: the drivers' 8-bit weights */

/* texld, texldp, sampler swizzles on a 4x4 texture, point sampled at
 * texel centres. */
static void
tex_2d(HANDLE t)
{
   const char *fam = "tex-2d";
   static const unsigned ms[] = { M_PS20, M_PS2X, M_PS30 };
   for (unsigned mi = 0; mi < SM_COUNT(ms); mi++) {
      for (unsigned proj = 0; proj < 2; proj++) {
         if (!tex_ps(fam, ms[mi], proj ? T_LDP : T_LD, D3DSTT_2D, SM_NOSWZ))
            continue;
         for (unsigned y = 0; y < 4; y++) {
            for (unsigned x = 0; x < 4; x++) {
               const float q = proj ? 0.5f + x : 1.0f;
               const float c[4] = { (x + 0.5f) / 4 * q, (y + 0.5f) / 4 * q,
                                    0.0f, q };
               char what[64];
               snprintf(what, sizeof(what), "%s %s texel (%u,%u)",
                        models[ms[mi]].name, proj ? "texldp" : "texld", x, y);
               tex_expect_color(fam, c, NULL, NULL, texel_2d(x, y, 0, 0),
                                TOL_UNORM, what);
            }
         }
      }
   }
   /* ps_3_0: a sampler swizzle. */
   if (tex_ps(fam, M_PS30, T_LD, D3DSTT_2D, SM_SWZ(w, z, x, y))) {
      const float c[4] = { 2.5f / 4, 1.5f / 4, 0, 1 };
      float e[4], s[4];
      color_to_float(texel_2d(2, 1, 0, 0), e);
      ref_src(e, SM_SWZ(w, z, x, y), 0, s);
      tex_expect(fam, c, NULL, NULL, s, TOL_UNORM, "ps_3_0 texld s0.wzxy");
   }
}

/* D3DTADDRESS_* on a texel coordinate s (in texels) of a size n axis:
 * the texel read, or -1 for the border. */
static int
address(unsigned mode, float s, int n)
{
   int i = (int)floorf(s);
   switch (mode) {
   case D3DTADDRESS_WRAP:
      return ((i % n) + n) % n;
   case D3DTADDRESS_MIRROR: {
      const int m = ((i % (2 * n)) + 2 * n) % (2 * n);
      return m < n ? m : 2 * n - 1 - m;
   }
   case D3DTADDRESS_CLAMP:
      return i < 0 ? 0 : i >= n ? n - 1 : i;
   case D3DTADDRESS_BORDER:
      return i < 0 || i >= n ? -1 : i;
   default: /* MIRRORONCE: mirrored once about 0, then clamped */
      if (i < 0)
         i = -i - 1;
      return i >= n ? n - 1 : i;
   }
}

static void
tex_address(HANDLE t)
{
   const char *fam = "tex-address";
   static const char *const names[] = {
      [D3DTADDRESS_WRAP] = "wrap", [D3DTADDRESS_MIRROR] = "mirror",
      [D3DTADDRESS_CLAMP] = "clamp", [D3DTADDRESS_BORDER] = "border",
      [D3DTADDRESS_MIRRORONCE] = "mirroronce",
   };
   static const float coords[] = { -5.5f, -2.5f, -0.5f, 1.5f, 4.5f, 6.5f,
                                   9.5f };
   const uint32_t border = 0x80402010;
   if (!tex_ps(fam, M_PS20, T_LD, D3DSTT_2D, SM_NOSWZ))
      return;
   set_tss(0, D3DDDITSS_BORDERCOLOR, border);
   for (unsigned mode = D3DTADDRESS_WRAP; mode <= D3DTADDRESS_MIRRORONCE;
        mode++) {
      for (unsigned axis = 0; axis < 2; axis++) {
         /* The mode on one axis, clamp on the other (v / u = texel 2). */
         set_tss(0, D3DDDITSS_ADDRESSU, axis ? D3DTADDRESS_CLAMP : mode);
         set_tss(0, D3DDDITSS_ADDRESSV, axis ? mode : D3DTADDRESS_CLAMP);
         for (unsigned k = 0; k < SM_COUNT(coords); k++) {
            const int i = address(mode, coords[k], 4);
            float c[4] = { 2.5f / 4, 2.5f / 4, 0, 1 };
            c[axis] = coords[k] / 4;
            const uint32_t e = i < 0 ? border :
                               axis ? texel_2d(2, i, 0, 0)
                                    : texel_2d(i, 2, 0, 0);
            char what[64];
            snprintf(what, sizeof(what), "address%c %s, s = %g",
                     axis ? 'v' : 'u', names[mode], coords[k]);
            tex_expect_color(fam, c, NULL, NULL, e, TOL_UNORM, what);
         }
      }
   }
   set_tss(0, D3DDDITSS_ADDRESSU, D3DTADDRESS_WRAP);
   set_tss(0, D3DDDITSS_ADDRESSV, D3DTADDRESS_WRAP);
   set_tss(0, D3DDDITSS_BORDERCOLOR, 0);
}

/* Bilinear filtering of the 4x4 texture at texel coordinates (s, t),
 * addresses clamped. */
static void
bilinear(float s, float t, float *e)
{
   const float fs = s - 0.5f, ft = t - 0.5f;
   const int i0 = (int)floorf(fs), j0 = (int)floorf(ft);
   const float a = fs - i0, b = ft - j0;
   memset(e, 0, 16);
   for (unsigned k = 0; k < 4; k++) {
      const int i = address(D3DTADDRESS_CLAMP, (float)(i0 + (k & 1)), 4);
      const int j = address(D3DTADDRESS_CLAMP, (float)(j0 + (k >> 1)), 4);
      const float wgt = ((k & 1) ? a : 1 - a) * ((k >> 1) ? b : 1 - b);
      float c[4];
      color_to_float(texel_2d(i, j, 0, 0), c);
      for (unsigned n = 0; n < 4; n++)
         e[n] += wgt * c[n];
   }
}

/* MAGFILTER (points: no derivatives, magnified) and MINFILTER (texldd
 * with gradients of 2 texels a pixel on a one-level texture). */
static void
tex_filter(HANDLE t)
{
   const char *fam = "tex-filter";
   set_tss(0, D3DDDITSS_ADDRESSU, D3DTADDRESS_CLAMP);
   set_tss(0, D3DDDITSS_ADDRESSV, D3DTADDRESS_CLAMP);
   static const float st[][2] = { { 1.75f, 2.25f }, { 0.5f, 3.9f },
                                  { 2.6f, 1.1f } };
   for (unsigned minify = 0; minify < 2; minify++) {
      if (!tex_ps(fam, M_PS30, minify ? T_LDD : T_LD, D3DSTT_2D, SM_NOSWZ))
         continue;
      for (unsigned lin = 0; lin < 2; lin++) {
         /* The other filter is the opposite: it must not be used. */
         set_tss(0, minify ? D3DDDITSS_MINFILTER : D3DDDITSS_MAGFILTER,
                 lin ? D3DTEXF_LINEAR : D3DTEXF_POINT);
         set_tss(0, minify ? D3DDDITSS_MAGFILTER : D3DDDITSS_MINFILTER,
                 lin ? D3DTEXF_POINT : D3DTEXF_LINEAR);
         for (unsigned k = 0; k < SM_COUNT(st); k++) {
            const float c[4] = { st[k][0] / 4, st[k][1] / 4, 0, 0 };
            const float ddx[4] = { 0.5f, 0, 0, 0 };
            const float ddy[4] = { 0, 0.5f, 0, 0 };
            float e[4];
            if (lin)
               bilinear(st[k][0], st[k][1], e);
            else
               color_to_float(texel_2d((unsigned)st[k][0],
                                       (unsigned)st[k][1], 0, 0), e);
            char what[64];
            snprintf(what, sizeof(what), "%s %s at (%g, %g)",
                     minify ? "minfilter" : "magfilter",
                     lin ? "linear" : "point", st[k][0], st[k][1]);
            tex_expect(fam, c, minify ? ddx : NULL, minify ? ddy : NULL, e,
                       lin ? TOL_FILTER : TOL_UNORM, what);
         }
      }
   }
   default_sampler(0);
}

/* An 8x8 texture with 4 levels of one colour each: texldl's lod,
 * MIPFILTER point and linear, MAXMIPLEVEL, texldd's gradients. */
static void
tex_mip(HANDLE t)
{
   const char *fam = "tex-mip";
   float lv[4][4];
   for (unsigned l = 0; l < 4; l++)
      color_to_float(texel_level(0, 0, 0, l), lv[l]);
   if (tex_ps(fam, M_PS30, T_LDL, D3DSTT_2D, SM_NOSWZ)) {
      static const struct { unsigned filter, maxmip; float lod; } cases[] = {
         { D3DTEXF_POINT, 0, 0 }, { D3DTEXF_POINT, 0, 1 },
         { D3DTEXF_POINT, 0, 2 }, { D3DTEXF_POINT, 0, 3 },
         { D3DTEXF_POINT, 0, 1.25f }, { D3DTEXF_POINT, 0, 1.75f },
         { D3DTEXF_POINT, 0, 7 }, { D3DTEXF_POINT, 0, -2 },
         { D3DTEXF_LINEAR, 0, 1.25f }, { D3DTEXF_LINEAR, 0, 0.5f },
         { D3DTEXF_NONE, 0, 2 },
         { D3DTEXF_POINT, 2, 0 }, { D3DTEXF_POINT, 2, 3 },
         { D3DTEXF_LINEAR, 1, 0.5f },
      };
      for (unsigned k = 0; k < SM_COUNT(cases); k++) {
         set_tss(0, D3DDDITSS_MIPFILTER, cases[k].filter);
         set_tss(0, D3DDDITSS_MAXMIPLEVEL, cases[k].maxmip);
         /* MAXMIPLEVEL: the largest (most detailed) level used. */
         const float lo = (float)cases[k].maxmip;
         float lod = cases[k].lod;
         lod = lod < lo ? lo : lod > 3 ? 3 : lod;
         float e[4];
         if (cases[k].filter == D3DTEXF_NONE) {
            memcpy(e, lv[cases[k].maxmip], 16);
         } else if (cases[k].filter == D3DTEXF_POINT) {
            memcpy(e, lv[(int)floorf(lod + 0.5f)], 16);
         } else {
            const int l0 = (int)floorf(lod);
            const float f = lod - l0;
            for (unsigned c = 0; c < 4; c++)
               e[c] = lv[l0][c] * (1 - f) + lv[MIN2(l0 + 1, 3)][c] * f;
         }
         const float c[4] = { 0.3f, 0.6f, 0, cases[k].lod };
         char what[64];
         snprintf(what, sizeof(what), "texldl lod %g mipfilter %u "
                  "maxmiplevel %u", cases[k].lod, cases[k].filter,
                  cases[k].maxmip);
         tex_expect(fam, c, NULL, NULL, e, TOL_FILTER, what);
      }
   }
   set_tss(0, D3DDDITSS_MAXMIPLEVEL, 0);
   set_tss(0, D3DDDITSS_MIPFILTER, D3DTEXF_POINT);
   static const unsigned ms[] = { M_PS2X, M_PS30 };
   for (unsigned mi = 0; mi < SM_COUNT(ms); mi++) {
      if (!tex_ps(fam, ms[mi], T_LDD, D3DSTT_2D, SM_NOSWZ))
         continue;
      /* Gradients of 2^l texels a pixel: lod l. */
      for (unsigned l = 0; l < 5; l++) {
         const float g = ldexpf(1.0f, (int)l) / 8;
         const float c[4] = { 0.4f, 0.55f, 0, 0 };
         const float ddx[4] = { g, 0, 0, 0 }, ddy[4] = { 0, g, 0, 0 };
         char what[64];
         snprintf(what, sizeof(what), "%s texldd lod %u",
                  models[ms[mi]].name, l);
         tex_expect(fam, c, ddx, ddy, lv[MIN2(l, 3u)], TOL_UNORM, what);
      }
   }
   default_sampler(0);
}

/* The lod of the derivatives (one texel a pixel on level 0, 2x2 quads)
 * plus texldb's bias (t0.w) and MIPMAPLODBIAS. */
static void
tex_bias(HANDLE t)
{
   const char *fam = "tex-mip";
   HANDLE ps[2] = { NULL, NULL };
   for (unsigned b = 0; b < 2; b++) {
      struct sm p;
      sm_begin(&p, false, 2, 0);
      OP(&p, IN(D3DSIO_DCL), SM_DCL_PLAIN, SM_DST(D3DSPR_TEXTURE, 0, 0xf));
      sm_dcl_sampler(&p, D3DSTT_2D, 0);
      OP(&p, INC(D3DSIO_TEX, b ? SM_TEXLD_BIAS : 0), DR(0, 0xf),
         SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ),
         SM_SRC(D3DSPR_SAMPLER, 0, SM_NOSWZ));
      ps_end(&p, 2, 0);
      ps[b] = make_shader(&p, false);
   }
   if (!ps[0] || !ps[1]) {
      families[family(fam)].tested++;
      families[family(fam)].failed++;
      return;
   }
   quad_begin();
   set_tss(0, D3DDDITSS_MIPFILTER, D3DTEXF_POINT);
   static const struct { bool texldb; float bias, lodbias; } cases[] = {
      { false, 0, 0 }, { false, 0, 1 }, { false, 0, 2 }, { false, 0, -1 },
      { true, 0, 0 }, { true, 1, 0 }, { true, 2, 0 }, { true, 3, 0 },
      { true, -1, 0 }, { true, 1, 1 }, { true, 2, -1 },
   };
   for (unsigned k = 0; k < SM_COUNT(cases); k++) {
      use(vs_pass[2], ps[cases[k].texldb]);
      set_tss(0, D3DDDITSS_MIPMAPLODBIAS, f2dw(cases[k].lodbias));
      const float t0[4] = { 0.0625f, 0.0625f, 0, cases[k].bias };
      const float dx[4] = { 0.125f, 0, 0, 0 }, dy[4] = { 0, 0.125f, 0, 0 };
      quad_tc(2 + 4 * (k % 12), 2 + 4 * (k / 12), 2, 2, t0, dx, dy);
   }
   quad_read();
   for (unsigned k = 0; k < SM_COUNT(cases); k++) {
      float e[4];
      const int l = (int)(cases[k].bias + cases[k].lodbias);
      color_to_float(texel_level(0, 0, 0, l < 0 ? 0 : MIN2(l, 3)), e);
      char what[64];
      snprintf(what, sizeof(what), "%s bias %g, mipmaplodbias %g",
               cases[k].texldb ? "texldb" : "texld", cases[k].bias,
               cases[k].lodbias);
      quad_check(fam, 2 + 4 * (k % 12), 2 + 4 * (k / 12), e, TOL_UNORM,
                 what);
   }
   default_sampler(0);
   start_batch();
}

static const float cube_dirs[6][3] = {
   { 1, 0.1f, -0.2f }, { -1, 0.2f, 0.1f }, { 0.1f, 1, 0.2f },
   { -0.2f, -1, 0.1f }, { 0.1f, -0.2f, 1 }, { 0.2f, 0.1f, -1 },
};

static void
tex_cube(HANDLE t)
{
   const char *fam = "tex-cube";
   static const unsigned ms[] = { M_PS20, M_PS30 };
   for (unsigned mi = 0; mi < SM_COUNT(ms); mi++) {
      for (unsigned lod = 0; lod < (ms[mi] == M_PS30 ? 2u : 1u); lod++) {
         if (!tex_ps(fam, ms[mi], lod ? T_LDL : T_LD, D3DSTT_CUBE,
                     SM_NOSWZ))
            continue;
         for (unsigned f = 0; f < 6; f++) {
            /* Faces +X, -X, +Y, -Y, +Z, -Z. */
            const float c[4] = { cube_dirs[f][0] * 3, cube_dirs[f][1] * 3,
                                 cube_dirs[f][2] * 3, 0 };
            char what[64];
            snprintf(what, sizeof(what), "%s %s face %u",
                     models[ms[mi]].name, lod ? "texldl" : "texld", f);
            tex_expect_color(fam, c, NULL, NULL, texel_face(0, 0, 0, f),
                             TOL_UNORM, what);
         }
      }
   }
}

static void
tex_volume(HANDLE t)
{
   const char *fam = "tex-volume";
   if (!tex_ps(fam, M_PS2X, T_LD, D3DSTT_VOLUME, SM_NOSWZ))
      return;
   for (unsigned z = 0; z < 4; z++) {
      for (unsigned k = 0; k < 4; k++) {
         const unsigned x = (k + z) % 4, y = 3 - k;
         const float c[4] = { (x + 0.5f) / 4, (y + 0.5f) / 4,
                              (z + 0.5f) / 4, 1 };
         char what[64];
         snprintf(what, sizeof(what), "texel (%u,%u,%u)", x, y, z);
         tex_expect_color(fam, c, NULL, NULL, texel_3d(x, y, z, 0),
                          TOL_UNORM, what);
      }
   }
   /* ADDRESSW: slice -1.5 (texel -2) wraps to slice 2, clamps to 0. */
   for (unsigned mode = D3DTADDRESS_WRAP; mode <= D3DTADDRESS_CLAMP;
        mode += D3DTADDRESS_CLAMP - D3DTADDRESS_WRAP) {
      set_tss(0, D3DDDITSS_ADDRESSW, mode);
      const float c[4] = { 1.5f / 4, 2.5f / 4, -1.5f / 4, 1 };
      tex_expect_color(fam, c, NULL, NULL,
                       texel_3d(1, 2, address(mode, -1.5f, 4), 0),
                       TOL_UNORM, mode == D3DTADDRESS_WRAP ?
                       "addressw wrap" : "addressw clamp");
   }
   default_sampler(0);
}

/* vs_3_0 texldl through sampler 257 (D3DVERTEXTEXTURESAMPLER0), with its
 * own sampler states: a 2-level A32B32G32R32F texture. */
static void
tex_vertex(void)
{
   const char *fam = "tex-vertex";
   HANDLE t = make_texture(D3DDDIFMT_A32B32G32R32F, 4, 4, 1, 2, false);
   if (!t)
      return;
   static float texels[2][16][4];
   for (unsigned l = 0; l < 2; l++) {
      const unsigned n = 4 >> l;
      D3DDDIARG_LOCK lk;
      CHECK_HR(lock_sub(dev, t, l, 0, &lk), S_OK);
      for (unsigned y = 0; y < n; y++) {
         for (unsigned x = 0; x < n; x++) {
            float *v = texels[l][y * n + x];
            vec4(v, (float)x + 0.25f, (float)y * 3, -100.0f * l, 7.0f + l);
            if (lk.pSurfData)
               memcpy((uint8_t *)lk.pSurfData + y * lk.Pitch + x * 16, v, 16);
         }
      }
      CHECK_HR(unlock_sub(dev, t, l), S_OK);
   }
   struct sm p;
   vs_begin_sampler(&p, 3, 0, D3DSTT_2D);
   MOV(&p, DR(1, 0xf), C(0));
   OP(&p, IN(D3DSIO_TEXLDL), DR(0, 0xf), R(1),
      SM_SRC(D3DSPR_SAMPLER, 0, SM_NOSWZ));
   vs_end(&p, 3, 0);
   if (!prog_use(fam, M_VS30, &p)) {
      CHECK_HR(rt_destroy_resource(dev, t), S_OK);
      return;
   }
   const unsigned stage = D3DDDI_VERTEXTEXTURESAMPLER0;
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, stage, t), S_OK);
   default_sampler(stage);
   set_tss(stage, D3DDDITSS_MIPFILTER, D3DTEXF_POINT);
   static const struct { float u, v, lod; unsigned addr; } cases[] = {
      { 0.125f, 0.375f, 0, D3DTADDRESS_WRAP },
      { 0.875f, 0.625f, 0, D3DTADDRESS_WRAP },
      { 0.25f, 0.75f, 1, D3DTADDRESS_WRAP },
      { 1.375f, 0.125f, 0, D3DTADDRESS_WRAP },
      { 1.375f, 0.125f, 0, D3DTADDRESS_CLAMP },
   };
   for (unsigned k = 0; k < SM_COUNT(cases); k++) {
      set_tss(stage, D3DDDITSS_ADDRESSU, cases[k].addr);
      const float c[4] = { cases[k].u, cases[k].v, 0, cases[k].lod };
      set_vs_const(dev, 0, c, 1);
      const unsigned l = (unsigned)cases[k].lod, n = 4 >> l;
      const int x = address(cases[k].addr, cases[k].u * n, (int)n);
      const int y = address(D3DTADDRESS_WRAP, cases[k].v * n, (int)n);
      struct expect *e = expect_point(fam, NULL, texels[l][y * n + x], 0.0f);
      snprintf(e->what, sizeof(e->what), "vs_3_0 texldl (%g, %g) lod %u",
               cases[k].u, cases[k].v, l);
   }
   finish_batch();
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, stage, NULL), S_OK);
   default_sampler(stage);
   CHECK_HR(rt_destroy_resource(dev, t), S_OK);
}

/* texkill: t0.x runs from -3.5 to 3.5 over 8 pixels, the left half is
 * killed (ps_2_0 on t0, ps_3_0 on r1.xy with r1.x = 1). */
static void
tex_kill(void)
{
   const char *fam = "tex-kill";
   quad_begin();
   for (unsigned v3 = 0; v3 < 2; v3++) {
      struct sm p;
      sm_begin(&p, false, v3 ? 3 : 2, 0);
      if (v3) {
         sm_dcl(&p, D3DDECLUSAGE_TEXCOORD, 0, D3DSPR_INPUT, 0);
         sm_def(&p, 7, 1, 1, 1, 1);
         MOV(&p, DR(1, 0xf), C(7));
         MOV(&p, DR(1, 0x2), SM_SRC(D3DSPR_INPUT, 0, SM_REPL(x)));
         /* r1.z < 0 everywhere, not in the mask: no effect. */
         MOV(&p, DR(1, 0x4), SM_SRC_MOD(D3DSPR_CONST, 7, SM_NOSWZ,
                                        D3DSPSM_NEG));
         OP(&p, IN(D3DSIO_TEXKILL), DR(1, 0x3));
      } else {
         OP(&p, IN(D3DSIO_DCL), SM_DCL_PLAIN,
            SM_DST(D3DSPR_TEXTURE, 0, 0xf));
         OP(&p, IN(D3DSIO_TEXKILL), SM_DST(D3DSPR_TEXTURE, 0, 0xf));
      }
      MOV(&p, DR(0, 0xf), C(0));
      ps_end(&p, v3 ? 3 : 2, 0);
      if (!prog_use(fam, v3 ? M_PS30 : M_PS20, &p))
         continue;
      const float c0[4] = { 1, 2, 3, 4 };
      set_ps_const(dev, 0, c0, 1);
      const float t0[4] = { -3.5f, 1, 1, 1 };
      const float dx[4] = { 1, 0, 0, 0 }, dy[4] = { 0, 0, 0, 0 };
      quad_tc(2, (int)v3 * 2 + 2, 8, 2, t0, dx, dy);
   }
   quad_read();
   for (unsigned v3 = 0; v3 < 2; v3++) {
      for (int y = 0; y < 2; y++) {
         for (int x = 0; x < 8; x++) {
            const float kept[4] = { 1, 2, 3, 4 }, killed[4] = { 0, 0, 0, 0 };
            char what[64];
            snprintf(what, sizeof(what), "%s texkill, t0.x = %g",
                     v3 ? "ps_3_0" : "ps_2_0", -3.5f + x);
            quad_check(fam, 2 + x, (int)v3 * 2 + 2 + y,
                       x < 4 ? killed : kept, 0.0f, what);
         }
      }
   }
   start_batch();
}

/* SRGBTEXTURE: the texel is decoded from sRGB (alpha is linear). */
static void
tex_srgb(void)
{
   UINT count = 0;
   FORMATOP ops[512];
   bool srgb = false;
   if (rt_get_caps(adapter, D3DDDICAPS_GETFORMATCOUNT, NULL, &count,
                   sizeof(count)) == S_OK && count && count <= 512 &&
       rt_get_caps(adapter, D3DDDICAPS_GETFORMATDATA, NULL, ops,
                   count * sizeof(FORMATOP)) == S_OK) {
      for (unsigned i = 0; i < count; i++)
         if (ops[i].Format == D3DDDIFMT_A8R8G8B8 &&
             (ops[i].Operations & FORMATOP_SRGBREAD))
            srgb = true;
   }
   if (!srgb) {
      printf("tex-srgb: skip: A8R8G8B8 does not report FORMATOP_SRGBREAD "
             "on this screen\n");
      piglit_subtest("tex-srgb", PIGLIT_SKIP);
      return;
   }
   const char *fam = "tex-srgb";
   HANDLE t = make_texture(D3DDDIFMT_A8R8G8B8, 4, 4, 1, 1, false);
   fill(t, 0, 4, 4, 1, 0, texel_2d);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, t), S_OK);
   if (tex_ps(fam, M_PS20, T_LD, D3DSTT_2D, SM_NOSWZ)) {
      for (unsigned on = 0; on < 2; on++) {
         set_tss(0, D3DDDITSS_SRGBTEXTURE, on);
         for (unsigned k = 0; k < 4; k++) {
            const unsigned x = k, y = 3 - k;
            float e[4];
            color_to_float(texel_2d(x, y, 0, 0), e);
            for (unsigned c = 0; on && c < 3; c++)
               e[c] = e[c] <= 0.04045f ? e[c] / 12.92f
                                       : powf((e[c] + 0.055f) / 1.055f, 2.4f);
            const float co[4] = { (x + 0.5f) / 4, (y + 0.5f) / 4, 0, 1 };
            char what[64];
            snprintf(what, sizeof(what), "srgbtexture %u texel (%u,%u)", on,
                     x, y);
            tex_expect(fam, co, NULL, NULL, e, on ? 2e-3f : TOL_UNORM, what);
         }
      }
   }
   finish_batch();
   default_sampler(0);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, NULL), S_OK);
   CHECK_HR(rt_destroy_resource(dev, t), S_OK);
}

static void
textures(void)
{
   start_batch();
   default_sampler(0);

   HANDLE t2 = make_texture(D3DDDIFMT_A8R8G8B8, 4, 4, 1, 1, false);
   fill(t2, 0, 4, 4, 1, 0, texel_2d);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, t2), S_OK);
   tex_2d(t2);
   tex_address(t2);
   tex_filter(t2);
   finish_batch();

   HANDLE tm = make_texture(D3DDDIFMT_A8R8G8B8, 8, 8, 1, 4, false);
   for (unsigned l = 0; l < 4; l++)
      fill(tm, l, 8 >> l, 8 >> l, 1, l, texel_level);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, tm), S_OK);
   tex_mip(tm);
   tex_bias(tm);
   finish_batch();

   HANDLE tc = make_texture(D3DDDIFMT_A8R8G8B8, 2, 2, 1, 1, true);
   for (unsigned f = 0; f < 6; f++)
      fill(tc, f, 2, 2, 1, f, texel_face);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, tc), S_OK);
   tex_cube(tc);
   finish_batch();

   HANDLE tv = make_texture(D3DDDIFMT_A8R8G8B8, 4, 4, 4, 1, false);
   fill(tv, 0, 4, 4, 4, 0, texel_3d);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, tv), S_OK);
   tex_volume(tv);
   finish_batch();

   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, NULL), S_OK);
   tex_vertex();
   tex_kill();
   finish_batch();
   report_families("tex-");
   tex_srgb();
   report_families("tex-srgb");
   HANDLE all[] = { t2, tm, tc, tv };
   for (unsigned i = 0; i < SM_COUNT(all); i++)
      if (all[i])
         CHECK_HR(rt_destroy_resource(dev, all[i]), S_OK);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   adapter = test_open_adapter(drv);
   dev = test_create_device(adapter);
   frt = render_target(dev, D3DDDIFMT_A32B32G32R32F, W, H);
   static const D3DDDIVERTEXELEMENT elems[] = {
      { 0, 0, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_POSITION, 0 },
      { 0, 16, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_TEXCOORD, 0 },
   };
   decl = vertex_decl(dev, elems, 2);
   make_passthrough();

   double t0 = test_now_s();
   alu_table();
   alu_derivatives();
   report_families("alu-");
   printf("alu: %.2f s\n", test_now_s() - t0);

   t0 = test_now_s();
   flow_control();
   report_families("flow-");
   relative_addressing();
   report_families("reladdr-");
   printf("flow control and relative addressing: %.2f s\n",
          test_now_s() - t0);

   t0 = test_now_s();
   textures();
   printf("textures: %.2f s\n", test_now_s() - t0);

   unsigned tested = 0, failed = 0;
   for (unsigned i = 0; i < num_families; i++) {
      tested += families[i].tested;
      failed += families[i].failed;
   }
   printf("summary: %u values in %u subtests, %u wrong; %u shaders\n",
          tested, num_families, failed, num_shaders);

   CHECK_HR(dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, NULL), S_OK);
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, NULL), S_OK);
   for (unsigned i = 0; i < num_shaders; i++)
      delete_shader(shaders[i].h, shaders[i].vs);
   CHECK_HR(dev->funcs.pfnDeleteVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(rt_destroy_resource(dev, frt), S_OK);
   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL
                                                     : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

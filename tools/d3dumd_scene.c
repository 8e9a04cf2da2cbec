/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-scene: the driver drawing through the DDI only, as a D3D9 runtime
 * would call it.  Per frame:
 *  1. a lit, textured, rotating cube (vs_2_0: transform and diffuse
 *     lighting; ps_2_0: texture times light) into a 256x256 render-target
 *     texture with a depth buffer;
 *  2. 64 particles streamed into a Dynamic vertex buffer, the first half
 *     with Lock(Discard), the second appended with Lock(NoOverwrite) after
 *     the first half's draw;
 *  3. a ps_3_0 post-process pass (vignette from vPos) sampling the scene
 *     into the final target.
 * Frame 0 is checked against the program's own arithmetic: a pixel of the
 * cube's front face (its texel, fully lit), a corner of the background and
 * a particle, each times the vignette; every 10th frame is read back and
 * written as out/scene/frame_NNN.png.  Exit status 0 when the checks pass.
 *
 * Each frame ends with a Present into the runtime's window image (a
 * system-memory surface): the checks and the PNGs read what was
 * presented.  With --threaded the frame's calls are queued on the D3D9
 * runtime's worker thread (tests/runtime/rt_worker.h), the particles are
 * written with LockAsync(Discard) / LockAsync(NoOverwrite) on the
 * application thread and Renamed on the worker, and event queries keep
 * at most 3 frames in flight; the frames must match the direct mode's.
 *
 *    d3dumd-scene [--frames N] [--out DIR] [--threaded]
 */

#include <errno.h>
#include <sched.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "png_write.h"
#include "rt.h"
#include "rt_worker.h"
#include "sm_asm.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define S 256             /* target size */
#define TEX 64            /* checker texture size, squares of 8 */
#define PARTICLES 64

static struct rt_device *dev;
static int failures;

static double
now_s(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return ts.tv_sec + ts.tv_nsec * 1e-9;
}

#define OK(call)                                                          \
   do {                                                                  \
      HRESULT hr_ = (call);                                              \
      if (FAILED(hr_)) {                                                 \
         fprintf(stderr, "d3dumd-scene: %s failed: 0x%08x\n", #call,     \
                 (unsigned)hr_);                                         \
         exit(1);                                                        \
      }                                                                  \
   } while (0)

static const uint32_t checker_a = 0xffe0a040, checker_b = 0xff3060c0;
static const uint32_t background = 0xff203040;

static HANDLE
surface(D3DDDIFORMAT f, unsigned w, unsigned h, bool rt, bool tex, bool z)
{
   D3DDDI_RESOURCEFLAGS fl = { .Value = 0 };
   fl.RenderTarget = rt;
   fl.Texture = tex;
   fl.ZBuffer = z;
   HANDLE r = NULL;
   if (FAILED(rt_create_surface(dev, f, w, h, fl, D3DDDIPOOL_VIDEOMEMORY, &r)))
      return NULL;
   return r;
}

static void *
lock(HANDLE h, unsigned flags, unsigned offset, unsigned size, UINT *pitch)
{
   D3DDDIARG_LOCK l = { .hResource = h };
   l.Flags.Value = flags;
   if (size) {
      l.Flags.RangeValid = 1;
      l.Range.Offset = offset;
      l.Range.Size = size;
   }
   OK(dev->funcs.pfnLock(dev->hDevice, &l));
   if (pitch)
      *pitch = l.Pitch;
   return l.pSurfData;
}

static void
unlock(HANDLE h)
{
   D3DDDIARG_UNLOCK u = { .hResource = h };
   OK(dev->funcs.pfnUnlock(dev->hDevice, &u));
}

static HANDLE
buffer(const void *data, unsigned size, bool index, bool dynamic)
{
   HANDLE h = NULL;
   OK(rt_create_buffer(dev, size, index, dynamic, &h));
   if (data) {
      memcpy(lock(h, 0, 0, 0, NULL), data, size);
      unlock(h);
   }
   return h;
}

static HANDLE
vshader(const uint32_t *code, unsigned n)
{
   D3DDDIARG_CREATEVERTEXSHADERFUNC a = { n * 4, NULL };
   OK(dev->funcs.pfnCreateVertexShaderFunc(dev->hDevice, &a,
                                           (const UINT *)code));
   return a.ShaderHandle;
}

static HANDLE
pshader(const uint32_t *code, unsigned n)
{
   D3DDDIARG_CREATEPIXELSHADER a = { n * 4, NULL };
   OK(dev->funcs.pfnCreatePixelShader(dev->hDevice, &a, (const UINT *)code));
   return a.ShaderHandle;
}

static HANDLE
decl(const D3DDDIVERTEXELEMENT *e, unsigned n)
{
   D3DDDIARG_CREATEVERTEXSHADERDECL a = { n, NULL };
   OK(dev->funcs.pfnCreateVertexShaderDecl(dev->hDevice, &a, e));
   return a.ShaderHandle;
}

/* The shaders. */
static const uint32_t vs_cube[] = {
   SM_VS(2, 0),
   SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
   SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL),
   SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_NORMAL, 0),
   SM_DST(D3DSPR_INPUT, 1, SM_MASK_ALL),
   SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 0),
   SM_DST(D3DSPR_INPUT, 2, SM_MASK_ALL),
   /* oPos = MVP (c0-c3) v0; r0 = rotation (c4-c6) normal */
   SM_INSTR(D3DSIO_M4x4, 3), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL),
   SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ), SM_SRC(D3DSPR_CONST, 0, SM_NOSWZ),
   SM_INSTR(D3DSIO_M3x3, 3), SM_DST(D3DSPR_TEMP, 0, SM_MASK_XYZ),
   SM_SRC(D3DSPR_INPUT, 1, SM_NOSWZ), SM_SRC(D3DSPR_CONST, 4, SM_NOSWZ),
   /* light = max(N . L (c7), 0) * c8.y + c8.x */
   SM_INSTR(D3DSIO_DP3, 3), SM_DST(D3DSPR_TEMP, 1, SM_MASK_X),
   SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ), SM_SRC(D3DSPR_CONST, 7, SM_NOSWZ),
   SM_INSTR(D3DSIO_MAX, 3), SM_DST(D3DSPR_TEMP, 1, SM_MASK_X),
   SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_SRC(D3DSPR_CONST, 8, SM_REPL(z)),
   SM_INSTR(D3DSIO_MAD, 4), SM_DST(D3DSPR_ATTROUT, 0, SM_MASK_ALL),
   SM_SRC(D3DSPR_TEMP, 1, SM_REPL(x)), SM_SRC(D3DSPR_CONST, 8, SM_REPL(y)),
   SM_SRC(D3DSPR_CONST, 8, SM_REPL(x)),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_TEXCRDOUT, 0, SM_MASK_ALL),
   SM_SRC(D3DSPR_INPUT, 2, SM_NOSWZ),
   SM_END,
};

static const uint32_t ps_cube[] = {
   SM_PS(2, 0),
   SM_DCL(2), SM_DCL_PLAIN, SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL),
   SM_DCL(2), SM_DCL_PLAIN, SM_DST(D3DSPR_TEXTURE, 0, SM_MASK_XY),
   SM_DCL(2), SM_DCL_SAMPLER(D3DSTT_2D), SM_DST(D3DSPR_SAMPLER, 0, SM_MASK_ALL),
   SM_INSTR(D3DSIO_TEX, 3), SM_DST(D3DSPR_TEMP, 0, SM_MASK_ALL),
   SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ), SM_SRC(D3DSPR_SAMPLER, 0, SM_NOSWZ),
   SM_INSTR(D3DSIO_MUL, 3), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL),
   SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ), SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
   SM_END,
};

/* Position and colour (texcoord 0) straight through: particles. */
static const uint32_t vs_flat[] = {
   SM_VS(2, 0),
   SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
   SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL),
   SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 0),
   SM_DST(D3DSPR_INPUT, 1, SM_MASK_ALL),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL),
   SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_TEXCRDOUT, 0, SM_MASK_ALL),
   SM_SRC(D3DSPR_INPUT, 1, SM_NOSWZ),
   SM_END,
};

static const uint32_t ps_flat[] = {
   SM_PS(2, 0),
   SM_DCL(2), SM_DCL_PLAIN, SM_DST(D3DSPR_TEXTURE, 0, SM_MASK_ALL),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL),
   SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ),
   SM_END,
};

/* The post-process pass: vs_3_0 quad, ps_3_0 vignette from vPos:
 * colour * (1 - 0.3 |(vPos - c0.xy) * c0.zw|^2). */
static const uint32_t vs_post[] = {
   SM_VS(3, 0),
   SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
   SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL),
   SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 0),
   SM_DST(D3DSPR_INPUT, 1, SM_MASK_ALL),
   SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
   SM_DST(D3DSPR_OUTPUT, 0, SM_MASK_ALL),
   SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 0),
   SM_DST(D3DSPR_OUTPUT, 1, SM_MASK_ALL),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_OUTPUT, 0, SM_MASK_ALL),
   SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_OUTPUT, 1, SM_MASK_ALL),
   SM_SRC(D3DSPR_INPUT, 1, SM_NOSWZ),
   SM_END,
};

static const uint32_t ps_post[] = {
   SM_PS(3, 0),
   SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 0),
   SM_DST(D3DSPR_INPUT, 0, SM_MASK_XY),
   SM_DCL(2), SM_DCL_PLAIN, SM_DST(D3DSPR_MISCTYPE, D3DSMO_POSITION,
                                   SM_MASK_XY),
   SM_DCL(2), SM_DCL_SAMPLER(D3DSTT_2D), SM_DST(D3DSPR_SAMPLER, 0, SM_MASK_ALL),
   SM_INSTR(D3DSIO_TEX, 3), SM_DST(D3DSPR_TEMP, 0, SM_MASK_ALL),
   SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ), SM_SRC(D3DSPR_SAMPLER, 0, SM_NOSWZ),
   SM_INSTR(D3DSIO_ADD, 3), SM_DST(D3DSPR_TEMP, 1, SM_MASK_XY),
   SM_SRC(D3DSPR_MISCTYPE, D3DSMO_POSITION, SM_NOSWZ),
   SM_SRC_MOD(D3DSPR_CONST, 0, SM_NOSWZ, D3DSPSM_NEG),
   SM_INSTR(D3DSIO_MUL, 3), SM_DST(D3DSPR_TEMP, 1, SM_MASK_XY),
   SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_SRC(D3DSPR_CONST, 0, SM_SWZ(z, w, z, w)),
   SM_INSTR(D3DSIO_DP2ADD, 4), SM_DST(D3DSPR_TEMP, 1, SM_MASK_X),
   SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ),
   SM_SRC(D3DSPR_CONST, 1, SM_REPL(y)),
   /* c1 = (-0.3, 0, 1, 0): r1.x = 1 - 0.3 d */
   SM_INSTR(D3DSIO_MAD, 4), SM_DST(D3DSPR_TEMP, 1, SM_MASK_X),
   SM_SRC(D3DSPR_TEMP, 1, SM_REPL(x)), SM_SRC(D3DSPR_CONST, 1, SM_REPL(x)),
   SM_SRC(D3DSPR_CONST, 1, SM_REPL(z)),
   SM_INSTR(D3DSIO_MUL, 3), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_XYZ),
   SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ), SM_SRC(D3DSPR_TEMP, 1, SM_REPL(x)),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_W),
   SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ),
   SM_END,
};

struct cube_vtx { float pos[4], normal[4], uv[4]; };
struct flat_vtx { float pos[4], t[4]; };

/* The cube: 6 faces of 4 vertices, uv over each face. */
static void
make_cube(struct cube_vtx *v, uint16_t *idx)
{
   static const float n[6][3] = {
      { 0, 0, -1 }, { 0, 0, 1 }, { -1, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 },
      { 0, -1, 0 },
   };
   for (unsigned f = 0; f < 6; f++) {
      /* Two axes across the face: u to the right, v downwards, seen from
       * outside (for the front face, -z: x right, y up). */
      float u[3] = { 0 }, w[3] = { 0 };
      const float *nf = n[f];
      if (nf[2]) {
         u[0] = -nf[2];
         w[1] = -1;
      } else if (nf[0]) {
         u[2] = nf[0];
         w[1] = -1;
      } else {
         u[0] = 1;
         w[2] = nf[1];
      }
      for (unsigned k = 0; k < 4; k++) {
         const float su = k & 1 ? 1.0f : -1.0f, sw = k & 2 ? 1.0f : -1.0f;
         struct cube_vtx *o = &v[f * 4 + k];
         for (unsigned i = 0; i < 3; i++) {
            o->pos[i] = nf[i] + su * u[i] + sw * w[i];
            o->normal[i] = nf[i];
         }
         o->pos[3] = 1;
         o->normal[3] = 0;
         o->uv[0] = (su + 1) * 0.5f;
         o->uv[1] = (sw + 1) * 0.5f;
         o->uv[2] = 0;
         o->uv[3] = 1;
      }
      const uint16_t b = f * 4;
      const uint16_t q[6] = { b, b + 1, b + 2, b + 1, b + 3, b + 2 };
      memcpy(idx + f * 6, q, sizeof(q));
   }
}

/* clip = P T R v (rows for m4x4), and R's 3x3 rows. */
static void
matrices(float angle, float mvp[16], float rot[12])
{
   const float c = cosf(angle), s = sinf(angle);
   /* R: about y, then a fixed tilt about x when angle != 0 keeps frame 0
    * face-on. */
   const float r[3][3] = { { c, 0, s }, { 0, 1, 0 }, { -s, 0, c } };
   const float f = 1.5f, zf = 10.0f / 9.0f, zb = -10.0f / 9.0f, tz = 3.0f;
   for (unsigned i = 0; i < 3; i++)
      for (unsigned j = 0; j < 4; j++)
         rot[i * 4 + j] = j < 3 ? r[i][j] : 0.0f;
   /* view = R v + (0, 0, tz); clip = (f x, f y, zf z + zb, z). */
   for (unsigned j = 0; j < 4; j++) {
      const float rx = j < 3 ? r[0][j] : 0, ry = j < 3 ? r[1][j] : 0;
      const float rz = j < 3 ? r[2][j] : tz;
      mvp[0 * 4 + j] = f * rx;
      mvp[1 * 4 + j] = f * ry;
      mvp[2 * 4 + j] = zf * rz + (j == 3 ? zb : 0);
      mvp[3 * 4 + j] = rz;
   }
}

static uint32_t
scale_color(uint32_t c, float k)
{
   uint32_t out = c & 0xff000000u;
   for (unsigned sh = 0; sh < 24; sh += 8) {
      float v = ((c >> sh) & 0xff) * k;
      out |= (uint32_t)(v + 0.5f > 255 ? 255 : v + 0.5f) << sh;
   }
   return out;
}

static float
vignette(unsigned x, unsigned y)
{
   const float dx = (x - S / 2.0f) / (S / 2.0f), dy = (y - S / 2.0f) / (S / 2.0f);
   return 1.0f - 0.3f * (dx * dx + dy * dy);
}

static void
check(const uint32_t *img, unsigned x, unsigned y, uint32_t expect,
      const char *what)
{
   const uint32_t got = img[y * S + x];
   bool ok = true;
   for (unsigned sh = 0; sh < 32; sh += 8) {
      const int d = (int)((got >> sh) & 0xff) - (int)((expect >> sh) & 0xff);
      ok &= d >= -2 && d <= 2;
   }
   printf("   %-24s (%3u,%3u): 0x%08x, expected 0x%08x  %s\n", what, x, y, got,
          expect, ok ? "ok" : "WRONG");
   failures += !ok;
}

/* Everything a frame's passes use (made before the frames start). */
static struct {
   HANDLE scene, final, z, tex, cube_vb, cube_ib, particles, post_vb;
   HANDLE window;                /* the runtime's window image (system memory) */
   uint32_t *window_mem;
   HANDLE cube_decl, flat_decl, vs1, ps1, vs2, ps2, vs3, ps3;
   struct rt_worker *w;          /* --threaded */
   unsigned async_locks, fallbacks, lock_retries, renamed;
} sc;

/* A pass's DDI call: a failure ends the pass with its HRESULT (on the
 * worker the runtime records it, rt_worker_failures). */
#define TRY(call)                                                         \
   do {                                                                  \
      HRESULT hr_ = (call);                                              \
      if (FAILED(hr_)) {                                                 \
         fprintf(stderr, "d3dumd-scene: %s failed: 0x%08x\n", #call,     \
                 (unsigned)hr_);                                         \
         return hr_;                                                     \
      }                                                                  \
   } while (0)

static HRESULT
set_rs(struct rt_device *d, D3DRENDERSTATETYPE s, UINT v)
{
   D3DDDIARG_RENDERSTATE r = { s, v };
   return d->funcs.pfnSetRenderState(d->hDevice, &r);
}

static HRESULT
set_target(struct rt_device *d, HANDLE rt, HANDLE z)
{
   D3DDDIARG_SETRENDERTARGET t = { 0, rt, 0 };
   TRY(d->funcs.pfnSetRenderTarget(d->hDevice, &t));
   D3DDDIARG_SETDEPTHSTENCIL ds = { z };
   TRY(d->funcs.pfnSetDepthStencil(d->hDevice, &ds));
   D3DDDIARG_VIEWPORTINFO vp = { 0, 0, S, S };
   TRY(d->funcs.pfnSetViewport(d->hDevice, &vp));
   D3DDDIARG_ZRANGE zr = { 0.0f, 1.0f };
   return d->funcs.pfnSetZRange(d->hDevice, &zr);
}

/* 1. The cube, into the scene texture. */
static HRESULT
cube_pass(struct rt_device *d, void *arg)
{
   const unsigned frame = *(const unsigned *)arg;
   TRY(set_target(d, sc.scene, sc.z));
   TRY(set_rs(d, D3DRS_ZENABLE, D3DZB_TRUE));
   TRY(set_rs(d, D3DRS_CULLMODE, D3DCULL_NONE));
   D3DDDIARG_CLEAR cl = { D3DCLEAR_TARGET | D3DCLEAR_ZBUFFER | 8,
                          background, 1.0f, 0 };
   TRY(d->funcs.pfnClear(d->hDevice, &cl, 0, NULL));
   float mvp[16], rot[12];
   matrices(frame * 0.05f, mvp, rot);
   const float light[8] = { 0, 0, -1, 0, 0.2f, 0.8f, 0, 0 };
   D3DDDIARG_SETVERTEXSHADERCONST c0 = { 0, 4 }, c4 = { 4, 3 }, c7 = { 7, 2 };
   TRY(d->funcs.pfnSetVertexShaderConst(d->hDevice, &c0, mvp));
   TRY(d->funcs.pfnSetVertexShaderConst(d->hDevice, &c4, rot));
   TRY(d->funcs.pfnSetVertexShaderConst(d->hDevice, &c7, light));
   TRY(d->funcs.pfnSetVertexShaderDecl(d->hDevice, sc.cube_decl));
   TRY(d->funcs.pfnSetVertexShaderFunc(d->hDevice, sc.vs1));
   TRY(d->funcs.pfnSetPixelShader(d->hDevice, sc.ps1));
   TRY(d->funcs.pfnSetTexture(d->hDevice, 0, sc.tex));
   D3DDDIARG_SETSTREAMSOURCE ss = { 0, sc.cube_vb, 0,
                                    sizeof(struct cube_vtx) };
   TRY(d->funcs.pfnSetStreamSource(d->hDevice, &ss));
   D3DDDIARG_SETINDICES si = { sc.cube_ib, 2 };
   TRY(d->funcs.pfnSetIndices(d->hDevice, &si));
   D3DDDIARG_DRAWINDEXEDPRIMITIVE dr = { D3DPT_TRIANGLELIST, 0, 0, 24, 0,
                                         12 };
   TRY(d->funcs.pfnDrawIndexedPrimitive(d->hDevice, &dr));

   /* The particles' state. */
   TRY(set_rs(d, D3DRS_ZENABLE, D3DZB_FALSE));
   TRY(d->funcs.pfnSetVertexShaderDecl(d->hDevice, sc.flat_decl));
   TRY(d->funcs.pfnSetVertexShaderFunc(d->hDevice, sc.vs2));
   TRY(d->funcs.pfnSetPixelShader(d->hDevice, sc.ps2));
   ss.hVertexBuffer = sc.particles;
   ss.Stride = sizeof(struct flat_vtx);
   return d->funcs.pfnSetStreamSource(d->hDevice, &ss);
}

#define HALF (PARTICLES / 2)
#define HALF_BYTES (HALF * 6 * sizeof(struct flat_vtx))

/* 2. Half h of the particles, written into the stream. */
static HRESULT
particle_draw(struct rt_device *d, void *arg)
{
   const unsigned h = *(const unsigned *)arg;
   D3DDDIARG_DRAWPRIMITIVE dp = { D3DPT_TRIANGLELIST, h * HALF * 6,
                                  HALF * 2 };
   return d->funcs.pfnDrawPrimitive(d->hDevice, &dp, NULL);
}

static void
fill_particles(struct flat_vtx *p, unsigned h, unsigned frame)
{
   for (unsigned i = 0; i < HALF; i++) {
      const unsigned k = h * HALF + i;
      /* 4x4-pixel squares on row 220, sliding with the frame. */
      const float px = ((k * 4 + frame) % (S - 4)) - 0.5f;
      const float py = 219.5f;
      const float x0 = px / (S / 2.0f) - 1, x1 = (px + 4) / (S / 2.0f) - 1;
      const float y0 = 1 - py / (S / 2.0f), y1 = 1 - (py + 4) / (S / 2.0f);
      const float c[4] = { (k % 4) / 3.0f, 1.0f - (k % 4) / 3.0f, 0.5f, 1 };
      const float xy[6][2] = { { x0, y0 }, { x1, y0 }, { x0, y1 },
                               { x1, y0 }, { x1, y1 }, { x0, y1 } };
      for (unsigned q = 0; q < 6; q++) {
         struct flat_vtx *o = &p[i * 6 + q];
         o->pos[0] = xy[q][0];
         o->pos[1] = xy[q][1];
         o->pos[2] = 0.5f;
         o->pos[3] = 1;
         memcpy(o->t, c, sizeof(c));
      }
   }
}

/* 3. The post-process pass into the final target, presented into the
 * window image. */
static HRESULT
post_pass(struct rt_device *d, void *arg)
{
   (void)arg;
   TRY(set_target(d, sc.final, NULL));
   TRY(d->funcs.pfnSetVertexShaderFunc(d->hDevice, sc.vs3));
   TRY(d->funcs.pfnSetPixelShader(d->hDevice, sc.ps3));
   TRY(d->funcs.pfnSetTexture(d->hDevice, 0, sc.scene));
   const float pc[8] = { S / 2.0f, S / 2.0f, 2.0f / S, 2.0f / S,
                         -0.3f, 0, 1, 0 };
   D3DDDIARG_SETPIXELSHADERCONST psc = { 0, 2 };
   TRY(d->funcs.pfnSetPixelShaderConst(d->hDevice, &psc, pc));
   D3DDDIARG_SETSTREAMSOURCE ss = { 0, sc.post_vb, 0,
                                    sizeof(struct flat_vtx) };
   TRY(d->funcs.pfnSetStreamSource(d->hDevice, &ss));
   D3DDDIARG_DRAWPRIMITIVE dq = { D3DPT_TRIANGLESTRIP, 0, 2 };
   TRY(d->funcs.pfnDrawPrimitive(d->hDevice, &dq, NULL));
   TRY(d->funcs.pfnSetTexture(d->hDevice, 0, NULL));
   TRY(d->funcs.pfnFlush(d->hDevice));
   D3DDDIARG_PRESENT p = { .hSrcResource = sc.final,
                           .hDstResource = sc.window };
   p.Flags.Blt = 1;
   return d->funcs.pfnPresent(d->hDevice, &p);
}

static HRESULT
do_rename(struct rt_device *d, void *arg)
{
   HRESULT hr = d->funcs.pfnRename(d->hDevice, arg);
   if (SUCCEEDED(hr))
      sc.renamed++;
   return hr;
}

/* A pass: called here, or queued on the runtime's worker (--threaded). */
static void
run(HRESULT (*fn)(struct rt_device *, void *), const void *arg, size_t size)
{
   if (sc.w) {
      rt_worker_call(sc.w, fn, arg, size);
      return;
   }
   char copy[64];
   memcpy(copy, arg, size);
   if (FAILED(fn(dev, copy)))
      exit(1);
}

/* --threaded: the particle half h as the runtime's multi-processor mode
 * writes it: LockAsync here, on the application thread, while the worker
 * runs the frame's calls (Discard for the first half, NoOverwrite for the
 * second), the Rename of a Discard queued before the draw.  At the
 * renaming bound (D3DDDIERR_WASSTILLDRAWING) it queues a Flush, drains and
 * retries, bounded by a minute of wall time; E_NOTIMPL falls back to a
 * plain Lock on the worker's side (after a drain). */
static void
particles_async(unsigned h, unsigned frame)
{
   D3DDDIARG_LOCKASYNC l;
   HRESULT hr;
   const double give_up = now_s() + 60;
   for (;;) {
      l = (D3DDDIARG_LOCKASYNC) { .hResource = sc.particles };
      l.Flags.Discard = !h;
      l.Flags.NoOverwrite = h;
      l.Flags.RangeValid = 1;
      l.Range.Offset = h * HALF_BYTES;
      l.Range.Size = HALF_BYTES;
      hr = dev->funcs.pfnLockAsync(dev->hDevice, &l);
      if (hr != D3DDDIERR_WASSTILLDRAWING)
         break;
      sc.lock_retries++;
      if (now_s() > give_up) {
         fprintf(stderr, "d3dumd-scene: LockAsync still refused after 60 s\n");
         exit(1);
      }
      rt_worker_flush(sc.w);
      rt_worker_drain(sc.w);
   }
   if (hr == E_NOTIMPL) {
      sc.fallbacks++;
      rt_worker_drain(sc.w);
      fill_particles(lock(sc.particles, h ? 1u << 2 : 1u << 3,
                          h * HALF_BYTES, HALF_BYTES, NULL), h, frame);
      unlock(sc.particles);
   } else {
      OK(hr);
      sc.async_locks++;
      fill_particles(l.pSurfData, h, frame);
      D3DDDIARG_UNLOCKASYNC u = { .hResource = sc.particles };
      OK(dev->funcs.pfnUnlockAsync(dev->hDevice, &u));
      if (l.hCookie) {
         D3DDDIARG_RENAME r = { .hResource = sc.particles,
                                .hCookie = l.hCookie };
         rt_worker_call(sc.w, do_rename, &r, sizeof(r));
      }
   }
   run(particle_draw, &h, sizeof(h));
}

#define QUERIES 3   /* frames in flight at most (--threaded) */

int
main(int argc, char **argv)
{
   unsigned frames = 60;
   bool threaded = false;
   const char *out = NULL;
   for (int i = 1; i < argc; i++) {
      if (!strcmp(argv[i], "--frames") && i + 1 < argc)
         frames = strtoul(argv[++i], NULL, 10);
      else if (!strcmp(argv[i], "--out") && i + 1 < argc)
         out = argv[++i];
      else if (!strcmp(argv[i], "--threaded"))
         threaded = true;
      else {
         fprintf(stderr, "usage: %s [--frames N] [--out DIR] [--threaded]\n",
                 argv[0]);
         return 2;
      }
   }
   if (!out)
      out = threaded ? "out/scene-threaded" : "out/scene";
   if (!frames)
      frames = 1;
   mkdir("out", 0755);
   if (mkdir(out, 0755) && errno != EEXIST) {
      perror(out);
      return 1;
   }

   struct rt_driver *drv = rt_driver_load(NULL);
   if (!drv)
      return 1;
   struct rt_adapter *adapter;
   OK(rt_adapter_open(drv, 0, &adapter));
   OK(rt_device_create(adapter, 0, &dev));

   sc.scene = surface(D3DDDIFMT_A8R8G8B8, S, S, true, true, false);
   sc.final = surface(D3DDDIFMT_A8R8G8B8, S, S, true, false, false);
   sc.z = surface(D3DDDIFMT_D24S8, S, S, false, false, true);
   if (!sc.z)
      sc.z = surface(D3DDDIFMT_D32F_LOCKABLE, S, S, false, false, true);
   sc.tex = surface(D3DDDIFMT_A8R8G8B8, TEX, TEX, false, true, false);
   if (!sc.scene || !sc.final || !sc.z || !sc.tex) {
      fprintf(stderr, "d3dumd-scene: could not create the surfaces\n");
      return 1;
   }
   /* The window: the runtime's system memory, which Present fills. */
   sc.window_mem = calloc(S * S, 4);
   D3DDDI_SURFACEINFO wsurf = { .Width = S, .Height = S, .Depth = 1,
                                .pSysMem = sc.window_mem,
                                .SysMemPitch = S * 4 };
   D3DDDIARG_CREATERESOURCE2 wargs = {
      .Format = D3DDDIFMT_A8R8G8B8, .Pool = D3DDDIPOOL_SYSTEMMEM,
      .pSurfList = &wsurf, .SurfCount = 1, .MipLevels = 1,
   };
   OK(rt_create_resource(dev, &wargs, &sc.window));
   rt_keep_sysmem(dev, sc.window, sc.window_mem);

   UINT pitch;
   uint8_t *t = lock(sc.tex, 0, 0, 0, &pitch);
   for (unsigned y = 0; y < TEX; y++)
      for (unsigned x = 0; x < TEX; x++)
         ((uint32_t *)(t + y * pitch))[x] =
            ((x / 8 + y / 8) & 1) ? checker_b : checker_a;
   unlock(sc.tex);

   struct cube_vtx cv[24];
   uint16_t ci[36];
   make_cube(cv, ci);
   sc.cube_vb = buffer(cv, sizeof(cv), false, false);
   sc.cube_ib = buffer(ci, sizeof(ci), true, false);
   sc.particles = buffer(NULL, PARTICLES * 6 * sizeof(struct flat_vtx),
                         false, true);

   static const D3DDDIVERTEXELEMENT cube_e[3] = {
      { 0, 0, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_POSITION, 0 },
      { 0, 16, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_NORMAL, 0 },
      { 0, 32, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_TEXCOORD, 0 },
   };
   static const D3DDDIVERTEXELEMENT flat_e[2] = {
      { 0, 0, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_POSITION, 0 },
      { 0, 16, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_TEXCOORD, 0 },
   };
   sc.cube_decl = decl(cube_e, 3);
   sc.flat_decl = decl(flat_e, 2);
   sc.vs1 = vshader(vs_cube, ARRAY_SIZE(vs_cube));
   sc.ps1 = pshader(ps_cube, ARRAY_SIZE(ps_cube));
   sc.vs2 = vshader(vs_flat, ARRAY_SIZE(vs_flat));
   sc.ps2 = pshader(ps_flat, ARRAY_SIZE(ps_flat));
   sc.vs3 = vshader(vs_post, ARRAY_SIZE(vs_post));
   sc.ps3 = pshader(ps_post, ARRAY_SIZE(ps_post));

   /* The post pass's quad: pixel centres onto texel centres (D3D9's
    * half-texel alignment: the quad from -0.5 to S - 0.5). */
   const float e = 1.0f / S;
   const struct flat_vtx post[4] = {
      { { -1 - e, 1 + e, 0.5f, 1 }, { 0, 0, 0, 1 } },
      { { 1 - e, 1 + e, 0.5f, 1 }, { 1, 0, 0, 1 } },
      { { -1 - e, -1 + e, 0.5f, 1 }, { 0, 1, 0, 1 } },
      { { 1 - e, -1 + e, 0.5f, 1 }, { 1, 1, 0, 1 } },
   };
   sc.post_vb = buffer(post, sizeof(post), false, false);

   /* --threaded: the runtime's worker, and event queries pacing it. */
   HANDLE queries[QUERIES] = { NULL };
   unsigned long issued_at[QUERIES] = { 0 };
   unsigned query_polls = 0;
   if (threaded) {
      for (unsigned i = 0; i < QUERIES; i++) {
         D3DDDIARG_CREATEQUERY cq = {
            .QueryType = D3DDDIQUERYTYPE_EVENT,
            .hQuery = (HANDLE)(uintptr_t)(0x3000 + i),
         };
         OK(dev->funcs.pfnCreateQuery(dev->hDevice, &cq));
         queries[i] = cq.hQuery;
      }
      sc.w = rt_worker_start(dev);
      if (!sc.w) {
         fprintf(stderr, "d3dumd-scene: no worker thread\n");
         return 1;
      }
   }

   uint32_t *img = malloc(S * S * 4);
   uint8_t *rgba = malloc(S * S * 4);
   const double t0 = now_s();
   for (unsigned frame = 0; frame < frames; frame++) {
      if (threaded && issued_at[frame % QUERIES]) {
         /* At most QUERIES frames ahead: this slot's event first (the
          * runtime answers "not yet" itself until the worker issued it). */
         const unsigned slot = frame % QUERIES;
         while (rt_worker_executed(sc.w) < issued_at[slot])
            sched_yield();
         BOOL done = FALSE;
         D3DDDIARG_GETQUERYDATA get = { .hQuery = queries[slot],
                                        .pData = &done };
         HRESULT hr;
         while ((hr = dev->funcs.pfnGetQueryData(dev->hDevice, &get)) ==
                S_FALSE) {
            query_polls++;
            sched_yield();
         }
         OK(hr);
      }

      run(cube_pass, &frame, sizeof(frame));
      /* 2. Particles in the lower band: Discard, draw, NoOverwrite,
       * draw. */
      for (unsigned h = 0; h < 2; h++) {
         if (threaded) {
            particles_async(h, frame);
         } else {
            fill_particles(lock(sc.particles, h ? 1u << 2 : 1u << 3,
                                h * HALF_BYTES, HALF_BYTES, NULL), h, frame);
            unlock(sc.particles);
            run(particle_draw, &h, sizeof(h));
         }
      }
      run(post_pass, NULL, 0);
      if (threaded) {
         const unsigned slot = frame % QUERIES;
         D3DDDIARG_ISSUEQUERY iq = { .hQuery = queries[slot] };
         iq.Flags.End = 1;
         rt_worker_issue_query(sc.w, &iq);
         issued_at[slot] = rt_worker_executed(sc.w) + 1;
      }

      if (frame % 10 == 0 || frame == frames - 1) {
         /* What the window shows: the presented frame, in the runtime's
          * memory once the worker has run the present. */
         if (threaded)
            rt_worker_drain(sc.w);
         memcpy(img, sc.window_mem, S * S * 4);
         if (frame == 0) {
            printf("d3dumd-scene: frame 0 as presented, against the "
                   "program's own arithmetic:\n");
            /* The front face at (140,140): uv 0.5625, texel (36,36),
             * checker square (4,4), fully lit, times the vignette. */
            check(img, 140, 140, scale_color(checker_a, vignette(140, 140)),
                  "cube front face");
            check(img, 2, 2, scale_color(background, vignette(2, 2)),
                  "background corner");
            /* Particle 10 on frame 0: pixels 40..43 of row 220..223. */
            const uint32_t pcol = 0xff000000u |
                                  (uint32_t)(2 / 3.0f * 255 + 0.5f) << 16 |
                                  (uint32_t)(1 / 3.0f * 255 + 0.5f) << 8 |
                                  0x80;
            check(img, 41, 221, scale_color(pcol, vignette(41, 221)),
                  "particle 10");
         }
         for (unsigned i = 0; i < S * S; i++) {
            const uint32_t c = img[i];
            rgba[i * 4 + 0] = c >> 16;
            rgba[i * 4 + 1] = c >> 8;
            rgba[i * 4 + 2] = c;
            rgba[i * 4 + 3] = c >> 24;
         }
         char path[512];
         snprintf(path, sizeof(path), "%s/frame_%03u.png", out, frame);
         if (png_write(path, S, S, rgba, S * 4, true))
            failures++;
      }
   }
   HRESULT first = S_OK;
   unsigned worker_failures = 0;
   if (threaded) {
      rt_worker_stop(sc.w);
      worker_failures = rt_worker_failures(sc.w, &first);
   }
   const double secs = now_s() - t0;
   printf("d3dumd-scene: %u frames in %.2f s (%.1f frames/s), 3 passes, "
          "%u draws and a Present a frame%s, PNGs in %s\n", frames, secs,
          frames / secs, 4, threaded ? ", on the runtime's worker" : "", out);
   if (threaded) {
      printf("d3dumd-scene: --threaded: %u LockAsync (Discard and "
             "NoOverwrite), %u renames, %u retries at the renaming bound, "
             "%u plain-Lock fallbacks, %u event-query polls, %u failed "
             "calls\n", sc.async_locks, sc.renamed, sc.lock_retries,
             sc.fallbacks, query_polls, worker_failures);
      if (worker_failures) {
         fprintf(stderr, "d3dumd-scene: first failed call: 0x%08x\n",
                 (unsigned)first);
         failures++;
      }
      for (unsigned i = 0; i < QUERIES; i++)
         dev->funcs.pfnDestroyQuery(dev->hDevice, queries[i]);
   }

   free(img);
   free(rgba);
   HANDLE all[] = { sc.scene, sc.final, sc.z, sc.tex, sc.cube_vb, sc.cube_ib,
                    sc.particles, sc.post_vb, sc.window };
   D3DDDIARG_SETSTREAMSOURCE ss0 = { 0, NULL, 0, 0 };
   dev->funcs.pfnSetStreamSource(dev->hDevice, &ss0);
   for (unsigned i = 0; i < ARRAY_SIZE(all); i++)
      rt_destroy_resource(dev, all[i]);
   OK(rt_device_destroy(dev));
   const unsigned violations = rt_violations(adapter);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   printf("d3dumd-scene: %s (%d wrong pixels, %u protocol violations)\n",
          failures || violations ? "FAILED" : "ok", failures, violations);
   return failures || violations ? 1 : 0;
}

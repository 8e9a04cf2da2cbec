/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Helpers of the rendering tests: targets, vertex data, declarations,
 * shaders and read-back through the DDI, the way a D3D9 runtime calls it.
 * Every expected value the tests compare with is computed by the tests
 * themselves (pixel centres, a CPU reference), never read from the
 * driver.
 */

#ifndef D3DUMD_RENDER_UTIL_H
#define D3DUMD_RENDER_UTIL_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../resource/lock_util.h"
#include "../shader/sm_asm.h"

#define D3DCLEAR_COMPUTERECTS 0x00000008

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#ifndef MAX2
#define MAX2(a, b) ((a) > (b) ? (a) : (b))
#define MIN2(a, b) ((a) < (b) ? (a) : (b))
#endif

static inline HANDLE
render_target(struct rt_device *dev, D3DDDIFORMAT format, unsigned w,
              unsigned h)
{
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.RenderTarget = 1;
   HANDLE r = NULL;
   CHECK_HR(rt_create_surface(dev, format, w, h, f, D3DDDIPOOL_VIDEOMEMORY,
                              &r), S_OK);
   return r;
}

static inline HANDLE
depth_stencil(struct rt_device *dev, D3DDDIFORMAT format, unsigned w,
              unsigned h)
{
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.ZBuffer = 1;
   HANDLE r = NULL;
   CHECK_HR(rt_create_surface(dev, format, w, h, f, D3DDDIPOOL_VIDEOMEMORY,
                              &r), S_OK);
   return r;
}

static inline void
set_target(struct rt_device *dev, unsigned index, HANDLE h)
{
   D3DDDIARG_SETRENDERTARGET a = { .RenderTargetIndex = index,
                                   .hRenderTarget = h };
   CHECK_HR(dev->funcs.pfnSetRenderTarget(dev->hDevice, &a), S_OK);
}

static inline void
set_viewport(struct rt_device *dev, unsigned x, unsigned y, unsigned w,
             unsigned h)
{
   D3DDDIARG_VIEWPORTINFO v = { x, y, w, h };
   CHECK_HR(dev->funcs.pfnSetViewport(dev->hDevice, &v), S_OK);
   D3DDDIARG_ZRANGE z = { 0.0f, 1.0f };
   CHECK_HR(dev->funcs.pfnSetZRange(dev->hDevice, &z), S_OK);
}

static inline void
set_rs(struct rt_device *dev, D3DRENDERSTATETYPE state, UINT value)
{
   D3DDDIARG_RENDERSTATE r = { state, value };
   CHECK_HR(dev->funcs.pfnSetRenderState(dev->hDevice, &r), S_OK);
}

static inline UINT
f2dw(float f)
{
   UINT u;
   memcpy(&u, &f, sizeof(u));
   return u;
}

static inline HRESULT
clear(struct rt_device *dev, UINT flags, UINT color, float depth,
      UINT stencil, UINT num_rects, const RECT *rects)
{
   D3DDDIARG_CLEAR c = { flags, color, depth, stencil };
   return dev->funcs.pfnClear(dev->hDevice, &c, num_rects, rects);
}

/* Reads a 32-bit-per-pixel surface into out[w * h]. */
static inline void
read_pixels(struct rt_device *dev, HANDLE h, unsigned w, unsigned hh,
            uint32_t *out)
{
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, h, 0, L_READONLY, &l), S_OK);
   if (!l.pSurfData)
      return;
   for (unsigned y = 0; y < hh; y++)
      memcpy(out + y * w, (const uint8_t *)l.pSurfData + y * l.Pitch, w * 4);
   CHECK_HR(unlock_sub(dev, h, 0), S_OK);
}

/* Reads a 4 x float surface (A32B32G32R32F) into out[w * h * 4]. */
static inline void
read_floats(struct rt_device *dev, HANDLE h, unsigned w, unsigned hh,
            float *out)
{
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, h, 0, L_READONLY, &l), S_OK);
   if (!l.pSurfData)
      return;
   for (unsigned y = 0; y < hh; y++)
      memcpy(out + y * w * 4, (const uint8_t *)l.pSurfData + y * l.Pitch,
             w * 16);
   CHECK_HR(unlock_sub(dev, h, 0), S_OK);
}

/* A buffer holding `size` bytes of `data`, written with Lock. */
static inline HANDLE
buffer_with(struct rt_device *dev, const void *data, unsigned size,
            bool index, bool dynamic)
{
   HANDLE h = NULL;
   CHECK_HR(rt_create_buffer(dev, size, index, dynamic, &h), S_OK);
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, h, 0, dynamic ? L_DISCARD : 0, &l), S_OK);
   if (l.pSurfData)
      memcpy(l.pSurfData, data, size);
   CHECK_HR(unlock_sub(dev, h, 0), S_OK);
   return h;
}

static inline HANDLE
vertex_decl(struct rt_device *dev, const D3DDDIVERTEXELEMENT *e, unsigned n)
{
   D3DDDIARG_CREATEVERTEXSHADERDECL a = { .NumVertexElements = n };
   CHECK_HR(dev->funcs.pfnCreateVertexShaderDecl(dev->hDevice, &a, e), S_OK);
   return a.ShaderHandle;
}

static inline HANDLE
vertex_shader(struct rt_device *dev, const uint32_t *code, unsigned dwords)
{
   D3DDDIARG_CREATEVERTEXSHADERFUNC a = { .Size = dwords * 4 };
   CHECK_HR(dev->funcs.pfnCreateVertexShaderFunc(dev->hDevice, &a,
                                                 (const UINT *)code), S_OK);
   return a.ShaderHandle;
}

static inline HANDLE
pixel_shader(struct rt_device *dev, const uint32_t *code, unsigned dwords)
{
   D3DDDIARG_CREATEPIXELSHADER a = { .CodeSize = dwords * 4 };
   CHECK_HR(dev->funcs.pfnCreatePixelShader(dev->hDevice, &a,
                                            (const UINT *)code), S_OK);
   return a.ShaderHandle;
}

static inline void
set_stream(struct rt_device *dev, unsigned stream, HANDLE vb,
           unsigned offset, unsigned stride)
{
   D3DDDIARG_SETSTREAMSOURCE s = { stream, vb, offset, stride };
   CHECK_HR(dev->funcs.pfnSetStreamSource(dev->hDevice, &s), S_OK);
}

static inline void
set_vs_const(struct rt_device *dev, unsigned reg, const float *v,
             unsigned count)
{
   D3DDDIARG_SETVERTEXSHADERCONST a = { reg, count };
   CHECK_HR(dev->funcs.pfnSetVertexShaderConst(dev->hDevice, &a, v), S_OK);
}

static inline void
set_ps_const(struct rt_device *dev, unsigned reg, const float *v,
             unsigned count)
{
   D3DDDIARG_SETPIXELSHADERCONST a = { reg, count };
   CHECK_HR(dev->funcs.pfnSetPixelShaderConst(dev->hDevice, &a, v), S_OK);
}

static inline HRESULT
draw(struct rt_device *dev, D3DPRIMITIVETYPE type, unsigned start,
     unsigned count)
{
   D3DDDIARG_DRAWPRIMITIVE d = { type, start, count };
   return dev->funcs.pfnDrawPrimitive(dev->hDevice, &d, NULL);
}

/* D3DCOLOR channels, for comparisons with a tolerance of `tol` per
 * channel. */
static inline bool
color_near(uint32_t a, uint32_t b, unsigned tol)
{
   for (unsigned i = 0; i < 32; i += 8) {
      const int d = (int)((a >> i) & 0xff) - (int)((b >> i) & 0xff);
      if ((unsigned)abs(d) > tol)
         return false;
   }
   return true;
}

/* The programs and declaration most tests draw with: a position and a
 * texture coordinate per vertex (struct vtx). */
struct vtx {
   float pos[4];
   float t[4];
};

/* Screen coordinates (D3D9: pixel centres on integers) of a W x H
 * target to clip space; the test defines W and H. */
#define sv(x, y, z, t0, t1, t2, t3) \
   sv_wh(W, H, (x), (y), (z), (t0), (t1), (t2), (t3))

static inline struct vtx
sv_wh(unsigned w, unsigned h, float x, float y, float z, float t0, float t1,
      float t2, float t3)
{
   struct vtx v = { { x / (w / 2.0f) - 1.0f, 1.0f - y / (h / 2.0f), z, 1.0f },
                    { t0, t1, t2, t3 } };
   return v;
}

static const D3DDDIVERTEXELEMENT elems_pos_t0[] = {
   { 0, 0, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_POSITION, 0 },
   { 0, 16, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_TEXCOORD, 0 },
};

static const uint32_t vs_pos_t0[] = {
   SM_VS(2, 0),
   SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
   SM_DST(D3DSPR_INPUT, 0, 0xf),
   SM_INSTR(D3DSIO_DCL, 2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 0),
   SM_DST(D3DSPR_INPUT, 1, 0xf),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_RASTOUT, 0, 0xf),
   SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_TEXCRDOUT, 0, 0xf),
   SM_SRC(D3DSPR_INPUT, 1, SM_NOSWZ),
   SM_END,
};

/* oC0 = t0 */
static const uint32_t ps_t0[] = {
   SM_PS(2, 0),
   SM_INSTR(D3DSIO_DCL, 2), SM_DCL_PLAIN, SM_DST(D3DSPR_TEXTURE, 0, 0xf),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, 0xf),
   SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ),
   SM_END,
};

/* oC0 = c0 */
static const uint32_t ps_c0[] = {
   SM_PS(2, 0),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, 0xf),
   SM_SRC(D3DSPR_CONST, 0, SM_NOSWZ),
   SM_END,
};

/* oC0 = texld(s0, t0) */
static const uint32_t ps_tex[] = {
   SM_PS(2, 0),
   SM_INSTR(D3DSIO_DCL, 2), SM_DCL_PLAIN, SM_DST(D3DSPR_TEXTURE, 0, 0x3),
   SM_INSTR(D3DSIO_DCL, 2), SM_DCL_SAMPLER(D3DSTT_2D),
   SM_DST(D3DSPR_SAMPLER, 0, 0xf),
   SM_INSTR(D3DSIO_TEX, 3), SM_DST(D3DSPR_TEMP, 0, 0xf),
   SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ), SM_SRC(D3DSPR_SAMPLER, 0, SM_NOSWZ),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, 0xf),
   SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ),
   SM_END,
};

#endif

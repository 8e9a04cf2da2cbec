/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Draws: the state the program set (d3d9_state.c keeps it, and marks
 * what changed in device->dirty) goes to the driver just before a draw
 * or a Clear, only what changed, then the DDI's draw.
 *
 *   - Sampler states reach the driver through SetTextureStageState with
 *     the DirectX 8 numbering and stage = sampler (256-260 for the
 *     displacement and vertex samplers): DESIGN.md, "Rendering: rules".
 *   - FVFs are declarations by now (d3d9_fvf.c).
 *   - Without a vertex shader, pre-transformed vertices (POSITIONT) take
 *     the driver's pre-transformed path with no vertex shader bound; any
 *     other declaration gets the runtime's fixed-function vertex shader,
 *     and no pixel shader the fixed-function pixel shader (d3d9_ff.h).
 *   - The *UP draws hand the program's memory to the driver
 *     (SetStreamSourceUm / SetIndicesUm, valid for that draw) and leave
 *     stream 0 and the indices unset, as D3D9 does.
 */

#include <string.h>

#include "d3d9_buffer.h"
#include "d3d9_ff.h"
#include "d3d9_shader.h"
#include "d3d9_texture.h"

void
d3d9_draw_mark_all_dirty(struct d3d9_device *device)
{
   memset(&device->dirty, 0xff, sizeof(device->dirty));
   /* Whatever the driver has bound is unknown now. */
   device->ff_vs_bound = device->ff_ps_bound = FALSE;
   device->ff_vs_consts_stale = device->ff_ps_consts_stale = TRUE;
}

/* D3DSAMPLERSTATETYPE 1-13 to the driver's D3DDDITSS numbers. */
static const BYTE sampler_tss[D3D9_SS_COUNT] = {
   [D3DSAMP_ADDRESSU] = D3DDDITSS_ADDRESSU,
   [D3DSAMP_ADDRESSV] = D3DDDITSS_ADDRESSV,
   [D3DSAMP_ADDRESSW] = D3DDDITSS_ADDRESSW,
   [D3DSAMP_BORDERCOLOR] = D3DDDITSS_BORDERCOLOR,
   [D3DSAMP_MAGFILTER] = D3DDDITSS_MAGFILTER,
   [D3DSAMP_MINFILTER] = D3DDDITSS_MINFILTER,
   [D3DSAMP_MIPFILTER] = D3DDDITSS_MIPFILTER,
   [D3DSAMP_MIPMAPLODBIAS] = D3DDDITSS_MIPMAPLODBIAS,
   [D3DSAMP_MAXMIPLEVEL] = D3DDDITSS_MAXMIPLEVEL,
   [D3DSAMP_MAXANISOTROPY] = D3DDDITSS_MAXANISOTROPY,
   [D3DSAMP_SRGBTEXTURE] = D3DDDITSS_SRGBTEXTURE,
   [D3DSAMP_ELEMENTINDEX] = D3DDDITSS_ELEMENTINDEX,
   [D3DSAMP_DMAPOFFSET] = D3DDDITSS_DMAPOFFSET,
};

/* Slot 0-20 (d3d9_device.h) to the driver's stage number. */
static UINT
sampler_stage(unsigned slot)
{
   return slot < D3D9_PS_SAMPLERS ? slot : 256 + (slot - D3D9_PS_SAMPLERS);
}

static BOOL
test_clear(DWORD *map, unsigned i)
{
   const DWORD bit = 1u << (i % 32);
   const BOOL set = map[i / 32] & bit;
   map[i / 32] &= ~bit;
   return set;
}

/* Float constants: runs of marked registers as one call each. */
static void
send_float_consts(struct d3d9_device *device, DWORD *map, unsigned count,
                  const float (*regs)[4], BOOL pixel)
{
   for (unsigned i = 0; i < count;) {
      if (!(map[i / 32] & (1u << (i % 32)))) {
         i++;
         continue;
      }
      unsigned j = i;
      while (j < count && test_clear(map, j))
         j++;
      if (pixel) {
         D3DDDIARG_SETPIXELSHADERCONST a = { i, j - i };
         device->funcs.pfnSetPixelShaderConst(device->hdevice, &a, regs[i]);
      } else {
         D3DDDIARG_SETVERTEXSHADERCONST a = { i, j - i };
         device->funcs.pfnSetVertexShaderConst(device->hdevice, &a, regs[i]);
      }
      i = j;
   }
}

/* Integer and boolean constants: 16 registers, one bit each in MASK;
 * sent as one range covering the marked ones. */
static void
send_small_consts(struct d3d9_device *device, WORD *mask, const int (*i4)[4],
                  const BOOL *b, BOOL pixel)
{
   if (!*mask)
      return;
   const unsigned first = __builtin_ctz(*mask);
   const unsigned last = 31 - __builtin_clz(*mask);
   D3DDDIARG_SETVERTEXSHADERCONST a = { first, last - first + 1 };
   if (i4 && pixel)
      device->funcs.pfnSetPixelShaderConstI(
         device->hdevice, (const D3DDDIARG_SETPIXELSHADERCONST *)&a,
         i4[first]);
   else if (i4)
      device->funcs.pfnSetVertexShaderConstI(device->hdevice, &a, i4[first]);
   else if (pixel) {
      D3DDDIARG_SETPIXELSHADERCONSTB pb = { first, last - first + 1 };
      device->funcs.pfnSetPixelShaderConstB(device->hdevice, &pb, b + first);
   }
   else
      device->funcs.pfnSetVertexShaderConstB(device->hdevice, &a, b + first);
   *mask = 0;
}

static HANDLE
texture_handle(IDirect3DBaseTexture9 *iface)
{
   struct d3d9_texture *t = d3d9_texture_from_base(iface);
   return t ? d3d9_texture_gpu_handle(t) : NULL;
}

static BOOL
declaration_pretransformed(const struct d3d9_state *s)
{
   const struct d3d9_shader *decl = d3d9_shader_from_iface(s->decl);
   if (!decl)
      return FALSE;
   for (const D3DVERTEXELEMENT9 *e = decl->data; e->Stream != 0xff; e++) {
      if (e->Usage == D3DDECLUSAGE_POSITIONT && e->UsageIndex == 0)
         return TRUE;
   }
   return FALSE;
}

/* The shaders: the program's, none for pre-transformed vertices, or the
 * generated ones.  Switching back to the program's shader sends all its
 * constants again, since the generated shader's took their registers. */
static HRESULT
send_shaders(struct d3d9_device *device)
{
   struct d3d9_state *s = &device->state;
   struct d3d9_state_mask *d = &device->dirty;
   HRESULT hr = D3D_OK;

   if (s->vs) {
      if (device->ff_vs_bound) {
         device->ff_vs_bound = FALSE;
         d->vs = TRUE;
         memset(d->vs_f, 0xff, sizeof(d->vs_f));
         d->vs_i = d->vs_b = 0xffff;
      }
      if (d->vs)
         hr = device->funcs.pfnSetVertexShaderFunc(
            device->hdevice, d3d9_shader_from_iface(s->vs)->handle);
   } else if (declaration_pretransformed(s)) {
      if (d->vs || device->ff_vs_bound)
         hr = device->funcs.pfnSetVertexShaderFunc(device->hdevice, NULL);
      device->ff_vs_bound = FALSE;
   } else {
      device->ff_vs_bound = TRUE;
      hr = d3d9_ff_vs_bind(device);
   }
   d->vs = FALSE;
   if (FAILED(hr))
      return hr;

   if (s->ps) {
      if (device->ff_ps_bound) {
         device->ff_ps_bound = FALSE;
         d->ps = TRUE;
         memset(d->ps_f, 0xff, sizeof(d->ps_f));
         d->ps_i = d->ps_b = 0xffff;
      }
      if (d->ps)
         hr = device->funcs.pfnSetPixelShader(
            device->hdevice, d3d9_shader_from_iface(s->ps)->handle);
   } else {
      device->ff_ps_bound = TRUE;
      hr = d3d9_ff_ps_bind(device);
   }
   d->ps = FALSE;
   return hr;
}

/* Everything but shaders and constants: what Clear needs as well. */
static void
send_fixed_state(struct d3d9_device *device)
{
   struct d3d9_state *s = &device->state;
   struct d3d9_state_mask *d = &device->dirty;
   const HANDLE h = device->hdevice;

   for (unsigned i = 0; i < D3D9_RS_COUNT; i++) {
      if (!d->rs[i / 32]) {
         i |= 31;
         continue;
      }
      if (test_clear(d->rs, i)) {
         D3DDDIARG_RENDERSTATE a = { i, s->rs[i] };
         device->funcs.pfnSetRenderState(h, &a);
      }
   }
   for (unsigned stage = 0; stage < D3D9_TEXTURE_STAGES; stage++) {
      for (UINT64 m = d->tss[stage]; m; m &= m - 1) {
         const unsigned type = __builtin_ctzll(m);
         if (type >= D3D9_TSS_COUNT)
            break;
         D3DDDIARG_TEXTURESTAGESTATE a = { stage, type, s->tss[stage][type] };
         device->funcs.pfnSetTextureStageState(h, &a);
      }
      d->tss[stage] = 0;
   }
   for (unsigned slot = 0; slot < D3D9_SAMPLERS; slot++) {
      for (unsigned m = d->ss[slot]; m; m &= m - 1) {
         const unsigned type = __builtin_ctz(m);
         if (type >= D3D9_SS_COUNT || !sampler_tss[type])
            continue;
         D3DDDIARG_TEXTURESTAGESTATE a = { sampler_stage(slot),
                                           sampler_tss[type],
                                           s->ss[slot][type] };
         device->funcs.pfnSetTextureStageState(h, &a);
      }
      d->ss[slot] = 0;
   }
   if (d->viewport) {
      const D3DVIEWPORT9 *vp = &s->viewport;
      D3DDDIARG_VIEWPORTINFO v = { vp->X, vp->Y, vp->Width, vp->Height };
      D3DDDIARG_ZRANGE z = { vp->MinZ, vp->MaxZ };
      device->funcs.pfnSetViewport(h, &v);
      device->funcs.pfnSetZRange(h, &z);
      d->viewport = FALSE;
   }
   if (d->scissor) {
      device->funcs.pfnSetScissorRect(h, &s->scissor);
      d->scissor = FALSE;
   }
}

/* M's inverse (cofactors over the determinant); FALSE when singular. */
static BOOL
invert(const D3DMATRIX *m, float r[4][4])
{
   const float *a = &m->m[0][0];
   float inv[16];
   inv[0] = a[5] * a[10] * a[15] - a[5] * a[11] * a[14] - a[9] * a[6] * a[15] +
            a[9] * a[7] * a[14] + a[13] * a[6] * a[11] - a[13] * a[7] * a[10];
   inv[4] = -a[4] * a[10] * a[15] + a[4] * a[11] * a[14] + a[8] * a[6] * a[15] -
            a[8] * a[7] * a[14] - a[12] * a[6] * a[11] + a[12] * a[7] * a[10];
   inv[8] = a[4] * a[9] * a[15] - a[4] * a[11] * a[13] - a[8] * a[5] * a[15] +
            a[8] * a[7] * a[13] + a[12] * a[5] * a[11] - a[12] * a[7] * a[9];
   inv[12] = -a[4] * a[9] * a[14] + a[4] * a[10] * a[13] + a[8] * a[5] * a[14] -
             a[8] * a[6] * a[13] - a[12] * a[5] * a[10] + a[12] * a[6] * a[9];
   inv[1] = -a[1] * a[10] * a[15] + a[1] * a[11] * a[14] + a[9] * a[2] * a[15] -
            a[9] * a[3] * a[14] - a[13] * a[2] * a[11] + a[13] * a[3] * a[10];
   inv[5] = a[0] * a[10] * a[15] - a[0] * a[11] * a[14] - a[8] * a[2] * a[15] +
            a[8] * a[3] * a[14] + a[12] * a[2] * a[11] - a[12] * a[3] * a[10];
   inv[9] = -a[0] * a[9] * a[15] + a[0] * a[11] * a[13] + a[8] * a[1] * a[15] -
            a[8] * a[3] * a[13] - a[12] * a[1] * a[11] + a[12] * a[3] * a[9];
   inv[13] = a[0] * a[9] * a[14] - a[0] * a[10] * a[13] - a[8] * a[1] * a[14] +
             a[8] * a[2] * a[13] + a[12] * a[1] * a[10] - a[12] * a[2] * a[9];
   inv[2] = a[1] * a[6] * a[15] - a[1] * a[7] * a[14] - a[5] * a[2] * a[15] +
            a[5] * a[3] * a[14] + a[13] * a[2] * a[7] - a[13] * a[3] * a[6];
   inv[6] = -a[0] * a[6] * a[15] + a[0] * a[7] * a[14] + a[4] * a[2] * a[15] -
            a[4] * a[3] * a[14] - a[12] * a[2] * a[7] + a[12] * a[3] * a[6];
   inv[10] = a[0] * a[5] * a[15] - a[0] * a[7] * a[13] - a[4] * a[1] * a[15] +
             a[4] * a[3] * a[13] + a[12] * a[1] * a[7] - a[12] * a[3] * a[5];
   inv[14] = -a[0] * a[5] * a[14] + a[0] * a[6] * a[13] + a[4] * a[1] * a[14] -
             a[4] * a[2] * a[13] - a[12] * a[1] * a[6] + a[12] * a[2] * a[5];
   inv[3] = -a[1] * a[6] * a[11] + a[1] * a[7] * a[10] + a[5] * a[2] * a[11] -
            a[5] * a[3] * a[10] - a[9] * a[2] * a[7] + a[9] * a[3] * a[6];
   inv[7] = a[0] * a[6] * a[11] - a[0] * a[7] * a[10] - a[4] * a[2] * a[11] +
            a[4] * a[3] * a[10] + a[8] * a[2] * a[7] - a[8] * a[3] * a[6];
   inv[11] = -a[0] * a[5] * a[11] + a[0] * a[7] * a[9] + a[4] * a[1] * a[11] -
             a[4] * a[3] * a[9] - a[8] * a[1] * a[7] + a[8] * a[3] * a[5];
   inv[15] = a[0] * a[5] * a[10] - a[0] * a[6] * a[9] - a[4] * a[1] * a[10] +
             a[4] * a[2] * a[9] + a[8] * a[1] * a[6] - a[8] * a[2] * a[5];
   const float det = a[0] * inv[0] + a[1] * inv[4] + a[2] * inv[8] +
                     a[3] * inv[12];
   if (det == 0.0f)
      return FALSE;
   for (int i = 0; i < 16; i++)
      r[i / 4][i % 4] = inv[i] / det;
   return TRUE;
}

/* User clip planes.  With a program's vertex shader they are in clip
 * space, as the driver takes them; with the fixed-function one they are
 * in world space (D3D9), so they go to the driver moved into clip space:
 * a plane p with p.x_world = 0 is p x (view x projection)^-T there. */
static void
send_clip_planes(struct d3d9_device *device)
{
   struct d3d9_state *s = &device->state;
   struct d3d9_state_mask *d = &device->dirty;
   const BOOL ff = device->ff_vs_bound;
   unsigned which = d->clip_planes;

   if (ff != device->clip_planes_ff ||
       (ff && (d->transforms[D3DTS_VIEW / 32] &
               (1u << (D3DTS_VIEW % 32)) ||
               d->transforms[D3DTS_PROJECTION / 32] &
               (1u << (D3DTS_PROJECTION % 32)))))
      which = (1u << D3D9_CLIP_PLANES) - 1;
   device->clip_planes_ff = ff;
   d->clip_planes = 0;
   if (!which)
      return;

   float inv[4][4];
   BOOL have_inv = FALSE;
   if (ff) {
      D3DMATRIX vp;
      const D3DMATRIX *v = &s->transforms[D3DTS_VIEW];
      const D3DMATRIX *p = &s->transforms[D3DTS_PROJECTION];
      for (int i = 0; i < 4; i++)
         for (int j = 0; j < 4; j++)
            vp.m[i][j] = v->m[i][0] * p->m[0][j] + v->m[i][1] * p->m[1][j] +
                         v->m[i][2] * p->m[2][j] + v->m[i][3] * p->m[3][j];
      have_inv = invert(&vp, inv);
   }
   for (unsigned i = 0; i < D3D9_CLIP_PLANES; i++) {
      if (!(which & (1u << i)))
         continue;
      D3DDDIARG_SETCLIPPLANE a = { .Index = i };
      const float *pl = s->clip_planes[i];
      if (have_inv) {
         /* (VP^-1 x p^T)^T: row j of the inverse dotted with the plane. */
         for (int j = 0; j < 4; j++)
            a.Plane[j] = inv[j][0] * pl[0] + inv[j][1] * pl[1] +
                         inv[j][2] * pl[2] + inv[j][3] * pl[3];
      } else {
         memcpy(a.Plane, pl, sizeof(a.Plane));
      }
      device->funcs.pfnSetClipPlane(device->hdevice, &a);
   }
}

static void
send_resources(struct d3d9_device *device)
{
   struct d3d9_state *s = &device->state;
   struct d3d9_state_mask *d = &device->dirty;
   const HANDLE h = device->hdevice;

   for (unsigned slot = 0; slot < D3D9_SAMPLERS; slot++) {
      /* Autogen textures regenerate before they are sampled: always
       * look at bound ones. */
      if ((d->textures & (1u << slot)) || s->textures[slot])
         device->funcs.pfnSetTexture(h, sampler_stage(slot),
                                     texture_handle(s->textures[slot]));
   }
   d->textures = 0;
   for (unsigned i = 0; i < D3D9_MAX_STREAMS; i++) {
      /* Managed buffers upload what changed: always look at bound ones. */
      struct d3d9_buffer *b = d3d9_buffer_from_vb(s->streams[i].buffer);
      const HANDLE hb = d3d9_buffer_gpu_handle(b);
      if (d->streams & (1u << i)) {
         D3DDDIARG_SETSTREAMSOURCE a = { i, hb, s->streams[i].offset,
                                         s->streams[i].stride };
         device->funcs.pfnSetStreamSource(h, &a);
      }
      if (d->stream_freqs & (1u << i)) {
         D3DDDIARG_SETSTREAMSOURCEFREQ a = { i, s->streams[i].frequency };
         device->funcs.pfnSetStreamSourceFreq(h, &a);
      }
   }
   d->streams = d->stream_freqs = 0;
   struct d3d9_buffer *ib = d3d9_buffer_from_ib(s->indices);
   const HANDLE hib = d3d9_buffer_gpu_handle(ib);
   if (d->indices) {
      D3DDDIARG_SETINDICES a = {
         hib, ib && ib->format == D3DFMT_INDEX32 ? 4 : 2 };
      device->funcs.pfnSetIndices(h, &a);
      d->indices = FALSE;
   }
   if (d->decl) {
      const struct d3d9_shader *decl = d3d9_shader_from_iface(s->decl);
      device->funcs.pfnSetVertexShaderDecl(h, decl ? decl->handle : NULL);
      d->decl = FALSE;
   }
}

/* The constants of the program's shaders, while they are bound. */
static void
send_constants(struct d3d9_device *device)
{
   struct d3d9_state *s = &device->state;
   struct d3d9_state_mask *d = &device->dirty;

   if (!device->ff_vs_bound) {
      BOOL sent = FALSE;
      for (unsigned i = 0; i < ARRAYSIZE(d->vs_f); i++)
         sent |= d->vs_f[i] != 0;
      sent |= d->vs_i || d->vs_b;
      send_float_consts(device, d->vs_f, D3D9_VS_FLOAT_CONSTS,
                        (const float (*)[4])s->vs_f, FALSE);
      send_small_consts(device, &d->vs_i, (const int (*)[4])s->vs_i, NULL,
                        FALSE);
      send_small_consts(device, &d->vs_b, NULL, s->vs_b, FALSE);
      if (sent)
         device->ff_vs_consts_stale = TRUE;
   }
   if (!device->ff_ps_bound) {
      BOOL sent = FALSE;
      for (unsigned i = 0; i < ARRAYSIZE(d->ps_f); i++)
         sent |= d->ps_f[i] != 0;
      sent |= d->ps_i || d->ps_b;
      send_float_consts(device, d->ps_f, D3D9_PS_FLOAT_CONSTS,
                        (const float (*)[4])s->ps_f, TRUE);
      send_small_consts(device, &d->ps_i, (const int (*)[4])s->ps_i, NULL,
                        TRUE);
      send_small_consts(device, &d->ps_b, NULL, s->ps_b, TRUE);
      if (sent)
         device->ff_ps_consts_stale = TRUE;
   }
}

void
d3d9_draw_flush_fixed_state(struct d3d9_device *device)
{
   send_fixed_state(device);
   send_resources(device);
}

/* Before a draw: with the state lock held. */
static HRESULT
prepare_draw(struct d3d9_device *device)
{
   send_fixed_state(device);
   send_resources(device);
   HRESULT hr = send_shaders(device);
   if (FAILED(hr))
      return hr;
   send_constants(device);
   send_clip_planes(device);
   /* Transforms, lights and the material are the generated vertex
    * shader's business: it reads them from the state itself. */
   memset(device->dirty.transforms, 0, sizeof(device->dirty.transforms));
   device->dirty.lights = device->dirty.material = FALSE;
   return D3D_OK;
}

static BOOL
vertex_count(D3DPRIMITIVETYPE type, UINT primitives, UINT *count)
{
   switch (type) {
   case D3DPT_POINTLIST: *count = primitives; return TRUE;
   case D3DPT_LINELIST: *count = primitives * 2; return TRUE;
   case D3DPT_LINESTRIP: *count = primitives + 1; return TRUE;
   case D3DPT_TRIANGLELIST: *count = primitives * 3; return TRUE;
   case D3DPT_TRIANGLESTRIP:
   case D3DPT_TRIANGLEFAN: *count = primitives + 2; return TRUE;
   default: return FALSE;
   }
}

static HRESULT
draw_result(HRESULT hr)
{
   return FAILED(hr) ? D3DERR_INVALIDCALL : D3D_OK;
}

HRESULT WINAPI
d3d9_device_DrawPrimitive(IDirect3DDevice9Ex *iface, D3DPRIMITIVETYPE type,
                          UINT start_vertex, UINT primitive_count)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   UINT n;

   if (!vertex_count(type, primitive_count, &n))
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   HRESULT hr = D3DERR_INVALIDCALL;
   if (device->state.decl) {
      hr = prepare_draw(device);
      if (SUCCEEDED(hr) && primitive_count) {
         D3DDDIARG_DRAWPRIMITIVE a = { type, start_vertex, primitive_count };
         hr = device->funcs.pfnDrawPrimitive(device->hdevice, &a, NULL);
      }
   }
   d3d9_state_unlock(device);
   return draw_result(hr);
}

HRESULT WINAPI
d3d9_device_DrawIndexedPrimitive(IDirect3DDevice9Ex *iface,
                                 D3DPRIMITIVETYPE type, INT base_vertex,
                                 UINT min_index, UINT num_vertices,
                                 UINT start_index, UINT primitive_count)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   UINT n;

   if (!vertex_count(type, primitive_count, &n))
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   HRESULT hr = D3DERR_INVALIDCALL;
   if (device->state.decl && device->state.indices) {
      hr = prepare_draw(device);
      if (SUCCEEDED(hr) && primitive_count) {
         D3DDDIARG_DRAWINDEXEDPRIMITIVE a = { type, base_vertex, min_index,
                                              num_vertices, start_index,
                                              primitive_count };
         hr = device->funcs.pfnDrawIndexedPrimitive(device->hdevice, &a);
      }
   }
   d3d9_state_unlock(device);
   return draw_result(hr);
}

/* After a *UP draw: stream 0 (and the indices) are unset, as in D3D9;
 * the driver hears of it at the next draw. */
static void
unset_user_streams(struct d3d9_device *device, BOOL indices)
{
   struct d3d9_state *s = &device->state;
   D3D9_STATE_BIND(s->streams[0].buffer, NULL);
   s->streams[0].offset = s->streams[0].stride = 0;
   device->dirty.streams |= 1;
   if (indices) {
      D3D9_STATE_BIND(s->indices, NULL);
      device->dirty.indices = TRUE;
   }
}

HRESULT WINAPI
d3d9_device_DrawPrimitiveUP(IDirect3DDevice9Ex *iface, D3DPRIMITIVETYPE type,
                            UINT primitive_count, const void *data,
                            UINT stride)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   UINT n;

   if (!stride || !vertex_count(type, primitive_count, &n))
      return D3DERR_INVALIDCALL;
   if (!primitive_count)
      return D3D_OK;
   if (!data)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   HRESULT hr = D3DERR_INVALIDCALL;
   if (device->state.decl) {
      device->dirty.streams &= ~1u;
      hr = prepare_draw(device);
      if (SUCCEEDED(hr)) {
         D3DDDIARG_SETSTREAMSOURCEUM um = { 0, stride };
         hr = device->funcs.pfnSetStreamSourceUm(device->hdevice, &um, data);
      }
      if (SUCCEEDED(hr)) {
         D3DDDIARG_DRAWPRIMITIVE a = { type, 0, primitive_count };
         hr = device->funcs.pfnDrawPrimitive(device->hdevice, &a, NULL);
      }
      unset_user_streams(device, FALSE);
   }
   d3d9_state_unlock(device);
   return draw_result(hr);
}

HRESULT WINAPI
d3d9_device_DrawIndexedPrimitiveUP(IDirect3DDevice9Ex *iface,
                                   D3DPRIMITIVETYPE type, UINT min_index,
                                   UINT num_vertices, UINT primitive_count,
                                   const void *indices, D3DFORMAT format,
                                   const void *data, UINT stride)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   UINT n;

   if (!stride || !vertex_count(type, primitive_count, &n))
      return D3DERR_INVALIDCALL;
   if (!primitive_count)
      return D3D_OK;
   if (!data || !indices ||
       (format != D3DFMT_INDEX16 && format != D3DFMT_INDEX32))
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   HRESULT hr = D3DERR_INVALIDCALL;
   if (device->state.decl) {
      device->dirty.streams &= ~1u;
      device->dirty.indices = FALSE;
      hr = prepare_draw(device);
      if (SUCCEEDED(hr)) {
         D3DDDIARG_SETSTREAMSOURCEUM um = { 0, stride };
         hr = device->funcs.pfnSetStreamSourceUm(device->hdevice, &um, data);
      }
      if (SUCCEEDED(hr))
         hr = device->funcs.pfnSetIndicesUm(
            device->hdevice, format == D3DFMT_INDEX32 ? 4 : 2, indices);
      if (SUCCEEDED(hr)) {
         D3DDDIARG_DRAWINDEXEDPRIMITIVE a = { type, 0, min_index,
                                              num_vertices, 0,
                                              primitive_count };
         hr = device->funcs.pfnDrawIndexedPrimitive(device->hdevice, &a);
      }
      unset_user_streams(device, TRUE);
   }
   d3d9_state_unlock(device);
   return draw_result(hr);
}

/* The passes the driver needs for the current stage and sampler states;
 * what it answers comes back unchanged. */
HRESULT WINAPI
d3d9_device_ValidateDevice(IDirect3DDevice9Ex *iface, DWORD *pass_count)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!pass_count)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   send_fixed_state(device);
   D3DDDIARG_VALIDATETEXTURESTAGESTATE a = { 0 };
   HRESULT hr = device->funcs.pfnValidateDevice(device->hdevice, &a);
   d3d9_state_unlock(device);
   *pass_count = SUCCEEDED(hr) ? a.NumPasses : 0;
   return hr;
}

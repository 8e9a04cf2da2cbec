/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Render states, sampler states, textures, viewport, depth range, scissor
 * and clip planes: the setters record D3D9 values and mark state groups
 * dirty (d3dumd_render.h); d3dumd_state_commit turns the dirty groups into
 * Gallium state through cso_context at the next draw or clear.
 */

#include <string.h>

#include "d3dumd_backing.h"
#include "d3dumd_format_names.h"

#include "cso_cache/cso_context.h"
#include "pipe/p_context.h"
#include "pipe/p_screen.h"
#include "util/format/u_format.h"
#include "util/u_inlines.h"
#include "util/bitscan.h"
#include "util/u_math.h"
#include "util/u_sampler.h"

static inline float
dword_as_float(DWORD v)
{
   return uif(v);
}

/* D3D9's defaults (the SDK's per-state documentation; the runtime sends
 * its own values after CreateDevice, these only make a device that never
 * got them behave like D3D9's). */
static void
state_defaults(struct d3dumd_state *st)
{
   DWORD *rs = st->rs;

   rs[D3DRS_ZENABLE] = D3DZB_FALSE;
   rs[D3DRS_FILLMODE] = D3DFILL_SOLID;
   rs[D3DRS_SHADEMODE] = D3DSHADE_GOURAUD;
   rs[D3DRS_ZWRITEENABLE] = TRUE;
   rs[D3DRS_LASTPIXEL] = TRUE;
   rs[D3DRS_SRCBLEND] = D3DBLEND_ONE;
   rs[D3DRS_DESTBLEND] = D3DBLEND_ZERO;
   rs[D3DRS_CULLMODE] = D3DCULL_CCW;
   rs[D3DRS_ZFUNC] = D3DCMP_LESSEQUAL;
   rs[D3DRS_ALPHAFUNC] = D3DCMP_ALWAYS;
   rs[D3DRS_FOGEND] = fui(1.0f);
   rs[D3DRS_FOGDENSITY] = fui(1.0f);
   rs[D3DRS_STENCILFAIL] = D3DSTENCILOP_KEEP;
   rs[D3DRS_STENCILZFAIL] = D3DSTENCILOP_KEEP;
   rs[D3DRS_STENCILPASS] = D3DSTENCILOP_KEEP;
   rs[D3DRS_STENCILFUNC] = D3DCMP_ALWAYS;
   rs[D3DRS_STENCILMASK] = 0xffffffff;
   rs[D3DRS_STENCILWRITEMASK] = 0xffffffff;
   rs[D3DRS_TEXTUREFACTOR] = 0xffffffff;
   rs[D3DRS_CLIPPING] = TRUE;
   rs[D3DRS_LIGHTING] = TRUE;
   rs[D3DRS_COLORVERTEX] = TRUE;
   rs[D3DRS_LOCALVIEWER] = TRUE;
   rs[D3DRS_DIFFUSEMATERIALSOURCE] = D3DMCS_COLOR1;
   rs[D3DRS_SPECULARMATERIALSOURCE] = D3DMCS_COLOR2;
   rs[D3DRS_POINTSIZE] = fui(1.0f);
   rs[D3DRS_POINTSIZE_MIN] = fui(1.0f);
   rs[D3DRS_POINTSCALE_A] = fui(1.0f);
   rs[D3DRS_MULTISAMPLEANTIALIAS] = TRUE;
   rs[D3DRS_MULTISAMPLEMASK] = 0xffffffff;
   rs[D3DRS_POINTSIZE_MAX] = fui(64.0f);
   rs[D3DRS_COLORWRITEENABLE] = 0xf;
   rs[D3DRS_BLENDOP] = D3DBLENDOP_ADD;
   rs[D3DRS_POSITIONDEGREE] = D3DDEGREE_CUBIC;
   rs[D3DRS_NORMALDEGREE] = D3DDEGREE_LINEAR;
   rs[D3DRS_MINTESSELLATIONLEVEL] = fui(1.0f);
   rs[D3DRS_MAXTESSELLATIONLEVEL] = fui(1.0f);
   rs[D3DRS_ADAPTIVETESS_Z] = fui(1.0f);
   rs[D3DRS_CCW_STENCILFAIL] = D3DSTENCILOP_KEEP;
   rs[D3DRS_CCW_STENCILZFAIL] = D3DSTENCILOP_KEEP;
   rs[D3DRS_CCW_STENCILPASS] = D3DSTENCILOP_KEEP;
   rs[D3DRS_CCW_STENCILFUNC] = D3DCMP_ALWAYS;
   rs[D3DRS_COLORWRITEENABLE1] = 0xf;
   rs[D3DRS_COLORWRITEENABLE2] = 0xf;
   rs[D3DRS_COLORWRITEENABLE3] = 0xf;
   rs[D3DRS_BLENDFACTOR] = 0xffffffff;
   rs[D3DRS_SRCBLENDALPHA] = D3DBLEND_ONE;
   rs[D3DRS_DESTBLENDALPHA] = D3DBLEND_ZERO;
   rs[D3DRS_BLENDOPALPHA] = D3DBLENDOP_ADD;

   for (unsigned s = 0; s < D3DUMD_SAMPLER_SLOTS; s++) {
      DWORD *tss = st->tss[s];
      tss[D3DDDITSS_ADDRESSU] = D3DTADDRESS_WRAP;
      tss[D3DDDITSS_ADDRESSV] = D3DTADDRESS_WRAP;
      tss[D3DDDITSS_ADDRESSW] = D3DTADDRESS_WRAP;
      tss[D3DDDITSS_MAGFILTER] = D3DTEXF_POINT;
      tss[D3DDDITSS_MINFILTER] = D3DTEXF_POINT;
      tss[D3DDDITSS_MIPFILTER] = D3DTEXF_NONE;
      tss[D3DDDITSS_MAXANISOTROPY] = 1;
      tss[D3DDDITSS_TEXCOORDINDEX] = s;
   }
   st->min_z = 0.0f;
   st->max_z = 1.0f;
   st->dirty = D3DUMD_DIRTY_ALL;
}

void
d3dumd_state_init(struct d3dumd_device *dev)
{
   memset(&dev->state, 0, sizeof(dev->state));
   state_defaults(&dev->state);
}

static void
release_view(struct d3dumd_state *st, unsigned slot)
{
   pipe_sampler_view_reference(&st->view[slot], NULL);
   st->view_pres[slot] = NULL;
}

void
d3dumd_state_fini(struct d3dumd_device *dev)
{
   struct d3dumd_state *st = &dev->state;

   for (unsigned i = 0; i < D3DUMD_SAMPLER_SLOTS; i++)
      release_view(st, i);
   for (unsigned i = 0; i < D3DUMD_MAX_RENDER_TARGETS; i++)
      d3dumd_target_release(dev, &st->rt[i]);
   d3dumd_target_release(dev, &st->zs);
}

/* A resource is going away: nothing may keep pointing at it. */
void
d3dumd_state_unbind_resource(struct d3dumd_device *dev,
                             struct d3dumd_resource *res)
{
   struct d3dumd_state *st = &dev->state;

   for (unsigned i = 0; i < D3DUMD_SAMPLER_SLOTS; i++) {
      if (st->texture[i] == res) {
         st->texture[i] = NULL;
         st->texture_mask &= ~(1u << i);
         release_view(st, i);
         st->dirty |= D3DUMD_DIRTY_TEXTURES;
      }
   }
   for (unsigned i = 0; i < D3DUMD_MAX_RENDER_TARGETS; i++) {
      if (st->rt[i].res == res) {
         d3dumd_target_release(dev, &st->rt[i]);
         st->rt[i].res = NULL;
         st->dirty |= D3DUMD_DIRTY_FB;
      }
   }
   if (st->zs.res == res) {
      d3dumd_target_release(dev, &st->zs);
      st->zs.res = NULL;
      st->dirty |= D3DUMD_DIRTY_FB | D3DUMD_DIRTY_DSA;
   }
   for (unsigned i = 0; i < D3DUMD_MAX_STREAMS; i++) {
      if (st->stream[i].res == res) {
         st->stream[i].res = NULL;
         st->stream_res_mask &= ~(1u << i);
         st->stream_sysmem_mask &= ~(1u << i);
         st->stream_pres[i] = NULL;
         st->dirty |= D3DUMD_DIRTY_VB;
      }
   }
   if (st->ib == res)
      st->ib = NULL;
}

/*
 * SetRenderState.  Which state group each render state feeds; states a
 * shader-model-3 driver never receives (fixed-function transform and
 * lighting, converting-the-direct3d-fixed-function-state.md) and states
 * without a Gallium counterpart are kept and do nothing.
 */
static uint32_t
render_state_dirty(D3DRENDERSTATETYPE state)
{
   switch (state) {
   case D3DRS_ZENABLE:
      /* And the pixel shader variant: D3DZB_USEW makes table fog w-based
       * (d3dumd_shader_key::fog_w). */
      return D3DUMD_DIRTY_DSA | D3DUMD_DIRTY_RAST | D3DUMD_DIRTY_PS;
   case D3DRS_ALPHATESTENABLE:
   case D3DRS_ALPHAFUNC:
      /* And the pixel shader variant where the driver has no alpha test. */
      return D3DUMD_DIRTY_DSA | D3DUMD_DIRTY_PS;
   case D3DRS_ALPHAREF:
      return D3DUMD_DIRTY_DSA | D3DUMD_DIRTY_PS_CONST1;
   case D3DRS_ZWRITEENABLE:
   case D3DRS_ZFUNC:
   case D3DRS_STENCILENABLE:
   case D3DRS_STENCILFAIL:
   case D3DRS_STENCILZFAIL:
   case D3DRS_STENCILPASS:
   case D3DRS_STENCILFUNC:
   case D3DRS_STENCILMASK:
   case D3DRS_STENCILWRITEMASK:
   case D3DRS_TWOSIDEDSTENCILMODE:
   case D3DRS_CCW_STENCILFAIL:
   case D3DRS_CCW_STENCILZFAIL:
   case D3DRS_CCW_STENCILPASS:
   case D3DRS_CCW_STENCILFUNC:
      return D3DUMD_DIRTY_DSA;
   case D3DRS_STENCILREF:
      return D3DUMD_DIRTY_STENCIL_REF;
   case D3DRS_SRCBLEND:
   case D3DRS_DESTBLEND:
   case D3DRS_ALPHABLENDENABLE:
   case D3DRS_BLENDOP:
   case D3DRS_SEPARATEALPHABLENDENABLE:
   case D3DRS_SRCBLENDALPHA:
   case D3DRS_DESTBLENDALPHA:
   case D3DRS_BLENDOPALPHA:
   case D3DRS_COLORWRITEENABLE:
   case D3DRS_COLORWRITEENABLE1:
   case D3DRS_COLORWRITEENABLE2:
   case D3DRS_COLORWRITEENABLE3:
   case D3DRS_DITHERENABLE:
      return D3DUMD_DIRTY_BLEND;
   case D3DRS_BLENDFACTOR:
      return D3DUMD_DIRTY_BLEND_COLOR;
   case D3DRS_SRGBWRITEENABLE:
      return D3DUMD_DIRTY_FB;
   case D3DRS_SHADEMODE:
      return D3DUMD_DIRTY_RAST | D3DUMD_DIRTY_PS;
   case D3DRS_FOGENABLE:
   case D3DRS_FOGTABLEMODE:
      return D3DUMD_DIRTY_PS;
   case D3DRS_FOGCOLOR:
   case D3DRS_FOGSTART:
   case D3DRS_FOGEND:
   case D3DRS_FOGDENSITY:
      return D3DUMD_DIRTY_PS_CONST1;
   case D3DRS_FILLMODE:
   case D3DRS_LASTPIXEL:
   case D3DRS_CULLMODE:
   case D3DRS_SCISSORTESTENABLE:
   case D3DRS_SLOPESCALEDEPTHBIAS:
   case D3DRS_DEPTHBIAS:
   case D3DRS_ANTIALIASEDLINEENABLE:
   case D3DRS_MULTISAMPLEANTIALIAS:
      return D3DUMD_DIRTY_RAST;
   case D3DRS_POINTSIZE:
   case D3DRS_POINTSIZE_MIN:
   case D3DRS_POINTSIZE_MAX:
      /* The rasteriser's size, and the vertex shaders' clamp of oPts
       * (constant buffer 1). */
      return D3DUMD_DIRTY_RAST | D3DUMD_DIRTY_VS_CONST1;
   case D3DRS_POINTSPRITEENABLE:
      /* Sprite coordinates are a pixel shader variant
       * (d3dumd_shader_key::point_sprite). */
      return D3DUMD_DIRTY_RAST | D3DUMD_DIRTY_PS;
   case D3DRS_CLIPPING:
      return D3DUMD_DIRTY_RAST | D3DUMD_DIRTY_VS;
   case D3DRS_CLIPPLANEENABLE:
      return D3DUMD_DIRTY_RAST | D3DUMD_DIRTY_CLIP | D3DUMD_DIRTY_VS;
   case D3DRS_MULTISAMPLEMASK:
      return D3DUMD_DIRTY_SAMPLE_MASK;
   default:
      return 0;
   }
}

static HRESULT APIENTRY
d3dumd_SetRenderState(HANDLE hDevice, const D3DDDIARG_RENDERSTATE *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "State=%u Value=0x%x", pData->State, pData->Value);

   /* Unknown states: logged and ignored (the runtime may send states of
    * later DDI versions or private ones). */
   if ((unsigned)pData->State >= D3DUMD_RS_COUNT) {
      d3dumd_log(debug, D3DUMD_DEBUG_USER, __func__,
                 "unknown render state %u ignored", pData->State);
      return S_OK;
   }
   /* AMD's RESZ code is a command, not a point size (d3dumd_blt.c). */
   if (pData->State == D3DRS_POINTSIZE && pData->Value == D3DUMD_RESZ_CODE) {
      d3dumd_resz_resolve(dev);
      return S_OK;
   }
   struct d3dumd_state *st = &dev->state;
   if (st->rs[pData->State] != pData->Value) {
      st->rs[pData->State] = pData->Value;
      st->dirty |= render_state_dirty(pData->State);
   }
   return S_OK;
}

/* SetTextureStageState's and SetTexture's stage: 0-15, 256-260
 * (DESIGN.md, "Rendering: rules"), or -1. */
static int
sampler_slot(UINT stage)
{
   if (stage < D3DUMD_PS_SAMPLERS)
      return stage;
   if (stage >= D3DDDI_DMAPSAMPLER &&
       stage < D3DDDI_VERTEXTEXTURESAMPLER0 + D3DUMD_VS_SAMPLERS)
      return D3DUMD_DMAP_SLOT + (stage - D3DDDI_DMAPSAMPLER);
   return -1;
}

static HRESULT APIENTRY
d3dumd_SetTextureStageState(HANDLE hDevice,
                            const D3DDDIARG_TEXTURESTAGESTATE *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "Stage=%u State=%u Value=0x%x", pData->Stage,
                pData->State, pData->Value);
   const int slot = sampler_slot(pData->Stage);
   d3dumd_check(debug, slot >= 0, E_FAIL);
   if ((unsigned)pData->State >= D3DUMD_TSS_COUNT) {
      d3dumd_log(debug, D3DUMD_DEBUG_USER, __func__,
                 "unknown texture stage state %u ignored", pData->State);
      return S_OK;
   }
   struct d3dumd_state *st = &dev->state;
   if (st->tss[slot][pData->State] == pData->Value)
      return S_OK;
   st->tss[slot][pData->State] = pData->Value;
   switch (pData->State) {
   case D3DDDITSS_ADDRESSU:
   case D3DDDITSS_ADDRESSV:
   case D3DDDITSS_ADDRESSW:
   case D3DDDITSS_BORDERCOLOR:
   case D3DDDITSS_MAGFILTER:
   case D3DDDITSS_MINFILTER:
   case D3DDDITSS_MIPFILTER:
   case D3DDDITSS_MIPMAPLODBIAS:
   case D3DDDITSS_MAXMIPLEVEL:
   case D3DDDITSS_MAXANISOTROPY:
      st->dirty |= D3DUMD_DIRTY_SAMPLERS;
      break;
   case D3DDDITSS_SRGBTEXTURE:
      st->dirty |= D3DUMD_DIRTY_TEXTURES;
      break;
   case D3DDDITSS_BUMPENVMAT00:
   case D3DDDITSS_BUMPENVMAT01:
   case D3DDDITSS_BUMPENVMAT10:
   case D3DDDITSS_BUMPENVMAT11:
   case D3DDDITSS_BUMPENVLSCALE:
   case D3DDDITSS_BUMPENVLOFFSET:
      /* Pixel shaders read them from constant buffer 1 (texbem, bem). */
      st->dirty |= D3DUMD_DIRTY_PS_CONST1;
      break;
   case D3DDDITSS_TEXTURETRANSFORMFLAGS:
      /* D3DTTFF_PROJECTED is in ps_1_1-1_3 variant keys. */
      st->dirty |= D3DUMD_DIRTY_PS;
      break;
   default:
      break;
   }
   return S_OK;
}

static HRESULT APIENTRY
d3dumd_SetTexture(HANDLE hDevice, UINT Stage, HANDLE hTexture)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   D3DUMD_TRACE(debug, "Stage=%u hTexture=%p", Stage, hTexture);
   const int slot = sampler_slot(Stage);
   d3dumd_check(debug, slot >= 0, E_FAIL);
   struct d3dumd_resource *res = NULL;
   if (hTexture) {
      res = d3dumd_device_resource(dev, hTexture);
      d3dumd_check(debug, res, E_FAIL);
      d3dumd_check(debug, !res->is_buffer && !res->sysmem, E_FAIL);
   }
   struct d3dumd_state *st = &dev->state;
   struct d3dumd_resource *old = st->texture[slot];
   if (old != res) {
      st->texture[slot] = res;
      if (res)
         st->texture_mask |= 1u << slot;
      else
         st->texture_mask &= ~(1u << slot);
      st->dirty |= D3DUMD_DIRTY_TEXTURES;
      /* The shader variant keys hold the texture types (ps_1_x) and
       * shadow comparison; the sampler states the comparison too. */
      const bool shadow = res && d3dumd_is_shadow_texture(res);
      const bool was_shadow = old && d3dumd_is_shadow_texture(old);
      if (!old || !res || old->target != res->target || shadow != was_shadow)
         st->dirty |= D3DUMD_DIRTY_PS | D3DUMD_DIRTY_VS;
      if (shadow != was_shadow)
         st->dirty |= D3DUMD_DIRTY_SAMPLERS;
   }
   return S_OK;
}

static HRESULT APIENTRY
d3dumd_SetViewport(HANDLE hDevice, const D3DDDIARG_VIEWPORTINFO *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "X=%u Y=%u Width=%u Height=%u", pData->X, pData->Y,
                pData->Width, pData->Height);
   dev->state.viewport = *pData;
   /* The vertex shaders' pixel offset depends on the size. */
   dev->state.dirty |= D3DUMD_DIRTY_VIEWPORT | D3DUMD_DIRTY_VS_CONST1;
   return S_OK;
}

static HRESULT APIENTRY
d3dumd_SetZRange(HANDLE hDevice, const D3DDDIARG_ZRANGE *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "MinZ=%f MaxZ=%f", pData->MinZ, pData->MaxZ);
   /* An empty or inverted range is never empty on Windows' drivers: the
    * far value is at least MinZ + 0.001 (Wine's test_viewport, wined3d
    * does the same). */
   dev->state.min_z = pData->MinZ;
   dev->state.max_z = MAX2(pData->MaxZ, pData->MinZ + 0.001f);
   dev->state.dirty |= D3DUMD_DIRTY_VIEWPORT;
   return S_OK;
}

static HRESULT APIENTRY
d3dumd_SetScissorRect(HANDLE hDevice, const RECT *pRect)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pRect, E_FAIL);
   D3DUMD_TRACE(debug, "(%d,%d)-(%d,%d)", pRect->left, pRect->top,
                pRect->right, pRect->bottom);
   dev->state.scissor = *pRect;
   dev->state.dirty |= D3DUMD_DIRTY_SCISSOR;
   return S_OK;
}

static HRESULT APIENTRY
d3dumd_SetClipPlane(HANDLE hDevice, const D3DDDIARG_SETCLIPPLANE *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   d3dumd_check(debug, pData->Index < D3DUMD_MAX_CLIP_PLANES, E_FAIL);
   memcpy(dev->state.clip_plane[pData->Index], pData->Plane,
          sizeof(pData->Plane));
   dev->state.dirty |= D3DUMD_DIRTY_CLIP | D3DUMD_DIRTY_VS_CONST1;
   return S_OK;
}

/* ValidateDevice: every state combination the driver accepts renders in
 * one pass. */
static HRESULT APIENTRY
d3dumd_ValidateDevice(HANDLE hDevice,
                      D3DDDIARG_VALIDATETEXTURESTAGESTATE *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   d3dumd_check(dev->adapter->debug, pData, E_FAIL);
   pData->NumPasses = 1;
   return S_OK;
}

/* Conversions.  Values outside the enumerations give the state's
 * default rather than garbage bits. */

/* Whether a texture samples with depth comparison: a depth format, but
 * not one of those read as values (INTZ, DF16, DF24). */
bool
d3dumd_is_shadow_texture(const struct d3dumd_resource *res)
{
   return util_format_has_depth(util_format_description(res->pformat)) &&
          !d3dumd_format_is_depth_value(res->format);
}

unsigned
d3dumd_pipe_func(DWORD cmp)
{
   /* D3DCMP_NEVER..ALWAYS are PIPE_FUNC_NEVER..ALWAYS plus one. */
   return cmp >= D3DCMP_NEVER && cmp <= D3DCMP_ALWAYS ? cmp - 1
                                                      : PIPE_FUNC_ALWAYS;
}

static unsigned
pipe_stencil_op(DWORD op)
{
   switch (op) {
   case D3DSTENCILOP_ZERO:    return PIPE_STENCIL_OP_ZERO;
   case D3DSTENCILOP_REPLACE: return PIPE_STENCIL_OP_REPLACE;
   case D3DSTENCILOP_INCRSAT: return PIPE_STENCIL_OP_INCR;
   case D3DSTENCILOP_DECRSAT: return PIPE_STENCIL_OP_DECR;
   case D3DSTENCILOP_INVERT:  return PIPE_STENCIL_OP_INVERT;
   case D3DSTENCILOP_INCR:    return PIPE_STENCIL_OP_INCR_WRAP;
   case D3DSTENCILOP_DECR:    return PIPE_STENCIL_OP_DECR_WRAP;
   default:                   return PIPE_STENCIL_OP_KEEP;
   }
}

static unsigned
pipe_blend_factor(DWORD f)
{
   switch (f) {
   case D3DBLEND_ZERO:           return PIPE_BLENDFACTOR_ZERO;
   case D3DBLEND_SRCCOLOR:       return PIPE_BLENDFACTOR_SRC_COLOR;
   case D3DBLEND_INVSRCCOLOR:    return PIPE_BLENDFACTOR_INV_SRC_COLOR;
   case D3DBLEND_SRCALPHA:       return PIPE_BLENDFACTOR_SRC_ALPHA;
   case D3DBLEND_INVSRCALPHA:    return PIPE_BLENDFACTOR_INV_SRC_ALPHA;
   case D3DBLEND_DESTALPHA:      return PIPE_BLENDFACTOR_DST_ALPHA;
   case D3DBLEND_INVDESTALPHA:   return PIPE_BLENDFACTOR_INV_DST_ALPHA;
   case D3DBLEND_DESTCOLOR:      return PIPE_BLENDFACTOR_DST_COLOR;
   case D3DBLEND_INVDESTCOLOR:   return PIPE_BLENDFACTOR_INV_DST_COLOR;
   case D3DBLEND_SRCALPHASAT:    return PIPE_BLENDFACTOR_SRC_ALPHA_SATURATE;
   case D3DBLEND_BLENDFACTOR:    return PIPE_BLENDFACTOR_CONST_COLOR;
   case D3DBLEND_INVBLENDFACTOR: return PIPE_BLENDFACTOR_INV_CONST_COLOR;
   case D3DBLEND_SRCCOLOR2:      return PIPE_BLENDFACTOR_SRC1_COLOR;
   case D3DBLEND_INVSRCCOLOR2:   return PIPE_BLENDFACTOR_INV_SRC1_COLOR;
   default:                      return PIPE_BLENDFACTOR_ONE;
   }
}

/* The alpha channel's version of a factor: colour factors read alpha. */
static unsigned
pipe_alpha_factor(DWORD f)
{
   switch (f) {
   case D3DBLEND_SRCCOLOR:       return PIPE_BLENDFACTOR_SRC_ALPHA;
   case D3DBLEND_INVSRCCOLOR:    return PIPE_BLENDFACTOR_INV_SRC_ALPHA;
   case D3DBLEND_DESTCOLOR:      return PIPE_BLENDFACTOR_DST_ALPHA;
   case D3DBLEND_INVDESTCOLOR:   return PIPE_BLENDFACTOR_INV_DST_ALPHA;
   case D3DBLEND_SRCALPHASAT:    return PIPE_BLENDFACTOR_ONE;
   case D3DBLEND_BLENDFACTOR:    return PIPE_BLENDFACTOR_CONST_ALPHA;
   case D3DBLEND_INVBLENDFACTOR: return PIPE_BLENDFACTOR_INV_CONST_ALPHA;
   case D3DBLEND_SRCCOLOR2:      return PIPE_BLENDFACTOR_SRC1_ALPHA;
   case D3DBLEND_INVSRCCOLOR2:   return PIPE_BLENDFACTOR_INV_SRC1_ALPHA;
   default:                      return pipe_blend_factor(f);
   }
}

static unsigned
pipe_blend_func(DWORD op)
{
   switch (op) {
   case D3DBLENDOP_SUBTRACT:    return PIPE_BLEND_SUBTRACT;
   case D3DBLENDOP_REVSUBTRACT: return PIPE_BLEND_REVERSE_SUBTRACT;
   case D3DBLENDOP_MIN:         return PIPE_BLEND_MIN;
   case D3DBLENDOP_MAX:         return PIPE_BLEND_MAX;
   default:                     return PIPE_BLEND_ADD;
   }
}

/* D3DBLEND_BOTHSRCALPHA / BOTHINVSRCALPHA set the destination factor as
 * well (the source's inverse), overriding DESTBLEND. */
static void
blend_factors(DWORD src, DWORD dst, bool alpha, unsigned *psrc,
              unsigned *pdst)
{
   if (src == D3DBLEND_BOTHSRCALPHA) {
      src = D3DBLEND_SRCALPHA;
      dst = D3DBLEND_INVSRCALPHA;
   } else if (src == D3DBLEND_BOTHINVSRCALPHA) {
      src = D3DBLEND_INVSRCALPHA;
      dst = D3DBLEND_SRCALPHA;
   }
   *psrc = alpha ? pipe_alpha_factor(src) : pipe_blend_factor(src);
   *pdst = alpha ? pipe_alpha_factor(dst) : pipe_blend_factor(dst);
}

static void
commit_blend(struct d3dumd_device *dev)
{
   const DWORD *rs = dev->state.rs;
   struct pipe_blend_state blend;

   memset(&blend, 0, sizeof(blend));
   blend.dither = !!rs[D3DRS_DITHERENABLE];
   const DWORD masks[D3DUMD_MAX_RENDER_TARGETS] = {
      rs[D3DRS_COLORWRITEENABLE], rs[D3DRS_COLORWRITEENABLE1],
      rs[D3DRS_COLORWRITEENABLE2], rs[D3DRS_COLORWRITEENABLE3],
   };
   struct pipe_rt_blend_state rt;
   memset(&rt, 0, sizeof(rt));
   if (rs[D3DRS_ALPHABLENDENABLE]) {
      rt.blend_enable = 1;
      unsigned s, d;
      blend_factors(rs[D3DRS_SRCBLEND], rs[D3DRS_DESTBLEND], false, &s, &d);
      rt.rgb_src_factor = s;
      rt.rgb_dst_factor = d;
      rt.rgb_func = pipe_blend_func(rs[D3DRS_BLENDOP]);
      if (rs[D3DRS_SEPARATEALPHABLENDENABLE]) {
         blend_factors(rs[D3DRS_SRCBLENDALPHA], rs[D3DRS_DESTBLENDALPHA],
                       true, &s, &d);
         rt.alpha_func = pipe_blend_func(rs[D3DRS_BLENDOPALPHA]);
      } else {
         blend_factors(rs[D3DRS_SRCBLEND], rs[D3DRS_DESTBLEND], true, &s,
                       &d);
         rt.alpha_func = rt.rgb_func;
      }
      rt.alpha_src_factor = s;
      rt.alpha_dst_factor = d;
   }
   /* A render target the pixel shader writes no colour to keeps its
    * contents (D3D9; Wine's multiple_rendertargets_test): Gallium leaves
    * an unwritten output undefined, so its writes are masked. */
   const struct d3dumd_shader *ps = dev->state.ps;
   const uint32_t written = ps ? ps->prog.outputs_written : 0xf;
   for (unsigned i = 0; i < D3DUMD_MAX_RENDER_TARGETS; i++) {
      blend.rt[i] = rt;
      /* D3DCOLORWRITEENABLE_RED/GREEN/BLUE/ALPHA are PIPE_MASK_R/G/B/A. */
      blend.rt[i].colormask = written & (1u << i) ? masks[i] & PIPE_MASK_RGBA
                                                  : 0;
      if (blend.rt[i].colormask != blend.rt[0].colormask)
         blend.independent_blend_enable = 1;
   }
   blend.max_rt = D3DUMD_MAX_RENDER_TARGETS - 1;
   cso_set_blend(dev->cso, &blend);
}

static void
commit_dsa(struct d3dumd_device *dev)
{
   const struct d3dumd_state *st = &dev->state;
   const DWORD *rs = st->rs;
   struct pipe_depth_stencil_alpha_state dsa;

   memset(&dsa, 0, sizeof(dsa));
   const bool has_z = st->zs.res != NULL;
   if (has_z && rs[D3DRS_ZENABLE] != D3DZB_FALSE) {
      dsa.depth_enabled = 1;
      dsa.depth_writemask = !!rs[D3DRS_ZWRITEENABLE];
      dsa.depth_func = d3dumd_pipe_func(rs[D3DRS_ZFUNC]);
   }
   if (has_z && rs[D3DRS_STENCILENABLE] &&
       util_format_has_stencil(util_format_description(st->zs.res->pformat))) {
      /* Front faces are the clockwise ones (D3D9); the CCW_* states are
       * the back faces' in two-sided mode. */
      struct pipe_stencil_state *s = &dsa.stencil[0];
      s->enabled = 1;
      s->func = d3dumd_pipe_func(rs[D3DRS_STENCILFUNC]);
      s->fail_op = pipe_stencil_op(rs[D3DRS_STENCILFAIL]);
      s->zfail_op = pipe_stencil_op(rs[D3DRS_STENCILZFAIL]);
      s->zpass_op = pipe_stencil_op(rs[D3DRS_STENCILPASS]);
      s->valuemask = rs[D3DRS_STENCILMASK] & 0xff;
      s->writemask = rs[D3DRS_STENCILWRITEMASK] & 0xff;
      if (rs[D3DRS_TWOSIDEDSTENCILMODE]) {
         struct pipe_stencil_state *b = &dsa.stencil[1];
         b->enabled = 1;
         b->func = d3dumd_pipe_func(rs[D3DRS_CCW_STENCILFUNC]);
         b->fail_op = pipe_stencil_op(rs[D3DRS_CCW_STENCILFAIL]);
         b->zfail_op = pipe_stencil_op(rs[D3DRS_CCW_STENCILZFAIL]);
         b->zpass_op = pipe_stencil_op(rs[D3DRS_CCW_STENCILPASS]);
         b->valuemask = s->valuemask;
         b->writemask = s->writemask;
      }
   }
   if (rs[D3DRS_ALPHATESTENABLE] && dev->has_alpha_test) {
      dsa.alpha_enabled = 1;
      dsa.alpha_func = d3dumd_pipe_func(rs[D3DRS_ALPHAFUNC]);
      /* ALPHAREF is 0-255 against the colour's alpha in [0, 1]. */
      dsa.alpha_ref_value = (float)(rs[D3DRS_ALPHAREF] & 0xff) / 255.0f;
   }
   cso_set_depth_stencil_alpha(dev->cso, &dsa);
}

/* The primitive of the next draw: point lists take the point sprite
 * pixel shader variant, the point size vertex shader variant and the
 * per-vertex size; other primitives keep the variants they had. */
void
d3dumd_state_set_points(struct d3dumd_device *dev, bool points)
{
   struct d3dumd_state *st = &dev->state;
   if (st->points == points)
      return;
   st->points = points;
   st->dirty |= D3DUMD_DIRTY_RAST | D3DUMD_DIRTY_VS_CONST1;
   if (st->rs[D3DRS_POINTSPRITEENABLE])
      st->dirty |= D3DUMD_DIRTY_PS;
   if (!dev->screen->get_param(dev->screen, PIPE_CAP_POINT_SIZE_FIXED))
      st->dirty |= D3DUMD_DIRTY_VS;
}

/* D3DRS_POINTSIZE within POINTSIZE_MIN, POINTSIZE_MAX and the screen's
 * limit (the MaxPointSize GetCaps reports). */
float
d3dumd_state_point_size(const struct d3dumd_device *dev)
{
   const DWORD *rs = dev->state.rs;
   const float max = MIN2(dword_as_float(rs[D3DRS_POINTSIZE_MAX]),
                          dev->screen->get_paramf(dev->screen,
                                                  PIPE_CAPF_MAX_POINT_SIZE));
   float size = MAX2(dword_as_float(rs[D3DRS_POINTSIZE]),
                     dword_as_float(rs[D3DRS_POINTSIZE_MIN]));
   size = MIN2(size, max);
   /* NaN and sizes below a pixel: a pixel. */
   return size >= 1.0f ? size : 1.0f;
}

/* Whether the framebuffer has several samples: Gallium's multisample
 * rasterisation is for those only (llvmpipe moves single-sampled points
 * by half a pixel under it), as st/mesa and Nine set it. */
static bool
fb_multisampled(const struct d3dumd_state *st)
{
   for (unsigned i = 0; i < D3DUMD_MAX_RENDER_TARGETS; i++)
      if (st->rt[i].res && st->rt[i].res->samples > 1)
         return true;
   return st->zs.res && st->zs.res->samples > 1;
}

static void
commit_rasterizer(struct d3dumd_device *dev, bool positiont)
{
   const struct d3dumd_state *st = &dev->state;
   const DWORD *rs = st->rs;
   struct pipe_rasterizer_state r;

   memset(&r, 0, sizeof(r));
   /* (Where the driver cannot, the pixel shader variant interpolates the
    * colours flat: d3dumd_shader_key::flatshade.) */
   r.flatshade = rs[D3DRS_SHADEMODE] == D3DSHADE_FLAT;
   /* D3D9 flat shading takes the first vertex's colour. */
   r.flatshade_first = 1;
   /* Clockwise front faces in window coordinates; D3DCULL_CW culls
    * clockwise triangles. */
   r.front_ccw = 0;
   switch (rs[D3DRS_CULLMODE]) {
   case D3DCULL_NONE: r.cull_face = PIPE_FACE_NONE; break;
   case D3DCULL_CW:   r.cull_face = PIPE_FACE_FRONT; break;
   default:           r.cull_face = PIPE_FACE_BACK; break;
   }
   switch (rs[D3DRS_FILLMODE]) {
   case D3DFILL_POINT:     r.fill_front = PIPE_POLYGON_MODE_POINT; break;
   case D3DFILL_WIREFRAME: r.fill_front = PIPE_POLYGON_MODE_LINE; break;
   default:                r.fill_front = PIPE_POLYGON_MODE_FILL; break;
   }
   r.fill_back = r.fill_front;
   r.scissor = !!rs[D3DRS_SCISSORTESTENABLE];
   r.multisample = rs[D3DRS_MULTISAMPLEANTIALIAS] && st->fb_multisampled;
   r.line_smooth = !!rs[D3DRS_ANTIALIASEDLINEENABLE];
   r.line_last_pixel = !!rs[D3DRS_LASTPIXEL];
   r.line_width = 1.0f;
   /* D3D9 points: squares centred on the vertex, rasterised as two
    * triangles; sprites with (0,0) at the top left.  The sprite
    * coordinates are the pixel shader's (d3dumd_shader_key::point_sprite,
    * gl_PointCoord), not sprite_coord_enable's: the shaders' texture
    * coordinates are generic varyings no driver replaces. */
   r.point_quad_rasterization = 1;
   r.sprite_coord_mode = PIPE_SPRITE_COORD_UPPER_LEFT;
   r.point_size = d3dumd_state_point_size(dev);
   /* The vertex shader's size (oPts, clamped by the shader; or
    * key.point_size) for point lists. */
   if (st->points && !positiont && st->vs)
      r.point_size_per_vertex =
         d3dumd_shader_writes_psize(&st->vs->prog) ||
         !dev->screen->get_param(dev->screen, PIPE_CAP_POINT_SIZE_FIXED);
   /* Pixel centres: Gallium's half-pixel centres, with positions moved
    * by (almost) half a pixel (D3DUMD_PIXEL_OFFSET) so that D3D9's integer
    * centres land on them; that works on every driver, where
    * half_pixel_center = 0 does not (Vulkan has none). */
   r.half_pixel_center = 1;
   r.bottom_edge_rule = 0;
   r.clip_halfz = 1;
   r.depth_clip_near = 1;
   r.depth_clip_far = 1;
   if (positiont || !rs[D3DRS_CLIPPING]) {
      /* Pre-transformed vertices are not clipped against depth. */
      r.depth_clip_near = 0;
      r.depth_clip_far = 0;
   }
   r.clip_plane_enable = rs[D3DRS_CLIPPING] && !positiont ?
                         rs[D3DRS_CLIPPLANEENABLE] & 0x3f : 0;
   /* D3D9's depth bias is in depth units: offset_units_unscaled. */
   const float bias = dword_as_float(rs[D3DRS_DEPTHBIAS]);
   const float slope = dword_as_float(rs[D3DRS_SLOPESCALEDEPTHBIAS]);
   if (bias != 0.0f || slope != 0.0f) {
      r.offset_tri = r.offset_line = r.offset_point = 1;
      r.offset_units = bias;
      r.offset_units_unscaled = 1;
      r.offset_scale = slope;
   }
   cso_set_rasterizer(dev->cso, &r);
}

/* The D3D9 viewport with its depth range, exactly: the half-pixel
 * difference between D3D9's pixel centres and Gallium's is the vertex
 * shaders' (D3DUMD_PIXEL_OFFSET), so that the viewport's edges, which
 * drivers scissor to, stay on pixel boundaries. */
static void
commit_viewport(struct d3dumd_device *dev)
{
   const struct d3dumd_state *st = &dev->state;
   const D3DDDIARG_VIEWPORTINFO *vp = &st->viewport;
   struct pipe_viewport_state v;

   v.scale[0] = vp->Width * 0.5f;
   v.scale[1] = vp->Height * -0.5f;
   v.scale[2] = st->max_z - st->min_z;
   v.translate[0] = vp->X + vp->Width * 0.5f;
   v.translate[1] = vp->Y + vp->Height * 0.5f;
   v.translate[2] = st->min_z;
   v.swizzle_x = PIPE_VIEWPORT_SWIZZLE_POSITIVE_X;
   v.swizzle_y = PIPE_VIEWPORT_SWIZZLE_POSITIVE_Y;
   v.swizzle_z = PIPE_VIEWPORT_SWIZZLE_POSITIVE_Z;
   v.swizzle_w = PIPE_VIEWPORT_SWIZZLE_POSITIVE_W;
   cso_set_viewport(dev->cso, &v);
}

static void
commit_scissor(struct d3dumd_device *dev)
{
   const RECT *r = &dev->state.scissor;
   struct pipe_scissor_state s;

   s.minx = CLAMP(r->left, 0, 0xffff);
   s.miny = CLAMP(r->top, 0, 0xffff);
   s.maxx = CLAMP(r->right, s.minx, 0xffff);
   s.maxy = CLAMP(r->bottom, s.miny, 0xffff);
   dev->pipe->set_scissor_states(dev->pipe, 0, 1, &s);
}

static unsigned
pipe_wrap(DWORD mode)
{
   switch (mode) {
   case D3DTADDRESS_MIRROR:     return PIPE_TEX_WRAP_MIRROR_REPEAT;
   case D3DTADDRESS_CLAMP:      return PIPE_TEX_WRAP_CLAMP_TO_EDGE;
   case D3DTADDRESS_BORDER:     return PIPE_TEX_WRAP_CLAMP_TO_BORDER;
   case D3DTADDRESS_MIRRORONCE: return PIPE_TEX_WRAP_MIRROR_CLAMP_TO_EDGE;
   default:                     return PIPE_TEX_WRAP_REPEAT;
   }
}

static void
sampler_state(const DWORD *tss, const struct d3dumd_resource *res,
              struct pipe_sampler_state *s)
{
   memset(s, 0, sizeof(*s));
   s->wrap_s = pipe_wrap(tss[D3DDDITSS_ADDRESSU]);
   s->wrap_t = pipe_wrap(tss[D3DDDITSS_ADDRESSV]);
   s->wrap_r = pipe_wrap(tss[D3DDDITSS_ADDRESSW]);
   s->mag_img_filter = tss[D3DDDITSS_MAGFILTER] == D3DTEXF_POINT ||
                       tss[D3DDDITSS_MAGFILTER] == D3DTEXF_NONE ?
                       PIPE_TEX_FILTER_NEAREST : PIPE_TEX_FILTER_LINEAR;
   s->min_img_filter = tss[D3DDDITSS_MINFILTER] == D3DTEXF_POINT ||
                       tss[D3DDDITSS_MINFILTER] == D3DTEXF_NONE ?
                       PIPE_TEX_FILTER_NEAREST : PIPE_TEX_FILTER_LINEAR;
   switch (tss[D3DDDITSS_MIPFILTER]) {
   case D3DTEXF_NONE:  s->min_mip_filter = PIPE_TEX_MIPFILTER_NONE; break;
   case D3DTEXF_POINT: s->min_mip_filter = PIPE_TEX_MIPFILTER_NEAREST; break;
   default:            s->min_mip_filter = PIPE_TEX_MIPFILTER_LINEAR; break;
   }
   if (tss[D3DDDITSS_MINFILTER] == D3DTEXF_ANISOTROPIC ||
       tss[D3DDDITSS_MAGFILTER] == D3DTEXF_ANISOTROPIC)
      s->max_anisotropy = CLAMP(tss[D3DDDITSS_MAXANISOTROPY], 1, 16);
   s->lod_bias = dword_as_float(tss[D3DDDITSS_MIPMAPLODBIAS]);
   if (!isfinite(s->lod_bias))
      s->lod_bias = 0.0f;
   /* MAXMIPLEVEL is the index of the largest level sampled (past the
    * last level, the last one: Gallium clamps). */
   s->min_lod = MIN2(tss[D3DDDITSS_MAXMIPLEVEL], 15);
   s->max_lod = 1000.0f;
   s->seamless_cube_map = 1;
   /* Depth textures sample with comparison (D3D9's shadow maps: the
    * coordinate's z against the texel, passing when less or equal). */
   if (res && d3dumd_is_shadow_texture(res)) {
      s->compare_mode = PIPE_TEX_COMPARE_R_TO_TEXTURE;
      s->compare_func = PIPE_FUNC_LEQUAL;
   }
   const DWORD c = tss[D3DDDITSS_BORDERCOLOR];
   s->border_color.f[0] = ((c >> 16) & 0xff) / 255.0f;
   s->border_color.f[1] = ((c >> 8) & 0xff) / 255.0f;
   s->border_color.f[2] = (c & 0xff) / 255.0f;
   s->border_color.f[3] = ((c >> 24) & 0xff) / 255.0f;
}

static void
commit_samplers(struct d3dumd_device *dev)
{
   const struct d3dumd_state *st = &dev->state;
   struct pipe_sampler_state states[D3DUMD_SAMPLER_SLOTS];
   const struct pipe_sampler_state *ps[D3DUMD_PS_SAMPLERS];
   const struct pipe_sampler_state *vs[D3DUMD_VS_SAMPLERS];

   for (unsigned i = 0; i < D3DUMD_PS_SAMPLERS; i++) {
      sampler_state(st->tss[i], st->texture[i], &states[i]);
      ps[i] = &states[i];
   }
   for (unsigned i = 0; i < D3DUMD_VS_SAMPLERS; i++) {
      const unsigned slot = D3DUMD_VS_SAMPLER_SLOT + i;
      sampler_state(st->tss[slot], st->texture[slot], &states[slot]);
      vs[i] = &states[slot];
   }
   cso_set_samplers(dev->cso, PIPE_SHADER_FRAGMENT, D3DUMD_PS_SAMPLERS, ps);
   cso_set_samplers(dev->cso, PIPE_SHADER_VERTEX, D3DUMD_VS_SAMPLERS, vs);
}


/* The sampler view of a storage, made once per storage and sRGB state
 * and kept with it (a texture change per draw binds, it creates
 * nothing). */
static struct pipe_sampler_view *
backing_view(struct d3dumd_device *dev, struct d3dumd_backing *b, bool srgb)
{
   struct pipe_sampler_view **view = &b->view[srgb];
   if (likely(*view))
      return *view;
   struct pipe_resource *pres = b->pres;
   struct pipe_sampler_view templ;
   u_sampler_view_default_template(&templ, pres, pres->format);
   if (srgb) {
      const enum pipe_format f = util_format_srgb(pres->format);
      if (f != PIPE_FORMAT_NONE &&
          dev->screen->is_format_supported(dev->screen, f, pres->target, 0, 0,
                                           PIPE_BIND_SAMPLER_VIEW))
         templ.format = f;
   }
   /* D3D9's channels where they are not Gallium's (INTZ, DF16, DF24,
    * ATI2: d3dumd_format_swizzle). */
   unsigned char swz[4];
   if (b->res && d3dumd_format_swizzle(b->res->format, swz)) {
      templ.swizzle_r = swz[0];
      templ.swizzle_g = swz[1];
      templ.swizzle_b = swz[2];
      templ.swizzle_a = swz[3];
   }
   *view = dev->pipe->create_sampler_view(dev->pipe, pres, &templ);
   return *view;
}

/* Whether the shader using SLOT declares its sampler with another type
 * than RES has.  Sampling a texture of the wrong type is undefined in
 * D3D9 (drivers return the texture, or zeros: Wine's
 * test_mismatched_sample_types); here it samples no texture, zeros,
 * rather than handing Gallium a view its shader cannot address. */
static bool
sampler_type_mismatch(const struct d3dumd_state *st, unsigned slot,
                      const struct d3dumd_resource *res)
{
   const struct d3dumd_shader *sh = st->ps;
   unsigned s = slot;
   if (slot >= D3DUMD_VS_SAMPLER_SLOT) {
      sh = st->vs;
      s = slot - D3DUMD_VS_SAMPLER_SLOT;
   }
   if (!sh || s >= D3DUMD_SM_MAX_SAMPLERS || !sh->prog.sampler_type[s])
      return false;
   const unsigned type = sh->prog.sampler_type[s];
   const enum pipe_texture_target want =
      type == 3 ? PIPE_TEXTURE_CUBE : type == 4 ? PIPE_TEXTURE_3D
                                                : PIPE_TEXTURE_2D;
   return res->target != want;
}

/* The bound textures' views: those of their storage now, so that a
 * Rename or Discard of a bound texture rebinds it. */
static void
commit_textures(struct d3dumd_device *dev)
{
   struct d3dumd_state *st = &dev->state;
   struct pipe_context *pipe = dev->pipe;

   for (unsigned slot = 0; slot < D3DUMD_SAMPLER_SLOTS; slot++) {
      struct d3dumd_resource *res = st->texture[slot];
      struct pipe_sampler_view *view = NULL;
      if (res) {
         struct d3dumd_backing *b = d3dumd_backing_for_gpu(dev, res, 0);
         if (!sampler_type_mismatch(st, slot, res))
            view = backing_view(dev, b,
                                !!st->tss[slot][D3DDDITSS_SRGBTEXTURE]);
         st->view_pres[slot] = b->pres;
      } else {
         st->view_pres[slot] = NULL;
      }
      pipe_sampler_view_reference(&st->view[slot], view);
   }
   pipe->set_sampler_views(pipe, PIPE_SHADER_FRAGMENT, 0, D3DUMD_PS_SAMPLERS,
                           0, false, st->view);
   pipe->set_sampler_views(pipe, PIPE_SHADER_VERTEX, 0, D3DUMD_VS_SAMPLERS,
                           0, false, &st->view[D3DUMD_VS_SAMPLER_SLOT]);
}

/* Textures whose storage changed since the views were made. */
static bool
textures_moved(struct d3dumd_device *dev)
{
   const struct d3dumd_state *st = &dev->state;

   u_foreach_bit(slot, st->texture_mask) {
      const struct d3dumd_resource *res = st->texture[slot];
      const struct d3dumd_backing *b = d3dumd_backing_current(res, 0);
      if (b->pres != st->view_pres[slot] || b->cached_maps)
         return true;
   }
   return false;
}

/* Every storage the next draw reads or writes is used by this batch. */
void
d3dumd_state_mark_bound_used(struct d3dumd_device *dev)
{
   const struct d3dumd_state *st = &dev->state;

   u_foreach_bit(slot, st->texture_mask)
      d3dumd_mark_used(dev, d3dumd_backing_current(st->texture[slot], 0));
   for (unsigned i = 0; i < D3DUMD_MAX_RENDER_TARGETS; i++)
      if (st->rt[i].res)
         d3dumd_mark_used(dev, d3dumd_backing_current(st->rt[i].res,
                                                      st->rt[i].sub));
   if (st->zs.res)
      d3dumd_mark_used(dev, d3dumd_backing_current(st->zs.res, st->zs.sub));
}

/* Turns the dirty D3D9 state into Gallium state before a draw (or, with
 * only the framebuffer, a clear).  False: nothing can be drawn (logged). */
bool
d3dumd_state_commit(struct d3dumd_device *dev, bool positiont)
{
   struct d3dumd_state *st = &dev->state;

   if (!d3dumd_target_commit(dev))
      return false;
   if (positiont != st->positiont) {
      st->positiont = positiont;
      st->dirty |= D3DUMD_DIRTY_RAST | D3DUMD_DIRTY_VIEWPORT;
   }
   if (textures_moved(dev))
      st->dirty |= D3DUMD_DIRTY_TEXTURES;
   /* The rasteriser's multisample bit follows the targets' samples. */
   const bool ms = fb_multisampled(st);
   if (ms != st->fb_multisampled) {
      st->fb_multisampled = ms;
      st->dirty |= D3DUMD_DIRTY_RAST;
   }
   const uint32_t dirty = st->dirty;
   if (dirty & D3DUMD_DIRTY_BLEND)
      commit_blend(dev);
   if (dirty & D3DUMD_DIRTY_DSA)
      commit_dsa(dev);
   if (dirty & D3DUMD_DIRTY_RAST)
      commit_rasterizer(dev, positiont);
   if (dirty & D3DUMD_DIRTY_VIEWPORT)
      commit_viewport(dev);
   if (dirty & D3DUMD_DIRTY_SCISSOR)
      commit_scissor(dev);
   if (dirty & D3DUMD_DIRTY_SAMPLERS)
      commit_samplers(dev);
   if (dirty & D3DUMD_DIRTY_TEXTURES)
      commit_textures(dev);
   if (dirty & D3DUMD_DIRTY_STENCIL_REF) {
      struct pipe_stencil_ref ref;
      ref.ref_value[0] = ref.ref_value[1] = st->rs[D3DRS_STENCILREF] & 0xff;
      cso_set_stencil_ref(dev->cso, ref);
   }
   if (dirty & D3DUMD_DIRTY_BLEND_COLOR) {
      struct pipe_blend_color c;
      const DWORD v = st->rs[D3DRS_BLENDFACTOR];
      c.color[0] = ((v >> 16) & 0xff) / 255.0f;
      c.color[1] = ((v >> 8) & 0xff) / 255.0f;
      c.color[2] = (v & 0xff) / 255.0f;
      c.color[3] = ((v >> 24) & 0xff) / 255.0f;
      dev->pipe->set_blend_color(dev->pipe, &c);
   }
   if (dirty & D3DUMD_DIRTY_SAMPLE_MASK)
      cso_set_sample_mask(dev->cso, st->rs[D3DRS_MULTISAMPLEMASK]);
   if (dirty & D3DUMD_DIRTY_CLIP) {
      struct pipe_clip_state clip;
      memcpy(clip.ucp, st->clip_plane, sizeof(st->clip_plane));
      memset(clip.ucp[D3DUMD_MAX_CLIP_PLANES], 0,
             sizeof(clip.ucp) - sizeof(st->clip_plane));
      dev->pipe->set_clip_state(dev->pipe, &clip);
   }
   st->dirty &= ~(D3DUMD_DIRTY_BLEND | D3DUMD_DIRTY_DSA | D3DUMD_DIRTY_RAST |
                  D3DUMD_DIRTY_VIEWPORT | D3DUMD_DIRTY_SCISSOR |
                  D3DUMD_DIRTY_SAMPLERS | D3DUMD_DIRTY_TEXTURES |
                  D3DUMD_DIRTY_STENCIL_REF | D3DUMD_DIRTY_BLEND_COLOR |
                  D3DUMD_DIRTY_SAMPLE_MASK | D3DUMD_DIRTY_CLIP);
   return true;
}

void
d3dumd_state_fill_funcs(D3DDDI_DEVICEFUNCS *funcs)
{
   funcs->pfnSetRenderState = d3dumd_SetRenderState;
   funcs->pfnSetTextureStageState = d3dumd_SetTextureStageState;
   funcs->pfnSetTexture = d3dumd_SetTexture;
   funcs->pfnSetViewport = d3dumd_SetViewport;
   funcs->pfnSetZRange = d3dumd_SetZRange;
   funcs->pfnSetScissorRect = d3dumd_SetScissorRect;
   funcs->pfnSetClipPlane = d3dumd_SetClipPlane;
   funcs->pfnValidateDevice = d3dumd_ValidateDevice;
}

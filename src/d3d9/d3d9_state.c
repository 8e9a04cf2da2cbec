/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The state cache: D3D9's default state and every Set/Get of state.
 *
 * Set* writes the state the device updates: its own, or, between
 * BeginStateBlock and EndStateBlock, the recording block's (and marks
 * what it wrote there).  Get* always reads the device's own state, and
 * MultiplyTransform always changes the device's (both as Windows does,
 * per Wine's tests).  Nothing here calls the driver: draws push the
 * device's state to the DDI.
 *
 * Validation follows Windows as Wine's d3d9 tests record it: most
 * out-of-range states and stages are ignored with D3D_OK, NULL pointers
 * and out-of-range registers, streams and clip planes answer
 * D3DERR_INVALIDCALL.
 */

#include <stdlib.h>
#include <string.h>

#include "d3d9_fvf.h"
#include "d3d9_shader.h"

/* SetLight of any index is valid; entries are indexed by the light's
 * index, so indices above this one answer E_OUTOFMEMORY. */
#define D3D9_MAX_LIGHT_INDEX 65536

/* D3DLIGHTTYPE has no value 4; Wine takes it as a parallel point light
 * and so do we (no attenuation check). */
#define D3D9_LIGHT_PARALLELPOINT 4

void
d3d9_state_lock(struct d3d9_device *device)
{
   if (device->flags & D3DCREATE_MULTITHREADED)
      EnterCriticalSection(&device->cs);
}

void
d3d9_state_unlock(struct d3d9_device *device)
{
   if (device->flags & D3DCREATE_MULTITHREADED)
      LeaveCriticalSection(&device->cs);
}

static DWORD
float_bits(float f)
{
   DWORD d;
   memcpy(&d, &f, sizeof(d));
   return d;
}

static void
set_bits(DWORD *map, unsigned start, unsigned count)
{
   for (unsigned i = start; i < start + count; i++)
      map[i / 32] |= 1u << (i % 32);
}

static void
identity(D3DMATRIX *m)
{
   memset(m, 0, sizeof(*m));
   m->_11 = m->_22 = m->_33 = m->_44 = 1.0f;
}

#define D3D9_RESZ_CODE 0x7fa05000

/* The state Set* writes and the mask it marks: the recording block's, or
 * the device's state and what the next draw sends (d3d9_draw.c). */
static struct d3d9_state *
update_state(struct d3d9_device *device, struct d3d9_state_mask **mask)
{
   if (device->recording) {
      *mask = &device->recording->changed;
      return &device->recording->state;
   }
   *mask = &device->dirty;
   return &device->state;
}

/* Sampler numbers to slots: 0-15, then D3DDMAPSAMPLER and
 * D3DVERTEXTEXTURESAMPLER0-3 at 16-20; -1 for anything else. */
static int
sampler_slot(DWORD sampler)
{
   if (sampler < D3D9_PS_SAMPLERS)
      return sampler;
   if (sampler >= D3DDMAPSAMPLER && sampler <= D3DVERTEXTEXTURESAMPLER3)
      return D3D9_PS_SAMPLERS + (sampler - D3DDMAPSAMPLER);
   return -1;
}

static BOOL
tss_valid(DWORD type)
{
   return (type >= D3DTSS_COLOROP && type <= D3DTSS_TEXCOORDINDEX) ||
          (type >= D3DTSS_BUMPENVLSCALE &&
           type <= D3DTSS_TEXTURETRANSFORMFLAGS) ||
          (type >= D3DTSS_COLORARG0 && type <= D3DTSS_RESULTARG) ||
          type == D3DTSS_CONSTANT;
}

static BOOL
transform_valid(DWORD ts)
{
   return ts == D3DTS_VIEW || ts == D3DTS_PROJECTION ||
          (ts >= D3DTS_TEXTURE0 && ts <= D3DTS_TEXTURE7) ||
          (ts >= D3DTS_WORLD && ts < D3D9_TS_COUNT);
}

/* start + count <= limit without overflow. */
static BOOL
range_ok(UINT start, UINT count, UINT limit)
{
   return start <= limit && count <= limit - start;
}

static UINT
vs_float_limit(const struct d3d9_device *device)
{
   UINT n = device->d3d9->adapter.caps.MaxVertexShaderConst;
   return n && n < D3D9_VS_FLOAT_CONSTS ? n : D3D9_VS_FLOAT_CONSTS;
}

static UINT
clip_plane_count(const struct d3d9_device *device)
{
   UINT n = device->d3d9->adapter.caps.MaxUserClipPlanes;
   return n < D3D9_CLIP_PLANES ? n : D3D9_CLIP_PLANES;
}

/* ------------------------------------------------------------------ */
/* Defaults */

void
d3d9_state_default_light(D3DLIGHT9 *light)
{
   memset(light, 0, sizeof(*light));
   light->Type = D3DLIGHT_DIRECTIONAL;
   light->Diffuse.r = light->Diffuse.g = light->Diffuse.b = 1.0f;
   light->Direction.z = 1.0f;
}

static void
default_render_states(DWORD *rs, const D3DCAPS9 *caps,
                      const D3DPRESENT_PARAMETERS *pp)
{
   rs[D3DRS_ZENABLE] = pp && pp->EnableAutoDepthStencil ? D3DZB_TRUE
                                                        : D3DZB_FALSE;
   rs[D3DRS_FILLMODE] = D3DFILL_SOLID;
   rs[D3DRS_SHADEMODE] = D3DSHADE_GOURAUD;
   rs[D3DRS_ZWRITEENABLE] = TRUE;
   rs[D3DRS_ALPHATESTENABLE] = FALSE;
   rs[D3DRS_LASTPIXEL] = TRUE;
   rs[D3DRS_SRCBLEND] = D3DBLEND_ONE;
   rs[D3DRS_DESTBLEND] = D3DBLEND_ZERO;
   rs[D3DRS_CULLMODE] = D3DCULL_CCW;
   rs[D3DRS_ZFUNC] = D3DCMP_LESSEQUAL;
   rs[D3DRS_ALPHAREF] = 0;
   rs[D3DRS_ALPHAFUNC] = D3DCMP_ALWAYS;
   rs[D3DRS_DITHERENABLE] = FALSE;
   rs[D3DRS_ALPHABLENDENABLE] = FALSE;
   rs[D3DRS_FOGENABLE] = FALSE;
   rs[D3DRS_SPECULARENABLE] = FALSE;
   rs[D3DRS_FOGCOLOR] = 0;
   rs[D3DRS_FOGTABLEMODE] = D3DFOG_NONE;
   rs[D3DRS_FOGSTART] = float_bits(0.0f);
   rs[D3DRS_FOGEND] = float_bits(1.0f);
   rs[D3DRS_FOGDENSITY] = float_bits(1.0f);
   rs[D3DRS_RANGEFOGENABLE] = FALSE;
   rs[D3DRS_STENCILENABLE] = FALSE;
   rs[D3DRS_STENCILFAIL] = D3DSTENCILOP_KEEP;
   rs[D3DRS_STENCILZFAIL] = D3DSTENCILOP_KEEP;
   rs[D3DRS_STENCILPASS] = D3DSTENCILOP_KEEP;
   rs[D3DRS_STENCILFUNC] = D3DCMP_ALWAYS;
   rs[D3DRS_STENCILREF] = 0;
   rs[D3DRS_STENCILMASK] = 0xffffffff;
   rs[D3DRS_STENCILWRITEMASK] = 0xffffffff;
   rs[D3DRS_TEXTUREFACTOR] = 0xffffffff;
   for (unsigned i = 0; i < 8; i++)
      rs[D3DRS_WRAP0 + i] = 0;
   rs[D3DRS_CLIPPING] = TRUE;
   rs[D3DRS_LIGHTING] = TRUE;
   rs[D3DRS_AMBIENT] = 0;
   rs[D3DRS_FOGVERTEXMODE] = D3DFOG_NONE;
   rs[D3DRS_COLORVERTEX] = TRUE;
   rs[D3DRS_LOCALVIEWER] = TRUE;
   rs[D3DRS_NORMALIZENORMALS] = FALSE;
   rs[D3DRS_DIFFUSEMATERIALSOURCE] = D3DMCS_COLOR1;
   rs[D3DRS_SPECULARMATERIALSOURCE] = D3DMCS_COLOR2;
   rs[D3DRS_AMBIENTMATERIALSOURCE] = D3DMCS_MATERIAL;
   rs[D3DRS_EMISSIVEMATERIALSOURCE] = D3DMCS_MATERIAL;
   rs[D3DRS_VERTEXBLEND] = D3DVBF_DISABLE;
   rs[D3DRS_CLIPPLANEENABLE] = 0;
   rs[D3DRS_POINTSIZE] = float_bits(1.0f);
   rs[D3DRS_POINTSIZE_MIN] = float_bits(1.0f);
   rs[D3DRS_POINTSPRITEENABLE] = FALSE;
   rs[D3DRS_POINTSCALEENABLE] = FALSE;
   rs[D3DRS_POINTSCALE_A] = float_bits(1.0f);
   rs[D3DRS_POINTSCALE_B] = float_bits(0.0f);
   rs[D3DRS_POINTSCALE_C] = float_bits(0.0f);
   rs[D3DRS_MULTISAMPLEANTIALIAS] = TRUE;
   rs[D3DRS_MULTISAMPLEMASK] = 0xffffffff;
   rs[D3DRS_PATCHEDGESTYLE] = D3DPATCHEDGE_DISCRETE;
   /* The value Windows reports, though no D3DDEBUGMONITORTOKENS names it. */
   rs[D3DRS_DEBUGMONITORTOKEN] = 0xbaadcafe;
   rs[D3DRS_POINTSIZE_MAX] = float_bits(caps ? caps->MaxPointSize : 1.0f);
   rs[D3DRS_INDEXEDVERTEXBLENDENABLE] = FALSE;
   rs[D3DRS_COLORWRITEENABLE] = 0x0000000f;
   rs[D3DRS_TWEENFACTOR] = float_bits(0.0f);
   rs[D3DRS_BLENDOP] = D3DBLENDOP_ADD;
   rs[D3DRS_POSITIONDEGREE] = D3DDEGREE_CUBIC;
   rs[D3DRS_NORMALDEGREE] = D3DDEGREE_LINEAR;
   rs[D3DRS_SCISSORTESTENABLE] = FALSE;
   rs[D3DRS_SLOPESCALEDEPTHBIAS] = float_bits(0.0f);
   rs[D3DRS_ANTIALIASEDLINEENABLE] = FALSE;
   rs[D3DRS_MINTESSELLATIONLEVEL] = float_bits(1.0f);
   rs[D3DRS_MAXTESSELLATIONLEVEL] = float_bits(1.0f);
   rs[D3DRS_ADAPTIVETESS_X] = float_bits(0.0f);
   rs[D3DRS_ADAPTIVETESS_Y] = float_bits(0.0f);
   rs[D3DRS_ADAPTIVETESS_Z] = float_bits(1.0f);
   rs[D3DRS_ADAPTIVETESS_W] = float_bits(0.0f);
   rs[D3DRS_ENABLEADAPTIVETESSELLATION] = FALSE;
   rs[D3DRS_TWOSIDEDSTENCILMODE] = FALSE;
   rs[D3DRS_CCW_STENCILFAIL] = D3DSTENCILOP_KEEP;
   rs[D3DRS_CCW_STENCILZFAIL] = D3DSTENCILOP_KEEP;
   rs[D3DRS_CCW_STENCILPASS] = D3DSTENCILOP_KEEP;
   rs[D3DRS_CCW_STENCILFUNC] = D3DCMP_ALWAYS;
   rs[D3DRS_COLORWRITEENABLE1] = 0x0000000f;
   rs[D3DRS_COLORWRITEENABLE2] = 0x0000000f;
   rs[D3DRS_COLORWRITEENABLE3] = 0x0000000f;
   rs[D3DRS_BLENDFACTOR] = 0xffffffff;
   rs[D3DRS_SRGBWRITEENABLE] = 0;
   rs[D3DRS_DEPTHBIAS] = float_bits(0.0f);
   for (unsigned i = 0; i < 8; i++)
      rs[D3DRS_WRAP8 + i] = 0;
   rs[D3DRS_SEPARATEALPHABLENDENABLE] = FALSE;
   rs[D3DRS_SRCBLENDALPHA] = D3DBLEND_ONE;
   rs[D3DRS_DESTBLENDALPHA] = D3DBLEND_ZERO;
   rs[D3DRS_BLENDOPALPHA] = D3DBLENDOP_ADD;
}

static void
default_stage(DWORD *tss, unsigned stage)
{
   tss[D3DTSS_COLOROP] = stage ? D3DTOP_DISABLE : D3DTOP_MODULATE;
   tss[D3DTSS_COLORARG1] = D3DTA_TEXTURE;
   tss[D3DTSS_COLORARG2] = D3DTA_CURRENT;
   tss[D3DTSS_ALPHAOP] = stage ? D3DTOP_DISABLE : D3DTOP_SELECTARG1;
   tss[D3DTSS_ALPHAARG1] = D3DTA_TEXTURE;
   tss[D3DTSS_ALPHAARG2] = D3DTA_CURRENT;
   tss[D3DTSS_BUMPENVMAT00] = float_bits(0.0f);
   tss[D3DTSS_BUMPENVMAT01] = float_bits(0.0f);
   tss[D3DTSS_BUMPENVMAT10] = float_bits(0.0f);
   tss[D3DTSS_BUMPENVMAT11] = float_bits(0.0f);
   tss[D3DTSS_TEXCOORDINDEX] = stage;
   tss[D3DTSS_BUMPENVLSCALE] = float_bits(0.0f);
   tss[D3DTSS_BUMPENVLOFFSET] = float_bits(0.0f);
   tss[D3DTSS_TEXTURETRANSFORMFLAGS] = D3DTTFF_DISABLE;
   tss[D3DTSS_COLORARG0] = D3DTA_CURRENT;
   tss[D3DTSS_ALPHAARG0] = D3DTA_CURRENT;
   tss[D3DTSS_RESULTARG] = D3DTA_CURRENT;
   tss[D3DTSS_CONSTANT] = 0;
}

static void
default_sampler(DWORD *ss)
{
   ss[D3DSAMP_ADDRESSU] = D3DTADDRESS_WRAP;
   ss[D3DSAMP_ADDRESSV] = D3DTADDRESS_WRAP;
   ss[D3DSAMP_ADDRESSW] = D3DTADDRESS_WRAP;
   ss[D3DSAMP_BORDERCOLOR] = 0;
   ss[D3DSAMP_MAGFILTER] = D3DTEXF_POINT;
   ss[D3DSAMP_MINFILTER] = D3DTEXF_POINT;
   ss[D3DSAMP_MIPFILTER] = D3DTEXF_NONE;
   ss[D3DSAMP_MIPMAPLODBIAS] = 0;
   ss[D3DSAMP_MAXMIPLEVEL] = 0;
   ss[D3DSAMP_MAXANISOTROPY] = 1;
   ss[D3DSAMP_SRGBTEXTURE] = 0;
   ss[D3DSAMP_ELEMENTINDEX] = 0;
   ss[D3DSAMP_DMAPOFFSET] = 0;
}

void
d3d9_state_init(struct d3d9_state *state, const D3DCAPS9 *caps,
                const D3DPRESENT_PARAMETERS *pp)
{
   UINT width = pp ? pp->BackBufferWidth : 0;
   UINT height = pp ? pp->BackBufferHeight : 0;

   memset(state, 0, sizeof(*state));
   default_render_states(state->rs, caps, pp);
   for (unsigned i = 0; i < D3D9_TEXTURE_STAGES; i++)
      default_stage(state->tss[i], i);
   for (unsigned i = 0; i < D3D9_SAMPLERS; i++)
      default_sampler(state->ss[i]);
   for (unsigned i = 0; i < D3D9_TS_COUNT; i++)
      identity(&state->transforms[i]);
   /* The material, clip planes and constants are zero. */
   state->viewport.Width = width;
   state->viewport.Height = height;
   state->viewport.MinZ = 0.0f;
   state->viewport.MaxZ = 1.0f;
   SetRect(&state->scissor, 0, 0, width, height);
   for (unsigned i = 0; i < D3D9_MAX_STREAMS; i++)
      state->streams[i].frequency = 1;
}

void
d3d9_state_fini(struct d3d9_state *state)
{
   for (unsigned i = 0; i < D3D9_SAMPLERS; i++)
      D3D9_STATE_BIND(state->textures[i], NULL);
   for (unsigned i = 0; i < D3D9_MAX_STREAMS; i++)
      D3D9_STATE_BIND(state->streams[i].buffer, NULL);
   D3D9_STATE_BIND(state->indices, NULL);
   D3D9_STATE_BIND(state->decl, NULL);
   D3D9_STATE_BIND(state->vs, NULL);
   D3D9_STATE_BIND(state->ps, NULL);
   free(state->lights);
   state->lights = NULL;
   state->num_lights = 0;
}

/* ------------------------------------------------------------------ */
/* Lights */

struct d3d9_light *
d3d9_state_light(struct d3d9_state *state, DWORD index, BOOL create)
{
   if (index < state->num_lights && state->lights[index].set)
      return &state->lights[index];
   if (!create || index >= D3D9_MAX_LIGHT_INDEX)
      return NULL;

   if (index >= state->num_lights) {
      unsigned n = state->num_lights ? state->num_lights : 8;
      while (n <= index)
         n *= 2;
      struct d3d9_light *lights = realloc(state->lights, n * sizeof(*lights));
      if (!lights)
         return NULL;
      memset(lights + state->num_lights, 0,
             (n - state->num_lights) * sizeof(*lights));
      state->lights = lights;
      state->num_lights = n;
   }

   struct d3d9_light *l = &state->lights[index];
   d3d9_state_default_light(&l->light);
   l->enabled = FALSE;
   l->set = TRUE;
   return l;
}

HRESULT
d3d9_state_set_light(struct d3d9_state *state, struct d3d9_state_mask *mask,
                     DWORD index, const D3DLIGHT9 *light)
{
   struct d3d9_light *l = d3d9_state_light(state, index, TRUE);
   if (!l)
      return E_OUTOFMEMORY;
   l->light = *light;
   if (mask)
      mask->lights = TRUE;
   return D3D_OK;
}

HRESULT
d3d9_state_enable_light(struct d3d9_state *state, struct d3d9_state_mask *mask,
                        DWORD index, BOOL enable)
{
   /* LightEnable of a light never set makes a default light. */
   struct d3d9_light *l = d3d9_state_light(state, index, TRUE);
   if (!l)
      return E_OUTOFMEMORY;
   l->enabled = !!enable;
   if (mask)
      mask->lights = TRUE;
   return D3D_OK;
}

/* ------------------------------------------------------------------ */
/* Transforms, viewport, material, lights, clip planes */

HRESULT WINAPI
d3d9_device_SetTransform(IDirect3DDevice9Ex *iface, D3DTRANSFORMSTATETYPE state,
                         const D3DMATRIX *matrix)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;

   if (!matrix || !transform_valid(state))
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   s->transforms[state] = *matrix;
   if (mask)
      set_bits(mask->transforms, state, 1);
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetTransform(IDirect3DDevice9Ex *iface, D3DTRANSFORMSTATETYPE state,
                         D3DMATRIX *matrix)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!matrix || !transform_valid(state))
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   *matrix = device->state.transforms[state];
   d3d9_state_unlock(device);
   return D3D_OK;
}

/* The device's matrix becomes MATRIX x matrix (row vectors: MATRIX
 * applies first).  Even while recording this changes the device's own
 * state and records nothing, as on Windows (Wine's
 * test_multiply_transform). */
HRESULT WINAPI
d3d9_device_MultiplyTransform(IDirect3DDevice9Ex *iface,
                              D3DTRANSFORMSTATETYPE state,
                              const D3DMATRIX *matrix)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!matrix || !transform_valid(state))
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   D3DMATRIX *m = &device->state.transforms[state];
   D3DMATRIX r;
   for (unsigned i = 0; i < 4; i++) {
      for (unsigned j = 0; j < 4; j++) {
         float sum = 0.0f;
         for (unsigned k = 0; k < 4; k++)
            sum += matrix->m[i][k] * m->m[k][j];
         r.m[i][j] = sum;
      }
   }
   *m = r;
   set_bits(device->dirty.transforms, state, 1);
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetViewport(IDirect3DDevice9Ex *iface, const D3DVIEWPORT9 *viewport)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;

   if (!viewport)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   s->viewport = *viewport;
   if (mask)
      mask->viewport = TRUE;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetViewport(IDirect3DDevice9Ex *iface, D3DVIEWPORT9 *viewport)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!viewport)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   *viewport = device->state.viewport;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetMaterial(IDirect3DDevice9Ex *iface, const D3DMATERIAL9 *material)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;

   if (!material)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   s->material = *material;
   if (mask)
      mask->material = TRUE;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetMaterial(IDirect3DDevice9Ex *iface, D3DMATERIAL9 *material)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!material)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   *material = device->state.material;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetLight(IDirect3DDevice9Ex *iface, DWORD index,
                     const D3DLIGHT9 *light)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;

   if (!light)
      return D3DERR_INVALIDCALL;
   switch ((DWORD)light->Type) {
   case D3DLIGHT_POINT:
   case D3DLIGHT_SPOT:
      if (light->Attenuation0 < 0.0f || light->Attenuation1 < 0.0f ||
          light->Attenuation2 < 0.0f)
         return D3DERR_INVALIDCALL;
      break;
   case D3DLIGHT_DIRECTIONAL:
   case D3D9_LIGHT_PARALLELPOINT:
      break;
   default:
      return D3DERR_INVALIDCALL;
   }

   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   HRESULT hr = d3d9_state_set_light(s, mask, index, light);
   d3d9_state_unlock(device);
   return hr;
}

HRESULT WINAPI
d3d9_device_GetLight(IDirect3DDevice9Ex *iface, DWORD index, D3DLIGHT9 *light)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   HRESULT hr = D3DERR_INVALIDCALL;

   if (!light)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   const struct d3d9_light *l = d3d9_state_light(&device->state, index, FALSE);
   if (l) {
      *light = l->light;
      hr = D3D_OK;
   }
   d3d9_state_unlock(device);
   return hr;
}

/* Enabling more lights than D3DCAPS9.MaxActiveLights succeeds, and
 * GetLightEnable reports them enabled (Wine's test_set_light_enable);
 * the fixed-function draw takes the first MaxActiveLights of them. */
HRESULT WINAPI
d3d9_device_LightEnable(IDirect3DDevice9Ex *iface, DWORD index, BOOL enable)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;

   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   HRESULT hr = d3d9_state_enable_light(s, mask, index, enable);
   d3d9_state_unlock(device);
   return hr;
}

/* An enabled light reads back as 128, not TRUE, as on Windows. */
HRESULT WINAPI
d3d9_device_GetLightEnable(IDirect3DDevice9Ex *iface, DWORD index,
                           BOOL *enable)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   HRESULT hr = D3DERR_INVALIDCALL;

   if (!enable)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   const struct d3d9_light *l = d3d9_state_light(&device->state, index, FALSE);
   if (l) {
      *enable = l->enabled ? 128 : 0;
      hr = D3D_OK;
   }
   d3d9_state_unlock(device);
   return hr;
}

/* Plane indices past the last one the device has go to the last one
 * (Windows, Wine's test_clip_planes_limits). */
HRESULT WINAPI
d3d9_device_SetClipPlane(IDirect3DDevice9Ex *iface, DWORD index,
                         const float *plane)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;
   UINT count = clip_plane_count(device);

   if (!plane || !count)
      return D3DERR_INVALIDCALL;
   if (index >= count)
      index = count - 1;
   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   memcpy(s->clip_planes[index], plane, sizeof(s->clip_planes[index]));
   if (mask)
      mask->clip_planes |= 1u << index;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetClipPlane(IDirect3DDevice9Ex *iface, DWORD index, float *plane)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   UINT count = clip_plane_count(device);

   if (!plane || !count)
      return D3DERR_INVALIDCALL;
   if (index >= count)
      index = count - 1;
   d3d9_state_lock(device);
   memcpy(plane, device->state.clip_planes[index],
          sizeof(device->state.clip_planes[index]));
   d3d9_state_unlock(device);
   return D3D_OK;
}

/* ------------------------------------------------------------------ */
/* Render, texture stage and sampler states */

HRESULT WINAPI
d3d9_device_SetRenderState(IDirect3DDevice9Ex *iface, D3DRENDERSTATETYPE state,
                           DWORD value)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;

   /* Unknown states are ignored, as on Windows. */
   if ((unsigned)state >= D3D9_RS_COUNT)
      return D3D_OK;
   d3d9_state_lock(device);
   /* AMD's RESZ code in D3DRS_POINTSIZE is a command (resolve the depth
    * buffer into the texture at sampler 0), not a state: it goes to the
    * driver now, with what it reads, and is not kept. */
   if (state == D3DRS_POINTSIZE && value == D3D9_RESZ_CODE &&
       !device->recording) {
      d3d9_draw_flush_fixed_state(device);
      D3DDDIARG_RENDERSTATE a = { state, value };
      device->funcs.pfnSetRenderState(device->hdevice, &a);
      d3d9_state_unlock(device);
      return D3D_OK;
   }
   struct d3d9_state *s = update_state(device, &mask);
   s->rs[state] = value;
   if (mask)
      set_bits(mask->rs, state, 1);
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetRenderState(IDirect3DDevice9Ex *iface, D3DRENDERSTATETYPE state,
                           DWORD *value)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!value || (unsigned)state >= D3D9_RS_COUNT)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   *value = device->state.rs[state];
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetTextureStageState(IDirect3DDevice9Ex *iface, DWORD stage,
                                 D3DTEXTURESTAGESTATETYPE type, DWORD value)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;

   /* Out-of-range stages and states: ignored with D3D_OK. */
   if (stage >= D3D9_TEXTURE_STAGES || !tss_valid(type))
      return D3D_OK;
   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   s->tss[stage][type] = value;
   if (mask)
      mask->tss[stage] |= (UINT64)1 << type;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetTextureStageState(IDirect3DDevice9Ex *iface, DWORD stage,
                                 D3DTEXTURESTAGESTATETYPE type, DWORD *value)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!value || stage >= D3D9_TEXTURE_STAGES)
      return D3DERR_INVALIDCALL;
   /* An unknown state leaves *value alone and succeeds (Windows). */
   if (!tss_valid(type))
      return D3D_OK;
   d3d9_state_lock(device);
   *value = device->state.tss[stage][type];
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetSamplerState(IDirect3DDevice9Ex *iface, DWORD sampler,
                            D3DSAMPLERSTATETYPE type, DWORD value)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;
   int slot = sampler_slot(sampler);

   if (slot < 0 || type < D3DSAMP_ADDRESSU || type > D3DSAMP_DMAPOFFSET)
      return D3D_OK;
   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   s->ss[slot][type] = value;
   if (mask)
      mask->ss[slot] |= 1u << type;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetSamplerState(IDirect3DDevice9Ex *iface, DWORD sampler,
                            D3DSAMPLERSTATETYPE type, DWORD *value)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   int slot = sampler_slot(sampler);

   if (!value)
      return D3DERR_INVALIDCALL;
   /* An unknown sampler or state reads as 0 (Windows). */
   if (slot < 0 || type < D3DSAMP_ADDRESSU || type > D3DSAMP_DMAPOFFSET) {
      *value = 0;
      return D3D_OK;
   }
   d3d9_state_lock(device);
   *value = device->state.ss[slot][type];
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetScissorRect(IDirect3DDevice9Ex *iface, const RECT *rect)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;

   if (!rect)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   s->scissor = *rect;
   if (mask)
      mask->scissor = TRUE;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetScissorRect(IDirect3DDevice9Ex *iface, RECT *rect)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!rect)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   *rect = device->state.scissor;
   d3d9_state_unlock(device);
   return D3D_OK;
}

/* N-patches are not a state block state: the device's own, always. */
HRESULT WINAPI
d3d9_device_SetNPatchMode(IDirect3DDevice9Ex *iface, float segments)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   d3d9_state_lock(device);
   device->state.npatch_mode = segments;
   d3d9_state_unlock(device);
   return D3D_OK;
}

float WINAPI
d3d9_device_GetNPatchMode(IDirect3DDevice9Ex *iface)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   d3d9_state_lock(device);
   float segments = device->state.npatch_mode;
   d3d9_state_unlock(device);
   return segments;
}

/* ------------------------------------------------------------------ */
/* Clip status: the device's, kept beside it until the device has a
 * field for it. */

struct clip_status {
   struct d3d9_device *device;
   D3DCLIPSTATUS9 status;
   struct clip_status *next;
};

static struct clip_status *clip_statuses;
static SRWLOCK clip_statuses_lock = SRWLOCK_INIT;

static struct clip_status *
clip_status_of(struct d3d9_device *device)
{
   for (struct clip_status *c = clip_statuses; c; c = c->next) {
      if (c->device == device)
         return c;
   }
   return NULL;
}

void
d3d9_state_clip_status_forget(struct d3d9_device *device)
{
   AcquireSRWLockExclusive(&clip_statuses_lock);
   for (struct clip_status **p = &clip_statuses; *p; p = &(*p)->next) {
      if ((*p)->device == device) {
         struct clip_status *c = *p;
         *p = c->next;
         free(c);
         break;
      }
   }
   ReleaseSRWLockExclusive(&clip_statuses_lock);
}

HRESULT WINAPI
d3d9_device_SetClipStatus(IDirect3DDevice9Ex *iface,
                          const D3DCLIPSTATUS9 *status)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   HRESULT hr = D3D_OK;

   if (!status)
      return D3DERR_INVALIDCALL;
   AcquireSRWLockExclusive(&clip_statuses_lock);
   struct clip_status *c = clip_status_of(device);
   if (!c && (c = calloc(1, sizeof(*c)))) {
      c->device = device;
      c->next = clip_statuses;
      clip_statuses = c;
   }
   if (c)
      c->status = *status;
   else
      hr = E_OUTOFMEMORY;
   ReleaseSRWLockExclusive(&clip_statuses_lock);
   return hr;
}

HRESULT WINAPI
d3d9_device_GetClipStatus(IDirect3DDevice9Ex *iface, D3DCLIPSTATUS9 *status)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!status)
      return D3DERR_INVALIDCALL;
   AcquireSRWLockShared(&clip_statuses_lock);
   struct clip_status *c = clip_status_of(device);
   if (c)
      *status = c->status;
   else
      memset(status, 0, sizeof(*status));
   ReleaseSRWLockShared(&clip_statuses_lock);
   return D3D_OK;
}

/* ------------------------------------------------------------------ */
/* Bound objects */

HRESULT WINAPI
d3d9_device_SetTexture(IDirect3DDevice9Ex *iface, DWORD stage,
                       IDirect3DBaseTexture9 *texture)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;
   int slot = sampler_slot(stage);

   if (slot < 0)
      return D3D_OK;
   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   D3D9_STATE_BIND(s->textures[slot], texture);
   if (mask)
      mask->textures |= 1u << slot;
   d3d9_state_unlock(device);
   return D3D_OK;
}

/* The Get* of an object returns it with a reference added. */
HRESULT WINAPI
d3d9_device_GetTexture(IDirect3DDevice9Ex *iface, DWORD stage,
                       IDirect3DBaseTexture9 **texture)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   int slot = sampler_slot(stage);

   if (!texture)
      return D3DERR_INVALIDCALL;
   if (slot < 0) {
      *texture = NULL;
      return D3D_OK;
   }
   d3d9_state_lock(device);
   if ((*texture = device->state.textures[slot]))
      IDirect3DBaseTexture9_AddRef(*texture);
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetVertexDeclaration(IDirect3DDevice9Ex *iface,
                                 IDirect3DVertexDeclaration9 *decl)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;

   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   D3D9_STATE_BIND(s->decl, decl);
   s->fvf = decl ? d3d9_shader_from_iface(decl)->fvf : 0;
   if (mask)
      mask->decl = TRUE;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetVertexDeclaration(IDirect3DDevice9Ex *iface,
                                 IDirect3DVertexDeclaration9 **decl)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!decl)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   if ((*decl = device->state.decl))
      IDirect3DVertexDeclaration9_AddRef(*decl);
   d3d9_state_unlock(device);
   return D3D_OK;
}

/* An FVF binds the device's declaration for it (d3d9_fvf.c); FVF 0
 * changes nothing (Windows). */
HRESULT WINAPI
d3d9_device_SetFVF(IDirect3DDevice9Ex *iface, DWORD fvf)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;

   if (!fvf)
      return D3D_OK;
   d3d9_state_lock(device);
   IDirect3DVertexDeclaration9 *decl = d3d9_fvf_declaration(device, fvf);
   if (!decl) {
      d3d9_state_unlock(device);
      return D3DERR_INVALIDCALL;
   }
   struct d3d9_state *s = update_state(device, &mask);
   D3D9_STATE_BIND(s->decl, decl);
   s->fvf = fvf;
   if (mask)
      mask->decl = TRUE;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetFVF(IDirect3DDevice9Ex *iface, DWORD *fvf)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!fvf)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   *fvf = device->state.fvf;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetVertexShader(IDirect3DDevice9Ex *iface,
                            IDirect3DVertexShader9 *shader)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;

   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   D3D9_STATE_BIND(s->vs, shader);
   if (mask)
      mask->vs = TRUE;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetVertexShader(IDirect3DDevice9Ex *iface,
                            IDirect3DVertexShader9 **shader)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!shader)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   if ((*shader = device->state.vs))
      IDirect3DVertexShader9_AddRef(*shader);
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetPixelShader(IDirect3DDevice9Ex *iface,
                           IDirect3DPixelShader9 *shader)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;

   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   D3D9_STATE_BIND(s->ps, shader);
   if (mask)
      mask->ps = TRUE;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetPixelShader(IDirect3DDevice9Ex *iface,
                           IDirect3DPixelShader9 **shader)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!shader)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   if ((*shader = device->state.ps))
      IDirect3DPixelShader9_AddRef(*shader);
   d3d9_state_unlock(device);
   return D3D_OK;
}

/* SetStreamSource with no buffer keeps the stream's offset and stride
 * (Windows, Wine's stateblock test). */
HRESULT WINAPI
d3d9_device_SetStreamSource(IDirect3DDevice9Ex *iface, UINT stream,
                            IDirect3DVertexBuffer9 *buffer, UINT offset,
                            UINT stride)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;

   if (stream >= D3D9_MAX_STREAMS)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   if (!buffer) {
      offset = device->state.streams[stream].offset;
      stride = device->state.streams[stream].stride;
   }
   struct d3d9_state *s = update_state(device, &mask);
   D3D9_STATE_BIND(s->streams[stream].buffer, buffer);
   s->streams[stream].offset = offset;
   s->streams[stream].stride = stride;
   if (mask)
      mask->streams |= 1u << stream;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetStreamSource(IDirect3DDevice9Ex *iface, UINT stream,
                            IDirect3DVertexBuffer9 **buffer, UINT *offset,
                            UINT *stride)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!buffer || !stride || stream >= D3D9_MAX_STREAMS)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   if ((*buffer = device->state.streams[stream].buffer))
      IDirect3DVertexBuffer9_AddRef(*buffer);
   if (offset)
      *offset = device->state.streams[stream].offset;
   *stride = device->state.streams[stream].stride;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetStreamSourceFreq(IDirect3DDevice9Ex *iface, UINT stream,
                                UINT divider)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;

   if (stream >= D3D9_MAX_STREAMS || !divider)
      return D3DERR_INVALIDCALL;
   if ((divider & D3DSTREAMSOURCE_INSTANCEDATA) &&
       ((divider & D3DSTREAMSOURCE_INDEXEDDATA) || !stream))
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   s->streams[stream].frequency = divider;
   if (mask)
      mask->stream_freqs |= 1u << stream;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetStreamSourceFreq(IDirect3DDevice9Ex *iface, UINT stream,
                                UINT *divider)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!divider || stream >= D3D9_MAX_STREAMS)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   *divider = device->state.streams[stream].frequency;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetIndices(IDirect3DDevice9Ex *iface, IDirect3DIndexBuffer9 *buffer)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_state_mask *mask;

   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   D3D9_STATE_BIND(s->indices, buffer);
   if (mask)
      mask->indices = TRUE;
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetIndices(IDirect3DDevice9Ex *iface,
                       IDirect3DIndexBuffer9 **buffer)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   if (!buffer)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   if ((*buffer = device->state.indices))
      IDirect3DIndexBuffer9_AddRef(*buffer);
   d3d9_state_unlock(device);
   return D3D_OK;
}

/* ------------------------------------------------------------------ */
/* Shader constants.  Float registers: start + count within the device's
 * registers; integer and boolean ones: start below 16, count clipped. */

static HRESULT
set_consts_f(struct d3d9_device *device, BOOL pixel, UINT start,
             const float *data, UINT count)
{
   UINT limit = pixel ? D3D9_PS_FLOAT_CONSTS : vs_float_limit(device);
   struct d3d9_state_mask *mask;

   if (!data || !range_ok(start, count, limit))
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   memcpy(pixel ? s->ps_f[start] : s->vs_f[start], data,
          count * 4 * sizeof(float));
   if (mask)
      set_bits(pixel ? mask->ps_f : mask->vs_f, start, count);
   d3d9_state_unlock(device);
   return D3D_OK;
}

static HRESULT
get_consts_f(struct d3d9_device *device, BOOL pixel, UINT start, float *data,
             UINT count)
{
   UINT limit = pixel ? D3D9_PS_FLOAT_CONSTS : vs_float_limit(device);

   if (!data || !range_ok(start, count, limit))
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   memcpy(data, pixel ? device->state.ps_f[start] : device->state.vs_f[start],
          count * 4 * sizeof(float));
   d3d9_state_unlock(device);
   return D3D_OK;
}

static HRESULT
set_consts_i(struct d3d9_device *device, BOOL pixel, UINT start,
             const int *data, UINT count)
{
   struct d3d9_state_mask *mask;

   if (!data || start >= D3D9_INT_CONSTS)
      return D3DERR_INVALIDCALL;
   if (count > D3D9_INT_CONSTS - start)
      count = D3D9_INT_CONSTS - start;
   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   memcpy(pixel ? s->ps_i[start] : s->vs_i[start], data,
          count * 4 * sizeof(int));
   if (mask) {
      WORD bits = ((1u << count) - 1) << start;
      if (pixel)
         mask->ps_i |= bits;
      else
         mask->vs_i |= bits;
   }
   d3d9_state_unlock(device);
   return D3D_OK;
}

static HRESULT
get_consts_i(struct d3d9_device *device, BOOL pixel, UINT start, int *data,
             UINT count)
{
   if (!data || start >= D3D9_INT_CONSTS)
      return D3DERR_INVALIDCALL;
   if (count > D3D9_INT_CONSTS - start)
      count = D3D9_INT_CONSTS - start;
   d3d9_state_lock(device);
   memcpy(data, pixel ? device->state.ps_i[start] : device->state.vs_i[start],
          count * 4 * sizeof(int));
   d3d9_state_unlock(device);
   return D3D_OK;
}

static HRESULT
set_consts_b(struct d3d9_device *device, BOOL pixel, UINT start,
             const BOOL *data, UINT count)
{
   struct d3d9_state_mask *mask;

   if (!data || start >= D3D9_BOOL_CONSTS)
      return D3DERR_INVALIDCALL;
   if (count > D3D9_BOOL_CONSTS - start)
      count = D3D9_BOOL_CONSTS - start;
   d3d9_state_lock(device);
   struct d3d9_state *s = update_state(device, &mask);
   memcpy(pixel ? &s->ps_b[start] : &s->vs_b[start], data,
          count * sizeof(BOOL));
   if (mask) {
      WORD bits = ((1u << count) - 1) << start;
      if (pixel)
         mask->ps_b |= bits;
      else
         mask->vs_b |= bits;
   }
   d3d9_state_unlock(device);
   return D3D_OK;
}

static HRESULT
get_consts_b(struct d3d9_device *device, BOOL pixel, UINT start, BOOL *data,
             UINT count)
{
   if (!data || start >= D3D9_BOOL_CONSTS)
      return D3DERR_INVALIDCALL;
   if (count > D3D9_BOOL_CONSTS - start)
      count = D3D9_BOOL_CONSTS - start;
   d3d9_state_lock(device);
   memcpy(data, pixel ? &device->state.ps_b[start] : &device->state.vs_b[start],
          count * sizeof(BOOL));
   d3d9_state_unlock(device);
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetVertexShaderConstantF(IDirect3DDevice9Ex *iface, UINT start,
                                     const float *data, UINT count)
{
   return set_consts_f(impl_from_IDirect3DDevice9Ex(iface), FALSE, start,
                       data, count);
}

HRESULT WINAPI
d3d9_device_GetVertexShaderConstantF(IDirect3DDevice9Ex *iface, UINT start,
                                     float *data, UINT count)
{
   return get_consts_f(impl_from_IDirect3DDevice9Ex(iface), FALSE, start,
                       data, count);
}

HRESULT WINAPI
d3d9_device_SetVertexShaderConstantI(IDirect3DDevice9Ex *iface, UINT start,
                                     const int *data, UINT count)
{
   return set_consts_i(impl_from_IDirect3DDevice9Ex(iface), FALSE, start,
                       data, count);
}

HRESULT WINAPI
d3d9_device_GetVertexShaderConstantI(IDirect3DDevice9Ex *iface, UINT start,
                                     int *data, UINT count)
{
   return get_consts_i(impl_from_IDirect3DDevice9Ex(iface), FALSE, start,
                       data, count);
}

HRESULT WINAPI
d3d9_device_SetVertexShaderConstantB(IDirect3DDevice9Ex *iface, UINT start,
                                     const BOOL *data, UINT count)
{
   return set_consts_b(impl_from_IDirect3DDevice9Ex(iface), FALSE, start,
                       data, count);
}

HRESULT WINAPI
d3d9_device_GetVertexShaderConstantB(IDirect3DDevice9Ex *iface, UINT start,
                                     BOOL *data, UINT count)
{
   return get_consts_b(impl_from_IDirect3DDevice9Ex(iface), FALSE, start,
                       data, count);
}

HRESULT WINAPI
d3d9_device_SetPixelShaderConstantF(IDirect3DDevice9Ex *iface, UINT start,
                                    const float *data, UINT count)
{
   return set_consts_f(impl_from_IDirect3DDevice9Ex(iface), TRUE, start,
                       data, count);
}

HRESULT WINAPI
d3d9_device_GetPixelShaderConstantF(IDirect3DDevice9Ex *iface, UINT start,
                                    float *data, UINT count)
{
   return get_consts_f(impl_from_IDirect3DDevice9Ex(iface), TRUE, start,
                       data, count);
}

HRESULT WINAPI
d3d9_device_SetPixelShaderConstantI(IDirect3DDevice9Ex *iface, UINT start,
                                    const int *data, UINT count)
{
   return set_consts_i(impl_from_IDirect3DDevice9Ex(iface), TRUE, start,
                       data, count);
}

HRESULT WINAPI
d3d9_device_GetPixelShaderConstantI(IDirect3DDevice9Ex *iface, UINT start,
                                    int *data, UINT count)
{
   return get_consts_i(impl_from_IDirect3DDevice9Ex(iface), TRUE, start,
                       data, count);
}

HRESULT WINAPI
d3d9_device_SetPixelShaderConstantB(IDirect3DDevice9Ex *iface, UINT start,
                                    const BOOL *data, UINT count)
{
   return set_consts_b(impl_from_IDirect3DDevice9Ex(iface), TRUE, start,
                       data, count);
}

HRESULT WINAPI
d3d9_device_GetPixelShaderConstantB(IDirect3DDevice9Ex *iface, UINT start,
                                    BOOL *data, UINT count)
{
   return get_consts_b(impl_from_IDirect3DDevice9Ex(iface), TRUE, start,
                       data, count);
}

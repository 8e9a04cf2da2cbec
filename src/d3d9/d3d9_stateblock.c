/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * IDirect3DStateBlock9: CreateStateBlock, BeginStateBlock/EndStateBlock,
 * Capture and Apply.
 *
 * A block is a struct d3d9_state plus the mask of the states it holds.
 * CreateStateBlock sets the mask by type (the lists below, which are
 * Windows' as Wine's stateblock test checks them) and captures the
 * device; a recorded block holds what the Set* calls between Begin and
 * End wrote.  Capture copies the held states from the device into the
 * block, Apply copies them from the block into the device: both through
 * d3d9_state_copy, which marks what it writes in the destination's mask
 * (for the device: NULL, nothing to mark yet).
 *
 * Windows' quirks the tests pin down: a created block's Capture leaves
 * stream offsets alone (only the capture at creation takes them);
 * Apply of a block whose declaration is NULL leaves the device's; the
 * lights a block holds are those that existed at its creation or were
 * set while recording, and Capture of one the device lacks turns it
 * into a disabled default light.
 */

#include <stdlib.h>
#include <string.h>

#include "d3d9_device.h"

static const D3DRENDERSTATETYPE pixel_render_states[] = {
   D3DRS_ALPHABLENDENABLE, D3DRS_ALPHAFUNC, D3DRS_ALPHAREF,
   D3DRS_ALPHATESTENABLE, D3DRS_ANTIALIASEDLINEENABLE, D3DRS_BLENDFACTOR,
   D3DRS_BLENDOP, D3DRS_BLENDOPALPHA, D3DRS_CCW_STENCILFAIL,
   D3DRS_CCW_STENCILPASS, D3DRS_CCW_STENCILZFAIL, D3DRS_COLORWRITEENABLE,
   D3DRS_COLORWRITEENABLE1, D3DRS_COLORWRITEENABLE2, D3DRS_COLORWRITEENABLE3,
   D3DRS_DEPTHBIAS, D3DRS_DESTBLEND, D3DRS_DESTBLENDALPHA, D3DRS_DITHERENABLE,
   D3DRS_FILLMODE, D3DRS_FOGDENSITY, D3DRS_FOGEND, D3DRS_FOGSTART,
   D3DRS_LASTPIXEL, D3DRS_SCISSORTESTENABLE, D3DRS_SEPARATEALPHABLENDENABLE,
   D3DRS_SHADEMODE, D3DRS_SLOPESCALEDEPTHBIAS, D3DRS_SRCBLEND,
   D3DRS_SRCBLENDALPHA, D3DRS_SRGBWRITEENABLE, D3DRS_STENCILENABLE,
   D3DRS_STENCILFAIL, D3DRS_STENCILFUNC, D3DRS_STENCILMASK,
   D3DRS_STENCILPASS, D3DRS_STENCILREF, D3DRS_STENCILWRITEMASK,
   D3DRS_STENCILZFAIL, D3DRS_TEXTUREFACTOR, D3DRS_TWOSIDEDSTENCILMODE,
   D3DRS_WRAP0, D3DRS_WRAP1, D3DRS_WRAP2, D3DRS_WRAP3, D3DRS_WRAP4,
   D3DRS_WRAP5, D3DRS_WRAP6, D3DRS_WRAP7, D3DRS_WRAP8, D3DRS_WRAP9,
   D3DRS_WRAP10, D3DRS_WRAP11, D3DRS_WRAP12, D3DRS_WRAP13, D3DRS_WRAP14,
   D3DRS_WRAP15, D3DRS_ZENABLE, D3DRS_ZFUNC, D3DRS_ZWRITEENABLE,
};

static const D3DRENDERSTATETYPE vertex_render_states[] = {
   D3DRS_ADAPTIVETESS_W, D3DRS_ADAPTIVETESS_X, D3DRS_ADAPTIVETESS_Y,
   D3DRS_ADAPTIVETESS_Z, D3DRS_AMBIENT, D3DRS_AMBIENTMATERIALSOURCE,
   D3DRS_CLIPPING, D3DRS_CLIPPLANEENABLE, D3DRS_COLORVERTEX, D3DRS_CULLMODE,
   D3DRS_DIFFUSEMATERIALSOURCE, D3DRS_EMISSIVEMATERIALSOURCE,
   D3DRS_ENABLEADAPTIVETESSELLATION, D3DRS_FOGCOLOR, D3DRS_FOGDENSITY,
   D3DRS_FOGENABLE, D3DRS_FOGEND, D3DRS_FOGSTART, D3DRS_FOGTABLEMODE,
   D3DRS_FOGVERTEXMODE, D3DRS_INDEXEDVERTEXBLENDENABLE, D3DRS_LIGHTING,
   D3DRS_LOCALVIEWER, D3DRS_MAXTESSELLATIONLEVEL, D3DRS_MINTESSELLATIONLEVEL,
   D3DRS_MULTISAMPLEANTIALIAS, D3DRS_MULTISAMPLEMASK, D3DRS_NORMALDEGREE,
   D3DRS_NORMALIZENORMALS, D3DRS_PATCHEDGESTYLE, D3DRS_POINTSCALE_A,
   D3DRS_POINTSCALE_B, D3DRS_POINTSCALE_C, D3DRS_POINTSCALEENABLE,
   D3DRS_POINTSIZE, D3DRS_POINTSIZE_MAX, D3DRS_POINTSIZE_MIN,
   D3DRS_POINTSPRITEENABLE, D3DRS_POSITIONDEGREE, D3DRS_RANGEFOGENABLE,
   D3DRS_SHADEMODE, D3DRS_SPECULARENABLE, D3DRS_SPECULARMATERIALSOURCE,
   D3DRS_TWEENFACTOR, D3DRS_VERTEXBLEND,
};

#define BIT64(n) ((UINT64)1 << (n))

static const UINT64 pixel_stage_states =
   BIT64(D3DTSS_COLOROP) | BIT64(D3DTSS_COLORARG0) | BIT64(D3DTSS_COLORARG1) |
   BIT64(D3DTSS_COLORARG2) | BIT64(D3DTSS_ALPHAOP) | BIT64(D3DTSS_ALPHAARG0) |
   BIT64(D3DTSS_ALPHAARG1) | BIT64(D3DTSS_ALPHAARG2) |
   BIT64(D3DTSS_BUMPENVMAT00) | BIT64(D3DTSS_BUMPENVMAT01) |
   BIT64(D3DTSS_BUMPENVMAT10) | BIT64(D3DTSS_BUMPENVMAT11) |
   BIT64(D3DTSS_BUMPENVLSCALE) | BIT64(D3DTSS_BUMPENVLOFFSET) |
   BIT64(D3DTSS_RESULTARG) | BIT64(D3DTSS_TEXCOORDINDEX) |
   BIT64(D3DTSS_TEXTURETRANSFORMFLAGS);

static const UINT64 vertex_stage_states =
   BIT64(D3DTSS_TEXCOORDINDEX) | BIT64(D3DTSS_TEXTURETRANSFORMFLAGS);

static const UINT64 all_stage_states =
   pixel_stage_states | BIT64(D3DTSS_CONSTANT);

/* D3DSAMP_ADDRESSU (1) to D3DSAMP_ELEMENTINDEX (12); and DMAPOFFSET (13). */
static const WORD pixel_sampler_states = 0x1ffe;
static const WORD vertex_sampler_states = 1u << D3DSAMP_DMAPOFFSET;
static const WORD all_sampler_states = 0x3ffe;

static inline struct d3d9_stateblock *
impl_from_IDirect3DStateBlock9(IDirect3DStateBlock9 *iface)
{
   return CONTAINING_RECORD(iface, struct d3d9_stateblock,
                            IDirect3DStateBlock9_iface);
}

static BOOL
bit(const DWORD *map, unsigned i)
{
   return map[i / 32] & (1u << (i % 32));
}

static void
mark(DWORD *map, unsigned i)
{
   map[i / 32] |= 1u << (i % 32);
}

static void
mask_render_states(struct d3d9_state_mask *m, const D3DRENDERSTATETYPE *rs,
                   unsigned count)
{
   for (unsigned i = 0; i < count; i++)
      mark(m->rs, rs[i]);
}

static void
mask_set_all(struct d3d9_state_mask *m)
{
   memset(m, 0, sizeof(*m));
   memset(m->rs, 0xff, sizeof(m->rs));
   for (unsigned i = 0; i < D3D9_TEXTURE_STAGES; i++)
      m->tss[i] = all_stage_states;
   for (unsigned i = 0; i < D3D9_SAMPLERS; i++)
      m->ss[i] = all_sampler_states;
   mark(m->transforms, D3DTS_VIEW);
   mark(m->transforms, D3DTS_PROJECTION);
   for (unsigned i = 0; i < 8; i++)
      mark(m->transforms, D3DTS_TEXTURE0 + i);
   for (unsigned i = D3DTS_WORLD; i < D3D9_TS_COUNT; i++)
      mark(m->transforms, i);
   memset(m->vs_f, 0xff, sizeof(m->vs_f));
   memset(m->ps_f, 0xff, sizeof(m->ps_f));
   m->vs_i = m->vs_b = m->ps_i = m->ps_b = 0xffff;
   m->textures = (1u << D3D9_SAMPLERS) - 1;
   m->streams = m->stream_freqs = (1u << D3D9_MAX_STREAMS) - 1;
   m->clip_planes = (1u << D3D9_CLIP_PLANES) - 1;
   m->lights = m->material = m->viewport = m->scissor = TRUE;
   m->indices = m->decl = m->vs = m->ps = TRUE;
}

static void
mask_set_pixel(struct d3d9_state_mask *m)
{
   memset(m, 0, sizeof(*m));
   mask_render_states(m, pixel_render_states, ARRAYSIZE(pixel_render_states));
   for (unsigned i = 0; i < D3D9_TEXTURE_STAGES; i++)
      m->tss[i] = pixel_stage_states;
   for (unsigned i = 0; i < D3D9_SAMPLERS; i++)
      m->ss[i] = pixel_sampler_states;
   memset(m->ps_f, 0xff, sizeof(m->ps_f));
   m->ps_i = m->ps_b = 0xffff;
   m->ps = TRUE;
}

static void
mask_set_vertex(struct d3d9_state_mask *m)
{
   memset(m, 0, sizeof(*m));
   mask_render_states(m, vertex_render_states,
                      ARRAYSIZE(vertex_render_states));
   for (unsigned i = 0; i < D3D9_TEXTURE_STAGES; i++)
      m->tss[i] = vertex_stage_states;
   for (unsigned i = 0; i < D3D9_SAMPLERS; i++)
      m->ss[i] = vertex_sampler_states;
   memset(m->vs_f, 0xff, sizeof(m->vs_f));
   m->vs_i = m->vs_b = 0xffff;
   m->lights = m->decl = m->vs = TRUE;
}

/* Lights on Capture: each light the block holds takes the device's
 * values, or becomes a disabled default light when the device has none
 * of that index. */
static void
capture_lights(struct d3d9_state *block, const struct d3d9_state *device)
{
   for (unsigned i = 0; i < block->num_lights; i++) {
      struct d3d9_light *dst = &block->lights[i];
      if (!dst->set)
         continue;
      const struct d3d9_light *src =
         d3d9_state_light((struct d3d9_state *)device, i, FALSE);
      if (src) {
         dst->light = src->light;
         dst->enabled = src->enabled;
      } else {
         d3d9_state_default_light(&dst->light);
         dst->enabled = FALSE;
      }
   }
}

/* Lights on Apply: each light the block holds is set and enabled or
 * disabled on the device, as SetLight and LightEnable would. */
static void
apply_lights(struct d3d9_state *device, struct d3d9_state_mask *mask,
             const struct d3d9_state *block)
{
   for (unsigned i = 0; i < block->num_lights; i++) {
      const struct d3d9_light *src = &block->lights[i];
      if (!src->set)
         continue;
      if (SUCCEEDED(d3d9_state_set_light(device, mask, i, &src->light)))
         d3d9_state_enable_light(device, mask, i, src->enabled);
   }
}

void
d3d9_state_copy(struct d3d9_state *dst, struct d3d9_state_mask *dst_mask,
                const struct d3d9_state *src,
                const struct d3d9_state_mask *which,
                BOOL store_stream_offset, BOOL apply)
{
   if (which->vs) {
      D3D9_STATE_BIND(dst->vs, src->vs);
      if (dst_mask)
         dst_mask->vs = TRUE;
   }
   if (which->ps) {
      D3D9_STATE_BIND(dst->ps, src->ps);
      if (dst_mask)
         dst_mask->ps = TRUE;
   }

   for (unsigned i = 0; i < D3D9_VS_FLOAT_CONSTS; i++) {
      if (bit(which->vs_f, i)) {
         memcpy(dst->vs_f[i], src->vs_f[i], sizeof(dst->vs_f[i]));
         if (dst_mask)
            mark(dst_mask->vs_f, i);
      }
   }
   for (unsigned i = 0; i < D3D9_PS_FLOAT_CONSTS; i++) {
      if (bit(which->ps_f, i)) {
         memcpy(dst->ps_f[i], src->ps_f[i], sizeof(dst->ps_f[i]));
         if (dst_mask)
            mark(dst_mask->ps_f, i);
      }
   }
   for (unsigned i = 0; i < D3D9_INT_CONSTS; i++) {
      if (which->vs_i & (1u << i))
         memcpy(dst->vs_i[i], src->vs_i[i], sizeof(dst->vs_i[i]));
      if (which->ps_i & (1u << i))
         memcpy(dst->ps_i[i], src->ps_i[i], sizeof(dst->ps_i[i]));
   }
   for (unsigned i = 0; i < D3D9_BOOL_CONSTS; i++) {
      if (which->vs_b & (1u << i))
         dst->vs_b[i] = src->vs_b[i];
      if (which->ps_b & (1u << i))
         dst->ps_b[i] = src->ps_b[i];
   }
   if (dst_mask) {
      dst_mask->vs_i |= which->vs_i;
      dst_mask->ps_i |= which->ps_i;
      dst_mask->vs_b |= which->vs_b;
      dst_mask->ps_b |= which->ps_b;
   }

   for (unsigned i = 0; i < D3D9_TS_COUNT; i++) {
      if (bit(which->transforms, i)) {
         dst->transforms[i] = src->transforms[i];
         if (dst_mask)
            mark(dst_mask->transforms, i);
      }
   }

   if (which->lights) {
      if (apply)
         apply_lights(dst, dst_mask, src);
      else
         capture_lights(dst, src);
   }

   for (unsigned i = 0; i < D3D9_RS_COUNT; i++) {
      if (bit(which->rs, i)) {
         dst->rs[i] = src->rs[i];
         if (dst_mask)
            mark(dst_mask->rs, i);
      }
   }
   for (unsigned s = 0; s < D3D9_TEXTURE_STAGES; s++) {
      for (unsigned i = 0; i < D3D9_TSS_COUNT; i++) {
         if (which->tss[s] & BIT64(i))
            dst->tss[s][i] = src->tss[s][i];
      }
      if (dst_mask)
         dst_mask->tss[s] |= which->tss[s];
   }
   for (unsigned s = 0; s < D3D9_SAMPLERS; s++) {
      for (unsigned i = 0; i < D3D9_SS_COUNT; i++) {
         if (which->ss[s] & (1u << i))
            dst->ss[s][i] = src->ss[s][i];
      }
      if (dst_mask)
         dst_mask->ss[s] |= which->ss[s];
   }

   if (which->indices) {
      D3D9_STATE_BIND(dst->indices, src->indices);
      if (dst_mask)
         dst_mask->indices = TRUE;
   }
   /* Apply of a block without a declaration keeps the device's. */
   if (which->decl && (!apply || src->decl || src->fvf)) {
      D3D9_STATE_BIND(dst->decl, src->decl);
      dst->fvf = src->fvf;
      if (dst_mask)
         dst_mask->decl = TRUE;
   }
   if (which->material) {
      dst->material = src->material;
      if (dst_mask)
         dst_mask->material = TRUE;
   }
   if (which->viewport) {
      dst->viewport = src->viewport;
      if (dst_mask)
         dst_mask->viewport = TRUE;
   }
   if (which->scissor) {
      dst->scissor = src->scissor;
      if (dst_mask)
         dst_mask->scissor = TRUE;
   }

   for (unsigned i = 0; i < D3D9_MAX_STREAMS; i++) {
      if (which->streams & (1u << i)) {
         D3D9_STATE_BIND(dst->streams[i].buffer, src->streams[i].buffer);
         dst->streams[i].stride = src->streams[i].stride;
         if (store_stream_offset)
            dst->streams[i].offset = src->streams[i].offset;
      }
      if (which->stream_freqs & (1u << i))
         dst->streams[i].frequency = src->streams[i].frequency;
   }
   if (dst_mask) {
      dst_mask->streams |= which->streams;
      dst_mask->stream_freqs |= which->stream_freqs;
   }

   for (unsigned i = 0; i < D3D9_SAMPLERS; i++) {
      if (which->textures & (1u << i))
         D3D9_STATE_BIND(dst->textures[i], src->textures[i]);
   }
   for (unsigned i = 0; i < D3D9_CLIP_PLANES; i++) {
      if (which->clip_planes & (1u << i))
         memcpy(dst->clip_planes[i], src->clip_planes[i],
                sizeof(dst->clip_planes[i]));
   }
   if (dst_mask) {
      dst_mask->textures |= which->textures;
      dst_mask->clip_planes |= which->clip_planes;
   }
}

/* ------------------------------------------------------------------ */
/* IDirect3DStateBlock9 */

static HRESULT WINAPI
d3d9_stateblock_QueryInterface(IDirect3DStateBlock9 *iface, REFIID riid,
                               void **out)
{
   if (!out)
      return E_POINTER;
   if (IsEqualGUID(riid, &IID_IDirect3DStateBlock9) ||
       IsEqualGUID(riid, &IID_IUnknown)) {
      IDirect3DStateBlock9_AddRef(iface);
      *out = iface;
      return S_OK;
   }
   *out = NULL;
   return E_NOINTERFACE;
}

static ULONG WINAPI
d3d9_stateblock_AddRef(IDirect3DStateBlock9 *iface)
{
   return InterlockedIncrement(&impl_from_IDirect3DStateBlock9(iface)->refcount);
}

static void
stateblock_free(struct d3d9_stateblock *sb)
{
   d3d9_state_fini(&sb->state);
   free(sb);
}

static ULONG WINAPI
d3d9_stateblock_Release(IDirect3DStateBlock9 *iface)
{
   struct d3d9_stateblock *sb = impl_from_IDirect3DStateBlock9(iface);
   ULONG refcount = InterlockedDecrement(&sb->refcount);

   if (!refcount) {
      IDirect3DDevice9Ex *device = &sb->device->IDirect3DDevice9Ex_iface;
      stateblock_free(sb);
      IDirect3DDevice9Ex_Release(device);
   }
   return refcount;
}

static HRESULT WINAPI
d3d9_stateblock_GetDevice(IDirect3DStateBlock9 *iface, IDirect3DDevice9 **out)
{
   struct d3d9_stateblock *sb = impl_from_IDirect3DStateBlock9(iface);

   if (!out)
      return D3DERR_INVALIDCALL;
   *out = (IDirect3DDevice9 *)&sb->device->IDirect3DDevice9Ex_iface;
   IDirect3DDevice9_AddRef(*out);
   return D3D_OK;
}

/* Capture and Apply are invalid while a block is being recorded. */
static HRESULT WINAPI
d3d9_stateblock_Capture(IDirect3DStateBlock9 *iface)
{
   struct d3d9_stateblock *sb = impl_from_IDirect3DStateBlock9(iface);
   struct d3d9_device *device = sb->device;
   HRESULT hr = D3D_OK;

   d3d9_state_lock(device);
   if (device->recording)
      hr = D3DERR_INVALIDCALL;
   else
      d3d9_state_copy(&sb->state, NULL, &device->state, &sb->changed,
                      sb->store_stream_offset, FALSE);
   d3d9_state_unlock(device);
   return hr;
}

static HRESULT WINAPI
d3d9_stateblock_Apply(IDirect3DStateBlock9 *iface)
{
   struct d3d9_stateblock *sb = impl_from_IDirect3DStateBlock9(iface);
   struct d3d9_device *device = sb->device;
   HRESULT hr = D3D_OK;

   d3d9_state_lock(device);
   if (device->recording)
      hr = D3DERR_INVALIDCALL;
   else
      d3d9_state_copy(&device->state, &device->dirty, &sb->state,
                      &sb->changed, TRUE, TRUE);
   d3d9_state_unlock(device);
   return hr;
}

static const struct IDirect3DStateBlock9Vtbl d3d9_stateblock_vtbl = {
   d3d9_stateblock_QueryInterface,
   d3d9_stateblock_AddRef,
   d3d9_stateblock_Release,
   d3d9_stateblock_GetDevice,
   d3d9_stateblock_Capture,
   d3d9_stateblock_Apply,
};

static struct d3d9_stateblock *
stateblock_alloc(struct d3d9_device *device)
{
   struct d3d9_stateblock *sb = calloc(1, sizeof(*sb));
   if (!sb)
      return NULL;
   /* Wine declares lpVtbl non-const; the table is never written. */
   sb->IDirect3DStateBlock9_iface.lpVtbl =
      (IDirect3DStateBlock9Vtbl *)&d3d9_stateblock_vtbl;
   sb->device = device;
   return sb;
}

/* The lights a new block of TYPE holds: all the device has. */
static BOOL
copy_lights(struct d3d9_state *dst, const struct d3d9_state *src)
{
   if (!src->num_lights)
      return TRUE;
   dst->lights = malloc(src->num_lights * sizeof(*dst->lights));
   if (!dst->lights)
      return FALSE;
   memcpy(dst->lights, src->lights, src->num_lights * sizeof(*dst->lights));
   dst->num_lights = src->num_lights;
   return TRUE;
}

HRESULT WINAPI
d3d9_device_CreateStateBlock(IDirect3DDevice9Ex *iface, D3DSTATEBLOCKTYPE type,
                             IDirect3DStateBlock9 **out)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   HRESULT hr = D3D_OK;

   if (!out)
      return D3DERR_INVALIDCALL;
   if (type != D3DSBT_ALL && type != D3DSBT_PIXELSTATE &&
       type != D3DSBT_VERTEXSTATE)
      return D3DERR_INVALIDCALL;

   d3d9_state_lock(device);
   struct d3d9_stateblock *sb = NULL;
   if (device->recording) {
      hr = D3DERR_INVALIDCALL;
      goto out;
   }
   if (!(sb = stateblock_alloc(device))) {
      hr = E_OUTOFMEMORY;
      goto out;
   }
   if (type == D3DSBT_ALL)
      mask_set_all(&sb->changed);
   else if (type == D3DSBT_PIXELSTATE)
      mask_set_pixel(&sb->changed);
   else
      mask_set_vertex(&sb->changed);
   if (sb->changed.lights && !copy_lights(&sb->state, &device->state)) {
      free(sb);
      sb = NULL;
      hr = E_OUTOFMEMORY;
      goto out;
   }
   /* Only the capture at creation takes stream offsets. */
   d3d9_state_copy(&sb->state, NULL, &device->state, &sb->changed, TRUE,
                   FALSE);
   sb->store_stream_offset = FALSE;
   sb->refcount = 1;
   IDirect3DDevice9Ex_AddRef(iface);
   *out = &sb->IDirect3DStateBlock9_iface;
out:
   d3d9_state_unlock(device);
   return hr;
}

/* The recording block holds no device reference until EndStateBlock
 * makes it public. */
HRESULT WINAPI
d3d9_device_BeginStateBlock(IDirect3DDevice9Ex *iface)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   HRESULT hr = D3D_OK;

   d3d9_state_lock(device);
   if (device->recording) {
      hr = D3DERR_INVALIDCALL;
   } else if (!(device->recording = stateblock_alloc(device))) {
      hr = E_OUTOFMEMORY;
   } else {
      device->recording->store_stream_offset = TRUE;
   }
   d3d9_state_unlock(device);
   return hr;
}

HRESULT WINAPI
d3d9_device_EndStateBlock(IDirect3DDevice9Ex *iface, IDirect3DStateBlock9 **out)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   HRESULT hr = D3D_OK;

   if (!out)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   struct d3d9_stateblock *sb = device->recording;
   if (!sb) {
      hr = D3DERR_INVALIDCALL;
   } else {
      device->recording = NULL;
      sb->refcount = 1;
      IDirect3DDevice9Ex_AddRef(iface);
      *out = &sb->IDirect3DStateBlock9_iface;
   }
   d3d9_state_unlock(device);
   return hr;
}

void
d3d9_stateblock_free_recording(struct d3d9_device *device)
{
   if (device->recording) {
      stateblock_free(device->recording);
      device->recording = NULL;
   }
   d3d9_state_clip_status_forget(device);
}

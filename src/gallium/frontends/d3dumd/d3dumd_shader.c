/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Vertex and pixel shaders: creation (the reader validates the bytecode),
 * their variants (the D3D9 state folded into a shader, compiled once per
 * key), binding, and the shader constants.
 */

#include <string.h>

#include "d3dumd_private.h"

#include "cso_cache/cso_context.h"
#include "compiler/nir/nir.h"
#include "pipe/p_context.h"
#include "pipe/p_screen.h"
#include "pipe/p_state.h"
#include "util/mesa-sha1.h"
#include "util/u_inlines.h"
#include "util/u_memory.h"
#include "util/u_upload_mgr.h"

static void
dump_rejected(uint64_t debug, const char *why, const UINT *code, UINT size)
{
   d3dumd_log(debug, D3DUMD_DEBUG_USER | D3DUMD_DEBUG_SHADER, "shader",
              "rejected: %s", why);
   if (debug & D3DUMD_DEBUG_SHADER)
      d3dumd_sm_dump_tokens(stderr, (const uint32_t *)code, size);
}

static HRESULT
create_shader(struct d3dumd_device *dev, enum d3dumd_sm_type type,
              const UINT *code, UINT size, HANDLE *out)
{
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, code && size, E_FAIL);

   struct d3dumd_shader *sh = CALLOC_STRUCT(d3dumd_shader);
   if (!sh)
      return d3dumd_error(debug, E_OUTOFMEMORY);
   char err[160] = "";
   if (!d3dumd_sm_read((const uint32_t *)code, size, type, &sh->prog, err,
                       sizeof(err))) {
      dump_rejected(debug, err, code, size);
      FREE(sh);
      return E_FAIL;
   }
   if (debug & D3DUMD_DEBUG_SHADER)
      d3dumd_sm_dump(stderr, &sh->prog);
   d3dumd_sm_const_layout(&sh->prog, &sh->consts);
   _mesa_sha1_compute(code, size, sh->sha1);
   sh->base.type = D3DUMD_OBJ_SHADER;
   sh->dev = dev;
   sh->base.handle = d3dumd_handle_register(sh, D3DUMD_OBJ_SHADER);
   if (!sh->base.handle) {
      d3dumd_sm_program_fini(&sh->prog);
      FREE(sh);
      return d3dumd_error(debug, E_OUTOFMEMORY);
   }
   list_addtail(&sh->link, &dev->shaders);
   *out = sh->base.handle;
   return S_OK;
}

/*
 * Deletes a vertex shader state, but not the one the last draw ran: Mesa
 * 22.3's draw module (softpipe, and any driver on draw without LLVM)
 * keeps that shader's decoded code by the address of its tokens
 * (draw_vs_exec.c), so a new shader allocated at the freed address would
 * run the deleted one's code.  That one waits until a draw has run
 * another shader (d3dumd_shader_drew).
 */
void
d3dumd_shader_delete_vs(struct d3dumd_device *dev, void *cso)
{
   struct d3dumd_state *st = &dev->state;
   if (cso == st->last_drawn_vs) {
      if (st->vs_zombie)
         dev->pipe->delete_vs_state(dev->pipe, st->vs_zombie);
      st->vs_zombie = cso;
      return;
   }
   dev->pipe->delete_vs_state(dev->pipe, cso);
}

/* After each draw: the shader it ran, and the deferred deletion. */
void
d3dumd_shader_drew(struct d3dumd_device *dev)
{
   struct d3dumd_state *st = &dev->state;
   st->last_drawn_vs = st->bound_vs;
   if (unlikely(st->vs_zombie) && st->vs_zombie != st->last_drawn_vs) {
      dev->pipe->delete_vs_state(dev->pipe, st->vs_zombie);
      st->vs_zombie = NULL;
   }
}

static void
shader_free(struct d3dumd_device *dev, struct d3dumd_shader *sh)
{
   const bool vs = sh->prog.type == D3DUMD_SM_VERTEX;
   for (struct d3dumd_shader_variant *v = sh->variants, *next; v; v = next) {
      next = v->next;
      /* A variant still bound (the state moved on, no draw rebound yet)
       * is unbound first: drivers may not delete a bound shader. */
      if (vs && dev->state.bound_vs == v->cso) {
         cso_set_vertex_shader_handle(dev->cso, NULL);
         dev->state.bound_vs = NULL;
         dev->state.dirty |= D3DUMD_DIRTY_VS;
      } else if (!vs && dev->state.bound_ps == v->cso) {
         cso_set_fragment_shader_handle(dev->cso, NULL);
         dev->state.bound_ps = NULL;
         dev->state.dirty |= D3DUMD_DIRTY_PS;
      }
      if (vs)
         d3dumd_shader_delete_vs(dev, v->cso);
      else
         dev->pipe->delete_fs_state(dev->pipe, v->cso);
      FREE(v);
   }
   d3dumd_sm_program_fini(&sh->prog);
   d3dumd_handle_release(sh->base.handle);
   list_del(&sh->link);
   sh->base.type = 0;
   FREE(sh);
}

static HRESULT APIENTRY
d3dumd_CreateVertexShaderFunc(HANDLE hDevice,
                              D3DDDIARG_CREATEVERTEXSHADERFUNC *pData,
                              const UINT *pCode)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   d3dumd_check(dev->adapter->debug, pData, E_FAIL);
   D3DUMD_TRACE(dev->adapter->debug, "Size=%u", pData->Size);
   return create_shader(dev, D3DUMD_SM_VERTEX, pCode, pData->Size,
                        &pData->ShaderHandle);
}

static HRESULT APIENTRY
d3dumd_CreatePixelShader(HANDLE hDevice, D3DDDIARG_CREATEPIXELSHADER *pData,
                         const UINT *pCode)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   d3dumd_check(dev->adapter->debug, pData, E_FAIL);
   D3DUMD_TRACE(dev->adapter->debug, "CodeSize=%u", pData->CodeSize);
   return create_shader(dev, D3DUMD_SM_PIXEL, pCode, pData->CodeSize,
                        &pData->ShaderHandle);
}

static struct d3dumd_shader *
lookup(struct d3dumd_device *dev, HANDLE h, enum d3dumd_sm_type type)
{
   struct d3dumd_shader *sh = d3dumd_shader_from_handle(h);
   return sh && sh->dev == dev && sh->prog.type == type ? sh : NULL;
}

static HRESULT
delete_shader(HANDLE hDevice, HANDLE h, enum d3dumd_sm_type type)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   struct d3dumd_shader *sh = lookup(dev, h, type);
   d3dumd_check(dev->adapter->debug, sh, E_FAIL);
   struct d3dumd_state *st = &dev->state;
   if (st->vs == sh)
      st->vs = NULL;
   if (st->ps == sh)
      st->ps = NULL;
   shader_free(dev, sh);
   return S_OK;
}

static HRESULT APIENTRY
d3dumd_DeleteVertexShaderFunc(HANDLE hDevice, HANDLE hShaderHandle)
{
   return delete_shader(hDevice, hShaderHandle, D3DUMD_SM_VERTEX);
}

static HRESULT APIENTRY
d3dumd_DeletePixelShader(HANDLE hDevice, HANDLE hShaderHandle)
{
   return delete_shader(hDevice, hShaderHandle, D3DUMD_SM_PIXEL);
}

static HRESULT
set_shader(HANDLE hDevice, HANDLE h, enum d3dumd_sm_type type)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   D3DUMD_TRACE(dev->adapter->debug, "hShaderHandle=%p", h);
   struct d3dumd_shader *sh = NULL;
   if (h) {
      sh = lookup(dev, h, type);
      d3dumd_check(dev->adapter->debug, sh, E_FAIL);
   }
   struct d3dumd_state *st = &dev->state;
   if (type == D3DUMD_SM_VERTEX && st->vs != sh) {
      st->vs = sh;
      /* (The rasteriser: whether points take the shader's size.) */
      st->dirty |= D3DUMD_DIRTY_VS | D3DUMD_DIRTY_VELEMS |
                   D3DUMD_DIRTY_VS_CONST | D3DUMD_DIRTY_VS_CONST1 |
                   D3DUMD_DIRTY_RAST | D3DUMD_DIRTY_TEXTURES;
   } else if (type == D3DUMD_SM_PIXEL && st->ps != sh) {
      /* (The blend state: targets the shader does not write keep their
       * contents.) */
      const uint32_t before = st->ps ? st->ps->prog.outputs_written & 0xf
                                     : 0xf;
      const uint32_t after = sh ? sh->prog.outputs_written & 0xf : 0xf;
      if (before != after)
         st->dirty |= D3DUMD_DIRTY_BLEND;
      st->ps = sh;
      /* (The textures: views follow the samplers' declared types.) */
      st->dirty |= D3DUMD_DIRTY_PS | D3DUMD_DIRTY_PS_CONST |
                   D3DUMD_DIRTY_PS_CONST1 | D3DUMD_DIRTY_TEXTURES;
   }
   return S_OK;
}

static HRESULT APIENTRY
d3dumd_SetVertexShaderFunc(HANDLE hDevice, HANDLE hShaderHandle)
{
   return set_shader(hDevice, hShaderHandle, D3DUMD_SM_VERTEX);
}

static HRESULT APIENTRY
d3dumd_SetPixelShader(HANDLE hDevice, HANDLE hShaderHandle)
{
   return set_shader(hDevice, hShaderHandle, D3DUMD_SM_PIXEL);
}

/* Constants: Register and Count in float4 / int4 vectors or single BOOLs
 * (DESIGN.md, "Rendering: rules"), within the file the shader models
 * have. */
static HRESULT
set_const(HANDLE hDevice, UINT reg, UINT count, const void *data,
          bool pixel, char kind)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   D3DUMD_TRACE(debug, "%s %c Register=%u Count=%u", pixel ? "ps" : "vs",
                kind, reg, count);
   d3dumd_check(debug, !count || data, E_FAIL);
   struct d3dumd_state *st = &dev->state;
   unsigned size;
   void *dst;
   switch (kind) {
   case 'f':
      size = pixel ? D3DUMD_PS_FLOAT_CONSTS : D3DUMD_VS_FLOAT_CONSTS;
      d3dumd_check(debug, reg <= size && count <= size - reg, E_FAIL);
      dst = pixel ? st->ps_f[reg] : st->vs_f[reg];
      size = count * 4 * sizeof(float);
      break;
   case 'i':
      d3dumd_check(debug, reg <= D3DUMD_SM_MAX_INT_CONST &&
                   count <= D3DUMD_SM_MAX_INT_CONST - reg, E_FAIL);
      dst = pixel ? st->ps_i[reg] : st->vs_i[reg];
      size = count * 4 * sizeof(int32_t);
      break;
   default:
      d3dumd_check(debug, reg <= D3DUMD_SM_MAX_BOOL_CONST &&
                   count <= D3DUMD_SM_MAX_BOOL_CONST - reg, E_FAIL);
      dst = pixel ? &st->ps_b[reg] : &st->vs_b[reg];
      size = count * sizeof(uint32_t);
      break;
   }
   if (size)
      memcpy(dst, data, size);
   if (kind == 'f')
      st->dirty |= pixel ? D3DUMD_DIRTY_PS_CONST : D3DUMD_DIRTY_VS_CONST;
   else
      st->dirty |= pixel ? D3DUMD_DIRTY_PS_CONST1 : D3DUMD_DIRTY_VS_CONST1;
   return S_OK;
}

static HRESULT APIENTRY
d3dumd_SetVertexShaderConst(HANDLE hDevice,
                            const D3DDDIARG_SETVERTEXSHADERCONST *pData,
                            const VOID *pRegisters)
{
   if (!pData)
      return set_const(hDevice, 0, 1, NULL, false, 'f');
   return set_const(hDevice, pData->Register, pData->Count, pRegisters,
                    false, 'f');
}

static HRESULT APIENTRY
d3dumd_SetVertexShaderConstI(HANDLE hDevice,
                             const D3DDDIARG_SETVERTEXSHADERCONST *pData,
                             const INT *pRegisters)
{
   if (!pData)
      return set_const(hDevice, 0, 1, NULL, false, 'i');
   return set_const(hDevice, pData->Register, pData->Count, pRegisters,
                    false, 'i');
}

static HRESULT APIENTRY
d3dumd_SetVertexShaderConstB(HANDLE hDevice,
                             const D3DDDIARG_SETVERTEXSHADERCONST *pData,
                             const BOOL *pRegisters)
{
   if (!pData)
      return set_const(hDevice, 0, 1, NULL, false, 'b');
   return set_const(hDevice, pData->Register, pData->Count, pRegisters,
                    false, 'b');
}

static HRESULT APIENTRY
d3dumd_SetPixelShaderConst(HANDLE hDevice,
                           const D3DDDIARG_SETPIXELSHADERCONST *pData,
                           const FLOAT *pRegisters)
{
   if (!pData)
      return set_const(hDevice, 0, 1, NULL, true, 'f');
   return set_const(hDevice, pData->Register, pData->Count, pRegisters,
                    true, 'f');
}

static HRESULT APIENTRY
d3dumd_SetPixelShaderConstI(HANDLE hDevice,
                            const D3DDDIARG_SETPIXELSHADERCONST *pData,
                            const INT *pRegisters)
{
   if (!pData)
      return set_const(hDevice, 0, 1, NULL, true, 'i');
   return set_const(hDevice, pData->Register, pData->Count, pRegisters,
                    true, 'i');
}

static HRESULT APIENTRY
d3dumd_SetPixelShaderConstB(HANDLE hDevice,
                            const D3DDDIARG_SETPIXELSHADERCONSTB *pData,
                            const BOOL *pRegisters)
{
   if (!pData)
      return set_const(hDevice, 0, 1, NULL, true, 'b');
   return set_const(hDevice, pData->Register, pData->Count, pRegisters,
                    true, 'b');
}

void
d3dumd_shader_destroy_all(struct d3dumd_device *dev)
{
   cso_set_vertex_shader_handle(dev->cso, NULL);
   cso_set_fragment_shader_handle(dev->cso, NULL);
   dev->state.bound_vs = dev->state.bound_ps = NULL;
   list_for_each_entry_safe(struct d3dumd_shader, sh, &dev->shaders, link)
      shader_free(dev, sh);
   dev->state.vs = dev->state.ps = NULL;
   if (dev->state.vs_zombie)
      dev->pipe->delete_vs_state(dev->pipe, dev->state.vs_zombie);
   dev->state.vs_zombie = dev->state.last_drawn_vs = NULL;
}

/* ps_1_1-1_3: the component D3DTTFF_PROJECTED divides stage s's
 * coordinates by (key.ps1_projected), for the stages 0-3 a shader reads:
 * the last of D3DTTFF_COUNTn's n (a count of 0 or past 4: w); COUNT1
 * has nothing to divide. */
static uint8_t
ps1_projected(const struct d3dumd_state *st, unsigned stages)
{
   uint8_t key = 0;
   for (unsigned s = 0; s < 4; s++) {
      const DWORD flags = st->tss[s][D3DDDITSS_TEXTURETRANSFORMFLAGS];
      if (!(stages & (1u << s)) || !(flags & D3DTTFF_PROJECTED))
         continue;
      unsigned count = flags & 0xff;
      if (count == 0 || count > 4)
         count = 4;
      if (count > 1)
         key |= (count - 1) << (2 * s);
   }
   return key;
}

/* Whether a vertex shader writes a point size: oPts below 3.0, an
 * output of usage PSIZE in vs_3_0. */
bool
d3dumd_shader_writes_psize(const struct d3dumd_sm_program *vs)
{
   if (vs->major < 3)
      return vs->outputs_written & (1u << 12);
   for (unsigned i = 0; i < D3DUMD_SM_MAX_OUTPUTS; i++)
      if (vs->outputs[i].declared &&
          vs->outputs[i].usage == D3DDECLUSAGE_PSIZE)
         return true;
   return false;
}

/* The key of the state folded into a shader now. */
static void
shader_key(const struct d3dumd_device *dev, const struct d3dumd_shader *sh,
           struct d3dumd_shader_key *key)
{
   const struct d3dumd_state *st = &dev->state;

   memset(key, 0, sizeof(*key));
   key->alpha_func = PIPE_FUNC_ALWAYS;
   /* Depth textures bound to the samplers the shader reads. */
   const unsigned base = sh->prog.type == D3DUMD_SM_VERTEX ?
                         D3DUMD_VS_SAMPLER_SLOT : 0;
   const unsigned count = sh->prog.type == D3DUMD_SM_VERTEX ?
                          D3DUMD_VS_SAMPLERS : D3DUMD_PS_SAMPLERS;
   for (unsigned s = 0; s < count; s++) {
      const struct d3dumd_resource *t = st->texture[base + s];
      if ((sh->prog.samplers_used & (1u << s)) && t &&
          d3dumd_is_shadow_texture(t))
         key->shadow |= 1u << s;
   }
   if (sh->prog.type == D3DUMD_SM_VERTEX) {
      key->w_one = d3dumd_vertex_w_one_inputs(dev, &sh->prog);
      /* Points on a screen that takes their size only from the vertex
       * shader (Vulkan's PointSize: zink). */
      key->point_size = st->points &&
                        !d3dumd_shader_writes_psize(&sh->prog) &&
                        !dev->screen->get_param(dev->screen,
                                                PIPE_CAP_POINT_SIZE_FIXED);
      if (!dev->has_clip_planes && st->rs[D3DRS_CLIPPING])
         key->clip_planes = st->rs[D3DRS_CLIPPLANEENABLE] & 0x3f;
   } else {
      if (!dev->has_alpha_test && st->rs[D3DRS_ALPHATESTENABLE])
         key->alpha_func = d3dumd_pipe_func(st->rs[D3DRS_ALPHAFUNC]);
      key->flatshade = !dev->has_flatshade &&
                       st->rs[D3DRS_SHADEMODE] == D3DSHADE_FLAT;
      /* Fog after shaders below 3.0: table fog from the depth, else the
       * vertex shader's oFog. */
      if (sh->prog.major < 3 && st->rs[D3DRS_FOGENABLE]) {
         switch (st->rs[D3DRS_FOGTABLEMODE]) {
         case D3DFOG_EXP:    key->fog = D3DUMD_FOG_EXP; break;
         case D3DFOG_EXP2:   key->fog = D3DUMD_FOG_EXP2; break;
         case D3DFOG_LINEAR: key->fog = D3DUMD_FOG_LINEAR; break;
         default:            key->fog = D3DUMD_FOG_VERTEX; break;
         }
         /* D3DZB_USEW: w-buffering, whose table fog is w-based (the
          * eye-space distance); the depth test itself stays z-based, as
          * the driver reports no D3DPRASTERCAPS_WBUFFER. */
         key->fog_w = key->fog >= D3DUMD_FOG_EXP &&
                      st->rs[D3DRS_ZENABLE] == D3DZB_USEW;
      }
      /* Point sprites: the texture coordinates of point lists. */
      key->point_sprite = st->points && st->rs[D3DRS_POINTSPRITEENABLE];
   }
   if (sh->prog.type == D3DUMD_SM_PIXEL && sh->prog.major == 1 &&
       sh->prog.minor < 4)
      key->ps1_projected = ps1_projected(st, sh->prog.texcoords_used);
   if (sh->prog.type == D3DUMD_SM_PIXEL) {
      for (unsigned s = 0; s < D3DUMD_PS_SAMPLERS; s++) {
         /* Only samplers without a declared type take the binding's. */
         if ((sh->prog.samplers_used & (1u << s)) &&
             !sh->prog.sampler_type[s] && st->texture[s])
            key->sampler_target[s] = st->texture[s]->target;
      }
   }
}

static struct d3dumd_shader_variant *
variant_for(struct d3dumd_device *dev, struct d3dumd_shader *sh)
{
   struct d3dumd_shader_key key;
   shader_key(dev, sh, &key);
   if (sh->current && !memcmp(&sh->current->key, &key, sizeof(key)))
      return sh->current;
   for (struct d3dumd_shader_variant *v = sh->variants; v; v = v->next) {
      if (!memcmp(&v->key, &key, sizeof(key)))
         return sh->current = v;
   }

   /* A translation an earlier run made (d3dumd_shader_cache.c), or a new
    * one, kept for the next. */
   struct disk_cache *cache = dev->adapter->shader_cache;
   uint8_t ckey[20];
   nir_shader *nir = cache ? d3dumd_shader_cache_get(cache, dev->screen, sh,
                                                     &key, ckey)
                           : NULL;
   if (nir) {
      dev->stats.shader_cache_hits++;
   } else {
      nir = d3dumd_sm_to_nir(&sh->prog, &sh->consts, &key, dev->screen);
      if (nir && cache) {
         dev->stats.shader_cache_misses++;
         d3dumd_shader_cache_put(cache, ckey, nir);
      }
   }
   if (!nir) {
      d3dumd_log(dev->adapter->debug, D3DUMD_DEBUG_USER | D3DUMD_DEBUG_SHADER,
                 __func__, "%cs_%u_%u: translation failed",
                 sh->prog.type == D3DUMD_SM_VERTEX ? 'v' : 'p',
                 sh->prog.major, sh->prog.minor);
      return NULL;
   }
   if (dev->adapter->debug & D3DUMD_DEBUG_NIR)
      nir_print_shader(nir, stderr);
   struct pipe_shader_state templ;
   memset(&templ, 0, sizeof(templ));
   templ.type = PIPE_SHADER_IR_NIR;
   templ.ir.nir = nir;
   void *cso = sh->prog.type == D3DUMD_SM_VERTEX ?
               dev->pipe->create_vs_state(dev->pipe, &templ) :
               dev->pipe->create_fs_state(dev->pipe, &templ);
   if (!cso)
      return NULL;
   struct d3dumd_shader_variant *v = CALLOC_STRUCT(d3dumd_shader_variant);
   if (!v) {
      if (sh->prog.type == D3DUMD_SM_VERTEX)
         dev->pipe->delete_vs_state(dev->pipe, cso);
      else
         dev->pipe->delete_fs_state(dev->pipe, cso);
      return NULL;
   }
   v->key = key;
   v->cso = cso;
   v->next = sh->variants;
   sh->variants = v;
   return sh->current = v;
}

/* Whether the screen draws points through the draw module's wide-point
 * stage, which moves a point by (1/8, -1/8) pixel under half-pixel
 * centres (draw_pipe_wide_point.c): softpipe, for every point.  The
 * vertex shaders' offset takes that back for point lists, so a point's
 * square covers the pixels D3D9's does (edges through pixel centres
 * included). */
static bool
draws_points_with_bias(struct pipe_screen *screen)
{
   return !strcmp(screen->get_name(screen), "softpipe");
}

/* Uploads the constants a shader reads (d3dumd_render.h): buffer 0, the
 * float constants in the shader's layout, when `floats`; buffer 1, the
 * integer, boolean and driver constants, when `others` (each changes on
 * its own: a float constant per draw uploads no buffer 1). */
static void
upload_constants(struct d3dumd_device *dev, const struct d3dumd_shader *sh,
                 bool floats, bool others)
{
   const struct d3dumd_state *st = &dev->state;
   const bool vs = sh->prog.type == D3DUMD_SM_VERTEX;
   const enum pipe_shader_type stage = vs ? PIPE_SHADER_VERTEX
                                          : PIPE_SHADER_FRAGMENT;
   const struct d3dumd_sm_const_layout *l = &sh->consts;
   const float (*f)[4] = vs ? st->vs_f : st->ps_f;
   struct pipe_resource *buf = NULL;
   unsigned offset = 0;
   void *map = NULL;

   if (floats && l->count) {
      const unsigned size = l->count * 16;
      if (l->identity) {
         u_upload_data(dev->const_uploader, 0, size, 256, f[0], &offset,
                       &buf);
      } else {
         u_upload_alloc(dev->const_uploader, 0, size, 256, &offset, &buf,
                        &map);
         if (map) {
            float (*out)[4] = map;
            for (unsigned i = 0; i < l->count; i++)
               memcpy(out[i], f[l->list[i]], 16);
         }
      }
      if (buf) {
         struct pipe_constant_buffer cb = {
            .buffer = buf, .buffer_offset = offset, .buffer_size = size,
         };
         dev->pipe->set_constant_buffer(dev->pipe, stage, 0, true, &cb);
      }
   }

   if (!others)
      return;
   buf = NULL;
   map = NULL;
   const unsigned size = D3DUMD_CB1_SLOTS * 16;
   u_upload_alloc(dev->const_uploader, 0, size, 256, &offset, &buf, &map);
   if (!map)
      return;
   uint32_t *words = map;
   memcpy(words + D3DUMD_CB1_INT_BASE * 4, vs ? st->vs_i : st->ps_i,
          sizeof(st->vs_i));
   const uint32_t *bools = vs ? st->vs_b : st->ps_b;
   for (unsigned i = 0; i < D3DUMD_SM_MAX_BOOL_CONST; i++) {
      uint32_t *slot = words + (D3DUMD_CB1_BOOL_BASE + i) * 4;
      slot[0] = bools[i] ? 1 : 0;
      slot[1] = slot[2] = slot[3] = 0;
   }
   memset(words + D3DUMD_CB1_DRIVER_BASE * 4, 0,
          D3DUMD_CB1_DRIVER_SLOTS * 16);
   float *driver = (float *)(words + D3DUMD_CB1_DRIVER_BASE * 4);
   if (vs) {
      /* The pixel offset in normalised coordinates (y points up), the
       * point size's range and the point size, and the clip planes
       * (key.clip_planes). */
      const D3DDDIARG_VIEWPORTINFO *vp = &st->viewport;
      float off[2] = { D3DUMD_PIXEL_OFFSET, D3DUMD_PIXEL_OFFSET };
      if (st->points && draws_points_with_bias(dev->screen)) {
         off[0] -= 0.125f;
         off[1] += 0.125f;
      }
      driver[0] = vp->Width ? 2.0f * off[0] / vp->Width : 0.0f;
      driver[1] = vp->Height ? -2.0f * off[1] / vp->Height : 0.0f;
      float lo, hi;
      memcpy(&lo, &st->rs[D3DRS_POINTSIZE_MIN], 4);
      memcpy(&hi, &st->rs[D3DRS_POINTSIZE_MAX], 4);
      driver[2] = lo;
      driver[3] = MIN2(hi, dev->screen->get_paramf(dev->screen,
                                                   PIPE_CAPF_MAX_POINT_SIZE));
      memcpy(driver + 4, st->clip_plane, sizeof(st->clip_plane));
      driver[28] = d3dumd_state_point_size(dev);
   } else {
      /* The alpha test's reference (key.alpha_func): 0-255 on [0, 1];
       * the fog's colour and range (key.fog). */
      driver[0] = (float)(st->rs[D3DRS_ALPHAREF] & 0xff) / 255.0f;
      const DWORD fc = st->rs[D3DRS_FOGCOLOR];
      driver[4] = ((fc >> 16) & 0xff) / 255.0f;
      driver[5] = ((fc >> 8) & 0xff) / 255.0f;
      driver[6] = (fc & 0xff) / 255.0f;
      driver[7] = 1.0f;
      float start, end, density;
      memcpy(&start, &st->rs[D3DRS_FOGSTART], 4);
      memcpy(&end, &st->rs[D3DRS_FOGEND], 4);
      memcpy(&density, &st->rs[D3DRS_FOGDENSITY], 4);
      driver[8] = start;
      driver[9] = end;
      driver[10] = density;
      driver[11] = end != start ? 1.0f / (end - start) : 0.0f;
      /* The bump-environment matrices and luminance of stages 0-7
       * (texbem, texbeml, bem), floats as the DWORDs hold them. */
      for (unsigned s = 0; s < D3DUMD_BUMP_STAGES; s++) {
         const DWORD *tss = st->tss[s];
         float *mat = driver + (D3DUMD_CB1_BUMPENV_MAT(s) -
                                D3DUMD_CB1_DRIVER_BASE) * 4;
         float *lum = driver + (D3DUMD_CB1_BUMPENV_LUM(s) -
                                D3DUMD_CB1_DRIVER_BASE) * 4 + (s & 1) * 2;
         memcpy(&mat[0], &tss[D3DDDITSS_BUMPENVMAT00], 4);
         memcpy(&mat[1], &tss[D3DDDITSS_BUMPENVMAT01], 4);
         memcpy(&mat[2], &tss[D3DDDITSS_BUMPENVMAT10], 4);
         memcpy(&mat[3], &tss[D3DDDITSS_BUMPENVMAT11], 4);
         memcpy(&lum[0], &tss[D3DDDITSS_BUMPENVLSCALE], 4);
         memcpy(&lum[1], &tss[D3DDDITSS_BUMPENVLOFFSET], 4);
      }
   }
   struct pipe_constant_buffer cb = {
      .buffer = buf, .buffer_offset = offset, .buffer_size = size,
   };
   dev->pipe->set_constant_buffer(dev->pipe, stage, 1, true, &cb);
}

/* Binds the variants the state asks for and their constants.  False:
 * nothing can be drawn (no shader, or a translation failed; logged). */
bool
d3dumd_shader_commit(struct d3dumd_device *dev, bool positiont)
{
   struct d3dumd_state *st = &dev->state;

   if ((!st->vs && !positiont) || !st->ps) {
      d3dumd_log(dev->adapter->debug, D3DUMD_DEBUG_USER, __func__,
                 "draw without a %s shader", st->ps ? "vertex" : "pixel");
      return false;
   }
   if (positiont) {
      /* The declaration's own vertex shader (d3dumd_pretransformed.c);
       * the application's stays dirty for its next draw. */
      if (!d3dumd_pretransformed_commit(dev))
         return false;
   } else if (st->dirty & (D3DUMD_DIRTY_VS | D3DUMD_DIRTY_TEXTURES |
                           D3DUMD_DIRTY_VELEMS)) {
      struct d3dumd_shader_variant *v = variant_for(dev, st->vs);
      if (!v)
         return false;
      cso_set_vertex_shader_handle(dev->cso, v->cso);
      st->bound_vs = v->cso;
   }
   if (st->dirty & (D3DUMD_DIRTY_PS | D3DUMD_DIRTY_TEXTURES)) {
      struct d3dumd_shader_variant *v = variant_for(dev, st->ps);
      if (!v)
         return false;
      cso_set_fragment_shader_handle(dev->cso, v->cso);
      st->bound_ps = v->cso;
   }
   if (st->dirty & (D3DUMD_DIRTY_PS_CONST | D3DUMD_DIRTY_PS_CONST1))
      upload_constants(dev, st->ps, st->dirty & D3DUMD_DIRTY_PS_CONST,
                       st->dirty & D3DUMD_DIRTY_PS_CONST1);
   st->dirty &= ~(D3DUMD_DIRTY_PS | D3DUMD_DIRTY_PS_CONST |
                  D3DUMD_DIRTY_PS_CONST1);
   if (positiont)
      return true;
   if (st->dirty & (D3DUMD_DIRTY_VS_CONST | D3DUMD_DIRTY_VS_CONST1))
      upload_constants(dev, st->vs, st->dirty & D3DUMD_DIRTY_VS_CONST,
                       st->dirty & D3DUMD_DIRTY_VS_CONST1);
   st->dirty &= ~(D3DUMD_DIRTY_VS | D3DUMD_DIRTY_VS_CONST |
                  D3DUMD_DIRTY_VS_CONST1);
   return true;
}

void
d3dumd_shader_fill_funcs(D3DDDI_DEVICEFUNCS *funcs)
{
   funcs->pfnCreateVertexShaderFunc = d3dumd_CreateVertexShaderFunc;
   funcs->pfnDeleteVertexShaderFunc = d3dumd_DeleteVertexShaderFunc;
   funcs->pfnSetVertexShaderFunc = d3dumd_SetVertexShaderFunc;
   funcs->pfnCreatePixelShader = d3dumd_CreatePixelShader;
   funcs->pfnDeletePixelShader = d3dumd_DeletePixelShader;
   funcs->pfnSetPixelShader = d3dumd_SetPixelShader;
   funcs->pfnSetVertexShaderConst = d3dumd_SetVertexShaderConst;
   funcs->pfnSetVertexShaderConstI = d3dumd_SetVertexShaderConstI;
   funcs->pfnSetVertexShaderConstB = d3dumd_SetVertexShaderConstB;
   funcs->pfnSetPixelShaderConst = d3dumd_SetPixelShaderConst;
   funcs->pfnSetPixelShaderConstI = d3dumd_SetPixelShaderConstI;
   funcs->pfnSetPixelShaderConstB = d3dumd_SetPixelShaderConstB;
}

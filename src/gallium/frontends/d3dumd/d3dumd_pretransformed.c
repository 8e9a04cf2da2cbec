/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Pre-transformed vertices: a declaration with a POSITIONT element
 * (D3DFVF_XYZRHW) and no vertex shader, drawn by DrawPrimitive2 and
 * DrawIndexedPrimitive2 (DESIGN.md, "Rendering: rules").  The positions
 * are screen coordinates with 1/w; the pixel shader still runs.
 *
 * The driver makes a vertex shader from the declaration, once per
 * declaration: each element is input j (vertex element j), POSITIONT
 * becomes the position, every other element the varying of its usage and
 * index (the slots d3dumd_sm_to_nir.c gives vs_3_0 outputs), so any pixel
 * shader reads colours and texture coordinates as from a vertex shader.
 * The position is taken back through the viewport transform the state
 * applies (d3dumd_state.c), so that the pixel lands where D3D9 puts it:
 *    ndc.x = (x + o - (X + W/2)) / (W/2),  ndc.y = ((Y + H/2) - y - o) / (H/2),
 *    ndc.z = (z - MinZ) / (MaxZ - MinZ),  clip = ndc / rhw, w = 1 / rhw
 * with o the pixel offset (D3DUMD_PIXEL_OFFSET) and the viewport in
 * constant buffer 0 (d3dumd_pretransformed_commit).
 */

#include <string.h>

#include "d3dumd_sm_nir.h"

#include "cso_cache/cso_context.h"
#include "pipe/p_context.h"
#include "pipe/p_screen.h"
#include "util/u_upload_mgr.h"

static nir_shader *
build(const struct d3dumd_vdecl *decl, struct pipe_screen *screen)
{
   const nir_shader_compiler_options *options =
      screen->get_compiler_options(screen, PIPE_SHADER_IR_NIR,
                                   PIPE_SHADER_VERTEX);
   nir_builder b = nir_builder_init_simple_shader(MESA_SHADER_VERTEX, options,
                                                  "d3d9 pretransformed");
   nir_shader *s = b.shader;
   unsigned outputs = 0;
   uint64_t slots = 0;

   for (unsigned j = 0; j < decl->num_elements; j++) {
      const D3DDDIVERTEXELEMENT *e = &decl->elements[j];
      nir_variable *in = nir_variable_create(s, nir_var_shader_in,
                                             glsl_vec4_type(), "v");
      in->data.location = VERT_ATTRIB_GENERIC0 + j;
      in->data.driver_location = j;
      nir_ssa_def *v = nir_load_var(&b, in);

      int slot;
      if (e->Usage == D3DDECLUSAGE_POSITIONT) {
         if (slots & BITFIELD64_BIT(VARYING_SLOT_POS))
            continue;
         /* The viewport: c0 = (X + W/2, W/2, Y + H/2, H/2),
          * c1 = (MinZ, MaxZ - MinZ). */
         nir_ssa_def *c0 = nir_load_uniform(&b, 4, 32, nir_imm_int(&b, 0),
                                            .base = 0, .range = 2,
                                            .dest_type = nir_type_float32);
         nir_ssa_def *c1 = nir_load_uniform(&b, 4, 32, nir_imm_int(&b, 0),
                                            .base = 1, .range = 1,
                                            .dest_type = nir_type_float32);
         nir_ssa_def *x = nir_fdiv(&b, nir_fsub(&b, nir_channel(&b, v, 0),
                                                nir_channel(&b, c0, 0)),
                                   nir_channel(&b, c0, 1));
         nir_ssa_def *y = nir_fdiv(&b, nir_fsub(&b, nir_channel(&b, c0, 2),
                                                nir_channel(&b, v, 1)),
                                   nir_channel(&b, c0, 3));
         nir_ssa_def *range = nir_channel(&b, c1, 1);
         nir_ssa_def *z = nir_bcsel(&b, nir_feq(&b, range, nir_imm_float(&b, 0.0f)),
                                    nir_imm_float(&b, 0.0f),
                                    nir_fdiv(&b, nir_fsub(&b,
                                                 nir_channel(&b, v, 2),
                                                 nir_channel(&b, c1, 0)),
                                             range));
         /* rhw 0 (or missing): w = 1. */
         nir_ssa_def *rhw = nir_channel(&b, v, 3);
         nir_ssa_def *w = nir_bcsel(&b, nir_feq(&b, rhw, nir_imm_float(&b, 0.0f)),
                                    nir_imm_float(&b, 1.0f),
                                    nir_frcp(&b, rhw));
         v = nir_vec4(&b, nir_fmul(&b, x, w), nir_fmul(&b, y, w),
                      nir_fmul(&b, z, w), w);
         slot = VARYING_SLOT_POS;
      } else {
         slot = d3dumd_sm_varying_slot(e->Usage, e->UsageIndex);
         if (slot == VARYING_SLOT_POS || (slots & BITFIELD64_BIT(slot)))
            continue;
      }
      slots |= BITFIELD64_BIT(slot);
      const bool scalar = slot == VARYING_SLOT_PSIZ ||
                          slot == VARYING_SLOT_FOGC;
      nir_variable *out = nir_variable_create(s, nir_var_shader_out,
                                              scalar ? glsl_float_type()
                                                     : glsl_vec4_type(),
                                              "o");
      out->data.location = slot;
      out->data.driver_location = outputs++;
      out->data.interpolation =
         slot == VARYING_SLOT_COL0 || slot == VARYING_SLOT_COL1 ?
         INTERP_MODE_NONE : INTERP_MODE_SMOOTH;
      nir_store_var(&b, out, scalar ? nir_channel(&b, v, 0) : v,
                    scalar ? 1 : 0xf);
   }
   s->num_inputs = decl->num_elements;
   s->num_outputs = outputs;
   s->num_uniforms = 2;
   if (s->options->lower_uniforms_to_ubo)
      NIR_PASS_V(s, nir_lower_uniforms_to_ubo, false, false);
   nir_shader_gather_info(s, nir_shader_get_entrypoint(s));
   if (screen->finalize_nir) {
      char *msg = screen->finalize_nir(screen, s);
      free(msg);
   }
   return s;
}

/* Binds the declaration's vertex shader (made on first use) and its
 * viewport constants.  False: it could not be made (logged). */
bool
d3dumd_pretransformed_commit(struct d3dumd_device *dev)
{
   struct d3dumd_state *st = &dev->state;
   struct d3dumd_vdecl *decl = st->vdecl;

   if (!decl->positiont_vs) {
      struct pipe_shader_state templ;
      memset(&templ, 0, sizeof(templ));
      templ.type = PIPE_SHADER_IR_NIR;
      templ.ir.nir = build(decl, dev->screen);
      if (dev->adapter->debug & D3DUMD_DEBUG_NIR)
         nir_print_shader(templ.ir.nir, stderr);
      decl->positiont_vs = dev->pipe->create_vs_state(dev->pipe, &templ);
      if (!decl->positiont_vs) {
         d3dumd_log(dev->adapter->debug, D3DUMD_DEBUG_USER, __func__,
                    "no vertex shader for pre-transformed vertices");
         return false;
      }
   }
   if (st->bound_vs != decl->positiont_vs) {
      cso_set_vertex_shader_handle(dev->cso, decl->positiont_vs);
      st->bound_vs = decl->positiont_vs;
      /* The application's shader goes back at its next draw. */
      st->dirty |= D3DUMD_DIRTY_VS | D3DUMD_DIRTY_VS_CONST |
                   D3DUMD_DIRTY_VELEMS;
   }
   const D3DDDIARG_VIEWPORTINFO *vp = &st->viewport;
   /* D3DUMD_PIXEL_OFFSET: window = D3D9 screen position + offset. */
   const float c[8] = {
      vp->X + vp->Width * 0.5f - D3DUMD_PIXEL_OFFSET, vp->Width * 0.5f,
      vp->Y + vp->Height * 0.5f - D3DUMD_PIXEL_OFFSET, vp->Height * 0.5f,
      st->min_z, st->max_z - st->min_z, 0, 0,
   };
   struct pipe_constant_buffer cb = { .buffer_size = sizeof(c) };
   u_upload_data(dev->const_uploader, 0, sizeof(c), 256, c,
                 &cb.buffer_offset, &cb.buffer);
   if (!cb.buffer)
      return false;
   dev->pipe->set_constant_buffer(dev->pipe, PIPE_SHADER_VERTEX, 0, true,
                                  &cb);
   return true;
}

/* A declaration is going: its shader too (unbound first). */
void
d3dumd_pretransformed_release(struct d3dumd_device *dev,
                              struct d3dumd_vdecl *decl)
{
   if (!decl->positiont_vs)
      return;
   if (dev->state.bound_vs == decl->positiont_vs) {
      cso_set_vertex_shader_handle(dev->cso, NULL);
      dev->state.bound_vs = NULL;
      dev->state.dirty |= D3DUMD_DIRTY_VS;
   }
   d3dumd_shader_delete_vs(dev, decl->positiont_vs);
   decl->positiont_vs = NULL;
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * D3D9 shader programs (decoded and validated by d3dumd_sm_reader.c) to
 * NIR: registers, inputs and outputs and their linkage, constants,
 * operands and modifiers, flow control and subroutines, and the passes
 * that hand the result to a Gallium driver.  Arithmetic and texturing are
 * in d3dumd_sm_nir_alu.c.
 *
 * Registers are shader_temp variables (subroutines are NIR functions that
 * share them; they are inlined at the end) and become SSA.  Outputs are
 * written to temporaries and stored once at the end, as D3D9 lets a shader
 * write an output in pieces.
 *
 * Linkage: D3D9 links a vs_3_0's outputs to a ps_3_0's inputs by usage and
 * usage index; Gallium links by varying slot.  Every (usage, index) has one
 * fixed slot (d3dumd_sm_varying_slot), so any vertex shader links with any
 * pixel shader without a per-pair variant.  Colours use the COL slots with
 * colour interpolation, so that D3DSHADE_FLAT applies to them only.
 */

#include <string.h>

#include "d3dumd_sm_nir.h"

#include "compiler/nir/nir_builtin_builder.h"

#include "pipe/p_screen.h"
#include "util/u_math.h"

/* The varying slot of a (usage, index) pair, for vs outputs and ps
 * inputs alike.  POSITION 0, PSIZE and FOG have their own slots in a
 * vertex shader's output. */
gl_varying_slot
d3dumd_sm_varying_slot(unsigned usage, unsigned index)
{
   switch (usage) {
   case D3DDECLUSAGE_TEXCOORD:
      return VARYING_SLOT_VAR0 + MIN2(index, 15);
   case D3DDECLUSAGE_COLOR:
      return index < 2 ? VARYING_SLOT_COL0 + index
                       : VARYING_SLOT_VAR16 + MIN2(index - 2, 1);
   case D3DDECLUSAGE_NORMAL:
      return VARYING_SLOT_VAR18 + MIN2(index, 3);
   case D3DDECLUSAGE_TANGENT:
      return VARYING_SLOT_VAR22 + MIN2(index, 1);
   case D3DDECLUSAGE_BINORMAL:
      return VARYING_SLOT_VAR24 + MIN2(index, 1);
   case D3DDECLUSAGE_BLENDWEIGHT:
      return VARYING_SLOT_VAR26 + MIN2(index, 1);
   case D3DDECLUSAGE_BLENDINDICES:
      return VARYING_SLOT_VAR28;
   case D3DDECLUSAGE_POSITION:
      return VARYING_SLOT_VAR29 + MIN2(index, 1);
   case D3DDECLUSAGE_FOG:
      return VARYING_SLOT_FOGC;
   case D3DDECLUSAGE_PSIZE:
      return VARYING_SLOT_PSIZ;
   default:
      return VARYING_SLOT_VAR31;
   }
}

static nir_variable *
temp_var(struct d3dumd_sm_ctx *c, const char *name, const struct glsl_type *t)
{
   return nir_variable_create(c->b.shader, nir_var_shader_temp, t, name);
}

/* The sprite coordinate of a point (key.point_sprite) as a texture
 * coordinate: (u, v, 0, 1), (0, 0) at the square's top left. */
static nir_ssa_def *
point_coord(struct d3dumd_sm_ctx *c)
{
   nir_builder *b = &c->b;
   nir_ssa_def *pc = nir_load_var(b, c->pntc);
   return nir_vec4(b, nir_channel(b, pc, 0), nir_channel(b, pc, 1),
                   nir_imm_float(b, 0.0f), nir_imm_float(b, 1.0f));
}

nir_ssa_def *
d3dumd_sm_texcoord(struct d3dumd_sm_ctx *c, unsigned i)
{
   /* Point sprites: every stage's coordinates are the sprite's. */
   if (c->pntc)
      return point_coord(c);
   if (i < 8 && c->tc_vars[i])
      return nir_load_var(&c->b, c->tc_vars[i]);
   return nir_imm_vec4(&c->b, 0, 0, 0, 0);
}

static nir_variable *
reg_r(struct d3dumd_sm_ctx *c, unsigned i)
{
   return c->r[MIN2(i, D3DUMD_SM_MAX_TEMPS - 1)];
}

/* The float constants a program reads: every absolute c# source (the
 * matrix instructions read 2 to 4 consecutive ones), or the whole file
 * when any read is relative. */
void
d3dumd_sm_const_layout(const struct d3dumd_sm_program *prog,
                       struct d3dumd_sm_const_layout *l)
{
   const bool vs = prog->type == D3DUMD_SM_VERTEX;
   memset(l, 0, sizeof(*l));
   memset(l->slot, 0xff, sizeof(l->slot));
   l->file_size = vs ? D3DUMD_VS_FLOAT_CONSTS
                     : prog->major >= 3 ? D3DUMD_PS_FLOAT_CONSTS
                     : prog->major == 2 ? 32 : 8;
   bool read[D3DUMD_SM_MAX_FLOAT_CONST] = { false };
   for (unsigned n = 0; n < prog->num_instrs; n++) {
      const struct d3dumd_sm_instr *in = &prog->instrs[n];
      unsigned rows = 1;
      switch (in->opcode) {
      case D3DSIO_M4x4: case D3DSIO_M3x4: rows = 4; break;
      case D3DSIO_M4x3: case D3DSIO_M3x3: rows = 3; break;
      case D3DSIO_M3x2: rows = 2; break;
      default: break;
      }
      for (unsigned i = 0; i < in->num_srcs; i++) {
         const struct d3dumd_sm_reg *r = &in->src[i].reg;
         if (r->file != D3DSPR_CONST)
            continue;
         if (r->relative)
            l->identity = true;
         for (unsigned k = 0; k < (i == 1 ? rows : 1); k++)
            if (r->index + k < l->file_size)
               read[r->index + k] = true;
      }
   }
   if (l->identity) {
      l->count = l->file_size;
      for (unsigned i = 0; i < l->file_size; i++) {
         l->slot[i] = i < 0xff ? i : 0xff;
         l->list[i] = i;
      }
      return;
   }
   for (unsigned i = 0; i < l->file_size; i++) {
      if (read[i]) {
         l->slot[i] = l->count;
         l->list[l->count++] = i;
      }
   }
}

/* Float constant register index (+ plus) as a vec4: a def'd value, or
 * buffer 0, for relative reads as well.  Relative reads past the
 * constant file read zero. */
nir_ssa_def *
d3dumd_sm_float_const(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_src *src,
                      unsigned plus)
{
   nir_builder *b = &c->b;
   const unsigned index = src->reg.index + plus;
   const struct d3dumd_sm_const_layout *l = c->consts;

   if (!src->reg.relative) {
      if (index < D3DUMD_SM_MAX_FLOAT_CONST && c->def_f[index])
         return nir_imm_vec4(b, c->def_fv[index][0], c->def_fv[index][1],
                             c->def_fv[index][2], c->def_fv[index][3]);
      if (index >= l->file_size)
         return nir_imm_vec4(b, 0, 0, 0, 0);
      const unsigned slot = l->identity ? index : l->slot[index];
      if (slot >= l->count)
         return nir_imm_vec4(b, 0, 0, 0, 0);
      return nir_load_uniform(b, 4, 32, nir_imm_int(b, 0), .base = slot,
                              .range = 1, .dest_type = nir_type_float32);
   }
   /* Relative: the layout is the identity over the whole file. */
   nir_ssa_def *rel;
   if (src->reg.rel_file == D3DSPR_LOOP)
      rel = nir_load_var(b, c->al);
   else
      rel = nir_channel(b, nir_load_var(b, c->a0), src->reg.rel_component);
   const unsigned nf = l->file_size;
   nir_ssa_def *abs = nir_iadd_imm(b, rel, index);
   nir_ssa_def *in_range = nir_ult(b, abs, nir_imm_int(b, nf));
   nir_ssa_def *safe = nir_bcsel(b, in_range, abs, nir_imm_int(b, 0));
   nir_ssa_def *v = nir_load_uniform(b, 4, 32, safe, .base = 0, .range = nf,
                                     .dest_type = nir_type_float32);
   v = nir_bcsel(b, in_range, v, nir_imm_vec4(b, 0, 0, 0, 0));
   /* A def'd register is the shader's value for relative reads too
    * (Wine's test_mova): one select per def. */
   for (unsigned d = 0; d < D3DUMD_SM_MAX_FLOAT_CONST && d < nf; d++) {
      if (c->def_f[d])
         v = nir_bcsel(b, nir_ieq_imm(b, abs, d),
                       nir_imm_vec4(b, c->def_fv[d][0], c->def_fv[d][1],
                                    c->def_fv[d][2], c->def_fv[d][3]),
                       v);
   }
   return v;
}

/* A vec4 slot of constant buffer 1: load_ubo of the buffer that is 1
 * once uniforms are lowered to buffer 0 (or directly, where the driver
 * takes uniforms as such). */
static nir_ssa_def *
cb1_load(struct d3dumd_sm_ctx *c, unsigned slot, unsigned comps)
{
   nir_builder *b = &c->b;
   const unsigned index = b->shader->options->lower_uniforms_to_ubo ? 0 : 1;
   return nir_load_ubo(b, comps, 32, nir_imm_int(b, index),
                       nir_imm_int(b, slot * 16), .align_mul = 16,
                       .align_offset = 0, .range_base = slot * 16,
                       .range = comps * 4);
}

nir_ssa_def *
d3dumd_sm_cb1_load(struct d3dumd_sm_ctx *c, unsigned slot, unsigned comps)
{
   return cb1_load(c, slot, comps);
}

static nir_ssa_def *
int_const(struct d3dumd_sm_ctx *c, unsigned index)
{
   nir_builder *b = &c->b;
   if (c->def_i[index])
      return nir_imm_ivec4(b, c->def_iv[index][0], c->def_iv[index][1],
                           c->def_iv[index][2], c->def_iv[index][3]);
   return cb1_load(c, D3DUMD_CB1_INT_BASE + index, 4);
}

static nir_ssa_def *
bool_const(struct d3dumd_sm_ctx *c, unsigned index)
{
   nir_builder *b = &c->b;
   if (c->def_b[index])
      return nir_imm_bool(b, c->def_bv[index]);
   return nir_ine_imm(b, cb1_load(c, D3DUMD_CB1_BOOL_BASE + index, 1), 0);
}

/* The unswizzled value of a source register. */
static nir_ssa_def *
read_reg(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_src *src)
{
   nir_builder *b = &c->b;
   const unsigned i = src->reg.index;

   switch (src->reg.file) {
   case D3DSPR_TEMP:
      return nir_load_var(b, reg_r(c, i));
   case D3DSPR_CONST:
      return d3dumd_sm_float_const(c, src, 0);
   case D3DSPR_INPUT:
      if (src->reg.relative) {
         /* ps_3_0 v[aL]: a select over the declared inputs. */
         nir_ssa_def *vals[D3DUMD_SM_MAX_INPUTS];
         for (unsigned j = 0; j < D3DUMD_SM_MAX_INPUTS; j++)
            vals[j] = (c->sprite_inputs & (1u << j)) ? point_coord(c) :
                      c->in_vars[j] ? nir_load_var(b, c->in_vars[j])
                                    : nir_imm_vec4(b, 0, 0, 0, 0);
         nir_ssa_def *idx = nir_iadd_imm(b, nir_load_var(b, c->al), i);
         idx = nir_umin(b, idx, nir_imm_int(b, D3DUMD_SM_MAX_INPUTS - 1));
         return nir_select_from_ssa_def_array(b, vals, D3DUMD_SM_MAX_INPUTS,
                                              idx);
      }
      if (i < D3DUMD_SM_MAX_INPUTS && (c->sprite_inputs & (1u << i)))
         return point_coord(c);
      if (i < D3DUMD_SM_MAX_INPUTS && c->in_vars[i]) {
         nir_ssa_def *v = nir_load_var(b, c->in_vars[i]);
         if (c->vs && (c->key->w_one & (1u << i)))
            v = nir_vector_insert_imm(b, v, nir_imm_float(b, 1.0f), 3);
         return v;
      }
      return nir_imm_vec4(b, 0, 0, 0, 0);
   case D3DSPR_ADDR: /* == D3DSPR_TEXTURE */
      if (c->vs)
         return nir_i2f32(b, nir_load_var(b, c->a0));
      /* ps_1_1-1_3: t# are registers the texture instructions write. */
      if (i < 8 && c->t_regs[0])
         return nir_load_var(b, c->t_regs[i]);
      return d3dumd_sm_texcoord(c, i);
   case D3DSPR_CONSTINT:
      return nir_i2f32(b, int_const(c, i));
   case D3DSPR_CONSTBOOL:
      return nir_b2f32(b, bool_const(c, i));
   case D3DSPR_LOOP:
      return nir_i2f32(b, nir_vec4(b, nir_load_var(b, c->al),
                                   nir_load_var(b, c->al),
                                   nir_load_var(b, c->al),
                                   nir_load_var(b, c->al)));
   case D3DSPR_PREDICATE:
      return nir_b2f32(b, nir_load_var(b, c->p0));
   case D3DSPR_MISCTYPE:
      if (i == D3DSMO_POSITION && c->vpos) {
         /* Gallium's fragment coordinates are pixel centres, half a
          * pixel in; D3D9's vPos is integer. */
         nir_ssa_def *p = nir_load_var(b, c->vpos);
         return nir_vec4(b, nir_fadd_imm(b, nir_channel(b, p, 0), -0.5f),
                         nir_fadd_imm(b, nir_channel(b, p, 1), -0.5f),
                         nir_channel(b, p, 2), nir_channel(b, p, 3));
      }
      if (i == D3DSMO_FACE && c->vface) {
         /* vFace: positive on front (clockwise) faces. */
         nir_ssa_def *f = nir_bcsel(b, nir_load_var(b, c->vface),
                                    nir_imm_float(b, 1.0f),
                                    nir_imm_float(b, -1.0f));
         return nir_vec4(b, f, f, f, f);
      }
      return nir_imm_vec4(b, 0, 0, 0, 0);
   default:
      c->failed = true;
      return nir_imm_vec4(b, 0, 0, 0, 0);
   }
}

static nir_ssa_def *
apply_srcmod(nir_builder *b, nir_ssa_def *v, unsigned mod)
{
   switch (mod) {
   case D3DUMD_SM_SRCMOD_NEG:     return nir_fneg(b, v);
   case D3DUMD_SM_SRCMOD_BIAS:    return nir_fadd_imm(b, v, -0.5f);
   case D3DUMD_SM_SRCMOD_BIASNEG: return nir_fneg(b, nir_fadd_imm(b, v, -0.5f));
   case D3DUMD_SM_SRCMOD_SIGN:    return nir_ffma_imm12(b, v, 2.0f, -1.0f);
   case D3DUMD_SM_SRCMOD_SIGNNEG:
      return nir_fneg(b, nir_ffma_imm12(b, v, 2.0f, -1.0f));
   case D3DUMD_SM_SRCMOD_COMP:    return nir_fsub(b, nir_imm_float(b, 1.0f), v);
   case D3DUMD_SM_SRCMOD_X2:      return nir_fmul_imm(b, v, 2.0f);
   case D3DUMD_SM_SRCMOD_X2NEG:   return nir_fmul_imm(b, v, -2.0f);
   case D3DUMD_SM_SRCMOD_ABS:     return nir_fabs(b, v);
   case D3DUMD_SM_SRCMOD_ABSNEG:  return nir_fneg(b, nir_fabs(b, v));
   case D3DUMD_SM_SRCMOD_DZ:
      return nir_fdiv(b, v, nir_channel(b, v, 2));
   case D3DUMD_SM_SRCMOD_DW:
      return nir_fdiv(b, v, nir_channel(b, v, 3));
   default:                       return v;
   }
}

nir_ssa_def *
d3dumd_sm_src_n(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_src *src,
                unsigned n)
{
   nir_builder *b = &c->b;
   nir_ssa_def *v = read_reg(c, src);
   unsigned swz[4] = { src->swizzle[0], src->swizzle[1], src->swizzle[2],
                       src->swizzle[3] };
   v = nir_swizzle(b, v, swz, n);
   return apply_srcmod(b, v, src->mod);
}

nir_ssa_def *
d3dumd_sm_src(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_src *src)
{
   return d3dumd_sm_src_n(c, src, 4);
}

/* Scalar instructions read the replicated component; a source written
 * without a swizzle (.xyzw) gives its w (the D3D9 rule for rcp, rsq,
 * exp, log, ...). */
nir_ssa_def *
d3dumd_sm_src_scalar(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_src *src)
{
   const bool identity = src->swizzle[0] == 0 && src->swizzle[1] == 1 &&
                         src->swizzle[2] == 2 && src->swizzle[3] == 3;
   nir_ssa_def *v = d3dumd_sm_src(c, src);
   return nir_channel(&c->b, v, identity ? 3 : 0);
}

nir_ssa_def *
d3dumd_sm_predicate(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_src *pred)
{
   nir_builder *b = &c->b;
   unsigned swz[4] = { pred->swizzle[0], pred->swizzle[1], pred->swizzle[2],
                       pred->swizzle[3] };
   nir_ssa_def *p = nir_swizzle(b, nir_load_var(b, c->p0), swz, 4);
   return pred->mod == D3DUMD_SM_SRCMOD_NOT ? nir_inot(b, p) : p;
}

/* The variable a destination register is, or NULL. */
static nir_variable *
dst_var(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_reg *reg)
{
   const unsigned i = reg->index;
   int slot = -1;

   switch (reg->file) {
   case D3DSPR_TEMP:
      return reg_r(c, i);
   case D3DSPR_TEXTURE:
      return c->ps && i < 8 ? c->t_regs[i] : NULL;
   case D3DSPR_PREDICATE:
      return c->p0;
   case D3DSPR_RASTOUT:
      slot = i == 0 ? c->out_pos : i == 1 ? c->out_fog : c->out_pts;
      break;
   case D3DSPR_ATTROUT:
      slot = i < 2 ? c->out_d[i] : -1;
      break;
   case D3DSPR_TEXCRDOUT: /* == D3DSPR_OUTPUT */
      if (c->prog->major >= 3)
         slot = i < 12 ? c->out_o[i] : -1;
      else
         slot = i < 8 ? c->out_t[i] : -1;
      break;
   case D3DSPR_COLOROUT:
      slot = i < 4 ? c->out_c[i] : -1;
      break;
   case D3DSPR_DEPTHOUT:
      slot = c->out_depth;
      break;
   default:
      break;
   }
   if (slot < 0)
      return NULL;
   return c->out[slot];
}

void
d3dumd_sm_dst(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_instr *in,
              nir_ssa_def *value)
{
   nir_builder *b = &c->b;
   const struct d3dumd_sm_dst *dst = &in->dst;
   unsigned mask = dst->write_mask;

   if (value->num_components == 1)
      value = nir_vec4(b, value, value, value, value);
   else if (value->num_components < 4)
      value = nir_pad_vector(b, value, 4);

   if (dst->reg.file == D3DSPR_ADDR && c->vs) {
      /* a0: vs_2_0+ mova rounds to nearest, vs_1_1's mov floors. */
      nir_ssa_def *i = in->opcode == D3DSIO_MOVA ?
                       nir_f2i32(b, nir_fround_even(b, value)) :
                       nir_f2i32(b, nir_ffloor(b, value));
      nir_ssa_def *old = nir_load_var(b, c->a0);
      if (in->predicated) {
         nir_ssa_def *p = d3dumd_sm_predicate(c, &in->predicate);
         i = nir_bcsel(b, p, i, old);
      }
      nir_store_var(b, c->a0, i, mask);
      return;
   }
   if (dst->reg.file == D3DSPR_PREDICATE) {
      /* setp writes booleans (d3dumd_sm_nir_alu.c). */
      nir_store_var(b, c->p0, value, mask);
      return;
   }

   if (dst->shift)
      value = nir_fmul_imm(b, value, ldexpf(1.0f, dst->shift));
   if (dst->saturate)
      value = nir_fsat(b, value);

   if (dst->reg.relative) {
      /* vs_3_0 o[aL]: stores into each output the index can name. */
      nir_ssa_def *idx = nir_iadd_imm(b, nir_load_var(b, c->al),
                                      dst->reg.index);
      for (unsigned j = 0; j < 12; j++) {
         if (c->out_o[j] < 0)
            continue;
         nir_push_if(b, nir_ieq_imm(b, idx, j));
         nir_store_var(b, c->out[c->out_o[j]], value, mask);
         nir_pop_if(b, NULL);
      }
      return;
   }

   nir_variable *var = dst_var(c, &dst->reg);
   if (!var)
      return; /* an output the shader never declared: dropped */
   if (in->predicated) {
      nir_ssa_def *p = d3dumd_sm_predicate(c, &in->predicate);
      value = nir_bcsel(b, p, value, nir_load_var(b, var));
   }
   nir_store_var(b, var, value, mask);
}

/* Flow control. */

struct cf_frame {
   enum { CF_IF, CF_LOOP, CF_REP } kind;
   nir_if *nif;
   nir_loop *loop;
   nir_variable *iter;   /* iterations so far */
   nir_ssa_def *step;    /* loop: aL step */
   nir_variable *saved_al;
};

static nir_ssa_def *
compare(nir_builder *b, unsigned op, nir_ssa_def *x, nir_ssa_def *y)
{
   switch (op) {
   case D3DSPC_GT: return nir_flt(b, y, x);
   case D3DSPC_EQ: return nir_feq(b, x, y);
   case D3DSPC_GE: return nir_fge(b, x, y);
   case D3DSPC_LT: return nir_flt(b, x, y);
   case D3DSPC_NE: return nir_fneu(b, x, y);
   case D3DSPC_LE: return nir_fge(b, y, x);
   default:        return nir_imm_false(b);
   }
}

/* if b# / if [!]p0.c, callnz's and breakp's conditions. */
static nir_ssa_def *
bool_src(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_src *src)
{
   nir_builder *b = &c->b;
   nir_ssa_def *v;
   if (src->reg.file == D3DSPR_PREDICATE)
      v = nir_channel(b, nir_load_var(b, c->p0), src->swizzle[0]);
   else
      v = bool_const(c, src->reg.index);
   return src->mod == D3DUMD_SM_SRCMOD_NOT ? nir_inot(b, v) : v;
}

/* D3D9 caps loop and rep counts at 255 iterations; a hostile count
 * cannot hang the GPU. */
#define D3DUMD_SM_MAX_ITERATIONS 255

static void
begin_loop(struct d3dumd_sm_ctx *c, struct cf_frame *f, nir_ssa_def *count,
           nir_ssa_def *start, nir_ssa_def *step)
{
   nir_builder *b = &c->b;

   f->iter = nir_local_variable_create(b->impl, glsl_int_type(), "iter");
   nir_store_var(b, f->iter, nir_imm_int(b, 0), 1);
   count = nir_imin(b, nir_imax(b, count, nir_imm_int(b, 0)),
                    nir_imm_int(b, D3DUMD_SM_MAX_ITERATIONS));
   if (start) {
      f->saved_al = nir_local_variable_create(b->impl, glsl_int_type(),
                                              "saved_al");
      nir_store_var(b, f->saved_al, nir_load_var(b, c->al), 1);
      nir_store_var(b, c->al, start, 1);
      f->step = step;
   }
   f->loop = nir_push_loop(b);
   nir_push_if(b, nir_ige(b, nir_load_var(b, f->iter), count));
   nir_jump(b, nir_jump_break);
   nir_pop_if(b, NULL);
}

static void
end_loop(struct d3dumd_sm_ctx *c, struct cf_frame *f)
{
   nir_builder *b = &c->b;

   nir_store_var(b, f->iter, nir_iadd_imm(b, nir_load_var(b, f->iter), 1), 1);
   if (f->kind == CF_LOOP)
      nir_store_var(b, c->al, nir_iadd(b, nir_load_var(b, c->al), f->step), 1);
   nir_pop_loop(b, f->loop);
   if (f->kind == CF_LOOP)
      nir_store_var(b, c->al, nir_load_var(b, f->saved_al), 1);
}

static void
emit_call(struct d3dumd_sm_ctx *c, unsigned label)
{
   if (label >= D3DUMD_SM_MAX_LABELS || !c->labels[label]) {
      c->failed = true;
      return;
   }
   nir_call_instr *call = nir_call_instr_create(c->b.shader, c->labels[label]);
   nir_builder_instr_insert(&c->b, &call->instr);
}

/* Translates instructions [first, end) into the builder's current impl;
 * `end` is the first LABEL after them or the program's end. */
static void
emit_body(struct d3dumd_sm_ctx *c, unsigned first, unsigned end, bool main)
{
   nir_builder *b = &c->b;
   struct cf_frame stack[D3DUMD_SM_MAX_NESTING + 1];
   unsigned depth = 0;

   for (unsigned n = first; n < end && !c->failed; n++) {
      const struct d3dumd_sm_instr *in = &c->prog->instrs[n];
      struct cf_frame *f;

      switch (in->opcode) {
      case D3DSIO_NOP:
      case D3DSIO_DCL:
      case D3DSIO_DEF:
      case D3DSIO_DEFI:
      case D3DSIO_DEFB:
      case D3DSIO_COMMENT:
      case D3DSIO_PHASE:
      case D3DSIO_END:
         break;
      case D3DSIO_IF:
         f = &stack[depth++];
         f->kind = CF_IF;
         f->nif = nir_push_if(b, bool_src(c, &in->src[0]));
         break;
      case D3DSIO_IFC:
         f = &stack[depth++];
         f->kind = CF_IF;
         f->nif = nir_push_if(b, compare(b, in->control,
                                         d3dumd_sm_src_scalar(c, &in->src[0]),
                                         d3dumd_sm_src_scalar(c, &in->src[1])));
         break;
      case D3DSIO_ELSE:
         if (!depth || stack[depth - 1].kind != CF_IF) {
            c->failed = true;
            break;
         }
         nir_push_else(b, stack[depth - 1].nif);
         break;
      case D3DSIO_ENDIF:
         if (!depth || stack[depth - 1].kind != CF_IF) {
            c->failed = true;
            break;
         }
         nir_pop_if(b, stack[--depth].nif);
         break;
      case D3DSIO_LOOP: {
         /* loop aL, i#: i.x iterations, aL from i.y by i.z. */
         f = &stack[depth++];
         f->kind = CF_LOOP;
         nir_ssa_def *i = int_const(c, in->src[1].reg.index);
         begin_loop(c, f, nir_channel(b, i, 0), nir_channel(b, i, 1),
                    nir_channel(b, i, 2));
         break;
      }
      case D3DSIO_REP: {
         f = &stack[depth++];
         f->kind = CF_REP;
         nir_ssa_def *i = int_const(c, in->src[0].reg.index);
         begin_loop(c, f, nir_channel(b, i, 0), NULL, NULL);
         break;
      }
      case D3DSIO_ENDLOOP:
      case D3DSIO_ENDREP:
         if (!depth || stack[depth - 1].kind == CF_IF) {
            c->failed = true;
            break;
         }
         end_loop(c, &stack[--depth]);
         break;
      case D3DSIO_BREAK:
         nir_jump(b, nir_jump_break);
         break;
      case D3DSIO_BREAKC:
         nir_push_if(b, compare(b, in->control,
                                d3dumd_sm_src_scalar(c, &in->src[0]),
                                d3dumd_sm_src_scalar(c, &in->src[1])));
         nir_jump(b, nir_jump_break);
         nir_pop_if(b, NULL);
         break;
      case D3DSIO_BREAKP:
         nir_push_if(b, bool_src(c, &in->src[0]));
         nir_jump(b, nir_jump_break);
         nir_pop_if(b, NULL);
         break;
      case D3DSIO_CALL:
         emit_call(c, in->src[0].reg.index);
         break;
      case D3DSIO_CALLNZ:
         nir_push_if(b, bool_src(c, &in->src[1]));
         emit_call(c, in->src[0].reg.index);
         nir_pop_if(b, NULL);
         break;
      case D3DSIO_RET:
         /* The last ret of a body is its end; any other returns. */
         if (n + 1 < end || depth)
            nir_jump(b, nir_jump_return);
         break;
      case D3DSIO_LABEL:
         c->failed = true;
         break;
      default:
         if (!d3dumd_sm_emit_alu(c, in) && !d3dumd_sm_emit_tex(c, in) &&
             !d3dumd_sm_emit_tex1x(c, in)) {
            d3dumd_log(d3dumd_debug_flags(), D3DUMD_DEBUG_SHADER, __func__,
                       "token %u: opcode %s not translated", in->offset,
                       d3dumd_sm_opcode_name(in->opcode));
            c->failed = true;
         }
         break;
      }
   }
   (void)main;
   if (depth)
      c->failed = true;
}

/* Inputs and outputs. */

static nir_variable *
input_var(struct d3dumd_sm_ctx *c, unsigned driver_location, int location,
          enum glsl_interp_mode interp, bool centroid, const char *name)
{
   nir_variable *v = nir_variable_create(c->b.shader, nir_var_shader_in,
                                         glsl_vec4_type(), name);
   v->data.location = location;
   v->data.driver_location = driver_location;
   v->data.interpolation = interp;
   v->data.centroid = centroid;
   return v;
}

/* Colours follow the rasteriser's flat shading (INTERP_MODE_NONE), or
 * are flat in the shader where the driver has no flat shading
 * (d3dumd_shader_key::flatshade). */
static enum glsl_interp_mode
color_interp(const struct d3dumd_sm_ctx *c)
{
   return c->key->flatshade ? INTERP_MODE_FLAT : INTERP_MODE_NONE;
}

static void
declare_inputs(struct d3dumd_sm_ctx *c)
{
   const struct d3dumd_sm_program *p = c->prog;
   unsigned n = 0;

   if (c->vs) {
      for (unsigned i = 0; i < D3DUMD_SM_MAX_INPUTS; i++) {
         if (p->inputs[i].declared)
            c->in_vars[i] = input_var(c, i, VERT_ATTRIB_GENERIC0 + i,
                                      INTERP_MODE_NONE, false, "v");
      }
      return;
   }
   if (p->major >= 3) {
      for (unsigned i = 0; i < D3DUMD_SM_MAX_INPUTS; i++) {
         const struct d3dumd_sm_decl *d = &p->inputs[i];
         if (!d->declared)
            continue;
         const bool color = d->usage == D3DDECLUSAGE_COLOR;
         c->in_vars[i] = input_var(c, n++, d3dumd_sm_varying_slot(d->usage,
                                                        d->usage_index),
                                   color ? color_interp(c)
                                         : INTERP_MODE_SMOOTH,
                                   d->centroid, "v");
         if (c->key->point_sprite && d->usage == D3DDECLUSAGE_TEXCOORD)
            c->sprite_inputs |= 1u << i;
      }
   } else {
      /* ps_2_x: v0, v1 are the colours, t# the texture coordinates. */
      for (unsigned i = 0; i < 2; i++) {
         if (p->inputs[i].declared || p->major < 2)
            c->in_vars[i] = input_var(c, n++, VARYING_SLOT_COL0 + i,
                                      color_interp(c),
                                      p->inputs[i].centroid, "v");
      }
      for (unsigned i = 0; i < 8; i++) {
         if (p->texcoords_used & (1u << i))
            c->tc_vars[i] = input_var(c, n++, VARYING_SLOT_VAR0 + i,
                                      INTERP_MODE_SMOOTH, false, "t");
      }
   }
   /* The fog factor from the vertex shader (key.fog, below 3.0). */
   if (c->key->fog == D3DUMD_FOG_VERTEX) {
      c->fog_in = nir_variable_create(c->b.shader, nir_var_shader_in,
                                      glsl_float_type(), "fog");
      c->fog_in->data.location = VARYING_SLOT_FOGC;
      c->fog_in->data.driver_location = n++;
      c->fog_in->data.interpolation = INTERP_MODE_SMOOTH;
   }
   /* vPos and vFace: system values where the driver takes them so, else
    * inputs of the position and face slots (as tgsi_to_nir does); table
    * fog reads the depth from the same.  The point coordinate likewise
    * (key.point_sprite): gl_PointCoord, which every driver generates for
    * points whatever the rasteriser's sprite_coord_enable. */
   struct pipe_screen *screen = c->screen;
   if (c->key->point_sprite) {
      const struct glsl_type *vec2 = glsl_vector_type(GLSL_TYPE_FLOAT, 2);
      if (screen->get_param(screen, PIPE_CAP_FS_POINT_IS_SYSVAL)) {
         c->pntc = nir_variable_create(c->b.shader, nir_var_system_value,
                                       vec2, "pntc");
         c->pntc->data.location = SYSTEM_VALUE_POINT_COORD;
         BITSET_SET(c->b.shader->info.system_values_read,
                    SYSTEM_VALUE_POINT_COORD);
      } else {
         c->pntc = nir_variable_create(c->b.shader, nir_var_shader_in,
                                       vec2, "pntc");
         c->pntc->data.location = VARYING_SLOT_PNTC;
         c->pntc->data.driver_location = n++;
         c->pntc->data.interpolation = INTERP_MODE_SMOOTH;
      }
   }
   if (p->uses_vpos || c->key->fog >= D3DUMD_FOG_EXP) {
      if (screen->get_param(screen, PIPE_CAP_FS_POSITION_IS_SYSVAL)) {
         c->vpos = nir_variable_create(c->b.shader, nir_var_system_value,
                                       glsl_vec4_type(), "vPos");
         c->vpos->data.location = SYSTEM_VALUE_FRAG_COORD;
         BITSET_SET(c->b.shader->info.system_values_read,
                    SYSTEM_VALUE_FRAG_COORD);
      } else {
         c->vpos = input_var(c, n++, VARYING_SLOT_POS, INTERP_MODE_NONE,
                             false, "vPos");
      }
   }
   if (p->uses_vface) {
      if (screen->get_param(screen, PIPE_CAP_FS_FACE_IS_INTEGER_SYSVAL)) {
         c->vface = nir_variable_create(c->b.shader, nir_var_system_value,
                                        glsl_bool_type(), "vFace");
         c->vface->data.location = SYSTEM_VALUE_FRONT_FACE;
         BITSET_SET(c->b.shader->info.system_values_read,
                    SYSTEM_VALUE_FRONT_FACE);
      } else {
         c->vface = nir_variable_create(c->b.shader, nir_var_shader_in,
                                        glsl_bool_type(), "vFace");
         c->vface->data.location = VARYING_SLOT_FACE;
         c->vface->data.driver_location = n++;
      }
   }
   /* D3D9's window origin is the top left. */
   c->b.shader->info.fs.origin_upper_left = true;
}

struct out_desc {
   int location;
   unsigned components;   /* 1: a scalar output (fog, point size, depth) */
   bool saturate;         /* vs_1_1..2_x oD#: D3D9 clamps them */
   enum glsl_interp_mode interp;
};

static void
declare_outputs(struct d3dumd_sm_ctx *c, struct out_desc *descs)
{
   const struct d3dumd_sm_program *p = c->prog;
   const uint32_t w = p->outputs_written;
   nir_variable **outs = c->out;
   unsigned n = 0;

#define ADD_OUT(slot_field, loc, comps, sat, interp_)                      \
   do {                                                                   \
      slot_field = n;                                                     \
      descs[n] = (struct out_desc){ (loc), (comps), (sat), (interp_) };    \
      outs[n] = temp_var(c, "o", glsl_vec4_type());                       \
      n++;                                                                \
   } while (0)

   if (c->vs && p->major >= 3) {
      for (unsigned i = 0; i < D3DUMD_SM_MAX_OUTPUTS; i++) {
         const struct d3dumd_sm_decl *d = &p->outputs[i];
         if (!d->declared)
            continue;
         int loc;
         unsigned comps = 4;
         if (d->usage == D3DDECLUSAGE_POSITION && d->usage_index == 0) {
            loc = VARYING_SLOT_POS;
         } else {
            loc = d3dumd_sm_varying_slot(d->usage, d->usage_index);
            if (loc == VARYING_SLOT_PSIZ || loc == VARYING_SLOT_FOGC)
               comps = 1;
         }
         ADD_OUT(c->out_o[i], loc, comps, false,
                 d->usage == D3DDECLUSAGE_COLOR ? INTERP_MODE_NONE
                                                : INTERP_MODE_SMOOTH);
      }
   } else if (c->vs) {
      ADD_OUT(c->out_pos, VARYING_SLOT_POS, 4, false, INTERP_MODE_NONE);
      if (w & (1u << 11))
         ADD_OUT(c->out_fog, VARYING_SLOT_FOGC, 1, false, INTERP_MODE_SMOOTH);
      if (w & (1u << 12))
         ADD_OUT(c->out_pts, VARYING_SLOT_PSIZ, 1, false, INTERP_MODE_NONE);
      for (unsigned i = 0; i < 2; i++)
         if (w & (1u << (8 + i)))
            ADD_OUT(c->out_d[i], VARYING_SLOT_COL0 + i, 4, true,
                    INTERP_MODE_NONE);
      for (unsigned i = 0; i < 8; i++)
         if (w & (1u << i))
            ADD_OUT(c->out_t[i], VARYING_SLOT_VAR0 + i, 4, false,
                    INTERP_MODE_SMOOTH);
   }
   /* The render state's point size where the shader writes none and the
    * screen takes sizes only from the shader (key.point_size). */
   if (c->vs && c->key->point_size && c->out_pts < 0)
      ADD_OUT(c->out_pts, VARYING_SLOT_PSIZ, 1, false, INTERP_MODE_NONE);
   if (c->ps) {
      for (unsigned i = 0; i < 4; i++)
         if ((w & (1u << i)) || (i == 0 && p->major < 3))
            ADD_OUT(c->out_c[i], FRAG_RESULT_DATA0 + i, 4, false,
                    INTERP_MODE_NONE);
      if (w & (1u << 4))
         ADD_OUT(c->out_depth, FRAG_RESULT_DEPTH, 1, false, INTERP_MODE_NONE);
   }
#undef ADD_OUT
   c->num_out = n;
}

/* User clip planes where the driver has none (key.clip_planes): the
 * distances to the enabled planes, which D3D9 gives in clip space, from
 * constant buffer 1. */
static void
store_clip_distances(struct d3dumd_sm_ctx *c, nir_ssa_def *pos)
{
   nir_builder *b = &c->b;
   const unsigned n = util_last_bit(c->key->clip_planes);
   nir_variable *v = nir_variable_create(b->shader, nir_var_shader_out,
                                         glsl_array_type(glsl_float_type(),
                                                         n, 0),
                                         "clipdist");
   v->data.location = VARYING_SLOT_CLIP_DIST0;
   v->data.compact = true;
   v->data.driver_location = c->num_out;
   b->shader->info.clip_distance_array_size = n;
   for (unsigned i = 0; i < n; i++) {
      nir_ssa_def *plane = cb1_load(c, D3DUMD_CB1_DRIVER_BASE + 1 + i, 4);
      nir_ssa_def *d = (c->key->clip_planes & (1u << i)) ?
                       nir_fdot4(b, pos, plane) : nir_imm_float(b, 1.0f);
      nir_store_deref(b, nir_build_deref_array_imm(b,
                                                   nir_build_deref_var(b, v),
                                                   i), d, 1);
   }
}

/* The alpha test where the driver has none (key.alpha_func): the pixel
 * is discarded when its alpha fails against the reference. */
static void
alpha_test(struct d3dumd_sm_ctx *c, nir_ssa_def *alpha)
{
   nir_builder *b = &c->b;
   nir_ssa_def *ref = cb1_load(c, D3DUMD_CB1_DRIVER_BASE, 1);
   nir_ssa_def *pass;
   switch (c->key->alpha_func) {
   case PIPE_FUNC_NEVER:    pass = nir_imm_false(b); break;
   case PIPE_FUNC_LESS:     pass = nir_flt(b, alpha, ref); break;
   case PIPE_FUNC_EQUAL:    pass = nir_feq(b, alpha, ref); break;
   case PIPE_FUNC_LEQUAL:   pass = nir_fge(b, ref, alpha); break;
   case PIPE_FUNC_GREATER:  pass = nir_flt(b, ref, alpha); break;
   case PIPE_FUNC_NOTEQUAL: pass = nir_fneu(b, alpha, ref); break;
   case PIPE_FUNC_GEQUAL:   pass = nir_fge(b, alpha, ref); break;
   default:                 pass = nir_imm_true(b); break;
   }
   nir_discard_if(b, nir_inot(b, pass));
   b->shader->info.fs.uses_discard = true;
}

/* D3D9's fog below shader model 3.0 (key.fog): rgb = lerp(fog colour,
 * rgb, f), f from the vertex shader's oFog, or from the pixel's depth
 * with FOGSTART/FOGEND (linear) or FOGDENSITY (exp, exp2), clamped. */
static nir_ssa_def *
apply_fog(struct d3dumd_sm_ctx *c, nir_ssa_def *color)
{
   nir_builder *b = &c->b;
   nir_ssa_def *f;
   if (c->key->fog == D3DUMD_FOG_VERTEX) {
      f = nir_load_var(b, c->fog_in);
   } else {
      /* The distance: the pixel's depth, or with D3DZB_USEW its
       * eye-space w (key.fog_w; gl_FragCoord.w is 1/w). */
      nir_ssa_def *pos = nir_load_var(b, c->vpos);
      nir_ssa_def *z = c->key->fog_w ? nir_frcp(b, nir_channel(b, pos, 3))
                                     : nir_channel(b, pos, 2);
      nir_ssa_def *p = cb1_load(c, D3DUMD_CB1_DRIVER_BASE + 2, 4);
      switch (c->key->fog) {
      case D3DUMD_FOG_LINEAR:
         f = nir_fmul(b, nir_fsub(b, nir_channel(b, p, 1), z),
                      nir_channel(b, p, 3));
         break;
      case D3DUMD_FOG_EXP:
         f = nir_fexp(b, nir_fneg(b, nir_fmul(b, nir_channel(b, p, 2), z)));
         break;
      default: {
         nir_ssa_def *dz = nir_fmul(b, nir_channel(b, p, 2), z);
         f = nir_fexp(b, nir_fneg(b, nir_fmul(b, dz, dz)));
         break;
      }
      }
   }
   f = nir_fsat(b, f);
   nir_ssa_def *fog = cb1_load(c, D3DUMD_CB1_DRIVER_BASE + 1, 4);
   nir_ssa_def *rgb = nir_flrp(b, nir_trim_vector(b, fog, 3),
                               nir_trim_vector(b, color, 3), f);
   return nir_vec4(b, nir_channel(b, rgb, 0), nir_channel(b, rgb, 1),
                   nir_channel(b, rgb, 2), nir_channel(b, color, 3));
}

/* A vertex's point size: oPts within POINTSIZE_MIN and POINTSIZE_MAX
 * (and the screen's limit), or the render state's (key.point_size); both
 * from constant buffer 1. */
static nir_ssa_def *
point_size(struct d3dumd_sm_ctx *c, nir_ssa_def *val)
{
   nir_builder *b = &c->b;
   if (c->key->point_size)
      return cb1_load(c, D3DUMD_CB1_DRIVER_BASE + 7, 1);
   nir_ssa_def *range = cb1_load(c, D3DUMD_CB1_DRIVER_BASE, 4);
   nir_ssa_def *size = nir_fmax(b, nir_channel(b, val, 0),
                                nir_channel(b, range, 2));
   return nir_fmin(b, size, nir_channel(b, range, 3));
}

static void
store_outputs(struct d3dumd_sm_ctx *c, const struct out_desc *descs)
{
   nir_builder *b = &c->b;
   nir_variable **outs = c->out;

   for (unsigned i = 0; i < c->num_out; i++) {
      const struct out_desc *d = &descs[i];
      const struct glsl_type *t = d->components == 1 ? glsl_float_type()
                                                     : glsl_vec4_type();
      nir_variable *v = nir_variable_create(b->shader, nir_var_shader_out, t,
                                            "out");
      v->data.location = d->location;
      v->data.driver_location = i;
      v->data.interpolation = d->interp;
      nir_ssa_def *val = nir_load_var(b, outs[i]);
      if (c->vs && d->location == VARYING_SLOT_POS && c->key->clip_planes)
         store_clip_distances(c, val);
      if (c->ps && d->location == FRAG_RESULT_DATA0 &&
          c->key->alpha_func != PIPE_FUNC_ALWAYS)
         alpha_test(c, nir_channel(b, val, 3));
      if (c->ps && d->location == FRAG_RESULT_DATA0 && c->key->fog)
         val = apply_fog(c, val);
      if (c->vs && d->location == VARYING_SLOT_PSIZ)
         val = point_size(c, val);
      if (c->vs && d->location == VARYING_SLOT_POS) {
         /* D3D9's pixel centres (D3DUMD_PIXEL_OFFSET): xy += fix * w. */
         nir_ssa_def *fix = cb1_load(c, D3DUMD_CB1_DRIVER_BASE, 2);
         nir_ssa_def *w = nir_channel(b, val, 3);
         val = nir_vec4(b, nir_ffma(b, nir_channel(b, fix, 0), w,
                                    nir_channel(b, val, 0)),
                        nir_ffma(b, nir_channel(b, fix, 1), w,
                                 nir_channel(b, val, 1)),
                        nir_channel(b, val, 2), w);
      }
      if (d->saturate)
         val = nir_fsat(b, val);
      if (d->components == 1)
         val = nir_channel(b, val, 0);
      nir_store_var(b, v, val, d->components == 1 ? 1 : 0xf);
   }
}

/* def / defi / defb fold into immediates; the reader checked indices. */
static void
collect_defs(struct d3dumd_sm_ctx *c)
{
   for (unsigned n = 0; n < c->prog->num_instrs; n++) {
      const struct d3dumd_sm_instr *in = &c->prog->instrs[n];
      const unsigned i = in->dst.reg.index;
      switch (in->opcode) {
      case D3DSIO_DEF:
         if (i < D3DUMD_SM_MAX_FLOAT_CONST) {
            c->def_f[i] = true;
            memcpy(c->def_fv[i], in->imm, sizeof(c->def_fv[i]));
         }
         break;
      case D3DSIO_DEFI:
         if (i < D3DUMD_SM_MAX_INT_CONST) {
            c->def_i[i] = true;
            memcpy(c->def_iv[i], in->imm, sizeof(c->def_iv[i]));
         }
         break;
      case D3DSIO_DEFB:
         if (i < D3DUMD_SM_MAX_BOOL_CONST) {
            c->def_b[i] = true;
            c->def_bv[i] = in->imm[0] != 0;
         }
         break;
      default:
         break;
      }
   }
}

static void
declare_samplers(struct d3dumd_sm_ctx *c)
{
   const struct d3dumd_sm_program *p = c->prog;

   for (unsigned s = 0; s < D3DUMD_SM_MAX_SAMPLERS; s++) {
      if (!(p->samplers_used & (1u << s)))
         continue;
      enum glsl_sampler_dim dim = GLSL_SAMPLER_DIM_2D;
      unsigned type = p->sampler_type[s];
      if (!type && c->ps && s < D3DUMD_PS_SAMPLERS)
         type = c->key->sampler_target[s] == PIPE_TEXTURE_CUBE ? 3 :
                c->key->sampler_target[s] == PIPE_TEXTURE_3D ? 4 : 2;
      if (type == 3)
         dim = GLSL_SAMPLER_DIM_CUBE;
      else if (type == 4)
         dim = GLSL_SAMPLER_DIM_3D;
      const bool shadow = c->key->shadow & (1u << s);
      nir_variable *v = nir_variable_create(c->b.shader, nir_var_uniform,
                                            glsl_sampler_type(dim, shadow,
                                                              false,
                                                              GLSL_TYPE_FLOAT),
                                            "s");
      v->data.binding = s;
      v->data.explicit_binding = true;
      v->data.driver_location = s;
      BITSET_SET(c->b.shader->info.textures_used, s);
      BITSET_SET(c->b.shader->info.samplers_used, s);
   }
}

static void
finalize(struct d3dumd_sm_ctx *c)
{
   nir_shader *s = c->b.shader;
   struct pipe_screen *screen = c->screen;

   /* Drivers size their I/O by these (as st/mesa and tgsi_to_nir set
    * them): one past the highest driver_location. */
   s->num_inputs = 0;
   nir_foreach_shader_in_variable(v, s)
      s->num_inputs = MAX2(s->num_inputs, v->data.driver_location + 1);
   s->num_outputs = 0;
   nir_foreach_shader_out_variable(v, s)
      s->num_outputs = MAX2(s->num_outputs, v->data.driver_location + 1);

   NIR_PASS_V(s, nir_lower_variable_initializers, nir_var_function_temp);
   NIR_PASS_V(s, nir_lower_returns);
   NIR_PASS_V(s, nir_inline_functions);
   nir_remove_non_entrypoints(s);
   NIR_PASS_V(s, nir_lower_global_vars_to_local);
   NIR_PASS_V(s, nir_lower_vars_to_ssa);
   NIR_PASS_V(s, nir_opt_dce);
   NIR_PASS_V(s, nir_lower_system_values);
   if (s->options->lower_uniforms_to_ubo)
      NIR_PASS_V(s, nir_lower_uniforms_to_ubo, false, false);
   if (!screen->get_param(screen, PIPE_CAP_NIR_SAMPLERS_AS_DEREF))
      NIR_PASS_V(s, nir_lower_samplers);
   nir_shader_gather_info(s, nir_shader_get_entrypoint(s));
   if (screen->finalize_nir) {
      char *msg = screen->finalize_nir(screen, s);
      free(msg);
   }
}

struct nir_shader *
d3dumd_sm_to_nir(const struct d3dumd_sm_program *prog,
                 const struct d3dumd_sm_const_layout *consts,
                 const struct d3dumd_shader_key *key,
                 struct pipe_screen *screen)
{
   const bool vs = prog->type == D3DUMD_SM_VERTEX;
   const gl_shader_stage stage = vs ? MESA_SHADER_VERTEX
                                    : MESA_SHADER_FRAGMENT;
   const nir_shader_compiler_options *options =
      screen->get_compiler_options(screen, PIPE_SHADER_IR_NIR,
                                   vs ? PIPE_SHADER_VERTEX
                                      : PIPE_SHADER_FRAGMENT);
   struct d3dumd_sm_ctx *c = calloc(1, sizeof(*c));
   if (!c)
      return NULL;
   c->prog = prog;
   c->consts = consts;
   c->key = key;
   c->screen = screen;
   c->vs = vs;
   c->ps = !vs;
   c->out_pos = c->out_fog = c->out_pts = c->out_depth = -1;
   for (unsigned i = 0; i < 2; i++) c->out_d[i] = -1;
   for (unsigned i = 0; i < 8; i++) c->out_t[i] = -1;
   for (unsigned i = 0; i < 12; i++) c->out_o[i] = -1;
   for (unsigned i = 0; i < 4; i++) c->out_c[i] = -1;

   c->b = nir_builder_init_simple_shader(stage, options, "d3d9 %cs_%u_%u",
                                         vs ? 'v' : 'p', prog->major,
                                         prog->minor);
   nir_builder *b = &c->b;
   nir_shader *s = b->shader;
   s->num_uniforms = MAX2(consts->count, 1);
   s->info.num_ubos = 1;
   if (!vs)
      s->info.fs.uses_discard = false;

   /* Registers: zero at the start (D3D9 leaves them undefined; zero is
    * what programs that read them before writing get from most
    * hardware and from wined3d). */
   for (unsigned i = 0; i < D3DUMD_SM_MAX_TEMPS; i++) {
      c->r[i] = temp_var(c, "r", glsl_vec4_type());
      nir_store_var(b, c->r[i], nir_imm_vec4(b, 0, 0, 0, 0), 0xf);
   }
   if (!vs && prog->major == 1 && prog->minor < 4) {
      for (unsigned i = 0; i < 8; i++) {
         c->t_regs[i] = temp_var(c, "t", glsl_vec4_type());
         nir_store_var(b, c->t_regs[i], nir_imm_vec4(b, 0, 0, 0, 0), 0xf);
      }
   }
   c->a0 = temp_var(c, "a0", glsl_ivec4_type());
   nir_store_var(b, c->a0, nir_imm_ivec4(b, 0, 0, 0, 0), 0xf);
   c->al = temp_var(c, "aL", glsl_int_type());
   nir_store_var(b, c->al, nir_imm_int(b, 0), 1);
   c->p0 = temp_var(c, "p0", glsl_vector_type(GLSL_TYPE_BOOL, 4));
   nir_ssa_def *f = nir_imm_false(b);
   nir_store_var(b, c->p0, nir_vec4(b, f, f, f, f), 0xf);

   struct out_desc descs[24];
   declare_outputs(c, descs);
   for (unsigned i = 0; i < c->num_out; i++)
      nir_store_var(b, c->out[i], nir_imm_vec4(b, 0, 0, 0, 0), 0xf);
   declare_inputs(c);
   declare_samplers(c);
   collect_defs(c);

   /* Subroutines: each label's body is a function. */
   unsigned main_end = prog->num_instrs;
   for (unsigned n = 0; n < prog->num_instrs; n++) {
      const struct d3dumd_sm_instr *in = &prog->instrs[n];
      if (in->opcode != D3DSIO_LABEL)
         continue;
      main_end = MIN2(main_end, n);
      const unsigned l = in->src[0].reg.index;
      if (l < D3DUMD_SM_MAX_LABELS && !c->labels[l]) {
         c->labels[l] = nir_function_create(s, "label");
         nir_function_impl_create(c->labels[l]);
      }
   }
   /* The main program is a function too, so that a ret in it returns
    * to where the outputs are stored. */
   nir_function_impl *main_impl = b->impl;
   nir_function *body = nir_function_create(s, "main_body");
   nir_function_impl_create(body);
   for (unsigned n = main_end; n < prog->num_instrs && !c->failed; n++) {
      const struct d3dumd_sm_instr *in = &prog->instrs[n];
      if (in->opcode != D3DSIO_LABEL)
         continue;
      unsigned end = n + 1;
      while (end < prog->num_instrs && prog->instrs[end].opcode != D3DSIO_LABEL)
         end++;
      nir_function *f = c->labels[in->src[0].reg.index];
      b->impl = f->impl;
      b->cursor = nir_after_cf_list(&f->impl->body);
      emit_body(c, n + 1, end, false);
   }
   b->impl = body->impl;
   b->cursor = nir_after_cf_list(&body->impl->body);
   emit_body(c, 0, main_end, true);
   b->impl = main_impl;
   b->cursor = nir_after_cf_list(&main_impl->body);
   nir_call_instr *call = nir_call_instr_create(s, body);
   nir_builder_instr_insert(b, &call->instr);
   /* ps_1_x has no colour output register: the pixel's colour is r0 at
    * the end of the program. */
   if (c->ps && prog->major < 2 && c->out_c[0] >= 0)
      nir_store_var(b, c->out[c->out_c[0]], nir_load_var(b, c->r[0]), 0xf);
   store_outputs(c, descs);

   if (c->failed) {
      ralloc_free(s);
      free(c);
      return NULL;
   }
   finalize(c);
   free(c);
   return s;
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Arithmetic and texture instructions of D3D9 shaders, to NIR.  The
 * semantics are the instruction pages' (DirectX SDK) where D3D9 differs
 * from a plain GPU instruction: scalar instructions read one replicated
 * component, rsq and log take the absolute value, pow the absolute base,
 * lit clamps its exponent, sincos writes x = cos and y = sin, cmp selects
 * on >= 0, cnd on > 0.5.
 */

#include "d3dumd_sm_nir.h"

#include "compiler/nir/nir_builtin_builder.h"

static nir_ssa_def *
src(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_instr *in, unsigned i)
{
   return d3dumd_sm_src(c, &in->src[i]);
}

static nir_ssa_def *
scalar(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_instr *in, unsigned i)
{
   return d3dumd_sm_src_scalar(c, &in->src[i]);
}

static nir_ssa_def *
dot(nir_builder *b, nir_ssa_def *x, nir_ssa_def *y, unsigned n)
{
   nir_ssa_def *r = nir_fmul(b, nir_channel(b, x, 0), nir_channel(b, y, 0));
   for (unsigned i = 1; i < n; i++)
      r = nir_ffma(b, nir_channel(b, x, i), nir_channel(b, y, i), r);
   return r;
}

/* m4x4, m4x3, m3x4, m3x3, m3x2: `rows` dot products of `n` components with
 * consecutive registers from src1. */
static void
matrix(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_instr *in, unsigned n,
       unsigned rows)
{
   nir_builder *b = &c->b;
   nir_ssa_def *v = d3dumd_sm_src(c, &in->src[0]);
   nir_ssa_def *comps[4];

   for (unsigned r = 0; r < rows; r++) {
      struct d3dumd_sm_src row = in->src[1];
      nir_ssa_def *m;
      if (row.reg.file == D3DSPR_CONST) {
         m = d3dumd_sm_float_const(c, &row, r);
         unsigned swz[4] = { row.swizzle[0], row.swizzle[1], row.swizzle[2],
                             row.swizzle[3] };
         m = nir_swizzle(b, m, swz, 4);
         if (row.mod == D3DUMD_SM_SRCMOD_NEG)
            m = nir_fneg(b, m);
      } else {
         row.reg.index += r;
         m = d3dumd_sm_src(c, &row);
      }
      comps[r] = dot(b, v, m, n);
   }
   for (unsigned r = rows; r < 4; r++)
      comps[r] = nir_imm_float(b, 0.0f);
   d3dumd_sm_dst(c, in, nir_vec(b, comps, 4));
}

static nir_ssa_def *
lit(nir_builder *b, nir_ssa_def *v)
{
   nir_ssa_def *x = nir_channel(b, v, 0);
   nir_ssa_def *y = nir_channel(b, v, 1);
   /* lit - vs: the power is clamped to +-127.9961 (MAXPOWER), not 128:
    * pow(1.5, 200) is 1.5^127.9961. */
   nir_ssa_def *w = nir_fclamp(b, nir_channel(b, v, 3),
                               nir_imm_float(b, -127.9961f),
                               nir_imm_float(b, 127.9961f));
   nir_ssa_def *zero = nir_imm_float(b, 0.0f);
   nir_ssa_def *one = nir_imm_float(b, 1.0f);
   nir_ssa_def *spec = nir_bcsel(b, nir_iand(b, nir_flt(b, zero, x),
                                             nir_flt(b, zero, y)),
                                 nir_fpow(b, y, w), zero);
   return nir_vec4(b, one, nir_fmax(b, x, zero), spec, one);
}

bool
d3dumd_sm_emit_alu(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_instr *in)
{
   nir_builder *b = &c->b;
   nir_ssa_def *v;

   switch (in->opcode) {
   case D3DSIO_MOV:
   case D3DSIO_MOVA:
      v = src(c, in, 0);
      break;
   case D3DSIO_ADD:
      v = nir_fadd(b, src(c, in, 0), src(c, in, 1));
      break;
   case D3DSIO_SUB:
      v = nir_fsub(b, src(c, in, 0), src(c, in, 1));
      break;
   case D3DSIO_MUL:
      v = nir_fmul(b, src(c, in, 0), src(c, in, 1));
      break;
   case D3DSIO_MAD:
      v = nir_ffma(b, src(c, in, 0), src(c, in, 1), src(c, in, 2));
      break;
   case D3DSIO_DP3:
      v = dot(b, src(c, in, 0), src(c, in, 1), 3);
      break;
   case D3DSIO_DP4:
      v = dot(b, src(c, in, 0), src(c, in, 1), 4);
      break;
   case D3DSIO_DP2ADD:
      v = nir_fadd(b, dot(b, src(c, in, 0), src(c, in, 1), 2),
                   scalar(c, in, 2));
      break;
   case D3DSIO_MIN:
      v = nir_fmin(b, src(c, in, 0), src(c, in, 1));
      break;
   case D3DSIO_MAX:
      v = nir_fmax(b, src(c, in, 0), src(c, in, 1));
      break;
   case D3DSIO_SLT:
      v = nir_b2f32(b, nir_flt(b, src(c, in, 0), src(c, in, 1)));
      break;
   case D3DSIO_SGE:
      v = nir_b2f32(b, nir_fge(b, src(c, in, 0), src(c, in, 1)));
      break;
   case D3DSIO_RCP:
      v = nir_frcp(b, scalar(c, in, 0));
      break;
   case D3DSIO_RSQ:
      v = nir_frsq(b, nir_fabs(b, scalar(c, in, 0)));
      break;
   case D3DSIO_EXP:
      v = nir_fexp2(b, scalar(c, in, 0));
      break;
   case D3DSIO_LOG:
      v = nir_flog2(b, nir_fabs(b, scalar(c, in, 0)));
      break;
   case D3DSIO_EXPP:
      if (c->vs && c->prog->major < 2) {
         /* vs_1_1: (2^floor(x), fract(x), 2^x, 1). */
         nir_ssa_def *x = scalar(c, in, 0);
         nir_ssa_def *f = nir_ffloor(b, x);
         v = nir_vec4(b, nir_fexp2(b, f), nir_fsub(b, x, f), nir_fexp2(b, x),
                      nir_imm_float(b, 1.0f));
      } else {
         v = nir_fexp2(b, scalar(c, in, 0));
      }
      break;
   case D3DSIO_LOGP:
      v = nir_flog2(b, nir_fabs(b, scalar(c, in, 0)));
      break;
   case D3DSIO_POW:
      v = nir_fpow(b, nir_fabs(b, scalar(c, in, 0)), scalar(c, in, 1));
      break;
   case D3DSIO_FRC:
      v = nir_ffract(b, src(c, in, 0));
      break;
   case D3DSIO_ABS:
      v = nir_fabs(b, src(c, in, 0));
      break;
   case D3DSIO_SGN:
      v = nir_fsign(b, src(c, in, 0));
      break;
   case D3DSIO_NRM: {
      nir_ssa_def *x = src(c, in, 0);
      v = nir_fmul(b, x, nir_frsq(b, dot(b, x, x, 3)));
      break;
   }
   case D3DSIO_CRS: {
      nir_ssa_def *x = src(c, in, 0), *y = src(c, in, 1);
      v = nir_cross3(b, nir_trim_vector(b, x, 3), nir_trim_vector(b, y, 3));
      break;
   }
   case D3DSIO_LRP: {
      nir_ssa_def *t = src(c, in, 0);
      v = nir_flrp(b, src(c, in, 2), src(c, in, 1), t);
      break;
   }
   case D3DSIO_CMP:
      v = nir_bcsel(b, nir_fge(b, src(c, in, 0), nir_imm_float(b, 0.0f)),
                    src(c, in, 1), src(c, in, 2));
      break;
   case D3DSIO_CND: {
      /* ps_1_1-1_3 test r0.a only; ps_1_4 each component. */
      nir_ssa_def *t = src(c, in, 0);
      if (c->prog->major == 1 && c->prog->minor < 4)
         t = nir_channel(b, t, 3);
      v = nir_bcsel(b, nir_flt(b, nir_imm_float(b, 0.5f), t),
                    src(c, in, 1), src(c, in, 2));
      break;
   }
   case D3DSIO_LIT:
      v = lit(b, src(c, in, 0));
      break;
   case D3DSIO_DST: {
      nir_ssa_def *x = src(c, in, 0), *y = src(c, in, 1);
      v = nir_vec4(b, nir_imm_float(b, 1.0f),
                   nir_fmul(b, nir_channel(b, x, 1), nir_channel(b, y, 1)),
                   nir_channel(b, x, 2), nir_channel(b, y, 3));
      break;
   }
   case D3DSIO_SINCOS: {
      nir_ssa_def *x = scalar(c, in, 0);
      v = nir_vec4(b, nir_fcos(b, x), nir_fsin(b, x), nir_imm_float(b, 0.0f),
                   nir_imm_float(b, 0.0f));
      break;
   }
   case D3DSIO_M4x4: matrix(c, in, 4, 4); return true;
   case D3DSIO_M4x3: matrix(c, in, 4, 3); return true;
   case D3DSIO_M3x4: matrix(c, in, 3, 4); return true;
   case D3DSIO_M3x3: matrix(c, in, 3, 3); return true;
   case D3DSIO_M3x2: matrix(c, in, 3, 2); return true;
   case D3DSIO_DSX:
      v = nir_fddx(b, src(c, in, 0));
      break;
   case D3DSIO_DSY:
      v = nir_fddy(b, src(c, in, 0));
      break;
   case D3DSIO_SETP: {
      nir_ssa_def *x = src(c, in, 0), *y = src(c, in, 1);
      nir_ssa_def *r;
      switch (in->control) {
      case D3DSPC_GT: r = nir_flt(b, y, x); break;
      case D3DSPC_EQ: r = nir_feq(b, x, y); break;
      case D3DSPC_GE: r = nir_fge(b, x, y); break;
      case D3DSPC_LT: r = nir_flt(b, x, y); break;
      case D3DSPC_NE: r = nir_fneu(b, x, y); break;
      default:        r = nir_fge(b, y, x); break;
      }
      d3dumd_sm_dst(c, in, r);
      return true;
   }
   default:
      return false;
   }
   d3dumd_sm_dst(c, in, v);
   return true;
}

/* A texture fetch from sampler `s` at `coord` (vec4). */
static nir_ssa_def *
sample(struct d3dumd_sm_ctx *c, unsigned s, nir_ssa_def *coord,
       nir_texop op, nir_ssa_def *extra, nir_ssa_def *ddx, nir_ssa_def *ddy)
{
   nir_builder *b = &c->b;
   nir_variable *var = NULL;

   nir_foreach_variable_with_modes(v, b->shader, nir_var_uniform) {
      if (glsl_type_is_sampler(v->type) && v->data.binding == (int)s)
         var = v;
   }
   if (!var) {
      c->failed = true;
      return nir_imm_vec4(b, 0, 0, 0, 0);
   }
   const enum glsl_sampler_dim dim = glsl_get_sampler_dim(var->type);
   const unsigned ncoord = dim == GLSL_SAMPLER_DIM_2D ? 2 : 3;
   /* Depth textures (key.shadow): the coordinate's z is the reference
    * (2D: D3D9 has no shadow cube or volume maps). */
   const bool shadow = glsl_sampler_type_is_shadow(var->type) &&
                       dim == GLSL_SAMPLER_DIM_2D;
   nir_deref_instr *deref = nir_build_deref_var(b, var);

   const unsigned num_srcs = 3 + (extra ? 1 : 0) + (ddx ? 2 : 0) +
                             (shadow ? 1 : 0);
   nir_tex_instr *tex = nir_tex_instr_create(b->shader, num_srcs);
   tex->op = op;
   tex->sampler_dim = dim;
   tex->coord_components = ncoord;
   tex->dest_type = nir_type_float32;
   tex->texture_index = s;
   tex->sampler_index = s;
   unsigned i = 0;
   tex->src[i].src_type = nir_tex_src_texture_deref;
   tex->src[i++].src = nir_src_for_ssa(&deref->dest.ssa);
   tex->src[i].src_type = nir_tex_src_sampler_deref;
   tex->src[i++].src = nir_src_for_ssa(&deref->dest.ssa);
   tex->src[i].src_type = nir_tex_src_coord;
   tex->src[i++].src = nir_src_for_ssa(nir_trim_vector(b, coord, ncoord));
   if (extra) {
      tex->src[i].src_type = op == nir_texop_txb ? nir_tex_src_bias
                                                  : nir_tex_src_lod;
      tex->src[i++].src = nir_src_for_ssa(extra);
   }
   if (ddx) {
      tex->src[i].src_type = nir_tex_src_ddx;
      tex->src[i++].src = nir_src_for_ssa(nir_trim_vector(b, ddx, ncoord));
      tex->src[i].src_type = nir_tex_src_ddy;
      tex->src[i++].src = nir_src_for_ssa(nir_trim_vector(b, ddy, ncoord));
   }
   if (shadow) {
      tex->is_shadow = true;
      tex->is_new_style_shadow = true;
      tex->src[i].src_type = nir_tex_src_comparator;
      tex->src[i++].src = nir_src_for_ssa(nir_channel(b, coord, 2));
   }
   nir_ssa_dest_init(&tex->instr, &tex->dest, shadow ? 1 : 4, 32, NULL);
   nir_builder_instr_insert(b, &tex->instr);
   if (shadow) {
      /* The comparison's result in every channel. */
      nir_ssa_def *r = &tex->dest.ssa;
      return nir_vec4(b, r, r, r, r);
   }
   return &tex->dest.ssa;
}

nir_ssa_def *
d3dumd_sm_sample(struct d3dumd_sm_ctx *c, unsigned s, nir_ssa_def *coord,
                 nir_texop op, nir_ssa_def *extra, nir_ssa_def *ddx,
                 nir_ssa_def *ddy)
{
   return sample(c, s, coord, op, extra, ddx, ddy);
}

bool
d3dumd_sm_emit_tex(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_instr *in)
{
   nir_builder *b = &c->b;

   switch (in->opcode) {
   case D3DSIO_TEX: {
      if (c->prog->major < 2) {
         /* ps_1_1-1_3 tex tN: stage N sampled at its coordinates
          * (D3DTTFF_PROJECTED divides them) into tN; ps_1_4 texld rN,
          * src: stage N at src (_dz/_dw project). */
         const unsigned s = in->dst.reg.index;
         nir_ssa_def *coord = c->prog->minor < 4 ? d3dumd_sm_ps1x_coord(c, s)
                                                 : src(c, in, 0);
         d3dumd_sm_dst(c, in, sample(c, s, coord, nir_texop_tex, NULL, NULL,
                                     NULL));
         return true;
      }
      /* texld / texldp / texldb (ps_2_0+), texld in vs_3_0 is texldl. */
      nir_ssa_def *coord = src(c, in, 0);
      const unsigned s = in->src[1].reg.index;
      nir_ssa_def *v;
      if (in->control == 1) {
         nir_ssa_def *w = nir_channel(b, coord, 3);
         v = sample(c, s, nir_fdiv(b, coord, w), nir_texop_tex, NULL, NULL,
                    NULL);
      } else if (in->control == 2) {
         v = sample(c, s, coord, c->vs ? nir_texop_txl : nir_texop_txb,
                    nir_channel(b, coord, 3), NULL, NULL);
      } else if (c->vs) {
         v = sample(c, s, coord, nir_texop_txl, nir_imm_float(b, 0.0f),
                    NULL, NULL);
      } else {
         v = sample(c, s, coord, nir_texop_tex, NULL, NULL, NULL);
      }
      unsigned swz[4] = { in->src[1].swizzle[0], in->src[1].swizzle[1],
                          in->src[1].swizzle[2], in->src[1].swizzle[3] };
      d3dumd_sm_dst(c, in, nir_swizzle(b, v, swz, 4));
      return true;
   }
   case D3DSIO_TEXLDL: {
      nir_ssa_def *coord = src(c, in, 0);
      nir_ssa_def *v = sample(c, in->src[1].reg.index, coord, nir_texop_txl,
                              nir_channel(b, coord, 3), NULL, NULL);
      unsigned swz[4] = { in->src[1].swizzle[0], in->src[1].swizzle[1],
                          in->src[1].swizzle[2], in->src[1].swizzle[3] };
      d3dumd_sm_dst(c, in, nir_swizzle(b, v, swz, 4));
      return true;
   }
   case D3DSIO_TEXLDD: {
      nir_ssa_def *v = sample(c, in->src[1].reg.index, src(c, in, 0),
                              nir_texop_txd, NULL, src(c, in, 2),
                              src(c, in, 3));
      unsigned swz[4] = { in->src[1].swizzle[0], in->src[1].swizzle[1],
                          in->src[1].swizzle[2], in->src[1].swizzle[3] };
      d3dumd_sm_dst(c, in, nir_swizzle(b, v, swz, 4));
      return true;
   }
   case D3DSIO_TEXCOORD: {
      /* ps_1_1-1_3 texcoord tN: the coordinates, clamped, w = 1; ps_1_4
       * texcrd rN, tM: tM's, unclamped. */
      nir_ssa_def *v;
      if (c->prog->minor < 4)
         v = nir_vector_insert_imm(b, nir_fsat(b, d3dumd_sm_texcoord(
                                                     c, in->dst.reg.index)),
                                   nir_imm_float(b, 1.0f), 3);
      else
         v = src(c, in, 0);
      d3dumd_sm_dst(c, in, v);
      return true;
   }
   case D3DSIO_TEXDEPTH: {
      /* ps_1_4: depth = r5.x / r5.y (1 where y is 0). */
      nir_ssa_def *r5 = nir_load_var(b, c->r[5]);
      nir_ssa_def *y = nir_channel(b, r5, 1);
      nir_ssa_def *d = nir_bcsel(b, nir_feq(b, y, nir_imm_float(b, 0.0f)),
                                 nir_imm_float(b, 1.0f),
                                 nir_fdiv(b, nir_channel(b, r5, 0), y));
      if (c->out_depth >= 0)
         nir_store_var(b, c->out[c->out_depth], nir_vec4(b, d, d, d, d),
                       0x1);
      return true;
   }
   case D3DSIO_TEXKILL: {
      /* ps_2_0+: kill when any component of the register (its write mask)
       * is negative; ps_1_x: any of x, y, z of the stage's coordinates
       * (ps_1_4 with an r# operand in phase 2: of that register). */
      struct d3dumd_sm_src r = { 0 };
      r.reg = in->dst.reg;
      for (unsigned i = 0; i < 4; i++)
         r.swizzle[i] = i;
      const bool ps1 = c->prog->major < 2;
      nir_ssa_def *v = ps1 && in->dst.reg.file == D3DSPR_TEXTURE ?
                       d3dumd_sm_texcoord(c, in->dst.reg.index) :
                       d3dumd_sm_src(c, &r);
      const unsigned mask = ps1 ? 0x7 : in->dst.write_mask;
      nir_ssa_def *kill = nir_imm_false(b);
      for (unsigned i = 0; i < 4; i++) {
         if (mask & (1u << i))
            kill = nir_ior(b, kill, nir_flt(b, nir_channel(b, v, i),
                                            nir_imm_float(b, 0.0f)));
      }
      nir_discard_if(b, kill);
      b->shader->info.fs.uses_discard = true;
      return true;
   }
   default:
      return false;
   }
}

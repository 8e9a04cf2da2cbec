/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The texture-addressing instructions of ps_1_1-1_3 and ps_1_4's bem, to
 * NIR (the D3DSHADER_INSTRUCTION_OPCODE_TYPE page and the DirectX SDK's
 * instruction pages).  In ps_1_1-1_3 texture stage m works on register
 * t#m: an instruction with destination t#m reads stage m's coordinates
 * and, if it samples, stage m's texture; its source t#n (n < m) is a
 * register an earlier texture instruction wrote.
 *
 *  - texbem/texbeml perturb stage m's (u, v) by t#n's red and green
 *    through stage m's 2x2 bump-environment matrix, texbeml then scales
 *    the sample by t#n.b * BUMPENVLSCALE + BUMPENVLOFFSET; bem (ps_1_4)
 *    is the same perturbation as arithmetic.  The matrix and luminance
 *    come from constant buffer 1 (d3dumd_render.h), so that changing
 *    them needs no new variant.
 *  - texreg2ar/gb/rgb sample stage m at t#n's (a, r), (g, b), (r, g, b).
 *  - texm3x2pad/texm3x3pad write the row's dot product of stage m's
 *    coordinates with t#n.rgb into t#m (x, replicated); the last row
 *    (texm3x2tex/-depth, texm3x3tex/-spec/-vspec, texm3x3) reads the
 *    earlier rows back from there.  texm3x3spec/-vspec reflect the eye
 *    vector (a constant, or the three rows' w) about the result:
 *    R = 2 N (N.E) / (N.N) - E.
 *  - texdp3/texdp3tex: one dot product, as a value or as u (v = 0).
 *  - texm3x2depth: depth = z / w of the two rows (1 where w is 0).
 *
 * D3DTTFF_PROJECTED (key.ps1_projected) divides the coordinates of tex
 * (d3dumd_sm_nir_alu.c) and of texbem/texbeml before the perturbation,
 * as Nine does; the dot-product instructions take the coordinates as
 * they are.
 */

#include "d3dumd_sm_nir.h"

nir_ssa_def *
d3dumd_sm_ps1x_coord(struct d3dumd_sm_ctx *c, unsigned i)
{
   nir_builder *b = &c->b;
   nir_ssa_def *tc = d3dumd_sm_texcoord(c, i);
   const unsigned k = i < 4 ? (c->key->ps1_projected >> (2 * i)) & 3 : 0;
   if (!k)
      return tc;
   return nir_fdiv(b, tc, nir_channel(b, tc, k));
}

static nir_ssa_def *
dot3(nir_builder *b, nir_ssa_def *x, nir_ssa_def *y)
{
   return nir_fdot3(b, nir_trim_vector(b, x, 3), nir_trim_vector(b, y, 3));
}

/* Row `row` of a texm3x2/texm3x3 product that a pad instruction left in
 * t#row's x; 0 where the program has no such row (the reader does not
 * pair pads with their final instruction). */
static nir_ssa_def *
pad_row(struct d3dumd_sm_ctx *c, int row)
{
   if (row < 0 || row >= 8 || !c->t_regs[row])
      return nir_imm_float(&c->b, 0.0f);
   return nir_channel(&c->b, nir_load_var(&c->b, c->t_regs[row]), 0);
}

/* The bump-environment matrix of a stage (00, 01, 10, 11) applied to
 * du = d.r, dv = d.g, added to (u, v) of base. */
static nir_ssa_def *
bump(struct d3dumd_sm_ctx *c, unsigned stage, nir_ssa_def *base,
     nir_ssa_def *d)
{
   nir_builder *b = &c->b;
   stage = MIN2(stage, D3DUMD_BUMP_STAGES - 1);
   nir_ssa_def *m = d3dumd_sm_cb1_load(c, D3DUMD_CB1_BUMPENV_MAT(stage), 4);
   nir_ssa_def *du = nir_channel(b, d, 0), *dv = nir_channel(b, d, 1);
   nir_ssa_def *u = nir_ffma(b, nir_channel(b, m, 2), dv,
                             nir_ffma(b, nir_channel(b, m, 0), du,
                                      nir_channel(b, base, 0)));
   nir_ssa_def *v = nir_ffma(b, nir_channel(b, m, 3), dv,
                             nir_ffma(b, nir_channel(b, m, 1), du,
                                      nir_channel(b, base, 1)));
   return nir_vec4(b, u, v, nir_channel(b, base, 2), nir_channel(b, base, 3));
}

/* texbeml's factor: t#n.b * BUMPENVLSCALE + BUMPENVLOFFSET of a stage. */
static nir_ssa_def *
luminance(struct d3dumd_sm_ctx *c, unsigned stage, nir_ssa_def *d)
{
   nir_builder *b = &c->b;
   stage = MIN2(stage, D3DUMD_BUMP_STAGES - 1);
   nir_ssa_def *l = d3dumd_sm_cb1_load(c, D3DUMD_CB1_BUMPENV_LUM(stage), 4);
   const unsigned k = (stage & 1) * 2;
   return nir_ffma(b, nir_channel(b, d, 2), nir_channel(b, l, k),
                   nir_channel(b, l, k + 1));
}

/* R = 2 N (N.E) / (N.N) - E. */
static nir_ssa_def *
reflect(nir_builder *b, nir_ssa_def *n, nir_ssa_def *e)
{
   nir_ssa_def *f = nir_fdiv(b, nir_fmul_imm(b, dot3(b, n, e), 2.0f),
                             dot3(b, n, n));
   return nir_fsub(b, nir_fmul(b, n, f), e);
}

static nir_ssa_def *
vec3_1(nir_builder *b, nir_ssa_def *x, nir_ssa_def *y, nir_ssa_def *z)
{
   return nir_vec4(b, x, y, z, nir_imm_float(b, 1.0f));
}

/* The last row of texm3x3tex, -spec, -vspec and texm3x3: N of stages m,
 * m+1 (their pads) and m+2 (this instruction's). */
static void
texm3x3(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_instr *in)
{
   nir_builder *b = &c->b;
   const int last = in->dst.reg.index, m = last - 2;
   nir_ssa_def *src = d3dumd_sm_src(c, &in->src[0]);
   nir_ssa_def *n = vec3_1(b, pad_row(c, m), pad_row(c, m + 1),
                           dot3(b, d3dumd_sm_texcoord(c, last), src));
   nir_ssa_def *e;

   switch (in->opcode) {
   case D3DSIO_TEXM3x3:
      d3dumd_sm_dst(c, in, n);
      return;
   case D3DSIO_TEXM3x3TEX:
      d3dumd_sm_dst(c, in, d3dumd_sm_sample(c, last, n, nir_texop_tex, NULL,
                                            NULL, NULL));
      return;
   case D3DSIO_TEXM3x3SPEC:
      e = d3dumd_sm_src(c, &in->src[1]);
      break;
   default: /* TEXM3x3VSPEC: the eye vector in the rows' w */
      e = nir_vec3(b,
                   nir_channel(b, d3dumd_sm_texcoord(c, MAX2(m, 0)), 3),
                   nir_channel(b, d3dumd_sm_texcoord(c, MAX2(m + 1, 0)), 3),
                   nir_channel(b, d3dumd_sm_texcoord(c, last), 3));
      break;
   }
   nir_ssa_def *r = reflect(b, n, e);
   d3dumd_sm_dst(c, in, d3dumd_sm_sample(c, last,
                                         nir_vector_insert_imm(b, r,
                                            nir_imm_float(b, 1.0f), 3),
                                         nir_texop_tex, NULL, NULL, NULL));
}

bool
d3dumd_sm_emit_tex1x(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_instr *in)
{
   nir_builder *b = &c->b;
   const unsigned m = in->dst.reg.index;
   nir_ssa_def *zero = nir_imm_float(b, 0.0f);

   if (in->opcode == D3DSIO_BEM) {
      /* bem dst.rg, src0, src1 (ps_1_4): stage dst's matrix. */
      nir_ssa_def *s0 = d3dumd_sm_src(c, &in->src[0]);
      d3dumd_sm_dst(c, in, bump(c, m, s0, d3dumd_sm_src(c, &in->src[1])));
      return true;
   }
   if (!c->ps || c->prog->major != 1 || c->prog->minor >= 4)
      return false;

   switch (in->opcode) {
   case D3DSIO_TEXBEM:
   case D3DSIO_TEXBEML: {
      nir_ssa_def *d = d3dumd_sm_src(c, &in->src[0]);
      nir_ssa_def *v = d3dumd_sm_sample(c, m, bump(c, m,
                                                   d3dumd_sm_ps1x_coord(c, m),
                                                   d),
                                        nir_texop_tex, NULL, NULL, NULL);
      if (in->opcode == D3DSIO_TEXBEML)
         v = nir_fmul(b, v, luminance(c, m, d));
      d3dumd_sm_dst(c, in, v);
      return true;
   }
   case D3DSIO_TEXREG2AR:
   case D3DSIO_TEXREG2GB:
   case D3DSIO_TEXREG2RGB: {
      nir_ssa_def *s = d3dumd_sm_src(c, &in->src[0]);
      nir_ssa_def *coord;
      if (in->opcode == D3DSIO_TEXREG2AR)
         coord = nir_vec4(b, nir_channel(b, s, 3), nir_channel(b, s, 0),
                          zero, zero);
      else if (in->opcode == D3DSIO_TEXREG2GB)
         coord = nir_vec4(b, nir_channel(b, s, 1), nir_channel(b, s, 2),
                          zero, zero);
      else
         coord = nir_vector_insert_imm(b, s, zero, 3);
      d3dumd_sm_dst(c, in, d3dumd_sm_sample(c, m, coord, nir_texop_tex, NULL,
                                            NULL, NULL));
      return true;
   }
   case D3DSIO_TEXM3x2PAD:
   case D3DSIO_TEXM3x3PAD:
   case D3DSIO_TEXDP3:
      d3dumd_sm_dst(c, in, dot3(b, d3dumd_sm_texcoord(c, m),
                                d3dumd_sm_src(c, &in->src[0])));
      return true;
   case D3DSIO_TEXDP3TEX: {
      nir_ssa_def *u = dot3(b, d3dumd_sm_texcoord(c, m),
                            d3dumd_sm_src(c, &in->src[0]));
      d3dumd_sm_dst(c, in, d3dumd_sm_sample(c, m, nir_vec4(b, u, zero, zero,
                                                           zero),
                                            nir_texop_tex, NULL, NULL, NULL));
      return true;
   }
   case D3DSIO_TEXM3x2TEX: {
      nir_ssa_def *v = dot3(b, d3dumd_sm_texcoord(c, m),
                            d3dumd_sm_src(c, &in->src[0]));
      nir_ssa_def *coord = nir_vec4(b, pad_row(c, (int)m - 1), v, zero, zero);
      d3dumd_sm_dst(c, in, d3dumd_sm_sample(c, m, coord, nir_texop_tex, NULL,
                                            NULL, NULL));
      return true;
   }
   case D3DSIO_TEXM3x2DEPTH: {
      /* The destination keeps nothing: it may not be read afterwards. */
      nir_ssa_def *z = pad_row(c, (int)m - 1);
      nir_ssa_def *w = dot3(b, d3dumd_sm_texcoord(c, m),
                            d3dumd_sm_src(c, &in->src[0]));
      nir_ssa_def *d = nir_bcsel(b, nir_feq(b, w, zero),
                                 nir_imm_float(b, 1.0f), nir_fdiv(b, z, w));
      if (c->out_depth >= 0)
         nir_store_var(b, c->out[c->out_depth], nir_vec4(b, d, d, d, d),
                       0x1);
      return true;
   }
   case D3DSIO_TEXM3x3TEX:
   case D3DSIO_TEXM3x3SPEC:
   case D3DSIO_TEXM3x3VSPEC:
   case D3DSIO_TEXM3x3:
      texm3x3(c, in);
      return true;
   default:
      return false;
   }
}

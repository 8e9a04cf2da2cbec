/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The translator's shared context: D3D9 registers as NIR variables, the
 * operand helpers every concern uses.  d3dumd_sm_to_nir.c holds I/O,
 * registers, flow control and the entry point; d3dumd_sm_nir_alu.c the
 * arithmetic and texture instructions; d3dumd_sm_nir_tex1x.c the
 * texture-addressing instructions of ps_1_1-1_4.
 */

#ifndef D3DUMD_SM_NIR_H
#define D3DUMD_SM_NIR_H

#include "d3dumd_private.h"

#include "compiler/nir/nir.h"
#include "compiler/nir/nir_builder.h"

struct d3dumd_sm_ctx {
   nir_builder b;
   const struct d3dumd_sm_program *prog;
   const struct d3dumd_shader_key *key;
   const struct d3dumd_sm_const_layout *consts;
   struct pipe_screen *screen;
   bool vs, ps;

   /* Registers, as shader_temp variables (shared with subroutines). */
   nir_variable *r[D3DUMD_SM_MAX_TEMPS];
   nir_variable *a0;           /* ivec4: vs address register */
   nir_variable *al;           /* int: loop counter */
   nir_variable *p0;           /* bvec4 */
   nir_variable *out[24];      /* outputs, stored at the end */
   unsigned num_out;
   nir_variable *in_vars[D3DUMD_SM_MAX_INPUTS];  /* v# */
   nir_variable *tc_vars[8];                      /* ps_1_x-2_x t# in */
   nir_variable *t_regs[8];   /* ps_1_1-1_3: t# as registers (tex, ...) */
   nir_variable *vpos, *vface;
   nir_variable *fog_in;       /* key.fog == D3DUMD_FOG_VERTEX */
   /* key.point_sprite: the point coordinate, and the ps_3_0 inputs
    * (TEXCOORD) that read it. */
   nir_variable *pntc;
   uint16_t sprite_inputs;

   /* Output registers: index in `out` of oPos, oFog, oPts, oD#, oT#,
    * o#, oC#, oDepth (-1: none). */
   int out_pos, out_fog, out_pts, out_d[2], out_t[8], out_o[12];
   int out_c[4], out_depth;

   /* def'd constants, folded. */
   bool def_f[D3DUMD_SM_MAX_FLOAT_CONST];
   float def_fv[D3DUMD_SM_MAX_FLOAT_CONST][4];
   bool def_i[D3DUMD_SM_MAX_INT_CONST];
   int32_t def_iv[D3DUMD_SM_MAX_INT_CONST][4];
   bool def_b[D3DUMD_SM_MAX_BOOL_CONST];
   bool def_bv[D3DUMD_SM_MAX_BOOL_CONST];

   /* Subroutines: label -> function. */
   nir_function *labels[D3DUMD_SM_MAX_LABELS];
   /* Loop counters saved by nested loops. */
   nir_variable *al_saved[D3DUMD_SM_MAX_NESTING];
   unsigned loop_depth;

   bool failed;
};

/* The varying slot of a (usage, index) pair (vs outputs, ps inputs). */
gl_varying_slot d3dumd_sm_varying_slot(unsigned usage, unsigned index);

/* Operands. */
nir_ssa_def *d3dumd_sm_src(struct d3dumd_sm_ctx *c,
                           const struct d3dumd_sm_src *src);
/* Source with only `n` leading components read (dp3: 3). */
nir_ssa_def *d3dumd_sm_src_n(struct d3dumd_sm_ctx *c,
                             const struct d3dumd_sm_src *src, unsigned n);
/* A scalar source: the replicate component (D3D9 scalar instructions). */
nir_ssa_def *d3dumd_sm_src_scalar(struct d3dumd_sm_ctx *c,
                                  const struct d3dumd_sm_src *src);
void d3dumd_sm_dst(struct d3dumd_sm_ctx *c, const struct d3dumd_sm_instr *in,
                   nir_ssa_def *value);
nir_ssa_def *d3dumd_sm_predicate(struct d3dumd_sm_ctx *c,
                                 const struct d3dumd_sm_src *pred);
/* Register `index` (+ i) of the float constant file as a vec4. */
nir_ssa_def *d3dumd_sm_float_const(struct d3dumd_sm_ctx *c,
                                   const struct d3dumd_sm_src *src,
                                   unsigned plus);

/* The texture coordinates of stage i (ps below 3.0). */
nir_ssa_def *d3dumd_sm_texcoord(struct d3dumd_sm_ctx *c, unsigned i);
/* Components [0, comps) of vec4 slot `slot` of constant buffer 1. */
nir_ssa_def *d3dumd_sm_cb1_load(struct d3dumd_sm_ctx *c, unsigned slot,
                                unsigned comps);
/* A fetch from sampler `s` at `coord` (vec4; the sampler's dimension
 * takes what it needs); extra: bias or lod; ddx/ddy: gradients. */
nir_ssa_def *d3dumd_sm_sample(struct d3dumd_sm_ctx *c, unsigned s,
                              nir_ssa_def *coord, nir_texop op,
                              nir_ssa_def *extra, nir_ssa_def *ddx,
                              nir_ssa_def *ddy);

/* d3dumd_sm_nir_alu.c: false if the opcode is not one of its. */
bool d3dumd_sm_emit_alu(struct d3dumd_sm_ctx *c,
                        const struct d3dumd_sm_instr *in);
bool d3dumd_sm_emit_tex(struct d3dumd_sm_ctx *c,
                        const struct d3dumd_sm_instr *in);

/* d3dumd_sm_nir_tex1x.c: the ps_1_1-1_3 texture-addressing instructions
 * and ps_1_4's bem; false if the opcode is not one of its. */
bool d3dumd_sm_emit_tex1x(struct d3dumd_sm_ctx *c,
                          const struct d3dumd_sm_instr *in);
/* ps_1_1-1_3: stage i's coordinates, divided as D3DTTFF_PROJECTED asks
 * (key.ps1_projected). */
nir_ssa_def *d3dumd_sm_ps1x_coord(struct d3dumd_sm_ctx *c, unsigned i);

#endif /* D3DUMD_SM_NIR_H */

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Writing D3D9 shader bytecode (shader-code-format.md and the *-token.md
 * pages): the fixed-function shaders the runtime generates
 * (d3d9_ff_vs.c, d3d9_ff_ps.c) are built with these.  Tokens are
 * appended to a growable array; running out of memory sets `oom` and
 * stops appending, so callers check once at the end.
 */

#ifndef D3D9_BYTECODE_H
#define D3D9_BYTECODE_H

#include <stdlib.h>
#include <string.h>

#include "d3d9_private.h"

struct d3d9_bytecode {
   DWORD *tokens;
   UINT count, capacity;
   BOOL oom;
};

static inline void
d3d9_bc_put(struct d3d9_bytecode *bc, DWORD token)
{
   if (bc->oom)
      return;
   if (bc->count == bc->capacity) {
      const UINT cap = bc->capacity ? bc->capacity * 2 : 256;
      DWORD *t = realloc(bc->tokens, cap * sizeof(*t));
      if (!t) {
         bc->oom = TRUE;
         return;
      }
      bc->tokens = t;
      bc->capacity = cap;
   }
   bc->tokens[bc->count++] = token;
}

/* VERSION: D3DVS_VERSION(2, 0), D3DPS_VERSION(2, 0), ... */
static inline void
d3d9_bc_init(struct d3d9_bytecode *bc, DWORD version)
{
   memset(bc, 0, sizeof(*bc));
   d3d9_bc_put(bc, version);
}

static inline void
d3d9_bc_end(struct d3d9_bytecode *bc)
{
   d3d9_bc_put(bc, D3DSIO_END);
}

static inline void
d3d9_bc_free(struct d3d9_bytecode *bc)
{
   free(bc->tokens);
   memset(bc, 0, sizeof(*bc));
}

/* The register-type bits of a parameter token (low three bits at 28-30,
 * high two at 11-12) and its number. */
static inline DWORD
d3d9_bc_reg(D3DSHADER_PARAM_REGISTER_TYPE type, UINT num)
{
   return 0x80000000u | ((type << D3DSP_REGTYPE_SHIFT) & D3DSP_REGTYPE_MASK) |
          ((type << D3DSP_REGTYPE_SHIFT2) & D3DSP_REGTYPE_MASK2) |
          (num & D3DSP_REGNUM_MASK);
}

/* A destination: MASK is D3DSP_WRITEMASK_* bits, MOD D3DSPDM_* bits. */
static inline DWORD
d3d9_bc_dst(D3DSHADER_PARAM_REGISTER_TYPE type, UINT num, DWORD mask,
            DWORD mod)
{
   return d3d9_bc_reg(type, num) | mask | mod;
}

/* A source: SWIZZLE is D3DVS_NOSWIZZLE, D3DSP_REPLICATEALPHA, ... or
 * d3d9_bc_swizzle(); MOD a D3DSPSM_* value. */
static inline DWORD
d3d9_bc_src(D3DSHADER_PARAM_REGISTER_TYPE type, UINT num, DWORD swizzle,
            DWORD mod)
{
   return d3d9_bc_reg(type, num) | swizzle | mod;
}

/* Components 0-3 (x-w) for each of the four swizzle slots. */
static inline DWORD
d3d9_bc_swizzle(unsigned x, unsigned y, unsigned z, unsigned w)
{
   return ((x & 3) | (y & 3) << 2 | (z & 3) << 4 | (w & 3) << 6)
          << D3DSP_SWIZZLE_SHIFT;
}

/* An instruction token with its length (shader model 2 and later give
 * the number of tokens that follow); CONTROLS are the opcode-specific
 * bits 16-23 (D3DSI_TEXLD_PROJECT, comparisons). */
static inline void
d3d9_bc_op(struct d3d9_bytecode *bc, D3DSHADER_INSTRUCTION_OPCODE_TYPE op,
           DWORD controls, UINT params)
{
   d3d9_bc_put(bc, op | controls | (params << D3DSI_INSTLENGTH_SHIFT));
}

/* op dst, src... in one call: up to three sources (0 where unused). */
static inline void
d3d9_bc_alu(struct d3d9_bytecode *bc, D3DSHADER_INSTRUCTION_OPCODE_TYPE op,
            DWORD dst, UINT nsrc, DWORD s0, DWORD s1, DWORD s2)
{
   d3d9_bc_op(bc, op, 0, 1 + nsrc);
   d3d9_bc_put(bc, dst);
   const DWORD src[3] = { s0, s1, s2 };
   for (UINT i = 0; i < nsrc && i < 3; i++)
      d3d9_bc_put(bc, src[i]);
}

/* dcl: USAGE_TOKEN is the declaration token (for vertex inputs usage |
 * index << 16 | 0x80000000; for samplers a D3DSTT_* | 0x80000000; for
 * ps_2_0 colour and texture inputs 0x80000000). */
static inline void
d3d9_bc_dcl(struct d3d9_bytecode *bc, DWORD usage_token, DWORD dst)
{
   d3d9_bc_op(bc, D3DSIO_DCL, 0, 2);
   d3d9_bc_put(bc, usage_token);
   d3d9_bc_put(bc, dst);
}

static inline void
d3d9_bc_dcl_usage(struct d3d9_bytecode *bc, BYTE usage, BYTE index,
                  DWORD dst)
{
   d3d9_bc_dcl(bc, 0x80000000u | usage |
                   ((DWORD)index << D3DSP_DCL_USAGEINDEX_SHIFT), dst);
}

/* def cNUM, x, y, z, w */
static inline void
d3d9_bc_def(struct d3d9_bytecode *bc, UINT num, float x, float y, float z,
            float w)
{
   const float v[4] = { x, y, z, w };
   d3d9_bc_op(bc, D3DSIO_DEF, 0, 5);
   d3d9_bc_put(bc, d3d9_bc_dst(D3DSPR_CONST, num, D3DSP_WRITEMASK_ALL, 0));
   for (unsigned i = 0; i < 4; i++) {
      DWORD d;
      memcpy(&d, &v[i], 4);
      d3d9_bc_put(bc, d);
   }
}

#endif

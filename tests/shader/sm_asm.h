/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * A tiny D3D9 shader "assembler" for tests: macros that build the tokens
 * of shader-code-format.md one by one, so a test writes a program as an
 * array initializer:
 *
 *    static const uint32_t vs[] = {
 *       SM_VS(3, 0),
 *       SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
 *                  SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL),
 *       SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
 *                  SM_DST(D3DSPR_OUTPUT, 0, SM_MASK_ALL),
 *       SM_INSTR(D3DSIO_MAD, 4), SM_DST(D3DSPR_OUTPUT, 0, SM_MASK_ALL),
 *          SM_SRC(D3DSPR_INPUT, 0, SM_SWZ(x, y, z, w)),
 *          SM_SRC(D3DSPR_CONST, 3, SM_SWZ(x, x, x, x)),
 *          SM_SRC_MOD(D3DSPR_CONST, 4, SM_NOSWZ, D3DSPSM_NEG),
 *       SM_END,
 *    };
 *
 * Lengths are written by hand: SM_INSTR's length is the number of tokens
 * after the instruction token (instruction-token.md), which shader model
 * 2 and later carry in bits 24-27; for shader model 1 pass 0 (or use
 * SM1_INSTR).  A relative-addressed parameter in shader model 2+ is
 * followed by its address token (SM_ADDR_A0 / SM_ADDR_AL) and counts
 * one more.
 *
 * Everything is a constant expression except sm_f(), which gives the bits
 * of a float for def.
 */

#ifndef D3DUMD_TEST_SM_ASM_H
#define D3DUMD_TEST_SM_ASM_H

#include <stdint.h>
#include <string.h>

#include "d3d9types.h"

/* Version tokens (version-token.md); 2_x is minor 1. */
#define SM_VS(major, minor) (0xFFFE0000u | ((major) << 8) | (minor))
#define SM_PS(major, minor) (0xFFFF0000u | ((major) << 8) | (minor))

/* The end token (end-token.md). */
#define SM_END 0x0000FFFFu

/* A comment of n dwords; the n dwords (any value) follow it
 * (comment-token.md). */
#define SM_COMMENT(n) (0x0000FFFEu | ((uint32_t)(n) << 16))

/* Instruction tokens (instruction-token.md): opcode, the opcode-specific
 * control bits 16-23, the length in bits 24-27 (SM2+). */
#define SM_INSTR_CTL(op, ctl, len) \
   ((uint32_t)(op) | ((uint32_t)(ctl) << 16) | ((uint32_t)(len) << 24))
#define SM_INSTR(op, len) SM_INSTR_CTL(op, 0, len)
#define SM1_INSTR(op)     SM_INSTR_CTL(op, 0, 0)
/* Or'ed into an instruction token: predicated (SM2.x+, the predicate
 * token follows the destination) and ps_1_x co-issue. */
#define SM_PREDICATED 0x10000000u
#define SM_COISSUE    0x40000000u
/* texld's control: texldp, texldb. */
#define SM_TEXLD_PROJECT 1
#define SM_TEXLD_BIAS    2

/* Register type split over bits 28-30 and 11-12. */
#define SM_REGTYPE(file) \
   ((((uint32_t)(file) & 7u) << 28) | (((uint32_t)(file) & 0x18u) << 8))

/* Write masks. */
#define SM_MASK_X   0x1u
#define SM_MASK_Y   0x2u
#define SM_MASK_Z   0x4u
#define SM_MASK_W   0x8u
#define SM_MASK_XY  0x3u
#define SM_MASK_XYZ 0x7u
#define SM_MASK_ALL 0xFu

/* Swizzles: SM_SWZ(x, y, z, w) with the component letters (or r, g, b,
 * a), giving the 8-bit field of source-parameter-token.md. */
#define SM_C_x 0u
#define SM_C_y 1u
#define SM_C_z 2u
#define SM_C_w 3u
#define SM_C_r 0u
#define SM_C_g 1u
#define SM_C_b 2u
#define SM_C_a 3u
#define SM_SWZ(a, b, c, d) \
   (SM_C_##a | (SM_C_##b << 2) | (SM_C_##c << 4) | (SM_C_##d << 6))
#define SM_NOSWZ SM_SWZ(x, y, z, w)
#define SM_REPL(c) SM_SWZ(c, c, c, c)

/* Destination result modifiers (bits 20-23) and the ps_1_x shift (bits
 * 24-27, signed: 1 = _x2, -1 = _d2). */
#define SM_SAT      0x00100000u
#define SM_PP       0x00200000u
#define SM_CENTROID 0x00400000u
#define SM_SHIFT(n) (((uint32_t)(n) & 0xFu) << 24)

/* Relative addressing, bit 13 of a parameter token. */
#define SM_REL 0x00002000u

/* Destination parameter: file (D3DSPR_*), index, write mask. */
#define SM_DST(file, idx, mask) \
   (0x80000000u | SM_REGTYPE(file) | ((uint32_t)(idx) & 0x7FFu) | \
    ((uint32_t)(mask) << 16))
/* With modifiers: or of SM_SAT/SM_PP/SM_CENTROID and SM_SHIFT(). */
#define SM_DST_MOD(file, idx, mask, mods) (SM_DST(file, idx, mask) | (mods))

/* Source parameter: file, index, swizzle (SM_SWZ). */
#define SM_SRC(file, idx, swz) \
   (0x80000000u | SM_REGTYPE(file) | ((uint32_t)(idx) & 0x7FFu) | \
    ((uint32_t)(swz) << 16))
/* With a source modifier, D3DSPSM_* (already shifted). */
#define SM_SRC_MOD(file, idx, swz, mod) \
   (SM_SRC(file, idx, swz) | (uint32_t)(mod))

/* Address tokens after a relative parameter (SM2+): a0.<c>, aL. */
#define SM_ADDR_A0(c) SM_SRC(D3DSPR_ADDR, 0, SM_REPL(c))
#define SM_ADDR_AL    SM_SRC(D3DSPR_LOOP, 0, SM_NOSWZ)

/* Frequent sources. */
#define SM_LABEL(n)  SM_SRC(D3DSPR_LABEL, n, 0)
#define SM_P0        SM_SRC(D3DSPR_PREDICATE, 0, SM_NOSWZ)
#define SM_NOT_P0    SM_SRC_MOD(D3DSPR_PREDICATE, 0, SM_NOSWZ, D3DSPSM_NOT)

/* dcl (dcl-instruction.md): the instruction, then the dcl token, then the
 * destination.  SM_DCL(len) is 2 in SM2+, SM_DCL(0) for vs_1_1. */
#define SM_DCL(len) SM_INSTR(D3DSIO_DCL, len)
#define SM_DCL_USAGE(usage, index) \
   (0x80000000u | (uint32_t)(usage) | ((uint32_t)(index) << 16))
/* The texture type is D3DSTT_* (already shifted). */
#define SM_DCL_SAMPLER(stt) (0x80000000u | (uint32_t)(stt))
/* ps_2_x t#/v# dcl token, vPos/vFace: no fields. */
#define SM_DCL_PLAIN 0x80000000u

/* def c#, 4 floats (use sm_f); defi i#, 4 ints; defb b#, 0 or 1. */
#define SM_DEF(len, idx) \
   SM_INSTR(D3DSIO_DEF, len), SM_DST(D3DSPR_CONST, idx, SM_MASK_ALL)
#define SM_DEFI(len, idx) \
   SM_INSTR(D3DSIO_DEFI, len), SM_DST(D3DSPR_CONSTINT, idx, SM_MASK_ALL)
#define SM_DEFB(len, idx) \
   SM_INSTR(D3DSIO_DEFB, len), SM_DST(D3DSPR_CONSTBOOL, idx, SM_MASK_ALL)

/* Float bits for static tables (sm_f() is not a constant expression). */
#define SM_F_0    0x00000000u
#define SM_F_HALF 0x3F000000u
#define SM_F_1    0x3F800000u
#define SM_F_2    0x40000000u
#define SM_F_M1   0xBF800000u

static inline uint32_t
sm_f(float f)
{
   uint32_t u;
   memcpy(&u, &f, sizeof(u));
   return u;
}

#define SM_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#endif

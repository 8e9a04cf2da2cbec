/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * D3D9 shader bytecode, decoded (shader-code-format.md, the *-token.md
 * pages, direct3d-shader-codes.md).
 *
 * The reader (d3dumd_sm_reader.c) is the only code that touches raw
 * tokens.  It decodes a whole program into d3dumd_sm_instr structs and
 * validates everything that the token rules and the shader model make
 * detectable: the version token, instruction lengths against Size, the
 * end token, opcodes and their operand counts for the shader type and
 * version, register files and index ranges, write masks, modifiers,
 * relative addressing, declarations, and the nesting of flow control.  A
 * program it accepts can be translated without further bounds checks; one
 * it rejects makes CreateVertexShaderFunc/CreatePixelShader fail with
 * E_FAIL (and a D3DUMD_DEBUG=shader dump).  The translator
 * (d3dumd_sm_to_nir*.c) only ever sees accepted programs.
 */

#ifndef D3DUMD_SM_H
#define D3DUMD_SM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

enum d3dumd_sm_type {
   D3DUMD_SM_VERTEX,
   D3DUMD_SM_PIXEL,
};

/* Limits of the largest model (vs_3_0 / ps_3_0); the reader checks the
 * per-version ones. */
#define D3DUMD_SM_MAX_SRCS        4   /* texldd: 4 sources */
#define D3DUMD_SM_MAX_FLOAT_CONST 256 /* vs: 256, ps_3_0: 224, ps_2_0: 32 */
#define D3DUMD_SM_MAX_INT_CONST   16
#define D3DUMD_SM_MAX_BOOL_CONST  16
#define D3DUMD_SM_MAX_TEMPS       32
#define D3DUMD_SM_MAX_INPUTS      16  /* vs v0-v15; ps_3_0 v0-v9 */
#define D3DUMD_SM_MAX_OUTPUTS     12  /* vs_3_0 o0-o11 */
#define D3DUMD_SM_MAX_SAMPLERS    16  /* ps s0-s15; vs_3_0 s0-s3 */
#define D3DUMD_SM_MAX_LABELS      2048
#define D3DUMD_SM_MAX_NESTING     24  /* loops/reps 4, ifs 24 (ps_2_x caps) */

/* A register: D3DSPR_* file and index.  With relative addressing the
 * index is added to one component of a0 (D3DSPR_ADDR) or to aL
 * (D3DSPR_LOOP). */
struct d3dumd_sm_reg {
   uint8_t file;         /* D3DSHADER_PARAM_REGISTER_TYPE */
   uint16_t index;
   bool relative;
   uint8_t rel_file;     /* D3DSPR_ADDR or D3DSPR_LOOP */
   uint8_t rel_index;    /* 0 */
   uint8_t rel_component;/* 0..3: the swizzle's x component of the
                          * address token */
};

/* Source modifiers, D3DSPSM_* >> D3DSP_SRCMOD_SHIFT. */
enum d3dumd_sm_srcmod {
   D3DUMD_SM_SRCMOD_NONE = 0,
   D3DUMD_SM_SRCMOD_NEG,
   D3DUMD_SM_SRCMOD_BIAS,
   D3DUMD_SM_SRCMOD_BIASNEG,
   D3DUMD_SM_SRCMOD_SIGN,
   D3DUMD_SM_SRCMOD_SIGNNEG,
   D3DUMD_SM_SRCMOD_COMP,
   D3DUMD_SM_SRCMOD_X2,
   D3DUMD_SM_SRCMOD_X2NEG,
   D3DUMD_SM_SRCMOD_DZ,
   D3DUMD_SM_SRCMOD_DW,
   D3DUMD_SM_SRCMOD_ABS,
   D3DUMD_SM_SRCMOD_ABSNEG,
   D3DUMD_SM_SRCMOD_NOT,
};

struct d3dumd_sm_src {
   struct d3dumd_sm_reg reg;
   uint8_t swizzle[4];   /* component read for x, y, z, w: 0..3 */
   uint8_t mod;          /* enum d3dumd_sm_srcmod */
};

struct d3dumd_sm_dst {
   struct d3dumd_sm_reg reg;
   uint8_t write_mask;   /* bit i: component i written; never 0 */
   bool saturate;
   bool partial_precision;
   bool centroid;
   int8_t shift;         /* ps_1_x result shift: 1 = _x2, 2 = _x4,
                          * 3 = _x8, -1 = _d2, -2 = _d4, -3 = _d8 */
};

/* One decoded instruction.  Declarations (dcl) and definitions
 * (def/defi/defb) are instructions too, in program order; the reader
 * also summarises them in d3dumd_sm_program. */
struct d3dumd_sm_instr {
   uint16_t opcode;      /* D3DSHADER_INSTRUCTION_OPCODE_TYPE */
   /* Opcode-specific control, bits 16-23 of the instruction token:
    * D3DSPC_* comparison for ifc/breakc/setp; texld: 1 = texldp,
    * 2 = texldb (ps_2_0+); ps_1_4 texld/texcrd: the project bit of the
    * source is in the source's modifier (DZ/DW) instead. */
   uint8_t control;
   bool coissue;         /* ps_1_x '+' co-issue */
   bool predicated;      /* predicate is valid */
   bool has_dst;
   uint8_t num_srcs;
   struct d3dumd_sm_src predicate; /* p0 with its swizzle; NOT = '!p0' */
   struct d3dumd_sm_dst dst;
   struct d3dumd_sm_src src[D3DUMD_SM_MAX_SRCS];

   /* dcl: usage and index (inputs/outputs), or the texture type of a
    * sampler (D3DSTT_* >> D3DSP_TEXTURETYPE_SHIFT: 2 = 2D, 3 = cube,
    * 4 = volume). */
   uint8_t dcl_usage;
   uint8_t dcl_usage_index;
   uint8_t dcl_texture_type;

   /* def: four floats as bits; defi: four ints; defb: imm[0] is 0 or 1. */
   uint32_t imm[4];

   /* Token offset (in DWORDs from the version token) of the instruction
    * token, for dumps and error messages. */
   uint32_t offset;
};

/* A declared input or output of vs (all versions: inputs), vs_3_0
 * (outputs) or ps_3_0 (inputs); ps_2_x declares t# and v# with usage
 * implied by the file. */
struct d3dumd_sm_decl {
   bool declared;
   uint8_t usage;        /* D3DDECLUSAGE_* */
   uint8_t usage_index;
   uint8_t mask;         /* the dcl's write mask */
   bool centroid;
   bool partial_precision;
};

/* What the reader reports beyond the instruction list. */
struct d3dumd_sm_program {
   enum d3dumd_sm_type type;
   uint8_t major, minor;      /* 1.1 .. 3.0; 2.x is 2.1 in the token */

   struct d3dumd_sm_instr *instrs;
   unsigned num_instrs;

   /* Declarations, indexed by register. */
   struct d3dumd_sm_decl inputs[D3DUMD_SM_MAX_INPUTS];   /* v# */
   struct d3dumd_sm_decl outputs[D3DUMD_SM_MAX_OUTPUTS]; /* vs_3_0 o# */
   /* Sampler texture types from dcl (0: not declared; ps_1_x declares
    * none: its texture types come from the bound textures). */
   uint8_t sampler_type[D3DUMD_SM_MAX_SAMPLERS];
   /* ps_3_0 vPos / vFace declared. */
   bool uses_vpos, uses_vface;

   /* Registers the program uses (read or written), as bitmasks / highest
    * index + 1. */
   uint32_t temps_used;       /* r# */
   unsigned num_float_consts; /* highest c# + 1 read with absolute index */
   bool relative_consts;      /* some c# is read with a0/aL */
   uint16_t int_consts_used;  /* i# */
   uint16_t bool_consts_used; /* b# */
   uint16_t samplers_used;    /* s# (ps_1_x: t# sampled) */
   uint16_t texcoords_used;   /* ps_1_x..2_x t# read */
   /* vs_3_0: bit i = o#.  vs_1_1..2_x: bits 0-7 oT#, 8-9 oD#, 10 oPos,
    * 11 oFog, 12 oPts.  ps: bits 0-3 oC#, bit 4 oDepth (ps_1_x: bit 0,
    * r0 is the colour). */
   uint32_t outputs_written;

   /* Labels defined, and the highest loop/if nesting. */
   uint32_t num_labels;
   unsigned max_nesting;
};

/*
 * Decodes and validates `size` bytes of `code` as a shader of `type`.
 * Returns true and fills *prog (free with d3dumd_sm_program_fini) when the
 * program is valid; returns false otherwise with a one-line reason in
 * err (which names the token offset), leaving *prog empty.  Never reads
 * past code + size, whatever the tokens say.
 */
bool d3dumd_sm_read(const uint32_t *code, size_t size, enum d3dumd_sm_type type,
                    struct d3dumd_sm_program *prog, char *err, size_t err_size);
void d3dumd_sm_program_fini(struct d3dumd_sm_program *prog);

/* A disassembly of the tokens (D3DUMD_DEBUG=shader): one instruction a
 * line in the D3D assembler's syntax where it can be decoded, raw tokens
 * where it cannot.  Safe on any input: it reads at most `size` bytes. */
void d3dumd_sm_dump_tokens(FILE *f, const uint32_t *code, size_t size);
/* A disassembly of a decoded program. */
void d3dumd_sm_dump(FILE *f, const struct d3dumd_sm_program *prog);
/* Name of an opcode, or NULL. */
const char *d3dumd_sm_opcode_name(unsigned opcode);

#ifdef __cplusplus
}
#endif

#endif /* D3DUMD_SM_H */

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The D3D9 shader bytecode reader: the only code that reads raw tokens.
 *
 * Token layouts come from the WDK pages (version-token.md,
 * instruction-token.md, destination-parameter-token.md,
 * source-parameter-token.md, comment-token.md, end-token.md,
 * label-token.md, dcl-instruction.md, shader-relative-addressing.md,
 * sincos-instruction.md).  The pages do not list which opcode exists in
 * which shader model; the opcode table below follows the DirectX 9 SDK's
 * per-version instruction lists.  Where we are looser than the SDK, the
 * entry or check says so: accepting a program that the runtime would
 * already have refused costs nothing, refusing one it accepts breaks an
 * application.
 *
 * The reader never dereferences a token outside code[0, size / 4): every
 * read goes through sm_next(), bounded by the instruction's length field
 * (shader model 2 and later) or by the end of the code (shader model 1,
 * whose instruction tokens carry no length).
 */

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "d3d9types.h"
#include "d3dumd_sm.h"

#define VER(major, minor) (((major) << 8) | (minor))

/* Version bounds for the opcode table.  vs_2_x and ps_2_x are 2.1 in the
 * version token. */
enum {
   V11 = VER(1, 1), V20 = VER(2, 0), V2X = VER(2, 1), V30 = VER(3, 0),
   P11 = VER(1, 1), P12 = VER(1, 2), P13 = VER(1, 3), P14 = VER(1, 4),
   P20 = VER(2, 0), P2X = VER(2, 1), P30 = VER(3, 0),
};

struct sm_opinfo {
   const char *name;
   uint16_t opcode;
   uint8_t num_dst;
   uint8_t num_src;
   uint8_t num_imm;           /* def, defi: 4 dwords; defb: 1 */
   uint16_t vs_min, vs_max;   /* 0, 0: not in vertex shaders */
   uint16_t ps_min, ps_max;   /* 0, 0: not in pixel shaders */
};

/* One entry per opcode and operand layout: tex, texcoord, sincos and sgn
 * change their operands with the version. */
static const struct sm_opinfo sm_ops[] = {
   { "nop",          D3DSIO_NOP,          0, 0, 0, V11, V30, P11, P30 },
   { "mov",          D3DSIO_MOV,          1, 1, 0, V11, V30, P11, P30 },
   { "add",          D3DSIO_ADD,          1, 2, 0, V11, V30, P11, P30 },
   /* instruction-token.md: vertex shaders get sub as add with a negated
    * source; an explicit D3DSIO_SUB does no harm, so it is accepted. */
   { "sub",          D3DSIO_SUB,          1, 2, 0, V11, V30, P11, P30 },
   { "mad",          D3DSIO_MAD,          1, 3, 0, V11, V30, P11, P30 },
   { "mul",          D3DSIO_MUL,          1, 2, 0, V11, V30, P11, P30 },
   { "rcp",          D3DSIO_RCP,          1, 1, 0, V11, V30, P20, P30 },
   { "rsq",          D3DSIO_RSQ,          1, 1, 0, V11, V30, P20, P30 },
   { "dp3",          D3DSIO_DP3,          1, 2, 0, V11, V30, P11, P30 },
   { "dp4",          D3DSIO_DP4,          1, 2, 0, V11, V30, P12, P30 },
   { "min",          D3DSIO_MIN,          1, 2, 0, V11, V30, P20, P30 },
   { "max",          D3DSIO_MAX,          1, 2, 0, V11, V30, P20, P30 },
   { "slt",          D3DSIO_SLT,          1, 2, 0, V11, V30, 0, 0 },
   { "sge",          D3DSIO_SGE,          1, 2, 0, V11, V30, 0, 0 },
   { "exp",          D3DSIO_EXP,          1, 1, 0, V11, V30, P20, P30 },
   { "log",          D3DSIO_LOG,          1, 1, 0, V11, V30, P20, P30 },
   { "lit",          D3DSIO_LIT,          1, 1, 0, V11, V30, 0, 0 },
   { "dst",          D3DSIO_DST,          1, 2, 0, V11, V30, 0, 0 },
   { "lrp",          D3DSIO_LRP,          1, 3, 0, V20, V30, P11, P30 },
   { "frc",          D3DSIO_FRC,          1, 1, 0, V11, V30, P20, P30 },
   { "m4x4",         D3DSIO_M4x4,         1, 2, 0, V11, V30, P20, P30 },
   { "m4x3",         D3DSIO_M4x3,         1, 2, 0, V11, V30, P20, P30 },
   { "m3x4",         D3DSIO_M3x4,         1, 2, 0, V11, V30, P20, P30 },
   { "m3x3",         D3DSIO_M3x3,         1, 2, 0, V11, V30, P20, P30 },
   { "m3x2",         D3DSIO_M3x2,         1, 2, 0, V11, V30, P20, P30 },
   { "call",         D3DSIO_CALL,         0, 1, 0, V20, V30, P2X, P30 },
   { "callnz",       D3DSIO_CALLNZ,       0, 2, 0, V20, V30, P2X, P30 },
   { "loop",         D3DSIO_LOOP,         0, 2, 0, V20, V30, P30, P30 },
   { "ret",          D3DSIO_RET,          0, 0, 0, V20, V30, P2X, P30 },
   { "endloop",      D3DSIO_ENDLOOP,      0, 0, 0, V20, V30, P30, P30 },
   { "label",        D3DSIO_LABEL,        0, 1, 0, V20, V30, P2X, P30 },
   /* The dcl token is counted apart; the destination is the register. */
   { "dcl",          D3DSIO_DCL,          1, 0, 0, V11, V30, P20, P30 },
   { "pow",          D3DSIO_POW,          1, 2, 0, V20, V30, P20, P30 },
   { "crs",          D3DSIO_CRS,          1, 2, 0, V20, V30, P20, P30 },
   /* sgn: two scratch temps before vs_3_0, none after. */
   { "sgn",          D3DSIO_SGN,          1, 3, 0, V20, V2X, 0, 0 },
   { "sgn",          D3DSIO_SGN,          1, 1, 0, V30, V30, 0, 0 },
   { "abs",          D3DSIO_ABS,          1, 1, 0, V20, V30, P20, P30 },
   { "nrm",          D3DSIO_NRM,          1, 1, 0, V20, V30, P20, P30 },
   /* sincos-instruction.md: src1 and src2 before 3_0 only. */
   { "sincos",       D3DSIO_SINCOS,       1, 3, 0, V20, V2X, P20, P2X },
   { "sincos",       D3DSIO_SINCOS,       1, 1, 0, V30, V30, P30, P30 },
   { "rep",          D3DSIO_REP,          0, 1, 0, V20, V30, P2X, P30 },
   { "endrep",       D3DSIO_ENDREP,       0, 0, 0, V20, V30, P2X, P30 },
   { "if",           D3DSIO_IF,           0, 1, 0, V20, V30, P2X, P30 },
   { "ifc",          D3DSIO_IFC,          0, 2, 0, V2X, V30, P2X, P30 },
   { "else",         D3DSIO_ELSE,         0, 0, 0, V20, V30, P2X, P30 },
   { "endif",        D3DSIO_ENDIF,        0, 0, 0, V20, V30, P2X, P30 },
   { "break",        D3DSIO_BREAK,        0, 0, 0, V2X, V30, P2X, P30 },
   { "breakc",       D3DSIO_BREAKC,       0, 2, 0, V2X, V30, P2X, P30 },
   { "mova",         D3DSIO_MOVA,         1, 1, 0, V20, V30, 0, 0 },
   /* defb/defi: the SDK has them from ps_2_x; ps_2_0 is accepted too
    * (a constant nobody reads). */
   { "defb",         D3DSIO_DEFB,         1, 0, 1, V20, V30, P20, P30 },
   { "defi",         D3DSIO_DEFI,         1, 0, 4, V20, V30, P20, P30 },
   /* ps_1_4 writes texcrd and texld with a source (instruction-token.md),
    * earlier versions name only the t# destination. */
   { "texcoord",     D3DSIO_TEXCOORD,     1, 0, 0, 0, 0, P11, P13 },
   { "texcrd",       D3DSIO_TEXCOORD,     1, 1, 0, 0, 0, P14, P14 },
   /* texkill's operand is a destination token that is read. */
   { "texkill",      D3DSIO_TEXKILL,      1, 0, 0, 0, 0, P11, P30 },
   { "tex",          D3DSIO_TEX,          1, 0, 0, 0, 0, P11, P13 },
   { "texld",        D3DSIO_TEX,          1, 1, 0, 0, 0, P14, P14 },
   { "texld",        D3DSIO_TEX,          1, 2, 0, 0, 0, P20, P30 },
   { "texbem",       D3DSIO_TEXBEM,       1, 1, 0, 0, 0, P11, P13 },
   { "texbeml",      D3DSIO_TEXBEML,      1, 1, 0, 0, 0, P11, P13 },
   { "texreg2ar",    D3DSIO_TEXREG2AR,    1, 1, 0, 0, 0, P11, P13 },
   { "texreg2gb",    D3DSIO_TEXREG2GB,    1, 1, 0, 0, 0, P11, P13 },
   { "texm3x2pad",   D3DSIO_TEXM3x2PAD,   1, 1, 0, 0, 0, P11, P13 },
   { "texm3x2tex",   D3DSIO_TEXM3x2TEX,   1, 1, 0, 0, 0, P11, P13 },
   { "texm3x3pad",   D3DSIO_TEXM3x3PAD,   1, 1, 0, 0, 0, P11, P13 },
   { "texm3x3tex",   D3DSIO_TEXM3x3TEX,   1, 1, 0, 0, 0, P11, P13 },
   { "texm3x3spec",  D3DSIO_TEXM3x3SPEC,  1, 2, 0, 0, 0, P11, P13 },
   { "texm3x3vspec", D3DSIO_TEXM3x3VSPEC, 1, 1, 0, 0, 0, P11, P13 },
   { "expp",         D3DSIO_EXPP,         1, 1, 0, V11, V30, 0, 0 },
   { "logp",         D3DSIO_LOGP,         1, 1, 0, V11, V30, 0, 0 },
   { "cnd",          D3DSIO_CND,          1, 3, 0, 0, 0, P11, P14 },
   { "def",          D3DSIO_DEF,          1, 0, 4, V11, V30, P11, P30 },
   { "texreg2rgb",   D3DSIO_TEXREG2RGB,   1, 1, 0, 0, 0, P12, P13 },
   { "texdp3tex",    D3DSIO_TEXDP3TEX,    1, 1, 0, 0, 0, P12, P13 },
   { "texm3x2depth", D3DSIO_TEXM3x2DEPTH, 1, 1, 0, 0, 0, P13, P13 },
   { "texdp3",       D3DSIO_TEXDP3,       1, 1, 0, 0, 0, P12, P13 },
   { "texm3x3",      D3DSIO_TEXM3x3,      1, 1, 0, 0, 0, P12, P13 },
   { "texdepth",     D3DSIO_TEXDEPTH,     1, 0, 0, 0, 0, P14, P14 },
   { "cmp",          D3DSIO_CMP,          1, 3, 0, 0, 0, P12, P30 },
   { "bem",          D3DSIO_BEM,          1, 2, 0, 0, 0, P14, P14 },
   { "dp2add",       D3DSIO_DP2ADD,       1, 3, 0, 0, 0, P20, P30 },
   { "dsx",          D3DSIO_DSX,          1, 1, 0, 0, 0, P2X, P30 },
   { "dsy",          D3DSIO_DSY,          1, 1, 0, 0, 0, P2X, P30 },
   { "texldd",       D3DSIO_TEXLDD,       1, 4, 0, 0, 0, P2X, P30 },
   { "setp",         D3DSIO_SETP,         1, 2, 0, V2X, V30, P2X, P30 },
   { "texldl",       D3DSIO_TEXLDL,       1, 2, 0, V30, V30, P30, P30 },
   { "breakp",       D3DSIO_BREAKP,       0, 1, 0, V2X, V30, P2X, P30 },
   { "phase",        D3DSIO_PHASE,        0, 0, 0, 0, 0, P14, P14 },
};

#define NUM_OPS (sizeof(sm_ops) / sizeof(sm_ops[0]))

#define F(file) (1u << D3DSPR_##file)

/* Files an arithmetic source may name; the version's limits then decide
 * (a0 and t# share a number: vertex shaders cannot read a0 directly). */
#define SRC_VALUE (F(TEMP) | F(INPUT) | F(CONST) | F(TEXTURE) | F(MISCTYPE))

#define TOK_PARAM      0x80000000u
#define TOK_RELATIVE   0x00002000u
#define TOK_RESERVED   0x0000c000u  /* bits 14-15 of parameter tokens */
#define INS_PREDICATED 0x10000000u
#define INS_RESERVED   0x20000000u  /* bit 29 */
#define END_TOKEN      0x0000ffffu

#define MAX_LOOP_NESTING 4

enum sm_section {
   SM_MAIN,       /* the main program */
   SM_AFTER_RET,  /* after a ret outside flow control: labels only */
   SM_SUB,        /* inside a subroutine */
};

struct sm_flow {
   uint16_t opcode;   /* D3DSIO_IF (also ifc), D3DSIO_LOOP, D3DSIO_REP */
   bool has_else;
   uint32_t offset;
};

struct sm_reader {
   const uint32_t *code;
   uint32_t num_dwords;
   bool vs;
   unsigned ver;
   struct d3dumd_sm_program *prog;
   unsigned capacity;
   char *err;
   size_t err_size;

   struct sm_flow flow[D3DUMD_SM_MAX_NESTING];
   unsigned depth, loop_depth;
   enum sm_section section;
   bool seen_code;        /* an instruction other than dcl and def* */
   bool seen_phase;
   uint32_t labels[D3DUMD_SM_MAX_LABELS / 32];
};

/* The operand tokens of one instruction: code[pos, end). */
struct sm_cursor {
   uint32_t pos, end;
};

static bool
sm_fail(struct sm_reader *r, uint32_t offset, const char *fmt, ...)
   __attribute__((format(printf, 3, 4)));

static bool
sm_fail(struct sm_reader *r, uint32_t offset, const char *fmt, ...)
{
   if (!r->err || !r->err_size)
      return false;
   int n = snprintf(r->err, r->err_size, "token %u: ", offset);
   if (n >= 0 && (size_t)n < r->err_size) {
      va_list ap;
      va_start(ap, fmt);
      vsnprintf(r->err + n, r->err_size - n, fmt, ap);
      va_end(ap);
   }
   return false;
}

static const char *
sm_version_name(const struct sm_reader *r)
{
   static const char *const vs_names[] = { "vs_1_1", "vs_2_0", "vs_2_x",
                                           "vs_3_0" };
   static const char *const ps_names[] = { "ps_1_1", "ps_1_2", "ps_1_3",
                                           "ps_1_4", "ps_2_0", "ps_2_x",
                                           "ps_3_0" };
   switch (r->ver) {
   case VER(1, 1): return r->vs ? vs_names[0] : ps_names[0];
   case VER(1, 2): return ps_names[1];
   case VER(1, 3): return ps_names[2];
   case VER(1, 4): return ps_names[3];
   case VER(2, 0): return r->vs ? vs_names[1] : ps_names[4];
   case VER(2, 1): return r->vs ? vs_names[2] : ps_names[5];
   default:        return r->vs ? vs_names[3] : ps_names[6];
   }
}

/* Register file names for messages, as the assembler spells them. */
static const char *
sm_file_name(const struct sm_reader *r, unsigned file)
{
   switch (file) {
   case D3DSPR_TEMP:       return "r";
   case D3DSPR_INPUT:      return "v";
   case D3DSPR_CONST:      return "c";
   case D3DSPR_ADDR:       return r->vs ? "a" : "t";
   case D3DSPR_RASTOUT:    return "oPos/oFog/oPts";
   case D3DSPR_ATTROUT:    return "oD";
   case D3DSPR_OUTPUT:     return r->vs && r->ver >= V30 ? "o" : "oT";
   case D3DSPR_CONSTINT:   return "i";
   case D3DSPR_COLOROUT:   return "oC";
   case D3DSPR_DEPTHOUT:   return "oDepth";
   case D3DSPR_SAMPLER:    return "s";
   case D3DSPR_CONST2:
   case D3DSPR_CONST3:
   case D3DSPR_CONST4:     return "c (bank 2-4)";
   case D3DSPR_CONSTBOOL:  return "b";
   case D3DSPR_LOOP:       return "aL";
   case D3DSPR_TEMPFLOAT16: return "half temp";
   case D3DSPR_MISCTYPE:   return "vPos/vFace";
   case D3DSPR_LABEL:      return "l";
   case D3DSPR_PREDICATE:  return "p";
   default:                return "unknown";
   }
}

static const struct sm_opinfo *
sm_lookup(const struct sm_reader *r, unsigned opcode, bool *exists)
{
   *exists = false;
   for (unsigned i = 0; i < NUM_OPS; i++) {
      const struct sm_opinfo *op = &sm_ops[i];
      if (op->opcode != opcode)
         continue;
      *exists = true;
      unsigned lo = r->vs ? op->vs_min : op->ps_min;
      unsigned hi = r->vs ? op->vs_max : op->ps_max;
      if (lo && r->ver >= lo && r->ver <= hi)
         return op;
   }
   return NULL;
}

const char *
d3dumd_sm_opcode_name(unsigned opcode)
{
   for (unsigned i = 0; i < NUM_OPS; i++) {
      if (sm_ops[i].opcode == opcode)
         return sm_ops[i].name;
   }
   if (opcode == D3DSIO_COMMENT)
      return "comment";
   if (opcode == D3DSIO_END)
      return "end";
   return NULL;
}

/*
 * How many registers of `file` the version has, for reading or writing
 * (0: none).  The limits are the shader models' own; where caps decide
 * (vs_2_x and ps_2_x temps, vs constants) the largest value is used.
 */
static unsigned
sm_limit(const struct sm_reader *r, unsigned file, bool write)
{
   const unsigned v = r->ver;

   if (r->vs) {
      switch (file) {
      case D3DSPR_TEMP:      return v >= V2X ? 32 : 12;
      case D3DSPR_INPUT:     return write ? 0 : 16;
      case D3DSPR_CONST:     return write ? 0 : 256;
      case D3DSPR_ADDR:      return write ? 1 : 0;
      case D3DSPR_RASTOUT:   return write && v < V30 ? 3 : 0;
      case D3DSPR_ATTROUT:   return write && v < V30 ? 2 : 0;
      case D3DSPR_OUTPUT:    return write ? (v >= V30 ? 12 : 8) : 0;
      case D3DSPR_CONSTINT:
      case D3DSPR_CONSTBOOL: return !write && v >= V20 ? 16 : 0;
      case D3DSPR_LOOP:      return !write && v >= V20 ? 1 : 0;
      case D3DSPR_SAMPLER:   return !write && v >= V30 ? 4 : 0;
      case D3DSPR_PREDICATE: return v >= V2X ? 1 : 0;
      case D3DSPR_LABEL:     return !write && v >= V20 ? 2048 : 0;
      default:               return 0;
      }
   }

   switch (file) {
   case D3DSPR_TEMP:
      return v < P14 ? 2 : v == P14 ? 6 : v == P20 ? 12 : 32;
   case D3DSPR_INPUT:     return write ? 0 : v >= P30 ? 10 : 2;
   case D3DSPR_CONST:     return write ? 0 : v < P20 ? 8 : v < P30 ? 32 : 224;
   case D3DSPR_TEXTURE:
      if (write)
         return v < P14 ? 4 : 0;
      return v < P14 ? 4 : v == P14 ? 6 : v < P30 ? 8 : 0;
   case D3DSPR_COLOROUT:  return write && v >= P20 ? 4 : 0;
   case D3DSPR_DEPTHOUT:  return write && v >= P20 ? 1 : 0;
   case D3DSPR_SAMPLER:   return !write && v >= P20 ? 16 : 0;
   case D3DSPR_CONSTINT:
   case D3DSPR_CONSTBOOL: return !write && v >= P20 ? 16 : 0;
   case D3DSPR_LOOP:      return !write && v >= P30 ? 1 : 0;
   case D3DSPR_PREDICATE: return v >= P2X ? 1 : 0;
   case D3DSPR_LABEL:     return !write && v >= P2X ? 2048 : 0;
   case D3DSPR_MISCTYPE:  return !write && v >= P30 ? 2 : 0;
   default:               return 0;
   }
}

static bool
sm_next(struct sm_reader *r, struct sm_cursor *c, uint32_t *tok,
        const char *what)
{
   if (c->pos >= c->end) {
      if (r->ver >= V20)
         return sm_fail(r, c->pos, "%s lies past the instruction's length",
                        what);
      return sm_fail(r, c->pos, "%s lies past the end of the code", what);
   }
   *tok = r->code[c->pos++];
   return true;
}

static unsigned
sm_file_of(uint32_t tok)
{
   return ((tok & D3DSP_REGTYPE_MASK) >> D3DSP_REGTYPE_SHIFT) |
          ((tok & D3DSP_REGTYPE_MASK2) >> D3DSP_REGTYPE_SHIFT2);
}

/*
 * The relative-address part of a parameter: vs_1_1 means a0.x with no
 * token; later versions follow the parameter with an address token
 * (shader-relative-addressing.md).
 */
static bool
sm_read_relative(struct sm_reader *r, struct sm_cursor *c,
                 struct d3dumd_sm_reg *reg)
{
   reg->relative = true;
   if (r->ver < V20) {
      /* Only vs_1_1 gets here: pixel shaders below 3_0 reject bit 13. */
      reg->rel_file = D3DSPR_ADDR;
      reg->rel_index = 0;
      reg->rel_component = 0;
      return true;
   }

   uint32_t off = c->pos, tok;
   if (!sm_next(r, c, &tok, "relative address token"))
      return false;
   if (!(tok & TOK_PARAM))
      return sm_fail(r, off, "address token 0x%08x lacks bit 31", tok);
   unsigned file = sm_file_of(tok);
   bool ok = (file == D3DSPR_ADDR && r->vs) ||
             (file == D3DSPR_LOOP && sm_limit(r, D3DSPR_LOOP, false));
   if (!ok)
      return sm_fail(r, off, "relative address register %s not valid in %s",
                     sm_file_name(r, file), sm_version_name(r));
   if ((tok & D3DSP_REGNUM_MASK) != 0)
      return sm_fail(r, off, "relative address register index %u",
                     tok & D3DSP_REGNUM_MASK);
   reg->rel_file = file;
   reg->rel_index = 0;
   reg->rel_component = (tok >> D3DSP_SWIZZLE_SHIFT) & 3;
   return true;
}

/* Decodes a destination token and checks what is independent of the
 * opcode: the token's form and the modifiers the version allows. */
static bool
sm_decode_dst(struct sm_reader *r, struct sm_cursor *c,
              struct d3dumd_sm_dst *dst)
{
   uint32_t off = c->pos, tok;
   if (!sm_next(r, c, &tok, "destination token"))
      return false;
   if (!(tok & TOK_PARAM))
      return sm_fail(r, off, "destination token 0x%08x lacks bit 31", tok);
   if (tok & TOK_RESERVED)
      return sm_fail(r, off, "destination token 0x%08x sets reserved bits",
                     tok);

   memset(dst, 0, sizeof(*dst));
   dst->reg.file = sm_file_of(tok);
   dst->reg.index = tok & D3DSP_REGNUM_MASK;
   dst->write_mask = (tok & D3DSP_WRITEMASK_ALL) >> 16;

   unsigned mods = (tok & D3DSP_DSTMOD_MASK) >> D3DSP_DSTMOD_SHIFT;
   if (mods & 0x8)
      return sm_fail(r, off, "unknown result modifier 0x%x", mods);
   dst->saturate = mods & 0x1;
   dst->partial_precision = mods & 0x2;
   dst->centroid = mods & 0x4;
   /* destination-parameter-token.md: _pp and _centroid are pixel shader
    * modifiers. */
   if (r->vs && (dst->partial_precision || dst->centroid))
      return sm_fail(r, off, "_pp/_centroid in a vertex shader");

   unsigned shift = (tok & D3DSP_DSTSHIFT_MASK) >> D3DSP_DSTSHIFT_SHIFT;
   if (shift) {
      if (r->vs || r->ver >= P20)
         return sm_fail(r, off, "result shift only exists in ps_1_x");
      int s = shift < 8 ? (int)shift : (int)shift - 16;
      if (s < -3 || s > 3)
         return sm_fail(r, off, "result shift %d out of range", s);
      dst->shift = s;
   }

   if (tok & TOK_RELATIVE) {
      /* destination-parameter-token.md: bit 13 only from vs_3_0. */
      if (!r->vs || r->ver < V30)
         return sm_fail(r, off, "relative destination in %s",
                        sm_version_name(r));
      if (!sm_read_relative(r, c, &dst->reg))
         return false;
   }
   return true;
}

static bool
sm_decode_src(struct sm_reader *r, struct sm_cursor *c,
              struct d3dumd_sm_src *src, uint32_t *offset)
{
   uint32_t tok;
   *offset = c->pos;
   if (!sm_next(r, c, &tok, "source token"))
      return false;
   if (!(tok & TOK_PARAM))
      return sm_fail(r, *offset, "source token 0x%08x lacks bit 31", tok);
   if (tok & TOK_RESERVED)
      return sm_fail(r, *offset, "source token 0x%08x sets reserved bits",
                     tok);

   memset(src, 0, sizeof(*src));
   src->reg.file = sm_file_of(tok);
   src->reg.index = tok & D3DSP_REGNUM_MASK;
   unsigned swz = (tok & D3DSP_SWIZZLE_MASK) >> D3DSP_SWIZZLE_SHIFT;
   for (unsigned i = 0; i < 4; i++)
      src->swizzle[i] = (swz >> (2 * i)) & 3;
   src->mod = (tok & D3DSP_SRCMOD_MASK) >> D3DSP_SRCMOD_SHIFT;

   if (tok & TOK_RELATIVE) {
      /* source-parameter-token.md: reserved in pixel shaders below 3_0. */
      if (!r->vs && r->ver < P30)
         return sm_fail(r, *offset, "relative source in %s",
                        sm_version_name(r));
      if (!sm_read_relative(r, c, &src->reg))
         return false;
   }
   return true;
}

static bool
sm_srcmod_ok(const struct sm_reader *r, unsigned opcode, unsigned file,
             unsigned mod)
{
   if (mod == D3DUMD_SM_SRCMOD_NONE)
      return true;
   /* source-parameter-token.md: NOT applies to the predicate only. */
   if (file == D3DSPR_PREDICATE)
      return mod == D3DUMD_SM_SRCMOD_NOT;

   switch (mod) {
   case D3DUMD_SM_SRCMOD_NEG:
      return true;
   case D3DUMD_SM_SRCMOD_ABS:
   case D3DUMD_SM_SRCMOD_ABSNEG:
      /* The SDK documents _abs for the 3_0 models; 2_x drivers take it
       * too, so from 2_0. */
      return r->ver >= V20;
   case D3DUMD_SM_SRCMOD_BIAS:
   case D3DUMD_SM_SRCMOD_BIASNEG:
   case D3DUMD_SM_SRCMOD_SIGN:
   case D3DUMD_SM_SRCMOD_SIGNNEG:
   case D3DUMD_SM_SRCMOD_COMP:
      return !r->vs && r->ver < P20;
   case D3DUMD_SM_SRCMOD_X2:
   case D3DUMD_SM_SRCMOD_X2NEG:
      return !r->vs && r->ver == P14;
   case D3DUMD_SM_SRCMOD_DZ:
   case D3DUMD_SM_SRCMOD_DW:
      /* The projective divide of ps_1_4's texld and texcrd. */
      return !r->vs && r->ver == P14 &&
             (opcode == D3DSIO_TEX || opcode == D3DSIO_TEXCOORD);
   default:
      return false;   /* NOT on a non-predicate, 0xe, 0xf */
   }
}

/* Files that source `i` of `opcode` may name. */
static uint32_t
sm_src_files(const struct sm_reader *r, unsigned opcode, unsigned i)
{
   switch (opcode) {
   case D3DSIO_LOOP:   return i == 0 ? F(LOOP) : F(CONSTINT);
   case D3DSIO_REP:    return F(CONSTINT);
   case D3DSIO_IF:     return F(CONSTBOOL) | F(PREDICATE);
   case D3DSIO_CALL:
   case D3DSIO_LABEL:  return F(LABEL);
   case D3DSIO_CALLNZ: return i == 0 ? F(LABEL) : F(CONSTBOOL) | F(PREDICATE);
   case D3DSIO_BREAKP: return F(PREDICATE);
   case D3DSIO_TEX:
      if (r->ver == P14)
         return F(TEXTURE) | F(TEMP);
      return i == 1 ? F(SAMPLER) : SRC_VALUE;
   case D3DSIO_TEXLDL:
   case D3DSIO_TEXLDD: return i == 1 ? F(SAMPLER) : SRC_VALUE;
   case D3DSIO_TEXCOORD: return F(TEXTURE);   /* ps_1_4 texcrd */
   default:            return SRC_VALUE;
   }
}

static bool
sm_is_ps1x_texop(const struct sm_reader *r, unsigned opcode)
{
   if (r->vs || r->ver >= P14)
      return false;
   switch (opcode) {
   case D3DSIO_TEXCOORD: case D3DSIO_TEX: case D3DSIO_TEXBEM:
   case D3DSIO_TEXBEML: case D3DSIO_TEXREG2AR: case D3DSIO_TEXREG2GB:
   case D3DSIO_TEXM3x2PAD: case D3DSIO_TEXM3x2TEX: case D3DSIO_TEXM3x3PAD:
   case D3DSIO_TEXM3x3TEX: case D3DSIO_TEXM3x3SPEC: case D3DSIO_TEXM3x3VSPEC:
   case D3DSIO_TEXREG2RGB: case D3DSIO_TEXDP3TEX: case D3DSIO_TEXM3x2DEPTH:
   case D3DSIO_TEXDP3: case D3DSIO_TEXM3x3:
      return true;
   default:
      return false;
   }
}

/* Files the destination of `opcode` may name. */
static uint32_t
sm_dst_files(const struct sm_reader *r, unsigned opcode)
{
   if (opcode == D3DSIO_SETP)
      return F(PREDICATE);
   if (sm_is_ps1x_texop(r, opcode))
      return F(TEXTURE);
   if (r->vs) {
      /* a0 is written by mov in vs_1_1 and by mova from vs_2_0. */
      if (opcode == D3DSIO_MOVA)
         return F(ADDR);
      uint32_t files = F(TEMP) | F(RASTOUT) | F(ATTROUT) | F(OUTPUT);
      if (opcode == D3DSIO_MOV && r->ver < V20)
         files |= F(ADDR);
      /* sincos-instruction.md: the destination is a temp. */
      if (opcode == D3DSIO_SINCOS)
         files = F(TEMP);
      return files;
   }
   switch (opcode) {
   case D3DSIO_TEX:
   case D3DSIO_TEXCOORD:
   case D3DSIO_TEXDEPTH:
   case D3DSIO_SINCOS:
      return F(TEMP);
   default:
      return F(TEMP) | F(TEXTURE) | F(COLOROUT) | F(DEPTHOUT);
   }
}

static bool
sm_check_index(struct sm_reader *r, uint32_t off,
               const struct d3dumd_sm_reg *reg, bool write, const char *what)
{
   unsigned limit = sm_limit(r, reg->file, write);
   if (!limit)
      return sm_fail(r, off, "%s: register file %s (%u) not %s in %s", what,
                     sm_file_name(r, reg->file), reg->file,
                     write ? "writable" : "readable", sm_version_name(r));
   if (reg->index >= limit)
      return sm_fail(r, off, "%s: register %s%u out of range (%s has %u)",
                     what, sm_file_name(r, reg->file), reg->index,
                     sm_version_name(r), limit);
   return true;
}

/* Records what a source reads in the program summary. */
static bool
sm_note_read(struct sm_reader *r, uint32_t off,
             const struct d3dumd_sm_reg *reg)
{
   struct d3dumd_sm_program *p = r->prog;
   const unsigned i = reg->index;

   switch (reg->file) {
   case D3DSPR_TEMP:
      p->temps_used |= 1u << i;
      break;
   case D3DSPR_CONST:
      if (reg->relative)
         p->relative_consts = true;
      else if (i + 1 > p->num_float_consts)
         p->num_float_consts = i + 1;
      break;
   case D3DSPR_CONSTINT:
      p->int_consts_used |= 1u << i;
      break;
   case D3DSPR_CONSTBOOL:
      p->bool_consts_used |= 1u << i;
      break;
   case D3DSPR_SAMPLER:
      /* texld, texldl and texldd need a dcl'd sampler: its type says
       * what to sample (dcl-instruction.md). */
      if (!p->sampler_type[i])
         return sm_fail(r, off, "sampler s%u used without a dcl", i);
      p->samplers_used |= 1u << i;
      break;
   case D3DSPR_TEXTURE:
      if (!r->vs)
         p->texcoords_used |= 1u << i;
      break;
   case D3DSPR_MISCTYPE:
      if (i == 0)
         p->uses_vpos = true;
      else
         p->uses_vface = true;
      break;
   case D3DSPR_INPUT:
      /* ps_3_0 inputs are linked by their dcl semantics: an undeclared
       * one has nothing to link to. */
      if (!r->vs && r->ver >= P30 && !reg->relative &&
          !p->inputs[i].declared)
         return sm_fail(r, off, "input v%u read without a dcl", i);
      break;
   default:
      break;
   }
   return true;
}

static bool
sm_note_write(struct sm_reader *r, uint32_t off,
              const struct d3dumd_sm_dst *dst)
{
   struct d3dumd_sm_program *p = r->prog;
   const unsigned i = dst->reg.index;

   switch (dst->reg.file) {
   case D3DSPR_TEMP:
      p->temps_used |= 1u << i;
      /* ps_1_x: r0 is the colour output. */
      if (!r->vs && r->ver < P20 && i == 0)
         p->outputs_written |= 1u << 0;
      break;
   case D3DSPR_RASTOUT:
      if (r->vs)
         p->outputs_written |= 1u << (10 + i);
      break;
   case D3DSPR_ATTROUT:
      if (r->vs)
         p->outputs_written |= 1u << (8 + i);
      break;
   case D3DSPR_OUTPUT:
      if (!r->vs)
         break;
      if (r->ver < V30) {
         p->outputs_written |= 1u << i;
      } else if (dst->reg.relative) {
         /* o[a0/aL + i]: any declared output from i on. */
         for (unsigned o = i; o < D3DUMD_SM_MAX_OUTPUTS; o++) {
            if (p->outputs[o].declared)
               p->outputs_written |= 1u << o;
         }
      } else {
         /* dcl-instruction.md: vs_3_0 declares every output it writes. */
         if (!p->outputs[i].declared)
            return sm_fail(r, off, "output o%u written without a dcl", i);
         p->outputs_written |= 1u << i;
      }
      break;
   case D3DSPR_COLOROUT:
      if (!r->vs)
         p->outputs_written |= 1u << i;
      break;
   case D3DSPR_DEPTHOUT:
      if (!r->vs)
         p->outputs_written |= 1u << 4;
      break;
   default:
      break;
   }
   return true;
}

static bool
sm_check_src(struct sm_reader *r, unsigned opcode, uint32_t off,
             const struct d3dumd_sm_src *src, uint32_t files,
             const char *what)
{
   const struct d3dumd_sm_reg *reg = &src->reg;

   if (reg->file >= 32 || !(files & (1u << reg->file)))
      return sm_fail(r, off, "%s: register file %s (%u) not allowed here",
                     what, sm_file_name(r, reg->file), reg->file);
   if (!sm_check_index(r, off, reg, false, what))
      return false;
   if (reg->relative) {
      bool ok = reg->file == D3DSPR_CONST ||
                (reg->file == D3DSPR_INPUT && r->ver >= V30);
      if (!ok)
         return sm_fail(r, off, "%s: %s cannot be addressed relatively", what,
                        sm_file_name(r, reg->file));
   }
   if (!sm_srcmod_ok(r, opcode, reg->file, src->mod))
      return sm_fail(r, off, "%s: source modifier %u not valid here", what,
                     src->mod);
   /* Control registers take no arithmetic modifier. */
   switch (reg->file) {
   case D3DSPR_CONSTINT: case D3DSPR_CONSTBOOL: case D3DSPR_LOOP:
   case D3DSPR_SAMPLER: case D3DSPR_LABEL:
      if (src->mod != D3DUMD_SM_SRCMOD_NONE)
         return sm_fail(r, off, "%s: modifier on %s", what,
                        sm_file_name(r, reg->file));
      break;
   default:
      break;
   }
   return sm_note_read(r, off, reg);
}

/* A destination that is written (or, for texkill, read). */
static bool
sm_check_dst(struct sm_reader *r, uint32_t off,
             const struct d3dumd_sm_dst *dst, uint32_t files, bool write)
{
   const struct d3dumd_sm_reg *reg = &dst->reg;

   if (reg->file >= 32 || !(files & (1u << reg->file)))
      return sm_fail(r, off, "destination: register file %s (%u) not "
                     "allowed here", sm_file_name(r, reg->file), reg->file);
   if (!sm_check_index(r, off, reg, write, "destination"))
      return false;
   if (reg->relative && reg->file != D3DSPR_OUTPUT)
      return sm_fail(r, off, "destination: %s cannot be addressed "
                     "relatively", sm_file_name(r, reg->file));
   if (!dst->write_mask)
      return sm_fail(r, off, "destination: empty write mask");
   return write ? sm_note_write(r, off, dst) : sm_note_read(r, off, reg);
}

static struct d3dumd_sm_instr *
sm_append(struct sm_reader *r)
{
   struct d3dumd_sm_program *p = r->prog;
   if (p->num_instrs == r->capacity) {
      unsigned cap = r->capacity ? r->capacity * 2 : 32;
      struct d3dumd_sm_instr *n = realloc(p->instrs, cap * sizeof(*n));
      if (!n)
         return NULL;
      p->instrs = n;
      r->capacity = cap;
   }
   struct d3dumd_sm_instr *in = &p->instrs[p->num_instrs++];
   memset(in, 0, sizeof(*in));
   return in;
}

static bool
sm_read_usage(struct sm_reader *r, uint32_t off, uint32_t tok,
              struct d3dumd_sm_instr *in)
{
   unsigned usage = tok & 0x1f;   /* dcl-instruction.md: bits 0-4 */
   if (usage > D3DDECLUSAGE_SAMPLE)
      return sm_fail(r, off, "dcl usage %u unknown", usage);
   in->dcl_usage = usage;
   in->dcl_usage_index = (tok & D3DSP_DCL_USAGEINDEX_MASK) >>
                         D3DSP_DCL_USAGEINDEX_SHIFT;
   return true;
}

/* Records an input or output dcl; several dcls of one register must
 * declare different components (dcl-instruction.md). */
static bool
sm_declare(struct sm_reader *r, uint32_t off, struct d3dumd_sm_decl *decl,
           const struct d3dumd_sm_instr *in)
{
   const struct d3dumd_sm_dst *d = &in->dst;
   if (decl->declared && (decl->mask & d->write_mask))
      return sm_fail(r, off, "%s%u declared twice",
                     sm_file_name(r, d->reg.file), d->reg.index);
   if (!decl->declared) {
      decl->declared = true;
      decl->usage = in->dcl_usage;
      decl->usage_index = in->dcl_usage_index;
      decl->centroid = d->centroid;
      decl->partial_precision = d->partial_precision;
   }
   decl->mask |= d->write_mask;
   return true;
}

static bool
sm_read_dcl(struct sm_reader *r, struct sm_cursor *c,
            struct d3dumd_sm_instr *in)
{
   struct d3dumd_sm_program *p = r->prog;
   uint32_t off = c->pos, tok;

   if (r->seen_code)
      return sm_fail(r, in->offset, "dcl after the first instruction");
   if (!sm_next(r, c, &tok, "dcl token"))
      return false;
   if (!(tok & TOK_PARAM))
      return sm_fail(r, off, "dcl token 0x%08x lacks bit 31", tok);

   uint32_t doff = c->pos;
   struct d3dumd_sm_dst *d = &in->dst;
   if (!sm_decode_dst(r, c, d))
      return false;
   if (d->reg.relative || d->saturate || d->shift)
      return sm_fail(r, doff, "dcl with relative addressing or a result "
                     "modifier");

   const unsigned file = d->reg.file, i = d->reg.index;
   bool ok = false;
   switch (file) {
   case D3DSPR_SAMPLER:
      ok = sm_limit(r, file, false) != 0;
      break;
   case D3DSPR_INPUT:
      ok = true;
      break;
   case D3DSPR_TEXTURE:   /* ps t#; a0 in vertex shaders */
      /* dcl-instruction.md lists a ps_3_0 "texture register" dcl; ps_3_0
       * has no t# file (its texture coordinates are v# with a usage), so
       * that case is read as the input one. */
      ok = !r->vs && r->ver >= P20 && r->ver < P30;
      break;
   case D3DSPR_OUTPUT:
      ok = r->vs && r->ver >= V30;
      break;
   case D3DSPR_MISCTYPE:
      ok = !r->vs && r->ver >= P30;
      break;
   default:
      break;
   }
   if (!ok)
      return sm_fail(r, doff, "dcl of register file %s (%u) not valid in %s",
                     sm_file_name(r, file), file, sm_version_name(r));
   unsigned limit = file == D3DSPR_OUTPUT ? sm_limit(r, file, true)
                                          : sm_limit(r, file, false);
   if (i >= limit)
      return sm_fail(r, doff, "dcl of %s%u out of range (%s has %u)",
                     sm_file_name(r, file), i, sm_version_name(r), limit);

   if (file == D3DSPR_SAMPLER) {
      /* Only the register and the texture type are used; the mask is
       * reported full. */
      unsigned type = (tok & D3DSP_TEXTURETYPE_MASK) >>
                      D3DSP_TEXTURETYPE_SHIFT;
      if (type != D3DSTT_2D >> D3DSP_TEXTURETYPE_SHIFT &&
          type != D3DSTT_CUBE >> D3DSP_TEXTURETYPE_SHIFT &&
          type != D3DSTT_VOLUME >> D3DSP_TEXTURETYPE_SHIFT)
         return sm_fail(r, off, "sampler texture type %u invalid", type);
      if (p->sampler_type[i])
         return sm_fail(r, doff, "s%u declared twice", i);
      d->write_mask = 0xf;
      in->dcl_texture_type = type;
      p->sampler_type[i] = type;
      return true;
   }

   if (!d->write_mask)
      return sm_fail(r, doff, "dcl with an empty write mask");

   switch (file) {
   case D3DSPR_INPUT:
      if (r->vs || r->ver >= P30) {
         if (!sm_read_usage(r, off, tok, in))
            return false;
      } else {
         /* ps_2_x v#: the diffuse and specular colours. */
         in->dcl_usage = D3DDECLUSAGE_COLOR;
         in->dcl_usage_index = i;
      }
      return sm_declare(r, doff, &p->inputs[i], in);
   case D3DSPR_TEXTURE:
      in->dcl_usage = D3DDECLUSAGE_TEXCOORD;
      in->dcl_usage_index = i;
      return true;
   case D3DSPR_OUTPUT:
      if (!sm_read_usage(r, off, tok, in))
         return false;
      return sm_declare(r, doff, &p->outputs[i], in);
   default: /* D3DSPR_MISCTYPE */
      if (i == 1) {
         /* dcl-instruction.md: vFace's mask is full, no modifiers. */
         if (d->write_mask != 0xf || d->partial_precision || d->centroid)
            return sm_fail(r, doff, "vFace dcl needs a full mask and no "
                           "modifiers");
         if (p->uses_vface)
            return sm_fail(r, doff, "vFace declared twice");
         p->uses_vface = true;
      } else {
         if (p->uses_vpos)
            return sm_fail(r, doff, "vPos declared twice");
         p->uses_vpos = true;
      }
      return true;
   }
}

static bool
sm_read_def(struct sm_reader *r, struct sm_cursor *c,
            struct d3dumd_sm_instr *in, const struct sm_opinfo *info)
{
   uint32_t off = c->pos;
   struct d3dumd_sm_dst *d = &in->dst;
   if (!sm_decode_dst(r, c, d))
      return false;

   unsigned file = in->opcode == D3DSIO_DEF  ? D3DSPR_CONST :
                   in->opcode == D3DSIO_DEFI ? D3DSPR_CONSTINT :
                                               D3DSPR_CONSTBOOL;
   if (d->reg.file != file)
      return sm_fail(r, off, "%s of register file %s", info->name,
                     sm_file_name(r, d->reg.file));
   /* The constant is read by the program, so the read limit applies. */
   if (!sm_check_index(r, off, &d->reg, false, "destination"))
      return false;
   if (d->reg.relative || d->saturate || d->partial_precision ||
       d->centroid || d->shift)
      return sm_fail(r, off, "%s with relative addressing or a modifier",
                     info->name);
   if (!d->write_mask)
      return sm_fail(r, off, "%s with an empty write mask", info->name);

   for (unsigned k = 0; k < info->num_imm; k++) {
      if (!sm_next(r, c, &in->imm[k], "immediate"))
         return false;
   }
   if (in->opcode == D3DSIO_DEFB)
      in->imm[0] = in->imm[0] != 0;
   return true;
}

static bool
sm_is_flow(unsigned opcode)
{
   switch (opcode) {
   case D3DSIO_CALL: case D3DSIO_CALLNZ: case D3DSIO_LOOP: case D3DSIO_RET:
   case D3DSIO_ENDLOOP: case D3DSIO_LABEL: case D3DSIO_REP:
   case D3DSIO_ENDREP: case D3DSIO_IF: case D3DSIO_IFC: case D3DSIO_ELSE:
   case D3DSIO_ENDIF: case D3DSIO_BREAK: case D3DSIO_BREAKC:
   case D3DSIO_BREAKP:
      return true;
   default:
      return false;
   }
}

static bool
sm_push(struct sm_reader *r, const struct d3dumd_sm_instr *in)
{
   if (r->depth == D3DUMD_SM_MAX_NESTING)
      return sm_fail(r, in->offset, "flow control nested deeper than %u",
                     D3DUMD_SM_MAX_NESTING);
   bool loop = in->opcode == D3DSIO_LOOP || in->opcode == D3DSIO_REP;
   if (loop && r->loop_depth == MAX_LOOP_NESTING)
      return sm_fail(r, in->offset, "loops nested deeper than %u",
                     MAX_LOOP_NESTING);
   struct sm_flow *f = &r->flow[r->depth++];
   f->opcode = in->opcode == D3DSIO_IFC ? D3DSIO_IF : in->opcode;
   f->has_else = false;
   f->offset = in->offset;
   if (loop)
      r->loop_depth++;
   if (r->depth > r->prog->max_nesting)
      r->prog->max_nesting = r->depth;
   return true;
}

static bool
sm_pop(struct sm_reader *r, const struct d3dumd_sm_instr *in, unsigned opener,
       const char *name)
{
   if (!r->depth || r->flow[r->depth - 1].opcode != opener)
      return sm_fail(r, in->offset, "%s without a matching opener", name);
   r->depth--;
   if (opener != D3DSIO_IF)
      r->loop_depth--;
   return true;
}

/* Flow control nesting and the program's layout: the main program, its
 * ret, then subroutines, each "label ... ret" at the top level
 * (shader-code-format.md). */
static bool
sm_check_flow(struct sm_reader *r, const struct d3dumd_sm_instr *in)
{
   const unsigned op = in->opcode;

   if (r->section == SM_AFTER_RET && op != D3DSIO_LABEL)
      return sm_fail(r, in->offset, "instruction after ret outside a "
                     "subroutine");

   switch (op) {
   case D3DSIO_IF:
   case D3DSIO_IFC:
   case D3DSIO_LOOP:
   case D3DSIO_REP:
      return sm_push(r, in);
   case D3DSIO_ELSE:
      if (!r->depth || r->flow[r->depth - 1].opcode != D3DSIO_IF)
         return sm_fail(r, in->offset, "else without if");
      if (r->flow[r->depth - 1].has_else)
         return sm_fail(r, in->offset, "second else for one if");
      r->flow[r->depth - 1].has_else = true;
      return true;
   case D3DSIO_ENDIF:
      return sm_pop(r, in, D3DSIO_IF, "endif");
   case D3DSIO_ENDLOOP:
      return sm_pop(r, in, D3DSIO_LOOP, "endloop");
   case D3DSIO_ENDREP:
      return sm_pop(r, in, D3DSIO_REP, "endrep");
   case D3DSIO_BREAK:
   case D3DSIO_BREAKC:
   case D3DSIO_BREAKP:
      if (!r->loop_depth)
         return sm_fail(r, in->offset, "break outside a loop or rep");
      return true;
   case D3DSIO_RET:
      if (r->depth)
         return sm_fail(r, in->offset, "ret inside flow control");
      r->section = SM_AFTER_RET;
      return true;
   case D3DSIO_LABEL: {
      if (r->section != SM_AFTER_RET)
         return sm_fail(r, in->offset, "label before the preceding code's "
                        "ret");
      unsigned l = in->src[0].reg.index;
      if (r->labels[l / 32] & (1u << (l % 32)))
         return sm_fail(r, in->offset, "label l%u defined twice", l);
      r->labels[l / 32] |= 1u << (l % 32);
      r->prog->num_labels++;
      r->section = SM_SUB;
      return true;
   }
   default:
      return true;
   }
}

static bool
sm_is_replicate(const struct d3dumd_sm_src *s)
{
   return s->swizzle[0] == s->swizzle[1] && s->swizzle[0] == s->swizzle[2] &&
          s->swizzle[0] == s->swizzle[3];
}

/* What one opcode adds to the generic operand checks. */
static bool
sm_check_opcode(struct sm_reader *r, struct d3dumd_sm_instr *in)
{
   struct d3dumd_sm_program *p = r->prog;
   const unsigned op = in->opcode;

   /* Opcode-specific control bits (instruction-token.md bits 16-23):
    * a comparison, texld's project/bias flag, zero elsewhere. */
   bool control_ok;
   switch (op) {
   case D3DSIO_IFC:
   case D3DSIO_BREAKC:
   case D3DSIO_SETP:
      control_ok = in->control >= D3DSPC_GT && in->control <= D3DSPC_LE;
      break;
   case D3DSIO_TEX:
      control_ok = !r->vs && r->ver >= P20 ? in->control <= 2
                                           : in->control == 0;
      break;
   default:
      control_ok = in->control == 0;
      break;
   }
   if (!control_ok)
      return sm_fail(r, in->offset, "control bits 0x%02x invalid for %s",
                     in->control, d3dumd_sm_opcode_name(op));

   switch (op) {
   case D3DSIO_M4x4: case D3DSIO_M4x3: case D3DSIO_M3x4: case D3DSIO_M3x3:
   case D3DSIO_M3x2: {
      /* The matrix is src1 and the rows after it: m4x4 and m3x4 read 4,
       * m4x3 and m3x3 3, m3x2 2. */
      unsigned rows = op == D3DSIO_M4x4 || op == D3DSIO_M3x4 ? 4 :
                      op == D3DSIO_M3x2 ? 2 : 3;
      struct d3dumd_sm_reg row = in->src[1].reg;
      unsigned limit = sm_limit(r, row.file, false);
      if (!row.relative && row.index + rows > limit)
         return sm_fail(r, in->offset, "%s reads %s%u-%s%u, past %s%u",
                        d3dumd_sm_opcode_name(op), sm_file_name(r, row.file),
                        row.index, sm_file_name(r, row.file),
                        row.index + rows - 1, sm_file_name(r, row.file),
                        limit - 1);
      for (unsigned k = 1; k < rows; k++) {
         row.index = in->src[1].reg.index + k;
         if (!sm_note_read(r, in->offset, &row))
            return false;
      }
      break;
   }
   case D3DSIO_SINCOS:
      /* sincos-instruction.md: writes .x and/or .y of a temp, reads one
       * replicated component. */
      if (in->dst.write_mask & ~0x3u)
         return sm_fail(r, in->offset, "sincos writes only .x and .y");
      if (!sm_is_replicate(&in->src[0]))
         return sm_fail(r, in->offset, "sincos needs a replicate swizzle");
      break;
   case D3DSIO_TEXDEPTH:
      if (in->dst.reg.index != 5)
         return sm_fail(r, in->offset, "texdepth writes r5 only");
      p->outputs_written |= 1u << 4;
      break;
   case D3DSIO_TEXM3x2DEPTH:
      p->outputs_written |= 1u << 4;
      break;
   case D3DSIO_PHASE:
      if (r->seen_phase)
         return sm_fail(r, in->offset, "second phase");
      r->seen_phase = true;
      break;
   default:
      break;
   }

   if (!r->vs && r->ver < P14 && sm_is_ps1x_texop(r, op)) {
      /* Texture stage n works on t#n: its coordinates are read except by
       * texreg2*, which take them from another register; the sampling
       * ones sample stage n. */
      unsigned t = in->dst.reg.index;
      if (op != D3DSIO_TEXREG2AR && op != D3DSIO_TEXREG2GB &&
          op != D3DSIO_TEXREG2RGB)
         p->texcoords_used |= 1u << t;
      switch (op) {
      case D3DSIO_TEX: case D3DSIO_TEXBEM: case D3DSIO_TEXBEML:
      case D3DSIO_TEXREG2AR: case D3DSIO_TEXREG2GB: case D3DSIO_TEXREG2RGB:
      case D3DSIO_TEXM3x2TEX: case D3DSIO_TEXM3x3TEX:
      case D3DSIO_TEXM3x3SPEC: case D3DSIO_TEXM3x3VSPEC:
      case D3DSIO_TEXDP3TEX:
         p->samplers_used |= 1u << t;
         break;
      default:
         break;
      }
   } else if (!r->vs && r->ver == P14 && op == D3DSIO_TEX) {
      /* ps_1_4 texld r#n samples stage n. */
      p->samplers_used |= 1u << in->dst.reg.index;
   }
   return true;
}

static bool
sm_read_instr(struct sm_reader *r, uint32_t *pos)
{
   const uint32_t off = *pos, tok = r->code[off];
   const unsigned opcode = tok & D3DSI_OPCODE_MASK;
   bool exists;
   const struct sm_opinfo *info = sm_lookup(r, opcode, &exists);

   if (!info) {
      if (exists)
         return sm_fail(r, off, "opcode %s not valid in %s",
                        d3dumd_sm_opcode_name(opcode), sm_version_name(r));
      return sm_fail(r, off, "opcode 0x%x unknown", opcode);
   }

   struct sm_cursor c = { off + 1, r->num_dwords };
   unsigned len = 0;
   if (r->ver >= V20) {
      len = (tok & D3DSI_INSTLENGTH_MASK) >> D3DSI_INSTLENGTH_SHIFT;
      if (len > r->num_dwords - off - 1)
         return sm_fail(r, off, "instruction length %u runs past the end of "
                        "the code", len);
      c.end = off + 1 + len;
   }
   /* Before 2_0, bits 24-27 are reserved; the length comes from the
    * table and is never read from the token. */

   const bool predicated = tok & INS_PREDICATED;
   const bool coissue = tok & D3DSI_COISSUE;
   if (tok & INS_RESERVED)
      return sm_fail(r, off, "instruction token 0x%08x sets bit 29", tok);
   if (predicated && r->ver < V2X)
      return sm_fail(r, off, "predication in %s", sm_version_name(r));
   if (predicated && (sm_is_flow(opcode) || opcode == D3DSIO_DCL ||
                      info->num_imm))
      return sm_fail(r, off, "%s cannot be predicated", info->name);
   if (coissue && (r->vs || r->ver >= P20))
      return sm_fail(r, off, "co-issue outside ps_1_x");

   struct d3dumd_sm_instr *in = sm_append(r);
   if (!in)
      return sm_fail(r, off, "out of memory");
   in->opcode = opcode;
   in->control = (tok >> 16) & 0xff;
   in->coissue = coissue;
   in->predicated = predicated;
   in->has_dst = info->num_dst;
   in->num_srcs = info->num_src;
   in->offset = off;

   if (opcode == D3DSIO_DCL) {
      if (!sm_read_dcl(r, &c, in))
         return false;
   } else if (info->num_imm) {
      if (!sm_read_def(r, &c, in, info))
         return false;
   } else {
      static const char *const src_names[] = { "source 0", "source 1",
                                               "source 2", "source 3" };
      uint32_t o;
      if (opcode != D3DSIO_PHASE)
         r->seen_code = true;
      if (info->num_dst) {
         o = c.pos;
         if (!sm_decode_dst(r, &c, &in->dst))
            return false;
         bool read = opcode == D3DSIO_TEXKILL;
         uint32_t files = read ? (r->ver >= P30 ? F(TEMP) | F(INPUT)
                                                : F(TEMP) | F(TEXTURE))
                               : sm_dst_files(r, opcode);
         if (!sm_check_dst(r, o, &in->dst, files, !read))
            return false;
      }
      if (predicated) {
         if (!sm_decode_src(r, &c, &in->predicate, &o))
            return false;
         if (in->predicate.reg.relative)
            return sm_fail(r, o, "relative predicate");
         if (!sm_check_src(r, opcode, o, &in->predicate, F(PREDICATE),
                           "predicate"))
            return false;
      }
      for (unsigned i = 0; i < info->num_src; i++) {
         if (!sm_decode_src(r, &c, &in->src[i], &o))
            return false;
         if (!sm_check_src(r, opcode, o, &in->src[i],
                           sm_src_files(r, opcode, i), src_names[i]))
            return false;
      }
      if (!sm_check_opcode(r, in))
         return false;
   }

   if (!sm_check_flow(r, in))
      return false;

   if (r->ver >= V20 && c.pos != c.end)
      return sm_fail(r, off, "instruction length %u, but its operands take "
                     "%u", len, c.pos - off - 1);
   *pos = c.pos;
   return true;
}

static bool
sm_read_version(struct sm_reader *r, enum d3dumd_sm_type type)
{
   if (r->num_dwords < 1)
      return sm_fail(r, 0, "no version token");
   const uint32_t tok = r->code[0];
   const unsigned kind = tok >> 16;
   if (kind != 0xfffe && kind != 0xffff)
      return sm_fail(r, 0, "0x%08x is not a version token", tok);
   r->vs = kind == 0xfffe;
   if (r->vs != (type == D3DUMD_SM_VERTEX))
      return sm_fail(r, 0, "a %s shader where a %s shader was expected",
                     r->vs ? "vertex" : "pixel",
                     type == D3DUMD_SM_VERTEX ? "vertex" : "pixel");

   const unsigned major = (tok >> 8) & 0xff, minor = tok & 0xff;
   r->ver = VER(major, minor);
   bool ok;
   if (r->vs)
      ok = r->ver == V11 || r->ver == V20 || r->ver == V2X || r->ver == V30;
   else
      ok = (major == 1 && minor >= 1 && minor <= 4) || r->ver == P20 ||
           r->ver == P2X || r->ver == P30;
   if (!ok)
      return sm_fail(r, 0, "%s version %u.%u not supported",
                     r->vs ? "vertex shader" : "pixel shader", major, minor);
   r->prog->type = type;
   r->prog->major = major;
   r->prog->minor = minor;
   return true;
}

static bool
sm_read_program(struct sm_reader *r, enum d3dumd_sm_type type)
{
   if (!sm_read_version(r, type))
      return false;

   uint32_t pos = 1;
   for (;;) {
      if (pos >= r->num_dwords)
         return sm_fail(r, pos, "missing end token");
      const uint32_t tok = r->code[pos];
      if (tok == END_TOKEN)
         break;
      if (tok & TOK_PARAM)
         return sm_fail(r, pos, "0x%08x where an instruction token was "
                        "expected", tok);
      const unsigned opcode = tok & D3DSI_OPCODE_MASK;
      if (opcode == D3DSIO_COMMENT) {
         uint32_t n = (tok & D3DSI_COMMENTSIZE_MASK) >>
                      D3DSI_COMMENTSIZE_SHIFT;
         if (n > r->num_dwords - pos - 1)
            return sm_fail(r, pos, "comment of %u dwords runs past the end",
                           n);
         pos += 1 + n;
         continue;
      }
      if (opcode == D3DSIO_END)
         return sm_fail(r, pos, "malformed end token 0x%08x", tok);
      if (!sm_read_instr(r, &pos))
         return false;
   }

   if (r->depth) {
      const struct sm_flow *f = &r->flow[r->depth - 1];
      return sm_fail(r, pos, "%s at token %u is never closed",
                     d3dumd_sm_opcode_name(f->opcode), f->offset);
   }
   if (r->section == SM_SUB)
      return sm_fail(r, pos, "subroutine without ret");

   /* Call targets can come after the call: check them now. */
   const struct d3dumd_sm_program *p = r->prog;
   for (unsigned i = 0; i < p->num_instrs; i++) {
      const struct d3dumd_sm_instr *in = &p->instrs[i];
      if (in->opcode != D3DSIO_CALL && in->opcode != D3DSIO_CALLNZ)
         continue;
      unsigned l = in->src[0].reg.index;
      if (!(r->labels[l / 32] & (1u << (l % 32))))
         return sm_fail(r, in->offset, "call to undefined label l%u", l);
   }
   return true;
}

bool
d3dumd_sm_read(const uint32_t *code, size_t size, enum d3dumd_sm_type type,
               struct d3dumd_sm_program *prog, char *err, size_t err_size)
{
   memset(prog, 0, sizeof(*prog));
   if (err && err_size)
      err[0] = '\0';

   struct sm_reader r = {
      .code = code,
      /* A trailing partial dword is not code. */
      .num_dwords = code ? (uint32_t)(size / 4 > UINT32_MAX ? UINT32_MAX
                                                            : size / 4) : 0,
      .prog = prog,
      .err = err,
      .err_size = err_size,
      .section = SM_MAIN,
   };

   if (!sm_read_program(&r, type)) {
      free(prog->instrs);
      memset(prog, 0, sizeof(*prog));
      if (err && err_size && !err[0])
         snprintf(err, err_size, "invalid shader");
      return false;
   }
   return true;
}

void
d3dumd_sm_program_fini(struct d3dumd_sm_program *prog)
{
   if (!prog)
      return;
   free(prog->instrs);
   memset(prog, 0, sizeof(*prog));
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-shader-reader: the D3D9 bytecode reader as a library
 * (d3dumd_sm.h).  Programs are built token by token with sm_asm.h; every
 * one is copied into a buffer of exactly its size, so that ASan builds
 * catch a read past the end.  The expected operand counts below are
 * written from the reference (shader-code-format.md and the SDK's
 * instruction pages), not from the reader's table.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "d3dumd_sm.h"
#include "piglit.h"
#include "sm_asm.h"

#define VS D3DUMD_SM_VERTEX
#define PS D3DUMD_SM_PIXEL

static FILE *devnull;

/* Reads `bytes` bytes of `tokens` from an exactly-sized copy. */
static bool
read_exact(const uint32_t *tokens, size_t bytes, enum d3dumd_sm_type type,
           struct d3dumd_sm_program *prog, char *err, size_t err_size)
{
   void *copy = malloc(bytes ? bytes : 1);
   if (!copy)
      abort();
   memcpy(copy, tokens, bytes);
   bool ok = d3dumd_sm_read(copy, bytes, type, prog, err, err_size);
   d3dumd_sm_dump_tokens(devnull, copy, bytes);
   free(copy);
   return ok;
}

static bool
accept_(const uint32_t *t, size_t n, enum d3dumd_sm_type type,
        struct d3dumd_sm_program *prog, const char *file, int line)
{
   char err[256];
   if (!read_exact(t, n * 4, type, prog, err, sizeof(err))) {
      printf("  FAILED %s:%d: rejected: %s\n", file, line, err);
      piglit_check_failed = true;
      return false;
   }
   d3dumd_sm_dump(devnull, prog);
   return true;
}

/* A program that must be rejected: err says why, *prog stays empty. */
static void
reject_(const uint32_t *t, size_t n, enum d3dumd_sm_type type,
        const char *file, int line, const char *what)
{
   struct d3dumd_sm_program prog;
   char err[256] = "untouched";
   memset(&prog, 0xab, sizeof(prog));
   if (read_exact(t, n * 4, type, &prog, err, sizeof(err))) {
      printf("  FAILED %s:%d: %s accepted\n", file, line, what);
      piglit_check_failed = true;
      d3dumd_sm_program_fini(&prog);
      return;
   }
   if (!err[0] || !strcmp(err, "untouched") || strncmp(err, "token ", 6)) {
      printf("  FAILED %s:%d: %s: bad error string '%s'\n", file, line,
             what, err);
      piglit_check_failed = true;
   }
   if (prog.instrs || prog.num_instrs || prog.major) {
      printf("  FAILED %s:%d: %s: program not left empty\n", file, line,
             what);
      piglit_check_failed = true;
   }
   printf("  %s: %s\n", what, err);
}

#define ACCEPT(arr, type, prog) \
   accept_((arr), SM_COUNT(arr), (type), (prog), __FILE__, __LINE__)
#define REJECT(arr, type, what) \
   reject_((arr), SM_COUNT(arr), (type), __FILE__, __LINE__, (what))

/* A program under construction. */
struct prog {
   uint32_t t[96];
   unsigned n;
   bool sm2;
};

static void
emit(struct prog *p, uint32_t tok)
{
   if (p->n < SM_COUNT(p->t))
      p->t[p->n++] = tok;
}

/* An instruction token: length only in SM2+. */
static void
emit_op(struct prog *p, unsigned opcode, unsigned ctl, unsigned len)
{
   emit(p, SM_INSTR_CTL(opcode, ctl, p->sm2 ? len : 0));
}

static void
prog_init(struct prog *p, bool vs, unsigned major, unsigned minor)
{
   memset(p, 0, sizeof(*p));
   p->sm2 = major >= 2;
   emit(p, vs ? SM_VS(major, minor) : SM_PS(major, minor));
}

/* ------------------------------------------------------------------ */

static void
versions(void)
{
   static const struct { bool vs; unsigned major, minor; bool ok; } v[] = {
      { true, 1, 1, true }, { true, 2, 0, true }, { true, 2, 1, true },
      { true, 3, 0, true },
      { false, 1, 1, true }, { false, 1, 2, true }, { false, 1, 3, true },
      { false, 1, 4, true }, { false, 2, 0, true }, { false, 2, 1, true },
      { false, 3, 0, true },
      { true, 1, 0, false }, { true, 1, 2, false }, { true, 2, 2, false },
      { true, 3, 1, false }, { true, 4, 0, false }, { true, 0, 0, false },
      { false, 1, 0, false }, { false, 1, 5, false }, { false, 2, 2, false },
      { false, 3, 1, false }, { false, 4, 0, false },
      { false, 2, 0xff, false },
   };
   for (unsigned i = 0; i < SM_COUNT(v); i++) {
      uint32_t t[2] = { v[i].vs ? SM_VS(v[i].major, v[i].minor)
                                : SM_PS(v[i].major, v[i].minor), SM_END };
      enum d3dumd_sm_type type = v[i].vs ? VS : PS;
      if (v[i].ok) {
         struct d3dumd_sm_program prog;
         if (ACCEPT(t, type, &prog)) {
            CHECK(prog.type == type);
            CHECK(prog.major == v[i].major && prog.minor == v[i].minor);
            CHECK(prog.num_instrs == 0);
            d3dumd_sm_program_fini(&prog);
         }
         /* The same version given as the other type. */
         reject_(t, 2, v[i].vs ? PS : VS, __FILE__, __LINE__, "wrong type");
      } else {
         reject_(t, 2, type, __FILE__, __LINE__, "bad version");
      }
   }
   static const uint32_t junk[] = { 0x12345678, SM_END };
   REJECT(junk, VS, "not a version token");
   static const uint32_t end_only[] = { SM_END };
   REJECT(end_only, PS, "end token as version");
}

/* ------------------------------------------------------------------ */

enum profile {
   PR_NONE,     /* no operands */
   PR_ALU,      /* dst r0, sources r1.x */
   PR_TEX1,     /* ps_1_1-1_3 texture op: dst t1, sources t0 */
   PR_TEX14,    /* ps_1_4 texld/texcrd: dst r0, source t0 */
   PR_SAMPLE,   /* dcl_2d s0; dst r0, r1, s0, r1, r1 */
   PR_DCL,
   PR_DEF,
   PR_KILL,
   PR_DEPTH,    /* texdepth r5 */
   PR_SETP,
   PR_MOVA,
   PR_FLOW,     /* built per opcode by build_flow() */
};

struct op_case {
   unsigned opcode;
   bool vs;
   unsigned major, minor;
   unsigned ndst, nsrc;
   enum profile prof;
};

#define VC(op, maj, min, d, s, pr) { D3DSIO_##op, true, maj, min, d, s, pr }
#define PC(op, maj, min, d, s, pr) { D3DSIO_##op, false, maj, min, d, s, pr }

static const struct op_case op_cases[] = {
   VC(NOP, 1, 1, 0, 0, PR_NONE),     VC(MOV, 1, 1, 1, 1, PR_ALU),
   VC(ADD, 1, 1, 1, 2, PR_ALU),      VC(SUB, 1, 1, 1, 2, PR_ALU),
   VC(MAD, 1, 1, 1, 3, PR_ALU),      VC(MUL, 1, 1, 1, 2, PR_ALU),
   VC(RCP, 1, 1, 1, 1, PR_ALU),      VC(RSQ, 1, 1, 1, 1, PR_ALU),
   VC(DP3, 1, 1, 1, 2, PR_ALU),      VC(DP4, 1, 1, 1, 2, PR_ALU),
   VC(MIN, 1, 1, 1, 2, PR_ALU),      VC(MAX, 1, 1, 1, 2, PR_ALU),
   VC(SLT, 1, 1, 1, 2, PR_ALU),      VC(SGE, 1, 1, 1, 2, PR_ALU),
   VC(EXP, 1, 1, 1, 1, PR_ALU),      VC(LOG, 1, 1, 1, 1, PR_ALU),
   VC(LIT, 1, 1, 1, 1, PR_ALU),      VC(DST, 1, 1, 1, 2, PR_ALU),
   VC(FRC, 1, 1, 1, 1, PR_ALU),      VC(M4x4, 1, 1, 1, 2, PR_ALU),
   VC(M4x3, 1, 1, 1, 2, PR_ALU),     VC(M3x4, 1, 1, 1, 2, PR_ALU),
   VC(M3x3, 1, 1, 1, 2, PR_ALU),     VC(M3x2, 1, 1, 1, 2, PR_ALU),
   VC(EXPP, 1, 1, 1, 1, PR_ALU),     VC(LOGP, 1, 1, 1, 1, PR_ALU),
   VC(DEF, 1, 1, 1, 0, PR_DEF),      VC(DCL, 1, 1, 1, 0, PR_DCL),
   VC(MOV, 3, 0, 1, 1, PR_ALU),      VC(EXPP, 2, 0, 1, 1, PR_ALU),
   VC(LRP, 2, 0, 1, 3, PR_ALU),      VC(POW, 2, 0, 1, 2, PR_ALU),
   VC(CRS, 2, 0, 1, 2, PR_ALU),      VC(SGN, 2, 0, 1, 3, PR_ALU),
   VC(ABS, 2, 0, 1, 1, PR_ALU),      VC(NRM, 2, 0, 1, 1, PR_ALU),
   VC(SINCOS, 2, 0, 1, 3, PR_ALU),   VC(MOVA, 2, 0, 1, 1, PR_MOVA),
   VC(DEFB, 2, 0, 1, 0, PR_DEF),     VC(DEFI, 2, 0, 1, 0, PR_DEF),
   VC(CALL, 2, 0, 0, 1, PR_FLOW),    VC(CALLNZ, 2, 0, 0, 2, PR_FLOW),
   VC(LOOP, 2, 0, 0, 2, PR_FLOW),    VC(ENDLOOP, 2, 0, 0, 0, PR_FLOW),
   VC(RET, 2, 0, 0, 0, PR_FLOW),     VC(LABEL, 2, 0, 0, 1, PR_FLOW),
   VC(REP, 2, 0, 0, 1, PR_FLOW),     VC(ENDREP, 2, 0, 0, 0, PR_FLOW),
   VC(IF, 2, 0, 0, 1, PR_FLOW),      VC(ELSE, 2, 0, 0, 0, PR_FLOW),
   VC(ENDIF, 2, 0, 0, 0, PR_FLOW),   VC(DCL, 2, 0, 1, 0, PR_DCL),
   VC(IFC, 2, 1, 0, 2, PR_FLOW),     VC(BREAK, 2, 1, 0, 0, PR_FLOW),
   VC(BREAKC, 2, 1, 0, 2, PR_FLOW),  VC(BREAKP, 2, 1, 0, 1, PR_FLOW),
   VC(SETP, 2, 1, 1, 2, PR_SETP),    VC(SINCOS, 2, 1, 1, 3, PR_ALU),
   VC(SGN, 3, 0, 1, 1, PR_ALU),      VC(SINCOS, 3, 0, 1, 1, PR_ALU),
   VC(TEXLDL, 3, 0, 1, 2, PR_SAMPLE), VC(LOOP, 3, 0, 0, 2, PR_FLOW),
   VC(DCL, 3, 0, 1, 0, PR_DCL),      VC(NRM, 3, 0, 1, 1, PR_ALU),

   PC(NOP, 1, 1, 0, 0, PR_NONE),     PC(MOV, 1, 1, 1, 1, PR_ALU),
   PC(ADD, 1, 1, 1, 2, PR_ALU),      PC(SUB, 1, 1, 1, 2, PR_ALU),
   PC(MAD, 1, 1, 1, 3, PR_ALU),      PC(MUL, 1, 1, 1, 2, PR_ALU),
   PC(DP3, 1, 1, 1, 2, PR_ALU),      PC(LRP, 1, 1, 1, 3, PR_ALU),
   PC(CND, 1, 1, 1, 3, PR_ALU),      PC(DEF, 1, 1, 1, 0, PR_DEF),
   PC(TEX, 1, 1, 1, 0, PR_TEX1),     PC(TEXCOORD, 1, 1, 1, 0, PR_TEX1),
   PC(TEXKILL, 1, 1, 1, 0, PR_KILL), PC(TEXBEM, 1, 1, 1, 1, PR_TEX1),
   PC(TEXBEML, 1, 1, 1, 1, PR_TEX1), PC(TEXREG2AR, 1, 1, 1, 1, PR_TEX1),
   PC(TEXREG2GB, 1, 1, 1, 1, PR_TEX1), PC(TEXM3x2PAD, 1, 1, 1, 1, PR_TEX1),
   PC(TEXM3x2TEX, 1, 1, 1, 1, PR_TEX1), PC(TEXM3x3PAD, 1, 1, 1, 1, PR_TEX1),
   PC(TEXM3x3TEX, 1, 1, 1, 1, PR_TEX1), PC(TEXM3x3SPEC, 1, 1, 1, 2, PR_TEX1),
   PC(TEXM3x3VSPEC, 1, 1, 1, 1, PR_TEX1),
   PC(DP4, 1, 2, 1, 2, PR_ALU),      PC(CMP, 1, 2, 1, 3, PR_ALU),
   PC(TEXREG2RGB, 1, 2, 1, 1, PR_TEX1), PC(TEXDP3TEX, 1, 2, 1, 1, PR_TEX1),
   PC(TEXDP3, 1, 2, 1, 1, PR_TEX1),  PC(TEXM3x3, 1, 2, 1, 1, PR_TEX1),
   PC(TEXM3x2DEPTH, 1, 3, 1, 1, PR_TEX1), PC(TEX, 1, 3, 1, 0, PR_TEX1),
   PC(TEX, 1, 4, 1, 1, PR_TEX14),    PC(TEXCOORD, 1, 4, 1, 1, PR_TEX14),
   PC(TEXDEPTH, 1, 4, 1, 0, PR_DEPTH), PC(BEM, 1, 4, 1, 2, PR_ALU),
   PC(PHASE, 1, 4, 0, 0, PR_NONE),   PC(CND, 1, 4, 1, 3, PR_ALU),
   PC(TEXKILL, 1, 4, 1, 0, PR_KILL), PC(CMP, 1, 4, 1, 3, PR_ALU),
   PC(RCP, 2, 0, 1, 1, PR_ALU),      PC(RSQ, 2, 0, 1, 1, PR_ALU),
   PC(MIN, 2, 0, 1, 2, PR_ALU),      PC(MAX, 2, 0, 1, 2, PR_ALU),
   PC(EXP, 2, 0, 1, 1, PR_ALU),      PC(LOG, 2, 0, 1, 1, PR_ALU),
   PC(FRC, 2, 0, 1, 1, PR_ALU),      PC(POW, 2, 0, 1, 2, PR_ALU),
   PC(CRS, 2, 0, 1, 2, PR_ALU),      PC(ABS, 2, 0, 1, 1, PR_ALU),
   PC(NRM, 2, 0, 1, 1, PR_ALU),      PC(M4x4, 2, 0, 1, 2, PR_ALU),
   PC(M4x3, 2, 0, 1, 2, PR_ALU),     PC(M3x4, 2, 0, 1, 2, PR_ALU),
   PC(M3x3, 2, 0, 1, 2, PR_ALU),     PC(M3x2, 2, 0, 1, 2, PR_ALU),
   PC(DP2ADD, 2, 0, 1, 3, PR_ALU),   PC(SINCOS, 2, 0, 1, 3, PR_ALU),
   PC(TEX, 2, 0, 1, 2, PR_SAMPLE),   PC(DCL, 2, 0, 1, 0, PR_DCL),
   PC(TEXKILL, 2, 0, 1, 0, PR_KILL), PC(CMP, 2, 0, 1, 3, PR_ALU),
   PC(LRP, 2, 0, 1, 3, PR_ALU),      PC(DEF, 2, 0, 1, 0, PR_DEF),
   PC(DSX, 2, 1, 1, 1, PR_ALU),      PC(DSY, 2, 1, 1, 1, PR_ALU),
   PC(TEXLDD, 2, 1, 1, 4, PR_SAMPLE), PC(SETP, 2, 1, 1, 2, PR_SETP),
   PC(IFC, 2, 1, 0, 2, PR_FLOW),     PC(BREAK, 2, 1, 0, 0, PR_FLOW),
   PC(BREAKC, 2, 1, 0, 2, PR_FLOW),  PC(BREAKP, 2, 1, 0, 1, PR_FLOW),
   PC(CALL, 2, 1, 0, 1, PR_FLOW),    PC(CALLNZ, 2, 1, 0, 2, PR_FLOW),
   PC(REP, 2, 1, 0, 1, PR_FLOW),     PC(ENDREP, 2, 1, 0, 0, PR_FLOW),
   PC(IF, 2, 1, 0, 1, PR_FLOW),      PC(ELSE, 2, 1, 0, 0, PR_FLOW),
   PC(ENDIF, 2, 1, 0, 0, PR_FLOW),   PC(LABEL, 2, 1, 0, 1, PR_FLOW),
   PC(RET, 2, 1, 0, 0, PR_FLOW),     PC(DEFB, 2, 1, 1, 0, PR_DEF),
   PC(DEFI, 2, 1, 1, 0, PR_DEF),     PC(SINCOS, 2, 1, 1, 3, PR_ALU),
   PC(LOOP, 3, 0, 0, 2, PR_FLOW),    PC(ENDLOOP, 3, 0, 0, 0, PR_FLOW),
   PC(SINCOS, 3, 0, 1, 1, PR_ALU),   PC(TEXLDL, 3, 0, 1, 2, PR_SAMPLE),
   PC(TEXLDD, 3, 0, 1, 4, PR_SAMPLE), PC(TEX, 3, 0, 1, 2, PR_SAMPLE),
   PC(DCL, 3, 0, 1, 0, PR_DCL),      PC(DSX, 3, 0, 1, 1, PR_ALU),
};

#define R1X SM_SRC(D3DSPR_TEMP, 1, SM_REPL(x))

/* Flow control: the tested instruction inside the smallest valid
 * program; returns its instruction index. */
static unsigned
build_flow(struct prog *p, unsigned op)
{
   const uint32_t i0 = SM_SRC(D3DSPR_CONSTINT, 0, SM_NOSWZ);
   const uint32_t b0 = SM_SRC(D3DSPR_CONSTBOOL, 0, SM_NOSWZ);
   const uint32_t al = SM_SRC(D3DSPR_LOOP, 0, SM_NOSWZ);

   switch (op) {
   case D3DSIO_CALL:
   case D3DSIO_CALLNZ:
      emit_op(p, op, 0, op == D3DSIO_CALL ? 1 : 2);
      emit(p, SM_LABEL(0));
      if (op == D3DSIO_CALLNZ)
         emit(p, b0);
      emit_op(p, D3DSIO_RET, 0, 0);
      emit_op(p, D3DSIO_LABEL, 0, 1);
      emit(p, SM_LABEL(0));
      emit_op(p, D3DSIO_RET, 0, 0);
      return 0;
   case D3DSIO_LOOP:
   case D3DSIO_ENDLOOP:
      emit_op(p, D3DSIO_LOOP, 0, 2);
      emit(p, al);
      emit(p, i0);
      emit_op(p, D3DSIO_ENDLOOP, 0, 0);
      return op == D3DSIO_LOOP ? 0 : 1;
   case D3DSIO_RET:
      emit_op(p, D3DSIO_RET, 0, 0);
      return 0;
   case D3DSIO_LABEL:
      emit_op(p, D3DSIO_RET, 0, 0);
      emit_op(p, D3DSIO_LABEL, 0, 1);
      emit(p, SM_LABEL(7));
      emit_op(p, D3DSIO_RET, 0, 0);
      return 1;
   case D3DSIO_REP:
   case D3DSIO_ENDREP:
      emit_op(p, D3DSIO_REP, 0, 1);
      emit(p, i0);
      emit_op(p, D3DSIO_ENDREP, 0, 0);
      return op == D3DSIO_REP ? 0 : 1;
   case D3DSIO_IF:
   case D3DSIO_ENDIF:
      emit_op(p, D3DSIO_IF, 0, 1);
      emit(p, b0);
      emit_op(p, D3DSIO_ENDIF, 0, 0);
      return op == D3DSIO_IF ? 0 : 1;
   case D3DSIO_IFC:
      emit_op(p, D3DSIO_IFC, D3DSPC_GT, 2);
      emit(p, R1X);
      emit(p, R1X);
      emit_op(p, D3DSIO_ENDIF, 0, 0);
      return 0;
   case D3DSIO_ELSE:
      emit_op(p, D3DSIO_IF, 0, 1);
      emit(p, b0);
      emit_op(p, D3DSIO_ELSE, 0, 0);
      emit_op(p, D3DSIO_ENDIF, 0, 0);
      return 1;
   default: /* break, breakc, breakp inside a rep */
      emit_op(p, D3DSIO_REP, 0, 1);
      emit(p, i0);
      if (op == D3DSIO_BREAK) {
         emit_op(p, op, 0, 0);
      } else if (op == D3DSIO_BREAKC) {
         emit_op(p, op, D3DSPC_LE, 2);
         emit(p, R1X);
         emit(p, R1X);
      } else {
         emit_op(p, op, 0, 1);
         emit(p, SM_NOT_P0);
      }
      emit_op(p, D3DSIO_ENDREP, 0, 0);
      return 1;
   }
}

/* Builds the case's program; returns the index of the tested instruction. */
static unsigned
build_case(struct prog *p, const struct op_case *c)
{
   unsigned len = c->ndst + c->nsrc;

   prog_init(p, c->vs, c->major, c->minor);
   switch (c->prof) {
   case PR_NONE:
      emit_op(p, c->opcode, 0, 0);
      break;
   case PR_ALU:
      emit_op(p, c->opcode, 0, len);
      emit(p, SM_DST(D3DSPR_TEMP, 0, c->opcode == D3DSIO_SINCOS ?
                     SM_MASK_XY : SM_MASK_ALL));
      for (unsigned i = 0; i < c->nsrc; i++)
         emit(p, R1X);
      break;
   case PR_TEX1:
      emit_op(p, c->opcode, 0, len);
      emit(p, SM_DST(D3DSPR_TEXTURE, 1, SM_MASK_ALL));
      for (unsigned i = 0; i < c->nsrc; i++)
         emit(p, SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ));
      break;
   case PR_TEX14:
      emit_op(p, c->opcode, 0, len);
      emit(p, SM_DST(D3DSPR_TEMP, 0, SM_MASK_ALL));
      emit(p, SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ));
      break;
   case PR_SAMPLE:
      emit(p, SM_DCL(2));
      emit(p, SM_DCL_SAMPLER(D3DSTT_2D));
      emit(p, SM_DST(D3DSPR_SAMPLER, 0, SM_MASK_ALL));
      emit_op(p, c->opcode, 0, len);
      emit(p, SM_DST(D3DSPR_TEMP, 0, SM_MASK_ALL));
      for (unsigned i = 0; i < c->nsrc; i++)
         emit(p, i == 1 ? SM_SRC(D3DSPR_SAMPLER, 0, SM_NOSWZ) : R1X);
      break;
   case PR_DCL:
      emit_op(p, c->opcode, 0, 2);
      if (c->vs) {
         emit(p, SM_DCL_USAGE(D3DDECLUSAGE_NORMAL, 1));
         emit(p, SM_DST(D3DSPR_INPUT, 3, SM_MASK_XYZ));
      } else if (c->major < 3) {
         emit(p, SM_DCL_PLAIN);
         emit(p, SM_DST(D3DSPR_TEXTURE, 2, SM_MASK_XY));
      } else {
         emit(p, SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 4));
         emit(p, SM_DST(D3DSPR_INPUT, 9, SM_MASK_ALL));
      }
      break;
   case PR_DEF: {
      unsigned file = c->opcode == D3DSIO_DEF  ? D3DSPR_CONST :
                      c->opcode == D3DSIO_DEFI ? D3DSPR_CONSTINT :
                                                 D3DSPR_CONSTBOOL;
      unsigned imm = c->opcode == D3DSIO_DEFB ? 1 : 4;
      emit_op(p, c->opcode, 0, 1 + imm);
      emit(p, SM_DST(file, 1, SM_MASK_ALL));
      for (unsigned i = 0; i < imm; i++)
         emit(p, i + 1);
      break;
   }
   case PR_KILL:
      emit_op(p, c->opcode, 0, 1);
      emit(p, SM_DST(c->major == 1 && c->minor < 4 ? D3DSPR_TEXTURE
                                                   : D3DSPR_TEMP,
                     0, SM_MASK_ALL));
      break;
   case PR_DEPTH:
      emit_op(p, c->opcode, 0, 1);
      emit(p, SM_DST(D3DSPR_TEMP, 5, SM_MASK_ALL));
      break;
   case PR_SETP:
      emit_op(p, c->opcode, D3DSPC_GE, 3);
      emit(p, SM_DST(D3DSPR_PREDICATE, 0, SM_MASK_ALL));
      emit(p, R1X);
      emit(p, R1X);
      break;
   case PR_MOVA:
      emit_op(p, c->opcode, 0, 2);
      emit(p, SM_DST(D3DSPR_ADDR, 0, SM_MASK_X));
      emit(p, R1X);
      break;
   case PR_FLOW: {
      unsigned at = build_flow(p, c->opcode);
      emit(p, SM_END);
      return at;
   }
   }
   emit(p, SM_END);
   /* The sampler's dcl comes first. */
   return c->prof == PR_SAMPLE ? 1 : 0;
}

static void
opcodes(void)
{
   for (unsigned i = 0; i < SM_COUNT(op_cases); i++) {
      const struct op_case *c = &op_cases[i];
      struct prog p;
      unsigned at = build_case(&p, c);
      struct d3dumd_sm_program prog;
      char err[256];

      if (!read_exact(p.t, p.n * 4, c->vs ? VS : PS, &prog, err,
                      sizeof(err))) {
         printf("  FAILED: %s %s_%u_%u rejected: %s\n",
                d3dumd_sm_opcode_name(c->opcode), c->vs ? "vs" : "ps",
                c->major, c->minor, err);
         piglit_check_failed = true;
         continue;
      }
      d3dumd_sm_dump(devnull, &prog);
      if (at >= prog.num_instrs) {
         printf("  FAILED: opcode %u: %u instructions\n", c->opcode,
                prog.num_instrs);
         piglit_check_failed = true;
      } else {
         const struct d3dumd_sm_instr *in = &prog.instrs[at];
         if (in->opcode != c->opcode || in->has_dst != (c->ndst != 0) ||
             in->num_srcs != c->nsrc) {
            printf("  FAILED: %s %s_%u_%u: opcode %u dst %u srcs %u, "
                   "expected dst %u srcs %u\n",
                   d3dumd_sm_opcode_name(c->opcode), c->vs ? "vs" : "ps",
                   c->major, c->minor, in->opcode, in->has_dst,
                   in->num_srcs, c->ndst, c->nsrc);
            piglit_check_failed = true;
         }
      }
      d3dumd_sm_program_fini(&prog);
   }
   CHECK(!strcmp(d3dumd_sm_opcode_name(D3DSIO_MAD), "mad"));
   CHECK(!strcmp(d3dumd_sm_opcode_name(D3DSIO_TEXLDD), "texldd"));
   CHECK(d3dumd_sm_opcode_name(75) == NULL);
   CHECK(d3dumd_sm_opcode_name(0x1234) == NULL);
}

/* An opcode outside its versions, for each kind of limit. */
static void
opcode_versions(void)
{
   static const struct { unsigned op; bool vs; unsigned major, minor; }
   bad[] = {
      { D3DSIO_TEXLDL, true, 2, 1 }, { D3DSIO_IFC, true, 2, 0 },
      { D3DSIO_LRP, true, 1, 1 },    { D3DSIO_POW, true, 1, 1 },
      { D3DSIO_DSX, false, 2, 0 },   { D3DSIO_CND, false, 2, 0 },
      { D3DSIO_DP4, false, 1, 1 },   { D3DSIO_CMP, false, 1, 1 },
      { D3DSIO_BEM, false, 1, 3 },   { D3DSIO_TEXBEM, false, 1, 4 },
      { D3DSIO_TEXBEM, false, 2, 0 }, { D3DSIO_LOOP, false, 2, 1 },
      { D3DSIO_RCP, false, 1, 4 },   { D3DSIO_SLT, false, 3, 0 },
      { D3DSIO_MOVA, false, 3, 0 },  { D3DSIO_TEXKILL, true, 3, 0 },
      { D3DSIO_PHASE, false, 2, 0 }, { D3DSIO_TEXLDD, true, 3, 0 },
      { D3DSIO_DCL, false, 1, 4 },   { D3DSIO_CALL, false, 2, 0 },
      { D3DSIO_SETP, true, 2, 0 },   { D3DSIO_MOVA, true, 1, 1 },
   };
   for (unsigned i = 0; i < SM_COUNT(bad); i++) {
      struct prog p;
      prog_init(&p, bad[i].vs, bad[i].major, bad[i].minor);
      /* The operands do not matter: the opcode is refused first. */
      emit_op(&p, bad[i].op, 0, 2);
      emit(&p, SM_DST(D3DSPR_TEMP, 0, SM_MASK_ALL));
      emit(&p, R1X);
      emit(&p, SM_END);
      reject_(p.t, p.n, bad[i].vs ? VS : PS, __FILE__, __LINE__,
              "opcode of the wrong version");
   }
   static const uint32_t unknown[] = {
      SM_VS(2, 0), SM_INSTR(0x1234, 0), SM_END,
   };
   REJECT(unknown, VS, "unknown opcode 0x1234");
   static const uint32_t reserved[] = {
      SM_PS(2, 0), SM_INSTR(D3DSIO_RESERVED0, 0), SM_END,
   };
   REJECT(reserved, PS, "reserved opcode 75");
}

/* ------------------------------------------------------------------ */

static void
modifiers(void)
{
   /* mad_sat r0.xy, -c[a0.x+3].wzyx, v1, r2_abs */
   static const uint32_t vs[] = {
      SM_VS(2, 0),
      SM_INSTR(D3DSIO_MAD, 5),
      SM_DST_MOD(D3DSPR_TEMP, 0, SM_MASK_XY, SM_SAT),
      SM_SRC_MOD(D3DSPR_CONST, 3, SM_SWZ(w, z, y, x), D3DSPSM_NEG) | SM_REL,
      SM_ADDR_A0(x),
      SM_SRC(D3DSPR_INPUT, 1, SM_NOSWZ),
      SM_SRC_MOD(D3DSPR_TEMP, 2, SM_NOSWZ, D3DSPSM_ABS),
      SM_END,
   };
   struct d3dumd_sm_program prog;
   if (ACCEPT(vs, VS, &prog)) {
      const struct d3dumd_sm_instr *in = &prog.instrs[0];
      CHECK(prog.num_instrs == 1);
      CHECK(in->opcode == D3DSIO_MAD && in->offset == 1);
      CHECK(in->dst.reg.file == D3DSPR_TEMP && in->dst.write_mask == 0x3);
      CHECK(in->dst.saturate && !in->dst.partial_precision);
      CHECK(in->src[0].reg.file == D3DSPR_CONST && in->src[0].reg.index == 3);
      CHECK(in->src[0].reg.relative);
      CHECK(in->src[0].reg.rel_file == D3DSPR_ADDR);
      CHECK(in->src[0].mod == D3DUMD_SM_SRCMOD_NEG);
      CHECK(in->src[0].swizzle[0] == 3 && in->src[0].swizzle[1] == 2 &&
            in->src[0].swizzle[2] == 1 && in->src[0].swizzle[3] == 0);
      CHECK(in->src[1].reg.file == D3DSPR_INPUT && in->src[1].reg.index == 1);
      CHECK(in->src[1].swizzle[2] == 2 && !in->src[1].reg.relative);
      CHECK(in->src[2].mod == D3DUMD_SM_SRCMOD_ABS);

      char *text = NULL;
      size_t len = 0;
      FILE *f = open_memstream(&text, &len);
      if (f) {
         d3dumd_sm_dump(f, &prog);
         fclose(f);
         CHECK(strstr(text, "mad_sat r0.xy, -c[a0.x+3].wzyx, v1, r2_abs"));
         if (!strstr(text, "mad_sat"))
            printf("  dump: %s", text);
         free(text);
      }
      d3dumd_sm_program_fini(&prog);
   }

   /* ps_1_4: result shifts and the ps_1_x source modifiers. */
   static const uint32_t ps14[] = {
      SM_PS(1, 4),
      SM1_INSTR(D3DSIO_MAD),
      SM_DST_MOD(D3DSPR_TEMP, 1, SM_MASK_ALL, SM_SHIFT(1) | SM_SAT),
      SM_SRC_MOD(D3DSPR_TEMP, 2, SM_REPL(w), D3DSPSM_BIAS),
      SM_SRC_MOD(D3DSPR_CONST, 7, SM_NOSWZ, D3DSPSM_SIGNNEG),
      SM_SRC_MOD(D3DSPR_TEMP, 5, SM_NOSWZ, D3DSPSM_COMP),
      SM1_INSTR(D3DSIO_MUL) | SM_COISSUE,
      SM_DST_MOD(D3DSPR_TEMP, 0, SM_MASK_W, SM_SHIFT(-3)),
      SM_SRC_MOD(D3DSPR_TEMP, 2, SM_NOSWZ, D3DSPSM_X2NEG),
      SM_SRC_MOD(D3DSPR_TEMP, 3, SM_NOSWZ, D3DSPSM_X2),
      SM1_INSTR(D3DSIO_TEX),
      SM_DST(D3DSPR_TEMP, 3, SM_MASK_ALL),
      SM_SRC_MOD(D3DSPR_TEXTURE, 5, SM_NOSWZ, D3DSPSM_DW),
      SM_END,
   };
   if (ACCEPT(ps14, PS, &prog)) {
      CHECK(prog.num_instrs == 3);
      CHECK(prog.instrs[0].dst.shift == 1 && prog.instrs[0].dst.saturate);
      CHECK(prog.instrs[0].src[0].mod == D3DUMD_SM_SRCMOD_BIAS);
      CHECK(prog.instrs[0].src[0].swizzle[0] == 3);
      CHECK(prog.instrs[0].src[1].mod == D3DUMD_SM_SRCMOD_SIGNNEG);
      CHECK(prog.instrs[0].src[2].mod == D3DUMD_SM_SRCMOD_COMP);
      CHECK(prog.instrs[1].coissue && prog.instrs[1].dst.shift == -3);
      CHECK(prog.instrs[1].dst.write_mask == 0x8);
      CHECK(prog.instrs[1].src[0].mod == D3DUMD_SM_SRCMOD_X2NEG);
      CHECK(prog.instrs[1].offset == 6);
      CHECK(prog.instrs[2].src[0].mod == D3DUMD_SM_SRCMOD_DW);
      CHECK(prog.instrs[2].offset == 10);
      CHECK(prog.samplers_used == (1u << 3));
      CHECK(prog.texcoords_used == (1u << 5));
      d3dumd_sm_program_fini(&prog);
   }

   /* ps_2_0: _pp and _centroid. */
   static const uint32_t ps20[] = {
      SM_PS(2, 0),
      SM_DCL(2), SM_DCL_PLAIN, SM_DST_MOD(D3DSPR_TEXTURE, 0, SM_MASK_XY,
                                          SM_CENTROID | SM_PP),
      SM_INSTR(D3DSIO_MOV, 2),
      SM_DST_MOD(D3DSPR_COLOROUT, 0, SM_MASK_ALL, SM_PP),
      SM_SRC_MOD(D3DSPR_TEXTURE, 0, SM_SWZ(x, y, x, y), D3DSPSM_ABSNEG),
      SM_END,
   };
   if (ACCEPT(ps20, PS, &prog)) {
      CHECK(prog.instrs[0].dst.centroid);
      CHECK(prog.instrs[0].dst.partial_precision);
      CHECK(prog.instrs[0].dcl_usage == D3DDECLUSAGE_TEXCOORD);
      CHECK(prog.instrs[1].dst.partial_precision);
      CHECK(!prog.instrs[1].dst.centroid && !prog.instrs[1].dst.saturate);
      CHECK(prog.instrs[1].src[0].mod == D3DUMD_SM_SRCMOD_ABSNEG);
      CHECK(prog.instrs[1].src[0].swizzle[2] == 0);
      CHECK(prog.instrs[1].src[0].swizzle[3] == 1);
      CHECK(prog.outputs_written == 1);
      CHECK(prog.texcoords_used == 1);
      d3dumd_sm_program_fini(&prog);
   }

   static const uint32_t bad_mod[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ) | (0xeu << 24), SM_END,
   };
   REJECT(bad_mod, VS, "reserved source modifier 0xe");
   static const uint32_t bias_vs[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC_MOD(D3DSPR_TEMP, 1, SM_NOSWZ, D3DSPSM_BIAS), SM_END,
   };
   REJECT(bias_vs, VS, "_bias in a vertex shader");
   static const uint32_t not_temp[] = {
      SM_PS(3, 0), SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC_MOD(D3DSPR_TEMP, 1, SM_NOSWZ, D3DSPSM_NOT), SM_END,
   };
   REJECT(not_temp, PS, "NOT on a temp");
   static const uint32_t shift_ps2[] = {
      SM_PS(2, 0), SM_INSTR(D3DSIO_MOV, 2),
      SM_DST_MOD(D3DSPR_TEMP, 0, 0xf, SM_SHIFT(1)),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_END,
   };
   REJECT(shift_ps2, PS, "result shift in ps_2_0");
   static const uint32_t shift_range[] = {
      SM_PS(1, 1), SM1_INSTR(D3DSIO_MOV),
      SM_DST_MOD(D3DSPR_TEMP, 0, 0xf, SM_SHIFT(5)),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_END,
   };
   REJECT(shift_range, PS, "result shift 5");
   static const uint32_t pp_vs[] = {
      SM_VS(3, 0), SM_INSTR(D3DSIO_MOV, 2),
      SM_DST_MOD(D3DSPR_TEMP, 0, 0xf, SM_PP),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_END,
   };
   REJECT(pp_vs, VS, "_pp in a vertex shader");
   static const uint32_t zero_mask[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_TEMP, 0, 0),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_END,
   };
   REJECT(zero_mask, VS, "zero write mask");
   static const uint32_t sincos_z[] = {
      SM_VS(3, 0), SM_INSTR(D3DSIO_SINCOS, 2), SM_DST(D3DSPR_TEMP, 0, 0x7),
      SM_SRC(D3DSPR_TEMP, 1, SM_REPL(x)), SM_END,
   };
   REJECT(sincos_z, VS, "sincos writing .z");
   static const uint32_t sincos_swz[] = {
      SM_VS(3, 0), SM_INSTR(D3DSIO_SINCOS, 2), SM_DST(D3DSPR_TEMP, 0, 0x3),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_END,
   };
   REJECT(sincos_swz, VS, "sincos without a replicate swizzle");
}

static void
relative(void)
{
   struct d3dumd_sm_program prog;

   /* vs_1_1: bit 13 and no address token; a0.x implied. */
   static const uint32_t vs11[] = {
      SM_VS(1, 1),
      SM1_INSTR(D3DSIO_MOV), SM_DST(D3DSPR_ADDR, 0, SM_MASK_X),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      SM1_INSTR(D3DSIO_MOV), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_CONST, 10, SM_NOSWZ) | SM_REL,
      SM1_INSTR(D3DSIO_ADD), SM_DST(D3DSPR_TEMP, 1, SM_MASK_ALL),
      SM_SRC(D3DSPR_CONST, 4, SM_NOSWZ) | SM_REL,
      SM_SRC(D3DSPR_CONST, 95, SM_NOSWZ),
      SM_END,
   };
   if (ACCEPT(vs11, VS, &prog)) {
      CHECK(prog.num_instrs == 3);
      const struct d3dumd_sm_src *s = &prog.instrs[1].src[0];
      CHECK(s->reg.relative && s->reg.rel_file == D3DSPR_ADDR);
      CHECK(s->reg.rel_component == 0 && s->reg.index == 10);
      CHECK(prog.instrs[2].offset == 7);
      CHECK(prog.instrs[2].src[1].reg.index == 95);
      CHECK(!prog.instrs[2].src[1].reg.relative);
      CHECK(prog.relative_consts && prog.num_float_consts == 96);
      d3dumd_sm_program_fini(&prog);
   }

   /* vs_2_0: the address token follows, naming a0's component. */
   static const uint32_t vs20[] = {
      SM_VS(2, 0),
      SM_INSTR(D3DSIO_MOVA, 2), SM_DST(D3DSPR_ADDR, 0, SM_MASK_Y),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      SM_INSTR(D3DSIO_ADD, 4), SM_DST(D3DSPR_TEMP, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_CONST, 5, SM_REPL(z)) | SM_REL, SM_ADDR_A0(y),
      SM_SRC(D3DSPR_CONST, 2, SM_NOSWZ),
      SM_END,
   };
   if (ACCEPT(vs20, VS, &prog)) {
      const struct d3dumd_sm_src *s = &prog.instrs[1].src[0];
      CHECK(s->reg.relative && s->reg.rel_file == D3DSPR_ADDR);
      CHECK(s->reg.rel_component == 1 && s->reg.index == 5);
      CHECK(s->swizzle[0] == 2 && s->swizzle[3] == 2);
      CHECK(prog.instrs[1].src[1].reg.index == 2);
      CHECK(prog.num_float_consts == 3 && prog.relative_consts);
      d3dumd_sm_program_fini(&prog);
   }

   /* vs_3_0: v[aL], o[aL] inside a loop. */
   static const uint32_t vs30[] = {
      SM_VS(3, 0),
      SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 0),
      SM_DST(D3DSPR_OUTPUT, 1, SM_MASK_ALL),
      SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 1),
      SM_DST(D3DSPR_OUTPUT, 2, SM_MASK_ALL),
      SM_INSTR(D3DSIO_LOOP, 2), SM_ADDR_AL, SM_SRC(D3DSPR_CONSTINT, 3, 0xe4),
      SM_INSTR(D3DSIO_MOV, 4), SM_DST(D3DSPR_OUTPUT, 1, SM_MASK_ALL) | SM_REL,
      SM_ADDR_AL, SM_SRC(D3DSPR_INPUT, 2, SM_NOSWZ) | SM_REL, SM_ADDR_AL,
      SM_INSTR(D3DSIO_ENDLOOP, 0),
      SM_END,
   };
   if (ACCEPT(vs30, VS, &prog)) {
      const struct d3dumd_sm_instr *in = &prog.instrs[3];
      CHECK(in->dst.reg.relative && in->dst.reg.rel_file == D3DSPR_LOOP);
      CHECK(in->src[0].reg.relative);
      CHECK(in->src[0].reg.rel_file == D3DSPR_LOOP);
      CHECK(prog.outputs_written == 0x6);
      CHECK(prog.int_consts_used == (1u << 3));
      CHECK(prog.max_nesting == 1);
      d3dumd_sm_program_fini(&prog);
   }

   static const uint32_t ps20_rel[] = {
      SM_PS(2, 0), SM_INSTR(D3DSIO_MOV, 3), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_CONST, 0, SM_NOSWZ) | SM_REL, SM_ADDR_AL, SM_END,
   };
   REJECT(ps20_rel, PS, "relative addressing in ps_2_0");
   static const uint32_t no_addr_tok[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_CONST, 0, SM_NOSWZ) | SM_REL, SM_END,
   };
   REJECT(no_addr_tok, VS, "relative source without its address token");
   static const uint32_t rel_temp[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_MOV, 3), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ) | SM_REL, SM_ADDR_A0(x), SM_END,
   };
   REJECT(rel_temp, VS, "relative temp");
   static const uint32_t rel_dst[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_MOV, 3),
      SM_DST(D3DSPR_OUTPUT, 0, 0xf) | SM_REL, SM_ADDR_A0(x),
      SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ), SM_END,
   };
   REJECT(rel_dst, VS, "relative destination in vs_2_0");
   static const uint32_t bad_addr[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_MOV, 3), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_CONST, 0, SM_NOSWZ) | SM_REL,
      SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ), SM_END,
   };
   REJECT(bad_addr, VS, "relative address through a temp");
}

static void
predication(void)
{
   /* setp_gt p0.xy, r0, r1; (!p0.y) add r0, r1, r2 */
   static const uint32_t vs[] = {
      SM_VS(2, 1),
      SM_INSTR_CTL(D3DSIO_SETP, D3DSPC_GT, 3),
      SM_DST(D3DSPR_PREDICATE, 0, SM_MASK_XY),
      SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ), SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ),
      SM_INSTR(D3DSIO_ADD, 4) | SM_PREDICATED,
      SM_DST(D3DSPR_TEMP, 0, SM_MASK_ALL),
      SM_SRC_MOD(D3DSPR_PREDICATE, 0, SM_REPL(y), D3DSPSM_NOT),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_SRC(D3DSPR_TEMP, 2, SM_NOSWZ),
      SM_END,
   };
   struct d3dumd_sm_program prog;
   if (ACCEPT(vs, VS, &prog)) {
      CHECK(prog.instrs[0].control == D3DSPC_GT);
      CHECK(prog.instrs[0].dst.reg.file == D3DSPR_PREDICATE);
      const struct d3dumd_sm_instr *in = &prog.instrs[1];
      CHECK(in->predicated && !prog.instrs[0].predicated);
      CHECK(in->predicate.reg.file == D3DSPR_PREDICATE);
      CHECK(in->predicate.mod == D3DUMD_SM_SRCMOD_NOT);
      CHECK(in->predicate.swizzle[0] == 1);
      CHECK(in->src[0].reg.index == 1 && in->src[1].reg.index == 2);
      d3dumd_sm_program_fini(&prog);
   }
   static const uint32_t vs20[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_MOV, 3) | SM_PREDICATED,
      SM_DST(D3DSPR_TEMP, 0, 0xf), SM_P0, SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ),
      SM_END,
   };
   REJECT(vs20, VS, "predication in vs_2_0");
   static const uint32_t pred_temp[] = {
      SM_PS(3, 0), SM_INSTR(D3DSIO_MOV, 3) | SM_PREDICATED,
      SM_DST(D3DSPR_TEMP, 0, 0xf), SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_END,
   };
   REJECT(pred_temp, PS, "predicate token naming a temp");
   static const uint32_t coissue[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_MOV, 2) | SM_COISSUE,
      SM_DST(D3DSPR_TEMP, 0, 0xf), SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_END,
   };
   REJECT(coissue, VS, "co-issue in vs_2_0");
   static const uint32_t setp_res[] = {
      SM_PS(2, 1), SM_INSTR_CTL(D3DSIO_SETP, D3DSPC_RESERVED0, 3),
      SM_DST(D3DSPR_PREDICATE, 0, 0xf), SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_END,
   };
   REJECT(setp_res, PS, "setp with a reserved comparison");
   static const uint32_t ifc_res[] = {
      SM_PS(2, 1), SM_INSTR_CTL(D3DSIO_IFC, D3DSPC_RESERVED1, 2),
      SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ), SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ),
      SM_INSTR(D3DSIO_ENDIF, 0), SM_END,
   };
   REJECT(ifc_res, PS, "ifc with a reserved comparison");
}

static void
comments(void)
{
   static const uint32_t vs[] = {
      SM_VS(1, 1),
      SM_COMMENT(3), 0x42415443, 0xffffffff, SM_END,
      SM1_INSTR(D3DSIO_MOV), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL),
      SM_COMMENT(0),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),  /* not a comment: an operand */
      SM_END,
   };
   /* The comment sits between two operand tokens: SM1 reads operands by
    * count, so the mov's source here is the comment token: rejected. */
   REJECT(vs, VS, "comment inside an instruction");

   static const uint32_t ok[] = {
      SM_VS(1, 1),
      SM_COMMENT(3), 0x42415443, 0x80000000, SM_END,
      SM1_INSTR(D3DSIO_MOV), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      SM_COMMENT(0),
      SM_COMMENT(1), SM1_INSTR(D3DSIO_MOV),
      SM_END,
      0xdeadbeef, 0x12345678,   /* after the end token: ignored */
   };
   struct d3dumd_sm_program prog;
   if (ACCEPT(ok, VS, &prog)) {
      CHECK(prog.num_instrs == 1 && prog.instrs[0].offset == 5);
      CHECK(prog.outputs_written == (1u << 10));
      d3dumd_sm_program_fini(&prog);
   }
   static const uint32_t past[] = {
      SM_PS(2, 0), SM_COMMENT(4), 1, 2, SM_END,
   };
   REJECT(past, PS, "comment running past the end");
}

static void
declarations(void)
{
   struct d3dumd_sm_program prog;
   static const uint32_t vs[] = {
      SM_VS(3, 0),
      SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
      SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL),
      SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_BLENDWEIGHT, 2),
      SM_DST(D3DSPR_INPUT, 15, SM_MASK_XY),
      SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
      SM_DST(D3DSPR_OUTPUT, 0, SM_MASK_ALL),
      SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 3),
      SM_DST(D3DSPR_OUTPUT, 11, SM_MASK_XY),
      SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_TEXCOORD, 4),
      SM_DST(D3DSPR_OUTPUT, 11, SM_MASK_Z | SM_MASK_W),
      SM_DCL(2), SM_DCL_SAMPLER(D3DSTT_VOLUME),
      SM_DST(D3DSPR_SAMPLER, 3, SM_MASK_ALL),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_OUTPUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      SM_INSTR(D3DSIO_TEXLDL, 3), SM_DST(D3DSPR_OUTPUT, 11, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 15, SM_NOSWZ), SM_SRC(D3DSPR_SAMPLER, 3, SM_NOSWZ),
      SM_END,
   };
   if (ACCEPT(vs, VS, &prog)) {
      CHECK(prog.instrs[1].dcl_usage == D3DDECLUSAGE_BLENDWEIGHT);
      CHECK(prog.instrs[1].dcl_usage_index == 2);
      CHECK(prog.inputs[0].declared && prog.inputs[0].usage == 0);
      CHECK(prog.inputs[15].declared && prog.inputs[15].mask == 0x3);
      CHECK(prog.inputs[15].usage_index == 2 && !prog.inputs[1].declared);
      CHECK(prog.outputs[11].declared && prog.outputs[11].mask == 0xf);
      CHECK(prog.outputs[11].usage == D3DDECLUSAGE_TEXCOORD);
      CHECK(prog.outputs[11].usage_index == 3);
      CHECK(prog.sampler_type[3] == 4 && prog.sampler_type[0] == 0);
      CHECK(prog.instrs[5].dcl_texture_type == 4);
      CHECK(prog.samplers_used == (1u << 3));
      CHECK(prog.outputs_written == ((1u << 0) | (1u << 11)));
      d3dumd_sm_program_fini(&prog);
   }

   static const uint32_t ps30[] = {
      SM_PS(3, 0),
      SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_COLOR, 1),
      SM_DST_MOD(D3DSPR_INPUT, 1, SM_MASK_ALL, SM_CENTROID),
      SM_DCL(2), SM_DCL_PLAIN, SM_DST(D3DSPR_MISCTYPE, 0, SM_MASK_XY),
      SM_DCL(2), SM_DCL_PLAIN, SM_DST(D3DSPR_MISCTYPE, 1, SM_MASK_ALL),
      SM_DCL(2), SM_DCL_SAMPLER(D3DSTT_CUBE),
      SM_DST(D3DSPR_SAMPLER, 15, SM_MASK_ALL),
      SM_INSTR(D3DSIO_TEX, 3), SM_DST(D3DSPR_TEMP, 31, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 1, SM_NOSWZ), SM_SRC(D3DSPR_SAMPLER, 15, SM_NOSWZ),
      SM_INSTR(D3DSIO_ADD, 3), SM_DST(D3DSPR_COLOROUT, 3, SM_MASK_ALL),
      SM_SRC(D3DSPR_MISCTYPE, 0, SM_REPL(x)),
      SM_SRC(D3DSPR_CONST, 223, SM_NOSWZ),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_DEPTHOUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_MISCTYPE, 1, SM_NOSWZ),
      SM_END,
   };
   if (ACCEPT(ps30, PS, &prog)) {
      CHECK(prog.inputs[1].declared && prog.inputs[1].centroid);
      CHECK(prog.inputs[1].usage == D3DDECLUSAGE_COLOR);
      CHECK(prog.inputs[1].usage_index == 1);
      CHECK(prog.uses_vpos && prog.uses_vface);
      CHECK(prog.sampler_type[15] == 3);
      CHECK(prog.samplers_used == (1u << 15));
      CHECK(prog.temps_used == (1u << 31));
      CHECK(prog.num_float_consts == 224);
      CHECK(prog.outputs_written == ((1u << 3) | (1u << 4)));
      d3dumd_sm_program_fini(&prog);
   }

   /* vs_1_1 dcl: no length bits, dcl token + destination. */
   static const uint32_t vs11[] = {
      SM_VS(1, 1),
      SM_DCL(0), SM_DCL_USAGE(D3DDECLUSAGE_NORMAL, 0),
      SM_DST(D3DSPR_INPUT, 3, SM_MASK_XYZ),
      SM1_INSTR(D3DSIO_MOV), SM_DST(D3DSPR_ATTROUT, 1, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 3, SM_NOSWZ),
      SM_END,
   };
   if (ACCEPT(vs11, VS, &prog)) {
      CHECK(prog.num_instrs == 2 && prog.instrs[1].offset == 4);
      CHECK(prog.inputs[3].declared && prog.inputs[3].usage == 3);
      CHECK(prog.outputs_written == (1u << 9));
      d3dumd_sm_program_fini(&prog);
   }

   static const uint32_t bad_type[] = {
      SM_PS(2, 0), SM_DCL(2), SM_DCL_SAMPLER(D3DSTT_UNKNOWN),
      SM_DST(D3DSPR_SAMPLER, 0, 0xf), SM_END,
   };
   REJECT(bad_type, PS, "sampler dcl of unknown type");
   static const uint32_t bad_usage[] = {
      SM_VS(2, 0), SM_DCL(2), SM_DCL_USAGE(14, 0),
      SM_DST(D3DSPR_INPUT, 0, 0xf), SM_END,
   };
   REJECT(bad_usage, VS, "dcl usage 14");
   static const uint32_t twice[] = {
      SM_VS(2, 0),
      SM_DCL(2), SM_DCL_USAGE(0, 0), SM_DST(D3DSPR_INPUT, 0, 0xf),
      SM_DCL(2), SM_DCL_USAGE(3, 0), SM_DST(D3DSPR_INPUT, 0, 0x1),
      SM_END,
   };
   REJECT(twice, VS, "input declared twice");
   static const uint32_t late[] = {
      SM_VS(2, 0),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ),
      SM_DCL(2), SM_DCL_USAGE(0, 0), SM_DST(D3DSPR_INPUT, 0, 0xf),
      SM_END,
   };
   REJECT(late, VS, "dcl after an instruction");
   static const uint32_t undecl_out[] = {
      SM_VS(3, 0), SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_OUTPUT, 0, 0xf),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_END,
   };
   REJECT(undecl_out, VS, "vs_3_0 output written without a dcl");
   static const uint32_t undecl_in[] = {
      SM_PS(3, 0), SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, 0xf),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ), SM_END,
   };
   REJECT(undecl_in, PS, "ps_3_0 input read without a dcl");
   static const uint32_t undecl_s[] = {
      SM_PS(2, 0), SM_INSTR(D3DSIO_TEX, 3), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ), SM_SRC(D3DSPR_SAMPLER, 0, 0xe4),
      SM_END,
   };
   REJECT(undecl_s, PS, "sampler used without a dcl");
   static const uint32_t face_mask[] = {
      SM_PS(3, 0), SM_DCL(2), SM_DCL_PLAIN, SM_DST(D3DSPR_MISCTYPE, 1, 0x1),
      SM_END,
   };
   REJECT(face_mask, PS, "vFace dcl with a partial mask");
}

static void
definitions(void)
{
   uint32_t t[] = {
      SM_VS(2, 0),
      SM_DEF(5, 255), sm_f(1.0f), sm_f(-2.5f), sm_f(0.0f), sm_f(1e10f),
      SM_DEFI(5, 15), 255, (uint32_t)-128, 1, 0,
      SM_DEFB(2, 3), 7,
      SM_DEFB(2, 4), 0,
      SM_END,
   };
   struct d3dumd_sm_program prog;
   if (accept_(t, SM_COUNT(t), VS, &prog, __FILE__, __LINE__)) {
      CHECK(prog.num_instrs == 4);
      const struct d3dumd_sm_instr *in = prog.instrs;
      CHECK(in[0].opcode == D3DSIO_DEF && in[0].dst.reg.index == 255);
      CHECK(in[0].imm[0] == sm_f(1.0f) && in[0].imm[1] == sm_f(-2.5f));
      CHECK(in[0].imm[3] == sm_f(1e10f));
      CHECK(in[1].dst.reg.file == D3DSPR_CONSTINT && in[1].imm[0] == 255);
      CHECK((int32_t)in[1].imm[1] == -128 && in[1].imm[2] == 1);
      CHECK(in[2].dst.reg.file == D3DSPR_CONSTBOOL && in[2].imm[0] == 1);
      CHECK(in[3].imm[0] == 0 && in[3].offset == 16);
      /* A def is not a read of the constant. */
      CHECK(prog.num_float_consts == 0);
      d3dumd_sm_program_fini(&prog);
   }
   /* ps_1_x: def without length, c0-c7. */
   static const uint32_t ps11[] = {
      SM_PS(1, 1),
      SM1_INSTR(D3DSIO_DEF), SM_DST(D3DSPR_CONST, 7, 0xf),
      SM_F_1, SM_F_HALF, SM_F_0, SM_F_M1,
      SM1_INSTR(D3DSIO_MOV), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_CONST, 7, SM_NOSWZ),
      SM_END,
   };
   if (ACCEPT(ps11, PS, &prog)) {
      CHECK(prog.num_instrs == 2 && prog.instrs[1].offset == 7);
      CHECK(prog.instrs[0].imm[3] == SM_F_M1);
      CHECK(prog.num_float_consts == 8 && prog.outputs_written == 1);
      d3dumd_sm_program_fini(&prog);
   }
   static const uint32_t def_c8[] = {
      SM_PS(1, 4), SM1_INSTR(D3DSIO_DEF), SM_DST(D3DSPR_CONST, 8, 0xf),
      1, 2, 3, 4, SM_END,
   };
   REJECT(def_c8, PS, "def c8 in ps_1_4");
   static const uint32_t defi_c[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_DEFI, 5), SM_DST(D3DSPR_CONST, 0, 0xf),
      1, 2, 3, 4, SM_END,
   };
   REJECT(defi_c, VS, "defi of a float constant");
   static const uint32_t def_short[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_DEF, 4), SM_DST(D3DSPR_CONST, 0, 0xf),
      1, 2, 3, SM_END,
   };
   REJECT(def_short, VS, "def with a length of 4");
}

/* Shader model 1: no length bits, every operand count from the opcode. */
static void
sm1_lengths(void)
{
   static const uint32_t vs[] = {
      SM_VS(1, 1),
      SM_DCL(0), SM_DCL_USAGE(0, 0), SM_DST(D3DSPR_INPUT, 0, 0xf),
      SM1_INSTR(D3DSIO_M4x4), SM_DST(D3DSPR_RASTOUT, 0, 0xf),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ), SM_SRC(D3DSPR_CONST, 0, SM_NOSWZ),
      SM1_INSTR(D3DSIO_MAD), SM_DST(D3DSPR_TEMP, 11, 0xf),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ), SM_SRC(D3DSPR_CONST, 4, SM_NOSWZ),
      SM_SRC(D3DSPR_TEMP, 11, SM_NOSWZ),
      SM1_INSTR(D3DSIO_NOP),
      SM1_INSTR(D3DSIO_LIT), SM_DST(D3DSPR_OUTPUT, 7, 0x3),
      SM_SRC(D3DSPR_TEMP, 11, SM_NOSWZ),
      SM1_INSTR(D3DSIO_MOV), SM_DST(D3DSPR_RASTOUT, 1, 0x1),
      SM_SRC(D3DSPR_TEMP, 11, SM_REPL(w)),
      SM1_INSTR(D3DSIO_MOV), SM_DST(D3DSPR_RASTOUT, 2, 0x1),
      SM_SRC(D3DSPR_TEMP, 11, SM_REPL(w)),
      SM_END,
   };
   struct d3dumd_sm_program prog;
   if (ACCEPT(vs, VS, &prog)) {
      static const uint32_t offs[] = { 1, 4, 8, 13, 14, 17, 20 };
      CHECK(prog.num_instrs == SM_COUNT(offs));
      for (unsigned i = 0; i < prog.num_instrs && i < SM_COUNT(offs); i++)
         CHECK(prog.instrs[i].offset == offs[i]);
      CHECK(prog.outputs_written == ((1u << 7) | (7u << 10)));
      CHECK(prog.temps_used == (1u << 11));
      CHECK(prog.num_float_consts == 5);
      d3dumd_sm_program_fini(&prog);
   }

   /* The rows a matrix instruction reads count as read. */
   static const uint32_t mat[] = {
      SM_VS(2, 0),
      SM_INSTR(D3DSIO_M3x2, 3), SM_DST(D3DSPR_TEMP, 0, 0x3),
      SM_SRC(D3DSPR_INPUT, 0, 0xe4), SM_SRC(D3DSPR_CONST, 10, 0xe4),
      SM_INSTR(D3DSIO_M4x3, 3), SM_DST(D3DSPR_TEMP, 0, 0x7),
      SM_SRC(D3DSPR_INPUT, 0, 0xe4), SM_SRC(D3DSPR_TEMP, 4, 0xe4),
      SM_INSTR(D3DSIO_M4x4, 3), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_INPUT, 0, 0xe4), SM_SRC(D3DSPR_CONST, 252, 0xe4),
      SM_END,
   };
   if (ACCEPT(mat, VS, &prog)) {
      CHECK(prog.num_float_consts == 256);
      CHECK(prog.temps_used == (1u | (7u << 4)));
      d3dumd_sm_program_fini(&prog);
   }

   static const uint32_t ps[] = {
      SM_PS(1, 1),
      SM1_INSTR(D3DSIO_TEX), SM_DST(D3DSPR_TEXTURE, 0, 0xf),
      SM1_INSTR(D3DSIO_TEXM3x2PAD), SM_DST(D3DSPR_TEXTURE, 1, 0xf),
      SM_SRC_MOD(D3DSPR_TEXTURE, 0, SM_NOSWZ, D3DSPSM_SIGN),
      SM1_INSTR(D3DSIO_TEXM3x2TEX), SM_DST(D3DSPR_TEXTURE, 2, 0xf),
      SM_SRC_MOD(D3DSPR_TEXTURE, 0, SM_NOSWZ, D3DSPSM_SIGN),
      SM1_INSTR(D3DSIO_TEXREG2AR), SM_DST(D3DSPR_TEXTURE, 3, 0xf),
      SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ),
      SM1_INSTR(D3DSIO_MUL), SM_DST(D3DSPR_TEMP, 0, 0x7),
      SM_SRC(D3DSPR_TEXTURE, 2, SM_NOSWZ), SM_SRC(D3DSPR_INPUT, 1, SM_NOSWZ),
      SM1_INSTR(D3DSIO_MOV) | SM_COISSUE, SM_DST(D3DSPR_TEMP, 0, 0x8),
      SM_SRC(D3DSPR_CONST, 2, SM_REPL(w)),
      SM_END,
   };
   if (ACCEPT(ps, PS, &prog)) {
      static const uint32_t offs[] = { 1, 3, 6, 9, 12, 16 };
      CHECK(prog.num_instrs == SM_COUNT(offs));
      for (unsigned i = 0; i < prog.num_instrs && i < SM_COUNT(offs); i++)
         CHECK(prog.instrs[i].offset == offs[i]);
      CHECK(prog.samplers_used == ((1u << 0) | (1u << 2) | (1u << 3)));
      CHECK(prog.texcoords_used == 0x7);
      CHECK(prog.outputs_written == 1 && prog.num_float_consts == 3);
      d3dumd_sm_program_fini(&prog);
   }
}

static void
summaries(void)
{
   static const uint32_t vs[] = {
      SM_VS(2, 0),
      SM_DEFB(2, 0), 1,
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_OUTPUT, 3, SM_MASK_XY),
      SM_SRC(D3DSPR_CONST, 17, SM_NOSWZ),
      SM_INSTR(D3DSIO_IF, 1), SM_SRC(D3DSPR_CONSTBOOL, 9, 0),
      SM_INSTR(D3DSIO_REP, 1), SM_SRC(D3DSPR_CONSTINT, 2, 0),
      SM_INSTR(D3DSIO_IF, 1), SM_SRC(D3DSPR_CONSTBOOL, 0, 0),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_ATTROUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_TEMP, 5, SM_NOSWZ),
      SM_INSTR(D3DSIO_ENDIF, 0),
      SM_INSTR(D3DSIO_ENDREP, 0),
      SM_INSTR(D3DSIO_ELSE, 0),
      SM_INSTR(D3DSIO_CALL, 1), SM_LABEL(3),
      SM_INSTR(D3DSIO_ENDIF, 0),
      SM_INSTR(D3DSIO_RET, 0),
      SM_INSTR(D3DSIO_LABEL, 1), SM_LABEL(3),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ),
      SM_INSTR(D3DSIO_RET, 0),
      SM_INSTR(D3DSIO_LABEL, 1), SM_LABEL(2047),
      SM_INSTR(D3DSIO_RET, 0),
      SM_END,
   };
   struct d3dumd_sm_program prog;
   if (ACCEPT(vs, VS, &prog)) {
      CHECK(prog.num_float_consts == 18 && !prog.relative_consts);
      CHECK(prog.bool_consts_used == ((1u << 9) | 1u));
      CHECK(prog.int_consts_used == (1u << 2));
      CHECK(prog.temps_used == ((1u << 5) | 1u));
      CHECK(prog.outputs_written == ((1u << 3) | (1u << 8) | (1u << 10)));
      CHECK(prog.num_labels == 2 && prog.max_nesting == 3);
      d3dumd_sm_program_fini(&prog);
   }

   static const uint32_t ps[] = {
      SM_PS(2, 0),
      SM_DCL(2), SM_DCL_PLAIN, SM_DST(D3DSPR_INPUT, 1, SM_MASK_ALL),
      SM_DCL(2), SM_DCL_PLAIN, SM_DST(D3DSPR_TEXTURE, 7, SM_MASK_ALL),
      SM_DCL(2), SM_DCL_SAMPLER(D3DSTT_2D), SM_DST(D3DSPR_SAMPLER, 2, 0xf),
      SM_DCL(2), SM_DCL_SAMPLER(D3DSTT_CUBE), SM_DST(D3DSPR_SAMPLER, 9, 0xf),
      SM_INSTR_CTL(D3DSIO_TEX, SM_TEXLD_PROJECT, 3),
      SM_DST(D3DSPR_TEMP, 11, 0xf),
      SM_SRC(D3DSPR_TEXTURE, 7, SM_NOSWZ), SM_SRC(D3DSPR_SAMPLER, 9, 0xe4),
      SM_INSTR_CTL(D3DSIO_TEX, SM_TEXLD_BIAS, 3), SM_DST(D3DSPR_TEMP, 1, 0xf),
      SM_SRC(D3DSPR_TEMP, 11, SM_NOSWZ), SM_SRC(D3DSPR_SAMPLER, 2, 0xe4),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 1, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 1, SM_NOSWZ),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_DEPTHOUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_CONST, 31, SM_NOSWZ),
      SM_INSTR(D3DSIO_TEXKILL, 1), SM_DST(D3DSPR_TEXTURE, 3, SM_MASK_ALL),
      SM_END,
   };
   if (ACCEPT(ps, PS, &prog)) {
      CHECK(prog.inputs[1].declared && prog.inputs[1].usage == 10);
      CHECK(prog.inputs[1].usage_index == 1);
      CHECK(prog.sampler_type[2] == 2 && prog.sampler_type[9] == 3);
      CHECK(prog.samplers_used == ((1u << 2) | (1u << 9)));
      CHECK(prog.texcoords_used == ((1u << 7) | (1u << 3)));
      CHECK(prog.outputs_written == ((1u << 1) | (1u << 4)));
      CHECK(prog.temps_used == ((1u << 11) | (1u << 1)));
      CHECK(prog.num_float_consts == 32);
      CHECK(prog.instrs[4].control == 1 && prog.instrs[5].control == 2);
      d3dumd_sm_program_fini(&prog);
   }
}

/* ------------------------------------------------------------------ */

/* Valid programs, cut at every byte length short of the whole. */
static void
truncation(void)
{
   static const uint32_t vs30[] = {
      SM_VS(3, 0),
      SM_COMMENT(2), 0x11111111, 0x22222222,
      SM_DCL(2), SM_DCL_USAGE(0, 0), SM_DST(D3DSPR_INPUT, 0, 0xf),
      SM_DCL(2), SM_DCL_USAGE(0, 0), SM_DST(D3DSPR_OUTPUT, 0, 0xf),
      SM_DEF(5, 0), SM_F_1, SM_F_0, SM_F_HALF, SM_F_2,
      SM_INSTR(D3DSIO_LOOP, 2), SM_ADDR_AL, SM_SRC(D3DSPR_CONSTINT, 0, 0xe4),
      SM_INSTR(D3DSIO_ADD, 4), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_CONST, 1, SM_NOSWZ) | SM_REL, SM_ADDR_AL,
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      SM_INSTR(D3DSIO_ENDLOOP, 0),
      SM_INSTR(D3DSIO_CALL, 1), SM_LABEL(1),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_OUTPUT, 0, 0xf),
      SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ),
      SM_INSTR(D3DSIO_RET, 0),
      SM_INSTR(D3DSIO_LABEL, 1), SM_LABEL(1),
      SM_INSTR(D3DSIO_RET, 0),
      SM_END,
   };
   static const uint32_t vs11[] = {
      SM_VS(1, 1),
      SM_DCL(0), SM_DCL_USAGE(0, 0), SM_DST(D3DSPR_INPUT, 0, 0xf),
      SM1_INSTR(D3DSIO_DEF), SM_DST(D3DSPR_CONST, 3, 0xf), 1, 2, 3, 4,
      SM1_INSTR(D3DSIO_MAD), SM_DST(D3DSPR_RASTOUT, 0, 0xf),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      SM_SRC(D3DSPR_CONST, 3, SM_NOSWZ) | SM_REL,
      SM_SRC(D3DSPR_CONST, 1, SM_NOSWZ),
      SM_END,
   };
   static const uint32_t ps14[] = {
      SM_PS(1, 4),
      SM1_INSTR(D3DSIO_TEX), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ),
      SM1_INSTR(D3DSIO_PHASE),
      SM1_INSTR(D3DSIO_CND), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_TEMP, 0, SM_REPL(w)), SM_SRC(D3DSPR_CONST, 0, 0xe4),
      SM_SRC(D3DSPR_INPUT, 0, 0xe4),
      SM_END,
   };
   static const uint32_t ps2x[] = {
      SM_PS(2, 1),
      SM_DCL(2), SM_DCL_SAMPLER(D3DSTT_2D), SM_DST(D3DSPR_SAMPLER, 0, 0xf),
      SM_INSTR_CTL(D3DSIO_SETP, D3DSPC_LT, 3), SM_DST(D3DSPR_PREDICATE, 0, 3),
      SM_SRC(D3DSPR_TEMP, 0, 0xe4), SM_SRC(D3DSPR_CONST, 0, 0xe4),
      SM_INSTR(D3DSIO_TEXLDD, 6) | SM_PREDICATED, SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_P0, SM_SRC(D3DSPR_TEMP, 0, 0xe4), SM_SRC(D3DSPR_SAMPLER, 0, 0xe4),
      SM_SRC(D3DSPR_TEMP, 1, 0xe4), SM_SRC(D3DSPR_TEMP, 2, 0xe4),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, 0xf),
      SM_SRC(D3DSPR_TEMP, 0, 0xe4),
      SM_END,
   };
   static const struct {
      const uint32_t *t;
      size_t n;
      enum d3dumd_sm_type type;
   } progs[] = {
      { vs30, SM_COUNT(vs30), VS }, { vs11, SM_COUNT(vs11), VS },
      { ps14, SM_COUNT(ps14), PS }, { ps2x, SM_COUNT(ps2x), PS },
   };
   for (unsigned p = 0; p < SM_COUNT(progs); p++) {
      struct d3dumd_sm_program prog;
      char err[256];
      size_t full = progs[p].n * 4;
      if (!read_exact(progs[p].t, full, progs[p].type, &prog, err,
                      sizeof(err))) {
         printf("  FAILED: program %u rejected whole: %s\n", p, err);
         piglit_check_failed = true;
         continue;
      }
      d3dumd_sm_program_fini(&prog);
      unsigned bad = 0;
      for (size_t size = 0; size < full; size++) {
         err[0] = '\0';
         memset(&prog, 0x5a, sizeof(prog));
         if (read_exact(progs[p].t, size, progs[p].type, &prog, err,
                        sizeof(err))) {
            d3dumd_sm_program_fini(&prog);
            bad++;
         } else if (!err[0] || prog.instrs || prog.num_instrs) {
            bad++;
         }
      }
      if (bad) {
         printf("  FAILED: program %u: %u truncations accepted or badly "
                "rejected\n", p, bad);
         piglit_check_failed = true;
      }
      /* A size with a stray partial dword still reads the whole. */
      uint32_t *padded = malloc(full + 3);
      memcpy(padded, progs[p].t, full);
      if (d3dumd_sm_read(padded, full + 3, progs[p].type, &prog, err,
                         sizeof(err)))
         d3dumd_sm_program_fini(&prog);
      else
         CHECK(!"padded program rejected");
      free(padded);
   }
}

static void
rejections(void)
{
   static const uint32_t no_end[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ),
   };
   REJECT(no_end, VS, "missing end token");
   static const uint32_t bad_end[] = { SM_VS(2, 0), 0x0001FFFF, SM_END };
   REJECT(bad_end, VS, "malformed end token");
   static const uint32_t len_past[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_MOV, 15), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_END,
   };
   REJECT(len_past, VS, "length running past the end");
   static const uint32_t len_long[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_MOV, 3), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ),
      SM_END,
   };
   REJECT(len_long, VS, "length longer than the operands");
   static const uint32_t len_short[] = {
      SM_PS(2, 0), SM_INSTR(D3DSIO_ADD, 2), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ), SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ),
      SM_END,
   };
   REJECT(len_short, PS, "length shorter than the operands");
   static const uint32_t param_first[] = {
      SM_VS(2, 0), SM_DST(D3DSPR_TEMP, 0, 0xf), SM_END,
   };
   REJECT(param_first, VS, "parameter token where an instruction goes");
   static const uint32_t src_no31[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_TEMP, 1, SM_NOSWZ) & ~0x80000000u, SM_END,
   };
   REJECT(src_no31, VS, "source token without bit 31");

   /* Register ranges. */
   static const struct { bool vs; unsigned maj, min, file, idx; bool dst; }
   range[] = {
      { true, 2, 0, D3DSPR_TEMP, 12, true },
      { true, 1, 1, D3DSPR_TEMP, 12, false },
      { true, 3, 0, D3DSPR_TEMP, 32, false },
      { true, 2, 0, D3DSPR_INPUT, 16, false },
      { true, 2, 0, D3DSPR_CONST, 256, false },
      { true, 2, 0, D3DSPR_OUTPUT, 8, true },
      { true, 2, 0, D3DSPR_ATTROUT, 2, true },
      { true, 2, 0, D3DSPR_RASTOUT, 3, true },
      { false, 1, 1, D3DSPR_TEMP, 2, true },
      { false, 1, 4, D3DSPR_TEMP, 6, false },
      { false, 2, 0, D3DSPR_TEMP, 12, false },
      { false, 3, 0, D3DSPR_TEMP, 32, false },
      { false, 1, 3, D3DSPR_CONST, 8, false },
      { false, 2, 0, D3DSPR_CONST, 32, false },
      { false, 2, 1, D3DSPR_CONST, 32, false },
      { false, 2, 0, D3DSPR_INPUT, 2, false },
      { false, 1, 1, D3DSPR_TEXTURE, 4, false },
      { false, 1, 4, D3DSPR_TEXTURE, 6, false },
      { false, 2, 0, D3DSPR_TEXTURE, 8, false },
      { false, 2, 0, D3DSPR_COLOROUT, 4, true },
      { false, 2, 0, D3DSPR_DEPTHOUT, 1, true },
   };
   for (unsigned i = 0; i < SM_COUNT(range); i++) {
      struct prog p;
      prog_init(&p, range[i].vs, range[i].maj, range[i].min);
      emit_op(&p, D3DSIO_MOV, 0, 2);
      if (range[i].dst) {
         emit(&p, SM_DST(range[i].file, range[i].idx, 0xf));
         emit(&p, SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ));
      } else {
         emit(&p, SM_DST(D3DSPR_TEMP, 0, 0xf));
         emit(&p, SM_SRC(range[i].file, range[i].idx, SM_NOSWZ));
      }
      emit(&p, SM_END);
      reject_(p.t, p.n, range[i].vs ? VS : PS, __FILE__, __LINE__,
              "register index out of range");
      /* One lower is fine. */
      p.t[range[i].dst ? 2 : 3] -= 1;
      struct d3dumd_sm_program prog;
      if (accept_(p.t, p.n, range[i].vs ? VS : PS, &prog, __FILE__, __LINE__))
         d3dumd_sm_program_fini(&prog);
   }
   static const uint32_t s16[] = {
      SM_PS(3, 0), SM_DCL(2), SM_DCL_SAMPLER(D3DSTT_2D),
      SM_DST(D3DSPR_SAMPLER, 16, 0xf), SM_END,
   };
   REJECT(s16, PS, "dcl s16");
   static const uint32_t vs_s4[] = {
      SM_VS(3, 0), SM_DCL(2), SM_DCL_SAMPLER(D3DSTT_2D),
      SM_DST(D3DSPR_SAMPLER, 4, 0xf), SM_END,
   };
   REJECT(vs_s4, VS, "dcl s4 in vs_3_0");
   static const uint32_t v10[] = {
      SM_PS(3, 0), SM_DCL(2), SM_DCL_USAGE(5, 0),
      SM_DST(D3DSPR_INPUT, 10, 0xf),
      SM_END,
   };
   REJECT(v10, PS, "dcl v10 in ps_3_0");
   static const uint32_t o12[] = {
      SM_VS(3, 0), SM_DCL(2), SM_DCL_USAGE(5, 0),
      SM_DST(D3DSPR_OUTPUT, 12, 0xf),
      SM_END,
   };
   REJECT(o12, VS, "dcl o12 in vs_3_0");
   static const uint32_t i16[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_REP, 1), SM_SRC(D3DSPR_CONSTINT, 16, 0),
      SM_INSTR(D3DSIO_ENDREP, 0), SM_END,
   };
   REJECT(i16, VS, "i16");
   /* m4x4 reads four consecutive registers. */
   static const uint32_t m4x4_c253[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_M4x4, 3), SM_DST(D3DSPR_TEMP, 0, 0xf),
      SM_SRC(D3DSPR_INPUT, 0, 0xe4), SM_SRC(D3DSPR_CONST, 253, 0xe4), SM_END,
   };
   REJECT(m4x4_c253, VS, "m4x4 reading c253-c256");
   static const uint32_t m3x3_r10[] = {
      SM_VS(1, 1), SM1_INSTR(D3DSIO_M3x3), SM_DST(D3DSPR_TEMP, 0, 0x7),
      SM_SRC(D3DSPR_INPUT, 0, 0xe4), SM_SRC(D3DSPR_TEMP, 10, 0xe4), SM_END,
   };
   REJECT(m3x3_r10, VS, "m3x3 reading r10-r12 in vs_1_1");

   /* Writes to read-only files, reads of write-only ones. */
#define DST_(f, i, m) SM_DST(D3DSPR_##f, i, m)
#define SRC_(f) SM_SRC(D3DSPR_##f, 0, SM_NOSWZ)
   static const struct { bool vs; unsigned maj, min; uint32_t dst, src; }
   access[] = {
      { true, 2, 0, DST_(CONST, 0, 0xf), SRC_(TEMP) },
      { true, 3, 0, DST_(INPUT, 0, 0xf), SRC_(TEMP) },
      { false, 2, 0, DST_(INPUT, 0, 0xf), SRC_(TEMP) },
      { false, 2, 0, DST_(TEXTURE, 0, 0xf), SRC_(TEMP) },
      { false, 2, 0, DST_(SAMPLER, 0, 0xf), SRC_(TEMP) },
      { false, 2, 0, DST_(TEMP, 0, 0xf), SRC_(COLOROUT) },
      { false, 2, 0, DST_(TEMP, 0, 0xf), SRC_(DEPTHOUT) },
      { true, 2, 0, DST_(TEMP, 0, 0xf), SRC_(OUTPUT) },
      { true, 2, 0, DST_(TEMP, 0, 0xf), SRC_(RASTOUT) },
      { true, 2, 0, DST_(TEMP, 0, 0xf), SRC_(ADDR) },
      { true, 2, 0, DST_(ADDR, 0, 0x1), SRC_(TEMP) },
      { true, 3, 0, DST_(ATTROUT, 0, 0xf), SRC_(TEMP) },
      { true, 2, 0, DST_(TEMP, 0, 0xf), SRC_(CONSTINT) },
      { true, 2, 1, DST_(PREDICATE, 0, 0xf), SRC_(TEMP) },
      { true, 2, 0, DST_(TEMP, 0, 0xf), SRC_(CONST2) },
      { true, 2, 0, DST_(TEMPFLOAT16, 0, 0xf), SRC_(TEMP) },
      { false, 3, 0, DST_(TEMP, 0, 0xf), SRC_(TEXTURE) },
      { false, 1, 1, DST_(COLOROUT, 0, 0xf), SRC_(TEMP) },
   };
#undef DST_
#undef SRC_
   for (unsigned i = 0; i < SM_COUNT(access); i++) {
      struct prog p;
      prog_init(&p, access[i].vs, access[i].maj, access[i].min);
      emit_op(&p, D3DSIO_MOV, 0, 2);
      emit(&p, access[i].dst);
      emit(&p, access[i].src);
      emit(&p, SM_END);
      reject_(p.t, p.n, access[i].vs ? VS : PS, __FILE__, __LINE__,
              "register file in the wrong direction");
   }
}

static void
flow_rejections(void)
{
   static const uint32_t no_endif[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_IF, 1), SM_SRC(D3DSPR_CONSTBOOL, 0, 0),
      SM_END,
   };
   REJECT(no_endif, VS, "if without endif");
   static const uint32_t endif_alone[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_ENDIF, 0), SM_END,
   };
   REJECT(endif_alone, VS, "endif without if");
   static const uint32_t else_alone[] = {
      SM_PS(2, 1), SM_INSTR(D3DSIO_ELSE, 0), SM_END,
   };
   REJECT(else_alone, PS, "else without if");
   static const uint32_t two_else[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_IF, 1), SM_SRC(D3DSPR_CONSTBOOL, 0, 0),
      SM_INSTR(D3DSIO_ELSE, 0), SM_INSTR(D3DSIO_ELSE, 0),
      SM_INSTR(D3DSIO_ENDIF, 0), SM_END,
   };
   REJECT(two_else, VS, "two else");
   static const uint32_t crossed[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_IF, 1), SM_SRC(D3DSPR_CONSTBOOL, 0, 0),
      SM_INSTR(D3DSIO_REP, 1), SM_SRC(D3DSPR_CONSTINT, 0, 0),
      SM_INSTR(D3DSIO_ENDIF, 0), SM_INSTR(D3DSIO_ENDREP, 0), SM_END,
   };
   REJECT(crossed, VS, "crossed if/rep");
   static const uint32_t loop_endrep[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_LOOP, 2), SM_ADDR_AL,
      SM_SRC(D3DSPR_CONSTINT, 0, 0), SM_INSTR(D3DSIO_ENDREP, 0), SM_END,
   };
   REJECT(loop_endrep, VS, "loop closed by endrep");
   static const uint32_t brk[] = {
      SM_VS(2, 1), SM_INSTR(D3DSIO_IF, 1), SM_SRC(D3DSPR_CONSTBOOL, 0, 0),
      SM_INSTR(D3DSIO_BREAK, 0), SM_INSTR(D3DSIO_ENDIF, 0), SM_END,
   };
   REJECT(brk, VS, "break outside a loop");
   static const uint32_t brkp[] = {
      SM_PS(2, 1), SM_INSTR(D3DSIO_BREAKP, 1), SM_P0, SM_END,
   };
   REJECT(brkp, PS, "breakp outside a loop");
   static const uint32_t call_undef[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_CALL, 1), SM_LABEL(5),
      SM_INSTR(D3DSIO_RET, 0), SM_INSTR(D3DSIO_LABEL, 1), SM_LABEL(4),
      SM_INSTR(D3DSIO_RET, 0), SM_END,
   };
   REJECT(call_undef, VS, "call to an undefined label");
   static const uint32_t label_first[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_LABEL, 1), SM_LABEL(0),
      SM_INSTR(D3DSIO_RET, 0), SM_END,
   };
   REJECT(label_first, VS, "label before the main ret");
   static const uint32_t after_ret[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_RET, 0), SM_INSTR(D3DSIO_MOV, 2),
      SM_DST(D3DSPR_TEMP, 0, 0xf), SM_SRC(D3DSPR_TEMP, 0, 0xe4), SM_END,
   };
   REJECT(after_ret, VS, "code after the main ret");
   static const uint32_t sub_open[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_RET, 0), SM_INSTR(D3DSIO_LABEL, 1),
      SM_LABEL(0), SM_END,
   };
   REJECT(sub_open, VS, "subroutine without ret");
   static const uint32_t label_twice[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_RET, 0),
      SM_INSTR(D3DSIO_LABEL, 1), SM_LABEL(0), SM_INSTR(D3DSIO_RET, 0),
      SM_INSTR(D3DSIO_LABEL, 1), SM_LABEL(0), SM_INSTR(D3DSIO_RET, 0),
      SM_END,
   };
   REJECT(label_twice, VS, "label defined twice");
   static const uint32_t ret_in_if[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_IF, 1), SM_SRC(D3DSPR_CONSTBOOL, 0, 0),
      SM_INSTR(D3DSIO_RET, 0), SM_INSTR(D3DSIO_ENDIF, 0), SM_END,
   };
   REJECT(ret_in_if, VS, "ret inside an if");
   static const uint32_t loop_bad[] = {
      SM_VS(2, 0), SM_INSTR(D3DSIO_LOOP, 2), SM_SRC(D3DSPR_CONSTINT, 0, 0),
      SM_SRC(D3DSPR_CONSTINT, 0, 0), SM_INSTR(D3DSIO_ENDLOOP, 0), SM_END,
   };
   REJECT(loop_bad, VS, "loop without aL");

   /* Nesting limits: 4 loops, D3DUMD_SM_MAX_NESTING ifs. */
   struct prog p;
   prog_init(&p, true, 2, 0);
   for (unsigned i = 0; i < 5; i++) {
      emit_op(&p, D3DSIO_REP, 0, 1);
      emit(&p, SM_SRC(D3DSPR_CONSTINT, 0, 0));
   }
   for (unsigned i = 0; i < 5; i++)
      emit_op(&p, D3DSIO_ENDREP, 0, 0);
   emit(&p, SM_END);
   reject_(p.t, p.n, VS, __FILE__, __LINE__, "five nested reps");

   prog_init(&p, false, 3, 0);
   for (unsigned i = 0; i < D3DUMD_SM_MAX_NESTING; i++) {
      emit_op(&p, D3DSIO_IF, 0, 1);
      emit(&p, SM_SRC(D3DSPR_CONSTBOOL, 0, 0));
   }
   for (unsigned i = 0; i < D3DUMD_SM_MAX_NESTING; i++)
      emit_op(&p, D3DSIO_ENDIF, 0, 0);
   emit(&p, SM_END);
   struct d3dumd_sm_program prog;
   if (accept_(p.t, p.n, PS, &prog, __FILE__, __LINE__)) {
      CHECK(prog.max_nesting == D3DUMD_SM_MAX_NESTING);
      d3dumd_sm_program_fini(&prog);
   }
   /* One deeper. */
   memmove(&p.t[3], &p.t[1], (p.n - 1) * 4);
   p.t[1] = SM_INSTR(D3DSIO_IF, 1);
   p.t[2] = SM_SRC(D3DSPR_CONSTBOOL, 0, 0);
   p.t[p.n + 1] = SM_INSTR(D3DSIO_ENDIF, 0);
   p.n += 2;
   p.t[p.n++] = SM_END;
   reject_(p.t, p.n, PS, __FILE__, __LINE__, "ifs nested too deep");
}

/* Junk never crashes the dumper, and the error buffer may be tiny. */
static void
robustness(void)
{
   static const uint32_t junk[] = {
      SM_PS(2, 0), SM_INSTR(D3DSIO_MOV, 15), 0xffffffff, SM_COMMENT(0x7fff),
      0x80000000, 0x00002000,
   };
   d3dumd_sm_dump_tokens(devnull, junk, sizeof(junk));
   d3dumd_sm_dump_tokens(devnull, junk, 3);
   d3dumd_sm_dump_tokens(devnull, NULL, 0);

   struct d3dumd_sm_program prog;
   char tiny[4];
   CHECK(!d3dumd_sm_read(junk, sizeof(junk), PS, &prog, tiny, sizeof(tiny)));
   CHECK(strlen(tiny) == 3);
   CHECK(!d3dumd_sm_read(junk, sizeof(junk), PS, &prog, NULL, 0));
   CHECK(!d3dumd_sm_read(NULL, 0, PS, &prog, tiny, sizeof(tiny)));
   CHECK(prog.instrs == NULL);
   d3dumd_sm_program_fini(&prog);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   devnull = fopen("/dev/null", "w");
   if (!devnull)
      piglit_skip("no /dev/null");

   SUBTEST("versions", versions());
   SUBTEST("opcodes", opcodes());
   SUBTEST("opcode-versions", opcode_versions());
   SUBTEST("modifiers", modifiers());
   SUBTEST("relative", relative());
   SUBTEST("predication", predication());
   SUBTEST("comments", comments());
   SUBTEST("declarations", declarations());
   SUBTEST("definitions", definitions());
   SUBTEST("sm1-lengths", sm1_lengths());
   SUBTEST("summaries", summaries());
   SUBTEST("truncation", truncation());
   SUBTEST("rejections", rejections());
   SUBTEST("flow-rejections", flow_rejections());
   SUBTEST("robustness", robustness());

   fclose(devnull);
   piglit_report(piglit_merged());
}

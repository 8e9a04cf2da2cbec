/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Disassembly of D3D9 shaders for D3DUMD_DEBUG=shader: decoded programs
 * in the D3D assembler's syntax, and raw tokens for the programs the
 * reader rejected.  The raw dump trusts nothing in the tokens: it reads
 * at most size / 4 dwords, and a length or comment size that runs past
 * them only changes how the remaining tokens are labelled.
 */

#include <inttypes.h>
#include <string.h>

#include "d3d9types.h"
#include "d3dumd_sm.h"

struct dump_ctx {
   FILE *f;
   bool vs;
   unsigned major, minor;
};

static const char *
reg_prefix(const struct dump_ctx *d, unsigned file, unsigned index)
{
   switch (file) {
   case D3DSPR_TEMP:       return "r";
   case D3DSPR_INPUT:      return "v";
   case D3DSPR_CONST:      return "c";
   case D3DSPR_ADDR:       return d->vs ? "a" : "t";
   case D3DSPR_RASTOUT:
      return index == 0 ? "oPos" : index == 1 ? "oFog" :
             index == 2 ? "oPts" : "oRast";
   case D3DSPR_ATTROUT:    return "oD";
   case D3DSPR_OUTPUT:     return d->vs && d->major >= 3 ? "o" : "oT";
   case D3DSPR_CONSTINT:   return "i";
   case D3DSPR_COLOROUT:   return "oC";
   case D3DSPR_DEPTHOUT:   return "oDepth";
   case D3DSPR_SAMPLER:    return "s";
   case D3DSPR_CONST2:     return "c2_";
   case D3DSPR_CONST3:     return "c3_";
   case D3DSPR_CONST4:     return "c4_";
   case D3DSPR_CONSTBOOL:  return "b";
   case D3DSPR_LOOP:       return "aL";
   case D3DSPR_TEMPFLOAT16: return "h";
   case D3DSPR_MISCTYPE:
      return index == 0 ? "vPos" : index == 1 ? "vFace" : "vMisc";
   case D3DSPR_LABEL:      return "l";
   case D3DSPR_PREDICATE:  return "p";
   default:                return "?";
   }
}

/* Registers written without an index: oPos, oDepth, aL, vPos, ... */
static bool
reg_has_index(unsigned file, unsigned index)
{
   switch (file) {
   case D3DSPR_RASTOUT:
      return index > 2;
   case D3DSPR_MISCTYPE:
      return index > 1;
   case D3DSPR_DEPTHOUT:
   case D3DSPR_LOOP:
      return index != 0;
   default:
      return true;
   }
}

static void
print_reg(const struct dump_ctx *d, const struct d3dumd_sm_reg *reg)
{
   static const char comp[] = "xyzw";
   const char *p = reg_prefix(d, reg->file, reg->index);

   if (!reg->relative) {
      if (reg_has_index(reg->file, reg->index))
         fprintf(d->f, "%s%u", p, reg->index);
      else
         fprintf(d->f, "%s", p);
      return;
   }
   fprintf(d->f, "%s[", p);
   if (reg->rel_file == D3DSPR_LOOP)
      fprintf(d->f, "aL");
   else
      fprintf(d->f, "a%u.%c", reg->rel_index, comp[reg->rel_component & 3]);
   if (reg->index)
      fprintf(d->f, "+%u", reg->index);
   fprintf(d->f, "]");
}

static void
print_mask(const struct dump_ctx *d, unsigned mask)
{
   static const char comp[] = "xyzw";
   if (mask == 0xf)
      return;
   fputc('.', d->f);
   for (unsigned i = 0; i < 4; i++) {
      if (mask & (1u << i))
         fputc(comp[i], d->f);
   }
}

static void
print_swizzle(const struct dump_ctx *d, const uint8_t swz[4])
{
   static const char comp[] = "xyzw";
   if (swz[0] == 0 && swz[1] == 1 && swz[2] == 2 && swz[3] == 3)
      return;
   fputc('.', d->f);
   if (swz[0] == swz[1] && swz[0] == swz[2] && swz[0] == swz[3]) {
      fputc(comp[swz[0] & 3], d->f);
      return;
   }
   for (unsigned i = 0; i < 4; i++)
      fputc(comp[swz[i] & 3], d->f);
}

static void
print_src(const struct dump_ctx *d, const struct d3dumd_sm_src *s)
{
   const char *pre = "", *post = "";

   switch (s->mod) {
   case D3DUMD_SM_SRCMOD_NEG:     pre = "-"; break;
   case D3DUMD_SM_SRCMOD_BIAS:    post = "_bias"; break;
   case D3DUMD_SM_SRCMOD_BIASNEG: pre = "-"; post = "_bias"; break;
   case D3DUMD_SM_SRCMOD_SIGN:    post = "_bx2"; break;
   case D3DUMD_SM_SRCMOD_SIGNNEG: pre = "-"; post = "_bx2"; break;
   case D3DUMD_SM_SRCMOD_COMP:    pre = "1-"; break;
   case D3DUMD_SM_SRCMOD_X2:      post = "_x2"; break;
   case D3DUMD_SM_SRCMOD_X2NEG:   pre = "-"; post = "_x2"; break;
   case D3DUMD_SM_SRCMOD_DZ:      post = "_dz"; break;
   case D3DUMD_SM_SRCMOD_DW:      post = "_dw"; break;
   case D3DUMD_SM_SRCMOD_ABS:     post = "_abs"; break;
   case D3DUMD_SM_SRCMOD_ABSNEG:  pre = "-"; post = "_abs"; break;
   case D3DUMD_SM_SRCMOD_NOT:     pre = "!"; break;
   default: break;
   }
   fputs(pre, d->f);
   print_reg(d, &s->reg);
   /* The assembler writes the modifier suffix before the swizzle. */
   fputs(post, d->f);
   if (s->reg.file != D3DSPR_LABEL && s->reg.file != D3DSPR_SAMPLER &&
       s->reg.file != D3DSPR_CONSTINT && s->reg.file != D3DSPR_CONSTBOOL &&
       s->reg.file != D3DSPR_LOOP)
      print_swizzle(d, s->swizzle);
}

static void
print_dst_mods(const struct dump_ctx *d, const struct d3dumd_sm_dst *dst)
{
   static const char *const shifts[] = { "_d8", "_d4", "_d2", "", "_x2",
                                         "_x4", "_x8" };
   if (dst->shift >= -3 && dst->shift <= 3)
      fputs(shifts[dst->shift + 3], d->f);
   if (dst->saturate)
      fputs("_sat", d->f);
   if (dst->partial_precision)
      fputs("_pp", d->f);
   if (dst->centroid)
      fputs("_centroid", d->f);
}

static const char *
comparison_name(unsigned c)
{
   static const char *const names[] = { "_?", "_gt", "_eq", "_ge", "_lt",
                                        "_ne", "_le", "_?" };
   return names[c & 7];
}

static const char *
usage_name(unsigned usage)
{
   static const char *const names[] = {
      "position", "blendweight", "blendindices", "normal", "psize",
      "texcoord", "tangent", "binormal", "tessfactor", "positiont",
      "color", "fog", "depth", "sample",
   };
   return usage < sizeof(names) / sizeof(names[0]) ? names[usage] : "usage?";
}

static void
print_float(FILE *f, uint32_t bits)
{
   float v;
   memcpy(&v, &bits, sizeof(v));
   fprintf(f, "%g", (double)v);
}

/* The instruction's name as this version's assembler spells it. */
static const char *
instr_name(const struct dump_ctx *d, const struct d3dumd_sm_instr *in)
{
   switch (in->opcode) {
   case D3DSIO_TEX:
      if (d->major < 2)
         return d->minor < 4 ? "tex" : "texld";
      return in->control == 1 ? "texldp" : in->control == 2 ? "texldb"
                                                            : "texld";
   case D3DSIO_TEXCOORD:
      return d->major == 1 && d->minor == 4 ? "texcrd" : "texcoord";
   case D3DSIO_IFC:
      return "if";
   case D3DSIO_BREAKC:
      return "break";
   default: {
      const char *n = d3dumd_sm_opcode_name(in->opcode);
      return n ? n : "???";
   }
   }
}

static void
print_dcl(const struct dump_ctx *d, const struct d3dumd_sm_instr *in)
{
   FILE *f = d->f;
   const struct d3dumd_sm_dst *dst = &in->dst;

   fputs("dcl", f);
   switch (dst->reg.file) {
   case D3DSPR_SAMPLER: {
      static const char *const types[] = { "_unknown", "_1d", "_2d",
                                           "_cube", "_volume" };
      fputs(in->dcl_texture_type < 5 ? types[in->dcl_texture_type]
                                     : "_unknown", f);
      fputc(' ', f);
      print_reg(d, &dst->reg);
      return;
   }
   case D3DSPR_INPUT:
   case D3DSPR_OUTPUT:
      /* ps_2_x v# take their usage from the file. */
      if (d->vs || d->major >= 3) {
         fprintf(f, "_%s", usage_name(in->dcl_usage));
         if (in->dcl_usage_index)
            fprintf(f, "%u", in->dcl_usage_index);
      }
      break;
   default:
      break;
   }
   print_dst_mods(d, dst);
   fputc(' ', f);
   print_reg(d, &dst->reg);
   print_mask(d, dst->write_mask);
}

static void
print_instr(const struct dump_ctx *d, const struct d3dumd_sm_instr *in)
{
   FILE *f = d->f;

   if (in->coissue)
      fputc('+', f);
   if (in->predicated) {
      fputc('(', f);
      print_src(d, &in->predicate);
      fputs(") ", f);
   }
   if (in->opcode == D3DSIO_DCL) {
      print_dcl(d, in);
      return;
   }

   fputs(instr_name(d, in), f);
   if (in->opcode == D3DSIO_IFC || in->opcode == D3DSIO_BREAKC ||
       in->opcode == D3DSIO_SETP)
      fputs(comparison_name(in->control), f);
   if (in->has_dst)
      print_dst_mods(d, &in->dst);

   const char *sep = " ";
   if (in->has_dst) {
      fputs(sep, f);
      print_reg(d, &in->dst.reg);
      print_mask(d, in->dst.write_mask);
      sep = ", ";
   }

   switch (in->opcode) {
   case D3DSIO_DEF:
      for (unsigned i = 0; i < 4; i++) {
         fputs(", ", f);
         print_float(f, in->imm[i]);
      }
      return;
   case D3DSIO_DEFI:
      for (unsigned i = 0; i < 4; i++)
         fprintf(f, ", %" PRId32, (int32_t)in->imm[i]);
      return;
   case D3DSIO_DEFB:
      fprintf(f, ", %s", in->imm[0] ? "true" : "false");
      return;
   default:
      break;
   }

   for (unsigned i = 0; i < in->num_srcs && i < D3DUMD_SM_MAX_SRCS; i++) {
      fputs(sep, f);
      print_src(d, &in->src[i]);
      sep = ", ";
   }
}

static bool
closes_block(unsigned opcode)
{
   return opcode == D3DSIO_ENDIF || opcode == D3DSIO_ENDLOOP ||
          opcode == D3DSIO_ENDREP || opcode == D3DSIO_ELSE;
}

static bool
opens_block(unsigned opcode)
{
   return opcode == D3DSIO_IF || opcode == D3DSIO_IFC ||
          opcode == D3DSIO_LOOP || opcode == D3DSIO_REP ||
          opcode == D3DSIO_ELSE;
}

static void
print_version(FILE *f, bool vs, unsigned major, unsigned minor)
{
   if (major == 2 && minor == 1)
      fprintf(f, "%s_2_x", vs ? "vs" : "ps");
   else
      fprintf(f, "%s_%u_%u", vs ? "vs" : "ps", major, minor);
}

void
d3dumd_sm_dump(FILE *f, const struct d3dumd_sm_program *prog)
{
   const struct dump_ctx d = {
      .f = f,
      .vs = prog->type == D3DUMD_SM_VERTEX,
      .major = prog->major,
      .minor = prog->minor,
   };
   unsigned depth = 0;

   print_version(f, d.vs, d.major, d.minor);
   fputc('\n', f);
   for (unsigned i = 0; i < prog->num_instrs; i++) {
      const struct d3dumd_sm_instr *in = &prog->instrs[i];
      if (closes_block(in->opcode) && depth)
         depth--;
      for (unsigned k = 0; k < depth + 1; k++)
         fputs("   ", f);
      print_instr(&d, in);
      fputc('\n', f);
      if (opens_block(in->opcode))
         depth++;
   }
}

/*
 * Raw tokens.  Only the token layouts are trusted, never their values:
 * operands are labelled by position (SM2+ lengths, SM1 bit 31), and a
 * parameter is shown as a register with its raw modifier bits.
 */
static void
print_param(const struct dump_ctx *d, uint32_t tok)
{
   unsigned file = ((tok & D3DSP_REGTYPE_MASK) >> D3DSP_REGTYPE_SHIFT) |
                   ((tok & D3DSP_REGTYPE_MASK2) >> D3DSP_REGTYPE_SHIFT2);
   unsigned index = tok & D3DSP_REGNUM_MASK;
   fprintf(d->f, "%s%u  bits16-23=0x%02x bits24-27=0x%x%s",
           reg_prefix(d, file, index), index, (tok >> 16) & 0xff,
           (tok >> 24) & 0xf, tok & 0x2000 ? " relative" : "");
}

static bool
opcode_has_dst(unsigned opcode)
{
   switch (opcode) {
   case D3DSIO_NOP: case D3DSIO_CALL: case D3DSIO_CALLNZ: case D3DSIO_LOOP:
   case D3DSIO_RET: case D3DSIO_ENDLOOP: case D3DSIO_LABEL: case D3DSIO_REP:
   case D3DSIO_ENDREP: case D3DSIO_IF: case D3DSIO_IFC: case D3DSIO_ELSE:
   case D3DSIO_ENDIF: case D3DSIO_BREAK: case D3DSIO_BREAKC:
   case D3DSIO_BREAKP: case D3DSIO_PHASE:
      return false;
   default:
      return true;
   }
}

void
d3dumd_sm_dump_tokens(FILE *f, const uint32_t *code, size_t size)
{
   const size_t n = code ? size / 4 : 0;

   fprintf(f, "%zu dwords\n", n);
   if (!n)
      return;

   const uint32_t ver = code[0];
   struct dump_ctx d = {
      .f = f,
      .vs = (ver >> 16) == 0xfffe,
      .major = (ver >> 8) & 0xff,
      .minor = ver & 0xff,
   };
   const bool known = (ver >> 16) == 0xfffe || (ver >> 16) == 0xffff;
   fprintf(f, "%6u: %08" PRIx32 "  ", 0u, ver);
   if (known)
      print_version(f, d.vs, d.major, d.minor);
   else
      fputs("(not a version token)", f);
   fputc('\n', f);

   const bool sm2 = known && d.major >= 2;
   size_t i = 1;
   while (i < n) {
      uint32_t tok = code[i];
      fprintf(f, "%6zu: %08" PRIx32 "  ", i, tok);

      if (tok == 0x0000ffff) {
         fputs("end\n", f);
         i++;
         break;
      }
      if (tok & 0x80000000u) {
         fputs("  parameter ", f);
         print_param(&d, tok);
         fputc('\n', f);
         i++;
         continue;
      }

      unsigned opcode = tok & 0xffff;
      if (opcode == D3DSIO_COMMENT) {
         size_t len = (tok >> 16) & 0x7fff;
         fprintf(f, "comment, %zu dwords%s\n", len,
                 len > n - i - 1 ? " (past the end)" : "");
         i += 1 + (len > n - i - 1 ? n - i - 1 : len);
         continue;
      }

      const char *name = d3dumd_sm_opcode_name(opcode);
      fprintf(f, "%s", name ? name : "(unknown opcode)");
      if ((tok >> 16) & 0xff)
         fprintf(f, " control=0x%02x", (tok >> 16) & 0xff);
      if (tok & 0x10000000u)
         fputs(" predicated", f);
      if (tok & 0x40000000u)
         fputs(" coissue", f);

      /* The operand count: SM2+ from the length, SM1 from the few
       * opcodes whose operands are not all parameter tokens. */
      size_t len;
      if (sm2) {
         len = (tok >> 24) & 0xf;
         fprintf(f, " length=%zu", len);
      } else {
         len = opcode == D3DSIO_DEF ? 5 : opcode == D3DSIO_DCL ? 2 : 0;
      }
      if (len > n - i - 1) {
         fputs(" (past the end)", f);
         len = n - i - 1;
      }
      fputc('\n', f);
      i++;

      size_t first = i;
      bool dst = opcode_has_dst(opcode);
      bool pred = tok & 0x10000000u;
      for (; i < first + len; i++) {
         uint32_t op = code[i];
         size_t k = i - first;
         fprintf(f, "%6zu: %08" PRIx32 "    ", i, op);
         if (opcode == D3DSIO_DCL && k == 0) {
            fputs("dcl token\n", f);
            continue;
         }
         if ((opcode == D3DSIO_DEF || opcode == D3DSIO_DEFI ||
              opcode == D3DSIO_DEFB) && k > 0) {
            fputs("immediate\n", f);
            continue;
         }
         const char *what;
         if (dst) {
            what = "dst";
            dst = false;
         } else if (pred) {
            what = "predicate";
            pred = false;
         } else {
            what = "src";
         }
         fprintf(f, "%s ", what);
         print_param(&d, op);
         fputc('\n', f);
         /* SM2+ relative addressing: the address token follows. */
         if (sm2 && (op & 0x2000) && i + 1 < first + len) {
            i++;
            fprintf(f, "%6zu: %08" PRIx32 "    address ", i, code[i]);
            print_param(&d, code[i]);
            fputc('\n', f);
         }
      }
   }
   if (i < n)
      fprintf(f, "%zu dwords after the end token\n", n - i);
}

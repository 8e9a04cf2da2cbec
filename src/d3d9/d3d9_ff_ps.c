/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The fixed-function pixel shader (d3d9_ff.h): the eight texture stages
 * as ps_2_0 bytecode, one shader per state key, cached.
 *
 * What the stages do (D3DTEXTUREOP, D3DTA) follows the reference and, where
 * it is silent, what Wine's d3d9 visual tests expect (wined3d's and Nine's
 * fixed-function fragment pipelines were read for that, not copied):
 *
 *   - The stages end at the first DISABLE COLOROP; stage 0 disabled gives
 *     the diffuse colour.  An ALPHAOP of DISABLE leaves the alpha of the
 *     result register as it was.
 *   - A stage with no texture bound whose op reads TEXTURE through one of
 *     its arguments becomes SELECTARG1(CURRENT), colour and alpha each on
 *     their own (wined3d's rule); a texture read the op makes itself
 *     (BLENDTEXTUREALPHA) sees (0, 0, 0, 1), what an unbound sampler
 *     gives.
 *   - DOTPRODUCT3 as the colour op writes all four components: the alpha
 *     op is not run.  BUMPENVMAP(LUMINANCE) stages write no result; they
 *     displace the next stage's coordinates by the 2x2 matrix times their
 *     texture's (du, dv), and the luminance variant scales the next
 *     stage's sample by saturate(l * LSCALE + LOFFSET), l being blue.
 *   - PREMODULATE selects ARG1, and the next stage's CURRENT is that
 *     result times the next stage's texture.
 *   - The last stage always writes CURRENT; stage 0 with a TEMP result and
 *     ALPHAOP DISABLE gives TEMP the diffuse alpha (Nine's findings on
 *     Windows).  TEMP starts at 0.
 *   - Results saturate where D3D's ops leave [0, 1] (the sums, the scaled
 *     products, MULTIPLYADD, DOTPRODUCT3); selections, MODULATE, the blends
 *     and LERP stay as computed.
 *   - SPECULARENABLE adds the specular colour's rgb at the end.
 *   - Stage s samples t<s> for the fixed-function vertex shader (which
 *     writes each stage's coordinates, TEXCOORDINDEX applied, to oT<s>) and
 *     for a program's vertex shader; for pre-transformed vertices the
 *     driver passes the declaration's TEXCOORDn straight to tn, so the
 *     stage samples t<TEXCOORDINDEX>.
 *   - D3DTTFF_PROJECTED divides by the last of the D3DTTFF_COUNTn
 *     components (texldp for four), with Nine's rules for counts of 0,
 *     1 or past the vertex's coordinates; cube maps are not divided.
 *
 * Fog, alpha test, sRGB writes and point sprites stay the driver's
 * (DESIGN.md, Rendering).
 *
 * Limits: ps_2_0 has 12 temporaries (the layout below uses them all),
 * 64 arithmetic slots and four levels of dependent reads.  Eight stages
 * of complemented three-argument ops, or a chain of more than three bump
 * stages, go past those: such a shader is emitted as ps_2_x (version
 * token 2.1), whose limits are the driver's caps (512 slots and no
 * dependent-read limit with pixel shader 3.0; NumInstructionSlots
 * otherwise), the same program otherwise.
 */

#include <stdlib.h>
#include <string.h>

#include "d3d9_bytecode.h"
#include "d3d9_ff.h"
#include "d3d9_shader.h"
#include "d3d9_texture.h"

/* ------------------------------------------------------------------ */
/* The state key                                                        */

enum ff_tex {
   FF_TEX_NONE,
   FF_TEX_2D,
   FF_TEX_CUBE,
   FF_TEX_VOLUME,
};

struct ff_ps_stage {
   BYTE cop, aop;       /* D3DTOP_*; SELECTARG2 is stored as SELECTARG1 */
   BYTE carg[3];        /* D3DTA_* with modifiers, [0] = ARG0; 0 unused */
   BYTE aarg[3];
   BYTE result_temp;    /* RESULTARG is TEMP */
   BYTE tex;            /* enum ff_tex: what the stage samples (NONE: no
                         * sample, or nothing bound) */
   BYTE coord;          /* the t register its coordinates are in */
   BYTE project;        /* 0, or n: divide by component n - 1 */
};

/* memcmp-able: built zeroed, bytes only. */
struct ff_ps_key {
   struct ff_ps_stage stages[D3D9_TEXTURE_STAGES];
   BYTE num_stages;
   BYTE specular;       /* SPECULARENABLE */
   /* Pre-transformed vertices without COLOR0 / COLOR1: D3D9's white
    * diffuse and black specular (the driver leaves the inputs unset). */
   BYTE no_diffuse, no_specular;
};

/* ------------------------------------------------------------------ */
/* Registers                                                            */

/* Constants: what bind sends (c0-c22), and the shader's own defs. */
#define C_TFACTOR      0
#define C_CONSTANT(s)  (1 + (s))    /* D3DTSS_CONSTANT, stages 0-7 */
#define C_BUMP0(s)     (9 + (s))    /* (MAT00, MAT10, LSCALE, LOFFSET) */
#define C_BUMP1(s)     (16 + (s))   /* (MAT01, MAT11, 0, 0), stages 0-6 */
#define NUM_UNIFORMS   23
#define C_ZERO         28           /* def (0, 0, 0, 0) */
#define C_NO_TEXTURE   29           /* def (0, 0, 0, 1) */
#define C_K            30           /* def (1, 0.5, 2, 4) */
#define C_ONE          31           /* def (1, 1, 1, 1) */

/* Temporaries. */
#define R_CUR          0
#define R_TEMP         1
#define R_TEX(s)       (2 + ((s) & 1))   /* stage s's sample; s - 1's
                                          * stays for the bump */
#define R_ARG(i)       (4 + (i))         /* complemented arguments */
#define R_S0           7                 /* op scratch */
#define R_S1           8
#define R_COORD        9                 /* computed coordinates */
#define R_PREMOD       10                /* CURRENT after PREMODULATE */
#define R_ALPHA        11                /* a DOTPRODUCT3 alpha result */

#define MASK_RGB (D3DSP_WRITEMASK_0 | D3DSP_WRITEMASK_1 | D3DSP_WRITEMASK_2)
#define MASK_A   D3DSP_WRITEMASK_3
#define MASK_ALL D3DSP_WRITEMASK_ALL

#define ARG0 1
#define ARG1 2
#define ARG2 4

/* Which of ARG0-2 an op reads. */
static BYTE
op_args(unsigned op)
{
   switch (op) {
   case D3DTOP_DISABLE:
   case D3DTOP_BUMPENVMAP:
   case D3DTOP_BUMPENVMAPLUMINANCE:
      return 0;
   case D3DTOP_SELECTARG1:
   case D3DTOP_PREMODULATE:
      return ARG1;
   case D3DTOP_SELECTARG2:
      return ARG2;
   case D3DTOP_MULTIPLYADD:
   case D3DTOP_LERP:
      return ARG0 | ARG1 | ARG2;
   default:
      return ARG1 | ARG2;
   }
}

static BOOL
op_valid(DWORD op)
{
   return op >= D3DTOP_DISABLE && op <= D3DTOP_LERP;
}

static BOOL
is_bump(unsigned op)
{
   return op == D3DTOP_BUMPENVMAP || op == D3DTOP_BUMPENVMAPLUMINANCE;
}

static BOOL
reads_texture(const BYTE arg[3])
{
   for (unsigned i = 0; i < 3; i++)
      if ((arg[i] & D3DTA_SELECTMASK) == D3DTA_TEXTURE)
         return TRUE;
   return FALSE;
}

/* The arguments OP reads, from the stage's three states; 0 elsewhere. */
static void
stage_args(const DWORD *tss, unsigned op, D3DTEXTURESTAGESTATETYPE a0,
           D3DTEXTURESTAGESTATETYPE a1, D3DTEXTURESTAGESTATETYPE a2,
           BYTE arg[3])
{
   const BYTE used = op_args(op);
   arg[0] = used & ARG0 ? tss[a0] & 0x3f : 0;
   arg[1] = used & ARG1 ? tss[a1] & 0x3f : 0;
   arg[2] = used & ARG2 ? tss[a2] & 0x3f : 0;
   for (unsigned i = 0; i < 3; i++) {
      if ((arg[i] & D3DTA_SELECTMASK) > D3DTA_CONSTANT)
         arg[i] = (arg[i] & ~D3DTA_SELECTMASK) | D3DTA_CURRENT;
   }
}

/* With no texture bound, an op whose arguments read TEXTURE becomes
 * SELECTARG1(CURRENT). */
static void
drop_texture_read(BYTE *op, BYTE arg[3])
{
   if (!reads_texture(arg))
      return;
   *op = D3DTOP_SELECTARG1;
   arg[0] = arg[2] = 0;
   arg[1] = D3DTA_CURRENT;
}

/* SELECTARG2 as SELECTARG1, so equal selections compare equal. */
static void
canonical_select(BYTE *op, BYTE arg[3])
{
   if (*op != D3DTOP_SELECTARG2)
      return;
   *op = D3DTOP_SELECTARG1;
   arg[1] = arg[2];
   arg[2] = 0;
}

static enum ff_tex
texture_type(IDirect3DBaseTexture9 *iface)
{
   const struct d3d9_texture *t = d3d9_texture_from_base(iface);
   if (!t)
      return FF_TEX_NONE;
   switch (t->type) {
   case D3DRTYPE_CUBETEXTURE: return FF_TEX_CUBE;
   case D3DRTYPE_VOLUMETEXTURE: return FF_TEX_VOLUME;
   default: return FF_TEX_2D;
   }
}

static unsigned
decl_type_dims(BYTE type)
{
   switch (type) {
   case D3DDECLTYPE_FLOAT1: return 1;
   case D3DDECLTYPE_FLOAT2: case D3DDECLTYPE_SHORT2:
   case D3DDECLTYPE_SHORT2N: case D3DDECLTYPE_USHORT2N:
   case D3DDECLTYPE_FLOAT16_2: return 2;
   case D3DDECLTYPE_FLOAT3: case D3DDECLTYPE_UDEC3:
   case D3DDECLTYPE_DEC3N: return 3;
   default: return 4;
   }
}

/* What the declaration feeds: texture coordinate sets' sizes, colours. */
struct decl_info {
   BOOL pretransformed;
   BOOL color[2];
   BYTE texcoord_dims[8];   /* 0: the set is missing */
};

static void
get_decl_info(const struct d3d9_state *state, struct decl_info *info)
{
   memset(info, 0, sizeof(*info));
   const struct d3d9_shader *decl = d3d9_shader_from_iface(state->decl);
   if (!decl)
      return;
   for (const D3DVERTEXELEMENT9 *e = decl->data; e->Stream != 0xff; e++) {
      if (e->Usage == D3DDECLUSAGE_POSITIONT && e->UsageIndex == 0)
         info->pretransformed = TRUE;
      else if (e->Usage == D3DDECLUSAGE_COLOR && e->UsageIndex < 2)
         info->color[e->UsageIndex] = TRUE;
      else if (e->Usage == D3DDECLUSAGE_TEXCOORD && e->UsageIndex < 8 &&
               !info->texcoord_dims[e->UsageIndex])
         info->texcoord_dims[e->UsageIndex] = decl_type_dims(e->Type);
   }
   /* A program's vertex shader draws whatever the declaration says. */
   if (state->vs)
      info->pretransformed = FALSE;
}

/* D3DTTFF_PROJECTED: the component count whose last divides (0: none).
 * A program's vertex shader: w.  Otherwise COUNTn, where a count of 0 or
 * past 4 means the vertex's own size for passed-through coordinates and
 * 4 for generated ones; one component, or more than a passed-through set
 * has, is not divided (Nine's findings). */
static BYTE
stage_projection(const struct d3d9_state *state,
                 const struct decl_info *info, unsigned s, enum ff_tex tex)
{
   const DWORD ttff = state->tss[s][D3DTSS_TEXTURETRANSFORMFLAGS];
   if (!(ttff & D3DTTFF_PROJECTED) || tex == FF_TEX_CUBE)
      return 0;
   if (state->vs)
      return 4;
   const DWORD tci = state->tss[s][D3DTSS_TEXCOORDINDEX];
   const BOOL passthru = info->pretransformed ||
                         (tci & 0xffff0000) == D3DTSS_TCI_PASSTHRU;
   const unsigned set = MIN(tci & 0xffff, 7);
   const unsigned have = info->texcoord_dims[set];
   unsigned dim = ttff & 0xff;
   if (!dim || dim > 4)
      dim = passthru ? have : 4;
   if (dim <= 1 || (passthru && dim > have))
      return 0;
   return dim;
}

static void
build_key(const struct d3d9_device *device, struct ff_ps_key *key)
{
   const struct d3d9_state *state = &device->state;
   struct decl_info info;
   unsigned s;

   memset(key, 0, sizeof(*key));
   get_decl_info(state, &info);

   for (s = 0; s < D3D9_TEXTURE_STAGES; s++) {
      const DWORD *tss = state->tss[s];
      struct ff_ps_stage *st = &key->stages[s];
      const DWORD cop = tss[D3DTSS_COLOROP];
      if (!op_valid(cop) || cop == D3DTOP_DISABLE)
         break;
      DWORD aop = tss[D3DTSS_ALPHAOP];
      if (!op_valid(aop))
         aop = D3DTOP_DISABLE;
      const enum ff_tex tex = texture_type(state->textures[s]);

      st->cop = cop;
      stage_args(tss, cop, D3DTSS_COLORARG0, D3DTSS_COLORARG1,
                 D3DTSS_COLORARG2, st->carg);
      if (!tex)
         drop_texture_read(&st->cop, st->carg);
      if (st->cop == D3DTOP_DOTPRODUCT3) {
         st->aop = st->cop;
         memcpy(st->aarg, st->carg, sizeof(st->aarg));
      } else if (is_bump(st->cop)) {
         st->aop = D3DTOP_DISABLE;   /* a bump stage writes nothing */
      } else {
         st->aop = aop;
         stage_args(tss, aop, D3DTSS_ALPHAARG0, D3DTSS_ALPHAARG1,
                    D3DTSS_ALPHAARG2, st->aarg);
         if (!tex)
            drop_texture_read(&st->aop, st->aarg);
      }
      canonical_select(&st->cop, st->carg);
      canonical_select(&st->aop, st->aarg);
      st->result_temp = !is_bump(st->cop) &&
                        (tss[D3DTSS_RESULTARG] & D3DTA_SELECTMASK) ==
                        D3DTA_TEMP;

      const BOOL premod = s > 0 &&
                          (key->stages[s - 1].cop == D3DTOP_PREMODULATE ||
                           key->stages[s - 1].aop == D3DTOP_PREMODULATE);
      const BOOL samples =
         reads_texture(st->carg) || reads_texture(st->aarg) ||
         st->cop == D3DTOP_BLENDTEXTUREALPHA ||
         st->cop == D3DTOP_BLENDTEXTUREALPHAPM ||
         st->aop == D3DTOP_BLENDTEXTUREALPHA ||
         st->aop == D3DTOP_BLENDTEXTUREALPHAPM ||
         is_bump(st->cop) || premod;
      if (tex && samples) {
         st->tex = tex;
         st->coord = info.pretransformed ?
                     MIN(tss[D3DTSS_TEXCOORDINDEX] & 0xffff, 7) : s;
         st->project = stage_projection(state, &info, s, tex);
      }
   }
   key->num_stages = s;

   if (s > 0) {
      /* The result is CURRENT after the last stage. */
      key->stages[s - 1].result_temp = 0;
      struct ff_ps_stage *first = &key->stages[0];
      if (first->result_temp && first->aop == D3DTOP_DISABLE) {
         first->aop = D3DTOP_SELECTARG1;
         first->aarg[1] = D3DTA_DIFFUSE;
      }
   }

   key->specular = state->rs[D3DRS_SPECULARENABLE] != 0;
   if (info.pretransformed) {
      key->no_diffuse = !info.color[0];
      key->no_specular = !info.color[1];
   }
}

/* ------------------------------------------------------------------ */
/* Emitting                                                             */

struct gen {
   struct d3d9_bytecode bc;
   const struct ff_ps_key *key;
   unsigned alu;                /* arithmetic slots */
   unsigned depth[D3D9_TEXTURE_STAGES];   /* dependent-read level */
   BOOL needs_2x;               /* past ps_2_0's limits */
   BOOL premod;                 /* this stage's CURRENT is R_PREMOD */
   BOOL use_diffuse, use_specular;
   BYTE use_tcoord, use_sampler;
};

static DWORD
src_reg(D3DSHADER_PARAM_REGISTER_TYPE type, unsigned num)
{
   return d3d9_bc_src(type, num, D3DSP_NOSWIZZLE, 0);
}

static DWORD
temp(unsigned num)
{
   return src_reg(D3DSPR_TEMP, num);
}

static DWORD
cnst(unsigned num)
{
   return src_reg(D3DSPR_CONST, num);
}

/* Component COMP of S (through its swizzle), replicated. */
static DWORD
rep(DWORD s, unsigned comp)
{
   const unsigned c = (s >> (D3DSP_SWIZZLE_SHIFT + 2 * comp)) & 3;
   return (s & ~D3DSP_SWIZZLE_MASK) | d3d9_bc_swizzle(c, c, c, c);
}

static DWORD
neg(DWORD s)
{
   return (s & ~D3DSP_SRCMOD_MASK) | D3DSPSM_NEG;
}

static DWORD
dst_temp(unsigned num, DWORD mask)
{
   return d3d9_bc_dst(D3DSPR_TEMP, num, mask, 0);
}

static DWORD
sat(DWORD dst)
{
   return dst | D3DSPDM_SATURATE;
}

static void
alu(struct gen *g, D3DSHADER_INSTRUCTION_OPCODE_TYPE op, DWORD dst,
    UINT nsrc, DWORD s0, DWORD s1, DWORD s2)
{
   d3d9_bc_alu(&g->bc, op, dst, nsrc, s0, s1, s2);
   /* ps_2_0's slot counts: lrp and dp2add take two. */
   g->alu += op == D3DSIO_LRP || op == D3DSIO_DP2ADD ? 2 : 1;
}

static DWORD
diffuse_src(struct gen *g)
{
   if (g->key->no_diffuse)
      return cnst(C_ONE);
   g->use_diffuse = TRUE;
   return src_reg(D3DSPR_INPUT, 0);
}

static DWORD
specular_src(struct gen *g)
{
   if (g->key->no_specular)
      return cnst(C_ZERO);
   g->use_specular = TRUE;
   return src_reg(D3DSPR_INPUT, 1);
}

static DWORD
current_src(struct gen *g)
{
   return temp(g->premod ? R_PREMOD : R_CUR);
}

static DWORD
texture_src(struct gen *g, unsigned s)
{
   return g->key->stages[s].tex ? temp(R_TEX(s)) : cnst(C_NO_TEXTURE);
}

/* Argument ARG of stage S as a source; a complement goes through
 * R_ARG(slot). */
static DWORD
arg_src(struct gen *g, unsigned s, BYTE arg, unsigned slot)
{
   DWORD r;
   switch (arg & D3DTA_SELECTMASK) {
   case D3DTA_DIFFUSE: r = diffuse_src(g); break;
   case D3DTA_TEXTURE: r = texture_src(g, s); break;
   case D3DTA_TFACTOR: r = cnst(C_TFACTOR); break;
   case D3DTA_SPECULAR: r = specular_src(g); break;
   case D3DTA_TEMP: r = temp(R_TEMP); break;
   case D3DTA_CONSTANT: r = cnst(C_CONSTANT(s)); break;
   default: r = current_src(g); break;
   }
   if (arg & D3DTA_COMPLEMENT) {
      alu(g, D3DSIO_ADD, dst_temp(R_ARG(slot), MASK_ALL), 2, neg(r),
          cnst(C_ONE), 0);
      r = temp(R_ARG(slot));
   }
   if (arg & D3DTA_ALPHAREPLICATE)
      r = rep(r, 3);
   return r;
}

/* mov DST, S changes nothing: the same temporary, each written
 * component read from itself, no modifier. */
static BOOL
is_noop_mov(DWORD dst, DWORD s)
{
   const DWORD sel = D3DSP_REGTYPE_MASK | D3DSP_REGTYPE_MASK2 |
                     D3DSP_REGNUM_MASK;
   if ((dst & sel) != (s & sel) || (dst & D3DSP_DSTMOD_MASK) ||
       (s & D3DSP_SRCMOD_MASK))
      return FALSE;
   for (unsigned i = 0; i < 4; i++) {
      if ((dst & (D3DSP_WRITEMASK_0 << i)) &&
          ((s >> (D3DSP_SWIZZLE_SHIFT + 2 * i)) & 3) != i)
         return FALSE;
   }
   return TRUE;
}

/* One texture op into DST (a temporary with its write mask); the
 * intermediate values go to R_S0/R_S1, DST is written last, so an
 * argument may be DST itself. */
static void
emit_op(struct gen *g, unsigned s, unsigned op, DWORD dst, const BYTE args[3])
{
   const BYTE used = op_args(op);
   DWORD a[3] = { 0, 0, 0 };
   for (unsigned i = 0; i < 3; i++) {
      if (used & (1u << i))
         a[i] = arg_src(g, s, args[i], i);
   }
   const DWORD mask = dst & D3DSP_WRITEMASK_ALL;
   const DWORD s0d = dst_temp(R_S0, mask), s0 = temp(R_S0);
   const DWORD k = cnst(C_K);   /* (1, 0.5, 2, 4) */

   switch (op) {
   case D3DTOP_SELECTARG1:
   case D3DTOP_PREMODULATE:
      if (!is_noop_mov(dst, a[1]))
         alu(g, D3DSIO_MOV, dst, 1, a[1], 0, 0);
      break;
   case D3DTOP_MODULATE:
      alu(g, D3DSIO_MUL, dst, 2, a[1], a[2], 0);
      break;
   case D3DTOP_MODULATE2X:
      alu(g, D3DSIO_MUL, s0d, 2, a[1], a[2], 0);
      alu(g, D3DSIO_ADD, sat(dst), 2, s0, s0, 0);
      break;
   case D3DTOP_MODULATE4X:
      alu(g, D3DSIO_MUL, s0d, 2, a[1], a[2], 0);
      alu(g, D3DSIO_MUL, sat(dst), 2, s0, rep(k, 3), 0);
      break;
   case D3DTOP_ADD:
      alu(g, D3DSIO_ADD, sat(dst), 2, a[1], a[2], 0);
      break;
   case D3DTOP_ADDSIGNED:
      alu(g, D3DSIO_ADD, s0d, 2, a[1], a[2], 0);
      alu(g, D3DSIO_ADD, sat(dst), 2, s0, neg(rep(k, 1)), 0);
      break;
   case D3DTOP_ADDSIGNED2X:
      /* (a1 + a2 - 0.5) * 2 = (a1 + a2) * 2 - 1 */
      alu(g, D3DSIO_ADD, s0d, 2, a[1], a[2], 0);
      alu(g, D3DSIO_MAD, sat(dst), 3, s0, rep(k, 2), neg(rep(k, 0)));
      break;
   case D3DTOP_SUBTRACT:
      alu(g, D3DSIO_ADD, sat(dst), 2, a[1], neg(a[2]), 0);
      break;
   case D3DTOP_ADDSMOOTH:
      /* a1 + (1 - a1) * a2 = (a2 - a1 * a2) + a1 */
      alu(g, D3DSIO_MAD, s0d, 3, neg(a[1]), a[2], a[2]);
      alu(g, D3DSIO_ADD, sat(dst), 2, s0, a[1], 0);
      break;
   case D3DTOP_BLENDDIFFUSEALPHA:
      alu(g, D3DSIO_LRP, dst, 3, rep(diffuse_src(g), 3), a[1], a[2]);
      break;
   case D3DTOP_BLENDTEXTUREALPHA:
      alu(g, D3DSIO_LRP, dst, 3, rep(texture_src(g, s), 3), a[1], a[2]);
      break;
   case D3DTOP_BLENDFACTORALPHA:
      alu(g, D3DSIO_LRP, dst, 3, rep(cnst(C_TFACTOR), 3), a[1], a[2]);
      break;
   case D3DTOP_BLENDCURRENTALPHA:
      alu(g, D3DSIO_LRP, dst, 3, rep(current_src(g), 3), a[1], a[2]);
      break;
   case D3DTOP_BLENDTEXTUREALPHAPM:
      /* a1 + a2 * (1 - texture alpha) = (a2 - a2 * ta) + a1 */
      alu(g, D3DSIO_MAD, s0d, 3, neg(a[2]), rep(texture_src(g, s), 3), a[2]);
      alu(g, D3DSIO_ADD, sat(dst), 2, s0, a[1], 0);
      break;
   case D3DTOP_MODULATEALPHA_ADDCOLOR:
      alu(g, D3DSIO_MAD, sat(dst), 3, a[2], rep(a[1], 3), a[1]);
      break;
   case D3DTOP_MODULATECOLOR_ADDALPHA:
      alu(g, D3DSIO_MAD, sat(dst), 3, a[1], a[2], rep(a[1], 3));
      break;
   case D3DTOP_MODULATEINVALPHA_ADDCOLOR:
      /* (1 - a1.a) * a2 + a1 = (a2 - a1.a * a2) + a1 */
      alu(g, D3DSIO_MAD, s0d, 3, neg(rep(a[1], 3)), a[2], a[2]);
      alu(g, D3DSIO_ADD, sat(dst), 2, s0, a[1], 0);
      break;
   case D3DTOP_MODULATEINVCOLOR_ADDALPHA:
      /* (1 - a1) * a2 + a1.a = (a2 - a1 * a2) + a1.a */
      alu(g, D3DSIO_MAD, s0d, 3, neg(a[1]), a[2], a[2]);
      alu(g, D3DSIO_ADD, sat(dst), 2, s0, rep(a[1], 3), 0);
      break;
   case D3DTOP_DOTPRODUCT3: {
      /* 4 * dot(a1 - 0.5, a2 - 0.5) = dot(2 * a1 - 1, 2 * a2 - 1) */
      const DWORD xyz = MASK_RGB;
      alu(g, D3DSIO_MAD, dst_temp(R_S0, xyz), 3, a[1], rep(k, 2),
          neg(rep(k, 0)));
      alu(g, D3DSIO_MAD, dst_temp(R_S1, xyz), 3, a[2], rep(k, 2),
          neg(rep(k, 0)));
      alu(g, D3DSIO_DP3, sat(dst), 2, s0, temp(R_S1), 0);
      break;
   }
   case D3DTOP_MULTIPLYADD:
      alu(g, D3DSIO_MAD, sat(dst), 3, a[1], a[2], a[0]);
      break;
   case D3DTOP_LERP:
      alu(g, D3DSIO_LRP, dst, 3, a[0], a[1], a[2]);
      break;
   default:   /* DISABLE, the bump ops: no result */
      break;
   }
}

static void
emit_texld(struct gen *g, unsigned s, DWORD coord, BOOL project)
{
   d3d9_bc_op(&g->bc, D3DSIO_TEX, project ? D3DSI_TEXLD_PROJECT : 0, 3);
   d3d9_bc_put(&g->bc, dst_temp(R_TEX(s), MASK_ALL));
   d3d9_bc_put(&g->bc, coord);
   d3d9_bc_put(&g->bc, src_reg(D3DSPR_SAMPLER, s));
}

/* Stage S's texture into R_TEX(s): its coordinates, divided where
 * projected, displaced by the previous stage's bump map. */
static void
emit_sample(struct gen *g, unsigned s)
{
   const struct ff_ps_stage *st = &g->key->stages[s];
   const struct ff_ps_stage *prev = s ? &g->key->stages[s - 1] : NULL;
   const DWORD t = src_reg(D3DSPR_TEXTURE, st->coord);
   const DWORD c = temp(R_COORD);
   const BOOL bump = prev && is_bump(prev->cop) && prev->tex;

   g->use_tcoord |= 1u << st->coord;
   g->use_sampler |= 1u << s;

   if (!bump && (st->project == 0 || st->project == 4)) {
      emit_texld(g, s, t, st->project == 4);
      g->depth[s] = 0;
      return;
   }
   if (st->project) {
      /* Divided first: the displacement is not (texbem's rule). */
      alu(g, D3DSIO_RCP, dst_temp(R_COORD, D3DSP_WRITEMASK_3), 1,
          rep(t, st->project - 1), 0, 0);
      alu(g, D3DSIO_MUL, dst_temp(R_COORD, MASK_ALL), 2, t, rep(c, 3), 0);
   } else {
      alu(g, D3DSIO_MOV, dst_temp(R_COORD, MASK_ALL), 1, t, 0, 0);
   }
   g->depth[s] = 1;
   if (bump) {
      /* u += MAT00 du + MAT10 dv, v += MAT01 du + MAT11 dv */
      const DWORD map = temp(R_TEX(s - 1));
      alu(g, D3DSIO_DP2ADD, dst_temp(R_COORD, D3DSP_WRITEMASK_0), 3, map,
          cnst(C_BUMP0(s - 1)), rep(c, 0));
      alu(g, D3DSIO_DP2ADD, dst_temp(R_COORD, D3DSP_WRITEMASK_1), 3, map,
          cnst(C_BUMP1(s - 1)), rep(c, 1));
      g->depth[s] = g->depth[s - 1] + 1;
   }
   emit_texld(g, s, c, FALSE);
   if (bump && prev->cop == D3DTOP_BUMPENVMAPLUMINANCE) {
      const DWORD m = cnst(C_BUMP0(s - 1));
      alu(g, D3DSIO_MAD, sat(dst_temp(R_COORD, D3DSP_WRITEMASK_0)), 3,
          rep(temp(R_TEX(s - 1)), 2), rep(m, 2), rep(m, 3));
      alu(g, D3DSIO_MUL, dst_temp(R_TEX(s), MASK_ALL), 2, temp(R_TEX(s)),
          rep(c, 0), 0);
   }
   /* ps_2_0: four levels of dependent reads. */
   if (g->depth[s] > 3)
      g->needs_2x = TRUE;
}

static BOOL
reads_temp(const struct ff_ps_stage *st)
{
   for (unsigned i = 0; i < 3; i++) {
      if ((st->carg[i] & D3DTA_SELECTMASK) == D3DTA_TEMP ||
          (st->aarg[i] & D3DTA_SELECTMASK) == D3DTA_TEMP)
         return TRUE;
   }
   return FALSE;
}

static void
emit_stage(struct gen *g, unsigned s)
{
   const struct ff_ps_stage *st = &g->key->stages[s];
   const struct ff_ps_stage *prev = s ? &g->key->stages[s - 1] : NULL;

   g->premod = FALSE;
   if (st->tex)
      emit_sample(g, s);
   if (prev && st->tex && (prev->cop == D3DTOP_PREMODULATE ||
                           prev->aop == D3DTOP_PREMODULATE)) {
      alu(g, D3DSIO_MUL, dst_temp(R_PREMOD, MASK_ALL), 2, temp(R_CUR),
          temp(R_TEX(s)), 0);
      g->premod = TRUE;
   }
   if (is_bump(st->cop))
      return;

   const unsigned reg = st->result_temp ? R_TEMP : R_CUR;
   const BOOL same = st->cop == st->aop &&
                     !memcmp(st->carg, st->aarg, sizeof(st->carg));
   if (st->cop == D3DTOP_DOTPRODUCT3 || same) {
      emit_op(g, s, st->cop, dst_temp(reg, MASK_ALL), st->carg);
   } else if (st->aop == D3DTOP_DISABLE) {
      emit_op(g, s, st->cop, dst_temp(reg, MASK_RGB), st->carg);
   } else if (st->aop == D3DTOP_DOTPRODUCT3) {
      /* Its dp3 reads the arguments' rgb, which the colour op may be
       * about to change: computed first, aside. */
      emit_op(g, s, st->aop, dst_temp(R_ALPHA, MASK_A), st->aarg);
      emit_op(g, s, st->cop, dst_temp(reg, MASK_RGB), st->carg);
      alu(g, D3DSIO_MOV, dst_temp(reg, MASK_A), 1, temp(R_ALPHA), 0, 0);
   } else {
      emit_op(g, s, st->cop, dst_temp(reg, MASK_RGB), st->carg);
      emit_op(g, s, st->aop, dst_temp(reg, MASK_A), st->aarg);
   }
}

/* The whole program; false when out of memory. */
static BOOL
generate(const struct ff_ps_key *key, struct d3d9_bytecode *out)
{
   struct gen g;
   memset(&g, 0, sizeof(g));
   g.key = key;
   d3d9_bc_init(&g.bc, 0);   /* the body; the header goes before it */
   g.bc.count = 0;

   BOOL temp_used = FALSE;
   for (unsigned s = 0; s < key->num_stages; s++)
      temp_used |= key->stages[s].result_temp || reads_temp(&key->stages[s]);

   alu(&g, D3DSIO_MOV, dst_temp(R_CUR, MASK_ALL), 1, diffuse_src(&g), 0, 0);
   if (temp_used)
      alu(&g, D3DSIO_MOV, dst_temp(R_TEMP, MASK_ALL), 1, cnst(C_ZERO), 0, 0);
   for (unsigned s = 0; s < key->num_stages; s++)
      emit_stage(&g, s);
   if (key->specular)
      alu(&g, D3DSIO_ADD, dst_temp(R_CUR, MASK_RGB), 2, temp(R_CUR),
          specular_src(&g), 0);
   alu(&g, D3DSIO_MOV, d3d9_bc_dst(D3DSPR_COLOROUT, 0, MASK_ALL, 0), 1,
       temp(R_CUR), 0, 0);
   if (g.alu > 64)
      g.needs_2x = TRUE;

   /* The header: version, constants, declarations. */
   d3d9_bc_init(out, D3DPS_VERSION(2, g.needs_2x ? 1 : 0));
   d3d9_bc_def(out, C_ZERO, 0.0f, 0.0f, 0.0f, 0.0f);
   d3d9_bc_def(out, C_NO_TEXTURE, 0.0f, 0.0f, 0.0f, 1.0f);
   d3d9_bc_def(out, C_K, 1.0f, 0.5f, 2.0f, 4.0f);
   d3d9_bc_def(out, C_ONE, 1.0f, 1.0f, 1.0f, 1.0f);
   if (g.use_diffuse)
      d3d9_bc_dcl(out, 0x80000000u, d3d9_bc_dst(D3DSPR_INPUT, 0, MASK_ALL, 0));
   if (g.use_specular)
      d3d9_bc_dcl(out, 0x80000000u, d3d9_bc_dst(D3DSPR_INPUT, 1, MASK_ALL, 0));
   for (unsigned i = 0; i < 8; i++) {
      if (g.use_tcoord & (1u << i))
         d3d9_bc_dcl(out, 0x80000000u,
                     d3d9_bc_dst(D3DSPR_TEXTURE, i, MASK_ALL, 0));
   }
   for (unsigned s = 0; s < key->num_stages; s++) {
      if (!(g.use_sampler & (1u << s)))
         continue;
      const DWORD type = key->stages[s].tex == FF_TEX_CUBE ? D3DSTT_CUBE :
                         key->stages[s].tex == FF_TEX_VOLUME ? D3DSTT_VOLUME :
                                                               D3DSTT_2D;
      d3d9_bc_dcl(out, 0x80000000u | type,
                  d3d9_bc_dst(D3DSPR_SAMPLER, s, MASK_ALL, 0));
   }
   for (UINT i = 0; i < g.bc.count && !g.bc.oom; i++)
      d3d9_bc_put(out, g.bc.tokens[i]);
   d3d9_bc_end(out);
   const BOOL ok = !g.bc.oom && !out->oom;
   d3d9_bc_free(&g.bc);
   if (!ok)
      d3d9_bc_free(out);
   return ok;
}

/* ------------------------------------------------------------------ */
/* The cache and the constants                                          */

#define CACHE_BUCKETS 64

struct ff_ps_entry {
   struct ff_ps_key key;
   HANDLE handle;
   struct ff_ps_entry *next;
};

struct d3d9_ff_ps_cache {
   struct ff_ps_entry *buckets[CACHE_BUCKETS];
   HANDLE bound;                       /* what the driver has, if ours */
   float consts[NUM_UNIFORMS][4];      /* what the driver has */
   BOOL consts_valid;
};

static unsigned
key_hash(const struct ff_ps_key *key)
{
   const BYTE *p = (const BYTE *)key;
   DWORD h = 2166136261u;
   for (size_t i = 0; i < sizeof(*key); i++)
      h = (h ^ p[i]) * 16777619u;
   return (h ^ (h >> 16)) % CACHE_BUCKETS;
}

static HRESULT
find_or_create(struct d3d9_device *device, struct d3d9_ff_ps_cache *cache,
               const struct ff_ps_key *key, HANDLE *handle)
{
   const unsigned b = key_hash(key);
   for (struct ff_ps_entry *e = cache->buckets[b]; e; e = e->next) {
      if (!memcmp(&e->key, key, sizeof(*key))) {
         *handle = e->handle;
         return D3D_OK;
      }
   }

   struct ff_ps_entry *e = calloc(1, sizeof(*e));
   if (!e)
      return E_OUTOFMEMORY;
   struct d3d9_bytecode bc;
   if (!generate(key, &bc)) {
      free(e);
      return E_OUTOFMEMORY;
   }
   D3DDDIARG_CREATEPIXELSHADER a = { .CodeSize = bc.count * 4 };
   HRESULT hr = device->funcs.pfnCreatePixelShader(device->hdevice, &a,
                                                   (const UINT *)bc.tokens);
   d3d9_bc_free(&bc);
   if (FAILED(hr)) {
      free(e);
      return hr;
   }
   e->key = *key;
   e->handle = a.ShaderHandle;
   e->next = cache->buckets[b];
   cache->buckets[b] = e;
   *handle = e->handle;
   return D3D_OK;
}

static void
color_to_float(D3DCOLOR c, float v[4])
{
   v[0] = ((c >> 16) & 0xff) / 255.0f;
   v[1] = ((c >> 8) & 0xff) / 255.0f;
   v[2] = (c & 0xff) / 255.0f;
   v[3] = (c >> 24) / 255.0f;
}

static float
tss_float(const struct d3d9_state *state, unsigned s,
          D3DTEXTURESTAGESTATETYPE type)
{
   float f;
   memcpy(&f, &state->tss[s][type], sizeof(f));
   return f;
}

static void
compute_consts(const struct d3d9_state *state, float c[NUM_UNIFORMS][4])
{
   memset(c, 0, sizeof(float) * NUM_UNIFORMS * 4);
   color_to_float(state->rs[D3DRS_TEXTUREFACTOR], c[C_TFACTOR]);
   for (unsigned s = 0; s < D3D9_TEXTURE_STAGES; s++)
      color_to_float(state->tss[s][D3DTSS_CONSTANT], c[C_CONSTANT(s)]);
   for (unsigned s = 0; s < D3D9_TEXTURE_STAGES - 1; s++) {
      c[C_BUMP0(s)][0] = tss_float(state, s, D3DTSS_BUMPENVMAT00);
      c[C_BUMP0(s)][1] = tss_float(state, s, D3DTSS_BUMPENVMAT10);
      c[C_BUMP0(s)][2] = tss_float(state, s, D3DTSS_BUMPENVLSCALE);
      c[C_BUMP0(s)][3] = tss_float(state, s, D3DTSS_BUMPENVLOFFSET);
      c[C_BUMP1(s)][0] = tss_float(state, s, D3DTSS_BUMPENVMAT01);
      c[C_BUMP1(s)][1] = tss_float(state, s, D3DTSS_BUMPENVMAT11);
   }
}

/* The registers that differ from what the driver has, as runs; all of
 * them when its registers were the program's since. */
static HRESULT
send_consts(struct d3d9_device *device, struct d3d9_ff_ps_cache *cache)
{
   float c[NUM_UNIFORMS][4];
   compute_consts(&device->state, c);
   const BOOL all = device->ff_ps_consts_stale || !cache->consts_valid;

   for (unsigned i = 0; i < NUM_UNIFORMS;) {
      if (!all && !memcmp(c[i], cache->consts[i], sizeof(c[i]))) {
         i++;
         continue;
      }
      unsigned j = i + 1;
      while (j < NUM_UNIFORMS &&
             (all || memcmp(c[j], cache->consts[j], sizeof(c[j]))))
         j++;
      D3DDDIARG_SETPIXELSHADERCONST a = { i, j - i };
      HRESULT hr = device->funcs.pfnSetPixelShaderConst(device->hdevice, &a,
                                                        c[i]);
      if (FAILED(hr)) {
         cache->consts_valid = FALSE;
         return hr;
      }
      i = j;
   }
   memcpy(cache->consts, c, sizeof(c));
   cache->consts_valid = TRUE;
   device->ff_ps_consts_stale = FALSE;
   return D3D_OK;
}

HRESULT
d3d9_ff_ps_bind(struct d3d9_device *device)
{
   struct d3d9_ff_ps_cache *cache = device->ff_ps;
   if (!cache) {
      cache = device->ff_ps = calloc(1, sizeof(*cache));
      if (!cache)
         return E_OUTOFMEMORY;
   }

   struct ff_ps_key key;
   build_key(device, &key);
   HANDLE handle;
   HRESULT hr = find_or_create(device, cache, &key, &handle);
   if (FAILED(hr))
      return hr;
   /* dirty.ps: the program's shader (or none) was set since ours. */
   if (device->dirty.ps || cache->bound != handle) {
      cache->bound = NULL;
      hr = device->funcs.pfnSetPixelShader(device->hdevice, handle);
      if (FAILED(hr))
         return hr;
      cache->bound = handle;
   }
   return send_consts(device, cache);
}

void
d3d9_ff_ps_destroy(struct d3d9_device *device)
{
   struct d3d9_ff_ps_cache *cache = device->ff_ps;
   if (!cache)
      return;
   for (unsigned b = 0; b < CACHE_BUCKETS; b++) {
      for (struct ff_ps_entry *e = cache->buckets[b], *next; e; e = next) {
         next = e->next;
         device->funcs.pfnDeletePixelShader(device->hdevice, e->handle);
         free(e);
      }
   }
   free(cache);
   device->ff_ps = NULL;
}

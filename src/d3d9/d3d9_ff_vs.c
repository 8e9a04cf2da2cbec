/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The fixed-function vertex shader (d3d9_ff.h): vs_2_0 bytecode made from
 * the transform, blending, lighting, texture-coordinate, fog and point
 * states and the vertex declaration, one driver shader per state key.
 *
 * What the generated shader computes, in D3D9's row-vector convention
 * (a position is p * M):
 *   - oPos = p * world * view * projection; with D3DRS_VERTEXBLEND (and
 *     BLENDWEIGHT in the declaration) the blend of p * world[i] * view
 *     by the weights, the last weight 1 - the others, then * projection;
 *     D3DRS_INDEXEDVERTEXBLENDENABLE picks world[index] per weight
 *     (matrices 0..D3D9_FF_VS_PALETTE-1 only; D3DVBF_TWEENING is not
 *     done).  The eye-space position is divided by its w, as Wine does.
 *   - normals: n * transpose(inverse(world * view)) (a singular matrix
 *     is used as it is, as Wine does); blended normals take each
 *     world[i] * view's upper 3x3 (what Wine and Nine found on Windows).
 *   - lighting: global ambient, up to 8 enabled lights (the first 8 by
 *     index) of every type, the material or the vertex colours as its
 *     sources (COLORVERTEX, the *MATERIALSOURCE states), LOCALVIEWER,
 *     specular with SPECULARENABLE (lit's MAXPOWER applies to Power).
 *   - texture coordinates per stage: TEXCOORDINDEX's set or generation
 *     mode, TEXTURETRANSFORMFLAGS' matrix (COUNT2-4; COUNT1 and DISABLE
 *     leave the coordinates as they are, as on Windows).  A set with
 *     fewer than four components is transformed as (u, 1, 0, 0),
 *     (u, v, 1, 0) or (u, v, w, 1): the default 1 right after the last.
 *     All four components are written; D3DTTFF_PROJECTED is the pixel
 *     side's.
 *   - oFog with FOGENABLE and no table fog: the vertex fog factor (EXP,
 *     EXP2, LINEAR of the eye-space depth or, with RANGEFOGENABLE, the
 *     distance), or the specular alpha with D3DRS_FOGVERTEXMODE NONE.
 *     Table fog is the driver's from the pixel's depth: no oFog then.
 *   - oPts when the declaration has PSIZE or POINTSCALEENABLE is on;
 *     the driver clamps it to POINTSIZE_MIN/MAX, and uses
 *     D3DRS_POINTSIZE itself where the shader writes none.
 *
 * Registers: inputs v0 position, v1 blend weights, v2 blend indices,
 * v3 normal, v4 point size, v5/v6 colours, v7-v14 texture coordinates
 * 0-7; constants as in enum below (c252-c254 are the shader's defs).
 */

#include <stdlib.h>
#include <string.h>

#include "d3d9_bytecode.h"
#include "d3d9_ff.h"
#include "d3d9_shader.h"

/* The constant layout. */
enum {
   C_WVP = 0,        /* c0-3: columns of world*view*proj (proj alone when
                      * blending) */
   C_WV = 4,         /* c4-7: columns of world*view */
   C_NRM = 8,        /* c8-10: rows of inverse(world*view) (xyz) */
   C_AMBIENT = 11,   /* D3DRS_AMBIENT */
   C_MAT = 12,       /* c12 diffuse, c13 ambient, c14 specular, c15
                      * emissive */
   C_POWER = 16,     /* (Power, 0, 0, 0) */
   C_FOG = 17,       /* (-1/(end-start), end/(end-start), density, log2 e) */
   C_POINT = 18,     /* (POINTSIZE, viewport height, 0, 0) */
   C_POINT_ABC = 19, /* (POINTSCALE_A, _B, _C, 0) */
   C_LIGHT = 20,     /* 8 lights of 7 registers: see fill_light */
   C_TEX = 76,       /* 8 texture matrices' columns */
   C_BLEND = 108,    /* the blend palette: columns of world[i]*view */
   C_K0 = 252,       /* def (0, 1, 0.5, 1e-30) */
   C_K1 = 253,       /* def (0, 0, -1, 2) */
   C_K2 = 254,       /* def (4, 1020, 0, 0) */
   C_COUNT = 256,
};

#define LIGHT_REGS 7
#define MAX_LIGHTS 8
#define D3D9_FF_VS_PALETTE ((C_K0 - C_BLEND) / 4)   /* 36 matrices */

/* Input registers. */
enum {
   V_POS, V_WEIGHT, V_INDEX, V_NORMAL, V_PSIZE, V_COLOR0, V_COLOR1, V_TC0,
};

enum ff_fog {
   FF_FOG_NONE,
   FF_FOG_SPECULAR,  /* oFog = specular alpha (FOGVERTEXMODE NONE) */
   FF_FOG_EXP,
   FF_FOG_EXP2,
   FF_FOG_LINEAR,
};

enum ff_mcs { MCS_MATERIAL, MCS_COLOR0, MCS_COLOR1 };

/* Byte fields only: no padding, memcmp-able (and zeroed besides). */
struct d3d9_ff_vs_key {
   BYTE has_pos, has_normal, has_psize, has_color0, has_color1;
   BYTE tc_size[8];         /* components of TEXCOORDn, 0: absent */
   BYTE blend;              /* matrices blended, 0: no blending */
   BYTE indexed;            /* 0, 1: indices as they are, 2: D3DCOLOR */
   BYTE normalize;
   BYTE lighting, localviewer, specular, num_lights;
   BYTE light_type[MAX_LIGHTS];
   BYTE mcs_diffuse, mcs_ambient, mcs_specular, mcs_emissive;
   BYTE fog, range_fog;
   BYTE point_scale;
   struct {
      BYTE gen;             /* D3DTSS_TCI_* >> 16 */
      BYTE index;           /* the set, 0-7; 8: none */
      BYTE count;           /* matrix columns used, 0: not transformed */
      BYTE proj_w;          /* n: oT.w = component n - 1 (see build_key) */
   } stage[D3D9_TEXTURE_STAGES];
};

struct d3d9_ff_vs_entry {
   struct d3d9_ff_vs_key key;
   HANDLE handle;
};

struct d3d9_ff_vs_cache {
   struct d3d9_ff_vs_entry *entries;
   UINT count, capacity;
   UINT last;                       /* the entry bound last */
   /* The constants as last sent, and which of them were. */
   float sent[C_COUNT][4];
   DWORD sent_valid[C_COUNT / 32];
   /* The constants one bind computes, and which of them the shader
    * reads (here to spare an allocation per draw). */
   struct ff_consts {
      float c[C_COUNT][4];
      DWORD used[C_COUNT / 32];
   } consts;
};

/* ---- The key ---------------------------------------------------------- */

static unsigned
decl_type_size(BYTE type)
{
   switch (type) {
   case D3DDECLTYPE_FLOAT1: return 1;
   case D3DDECLTYPE_FLOAT2:
   case D3DDECLTYPE_SHORT2:
   case D3DDECLTYPE_SHORT2N:
   case D3DDECLTYPE_USHORT2N:
   case D3DDECLTYPE_FLOAT16_2: return 2;
   case D3DDECLTYPE_FLOAT3:
   case D3DDECLTYPE_UDEC3:
   case D3DDECLTYPE_DEC3N: return 3;
   case D3DDECLTYPE_UNUSED: return 0;
   default: return 4;
   }
}

static BYTE
material_source(const struct d3d9_ff_vs_key *key, DWORD rs)
{
   if (rs == D3DMCS_COLOR1 && key->has_color0)
      return MCS_COLOR0;
   if (rs == D3DMCS_COLOR2 && key->has_color1)
      return MCS_COLOR1;
   return MCS_MATERIAL;
}

static BOOL
gen_needs_normal(BYTE gen)
{
   return gen == (D3DTSS_TCI_CAMERASPACENORMAL >> 16) ||
          gen == (D3DTSS_TCI_CAMERASPACEREFLECTIONVECTOR >> 16) ||
          gen == (D3DTSS_TCI_SPHEREMAP >> 16);
}

static BOOL
gen_needs_eye(BYTE gen)
{
   return gen == (D3DTSS_TCI_CAMERASPACEPOSITION >> 16) ||
          gen == (D3DTSS_TCI_CAMERASPACEREFLECTIONVECTOR >> 16) ||
          gen == (D3DTSS_TCI_SPHEREMAP >> 16);
}

/* The enabled lights the shader takes: the first MAX_LIGHTS by index. */
static unsigned
active_lights(const struct d3d9_state *s, const D3DLIGHT9 **out)
{
   unsigned n = 0;
   for (unsigned i = 0; i < s->num_lights && n < MAX_LIGHTS; i++) {
      const struct d3d9_light *l = &s->lights[i];
      if (l->set && l->enabled &&
          (l->light.Type == D3DLIGHT_POINT || l->light.Type == D3DLIGHT_SPOT ||
           l->light.Type == D3DLIGHT_DIRECTIONAL))
         out[n++] = &l->light;
   }
   return n;
}

static void
build_key(const struct d3d9_device *device, struct d3d9_ff_vs_key *key)
{
   const struct d3d9_state *s = &device->state;
   const DWORD *rs = s->rs;
   BOOL has_weight = FALSE, has_index = FALSE;
   BYTE index_type = 0;

   memset(key, 0, sizeof(*key));

   const struct d3d9_shader *decl = d3d9_shader_from_iface(s->decl);
   if (decl) {
      for (const D3DVERTEXELEMENT9 *e = decl->data; e->Stream != 0xff; e++) {
         const unsigned size = decl_type_size(e->Type);
         if (!size)
            continue;
         switch (e->Usage) {
         case D3DDECLUSAGE_POSITION:
            if (e->UsageIndex == 0)
               key->has_pos = TRUE;
            break;
         case D3DDECLUSAGE_BLENDWEIGHT:
            if (e->UsageIndex == 0)
               has_weight = TRUE;
            break;
         case D3DDECLUSAGE_BLENDINDICES:
            if (e->UsageIndex == 0) {
               has_index = TRUE;
               index_type = e->Type;
            }
            break;
         case D3DDECLUSAGE_NORMAL:
            if (e->UsageIndex == 0)
               key->has_normal = TRUE;
            break;
         case D3DDECLUSAGE_PSIZE:
            if (e->UsageIndex == 0)
               key->has_psize = TRUE;
            break;
         case D3DDECLUSAGE_COLOR:
            if (e->UsageIndex == 0)
               key->has_color0 = TRUE;
            else if (e->UsageIndex == 1)
               key->has_color1 = TRUE;
            break;
         case D3DDECLUSAGE_TEXCOORD:
            if (e->UsageIndex < 8)
               key->tc_size[e->UsageIndex] = size;
            break;
         default:
            break;
         }
      }
   }

   /* Vertex blending. */
   const DWORD vb = rs[D3DRS_VERTEXBLEND];
   const BOOL indexed = rs[D3DRS_INDEXEDVERTEXBLENDENABLE] && has_index;
   if (vb >= D3DVBF_1WEIGHTS && vb <= D3DVBF_3WEIGHTS) {
      if (has_weight)
         key->blend = vb + 1;
      else if (indexed)
         key->blend = 1;
   } else if (vb == D3DVBF_0WEIGHTS && indexed) {
      key->blend = 1;
   }
   if (key->blend && indexed)
      key->indexed = index_type == D3DDECLTYPE_D3DCOLOR ? 2 : 1;

   BOOL need_normal = FALSE;
   if (rs[D3DRS_LIGHTING]) {
      const D3DLIGHT9 *lights[MAX_LIGHTS];
      key->lighting = TRUE;
      key->num_lights = active_lights(s, lights);
      for (unsigned i = 0; i < key->num_lights; i++)
         key->light_type[i] = lights[i]->Type;
      key->specular = !!rs[D3DRS_SPECULARENABLE];
      key->localviewer = key->specular && !!rs[D3DRS_LOCALVIEWER];
      if (rs[D3DRS_COLORVERTEX]) {
         key->mcs_diffuse = material_source(key, rs[D3DRS_DIFFUSEMATERIALSOURCE]);
         key->mcs_ambient = material_source(key, rs[D3DRS_AMBIENTMATERIALSOURCE]);
         key->mcs_specular = material_source(key, rs[D3DRS_SPECULARMATERIALSOURCE]);
         key->mcs_emissive = material_source(key, rs[D3DRS_EMISSIVEMATERIALSOURCE]);
      }
      need_normal = key->num_lights > 0;
   }

   if (rs[D3DRS_FOGENABLE] && rs[D3DRS_FOGTABLEMODE] == D3DFOG_NONE) {
      switch (rs[D3DRS_FOGVERTEXMODE]) {
      case D3DFOG_EXP: key->fog = FF_FOG_EXP; break;
      case D3DFOG_EXP2: key->fog = FF_FOG_EXP2; break;
      case D3DFOG_LINEAR: key->fog = FF_FOG_LINEAR; break;
      default: key->fog = FF_FOG_SPECULAR; break;
      }
      if (key->fog >= FF_FOG_EXP)
         key->range_fog = !!rs[D3DRS_RANGEFOGENABLE];
   }
   key->point_scale = !!rs[D3DRS_POINTSCALEENABLE];

   for (unsigned i = 0; i < D3D9_TEXTURE_STAGES; i++) {
      const DWORD tci = s->tss[i][D3DTSS_TEXCOORDINDEX];
      const DWORD flags = s->tss[i][D3DTSS_TEXTURETRANSFORMFLAGS];
      BYTE gen = (tci >> 16) & 0xff;
      if (gen > (D3DTSS_TCI_SPHEREMAP >> 16))
         gen = 0;
      key->stage[i].gen = gen;
      const unsigned idx = tci & 0xffff;
      key->stage[i].index = gen || idx >= 8 ? 8 : idx;
      const unsigned size = gen ? 4 : idx < 8 ? key->tc_size[idx] : 0;
      const unsigned flag_count = flags & 0xff;
      unsigned count = flag_count;
      if (count > 4)    /* as many as the coordinates have (Nine) */
         count = size;
      if (count == 1)   /* COUNT1: not transformed (Wine, Nine) */
         count = 0;
      if (!size)
         count = 0;
      key->stage[i].count = count;
      /* D3DTTFF_PROJECTED without a count in 2-4 divides by the last
       * component the coordinates have (Wine's projected_textures_test);
       * the pixel side then divides by w: the VS puts it there. */
      if ((flags & D3DTTFF_PROJECTED) && (flag_count == 0 || flag_count > 4)) {
         const unsigned eff = count ? count : size;
         if (eff == 2 || eff == 3)
            key->stage[i].proj_w = eff;
      }
      if (gen_needs_normal(gen))
         need_normal = TRUE;
   }
   /* NORMALIZENORMALS only matters where a normal is read. */
   key->normalize = need_normal && key->has_normal &&
                    !!rs[D3DRS_NORMALIZENORMALS];
}

/* ---- Constants -------------------------------------------------------- */

static void
mat_mul(D3DMATRIX *out, const D3DMATRIX *a, const D3DMATRIX *b)
{
   D3DMATRIX t;
   for (unsigned i = 0; i < 4; i++) {
      for (unsigned j = 0; j < 4; j++) {
         t.m[i][j] = a->m[i][0] * b->m[0][j] + a->m[i][1] * b->m[1][j] +
                     a->m[i][2] * b->m[2][j] + a->m[i][3] * b->m[3][j];
      }
   }
   *out = t;
}

/* A 4x4 inverse by cofactors; FALSE (OUT untouched) when singular. */
static BOOL
mat_invert(D3DMATRIX *out, const D3DMATRIX *in)
{
   const float *m = &in->m[0][0];
   float inv[16];

   inv[0] = m[5] * m[10] * m[15] - m[5] * m[11] * m[14] - m[9] * m[6] * m[15] +
            m[9] * m[7] * m[14] + m[13] * m[6] * m[11] - m[13] * m[7] * m[10];
   inv[4] = -m[4] * m[10] * m[15] + m[4] * m[11] * m[14] + m[8] * m[6] * m[15] -
            m[8] * m[7] * m[14] - m[12] * m[6] * m[11] + m[12] * m[7] * m[10];
   inv[8] = m[4] * m[9] * m[15] - m[4] * m[11] * m[13] - m[8] * m[5] * m[15] +
            m[8] * m[7] * m[13] + m[12] * m[5] * m[11] - m[12] * m[7] * m[9];
   inv[12] = -m[4] * m[9] * m[14] + m[4] * m[10] * m[13] + m[8] * m[5] * m[14] -
             m[8] * m[6] * m[13] - m[12] * m[5] * m[10] + m[12] * m[6] * m[9];
   inv[1] = -m[1] * m[10] * m[15] + m[1] * m[11] * m[14] + m[9] * m[2] * m[15] -
            m[9] * m[3] * m[14] - m[13] * m[2] * m[11] + m[13] * m[3] * m[10];
   inv[5] = m[0] * m[10] * m[15] - m[0] * m[11] * m[14] - m[8] * m[2] * m[15] +
            m[8] * m[3] * m[14] + m[12] * m[2] * m[11] - m[12] * m[3] * m[10];
   inv[9] = -m[0] * m[9] * m[15] + m[0] * m[11] * m[13] + m[8] * m[1] * m[15] -
            m[8] * m[3] * m[13] - m[12] * m[1] * m[11] + m[12] * m[3] * m[9];
   inv[13] = m[0] * m[9] * m[14] - m[0] * m[10] * m[13] - m[8] * m[1] * m[14] +
             m[8] * m[2] * m[13] + m[12] * m[1] * m[10] - m[12] * m[2] * m[9];
   inv[2] = m[1] * m[6] * m[15] - m[1] * m[7] * m[14] - m[5] * m[2] * m[15] +
            m[5] * m[3] * m[14] + m[13] * m[2] * m[7] - m[13] * m[3] * m[6];
   inv[6] = -m[0] * m[6] * m[15] + m[0] * m[7] * m[14] + m[4] * m[2] * m[15] -
            m[4] * m[3] * m[14] - m[12] * m[2] * m[7] + m[12] * m[3] * m[6];
   inv[10] = m[0] * m[5] * m[15] - m[0] * m[7] * m[13] - m[4] * m[1] * m[15] +
             m[4] * m[3] * m[13] + m[12] * m[1] * m[7] - m[12] * m[3] * m[5];
   inv[14] = -m[0] * m[5] * m[14] + m[0] * m[6] * m[13] + m[4] * m[1] * m[14] -
             m[4] * m[2] * m[13] - m[12] * m[1] * m[6] + m[12] * m[2] * m[5];
   inv[3] = -m[1] * m[6] * m[11] + m[1] * m[7] * m[10] + m[5] * m[2] * m[11] -
            m[5] * m[3] * m[10] - m[9] * m[2] * m[7] + m[9] * m[3] * m[6];
   inv[7] = m[0] * m[6] * m[11] - m[0] * m[7] * m[10] - m[4] * m[2] * m[11] +
            m[4] * m[3] * m[10] + m[8] * m[2] * m[7] - m[8] * m[3] * m[6];
   inv[11] = -m[0] * m[5] * m[11] + m[0] * m[7] * m[9] + m[4] * m[1] * m[11] -
             m[4] * m[3] * m[9] - m[8] * m[1] * m[7] + m[8] * m[3] * m[5];
   inv[15] = m[0] * m[5] * m[10] - m[0] * m[6] * m[9] - m[4] * m[1] * m[10] +
             m[4] * m[2] * m[9] + m[8] * m[1] * m[6] - m[8] * m[2] * m[5];

   const float det = m[0] * inv[0] + m[1] * inv[4] + m[2] * inv[8] +
                     m[3] * inv[12];
   if (det == 0.0f || det != det || det - det != 0.0f)
      return FALSE;
   const float r = 1.0f / det;
   float *o = &out->m[0][0];
   for (unsigned i = 0; i < 16; i++)
      o[i] = inv[i] * r;
   return TRUE;
}

static void
use(struct ff_consts *k, unsigned reg, unsigned count)
{
   for (unsigned i = reg; i < reg + count; i++)
      k->used[i / 32] |= 1u << (i % 32);
}

static void
set4(struct ff_consts *k, unsigned reg, float x, float y, float z, float w)
{
   k->c[reg][0] = x;
   k->c[reg][1] = y;
   k->c[reg][2] = z;
   k->c[reg][3] = w;
   use(k, reg, 1);
}

/* The columns of M (for dp4 with a row vector) at REG..REG+3. */
static void
set_columns(struct ff_consts *k, unsigned reg, const D3DMATRIX *m)
{
   for (unsigned j = 0; j < 4; j++)
      set4(k, reg + j, m->m[0][j], m->m[1][j], m->m[2][j], m->m[3][j]);
}

static void
set_color(struct ff_consts *k, unsigned reg, const D3DCOLORVALUE *c)
{
   set4(k, reg, c->r, c->g, c->b, c->a);
}

static float
rs_float(const struct d3d9_state *s, D3DRENDERSTATETYPE state)
{
   float f;
   memcpy(&f, &s->rs[state], sizeof(f));
   return f;
}

/* The library links no libm: a square root and a cosine of its own. */
static float
ff_sqrt(float x)
{
   if (!(x > 0.0f) || x > 3.4e38f)
      return x > 0.0f ? x : 0.0f;
   double r = x < 1.0f ? 1.0 : x;
   for (unsigned i = 0; i < 64; i++) {
      const double n = 0.5 * (r + x / r);
      if (n == r)
         break;
      r = n;
   }
   return (float)r;
}

static float
ff_cos(float a)
{
   const double pi = 3.14159265358979323846;
   double x = a;
   if (!(x == x) || x > 1e9 || x < -1e9)
      return 1.0f;
   /* to [-pi, pi] */
   while (x > pi)
      x -= 2.0 * pi;
   while (x < -pi)
      x += 2.0 * pi;
   double term = 1.0, sum = 1.0;
   for (unsigned n = 1; n < 14; n++) {
      term *= -x * x / ((2.0 * n - 1.0) * (2.0 * n));
      sum += term;
   }
   return (float)sum;
}

static void
normalize3(float v[3])
{
   const float l = ff_sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
   if (l > 0.0f) {
      v[0] /= l;
      v[1] /= l;
      v[2] /= l;
   }
}

/*
 * A light's registers, in view space:
 *   +0 diffuse, +1 specular, +2 ambient,
 *   +3 (position, range),
 *   +4 directional: (direction to the light, 0); spot: (direction, falloff),
 *   +5 (attenuation0, 1, 2, 0),
 *   +6 (cos(theta/2), cos(phi/2), 1/(cos(theta/2) - cos(phi/2)), 0).
 */
static void
fill_light(struct ff_consts *k, unsigned reg, const D3DLIGHT9 *l,
           const D3DMATRIX *view)
{
   set_color(k, reg + 0, &l->Diffuse);
   set_color(k, reg + 1, &l->Specular);
   set_color(k, reg + 2, &l->Ambient);

   const float p[3] = { l->Position.x, l->Position.y, l->Position.z };
   const float d[3] = { l->Direction.x, l->Direction.y, l->Direction.z };
   float pv[3], dv[3];
   for (unsigned j = 0; j < 3; j++) {
      pv[j] = p[0] * view->m[0][j] + p[1] * view->m[1][j] +
              p[2] * view->m[2][j] + view->m[3][j];
      dv[j] = d[0] * view->m[0][j] + d[1] * view->m[1][j] +
              d[2] * view->m[2][j];
   }
   normalize3(dv);
   set4(k, reg + 3, pv[0], pv[1], pv[2], l->Range);
   if (l->Type == D3DLIGHT_DIRECTIONAL)
      set4(k, reg + 4, -dv[0], -dv[1], -dv[2], 0.0f);
   else
      set4(k, reg + 4, dv[0], dv[1], dv[2], l->Falloff);
   set4(k, reg + 5, l->Attenuation0, l->Attenuation1, l->Attenuation2, 0.0f);
   const float ct = ff_cos(l->Theta * 0.5f), cp = ff_cos(l->Phi * 0.5f);
   const float diff = ct - cp;
   set4(k, reg + 6, ct, cp, diff > 1e-6f ? 1.0f / diff : 1e6f, 0.0f);
}

static void
fill_consts(const struct d3d9_device *device, const struct d3d9_ff_vs_key *key,
            struct ff_consts *k)
{
   const struct d3d9_state *s = &device->state;
   const D3DMATRIX *world = &s->transforms[D3DTS_WORLDMATRIX(0)];
   const D3DMATRIX *view = &s->transforms[D3DTS_VIEW];
   const D3DMATRIX *proj = &s->transforms[D3DTS_PROJECTION];
   D3DMATRIX wv, m;

   memset(k->used, 0, sizeof(k->used));

   if (key->blend) {
      set_columns(k, C_WVP, proj);
      const unsigned n = key->indexed ? D3D9_FF_VS_PALETTE : key->blend;
      for (unsigned i = 0; i < n; i++) {
         mat_mul(&m, &s->transforms[D3DTS_WORLDMATRIX(i)], view);
         set_columns(k, C_BLEND + 4 * i, &m);
      }
   } else {
      mat_mul(&wv, world, view);
      mat_mul(&m, &wv, proj);
      set_columns(k, C_WVP, &m);
      set_columns(k, C_WV, &wv);
      D3DMATRIX inv = wv;
      mat_invert(&inv, &wv);   /* singular: WV itself, as Wine */
      for (unsigned j = 0; j < 3; j++)
         set4(k, C_NRM + j, inv.m[j][0], inv.m[j][1], inv.m[j][2], 0.0f);
   }

   if (key->lighting) {
      const DWORD a = s->rs[D3DRS_AMBIENT];
      set4(k, C_AMBIENT, ((a >> 16) & 0xff) / 255.0f, ((a >> 8) & 0xff) / 255.0f,
           (a & 0xff) / 255.0f, ((a >> 24) & 0xff) / 255.0f);
      set_color(k, C_MAT + 0, &s->material.Diffuse);
      set_color(k, C_MAT + 1, &s->material.Ambient);
      set_color(k, C_MAT + 2, &s->material.Specular);
      set_color(k, C_MAT + 3, &s->material.Emissive);
      set4(k, C_POWER, s->material.Power, 0.0f, 0.0f, 0.0f);
      const D3DLIGHT9 *lights[MAX_LIGHTS];
      const unsigned n = active_lights(s, lights);
      for (unsigned i = 0; i < n && i < key->num_lights; i++)
         fill_light(k, C_LIGHT + LIGHT_REGS * i, lights[i], view);
   }

   if (key->fog) {
      const float start = rs_float(s, D3DRS_FOGSTART);
      const float end = rs_float(s, D3DRS_FOGEND);
      const float range = end - start;
      /* FOGSTART == FOGEND fogs everything (Wine's fog_test). */
      const float scale = range != 0.0f ? 1.0f / range : 0.0f;
      set4(k, C_FOG, -scale, end * scale, rs_float(s, D3DRS_FOGDENSITY),
           1.44269504f);
   }

   if (key->point_scale || key->has_psize) {
      set4(k, C_POINT, rs_float(s, D3DRS_POINTSIZE), (float)s->viewport.Height,
           0.0f, 0.0f);
      set4(k, C_POINT_ABC, rs_float(s, D3DRS_POINTSCALE_A),
           rs_float(s, D3DRS_POINTSCALE_B), rs_float(s, D3DRS_POINTSCALE_C),
           0.0f);
   }

   for (unsigned i = 0; i < D3D9_TEXTURE_STAGES; i++) {
      if (key->stage[i].count)
         set_columns(k, C_TEX + 4 * i, &s->transforms[D3DTS_TEXTURE0 + i]);
   }
}

/* The constants that changed (all with ff_vs_consts_stale) to the driver,
 * in runs of consecutive registers. */
static HRESULT
send_consts(struct d3d9_device *device, struct d3d9_ff_vs_cache *cache,
            const struct ff_consts *k)
{
   HRESULT hr = D3D_OK;
   unsigned r = 0;

   if (device->ff_vs_consts_stale) {
      memset(cache->sent_valid, 0, sizeof(cache->sent_valid));
      device->ff_vs_consts_stale = FALSE;
   }
   while (r < C_COUNT) {
      const BOOL used = k->used[r / 32] & (1u << (r % 32));
      const BOOL valid = cache->sent_valid[r / 32] & (1u << (r % 32));
      if (!used || (valid && !memcmp(cache->sent[r], k->c[r], 16))) {
         r++;
         continue;
      }
      unsigned end = r + 1;
      while (end < C_COUNT && (k->used[end / 32] & (1u << (end % 32))) &&
             (!(cache->sent_valid[end / 32] & (1u << (end % 32))) ||
              memcmp(cache->sent[end], k->c[end], 16)))
         end++;
      D3DDDIARG_SETVERTEXSHADERCONST a = { .Register = r, .Count = end - r };
      HRESULT h = device->funcs.pfnSetVertexShaderConst(device->hdevice, &a,
                                                        k->c[r]);
      if (FAILED(h)) {
         hr = h;
         for (unsigned i = r; i < end; i++)
            cache->sent_valid[i / 32] &= ~(1u << (i % 32));
      } else {
         memcpy(cache->sent[r], k->c[r], (end - r) * 16);
         for (unsigned i = r; i < end; i++)
            cache->sent_valid[i / 32] |= 1u << (i % 32);
      }
      r = end;
   }
   return hr;
}

/* ---- Bytecode --------------------------------------------------------- */

#define SWZ(x, y, z, w) d3d9_bc_swizzle(x, y, z, w)
#define XYZW SWZ(0, 1, 2, 3)
#define REP(c) SWZ(c, c, c, c)
#define MX D3DSP_WRITEMASK_0
#define MY D3DSP_WRITEMASK_1
#define MZ D3DSP_WRITEMASK_2
#define MW D3DSP_WRITEMASK_3
#define MXYZ (MX | MY | MZ)
#define MALL D3DSP_WRITEMASK_ALL

static DWORD
rd(unsigned n, DWORD mask)
{
   return d3d9_bc_dst(D3DSPR_TEMP, n, mask, 0);
}

static DWORD
r_(unsigned n, DWORD swz)
{
   return d3d9_bc_src(D3DSPR_TEMP, n, swz, D3DSPSM_NONE);
}

static DWORD
rneg(unsigned n, DWORD swz)
{
   return d3d9_bc_src(D3DSPR_TEMP, n, swz, D3DSPSM_NEG);
}

static DWORD
c_(unsigned n, DWORD swz)
{
   return d3d9_bc_src(D3DSPR_CONST, n, swz, D3DSPSM_NONE);
}

static DWORD
cneg(unsigned n, DWORD swz)
{
   return d3d9_bc_src(D3DSPR_CONST, n, swz, D3DSPSM_NEG);
}

static DWORD
v_(unsigned n, DWORD swz)
{
   return d3d9_bc_src(D3DSPR_INPUT, n, swz, D3DSPSM_NONE);
}

static DWORD
out_d(unsigned n, DWORD mask)
{
   return d3d9_bc_dst(D3DSPR_ATTROUT, n, mask, 0);
}

static DWORD
out_t(unsigned n, DWORD mask)
{
   return d3d9_bc_dst(D3DSPR_TEXCRDOUT, n, mask, 0);
}

static DWORD
out_rast(unsigned n, DWORD mask)
{
   return d3d9_bc_dst(D3DSPR_RASTOUT, n, mask, 0);
}

static void
op1(struct d3d9_bytecode *bc, D3DSHADER_INSTRUCTION_OPCODE_TYPE op, DWORD d,
    DWORD s0)
{
   d3d9_bc_alu(bc, op, d, 1, s0, 0, 0);
}

static void
op2(struct d3d9_bytecode *bc, D3DSHADER_INSTRUCTION_OPCODE_TYPE op, DWORD d,
    DWORD s0, DWORD s1)
{
   d3d9_bc_alu(bc, op, d, 2, s0, s1, 0);
}

static void
op3(struct d3d9_bytecode *bc, D3DSHADER_INSTRUCTION_OPCODE_TYPE op, DWORD d,
    DWORD s0, DWORD s1, DWORD s2)
{
   d3d9_bc_alu(bc, op, d, 3, s0, s1, s2);
}

/* op d, s0, c[a0.COMP + BASE] */
static void
op_rel(struct d3d9_bytecode *bc, D3DSHADER_INSTRUCTION_OPCODE_TYPE op, DWORD d,
       DWORD s0, unsigned base, unsigned comp)
{
   d3d9_bc_op(bc, op, 0, 4);
   d3d9_bc_put(bc, d);
   d3d9_bc_put(bc, s0);
   d3d9_bc_put(bc, c_(base, XYZW) | D3DVS_ADDRMODE_RELATIVE);
   d3d9_bc_put(bc, d3d9_bc_src(D3DSPR_ADDR, 0, REP(comp), D3DSPSM_NONE));
}

/* d = clamp(s, 0, 1) */
static void
saturate(struct d3d9_bytecode *bc, DWORD d, unsigned tmp, DWORD s)
{
   op2(bc, D3DSIO_MAX, rd(tmp, MALL), s, c_(C_K0, REP(0)));
   op2(bc, D3DSIO_MIN, d, r_(tmp, XYZW), c_(C_K0, REP(1)));
}

/* Temporaries: */
enum {
   R_EYE = 0,      /* eye-space position (xyz; w = 1/w after the divide) */
   R_NRM = 1,      /* eye-space normal */
   R_DIFF = 2,     /* lighting sums */
   R_AMB = 3,
   R_SPEC = 4,
   R_L = 5,        /* scratch from here */
   R_T6 = 6,
   R_T7 = 7,
   R_T8 = 8,
   R_T9 = 9,
   R_T10 = 10,
   R_T11 = 11,
};

static DWORD
mcs_src(BYTE mcs, unsigned material_reg)
{
   switch (mcs) {
   case MCS_COLOR0: return v_(V_COLOR0, XYZW);
   case MCS_COLOR1: return v_(V_COLOR1, XYZW);
   default: return c_(material_reg, XYZW);
   }
}

static void
emit_lighting(struct d3d9_bytecode *bc, const struct d3d9_ff_vs_key *key)
{
   const BOOL normal = key->has_normal;

   op1(bc, D3DSIO_MOV, rd(R_DIFF, MALL), c_(C_K0, REP(0)));
   op1(bc, D3DSIO_MOV, rd(R_AMB, MALL), c_(C_AMBIENT, XYZW));
   op1(bc, D3DSIO_MOV, rd(R_SPEC, MALL), c_(C_K0, REP(0)));
   /* Local viewer: r9 = normalize(eye), the viewer being -r9. */
   if (key->localviewer && normal && key->num_lights)
      op1(bc, D3DSIO_NRM, rd(R_T9, MXYZ), r_(R_EYE, XYZW));

   for (unsigned i = 0; i < key->num_lights; i++) {
      const unsigned b = C_LIGHT + LIGHT_REGS * i;
      const BYTE type = key->light_type[i];
      DWORD ldir;        /* the direction to the light, normalized */
      DWORD att;         /* attenuation x spot factor */

      if (type == D3DLIGHT_DIRECTIONAL) {
         ldir = c_(b + 4, XYZW);
         att = 0;
         op2(bc, D3DSIO_ADD, rd(R_AMB, MXYZ), r_(R_AMB, XYZW), c_(b + 2, XYZW));
      } else {
         /* r5 = light - eye; r6 = (d², 1/d); r8 = (1, d, d², 1/d) */
         op2(bc, D3DSIO_ADD, rd(R_L, MXYZ), c_(b + 3, XYZW), rneg(R_EYE, XYZW));
         op2(bc, D3DSIO_DP3, rd(R_T6, MX), r_(R_L, XYZW), r_(R_L, XYZW));
         op2(bc, D3DSIO_MAX, rd(R_T6, MX), r_(R_T6, REP(0)), c_(C_K0, REP(3)));
         op1(bc, D3DSIO_RSQ, rd(R_T6, MY), r_(R_T6, REP(0)));
         op2(bc, D3DSIO_DST, rd(R_T8, MALL), r_(R_T6, REP(0)), r_(R_T6, REP(1)));
         /* att = (d <= range) / (a0 + a1 d + a2 d²) */
         op2(bc, D3DSIO_DP3, rd(R_T6, MZ), r_(R_T8, XYZW), c_(b + 5, XYZW));
         op1(bc, D3DSIO_RCP, rd(R_T6, MW), r_(R_T6, REP(2)));
         op2(bc, D3DSIO_SGE, rd(R_T6, MZ), c_(b + 3, REP(3)), r_(R_T8, REP(1)));
         op2(bc, D3DSIO_MUL, rd(R_T6, MW), r_(R_T6, REP(3)), r_(R_T6, REP(2)));
         op2(bc, D3DSIO_MUL, rd(R_L, MXYZ), r_(R_L, XYZW), r_(R_T8, REP(3)));
         if (type == D3DLIGHT_SPOT) {
            /* rho = -L . dir; factor = (rho > cos(phi/2)) *
             * pow(clamp((rho - cos(phi/2)) / (cos(theta/2) - cos(phi/2)),
             * tiny, 1), falloff) */
            op2(bc, D3DSIO_DP3, rd(R_T6, MX), rneg(R_L, XYZW), c_(b + 4, XYZW));
            op2(bc, D3DSIO_ADD, rd(R_T6, MY), r_(R_T6, REP(0)), cneg(b + 6, REP(1)));
            op2(bc, D3DSIO_MUL, rd(R_T6, MY), r_(R_T6, REP(1)), c_(b + 6, REP(2)));
            op2(bc, D3DSIO_MAX, rd(R_T6, MY), r_(R_T6, REP(1)), c_(C_K0, REP(3)));
            op2(bc, D3DSIO_MIN, rd(R_T6, MY), r_(R_T6, REP(1)), c_(C_K0, REP(1)));
            op2(bc, D3DSIO_POW, rd(R_T6, MY), r_(R_T6, REP(1)), c_(b + 4, REP(3)));
            op2(bc, D3DSIO_SLT, rd(R_T6, MX), c_(b + 6, REP(1)), r_(R_T6, REP(0)));
            op2(bc, D3DSIO_MUL, rd(R_T6, MY), r_(R_T6, REP(1)), r_(R_T6, REP(0)));
            op2(bc, D3DSIO_MUL, rd(R_T6, MW), r_(R_T6, REP(3)), r_(R_T6, REP(1)));
         }
         ldir = r_(R_L, XYZW);
         att = r_(R_T6, REP(3));
         op3(bc, D3DSIO_MAD, rd(R_AMB, MXYZ), c_(b + 2, XYZW), att,
             r_(R_AMB, XYZW));
      }
      if (!normal)
         continue;

      /* r7 = (N.L, N.H, -, power); lit: (1, max(N.L, 0), spec, 1) */
      op2(bc, D3DSIO_DP3, rd(R_T7, MX), r_(R_NRM, XYZW), ldir);
      if (key->specular) {
         if (key->localviewer)
            op2(bc, D3DSIO_ADD, rd(R_T8, MXYZ), ldir, rneg(R_T9, XYZW));
         else
            op2(bc, D3DSIO_ADD, rd(R_T8, MXYZ), ldir, c_(C_K1, XYZW));
         op1(bc, D3DSIO_NRM, rd(R_T8, MXYZ), r_(R_T8, XYZW));
         op2(bc, D3DSIO_DP3, rd(R_T7, MY), r_(R_NRM, XYZW), r_(R_T8, XYZW));
         op1(bc, D3DSIO_MOV, rd(R_T7, MW), c_(C_POWER, REP(0)));
      } else {
         op1(bc, D3DSIO_MOV, rd(R_T7, MY | MW), c_(C_K0, REP(0)));
      }
      op1(bc, D3DSIO_LIT, rd(R_T7, MALL), r_(R_T7, XYZW));
      if (att)
         op2(bc, D3DSIO_MUL, rd(R_T7, MY | MZ), r_(R_T7, XYZW), att);
      op3(bc, D3DSIO_MAD, rd(R_DIFF, MXYZ), c_(b + 0, XYZW), r_(R_T7, REP(1)),
          r_(R_DIFF, XYZW));
      if (key->specular)
         op3(bc, D3DSIO_MAD, rd(R_SPEC, MALL), c_(b + 1, XYZW),
             r_(R_T7, REP(2)), r_(R_SPEC, XYZW));
   }

   /* oD0 = Ca * ambient + Cd * diffuse + Ce, alpha Cd's; oD1 = Cs * spec */
   const DWORD cd = mcs_src(key->mcs_diffuse, C_MAT + 0);
   const DWORD ca = mcs_src(key->mcs_ambient, C_MAT + 1);
   const DWORD cs = mcs_src(key->mcs_specular, C_MAT + 2);
   const DWORD ce = mcs_src(key->mcs_emissive, C_MAT + 3);
   op2(bc, D3DSIO_MUL, rd(R_L, MXYZ), r_(R_AMB, XYZW), ca);
   op3(bc, D3DSIO_MAD, rd(R_L, MXYZ), r_(R_DIFF, XYZW), cd, r_(R_L, XYZW));
   op2(bc, D3DSIO_ADD, rd(R_L, MXYZ), r_(R_L, XYZW), ce);
   op1(bc, D3DSIO_MOV, rd(R_L, MW), cd);
   saturate(bc, out_d(0, MALL), R_T6, r_(R_L, XYZW));
   if (key->specular) {
      op2(bc, D3DSIO_MUL, rd(R_SPEC, MALL), r_(R_SPEC, XYZW), cs);
      saturate(bc, out_d(1, MALL), R_T6, r_(R_SPEC, XYZW));
   } else {
      op1(bc, D3DSIO_MOV, out_d(1, MALL), c_(C_K0, REP(0)));
   }
}

static void
emit_texcoords(struct d3d9_bytecode *bc, const struct d3d9_ff_vs_key *key)
{
   for (unsigned i = 0; i < D3D9_TEXTURE_STAGES; i++) {
      const BYTE gen = key->stage[i].gen;
      const unsigned count = key->stage[i].count;
      DWORD src;

      switch (gen << 16) {
      case D3DTSS_TCI_PASSTHRU: {
         const unsigned idx = key->stage[i].index;
         const unsigned size = idx < 8 ? key->tc_size[idx] : 0;
         if (!size) {
            op1(bc, D3DSIO_MOV, out_t(i, MALL), c_(C_K0, REP(0)));
            continue;
         }
         if (!count) {
            const unsigned pw = key->stage[i].proj_w;
            op1(bc, D3DSIO_MOV, out_t(i, MALL),
                v_(V_TC0 + idx, pw ? SWZ(0, 1, 2, pw - 1) : XYZW));
            continue;
         }
         /* The default 1 right after the last component, 0 after it:
          * the driver's (x, 0, 0, 1) and (x, y, 0, 1) reordered. */
         src = v_(V_TC0 + idx, size == 1 ? SWZ(0, 3, 1, 2) :
                               size == 2 ? SWZ(0, 1, 3, 2) : XYZW);
         break;
      }
      case D3DTSS_TCI_CAMERASPACENORMAL:
         op1(bc, D3DSIO_MOV, rd(R_L, MXYZ), r_(R_NRM, XYZW));
         op1(bc, D3DSIO_MOV, rd(R_L, MW), c_(C_K0, REP(1)));
         src = r_(R_L, XYZW);
         break;
      case D3DTSS_TCI_CAMERASPACEPOSITION:
         op1(bc, D3DSIO_MOV, rd(R_L, MXYZ), r_(R_EYE, XYZW));
         op1(bc, D3DSIO_MOV, rd(R_L, MW), c_(C_K0, REP(1)));
         src = r_(R_L, XYZW);
         break;
      default: /* reflection vector, sphere map */
         /* r = e - 2 (e.n) n with e = normalize(eye) */
         op1(bc, D3DSIO_NRM, rd(R_T6, MXYZ), r_(R_EYE, XYZW));
         op2(bc, D3DSIO_DP3, rd(R_T6, MW), r_(R_T6, XYZW), r_(R_NRM, XYZW));
         op2(bc, D3DSIO_MUL, rd(R_T7, MXYZ), r_(R_NRM, XYZW), r_(R_T6, REP(3)));
         op3(bc, D3DSIO_MAD, rd(R_L, MXYZ), r_(R_T7, XYZW), cneg(C_K1, REP(3)),
             r_(R_T6, XYZW));
         if ((gen << 16) == D3DTSS_TCI_SPHEREMAP) {
            /* (r.xy / m + 0.5, 0, 1), m = 2 |r + (0, 0, 1)| */
            op2(bc, D3DSIO_ADD, rd(R_T6, MXYZ), r_(R_L, XYZW), cneg(C_K1, XYZW));
            op2(bc, D3DSIO_DP3, rd(R_T6, MW), r_(R_T6, XYZW), r_(R_T6, XYZW));
            op1(bc, D3DSIO_RSQ, rd(R_T6, MW), r_(R_T6, REP(3)));
            op2(bc, D3DSIO_MUL, rd(R_T6, MW), r_(R_T6, REP(3)), c_(C_K0, REP(2)));
            op3(bc, D3DSIO_MAD, rd(R_L, MX | MY), r_(R_L, XYZW),
                r_(R_T6, REP(3)), c_(C_K0, REP(2)));
            op1(bc, D3DSIO_MOV, rd(R_L, MZ | MW), c_(C_K0, SWZ(0, 0, 0, 1)));
         } else {
            op1(bc, D3DSIO_MOV, rd(R_L, MW), c_(C_K0, REP(1)));
         }
         src = r_(R_L, XYZW);
         break;
      }
      if (!count) {
         op1(bc, D3DSIO_MOV, out_t(i, MALL), src);
         continue;
      }
      const unsigned pw = key->stage[i].proj_w;
      for (unsigned j = 0; j < 4; j++) {
         const unsigned col = j == 3 && pw ? pw - 1 : j;
         op2(bc, D3DSIO_DP4, out_t(i, MX << j), src,
             c_(C_TEX + 4 * i + col, XYZW));
      }
   }
}

static void
emit_fog(struct d3d9_bytecode *bc, const struct d3d9_ff_vs_key *key)
{
   if (key->fog == FF_FOG_SPECULAR) {
      op1(bc, D3DSIO_MOV, out_rast(D3DSRO_FOG, MX),
          key->has_color1 ? v_(V_COLOR1, REP(3)) : c_(C_K0, REP(0)));
      return;
   }
   /* r6.x = the distance */
   if (key->range_fog) {
      op2(bc, D3DSIO_DP3, rd(R_T6, MX), r_(R_EYE, XYZW), r_(R_EYE, XYZW));
      op2(bc, D3DSIO_MAX, rd(R_T6, MX), r_(R_T6, REP(0)), c_(C_K0, REP(3)));
      op1(bc, D3DSIO_RSQ, rd(R_T6, MY), r_(R_T6, REP(0)));
      op2(bc, D3DSIO_MUL, rd(R_T6, MX), r_(R_T6, REP(0)), r_(R_T6, REP(1)));
   } else {
      op1(bc, D3DSIO_ABS, rd(R_T6, MX), r_(R_EYE, REP(2)));
   }
   switch (key->fog) {
   case FF_FOG_LINEAR:
      op3(bc, D3DSIO_MAD, out_rast(D3DSRO_FOG, MX), r_(R_T6, REP(0)),
          c_(C_FOG, REP(0)), c_(C_FOG, REP(1)));
      break;
   case FF_FOG_EXP:
   case FF_FOG_EXP2:
      op2(bc, D3DSIO_MUL, rd(R_T6, MX), r_(R_T6, REP(0)), c_(C_FOG, REP(2)));
      if (key->fog == FF_FOG_EXP2)
         op2(bc, D3DSIO_MUL, rd(R_T6, MX), r_(R_T6, REP(0)), r_(R_T6, REP(0)));
      op2(bc, D3DSIO_MUL, rd(R_T6, MX), r_(R_T6, REP(0)), cneg(C_FOG, REP(3)));
      op1(bc, D3DSIO_EXP, out_rast(D3DSRO_FOG, MX), r_(R_T6, REP(0)));
      break;
   }
}

static void
emit_point_size(struct d3d9_bytecode *bc, const struct d3d9_ff_vs_key *key)
{
   if (!key->point_scale) {
      op1(bc, D3DSIO_MOV, out_rast(D3DSRO_POINT_SIZE, MX), v_(V_PSIZE, REP(0)));
      return;
   }
   /* size * height / sqrt(A + B d + C d²) */
   op1(bc, D3DSIO_MOV, rd(R_T8, MX),
       key->has_psize ? v_(V_PSIZE, REP(0)) : c_(C_POINT, REP(0)));
   op2(bc, D3DSIO_DP3, rd(R_T6, MX), r_(R_EYE, XYZW), r_(R_EYE, XYZW));
   op2(bc, D3DSIO_MAX, rd(R_T6, MX), r_(R_T6, REP(0)), c_(C_K0, REP(3)));
   op1(bc, D3DSIO_RSQ, rd(R_T6, MY), r_(R_T6, REP(0)));
   op2(bc, D3DSIO_DST, rd(R_T7, MALL), r_(R_T6, REP(0)), r_(R_T6, REP(1)));
   op2(bc, D3DSIO_DP3, rd(R_T7, MX), r_(R_T7, XYZW), c_(C_POINT_ABC, XYZW));
   op1(bc, D3DSIO_RSQ, rd(R_T7, MX), r_(R_T7, REP(0)));
   op2(bc, D3DSIO_MUL, rd(R_T8, MX), r_(R_T8, REP(0)), r_(R_T7, REP(0)));
   op2(bc, D3DSIO_MUL, out_rast(D3DSRO_POINT_SIZE, MX), r_(R_T8, REP(0)),
       c_(C_POINT, REP(1)));
}

static void
generate(struct d3d9_bytecode *bc, const struct d3d9_ff_vs_key *key)
{
   BOOL tex_normal = FALSE, tex_eye = FALSE;
   for (unsigned i = 0; i < D3D9_TEXTURE_STAGES; i++) {
      tex_normal |= gen_needs_normal(key->stage[i].gen);
      tex_eye |= gen_needs_eye(key->stage[i].gen);
   }
   const BOOL need_eye = (key->lighting && key->num_lights) || tex_eye ||
                         key->fog >= FF_FOG_EXP || key->point_scale;
   const BOOL need_normal = (key->lighting && key->num_lights) || tex_normal;

   d3d9_bc_init(bc, D3DVS_VERSION(2, 0));

   /* Inputs: every one the declaration has that the shader knows. */
   if (key->has_pos)
      d3d9_bc_dcl_usage(bc, D3DDECLUSAGE_POSITION, 0,
                        d3d9_bc_dst(D3DSPR_INPUT, V_POS, MALL, 0));
   if (key->blend > 1)
      d3d9_bc_dcl_usage(bc, D3DDECLUSAGE_BLENDWEIGHT, 0,
                        d3d9_bc_dst(D3DSPR_INPUT, V_WEIGHT, MALL, 0));
   if (key->indexed)
      d3d9_bc_dcl_usage(bc, D3DDECLUSAGE_BLENDINDICES, 0,
                        d3d9_bc_dst(D3DSPR_INPUT, V_INDEX, MALL, 0));
   if (key->has_normal)
      d3d9_bc_dcl_usage(bc, D3DDECLUSAGE_NORMAL, 0,
                        d3d9_bc_dst(D3DSPR_INPUT, V_NORMAL, MALL, 0));
   if (key->has_psize)
      d3d9_bc_dcl_usage(bc, D3DDECLUSAGE_PSIZE, 0,
                        d3d9_bc_dst(D3DSPR_INPUT, V_PSIZE, MALL, 0));
   if (key->has_color0)
      d3d9_bc_dcl_usage(bc, D3DDECLUSAGE_COLOR, 0,
                        d3d9_bc_dst(D3DSPR_INPUT, V_COLOR0, MALL, 0));
   if (key->has_color1)
      d3d9_bc_dcl_usage(bc, D3DDECLUSAGE_COLOR, 1,
                        d3d9_bc_dst(D3DSPR_INPUT, V_COLOR1, MALL, 0));
   for (unsigned i = 0; i < 8; i++) {
      if (key->tc_size[i])
         d3d9_bc_dcl_usage(bc, D3DDECLUSAGE_TEXCOORD, i,
                           d3d9_bc_dst(D3DSPR_INPUT, V_TC0 + i, MALL, 0));
   }
   d3d9_bc_def(bc, C_K0, 0.0f, 1.0f, 0.5f, 1e-30f);
   d3d9_bc_def(bc, C_K1, 0.0f, 0.0f, -1.0f, 2.0f);
   d3d9_bc_def(bc, C_K2, 4.0f, 1020.0f, 0.0f, 0.0f);

   const DWORD pos = key->has_pos ? v_(V_POS, XYZW) : c_(C_K0, SWZ(0, 0, 0, 1));

   /* Position and normal. */
   if (!key->blend) {
      op2(bc, D3DSIO_M4x4, out_rast(D3DSRO_POSITION, MALL), pos, c_(C_WVP, XYZW));
      if (need_eye)
         op2(bc, D3DSIO_M4x4, rd(R_EYE, MALL), pos, c_(C_WV, XYZW));
      if (need_normal && key->has_normal)
         op2(bc, D3DSIO_M3x3, rd(R_NRM, MXYZ), v_(V_NORMAL, XYZW),
             c_(C_NRM, XYZW));
   } else {
      const unsigned n = key->blend;
      const BOOL blend_normal = need_normal && key->has_normal;
      /* r11.w = 1 - the weights before the last matrix's */
      op1(bc, D3DSIO_MOV, rd(R_T11, MW), c_(C_K0, REP(1)));
      for (unsigned i = 0; i + 1 < n; i++)
         op2(bc, D3DSIO_ADD, rd(R_T11, MW), r_(R_T11, REP(3)),
             d3d9_bc_src(D3DSPR_INPUT, V_WEIGHT, REP(i), D3DSPSM_NEG));
      if (key->indexed) {
         op2(bc, D3DSIO_MUL, rd(R_T10, MALL), v_(V_INDEX, XYZW),
             c_(C_K2, REP(key->indexed == 2 ? 1 : 0)));
         op1(bc, D3DSIO_MOVA, d3d9_bc_dst(D3DSPR_ADDR, 0, MALL, 0),
             r_(R_T10, XYZW));
      }
      for (unsigned i = 0; i < n; i++) {
         const DWORD w = i + 1 < n ? v_(V_WEIGHT, REP(i)) : r_(R_T11, REP(3));
         for (unsigned j = 0; j < 4; j++) {
            if (key->indexed)
               op_rel(bc, D3DSIO_DP4, rd(R_T10, MX << j), pos, C_BLEND + j, i);
            else
               op2(bc, D3DSIO_DP4, rd(R_T10, MX << j), pos,
                   c_(C_BLEND + 4 * i + j, XYZW));
         }
         if (i == 0)
            op2(bc, D3DSIO_MUL, rd(R_EYE, MALL), r_(R_T10, XYZW), w);
         else
            op3(bc, D3DSIO_MAD, rd(R_EYE, MALL), r_(R_T10, XYZW), w,
                r_(R_EYE, XYZW));
         if (!blend_normal)
            continue;
         for (unsigned j = 0; j < 3; j++) {
            if (key->indexed)
               op_rel(bc, D3DSIO_DP3, rd(R_T9, MX << j), v_(V_NORMAL, XYZW),
                      C_BLEND + j, i);
            else
               op2(bc, D3DSIO_DP3, rd(R_T9, MX << j), v_(V_NORMAL, XYZW),
                   c_(C_BLEND + 4 * i + j, XYZW));
         }
         if (i == 0)
            op2(bc, D3DSIO_MUL, rd(R_NRM, MXYZ), r_(R_T9, XYZW), w);
         else
            op3(bc, D3DSIO_MAD, rd(R_NRM, MXYZ), r_(R_T9, XYZW), w,
                r_(R_NRM, XYZW));
      }
      op2(bc, D3DSIO_M4x4, out_rast(D3DSRO_POSITION, MALL), r_(R_EYE, XYZW),
          c_(C_WVP, XYZW));
   }
   if (need_eye) {
      op1(bc, D3DSIO_RCP, rd(R_EYE, MW), r_(R_EYE, REP(3)));
      op2(bc, D3DSIO_MUL, rd(R_EYE, MXYZ), r_(R_EYE, XYZW), r_(R_EYE, REP(3)));
   }
   if (need_normal) {
      if (!key->has_normal)
         op1(bc, D3DSIO_MOV, rd(R_NRM, MALL), c_(C_K0, REP(0)));
      else if (key->normalize)
         op1(bc, D3DSIO_NRM, rd(R_NRM, MXYZ), r_(R_NRM, XYZW));
   }

   /* Colours. */
   if (key->lighting) {
      emit_lighting(bc, key);
   } else {
      if (key->has_color0)
         saturate(bc, out_d(0, MALL), R_T6, v_(V_COLOR0, XYZW));
      else
         op1(bc, D3DSIO_MOV, out_d(0, MALL), c_(C_K0, REP(1)));
      if (key->has_color1)
         saturate(bc, out_d(1, MALL), R_T6, v_(V_COLOR1, XYZW));
      else
         op1(bc, D3DSIO_MOV, out_d(1, MALL), c_(C_K0, REP(0)));
   }

   emit_texcoords(bc, key);
   if (key->fog)
      emit_fog(bc, key);
   if (key->has_psize || key->point_scale)
      emit_point_size(bc, key);
   d3d9_bc_end(bc);
}

/* ---- The cache -------------------------------------------------------- */

static HRESULT
find_shader(struct d3d9_device *device, struct d3d9_ff_vs_cache *cache,
            const struct d3d9_ff_vs_key *key, HANDLE *out)
{
   if (cache->last < cache->count &&
       !memcmp(&cache->entries[cache->last].key, key, sizeof(*key))) {
      *out = cache->entries[cache->last].handle;
      return D3D_OK;
   }
   for (UINT i = 0; i < cache->count; i++) {
      if (!memcmp(&cache->entries[i].key, key, sizeof(*key))) {
         cache->last = i;
         *out = cache->entries[i].handle;
         return D3D_OK;
      }
   }

   if (cache->count == cache->capacity) {
      const UINT cap = cache->capacity ? cache->capacity * 2 : 16;
      struct d3d9_ff_vs_entry *e = realloc(cache->entries, cap * sizeof(*e));
      if (!e)
         return E_OUTOFMEMORY;
      cache->entries = e;
      cache->capacity = cap;
   }

   struct d3d9_bytecode bc;
   generate(&bc, key);
   if (bc.oom) {
      d3d9_bc_free(&bc);
      return E_OUTOFMEMORY;
   }
   D3DDDIARG_CREATEVERTEXSHADERFUNC a = { .Size = bc.count * 4 };
   HRESULT hr = device->funcs.pfnCreateVertexShaderFunc(device->hdevice, &a,
                                                        (const UINT *)bc.tokens);
   d3d9_bc_free(&bc);
   if (FAILED(hr))
      return hr;

   struct d3d9_ff_vs_entry *e = &cache->entries[cache->count];
   e->key = *key;
   e->handle = a.ShaderHandle;
   cache->last = cache->count++;
   *out = e->handle;
   return D3D_OK;
}

HRESULT
d3d9_ff_vs_bind(struct d3d9_device *device)
{
   struct d3d9_ff_vs_cache *cache = device->ff_vs;
   if (!cache) {
      cache = calloc(1, sizeof(*cache));
      if (!cache)
         return E_OUTOFMEMORY;
      device->ff_vs = cache;
   }

   struct d3d9_ff_vs_key key;
   build_key(device, &key);
   HANDLE handle;
   HRESULT hr = find_shader(device, cache, &key, &handle);
   if (FAILED(hr))
      return hr;
   /* Binding the shader the driver has is a no-op there. */
   hr = device->funcs.pfnSetVertexShaderFunc(device->hdevice, handle);
   if (FAILED(hr))
      return hr;

   fill_consts(device, &key, &cache->consts);
   return send_consts(device, cache, &cache->consts);
}

void
d3d9_ff_vs_destroy(struct d3d9_device *device)
{
   struct d3d9_ff_vs_cache *cache = device->ff_vs;
   if (!cache)
      return;
   for (UINT i = 0; i < cache->count; i++)
      device->funcs.pfnDeleteVertexShaderFunc(device->hdevice,
                                              cache->entries[i].handle);
   free(cache->entries);
   free(cache);
   device->ff_vs = NULL;
}

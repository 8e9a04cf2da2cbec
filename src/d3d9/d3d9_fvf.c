/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Flexible vertex formats.  FVFs never reach the driver
 * (processing-shader-codes.md): SetFVF binds a vertex declaration the
 * runtime makes from the FVF, one per FVF per device, kept until the
 * device goes.  The other way, a declaration answers GetFVF with an FVF
 * only when it is a lone position (Windows, per Wine's
 * test_fvf_decl_conversion); any other declaration answers 0.
 */

#include <stdlib.h>

#include "d3d9_fvf.h"
#include "d3d9_object.h"
#include "d3d9_shader.h"

static void
put(D3DVERTEXELEMENT9 *e, UINT *n, WORD *offset, BYTE type, BYTE usage,
    BYTE index)
{
   static const BYTE sizes[] = {
      [D3DDECLTYPE_FLOAT1] = 4, [D3DDECLTYPE_FLOAT2] = 8,
      [D3DDECLTYPE_FLOAT3] = 12, [D3DDECLTYPE_FLOAT4] = 16,
      [D3DDECLTYPE_D3DCOLOR] = 4, [D3DDECLTYPE_UBYTE4] = 4,
   };
   e[*n] = (D3DVERTEXELEMENT9){ 0, *offset, type, D3DDECLMETHOD_DEFAULT,
                                usage, index };
   *offset += sizes[type];
   (*n)++;
}

UINT
d3d9_fvf_to_elements(DWORD fvf, D3DVERTEXELEMENT9 *e)
{
   static const BYTE float_n[] = { 0, D3DDECLTYPE_FLOAT1, D3DDECLTYPE_FLOAT2,
                                   D3DDECLTYPE_FLOAT3, D3DDECLTYPE_FLOAT4 };
   const DWORD position = fvf & D3DFVF_POSITION_MASK;
   UINT n = 0;
   WORD offset = 0;

   switch (position) {
   case 0:
      break;
   case D3DFVF_XYZRHW:
      put(e, &n, &offset, D3DDECLTYPE_FLOAT4, D3DDECLUSAGE_POSITIONT, 0);
      break;
   case D3DFVF_XYZW:
      put(e, &n, &offset, D3DDECLTYPE_FLOAT4, D3DDECLUSAGE_POSITION, 0);
      break;
   default:
      put(e, &n, &offset, D3DDECLTYPE_FLOAT3, D3DDECLUSAGE_POSITION, 0);
      break;
   }

   /* XYZB1-XYZB5: 1-5 "betas" after the position; with a LASTBETA flag
    * (always with XYZB5) the last one is the blend indices. */
   if (position >= D3DFVF_XYZB1 && position <= D3DFVF_XYZB5) {
      UINT betas = (position - D3DFVF_XYZB1) / 2 + 1;
      const BOOL ubyte4 = fvf & D3DFVF_LASTBETA_UBYTE4;
      const BOOL color = fvf & D3DFVF_LASTBETA_D3DCOLOR;
      const BOOL indices = ubyte4 || color || betas == 5;
      if (indices)
         betas--;
      if (betas == 1 && color && indices) {
         /* XYZB2 | LASTBETA_D3DCOLOR: Windows lays out a D3DCOLOR weight
          * and UBYTE4 indices. */
         put(e, &n, &offset, D3DDECLTYPE_D3DCOLOR, D3DDECLUSAGE_BLENDWEIGHT,
             0);
         put(e, &n, &offset, D3DDECLTYPE_UBYTE4, D3DDECLUSAGE_BLENDINDICES,
             0);
      } else {
         if (betas)
            put(e, &n, &offset, float_n[betas], D3DDECLUSAGE_BLENDWEIGHT, 0);
         if (indices)
            put(e, &n, &offset,
                ubyte4 ? D3DDECLTYPE_UBYTE4 :
                color ? D3DDECLTYPE_D3DCOLOR : D3DDECLTYPE_FLOAT1,
                D3DDECLUSAGE_BLENDINDICES, 0);
      }
   }
   if (fvf & D3DFVF_NORMAL)
      put(e, &n, &offset, D3DDECLTYPE_FLOAT3, D3DDECLUSAGE_NORMAL, 0);
   if (fvf & D3DFVF_PSIZE)
      put(e, &n, &offset, D3DDECLTYPE_FLOAT1, D3DDECLUSAGE_PSIZE, 0);
   if (fvf & D3DFVF_DIFFUSE)
      put(e, &n, &offset, D3DDECLTYPE_D3DCOLOR, D3DDECLUSAGE_COLOR, 0);
   if (fvf & D3DFVF_SPECULAR)
      put(e, &n, &offset, D3DDECLTYPE_D3DCOLOR, D3DDECLUSAGE_COLOR, 1);

   const UINT textures = (fvf & D3DFVF_TEXCOUNT_MASK) >> D3DFVF_TEXCOUNT_SHIFT;
   for (UINT i = 0; i < textures && i < 8; i++) {
      /* Two bits per set from bit 16: 0 = 2, 1 = 3, 2 = 4, 3 = 1. */
      static const BYTE counts[4] = { 2, 3, 4, 1 };
      const UINT c = counts[(fvf >> (16 + 2 * i)) & 3];
      put(e, &n, &offset, float_n[c], D3DDECLUSAGE_TEXCOORD, i);
   }
   e[n] = (D3DVERTEXELEMENT9)D3DDECL_END();
   return n;
}

DWORD
d3d9_fvf_from_elements(const D3DVERTEXELEMENT9 *e)
{
   if (e[0].Stream == 0xff || e[1].Stream != 0xff || e[0].Stream ||
       e[0].Offset || e[0].UsageIndex)
      return 0;
   if (e[0].Usage == D3DDECLUSAGE_POSITION && e[0].Type == D3DDECLTYPE_FLOAT3)
      return D3DFVF_XYZ;
   if (e[0].Usage == D3DDECLUSAGE_POSITIONT && e[0].Type == D3DDECLTYPE_FLOAT4)
      return D3DFVF_XYZRHW;
   return 0;
}

IDirect3DVertexDeclaration9 *
d3d9_fvf_declaration(struct d3d9_device *device, DWORD fvf)
{
   for (UINT i = 0; i < device->num_fvf_decls; i++) {
      if (device->fvf_decls[i]->fvf == fvf)
         return (IDirect3DVertexDeclaration9 *)&device->fvf_decls[i]->iface;
   }
   struct d3d9_shader **decls =
      realloc(device->fvf_decls,
              (device->num_fvf_decls + 1) * sizeof(*decls));
   if (!decls)
      return NULL;
   device->fvf_decls = decls;

   D3DVERTEXELEMENT9 elements[MAXD3DDECLLENGTH + 1];
   d3d9_fvf_to_elements(fvf, elements);
   struct d3d9_shader *sh;
   if (FAILED(d3d9_vertex_declaration_create(device, elements, fvf, &sh)))
      return NULL;
   /* The device's list holds a bind, not a public reference: a public
    * one would hold the device (d3d9_object.h). */
   d3d9_bindable_bind(&sh->bindable);
   d3d9_bindable_release(&sh->bindable);
   decls[device->num_fvf_decls++] = sh;
   return (IDirect3DVertexDeclaration9 *)&sh->iface;
}

void
d3d9_fvf_fini(struct d3d9_device *device)
{
   for (UINT i = 0; i < device->num_fvf_decls; i++)
      d3d9_bindable_unbind(&device->fvf_decls[i]->bindable);
   free(device->fvf_decls);
   device->fvf_decls = NULL;
   device->num_fvf_decls = 0;
}

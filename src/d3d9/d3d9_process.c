/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * ProcessVertices: D3D9's software vertex pipeline writing transformed
 * vertices (D3DFVF_XYZRHW) into a buffer, run on the CPU as Microsoft's
 * runtime does.  Positions go through world x view x projection and the
 * viewport; the destination's diffuse, specular and texture coordinates
 * are copied from the source's (D3D9's defaults where the source has
 * none) unless D3DPV_DONOTCOPYDATA.  Not done: lighting, fog and
 * texture coordinate generation or transforms on this path (the fixed-
 * function vertex shader does them for draws), and vertex shaders.
 */

#include <string.h>

#include "d3d9_buffer.h"
#include "d3d9_fvf.h"
#include "d3d9_shader.h"

struct source {
   const BYTE *data;
   UINT stride;
   UINT size;
};

/* Reads element E of vertex I into V (x, y, z, w with D3D9's defaults
 * 0, 0, 0, 1); FALSE when it lies outside the stream. */
static BOOL
read_element(const struct source *streams, const D3DVERTEXELEMENT9 *e,
             UINT i, float v[4])
{
   const struct source *s = &streams[e->Stream];
   static const BYTE sizes[] = { 4, 8, 12, 16, 4 };
   if (!s->data || e->Type > D3DDECLTYPE_D3DCOLOR)
      return FALSE;
   const UINT at = i * s->stride + e->Offset;
   if (at + sizes[e->Type] > s->size)
      return FALSE;
   v[0] = v[1] = v[2] = 0.0f;
   v[3] = 1.0f;
   if (e->Type == D3DDECLTYPE_D3DCOLOR) {
      DWORD c;
      memcpy(&c, s->data + at, 4);
      v[0] = ((c >> 16) & 0xff) / 255.0f;
      v[1] = ((c >> 8) & 0xff) / 255.0f;
      v[2] = (c & 0xff) / 255.0f;
      v[3] = (c >> 24) / 255.0f;
   } else {
      memcpy(v, s->data + at, 4 * (e->Type + 1));
   }
   return TRUE;
}

static const D3DVERTEXELEMENT9 *
find(const D3DVERTEXELEMENT9 *e, BYTE usage, BYTE index)
{
   for (; e->Stream != 0xff; e++) {
      if (e->Usage == usage && e->UsageIndex == index)
         return e;
   }
   return NULL;
}

static void
mul(D3DMATRIX *r, const D3DMATRIX *a, const D3DMATRIX *b)
{
   D3DMATRIX t;
   for (int i = 0; i < 4; i++)
      for (int j = 0; j < 4; j++)
         t.m[i][j] = a->m[i][0] * b->m[0][j] + a->m[i][1] * b->m[1][j] +
                     a->m[i][2] * b->m[2][j] + a->m[i][3] * b->m[3][j];
   *r = t;
}

static DWORD
pack_color(const float v[4])
{
   DWORD c = 0;
   const int shift[4] = { 16, 8, 0, 24 };
   for (int i = 0; i < 4; i++) {
      float f = v[i] < 0.0f ? 0.0f : v[i] > 1.0f ? 1.0f : v[i];
      c |= (DWORD)(f * 255.0f + 0.5f) << shift[i];
   }
   return c;
}

HRESULT WINAPI
d3d9_device_ProcessVertices(IDirect3DDevice9Ex *iface, UINT src_start,
                            UINT dst_index, UINT count,
                            IDirect3DVertexBuffer9 *dst_buffer,
                            IDirect3DVertexDeclaration9 *out_decl, DWORD flags)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_buffer *dst = d3d9_buffer_from_vb(dst_buffer);

   if (!dst || !dst->fvf ||
       (dst->fvf & D3DFVF_POSITION_MASK) != D3DFVF_XYZRHW)
      return D3DERR_INVALIDCALL;
   d3d9_state_lock(device);
   const struct d3d9_state *s = &device->state;
   const struct d3d9_shader *decl = d3d9_shader_from_iface(s->decl);
   const D3DVERTEXELEMENT9 *elements = decl ? decl->data : NULL;
   const D3DVERTEXELEMENT9 *pos =
      elements ? find(elements, D3DDECLUSAGE_POSITION, 0) : NULL;
   if (!pos || s->vs) {
      d3d9_state_unlock(device);
      return D3DERR_INVALIDCALL;
   }

   D3DVERTEXELEMENT9 out[MAXD3DDECLLENGTH + 1];
   d3d9_fvf_to_elements(dst->fvf, out);
   UINT dst_stride = 0;
   for (const D3DVERTEXELEMENT9 *e = out; e->Stream != 0xff; e++) {
      static const BYTE sizes[] = { 4, 8, 12, 16, 4, 4 };
      const UINT end = e->Offset + sizes[e->Type];
      dst_stride = end > dst_stride ? end : dst_stride;
   }
   if ((UINT64)(dst_index + count) * dst_stride > dst->size) {
      d3d9_state_unlock(device);
      return D3DERR_INVALIDCALL;
   }

   /* The sources, read through their Lock (system memory or the
    * driver's map). */
   struct source streams[D3D9_MAX_STREAMS] = { 0 };
   HRESULT hr = D3D_OK;
   for (UINT i = 0; i < D3D9_MAX_STREAMS && SUCCEEDED(hr); i++) {
      IDirect3DVertexBuffer9 *vb = s->streams[i].buffer;
      struct d3d9_buffer *b = d3d9_buffer_from_vb(vb);
      void *p;
      if (!b)
         continue;
      hr = IDirect3DVertexBuffer9_Lock(vb, 0, 0, &p, D3DLOCK_READONLY);
      if (SUCCEEDED(hr)) {
         const UINT off = s->streams[i].offset < b->size ?
                          s->streams[i].offset : b->size;
         streams[i] = (struct source){ (const BYTE *)p + off,
                                       s->streams[i].stride,
                                       b->size - off };
      }
   }
   BYTE *d = NULL;
   if (SUCCEEDED(hr))
      hr = IDirect3DVertexBuffer9_Lock(dst_buffer, dst_index * dst_stride,
                                       count * dst_stride, (void **)&d, 0);
   if (SUCCEEDED(hr)) {
      D3DMATRIX wvp;
      mul(&wvp, &s->transforms[D3DTS_WORLD], &s->transforms[D3DTS_VIEW]);
      mul(&wvp, &wvp, &s->transforms[D3DTS_PROJECTION]);
      const D3DVIEWPORT9 *vp = &s->viewport;
      for (UINT n = 0; n < count; n++) {
         BYTE *v = d + n * dst_stride;
         float p[4], c[4];
         if (!read_element(streams, pos, src_start + n, p))
            memset(p, 0, sizeof(p));
         if (pos->Type != D3DDECLTYPE_FLOAT4)
            p[3] = 1.0f;
         for (int j = 0; j < 4; j++)
            c[j] = p[0] * wvp.m[0][j] + p[1] * wvp.m[1][j] +
                   p[2] * wvp.m[2][j] + p[3] * wvp.m[3][j];
         const float rhw = c[3] ? 1.0f / c[3] : 1.0f;
         const float t[4] = {
            vp->X + (1.0f + c[0] * rhw) * vp->Width * 0.5f,
            vp->Y + (1.0f - c[1] * rhw) * vp->Height * 0.5f,
            vp->MinZ + c[2] * rhw * (vp->MaxZ - vp->MinZ),
            rhw,
         };
         memcpy(v, t, sizeof(t));
         if (flags & D3DPV_DONOTCOPYDATA)
            continue;
         for (const D3DVERTEXELEMENT9 *e = out + 1; e->Stream != 0xff; e++) {
            const D3DVERTEXELEMENT9 *src = find(elements, e->Usage,
                                                e->UsageIndex);
            float a[4] = { 0.0f, 0.0f, 0.0f, 0.0f };
            if (e->Usage == D3DDECLUSAGE_COLOR && e->UsageIndex == 0)
               a[0] = a[1] = a[2] = a[3] = 1.0f;   /* white diffuse */
            if (src)
               read_element(streams, src, src_start + n, a);
            if (e->Type == D3DDECLTYPE_D3DCOLOR) {
               const DWORD packed = pack_color(a);
               memcpy(v + e->Offset, &packed, 4);
            } else if (e->Type <= D3DDECLTYPE_FLOAT4) {
               memcpy(v + e->Offset, a, 4 * (e->Type + 1));
            }
         }
      }
      IDirect3DVertexBuffer9_Unlock(dst_buffer);
   }
   for (UINT i = 0; i < D3D9_MAX_STREAMS; i++) {
      if (streams[i].data)
         IDirect3DVertexBuffer9_Unlock(s->streams[i].buffer);
   }
   d3d9_state_unlock(device);
   return FAILED(hr) ? D3DERR_INVALIDCALL : D3D_OK;
}

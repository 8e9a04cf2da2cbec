/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * DrawPrimitive and DrawIndexedPrimitive: commit the state, then one
 * draw_vbo.  Every storage the draw reads or writes is marked used by the
 * current batch (d3dumd_fence.c), so that Lock, LockAsync and Rename see
 * the draw in flight.
 */

#include <string.h>

#include "d3dumd_backing.h"

#include "cso_cache/cso_context.h"
#include "pipe/p_context.h"
#include "util/bitscan.h"
#include "util/u_inlines.h"
#include "util/u_upload_mgr.h"

/* D3DPRIMITIVETYPE -> Gallium, and the vertices `count` primitives use;
 * false for a type outside the enumeration. */
static bool
primitive(D3DPRIMITIVETYPE type, UINT count, enum pipe_prim_type *mode,
          unsigned *vertices)
{
   switch (type) {
   case D3DPT_POINTLIST:
      *mode = PIPE_PRIM_POINTS;
      *vertices = count;
      return true;
   case D3DPT_LINELIST:
      *mode = PIPE_PRIM_LINES;
      *vertices = count * 2;
      return true;
   case D3DPT_LINESTRIP:
      *mode = PIPE_PRIM_LINE_STRIP;
      *vertices = count + 1;
      return true;
   case D3DPT_TRIANGLELIST:
      *mode = PIPE_PRIM_TRIANGLES;
      *vertices = count * 3;
      return true;
   case D3DPT_TRIANGLESTRIP:
      *mode = PIPE_PRIM_TRIANGLE_STRIP;
      *vertices = count + 2;
      return true;
   case D3DPT_TRIANGLEFAN:
      *mode = PIPE_PRIM_TRIANGLE_FAN;
      *vertices = count + 2;
      return true;
   default:
      return false;
   }
}

static void
mark_streams_used(struct d3dumd_device *dev)
{
   const struct d3dumd_state *st = &dev->state;
   u_foreach_bit(i, st->vdecl->streams & st->stream_res_mask)
      d3dumd_mark_used(dev, d3dumd_backing_current(st->stream[i].res, 0));
}

/* Whether a draw takes the pre-transformed path: DrawPrimitive2 and
 * DrawIndexedPrimitive2 always, the others with a POSITIONT declaration
 * and no vertex shader. */
static bool
pretransformed(const struct d3dumd_device *dev, bool draw2)
{
   const struct d3dumd_state *st = &dev->state;
   return draw2 || (st->vdecl && st->vdecl->positiont && !st->vs);
}

/* Everything before the draw itself.  `stream0_offset`: bytes added to
 * stream 0's offset (DrawPrimitive2's FirstVertexOffset). */
static bool
prepare(struct d3dumd_device *dev, enum pipe_prim_type mode, bool positiont,
        unsigned first, unsigned count, unsigned stream0_offset)
{
   /* Point lists have state of their own (sprites, sizes). */
   d3dumd_state_set_points(dev, mode == PIPE_PRIM_POINTS);
   if (positiont && !dev->state.vdecl) {
      d3dumd_log(dev->adapter->debug, D3DUMD_DEBUG_USER, __func__,
                 "draw without a vertex declaration");
      return false;
   }
   if (!d3dumd_shader_commit(dev, positiont) ||
       !d3dumd_state_commit(dev, positiont) ||
       !d3dumd_vertex_commit(dev, positiont, first, count, stream0_offset))
      return false;
   mark_streams_used(dev);
   d3dumd_state_mark_bound_used(dev);
   return true;
}

/* User-memory streams are valid for one draw (SetStreamSourceUm). */
static void
forget_user_memory(struct d3dumd_device *dev)
{
   struct d3dumd_state *st = &dev->state;
   u_foreach_bit(i, st->stream_user_mask)
      st->stream[i].user = NULL;
   st->stream_user_mask = 0;
   st->ib_user = NULL;
}

static HRESULT APIENTRY
d3dumd_DrawPrimitive(HANDLE hDevice, const D3DDDIARG_DRAWPRIMITIVE *pData,
                     const UINT *pFlagBuffer)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "PrimitiveType=%u VStart=%u PrimitiveCount=%u",
                pData->PrimitiveType, pData->VStart, pData->PrimitiveCount);
   enum pipe_prim_type mode;
   unsigned count;
   d3dumd_check(debug, primitive(pData->PrimitiveType, pData->PrimitiveCount,
                                 &mode, &count), E_FAIL);
   (void)pFlagBuffer; /* edge flags: the fast path draws every edge */
   if (!pData->PrimitiveCount)
      return S_OK;

   if (!prepare(dev, mode, pretransformed(dev, false), pData->VStart, count,
                0)) {
      forget_user_memory(dev);
      return E_FAIL;
   }
   struct pipe_draw_info info;
   memset(&info, 0, sizeof(info));
   info.mode = mode;
   info.instance_count = 1;
   struct pipe_draw_start_count_bias draw = {
      .start = pData->VStart,
      .count = count,
   };
   cso_draw_vbo(dev->cso, &info, 0, NULL, draw);
   d3dumd_shader_drew(dev);
   forget_user_memory(dev);
   return S_OK;
}

static HRESULT APIENTRY
d3dumd_DrawIndexedPrimitive(HANDLE hDevice,
                            const D3DDDIARG_DRAWINDEXEDPRIMITIVE *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "PrimitiveType=%u BaseVertexIndex=%d MinIndex=%u "
                "NumVertices=%u StartIndex=%u PrimitiveCount=%u",
                pData->PrimitiveType, pData->BaseVertexIndex,
                pData->MinIndex, pData->NumVertices, pData->StartIndex,
                pData->PrimitiveCount);
   enum pipe_prim_type mode;
   unsigned count;
   d3dumd_check(debug, primitive(pData->PrimitiveType, pData->PrimitiveCount,
                                 &mode, &count), E_FAIL);
   struct d3dumd_state *st = &dev->state;
   d3dumd_check(debug, st->ib || st->ib_user, E_FAIL);
   if (!pData->PrimitiveCount)
      return S_OK;

   /* User-memory vertices: the range the indices may reach is MinIndex
    * .. MinIndex + NumVertices after the base (the runtime's promise). */
   const int64_t first = (int64_t)pData->BaseVertexIndex + pData->MinIndex;
   if (!prepare(dev, mode, pretransformed(dev, false),
                first > 0 ? (unsigned)first : 0, pData->NumVertices, 0)) {
      forget_user_memory(dev);
      return E_FAIL;
   }

   struct pipe_draw_info info;
   memset(&info, 0, sizeof(info));
   info.mode = mode;
   info.instance_count = d3dumd_vertex_instances(dev, true);
   struct pipe_draw_start_count_bias draw = {
      .start = pData->StartIndex,
      .count = count,
      .index_bias = pData->BaseVertexIndex,
   };
   struct pipe_resource *upload = NULL;
   if (st->ib && !st->ib->sysmem) {
      struct d3dumd_backing *b = d3dumd_backing_for_gpu(dev, st->ib, 0);
      d3dumd_mark_used(dev, b);
      info.index_size = st->ib_stride;
      info.index.resource = b->pres;
   } else {
      /* User memory, or a system-memory index buffer (the runtime's
       * memory: uploaded at each draw, never read past its end). */
      const unsigned size = st->ib ? st->ib_stride : st->ib_user_stride;
      const uint8_t *mem = st->ib ? st->ib->sub[0].sysmem : st->ib_user;
      if (st->ib) {
         const uint64_t have = st->ib->sub[0].width / size;
         if ((uint64_t)pData->StartIndex + count > have) {
            d3dumd_log(debug, D3DUMD_DEBUG_USER, __func__,
                       "indices past the end of the index buffer");
            count = have > pData->StartIndex ? have - pData->StartIndex : 0;
            draw.count = count;
            if (!count) {
               forget_user_memory(dev);
               return S_OK;
            }
         }
      }
      unsigned offset = 0;
      u_upload_data(dev->uploader, 0, count * size, 4,
                    mem + (size_t)pData->StartIndex * size, &offset, &upload);
      if (!upload) {
         forget_user_memory(dev);
         return d3dumd_error(debug, E_OUTOFMEMORY);
      }
      info.index_size = size;
      info.index.resource = upload;
      draw.start = offset / size;
   }
   cso_draw_vbo(dev->cso, &info, 0, NULL, draw);
   d3dumd_shader_drew(dev);
   pipe_resource_reference(&upload, NULL);
   forget_user_memory(dev);
   return S_OK;
}

/* DrawPrimitive2: pre-transformed vertices from stream 0, starting
 * FirstVertexOffset bytes in. */
static HRESULT APIENTRY
d3dumd_DrawPrimitive2(HANDLE hDevice, const D3DDDIARG_DRAWPRIMITIVE2 *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "PrimitiveType=%u FirstVertexOffset=%u "
                "PrimitiveCount=%u", pData->PrimitiveType,
                pData->FirstVertexOffset, pData->PrimitiveCount);
   enum pipe_prim_type mode;
   unsigned count;
   d3dumd_check(debug, primitive(pData->PrimitiveType, pData->PrimitiveCount,
                                 &mode, &count), E_FAIL);
   if (!pData->PrimitiveCount)
      return S_OK;
   if (!prepare(dev, mode, true, 0, count, pData->FirstVertexOffset)) {
      forget_user_memory(dev);
      return E_FAIL;
   }
   struct pipe_draw_info info;
   memset(&info, 0, sizeof(info));
   info.mode = mode;
   info.instance_count = 1;
   struct pipe_draw_start_count_bias draw = { .start = 0, .count = count };
   cso_draw_vbo(dev->cso, &info, 0, NULL, draw);
   d3dumd_shader_drew(dev);
   forget_user_memory(dev);
   return S_OK;
}

/* DrawIndexedPrimitive2: pre-transformed vertices, indices in the
 * runtime's memory (valid for the call), offsets in bytes: stream 0
 * from BaseVertexOffset, the indices from StartIndexOffset. */
static HRESULT APIENTRY
d3dumd_DrawIndexedPrimitive2(HANDLE hDevice,
                             const D3DDDIARG_DRAWINDEXEDPRIMITIVE2 *pData,
                             UINT dwIndicesSize, const VOID *pIndexBuffer,
                             const UINT *pFlagBuffer)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "PrimitiveType=%u BaseVertexOffset=%d MinIndex=%u "
                "NumVertices=%u StartIndexOffset=%u PrimitiveCount=%u "
                "dwIndicesSize=%u", pData->PrimitiveType,
                pData->BaseVertexOffset, pData->MinIndex, pData->NumVertices,
                pData->StartIndexOffset, pData->PrimitiveCount,
                dwIndicesSize);
   enum pipe_prim_type mode;
   unsigned count;
   d3dumd_check(debug, primitive(pData->PrimitiveType, pData->PrimitiveCount,
                                 &mode, &count), E_FAIL);
   d3dumd_check(debug, dwIndicesSize == 2 || dwIndicesSize == 4, E_FAIL);
   d3dumd_check(debug, pIndexBuffer, E_FAIL);
   /* The base is in bytes: it moves stream 0, which must stay at or
    * after its start. */
   d3dumd_check(debug, pData->BaseVertexOffset >= 0, E_FAIL);
   (void)pFlagBuffer;
   if (!pData->PrimitiveCount)
      return S_OK;
   if (!prepare(dev, mode, true, pData->MinIndex, pData->NumVertices,
                pData->BaseVertexOffset)) {
      forget_user_memory(dev);
      return E_FAIL;
   }
   unsigned offset = 0;
   struct pipe_resource *upload = NULL;
   u_upload_data(dev->uploader, 0, count * dwIndicesSize, 4,
                 (const uint8_t *)pIndexBuffer + pData->StartIndexOffset,
                 &offset, &upload);
   if (!upload) {
      forget_user_memory(dev);
      return d3dumd_error(debug, E_OUTOFMEMORY);
   }
   struct pipe_draw_info info;
   memset(&info, 0, sizeof(info));
   info.mode = mode;
   info.instance_count = 1;
   info.index_size = dwIndicesSize;
   info.index.resource = upload;
   struct pipe_draw_start_count_bias draw = {
      .start = offset / dwIndicesSize, .count = count,
   };
   cso_draw_vbo(dev->cso, &info, 0, NULL, draw);
   d3dumd_shader_drew(dev);
   pipe_resource_reference(&upload, NULL);
   forget_user_memory(dev);
   return S_OK;
}

void
d3dumd_draw_fill_funcs(D3DDDI_DEVICEFUNCS *funcs)
{
   funcs->pfnDrawPrimitive = d3dumd_DrawPrimitive;
   funcs->pfnDrawIndexedPrimitive = d3dumd_DrawIndexedPrimitive;
   funcs->pfnDrawPrimitive2 = d3dumd_DrawPrimitive2;
   funcs->pfnDrawIndexedPrimitive2 = d3dumd_DrawIndexedPrimitive2;
}

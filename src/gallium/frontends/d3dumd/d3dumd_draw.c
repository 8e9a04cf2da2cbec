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

#include "d3dumd_private.h"

#include "cso_cache/cso_context.h"
#include "pipe/p_context.h"
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
   const uint16_t streams = st->vdecl->streams;

   for (unsigned i = 0; i < D3DUMD_MAX_STREAMS; i++) {
      if ((streams & (1u << i)) && st->stream[i].res)
         d3dumd_mark_used(dev, st->stream[i].res->current[0]);
   }
}

/* Everything before the draw itself. */
static bool
prepare(struct d3dumd_device *dev, unsigned first, unsigned count)
{
   if (!d3dumd_shader_commit(dev, false) ||
       !d3dumd_state_commit(dev, false) ||
       !d3dumd_vertex_commit(dev, first, count))
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
   for (unsigned i = 0; i < D3DUMD_MAX_STREAMS; i++)
      st->stream[i].user = NULL;
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

   const bool user = dev->state.stream[0].user != NULL;
   if (!prepare(dev, pData->VStart, count)) {
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
   (void)user;
   cso_draw_vbo(dev->cso, &info, 0, NULL, draw);
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
   if (!prepare(dev, first > 0 ? (unsigned)first : 0, pData->NumVertices)) {
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
   if (st->ib) {
      struct d3dumd_backing *b = st->ib->current[0];
      d3dumd_backing_drop_maps(dev, b);
      d3dumd_mark_used(dev, b);
      info.index_size = st->ib_stride;
      info.index.resource = b->pres;
   } else {
      const unsigned size = st->ib_user_stride;
      unsigned offset = 0;
      u_upload_data(dev->uploader, 0, count * size, 4,
                    (const uint8_t *)st->ib_user +
                    (size_t)pData->StartIndex * size, &offset, &upload);
      if (!upload) {
         forget_user_memory(dev);
         return d3dumd_error(debug, E_OUTOFMEMORY);
      }
      info.index_size = size;
      info.index.resource = upload;
      draw.start = offset / size;
   }
   cso_draw_vbo(dev->cso, &info, 0, NULL, draw);
   pipe_resource_reference(&upload, NULL);
   forget_user_memory(dev);
   return S_OK;
}

void
d3dumd_draw_fill_funcs(D3DDDI_DEVICEFUNCS *funcs)
{
   funcs->pfnDrawPrimitive = d3dumd_DrawPrimitive;
   funcs->pfnDrawIndexedPrimitive = d3dumd_DrawIndexedPrimitive;
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Vertex input: declarations (CreateVertexShaderDecl), stream sources in
 * buffers and in user memory, their frequencies (instancing), index
 * buffers, and the Gallium vertex elements and buffers they make for the
 * bound vertex shader.
 *
 * A vertex shader's input register i is Gallium's vertex element i; the
 * declaration element with the input's usage and usage index feeds it
 * (D3D9 links declarations to shaders by usage, not by position).  An
 * input no element feeds reads zeros.
 */

#include <string.h>

#include "d3dumd_backing.h"

#include "cso_cache/cso_context.h"
#include "pipe/p_context.h"
#include "pipe/p_screen.h"
#include "util/format/u_format.h"
#include "util/u_inlines.h"
#include "util/bitscan.h"
#include "util/u_memory.h"
#include "util/u_upload_mgr.h"

/* D3DDECLTYPE -> Gallium vertex format; D3DCOLOR is BGRA in memory, so
 * B8G8R8A8 hands the shader (R, G, B, A). */
static const enum pipe_format decl_formats[] = {
   [D3DDECLTYPE_FLOAT1]    = PIPE_FORMAT_R32_FLOAT,
   [D3DDECLTYPE_FLOAT2]    = PIPE_FORMAT_R32G32_FLOAT,
   [D3DDECLTYPE_FLOAT3]    = PIPE_FORMAT_R32G32B32_FLOAT,
   [D3DDECLTYPE_FLOAT4]    = PIPE_FORMAT_R32G32B32A32_FLOAT,
   [D3DDECLTYPE_D3DCOLOR]  = PIPE_FORMAT_B8G8R8A8_UNORM,
   [D3DDECLTYPE_UBYTE4]    = PIPE_FORMAT_R8G8B8A8_USCALED,
   [D3DDECLTYPE_SHORT2]    = PIPE_FORMAT_R16G16_SSCALED,
   [D3DDECLTYPE_SHORT4]    = PIPE_FORMAT_R16G16B16A16_SSCALED,
   [D3DDECLTYPE_UBYTE4N]   = PIPE_FORMAT_R8G8B8A8_UNORM,
   [D3DDECLTYPE_SHORT2N]   = PIPE_FORMAT_R16G16_SNORM,
   [D3DDECLTYPE_SHORT4N]   = PIPE_FORMAT_R16G16B16A16_SNORM,
   [D3DDECLTYPE_USHORT2N]  = PIPE_FORMAT_R16G16_UNORM,
   [D3DDECLTYPE_USHORT4N]  = PIPE_FORMAT_R16G16B16A16_UNORM,
   [D3DDECLTYPE_UDEC3]     = PIPE_FORMAT_R10G10B10X2_USCALED,
   [D3DDECLTYPE_DEC3N]     = PIPE_FORMAT_R10G10B10X2_SNORM,
   [D3DDECLTYPE_FLOAT16_2] = PIPE_FORMAT_R16G16_FLOAT,
   [D3DDECLTYPE_FLOAT16_4] = PIPE_FORMAT_R16G16B16A16_FLOAT,
};

/* The element that feeds a declared input: same usage and usage index
 * (a POSITIONT element feeds a POSITION input), or -1. */
static int
vdecl_element_for(const struct d3dumd_vdecl *decl,
                  const struct d3dumd_sm_decl *in)
{
   if (!in->declared)
      return -1;
   for (unsigned j = 0; j < decl->num_elements; j++) {
      const D3DDDIVERTEXELEMENT *d = &decl->elements[j];
      const bool usage = d->Usage == in->usage ||
                         (d->Usage == D3DDECLUSAGE_POSITIONT &&
                          in->usage == D3DDECLUSAGE_POSITION);
      if (usage && d->UsageIndex == in->usage_index)
         return j;
   }
   return -1;
}

/* The format a declaration type is fetched with.  UDEC3 and DEC3N have
 * no fourth component (w reads 1); where the screen lacks the X2 formats
 * (zink: Vulkan has no R10G10B10X2_USCALED), the A2 format is fetched and
 * the vertex shader variant puts 1 in w (d3dumd_shader_key::w_one).
 * Other missing formats are u_vbuf's to translate (cso_context). */
static enum pipe_format
vertex_format(struct pipe_screen *screen, unsigned type, bool *w_one)
{
   enum pipe_format f = decl_formats[type];
   *w_one = false;
   if (screen->is_format_supported(screen, f, PIPE_BUFFER, 0, 0,
                                   PIPE_BIND_VERTEX_BUFFER))
      return f;
   const enum pipe_format a2 =
      f == PIPE_FORMAT_R10G10B10X2_USCALED ? PIPE_FORMAT_R10G10B10A2_USCALED :
      f == PIPE_FORMAT_R10G10B10X2_SNORM ? PIPE_FORMAT_R10G10B10A2_SNORM :
      PIPE_FORMAT_NONE;
   if (a2 != PIPE_FORMAT_NONE &&
       screen->is_format_supported(screen, a2, PIPE_BUFFER, 0, 0,
                                   PIPE_BIND_VERTEX_BUFFER)) {
      *w_one = true;
      return a2;
   }
   return f;
}

/* Vertex shader inputs whose w the shader sets to 1 (vertex_format). */
uint16_t
d3dumd_vertex_w_one_inputs(const struct d3dumd_device *dev,
                           const struct d3dumd_sm_program *vs)
{
   const struct d3dumd_vdecl *decl = dev->state.vdecl;
   uint16_t mask = 0;
   if (!decl)
      return 0;
   for (unsigned i = 0; i < D3DUMD_SM_MAX_INPUTS; i++) {
      const int j = vdecl_element_for(decl, &vs->inputs[i]);
      if (j >= 0 && decl->w_one[j])
         mask |= 1u << i;
   }
   return mask;
}

static HRESULT APIENTRY
d3dumd_CreateVertexShaderDecl(HANDLE hDevice,
                              D3DDDIARG_CREATEVERTEXSHADERDECL *pData,
                              const D3DDDIVERTEXELEMENT *pVertexElements)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "NumVertexElements=%u", pData->NumVertexElements);
   d3dumd_check(debug, pData->NumVertexElements <= D3DUMD_MAX_VERTEX_ELEMENTS,
                E_FAIL);
   d3dumd_check(debug, !pData->NumVertexElements || pVertexElements, E_FAIL);

   struct d3dumd_vdecl *decl = CALLOC_STRUCT(d3dumd_vdecl);
   if (!decl)
      return d3dumd_error(debug, E_OUTOFMEMORY);
   decl->base.type = D3DUMD_OBJ_VDECL;
   decl->dev = dev;
   decl->num_elements = pData->NumVertexElements;
   for (unsigned i = 0; i < decl->num_elements; i++) {
      const D3DDDIVERTEXELEMENT *e = &pVertexElements[i];
      if (e->Stream >= D3DUMD_MAX_STREAMS || e->Type >= D3DDECLTYPE_UNUSED ||
          e->Usage > D3DDECLUSAGE_SAMPLE || e->UsageIndex >= 16) {
         d3dumd_log(debug, D3DUMD_DEBUG_USER, __func__,
                    "element %u: stream %u type %u usage %u index %u invalid",
                    i, e->Stream, e->Type, e->Usage, e->UsageIndex);
         FREE(decl);
         return E_FAIL;
      }
      decl->elements[i] = *e;
      decl->formats[i] = vertex_format(dev->screen, e->Type,
                                       &decl->w_one[i]);
      decl->streams |= 1u << e->Stream;
      if (e->Usage == D3DDECLUSAGE_POSITIONT)
         decl->positiont = true;
   }
   decl->base.handle = d3dumd_handle_register(decl, D3DUMD_OBJ_VDECL);
   if (!decl->base.handle) {
      FREE(decl);
      return d3dumd_error(debug, E_OUTOFMEMORY);
   }
   list_addtail(&decl->link, &dev->vdecls);
   pData->ShaderHandle = decl->base.handle;
   return S_OK;
}

static void
vdecl_free(struct d3dumd_vdecl *decl)
{
   d3dumd_handle_release(decl->base.handle);
   list_del(&decl->link);
   decl->base.type = 0;
   FREE(decl);
}

static HRESULT APIENTRY
d3dumd_DeleteVertexShaderDecl(HANDLE hDevice, HANDLE hShaderHandle)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   struct d3dumd_vdecl *decl = d3dumd_vdecl_from_handle(hShaderHandle);
   d3dumd_check(debug, decl && decl->dev == dev, E_FAIL);
   if (dev->state.vdecl == decl) {
      dev->state.vdecl = NULL;
      dev->state.dirty |= D3DUMD_DIRTY_VELEMS | D3DUMD_DIRTY_VB;
   }
   d3dumd_pretransformed_release(dev, decl);
   vdecl_free(decl);
   return S_OK;
}

static HRESULT APIENTRY
d3dumd_SetVertexShaderDecl(HANDLE hDevice, HANDLE hShaderHandle)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   D3DUMD_TRACE(debug, "hShaderHandle=%p", hShaderHandle);
   struct d3dumd_vdecl *decl = NULL;
   if (hShaderHandle) {
      decl = d3dumd_vdecl_from_handle(hShaderHandle);
      d3dumd_check(debug, decl && decl->dev == dev, E_FAIL);
   }
   if (dev->state.vdecl != decl) {
      dev->state.vdecl = decl;
      dev->state.dirty |= D3DUMD_DIRTY_VELEMS | D3DUMD_DIRTY_VB;
   }
   return S_OK;
}

void
d3dumd_vdecl_destroy_all(struct d3dumd_device *dev)
{
   list_for_each_entry_safe(struct d3dumd_vdecl, decl, &dev->vdecls, link) {
      d3dumd_pretransformed_release(dev, decl);
      vdecl_free(decl);
   }
   dev->state.vdecl = NULL;
}

static HRESULT APIENTRY
d3dumd_SetStreamSource(HANDLE hDevice, const D3DDDIARG_SETSTREAMSOURCE *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "Stream=%u hVertexBuffer=%p Offset=%u Stride=%u",
                pData->Stream, pData->hVertexBuffer, pData->Offset,
                pData->Stride);
   d3dumd_check(debug, pData->Stream < D3DUMD_MAX_STREAMS, E_FAIL);
   d3dumd_check(debug, pData->Stride <= UINT16_MAX, E_FAIL);
   struct d3dumd_resource *res = NULL;
   if (pData->hVertexBuffer) {
      res = d3dumd_device_resource(dev, pData->hVertexBuffer);
      d3dumd_check(debug, res && res->is_buffer, E_FAIL);
   }
   struct d3dumd_stream *s = &dev->state.stream[pData->Stream];
   s->res = res;
   s->user = NULL;
   const uint16_t bit = 1u << pData->Stream;
   /* A system-memory buffer's data is the runtime's memory: every draw
    * uploads what it reads of it, as of user memory. */
   dev->state.stream_user_mask &= ~bit;
   dev->state.stream_res_mask &= ~bit;
   dev->state.stream_sysmem_mask &= ~bit;
   if (res && res->sysmem)
      dev->state.stream_sysmem_mask |= bit;
   else if (res)
      dev->state.stream_res_mask |= bit;
   s->offset = pData->Offset;
   s->stride = pData->Stride;
   dev->state.dirty |= D3DUMD_DIRTY_VB;
   return S_OK;
}

/* User memory, valid for the next draw only (DESIGN.md): the draw
 * uploads what it reads. */
static HRESULT APIENTRY
d3dumd_SetStreamSourceUm(HANDLE hDevice,
                         const D3DDDIARG_SETSTREAMSOURCEUM *pData,
                         const VOID *pUMBuffer)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "Stream=%u Stride=%u pUMBuffer=%p", pData->Stream,
                pData->Stride, pUMBuffer);
   d3dumd_check(debug, pData->Stream < D3DUMD_MAX_STREAMS, E_FAIL);
   d3dumd_check(debug, pData->Stride <= UINT16_MAX, E_FAIL);
   struct d3dumd_stream *s = &dev->state.stream[pData->Stream];
   s->res = NULL;
   s->user = pUMBuffer;
   const uint16_t bit = 1u << pData->Stream;
   dev->state.stream_res_mask &= ~bit;
   dev->state.stream_sysmem_mask &= ~bit;
   if (pUMBuffer)
      dev->state.stream_user_mask |= bit;
   else
      dev->state.stream_user_mask &= ~bit;
   s->offset = 0;
   s->stride = pData->Stride;
   dev->state.dirty |= D3DUMD_DIRTY_VB;
   return S_OK;
}

static HRESULT APIENTRY
d3dumd_SetStreamSourceFreq(HANDLE hDevice,
                           const D3DDDIARG_SETSTREAMSOURCEFREQ *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "Stream=%u Divider=0x%x", pData->Stream,
                pData->Divider);
   d3dumd_check(debug, pData->Stream < D3DUMD_MAX_STREAMS, E_FAIL);
   dev->state.stream[pData->Stream].divider = pData->Divider;
   dev->state.dirty |= D3DUMD_DIRTY_VELEMS | D3DUMD_DIRTY_VB;
   return S_OK;
}

static HRESULT APIENTRY
d3dumd_SetIndices(HANDLE hDevice, const D3DDDIARG_SETINDICES *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "hIndexBuffer=%p Stride=%u", pData->hIndexBuffer,
                pData->Stride);
   struct d3dumd_resource *res = NULL;
   if (pData->hIndexBuffer) {
      res = d3dumd_device_resource(dev, pData->hIndexBuffer);
      d3dumd_check(debug, res && res->is_buffer, E_FAIL);
      d3dumd_check(debug, pData->Stride == 2 || pData->Stride == 4, E_FAIL);
   }
   dev->state.ib = res;
   dev->state.ib_stride = pData->Stride;
   dev->state.ib_user = NULL;
   return S_OK;
}

static HRESULT APIENTRY
d3dumd_SetIndicesUm(HANDLE hDevice, UINT IndexSize, const VOID *pUMBuffer)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   D3DUMD_TRACE(debug, "IndexSize=%u pUMBuffer=%p", IndexSize, pUMBuffer);
   d3dumd_check(debug, IndexSize == 2 || IndexSize == 4, E_FAIL);
   dev->state.ib = NULL;
   dev->state.ib_user = pUMBuffer;
   dev->state.ib_user_stride = IndexSize;
   return S_OK;
}

/* D3DSTREAMSOURCE_INDEXEDDATA / INSTANCEDATA (SetStreamSourceFreq). */
#define D3DUMD_FREQ_INDEXED  (1u << 30)
#define D3DUMD_FREQ_INSTANCE (1u << 31)

/* Instances a draw makes: stream 0's count when it is marked indexed
 * data (instancing needs indexed draws in D3D9). */
unsigned
d3dumd_vertex_instances(const struct d3dumd_device *dev, bool indexed)
{
   const DWORD f = dev->state.stream[0].divider;
   if (!indexed || !(f & D3DUMD_FREQ_INDEXED))
      return 1;
   return MAX2(f & ~(D3DUMD_FREQ_INDEXED | D3DUMD_FREQ_INSTANCE), 1);
}

/* The vertex elements for the bound declaration and vertex shader.  Input
 * registers no element feeds read the zero buffer: vertex buffer `zero`,
 * just past the declaration's streams, stride 0 (drivers map every bound
 * vertex buffer at each draw: no more are bound than the draw uses). */
static void
build_velems(struct d3dumd_device *dev, const struct d3dumd_sm_program *vs,
             unsigned zero, struct cso_velems_state *ve)
{
   const struct d3dumd_vdecl *decl = dev->state.vdecl;
   const bool instancing = !!(dev->state.stream[0].divider &
                              D3DUMD_FREQ_INDEXED);

   memset(ve, 0, sizeof(*ve));
   if (!vs) {
      /* Pre-transformed: element j is input j of the declaration's own
       * shader (d3dumd_pretransformed.c). */
      ve->count = decl->num_elements;
      for (unsigned j = 0; j < decl->num_elements; j++) {
         ve->velems[j].vertex_buffer_index = decl->elements[j].Stream;
         ve->velems[j].src_offset = decl->elements[j].Offset;
         ve->velems[j].src_format = decl->formats[j];
      }
      return;
   }
   for (unsigned i = 0; i < D3DUMD_SM_MAX_INPUTS; i++) {
      if (vs->inputs[i].declared)
         ve->count = i + 1;
   }
   for (unsigned i = 0; i < ve->count; i++) {
      struct pipe_vertex_element *e = &ve->velems[i];
      e->vertex_buffer_index = zero;
      e->src_format = PIPE_FORMAT_R32G32B32A32_FLOAT;
      const int j = decl ? vdecl_element_for(decl, &vs->inputs[i]) : -1;
      if (j < 0)
         continue;
      const D3DDDIVERTEXELEMENT *d = &decl->elements[j];
      e->vertex_buffer_index = d->Stream;
      e->src_offset = d->Offset;
      e->src_format = decl->formats[j];
      const DWORD f = dev->state.stream[d->Stream].divider;
      if (instancing && d->Stream && (f & D3DUMD_FREQ_INSTANCE))
         e->instance_divisor = MAX2(f & ~D3DUMD_FREQ_INSTANCE, 1);
   }
}

/* How far into a vertex the declaration's elements of `stream` reach. */
static unsigned
stream_extent(const struct d3dumd_vdecl *decl, unsigned stream)
{
   unsigned extent = 0;
   for (unsigned j = 0; j < decl->num_elements; j++) {
      if (decl->elements[j].Stream == stream)
         extent = MAX2(extent, decl->elements[j].Offset +
                       util_format_get_blocksize(decl->formats[j]));
   }
   return extent;
}

/* Vertex elements and buffers for the next draw.  `first` and `count`
 * are the vertices the draw reads (after the base index): streams in
 * user memory upload that range, and their buffer offset moves so that
 * vertex `first` is where the draw expects it. */
bool
d3dumd_vertex_commit(struct d3dumd_device *dev, bool positiont,
                     unsigned first, unsigned count, unsigned stream0_offset)
{
   struct d3dumd_state *st = &dev->state;

   if (!st->vdecl) {
      d3dumd_log(dev->adapter->debug, D3DUMD_DEBUG_USER, __func__,
                 "draw without a vertex declaration");
      return false;
   }
   const struct d3dumd_sm_program *vs = positiont ? NULL : &st->vs->prog;
   if (stream0_offset)
      st->dirty |= D3DUMD_DIRTY_VB;
   bool moved = (st->stream_user_mask | st->stream_sysmem_mask) != 0;
   u_foreach_bit(i, st->stream_res_mask) {
      if (d3dumd_backing_current(st->stream[i].res, 0)->pres !=
          st->stream_pres[i])
         moved = true;
   }
   if (!moved && !(st->dirty & (D3DUMD_DIRTY_VELEMS | D3DUMD_DIRTY_VB |
                                D3DUMD_DIRTY_VS)))
      return true;

   const unsigned zero = util_last_bit(st->vdecl->streams);
   struct cso_velems_state ve;
   build_velems(dev, vs, zero, &ve);

   struct pipe_vertex_buffer vb[D3DUMD_MAX_STREAMS + 1];
   struct pipe_resource *uploads[D3DUMD_MAX_STREAMS] = { NULL };
   unsigned num_uploads = 0;
   bool ok = true;
   memset(vb, 0, sizeof(vb));
   for (unsigned i = 0; i < zero; i++) {
      struct d3dumd_stream *s = &st->stream[i];
      vb[i].stride = s->stride;
      /* User memory for the draw, or a system-memory buffer's (as far as
       * it reaches). */
      const uint8_t *mem = s->user;
      unsigned reach = UINT_MAX;
      if (s->res && s->res->sysmem) {
         const unsigned bytes = s->res->sub[0].width;
         mem = (const uint8_t *)s->res->sub[0].sysmem + MIN2(s->offset, bytes);
         reach = bytes - MIN2(s->offset, bytes);
      }
      if (s->res && !s->res->sysmem) {
         struct d3dumd_backing *b = d3dumd_backing_for_gpu(dev, s->res, 0);
         vb[i].buffer.resource = b->pres;
         vb[i].buffer_offset = s->offset + (i ? 0 : stream0_offset);
         st->stream_pres[i] = b->pres;
      } else if (mem && count && stream_extent(st->vdecl, i)) {
         /* Only the vertices the draw reads are copied, placed so that
          * the buffer offset puts vertex `first` where the draw reads
          * it; the last vertex only as far as its elements reach, so
          * nothing past the runtime's memory is read. */
         const unsigned base = i ? 0 : stream0_offset;
         const unsigned skip = s->stride * first;
         unsigned size = s->stride * (count - 1) +
                         stream_extent(st->vdecl, i);
         if ((uint64_t)base + skip + size > reach) {
            /* A draw past the end of a system-memory buffer reads zeros
             * there, never the runtime's memory beyond it. */
            d3dumd_log(dev->adapter->debug, D3DUMD_DEBUG_USER, __func__,
                       "stream %u: draw reads past its buffer", i);
            size = base + skip < reach ? reach - base - skip : 0;
         }
         if (!size) {
            st->stream_pres[i] = NULL;
            continue;
         }
         unsigned offset = 0;
         u_upload_data(dev->uploader, skip, size, 16,
                       mem + skip + base, &offset,
                       &uploads[num_uploads]);
         if (!uploads[num_uploads])
            goto fail;
         vb[i].buffer.resource = uploads[num_uploads++];
         vb[i].buffer_offset = offset - skip;
         st->stream_pres[i] = NULL;
      } else {
         st->stream_pres[i] = NULL;
      }
   }
   /* The zero stream for inputs nothing feeds. */
   vb[zero].stride = 0;
   vb[zero].is_user_buffer = false;
   vb[zero].buffer.resource = dev->zero_vb;
   const unsigned num_vb = zero + 1;
   cso_set_vertex_buffers_and_elements(dev->cso, &ve, num_vb,
                                       st->num_vb_bound > num_vb ?
                                       st->num_vb_bound - num_vb : 0,
                                       false, false, vb);
   st->num_vb_bound = num_vb;
   st->dirty &= ~(D3DUMD_DIRTY_VELEMS | D3DUMD_DIRTY_VB);
   /* A draw after this one with user streams, or with an offset in
    * stream 0, binds again. */
   if (num_uploads || stream0_offset)
      st->dirty |= D3DUMD_DIRTY_VB;
   /* The element layout depends on the shader kind. */
   if (positiont)
      st->dirty |= D3DUMD_DIRTY_VELEMS;
   if (0) {
fail:
      ok = false;
   }
   for (unsigned i = 0; i < num_uploads; i++)
      pipe_resource_reference(&uploads[i], NULL);
   return ok;
}

void
d3dumd_vertex_fill_funcs(D3DDDI_DEVICEFUNCS *funcs)
{
   funcs->pfnCreateVertexShaderDecl = d3dumd_CreateVertexShaderDecl;
   funcs->pfnDeleteVertexShaderDecl = d3dumd_DeleteVertexShaderDecl;
   funcs->pfnSetVertexShaderDecl = d3dumd_SetVertexShaderDecl;
   funcs->pfnSetStreamSource = d3dumd_SetStreamSource;
   funcs->pfnSetStreamSourceUm = d3dumd_SetStreamSourceUm;
   funcs->pfnSetStreamSourceFreq = d3dumd_SetStreamSourceFreq;
   funcs->pfnSetIndices = d3dumd_SetIndices;
   funcs->pfnSetIndicesUm = d3dumd_SetIndicesUm;
}

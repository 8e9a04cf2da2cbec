/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Blt, ColorFill, BufBlt, VolBlt: the GPU work that moves data between
 * resources.  Video-memory work is queued on the device's pipe_context and
 * marks the storages it uses (d3dumd_fence.c); system-memory surfaces are
 * read or written at the time of the call, never referenced by queued work.
 */

#include <string.h>

#include "d3dumd_backing.h"
#include "d3dumd_format_names.h"

#include "pipe/p_context.h"
#include "pipe/p_screen.h"
#include "util/format/u_format.h"
#include "util/u_box.h"
#include "util/u_inlines.h"
#include "util/u_math.h"
#include "util/u_surface.h"

/* The storage a copy uses, with the mappings Lock kept of it released
 * first (d3dumd_backing.c, "Cached mappings"): every use of a backing here
 * goes through this. */
static struct d3dumd_backing *
backing_of(struct d3dumd_device *dev, struct d3dumd_resource *res,
           const struct d3dumd_subresource *sub)
{
   return d3dumd_backing_for_gpu(dev, res, sub - res->sub);
}

/* Address of (x, y, z) in a system-memory subresource. */
static uint8_t *
sysmem_at(const struct d3dumd_resource *res,
          const struct d3dumd_subresource *sub, unsigned x, unsigned y,
          unsigned z)
{
   const unsigned bs = util_format_get_blocksize(res->pformat);
   const unsigned bw = util_format_get_blockwidth(res->pformat);
   const unsigned bh = util_format_get_blockheight(res->pformat);
   return (uint8_t *)sub->sysmem + (size_t)z * sub->sysmem_slice_pitch +
          (size_t)(y / bh) * sub->sysmem_pitch +
          (res->is_buffer ? x : (size_t)(x / bw) * bs);
}

/* Copies `box` of one subresource to (dx, dy, dz) of another, same
 * format class, no scaling: queued resource_copy_region between video
 * memory, a transfer at call time where system memory takes part. */
static bool
copy_region(struct d3dumd_device *dev,
            struct d3dumd_resource *dst, unsigned dsub_index,
            unsigned dx, unsigned dy, unsigned dz,
            struct d3dumd_resource *src, unsigned ssub_index,
            const struct pipe_box *box)
{
   struct pipe_context *pipe = dev->pipe;
   const struct d3dumd_subresource *dsub = &dst->sub[dsub_index];
   const struct d3dumd_subresource *ssub = &src->sub[ssub_index];
   const unsigned dlayer = dst->target == PIPE_TEXTURE_CUBE ? dsub->layer : dz;
   const unsigned slayer = src->target == PIPE_TEXTURE_CUBE ? ssub->layer : box->z;

   if (!dst->sysmem && !src->sysmem) {
      struct d3dumd_backing *db = backing_of(dev, dst, dsub);
      struct d3dumd_backing *sb = backing_of(dev, src, ssub);
      struct pipe_box sbox = *box;
      sbox.z = slayer;
      pipe->resource_copy_region(pipe, db->pres, dsub->level, dx, dy, dlayer,
                                 sb->pres, ssub->level, &sbox);
      d3dumd_mark_used(dev, db);
      d3dumd_mark_used(dev, sb);
      return true;
   }

   if (src->sysmem && !dst->sysmem) {
      /* Reads the runtime's memory now (texture_subdata copies at call
       * time, after earlier work on the destination). */
      struct d3dumd_backing *db = backing_of(dev, dst, dsub);
      const uint8_t *data = sysmem_at(src, ssub, box->x, box->y, box->z);
      struct pipe_box dbox;
      u_box_3d(dx, dy, dlayer, box->width, box->height, box->depth, &dbox);
      if (dst->is_buffer)
         pipe->buffer_subdata(pipe, db->pres, PIPE_MAP_WRITE, dx,
                              box->width, data);
      else
         pipe->texture_subdata(pipe, db->pres, dsub->level, PIPE_MAP_WRITE,
                               &dbox, data, ssub->sysmem_pitch,
                               ssub->sysmem_slice_pitch);
      return true;
   }

   uint8_t *out = sysmem_at(dst, dsub, dx, dy, dz);
   if (!src->sysmem) {
      /* Into the runtime's memory: a synchronous read back. */
      struct d3dumd_backing *sb = backing_of(dev, src, ssub);
      struct pipe_transfer *t;
      struct pipe_box sbox = *box;
      sbox.z = slayer;
      const void *map = src->is_buffer ?
         pipe->buffer_map(pipe, sb->pres, 0, PIPE_MAP_READ, &sbox, &t) :
         pipe->texture_map(pipe, sb->pres, ssub->level, PIPE_MAP_READ, &sbox,
                           &t);
      if (!map)
         return false;
      util_copy_box(out, dst->pformat, dsub->sysmem_pitch,
                    dsub->sysmem_slice_pitch, 0, 0, 0, box->width,
                    box->height, box->depth, map, t->stride, t->layer_stride,
                    0, 0, 0);
      if (src->is_buffer)
         pipe->buffer_unmap(pipe, t);
      else
         pipe->texture_unmap(pipe, t);
      return true;
   }

   util_copy_box(out, dst->pformat, dsub->sysmem_pitch,
                 dsub->sysmem_slice_pitch, 0, 0, 0, box->width, box->height,
                 box->depth, sysmem_at(src, ssub, box->x, box->y, box->z),
                 ssub->sysmem_pitch, ssub->sysmem_slice_pitch, 0, 0, 0);
   return true;
}

static bool
rect_inside(const RECT *r, const struct d3dumd_subresource *sub)
{
   return r->left >= 0 && r->top >= 0 && r->right > r->left &&
          r->bottom > r->top && (unsigned)r->right <= sub->width &&
          (unsigned)r->bottom <= sub->height;
}

/* A temporary video-memory texture of one level, for blits that involve
 * system memory or overlap themselves. */
static struct pipe_resource *
temp_texture(struct d3dumd_device *dev, enum pipe_format format,
             unsigned width, unsigned height)
{
   struct pipe_screen *screen = dev->screen;
   struct pipe_resource templ = {
      .target = PIPE_TEXTURE_2D,
      .format = format,
      .width0 = width,
      .height0 = height,
      .depth0 = 1,
      .array_size = 1,
      .usage = PIPE_USAGE_STAGING,
      .bind = PIPE_BIND_SAMPLER_VIEW | PIPE_BIND_RENDER_TARGET,
   };
   return screen->resource_create(screen, &templ);
}

struct blt_end {
   struct pipe_resource *pres;
   unsigned level;
   struct pipe_box box;
   enum pipe_format format;
};

static void
do_blit(struct d3dumd_device *dev, const struct blt_end *dst,
        const struct blt_end *src, bool linear)
{
   struct pipe_blit_info info;
   memset(&info, 0, sizeof(info));
   info.dst.resource = dst->pres;
   info.dst.level = dst->level;
   info.dst.box = dst->box;
   info.dst.format = dst->format;
   info.src.resource = src->pres;
   info.src.level = src->level;
   info.src.box = src->box;
   info.src.format = src->format;
   info.mask = util_format_get_mask(dst->format);
   info.filter = linear ? PIPE_TEX_FILTER_LINEAR : PIPE_TEX_FILTER_NEAREST;
   dev->pipe->blit(dev->pipe, &info);
}

HRESULT APIENTRY
d3dumd_Blt(HANDLE hDevice, const D3DDDIARG_BLT *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "src=%p/%u (%ld,%ld)-(%ld,%ld) dst=%p/%u "
                "(%ld,%ld)-(%ld,%ld) Flags=0x%x", pData->hSrcResource,
                pData->SrcSubResourceIndex, (long)pData->SrcRect.left,
                (long)pData->SrcRect.top, (long)pData->SrcRect.right,
                (long)pData->SrcRect.bottom, pData->hDstResource,
                pData->DstSubResourceIndex, (long)pData->DstRect.left,
                (long)pData->DstRect.top, (long)pData->DstRect.right,
                (long)pData->DstRect.bottom, pData->Flags.Value);
   struct d3dumd_resource *src = d3dumd_device_resource(dev, pData->hSrcResource);
   struct d3dumd_resource *dst = d3dumd_device_resource(dev, pData->hDstResource);
   d3dumd_check(debug, src && dst && !src->is_buffer && !dst->is_buffer,
                E_FAIL);
   d3dumd_check(debug, pData->SrcSubResourceIndex < src->num_subresources &&
                pData->DstSubResourceIndex < dst->num_subresources, E_FAIL);
   const struct d3dumd_subresource *ssub = &src->sub[pData->SrcSubResourceIndex];
   const struct d3dumd_subresource *dsub = &dst->sub[pData->DstSubResourceIndex];
   const RECT *sr = &pData->SrcRect, *dr = &pData->DstRect;
   d3dumd_check(debug, rect_inside(sr, ssub) && rect_inside(dr, dsub), E_FAIL);
   /* Colour keys need a shader pass this frontend does not have yet. */
   d3dumd_check(debug, !pData->Flags.SrcColorKey && !pData->Flags.DstColorKey,
                E_FAIL);
   /* NULL targets have no contents to copy (the storage is a stand-in). */
   d3dumd_check(debug, !d3dumd_format_is_null_target(src->format) &&
                !d3dumd_format_is_null_target(dst->format), E_FAIL);

   /* System to system: the runtime copies; the driver only synchronises
    * (the Blt page), and nothing queued ever uses system memory. */
   if (src->sysmem && dst->sysmem)
      return S_OK;

   const unsigned sw = sr->right - sr->left, sh = sr->bottom - sr->top;
   const unsigned dw = dr->right - dr->left, dh = dr->bottom - dr->top;
   const bool mirror = pData->Flags.MirrorLeftRight || pData->Flags.MirrorUpDown;
   const bool same_storage = !src->sysmem && !dst->sysmem &&
      backing_of(dev, src, ssub) == backing_of(dev, dst, dsub) &&
      ssub->level == dsub->level && ssub->layer == dsub->layer;
   const bool overlap = same_storage && sr->left < dr->right &&
      dr->left < sr->right && sr->top < dr->bottom && dr->top < sr->bottom;

   /* Same size and format, no mirroring: a plain copy (Gallium copies
    * only between equal sample counts). */
   const bool same_size = sw == dw && sh == dh && !mirror &&
                          src->pformat == dst->pformat;
   if (same_size && src->samples == dst->samples && !overlap) {
      struct pipe_box box;
      u_box_2d(sr->left, sr->top, sw, sh, &box);
      if (!copy_region(dev, dst, pData->DstSubResourceIndex, dr->left, dr->top,
                       0, src, pData->SrcSubResourceIndex, &box))
         return d3dumd_error(debug, E_OUTOFMEMORY);
      return S_OK;
   }

   /* A multisampled source into a video-memory surface of another sample
    * count, same size and format: pipe->blit resolves (colours averaged,
    * depth from one sample), depth-stencil surfaces included. */
   const bool src_ms = !src->sysmem && src->samples > 1;
   if (src_ms && same_size && !dst->sysmem && dst->samples <= 1) {
      struct blt_end s = { .format = src->pformat }, d = { .format = dst->pformat };
      s.pres = backing_of(dev, src, ssub)->pres;
      s.level = ssub->level;
      u_box_2d_zslice(sr->left, sr->top, ssub->layer, sw, sh, &s.box);
      d.pres = backing_of(dev, dst, dsub)->pres;
      d.level = dsub->level;
      u_box_2d_zslice(dr->left, dr->top, dsub->layer, dw, dh, &d.box);
      do_blit(dev, &d, &s, false);
      d3dumd_mark_used(dev, backing_of(dev, src, ssub));
      d3dumd_mark_used(dev, backing_of(dev, dst, dsub));
      return S_OK;
   }

   /* Stretching, converting, mirroring or overlapping: pipe->blit, through
    * temporaries where system memory takes part, the rects overlap or a
    * multisampled source is resolved first (blits that resolve do not
    * also scale on every driver). */
   struct pipe_screen *screen = dev->screen;
   d3dumd_check(debug, !util_format_is_compressed(dst->pformat) &&
                screen->is_format_supported(screen, dst->pformat,
                                            PIPE_TEXTURE_2D, 0, 0,
                                            PIPE_BIND_RENDER_TARGET) &&
                screen->is_format_supported(screen, src->pformat,
                                            PIPE_TEXTURE_2D, 0, 0,
                                            PIPE_BIND_SAMPLER_VIEW), E_FAIL);

   struct blt_end s = { .format = src->pformat }, d = { .format = dst->pformat };
   struct pipe_resource *src_tmp = NULL, *dst_tmp = NULL;
   HRESULT hr = S_OK;

   if (src->sysmem || overlap || src_ms) {
      src_tmp = temp_texture(dev, src->pformat, sw, sh);
      if (!src_tmp)
         return d3dumd_error(debug, E_OUTOFMEMORY);
      struct pipe_box box;
      u_box_2d(0, 0, sw, sh, &box);
      if (src_ms) {
         struct blt_end t = { .pres = src_tmp, .format = src->pformat,
                              .box = box };
         struct blt_end m = { .pres = backing_of(dev, src, ssub)->pres,
                              .level = ssub->level, .format = src->pformat };
         u_box_2d_zslice(sr->left, sr->top, ssub->layer, sw, sh, &m.box);
         do_blit(dev, &t, &m, false);
      } else if (src->sysmem) {
         dev->pipe->texture_subdata(dev->pipe, src_tmp, 0, PIPE_MAP_WRITE,
                                    &box, sysmem_at(src, ssub, sr->left,
                                                    sr->top, 0),
                                    ssub->sysmem_pitch, 0);
      } else {
         struct pipe_box sbox;
         u_box_2d_zslice(sr->left, sr->top, ssub->layer, sw, sh, &sbox);
         dev->pipe->resource_copy_region(dev->pipe, src_tmp, 0, 0, 0, 0,
                                         backing_of(dev, src, ssub)->pres,
                                         ssub->level, &sbox);
      }
      s.pres = src_tmp;
      s.level = 0;
      u_box_2d(0, 0, sw, sh, &s.box);
   } else {
      s.pres = backing_of(dev, src, ssub)->pres;
      s.level = ssub->level;
      u_box_2d_zslice(sr->left, sr->top, ssub->layer, sw, sh, &s.box);
   }
   if (pData->Flags.MirrorLeftRight) {
      s.box.x += s.box.width;
      s.box.width = -s.box.width;
   }
   if (pData->Flags.MirrorUpDown) {
      s.box.y += s.box.height;
      s.box.height = -s.box.height;
   }

   if (dst->sysmem) {
      dst_tmp = temp_texture(dev, dst->pformat, dw, dh);
      if (!dst_tmp) {
         hr = E_OUTOFMEMORY;
         goto out;
      }
      d.pres = dst_tmp;
      d.level = 0;
      u_box_2d(0, 0, dw, dh, &d.box);
   } else {
      d.pres = backing_of(dev, dst, dsub)->pres;
      d.level = dsub->level;
      u_box_2d_zslice(dr->left, dr->top, dsub->layer, dw, dh, &d.box);
   }

   do_blit(dev, &d, &s, pData->Flags.Linear);
   if (!src->sysmem)
      d3dumd_mark_used(dev, backing_of(dev, src, ssub));
   if (!dst->sysmem)
      d3dumd_mark_used(dev, backing_of(dev, dst, dsub));

   if (dst->sysmem) {
      /* Read the result back into the runtime's memory now. */
      struct pipe_transfer *t;
      struct pipe_box box;
      u_box_2d(0, 0, dw, dh, &box);
      const void *map = dev->pipe->texture_map(dev->pipe, dst_tmp, 0,
                                               PIPE_MAP_READ, &box, &t);
      if (!map) {
         hr = E_OUTOFMEMORY;
         goto out;
      }
      util_copy_rect(sysmem_at(dst, dsub, dr->left, dr->top, 0), dst->pformat,
                     dsub->sysmem_pitch, 0, 0, dw, dh, map, t->stride, 0, 0);
      dev->pipe->texture_unmap(dev->pipe, t);
   }

out:
   pipe_resource_reference(&src_tmp, NULL);
   pipe_resource_reference(&dst_tmp, NULL);
   return hr == S_OK ? S_OK : d3dumd_error(debug, hr);
}

HRESULT APIENTRY
d3dumd_ColorFill(HANDLE hDevice, const D3DDDIARG_COLORFILL *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "hResource=%p sub=%u Color=0x%08x", pData->hResource,
                pData->SubResourceIndex, (unsigned)pData->Color);
   struct d3dumd_resource *res = d3dumd_device_resource(dev, pData->hResource);
   d3dumd_check(debug, res && !res->is_buffer &&
                !d3dumd_format_is_null_target(res->format), E_FAIL);
   d3dumd_check(debug, pData->SubResourceIndex < res->num_subresources, E_FAIL);
   const struct d3dumd_subresource *sub = &res->sub[pData->SubResourceIndex];
   const RECT *r = &pData->DstRect;
   d3dumd_check(debug, rect_inside(r, sub), E_FAIL);
   /* A plain colour format: block-compressed, subsampled and depth
    * surfaces have no A8R8G8B8 equivalent to convert to. */
   d3dumd_check(debug, util_format_is_plain(res->pformat) &&
                !util_format_is_compressed(res->pformat) &&
                !util_format_is_depth_or_stencil(res->pformat), E_FAIL);

   /* The colour comes as A8R8G8B8 and is converted to the surface's
    * format (the ColorFill page). */
   const D3DCOLOR c = pData->Color;
   const float rgba[4] = {
      ((c >> 16) & 0xff) / 255.0f, ((c >> 8) & 0xff) / 255.0f,
      (c & 0xff) / 255.0f, ((c >> 24) & 0xff) / 255.0f,
   };
   union {
      uint8_t b[16];
      uint32_t u[4];
   } packed;
   memset(&packed, 0, sizeof(packed));
   util_format_pack_rgba(res->pformat, packed.b, rgba, 1);

   const unsigned w = r->right - r->left, h = r->bottom - r->top;
   if (res->sysmem) {
      const unsigned bs = util_format_get_blocksize(res->pformat);
      for (unsigned y = 0; y < h; y++) {
         uint8_t *row = sysmem_at(res, sub, r->left, r->top + y, 0);
         for (unsigned x = 0; x < w; x++)
            memcpy(row + x * bs, packed.b, bs);
      }
      return S_OK;
   }

   struct d3dumd_backing *b = backing_of(dev, res, sub);
   if (res->samples > 1) {
      /* Every sample: a clear of the surface (clear_texture writes
       * through a mapping, which sees one sample). */
      struct pipe_surface templ;
      memset(&templ, 0, sizeof(templ));
      templ.format = b->pres->format;
      templ.u.tex.level = sub->level;
      templ.u.tex.first_layer = templ.u.tex.last_layer = sub->layer;
      struct pipe_surface *surf = dev->pipe->create_surface(dev->pipe,
                                                            b->pres, &templ);
      if (!surf)
         return d3dumd_error(debug, E_OUTOFMEMORY);
      union pipe_color_union color;
      memcpy(color.f, rgba, sizeof(rgba));
      dev->pipe->clear_render_target(dev->pipe, surf, &color, r->left,
                                     r->top, w, h, false);
      pipe_surface_reference(&surf, NULL);
      d3dumd_mark_used(dev, b);
      return S_OK;
   }
   struct pipe_box box;
   u_box_2d_zslice(r->left, r->top, sub->layer, w, h, &box);
   dev->pipe->clear_texture(dev->pipe, b->pres, sub->level, &box, packed.b);
   d3dumd_mark_used(dev, b);
   return S_OK;
}

HRESULT APIENTRY
d3dumd_BufBlt(HANDLE hDevice, const D3DDDIARG_BUFFERBLT *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "src=%p [%u,+%u) dst=%p +%u", pData->hSrcResource,
                pData->SrcRange.Offset, pData->SrcRange.Size,
                pData->hDstResource, pData->Offset);
   struct d3dumd_resource *src = d3dumd_device_resource(dev, pData->hSrcResource);
   struct d3dumd_resource *dst = d3dumd_device_resource(dev, pData->hDstResource);
   d3dumd_check(debug, src && dst && src->is_buffer && dst->is_buffer, E_FAIL);
   const uint64_t so = pData->SrcRange.Offset, size = pData->SrcRange.Size;
   d3dumd_check(debug, size && so + size <= src->sub[0].width &&
                (uint64_t)pData->Offset + size <= dst->sub[0].width, E_FAIL);
   d3dumd_check(debug, src != dst || so + size <= pData->Offset ||
                pData->Offset + size <= so, E_FAIL);

   struct pipe_box box;
   u_box_1d(so, size, &box);
   if (!copy_region(dev, dst, 0, pData->Offset, 0, 0, src, 0, &box))
      return d3dumd_error(debug, E_OUTOFMEMORY);
   return S_OK;
}

HRESULT APIENTRY
d3dumd_VolBlt(HANDLE hDevice, const D3DDDIARG_VOLUMEBLT *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   struct d3dumd_resource *src = d3dumd_device_resource(dev, pData->hSrcResource);
   struct d3dumd_resource *dst = d3dumd_device_resource(dev, pData->hDstResource);
   d3dumd_check(debug, src && dst && src->target == PIPE_TEXTURE_3D &&
                dst->target == PIPE_TEXTURE_3D &&
                src->pformat == dst->pformat && src != dst, E_FAIL);
   const D3DDDIBOX *b = &pData->SrcBox;
   const struct d3dumd_subresource *ss = &src->sub[0], *ds = &dst->sub[0];
   d3dumd_check(debug, b->Right > b->Left && b->Bottom > b->Top &&
                b->Back > b->Front && b->Right <= ss->width &&
                b->Bottom <= ss->height && b->Back <= ss->depth, E_FAIL);
   const unsigned w = b->Right - b->Left, h = b->Bottom - b->Top,
                  d = b->Back - b->Front;
   d3dumd_check(debug, (uint64_t)pData->DstX + w <= ds->width &&
                (uint64_t)pData->DstY + h <= ds->height &&
                (uint64_t)pData->DstZ + d <= ds->depth, E_FAIL);

   struct pipe_box box;
   u_box_3d(b->Left, b->Top, b->Front, w, h, d, &box);
   if (!copy_region(dev, dst, 0, pData->DstX, pData->DstY, pData->DstZ, src,
                    0, &box))
      return d3dumd_error(debug, E_OUTOFMEMORY);
   return S_OK;
}

/* The subresource of (face, level) of a texture. */
static unsigned
sub_index(const struct d3dumd_resource *res, unsigned face, unsigned level)
{
   return res->target == PIPE_TEXTURE_CUBE ? face * res->levels + level
                                           : level;
}

/*
 * TexBlt: SrcRect of the source's top level to DstPoint of the
 * destination's, and the same for every level the two have in common
 * (the page: a smaller destination takes the source's levels of its
 * size; rectangles and points halve with each level).  Same format.
 */
HRESULT APIENTRY
d3dumd_TexBlt(HANDLE hDevice, const D3DDDIARG_TEXBLT *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "hDst=%p hSrc=%p face=%u (%d,%d) <- (%d,%d)-(%d,%d)",
                pData->hDstResource, pData->hSrcResource, pData->CubeMapFace,
                pData->DstPoint.x, pData->DstPoint.y, pData->SrcRect.left,
                pData->SrcRect.top, pData->SrcRect.right,
                pData->SrcRect.bottom);
   struct d3dumd_resource *dst = d3dumd_device_resource(dev,
                                                         pData->hDstResource);
   struct d3dumd_resource *src = d3dumd_device_resource(dev,
                                                         pData->hSrcResource);
   d3dumd_check(debug, dst && src && !dst->is_buffer && !src->is_buffer,
                E_FAIL);
   d3dumd_check(debug, dst->pformat == src->pformat, E_FAIL);
   d3dumd_check(debug, dst->target != PIPE_TEXTURE_3D, E_FAIL);
   const unsigned face = dst->target == PIPE_TEXTURE_CUBE ?
                         pData->CubeMapFace : 0;
   d3dumd_check(debug, face < 6 &&
                (src->target == PIPE_TEXTURE_CUBE || face == 0), E_FAIL);
   const RECT *r = &pData->SrcRect;
   d3dumd_check(debug, r->left >= 0 && r->top >= 0 && r->left < r->right &&
                r->top < r->bottom && pData->DstPoint.x >= 0 &&
                pData->DstPoint.y >= 0, E_FAIL);

   /* The source level with the destination's top size. */
   const struct d3dumd_subresource *dtop = &dst->sub[sub_index(dst, face, 0)];
   unsigned skip = 0;
   while (skip < src->levels &&
          src->sub[sub_index(src, face, skip)].width > dtop->width)
      skip++;
   d3dumd_check(debug, skip < src->levels, E_FAIL);
   const struct d3dumd_subresource *stop = &src->sub[sub_index(src, face, 0)];
   d3dumd_check(debug, (unsigned)r->right <= stop->width &&
                (unsigned)r->bottom <= stop->height, E_FAIL);

   for (unsigned l = 0; l < dst->levels && l + skip < src->levels; l++) {
      const unsigned sl = l + skip;
      const struct d3dumd_subresource *ss = &src->sub[sub_index(src, face, sl)];
      const struct d3dumd_subresource *ds = &dst->sub[sub_index(dst, face, l)];
      const unsigned x0 = r->left >> sl, y0 = r->top >> sl;
      const unsigned x1 = MAX2((unsigned)r->right >> sl, x0 + 1);
      const unsigned y1 = MAX2((unsigned)r->bottom >> sl, y0 + 1);
      const unsigned dx = pData->DstPoint.x >> l, dy = pData->DstPoint.y >> l;
      /* Clip to both levels (small levels of a rectangle round). */
      const unsigned w = MIN3(x1, ss->width, x0 + (ds->width > dx ?
                                                   ds->width - dx : 0)) - x0;
      const unsigned h = MIN3(y1, ss->height, y0 + (ds->height > dy ?
                                                    ds->height - dy : 0)) - y0;
      if ((int)w <= 0 || (int)h <= 0 || x0 >= ss->width || y0 >= ss->height)
         continue;
      struct pipe_box box;
      u_box_2d(x0, y0, w, h, &box);
      if (!copy_region(dev, dst, sub_index(dst, face, l), dx, dy, 0, src,
                       sub_index(src, face, sl), &box))
         return d3dumd_error(debug, E_OUTOFMEMORY);
   }
   return S_OK;
}

/*
 * GenerateMipSubLevels: every level from the one above, with the
 * requested filter (point for POINT, linear otherwise; NONE: point), on
 * the GPU (pipe->blit), for every face.
 */
HRESULT APIENTRY
d3dumd_GenerateMipSubLevels(HANDLE hDevice,
                            const D3DDDIARG_GENERATEMIPSUBLEVELS *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   struct d3dumd_resource *res = d3dumd_device_resource(dev, pData->hResource);
   d3dumd_check(debug, res && !res->is_buffer && !res->sysmem, E_FAIL);
   const unsigned faces = res->target == PIPE_TEXTURE_CUBE ? 6 : 1;
   struct pipe_blit_info blit;
   memset(&blit, 0, sizeof(blit));
   blit.mask = PIPE_MASK_RGBA;
   blit.filter = pData->Filter == D3DDDITEXF_POINT ||
                 pData->Filter == D3DDDITEXF_NONE ? PIPE_TEX_FILTER_NEAREST
                                                  : PIPE_TEX_FILTER_LINEAR;
   for (unsigned f = 0; f < faces; f++) {
      for (unsigned l = 1; l < res->levels; l++) {
         const struct d3dumd_subresource *s = &res->sub[sub_index(res, f, l - 1)];
         const struct d3dumd_subresource *d = &res->sub[sub_index(res, f, l)];
         struct d3dumd_backing *b = backing_of(dev, res, d);
         blit.src.resource = blit.dst.resource = b->pres;
         blit.src.format = blit.dst.format = b->pres->format;
         blit.src.level = l - 1;
         blit.dst.level = l;
         u_box_3d(0, 0, s->layer, s->width, s->height,
                  res->target == PIPE_TEXTURE_3D ? s->depth : 1,
                  &blit.src.box);
         u_box_3d(0, 0, d->layer, d->width, d->height,
                  res->target == PIPE_TEXTURE_3D ? d->depth : 1,
                  &blit.dst.box);
         dev->pipe->blit(dev->pipe, &blit);
         d3dumd_mark_used(dev, b);
      }
   }
   return S_OK;
}

/* DepthFill: a rectangle of a depth-stencil subresource set to a value
 * in the surface's own format. */
HRESULT APIENTRY
d3dumd_DepthFill(HANDLE hDevice, const D3DDDIARG_DEPTHFILL *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   struct d3dumd_resource *res;
   struct d3dumd_subresource *sub =
      d3dumd_device_subresource(dev, pData->hResource, pData->SubResourceIndex,
                                &res);
   d3dumd_check(debug, sub && !res->sysmem &&
                util_format_is_depth_or_stencil(res->pformat), E_FAIL);
   const RECT *r = &pData->DstRect;
   d3dumd_check(debug, r->left >= 0 && r->top >= 0 && r->left < r->right &&
                r->top < r->bottom && (unsigned)r->right <= sub->width &&
                (unsigned)r->bottom <= sub->height, E_FAIL);
   const struct util_format_description *desc =
      util_format_description(res->pformat);
   float depth = 0.0f;
   uint8_t stencil = 0;
   const uint32_t native[2] = { pData->Depth, 0 };
   unsigned flags = 0;
   if (util_format_has_depth(desc)) {
      util_format_unpack_z_float(res->pformat, &depth, native, 1);
      flags |= PIPE_CLEAR_DEPTH;
   }
   if (util_format_has_stencil(desc)) {
      util_format_unpack_s_8uint(res->pformat, &stencil, native, 1);
      flags |= PIPE_CLEAR_STENCIL;
   }
   struct d3dumd_backing *b = backing_of(dev, res, sub);
   struct pipe_surface templ;
   memset(&templ, 0, sizeof(templ));
   templ.format = b->pres->format;
   templ.u.tex.level = sub->level;
   templ.u.tex.first_layer = templ.u.tex.last_layer = sub->layer;
   struct pipe_surface *surf = dev->pipe->create_surface(dev->pipe, b->pres,
                                                         &templ);
   if (!surf)
      return d3dumd_error(debug, E_OUTOFMEMORY);
   dev->pipe->clear_depth_stencil(dev->pipe, surf, flags, depth, stencil,
                                  r->left, r->top, r->right - r->left,
                                  r->bottom - r->top, false);
   pipe_surface_reference(&surf, NULL);
   d3dumd_mark_used(dev, b);
   return S_OK;
}

/*
 * RESZ (AMD's depth resolve, d3dumd_format_names.h): SetRenderState(
 * D3DRS_POINTSIZE, D3DUMD_RESZ_CODE) copies the bound depth-stencil
 * surface's depth into the INTZ texture bound to sampler 0, resolving a
 * multisampled one (one sample per pixel, what Gallium's blit of depth
 * gives; PIPE_CAP_MULTISAMPLE_Z_RESOLVE, which GetCaps requires before
 * it reports RESZ).  Programs draw a point with the texture bound first
 * so that a driver sees it; this one reads the binding directly.
 * Without both bindings the code does nothing: it is not a point size.
 */
void
d3dumd_resz_resolve(struct d3dumd_device *dev)
{
   const uint64_t debug = dev->adapter->debug;
   struct d3dumd_resource *src = dev->state.zs.res;
   struct d3dumd_resource *dst = dev->state.texture[0];

   if (!src || !dst || (uint32_t)dst->format != D3DUMD_FMT_INTZ ||
       dst->target != PIPE_TEXTURE_2D || dst->sysmem) {
      d3dumd_log(debug, D3DUMD_DEBUG_USER, __func__,
                 "RESZ without a depth buffer and an INTZ texture on "
                 "sampler 0: nothing resolved");
      return;
   }
   const struct d3dumd_subresource *ssub = &src->sub[dev->state.zs.sub];
   const struct d3dumd_subresource *dsub = &dst->sub[0];
   struct pipe_blit_info info;
   memset(&info, 0, sizeof(info));
   info.src.resource = backing_of(dev, src, ssub)->pres;
   info.src.level = ssub->level;
   info.src.format = src->pformat;
   u_box_2d_zslice(0, 0, ssub->layer, ssub->width, ssub->height,
                   &info.src.box);
   info.dst.resource = backing_of(dev, dst, dsub)->pres;
   info.dst.level = 0;
   info.dst.format = dst->pformat;
   u_box_2d(0, 0, dsub->width, dsub->height, &info.dst.box);
   info.mask = PIPE_MASK_Z;
   info.filter = PIPE_TEX_FILTER_NEAREST;
   info.sample0_only = true;
   dev->pipe->blit(dev->pipe, &info);
   d3dumd_mark_used(dev, backing_of(dev, src, ssub));
   d3dumd_mark_used(dev, backing_of(dev, dst, dsub));
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Render targets, the depth-stencil surface, the framebuffer they make,
 * and Clear.
 *
 * A binding names a subresource; its pipe_surface is made for the storage
 * the subresource has at the commit, and made again when a Rename or
 * Discard gave the resource new storage, so a bound target follows its
 * resource without being set again.
 */

#include <string.h>

#include "d3dumd_backing.h"

#include "cso_cache/cso_context.h"
#include "pipe/p_context.h"
#include "pipe/p_screen.h"
#include "util/format/u_format.h"
#include "util/u_inlines.h"
#include "util/u_math.h"

void
d3dumd_target_release(struct d3dumd_device *dev, struct d3dumd_target *t)
{
   pipe_surface_reference(&t->surf, NULL);
   t->surf_pres = NULL;
}

/* The storage a bound subresource has now, with any kept mapping of it
 * released (the GPU is about to use it). */
static struct d3dumd_backing *
target_backing(struct d3dumd_device *dev, const struct d3dumd_target *t)
{
   return d3dumd_backing_for_gpu(dev, t->res, t->sub);
}

/* A NULL (or RESZ) render target: it binds no colour buffer, its size
 * still counts (d3dumd_format_is_null_target). */
static inline bool
target_is_null(const struct d3dumd_target *t)
{
   return d3dumd_format_is_null_target(t->res->format);
}

static bool
target_surface(struct d3dumd_device *dev, struct d3dumd_target *t,
               bool srgb, bool *changed)
{
   struct d3dumd_backing *b = target_backing(dev, t);
   if (t->surf && t->surf_pres == b->pres && t->srgb == srgb)
      return true;
   d3dumd_target_release(dev, t);

   const struct d3dumd_subresource *sub = &t->res->sub[t->sub];
   struct pipe_surface templ;
   memset(&templ, 0, sizeof(templ));
   templ.format = b->pres->format;
   if (srgb) {
      const enum pipe_format f = util_format_srgb(templ.format);
      if (f != PIPE_FORMAT_NONE &&
          dev->screen->is_format_supported(dev->screen, f, b->pres->target,
                                           b->pres->nr_samples,
                                           b->pres->nr_storage_samples,
                                           PIPE_BIND_RENDER_TARGET))
         templ.format = f;
   }
   templ.u.tex.level = sub->level;
   templ.u.tex.first_layer = sub->layer;
   templ.u.tex.last_layer = sub->layer;
   t->surf = dev->pipe->create_surface(dev->pipe, b->pres, &templ);
   if (!t->surf)
      return false;
   t->surf_pres = b->pres;
   t->srgb = srgb;
   *changed = true;
   return true;
}

/* The framebuffer for the bound targets.  False when nothing can be
 * rendered: no target at all, or a surface could not be made. */
bool
d3dumd_target_commit(struct d3dumd_device *dev)
{
   struct d3dumd_state *st = &dev->state;
   bool changed = !!(st->dirty & D3DUMD_DIRTY_FB);
   const bool srgb = !!st->rs[D3DRS_SRGBWRITEENABLE];

   for (unsigned i = 0; i < D3DUMD_MAX_RENDER_TARGETS; i++) {
      if (st->rt[i].res && !target_is_null(&st->rt[i]) &&
          !target_surface(dev, &st->rt[i], srgb, &changed))
         return false;
   }
   if (st->zs.res && !target_surface(dev, &st->zs, false, &changed))
      return false;
   if (!changed)
      return true;

   struct pipe_framebuffer_state fb;
   memset(&fb, 0, sizeof(fb));
   /* The framebuffer is the smallest of its surfaces (D3D9 requires the
    * depth-stencil surface to be at least as large as the targets); a
    * NULL target counts with its size and binds no colour buffer. */
   unsigned width = ~0u, height = ~0u;
   for (unsigned i = 0; i < D3DUMD_MAX_RENDER_TARGETS; i++) {
      const struct d3dumd_target *t = &st->rt[i];
      if (!t->res)
         continue;
      const struct d3dumd_subresource *sub = &t->res->sub[t->sub];
      width = MIN2(width, sub->width);
      height = MIN2(height, sub->height);
      if (target_is_null(t))
         continue;
      fb.cbufs[i] = t->surf;
      fb.nr_cbufs = i + 1;
      fb.samples = MAX2(fb.samples, t->surf->texture->nr_samples);
   }
   fb.zsbuf = st->zs.res ? st->zs.surf : NULL;
   if (fb.zsbuf) {
      width = MIN2(width, fb.zsbuf->width);
      height = MIN2(height, fb.zsbuf->height);
      fb.samples = MAX2(fb.samples, fb.zsbuf->texture->nr_samples);
   }
   fb.width = width;
   fb.height = height;
   if (width == ~0u) {
      d3dumd_log(dev->adapter->debug, D3DUMD_DEBUG_USER, __func__,
                 "no render target or depth-stencil surface bound");
      return false;
   }
   /* Only NULL targets: a framebuffer without attachments, where the
    * screen has them; elsewhere nothing is drawn (nothing would be
    * written anyway). */
   if (!fb.nr_cbufs && !fb.zsbuf &&
       !dev->screen->get_param(dev->screen,
                               PIPE_CAP_FRAMEBUFFER_NO_ATTACHMENT)) {
      d3dumd_log(dev->adapter->debug, D3DUMD_DEBUG_USER, __func__,
                 "only NULL render targets bound, and the screen renders "
                 "nothing without an attachment");
      return false;
   }
   fb.layers = 1;
   cso_set_framebuffer(dev->cso, &fb);
   st->dirty &= ~D3DUMD_DIRTY_FB;
   return true;
}

/* A subresource a target can be: a surface of a non-buffer video-memory
 * resource. */
static bool
valid_target(struct d3dumd_device *dev, HANDLE h, UINT index,
             struct d3dumd_resource **out)
{
   struct d3dumd_resource *res;
   struct d3dumd_subresource *sub =
      d3dumd_device_subresource(dev, h, index, &res);
   *out = res;
   return sub && !res->is_buffer && !res->sysmem &&
          res->target != PIPE_TEXTURE_3D;
}

static HRESULT APIENTRY
d3dumd_SetRenderTarget(HANDLE hDevice, const D3DDDIARG_SETRENDERTARGET *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "RenderTargetIndex=%u hRenderTarget=%p "
                "SubResourceIndex=%u", pData->RenderTargetIndex,
                pData->hRenderTarget, pData->SubResourceIndex);
   d3dumd_check(debug, pData->RenderTargetIndex < D3DUMD_MAX_RENDER_TARGETS,
                E_FAIL);
   struct d3dumd_resource *res = NULL;
   if (pData->hRenderTarget) {
      d3dumd_check(debug, valid_target(dev, pData->hRenderTarget,
                                       pData->SubResourceIndex, &res),
                   E_FAIL);
      d3dumd_check(debug, !util_format_is_depth_or_stencil(res->pformat),
                   E_FAIL);
   }
   struct d3dumd_target *t = &dev->state.rt[pData->RenderTargetIndex];
   if (t->res != res || t->sub != pData->SubResourceIndex) {
      d3dumd_target_release(dev, t);
      t->res = res;
      t->sub = res ? pData->SubResourceIndex : 0;
      dev->state.dirty |= D3DUMD_DIRTY_FB;
   }
   return S_OK;
}

static HRESULT APIENTRY
d3dumd_SetDepthStencil(HANDLE hDevice, const D3DDDIARG_SETDEPTHSTENCIL *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "hZBuffer=%p", pData->hZBuffer);
   struct d3dumd_resource *res = NULL;
   if (pData->hZBuffer) {
      d3dumd_check(debug, valid_target(dev, pData->hZBuffer, 0, &res),
                   E_FAIL);
      d3dumd_check(debug, util_format_is_depth_or_stencil(res->pformat),
                   E_FAIL);
   }
   struct d3dumd_target *t = &dev->state.zs;
   if (t->res != res) {
      d3dumd_target_release(dev, t);
      t->res = res;
      t->sub = 0;
      dev->state.dirty |= D3DUMD_DIRTY_FB | D3DUMD_DIRTY_DSA;
   }
   return S_OK;
}

/* a = a ∩ b; false when empty. */
static bool
intersect(RECT *a, const RECT *b)
{
   a->left = MAX2(a->left, b->left);
   a->top = MAX2(a->top, b->top);
   a->right = MIN2(a->right, b->right);
   a->bottom = MIN2(a->bottom, b->bottom);
   return a->left < a->right && a->top < a->bottom;
}

static void
clear_rect(struct d3dumd_device *dev, UINT flags,
           const union pipe_color_union *color, double depth,
           unsigned stencil, const RECT *r)
{
   struct d3dumd_state *st = &dev->state;
   struct pipe_context *pipe = dev->pipe;

   /* Each surface is cleared within its own size: targets of different
    * sizes than the depth buffer do not shrink its clear (Wine's
    * test_clear_different_size_surfaces, from Windows). */
   if (flags & D3DCLEAR_TARGET) {
      for (unsigned i = 0; i < D3DUMD_MAX_RENDER_TARGETS; i++) {
         struct pipe_surface *s = st->rt[i].res ? st->rt[i].surf : NULL;
         RECT c = *r;
         const RECT size = { 0, 0, s ? s->width : 0, s ? s->height : 0 };
         if (s && intersect(&c, &size))
            pipe->clear_render_target(pipe, s, color, c.left, c.top,
                                      c.right - c.left, c.bottom - c.top,
                                      false);
      }
   }
   unsigned zs_flags = 0;
   if (st->zs.res) {
      const struct util_format_description *d =
         util_format_description(st->zs.res->pformat);
      if ((flags & D3DCLEAR_ZBUFFER) && util_format_has_depth(d))
         zs_flags |= PIPE_CLEAR_DEPTH;
      if ((flags & D3DCLEAR_STENCIL) && util_format_has_stencil(d))
         zs_flags |= PIPE_CLEAR_STENCIL;
   }
   RECT c = *r;
   const RECT size = { 0, 0, zs_flags ? st->zs.surf->width : 0,
                       zs_flags ? st->zs.surf->height : 0 };
   if (zs_flags && intersect(&c, &size))
      pipe->clear_depth_stencil(pipe, st->zs.surf, zs_flags, depth, stencil,
                                c.left, c.top, c.right - c.left,
                                c.bottom - c.top, false);
}

#define D3DUMD_CLEAR_COMPUTERECTS 0x00000008

/*
 * Clear.  The page's remarks decide the area (DESIGN.md, "Rendering:
 * rules"): without COMPUTERECTS the rectangles are already clipped by the
 * runtime and NumRect 0 clears nothing; with it, NumRect 0 is the
 * viewport and rectangles are clipped to the viewport, and to the scissor
 * rectangle while the scissor test is on.  Every area is also clipped to
 * each surface's size, so no rectangle writes outside a surface.
 */
static HRESULT APIENTRY
d3dumd_Clear(HANDLE hDevice, const D3DDDIARG_CLEAR *pData, UINT NumRect,
             const RECT *pRect)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "Flags=0x%x FillColor=0x%08x FillDepth=%f "
                "FillStencil=%u NumRect=%u", pData->Flags, pData->FillColor,
                pData->FillDepth, pData->FillStencil, NumRect);
   d3dumd_check(debug, !NumRect || pRect, E_FAIL);
   const bool compute = pData->Flags & D3DUMD_CLEAR_COMPUTERECTS;
   if (!NumRect && !compute) {
      d3dumd_log(debug, D3DUMD_DEBUG_USER, __func__,
                 "NumRect 0 without D3DCLEAR_COMPUTERECTS clears nothing");
      return S_OK;
   }
   if (!(pData->Flags & (D3DCLEAR_TARGET | D3DCLEAR_ZBUFFER |
                         D3DCLEAR_STENCIL)))
      return S_OK;
   if (!d3dumd_target_commit(dev))
      return S_OK;

   struct d3dumd_state *st = &dev->state;
   /* (Each surface clips to its own size: clear_rect.) */
   RECT clip = { 0, 0, INT32_MAX, INT32_MAX };
   if (compute) {
      const D3DDDIARG_VIEWPORTINFO *vp = &st->viewport;
      const RECT v = { vp->X, vp->Y, vp->X + vp->Width, vp->Y + vp->Height };
      if (!intersect(&clip, &v))
         return S_OK;
      if (st->rs[D3DRS_SCISSORTESTENABLE] && !intersect(&clip, &st->scissor))
         return S_OK;
   }

   const DWORD c = pData->FillColor;
   union pipe_color_union color;
   color.f[0] = ((c >> 16) & 0xff) / 255.0f;
   color.f[1] = ((c >> 8) & 0xff) / 255.0f;
   color.f[2] = (c & 0xff) / 255.0f;
   color.f[3] = ((c >> 24) & 0xff) / 255.0f;
   const double depth = CLAMP(pData->FillDepth, 0.0f, 1.0f);

   if (!NumRect) {
      clear_rect(dev, pData->Flags, &color, depth, pData->FillStencil, &clip);
   } else {
      for (UINT i = 0; i < NumRect; i++) {
         RECT r = pRect[i];
         if (intersect(&r, &clip))
            clear_rect(dev, pData->Flags, &color, depth, pData->FillStencil,
                       &r);
      }
   }
   for (unsigned i = 0; i < D3DUMD_MAX_RENDER_TARGETS; i++)
      if (st->rt[i].res && !target_is_null(&st->rt[i]) &&
          (pData->Flags & D3DCLEAR_TARGET))
         d3dumd_mark_used(dev, target_backing(dev, &st->rt[i]));
   if (st->zs.res)
      d3dumd_mark_used(dev, target_backing(dev, &st->zs));
   return S_OK;
}

void
d3dumd_target_fill_funcs(D3DDDI_DEVICEFUNCS *funcs)
{
   funcs->pfnSetRenderTarget = d3dumd_SetRenderTarget;
   funcs->pfnSetDepthStencil = d3dumd_SetDepthStencil;
   funcs->pfnClear = d3dumd_Clear;
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Present and SetDisplayMode: how a frame leaves the driver.
 *
 * On Windows the driver hands the runtime allocation handles through
 * pfnPresentCb and the kernel puts the pixels on screen.  Here the runtime
 * plays the kernel's part too, so what each side does is fixed as follows
 * (docs/d3dumd.rst, "Presentation"):
 *
 *   - The source's rendering is submitted (the frame's batch is flushed)
 *     before pfnPresentCb, and the source storage is marked used by it.
 *   - With a destination (hDstResource, the page: "the destination surface
 *     ... is known"), the driver copies the source into it first, stretched
 *     and filtered linearly where sizes differ (Blt).  A destination in
 *     system memory is the runtime's memory: the copy into it is done when
 *     pfnPresentCb is called, so the runtime reads a finished frame there
 *     without another copy.  That is the route a runtime takes to a window.
 *   - Without a destination the runtime gets the source allocation only
 *     and reads the frame itself when it needs it (Blt to system memory).
 *   - ColorFill presents have no source.
 *   - pfnPresentCb's result is the call's result, unchanged.
 */

#include "d3dumd_backing.h"

#include "util/u_inlines.h"

/* The subresource a present names, or NULL (logged) if it names none. */
static struct d3dumd_resource *
present_resource(struct d3dumd_device *dev, HANDLE h, UINT index,
                 const char *what)
{
   struct d3dumd_resource *res = d3dumd_device_resource(dev, h);
   if (!res || index >= res->num_subresources || res->is_buffer) {
      d3dumd_log(dev->adapter->debug, D3DUMD_DEBUG_USER, "d3dumd_Present",
                 "%s %p (subresource %u) is no surface of this device", what,
                 h, index);
      return NULL;
   }
   return res;
}

static HRESULT APIENTRY
d3dumd_Present(HANDLE hDevice, const D3DDDIARG_PRESENT *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "hSrc=%p/%u hDst=%p/%u Flags=0x%x FlipInterval=%u",
                pData->hSrcResource, pData->SrcSubResourceIndex,
                pData->hDstResource, pData->DstSubResourceIndex,
                pData->Flags.Value, (unsigned)pData->FlipInterval);

   struct d3dumd_resource *src = NULL, *dst = NULL;
   if (pData->hSrcResource) {
      src = present_resource(dev, pData->hSrcResource,
                             pData->SrcSubResourceIndex, "source");
      if (!src)
         return E_FAIL;
   } else {
      /* Only a colour fill has no source (the D3DDDIARG_PRESENT page). */
      d3dumd_check(debug, pData->Flags.ColorFill, E_FAIL);
   }
   if (pData->hDstResource) {
      dst = present_resource(dev, pData->hDstResource,
                             pData->DstSubResourceIndex, "destination");
      if (!dst)
         return E_FAIL;
   }

   if (src && dst && src != dst) {
      const struct d3dumd_subresource *s =
         &src->sub[pData->SrcSubResourceIndex];
      const struct d3dumd_subresource *d =
         &dst->sub[pData->DstSubResourceIndex];
      D3DDDIARG_BLT blt = {
         .hSrcResource = pData->hSrcResource,
         .SrcSubResourceIndex = pData->SrcSubResourceIndex,
         .SrcRect = { 0, 0, (LONG)s->width, (LONG)s->height },
         .hDstResource = pData->hDstResource,
         .DstSubResourceIndex = pData->DstSubResourceIndex,
         .DstRect = { 0, 0, (LONG)d->width, (LONG)d->height },
      };
      blt.Flags.Linear = s->width != d->width || s->height != d->height;
      HRESULT hr = d3dumd_Blt(hDevice, &blt);
      if (FAILED(hr))
         return hr;
   }

   /* The frame is submitted with the source in it. */
   if (src && !src->sysmem)
      d3dumd_mark_used(dev, d3dumd_backing_current(src,
                                                   pData->SrcSubResourceIndex));
   d3dumd_flush(dev);

   D3DDDICB_PRESENT cb = {
      .hSrcAllocation = src ? src->allocation : 0,
      .hDstAllocation = dst ? dst->allocation : 0,
      .hContext = dev->rt_context,
   };
   HRESULT hr = dev->callbacks.pfnPresentCb(dev->rt_device, &cb);
   if (FAILED(hr))
      return d3dumd_error(debug, hr);
   dev->stats.presents++;
   return S_OK;
}

/* The primary to scan out (the SetDisplayMode page): its allocation goes to
 * pfnSetDisplayModeCb, whose result is returned unchanged. */
static HRESULT APIENTRY
d3dumd_SetDisplayMode(HANDLE hDevice, const D3DDDIARG_SETDISPLAYMODE *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   D3DUMD_TRACE(debug, "hResource=%p sub=%u", pData->hResource,
                pData->SubResourceIndex);
   struct d3dumd_resource *res = d3dumd_device_resource(dev,
                                                        pData->hResource);
   d3dumd_check(debug, res && pData->SubResourceIndex < res->num_subresources,
                E_FAIL);
   /* Only an allocation made as a primary may be scanned out (the
    * D3DDDICB_SETDISPLAYMODE page). */
   d3dumd_check(debug, res->flags.Primary, E_FAIL);
   D3DDDICB_SETDISPLAYMODE cb = { .hPrimaryAllocation = res->allocation };
   HRESULT hr = dev->callbacks.pfnSetDisplayModeCb(dev->rt_device, &cb);
   return FAILED(hr) ? d3dumd_error(debug, hr) : S_OK;
}

void
d3dumd_present_fill_funcs(D3DDDI_DEVICEFUNCS *funcs)
{
   funcs->pfnPresent = d3dumd_Present;
   funcs->pfnSetDisplayMode = d3dumd_SetDisplayMode;
}

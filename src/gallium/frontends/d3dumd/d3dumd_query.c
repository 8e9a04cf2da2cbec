/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Event queries from Gallium fences.  Applications pace streaming (Discard
 * locks, NoOverwrite rings) with them, and GetQueryData is one of the
 * functions the runtime calls reentrantly (d3dumd_lock_async.h): it checks
 * the query's fence without the device's context and never blocks.
 *
 * Occlusion and the timestamp queries are Gallium queries as well
 * (PIPE_QUERY_OCCLUSION_COUNTER, PIPE_QUERY_TIMESTAMP,
 * PIPE_QUERY_TIMESTAMP_DISJOINT), read once the fence of the IssueQuery
 * that ended them has signalled, without waiting.  Gallium's timestamps
 * count nanoseconds, so TIMESTAMPFREQ answers 10^9 (as Nine and wined3d
 * do); it is an event query otherwise.
 */

#include <string.h>

#include "d3dumd_private.h"

#include "pipe/p_context.h"
#include "pipe/p_screen.h"
#include "util/u_memory.h"

struct d3dumd_query {
   struct d3dumd_object base;
   struct list_head link;               /* in d3dumd_device::queries */
   struct d3dumd_device *dev;
   D3DDDIQUERYTYPE type;
   struct pipe_fence_handle *fence;     /* under dev->async_lock */
   /* Occlusion: the Gallium query (device thread only), begun. */
   struct pipe_query *pq;
   bool active;
};

/* Whether the screen counts samples: the occlusion query (GetCaps lists
 * it then, d3dumd_caps.c). */
bool
d3dumd_query_has_occlusion(struct pipe_screen *screen)
{
   return screen->get_param(screen, PIPE_CAP_OCCLUSION_QUERY);
}

/* The query types the screen serves, for GetCaps (GETD3DQUERYCOUNT,
 * GETD3DQUERYDATA) and CreateQuery: events always, occlusion where the
 * screen counts samples, the three timestamp queries where it has
 * timestamps.  `types` may be NULL; returns the count. */
unsigned
d3dumd_query_types(struct pipe_screen *screen,
                   D3DDDIQUERYTYPE types[D3DUMD_MAX_QUERY_TYPES])
{
   D3DDDIQUERYTYPE list[D3DUMD_MAX_QUERY_TYPES];
   unsigned n = 0;
   list[n++] = D3DDDIQUERYTYPE_EVENT;
   if (d3dumd_query_has_occlusion(screen))
      list[n++] = D3DDDIQUERYTYPE_OCCLUSION;
   if (screen->get_param(screen, PIPE_CAP_QUERY_TIMESTAMP)) {
      list[n++] = D3DDDIQUERYTYPE_TIMESTAMP;
      list[n++] = D3DDDIQUERYTYPE_TIMESTAMPDISJOINT;
      list[n++] = D3DDDIQUERYTYPE_TIMESTAMPFREQ;
   }
   if (types)
      memcpy(types, list, n * sizeof(list[0]));
   return n;
}

static bool
query_type_supported(struct pipe_screen *screen, D3DDDIQUERYTYPE type)
{
   D3DDDIQUERYTYPE types[D3DUMD_MAX_QUERY_TYPES];
   const unsigned n = d3dumd_query_types(screen, types);
   for (unsigned i = 0; i < n; i++)
      if (types[i] == type)
         return true;
   return false;
}

/* The Gallium query behind a D3D9 type (PIPE_QUERY_TYPES: none, the
 * fence is the whole answer). */
static enum pipe_query_type
pipe_query_type(D3DDDIQUERYTYPE type)
{
   switch (type) {
   case D3DDDIQUERYTYPE_OCCLUSION:
      return PIPE_QUERY_OCCLUSION_COUNTER;
   case D3DDDIQUERYTYPE_TIMESTAMP:
      return PIPE_QUERY_TIMESTAMP;
   case D3DDDIQUERYTYPE_TIMESTAMPDISJOINT:
      return PIPE_QUERY_TIMESTAMP_DISJOINT;
   default:
      return PIPE_QUERY_TYPES;
   }
}

D3DUMD_DEFINE_HANDLE_LOOKUP(d3dumd_query, D3DUMD_OBJ_QUERY)

static struct d3dumd_query *
device_query(struct d3dumd_device *dev, HANDLE h)
{
   struct d3dumd_query *q = d3dumd_query_from_handle(h);
   return q && q->dev == dev ? q : NULL;
}

HRESULT APIENTRY
d3dumd_CreateQuery(HANDLE hDevice, D3DDDIARG_CREATEQUERY *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   /* The types GetCaps reports (d3dumd_query_types). */
   d3dumd_check(debug, query_type_supported(dev->screen, pData->QueryType),
                E_FAIL);

   struct d3dumd_query *q = CALLOC_STRUCT(d3dumd_query);
   if (!q)
      return d3dumd_error(debug, E_OUTOFMEMORY);
   q->base.type = D3DUMD_OBJ_QUERY;
   q->dev = dev;
   q->type = pData->QueryType;
   const enum pipe_query_type ptype = pipe_query_type(q->type);
   if (ptype != PIPE_QUERY_TYPES) {
      q->pq = dev->pipe->create_query(dev->pipe, ptype, 0);
      if (!q->pq) {
         FREE(q);
         return d3dumd_error(debug, E_OUTOFMEMORY);
      }
   }
   q->base.handle = d3dumd_handle_register(q, D3DUMD_OBJ_QUERY);
   if (!q->base.handle) {
      FREE(q);
      return d3dumd_error(debug, E_OUTOFMEMORY);
   }
   list_addtail(&q->link, &dev->queries);
   pData->hQuery = q->base.handle;
   return S_OK;
}

static void
query_free(struct d3dumd_device *dev, struct d3dumd_query *q)
{
   struct pipe_screen *screen = dev->screen;

   list_del(&q->link);
   d3dumd_handle_release(q->base.handle);
   screen->fence_reference(screen, &q->fence, NULL);
   if (q->pq) {
      if (q->active)
         dev->pipe->end_query(dev->pipe, q->pq);
      dev->pipe->destroy_query(dev->pipe, q->pq);
   }
   FREE(q);
}

HRESULT APIENTRY
d3dumd_DestroyQuery(HANDLE hDevice, HANDLE hQuery)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   struct d3dumd_query *q = device_query(dev, hQuery);
   d3dumd_check(dev->adapter->debug, q, E_FAIL);
   mtx_lock(&dev->async_lock);
   query_free(dev, q);
   mtx_unlock(&dev->async_lock);
   return S_OK;
}

void
d3dumd_query_destroy_all(struct d3dumd_device *dev)
{
   mtx_lock(&dev->async_lock);
   list_for_each_entry_safe(struct d3dumd_query, q, &dev->queries, link)
      query_free(dev, q);
   mtx_unlock(&dev->async_lock);
}

HRESULT APIENTRY
d3dumd_IssueQuery(HANDLE hDevice, const D3DDDIARG_ISSUEQUERY *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   struct d3dumd_query *q = device_query(dev, pData->hQuery);
   d3dumd_check(debug, q, E_FAIL);
   if (q->type == D3DDDIQUERYTYPE_TIMESTAMP) {
      /* A timestamp has only an end: the time the work queued before it
       * is done (Gallium: end_query alone). */
      if (!pData->Flags.End)
         return S_OK;
      dev->pipe->end_query(dev->pipe, q->pq);
   } else if (q->pq) {
      /* Occlusion and timestamp-disjoint: Begin (again: restarts) and
       * End; an End without a Begin counts nothing. */
      if (pData->Flags.Begin) {
         if (q->active)
            dev->pipe->end_query(dev->pipe, q->pq);
         q->active = dev->pipe->begin_query(dev->pipe, q->pq);
      }
      if (pData->Flags.End) {
         if (!q->active)
            dev->pipe->begin_query(dev->pipe, q->pq);
         dev->pipe->end_query(dev->pipe, q->pq);
         q->active = false;
      } else {
         return S_OK;
      }
   } else if (!pData->Flags.End) {
      /* An event (and TIMESTAMPFREQ) has only an end: everything queued
       * before it. */
      return S_OK;
   }
   d3dumd_flush(dev);
   struct pipe_screen *screen = dev->screen;
   mtx_lock(&dev->async_lock);
   screen->fence_reference(screen, &q->fence, dev->last_fence);
   mtx_unlock(&dev->async_lock);
   return S_OK;
}

HRESULT APIENTRY
d3dumd_GetQueryData(HANDLE hDevice, const D3DDDIARG_GETQUERYDATA *pData)
{
   struct d3dumd_device *dev = d3dumd_device_from_handle(hDevice);

   d3dumd_check(d3dumd_debug_flags(), dev, E_FAIL);
   const uint64_t debug = dev->adapter->debug;
   d3dumd_check(debug, pData, E_FAIL);
   struct pipe_screen *screen = dev->screen;

   mtx_lock(&dev->async_lock);
   struct d3dumd_query *q = device_query(dev, pData->hQuery);
   struct pipe_fence_handle *fence = NULL;
   if (q)
      screen->fence_reference(screen, &fence, q->fence);
   mtx_unlock(&dev->async_lock);
   d3dumd_check(debug, q, E_FAIL);

   /* No context, no wait (the GetQueryData page: S_FALSE until done). */
   const bool done = !fence || screen->fence_finish(screen, NULL, fence, 0);
   screen->fence_reference(screen, &fence, NULL);
   if (!done)
      return S_FALSE;
   if (q->pq) {
      /* Occlusion and timestamp queries are read on the device's thread
       * (only event queries are asked from the runtime's application
       * thread), so the device's context may read the query, without
       * waiting. */
      union pipe_query_result r;
      if (q->active || !dev->pipe->get_query_result(dev->pipe, q->pq, false,
                                                    &r))
         return S_FALSE;
      if (!pData->pData)
         return S_OK;
      switch (q->type) {
      case D3DDDIQUERYTYPE_OCCLUSION:
         /* The samples that passed, a DWORD. */
         *(DWORD *)pData->pData = (DWORD)MIN2(r.u64, UINT32_MAX);
         break;
      case D3DDDIQUERYTYPE_TIMESTAMP:
         /* A UINT64 in TIMESTAMPFREQ's units: nanoseconds. */
         memcpy(pData->pData, &r.u64, sizeof(UINT64));
         break;
      default: {
         /* TIMESTAMPDISJOINT: a BOOL, TRUE when the counter's frequency
          * or continuity changed in between. */
         const BOOL disjoint = r.timestamp_disjoint.disjoint;
         memcpy(pData->pData, &disjoint, sizeof(BOOL));
         break;
      }
      }
      return S_OK;
   }
   if (!pData->pData)
      return S_OK;
   if (q->type == D3DDDIQUERYTYPE_TIMESTAMPFREQ) {
      /* A UINT64: Gallium's timestamps count nanoseconds. */
      const UINT64 hz = 1000000000ull;
      memcpy(pData->pData, &hz, sizeof(hz));
      return S_OK;
   }
   *(BOOL *)pData->pData = TRUE;
   return S_OK;
}

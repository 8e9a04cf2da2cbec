/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-async-reentrancy: LockAsync, UnlockAsync and GetQueryData on the
 * application thread while the worker runs every other implemented
 * function of the same device (resource creation and destruction, Lock,
 * Unlock, Blt, ColorFill, BufBlt, VolBlt, Rename, IssueQuery, Flush), on
 * several devices at once, each with its own application thread and
 * worker.  Data written through LockAsync must arrive; ThreadSanitizer
 * checks the rest in CI.
 */

#include <pthread.h>
#include <stdio.h>

#include "async_util.h"

#define DEVICES 3
#define ROUNDS 150

struct ctx {
   struct rt_device *dev;
   struct rt_worker *w;
   HANDLE vb, out, tex, rt, vol_a, vol_b, query;
   unsigned bad, refusals, not_yet;
};

/* Worker-side work that is not a plain queued call. */
static HRESULT
churn(struct rt_device *dev, void *arg)
{
   (void)arg;
   /* Create, lock, write, unlock and destroy a resource. */
   HANDLE h;
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.Texture = 1;
   HRESULT hr = rt_create_surface(dev, D3DDDIFMT_A8R8G8B8, 32, 32, f,
                                  D3DDDIPOOL_VIDEOMEMORY, &h);
   if (FAILED(hr))
      return hr;
   D3DDDIARG_LOCK l;
   hr = lock_sub(dev, h, 0, L_DISCARD, &l);
   if (SUCCEEDED(hr)) {
      memset(l.pSurfData, 0x42, l.Pitch);
      hr = unlock_sub(dev, h, 0);
   }
   HRESULT hr2 = rt_destroy_resource(dev, h);
   return FAILED(hr) ? hr : hr2;
}

static HRESULT
volblt(struct rt_device *dev, void *arg)
{
   return dev->funcs.pfnVolBlt(dev->hDevice, arg);
}

static void *
app_thread(void *arg)
{
   struct ctx *c = arg;
   struct rt_device *dev = c->dev;
   for (unsigned i = 0; i < ROUNDS; i++) {
      /* Application thread: Discard, then NoOverwrite on the new storage
       * before its Rename has run. */
      D3DDDIARG_LOCKASYNC l;
      if (lock_async_discard(dev, c->w, c->vb, 0, &l, &c->refusals) != S_OK) {
         c->bad++;
         continue;
      }
      memset(l.pSurfData, i & 0xff, 256);
      unlock_async(dev, c->vb);
      queue_rename(c->w, c->vb, l.hCookie);
      if (lock_async_range(dev, c->vb, A_NOOVERWRITE, 256, 256, &l) == S_OK) {
         memset(l.pSurfData, (i + 1) & 0xff, 256);
         unlock_async(dev, c->vb);
      } else {
         c->bad++;
      }
      D3DDDIARG_BUFFERBLT bb = { .hDstResource = c->out, .hSrcResource = c->vb,
                                 .Offset = 0, .SrcRange = { 0, 512 } };
      rt_worker_bufblt(c->w, &bb);

      /* Worker: everything else. */
      D3DDDIARG_COLORFILL cf = { .hResource = c->tex,
                                 .DstRect = { 0, 0, 64, 64 },
                                 .Color = 0xff000000u | i };
      rt_worker_colorfill(c->w, &cf);
      D3DDDIARG_BLT b = { .hSrcResource = c->tex, .SrcRect = { 0, 0, 64, 64 },
                          .hDstResource = c->rt,
                          .DstRect = { 0, 0, 512, 512 } };
      b.Flags.Linear = 1;
      rt_worker_blt(c->w, &b);
      D3DDDIARG_VOLUMEBLT vb = { .hDstResource = c->vol_b,
                                 .hSrcResource = c->vol_a,
                                 .SrcBox = { 0, 0, 8, 8, 0, 8 } };
      rt_worker_call(c->w, volblt, &vb, sizeof(vb));
      rt_worker_call(c->w, churn, NULL, 0);
      D3DDDIARG_ISSUEQUERY iq = { .hQuery = c->query };
      iq.Flags.End = 1;
      rt_worker_issue_query(c->w, &iq);
      rt_worker_flush(c->w);

      /* Application thread, reentrant: GetQueryData never blocks. */
      BOOL done = FALSE;
      D3DDDIARG_GETQUERYDATA gq = { .hQuery = c->query, .pData = &done };
      HRESULT hr = dev->funcs.pfnGetQueryData(dev->hDevice, &gq);
      if (hr == S_FALSE)
         c->not_yet++;
      else if (hr != S_OK)
         c->bad++;

      if (i % 50 == 49) {
         rt_worker_drain(c->w);
         D3DDDIARG_LOCK sl;
         if (lock_sub(dev, c->out, 0, L_READONLY, &sl) == S_OK) {
            for (unsigned k = 0; k < 512; k++)
               c->bad += ((uint8_t *)sl.pSurfData)[k] !=
                         (uint8_t)(k < 256 ? i : i + 1);
            unlock_sub(dev, c->out, 0);
         } else {
            c->bad++;
         }
      }
   }
   rt_worker_drain(c->w);
   return NULL;
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   struct rt_adapter *adapter = test_open_adapter(drv);
   struct ctx ctx[DEVICES];
   memset(ctx, 0, sizeof(ctx));

   for (unsigned d = 0; d < DEVICES; d++) {
      struct ctx *c = &ctx[d];
      c->dev = test_create_device(adapter);
      if (!c->dev->funcs.pfnLockAsync)
         piglit_skip("the driver does not offer LockAsync");
      CHECK_HR(rt_create_buffer(c->dev, 512, false, true, &c->vb), S_OK);
      CHECK_HR(rt_create_buffer(c->dev, 512, false, false, &c->out), S_OK);
      D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
      f.Texture = 1;
      CHECK_HR(rt_create_surface(c->dev, D3DDDIFMT_A8R8G8B8, 64, 64, f,
                                 D3DDDIPOOL_VIDEOMEMORY, &c->tex), S_OK);
      f.Value = 0;
      f.RenderTarget = 1;
      CHECK_HR(rt_create_surface(c->dev, D3DDDIFMT_A8R8G8B8, 512, 512, f,
                                 D3DDDIPOOL_VIDEOMEMORY, &c->rt), S_OK);
      D3DDDI_SURFACEINFO vs = { .Width = 8, .Height = 8, .Depth = 8 };
      D3DDDIARG_CREATERESOURCE2 va = {
         .Format = D3DDDIFMT_A8R8G8B8, .Pool = D3DDDIPOOL_VIDEOMEMORY,
         .pSurfList = &vs, .SurfCount = 1, .MipLevels = 1,
      };
      va.Flags.Texture = 1;
      va.Flags.Volume = 1;
      CHECK_HR(rt_create_resource(c->dev, &va, &c->vol_a), S_OK);
      CHECK_HR(rt_create_resource(c->dev, &va, &c->vol_b), S_OK);
      D3DDDIARG_CREATEQUERY cq = { .QueryType = D3DDDIQUERYTYPE_EVENT };
      CHECK_HR(c->dev->funcs.pfnCreateQuery(c->dev->hDevice, &cq), S_OK);
      c->query = cq.hQuery;
      c->w = rt_worker_start(c->dev);
   }
   piglit_subtest("setup", piglit_check_failed ? PIGLIT_FAIL : PIGLIT_PASS);

   pthread_t t[DEVICES];
   for (unsigned d = 0; d < DEVICES; d++)
      pthread_create(&t[d], NULL, app_thread, &ctx[d]);
   piglit_check_failed = false;
   for (unsigned d = 0; d < DEVICES; d++) {
      pthread_join(t[d], NULL);
      HRESULT first = S_OK;
      unsigned failures = rt_worker_failures(ctx[d].w, &first);
      printf("  device %u: %u bad, %u worker failures (0x%08x), %u refusals, "
             "%u S_FALSE from GetQueryData\n", d, ctx[d].bad, failures,
             (unsigned)first, ctx[d].refusals, ctx[d].not_yet);
      CHECK(ctx[d].bad == 0);
      CHECK(failures == 0);
   }
   piglit_subtest("reentrant-calls-on-several-devices",
                  piglit_check_failed ? PIGLIT_FAIL : PIGLIT_PASS);

   piglit_check_failed = false;
   for (unsigned d = 0; d < DEVICES; d++) {
      struct ctx *c = &ctx[d];
      rt_worker_stop(c->w);
      c->dev->funcs.pfnDestroyQuery(c->dev->hDevice, c->query);
      HANDLE all[] = { c->vb, c->out, c->tex, c->rt, c->vol_a, c->vol_b };
      for (unsigned i = 0; i < 6; i++)
         CHECK_HR(rt_destroy_resource(c->dev, all[i]), S_OK);
      CHECK_HR(rt_device_destroy(c->dev), S_OK);
   }
   CHECK(rt_violations(adapter) == 0);
   piglit_subtest("teardown-and-protocol",
                  piglit_check_failed ? PIGLIT_FAIL : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-async-semantics: the rules of LockAsync, UnlockAsync, Rename and
 * event queries beyond ordering: what is served and what answers
 * E_NOTIMPL (and the runtime's fallback to Lock), bad input, the
 * pfnLockCb protocol (Discard, NoExistingReference, IgnoreSync +
 * DonotWait, the new allocation handle adopted at Rename), memory bounded
 * over 100,000 discards, cookies never renamed reclaimed at destruction,
 * system memory, and GetQueryData's S_FALSE/S_OK.
 */

#include <malloc.h>
#include <stdio.h>

#include "async_util.h"

static struct rt_adapter *adapter;
static struct rt_device *dev;
static struct rt_worker *w;

static void
served_and_not(void)
{
   D3DDDIARG_LOCKASYNC l;
   /* A mip-mapped texture has several subresources: E_NOTIMPL, and the
    * runtime's fallback, Lock on the worker, works. */
   D3DDDI_SURFACEINFO s[2] = { { .Width = 8, .Height = 8, .Depth = 1 },
                               { .Width = 4, .Height = 4, .Depth = 1 } };
   D3DDDIARG_CREATERESOURCE2 args = {
      .Format = D3DDDIFMT_A8R8G8B8, .Pool = D3DDDIPOOL_VIDEOMEMORY,
      .pSurfList = s, .SurfCount = 2, .MipLevels = 2,
   };
   args.Flags.Texture = 1;
   args.Flags.Dynamic = 1;
   HANDLE mip;
   CHECK_HR(rt_create_resource(dev, &args, &mip), S_OK);
   CHECK_HR(lock_async(dev, mip, A_DISCARD, &l), E_NOTIMPL);
   rt_worker_drain(w);
   D3DDDIARG_LOCK sl;
   CHECK_HR(lock_sub(dev, mip, 0, L_DISCARD, &sl), S_OK);
   CHECK_HR(unlock_sub(dev, mip, 0), S_OK);
   CHECK_HR(rt_destroy_resource(dev, mip), S_OK);

   /* A lock that must synchronise (no Discard, no NoOverwrite). */
   HANDLE vb;
   CHECK_HR(rt_create_buffer(dev, 1024, false, true, &vb), S_OK);
   CHECK_HR(lock_async(dev, vb, 0, &l), E_NOTIMPL);
   /* NoOverwrite together with Discard: NoOverwrite wins, no cookie. */
   rt_reset_calls(adapter);
   CHECK_HR(lock_async(dev, vb, A_NOOVERWRITE | A_DISCARD, &l), S_OK);
   CHECK(l.hCookie == NULL && l.pSurfData != NULL);
   CHECK_HR(unlock_async(dev, vb), S_OK);
   D3DDDICB_LOCKFLAGS seen = { .Value = adapter->rec.calls[0].flags };
   CHECK(seen.IgnoreSync && seen.DonotWait && !seen.Discard);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);

   /* A single-level dynamic texture is served. */
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.Texture = 1;
   f.Dynamic = 1;
   HANDLE tex;
   CHECK_HR(rt_create_surface(dev, D3DDDIFMT_X8R8G8B8, 32, 32, f,
                              D3DDDIPOOL_VIDEOMEMORY, &tex), S_OK);
   CHECK_HR(lock_async(dev, tex, A_DISCARD, &l), S_OK);
   CHECK(l.hCookie != NULL && l.Pitch >= 32 * 4);
   CHECK_HR(unlock_async(dev, tex), S_OK);
   queue_rename(w, tex, l.hCookie);
   rt_worker_drain(w);
   CHECK_HR(rt_destroy_resource(dev, tex), S_OK);
}

static void
bad_input(void)
{
   HANDLE vb;
   CHECK_HR(rt_create_buffer(dev, 1024, false, true, &vb), S_OK);
   /* UnlockAsync of something not locked: E_INVALIDARG (its page). */
   CHECK_HR(unlock_async(dev, vb), E_INVALIDARG);
   D3DDDIARG_LOCKASYNC l;
   CHECK_HR(lock_async(dev, NULL, A_DISCARD, &l), E_FAIL);
   CHECK_HR(lock_async_range(dev, vb, A_DISCARD, 2000, 10, &l), E_FAIL);

   /* Rename with an unknown cookie, a cookie of another resource, twice:
    * E_FAIL, nothing changed. */
   rt_worker_drain(w);
   D3DDDIARG_RENAME r = { .hResource = vb, .hCookie = (HANDLE)(uintptr_t)0x1234 };
   CHECK_HR(dev->funcs.pfnRename(dev->hDevice, &r), E_FAIL);
   r.hCookie = NULL;
   CHECK_HR(dev->funcs.pfnRename(dev->hDevice, &r), E_FAIL);
   CHECK_HR(lock_async(dev, vb, A_DISCARD, &l), S_OK);
   memset(l.pSurfData, 0x77, 1024);
   CHECK_HR(unlock_async(dev, vb), S_OK);
   HANDLE other;
   CHECK_HR(rt_create_buffer(dev, 1024, false, true, &other), S_OK);
   r.hResource = other;
   r.hCookie = l.hCookie;
   CHECK_HR(dev->funcs.pfnRename(dev->hDevice, &r), E_FAIL);
   r.hResource = vb;
   CHECK_HR(dev->funcs.pfnRename(dev->hDevice, &r), S_OK);
   CHECK_HR(dev->funcs.pfnRename(dev->hDevice, &r), E_FAIL);
   /* The one good Rename took: the worker sees the new contents. */
   D3DDDIARG_LOCK sl;
   CHECK_HR(lock_sub(dev, vb, 0, L_READONLY, &sl), S_OK);
   CHECK(((uint8_t *)sl.pSurfData)[500] == 0x77);
   CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
   CHECK_HR(rt_destroy_resource(dev, other), S_OK);
}

static void
callback_protocol(void)
{
   HANDLE vb;
   CHECK_HR(rt_create_buffer(dev, 4096, false, true, &vb), S_OK);
   HANDLE rt_handle = dev->last_rt_resource;
   rt_worker_drain(w);
   rt_reset_calls(adapter);

   D3DDDIARG_LOCKASYNC l;
   CHECK_HR(lock_async(dev, vb, A_DISCARD | A_NOREFS, &l), S_OK);
   CHECK_HR(unlock_async(dev, vb), S_OK);
   /* Discard (+ NoExistingReference: the runtime said none and nothing of
    * ours is queued), then UnlockCb with the new instance's handle. */
   const struct rt_call *c = adapter->rec.calls;
   D3DDDICB_LOCKFLAGS f0 = { .Value = c[0].flags };
   CHECK(c[0].cb == RT_CB_LOCK && f0.Discard && f0.NoExistingReference);
   CHECK(c[1].cb == RT_CB_UNLOCK && c[1].allocation != c[0].allocation);
   const UINT new_handle = c[1].allocation;
   /* Rename adopts it: the worker's next Lock names it. */
   queue_rename(w, vb, l.hCookie);
   rt_worker_drain(w);
   rt_reset_calls(adapter);
   D3DDDIARG_LOCK sl;
   CHECK_HR(lock_sub(dev, vb, 0, L_READONLY, &sl), S_OK);
   CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
   CHECK(adapter->rec.calls[0].allocation == new_handle);

   /* NoOverwrite: IgnoreSync with DonotWait. */
   rt_reset_calls(adapter);
   CHECK_HR(lock_async_range(dev, vb, A_NOOVERWRITE, 0, 16, &l), S_OK);
   CHECK_HR(unlock_async(dev, vb), S_OK);
   D3DDDICB_LOCKFLAGS f1 = { .Value = adapter->rec.calls[0].flags };
   CHECK(f1.IgnoreSync && f1.DonotWait && !f1.Discard);

   /* Failures of pfnLockCb come back unchanged and leave nothing locked
    * or renamed; the resource stays usable. */
   rt_fail_next(adapter, RT_CB_LOCK, E_OUTOFMEMORY, 1);
   CHECK_HR(lock_async(dev, vb, A_DISCARD, &l), E_OUTOFMEMORY);
   CHECK_HR(unlock_async(dev, vb), E_INVALIDARG);
   CHECK_HR(lock_async(dev, vb, A_DISCARD, &l), S_OK);
   CHECK_HR(unlock_async(dev, vb), S_OK);
   queue_rename(w, vb, l.hCookie);
   rt_worker_drain(w);
   CHECK(rt_worker_failures(w, NULL) == 0);
   struct rt_allocation *a = rt_allocation_for(dev, rt_handle);
   CHECK(a && a->lock_count == 0);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
}

static void
cookies_reclaimed(void)
{
   /* Cookies never renamed and retired storage go with the resource. */
   const unsigned live = rt_live_allocations(dev);
   HANDLE vb;
   CHECK_HR(rt_create_buffer(dev, 65536, false, true, &vb), S_OK);
   for (unsigned i = 0; i < 5; i++) {
      D3DDDIARG_LOCKASYNC l;
      CHECK_HR(lock_async(dev, vb, A_DISCARD, &l), S_OK);
      CHECK_HR(unlock_async(dev, vb), S_OK);
      if (i < 2)
         queue_rename(w, vb, l.hCookie);
   }
   /* And a resource destroyed while LockAsync-locked is unlocked. */
   D3DDDIARG_LOCKASYNC l;
   CHECK_HR(lock_async(dev, vb, A_DISCARD, &l), S_OK);
   rt_worker_drain(w);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
   CHECK(rt_live_allocations(dev) == live);
   CHECK(rt_locked_allocations(dev) == 0);
}

static void
memory_bounded(void)
{
   enum { N = 100000, SIZE = 4096 };
   HANDLE vb;
   CHECK_HR(rt_create_buffer(dev, SIZE, false, true, &vb), S_OK);
   const unsigned live = rt_live_allocations(dev);
   unsigned refusals = 0, failures = 0;
   size_t heap_mid = 0;
   for (unsigned i = 0; i < N; i++) {
      D3DDDIARG_LOCKASYNC l;
      if (lock_async_discard(dev, w, vb, 0, &l, &refusals) != S_OK) {
         failures++;
         continue;
      }
      ((uint32_t *)l.pSurfData)[0] = i;
      unlock_async(dev, vb);
      queue_rename(w, vb, l.hCookie);
      if (i % 256 == 255)
         rt_worker_flush(w);
      if (i == N / 10) {
         rt_worker_drain(w);
         malloc_trim(0);
         heap_mid = mallinfo2().uordblks;
      }
   }
   rt_worker_drain(w);
   malloc_trim(0);
   const size_t heap_end = mallinfo2().uordblks;
   D3DDDIARG_LOCK sl;
   CHECK_HR(lock_sub(dev, vb, 0, L_READONLY, &sl), S_OK);
   CHECK(((uint32_t *)sl.pSurfData)[0] == N - 1);
   CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
   printf("  %u discards: %u refusals, heap %zu -> %zu bytes over the last "
          "90%%\n", N, refusals, heap_mid, heap_end);
   CHECK(failures == 0);
   CHECK(rt_live_allocations(dev) == live);
   /* Retired storage is bounded (16 x 4 KiB here); the heap does not grow
    * with the number of discards. */
   CHECK(heap_end < heap_mid + 256 * 1024);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
}

static void
system_memory(void)
{
   /* The runtime calls LockAsync with NotifyOnly for system memory: the
    * driver synchronises; the pointer is the runtime's. */
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   HANDLE sys;
   CHECK_HR(rt_create_surface(dev, D3DDDIFMT_A8R8G8B8, 16, 16, f,
                              D3DDDIPOOL_SYSTEMMEM, &sys), S_OK);
   D3DDDIARG_LOCKASYNC l;
   CHECK_HR(lock_async(dev, sys, A_NOTIFYONLY, &l), S_OK);
   CHECK(l.pSurfData != NULL);
   CHECK_HR(unlock_async(dev, sys), S_OK);
   rt_worker_drain(w);
   CHECK_HR(rt_destroy_resource(dev, sys), S_OK);
}

static void
event_queries(void)
{
   rt_worker_drain(w);
   D3DDDIARG_CREATEQUERY cq = { .QueryType = D3DDDIQUERYTYPE_EVENT,
                                .hQuery = (HANDLE)(uintptr_t)0x51 };
   CHECK_HR(dev->funcs.pfnCreateQuery(dev->hDevice, &cq), S_OK);
   D3DDDIARG_CREATEQUERY bad = { .QueryType = D3DDDIQUERYTYPE_VCACHE };
   CHECK_HR(dev->funcs.pfnCreateQuery(dev->hDevice, &bad), E_FAIL);

   /* Queue heavy work, then the event; GetQueryData on this thread
    * answers without blocking: S_FALSE until done, then S_OK + TRUE. */
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   HANDLE src, dst;
   f.Texture = 1;
   CHECK_HR(rt_create_surface(dev, D3DDDIFMT_A8R8G8B8, 256, 256, f,
                              D3DDDIPOOL_VIDEOMEMORY, &src), S_OK);
   f.Value = 0;
   f.RenderTarget = 1;
   CHECK_HR(rt_create_surface(dev, D3DDDIFMT_A8R8G8B8, 2048, 2048, f,
                              D3DDDIPOOL_VIDEOMEMORY, &dst), S_OK);
   D3DDDIARG_BLT b = { .hSrcResource = src, .SrcRect = { 0, 0, 256, 256 },
                       .hDstResource = dst, .DstRect = { 0, 0, 2048, 2048 } };
   b.Flags.Linear = 1;
   rt_worker_blt(w, &b);
   D3DDDIARG_ISSUEQUERY iq = { .hQuery = cq.hQuery };
   iq.Flags.End = 1;
   rt_worker_issue_query(w, &iq);
   /* The runtime knows its queue: it asks the driver once the IssueQuery
    * has reached it.  The stretch may still be running on llvmpipe's
    * threads then. */
   rt_worker_drain(w);
   unsigned not_yet = 0;
   HRESULT hr;
   BOOL done = FALSE;
   D3DDDIARG_GETQUERYDATA gq = { .hQuery = cq.hQuery, .pData = &done };
   const double give_up = test_now_s() + TEST_WAIT_S;
   while ((hr = dev->funcs.pfnGetQueryData(dev->hDevice, &gq)) == S_FALSE &&
          test_now_s() < give_up)
      not_yet++;
   CHECK_HR(hr, S_OK);
   CHECK(done == TRUE);
   printf("  GetQueryData answered S_FALSE %u times before S_OK%s\n", not_yet,
          not_yet ? "" : " (the work was done before the first call)");
   rt_worker_drain(w);
   CHECK_HR(dev->funcs.pfnDestroyQuery(dev->hDevice, cq.hQuery), S_OK);
   CHECK_HR(dev->funcs.pfnDestroyQuery(dev->hDevice, cq.hQuery), E_FAIL);
   CHECK_HR(dev->funcs.pfnGetQueryData(dev->hDevice, &gq), E_FAIL);
   CHECK_HR(rt_destroy_resource(dev, src), S_OK);
   CHECK_HR(rt_destroy_resource(dev, dst), S_OK);
}

/* A runtime that never queues a Flush between Discards (a ring refilled
 * many times before a Present): each Rename retires storage whose last use
 * is not submitted, and LockAsync may not flush.  The worker must, or the
 * renaming list fills with storage that can never become idle and every
 * further LockAsync(Discard) is refused however long the runtime waits. */
static void
renames_without_flush(void)
{
   enum { SIZE = 1 << 20, FRAMES = 200 };
   HANDLE vb, out;
   CHECK_HR(rt_create_buffer(dev, SIZE, false, true, &vb), S_OK);
   CHECK_HR(rt_create_buffer(dev, SIZE, false, false, &out), S_OK);
   unsigned refusals = 0, stuck = 0;
   for (unsigned i = 0; i < FRAMES && !stuck; i++) {
      D3DDDIARG_LOCKASYNC l;
      HRESULT hr;
      const double give_up = test_now_s() + TEST_WAIT_S;
      /* Refused: wait for the worker (drain), but queue no Flush. */
      while ((hr = lock_async(dev, vb, A_DISCARD, &l)) ==
             D3DDDIERR_WASSTILLDRAWING) {
         refusals++;
         rt_worker_drain(w);
         sched_yield();
         if (test_now_s() > give_up) {
            stuck = i + 1;
            break;
         }
      }
      if (hr != S_OK)
         break;
      memset(l.pSurfData, (uint8_t)i, SIZE);
      CHECK_HR(unlock_async(dev, vb), S_OK);
      queue_rename(w, vb, l.hCookie);
      const D3DDDIARG_BUFFERBLT bb = { .hDstResource = out, .hSrcResource = vb,
                                       .SrcRange = { 0, SIZE } };
      rt_worker_bufblt(w, &bb);
   }
   rt_worker_drain(w);
   printf("  %u LockAsync(Discard) refusals in %u frames without a Flush%s\n",
          refusals, FRAMES, stuck ? ": stuck, every backing unsubmitted" : "");
   CHECK(stuck == 0);
   D3DDDIARG_LOCK rl;
   CHECK_HR(lock_sub(dev, out, 0, L_READONLY, &rl), S_OK);
   CHECK(((uint8_t *)rl.pSurfData)[SIZE - 1] == (uint8_t)(FRAMES - 1));
   CHECK_HR(unlock_sub(dev, out, 0), S_OK);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
   CHECK_HR(rt_destroy_resource(dev, out), S_OK);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   adapter = test_open_adapter(drv);
   dev = test_create_device(adapter);
   if (!dev->funcs.pfnLockAsync)
      piglit_skip("the driver does not offer LockAsync");
   w = rt_worker_start(dev);

   SUBTEST("served-and-e-notimpl", served_and_not());
   SUBTEST("bad-input", bad_input());
   SUBTEST("callback-protocol", callback_protocol());
   SUBTEST("cookies-reclaimed", cookies_reclaimed());
   SUBTEST("memory-bounded-100000-discards", memory_bounded());
   SUBTEST("system-memory-notifyonly", system_memory());
   SUBTEST("event-queries", event_queries());
   SUBTEST("renames-without-flush", renames_without_flush());

   rt_worker_stop(w);
   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

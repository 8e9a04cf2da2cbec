/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-lock-semantics: the rules of Lock and Unlock beyond moving bytes,
 * and their ordering against GPU work that is genuinely in flight.
 *
 * Work in flight: on llvmpipe a stretching Blt runs on llvmpipe's threads
 * after the call returns; softpipe does everything inside each call, and
 * buffer copies are immediate everywhere.  Each ordering subtest checks its
 * data regardless, reports whether the work was still pending at the lock
 * (a DoNotWait probe answered D3DDDIERR_WASSTILLDRAWING), and its
 * in-flight variant skips, with that reason, where it never is.
 */

#include <stdio.h>

#include "lock_util.h"

static struct rt_adapter *adapter;
static struct rt_device *dev;

static HANDLE
surface(D3DDDIFORMAT format, unsigned w, unsigned h, bool rt, bool dynamic)
{
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.RenderTarget = rt;
   f.Texture = !rt;
   f.Dynamic = dynamic;
   HANDLE res = NULL;
   CHECK_HR(rt_create_surface(dev, format, w, h, f, D3DDDIPOOL_VIDEOMEMORY,
                              &res), S_OK);
   return res;
}

static void
fill(HANDLE h, D3DCOLOR c, unsigned w, unsigned hh)
{
   D3DDDIARG_COLORFILL cf = { .hResource = h, .DstRect = { 0, 0, w, hh },
                              .Color = c };
   CHECK_HR(dev->funcs.pfnColorFill(dev->hDevice, &cf), S_OK);
}

static HRESULT
stretch(HANDLE src, unsigned sw, unsigned sh, HANDLE dst, unsigned dw,
        unsigned dh)
{
   D3DDDIARG_BLT b = {
      .hSrcResource = src, .SrcRect = { 0, 0, sw, sh },
      .hDstResource = dst, .DstRect = { 0, 0, dw, dh },
   };
   b.Flags.Linear = 1;
   return dev->funcs.pfnBlt(dev->hDevice, &b);
}

static uint32_t
pixel(const D3DDDIARG_LOCK *l, unsigned x, unsigned y)
{
   return ((const uint32_t *)((const uint8_t *)l->pSurfData + y * l->Pitch))[x];
}

/* Is queued work still writing `h`?  A DoNotWait probe; a successful probe
 * is unlocked again. */
static bool
pending(HANDLE h)
{
   D3DDDIARG_LOCK l;
   HRESULT hr = lock_sub(dev, h, 0, L_READONLY | L_DONOTWAIT, &l);
   if (hr == S_OK)
      unlock_sub(dev, h, 0);
   return hr == D3DDDIERR_WASSTILLDRAWING;
}

static void
multiple_locks(void)
{
   /* Several outstanding locks of one vertex buffer; every pointer stays
    * valid until the last Unlock (handling-multiple-locks.md). */
   HANDLE vb;
   CHECK_HR(rt_create_buffer(dev, 4096, false, true, &vb), S_OK);
   D3DDDIARG_LOCK l[3];
   CHECK_HR(lock_sub(dev, vb, 0, 0, &l[0]), S_OK);
   CHECK_HR(lock_sub(dev, vb, 0, L_NOOVERWRITE, &l[1]), S_OK);
   /* Further locks while one is outstanding must not fail: not even
    * Discard or DoNotWait. */
   CHECK_HR(lock_sub(dev, vb, 0, L_DISCARD | L_DONOTWAIT, &l[2]), S_OK);
   for (unsigned i = 0; i < 3; i++)
      ((uint8_t *)l[i].pSurfData)[i] = 0x40 + i;
   for (unsigned i = 0; i < 3; i++)
      CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
   /* One too many: E_INVALIDARG, the Unlock page's one documented case. */
   CHECK_HR(unlock_sub(dev, vb, 0), E_INVALIDARG);
   CHECK_HR(lock_sub(dev, vb, 0, L_READONLY, &l[0]), S_OK);
   for (unsigned i = 0; i < 3; i++)
      CHECK(((uint8_t *)l[0].pSurfData)[i] == 0x40 + i);
   CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
   CHECK(rt_locked_allocations(dev) == 0);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
}

static void
bad_input(void)
{
   HANDLE t = surface(D3DDDIFMT_A8R8G8B8, 16, 16, false, false);
   D3DDDIARG_LOCK l;
   /* More than one region flag, a subresource out of range, an empty or
    * wholly outside region, NULL and stale handles: E_FAIL, nothing
    * locked. */
   CHECK_HR(lock_sub(dev, t, 0, L_AREA | L_BOX, &l), E_FAIL);
   CHECK_HR(lock_sub(dev, t, 1, 0, &l), E_FAIL);
   memset(&l, 0, sizeof(l));
   l.hResource = t;
   l.Flags.AreaValid = 1;
   l.Area = (RECT){ 4, 4, 4, 8 };
   CHECK_HR(dev->funcs.pfnLock(dev->hDevice, &l), E_FAIL);
   l.Area = (RECT){ 20, 20, 30, 30 };
   CHECK_HR(dev->funcs.pfnLock(dev->hDevice, &l), E_FAIL);
   CHECK_HR(lock_sub(dev, NULL, 0, 0, &l), E_FAIL);
   CHECK_HR(lock_sub(dev, dev->hDevice, 0, 0, &l), E_FAIL);
   CHECK_HR(unlock_sub(dev, t, 0), E_INVALIDARG);
   CHECK_HR(unlock_sub(dev, NULL, 0), E_FAIL);
   CHECK(rt_locked_allocations(dev) == 0);

   /* A rect beyond the surface is clamped: the pointer is its corner. */
   D3DDDIARG_LOCK whole;
   CHECK_HR(lock_sub(dev, t, 0, 0, &whole), S_OK);
   uint8_t *base = whole.pSurfData;
   unsigned pitch = whole.Pitch;
   CHECK_HR(unlock_sub(dev, t, 0), S_OK);
   memset(&l, 0, sizeof(l));
   l.hResource = t;
   l.Flags.AreaValid = 1;
   l.Area = (RECT){ 8, 4, 100, 100 };
   CHECK_HR(dev->funcs.pfnLock(dev->hDevice, &l), S_OK);
   ((uint32_t *)l.pSurfData)[0] = 0x11223344;
   ((uint32_t *)((uint8_t *)l.pSurfData + 11 * l.Pitch))[7] = 0x55667788;
   CHECK_HR(unlock_sub(dev, t, 0), S_OK);
   CHECK_HR(lock_sub(dev, t, 0, L_READONLY, &whole), S_OK);
   CHECK(pixel(&whole, 8, 4) == 0x11223344);
   CHECK(pixel(&whole, 15, 15) == 0x55667788);
   CHECK_HR(unlock_sub(dev, t, 0), S_OK);
   (void)base;
   (void)pitch;
   CHECK_HR(rt_destroy_resource(dev, t), S_OK);
}

static void
conflicting_flags(void)
{
   /* ReadOnly drops Discard: the contents survive. */
   HANDLE t = surface(D3DDDIFMT_A8R8G8B8, 8, 8, false, true);
   fill(t, 0xff102030, 8, 8);
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, t, 0, L_READONLY | L_DISCARD, &l), S_OK);
   CHECK(pixel(&l, 3, 3) == 0xff102030);
   CHECK_HR(unlock_sub(dev, t, 0), S_OK);
   /* NoOverwrite wins over Discard: the runtime sees IgnoreSync, no
    * Discard, and the buffer keeps its contents. */
   HANDLE vb;
   CHECK_HR(rt_create_buffer(dev, 256, false, true, &vb), S_OK);
   CHECK_HR(lock_sub(dev, vb, 0, 0, &l), S_OK);
   memset(l.pSurfData, 0x5a, 256);
   CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
   rt_reset_calls(adapter);
   CHECK_HR(lock_sub(dev, vb, 0, L_NOOVERWRITE | L_DISCARD, &l), S_OK);
   CHECK(((uint8_t *)l.pSurfData)[100] == 0x5a);
   CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
   const struct rt_call *c = &adapter->rec.calls[0];
   D3DDDICB_LOCKFLAGS seen = { .Value = c->flags };
   CHECK(c->cb == RT_CB_LOCK && seen.IgnoreSync && seen.DonotWait &&
         !seen.Discard);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
   CHECK_HR(rt_destroy_resource(dev, t), S_OK);
}

/* The D3DDDICB_LOCKFLAGS the runtime sees for each kind of lock (the
 * pfnLockCb page), and a new allocation instance adopted after Discard. */
static void
callback_protocol(void)
{
   HANDLE vb;
   CHECK_HR(rt_create_buffer(dev, 1024, false, true, &vb), S_OK);
   HANDLE rt_handle = dev->last_rt_resource;
   static const struct { unsigned lock; unsigned cb; } cases[] = {
      { 0, 0 },
      { L_READONLY, 1u << 0 },                 /* ReadOnly */
      { L_WRITEONLY, 1u << 1 },                /* WriteOnly */
      { L_DONOTWAIT, 1u << 2 },                /* DonotWait */
      { L_NOOVERWRITE, (1u << 3) | (1u << 2) },/* IgnoreSync + DonotWait */
      { L_DISCARD, 1u << 7 },                  /* Discard */
   };
   for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
      rt_reset_calls(adapter);
      D3DDDIARG_LOCK l;
      CHECK_HR(lock_sub(dev, vb, 0, cases[i].lock, &l), S_OK);
      CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
      /* A Dynamic buffer's NoOverwrite lock stays cached until the
       * runtime's Flush (the pfnLockCb page; d3dumd-lock-balance). */
      dev->funcs.pfnFlush(dev->hDevice);
      CHECK(rt_count(adapter, RT_CB_LOCK) == 1);
      CHECK(rt_count(adapter, RT_CB_UNLOCK) == 1);
      if (adapter->rec.calls[0].flags != cases[i].cb) {
         printf("  lock flags 0x%x: runtime saw 0x%x, expected 0x%x\n",
                cases[i].lock, adapter->rec.calls[0].flags, cases[i].cb);
         piglit_check_failed = true;
      }
   }
   /* After the Discard the driver uses the new instance's handle: the
    * runtime would flag the old one as stale. */
   struct rt_allocation *a = rt_allocation_for(dev, rt_handle);
   CHECK(a && a->discards == 1);

   /* A Discard lock the runtime refuses once is retried after a flush with
    * NoExistingReference; refused twice, its error comes back. */
   rt_reset_calls(adapter);
   rt_fail_next(adapter, RT_CB_LOCK, D3DDDIERR_WASSTILLDRAWING, 1);
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, vb, 0, L_DISCARD, &l), S_OK);
   CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
   D3DDDICB_LOCKFLAGS second = { .Value = adapter->rec.calls[1].flags };
   CHECK(adapter->rec.calls[1].cb == RT_CB_LOCK && second.Discard &&
         second.NoExistingReference);
   rt_fail_next(adapter, RT_CB_LOCK, D3DDDIERR_WASSTILLDRAWING, 2);
   CHECK_HR(lock_sub(dev, vb, 0, L_DISCARD, &l), D3DDDIERR_WASSTILLDRAWING);
   CHECK_HR(unlock_sub(dev, vb, 0), E_INVALIDARG);
   /* Other errors go back unchanged, and nothing stays locked. */
   rt_fail_next(adapter, RT_CB_LOCK, E_OUTOFMEMORY, 1);
   CHECK_HR(lock_sub(dev, vb, 0, 0, &l), E_OUTOFMEMORY);
   CHECK_HR(unlock_sub(dev, vb, 0), E_INVALIDARG);
   rt_fail_next(adapter, RT_CB_UNLOCK, D3DDDIERR_DEVICEREMOVED, 1);
   CHECK_HR(lock_sub(dev, vb, 0, 0, &l), S_OK);
   CHECK_HR(unlock_sub(dev, vb, 0), D3DDDIERR_DEVICEREMOVED);
   /* The runtime refused that unlock, so its own books still count the
    * lock; the driver's mapping is gone.  Settle the runtime's side. */
   a = rt_allocation_for(dev, rt_handle);
   if (a)
      a->lock_count = 0;
   /* Still usable. */
   CHECK_HR(lock_sub(dev, vb, 0, L_READONLY, &l), S_OK);
   CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
}

static void
readonly_sees_queued_work(void)
{
   HANDLE src = surface(D3DDDIFMT_A8R8G8B8, 64, 64, false, false);
   HANDLE dst = surface(D3DDDIFMT_A8R8G8B8, 512, 512, true, false);
   fill(src, 0xff3366cc, 64, 64);
   CHECK_HR(stretch(src, 64, 64, dst, 512, 512), S_OK);
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, dst, 0, L_READONLY, &l), S_OK);
   CHECK(pixel(&l, 0, 0) == 0xff3366cc);
   CHECK(pixel(&l, 511, 511) == 0xff3366cc);
   CHECK_HR(unlock_sub(dev, dst, 0), S_OK);
   CHECK_HR(rt_destroy_resource(dev, src), S_OK);
   CHECK_HR(rt_destroy_resource(dev, dst), S_OK);
}

/* GPU work queued before a Discard sees the old contents, work queued
 * after it the new ones; the Discard does not wait for the first. */
static enum piglit_result
discard_in_flight(bool *was_pending)
{
   enum { SW = 256, DW = 2048 };
   HANDLE tex = surface(D3DDDIFMT_A8R8G8B8, SW, SW, false, true);
   HANDLE rt1 = surface(D3DDDIFMT_A8R8G8B8, DW, DW, true, false);
   HANDLE rt2 = surface(D3DDDIFMT_A8R8G8B8, DW, DW, true, false);
   D3DDDIARG_LOCK l;

   CHECK_HR(lock_sub(dev, tex, 0, L_DISCARD, &l), S_OK);
   for (unsigned y = 0; y < SW; y++)
      for (unsigned x = 0; x < SW; x++)
         ((uint32_t *)((uint8_t *)l.pSurfData + y * l.Pitch))[x] = 0xffaa0000;
   CHECK_HR(unlock_sub(dev, tex, 0), S_OK);
   CHECK_HR(stretch(tex, SW, SW, rt1, DW, DW), S_OK);
   dev->funcs.pfnFlush(dev->hDevice);

   const double t0 = test_now_s();
   CHECK_HR(lock_sub(dev, tex, 0, L_DISCARD, &l), S_OK);
   const double lock_ms = (test_now_s() - t0) * 1e3;
   /* Still running after the Discard returned: it did not wait. */
   *was_pending = pending(rt1);
   printf("  discard: Lock(Discard) took %.3f ms\n", lock_ms);
   for (unsigned y = 0; y < SW; y++)
      for (unsigned x = 0; x < SW; x++)
         ((uint32_t *)((uint8_t *)l.pSurfData + y * l.Pitch))[x] = 0xff00bb00;
   CHECK_HR(unlock_sub(dev, tex, 0), S_OK);
   CHECK_HR(stretch(tex, SW, SW, rt2, DW, DW), S_OK);

   CHECK_HR(lock_sub(dev, rt1, 0, L_READONLY, &l), S_OK);
   CHECK(pixel(&l, DW / 2, DW / 2) == 0xffaa0000);
   CHECK(pixel(&l, DW - 1, 0) == 0xffaa0000);
   CHECK_HR(unlock_sub(dev, rt1, 0), S_OK);
   CHECK_HR(lock_sub(dev, rt2, 0, L_READONLY, &l), S_OK);
   CHECK(pixel(&l, DW / 2, DW / 2) == 0xff00bb00);
   CHECK_HR(unlock_sub(dev, rt2, 0), S_OK);
   CHECK_HR(rt_destroy_resource(dev, tex), S_OK);
   CHECK_HR(rt_destroy_resource(dev, rt1), S_OK);
   CHECK_HR(rt_destroy_resource(dev, rt2), S_OK);
   return piglit_check_failed ? PIGLIT_FAIL : PIGLIT_PASS;
}

/* DoNotWait answers WASSTILLDRAWING while queued work writes the surface,
 * flushes so that a retry succeeds, and then returns the data. */
static void
donotwait(bool *was_pending)
{
   enum { SW = 256, DW = 2048 };
   HANDLE src = surface(D3DDDIFMT_A8R8G8B8, SW, SW, false, false);
   HANDLE dst = surface(D3DDDIFMT_A8R8G8B8, DW, DW, true, false);
   fill(src, 0xff445566, SW, SW);
   CHECK_HR(stretch(src, SW, SW, dst, DW, DW), S_OK);
   D3DDDIARG_LOCK l;
   HRESULT hr;
   unsigned tries = 0;
   *was_pending = false;
   const double give_up = test_now_s() + TEST_WAIT_S;
   while ((hr = lock_sub(dev, dst, 0, L_READONLY | L_DONOTWAIT, &l)) ==
          D3DDDIERR_WASSTILLDRAWING && test_now_s() < give_up) {
      *was_pending = true;
      tries++;
   }
   CHECK_HR(hr, S_OK);
   if (hr == S_OK) {
      CHECK(pixel(&l, DW - 1, DW - 1) == 0xff445566);
      CHECK_HR(unlock_sub(dev, dst, 0), S_OK);
   }
   printf("  %u WASSTILLDRAWING answers before the data\n", tries);
   CHECK_HR(rt_destroy_resource(dev, src), S_OK);
   CHECK_HR(rt_destroy_resource(dev, dst), S_OK);
}

static void
nooverwrite_disjoint(void)
{
   /* An append ring: each lock writes the next range with NoOverwrite
    * while copies of earlier ranges are queued. */
   enum { CHUNK = 4096, N = 16 };
   HANDLE vb, out;
   CHECK_HR(rt_create_buffer(dev, CHUNK * N, false, true, &vb), S_OK);
   CHECK_HR(rt_create_buffer(dev, CHUNK * N, false, false, &out), S_OK);
   for (unsigned i = 0; i < N; i++) {
      D3DDDIARG_LOCK l;
      memset(&l, 0, sizeof(l));
      l.hResource = vb;
      l.Flags.NoOverwrite = 1;
      l.Flags.RangeValid = 1;
      l.Range = (D3DDDIRANGE){ i * CHUNK, CHUNK };
      CHECK_HR(dev->funcs.pfnLock(dev->hDevice, &l), S_OK);
      for (unsigned b = 0; b < CHUNK; b++)
         ((uint8_t *)l.pSurfData)[b] = pattern(i, b, 0, 0, 0);
      CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
      D3DDDIARG_BUFFERBLT bb = { .hDstResource = out, .hSrcResource = vb,
                                 .Offset = i * CHUNK,
                                 .SrcRange = { i * CHUNK, CHUNK } };
      CHECK_HR(dev->funcs.pfnBufBlt(dev->hDevice, &bb), S_OK);
   }
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, out, 0, L_READONLY, &l), S_OK);
   unsigned bad = 0;
   for (unsigned i = 0; i < N; i++)
      for (unsigned b = 0; b < CHUNK; b++)
         bad += ((uint8_t *)l.pSurfData)[i * CHUNK + b] != pattern(i, b, 0, 0, 0);
   CHECK(bad == 0);
   CHECK_HR(unlock_sub(dev, out, 0), S_OK);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
   CHECK_HR(rt_destroy_resource(dev, out), S_OK);
}

static void
sysmem_notifyonly(void)
{
   /* System memory: a NotifyOnly lock synchronises and the pointer is the
    * runtime's own memory; video -> system Blt writes it. */
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   HANDLE sys, vid = surface(D3DDDIFMT_A8R8G8B8, 32, 32, true, false);
   CHECK_HR(rt_create_surface(dev, D3DDDIFMT_A8R8G8B8, 32, 32, f,
                              D3DDDIPOOL_SYSTEMMEM, &sys), S_OK);
   fill(vid, 0xff0a0b0c, 32, 32);
   D3DDDIARG_BLT b = { .hSrcResource = vid, .SrcRect = { 0, 0, 32, 32 },
                       .hDstResource = sys, .DstRect = { 0, 0, 32, 32 } };
   CHECK_HR(dev->funcs.pfnBlt(dev->hDevice, &b), S_OK);
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, sys, 0, L_NOTIFYONLY, &l), S_OK);
   CHECK(pixel(&l, 31, 31) == 0xff0a0b0c);
   D3DDDIARG_UNLOCK u = { .hResource = sys };
   u.Flags.NotifyOnly = 1;
   CHECK_HR(dev->funcs.pfnUnlock(dev->hDevice, &u), S_OK);
   CHECK_HR(rt_destroy_resource(dev, sys), S_OK);
   CHECK_HR(rt_destroy_resource(dev, vid), S_OK);
}

static void
rename_bounded(void)
{
   /* Many Discards with the storage in use stay within the renaming
    * bound: the runtime's allocation count does not grow, and every
    * Discard succeeds (a synchronous Lock may wait at the bound). */
   enum { SW = 128 };
   HANDLE tex = surface(D3DDDIFMT_A8R8G8B8, SW, SW, false, true);
   HANDLE rt = surface(D3DDDIFMT_A8R8G8B8, 1024, 1024, true, false);
   const unsigned live = rt_live_allocations(dev);
   unsigned failed = 0;
   for (unsigned i = 0; i < 200; i++) {
      D3DDDIARG_LOCK l;
      if (lock_sub(dev, tex, 0, L_DISCARD, &l) != S_OK) {
         failed++;
         continue;
      }
      memset(l.pSurfData, i, l.Pitch);
      unlock_sub(dev, tex, 0);
      if (stretch(tex, SW, SW, rt, 1024, 1024) != S_OK)
         failed++;
   }
   CHECK(failed == 0);
   CHECK(rt_live_allocations(dev) == live);
   CHECK_HR(rt_destroy_resource(dev, tex), S_OK);
   CHECK_HR(rt_destroy_resource(dev, rt), S_OK);
}

/* A plain lock of a whole texture keeps its mapping after Unlock
 * (docs/d3dumd.rst, "Mappings kept between locks"): later locks see the
 * CPU's writes, GPU work between locks sees them and is seen, regions and
 * other flags are offsets into it, and LockAsync hands the resource back to
 * Lock.  Every expected texel comes from what the test wrote. */
static void
kept_mappings(void)
{
   enum { W = 64 };
   HANDLE tex = surface(D3DDDIFMT_A8R8G8B8, W, W, false, false);
   HANDLE dst = surface(D3DDDIFMT_A8R8G8B8, W, W, true, false);
   D3DDDIARG_LOCK l;

   CHECK_HR(lock_sub(dev, tex, 0, 0, &l), S_OK);
   for (unsigned y = 0; y < W; y++)
      for (unsigned x = 0; x < W; x++)
         ((uint32_t *)((uint8_t *)l.pSurfData + y * l.Pitch))[x] = 0xff000000u | y << 8 | x;
   CHECK_HR(unlock_sub(dev, tex, 0), S_OK);
   /* Relocked (no GPU use between): the writes are there, a region is an
    * offset, ReadOnly and WriteOnly locks too. */
   CHECK_HR(lock_sub(dev, tex, 0, L_READONLY, &l), S_OK);
   CHECK(pixel(&l, 5, 7) == (0xff000000u | 7 << 8 | 5));
   CHECK_HR(unlock_sub(dev, tex, 0), S_OK);
   memset(&l, 0, sizeof(l));
   l.hResource = tex;
   l.Flags.AreaValid = 1;
   l.Area = (RECT){ 10, 20, 30, 40 };
   CHECK_HR(dev->funcs.pfnLock(dev->hDevice, &l), S_OK);
   CHECK(pixel(&l, 0, 0) == (0xff000000u | 20 << 8 | 10));
   ((uint32_t *)l.pSurfData)[1] = 0xff123456;   /* texel (11, 20) */
   CHECK_HR(unlock_sub(dev, tex, 0), S_OK);
   CHECK_HR(lock_sub(dev, tex, 0, L_WRITEONLY, &l), S_OK);
   pixel(&l, 0, 0);
   ((uint32_t *)((uint8_t *)l.pSurfData + 63 * l.Pitch))[63] = 0xff654321;
   CHECK_HR(unlock_sub(dev, tex, 0), S_OK);

   /* A copy reads what the kept mapping holds... */
   D3DDDIARG_BLT b = { .hSrcResource = tex, .SrcRect = { 0, 0, W, W },
                       .hDstResource = dst, .DstRect = { 0, 0, W, W } };
   CHECK_HR(dev->funcs.pfnBlt(dev->hDevice, &b), S_OK);
   CHECK_HR(lock_sub(dev, dst, 0, L_READONLY, &l), S_OK);
   CHECK(pixel(&l, 11, 20) == 0xff123456);
   CHECK(pixel(&l, 63, 63) == 0xff654321);
   CHECK(pixel(&l, 2, 3) == (0xff000000u | 3 << 8 | 2));
   CHECK_HR(unlock_sub(dev, dst, 0), S_OK);
   /* ...and the next lock sees what GPU work wrote. */
   fill(tex, 0xff00ff00, W, W);
   CHECK_HR(lock_sub(dev, tex, 0, 0, &l), S_OK);
   CHECK(pixel(&l, 11, 20) == 0xff00ff00);
   CHECK(pixel(&l, 63, 63) == 0xff00ff00);
   CHECK_HR(unlock_sub(dev, tex, 0), S_OK);

   /* A mapping Lock keeps is the worker's: LockAsync declines. */
   if (dev->funcs.pfnLockAsync) {
      D3DDDIARG_LOCKASYNC la = { .hResource = tex };
      la.Flags.NoOverwrite = 1;
      CHECK_HR(dev->funcs.pfnLockAsync(dev->hDevice, &la), E_NOTIMPL);
   }
   /* Destroyed with the mapping kept: released first (ASan checks). */
   CHECK_HR(rt_destroy_resource(dev, tex), S_OK);
   CHECK_HR(rt_destroy_resource(dev, dst), S_OK);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   adapter = test_open_adapter(drv);
   dev = test_create_device(adapter);

   SUBTEST("multiple-locks", multiple_locks());
   SUBTEST("bad-input", bad_input());
   SUBTEST("conflicting-flags", conflicting_flags());
   SUBTEST("callback-protocol", callback_protocol());
   SUBTEST("readonly-sees-queued-work", readonly_sees_queued_work());
   SUBTEST("nooverwrite-disjoint-ranges", nooverwrite_disjoint());
   SUBTEST("sysmem-notifyonly", sysmem_notifyonly());
   SUBTEST("rename-bounded", rename_bounded());
   SUBTEST("kept-mappings", kept_mappings());

   bool pend = false;
   piglit_check_failed = false;
   enum piglit_result r = discard_in_flight(&pend);
   printf("  discard: the earlier stretch was %s at the Discard\n",
          pend ? "still pending" : "already done");
   piglit_subtest("discard-ordering", r);
   if (!pend)
      printf("skip discard-ordering-in-flight: this driver finished the "
             "work before the lock (no work in flight to order against)\n");
   piglit_subtest("discard-ordering-in-flight",
                  pend ? r : PIGLIT_SKIP);

   piglit_check_failed = false;
   donotwait(&pend);
   r = piglit_check_failed ? PIGLIT_FAIL : PIGLIT_PASS;
   piglit_subtest("donotwait", r);
   if (!pend)
      printf("skip donotwait-in-flight: this driver never left the work "
             "pending at the lock\n");
   piglit_subtest("donotwait-in-flight", pend ? r : PIGLIT_SKIP);

   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

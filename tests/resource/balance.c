/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The runtime's lock books: every pfnLockCb the driver makes is balanced by
 * one pfnUnlockCb, for every sequence of nested Lock and LockAsync calls,
 * across subresources, with the cached NoOverwrite lock of Dynamic
 * resources (the pfnLockCb page) released at the runtime's Flush and at
 * DestroyResource; and Unlock/UnlockAsync of an index that names no
 * subresource answer E_INVALIDARG (nothing by that index was locked; the
 * Unlock and UnlockAsync pages), while a NULL argument or an unknown
 * resource stays E_FAIL.
 *
 * The reference for every check is the test's own model of what is
 * outstanding, and the test runtime's count of the allocation's locks.
 */

#include <stdio.h>

#include "../async/async_util.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static struct rt_adapter *adapter;
static struct rt_device *dev;

static HANDLE
buffer(bool dynamic, HANDLE *rt_handle)
{
   HANDLE h = NULL;
   CHECK_HR(rt_create_buffer(dev, 64 * 1024, false, dynamic, &h), S_OK);
   *rt_handle = dev->last_rt_resource;
   return h;
}

/* A 64x64 A8R8G8B8 texture with `levels` levels. */
static HANDLE
texture(unsigned levels, bool dynamic, HANDLE *rt_handle)
{
   D3DDDI_SURFACEINFO s[8];
   memset(s, 0, sizeof(s));
   for (unsigned l = 0; l < levels; l++)
      s[l] = (D3DDDI_SURFACEINFO){ .Width = 64 >> l, .Height = 64 >> l,
                                   .Depth = 1 };
   D3DDDIARG_CREATERESOURCE2 args = {
      .Format = D3DDDIFMT_A8R8G8B8, .Pool = D3DDDIPOOL_VIDEOMEMORY,
      .pSurfList = s, .SurfCount = levels, .MipLevels = levels,
   };
   args.Flags.Texture = 1;
   args.Flags.Dynamic = dynamic;
   HANDLE h = NULL;
   CHECK_HR(rt_create_resource(dev, &args, &h), S_OK);
   *rt_handle = dev->last_rt_resource;
   return h;
}

static unsigned
rt_locks_of(HANDLE rt_handle)
{
   struct rt_allocation *a = rt_allocation_for(dev, rt_handle);
   return a ? a->lock_count : ~0u;
}

static void
unlock_out_of_range(void)
{
   HANDLE rth, tex = texture(3, false, &rth);
   HANDLE vb = buffer(true, &rth);
   D3DDDIARG_LOCK l;

   /* Index 3 of a three-level texture, 1 of a buffer, and the largest
    * index: no such subresource, so not locked: E_INVALIDARG. */
   CHECK_HR(unlock_sub(dev, tex, 3), E_INVALIDARG);
   CHECK_HR(unlock_sub(dev, tex, ~0u), E_INVALIDARG);
   CHECK_HR(unlock_sub(dev, vb, 1), E_INVALIDARG);
   /* Also while another subresource is locked, which stays locked. */
   CHECK_HR(lock_sub(dev, tex, 2, 0, &l), S_OK);
   CHECK_HR(unlock_sub(dev, tex, 3), E_INVALIDARG);
   CHECK_HR(unlock_sub(dev, tex, 2), S_OK);
   /* What the pages do not cover stays E_FAIL: a NULL argument, an
    * unknown or NULL resource, a resource of no device of ours. */
   CHECK_HR(dev->funcs.pfnUnlock(dev->hDevice, NULL), E_FAIL);
   CHECK_HR(unlock_sub(dev, NULL, 0), E_FAIL);
   CHECK_HR(unlock_sub(dev, (HANDLE)(uintptr_t)0x1234, 0), E_FAIL);
   CHECK_HR(unlock_sub(dev, dev->hDevice, 0), E_FAIL);

   /* The same for UnlockAsync. */
   D3DDDIARG_UNLOCKASYNC u = { .hResource = vb, .SubResourceIndex = 1 };
   CHECK_HR(dev->funcs.pfnUnlockAsync(dev->hDevice, &u), E_INVALIDARG);
   u.SubResourceIndex = ~0u;
   CHECK_HR(dev->funcs.pfnUnlockAsync(dev->hDevice, &u), E_INVALIDARG);
   D3DDDIARG_LOCKASYNC la;
   CHECK_HR(lock_async(dev, vb, A_NOOVERWRITE, &la), S_OK);
   u.SubResourceIndex = 1;
   CHECK_HR(dev->funcs.pfnUnlockAsync(dev->hDevice, &u), E_INVALIDARG);
   CHECK_HR(unlock_async(dev, vb), S_OK);
   CHECK_HR(dev->funcs.pfnUnlockAsync(dev->hDevice, NULL), E_FAIL);
   u.hResource = NULL;
   u.SubResourceIndex = 0;
   CHECK_HR(dev->funcs.pfnUnlockAsync(dev->hDevice, &u), E_FAIL);
   u.hResource = (HANDLE)(uintptr_t)0x1234;
   CHECK_HR(dev->funcs.pfnUnlockAsync(dev->hDevice, &u), E_FAIL);

   CHECK(rt_locked_allocations(dev) == 0);
   CHECK_HR(rt_destroy_resource(dev, tex), S_OK);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
}

/* Two LockAsync(NoOverwrite) of one buffer outstanding, then two
 * UnlockAsync: as a runtime does it.  And the other nestings of LockAsync
 * flags. */
static void
nested_lockasync(void)
{
   static const unsigned seqs[][3] = {
      { A_NOOVERWRITE, A_NOOVERWRITE, 0 },
      { A_NOOVERWRITE, A_NOOVERWRITE, A_NOOVERWRITE },
      { A_DISCARD, A_NOOVERWRITE, 0 },
      { A_NOOVERWRITE, A_DISCARD, 0 },
      { A_DISCARD, A_DISCARD, A_NOOVERWRITE },
   };
   for (unsigned s = 0; s < ARRAY_SIZE(seqs); s++) {
      HANDLE rth, vb = buffer(true, &rth);
      rt_reset_calls(adapter);
      unsigned depth = 0;
      HANDLE cookie = NULL;
      for (unsigned i = 0; i < 3 && seqs[s][i]; i++) {
         D3DDDIARG_LOCKASYNC l;
         CHECK_HR(lock_async(dev, vb, seqs[s][i], &l), S_OK);
         if (l.hCookie)
            cookie = l.hCookie;
         depth++;
         /* Locked in the runtime's books while a pointer is out. */
         CHECK(rt_locks_of(rth) >= 1);
      }
      while (depth--) {
         CHECK_HR(unlock_async(dev, vb), S_OK);
         CHECK(depth == 0 || rt_locks_of(rth) >= 1);
      }
      if (rt_locks_of(rth) != 0 ||
          rt_count(adapter, RT_CB_LOCK) != rt_count(adapter, RT_CB_UNLOCK)) {
         printf("  sequence %u: %u pfnLockCb, %u pfnUnlockCb, %u left "
                "locked\n", s, rt_count(adapter, RT_CB_LOCK),
                rt_count(adapter, RT_CB_UNLOCK), rt_locks_of(rth));
         piglit_check_failed = true;
      }
      if (cookie) {
         D3DDDIARG_RENAME r = { .hResource = vb, .hCookie = cookie };
         CHECK_HR(dev->funcs.pfnRename(dev->hDevice, &r), S_OK);
      }
      /* The runtime catches a driver that deallocates a locked
       * allocation here, at DestroyResource. */
      CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
   }
}

/* NoOverwrite locks of a Dynamic buffer share one cached pfnLockCb,
 * released at Flush; the data written through each pointer lands. */
static void
cached_nooverwrite(void)
{
   HANDLE rth, vb = buffer(true, &rth);
   rt_reset_calls(adapter);
   for (unsigned i = 0; i < 64; i++) {
      D3DDDIARG_LOCK l;
      memset(&l, 0, sizeof(l));
      l.hResource = vb;
      l.Flags.NoOverwrite = 1;
      l.Flags.RangeValid = 1;
      l.Range = (D3DDDIRANGE){ i * 1024, 1024 };
      CHECK_HR(dev->funcs.pfnLock(dev->hDevice, &l), S_OK);
      for (unsigned b = 0; b < 1024; b++)
         ((uint8_t *)l.pSurfData)[b] = pattern(i, b, 0, 0, 0);
      CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
      CHECK(rt_locks_of(rth) == 1);
   }
   CHECK(rt_count(adapter, RT_CB_LOCK) == 1);
   CHECK(rt_count(adapter, RT_CB_UNLOCK) == 0);
   dev->funcs.pfnFlush(dev->hDevice);
   CHECK(rt_count(adapter, RT_CB_UNLOCK) == 1);
   CHECK(rt_locks_of(rth) == 0);

   /* A ReadOnly lock (its own callback pair) sees every write. */
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, vb, 0, L_READONLY, &l), S_OK);
   unsigned bad = 0;
   for (unsigned i = 0; i < 64; i++)
      for (unsigned b = 0; b < 1024; b++)
         bad += ((uint8_t *)l.pSurfData)[i * 1024 + b] != pattern(i, b, 0, 0, 0);
   CHECK(bad == 0);
   CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
   CHECK(rt_locks_of(rth) == 0);

   /* A Flush while a NoOverwrite lock is outstanding keeps the cache (the
    * pointer is still the application's); destroying the resource with
    * the lock cached releases it before pfnDeallocateCb. */
   CHECK_HR(lock_sub(dev, vb, 0, L_NOOVERWRITE, &l), S_OK);
   dev->funcs.pfnFlush(dev->hDevice);
   CHECK(rt_locks_of(rth) == 1);
   CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
   CHECK_HR(lock_sub(dev, vb, 0, L_NOOVERWRITE, &l), S_OK);
   CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
}

/* xorshift32: the sequences are the same on every run. */
static uint32_t
next(uint32_t *s)
{
   *s ^= *s << 13;
   *s ^= *s >> 17;
   *s ^= *s << 5;
   return *s;
}

/* Random nestings of Lock (every flag combination a runtime sends) and,
 * on the dynamic buffer, LockAsync, over several subresources of several
 * kinds.  While the test holds a pointer the allocation is locked in the
 * runtime's books; once everything is unlocked and flushed, nothing is,
 * and the callbacks balance. */
static void
random_nesting(void)
{
   static const unsigned lock_flags[] = {
      0, L_READONLY, L_WRITEONLY, L_NOOVERWRITE, L_DISCARD,
      L_DISCARD | L_NOOVERWRITE, L_READONLY | L_DISCARD, L_DONOTWAIT,
      L_NOOVERWRITE | L_DONOTWAIT, L_DISCARD | L_DONOTWAIT,
   };
   struct {
      HANDLE h, rth;
      unsigned subs;
      bool async;                /* LockAsync is tried on it */
      unsigned locks[3], async_locks;
      HANDLE cookie;
   } r[4];
   memset(r, 0, sizeof(r));
   r[0].h = buffer(true, &r[0].rth);
   r[0].subs = 1;
   r[0].async = true;
   r[1].h = buffer(false, &r[1].rth);
   r[1].subs = 1;
   r[2].h = texture(3, false, &r[2].rth);
   r[2].subs = 3;
   r[3].h = texture(1, true, &r[3].rth);
   r[3].subs = 1;
   r[3].async = true;

   uint32_t seed = 0x9e3779b9u;
   unsigned ops = 0, unbalanced = 0, unlocked_while_out = 0;
   rt_reset_calls(adapter);
   for (unsigned round = 0; round < 200; round++) {
      for (unsigned step = 0; step < 16; step++, ops++) {
         const unsigned k = next(&seed) % 4;
         const unsigned sub = next(&seed) % r[k].subs;
         const unsigned op = next(&seed) % 4;
         unsigned outstanding = r[k].async_locks;
         for (unsigned i = 0; i < r[k].subs; i++)
            outstanding += r[k].locks[i];
         if (op == 0 && r[k].async && r[k].async_locks < 3) {
            D3DDDIARG_LOCKASYNC l;
            const unsigned f = next(&seed) % 2 ? A_NOOVERWRITE : A_DISCARD;
            HRESULT hr = lock_async(dev, r[k].h, f, &l);
            /* Rename before the next Discard, as the runtime queues it. */
            if (hr == S_OK && l.hCookie) {
               if (r[k].cookie) {
                  D3DDDIARG_RENAME rn = { .hResource = r[k].h,
                                          .hCookie = r[k].cookie };
                  CHECK_HR(dev->funcs.pfnRename(dev->hDevice, &rn), S_OK);
               }
               r[k].cookie = l.hCookie;
            }
            CHECK(hr == S_OK || (hr == D3DDDIERR_WASSTILLDRAWING &&
                                 (f & A_DISCARD) && !outstanding));
            if (hr == S_OK)
               r[k].async_locks++;
         } else if (op == 1 && r[k].async_locks) {
            CHECK_HR(unlock_async(dev, r[k].h), S_OK);
            r[k].async_locks--;
         } else if (op == 2 && r[k].locks[sub] < 3) {
            D3DDDIARG_LOCK l;
            const unsigned f = lock_flags[next(&seed) % ARRAY_SIZE(lock_flags)];
            HRESULT hr = lock_sub(dev, r[k].h, sub, f, &l);
            /* Only a first lock with DoNotWait may be refused, and
             * nothing is queued here. */
            CHECK_HR(hr, S_OK);
            if (hr == S_OK)
               r[k].locks[sub]++;
         } else if (r[k].locks[sub]) {
            CHECK_HR(unlock_sub(dev, r[k].h, sub), S_OK);
            r[k].locks[sub]--;
         }
         outstanding = r[k].async_locks;
         for (unsigned i = 0; i < r[k].subs; i++)
            outstanding += r[k].locks[i];
         if (outstanding && rt_locks_of(r[k].rth) == 0)
            unlocked_while_out++;
      }
      /* Everything unlocked and flushed: nothing in the books. */
      for (unsigned k = 0; k < 4; k++) {
         while (r[k].async_locks) {
            CHECK_HR(unlock_async(dev, r[k].h), S_OK);
            r[k].async_locks--;
         }
         for (unsigned i = 0; i < r[k].subs; i++) {
            while (r[k].locks[i]) {
               CHECK_HR(unlock_sub(dev, r[k].h, i), S_OK);
               r[k].locks[i]--;
            }
         }
      }
      dev->funcs.pfnFlush(dev->hDevice);
      if (rt_locked_allocations(dev) ||
          rt_count(adapter, RT_CB_LOCK) != rt_count(adapter, RT_CB_UNLOCK))
         unbalanced++;
   }
   printf("  %u operations in 200 rounds, %u pfnLockCb, %u pfnUnlockCb\n",
          ops, rt_count(adapter, RT_CB_LOCK), rt_count(adapter, RT_CB_UNLOCK));
   CHECK(unbalanced == 0);
   CHECK(unlocked_while_out == 0);
   for (unsigned k = 0; k < 4; k++) {
      if (r[k].cookie) {
         D3DDDIARG_RENAME rn = { .hResource = r[k].h, .hCookie = r[k].cookie };
         CHECK_HR(dev->funcs.pfnRename(dev->hDevice, &rn), S_OK);
      }
      CHECK_HR(rt_destroy_resource(dev, r[k].h), S_OK);
   }
}

/* The test runtime's own check can fail: an allocation left locked in
 * its books makes rt_destroy_resource fail at once. */
static void
runtime_catches_imbalance(void)
{
   HANDLE rth, vb = buffer(false, &rth);
   struct rt_allocation *a = rt_allocation_for(dev, rth);
   CHECK(a != NULL);
   if (!a)
      return;
   a->lock_count++; /* as if a pfnLockCb had never been balanced */
   const unsigned before = adapter->rec.num_violations;
   CHECK_HR(rt_destroy_resource(dev, vb), RT_E_PROTOCOL);
   CHECK(adapter->rec.num_violations == before + 1);
   /* That violation was planted: take it back. */
   adapter->rec.num_violations = before;
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   adapter = test_open_adapter(drv);
   dev = test_create_device(adapter);
   if (!dev->funcs.pfnLockAsync)
      piglit_skip("the driver has no LockAsync");

   SUBTEST("unlock-out-of-range", unlock_out_of_range());
   SUBTEST("nested-lockasync", nested_lockasync());
   SUBTEST("cached-nooverwrite", cached_nooverwrite());
   SUBTEST("random-nesting", random_nesting());
   SUBTEST("runtime-catches-imbalance", runtime_catches_imbalance());

   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

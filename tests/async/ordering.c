/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-async-ordering: the runtime's multi-processor mode, in command
 * order.  Thousands of iterations of LockAsync(Discard) -> write pattern i
 * -> UnlockAsync on the application thread, and on the worker: a copy of
 * the resource into slot i of OLD (queued before the Rename: it must see
 * pattern i-1), the Rename, a copy into slot i of NEW (pattern i).  Every
 * slot must hold exactly its pattern: no tearing, nothing lost or stale.
 * For buffers and for single-level dynamic textures.  Then NoOverwrite
 * append rings while copies of earlier ranges are queued, including
 * NoOverwrite right after a Discard whose Rename is still queued.
 */

#include <stdio.h>

#include "async_util.h"

static struct rt_device *dev;
static struct rt_worker *w;

static void
fill_bytes(void *p, unsigned size, unsigned seed)
{
   for (unsigned b = 0; b < size; b++)
      ((uint8_t *)p)[b] = pattern(seed, b, 0, 0, 0);
}

static void
buffers(unsigned n)
{
   enum { SIZE = 256 };
   HANDLE buf, old, new_;
   CHECK_HR(rt_create_buffer(dev, SIZE, false, true, &buf), S_OK);
   CHECK_HR(rt_create_buffer(dev, SIZE * n, false, false, &old), S_OK);
   CHECK_HR(rt_create_buffer(dev, SIZE * n, false, false, &new_), S_OK);

   unsigned refusals = 0, failures = 0;
   D3DDDIARG_LOCKASYNC l;
   /* Pattern "-1" (seed n) first. */
   if (lock_async_discard(dev, w, buf, 0, &l, &refusals) == S_OK) {
      fill_bytes(l.pSurfData, SIZE, n);
      unlock_async(dev, buf);
      queue_rename(w, buf, l.hCookie);
   }
   for (unsigned i = 0; i < n; i++) {
      if (lock_async_discard(dev, w, buf, 0, &l, &refusals) != S_OK ||
          !l.hCookie) {
         failures++;
         continue;
      }
      fill_bytes(l.pSurfData, SIZE, i);
      CHECK_HR(unlock_async(dev, buf), S_OK);
      D3DDDIARG_BUFFERBLT b = { .hDstResource = old, .hSrcResource = buf,
                                .Offset = i * SIZE, .SrcRange = { 0, SIZE } };
      rt_worker_bufblt(w, &b);
      queue_rename(w, buf, l.hCookie);
      b.hDstResource = new_;
      rt_worker_bufblt(w, &b);
      if (i % 64 == 63)
         rt_worker_flush(w);
   }
   rt_worker_drain(w);
   HRESULT first;
   CHECK(rt_worker_failures(w, &first) == 0);
   CHECK(failures == 0);

   D3DDDIARG_LOCK lo, ln;
   CHECK_HR(lock_sub(dev, old, 0, L_READONLY, &lo), S_OK);
   CHECK_HR(lock_sub(dev, new_, 0, L_READONLY, &ln), S_OK);
   unsigned bad_old = 0, bad_new = 0;
   for (unsigned i = 0; i < n; i++) {
      const unsigned prev = i ? i - 1 : n;
      for (unsigned b = 0; b < SIZE; b++) {
         bad_old += ((uint8_t *)lo.pSurfData)[i * SIZE + b] !=
                    pattern(prev, b, 0, 0, 0);
         bad_new += ((uint8_t *)ln.pSurfData)[i * SIZE + b] !=
                    pattern(i, b, 0, 0, 0);
      }
   }
   unlock_sub(dev, old, 0);
   unlock_sub(dev, new_, 0);
   printf("  buffers: %u iterations, %u refusals at the bound, %u/%u bad "
          "bytes (before/after Rename)\n", n, refusals, bad_old, bad_new);
   CHECK(bad_old == 0 && bad_new == 0);
   rt_destroy_resource(dev, buf);
   rt_destroy_resource(dev, old);
   rt_destroy_resource(dev, new_);
}

static void
fill_texels(const D3DDDIARG_LOCKASYNC *l, unsigned s, unsigned seed)
{
   for (unsigned y = 0; y < s; y++)
      for (unsigned x = 0; x < s; x++)
         ((uint32_t *)((uint8_t *)l->pSurfData + y * l->Pitch))[x] =
            0xff000000u | (seed << 8) | (y << 4) | x;
}

static void
textures(unsigned n)
{
   enum { S = 16, COLS = 40 };
   const unsigned rows = (n + COLS) / COLS;
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.Texture = 1;
   f.Dynamic = 1;
   HANDLE tex, old, new_;
   CHECK_HR(rt_create_surface(dev, D3DDDIFMT_A8R8G8B8, S, S, f,
                              D3DDDIPOOL_VIDEOMEMORY, &tex), S_OK);
   f.Value = 0;
   f.RenderTarget = 1;
   CHECK_HR(rt_create_surface(dev, D3DDDIFMT_A8R8G8B8, S * COLS, S * rows, f,
                              D3DDDIPOOL_VIDEOMEMORY, &old), S_OK);
   CHECK_HR(rt_create_surface(dev, D3DDDIFMT_A8R8G8B8, S * COLS, S * rows, f,
                              D3DDDIPOOL_VIDEOMEMORY, &new_), S_OK);

   unsigned refusals = 0, failures = 0;
   D3DDDIARG_LOCKASYNC l;
   if (lock_async_discard(dev, w, tex, 0, &l, &refusals) == S_OK) {
      fill_texels(&l, S, n);
      unlock_async(dev, tex);
      queue_rename(w, tex, l.hCookie);
   }
   for (unsigned i = 0; i < n; i++) {
      if (lock_async_discard(dev, w, tex, 0, &l, &refusals) != S_OK ||
          !l.hCookie) {
         failures++;
         continue;
      }
      fill_texels(&l, S, i);
      CHECK_HR(unlock_async(dev, tex), S_OK);
      const LONG x = (i % COLS) * S, y = (i / COLS) * S;
      D3DDDIARG_BLT b = { .hSrcResource = tex, .SrcRect = { 0, 0, S, S },
                          .hDstResource = old,
                          .DstRect = { x, y, x + S, y + S } };
      b.Flags.Point = 1;
      rt_worker_blt(w, &b);
      queue_rename(w, tex, l.hCookie);
      b.hDstResource = new_;
      rt_worker_blt(w, &b);
      if (i % 64 == 63)
         rt_worker_flush(w);
   }
   rt_worker_drain(w);
   CHECK(rt_worker_failures(w, NULL) == 0);
   CHECK(failures == 0);

   D3DDDIARG_LOCK lo, ln;
   CHECK_HR(lock_sub(dev, old, 0, L_READONLY, &lo), S_OK);
   CHECK_HR(lock_sub(dev, new_, 0, L_READONLY, &ln), S_OK);
   unsigned bad_old = 0, bad_new = 0;
   for (unsigned i = 0; i < n; i++) {
      const unsigned prev = i ? i - 1 : n;
      for (unsigned yy = 0; yy < S; yy++)
         for (unsigned xx = 0; xx < S; xx++) {
            const unsigned x = (i % COLS) * S + xx, y = (i / COLS) * S + yy;
            const uint32_t vo = ((uint32_t *)((uint8_t *)lo.pSurfData +
                                              y * lo.Pitch))[x];
            const uint32_t vn = ((uint32_t *)((uint8_t *)ln.pSurfData +
                                              y * ln.Pitch))[x];
            bad_old += vo != (0xff000000u | (prev << 8) | (yy << 4) | xx);
            bad_new += vn != (0xff000000u | (i << 8) | (yy << 4) | xx);
         }
   }
   unlock_sub(dev, old, 0);
   unlock_sub(dev, new_, 0);
   printf("  textures: %u iterations, %u refusals at the bound, %u/%u bad "
          "texels (before/after Rename)\n", n, refusals, bad_old, bad_new);
   CHECK(bad_old == 0 && bad_new == 0);
   rt_destroy_resource(dev, tex);
   rt_destroy_resource(dev, old);
   rt_destroy_resource(dev, new_);
}

static void
nooverwrite_ring(void)
{
   enum { CHUNK = 512, CHUNKS = 32, LAPS = 6 };
   HANDLE ring, out;
   CHECK_HR(rt_create_buffer(dev, CHUNK * CHUNKS, false, true, &ring), S_OK);
   CHECK_HR(rt_create_buffer(dev, CHUNK * CHUNKS * LAPS, false, false, &out),
            S_OK);
   unsigned refusals = 0;
   for (unsigned lap = 0; lap < LAPS; lap++) {
      for (unsigned c = 0; c < CHUNKS; c++) {
         D3DDDIARG_LOCKASYNC l;
         HRESULT hr;
         const unsigned seed = lap * CHUNKS + c;
         if (c == 0) {
            /* Wrapping: Discard the whole ring, write its first chunk... */
            hr = lock_async_discard(dev, w, ring, 0, &l, &refusals);
            CHECK_HR(hr, S_OK);
            if (hr != S_OK)
               continue;
            fill_bytes(l.pSurfData, CHUNK, seed);
            unlock_async(dev, ring);
            queue_rename(w, ring, l.hCookie);
         } else {
            /* ...and append with NoOverwrite, the first ones while that
             * Rename is still queued. */
            hr = lock_async_range(dev, ring, A_NOOVERWRITE, c * CHUNK, CHUNK,
                                  &l);
            CHECK_HR(hr, S_OK);
            if (hr != S_OK)
               continue;
            CHECK(l.hCookie == NULL);
            fill_bytes(l.pSurfData, CHUNK, seed);
            CHECK_HR(unlock_async(dev, ring), S_OK);
         }
         D3DDDIARG_BUFFERBLT b = { .hDstResource = out, .hSrcResource = ring,
                                   .Offset = seed * CHUNK,
                                   .SrcRange = { c * CHUNK, CHUNK } };
         rt_worker_bufblt(w, &b);
      }
   }
   rt_worker_drain(w);
   CHECK(rt_worker_failures(w, NULL) == 0);
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, out, 0, L_READONLY, &l), S_OK);
   unsigned bad = 0;
   for (unsigned s = 0; s < CHUNKS * LAPS; s++)
      for (unsigned b = 0; b < CHUNK; b++)
         bad += ((uint8_t *)l.pSurfData)[s * CHUNK + b] != pattern(s, b, 0, 0, 0);
   unlock_sub(dev, out, 0);
   printf("  ring: %u chunks, %u bad bytes\n", CHUNKS * LAPS, bad);
   CHECK(bad == 0);
   rt_destroy_resource(dev, ring);
   rt_destroy_resource(dev, out);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   struct rt_adapter *adapter = test_open_adapter(drv);
   dev = test_create_device(adapter);
   if (!dev->funcs.pfnLockAsync)
      piglit_skip("the driver does not offer LockAsync");
   w = rt_worker_start(dev);

   const char *soft = getenv("GALLIUM_DRIVER");
   const bool slow = soft && !strcmp(soft, "softpipe");
   SUBTEST("discard-rename-buffers", buffers(slow ? 1000 : 4000));
   SUBTEST("discard-rename-textures", textures(slow ? 500 : 2000));
   SUBTEST("nooverwrite-ring-after-discard", nooverwrite_ring());

   rt_worker_stop(w);
   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

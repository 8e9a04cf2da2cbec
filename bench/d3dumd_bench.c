/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-bench: what the DDI's lock path costs over bare Gallium on the
 * same Gallium driver, measured in one run.  The DDI side goes through the
 * test runtime (OpenAdapter, CreateDevice, the device's function table),
 * the baseline through a pipe_screen and pipe_context of our own, created
 * the same way the driver creates its own (pipe-loader, GALLIUM_DRIVER,
 * context_create with no flags).  Five parts:
 *
 *  1. Per-call cost of Lock+Unlock vs buffer_map/texture_map+unmap on
 *     equivalent resources, with nothing in flight.
 *  2. Discard streaming while the work that read the previous contents is
 *     still queued: Lock(Discard), fill, Unlock, a copy that reads it,
 *     Flush; vs the same with PIPE_MAP_DISCARD_WHOLE_RESOURCE maps (and
 *     invalidate_resource + map where the driver has it).
 *  3. Bandwidth of a plain lock of a 64 MiB texture vs memcpy.
 *  4. Part 2's Discard streaming in the runtime's multi-processor mode:
 *     LockAsync(Discard) (or a NoOverwrite ring) on the application thread,
 *     Rename, the copy and Flush queued on a worker thread; vs the drain +
 *     Lock(Discard) fallback and part 2's bare frame.
 *  5. Draws per second through the DDI vs draw_vbo on the same state, and
 *     shader translation time (d3dumd_bench_draw.c).
 *
 * It prints ratios, not verdicts: the goals in the table are what the
 * frontend aims at, nothing fails on them.  Exit status: 0 all rows ran,
 * 1 a call failed (the row says which), 2 the driver has no resources yet.
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pipe/p_context.h"
#include "pipe/p_defines.h"
#include "pipe/p_screen.h"
#include "pipe/p_state.h"
#include "util/u_box.h"
#include "util/u_inlines.h"

#include "rt.h"
#include "rt_worker.h"
#include <sched.h>

#include "test_screen.h"

#define MIB (1024u * 1024u)
#define NS_PER_S 1000000000ull

/* A Lock (or map) call slower than this counts as a wait: far above what
 * any map costs when it does not block (~100 ns), below what the queued
 * copies take on a software driver (ms). */
#define WAIT_NS 1000000ull

#include "d3dumd_bench.h"


static inline uint64_t
now_ns(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return (uint64_t)ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

static double
rss_mib(void)
{
   long pages = 0, resident = 0;
   FILE *f = fopen("/proc/self/statm", "r");
   if (!f)
      return 0;
   if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
      resident = 0;
   fclose(f);
   return (double)resident * sysconf(_SC_PAGESIZE) / MIB;
}

static const char *
hr_str(HRESULT hr)
{
   static char buf[16]; /* single-threaded tool: one caller at a time */
   switch (hr) {
   case S_OK: return "S_OK";
   case E_NOTIMPL: return "E_NOTIMPL";
   case E_FAIL: return "E_FAIL";
   case E_INVALIDARG: return "E_INVALIDARG";
   case E_OUTOFMEMORY: return "E_OUTOFMEMORY";
   case D3DDDIERR_WASSTILLDRAWING: return "WASSTILLDRAWING";
   default:
      snprintf(buf, sizeof(buf), "0x%08x", (unsigned)hr);
      return buf;
   }
}

/* A measurement: a value, or why there is none. */
struct result {
   double value;
   char why[40];   /* empty: value is valid */
   double callbacks;  /* part 1: pfnLockCb + pfnUnlockCb calls per pair */
};

static struct result
failed(struct bench *b, const char *call, HRESULT hr)
{
   struct result r = { 0 };
   snprintf(r.why, sizeof(r.why), "%s %s", call, hr_str(hr));
   b->status = 1;
   return r;
}

static struct result
not_measured(const char *why)
{
   struct result r = { 0 };
   snprintf(r.why, sizeof(r.why), "%s", why);
   return r;
}

static bool
valid(const struct result *r)
{
   return !r->why[0];
}

/* Formats a value or its reason into a column of width w. */
static const char *
fmt(char *buf, size_t size, const struct result *r, const char *f, int w)
{
   if (valid(r))
      snprintf(buf, size, f, w, r->value);
   else
      snprintf(buf, size, "%*s", w, r->why);
   return buf;
}

static const char *
fmt_ratio(char *buf, size_t size, const struct result *num,
          const struct result *den, int w)
{
   if (valid(num) && valid(den) && den->value > 0)
      snprintf(buf, size, "%*.2f", w, num->value / den->value);
   else
      snprintf(buf, size, "%*s", w, "-");
   return buf;
}

/* --- the DDI side ------------------------------------------------------ */

static HRESULT
ddi_create(struct bench *b, D3DDDIFORMAT format, UINT width, UINT height,
           D3DDDI_RESOURCEFLAGS flags, HANDLE *out)
{
   const D3DDDI_SURFACEINFO surf = {
      .Width = width, .Height = height, .Depth = 1,
   };
   D3DDDIARG_CREATERESOURCE2 arg = {
      .Format = format,
      .Pool = D3DDDIPOOL_VIDEOMEMORY,
      .MultisampleType = D3DDDIMULTISAMPLE_NONE,
      .pSurfList = &surf,
      .SurfCount = 1,
      .MipLevels = 1,
      .hResource = (HANDLE)b->next_cookie++,
      .Flags = flags,
      .Rotation = D3DDDI_ROTATION_IDENTITY,
   };
   *out = NULL;
   HRESULT hr = b->dev->funcs.pfnCreateResource2(b->dev->hDevice, &arg);
   if (hr == E_NOTIMPL) {
      printf("driver does not implement resources yet\n");
      fflush(stdout);
      exit(2);
   }
   if (SUCCEEDED(hr))
      *out = arg.hResource;
   return hr;
}

static D3DDDI_RESOURCEFLAGS
vb_flags(bool dynamic)
{
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.VertexBuffer = 1;
   f.Dynamic = dynamic;
   return f;
}

static D3DDDI_RESOURCEFLAGS
tex_flags(bool dynamic)
{
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.Texture = 1;
   f.Dynamic = dynamic;
   return f;
}

static void
ddi_destroy(struct bench *b, HANDLE *res)
{
   if (*res)
      b->dev->funcs.pfnDestroyResource(b->dev->hDevice, *res);
   *res = NULL;
}

static HRESULT
ddi_unlock(struct bench *b, HANDLE res)
{
   const D3DDDIARG_UNLOCK unlock = { .hResource = res };
   return b->dev->funcs.pfnUnlock(b->dev->hDevice, &unlock);
}

/* Waits for everything queued on the device, the way a runtime would: a
 * read lock of the copies' destination. */
static HRESULT
ddi_drain(struct bench *b, HANDLE dst)
{
   D3DDDIARG_LOCK lock = { .hResource = dst };
   lock.Flags.ReadOnly = 1;
   HRESULT hr = b->dev->funcs.pfnLock(b->dev->hDevice, &lock);
   if (FAILED(hr))
      return hr;
   return ddi_unlock(b, dst);
}

/* --- the baseline ------------------------------------------------------ */

static struct pipe_resource *
bare_texture(struct bench *b, unsigned width, unsigned height, unsigned bind,
             enum pipe_resource_usage usage)
{
   const struct pipe_resource templ = {
      .target = PIPE_TEXTURE_2D,
      .format = PIPE_FORMAT_B8G8R8A8_UNORM, /* D3DDDIFMT_A8R8G8B8 */
      .width0 = width,
      .height0 = height,
      .depth0 = 1,
      .array_size = 1,
      .bind = bind,
      .usage = usage,
   };
   return b->screen->resource_create(b->screen, &templ);
}

static void
bare_drain(struct bench *b)
{
   struct pipe_fence_handle *fence = NULL;
   b->pipe->flush(b->pipe, &fence, 0);
   if (fence) {
      b->screen->fence_finish(b->screen, b->pipe, fence,
                              PIPE_TIMEOUT_INFINITE);
      b->screen->fence_reference(b->screen, &fence, NULL);
   }
}

/* --- part 1: per-call cost --------------------------------------------- */

#define VB_LOCK_BYTES 256u

/* Lock offsets walk the buffer like a ring of streamed vertices. */
static inline unsigned
vb_offset(uint64_t n, unsigned size)
{
   return (unsigned)((n * 4096u) % (size - VB_LOCK_BYTES));
}

/* The runtime callbacks the driver made per Lock+Unlock pair, counted by
 * the test runtime over the loop. */
static unsigned
rt_lock_calls(struct bench *b)
{
   return rt_count(b->adapter, RT_CB_LOCK) + rt_count(b->adapter, RT_CB_UNLOCK);
}

static struct result
ddi_vb_nooverwrite(struct bench *b, HANDLE vb, unsigned size, double seconds)
{
   const unsigned calls0 = rt_lock_calls(b);
   const uint64_t start = now_ns(), end = start + seconds * NS_PER_S;
   uint64_t n = 0, t;
   do {
      for (unsigned k = 0; k < 64; k++, n++) {
         D3DDDIARG_LOCK lock = { .hResource = vb };
         lock.Range.Offset = vb_offset(n, size);
         lock.Range.Size = VB_LOCK_BYTES;
         lock.Flags.NoOverwrite = 1;
         lock.Flags.RangeValid = 1;
         HRESULT hr = b->dev->funcs.pfnLock(b->dev->hDevice, &lock);
         if (FAILED(hr))
            return failed(b, "pfnLock", hr);
         *(volatile uint32_t *)lock.pSurfData = (uint32_t)n;
         hr = ddi_unlock(b, vb);
         if (FAILED(hr))
            return failed(b, "pfnUnlock", hr);
      }
   } while ((t = now_ns()) < end);
   return (struct result) { .value = (double)(t - start) / n,
                            .callbacks = (double)(rt_lock_calls(b) - calls0) / n };
}

static struct result
bare_vb_unsync(struct bench *b, struct pipe_resource *buf, double seconds)
{
   struct pipe_context *pipe = b->pipe;
   const unsigned size = buf->width0;
   const uint64_t start = now_ns(), end = start + seconds * NS_PER_S;
   uint64_t n = 0, t;
   do {
      for (unsigned k = 0; k < 64; k++, n++) {
         struct pipe_transfer *xfer;
         struct pipe_box box;
         u_box_1d(vb_offset(n, size), VB_LOCK_BYTES, &box);
         void *p = pipe->buffer_map(pipe, buf, 0,
                                    PIPE_MAP_WRITE | PIPE_MAP_UNSYNCHRONIZED,
                                    &box, &xfer);
         if (!p)
            return not_measured("buffer_map NULL");
         *(volatile uint32_t *)p = (uint32_t)n;
         pipe->buffer_unmap(pipe, xfer);
      }
   } while ((t = now_ns()) < end);
   return (struct result) { .value = (double)(t - start) / n };
}

static struct result
ddi_tex_plain(struct bench *b, HANDLE tex, double seconds)
{
   const unsigned calls0 = rt_lock_calls(b);
   const uint64_t start = now_ns(), end = start + seconds * NS_PER_S;
   uint64_t n = 0, t;
   do {
      for (unsigned k = 0; k < 64; k++, n++) {
         D3DDDIARG_LOCK lock = { .hResource = tex };
         HRESULT hr = b->dev->funcs.pfnLock(b->dev->hDevice, &lock);
         if (FAILED(hr))
            return failed(b, "pfnLock", hr);
         *(volatile uint32_t *)lock.pSurfData = (uint32_t)n;
         hr = ddi_unlock(b, tex);
         if (FAILED(hr))
            return failed(b, "pfnUnlock", hr);
      }
   } while ((t = now_ns()) < end);
   return (struct result) { .value = (double)(t - start) / n,
                            .callbacks = (double)(rt_lock_calls(b) - calls0) / n };
}

/* The test runtime's share of a DDI lock: the driver calls pfnLockCb and
 * pfnUnlockCb once per outermost lock (the pfnLockCb page), and what those
 * cost is the runtime's, not the driver's (the test runtime takes two
 * mutexes and records the call; a real runtime enters the kernel).  Timed
 * here on an allocation of our own, as the driver would call them. */
static struct result
rt_lock_callbacks(struct bench *b, double seconds)
{
   const HANDLE rt_dev = (HANDLE)b->dev;
   D3DDDI_ALLOCATIONINFO info = { 0 };
   D3DDDICB_ALLOCATE alloc = {
      .hResource = (HANDLE)b->next_cookie++,
      .NumAllocations = 1,
      .pAllocationInfo = &info,
   };
   HRESULT hr = b->dev->callbacks.pfnAllocateCb(rt_dev, &alloc);
   if (FAILED(hr))
      return failed(b, "pfnAllocateCb", hr);

   struct result r = { 0 };
   const uint64_t start = now_ns(), end = start + seconds * NS_PER_S;
   uint64_t n = 0, t;
   do {
      for (unsigned k = 0; k < 64; k++, n++) {
         D3DDDICB_LOCK lock = { .hAllocation = info.hAllocation };
         lock.Flags.IgnoreSync = 1;
         lock.Flags.DonotWait = 1;
         hr = b->dev->callbacks.pfnLockCb(rt_dev, &lock);
         if (FAILED(hr)) {
            r = failed(b, "pfnLockCb", hr);
            goto out;
         }
         const D3DDDICB_UNLOCK unlock = {
            .NumAllocations = 1, .phAllocations = &info.hAllocation,
         };
         b->dev->callbacks.pfnUnlockCb(rt_dev, &unlock);
      }
   } while ((t = now_ns()) < end);
   r.value = (double)(t - start) / n;

out:;
   const D3DDDICB_DEALLOCATE dealloc = {
      .hResource = alloc.hResource,
      .NumAllocations = 1,
      .HandleList = &info.hAllocation,
   };
   b->dev->callbacks.pfnDeallocateCb(rt_dev, &dealloc);
   return r;
}

static struct result
bare_tex_map(struct bench *b, struct pipe_resource *tex, double seconds)
{
   struct pipe_context *pipe = b->pipe;
   struct pipe_box box;
   u_box_2d(0, 0, tex->width0, tex->height0, &box);
   const uint64_t start = now_ns(), end = start + seconds * NS_PER_S;
   uint64_t n = 0, t;
   do {
      for (unsigned k = 0; k < 64; k++, n++) {
         struct pipe_transfer *xfer;
         void *p = pipe->texture_map(pipe, tex, 0, PIPE_MAP_READ_WRITE, &box,
                                     &xfer);
         if (!p)
            return not_measured("texture_map NULL");
         *(volatile uint32_t *)p = (uint32_t)n;
         pipe->texture_unmap(pipe, xfer);
      }
   } while ((t = now_ns()) < end);
   return (struct result) { .value = (double)(t - start) / n };
}

/* DDI ns, the runtime's share (the callbacks the driver made per pair,
 * counted, times what a callback pair costs alone, timed), the driver's
 * own (the difference), bare ns, and both ratios. */
static void
print_cost_row(const char *what, const struct result *ddi,
               const struct result *bare, const struct result *cb)
{
   char a[48], c[48], d[48], e[48], f[48], g[48];
   struct result rt = not_measured("-"), own = not_measured("-");
   if (valid(ddi) && valid(cb)) {
      rt = (struct result) { .value = ddi->callbacks / 2 * cb->value };
      own = (struct result) { .value = ddi->value - rt.value };
   }
   printf("   %-36s %8s %8s %8s %8s %8s %8s  <= 1.1\n", what,
          fmt(a, sizeof(a), ddi, "%*.1f", 8),
          fmt(c, sizeof(c), &rt, "%*.1f", 8),
          fmt(g, sizeof(g), &own, "%*.1f", 8),
          fmt(d, sizeof(d), bare, "%*.1f", 8),
          fmt_ratio(e, sizeof(e), ddi, bare, 8),
          fmt_ratio(f, sizeof(f), &own, bare, 8));
}

/* Results start unset ("-"); a failure sticks, otherwise the best round
 * is kept: the least disturbed by clock changes or noisy neighbours. */
static bool
unset(const struct result *r)
{
   return !strcmp(r->why, "-");
}

static void
keep_best(struct result *best, struct result r, bool lower_is_better)
{
   if (!valid(&r)) {
      if (valid(best) || unset(best))
         *best = r;
   } else if (unset(best) ||
              (valid(best) && (lower_is_better ? r.value < best->value
                                               : r.value > best->value))) {
      *best = r;
   }
}

static void
part1(struct bench *b)
{
   const unsigned vb_size = 16 * MIB, tex_size = 1024;
   const double warm = b->row_s / 10;
   const double round = b->row_s / b->rounds;
   HANDLE vb = NULL, tex = NULL;
   struct pipe_resource *pvb = NULL, *ptex = NULL;
   HRESULT hr;

   printf("%-39s %8s %8s %8s %8s %8s %8s  %s\n",
          "1. Lock+Unlock per call, nothing queued", "DDI ns", "runtime",
          "driver", "bare ns", "DDI/bare", "drv/bare", "goal");

   struct result ddi_vb = not_measured("-"), bare_vb = not_measured("-");
   struct result ddi_tex = not_measured("-"), bare_tex = not_measured("-");

   hr = ddi_create(b, D3DDDIFMT_VERTEXDATA, vb_size, 1, vb_flags(true), &vb);
   if (FAILED(hr))
      ddi_vb = failed(b, "pfnCreateResource2", hr);
   hr = ddi_create(b, D3DDDIFMT_A8R8G8B8, tex_size, tex_size,
                   tex_flags(false), &tex);
   if (FAILED(hr))
      ddi_tex = failed(b, "pfnCreateResource2", hr);
   if (b->pipe) {
      pvb = pipe_buffer_create(b->screen, PIPE_BIND_VERTEX_BUFFER,
                               PIPE_USAGE_DYNAMIC, vb_size);
      ptex = bare_texture(b, tex_size, tex_size, PIPE_BIND_SAMPLER_VIEW,
                          PIPE_USAGE_DEFAULT);
      if (!pvb)
         bare_vb = not_measured("resource_create NULL");
      if (!ptex)
         bare_tex = not_measured("resource_create NULL");
   }

   /* Warm-up: first touch of the pages, lazy driver state, caches. */
   if (vb)
      ddi_vb_nooverwrite(b, vb, vb_size, warm);
   if (pvb)
      bare_vb_unsync(b, pvb, warm);
   if (tex)
      ddi_tex_plain(b, tex, warm);
   if (ptex)
      bare_tex_map(b, ptex, warm);

   for (unsigned r = 0; r < b->rounds; r++) {
      if (vb && (r == 0 || valid(&ddi_vb)))
         keep_best(&ddi_vb, ddi_vb_nooverwrite(b, vb, vb_size, round),
                   true);
      if (pvb)
         keep_best(&bare_vb, bare_vb_unsync(b, pvb, round), true);
   }
   struct result cb = not_measured("-");
   rt_lock_callbacks(b, warm);
   for (unsigned r = 0; r < b->rounds; r++)
      keep_best(&cb, rt_lock_callbacks(b, round), true);

   for (unsigned r = 0; r < b->rounds; r++) {
      if (tex && (r == 0 || valid(&ddi_tex)))
         keep_best(&ddi_tex, ddi_tex_plain(b, tex, round), true);
      if (ptex)
         keep_best(&bare_tex, bare_tex_map(b, ptex, round), true);
   }

   print_cost_row("VB 16 MiB, NoOverwrite+RangeValid", &ddi_vb, &bare_vb,
                  &cb);
   printf("     bare: buffer_map(WRITE|UNSYNCHRONIZED), %u-byte range; "
          "callbacks per pair: %.4f\n", VB_LOCK_BYTES, ddi_vb.callbacks);
   print_cost_row("tex 1024x1024 A8R8G8B8, no flags", &ddi_tex, &bare_tex,
                  &cb);
   printf("     bare: texture_map(READ_WRITE), whole level; callbacks per "
          "pair: %.4f\n", ddi_tex.callbacks);
   char a[48];
   printf("   %-36s %8s  ns alone; runtime = callbacks per pair / 2 x this\n",
          "test runtime pfnLockCb+pfnUnlockCb", fmt(a, sizeof(a), &cb,
          "%*.1f", 8));
   printf("\n");
   fflush(stdout);

   ddi_destroy(b, &vb);
   ddi_destroy(b, &tex);
   pipe_resource_reference(&pvb, NULL);
   pipe_resource_reference(&ptex, NULL);
}

/* --- part 2: Discard streaming with work in flight ---------------------- */

struct stream_result {
   struct result rate;  /* locks per second, the whole loop */
   uint64_t locks;
   uint64_t waits;      /* Lock/map calls longer than WAIT_NS */
   uint64_t lock_ns;    /* time spent in Lock/map */
   uint64_t loop_ns;    /* time of the whole loop, drain included */
   double rss_mib;      /* resident memory after the loop, minus before */
};

/* Sums the rounds of one path; a failure sticks. */
static void
stream_add(struct stream_result *sum, const struct stream_result *r)
{
   if (!valid(&sum->rate))
      return;
   if (!valid(&r->rate)) {
      sum->rate = r->rate;
      return;
   }
   sum->locks += r->locks;
   sum->waits += r->waits;
   sum->lock_ns += r->lock_ns;
   sum->loop_ns += r->loop_ns;
   sum->rss_mib = MAX2(sum->rss_mib, r->rss_mib);
   sum->rate.value = (double)sum->locks * NS_PER_S / sum->loop_ns;
}

/* The streamed resource: a 4 MiB dynamic vertex buffer copied by BufBlt
 * into another buffer, or a 512x512 dynamic texture stretched by a linear
 * Blt into a 1024x1024 render target. */
enum stream_kind { STREAM_VB, STREAM_TEX };

#define STREAM_VB_SIZE (4 * MIB)
#define STREAM_TEX_SIZE 512
#define STREAM_RT_SIZE 1024

static void
fill_rows(uint8_t *p, unsigned pitch, unsigned row_bytes, unsigned rows,
          uint8_t value)
{
   if (pitch == row_bytes) {
      memset(p, value, (size_t)row_bytes * rows);
      return;
   }
   for (unsigned y = 0; y < rows; y++)
      memset(p + (size_t)y * pitch, value, row_bytes);
}

/* One "frame": Lock(Discard) the whole resource, write all of it, Unlock,
 * queue a copy that reads it, Flush.  Ends by waiting for all the copies,
 * so that work queued but not done is not counted as done. */
static struct stream_result
ddi_stream(struct bench *b, enum stream_kind kind, HANDLE src, HANDLE dst,
           double seconds)
{
   struct stream_result s = { 0 };
   const double rss0 = rss_mib();
   uint64_t lock_ns = 0;
   const uint64_t start = now_ns(), end = start + seconds * NS_PER_S;
   HRESULT hr;

   do {
      D3DDDIARG_LOCK lock = { .hResource = src };
      lock.Flags.Discard = 1;
      const uint64_t t0 = now_ns();
      hr = b->dev->funcs.pfnLock(b->dev->hDevice, &lock);
      const uint64_t dt = now_ns() - t0;
      if (FAILED(hr)) {
         s.rate = failed(b, "pfnLock", hr);
         return s;
      }
      lock_ns += dt;
      s.waits += dt > WAIT_NS;

      if (kind == STREAM_VB)
         memset(lock.pSurfData, (uint8_t)s.locks, STREAM_VB_SIZE);
      else
         fill_rows(lock.pSurfData, lock.Pitch, STREAM_TEX_SIZE * 4,
                   STREAM_TEX_SIZE, (uint8_t)s.locks);
      s.locks++;

      hr = ddi_unlock(b, src);
      if (FAILED(hr)) {
         s.rate = failed(b, "pfnUnlock", hr);
         return s;
      }

      if (kind == STREAM_VB) {
         const D3DDDIARG_BUFFERBLT blt = {
            .hDstResource = dst,
            .hSrcResource = src,
            .Offset = 0,
            .SrcRange = { .Offset = 0, .Size = STREAM_VB_SIZE },
         };
         hr = b->dev->funcs.pfnBufBlt(b->dev->hDevice, &blt);
         if (FAILED(hr)) {
            s.rate = failed(b, "pfnBufBlt", hr);
            return s;
         }
      } else {
         D3DDDIARG_BLT blt = {
            .hSrcResource = src,
            .SrcRect = { 0, 0, STREAM_TEX_SIZE, STREAM_TEX_SIZE },
            .hDstResource = dst,
            .DstRect = { 0, 0, STREAM_RT_SIZE, STREAM_RT_SIZE },
         };
         blt.Flags.Linear = 1;
         hr = b->dev->funcs.pfnBlt(b->dev->hDevice, &blt);
         if (FAILED(hr)) {
            s.rate = failed(b, "pfnBlt", hr);
            return s;
         }
      }
      hr = b->dev->funcs.pfnFlush(b->dev->hDevice);
      if (FAILED(hr)) {
         s.rate = failed(b, "pfnFlush", hr);
         return s;
      }
   } while (now_ns() < end);

   hr = ddi_drain(b, dst);
   if (FAILED(hr)) {
      s.rate = failed(b, "pfnLock(ReadOnly)", hr);
      return s;
   }
   s.loop_ns = now_ns() - start;
   s.lock_ns = lock_ns;
   s.rate.value = (double)s.locks * NS_PER_S / s.loop_ns;
   s.rss_mib = rss_mib() - rss0;
   return s;
}

/* The same frame on bare Gallium.  invalidate: invalidate_resource, then a
 * plain write map (the driver renames); otherwise a map with
 * PIPE_MAP_DISCARD_WHOLE_RESOURCE (the driver may rename or wait). */
static struct stream_result
bare_stream(struct bench *b, enum stream_kind kind, struct pipe_resource *src,
            struct pipe_resource *dst, bool invalidate, double seconds)
{
   struct pipe_context *pipe = b->pipe;
   struct stream_result s = { 0 };
   const unsigned map_flags = invalidate ? PIPE_MAP_WRITE :
      PIPE_MAP_WRITE | PIPE_MAP_DISCARD_WHOLE_RESOURCE;
   struct pipe_box src_box, dst_box;
   struct pipe_blit_info blit = { 0 };

   if (invalidate && !pipe->invalidate_resource) {
      s.rate = not_measured("n/a");
      return s;
   }

   if (kind == STREAM_VB) {
      u_box_1d(0, STREAM_VB_SIZE, &src_box);
   } else {
      u_box_2d(0, 0, STREAM_TEX_SIZE, STREAM_TEX_SIZE, &src_box);
      u_box_2d(0, 0, STREAM_RT_SIZE, STREAM_RT_SIZE, &dst_box);
      blit.src.resource = src;
      blit.src.format = src->format;
      blit.src.box = src_box;
      blit.dst.resource = dst;
      blit.dst.format = dst->format;
      blit.dst.box = dst_box;
      blit.mask = PIPE_MASK_RGBA;
      blit.filter = PIPE_TEX_FILTER_LINEAR;
   }

   const double rss0 = rss_mib();
   uint64_t lock_ns = 0;
   const uint64_t start = now_ns(), end = start + seconds * NS_PER_S;

   do {
      struct pipe_transfer *xfer;
      void *p;
      const uint64_t t0 = now_ns();
      if (invalidate)
         pipe->invalidate_resource(pipe, src);
      if (kind == STREAM_VB)
         p = pipe->buffer_map(pipe, src, 0, map_flags, &src_box, &xfer);
      else
         p = pipe->texture_map(pipe, src, 0, map_flags, &src_box, &xfer);
      const uint64_t dt = now_ns() - t0;
      if (!p) {
         s.rate = not_measured("map NULL");
         return s;
      }
      lock_ns += dt;
      s.waits += dt > WAIT_NS;

      if (kind == STREAM_VB) {
         memset(p, (uint8_t)s.locks, STREAM_VB_SIZE);
         pipe->buffer_unmap(pipe, xfer);
         pipe->resource_copy_region(pipe, dst, 0, 0, 0, 0, src, 0, &src_box);
      } else {
         fill_rows(p, xfer->stride, STREAM_TEX_SIZE * 4, STREAM_TEX_SIZE,
                   (uint8_t)s.locks);
         pipe->texture_unmap(pipe, xfer);
         pipe->blit(pipe, &blit);
      }
      s.locks++;
      /* What the frontend's Flush does: hand the work over, no fence. */
      pipe->flush(pipe, NULL, PIPE_FLUSH_ASYNC);
   } while (now_ns() < end);

   bare_drain(b);
   s.loop_ns = now_ns() - start;
   s.lock_ns = lock_ns;
   s.rate.value = (double)s.locks * NS_PER_S / s.loop_ns;
   s.rss_mib = rss_mib() - rss0;
   return s;
}

static void
print_stream_row(const char *what, const struct stream_result *s,
                 const struct stream_result *ddi)
{
   char a[48], c[48];
   if (!valid(&s->rate)) {
      printf("   %-38s %9s\n", what, s->rate.why);
      return;
   }
   char waits[32];
   snprintf(waits, sizeof(waits), "%" PRIu64 "/%" PRIu64, s->waits,
            s->locks);
   printf("   %-38s %9s %9s %12s %8.1f %8.1f\n", what,
          fmt(a, sizeof(a), &s->rate, "%*.1f", 9),
          ddi ? fmt_ratio(c, sizeof(c), &ddi->rate, &s->rate, 9) : "",
          waits, (double)s->lock_ns / s->locks / 1000.0, s->rss_mib);
}

/* The bare baseline's source and destination of a streaming row, as the
 * DDI rows create them. */
static void
bare_stream_resources(struct bench *b, enum stream_kind kind,
                      struct pipe_resource **psrc, struct pipe_resource **pdst)
{
   if (kind == STREAM_VB) {
      *psrc = pipe_buffer_create(b->screen, PIPE_BIND_VERTEX_BUFFER,
                                 PIPE_USAGE_DYNAMIC, STREAM_VB_SIZE);
      *pdst = pipe_buffer_create(b->screen, PIPE_BIND_VERTEX_BUFFER,
                                 PIPE_USAGE_DEFAULT, STREAM_VB_SIZE);
   } else {
      *psrc = bare_texture(b, STREAM_TEX_SIZE, STREAM_TEX_SIZE,
                           PIPE_BIND_SAMPLER_VIEW, PIPE_USAGE_DYNAMIC);
      *pdst = bare_texture(b, STREAM_RT_SIZE, STREAM_RT_SIZE,
                           PIPE_BIND_RENDER_TARGET | PIPE_BIND_SAMPLER_VIEW,
                           PIPE_USAGE_DEFAULT);
   }
}

static void
stream_row(struct bench *b, enum stream_kind kind)
{
   HANDLE src = NULL, dst = NULL;
   struct pipe_resource *psrc = NULL, *pdst = NULL;
   struct stream_result ddi = { 0 }, bare = { 0 }, inval = { 0 };
   const double warm = b->row_s / 10;
   const double round = b->row_s / b->rounds;
   HRESULT hr;

   if (kind == STREAM_VB) {
      hr = ddi_create(b, D3DDDIFMT_VERTEXDATA, STREAM_VB_SIZE, 1,
                      vb_flags(true), &src);
      if (SUCCEEDED(hr))
         hr = ddi_create(b, D3DDDIFMT_VERTEXDATA, STREAM_VB_SIZE, 1,
                         vb_flags(false), &dst);
   } else {
      D3DDDI_RESOURCEFLAGS rt = { .Value = 0 };
      rt.RenderTarget = 1;
      hr = ddi_create(b, D3DDDIFMT_A8R8G8B8, STREAM_TEX_SIZE,
                      STREAM_TEX_SIZE, tex_flags(true), &src);
      if (SUCCEEDED(hr))
         hr = ddi_create(b, D3DDDIFMT_A8R8G8B8, STREAM_RT_SIZE,
                         STREAM_RT_SIZE, rt, &dst);
   }
   if (FAILED(hr))
      ddi.rate = failed(b, "pfnCreateResource2", hr);

   if (b->pipe)
      bare_stream_resources(b, kind, &psrc, &pdst);
   const bool have_bare = psrc && pdst;
   if (!have_bare) {
      bare.rate = inval.rate = not_measured(b->pipe ? "resource_create NULL"
                                                    : "-");
   }

   /* Warm-up (storage created, shaders compiled), then alternating rounds
    * so that a noisy neighbour on a shared machine hits every path alike;
    * each path's rounds are summed. */
   if (src && dst)
      ddi_stream(b, kind, src, dst, warm);
   if (have_bare) {
      bare_stream(b, kind, psrc, pdst, false, warm);
      bare_stream(b, kind, psrc, pdst, true, warm);
   }
   for (unsigned r = 0; r < b->rounds; r++) {
      struct stream_result one;
      if (src && dst) {
         one = ddi_stream(b, kind, src, dst, round);
         stream_add(&ddi, &one);
      }
      if (have_bare) {
         one = bare_stream(b, kind, psrc, pdst, false, round);
         stream_add(&bare, &one);
         one = bare_stream(b, kind, psrc, pdst, true, round);
         stream_add(&inval, &one);
      }
   }
   ddi_destroy(b, &src);
   ddi_destroy(b, &dst);
   pipe_resource_reference(&psrc, NULL);
   pipe_resource_reference(&pdst, NULL);

   if (kind == STREAM_VB)
      printf("   VB 4 MiB, memset, BufBlt to a 4 MiB VB, Flush\n");
   else
      printf("   tex 512x512 dynamic, fill, Blt Linear to 1024x1024 RT, "
             "Flush\n");
   print_stream_row("  DDI Lock(Discard)", &ddi, NULL);
   print_stream_row(kind == STREAM_VB ?
                    "  bare buffer_map(DISCARD_WHOLE_RES)" :
                    "  bare texture_map(DISCARD_WHOLE_RES)", &bare, &ddi);
   print_stream_row("  bare invalidate_resource + map", &inval, &ddi);
   fflush(stdout);
}

static void
part2(struct bench *b)
{
   printf("%-41s %9s %9s %12s %8s %8s\n",
          "2. Discard streaming, copies in flight", "locks/s", "DDI/bare",
          "waits/locks", "Lock us", "RSS MiB");
   stream_row(b, STREAM_VB);
   stream_row(b, STREAM_TEX);
   printf("   locks/s: frames per second of the whole loop (fill, copy and"
          " Flush\n"
          "   included; the last copies are waited for); a wait is a Lock or"
          " map\n"
          "   call that took longer than 1 ms; RSS: resident memory after"
          " the\n"
          "   loop minus before.  bare copies: resource_copy_region, blit"
          " (linear)\n\n");
}

/* --- part 3: bandwidth of a large lock ---------------------------------- */

#define BW_SIZE 4096u
#define BW_BYTES ((size_t)BW_SIZE * BW_SIZE * 4)

static void
copy_rows(uint8_t *dst, unsigned pitch, const uint8_t *src)
{
   const unsigned row = BW_SIZE * 4;
   if (pitch == row) {
      memcpy(dst, src, BW_BYTES);
      return;
   }
   for (unsigned y = 0; y < BW_SIZE; y++)
      memcpy(dst + (size_t)y * pitch, src + (size_t)y * row, row);
}

/* GB/s (10^9 bytes), higher is better. */
static struct result
ddi_bandwidth(struct bench *b, HANDLE tex, const uint8_t *src,
              double seconds)
{
   const uint64_t start = now_ns(), end = start + seconds * NS_PER_S;
   uint64_t n = 0, t;
   do {
      D3DDDIARG_LOCK lock = { .hResource = tex };
      HRESULT hr = b->dev->funcs.pfnLock(b->dev->hDevice, &lock);
      if (FAILED(hr))
         return failed(b, "pfnLock", hr);
      copy_rows(lock.pSurfData, lock.Pitch, src);
      hr = ddi_unlock(b, tex);
      if (FAILED(hr))
         return failed(b, "pfnUnlock", hr);
      n++;
   } while ((t = now_ns()) < end);
   return (struct result) { .value = (double)n * BW_BYTES / (t - start) };
}

static struct result
memcpy_bandwidth(uint8_t *dst, const uint8_t *src, double seconds)
{
   const uint64_t start = now_ns(), end = start + seconds * NS_PER_S;
   uint64_t n = 0, t;
   do {
      memcpy(dst, src, BW_BYTES);
      /* Keeps the compiler from treating the copies as dead stores. */
      __asm__ volatile("" : : "r"(dst) : "memory");
      n++;
   } while ((t = now_ns()) < end);
   return (struct result) { .value = (double)n * BW_BYTES / (t - start) };
}

static struct result
bare_bandwidth(struct bench *b, struct pipe_resource *tex,
               const uint8_t *src, double seconds)
{
   struct pipe_context *pipe = b->pipe;
   struct pipe_box box;
   u_box_2d(0, 0, BW_SIZE, BW_SIZE, &box);
   const uint64_t start = now_ns(), end = start + seconds * NS_PER_S;
   uint64_t n = 0, t;
   do {
      struct pipe_transfer *xfer;
      void *p = pipe->texture_map(pipe, tex, 0, PIPE_MAP_READ_WRITE, &box,
                                  &xfer);
      if (!p)
         return not_measured("texture_map NULL");
      copy_rows(p, xfer->stride, src);
      pipe->texture_unmap(pipe, xfer);
      n++;
   } while ((t = now_ns()) < end);
   return (struct result) { .value = (double)n * BW_BYTES / (t - start) };
}

static void
print_bw_row(const char *what, const struct result *r,
             const struct result *ref, const char *goal)
{
   char a[48], c[48];
   printf("   %-38s %11s %11s  %s\n", what,
          fmt(a, sizeof(a), r, "%*.2f", 11),
          fmt_ratio(c, sizeof(c), r, ref, 11), goal);
}

static void
part3(struct bench *b)
{
   const double round = b->row_s / b->rounds;
   HANDLE tex = NULL;
   struct pipe_resource *ptex = NULL;
   struct result ddi = not_measured("-"), mem = not_measured("-");
   struct result bare = not_measured("-");

   printf("%-41s %11s %11s  %s\n", "3. Lock bandwidth, 4096x4096 A8R8G8B8",
          "GB/s", "vs memcpy", "goal");

   uint8_t *src = malloc(BW_BYTES), *dst = malloc(BW_BYTES);
   if (!src || !dst) {
      printf("   out of memory\n\n");
      b->status = 1;
      free(src);
      free(dst);
      return;
   }
   /* Fault both in before timing anything. */
   for (size_t i = 0; i < BW_BYTES; i++)
      src[i] = (uint8_t)(i * 131);
   memset(dst, 0, BW_BYTES);

   HRESULT hr = ddi_create(b, D3DDDIFMT_A8R8G8B8, BW_SIZE, BW_SIZE,
                           tex_flags(false), &tex);
   if (FAILED(hr))
      ddi = failed(b, "pfnCreateResource2", hr);
   if (b->pipe) {
      ptex = bare_texture(b, BW_SIZE, BW_SIZE, PIPE_BIND_SAMPLER_VIEW,
                          PIPE_USAGE_DEFAULT);
      if (!ptex)
         bare = not_measured("resource_create NULL");
   }

   /* Warm-up: at least one full pass each, so that first-touch faults of
    * the texture's pages are not measured. */
   const double warm = b->row_s / 10;
   if (tex)
      ddi_bandwidth(b, tex, src, warm);
   memcpy_bandwidth(dst, src, warm);
   if (ptex)
      bare_bandwidth(b, ptex, src, warm);

   for (unsigned r = 0; r < b->rounds; r++) {
      if (tex && (r == 0 || valid(&ddi)))
         keep_best(&ddi, ddi_bandwidth(b, tex, src, round), false);
      keep_best(&mem, memcpy_bandwidth(dst, src, round), false);
      if (ptex)
         keep_best(&bare, bare_bandwidth(b, ptex, src, round), false);
   }

   print_bw_row("DDI Lock, memcpy by Pitch, Unlock", &ddi, &mem, ">= 0.8");
   print_bw_row("memcpy into malloc'd memory", &mem, &mem, "");
   print_bw_row("bare texture_map(READ_WRITE), unmap", &bare, &mem,
                "(reference)");
   printf("\n");
   fflush(stdout);

   ddi_destroy(b, &tex);
   pipe_resource_reference(&ptex, NULL);
   free(src);
   free(dst);
}

/* --- part 4: Discard streaming, the runtime's multi-processor mode ------- */

/* The runtime's multi-processor mode (rt_worker.h): DDI calls queued and
 * run in order on a worker thread, LockAsync/UnlockAsync on the
 * application thread.  Each DDI path gets a device of its own, made for
 * this part, so that its renaming peak (peak_retired_bytes, printed by the
 * driver at DestroyDevice with D3DUMD_DEBUG=stats) is its own. */

enum p4_path {
   P4_ASYNC,   /* LockAsync(Discard), queued Rename + copy + Flush */
   P4_SYNC,    /* drain, Lock(Discard), queued copy + Flush */
   P4_PACED,   /* P4_ASYNC at most P4_LATENCY frames ahead of the GPU */
   P4_RING,    /* LockAsync(NoOverwrite) ring, Discard at the wrap */
   P4_PATHS,
};

/* The runtime's default maximum frame latency: how far the producer of the
 * paced path runs ahead of the GPU (event queries, as d3dumd-demo). */
#define P4_LATENCY 3

#define RING_CHUNKS 16
#define RING_CHUNK (STREAM_VB_SIZE / RING_CHUNKS)

struct p4_result {
   struct result rate;  /* locks per second, the whole loop */
   uint64_t locks;
   uint64_t slow;       /* Lock/LockAsync calls longer than WAIT_NS */
   uint64_t refusals;   /* LockAsync(Discard) answered WASSTILLDRAWING */
   uint64_t lock_ns;    /* time spent in Lock/LockAsync, retries included */
   uint64_t max_ns;     /* slowest Lock/LockAsync call that succeeded */
   uint64_t drain_ns;   /* application thread blocked in rt_worker_drain */
   uint64_t loop_ns;
};

struct p4_dev {
   struct rt_device *dev;
   struct rt_worker *w;
   HANDLE src, dst;
   unsigned long queued;                 /* calls queued on w, in order */
   HANDLE queries[P4_LATENCY];           /* event queries, paced path */
   unsigned long issued_at[P4_LATENCY];  /* queued count of each IssueQuery */
   uint64_t frame;
   uint64_t peak_bytes;
   bool have_peak;
};

static void
p4_add(struct p4_result *sum, const struct p4_result *r)
{
   if (!valid(&sum->rate))
      return;
   if (!valid(&r->rate)) {
      sum->rate = r->rate;
      return;
   }
   sum->locks += r->locks;
   sum->slow += r->slow;
   sum->refusals += r->refusals;
   sum->lock_ns += r->lock_ns;
   sum->max_ns = MAX2(sum->max_ns, r->max_ns);
   sum->drain_ns += r->drain_ns;
   sum->loop_ns += r->loop_ns;
   sum->rate.value = (double)sum->locks * NS_PER_S / sum->loop_ns;
}

/* Destroys a device with fd 2 redirected to a temporary file, and takes
 * the driver's "d3dumd: stats: ... peak_retired_bytes=N" line out of what
 * it printed; the other lines (and the stats line where the user asked
 * for it) go on to stderr. */
static HRESULT
destroy_device_stats(struct bench *b, struct rt_device *dev,
                     uint64_t *peak, bool *have_peak)
{
   *have_peak = false;
   fflush(stderr);
   FILE *tmp = tmpfile();
   int saved = tmp ? dup(2) : -1;
   if (saved >= 0 && dup2(fileno(tmp), 2) < 0) {
      close(saved);
      saved = -1;
   }
   HRESULT hr = rt_device_destroy(dev);
   fflush(stderr);
   if (saved >= 0) {
      dup2(saved, 2);
      close(saved);
   }
   if (!tmp)
      return hr;
   if (saved >= 0) {
      char line[512];
      rewind(tmp);
      while (fgets(line, sizeof(line), tmp)) {
         const char *p = strstr(line, "d3dumd: stats:");
         const char *q = p ? strstr(p, "peak_retired_bytes=") : NULL;
         unsigned long long v;
         if (q && sscanf(q, "peak_retired_bytes=%llu", &v) == 1) {
            *peak = v;
            *have_peak = true;
            if (!b->user_stats)
               continue;
         }
         fputs(line, stderr);
      }
   }
   fclose(tmp);
   return hr;
}

static bool
p4_dev_create(struct bench *b, struct p4_dev *d, enum stream_kind kind,
              struct p4_result *res)
{
   memset(d, 0, sizeof(*d));
   HRESULT hr = rt_device_create(b->adapter, 0, &d->dev);
   if (FAILED(hr)) {
      d->dev = NULL;
      res->rate = failed(b, "CreateDevice", hr);
      return false;
   }
   if (!d->dev->funcs.pfnLockAsync ||
       d->dev->funcs.pfnLockAsync == RT_POISON_PTR ||
       !d->dev->funcs.pfnRename || d->dev->funcs.pfnRename == RT_POISON_PTR) {
      res->rate = not_measured("no LockAsync");
      return false;
   }

   /* ddi_create and friends work on b->dev. */
   struct rt_device *main_dev = b->dev;
   b->dev = d->dev;
   if (kind == STREAM_VB) {
      hr = ddi_create(b, D3DDDIFMT_VERTEXDATA, STREAM_VB_SIZE, 1,
                      vb_flags(true), &d->src);
      if (SUCCEEDED(hr))
         hr = ddi_create(b, D3DDDIFMT_VERTEXDATA, STREAM_VB_SIZE, 1,
                         vb_flags(false), &d->dst);
   } else {
      D3DDDI_RESOURCEFLAGS rt = { .Value = 0 };
      rt.RenderTarget = 1;
      hr = ddi_create(b, D3DDDIFMT_A8R8G8B8, STREAM_TEX_SIZE,
                      STREAM_TEX_SIZE, tex_flags(true), &d->src);
      if (SUCCEEDED(hr))
         hr = ddi_create(b, D3DDDIFMT_A8R8G8B8, STREAM_RT_SIZE,
                         STREAM_RT_SIZE, rt, &d->dst);
   }
   b->dev = main_dev;
   if (FAILED(hr)) {
      res->rate = failed(b, "pfnCreateResource2", hr);
      return false;
   }
   for (unsigned i = 0; i < P4_LATENCY; i++) {
      D3DDDIARG_CREATEQUERY q = { .QueryType = D3DDDIQUERYTYPE_EVENT };
      hr = d->dev->funcs.pfnCreateQuery(d->dev->hDevice, &q);
      if (FAILED(hr)) {
         res->rate = failed(b, "pfnCreateQuery", hr);
         return false;
      }
      d->queries[i] = q.hQuery;
   }
   d->w = rt_worker_start(d->dev);
   if (!d->w) {
      res->rate = not_measured("rt_worker_start");
      return false;
   }
   return true;
}

static void
p4_dev_destroy(struct bench *b, struct p4_dev *d)
{
   if (!d->dev)
      return;
   if (d->w)
      rt_worker_stop(d->w);
   for (unsigned i = 0; i < P4_LATENCY; i++) {
      if (d->queries[i])
         d->dev->funcs.pfnDestroyQuery(d->dev->hDevice, d->queries[i]);
   }
   struct rt_device *main_dev = b->dev;
   b->dev = d->dev;
   ddi_destroy(b, &d->src);
   ddi_destroy(b, &d->dst);
   b->dev = main_dev;
   HRESULT hr = destroy_device_stats(b, d->dev, &d->peak_bytes,
                                     &d->have_peak);
   if (FAILED(hr)) {
      fprintf(stderr, "DestroyDevice failed: %s\n", hr_str(hr));
      b->status = 1;
   }
   d->dev = NULL;
}

/* Queues the copy of [offset, offset + size) of the source (the whole
 * texture for STREAM_TEX) and a Flush. */
static void
p4_queue_copy(struct p4_dev *d, enum stream_kind kind, unsigned offset,
              unsigned size)
{
   if (kind == STREAM_VB) {
      const D3DDDIARG_BUFFERBLT blt = {
         .hDstResource = d->dst,
         .hSrcResource = d->src,
         .Offset = offset,
         .SrcRange = { .Offset = offset, .Size = size },
      };
      rt_worker_bufblt(d->w, &blt);
      d->queued++;
   } else {
      D3DDDIARG_BLT blt = {
         .hSrcResource = d->src,
         .SrcRect = { 0, 0, STREAM_TEX_SIZE, STREAM_TEX_SIZE },
         .hDstResource = d->dst,
         .DstRect = { 0, 0, STREAM_RT_SIZE, STREAM_RT_SIZE },
      };
      blt.Flags.Linear = 1;
      rt_worker_blt(d->w, &blt);
      d->queued++;
   }
   rt_worker_flush(d->w);
   d->queued++;
}

/* LockAsync the way the runtime calls it: at the renaming bound a Discard
 * is refused; the runtime queues a Flush, drains its queue and retries. */
static HRESULT
p4_lock_async(struct p4_dev *d, struct p4_result *s, bool discard,
              unsigned offset, unsigned size, D3DDDIARG_LOCKASYNC *l)
{
   HRESULT hr;
   /* Bounded by wall time (a minute), never by a count of tries. */
   const uint64_t give_up = now_ns() + 60 * NS_PER_S;
   for (;;) {
      memset(l, 0, sizeof(*l));
      l->hResource = d->src;
      if (discard) {
         l->Flags.Discard = 1;
      } else {
         l->Flags.NoOverwrite = 1;
         l->Flags.RangeValid = 1;
         l->Range.Offset = offset;
         l->Range.Size = size;
      }
      const uint64_t t0 = now_ns();
      hr = d->dev->funcs.pfnLockAsync(d->dev->hDevice, l);
      const uint64_t dt = now_ns() - t0;
      s->lock_ns += dt;
      s->slow += dt > WAIT_NS;
      if (hr != D3DDDIERR_WASSTILLDRAWING || !discard) {
         if (SUCCEEDED(hr))
            s->max_ns = MAX2(s->max_ns, dt);
         return hr;
      }
      s->refusals++;
      const uint64_t t1 = now_ns();
      rt_worker_flush(d->w);
      d->queued++;
      rt_worker_drain(d->w);
      s->drain_ns += now_ns() - t1;
      if (now_ns() > give_up)
         return hr;
      /* Drained, but the GPU may still hold every backing. */
      sched_yield();
   }
}

static HRESULT
p4_unlock_async(struct p4_dev *d)
{
   const D3DDDIARG_UNLOCKASYNC u = { .hResource = d->src };
   return d->dev->funcs.pfnUnlockAsync(d->dev->hDevice, &u);
}

static void
p4_queue_rename(struct p4_dev *d, HANDLE cookie)
{
   const D3DDDIARG_RENAME r = { .hResource = d->src, .hCookie = cookie };
   rt_worker_rename(d->w, &r);
   d->queued++;
}

/* The paced path, before frame d->frame: the runtime holds the producer
 * until the GPU has finished frame d->frame - P4_LATENCY (its event query
 * signalled; until the worker has run the IssueQuery the runtime answers
 * that itself).  The time counts as drain time. */
static HRESULT
p4_pace(struct p4_dev *d, struct p4_result *s)
{
   const unsigned slot = d->frame % P4_LATENCY;
   if (!d->issued_at[slot])
      return S_OK;
   const uint64_t t0 = now_ns();
   while (rt_worker_executed(d->w) < d->issued_at[slot])
      sched_yield();
   BOOL done = FALSE;
   const D3DDDIARG_GETQUERYDATA get = {
      .hQuery = d->queries[slot], .pData = &done,
   };
   HRESULT hr;
   while ((hr = d->dev->funcs.pfnGetQueryData(d->dev->hDevice, &get)) ==
          S_FALSE)
      sched_yield();
   s->drain_ns += now_ns() - t0;
   d->issued_at[slot] = 0;
   return hr;
}

/* The paced path, after frame d->frame's Flush: its event query. */
static void
p4_end_frame(struct p4_dev *d)
{
   const unsigned slot = d->frame % P4_LATENCY;
   D3DDDIARG_ISSUEQUERY iq = { .hQuery = d->queries[slot] };
   iq.Flags.End = 1;
   rt_worker_issue_query(d->w, &iq);
   d->issued_at[slot] = ++d->queued;
   d->frame++;
}

static struct p4_result
p4_stream(struct bench *b, struct p4_dev *d, enum stream_kind kind,
          enum p4_path path, double seconds)
{
   struct p4_result s = { 0 };
   const uint64_t start = now_ns(), end = start + seconds * NS_PER_S;
   HRESULT hr;
   unsigned chunk = 0;

   do {
      if (path == P4_SYNC) {
         /* Lock returns information: the runtime drains its queue and
          * calls it (and Unlock, the queue being empty) on this thread. */
         const uint64_t t0 = now_ns();
         rt_worker_drain(d->w);
         const uint64_t t1 = now_ns();
         D3DDDIARG_LOCK lock = { .hResource = d->src };
         lock.Flags.Discard = 1;
         hr = d->dev->funcs.pfnLock(d->dev->hDevice, &lock);
         const uint64_t t2 = now_ns();
         if (FAILED(hr)) {
            s.rate = failed(b, "pfnLock", hr);
            break;
         }
         s.drain_ns += t1 - t0;
         s.lock_ns += t2 - t1;
         s.max_ns = MAX2(s.max_ns, t2 - t1);
         s.slow += t2 - t0 > WAIT_NS;
         if (kind == STREAM_VB)
            memset(lock.pSurfData, (uint8_t)s.locks, STREAM_VB_SIZE);
         else
            fill_rows(lock.pSurfData, lock.Pitch, STREAM_TEX_SIZE * 4,
                      STREAM_TEX_SIZE, (uint8_t)s.locks);
         const D3DDDIARG_UNLOCK unlock = { .hResource = d->src };
         hr = d->dev->funcs.pfnUnlock(d->dev->hDevice, &unlock);
         if (FAILED(hr)) {
            s.rate = failed(b, "pfnUnlock", hr);
            break;
         }
         p4_queue_copy(d, kind, 0, STREAM_VB_SIZE);
      } else if (path == P4_ASYNC || path == P4_PACED || chunk == 0) {
         if (path == P4_PACED && FAILED(hr = p4_pace(d, &s))) {
            s.rate = failed(b, "pfnGetQueryData", hr);
            break;
         }
         D3DDDIARG_LOCKASYNC l;
         hr = p4_lock_async(d, &s, true, 0, 0, &l);
         if (FAILED(hr) || !l.hCookie) {
            s.rate = failed(b, "pfnLockAsync(Discard)",
                            FAILED(hr) ? hr : E_FAIL);
            break;
         }
         const unsigned size = path == P4_RING ? RING_CHUNK : STREAM_VB_SIZE;
         if (kind == STREAM_VB)
            memset(l.pSurfData, (uint8_t)s.locks, size);
         else
            fill_rows(l.pSurfData, l.Pitch, STREAM_TEX_SIZE * 4,
                      STREAM_TEX_SIZE, (uint8_t)s.locks);
         hr = p4_unlock_async(d);
         if (FAILED(hr)) {
            s.rate = failed(b, "pfnUnlockAsync", hr);
            break;
         }
         p4_queue_rename(d, l.hCookie);
         p4_queue_copy(d, kind, 0, size);
         if (path == P4_PACED)
            p4_end_frame(d);
      } else {
         const unsigned offset = chunk * RING_CHUNK;
         D3DDDIARG_LOCKASYNC l;
         hr = p4_lock_async(d, &s, false, offset, RING_CHUNK, &l);
         if (FAILED(hr)) {
            s.rate = failed(b, "pfnLockAsync(NoOverwrite)", hr);
            break;
         }
         memset(l.pSurfData, (uint8_t)s.locks, RING_CHUNK);
         hr = p4_unlock_async(d);
         if (FAILED(hr)) {
            s.rate = failed(b, "pfnUnlockAsync", hr);
            break;
         }
         p4_queue_copy(d, kind, offset, RING_CHUNK);
      }
      s.locks++;
      chunk = (chunk + 1) % RING_CHUNKS;
   } while (now_ns() < end);

   /* The measurement's own end: all queued calls run, all copies done. */
   rt_worker_drain(d->w);
   unsigned fails;
   HRESULT first;
   if ((fails = rt_worker_failures(d->w, &first)) && valid(&s.rate))
      s.rate = failed(b, "queued call", first);
   struct rt_device *main_dev = b->dev;
   b->dev = d->dev;
   hr = ddi_drain(b, d->dst);
   b->dev = main_dev;
   if (FAILED(hr) && valid(&s.rate))
      s.rate = failed(b, "pfnLock(ReadOnly)", hr);
   if (!valid(&s.rate))
      return s;
   s.loop_ns = now_ns() - start;
   s.rate.value = (double)s.locks * NS_PER_S / s.loop_ns;
   return s;
}

static void
print_p4_row(const char *what, const struct p4_result *s,
             const struct stream_result *bare, const struct p4_dev *d)
{
   char a[48], c[48], waits[32], refusals[24], peak[24];
   if (!valid(&s->rate)) {
      printf("   %-38s %9s\n", what, s->rate.why);
      return;
   }
   snprintf(waits, sizeof(waits), "%" PRIu64 "/%" PRIu64,
            s->slow + s->refusals, s->locks);
   snprintf(refusals, sizeof(refusals), "%" PRIu64, s->refusals);
   if (d && d->have_peak)
      snprintf(peak, sizeof(peak), "%.1f", (double)d->peak_bytes / MIB);
   else
      snprintf(peak, sizeof(peak), "?");
   printf("   %-38s %9s %6s %12s %6s %8.1f %8.1f %8.1f %6s\n", what,
          fmt(a, sizeof(a), &s->rate, "%*.1f", 9),
          bare ? fmt_ratio(c, sizeof(c), &s->rate, &bare->rate, 6) : "-",
          waits, refusals, (double)s->lock_ns / s->locks / 1000.0,
          (double)s->max_ns / 1000.0, (double)s->drain_ns / 1e6, peak);
}

static void
p4_row(struct bench *b, enum stream_kind kind)
{
   const unsigned npaths = kind == STREAM_VB ? P4_PATHS : P4_RING;
   struct p4_dev devs[P4_PATHS] = { 0 };
   struct p4_result res[P4_PATHS] = { 0 };
   bool ok[P4_PATHS] = { false };
   struct stream_result bare = { 0 };
   struct pipe_resource *psrc = NULL, *pdst = NULL;
   /* Nine paths in all: 0.6 of a row each keeps the part near 6 s. */
   const double warm = b->row_s / 10;
   const double round = 0.6 * b->row_s / b->rounds;

   for (unsigned p = 0; p < npaths; p++)
      ok[p] = p4_dev_create(b, &devs[p], kind, &res[p]);

   if (b->pipe)
      bare_stream_resources(b, kind, &psrc, &pdst);
   const bool have_bare = psrc && pdst;
   if (!have_bare)
      bare.rate = not_measured(b->pipe ? "resource_create NULL" : "-");

   for (unsigned p = 0; p < npaths; p++)
      if (ok[p])
         p4_stream(b, &devs[p], kind, (enum p4_path)p, warm);
   if (have_bare)
      bare_stream(b, kind, psrc, pdst, false, warm);
   for (unsigned r = 0; r < b->rounds; r++) {
      for (unsigned p = 0; p < npaths; p++) {
         if (!ok[p])
            continue;
         struct p4_result one = p4_stream(b, &devs[p], kind, (enum p4_path)p,
                                          round);
         p4_add(&res[p], &one);
      }
      if (have_bare) {
         struct stream_result one = bare_stream(b, kind, psrc, pdst, false,
                                                round);
         stream_add(&bare, &one);
      }
   }
   for (unsigned p = 0; p < npaths; p++)
      p4_dev_destroy(b, &devs[p]);
   pipe_resource_reference(&psrc, NULL);
   pipe_resource_reference(&pdst, NULL);

   const struct stream_result *ref = have_bare ? &bare : NULL;
   if (kind == STREAM_VB)
      printf("   VB 4 MiB, memset, BufBlt to a 4 MiB VB, Flush\n");
   else
      printf("   tex 512x512 dynamic, fill, Blt Linear to 1024x1024 RT, "
             "Flush\n");
   print_p4_row("  a) LockAsync(Discard), queued Rename", &res[P4_ASYNC],
                ref, &devs[P4_ASYNC]);
   print_p4_row("  b) drain, Lock(Discard) (fallback)", &res[P4_SYNC], ref,
                &devs[P4_SYNC]);
   print_p4_row("  e) a), <= 3 frames ahead of the GPU", &res[P4_PACED],
                ref, &devs[P4_PACED]);
   if (kind == STREAM_VB)
      print_p4_row("  c) LockAsync(NoOverwrite) ring", &res[P4_RING],
                   NULL, &devs[P4_RING]);
   char a[48];
   if (!valid(&bare.rate))
      printf("   %-38s %9s\n", "  d) bare map(DISCARD_WHOLE_RES)",
             bare.rate.why);
   else
      printf("   %-38s %9s %6s %12" PRIu64 "/%" PRIu64 "\n",
             "  d) bare map(DISCARD_WHOLE_RES)",
             fmt(a, sizeof(a), &bare.rate, "%*.1f", 9), "1.00", bare.waits,
             bare.locks);
   fflush(stdout);
}

static void
part4(struct bench *b)
{
   printf("%-41s %9s %6s %12s %6s %8s %8s %8s %6s\n",
          "4. Discard streaming, worker thread", "locks/s", "/bare",
          "waits/locks", "refus", "Lock us", "max us", "drain ms", "peak");
   p4_row(b, STREAM_VB);
   p4_row(b, STREAM_TEX);
   printf("   Application thread: LockAsync/Lock, fill, UnlockAsync/Unlock;"
          " the worker\n"
          "   (rt_worker): Rename, the copy, Flush.  waits: Lock calls over"
          " 1 ms\n"
          "   (for b, drain + Lock) plus refusals (refus: LockAsync(Discard)"
          "\n"
          "   answered WASSTILLDRAWING, then Flush, drain, retry); Lock us:"
          " mean per\n"
          "   frame, retries included; max us: slowest call that succeeded"
          " (for b,\n"
          "   Lock alone); drain ms: time the application thread spent in\n"
          "   rt_worker_drain, all rounds; peak: MiB held by renaming lists"
          " (the\n"
          "   device's peak_retired_bytes).  c: locks of 256 KiB, no ratio."
          "  d: part\n"
          "   2's bare frame, rerun here.\n\n");
   fflush(stdout);
}

/* --- main --------------------------------------------------------------- */

static void
usage(const char *argv0)
{
   printf("usage: %s [--quick] [--driver-only]\n"
          "  --quick        short runs (smoke testing; numbers are noisy)\n"
          "  --driver-only  skip the bare-Gallium baselines\n"
          "Environment: GALLIUM_DRIVER (default llvmpipe), D3DUMD_DRIVER "
          "(driver path).\n", argv0);
}

int
main(int argc, char **argv)
{
   struct bench b = {
      .row_s = 1.0,
      .rounds = 3,
      .next_cookie = 0x52450000u, /* arbitrary, distinct runtime cookies */
   };

   for (int i = 1; i < argc; i++) {
      if (!strcmp(argv[i], "--quick")) {
         b.quick = true;
      } else if (!strcmp(argv[i], "--driver-only")) {
         b.driver_only = true;
      } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
         usage(argv[0]);
         return 0;
      } else {
         usage(argv[0]);
         return 1;
      }
   }
   if (b.quick) {
      b.row_s = 0.05;
      b.rounds = 1;
   }

   /* Part 4 reads the driver's renaming peak from the stats line it
    * prints at DestroyDevice: ask for it, and pass it on to stderr only
    * where the user asked too. */
   const char *debug = getenv("D3DUMD_DEBUG");
   b.user_stats = debug && strstr(debug, "stats");
   if (!b.user_stats) {
      char flags[256];
      snprintf(flags, sizeof(flags), "%s%sstats", debug ? debug : "",
               debug && debug[0] ? "," : "");
      setenv("D3DUMD_DEBUG", flags, 1);
   }

   b.drv = rt_driver_load(NULL);
   if (!b.drv)
      return 1;
   HRESULT hr = rt_adapter_open(b.drv, 0, &b.adapter);
   if (FAILED(hr)) {
      fprintf(stderr, "OpenAdapter failed: %s\n", hr_str(hr));
      return 1;
   }
   hr = rt_device_create(b.adapter, 0, &b.dev);
   if (FAILED(hr)) {
      fprintf(stderr, "CreateDevice failed: %s\n", hr_str(hr));
      return 1;
   }

   if (!b.driver_only) {
      b.screen = test_screen_create(&b.ldev);
      if (b.screen)
         b.pipe = b.screen->context_create(b.screen, NULL, 0);
      if (!b.pipe) {
         fprintf(stderr, "could not create the baseline's Gallium "
                 "screen/context\n");
         return 1;
      }
   }

   /* The machine's load, for reading the numbers: other processes on
    * the CPUs skew every row. */
   double load = -1;
   FILE *f = fopen("/proc/loadavg", "r");
   if (f) {
      if (fscanf(f, "%lf", &load) != 1)
         load = -1;
      fclose(f);
   }

   const char *gallium = getenv("GALLIUM_DRIVER");
   printf("d3dumd-bench: GALLIUM_DRIVER=%s, baseline screen: %s\n"
          "%ld CPUs, load average %.2f before the run\n",
          gallium ? gallium : "(default)",
          b.screen ? b.screen->get_name(b.screen) : "(none, --driver-only)",
          sysconf(_SC_NPROCESSORS_ONLN), load);
   printf("%.2f s per path and row in %u alternating rounds (parts 1 and "
          "3: best round,\nparts 2 and 4: rounds summed; part 4: 0.7 of "
          "that per path)%s\n\n", b.row_s, b.rounds,
          b.quick ? "; --quick: noisy" : "");
   fflush(stdout);

   part1(&b);
   part2(&b);
   part3(&b);
   part4(&b);
   bench_draws(&b);

   if (b.pipe)
      b.pipe->destroy(b.pipe);
   if (b.screen)
      test_screen_destroy(b.screen, b.ldev);

   uint64_t peak;
   bool have_peak;
   hr = destroy_device_stats(&b, b.dev, &peak, &have_peak);
   if (FAILED(hr)) {
      fprintf(stderr, "DestroyDevice failed: %s\n", hr_str(hr));
      b.status = 1;
   }
   if (rt_violations(b.adapter))
      b.status = 1;
   rt_adapter_close(b.adapter);
   rt_driver_unload(b.drv);
   return b.status;
}

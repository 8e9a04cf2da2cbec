/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-demo: a streaming-texture workload driven the way a D3D9 runtime
 * drives a user-mode driver, through the DDI tables only.  The test runtime
 * (tests/runtime/rt.h) loads the driver and plays the runtime's side of
 * OpenAdapter, CreateDevice and the callbacks; everything else here is a
 * DDI call an application's IDirect3DDevice9 calls would turn into:
 *
 *    CreateTexture(D3DUSAGE_DYNAMIC)   -> pfnCreateResource2 (Texture|Dynamic)
 *    CreateRenderTarget(Lockable)      -> pfnCreateResource2 (RenderTarget)
 *    LockRect(DISCARD) / UnlockRect    -> pfnLock (Discard) / pfnUnlock
 *    Clear / ColorFill                 -> pfnColorFill
 *    StretchRect(LINEAR / POINT)       -> pfnBlt
 *    Present                           -> pfnFlush
 *    LockRect(READONLY) on the target  -> pfnLock (ReadOnly [|DoNotWait])
 *
 * Every frame it rewrites the whole dynamic texture with an animated
 * plasma, composes the render target from it with a linear and a mirrored
 * point-filtered Blt, and every Nth frame reads the target back, checks it
 * against what those calls must produce (exactly for the fills and the
 * point copy, within a few steps for the linear stretch) and saves it as
 * a PNG.  At the end it prints lock throughput and what it saw of
 * synchronisation.
 *
 * With --threaded it drives the device as the runtime's multi-processor
 * mode does (tests/runtime/rt_worker.h): a worker thread executes the
 * queued ColorFill, Blt, Rename, Flush and IssueQuery calls in order,
 * while the application thread writes the texture through
 *
 *    LockRect(DISCARD) / UnlockRect    -> pfnLockAsync (Discard) /
 *                                         pfnUnlockAsync, then pfnRename
 *                                         of the cookie, queued
 *    GetData(event query)              -> pfnGetQueryData, polled
 *
 * and paces itself with event queries to at most DEMO_QUERIES frames in
 * flight.  Calls that return information (CreateResource, CreateQuery,
 * the readback Lock) drain the queue first and run on the application
 * thread, as the runtime's do.
 */

/* clock_gettime and mkdir are POSIX, not C11; Mesa's build defines
 * _GNU_SOURCE already, a plain -std=c11 compile does not. */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "png_write.h"
#include "rt.h"
#include "rt_worker.h"

#define DEMO_PI 3.14159265358979f

/* --threaded: event queries in the ring, so frames in flight at most. */
#define DEMO_QUERIES 3

struct demo_options {
   unsigned frames;
   unsigned every;
   unsigned width, height;    /* render target */
   const char *out;
   bool threaded;
};

struct demo_stats {
   /* Discard locks of the dynamic texture. */
   uint64_t tex_locks;
   uint64_t tex_bytes;
   /* Successful ReadOnly locks of the render target. */
   uint64_t rb_locks;
   uint64_t rb_bytes;
   /* Lock(ReadOnly|DoNotWait) probes, answered or not. */
   uint64_t probes;
   /* Lock calls that took longer than 1 ms, whatever they answered. */
   uint64_t slow_locks;
   /* DoNotWait readback probes answered D3DDDIERR_WASSTILLDRAWING. */
   uint64_t still_drawing;
   double lock_seconds;
   double max_lock_ms;
   unsigned checked_frames;
   unsigned mismatches;
   char first_mismatch[160];
   /* --threaded only. */
   uint64_t async_locks;      /* LockAsync(Discard) that returned storage */
   uint64_t async_waits;      /* ... answered D3DDDIERR_WASSTILLDRAWING */
   uint64_t fallbacks;        /* ... answered E_NOTIMPL: Lock after a drain */
   uint64_t renames_queued;
   uint64_t query_polls;      /* GetQueryData answered S_FALSE */
   uint64_t queue_polls;      /* the IssueQuery was still in the queue */
};

struct demo {
   struct demo_options opt;
   struct rt_driver *drv;
   struct rt_adapter *adapter;
   struct rt_device *dev;
   HANDLE tex, rt;            /* the driver's resource handles */
   bool tex_locked, rt_locked;
   unsigned tex_w, tex_h;
   uint32_t *pattern;         /* this frame's texels, for the readback check */
   uint8_t *rgb;              /* one frame converted for png_write */
   float sin_lut[1024];
   float *dist;               /* per-texel distance from the centre */
   char (*paths)[1100];       /* the PNGs written */
   unsigned num_paths;
   struct demo_stats stats;
   /* --threaded: the runtime's worker thread and what was queued on it. */
   struct rt_worker *w;
   unsigned long queued;      /* calls queued, in order */
   unsigned long renamed;     /* Renames that succeeded (worker; read after
                               * a drain) */
   bool tex_async_locked;
   HANDLE queries[DEMO_QUERIES];
   unsigned num_queries;
   /* Queue position + 1 of each query's last IssueQuery (0: none yet):
    * it has run once rt_worker_executed reaches it. */
   unsigned long issued_at[DEMO_QUERIES];
};

static double
now_seconds(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static const char *
hr_name(HRESULT hr)
{
   switch (hr) {
   case S_OK: return "S_OK";
   case E_NOTIMPL: return "E_NOTIMPL";
   case E_FAIL: return "E_FAIL";
   case E_INVALIDARG: return "E_INVALIDARG";
   case E_OUTOFMEMORY: return "E_OUTOFMEMORY";
   case D3DDDIERR_WASSTILLDRAWING: return "D3DDDIERR_WASSTILLDRAWING";
   case D3DDDIERR_NOTAVAILABLE: return "D3DDDIERR_NOTAVAILABLE";
   case D3DDDIERR_DEVICEREMOVED: return "D3DDDIERR_DEVICEREMOVED";
   default: return "?";
   }
}

static void
report_failure(const char *call, HRESULT hr, const char *args)
{
   /* Keep the report after whatever the run printed so far. */
   fflush(stdout);
   fprintf(stderr, "d3dumd-demo: %s failed: 0x%08x (%s)%s%s\n", call,
           (unsigned)hr, hr_name(hr), args ? "\n   arguments: " : "",
           args ? args : "");
}

/* Releases whatever exists, in the order a runtime would: unlock, destroy
 * the resources, the device, then the adapter.  Used on success and on
 * every failure path, so that the protocol check below also covers runs
 * that stop early.  Returns the number of runtime protocol violations, or
 * -1 if a release call itself failed. */
static int
demo_teardown(struct demo *d)
{
   int ret = 0;
   HRESULT hr;

   if (d->dev) {
      HANDLE hdev = d->dev->hDevice;
      /* --threaded: let the worker finish what was queued; what follows
       * runs here, as the runtime's calls that follow a drain do. */
      if (d->w)
         rt_worker_drain(d->w);
      /* Best effort: this only runs after another failure. */
      if (d->tex_async_locked) {
         D3DDDIARG_UNLOCKASYNC args = { .hResource = d->tex };
         d->dev->funcs.pfnUnlockAsync(hdev, &args);
      }
      if (d->tex_locked) {
         D3DDDIARG_UNLOCK args = { .hResource = d->tex };
         d->dev->funcs.pfnUnlock(hdev, &args);
      }
      if (d->rt_locked) {
         D3DDDIARG_UNLOCK args = { .hResource = d->rt };
         d->dev->funcs.pfnUnlock(hdev, &args);
      }
      for (unsigned i = 0; i < d->num_queries; i++) {
         hr = d->dev->funcs.pfnDestroyQuery(hdev, d->queries[i]);
         if (FAILED(hr)) {
            report_failure("DestroyQuery", hr, NULL);
            ret = -1;
         }
      }
      d->num_queries = 0;
      if (d->tex) {
         hr = d->dev->funcs.pfnDestroyResource(hdev, d->tex);
         if (FAILED(hr)) {
            report_failure("DestroyResource(texture)", hr, NULL);
            ret = -1;
         }
      }
      if (d->rt) {
         hr = d->dev->funcs.pfnDestroyResource(hdev, d->rt);
         if (FAILED(hr)) {
            report_failure("DestroyResource(render target)", hr, NULL);
            ret = -1;
         }
      }
      if (d->w)
         rt_worker_stop(d->w);
      d->w = NULL;
      hr = rt_device_destroy(d->dev);
      if (FAILED(hr)) {
         report_failure("DestroyDevice", hr, NULL);
         ret = -1;
      }
      d->dev = NULL;
   }

   if (d->adapter) {
      /* rt_device_destroy records what the driver left behind; read the
       * verdict before CloseAdapter frees the recorder. */
      struct rt_adapter *a = d->adapter;
      printf("runtime callbacks:    AllocateCb %u, DeallocateCb %u, "
             "LockCb %u, UnlockCb %u, RenderCb %u\n",
             rt_count(a, RT_CB_ALLOCATE), rt_count(a, RT_CB_DEALLOCATE),
             rt_count(a, RT_CB_LOCK), rt_count(a, RT_CB_UNLOCK),
             rt_count(a, RT_CB_RENDER));
      unsigned violations = rt_violations(a);
      printf("runtime protocol violations: %u\n", violations);
      if (violations && ret == 0)
         ret = (int)violations;
      hr = rt_adapter_close(d->adapter);
      if (FAILED(hr)) {
         report_failure("CloseAdapter", hr, NULL);
         ret = -1;
      }
      d->adapter = NULL;
   }
   if (d->drv)
      rt_driver_unload(d->drv);
   d->drv = NULL;

   free(d->pattern);
   free(d->rgb);
   free(d->dist);
   free(d->paths);
   d->pattern = NULL;
   d->rgb = NULL;
   d->dist = NULL;
   d->paths = NULL;
   return ret;
}

/* Any DDI failure ends the run: tear down what exists and exit non-zero. */
static void
demo_fail(struct demo *d, int code)
{
   demo_teardown(d);
   exit(code);
}

static HANDLE
create_surface(struct demo *d, const char *what, unsigned cookie,
               unsigned width, unsigned height, D3DDDI_RESOURCEFLAGS flags)
{
   const D3DDDI_SURFACEINFO surf = {
      .Width = width, .Height = height, .Depth = 1,
   };
   D3DDDIARG_CREATERESOURCE2 create = {
      .Format = D3DDDIFMT_A8R8G8B8,
      .Pool = D3DDDIPOOL_VIDEOMEMORY,
      .MultisampleType = D3DDDIMULTISAMPLE_NONE,
      .pSurfList = &surf,
      .SurfCount = 1,
      .MipLevels = 1,
      /* The runtime's own handle for the resource: any unique non-NULL
       * value; the driver hands it back in its allocation callbacks. */
      .hResource = (HANDLE)(uintptr_t)(0x1000 + cookie),
      .Flags = flags,
      .Rotation = D3DDDI_ROTATION_IDENTITY,
   };

   /* CreateResource returns information: the runtime drains its queue
    * and calls it on the application thread. */
   if (d->w)
      rt_worker_drain(d->w);

   /* A NULL (or never written) slot is how a driver says "not
    * supported"; treat it like the E_NOTIMPL the stubs return. */
   PFND3DDDI_CREATERESOURCE2 fn = d->dev->funcs.pfnCreateResource2;
   HRESULT hr = E_NOTIMPL;
   if (fn && (void *)fn != RT_POISON_PTR)
      hr = fn(d->dev->hDevice, &create);
   if (hr == E_NOTIMPL) {
      fflush(stdout);
      fprintf(stderr, "d3dumd-demo: driver does not implement "
              "CreateResource2 yet\n");
      demo_fail(d, 2);
   }
   if (FAILED(hr)) {
      char args[160];
      snprintf(args, sizeof(args), "%s: Format A8R8G8B8, Pool VIDEOMEMORY, "
               "%ux%ux1, MipLevels 1, Flags 0x%08x", what, width, height,
               (unsigned)flags.Value);
      report_failure("CreateResource2", hr, args);
      demo_fail(d, 1);
   }
   if (!create.hResource) {
      fprintf(stderr, "d3dumd-demo: CreateResource2(%s) succeeded but "
              "returned a NULL hResource\n", what);
      demo_fail(d, 1);
   }
   return create.hResource;
}

/* pfnLock, timed.  Returns the HRESULT so that the caller can treat
 * D3DDDIERR_WASSTILLDRAWING from a DoNotWait probe as an answer. */
static HRESULT
timed_lock(struct demo *d, D3DDDIARG_LOCK *lock)
{
   double t0 = now_seconds();
   HRESULT hr = d->dev->funcs.pfnLock(d->dev->hDevice, lock);
   double dt = now_seconds() - t0;

   d->stats.lock_seconds += dt;
   if (dt * 1e3 > d->stats.max_lock_ms)
      d->stats.max_lock_ms = dt * 1e3;
   if (dt > 1e-3)
      d->stats.slow_locks++;
   return hr;
}

/* A NULL (or never written) slot: the driver does not offer the call. */
static bool
offered(const void *fn)
{
   return fn && fn != RT_POISON_PTR;
}

/* pfnLockAsync, timed like timed_lock (the same totals). */
static HRESULT
timed_lock_async(struct demo *d, D3DDDIARG_LOCKASYNC *lock)
{
   if (!offered((const void *)d->dev->funcs.pfnLockAsync))
      return E_NOTIMPL;
   double t0 = now_seconds();
   HRESULT hr = d->dev->funcs.pfnLockAsync(d->dev->hDevice, lock);
   double dt = now_seconds() - t0;

   d->stats.lock_seconds += dt;
   if (dt * 1e3 > d->stats.max_lock_ms)
      d->stats.max_lock_ms = dt * 1e3;
   if (dt > 1e-3)
      d->stats.slow_locks++;
   return hr;
}

static void
unlock(struct demo *d, HANDLE res, const char *what)
{
   D3DDDIARG_UNLOCK args = { .hResource = res, .SubResourceIndex = 0 };
   HRESULT hr = d->dev->funcs.pfnUnlock(d->dev->hDevice, &args);
   if (FAILED(hr)) {
      char buf[96];
      snprintf(buf, sizeof(buf), "%s, SubResourceIndex 0", what);
      report_failure("Unlock", hr, buf);
      demo_fail(d, 1);
   }
}

static inline float
lut_sin(const struct demo *d, float x)
{
   /* 1024 steps per period: plenty for 8-bit colour, and it keeps the
    * pattern cheap enough that the locks, not the maths, dominate. */
   int i = (int)(x * (1024.0f / (2.0f * DEMO_PI)));
   return d->sin_lut[i & 1023];
}

/* The frame's texels into d->pattern (A8R8G8B8 as a D3DCOLOR): a plasma of
 * four travelling waves, with a scrolling checkerboard darkening every
 * other square so that scaling, filtering and mirroring are easy to see. */
static void
make_pattern(struct demo *d, unsigned frame)
{
   const float t = frame * 0.12f;
   const unsigned w = d->tex_w, h = d->tex_h;
   const float sx = 256.0f / w, sy = 256.0f / h;
   const unsigned scroll = frame * 2;

   for (unsigned y = 0; y < h; y++) {
      const float fy = y * sy;
      const float wy = lut_sin(d, fy * 0.045f + t * 0.7f + 64.0f);
      for (unsigned x = 0; x < w; x++) {
         const float fx = x * sx;
         float v = lut_sin(d, fx * 0.06f + t + 64.0f) + wy +
                   lut_sin(d, (fx + fy) * 0.035f + t * 1.3f + 64.0f) +
                   lut_sin(d, d->dist[y * w + x] * 0.09f - t * 1.1f + 64.0f);
         /* v is in [-4, 4]: map it to a phase, then three offset waves. */
         float p = v * (DEMO_PI / 4.0f) + 64.0f;
         unsigned r = (unsigned)(127.5f + 127.0f * lut_sin(d, p));
         unsigned g = (unsigned)(127.5f + 127.0f * lut_sin(d, p + 2.094f));
         unsigned b = (unsigned)(127.5f + 127.0f * lut_sin(d, p + 4.189f));
         if ((((x * 256 / w + scroll) / 32) ^ ((y * 256 / h) / 32)) & 1) {
            r = r * 3 / 4;
            g = g * 3 / 4;
            b = b * 3 / 4;
         }
         d->pattern[y * w + x] = 0xff000000u | r << 16 | g << 8 | b;
      }
   }
}

static D3DCOLOR
background_color(unsigned frame)
{
   /* A slow dark hue cycle: a stale or skipped ColorFill shows. */
   unsigned r = 24 + (frame * 3) % 40;
   unsigned g = 24 + (frame * 5) % 40;
   unsigned b = 64 + (frame * 2) % 48;
   return 0xff000000u | r << 16 | g << 8 | b;
}

#define BAR_COLOR 0xffe0c040u
#define TRACK_COLOR 0xff404040u

struct layout {
   RECT linear_dst;           /* the whole texture, stretched, Linear */
   RECT point_src, point_dst; /* a centre crop, 2x, Point, mirrored L/R */
   RECT track, bar;           /* progress bar at the bottom */
};

static struct layout
make_layout(const struct demo *d, unsigned frame)
{
   const LONG W = d->opt.width, H = d->opt.height;
   const LONG tw = d->tex_w, th = d->tex_h;
   struct layout l;

   l.linear_dst = (RECT) { W / 16, H / 16, W / 16 + W * 5 / 8,
                           H / 16 + H * 5 / 8 };

   /* An exact 2x magnification: every destination pixel centre lands a
    * quarter texel from a texel centre, so point sampling picks a texel
    * no rounding can change, and the readback can be checked exactly. */
   LONG cw = tw / 4 > 0 ? tw / 4 : 1, ch = th / 4 > 0 ? th / 4 : 1;
   l.point_src = (RECT) { (tw - cw) / 2, (th - ch) / 2,
                          (tw - cw) / 2 + cw, (th - ch) / 2 + ch };
   LONG px = W - W / 32 - 2 * cw;
   l.point_dst = (RECT) { px, H / 16, px + 2 * cw, H / 16 + 2 * ch };

   LONG bar_h = H / 32 > 0 ? H / 32 : 1;
   LONG bar_w = W * 7 / 8;
   /* LONG is 32 bits (LLP64): width x frame count needs 64. */
   LONG done = (LONG)((int64_t)bar_w * (frame + 1) / d->opt.frames);
   l.track = (RECT) { W / 16, H * 7 / 8, W / 16 + bar_w, H * 7 / 8 + bar_h };
   l.bar = l.track;
   l.bar.right = l.bar.left + (done > 0 ? done : 1);
   return l;
}

static void
color_fill(struct demo *d, const RECT *r, D3DCOLOR color)
{
   D3DDDIARG_COLORFILL fill = {
      .hResource = d->rt,
      .SubResourceIndex = 0,
      .DstRect = *r,
      .Color = color,
   };
   if (d->w) {
      /* Failures surface in rt_worker_failures (check_worker). */
      rt_worker_colorfill(d->w, &fill);
      d->queued++;
      return;
   }
   HRESULT hr = d->dev->funcs.pfnColorFill(d->dev->hDevice, &fill);
   if (FAILED(hr)) {
      char args[128];
      snprintf(args, sizeof(args), "render target, DstRect "
               "(%ld,%ld)-(%ld,%ld), Color 0x%08x", (long)r->left,
               (long)r->top, (long)r->right, (long)r->bottom,
               (unsigned)color);
      report_failure("ColorFill", hr, args);
      demo_fail(d, 1);
   }
}

static void
blt(struct demo *d, const RECT *src, const RECT *dst, D3DDDI_BLTFLAGS flags)
{
   D3DDDIARG_BLT args = {
      .hSrcResource = d->tex,
      .SrcSubResourceIndex = 0,
      .SrcRect = *src,
      .hDstResource = d->rt,
      .DstSubResourceIndex = 0,
      .DstRect = *dst,
      .Flags = flags,
   };
   if (d->w) {
      rt_worker_blt(d->w, &args);
      d->queued++;
      return;
   }
   HRESULT hr = d->dev->funcs.pfnBlt(d->dev->hDevice, &args);
   if (FAILED(hr)) {
      char buf[160];
      snprintf(buf, sizeof(buf), "texture (%ld,%ld)-(%ld,%ld) -> render target "
               "(%ld,%ld)-(%ld,%ld), Flags 0x%08x", (long)src->left,
               (long)src->top, (long)src->right, (long)src->bottom,
               (long)dst->left, (long)dst->top, (long)dst->right,
               (long)dst->bottom, (unsigned)flags.Value);
      report_failure("Blt", hr, buf);
      demo_fail(d, 1);
   }
}

/* Lock(Discard) the dynamic texture and write this frame (d->pattern)
 * into it, row by row at the driver's Pitch: the pitch is the driver's
 * choice and need not be width * 4. */
static void
upload_locked(struct demo *d)
{
   D3DDDIARG_LOCK lock = { .hResource = d->tex, .SubResourceIndex = 0 };
   lock.Flags.Discard = 1;
   HRESULT hr = timed_lock(d, &lock);
   if (FAILED(hr)) {
      report_failure("Lock", hr, "dynamic texture, SubResourceIndex 0, "
                     "Flags Discard");
      demo_fail(d, 1);
   }
   d->tex_locked = true;
   if (!lock.pSurfData || lock.Pitch < d->tex_w * 4) {
      fprintf(stderr, "d3dumd-demo: Lock(Discard) of the %ux%u texture "
              "returned pSurfData %p, Pitch %u\n", d->tex_w, d->tex_h,
              lock.pSurfData, (unsigned)lock.Pitch);
      demo_fail(d, 1);
   }

   for (unsigned y = 0; y < d->tex_h; y++)
      memcpy((uint8_t *)lock.pSurfData + (size_t)y * lock.Pitch,
             d->pattern + (size_t)y * d->tex_w, d->tex_w * 4);
   d->stats.tex_locks++;
   d->stats.tex_bytes += (uint64_t)lock.Pitch * d->tex_h;

   d->tex_locked = false;
   unlock(d, d->tex, "dynamic texture");
}

static void
upload_texture(struct demo *d, unsigned frame)
{
   make_pattern(d, frame);
   upload_locked(d);
}

/* --threaded: the queued calls that failed so far end the run.  The
 * worker only keeps the first failure's HRESULT, not which call it was. */
static void
check_worker(struct demo *d)
{
   HRESULT first = S_OK;
   unsigned n = rt_worker_failures(d->w, &first);
   if (n) {
      char buf[128];
      snprintf(buf, sizeof(buf), "%u queued call(s) failed on the worker "
               "(ColorFill, Blt, Rename, Flush or IssueQuery); the first "
               "one's HRESULT is shown", n);
      report_failure("a queued DDI call", first, buf);
      demo_fail(d, 1);
   }
}

static void
queue_flush(struct demo *d)
{
   rt_worker_flush(d->w);
   d->queued++;
}

struct demo_rename {
   D3DDDIARG_RENAME args;
   unsigned long *renamed;
};

/* On the worker: Rename, counting the ones that succeed. */
static HRESULT
do_rename(struct rt_device *dev, void *arg)
{
   struct demo_rename *r = arg;
   HRESULT hr = dev->funcs.pfnRename(dev->hDevice, &r->args);
   if (SUCCEEDED(hr))
      (*r->renamed)++;
   return hr;
}

/* --threaded: what the runtime does for LockRect(DISCARD) in its
 * multi-processor mode.  LockAsync(Discard) and UnlockAsync run here, on
 * the application thread, while the worker may be inside any other call;
 * the Rename of the cookie is queued behind the calls that still read the
 * old contents.  At the renaming bound (D3DDDIERR_WASSTILLDRAWING: the
 * worker is behind) it queues a Flush, drains and retries; E_NOTIMPL sends
 * it to a plain Lock(Discard) after a drain. */
static void
upload_texture_async(struct demo *d, unsigned frame)
{
   make_pattern(d, frame);

   D3DDDIARG_LOCKASYNC lock;
   HRESULT hr;
   /* Bounded by wall time (a minute), never by a count of tries: a busy
    * machine may need any number. */
   const double give_up = now_seconds() + 60;
   for (unsigned tries = 0;; tries++) {
      lock = (D3DDDIARG_LOCKASYNC) { .hResource = d->tex };
      lock.Flags.Discard = 1;
      hr = timed_lock_async(d, &lock);
      if (hr != D3DDDIERR_WASSTILLDRAWING)
         break;
      d->stats.async_waits++;
      if (now_seconds() > give_up) {
         report_failure("LockAsync", hr, "dynamic texture, SubResourceIndex "
                        "0, Flags Discard: still refused after 60 s of "
                        "Flush + drain rounds");
         demo_fail(d, 1);
      }
      queue_flush(d);
      rt_worker_drain(d->w);
      /* Drained, but the GPU may still hold every backing. */
      if (tries)
         sched_yield();
   }
   if (hr == E_NOTIMPL) {
      d->stats.fallbacks++;
      rt_worker_drain(d->w);
      upload_locked(d);
      return;
   }
   if (FAILED(hr)) {
      report_failure("LockAsync", hr, "dynamic texture, SubResourceIndex 0, "
                     "Flags Discard");
      demo_fail(d, 1);
   }
   d->tex_async_locked = true;
   if (!lock.pSurfData || lock.Pitch < d->tex_w * 4 || !lock.hCookie) {
      fprintf(stderr, "d3dumd-demo: LockAsync(Discard) of the %ux%u texture "
              "returned pSurfData %p, Pitch %u, hCookie %p\n", d->tex_w,
              d->tex_h, lock.pSurfData, (unsigned)lock.Pitch, lock.hCookie);
      demo_fail(d, 1);
   }

   for (unsigned y = 0; y < d->tex_h; y++)
      memcpy((uint8_t *)lock.pSurfData + (size_t)y * lock.Pitch,
             d->pattern + (size_t)y * d->tex_w, d->tex_w * 4);
   d->stats.tex_locks++;
   d->stats.async_locks++;
   d->stats.tex_bytes += (uint64_t)lock.Pitch * d->tex_h;

   d->tex_async_locked = false;
   D3DDDIARG_UNLOCKASYNC u = { .hResource = d->tex, .SubResourceIndex = 0 };
   hr = d->dev->funcs.pfnUnlockAsync(d->dev->hDevice, &u);
   if (FAILED(hr)) {
      report_failure("UnlockAsync", hr, "dynamic texture, SubResourceIndex 0");
      demo_fail(d, 1);
   }

   struct demo_rename r = {
      .args = { .hResource = d->tex, .SubResourceIndex = 0,
                .hCookie = lock.hCookie },
      .renamed = &d->renamed,
   };
   rt_worker_call(d->w, do_rename, &r, sizeof(r));
   d->queued++;
   d->stats.renames_queued++;
}

/* --threaded: before frame N, wait for frame N - DEMO_QUERIES's event
 * query, so that at most DEMO_QUERIES frames are in flight.  GetQueryData
 * runs here while the worker executes; it never blocks (S_FALSE until the
 * event), so poll. */
static void
pace(struct demo *d, unsigned frame)
{
   const unsigned slot = frame % DEMO_QUERIES;
   if (!d->num_queries || !d->issued_at[slot])
      return;
   /* The runtime knows its queue: until the worker has run the IssueQuery
    * it answers S_FALSE itself, without asking the driver. */
   while (rt_worker_executed(d->w) < d->issued_at[slot]) {
      d->stats.queue_polls++;
      sched_yield();
   }
   BOOL done = FALSE;
   const D3DDDIARG_GETQUERYDATA get = {
      .hQuery = d->queries[slot], .pData = &done,
   };
   for (;;) {
      HRESULT hr = d->dev->funcs.pfnGetQueryData(d->dev->hDevice, &get);
      if (hr == S_OK)
         break;
      if (hr != S_FALSE) {
         report_failure("GetQueryData", hr, "event query");
         demo_fail(d, 1);
      }
      d->stats.query_polls++;
      sched_yield();
   }
   if (done != TRUE) {
      fprintf(stderr, "d3dumd-demo: GetQueryData(event) returned S_OK with "
              "%d, not TRUE\n", (int)done);
      demo_fail(d, 1);
   }
}

/* --threaded: the event queries, if the driver has them (CreateQuery
 * returns information: drain first). */
static void
create_queries(struct demo *d)
{
   if (!offered((const void *)d->dev->funcs.pfnCreateQuery) ||
       !offered((const void *)d->dev->funcs.pfnIssueQuery) ||
       !offered((const void *)d->dev->funcs.pfnGetQueryData) ||
       !offered((const void *)d->dev->funcs.pfnDestroyQuery))
      return;
   rt_worker_drain(d->w);
   for (unsigned i = 0; i < DEMO_QUERIES; i++) {
      D3DDDIARG_CREATEQUERY create = {
         .QueryType = D3DDDIQUERYTYPE_EVENT,
         .hQuery = (HANDLE)(uintptr_t)(0x2000 + i),   /* the runtime's */
      };
      HRESULT hr = d->dev->funcs.pfnCreateQuery(d->dev->hDevice, &create);
      if (hr == E_NOTIMPL && i == 0)
         return;
      if (FAILED(hr)) {
         report_failure("CreateQuery", hr, "D3DDDIQUERYTYPE_EVENT");
         demo_fail(d, 1);
      }
      d->queries[d->num_queries++] = create.hQuery;
   }
}

static void
note_mismatch(struct demo *d, unsigned frame, unsigned x, unsigned y,
              uint32_t got, uint32_t want, const char *where)
{
   if (!d->stats.mismatches++)
      snprintf(d->stats.first_mismatch, sizeof(d->stats.first_mismatch),
               "frame %u, pixel (%u,%u) in the %s: got 0x%08x, expected "
               "0x%08x", frame, x, y, where, got, want);
}

static inline uint32_t
read_pixel(const uint8_t *base, unsigned pitch, unsigned x, unsigned y)
{
   uint32_t v;
   memcpy(&v, base + (size_t)y * pitch + (size_t)x * 4, sizeof(v));
   return v;
}

/* What a bilinear sample of this frame's texture at (u, v), in texels,
 * gives with clamp-to-edge addressing: the D3D9 StretchRect(LINEAR)
 * reference the linear Blt is checked against. */
static uint32_t
bilinear_texel(const struct demo *d, float u, float v)
{
   const float fu = u - 0.5f, fv = v - 0.5f;
   const int x0 = (int)floorf(fu), y0 = (int)floorf(fv);
   const float ax = fu - x0, ay = fv - y0;
   float acc[4] = { 0 };

   for (unsigned k = 0; k < 4; k++) {
      int x = x0 + (int)(k & 1), y = y0 + (int)(k >> 1);
      x = x < 0 ? 0 : x >= (int)d->tex_w ? (int)d->tex_w - 1 : x;
      y = y < 0 ? 0 : y >= (int)d->tex_h ? (int)d->tex_h - 1 : y;
      const float w = ((k & 1) ? ax : 1.0f - ax) * ((k >> 1) ? ay : 1.0f - ay);
      const uint32_t texel = d->pattern[y * d->tex_w + x];
      for (unsigned c = 0; c < 4; c++)
         acc[c] += w * ((texel >> (8 * c)) & 0xff);
   }
   uint32_t out = 0;
   for (unsigned c = 0; c < 4; c++)
      out |= (uint32_t)(acc[c] + 0.5f) << (8 * c);
   return out;
}

/* Filtering hardware interpolates with a few bits of sub-texel precision
 * (llvmpipe lands within 1 of the float reference); a wrong filter, a
 * transposed or off-by-one rectangle or a stale texture misses by far
 * more. */
#define LINEAR_TOLERANCE 3

static bool
close_enough(uint32_t a, uint32_t b)
{
   for (unsigned c = 0; c < 4; c++) {
      int ca = (a >> (8 * c)) & 0xff, cb = (b >> (8 * c)) & 0xff;
      if (abs(ca - cb) > LINEAR_TOLERANCE)
         return false;
   }
   return true;
}

/* Every pixel the frame's DDI calls determine: the ColorFill background
 * (corners), the progress bar, the point-filtered mirrored copy exactly
 * and the linear stretch within LINEAR_TOLERANCE. */
static void
check_readback(struct demo *d, unsigned frame, const uint8_t *base,
               unsigned pitch, const struct layout *l)
{
   const unsigned W = d->opt.width, H = d->opt.height;
#define PIXEL(x, y) read_pixel(base, pitch, x, y)

   const D3DCOLOR bg = background_color(frame);
   const unsigned corners[4][2] = {
      { 0, 0 }, { W - 1, 0 }, { 0, H - 1 }, { W - 1, H - 1 },
   };
   for (unsigned i = 0; i < 4; i++) {
      uint32_t got = PIXEL(corners[i][0], corners[i][1]);
      if (got != bg)
         note_mismatch(d, frame, corners[i][0], corners[i][1], got, bg,
                       "background ColorFill");
   }
   uint32_t got = PIXEL(l->bar.left, l->bar.top);
   if (got != BAR_COLOR)
      note_mismatch(d, frame, l->bar.left, l->bar.top, got, BAR_COLOR,
                    "progress-bar ColorFill");

   /* MirrorLeftRight: destination column i reads source column
    * right - 1 - i / 2 (2x magnification, see make_layout). */
   for (LONG y = l->point_dst.top; y < l->point_dst.bottom; y++) {
      LONG sy = l->point_src.top + (y - l->point_dst.top) / 2;
      for (LONG x = l->point_dst.left; x < l->point_dst.right; x++) {
         LONG sx = l->point_src.right - 1 - (x - l->point_dst.left) / 2;
         uint32_t want = d->pattern[sy * d->tex_w + sx];
         got = PIXEL(x, y);
         if (got != want)
            note_mismatch(d, frame, x, y, got, want,
                          "mirrored point-filtered Blt");
      }
   }

   /* The linear stretch of the whole texture: destination pixel centres
    * map to texture coordinates by the rectangles' ratio. */
   const RECT *ld = &l->linear_dst;
   const float su = (float)d->tex_w / (ld->right - ld->left);
   const float sv = (float)d->tex_h / (ld->bottom - ld->top);
   for (LONG y = ld->top; y < ld->bottom; y++) {
      for (LONG x = ld->left; x < ld->right; x++) {
         uint32_t want = bilinear_texel(d, (x - ld->left + 0.5f) * su,
                                        (y - ld->top + 0.5f) * sv);
         got = PIXEL(x, y);
         if (!close_enough(got, want))
            note_mismatch(d, frame, x, y, got, want,
                          "linear stretch Blt (tolerance 3 per channel)");
      }
   }
#undef PIXEL
   d->stats.checked_frames++;
}

/* Lock(ReadOnly) the render target as an application's LockRect(READONLY)
 * would.  The first attempt adds DoNotWait: its D3DDDIERR_WASSTILLDRAWING
 * answer is the driver telling us the GPU still had our frame, which is
 * what the "waits" line counts; then the plain lock waits for it. */
static void
read_back(struct demo *d, unsigned frame, const struct layout *l,
          char *path, size_t path_size)
{
   D3DDDIARG_LOCK lock = { .hResource = d->rt, .SubResourceIndex = 0 };
   lock.Flags.ReadOnly = 1;
   lock.Flags.DoNotWait = 1;
   HRESULT hr = timed_lock(d, &lock);
   d->stats.probes++;
   if (hr == D3DDDIERR_WASSTILLDRAWING) {
      d->stats.still_drawing++;
      lock = (D3DDDIARG_LOCK) { .hResource = d->rt, .SubResourceIndex = 0 };
      lock.Flags.ReadOnly = 1;
      hr = timed_lock(d, &lock);
   }
   if (FAILED(hr)) {
      report_failure("Lock", hr,
                     lock.Flags.DoNotWait ?
                     "render target, SubResourceIndex 0, "
                     "Flags ReadOnly|DoNotWait" :
                     "render target, SubResourceIndex 0, Flags ReadOnly");
      demo_fail(d, 1);
   }
   d->rt_locked = true;
   d->stats.rb_locks++;
   const unsigned W = d->opt.width, H = d->opt.height;
   if (!lock.pSurfData || lock.Pitch < W * 4) {
      fprintf(stderr, "d3dumd-demo: Lock(ReadOnly) of the %ux%u render target "
              "returned pSurfData %p, Pitch %u\n", W, H, lock.pSurfData,
              (unsigned)lock.Pitch);
      demo_fail(d, 1);
   }
   d->stats.rb_bytes += (uint64_t)lock.Pitch * H;

   const uint8_t *base = lock.pSurfData;
   check_readback(d, frame, base, lock.Pitch, l);

   /* A8R8G8B8 is a little-endian D3DCOLOR: bytes B, G, R, A. */
   for (unsigned y = 0; y < H; y++) {
      const uint8_t *src = base + (size_t)y * lock.Pitch;
      uint8_t *dst = d->rgb + (size_t)y * W * 3;
      for (unsigned x = 0; x < W; x++) {
         dst[3 * x + 0] = src[4 * x + 2];
         dst[3 * x + 1] = src[4 * x + 1];
         dst[3 * x + 2] = src[4 * x + 0];
      }
   }
   d->rt_locked = false;
   unlock(d, d->rt, "render target");

   snprintf(path, path_size, "%s/frame_%03u.png", d->opt.out, frame);
   if (png_write(path, W, H, d->rgb, (size_t)W * 3, false) != 0) {
      fprintf(stderr, "d3dumd-demo: cannot write %s: %s\n", path,
              strerror(errno));
      demo_fail(d, 1);
   }
}

static void
render_frame(struct demo *d, unsigned frame)
{
   if (d->w) {
      pace(d, frame);
      upload_texture_async(d, frame);
   } else {
      upload_texture(d, frame);
   }

   const struct layout l = make_layout(d, frame);
   const RECT full = { 0, 0, d->opt.width, d->opt.height };
   const RECT whole_tex = { 0, 0, d->tex_w, d->tex_h };

   color_fill(d, &full, background_color(frame));
   color_fill(d, &l.track, TRACK_COLOR);
   color_fill(d, &l.bar, BAR_COLOR);

   D3DDDI_BLTFLAGS linear = { .Value = 0 };
   linear.Linear = 1;
   blt(d, &whole_tex, &l.linear_dst, linear);

   D3DDDI_BLTFLAGS point = { .Value = 0 };
   point.Point = 1;
   point.MirrorLeftRight = 1;
   blt(d, &l.point_src, &l.point_dst, point);

   /* The end of a frame: a runtime flushes the device at Present. */
   if (d->w) {
      queue_flush(d);
      if (d->num_queries) {
         const unsigned slot = frame % DEMO_QUERIES;
         D3DDDIARG_ISSUEQUERY issue = { .hQuery = d->queries[slot] };
         issue.Flags.End = 1;
         rt_worker_issue_query(d->w, &issue);
         d->issued_at[slot] = ++d->queued;
      }
      return;
   }
   HRESULT hr = d->dev->funcs.pfnFlush(d->dev->hDevice);
   if (FAILED(hr)) {
      report_failure("Flush", hr, NULL);
      demo_fail(d, 1);
   }
}

static long
peak_rss_kib(void)
{
   FILE *f = fopen("/proc/self/status", "r");
   if (!f)
      return -1;
   char line[256];
   long kib = -1;
   while (fgets(line, sizeof(line), f)) {
      if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
         break;
   }
   fclose(f);
   return kib;
}

static int
mkdir_p(const char *dir)
{
   char buf[1024];
   if (snprintf(buf, sizeof(buf), "%s", dir) >= (int)sizeof(buf)) {
      errno = ENAMETOOLONG;
      return -1;
   }
   for (char *p = buf + 1; *p; p++) {
      if (*p != '/')
         continue;
      *p = '\0';
      if (mkdir(buf, 0777) != 0 && errno != EEXIST)
         return -1;
      *p = '/';
   }
   if (mkdir(buf, 0777) != 0 && errno != EEXIST)
      return -1;
   return 0;
}

static void
usage(FILE *f)
{
   fprintf(f,
      "usage: d3dumd-demo [--frames N] [--every N] [--size WxH] [--out DIR]\n"
      "                   [--threaded]\n"
      "\n"
      "Streams an animated texture through Lock(Discard) every frame, Blts it\n"
      "into a render target and saves every Nth frame as DIR/frame_NNN.png.\n"
      "\n"
      "  --frames N   frames to render (default 60)\n"
      "  --every N    save every Nth frame, 0 for none (default 10)\n"
      "  --size WxH   render target size (default 512x512); the dynamic\n"
      "               texture is half of it in each dimension\n"
      "  --out DIR    output directory, created if missing (default out/demo)\n"
      "  --threaded   run as the D3D9 runtime's multi-processor mode does: a\n"
      "               worker thread executes the queued calls, the texture\n"
      "               is written with LockAsync(Discard)/UnlockAsync and\n"
      "               Rename, event queries keep 3 frames in flight\n"
      "\n"
      "The driver is $D3DUMD_DRIVER, else the d3dumd.so built with the demo;\n"
      "GALLIUM_DRIVER picks the Gallium driver (llvmpipe by default).\n");
}

static bool
parse_uint(const char *s, unsigned *out)
{
   char *end;
   errno = 0;
   unsigned long v = strtoul(s, &end, 10);
   if (errno || end == s || *end || v > 1000000 || s[0] == '-')
      return false;
   *out = (unsigned)v;
   return true;
}

static bool
parse_options(int argc, char **argv, struct demo_options *opt)
{
   for (int i = 1; i < argc; i++) {
      const char *arg = argv[i];
      const char *val = NULL;
      const char *names[] = { "--frames", "--every", "--size", "--out" };
      unsigned which = ~0u;

      if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
         usage(stdout);
         exit(0);
      }
      if (!strcmp(arg, "--threaded")) {
         opt->threaded = true;
         continue;
      }
      for (unsigned n = 0; n < 4; n++) {
         size_t len = strlen(names[n]);
         if (!strncmp(arg, names[n], len) && (!arg[len] || arg[len] == '=')) {
            which = n;
            val = arg[len] ? arg + len + 1 : (i + 1 < argc ? argv[++i] : NULL);
         }
      }
      if (which == ~0u) {
         fprintf(stderr, "d3dumd-demo: unknown argument '%s'\n", arg);
         return false;
      }
      if (!val) {
         fprintf(stderr, "d3dumd-demo: %s needs a value\n", names[which]);
         return false;
      }
      bool ok = true;
      switch (which) {
      case 0:
         ok = parse_uint(val, &opt->frames) && opt->frames > 0;
         break;
      case 1:
         ok = parse_uint(val, &opt->every);
         break;
      case 2: {
         char w[16], h[16], extra;
         ok = sscanf(val, "%15[0-9]x%15[0-9]%c", w, h, &extra) == 2 &&
              parse_uint(w, &opt->width) && parse_uint(h, &opt->height) &&
              opt->width >= 16 && opt->height >= 16 &&
              opt->width <= 8192 && opt->height <= 8192;
         break;
      }
      case 3:
         ok = val[0] != '\0';
         opt->out = val;
         break;
      }
      if (!ok) {
         fprintf(stderr, "d3dumd-demo: bad value '%s' for %s%s\n", val,
                 names[which], which == 2 ? " (WxH, 16..8192 each)" : "");
         return false;
      }
   }
   return true;
}

int
main(int argc, char **argv)
{
   static struct demo demo;
   struct demo *d = &demo;

   d->opt = (struct demo_options) {
      .frames = 60, .every = 10, .width = 512, .height = 512,
      .out = "out/demo",
   };
   if (!parse_options(argc, argv, &d->opt)) {
      usage(stderr);
      return 1;
   }
   if (d->opt.every && mkdir_p(d->opt.out) != 0) {
      fprintf(stderr, "d3dumd-demo: cannot create %s: %s\n", d->opt.out,
              strerror(errno));
      return 1;
   }

   d->tex_w = d->opt.width / 2;
   d->tex_h = d->opt.height / 2;
   d->pattern = malloc((size_t)d->tex_w * d->tex_h * 4);
   d->rgb = malloc((size_t)d->opt.width * d->opt.height * 3);
   d->dist = malloc((size_t)d->tex_w * d->tex_h * sizeof(float));
   if (!d->pattern || !d->rgb || !d->dist) {
      fprintf(stderr, "d3dumd-demo: out of memory\n");
      demo_fail(d, 1);
   }
   for (unsigned i = 0; i < 1024; i++)
      d->sin_lut[i] = sinf(i * (2.0f * DEMO_PI / 1024.0f));
   for (unsigned y = 0; y < d->tex_h; y++) {
      for (unsigned x = 0; x < d->tex_w; x++) {
         float dx = (x + 0.5f) * 256.0f / d->tex_w - 128.0f;
         float dy = (y + 0.5f) * 256.0f / d->tex_h - 128.0f;
         d->dist[y * d->tex_w + x] = sqrtf(dx * dx + dy * dy);
      }
   }

   d->drv = rt_driver_load(NULL);
   if (!d->drv)
      return 1;
   HRESULT hr = rt_adapter_open(d->drv, 0, &d->adapter);
   if (FAILED(hr)) {
      report_failure("OpenAdapter", hr, NULL);
      demo_fail(d, 1);
   }
   hr = rt_device_create(d->adapter, 0, &d->dev);
   if (FAILED(hr)) {
      report_failure("CreateDevice", hr, NULL);
      demo_fail(d, 1);
   }
   if (d->opt.threaded) {
      d->w = rt_worker_start(d->dev);
      if (!d->w) {
         fprintf(stderr, "d3dumd-demo: cannot start the worker thread\n");
         demo_fail(d, 1);
      }
   }

   const char *gallium = getenv("GALLIUM_DRIVER");
   printf("d3dumd-demo: driver %s, GALLIUM_DRIVER=%s\n", d->drv->path,
          gallium ? gallium : "(default)");
   printf("d3dumd-demo: %u frames, %ux%u dynamic texture -> %ux%u render "
          "target, PNG every %u frame(s) into %s\n", d->opt.frames, d->tex_w,
          d->tex_h, d->opt.width, d->opt.height, d->opt.every, d->opt.out);
   if (d->w)
      printf("d3dumd-demo: threaded: a worker thread runs the queued calls; "
             "LockAsync/UnlockAsync here, Rename queued\n");

   D3DDDI_RESOURCEFLAGS tex_flags = { .Value = 0 };
   tex_flags.Texture = 1;
   tex_flags.Dynamic = 1;
   d->tex = create_surface(d, "dynamic texture", 1, d->tex_w, d->tex_h,
                           tex_flags);
   /* A lockable render target (no NotLockable): the readback locks it
    * directly, as LockRect on a D3DPOOL_DEFAULT lockable target does. */
   D3DDDI_RESOURCEFLAGS rt_flags = { .Value = 0 };
   rt_flags.RenderTarget = 1;
   d->rt = create_surface(d, "render target", 2, d->opt.width, d->opt.height,
                          rt_flags);

   if (d->w)
      create_queries(d);

   if (d->opt.every) {
      d->paths = calloc(d->opt.frames / d->opt.every + 1, sizeof(*d->paths));
      if (!d->paths) {
         fprintf(stderr, "d3dumd-demo: out of memory\n");
         demo_fail(d, 1);
      }
   }

   const double t0 = now_seconds();
   for (unsigned frame = 0; frame < d->opt.frames; frame++) {
      render_frame(d, frame);
      if (d->opt.every && frame % d->opt.every == 0) {
         const struct layout l = make_layout(d, frame);
         /* Lock returns information: the runtime drains its queue and
          * calls it here. */
         if (d->w) {
            rt_worker_drain(d->w);
            check_worker(d);
         }
         read_back(d, frame, &l, d->paths[d->num_paths],
                   sizeof(d->paths[0]));
         d->num_paths++;
      }
   }
   if (d->w)
      rt_worker_drain(d->w);
   const double wall = now_seconds() - t0;

   const struct demo_stats *s = &d->stats;
   const uint64_t locks = s->tex_locks + s->rb_locks;
   const uint64_t bytes = s->tex_bytes + s->rb_bytes;
   const long hwm = peak_rss_kib();
   printf("\nframes:               %u in %.3f s (%.1f frames/s)\n",
          d->opt.frames, wall, d->opt.frames / wall);
   printf("locks:                %" PRIu64 " (%" PRIu64 " Discard on the "
          "texture, %" PRIu64 " ReadOnly on the render target; DoNotWait "
          "probes not counted)\n", locks, s->tex_locks, s->rb_locks);
   printf("bytes locked:         %" PRIu64 " (%.1f MiB; Pitch x Height per "
          "lock)\n", bytes, bytes / 1048576.0);
   printf("locks/s:              %.1f\n", locks / wall);
   printf("bytes locked/s:       %.1f MiB/s\n", bytes / 1048576.0 / wall);
   printf("time in Lock:         %.3f ms total, %.3f ms longest\n",
          s->lock_seconds * 1e3, s->max_lock_ms);
   printf("waits:                %" PRIu64 " of %" PRIu64 " Lock(ReadOnly|"
          "DoNotWait) probes answered WASSTILLDRAWING; %" PRIu64 " Lock "
          "calls took > 1 ms\n", s->still_drawing, s->probes, s->slow_locks);
   printf("peak renaming memory: n/a (not visible through the DDI)\n");
   if (hwm >= 0)
      printf("peak RSS (VmHWM):     %.1f MiB\n", hwm / 1024.0);
   printf("readback check:       %u frame(s), %u mismatching pixel(s)\n",
          s->checked_frames, s->mismatches);
   if (s->mismatches)
      printf("   first: %s\n", s->first_mismatch);
   printf("PNGs written:         %u\n", d->num_paths);
   for (unsigned i = 0; i < d->num_paths; i++)
      printf("   %s\n", d->paths[i]);

   HRESULT first_failure = S_OK;
   unsigned worker_failures = 0;
   if (d->w) {
      /* Drained above: the worker's counts are final. */
      worker_failures = rt_worker_failures(d->w, &first_failure);
      printf("threaded:             worker thread, %u event quer%s pacing "
             "to %u frames in flight\n", d->num_queries,
             d->num_queries == 1 ? "y" : "ies",
             d->num_queries ? DEMO_QUERIES : 0);
      printf("LockAsync locks:      %" PRIu64 " (Discard, with a cookie)\n",
             s->async_locks);
      printf("renames:              %lu of %" PRIu64 " queued Renames "
             "succeeded\n", d->renamed, s->renames_queued);
      printf("LockAsync waits:      %" PRIu64 " WASSTILLDRAWING refusals at "
             "the renaming bound (each: Flush queued, queue drained, "
             "retried)\n", s->async_waits);
      printf("fallbacks:            %" PRIu64 " (LockAsync E_NOTIMPL: "
             "Lock(Discard) after a drain)\n", s->fallbacks);
      printf("query polls:          %" PRIu64 " GetQueryData S_FALSE; "
             "%" PRIu64 " more while the IssueQuery was still queued\n",
             s->query_polls, s->queue_polls);
      printf("worker calls:         %lu executed (%lu queued), %u failed",
             rt_worker_executed(d->w), d->queued, worker_failures);
      if (worker_failures)
         printf(", the first with 0x%08x (%s)", (unsigned)first_failure,
                hr_name(first_failure));
      printf("\n");
   }

   int violations = demo_teardown(d);
   if (violations < 0)
      return 1;
   if (worker_failures) {
      fprintf(stderr, "d3dumd-demo: %u queued call(s) failed on the worker, "
              "the first with 0x%08x (%s)\n", worker_failures,
              (unsigned)first_failure, hr_name(first_failure));
      return 1;
   }
   if (violations > 0) {
      fprintf(stderr, "d3dumd-demo: the driver broke the runtime protocol "
              "(%d violation(s), listed above)\n", violations);
      return 1;
   }
   if (s->mismatches) {
      fprintf(stderr, "d3dumd-demo: %u read-back pixel(s) differ from what "
              "the DDI calls should have produced (%s)\n", s->mismatches,
              s->first_mismatch);
      return 3;
   }
   return 0;
}

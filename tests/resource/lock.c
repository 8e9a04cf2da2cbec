/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-lock-roundtrip: data written through Lock comes back after a GPU
 * round trip (Blt, BufBlt or VolBlt into another resource, locked back),
 * over resource kind x format family x lock flags x subresource x region,
 * one piglit subtest per combination.  Expected bytes are the test's own
 * pattern: the region gets a new pattern, the rest of the subresource
 * keeps the one written first (except after Discard, whose whole
 * subresource is undefined outside the region it rewrites).
 */

#include <stdio.h>

#include "lock_util.h"

static struct rt_device *dev;

struct kind {
   const char *name;
   bool buffer, cube, volume, dynamic, rt, sysmem;
};

static const struct kind kinds[] = {
   { "vertexbuffer", .buffer = true },
   { "dynamic-vertexbuffer", .buffer = true, .dynamic = true },
   { "texture", },
   { "dynamic-texture", .dynamic = true },
   { "cubetexture", .cube = true },
   { "volumetexture", .volume = true },
   { "rendertarget", .rt = true },
   { "sysmem-surface", .sysmem = true },
};

struct fmt {
   const char *name;
   D3DDDIFORMAT d3d;
   unsigned bytes;      /* per block */
   unsigned block;      /* block width and height */
};

static const struct fmt fmts[] = {
   { "a8r8g8b8", D3DDDIFMT_A8R8G8B8, 4, 1 },
   { "r5g6b5", D3DDDIFMT_R5G6B5, 2, 1 },
   { "l8", D3DDDIFMT_L8, 1, 1 },
   { "v8u8", D3DDDIFMT_V8U8, 2, 1 },
   { "a16b16g16r16f", D3DDDIFMT_A16B16G16R16F, 8, 1 },
   { "dxt1", D3DDDIFMT_DXT1, 8, 4 },
};

#define W 64
#define H 32
#define D 4
#define LEVELS 2

struct res {
   HANDLE h;
   UINT sub;                   /* the subresource under test */
   unsigned w, h_, d;          /* its size in pixels */
   void *sysmem;
};

static bool
create_kind(const struct kind *k, const struct fmt *f, struct res *r)
{
   D3DDDI_SURFACEINFO s[6 * LEVELS];
   D3DDDI_RESOURCEFLAGS flags = { .Value = 0 };
   D3DDDIARG_CREATERESOURCE2 args = {
      .Format = f->d3d, .Pool = D3DDDIPOOL_VIDEOMEMORY, .pSurfList = s,
   };
   memset(s, 0, sizeof(s));
   memset(r, 0, sizeof(*r));
   if (k->buffer) {
      s[0] = (D3DDDI_SURFACEINFO){ .Width = W * H * 4, .Height = 1, .Depth = 1 };
      args.Format = D3DDDIFMT_VERTEXDATA;
      args.SurfCount = args.MipLevels = 1;
      flags.VertexBuffer = 1;
      flags.Dynamic = k->dynamic;
      r->w = W * H * 4; r->h_ = 1; r->d = 1;
   } else if (k->sysmem) {
      r->sysmem = calloc(1, W * H * 8);
      s[0] = (D3DDDI_SURFACEINFO){ .Width = W, .Height = H, .Depth = 1,
                                   .pSysMem = r->sysmem,
                                   .SysMemPitch = W / f->block * f->bytes };
      args.Pool = D3DDDIPOOL_SYSTEMMEM;
      args.SurfCount = args.MipLevels = 1;
      r->w = W; r->h_ = H; r->d = 1;
   } else {
      unsigned faces = k->cube ? 6 : 1, n = 0;
      unsigned hh = k->cube ? W : H;
      for (unsigned fc = 0; fc < faces; fc++) {
         for (unsigned l = 0; l < LEVELS; l++) {
            s[n].Width = W >> l;
            s[n].Height = hh >> l;
            s[n].Depth = k->volume ? D >> l : 1;
            n++;
         }
      }
      args.SurfCount = n;
      args.MipLevels = LEVELS;
      flags.Texture = !k->rt;
      flags.RenderTarget = k->rt;
      flags.CubeMap = k->cube;
      flags.Volume = k->volume;
      flags.Dynamic = k->dynamic;
      if (k->rt) {
         args.SurfCount = args.MipLevels = 1;
         n = 1;
      }
      /* The subresource under test: level 1 (face 3 for cubes), where
       * there is one; level 0 of volumes (VolBlt copies the top level). */
      r->sub = k->cube ? 3 * LEVELS + 1 : (k->volume || k->rt ? 0 : 1);
      r->w = s[r->sub].Width;
      r->h_ = s[r->sub].Height;
      r->d = s[r->sub].Depth;
   }
   args.Flags = flags;
   HRESULT hr = rt_create_resource(dev, &args, &r->h);
   if (FAILED(hr)) {
      free(r->sysmem);
      r->sysmem = NULL;
   }
   return SUCCEEDED(hr);
}

static void
destroy(struct res *r)
{
   rt_destroy_resource(dev, r->h);
   free(r->sysmem);
}

/* Writes pattern `seed` into the locked box [x0,x1)x[y0,y1)x[z0,z1) (in
 * pixels; blocks for compressed formats) through a lock result. */
static void
write_box(const D3DDDIARG_LOCK *l, const struct fmt *f, bool buffer,
          unsigned seed, unsigned x0, unsigned x1, unsigned y0, unsigned y1,
          unsigned z0, unsigned z1)
{
   const unsigned bs = buffer ? 1 : f->bytes, bw = buffer ? 1 : f->block;
   for (unsigned z = z0; z < z1; z++) {
      for (unsigned y = y0; y < y1; y += bw) {
         uint8_t *row = (uint8_t *)l->pSurfData +
                        (size_t)(z - z0) * l->SlicePitch +
                        (size_t)((y - y0) / bw) * l->Pitch;
         for (unsigned x = x0; x < x1; x += bw)
            for (unsigned b = 0; b < bs; b++)
               row[(x - x0) / bw * bs + b] = pattern(seed, x, y, z, b);
      }
   }
}

/* Counts bytes of the whole locked subresource that differ from the
 * expectation: `inner` seed inside the box, `outer` seed outside (-1:
 * outside is not checked). */
static unsigned
check_sub(const D3DDDIARG_LOCK *l, const struct fmt *f, bool buffer,
          const struct res *r, unsigned inner, int outer, unsigned x0,
          unsigned x1, unsigned y0, unsigned y1, unsigned z0, unsigned z1)
{
   const unsigned bs = buffer ? 1 : f->bytes, bw = buffer ? 1 : f->block;
   unsigned bad = 0;
   for (unsigned z = 0; z < r->d; z++) {
      for (unsigned y = 0; y < r->h_; y += bw) {
         const uint8_t *row = (const uint8_t *)l->pSurfData +
                              (size_t)z * l->SlicePitch +
                              (size_t)(y / bw) * l->Pitch;
         for (unsigned x = 0; x < r->w; x += bw) {
            const bool in = x >= x0 && x < x1 && y >= y0 && y < y1 &&
                            z >= z0 && z < z1;
            if (!in && outer < 0)
               continue;
            const unsigned seed = in ? inner : (unsigned)outer;
            for (unsigned b = 0; b < bs; b++)
               bad += row[x / bw * bs + b] != pattern(seed, x, y, z, b);
         }
      }
   }
   return bad;
}

/* Copies the subresource under test into `dst` (same kind) on the GPU. */
static HRESULT
gpu_copy(const struct kind *k, const struct res *src, const struct res *dst)
{
   if (k->buffer) {
      D3DDDIARG_BUFFERBLT b = {
         .hDstResource = dst->h, .hSrcResource = src->h, .Offset = 0,
         .SrcRange = { .Offset = 0, .Size = src->w },
      };
      return dev->funcs.pfnBufBlt(dev->hDevice, &b);
   }
   if (k->volume) {
      D3DDDIARG_VOLUMEBLT v = {
         .hDstResource = dst->h, .hSrcResource = src->h,
         .SrcBox = { 0, 0, src->w, src->h_, 0, src->d },
      };
      return dev->funcs.pfnVolBlt(dev->hDevice, &v);
   }
   D3DDDIARG_BLT b = {
      .hSrcResource = src->h, .SrcSubResourceIndex = src->sub,
      .SrcRect = { 0, 0, src->w, src->h_ },
      .hDstResource = dst->h, .DstSubResourceIndex = dst->sub,
      .DstRect = { 0, 0, dst->w, dst->h_ },
   };
   b.Flags.Point = 1;
   return dev->funcs.pfnBlt(dev->hDevice, &b);
}

enum region { WHOLE, PART };

static void
roundtrip(const struct kind *k, const struct fmt *f, unsigned flags,
          enum region region)
{
   struct res src, dst;
   if (!create_kind(k, f, &src)) {
      printf("  cannot create %s %s\n", k->name, f->name);
      piglit_check_failed = true;
      return;
   }
   if (!create_kind(k, f, &dst)) {
      printf("  cannot create the %s copy\n", k->name);
      piglit_check_failed = true;
      destroy(&src);
      return;
   }

   /* 1. The whole subresource gets pattern 1. */
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, src.h, src.sub, 0, &l), S_OK);
   write_box(&l, f, k->buffer, 1, 0, src.w, 0, src.h_, 0, src.d);
   CHECK_HR(unlock_sub(dev, src.h, src.sub), S_OK);

   /* 2. The region under test gets pattern 2, with `flags`. */
   unsigned x0 = 0, x1 = src.w, y0 = 0, y1 = src.h_, z0 = 0, z1 = src.d;
   unsigned lf = flags;
   if (region == PART) {
      const unsigned a = k->buffer ? 1 : f->block;
      x0 = 2 * a; x1 = src.w - a;
      if (!k->buffer) {
         y0 = a; y1 = src.h_ - 2 * a > y0 ? src.h_ - 2 * a : src.h_;
      }
      if (k->volume) {
         z0 = 1; z1 = src.d;
      }
   }
   memset(&l, 0, sizeof(l));
   l.hResource = src.h;
   l.SubResourceIndex = src.sub;
   l.Flags.Value = lf;
   if (region == PART) {
      if (k->buffer) {
         l.Flags.RangeValid = 1;
         l.Range.Offset = x0;
         l.Range.Size = x1 - x0;
      } else if (k->volume) {
         l.Flags.BoxValid = 1;
         l.Box = (D3DDDIBOX){ x0, y0, x1, y1, z0, z1 };
      } else {
         l.Flags.AreaValid = 1;
         l.Area = (RECT){ x0, y0, x1, y1 };
      }
   }
   HRESULT hr = dev->funcs.pfnLock(dev->hDevice, &l);
   CHECK_HR(hr, S_OK);
   if (hr == S_OK) {
      write_box(&l, f, k->buffer, 2, x0, x1, y0, y1, z0, z1);
      CHECK_HR(unlock_sub(dev, src.h, src.sub), S_OK);
   }

   /* 3. GPU round trip (system memory: the runtime copies, so compare in
    * place) and read back. */
   const struct res *check = &src;
   if (!k->sysmem) {
      CHECK_HR(gpu_copy(k, &src, &dst), S_OK);
      check = &dst;
   }
   CHECK_HR(lock_sub(dev, check->h, check->sub, L_READONLY, &l), S_OK);
   const int outer = (flags & L_DISCARD) && region == PART ? -1 : 1;
   unsigned bad = check_sub(&l, f, k->buffer, check, 2, outer, x0, x1, y0, y1,
                            z0, z1);
   CHECK_HR(unlock_sub(dev, check->h, check->sub), S_OK);
   if (bad)
      printf("  %u bytes differ from the expected pattern\n", bad);
   CHECK(bad == 0);

   destroy(&src);
   destroy(&dst);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   struct rt_adapter *adapter = test_open_adapter(drv);
   dev = test_create_device(adapter);

   static const struct { const char *name; unsigned flags; } flagsets[] = {
      { "none", 0 }, { "writeonly", L_WRITEONLY }, { "discard", L_DISCARD },
      { "nooverwrite", L_NOOVERWRITE }, { "donotwait", L_DONOTWAIT },
      { "discard-nooverwrite", L_DISCARD | L_NOOVERWRITE },
   };
   char name[128];
   for (unsigned k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
      for (unsigned f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++) {
         /* Buffers have no format; one pass.  Block-compressed data does
          * not render: only textures and system memory take it. */
         if (kinds[k].buffer && f > 0)
            break;
         if (fmts[f].block > 1 && (kinds[k].rt || kinds[k].volume))
            continue;
         for (unsigned fl = 0; fl < sizeof(flagsets) / sizeof(flagsets[0]); fl++) {
            /* NoOverwrite is for vertex and index buffers. */
            if ((flagsets[fl].flags & L_NOOVERWRITE) && !kinds[k].buffer)
               continue;
            for (unsigned r = 0; r < 2; r++) {
               snprintf(name, sizeof(name), "%s-%s-%s-%s", kinds[k].name,
                        kinds[k].buffer ? "bytes" : fmts[f].name,
                        flagsets[fl].name, r ? "part" : "whole");
               SUBTEST(name, roundtrip(&kinds[k], &fmts[f], flagsets[fl].flags,
                                       r ? PART : WHOLE));
            }
         }
      }
   }

   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-blt: the GPU operations the lock tests rely on, checked against
 * values the test computes: Blt (copies, point stretch, mirroring, same
 * resource with overlapping rects, format conversion, system <-> video
 * memory), ColorFill (colour given as A8R8G8B8, converted to the surface
 * format), BufBlt (destination offset, source range) and VolBlt (offsets).
 */

#include "lock_util.h"

static struct rt_device *dev;

static HANDLE
surf(D3DDDIFORMAT f, unsigned w, unsigned h, D3DDDI_POOL pool)
{
   D3DDDI_RESOURCEFLAGS fl = { .Value = 0 };
   HANDLE r = NULL;
   CHECK_HR(rt_create_surface(dev, f, w, h, fl, pool, &r), S_OK);
   return r;
}

/* Writes pixel (x, y) = id(x, y) into a 32-bit surface. */
static void
write_ids(HANDLE h, unsigned w, unsigned hh)
{
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, h, 0, 0, &l), S_OK);
   for (unsigned y = 0; y < hh; y++)
      for (unsigned x = 0; x < w; x++)
         ((uint32_t *)((uint8_t *)l.pSurfData + y * l.Pitch))[x] =
            0xff000000u | (y << 8) | x;
   CHECK_HR(unlock_sub(dev, h, 0), S_OK);
}

static uint32_t
id(unsigned x, unsigned y)
{
   return 0xff000000u | (y << 8) | x;
}

static HRESULT
blt(HANDLE s, RECT sr, HANDLE d, RECT dr, unsigned flags)
{
   D3DDDIARG_BLT b = { .hSrcResource = s, .SrcRect = sr, .hDstResource = d,
                       .DstRect = dr };
   b.Flags.Value = flags;
   return dev->funcs.pfnBlt(dev->hDevice, &b);
}

/* Counts pixels of d's rect whose value differs from f(x, y). */
#define COUNT_BAD(h, x0, y0, x1, y1, expr)                                  \
   ({                                                                      \
      D3DDDIARG_LOCK l_;                                                   \
      unsigned bad_ = 0;                                                   \
      CHECK_HR(lock_sub(dev, (h), 0, L_READONLY, &l_), S_OK);              \
      for (unsigned y = (y0); y < (y1); y++)                               \
         for (unsigned x = (x0); x < (x1); x++)                            \
            bad_ += ((uint32_t *)((uint8_t *)l_.pSurfData + y * l_.Pitch))[x] \
                    != (uint32_t)(expr);                                   \
      CHECK_HR(unlock_sub(dev, (h), 0), S_OK);                             \
      bad_;                                                                \
   })

enum { F_POINT = 1, F_LINEAR = 2, F_MIRROR_LR = 16, F_MIRROR_UD = 32 };

static void
copies_and_stretch(void)
{
   HANDLE a = surf(D3DDDIFMT_A8R8G8B8, 64, 64, D3DDDIPOOL_VIDEOMEMORY);
   HANDLE b = surf(D3DDDIFMT_A8R8G8B8, 128, 128, D3DDDIPOOL_VIDEOMEMORY);
   write_ids(a, 64, 64);
   /* A copy to an offset. */
   CHECK_HR(blt(a, (RECT){ 8, 4, 40, 20 }, b, (RECT){ 70, 90, 102, 106 }, F_POINT), S_OK);
   CHECK(COUNT_BAD(b, 70, 90, 102, 106, id(x - 62, y - 86)) == 0);
   /* A 2x point stretch: each source pixel becomes a 2x2 block. */
   CHECK_HR(blt(a, (RECT){ 0, 0, 32, 32 }, b, (RECT){ 0, 0, 64, 64 }, F_POINT), S_OK);
   CHECK(COUNT_BAD(b, 0, 0, 64, 64, id(x / 2, y / 2)) == 0);
   /* Mirroring, both ways. */
   CHECK_HR(blt(a, (RECT){ 0, 0, 16, 16 }, b, (RECT){ 0, 0, 16, 16 },
                F_POINT | F_MIRROR_LR), S_OK);
   CHECK(COUNT_BAD(b, 0, 0, 16, 16, id(15 - x, y)) == 0);
   CHECK_HR(blt(a, (RECT){ 0, 0, 16, 16 }, b, (RECT){ 16, 0, 32, 16 },
                F_POINT | F_MIRROR_UD), S_OK);
   CHECK(COUNT_BAD(b, 16, 0, 32, 16, id(x - 16, 15 - y)) == 0);
   CHECK_HR(rt_destroy_resource(dev, a), S_OK);
   CHECK_HR(rt_destroy_resource(dev, b), S_OK);
}

static void
overlapping(void)
{
   /* Same surface, overlapping rects: the result is as if the source were
    * read first. */
   HANDLE a = surf(D3DDDIFMT_A8R8G8B8, 64, 64, D3DDDIPOOL_VIDEOMEMORY);
   write_ids(a, 64, 64);
   CHECK_HR(blt(a, (RECT){ 0, 0, 40, 40 }, a, (RECT){ 8, 8, 48, 48 }, F_POINT), S_OK);
   CHECK(COUNT_BAD(a, 8, 8, 48, 48, id(x - 8, y - 8)) == 0);
   CHECK(COUNT_BAD(a, 48, 0, 64, 64, id(x, y)) == 0);
   CHECK_HR(rt_destroy_resource(dev, a), S_OK);
}

static void
conversion_and_sysmem(void)
{
   /* A8R8G8B8 -> R5G6B5: the reference quantises itself. */
   HANDLE a = surf(D3DDDIFMT_A8R8G8B8, 32, 32, D3DDDIPOOL_VIDEOMEMORY);
   HANDLE c = surf(D3DDDIFMT_R5G6B5, 32, 32, D3DDDIPOOL_VIDEOMEMORY);
   D3DDDIARG_COLORFILL cf = { .hResource = a, .DstRect = { 0, 0, 32, 32 },
                              .Color = 0xff10ff80 };
   CHECK_HR(dev->funcs.pfnColorFill(dev->hDevice, &cf), S_OK);
   CHECK_HR(blt(a, (RECT){ 0, 0, 32, 32 }, c, (RECT){ 0, 0, 32, 32 }, F_POINT), S_OK);
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, c, 0, L_READONLY, &l), S_OK);
   const uint16_t expect = (uint16_t)(((0x10 * 31 + 127) / 255) << 11 |
                                      ((0xff * 63 + 127) / 255) << 5 |
                                      ((0x80 * 31 + 127) / 255));
   CHECK(((uint16_t *)l.pSurfData)[5] == expect);
   CHECK_HR(unlock_sub(dev, c, 0), S_OK);

   /* System -> video and video -> system memory, with a stretch. */
   HANDLE s = surf(D3DDDIFMT_A8R8G8B8, 16, 16, D3DDDIPOOL_SYSTEMMEM);
   HANDLE v = surf(D3DDDIFMT_A8R8G8B8, 32, 32, D3DDDIPOOL_VIDEOMEMORY);
   HANDLE s2 = surf(D3DDDIFMT_A8R8G8B8, 16, 16, D3DDDIPOOL_SYSTEMMEM);
   write_ids(s, 16, 16);
   CHECK_HR(blt(s, (RECT){ 0, 0, 16, 16 }, v, (RECT){ 0, 0, 32, 32 }, F_POINT), S_OK);
   CHECK(COUNT_BAD(v, 0, 0, 32, 32, id(x / 2, y / 2)) == 0);
   CHECK_HR(blt(v, (RECT){ 0, 0, 32, 32 }, s2, (RECT){ 0, 0, 16, 16 }, F_POINT), S_OK);
   CHECK(COUNT_BAD(s2, 0, 0, 16, 16, id(x, y)) == 0);
   /* System to system: the runtime copies; the driver only synchronises. */
   CHECK_HR(blt(s, (RECT){ 0, 0, 16, 16 }, s2, (RECT){ 0, 0, 16, 16 }, F_POINT), S_OK);
   /* Incompatible: a buffer is no Blt surface; colour keys unsupported. */
   HANDLE vb;
   CHECK_HR(rt_create_buffer(dev, 64, false, false, &vb), S_OK);
   CHECK_HR(blt(a, (RECT){ 0, 0, 4, 4 }, vb, (RECT){ 0, 0, 4, 4 }, F_POINT), E_FAIL);
   CHECK_HR(blt(a, (RECT){ 0, 0, 40, 4 }, v, (RECT){ 0, 0, 40, 4 }, F_POINT), E_FAIL);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
   HANDLE all[] = { a, c, s, v, s2 };
   for (unsigned i = 0; i < 5; i++)
      CHECK_HR(rt_destroy_resource(dev, all[i]), S_OK);
}

static void
colorfill_formats(void)
{
   /* The colour is A8R8G8B8 and lands converted (ColorFill page). */
   static const struct {
      D3DDDIFORMAT f;
      unsigned bytes;
      uint64_t expect;
   } cases[] = {
      { D3DDDIFMT_A8R8G8B8, 4, 0x80402010u },
      { D3DDDIFMT_X8R8G8B8, 4, 0x00402010u },  /* X ignored below */
      { D3DDDIFMT_A8B8G8R8, 4, 0x80102040u },
      { D3DDDIFMT_L8, 1, 0x40 },               /* luminance from red */
      { D3DDDIFMT_A8, 1, 0x80 },
   };
   for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
      HANDLE h = surf(cases[i].f, 8, 8, D3DDDIPOOL_VIDEOMEMORY);
      D3DDDIARG_COLORFILL cf = { .hResource = h, .DstRect = { 2, 2, 6, 6 },
                                 .Color = 0x80402010 };
      CHECK_HR(dev->funcs.pfnColorFill(dev->hDevice, &cf), S_OK);
      D3DDDIARG_LOCK l;
      CHECK_HR(lock_sub(dev, h, 0, L_READONLY, &l), S_OK);
      uint64_t v = 0;
      memcpy(&v, (uint8_t *)l.pSurfData + 3 * l.Pitch + 3 * cases[i].bytes,
             cases[i].bytes);
      if (cases[i].f == D3DDDIFMT_X8R8G8B8)
         v &= 0x00ffffff;
      if (v != cases[i].expect) {
         printf("  format %u: 0x%llx, expected 0x%llx\n", (unsigned)cases[i].f,
                (unsigned long long)v, (unsigned long long)cases[i].expect);
         piglit_check_failed = true;
      }
      CHECK_HR(unlock_sub(dev, h, 0), S_OK);
      CHECK_HR(rt_destroy_resource(dev, h), S_OK);
   }
}

static void
bufblt_volblt(void)
{
   HANDLE a, b;
   CHECK_HR(rt_create_buffer(dev, 1024, false, false, &a), S_OK);
   CHECK_HR(rt_create_buffer(dev, 1024, true, false, &b), S_OK);
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, a, 0, 0, &l), S_OK);
   for (unsigned i = 0; i < 1024; i++)
      ((uint8_t *)l.pSurfData)[i] = pattern(7, i, 0, 0, 0);
   CHECK_HR(unlock_sub(dev, a, 0), S_OK);
   D3DDDIARG_BUFFERBLT bb = { .hDstResource = b, .hSrcResource = a,
                              .Offset = 500, .SrcRange = { 100, 300 } };
   CHECK_HR(dev->funcs.pfnBufBlt(dev->hDevice, &bb), S_OK);
   CHECK_HR(lock_sub(dev, b, 0, L_READONLY, &l), S_OK);
   unsigned bad = 0;
   for (unsigned i = 0; i < 300; i++)
      bad += ((uint8_t *)l.pSurfData)[500 + i] != pattern(7, 100 + i, 0, 0, 0);
   CHECK(bad == 0);
   CHECK_HR(unlock_sub(dev, b, 0), S_OK);
   /* Ranges past either end: E_FAIL. */
   bb.Offset = 900;
   CHECK_HR(dev->funcs.pfnBufBlt(dev->hDevice, &bb), E_FAIL);
   CHECK_HR(rt_destroy_resource(dev, a), S_OK);
   CHECK_HR(rt_destroy_resource(dev, b), S_OK);

   /* VolBlt with an offset box. */
   D3DDDI_SURFACEINFO s = { .Width = 8, .Height = 8, .Depth = 8 };
   D3DDDIARG_CREATERESOURCE2 args = {
      .Format = D3DDDIFMT_A8R8G8B8, .Pool = D3DDDIPOOL_VIDEOMEMORY,
      .pSurfList = &s, .SurfCount = 1, .MipLevels = 1,
   };
   args.Flags.Texture = 1;
   args.Flags.Volume = 1;
   HANDLE va, vb;
   CHECK_HR(rt_create_resource(dev, &args, &va), S_OK);
   CHECK_HR(rt_create_resource(dev, &args, &vb), S_OK);
   CHECK_HR(lock_sub(dev, va, 0, 0, &l), S_OK);
   for (unsigned z = 0; z < 8; z++)
      for (unsigned y = 0; y < 8; y++)
         for (unsigned x = 0; x < 8; x++)
            ((uint32_t *)((uint8_t *)l.pSurfData + z * l.SlicePitch +
                          y * l.Pitch))[x] = (z << 16) | (y << 8) | x;
   CHECK_HR(unlock_sub(dev, va, 0), S_OK);
   D3DDDIARG_VOLUMEBLT vbl = { .hDstResource = vb, .hSrcResource = va,
                               .DstX = 4, .DstY = 2, .DstZ = 5,
                               .SrcBox = { 1, 3, 5, 6, 0, 3 } };
   CHECK_HR(dev->funcs.pfnVolBlt(dev->hDevice, &vbl), S_OK);
   CHECK_HR(lock_sub(dev, vb, 0, L_READONLY, &l), S_OK);
   bad = 0;
   for (unsigned z = 0; z < 3; z++)
      for (unsigned y = 0; y < 3; y++)
         for (unsigned x = 0; x < 4; x++)
            bad += ((uint32_t *)((uint8_t *)l.pSurfData + (z + 5) * l.SlicePitch +
                                 (y + 2) * l.Pitch))[x + 4] !=
                   ((z << 16) | ((y + 3) << 8) | (x + 1));
   CHECK(bad == 0);
   CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
   CHECK_HR(rt_destroy_resource(dev, va), S_OK);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
}

/* A mipmapped 2D texture, levels of 8x8, 4x4, 2x2 (or `levels` from
 * `size`), optionally render-target capable. */
static HANDLE
mip_texture(unsigned size, unsigned levels, D3DDDI_POOL pool)
{
   D3DDDI_SURFACEINFO s[8];
   memset(s, 0, sizeof(s));
   /* System memory: the runtime's, one block for the levels. */
   uint8_t *mem = pool == D3DDDIPOOL_SYSTEMMEM ?
                  calloc(1, size * size * 4 * 2) : NULL;
   size_t offset = 0;
   for (unsigned i = 0; i < levels; i++) {
      s[i].Width = size >> i;
      s[i].Height = size >> i;
      s[i].Depth = 1;
      if (mem) {
         s[i].pSysMem = mem + offset;
         s[i].SysMemPitch = (size >> i) * 4;
         offset += (size_t)(size >> i) * (size >> i) * 4;
      }
   }
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.Texture = 1;
   D3DDDIARG_CREATERESOURCE2 args = {
      .Format = D3DDDIFMT_A8R8G8B8, .Pool = pool, .pSurfList = s,
      .SurfCount = levels, .MipLevels = levels, .Flags = f,
   };
   HANDLE h = NULL;
   CHECK_HR(rt_create_resource(dev, &args, &h), S_OK);
   if (mem)
      rt_keep_sysmem(dev, h, mem);
   return h;
}

static void
fill_level(HANDLE h, unsigned level, unsigned size, uint32_t base)
{
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, h, level, 0, &l), S_OK);
   for (unsigned y = 0; l.pSurfData && y < size; y++)
      for (unsigned x = 0; x < size; x++)
         ((uint32_t *)((uint8_t *)l.pSurfData + y * l.Pitch))[x] =
            base + (y << 8) + x;
   CHECK_HR(unlock_sub(dev, h, level), S_OK);
}

static uint32_t
texel_at(HANDLE h, unsigned level, unsigned x, unsigned y)
{
   D3DDDIARG_LOCK l;
   uint32_t v = 0;
   CHECK_HR(lock_sub(dev, h, level, L_READONLY, &l), S_OK);
   if (l.pSurfData)
      v = ((const uint32_t *)((const uint8_t *)l.pSurfData + y * l.Pitch))[x];
   CHECK_HR(unlock_sub(dev, h, level), S_OK);
   return v;
}

/* TexBlt: the rectangle of the top level and of every common level. */
static void
texblt(void)
{
   HANDLE src = mip_texture(8, 3, D3DDDIPOOL_VIDEOMEMORY);
   HANDLE dst = mip_texture(8, 3, D3DDDIPOOL_VIDEOMEMORY);
   for (unsigned l = 0; l < 3; l++) {
      fill_level(src, l, 8 >> l, 0xff100000u * (l + 1) & 0xffff0000u);
      fill_level(dst, l, 8 >> l, 0x80000000u);
   }
   /* (4,0)-(8,4) of the top to (0,4); at level 1, (2,0)-(4,2) to (0,2). */
   D3DDDIARG_TEXBLT t = { dst, src, 0, { 0, 4 }, { 4, 0, 8, 4 } };
   CHECK_HR(dev->funcs.pfnTexBlt(dev->hDevice, &t), S_OK);
   const uint32_t b0 = 0xff100000u & 0xffff0000u;
   const uint32_t b1 = 0xff100000u * 2 & 0xffff0000u;
   CHECK(texel_at(dst, 0, 1, 5) == b0 + (1 << 8) + 5);
   CHECK(texel_at(dst, 0, 1, 1) == 0x80000000u + (1 << 8) + 1);
   CHECK(texel_at(dst, 1, 1, 3) == b1 + (1 << 8) + 3);
   CHECK(texel_at(dst, 1, 3, 3) == 0x80000000u + (3 << 8) + 3);
   /* From system memory (UpdateTexture's path). */
   HANDLE sys = mip_texture(8, 3, D3DDDIPOOL_SYSTEMMEM);
   for (unsigned l = 0; l < 3; l++)
      fill_level(sys, l, 8 >> l, 0x11000000u * (l + 1));
   D3DDDIARG_TEXBLT all = { dst, sys, 0, { 0, 0 }, { 0, 0, 8, 8 } };
   CHECK_HR(dev->funcs.pfnTexBlt(dev->hDevice, &all), S_OK);
   CHECK(texel_at(dst, 2, 1, 1) == 0x33000000u + (1 << 8) + 1);
   /* Bad input: a rectangle past the source, another format. */
   D3DDDIARG_TEXBLT bad = { dst, src, 0, { 0, 0 }, { 0, 0, 9, 8 } };
   CHECK_HR(dev->funcs.pfnTexBlt(dev->hDevice, &bad), E_FAIL);
   CHECK_HR(rt_destroy_resource(dev, src), S_OK);
   CHECK_HR(rt_destroy_resource(dev, dst), S_OK);
   CHECK_HR(rt_destroy_resource(dev, sys), S_OK);
}

/* GenerateMipSubLevels: a uniform top level gives uniform levels of the
 * same colour with either filter. */
static void
generate_mips(void)
{
   HANDLE tex = mip_texture(8, 4, D3DDDIPOOL_VIDEOMEMORY);
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, tex, 0, 0, &l), S_OK);
   for (unsigned y = 0; l.pSurfData && y < 8; y++)
      for (unsigned x = 0; x < 8; x++)
         ((uint32_t *)((uint8_t *)l.pSurfData + y * l.Pitch))[x] =
            (x & 1) ? 0xff204060 : 0xff6080a0;
   CHECK_HR(unlock_sub(dev, tex, 0), S_OK);
   D3DDDIARG_GENERATEMIPSUBLEVELS g = { tex, D3DDDITEXF_LINEAR };
   CHECK_HR(dev->funcs.pfnGenerateMipSubLevels(dev->hDevice, &g), S_OK);
   /* Linear: the average of the stripes, (0x40, 0x60, 0x80). */
   for (unsigned lv = 1; lv < 4; lv++) {
      const uint32_t v = texel_at(tex, lv, 0, 0);
      printf("  level %u: 0x%08x\n", lv, v);
      CHECK(((v >> 16) & 0xff) >= 0x3f && ((v >> 16) & 0xff) <= 0x41 &&
            ((v >> 8) & 0xff) >= 0x5f && ((v >> 8) & 0xff) <= 0x61 &&
            (v & 0xff) >= 0x7f && (v & 0xff) <= 0x81);
   }
   D3DDDIARG_GENERATEMIPSUBLEVELS bad = { NULL, D3DDDITEXF_POINT };
   CHECK_HR(dev->funcs.pfnGenerateMipSubLevels(dev->hDevice, &bad), E_FAIL);
   CHECK_HR(rt_destroy_resource(dev, tex), S_OK);
}

/* DepthFill: a rectangle of a depth surface set to a native value. */
static void
depthfill(void)
{
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.ZBuffer = 1;
   HANDLE z = NULL;
   CHECK_HR(rt_create_surface(dev, D3DDDIFMT_D32F_LOCKABLE, 16, 16, f,
                              D3DDDIPOOL_VIDEOMEMORY, &z), S_OK);
   D3DDDIARG_DEPTHFILL d = { z, 0, { 0, 0, 16, 16 }, 0x3f800000 /* 1.0 */ };
   CHECK_HR(dev->funcs.pfnDepthFill(dev->hDevice, &d), S_OK);
   D3DDDIARG_DEPTHFILL r = { z, 0, { 2, 3, 6, 5 }, 0x3e800000 /* 0.25 */ };
   CHECK_HR(dev->funcs.pfnDepthFill(dev->hDevice, &r), S_OK);
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, z, 0, L_READONLY, &l), S_OK);
   unsigned bad = 0;
   for (unsigned y = 0; l.pSurfData && y < 16; y++)
      for (unsigned x = 0; x < 16; x++) {
         const float v = ((const float *)((const uint8_t *)l.pSurfData +
                                          y * l.Pitch))[x];
         bad += v != (x >= 2 && x < 6 && y >= 3 && y < 5 ? 0.25f : 1.0f);
      }
   CHECK_HR(unlock_sub(dev, z, 0), S_OK);
   CHECK(bad == 0);
   D3DDDIARG_DEPTHFILL past = { z, 0, { 0, 0, 17, 16 }, 0 };
   CHECK_HR(dev->funcs.pfnDepthFill(dev->hDevice, &past), E_FAIL);
   CHECK_HR(rt_destroy_resource(dev, z), S_OK);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   struct rt_adapter *adapter = test_open_adapter(drv);
   dev = test_create_device(adapter);

   SUBTEST("copies-and-stretch", copies_and_stretch());
   SUBTEST("overlapping", overlapping());
   SUBTEST("conversion-and-sysmem", conversion_and_sysmem());
   SUBTEST("colorfill-formats", colorfill_formats());
   SUBTEST("bufblt-volblt", bufblt_volblt());
   SUBTEST("texblt", texblt());
   SUBTEST("generate-mips", generate_mips());
   SUBTEST("depthfill", depthfill());

   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

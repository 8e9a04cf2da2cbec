/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-render-inflight: the lock semantics the project exists for, with
 * draws in flight.
 *  - texture-discard: a queued draw samples a Dynamic texture; Lock(Discard)
 *    rewrites it; the queued draw keeps the old texels, the next draw sees
 *    the new ones;
 *  - vb-discard, ib-discard: the same for vertex and index buffers bound as
 *    stream source and indices;
 *  - nooverwrite-ring: 64 draws, each from a range appended with
 *    Lock(NoOverwrite) between them, no flush;
 *  - destroy-queued: a texture destroyed while a draw that samples it is
 *    queued;
 *  - async-rename: the runtime's worker mode: LockAsync(Discard) on the
 *    application thread, Rename and the draws queued to the worker, the
 *    vertex buffer bound throughout; draws queued before a Rename see the
 *    old storage, those after it the new.
 * Each test says whether the work it raced with was still pending at the
 * lock.  Without a flush, llvmpipe rasterises (samples textures, writes
 * targets) only at the flush, and zink's commands run when submitted; but
 * llvmpipe and softpipe read vertices and indices inside draw_vbo, and
 * softpipe rasterises there too: where the work is never pending, the
 * test still checks the result and reports skip, with that reason.
 */

#include <sched.h>

#include "render_util.h"
#include "../async/async_util.h"
#include "rt_worker.h"

#define W 64
#define H 64

static struct rt_device *dev;
static HANDLE rt, decl, vs, ps_sample, ps_tc;
static uint32_t img[W * H];

enum work { WORK_RASTER, WORK_VERTEX };

/* Whether the driver still has a draw's work of this kind pending when a
 * lock follows it without a flush (see the top of the file). */
static bool
work_pending(enum work kind, const char **why)
{
   const char *d = getenv("GALLIUM_DRIVER");
   if (d && !strcmp(d, "softpipe")) {
      *why = "softpipe runs the whole draw inside draw_vbo";
      return false;
   }
   if (d && !strcmp(d, "llvmpipe") && kind == WORK_VERTEX) {
      *why = "llvmpipe fetches vertices and indices inside draw_vbo";
      return false;
   }
   *why = "";
   return true;
}

static void
report(const char *name, enum work kind)
{
   const char *why;
   const bool pend = work_pending(kind, &why);
   if (piglit_check_failed) {
      piglit_subtest(name, PIGLIT_FAIL);
   } else if (!pend) {
      printf("%s: skip: the checks passed, but the work was never pending "
             "at the lock: %s\n", name, why);
      piglit_subtest(name, PIGLIT_SKIP);
   } else {
      printf("%s: the draw was still pending at the lock\n", name);
      piglit_subtest(name, PIGLIT_PASS);
   }
}

static void
begin(void)
{
   set_target(dev, 0, rt);
   set_viewport(dev, 0, 0, W, H);
   set_rs(dev, D3DRS_CULLMODE, D3DCULL_NONE);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff000000,
                  1.0f, 0, 0, NULL), S_OK);
   CHECK_HR(dev->funcs.pfnSetVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, vs), S_OK);
}

/* Six vertices: a quad over pixels [x, x + n) x [y, y + n), edges between
 * pixel centres, texture coordinates (u0..u1, v0..v1) or a colour. */
static void
quad(struct vtx *v, int x, int y, int n, const float *t)
{
   const float x0 = x - 0.5f, y0 = y - 0.5f, x1 = x + n - 0.5f,
               y1 = y + n - 0.5f;
   const float c[4][2] = { { 0, 0 }, { 1, 0 }, { 0, 1 }, { 1, 1 } };
   const unsigned order[6] = { 0, 1, 2, 1, 3, 2 };
   for (unsigned i = 0; i < 6; i++) {
      const unsigned k = order[i];
      v[i] = sv(k & 1 ? x1 : x0, k & 2 ? y1 : y0, 0.5f,
                t ? t[0] : c[k][0], t ? t[1] : c[k][1], t ? t[2] : 0,
                t ? t[3] : 1);
   }
}

static unsigned
count_not(int x0, int y0, int n, uint32_t expect)
{
   unsigned bad = 0;
   for (int y = y0; y < y0 + n; y++)
      for (int x = x0; x < x0 + n; x++)
         if (img[y * W + x] != expect && bad++ < 2)
            printf("  pixel (%d,%d): 0x%08x, expected 0x%08x\n", x, y,
                   img[y * W + x], expect);
   return bad;
}

static void
fill_texture(HANDLE tex, unsigned flags, uint32_t color)
{
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, tex, 0, flags, &l), S_OK);
   for (unsigned y = 0; l.pSurfData && y < 4; y++)
      for (unsigned x = 0; x < 4; x++)
         ((uint32_t *)((uint8_t *)l.pSurfData + y * l.Pitch))[x] = color;
   CHECK_HR(unlock_sub(dev, tex, 0), S_OK);
}

static HANDLE
dynamic_texture(void)
{
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.Texture = 1;
   f.Dynamic = 1;
   HANDLE tex = NULL;
   CHECK_HR(rt_create_surface(dev, D3DDDIFMT_A8R8G8B8, 4, 4, f,
                              D3DDDIPOOL_VIDEOMEMORY, &tex), S_OK);
   return tex;
}

static void
draw_um(const struct vtx *v, unsigned quads)
{
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, v), S_OK);
   CHECK_HR(draw(dev, D3DPT_TRIANGLELIST, 0, 2 * quads), S_OK);
}

static void
texture_discard(void)
{
   begin();
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, ps_sample), S_OK);
   HANDLE tex = dynamic_texture();
   fill_texture(tex, L_DISCARD, 0xffff0000);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, tex), S_OK);
   struct vtx v[6];
   quad(v, 0, 0, 16, NULL);
   draw_um(v, 1);
   /* No flush: the draw is queued.  Discard gives new storage. */
   fill_texture(tex, L_DISCARD, 0xff00ff00);
   quad(v, 16, 0, 16, NULL);
   draw_um(v, 1);
   read_pixels(dev, rt, W, H, img);
   CHECK(count_not(0, 0, 16, 0xffff0000) == 0);
   CHECK(count_not(16, 0, 16, 0xff00ff00) == 0);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, NULL), S_OK);
   CHECK_HR(rt_destroy_resource(dev, tex), S_OK);
}

/* Writes `quads` quads into a buffer with the given lock flags. */
static void
write_vb(HANDLE vb, unsigned offset, unsigned flags, const struct vtx *v,
         unsigned count)
{
   D3DDDIARG_LOCK l;
   memset(&l, 0, sizeof(l));
   l.hResource = vb;
   l.Flags.Value = flags | L_RANGE;
   l.Range.Offset = offset;
   l.Range.Size = count * sizeof(struct vtx);
   CHECK_HR(dev->funcs.pfnLock(dev->hDevice, &l), S_OK);
   if (l.pSurfData)
      memcpy(l.pSurfData, v, count * sizeof(struct vtx));
   CHECK_HR(unlock_sub(dev, vb, 0), S_OK);
}

static void
vb_discard(void)
{
   begin();
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, ps_tc), S_OK);
   HANDLE vb = NULL;
   CHECK_HR(rt_create_buffer(dev, 6 * sizeof(struct vtx), false, true, &vb),
            S_OK);
   const float red[4] = { 1, 0, 0, 1 }, green[4] = { 0, 1, 0, 1 };
   struct vtx v[6];
   quad(v, 0, 20, 12, red);
   write_vb(vb, 0, L_DISCARD, v, 6);
   set_stream(dev, 0, vb, 0, sizeof(struct vtx));
   CHECK_HR(draw(dev, D3DPT_TRIANGLELIST, 0, 2), S_OK);
   quad(v, 20, 20, 12, green);
   write_vb(vb, 0, L_DISCARD, v, 6);
   CHECK_HR(draw(dev, D3DPT_TRIANGLELIST, 0, 2), S_OK);
   read_pixels(dev, rt, W, H, img);
   CHECK(count_not(0, 20, 12, 0xffff0000) == 0);
   CHECK(count_not(20, 20, 12, 0xff00ff00) == 0);
   set_stream(dev, 0, NULL, 0, 0);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
}

static void
ib_discard(void)
{
   begin();
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, ps_tc), S_OK);
   const float red[4] = { 1, 0, 0, 1 }, blue[4] = { 0, 0, 1, 1 };
   struct vtx v[12];
   quad(v, 0, 40, 10, red);
   quad(v + 6, 20, 40, 10, blue);
   HANDLE vb = buffer_with(dev, v, sizeof(v), false, false);
   HANDLE ib = NULL;
   CHECK_HR(rt_create_buffer(dev, 6 * sizeof(uint16_t), true, true, &ib),
            S_OK);
   const uint16_t first[6] = { 0, 1, 2, 3, 4, 5 };
   const uint16_t second[6] = { 6, 7, 8, 9, 10, 11 };
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, ib, 0, L_DISCARD, &l), S_OK);
   if (l.pSurfData)
      memcpy(l.pSurfData, first, sizeof(first));
   CHECK_HR(unlock_sub(dev, ib, 0), S_OK);
   set_stream(dev, 0, vb, 0, sizeof(struct vtx));
   D3DDDIARG_SETINDICES si = { ib, 2 };
   CHECK_HR(dev->funcs.pfnSetIndices(dev->hDevice, &si), S_OK);
   D3DDDIARG_DRAWINDEXEDPRIMITIVE d = { D3DPT_TRIANGLELIST, 0, 0, 12, 0, 2 };
   CHECK_HR(dev->funcs.pfnDrawIndexedPrimitive(dev->hDevice, &d), S_OK);
   CHECK_HR(lock_sub(dev, ib, 0, L_DISCARD, &l), S_OK);
   if (l.pSurfData)
      memcpy(l.pSurfData, second, sizeof(second));
   CHECK_HR(unlock_sub(dev, ib, 0), S_OK);
   CHECK_HR(dev->funcs.pfnDrawIndexedPrimitive(dev->hDevice, &d), S_OK);
   read_pixels(dev, rt, W, H, img);
   CHECK(count_not(0, 40, 10, 0xffff0000) == 0);
   CHECK(count_not(20, 40, 10, 0xff0000ff) == 0);
   si.hIndexBuffer = NULL;
   CHECK_HR(dev->funcs.pfnSetIndices(dev->hDevice, &si), S_OK);
   set_stream(dev, 0, NULL, 0, 0);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
   CHECK_HR(rt_destroy_resource(dev, ib), S_OK);
}

/* 64 quads, each appended with NoOverwrite after the previous draw. */
static void
nooverwrite_ring(void)
{
   begin();
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, ps_tc), S_OK);
   HANDLE vb = NULL;
   CHECK_HR(rt_create_buffer(dev, 64 * 6 * sizeof(struct vtx), false, true,
                             &vb), S_OK);
   set_stream(dev, 0, vb, 0, sizeof(struct vtx));
   for (unsigned i = 0; i < 64; i++) {
      const float c[4] = { (i % 8) / 8.0f, (i / 8) / 8.0f, 1.0f, 1.0f };
      struct vtx v[6];
      quad(v, (i % 8) * 8, (i / 8) * 8, 8, c);
      write_vb(vb, i * sizeof(v), i ? L_NOOVERWRITE : L_DISCARD, v, 6);
      CHECK_HR(draw(dev, D3DPT_TRIANGLELIST, i * 6, 2), S_OK);
   }
   read_pixels(dev, rt, W, H, img);
   unsigned bad = 0;
   for (unsigned i = 0; i < 64; i++) {
      /* The colours the float channels make in A8R8G8B8 (x / 8 * 255,
       * rounded to nearest). */
      const uint32_t r = ((i % 8) * 255 + 4) / 8, g = ((i / 8) * 255 + 4) / 8;
      const uint32_t e = 0xff0000ffu | r << 16 | g << 8;
      const uint32_t got = img[((i / 8) * 8 + 4) * W + (i % 8) * 8 + 4];
      if (!color_near(got, e, 1) && bad++ < 2)
         printf("  quad %u: 0x%08x, expected 0x%08x\n", i, got, e);
   }
   CHECK(bad == 0);
   set_stream(dev, 0, NULL, 0, 0);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
}

static void
destroy_queued(void)
{
   begin();
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, ps_sample), S_OK);
   HANDLE tex = dynamic_texture();
   fill_texture(tex, L_DISCARD, 0xff0000ff);
   CHECK_HR(dev->funcs.pfnSetTexture(dev->hDevice, 0, tex), S_OK);
   struct vtx v[6];
   quad(v, 40, 0, 16, NULL);
   draw_um(v, 1);
   /* Destroyed while the draw that samples it is queued (the runtime
    * unbinds it first; the driver must forget it either way). */
   CHECK_HR(rt_destroy_resource(dev, tex), S_OK);
   CHECK_HR(dev->funcs.pfnFlush(dev->hDevice), S_OK);
   read_pixels(dev, rt, W, H, img);
   CHECK(count_not(40, 0, 16, 0xff0000ff) == 0);
   /* The slot is empty now: drawing again samples nothing, and works. */
   draw_um(v, 1);
   read_pixels(dev, rt, W, H, img);
}

static HRESULT
queued_draw(struct rt_device *d, void *arg)
{
   const UINT *start = arg;
   D3DDDIARG_DRAWPRIMITIVE p = { D3DPT_TRIANGLELIST, *start, 2 };
   return d->funcs.pfnDrawPrimitive(d->hDevice, &p, NULL);
}

static HRESULT
queued_alpha(struct rt_device *d, void *arg)
{
   D3DDDIARG_SETPIXELSHADERCONST c = { 0, 1 };
   return d->funcs.pfnSetPixelShaderConst(d->hDevice, &c, arg);
}

/* The worker mode: the application thread writes with LockAsync(Discard),
 * the worker renames and draws.  Cell i's quad is written by lock i; the
 * draw queued after Rename i draws it opaque, the draw queued before
 * Rename i + 1 draws the same storage again with alpha 0.5.  A draw that
 * saw storage renamed after it was queued would draw cell i + 1 instead,
 * leaving cell i opaque. */
static void
async_rename(void)
{
   static const uint32_t ps_t0_plus_c0[] = {
      SM_PS(2, 0),
      SM_DCL(2), SM_DCL_PLAIN, SM_DST(D3DSPR_TEXTURE, 0, 0xf),
      SM_INSTR(D3DSIO_ADD, 3), SM_DST(D3DSPR_COLOROUT, 0, 0xf),
      SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ), SM_SRC(D3DSPR_CONST, 0, SM_NOSWZ),
      SM_END,
   };
   if (!dev->funcs.pfnLockAsync) {
      printf("async-rename: skip: the driver offers no LockAsync\n");
      piglit_subtest("async-rename", PIGLIT_SKIP);
      return;
   }
   piglit_check_failed = false;
   begin();
   HANDLE ps = pixel_shader(dev, ps_t0_plus_c0, ARRAY_SIZE(ps_t0_plus_c0));
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, ps), S_OK);
   HANDLE vb = NULL;
   CHECK_HR(rt_create_buffer(dev, 6 * sizeof(struct vtx), false, true, &vb),
            S_OK);
   set_stream(dev, 0, vb, 0, sizeof(struct vtx));
   /* Opaque: t0.a = 1, c0 = 0; the second draw: c0.a = -0.5. */
   static const float opaque[4] = { 0, 0, 0, 0 }, half[4] = { 0, 0, 0, -0.5f };
   set_ps_const(dev, 0, opaque, 1);

   struct rt_worker *w = rt_worker_start(dev);
   const unsigned n = 64;
   unsigned refusals = 0;
   const UINT zero = 0;
   for (unsigned i = 0; i < n; i++) {
      D3DDDIARG_LOCKASYNC l;
      HRESULT hr = lock_async_discard(dev, w, vb, 0, &l, &refusals);
      CHECK_HR(hr, S_OK);
      if (FAILED(hr))
         break;
      const float c[4] = { (i % 8) / 8.0f, (i / 8) / 8.0f, 1.0f, 1.0f };
      quad(l.pSurfData, (i % 8) * 8, (i / 8) * 8, 8, c);
      CHECK_HR(unlock_async(dev, vb), S_OK);
      if (i) {
         /* Queued before this Rename: the previous storage. */
         rt_worker_call(w, queued_alpha, half, sizeof(half));
         rt_worker_call(w, queued_draw, &zero, sizeof(zero));
         rt_worker_call(w, queued_alpha, opaque, sizeof(opaque));
      }
      queue_rename(w, vb, l.hCookie);
      rt_worker_call(w, queued_draw, &zero, sizeof(zero));
      if (i % 3 == 2)
         rt_worker_flush(w);
   }
   rt_worker_flush(w);
   rt_worker_drain(w);
   HRESULT first = S_OK;
   CHECK(rt_worker_failures(w, &first) == 0);
   rt_worker_stop(w);
   printf("  %u frames, %u LockAsync refusals\n", n, refusals);

   read_pixels(dev, rt, W, H, img);
   unsigned bad = 0;
   for (unsigned i = 0; i < n; i++) {
      const uint32_t r = ((i % 8) * 255 + 4) / 8, g = ((i / 8) * 255 + 4) / 8;
      const uint32_t a = i + 1 < n ? 0x80 : 0xff;
      const uint32_t e = a << 24 | r << 16 | g << 8 | 0xff;
      const uint32_t got = img[((i / 8) * 8 + 4) * W + (i % 8) * 8 + 4];
      if (!color_near(got, e, 1) && bad++ < 2)
         printf("  cell %u: 0x%08x, expected 0x%08x\n", i, got, e);
   }
   CHECK(bad == 0);
   set_stream(dev, 0, NULL, 0, 0);
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, ps_tc), S_OK);
   CHECK_HR(dev->funcs.pfnDeletePixelShader(dev->hDevice, ps), S_OK);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
   report("async-rename", WORK_RASTER);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   struct rt_adapter *adapter = test_open_adapter(drv);
   dev = test_create_device(adapter);
   rt = render_target(dev, D3DDDIFMT_A8R8G8B8, W, H);
   decl = vertex_decl(dev, elems_pos_t0, 2);
   vs = vertex_shader(dev, vs_pos_t0, ARRAY_SIZE(vs_pos_t0));
   ps_sample = pixel_shader(dev, ps_tex, ARRAY_SIZE(ps_tex));
   ps_tc = pixel_shader(dev, ps_t0, ARRAY_SIZE(ps_t0));

   piglit_check_failed = false;
   texture_discard();
   report("texture-discard", WORK_RASTER);
   piglit_check_failed = false;
   vb_discard();
   report("vb-discard", WORK_VERTEX);
   piglit_check_failed = false;
   ib_discard();
   report("ib-discard", WORK_VERTEX);
   SUBTEST("nooverwrite-ring", nooverwrite_ring());
   SUBTEST("destroy-queued", destroy_queued());
   async_rename();

   CHECK_HR(rt_destroy_resource(dev, rt), S_OK);
   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL
                                                     : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-render-clear: Clear as the page's remarks define it.  Without
 * D3DCLEAR_COMPUTERECTS the rectangles are cleared as given (clipped to
 * the surface only) and NumRect 0 clears nothing; with it NumRect 0 clears
 * the viewport, and rectangles are clipped to the viewport and, while the
 * scissor test is on, to the scissor rectangle.  Colour goes to every
 * bound target; depth and stencil to the depth-stencil surface.  Expected
 * images are the test's own: which pixels lie in which rectangles.
 */

#include "render_util.h"

#define W 64
#define H 48

static struct rt_device *dev;
static HANDLE rt0, rt1;

static uint32_t img[W * H], ref[W * H];

static void
ref_fill(uint32_t *r, RECT a, uint32_t v)
{
   for (int y = MAX2(a.top, 0); y < MIN2(a.bottom, H); y++)
      for (int x = MAX2(a.left, 0); x < MIN2(a.right, W); x++)
         r[y * W + x] = v;
}

static RECT
rect(int l, int t, int r, int b)
{
   RECT x = { l, t, r, b };
   return x;
}

/* Pixels that differ from the reference (the first few printed). */
static unsigned
compare(HANDLE h, const uint32_t *expect)
{
   unsigned bad = 0;
   read_pixels(dev, h, W, H, img);
   for (unsigned i = 0; i < W * H; i++) {
      if (img[i] != expect[i]) {
         if (bad++ < 4)
            printf("  pixel (%u,%u): 0x%08x, expected 0x%08x\n", i % W, i / W,
                   img[i], expect[i]);
      }
   }
   return bad;
}

static void
reset(void)
{
   set_viewport(dev, 0, 0, W, H);
   set_rs(dev, D3DRS_SCISSORTESTENABLE, FALSE);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff000000,
                  1.0f, 0, 0, NULL), S_OK);
   ref_fill(ref, rect(0, 0, W, H), 0xff000000);
}

static void
whole_viewport(void)
{
   reset();
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff336699,
                  1.0f, 0, 0, NULL), S_OK);
   ref_fill(ref, rect(0, 0, W, H), 0xff336699);
   CHECK(compare(rt0, ref) == 0);

   /* A smaller viewport: NumRect 0 is the viewport, not the surface. */
   set_viewport(dev, 8, 4, 20, 10);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0x80ff0000,
                  1.0f, 0, 0, NULL), S_OK);
   ref_fill(ref, rect(8, 4, 28, 14), 0x80ff0000);
   CHECK(compare(rt0, ref) == 0);
}

static void
no_rects_without_computerects(void)
{
   reset();
   CHECK_HR(clear(dev, D3DCLEAR_TARGET, 0xffffffff, 1.0f, 0, 0, NULL), S_OK);
   CHECK(compare(rt0, ref) == 0);
}

static void
rects(void)
{
   reset();
   set_viewport(dev, 10, 10, 30, 20);
   /* Without COMPUTERECTS: as given, past the viewport; past the surface
    * only clipped. */
   const RECT r[2] = { rect(0, 0, 5, 5), rect(60, 40, 100, 100) };
   CHECK_HR(clear(dev, D3DCLEAR_TARGET, 0xff00ff00, 1.0f, 0, 2, r), S_OK);
   ref_fill(ref, r[0], 0xff00ff00);
   ref_fill(ref, r[1], 0xff00ff00);
   CHECK(compare(rt0, ref) == 0);

   /* With it: clipped to the viewport (10..40 x 10..30). */
   const RECT c[2] = { rect(0, 0, 20, 20), rect(35, 25, 64, 48) };
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff0000ff,
                  1.0f, 0, 2, c), S_OK);
   ref_fill(ref, rect(10, 10, 20, 20), 0xff0000ff);
   ref_fill(ref, rect(35, 25, 40, 30), 0xff0000ff);
   CHECK(compare(rt0, ref) == 0);

   /* Empty and inverted rectangles clear nothing. */
   const RECT e[2] = { rect(5, 5, 5, 9), rect(30, 30, 20, 20) };
   CHECK_HR(clear(dev, D3DCLEAR_TARGET, 0xffffffff, 1.0f, 0, 2, e), S_OK);
   CHECK(compare(rt0, ref) == 0);
}

static void
scissor(void)
{
   reset();
   RECT s = rect(4, 6, 30, 20);
   CHECK_HR(dev->funcs.pfnSetScissorRect(dev->hDevice, &s), S_OK);
   /* Scissor off: not applied. */
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff111111,
                  1.0f, 0, 0, NULL), S_OK);
   ref_fill(ref, rect(0, 0, W, H), 0xff111111);
   CHECK(compare(rt0, ref) == 0);
   /* On: the viewport's clear and rectangles are clipped to it. */
   set_rs(dev, D3DRS_SCISSORTESTENABLE, TRUE);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff222222,
                  1.0f, 0, 0, NULL), S_OK);
   ref_fill(ref, s, 0xff222222);
   CHECK(compare(rt0, ref) == 0);
   const RECT r = rect(20, 0, 64, 10);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff333333,
                  1.0f, 0, 1, &r), S_OK);
   ref_fill(ref, rect(20, 6, 30, 10), 0xff333333);
   CHECK(compare(rt0, ref) == 0);
   set_rs(dev, D3DRS_SCISSORTESTENABLE, FALSE);
}

static void
multiple_targets(void)
{
   reset();
   set_target(dev, 1, rt1);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff445566,
                  1.0f, 0, 0, NULL), S_OK);
   ref_fill(ref, rect(0, 0, W, H), 0xff445566);
   CHECK(compare(rt0, ref) == 0);
   CHECK(compare(rt1, ref) == 0);
   set_target(dev, 1, NULL);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff000000,
                  1.0f, 0, 0, NULL), S_OK);
   ref_fill(ref, rect(0, 0, W, H), 0xff000000);
   CHECK(compare(rt0, ref) == 0);
   /* rt1 unbound: untouched. */
   ref_fill(ref, rect(0, 0, W, H), 0xff445566);
   CHECK(compare(rt1, ref) == 0);
}

static void
depth(void)
{
   reset();
   HANDLE z = depth_stencil(dev, D3DDDIFMT_D32F_LOCKABLE, W, H);
   D3DDDIARG_SETDEPTHSTENCIL ds = { z };
   CHECK_HR(dev->funcs.pfnSetDepthStencil(dev->hDevice, &ds), S_OK);
   CHECK_HR(clear(dev, D3DCLEAR_ZBUFFER | D3DCLEAR_COMPUTERECTS, 0, 0.25f, 0,
                  0, NULL), S_OK);
   const RECT r = rect(3, 3, 9, 7);
   CHECK_HR(clear(dev, D3DCLEAR_ZBUFFER, 0, 0.75f, 0, 1, &r), S_OK);
   /* The colour target is untouched by a depth clear. */
   CHECK(compare(rt0, ref) == 0);
   D3DDDIARG_LOCK l;
   CHECK_HR(lock_sub(dev, z, 0, L_READONLY, &l), S_OK);
   unsigned bad = 0;
   for (unsigned y = 0; l.pSurfData && y < H; y++) {
      for (unsigned x = 0; x < W; x++) {
         const float v = ((const float *)((const uint8_t *)l.pSurfData +
                                          y * l.Pitch))[x];
         const bool in = x >= 3 && x < 9 && y >= 3 && y < 7;
         bad += v != (in ? 0.75f : 0.25f);
      }
   }
   CHECK_HR(unlock_sub(dev, z, 0), S_OK);
   CHECK(bad == 0);
   ds.hZBuffer = NULL;
   CHECK_HR(dev->funcs.pfnSetDepthStencil(dev->hDevice, &ds), S_OK);
   CHECK_HR(rt_destroy_resource(dev, z), S_OK);
}

static void
bad_input(void)
{
   reset();
   D3DDDIARG_CLEAR c = { D3DCLEAR_TARGET, 0, 1.0f, 0 };
   CHECK_HR(dev->funcs.pfnClear(NULL, &c, 0, NULL), E_FAIL);
   CHECK_HR(dev->funcs.pfnClear(dev->hDevice, NULL, 0, NULL), E_FAIL);
   CHECK_HR(dev->funcs.pfnClear(dev->hDevice, &c, 2, NULL), E_FAIL);
   D3DDDIARG_SETRENDERTARGET t = { 4, rt0, 0 };
   CHECK_HR(dev->funcs.pfnSetRenderTarget(dev->hDevice, &t), E_FAIL);
   t.RenderTargetIndex = 0;
   t.SubResourceIndex = 1;
   CHECK_HR(dev->funcs.pfnSetRenderTarget(dev->hDevice, &t), E_FAIL);
   /* A buffer is no target. */
   HANDLE vb = NULL;
   CHECK_HR(rt_create_buffer(dev, 256, false, false, &vb), S_OK);
   t.hRenderTarget = vb;
   t.SubResourceIndex = 0;
   CHECK_HR(dev->funcs.pfnSetRenderTarget(dev->hDevice, &t), E_FAIL);
   D3DDDIARG_SETDEPTHSTENCIL ds = { rt0 };
   CHECK_HR(dev->funcs.pfnSetDepthStencil(dev->hDevice, &ds), E_FAIL);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
   /* Nothing changed: the target still clears. */
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff123456,
                  1.0f, 0, 0, NULL), S_OK);
   ref_fill(ref, rect(0, 0, W, H), 0xff123456);
   CHECK(compare(rt0, ref) == 0);
}

/* A bound target destroyed: the device forgets it, Clear still works. */
static void
destroy_bound(void)
{
   HANDLE t = render_target(dev, D3DDDIFMT_A8R8G8B8, W, H);
   set_target(dev, 1, t);
   CHECK_HR(rt_destroy_resource(dev, t), S_OK);
   reset();
   CHECK(compare(rt0, ref) == 0);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   struct rt_adapter *adapter = test_open_adapter(drv);
   dev = test_create_device(adapter);
   rt0 = render_target(dev, D3DDDIFMT_A8R8G8B8, W, H);
   rt1 = render_target(dev, D3DDDIFMT_A8R8G8B8, W, H);
   set_target(dev, 0, rt0);

   SUBTEST("whole-viewport", whole_viewport());
   SUBTEST("no-rects-without-computerects", no_rects_without_computerects());
   SUBTEST("rects", rects());
   SUBTEST("scissor", scissor());
   SUBTEST("multiple-targets", multiple_targets());
   SUBTEST("depth", depth());
   SUBTEST("bad-input", bad_input());
   SUBTEST("destroy-bound", destroy_bound());

   CHECK_HR(rt_destroy_resource(dev, rt0), S_OK);
   CHECK_HR(rt_destroy_resource(dev, rt1), S_OK);
   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL
                                                     : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

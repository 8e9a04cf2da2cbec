/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Present and SetDisplayMode through the DDI: the frame a runtime receives
 * in pfnPresentCb.  The test runtime "shows" a present whose destination
 * is in system memory by copying that memory at the callback, so each
 * check sees what the runtime had when the driver handed the frame over.
 * Expected pixels come from what the test drew (clear colours and
 * rectangles with edges between pixel centres).
 */

#include <stdio.h>

#include "render_util.h"

#define W 32
#define H 32

static struct rt_adapter *adapter;
static struct rt_device *dev;
static HANDLE decl, vs, ps;

/* A W x H (or w x h) system-memory surface with a tight pitch: the
 * runtime's window image. */
static HANDLE
window_image(unsigned w, unsigned h, uint32_t **mem_out)
{
   uint32_t *mem = calloc((size_t)w * h, 4);
   D3DDDI_SURFACEINFO s = { .Width = w, .Height = h, .Depth = 1,
                            .pSysMem = mem, .SysMemPitch = w * 4 };
   D3DDDIARG_CREATERESOURCE2 args = {
      .Format = D3DDDIFMT_A8R8G8B8, .Pool = D3DDDIPOOL_SYSTEMMEM,
      .pSurfList = &s, .SurfCount = 1, .MipLevels = 1,
   };
   HANDLE r = NULL;
   CHECK_HR(rt_create_resource(dev, &args, &r), S_OK);
   rt_keep_sysmem(dev, r, mem);
   *mem_out = mem;
   return r;
}

static HRESULT
present(HANDLE src, UINT src_sub, HANDLE dst, UINT flags)
{
   D3DDDIARG_PRESENT p = {
      .hSrcResource = src, .SrcSubResourceIndex = src_sub,
      .hDstResource = dst, .FlipInterval = D3DDDI_FLIPINTERVAL_IMMEDIATE,
   };
   p.Flags.Value = flags;
   return dev->funcs.pfnPresent(dev->hDevice, &p);
}

#define PRESENT_BLT 1u
#define PRESENT_COLORFILL 2u
#define PRESENT_FLIP 4u

/* Blue everywhere, a green square over pixels 8..23 drawn on top: on
 * llvmpipe the draw is still queued on the rasteriser's threads when
 * Present is called. */
static void
draw_frame(HANDLE target)
{
   set_target(dev, 0, target);
   set_viewport(dev, 0, 0, W, H);
   set_rs(dev, D3DRS_CULLMODE, D3DCULL_NONE);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xff0000ff,
                  1.0f, 0, 0, NULL), S_OK);
   CHECK_HR(dev->funcs.pfnSetVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, vs), S_OK);
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, ps), S_OK);
   const float green[4] = { 0, 1, 0, 1 };
   set_ps_const(dev, 0, green, 1);
   const struct vtx v[4] = {
      sv(7.5f, 7.5f, 0.5f, 0, 0, 0, 0), sv(23.5f, 7.5f, 0.5f, 0, 0, 0, 0),
      sv(7.5f, 23.5f, 0.5f, 0, 0, 0, 0), sv(23.5f, 23.5f, 0.5f, 0, 0, 0, 0),
   };
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, v), S_OK);
   CHECK_HR(draw(dev, D3DPT_TRIANGLESTRIP, 0, 2), S_OK);
}

static unsigned
count_bad_frame(const uint32_t *img, unsigned w, unsigned h, unsigned scale)
{
   unsigned bad = 0;
   for (unsigned y = 0; y < h; y++) {
      for (unsigned x = 0; x < w; x++) {
         const unsigned sx = x * scale, sy = y * scale;
         const bool in = sx >= 8 && sx < 24 && sy >= 8 && sy < 24;
         const uint32_t e = in ? 0xff00ff00 : 0xff0000ff;
         if (img[y * w + x] != e && bad++ < 4)
            printf("  presented pixel (%u,%u): 0x%08x, expected 0x%08x\n", x,
                   y, img[y * w + x], e);
      }
   }
   return bad;
}

/* Present with a system-memory destination: the finished frame is in the
 * runtime's memory when pfnPresentCb runs, and the callback names the
 * source and destination allocations and the device's context. */
static void
blt_to_system_memory(void)
{
   HANDLE rt = render_target(dev, D3DDDIFMT_A8R8G8B8, W, H);
   uint32_t *mem;
   HANDLE win = window_image(W, H, &mem);
   static uint32_t shown[W * H];
   memset(shown, 0, sizeof(shown));
   dev->present.frame = shown;
   dev->present.bytes = sizeof(shown);
   const unsigned count = dev->present.count;
   const unsigned copied = dev->present.frames_copied;

   draw_frame(rt);
   CHECK_HR(present(rt, 0, win, PRESENT_BLT), S_OK);
   CHECK(dev->present.count == count + 1);
   CHECK(dev->present.frames_copied == copied + 1);
   CHECK(dev->present.src == rt_allocation_handle_of(dev, rt));
   CHECK(dev->present.dst == rt_allocation_handle_of(dev, win));
   CHECK(dev->present.src != 0 && dev->present.dst != 0);
   CHECK(dev->present.context != NULL);
   CHECK(count_bad_frame(shown, W, H, 1) == 0);

   /* The next frame: the window shows it, not the last one. */
   set_target(dev, 0, rt);
   CHECK_HR(clear(dev, D3DCLEAR_TARGET | D3DCLEAR_COMPUTERECTS, 0xffff0000,
                  1.0f, 0, 0, NULL), S_OK);
   CHECK_HR(present(rt, 0, win, PRESENT_BLT), S_OK);
   unsigned red = 0;
   for (unsigned i = 0; i < W * H; i++)
      red += shown[i] == 0xffff0000;
   CHECK(red == W * H);

   dev->present.frame = NULL;
   dev->present.bytes = 0;
   CHECK_HR(rt_destroy_resource(dev, win), S_OK);
   CHECK_HR(rt_destroy_resource(dev, rt), S_OK);
}

/* A destination of another size: the frame is stretched (half size here:
 * each presented pixel filters a 2x2 block of one colour). */
static void
stretched(void)
{
   HANDLE rt = render_target(dev, D3DDDIFMT_A8R8G8B8, W, H);
   uint32_t *mem;
   HANDLE win = window_image(W / 2, H / 2, &mem);
   static uint32_t shown[(W / 2) * (H / 2)];
   dev->present.frame = shown;
   dev->present.bytes = sizeof(shown);

   draw_frame(rt);
   CHECK_HR(present(rt, 0, win, PRESENT_BLT), S_OK);
   CHECK(count_bad_frame(shown, W / 2, H / 2, 2) == 0);

   dev->present.frame = NULL;
   dev->present.bytes = 0;
   CHECK_HR(rt_destroy_resource(dev, win), S_OK);
   CHECK_HR(rt_destroy_resource(dev, rt), S_OK);
}

/* No destination: the runtime gets the source allocation and reads the
 * frame itself afterwards (a Blt into its memory): the frame is there. */
static void
source_only(void)
{
   HANDLE rt = render_target(dev, D3DDDIFMT_A8R8G8B8, W, H);
   uint32_t *mem;
   HANDLE win = window_image(W, H, &mem);
   draw_frame(rt);
   CHECK_HR(present(rt, 0, NULL, PRESENT_BLT), S_OK);
   CHECK(dev->present.src == rt_allocation_handle_of(dev, rt));
   CHECK(dev->present.dst == 0);
   D3DDDIARG_BLT b = {
      .hSrcResource = rt, .SrcRect = { 0, 0, W, H },
      .hDstResource = win, .DstRect = { 0, 0, W, H },
   };
   CHECK_HR(dev->funcs.pfnBlt(dev->hDevice, &b), S_OK);
   CHECK(count_bad_frame(mem, W, H, 1) == 0);
   CHECK_HR(rt_destroy_resource(dev, win), S_OK);
   CHECK_HR(rt_destroy_resource(dev, rt), S_OK);
}

/* A colour fill names no source. */
static void
color_fill(void)
{
   const unsigned count = dev->present.count;
   CHECK_HR(present(NULL, 0, NULL, PRESENT_COLORFILL), S_OK);
   CHECK(dev->present.count == count + 1);
   CHECK(dev->present.src == 0 && dev->present.dst == 0);
}

/* A primary flip chain: SetDisplayMode scans out its allocation, and a
 * flip presents a buffer of it. */
static void
flip_chain(void)
{
   D3DDDI_SURFACEINFO s[2] = {
      { .Width = W, .Height = H, .Depth = 1 },
      { .Width = W, .Height = H, .Depth = 1 },
   };
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.Primary = 1;
   f.RenderTarget = 1;
   D3DDDIARG_CREATERESOURCE2 args = {
      .Format = D3DDDIFMT_X8R8G8B8, .Pool = D3DDDIPOOL_VIDEOMEMORY,
      .pSurfList = s, .SurfCount = 2, .MipLevels = 0, .Flags = f,
   };
   HANDLE primary = NULL;
   CHECK_HR(rt_create_resource(dev, &args, &primary), S_OK);
   if (!primary)
      return;
   const D3DKMT_HANDLE alloc = rt_allocation_handle_of(dev, primary);
   D3DDDIARG_SETDISPLAYMODE m = { primary, 0 };
   CHECK_HR(dev->funcs.pfnSetDisplayMode(dev->hDevice, &m), S_OK);
   CHECK(dev->scanout == alloc && alloc != 0);

   set_target(dev, 0, primary);
   CHECK_HR(present(primary, 1, NULL, PRESENT_FLIP), S_OK);
   CHECK(dev->present.src == alloc);

   /* Only a primary is scanned out; a buffer past the chain is none. */
   HANDLE rt = render_target(dev, D3DDDIFMT_A8R8G8B8, W, H);
   D3DDDIARG_SETDISPLAYMODE bad = { rt, 0 };
   CHECK_HR(dev->funcs.pfnSetDisplayMode(dev->hDevice, &bad), E_FAIL);
   D3DDDIARG_SETDISPLAYMODE past = { primary, 2 };
   CHECK_HR(dev->funcs.pfnSetDisplayMode(dev->hDevice, &past), E_FAIL);
   CHECK(dev->scanout == alloc);
   CHECK_HR(present(primary, 2, NULL, PRESENT_FLIP), E_FAIL);

   set_target(dev, 0, NULL);
   CHECK_HR(rt_destroy_resource(dev, rt), S_OK);
   CHECK_HR(rt_destroy_resource(dev, primary), S_OK);
}

/* pfnPresentCb's error is the call's, unchanged, and the device goes on. */
static void
callback_error(void)
{
   HANDLE rt = render_target(dev, D3DDDIFMT_A8R8G8B8, W, H);
   draw_frame(rt);
   rt_fail_next(adapter, RT_CB_PRESENT, E_OUTOFMEMORY, 1);
   CHECK_HR(present(rt, 0, NULL, PRESENT_BLT), E_OUTOFMEMORY);
   rt_fail_next(adapter, RT_CB_PRESENT, (HRESULT)0x887c0003L, 1);
   CHECK_HR(present(rt, 0, NULL, PRESENT_BLT), (HRESULT)0x887c0003L);
   CHECK_HR(present(rt, 0, NULL, PRESENT_BLT), S_OK);
   draw_frame(rt);
   CHECK_HR(present(rt, 0, NULL, PRESENT_BLT), S_OK);
   CHECK_HR(rt_destroy_resource(dev, rt), S_OK);
}

/* Bad input: E_FAIL, no callback, nothing changed. */
static void
bad_input(void)
{
   HANDLE rt = render_target(dev, D3DDDIFMT_A8R8G8B8, W, H);
   HANDLE vb = NULL;
   CHECK_HR(rt_create_buffer(dev, 64, false, false, &vb), S_OK);
   const unsigned count = dev->present.count;
   CHECK_HR(dev->funcs.pfnPresent(dev->hDevice, NULL), E_FAIL);
   CHECK_HR(present((HANDLE)(uintptr_t)0x1234, 0, NULL, PRESENT_BLT),
            E_FAIL);
   CHECK_HR(present(rt, 1, NULL, PRESENT_BLT), E_FAIL);
   CHECK_HR(present(rt, 0, (HANDLE)(uintptr_t)0x1234, PRESENT_BLT), E_FAIL);
   CHECK_HR(present(vb, 0, NULL, PRESENT_BLT), E_FAIL);
   CHECK_HR(present(NULL, 0, NULL, PRESENT_BLT), E_FAIL);
   CHECK_HR(dev->funcs.pfnSetDisplayMode(dev->hDevice, NULL), E_FAIL);
   CHECK(dev->present.count == count);
   CHECK_HR(present(rt, 0, NULL, PRESENT_BLT), S_OK);
   CHECK(dev->present.count == count + 1);
   CHECK_HR(rt_destroy_resource(dev, vb), S_OK);
   CHECK_HR(rt_destroy_resource(dev, rt), S_OK);
}

static const uint32_t ps_c0_code[] = {
   SM_PS(2, 0),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, 0xf),
   SM_SRC(D3DSPR_CONST, 0, SM_NOSWZ),
   SM_END,
};

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   adapter = test_open_adapter(drv);
   dev = test_create_device(adapter);
   decl = vertex_decl(dev, elems_pos_t0, 2);
   vs = vertex_shader(dev, vs_pos_t0, ARRAY_SIZE(vs_pos_t0));
   ps = pixel_shader(dev, ps_c0_code, ARRAY_SIZE(ps_c0_code));

   SUBTEST("blt-to-system-memory", blt_to_system_memory());
   SUBTEST("stretched", stretched());
   SUBTEST("source-only", source_only());
   SUBTEST("color-fill", color_fill());
   SUBTEST("flip-chain", flip_chain());
   SUBTEST("callback-error", callback_error());
   SUBTEST("bad-input", bad_input());

   CHECK_HR(dev->funcs.pfnDeletePixelShader(dev->hDevice, ps), S_OK);
   CHECK_HR(dev->funcs.pfnDeleteVertexShaderFunc(dev->hDevice, vs), S_OK);
   CHECK_HR(dev->funcs.pfnDeleteVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL
                                                     : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

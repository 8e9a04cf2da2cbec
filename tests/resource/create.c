/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-resource-create: CreateResource2/CreateResource/DestroyResource
 * for every kind of resource the DDI creates, the allocation protocol
 * (one pfnAllocateCb per resource with the runtime's handle, released by
 * DestroyResource), bad input, and GetCaps' format table checked in both
 * directions against creation.
 */

#include <string.h>

#include "test_util.h"

static struct rt_device *dev;
static struct rt_adapter *adapter;

static HRESULT
create(D3DDDIFORMAT format, D3DDDI_POOL pool, D3DDDI_RESOURCEFLAGS flags,
       const D3DDDI_SURFACEINFO *surfs, UINT count, UINT levels, HANDLE *out)
{
   D3DDDIARG_CREATERESOURCE2 args = {
      .Format = format, .Pool = pool, .pSurfList = surfs, .SurfCount = count,
      .MipLevels = levels, .Flags = flags,
   };
   return rt_create_resource(dev, &args, out);
}

/* A mip chain of `levels` surfaces from (w, h, d). */
static unsigned
chain(D3DDDI_SURFACEINFO *s, unsigned faces, unsigned levels, UINT w, UINT h,
      UINT d)
{
   unsigned n = 0;
   for (unsigned f = 0; f < faces; f++) {
      for (unsigned l = 0; l < levels; l++) {
         s[n].Width = w >> l ? w >> l : 1;
         s[n].Height = h >> l ? h >> l : 1;
         s[n].Depth = d >> l ? d >> l : 1;
         n++;
      }
   }
   return n;
}

static void
kind(const char *what, D3DDDIFORMAT format, D3DDDI_POOL pool,
     D3DDDI_RESOURCEFLAGS flags, const D3DDDI_SURFACEINFO *s, UINT count,
     UINT levels)
{
   HANDLE h = NULL;
   unsigned before = rt_live_allocations(dev);
   rt_reset_calls(adapter);
   HRESULT hr = create(format, pool, flags, s, count, levels, &h);
   if (hr != S_OK) {
      printf("  FAILED: creating %s: 0x%08x\n", what, (unsigned)hr);
      piglit_check_failed = true;
      return;
   }
   /* One allocation, made for the runtime's handle. */
   CHECK(rt_count(adapter, RT_CB_ALLOCATE) == 1);
   CHECK(rt_live_allocations(dev) == before + 1);
   CHECK(rt_allocation_for(dev, dev->last_rt_resource) != NULL);
   CHECK(h != dev->last_rt_resource);
   /* Every subresource locks (a NotLockable one too: the Lock page). */
   for (UINT i = 0; i < count; i++) {
      D3DDDIARG_LOCK lock = { .hResource = h, .SubResourceIndex = i };
      lock.Flags.ReadOnly = 1;
      HRESULT lr = dev->funcs.pfnLock(dev->hDevice, &lock);
      if (lr != S_OK || !lock.pSurfData) {
         printf("  FAILED: %s subresource %u lock: 0x%08x\n", what, i,
                (unsigned)lr);
         piglit_check_failed = true;
         continue;
      }
      D3DDDIARG_UNLOCK unlock = { .hResource = h, .SubResourceIndex = i };
      CHECK_HR(dev->funcs.pfnUnlock(dev->hDevice, &unlock), S_OK);
   }
   CHECK_HR(rt_destroy_resource(dev, h), S_OK);
   CHECK(rt_count(adapter, RT_CB_DEALLOCATE) == 1);
   CHECK(rt_live_allocations(dev) == before);
}

static void
every_kind(void)
{
   D3DDDI_SURFACEINFO s[64];
   D3DDDI_RESOURCEFLAGS f;

   memset(s, 0, sizeof(s));
   f.Value = 0; f.VertexBuffer = 1;
   s[0] = (D3DDDI_SURFACEINFO){ .Width = 65536, .Height = 1, .Depth = 1 };
   kind("vertex buffer", D3DDDIFMT_VERTEXDATA, D3DDDIPOOL_VIDEOMEMORY, f, s, 1, 1);
   f.Dynamic = 1; f.WriteOnly = 1;
   kind("dynamic vertex buffer", D3DDDIFMT_VERTEXDATA, D3DDDIPOOL_VIDEOMEMORY, f, s, 1, 1);
   f.Value = 0; f.IndexBuffer = 1;
   kind("index buffer 16", D3DDDIFMT_INDEX16, D3DDDIPOOL_VIDEOMEMORY, f, s, 1, 1);
   kind("index buffer 32", D3DDDIFMT_INDEX32, D3DDDIPOOL_VIDEOMEMORY, f, s, 1, 1);

   f.Value = 0; f.Texture = 1;
   unsigned n = chain(s, 1, 7, 64, 64, 1);
   kind("mipmapped texture", D3DDDIFMT_A8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, f, s, n, 7);
   n = chain(s, 1, 3, 64, 32, 1);
   kind("DXT1 texture", D3DDDIFMT_DXT1, D3DDDIPOOL_VIDEOMEMORY, f, s, n, 3);
   f.Dynamic = 1;
   n = chain(s, 1, 1, 128, 128, 1);
   kind("dynamic texture", D3DDDIFMT_X8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, f, s, n, 1);
   f.Value = 0; f.Texture = 1; f.CubeMap = 1;
   n = chain(s, 6, 6, 32, 32, 1);
   kind("cube texture", D3DDDIFMT_A8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, f, s, n, 6);
   f.Value = 0; f.Texture = 1; f.Volume = 1;
   n = chain(s, 1, 4, 16, 16, 8);
   kind("volume texture", D3DDDIFMT_A8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, f, s, n, 4);

   n = chain(s, 1, 1, 100, 60, 1);
   f.Value = 0; f.RenderTarget = 1;
   kind("render target", D3DDDIFMT_X8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, f, s, n, 1);
   f.Value = 0; f.ZBuffer = 1;
   kind("lockable depth", D3DDDIFMT_D16_LOCKABLE, D3DDDIPOOL_VIDEOMEMORY, f, s, n, 1);
   f.Value = 0;
   kind("offscreen plain", D3DDDIFMT_A8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, f, s, n, 1);
   f.Value = 0; f.NotLockable = 1; f.RenderTarget = 1;
   kind("not-lockable render target", D3DDDIFMT_A8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, f, s, n, 1);
   f.Value = 0; f.RenderTarget = 1;
   n = chain(s, 3, 1, 80, 40, 1);
   kind("swap chain", D3DDDIFMT_X8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, f, s, n, 0);

   /* System memory: the runtime's storage. */
   static uint8_t mem[2][64 * 64 * 4];
   s[0] = (D3DDDI_SURFACEINFO){ .Width = 64, .Height = 64, .Depth = 1,
                                .pSysMem = mem[0], .SysMemPitch = 256 };
   s[1] = (D3DDDI_SURFACEINFO){ .Width = 32, .Height = 32, .Depth = 1,
                                .pSysMem = mem[1], .SysMemPitch = 128 };
   f.Value = 0; f.Texture = 1;
   kind("system-memory texture", D3DDDIFMT_A8R8G8B8, D3DDDIPOOL_SYSTEMMEM, f, s, 2, 2);
}

static void
old_entry_point(void)
{
   /* CreateResource (without 2) makes the same resources. */
   D3DDDI_SURFACEINFO s = { .Width = 32, .Height = 32, .Depth = 1 };
   D3DDDIARG_CREATERESOURCE args = {
      .Format = D3DDDIFMT_A8R8G8B8, .Pool = D3DDDIPOOL_VIDEOMEMORY,
      .pSurfList = &s, .SurfCount = 1, .MipLevels = 1,
      .hResource = (HANDLE)(uintptr_t)0x7700,
   };
   args.Flags.Texture = 1;
   CHECK_HR(dev->funcs.pfnCreateResource(dev->hDevice, &args), S_OK);
   CHECK(args.hResource != (HANDLE)(uintptr_t)0x7700);
   CHECK_HR(dev->funcs.pfnDestroyResource(dev->hDevice, args.hResource), S_OK);
}

static void
bad_input(void)
{
   D3DDDI_SURFACEINFO s[8] = { { .Width = 16, .Height = 16, .Depth = 1 } };
   D3DDDI_RESOURCEFLAGS tex = { .Value = 0 }, vb = { .Value = 0 };
   tex.Texture = 1;
   vb.VertexBuffer = 1;
   HANDLE h = (HANDLE)(uintptr_t)1;
   const unsigned live = rt_live_allocations(dev);

   /* Unsupported formats and zero sizes: E_FAIL, or D3DERR_NOTAVAILABLE
    * for vertex and index buffers (the CreateResource page). */
   CHECK_HR(create(D3DDDIFMT_P8, D3DDDIPOOL_VIDEOMEMORY, tex, s, 1, 1, &h),
            E_FAIL);
   CHECK_HR(create((D3DDDIFORMAT)12345, D3DDDIPOOL_VIDEOMEMORY, tex, s, 1, 1,
                   &h), E_FAIL);
   D3DDDI_SURFACEINFO zero = { .Width = 0, .Height = 16, .Depth = 1 };
   CHECK_HR(create(D3DDDIFMT_A8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, tex, &zero, 1,
                   1, &h), E_FAIL);
   zero.Height = 1;
   CHECK_HR(create(D3DDDIFMT_VERTEXDATA, D3DDDIPOOL_VIDEOMEMORY, vb, &zero, 1,
                   1, &h), D3DDDIERR_NOTAVAILABLE);
   /* Malformed surface lists. */
   CHECK_HR(create(D3DDDIFMT_A8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, tex, NULL, 1, 1,
                   &h), E_FAIL);
   CHECK_HR(create(D3DDDIFMT_A8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, tex, s, 0, 1,
                   &h), E_FAIL);
   CHECK_HR(create(D3DDDIFMT_A8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, tex, s, 2, 3,
                   &h), E_FAIL);
   /* System memory without the runtime's memory. */
   CHECK_HR(create(D3DDDIFMT_A8R8G8B8, D3DDDIPOOL_SYSTEMMEM, tex, s, 1, 1, &h),
            E_FAIL);
   CHECK(h == (HANDLE)(uintptr_t)1 || h == dev->last_rt_resource ||
         h != NULL);
   /* Nothing allocated by any of them. */
   CHECK(rt_live_allocations(dev) == live);

   /* A failing pfnAllocateCb: its error, nothing left behind. */
   rt_fail_next(adapter, RT_CB_ALLOCATE, E_OUTOFMEMORY, 1);
   CHECK_HR(create(D3DDDIFMT_A8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, tex, s, 1, 1,
                   &h), E_OUTOFMEMORY);
   CHECK(rt_live_allocations(dev) == live);

   /* A failing pfnDeallocateCb: its error, the resource intact and
    * destroyable afterwards. */
   CHECK_HR(create(D3DDDIFMT_A8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, tex, s, 1, 1,
                   &h), S_OK);
   rt_fail_next(adapter, RT_CB_DEALLOCATE, D3DDDIERR_DEVICEREMOVED, 1);
   CHECK_HR(dev->funcs.pfnDestroyResource(dev->hDevice, h),
            D3DDDIERR_DEVICEREMOVED);
   D3DDDIARG_LOCK probe = { .hResource = h };
   CHECK_HR(dev->funcs.pfnLock(dev->hDevice, &probe), S_OK);
   D3DDDIARG_UNLOCK unprobe = { .hResource = h };
   CHECK_HR(dev->funcs.pfnUnlock(dev->hDevice, &unprobe), S_OK);
   CHECK_HR(rt_destroy_resource(dev, h), S_OK);
   CHECK(rt_live_allocations(dev) == live);

   /* DestroyResource with NULL, foreign, stale handles. */
   CHECK_HR(dev->funcs.pfnDestroyResource(dev->hDevice, NULL), E_FAIL);
   CHECK_HR(dev->funcs.pfnDestroyResource(dev->hDevice, dev->hDevice), E_FAIL);
   CHECK_HR(create(D3DDDIFMT_A8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, tex, s, 1, 1,
                   &h), S_OK);
   CHECK_HR(rt_destroy_resource(dev, h), S_OK);
   CHECK_HR(dev->funcs.pfnDestroyResource(dev->hDevice, h), E_FAIL);

   /* Destroying a locked resource unlocks it: no dangling map, every
    * runtime lock balanced. */
   CHECK_HR(create(D3DDDIFMT_A8R8G8B8, D3DDDIPOOL_VIDEOMEMORY, tex, s, 1, 1,
                   &h), S_OK);
   D3DDDIARG_LOCK lock = { .hResource = h };
   CHECK_HR(dev->funcs.pfnLock(dev->hDevice, &lock), S_OK);
   CHECK_HR(rt_destroy_resource(dev, h), S_OK);
   CHECK(rt_locked_allocations(dev) == 0);
   CHECK(rt_live_allocations(dev) == live);
}

/* Every format and use GetCaps reports creates; every format it does not
 * report as a texture fails to create as one. */
static void
caps_agree_with_creation(void)
{
   UINT count = 0;
   FORMATOP ops[256];
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETFORMATCOUNT, NULL, &count,
                        sizeof(count)), S_OK);
   if (count > 256)
      count = 256;
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETFORMATDATA, NULL, ops,
                        count * sizeof(FORMATOP)), S_OK);
   D3DDDI_SURFACEINFO s = { .Width = 16, .Height = 16, .Depth = 1 };
   unsigned failures = 0, checked = 0;
   for (unsigned i = 0; i < count; i++) {
      struct { DWORD op; unsigned flag; } uses[] = {
         { FORMATOP_TEXTURE, 0 }, { FORMATOP_OFFSCREEN_RENDERTARGET, 1 },
         { FORMATOP_ZSTENCIL, 2 }, { FORMATOP_CUBETEXTURE, 3 },
         { FORMATOP_VOLUMETEXTURE, 4 },
      };
      for (unsigned u = 0; u < 5; u++) {
         if (!(ops[i].Operations & uses[u].op))
            continue;
         D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
         D3DDDI_SURFACEINFO surfs[6];
         unsigned n = 1;
         switch (uses[u].flag) {
         case 0: f.Texture = 1; break;
         case 1: f.RenderTarget = 1; break;
         case 2: f.ZBuffer = 1; break;
         case 3: f.Texture = 1; f.CubeMap = 1; n = 6; break;
         case 4: f.Texture = 1; f.Volume = 1; s.Depth = 4; break;
         }
         for (unsigned k = 0; k < n; k++)
            surfs[k] = s;
         s.Depth = 1;
         HANDLE h;
         HRESULT hr = create(ops[i].Format, D3DDDIPOOL_VIDEOMEMORY, f, surfs,
                             n, 1, &h);
         checked++;
         if (hr != S_OK) {
            printf("  format %u reported with op 0x%x does not create: 0x%08x\n",
                   (unsigned)ops[i].Format, (unsigned)uses[u].op, (unsigned)hr);
            failures++;
         } else {
            rt_destroy_resource(dev, h);
         }
      }
   }
   /* The other direction: D3D9 formats not reported as textures. */
   static const D3DDDIFORMAT all[] = {
      D3DDDIFMT_A8R3G3B2, D3DDDIFMT_A8P8, D3DDDIFMT_P8, D3DDDIFMT_W11V11U10,
      D3DDDIFMT_CxV8U8, D3DDDIFMT_A1, D3DDDIFMT_A2B10G10R10_XR_BIAS,
      D3DDDIFMT_MULTI2_ARGB8, D3DDDIFMT_D15S1, D3DDDIFMT_D24X4S4,
      D3DDDIFMT_D24FS8,
   };
   for (unsigned a = 0; a < sizeof(all) / sizeof(all[0]); a++) {
      bool reported = false;
      for (unsigned i = 0; i < count; i++)
         reported |= ops[i].Format == all[a] &&
                     (ops[i].Operations & FORMATOP_TEXTURE);
      if (reported)
         continue;
      D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
      f.Texture = 1;
      HANDLE h;
      HRESULT hr = create(all[a], D3DDDIPOOL_VIDEOMEMORY, f, &s, 1, 1, &h);
      checked++;
      if (SUCCEEDED(hr)) {
         printf("  format %u not reported, yet a texture of it creates\n",
                (unsigned)all[a]);
         failures++;
         rt_destroy_resource(dev, h);
      }
   }
   printf("  %u format/use pairs checked\n", checked);
   CHECK(failures == 0);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   adapter = test_open_adapter(drv);
   dev = test_create_device(adapter);

   SUBTEST("every-kind", every_kind());
   SUBTEST("createresource-v1", old_entry_point());
   SUBTEST("bad-input", bad_input());
   SUBTEST("caps-agree-with-creation", caps_agree_with_creation());

   CHECK_HR(rt_device_destroy(dev), S_OK);
   piglit_subtest("protocol", rt_violations(adapter) ? PIGLIT_FAIL : PIGLIT_PASS);
   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

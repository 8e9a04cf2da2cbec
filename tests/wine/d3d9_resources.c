/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * A Windows (PE) program run under Wine against the project's d3d9.dll:
 * textures (2D, cube, volume), standalone surfaces and the copies
 * between them.  Level counts and sizes, locks written and read back,
 * UpdateSurface/UpdateTexture from system memory into render-target
 * textures read back with GetRenderTargetData, ColorFill and
 * StretchRect, level and texture reference counts, and D3D9's
 * D3DERR_INVALIDCALL cases.  Every expected value is computed here from
 * D3D9's rules and the data the test wrote.  Prints
 * "d3d9-resources: N checks, M failed"; exit status M (77 when the
 * runtime's devices are off: D3DUMD_D3D9_DEVICES=0).
 */

#define COBJMACROS
#define INITGUID
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <d3d9.h>

static unsigned checks, failures;

#define CHECK(cond, ...)                                                  \
   do {                                                                  \
      checks++;                                                          \
      if (!(cond)) {                                                     \
         failures++;                                                     \
         printf("d3d9-resources: line %d: %s: ", __LINE__, #cond);       \
         printf(__VA_ARGS__);                                            \
         printf("\n");                                                   \
      }                                                                  \
   } while (0)

#define HR_IS(expr, want)                                                 \
   do {                                                                  \
      HRESULT hr_ = (expr);                                              \
      CHECK(hr_ == (want), "%s: hr %#lx, want %#lx", #expr, hr_,         \
            (HRESULT)(want));                                            \
   } while (0)

static ULONG
refcount(void *iface)
{
   IUnknown_AddRef((IUnknown *)iface);
   return IUnknown_Release((IUnknown *)iface);
}

/* A test pattern: distinct in every pixel, level and face. */
static DWORD
pattern(unsigned x, unsigned y, unsigned z)
{
   return 0xff000000u | ((x * 7 + z * 31) & 0xff) << 16 |
          ((y * 13 + z * 17) & 0xff) << 8 | ((x ^ y ^ z) & 0xff);
}

static void
fill_rect(const D3DLOCKED_RECT *lr, unsigned w, unsigned h, unsigned z)
{
   for (unsigned y = 0; y < h; y++) {
      DWORD *row = (DWORD *)((BYTE *)lr->pBits + y * lr->Pitch);
      for (unsigned x = 0; x < w; x++)
         row[x] = pattern(x, y, z);
   }
}

static unsigned
count_mismatches(const D3DLOCKED_RECT *lr, unsigned x0, unsigned y0,
                 unsigned w, unsigned h, unsigned z, unsigned ox, unsigned oy)
{
   unsigned bad = 0;
   for (unsigned y = 0; y < h; y++) {
      const DWORD *row = (const DWORD *)((const BYTE *)lr->pBits +
                                         (y0 + y) * lr->Pitch);
      for (unsigned x = 0; x < w; x++)
         bad += row[x0 + x] != pattern(ox + x, oy + y, z);
   }
   return bad;
}

static void
test_creation(IDirect3DDevice9 *device)
{
   IDirect3DTexture9 *t = NULL;
   IDirect3DCubeTexture9 *c = NULL;
   IDirect3DVolumeTexture9 *v = NULL;
   IDirect3DSurface9 *s = NULL;
   D3DSURFACE_DESC desc;
   D3DVOLUME_DESC vdesc;
   HANDLE shared = NULL;

   /* Full chains: log2 of the largest side + 1. */
   HR_IS(IDirect3DDevice9_CreateTexture(device, 64, 32, 0, 0, D3DFMT_A8R8G8B8,
                                        D3DPOOL_DEFAULT, &t, NULL), D3D_OK);
   if (t) {
      CHECK(IDirect3DTexture9_GetLevelCount(t) == 7, "levels %lu",
            IDirect3DTexture9_GetLevelCount(t));
      HR_IS(IDirect3DTexture9_GetLevelDesc(t, 6, &desc), D3D_OK);
      CHECK(desc.Width == 1 && desc.Height == 1 &&
            desc.Format == D3DFMT_A8R8G8B8 && desc.Pool == D3DPOOL_DEFAULT &&
            desc.Type == D3DRTYPE_SURFACE, "level 6 %ux%u", desc.Width,
            desc.Height);
      HR_IS(IDirect3DTexture9_GetLevelDesc(t, 2, &desc), D3D_OK);
      CHECK(desc.Width == 16 && desc.Height == 8, "level 2 %ux%u",
            desc.Width, desc.Height);
      HR_IS(IDirect3DTexture9_GetLevelDesc(t, 7, &desc), D3DERR_INVALIDCALL);
      HR_IS(IDirect3DTexture9_GetSurfaceLevel(t, 7, &s), D3DERR_INVALIDCALL);
      /* Default-pool textures lock only when dynamic. */
      D3DLOCKED_RECT lr;
      HR_IS(IDirect3DTexture9_LockRect(t, 0, &lr, NULL, 0),
            D3DERR_INVALIDCALL);
      CHECK(IDirect3DTexture9_GetType(t) == D3DRTYPE_TEXTURE, "type");
      CHECK(IDirect3DTexture9_Release(t) == 0, "texture refcount");
      t = NULL;
   }
   HR_IS(IDirect3DDevice9_CreateTexture(device, 16, 16, 1, D3DUSAGE_DYNAMIC,
                                        D3DFMT_A8R8G8B8, D3DPOOL_DEFAULT, &t,
                                        NULL), D3D_OK);
   if (t) {
      D3DLOCKED_RECT lr;
      HR_IS(IDirect3DTexture9_LockRect(t, 0, &lr, NULL, 0), D3D_OK);
      HR_IS(IDirect3DTexture9_LockRect(t, 0, &lr, NULL, 0),
            D3DERR_INVALIDCALL);   /* already locked */
      HR_IS(IDirect3DTexture9_UnlockRect(t, 0), D3D_OK);
      /* Unlocking a 2D level that is not locked succeeds on Windows
       * (Wine's test_lockrect_invalid); a cube face's fails (below). */
      HR_IS(IDirect3DTexture9_UnlockRect(t, 0), D3D_OK);
      IDirect3DTexture9_Release(t);
      t = NULL;
   }
   IDirect3DCubeTexture9 *cube = NULL;
   HR_IS(IDirect3DDevice9_CreateCubeTexture(device, 16, 1, D3DUSAGE_DYNAMIC,
                                            D3DFMT_A8R8G8B8, D3DPOOL_DEFAULT,
                                            &cube, NULL), D3D_OK);
   if (cube) {
      D3DLOCKED_RECT lr;
      HR_IS(IDirect3DCubeTexture9_LockRect(cube, D3DCUBEMAP_FACE_POSITIVE_X,
                                           0, &lr, NULL, 0), D3D_OK);
      HR_IS(IDirect3DCubeTexture9_UnlockRect(cube, D3DCUBEMAP_FACE_POSITIVE_X,
                                             0), D3D_OK);
      HR_IS(IDirect3DCubeTexture9_UnlockRect(cube, D3DCUBEMAP_FACE_POSITIVE_X,
                                             0), D3DERR_INVALIDCALL);
      IDirect3DCubeTexture9_Release(cube);
   }

   /* D3D9's refusals. */
   HR_IS(IDirect3DDevice9_CreateTexture(device, 16, 16, 1,
                                        D3DUSAGE_RENDERTARGET,
                                        D3DFMT_A8R8G8B8, D3DPOOL_MANAGED, &t,
                                        NULL), D3DERR_INVALIDCALL);
   CHECK(t == NULL, "out pointer set on failure");
   HR_IS(IDirect3DDevice9_CreateTexture(device, 16, 16, 1, D3DUSAGE_DYNAMIC,
                                        D3DFMT_A8R8G8B8, D3DPOOL_MANAGED, &t,
                                        NULL), D3DERR_INVALIDCALL);
   HR_IS(IDirect3DDevice9_CreateTexture(device, 0, 16, 1, 0, D3DFMT_A8R8G8B8,
                                        D3DPOOL_DEFAULT, &t, NULL),
         D3DERR_INVALIDCALL);
   HR_IS(IDirect3DDevice9_CreateTexture(device, 16, 16, 1,
                                        D3DUSAGE_AUTOGENMIPMAP,
                                        D3DFMT_A8R8G8B8, D3DPOOL_SYSTEMMEM,
                                        &t, NULL), D3DERR_INVALIDCALL);
   HR_IS(IDirect3DDevice9_CreateTexture(device, 16, 16, 1, D3DUSAGE_WRITEONLY,
                                        D3DFMT_A8R8G8B8, D3DPOOL_DEFAULT, &t,
                                        NULL), D3DERR_INVALIDCALL);
   HR_IS(IDirect3DDevice9_CreateTexture(device, 16, 16, 1, 0, D3DFMT_D24S8,
                                        D3DPOOL_SYSTEMMEM, &t, NULL),
         D3DERR_INVALIDCALL);
   /* Shared handles are D3D9Ex's (Windows XP and Wine: E_NOTIMPL). */
   HR_IS(IDirect3DDevice9_CreateTexture(device, 16, 16, 1, 0, D3DFMT_A8R8G8B8,
                                        D3DPOOL_DEFAULT, &t, &shared),
         E_NOTIMPL);

   /* Autogen: one visible level. */
   HR_IS(IDirect3DDevice9_CreateTexture(device, 32, 32, 0,
                                        D3DUSAGE_AUTOGENMIPMAP,
                                        D3DFMT_A8R8G8B8, D3DPOOL_DEFAULT, &t,
                                        NULL), D3D_OK);
   if (t) {
      CHECK(IDirect3DTexture9_GetLevelCount(t) == 1, "autogen levels %lu",
            IDirect3DTexture9_GetLevelCount(t));
      CHECK(IDirect3DTexture9_GetAutoGenFilterType(t) == D3DTEXF_LINEAR,
            "autogen filter");
      HR_IS(IDirect3DTexture9_SetAutoGenFilterType(t, D3DTEXF_NONE),
            D3DERR_INVALIDCALL);
      HR_IS(IDirect3DTexture9_GetSurfaceLevel(t, 1, &s), D3DERR_INVALIDCALL);
      IDirect3DTexture9_Release(t);
      t = NULL;
   }

   /* Cube: six faces of a square chain. */
   HR_IS(IDirect3DDevice9_CreateCubeTexture(device, 32, 0, 0, D3DFMT_X8R8G8B8,
                                            D3DPOOL_DEFAULT, &c, NULL),
         D3D_OK);
   if (c) {
      CHECK(IDirect3DCubeTexture9_GetLevelCount(c) == 6, "cube levels %lu",
            IDirect3DCubeTexture9_GetLevelCount(c));
      HR_IS(IDirect3DCubeTexture9_GetLevelDesc(c, 3, &desc), D3D_OK);
      CHECK(desc.Width == 4 && desc.Height == 4, "cube level 3 %ux%u",
            desc.Width, desc.Height);
      HR_IS(IDirect3DCubeTexture9_GetCubeMapSurface(
               c, D3DCUBEMAP_FACE_NEGATIVE_Z, 5, &s), D3D_OK);
      if (s) {
         IDirect3DCubeTexture9 *container = NULL;
         HR_IS(IDirect3DSurface9_GetContainer(s, &IID_IDirect3DCubeTexture9,
                                              (void **)&container), D3D_OK);
         CHECK(container == c, "cube container %p", container);
         if (container)
            IDirect3DCubeTexture9_Release(container);
         IDirect3DSurface9_Release(s);
         s = NULL;
      }
      HR_IS(IDirect3DCubeTexture9_GetCubeMapSurface(
               c, D3DCUBEMAP_FACE_NEGATIVE_Z + 1, 0, &s), D3DERR_INVALIDCALL);
      CHECK(IDirect3DCubeTexture9_GetType(c) == D3DRTYPE_CUBETEXTURE,
            "cube type");
      IDirect3DCubeTexture9_Release(c);
   }

   /* Volume: the chain follows the largest of the three sizes. */
   HR_IS(IDirect3DDevice9_CreateVolumeTexture(device, 16, 8, 4, 0, 0,
                                              D3DFMT_A8R8G8B8,
                                              D3DPOOL_SYSTEMMEM, &v, NULL),
         D3D_OK);
   if (v) {
      CHECK(IDirect3DVolumeTexture9_GetLevelCount(v) == 5, "volume levels %lu",
            IDirect3DVolumeTexture9_GetLevelCount(v));
      HR_IS(IDirect3DVolumeTexture9_GetLevelDesc(v, 2, &vdesc), D3D_OK);
      CHECK(vdesc.Width == 4 && vdesc.Height == 2 && vdesc.Depth == 1 &&
            vdesc.Type == D3DRTYPE_VOLUME, "volume level 2 %ux%ux%u",
            vdesc.Width, vdesc.Height, vdesc.Depth);
      HR_IS(IDirect3DVolumeTexture9_GetLevelDesc(v, 5, &vdesc),
            D3DERR_INVALIDCALL);
      IDirect3DVolumeTexture9_Release(v);
      v = NULL;
   }
   HR_IS(IDirect3DDevice9_CreateVolumeTexture(device, 4, 4, 4, 1,
                                              D3DUSAGE_RENDERTARGET,
                                              D3DFMT_A8R8G8B8,
                                              D3DPOOL_DEFAULT, &v, NULL),
         D3DERR_INVALIDCALL);

   /* Standalone surfaces. */
   HR_IS(IDirect3DDevice9_CreateOffscreenPlainSurface(
            device, 16, 16, D3DFMT_A8R8G8B8, D3DPOOL_MANAGED, &s, NULL),
         D3DERR_INVALIDCALL);
   HR_IS(IDirect3DDevice9_CreateDepthStencilSurface(
            device, 16, 16, D3DFMT_A8R8G8B8, D3DMULTISAMPLE_NONE, 0, FALSE, &s,
            NULL), D3DERR_INVALIDCALL);
   HR_IS(IDirect3DDevice9_CreateRenderTarget(
            device, 16, 16, D3DFMT_D24S8, D3DMULTISAMPLE_NONE, 0, FALSE, &s,
            NULL), D3DERR_INVALIDCALL);
   HR_IS(IDirect3DDevice9_CreateDepthStencilSurface(
            device, 16, 16, D3DFMT_D24S8, D3DMULTISAMPLE_NONE, 0, FALSE, &s,
            NULL), D3D_OK);
   if (s) {
      D3DLOCKED_RECT lr;
      HR_IS(IDirect3DSurface9_GetDesc(s, &desc), D3D_OK);
      CHECK(desc.Usage == D3DUSAGE_DEPTHSTENCIL &&
            desc.Pool == D3DPOOL_DEFAULT, "ds usage %#lx", desc.Usage);
      HR_IS(IDirect3DSurface9_LockRect(s, &lr, NULL, 0), D3DERR_INVALIDCALL);
      IDirect3DSurface9_Release(s);
      s = NULL;
   }
   for (int lockable = 0; lockable < 2; lockable++) {
      HR_IS(IDirect3DDevice9_CreateRenderTarget(
               device, 16, 16, D3DFMT_X8R8G8B8, D3DMULTISAMPLE_NONE, 0,
               lockable, &s, NULL), D3D_OK);
      if (s) {
         D3DLOCKED_RECT lr;
         HR_IS(IDirect3DSurface9_LockRect(s, &lr, NULL, D3DLOCK_READONLY),
               lockable ? D3D_OK : D3DERR_INVALIDCALL);
         if (lockable)
            IDirect3DSurface9_UnlockRect(s);
         IDirect3DSurface9_Release(s);
         s = NULL;
      }
   }
}

/* The runtime's system-memory pitches follow the format's blocks. */
static void
test_sysmem_layout(IDirect3DDevice9 *device, IDirect3D9 *d3d)
{
   static const struct {
      D3DFORMAT format;
      UINT width, pitch;
   } cases[] = {
      { D3DFMT_A8R8G8B8, 12, 48 },
      { D3DFMT_R5G6B5, 10, 20 },
      { D3DFMT_A16B16G16R16F, 8, 64 },
      { D3DFMT_A32B32G32R32F, 4, 64 },
      { D3DFMT_DXT1, 16, 32 },    /* 4 blocks of 8 bytes */
      { D3DFMT_DXT5, 16, 64 },    /* 4 blocks of 16 bytes */
   };
   for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
      if (FAILED(IDirect3D9_CheckDeviceFormat(d3d, 0, D3DDEVTYPE_HAL,
                                              D3DFMT_X8R8G8B8, 0,
                                              D3DRTYPE_TEXTURE,
                                              cases[i].format))) {
         printf("d3d9-resources: format %#x: not a texture format here\n",
                cases[i].format);
         continue;
      }
      IDirect3DTexture9 *t = NULL;
      HR_IS(IDirect3DDevice9_CreateTexture(device, cases[i].width, 8, 1, 0,
                                           cases[i].format,
                                           D3DPOOL_SYSTEMMEM, &t, NULL),
            D3D_OK);
      if (!t)
         continue;
      D3DLOCKED_RECT lr;
      HR_IS(IDirect3DTexture9_LockRect(t, 0, &lr, NULL, 0), D3D_OK);
      CHECK(lr.Pitch == (INT)cases[i].pitch, "format %#x pitch %d, want %u",
            cases[i].format, lr.Pitch, cases[i].pitch);
      IDirect3DTexture9_UnlockRect(t, 0);
      IDirect3DTexture9_Release(t);
   }
}

static void
test_refcounts(IDirect3DDevice9 *device)
{
   IDirect3DTexture9 *t = NULL;
   IDirect3DSurface9 *s = NULL;
   const ULONG dev_ref = refcount(device);
   HR_IS(IDirect3DDevice9_CreateTexture(device, 16, 16, 2, 0, D3DFMT_A8R8G8B8,
                                        D3DPOOL_SYSTEMMEM, &t, NULL), D3D_OK);
   if (!t)
      return;
   /* A texture holds its device while the program has it. */
   CHECK(refcount(device) == dev_ref + 1, "device refcount %lu, want %lu",
         refcount(device), dev_ref + 1);
   HR_IS(IDirect3DTexture9_GetSurfaceLevel(t, 1, &s), D3D_OK);
   /* A level's references are the texture's. */
   CHECK(refcount(t) == 2, "texture refcount %lu", refcount(t));
   CHECK(IDirect3DSurface9_AddRef(s) == 3, "level AddRef");
   CHECK(IDirect3DSurface9_Release(s) == 2, "level Release");
   IDirect3DTexture9 *container = NULL;
   HR_IS(IDirect3DSurface9_GetContainer(s, &IID_IDirect3DTexture9,
                                        (void **)&container), D3D_OK);
   CHECK(container == t, "container %p, want %p", container, t);
   if (container)
      IDirect3DTexture9_Release(container);
   CHECK(IDirect3DTexture9_Release(t) == 1, "texture release");
   /* The level keeps the texture alive. */
   D3DSURFACE_DESC desc;
   HR_IS(IDirect3DSurface9_GetDesc(s, &desc), D3D_OK);
   CHECK(desc.Width == 8, "level 1 width %u", desc.Width);
   CHECK(IDirect3DSurface9_Release(s) == 0, "last level release");
   CHECK(refcount(device) == dev_ref, "device refcount back to %lu: %lu",
         dev_ref, refcount(device));

   /* A render-target level the device has bound outlives the program's
    * last reference to its texture, without a public reference. */
   IDirect3DSurface9 *bb = NULL, *rt = NULL;
   HR_IS(IDirect3DDevice9_GetRenderTarget(device, 0, &bb), D3D_OK);
   t = NULL;
   HR_IS(IDirect3DDevice9_CreateTexture(device, 16, 16, 1,
                                        D3DUSAGE_RENDERTARGET,
                                        D3DFMT_X8R8G8B8, D3DPOOL_DEFAULT, &t,
                                        NULL), D3D_OK);
   if (!bb || !t)
      return;
   s = NULL;
   HR_IS(IDirect3DTexture9_GetSurfaceLevel(t, 0, &s), D3D_OK);
   HR_IS(IDirect3DDevice9_SetRenderTarget(device, 0, s), D3D_OK);
   IDirect3DSurface9_Release(s);
   CHECK(IDirect3DTexture9_Release(t) == 0, "bound texture's public refs");
   HR_IS(IDirect3DDevice9_Clear(device, 0, NULL, D3DCLEAR_TARGET, 0xff00ff00,
                                1.0f, 0), D3D_OK);
   HR_IS(IDirect3DDevice9_GetRenderTarget(device, 0, &rt), D3D_OK);
   CHECK(rt == s, "render target %p, want %p", rt, s);
   if (rt) {
      D3DSURFACE_DESC desc2;
      HR_IS(IDirect3DSurface9_GetDesc(rt, &desc2), D3D_OK);
      CHECK(desc2.Width == 16 && desc2.Usage == D3DUSAGE_RENDERTARGET,
            "bound level desc");
      IDirect3DSurface9_Release(rt);
   }
   HR_IS(IDirect3DDevice9_SetRenderTarget(device, 0, bb), D3D_OK);
   IDirect3DSurface9_Release(bb);
   CHECK(refcount(device) == dev_ref, "device refcount after unbind %lu",
         refcount(device));
}

/* System-memory texture -> render-target texture (UpdateTexture), a
 * system-memory surface into it (UpdateSurface), read back with
 * GetRenderTargetData. */
static void
test_update(IDirect3DDevice9 *device)
{
   enum { W = 32, H = 16 };
   IDirect3DTexture9 *src = NULL, *dst = NULL;
   IDirect3DSurface9 *dst0 = NULL, *readback = NULL, *patch = NULL;
   D3DLOCKED_RECT lr;

   HR_IS(IDirect3DDevice9_CreateTexture(device, W, H, 2, 0, D3DFMT_A8R8G8B8,
                                        D3DPOOL_SYSTEMMEM, &src, NULL),
         D3D_OK);
   HR_IS(IDirect3DDevice9_CreateTexture(device, W, H, 2,
                                        D3DUSAGE_RENDERTARGET,
                                        D3DFMT_A8R8G8B8, D3DPOOL_DEFAULT,
                                        &dst, NULL), D3D_OK);
   HR_IS(IDirect3DDevice9_CreateOffscreenPlainSurface(
            device, W, H, D3DFMT_A8R8G8B8, D3DPOOL_SYSTEMMEM, &readback,
            NULL), D3D_OK);
   HR_IS(IDirect3DDevice9_CreateOffscreenPlainSurface(
            device, 8, 8, D3DFMT_A8R8G8B8, D3DPOOL_SYSTEMMEM, &patch, NULL),
         D3D_OK);
   if (!src || !dst || !readback || !patch)
      goto out;
   HR_IS(IDirect3DTexture9_GetSurfaceLevel(dst, 0, &dst0), D3D_OK);

   /* Both levels written, read back before anything else. */
   for (unsigned l = 0; l < 2; l++) {
      HR_IS(IDirect3DTexture9_LockRect(src, l, &lr, NULL, 0), D3D_OK);
      CHECK(lr.Pitch >= (INT)(4 * (W >> l)), "pitch %d", lr.Pitch);
      fill_rect(&lr, W >> l, H >> l, l);
      HR_IS(IDirect3DTexture9_UnlockRect(src, l), D3D_OK);
   }
   HR_IS(IDirect3DTexture9_LockRect(src, 1, &lr, NULL, D3DLOCK_READONLY),
         D3D_OK);
   CHECK(count_mismatches(&lr, 0, 0, W / 2, H / 2, 1, 0, 0) == 0,
         "system-memory level 1 read back");
   IDirect3DTexture9_UnlockRect(src, 1);

   /* Wrong directions and kinds. */
   HR_IS(IDirect3DDevice9_UpdateTexture(device, (IDirect3DBaseTexture9 *)dst,
                                        (IDirect3DBaseTexture9 *)src),
         D3DERR_INVALIDCALL);
   HR_IS(IDirect3DDevice9_UpdateTexture(device, NULL,
                                        (IDirect3DBaseTexture9 *)dst),
         D3DERR_INVALIDCALL);

   HR_IS(IDirect3DDevice9_UpdateTexture(device, (IDirect3DBaseTexture9 *)src,
                                        (IDirect3DBaseTexture9 *)dst),
         D3D_OK);
   HR_IS(IDirect3DDevice9_GetRenderTargetData(device, dst0, readback), D3D_OK);
   HR_IS(IDirect3DSurface9_LockRect(readback, &lr, NULL, D3DLOCK_READONLY),
         D3D_OK);
   if (lr.pBits) {
      CHECK(count_mismatches(&lr, 0, 0, W, H, 0, 0, 0) == 0,
            "UpdateTexture level 0: %u pixels differ",
            count_mismatches(&lr, 0, 0, W, H, 0, 0, 0));
      IDirect3DSurface9_UnlockRect(readback);
   }

   /* Level 1 came along: read it through a level-1-sized surface. */
   IDirect3DSurface9 *dst1 = NULL, *readback1 = NULL;
   HR_IS(IDirect3DTexture9_GetSurfaceLevel(dst, 1, &dst1), D3D_OK);
   HR_IS(IDirect3DDevice9_CreateOffscreenPlainSurface(
            device, W / 2, H / 2, D3DFMT_A8R8G8B8, D3DPOOL_SYSTEMMEM,
            &readback1, NULL), D3D_OK);
   if (dst1 && readback1) {
      HR_IS(IDirect3DDevice9_GetRenderTargetData(device, dst1, readback1),
            D3D_OK);
      HR_IS(IDirect3DSurface9_LockRect(readback1, &lr, NULL,
                                       D3DLOCK_READONLY), D3D_OK);
      if (lr.pBits) {
         CHECK(count_mismatches(&lr, 0, 0, W / 2, H / 2, 1, 0, 0) == 0,
               "UpdateTexture level 1");
         IDirect3DSurface9_UnlockRect(readback1);
      }
      /* A size mismatch is refused. */
      HR_IS(IDirect3DDevice9_GetRenderTargetData(device, dst0, readback1),
            D3DERR_INVALIDCALL);
   }
   if (dst1)
      IDirect3DSurface9_Release(dst1);
   if (readback1)
      IDirect3DSurface9_Release(readback1);

   /* UpdateSurface: the patch's (2,2)-(6,6) to (20,8) of level 0. */
   HR_IS(IDirect3DSurface9_LockRect(patch, &lr, NULL, 0), D3D_OK);
   if (lr.pBits) {
      fill_rect(&lr, 8, 8, 9);
      IDirect3DSurface9_UnlockRect(patch);
   }
   RECT r = { 2, 2, 6, 6 };
   POINT p = { 20, 8 };
   HR_IS(IDirect3DDevice9_UpdateSurface(device, patch, &r, dst0, &p), D3D_OK);
   POINT edge = { W - 2, 8 };
   HR_IS(IDirect3DDevice9_UpdateSurface(device, patch, &r, dst0, &edge),
         D3DERR_INVALIDCALL);   /* would leave the destination */
   HR_IS(IDirect3DDevice9_UpdateSurface(device, dst0, NULL, patch, NULL),
         D3DERR_INVALIDCALL);   /* default pool to system memory */
   HR_IS(IDirect3DDevice9_GetRenderTargetData(device, dst0, readback), D3D_OK);
   HR_IS(IDirect3DSurface9_LockRect(readback, &lr, NULL, D3DLOCK_READONLY),
         D3D_OK);
   if (lr.pBits) {
      CHECK(count_mismatches(&lr, 20, 8, 4, 4, 9, 2, 2) == 0,
            "UpdateSurface patch");
      /* Around it, UpdateTexture's data stays. */
      CHECK(count_mismatches(&lr, 0, 0, W, 8, 0, 0, 0) == 0,
            "rows above the patch");
      CHECK(count_mismatches(&lr, 0, 8, 20, 8, 0, 0, 8) == 0,
            "left of the patch");
      IDirect3DSurface9_UnlockRect(readback);
   }

out:
   if (dst0)
      IDirect3DSurface9_Release(dst0);
   if (patch)
      IDirect3DSurface9_Release(patch);
   if (readback)
      IDirect3DSurface9_Release(readback);
   if (src)
      IDirect3DTexture9_Release(src);
   if (dst)
      IDirect3DTexture9_Release(dst);
}

/* ColorFill into a render target, StretchRect (x2, point) into a
 * render-target texture, read back. */
static void
test_fill_stretch(IDirect3DDevice9 *device)
{
   IDirect3DSurface9 *rt = NULL, *level = NULL, *readback = NULL,
                     *sysmem = NULL;
   IDirect3DTexture9 *t = NULL, *plain_tex = NULL;
   D3DLOCKED_RECT lr;

   HR_IS(IDirect3DDevice9_CreateRenderTarget(device, 8, 8, D3DFMT_X8R8G8B8,
                                             D3DMULTISAMPLE_NONE, 0, FALSE,
                                             &rt, NULL), D3D_OK);
   HR_IS(IDirect3DDevice9_CreateTexture(device, 16, 16, 1,
                                        D3DUSAGE_RENDERTARGET,
                                        D3DFMT_X8R8G8B8, D3DPOOL_DEFAULT, &t,
                                        NULL), D3D_OK);
   HR_IS(IDirect3DDevice9_CreateOffscreenPlainSurface(
            device, 16, 16, D3DFMT_X8R8G8B8, D3DPOOL_SYSTEMMEM, &readback,
            NULL), D3D_OK);
   if (!rt || !t || !readback)
      goto out;
   HR_IS(IDirect3DTexture9_GetSurfaceLevel(t, 0, &level), D3D_OK);

   /* Red everywhere, a blue quarter at (4,0)-(8,4). */
   HR_IS(IDirect3DDevice9_ColorFill(device, rt, NULL, 0xffff0000), D3D_OK);
   RECT q = { 4, 0, 8, 4 };
   HR_IS(IDirect3DDevice9_ColorFill(device, rt, &q, 0xff0000ff), D3D_OK);
   RECT outside = { 4, 4, 12, 8 };
   HR_IS(IDirect3DDevice9_ColorFill(device, rt, &outside, 0xff00ff00),
         D3DERR_INVALIDCALL);
   HR_IS(IDirect3DDevice9_ColorFill(device, readback, NULL, 0xff00ff00),
         D3DERR_INVALIDCALL);   /* not the default pool */
   HR_IS(IDirect3DDevice9_CreateTexture(device, 8, 8, 1, 0, D3DFMT_X8R8G8B8,
                                        D3DPOOL_DEFAULT, &plain_tex, NULL),
         D3D_OK);
   if (plain_tex) {
      IDirect3DSurface9 *pl = NULL;
      IDirect3DTexture9_GetSurfaceLevel(plain_tex, 0, &pl);
      if (pl) {
         /* Not render-target textures: no fills, no StretchRect in. */
         HR_IS(IDirect3DDevice9_ColorFill(device, pl, NULL, 0xff00ff00),
               D3DERR_INVALIDCALL);
         HR_IS(IDirect3DDevice9_StretchRect(device, rt, NULL, pl, NULL,
                                            D3DTEXF_NONE),
               D3DERR_INVALIDCALL);
         IDirect3DSurface9_Release(pl);
      }
      IDirect3DTexture9_Release(plain_tex);
   }

   HR_IS(IDirect3DDevice9_StretchRect(device, rt, NULL, level, NULL,
                                      D3DTEXF_POINT), D3D_OK);
   HR_IS(IDirect3DDevice9_CreateOffscreenPlainSurface(
            device, 8, 8, D3DFMT_X8R8G8B8, D3DPOOL_SYSTEMMEM, &sysmem, NULL),
         D3D_OK);
   if (sysmem)
      HR_IS(IDirect3DDevice9_StretchRect(device, sysmem, NULL, level, NULL,
                                         D3DTEXF_NONE), D3DERR_INVALIDCALL);
   HR_IS(IDirect3DDevice9_GetRenderTargetData(device, level, readback),
         D3D_OK);
   HR_IS(IDirect3DSurface9_LockRect(readback, &lr, NULL, D3DLOCK_READONLY),
         D3D_OK);
   if (lr.pBits) {
      unsigned bad = 0;
      for (unsigned y = 0; y < 16; y++) {
         const DWORD *row = (const DWORD *)((BYTE *)lr.pBits + y * lr.Pitch);
         for (unsigned x = 0; x < 16; x++) {
            /* Doubled: the blue quarter covers (8,0)-(16,8). */
            const DWORD want = x >= 8 && y < 8 ? 0x0000ff : 0xff0000;
            bad += (row[x] & 0xffffff) != want;
         }
      }
      CHECK(bad == 0, "ColorFill + StretchRect: %u pixels differ", bad);
      IDirect3DSurface9_UnlockRect(readback);
   }

   /* A sub-rectangle, same size: (4,0)-(8,4) of the target to (0,12). */
   RECT sr = { 4, 0, 8, 4 }, dr = { 0, 12, 4, 16 };
   HR_IS(IDirect3DDevice9_StretchRect(device, rt, &sr, level, &dr,
                                      D3DTEXF_NONE), D3D_OK);
   RECT bad_rect = { 0, 12, 4, 17 };
   HR_IS(IDirect3DDevice9_StretchRect(device, rt, &sr, level, &bad_rect,
                                      D3DTEXF_NONE), D3DERR_INVALIDCALL);
   HR_IS(IDirect3DDevice9_GetRenderTargetData(device, level, readback),
         D3D_OK);
   HR_IS(IDirect3DSurface9_LockRect(readback, &lr, NULL, D3DLOCK_READONLY),
         D3D_OK);
   if (lr.pBits) {
      const DWORD *row = (const DWORD *)((BYTE *)lr.pBits + 13 * lr.Pitch);
      CHECK((row[1] & 0xffffff) == 0x0000ff, "(1,13) %#lx", row[1]);
      CHECK((row[5] & 0xffffff) == 0xff0000, "(5,13) %#lx", row[5]);
      IDirect3DSurface9_UnlockRect(readback);
   }

out:
   if (level)
      IDirect3DSurface9_Release(level);
   if (sysmem)
      IDirect3DSurface9_Release(sysmem);
   if (readback)
      IDirect3DSurface9_Release(readback);
   if (rt)
      IDirect3DSurface9_Release(rt);
   if (t)
      IDirect3DTexture9_Release(t);
}

/* Volumes: LockBox written and read back; UpdateTexture into a dynamic
 * default-pool volume texture, read back by locking it. */
static void
test_volumes(IDirect3DDevice9 *device)
{
   IDirect3DVolumeTexture9 *src = NULL, *dst = NULL;
   IDirect3DVolume9 *vol = NULL;
   D3DLOCKED_BOX lb;

   HR_IS(IDirect3DDevice9_CreateVolumeTexture(device, 8, 4, 4, 2, 0,
                                              D3DFMT_A8R8G8B8,
                                              D3DPOOL_SYSTEMMEM, &src, NULL),
         D3D_OK);
   HR_IS(IDirect3DDevice9_CreateVolumeTexture(device, 8, 4, 4, 2,
                                              D3DUSAGE_DYNAMIC,
                                              D3DFMT_A8R8G8B8,
                                              D3DPOOL_DEFAULT, &dst, NULL),
         D3D_OK);
   if (!src || !dst)
      goto out;
   for (unsigned l = 0; l < 2; l++) {
      HR_IS(IDirect3DVolumeTexture9_LockBox(src, l, &lb, NULL, 0), D3D_OK);
      if (!lb.pBits)
         continue;
      const unsigned w = 8 >> l, h = 4 >> l, d = 4 >> l;
      for (unsigned z = 0; z < d; z++)
         for (unsigned y = 0; y < h; y++)
            for (unsigned x = 0; x < w; x++)
               ((DWORD *)((BYTE *)lb.pBits + z * lb.SlicePitch +
                          y * lb.RowPitch))[x] = pattern(x, y, z + 8 * l);
      IDirect3DVolumeTexture9_UnlockBox(src, l);
   }
   D3DBOX bad = { 0, 0, 9, 4, 0, 4 };
   HR_IS(IDirect3DVolumeTexture9_LockBox(src, 0, &lb, &bad, 0),
         D3DERR_INVALIDCALL);
   CHECK(lb.pBits == NULL, "failed LockBox leaves pBits NULL");

   HR_IS(IDirect3DDevice9_UpdateTexture(device, (IDirect3DBaseTexture9 *)src,
                                        (IDirect3DBaseTexture9 *)dst),
         D3D_OK);
   for (unsigned l = 0; l < 2; l++) {
      HR_IS(IDirect3DVolumeTexture9_LockBox(dst, l, &lb, NULL,
                                            D3DLOCK_READONLY), D3D_OK);
      if (!lb.pBits)
         continue;
      const unsigned w = 8 >> l, h = 4 >> l, d = 4 >> l;
      unsigned wrong = 0;
      for (unsigned z = 0; z < d; z++)
         for (unsigned y = 0; y < h; y++)
            for (unsigned x = 0; x < w; x++)
               wrong += ((DWORD *)((BYTE *)lb.pBits + z * lb.SlicePitch +
                                   y * lb.RowPitch))[x] !=
                        pattern(x, y, z + 8 * l);
      CHECK(wrong == 0, "volume level %u: %u texels differ", l, wrong);
      IDirect3DVolumeTexture9_UnlockBox(dst, l);
   }

   /* A box of level 0 locks at its corner. */
   D3DBOX box = { 2, 1, 6, 3, 1, 3 };
   HR_IS(IDirect3DVolumeTexture9_LockBox(src, 0, &lb, &box, D3DLOCK_READONLY),
         D3D_OK);
   if (lb.pBits) {
      CHECK(*(DWORD *)lb.pBits == pattern(2, 1, 1), "box corner %#lx",
            *(DWORD *)lb.pBits);
      IDirect3DVolumeTexture9_UnlockBox(src, 0);
   }

   HR_IS(IDirect3DVolumeTexture9_GetVolumeLevel(src, 1, &vol), D3D_OK);
   if (vol) {
      D3DVOLUME_DESC d;
      HR_IS(IDirect3DVolume9_GetDesc(vol, &d), D3D_OK);
      CHECK(d.Width == 4 && d.Height == 2 && d.Depth == 2, "volume 1 desc");
      CHECK(refcount(src) == 2, "volume level holds the texture");
      HR_IS(IDirect3DVolume9_LockBox(vol, &lb, NULL, D3DLOCK_READONLY),
            D3D_OK);
      if (lb.pBits) {
         CHECK(((DWORD *)((BYTE *)lb.pBits + lb.SlicePitch))[3] ==
               pattern(3, 0, 9), "volume level 1 texel");
         IDirect3DVolume9_UnlockBox(vol);
      }
      IDirect3DVolume9_Release(vol);
   }
out:
   if (src)
      IDirect3DVolumeTexture9_Release(src);
   if (dst)
      IDirect3DVolumeTexture9_Release(dst);
}

/* A cube face through UpdateTexture and GetRenderTargetData. */
static void
test_cube_update(IDirect3DDevice9 *device)
{
   IDirect3DCubeTexture9 *src = NULL, *dst = NULL;
   IDirect3DSurface9 *face = NULL, *readback = NULL;
   D3DLOCKED_RECT lr;

   HR_IS(IDirect3DDevice9_CreateCubeTexture(device, 16, 1, 0, D3DFMT_A8R8G8B8,
                                            D3DPOOL_SYSTEMMEM, &src, NULL),
         D3D_OK);
   HR_IS(IDirect3DDevice9_CreateCubeTexture(device, 16, 1,
                                            D3DUSAGE_RENDERTARGET,
                                            D3DFMT_A8R8G8B8, D3DPOOL_DEFAULT,
                                            &dst, NULL), D3D_OK);
   HR_IS(IDirect3DDevice9_CreateOffscreenPlainSurface(
            device, 16, 16, D3DFMT_A8R8G8B8, D3DPOOL_SYSTEMMEM, &readback,
            NULL), D3D_OK);
   if (!src || !dst || !readback)
      goto out;
   for (unsigned f = 0; f < 6; f++) {
      HR_IS(IDirect3DCubeTexture9_LockRect(src, f, 0, &lr, NULL, 0), D3D_OK);
      if (lr.pBits) {
         fill_rect(&lr, 16, 16, 20 + f);
         IDirect3DCubeTexture9_UnlockRect(src, f, 0);
      }
   }
   HR_IS(IDirect3DDevice9_UpdateTexture(device, (IDirect3DBaseTexture9 *)src,
                                        (IDirect3DBaseTexture9 *)dst),
         D3D_OK);
   HR_IS(IDirect3DCubeTexture9_GetCubeMapSurface(
            dst, D3DCUBEMAP_FACE_POSITIVE_Z, 0, &face), D3D_OK);
   if (face) {
      HR_IS(IDirect3DDevice9_GetRenderTargetData(device, face, readback),
            D3D_OK);
      HR_IS(IDirect3DSurface9_LockRect(readback, &lr, NULL,
                                       D3DLOCK_READONLY), D3D_OK);
      if (lr.pBits) {
         CHECK(count_mismatches(&lr, 0, 0, 16, 16,
                                20 + D3DCUBEMAP_FACE_POSITIVE_Z, 0, 0) == 0,
               "cube +Z face");
         IDirect3DSurface9_UnlockRect(readback);
      }
   }
out:
   if (face)
      IDirect3DSurface9_Release(face);
   if (readback)
      IDirect3DSurface9_Release(readback);
   if (src)
      IDirect3DCubeTexture9_Release(src);
   if (dst)
      IDirect3DCubeTexture9_Release(dst);
}

int
main(void)
{
   HWND window = CreateWindowA("static", "d3d9-resources",
                               WS_POPUP | WS_VISIBLE, 0, 0, 64, 64, NULL,
                               NULL, NULL, NULL);
   CHECK(window != NULL, "no window");
   IDirect3D9 *d3d = Direct3DCreate9(D3D_SDK_VERSION);
   CHECK(d3d != NULL, "Direct3DCreate9");
   if (!window || !d3d)
      return 1;
   D3DPRESENT_PARAMETERS pp = {
      .BackBufferWidth = 64, .BackBufferHeight = 64,
      .BackBufferFormat = D3DFMT_X8R8G8B8, .BackBufferCount = 1,
      .SwapEffect = D3DSWAPEFFECT_DISCARD, .hDeviceWindow = window,
      .Windowed = TRUE, .EnableAutoDepthStencil = TRUE,
      .AutoDepthStencilFormat = D3DFMT_D24S8,
   };
   IDirect3DDevice9 *device = NULL;
   HRESULT hr = IDirect3D9_CreateDevice(d3d, 0, D3DDEVTYPE_HAL, window,
                                        D3DCREATE_HARDWARE_VERTEXPROCESSING,
                                        &pp, &device);
   if (hr == D3DERR_NOTAVAILABLE) {
      printf("d3d9-resources: skip: no devices (D3DUMD_D3D9_DEVICES=0 turns them off)\n");
      return 77;
   }
   CHECK(hr == D3D_OK && device, "CreateDevice hr %#lx", hr);
   if (!device)
      return 1;

   test_creation(device);
   test_sysmem_layout(device, d3d);
   test_refcounts(device);
   test_update(device);
   test_fill_stretch(device);
   test_volumes(device);
   test_cube_update(device);

   CHECK(IDirect3DDevice9_Release(device) == 0, "device refcount");
   CHECK(IDirect3D9_Release(d3d) == 0, "d3d refcount");
   DestroyWindow(window);
   printf("d3d9-resources: %u checks, %u failed\n", checks, failures);
   return failures;
}

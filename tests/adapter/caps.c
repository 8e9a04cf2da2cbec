/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-adapter-caps: what GetCaps reports agrees with the Gallium screen.
 * The reference is a screen the test creates itself (same driver, through
 * pipe-loader, in the test's own copy of Mesa) and the test's own table of
 * which Gallium format stores each D3D9 format.
 */

#include <string.h>

#include "pipe/p_defines.h"
#include "pipe/p_screen.h"
#include "test_screen.h"
#include "test_util.h"

static struct rt_adapter *adapter;
static struct pipe_screen *screen;

static bool
sup(enum pipe_format f, enum pipe_texture_target t, unsigned samples,
    unsigned bind)
{
   return screen->is_format_supported(screen, f, t, samples, samples, bind);
}

static void
d3d9_caps(void)
{
   D3DCAPS9 caps;
   memset(&caps, 0xcc, sizeof(caps));
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETD3D9CAPS, NULL, &caps,
                        sizeof(caps)), S_OK);
   const unsigned max2d = screen->get_param(screen,
                                            PIPE_CAP_MAX_TEXTURE_2D_SIZE);
   const unsigned levels3d = screen->get_param(screen,
                                               PIPE_CAP_MAX_TEXTURE_3D_LEVELS);
   const unsigned rts = screen->get_param(screen, PIPE_CAP_MAX_RENDER_TARGETS);
   const unsigned samplers = screen->get_shader_param(
      screen, PIPE_SHADER_FRAGMENT, PIPE_SHADER_CAP_MAX_TEXTURE_SAMPLERS);

   printf("  MaxTextureWidth %u (screen %u), MaxVolumeExtent %u, RTs %u, "
          "VS 0x%x PS 0x%x\n", (unsigned)caps.MaxTextureWidth, max2d,
          (unsigned)caps.MaxVolumeExtent, (unsigned)caps.NumSimultaneousRTs,
          (unsigned)caps.VertexShaderVersion,
          (unsigned)caps.PixelShaderVersion);
   CHECK(caps.DeviceType == D3DDEVTYPE_HAL);
   CHECK(caps.MaxTextureWidth == max2d);
   CHECK(caps.MaxTextureHeight == max2d);
   CHECK(caps.MaxVolumeExtent == (levels3d ? 1u << (levels3d - 1) : 0));
   CHECK(caps.NumSimultaneousRTs == (rts < 4 ? rts : 4));
   CHECK(caps.MaxSimultaneousTextures == (samplers < 8 ? samplers : 8));
   CHECK(!!(caps.TextureCaps & D3DPTEXTURECAPS_VOLUMEMAP) == !!levels3d);
   CHECK(!!(caps.TextureCaps & D3DPTEXTURECAPS_CUBEMAP) ==
         !!screen->get_param(screen, PIPE_CAP_MAX_TEXTURE_CUBE_LEVELS));
   CHECK(!!(caps.TextureCaps & D3DPTEXTURECAPS_POW2) ==
         !screen->get_param(screen, PIPE_CAP_NPOT_TEXTURES));
   CHECK(!!(caps.RasterCaps & D3DPRASTERCAPS_ANISOTROPY) ==
         !!screen->get_param(screen, PIPE_CAP_ANISOTROPIC_FILTER));
   /* Shader versions are D3DVS_VERSION/D3DPS_VERSION words. */
   CHECK((caps.VertexShaderVersion & 0xffff0000u) == 0xfffe0000u);
   CHECK((caps.PixelShaderVersion & 0xffff0000u) == 0xffff0000u);
   CHECK(caps.MaxStreams >= 1 && caps.MaxStreams <= 16);
}

/* The test's own D3D9 -> Gallium storage table (memory order, little
 * endian), and what each format is for. */
enum kind {
   COLOR, DEPTH, COMPRESSED, VIDEO,
   SHADOW,       /* depth, and a texture too where it can be sampled */
   DEPTH_VALUE,  /* depth and texture, or not reported at all */
   NULL_TARGET,  /* a render target (surface or texture) on every screen */
   RESZ,         /* a render target where depth resolves (below) */
};

/* The vendor FourCC codes (AMD's "Advanced DX9 Capabilities"). */
#define FOURCC(a, b, c, d) \
   ((D3DDDIFORMAT)((uint32_t)(a) | ((uint32_t)(b) << 8) | \
                   ((uint32_t)(c) << 16) | ((uint32_t)(d) << 24)))
/* `fallback`: the storage the driver may use instead where the screen
 * lacks the format as a depth buffer (D24S8 on Vulkan drivers without
 * it: the 32-bit float depth with the same channels). */
static const struct {
   D3DDDIFORMAT d3d;
   enum pipe_format pipe;
   enum kind kind;
   enum pipe_format fallback;
} reference[] = {
   { D3DDDIFMT_A8R8G8B8, PIPE_FORMAT_B8G8R8A8_UNORM, COLOR },
   { D3DDDIFMT_X8R8G8B8, PIPE_FORMAT_B8G8R8X8_UNORM, COLOR },
   { D3DDDIFMT_R5G6B5, PIPE_FORMAT_B5G6R5_UNORM, COLOR },
   { D3DDDIFMT_X1R5G5B5, PIPE_FORMAT_B5G5R5X1_UNORM, COLOR },
   { D3DDDIFMT_A1R5G5B5, PIPE_FORMAT_B5G5R5A1_UNORM, COLOR },
   { D3DDDIFMT_A4R4G4B4, PIPE_FORMAT_B4G4R4A4_UNORM, COLOR },
   { D3DDDIFMT_X4R4G4B4, PIPE_FORMAT_B4G4R4X4_UNORM, COLOR },
   { D3DDDIFMT_R3G3B2, PIPE_FORMAT_B2G3R3_UNORM, COLOR },
   { D3DDDIFMT_R8G8B8, PIPE_FORMAT_B8G8R8_UNORM, COLOR },
   { D3DDDIFMT_A8, PIPE_FORMAT_A8_UNORM, COLOR },
   { D3DDDIFMT_A2B10G10R10, PIPE_FORMAT_R10G10B10A2_UNORM, COLOR },
   { D3DDDIFMT_A8B8G8R8, PIPE_FORMAT_R8G8B8A8_UNORM, COLOR },
   { D3DDDIFMT_X8B8G8R8, PIPE_FORMAT_R8G8B8X8_UNORM, COLOR },
   { D3DDDIFMT_G16R16, PIPE_FORMAT_R16G16_UNORM, COLOR },
   { D3DDDIFMT_A2R10G10B10, PIPE_FORMAT_B10G10R10A2_UNORM, COLOR },
   { D3DDDIFMT_A16B16G16R16, PIPE_FORMAT_R16G16B16A16_UNORM, COLOR },
   { D3DDDIFMT_L8, PIPE_FORMAT_L8_UNORM, COLOR },
   { D3DDDIFMT_A8L8, PIPE_FORMAT_L8A8_UNORM, COLOR },
   { D3DDDIFMT_A4L4, PIPE_FORMAT_L4A4_UNORM, COLOR },
   { D3DDDIFMT_L16, PIPE_FORMAT_L16_UNORM, COLOR },
   { D3DDDIFMT_V8U8, PIPE_FORMAT_R8G8_SNORM, COLOR },
   { D3DDDIFMT_L6V5U5, PIPE_FORMAT_R5SG5SB6U_NORM, COLOR },
   { D3DDDIFMT_X8L8V8U8, PIPE_FORMAT_R8SG8SB8UX8U_NORM, COLOR },
   { D3DDDIFMT_Q8W8V8U8, PIPE_FORMAT_R8G8B8A8_SNORM, COLOR },
   { D3DDDIFMT_V16U16, PIPE_FORMAT_R16G16_SNORM, COLOR },
   { D3DDDIFMT_A2W10V10U10, PIPE_FORMAT_R10SG10SB10SA2U_NORM, COLOR },
   { D3DDDIFMT_Q16W16V16U16, PIPE_FORMAT_R16G16B16A16_SNORM, COLOR },
   { D3DDDIFMT_R16F, PIPE_FORMAT_R16_FLOAT, COLOR },
   { D3DDDIFMT_G16R16F, PIPE_FORMAT_R16G16_FLOAT, COLOR },
   { D3DDDIFMT_A16B16G16R16F, PIPE_FORMAT_R16G16B16A16_FLOAT, COLOR },
   { D3DDDIFMT_R32F, PIPE_FORMAT_R32_FLOAT, COLOR },
   { D3DDDIFMT_G32R32F, PIPE_FORMAT_R32G32_FLOAT, COLOR },
   { D3DDDIFMT_A32B32G32R32F, PIPE_FORMAT_R32G32B32A32_FLOAT, COLOR },
   { D3DDDIFMT_DXT1, PIPE_FORMAT_DXT1_RGBA, COMPRESSED },
   { D3DDDIFMT_DXT2, PIPE_FORMAT_DXT3_RGBA, COMPRESSED },
   { D3DDDIFMT_DXT3, PIPE_FORMAT_DXT3_RGBA, COMPRESSED },
   { D3DDDIFMT_DXT4, PIPE_FORMAT_DXT5_RGBA, COMPRESSED },
   { D3DDDIFMT_DXT5, PIPE_FORMAT_DXT5_RGBA, COMPRESSED },
   { D3DDDIFMT_UYVY, PIPE_FORMAT_UYVY, VIDEO },
   { D3DDDIFMT_YUY2, PIPE_FORMAT_YUYV, VIDEO },
   { D3DDDIFMT_R8G8_B8G8, PIPE_FORMAT_R8G8_B8G8_UNORM, VIDEO },
   { D3DDDIFMT_G8R8_G8B8, PIPE_FORMAT_G8R8_G8B8_UNORM, VIDEO },
   { D3DDDIFMT_D16_LOCKABLE, PIPE_FORMAT_Z16_UNORM, DEPTH },
   { D3DDDIFMT_D16, PIPE_FORMAT_Z16_UNORM, SHADOW },
   { D3DDDIFMT_D32, PIPE_FORMAT_Z32_UNORM, DEPTH },
   { D3DDDIFMT_D32_LOCKABLE, PIPE_FORMAT_Z32_UNORM, DEPTH },
   { D3DDDIFMT_D24S8, PIPE_FORMAT_S8_UINT_Z24_UNORM, SHADOW,
     PIPE_FORMAT_Z32_FLOAT_S8X24_UINT },
   { D3DDDIFMT_D24X8, PIPE_FORMAT_X8Z24_UNORM, SHADOW, PIPE_FORMAT_Z32_FLOAT },
   { D3DDDIFMT_D32F_LOCKABLE, PIPE_FORMAT_Z32_FLOAT, DEPTH },
   { D3DDDIFMT_S8_LOCKABLE, PIPE_FORMAT_S8_UINT, DEPTH },
   { FOURCC('I', 'N', 'T', 'Z'), PIPE_FORMAT_S8_UINT_Z24_UNORM, DEPTH_VALUE,
     PIPE_FORMAT_Z32_FLOAT_S8X24_UINT },
   { FOURCC('D', 'F', '2', '4'), PIPE_FORMAT_X8Z24_UNORM, DEPTH_VALUE,
     PIPE_FORMAT_Z32_FLOAT },
   { FOURCC('D', 'F', '1', '6'), PIPE_FORMAT_Z16_UNORM, DEPTH_VALUE },
   { FOURCC('A', 'T', 'I', '1'), PIPE_FORMAT_RGTC1_UNORM, COMPRESSED },
   { FOURCC('A', 'T', 'I', '2'), PIPE_FORMAT_RGTC2_UNORM, COMPRESSED },
   { FOURCC('N', 'U', 'L', 'L'), PIPE_FORMAT_NONE, NULL_TARGET },
   { FOURCC('R', 'E', 'S', 'Z'), PIPE_FORMAT_NONE, RESZ },
};

/* RESZ needs an INTZ texture that is also a depth buffer, a multisampled
 * depth buffer of the same storage, and a screen that says it resolves
 * depth by blitting. */
static bool
resz_expected(void)
{
   enum pipe_format pf = PIPE_FORMAT_S8_UINT_Z24_UNORM;
   if (!sup(pf, PIPE_TEXTURE_2D, 0, PIPE_BIND_DEPTH_STENCIL))
      pf = PIPE_FORMAT_Z32_FLOAT_S8X24_UINT;
   if (!screen->get_param(screen, PIPE_CAP_MULTISAMPLE_Z_RESOLVE) ||
       !sup(pf, PIPE_TEXTURE_2D, 0,
            PIPE_BIND_DEPTH_STENCIL | PIPE_BIND_SAMPLER_VIEW))
      return false;
   for (unsigned n = 2; n <= 16; n *= 2)
      if (sup(pf, PIPE_TEXTURE_2D, n, PIPE_BIND_DEPTH_STENCIL))
         return true;
   return false;
}

static void
format_table(void)
{
   UINT count = 0;
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETFORMATCOUNT, NULL, &count,
                        sizeof(count)), S_OK);
   CHECK(count > 0 && count < 512);
   if (!count || count >= 512)
      return;
   FORMATOP ops[512];
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETFORMATDATA, NULL, ops,
                        count * sizeof(FORMATOP)), S_OK);

   unsigned mismatches = 0, seen = 0;
   for (unsigned r = 0; r < sizeof(reference) / sizeof(reference[0]); r++) {
      enum pipe_format pf = reference[r].pipe;
      if (reference[r].fallback &&
          !sup(pf, PIPE_TEXTURE_2D, 0, PIPE_BIND_DEPTH_STENCIL))
         pf = reference[r].fallback;
      DWORD expect_tex = 0, expect_rt = 0, expect_zs = 0;
      const enum kind kind = reference[r].kind;
      if (kind == NULL_TARGET) {
         /* Render targets, surfaces and textures (Windows' drivers). */
         expect_rt = 1;
         expect_tex = 1;
      } else if (kind == RESZ) {
         expect_rt = resz_expected();
      } else if (kind == DEPTH || kind == SHADOW || kind == DEPTH_VALUE) {
         expect_zs = sup(pf, PIPE_TEXTURE_2D, 0, PIPE_BIND_DEPTH_STENCIL);
         if (kind != DEPTH)
            expect_tex = expect_zs &&
                         sup(pf, PIPE_TEXTURE_2D, 0,
                             PIPE_BIND_DEPTH_STENCIL | PIPE_BIND_SAMPLER_VIEW);
         if (kind == DEPTH_VALUE && !expect_tex)
            expect_zs = 0;
      } else {
         expect_tex = sup(pf, PIPE_TEXTURE_2D, 0, PIPE_BIND_SAMPLER_VIEW);
         if (reference[r].kind == COLOR)
            expect_rt = sup(pf, PIPE_TEXTURE_2D, 0, PIPE_BIND_RENDER_TARGET);
      }
      const FORMATOP *found = NULL;
      unsigned copies = 0;
      for (unsigned i = 0; i < count; i++) {
         if (ops[i].Format == reference[r].d3d) {
            found = &ops[i];
            copies++;
         }
      }
      const bool expected = expect_tex || expect_rt || expect_zs;
      if (copies > 1 || expected != !!found) {
         printf("  format %d: reported %u times, expected %s\n",
                (int)reference[r].d3d, copies, expected ? "once" : "never");
         mismatches++;
         continue;
      }
      if (!found)
         continue;
      seen++;
      const DWORD o = found->Operations;
      if (!!(o & FORMATOP_TEXTURE) != !!expect_tex ||
          !!(o & FORMATOP_OFFSCREEN_RENDERTARGET) != !!expect_rt ||
          !!(o & FORMATOP_ZSTENCIL) != !!expect_zs) {
         printf("  format %d: ops 0x%x, expected texture %d rt %d zs %d\n",
                (int)reference[r].d3d, (unsigned)o, (int)!!expect_tex,
                (int)!!expect_rt, (int)!!expect_zs);
         mismatches++;
      }
   }
   /* Nothing reported that the reference does not know. */
   CHECK(seen == count);
   CHECK(mismatches == 0);
   printf("  %u formats reported, all agree with the screen\n", count);
}

static void
multisample_levels(void)
{
   static const unsigned counts[] = { 2, 4, 8, 16 };
   unsigned supported = 0;
   for (unsigned i = 0; i < 4; i++) {
      DDIMULTISAMPLEQUALITYLEVELSDATA ms = {
         .Format = D3DDDIFMT_A8R8G8B8,
         .MsType = (D3DDDIMULTISAMPLE_TYPE)counts[i],
         .QualityLevels = 0xdead,
      };
      CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETMULTISAMPLEQUALITYLEVELS,
                           NULL, &ms, sizeof(ms)), S_OK);
      const bool expect = sup(PIPE_FORMAT_B8G8R8A8_UNORM, PIPE_TEXTURE_2D,
                              counts[i], PIPE_BIND_RENDER_TARGET);
      CHECK(ms.QualityLevels == (expect ? 1u : 0u));
      supported += expect;
   }
   /* NONMASKABLE: one level per count the format renders at. */
   DDIMULTISAMPLEQUALITYLEVELSDATA ms = {
      .Format = D3DDDIFMT_A8R8G8B8,
      .MsType = D3DDDIMULTISAMPLE_NONMASKABLE,
      .QualityLevels = 0xdead,
   };
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETMULTISAMPLEQUALITYLEVELS,
                        NULL, &ms, sizeof(ms)), S_OK);
   printf("  A8R8G8B8: %u counts, NONMASKABLE %u levels\n", supported,
          ms.QualityLevels);
   CHECK(ms.QualityLevels == supported);
   /* Counts D3D9 does not have, and a format the adapter does not
    * report: none. */
   ms.MsType = (D3DDDIMULTISAMPLE_TYPE)17;
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETMULTISAMPLEQUALITYLEVELS,
                        NULL, &ms, sizeof(ms)), S_OK);
   CHECK(ms.QualityLevels == 0);
   ms.MsType = D3DDDIMULTISAMPLE_4_SAMPLES;
   ms.Format = D3DDDIFMT_A8P8;
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETMULTISAMPLEQUALITYLEVELS,
                        NULL, &ms, sizeof(ms)), S_OK);
   CHECK(ms.QualityLevels == 0);
}

static void
absent_features(void)
{
   /* Counts of features the adapter does not have: zero. */
   /* Query types: the event query, occlusion where the screen counts
    * samples, TIMESTAMP, TIMESTAMPDISJOINT and TIMESTAMPFREQ where it has
    * timestamps. */
   D3DDDIQUERYTYPE expect_q[5];
   unsigned nq = 0;
   expect_q[nq++] = D3DDDIQUERYTYPE_EVENT;
   if (screen->get_param(screen, PIPE_CAP_OCCLUSION_QUERY))
      expect_q[nq++] = D3DDDIQUERYTYPE_OCCLUSION;
   if (screen->get_param(screen, PIPE_CAP_QUERY_TIMESTAMP)) {
      expect_q[nq++] = D3DDDIQUERYTYPE_TIMESTAMP;
      expect_q[nq++] = D3DDDIQUERYTYPE_TIMESTAMPDISJOINT;
      expect_q[nq++] = D3DDDIQUERYTYPE_TIMESTAMPFREQ;
   }
   UINT queries = 0;
   D3DDDIQUERYTYPE qtypes[8] = { 0 };
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETD3DQUERYCOUNT, NULL, &queries,
                        sizeof(queries)), S_OK);
   CHECK(queries == nq);
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETD3DQUERYDATA, NULL, qtypes,
                        nq * sizeof(qtypes[0])), S_OK);
   for (unsigned i = 0; i < nq; i++)
      CHECK(qtypes[i] == expect_q[i]);
   /* A buffer too small for the list. */
   CHECK_HR(rt_get_caps(adapter, D3DDDICAPS_GETD3DQUERYDATA, NULL, qtypes,
                        (nq - 1) * sizeof(qtypes[0])), E_FAIL);
   static const D3DDDICAPS_TYPE zero_counts[] = {
      D3DDDICAPS_GETDECODEGUIDCOUNT,
      D3DDDICAPS_GETVIDEOPROCESSORDEVICEGUIDCOUNT,
      D3DDDICAPS_GETEXTENSIONGUIDCOUNT, D3DDDICAPS_GETCERTIFICATESIZE,
   };
   for (unsigned i = 0; i < sizeof(zero_counts) / sizeof(zero_counts[0]); i++) {
      UINT n = 77;
      CHECK_HR(rt_get_caps(adapter, zero_counts[i], NULL, &n, sizeof(n)), S_OK);
      CHECK(n == 0);
   }
   /* Structures of absent features: zeroed, whole buffer. */
   static const D3DDDICAPS_TYPE zeroed[] = {
      D3DDDICAPS_DDRAW, D3DDDICAPS_GETD3D7CAPS, D3DDDICAPS_GETGAMMARAMPCAPS,
      D3DDDICAPS_GET_ARCHITECTURE_INFO,
      D3DDDICAPS_GET_SHADER_MIN_PRECISION_SUPPORT,
   };
   for (unsigned i = 0; i < sizeof(zeroed) / sizeof(zeroed[0]); i++) {
      unsigned char buf[64];
      memset(buf, 0xee, sizeof(buf));
      CHECK_HR(rt_get_caps(adapter, zeroed[i], NULL, buf, sizeof(buf)), S_OK);
      bool all_zero = true;
      for (unsigned j = 0; j < sizeof(buf); j++)
         all_zero &= buf[j] == 0;
      CHECK(all_zero);
   }
   /* Overlays: the pages ask for an error when they are not supported. */
   unsigned char buf[64];
   CHECK(FAILED(rt_get_caps(adapter, D3DDDICAPS_CHECKOVERLAYSUPPORT, NULL,
                            buf, sizeof(buf))));
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   struct rt_driver *drv = test_load_driver();
   struct pipe_loader_device *dev = NULL;
   screen = test_screen_create(&dev);
   if (!screen)
      piglit_skip("no reference Gallium screen");
   printf("reference screen: %s\n", screen->get_name(screen));
   adapter = test_open_adapter(drv);

   SUBTEST("d3d9caps", d3d9_caps());
   SUBTEST("format-table", format_table());
   SUBTEST("multisample-quality-levels", multisample_levels());
   SUBTEST("absent-features", absent_features());

   CHECK_HR(rt_adapter_close(adapter), S_OK);
   test_screen_destroy(screen, dev);
   rt_driver_unload(drv);
   piglit_report(piglit_merged());
}

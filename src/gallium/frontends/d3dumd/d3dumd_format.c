/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * D3DDDIFORMAT <-> pipe_format, and the per-adapter table of supported
 * formats with their FORMATOP bits, derived from is_format_supported().
 *
 * D3D9 names packed formats from the most significant bit down, Gallium
 * names them in memory order for a little-endian machine: D3DDDIFMT_A8R8G8B8
 * is B,G,R,A in memory, so PIPE_FORMAT_B8G8R8A8_UNORM.
 */

#include "d3dumd_private.h"
#include "d3dumd_format_names.h"

#include "pipe/p_screen.h"
#include "util/format/u_format.h"
#include "util/u_memory.h"

/* Indexed by D3DDDIFORMAT for the enumerated (non-FourCC) values, which
 * are all below 256.  Zero (PIPE_FORMAT_NONE) means no Gallium equivalent. */
static const enum pipe_format d3dumd_pipe_formats[256] = {
   [D3DDDIFMT_R8G8B8]        = PIPE_FORMAT_B8G8R8_UNORM,
   [D3DDDIFMT_A8R8G8B8]      = PIPE_FORMAT_B8G8R8A8_UNORM,
   [D3DDDIFMT_X8R8G8B8]      = PIPE_FORMAT_B8G8R8X8_UNORM,
   [D3DDDIFMT_R5G6B5]        = PIPE_FORMAT_B5G6R5_UNORM,
   [D3DDDIFMT_X1R5G5B5]      = PIPE_FORMAT_B5G5R5X1_UNORM,
   [D3DDDIFMT_A1R5G5B5]      = PIPE_FORMAT_B5G5R5A1_UNORM,
   [D3DDDIFMT_A4R4G4B4]      = PIPE_FORMAT_B4G4R4A4_UNORM,
   [D3DDDIFMT_R3G3B2]        = PIPE_FORMAT_B2G3R3_UNORM,
   [D3DDDIFMT_A8]            = PIPE_FORMAT_A8_UNORM,
   [D3DDDIFMT_X4R4G4B4]      = PIPE_FORMAT_B4G4R4X4_UNORM,
   [D3DDDIFMT_A2B10G10R10]   = PIPE_FORMAT_R10G10B10A2_UNORM,
   [D3DDDIFMT_A8B8G8R8]      = PIPE_FORMAT_R8G8B8A8_UNORM,
   [D3DDDIFMT_X8B8G8R8]      = PIPE_FORMAT_R8G8B8X8_UNORM,
   [D3DDDIFMT_G16R16]        = PIPE_FORMAT_R16G16_UNORM,
   [D3DDDIFMT_A2R10G10B10]   = PIPE_FORMAT_B10G10R10A2_UNORM,
   [D3DDDIFMT_A16B16G16R16]  = PIPE_FORMAT_R16G16B16A16_UNORM,
   [D3DDDIFMT_L8]            = PIPE_FORMAT_L8_UNORM,
   [D3DDDIFMT_A8L8]          = PIPE_FORMAT_L8A8_UNORM,
   [D3DDDIFMT_A4L4]          = PIPE_FORMAT_L4A4_UNORM,
   [D3DDDIFMT_V8U8]          = PIPE_FORMAT_R8G8_SNORM,
   [D3DDDIFMT_L6V5U5]        = PIPE_FORMAT_R5SG5SB6U_NORM,
   [D3DDDIFMT_X8L8V8U8]      = PIPE_FORMAT_R8SG8SB8UX8U_NORM,
   [D3DDDIFMT_Q8W8V8U8]      = PIPE_FORMAT_R8G8B8A8_SNORM,
   [D3DDDIFMT_V16U16]        = PIPE_FORMAT_R16G16_SNORM,
   [D3DDDIFMT_A2W10V10U10]   = PIPE_FORMAT_R10SG10SB10SA2U_NORM,
   [D3DDDIFMT_D16_LOCKABLE]  = PIPE_FORMAT_Z16_UNORM,
   [D3DDDIFMT_D32]           = PIPE_FORMAT_Z32_UNORM,
   [D3DDDIFMT_D24S8]         = PIPE_FORMAT_S8_UINT_Z24_UNORM,
   [D3DDDIFMT_D24X8]         = PIPE_FORMAT_X8Z24_UNORM,
   [D3DDDIFMT_D16]           = PIPE_FORMAT_Z16_UNORM,
   [D3DDDIFMT_D32F_LOCKABLE] = PIPE_FORMAT_Z32_FLOAT,
   [D3DDDIFMT_D32_LOCKABLE]  = PIPE_FORMAT_Z32_UNORM,
   [D3DDDIFMT_S8_LOCKABLE]   = PIPE_FORMAT_S8_UINT,
   [D3DDDIFMT_L16]           = PIPE_FORMAT_L16_UNORM,
   [D3DDDIFMT_INDEX16]       = PIPE_FORMAT_R16_UINT,
   [D3DDDIFMT_INDEX32]       = PIPE_FORMAT_R32_UINT,
   [D3DDDIFMT_Q16W16V16U16]  = PIPE_FORMAT_R16G16B16A16_SNORM,
   [D3DDDIFMT_R16F]          = PIPE_FORMAT_R16_FLOAT,
   [D3DDDIFMT_G16R16F]       = PIPE_FORMAT_R16G16_FLOAT,
   [D3DDDIFMT_A16B16G16R16F] = PIPE_FORMAT_R16G16B16A16_FLOAT,
   [D3DDDIFMT_R32F]          = PIPE_FORMAT_R32_FLOAT,
   [D3DDDIFMT_G32R32F]       = PIPE_FORMAT_R32G32_FLOAT,
   [D3DDDIFMT_A32B32G32R32F] = PIPE_FORMAT_R32G32B32A32_FLOAT,
};

enum pipe_format
d3dumd_format_to_pipe(D3DDDIFORMAT format)
{
   if ((unsigned)format < ARRAY_SIZE(d3dumd_pipe_formats))
      return d3dumd_pipe_formats[format];

   /* FourCC formats. DXT2 and DXT4 are DXT3 and DXT5 with premultiplied
    * alpha: the same blocks, so the same storage.  The vendor codes
    * (d3dumd_format_names.h) are compared as numbers. */
   switch ((uint32_t)format) {
   case D3DDDIFMT_DXT1: return PIPE_FORMAT_DXT1_RGBA;
   case D3DDDIFMT_DXT2:
   case D3DDDIFMT_DXT3: return PIPE_FORMAT_DXT3_RGBA;
   case D3DDDIFMT_DXT4:
   case D3DDDIFMT_DXT5: return PIPE_FORMAT_DXT5_RGBA;
   case D3DDDIFMT_UYVY: return PIPE_FORMAT_UYVY;
   case D3DDDIFMT_YUY2: return PIPE_FORMAT_YUYV;
   case D3DDDIFMT_R8G8_B8G8: return PIPE_FORMAT_R8G8_B8G8_UNORM;
   case D3DDDIFMT_G8R8_G8B8: return PIPE_FORMAT_G8R8_G8B8_UNORM;
   /* The depth formats read as values: the storage of D24S8, D24X8 and
    * D16 (as Nine and DXVK store them). */
   case D3DUMD_FMT_INTZ: return PIPE_FORMAT_S8_UINT_Z24_UNORM;
   case D3DUMD_FMT_DF24: return PIPE_FORMAT_X8Z24_UNORM;
   case D3DUMD_FMT_DF16: return PIPE_FORMAT_Z16_UNORM;
   /* ATI2's channels are swapped against BC5's: the sampler view puts
    * them back (d3dumd_format_swizzle). */
   case D3DUMD_FMT_ATI1: return PIPE_FORMAT_RGTC1_UNORM;
   case D3DUMD_FMT_ATI2: return PIPE_FORMAT_RGTC2_UNORM;
   /* Targets that are never bound (d3dumd_format_is_null_target): the
    * cheapest full-size storage, so that a Lock or Blt a runtime lets
    * through reads and writes memory of the surface's size. */
   case D3DUMD_FMT_NULL:
   case D3DUMD_FMT_RESZ: return PIPE_FORMAT_R8_UNORM;
   default: return PIPE_FORMAT_NONE;
   }
}

/* Depth formats a sampler reads as the depth value, without comparison
 * (the vendor formats); D16, D24S8, D24X8 compare (shadow maps). */
bool
d3dumd_format_is_depth_value(D3DDDIFORMAT format)
{
   return (uint32_t)format == D3DUMD_FMT_INTZ ||
          (uint32_t)format == D3DUMD_FMT_DF16 ||
          (uint32_t)format == D3DUMD_FMT_DF24;
}

/* Render-target formats that bind no colour buffer: NULL, and RESZ (only
 * a code to probe for; a surface of it behaves as NULL). */
bool
d3dumd_format_is_null_target(D3DDDIFORMAT format)
{
   return (uint32_t)format == D3DUMD_FMT_NULL ||
          (uint32_t)format == D3DUMD_FMT_RESZ;
}

/* What a sampler view of the format returns, where D3D9 differs from
 * Gallium's defaults: INTZ gives the depth in every channel, DF16 and
 * DF24 in red (0, 0, 1 in the others: Nine's tests on Windows, DXVK), ATI2
 * is BC5 with red and green swapped (ATI1 is BC4's r, 0, 0, 1 as it is),
 * and the one- and two-channel colour formats read 1 where they have no
 * channel.
 * False: the default swizzle. */
bool
d3dumd_format_swizzle(D3DDDIFORMAT format, unsigned char swizzle[4])
{
   switch ((uint32_t)format) {
   case D3DUMD_FMT_INTZ:
      swizzle[0] = swizzle[1] = swizzle[2] = swizzle[3] = PIPE_SWIZZLE_X;
      return true;
   case D3DUMD_FMT_DF16:
   case D3DUMD_FMT_DF24:
      swizzle[0] = PIPE_SWIZZLE_X;
      swizzle[1] = swizzle[2] = PIPE_SWIZZLE_0;
      swizzle[3] = PIPE_SWIZZLE_1;
      return true;
   case D3DUMD_FMT_ATI2:
      swizzle[0] = PIPE_SWIZZLE_Y;
      swizzle[1] = PIPE_SWIZZLE_X;
      swizzle[2] = swizzle[3] = PIPE_SWIZZLE_1;
      return true;
   /* The channels a format lacks read as 1 in D3D9, Gallium's blue and
    * green as 0 (Wine's g16r16_texture_test, float_texture_test,
    * test_signed_formats). */
   case D3DDDIFMT_G16R16:
   case D3DDDIFMT_G16R16F:
   case D3DDDIFMT_G32R32F:
   case D3DDDIFMT_V8U8:
   case D3DDDIFMT_V16U16:
      swizzle[0] = PIPE_SWIZZLE_X;
      swizzle[1] = PIPE_SWIZZLE_Y;
      swizzle[2] = swizzle[3] = PIPE_SWIZZLE_1;
      return true;
   case D3DDDIFMT_R16F:
   case D3DDDIFMT_R32F:
      swizzle[0] = PIPE_SWIZZLE_X;
      swizzle[1] = swizzle[2] = swizzle[3] = PIPE_SWIZZLE_1;
      return true;
   default:
      return false;
   }
}

/* The storage a format gets on this screen: its own, or for the depth
 * formats a screen may lack (Vulkan drivers without D24S8: lavapipe,
 * AMD's) the 32-bit float depth with the same channels.  D3D9 does not
 * let programs lock D24S8 or D24X8, so the layout is the driver's. */
enum pipe_format
d3dumd_format_for_screen(struct pipe_screen *screen, D3DDDIFORMAT format)
{
   const enum pipe_format pf = d3dumd_format_to_pipe(format);
   enum pipe_format fallback;
   switch ((uint32_t)format) {
   case D3DDDIFMT_D24S8:
   case D3DUMD_FMT_INTZ: fallback = PIPE_FORMAT_Z32_FLOAT_S8X24_UINT; break;
   case D3DDDIFMT_D24X8:
   case D3DUMD_FMT_DF24: fallback = PIPE_FORMAT_Z32_FLOAT; break;
   default: return pf;
   }
   if (screen->is_format_supported(screen, pf, PIPE_TEXTURE_2D, 0, 0,
                                   PIPE_BIND_DEPTH_STENCIL))
      return pf;
   return fallback;
}

/* The formats reported by GETFORMATDATA, in this order.  INDEX16/32 and
 * VERTEXDATA are buffer formats the runtime does not ask FORMATOPs for. */
static const D3DDDIFORMAT d3dumd_reported_formats[] = {
   D3DDDIFMT_A8R8G8B8, D3DDDIFMT_X8R8G8B8, D3DDDIFMT_R5G6B5,
   D3DDDIFMT_X1R5G5B5, D3DDDIFMT_A1R5G5B5, D3DDDIFMT_A4R4G4B4,
   D3DDDIFMT_X4R4G4B4, D3DDDIFMT_R3G3B2, D3DDDIFMT_R8G8B8, D3DDDIFMT_A8,
   D3DDDIFMT_A2B10G10R10, D3DDDIFMT_A8B8G8R8, D3DDDIFMT_X8B8G8R8,
   D3DDDIFMT_G16R16, D3DDDIFMT_A2R10G10B10, D3DDDIFMT_A16B16G16R16,
   D3DDDIFMT_L8, D3DDDIFMT_A8L8, D3DDDIFMT_A4L4, D3DDDIFMT_L16,
   D3DDDIFMT_V8U8, D3DDDIFMT_L6V5U5, D3DDDIFMT_X8L8V8U8,
   D3DDDIFMT_Q8W8V8U8, D3DDDIFMT_V16U16, D3DDDIFMT_A2W10V10U10,
   D3DDDIFMT_Q16W16V16U16, D3DDDIFMT_R16F, D3DDDIFMT_G16R16F,
   D3DDDIFMT_A16B16G16R16F, D3DDDIFMT_R32F, D3DDDIFMT_G32R32F,
   D3DDDIFMT_A32B32G32R32F, D3DDDIFMT_DXT1, D3DDDIFMT_DXT2,
   D3DDDIFMT_DXT3, D3DDDIFMT_DXT4, D3DDDIFMT_DXT5, D3DDDIFMT_UYVY,
   D3DDDIFMT_YUY2, D3DDDIFMT_R8G8_B8G8, D3DDDIFMT_G8R8_G8B8,
   D3DDDIFMT_D16_LOCKABLE, D3DDDIFMT_D16, D3DDDIFMT_D32,
   D3DDDIFMT_D32_LOCKABLE, D3DDDIFMT_D24S8, D3DDDIFMT_D24X8,
   D3DDDIFMT_D32F_LOCKABLE, D3DDDIFMT_S8_LOCKABLE,
   (D3DDDIFORMAT)D3DUMD_FMT_INTZ, (D3DDDIFORMAT)D3DUMD_FMT_DF24,
   (D3DDDIFORMAT)D3DUMD_FMT_DF16, (D3DDDIFORMAT)D3DUMD_FMT_ATI1,
   (D3DDDIFORMAT)D3DUMD_FMT_ATI2, (D3DDDIFORMAT)D3DUMD_FMT_NULL,
   (D3DDDIFORMAT)D3DUMD_FMT_RESZ,
};

static bool
supported(struct pipe_screen *screen, enum pipe_format format,
          enum pipe_texture_target target, unsigned bind)
{
   return screen->is_format_supported(screen, format, target, 0, 0, bind);
}

static bool
is_bump_format(D3DDDIFORMAT format)
{
   return format == D3DDDIFMT_V8U8 || format == D3DDDIFMT_L6V5U5 ||
          format == D3DDDIFMT_X8L8V8U8 || format == D3DDDIFMT_Q8W8V8U8 ||
          format == D3DDDIFMT_V16U16 || format == D3DDDIFMT_A2W10V10U10 ||
          format == D3DDDIFMT_Q16W16V16U16;
}

/* The formats a D3D9 display mode can have (D3D9's CheckDeviceType list);
 * the frontend reports them as display modes when it can render to them. */
static bool
is_display_format(D3DDDIFORMAT format)
{
   return format == D3DDDIFMT_X8R8G8B8 || format == D3DDDIFMT_R5G6B5 ||
          format == D3DDDIFMT_X1R5G5B5 || format == D3DDDIFMT_A2R10G10B10;
}

/* RESZ needs an INTZ texture, a multisampled depth buffer of the same
 * storage, and a screen that resolves depth by blitting (sample 0). */
static bool
resz_supported(struct pipe_screen *screen)
{
   const enum pipe_format pf =
      d3dumd_format_for_screen(screen, (D3DDDIFORMAT)D3DUMD_FMT_INTZ);
   if (!screen->get_param(screen, PIPE_CAP_MULTISAMPLE_Z_RESOLVE) ||
       !supported(screen, pf, PIPE_TEXTURE_2D,
                  PIPE_BIND_DEPTH_STENCIL | PIPE_BIND_SAMPLER_VIEW))
      return false;
   for (unsigned samples = 2; samples <= 16; samples *= 2) {
      if (screen->is_format_supported(screen, pf, PIPE_TEXTURE_2D, samples,
                                      samples, PIPE_BIND_DEPTH_STENCIL))
         return true;
   }
   return false;
}

static DWORD
format_ops(struct pipe_screen *screen, D3DDDIFORMAT d3d,
           enum pipe_format pf)
{
   DWORD ops = 0;

   /* NULL binds no colour buffer: every screen renders without one.  As
    * on Windows' drivers it is a render-target texture format too (Wine's
    * test_surface_format_null); sampling one reads its unused storage.
    * RESZ is reported when the resolve it stands for works. */
   if ((uint32_t)d3d == D3DUMD_FMT_NULL)
      return FORMATOP_OFFSCREEN_RENDERTARGET | FORMATOP_TEXTURE;
   if ((uint32_t)d3d == D3DUMD_FMT_RESZ)
      return resz_supported(screen) ? FORMATOP_OFFSCREEN_RENDERTARGET : 0;

   if (util_format_is_depth_or_stencil(pf)) {
      if (!supported(screen, pf, PIPE_TEXTURE_2D, PIPE_BIND_DEPTH_STENCIL))
         return 0;
      ops |= FORMATOP_ZSTENCIL | FORMATOP_ZSTENCIL_WITH_ARBITRARY_COLOR_DEPTH;
      /* Depth textures: shadow maps (D16, D24S8, D24X8) and the formats
       * read as values, which are nothing else. */
      const bool tex = supported(screen, pf, PIPE_TEXTURE_2D,
                                 PIPE_BIND_DEPTH_STENCIL |
                                 PIPE_BIND_SAMPLER_VIEW);
      if (d3dumd_format_is_depth_value(d3d))
         return tex ? ops | FORMATOP_TEXTURE : 0;
      if (tex && (d3d == D3DDDIFMT_D16 || d3d == D3DDDIFMT_D24S8 ||
                  d3d == D3DDDIFMT_D24X8))
         ops |= FORMATOP_TEXTURE;
      return ops;
   }

   const bool tex2d = supported(screen, pf, PIPE_TEXTURE_2D,
                                PIPE_BIND_SAMPLER_VIEW);
   const bool rt = !util_format_is_compressed(pf) &&
                   !util_format_is_subsampled_422(pf) &&
                   supported(screen, pf, PIPE_TEXTURE_2D,
                             PIPE_BIND_RENDER_TARGET);

   if (tex2d) {
      ops |= FORMATOP_TEXTURE;
      if (supported(screen, pf, PIPE_TEXTURE_CUBE, PIPE_BIND_SAMPLER_VIEW))
         ops |= FORMATOP_CUBETEXTURE;
      if (!util_format_is_compressed(pf) &&
          supported(screen, pf, PIPE_TEXTURE_3D, PIPE_BIND_SAMPLER_VIEW))
         ops |= FORMATOP_VOLUMETEXTURE;
      if (screen->get_shader_param(screen, PIPE_SHADER_VERTEX,
                                   PIPE_SHADER_CAP_MAX_TEXTURE_SAMPLERS) > 0)
         ops |= FORMATOP_VERTEXTEXTURE;
      if (is_bump_format(d3d))
         ops |= FORMATOP_BUMPMAP;
      enum pipe_format srgb = util_format_srgb(pf);
      if (srgb != PIPE_FORMAT_NONE &&
          supported(screen, srgb, PIPE_TEXTURE_2D, PIPE_BIND_SAMPLER_VIEW))
         ops |= FORMATOP_SRGBREAD;
   }
   if (tex2d || rt)
      ops |= FORMATOP_OFFSCREENPLAIN;

   if (rt) {
      ops |= FORMATOP_OFFSCREEN_RENDERTARGET |
             FORMATOP_SAME_FORMAT_RENDERTARGET;
      if (!supported(screen, pf, PIPE_TEXTURE_2D, PIPE_BIND_BLENDABLE))
         ops |= FORMATOP_NOALPHABLEND;
      enum pipe_format srgb = util_format_srgb(pf);
      if (srgb != PIPE_FORMAT_NONE &&
          supported(screen, srgb, PIPE_TEXTURE_2D, PIPE_BIND_RENDER_TARGET))
         ops |= FORMATOP_SRGBWRITE;
      if (is_display_format(d3d))
         ops |= FORMATOP_DISPLAYMODE | FORMATOP_3DACCELERATION;
      /* OFFSCREEN_RENDERTARGET implies SAME_FORMAT_UP_TO_ALPHA_RENDERTARGET
       * (ns-d3dumddi-_formatop.md): nothing more to say for X formats. */
   }
   return ops;
}

bool
d3dumd_format_build_table(struct d3dumd_adapter *adapter)
{
   adapter->formats = CALLOC(ARRAY_SIZE(d3dumd_reported_formats),
                             sizeof(*adapter->formats));
   if (!adapter->formats)
      return false;

   unsigned n = 0;
   for (unsigned i = 0; i < ARRAY_SIZE(d3dumd_reported_formats); i++) {
      D3DDDIFORMAT d3d = d3dumd_reported_formats[i];
      enum pipe_format pf = d3dumd_format_for_screen(adapter->screen, d3d);
      if (pf == PIPE_FORMAT_NONE)
         continue;
      DWORD ops = format_ops(adapter->screen, d3d, pf);
      if (!ops)
         continue;
      adapter->formats[n].d3d = d3d;
      adapter->formats[n].pipe = pf;
      adapter->formats[n].ops = ops;
      n++;
   }
   adapter->num_formats = n;
   return true;
}

const struct d3dumd_format_info *
d3dumd_format_lookup(const struct d3dumd_adapter *adapter,
                     D3DDDIFORMAT format)
{
   for (unsigned i = 0; i < adapter->num_formats; i++) {
      if (adapter->formats[i].d3d == format)
         return &adapter->formats[i];
   }
   return NULL;
}

const char *
d3dumd_format_to_str(D3DDDIFORMAT format)
{
   return d3dumd_format_name(format);
}

/*
 * Multisampling (GETMULTISAMPLEQUALITYLEVELS, CreateResource).  A maskable
 * type (2 to 16) is that many samples, with one quality level where the
 * screen renders the format at that count.  NONMASKABLE has one quality
 * level per count the screen renders the format at (2, 4, 8, 16,
 * ascending; the DDIMULTISAMPLEQUALITYLEVELSDATA page asks for them when
 * maskable multisampling is supported): quality q is the (q+1)-th.  NULL
 * and RESZ targets take the counts of the depth buffer they go with
 * (D24S8's storage); they are never bound themselves.
 */
static bool
ms_supported(struct pipe_screen *screen, D3DDDIFORMAT format,
             unsigned samples)
{
   if (d3dumd_format_is_null_target(format))
      format = D3DDDIFMT_D24S8;
   const enum pipe_format pf = d3dumd_format_for_screen(screen, format);
   if (pf == PIPE_FORMAT_NONE || util_format_is_compressed(pf) ||
       util_format_is_subsampled_422(pf))
      return false;
   const unsigned bind = util_format_is_depth_or_stencil(pf) ?
                         PIPE_BIND_DEPTH_STENCIL : PIPE_BIND_RENDER_TARGET;
   return screen->is_format_supported(screen, pf, PIPE_TEXTURE_2D, samples,
                                      samples, bind);
}

unsigned
d3dumd_format_ms_levels(struct pipe_screen *screen, D3DDDIFORMAT format,
                        D3DDDIMULTISAMPLE_TYPE type)
{
   if (type == D3DDDIMULTISAMPLE_NONMASKABLE) {
      unsigned levels = 0;
      for (unsigned samples = 2; samples <= 16; samples *= 2)
         levels += ms_supported(screen, format, samples);
      return levels;
   }
   if (type >= D3DDDIMULTISAMPLE_2_SAMPLES &&
       type <= D3DDDIMULTISAMPLE_16_SAMPLES)
      return ms_supported(screen, format, type) ? 1 : 0;
   return 0;
}

/* The sample count of a surface created with (type, quality): 1 for a
 * surface that is not multisampled, 0 for one the screen cannot make. */
unsigned
d3dumd_format_ms_samples(struct pipe_screen *screen, D3DDDIFORMAT format,
                         D3DDDIMULTISAMPLE_TYPE type, unsigned quality)
{
   if (type == D3DDDIMULTISAMPLE_NONE)
      return 1;
   if (type == D3DDDIMULTISAMPLE_NONMASKABLE) {
      for (unsigned samples = 2; samples <= 16; samples *= 2) {
         if (ms_supported(screen, format, samples) && quality-- == 0)
            return samples;
      }
      return 0;
   }
   /* A maskable type has one quality level; the runtime checks the
    * quality against it, and the CREATERESOURCE2 page lets a quality
    * come with any type, so it is not checked again. */
   if (type >= D3DDDIMULTISAMPLE_2_SAMPLES &&
       type <= D3DDDIMULTISAMPLE_16_SAMPLES &&
       ms_supported(screen, format, type))
      return type;
   return 0;
}

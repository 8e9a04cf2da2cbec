/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* D3DDDIFORMAT names, for traces (the driver) and d3dumd-info (the tool):
 * header-only, so both share one table without the tool linking the
 * frontend. */

#ifndef D3DUMD_FORMAT_NAMES_H
#define D3DUMD_FORMAT_NAMES_H

#include "d3dumddi.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Vendor FourCC formats programs probe for with CheckDeviceFormat (AMD's
 * "Advanced DX9 Capabilities for ATI Radeon Cards"; NVIDIA and Intel
 * answer the same codes), outside the DDI's enumeration:
 *   INTZ  24-bit depth + 8 stencil, a depth buffer sampled as its value
 *   DF16, DF24  16- and 24-bit depth, sampled as the value (in red)
 *   RESZ  a render-target code: SetRenderState(D3DRS_POINTSIZE,
 *         D3DUMD_RESZ_CODE) resolves the bound multisampled depth buffer
 *         into the INTZ texture on sampler 0
 *   NULL  a render target that is never written (depth-only passes)
 *   ATI1, ATI2  BC4 and BC5 (RGTC1, RGTC2) blocks
 * Compared as numbers (the enumeration does not name them). */
#define D3DUMD_FMT_INTZ MAKEFOURCC('I', 'N', 'T', 'Z')
#define D3DUMD_FMT_DF16 MAKEFOURCC('D', 'F', '1', '6')
#define D3DUMD_FMT_DF24 MAKEFOURCC('D', 'F', '2', '4')
#define D3DUMD_FMT_RESZ MAKEFOURCC('R', 'E', 'S', 'Z')
#define D3DUMD_FMT_NULL MAKEFOURCC('N', 'U', 'L', 'L')
#define D3DUMD_FMT_ATI1 MAKEFOURCC('A', 'T', 'I', '1')
#define D3DUMD_FMT_ATI2 MAKEFOURCC('A', 'T', 'I', '2')
#define D3DUMD_RESZ_CODE 0x7fa05000u

static inline const char *
d3dumd_format_name(D3DDDIFORMAT format)
{
   static const char *names[256] = {
#define N(x) [D3DDDIFMT_##x] = #x
      N(R8G8B8), N(A8R8G8B8), N(X8R8G8B8), N(R5G6B5), N(X1R5G5B5),
      N(A1R5G5B5), N(A4R4G4B4), N(R3G3B2), N(A8), N(A8R3G3B2), N(X4R4G4B4),
      N(A2B10G10R10), N(A8B8G8R8), N(X8B8G8R8), N(G16R16), N(A2R10G10B10),
      N(A16B16G16R16), N(A8P8), N(P8), N(L8), N(A8L8), N(A4L4), N(V8U8),
      N(L6V5U5), N(X8L8V8U8), N(Q8W8V8U8), N(V16U16), N(W11V11U10),
      N(A2W10V10U10), N(D16_LOCKABLE), N(D32), N(D15S1), N(D24S8), N(D24X8),
      N(D24X4S4), N(D16), N(D32F_LOCKABLE), N(D24FS8), N(D32_LOCKABLE),
      N(S8_LOCKABLE), N(L16), N(VERTEXDATA), N(INDEX16), N(INDEX32),
      N(Q16W16V16U16), N(R16F), N(G16R16F), N(A16B16G16R16F), N(R32F),
      N(G32R32F), N(A32B32G32R32F), N(CxV8U8), N(A1),
      N(A2B10G10R10_XR_BIAS), N(BINARYBUFFER),
#undef N
   };
   if ((unsigned)format < ARRAY_SIZE(names))
      return names[format] ? names[format] : "UNKNOWN";
   switch ((uint32_t)format) {
   case D3DUMD_FMT_INTZ: return "INTZ";
   case D3DUMD_FMT_DF16: return "DF16";
   case D3DUMD_FMT_DF24: return "DF24";
   case D3DUMD_FMT_RESZ: return "RESZ";
   case D3DUMD_FMT_NULL: return "NULL";
   case D3DUMD_FMT_ATI1: return "ATI1";
   case D3DUMD_FMT_ATI2: return "ATI2";
   case D3DDDIFMT_DXT1: return "DXT1";
   case D3DDDIFMT_DXT2: return "DXT2";
   case D3DDDIFMT_DXT3: return "DXT3";
   case D3DDDIFMT_DXT4: return "DXT4";
   case D3DDDIFMT_DXT5: return "DXT5";
   case D3DDDIFMT_UYVY: return "UYVY";
   case D3DDDIFMT_YUY2: return "YUY2";
   case D3DDDIFMT_R8G8_B8G8: return "R8G8_B8G8";
   case D3DDDIFMT_G8R8_G8B8: return "G8R8_G8B8";
   case D3DDDIFMT_MULTI2_ARGB8: return "MULTI2_ARGB8";
   default: return "UNKNOWN";
   }
}

#endif

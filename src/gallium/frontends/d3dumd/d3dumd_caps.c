/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * GetCaps.  Every answer comes from the screen (get_param,
 * get_shader_param, is_format_supported) or states plainly that a feature
 * is absent: zero counts, zeroed structures.  Only a type the DDI version
 * we compile for does not define fails, with E_FAIL.
 */

#include <string.h>

#include "d3dumd_private.h"

#include "pipe/p_screen.h"
#include "util/format/u_format.h"
#include "util/u_math.h"

/* D3DPS_VERSION / D3DVS_VERSION as d3d9types.h builds them. */
#define SHADER_VERSION(kind, major, minor) \
   ((kind) | ((major) << 8) | (minor))

static int
cap(struct pipe_screen *screen, enum pipe_cap param)
{
   return screen->get_param(screen, param);
}

static int
shader_cap(struct pipe_screen *screen, enum pipe_shader_type stage,
           enum pipe_shader_cap param)
{
   return screen->get_shader_param(screen, stage, param);
}

/* D3D9 shader model 3 needs 256 vertex and 224 pixel float constants,
 * 32 temporaries, 10 (VS 12) inputs, dynamic flow control and 512
 * instruction slots; model 2 needs far less.  Report the highest model
 * the stage's Gallium limits meet. */
static unsigned
shader_model(struct pipe_screen *screen, enum pipe_shader_type stage)
{
   const bool vs = stage == PIPE_SHADER_VERTEX;
   unsigned consts = shader_cap(screen, stage,
                                PIPE_SHADER_CAP_MAX_CONST_BUFFER0_SIZE) / 16;
   unsigned temps = shader_cap(screen, stage, PIPE_SHADER_CAP_MAX_TEMPS);
   unsigned insts = shader_cap(screen, stage,
                               PIPE_SHADER_CAP_MAX_INSTRUCTIONS);
   unsigned flow = shader_cap(screen, stage,
                              PIPE_SHADER_CAP_MAX_CONTROL_FLOW_DEPTH);

   if (!insts)
      return 0;
   if (consts >= (vs ? 256u : 224u) && temps >= 32 && insts >= 512 &&
       flow >= 24)
      return 3;
   if (consts >= (vs ? 256u : 32u) && temps >= 12 && insts >= 96)
      return 2;
   return 1;
}

static void
fill_d3d9_caps(const struct d3dumd_adapter *adapter, D3DCAPS9 *caps)
{
   struct pipe_screen *screen = adapter->screen;

   memset(caps, 0, sizeof(*caps));
   caps->DeviceType = D3DDEVTYPE_HAL;
   caps->AdapterOrdinal = 0;
   caps->Caps2 = D3DCAPS2_DYNAMICTEXTURES | D3DCAPS2_CANMANAGERESOURCE;
   caps->Caps3 = D3DCAPS3_COPY_TO_VIDMEM | D3DCAPS3_COPY_TO_SYSTEMMEM;
   caps->PresentationIntervals = D3DPRESENT_INTERVAL_IMMEDIATE |
                                 D3DPRESENT_INTERVAL_ONE;
   caps->DevCaps = D3DDEVCAPS_EXECUTESYSTEMMEMORY |
                   D3DDEVCAPS_EXECUTEVIDEOMEMORY |
                   D3DDEVCAPS_TLVERTEXSYSTEMMEMORY |
                   D3DDEVCAPS_TLVERTEXVIDEOMEMORY |
                   D3DDEVCAPS_TEXTURESYSTEMMEMORY |
                   D3DDEVCAPS_TEXTUREVIDEOMEMORY |
                   D3DDEVCAPS_DRAWPRIMTLVERTEX | D3DDEVCAPS_CANRENDERAFTERFLIP |
                   D3DDEVCAPS_DRAWPRIMITIVES2 | D3DDEVCAPS_DRAWPRIMITIVES2EX |
                   D3DDEVCAPS_HWTRANSFORMANDLIGHT | D3DDEVCAPS_HWRASTERIZATION |
                   D3DDEVCAPS_CANBLTSYSTONONLOCAL | D3DDEVCAPS_PUREDEVICE;

   caps->PrimitiveMiscCaps = D3DPMISCCAPS_MASKZ | D3DPMISCCAPS_CULLNONE |
                             D3DPMISCCAPS_CULLCW | D3DPMISCCAPS_CULLCCW |
                             D3DPMISCCAPS_COLORWRITEENABLE |
                             D3DPMISCCAPS_CLIPPLANESCALEDPOINTS |
                             D3DPMISCCAPS_TSSARGTEMP | D3DPMISCCAPS_BLENDOP |
                             D3DPMISCCAPS_FOGANDSPECULARALPHA |
                             D3DPMISCCAPS_PERSTAGECONSTANT;
   if (cap(screen, PIPE_CAP_BLEND_EQUATION_SEPARATE))
      caps->PrimitiveMiscCaps |= D3DPMISCCAPS_SEPARATEALPHABLEND;
   if (cap(screen, PIPE_CAP_INDEP_BLEND_ENABLE))
      caps->PrimitiveMiscCaps |= D3DPMISCCAPS_INDEPENDENTWRITEMASKS;
   if (cap(screen, PIPE_CAP_MIXED_COLORBUFFER_FORMATS))
      caps->PrimitiveMiscCaps |= D3DPMISCCAPS_MRTINDEPENDENTBITDEPTHS;
   caps->PrimitiveMiscCaps |= D3DPMISCCAPS_MRTPOSTPIXELSHADERBLENDING;

   caps->RasterCaps = D3DPRASTERCAPS_DITHER | D3DPRASTERCAPS_ZTEST |
                      D3DPRASTERCAPS_FOGVERTEX | D3DPRASTERCAPS_FOGTABLE |
                      D3DPRASTERCAPS_MIPMAPLODBIAS | D3DPRASTERCAPS_FOGRANGE |
                      D3DPRASTERCAPS_ZFOG | D3DPRASTERCAPS_COLORPERSPECTIVE |
                      D3DPRASTERCAPS_SCISSORTEST |
                      D3DPRASTERCAPS_SLOPESCALEDEPTHBIAS |
                      D3DPRASTERCAPS_DEPTHBIAS |
                      D3DPRASTERCAPS_MULTISAMPLE_TOGGLE;
   if (cap(screen, PIPE_CAP_ANISOTROPIC_FILTER))
      caps->RasterCaps |= D3DPRASTERCAPS_ANISOTROPY;

   const DWORD all_cmp = D3DPCMPCAPS_NEVER | D3DPCMPCAPS_LESS |
                         D3DPCMPCAPS_EQUAL | D3DPCMPCAPS_LESSEQUAL |
                         D3DPCMPCAPS_GREATER | D3DPCMPCAPS_NOTEQUAL |
                         D3DPCMPCAPS_GREATEREQUAL | D3DPCMPCAPS_ALWAYS;
   caps->ZCmpCaps = all_cmp;
   caps->AlphaCmpCaps = all_cmp;
   caps->SrcBlendCaps = caps->DestBlendCaps =
      D3DPBLENDCAPS_ZERO | D3DPBLENDCAPS_ONE | D3DPBLENDCAPS_SRCCOLOR |
      D3DPBLENDCAPS_INVSRCCOLOR | D3DPBLENDCAPS_SRCALPHA |
      D3DPBLENDCAPS_INVSRCALPHA | D3DPBLENDCAPS_DESTALPHA |
      D3DPBLENDCAPS_INVDESTALPHA | D3DPBLENDCAPS_DESTCOLOR |
      D3DPBLENDCAPS_INVDESTCOLOR | D3DPBLENDCAPS_SRCALPHASAT |
      D3DPBLENDCAPS_BOTHSRCALPHA | D3DPBLENDCAPS_BOTHINVSRCALPHA |
      D3DPBLENDCAPS_BLENDFACTOR;
   caps->ShadeCaps = D3DPSHADECAPS_COLORGOURAUDRGB |
                     D3DPSHADECAPS_SPECULARGOURAUDRGB |
                     D3DPSHADECAPS_ALPHAGOURAUDBLEND |
                     D3DPSHADECAPS_FOGGOURAUD;

   const bool npot = cap(screen, PIPE_CAP_NPOT_TEXTURES);
   caps->TextureCaps = D3DPTEXTURECAPS_PERSPECTIVE | D3DPTEXTURECAPS_ALPHA |
                       D3DPTEXTURECAPS_PROJECTED | D3DPTEXTURECAPS_MIPMAP |
                       D3DPTEXTURECAPS_TEXREPEATNOTSCALEDBYSIZE;
   if (!npot)
      caps->TextureCaps |= D3DPTEXTURECAPS_POW2 |
                           D3DPTEXTURECAPS_NONPOW2CONDITIONAL;
   if (cap(screen, PIPE_CAP_MAX_TEXTURE_CUBE_LEVELS)) {
      caps->TextureCaps |= D3DPTEXTURECAPS_CUBEMAP |
                           D3DPTEXTURECAPS_MIPCUBEMAP;
      if (!npot)
         caps->TextureCaps |= D3DPTEXTURECAPS_CUBEMAP_POW2;
   }
   if (cap(screen, PIPE_CAP_MAX_TEXTURE_3D_LEVELS)) {
      caps->TextureCaps |= D3DPTEXTURECAPS_VOLUMEMAP |
                           D3DPTEXTURECAPS_MIPVOLUMEMAP;
      if (!npot)
         caps->TextureCaps |= D3DPTEXTURECAPS_VOLUMEMAP_POW2;
   }

   DWORD filter = D3DPTFILTERCAPS_MINFPOINT | D3DPTFILTERCAPS_MINFLINEAR |
                  D3DPTFILTERCAPS_MIPFPOINT | D3DPTFILTERCAPS_MIPFLINEAR |
                  D3DPTFILTERCAPS_MAGFPOINT | D3DPTFILTERCAPS_MAGFLINEAR;
   if (cap(screen, PIPE_CAP_ANISOTROPIC_FILTER))
      filter |= D3DPTFILTERCAPS_MINFANISOTROPIC |
                D3DPTFILTERCAPS_MAGFANISOTROPIC;
   caps->TextureFilterCaps = filter;
   caps->CubeTextureFilterCaps = filter;
   caps->VolumeTextureFilterCaps = filter;
   caps->StretchRectFilterCaps = D3DPTFILTERCAPS_MINFPOINT |
                                 D3DPTFILTERCAPS_MINFLINEAR |
                                 D3DPTFILTERCAPS_MAGFPOINT |
                                 D3DPTFILTERCAPS_MAGFLINEAR;

   DWORD address = D3DPTADDRESSCAPS_WRAP | D3DPTADDRESSCAPS_MIRROR |
                   D3DPTADDRESSCAPS_CLAMP | D3DPTADDRESSCAPS_BORDER |
                   D3DPTADDRESSCAPS_INDEPENDENTUV;
   if (cap(screen, PIPE_CAP_TEXTURE_MIRROR_CLAMP))
      address |= D3DPTADDRESSCAPS_MIRRORONCE;
   caps->TextureAddressCaps = address;
   caps->VolumeTextureAddressCaps = address;
   caps->LineCaps = D3DLINECAPS_TEXTURE | D3DLINECAPS_ZTEST |
                    D3DLINECAPS_BLEND | D3DLINECAPS_ALPHACMP |
                    D3DLINECAPS_FOG;

   const unsigned max2d = cap(screen, PIPE_CAP_MAX_TEXTURE_2D_SIZE);
   const unsigned levels3d = cap(screen, PIPE_CAP_MAX_TEXTURE_3D_LEVELS);
   caps->MaxTextureWidth = max2d;
   caps->MaxTextureHeight = max2d;
   caps->MaxVolumeExtent = levels3d ? 1u << (levels3d - 1) : 0;
   caps->MaxTextureRepeat = 8192;
   caps->MaxTextureAspectRatio = max2d;
   caps->MaxAnisotropy = MAX2(1, (DWORD)screen->get_paramf(
                                    screen, PIPE_CAPF_MAX_TEXTURE_ANISOTROPY));
   caps->MaxVertexW = 1e10f;
   /* Gallium clips in the rasteriser: a large guard band is exact. */
   caps->GuardBandLeft = -32768.0f;
   caps->GuardBandTop = -32768.0f;
   caps->GuardBandRight = 32767.0f;
   caps->GuardBandBottom = 32767.0f;
   caps->ExtentsAdjust = 0.0f;

   caps->StencilCaps = D3DSTENCILCAPS_KEEP | D3DSTENCILCAPS_ZERO |
                       D3DSTENCILCAPS_REPLACE | D3DSTENCILCAPS_INCRSAT |
                       D3DSTENCILCAPS_DECRSAT | D3DSTENCILCAPS_INVERT |
                       D3DSTENCILCAPS_INCR | D3DSTENCILCAPS_DECR |
                       D3DSTENCILCAPS_TWOSIDED;
   caps->FVFCaps = 8 | D3DFVFCAPS_PSIZE; /* 8 texture coordinate sets */

   const unsigned ps_samplers =
      shader_cap(screen, PIPE_SHADER_FRAGMENT,
                 PIPE_SHADER_CAP_MAX_TEXTURE_SAMPLERS);
   caps->MaxTextureBlendStages = 8;
   caps->MaxSimultaneousTextures = MIN2(ps_samplers, 8);
   caps->VertexProcessingCaps = D3DVTXPCAPS_TEXGEN |
                                D3DVTXPCAPS_MATERIALSOURCE7 |
                                D3DVTXPCAPS_DIRECTIONALLIGHTS |
                                D3DVTXPCAPS_POSITIONALLIGHTS |
                                D3DVTXPCAPS_LOCALVIEWER |
                                D3DVTXPCAPS_TEXGEN_SPHEREMAP;
   caps->MaxActiveLights = 8;
   caps->MaxUserClipPlanes = MIN2(cap(screen, PIPE_CAP_CLIP_PLANES), 6);
   caps->MaxVertexBlendMatrices = 4;
   caps->MaxVertexBlendMatrixIndex = 0;
   caps->MaxPointSize = screen->get_paramf(screen, PIPE_CAPF_MAX_POINT_SIZE);
   caps->MaxPrimitiveCount = 0x555555; /* D3D9's limit for 24-bit counts */
   caps->MaxVertexIndex = 0xffffff;
   caps->MaxStreams = MIN2(cap(screen, PIPE_CAP_MAX_VERTEX_BUFFERS), 16);
   caps->MaxStreamStride = MIN2(cap(screen, PIPE_CAP_MAX_VERTEX_ATTRIB_STRIDE),
                                255);

   const unsigned vs_model = shader_model(screen, PIPE_SHADER_VERTEX);
   const unsigned ps_model = shader_model(screen, PIPE_SHADER_FRAGMENT);
   caps->VertexShaderVersion = vs_model ?
      SHADER_VERSION(0xfffe0000u, vs_model, 0) : 0;
   caps->MaxVertexShaderConst = MIN2(
      shader_cap(screen, PIPE_SHADER_VERTEX,
                 PIPE_SHADER_CAP_MAX_CONST_BUFFER0_SIZE) / 16, 256);
   caps->PixelShaderVersion = ps_model ?
      SHADER_VERSION(0xffff0000u, ps_model, 0) : 0;
   caps->PixelShader1xMaxValue = 8.0f;

   caps->DevCaps2 = D3DDEVCAPS2_STREAMOFFSET |
                    D3DDEVCAPS2_CAN_STRETCHRECT_FROM_TEXTURES |
                    D3DDEVCAPS2_VERTEXELEMENTSCANSHARESTREAMOFFSET;
   caps->MasterAdapterOrdinal = 0;
   caps->AdapterOrdinalInGroup = 0;
   caps->NumberOfAdaptersInGroup = 1;
   caps->DeclTypes = D3DDTCAPS_UBYTE4 | D3DDTCAPS_UBYTE4N |
                     D3DDTCAPS_SHORT2N | D3DDTCAPS_SHORT4N |
                     D3DDTCAPS_USHORT2N | D3DDTCAPS_USHORT4N |
                     D3DDTCAPS_UDEC3 | D3DDTCAPS_DEC3N |
                     D3DDTCAPS_FLOAT16_2 | D3DDTCAPS_FLOAT16_4;
   caps->NumSimultaneousRTs = MIN2(cap(screen, PIPE_CAP_MAX_RENDER_TARGETS),
                                   4);

   if (vs_model >= 2) {
      caps->VS20Caps.Caps = vs_model >= 3 ? D3DVS20CAPS_PREDICATION : 0;
      caps->VS20Caps.DynamicFlowControlDepth = vs_model >= 3 ? 24 : 0;
      caps->VS20Caps.NumTemps = MIN2(
         shader_cap(screen, PIPE_SHADER_VERTEX, PIPE_SHADER_CAP_MAX_TEMPS),
         32);
      caps->VS20Caps.StaticFlowControlDepth = 4;
   }
   if (ps_model >= 2) {
      caps->PS20Caps.Caps = ps_model >= 3 ?
         D3DPS20CAPS_ARBITRARYSWIZZLE | D3DPS20CAPS_GRADIENTINSTRUCTIONS |
         D3DPS20CAPS_PREDICATION | D3DPS20CAPS_NODEPENDENTREADLIMIT |
         D3DPS20CAPS_NOTEXINSTRUCTIONLIMIT : 0;
      caps->PS20Caps.DynamicFlowControlDepth = ps_model >= 3 ? 24 : 0;
      caps->PS20Caps.NumTemps = MIN2(
         shader_cap(screen, PIPE_SHADER_FRAGMENT, PIPE_SHADER_CAP_MAX_TEMPS),
         32);
      caps->PS20Caps.StaticFlowControlDepth = 4;
      caps->PS20Caps.NumInstructionSlots = ps_model >= 3 ? 512 : 96;
   }
   if (shader_cap(screen, PIPE_SHADER_VERTEX,
                  PIPE_SHADER_CAP_MAX_TEXTURE_SAMPLERS) > 0)
      caps->VertexTextureFilterCaps = D3DPTFILTERCAPS_MINFPOINT |
                                      D3DPTFILTERCAPS_MAGFPOINT;
   if (vs_model >= 3)
      caps->MaxVShaderInstructionsExecuted = 65535;
   if (ps_model >= 3)
      caps->MaxPShaderInstructionsExecuted = 65535;
   if (vs_model >= 3)
      caps->MaxVertexShader30InstructionSlots = 512;
   if (ps_model >= 3)
      caps->MaxPixelShader30InstructionSlots = 512;
}

static HRESULT
get_format_data(const struct d3dumd_adapter *adapter,
                const D3DDDIARG_GETCAPS *pData)
{
   d3dumd_check(adapter->debug,
                pData->DataSize >= adapter->num_formats * sizeof(FORMATOP),
                E_FAIL);
   FORMATOP *ops = pData->pData;
   for (unsigned i = 0; i < adapter->num_formats; i++) {
      ops[i] = (FORMATOP) {
         .Format = adapter->formats[i].d3d,
         .Operations = adapter->formats[i].ops,
      };
      if (adapter->debug & D3DUMD_DEBUG_CAPS)
         d3dumd_log(adapter->debug, D3DUMD_DEBUG_CAPS, __func__,
                    "%-16s ops=0x%08x",
                    d3dumd_format_to_str(adapter->formats[i].d3d),
                    (unsigned)adapter->formats[i].ops);
   }
   return S_OK;
}

static HRESULT
get_multisample_quality_levels(const struct d3dumd_adapter *adapter,
                               const D3DDDIARG_GETCAPS *pData)
{
   DDIMULTISAMPLEQUALITYLEVELSDATA *ms = pData->pData;

   d3dumd_check(adapter->debug,
                pData->DataSize >= sizeof(DDIMULTISAMPLEQUALITYLEVELSDATA),
                E_FAIL);

   /* Only formats the adapter reports; the counts per format come from
    * the screen (d3dumd_format_ms_levels).  A count the screen cannot
    * render the format at answers zero levels. */
   ms->QualityLevels = d3dumd_format_lookup(adapter, ms->Format) ?
      d3dumd_format_ms_levels(adapter->screen, ms->Format, ms->MsType) : 0;
   return S_OK;
}

/* The size each fixed-size answer needs; 0 for a list whose length the
 * runtime learns from a count first (we report zero items). */
static UINT
zeroed_answer_size(D3DDDICAPS_TYPE type)
{
   switch (type) {
   case D3DDDICAPS_GETFORMATCOUNT:
   case D3DDDICAPS_GETDECODEGUIDCOUNT:
   case D3DDDICAPS_GETDECODERTFORMATCOUNT:
   case D3DDDICAPS_GETDECODECOMPRESSEDBUFFERINFOCOUNT:
   case D3DDDICAPS_GETDECODECONFIGURATIONCOUNT:
   case D3DDDICAPS_GETVIDEOPROCESSORDEVICEGUIDCOUNT:
   case D3DDDICAPS_GETVIDEOPROCESSORRTFORMATCOUNT:
   case D3DDDICAPS_GETVIDEOPROCESSORRTSUBSTREAMFORMATCOUNT:
   case D3DDDICAPS_GETEXTENSIONGUIDCOUNT:
   case D3DDDICAPS_GETCERTIFICATESIZE:
      return sizeof(UINT);
   default:
      return 0;
   }
}

HRESULT APIENTRY
d3dumd_GetCaps(HANDLE hAdapter, const D3DDDIARG_GETCAPS *pData)
{
   struct d3dumd_adapter *adapter = d3dumd_adapter_from_handle(hAdapter);

   d3dumd_check(d3dumd_debug_flags(), adapter, E_FAIL);
   d3dumd_check(adapter->debug, pData, E_FAIL);
   D3DUMD_TRACE(adapter->debug, "Type=%s pData=%p DataSize=%u",
                d3dumd_caps_type_to_str(pData->Type), pData->pData,
                pData->DataSize);

   switch (pData->Type) {
   case D3DDDICAPS_GETD3D9CAPS:
      d3dumd_check(adapter->debug,
                   pData->pData && pData->DataSize >= sizeof(D3DCAPS9),
                   E_FAIL);
      fill_d3d9_caps(adapter, pData->pData);
      return S_OK;

   case D3DDDICAPS_GETFORMATCOUNT:
      d3dumd_check(adapter->debug,
                   pData->pData && pData->DataSize >= sizeof(UINT), E_FAIL);
      *(UINT *)pData->pData = adapter->num_formats;
      return S_OK;

   case D3DDDICAPS_GETFORMATDATA:
      d3dumd_check(adapter->debug, pData->pData, E_FAIL);
      return get_format_data(adapter, pData);

   case D3DDDICAPS_GETMULTISAMPLEQUALITYLEVELS:
      d3dumd_check(adapter->debug, pData->pData, E_FAIL);
      return get_multisample_quality_levels(adapter, pData);

   /* Query types (d3dumd_query.c): events, from Gallium fences,
    * occlusion where the screen counts samples, the timestamp queries
    * where it has timestamps. */
   case D3DDDICAPS_GETD3DQUERYCOUNT:
      d3dumd_check(adapter->debug,
                   pData->pData && pData->DataSize >= sizeof(UINT), E_FAIL);
      *(UINT *)pData->pData = d3dumd_query_types(adapter->screen, NULL);
      return S_OK;
   case D3DDDICAPS_GETD3DQUERYDATA: {
      D3DDDIQUERYTYPE types[D3DUMD_MAX_QUERY_TYPES];
      const unsigned n = d3dumd_query_types(adapter->screen, types);
      d3dumd_check(adapter->debug, pData->pData &&
                   pData->DataSize >= n * sizeof(D3DDDIQUERYTYPE), E_FAIL);
      memcpy(pData->pData, types, n * sizeof(D3DDDIQUERYTYPE));
      return S_OK;
   }

   /* Counts of features this frontend does not have (DXVA, extensions,
    * content protection): zero. */
   case D3DDDICAPS_GETDECODEGUIDCOUNT:
   case D3DDDICAPS_GETDECODERTFORMATCOUNT:
   case D3DDDICAPS_GETDECODECOMPRESSEDBUFFERINFOCOUNT:
   case D3DDDICAPS_GETDECODECONFIGURATIONCOUNT:
   case D3DDDICAPS_GETVIDEOPROCESSORDEVICEGUIDCOUNT:
   case D3DDDICAPS_GETVIDEOPROCESSORRTFORMATCOUNT:
   case D3DDDICAPS_GETVIDEOPROCESSORRTSUBSTREAMFORMATCOUNT:
   case D3DDDICAPS_GETEXTENSIONGUIDCOUNT:
   case D3DDDICAPS_GETCERTIFICATESIZE:
      d3dumd_check(adapter->debug,
                   pData->pData &&
                   pData->DataSize >= zeroed_answer_size(pData->Type),
                   E_FAIL);
      *(UINT *)pData->pData = 0;
      return S_OK;

   /* Lists whose count above is zero: nothing to write. */
   case D3DDDICAPS_GETDECODEGUIDS:
   case D3DDDICAPS_GETDECODERTFORMATS:
   case D3DDDICAPS_GETDECODECOMPRESSEDBUFFERINFO:
   case D3DDDICAPS_GETDECODECONFIGURATIONS:
   case D3DDDICAPS_GETVIDEOPROCESSORDEVICEGUIDS:
   case D3DDDICAPS_GETVIDEOPROCESSORRTFORMATS:
   case D3DDDICAPS_GETVIDEOPROCESSORRTSUBSTREAMFORMATS:
   case D3DDDICAPS_GETEXTENSIONGUIDS:
   case D3DDDICAPS_GETCERTIFICATE:
      return S_OK;

   /* The overlay pages ask for an error when overlays are unsupported. */
   case D3DDDICAPS_CHECKOVERLAYSUPPORT:
   case D3DDDICAPS_GET_MULTIPLANE_OVERLAY_CAPS:
      return D3DDDIERR_UNSUPPORTEDOVERLAY;

   /* Structures describing features the adapter does not have (DirectDraw
    * hardware, legacy HAL caps, DXVA, gamma ramps, content protection,
    * a tile-based renderer, reduced shader precision): zeroed. */
   case D3DDDICAPS_DDRAW:
   case D3DDDICAPS_DDRAW_MODE_SPECIFIC:
   case D3DDDICAPS_GETD3D3CAPS:
   case D3DDDICAPS_GETD3D5CAPS:
   case D3DDDICAPS_GETD3D6CAPS:
   case D3DDDICAPS_GETD3D7CAPS:
   case D3DDDICAPS_GETD3D8CAPS:
   case D3DDDICAPS_GETVIDEOPROCESSORCAPS:
   case D3DDDICAPS_GETPROCAMPRANGE:
   case D3DDDICAPS_FILTERPROPERTYRANGE:
   case D3DDDICAPS_GETEXTENSIONCAPS:
   case D3DDDICAPS_GETGAMMARAMPCAPS:
   case D3DDDICAPS_DXVAHD_GETVPDEVCAPS:
   case D3DDDICAPS_DXVAHD_GETVPOUTPUTFORMATS:
   case D3DDDICAPS_DXVAHD_GETVPINPUTFORMATS:
   case D3DDDICAPS_DXVAHD_GETVPCAPS:
   case D3DDDICAPS_DXVAHD_GETVPCUSTOMRATES:
   case D3DDDICAPS_DXVAHD_GETVPFILTERRANGE:
   case D3DDDICAPS_GETCONTENTPROTECTIONCAPS:
   case D3DDDICAPS_GET_ARCHITECTURE_INFO:
   case D3DDDICAPS_GET_SHADER_MIN_PRECISION_SUPPORT:
   case D3DDDICAPS_GET_MULTIPLANE_OVERLAY_FILTER_RANGE:
      d3dumd_check(adapter->debug, pData->pData || !pData->DataSize, E_FAIL);
      if (pData->DataSize)
         memset(pData->pData, 0, pData->DataSize);
      return S_OK;

   default:
      d3dumd_log(adapter->debug, D3DUMD_DEBUG_USER, __func__,
                 "unknown caps type %d", (int)pData->Type);
      return E_FAIL;
   }
}

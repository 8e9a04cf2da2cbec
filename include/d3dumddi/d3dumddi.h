/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The Direct3D 9 user-mode display driver interface (d3dumddi.h), written
 * from Microsoft's reference pages (../shared/ref/wdk-ddi).  Names, member
 * order, types, values and version gates are the reference's, because a
 * runtime built with the real header must be able to load the driver; the
 * rest is ours.
 *
 * The function tables, their entry-point and callback types and the
 * argument structures the driver uses are transcribed mechanically from
 * the pages' syntax and prototype blocks into d3dumddi_decls.h
 * (scripts/ddi-transcribe.py); argument structures of entry points the
 * driver does not implement yet are declared opaque there.
 *
 * ABI: Windows x64 (LLP64), checked against x86_64-w64-mingw32-gcc by
 * tests/abi.
 */

#ifndef D3DUMDDI_H
#define D3DUMDDI_H

#include "d3dukmdt.h"
#include "d3d9caps.h"

#ifdef __cplusplus
extern "C" {
#endif

/* HRESULTs the DDI documents beyond the generic ones.  D3DDDIERR_* share
 * the D3D9 facility (0x876, severity 1) and codes of the matching D3DERR_*
 * values.  Written as constants rather than with MAKE_HRESULT, whose
 * "1 << 31" on an int is not a constant expression to UBSan. */
#define D3DDDIERR_WASSTILLDRAWING          ((HRESULT)0x8876021CL) /* 540 */
#define D3DDDIERR_NOTAVAILABLE             ((HRESULT)0x8876086AL) /* 2154 */
#define D3DDDIERR_DEVICEREMOVED            ((HRESULT)0x88760870L) /* 2160 */
#define D3DDDIERR_UNSUPPORTEDOVERLAY       ((HRESULT)0x8876087BL) /* 2171 */
#define D3DDDIERR_UNSUPPORTEDOVERLAYFORMAT ((HRESULT)0x8876087CL) /* 2172 */

/* ne-d3dumddi-_d3dddicaps_type.md.  The page's syntax block runs its
 * closing "#endif }" together; the gates are as listed. */
typedef enum _D3DDDICAPS_TYPE {
   D3DDDICAPS_DDRAW                                   = 1,
   D3DDDICAPS_DDRAW_MODE_SPECIFIC                     = 2,
   D3DDDICAPS_GETFORMATCOUNT                          = 3,
   D3DDDICAPS_GETFORMATDATA                           = 4,
   D3DDDICAPS_GETMULTISAMPLEQUALITYLEVELS             = 5,
   D3DDDICAPS_GETD3DQUERYCOUNT                        = 6,
   D3DDDICAPS_GETD3DQUERYDATA                         = 7,
   D3DDDICAPS_GETD3D3CAPS                             = 8,
   D3DDDICAPS_GETD3D5CAPS                             = 9,
   D3DDDICAPS_GETD3D6CAPS                             = 10,
   D3DDDICAPS_GETD3D7CAPS                             = 11,
   D3DDDICAPS_GETD3D8CAPS                             = 12,
   D3DDDICAPS_GETD3D9CAPS                             = 13,
   D3DDDICAPS_GETDECODEGUIDCOUNT                      = 14,
   D3DDDICAPS_GETDECODEGUIDS                          = 15,
   D3DDDICAPS_GETDECODERTFORMATCOUNT                  = 16,
   D3DDDICAPS_GETDECODERTFORMATS                      = 17,
   D3DDDICAPS_GETDECODECOMPRESSEDBUFFERINFOCOUNT      = 18,
   D3DDDICAPS_GETDECODECOMPRESSEDBUFFERINFO           = 19,
   D3DDDICAPS_GETDECODECONFIGURATIONCOUNT             = 20,
   D3DDDICAPS_GETDECODECONFIGURATIONS                 = 21,
   D3DDDICAPS_GETVIDEOPROCESSORDEVICEGUIDCOUNT        = 22,
   D3DDDICAPS_GETVIDEOPROCESSORDEVICEGUIDS            = 23,
   D3DDDICAPS_GETVIDEOPROCESSORRTFORMATCOUNT          = 24,
   D3DDDICAPS_GETVIDEOPROCESSORRTFORMATS              = 25,
   D3DDDICAPS_GETVIDEOPROCESSORRTSUBSTREAMFORMATCOUNT = 26,
   D3DDDICAPS_GETVIDEOPROCESSORRTSUBSTREAMFORMATS     = 27,
   D3DDDICAPS_GETVIDEOPROCESSORCAPS                   = 28,
   D3DDDICAPS_GETPROCAMPRANGE                         = 29,
   D3DDDICAPS_FILTERPROPERTYRANGE                     = 30,
   D3DDDICAPS_GETEXTENSIONGUIDCOUNT                   = 31,
   D3DDDICAPS_GETEXTENSIONGUIDS                       = 32,
   D3DDDICAPS_GETEXTENSIONCAPS                        = 33,
   D3DDDICAPS_GETGAMMARAMPCAPS                        = 34,
   D3DDDICAPS_CHECKOVERLAYSUPPORT                     = 35,
   D3DDDICAPS_DXVAHD_GETVPDEVCAPS                     = 36,
   D3DDDICAPS_DXVAHD_GETVPOUTPUTFORMATS               = 37,
   D3DDDICAPS_DXVAHD_GETVPINPUTFORMATS                = 38,
   D3DDDICAPS_DXVAHD_GETVPCAPS                        = 39,
   D3DDDICAPS_DXVAHD_GETVPCUSTOMRATES                 = 40,
   D3DDDICAPS_DXVAHD_GETVPFILTERRANGE                 = 41,
   D3DDDICAPS_GETCONTENTPROTECTIONCAPS                = 42,
   D3DDDICAPS_GETCERTIFICATESIZE                      = 43,
   D3DDDICAPS_GETCERTIFICATE                          = 44,
#if (D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WIN8)
   D3DDDICAPS_GET_ARCHITECTURE_INFO                   = 45,
   D3DDDICAPS_GET_SHADER_MIN_PRECISION_SUPPORT        = 46,
   D3DDDICAPS_GET_MULTIPLANE_OVERLAY_CAPS             = 47,
   D3DDDICAPS_GET_MULTIPLANE_OVERLAY_FILTER_RANGE     = 48,
#endif
#if (D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WDDM1_3)
   D3DDDICAPS_GET_MULTIPLANE_OVERLAY_GROUP_CAPS       = 49,
   D3DDDICAPS_GET_SIMPLE_INSTANCING_SUPPORT           = 50,
   D3DDDICAPS_GET_MARKER_CAPS                         = 51,
#endif
} D3DDDICAPS_TYPE;

/* D3DDDIARG_CREATEQUERY::QueryType: the D3D9 query types, same values
 * as D3DQUERYTYPE. */
typedef enum _D3DDDIQUERYTYPE {
   D3DDDIQUERYTYPE_VCACHE            = 4,
   D3DDDIQUERYTYPE_RESOURCEMANAGER   = 5,
   D3DDDIQUERYTYPE_VERTEXSTATS       = 6,
   D3DDDIQUERYTYPE_EVENT             = 8,
   D3DDDIQUERYTYPE_OCCLUSION         = 9,
   D3DDDIQUERYTYPE_TIMESTAMP         = 10,
   D3DDDIQUERYTYPE_TIMESTAMPDISJOINT = 11,
   D3DDDIQUERYTYPE_TIMESTAMPFREQ     = 12,
   D3DDDIQUERYTYPE_PIPELINETIMINGS   = 13,
   D3DDDIQUERYTYPE_INTERFACETIMINGS  = 14,
   D3DDDIQUERYTYPE_VERTEXTIMINGS     = 15,
   D3DDDIQUERYTYPE_PIXELTIMINGS      = 16,
   D3DDDIQUERYTYPE_BANDWIDTHTIMINGS  = 17,
   D3DDDIQUERYTYPE_CACHEUTILIZATION  = 18,
} D3DDDIQUERYTYPE;

/* FORMATOP::Operations (ns-d3dumddi-_formatop.md). */
#define FORMATOP_TEXTURE                              0x00000001L
#define FORMATOP_VOLUMETEXTURE                        0x00000002L
#define FORMATOP_CUBETEXTURE                          0x00000004L
#define FORMATOP_OFFSCREEN_RENDERTARGET               0x00000008L
#define FORMATOP_SAME_FORMAT_RENDERTARGET             0x00000010L
#define FORMATOP_ZSTENCIL                             0x00000040L
#define FORMATOP_ZSTENCIL_WITH_ARBITRARY_COLOR_DEPTH  0x00000080L
#define FORMATOP_SAME_FORMAT_UP_TO_ALPHA_RENDERTARGET 0x00000100L
#define FORMATOP_DISPLAYMODE                          0x00000400L
#define FORMATOP_3DACCELERATION                       0x00000800L
#define FORMATOP_PIXELSIZE                            0x00001000L
#define FORMATOP_CONVERT_TO_ARGB                      0x00002000L
#define FORMATOP_OFFSCREENPLAIN                       0x00004000L
#define FORMATOP_SRGBREAD                             0x00008000L
#define FORMATOP_BUMPMAP                              0x00010000L
#define FORMATOP_DMAP                                 0x00020000L
#define FORMATOP_NOFILTER                             0x00040000L
#define FORMATOP_MEMBEROFGROUP_ARGB                   0x00080000L
#define FORMATOP_SRGBWRITE                            0x00100000L
#define FORMATOP_NOALPHABLEND                         0x00200000L
#define FORMATOP_AUTOGENMIPMAP                        0x00400000L
#define FORMATOP_VERTEXTEXTURE                        0x00800000L
#define FORMATOP_NOTEXCOORDWRAPNORMIP                 0x01000000L
#define FORMATOP_PLANAR                               0x02000000L
#define FORMATOP_OVERLAY                              0x04000000L
#if (D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WIN8)
#define FORMATOP_CAPTURE                              0x08000000L
#define FORMATOP_VIDEO_ENCODER                        0x10000000L
#define FORMATOP_MULTIPLANE_OVERLAY                   0x20000000L
#endif

/* D3DDDIARG_RENDERSTATE::State: the D3D9 render states, same values as
 * D3DRENDERSTATETYPE (ns-d3dumddi-_d3dddiarg_renderstate.md). */
typedef D3DRENDERSTATETYPE D3DDDIRENDERSTATETYPE;

/* D3DDDIARG_TEXTURESTAGESTATE::State (ns-d3dumddi-_d3dddiarg_texturestagestate.md):
 * the DirectX 8 D3DTSS_* numbering, in which the sampler states are
 * texture stage states; the runtime maps D3DSAMP_* onto it.  1-28 are the
 * DirectX 8 values; the D3D9 sampler states without a DirectX 8
 * counterpart (sRGB, element index, displacement-map offset) and
 * D3DTSS_CONSTANT fill 29-32 in D3DSAMPLERSTATETYPE's order, before the
 * page's two colour-key states at 33 and 34. */
typedef enum _D3DDDITEXTURESTAGESTATETYPE {
   D3DDDITSS_TEXTUREMAP              = 0,
   D3DDDITSS_COLOROP                 = 1,
   D3DDDITSS_COLORARG1               = 2,
   D3DDDITSS_COLORARG2               = 3,
   D3DDDITSS_ALPHAOP                 = 4,
   D3DDDITSS_ALPHAARG1               = 5,
   D3DDDITSS_ALPHAARG2               = 6,
   D3DDDITSS_BUMPENVMAT00            = 7,
   D3DDDITSS_BUMPENVMAT01            = 8,
   D3DDDITSS_BUMPENVMAT10            = 9,
   D3DDDITSS_BUMPENVMAT11            = 10,
   D3DDDITSS_TEXCOORDINDEX           = 11,
   D3DDDITSS_ADDRESSU                = 13,
   D3DDDITSS_ADDRESSV                = 14,
   D3DDDITSS_BORDERCOLOR             = 15,
   D3DDDITSS_MAGFILTER               = 16,
   D3DDDITSS_MINFILTER               = 17,
   D3DDDITSS_MIPFILTER               = 18,
   D3DDDITSS_MIPMAPLODBIAS           = 19,
   D3DDDITSS_MAXMIPLEVEL             = 20,
   D3DDDITSS_MAXANISOTROPY           = 21,
   D3DDDITSS_BUMPENVLSCALE           = 22,
   D3DDDITSS_BUMPENVLOFFSET          = 23,
   D3DDDITSS_TEXTURETRANSFORMFLAGS   = 24,
   D3DDDITSS_ADDRESSW                = 25,
   D3DDDITSS_COLORARG0               = 26,
   D3DDDITSS_ALPHAARG0               = 27,
   D3DDDITSS_RESULTARG               = 28,
   D3DDDITSS_SRGBTEXTURE             = 29,
   D3DDDITSS_ELEMENTINDEX            = 30,
   D3DDDITSS_DMAPOFFSET              = 31,
   D3DDDITSS_CONSTANT                = 32,
   D3DDDITSS_DISABLETEXTURECOLORKEY  = 33,
   D3DDDITSS_TEXTURECOLORKEYVAL      = 34,
   D3DDDITSS_FORCE_DWORD             = 0x7fffffff,
} D3DDDITEXTURESTAGESTATETYPE;

/* D3DDDIARG_GENERATEMIPSUBLEVELS::Filter: the values of
 * D3DTEXTUREFILTERTYPE (ns-d3dumddi-_d3dddiarg_generatemipsublevels.md). */
typedef enum _D3DDDITEXTUREFILTERTYPE {
   D3DDDITEXF_NONE          = 0,
   D3DDDITEXF_POINT         = 1,
   D3DDDITEXF_LINEAR        = 2,
   D3DDDITEXF_ANISOTROPIC   = 3,
   D3DDDITEXF_PYRAMIDALQUAD = 6,
   D3DDDITEXF_GAUSSIANQUAD  = 7,
} D3DDDITEXTUREFILTERTYPE;

/* SetTextureStageState's sampler indices past the 16 pixel samplers:
 * the displacement-map sampler and the four vertex texture samplers
 * (D3DDMAPSAMPLER, D3DVERTEXTEXTURESAMPLER0..3 of d3d9types). */
#define D3DDDI_DMAPSAMPLER            256
#define D3DDDI_VERTEXTEXTURESAMPLER0  257

#include "d3dumddi_decls.h"

/* pfnSetPixelShaderConstB's argument: the reference has no page for it;
 * its prototype page describes it as D3DDDIARG_SETPIXELSHADERCONST
 * (register and count), which is its layout. */
struct _D3DDDIARG_SETPIXELSHADERCONSTB {
   UINT Register;
   UINT Count;
};

/* The driver's one export (nc-d3dumddi-pfnd3dddi_openadapter.md). */
typedef struct _D3DDDIARG_OPENADAPTER {
   HANDLE                        hAdapter;
   UINT                          Interface;
   UINT                          Version;
   const D3DDDI_ADAPTERCALLBACKS *pAdapterCallbacks;
   D3DDDI_ADAPTERFUNCS           *pAdapterFuncs;
   UINT                          DriverVersion;
} D3DDDIARG_OPENADAPTER;

typedef HRESULT (APIENTRY *PFND3DDDI_OPENADAPTER)(D3DDDIARG_OPENADAPTER *pOpenData);

HRESULT APIENTRY OpenAdapter(D3DDDIARG_OPENADAPTER *pOpenData);

#ifdef __cplusplus
}
#endif

#endif /* D3DUMDDI_H */

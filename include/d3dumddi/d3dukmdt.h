/*
 * mesa-d3dumd: types shared by the WDDM user-mode and kernel-mode display
 * driver interfaces (the subset of d3dukmdt that the D3D9 UMD DDI uses).
 *
 * Written from the public Windows driver documentation.  Names, member order,
 * member types and constant values are the interface's ABI and follow the
 * reference; everything else here is our own.
 *
 * Version gating: the WDK gates some members on either the kernel DDI
 * version (DXGKDDI_INTERFACE_VERSION) or the UMD version.  This header is
 * only used by a user-mode driver, so it gates on D3D_UMD_INTERFACE_VERSION
 * alone.  Where the kernel-only gate merely renames reserved bits of a
 * 32-bit flags word, the newest names are used (layout is unaffected).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef D3DUMD_D3DUKMDT_H
#define D3DUMD_D3DUKMDT_H

#include "d3dumd_wintypes.h"

/* ------------------------------------------------------------------------
 * UMD interface versions (values from the public WDK headers).
 * ---------------------------------------------------------------------- */
#define D3D_UMD_INTERFACE_VERSION_VISTA       0x000C
#define D3D_UMD_INTERFACE_VERSION_WIN7        0x2003
#define D3D_UMD_INTERFACE_VERSION_WIN8_M3     0x3001
#define D3D_UMD_INTERFACE_VERSION_WIN8_CP     0x3002
#define D3D_UMD_INTERFACE_VERSION_WIN8_RC     0x3003
#define D3D_UMD_INTERFACE_VERSION_WIN8        0x3004
#define D3D_UMD_INTERFACE_VERSION_WDDM1_3     0x4002
#define D3D_UMD_INTERFACE_VERSION_WDDM2_0_M1  0x5000
#define D3D_UMD_INTERFACE_VERSION_WDDM2_0_M1_3 0x5001
#define D3D_UMD_INTERFACE_VERSION_WDDM2_0_M2_2 0x5002
#define D3D_UMD_INTERFACE_VERSION_WDDM2_0     0x5002
/* Later versions only appear in gates these headers keep but never enable;
 * they must be defined, or "#if X >= UNDEFINED" would read as ">= 0". */
#define D3D_UMD_INTERFACE_VERSION_WDDM2_1_1   0x6000
#define D3D_UMD_INTERFACE_VERSION_WDDM2_1     0x6003
#define D3D_UMD_INTERFACE_VERSION_WDDM2_2     0x7001

#ifndef D3D_UMD_INTERFACE_VERSION
#define D3D_UMD_INTERFACE_VERSION D3D_UMD_INTERFACE_VERSION_WIN8
#endif

/* These headers describe the interface up to WDDM 1.3 only. */
#if D3D_UMD_INTERFACE_VERSION > D3D_UMD_INTERFACE_VERSION_WDDM1_3
#error "mesa-d3dumd DDI headers only cover D3D_UMD_INTERFACE_VERSION <= WDDM1_3"
#endif

/* ------------------------------------------------------------------------
 * Scalar handle / id types
 * ---------------------------------------------------------------------- */
typedef ULONGLONG D3DGPU_VIRTUAL_ADDRESS;
typedef ULONGLONG D3DGPU_SIZE_T;
#define D3DGPU_NULL 0

typedef UINT D3DDDI_VIDEO_PRESENT_SOURCE_ID;
typedef UINT D3DDDI_VIDEO_PRESENT_TARGET_ID;

/* A kernel-mode object (allocation, resource, sync object...) handle. */
typedef UINT D3DKMT_HANDLE;

#define D3DDDI_ID_UNINITIALIZED ((UINT)(~0))
#define D3DDDI_ID_NOTAPPLICABLE ((UINT)(0))
#define D3DDDI_ID_ANY           ((UINT)(~1))
#define D3DDDI_ID_ALL           ((UINT)(~2))

#define D3DKMDT_MAX_VIDPN_SOURCES_BITCOUNT 4
#define D3DKMDT_MAX_VIDPN_SOURCES (1 << D3DKMDT_MAX_VIDPN_SOURCES_BITCOUNT)

#define D3DDDI_MAX_BROADCAST_CONTEXT 64
#define D3DDDI_MAX_OBJECT_WAITED_ON  32
#define D3DDDI_MAX_OBJECT_SIGNALED   32

#define D3DDDI_ALLOCATIONPRIORITY_MINIMUM 0x28000000
#define D3DDDI_ALLOCATIONPRIORITY_LOW     0x50000000
#define D3DDDI_ALLOCATIONPRIORITY_NORMAL  0x78000000
#define D3DDDI_ALLOCATIONPRIORITY_HIGH    0xa0000000
#define D3DDDI_ALLOCATIONPRIORITY_MAXIMUM 0xc8000000

typedef struct _D3DDDI_RATIONAL {
    UINT Numerator;
    UINT Denominator;
} D3DDDI_RATIONAL;

/* ------------------------------------------------------------------------
 * Allocations
 * ---------------------------------------------------------------------- */
typedef struct _D3DDDI_ALLOCATIONINFO {
    D3DKMT_HANDLE hAllocation;
    CONST VOID *pSystemMem;
    VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
    D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId;
    union {
        struct {
            UINT Primary : 1;
#if D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WIN8
            UINT Stereo : 1;
            UINT Reserved : 30;
#else
            UINT Reserved : 31;
#endif
        };
        UINT Value;
    } Flags;
} D3DDDI_ALLOCATIONINFO;

#if D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WIN7
typedef struct _D3DDDI_ALLOCATIONINFO2 {
    D3DKMT_HANDLE hAllocation;
    union {
        HANDLE hSection;
        CONST VOID *pSystemMem;
    };
    VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
    D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId;
    union {
        struct {
            UINT Primary : 1;
#if D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WIN8
            UINT Stereo : 1;
            UINT Reserved : 30;
#else
            UINT Reserved : 31;
#endif
        };
        UINT Value;
    } Flags;
    D3DGPU_VIRTUAL_ADDRESS GpuVirtualAddress;
    ULONG_PTR Reserved[6];
} D3DDDI_ALLOCATIONINFO2;
#endif

typedef struct _D3DDDI_OPENALLOCATIONINFO {
    D3DKMT_HANDLE hAllocation;
    CONST VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
} D3DDDI_OPENALLOCATIONINFO;

#if D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WIN7
typedef struct _D3DDDI_OPENALLOCATIONINFO2 {
    D3DKMT_HANDLE hAllocation;
    CONST VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
    D3DGPU_VIRTUAL_ADDRESS GpuVirtualAddress;
    ULONG_PTR Reserved[6];
} D3DDDI_OPENALLOCATIONINFO2;
#endif

#if D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WIN8
typedef enum _D3DDDI_OFFER_PRIORITY {
    D3DDDI_OFFER_PRIORITY_NONE   = 0,
    D3DDDI_OFFER_PRIORITY_LOW    = 1,
    D3DDDI_OFFER_PRIORITY_NORMAL = 2,
    D3DDDI_OFFER_PRIORITY_HIGH   = 3,
    D3DDDI_OFFER_PRIORITY_AUTO   = 4,
} D3DDDI_OFFER_PRIORITY;
#endif

typedef struct _D3DDDI_ALLOCATIONLIST {
    D3DKMT_HANDLE hAllocation;
    union {
        struct {
            UINT WriteOperation : 1;
            UINT DoNotRetireInstance : 1;
#if D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WIN8
            UINT OfferPriority : 3;        /* D3DDDI_OFFER_PRIORITY */
            UINT Reserved : 27;
#else
            UINT Reserved : 30;
#endif
        };
        UINT Value;
    };
} D3DDDI_ALLOCATIONLIST;

typedef struct _D3DDDI_PATCHLOCATIONLIST {
    UINT AllocationIndex;
    union {
        struct {
            UINT SlotId : 24;
            UINT Reserved : 8;
        };
        UINT Value;
    };
    UINT DriverId;
    UINT AllocationOffset;
    UINT PatchOffset;
    UINT SplitOffset;
} D3DDDI_PATCHLOCATIONLIST;

/* Flags of the runtime's pfnLockCb (D3DDDICB_LOCK::Flags). */
typedef struct _D3DDDICB_LOCKFLAGS {
    union {
        struct {
            UINT ReadOnly : 1;             /* 0x001 */
            UINT WriteOnly : 1;            /* 0x002 */
            UINT DonotWait : 1;            /* 0x004 */
            UINT IgnoreSync : 1;           /* 0x008 */
            UINT LockEntire : 1;           /* 0x010 */
            UINT DonotEvict : 1;           /* 0x020 */
            UINT AcquireAperture : 1;      /* 0x040 */
            UINT Discard : 1;              /* 0x080 */
            UINT NoExistingReference : 1;  /* 0x100 */
            UINT UseAlternateVA : 1;       /* 0x200 */
            UINT IgnoreReadSync : 1;       /* 0x400 */
            UINT Reserved : 21;
        };
        UINT Value;
    };
} D3DDDICB_LOCKFLAGS;

typedef struct _D3DDDI_ESCAPEFLAGS {
    union {
        struct {
            UINT HardwareAccess : 1;
#if D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WDDM1_3
            UINT DeviceStatusQuery : 1;
            UINT ChangeFrameLatency : 1;
            UINT Reserved : 29;
#else
            UINT Reserved : 31;
#endif
        };
        UINT Value;
    };
} D3DDDI_ESCAPEFLAGS;

typedef struct _D3DDDI_CREATECONTEXTFLAGS {
    union {
        struct {
            UINT NullRendering : 1;
            UINT InitialData : 1;
            UINT Reserved : 30;
        };
        UINT Value;
    };
} D3DDDI_CREATECONTEXTFLAGS;

typedef struct _D3DDDI_SEGMENTPREFERENCE {
    union {
        struct {
            UINT SegmentId0 : 5;
            UINT Direction0 : 1;
            UINT SegmentId1 : 5;
            UINT Direction1 : 1;
            UINT SegmentId2 : 5;
            UINT Direction2 : 1;
            UINT SegmentId3 : 5;
            UINT Direction3 : 1;
            UINT SegmentId4 : 5;
            UINT Direction4 : 1;
            UINT Reserved : 2;
        };
        UINT Value;
    };
} D3DDDI_SEGMENTPREFERENCE;

/* ------------------------------------------------------------------------
 * Surface formats
 * ---------------------------------------------------------------------- */
#ifndef MAKEFOURCC
#define MAKEFOURCC(ch0, ch1, ch2, ch3) \
    ((DWORD)(BYTE)(ch0) | ((DWORD)(BYTE)(ch1) << 8) | \
     ((DWORD)(BYTE)(ch2) << 16) | ((DWORD)(BYTE)(ch3) << 24))
#endif

/*
 * FourCC members are written as MAKEFOURCC(...).  The reference page's
 * syntax block misspells the YUY2 and DXT5 codes; the values here are the
 * ones MAKEFOURCC('Y','U','Y','2') and MAKEFOURCC('D','X','T','5') give,
 * which are also the D3DFMT_YUY2 / D3DFMT_DXT5 values of d3d9types.h.
 */
typedef enum _D3DDDIFORMAT {
    D3DDDIFMT_UNKNOWN             = 0,

    D3DDDIFMT_R8G8B8              = 20,
    D3DDDIFMT_A8R8G8B8            = 21,
    D3DDDIFMT_X8R8G8B8            = 22,
    D3DDDIFMT_R5G6B5              = 23,
    D3DDDIFMT_X1R5G5B5            = 24,
    D3DDDIFMT_A1R5G5B5            = 25,
    D3DDDIFMT_A4R4G4B4            = 26,
    D3DDDIFMT_R3G3B2              = 27,
    D3DDDIFMT_A8                  = 28,
    D3DDDIFMT_A8R3G3B2            = 29,
    D3DDDIFMT_X4R4G4B4            = 30,
    D3DDDIFMT_A2B10G10R10         = 31,
    D3DDDIFMT_A8B8G8R8            = 32,
    D3DDDIFMT_X8B8G8R8            = 33,
    D3DDDIFMT_G16R16              = 34,
    D3DDDIFMT_A2R10G10B10         = 35,
    D3DDDIFMT_A16B16G16R16        = 36,

    D3DDDIFMT_A8P8                = 40,
    D3DDDIFMT_P8                  = 41,

    D3DDDIFMT_L8                  = 50,
    D3DDDIFMT_A8L8                = 51,
    D3DDDIFMT_A4L4                = 52,

    D3DDDIFMT_V8U8                = 60,
    D3DDDIFMT_L6V5U5              = 61,
    D3DDDIFMT_X8L8V8U8            = 62,
    D3DDDIFMT_Q8W8V8U8            = 63,
    D3DDDIFMT_V16U16              = 64,
    D3DDDIFMT_W11V11U10           = 65,
    D3DDDIFMT_A2W10V10U10         = 67,

    D3DDDIFMT_UYVY                = MAKEFOURCC('U', 'Y', 'V', 'Y'),
    D3DDDIFMT_R8G8_B8G8           = MAKEFOURCC('R', 'G', 'B', 'G'),
    D3DDDIFMT_YUY2                = MAKEFOURCC('Y', 'U', 'Y', '2'),
    D3DDDIFMT_G8R8_G8B8           = MAKEFOURCC('G', 'R', 'G', 'B'),
    D3DDDIFMT_DXT1                = MAKEFOURCC('D', 'X', 'T', '1'),
    D3DDDIFMT_DXT2                = MAKEFOURCC('D', 'X', 'T', '2'),
    D3DDDIFMT_DXT3                = MAKEFOURCC('D', 'X', 'T', '3'),
    D3DDDIFMT_DXT4                = MAKEFOURCC('D', 'X', 'T', '4'),
    D3DDDIFMT_DXT5                = MAKEFOURCC('D', 'X', 'T', '5'),

    D3DDDIFMT_D16_LOCKABLE        = 70,
    D3DDDIFMT_D32                 = 71,
    D3DDDIFMT_D15S1               = 73,
    D3DDDIFMT_D24S8               = 75,
    D3DDDIFMT_D24X8               = 77,
    D3DDDIFMT_D24X4S4             = 79,
    D3DDDIFMT_D16                 = 80,
    D3DDDIFMT_D32F_LOCKABLE       = 82,
    D3DDDIFMT_D24FS8              = 83,
    D3DDDIFMT_D32_LOCKABLE        = 84,
    D3DDDIFMT_S8_LOCKABLE         = 85,
    D3DDDIFMT_S1D15               = 72,
    D3DDDIFMT_S8D24               = 74,
    D3DDDIFMT_X8D24               = 76,
    D3DDDIFMT_X4S4D24             = 78,

    D3DDDIFMT_L16                 = 81,
#if D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WDDM1_3
    D3DDDIFMT_G8R8                = 91,
    D3DDDIFMT_R8                  = 92,
#endif

    D3DDDIFMT_VERTEXDATA          = 100,
    D3DDDIFMT_INDEX16             = 101,
    D3DDDIFMT_INDEX32             = 102,

    D3DDDIFMT_Q16W16V16U16        = 110,

    D3DDDIFMT_MULTI2_ARGB8        = MAKEFOURCC('M', 'E', 'T', '1'),

    D3DDDIFMT_R16F                = 111,
    D3DDDIFMT_G16R16F             = 112,
    D3DDDIFMT_A16B16G16R16F       = 113,
    D3DDDIFMT_R32F                = 114,
    D3DDDIFMT_G32R32F             = 115,
    D3DDDIFMT_A32B32G32R32F       = 116,

    D3DDDIFMT_CxV8U8              = 117,
    D3DDDIFMT_A1                  = 118,
    D3DDDIFMT_A2B10G10R10_XR_BIAS = 119,

    /* DXVA compressed-buffer types: 150 + n */
    D3DDDIFMT_DXVACOMPBUFFER_BASE     = 150,
    D3DDDIFMT_PICTUREPARAMSDATA       = 150,
    D3DDDIFMT_MACROBLOCKDATA          = 151,
    D3DDDIFMT_RESIDUALDIFFERENCEDATA  = 152,
    D3DDDIFMT_DEBLOCKINGDATA          = 153,
    D3DDDIFMT_INVERSEQUANTIZATIONDATA = 154,
    D3DDDIFMT_SLICECONTROLDATA        = 155,
    D3DDDIFMT_BITSTREAMDATA           = 156,
    D3DDDIFMT_MOTIONVECTORBUFFER      = 157,
    D3DDDIFMT_FILMGRAINBUFFER         = 158,
    D3DDDIFMT_DXVA_RESERVED9          = 159,
    D3DDDIFMT_DXVA_RESERVED10         = 160,
    D3DDDIFMT_DXVA_RESERVED11         = 161,
    D3DDDIFMT_DXVA_RESERVED12         = 162,
    D3DDDIFMT_DXVA_RESERVED13         = 163,
    D3DDDIFMT_DXVA_RESERVED14         = 164,
    D3DDDIFMT_DXVA_RESERVED15         = 165,
    D3DDDIFMT_DXVA_RESERVED16         = 166,
    D3DDDIFMT_DXVA_RESERVED17         = 167,
    D3DDDIFMT_DXVA_RESERVED18         = 168,
    D3DDDIFMT_DXVA_RESERVED19         = 169,
    D3DDDIFMT_DXVA_RESERVED20         = 170,
    D3DDDIFMT_DXVA_RESERVED21         = 171,
    D3DDDIFMT_DXVA_RESERVED22         = 172,
    D3DDDIFMT_DXVA_RESERVED23         = 173,
    D3DDDIFMT_DXVA_RESERVED24         = 174,
    D3DDDIFMT_DXVA_RESERVED25         = 175,
    D3DDDIFMT_DXVA_RESERVED26         = 176,
    D3DDDIFMT_DXVA_RESERVED27         = 177,
    D3DDDIFMT_DXVA_RESERVED28         = 178,
    D3DDDIFMT_DXVA_RESERVED29         = 179,
    D3DDDIFMT_DXVA_RESERVED30         = 180,
    D3DDDIFMT_DXVA_RESERVED31         = 181,
    D3DDDIFMT_DXVACOMPBUFFER_MAX      = 181,

    D3DDDIFMT_BINARYBUFFER        = 199,

    D3DDDIFMT_FORCE_UINT          = 0x7fffffff
} D3DDDIFORMAT;

/* ------------------------------------------------------------------------
 * Display / overlay helpers
 * ---------------------------------------------------------------------- */
typedef struct _D3DDDIRECT {
    LONG left;
    LONG top;
    LONG right;
    LONG bottom;
} D3DDDIRECT;

typedef struct _D3DDDI_KERNELOVERLAYINFO {
    D3DKMT_HANDLE hAllocation;
    D3DDDIRECT DstRect;
    D3DDDIRECT SrcRect;
    VOID *pPrivateDriverData;
    UINT PrivateDriverDataSize;
} D3DDDI_KERNELOVERLAYINFO;

typedef enum _D3DDDI_GAMMARAMP_TYPE {
    D3DDDI_GAMMARAMP_UNINITIALIZED = 0,
    D3DDDI_GAMMARAMP_DEFAULT       = 1,
    D3DDDI_GAMMARAMP_RGB256x3x16   = 2,
    D3DDDI_GAMMARAMP_DXGI_1        = 3,
} D3DDDI_GAMMARAMP_TYPE;

typedef struct _D3DDDI_GAMMA_RAMP_RGB256x3x16 {
    USHORT Red[256];
    USHORT Green[256];
    USHORT Blue[256];
} D3DDDI_GAMMA_RAMP_RGB256x3x16;

typedef struct D3DDDI_DXGI_RGB {
    float Red;
    float Green;
    float Blue;
} D3DDDI_DXGI_RGB;

typedef struct _D3DDDI_GAMMA_RAMP_DXGI_1 {
    D3DDDI_DXGI_RGB Scale;
    D3DDDI_DXGI_RGB Offset;
    D3DDDI_DXGI_RGB GammaCurve[1025];
} D3DDDI_GAMMA_RAMP_DXGI_1;

typedef struct _D3DDDI_MULTISAMPLINGMETHOD {
    UINT NumSamples;
    UINT NumQualityLevels;
} D3DDDI_MULTISAMPLINGMETHOD;

typedef enum _D3DDDI_VIDEO_SIGNAL_SCANLINE_ORDERING {
    D3DDDI_VSSLO_UNINITIALIZED              = 0,
    D3DDDI_VSSLO_PROGRESSIVE                = 1,
    D3DDDI_VSSLO_INTERLACED_UPPERFIELDFIRST = 2,
    D3DDDI_VSSLO_INTERLACED_LOWERFIELDFIRST = 3,
    D3DDDI_VSSLO_OTHER                      = 255
} D3DDDI_VIDEO_SIGNAL_SCANLINE_ORDERING;

typedef enum D3DDDI_FLIPINTERVAL_TYPE {
    D3DDDI_FLIPINTERVAL_IMMEDIATE = 0,
    D3DDDI_FLIPINTERVAL_ONE       = 1,
    D3DDDI_FLIPINTERVAL_TWO       = 2,
    D3DDDI_FLIPINTERVAL_THREE     = 3,
    D3DDDI_FLIPINTERVAL_FOUR      = 4,
} D3DDDI_FLIPINTERVAL_TYPE;

typedef enum D3DDDI_SCANLINEORDERING {
    D3DDDI_SCANLINEORDERING_UNKNOWN     = 0,
    D3DDDI_SCANLINEORDERING_PROGRESSIVE = 1,
    D3DDDI_SCANLINEORDERING_INTERLACED  = 2,
} D3DDDI_SCANLINEORDERING;

/* ------------------------------------------------------------------------
 * Resources
 * ---------------------------------------------------------------------- */
typedef enum _D3DDDI_POOL {
    D3DDDIPOOL_SYSTEMMEM      = 1,
    D3DDDIPOOL_VIDEOMEMORY    = 2,
    D3DDDIPOOL_LOCALVIDMEM    = 3,
    D3DDDIPOOL_NONLOCALVIDMEM = 4,
#if D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WDDM1_3
    D3DDDIPOOL_STAGINGMEM     = 5,
#endif
} D3DDDI_POOL;

typedef enum _D3DDDIMULTISAMPLE_TYPE {
    D3DDDIMULTISAMPLE_NONE        = 0,
    D3DDDIMULTISAMPLE_NONMASKABLE = 1,
    D3DDDIMULTISAMPLE_2_SAMPLES   = 2,
    D3DDDIMULTISAMPLE_3_SAMPLES   = 3,
    D3DDDIMULTISAMPLE_4_SAMPLES   = 4,
    D3DDDIMULTISAMPLE_5_SAMPLES   = 5,
    D3DDDIMULTISAMPLE_6_SAMPLES   = 6,
    D3DDDIMULTISAMPLE_7_SAMPLES   = 7,
    D3DDDIMULTISAMPLE_8_SAMPLES   = 8,
    D3DDDIMULTISAMPLE_9_SAMPLES   = 9,
    D3DDDIMULTISAMPLE_10_SAMPLES  = 10,
    D3DDDIMULTISAMPLE_11_SAMPLES  = 11,
    D3DDDIMULTISAMPLE_12_SAMPLES  = 12,
    D3DDDIMULTISAMPLE_13_SAMPLES  = 13,
    D3DDDIMULTISAMPLE_14_SAMPLES  = 14,
    D3DDDIMULTISAMPLE_15_SAMPLES  = 15,
    D3DDDIMULTISAMPLE_16_SAMPLES  = 16,
    D3DDDIMULTISAMPLE_FORCE_UINT  = 0x7fffffff
} D3DDDIMULTISAMPLE_TYPE;

/*
 * The reference page's syntax block declares "UINT Texture;" without a
 * width; every neighbour is a 1-bit field and the documented values put
 * Texture at 0x00010000, so it is a 1-bit field here.
 */
typedef struct _D3DDDI_RESOURCEFLAGS {
    union {
        struct {
            UINT RenderTarget : 1;             /* 0x00000001 */
            UINT ZBuffer : 1;                  /* 0x00000002 */
            UINT Dynamic : 1;                  /* 0x00000004 */
            UINT HintStatic : 1;               /* 0x00000008 */
            UINT AutogenMipmap : 1;            /* 0x00000010 */
            UINT DMap : 1;                     /* 0x00000020 */
            UINT WriteOnly : 1;                /* 0x00000040 */
            UINT NotLockable : 1;              /* 0x00000080 */
            UINT Points : 1;                   /* 0x00000100 */
            UINT RtPatches : 1;                /* 0x00000200 */
            UINT NPatches : 1;                 /* 0x00000400 */
            UINT SharedResource : 1;           /* 0x00000800 */
            UINT DiscardRenderTarget : 1;      /* 0x00001000 */
            UINT Video : 1;                    /* 0x00002000 */
            UINT CaptureBuffer : 1;            /* 0x00004000 */
            UINT Primary : 1;                  /* 0x00008000 */
            UINT Texture : 1;                  /* 0x00010000 */
            UINT CubeMap : 1;                  /* 0x00020000 */
            UINT Volume : 1;                   /* 0x00040000 */
            UINT VertexBuffer : 1;             /* 0x00080000 */
            UINT IndexBuffer : 1;              /* 0x00100000 */
            UINT DecodeRenderTarget : 1;       /* 0x00200000 */
            UINT DecodeCompressedBuffer : 1;   /* 0x00400000 */
            UINT VideoProcessRenderTarget : 1; /* 0x00800000 */
            UINT CpuOptimized : 1;             /* 0x01000000 */
            UINT MightDrawFromLocked : 1;      /* 0x02000000 */
            UINT Overlay : 1;                  /* 0x04000000 */
            UINT MatchGdiPrimary : 1;          /* 0x08000000 */
            UINT InterlacedRefresh : 1;        /* 0x10000000 */
            UINT TextApi : 1;                  /* 0x20000000 */
            UINT RestrictedContent : 1;        /* 0x40000000 */
            UINT RestrictSharedAccess : 1;     /* 0x80000000 */
        };
        UINT Value;
    };
} D3DDDI_RESOURCEFLAGS;

/* One entry per subresource; pSysMem is the runtime's storage for system
 * memory resources, valid for the resource's whole life. */
typedef struct _D3DDDI_SURFACEINFO {
    UINT Width;
    UINT Height;
    UINT Depth;
    CONST VOID *pSysMem;
    UINT SysMemPitch;
    UINT SysMemSlicePitch;
} D3DDDI_SURFACEINFO;

typedef enum _D3DDDI_ROTATION {
    D3DDDI_ROTATION_IDENTITY = 1,
    D3DDDI_ROTATION_90       = 2,
    D3DDDI_ROTATION_180      = 3,
    D3DDDI_ROTATION_270      = 4
} D3DDDI_ROTATION;

typedef struct _D3DDDIARG_CREATERESOURCE {
    D3DDDIFORMAT Format;
    D3DDDI_POOL Pool;
    D3DDDIMULTISAMPLE_TYPE MultisampleType;
    UINT MultisampleQuality;
    CONST D3DDDI_SURFACEINFO *pSurfList;
    UINT SurfCount;
    UINT MipLevels;
    UINT Fvf;
    D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId;
    D3DDDI_RATIONAL RefreshRate;
    HANDLE hResource;              /* in: runtime handle, out: driver handle */
    D3DDDI_RESOURCEFLAGS Flags;
    D3DDDI_ROTATION Rotation;
} D3DDDIARG_CREATERESOURCE;

#if D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WIN8
typedef struct _D3DDDI_RESOURCEFLAGS2 {
    union {
        struct {
            UINT VideoEncoder : 1;         /* 0x00000001 */
            UINT UserMemory : 1;           /* 0x00000002 */
#if D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WDDM1_3
            UINT CrossAdapter : 1;         /* 0x00000004 */
            UINT Reserved : 29;
#else
            UINT Reserved : 30;
#endif
        };
        UINT Value;
    };
} D3DDDI_RESOURCEFLAGS2;

typedef struct _D3DDDIARG_CREATERESOURCE2 {
    D3DDDIFORMAT Format;
    D3DDDI_POOL Pool;
    D3DDDIMULTISAMPLE_TYPE MultisampleType;
    UINT MultisampleQuality;
    CONST D3DDDI_SURFACEINFO *pSurfList;
    UINT SurfCount;
    UINT MipLevels;
    UINT Fvf;
    D3DDDI_VIDEO_PRESENT_SOURCE_ID VidPnSourceId;
    D3DDDI_RATIONAL RefreshRate;
    HANDLE hResource;
    D3DDDI_RESOURCEFLAGS Flags;
    D3DDDI_ROTATION Rotation;
    D3DDDI_RESOURCEFLAGS2 Flags2;
} D3DDDIARG_CREATERESOURCE2;
#endif

/* ------------------------------------------------------------------------
 * Synchronization objects
 * ---------------------------------------------------------------------- */
typedef struct _D3DDDICB_SIGNALFLAGS {
    union {
        struct {
            UINT SignalAtSubmission : 1;
#if D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WIN8
            UINT EnqueueCpuEvent : 1;
            UINT Reserved : 30;
#else
            UINT Reserved : 31;
#endif
        };
        UINT Value;
    };
} D3DDDICB_SIGNALFLAGS;

typedef enum _D3DDDI_SYNCHRONIZATIONOBJECT_TYPE {
    D3DDDI_SYNCHRONIZATION_MUTEX = 1,
    D3DDDI_SEMAPHORE = 2,
    D3DDDI_FENCE = 3,
    D3DDDI_CPU_NOTIFICATION = 4,
    D3DDDI_SYNCHRONIZATION_TYPE_LIMIT
} D3DDDI_SYNCHRONIZATIONOBJECT_TYPE;

typedef struct _D3DDDI_SYNCHRONIZATIONOBJECTINFO {
    D3DDDI_SYNCHRONIZATIONOBJECT_TYPE Type;
    union {
        struct {
            BOOL InitialState;
        } SynchronizationMutex;
        struct {
            UINT MaxCount;
            UINT InitialCount;
        } Semaphore;
        struct {
            UINT Reserved[16];
        } Reserved;
    };
} D3DDDI_SYNCHRONIZATIONOBJECTINFO;

typedef struct _D3DDDI_SYNCHRONIZATIONOBJECT_FLAGS {
    union {
        struct {
            UINT Shared : 1;
            UINT NtSecuritySharing : 1;
#if D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WDDM1_3
            UINT CrossAdapter : 1;
            UINT Reserved : 28;
#else
            UINT Reserved : 29;
#endif
            UINT Reserved0 : 1;
        };
        UINT Value;
    };
} D3DDDI_SYNCHRONIZATIONOBJECT_FLAGS;

typedef struct _D3DDDI_SYNCHRONIZATIONOBJECTINFO2 {
    D3DDDI_SYNCHRONIZATIONOBJECT_TYPE Type;
    D3DDDI_SYNCHRONIZATIONOBJECT_FLAGS Flags;
    union {
        struct {
            BOOL InitialState;
        } SynchronizationMutex;
        struct {
            UINT MaxCount;
            UINT InitialCount;
        } Semaphore;
        struct {
            UINT64 FenceValue;
        } Fence;
        struct {
            HANDLE Event;
        } CPUNotification;
        struct {
            UINT64 Reserved[8];
        } Reserved;
    };
    D3DKMT_HANDLE SharedHandle;
} D3DDDI_SYNCHRONIZATIONOBJECTINFO2;

#endif /* D3DUMD_D3DUKMDT_H */

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * IDirect3D9 and IDirect3D9Ex: the adapter, its modes, and the format and
 * capability queries, answered from the driver's format table
 * (GETFORMATDATA: FORMATOP operations) and caps (GETD3D9CAPS) as
 * Microsoft's runtime answers them from the same DDI.  One adapter: the
 * Gallium screen the driver opens.  Display modes are Wine's
 * (EnumDisplaySettings).
 */

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "d3d9_device.h"

static inline struct d3d9 *
impl_from_IDirect3D9Ex(IDirect3D9Ex *iface)
{
   return CONTAINING_RECORD(iface, struct d3d9, IDirect3D9Ex_iface);
}

#define ADAPTER_COUNT 1

/* The formats a display mode, and so a swap chain's front buffer, may
 * have; A2R10G10B10 in full screen only. */
static bool
is_display_format(D3DFORMAT format, BOOL windowed)
{
   switch (format) {
   case D3DFMT_X8R8G8B8:
   case D3DFMT_R5G6B5:
   case D3DFMT_X1R5G5B5:
      return true;
   case D3DFMT_A2R10G10B10:
      return !windowed;
   default:
      return false;
   }
}

static unsigned
format_bpp(D3DFORMAT format)
{
   switch (format) {
   case D3DFMT_X8R8G8B8:
   case D3DFMT_A8R8G8B8:
   case D3DFMT_A2R10G10B10:
      return 32;
   case D3DFMT_R5G6B5:
   case D3DFMT_X1R5G5B5:
   case D3DFMT_A1R5G5B5:
      return 16;
   default:
      return 0;
   }
}

static HRESULT WINAPI
d3d9_QueryInterface(IDirect3D9Ex *iface, REFIID riid, void **out)
{
   struct d3d9 *d3d9 = impl_from_IDirect3D9Ex(iface);

   if (IsEqualGUID(riid, &IID_IDirect3D9) ||
       IsEqualGUID(riid, &IID_IUnknown) ||
       (d3d9->extended && IsEqualGUID(riid, &IID_IDirect3D9Ex))) {
      IDirect3D9Ex_AddRef(iface);
      *out = iface;
      return S_OK;
   }
   *out = NULL;
   return E_NOINTERFACE;
}

static ULONG WINAPI
d3d9_AddRef(IDirect3D9Ex *iface)
{
   return InterlockedIncrement(&impl_from_IDirect3D9Ex(iface)->refcount);
}

static ULONG WINAPI
d3d9_Release(IDirect3D9Ex *iface)
{
   struct d3d9 *d3d9 = impl_from_IDirect3D9Ex(iface);
   const ULONG refcount = InterlockedDecrement(&d3d9->refcount);

   if (!refcount) {
      d3d9_adapter_close(&d3d9->adapter);
      free(d3d9);
   }
   return refcount;
}

static HRESULT WINAPI
d3d9_RegisterSoftwareDevice(IDirect3D9Ex *iface, void *init)
{
   /* Software rasterisers plug into Microsoft's runtime only. */
   return D3D_OK;
}

static UINT WINAPI
d3d9_GetAdapterCount(IDirect3D9Ex *iface)
{
   return ADAPTER_COUNT;
}

static HRESULT WINAPI
d3d9_GetAdapterIdentifier(IDirect3D9Ex *iface, UINT adapter, DWORD flags,
                          D3DADAPTER_IDENTIFIER9 *id)
{
   if (adapter >= ADAPTER_COUNT || !id)
      return D3DERR_INVALIDCALL;

   memset(id, 0, sizeof(*id));
   snprintf(id->Driver, sizeof(id->Driver), "d3dumd.so");
   snprintf(id->Description, sizeof(id->Description),
            "Mesa Gallium (mesa-d3dumd)");
   snprintf(id->DeviceName, sizeof(id->DeviceName), "\\\\.\\DISPLAY1");
   /* Version 0.1.0 of the project, as Windows writes driver versions. */
   id->DriverVersion.u.HighPart = MAKELONG(0, 0);
   id->DriverVersion.u.LowPart = MAKELONG(0, 1);
   static const GUID guid = {
      0x6d336d75, 0x6d64, 0x4433,
      { 0x44, 0x39, 0x47, 0x61, 0x6c, 0x6c, 0x69, 0x75 } };
   id->DeviceIdentifier = guid;
   id->WHQLLevel = (flags & D3DENUM_WHQL_LEVEL) ? 1 : 0;
   return D3D_OK;
}

/* Wine's display modes of a format's depth, in EnumDisplaySettings order:
 * the index-th one into *mode (when mode is not NULL); the count. */
static UINT
display_modes(D3DFORMAT format, UINT index, D3DDISPLAYMODE *mode)
{
   /* D3D9 enumerates modes of X8R8G8B8 and R5G6B5 only (device.c,
    * the EnumAdapterModes checks). */
   if (format != D3DFMT_X8R8G8B8 && format != D3DFMT_R5G6B5)
      return 0;
   const unsigned bpp = format_bpp(format);
   UINT count = 0;
   DEVMODEW dm;
   memset(&dm, 0, sizeof(dm));
   dm.dmSize = sizeof(dm);
   for (DWORD i = 0; EnumDisplaySettingsExW(NULL, i, &dm, 0); i++) {
      if (dm.dmBitsPerPel != bpp)
         continue;
      if (mode && count == index) {
         mode->Width = dm.dmPelsWidth;
         mode->Height = dm.dmPelsHeight;
         mode->RefreshRate = dm.dmDisplayFrequency;
         mode->Format = format;
      }
      count++;
   }
   return count;
}

static UINT WINAPI
d3d9_GetAdapterModeCount(IDirect3D9Ex *iface, UINT adapter, D3DFORMAT format)
{
   if (adapter >= ADAPTER_COUNT)
      return 0;
   return display_modes(format, 0, NULL);
}

static HRESULT WINAPI
d3d9_EnumAdapterModes(IDirect3D9Ex *iface, UINT adapter, D3DFORMAT format,
                      UINT index, D3DDISPLAYMODE *mode)
{
   if (adapter >= ADAPTER_COUNT || !mode)
      return D3DERR_INVALIDCALL;
   if (index >= display_modes(format, 0, NULL))
      return D3DERR_INVALIDCALL;
   display_modes(format, index, mode);
   return D3D_OK;
}

static HRESULT WINAPI
d3d9_GetAdapterDisplayMode(IDirect3D9Ex *iface, UINT adapter,
                           D3DDISPLAYMODE *mode)
{
   if (adapter >= ADAPTER_COUNT || !mode)
      return D3DERR_INVALIDCALL;
   DEVMODEW dm;
   memset(&dm, 0, sizeof(dm));
   dm.dmSize = sizeof(dm);
   if (!EnumDisplaySettingsExW(NULL, ENUM_CURRENT_SETTINGS, &dm, 0))
      return D3DERR_NOTAVAILABLE;
   mode->Width = dm.dmPelsWidth;
   mode->Height = dm.dmPelsHeight;
   mode->RefreshRate = dm.dmDisplayFrequency;
   mode->Format = dm.dmBitsPerPel == 16 ? D3DFMT_R5G6B5 : D3DFMT_X8R8G8B8;
   return D3D_OK;
}

/* Whether the driver reports `ops` (all of them) for `format`. */
static bool
format_has(const struct d3d9 *d3d9, D3DFORMAT format, UINT ops)
{
   const FORMATOP *op = d3d9_adapter_format(&d3d9->adapter, format);
   return op && (op->Operations & ops) == ops;
}

static HRESULT WINAPI
d3d9_CheckDeviceFormatConversion(IDirect3D9Ex *iface, UINT adapter,
                                 D3DDEVTYPE device_type, D3DFORMAT src,
                                 D3DFORMAT dst);

static HRESULT WINAPI
d3d9_CheckDeviceType(IDirect3D9Ex *iface, UINT adapter,
                     D3DDEVTYPE device_type, D3DFORMAT display_format,
                     D3DFORMAT backbuffer_format, BOOL windowed)
{
   struct d3d9 *d3d9 = impl_from_IDirect3D9Ex(iface);

   if (adapter >= ADAPTER_COUNT)
      return D3DERR_INVALIDCALL;
   if (device_type != D3DDEVTYPE_HAL)
      return D3DERR_NOTAVAILABLE;
   /* A display format (A2R10G10B10 in full screen only), and in full
    * screen one Wine has modes of (device.c, test_check_device_type). */
   if (!is_display_format(display_format, windowed))
      return D3DERR_NOTAVAILABLE;
   if (!windowed && !display_modes(display_format, 0, NULL))
      return D3DERR_NOTAVAILABLE;
   if (backbuffer_format == D3DFMT_UNKNOWN) {
      if (!windowed)
         return D3DERR_INVALIDCALL;
      backbuffer_format = display_format;
   }
   if (!format_has(d3d9, backbuffer_format, FORMATOP_OFFSCREEN_RENDERTARGET))
      return D3DERR_NOTAVAILABLE;
   /* Windowed, the frame is converted to the display's format; in full
    * screen the back buffer matches the display up to alpha
    * (device.c, test_check_device_type). */
   if (windowed)
      return d3d9_CheckDeviceFormatConversion(iface, adapter, device_type,
                                              backbuffer_format,
                                              display_format);
   const bool match =
      backbuffer_format == display_format ||
      (display_format == D3DFMT_X8R8G8B8 &&
       backbuffer_format == D3DFMT_A8R8G8B8) ||
      (display_format == D3DFMT_X1R5G5B5 &&
       backbuffer_format == D3DFMT_A1R5G5B5);
   return match ? D3D_OK : D3DERR_NOTAVAILABLE;
}

/* The FORMATOP operations a CheckDeviceFormat usage and resource type
 * need, and those whose absence only gives D3DOK_NOAUTOGEN. */
static HRESULT WINAPI
d3d9_CheckDeviceFormat(IDirect3D9Ex *iface, UINT adapter,
                       D3DDEVTYPE device_type, D3DFORMAT display_format,
                       DWORD usage, D3DRESOURCETYPE type, D3DFORMAT format)
{
   struct d3d9 *d3d9 = impl_from_IDirect3D9Ex(iface);

   if (adapter >= ADAPTER_COUNT || display_format == D3DFMT_UNKNOWN)
      return D3DERR_INVALIDCALL;
   if (device_type != D3DDEVTYPE_HAL)
      return D3DERR_NOTAVAILABLE;
   if (!is_display_format(display_format, FALSE))
      return D3DERR_NOTAVAILABLE;

   UINT ops = 0;
   switch (type) {
   case D3DRTYPE_SURFACE:
      if (usage & D3DUSAGE_RENDERTARGET)
         ops |= FORMATOP_OFFSCREEN_RENDERTARGET;
      else if (usage & D3DUSAGE_DEPTHSTENCIL)
         ops |= FORMATOP_ZSTENCIL;
      else if (usage & D3DUSAGE_QUERY_SRGBWRITE)
         return D3DERR_NOTAVAILABLE;   /* sRGB writes need a target */
      else
         ops |= FORMATOP_OFFSCREENPLAIN;
      break;
   case D3DRTYPE_TEXTURE:
      ops |= FORMATOP_TEXTURE;
      break;
   case D3DRTYPE_CUBETEXTURE:
      ops |= FORMATOP_CUBETEXTURE;
      break;
   case D3DRTYPE_VOLUMETEXTURE:
   case D3DRTYPE_VOLUME:
      ops |= FORMATOP_VOLUMETEXTURE;
      break;
   case D3DRTYPE_VERTEXBUFFER:
   case D3DRTYPE_INDEXBUFFER:
      /* Buffers have no format to check beyond their own. */
      return format == D3DFMT_VERTEXDATA || format == D3DFMT_INDEX16 ||
             format == D3DFMT_INDEX32 ? D3D_OK : D3DERR_NOTAVAILABLE;
   default:
      return D3DERR_INVALIDCALL;
   }
   if (type != D3DRTYPE_SURFACE) {
      if (usage & D3DUSAGE_RENDERTARGET)
         ops |= FORMATOP_OFFSCREEN_RENDERTARGET;
      if (usage & D3DUSAGE_DEPTHSTENCIL)
         ops |= FORMATOP_ZSTENCIL;
   }
   if (usage & D3DUSAGE_QUERY_SRGBREAD)
      ops |= FORMATOP_SRGBREAD;
   if (usage & D3DUSAGE_QUERY_SRGBWRITE)
      ops |= FORMATOP_SRGBWRITE;
   if (usage & D3DUSAGE_QUERY_VERTEXTEXTURE)
      ops |= FORMATOP_VERTEXTEXTURE;
   if (usage & D3DUSAGE_QUERY_LEGACYBUMPMAP)
      ops |= FORMATOP_BUMPMAP;
   if (usage & D3DUSAGE_DMAP)
      ops |= FORMATOP_DMAP;

   const FORMATOP *op = d3d9_adapter_format(&d3d9->adapter, format);
   if (!op || (op->Operations & ops) != ops)
      return D3DERR_NOTAVAILABLE;
   /* Capabilities the driver states by their absence. */
   if ((usage & D3DUSAGE_QUERY_FILTER) &&
       (op->Operations & FORMATOP_NOFILTER))
      return D3DERR_NOTAVAILABLE;
   if ((usage & D3DUSAGE_QUERY_POSTPIXELSHADER_BLENDING) &&
       (op->Operations & FORMATOP_NOALPHABLEND))
      return D3DERR_NOTAVAILABLE;
   if ((usage & D3DUSAGE_QUERY_WRAPANDMIP) &&
       (op->Operations & FORMATOP_NOTEXCOORDWRAPNORMIP))
      return D3DERR_NOTAVAILABLE;
   if ((usage & D3DUSAGE_AUTOGENMIPMAP) &&
       !(op->Operations & FORMATOP_AUTOGENMIPMAP))
      return D3DOK_NOAUTOGEN;
   return D3D_OK;
}

static HRESULT WINAPI
d3d9_CheckDeviceMultiSampleType(IDirect3D9Ex *iface, UINT adapter,
                                D3DDEVTYPE device_type, D3DFORMAT format,
                                BOOL windowed, D3DMULTISAMPLE_TYPE type,
                                DWORD *levels)
{
   struct d3d9 *d3d9 = impl_from_IDirect3D9Ex(iface);

   if (adapter >= ADAPTER_COUNT || type > D3DMULTISAMPLE_16_SAMPLES)
      return D3DERR_INVALIDCALL;
   if (device_type != D3DDEVTYPE_HAL)
      return D3DERR_NOTAVAILABLE;
   if (type == D3DMULTISAMPLE_NONE) {
      if (levels)
         *levels = 1;
      return D3D_OK;
   }
   DDIMULTISAMPLEQUALITYLEVELSDATA data = {
      .Format = (D3DDDIFORMAT)format, .Flip = FALSE,
      .MsType = (D3DDDIMULTISAMPLE_TYPE)type,
   };
   if (FAILED(d3d9_adapter_get_caps(&d3d9->adapter,
                                    D3DDDICAPS_GETMULTISAMPLEQUALITYLEVELS,
                                    NULL, &data, sizeof(data))) ||
       !data.QualityLevels)
      return D3DERR_NOTAVAILABLE;
   if (levels)
      *levels = data.QualityLevels;
   return D3D_OK;
}

static HRESULT WINAPI
d3d9_CheckDepthStencilMatch(IDirect3D9Ex *iface, UINT adapter,
                            D3DDEVTYPE device_type, D3DFORMAT display_format,
                            D3DFORMAT rt_format, D3DFORMAT ds_format)
{
   struct d3d9 *d3d9 = impl_from_IDirect3D9Ex(iface);

   if (adapter >= ADAPTER_COUNT)
      return D3DERR_INVALIDCALL;
   if (device_type != D3DDEVTYPE_HAL)
      return D3DERR_NOTAVAILABLE;
   if (!format_has(d3d9, rt_format, FORMATOP_OFFSCREEN_RENDERTARGET) ||
       !format_has(d3d9, ds_format, FORMATOP_ZSTENCIL))
      return D3DERR_NOTAVAILABLE;
   /* Any depth format goes with any colour format unless the driver says
    * they must share a depth. */
   const FORMATOP *ds = d3d9_adapter_format(&d3d9->adapter, ds_format);
   if (!(ds->Operations & FORMATOP_ZSTENCIL_WITH_ARBITRARY_COLOR_DEPTH) &&
       format_bpp(rt_format) && format_bpp(ds_format) &&
       format_bpp(rt_format) != format_bpp(ds_format))
      return D3DERR_NOTAVAILABLE;
   return D3D_OK;
}

static HRESULT WINAPI
d3d9_CheckDeviceFormatConversion(IDirect3D9Ex *iface, UINT adapter,
                                 D3DDEVTYPE device_type, D3DFORMAT src,
                                 D3DFORMAT dst)
{
   struct d3d9 *d3d9 = impl_from_IDirect3D9Ex(iface);

   if (adapter >= ADAPTER_COUNT)
      return D3DERR_INVALIDCALL;
   if (device_type != D3DDEVTYPE_HAL)
      return D3DERR_NOTAVAILABLE;
   if (!format_has(d3d9, dst, FORMATOP_OFFSCREEN_RENDERTARGET))
      return D3DERR_NOTAVAILABLE;
   /* StretchRect converts between render-target formats, and from the
    * formats the driver says convert to ARGB (YUV). */
   if (src == dst || format_has(d3d9, src, FORMATOP_CONVERT_TO_ARGB) ||
       format_has(d3d9, src, FORMATOP_OFFSCREEN_RENDERTARGET))
      return D3D_OK;
   return D3DERR_NOTAVAILABLE;
}

static HRESULT WINAPI
d3d9_GetDeviceCaps(IDirect3D9Ex *iface, UINT adapter, D3DDEVTYPE device_type,
                   D3DCAPS9 *caps)
{
   struct d3d9 *d3d9 = impl_from_IDirect3D9Ex(iface);

   if (adapter >= ADAPTER_COUNT || !caps)
      return D3DERR_INVALIDCALL;
   if (device_type != D3DDEVTYPE_HAL)
      return D3DERR_NOTAVAILABLE;
   *caps = d3d9->adapter.caps;
   caps->DeviceType = device_type;
   caps->AdapterOrdinal = adapter;
   caps->MasterAdapterOrdinal = 0;
   caps->AdapterOrdinalInGroup = 0;
   caps->NumberOfAdaptersInGroup = 1;
   return D3D_OK;
}

static HMONITOR WINAPI
d3d9_GetAdapterMonitor(IDirect3D9Ex *iface, UINT adapter)
{
   if (adapter >= ADAPTER_COUNT)
      return NULL;
   const POINT origin = { 0, 0 };
   return MonitorFromPoint(origin, MONITOR_DEFAULTTOPRIMARY);
}

/* D3DUMD_D3D9_DEVICES=0 turns devices off (CreateDevice answers
 * D3DERR_NOTAVAILABLE): a program then runs as on a machine without a
 * D3D9 device, which tells a runtime problem from a program's. */
static HRESULT
create_device(struct d3d9 *d3d9, UINT adapter, D3DDEVTYPE device_type,
              HWND focus_window, DWORD flags, D3DPRESENT_PARAMETERS *pp,
              D3DDISPLAYMODEEX *mode, BOOL extended, IDirect3DDevice9Ex **out)
{
   const char *enable = getenv("D3DUMD_D3D9_DEVICES");
   if (enable && !strcmp(enable, "0")) {
      D3D9_LOG("CreateDevice: devices are off (D3DUMD_D3D9_DEVICES=0)");
      return D3DERR_NOTAVAILABLE;
   }
   if (device_type != D3DDEVTYPE_HAL)
      return D3DERR_NOTAVAILABLE;
   if (!(flags & (D3DCREATE_SOFTWARE_VERTEXPROCESSING |
                  D3DCREATE_HARDWARE_VERTEXPROCESSING |
                  D3DCREATE_MIXED_VERTEXPROCESSING)))
      return D3DERR_INVALIDCALL;
   /* (d3d9_swapchain_create checks the rest of the present parameters:
    * D3D9Ex allows 30 back buffers.) */
   if (pp->BackBufferCount > (extended || d3d9->extended ? 30u
                                        : D3DPRESENT_BACK_BUFFERS_MAX))
      return D3DERR_INVALIDCALL;
   struct d3d9_device *device;
   /* Any device of an IDirect3D9Ex object is an IDirect3DDevice9Ex, even
    * one from CreateDevice (Wine's test_qi_ex_to_base, from Windows). */
   HRESULT hr = d3d9_device_create(d3d9, adapter, device_type, focus_window,
                                   flags, pp, mode,
                                   extended || d3d9->extended, &device);
   if (FAILED(hr))
      return hr;
   *out = &device->IDirect3DDevice9Ex_iface;
   return D3D_OK;
}

static HRESULT WINAPI
d3d9_CreateDevice(IDirect3D9Ex *iface, UINT adapter, D3DDEVTYPE device_type,
                  HWND focus_window, DWORD flags,
                  D3DPRESENT_PARAMETERS *parameters,
                  IDirect3DDevice9 **device)
{
   if (!device)
      return D3DERR_INVALIDCALL;
   *device = NULL;
   if (adapter >= ADAPTER_COUNT || !parameters)
      return D3DERR_INVALIDCALL;
   return create_device(impl_from_IDirect3D9Ex(iface), adapter, device_type,
                        focus_window, flags, parameters, NULL, FALSE,
                        (IDirect3DDevice9Ex **)device);
}

static UINT WINAPI
d3d9_GetAdapterModeCountEx(IDirect3D9Ex *iface, UINT adapter,
                           const D3DDISPLAYMODEFILTER *filter)
{
   if (adapter >= ADAPTER_COUNT || !filter ||
       filter->Size != sizeof(*filter))
      return 0;
   if (filter->ScanLineOrdering == D3DSCANLINEORDERING_INTERLACED)
      return 0;
   return display_modes(filter->Format, 0, NULL);
}

static HRESULT WINAPI
d3d9_EnumAdapterModesEx(IDirect3D9Ex *iface, UINT adapter,
                        const D3DDISPLAYMODEFILTER *filter, UINT index,
                        D3DDISPLAYMODEEX *mode)
{
   if (adapter >= ADAPTER_COUNT || !filter || !mode ||
       filter->Size != sizeof(*filter) || mode->Size != sizeof(*mode))
      return D3DERR_INVALIDCALL;
   if (filter->ScanLineOrdering == D3DSCANLINEORDERING_INTERLACED ||
       index >= display_modes(filter->Format, 0, NULL))
      return D3DERR_INVALIDCALL;
   D3DDISPLAYMODE m;
   display_modes(filter->Format, index, &m);
   mode->Width = m.Width;
   mode->Height = m.Height;
   mode->RefreshRate = m.RefreshRate;
   mode->Format = m.Format;
   mode->ScanLineOrdering = D3DSCANLINEORDERING_PROGRESSIVE;
   return D3D_OK;
}

static HRESULT WINAPI
d3d9_GetAdapterDisplayModeEx(IDirect3D9Ex *iface, UINT adapter,
                             D3DDISPLAYMODEEX *mode,
                             D3DDISPLAYROTATION *rotation)
{
   if (adapter >= ADAPTER_COUNT)
      return D3DERR_INVALIDCALL;
   if (mode && mode->Size != sizeof(*mode))
      return D3DERR_INVALIDCALL;
   D3DDISPLAYMODE m;
   HRESULT hr = d3d9_GetAdapterDisplayMode(iface, adapter, &m);
   if (FAILED(hr))
      return hr;
   if (mode) {
      mode->Width = m.Width;
      mode->Height = m.Height;
      mode->RefreshRate = m.RefreshRate;
      mode->Format = m.Format;
      mode->ScanLineOrdering = D3DSCANLINEORDERING_PROGRESSIVE;
   }
   if (rotation)
      *rotation = D3DDISPLAYROTATION_IDENTITY;
   return D3D_OK;
}

static HRESULT WINAPI
d3d9_CreateDeviceEx(IDirect3D9Ex *iface, UINT adapter,
                    D3DDEVTYPE device_type, HWND focus_window, DWORD flags,
                    D3DPRESENT_PARAMETERS *parameters,
                    D3DDISPLAYMODEEX *mode, IDirect3DDevice9Ex **device)
{
   if (!device)
      return D3DERR_INVALIDCALL;
   *device = NULL;
   if (adapter >= ADAPTER_COUNT || !parameters)
      return D3DERR_INVALIDCALL;
   return create_device(impl_from_IDirect3D9Ex(iface), adapter, device_type,
                        focus_window, flags, parameters, mode, TRUE, device);
}

static HRESULT WINAPI
d3d9_GetAdapterLUID(IDirect3D9Ex *iface, UINT adapter, LUID *luid)
{
   if (adapter >= ADAPTER_COUNT || !luid)
      return D3DERR_INVALIDCALL;
   /* One adapter per process: a fixed, non-zero LUID. */
   luid->LowPart = 0x6d336d75;
   luid->HighPart = 0;
   return D3D_OK;
}

static const struct IDirect3D9ExVtbl d3d9_vtbl = {
   d3d9_QueryInterface,
   d3d9_AddRef,
   d3d9_Release,
   d3d9_RegisterSoftwareDevice,
   d3d9_GetAdapterCount,
   d3d9_GetAdapterIdentifier,
   d3d9_GetAdapterModeCount,
   d3d9_EnumAdapterModes,
   d3d9_GetAdapterDisplayMode,
   d3d9_CheckDeviceType,
   d3d9_CheckDeviceFormat,
   d3d9_CheckDeviceMultiSampleType,
   d3d9_CheckDepthStencilMatch,
   d3d9_CheckDeviceFormatConversion,
   d3d9_GetDeviceCaps,
   d3d9_GetAdapterMonitor,
   d3d9_CreateDevice,
   d3d9_GetAdapterModeCountEx,
   d3d9_EnumAdapterModesEx,
   d3d9_GetAdapterDisplayModeEx,
   d3d9_CreateDeviceEx,
   d3d9_GetAdapterLUID,
};

HRESULT
d3d9_create(UINT sdk_version, BOOL extended, struct d3d9 **out)
{
   struct d3d9 *d3d9 = calloc(1, sizeof(*d3d9));
   if (!d3d9)
      return E_OUTOFMEMORY;
   d3d9->IDirect3D9Ex_iface.lpVtbl = (IDirect3D9ExVtbl *)&d3d9_vtbl;
   d3d9->refcount = 1;
   d3d9->extended = extended;
   HRESULT hr = d3d9_adapter_open(&d3d9->adapter);
   if (FAILED(hr)) {
      free(d3d9);
      return hr;
   }
   *out = d3d9;
   return D3D_OK;
}

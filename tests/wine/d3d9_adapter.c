/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * A Windows (PE) program run under Wine against the project's d3d9.dll:
 * the IDirect3D9(Ex) adapter queries, with expected values from D3D9's
 * documented rules and from what the driver reports through the DDI
 * (its format table is the driver's, so the checks here are of the
 * runtime's mapping: a supported texture format answers D3D_OK, an
 * unknown format D3DERR_NOTAVAILABLE, bad arguments D3DERR_INVALIDCALL).
 * Prints "d3d9-adapter: N checks, M failed"; exit status M.
 */

#define COBJMACROS
#define INITGUID
#include <stdio.h>
#include <windows.h>
#include <d3d9.h>

static unsigned checks, failures;

#define CHECK(cond, ...)                                                  \
   do {                                                                  \
      checks++;                                                          \
      if (!(cond)) {                                                     \
         failures++;                                                     \
         printf("d3d9-adapter: line %d: %s: ", __LINE__, #cond);         \
         printf(__VA_ARGS__);                                            \
         printf("\n");                                                   \
      }                                                                  \
   } while (0)

typedef HRESULT (WINAPI *create9ex_func)(UINT, IDirect3D9Ex **);

int
main(void)
{
   IDirect3D9 *d3d = Direct3DCreate9(D3D_SDK_VERSION);
   CHECK(d3d != NULL, "Direct3DCreate9 returned NULL");
   if (!d3d) {
      printf("d3d9-adapter: %u checks, %u failed\n", checks, failures);
      return 1;
   }
   CHECK(IDirect3D9_GetAdapterCount(d3d) == 1, "adapters");

   D3DADAPTER_IDENTIFIER9 id;
   HRESULT hr = IDirect3D9_GetAdapterIdentifier(d3d, 0, 0, &id);
   CHECK(hr == D3D_OK, "hr %#lx", hr);
   CHECK(strstr(id.Description, "mesa-d3dumd") != NULL, "description '%s'",
         id.Description);
   hr = IDirect3D9_GetAdapterIdentifier(d3d, 1, 0, &id);
   CHECK(hr == D3DERR_INVALIDCALL, "adapter 1: hr %#lx", hr);

   D3DCAPS9 caps;
   hr = IDirect3D9_GetDeviceCaps(d3d, 0, D3DDEVTYPE_HAL, &caps);
   CHECK(hr == D3D_OK, "caps hr %#lx", hr);
   CHECK(caps.VertexShaderVersion == D3DVS_VERSION(3, 0), "vs %#lx",
         caps.VertexShaderVersion);
   CHECK(caps.PixelShaderVersion == D3DPS_VERSION(3, 0), "ps %#lx",
         caps.PixelShaderVersion);
   CHECK(caps.DeviceType == D3DDEVTYPE_HAL && caps.AdapterOrdinal == 0,
         "type %u ordinal %u", caps.DeviceType, caps.AdapterOrdinal);
   hr = IDirect3D9_GetDeviceCaps(d3d, 0, D3DDEVTYPE_HAL, NULL);
   CHECK(hr == D3DERR_INVALIDCALL, "NULL caps hr %#lx", hr);

   /* Formats: every D3D9 driver has A8R8G8B8 textures and render
    * targets and D24S8 depth; nobody has format 0x12345. */
   hr = IDirect3D9_CheckDeviceFormat(d3d, 0, D3DDEVTYPE_HAL, D3DFMT_X8R8G8B8,
                                     0, D3DRTYPE_TEXTURE, D3DFMT_A8R8G8B8);
   CHECK(hr == D3D_OK, "A8R8G8B8 texture hr %#lx", hr);
   hr = IDirect3D9_CheckDeviceFormat(d3d, 0, D3DDEVTYPE_HAL, D3DFMT_X8R8G8B8,
                                     D3DUSAGE_RENDERTARGET, D3DRTYPE_SURFACE,
                                     D3DFMT_A8R8G8B8);
   CHECK(hr == D3D_OK, "A8R8G8B8 render target hr %#lx", hr);
   hr = IDirect3D9_CheckDeviceFormat(d3d, 0, D3DDEVTYPE_HAL, D3DFMT_X8R8G8B8,
                                     D3DUSAGE_DEPTHSTENCIL, D3DRTYPE_SURFACE,
                                     D3DFMT_D24S8);
   CHECK(hr == D3D_OK, "D24S8 hr %#lx", hr);
   hr = IDirect3D9_CheckDeviceFormat(d3d, 0, D3DDEVTYPE_HAL, D3DFMT_X8R8G8B8,
                                     0, D3DRTYPE_TEXTURE, (D3DFORMAT)0x12345);
   CHECK(hr == D3DERR_NOTAVAILABLE, "unknown format hr %#lx", hr);
   hr = IDirect3D9_CheckDeviceFormat(d3d, 0, D3DDEVTYPE_HAL, D3DFMT_A8R8G8B8,
                                     0, D3DRTYPE_TEXTURE, D3DFMT_A8R8G8B8);
   CHECK(hr == D3DERR_NOTAVAILABLE, "A8R8G8B8 display hr %#lx", hr);

   hr = IDirect3D9_CheckDeviceType(d3d, 0, D3DDEVTYPE_HAL, D3DFMT_X8R8G8B8,
                                   D3DFMT_A8R8G8B8, TRUE);
   CHECK(hr == D3D_OK, "device type hr %#lx", hr);
   hr = IDirect3D9_CheckDeviceType(d3d, 0, D3DDEVTYPE_HAL, D3DFMT_UNKNOWN,
                                   D3DFMT_A8R8G8B8, FALSE);
   CHECK(hr == D3DERR_NOTAVAILABLE, "full screen unknown hr %#lx", hr);

   DWORD levels = 0;
   hr = IDirect3D9_CheckDeviceMultiSampleType(d3d, 0, D3DDEVTYPE_HAL,
                                              D3DFMT_A8R8G8B8, TRUE,
                                              D3DMULTISAMPLE_NONE, &levels);
   CHECK(hr == D3D_OK && levels == 1, "no MSAA hr %#lx levels %lu", hr,
         levels);
   hr = IDirect3D9_CheckDeviceMultiSampleType(d3d, 0, D3DDEVTYPE_HAL,
                                              D3DFMT_A8R8G8B8, TRUE,
                                              (D3DMULTISAMPLE_TYPE)17, NULL);
   CHECK(hr == D3DERR_INVALIDCALL, "17 samples hr %#lx", hr);

   D3DDISPLAYMODE mode;
   hr = IDirect3D9_GetAdapterDisplayMode(d3d, 0, &mode);
   CHECK(hr == D3D_OK && mode.Width && mode.Height, "mode hr %#lx %ux%u", hr,
         mode.Width, mode.Height);
   const UINT modes = IDirect3D9_GetAdapterModeCount(d3d, 0, D3DFMT_X8R8G8B8);
   CHECK(modes >= 1, "modes %u", modes);
   hr = IDirect3D9_EnumAdapterModes(d3d, 0, D3DFMT_X8R8G8B8, modes, &mode);
   CHECK(hr == D3DERR_INVALIDCALL, "mode past the last hr %#lx", hr);
   CHECK(IDirect3D9_GetAdapterMonitor(d3d, 0) != NULL, "monitor");

   IDirect3D9Ex *ex = NULL;
   hr = IDirect3D9_QueryInterface(d3d, &IID_IDirect3D9Ex, (void **)&ex);
   CHECK(hr == E_NOINTERFACE && !ex, "Ex from Direct3DCreate9 hr %#lx", hr);
   CHECK(IDirect3D9_Release(d3d) == 0, "refcount");

   create9ex_func create9ex = (create9ex_func)(void *)GetProcAddress(
      GetModuleHandleA("d3d9.dll"), "Direct3DCreate9Ex");
   CHECK(create9ex != NULL, "no Direct3DCreate9Ex export");
   if (create9ex) {
      hr = create9ex(D3D_SDK_VERSION, &ex);
      CHECK(hr == D3D_OK && ex, "Direct3DCreate9Ex hr %#lx", hr);
      if (ex) {
         LUID luid;
         hr = IDirect3D9Ex_GetAdapterLUID(ex, 0, &luid);
         CHECK(hr == D3D_OK && (luid.LowPart || luid.HighPart),
               "LUID hr %#lx", hr);
         D3DDISPLAYMODEFILTER filter = { sizeof(filter), D3DFMT_X8R8G8B8,
                                         D3DSCANLINEORDERING_PROGRESSIVE };
         CHECK(IDirect3D9Ex_GetAdapterModeCountEx(ex, 0, &filter) == modes,
               "Ex mode count");
         CHECK(IDirect3D9Ex_Release(ex) == 0, "Ex refcount");
      }
   }
   printf("d3d9-adapter: %u checks, %u failed\n", checks, failures);
   return failures;
}

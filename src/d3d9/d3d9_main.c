/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* The DLL's exports and its log. */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dlfcn.h>

#include "d3d9_private.h"

BOOL
d3d9_debug_enabled(void)
{
   static int enabled = -1;
   if (enabled < 0) {
      /* D3DUMD_DEBUG is the driver's comma-separated list; "runtime" is
       * the runtime's own flag in it. */
      const char *d = getenv("D3DUMD_DEBUG");
      enabled = d && strstr(d, "runtime") != NULL;
   }
   return enabled;
}

void
d3d9_log(const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   fputs("d3dumd-d3d9: ", stderr);
   vfprintf(stderr, fmt, ap);
   fputc('\n', stderr);
   va_end(ap);
}

BOOL WINAPI
DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
   if (reason == DLL_PROCESS_ATTACH) {
      DisableThreadLibraryCalls(instance);
      Dl_info info;
      if (d3d9_debug_enabled() && dladdr((void *)DllMain, &info))
         d3d9_log("loaded %s", info.dli_fname);
   }
   return TRUE;
}

IDirect3D9 * WINAPI
Direct3DCreate9(UINT sdk_version)
{
   struct d3d9 *d3d9;
   HRESULT hr = d3d9_create(sdk_version, FALSE, &d3d9);
   D3D9_LOG("Direct3DCreate9(%#x): %s", sdk_version,
            SUCCEEDED(hr) ? "ok" : "failed");
   return SUCCEEDED(hr) ? (IDirect3D9 *)&d3d9->IDirect3D9Ex_iface : NULL;
}

HRESULT WINAPI
Direct3DCreate9Ex(UINT sdk_version, IDirect3D9Ex **out)
{
   if (!out)
      return D3DERR_INVALIDCALL;
   struct d3d9 *d3d9;
   HRESULT hr = d3d9_create(sdk_version, TRUE, &d3d9);
   D3D9_LOG("Direct3DCreate9Ex(%#x): %#x", sdk_version, (unsigned)hr);
   *out = SUCCEEDED(hr) ? &d3d9->IDirect3D9Ex_iface : NULL;
   return hr;
}

void * WINAPI
Direct3DShaderValidatorCreate9(void)
{
   return d3d9_shader_validator_create();
}

/* D3DPERF: PIX markers.  No tool listens: events nest to depth 0 and
 * GetStatus says nobody is profiling, as Windows' runtime without PIX. */
static LONG perf_depth;

int WINAPI
D3DPERF_BeginEvent(D3DCOLOR color, const WCHAR *name)
{
   return InterlockedIncrement(&perf_depth) - 1;
}

int WINAPI
D3DPERF_EndEvent(void)
{
   if (perf_depth <= 0)
      return -1;
   return InterlockedDecrement(&perf_depth);
}

DWORD WINAPI
D3DPERF_GetStatus(void)
{
   return 0;
}

BOOL WINAPI
D3DPERF_QueryRepeatFrame(void)
{
   return FALSE;
}

void WINAPI
D3DPERF_SetMarker(D3DCOLOR color, const WCHAR *name)
{
}

void WINAPI
D3DPERF_SetOptions(DWORD options)
{
}

void WINAPI
D3DPERF_SetRegion(D3DCOLOR color, const WCHAR *name)
{
}

void WINAPI
DebugSetMute(void)
{
}

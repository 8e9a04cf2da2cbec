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
#include <fcntl.h>
#include <unistd.h>

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

/* D3DUMD_D3D9_LOG=FILE: the log goes there instead of stderr (appended,
 * one write per line), so that lines the runtime's threads log cannot
 * break into a program's own output (Wine's tests parse theirs). */
static int
log_fd(void)
{
   static int fd = -2;
   if (fd == -2) {
      const char *path = getenv("D3DUMD_D3D9_LOG");
      fd = path && *path ? open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                                0644)
                         : -1;
      if (fd < 0)
         fd = STDERR_FILENO;
   }
   return fd;
}

static void
log_line(int fd, const char *fmt, va_list ap)
{
   char line[1024];
   int n = snprintf(line, sizeof(line), "d3dumd-d3d9: ");
   const int m = vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
   n = m < 0 ? n : n + m < (int)sizeof(line) - 1 ? n + m
                                                 : (int)sizeof(line) - 2;
   line[n++] = '\n';
   if (fd == STDERR_FILENO)
      fflush(stderr);
   ssize_t r = write(fd, line, n);
   (void)r;
}

void
d3d9_log(const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   log_line(log_fd(), fmt, ap);
   va_end(ap);
}

/* The line that proves which d3d9 ran: on stderr always, in the log
 * file too. */
static void
log_loaded(const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   log_line(STDERR_FILENO, fmt, ap);
   va_end(ap);
   if (log_fd() != STDERR_FILENO) {
      va_start(ap, fmt);
      log_line(log_fd(), fmt, ap);
      va_end(ap);
   }
}

BOOL WINAPI
DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
   if (reason == DLL_PROCESS_ATTACH) {
      DisableThreadLibraryCalls(instance);
      Dl_info info;
      if (d3d9_debug_enabled() && dladdr((void *)DllMain, &info))
         log_loaded("loaded %s", info.dli_fname);
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

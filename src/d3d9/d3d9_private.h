/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3d9.dll for Wine: the Direct3D 9 runtime's half between a program and
 * the user-mode driver (d3dumd.so), as Microsoft's runtime plays it on
 * Windows.  A winelib DLL (docs/wine.rst): Win32 and the DDI in one
 * process, the driver called directly.
 */

#ifndef D3D9_PRIVATE_H
#define D3D9_PRIVATE_H

#define COBJMACROS
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <d3d9.h>

#include "d3dumddi.h"

/* The driver: d3dumd.so, loaded once per process (d3d9_driver.c). */
struct d3d9_driver {
   void *lib;
   PFND3DDDI_OPENADAPTER open_adapter;
   char path[1024];
};

const struct d3d9_driver *d3d9_driver_get(void);

/* One DDI adapter (OpenAdapter ... CloseAdapter) and what the runtime
 * learned from it at open: the format table and the D3D9 caps. */
struct d3d9_adapter {
   HANDLE handle;
   D3DDDI_ADAPTERFUNCS funcs;
   D3DDDI_ADAPTERCALLBACKS callbacks;
   UINT driver_version;
   FORMATOP *formats;
   UINT num_formats;
   D3DCAPS9 caps;
};

HRESULT d3d9_adapter_open(struct d3d9_adapter *adapter);
void d3d9_adapter_close(struct d3d9_adapter *adapter);
const FORMATOP *d3d9_adapter_format(const struct d3d9_adapter *adapter,
                                    D3DFORMAT format);
HRESULT d3d9_adapter_get_caps(const struct d3d9_adapter *adapter,
                              D3DDDICAPS_TYPE type, void *info, void *data,
                              UINT size);

/* IDirect3D9(Ex) (d3d9_d3d9.c). */
struct d3d9 {
   IDirect3D9Ex IDirect3D9Ex_iface;
   LONG refcount;
   BOOL extended;
   struct d3d9_adapter adapter;
};

HRESULT d3d9_create(UINT sdk_version, BOOL extended, struct d3d9 **out);

/* The shader validator programs get from Direct3DShaderValidatorCreate9. */
void *d3d9_shader_validator_create(void);

/* D3DUMD_DEBUG=runtime: the runtime's log, on stderr. */
BOOL d3d9_debug_enabled(void);
void d3d9_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A Release of an object the device frees (implicit swap chain, back
 * buffers, the automatic depth-stencil surface): one without references
 * changes nothing and answers 0, as on Windows.  The count before the
 * decrement, or 0 when there was none. */
static inline LONG
d3d9_release_clamped(LONG *refcount)
{
   LONG r = *refcount;
   while (r > 0) {
      const LONG seen = InterlockedCompareExchange(refcount, r - 1, r);
      if (seen == r)
         return r;
      r = seen;
   }
   return 0;
}

/* SetPriority: only managed resources keep one; the others answer 0. */
static inline DWORD
d3d9_managed_set_priority(D3DPOOL pool, DWORD *slot, DWORD priority)
{
   if (pool != D3DPOOL_MANAGED)
      return 0;
   const DWORD old = *slot;
   *slot = priority;
   return old;
}

#define D3D9_LOG(...)                                                     \
   do {                                                                  \
      if (d3d9_debug_enabled())                                          \
         d3d9_log(__VA_ARGS__);                                          \
   } while (0)

#endif

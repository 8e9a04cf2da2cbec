/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Private structures and prototypes of the D3D9 user-mode display driver
 * frontend.  Every DDI object the runtime holds a handle to starts with a
 * struct d3dumd_object carrying a type tag, and is also registered in the
 * set of live objects of its parent (adapters in a process-wide set), so
 * that NULL, foreign and stale handles are detected without dereferencing
 * them.
 */

#ifndef D3DUMD_PRIVATE_H
#define D3DUMD_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "d3dumddi.h"

#include "pipe/p_defines.h"
#include "pipe/p_format.h"
#include "util/bitset.h"
#include "util/macros.h"
#include "util/simple_mtx.h"

struct pipe_context;
struct pipe_loader_device;
struct pipe_screen;

#ifdef __cplusplus
extern "C" {
#endif

/* D3DUMD_DEBUG flags (d3dumd_debug.c). */
enum d3dumd_debug_flags {
   D3DUMD_DEBUG_TRACE = BITFIELD_BIT(0),
   D3DUMD_DEBUG_USER  = BITFIELD_BIT(1),
   D3DUMD_DEBUG_LOCK  = BITFIELD_BIT(2),
   D3DUMD_DEBUG_SYNC  = BITFIELD_BIT(3),
   D3DUMD_DEBUG_CAPS  = BITFIELD_BIT(4),
};

/* Type tags: distinct, unlikely words, so that a handle of the wrong kind
 * (or garbage) is rejected before anything else is read from it. */
enum d3dumd_object_type {
   D3DUMD_OBJ_ADAPTER  = 0x41443355, /* "U3DA" */
   D3DUMD_OBJ_DEVICE   = 0x44443355, /* "U3DD" */
   D3DUMD_OBJ_RESOURCE = 0x52443355, /* "U3DR" */
};

struct d3dumd_object {
   uint32_t type;
   HANDLE handle;  /* the handle the runtime holds for this object */
};

/* Screen-creation hook the target passes in: the target wraps the screen
 * with debug_screen_wrap() so GALLIUM_TRACE and friends work. */
typedef struct pipe_screen *(*d3dumd_screen_wrap_func)(struct pipe_screen *);

/* One D3DDDIFORMAT as the adapter supports it. */
struct d3dumd_format_info {
   D3DDDIFORMAT d3d;
   enum pipe_format pipe;
   DWORD ops; /* D3DFORMAT_OP_* the screen supports for it */
};

struct d3dumd_adapter {
   struct d3dumd_object base;

   HANDLE rt_adapter;                  /* the runtime's handle */
   D3DDDI_ADAPTERCALLBACKS callbacks;  /* copied: the runtime's table may go */
   UINT runtime_version;               /* D3DDDIARG_OPENADAPTER::Version */
   uint64_t debug;                     /* D3DUMD_DEBUG, read once */

   struct pipe_loader_device *dev;
   struct pipe_screen *screen;

   /* Formats the screen supports, in D3DDDICAPS_GETFORMATDATA order. */
   struct d3dumd_format_info *formats;
   unsigned num_formats;

   /* Devices are created and destroyed from any thread (one thread per
    * device, several devices at once: threading-model-of-user-mode-display-
    * driver.md), so the count of open devices is atomic. */
   int32_t num_devices;
};

struct d3dumd_device {
   struct d3dumd_object base;
   struct d3dumd_adapter *adapter;

   HANDLE rt_device;                  /* the runtime's handle */
   D3DDDI_DEVICECALLBACKS callbacks;  /* copied at CreateDevice */
   UINT interface_version;            /* D3DDDIARG_CREATEDEVICE::Interface */
   UINT runtime_version;              /* D3DDDIARG_CREATEDEVICE::Version */
   D3DDDI_CREATEDEVICEFLAGS flags;

   HANDLE rt_context;                 /* from pfnCreateContextCb */
   struct pipe_context *pipe;

   /* Slots answered with E_NOTIMPL that were already logged once. */
   BITSET_WORD notimpl_logged[BITSET_WORDS(256)];
};

/* d3dumd_handle.c: the handles the runtime holds.  Lookups of NULL,
 * foreign, garbage or stale handles, or of a handle of another object type,
 * give NULL without reading anything the handle points to. */
HANDLE d3dumd_handle_register(void *object, enum d3dumd_object_type type);
void d3dumd_handle_release(HANDLE h);
void *d3dumd_handle_lookup(HANDLE h, enum d3dumd_object_type type);

#define D3DUMD_DEFINE_HANDLE_LOOKUP(__struct, __type)                      \
   static inline struct __struct *                                        \
   __struct##_from_handle(HANDLE h)                                       \
   {                                                                      \
      return (struct __struct *)d3dumd_handle_lookup(h, __type);           \
   }

D3DUMD_DEFINE_HANDLE_LOOKUP(d3dumd_adapter, D3DUMD_OBJ_ADAPTER)
D3DUMD_DEFINE_HANDLE_LOOKUP(d3dumd_device, D3DUMD_OBJ_DEVICE)

/* d3dumd_debug.c */
uint64_t d3dumd_debug_flags(void);
void d3dumd_log(uint64_t debug, uint64_t flag, const char *func,
                const char *fmt, ...) PRINTFLIKE(4, 5);
HRESULT d3dumd_error_at(uint64_t debug, HRESULT hr, const char *file,
                        int line, const char *func);
const char *d3dumd_caps_type_to_str(D3DDDICAPS_TYPE type);
const char *d3dumd_format_to_str(D3DDDIFORMAT format);
const char *d3dumd_hresult_to_str(HRESULT hr);

/* Driver-detected bad input: return hr (E_FAIL unless a reference page
 * documents another code; never E_INVALIDARG on our own initiative:
 * handling-the-e-invalidarg-return-value.md) and log the failed condition
 * under D3DUMD_DEBUG=user.  Nine's user_assert, with the debug word of the
 * object at hand (d3dumd_debug_flags() when there is none yet). */
#define d3dumd_check(debug, cond, hr)                                      \
   do {                                                                    \
      if (unlikely(!(cond))) {                                             \
         d3dumd_log((debug), D3DUMD_DEBUG_USER, __func__,                  \
                    "check failed: %s -> %s", #cond,                      \
                    d3dumd_hresult_to_str(hr));                            \
         return (hr);                                                      \
      }                                                                    \
   } while (0)

/* Runtime or resource failures: logs file and line, returns hr. */
#define d3dumd_error(debug, hr) \
   d3dumd_error_at((debug), (hr), __FILE__, __LINE__, __func__)

#define D3DUMD_TRACE(debug, fmt, ...) \
   d3dumd_log((debug), D3DUMD_DEBUG_TRACE, __func__, fmt, ##__VA_ARGS__)

/* d3dumd_adapter.c */
HRESULT d3dumd_open_adapter(D3DDDIARG_OPENADAPTER *pOpenData,
                            d3dumd_screen_wrap_func wrap);

/* d3dumd_caps.c */
HRESULT APIENTRY d3dumd_GetCaps(HANDLE hAdapter,
                                const D3DDDIARG_GETCAPS *pData);

/* d3dumd_format.c */
enum pipe_format d3dumd_format_to_pipe(D3DDDIFORMAT format);
bool d3dumd_format_build_table(struct d3dumd_adapter *adapter);
const struct d3dumd_format_info *
d3dumd_format_lookup(const struct d3dumd_adapter *adapter,
                     D3DDDIFORMAT format);

/* d3dumd_device.c */
HRESULT APIENTRY d3dumd_CreateDevice(HANDLE hAdapter,
                                     D3DDDIARG_CREATEDEVICE *pData);
size_t d3dumd_device_funcs_size(UINT runtime_version);

/* d3dumd_notimpl.c: the E_NOTIMPL entry for every slot not implemented
 * yet, so that no non-optional slot is NULL. */
void d3dumd_notimpl_fill(D3DDDI_DEVICEFUNCS *funcs);
HRESULT d3dumd_notimpl(HANDLE hDevice, unsigned slot, const char *name);

#ifdef __cplusplus
}
#endif

#endif /* D3DUMD_PRIVATE_H */

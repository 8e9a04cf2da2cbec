/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The test runtime: plays the D3D9 runtime's side of the DDI.  It loads the
 * driver by path, calls OpenAdapter, and implements the adapter and device
 * callbacks the way the reference describes them, recording every callback
 * the driver makes and checking its protocol (known handles, contexts and
 * allocations released once, locks balanced).  Any callback can be told to
 * fail.  Tests reach the driver only through this library.
 */

#ifndef D3DUMD_RT_H
#define D3DUMD_RT_H

#include <pthread.h>
#include <stdbool.h>

#include "d3dumddi.h"

enum rt_callback {
   RT_CB_QUERYADAPTERINFO,
   RT_CB_GETMULTISAMPLEMETHODLIST,
   RT_CB_CREATECONTEXT,
   RT_CB_DESTROYCONTEXT,
   RT_CB_ALLOCATE,
   RT_CB_DEALLOCATE,
   RT_CB_LOCK,
   RT_CB_UNLOCK,
   RT_CB_RENDER,
   RT_CB_PRESENT,
   RT_CB_ESCAPE,
   RT_CB_SETASYNCCALLBACKS,
   RT_CB_SETDISPLAYMODE,
   RT_CB_COUNT,
};

const char *rt_callback_name(enum rt_callback cb);

/* One recorded callback. */
struct rt_call {
   enum rt_callback cb;
   HRESULT hr;          /* what the runtime returned */
   HANDLE handle;       /* hAdapter or hDevice the driver passed */
   UINT flags;          /* D3DDDICB_LOCKFLAGS::Value for RT_CB_LOCK */
   UINT allocation;     /* allocation handle, where there is one */
};

#define RT_MAX_CALLS 4096
#define RT_MAX_VIOLATIONS 16

/* Shared by an adapter and its devices (several threads may call back). */
struct rt_recorder {
   pthread_mutex_t lock;
   struct rt_call calls[RT_MAX_CALLS];
   unsigned num_calls;
   unsigned counts[RT_CB_COUNT];
   /* Failure injection: the next fail_count[cb] calls return fail_hr[cb]. */
   unsigned fail_count[RT_CB_COUNT];
   HRESULT fail_hr[RT_CB_COUNT];
   /* Protocol violations found by the runtime's checks. */
   unsigned num_violations;
   char violations[RT_MAX_VIOLATIONS][160];
};

struct rt_driver {
   void *lib;
   PFND3DDDI_OPENADAPTER OpenAdapter;
   char path[512];
};

struct rt_adapter {
   uint32_t magic;
   struct rt_driver *driver;
   HANDLE hAdapter;                    /* the driver's handle */
   D3DDDI_ADAPTERFUNCS funcs;
   D3DDDI_ADAPTERCALLBACKS callbacks;
   UINT driver_version;
   UINT version;                       /* the runtime version we claim */
   struct rt_recorder rec;
   unsigned live_devices;
};

#define RT_MAX_CONTEXTS 8
#define RT_MAX_ALLOCATIONS 4096

struct rt_context {
   bool live;
   void *command_buffer;
   D3DDDI_ALLOCATIONLIST *allocation_list;
   D3DDDI_PATCHLOCATIONLIST *patch_list;
};

struct rt_allocation {
   bool live;
   HANDLE hResource;       /* the runtime's resource handle it belongs to */
   HANDLE driver_handle;   /* the driver's handle of that resource */
   unsigned instance;      /* bumped by each Discard lock (pfnLockCb page) */
   unsigned lock_count;
   unsigned locks, discards;
   const void *sysmem;     /* D3DDDI_ALLOCATIONINFO::pSystemMem */
   void *memory;           /* what pfnLockCb hands out */
};

struct rt_device {
   uint32_t magic;
   struct rt_adapter *adapter;
   HANDLE hDevice;                     /* the driver's handle */
   D3DDDI_DEVICEFUNCS funcs;
   D3DDDI_DEVICECALLBACKS callbacks;
   UINT version;
   pthread_mutex_t lock;
   struct rt_context contexts[RT_MAX_CONTEXTS];
   struct rt_allocation allocations[RT_MAX_ALLOCATIONS];
   HANDLE creating_resource;   /* runtime handle of a CreateResource call */
   HANDLE last_rt_resource;    /* runtime handle of the last one created */
   /* What pfnPresentCb was last given, and the frame it "showed": the
    * first present_bytes bytes of the destination allocation's system
    * memory, copied at the call (a test sets present_bytes and
    * present_frame).  scanout: pfnSetDisplayModeCb's allocation. */
   struct {
      unsigned count;
      D3DKMT_HANDLE src, dst;
      HANDLE context;
      size_t bytes;
      void *frame;
      unsigned frames_copied;
   } present;
   D3DKMT_HANDLE scanout;
   /* System memory the runtime allocated for its resources. */
   struct {
      HANDLE driver_handle;
      void *mem;
   } sysmem[256];
};

void rt_keep_sysmem(struct rt_device *dev, HANDLE h, void *mem);
/* The allocation handle the driver made for the runtime resource of
 * driver handle `h` (0 if none): what pfnPresentCb should name. */
D3DKMT_HANDLE rt_allocation_handle_of(struct rt_device *dev, HANDLE h);
void rt_free_sysmem(struct rt_device *dev, HANDLE h);

/* Driver path: NULL means $D3DUMD_DRIVER, else the one built with the
 * tests.  Returns NULL (and prints dlerror) if it does not load. */
struct rt_driver *rt_driver_load(const char *path);
void rt_driver_unload(struct rt_driver *drv);

/* OpenAdapter with Interface 9 and Version = version (0: the interface
 * version the tests are compiled with). */
HRESULT rt_adapter_open(struct rt_driver *drv, UINT version,
                        struct rt_adapter **out);
HRESULT rt_adapter_close(struct rt_adapter *adapter);
/* An adapter shell with its callbacks ready but OpenAdapter not called:
 * for tests that build D3DDDIARG_OPENADAPTER themselves.  Free with
 * rt_adapter_close (it does not call CloseAdapter when hAdapter is NULL). */
struct rt_adapter *rt_adapter_alloc(struct rt_driver *drv, UINT version);
HRESULT rt_get_caps(struct rt_adapter *adapter, D3DDDICAPS_TYPE type,
                    void *info, void *data, UINT size);

/* CreateDevice with Interface 9 and Version = version (0: as above).  The
 * device's funcs table is pre-filled with a poison value so that tests can
 * see which slots the driver wrote. */
HRESULT rt_device_create(struct rt_adapter *adapter, UINT version,
                         struct rt_device **out);
HRESULT rt_device_destroy(struct rt_device *dev);

/* The value the funcs table is pre-filled with. */
#define RT_POISON_PTR ((void *)(uintptr_t)0xdeadbeefcafef00dull)

/* Resources, as a runtime creates them: `args` is filled by the caller but
 * for hResource, which gets a fresh runtime handle; on success *out is
 * the driver's handle. */
HRESULT rt_create_resource(struct rt_device *dev,
                           D3DDDIARG_CREATERESOURCE2 *args, HANDLE *out);
/* Shorthands: one surface (MipLevels 1) of the given kind. */
HRESULT rt_create_surface(struct rt_device *dev, D3DDDIFORMAT format,
                          UINT width, UINT height, D3DDDI_RESOURCEFLAGS flags,
                          D3DDDI_POOL pool, HANDLE *out);
HRESULT rt_create_buffer(struct rt_device *dev, UINT size, bool index,
                         bool dynamic, HANDLE *out);
/* DestroyResource; RT_E_PROTOCOL when the driver succeeded but broke the
 * runtime's protocol during the call (e.g. deallocated a still locked
 * allocation); the violations are printed. */
HRESULT rt_destroy_resource(struct rt_device *dev, HANDLE h);
#define RT_E_PROTOCOL ((HRESULT)0x8000FFFFL) /* E_UNEXPECTED */
/* The allocation the driver made for the runtime resource `rt_handle`
 * (the one CreateResource got), or NULL. */
struct rt_allocation *rt_allocation_for(struct rt_device *dev,
                                        HANDLE rt_handle);
/* Live allocations and outstanding allocation locks of a device. */
unsigned rt_live_allocations(struct rt_device *dev);
unsigned rt_locked_allocations(struct rt_device *dev);

void rt_fail_next(struct rt_adapter *adapter, enum rt_callback cb,
                  HRESULT hr, unsigned count);
unsigned rt_count(struct rt_adapter *adapter, enum rt_callback cb);
void rt_reset_calls(struct rt_adapter *adapter);
/* Protocol checks: contexts and allocations left live, locks unbalanced
 * on a destroyed device are violations too.  Returns the number found
 * and prints them. */
unsigned rt_violations(struct rt_adapter *adapter);

#endif

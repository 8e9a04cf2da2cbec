/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt.h"

#define RT_ADAPTER_MAGIC 0x52544144u /* "DATR" */
#define RT_DEVICE_MAGIC  0x52544456u /* "VDTR" */

#ifndef D3DUMD_DRIVER_PATH
#define D3DUMD_DRIVER_PATH "d3dumd.so"
#endif

/* Allocation handles are D3DKMT_HANDLEs: small integers in the kernel's
 * space.  Ours start above 0x40000000 so a confusion with an index shows. */
#define RT_ALLOCATION_BASE 0x40000000u

static const char *rt_callback_names[RT_CB_COUNT] = {
   [RT_CB_QUERYADAPTERINFO] = "pfnQueryAdapterInfoCb",
   [RT_CB_GETMULTISAMPLEMETHODLIST] = "pfnGetMultisampleMethodListCb",
   [RT_CB_CREATECONTEXT] = "pfnCreateContextCb",
   [RT_CB_DESTROYCONTEXT] = "pfnDestroyContextCb",
   [RT_CB_ALLOCATE] = "pfnAllocateCb",
   [RT_CB_DEALLOCATE] = "pfnDeallocateCb",
   [RT_CB_LOCK] = "pfnLockCb",
   [RT_CB_UNLOCK] = "pfnUnlockCb",
   [RT_CB_RENDER] = "pfnRenderCb",
   [RT_CB_PRESENT] = "pfnPresentCb",
   [RT_CB_ESCAPE] = "pfnEscapeCb",
   [RT_CB_SETASYNCCALLBACKS] = "pfnSetAsyncCallbacksCb",
   [RT_CB_SETDISPLAYMODE] = "pfnSetDisplayModeCb",
};

const char *
rt_callback_name(enum rt_callback cb)
{
   return cb < RT_CB_COUNT ? rt_callback_names[cb] : "?";
}

static void
rt_violation(struct rt_recorder *rec, const char *fmt, ...)
{
   pthread_mutex_lock(&rec->lock);
   if (rec->num_violations < RT_MAX_VIOLATIONS) {
      va_list ap;
      va_start(ap, fmt);
      vsnprintf(rec->violations[rec->num_violations],
                sizeof(rec->violations[0]), fmt, ap);
      va_end(ap);
   }
   rec->num_violations++;
   pthread_mutex_unlock(&rec->lock);
}

/* Records a callback and returns the injected failure, or S_OK. */
static HRESULT
rt_record(struct rt_recorder *rec, enum rt_callback cb, HANDLE handle,
          UINT flags, UINT allocation)
{
   HRESULT hr = S_OK;

   pthread_mutex_lock(&rec->lock);
   if (rec->fail_count[cb]) {
      rec->fail_count[cb]--;
      hr = rec->fail_hr[cb];
   }
   rec->counts[cb]++;
   if (rec->num_calls < RT_MAX_CALLS) {
      rec->calls[rec->num_calls++] = (struct rt_call) {
         .cb = cb, .hr = hr, .handle = handle, .flags = flags,
         .allocation = allocation,
      };
   }
   pthread_mutex_unlock(&rec->lock);
   return hr;
}

static struct rt_adapter *
rt_adapter_of(HANDLE h)
{
   struct rt_adapter *adapter = h;
   return adapter && adapter->magic == RT_ADAPTER_MAGIC ? adapter : NULL;
}

static struct rt_device *
rt_device_of(HANDLE h)
{
   struct rt_device *dev = h;
   return dev && dev->magic == RT_DEVICE_MAGIC ? dev : NULL;
}

/* --- adapter callbacks ------------------------------------------------ */

static HRESULT APIENTRY
rt_QueryAdapterInfoCb(HANDLE hAdapter, const D3DDDICB_QUERYADAPTERINFO *pData)
{
   struct rt_adapter *adapter = rt_adapter_of(hAdapter);
   if (!adapter)
      abort(); /* the driver passed a handle that is not ours */

   HRESULT hr = rt_record(&adapter->rec, RT_CB_QUERYADAPTERINFO, hAdapter,
                          0, 0);
   if (FAILED(hr))
      return hr;
   if (!pData || (pData->PrivateDriverDataSize && !pData->pPrivateDriverData)) {
      rt_violation(&adapter->rec, "pfnQueryAdapterInfoCb: bad arguments");
      return E_INVALIDARG;
   }
   /* No kernel-mode driver of ours: its private data is all zeros. */
   memset(pData->pPrivateDriverData, 0, pData->PrivateDriverDataSize);
   return S_OK;
}

static HRESULT APIENTRY
rt_GetMultisampleMethodListCb(HANDLE hAdapter,
                              D3DDDICB_GETMULTISAMPLEMETHODLIST *pData)
{
   struct rt_adapter *adapter = rt_adapter_of(hAdapter);
   if (!adapter)
      abort();
   HRESULT hr = rt_record(&adapter->rec, RT_CB_GETMULTISAMPLEMETHODLIST,
                          hAdapter, 0, 0);
   if (FAILED(hr))
      return hr;
   (void)pData;
   return E_FAIL;
}

/* --- device callbacks ------------------------------------------------- */

#define RT_COMMAND_BUFFER_SIZE (64 * 1024)
#define RT_ALLOCATION_LIST_SIZE 1024
#define RT_PATCH_LIST_SIZE 1024

static struct rt_device *
rt_device_checked(HANDLE hDevice, const char *what)
{
   struct rt_device *dev = rt_device_of(hDevice);
   if (!dev) {
      fprintf(stderr, "rt: %s called with unknown hDevice %p\n", what,
              hDevice);
      abort();
   }
   return dev;
}

static HRESULT APIENTRY
rt_CreateContextCb(HANDLE hDevice, D3DDDICB_CREATECONTEXT *pData)
{
   struct rt_device *dev = rt_device_checked(hDevice, "pfnCreateContextCb");
   HRESULT hr = rt_record(&dev->adapter->rec, RT_CB_CREATECONTEXT, hDevice,
                          0, 0);
   if (FAILED(hr))
      return hr;
   if (!pData) {
      rt_violation(&dev->adapter->rec, "pfnCreateContextCb: NULL data");
      return E_INVALIDARG;
   }

   pthread_mutex_lock(&dev->lock);
   for (unsigned i = 0; i < RT_MAX_CONTEXTS; i++) {
      struct rt_context *ctx = &dev->contexts[i];
      if (ctx->live)
         continue;
      ctx->command_buffer = calloc(1, RT_COMMAND_BUFFER_SIZE);
      ctx->allocation_list = calloc(RT_ALLOCATION_LIST_SIZE,
                                    sizeof(*ctx->allocation_list));
      ctx->patch_list = calloc(RT_PATCH_LIST_SIZE, sizeof(*ctx->patch_list));
      if (!ctx->command_buffer || !ctx->allocation_list || !ctx->patch_list) {
         free(ctx->command_buffer);
         free(ctx->allocation_list);
         free(ctx->patch_list);
         pthread_mutex_unlock(&dev->lock);
         return E_OUTOFMEMORY;
      }
      ctx->live = true;
      pData->hContext = (HANDLE)(uintptr_t)(0x1000 + i);
      pData->pCommandBuffer = ctx->command_buffer;
      pData->CommandBufferSize = RT_COMMAND_BUFFER_SIZE;
      pData->pAllocationList = ctx->allocation_list;
      pData->AllocationListSize = RT_ALLOCATION_LIST_SIZE;
      pData->pPatchLocationList = ctx->patch_list;
      pData->PatchLocationListSize = RT_PATCH_LIST_SIZE;
      pthread_mutex_unlock(&dev->lock);
      return S_OK;
   }
   pthread_mutex_unlock(&dev->lock);
   return E_OUTOFMEMORY;
}

static struct rt_context *
rt_context_of(struct rt_device *dev, HANDLE hContext)
{
   uintptr_t i = (uintptr_t)hContext - 0x1000;
   if (i >= RT_MAX_CONTEXTS || !dev->contexts[i].live)
      return NULL;
   return &dev->contexts[i];
}

static HRESULT APIENTRY
rt_DestroyContextCb(HANDLE hDevice, const D3DDDICB_DESTROYCONTEXT *pData)
{
   struct rt_device *dev = rt_device_checked(hDevice, "pfnDestroyContextCb");
   HRESULT hr = rt_record(&dev->adapter->rec, RT_CB_DESTROYCONTEXT, hDevice,
                          0, 0);
   if (FAILED(hr))
      return hr;

   pthread_mutex_lock(&dev->lock);
   struct rt_context *ctx = pData ? rt_context_of(dev, pData->hContext) : NULL;
   if (!ctx) {
      pthread_mutex_unlock(&dev->lock);
      rt_violation(&dev->adapter->rec,
                   "pfnDestroyContextCb: unknown or destroyed context");
      return E_INVALIDARG;
   }
   free(ctx->command_buffer);
   free(ctx->allocation_list);
   free(ctx->patch_list);
   memset(ctx, 0, sizeof(*ctx));
   pthread_mutex_unlock(&dev->lock);
   return S_OK;
}

/* Allocation handles: base + index, with the instance number (bumped by
 * every Discard lock, which the pfnLockCb page says returns a new handle)
 * in bits 16 and up.  Older instances stay valid handles of the allocation
 * (with LockAsync the worker uses the old one until Rename); a handle of
 * an instance not made yet is not. */
static D3DKMT_HANDLE
rt_allocation_handle(struct rt_device *dev, struct rt_allocation *a)
{
   return RT_ALLOCATION_BASE + (uint32_t)(a - dev->allocations) +
          ((a->instance & 0x3fff) << 16);
}

static struct rt_allocation *
rt_allocation_of(struct rt_device *dev, D3DKMT_HANDLE h)
{
   if (h < RT_ALLOCATION_BASE)
      return NULL;
   uint32_t i = (h - RT_ALLOCATION_BASE) & 0xffff;
   if (i >= RT_MAX_ALLOCATIONS || !dev->allocations[i].live)
      return NULL;
   struct rt_allocation *a = &dev->allocations[i];
   const unsigned instance = (h - RT_ALLOCATION_BASE) >> 16;
   if (instance > (a->instance & 0x3fff)) {
      rt_violation(&dev->adapter->rec,
                   "allocation handle 0x%x names an instance not made yet",
                   h);
      return NULL;
   }
   return a;
}

static HRESULT APIENTRY
rt_AllocateCb(HANDLE hDevice, D3DDDICB_ALLOCATE *pData)
{
   struct rt_device *dev = rt_device_checked(hDevice, "pfnAllocateCb");
   HRESULT hr = rt_record(&dev->adapter->rec, RT_CB_ALLOCATE, hDevice, 0, 0);
   if (FAILED(hr))
      return hr;
   if (!pData || (pData->NumAllocations && !pData->pAllocationInfo)) {
      rt_violation(&dev->adapter->rec, "pfnAllocateCb: bad arguments");
      return E_INVALIDARG;
   }

   pthread_mutex_lock(&dev->lock);
   unsigned done = 0;
   for (unsigned i = 0; i < RT_MAX_ALLOCATIONS &&
                        done < pData->NumAllocations; i++) {
      struct rt_allocation *alloc = &dev->allocations[i];
      if (alloc->live)
         continue;
      alloc->memory = calloc(1, 4096);
      if (!alloc->memory)
         break;
      alloc->live = true;
      alloc->hResource = pData->hResource ? pData->hResource
                                          : dev->creating_resource;
      alloc->sysmem = pData->pAllocationInfo[done].pSystemMem;
      pData->pAllocationInfo[done++].hAllocation =
         rt_allocation_handle(dev, alloc);
   }
   if (done < pData->NumAllocations) {
      /* Roll back: an allocation call is all or nothing. */
      for (unsigned j = 0; j < done; j++) {
         struct rt_allocation *alloc = rt_allocation_of(
            dev, pData->pAllocationInfo[j].hAllocation);
         free(alloc->memory);
         memset(alloc, 0, sizeof(*alloc));
         pData->pAllocationInfo[j].hAllocation = 0;
      }
      pthread_mutex_unlock(&dev->lock);
      return E_OUTOFMEMORY;
   }
   pthread_mutex_unlock(&dev->lock);
   return S_OK;
}

static HRESULT APIENTRY
rt_DeallocateCb(HANDLE hDevice, const D3DDDICB_DEALLOCATE *pData)
{
   struct rt_device *dev = rt_device_checked(hDevice, "pfnDeallocateCb");
   HRESULT hr = rt_record(&dev->adapter->rec, RT_CB_DEALLOCATE, hDevice, 0,
                          pData && pData->NumAllocations && pData->HandleList ?
                          pData->HandleList[0] : 0);
   if (FAILED(hr))
      return hr;
   if (!pData || (pData->NumAllocations && !pData->HandleList)) {
      rt_violation(&dev->adapter->rec, "pfnDeallocateCb: bad arguments");
      return E_INVALIDARG;
   }

   pthread_mutex_lock(&dev->lock);
   for (unsigned i = 0; i < pData->NumAllocations; i++) {
      struct rt_allocation *alloc = rt_allocation_of(dev, pData->HandleList[i]);
      if (!alloc) {
         pthread_mutex_unlock(&dev->lock);
         rt_violation(&dev->adapter->rec,
                      "pfnDeallocateCb: allocation 0x%x unknown or released "
                      "twice", pData->HandleList[i]);
         return E_INVALIDARG;
      }
      if (alloc->lock_count)
         rt_violation(&dev->adapter->rec,
                      "pfnDeallocateCb: allocation 0x%x still locked",
                      pData->HandleList[i]);
      free(alloc->memory);
      memset(alloc, 0, sizeof(*alloc));
   }
   pthread_mutex_unlock(&dev->lock);
   return S_OK;
}

static HRESULT APIENTRY
rt_LockCb(HANDLE hDevice, D3DDDICB_LOCK *pData)
{
   struct rt_device *dev = rt_device_checked(hDevice, "pfnLockCb");
   HRESULT hr = rt_record(&dev->adapter->rec, RT_CB_LOCK, hDevice,
                          pData ? pData->Flags.Value : 0,
                          pData ? pData->hAllocation : 0);
   if (FAILED(hr))
      return hr;

   pthread_mutex_lock(&dev->lock);
   struct rt_allocation *alloc = pData ? rt_allocation_of(dev, pData->hAllocation)
                                       : NULL;
   if (!alloc) {
      pthread_mutex_unlock(&dev->lock);
      rt_violation(&dev->adapter->rec, "pfnLockCb: unknown allocation");
      return E_INVALIDARG;
   }
   /* The pfnLockCb page: IgnoreSync is only valid together with DonotWait. */
   if (pData->Flags.IgnoreSync && !pData->Flags.DonotWait)
      rt_violation(&dev->adapter->rec,
                   "pfnLockCb: IgnoreSync without DonotWait");
   if (pData->Flags.ReadOnly && pData->Flags.WriteOnly)
      rt_violation(&dev->adapter->rec, "pfnLockCb: ReadOnly and WriteOnly");
   if (pData->Flags.Discard) {
      /* A new instance of the allocation, with a new handle. */
      alloc->instance++;
      alloc->discards++;
      pData->hAllocation = rt_allocation_handle(dev, alloc);
   }
   alloc->lock_count++;
   alloc->locks++;
   pData->pData = alloc->memory;
   pthread_mutex_unlock(&dev->lock);
   return S_OK;
}

static HRESULT APIENTRY
rt_UnlockCb(HANDLE hDevice, const D3DDDICB_UNLOCK *pData)
{
   struct rt_device *dev = rt_device_checked(hDevice, "pfnUnlockCb");
   HRESULT hr = rt_record(&dev->adapter->rec, RT_CB_UNLOCK, hDevice, 0,
                          pData && pData->NumAllocations && pData->phAllocations ?
                          pData->phAllocations[0] : 0);
   if (FAILED(hr))
      return hr;
   if (!pData || (pData->NumAllocations && !pData->phAllocations)) {
      rt_violation(&dev->adapter->rec, "pfnUnlockCb: bad arguments");
      return E_INVALIDARG;
   }

   pthread_mutex_lock(&dev->lock);
   for (unsigned i = 0; i < pData->NumAllocations; i++) {
      struct rt_allocation *alloc =
         rt_allocation_of(dev, pData->phAllocations[i]);
      if (!alloc || !alloc->lock_count) {
         pthread_mutex_unlock(&dev->lock);
         rt_violation(&dev->adapter->rec,
                      "pfnUnlockCb: allocation 0x%x not locked",
                      pData->phAllocations[i]);
         return E_INVALIDARG;
      }
      alloc->lock_count--;
   }
   pthread_mutex_unlock(&dev->lock);
   return S_OK;
}

static HRESULT APIENTRY
rt_RenderCb(HANDLE hDevice, D3DDDICB_RENDER *pData)
{
   struct rt_device *dev = rt_device_checked(hDevice, "pfnRenderCb");
   HRESULT hr = rt_record(&dev->adapter->rec, RT_CB_RENDER, hDevice, 0, 0);
   if (FAILED(hr))
      return hr;

   pthread_mutex_lock(&dev->lock);
   struct rt_context *ctx = pData ? rt_context_of(dev, pData->hContext) : NULL;
   if (!ctx) {
      pthread_mutex_unlock(&dev->lock);
      rt_violation(&dev->adapter->rec, "pfnRenderCb: unknown context");
      return E_INVALIDARG;
   }
   if (pData->CommandOffset + pData->CommandLength > RT_COMMAND_BUFFER_SIZE)
      rt_violation(&dev->adapter->rec, "pfnRenderCb: command overflow");
   /* "Submitted": hand the same buffers back as the next ones. */
   pData->pNewCommandBuffer = ctx->command_buffer;
   pData->NewCommandBufferSize = RT_COMMAND_BUFFER_SIZE;
   pData->pNewAllocationList = ctx->allocation_list;
   pData->NewAllocationListSize = RT_ALLOCATION_LIST_SIZE;
   pData->pNewPatchLocationList = ctx->patch_list;
   pData->NewPatchLocationListSize = RT_PATCH_LIST_SIZE;
   pthread_mutex_unlock(&dev->lock);
   return S_OK;
}

/* The runtime's side of a present: the kernel would queue a copy or flip
 * of hSrcAllocation.  Here the allocations and the context are checked,
 * and a destination in system memory (the runtime's own window image,
 * the way a runtime can get the pixels without another copy) is "shown":
 * its first present.bytes are copied to present.frame at the call, so a
 * test sees what was there when the driver handed the frame over. */
static HRESULT APIENTRY
rt_PresentCb(HANDLE hDevice, const D3DDDICB_PRESENT *pData)
{
   struct rt_device *dev = rt_device_checked(hDevice, "pfnPresentCb");
   HRESULT hr = rt_record(&dev->adapter->rec, RT_CB_PRESENT, hDevice, 0,
                          pData ? pData->hSrcAllocation : 0);
   if (FAILED(hr))
      return hr;
   if (!pData) {
      rt_violation(&dev->adapter->rec, "pfnPresentCb: NULL data");
      return E_INVALIDARG;
   }

   pthread_mutex_lock(&dev->lock);
   const bool context_ok = rt_context_of(dev, pData->hContext) != NULL;
   struct rt_allocation *src = pData->hSrcAllocation ?
      rt_allocation_of(dev, pData->hSrcAllocation) : NULL;
   struct rt_allocation *dst = pData->hDstAllocation ?
      rt_allocation_of(dev, pData->hDstAllocation) : NULL;
   hr = S_OK;
   if (!context_ok) {
      rt_violation(&dev->adapter->rec, "pfnPresentCb: unknown context");
      hr = E_INVALIDARG;
   } else if ((pData->hSrcAllocation && !src) ||
              (pData->hDstAllocation && !dst)) {
      rt_violation(&dev->adapter->rec, "pfnPresentCb: unknown allocation");
      hr = E_INVALIDARG;
   } else if ((src && src->lock_count) || (dst && dst->lock_count)) {
      /* The kernel would refuse to present a locked allocation. */
      rt_violation(&dev->adapter->rec, "pfnPresentCb: allocation locked");
      hr = E_INVALIDARG;
   } else {
      dev->present.count++;
      dev->present.src = pData->hSrcAllocation;
      dev->present.dst = pData->hDstAllocation;
      dev->present.context = pData->hContext;
      if (dst && dst->sysmem && dev->present.frame && dev->present.bytes) {
         memcpy(dev->present.frame, dst->sysmem, dev->present.bytes);
         dev->present.frames_copied++;
      }
   }
   pthread_mutex_unlock(&dev->lock);
   return hr;
}

static HRESULT APIENTRY
rt_SetDisplayModeCb(HANDLE hDevice, D3DDDICB_SETDISPLAYMODE *pData)
{
   struct rt_device *dev = rt_device_checked(hDevice, "pfnSetDisplayModeCb");
   HRESULT hr = rt_record(&dev->adapter->rec, RT_CB_SETDISPLAYMODE, hDevice,
                          0, pData ? pData->hPrimaryAllocation : 0);
   if (FAILED(hr))
      return hr;
   pthread_mutex_lock(&dev->lock);
   if (!pData || !rt_allocation_of(dev, pData->hPrimaryAllocation)) {
      pthread_mutex_unlock(&dev->lock);
      rt_violation(&dev->adapter->rec,
                   "pfnSetDisplayModeCb: unknown allocation");
      return E_INVALIDARG;
   }
   dev->scanout = pData->hPrimaryAllocation;
   pthread_mutex_unlock(&dev->lock);
   return S_OK;
}

static HRESULT APIENTRY
rt_EscapeCb(HANDLE hAdapter, const D3DDDICB_ESCAPE *pData)
{
   /* pfnEscapeCb takes the adapter handle (its page).  We have no kernel
    * driver to escape to. */
   struct rt_adapter *adapter = rt_adapter_of(hAdapter);
   if (!adapter)
      abort();
   (void)pData;
   HRESULT hr = rt_record(&adapter->rec, RT_CB_ESCAPE, hAdapter, 0, 0);
   return FAILED(hr) ? hr : E_NOTIMPL;
}

static HRESULT APIENTRY
rt_SetAsyncCallbacksCb(HANDLE hDevice, BOOL Enable)
{
   struct rt_device *dev = rt_device_checked(hDevice, "pfnSetAsyncCallbacksCb");
   return rt_record(&dev->adapter->rec, RT_CB_SETASYNCCALLBACKS, hDevice,
                    (UINT)Enable, 0);
}

/* --- driver and adapter ----------------------------------------------- */

struct rt_driver *
rt_driver_load(const char *path)
{
   if (!path)
      path = getenv("D3DUMD_DRIVER");
   if (!path)
      path = D3DUMD_DRIVER_PATH;

   struct rt_driver *drv = calloc(1, sizeof(*drv));
   if (!drv)
      return NULL;
   snprintf(drv->path, sizeof(drv->path), "%s", path);
   drv->lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
   if (!drv->lib) {
      fprintf(stderr, "rt: cannot load %s: %s\n", path, dlerror());
      free(drv);
      return NULL;
   }
   drv->OpenAdapter = (PFND3DDDI_OPENADAPTER)dlsym(drv->lib, "OpenAdapter");
   if (!drv->OpenAdapter) {
      fprintf(stderr, "rt: %s has no OpenAdapter\n", path);
      dlclose(drv->lib);
      free(drv);
      return NULL;
   }
   return drv;
}

void
rt_driver_unload(struct rt_driver *drv)
{
   if (!drv)
      return;
   /* Mesa's libraries keep process-wide state (LLVM); unloading and
    * reloading them in one process is not something a runtime does either.
    * Keep the library mapped: the sanitizers' leak checks still see it. */
   free(drv);
}

struct rt_adapter *
rt_adapter_alloc(struct rt_driver *drv, UINT version)
{
   struct rt_adapter *adapter = calloc(1, sizeof(*adapter));
   if (!adapter)
      return NULL;
   adapter->magic = RT_ADAPTER_MAGIC;
   adapter->driver = drv;
   adapter->version = version ? version : D3D_UMD_INTERFACE_VERSION;
   pthread_mutex_init(&adapter->rec.lock, NULL);
   adapter->callbacks.pfnQueryAdapterInfoCb = rt_QueryAdapterInfoCb;
   adapter->callbacks.pfnGetMultisampleMethodListCb =
      rt_GetMultisampleMethodListCb;
   return adapter;
}

HRESULT
rt_adapter_open(struct rt_driver *drv, UINT version, struct rt_adapter **out)
{
   struct rt_adapter *adapter = rt_adapter_alloc(drv, version);
   if (!adapter)
      return E_OUTOFMEMORY;

   D3DDDIARG_OPENADAPTER open = {
      .hAdapter = adapter,
      .Interface = 9,
      .Version = adapter->version,
      .pAdapterCallbacks = &adapter->callbacks,
      .pAdapterFuncs = &adapter->funcs,
   };
   HRESULT hr = drv->OpenAdapter(&open);
   if (FAILED(hr)) {
      *out = adapter; /* the recorder stays readable; close frees it */
      adapter->hAdapter = NULL;
      return hr;
   }
   adapter->hAdapter = open.hAdapter;
   adapter->driver_version = open.DriverVersion;
   *out = adapter;
   return S_OK;
}

HRESULT
rt_adapter_close(struct rt_adapter *adapter)
{
   HRESULT hr = S_OK;
   if (!adapter)
      return S_OK;
   if (adapter->hAdapter)
      hr = adapter->funcs.pfnCloseAdapter(adapter->hAdapter);
   if (SUCCEEDED(hr)) {
      adapter->magic = 0;
      pthread_mutex_destroy(&adapter->rec.lock);
      free(adapter);
   }
   return hr;
}

HRESULT
rt_get_caps(struct rt_adapter *adapter, D3DDDICAPS_TYPE type, void *info,
            void *data, UINT size)
{
   D3DDDIARG_GETCAPS caps = {
      .Type = type, .pInfo = info, .pData = data, .DataSize = size,
   };
   return adapter->funcs.pfnGetCaps(adapter->hAdapter, &caps);
}

HRESULT
rt_device_create(struct rt_adapter *adapter, UINT version,
                 struct rt_device **out)
{
   struct rt_device *dev = calloc(1, sizeof(*dev));
   if (!dev)
      return E_OUTOFMEMORY;
   dev->magic = RT_DEVICE_MAGIC;
   dev->adapter = adapter;
   dev->version = version ? version : adapter->version;
   pthread_mutex_init(&dev->lock, NULL);

   D3DDDI_DEVICECALLBACKS *cb = &dev->callbacks;
   cb->pfnAllocateCb = rt_AllocateCb;
   cb->pfnDeallocateCb = rt_DeallocateCb;
   cb->pfnPresentCb = rt_PresentCb;
   cb->pfnSetDisplayModeCb = rt_SetDisplayModeCb;
   cb->pfnRenderCb = rt_RenderCb;
   cb->pfnLockCb = rt_LockCb;
   cb->pfnUnlockCb = rt_UnlockCb;
   cb->pfnEscapeCb = rt_EscapeCb;
   cb->pfnCreateContextCb = rt_CreateContextCb;
   cb->pfnDestroyContextCb = rt_DestroyContextCb;
   cb->pfnSetAsyncCallbacksCb = rt_SetAsyncCallbacksCb;

   void **slots = (void **)&dev->funcs;
   for (unsigned i = 0; i < sizeof(dev->funcs) / sizeof(void *); i++)
      slots[i] = RT_POISON_PTR;

   D3DDDIARG_CREATEDEVICE create = {
      .hDevice = dev,
      .Interface = 9,
      .Version = dev->version,
      .pCallbacks = &dev->callbacks,
      .pDeviceFuncs = &dev->funcs,
   };
   HRESULT hr = adapter->funcs.pfnCreateDevice(adapter->hAdapter, &create);
   if (FAILED(hr)) {
      rt_device_destroy(dev); /* checks nothing was left behind */
      return hr;
   }
   dev->hDevice = create.hDevice;
   adapter->live_devices++;
   *out = dev;
   return S_OK;
}

HRESULT
rt_device_destroy(struct rt_device *dev)
{
   HRESULT hr = S_OK;
   if (dev->hDevice) {
      hr = dev->funcs.pfnDestroyDevice(dev->hDevice);
      if (FAILED(hr))
         return hr;
      dev->adapter->live_devices--;
   }
   /* Whatever the driver created through callbacks must be gone now. */
   for (unsigned i = 0; i < RT_MAX_CONTEXTS; i++) {
      if (dev->contexts[i].live) {
         rt_violation(&dev->adapter->rec, "context %u left alive", i);
         free(dev->contexts[i].command_buffer);
         free(dev->contexts[i].allocation_list);
         free(dev->contexts[i].patch_list);
      }
   }
   for (unsigned i = 0; i < RT_MAX_ALLOCATIONS; i++) {
      if (dev->allocations[i].live) {
         rt_violation(&dev->adapter->rec, "allocation 0x%x left alive",
                      rt_allocation_handle(dev, &dev->allocations[i]));
         free(dev->allocations[i].memory);
      }
   }
   for (unsigned i = 0; i < 256; i++)
      free(dev->sysmem[i].mem);
   pthread_mutex_destroy(&dev->lock);
   dev->magic = 0;
   free(dev);
   return hr;
}

void
rt_keep_sysmem(struct rt_device *dev, HANDLE h, void *mem)
{
   for (unsigned i = 0; i < 256; i++) {
      if (!dev->sysmem[i].mem) {
         dev->sysmem[i].driver_handle = h;
         dev->sysmem[i].mem = mem;
         return;
      }
   }
   abort(); /* a test with more than 256 system-memory resources */
}

void
rt_free_sysmem(struct rt_device *dev, HANDLE h)
{
   for (unsigned i = 0; i < 256; i++) {
      if (dev->sysmem[i].mem && dev->sysmem[i].driver_handle == h) {
         free(dev->sysmem[i].mem);
         dev->sysmem[i].mem = NULL;
      }
   }
}

HRESULT
rt_create_resource(struct rt_device *dev, D3DDDIARG_CREATERESOURCE2 *args,
                   HANDLE *out)
{
   /* The runtime's own handle for the resource: unique, never NULL. */
   static uintptr_t next_handle = 0x52000000;
   HANDLE rt_handle = (HANDLE)__atomic_add_fetch(&next_handle, 16,
                                                 __ATOMIC_RELAXED);
   args->hResource = rt_handle;
   dev->creating_resource = rt_handle;
   HRESULT hr = dev->funcs.pfnCreateResource2(dev->hDevice, args);
   dev->creating_resource = NULL;
   if (SUCCEEDED(hr)) {
      if (args->hResource == rt_handle)
         rt_violation(&dev->adapter->rec,
                      "CreateResource returned the runtime's own handle");
      *out = args->hResource;
      dev->last_rt_resource = rt_handle;
      pthread_mutex_lock(&dev->lock);
      for (unsigned i = 0; i < RT_MAX_ALLOCATIONS; i++) {
         if (dev->allocations[i].live &&
             dev->allocations[i].hResource == rt_handle)
            dev->allocations[i].driver_handle = args->hResource;
      }
      pthread_mutex_unlock(&dev->lock);
   }
   return hr;
}

HRESULT
rt_create_surface(struct rt_device *dev, D3DDDIFORMAT format, UINT width,
                  UINT height, D3DDDI_RESOURCEFLAGS flags, D3DDDI_POOL pool,
                  HANDLE *out)
{
   D3DDDI_SURFACEINFO surf = { .Width = width, .Height = height, .Depth = 1 };
   void *mem = NULL;
   if (pool == D3DDDIPOOL_SYSTEMMEM) {
      /* The runtime owns system memory for the resource's whole life. */
      surf.SysMemPitch = width * 16;
      mem = calloc(height, surf.SysMemPitch);
      if (!mem)
         return E_OUTOFMEMORY;
      surf.pSysMem = mem;
   }
   D3DDDIARG_CREATERESOURCE2 args = {
      .Format = format, .Pool = pool, .pSurfList = &surf, .SurfCount = 1,
      .MipLevels = 1, .Flags = flags,
   };
   HRESULT hr = rt_create_resource(dev, &args, out);
   if (mem) {
      if (SUCCEEDED(hr))
         rt_keep_sysmem(dev, *out, mem);
      else
         free(mem);
   }
   return hr;
}

HRESULT
rt_create_buffer(struct rt_device *dev, UINT size, bool index, bool dynamic,
                 HANDLE *out)
{
   D3DDDI_SURFACEINFO surf = { .Width = size, .Height = 1, .Depth = 1 };
   D3DDDIARG_CREATERESOURCE2 args = {
      .Format = index ? D3DDDIFMT_INDEX16 : D3DDDIFMT_VERTEXDATA,
      .Pool = D3DDDIPOOL_VIDEOMEMORY, .pSurfList = &surf, .SurfCount = 1,
      .MipLevels = 1,
   };
   args.Flags.VertexBuffer = !index;
   args.Flags.IndexBuffer = index;
   args.Flags.Dynamic = dynamic;
   args.Flags.WriteOnly = dynamic;
   return rt_create_resource(dev, &args, out);
}

HRESULT
rt_destroy_resource(struct rt_device *dev, HANDLE h)
{
   struct rt_recorder *rec = &dev->adapter->rec;
   pthread_mutex_lock(&rec->lock);
   const unsigned before = rec->num_violations;
   pthread_mutex_unlock(&rec->lock);

   HRESULT hr = dev->funcs.pfnDestroyResource(dev->hDevice, h);
   if (SUCCEEDED(hr))
      rt_free_sysmem(dev, h);

   /* The runtime's books must balance when a resource goes (pfnDeallocateCb
    * of a still locked allocation, an unlock of an unlocked one): fail the
    * call here, where the test sees it, not only at the end. */
   pthread_mutex_lock(&rec->lock);
   const unsigned after = rec->num_violations;
   for (unsigned i = before; i < after && i < RT_MAX_VIOLATIONS; i++)
      fprintf(stderr, "rt: DestroyResource(%p): protocol violation: %s\n",
              h, rec->violations[i]);
   pthread_mutex_unlock(&rec->lock);
   return SUCCEEDED(hr) && after != before ? RT_E_PROTOCOL : hr;
}

D3DKMT_HANDLE
rt_allocation_handle_of(struct rt_device *dev, HANDLE h)
{
   pthread_mutex_lock(&dev->lock);
   D3DKMT_HANDLE found = 0;
   for (unsigned i = 0; i < RT_MAX_ALLOCATIONS; i++) {
      struct rt_allocation *a = &dev->allocations[i];
      if (a->live && a->driver_handle == h) {
         found = rt_allocation_handle(dev, a);
         break;
      }
   }
   pthread_mutex_unlock(&dev->lock);
   return found;
}

struct rt_allocation *
rt_allocation_for(struct rt_device *dev, HANDLE rt_handle)
{
   for (unsigned i = 0; i < RT_MAX_ALLOCATIONS; i++) {
      if (dev->allocations[i].live && dev->allocations[i].hResource == rt_handle)
         return &dev->allocations[i];
   }
   return NULL;
}

unsigned
rt_live_allocations(struct rt_device *dev)
{
   unsigned n = 0;
   for (unsigned i = 0; i < RT_MAX_ALLOCATIONS; i++)
      n += dev->allocations[i].live;
   return n;
}

unsigned
rt_locked_allocations(struct rt_device *dev)
{
   unsigned n = 0;
   for (unsigned i = 0; i < RT_MAX_ALLOCATIONS; i++)
      n += dev->allocations[i].live && dev->allocations[i].lock_count;
   return n;
}

void
rt_fail_next(struct rt_adapter *adapter, enum rt_callback cb, HRESULT hr,
             unsigned count)
{
   pthread_mutex_lock(&adapter->rec.lock);
   adapter->rec.fail_count[cb] = count;
   adapter->rec.fail_hr[cb] = hr;
   pthread_mutex_unlock(&adapter->rec.lock);
}

unsigned
rt_count(struct rt_adapter *adapter, enum rt_callback cb)
{
   pthread_mutex_lock(&adapter->rec.lock);
   unsigned n = adapter->rec.counts[cb];
   pthread_mutex_unlock(&adapter->rec.lock);
   return n;
}

void
rt_reset_calls(struct rt_adapter *adapter)
{
   pthread_mutex_lock(&adapter->rec.lock);
   adapter->rec.num_calls = 0;
   memset(adapter->rec.counts, 0, sizeof(adapter->rec.counts));
   pthread_mutex_unlock(&adapter->rec.lock);
}

unsigned
rt_violations(struct rt_adapter *adapter)
{
   pthread_mutex_lock(&adapter->rec.lock);
   unsigned n = adapter->rec.num_violations;
   for (unsigned i = 0; i < n && i < RT_MAX_VIOLATIONS; i++)
      fprintf(stderr, "rt: protocol violation: %s\n",
              adapter->rec.violations[i]);
   pthread_mutex_unlock(&adapter->rec.lock);
   return n;
}

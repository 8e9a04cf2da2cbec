/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The runtime's side of the DDI: D3DDDI_DEVICECALLBACKS.  On Windows these
 * reach the kernel (allocations, locks of allocations, command buffer
 * submission, presents); here the runtime keeps the books itself, with the
 * rules the callback pages give, as the project's test runtime does
 * (tests/runtime/rt.c):
 *   - an allocation handle names one allocation until pfnDeallocateCb;
 *   - pfnLockCb/pfnUnlockCb balance per allocation; a Discard lock may
 *     hand back a new handle (we hand back the same one);
 *   - one context, created by the driver at CreateDevice, whose command
 *     buffer is only ever "submitted" (the driver renders through Gallium);
 *   - pfnPresentCb checks the context and allocations; the frame is in
 *     the destination allocation's system memory when it is called
 *     (docs/d3dumd.rst, "Presentation"), and the swap chain puts it on the
 *     window after Present returns.
 * The driver calls these on the thread that called into it: the
 * application's or the runtime's worker (d3d9_worker.c), both threads
 * Wine made, so the books are under their own lock.  Not the device's
 * D3DCREATE_MULTITHREADED lock: a program thread holding that may be
 * waiting for the worker, which may be inside a callback.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "d3d9_device.h"

#define COMMAND_BUFFER_SIZE 4096
#define ALLOCATION_LIST_SIZE 64
#define PATCH_LIST_SIZE 64
#define CONTEXT_HANDLE ((HANDLE)(uintptr_t)0xc0c0)

static struct {
   char command_buffer[COMMAND_BUFFER_SIZE];
   D3DDDI_ALLOCATIONLIST allocation_list[ALLOCATION_LIST_SIZE];
   D3DDDI_PATCHLOCATIONLIST patch_list[PATCH_LIST_SIZE];
} scratch;   /* never read: the driver renders through Gallium */

/* The books of every device: held for a few list operations only. */
static SRWLOCK books = SRWLOCK_INIT;

static void
books_lock(void)
{
   AcquireSRWLockExclusive(&books);
}

static void
books_unlock(void)
{
   ReleaseSRWLockExclusive(&books);
}

static struct d3d9_device *
device_of(HANDLE h)
{
   return h;
}

static struct d3d9_allocation *
allocation_of(struct d3d9_device *device, D3DKMT_HANDLE h)
{
   if (!h || h > device->num_allocations)
      return NULL;
   struct d3d9_allocation *a = &device->allocations[h - 1];
   return a->live ? a : NULL;
}

static HRESULT APIENTRY
allocate_cb(HANDLE hDevice, D3DDDICB_ALLOCATE *pData)
{
   struct d3d9_device *device = device_of(hDevice);
   if (!pData || (pData->NumAllocations && !pData->pAllocationInfo))
      return E_INVALIDARG;

   books_lock();
   UINT done = 0;
   for (UINT i = 0; i < device->num_allocations &&
                    done < pData->NumAllocations; i++) {
      struct d3d9_allocation *a = &device->allocations[i];
      if (a->live)
         continue;
      memset(a, 0, sizeof(*a));
      a->live = TRUE;
      a->resource = pData->hResource;
      a->sysmem = pData->pAllocationInfo[done].pSystemMem;
      pData->pAllocationInfo[done++].hAllocation = i + 1;
   }
   while (done < pData->NumAllocations) {
      /* Grow the table. */
      const UINT n = device->num_allocations ? device->num_allocations * 2
                                             : 256;
      struct d3d9_allocation *t = realloc(device->allocations,
                                          n * sizeof(*t));
      if (!t)
         break;
      memset(t + device->num_allocations, 0,
             (n - device->num_allocations) * sizeof(*t));
      device->allocations = t;
      const UINT first = device->num_allocations;
      device->num_allocations = n;
      for (UINT i = first; i < n && done < pData->NumAllocations; i++) {
         struct d3d9_allocation *a = &device->allocations[i];
         a->live = TRUE;
         a->resource = pData->hResource;
         a->sysmem = pData->pAllocationInfo[done].pSystemMem;
         pData->pAllocationInfo[done++].hAllocation = i + 1;
      }
   }
   if (done < pData->NumAllocations) {
      for (UINT j = 0; j < done; j++) {
         struct d3d9_allocation *a = allocation_of(
            device, pData->pAllocationInfo[j].hAllocation);
         if (a)
            a->live = FALSE;
         pData->pAllocationInfo[j].hAllocation = 0;
      }
      books_unlock();
      return E_OUTOFMEMORY;
   }
   books_unlock();
   return S_OK;
}

static HRESULT APIENTRY
deallocate_cb(HANDLE hDevice, const D3DDDICB_DEALLOCATE *pData)
{
   struct d3d9_device *device = device_of(hDevice);
   if (!pData || (pData->NumAllocations && !pData->HandleList))
      return E_INVALIDARG;
   books_lock();
   HRESULT hr = S_OK;
   for (UINT i = 0; i < pData->NumAllocations; i++) {
      struct d3d9_allocation *a = allocation_of(device,
                                                pData->HandleList[i]);
      if (!a) {
         hr = E_INVALIDARG;
         continue;
      }
      if (a->lock_count)
         D3D9_LOG("pfnDeallocateCb of a locked allocation");
      a->live = FALSE;
   }
   books_unlock();
   return hr;
}

static HRESULT APIENTRY
lock_cb(HANDLE hDevice, D3DDDICB_LOCK *pData)
{
   struct d3d9_device *device = device_of(hDevice);
   if (!pData)
      return E_INVALIDARG;
   books_lock();
   struct d3d9_allocation *a = allocation_of(device, pData->hAllocation);
   if (!a) {
      books_unlock();
      return E_INVALIDARG;
   }
   a->lock_count++;
   /* The driver's storage is Gallium's: the "allocation memory" of a video
    * memory allocation is never read; a system-memory one is the
    * runtime's. */
   pData->pData = (void *)a->sysmem;
   books_unlock();
   return S_OK;
}

static HRESULT APIENTRY
unlock_cb(HANDLE hDevice, const D3DDDICB_UNLOCK *pData)
{
   struct d3d9_device *device = device_of(hDevice);
   if (!pData || (pData->NumAllocations && !pData->phAllocations))
      return E_INVALIDARG;
   books_lock();
   HRESULT hr = S_OK;
   for (UINT i = 0; i < pData->NumAllocations; i++) {
      struct d3d9_allocation *a = allocation_of(device,
                                                pData->phAllocations[i]);
      if (!a || !a->lock_count)
         hr = E_INVALIDARG;
      else
         a->lock_count--;
   }
   books_unlock();
   return hr;
}

static HRESULT APIENTRY
create_context_cb(HANDLE hDevice, D3DDDICB_CREATECONTEXT *pData)
{
   struct d3d9_device *device = device_of(hDevice);
   if (!pData)
      return E_INVALIDARG;
   if (device->context_live)
      return E_OUTOFMEMORY;   /* one context per device */
   device->context_live = TRUE;
   pData->hContext = CONTEXT_HANDLE;
   pData->pCommandBuffer = scratch.command_buffer;
   pData->CommandBufferSize = COMMAND_BUFFER_SIZE;
   pData->pAllocationList = scratch.allocation_list;
   pData->AllocationListSize = ALLOCATION_LIST_SIZE;
   pData->pPatchLocationList = scratch.patch_list;
   pData->PatchLocationListSize = PATCH_LIST_SIZE;
   return S_OK;
}

static HRESULT APIENTRY
destroy_context_cb(HANDLE hDevice, const D3DDDICB_DESTROYCONTEXT *pData)
{
   struct d3d9_device *device = device_of(hDevice);
   if (!pData || pData->hContext != CONTEXT_HANDLE || !device->context_live)
      return E_INVALIDARG;
   device->context_live = FALSE;
   return S_OK;
}

static HRESULT APIENTRY
render_cb(HANDLE hDevice, D3DDDICB_RENDER *pData)
{
   if (!pData || pData->hContext != CONTEXT_HANDLE)
      return E_INVALIDARG;
   pData->pNewCommandBuffer = scratch.command_buffer;
   pData->NewCommandBufferSize = COMMAND_BUFFER_SIZE;
   pData->pNewAllocationList = scratch.allocation_list;
   pData->NewAllocationListSize = ALLOCATION_LIST_SIZE;
   pData->pNewPatchLocationList = scratch.patch_list;
   pData->NewPatchLocationListSize = PATCH_LIST_SIZE;
   return S_OK;
}

static HRESULT APIENTRY
present_cb(HANDLE hDevice, const D3DDDICB_PRESENT *pData)
{
   struct d3d9_device *device = device_of(hDevice);
   if (!pData || pData->hContext != CONTEXT_HANDLE)
      return E_INVALIDARG;
   books_lock();
   const bool ok = (!pData->hSrcAllocation ||
                    allocation_of(device, pData->hSrcAllocation)) &&
                   (!pData->hDstAllocation ||
                    allocation_of(device, pData->hDstAllocation));
   books_unlock();
   return ok ? S_OK : E_INVALIDARG;
}

static HRESULT APIENTRY
escape_cb(HANDLE hAdapter, const D3DDDICB_ESCAPE *pData)
{
   return E_NOTIMPL;   /* no kernel-mode driver to escape to */
}

static HRESULT APIENTRY
set_async_callbacks_cb(HANDLE hDevice, BOOL Enable)
{
   return S_OK;
}

static HRESULT APIENTRY
set_display_mode_cb(HANDLE hDevice, D3DDDICB_SETDISPLAYMODE *pData)
{
   struct d3d9_device *device = device_of(hDevice);
   books_lock();
   const bool ok = pData && allocation_of(device, pData->hPrimaryAllocation);
   books_unlock();
   return ok ? S_OK : E_INVALIDARG;
}

void
d3d9_callbacks_init(struct d3d9_device *device,
                    D3DDDI_DEVICECALLBACKS *cb)
{
   memset(cb, 0, sizeof(*cb));
   cb->pfnAllocateCb = allocate_cb;
   cb->pfnDeallocateCb = deallocate_cb;
   cb->pfnSetDisplayModeCb = set_display_mode_cb;
   cb->pfnPresentCb = present_cb;
   cb->pfnLockCb = lock_cb;
   cb->pfnUnlockCb = unlock_cb;
   cb->pfnEscapeCb = escape_cb;
   cb->pfnCreateContextCb = create_context_cb;
   cb->pfnDestroyContextCb = destroy_context_cb;
   cb->pfnRenderCb = render_cb;
   cb->pfnSetAsyncCallbacksCb = set_async_callbacks_cb;
}

void
d3d9_callbacks_fini(struct d3d9_device *device)
{
   free(device->allocations);
   device->allocations = NULL;
   device->num_allocations = 0;
}

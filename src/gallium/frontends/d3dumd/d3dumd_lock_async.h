/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * LockAsync, UnlockAsync and Rename: locking from the application thread
 * while the D3D9 runtime's worker thread drives the device, without ever
 * waiting for it.
 *
 * Threads
 * -------
 *
 * With the runtime's multi-processor optimisation
 * (supporting-multiple-processors.md) most DDI calls of a device arrive, in
 * command order, on a worker thread.  LockAsync and UnlockAsync arrive on
 * the application thread, which runs ahead of the worker.  Because the
 * driver reports a DDI version of 0x0B or more, LockAsync, UnlockAsync and
 * GetQueryData are reentrant: they run while the worker is inside any other
 * function of the same device.  No other two functions of one device run
 * at once; different devices do.  Rename arrives on the worker, in command
 * order, at most once per successful LockAsync(Discard).
 *
 * Rules
 * -----
 *
 * 1) The application thread never touches the device's pipe_context.
 *    Why: a pipe_context is single-threaded; the worker is using it.
 *    What breaks otherwise: any driver's context state, silently.
 *    How: LockAsync maps on a second context of the same screen (dev->aux,
 *    under dev->aux_lock, created with the device so that no LockAsync pays
 *    for it).  Screens are thread-safe:
 *    resource_create and fence_finish(ctx = NULL) are fine on that thread.
 *
 * 2) Cross-context writes are made visible explicitly.  UnlockAsync unmaps
 *    on the auxiliary context and flushes it; the fence is stored in the
 *    backing (upload_fence).  Before the worker's context uses the backing
 *    (d3dumd_mark_used, Lock) it waits for that fence: fence_server_sync
 *    where the driver has it (llvmpipe), else fence_finish.
 *    What breaks otherwise: drivers whose maps stage through the context
 *    (textures on most hardware drivers) would hand the GPU stale data.
 *
 * 3) LockAsync never waits and never flushes.  Discard takes an idle
 *    backing from the resource's renaming list (its fence signalled) or
 *    creates one below the bound; at the bound it returns
 *    D3DDDIERR_WASSTILLDRAWING (the only failure the LockAsync page allows
 *    for Discard) without flushing, as the page requires.  Exception
 *    (handling-multiple-locks.md): while a lock of the resource is
 *    outstanding, a further LockAsync does not fail; it maps the newest
 *    backing without synchronisation.
 *
 * 4) Shared state is under dev->async_lock, and nothing slow is.  The
 *    renaming lists, every backing's batch and fences, the application
 *    thread's view of each resource (app_current, app_allocation), the
 *    cookies and the queries' fences are read and written under it.  The
 *    worker drops it to create storage, flush or wait, so LockAsync waits
 *    at most for a few list operations.
 *
 * 5) The resource does not switch at LockAsync: "the driver should not
 *    update its internal tracking structures" (the LockAsync page).  The
 *    Discard backing becomes the application thread's newest one
 *    (app_current, so a following LockAsync(NoOverwrite) writes where the
 *    Discard wrote, even before its Rename), and a cookie names it.  Rename
 *    makes it the worker's current backing (every later use, wherever the
 *    resource is bound, goes through res->current) and retires the old one
 *    with its fence.  Rename adopts the allocation handle pfnLockCb gave.
 *
 * 6) Only single-subresource resources are served: buffers and
 *    single-level textures (one backing holds the whole resource, so a
 *    Discard never has other subresources to carry).  Everything else, and
 *    locks without Discard or NoOverwrite (they must synchronise with the
 *    worker), answers E_NOTIMPL: the runtime then calls Lock on the worker.
 *    System-memory resources get NotifyOnly locks: nothing queued refers
 *    to their memory (d3dumd_resource.c), so they are synchronised already.
 *
 * Cookies
 * -------
 *
 * A cookie is a handle (d3dumd_handle.c) naming {resource, backing, new
 * allocation handle}.  An unknown, foreign or already renamed cookie gets
 * E_FAIL from Rename and changes nothing.  Cookies never renamed are
 * reclaimed with their resource; their backings go to the renaming list.
 */

#ifndef D3DUMD_LOCK_ASYNC_H
#define D3DUMD_LOCK_ASYNC_H

#include "d3dumd_private.h"

struct d3dumd_cookie {
   struct d3dumd_object base;
   struct list_head link;            /* in d3dumd_resource::cookies */
   struct d3dumd_resource *res;
   struct d3dumd_backing *backing;
   D3DKMT_HANDLE allocation;         /* what pfnLockCb returned */
};

#endif

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The multi-processor mode (supporting-multiple-processors.md): device
 * calls go to a worker thread in order; calls that return information
 * drain the queue and run on the calling thread; Lock with Discard or
 * NoOverwrite of a dynamic resource is LockAsync/UnlockAsync on the
 * application thread with a queued Rename; event queries are polled from
 * the application thread.  docs/wine.rst, "The multi-processor mode".
 *
 * The worker is invisible to the rest of the runtime: it replaces the
 * entries of device->funcs with thunks and device->hdevice with itself,
 * so every device->funcs.pfnX(device->hdevice, ...) reaches it.
 */

#ifndef D3D9_WORKER_H
#define D3D9_WORKER_H

#include "d3d9_device.h"

/* After the driver's CreateDevice: starts the worker when the mode is on
 * (more than one CPU, D3DUMD_D3D9_WORKER not 0; 1 forces it on). */
void d3d9_worker_create(struct d3d9_device *device);
/* Before pfnDestroyDevice: drains the queue, stops the thread, puts the
 * driver's table and handle back, prints the stats (D3DUMD_DEBUG=stats,
 * D3DUMD_D3D9_STATS=file).  Nothing without a worker. */
void d3d9_worker_destroy(struct d3d9_device *device);

/* Event queries: the number of commands queued so far (after queueing
 * an IssueQuery, the mark GetData waits for), and the query's answer
 * from the calling thread: S_FALSE until the worker has run the command
 * at MARK, then the driver's reentrant GetQueryData. */
UINT64 d3d9_worker_mark(struct d3d9_worker *worker);
HRESULT d3d9_worker_poll_event(struct d3d9_worker *worker, HANDLE hquery,
                               UINT64 mark, void *data);

#endif

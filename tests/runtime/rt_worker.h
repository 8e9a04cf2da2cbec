/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The D3D9 runtime's multi-processor mode, as supporting-multiple-
 * processors.md describes it: DDI calls are queued and executed in order by
 * a worker thread; calls that return information drain the queue and then
 * run on the application thread; LockAsync, UnlockAsync (and GetQueryData)
 * run on the application thread while the worker executes; Rename is
 * queued after the lock that made its cookie.
 */

#ifndef D3DUMD_RT_WORKER_H
#define D3DUMD_RT_WORKER_H

#include "rt.h"

struct rt_worker;

struct rt_worker *rt_worker_start(struct rt_device *dev);
/* Drains the queue and joins the thread. */
void rt_worker_stop(struct rt_worker *w);
/* Waits until every queued call has run (what the runtime does before a
 * call that returns information). */
void rt_worker_drain(struct rt_worker *w);

/* Queued calls: the argument structures are copied. */
void rt_worker_blt(struct rt_worker *w, const D3DDDIARG_BLT *args);
void rt_worker_bufblt(struct rt_worker *w, const D3DDDIARG_BUFFERBLT *args);
void rt_worker_colorfill(struct rt_worker *w, const D3DDDIARG_COLORFILL *args);
void rt_worker_rename(struct rt_worker *w, const D3DDDIARG_RENAME *args);
void rt_worker_issue_query(struct rt_worker *w,
                           const D3DDDIARG_ISSUEQUERY *args);
void rt_worker_flush(struct rt_worker *w);
/* Any other call: fn(dev, copy of arg) on the worker. */
void rt_worker_call(struct rt_worker *w,
                    HRESULT (*fn)(struct rt_device *dev, void *arg),
                    const void *arg, size_t size);

/* Queued calls that failed so far, and the first failure. */
unsigned rt_worker_failures(struct rt_worker *w, HRESULT *first);
/* Queued calls executed so far. */
unsigned long rt_worker_executed(struct rt_worker *w);

#endif

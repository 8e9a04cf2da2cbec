/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "rt_worker.h"

#define RT_WORKER_ARG_MAX 128
#define RT_WORKER_QUEUE 1024

struct rt_command {
   HRESULT (*fn)(struct rt_device *dev, void *arg);
   unsigned char arg[RT_WORKER_ARG_MAX];
};

struct rt_worker {
   struct rt_device *dev;
   pthread_t thread;
   pthread_mutex_t lock;
   pthread_cond_t cond;
   struct rt_command ring[RT_WORKER_QUEUE];
   unsigned head, tail;       /* tail: next to run; head: next free */
   bool running;              /* the worker is inside a command */
   bool stop;
   unsigned failures;
   HRESULT first_failure;
   unsigned long executed;
};

static void *
worker_main(void *arg)
{
   struct rt_worker *w = arg;
   pthread_mutex_lock(&w->lock);
   for (;;) {
      while (w->head == w->tail && !w->stop)
         pthread_cond_wait(&w->cond, &w->lock);
      if (w->head == w->tail && w->stop)
         break;
      struct rt_command cmd = w->ring[w->tail % RT_WORKER_QUEUE];
      w->running = true;
      pthread_mutex_unlock(&w->lock);
      HRESULT hr = cmd.fn(w->dev, cmd.arg);
      pthread_mutex_lock(&w->lock);
      w->running = false;
      w->tail++;
      w->executed++;
      if (FAILED(hr) && w->failures++ == 0)
         w->first_failure = hr;
      pthread_cond_broadcast(&w->cond);
   }
   pthread_mutex_unlock(&w->lock);
   return NULL;
}

struct rt_worker *
rt_worker_start(struct rt_device *dev)
{
   struct rt_worker *w = calloc(1, sizeof(*w));
   if (!w)
      return NULL;
   w->dev = dev;
   pthread_mutex_init(&w->lock, NULL);
   pthread_cond_init(&w->cond, NULL);
   if (pthread_create(&w->thread, NULL, worker_main, w)) {
      free(w);
      return NULL;
   }
   return w;
}

void
rt_worker_drain(struct rt_worker *w)
{
   pthread_mutex_lock(&w->lock);
   while (w->head != w->tail || w->running)
      pthread_cond_wait(&w->cond, &w->lock);
   pthread_mutex_unlock(&w->lock);
}

void
rt_worker_stop(struct rt_worker *w)
{
   pthread_mutex_lock(&w->lock);
   w->stop = true;
   pthread_cond_broadcast(&w->cond);
   pthread_mutex_unlock(&w->lock);
   pthread_join(w->thread, NULL);
   pthread_cond_destroy(&w->cond);
   pthread_mutex_destroy(&w->lock);
   free(w);
}

void
rt_worker_call(struct rt_worker *w,
               HRESULT (*fn)(struct rt_device *dev, void *arg),
               const void *arg, size_t size)
{
   if (size > RT_WORKER_ARG_MAX)
      abort();
   pthread_mutex_lock(&w->lock);
   /* A full queue waits for the worker, as the runtime's does. */
   while (w->head - w->tail >= RT_WORKER_QUEUE)
      pthread_cond_wait(&w->cond, &w->lock);
   struct rt_command *cmd = &w->ring[w->head % RT_WORKER_QUEUE];
   cmd->fn = fn;
   if (size)
      memcpy(cmd->arg, arg, size);
   w->head++;
   pthread_cond_broadcast(&w->cond);
   pthread_mutex_unlock(&w->lock);
}

static HRESULT
do_blt(struct rt_device *dev, void *arg)
{
   return dev->funcs.pfnBlt(dev->hDevice, arg);
}

static HRESULT
do_bufblt(struct rt_device *dev, void *arg)
{
   return dev->funcs.pfnBufBlt(dev->hDevice, arg);
}

static HRESULT
do_colorfill(struct rt_device *dev, void *arg)
{
   return dev->funcs.pfnColorFill(dev->hDevice, arg);
}

static HRESULT
do_rename(struct rt_device *dev, void *arg)
{
   return dev->funcs.pfnRename(dev->hDevice, arg);
}

static HRESULT
do_issue_query(struct rt_device *dev, void *arg)
{
   return dev->funcs.pfnIssueQuery(dev->hDevice, arg);
}

static HRESULT
do_flush(struct rt_device *dev, void *arg)
{
   (void)arg;
   return dev->funcs.pfnFlush(dev->hDevice);
}

void
rt_worker_blt(struct rt_worker *w, const D3DDDIARG_BLT *args)
{
   rt_worker_call(w, do_blt, args, sizeof(*args));
}

void
rt_worker_bufblt(struct rt_worker *w, const D3DDDIARG_BUFFERBLT *args)
{
   rt_worker_call(w, do_bufblt, args, sizeof(*args));
}

void
rt_worker_colorfill(struct rt_worker *w, const D3DDDIARG_COLORFILL *args)
{
   rt_worker_call(w, do_colorfill, args, sizeof(*args));
}

void
rt_worker_rename(struct rt_worker *w, const D3DDDIARG_RENAME *args)
{
   rt_worker_call(w, do_rename, args, sizeof(*args));
}

void
rt_worker_issue_query(struct rt_worker *w, const D3DDDIARG_ISSUEQUERY *args)
{
   rt_worker_call(w, do_issue_query, args, sizeof(*args));
}

void
rt_worker_flush(struct rt_worker *w)
{
   rt_worker_call(w, do_flush, NULL, 0);
}

unsigned
rt_worker_failures(struct rt_worker *w, HRESULT *first)
{
   pthread_mutex_lock(&w->lock);
   unsigned n = w->failures;
   if (first)
      *first = w->first_failure;
   pthread_mutex_unlock(&w->lock);
   return n;
}

unsigned long
rt_worker_executed(struct rt_worker *w)
{
   pthread_mutex_lock(&w->lock);
   unsigned long n = w->executed;
   pthread_mutex_unlock(&w->lock);
   return n;
}

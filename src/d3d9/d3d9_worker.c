/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The runtime's multi-processor mode (d3d9_worker.h; the protocol the
 * project's test runtime plays natively, tests/runtime/rt_worker.c).
 *
 * After CreateDevice the worker keeps the driver's table and handle and
 * puts thunks in device->funcs and itself in device->hdevice.  A thunk
 * either
 *   - queues: copies its arguments, and what they point to (constants,
 *     clear rectangles, the program's vertex and index memory of a *UP
 *     draw), into a ring the worker thread drains in order, and answers
 *     S_OK;
 *   - or waits: drains the ring, then calls the driver on the calling
 *     thread (everything that answers something, and every slot this file
 *     does not know: the default for all of them);
 *   - or locks asynchronously: Lock with Discard or NoOverwrite of a
 *     dynamic video-memory resource is the driver's LockAsync on the
 *     calling thread while the worker runs; Unlock of such a lock is
 *     UnlockAsync there, and the Rename of a Discard's cookie is queued.
 *     E_NOTIMPL or D3DDDIERR_WASSTILLDRAWING from LockAsync: drain and
 *     Lock (the pages: "the runtime will recover from these failures").
 *
 * The worker is a CreateThread thread (docs/wine.rst: no Win32 call from
 * a thread Wine did not create), so the driver's callbacks may run on it;
 * d3d9_callbacks.c keeps its books under its own lock.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "d3d9_worker.h"

#define RING_SIZE (4u << 20)
#define MAX_CMD (RING_SIZE / 4)       /* larger: run it directly */
#define NUM_SLOTS (sizeof(D3DDDI_DEVICEFUNCS) / sizeof(void *))
#define MAX_SLOTS 160
#define RES_BUCKETS 256

_Static_assert(NUM_SLOTS <= MAX_SLOTS, "more DDI slots than thunks");

typedef HRESULT (APIENTRY *generic_fn)(HANDLE, void *, void *, void *,
                                       void *);

struct worker_cmd;
typedef void (*exec_fn)(struct d3d9_worker *w, struct worker_cmd *cmd);

struct worker_cmd {
   exec_fn exec;                 /* NULL: skip to the ring's start */
   UINT size;                    /* with the header, a multiple of 16 */
   UINT pad;
};

_Static_assert(sizeof(struct worker_cmd) == 16, "command header");

/* An outstanding lock of a resource, in the order they were taken. */
struct lock_record {
   UINT sub;
   BOOL async;
   HANDLE cookie;                /* LockAsync(Discard): Rename it */
};

/* What the runtime knows of a driver resource (the CreateResource
 * thunk). */
struct res_record {
   struct res_record *next;
   HANDLE h;                     /* the driver's */
   BOOL dynamic, sysmem, no_async;
   struct lock_record *locks;
   UINT num_locks, max_locks;
};

struct um_stream {
   const void *data;             /* NULL: none pending */
   UINT stride;
};

struct worker_stats {
   LONG queued, waits, direct, async_locks, async_discard,
        async_nooverwrite, renames, fallbacks, notimpl, still_drawing,
        event_polls, event_driver, queued_failures, full;
};

struct d3d9_worker {
   struct d3d9_device *device;
   HANDLE hdevice;               /* the driver's */
   D3DDDI_DEVICEFUNCS real;      /* the driver's table */
   HANDLE thread;

   CRITICAL_SECTION lock;        /* the ring */
   CONDITION_VARIABLE work;      /* the worker waits for commands */
   CONDITION_VARIABLE done;      /* waiters wait for progress */
   BYTE *ring;
   UINT64 head, tail;            /* bytes: next free, next to run */
   UINT64 queued, executed;      /* commands */
   BOOL idle, stop;
   UINT waiters;
   HRESULT first_failure;

   CRITICAL_SECTION res_lock;    /* the resource records */
   struct res_record *res[RES_BUCKETS];

   /* *UP memory the runtime gave (SetStreamSourceUm, SetIndicesUm): sent
    * with the next draw, copied. */
   struct um_stream um[D3D9_MAX_STREAMS];
   const void *um_indices;
   UINT um_index_size;

   struct worker_stats stats;
};

static inline void *
cmd_payload(struct worker_cmd *cmd)
{
   return cmd + 1;
}

static void
note_result(struct d3d9_worker *w, HRESULT hr)
{
   if (FAILED(hr) && InterlockedIncrement(&w->stats.queued_failures) == 1) {
      w->first_failure = hr;
      D3D9_LOG("worker: a queued call failed: %#x", (unsigned)hr);
   }
}

/* ---- the ring ---------------------------------------------------------- */

/* Room for a command of PAYLOAD bytes, with the ring locked (commit
 * unlocks): NULL when it is too large to queue (run it directly). */
static void *
reserve(struct d3d9_worker *w, size_t payload, exec_fn exec)
{
   const size_t size = (sizeof(struct worker_cmd) + payload + 15) & ~15ul;
   if (size > MAX_CMD)
      return NULL;
   EnterCriticalSection(&w->lock);
   UINT64 contiguous;
   for (;;) {
      contiguous = RING_SIZE - w->head % RING_SIZE;
      const UINT64 need = size <= contiguous ? size : contiguous + size;
      if (w->head + need - w->tail <= RING_SIZE)
         break;
      InterlockedIncrement(&w->stats.full);
      w->waiters++;
      SleepConditionVariableCS(&w->done, &w->lock, INFINITE);
      w->waiters--;
   }
   if (size > contiguous) {
      struct worker_cmd *skip =
         (struct worker_cmd *)(w->ring + w->head % RING_SIZE);
      skip->exec = NULL;
      skip->size = (UINT)contiguous;
      w->head += contiguous;
   }
   struct worker_cmd *cmd = (struct worker_cmd *)(w->ring + w->head % RING_SIZE);
   cmd->exec = exec;
   cmd->size = (UINT)size;
   return cmd_payload(cmd);
}

static void
commit(struct d3d9_worker *w)
{
   struct worker_cmd *cmd = (struct worker_cmd *)(w->ring + w->head % RING_SIZE);
   w->head += cmd->size;
   w->queued++;
   InterlockedIncrement(&w->stats.queued);
   if (w->idle)
      WakeConditionVariable(&w->work);
   LeaveCriticalSection(&w->lock);
}

/* Until the worker has run everything queued. */
static void
drain(struct d3d9_worker *w)
{
   EnterCriticalSection(&w->lock);
   if (w->tail != w->head) {
      InterlockedIncrement(&w->stats.waits);
      w->waiters++;
      while (w->tail != w->head)
         SleepConditionVariableCS(&w->done, &w->lock, INFINITE);
      w->waiters--;
   }
   LeaveCriticalSection(&w->lock);
}

/* Commands the worker runs between two looks at the ring: it takes the
 * lock once per batch, not once per command (the application thread then
 * rarely finds it taken), and publishes its progress at least this often
 * so that a producer waiting for room or a polled event query moves on. */
#define BATCH 128

static DWORD WINAPI
worker_main(void *arg)
{
   struct d3d9_worker *w = arg;
   EnterCriticalSection(&w->lock);
   for (;;) {
      while (w->tail == w->head && !w->stop) {
         w->idle = TRUE;
         if (w->waiters)
            WakeAllConditionVariable(&w->done);
         SleepConditionVariableCS(&w->work, &w->lock, INFINITE);
         w->idle = FALSE;
      }
      if (w->tail == w->head)
         break;   /* stopping, and nothing left */
      /* What is queued now is the worker's until it moves the tail: the
       * producer never writes behind it. */
      const UINT64 end = w->head;
      UINT64 pos = w->tail;
      LeaveCriticalSection(&w->lock);
      UINT ran = 0;
      while (pos != end && ran < BATCH) {
         struct worker_cmd *cmd =
            (struct worker_cmd *)(w->ring + pos % RING_SIZE);
         if (cmd->exec) {
            cmd->exec(w, cmd);
            ran++;
         }
         pos += cmd->size;
      }
      EnterCriticalSection(&w->lock);
      w->tail = pos;
      w->executed += ran;
      if (w->waiters)
         WakeAllConditionVariable(&w->done);
   }
   LeaveCriticalSection(&w->lock);
   return 0;
}

/* ---- thunks that wait: every slot by default ---------------------------- */

#define SYNC_THUNK(i)                                                     \
   static HRESULT APIENTRY sync_##i(HANDLE h, void *a, void *b, void *c,  \
                                    void *d)                             \
   {                                                                     \
      struct d3d9_worker *w = h;                                         \
      drain(w);                                                          \
      InterlockedIncrement(&w->stats.direct);                            \
      return ((generic_fn)((void **)&w->real)[i])(w->hdevice, a, b, c, d); \
   }
#define SYNC_ENTRY(i) (void *)sync_##i,
#define D10(X, p) X(p##0) X(p##1) X(p##2) X(p##3) X(p##4) X(p##5) X(p##6) \
                  X(p##7) X(p##8) X(p##9)
#define ALL_SLOTS(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9)   \
   D10(X, 1) D10(X, 2) D10(X, 3) D10(X, 4) D10(X, 5) D10(X, 6) D10(X, 7)  \
   D10(X, 8) D10(X, 9) D10(X, 10) D10(X, 11) D10(X, 12) D10(X, 13)        \
   D10(X, 14) D10(X, 15)

ALL_SLOTS(SYNC_THUNK)
static void *const sync_thunks[MAX_SLOTS] = { ALL_SLOTS(SYNC_ENTRY) };

/* The driver, directly, after a drain (the thunks' own slow paths). */
#define DIRECT(w, fn, ...)                                                \
   (drain(w), InterlockedIncrement(&(w)->stats.direct),                  \
    (w)->real.fn((w)->hdevice, __VA_ARGS__))

/* ---- thunks that queue ------------------------------------------------- */

/* A call whose only argument is a structure. */
#define QUEUED_ARG(Name, Type)                                            \
   static void exec_##Name(struct d3d9_worker *w, struct worker_cmd *cmd) \
   {                                                                     \
      note_result(w, w->real.pfn##Name(w->hdevice, cmd_payload(cmd)));   \
   }                                                                     \
   static HRESULT APIENTRY thunk_##Name(HANDLE h, const Type *a)         \
   {                                                                     \
      struct d3d9_worker *w = h;                                         \
      if (!a)                                                            \
         return DIRECT(w, pfn##Name, a);                                 \
      void *p = reserve(w, sizeof(*a), exec_##Name);                     \
      memcpy(p, a, sizeof(*a));                                          \
      commit(w);                                                         \
      return S_OK;                                                       \
   }

QUEUED_ARG(SetRenderState, D3DDDIARG_RENDERSTATE)
QUEUED_ARG(SetTextureStageState, D3DDDIARG_TEXTURESTAGESTATE)
QUEUED_ARG(SetStreamSourceFreq, D3DDDIARG_SETSTREAMSOURCEFREQ)
QUEUED_ARG(SetViewport, D3DDDIARG_VIEWPORTINFO)
QUEUED_ARG(SetZRange, D3DDDIARG_ZRANGE)
QUEUED_ARG(SetClipPlane, D3DDDIARG_SETCLIPPLANE)
QUEUED_ARG(SetRenderTarget, D3DDDIARG_SETRENDERTARGET)
QUEUED_ARG(SetDepthStencil, D3DDDIARG_SETDEPTHSTENCIL)
QUEUED_ARG(SetScissorRect, RECT)
QUEUED_ARG(Blt, D3DDDIARG_BLT)
QUEUED_ARG(ColorFill, D3DDDIARG_COLORFILL)
QUEUED_ARG(BufBlt, D3DDDIARG_BUFFERBLT)
QUEUED_ARG(TexBlt, D3DDDIARG_TEXBLT)
QUEUED_ARG(GenerateMipSubLevels, D3DDDIARG_GENERATEMIPSUBLEVELS)
QUEUED_ARG(IssueQuery, D3DDDIARG_ISSUEQUERY)
QUEUED_ARG(Rename, D3DDDIARG_RENAME)

/* A call whose only argument is a handle. */
#define QUEUED_HANDLE(Name)                                               \
   static void exec_##Name(struct d3d9_worker *w, struct worker_cmd *cmd) \
   {                                                                     \
      note_result(w, w->real.pfn##Name(w->hdevice,                       \
                                       *(HANDLE *)cmd_payload(cmd)));    \
   }                                                                     \
   static HRESULT APIENTRY thunk_##Name(HANDLE h, HANDLE a)              \
   {                                                                     \
      struct d3d9_worker *w = h;                                         \
      *(HANDLE *)reserve(w, sizeof(a), exec_##Name) = a;                 \
      commit(w);                                                         \
      return S_OK;                                                       \
   }

QUEUED_HANDLE(SetPixelShader)
QUEUED_HANDLE(SetVertexShaderFunc)
QUEUED_HANDLE(SetVertexShaderDecl)

struct set_texture {
   UINT stage;
   HANDLE texture;
};

static void
exec_SetTexture(struct d3d9_worker *w, struct worker_cmd *cmd)
{
   const struct set_texture *t = cmd_payload(cmd);
   note_result(w, w->real.pfnSetTexture(w->hdevice, t->stage, t->texture));
}

static HRESULT APIENTRY
thunk_SetTexture(HANDLE h, UINT stage, HANDLE texture)
{
   struct d3d9_worker *w = h;
   struct set_texture *t = reserve(w, sizeof(*t), exec_SetTexture);
   t->stage = stage;
   t->texture = texture;
   commit(w);
   return S_OK;
}

static void
exec_Flush(struct d3d9_worker *w, struct worker_cmd *cmd)
{
   note_result(w, w->real.pfnFlush(w->hdevice));
}

static HRESULT APIENTRY
thunk_Flush(HANDLE h)
{
   struct d3d9_worker *w = h;
   reserve(w, 0, exec_Flush);
   commit(w);
   return S_OK;
}

/* Constants: the registers go with the call.  SIZE bytes per register. */
#define QUEUED_CONST(Name, Type, RegType, size)                           \
   static void exec_##Name(struct d3d9_worker *w, struct worker_cmd *cmd) \
   {                                                                     \
      const Type *a = cmd_payload(cmd);                                  \
      note_result(w, w->real.pfn##Name(w->hdevice, a,                    \
                                       (const RegType *)(a + 1)));       \
   }                                                                     \
   static HRESULT APIENTRY thunk_##Name(HANDLE h, const Type *a,         \
                                        const RegType *regs)             \
   {                                                                     \
      struct d3d9_worker *w = h;                                         \
      const size_t bytes = regs ? (size_t)a->Count * (size) : 0;         \
      Type *p = a ? reserve(w, sizeof(*a) + bytes, exec_##Name) : NULL;  \
      if (!p)                                                            \
         return DIRECT(w, pfn##Name, a, regs);                           \
      *p = *a;                                                           \
      memcpy(p + 1, regs, bytes);                                        \
      commit(w);                                                         \
      return S_OK;                                                       \
   }

QUEUED_CONST(SetVertexShaderConst, D3DDDIARG_SETVERTEXSHADERCONST, VOID, 16)
QUEUED_CONST(SetVertexShaderConstI, D3DDDIARG_SETVERTEXSHADERCONST, INT, 16)
QUEUED_CONST(SetVertexShaderConstB, D3DDDIARG_SETVERTEXSHADERCONST, BOOL,
             sizeof(BOOL))
QUEUED_CONST(SetPixelShaderConst, D3DDDIARG_SETPIXELSHADERCONST, FLOAT, 16)
QUEUED_CONST(SetPixelShaderConstI, D3DDDIARG_SETPIXELSHADERCONST, INT, 16)
QUEUED_CONST(SetPixelShaderConstB, D3DDDIARG_SETPIXELSHADERCONSTB, BOOL,
             sizeof(BOOL))

struct clear {
   D3DDDIARG_CLEAR args;
   UINT num_rects;
};

static void
exec_Clear(struct d3d9_worker *w, struct worker_cmd *cmd)
{
   struct clear *c = cmd_payload(cmd);
   note_result(w, w->real.pfnClear(w->hdevice, &c->args, c->num_rects,
                                   c->num_rects ? (const RECT *)(c + 1)
                                                : NULL));
}

static HRESULT APIENTRY
thunk_Clear(HANDLE h, const D3DDDIARG_CLEAR *a, UINT num_rects,
            const RECT *rects)
{
   struct d3d9_worker *w = h;
   const size_t bytes = rects ? (size_t)num_rects * sizeof(RECT) : 0;
   struct clear *c = a ? reserve(w, sizeof(*c) + bytes, exec_Clear) : NULL;
   if (!c)
      return DIRECT(w, pfnClear, a, num_rects, rects);
   c->args = *a;
   c->num_rects = rects ? num_rects : 0;
   memcpy(c + 1, rects, bytes);
   commit(w);
   return S_OK;
}

/* Streams and indices: a buffer replaces pending *UP memory. */
static void
exec_SetStreamSource(struct d3d9_worker *w, struct worker_cmd *cmd)
{
   note_result(w, w->real.pfnSetStreamSource(w->hdevice, cmd_payload(cmd)));
}

static HRESULT APIENTRY
thunk_SetStreamSource(HANDLE h, const D3DDDIARG_SETSTREAMSOURCE *a)
{
   struct d3d9_worker *w = h;
   if (!a)
      return DIRECT(w, pfnSetStreamSource, a);
   if (a->Stream < D3D9_MAX_STREAMS)
      w->um[a->Stream].data = NULL;
   D3DDDIARG_SETSTREAMSOURCE *p = reserve(w, sizeof(*a), exec_SetStreamSource);
   *p = *a;
   commit(w);
   return S_OK;
}

static void
exec_SetIndices(struct d3d9_worker *w, struct worker_cmd *cmd)
{
   note_result(w, w->real.pfnSetIndices(w->hdevice, cmd_payload(cmd)));
}

static HRESULT APIENTRY
thunk_SetIndices(HANDLE h, const D3DDDIARG_SETINDICES *a)
{
   struct d3d9_worker *w = h;
   if (!a)
      return DIRECT(w, pfnSetIndices, a);
   w->um_indices = NULL;
   D3DDDIARG_SETINDICES *p = reserve(w, sizeof(*a), exec_SetIndices);
   *p = *a;
   commit(w);
   return S_OK;
}

/* *UP memory is remembered, and sent (copied) with the draw that reads
 * it: only the draw says how much of it there is. */
static HRESULT APIENTRY
thunk_SetStreamSourceUm(HANDLE h, const D3DDDIARG_SETSTREAMSOURCEUM *a,
                        const VOID *data)
{
   struct d3d9_worker *w = h;
   if (!a || a->Stream >= D3D9_MAX_STREAMS || !data)
      return DIRECT(w, pfnSetStreamSourceUm, a, data);
   w->um[a->Stream].data = data;
   w->um[a->Stream].stride = a->Stride;
   return S_OK;
}

static HRESULT APIENTRY
thunk_SetIndicesUm(HANDLE h, UINT index_size, const VOID *data)
{
   struct d3d9_worker *w = h;
   if (!data || (index_size != 2 && index_size != 4))
      return DIRECT(w, pfnSetIndicesUm, index_size, data);
   w->um_indices = data;
   w->um_index_size = index_size;
   return S_OK;
}

static UINT
vertex_count(D3DPRIMITIVETYPE type, UINT primitives)
{
   switch (type) {
   case D3DPT_POINTLIST: return primitives;
   case D3DPT_LINELIST: return primitives * 2;
   case D3DPT_LINESTRIP: return primitives + 1;
   case D3DPT_TRIANGLELIST: return primitives * 3;
   case D3DPT_TRIANGLESTRIP:
   case D3DPT_TRIANGLEFAN: return primitives + 2;
   default: return 0;
   }
}

/* A draw with the *UP memory it reads: the draw's arguments, then the
 * indices (if any), then for each stream a um_copy and its bytes. */
struct um_copy {
   UINT stream, stride;
   UINT64 bytes;
};

struct draw {
   BOOL indexed;
   union {
      D3DDDIARG_DRAWPRIMITIVE draw;
      D3DDDIARG_DRAWINDEXEDPRIMITIVE indexed_draw;
   };
   UINT num_streams;
   UINT index_size;
   UINT64 index_bytes;
};

static size_t
align16(size_t n)
{
   return (n + 15) & ~(size_t)15;
}

static void
exec_draw(struct d3d9_worker *w, struct worker_cmd *cmd)
{
   struct draw *d = cmd_payload(cmd);
   BYTE *p = (BYTE *)(d + 1);
   HRESULT hr = S_OK;
   if (d->index_bytes) {
      hr = w->real.pfnSetIndicesUm(w->hdevice, d->index_size, p);
      p += align16(d->index_bytes);
   }
   for (UINT i = 0; i < d->num_streams && SUCCEEDED(hr); i++) {
      const struct um_copy *u = (const struct um_copy *)p;
      p += align16(sizeof(*u));
      const D3DDDIARG_SETSTREAMSOURCEUM um = { u->stream, u->stride };
      hr = w->real.pfnSetStreamSourceUm(w->hdevice, &um, p);
      p += align16(u->bytes);
   }
   if (SUCCEEDED(hr))
      hr = d->indexed ?
           w->real.pfnDrawIndexedPrimitive(w->hdevice, &d->indexed_draw) :
           w->real.pfnDrawPrimitive(w->hdevice, &d->draw, NULL);
   note_result(w, hr);
}

/* The highest index of the draw's *UP indices. */
static UINT
max_index(const void *indices, UINT size, UINT first, UINT count)
{
   UINT m = 0;
   for (UINT i = first; i < first + count; i++) {
      const UINT v = size == 2 ? ((const WORD *)indices)[i]
                               : ((const DWORD *)indices)[i];
      if (v > m)
         m = v;
   }
   return m;
}

/* Queues a draw with copies of its pending *UP memory; FALSE: too large,
 * the caller runs it directly. */
static BOOL
queue_draw(struct d3d9_worker *w, const struct draw *d, UINT64 vertices)
{
   size_t total = sizeof(*d);
   UINT num_streams = 0;
   if (d->index_bytes)
      total += align16(d->index_bytes);
   for (UINT i = 0; i < D3D9_MAX_STREAMS; i++) {
      if (!w->um[i].data)
         continue;
      num_streams++;
      total += align16(sizeof(struct um_copy)) +
               align16(vertices * w->um[i].stride);
   }
   if (total > MAX_CMD)
      return FALSE;
   struct draw *q = reserve(w, total, exec_draw);
   *q = *d;
   q->num_streams = num_streams;
   BYTE *p = (BYTE *)(q + 1);
   if (d->index_bytes) {
      memcpy(p, w->um_indices, d->index_bytes);
      p += align16(d->index_bytes);
   }
   for (UINT i = 0; i < D3D9_MAX_STREAMS; i++) {
      if (!w->um[i].data)
         continue;
      struct um_copy *u = (struct um_copy *)p;
      u->stream = i;
      u->stride = w->um[i].stride;
      u->bytes = vertices * w->um[i].stride;
      p += align16(sizeof(*u));
      memcpy(p, w->um[i].data, u->bytes);
      p += align16(u->bytes);
   }
   commit(w);
   return TRUE;
}

/* The pending *UP memory to the driver as given, for a direct draw. */
static HRESULT
send_um_direct(struct d3d9_worker *w)
{
   HRESULT hr = S_OK;
   if (w->um_indices)
      hr = w->real.pfnSetIndicesUm(w->hdevice, w->um_index_size,
                                   w->um_indices);
   for (UINT i = 0; i < D3D9_MAX_STREAMS && SUCCEEDED(hr); i++) {
      if (!w->um[i].data)
         continue;
      const D3DDDIARG_SETSTREAMSOURCEUM um = { i, w->um[i].stride };
      hr = w->real.pfnSetStreamSourceUm(w->hdevice, &um, w->um[i].data);
   }
   return hr;
}

static HRESULT APIENTRY
thunk_DrawPrimitive(HANDLE h, const D3DDDIARG_DRAWPRIMITIVE *a,
                    const UINT *flags)
{
   struct d3d9_worker *w = h;
   if (a && !flags) {
      struct draw d = { .indexed = FALSE, .draw = *a };
      const UINT64 vertices = (UINT64)a->VStart +
                              vertex_count(a->PrimitiveType,
                                           a->PrimitiveCount);
      if (queue_draw(w, &d, vertices))
         return S_OK;
   }
   drain(w);
   InterlockedIncrement(&w->stats.direct);
   HRESULT hr = send_um_direct(w);
   return FAILED(hr) ? hr : w->real.pfnDrawPrimitive(w->hdevice, a, flags);
}

static HRESULT APIENTRY
thunk_DrawIndexedPrimitive(HANDLE h, const D3DDDIARG_DRAWINDEXEDPRIMITIVE *a)
{
   struct d3d9_worker *w = h;
   if (a) {
      struct draw d = { .indexed = TRUE, .indexed_draw = *a };
      const UINT count = vertex_count(a->PrimitiveType, a->PrimitiveCount);
      INT64 last = (INT64)a->MinIndex + a->NumVertices;
      if (w->um_indices) {
         d.index_size = w->um_index_size;
         d.index_bytes = ((UINT64)a->StartIndex + count) * w->um_index_size;
         /* The indices say which vertices are read, whatever NumVertices
          * claims. */
         if (count) {
            const INT64 m = (INT64)max_index(w->um_indices, w->um_index_size,
                                             a->StartIndex, count) + 1;
            if (m > last)
               last = m;
         }
      }
      last += a->BaseVertexIndex;
      if (queue_draw(w, &d, last > 0 ? (UINT64)last : 0))
         return S_OK;
   }
   drain(w);
   InterlockedIncrement(&w->stats.direct);
   HRESULT hr = send_um_direct(w);
   return FAILED(hr) ? hr : w->real.pfnDrawIndexedPrimitive(w->hdevice, a);
}

/* Unlock of a lock taken through Lock: in order, on the worker. */
QUEUED_ARG(Unlock, D3DDDIARG_UNLOCK)

/* ---- resources and locks ----------------------------------------------- */

static struct res_record **
res_slot(struct d3d9_worker *w, HANDLE h)
{
   const uintptr_t k = (uintptr_t)h;
   struct res_record **r = &w->res[(k ^ (k >> 8) ^ (k >> 16)) % RES_BUCKETS];
   while (*r && (*r)->h != h)
      r = &(*r)->next;
   return r;
}

static HRESULT APIENTRY
thunk_CreateResource2(HANDLE h, D3DDDIARG_CREATERESOURCE2 *a)
{
   struct d3d9_worker *w = h;
   HRESULT hr = DIRECT(w, pfnCreateResource2, a);
   if (FAILED(hr) || !a)
      return hr;
   struct res_record *r = calloc(1, sizeof(*r));
   if (!r)
      return hr;   /* not known: its locks go the synchronous way */
   r->h = a->hResource;
   r->dynamic = a->Flags.Dynamic;
   r->sysmem = a->SurfCount && a->pSurfList && a->pSurfList[0].pSysMem;
   EnterCriticalSection(&w->res_lock);
   struct res_record **slot = res_slot(w, r->h);
   if (*slot) {
      /* A stale record of a handle the driver reused. */
      struct res_record *old = *slot;
      *slot = old->next;
      free(old->locks);
      free(old);
      slot = res_slot(w, r->h);
   }
   r->next = NULL;
   *slot = r;
   LeaveCriticalSection(&w->res_lock);
   return hr;
}

static HRESULT APIENTRY
thunk_DestroyResource(HANDLE h, HANDLE resource)
{
   struct d3d9_worker *w = h;
   EnterCriticalSection(&w->res_lock);
   struct res_record **slot = res_slot(w, resource);
   struct res_record *r = *slot;
   if (r) {
      *slot = r->next;
      free(r->locks);
      free(r);
   }
   LeaveCriticalSection(&w->res_lock);
   /* Directly: queued work may still read the runtime's memory of it
    * (pSysMem), which the caller frees next. */
   return DIRECT(w, pfnDestroyResource, resource);
}

static void
push_lock(struct res_record *r, UINT sub, BOOL async, HANDLE cookie)
{
   if (r->num_locks == r->max_locks) {
      const UINT n = r->max_locks ? r->max_locks * 2 : 4;
      struct lock_record *l = realloc(r->locks, n * sizeof(*l));
      if (!l)
         return;
      r->locks = l;
      r->max_locks = n;
   }
   r->locks[r->num_locks++] = (struct lock_record) { sub, async, cookie };
}

/* The newest outstanding lock of SUB, taken off the list. */
static BOOL
pop_lock(struct res_record *r, UINT sub, struct lock_record *out)
{
   for (UINT i = r->num_locks; i-- > 0;) {
      if (r->locks[i].sub != sub)
         continue;
      *out = r->locks[i];
      memmove(&r->locks[i], &r->locks[i + 1],
              (r->num_locks - i - 1) * sizeof(*out));
      r->num_locks--;
      return TRUE;
   }
   return FALSE;
}

static HRESULT APIENTRY
thunk_Lock(HANDLE h, D3DDDIARG_LOCK *a)
{
   struct d3d9_worker *w = h;
   if (!a)
      return DIRECT(w, pfnLock, a);

   EnterCriticalSection(&w->res_lock);
   struct res_record *r = *res_slot(w, a->hResource);
   const BOOL try_async = r && r->dynamic && !r->sysmem && !r->no_async &&
                          !a->Flags.ReadOnly && !a->Flags.NotifyOnly &&
                          (a->Flags.Discard || a->Flags.NoOverwrite);
   if (try_async) {
      D3DDDIARG_LOCKASYNC la = {
         .hResource = a->hResource,
         .SubResourceIndex = a->SubResourceIndex,
         .Box = a->Box,   /* the union, whichever it is */
      };
      /* NoOverwrite wins over Discard (DESIGN.md, Contract). */
      la.Flags.NoOverwrite = a->Flags.NoOverwrite;
      la.Flags.Discard = a->Flags.Discard && !a->Flags.NoOverwrite;
      la.Flags.RangeValid = a->Flags.RangeValid;
      la.Flags.AreaValid = a->Flags.AreaValid;
      la.Flags.BoxValid = a->Flags.BoxValid;
      HRESULT hr = w->real.pfnLockAsync(w->hdevice, &la);
      if (SUCCEEDED(hr)) {
         a->pSurfData = la.pSurfData;
         a->Pitch = la.Pitch;
         a->SlicePitch = la.SlicePitch;
         push_lock(r, a->SubResourceIndex, TRUE,
                   la.Flags.Discard ? la.hCookie : NULL);
         LeaveCriticalSection(&w->res_lock);
         InterlockedIncrement(&w->stats.async_locks);
         InterlockedIncrement(la.Flags.Discard ? &w->stats.async_discard
                                               : &w->stats.async_nooverwrite);
         return hr;
      }
      InterlockedIncrement(&w->stats.fallbacks);
      if (hr == E_NOTIMPL) {
         /* The driver does not serve this resource: not again. */
         InterlockedIncrement(&w->stats.notimpl);
         r->no_async = TRUE;
      } else if (hr == D3DDDIERR_WASSTILLDRAWING) {
         InterlockedIncrement(&w->stats.still_drawing);
      }
   }
   LeaveCriticalSection(&w->res_lock);

   HRESULT hr = DIRECT(w, pfnLock, a);
   if (SUCCEEDED(hr) && r) {
      EnterCriticalSection(&w->res_lock);
      /* Still the same record (nothing else destroys it meanwhile but a
       * misbehaving program). */
      if (*res_slot(w, a->hResource) == r)
         push_lock(r, a->SubResourceIndex, FALSE, NULL);
      LeaveCriticalSection(&w->res_lock);
   }
   return hr;
}

static HRESULT APIENTRY
thunk_UnlockAsyncAware(HANDLE h, const D3DDDIARG_UNLOCK *a)
{
   struct d3d9_worker *w = h;
   if (!a)
      return DIRECT(w, pfnUnlock, a);
   struct lock_record l = { 0 };
   EnterCriticalSection(&w->res_lock);
   struct res_record *r = *res_slot(w, a->hResource);
   const BOOL found = r && pop_lock(r, a->SubResourceIndex, &l);
   LeaveCriticalSection(&w->res_lock);
   if (!found || !l.async)
      return thunk_Unlock(h, a);

   const D3DDDIARG_UNLOCKASYNC u = {
      .hResource = a->hResource, .SubResourceIndex = a->SubResourceIndex,
   };
   HRESULT hr = w->real.pfnUnlockAsync(w->hdevice, &u);
   if (l.cookie) {
      /* In command order: what was queued before reads the old storage,
       * what comes after the new. */
      const D3DDDIARG_RENAME rn = {
         .hResource = a->hResource, .SubResourceIndex = a->SubResourceIndex,
         .hCookie = l.cookie,
      };
      thunk_Rename(h, &rn);
      InterlockedIncrement(&w->stats.renames);
   }
   return hr;
}

/* ---- event queries ----------------------------------------------------- */

UINT64
d3d9_worker_mark(struct d3d9_worker *w)
{
   EnterCriticalSection(&w->lock);
   const UINT64 n = w->queued;
   LeaveCriticalSection(&w->lock);
   return n;
}

HRESULT
d3d9_worker_poll_event(struct d3d9_worker *w, HANDLE hquery, UINT64 mark,
                       void *data)
{
   InterlockedIncrement(&w->stats.event_polls);
   EnterCriticalSection(&w->lock);
   const BOOL reached = w->executed >= mark;
   LeaveCriticalSection(&w->lock);
   /* Until the worker has run the IssueQuery, the runtime answers itself
    * (tools/d3dumd_demo.c --threaded does the same). */
   if (!reached)
      return S_FALSE;
   InterlockedIncrement(&w->stats.event_driver);
   const D3DDDIARG_GETQUERYDATA g = { .hQuery = hquery, .pData = data };
   return w->real.pfnGetQueryData(w->hdevice, &g);
}

/* ---- creation ---------------------------------------------------------- */

static BOOL
env_value(const char *name, char *buf, DWORD size)
{
   /* The Win32 environment: what a program set with SetEnvironmentVariable
    * as well as what it inherited. */
   const DWORD n = GetEnvironmentVariableA(name, buf, size);
   return n && n < size;
}

static BOOL
mode_on(void)
{
   char v[16];
   if (env_value("D3DUMD_D3D9_WORKER", v, sizeof(v))) {
      if (!strcmp(v, "0"))
         return FALSE;
      if (!strcmp(v, "1"))
         return TRUE;
   }
   SYSTEM_INFO si;
   GetSystemInfo(&si);
   return si.dwNumberOfProcessors > 1;
}

void
d3d9_worker_create(struct d3d9_device *device)
{
   device->worker = NULL;
   if (!mode_on())
      return;
   /* As Microsoft's runtime: not for software vertex processing (its
    * buffers are pinned: a Discard keeps the pointer and the contents,
    * Wine's test_pinned_buffers), nor when the program asked for no
    * threads (supporting-multiple-processors.md). */
   if (device->flags & (D3DCREATE_SOFTWARE_VERTEXPROCESSING |
                        D3DCREATE_MIXED_VERTEXPROCESSING |
                        D3DCREATE_DISABLE_PSGP_THREADING)) {
      D3D9_LOG("worker: off (software vertex processing or "
               "D3DCREATE_DISABLE_PSGP_THREADING)");
      return;
   }
   /* The driver has all three, or the mode is off (the LockAsync page). */
   if (!device->funcs.pfnLockAsync || !device->funcs.pfnUnlockAsync ||
       !device->funcs.pfnRename) {
      D3D9_LOG("worker: off (the driver has no LockAsync, UnlockAsync, "
               "Rename)");
      return;
   }
   struct d3d9_worker *w = calloc(1, sizeof(*w));
   if (!w)
      return;
   w->ring = malloc(RING_SIZE);
   if (!w->ring) {
      free(w);
      return;
   }
   w->device = device;
   w->hdevice = device->hdevice;
   w->real = device->funcs;
   InitializeCriticalSection(&w->lock);
   InitializeCriticalSection(&w->res_lock);
   InitializeConditionVariable(&w->work);
   InitializeConditionVariable(&w->done);
   w->thread = CreateThread(NULL, 0, worker_main, w, 0, NULL);
   if (!w->thread) {
      DeleteCriticalSection(&w->res_lock);
      DeleteCriticalSection(&w->lock);
      free(w->ring);
      free(w);
      return;
   }

   /* Every slot the driver filled waits and calls it; then the ones that
    * queue or lock asynchronously. */
   void **slots = (void **)&device->funcs;
   for (unsigned i = 0; i < NUM_SLOTS; i++) {
      if (slots[i])
         slots[i] = sync_thunks[i];
   }
   D3DDDI_DEVICEFUNCS *f = &device->funcs;
#define SET(Name)                                                         \
   if (w->real.pfn##Name)                                                \
      f->pfn##Name = thunk_##Name
   SET(SetRenderState);
   SET(SetTextureStageState);
   SET(SetStreamSourceFreq);
   SET(SetViewport);
   SET(SetZRange);
   SET(SetClipPlane);
   SET(SetRenderTarget);
   SET(SetDepthStencil);
   SET(SetScissorRect);
   SET(Blt);
   SET(ColorFill);
   SET(BufBlt);
   SET(TexBlt);
   SET(GenerateMipSubLevels);
   SET(IssueQuery);
   SET(SetPixelShader);
   SET(SetVertexShaderFunc);
   SET(SetVertexShaderDecl);
   SET(SetTexture);
   SET(Flush);
   SET(SetVertexShaderConst);
   SET(SetVertexShaderConstI);
   SET(SetVertexShaderConstB);
   SET(SetPixelShaderConst);
   SET(SetPixelShaderConstI);
   SET(SetPixelShaderConstB);
   SET(Clear);
   SET(SetStreamSource);
   SET(SetIndices);
   SET(CreateResource2);
   SET(DestroyResource);
   SET(Lock);
#undef SET
   /* *UP draws need both halves queued together. */
   if (w->real.pfnSetStreamSourceUm && w->real.pfnSetIndicesUm &&
       w->real.pfnDrawPrimitive && w->real.pfnDrawIndexedPrimitive) {
      f->pfnSetStreamSourceUm = thunk_SetStreamSourceUm;
      f->pfnSetIndicesUm = thunk_SetIndicesUm;
      f->pfnDrawPrimitive = thunk_DrawPrimitive;
      f->pfnDrawIndexedPrimitive = thunk_DrawIndexedPrimitive;
   }
   if (w->real.pfnUnlock)
      f->pfnUnlock = thunk_UnlockAsyncAware;
   device->hdevice = w;
   device->worker = w;
   D3D9_LOG("worker: on (thread %#lx)", (unsigned long)GetThreadId(w->thread));
}

static BOOL
stats_to_stderr(void)
{
   char v[256];
   return env_value("D3DUMD_DEBUG", v, sizeof(v)) && strstr(v, "stats");
}

static void
print_stats(struct d3d9_worker *w)
{
   const struct worker_stats *s = &w->stats;
   char line[512];
   snprintf(line, sizeof(line),
            "d3dumd-d3d9: worker stats: queued %ld, waits %ld, direct %ld, "
            "lockasync %ld (discard %ld, nooverwrite %ld), renames %ld, "
            "fallbacks %ld (notimpl %ld, stilldrawing %ld), event polls %ld "
            "(driver %ld), queued failures %ld, queue full %ld\n",
            (long)s->queued, (long)s->waits, (long)s->direct,
            (long)s->async_locks, (long)s->async_discard,
            (long)s->async_nooverwrite, (long)s->renames, (long)s->fallbacks,
            (long)s->notimpl, (long)s->still_drawing, (long)s->event_polls,
            (long)s->event_driver, (long)s->queued_failures, (long)s->full);
   if (stats_to_stderr())
      fputs(line, stderr);
   char path[MAX_PATH];
   if (env_value("D3DUMD_D3D9_STATS", path, sizeof(path))) {
      HANDLE f = CreateFileA(path, FILE_APPEND_DATA, FILE_SHARE_READ |
                             FILE_SHARE_WRITE, NULL, OPEN_ALWAYS,
                             FILE_ATTRIBUTE_NORMAL, NULL);
      if (f != INVALID_HANDLE_VALUE) {
         DWORD written;
         WriteFile(f, line, (DWORD)strlen(line), &written, NULL);
         CloseHandle(f);
      }
   }
}

void
d3d9_worker_destroy(struct d3d9_device *device)
{
   struct d3d9_worker *w = device->worker;
   if (!w)
      return;
   drain(w);
   EnterCriticalSection(&w->lock);
   w->stop = TRUE;
   WakeConditionVariable(&w->work);
   LeaveCriticalSection(&w->lock);
   WaitForSingleObject(w->thread, INFINITE);
   CloseHandle(w->thread);
   print_stats(w);

   device->funcs = w->real;
   device->hdevice = w->hdevice;
   device->worker = NULL;
   for (unsigned i = 0; i < RES_BUCKETS; i++) {
      while (w->res[i]) {
         struct res_record *r = w->res[i];
         w->res[i] = r->next;
         free(r->locks);
         free(r);
      }
   }
   DeleteCriticalSection(&w->res_lock);
   DeleteCriticalSection(&w->lock);
   free(w->ring);
   free(w);
}

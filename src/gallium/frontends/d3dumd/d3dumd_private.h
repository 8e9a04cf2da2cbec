/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Private structures and prototypes of the D3D9 user-mode display driver
 * frontend.  Every DDI object the runtime holds a handle to starts with a
 * struct d3dumd_object (a type tag and its handle); handles name slots of
 * a generation-counted table (d3dumd_handle.c), so that NULL, foreign,
 * garbage and stale handles are detected without dereferencing them.
 */

#ifndef D3DUMD_PRIVATE_H
#define D3DUMD_PRIVATE_H

#include <stdbool.h>
#include <assert.h>
#include <stdint.h>

#include "d3dumddi.h"

#include "pipe/p_defines.h"
#include "pipe/p_format.h"
#include "pipe/p_state.h"
#include "util/bitset.h"
#include "util/list.h"
#include "util/u_dynarray.h"
#include "util/macros.h"
#include "util/u_atomic.h"
#include "c11/threads.h"

struct pipe_context;
struct pipe_fence_handle;
struct pipe_loader_device;
struct pipe_resource;
struct pipe_screen;
struct pipe_transfer;
struct pipe_box;

#ifdef __cplusplus
extern "C" {
#endif

/* The frontend's locks are C11 mtx_t rather than simple_mtx: simple_mtx's
 * unlock ends with a plain store that ThreadSanitizer reports as a race,
 * and the threaded paths are checked under ThreadSanitizer. */
static inline void
d3dumd_assert_locked(mtx_t *m)
{
#ifndef NDEBUG
   /* Held by this thread (no other thread may hold it here either). */
   if (mtx_trylock(m) == thrd_success) {
      mtx_unlock(m);
      assert(!"lock not held");
   }
#else
   (void)m;
#endif
}

/* D3DUMD_DEBUG flags (d3dumd_debug.c). */
enum d3dumd_debug_flags {
   D3DUMD_DEBUG_TRACE = BITFIELD_BIT(0),
   D3DUMD_DEBUG_USER  = BITFIELD_BIT(1),
   D3DUMD_DEBUG_LOCK  = BITFIELD_BIT(2),
   D3DUMD_DEBUG_CAPS  = BITFIELD_BIT(4),
   D3DUMD_DEBUG_STATS = BITFIELD_BIT(5),
   D3DUMD_DEBUG_SHADER = BITFIELD_BIT(6),
   D3DUMD_DEBUG_NIR    = BITFIELD_BIT(7),
};

/* Type tags: distinct, unlikely words, so that a handle of the wrong kind
 * (or garbage) is rejected before anything else is read from it. */
enum d3dumd_object_type {
   D3DUMD_OBJ_ADAPTER  = 0x41443355, /* "U3DA" */
   D3DUMD_OBJ_DEVICE   = 0x44443355, /* "U3DD" */
   D3DUMD_OBJ_RESOURCE = 0x52443355, /* "U3DR" */
   D3DUMD_OBJ_COOKIE   = 0x43443355, /* "U3DC" */
   D3DUMD_OBJ_QUERY    = 0x51443355, /* "U3DQ" */
   D3DUMD_OBJ_VDECL    = 0x56443355, /* "U3DV" */
   D3DUMD_OBJ_SHADER   = 0x53443355, /* "U3DS" */
};

struct d3dumd_object {
   uint32_t type;
   HANDLE handle;  /* the handle the runtime holds for this object */
};

#include "d3dumd_render.h"

/* D3DDDIARG_OPENADAPTER/CREATEDEVICE::Interface of a D3D9 runtime.  The
 * DDI also serves the DirectDraw and D3D7/8 runtimes; this frontend does
 * not. */
#define D3DUMD_D3D9_INTERFACE 9

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
   struct pipe_screen *screen;       /* caps and formats */
   d3dumd_screen_wrap_func wrap;
   /* Shader variants' translations across runs (d3dumd_shader_cache.c);
    * NULL: none.  Thread-safe: every device of the adapter uses it. */
   struct disk_cache *shader_cache;

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

   /* Each device has a screen of its own, from the same driver as the
    * adapter's.  Why: llvmpipe (22.3.6) checks every context of a screen
    * for references to a resource it maps, reading the other contexts'
    * scenes without their threads' synchronisation; devices driven from
    * different threads at once (threading-model-of-user-mode-display-
    * driver.md) crashed in lp_scene_is_resource_referenced.  A device's own
    * contexts (the worker's and the auxiliary one, which only maps
    * unsynchronised) stay on one screen, so they share resources. */
   struct pipe_loader_device *loader_dev;
   struct pipe_screen *screen;

   HANDLE rt_context;                 /* from pfnCreateContextCb */
   struct pipe_context *pipe;         /* the worker's (d3dumd_lock_async.h) */

   /* The application thread's context, for LockAsync/UnlockAsync maps
    * (d3dumd_lock_async.h), created on first use. */
   mtx_t aux_lock;
   struct pipe_context *aux;

   /* Guards what both threads touch: backings' fences and batches, the
    * renaming lists, the application thread's view of each resource,
    * cookies, queries' fences, stats (d3dumd_lock_async.h, rule 4). */
   mtx_t async_lock;
   struct pipe_fence_handle *last_fence;  /* of the last flushed batch */

   /* Slots answered with E_NOTIMPL that were already logged once. */
   BITSET_WORD notimpl_logged[BITSET_WORDS(256)];

   /* GPU-use tracking (d3dumd_fence.c).  Work queued since the last flush
    * belongs to batch `batch`; the backings it uses are listed in `used`
    * and get that batch's fence when it is flushed. */
   uint64_t batch;
   struct util_dynarray used;       /* struct d3dumd_backing * */

   /* Renaming bounds per resource (D3DUMD_RENAME_MAX_*), read at
    * CreateDevice. */
   unsigned rename_max_backings;
   uint64_t rename_max_bytes;

   /* Live resources and queries, destroyed with the device if the runtime
    * forgot them. */
   struct list_head resources;
   struct list_head queries;

   /* Dynamic resources whose allocation lock is cached (d3dumd_lock.c):
    * released at the runtime's Flush once no lock of theirs is
    * outstanding. */
   struct list_head cached_locks;

   /* Bytes of storage retired by renames since the last flush: past a
    * share of the renaming bound the worker flushes (d3dumd_fence.c), so
    * that retired storage can become idle without waiting for the
    * runtime's next Flush. */
   uint64_t unflushed_retired_bytes;

   /* Rendering (d3dumd_render.h): the worker's state, its Gallium state
    * objects and uploads, and the declarations and shaders alive. */
   struct cso_context *cso;
   struct u_upload_mgr *uploader;        /* user-memory vertices, indices */
   struct u_upload_mgr *const_uploader;  /* shader constants */
   struct pipe_resource *zero_vb;     /* 16 zero bytes, unfed inputs */
   struct d3dumd_state state;
   /* Fixed stages the screen does (else the shader variants do them). */
   bool has_alpha_test, has_flatshade, has_clip_planes;
   bool glsl_types_ref;               /* holds the GLSL type singleton */
   struct list_head vdecls;
   struct list_head shaders;

   /* Counters for tests, the demo and benchmarks.  `locks` counts Lock
    * (worker thread only: a plain counter), `async_locks` LockAsync (under
    * async_lock); renames and the rest are under async_lock. */
   struct {
      uint64_t locks, async_locks, renames, rename_creates, rename_waits;
      uint64_t retired_bytes, peak_retired_bytes, flushes_for_renaming;
      uint64_t presents;             /* worker thread only */
      uint64_t shader_cache_hits, shader_cache_misses;   /* worker only */
   } stats;
};

/* One storage of a resource: the pipe_resource the resource currently
 * uses, or one it used before a Discard renamed it and which waits in the
 * resource's renaming list for the GPU to be done with it. */
struct d3dumd_backing {
   struct list_head link;            /* in d3dumd_resource::retired */
   struct pipe_resource *pres;
   struct pipe_fence_handle *fence;  /* last flushed use; NULL: none */
   uint64_t batch;                   /* batch of the last queued use; 0: none */
   uint64_t bytes;
   /* The auxiliary context's flush after the application thread wrote the
    * backing (UnlockAsync): the worker waits for it before using it. */
   struct pipe_fence_handle *upload_fence;
   /* Whether upload_fence is set: read without the lock (atomically) so a
    * Lock that has nothing to wait for takes no lock. */
   int has_upload;
   /* Persistent storage (d3dumd_resource::persistent): one whole-buffer
    * persistent, coherent mapping on the device's context, made at the
    * first Lock that can use it and kept until the backing is destroyed,
    * so that NoOverwrite and Discard locks map nothing. */
   struct pipe_transfer *map_xfer;
   uint8_t *map;
   /* Textures: how many subresources keep a cached mapping of this backing
    * (d3dumd_subresource::cached_xfer); written under async_lock. */
   struct d3dumd_resource *res;
   int cached_maps;
   /* Sampler views of this storage on the device's context, made at the
    * first draw that samples it: [1] is the sRGB one (d3dumd_state.c). */
   struct pipe_sampler_view *view[2];
};

struct d3dumd_subresource {
   unsigned backing;                 /* index in d3dumd_resource::current */
   unsigned level, layer;
   unsigned width, height, depth;
   const void *sysmem;               /* system-memory pool: the runtime's */
   unsigned sysmem_pitch, sysmem_slice_pitch;
   unsigned lock_count;              /* outstanding Locks */
   /* The outermost Lock called pfnLockCb with cb_allocation, and the last
    * Unlock calls pfnUnlockCb with it (a cached lock calls neither). */
   bool cb_locked;
   D3DKMT_HANDLE cb_allocation;
   struct util_dynarray transfers;   /* struct pipe_transfer *, while locked */
   /* A whole-subresource READ_WRITE mapping kept after Unlock
    * (d3dumd_lock.c, "Cached mappings"), of cached_backing. */
   struct pipe_transfer *cached_xfer;
   uint8_t *cached_map;
   struct d3dumd_backing *cached_backing;
   /* LockAsync state, application thread (under async_lock). */
   unsigned async_count;
   struct util_dynarray async_transfers; /* on the auxiliary context */
   D3DKMT_HANDLE async_allocation;   /* the handle pfnLockCb was called with */
};

struct d3dumd_resource {
   struct d3dumd_object base;
   struct d3dumd_device *dev;
   struct list_head link;            /* in d3dumd_device::resources */

   HANDLE rt_resource;               /* the runtime's handle */
   D3DKMT_HANDLE allocation;         /* from pfnAllocateCb */
   D3DDDIFORMAT format;
   enum pipe_format pformat;
   D3DDDI_POOL pool;
   D3DDDI_RESOURCEFLAGS flags;
   enum pipe_texture_target target;
   unsigned levels, layers, samples;
   bool is_buffer;
   bool sysmem;                      /* no Gallium storage: the runtime's */
   bool persistent;                  /* created for persistent maps */
   /* Dynamic: NoOverwrite locks keep the allocation locked between calls
    * (the pfnLockCb page), lock_cached while they do. */
   bool cache_lock;
   bool lock_cached;
   D3DKMT_HANDLE cached_allocation;  /* the handle pfnLockCb was called with */
   struct list_head cached_link;     /* in d3dumd_device::cached_locks */
   /* Textures whose mappings are kept between locks. */
   bool cache_maps;
   /* The format's block, for lock regions. */
   uint8_t block_w, block_h;
   uint16_t block_size;

   unsigned num_backings;            /* a swap chain: one per buffer */
   struct d3dumd_backing **current;
   struct list_head retired;         /* renaming list, oldest first */
   unsigned num_retired;
   uint64_t retired_bytes;

   /* The application thread's view (d3dumd_lock_async.h): the newest
    * backing, which is the last LockAsync(Discard) one even before its
    * Rename, and the allocation handle that goes with it. */
   struct d3dumd_backing *app_current;
   D3DKMT_HANDLE app_allocation;
   struct list_head cookies;         /* outstanding LockAsync(Discard)s */

   unsigned num_subresources;
   struct d3dumd_subresource *sub;
   unsigned locked_subresources;
};

/* d3dumd_handle.c: the handles the runtime holds.  Lookups of NULL,
 * foreign, garbage or stale handles, or of a handle of another object type,
 * give NULL without reading anything the handle points to. */
HANDLE d3dumd_handle_register(void *object, enum d3dumd_object_type type);
void d3dumd_handle_release(HANDLE h);

#define D3DUMD_HANDLE_CHUNK 256
#define D3DUMD_HANDLE_MAX_CHUNKS 4096   /* a million live objects */

struct d3dumd_handle_slot {
   uint64_t handle;  /* current handle of this slot, 0 when free */
   void *object;
   uint32_t type;    /* enum d3dumd_object_type */
   uint32_t generation;
};

struct d3dumd_handle_table {
   struct d3dumd_handle_slot *chunks[D3DUMD_HANDLE_MAX_CHUNKS];
};
extern struct d3dumd_handle_table d3dumd_handles;

static inline void *
d3dumd_handle_lookup(HANDLE h, enum d3dumd_object_type type)
{
   const uint64_t handle = (uintptr_t)h;
   const uint32_t id = (uint32_t)handle;
   const uint32_t chunk = id / D3DUMD_HANDLE_CHUNK;

   if (unlikely(chunk >= D3DUMD_HANDLE_MAX_CHUNKS))
      return NULL;
   struct d3dumd_handle_slot *slots = p_atomic_read(&d3dumd_handles.chunks[chunk]);
   if (unlikely(!slots))
      return NULL;
   struct d3dumd_handle_slot *slot = &slots[id % D3DUMD_HANDLE_CHUNK];
   if (unlikely(!id || p_atomic_read(&slot->handle) != handle ||
                slot->type != type))
      return NULL;
   return slot->object;
}

#define D3DUMD_DEFINE_HANDLE_LOOKUP(__struct, __type)                      \
   static inline struct __struct *                                        \
   __struct##_from_handle(HANDLE h)                                       \
   {                                                                      \
      return (struct __struct *)d3dumd_handle_lookup(h, __type);           \
   }

D3DUMD_DEFINE_HANDLE_LOOKUP(d3dumd_adapter, D3DUMD_OBJ_ADAPTER)
D3DUMD_DEFINE_HANDLE_LOOKUP(d3dumd_device, D3DUMD_OBJ_DEVICE)
D3DUMD_DEFINE_HANDLE_LOOKUP(d3dumd_resource, D3DUMD_OBJ_RESOURCE)
D3DUMD_DEFINE_HANDLE_LOOKUP(d3dumd_vdecl, D3DUMD_OBJ_VDECL)
D3DUMD_DEFINE_HANDLE_LOOKUP(d3dumd_shader, D3DUMD_OBJ_SHADER)

/* The subresource `index` of a resource of this device, or NULL (the
 * caller answers E_FAIL: driver-detected bad input). */
static inline struct d3dumd_subresource *
d3dumd_device_subresource(struct d3dumd_device *dev, HANDLE h, UINT index,
                          struct d3dumd_resource **res_out);

/* A resource of this device, or NULL. */
static inline struct d3dumd_resource *
d3dumd_device_resource(struct d3dumd_device *dev, HANDLE h)
{
   struct d3dumd_resource *res = d3dumd_resource_from_handle(h);
   return res && res->dev == dev ? res : NULL;
}

static inline struct d3dumd_subresource *
d3dumd_device_subresource(struct d3dumd_device *dev, HANDLE h, UINT index,
                          struct d3dumd_resource **res_out)
{
   struct d3dumd_resource *res = d3dumd_device_resource(dev, h);
   *res_out = res;
   return res && index < res->num_subresources ? &res->sub[index] : NULL;
}

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

/* The check is inline: a hot path with tracing off pays one test. */
#define D3DUMD_TRACE(debug, fmt, ...)                                      \
   do {                                                                    \
      if (unlikely((debug) & D3DUMD_DEBUG_TRACE))                          \
         d3dumd_log((debug), D3DUMD_DEBUG_TRACE, __func__, fmt,            \
                    ##__VA_ARGS__);                                        \
   } while (0)

/* d3dumd_adapter.c */
struct pipe_screen *d3dumd_screen_create(struct pipe_loader_device **out_dev,
                                         d3dumd_screen_wrap_func wrap);
/* The screen and its loader device go (either may be NULL). */
void d3dumd_screen_destroy(struct pipe_screen *screen,
                           struct pipe_loader_device **dev);
HRESULT d3dumd_open_adapter(D3DDDIARG_OPENADAPTER *pOpenData,
                            d3dumd_screen_wrap_func wrap);

/* d3dumd_caps.c */
HRESULT APIENTRY d3dumd_GetCaps(HANDLE hAdapter,
                                const D3DDDIARG_GETCAPS *pData);

/* d3dumd_format.c */
enum pipe_format d3dumd_format_to_pipe(D3DDDIFORMAT format);
enum pipe_format d3dumd_format_for_screen(struct pipe_screen *screen,
                                          D3DDDIFORMAT format);
bool d3dumd_format_build_table(struct d3dumd_adapter *adapter);
const struct d3dumd_format_info *
d3dumd_format_lookup(const struct d3dumd_adapter *adapter,
                     D3DDDIFORMAT format);
bool d3dumd_format_is_depth_value(D3DDDIFORMAT format);
bool d3dumd_format_is_null_target(D3DDDIFORMAT format);
bool d3dumd_format_swizzle(D3DDDIFORMAT format, unsigned char swizzle[4]);
unsigned d3dumd_format_ms_samples(struct pipe_screen *screen,
                                  D3DDDIFORMAT format,
                                  D3DDDIMULTISAMPLE_TYPE type,
                                  unsigned quality);
unsigned d3dumd_format_ms_levels(struct pipe_screen *screen,
                                 D3DDDIFORMAT format,
                                 D3DDDIMULTISAMPLE_TYPE type);

/* d3dumd_device.c */
HRESULT APIENTRY d3dumd_CreateDevice(HANDLE hAdapter,
                                     D3DDDIARG_CREATEDEVICE *pData);
size_t d3dumd_device_funcs_size(UINT runtime_version);

/* d3dumd_resource.c */
HRESULT APIENTRY d3dumd_CreateResource(HANDLE hDevice,
                                       D3DDDIARG_CREATERESOURCE *pData);
HRESULT APIENTRY d3dumd_CreateResource2(HANDLE hDevice,
                                        D3DDDIARG_CREATERESOURCE2 *pData);
HRESULT APIENTRY d3dumd_DestroyResource(HANDLE hDevice, HANDLE hResource);
void d3dumd_resource_destroy_all(struct d3dumd_device *dev);

/* d3dumd_lock.c */
bool d3dumd_lock_region(const struct d3dumd_resource *res,
                        const struct d3dumd_subresource *sub,
                        const D3DDDI_LOCKFLAGS f, const D3DDDIRANGE *range,
                        const RECT *area, const D3DDDIBOX *box3,
                        struct pipe_box *box);
void d3dumd_unmap(struct d3dumd_device *dev, struct d3dumd_resource *res,
                  struct pipe_transfer *t);
HRESULT APIENTRY d3dumd_Lock(HANDLE hDevice, D3DDDIARG_LOCK *pData);
void d3dumd_lock_check_bits(void);
HRESULT d3dumd_unlock_allocation(struct d3dumd_device *dev,
                                 D3DKMT_HANDLE allocation);
void d3dumd_lock_uncache(struct d3dumd_device *dev,
                         struct d3dumd_resource *res);
void d3dumd_lock_uncache_all(struct d3dumd_device *dev);
HRESULT APIENTRY d3dumd_Unlock(HANDLE hDevice, const D3DDDIARG_UNLOCK *pData);

/* d3dumd_blt.c */
HRESULT APIENTRY d3dumd_Blt(HANDLE hDevice, const D3DDDIARG_BLT *pData);
HRESULT APIENTRY d3dumd_ColorFill(HANDLE hDevice,
                                  const D3DDDIARG_COLORFILL *pData);
HRESULT APIENTRY d3dumd_BufBlt(HANDLE hDevice,
                               const D3DDDIARG_BUFFERBLT *pData);
HRESULT APIENTRY d3dumd_VolBlt(HANDLE hDevice,
                               const D3DDDIARG_VOLUMEBLT *pData);
HRESULT APIENTRY d3dumd_TexBlt(HANDLE hDevice, const D3DDDIARG_TEXBLT *pData);
HRESULT APIENTRY d3dumd_GenerateMipSubLevels(
   HANDLE hDevice, const D3DDDIARG_GENERATEMIPSUBLEVELS *pData);
HRESULT APIENTRY d3dumd_DepthFill(HANDLE hDevice,
                                  const D3DDDIARG_DEPTHFILL *pData);
void d3dumd_resz_resolve(struct d3dumd_device *dev);

/* d3dumd_lock_async.c */
HRESULT APIENTRY d3dumd_LockAsync(HANDLE hDevice, D3DDDIARG_LOCKASYNC *pData);
HRESULT APIENTRY d3dumd_UnlockAsync(HANDLE hDevice,
                                    const D3DDDIARG_UNLOCKASYNC *pData);
HRESULT APIENTRY d3dumd_Rename(HANDLE hDevice, const D3DDDIARG_RENAME *pData);
void d3dumd_cookies_free(struct d3dumd_resource *res);
void d3dumd_async_unlock_all(struct d3dumd_resource *res);

/* d3dumd_query.c */
HRESULT APIENTRY d3dumd_CreateQuery(HANDLE hDevice,
                                    D3DDDIARG_CREATEQUERY *pData);
HRESULT APIENTRY d3dumd_DestroyQuery(HANDLE hDevice, HANDLE hQuery);
HRESULT APIENTRY d3dumd_IssueQuery(HANDLE hDevice,
                                   const D3DDDIARG_ISSUEQUERY *pData);
HRESULT APIENTRY d3dumd_GetQueryData(HANDLE hDevice,
                                     const D3DDDIARG_GETQUERYDATA *pData);
void d3dumd_query_destroy_all(struct d3dumd_device *dev);
bool d3dumd_query_has_occlusion(struct pipe_screen *screen);
#define D3DUMD_MAX_QUERY_TYPES 5
unsigned d3dumd_query_types(struct pipe_screen *screen,
                            D3DDDIQUERYTYPE types[D3DUMD_MAX_QUERY_TYPES]);

/* d3dumd_fence.c: which backings queued GPU work still uses. */
void d3dumd_mark_used(struct d3dumd_device *dev, struct d3dumd_backing *b);
void d3dumd_flush(struct d3dumd_device *dev);
bool d3dumd_backing_busy(struct d3dumd_device *dev,
                         struct d3dumd_backing *b);
void d3dumd_backing_wait(struct d3dumd_device *dev,
                         struct d3dumd_backing *b);
void d3dumd_forget_used(struct d3dumd_device *dev, struct d3dumd_backing *b);
void d3dumd_wait_upload(struct d3dumd_device *dev,
                        struct pipe_fence_handle *fence);

/* d3dumd_present.c */
void d3dumd_present_fill_funcs(D3DDDI_DEVICEFUNCS *funcs);

/* d3dumd_notimpl.c: the E_NOTIMPL entry for every slot not implemented
 * yet, so that no non-optional slot is NULL. */
void d3dumd_notimpl_fill(D3DDDI_DEVICEFUNCS *funcs);
HRESULT d3dumd_notimpl(HANDLE hDevice, unsigned slot, const char *name);

#ifdef __cplusplus
}
#endif

#endif /* D3DUMD_PRIVATE_H */

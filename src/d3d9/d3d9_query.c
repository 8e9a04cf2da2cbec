/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * IDirect3DQuery9 over the driver's CreateQuery, IssueQuery and
 * GetQueryData.  The types a device offers are the driver's
 * (GETD3DQUERYCOUNT, GETD3DQUERYDATA); any other answers
 * D3DERR_NOTAVAILABLE, as Windows does.  D3D9's rules, as Wine's tests
 * record them (device.c test_query_support, test_occlusion_query,
 * test_timestamp_query):
 *   - a query never issued answers S_OK, its data D3D9's 0xdd filler;
 *   - between Issue(BEGIN) and Issue(END) it answers S_FALSE;
 *   - BEGIN on a query that has only an end (event, timestamps) does
 *     nothing; END without BEGIN is fine;
 *   - GetData writes at most GetDataSize bytes, and none for size 0.
 * In the multi-processor mode (d3d9_worker.h) an event query is polled
 * from the calling thread: the runtime answers S_FALSE until the worker
 * has run the IssueQuery, then the driver's reentrant GetQueryData does;
 * other queries drain the worker first.
 */

#include <stdlib.h>
#include <string.h>

#include "d3d9_worker.h"

enum query_state {
   QUERY_CREATED,                /* never issued */
   QUERY_BUILDING,               /* BEGIN without END */
   QUERY_ISSUED,
};

struct d3d9_query {
   IDirect3DQuery9 IDirect3DQuery9_iface;
   LONG refcount;
   struct d3d9_device *device;   /* a public reference, as on Windows */
   D3DQUERYTYPE type;
   HANDLE hquery;                /* the driver's */
   DWORD data_size;
   enum query_state state;
   UINT64 mark;                  /* the worker's, at the last END */
};

static inline struct d3d9_query *
impl_from_IDirect3DQuery9(IDirect3DQuery9 *iface)
{
   return CONTAINING_RECORD(iface, struct d3d9_query, IDirect3DQuery9_iface);
}

static DWORD
query_data_size(D3DQUERYTYPE type)
{
   switch (type) {
   case D3DQUERYTYPE_VCACHE: return sizeof(D3DDEVINFO_VCACHE);
   case D3DQUERYTYPE_RESOURCEMANAGER:
      return sizeof(D3DDEVINFO_D3DRESOURCEMANAGER);
   case D3DQUERYTYPE_VERTEXSTATS: return sizeof(D3DDEVINFO_D3DVERTEXSTATS);
   case D3DQUERYTYPE_EVENT: return sizeof(BOOL);
   case D3DQUERYTYPE_OCCLUSION: return sizeof(DWORD);
   case D3DQUERYTYPE_TIMESTAMP: return sizeof(UINT64);
   case D3DQUERYTYPE_TIMESTAMPDISJOINT: return sizeof(BOOL);
   case D3DQUERYTYPE_TIMESTAMPFREQ: return sizeof(UINT64);
   case D3DQUERYTYPE_PIPELINETIMINGS:
      return sizeof(D3DDEVINFO_D3D9PIPELINETIMINGS);
   case D3DQUERYTYPE_INTERFACETIMINGS:
      return sizeof(D3DDEVINFO_D3D9INTERFACETIMINGS);
   case D3DQUERYTYPE_VERTEXTIMINGS:
   case D3DQUERYTYPE_PIXELTIMINGS:
      return sizeof(D3DDEVINFO_D3D9STAGETIMINGS);
   case D3DQUERYTYPE_BANDWIDTHTIMINGS:
      return sizeof(D3DDEVINFO_D3D9BANDWIDTHTIMINGS);
   case D3DQUERYTYPE_CACHEUTILIZATION:
      return sizeof(D3DDEVINFO_D3D9CACHEUTILIZATION);
   case D3DQUERYTYPE_MEMORYPRESSURE: return sizeof(D3DMEMORYPRESSURE);
   default: return 0;
   }
}

/* Queries with a beginning (the others have only an end). */
static BOOL
query_has_begin(D3DQUERYTYPE type)
{
   switch (type) {
   case D3DQUERYTYPE_EVENT:
   case D3DQUERYTYPE_TIMESTAMP:
   case D3DQUERYTYPE_TIMESTAMPFREQ:
   case D3DQUERYTYPE_VCACHE:
   case D3DQUERYTYPE_RESOURCEMANAGER:
   case D3DQUERYTYPE_VERTEXSTATS:
      return FALSE;
   default:
      return TRUE;
   }
}

/* Whether the driver lists TYPE among its query types. */
static BOOL
driver_has_query(struct d3d9_device *device, D3DQUERYTYPE type)
{
   const struct d3d9_adapter *adapter = &device->d3d9->adapter;
   UINT count = 0;
   if (FAILED(d3d9_adapter_get_caps(adapter, D3DDDICAPS_GETD3DQUERYCOUNT,
                                    NULL, &count, sizeof(count))) ||
       !count || count > 64)
      return FALSE;
   D3DDDIQUERYTYPE types[64];
   if (FAILED(d3d9_adapter_get_caps(adapter, D3DDDICAPS_GETD3DQUERYDATA,
                                    NULL, types, count * sizeof(types[0]))))
      return FALSE;
   for (UINT i = 0; i < count; i++) {
      if ((D3DQUERYTYPE)types[i] == type)
         return TRUE;
   }
   return FALSE;
}

static HRESULT WINAPI
query_QueryInterface(IDirect3DQuery9 *iface, REFIID riid, void **out)
{
   if (!out)
      return E_POINTER;
   if (IsEqualGUID(riid, &IID_IDirect3DQuery9) ||
       IsEqualGUID(riid, &IID_IUnknown)) {
      IDirect3DQuery9_AddRef(iface);
      *out = iface;
      return S_OK;
   }
   *out = NULL;
   return E_NOINTERFACE;
}

static ULONG WINAPI
query_AddRef(IDirect3DQuery9 *iface)
{
   return InterlockedIncrement(&impl_from_IDirect3DQuery9(iface)->refcount);
}

static ULONG WINAPI
query_Release(IDirect3DQuery9 *iface)
{
   struct d3d9_query *q = impl_from_IDirect3DQuery9(iface);
   const ULONG refcount = InterlockedDecrement(&q->refcount);
   if (!refcount) {
      struct d3d9_device *device = q->device;
      d3d9_state_lock(device);
      device->funcs.pfnDestroyQuery(device->hdevice, q->hquery);
      d3d9_state_unlock(device);
      free(q);
      IDirect3DDevice9Ex_Release(&device->IDirect3DDevice9Ex_iface);
   }
   return refcount;
}

static HRESULT WINAPI
query_GetDevice(IDirect3DQuery9 *iface, IDirect3DDevice9 **device)
{
   struct d3d9_query *q = impl_from_IDirect3DQuery9(iface);
   if (!device)
      return D3DERR_INVALIDCALL;
   *device = (IDirect3DDevice9 *)&q->device->IDirect3DDevice9Ex_iface;
   IDirect3DDevice9_AddRef(*device);
   return D3D_OK;
}

static D3DQUERYTYPE WINAPI
query_GetType(IDirect3DQuery9 *iface)
{
   return impl_from_IDirect3DQuery9(iface)->type;
}

static DWORD WINAPI
query_GetDataSize(IDirect3DQuery9 *iface)
{
   return impl_from_IDirect3DQuery9(iface)->data_size;
}

static HRESULT WINAPI
query_Issue(IDirect3DQuery9 *iface, DWORD flags)
{
   struct d3d9_query *q = impl_from_IDirect3DQuery9(iface);
   struct d3d9_device *device = q->device;
   const BOOL begin = (flags & D3DISSUE_BEGIN) && query_has_begin(q->type);
   const BOOL end = !!(flags & D3DISSUE_END);
   if (!begin && !end)
      return D3D_OK;

   d3d9_state_lock(device);
   D3DDDIARG_ISSUEQUERY a = { .hQuery = q->hquery };
   a.Flags.Begin = begin;
   a.Flags.End = end;
   HRESULT hr = device->funcs.pfnIssueQuery(device->hdevice, &a);
   if (SUCCEEDED(hr)) {
      if (end) {
         q->state = QUERY_ISSUED;
         if (device->worker)
            q->mark = d3d9_worker_mark(device->worker);
      } else {
         q->state = QUERY_BUILDING;
      }
   }
   d3d9_state_unlock(device);
   return FAILED(hr) ? D3DERR_INVALIDCALL : D3D_OK;
}

static HRESULT WINAPI
query_GetData(IDirect3DQuery9 *iface, void *data, DWORD size, DWORD flags)
{
   struct d3d9_query *q = impl_from_IDirect3DQuery9(iface);
   struct d3d9_device *device = q->device;

   if (!data)
      size = 0;
   d3d9_state_lock(device);
   const enum query_state state = q->state;
   if (state == QUERY_CREATED) {
      d3d9_state_unlock(device);
      /* Windows' filler for a query that has no result yet. */
      if (size) {
         memset(data, 0, size);
         memset(data, 0xdd, size < q->data_size ? size : q->data_size);
      }
      return S_OK;
   }
   if (state == QUERY_BUILDING) {
      d3d9_state_unlock(device);
      return S_FALSE;
   }

   /* The driver writes the type's whole result: into a buffer of ours. */
   union {
      BYTE bytes[256];
      UINT64 align;
   } result;
   memset(&result, 0, sizeof(result));
   HRESULT hr;
   if (device->worker && q->type == D3DQUERYTYPE_EVENT) {
      hr = d3d9_worker_poll_event(device->worker, q->hquery, q->mark,
                                  &result);
   } else {
      const D3DDDIARG_GETQUERYDATA g = { .hQuery = q->hquery,
                                         .pData = &result };
      hr = device->funcs.pfnGetQueryData(device->hdevice, &g);
   }
   d3d9_state_unlock(device);
   /* D3DGETDATA_FLUSH: the driver submits at IssueQuery(END) already. */
   if (hr == S_FALSE)
      return S_FALSE;
   if (FAILED(hr))
      return D3DERR_INVALIDCALL;
   if (size) {
      const DWORD n = size < q->data_size ? size : q->data_size;
      memcpy(data, &result, n <= sizeof(result) ? n : sizeof(result));
   }
   return S_OK;
}

static const struct IDirect3DQuery9Vtbl query_vtbl = {
   query_QueryInterface,
   query_AddRef,
   query_Release,
   query_GetDevice,
   query_GetType,
   query_GetDataSize,
   query_Issue,
   query_GetData,
};

HRESULT WINAPI
d3d9_device_CreateQuery(IDirect3DDevice9Ex *iface, D3DQUERYTYPE type,
                        IDirect3DQuery9 **query)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);

   /* Types past D3D9's (Windows 10 has an undocumented 0x16) and the
    * ones the driver does not list. */
   if (!query_data_size(type) || !driver_has_query(device, type))
      return D3DERR_NOTAVAILABLE;
   if (!query)
      return D3D_OK;

   struct d3d9_query *q = calloc(1, sizeof(*q));
   if (!q)
      return E_OUTOFMEMORY;
   q->IDirect3DQuery9_iface.lpVtbl = (IDirect3DQuery9Vtbl *)&query_vtbl;
   q->refcount = 1;
   q->device = device;
   q->type = type;
   q->data_size = query_data_size(type);
   q->state = QUERY_CREATED;

   d3d9_state_lock(device);
   D3DDDIARG_CREATEQUERY c = {
      .QueryType = (D3DDDIQUERYTYPE)type,
      .hQuery = q,               /* the runtime's handle */
   };
   HRESULT hr = device->funcs.pfnCreateQuery(device->hdevice, &c);
   d3d9_state_unlock(device);
   if (FAILED(hr)) {
      free(q);
      return hr == E_OUTOFMEMORY ? E_OUTOFMEMORY : D3DERR_NOTAVAILABLE;
   }
   q->hquery = c.hQuery;
   IDirect3DDevice9Ex_AddRef(iface);
   *query = &q->IDirect3DQuery9_iface;
   return D3D_OK;
}

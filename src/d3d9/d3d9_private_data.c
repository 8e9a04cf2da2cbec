/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* Private data (d3d9_private_data.h), with D3D9's rules from Wine's
 * test_private_data: an interface entry must be exactly a pointer's
 * size; a failed Set keeps the old entry; Get with no buffer answers the
 * size; a short buffer gets D3DERR_MOREDATA and the size; Get of an
 * interface entry adds a reference for the caller. */

#include <stdlib.h>
#include <string.h>

#include "d3d9_private_data.h"

struct d3d9_private_entry {
   struct d3d9_private_entry *next;
   GUID guid;
   DWORD flags;
   DWORD size;
   union {
      IUnknown *object;          /* D3DSPD_IUNKNOWN */
      BYTE data[1];
   } u;
};

static struct d3d9_private_entry **
find(struct d3d9_private_store *store, REFGUID guid)
{
   struct d3d9_private_entry **e = &store->entries;
   while (*e && !IsEqualGUID(&(*e)->guid, guid))
      e = &(*e)->next;
   return e;
}

static void
entry_free(struct d3d9_private_entry *e)
{
   if (e->flags & D3DSPD_IUNKNOWN)
      IUnknown_Release(e->u.object);
   free(e);
}

HRESULT
d3d9_private_data_set(struct d3d9_private_store *store, REFGUID guid,
                      const void *data, DWORD size, DWORD flags)
{
   if (!guid)
      return D3DERR_INVALIDCALL;
   const BOOL object = flags & D3DSPD_IUNKNOWN;
   if (object && (size != sizeof(IUnknown *) || !data))
      return D3DERR_INVALIDCALL;
   if (!object && size && !data)
      return D3DERR_INVALIDCALL;

   struct d3d9_private_entry *e =
      malloc(offsetof(struct d3d9_private_entry, u) +
             (object ? sizeof(IUnknown *) : size ? size : 1));
   if (!e)
      return E_OUTOFMEMORY;
   e->guid = *guid;
   e->flags = flags & D3DSPD_IUNKNOWN;
   e->size = size;
   if (object) {
      e->u.object = (IUnknown *)data;
      IUnknown_AddRef(e->u.object);
   } else if (size) {
      memcpy(e->u.data, data, size);
   }
   /* Replace after the new entry exists: the old one's release may run
    * a destructor that looks at the store. */
   struct d3d9_private_entry **old = find(store, guid);
   struct d3d9_private_entry *gone = *old;
   if (gone)
      *old = gone->next;
   e->next = store->entries;
   store->entries = e;
   if (gone)
      entry_free(gone);
   return D3D_OK;
}

HRESULT
d3d9_private_data_get(struct d3d9_private_store *store, REFGUID guid,
                      void *data, DWORD *size)
{
   if (!guid)
      return D3DERR_INVALIDCALL;
   struct d3d9_private_entry *e = *find(store, guid);
   if (!e)
      return D3DERR_NOTFOUND;
   if (!size)
      return D3DERR_INVALIDCALL;
   if (!data) {
      *size = e->size;
      return D3D_OK;
   }
   if (*size < e->size) {
      *size = e->size;
      return D3DERR_MOREDATA;
   }
   *size = e->size;
   if (e->flags & D3DSPD_IUNKNOWN) {
      IUnknown_AddRef(e->u.object);
      memcpy(data, &e->u.object, sizeof(IUnknown *));
   } else if (e->size) {
      memcpy(data, e->u.data, e->size);
   }
   return D3D_OK;
}

HRESULT
d3d9_private_data_free(struct d3d9_private_store *store, REFGUID guid)
{
   if (!guid)
      return D3DERR_INVALIDCALL;
   struct d3d9_private_entry **p = find(store, guid);
   struct d3d9_private_entry *e = *p;
   if (!e)
      return D3DERR_NOTFOUND;
   *p = e->next;
   entry_free(e);
   return D3D_OK;
}

void
d3d9_private_data_fini(struct d3d9_private_store *store)
{
   while (store->entries) {
      struct d3d9_private_entry *e = store->entries;
      store->entries = e->next;
      entry_free(e);
   }
}

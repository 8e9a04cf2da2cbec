/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * IDirect3DResource9's private data: a program's tagged blobs, or
 * interface pointers with D3DSPD_IUNKNOWN (the object then holds a
 * reference on them until the entry is replaced or freed, or the object
 * goes).  Each resource (buffer, surface, texture, volume) has its own
 * store; a texture's levels are resources of their own.
 */

#ifndef D3D9_PRIVATE_DATA_H
#define D3D9_PRIVATE_DATA_H

#include "d3d9_private.h"

struct d3d9_private_entry;

struct d3d9_private_store {
   struct d3d9_private_entry *entries;   /* a list, newest first */
};

HRESULT d3d9_private_data_set(struct d3d9_private_store *store, REFGUID guid,
                              const void *data, DWORD size, DWORD flags);
HRESULT d3d9_private_data_get(struct d3d9_private_store *store, REFGUID guid,
                              void *data, DWORD *size);
HRESULT d3d9_private_data_free(struct d3d9_private_store *store,
                               REFGUID guid);
/* Frees every entry (the object's destruction). */
void d3d9_private_data_fini(struct d3d9_private_store *store);

#endif

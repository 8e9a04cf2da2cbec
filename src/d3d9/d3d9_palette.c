/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The device's texture palettes (SetPaletteEntries and the current
 * palette): D3D9 keeps up to 16384 palettes of 256 entries for P8
 * textures.  The driver reports no palettized formats, so they are only
 * stored and answered, which is what programs can rely on (Wine's d3d9
 * notes that the palette API does not reach the pixels on Windows
 * either).
 */

#include <stdlib.h>
#include <string.h>

#include "d3d9_device.h"

#define D3D9_MAX_PALETTES 16384
#define D3D9_PALETTE_ENTRIES 256

struct d3d9_palettes {
   PALETTEENTRY (*entries)[D3D9_PALETTE_ENTRIES];  /* num of them */
   BOOL *set;
   UINT num;
   UINT current;
};

HRESULT WINAPI
d3d9_device_SetPaletteEntries(IDirect3DDevice9Ex *iface, UINT index,
                              const PALETTEENTRY *entries)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (index >= D3D9_MAX_PALETTES || !entries)
      return D3DERR_INVALIDCALL;
   /* Without D3DPTEXTURECAPS_ALPHAPALETTE every entry is opaque. */
   if (!(device->d3d9->adapter.caps.TextureCaps &
         D3DPTEXTURECAPS_ALPHAPALETTE)) {
      for (unsigned i = 0; i < D3D9_PALETTE_ENTRIES; i++) {
         if (entries[i].peFlags != 0xff) {
            D3D9_LOG("SetPaletteEntries: entry %u has alpha %u without "
                     "D3DPTEXTURECAPS_ALPHAPALETTE", i, entries[i].peFlags);
            return D3DERR_INVALIDCALL;
         }
      }
   }
   struct d3d9_palettes *p = device->palettes;
   if (!p && !(p = device->palettes = calloc(1, sizeof(*p))))
      return E_OUTOFMEMORY;
   if (index >= p->num) {
      UINT num = p->num ? p->num : 16;
      while (num <= index)
         num *= 2;
      void *e = realloc(p->entries, num * sizeof(*p->entries));
      if (!e)
         return E_OUTOFMEMORY;
      p->entries = e;
      BOOL *set = realloc(p->set, num * sizeof(*set));
      if (!set)
         return E_OUTOFMEMORY;
      memset(set + p->num, 0, (num - p->num) * sizeof(*set));
      p->set = set;
      p->num = num;
   }
   memcpy(p->entries[index], entries, sizeof(p->entries[index]));
   p->set[index] = TRUE;
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetPaletteEntries(IDirect3DDevice9Ex *iface, UINT index,
                              PALETTEENTRY *entries)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   const struct d3d9_palettes *p = device->palettes;
   if (!entries || !p || index >= p->num || !p->set[index])
      return D3DERR_INVALIDCALL;
   memcpy(entries, p->entries[index], sizeof(p->entries[index]));
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_SetCurrentTexturePalette(IDirect3DDevice9Ex *iface, UINT index)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   struct d3d9_palettes *p = device->palettes;
   if (!p || index >= p->num || !p->set[index]) {
      D3D9_LOG("SetCurrentTexturePalette: palette %u was never set", index);
      return D3DERR_INVALIDCALL;
   }
   p->current = index;
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_GetCurrentTexturePalette(IDirect3DDevice9Ex *iface, UINT *index)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!index)
      return D3DERR_INVALIDCALL;
   *index = device->palettes ? device->palettes->current : 0;
   return D3D_OK;
}

void
d3d9_palettes_free(struct d3d9_device *device)
{
   struct d3d9_palettes *p = device->palettes;
   if (p) {
      free(p->entries);
      free(p->set);
      free(p);
      device->palettes = NULL;
   }
}

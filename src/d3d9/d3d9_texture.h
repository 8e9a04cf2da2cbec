/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * IDirect3DTexture9, IDirect3DCubeTexture9, IDirect3DVolumeTexture9 and
 * IDirect3DVolume9 (d3d9_texture.c, d3d9_volume.c), the device methods
 * that create and copy surfaces and textures (d3d9_resource.c), and what
 * the runtime knows of D3DFORMAT memory layouts (system-memory pitches).
 */

#ifndef D3D9_TEXTURE_H
#define D3D9_TEXTURE_H

#include "d3d9_object.h"
#include "d3d9_surface.h"

#ifndef MIN
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#endif
#ifndef MAX
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#endif

/* The memory layout of a D3DFORMAT: blocks of block_w x block_h pixels
 * of `bytes` bytes (1x1 for uncompressed formats).  False for formats
 * without a CPU layout the runtime knows (NULL, driver FOURCCs). */
struct d3d9_format_layout {
   UINT block_w, block_h, bytes;
};

static inline BOOL
d3d9_format_layout(D3DFORMAT format, struct d3d9_format_layout *l)
{
   l->block_w = l->block_h = 1;
   switch ((DWORD)format) {
   case D3DFMT_A8: case D3DFMT_L8: case D3DFMT_P8: case D3DFMT_R3G3B2:
   case D3DFMT_A4L4: case D3DFMT_S8_LOCKABLE:
      l->bytes = 1;
      return TRUE;
   case D3DFMT_R5G6B5: case D3DFMT_X1R5G5B5: case D3DFMT_A1R5G5B5:
   case D3DFMT_A4R4G4B4: case D3DFMT_A8R3G3B2: case D3DFMT_X4R4G4B4:
   case D3DFMT_A8L8: case D3DFMT_A8P8: case D3DFMT_V8U8: case D3DFMT_L6V5U5:
   case D3DFMT_D16: case D3DFMT_D16_LOCKABLE: case D3DFMT_D15S1:
   case D3DFMT_L16: case D3DFMT_R16F: case D3DFMT_INDEX16:
      l->bytes = 2;
      return TRUE;
   case D3DFMT_R8G8B8:
      l->bytes = 3;
      return TRUE;
   case D3DFMT_A8R8G8B8: case D3DFMT_X8R8G8B8: case D3DFMT_A2B10G10R10:
   case D3DFMT_A8B8G8R8: case D3DFMT_X8B8G8R8: case D3DFMT_G16R16:
   case D3DFMT_A2R10G10B10: case D3DFMT_X8L8V8U8: case D3DFMT_Q8W8V8U8:
   case D3DFMT_V16U16: case D3DFMT_A2W10V10U10: case D3DFMT_D32:
   case D3DFMT_D24S8: case D3DFMT_D24X8: case D3DFMT_D24X4S4:
   case D3DFMT_D32F_LOCKABLE: case D3DFMT_D24FS8: case D3DFMT_D32_LOCKABLE:
   case D3DFMT_R32F: case D3DFMT_G16R16F: case D3DFMT_INDEX32:
   case MAKEFOURCC('I', 'N', 'T', 'Z'):
      l->bytes = 4;
      return TRUE;
   case D3DFMT_A16B16G16R16: case D3DFMT_Q16W16V16U16:
   case D3DFMT_A16B16G16R16F: case D3DFMT_G32R32F:
      l->bytes = 8;
      return TRUE;
   case D3DFMT_A32B32G32R32F:
      l->bytes = 16;
      return TRUE;
   /* Packed 4:2:2: a 2x1 block in 4 bytes. */
   case D3DFMT_UYVY: case D3DFMT_YUY2: case D3DFMT_R8G8_B8G8:
   case D3DFMT_G8R8_G8B8:
      l->block_w = 2;
      l->bytes = 4;
      return TRUE;
   case D3DFMT_DXT1: case MAKEFOURCC('A', 'T', 'I', '1'):
      l->block_w = l->block_h = 4;
      l->bytes = 8;
      return TRUE;
   case D3DFMT_DXT2: case D3DFMT_DXT3: case D3DFMT_DXT4: case D3DFMT_DXT5:
   case MAKEFOURCC('A', 'T', 'I', '2'):
      l->block_w = l->block_h = 4;
      l->bytes = 16;
      return TRUE;
   default:
      l->bytes = 0;
      return FALSE;
   }
}

static inline BOOL
d3d9_format_is_block_compressed(D3DFORMAT format)
{
   struct d3d9_format_layout l;
   return d3d9_format_layout(format, &l) && l.block_h > 1;
}

/* The runtime's row pitch for `width` pixels: whole blocks, rows 4-byte
 * aligned (D3D9's system-memory surfaces). */
static inline UINT
d3d9_format_pitch(D3DFORMAT format, UINT width)
{
   struct d3d9_format_layout l;
   if (!d3d9_format_layout(format, &l))
      l.bytes = 4;   /* unknown: as a 32-bit format */
   const UINT blocks = (width + l.block_w - 1) / l.block_w;
   return (blocks * l.bytes + 3) & ~3u;
}

/* Rows of blocks in `height` pixel rows. */
static inline UINT
d3d9_format_rows(D3DFORMAT format, UINT height)
{
   struct d3d9_format_layout l;
   if (!d3d9_format_layout(format, &l))
      return height;
   return (height + l.block_h - 1) / l.block_h;
}

static inline BOOL
d3d9_format_is_depth(D3DFORMAT format)
{
   switch ((DWORD)format) {
   case D3DFMT_D16: case D3DFMT_D16_LOCKABLE: case D3DFMT_D15S1:
   case D3DFMT_D32: case D3DFMT_D24S8: case D3DFMT_D24X8:
   case D3DFMT_D24X4S4: case D3DFMT_D32F_LOCKABLE: case D3DFMT_D24FS8:
   case D3DFMT_D32_LOCKABLE: case D3DFMT_S8_LOCKABLE:
   case MAKEFOURCC('I', 'N', 'T', 'Z'): case MAKEFOURCC('D', 'F', '1', '6'):
   case MAKEFOURCC('D', 'F', '2', '4'):
      return TRUE;
   default:
      return FALSE;
   }
}

/* Depth formats the CPU may lock (D3D9: the _LOCKABLE ones). */
/* DXT1-5 resources come in whole blocks at their top level, in every
 * pool (Wine's test_surface_blocks and test_volume_blocks, from Windows);
 * ATI1 and ATI2 are not checked (Wine's test_updatetexture makes a 2x2
 * ATI2 texture). */
static inline BOOL
d3d9_format_size_ok(D3DFORMAT format, UINT width, UINT height)
{
   switch (format) {
   case D3DFMT_DXT1: case D3DFMT_DXT2: case D3DFMT_DXT3:
   case D3DFMT_DXT4: case D3DFMT_DXT5:
      return !(width % 4) && !(height % 4);
   default:
      return TRUE;
   }
}

/* Whether a rectangle of a WxH surface starts on a block and ends on one
 * or on the surface's edge (always, for formats without blocks). */
static inline BOOL
d3d9_rect_on_blocks(D3DFORMAT format, UINT width, UINT height,
                    const RECT *r)
{
   struct d3d9_format_layout l;
   if (!d3d9_format_layout(format, &l))
      return TRUE;
   const LONG bw = l.block_w, bh = l.block_h;
   return !(r->left % bw) && !(r->top % bh) &&
          (!(r->right % bw) || r->right == (LONG)width) &&
          (!(r->bottom % bh) || r->bottom == (LONG)height);
}

static inline BOOL
d3d9_format_is_lockable_depth(D3DFORMAT format)
{
   return format == D3DFMT_D16_LOCKABLE || format == D3DFMT_D32F_LOCKABLE ||
          format == D3DFMT_D32_LOCKABLE || format == D3DFMT_S8_LOCKABLE;
}

struct d3d9_volume;

/* A texture of any of the three kinds: one driver resource, its levels
 * as d3d9_surfaces (faces x levels, face-major, the driver's
 * subresource order) or d3d9_volumes.  IDirect3DBaseTexture9_iface holds
 * the kind's own vtable (the three interfaces begin with the base
 * interface's methods); d3d9_object.h's layout, so the state can bind
 * it. */
struct d3d9_texture {
   IDirect3DBaseTexture9 IDirect3DBaseTexture9_iface;
   struct d3d9_bindable bindable;   /* d3d9_object.h: refs, binds, device */
   struct d3d9_device *device;
   D3DRESOURCETYPE type;
   D3DFORMAT format;
   DWORD usage;
   D3DPOOL pool;
   UINT width, height, depth;
   UINT levels;                 /* the resource's (autogen: the chain) */
   UINT faces;                  /* 6 for cube textures, else 1 */
   HANDLE hresource;            /* the driver's */
   DWORD lod;
   DWORD priority;              /* the managed pool's (SetPriority) */
   D3DTEXTUREFILTERTYPE autogen_filter;
   BOOL autogen_dirty;          /* level 0 changed since the last generation */
   struct d3d9_surface **surfaces;
   struct d3d9_volume **volumes;
   void *mem;                   /* system memory pools: every level */
   /* AddDirtyRect/AddDirtyBox, per face: the union of what the program
    * named (all: the whole level 0).  Managed-pool uploads read it. */
   BOOL dirty[6];
   D3DBOX dirty_box[6];
   struct d3d9_private_store private_data;
   BOOL user_mem;               /* `mem` is the program's (Ex) */
   /* D3DPOOL_MANAGED: hresource is the system copy (locks, copies), in
    * the runtime's memory; hvideo what draws sample, brought up to date
    * from the copy before a draw that binds it when dirty. */
   HANDLE hvideo;
   BOOL managed_dirty;
};

struct d3d9_volume {
   IDirect3DVolume9 IDirect3DVolume9_iface;
   struct d3d9_texture *texture;   /* container: AddRef/Release go there */
   UINT level;
   D3DVOLUME_DESC desc;
   UINT lock_count;
   struct d3d9_private_store private_data;
};

/* Creates a texture of TYPE (D3DRTYPE_TEXTURE, _CUBETEXTURE,
 * _VOLUMETEXTURE) after D3D9's checks; the program's reference is the
 * one returned, and it holds one on the device.  USER_MEM (D3D9Ex,
 * one-level system-memory textures): the program's memory, rows packed
 * without padding, is the texture's. */
HRESULT d3d9_texture_create(struct d3d9_device *device, D3DRESOURCETYPE type,
                            UINT width, UINT height, UINT depth, UINT levels,
                            DWORD usage, D3DFORMAT format, D3DPOOL pool,
                            void *user_mem, struct d3d9_texture **out);

/* The texture behind a base texture pointer from the program; NULL for
 * NULL or a foreign object. */
struct d3d9_texture *d3d9_texture_from_base(IDirect3DBaseTexture9 *iface);
/* The texture a surface or volume container is; NULL if none. */
struct d3d9_texture *d3d9_texture_from_container(IUnknown *container);
/* The levels the program sees (autogen: 1). */
UINT d3d9_texture_visible_levels(const struct d3d9_texture *texture);
/* The level surface of face/level, NULL when out of range. */
struct d3d9_surface *d3d9_texture_surface(struct d3d9_texture *texture,
                                          UINT face, UINT level);
/* A visible level changed (locks, blits, fills): autogen textures
 * regenerate their chain; draws call _flush_autogen before sampling. */
void d3d9_texture_level_changed(struct d3d9_texture *texture, UINT level);
void d3d9_texture_flush_autogen(struct d3d9_texture *texture);
/* What draws bind: the driver resource, brought up to date (autogen
 * levels, the managed pool's upload). */
HANDLE d3d9_texture_gpu_handle(struct d3d9_texture *texture);

/* d3d9_volume.c */
HRESULT d3d9_volume_create(struct d3d9_texture *texture, UINT level,
                           struct d3d9_volume **out);
void d3d9_volume_destroy(struct d3d9_volume *volume);
/* One volume level of DESC's size from SRC's subresource to DST's,
 * through the driver's locks (VolBlt names no level). */
HRESULT d3d9_volume_copy(struct d3d9_device *device, HANDLE src,
                         UINT src_sub, HANDLE dst, UINT dst_sub,
                         const D3DVOLUME_DESC *desc);
HRESULT d3d9_volume_lock(struct d3d9_volume *volume, D3DLOCKED_BOX *locked,
                         const D3DBOX *box, DWORD flags);
HRESULT d3d9_volume_unlock(struct d3d9_volume *volume);

/* d3d9_surface.c: a texture's level surface over the texture's
 * resource (no resource of its own, the container's lifetime). */
HRESULT d3d9_surface_create_level(struct d3d9_device *device,
                                  IUnknown *container,
                                  const D3DSURFACE_DESC *desc,
                                  HANDLE hresource, UINT sub,
                                  struct d3d9_surface **out);
struct d3d9_surface *d3d9_surface_from_iface(IDirect3DSurface9 *iface);

#endif

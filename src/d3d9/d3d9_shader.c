/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * IDirect3DVertexShader9, IDirect3DPixelShader9 and
 * IDirect3DVertexDeclaration9: each a driver object
 * (CreateVertexShaderFunc, CreatePixelShader, CreateVertexShaderDecl)
 * and the program's own copy of what it was made from, which GetFunction
 * and GetDeclaration give back.
 */

#include <stdlib.h>
#include <string.h>

#include "d3d9_fvf.h"
#include "d3d9_shader.h"

/* The length in DWORDs of a shader's token stream up to and including
 * its end token, comments skipped; 0 for a stream that ends too soon.
 * The driver validates the program itself; this bounds the copy. */
static UINT
token_count(const DWORD *code)
{
   const UINT max = 1u << 20;
   if (!code)
      return 0;
   for (UINT i = 1; i < max;) {
      const DWORD t = code[i];
      if (t == 0x0000ffff)
         return i + 1;
      if ((t & 0xffff) == 0xfffe) {   /* a comment: skip its DWORDs */
         i += 1 + ((t >> 16) & 0x7fff);
         continue;
      }
      i++;
   }
   return 0;
}

static void
shader_destroy(struct d3d9_bindable *b)
{
   struct d3d9_shader *sh = CONTAINING_RECORD(b, struct d3d9_shader,
                                              bindable);
   struct d3d9_device *device = b->device;
   if (sh->handle) {
      switch (sh->kind) {
      case D3D9_SHADER_VS:
         device->funcs.pfnDeleteVertexShaderFunc(device->hdevice,
                                                 sh->handle);
         break;
      case D3D9_SHADER_PS:
         device->funcs.pfnDeletePixelShader(device->hdevice, sh->handle);
         break;
      case D3D9_SHADER_DECL:
         device->funcs.pfnDeleteVertexShaderDecl(device->hdevice,
                                                 sh->handle);
         break;
      }
   }
   free(sh->data);
   free(sh);
}

#define SHADER_IUNKNOWN(Iface, prefix, iid)                                 \
   static inline struct d3d9_shader *prefix##_impl(Iface *iface)           \
   {                                                                        \
      return CONTAINING_RECORD(iface, struct d3d9_shader, iface);          \
   }                                                                        \
   static HRESULT WINAPI prefix##_QueryInterface(Iface *iface, REFIID riid, \
                                                 void **out)               \
   {                                                                        \
      if (IsEqualGUID(riid, &iid) || IsEqualGUID(riid, &IID_IUnknown)) {    \
         d3d9_bindable_addref(&prefix##_impl(iface)->bindable);             \
         *out = iface;                                                      \
         return S_OK;                                                       \
      }                                                                     \
      *out = NULL;                                                          \
      return E_NOINTERFACE;                                                 \
   }                                                                        \
   static ULONG WINAPI prefix##_AddRef(Iface *iface)                        \
   {                                                                        \
      return d3d9_bindable_addref(&prefix##_impl(iface)->bindable);         \
   }                                                                        \
   static ULONG WINAPI prefix##_Release(Iface *iface)                       \
   {                                                                        \
      return d3d9_bindable_release(&prefix##_impl(iface)->bindable);        \
   }                                                                        \
   static HRESULT WINAPI prefix##_GetDevice(Iface *iface,                   \
                                            IDirect3DDevice9 **device)      \
   {                                                                        \
      if (!device)                                                          \
         return D3DERR_INVALIDCALL;                                         \
      *device = (IDirect3DDevice9 *)                                        \
         &prefix##_impl(iface)->bindable.device->IDirect3DDevice9Ex_iface;  \
      IDirect3DDevice9_AddRef(*device);                                     \
      return D3D_OK;                                                        \
   }

SHADER_IUNKNOWN(IDirect3DVertexShader9, vs, IID_IDirect3DVertexShader9)
SHADER_IUNKNOWN(IDirect3DPixelShader9, ps, IID_IDirect3DPixelShader9)
SHADER_IUNKNOWN(IDirect3DVertexDeclaration9, decl,
                IID_IDirect3DVertexDeclaration9)

/* GetFunction / GetDeclaration: the size with a NULL buffer, else the
 * copy (D3DERR_INVALIDCALL when the buffer is too small). */
static HRESULT
get_data(const struct d3d9_shader *sh, void *data, UINT *size)
{
   if (!size)
      return D3DERR_INVALIDCALL;
   if (!data) {
      *size = sh->size;
      return D3D_OK;
   }
   if (*size < sh->size)
      return D3DERR_INVALIDCALL;
   memcpy(data, sh->data, sh->size);
   *size = sh->size;
   return D3D_OK;
}

static HRESULT WINAPI
vs_GetFunction(IDirect3DVertexShader9 *iface, void *data, UINT *size)
{
   return get_data(vs_impl(iface), data, size);
}

static HRESULT WINAPI
ps_GetFunction(IDirect3DPixelShader9 *iface, void *data, UINT *size)
{
   return get_data(ps_impl(iface), data, size);
}

static HRESULT WINAPI
decl_GetDeclaration(IDirect3DVertexDeclaration9 *iface,
                    D3DVERTEXELEMENT9 *elements, UINT *count)
{
   struct d3d9_shader *sh = decl_impl(iface);
   if (!count)
      return D3DERR_INVALIDCALL;
   const UINT n = sh->size / sizeof(D3DVERTEXELEMENT9);
   /* The count includes D3DDECL_END; a NULL array asks for it. */
   if (elements)
      memcpy(elements, sh->data, sh->size);
   *count = n;
   return D3D_OK;
}

static const struct IDirect3DVertexShader9Vtbl vs_vtbl = {
   vs_QueryInterface, vs_AddRef, vs_Release, vs_GetDevice, vs_GetFunction,
};

static const struct IDirect3DPixelShader9Vtbl ps_vtbl = {
   ps_QueryInterface, ps_AddRef, ps_Release, ps_GetDevice, ps_GetFunction,
};

static const struct IDirect3DVertexDeclaration9Vtbl decl_vtbl = {
   decl_QueryInterface, decl_AddRef, decl_Release, decl_GetDevice,
   decl_GetDeclaration,
};

static struct d3d9_shader *
shader_new(enum d3d9_shader_kind kind, const void *data, UINT size)
{
   struct d3d9_shader *sh = calloc(1, sizeof(*sh));
   if (!sh)
      return NULL;
   sh->data = malloc(size);
   if (!sh->data) {
      free(sh);
      return NULL;
   }
   memcpy(sh->data, data, size);
   sh->size = size;
   sh->kind = kind;
   sh->iface = kind == D3D9_SHADER_VS ? (const void *)&vs_vtbl :
               kind == D3D9_SHADER_PS ? (const void *)&ps_vtbl :
                                        (const void *)&decl_vtbl;
   return sh;
}

/* CreateVertexShader / CreatePixelShader: the token stream checked for its
 * version token's type and its end, copied, and made a driver object. */
static HRESULT
create_shader(IDirect3DDevice9Ex *iface, enum d3d9_shader_kind kind,
              const DWORD *code, void **out)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!out)
      return D3DERR_INVALIDCALL;
   *out = NULL;
   const UINT n = token_count(code);
   const DWORD type = kind == D3D9_SHADER_VS ? 0xfffe0000 : 0xffff0000;
   if (!n || (code[0] & 0xffff0000) != type)
      return D3DERR_INVALIDCALL;
   struct d3d9_shader *sh = shader_new(kind, code, n * 4);
   if (!sh)
      return E_OUTOFMEMORY;
   HRESULT hr;
   if (kind == D3D9_SHADER_VS) {
      D3DDDIARG_CREATEVERTEXSHADERFUNC a = { .Size = n * 4 };
      hr = device->funcs.pfnCreateVertexShaderFunc(device->hdevice, &a,
                                                   (const UINT *)code);
      sh->handle = a.ShaderHandle;
   } else {
      D3DDDIARG_CREATEPIXELSHADER a = { .CodeSize = n * 4 };
      hr = device->funcs.pfnCreatePixelShader(device->hdevice, &a,
                                              (const UINT *)code);
      sh->handle = a.ShaderHandle;
   }
   if (FAILED(hr)) {
      free(sh->data);
      free(sh);
      return D3DERR_INVALIDCALL;
   }
   d3d9_bindable_init(&sh->bindable, device, shader_destroy);
   *out = &sh->iface;
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_CreateVertexShader(IDirect3DDevice9Ex *iface, const DWORD *code,
                               IDirect3DVertexShader9 **out)
{
   return create_shader(iface, D3D9_SHADER_VS, code, (void **)out);
}

HRESULT WINAPI
d3d9_device_CreatePixelShader(IDirect3DDevice9Ex *iface, const DWORD *code,
                              IDirect3DPixelShader9 **out)
{
   return create_shader(iface, D3D9_SHADER_PS, code, (void **)out);
}

HRESULT
d3d9_vertex_declaration_create(struct d3d9_device *device,
                               const D3DVERTEXELEMENT9 *elements, DWORD fvf,
                               struct d3d9_shader **out)
{
   UINT n = 0;
   /* Up to MAXD3DDECLLENGTH elements and the end marker. */
   while (n <= MAXD3DDECLLENGTH && elements[n].Stream != 0xff)
      n++;
   if (n > MAXD3DDECLLENGTH)
      return D3DERR_INVALIDCALL;
   /* D3DDECLTYPE_UNUSED and offsets off a 4-byte boundary are E_FAIL
    * (Wine's test_unused_declaration_type and
    * test_vertex_declaration_alignment, from Windows). */
   for (UINT i = 0; i < n; i++) {
      if (elements[i].Stream >= D3D9_MAX_STREAMS)
         return D3DERR_INVALIDCALL;
      if (elements[i].Type > D3DDECLTYPE_FLOAT16_4 ||
          (elements[i].Offset & 3))
         return E_FAIL;
   }
   struct d3d9_shader *sh = shader_new(D3D9_SHADER_DECL, elements,
                                       (n + 1) * sizeof(*elements));
   if (!sh)
      return E_OUTOFMEMORY;
   sh->fvf = fvf;
   /* The driver takes the elements without D3DDECL_END
    * (processing-shader-codes.md); D3DDDIVERTEXELEMENT is
    * D3DVERTEXELEMENT9's layout. */
   D3DDDIARG_CREATEVERTEXSHADERDECL a = { .NumVertexElements = n };
   HRESULT hr = device->funcs.pfnCreateVertexShaderDecl(
      device->hdevice, &a, (const D3DDDIVERTEXELEMENT *)elements);
   if (FAILED(hr)) {
      free(sh->data);
      free(sh);
      return D3DERR_INVALIDCALL;
   }
   sh->handle = a.ShaderHandle;
   d3d9_bindable_init(&sh->bindable, device, shader_destroy);
   *out = sh;
   return D3D_OK;
}

HRESULT WINAPI
d3d9_device_CreateVertexDeclaration(IDirect3DDevice9Ex *iface,
                                    const D3DVERTEXELEMENT9 *elements,
                                    IDirect3DVertexDeclaration9 **out)
{
   struct d3d9_device *device = impl_from_IDirect3DDevice9Ex(iface);
   if (!out)
      return D3DERR_INVALIDCALL;
   *out = NULL;
   if (!elements)
      return D3DERR_INVALIDCALL;
   struct d3d9_shader *sh;
   HRESULT hr = d3d9_vertex_declaration_create(device, elements,
                                               d3d9_fvf_from_elements(elements),
                                               &sh);
   if (SUCCEEDED(hr))
      *out = (IDirect3DVertexDeclaration9 *)&sh->iface;
   return hr;
}

struct d3d9_shader *
d3d9_shader_from_iface(void *iface)
{
   return iface ? CONTAINING_RECORD(iface, struct d3d9_shader, iface) : NULL;
}

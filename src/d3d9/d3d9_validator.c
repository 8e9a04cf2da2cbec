/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Direct3DShaderValidatorCreate9: the shader validator object d3dx9 and
 * the D3D9 debug layer use.  Its interface has no public header; its
 * methods are QueryInterface, AddRef, Release, Begin(callback, context,
 * flags), Instruction(file, line, tokens, count) and End().  Shaders are
 * validated where they are created (the driver's reader rejects what it
 * cannot translate), so this one accepts every instruction, as Wine's
 * does.
 */

#include <stdlib.h>

#include "d3d9_private.h"

struct validator;

struct validator_vtbl {
   HRESULT (WINAPI *QueryInterface)(struct validator *v, REFIID iid,
                                    void **out);
   ULONG (WINAPI *AddRef)(struct validator *v);
   ULONG (WINAPI *Release)(struct validator *v);
   HRESULT (WINAPI *Begin)(struct validator *v, void *callback,
                           void *context, DWORD flags);
   HRESULT (WINAPI *Instruction)(struct validator *v, const char *file,
                                 int line, const DWORD *tokens,
                                 DWORD count);
   HRESULT (WINAPI *End)(struct validator *v);
};

struct validator {
   const struct validator_vtbl *vtbl;
   LONG refcount;
};

static HRESULT WINAPI
validator_QueryInterface(struct validator *v, REFIID iid, void **out)
{
   if (IsEqualGUID(iid, &IID_IUnknown)) {
      v->vtbl->AddRef(v);
      *out = v;
      return S_OK;
   }
   *out = NULL;
   return E_NOINTERFACE;
}

static ULONG WINAPI
validator_AddRef(struct validator *v)
{
   return InterlockedIncrement(&v->refcount);
}

static ULONG WINAPI
validator_Release(struct validator *v)
{
   const ULONG r = InterlockedDecrement(&v->refcount);
   if (!r)
      free(v);
   return r;
}

static HRESULT WINAPI
validator_Begin(struct validator *v, void *callback, void *context,
                DWORD flags)
{
   return S_OK;
}

static HRESULT WINAPI
validator_Instruction(struct validator *v, const char *file, int line,
                      const DWORD *tokens, DWORD count)
{
   return S_OK;
}

static HRESULT WINAPI
validator_End(struct validator *v)
{
   return S_OK;
}

static const struct validator_vtbl validator_vtbl = {
   validator_QueryInterface, validator_AddRef, validator_Release,
   validator_Begin, validator_Instruction, validator_End,
};

void *
d3d9_shader_validator_create(void)
{
   struct validator *v = calloc(1, sizeof(*v));
   if (!v)
      return NULL;
   v->vtbl = &validator_vtbl;
   v->refcount = 1;
   return v;
}

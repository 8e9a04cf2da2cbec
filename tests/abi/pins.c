/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* Layout facts derived by hand from the reference's declarations for the
 * Windows x64 ABI (UINT 4 bytes, HANDLE and pointers 8, natural alignment);
 * compiled by both the native compiler and x86_64-w64-mingw32-gcc. */

#include <stddef.h>

#include "d3dumddi.h"

#define PIN(expr) _Static_assert(expr, #expr)

PIN(sizeof(UINT) == 4);
PIN(sizeof(DWORD) == 4);
PIN(sizeof(LONG) == 4);
PIN(sizeof(HANDLE) == 8);
PIN(sizeof(D3DKMT_HANDLE) == 4);
PIN(sizeof(D3DGPU_VIRTUAL_ADDRESS) == 8);

/* Flag unions are one UINT. */
PIN(sizeof(D3DDDI_LOCKFLAGS) == 4);
PIN(sizeof(D3DDDI_LOCKASYNCFLAGS) == 4);
PIN(sizeof(D3DDDICB_LOCKFLAGS) == 4);
PIN(sizeof(D3DDDI_RESOURCEFLAGS) == 4);

/* HANDLE, UINT, union { RANGE 8, RECT 16, BOX 24 } at 12, then pointer
 * at 40, two UINTs, the flags: 60, rounded to 64. */
PIN(offsetof(D3DDDIARG_LOCK, SubResourceIndex) == 8);
PIN(offsetof(D3DDDIARG_LOCK, Box) == 12);
PIN(offsetof(D3DDDIARG_LOCK, pSurfData) == 40);
PIN(offsetof(D3DDDIARG_LOCK, Pitch) == 48);
PIN(offsetof(D3DDDIARG_LOCK, Flags) == 56);
PIN(sizeof(D3DDDIARG_LOCK) == 64);

PIN(offsetof(D3DDDIARG_OPENADAPTER, Interface) == 8);
PIN(offsetof(D3DDDIARG_OPENADAPTER, pAdapterCallbacks) == 16);
PIN(offsetof(D3DDDIARG_OPENADAPTER, DriverVersion) == 32);
PIN(sizeof(D3DDDIARG_OPENADAPTER) == 40);

PIN(sizeof(D3DDDI_ADAPTERFUNCS) == 3 * 8);
PIN(offsetof(D3DDDIARG_GETCAPS, pInfo) == 8);
PIN(sizeof(D3DDDIARG_GETCAPS) == 32);
PIN(sizeof(FORMATOP) == 20);

PIN(offsetof(D3DDDIARG_CREATEDEVICE, pCallbacks) == 16);
PIN(offsetof(D3DDDIARG_CREATEDEVICE, pDeviceFuncs) == 72);
PIN(offsetof(D3DDDIARG_CREATEDEVICE, Flags) == 80);
PIN(sizeof(D3DDDIARG_CREATEDEVICE) == 96);

PIN(offsetof(D3DDDICB_LOCK, pPages) == 16);
PIN(offsetof(D3DDDICB_LOCK, pData) == 24);
PIN(offsetof(D3DDDICB_LOCK, Flags) == 32);
PIN(sizeof(D3DDDICB_LOCK) == 48);

/* The WIN8 device table: 121 slots up to pfnResolveSharedResource, 10
 * WIN8 slots from pfnVolBlt1 (ns-d3dumddi-_d3dddi_devicefuncs.md). */
PIN(offsetof(D3DDDI_DEVICEFUNCS, pfnVolBlt1) == 121 * 8);
PIN(sizeof(D3DDDI_DEVICEFUNCS) == 131 * 8);
/* 22 callbacks before the WIN8 ones, 6 WIN8 callbacks. */
PIN(offsetof(D3DDDI_DEVICECALLBACKS, pfnOfferAllocationsCb) == 22 * 8);
PIN(sizeof(D3DDDI_DEVICECALLBACKS) == 28 * 8);

/* Present: HANDLE, UINT (+4), HANDLE, UINT, the flags, the interval enum:
 * 36, rounded to 40.  The present callback: two 4-byte allocation
 * handles, then the context at 8. */
PIN(sizeof(D3DDDI_PRESENTFLAGS) == 4);
PIN(offsetof(D3DDDIARG_PRESENT, hDstResource) == 16);
PIN(offsetof(D3DDDIARG_PRESENT, Flags) == 28);
PIN(offsetof(D3DDDIARG_PRESENT, FlipInterval) == 32);
PIN(sizeof(D3DDDIARG_PRESENT) == 40);
PIN(offsetof(D3DDDICB_PRESENT, hContext) == 8);
PIN(sizeof(D3DDDIARG_SETDISPLAYMODE) == 16);
PIN(sizeof(D3DDDICB_SETDISPLAYMODE) == 8);

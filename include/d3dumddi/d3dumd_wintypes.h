/*
 * mesa-d3dumd: Windows base types needed by the D3D9 user-mode DDI headers.
 *
 * The DDI is a Windows x64 (LLP64) ABI: UINT/DWORD/LONG/ULONG are 32-bit,
 * HANDLE, pointers and the *_PTR integer types are 64-bit, and every DDI
 * entry point and callback uses the Microsoft x64 calling convention.
 *
 * On _WIN32 everything comes from <windows.h> (pulled in by Mesa's
 * d3d9types.h); this file then adds nothing that windows.h defines.
 * Elsewhere Mesa's d3d9types.h supplies DWORD, UINT, HANDLE, RECT, POINT,
 * GUID, LUID, LARGE_INTEGER, HRESULT, ... and this file adds the rest.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef D3DUMD_WINTYPES_H
#define D3DUMD_WINTYPES_H

#include "d3d9types.h"

#ifdef _WIN32

#include <windows.h>

#ifndef APIENTRY
#define APIENTRY WINAPI
#endif

#else /* !_WIN32 */

#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__) && !defined(__ILP32__)
#  define APIENTRY __attribute__((ms_abi))
#elif defined(__i386__)
#  define APIENTRY __attribute__((__stdcall__))
#else
#  define APIENTRY
#endif

#ifndef CALLBACK
#define CALLBACK
#endif

#ifndef VOID
#define VOID void
#endif
#ifndef CONST
#define CONST const
#endif

#ifndef DECLSPEC_ALIGN
#define DECLSPEC_ALIGN(x) __attribute__((__aligned__(x)))
#endif

typedef void *PVOID;
typedef unsigned char UCHAR;
typedef unsigned char BOOLEAN;
typedef char CHAR;
typedef uint16_t UINT16;
typedef int32_t INT32;
typedef int64_t INT64;
typedef uint8_t UINT8;

/* Windows' WCHAR is UTF-16; wchar_t is 32-bit on Linux, so do not use it. */
typedef uint16_t WCHAR;
typedef WCHAR *LPWSTR;
typedef const WCHAR *LPCWSTR;
typedef CHAR *LPSTR;
typedef const CHAR *LPCSTR;

/* Pointer-sized integers (64-bit on x64). */
typedef uint64_t UINT_PTR;
typedef int64_t INT_PTR;
typedef uint64_t ULONG_PTR;
typedef int64_t LONG_PTR;
typedef ULONG_PTR SIZE_T;

typedef struct tagSIZE {
    LONG cx;
    LONG cy;
} SIZE, *PSIZE, *LPSIZE;

/* Mesa's d3d9types.h builds HRESULTs as ((HRESULT)1 << 31) | ...: a shift
 * into the sign bit of an int, undefined behaviour that UBSan reports at
 * every E_FAIL.  Same values, computed in unsigned arithmetic; the
 * conversion back to HRESULT is implementation-defined (two's complement
 * in GCC and Clang), not undefined. */
#undef MAKE_HRESULT
#define MAKE_HRESULT(sev, fac, code) \
   ((HRESULT)(((uint32_t)(sev) << 31) | ((uint32_t)(fac) << 16) | (uint32_t)(code)))
#undef E_OUTOFMEMORY
#undef E_NOINTERFACE
#undef E_POINTER
#undef E_FAIL
#define E_OUTOFMEMORY ((HRESULT)0x8007000EL)
#define E_NOINTERFACE ((HRESULT)0x80004002L)
#define E_POINTER     ((HRESULT)0x80004003L)
#define E_FAIL        ((HRESULT)0x80004005L)

#endif /* !_WIN32 */

/* HRESULTs the DDI uses that Mesa's non-Windows d3d9types.h lacks. */
#ifndef E_NOTIMPL
#define E_NOTIMPL ((HRESULT)0x80004001L)
#endif
#ifndef E_INVALIDARG
#define E_INVALIDARG ((HRESULT)0x80070057L)
#endif
#ifndef E_OUTOFMEMORY
#define E_OUTOFMEMORY ((HRESULT)0x8007000EL)
#endif
#ifndef E_FAIL
#define E_FAIL ((HRESULT)0x80004005L)
#endif
#ifndef S_OK
#define S_OK ((HRESULT)0)
#endif
#ifndef S_FALSE
#define S_FALSE ((HRESULT)1)
#endif

#endif /* D3DUMD_WINTYPES_H */

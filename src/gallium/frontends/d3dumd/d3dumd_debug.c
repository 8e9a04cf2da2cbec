/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* D3DUMD_DEBUG flags, logging, and the *_to_str dumpers used by traces. */

#include <stdarg.h>
#include <stdio.h>

#include "d3dumd_private.h"

#include "util/u_debug.h"

static const struct debug_named_value d3dumd_debug_options[] = {
   { "trace", D3DUMD_DEBUG_TRACE, "Print every DDI call and its arguments" },
   { "user",  D3DUMD_DEBUG_USER,  "Print failed input checks and the code returned" },
   { "lock",  D3DUMD_DEBUG_LOCK,  "Print lock, unlock and rename decisions" },
   { "caps",  D3DUMD_DEBUG_CAPS,  "Print the caps and formats reported to the runtime" },
   { "stats", D3DUMD_DEBUG_STATS, "Print lock, renaming, present and shader cache counters at DestroyDevice" },
   { "shader", D3DUMD_DEBUG_SHADER, "Dump D3D9 shader bytecode at creation (rejected programs always)" },
   { "nir",   D3DUMD_DEBUG_NIR,   "Print the NIR of each shader variant compiled" },
   DEBUG_NAMED_VALUE_END
};

DEBUG_GET_ONCE_FLAGS_OPTION(d3dumd_debug, "D3DUMD_DEBUG",
                            d3dumd_debug_options, 0)

/* The once-macro's static initialisation is not thread-safe: the adapter
 * reads it once in OpenAdapter and keeps the word (STYLE.md). */
uint64_t
d3dumd_debug_flags(void)
{
   return debug_get_option_d3dumd_debug();
}

void
d3dumd_log(uint64_t debug, uint64_t flag, const char *func,
           const char *fmt, ...)
{
   if (likely(!(debug & flag)))
      return;

   char msg[512];
   va_list ap;
   va_start(ap, fmt);
   vsnprintf(msg, sizeof(msg), fmt, ap);
   va_end(ap);
   fprintf(stderr, "d3dumd: %s: %s\n", func, msg);
}

HRESULT
d3dumd_error_at(uint64_t debug, HRESULT hr, const char *file, int line,
                const char *func)
{
   if (debug & (D3DUMD_DEBUG_USER | D3DUMD_DEBUG_TRACE))
      fprintf(stderr, "d3dumd: %s (%s:%d): returning %s\n", func, file, line,
              d3dumd_hresult_to_str(hr));
   return hr;
}

const char *
d3dumd_hresult_to_str(HRESULT hr)
{
   /* Values, not the E_* macros: Mesa's MAKE_HRESULT shifts into the sign
    * bit, which UBSan does not accept as a constant expression. */
   static const struct {
      uint32_t hr;
      const char *name;
   } names[] = {
      { 0x00000000u, "S_OK" },
      { 0x00000001u, "S_FALSE" },
      { 0x80004005u, "E_FAIL" },
      { 0x8007000Eu, "E_OUTOFMEMORY" },
      { 0x80070057u, "E_INVALIDARG" },
      { 0x80004001u, "E_NOTIMPL" },
      { 0x8876021Cu, "D3DDDIERR_WASSTILLDRAWING" },
      { 0x8876086Au, "D3DDDIERR_NOTAVAILABLE" },
      { 0x88760870u, "D3DDDIERR_DEVICEREMOVED" },
      { 0x8876087Bu, "D3DDDIERR_UNSUPPORTEDOVERLAY" },
   };
   for (unsigned i = 0; i < ARRAY_SIZE(names); i++) {
      if ((uint32_t)hr == names[i].hr)
         return names[i].name;
   }
   return "(other HRESULT)";
}

const char *
d3dumd_caps_type_to_str(D3DDDICAPS_TYPE type)
{
   static const char *names[] = {
#define N(x) [D3DDDICAPS_##x] = #x
      N(DDRAW), N(DDRAW_MODE_SPECIFIC), N(GETFORMATCOUNT), N(GETFORMATDATA),
      N(GETMULTISAMPLEQUALITYLEVELS), N(GETD3DQUERYCOUNT),
      N(GETD3DQUERYDATA), N(GETD3D3CAPS), N(GETD3D5CAPS), N(GETD3D6CAPS),
      N(GETD3D7CAPS), N(GETD3D8CAPS), N(GETD3D9CAPS),
      N(GETDECODEGUIDCOUNT), N(GETDECODEGUIDS), N(GETDECODERTFORMATCOUNT),
      N(GETDECODERTFORMATS), N(GETDECODECOMPRESSEDBUFFERINFOCOUNT),
      N(GETDECODECOMPRESSEDBUFFERINFO), N(GETDECODECONFIGURATIONCOUNT),
      N(GETDECODECONFIGURATIONS), N(GETVIDEOPROCESSORDEVICEGUIDCOUNT),
      N(GETVIDEOPROCESSORDEVICEGUIDS), N(GETVIDEOPROCESSORRTFORMATCOUNT),
      N(GETVIDEOPROCESSORRTFORMATS),
      N(GETVIDEOPROCESSORRTSUBSTREAMFORMATCOUNT),
      N(GETVIDEOPROCESSORRTSUBSTREAMFORMATS), N(GETVIDEOPROCESSORCAPS),
      N(GETPROCAMPRANGE), N(FILTERPROPERTYRANGE), N(GETEXTENSIONGUIDCOUNT),
      N(GETEXTENSIONGUIDS), N(GETEXTENSIONCAPS), N(GETGAMMARAMPCAPS),
      N(CHECKOVERLAYSUPPORT), N(DXVAHD_GETVPDEVCAPS),
      N(DXVAHD_GETVPOUTPUTFORMATS), N(DXVAHD_GETVPINPUTFORMATS),
      N(DXVAHD_GETVPCAPS), N(DXVAHD_GETVPCUSTOMRATES),
      N(DXVAHD_GETVPFILTERRANGE), N(GETCONTENTPROTECTIONCAPS),
      N(GETCERTIFICATESIZE), N(GETCERTIFICATE), N(GET_ARCHITECTURE_INFO),
      N(GET_SHADER_MIN_PRECISION_SUPPORT), N(GET_MULTIPLANE_OVERLAY_CAPS),
      N(GET_MULTIPLANE_OVERLAY_FILTER_RANGE),
#undef N
   };
   if ((unsigned)type < ARRAY_SIZE(names) && names[type])
      return names[type];
   return "(unknown caps type)";
}

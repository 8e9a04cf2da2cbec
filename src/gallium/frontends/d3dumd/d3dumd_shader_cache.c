/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The shader variants' translations, kept across runs with Mesa's
 * util/disk_cache: a variant is the NIR the translator made from a
 * program's tokens and a variant key, so (tokens, key) names it, within
 * a cache made for this build of the driver (its build-id, which covers
 * the translator and the Gallium driver linked into it) and this screen
 * (its name: the driver and, for hardware and zink, the device).  The
 * cache holds serialized NIR; the Gallium driver compiles it as it would
 * a fresh translation, with its own disk cache where it has one.
 *
 * Mesa's environment applies: MESA_SHADER_CACHE_DISABLE=true turns it
 * off, MESA_SHADER_CACHE_DIR moves it, MESA_SHADER_CACHE_MAX_SIZE bounds
 * it.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "d3dumd_private.h"
#include "d3dumd_render.h"

#include "compiler/nir/nir.h"
#include "compiler/nir/nir_serialize.h"
#include "pipe/p_screen.h"
#include "util/blob.h"
#include "util/disk_cache.h"
#include "util/mesa-sha1.h"

struct disk_cache *
d3dumd_shader_cache_create(struct pipe_screen *screen)
{
   struct mesa_sha1 ctx;
   unsigned char sha1[20];
   char id[41];

   _mesa_sha1_init(&ctx);
   /* No build-id, no cache: a rebuilt driver must never read the last
    * one's translations. */
   if (!disk_cache_get_function_identifier(d3dumd_shader_cache_create, &ctx))
      return NULL;
   _mesa_sha1_final(&ctx, sha1);
   disk_cache_format_hex_id(id, sha1, 20 * 2);

   char name[256];
   snprintf(name, sizeof(name), "d3dumd-%s", screen->get_name(screen));
   return disk_cache_create(name, id, 0);
}

/* The cache key of a variant: the program's tokens (their SHA-1) and the
 * key, which is compared whole everywhere (it is zeroed before it is
 * filled). */
static void
variant_cache_key(struct disk_cache *cache, const struct d3dumd_shader *sh,
                  const struct d3dumd_shader_key *key, cache_key out)
{
   uint8_t data[sizeof(sh->sha1) + sizeof(*key)];
   memcpy(data, sh->sha1, sizeof(sh->sha1));
   memcpy(data + sizeof(sh->sha1), key, sizeof(*key));
   disk_cache_compute_key(cache, data, sizeof(data), out);
}

nir_shader *
d3dumd_shader_cache_get(struct disk_cache *cache, struct pipe_screen *screen,
                        const struct d3dumd_shader *sh,
                        const struct d3dumd_shader_key *key, cache_key out)
{
   variant_cache_key(cache, sh, key, out);
   size_t size = 0;
   void *data = disk_cache_get(cache, out, &size);
   if (!data)
      return NULL;

   const gl_shader_stage stage = sh->prog.type == D3DUMD_SM_VERTEX ?
                                 MESA_SHADER_VERTEX : MESA_SHADER_FRAGMENT;
   const nir_shader_compiler_options *options =
      screen->get_compiler_options(screen, PIPE_SHADER_IR_NIR,
                                   stage == MESA_SHADER_VERTEX ?
                                   PIPE_SHADER_VERTEX : PIPE_SHADER_FRAGMENT);
   struct blob_reader reader;
   blob_reader_init(&reader, data, size);
   nir_shader *nir = nir_deserialize(NULL, options, &reader);
   /* A truncated or foreign entry reads as an overrun: translate anew. */
   if (nir && (reader.overrun || reader.current != reader.end ||
               nir->info.stage != stage)) {
      ralloc_free(nir);
      nir = NULL;
   }
   free(data);
   return nir;
}

void
d3dumd_shader_cache_put(struct disk_cache *cache, const cache_key ckey,
                        const nir_shader *nir)
{
   struct blob blob;
   blob_init(&blob);
   nir_serialize(&blob, nir, true);
   if (!blob.out_of_memory)
      disk_cache_put(cache, ckey, blob.data, blob.size, NULL);
   blob_finish(&blob);
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

#include "png_write.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

static void
put_be32(uint8_t *p, uint32_t v)
{
   p[0] = v >> 24;
   p[1] = v >> 16;
   p[2] = v >> 8;
   p[3] = v;
}

/* A chunk is length, type, data, and a CRC over type and data. */
static bool
write_chunk(FILE *f, const char type[4], const uint8_t *data, uint32_t len)
{
   uint8_t head[8], tail[4];
   put_be32(head, len);
   memcpy(head + 4, type, 4);

   uLong crc = crc32(0L, Z_NULL, 0);
   crc = crc32(crc, (const Bytef *)type, 4);
   if (len)
      crc = crc32(crc, data, len);
   put_be32(tail, (uint32_t)crc);

   return fwrite(head, 1, 8, f) == 8 &&
          (!len || fwrite(data, 1, len, f) == len) &&
          fwrite(tail, 1, 4, f) == 4;
}

int
png_write(const char *path, unsigned width, unsigned height,
          const uint8_t *pixels, size_t stride, bool alpha)
{
   static const uint8_t signature[8] = {
      0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
   };
   const unsigned bpp = alpha ? 4 : 3;

   /* PNG caps both dimensions at 2^31 - 1; the filtered image must also
    * fit zlib's uLong, which keeps us well inside size_t. */
   if (!width || !height || width > 0x7fffffffu || height > 0x7fffffffu ||
       stride < (size_t)width * bpp ||
       (uint64_t)(width * (uint64_t)bpp + 1) * height > 0x7fffffffu) {
      errno = EINVAL;
      return -1;
   }

   /* Each row is prefixed with its filter type; 0 (None) keeps the writer
    * trivial, and zlib still does well on the flat areas we produce. */
   const size_t row = (size_t)width * bpp;
   const uLong raw_size = (uLong)((row + 1) * height);
   uint8_t *raw = malloc(raw_size);
   uLongf z_size = compressBound(raw_size);
   uint8_t *z = malloc(z_size);
   if (!raw || !z) {
      free(raw);
      free(z);
      errno = ENOMEM;
      return -1;
   }
   for (unsigned y = 0; y < height; y++) {
      raw[y * (row + 1)] = 0;
      memcpy(raw + y * (row + 1) + 1, pixels + y * stride, row);
   }
   int zr = compress2(z, &z_size, raw, raw_size, 6);
   free(raw);
   if (zr != Z_OK) {
      free(z);
      errno = ENOMEM;
      return -1;
   }

   uint8_t ihdr[13];
   put_be32(ihdr, width);
   put_be32(ihdr + 4, height);
   ihdr[8] = 8;               /* bit depth */
   ihdr[9] = alpha ? 6 : 2;   /* colour type: RGBA or RGB */
   ihdr[10] = 0;              /* compression: deflate */
   ihdr[11] = 0;              /* filter method 0 */
   ihdr[12] = 0;              /* no interlace */

   FILE *f = fopen(path, "wb");
   if (!f) {
      free(z);
      return -1;
   }
   bool ok = fwrite(signature, 1, sizeof(signature), f) == sizeof(signature) &&
             write_chunk(f, "IHDR", ihdr, sizeof(ihdr)) &&
             write_chunk(f, "IDAT", z, (uint32_t)z_size) &&
             write_chunk(f, "IEND", NULL, 0);
   int saved = errno;
   free(z);
   if (fclose(f) != 0 && ok) {
      ok = false;
      saved = errno;
   }
   if (!ok) {
      errno = saved ? saved : EIO;
      return -1;
   }
   return 0;
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * A minimal PNG writer (8-bit RGB or RGBA, no interlace, filter 0 on every
 * row) on top of zlib's compress2 and crc32.  Enough for the tools to save
 * what they read back from the driver without pulling in libpng.
 */

#ifndef D3DUMD_PNG_WRITE_H
#define D3DUMD_PNG_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes width x height pixels to path.  pixels holds rows of width * 4
 * bytes (R, G, B, A) when alpha is true, width * 3 bytes (R, G, B)
 * otherwise, stride bytes apart.  Returns 0, or -1 with errno set (EINVAL
 * for bad sizes, ENOMEM, or the error of the failing stdio call). */
int png_write(const char *path, unsigned width, unsigned height,
              const uint8_t *pixels, size_t stride, bool alpha);

#endif

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-info: the adapter as a D3D9 runtime sees it, like vulkaninfo.
 * Loads the driver (argument, $D3DUMD_DRIVER, or the one built beside it),
 * opens the adapter, and prints the DDI version, D3DCAPS9 highlights and
 * the format table with its FORMATOP bits.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt.h"
#include "d3dumd_format_names.h"

static const struct {
   DWORD bit;
   const char *name;
} format_ops[] = {
   { FORMATOP_TEXTURE, "TEXTURE" },
   { FORMATOP_VOLUMETEXTURE, "VOLUMETEXTURE" },
   { FORMATOP_CUBETEXTURE, "CUBETEXTURE" },
   { FORMATOP_OFFSCREEN_RENDERTARGET, "OFFSCREEN_RENDERTARGET" },
   { FORMATOP_SAME_FORMAT_RENDERTARGET, "SAME_FORMAT_RENDERTARGET" },
   { FORMATOP_ZSTENCIL, "ZSTENCIL" },
   { FORMATOP_ZSTENCIL_WITH_ARBITRARY_COLOR_DEPTH, "ZSTENCIL_ANY_COLOR" },
   { FORMATOP_SAME_FORMAT_UP_TO_ALPHA_RENDERTARGET, "SAME_UP_TO_ALPHA_RT" },
   { FORMATOP_DISPLAYMODE, "DISPLAYMODE" },
   { FORMATOP_3DACCELERATION, "3DACCELERATION" },
   { FORMATOP_OFFSCREENPLAIN, "OFFSCREENPLAIN" },
   { FORMATOP_SRGBREAD, "SRGBREAD" },
   { FORMATOP_SRGBWRITE, "SRGBWRITE" },
   { FORMATOP_BUMPMAP, "BUMPMAP" },
   { FORMATOP_NOALPHABLEND, "NOALPHABLEND" },
   { FORMATOP_VERTEXTEXTURE, "VERTEXTEXTURE" },
};

int
main(int argc, char **argv)
{
   const char *path = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;
   struct rt_driver *drv = rt_driver_load(path);
   if (!drv)
      return 1;

   struct rt_adapter *adapter = NULL;
   HRESULT hr = rt_adapter_open(drv, 0, &adapter);
   if (FAILED(hr)) {
      fprintf(stderr, "OpenAdapter failed: 0x%08x\n", (unsigned)hr);
      return 1;
   }

   printf("D3D9 user-mode display driver\n");
   printf("=============================\n");
   printf("driver:          %s\n", drv->path);
   printf("GALLIUM_DRIVER:  %s\n",
          getenv("GALLIUM_DRIVER") ? getenv("GALLIUM_DRIVER") : "(default)");
   printf("DDI version:     0x%04x (runtime passed 0x%04x)\n",
          (unsigned)adapter->driver_version, (unsigned)adapter->version);

   D3DCAPS9 caps;
   memset(&caps, 0, sizeof(caps));
   if (SUCCEEDED(rt_get_caps(adapter, D3DDDICAPS_GETD3D9CAPS, NULL, &caps,
                             sizeof(caps)))) {
      printf("\nD3DCAPS9\n--------\n");
      printf("VertexShaderVersion   %u.%u\n",
             (unsigned)(caps.VertexShaderVersion >> 8) & 0xff,
             (unsigned)caps.VertexShaderVersion & 0xff);
      printf("PixelShaderVersion    %u.%u\n",
             (unsigned)(caps.PixelShaderVersion >> 8) & 0xff,
             (unsigned)caps.PixelShaderVersion & 0xff);
      printf("MaxTextureWidth       %u\n", (unsigned)caps.MaxTextureWidth);
      printf("MaxTextureHeight      %u\n", (unsigned)caps.MaxTextureHeight);
      printf("MaxVolumeExtent       %u\n", (unsigned)caps.MaxVolumeExtent);
      printf("MaxAnisotropy         %u\n", (unsigned)caps.MaxAnisotropy);
      printf("MaxSimultaneousTextures %u\n",
             (unsigned)caps.MaxSimultaneousTextures);
      printf("NumSimultaneousRTs    %u\n", (unsigned)caps.NumSimultaneousRTs);
      printf("MaxStreams            %u\n", (unsigned)caps.MaxStreams);
      printf("MaxVertexShaderConst  %u\n", (unsigned)caps.MaxVertexShaderConst);
      printf("MaxPointSize          %.1f\n", caps.MaxPointSize);
      printf("TextureCaps           0x%08x\n", (unsigned)caps.TextureCaps);
      printf("DevCaps               0x%08x\n", (unsigned)caps.DevCaps);
   }

   UINT count = 0;
   rt_get_caps(adapter, D3DDDICAPS_GETFORMATCOUNT, NULL, &count, sizeof(count));
   FORMATOP ops[512];
   if (count > 512)
      count = 512;
   if (count && SUCCEEDED(rt_get_caps(adapter, D3DDDICAPS_GETFORMATDATA, NULL,
                                      ops, count * sizeof(FORMATOP)))) {
      printf("\nFormats (%u)\n------------\n", count);
      for (unsigned i = 0; i < count; i++) {
         printf("%-14s 0x%08x ", d3dumd_format_name(ops[i].Format),
                (unsigned)ops[i].Operations);
         for (unsigned b = 0; b < sizeof(format_ops) / sizeof(format_ops[0]); b++) {
            if (ops[i].Operations & format_ops[b].bit)
               printf(" %s", format_ops[b].name);
         }
         printf("\n");
      }
   }

   rt_adapter_close(adapter);
   rt_driver_unload(drv);
   return 0;
}

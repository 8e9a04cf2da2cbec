/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Shader variants kept across runs (util/disk_cache).  Three "runs", each
 * an adapter and a device of its own, in a fresh cache directory
 * (MESA_SHADER_CACHE_DIR): the first translates and stores, the second
 * finds both variants and draws the same pixels, the third changes the
 * state folded into the pixel shader (fog) and so translates that variant
 * anew.  Hits and misses are the driver's D3DUMD_DEBUG=stats counters,
 * read from what it prints at DestroyDevice.
 */

#define _GNU_SOURCE
#include <ftw.h>
#include <stdio.h>
#include <unistd.h>

#include "render_util.h"

#define W 16
#define H 16

static struct rt_driver *drv;

struct run {
   unsigned hits, misses;
   uint32_t pixel;     /* (8, 8) */
   bool ok;
};

static const uint32_t ps_t0_code[] = {
   SM_PS(2, 0),
   SM_INSTR(D3DSIO_DCL, 2), SM_DCL_PLAIN, SM_DST(D3DSPR_TEXTURE, 0, 0xf),
   SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, 0xf),
   SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ),
   SM_END,
};

/* One run: a full-target quad whose texture coordinate is its colour;
 * with `fog`, vertex fog at factor 0 (t0 and oFog from the quad) turns it
 * into the fog colour. */
static struct run
run(bool fog)
{
   struct run r = { 0 };
   struct rt_adapter *adapter = test_open_adapter(drv);
   struct rt_device *dev = test_create_device(adapter);
   HANDLE target = render_target(dev, D3DDDIFMT_A8R8G8B8, W, H);
   HANDLE decl = vertex_decl(dev, elems_pos_t0, 2);
   HANDLE vs = vertex_shader(dev, vs_pos_t0, ARRAY_SIZE(vs_pos_t0));
   HANDLE ps = pixel_shader(dev, ps_t0_code, ARRAY_SIZE(ps_t0_code));
   set_target(dev, 0, target);
   set_viewport(dev, 0, 0, W, H);
   set_rs(dev, D3DRS_CULLMODE, D3DCULL_NONE);
   if (fog) {
      set_rs(dev, D3DRS_FOGENABLE, TRUE);
      set_rs(dev, D3DRS_FOGTABLEMODE, D3DFOG_LINEAR);
      set_rs(dev, D3DRS_FOGSTART, f2dw(0.0f));
      set_rs(dev, D3DRS_FOGEND, f2dw(0.25f));   /* z 0.5: all fog */
      set_rs(dev, D3DRS_FOGCOLOR, 0xff00ff00);
   }
   CHECK_HR(dev->funcs.pfnSetVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, vs), S_OK);
   CHECK_HR(dev->funcs.pfnSetPixelShader(dev->hDevice, ps), S_OK);
   const struct vtx v[4] = {
      sv(-0.5f, -0.5f, 0.5f, 1, 0, 0, 1), sv(W, -0.5f, 0.5f, 1, 0, 0, 1),
      sv(-0.5f, H, 0.5f, 1, 0, 0, 1), sv(W, H, 0.5f, 1, 0, 0, 1),
   };
   D3DDDIARG_SETSTREAMSOURCEUM um = { 0, sizeof(struct vtx) };
   CHECK_HR(dev->funcs.pfnSetStreamSourceUm(dev->hDevice, &um, v), S_OK);
   CHECK_HR(draw(dev, D3DPT_TRIANGLESTRIP, 0, 2), S_OK);
   uint32_t img[W * H];
   read_pixels(dev, target, W, H, img);
   r.pixel = img[8 * W + 8];

   CHECK_HR(dev->funcs.pfnDeletePixelShader(dev->hDevice, ps), S_OK);
   CHECK_HR(dev->funcs.pfnDeleteVertexShaderFunc(dev->hDevice, vs), S_OK);
   CHECK_HR(dev->funcs.pfnDeleteVertexShaderDecl(dev->hDevice, decl), S_OK);
   CHECK_HR(rt_destroy_resource(dev, target), S_OK);

   /* The stats line DestroyDevice prints, caught from stderr. */
   fflush(stderr);
   FILE *log = tmpfile();
   const int saved = dup(2);
   dup2(fileno(log), 2);
   CHECK_HR(rt_device_destroy(dev), S_OK);
   fflush(stderr);
   dup2(saved, 2);
   close(saved);
   rewind(log);
   char line[512];
   while (fgets(line, sizeof(line), log)) {
      const char *h = strstr(line, "shader_cache_hits=");
      const char *m = strstr(line, "shader_cache_misses=");
      if (h && m) {
         r.hits = strtoul(h + strlen("shader_cache_hits="), NULL, 10);
         r.misses = strtoul(m + strlen("shader_cache_misses="), NULL, 10);
         r.ok = true;
      } else {
         fputs(line, stderr);
      }
   }
   fclose(log);
   CHECK(rt_violations(adapter) == 0);
   rt_adapter_close(adapter);
   printf("  run%s: %u hits, %u misses, pixel 0x%08x\n", fog ? " (fog)" : "",
          r.hits, r.misses, r.pixel);
   return r;
}

static int
remove_entry(const char *path, const struct stat *st, int flag,
             struct FTW *ftw)
{
   (void)st; (void)flag; (void)ftw;
   return remove(path);
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);
   char dir[] = "/tmp/d3dumd-shader-cache-XXXXXX";
   if (!mkdtemp(dir))
      piglit_skip("no temporary directory for the cache");
   setenv("MESA_SHADER_CACHE_DIR", dir, 1);
   /* Read by the driver once, at its first adapter. */
   const char *debug = getenv("D3DUMD_DEBUG");
   char flags[256];
   snprintf(flags, sizeof(flags), "%s%sstats", debug ? debug : "",
            debug && *debug ? "," : "");
   setenv("D3DUMD_DEBUG", flags, 1);
   drv = test_load_driver();

   const struct run first = run(false);
   if (!first.ok) {
      nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
      piglit_skip("the driver printed no shader cache counters");
   }
   if (first.misses == 0 && first.hits == 0) {
      nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
      piglit_skip("the shader cache is off (MESA_SHADER_CACHE_DISABLE, or "
                  "a driver built without a build-id)");
   }
   const uint32_t red = 0xffff0000;

   /* An empty cache: both variants translated and stored. */
   piglit_subtest("first-run-translates",
                  first.misses == 2 && first.hits == 0 &&
                  color_near(first.pixel, red, 1) ? PIGLIT_PASS
                                                  : PIGLIT_FAIL);
   /* The same program and state: both from the cache, the same pixels. */
   const struct run second = run(false);
   piglit_subtest("second-run-hits",
                  second.ok && second.hits == 2 && second.misses == 0 &&
                  second.pixel == first.pixel ? PIGLIT_PASS : PIGLIT_FAIL);
   /* Fog changes the pixel shader's key: that variant is new. */
   const struct run third = run(true);
   piglit_subtest("new-key-misses",
                  third.ok && third.hits == 1 && third.misses == 1 &&
                  color_near(third.pixel, 0xff00ff00, 1) ? PIGLIT_PASS
                                                         : PIGLIT_FAIL);
   /* And that one is kept too. */
   const struct run fourth = run(true);
   piglit_subtest("new-key-kept",
                  fourth.ok && fourth.hits == 2 && fourth.misses == 0 &&
                  fourth.pixel == third.pixel ? PIGLIT_PASS : PIGLIT_FAIL);

   rt_driver_unload(drv);
   nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
   piglit_report(piglit_merged());
}

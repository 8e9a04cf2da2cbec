/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Part 5: draws.  DrawPrimitive of one small triangle (8 pixels) through
 * the DDI against draw_vbo of the same triangle on the baseline context
 * with the same state (same target size, formats, a pass-through vertex
 * shader, a constant-colour or texturing pixel shader), in four loops:
 *   a) no state change between draws;
 *   b) a render state change per draw (the cull mode, alternating two
 *      values that both draw the triangle): a rasterizer object per draw;
 *   c) a pixel shader constant change per draw;
 *   d) a texture change per draw (two textures, alternating).
 * Each loop ends with a flush and a read of the target, so the rendering
 * the draws queued is in the time on both sides.  Then the shader
 * translation time: CreatePixelShader plus the first draw (the variant's
 * NIR and the driver's compile) of a ps_3_0 of 1,000 arithmetic
 * instructions that no shader cache has seen, per 1,000 instructions.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "d3dumd_bench.h"
#include "sm_asm.h"

#include "pipe/p_context.h"
#include "pipe/p_screen.h"
#include "pipe/p_state.h"
#include "tgsi/tgsi_text.h"
#include "util/macros.h"
#include "util/u_box.h"
#include "util/u_inlines.h"
#include "util/u_sampler.h"
#include "util/u_surface.h"

#define DW 256
#define DH 256

static double
now_s(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return ts.tv_sec + ts.tv_nsec * 1e-9;
}

enum loop { LOOP_PLAIN, LOOP_STATE, LOOP_CONST, LOOP_TEXTURE, LOOP_COUNT };

static const char *const loop_names[LOOP_COUNT] = {
   "a) no state change", "b) render state per draw",
   "c) ps constant per draw", "d) texture per draw",
};

/* The triangle: clip-space positions of 8 pixels near the centre. */
static const float tri[3][4] = {
   { -0.02f, 0.02f, 0.5f, 1.0f },
   { 0.02f, 0.02f, 0.5f, 1.0f },
   { -0.02f, -0.02f, 0.5f, 1.0f },
};

/* --- the DDI side ------------------------------------------------------ */

struct ddi_draw {
   struct rt_device *dev;
   HANDLE rt, tex[2], vb, decl, vs, ps_color, ps_tex;
   bool ok;
};

static HANDLE
ddi_surface(struct ddi_draw *d, unsigned w, unsigned h, bool rt)
{
   D3DDDI_RESOURCEFLAGS f = { .Value = 0 };
   f.RenderTarget = rt;
   f.Texture = !rt;
   HANDLE r = NULL;
   if (FAILED(rt_create_surface(d->dev, D3DDDIFMT_A8R8G8B8, w, h, f,
                                D3DDDIPOOL_VIDEOMEMORY, &r)))
      d->ok = false;
   return r;
}

static bool
ddi_setup(struct bench *b, struct ddi_draw *d)
{
   static const uint32_t vs[] = {
      SM_VS(2, 0),
      SM_DCL(2), SM_DCL_USAGE(D3DDECLUSAGE_POSITION, 0),
      SM_DST(D3DSPR_INPUT, 0, SM_MASK_ALL),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_RASTOUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_TEXCRDOUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_INPUT, 0, SM_NOSWZ),
      SM_END,
   };
   static const uint32_t ps_color[] = {
      SM_PS(2, 0),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_CONST, 0, SM_NOSWZ),
      SM_END,
   };
   static const uint32_t ps_tex[] = {
      SM_PS(2, 0),
      SM_DCL(2), SM_DCL_PLAIN, SM_DST(D3DSPR_TEXTURE, 0, SM_MASK_XY),
      SM_DCL(2), SM_DCL_SAMPLER(D3DSTT_2D), SM_DST(D3DSPR_SAMPLER, 0, SM_MASK_ALL),
      SM_INSTR(D3DSIO_TEX, 3), SM_DST(D3DSPR_TEMP, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_TEXTURE, 0, SM_NOSWZ), SM_SRC(D3DSPR_SAMPLER, 0, SM_NOSWZ),
      SM_INSTR(D3DSIO_MOV, 2), SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL),
      SM_SRC(D3DSPR_TEMP, 0, SM_NOSWZ),
      SM_END,
   };
   static const D3DDDIVERTEXELEMENT elem = {
      0, 0, D3DDECLTYPE_FLOAT4, 0, D3DDECLUSAGE_POSITION, 0,
   };
   d->dev = b->dev;
   d->ok = true;
   struct rt_device *dev = d->dev;
   d->rt = ddi_surface(d, DW, DH, true);
   d->tex[0] = ddi_surface(d, 16, 16, false);
   d->tex[1] = ddi_surface(d, 16, 16, false);
   if (!d->ok || FAILED(rt_create_buffer(dev, sizeof(tri), false, false,
                                         &d->vb)))
      return false;
   D3DDDIARG_LOCK l = { .hResource = d->vb };
   if (FAILED(dev->funcs.pfnLock(dev->hDevice, &l)))
      return false;
   memcpy(l.pSurfData, tri, sizeof(tri));
   D3DDDIARG_UNLOCK u = { .hResource = d->vb };
   dev->funcs.pfnUnlock(dev->hDevice, &u);

   D3DDDIARG_CREATEVERTEXSHADERDECL cd = { 1, NULL };
   D3DDDIARG_CREATEVERTEXSHADERFUNC cv = { sizeof(vs), NULL };
   D3DDDIARG_CREATEPIXELSHADER cp = { sizeof(ps_color), NULL };
   D3DDDIARG_CREATEPIXELSHADER ct = { sizeof(ps_tex), NULL };
   if (FAILED(dev->funcs.pfnCreateVertexShaderDecl(dev->hDevice, &cd, &elem)) ||
       FAILED(dev->funcs.pfnCreateVertexShaderFunc(dev->hDevice, &cv,
                                                   (const UINT *)vs)) ||
       FAILED(dev->funcs.pfnCreatePixelShader(dev->hDevice, &cp,
                                              (const UINT *)ps_color)) ||
       FAILED(dev->funcs.pfnCreatePixelShader(dev->hDevice, &ct,
                                              (const UINT *)ps_tex)))
      return false;
   d->decl = cd.ShaderHandle;
   d->vs = cv.ShaderHandle;
   d->ps_color = cp.ShaderHandle;
   d->ps_tex = ct.ShaderHandle;

   D3DDDIARG_SETRENDERTARGET st = { 0, d->rt, 0 };
   D3DDDIARG_VIEWPORTINFO vp = { 0, 0, DW, DH };
   D3DDDIARG_ZRANGE z = { 0.0f, 1.0f };
   D3DDDIARG_RENDERSTATE cull = { D3DRS_CULLMODE, D3DCULL_NONE };
   D3DDDIARG_SETSTREAMSOURCE ss = { 0, d->vb, 0, 16 };
   dev->funcs.pfnSetRenderTarget(dev->hDevice, &st);
   dev->funcs.pfnSetViewport(dev->hDevice, &vp);
   dev->funcs.pfnSetZRange(dev->hDevice, &z);
   dev->funcs.pfnSetRenderState(dev->hDevice, &cull);
   dev->funcs.pfnSetVertexShaderDecl(dev->hDevice, d->decl);
   dev->funcs.pfnSetVertexShaderFunc(dev->hDevice, d->vs);
   dev->funcs.pfnSetStreamSource(dev->hDevice, &ss);
   return true;
}

static void
ddi_teardown(struct ddi_draw *d)
{
   struct rt_device *dev = d->dev;
   D3DDDIARG_SETSTREAMSOURCE ss = { 0, NULL, 0, 0 };
   dev->funcs.pfnSetStreamSource(dev->hDevice, &ss);
   dev->funcs.pfnSetTexture(dev->hDevice, 0, NULL);
   if (d->ps_color)
      dev->funcs.pfnDeletePixelShader(dev->hDevice, d->ps_color);
   if (d->ps_tex)
      dev->funcs.pfnDeletePixelShader(dev->hDevice, d->ps_tex);
   if (d->vs)
      dev->funcs.pfnDeleteVertexShaderFunc(dev->hDevice, d->vs);
   if (d->decl)
      dev->funcs.pfnDeleteVertexShaderDecl(dev->hDevice, d->decl);
   HANDLE *all[] = { &d->rt, &d->tex[0], &d->tex[1], &d->vb };
   for (unsigned i = 0; i < 4; i++)
      if (*all[i])
         rt_destroy_resource(dev, *all[i]);
}

/* Flush and read one pixel of the target: the rendering is done. */
static void
ddi_finish(struct ddi_draw *d)
{
   struct rt_device *dev = d->dev;
   dev->funcs.pfnFlush(dev->hDevice);
   D3DDDIARG_LOCK l = { .hResource = d->rt };
   l.Flags.ReadOnly = 1;
   if (SUCCEEDED(dev->funcs.pfnLock(dev->hDevice, &l))) {
      D3DDDIARG_UNLOCK u = { .hResource = d->rt };
      dev->funcs.pfnUnlock(dev->hDevice, &u);
   }
}

static double
ddi_loop(struct ddi_draw *d, enum loop loop, double seconds)
{
   struct rt_device *dev = d->dev;
   dev->funcs.pfnSetPixelShader(dev->hDevice, loop == LOOP_TEXTURE
                                              ? d->ps_tex : d->ps_color);
   dev->funcs.pfnSetTexture(dev->hDevice, 0, d->tex[0]);
   const float c[2][4] = { { 1, 0, 0, 1 }, { 0, 1, 0, 1 } };
   D3DDDIARG_SETPIXELSHADERCONST pc = { 0, 1 };
   dev->funcs.pfnSetPixelShaderConst(dev->hDevice, &pc, c[0]);
   const D3DDDIARG_DRAWPRIMITIVE dp = { D3DPT_TRIANGLELIST, 0, 1 };
   /* Warm: the variants compiled, the state objects made. */
   dev->funcs.pfnDrawPrimitive(dev->hDevice, &dp, NULL);
   ddi_finish(d);

   uint64_t n = 0;
   const double t0 = now_s();
   double t;
   do {
      for (unsigned i = 0; i < 256; i++, n++) {
         switch (loop) {
         case LOOP_STATE: {
            D3DDDIARG_RENDERSTATE rs = { D3DRS_CULLMODE,
                                         n & 1 ? D3DCULL_CW : D3DCULL_NONE };
            /* The triangle is counter-clockwise on screen: CW culling
             * keeps it. */
            dev->funcs.pfnSetRenderState(dev->hDevice, &rs);
            break;
         }
         case LOOP_CONST:
            dev->funcs.pfnSetPixelShaderConst(dev->hDevice, &pc, c[n & 1]);
            break;
         case LOOP_TEXTURE:
            dev->funcs.pfnSetTexture(dev->hDevice, 0, d->tex[n & 1]);
            break;
         default:
            break;
         }
         dev->funcs.pfnDrawPrimitive(dev->hDevice, &dp, NULL);
      }
      ddi_finish(d);
      t = now_s() - t0;
   } while (t < seconds);
   D3DDDIARG_RENDERSTATE rs = { D3DRS_CULLMODE, D3DCULL_NONE };
   dev->funcs.pfnSetRenderState(dev->hDevice, &rs);
   return n / t;
}

/* --- the baseline: the same draws on a context of our own -------------- */

struct bare_draw {
   struct pipe_context *pipe;
   struct pipe_resource *rt, *tex[2], *vb;
   struct pipe_surface *surf;
   struct pipe_sampler_view *view[2];
   void *vs, *fs_color, *fs_tex, *rast[2], *blend, *dsa, *velems, *sampler;
};

static void *
tgsi_shader(struct pipe_context *pipe, const char *text, bool fragment)
{
   struct tgsi_token tokens[256];
   if (!tgsi_text_translate(text, tokens, ARRAY_SIZE(tokens)))
      return NULL;
   struct pipe_shader_state s;
   memset(&s, 0, sizeof(s));
   s.type = PIPE_SHADER_IR_TGSI;
   s.tokens = tokens;
   return fragment ? pipe->create_fs_state(pipe, &s)
                   : pipe->create_vs_state(pipe, &s);
}

static struct pipe_resource *
bare_tex(struct pipe_screen *screen, unsigned w, unsigned h, unsigned bind)
{
   struct pipe_resource t;
   memset(&t, 0, sizeof(t));
   t.target = PIPE_TEXTURE_2D;
   t.format = PIPE_FORMAT_B8G8R8A8_UNORM;
   t.width0 = w;
   t.height0 = h;
   t.depth0 = t.array_size = 1;
   t.bind = bind;
   return screen->resource_create(screen, &t);
}

static bool
bare_setup(struct bench *b, struct bare_draw *d)
{
   struct pipe_context *pipe = d->pipe = b->pipe;
   struct pipe_screen *screen = b->screen;

   d->rt = bare_tex(screen, DW, DH,
                    PIPE_BIND_RENDER_TARGET | PIPE_BIND_SAMPLER_VIEW);
   d->tex[0] = bare_tex(screen, 16, 16, PIPE_BIND_SAMPLER_VIEW);
   d->tex[1] = bare_tex(screen, 16, 16, PIPE_BIND_SAMPLER_VIEW);
   d->vb = pipe_buffer_create_with_data(pipe, PIPE_BIND_VERTEX_BUFFER,
                                        PIPE_USAGE_DEFAULT, sizeof(tri), tri);
   if (!d->rt || !d->tex[0] || !d->tex[1] || !d->vb)
      return false;
   struct pipe_surface st;
   u_surface_default_template(&st, d->rt);
   d->surf = pipe->create_surface(pipe, d->rt, &st);
   for (unsigned i = 0; i < 2; i++) {
      struct pipe_sampler_view v;
      u_sampler_view_default_template(&v, d->tex[i], d->tex[i]->format);
      d->view[i] = pipe->create_sampler_view(pipe, d->tex[i], &v);
   }

   d->vs = tgsi_shader(pipe, "VERT\n"
                       "DCL IN[0]\nDCL OUT[0], POSITION\n"
                       "DCL OUT[1], GENERIC[0]\n"
                       "MOV OUT[0], IN[0]\nMOV OUT[1], IN[0]\nEND\n", false);
   d->fs_color = tgsi_shader(pipe, "FRAG\n"
                             "DCL OUT[0], COLOR\nDCL CONST[0][0]\n"
                             "MOV OUT[0], CONST[0][0]\nEND\n", true);
   d->fs_tex = tgsi_shader(pipe, "FRAG\n"
                           "DCL IN[0], GENERIC[0], PERSPECTIVE\n"
                           "DCL OUT[0], COLOR\nDCL SAMP[0]\n"
                           "DCL SVIEW[0], 2D, FLOAT\n"
                           "TEX OUT[0], IN[0], SAMP[0], 2D\nEND\n", true);
   if (!d->vs || !d->fs_color || !d->fs_tex)
      return false;

   struct pipe_rasterizer_state r;
   memset(&r, 0, sizeof(r));
   r.half_pixel_center = 1;
   r.clip_halfz = 1;
   r.depth_clip_near = r.depth_clip_far = 1;
   r.flatshade_first = 1;
   r.line_width = r.point_size = 1.0f;
   r.cull_face = PIPE_FACE_NONE;
   d->rast[0] = pipe->create_rasterizer_state(pipe, &r);
   r.cull_face = PIPE_FACE_FRONT;
   d->rast[1] = pipe->create_rasterizer_state(pipe, &r);
   struct pipe_blend_state bl;
   memset(&bl, 0, sizeof(bl));
   bl.rt[0].colormask = PIPE_MASK_RGBA;
   d->blend = pipe->create_blend_state(pipe, &bl);
   struct pipe_depth_stencil_alpha_state dsa;
   memset(&dsa, 0, sizeof(dsa));
   d->dsa = pipe->create_depth_stencil_alpha_state(pipe, &dsa);
   struct pipe_vertex_element ve;
   memset(&ve, 0, sizeof(ve));
   ve.src_format = PIPE_FORMAT_R32G32B32A32_FLOAT;
   d->velems = pipe->create_vertex_elements_state(pipe, 1, &ve);
   struct pipe_sampler_state ss;
   memset(&ss, 0, sizeof(ss));
   ss.wrap_s = ss.wrap_t = ss.wrap_r = PIPE_TEX_WRAP_REPEAT;
   ss.max_lod = 1000.0f;
   d->sampler = pipe->create_sampler_state(pipe, &ss);

   struct pipe_framebuffer_state fb;
   memset(&fb, 0, sizeof(fb));
   fb.width = DW;
   fb.height = DH;
   fb.nr_cbufs = 1;
   fb.cbufs[0] = d->surf;
   fb.layers = 1;
   pipe->set_framebuffer_state(pipe, &fb);
   struct pipe_viewport_state vp = {
      .scale = { DW / 2.0f, -DH / 2.0f, 1.0f },
      .translate = { DW / 2.0f + 0.5f, DH / 2.0f + 0.5f, 0.0f },
      .swizzle_x = PIPE_VIEWPORT_SWIZZLE_POSITIVE_X,
      .swizzle_y = PIPE_VIEWPORT_SWIZZLE_POSITIVE_Y,
      .swizzle_z = PIPE_VIEWPORT_SWIZZLE_POSITIVE_Z,
      .swizzle_w = PIPE_VIEWPORT_SWIZZLE_POSITIVE_W,
   };
   pipe->set_viewport_states(pipe, 0, 1, &vp);
   pipe->bind_rasterizer_state(pipe, d->rast[0]);
   pipe->bind_blend_state(pipe, d->blend);
   pipe->bind_depth_stencil_alpha_state(pipe, d->dsa);
   pipe->bind_vertex_elements_state(pipe, d->velems);
   pipe->bind_vs_state(pipe, d->vs);
   pipe->bind_sampler_states(pipe, PIPE_SHADER_FRAGMENT, 0, 1, &d->sampler);
   struct pipe_vertex_buffer vb = { .stride = 16 };
   vb.buffer.resource = d->vb;
   pipe->set_vertex_buffers(pipe, 0, 1, 0, false, &vb);
   return true;
}

static void
bare_teardown(struct bare_draw *d)
{
   struct pipe_context *pipe = d->pipe;
   if (!pipe)
      return;
   pipe->set_vertex_buffers(pipe, 0, 0, 1, false, NULL);
   pipe->set_sampler_views(pipe, PIPE_SHADER_FRAGMENT, 0, 0, 1, false, NULL);
   struct pipe_framebuffer_state fb;
   memset(&fb, 0, sizeof(fb));
   pipe->set_framebuffer_state(pipe, &fb);
   pipe->bind_vs_state(pipe, NULL);
   pipe->bind_fs_state(pipe, NULL);
   if (d->vs) pipe->delete_vs_state(pipe, d->vs);
   if (d->fs_color) pipe->delete_fs_state(pipe, d->fs_color);
   if (d->fs_tex) pipe->delete_fs_state(pipe, d->fs_tex);
   for (unsigned i = 0; i < 2; i++) {
      if (d->rast[i]) pipe->delete_rasterizer_state(pipe, d->rast[i]);
      pipe_sampler_view_reference(&d->view[i], NULL);
      pipe_resource_reference(&d->tex[i], NULL);
   }
   if (d->blend) pipe->delete_blend_state(pipe, d->blend);
   if (d->dsa) pipe->delete_depth_stencil_alpha_state(pipe, d->dsa);
   if (d->velems) pipe->delete_vertex_elements_state(pipe, d->velems);
   if (d->sampler) pipe->delete_sampler_state(pipe, d->sampler);
   pipe_surface_reference(&d->surf, NULL);
   pipe_resource_reference(&d->rt, NULL);
   pipe_resource_reference(&d->vb, NULL);
}

static void
bare_finish(struct bare_draw *d)
{
   struct pipe_context *pipe = d->pipe;
   struct pipe_transfer *t;
   struct pipe_box box;
   u_box_2d(0, 0, 1, 1, &box);
   void *map = pipe->texture_map(pipe, d->rt, 0, PIPE_MAP_READ, &box, &t);
   if (map)
      pipe->texture_unmap(pipe, t);
   pipe->flush(pipe, NULL, 0);
}

static double
bare_loop(struct bare_draw *d, enum loop loop, double seconds)
{
   struct pipe_context *pipe = d->pipe;
   pipe->bind_fs_state(pipe, loop == LOOP_TEXTURE ? d->fs_tex : d->fs_color);
   pipe->set_sampler_views(pipe, PIPE_SHADER_FRAGMENT, 0, 1, 0, false,
                           &d->view[0]);
   static const float c[2][4] = { { 1, 0, 0, 1 }, { 0, 1, 0, 1 } };
   struct pipe_constant_buffer cb = { .user_buffer = c[0],
                                      .buffer_size = 16 };
   pipe->set_constant_buffer(pipe, PIPE_SHADER_FRAGMENT, 0, false, &cb);
   struct pipe_draw_info info;
   memset(&info, 0, sizeof(info));
   info.mode = PIPE_PRIM_TRIANGLES;
   info.instance_count = 1;
   const struct pipe_draw_start_count_bias draw = { .start = 0, .count = 3 };
   pipe->draw_vbo(pipe, &info, 0, NULL, &draw, 1);
   bare_finish(d);

   uint64_t n = 0;
   const double t0 = now_s();
   double t;
   do {
      for (unsigned i = 0; i < 256; i++, n++) {
         switch (loop) {
         case LOOP_STATE:
            pipe->bind_rasterizer_state(pipe, d->rast[n & 1]);
            break;
         case LOOP_CONST:
            cb.user_buffer = c[n & 1];
            pipe->set_constant_buffer(pipe, PIPE_SHADER_FRAGMENT, 0, false,
                                      &cb);
            break;
         case LOOP_TEXTURE:
            pipe->set_sampler_views(pipe, PIPE_SHADER_FRAGMENT, 0, 1, 0,
                                    false, &d->view[n & 1]);
            break;
         default:
            break;
         }
         pipe->draw_vbo(pipe, &info, 0, NULL, &draw, 1);
      }
      bare_finish(d);
      t = now_s() - t0;
   } while (t < seconds);
   pipe->bind_rasterizer_state(pipe, d->rast[0]);
   return n / t;
}

/* Translation: a ps_3_0 of `n` dependent mad/add instructions.  The first
 * reads a constant defined from this run's clock, so that neither the
 * frontend's shader cache (util/disk_cache) nor the Gallium driver's has
 * seen the program: the time is a translation and a compile. */
static double
translation_ms_per_1000(struct ddi_draw *d, unsigned n)
{
   struct rt_device *dev = d->dev;
   /* Each mad is 5 tokens: instruction, destination, three sources. */
   const unsigned size = 1 + 6 + 5 * n + 3 + 1;
   uint32_t *code = calloc(size, sizeof(uint32_t));
   if (!code)
      return -1;
   unsigned k = 0;
   code[k++] = SM_PS(3, 0);
   const uint32_t def[] = { SM_DEF(5, 223) };
   code[k++] = def[0];
   code[k++] = def[1];
   const float nonce[4] = { (float)(now_s() * 1e-3), 1, 2, 3 };
   memcpy(&code[k], nonce, sizeof(nonce));
   k += 4;
   for (unsigned i = 0; i < n; i++) {
      code[k++] = SM_INSTR(D3DSIO_MAD, 4);
      code[k++] = SM_DST(D3DSPR_TEMP, i % 8, SM_MASK_ALL);
      code[k++] = SM_SRC(D3DSPR_TEMP, (i + 7) % 8, SM_NOSWZ);
      code[k++] = SM_SRC(D3DSPR_CONST, i ? i % 32 : 223, SM_NOSWZ);
      code[k++] = SM_SRC(D3DSPR_TEMP, (i + 3) % 8, SM_NOSWZ);
   }
   code[k++] = SM_INSTR(D3DSIO_MOV, 2);
   code[k++] = SM_DST(D3DSPR_COLOROUT, 0, SM_MASK_ALL);
   code[k++] = SM_SRC(D3DSPR_TEMP, (n + 7) % 8, SM_NOSWZ);
   code[k++] = SM_END;

   const double t0 = now_s();
   D3DDDIARG_CREATEPIXELSHADER cp = { k * 4, NULL };
   HRESULT hr = dev->funcs.pfnCreatePixelShader(dev->hDevice, &cp,
                                                (const UINT *)code);
   free(code);
   if (FAILED(hr))
      return -1;
   dev->funcs.pfnSetPixelShader(dev->hDevice, cp.ShaderHandle);
   const D3DDDIARG_DRAWPRIMITIVE dp = { D3DPT_TRIANGLELIST, 0, 1 };
   hr = dev->funcs.pfnDrawPrimitive(dev->hDevice, &dp, NULL);
   ddi_finish(d);
   const double ms = (now_s() - t0) * 1e3;
   dev->funcs.pfnSetPixelShader(dev->hDevice, d->ps_color);
   dev->funcs.pfnDeletePixelShader(dev->hDevice, cp.ShaderHandle);
   return FAILED(hr) ? -1 : ms * 1000.0 / n;
}

void
bench_draws(struct bench *b)
{
   printf("5. Draws per second: DrawPrimitive of an 8-pixel triangle vs "
          "draw_vbo of it\n   with the same state on the baseline context"
          " (goal: a) >= 0.8)\n\n");
   printf("   %-28s %14s %14s %7s\n", "", "DDI draws/s", "bare draws/s",
          "ratio");
   struct ddi_draw d;
   memset(&d, 0, sizeof(d));
   struct bare_draw bd;
   memset(&bd, 0, sizeof(bd));
   const bool ok = ddi_setup(b, &d);
   const bool bare_ok = b->pipe && bare_setup(b, &bd);
   if (!ok) {
      printf("   (the DDI side could not be set up)\n\n");
      b->status = 1;
   }
   for (unsigned l = 0; ok && l < LOOP_COUNT; l++) {
      double best = 0, best_bare = 0;
      for (unsigned r = 0; r < b->rounds; r++) {
         const double x = ddi_loop(&d, l, b->row_s / b->rounds);
         best = x > best ? x : best;
         if (bare_ok) {
            const double y = bare_loop(&bd, l, b->row_s / b->rounds);
            best_bare = y > best_bare ? y : best_bare;
         }
      }
      if (bare_ok)
         printf("   %-28s %14.0f %14.0f %7.2f\n", loop_names[l], best,
                best_bare, best / best_bare);
      else
         printf("   %-28s %14.0f %14s %7s\n", loop_names[l], best, "-", "-");
   }
   if (ok) {
      const double ms = translation_ms_per_1000(&d, 1000);
      if (ms >= 0)
         printf("\n   translation: %.1f ms per 1,000 instructions (ps_3_0 "
                "of 1,000 mad: CreatePixelShader,\n   the variant's NIR and "
                "the driver's compile at the first draw)\n", ms);
      else
         printf("\n   translation: failed\n");
   }
   printf("\n   best of %u rounds; each loop ends with Flush and a read of "
          "the target on\n   both sides.\n\n", b->rounds);
   ddi_teardown(&d);
   bare_teardown(&bd);
   fflush(stdout);
}

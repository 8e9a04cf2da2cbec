/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * Rendering: the device state the runtime sets (render states, sampler
 * states, bindings, shaders, declarations, constants) and how it becomes
 * Gallium state at a draw or clear.
 *
 * Setters only record the D3D9 values and mark state groups dirty; the
 * next draw (d3dumd_state_commit) converts the dirty groups into Gallium
 * state objects through cso_context, which caches them.  Bindings hold the
 * frontend's resources, not Gallium's: each commit resolves a binding to
 * the resource's current storage, so a Rename or Discard of a bound
 * resource rebinds it without the runtime setting it again (the Rename
 * page), while the draws queued before keep the storage they were given.
 */

#ifndef D3DUMD_RENDER_H
#define D3DUMD_RENDER_H

#include "d3dumd_sm.h"
#include "util/list.h"

struct cso_context;
struct u_upload_mgr;
struct pipe_sampler_view;
struct pipe_surface;
struct d3dumd_device;
struct d3dumd_resource;

#define D3DUMD_MAX_STREAMS        16
#define D3DUMD_MAX_RENDER_TARGETS 4
#define D3DUMD_MAX_VERTEX_ELEMENTS 64
/* Sampler slots: 0-15 pixel samplers, 16 the displacement-map sampler
 * (SetTexture stage 256), 17-20 the vertex samplers (257-260). */
#define D3DUMD_PS_SAMPLERS        16
#define D3DUMD_DMAP_SLOT          16
#define D3DUMD_VS_SAMPLER_SLOT    17
#define D3DUMD_VS_SAMPLERS        4
#define D3DUMD_SAMPLER_SLOTS      21
#define D3DUMD_RS_COUNT           (D3DRS_BLENDOPALPHA + 1)
#define D3DUMD_TSS_COUNT          (D3DDDITSS_TEXTURECOLORKEYVAL + 1)
#define D3DUMD_VS_FLOAT_CONSTS    256
#define D3DUMD_PS_FLOAT_CONSTS    224
#define D3DUMD_MAX_CLIP_PLANES    6

/* State groups, marked by the setters and converted by the next commit. */
enum d3dumd_dirty {
   D3DUMD_DIRTY_BLEND       = 1u << 0,
   D3DUMD_DIRTY_DSA         = 1u << 1,
   D3DUMD_DIRTY_RAST        = 1u << 2,
   D3DUMD_DIRTY_VIEWPORT    = 1u << 3,
   D3DUMD_DIRTY_SCISSOR     = 1u << 4,
   D3DUMD_DIRTY_FB          = 1u << 5,
   D3DUMD_DIRTY_SAMPLERS    = 1u << 6,
   D3DUMD_DIRTY_TEXTURES    = 1u << 7,
   D3DUMD_DIRTY_VS          = 1u << 8,
   D3DUMD_DIRTY_PS          = 1u << 9,
   D3DUMD_DIRTY_VELEMS      = 1u << 10,
   D3DUMD_DIRTY_VB          = 1u << 11,
   D3DUMD_DIRTY_VS_CONST    = 1u << 12,
   D3DUMD_DIRTY_PS_CONST    = 1u << 13,
   D3DUMD_DIRTY_CLIP        = 1u << 14,
   D3DUMD_DIRTY_STENCIL_REF = 1u << 15,
   D3DUMD_DIRTY_BLEND_COLOR = 1u << 16,
   D3DUMD_DIRTY_SAMPLE_MASK = 1u << 17,
   /* Constant buffer 1 (integers, booleans, the driver's values); the
    * *_CONST bits are buffer 0's float constants. */
   D3DUMD_DIRTY_VS_CONST1   = 1u << 18,
   D3DUMD_DIRTY_PS_CONST1   = 1u << 19,
   D3DUMD_DIRTY_ALL         = (1u << 20) - 1,
};

/* A vertex declaration (CreateVertexShaderDecl): the elements as the
 * runtime gave them (without D3DDECL_END). */
struct d3dumd_vdecl {
   struct d3dumd_object base;
   struct d3dumd_device *dev;
   struct list_head link;     /* in d3dumd_device::vdecls */
   unsigned num_elements;
   D3DDDIVERTEXELEMENT elements[D3DUMD_MAX_VERTEX_ELEMENTS];
   enum pipe_format formats[D3DUMD_MAX_VERTEX_ELEMENTS];
   bool w_one[D3DUMD_MAX_VERTEX_ELEMENTS];  /* fetched with A2: w := 1 */
   bool positiont;            /* pre-transformed (D3DDECLUSAGE_POSITIONT) */
   void *positiont_vs;        /* its vertex shader (d3dumd_pretransformed.c) */
   uint16_t streams;          /* streams the elements read */
};

/* Which float constants a program reads and where they go in buffer 0. */
struct d3dumd_sm_const_layout {
   bool identity;         /* relative addressing: slot i = c#i */
   unsigned file_size;    /* the shader model's float file */
   unsigned count;        /* slots in buffer 0 */
   uint8_t slot[D3DUMD_SM_MAX_FLOAT_CONST];   /* 0xff: not read */
   uint16_t list[D3DUMD_SM_MAX_FLOAT_CONST];  /* slot -> c# */
};

/* A compiled variant of a shader: the D3D9 state folded into it. */
struct d3dumd_shader_key {
   /* ps: sampler targets (PIPE_TEXTURE_*) of the bound textures, for the
    * samplers the shader does not declare (ps_1_x) and to match cube /
    * volume bindings. */
   uint8_t sampler_target[D3DUMD_PS_SAMPLERS];
   /* Samplers bound to depth formats sample with comparison (ps s#; vs
    * s# of vertex texture fetch). */
   uint16_t shadow;
   /* Fixed stages the Gallium driver lacks (PIPE_CAP_ALPHA_TEST,
    * PIPE_CAP_FLATSHADE, PIPE_CAP_CLIP_PLANES: zink), done by the shader:
    * ps: the alpha test's PIPE_FUNC_* (PIPE_FUNC_ALWAYS: none; the
    * reference in constant buffer 1), colours interpolated flat; vs: the
    * user clip planes written as clip distances (planes in buffer 1). */
   uint8_t alpha_func;
   bool flatshade;
   uint8_t clip_planes;
   /* ps below 3.0: the fog D3D9 applies after the shader
    * (enum d3dumd_fog; its colour and range in constant buffer 1). */
   uint8_t fog;
   /* vs: inputs fetched with a stand-in format whose w must read 1. */
   uint16_t w_one;
   /* vs: pre-transformed positions (DrawPrimitive2 / POSITIONT). */
   bool positiont;
   /* vs, point lists on a screen without PIPE_CAP_POINT_SIZE_FIXED
    * (zink): the shader writes D3DRS_POINTSIZE (constant buffer 1) as the
    * point size, as it does not write oPts itself. */
   bool point_size;
   /* ps, point lists with D3DRS_POINTSPRITEENABLE: every texture
    * coordinate input reads the sprite coordinate instead. */
   bool point_sprite;
   /* ps, table fog with D3DRS_ZENABLE = D3DZB_USEW: the fog's distance
    * is the eye-space w (1 / gl_FragCoord.w), not the depth. */
   bool fog_w;
   /* ps_1_1-1_3: D3DTTFF_PROJECTED of stages 0-3, 2 bits each: the
    * component tex and texbem divide the coordinates by (1-3: y, z, w;
    * 0: none). */
   uint8_t ps1_projected;
};

enum d3dumd_fog {
   D3DUMD_FOG_NONE,
   D3DUMD_FOG_VERTEX,   /* the vertex shader's oFog is the factor */
   D3DUMD_FOG_EXP,      /* table fog from the pixel's depth */
   D3DUMD_FOG_EXP2,
   D3DUMD_FOG_LINEAR,
};

struct d3dumd_shader_variant {
   struct d3dumd_shader_variant *next;
   struct d3dumd_shader_key key;
   void *cso;
};

/* A vertex or pixel shader (CreateVertexShaderFunc / CreatePixelShader). */
struct d3dumd_shader {
   struct d3dumd_object base;
   struct d3dumd_device *dev;
   struct list_head link;     /* in d3dumd_device::shaders */
   struct d3dumd_sm_program prog;
   struct d3dumd_sm_const_layout consts;
   uint8_t sha1[20];          /* of the tokens: the variants' cache key */
   struct d3dumd_shader_variant *variants;
   struct d3dumd_shader_variant *current;
};

struct d3dumd_stream {
   struct d3dumd_resource *res;   /* NULL: none, or user memory */
   unsigned offset, stride;
   const void *user;              /* SetStreamSourceUm, valid for one draw */
   unsigned divider;              /* SetStreamSourceFreq */
};

/* A render target or depth-stencil binding: a subresource, and the
 * pipe_surface made for the storage it had at the last commit. */
struct d3dumd_target {
   struct d3dumd_resource *res;
   unsigned sub;
   struct pipe_surface *surf;
   struct pipe_resource *surf_pres;
   bool srgb;                     /* surf is the sRGB view */
};

struct d3dumd_state {
   uint32_t dirty;
   bool positiont;                 /* of the last committed draw */
   bool points;                    /* the draw is a point list */
   bool fb_multisampled;           /* at the last commit */

   DWORD rs[D3DUMD_RS_COUNT];
   DWORD tss[D3DUMD_SAMPLER_SLOTS][D3DUMD_TSS_COUNT];

   D3DDDIARG_VIEWPORTINFO viewport;
   float min_z, max_z;
   RECT scissor;
   float clip_plane[D3DUMD_MAX_CLIP_PLANES][4];

   struct d3dumd_target rt[D3DUMD_MAX_RENDER_TARGETS];
   struct d3dumd_target zs;

   struct d3dumd_resource *texture[D3DUMD_SAMPLER_SLOTS];
   uint32_t texture_mask;          /* slots with a texture */
   struct pipe_sampler_view *view[D3DUMD_SAMPLER_SLOTS];
   struct pipe_resource *view_pres[D3DUMD_SAMPLER_SLOTS];

   struct d3dumd_stream stream[D3DUMD_MAX_STREAMS];
   uint16_t stream_res_mask;       /* streams in a buffer */
   uint16_t stream_user_mask;      /* streams in user memory */
   uint16_t stream_sysmem_mask;    /* streams in system-memory buffers */
   unsigned num_vb_bound;          /* vertex buffers bound (d3dumd_vertex.c) */
   /* Storage bound for each stream at the last commit. */
   struct pipe_resource *stream_pres[D3DUMD_MAX_STREAMS];
   struct d3dumd_resource *ib;
   unsigned ib_stride;
   const void *ib_user;            /* SetIndicesUm, valid for one draw */
   unsigned ib_user_stride;

   struct d3dumd_vdecl *vdecl;
   struct d3dumd_shader *vs, *ps;
   void *bound_vs, *bound_ps;      /* the variants bound in the cso */
   void *last_drawn_vs, *vs_zombie; /* d3dumd_shader_delete_vs */

   float vs_f[D3DUMD_VS_FLOAT_CONSTS][4];
   int32_t vs_i[D3DUMD_SM_MAX_INT_CONST][4];
   uint32_t vs_b[D3DUMD_SM_MAX_BOOL_CONST];
   float ps_f[D3DUMD_PS_FLOAT_CONSTS][4];
   int32_t ps_i[D3DUMD_SM_MAX_INT_CONST][4];
   uint32_t ps_b[D3DUMD_SM_MAX_BOOL_CONST];
};

/*
 * D3D9 puts pixel centres on integer coordinates, Gallium half a pixel in.
 * Every vertex shader moves its position by this much in window
 * coordinates (d3dumd_sm_to_nir.c, d3dumd_pretransformed.c), 63/128 of a
 * pixel rather than 1/2 (as wined3d does): an edge through D3D9 pixel
 * centres then lies just before Gallium's, so the pixels on a left or top
 * edge are inside and those on a right or bottom edge outside, D3D9's
 * top-left rule, whatever rule the rasteriser has for ties (softpipe's is
 * not top-left).  The viewport itself stays exact (d3dumd_state.c).
 */
#define D3DUMD_PIXEL_OFFSET (63.0f / 128.0f)

/*
 * Constants: two constant buffers per stage.
 *  - Buffer 0 holds the float constants the shader reads.  A program that
 *    reads its constants only with absolute indices gets them packed, in
 *    the order of d3dumd_shader::const_list (c20 alone is slot 0), so a
 *    draw uploads only those; one with relative addressing gets the whole
 *    file, slot i = c#i.  (Small buffers also keep llvmpipe 22.3's linear
 *    rasteriser safe: it copies all of buffer 0 into a 16-vector array.)
 *  - Buffer 1: the integer constants, one slot a boolean (x = 0 or 1),
 *    and slots for the driver's own values.  Pixel shaders: driver slot 0
 *    the alpha reference, 1-2 fog; 3-10 the bump-environment matrix of
 *    stages 0-7 (BUMPENVMAT00, 01, 10, 11), 11-14 their luminance scale
 *    and offset (stage 2k in x, y; 2k + 1 in z, w) for texbem, texbeml
 *    and bem: a matrix change uploads buffer 1, no new variant.  Vertex
 *    shaders: driver slot 0 the pixel offset (x, y) and the point size's
 *    range (z, w: POINTSIZE_MIN, POINTSIZE_MAX and the screen's limit),
 *    1-6 the clip planes, 7 the point size (x: D3DRS_POINTSIZE clamped,
 *    key.point_size).
 */
#define D3DUMD_CB1_INT_BASE     0
#define D3DUMD_CB1_BOOL_BASE    (D3DUMD_CB1_INT_BASE + D3DUMD_SM_MAX_INT_CONST)
#define D3DUMD_CB1_DRIVER_BASE  (D3DUMD_CB1_BOOL_BASE + D3DUMD_SM_MAX_BOOL_CONST)
#define D3DUMD_CB1_DRIVER_SLOTS 16
#define D3DUMD_BUMP_STAGES      8
#define D3DUMD_CB1_BUMPENV_MAT(s) (D3DUMD_CB1_DRIVER_BASE + 3 + (s))
#define D3DUMD_CB1_BUMPENV_LUM(s) (D3DUMD_CB1_DRIVER_BASE + 11 + (s) / 2)
#define D3DUMD_CB1_SLOTS        (D3DUMD_CB1_DRIVER_BASE + D3DUMD_CB1_DRIVER_SLOTS)


/* d3dumd_state.c */
void d3dumd_state_init(struct d3dumd_device *dev);
void d3dumd_state_fini(struct d3dumd_device *dev);
bool d3dumd_state_commit(struct d3dumd_device *dev, bool positiont);
void d3dumd_state_unbind_resource(struct d3dumd_device *dev,
                                  struct d3dumd_resource *res);
void d3dumd_state_fill_funcs(D3DDDI_DEVICEFUNCS *funcs);
void d3dumd_state_mark_bound_used(struct d3dumd_device *dev);
unsigned d3dumd_pipe_func(DWORD d3dcmp);
bool d3dumd_is_shadow_texture(const struct d3dumd_resource *res);
void d3dumd_state_set_points(struct d3dumd_device *dev, bool points);
float d3dumd_state_point_size(const struct d3dumd_device *dev);

/* d3dumd_vertex.c */
void d3dumd_vertex_fill_funcs(D3DDDI_DEVICEFUNCS *funcs);
bool d3dumd_vertex_commit(struct d3dumd_device *dev, bool positiont,
                          unsigned first, unsigned count,
                          unsigned stream0_offset);
unsigned d3dumd_vertex_instances(const struct d3dumd_device *dev,
                                 bool indexed);
uint16_t d3dumd_vertex_w_one_inputs(const struct d3dumd_device *dev,
                                    const struct d3dumd_sm_program *vs);
void d3dumd_vdecl_destroy_all(struct d3dumd_device *dev);

/* d3dumd_pretransformed.c */
bool d3dumd_pretransformed_commit(struct d3dumd_device *dev);
void d3dumd_pretransformed_release(struct d3dumd_device *dev,
                                   struct d3dumd_vdecl *decl);

/* d3dumd_draw.c */
void d3dumd_draw_fill_funcs(D3DDDI_DEVICEFUNCS *funcs);

/* d3dumd_target.c */
void d3dumd_target_fill_funcs(D3DDDI_DEVICEFUNCS *funcs);
bool d3dumd_target_commit(struct d3dumd_device *dev);
void d3dumd_target_release(struct d3dumd_device *dev,
                           struct d3dumd_target *t);

/* d3dumd_shader.c */
void d3dumd_shader_fill_funcs(D3DDDI_DEVICEFUNCS *funcs);
bool d3dumd_shader_commit(struct d3dumd_device *dev, bool positiont);
void d3dumd_shader_delete_vs(struct d3dumd_device *dev, void *cso);
void d3dumd_shader_drew(struct d3dumd_device *dev);
void d3dumd_shader_destroy_all(struct d3dumd_device *dev);
bool d3dumd_shader_writes_psize(const struct d3dumd_sm_program *vs);

/* d3dumd_shader_cache.c: translations kept across runs (util/disk_cache);
 * NULL caches nothing. */
struct disk_cache;
struct disk_cache *d3dumd_shader_cache_create(struct pipe_screen *screen);
struct nir_shader *d3dumd_shader_cache_get(struct disk_cache *cache,
                                           struct pipe_screen *screen,
                                           const struct d3dumd_shader *sh,
                                           const struct d3dumd_shader_key *key,
                                           uint8_t cache_key_out[20]);
void d3dumd_shader_cache_put(struct disk_cache *cache,
                             const uint8_t cache_key[20],
                             const struct nir_shader *nir);

/* d3dumd_sm_to_nir.c: an accepted program and its key, as NIR for the
 * screen's compiler options.  NULL on failure (logged). */
struct nir_shader *d3dumd_sm_to_nir(const struct d3dumd_sm_program *prog,
                                    const struct d3dumd_sm_const_layout *consts,
                                    const struct d3dumd_shader_key *key,
                                    struct pipe_screen *screen);
void d3dumd_sm_const_layout(const struct d3dumd_sm_program *prog,
                            struct d3dumd_sm_const_layout *layout);

#endif /* D3DUMD_RENDER_H */

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * IDirect3DDevice9(Ex) and what it holds: the DDI device, the runtime's
 * callbacks' books (allocations, contexts), the state cache and state
 * blocks, the implicit swap chain.
 *
 * The device's methods live in files by concern, each defining the
 * functions it names d3d9_device_<Method> (the vtable is assembled in
 * d3d9_device.c):
 *   d3d9_device.c      creation, destruction, the vtable, scene, caps,
 *                      display and cooperative-level methods
 *   d3d9_callbacks.c   the D3DDDI_DEVICECALLBACKS the driver calls
 *   d3d9_state.c       the state cache: every Set/Get of state
 *   d3d9_stateblock.c  IDirect3DStateBlock9, Begin/EndStateBlock
 *   d3d9_swapchain.c   IDirect3DSwapChain9(Ex), Present, back buffers
 *   d3d9_surface.c     IDirect3DSurface9
 */

#ifndef D3D9_DEVICE_H
#define D3D9_DEVICE_H

#include "d3d9_private.h"

#define D3D9_MAX_STREAMS 16
#define D3D9_MAX_RENDER_TARGETS 4
/* Pixel samplers 0-15, then the displacement-map sampler and the four
 * vertex samplers (D3DDMAPSAMPLER = 256, D3DVERTEXTEXTURESAMPLER0-3 =
 * 257-260), stored at 16-20. */
#define D3D9_PS_SAMPLERS 16
#define D3D9_SAMPLERS 21
#define D3D9_TEXTURE_STAGES 8
#define D3D9_RS_COUNT 256        /* D3DRENDERSTATETYPE values below 256 */
#define D3D9_TSS_COUNT 33        /* D3DTEXTURESTAGESTATETYPE, 1..32 */
#define D3D9_SS_COUNT 14         /* D3DSAMPLERSTATETYPE, 1..13 */
#define D3D9_TS_COUNT 512        /* D3DTRANSFORMSTATETYPE: world 256..511 */
#define D3D9_VS_FLOAT_CONSTS 256
#define D3D9_PS_FLOAT_CONSTS 224
#define D3D9_INT_CONSTS 16
#define D3D9_BOOL_CONSTS 16
#define D3D9_CLIP_PLANES 6

struct d3d9_light {
   D3DLIGHT9 light;
   BOOL enabled;
   BOOL set;                    /* SetLight or LightEnable made it exist */
};

/* Everything a D3D9 device holds as state, and what a state block
 * captures.  Bound objects are interface pointers; the state holds a
 * reference on each (d3d9_state.c). */
struct d3d9_state {
   DWORD rs[D3D9_RS_COUNT];
   DWORD tss[D3D9_TEXTURE_STAGES][D3D9_TSS_COUNT];
   DWORD ss[D3D9_SAMPLERS][D3D9_SS_COUNT];
   D3DMATRIX transforms[D3D9_TS_COUNT];
   D3DMATERIAL9 material;
   struct d3d9_light *lights;   /* indexed by the light's index */
   unsigned num_lights;         /* entries allocated */
   float clip_planes[D3D9_CLIP_PLANES][4];
   D3DVIEWPORT9 viewport;
   RECT scissor;
   float vs_f[D3D9_VS_FLOAT_CONSTS][4];
   int vs_i[D3D9_INT_CONSTS][4];
   BOOL vs_b[D3D9_BOOL_CONSTS];
   float ps_f[D3D9_PS_FLOAT_CONSTS][4];
   int ps_i[D3D9_INT_CONSTS][4];
   BOOL ps_b[D3D9_BOOL_CONSTS];
   IDirect3DBaseTexture9 *textures[D3D9_SAMPLERS];
   struct {
      IDirect3DVertexBuffer9 *buffer;
      UINT offset, stride, frequency;
   } streams[D3D9_MAX_STREAMS];
   IDirect3DIndexBuffer9 *indices;
   IDirect3DVertexDeclaration9 *decl;
   DWORD fvf;
   IDirect3DVertexShader9 *vs;
   IDirect3DPixelShader9 *ps;
   float npatch_mode;
};

/* Which states a state block holds: one bit per render state, texture
 * stage state, sampler state, transform, constant register and bound
 * object.  The setters take one too (NULL: mark nothing), so the device
 * can track what changed since the last draw with the same struct. */
struct d3d9_state_mask {
   DWORD rs[D3D9_RS_COUNT / 32];
   UINT64 tss[D3D9_TEXTURE_STAGES];   /* bit n: D3DTEXTURESTAGESTATETYPE n */
   WORD ss[D3D9_SAMPLERS];            /* bit n: D3DSAMPLERSTATETYPE n */
   DWORD transforms[D3D9_TS_COUNT / 32];
   DWORD vs_f[D3D9_VS_FLOAT_CONSTS / 32];
   DWORD ps_f[D3D9_PS_FLOAT_CONSTS / 32];
   WORD vs_i, vs_b, ps_i, ps_b;
   DWORD textures;                    /* bit per sampler slot, 0-20 */
   WORD streams, stream_freqs;
   BYTE clip_planes;
   BOOL lights, material, viewport, scissor, indices, decl, vs, ps;
};

struct d3d9_swapchain;
struct d3d9_surface;
struct d3d9_shader;
struct d3d9_stateblock;

/* An allocation the driver made through pfnAllocateCb: the runtime's
 * books (d3d9_callbacks.c).  Handles are 1 + the index. */
struct d3d9_allocation {
   BOOL live;
   HANDLE resource;             /* the runtime's resource handle */
   const void *sysmem;          /* D3DDDI_ALLOCATIONINFO::pSystemMem */
   UINT lock_count;
};

struct d3d9_device {
   IDirect3DDevice9Ex IDirect3DDevice9Ex_iface;
   LONG refcount;
   struct d3d9 *d3d9;            /* a reference on the IDirect3D9 */
   BOOL extended;
   UINT adapter;
   D3DDEVTYPE device_type;
   HWND focus_window;
   DWORD flags;                  /* D3DCREATE_* */
   CRITICAL_SECTION cs;          /* D3DCREATE_MULTITHREADED */

   /* The driver's device. */
   HANDLE hdevice;
   D3DDDI_DEVICEFUNCS funcs;
   D3DDDI_DEVICECALLBACKS callbacks;
   /* The runtime's side of the callbacks. */
   struct d3d9_allocation *allocations;
   UINT num_allocations;
   BOOL context_live;

   struct d3d9_state state;      /* what Get* answers and draws use */
   /* What changed in `state` since the driver last heard of it: every
    * setter outside a recording marks it, d3d9_draw.c sends it at the
    * next draw (and clears it). */
   struct d3d9_state_mask dirty;
   struct d3d9_stateblock *recording;   /* between Begin/EndStateBlock */
   BOOL in_scene;
   /* D3DPOOL_DEFAULT objects with public references: a D3D9 Reset
    * fails while there are any (the implicit swap chain's buffers and
    * the automatic depth-stencil surface are checked apart). */
   LONG reset_blockers;
   /* A D3D9 Reset that failed leaves the device needing one
    * (TestCooperativeLevel: D3DERR_DEVICENOTRESET); Present fails. */
   BOOL not_reset;

   struct d3d9_swapchain *swapchain;    /* the implicit swap chain */
   struct d3d9_surface *render_targets[D3D9_MAX_RENDER_TARGETS];
   struct d3d9_surface *depth_stencil;
   struct d3d9_surface *auto_depth_stencil;   /* EnableAutoDepthStencil */
   /* Automatic depth-stencil surfaces a D3D9Ex Reset replaced while the
    * program held them. */
   struct d3d9_surface **retired_ds;
   UINT num_retired_ds;

   /* SetFVF's declarations, one per FVF (d3d9_fvf.c). */
   struct d3d9_shader **fvf_decls;
   UINT num_fvf_decls;

   /* Fixed function (d3d9_ff.h): each cache is its file's own. */
   struct d3d9_ff_vs_cache *ff_vs;
   struct d3d9_ff_ps_cache *ff_ps;
   /* Which kind of shader the driver has bound (d3d9_draw.c): a
    * generated one or the program's.  The _stale flags say the program's
    * constants went to the driver since a generated shader last ran:
    * its _bind must send all of its constants again (and clear them). */
   BOOL ff_vs_bound, ff_ps_bound;
   BOOL ff_vs_consts_stale, ff_ps_consts_stale;
   BOOL clip_planes_ff;          /* planes last sent moved to clip space */
   /* The texture palettes (d3d9_palette.c), NULL until one is set. */
   struct d3d9_palettes *palettes;
   /* Stored and answered only: the GPU thread priority (D3D9Ex), the
    * software vertex processing switch of a mixed device, the gamma ramp
    * of the implicit swap chain. */
   INT gpu_thread_priority;
   UINT frame_latency;           /* SetMaximumFrameLatency; 0: default */
   BOOL software_vp;
   D3DGAMMARAMP gamma;
   /* SetCursorProperties' cursor and ShowCursor's state (d3d9_display.c). */
   HCURSOR cursor;
   BOOL cursor_shown;
   /* The multi-processor mode's worker (d3d9_worker.c), NULL when off. */
   struct d3d9_worker *worker;
};

static inline struct d3d9_device *
impl_from_IDirect3DDevice9Ex(IDirect3DDevice9Ex *iface)
{
   return CONTAINING_RECORD(iface, struct d3d9_device,
                            IDirect3DDevice9Ex_iface);
}

HRESULT d3d9_device_create(struct d3d9 *d3d9, UINT adapter,
                           D3DDEVTYPE device_type, HWND focus_window,
                           DWORD flags, D3DPRESENT_PARAMETERS *parameters,
                           D3DDISPLAYMODEEX *mode, BOOL extended,
                           struct d3d9_device **out);

/* d3d9_callbacks.c */
void d3d9_callbacks_init(struct d3d9_device *device,
                         D3DDDI_DEVICECALLBACKS *callbacks);
void d3d9_callbacks_fini(struct d3d9_device *device);

/* d3d9_state.c: the state cache.  _init sets D3D9's defaults (the
 * values a new device and a Reset have); _fini drops the references the
 * state holds. */
void d3d9_state_init(struct d3d9_state *state, const D3DCAPS9 *caps,
                     const D3DPRESENT_PARAMETERS *pp);
void d3d9_state_fini(struct d3d9_state *state);

/* d3d9_draw.c: everything in the state is sent to the driver again at
 * the next draw (a new device, Reset). */
void d3d9_draw_mark_all_dirty(struct d3d9_device *device);
/* The render states, stage and sampler states, viewport, scissor, clip
 * planes, textures, streams, indices and declaration to the driver now
 * (Clear and the vendor commands read some); state lock held. */
void d3d9_draw_flush_fixed_state(struct d3d9_device *device);

/* d3d9_palette.c */
void d3d9_palettes_free(struct d3d9_device *device);

/* d3d9_stateblock.c */
void d3d9_stateblock_free_recording(struct d3d9_device *device);

/* The state methods (d3d9_state.c, d3d9_stateblock.c), with the
 * IDirect3DDevice9Ex vtable's signatures. */
#define D3D9_DEVICE_STATE_METHODS(X)                                      \
   X(SetTransform) X(GetTransform) X(MultiplyTransform) X(SetViewport)   \
   X(GetViewport) X(SetMaterial) X(GetMaterial) X(SetLight) X(GetLight)  \
   X(LightEnable) X(GetLightEnable) X(SetClipPlane) X(GetClipPlane)      \
   X(SetRenderState) X(GetRenderState) X(CreateStateBlock)               \
   X(BeginStateBlock) X(EndStateBlock) X(SetClipStatus) X(GetClipStatus) \
   X(GetTexture) X(SetTexture) X(GetTextureStageState)                   \
   X(SetTextureStageState) X(GetSamplerState) X(SetSamplerState)         \
   X(SetScissorRect) X(GetScissorRect) X(SetNPatchMode) X(GetNPatchMode) \
   X(SetVertexDeclaration) X(GetVertexDeclaration) X(SetFVF) X(GetFVF)   \
   X(SetVertexShader) X(GetVertexShader) X(SetVertexShaderConstantF)     \
   X(GetVertexShaderConstantF) X(SetVertexShaderConstantI)               \
   X(GetVertexShaderConstantI) X(SetVertexShaderConstantB)               \
   X(GetVertexShaderConstantB) X(SetStreamSource) X(GetStreamSource)     \
   X(SetStreamSourceFreq) X(GetStreamSourceFreq) X(SetIndices)           \
   X(GetIndices) X(SetPixelShader) X(GetPixelShader)                     \
   X(SetPixelShaderConstantF) X(GetPixelShaderConstantF)                 \
   X(SetPixelShaderConstantI) X(GetPixelShaderConstantI)                 \
   X(SetPixelShaderConstantB) X(GetPixelShaderConstantB)

/* d3d9_state.c / d3d9_stateblock.c */


struct d3d9_stateblock {
   IDirect3DStateBlock9 IDirect3DStateBlock9_iface;
   LONG refcount;
   struct d3d9_device *device;   /* referenced once the block is public */
   struct d3d9_state state;
   struct d3d9_state_mask changed;
   /* Capture stores stream offsets: a recorded block's always, a created
    * block's only at creation (Windows, per Wine's stateblock test). */
   BOOL store_stream_offset;
};

/* Objects bound in a state (textures, buffers, declarations, shaders):
 * D3D9 keeps no public reference on them (Wine's test_refcount), so
 * these are where a private reference goes once the objects have one. */
void d3d9_state_ref(IUnknown *object);     /* d3d9_object.c */
void d3d9_state_unref(IUnknown *object);

#define D3D9_STATE_BIND(slot, object)                                     \
   do {                                                                  \
      d3d9_state_ref((IUnknown *)(object));                              \
      d3d9_state_unref((IUnknown *)(slot));                              \
      (slot) = (object);                                                 \
   } while (0)

/* D3DCREATE_MULTITHREADED: the device's lock around state access. */
void d3d9_state_lock(struct d3d9_device *device);
void d3d9_state_unlock(struct d3d9_device *device);

/* D3D9's default light: directional, white diffuse, along +z. */
void d3d9_state_default_light(D3DLIGHT9 *light);
/* Lights: the entry of INDEX, NULL when the light was never set; with
 * CREATE, a new default light (disabled) is made (NULL: out of memory). */
struct d3d9_light *d3d9_state_light(struct d3d9_state *state, DWORD index,
                                    BOOL create);
HRESULT d3d9_state_set_light(struct d3d9_state *state,
                             struct d3d9_state_mask *mask, DWORD index,
                             const D3DLIGHT9 *light);
HRESULT d3d9_state_enable_light(struct d3d9_state *state,
                                struct d3d9_state_mask *mask, DWORD index,
                                BOOL enable);
/* Copies the states WHICH names from SRC into DST, marking them in
 * DST_MASK (may be NULL); Apply and Capture. */
void d3d9_state_copy(struct d3d9_state *dst, struct d3d9_state_mask *dst_mask,
                     const struct d3d9_state *src,
                     const struct d3d9_state_mask *which,
                     BOOL store_stream_offset, BOOL apply);
void d3d9_state_clip_status_forget(struct d3d9_device *device);

HRESULT WINAPI d3d9_device_SetTransform(IDirect3DDevice9Ex *iface, D3DTRANSFORMSTATETYPE state, const D3DMATRIX *matrix);
HRESULT WINAPI d3d9_device_GetTransform(IDirect3DDevice9Ex *iface, D3DTRANSFORMSTATETYPE state, D3DMATRIX *matrix);
HRESULT WINAPI d3d9_device_MultiplyTransform(IDirect3DDevice9Ex *iface, D3DTRANSFORMSTATETYPE state, const D3DMATRIX *matrix);
HRESULT WINAPI d3d9_device_SetViewport(IDirect3DDevice9Ex *iface, const D3DVIEWPORT9 *viewport);
HRESULT WINAPI d3d9_device_GetViewport(IDirect3DDevice9Ex *iface, D3DVIEWPORT9 *viewport);
HRESULT WINAPI d3d9_device_SetMaterial(IDirect3DDevice9Ex *iface, const D3DMATERIAL9 *material);
HRESULT WINAPI d3d9_device_GetMaterial(IDirect3DDevice9Ex *iface, D3DMATERIAL9 *material);
HRESULT WINAPI d3d9_device_SetLight(IDirect3DDevice9Ex *iface, DWORD index, const D3DLIGHT9 *light);
HRESULT WINAPI d3d9_device_GetLight(IDirect3DDevice9Ex *iface, DWORD index, D3DLIGHT9 *light);
HRESULT WINAPI d3d9_device_LightEnable(IDirect3DDevice9Ex *iface, DWORD index, BOOL enable);
HRESULT WINAPI d3d9_device_GetLightEnable(IDirect3DDevice9Ex *iface, DWORD index, BOOL *enable);
HRESULT WINAPI d3d9_device_SetClipPlane(IDirect3DDevice9Ex *iface, DWORD index, const float *plane);
HRESULT WINAPI d3d9_device_GetClipPlane(IDirect3DDevice9Ex *iface, DWORD index, float *plane);
HRESULT WINAPI d3d9_device_SetRenderState(IDirect3DDevice9Ex *iface, D3DRENDERSTATETYPE state, DWORD value);
HRESULT WINAPI d3d9_device_GetRenderState(IDirect3DDevice9Ex *iface, D3DRENDERSTATETYPE state, DWORD *value);
HRESULT WINAPI d3d9_device_CreateStateBlock(IDirect3DDevice9Ex *iface, D3DSTATEBLOCKTYPE type, IDirect3DStateBlock9 **out);
HRESULT WINAPI d3d9_device_BeginStateBlock(IDirect3DDevice9Ex *iface);
HRESULT WINAPI d3d9_device_EndStateBlock(IDirect3DDevice9Ex *iface, IDirect3DStateBlock9 **out);
HRESULT WINAPI d3d9_device_SetClipStatus(IDirect3DDevice9Ex *iface, const D3DCLIPSTATUS9 *status);
HRESULT WINAPI d3d9_device_GetClipStatus(IDirect3DDevice9Ex *iface, D3DCLIPSTATUS9 *status);
HRESULT WINAPI d3d9_device_GetTexture(IDirect3DDevice9Ex *iface, DWORD stage, IDirect3DBaseTexture9 **texture);
HRESULT WINAPI d3d9_device_SetTexture(IDirect3DDevice9Ex *iface, DWORD stage, IDirect3DBaseTexture9 *texture);
HRESULT WINAPI d3d9_device_GetTextureStageState(IDirect3DDevice9Ex *iface, DWORD stage, D3DTEXTURESTAGESTATETYPE type, DWORD *value);
HRESULT WINAPI d3d9_device_SetTextureStageState(IDirect3DDevice9Ex *iface, DWORD stage, D3DTEXTURESTAGESTATETYPE type, DWORD value);
HRESULT WINAPI d3d9_device_GetSamplerState(IDirect3DDevice9Ex *iface, DWORD sampler, D3DSAMPLERSTATETYPE type, DWORD *value);
HRESULT WINAPI d3d9_device_SetSamplerState(IDirect3DDevice9Ex *iface, DWORD sampler, D3DSAMPLERSTATETYPE type, DWORD value);
HRESULT WINAPI d3d9_device_SetScissorRect(IDirect3DDevice9Ex *iface, const RECT *rect);
HRESULT WINAPI d3d9_device_GetScissorRect(IDirect3DDevice9Ex *iface, RECT *rect);
HRESULT WINAPI d3d9_device_SetNPatchMode(IDirect3DDevice9Ex *iface, float segments);
float WINAPI d3d9_device_GetNPatchMode(IDirect3DDevice9Ex *iface);
HRESULT WINAPI d3d9_device_SetVertexDeclaration(IDirect3DDevice9Ex *iface, IDirect3DVertexDeclaration9 *decl);
HRESULT WINAPI d3d9_device_GetVertexDeclaration(IDirect3DDevice9Ex *iface, IDirect3DVertexDeclaration9 **decl);
HRESULT WINAPI d3d9_device_SetFVF(IDirect3DDevice9Ex *iface, DWORD fvf);
HRESULT WINAPI d3d9_device_GetFVF(IDirect3DDevice9Ex *iface, DWORD *fvf);
HRESULT WINAPI d3d9_device_SetVertexShader(IDirect3DDevice9Ex *iface, IDirect3DVertexShader9 *shader);
HRESULT WINAPI d3d9_device_GetVertexShader(IDirect3DDevice9Ex *iface, IDirect3DVertexShader9 **shader);
HRESULT WINAPI d3d9_device_SetVertexShaderConstantF(IDirect3DDevice9Ex *iface, UINT start, const float *data, UINT count);
HRESULT WINAPI d3d9_device_GetVertexShaderConstantF(IDirect3DDevice9Ex *iface, UINT start, float *data, UINT count);
HRESULT WINAPI d3d9_device_SetVertexShaderConstantI(IDirect3DDevice9Ex *iface, UINT start, const int *data, UINT count);
HRESULT WINAPI d3d9_device_GetVertexShaderConstantI(IDirect3DDevice9Ex *iface, UINT start, int *data, UINT count);
HRESULT WINAPI d3d9_device_SetVertexShaderConstantB(IDirect3DDevice9Ex *iface, UINT start, const BOOL *data, UINT count);
HRESULT WINAPI d3d9_device_GetVertexShaderConstantB(IDirect3DDevice9Ex *iface, UINT start, BOOL *data, UINT count);
HRESULT WINAPI d3d9_device_SetStreamSource(IDirect3DDevice9Ex *iface, UINT stream, IDirect3DVertexBuffer9 *buffer, UINT offset, UINT stride);
HRESULT WINAPI d3d9_device_GetStreamSource(IDirect3DDevice9Ex *iface, UINT stream, IDirect3DVertexBuffer9 **buffer, UINT *offset, UINT *stride);
HRESULT WINAPI d3d9_device_SetStreamSourceFreq(IDirect3DDevice9Ex *iface, UINT stream, UINT divider);
HRESULT WINAPI d3d9_device_GetStreamSourceFreq(IDirect3DDevice9Ex *iface, UINT stream, UINT *divider);
HRESULT WINAPI d3d9_device_SetIndices(IDirect3DDevice9Ex *iface, IDirect3DIndexBuffer9 *buffer);
HRESULT WINAPI d3d9_device_GetIndices(IDirect3DDevice9Ex *iface, IDirect3DIndexBuffer9 **buffer);
HRESULT WINAPI d3d9_device_SetPixelShader(IDirect3DDevice9Ex *iface, IDirect3DPixelShader9 *shader);
HRESULT WINAPI d3d9_device_GetPixelShader(IDirect3DDevice9Ex *iface, IDirect3DPixelShader9 **shader);
HRESULT WINAPI d3d9_device_SetPixelShaderConstantF(IDirect3DDevice9Ex *iface, UINT start, const float *data, UINT count);
HRESULT WINAPI d3d9_device_GetPixelShaderConstantF(IDirect3DDevice9Ex *iface, UINT start, float *data, UINT count);
HRESULT WINAPI d3d9_device_SetPixelShaderConstantI(IDirect3DDevice9Ex *iface, UINT start, const int *data, UINT count);
HRESULT WINAPI d3d9_device_GetPixelShaderConstantI(IDirect3DDevice9Ex *iface, UINT start, int *data, UINT count);
HRESULT WINAPI d3d9_device_SetPixelShaderConstantB(IDirect3DDevice9Ex *iface, UINT start, const BOOL *data, UINT count);
HRESULT WINAPI d3d9_device_GetPixelShaderConstantB(IDirect3DDevice9Ex *iface, UINT start, BOOL *data, UINT count);

#endif

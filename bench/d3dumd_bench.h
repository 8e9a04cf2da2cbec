/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* What the benchmark's parts share (d3dumd_bench.c, d3dumd_bench_draw.c). */

#ifndef D3DUMD_BENCH_H
#define D3DUMD_BENCH_H

#include <stdbool.h>
#include <stdint.h>

#include "rt.h"

struct pipe_loader_device;
struct pipe_screen;
struct pipe_context;

struct bench {
   bool quick;
   bool driver_only;
   bool user_stats;   /* D3DUMD_DEBUG had "stats" already */
   double row_s;      /* seconds of measurement per path, all rounds */
   unsigned rounds;   /* rounds alternating the DDI and the baselines */

   struct rt_driver *drv;
   struct rt_adapter *adapter;
   struct rt_device *dev;
   uintptr_t next_cookie;  /* the runtime's hResource values */

   /* The baseline: our own screen and context (NULL with --driver-only). */
   struct pipe_loader_device *ldev;
   struct pipe_screen *screen;
   struct pipe_context *pipe;

   int status;
};

/* Part 5: draws (d3dumd_bench_draw.c). */
void bench_draws(struct bench *b);

#endif

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

#include "target-helpers/drm_helper.h"
#include "target-helpers/sw_helper.h"

#include "pipe-loader/pipe_loader.h"
#include "pipe/p_screen.h"

#include "test_screen.h"

struct pipe_screen *
test_screen_create(struct pipe_loader_device **dev)
{
   if (!pipe_loader_sw_probe_null(dev))
      return NULL;
   struct pipe_screen *screen = pipe_loader_create_screen(*dev);
   if (!screen)
      pipe_loader_release(dev, 1);
   return screen;
}

void
test_screen_destroy(struct pipe_screen *screen, struct pipe_loader_device *dev)
{
   screen->destroy(screen);
   pipe_loader_release(&dev, 1);
}

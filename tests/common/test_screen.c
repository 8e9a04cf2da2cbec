/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

#include <string.h>

#include "target-helpers/drm_helper.h"
#include "target-helpers/sw_helper.h"

#include "pipe-loader/pipe_loader.h"
#include "pipe/p_screen.h"
#include "util/driconf.h"
#include "util/u_debug.h"

#include "test_screen.h"

#ifdef HAVE_ZINK
/* zink over the null winsys needs its driconf table, as in the driver
 * (d3dumd_adapter.c). */
static const driOptionDescription test_zink_driconf[] = {
#include "zink/driinfo_zink.h"
   /* The one of Gallium's common options zink reads (the whole common
    * table would define mesa_glthread twice, and leak the first). */
   DRI_CONF_SECTION_DEBUG
      DRI_CONF_GLSL_CORRECT_DERIVATIVES_AFTER_DISCARD(false)
   DRI_CONF_SECTION_END
};
#endif

struct pipe_screen *
test_screen_create(struct pipe_loader_device **dev)
{
   if (!pipe_loader_sw_probe_null(dev))
      return NULL;
#ifdef HAVE_ZINK
   const char *driver = debug_get_option("GALLIUM_DRIVER", NULL);
   if (driver && !strcmp(driver, "zink"))
      driParseOptionInfo(&(*dev)->option_info, test_zink_driconf,
                         ARRAY_SIZE(test_zink_driconf));
#endif
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

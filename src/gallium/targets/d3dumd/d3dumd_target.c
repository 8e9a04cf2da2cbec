/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * The loadable D3D9 user-mode display driver.  Its one export is
 * OpenAdapter (d3dumd.sym); the frontend does the rest.
 *
 * The static pipe-loader needs the driver descriptors and the software
 * screen constructors of the drivers this library was built with: the two
 * target helpers define them here.
 */

#include "target-helpers/drm_helper.h"
#include "target-helpers/sw_helper.h"
#include "target-helpers/inline_debug_helper.h"

#include "d3dumd_private.h"

/* debug_screen_wrap() gives GALLIUM_TRACE, GALLIUM_DDEBUG and the noop
 * driver, as in every Mesa target. */
static struct pipe_screen *
d3dumd_wrap_screen(struct pipe_screen *screen)
{
   return debug_screen_wrap(screen);
}

PUBLIC HRESULT APIENTRY
OpenAdapter(D3DDDIARG_OPENADAPTER *pOpenData)
{
   return d3dumd_open_adapter(pOpenData, d3dumd_wrap_screen);
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* The state's binds on objects (d3d9_object.h). */

#include "d3d9_object.h"

void
d3d9_state_ref(IUnknown *object)
{
   if (object)
      d3d9_bindable_bind(d3d9_bindable_of(object));
}

void
d3d9_state_unref(IUnknown *object)
{
   if (object)
      d3d9_bindable_unbind(d3d9_bindable_of(object));
}

/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/* An independent Gallium screen for tests that need a reference the driver
 * under test did not compute: created through the same pipe-loader path
 * and GALLIUM_DRIVER, in the test's own copy of Mesa. */

#ifndef D3DUMD_TEST_SCREEN_H
#define D3DUMD_TEST_SCREEN_H

struct pipe_screen;
struct pipe_loader_device;

struct pipe_screen *test_screen_create(struct pipe_loader_device **dev);
void test_screen_destroy(struct pipe_screen *screen,
                         struct pipe_loader_device *dev);

#endif

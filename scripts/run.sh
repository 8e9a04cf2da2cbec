#!/usr/bin/env bash
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
#
# The main job (the README's run command).  On a fresh Debian bookworm
# machine, idempotent:
#
#    bash scripts/run.sh [d3dumd-info arguments]
#
# Runs scripts/bootstrap.sh (Debian packages, Mesa's source; sudo for what
# needs root when not run as root), configures build/ once (`meson setup
# build --native-file scripts/native.ini`, -Dsanitize=none: a build left
# instrumented by `scripts/test.sh --sanitize=...` is switched back, which
# rebuilds only our own targets), builds, then runs build/tools/d3dumd-info,
# which opens the adapter through OpenAdapter on the default Gallium driver
# (llvmpipe; GALLIUM_DRIVER=softpipe or any built driver to change it) and
# prints what the driver reports.
#
# Environment: D3DUMD_BUILDDIR (default build).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${D3DUMD_BUILDDIR:-build}

bash scripts/bootstrap.sh

if [ -f "$build/meson-private/coredata.dat" ]; then
   cur=$(meson introspect --buildoptions "$build" | /usr/bin/python3 -c 'import json, sys
print([o["value"] for o in json.load(sys.stdin) if o["name"] == "sanitize"][0])')
   if [ "$cur" != none ]; then
      echo "run.sh: reconfiguring $build with -Dsanitize=none (was $cur)"
      meson configure "$build" -Dsanitize=none
   fi
else
   meson setup "$build" --native-file scripts/native.ini -Dsanitize=none
fi
ninja -C "$build"

echo
echo "run.sh: $build/tools/d3dumd-info $*"
"$build/tools/d3dumd-info" "$@"

#!/usr/bin/env bash
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
#
# Adds the D3D9 UMD frontend to a Mesa 22.3 source tree, behind a new
# boolean meson option `gallium-d3dumd` (default false):
#
#    scripts/mesa-in-tree.sh /path/to/mesa
#    meson setup build /path/to/mesa -Dgallium-d3dumd=true ...
#    ninja -C build src/gallium/targets/d3dumd/d3dumd.so
#
# It copies (not symlinks: the Mesa tree stays self-contained)
# src/gallium/frontends/d3dumd, src/gallium/targets/d3dumd and
# include/d3dumddi to the same paths in the Mesa tree, replacing earlier
# copies, and applies scripts/mesa-in-tree.patch (meson_options.txt,
# meson.build: with_gallium_d3dumd, src/gallium/meson.build: the two
# subdirs, next to gallium-d3d10umd).  The frontend's meson files use only
# Mesa's own variable names, so they build unchanged in the tree.
# Idempotent: a second run refreshes the copies and leaves the patch be.
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1/meson_options.txt" ] || [ ! -d "$1/src/gallium" ]; then
   echo "usage: $0 MESA_SOURCE_DIR (a Mesa 22.3 tree)" >&2
   exit 2
fi
top=$(cd "$(dirname "$0")/.." && pwd)
mesa=$(cd "$1" && pwd -P)
if [ -d "$top/subprojects/mesa" ] && [ "$mesa" = "$(cd "$top/subprojects/mesa" && pwd -P)" ]; then
   echo "mesa-in-tree: $1 is the standalone build's Mesa (subprojects/mesa);" \
        "patch a copy of it instead" >&2
   exit 2
fi

case "$(cat "$mesa/VERSION" 2>/dev/null)" in
   22.3.*) ;;
   *) echo "mesa-in-tree: warning: $mesa is Mesa $(cat "$mesa/VERSION" 2>/dev/null || echo '?')," \
           "the patch is made for 22.3" >&2 ;;
esac

for d in src/gallium/frontends/d3dumd src/gallium/targets/d3dumd include/d3dumddi; do
   rm -rf "${mesa:?}/$d"
   mkdir -p "$(dirname "$mesa/$d")"
   cp -a "$top/$d" "$mesa/$d"
done

if grep -q "'gallium-d3dumd'" "$mesa/meson_options.txt"; then
   echo "mesa-in-tree: $mesa already has the gallium-d3dumd option"
else
   # Dry run first, so that a tree the patch does not fit is left untouched.
   patch --dry-run -s -p1 -d "$mesa" < "$top/scripts/mesa-in-tree.patch" >/dev/null
   patch -s -p1 -d "$mesa" < "$top/scripts/mesa-in-tree.patch"
fi
echo "mesa-in-tree: d3dumd added to $mesa (configure with -Dgallium-d3dumd=true)"

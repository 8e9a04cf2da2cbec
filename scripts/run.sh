#!/usr/bin/env bash
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
#
# The main job (the README's run command).  On a fresh Debian bookworm
# machine, idempotent:
#
#    bash scripts/run.sh [d3dumd-demo arguments]
#
# Runs scripts/bootstrap.sh (Debian packages, Mesa's source; sudo for what
# needs root when not run as root), configures build/ once (`meson setup
# build --native-file scripts/native.ini`, -Dsanitize=none: a build left
# instrumented by `scripts/test.sh --sanitize=...` is switched back, which
# rebuilds only our own targets), builds, then runs build/tools/d3dumd-demo
# on the default Gallium driver (llvmpipe; GALLIUM_DRIVER=softpipe or any
# built driver to change it): through the DDI tables only, it streams an
# animated 256x256 dynamic texture with Lock(Discard) every frame, Blts it
# (linear, and mirrored point-filtered) into a 512x512 render target over a
# ColorFill, reads every 10th frame back with Lock(ReadOnly), checks the
# pixels it can predict, writes out/demo/frame_NNN.png and prints lock
# throughput, waits and the runtime's protocol check.  Then it runs the
# demo again with --threaded --out out/demo-threaded: the same frames
# through the D3D9 runtime's multi-processor mode (a worker thread
# executes the queued calls; the texture is written with LockAsync(Discard)
# and UnlockAsync on the application thread and Renamed on the worker;
# event queries keep 3 frames in flight), checked against the same
# expected pixels.  Arguments go to both runs of the demo (--frames N,
# --every N, --size WxH; --help).  The frames previous runs left in
# out/demo and out/demo-threaded are removed first, so a run leaves
# exactly its own.  Last, build/tools/d3dumd-scene draws through the DDI:
# a lit textured cube (vs_2_0/ps_2_0), particles streamed with Discard and
# NoOverwrite, a ps_3_0 post-process pass; frame 0 is checked against its
# own arithmetic, every 10th frame written to out/scene/frame_NNN.png.
# build/tools/d3dumd-info prints the adapter's caps and formats.
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

out=out/demo
out_threaded=out/demo-threaded
rm -f "$out"/frame_*.png "$out_threaded"/frame_*.png

echo
echo "run.sh: $build/tools/d3dumd-demo --out $out $*"
"$build/tools/d3dumd-demo" --out "$out" "$@"

echo
echo "run.sh: $build/tools/d3dumd-demo --threaded --out $out_threaded $*"
"$build/tools/d3dumd-demo" --threaded --out "$out_threaded" "$@"

out_scene=out/scene
out_scene_threaded=out/scene-threaded
rm -f "$out_scene"/frame_*.png "$out_scene_threaded"/frame_*.png
echo
echo "run.sh: $build/tools/d3dumd-scene --out $out_scene"
"$build/tools/d3dumd-scene" --out "$out_scene"
echo
echo "run.sh: $build/tools/d3dumd-scene --threaded --out $out_scene_threaded"
"$build/tools/d3dumd-scene" --threaded --out "$out_scene_threaded"
# The worker mode draws the same frames, bit for bit.
for f in "$out_scene"/frame_*.png; do
   cmp -s "$f" "$out_scene_threaded/$(basename "$f")" || {
      echo "run.sh: $out_scene_threaded/$(basename "$f") differs from $f"
      exit 1
   }
done
echo "run.sh: out/scene-threaded: the same $(ls "$out_scene" | wc -l) frames as out/scene"

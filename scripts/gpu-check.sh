#!/usr/bin/env bash
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
#
# Runs the DDI suite and d3dumd-bench on whatever GPU this machine has:
#
#    bash scripts/gpu-check.sh              detect, build, test, benchmark
#    bash scripts/gpu-check.sh --no-build   use the build dir as it is
#
# 1. Looks at the DRM render nodes (/dev/dri/renderD*) and the kernel
#    driver behind each, and at the Vulkan drivers the loader offers.
# 2. Builds into $D3DUMD_BUILDDIR (default build-gpu) with
#    -Dgallium-drivers=swrast,zink plus the Gallium driver of each kernel
#    driver found: amdgpu -> radeonsi, radeon -> r600, i915/xe -> iris,
#    nouveau -> nouveau, virtio_gpu -> virgl, vmwgfx -> svga, msm ->
#    freedreno, panfrost -> panfrost, v3d -> v3d.  (NVIDIA's own kernel
#    driver has no Gallium driver: zink over NVIDIA's Vulkan driver is the
#    route there.)
# 3. For each Gallium driver found, and for zink when a Vulkan driver other
#    than lavapipe is installed, runs the tests of the llvmpipe suite on it
#    (tests/piglit/d3dumd-runner.py --as-driver; results in
#    results/gpu-DRIVER) and d3dumd-bench (results/gpu-DRIVER/bench.txt).
#    llvmpipe is run as the reference next to them.
#
# Exit status: 0 when every run passed, 1 otherwise, 77 when the machine has
# no GPU at all (neither a render node nor a hardware Vulkan driver).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${D3DUMD_BUILDDIR:-build-gpu}
py=/usr/bin/python3
do_build=1
if [ "${1:-}" = --no-build ]; then
   do_build=0
   [ -d "$build" ] || build=${D3DUMD_BUILDDIR:-build}
fi

# 1. What is here.
gallium=()
for node in /dev/dri/renderD*; do
   [ -e "$node" ] || continue
   kdrv=$(basename "$(readlink -f "/sys/class/drm/$(basename "$node")/device/driver")" 2>/dev/null || echo "?")
   case "$kdrv" in
      amdgpu) g=radeonsi ;; radeon) g=r600 ;; i915|xe) g=iris ;;
      nouveau) g=nouveau ;; virtio_gpu|virtio-pci) g=virgl ;; vmwgfx) g=svga ;;
      msm) g=freedreno ;; panfrost) g=panfrost ;; v3d) g=v3d ;;
      *) g= ;;
   esac
   echo "gpu-check: $node: kernel driver $kdrv${g:+ -> Gallium $g}"
   if [ -n "$g" ] && [[ " ${gallium[*]} " != *" $g "* ]]; then
      gallium+=("$g")
   fi
done
# A hardware Vulkan device: vulkaninfo (vulkan-tools) names its type; else
# a non-lavapipe driver manifest on a machine with a GPU device node
# (Debian's mesa-vulkan-drivers installs manifests for GPUs that may be
# absent).
hw_vulkan=()
if command -v vulkaninfo >/dev/null 2>&1; then
   while read -r line; do
      hw_vulkan+=("$line")
   done < <(vulkaninfo --summary 2>/dev/null |
            grep -E 'deviceType += PHYSICAL_DEVICE_TYPE_(DISCRETE|INTEGRATED|VIRTUAL)_GPU' || true)
elif compgen -G '/dev/dri/renderD*' >/dev/null || [ -e /dev/nvidia0 ]; then
   for d in /usr/share/vulkan/icd.d /etc/vulkan/icd.d; do
      for f in "$d"/*.json; do
         [ -e "$f" ] || continue
         case "$(basename "$f")" in lvp_icd*) continue ;; esac
         hw_vulkan+=("$f")
      done
   done
fi
echo "gpu-check: hardware Vulkan devices: ${hw_vulkan[*]:-none}"
if command -v nvidia-smi >/dev/null 2>&1; then
   nvidia-smi -L || true
fi
if [ ${#gallium[@]} = 0 ] && [ ${#hw_vulkan[@]} = 0 ]; then
   echo "gpu-check: skip: no GPU here (no render node with a Gallium driver, no hardware Vulkan driver)"
   exit 77
fi

# 2. Build.
drivers=swrast,zink
for g in "${gallium[@]}"; do drivers="$drivers,$g"; done
if [ "$do_build" = 1 ]; then
   bash scripts/bootstrap.sh
   if [ -f "$build/meson-private/coredata.dat" ]; then
      meson configure "$build" -Dgallium-drivers="$drivers" \
         -Dmesa:gallium-drivers="$drivers"
   else
      meson setup "$build" --native-file scripts/native.ini \
         -Dgallium-drivers="$drivers"
   fi
   ninja -C "$build"
fi

# 3. Run.
runs=(llvmpipe "${gallium[@]}")
[ ${#hw_vulkan[@]} -gt 0 ] && runs+=(zink)
rc=0
summary=()
for drv in "${runs[@]}"; do
   out=results/gpu-$drv
   mkdir -p "$out"
   echo
   echo "=============== gpu-check: $drv ==============="
   set +e
   env -u LIBGL_ALWAYS_SOFTWARE "$py" tests/piglit/d3dumd-runner.py -C "$build" \
      -o "$out" --as-driver "$drv" | tee "$out.log"
   trc=${PIPESTATUS[0]}
   env -u LIBGL_ALWAYS_SOFTWARE GALLIUM_DRIVER="$drv" \
      "$build/bench/d3dumd-bench" > "$out/bench.txt" 2>&1
   brc=$?
   set -e
   cat "$out/bench.txt"
   [ "$trc" = 0 ] && [ "$brc" = 0 ] || rc=1
   summary+=("$(printf '%-10s tests: %s; bench exit %d' "$drv" \
                "$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out.log" | tail -n 1)" "$brc")")
done
echo
echo "gpu-check: summary"
for line in "${summary[@]}"; do echo "  $line"; done
exit "$rc"

#!/usr/bin/env bash
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
#
# The PE benchmark (bench/wine/d3d9_bench.c) on the project's d3d9.dll
# and on Wine's own d3d9 (wined3d, over the same Mesa llvmpipe through
# GLX) in one run, under wine64 + Xvfb:
#
#    bash scripts/wine-bench.sh [--quick] [--rounds N]
#
# Two prefixes under build/winebench: "ours" with the runtime installed
# (scripts/wine-install.sh), "wined3d" untouched.  The two alternate for N
# rounds (default 3; --quick: 1 round of short rows); the table prints
# each row's median per side and ours / wined3d.  Not a test: no
# thresholds.  docs/benchmarks.rst, "Under Wine", has a table from it.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${D3DUMD_BUILDDIR:-build}
case "$build" in /*) ;; *) build=$top/$build ;; esac
exe=$build/bench/wine/d3d9_bench.exe
wine=/usr/lib/wine/wine64
rounds=3
quick=""
while [ $# -gt 0 ]; do
   case "$1" in
      --quick) quick=--quick; rounds=1 ;;
      --rounds) rounds=$2; shift ;;
      *) echo "wine-bench.sh: unknown argument $1" >&2; exit 2 ;;
   esac
   shift
done
if [ ! -f "$exe" ] || [ ! -f "$build/src/d3d9/d3d9.dll.so" ]; then
   echo "wine-bench: SKIP: $exe or the runtime is not built (needs mingw-w64, wine64-tools, libwine-dev)"
   exit 77
fi

dir=$build/winebench
mkdir -p "$dir/run"
cp "$exe" "$dir/run/"   # a directory with no d3d9.dll in it
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset WINETEST_PLATFORM

xvfb_pid=""
cleanup() {
   [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
   WINEPREFIX=$dir/ours "$wine"server -k 2>/dev/null || true
   WINEPREFIX=$dir/wined3d "$wine"server -k 2>/dev/null || true
}
trap cleanup EXIT
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$dir/display" >"$dir/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$dir/display" ] && break; sleep 0.1; done
export DISPLAY=:$(cat "$dir/display")

for side in ours wined3d; do
   p=$dir/$side
   if [ ! -d "$p/drive_c/windows/system32" ]; then
      WINEPREFIX=$p timeout 300 "$wine" wineboot -i >"$dir/$side-wineboot.log" 2>&1
   fi
done
bash scripts/wine-install.sh install "$dir/ours" >/dev/null
bash scripts/wine-install.sh uninstall "$dir/wined3d" >/dev/null 2>&1 || true

: >"$dir/results.txt"
for r in $(seq "$rounds"); do
   for side in ours wined3d; do
      out=$dir/$side-$r.log
      (cd "$dir/run" && WINEPREFIX=$dir/$side \
         timeout 300 "$wine" d3d9_bench.exe $quick) >"$out" 2>&1 || {
         echo "wine-bench: FAIL: $side round $r (${out#"$top"/}):"; tail -n 5 "$out"; exit 1; }
      grep -a '^bench: ' "$out" | sed "s/^/$side $r /" >>"$dir/results.txt"
   done
done

python3 - "$dir/results.txt" "$rounds" <<'PY'
import statistics, sys
rows = {}
order = []
for line in open(sys.argv[1]):
    side, _, _, name, rate, unit = line.split()[:6]
    if name not in order:
        order.append(name)
    rows.setdefault((name, side), []).append(float(rate))
    rows[(name, 'unit')] = unit
print("d3d9 benchmark under Wine, llvmpipe; median of %s round(s)" % sys.argv[2])
print("%-12s %14s %14s %10s  %s" % ("row", "ours", "wined3d", "ours/wd3d", "unit"))
for name in order:
    a = statistics.median(rows[(name, 'ours')])
    b = statistics.median(rows[(name, 'wined3d')])
    print("%-12s %14.0f %14.0f %10.2f  %s" % (name, a, b, a / b if b else 0, rows[(name, 'unit')]))
PY

#!/usr/bin/env bash
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
#
# Runs Wine 8.0's own d3d9 conformance tests on the project's D3D9 runtime
# (build/src/d3d9/d3d9.dll.so over build/.../d3dumd.so), under wine64 and
# Xvfb, and checks them against the expected failures.  On Debian bookworm,
# after the project is built (scripts/test.sh or `ninja -C build`):
#
#    bash scripts/wine-tests.sh                     the four files, both platforms
#    bash scripts/wine-tests.sh device visual       only these files
#    bash scripts/wine-tests.sh --platform=windows  WINETEST_PLATFORM=windows only
#    bash scripts/wine-tests.sh --update-expected   rewrite tests/wine/expected-*.txt
#    bash scripts/wine-tests.sh --wined3d           Wine's own d3d9, for comparison
#    bash scripts/wine-tests.sh --managed           Wine's default window management
#
# Steps, each idempotent:
#   1. Debian packages (apt-get, as root or through sudo, as
#      scripts/bootstrap.sh does): wine64, wine64-tools, libwine-dev, xvfb,
#      xauth, gcc-mingw-w64-x86-64, dpkg-dev.
#   2. Wine's source, once: `apt-get source --download-only wine` at the
#      installed wine64's version, then only the parts the tests need
#      (include/, dlls/d3d9/tests/, dlls/winecrt0/) unpacked from the orig
#      tarball into $D3DUMD_WINETEST_DIR/src (default build/winetests,
#      git-ignored; nothing of Wine's is ever committed).
#   3. d3d9_test.exe, once, built with mingw-w64 the way
#      ../shared/wine/winetests/build.sh does (COM headers from Wine's .idl
#      files with widl, the testlist.c Wine's makedep would generate,
#      winecrt0's debug.c): $D3DUMD_WINETEST_DIR/test-build.
#   4. A fresh WINEPREFIX ($D3DUMD_WINETEST_DIR/prefix), `wineboot -i`, an
#      Xvfb on a free display (-displayfd; killed on exit with the prefix's
#      wineserver), and the runtime installed the way Wine 8.0 picks up an
#      ELF d3d9.dll (../shared/wine/route.md section 1): a symlink
#      system32/d3d9.dll -> build/src/d3d9/d3d9.dll.so.  D3DUMD_DRIVER
#      names the build's d3dumd.so and D3DUMD_DEBUG=runtime makes the DLL
#      print `d3dumd-d3d9: loaded ...`, the proof that the d3d9 that ran is
#      ours.  No runtime built: the script says so and exits 77 (skip).
#   5. Each test file under `timeout` (1500 s, $D3DUMD_WINETEST_TIMEOUT; a
#      timeout is a hang and fails), once with Wine's default platform and
#      once with WINETEST_PLATFORM=windows (todo_wine checks count as plain
#      checks, broken() is accepted: the fairer yardstick for a d3d9 that is
#      not Wine's).  Logs: results/wine/<platform>/<file>.log, with .rc and
#      .time beside them, and the runtime's own log in <file>.runtime.log
#      (D3DUMD_D3D9_LOG: its threads' lines would break into the test's).
#   6. tests/wine/check.py (after tests/wine/selftest.py has shown, on
#      made-up logs, that it catches each kind of failure): our DLL's log line present, the closing tally
#      line present, no crash (`unhandled exception`, an exit status other
#      than the tally's failure count), and the failures per test function
#      (tests/wine/funcmap.py) equal to tests/wine/expected-<platform>.txt,
#      functions in tests/wine/flakes.txt excepted.  A new failure, more or
#      fewer failures than expected, and a listed function that now passes
#      all fail (--update-expected rewrites the lists from the run, for a
#      developer after a fix).  It prints a table per platform beside
#      wined3d's tallies and writes results/wine/summary.txt.  The last
#      line is `N passed, M failed`, one check per file and platform; the
#      exit status is 0 only when nothing failed.
#
# --wined3d runs the same tests on Wine's own d3d9 (no install, a prefix of
# its own) into results/wine-wined3d/, checks only tally, crash and hang,
# and proves the d3d9 that ran was not ours.
#
# Windows are unmanaged (HKCU\Software\Wine\X11 Driver\Managed=N): with
# Wine's default, every window the tests destroy waits 2 s for a window
# manager Xvfb does not have, which is most of the run time.  --managed
# keeps Wine's default, the setup ../shared/wine/winetests.md measured
# wined3d's tallies in.
#
# Environment: D3DUMD_BUILDDIR (default build), D3DUMD_WINETEST_DIR
# (default $D3DUMD_BUILDDIR/winetests), D3DUMD_WINETEST_TIMEOUT (1500),
# WINEDEBUG (default -all), GALLIUM_DRIVER (default: Mesa's, llvmpipe).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

usage() {
   sed -n '9,15p' "$0" | sed 's/^# \{0,1\}//'
}

platforms="wine windows"
update=0
wined3d=0
managed=0
files=()
while [ $# -gt 0 ]; do
   case "$1" in
      --platform=wine) platforms=wine ;;
      --platform=windows) platforms=windows ;;
      --platform=both) platforms="wine windows" ;;
      --update-expected) update=1 ;;
      --wined3d) wined3d=1 ;;
      --managed) managed=1 ;;
      -h|--help) usage; exit 0 ;;
      -*) echo "wine-tests.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
      *) files+=("$1") ;;
   esac
   shift
done
[ ${#files[@]} -gt 0 ] || files=(d3d9ex device stateblock visual)
for f in "${files[@]}"; do
   case "$f" in
      d3d9ex|device|stateblock|visual) ;;
      *) echo "wine-tests.sh: unknown test file '$f' (d3d9ex device stateblock visual)" >&2; exit 2 ;;
   esac
done
if [ "$update" = 1 ] && [ "$wined3d" = 1 ]; then
   echo "wine-tests.sh: --update-expected is for our runtime, not --wined3d" >&2
   exit 2
fi

build=${D3DUMD_BUILDDIR:-build}
case "$build" in /*) ;; *) build=$top/$build ;; esac
dir=${D3DUMD_WINETEST_DIR:-$build/winetests}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
test_timeout=${D3DUMD_WINETEST_TIMEOUT:-1500}
py=/usr/bin/python3
wine=/usr/lib/wine/wine64          # Debian's wine64 has no /usr/bin/wine
wineserver=/usr/lib/wine/wineserver

as_root() {
   if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# 1. Packages.
packages="wine64 wine64-tools libwine-dev xvfb xauth gcc-mingw-w64-x86-64 dpkg-dev xz-utils"
missing=""
for p in $packages; do
   dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing="$missing $p"
done
src_stamp=$dir/src/.d3dumd-stamp
apt_update=0
[ -n "$missing" ] && apt_update=1
# deb-src entries derived from the machine's own deb entries (the same
# file scripts/bootstrap.sh writes), for `apt-get source`.
src_list=/etc/apt/sources.list.d/d3dumd-src.sources
if [ ! -f "$src_stamp" ] && [ ! -f "$src_list" ] && [ ! -f "${src_list%.sources}.list" ]; then
   if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
         as_root tee "$src_list" >/dev/null
   else
      grep -h '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' |
         as_root tee "${src_list%.sources}.list" >/dev/null
   fi
   apt_update=1
fi
if [ "$apt_update" = 1 ]; then
   as_root apt-get update -qq
fi
if [ -n "$missing" ]; then
   echo "wine-tests: installing$missing"
   # shellcheck disable=SC2086
   as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
      install -y -qq --no-install-recommends $missing >/dev/null
fi

# 2. Wine's source, at the installed Wine's version (the tests must match
# the Wine they run on).
wine_version=$(dpkg-query -W -f='${Version}' wine64)
src=$dir/src/wine-${wine_version%%~*}
if [ ! -f "$src_stamp" ] || [ "$(cat "$src_stamp")" != "$wine_version" ]; then
   echo "wine-tests: fetching wine $wine_version source package"
   dl=$(mktemp -d); chmod 755 "$dl"   # apt's _apt user writes into it
   (cd "$dl" && apt-get source -qq --download-only "wine=$wine_version" >/dev/null)
   rm -rf "$dir/src" "$dir/test-build"
   mkdir -p "$dir/src"
   # Only what the tests' build reads; Debian's patches touch none of it.
   tar -C "$dir/src" -xJf "$dl"/wine_"${wine_version%-*}".orig.tar.xz \
      "$(basename "$src")/include" "$(basename "$src")/dlls/d3d9/tests" \
      "$(basename "$src")/dlls/winecrt0"
   rm -rf "$dl"
   echo "$wine_version" > "$src_stamp"
fi
tests_src=$src/dlls/d3d9/tests

# 3. d3d9_test.exe (../shared/wine/winetests/build.sh, step for step).
tb=$dir/test-build
exe=$tb/d3d9_test.exe
if [ ! -f "$exe" ]; then
   echo "wine-tests: building d3d9_test.exe with mingw-w64"
   t0=$SECONDS
   mkdir -p "$tb/include"
   # a) COM headers from Wine's .idl files.  About 48 are fragments that
   # are only #imported and fail on their own: harmless.
   for f in "$src"/include/*.idl; do
      b=$(basename "$f" .idl)
      [ -f "$tb/include/$b.h" ] ||
         (cd "$src" && timeout 60 /usr/lib/wine/widl -o "$tb/include/$b.h" --nostdinc -m64 \
            -I include -I include/wine -D__WINESRC__ -h "include/$b.idl" 2>/dev/null) || true
   done
   # b) Wine's headers and CRT headers, not mingw's.
   cflags=(-I"$tests_src" -I"$tb/include" -I"$src/include" -I"$src/include/msvcrt"
      -D_MSVCR_VER=0 -D__WINESRC__ -D_WIN32 -fno-builtin -fshort-wchar -Wno-format -O2
      -fno-strict-aliasing -nostdinc -D__WINE_PE_BUILD)
   # testlist.c: what Wine's makedep generates for dlls/d3d9/tests.
   cat > "$tb/testlist.c" <<'EOF'
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#define STANDALONE
#include "wine/test.h"
extern void func_d3d9ex(void);
extern void func_device(void);
extern void func_stateblock(void);
extern void func_visual(void);
const struct test winetest_testlist[] =
{
    { "d3d9ex", func_d3d9ex },
    { "device", func_device },
    { "stateblock", func_stateblock },
    { "visual", func_visual },
    { 0, 0 }
};
EOF
   pids=()
   for f in d3d9ex device stateblock visual; do
      timeout 600 x86_64-w64-mingw32-gcc "${cflags[@]}" -c "$tests_src/$f.c" -o "$tb/$f.o" &
      pids+=($!)
   done
   timeout 600 x86_64-w64-mingw32-gcc "${cflags[@]}" -c "$tb/testlist.c" -o "$tb/testlist.o"
   # winecrt0's debug.c supplies __wine_dbg_strdup and friends.
   timeout 600 x86_64-w64-mingw32-gcc "${cflags[@]}" -c "$src/dlls/winecrt0/debug.c" \
      -o "$tb/wine_debug.o"
   for p in "${pids[@]}"; do wait "$p"; done
   timeout 300 x86_64-w64-mingw32-gcc -o "$exe.tmp" "$tb"/testlist.o "$tb"/d3d9ex.o \
      "$tb"/device.o "$tb"/stateblock.o "$tb"/visual.o "$tb"/wine_debug.o \
      -ld3d9 -luser32 -lgdi32
   mv "$exe.tmp" "$exe"
   echo "wine-tests: d3d9_test.exe built in $((SECONDS - t0)) s"
fi

# The checker's own self-test first: it must catch what it is there for.
"$py" tests/wine/selftest.py

# 4. The runtime, a fresh prefix, Xvfb.
dll=$build/src/d3d9/d3d9.dll.so
umd=$build/src/gallium/targets/d3dumd/d3dumd.so
if [ "$wined3d" = 0 ]; then
   # Separate runs side by side: D3DUMD_WINETEST_PREFIX and
   # D3DUMD_WINETEST_RESULTS (absolute paths) move the prefix and logs.
   results=${D3DUMD_WINETEST_RESULTS:-$top/results/wine}
   prefix=${D3DUMD_WINETEST_PREFIX:-$dir/prefix}
   if [ ! -f "$dll" ]; then
      echo "wine-tests: SKIP: no runtime at ${dll#"$top"/} (build the project with Wine's" \
         "tools installed: meson's -Dwine=auto needs wine64-tools and libwine-dev)"
      exit 77
   fi
   if [ ! -f "$umd" ]; then
      echo "wine-tests: FAIL: no driver at ${umd#"$top"/} (ninja -C ${build#"$top"/})" >&2
      exit 1
   fi
   # Sanitized builds cannot be loaded into Wine (static TLS; route.md
   # pitfall 6): say so rather than fail inside every test.
   for so in "$dll" "$umd"; do
      if readelf -d "$so" | grep -qE 'lib(a|t|ub)san'; then
         echo "wine-tests: FAIL: $so is a sanitizer build, which Wine cannot load;" \
            "reconfigure with -Dsanitize=none (scripts/test.sh does)" >&2
         exit 1
      fi
   done
else
   results=$top/results/wine-wined3d
   prefix=$dir/prefix-wined3d
fi

export WINEPREFIX=$prefix
export WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES="mscoree,mshtml="   # no Mono/Gecko install dialogs
unset WINETEST_PLATFORM WINETEST_REPORT_SUCCESS WINETEST_DEBUG

xvfb_pid=""
cleanup() {
   timeout 30 "$wineserver" -k 2>/dev/null || true
   if [ -n "$xvfb_pid" ]; then
      kill "$xvfb_pid" 2>/dev/null || true
      wait "$xvfb_pid" 2>/dev/null || true
   fi
}
trap cleanup EXIT

# A wineserver left by a killed run would hold the old prefix.
[ -d "$prefix" ] && { timeout 30 "$wineserver" -k 2>/dev/null || true; }
rm -rf "$prefix"
for platform in $platforms; do rm -rf "${results:?}/$platform"; done
mkdir -p "$results"

# Xvfb picks the first free display itself and writes its number to fd 3.
dispfile=$results/xvfb.display
rm -f "$dispfile"
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$dispfile" >"$results/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
   grep -qx '[0-9][0-9]*' "$dispfile" 2>/dev/null && break
   kill -0 "$xvfb_pid" 2>/dev/null || break
   sleep 0.1
done
if ! grep -qx '[0-9][0-9]*' "$dispfile" 2>/dev/null; then
   echo "wine-tests: FAIL: Xvfb did not start (${results#"$top"/}/xvfb.log)" >&2
   exit 1
fi
DISPLAY=:$(tr -d '\n' < "$dispfile")
export DISPLAY

t0=$SECONDS
timeout 300 "$wine" wineboot -i >"$results/wineboot.log" 2>&1 || {
   echo "wine-tests: FAIL: wineboot -i failed (${results#"$top"/}/wineboot.log)" >&2
   exit 1
}
timeout 120 "$wineserver" -w   # wineboot's children done before we touch system32
# A crash starts winedbg --auto, whose crash dialog waits for a click that
# never comes on Xvfb: a crash would look like a hang.  Without the dialog
# winedbg prints the backtrace into the log and the test exits at once.
timeout 60 "$wine" reg add 'HKCU\Software\Wine\WineDbg' /v ShowCrashDialog /t REG_DWORD \
   /d 0 /f >>"$results/wineboot.log" 2>&1
if [ "$managed" = 0 ]; then
   # Unmanaged windows: Wine waits up to 2 s for the window manager to
   # withdraw every managed window it unmaps (x11drv's
   # wait_for_withdrawn_state), and Xvfb has none.  The tests destroy a
   # window per test function: visual took 249 s with a runtime that
   # creates no device, 2 s with this (wined3d's 346 s in winetests.md
   # are mostly this wait too).
   timeout 60 "$wine" reg add 'HKCU\Software\Wine\X11 Driver' /v Managed /d N /f \
      >>"$results/wineboot.log" 2>&1
   timeout 120 "$wineserver" -w
fi
echo "wine-tests: prefix ${prefix#"$top"/} ready in $((SECONDS - t0)) s, DISPLAY=$DISPLAY"

if [ "$wined3d" = 0 ]; then
   # Wine 8.0 loads an ELF file named d3d9.dll found in system32 instead
   # of its own (route.md section 1, case C).
   ln -sf "$dll" "$prefix/drive_c/windows/system32/d3d9.dll"
   export D3DUMD_DRIVER=$umd
   export D3DUMD_DEBUG=${D3DUMD_DEBUG:-runtime}
   echo "wine-tests: runtime ${dll#"$top"/}, driver ${umd#"$top"/}"
else
   unset D3DUMD_DRIVER D3DUMD_DEBUG
   echo "wine-tests: Wine's own d3d9 (wined3d)"
fi

# 5. Run.
for platform in $platforms; do
   out=$results/$platform
   mkdir -p "$out"
   for f in "${files[@]}"; do
      t=$(date +%s.%N)
      rc=0
      # The runtime's log beside the test's: its threads' lines would
      # break into the test's own (only the `loaded` line goes to both).
      rm -f "$out/$f.runtime.log"
      [ "$wined3d" = 0 ] && export D3DUMD_D3D9_LOG=$out/$f.runtime.log
      if [ "$platform" = windows ]; then
         (cd "$tb" && WINETEST_PLATFORM=windows timeout -k 30 "$test_timeout" \
            "$wine" d3d9_test.exe "$f") >"$out/$f.log" 2>&1 || rc=$?
      else
         (cd "$tb" && timeout -k 30 "$test_timeout" "$wine" d3d9_test.exe "$f") \
            >"$out/$f.log" 2>&1 || rc=$?
      fi
      wall=$("$py" -c 'import sys, time; print("%.1f" % (time.time() - float(sys.argv[1])))' "$t")
      unset D3DUMD_D3D9_LOG
      echo "$rc" > "$out/$f.rc"
      echo "$wall" > "$out/$f.time"
      printf 'wine-tests: %-8s %-10s rc=%-3s %7ss  %s\n' "$platform" "$f" "$rc" "$wall" \
         "$(grep -aE "^[0-9a-f]+:$f:[0-9.]* [0-9]+ tests executed" "$out/$f.log" |
            sed 's/^[0-9a-f]*://' | tail -n 1 || true)"
      if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
         # A hang: whatever it left running goes before the next file.
         timeout 30 "$wineserver" -k 2>/dev/null || true
      fi
   done
done

# 5b. The project's own Windows programs (tests/wine/*.c, built by meson):
# what Wine's tests do not check.
# Each prints its tally and exits 0 (pass), 77 (skip, with its reason) or
# the number of failed checks.
own_failed=0
if [ "$wined3d" = 0 ]; then
   for exe in "$build"/tests/wine/*.exe; do
      [ -e "$exe" ] || continue
      name=$(basename "$exe" .exe)
      rc=0
      timeout -k 30 300 "$wine" "$exe" \
         >"$results/$name.log" 2>&1 || rc=$?
      printf 'wine-tests: own      %-16s rc=%-3s %s\n' "$name" "$rc" \
         "$(grep -a "checks," "$results/$name.log" | tail -n 1 || true)"
      case "$rc" in
         0|77) ;;
         *) own_failed=$((own_failed + 1)) ;;
      esac
   done
fi

# 6. Check and summarise.
check_args=(--src "$tests_src" --results "$results" --platforms "$platforms"
   --expected-dir tests/wine --flakes tests/wine/flakes.txt --timeout "$test_timeout")
[ "$update" = 1 ] && check_args+=(--update-expected)
if [ "$wined3d" = 1 ]; then
   check_args+=(--wined3d)
else
   check_args+=(--compare "$top/results/wine-wined3d")
fi
if [ "$managed" = 1 ]; then
   check_args+=(--setup "managed windows (Wine's default), Xvfb without a window manager")
else
   check_args+=(--setup "unmanaged windows, Xvfb")
fi
rc=0
"$py" tests/wine/check.py "${check_args[@]}" -- "${files[@]}" || rc=$?
if [ "$own_failed" != 0 ]; then
   echo "wine-tests: $own_failed of the project's own Windows programs failed"
   [ "$rc" = 0 ] && rc=1
fi
exit "$rc"

#!/usr/bin/env bash
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
#
# Builds and runs the tests (the README's test command).  On a fresh Debian
# bookworm machine:
#
#    bash scripts/test.sh                               every test
#    bash scripts/test.sh --sanitize=address,undefined  every test, ASan+UBSan
#    bash scripts/test.sh --sanitize=thread             suite 'threaded', TSan
#    bash scripts/test.sh --piglit                      also piglit's framework
#    bash scripts/test.sh --load                        every test, CPUs saturated
#    bash scripts/test.sh [options] -- REGEX...         only matching tests
#
# Steps, each idempotent: scripts/bootstrap.sh (Debian packages, Mesa's
# source; it uses sudo for what needs root when not run as root), `meson
# setup build --native-file scripts/native.ini` unless build/ is configured
# already, ninja, the piglit profile build/d3dumd.xml.gz
# (tests/piglit/gen-profile.py), then tests/piglit/d3dumd-runner.py over the
# tests `meson introspect --tests build` lists.  Results (piglit's JSON
# format): results/d3dumd[-asan|-tsan]/results.json; `piglit summary
# console results/d3dumd` reads them.  The last line printed is
# `N passed, M failed`; the exit status is 0 only when nothing failed.
#
# Sanitizers: -Dsanitize (meson_options.txt) puts the sanitizer flags on
# the project's own targets only, so switching it rebuilds the frontend and
# the tests, never Mesa.  Every run sets the option it needs on build/ and
# leaves it so: a plain run always (re)configures -Dsanitize=none first, so
# it never tests a sanitizer build by accident, and no exit trap has to
# rebuild anything when a sanitizer run ends or is interrupted.
# scripts/run.sh also insists on none.
#
# --piglit runs `piglit run build/d3dumd.xml.gz results/piglit` (Debian's
# piglit) after the runner and checks that piglit reports no failure and
# the same status as the runner for every test
# (tests/piglit/compare-results.py).
#
# --load runs the tests while 2 x nproc busy loops saturate every CPU (the
# loaded machine CI runs on at times), with the per-test timeouts
# quadrupled: the tests bound their waits by wall time, never by counts of
# tries, so a slow machine makes them slower, never failed.  Results:
# results/d3dumd-load.
#
# Environment: D3DUMD_BUILDDIR (default build), D3DUMD_JOBS (default nproc).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

usage() {
   sed -n '5,12p' "$0" | sed 's/^# \{0,1\}//'
}

sanitize=none
piglit=0
load=0
regexes=()
while [ $# -gt 0 ]; do
   case "$1" in
      --sanitize=*) sanitize=${1#--sanitize=} ;;
      --sanitize) sanitize=${2:?--sanitize needs a value}; shift ;;
      --piglit) piglit=1 ;;
      --load) load=1 ;;
      -h|--help) usage; exit 0 ;;
      --) shift; regexes+=("$@"); break ;;
      *) echo "test.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
   esac
   shift
done
case "$sanitize" in
   none|address,undefined|thread) ;;
   *) echo "test.sh: --sanitize must be none, address,undefined or thread" >&2; exit 2 ;;
esac

build=${D3DUMD_BUILDDIR:-build}
jobs=${D3DUMD_JOBS:-$(nproc)}
py=/usr/bin/python3

# 1. Packages and Mesa's source.
bash scripts/bootstrap.sh

# 2. Configure (once), with the sanitizer this run needs.
buildopt() {
   meson introspect --buildoptions "$build" |
      "$py" -c 'import json, sys
for o in json.load(sys.stdin):
    if o["name"] == sys.argv[1]:
        v = o["value"]
        print(",".join(v) if isinstance(v, list) else str(v).lower())' "$1"
}
if [ -f "$build/meson-private/coredata.dat" ]; then
   if [ "$(buildopt sanitize)" != "$sanitize" ] || [ "$(buildopt tests)" != true ]; then
      echo "test.sh: reconfiguring $build with -Dsanitize=$sanitize"
      meson configure "$build" -Dsanitize="$sanitize" -Dtests=true
   fi
else
   meson setup "$build" --native-file scripts/native.ini -Dsanitize="$sanitize"
fi

# The test list is current once build.ninja is (a no-op when it is).
ninja -C "$build" build.ninja >/dev/null
if [ "$sanitize" = thread ] &&
   [ "$("$py" tests/piglit/d3dumd-runner.py -C "$build" --list --suite threaded | wc -l)" = 0 ]; then
   echo "test.sh: no test is in suite 'threaded': nothing to run under ThreadSanitizer"
   echo "0 skipped"
   echo "0 passed, 0 failed"
   exit 0
fi

# 3. Build (after a sanitizer switch only our own targets rebuild).
ninja -C "$build"

# 4. The piglit profile, from the same test list.
"$py" tests/piglit/gen-profile.py -C "$build" -o "$build/d3dumd.xml.gz"

# 5. Run.
san_args=()
case "$sanitize" in
   none)
      out=results/d3dumd ;;
   address,undefined)
      out=results/d3dumd-asan
      san_args=(--timeout-multiplier 3)
      # Leak checking is on.  A suppression file, if one is ever needed,
      # is tests/piglit/lsan.supp and names Mesa/LLVM frames only, never
      # ours (llvmpipe and softpipe screen/context/blit cycles leaked
      # nothing in Mesa 22.3.6 when this was written).
      export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:print_summary=1:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
      lsan_opts="print_suppressions=0"
      if [ -f tests/piglit/lsan.supp ]; then
         lsan_opts="$lsan_opts:suppressions=$top/tests/piglit/lsan.supp"
      fi
      export LSAN_OPTIONS="$lsan_opts${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
      export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
      # zink: ASan and UBSan as everywhere, leak checking off.  Its stack
      # runs through lavapipe, a system library the Vulkan loader unloads
      # before exit, so what it leaks is reported from "<unknown module>"
      # and can be neither attributed nor suppressed; the frontend's own
      # allocations are leak-checked on llvmpipe and softpipe, which run
      # the same code.
      san_args+=(--suite-env "zink:ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0")
      ;;
   thread)
      out=results/d3dumd-tsan
      # zink's tests stay out: the races TSan reports there are inside
      # Mesa's util_queue (zink's flush thread) and inside lavapipe, a
      # system library TSan cannot see the synchronisation of; the
      # frontend's locking is the same on every driver.
      san_args=(--timeout-multiplier 5 --suite threaded --exclude-suite zink)
      # Mesa is not instrumented, but its memset/memcpy and pthread calls
      # go through TSan's interceptors: tests/piglit/tsan.supp silences
      # Mesa-internal races, by Mesa names only.
      tsan_opts="halt_on_error=1:second_deadlock_stack=1:history_size=7"
      if [ -f tests/piglit/tsan.supp ]; then
         tsan_opts="$tsan_opts:suppressions=$top/tests/piglit/tsan.supp"
      fi
      export TSAN_OPTIONS="$tsan_opts${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
      ;;
esac

burners=()
stop_burners() {
   [ ${#burners[@]} -gt 0 ] && kill "${burners[@]}" 2>/dev/null
   wait "${burners[@]}" 2>/dev/null || true
   burners=()
}
if [ "$load" = 1 ]; then
   [ "$sanitize" = none ] && out=results/d3dumd-load
   san_args+=(--timeout-multiplier 4)
   n=$(( $(nproc) * 2 ))
   for _ in $(seq "$n"); do
      (while :; do :; done) &
      burners+=($!)
   done
   trap stop_burners EXIT
   sleep 2
   echo "test.sh: $n busy loops started; load average $(cut -d' ' -f1 /proc/loadavg)"
fi

wrap=()
if [ "$sanitize" = thread ] &&
   [ "$(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo 0)" -gt 28 ] &&
   setarch "$(uname -m)" -R true 2>/dev/null; then
   # GCC 12's TSan cannot map its shadow with more than 28 bits of mmap
   # randomisation (newer kernels' default): run without ASLR.
   wrap=(setarch "$(uname -m)" -R)
fi

rc=0
"${wrap[@]}" "$py" tests/piglit/d3dumd-runner.py -C "$build" -o "$out" -j "$jobs" \
   "${san_args[@]}" -- "${regexes[@]}" || rc=$?
if [ "$load" = 1 ]; then
   echo "test.sh: load average $(cut -d' ' -f1 /proc/loadavg) at the end"
   stop_burners
fi

if [ "$piglit" = 1 ]; then
   build_abs=$(cd "$build" && pwd)
   profile=$build_abs/d3dumd.xml.gz
   if [ "$sanitize" = thread ] || [ ${#regexes[@]} -gt 0 ]; then
      # This run's selection (TSan: suite 'threaded'; the regexes).
      profile=$build_abs/d3dumd-selected.xml.gz
      sel=()
      [ "$sanitize" = thread ] && sel=(--suite threaded)
      "$py" tests/piglit/gen-profile.py -C "$build" -o "$profile" "${sel[@]}" -- "${regexes[@]}"
   fi
   # A piglit profile carries no per-test timeout: use the largest one.
   timeout=$(meson introspect --tests "$build" | "$py" -c 'import json, sys
print(max([t.get("timeout") or 30 for t in json.load(sys.stdin)] + [30]))')
   case "$sanitize" in
      address,undefined) timeout=$((timeout * 3)) ;;
      thread) timeout=$((timeout * 5)) ;;
   esac
   echo
   echo "test.sh: piglit run $profile results/piglit"
   rm -rf results/piglit
   prc=0
   PIGLIT_COMPRESSION=none "${wrap[@]}" piglit run -l verbose -j "$jobs" \
      --timeout "$timeout" "$profile" results/piglit || prc=$?
   if [ "$prc" != 0 ]; then
      echo "test.sh: piglit run exited with $prc"
      rc=1
   fi
   "$py" tests/piglit/compare-results.py results/piglit "$out" || rc=1
fi
exit "$rc"

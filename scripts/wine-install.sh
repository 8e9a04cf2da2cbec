#!/usr/bin/env bash
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
#
# Puts the project's d3d9.dll (a winelib ELF, build/src/d3d9/d3d9.dll.so)
# into a Wine prefix, takes it out again, or runs one program with it:
#
#    bash scripts/wine-install.sh install   [WINEPREFIX]
#    bash scripts/wine-install.sh uninstall [WINEPREFIX]
#    bash scripts/wine-install.sh status    [WINEPREFIX]
#    bash scripts/wine-install.sh run PROGRAM.exe [ARGS...]
#
# WINEPREFIX defaults to $WINEPREFIX, then ~/.wine.  Wine 8.0 loads an ELF
# file named d3d9.dll from a prefix's system32 as a builtin, instead of its
# own d3d9 (WINEDLLPATH and d3d9=n/b overrides do not do that: see
# docs/wine.rst), so install makes system32/d3d9.dll a symbolic link to the
# build's d3d9.dll.so, after moving Wine's file aside to
# d3d9.dll.before-d3dumd; uninstall puts Wine's back.  The DLL finds the
# driver next to its link target (build/src/gallium/targets/d3dumd/
# d3dumd.so in the build tree), or through $D3DUMD_DRIVER.
#
# run: the program runs in a prefix of the project's own
# ($D3DUMD_WINEPREFIX, default ~/.local/share/mesa-d3dumd/wineprefix),
# created and installed on first use, so the user's prefixes stay as they
# are.  D3DUMD_DEBUG=runtime shows the DLL's log (which d3d9 and driver
# ran).
#
# Environment: D3DUMD_BUILDDIR (default build), WINE (default wine, else
# /usr/lib/wine/wine64: Debian's wine64 package has no `wine` command).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${D3DUMD_BUILDDIR:-build}
case "$build" in /*) ;; *) build="$top/$build" ;; esac
dll="$build/src/d3d9/d3d9.dll.so"

wine=${WINE:-}
if [ -z "$wine" ]; then
   if command -v wine >/dev/null; then wine=wine
   else wine=/usr/lib/wine/wine64; fi
fi

usage() {
   sed -n '5,10p' "$0" | sed 's/^# \{0,1\}//'
}

prefix_of() {
   local p=${1:-${WINEPREFIX:-$HOME/.wine}}
   case "$p" in /*) ;; *) p="$PWD/$p" ;; esac
   echo "$p"
}

system32_of() {
   echo "$1/drive_c/windows/system32"
}

ensure_prefix() {
   local prefix=$1
   if [ ! -d "$(system32_of "$prefix")" ]; then
      echo "wine-install: creating the prefix $prefix (wineboot -i)"
      mkdir -p "$prefix"
      WINEPREFIX="$prefix" WINEDEBUG=-all timeout 600 "$wine" wineboot -i \
         >/dev/null 2>&1 || true
   fi
   if [ ! -d "$(system32_of "$prefix")" ]; then
      echo "wine-install: $prefix is not a Wine prefix (no system32)" >&2
      exit 1
   fi
}

do_install() {
   local prefix=$1 s32
   if [ ! -f "$dll" ]; then
      echo "wine-install: $dll is not built (meson's -Dwine needs wine64-tools and libwine-dev)" >&2
      exit 1
   fi
   ensure_prefix "$prefix"
   s32=$(system32_of "$prefix")
   if [ -L "$s32/d3d9.dll" ]; then
      rm "$s32/d3d9.dll"
   elif [ -e "$s32/d3d9.dll" ]; then
      mv "$s32/d3d9.dll" "$s32/d3d9.dll.before-d3dumd"
   fi
   ln -s "$dll" "$s32/d3d9.dll"
   echo "wine-install: $s32/d3d9.dll -> $dll"
}

do_uninstall() {
   local prefix=$1 s32
   s32=$(system32_of "$prefix")
   if [ -L "$s32/d3d9.dll" ]; then
      rm "$s32/d3d9.dll"
   fi
   if [ -e "$s32/d3d9.dll.before-d3dumd" ]; then
      mv "$s32/d3d9.dll.before-d3dumd" "$s32/d3d9.dll"
      echo "wine-install: Wine's d3d9.dll is back in $s32"
   elif [ ! -e "$s32/d3d9.dll" ]; then
      # Installed by hand, or the backup went: Wine puts its own back.
      WINEPREFIX="$prefix" WINEDEBUG=-all timeout 600 "$wine" wineboot -u \
         >/dev/null 2>&1 || true
      echo "wine-install: wineboot -u restored $s32/d3d9.dll"
   fi
}

do_status() {
   local s32
   s32=$(system32_of "$1")
   if [ -L "$s32/d3d9.dll" ]; then
      echo "installed: $s32/d3d9.dll -> $(readlink "$s32/d3d9.dll")"
   elif [ -e "$s32/d3d9.dll" ]; then
      echo "not installed: $s32/d3d9.dll is Wine's"
   else
      echo "no d3d9.dll in $s32"
   fi
}

[ $# -ge 1 ] || { usage >&2; exit 2; }
cmd=$1
shift
case "$cmd" in
   install) do_install "$(prefix_of "${1:-}")" ;;
   uninstall) do_uninstall "$(prefix_of "${1:-}")" ;;
   status) do_status "$(prefix_of "${1:-}")" ;;
   run)
      [ $# -ge 1 ] || { usage >&2; exit 2; }
      prefix=$(prefix_of "${D3DUMD_WINEPREFIX:-$HOME/.local/share/mesa-d3dumd/wineprefix}")
      do_install "$prefix" >/dev/null
      WINEPREFIX="$prefix" exec "$wine" "$@"
      ;;
   -h|--help) usage ;;
   *) usage >&2; exit 2 ;;
esac

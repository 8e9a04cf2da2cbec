#!/usr/bin/env bash
# Installs what the build needs (Debian packages) and fetches Mesa's source
# from Debian bookworm's own source package into subprojects/mesa, with
# Debian's patches applied and the two fixups Mesa 22.3 needs to be a meson
# subproject.  Idempotent: a second run only checks.
set -euo pipefail

MESA_DEB_VERSION=${MESA_DEB_VERSION:-22.3.6-1+deb12u2}
MESA_UPSTREAM=${MESA_DEB_VERSION%%-*}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

as_root() {
   if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

packages="meson ninja-build python3-mako bison flex llvm-15-dev libdrm-dev
zlib1g-dev libzstd-dev libexpat1-dev pkg-config gcc-mingw-w64-x86-64
binutils dpkg-dev patch piglit mesa-vulkan-drivers libvulkan1
wine64 wine64-tools libwine-dev xvfb xauth"
if [ -n "${D3DUMD_EXTRA_PACKAGES:-}" ]; then
   packages="$packages $D3DUMD_EXTRA_PACKAGES"
fi

missing=""
for p in $packages; do
   dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing="$missing $p"
done

# deb-src entries derived from the machine's own deb entries, so no host
# name is written anywhere.
src_list=/etc/apt/sources.list.d/d3dumd-src.sources
need_src=0
[ -f subprojects/mesa/.d3dumd-stamp ] &&
   [ "$(cat subprojects/mesa/.d3dumd-stamp)" = "$MESA_DEB_VERSION" ] || need_src=1

if [ "$need_src" = 1 ] && [ ! -f "$src_list" ]; then
   if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
         as_root tee "$src_list" >/dev/null
   else
      grep -h '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' |
         as_root tee /etc/apt/sources.list.d/d3dumd-src.list >/dev/null
   fi
fi

if [ -n "$missing" ] || [ "$need_src" = 1 ]; then
   as_root apt-get update -qq
fi
if [ -n "$missing" ]; then
   echo "bootstrap: installing$missing"
   as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if [ "$need_src" = 1 ]; then
   echo "bootstrap: fetching mesa $MESA_DEB_VERSION source package"
   dl=$(mktemp -d); chmod 755 "$dl"
   (cd "$dl" && apt-get source -qq --download-only "mesa=$MESA_DEB_VERSION" >/dev/null)
   rm -rf subprojects/mesa
   mkdir -p subprojects/mesa
   tar -C subprojects/mesa --strip-components=1 -xzf "$dl"/mesa_"$MESA_UPSTREAM".orig.tar.gz
   # Source format 1.0: the .diff.gz adds debian/, and dpkg-source would
   # not apply debian/patches; do both here.
   zcat "$dl"/mesa_"$MESA_DEB_VERSION".diff.gz | patch -s -p1 -d subprojects/mesa
   while read -r p; do
      case "$p" in ''|'#'*) continue ;; esac
      patch -s -p1 -d subprojects/mesa < "subprojects/mesa/debian/patches/$p"
   done < subprojects/mesa/debian/patches/series
   # Fixup 1: meson_get_version.py reads MESON_SOURCE_ROOT, which is the
   # superproject's root inside a subproject.
   sed -i 's|os.environ\[.MESON_SOURCE_ROOT.\]|os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")|' \
      subprojects/mesa/bin/meson_get_version.py
   # Fixup 2: meson.source_root() is the superproject's root too.
   grep -rl 'meson.source_root()' subprojects/mesa --include=meson.build |
      xargs -r sed -i 's/meson\.source_root()/meson.project_source_root()/g'
   rm -rf "$dl"
   echo "$MESA_DEB_VERSION" > subprojects/mesa/.d3dumd-stamp
fi
echo "bootstrap: mesa $(cat subprojects/mesa/.d3dumd-stamp) ready in subprojects/mesa"

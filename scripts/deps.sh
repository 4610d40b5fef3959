#!/usr/bin/env bash
# Installs what Casefile needs on Debian 12 beyond Go itself: a C compiler and
# the GL/X11 headers for Fyne's cgo build, Xvfb for headless runs, strace for
# the durability test, pdftotext for the PDF tests, fonts with Arabic,
# Cyrillic, Ethiopic, CJK... glyphs, and Liberation (Helvetica's and
# Courier's metrics: the PDF writer sets names in it, pdftoppm draws the
# golden PDF pages' standard fonts with it).
# Runs apt only when something is missing; uses sudo when not root.
set -euo pipefail

packages=(
  gcc libc6-dev pkg-config
  libgl1-mesa-dev xorg-dev libxxf86vm-dev
  xvfb xauth strace
  poppler-utils
  fonts-noto-core fonts-noto-cjk fonts-liberation2
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "casefile: need root to install: ${missing[*]} (run this script as root, or install sudo)" >&2
    exit 1
  fi
fi
echo "casefile: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

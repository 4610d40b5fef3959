#!/usr/bin/env bash
# Installs the Linux packages that scripts/release.sh put in dist/ and starts
# each one the way a desktop does: reads the installed .desktop entry and runs
# its Exec line under Xvfb, with a fresh HOME, until the Casefile window shows;
# then screenshots it (docs/screenshots/linux-*-desktop-entry-LANG.png).
#   - the `fyne package` archive, unpacked into that HOME's ~/.local (a user
#     install: no root, what `make user-install` of its Makefile does);
#   - the .deb, with apt (root), then removed again.
# Usage: scripts/package-test.sh   (after scripts/release.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
archive=dist/casefile-$version-linux-amd64.tar.xz
deb=dist/casefile_${version}_amd64.deb
[ -f "$archive" ] && [ -f "$deb" ] || { echo "run scripts/release.sh first" >&2; exit 1; }
work=$(mktemp -d)
xvfb=; app=
trap '[ -n "$app" ] && kill $app 2>/dev/null; [ -n "$xvfb" ] && kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
Xvfb :92 -screen 0 1100x760x24 >/dev/null 2>&1 & xvfb=$!
export DISPLAY=:92
sleep 1

# start ENTRY NAME: runs ENTRY's Exec with the current PATH and HOME.
start() {
  local entry=$1 name=$2
  local exec
  exec=$(sed -n 's/^Exec=//p' "$entry" | head -1)
  exec=${exec%% %*} # drop field codes (%U, %f)
  echo "$name: $entry runs: $exec"
  $exec >/dev/null 2>&1 & app=$!
  local win="" i
  for i in $(seq 1 100); do
    win=$(xdotool search --name '^Casefile' 2>/dev/null | head -1) && [ -n "$win" ] && break
    sleep 0.1
  done
  [ -n "$win" ] || { echo "$name: no window after 10 s" >&2; exit 1; }
  sleep 2
  import -window "$win" "docs/screenshots/linux-$name-desktop-entry-en.png"
  echo "$name: window shown"
  kill $app; wait $app 2>/dev/null || true; app=
}

# The fyne package archive, as a user install.
export HOME=$work/home LANG=en_GB.UTF-8
mkdir -p "$HOME/.local"
tar -C "$work" -xJf "$archive"
cp -r "$work"/*/usr/local/. "$HOME/.local/"
PATH=$HOME/.local/bin:$PATH start "$(ls "$HOME"/.local/share/applications/*.desktop)" archive
ls "$HOME"/.local/share/pixmaps/ "$HOME"/.local/share/applications/

# The .deb, system-wide.
export HOME=$work/home2
mkdir -p "$HOME"
apt-get install -y -q "./$deb" >/dev/null
start /usr/share/applications/org.casefile.desktop.desktop deb
apt-get remove -y -q casefile >/dev/null
echo "package test: passed"

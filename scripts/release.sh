#!/usr/bin/env bash
# Builds every package that can be built on Debian into dist/: the Linux
# binary, the archive of `fyne package -os linux` (binary, desktop entry and
# icon under usr/local, with Fyne's Makefile), a .deb, casefile.exe for
# Windows and its installer (.msi); writes dist/SHA256SUMS, prints the sizes and the
# cold start time of the Linux binary to its first window under Xvfb.
# Usage: scripts/release.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
rm -rf dist && mkdir -p dist
work=$(mktemp -d)
xvfb=; app=
trap '[ -n "$app" ] && kill $app 2>/dev/null; [ -n "$xvfb" ] && kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT

timed() { local s=$(date +%s); "$@"; echo "  $(( $(date +%s) - s )) s: $*" >&2; }
export CGO_ENABLED=1
timed go build -tags migrated_fynedo -trimpath -ldflags "$(scripts/ldflags.sh)" -o dist/casefile .
timed scripts/build-windows.sh dist/casefile.exe

# The Linux archive is fyne package's own output (the tool pinned here; it is
# release tooling, never linked into Casefile). It is run on a copy of
# FyneApp.toml and the icon, because it bumps Build in the file it reads (it
# also insists on a Go file there, though --exe means it builds nothing).
GOBIN=$work/bin timed go install fyne.io/tools/cmd/fyne@v1.7.4
mkdir -p "$work/pkg/icons"
cp FyneApp.toml "$work/pkg/" && cp icons/casefile.png "$work/pkg/icons/"
echo 'package main' >"$work/pkg/placeholder.go"
exe=$PWD/dist/casefile
(cd "$work/pkg" && timed "$work/bin/fyne" package -os linux --release --exe "$exe")
mv "$work/pkg/Casefile.tar.xz" "dist/casefile-$version-linux-amd64.tar.xz"

# The .deb: the same binary under /usr, with the desktop entry (id
# org.casefile.desktop, the app's ID, as in the fyne package archive), the
# MIME type of bundles (*.casefile.age) and the icon under that id. It
# recommends the Noto fonts that draw the names of the scripts clients
# write in (Arabic, Cyrillic, Ethiopic... in fonts-noto-core; Chinese,
# Japanese, Korean in fonts-noto-cjk): the PDFs and the window fall back to
# them.
root=$work/root
id=org.casefile.desktop
install -Dm755 dist/casefile "$root/usr/bin/casefile"
install -Dm644 packaging/linux/$id.desktop "$root/usr/share/applications/$id.desktop"
install -Dm644 packaging/linux/$id.xml "$root/usr/share/mime/packages/$id.xml"
install -Dm644 icons/casefile.png "$root/usr/share/icons/hicolor/512x512/apps/$id.png"
mkdir -p "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<CONTROL
Package: casefile
Version: $version
Architecture: amd64
Maintainer: Casefile <casefile@example.org>
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Depends: libc6, libgl1, libx11-6, libxcursor1, libxrandr2, libxinerama1, libxi6, libxxf86vm1
Recommends: fonts-noto-core, fonts-noto-cjk
Section: misc
Priority: optional
Description: offline case manager for legal clinics
 Casefile keeps the cases of clinics that defend foreign nationals in France
 in an encrypted vault, with procedural deadlines. GUI and command line.
CONTROL
dpkg-deb --root-owner-group --build "$root" "dist/casefile_${version}_amd64.deb" >/dev/null

# The Windows installer (wixl), around the same casefile.exe.
timed scripts/build-msi.sh dist/casefile.exe "dist/casefile-$version.msi" >/dev/null

(cd dist && sha256sum casefile casefile.exe *.msi *.tar.xz *.deb > SHA256SUMS)
echo "sizes:"
(cd dist && ls -l casefile casefile.exe *.msi *.tar.xz *.deb | awk '{printf "  %-40s %6.1f MiB\n", $9, $5/1048576}')

# Cold start: from process start to a window named Casefile (polled with
# xdotool every 10 ms), on a fresh vault directory; the page cache is warm.
Xvfb :94 -screen 0 1100x760x24 >/dev/null 2>&1 & xvfb=$!
export DISPLAY=:94 HOME=$work/home
mkdir -p "$HOME"
sleep 1
for i in 1 2 3; do
  start=$(date +%s%N)
  dist/casefile --vault "$work/vault-$i" >/dev/null 2>&1 & app=$!
  until xdotool search --name '^Casefile' >/dev/null 2>&1; do sleep 0.01; done
  echo "cold start to first window, run $i: $(( ($(date +%s%N) - start) / 1000000 )) ms"
  kill $app; wait $app 2>/dev/null || true; app=
done

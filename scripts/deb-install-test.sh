#!/usr/bin/env bash
# Installs the .deb on a fresh Debian 12 (a debootstrap minbase chroot: no
# desktop, no fonts) as a user would, with apt, which brings its
# dependencies and the Noto fonts it recommends; then checks what landed and
# runs the CLI in it. Removes the package again and checks it left nothing.
# Run by hand, as root, after scripts/release.sh (downloads about 150 MB).
# Usage: scripts/deb-install-test.sh [casefile_VERSION_amd64.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
deb=$(realpath "${1:-dist/casefile_${version}_amd64.deb}")
[ -f "$deb" ] || { echo "no $deb: run scripts/release.sh first" >&2; exit 1; }
command -v debootstrap >/dev/null || { apt-get update -q && apt-get install -y -q debootstrap; }
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
root=$(mktemp -d)
trap 'umount "$root/proc" 2>/dev/null || true; rm -rf "$root"' EXIT
fail() { echo "deb install test: FAILED: $*" >&2; exit 1; }
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

start=$(date +%s)
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 || { tail -20 "$root.log"; fail debootstrap; }
rm -f "$root.log"
mount -t proc proc "$root/proc"
echo "fresh bookworm (minbase) in $(( $(date +%s) - start )) s: $(in_root dpkg-query -W -f='.' | wc -c) packages, fonts: $(in_root sh -c 'ls /usr/share/fonts 2>/dev/null | wc -l')"

cp "$deb" "$root/tmp/casefile.deb"
in_root apt-get update -q >/dev/null 2>&1
in_root apt-get install -y -q /tmp/casefile.deb >"$root/tmp/apt.log" 2>&1 || { tail -30 "$root/tmp/apt.log"; fail "apt-get install"; }
grep -E "^(The following NEW|  )" "$root/tmp/apt.log" | head -3 | cut -c1-160
in_root dpkg-query -W -f='${Status} ${Version}\n' casefile | grep -q "install ok installed $version" || fail "casefile not installed"
for p in fonts-noto-core fonts-noto-cjk; do
  in_root dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || fail "$p (recommended) not installed"
done
echo "installed: casefile $version, fonts-noto-core, fonts-noto-cjk (recommended), $(in_root dpkg-query -W -f='.' | wc -c) packages in all"
for f in usr/bin/casefile usr/share/applications/org.casefile.desktop.desktop \
  usr/share/mime/packages/org.casefile.desktop.xml usr/share/icons/hicolor/512x512/apps/org.casefile.desktop.png; do
  [ -e "$root/$f" ] || fail "missing /$f"
done
# The fonts the PDFs and the window fall back to for non-Latin names.
for font in NotoSansArabic NotoSansEthiopic NotoSansCJK NotoSansArmenian; do
  compgen -G "$root/usr/share/fonts/*/noto/$font*" >/dev/null || fail "no $font font"
done
echo "fonts: Noto Sans Arabic, Ethiopic, CJK, Armenian present"
in_root casefile version
in_root sh -c 'export CASEFILE_PASSPHRASE="fresh debian passphrase"; casefile init >/dev/null 2>&1 && casefile demo --cases 10 >/dev/null && casefile check' || fail "CLI in the chroot"

in_root apt-get remove -y -q casefile >/dev/null 2>&1
[ ! -e "$root/usr/bin/casefile" ] && [ ! -e "$root/usr/share/applications/org.casefile.desktop.desktop" ] || fail "files left after removal"
[ -f "$root/root/.local/share/casefile/key.pass.age" ] || fail "removing the package removed the vault"
echo "removed; the vault in ~/.local/share/casefile stays"
echo "deb install test: passed ($(( $(date +%s) - start )) s)"

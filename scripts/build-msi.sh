#!/usr/bin/env bash
# Builds the Windows installer dist/casefile-VERSION.msi from casefile.exe
# with wixl (Debian's msitools): packaging/windows/casefile.wxs, the icon of
# FyneApp.toml, and the version of FyneApp.toml. See docs/building.md.
# Usage: scripts/build-msi.sh [casefile.exe [OUTPUT.msi]]   (default: builds the exe)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
exe=${1:-}
out=${2:-dist/casefile-$version.msi}
if ! command -v wixl >/dev/null || ! command -v msibuild >/dev/null; then
  echo "casefile: installing wixl and msitools" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q --no-install-recommends wixl msitools
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$exe" ]; then
  exe=$work/built.exe
  scripts/build-windows.sh "$exe"
fi
# wixl looks for sources beside the .wxs: gather them in one folder.
cp packaging/windows/casefile.wxs "$work/"
cp "$exe" "$work/casefile.exe"
mkdir -p "$work/res"
go run ./internal/cmd/winres FyneApp.toml "$work/res"
cp "$work/res/casefile.ico" "$work/"
mkdir -p "$(dirname "$out")"
(cd "$work" && wixl -a x64 -D Version="$version" -D ExePath=casefile.exe -D IconPath=casefile.ico \
  -o casefile.msi casefile.wxs)
# wixl 0.101 writes Root 4 for HKMU, which Windows Installer does not know
# (HKMU is -1: HKCU for a per-user install, HKLM for a per-machine one).
msibuild "$work/casefile.msi" -q "UPDATE Registry SET Root = -1 WHERE Root = 4"
if msiinfo export "$work/casefile.msi" Registry | awk -F'\t' 'NR > 3 && $2 != -1 {bad = 1} END {exit !bad}'; then
  echo "build-msi: a registry value outside HKMU" >&2
  exit 1
fi
mv "$work/casefile.msi" "$out"
echo "$out"

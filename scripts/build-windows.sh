#!/usr/bin/env bash
# Cross-compiles casefile.exe (GUI and CLI in one) for 64-bit Windows with
# mingw-w64, with the icon and version of FyneApp.toml as Windows resources.
# Usage: scripts/build-windows.sh [OUTPUT]   (default ./casefile.exe)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-casefile.exe}
scripts/deps-windows.sh
res=$(mktemp -d)
trap 'rm -rf "$res" rsrc_windows_amd64.syso' EXIT
go run ./internal/cmd/winres FyneApp.toml "$res"
x86_64-w64-mingw32-windres -I "$res" -O coff -o rsrc_windows_amd64.syso "$res/casefile.rc"
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
  go build -tags migrated_fynedo -trimpath -ldflags "$(scripts/ldflags.sh)" -o "$out" .

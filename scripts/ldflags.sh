#!/usr/bin/env bash
# Prints the -ldflags of a release build: stripped, with the version of
# FyneApp.toml, the build date and the commit stamped into
# casefile/internal/version (Go records the commit itself only where
# -buildvcs is on).
# The date is the last commit's (or SOURCE_DATE_EPOCH's), so that the same
# commit builds the same binary. Usage: go build -ldflags "$(scripts/ldflags.sh)"
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
date=$(date -u -d "@$epoch" +%F)
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || true)
pkg=casefile/internal/version
echo "-s -w -X $pkg.Version=$version -X $pkg.BuildDate=$date -X $pkg.Commit=$commit"

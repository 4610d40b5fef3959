#!/usr/bin/env bash
# Installs the system packages, then runs the whole test suite with the race
# detector (GUI tests included: Fyne's test driver needs no display).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
export CGO_ENABLED=1
go test -race -tags migrated_fynedo -timeout 20m ./... "$@"

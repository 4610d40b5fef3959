#!/usr/bin/env bash
# Installs the system packages, builds Casefile and starts the desktop app on
# the default vault (~/.local/share/casefile). Extra arguments go to casefile,
# e.g. `scripts/run.sh --vault /media/usb/vault`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
go build -tags migrated_fynedo -o casefile .
exec ./casefile "$@"

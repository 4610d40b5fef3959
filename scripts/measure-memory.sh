#!/usr/bin/env bash
# Measures the desktop app's resident memory on a large demo vault, the way a
# user runs it: a real window under Xvfb, unlocked by typing the passphrase.
# Usage: scripts/measure-memory.sh [CASES]   (default 100000; needs xdotool)
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-100000}
pass="measure memory passphrase"
work=$(mktemp -d)
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
go build -tags migrated_fynedo -o "$work/casefile" .
export CASEFILE_PASSPHRASE="$pass" HOME="$work/home" LANG=en_US.UTF-8
mkdir -p "$HOME"
"$work/casefile" --vault "$work/vault" init >/dev/null 2>&1
start=$(date +%s.%N)
/usr/bin/time -f "demo: %e s, peak RSS %M KiB" "$work/casefile" --vault "$work/vault" demo --cases "$cases" >/dev/null
Xvfb :97 -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb=$!
sleep 1
DISPLAY=:97 "$work/casefile" --vault "$work/vault" >/dev/null 2>&1 & app=$!
sleep 3
DISPLAY=:97 xdotool type --delay 20 "$pass"
DISPLAY=:97 xdotool key Return
sleep 30
echo "app, $cases cases, 30 s after unlock: $(grep VmRSS /proc/$app/status | tr -s ' \t' ' '); peak $(grep VmHWM /proc/$app/status | tr -s ' \t' ' ')"

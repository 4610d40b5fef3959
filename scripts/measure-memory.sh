#!/usr/bin/env bash
# Measures the desktop app's resident memory on a large demo vault, the way a
# user runs it: a real window under Xvfb, unlocked by typing the passphrase.
# Prints the resident set (anonymous and file-backed) at the unlock screen,
# then every 15 s for 3 minutes after unlock, and the Go heap at the end.
# Usage: scripts/measure-memory.sh [CASES] [VAULT]
#   CASES defaults to 100000; VAULT, if given and existing, is reused (its
#   passphrase must be the one below) instead of filling a new one.
# Needs Xvfb and xdotool (apt-get install xvfb xdotool).
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-100000}
pass="measure memory passphrase"
work=$(mktemp -d)
vault=${2:-$work/vault}
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
# pprofdebug: the app serves its heap figures on CASEFILE_PPROF (pprof_debug.go).
go build -tags migrated_fynedo,pprofdebug -o "$work/casefile" .
export CASEFILE_PASSPHRASE="$pass" HOME="$work/home" LANG=en_US.UTF-8 CASEFILE_PPROF=127.0.0.1:6061
mkdir -p "$HOME"
if [ ! -d "$vault" ]; then
  "$work/casefile" --vault "$vault" init >/dev/null 2>&1
  /usr/bin/time -f "demo: %e s, peak RSS %M KiB" "$work/casefile" --vault "$vault" demo --cases "$cases" >/dev/null
fi
Xvfb :97 -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb=$!
sleep 1
DISPLAY=:97 "$work/casefile" --vault "$vault" >/dev/null 2>&1 & app=$!
sleep 4
rss() { grep -E 'VmRSS|RssAnon|RssFile' /proc/$app/status | tr -s ' \t\n' ' '; }
echo "unlock screen: $(rss)"
DISPLAY=:97 xdotool type --delay 20 "$pass"
DISPLAY=:97 xdotool key Return
for t in $(seq 15 15 180); do
  sleep 15
  echo "$t s after unlock: $(rss)"
done
echo "peak: $(grep VmHWM /proc/$app/status | tr -s ' \t' ' ')"
curl -s "http://$CASEFILE_PPROF/debug/pprof/heap?debug=1" | grep -E '^# (HeapAlloc|HeapInuse|HeapReleased|NumGC) ' || true

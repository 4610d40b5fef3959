#!/usr/bin/env bash
# Takes the screenshots of docs/review.md ("Urgency") from the real app under
# Xvfb: the case list in deadline order, the list after the 72-hour banner's
# click, the weekly review (top, and a day with hour rules), the header of a
# case with a 48-hour appeal, at 1024x700 and
# 1400x900, in French and English, dark theme; and the list in the light
# theme. A 300-case demo vault, Paris time. Writes docs/screenshots/*.png.
# Needs: Xvfb, xdotool, imagemagick. Usage: scripts/urgency-screenshots.sh [DISPLAY]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-45}
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
pass="correct horse battery staple"
go build -tags migrated_fynedo -o "$work/casefile" .
export HOME="$work/home" CASEFILE_PASSPHRASE="$pass" TZ=Europe/Paris
mkdir -p "$HOME"
"$work/casefile" --vault "$work/demo" init >/dev/null 2>&1
"$work/casefile" --vault "$work/demo" demo --cases 300 --seed 7 >/dev/null
# A fresh backup: no reminder over the list.
"$work/casefile" --vault "$work/demo" backup --out "$work/backup.cfb" >/dev/null 2>&1
Xvfb ":$n" -screen 0 1500x1000x24 >/dev/null 2>&1 & xvfb=$!
app=""
trap 'kill $xvfb 2>/dev/null; [ -n "$app" ] && kill "$app" 2>/dev/null; rm -rf "$work"' EXIT
export DISPLAY=":$n"
sleep 1

win() { xdotool search --name Casefile 2>/dev/null | head -1; }
shot() { sleep "${2:-1.5}"; import -window "$(win)" "$out/$1.png"; }
start() { # size
  "$work/casefile" --vault "$work/demo" >/dev/null 2>&1 & app=$!
  for _ in $(seq 120); do [ -n "$(win)" ] && break; sleep 0.5; done
  sleep 1
  xdotool windowsize "$(win)" "${1%x*}" "${1#*x}"
  sleep 1
  xdotool type --window "$(win)" --delay 15 "$pass"
  xdotool key --window "$(win)" Return
  sleep "${UNLOCK_WAIT:-25}" # scrypt, then the list
}
stop() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app=""; sleep 1; }

for lang in fr en; do
  case $lang in fr) export LANG=fr_FR.UTF-8 ;; en) export LANG=en_US.UTF-8 ;; esac
  for size in 1024x700 1400x900; do
    w=${size%x*}
    start "$size"
    shot "case-list-urgent-$lang-$w" 0.5
    xdotool mousemove $((w - 80)) 113 click 1 # the banner's button
    shot "case-list-72h-$lang-$w" 4
    xdotool mousemove $((w - 80)) 113 click 1 # all cases again
    sleep 3
    sleep 1
    xdotool key ctrl+r
    shot "review-urgent-$lang-$w" 10
    xdotool mousemove 300 400
    for _ in $(seq 12); do xdotool click 5; done
    shot "review-hours-$lang-$w" 4
    xdotool mousemove 50 26 click 1 # back to the cases
    sleep 6
    xdotool mousemove 300 396 click 1 # the fifth case: a 48-hour appeal
    shot "case-header-$lang-$w" 6
    stop
  done
done
export LANG=fr_FR.UTF-8 FYNE_THEME=light
start 1400x900
shot "case-list-urgent-fr-light-1400" 0.5
stop
ls -la "$out"/case-list-* "$out"/case-header-* "$out"/review-*

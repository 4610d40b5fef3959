#!/usr/bin/env bash
# Takes the Figures screen's screenshots (docs/screenshots/figures-*.png)
# from the real app under Xvfb on display :95, in French and English, on a
# 300-case demo vault: the top of the screen, and further down the month
# chart with its suppressed counts.
# Needs: Xvfb, xdotool, imagemagick (apt-get install xvfb xdotool imagemagick).
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
pass="correct horse battery staple"
go build -tags migrated_fynedo -o "$work/casefile" .
export HOME="$work/home" CASEFILE_PASSPHRASE="$pass"
mkdir -p "$HOME"
Xvfb :95 -screen 0 1100x760x24 >/dev/null 2>&1 & xvfb=$!
app=""
# Only the processes this script started are stopped, by their ids.
trap '[ -n "$app" ] && kill $app 2>/dev/null; kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
export DISPLAY=:95
sleep 1

win() { xdotool search --name Casefile | head -1; }
shot() { sleep "${2:-1.5}"; import -window "$(win)" "$out/$1.png"; }
click() { xdotool mousemove --window "$(win)" "$1" "$2" click 1; }

for lang in fr en; do
  case $lang in fr) export LANG=fr_FR.UTF-8 ;; en) export LANG=en_US.UTF-8 ;; esac
  "$work/casefile" --vault "$work/demo-$lang" init >/dev/null 2>&1
  "$work/casefile" --vault "$work/demo-$lang" demo --cases 300 --seed 7 >/dev/null
  "$work/casefile" --vault "$work/demo-$lang" >/dev/null 2>&1 & app=$!
  sleep 4
  xdotool type --delay 15 "$pass"; xdotool key Return
  sleep 3
  # "No" to the backup reminder, "More", then its sixth item: the figures.
  # Coordinates are those of the window Fyne opens on a 1100x760 screen.
  case $lang in
    fr) no=(475 406) more=(758 26) item=(818 256) ;;
    en) no=(478 396) more=(799 26) item=(840 256) ;;
  esac
  click "${no[@]}"; sleep 1
  click "${more[@]}"; sleep 1
  click "${item[@]}"
  shot "figures-$lang" 3
  xdotool mousemove --window "$(win)" 500 400
  for _ in $(seq 1 30); do xdotool click 5; done
  shot "figures-months-$lang" 1
  kill $app; app=""
  sleep 1
done
ls -la "$out"/figures-*

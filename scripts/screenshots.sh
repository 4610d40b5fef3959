#!/usr/bin/env bash
# Takes the README's screenshots from the real app under Xvfb, in French and
# English, driving it with xdotool like a user: set-up wizard (passphrase,
# recovery key), unlock, case list of a demo vault (with a search typed), case
# form, validation errors. Writes docs/screenshots/*.png.
# Needs: Xvfb, xdotool, imagemagick (apt-get install xvfb xdotool imagemagick).
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
pass="correct horse battery staple"
go build -tags migrated_fynedo -o "$work/casefile" .
# A fresh HOME: the app's preferences and Fyne's settings start empty.
export HOME="$work/home" CASEFILE_PASSPHRASE="$pass"
mkdir -p "$HOME"
Xvfb :98 -screen 0 1100x760x24 >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null; pkill -f "$work/casefile" 2>/dev/null; rm -rf "$work"' EXIT
export DISPLAY=:98
sleep 1

shot() { sleep "${2:-1.5}"; import -window "$(xdotool search --name Casefile | head -1)" "$out/$1.png"; }
start() { "$work/casefile" --vault "$1" >/dev/null 2>&1 & sleep 3; }
stop() { pkill -f "$work/casefile" || true; sleep 1; }
key() { xdotool key --delay 80 "$@"; }
typ() { xdotool type --delay 15 "$1"; }

for lang in fr en; do
  case $lang in fr) export LANG=fr_FR.UTF-8 ;; en) export LANG=en_US.UTF-8 ;; esac

  # Set-up wizard on a new vault.
  start "$work/new-$lang"
  typ "$pass"; key Tab; typ "$pass"
  shot "setup-passphrase-$lang"
  key Return
  shot "setup-recovery-$lang" 3
  stop

  # A demo vault: unlock, list, search, forms.
  "$work/casefile" --vault "$work/demo-$lang" init >/dev/null 2>&1
  "$work/casefile" --vault "$work/demo-$lang" demo --cases 300 --seed 7 >/dev/null
  start "$work/demo-$lang"
  shot "unlock-$lang" 0.5
  typ "$pass"; key Return
  shot "case-list-$lang" 3
  typ "moham"
  shot "case-search-$lang"
  key ctrl+a BackSpace
  xdotool mousemove 300 110 click 1
  shot "case-form-$lang" 2
  key Escape
  xdotool mousemove 910 33 click 1   # Cancel: back to the list
  sleep 1
  key ctrl+n
  sleep 2
  xdotool mousemove 500 141 click 1; sleep 0.5; typ "Nguyen"; sleep 0.5
  xdotool mousemove 500 180 click 1; sleep 0.5; typ "Thi Lan"; sleep 0.5
  xdotool mousemove 500 219 click 1; sleep 0.5; typ "30/02/1995"; sleep 0.5
  xdotool mousemove 968 33 click 1   # Save: the impossible date is refused
  shot "case-form-errors-$lang"
  xdotool mousemove 910 33 click 1   # Cancel (inside both "Annuler" and "Cancel")
  sleep 1.5
  xdotool mousemove 300 110 click 1  # the first case again
  sleep 2
  xdotool mousemove 940 141 click 1  # its first deadline's "why this date?"
  shot "deadline-why-$lang" 1.5
  stop
done
ls -la "$out"

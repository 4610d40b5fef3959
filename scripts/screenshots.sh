#!/usr/bin/env bash
# Takes the README's screenshots from the real app under Xvfb, in French and
# English, driving it with xdotool like a user: set-up wizard (passphrase,
# recovery key), unlock, case list of a demo vault (with a search typed), each
# tab of a case, the conflict check, the weekly review. Writes docs/screenshots/*.png.
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

  # A demo vault: unlock, list, search, the case screen's tabs, the
  # conflict check, the weekly review. Coordinates are those of the window
  # Fyne opens on a 1100x760 screen.
  case $lang in
    fr) tabs=(45 162 290 374 436 516 613) ;;
    en) tabs=(36 143 249 326 401 482 567) ;;
  esac
  "$work/casefile" --vault "$work/demo-$lang" init >/dev/null 2>&1
  "$work/casefile" --vault "$work/demo-$lang" demo --cases 300 --seed 7 >/dev/null
  start "$work/demo-$lang"
  shot "unlock-$lang" 0.5
  typ "$pass"; key Return
  sleep 3
  xdotool mousemove 475 406 click 1  # "No" to the backup reminder
  shot "case-list-$lang" 1
  typ "moham"
  shot "case-search-$lang"
  key ctrl+a BackSpace
  sleep 1
  xdotool mousemove 300 153 click 1  # the newest case
  shot "case-person-$lang" 2
  names=(person procedure events deadlines notes documents history)
  for i in 1 2 3 4 5 6; do
    xdotool mousemove "${tabs[$i]}" 83 click 1
    shot "case-${names[$i]}-$lang" 1.5
  done
  xdotool mousemove "${tabs[3]}" 83 click 1
  sleep 1
  xdotool mousemove 950 181 click 1  # the first deadline's "why this date?"
  shot "deadline-why-$lang" 1.5
  key Escape
  stop
  start "$work/demo-$lang"
  typ "$pass"; key Return
  sleep 3
  xdotool mousemove 475 406 click 1
  sleep 1
  key ctrl+n
  sleep 2
  typ "adam"; key Tab; typ "Fatma"; key Tab; typ "21/11/1977"
  shot "conflict-check-$lang" 2
  key ctrl+r
  shot "review-$lang" 2
  stop
done
ls -la "$out"

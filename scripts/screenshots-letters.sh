#!/usr/bin/env bash
# Screenshots of a letter being edited and of the retention list, in French
# and English, from the real app under Xvfb on display :96, driven with
# xdotool (see screenshots.sh). Writes docs/screenshots/letter-edit-*.png and
# retention-*.png. Needs: Xvfb, xdotool, imagemagick.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
pass="correct horse battery staple"
go build -tags migrated_fynedo -o "$work/casefile" .
export HOME="$work/home" CASEFILE_PASSPHRASE="$pass"
mkdir -p "$HOME"
Xvfb :96 -screen 0 1100x760x24 >/dev/null 2>&1 & xvfb=$!
app=
trap 'kill $xvfb 2>/dev/null; [ -n "$app" ] && kill $app 2>/dev/null; rm -rf "$work"' EXIT
export DISPLAY=:96
sleep 1

shot() { sleep "${2:-1.5}"; import -window "$(xdotool search --name Casefile | head -1)" "$out/$1.png"; }
start() { "$work/casefile" --vault "$1" >/dev/null 2>&1 & app=$!; sleep 3; }
stop() { kill "$app" 2>/dev/null || true; app=; sleep 1; }
click() { xdotool mousemove "$1" "$2" click 1; }

for lang in fr en; do
  case $lang in fr) export LANG=fr_FR.UTF-8 ;; en) export LANG=en_US.UTF-8 ;; esac
  case $lang in fr) letters_tab=778 ;; en) letters_tab=720 ;; esac
  v="$work/demo-$lang"
  cf() { "$work/casefile" --vault "$v" "$@"; }
  cf init >/dev/null 2>&1
  cf demo --cases 300 --seed 7 >/dev/null
  cf letter sender --clinic "Permanence juridique de Montreuil" --address "12 rue de Paris, 93100 Montreuil" \
    --city Montreuil --signatory "Me Claire Fontaine" >/dev/null
  # Four of the oldest cases closed long ago: due for deletion.
  for r in $(cf case list | tail -4 | awk '{print $1}'); do
    cf case set "$r" opened=2017-03-02 status=closed closed=2020-06-15 end_of_mission=2020-09-30 >/dev/null
  done
  start "$v"
  xdotool type --delay 15 "$pass"; xdotool key Return
  sleep 3
  click 475 406                  # "No" to the backup reminder
  sleep 1
  click 300 153                  # the newest case
  sleep 2
  click "$letters_tab" 83        # its Letters tab
  sleep 1
  click 300 166                  # the template list
  sleep 1
  click 200 318                  # "Demande de rendez-vous en préfecture" (fourth)
  shot "letter-edit-$lang" 1.5
  stop
  start "$v"
  xdotool type --delay 15 "$pass"; xdotool key Return
  sleep 3
  click 475 406
  sleep 1
  xdotool key ctrl+Escape 2>/dev/null || true
  # More (its position depends on the language), then the last item.
  case $lang in fr) more=(770 26 840 295) ;; en) more=(800 26 850 295) ;; esac
  click "${more[0]}" "${more[1]}"
  sleep 1
  click "${more[2]}" "${more[3]}"
  shot "retention-$lang" 1.5
  stop
done
ls -la "$out"/letter-edit-* "$out"/retention-*

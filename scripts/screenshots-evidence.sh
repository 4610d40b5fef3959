#!/usr/bin/env bash
# Takes the evidence screenshots (docs/screenshots/evidence-*.png) from the
# real app under Xvfb on display :97, in French and English: a one-case demo
# vault gets four fictional attempts through the CLI (one withdrawn), then
# the app is unlocked and the case's Evidence tab shown, then the add
# dialog. Needs: Xvfb, xdotool, imagemagick.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
pass="correct horse battery staple"
go build -tags migrated_fynedo -o "$work/casefile" .
export HOME="$work/home" CASEFILE_PASSPHRASE="$pass"
mkdir -p "$HOME"
Xvfb :97 -screen 0 1100x760x24 >/dev/null 2>&1 & xvfb=$!
app=""
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; kill "$xvfb" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export DISPLAY=:97
sleep 1

shot() { sleep "${2:-1.5}"; import -window "$(xdotool search --name Casefile | head -1)" "$out/$1.png"; }
key() { xdotool key --delay 80 "$@"; }
typ() { xdotool type --delay 15 "$1"; }

for lang in fr en; do
  case $lang in fr) export LANG=fr_FR.UTF-8 ;; en) export LANG=en_US.UTF-8 ;; esac
  vault="$work/ev-$lang"
  cf() { "$work/casefile" --vault "$vault" "$@"; }
  cf init >/dev/null 2>&1
  cf demo --cases 1 --seed 11 >/dev/null
  ref=$(cf case list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["ref"])')
  printf '%%PDF-1.4 fictional screenshot\n' >"$work/capture-rdv.pdf"
  cf evidence add "$ref" --channel appointment_site --at "$(date -d '-26 days' '+%Y-%m-%d') 09:02" \
    --what "Aucun créneau disponible sur le site de la préfecture ; capture de la page." \
    --category no_appointment --file "$work/capture-rdv.pdf" >/dev/null
  cf evidence add "$ref" --channel phone --at "$(date -d '-18 days' '+%Y-%m-%d') 14:30" \
    --what "Ligne de la préfecture : 45 minutes d'attente puis coupure." --category support_failure >/dev/null
  id=$(cf evidence add "$ref" --channel email --at "$(date -d '-12 days' '+%Y-%m-%d') 10:00" \
    --what "Courriel envoyé au mauvais service." 2>/dev/null)
  cf evidence withdraw "$id" --reason "Entrée en double" >/dev/null 2>&1
  cf evidence add "$ref" --channel appointment_site --at "$(date -d '-4 days' '+%Y-%m-%d') 08:45" \
    --what "Toujours aucun créneau ; message « aucun rendez-vous disponible »." --category no_appointment \
    --file "$work/capture-rdv.pdf" >/dev/null

  "$work/casefile" --vault "$vault" >/dev/null 2>&1 & app=$!
  sleep 3
  typ "$pass"; key Return
  sleep 4
  xdotool mousemove 475 406 click 1  # "No" to the backup reminder
  sleep 2
  xdotool mousemove 475 406 click 1  # (it may come late; the list is empty there)
  sleep 1
  xdotool mousemove 300 153 click 1  # the case
  sleep 2
  case $lang in fr) x=613 ;; en) x=567 ;; esac  # the tab after Documents
  xdotool mousemove "$x" 83 click 1
  shot "evidence-log-$lang" 2
  xdotool mousemove 90 476 click 1   # "Record an attempt"
  shot "evidence-add-$lang" 2
  kill "$app"; wait "$app" 2>/dev/null || true; app=""
done

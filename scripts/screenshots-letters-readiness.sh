#!/usr/bin/env bash
# Screenshots of the référé readiness panel (by remedy), a new letter
# template's preview (the formal notice, with its date) and the sender
# dialog, in French and English, from the real app under Xvfb on display
# :42, driven with xdotool. A fictional renewal case on ANEF gets its log
# through the CLI (a proof of filing, two ANEF failures, the contact
# centre, an access point, an employer's letter). Writes
# docs/screenshots/readiness-*.png, letter-notice-*.png, letter-sender-*.png.
# Needs: Xvfb, xdotool, imagemagick.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
pass="correct horse battery staple"
go build -tags migrated_fynedo -o "$work/casefile" .
export HOME="$work/home" CASEFILE_PASSPHRASE="$pass"
mkdir -p "$HOME"
Xvfb :42 -screen 0 1100x760x24 >/dev/null 2>&1 & xvfb=$!
app=
trap 'kill $xvfb 2>/dev/null; [ -n "$app" ] && kill $app 2>/dev/null; rm -rf "$work"' EXIT
export DISPLAY=:42
sleep 1

shot() { sleep "${2:-1.5}"; import -window "$(xdotool search --name Casefile | head -1)" "$out/$1.png"; }
click() { xdotool mousemove "$1" "$2" click 1; }
d() { date -d "$1" '+%Y-%m-%d'; }

for lang in fr en; do
  case $lang in fr) export LANG=fr_FR.UTF-8 ;; en) export LANG=en_US.UTF-8 ;; esac
  # The Evidence and Letters tabs' positions depend on the language.
  case $lang in fr) evidence_tab=604 letters_tab=778 ;; en) evidence_tab=572 letters_tab=720 ;; esac
  v="$work/v-$lang"
  cf() { "$work/casefile" --vault "$v" "$@"; }
  cf init >/dev/null 2>&1
  cf letter sender --clinic "Permanence juridique de Montreuil" --address "12 rue de Paris, 93100 Montreuil" \
    --city Montreuil --signatory "Me Claire Fontaine" >/dev/null
  ref=$(printf '%s' '{"procedure":"renewal","channel":"anef","anef_state":"api_issued","prefecture":"Seine-Saint-Denis (Bobigny)","anef_number":"ANEF-093-2026-004211","lawyer":"Me Claire Fontaine","person":{"civility":"madame","family_name":"Benali","given_names":"Aïcha","birth_date":"1990-03-01","birth_place":"Oran","nationality":"algérienne","address":"4 rue des Lilas, 93100 Montreuil"}}' | cf case add --json - 2>/dev/null)
  cf event add "$ref" --kind application_complete --date "$(d '-150 days')" >/dev/null 2>&1
  cf event add "$ref" --kind api_issued --date "$(d '-95 days')" --expiry "$(d '-5 days')" >/dev/null 2>&1
  printf '%%PDF-1.4 fictional screenshot\n' >"$work/capture.pdf"
  cf evidence add "$ref" --channel anef --date "$(d '-150 days')" --kind filing --what "Attestation de dépôt ANEF" >/dev/null 2>&1
  cf evidence add "$ref" --channel anef --at "$(d '-40 days') 09:02" --category no_attestation \
    --what "Attestation de prolongation d'instruction expirée, non renouvelée sur l'ANEF." --file "$work/capture.pdf" >/dev/null 2>&1
  cf evidence add "$ref" --channel contact_centre --at "$(d '-33 days') 14:30" --what "Centre de contact citoyen : demande n° 45120, sans réponse." >/dev/null 2>&1
  cf evidence add "$ref" --channel access_point --at "$(d '-25 days') 10:15" --what "Point d'accueil numérique de la préfecture : « il faut attendre »." >/dev/null 2>&1
  cf evidence add "$ref" --channel anef --at "$(d '-12 days') 08:45" --category no_attestation \
    --what "Toujours aucune attestation ; capture de l'espace personnel." --file "$work/capture.pdf" >/dev/null 2>&1
  cf evidence add "$ref" --channel email --date "$(d '-6 days')" --kind urgency --urgency employer \
    --what "L'employeur annonce la suspension du contrat faute de document valable." >/dev/null 2>&1

  "$work/casefile" --vault "$v" >/dev/null 2>&1 & app=$!
  sleep 4
  xdotool type --delay 15 "$pass"; xdotool key Return
  sleep 12                       # unlock (scrypt) on a busy machine
  click 462 481                  # "Later" to who is writing on this laptop
  sleep 1
  click 475 406                  # "No" to the backup reminder
  sleep 1
  click 300 153                  # the case
  sleep 3
  click "$evidence_tab" 83       # Evidence
  sleep 2
  xdotool mousemove 500 400
  for _ in 1 2 3 4 5 6 7 8; do xdotool click 5; sleep 0.1; done
  shot "readiness-$lang" 1.5
  click "$letters_tab" 83        # Letters
  sleep 2
  click 300 166                  # the template list
  sleep 1
  click 200 474                  # the formal notice
  sleep 2
  xdotool mousemove 500 500
  for _ in 1 2 3 4 5 6; do xdotool click 5; sleep 0.1; done  # down to the attempts
  shot "letter-notice-$lang" 1.5
  click 70 206                   # Sender…
  shot "letter-sender-$lang" 2
  kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app=
done

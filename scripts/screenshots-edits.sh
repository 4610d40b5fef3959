#!/usr/bin/env bash
# Retakes the screenshots of "nothing typed is lost" (docs/edits.md) from the
# real app under Xvfb, in French: the set-up's name step, the one-time
# question on an older vault, Cancel asking, the auto-lock countdown, the
# lock screen saying a draft was kept, the draft restored after unlock, the
# History tab in words, the name-only conflict warning. Auto-lock is set to
# one minute through the app's preferences file (the settings offer 5 at
# least), so the script takes about four minutes. Its pauses suit an idle
# machine: on a loaded one a click can land before a screen is drawn, so
# look at every picture before committing it.
# Needs: Xvfb, xdotool, imagemagick. DISPLAY number: $SHOTS_DISPLAY (46).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${SHOTS_OUT:-docs/screenshots}
mkdir -p "$out"
work=$(mktemp -d)
pass="correct horse battery staple"
go build -tags migrated_fynedo -o "$work/casefile" .
export HOME="$work/home" CASEFILE_PASSPHRASE="$pass" LANG=fr_FR.UTF-8
mkdir -p "$HOME"
display=":${SHOTS_DISPLAY:-46}"
Xvfb "$display" -screen 0 1100x760x24 >/dev/null 2>&1 & xvfb=$!
app=""
trap 'kill $xvfb 2>/dev/null; [ -n "$app" ] && kill $app 2>/dev/null; rm -rf "$work"' EXIT
export DISPLAY=$display
sleep 1

win() { xdotool search --name Casefile | head -1; }
shot() { sleep "${2:-1.5}"; import -window "$(win)" "$out/$1.png"; }
start() { "$work/casefile" --vault "$1" >/dev/null 2>&1 & app=$!; sleep 6; }
stop() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app=""; sleep 1; }
key() { xdotool key --delay 80 "$@"; }
typ() { xdotool type --delay 15 "$1"; }
click() { xdotool mousemove "$1" "$2" click 1; sleep 0.3; }
unlock() { typ "$pass"; key Return; sleep "${1:-12}"; } # the passphrase field has the focus
no_backup() { click 475 406; sleep 1; } # "Non" to the backup reminder

# The set-up wizard's last step: who is writing.
start "$work/new"
click 600 278; typ "$pass"; click 600 317; typ "$pass"; key Return
sleep 10
click 217 467; sleep 0.5; click 778 506 # recovery key saved; Continue
sleep 1.5
typ "Me Anne Roux"; key Tab; typ "Permanence juridique de Lyon"
shot setup-name-fr 0.5
stop

# A demo vault made by the command line: no author chosen yet.
"$work/casefile" --vault "$work/demo" init >/dev/null 2>&1
"$work/casefile" --vault "$work/demo" demo --cases 300 --seed 7 >/dev/null
prefs="$HOME/.config/fyne/org.casefile.desktop"
mkdir -p "$prefs"
echo '{"autolock_minutes":1}' >"$prefs/preferences.json"
start "$work/demo"
unlock
typ "Me Anne Roux"; key Tab; typ "Permanence juridique de Lyon"
shot author-ask-fr 2
click 560 481 # Enregistrer
sleep 1
no_backup
click 300 153 # the newest case
sleep 2
xdotool mousemove 500 250; xdotool click 5 click 5 click 5 # the wheel over a field scrolls the form
sleep 1
click 500 563; key ctrl+a; typ "06 11 22 33 44" # the phone
click 880 33 # Annuler
shot cancel-ask-fr 1
click 380 387 # Continuer la saisie
sleep 34
shot autolock-countdown-fr 0
sleep 30
shot autolock-locked-fr 0.5
unlock
no_backup
click 512 396 # OK to "restored"
xdotool mousemove 500 250; xdotool click 5 click 5 click 5 click 5
shot autolock-draft-fr 1
click 968 33 # Enregistrer
sleep 2
stop

# The History tab in words, after an event, an evidence entry and an edit
# of the newest case (its reference's device code is drawn at random).
ref=$("$work/casefile" --vault "$work/demo" case list | awk 'NR==2{print $1}')
"$work/casefile" --vault "$work/demo" event add "$ref" --kind decision_notified --date 2026-12-03 \
  --decision removal-order --situation free --decided 2026-12-02 --court "TA de Lyon" >/dev/null 2>&1
"$work/casefile" --vault "$work/demo" evidence add "$ref" --at "2026-12-05 09:30" --channel appointment_site \
  --category no_appointment --what "Aucun créneau sur le site de la préfecture" >/dev/null 2>&1
"$work/casefile" --vault "$work/demo" case set "$ref" prefecture="Rhône (Lyon)" >/dev/null 2>&1
start "$work/demo"
unlock
no_backup
click 300 153
sleep 2
click 689 83 # Historique
shot history-readable-fr 2

# The conflict check on the same names alone.
click 880 33
sleep 1
key ctrl+n
sleep 2
typ "Adam"; key Tab; typ "Fatima"
shot conflict-name-fr 1.5
stop

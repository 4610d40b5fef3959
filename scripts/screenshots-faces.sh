#!/usr/bin/env bash
# Retakes the screenshots of "everything from the window" (docs/faces.md)
# from the real app under Xvfb, in French and English: the spreadsheet
# import (Excel's Unicode text: mapping, then the summary), the export's
# warning, restoring a backup from the unlock screen, About, the keyboard
# shortcuts, the language chosen in the app, the File menu, and a file
# dialog opening in Documents. The data are the demo clinic's and a
# fictional sheet. Its pauses suit an idle machine: on a loaded one a click
# can land before a screen is drawn, so look at every picture before
# committing it.
# Needs: Xvfb, xdotool, imagemagick. DISPLAY number: $SHOTS_DISPLAY (49).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath "${SHOTS_OUT:-docs/screenshots}")
mkdir -p "$out"
work=$(mktemp -d)
pass="correct horse battery staple"
# Built before HOME moves: Go's caches live under the real one.
go build -tags migrated_fynedo -ldflags "$(scripts/ldflags.sh)" -o "$work/casefile" .
export HOME="$work/home" CASEFILE_PASSPHRASE="$pass"
client="$HOME/Documents/Dossier KOUYATÉ Aminata"
mkdir -p "$client"
display=":${SHOTS_DISPLAY:-49}"
Xvfb "$display" -screen 0 1100x760x24 >/dev/null 2>&1 & xvfb=$!
app=""
trap 'kill $xvfb 2>/dev/null; [ -n "$app" ] && kill $app 2>/dev/null; rm -rf "$work"' EXIT
export DISPLAY=$display
sleep 1

win() { xdotool search --name Casefile | head -1; }
shot() { sleep "${2:-1}"; import -window "$(win)" "$out/$1.png"; }
start() { LANG=$1 "$work/casefile" --vault "$HOME/vault" >/dev/null 2>&1 & app=$!; sleep 6; }
stop() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app=""; sleep 1; }
key() { xdotool key --delay 80 "$@"; }
typ() { xdotool type --delay 15 "$1"; }
click() { xdotool mousemove "$1" "$2" click 1; sleep 0.4; }
dclick() { click "$1" "$2"; sleep 0.5; click "$1" "$2"; sleep 0.6; } # a folder in a file dialog
unlock() { typ "$pass"; key Return; sleep 12; }
menu() { click "$1" 14; sleep 0.4; click "$2" "$3"; } # a main menu, then its item

LANG=fr_FR.UTF-8 "$work/casefile" --vault "$HOME/vault" init >/dev/null 2>&1
LANG=fr_FR.UTF-8 "$work/casefile" --vault "$HOME/vault" demo --cases 60 --seed 7 >/dev/null
LANG=fr_FR.UTF-8 "$work/casefile" --vault "$HOME/vault" backup --out "$client/coffre-2026-12-01.backup" >/dev/null 2>&1
# A clinic's follow-up sheet saved by Excel as "Texte Unicode": UTF-16 LE
# with its mark, tabs; line 4 has an impossible date, line 6 no name.
python3 - "$client/suivi-permanence.txt" <<'EOF'
import sys
rows = [["Nom usuel", "Prénom(s)", "Né(e) le", "Nationalité", "Démarche", "Tél.", "Remarque"],
        ["DIALLO", "Awa", "03/04/1991", "Guinéenne", "Renouvellement", "06 12 34 56 78", "RDV 12/01"],
        ["بن علي", "Karim", "17/09/1985", "Tunisienne", "Premier titre", "07 98 76 54 32", ""],
        ["ПЕТРЕНКО", "Олена", "31/02/1988", "Ukrainienne", "Asile", "", ""],
        ["NGUYEN", "Thi Lan", "02/03/1979", "Vietnamienne", "Naturalisation", "06 00 11 22 33", "dossier complet"],
        ["", "Moussa", "12/12/1990", "Malienne", "OQTF", "", ""],
        ["HAILE", "Selam", "05/06/1995", "Érythréenne", "Regroupement familial", "07 11 22 33 44", ""],
        ["KOUASSI", "Yao", "22/08/1982", "Ivoirienne", "Etranger malade", "", ""],
        ["SOKOLOVA", "Irina", "09/10/1977", "Russe", "Visa", "06 55 44 33 22", ""]]
text = "\r\n".join("\t".join(r) for r in rows) + "\r\n"
open(sys.argv[1], "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
EOF

# Locked, in French: the shortcuts, the language, restoring a backup.
start fr_FR.UTF-8
menu 94 138 45; shot shortcuts-fr 0.8; click 511 631
menu 94 140 84; click 380 283; shot language-fr 0.8; click 450 460
click 366 468                            # Restaurer un coffre depuis une sauvegarde…
click 732 349; shot filedialog-documents-fr 1
dclick 406 200; click 406 200; click 870 607 # the client's folder, the backup, Ouvrir
typ "$pass"; shot restore-backup-fr 0.3
key Return; sleep 20; shot restore-done-fr 0
click 447 463                            # Plus tard
rm -rf "$HOME"/vault-*

# Unlocked, in French: the import (the mapping asked, then given), its
# summary, the export's warning, About, the settings' language line.
unlock
click 462 481; sleep 0.5                 # the one-time "who is writing?": later
key ctrl+i; sleep 1
dclick 406 200; click 406 200; click 870 607; sleep 3
shot csv-import-no-name-fr 0
click 798 170; sleep 0.6; click 716 447  # Nom usuel → Nom de famille
shot csv-import-mapping-fr 2
click 594 661; shot csv-import-summary-fr 5
click 512 558
menu 37 100 128; shot csv-export-warning-fr 0.8; click 425 425
menu 94 146 128; shot about-fr 0.8; click 511 581
menu 37 70 45; shot menu-file-fr 0.5; key Escape
key ctrl+comma; shot settings-language-fr 1; click 450 461
stop

# In English.
start en_US.UTF-8
menu 73 138 45; shot shortcuts-en 0.8; click 511 631
menu 73 140 84; shot language-en 0.8; click 466 451
click 366 468
click 732 349; sleep 1; dclick 406 200; click 406 200; click 870 607
typ "$pass"; shot restore-backup-en 0.3
key Return; sleep 20; shot restore-done-en 0
click 447 463
rm -rf "$HOME"/vault-*
unlock
key ctrl+i; sleep 1
dclick 406 200; click 406 200; click 870 607; sleep 3
shot csv-import-mapping-en 0             # remembered from the French run
click 577 661; shot csv-import-summary-en 5
click 512 558
menu 27 100 128; shot csv-export-warning-en 0.8; click 425 425
menu 73 146 128; shot about-en 0.8; click 511 581
key ctrl+comma; sleep 1; click 656 350; shot settings-language-en 0.5
stop
echo "screenshots in $out"

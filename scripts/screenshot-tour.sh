#!/usr/bin/env bash
# Retakes every screen of the app (set-up wizard, unlock, case list and its
# menu, each tab of a case, the event, evidence, malfunction, letters'
# sender, "why this date?" and document dialogs, weekly review, settings,
# passphrase, team and sync, bundles, figures, retention, sources) at
# 1024x700 and 1400x900, in French and English, from a demo clinic of 12
# fictional cases (demo.Fill, fakeclinic), into docs/screenshots/tour/.
#
# The screens are those the French-text test walks (app/frenchwalk_test.go:
# walkEveryScreen); TestScreenshotTour draws each with Fyne's software
# painter (the test driver: the app's own widgets, theme and fonts, no GL
# window, so no Xvfb is needed and no click lands at the wrong place). The
# pictures are then reduced to 256 colours when imagemagick is there.
# Usage: scripts/screenshot-tour.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots/tour}
mkdir -p "$out"
rm -f "$out"/tour-*.png
export TZ=Europe/Paris
CASEFILE_TOUR_DIR="$(cd "$out" && pwd)" CGO_ENABLED=1 \
  go test -tags migrated_fynedo -count=1 -timeout 30m -run '^TestScreenshotTour$' ./app/ 2>&1 |
  grep -v 'Fyne error\|Cause:\|  At:' || true
n=$(ls "$out"/tour-*.png 2>/dev/null | wc -l)
[ "$n" -gt 0 ] || { echo "no screenshot written" >&2; exit 1; }
if command -v convert >/dev/null; then
  for f in "$out"/tour-*.png; do convert "$f" -colors 256 "PNG8:$f"; done
fi
echo "$n screenshots in $out"

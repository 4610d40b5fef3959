#!/usr/bin/env bash
# Opens the weekly review's calendar export in a real calendar client:
# khal (Debian's package; it reads ICS with python-icalendar, as many
# CalDAV tools do). Makes a fictional demo vault, exports the current week
# with `casefile review --format ics`, imports it with `khal import`, then
# lists the week in Europe/Paris and again from a laptop set to UTC: every
# event must be there, all-day rules on their day, hour rules at their time
# converted from Europe/Paris. Then the same file through ical.js, the
# parser of Thunderbird's calendar (and Nextcloud's), when node and npm are
# there (scripts/ics/icaljs-check.mjs).
# Usage: scripts/ics-client-test.sh [casefile]   (default: builds ./casefile)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v khal >/dev/null; then
  as_root=(); [ "$(id -u)" -ne 0 ] && as_root=(sudo)
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends khal >/dev/null
fi
bin=${1:-./casefile}
[ -x "$bin" ] || go build -tags migrated_fynedo -o "$bin" .
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CASEFILE_PASSPHRASE="ics client test" XDG_DATA_HOME=$work/data LANG=C.UTF-8
"$bin" --vault "$work/vault" init >/dev/null
"$bin" --vault "$work/vault" demo --cases 60 --seed 7 >/dev/null
"$bin" --vault "$work/vault" review --format ics --out "$work/week.ics"
mkdir -p "$work/cal"
for tz in Europe/Paris UTC; do
  cat >"$work/config-${tz//\//-}" <<CONF
[calendars]
[[casefile]]
path = $work/cal
type = calendar
[locale]
timeformat = %H:%M
dateformat = %d/%m/%Y
longdateformat = %d/%m/%Y
datetimeformat = %d/%m/%Y %H:%M
longdatetimeformat = %d/%m/%Y %H:%M
default_timezone = $tz
local_timezone = $tz
CONF
done
khal -c "$work/config-Europe-Paris" import --batch "$work/week.ics"
want=$(grep -c '^BEGIN:VEVENT' "$work/week.ics")
got=$(ls "$work/cal" | wc -l)
echo "events in the file: $want, imported by khal: $got"
[ "$want" = "$got" ] || { echo "khal did not import every event" >&2; exit 1; }
monday=$(date -d "$(date +%F) -$(( $(date +%u) - 1 )) days" +%d/%m/%Y)
for tz in Europe/Paris UTC; do
  echo "--- the week in khal, laptop in $tz:"
  khal -c "$work/config-${tz//\//-}" list "$monday" 7d | head -40
done
timed=$(grep -m1 '^DTSTART;TZID=Europe/Paris:' "$work/week.ics" || true)
if [ -n "$timed" ]; then
  v=${timed#*:}                                   # 20261129T151000
  hhmm=${v:9:2}:${v:11:2}
  day=${v:6:2}/${v:4:2}/${v:0:4}
  utc=$(TZ=UTC date -d "TZ=\"Europe/Paris\" ${v:0:4}-${v:4:2}-${v:6:2} $hhmm" +%H:%M)
  khal -c "$work/config-Europe-Paris" list "$day" 1d | grep -q "^$hhmm" || { echo "$hhmm (Paris) missing on $day" >&2; exit 1; }
  khal -c "$work/config-UTC" list "$day" 1d | grep -q "^$utc" || { echo "$utc (UTC) missing on $day" >&2; exit 1; }
  echo "an hour rule due $day at $hhmm in Paris shows at $utc on a UTC laptop: ok"
fi
if command -v node >/dev/null && command -v npm >/dev/null; then
  npm install --silent --prefix "$work/icaljs" ical.js@2.2.1 >/dev/null
  cp scripts/ics/icaljs-check.mjs "$work/icaljs/"
  node "$work/icaljs/icaljs-check.mjs" "$work/week.ics" | tail -4
else
  echo "(node or npm missing: ical.js check skipped)"
fi
echo "ics client test: passed"

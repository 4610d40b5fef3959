#!/bin/bash
# Usage: scripts/sync-hostile-rss.sh BINARY — maximum RSS of `casefile sync` facing a
# 2 GiB sparse segment and a member file linked to /dev/zero (docs/security.md).
# Build the binary with: go build -tags migrated_fynedo -o /tmp/casefile .
set -u
B=$1
export CASEFILE_PASSPHRASE="correct horse battery staple" LANG=C
W=$(mktemp -d); F=$W/folder; mkdir -p $F
$B --vault $W/a init >/dev/null 2>&1; $B --vault $W/b init >/dev/null 2>&1
$B --vault $W/a demo --cases 20 >/dev/null
$B --vault $W/a team create --folder $F --name "Me Claire Fontaine" >/dev/null
$B --vault $W/b team join --folder $F --name "Me Jules Martin" >/dev/null
ids() { $B --vault $1 team list --json | python3 -c 'import json,sys; [print(m["device"], m["fingerprint"].replace(" ","")) for m in json.load(sys.stdin) if m.get("self")==(sys.argv[1]=="self")]' $2; }
read A AFP < <(ids $W/a self); read BID BFP < <(ids $W/b self)
$B --vault $W/a team accept $BID --fingerprint "$BFP" >/dev/null
$B --vault $W/b team accept $A --fingerprint "$AFP" >/dev/null
$B --vault $W/a sync >/dev/null; $B --vault $W/b sync >/dev/null; $B --vault $W/a sync >/dev/null
measure() { # label
  /usr/bin/time -f "%M" -o $W/rss timeout 120 prlimit --as=6000000000 $B --vault $W/b sync >$W/out 2>&1; rc=$?
  printf "%-34s max RSS %6d MB  exit %s  %s\n" "$1" $(( $(tail -1 $W/rss) / 1024 )) $rc "$(grep -o 'Skipped [^:]*: [^.]*' $W/out | head -1 | cut -c1-90)"
}
measure "nothing planted"
truncate -s 2G $F/casefile-v1/log/$A/00000099.age
measure "2 GiB sparse segment"
rm $F/casefile-v1/log/$A/00000099.age
ln -s /dev/zero $F/casefile-v1/members/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.json
measure "member file linked to /dev/zero"
rm -rf $W

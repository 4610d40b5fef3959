#!/usr/bin/env bash
# Tests the Windows installer under Wine, the way a clinic's IT would use
# it, and screenshots it (docs/screenshots/windows-installer-*.png):
#   1. silent install with the defaults (msiexec /i /qn): casefile.exe,
#      Start-menu shortcut, the .age association, an entry in "Programs"
#      (Wine 8 ignores MSIINSTALLPERUSER and installs the default per
#      machine; the package's per-user properties are checked in its tables);
#   2. the installed program makes the default vault (%APPDATA%\Casefile)
#      and starts from the Start-menu shortcut, in English then French;
#   3. a bundle from a colleague, opened as Explorer would (`start FILE`),
#      starts Casefile on its import preview once unlocked;
#   4. silent uninstall (msiexec /x /qn): program, shortcut and registry
#      entries are gone, the vault is still there and still opens;
#   5. the same install and uninstall per machine (ALLUSERS=1).
# Run by hand (about 5 minutes with the exe built; Wine is too slow and too
# heavy for every CI run). Installs Wine, Xvfb, xdotool, imagemagick, wixl.
# Usage: scripts/installer-test.sh [casefile.exe]   (default: builds it)
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=(wine wine64 xvfb xauth xdotool imagemagick locales wixl msitools)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
scripts/deps-windows.sh
if ! locale -a 2>/dev/null | grep -qi '^fr_FR.utf8$'; then
  sed -i 's/^# *fr_FR.UTF-8 UTF-8/fr_FR.UTF-8 UTF-8/' /etc/locale.gen
  locale-gen >/dev/null
fi

exe=${1:-}
work=$(mktemp -d)
xvfb=
trap '[ -n "$xvfb" ] && kill $xvfb 2>/dev/null; wineserver -k 2>/dev/null || true; rm -rf "$work"' EXIT
if [ -z "$exe" ]; then
  exe=$work/casefile.exe
  scripts/build-windows.sh "$exe"
fi
msi=$work/casefile.msi
scripts/build-msi.sh "$exe" "$msi" >/dev/null
echo "installer: $(du -h "$msi" | cut -f1) ($(basename "$msi"))"

export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LANG=en_US.UTF-8
wineboot --init >/dev/null 2>&1
# The ProcessPrng shim of wine-test.sh (scripts/wine/processprng.c): Go
# programs need it on Debian 12's Wine 8. Test scaffolding, never shipped.
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/processprng.c

display=${XVFB_DISPLAY:-:91}
Xvfb "$display" -screen 0 1100x760x24 >/dev/null 2>&1 & xvfb=$!
export DISPLAY=$display
sleep 1
mkdir -p docs/screenshots

c=$WINEPREFIX/drive_c
user=$(wine cmd /c 'echo %USERNAME%' 2>/dev/null | tr -d '\r')
appdata=$c/users/$user/AppData/Roaming
vault=$appdata/Casefile
fail() { echo "installer test: FAILED: $*" >&2; exit 1; }
# winpath PATH: the Windows form of a path inside the prefix.
winpath() { winepath -w "$1" 2>/dev/null | tr -d '\r'; }
# regq KEY [VALUE]: a registry value as wine reg prints it ("" if absent).
regq() { wine reg query "$@" 2>/dev/null | tr -d '\r' || true; }
# window: waits up to 60 s for a window named Casefile, prints its id.
window() {
  local w i
  for i in $(seq 1 600); do
    w=$(xdotool search --name '^Casefile' 2>/dev/null | sed -n 1p) && [ -n "$w" ] && { echo "$w"; return; }
    sleep 0.1
  done
  fail "no Casefile window after 60 s"
}
# shot NAME [WINDOW [DELAY]]: screenshots WINDOW (default: the whole screen).
shot() { sleep "${3:-3}"; import -window "${2:-root}" "docs/screenshots/windows-installer-$1.png"; echo "screenshot: windows-installer-$1.png"; }
stop_app() { wineserver -k 2>/dev/null || true; sleep 1; }

# 1. Silent install with the defaults.
props=$(msiinfo export "$msi" Property | tr -d '\r')
grep -qx $'ALLUSERS\t2' <<<"$props" && grep -qx $'MSIINSTALLPERUSER\t1' <<<"$props" || fail "not per-user by default"
wine msiexec /i "$(winpath "$msi")" /qn
installed=$(find "$c" -iname casefile.exe -not -path "$c/windows/*" 2>/dev/null | sed -n 1p)
[ -n "$installed" ] || fail "casefile.exe not installed"
echo "installed: $(winpath "$installed")"
lnk=$(find "$c" -iname 'Casefile.lnk' 2>/dev/null | sed -n 1p)
[ -n "$lnk" ] || fail "no Start-menu shortcut"
echo "start menu: $(winpath "$lnk")"
regq 'HKCR\.age' | grep -q Casefile.Bundle || fail ".age not associated"
regq 'HKCR\Casefile.Bundle\shell\open\command' | grep -qi 'casefile.exe" "%1"' || fail "no open command"
echo "association: .age -> Casefile.Bundle -> $(regq 'HKCR\Casefile.Bundle\shell\open\command' | sed -n 's/.*REG_SZ *//p')"
wine uninstaller --list 2>/dev/null | tr -d '\r' | grep -i casefile || fail "not in the installed programs"

# 2. The installed program: a vault in the default place, then the app from
# the shortcut, in English and French.
export CASEFILE_PASSPHRASE="installer test passphrase"
wine "$installed" init >/dev/null 2>&1 || fail "init"
wine "$installed" demo --cases 20 --seed 5 >/dev/null 2>&1 || fail "demo"
[ -f "$vault/key.pass.age" ] || fail "no vault in $vault"
echo "vault: $(winpath "$vault")"
wine "$installed" version 2>/dev/null | tr -d '\r'
for lang in en fr; do
  stop_app
  [ $lang = fr ] && export LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8
  wine start "$(winpath "$lnk")" >/dev/null 2>&1
  win=$(window)
  shot "start-menu-$lang" "$win"
done
stop_app
unset LC_ALL; export LANG=en_US.UTF-8

# 3. A bundle from a colleague, double-clicked: `start FILE` follows the
# association, as Explorer does.
colleague='C:\users\Public\colleague-vault'
bundle='C:\users\Public\from-colleague.casefile.age'
wine "$installed" --vault "$colleague" init >/dev/null 2>&1
wine "$installed" --vault "$colleague" demo --cases 3 --seed 9 >/dev/null 2>&1
ref=$(wine "$installed" --vault "$colleague" case list 2>/dev/null | tr -d '\r' | grep -oE '[0-9]{4}-[A-Z0-9]+-[0-9]+' | sed -n 1p)
recipient=$(wine "$installed" key show 2>/dev/null | tr -d '\r' | sed -n 1p)
wine "$installed" --vault "$colleague" export --case "$ref" --to "$recipient" --out "$bundle" >/dev/null 2>&1 || fail "export"
for lang in en fr; do
  stop_app
  [ $lang = fr ] && export LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8
  wine start "$bundle" >/dev/null 2>&1
  win=$(window)
  sleep 3
  xdotool type --delay 20 "$CASEFILE_PASSPHRASE"; xdotool key Return
  shot "open-bundle-$lang" "$win" 6
done
stop_app
unset LC_ALL; export LANG=en_US.UTF-8
wine control appwiz.cpl >/dev/null 2>&1 &
shot programs root 6
convert docs/screenshots/windows-installer-programs.png -crop 505x420+0+0 +repage docs/screenshots/windows-installer-programs.png
stop_app

# 4. Silent uninstall: everything it installed goes, the vault stays.
wine msiexec /x "$(winpath "$msi")" /qn
[ ! -e "$installed" ] || fail "casefile.exe still there"
[ ! -e "$lnk" ] || fail "shortcut still there"
regq 'HKCR\Casefile.Bundle' | grep -q REG_SZ && fail "ProgId still registered"
regq 'HKCR\.age' | grep -q Casefile && fail ".age still associated"
wine uninstaller --list 2>/dev/null | tr -d '\r' | grep -qi casefile && fail "still in the installed programs"
[ -f "$vault/key.pass.age" ] || fail "the vault was removed"
echo "uninstalled; vault still there: $(ls "$vault" | tr '\n' ' ')"
# The vault still opens, with the exe kept outside the prefix.
wine "$exe" check 2>&1 | tr -d '\r' | grep -q "consistent" || fail "the vault does not open after uninstall"
wine "$exe" check 2>/dev/null | tr -d '\r' | sed -n 1p

# 5. Per machine (what IT deploys): C:\Program Files, HKLM, same clean removal.
wine msiexec /i "$(winpath "$msi")" ALLUSERS=1 /qn
[ -f "$c/Program Files/Casefile/casefile.exe" ] || fail "per-machine: not in Program Files"
regq 'HKLM\Software\Classes\.age' | grep -q Casefile.Bundle || fail "per-machine: .age not associated"
echo "per-machine install: C:\\Program Files\\Casefile\\casefile.exe"
wine msiexec /x "$(winpath "$msi")" ALLUSERS=1 /qn
[ ! -e "$c/Program Files/Casefile/casefile.exe" ] || fail "per-machine: casefile.exe still there"
[ -f "$vault/key.pass.age" ] || fail "per-machine uninstall removed the vault"
echo "per-machine uninstalled; vault still there"
echo "installer test: passed"

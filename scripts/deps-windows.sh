#!/usr/bin/env bash
# Installs the mingw-w64 C cross-compiler (and its windres) that the Windows
# build of Casefile needs on Debian 12. Runs apt only when it is missing.
set -euo pipefail
dpkg-query -W -f='${Status}' gcc-mingw-w64-x86-64 2>/dev/null | grep -q "install ok installed" && exit 0
as_root=()
[ "$(id -u)" -ne 0 ] && as_root=(sudo)
echo "casefile: installing gcc-mingw-w64-x86-64" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends gcc-mingw-w64-x86-64

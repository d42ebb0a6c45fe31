#!/usr/bin/env bash
# Installs the Debian packages in apt-packages.txt that are missing, and
# enables deb-src (without naming any host) so source packages can be fetched.
source "$(dirname "$0")/common.sh"

enable_deb_src() {
  local sources=/etc/apt/sources.list.d/debian.sources
  local src_list=/etc/apt/sources.list.d/debian-src.sources
  if [ -f "$sources" ] && [ ! -f "$src_list" ] && ! grep -q '^Types:.*deb-src' "$sources"; then
    log "enabling deb-src"
    sed 's/^Types: deb$/Types: deb-src/' "$sources" | as_root tee "$src_list" >/dev/null
    return 0
  fi
  if [ ! -f "$sources" ] && [ -f /etc/apt/sources.list ] && ! grep -q '^deb-src' /etc/apt/sources.list; then
    log "enabling deb-src (sources.list)"
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list | as_root tee /etc/apt/sources.list.d/llmos-src.list >/dev/null
    return 0
  fi
  return 1
}

missing=()
while read -r package; do
  case "$package" in '' | '#'*) continue ;; esac
  if [[ $package == *:* ]]; then
    command -v "${package#*:}" >/dev/null 2>&1 && continue
    package=${package%%:*}
  fi
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done <"$THIRD_PARTY_DIR/apt-packages.txt"

need_update=0
enable_deb_src && need_update=1
# apt-get source needs the Sources lists; fetch them once.
if ! ls /var/lib/apt/lists/*Sources* >/dev/null 2>&1; then need_update=1; fi
if [ ${#missing[@]} -gt 0 ]; then need_update=1; fi

if [ $need_update -eq 1 ]; then
  log "apt-get update"
  as_root apt-get update -q
fi
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "system packages present"
fi

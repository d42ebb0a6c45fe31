#!/usr/bin/env bash
# Fetches the Debian source packages in debian-sources.txt with
# `apt-get source --download-only`, checks every file against the committed
# sha256, and unpacks each (Debian patches applied) into $LLMOS_CACHE/src.
source "$(dirname "$0")/common.sh"

downloads="$LLMOS_CACHE/downloads"
mkdir -p "$downloads" "$LLMOS_CACHE/src"

for package in $(awk '!/^#/ && NF {print $1}' "$THIRD_PARTY_DIR/debian-sources.txt" | sort -u); do
  version=$(awk -v p="$package" '$1 == p {print $2; exit}' "$THIRD_PARTY_DIR/debian-sources.txt")
  upstream=${version%-*}
  target="$LLMOS_CACHE/src/$package-$upstream"
  if [ -f "$target/.llmos-verified" ]; then continue; fi

  log "fetching source package $package $version"
  (cd "$downloads" && apt-get source --download-only -q "$package=$version" >/dev/null 2>&1) ||
    (cd "$downloads" && apt-get source --download-only "$package=$version")
  while read -r name pinned file sum; do
    [ "$name" = "$package" ] || continue
    actual=$(sha256sum "$downloads/$file" | cut -d' ' -f1)
    if [ "$actual" != "$sum" ]; then
      log "checksum mismatch for $file: expected $sum, got $actual"
      exit 1
    fi
  done < <(grep -v '^#' "$THIRD_PARTY_DIR/debian-sources.txt")

  rm -rf "$target"
  (cd "$downloads" && dpkg-source --no-check -x "${package}_${version}.dsc" "$target" >/dev/null)
  touch "$target/.llmos-verified"
  log "unpacked $package into $target"
done

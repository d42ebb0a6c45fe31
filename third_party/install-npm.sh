#!/usr/bin/env bash
# `npm ci` from the committed package-lock.json, skipped when node_modules
# already matches the lock.
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT"
stamp=node_modules/.llmos-lock-sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  log "npm packages present"
  exit 0
fi
log "npm ci"
npm ci --no-audit --no-fund --loglevel=error
echo "$want" >"$stamp"

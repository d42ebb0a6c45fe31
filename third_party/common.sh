# Shared helpers for the third_party scripts (sourced, not run).
set -euo pipefail
LLMOS_CACHE=${LLMOS_CACHE:-$HOME/.cache/llmos}
export LLMOS_CACHE
export NODE_PATH=/usr/share/nodejs:/usr/lib/nodejs  # emcc fails to start without it
THIRD_PARTY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(dirname "$THIRD_PARTY_DIR")

log() { printf '[setup] %s\n' "$*" >&2; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Short content key of the given files (+ extra strings), for cache dirs.
content_key() {
  { for item in "$@"; do if [ -f "$item" ]; then sha256sum "$item" | cut -d' ' -f1; else echo "$item"; fi; done; } |
    sha256sum | cut -c1-16
}

# A package's lines of debian-sources.txt (version, files, checksums): the part
# of a cache key that says which sources were built, so adding another package
# does not rebuild this one.
package_sources() { awk -v p="$1" '$1 == p' "$THIRD_PARTY_DIR/debian-sources.txt"; }

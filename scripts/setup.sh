# Sourced by up.sh and test.sh: Node 24 + pnpm, dependencies, Prisma clients, Kafka, migrations.
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/voxbridge}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"

log "installing dependencies"
pnpm install --frozen-lockfile --prefer-offline --reporter=silent >&2

# Prisma 7 generates with its WASM toolchain; only migrate/introspect need the native schema engine,
# which this machine cannot download, so any file satisfies the CLI's check (docs/migrations.md).
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$ROOT/scripts/setup.sh}"
log "generating Prisma clients"
pnpm --silent generate >/dev/null

if [ -z "${KAFKA_EXTERNAL:-}" ]; then
  KAFKA_PORT="${KAFKA_BROKERS##*:}" "$ROOT/infra/kafka/kafka.sh" start
fi

log "applying migrations"
pnpm --silent migrate >&2

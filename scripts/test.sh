#!/usr/bin/env bash
# Installs what is needed and runs the whole suite: lint, typecheck, then unit, integration and
# end-to-end tests against real Postgres, Redis and Kafka. Extra arguments go to Jest.
#
# Servers: the machine's Postgres and Redis and the project's own Kafka (started here). With no
# server URLs in the environment and a Docker engine answering, the tests start their own with
# testcontainers instead (tests/support/containers.ts).
if [ -z "${DATABASE_URL:-}${REDIS_URL:-}${KAFKA_BROKERS:-}" ] && docker info >/dev/null 2>&1; then
  export VOXBRIDGE_TESTCONTAINERS=1
fi
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/voxbridge_test}"
# Each run starts from an empty test database and the committed migrations (tests/support/fresh-database.ts).
export VOXBRIDGE_FRESH_TEST_DATABASE="${VOXBRIDGE_FRESH_TEST_DATABASE:-1}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
[ -n "${VOXBRIDGE_TESTCONTAINERS:-}" ] || start_kafka
start_s3proxy

log "lint and format check (biome)"
pnpm --silent lint
log "typecheck"
pnpm --silent -r typecheck >/dev/null

mkdir -p "$ROOT/.run"
log "tests"
status=0
pnpm exec jest --ci --json --outputFile="$ROOT/.run/jest-results.json" "$@" || status=$?
# The plain closing line CI reads: Jest's own summary is not one it knows.
node -e 'const r = require(process.argv[1]); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$ROOT/.run/jest-results.json" || true
exit "$status"

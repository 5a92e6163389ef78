#!/usr/bin/env bash
# Brings the whole system up locally: Node 24, dependencies, the local speech engines, Kafka (KRaft),
# S3Proxy (recordings), migrations, the five services in the background (logs in .run/logs), then prints a ready line and a demo API key.
# Stop everything with scripts/down.sh.
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/voxbridge}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
start_kafka
start_s3proxy
apply_migrations

RUN_DIR="$ROOT/.run"
mkdir -p "$RUN_DIR/logs"
"$ROOT/scripts/down.sh" --services-only

export NODE_ENV="${NODE_ENV:-development}"
export WEBHOOK_ALLOW_PRIVATE_NETWORKS="${WEBHOOK_ALLOW_PRIVATE_NETWORKS:-true}"
# No load balancer in front of a local run: stop at once rather than drain (docs/deployment.md).
export SHUTDOWN_DRAIN_SECONDS="${SHUTDOWN_DRAIN_SECONDS:-0}"
export GATEWAY_PORT="${GATEWAY_PORT:-8080}" QUOTA_PORT="${QUOTA_PORT:-8081}" DIALER_PORT="${DIALER_PORT:-8082}" WEBHOOKS_PORT="${WEBHOOKS_PORT:-8083}" VOICE_PORT="${VOICE_PORT:-8084}"
export QUOTA_URL="${QUOTA_URL:-http://127.0.0.1:$QUOTA_PORT}"
export WEBHOOKS_URL="${WEBHOOKS_URL:-http://127.0.0.1:$WEBHOOKS_PORT}"
# The dialer's simulator streams answered calls to the voice service, as Twilio would, so sandbox
# calls talk; VOICE_MEDIA_URL= (empty) keeps its timers instead (load benchmarks).
export VOICE_MEDIA_URL="${VOICE_MEDIA_URL-ws://127.0.0.1:$VOICE_PORT/media}"

declare -A PORTS=([quota]=$QUOTA_PORT [gateway]=$GATEWAY_PORT [dialer]=$DIALER_PORT [webhooks]=$WEBHOOKS_PORT [voice]=$VOICE_PORT)
for service in quota gateway dialer webhooks voice; do
  (cd "$ROOT/services/$service" && exec setsid node --max-semi-space-size=4 dist/main.js) >"$RUN_DIR/logs/$service.log" 2>&1 &
  echo $! >"$RUN_DIR/$service.pid"
done

for service in quota gateway dialer webhooks voice; do
  url="http://127.0.0.1:${PORTS[$service]}/readyz"
  for i in $(seq 1 120); do
    if curl -fsS "$url" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$(cat "$RUN_DIR/$service.pid")" 2>/dev/null; then
      log "$service exited during startup; last log lines:"; tail -n 20 "$RUN_DIR/logs/$service.log" >&2; exit 1
    fi
    [ "$i" = 120 ] && { log "$service not ready after 60 s (see $RUN_DIR/logs/$service.log)"; exit 1; }
    sleep 0.5
  done
done

demo="$(pnpm --silent admin org:create --name "Demo $(date -u +%Y-%m-%dT%H:%M:%SZ)" --minutes 1000)"
api_key="$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).api_key)' "$demo")"
# The demo org (key and webhook secret) for the README's "Try it", readable only by this user.
(umask 077 && printf '%s\n' "$demo" >"$RUN_DIR/demo.json")
echo "VoxBridge is up: gateway http://127.0.0.1:$GATEWAY_PORT (quota :$QUOTA_PORT, dialer :$DIALER_PORT, webhooks :$WEBHOOKS_PORT, voice :$VOICE_PORT; metrics on :9080-9084; logs in .run/logs; stop with scripts/down.sh)"
echo "demo API key: $api_key (with the org's webhook secret in .run/demo.json)"
echo "try: curl -s -X POST http://127.0.0.1:$GATEWAY_PORT/v1/calls/outbound -H \"Authorization: Bearer $api_key\" -H 'Content-Type: application/json' -d '{\"to\":\"+15551234567\"}'"

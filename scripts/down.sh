#!/usr/bin/env bash
# Stops the services started by up.sh (SIGTERM, graceful), then Kafka and S3Proxy unless --services-only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for pidfile in "$ROOT"/.run/*.pid; do
  [ -e "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$pidfile"
done
[ "${1:-}" = "--services-only" ] || { "$ROOT/infra/kafka/kafka.sh" stop; "$ROOT/infra/s3proxy/s3proxy.sh" stop; }

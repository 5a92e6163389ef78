#!/usr/bin/env bash
# Apache Kafka (single-node KRaft) for development and CI, from Kafka's own artifacts on Maven Central.
#   infra/kafka/kafka.sh start    idempotent: reuses a broker already answering on KAFKA_PORT
#   infra/kafka/kafka.sh stop     SIGTERM, waits for a clean shutdown
#   infra/kafka/kafka.sh status   exit 0 when a broker answers
# Data and logs: $KAFKA_DIR (default ~/.cache/voxbridge/kafka-<version>): data/, logs/server.log, kafka.pid.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VOXBRIDGE_CACHE="${VOXBRIDGE_CACHE:-$HOME/.cache/voxbridge}"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$HERE/pom.xml")"
KAFKA_DIR="${KAFKA_DIR:-$VOXBRIDGE_CACHE/kafka-$KAFKA_VERSION}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
# A 2-core / 24 GB machine shares the broker with Postgres, Redis and four services.
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}"
LIBS="$VOXBRIDGE_CACHE/kafka-libs-$KAFKA_VERSION"
PIDFILE="$KAFKA_DIR/kafka.pid"

log() { printf '[kafka] %s\n' "$*" >&2; }

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; }

fetch() {
  [ -f "$LIBS/.complete" ] && return
  log "resolving Apache Kafka $KAFKA_VERSION from Maven Central"
  mkdir -p "$LIBS"
  mvn -q -B -f "$HERE/pom.xml" dependency:copy-dependencies -DoutputDirectory="$LIBS" -DincludeScope=runtime >&2
  touch "$LIBS/.complete"
}

start() {
  if answers; then
    log "a broker already answers on 127.0.0.1:$KAFKA_PORT; reusing it"
    return
  fi
  fetch
  mkdir -p "$KAFKA_DIR/data" "$KAFKA_DIR/logs"
  local props="$KAFKA_DIR/server.properties"
  sed -e "s|@PORT@|$KAFKA_PORT|g" -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
      -e "s|@DATA_DIR@|$KAFKA_DIR/data|g" "$HERE/server.properties.template" > "$props"
  local java_opts=(-cp "$LIBS/*" "-Dlog4j2.configurationFile=$HERE/log4j2.properties" "-Dkafka.logs.dir=$KAFKA_DIR/logs")
  if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
    local cluster_id
    cluster_id="$(java "${java_opts[@]}" kafka.tools.StorageTool random-uuid)"
    java "${java_opts[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$props" --ignore-formatted >&2
  fi
  # shellcheck disable=SC2086
  nohup java $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    "${java_opts[@]}" kafka.Kafka "$props" > "$KAFKA_DIR/logs/stdout.log" 2>&1 &
  echo $! > "$PIDFILE"
  for _ in $(seq 1 120); do
    if answers; then log "broker up on 127.0.0.1:$KAFKA_PORT (pid $(cat "$PIDFILE"), logs $KAFKA_DIR/logs)"; return; fi
    if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
      log "broker exited during startup; last log lines:"; tail -n 30 "$KAFKA_DIR/logs/stdout.log" >&2; exit 1
    fi
    sleep 0.5
  done
  log "broker did not answer within 60 s"; exit 1
}

stop() {
  [ -f "$PIDFILE" ] || { log "no pidfile; nothing to stop"; return; }
  local pid; pid="$(cat "$PIDFILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { log "still running after 30 s; killing"; kill -KILL "$pid"; }
  fi
  rm -f "$PIDFILE"; log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac

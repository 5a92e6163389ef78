#!/usr/bin/env bash
# Apache Kafka (single-node KRaft) for development and CI, from Kafka's own artifacts on Maven Central.
#   infra/kafka/kafka.sh start    idempotent: reuses a broker already answering on KAFKA_PORT
#   infra/kafka/kafka.sh start-secure   like start, but the listener requires SASL over TLS
#                                  (SCRAM-SHA-256/512 and PLAIN on SASL_SSL), as managed clusters do
#   infra/kafka/kafka.sh stop     SIGTERM, waits for a clean shutdown
#   infra/kafka/kafka.sh status   exit 0 when a broker answers
# Data and logs: $KAFKA_DIR (default ~/.cache/voxbridge/kafka-<version>): data/, logs/server.log, kafka.pid.
# start-secure keeps its own $KAFKA_DIR (default ~/.cache/voxbridge/kafka-<version>-secure) and writes
# there tls/ca.pem (the CA clients trust: KAFKA_TLS_CA_FILE) and client.env (the KAFKA_* variables a
# service needs, user and password included). The client user is $KAFKA_SASL_USERNAME (default
# voxbridge) with $KAFKA_SASL_PASSWORD (default: random, made on first start).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VOXBRIDGE_CACHE="${VOXBRIDGE_CACHE:-$HOME/.cache/voxbridge}"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$HERE/pom.xml")"
SECURE=0; [ "${1:-}" = "start-secure" ] && SECURE=1
if [ "$SECURE" = 1 ]; then KAFKA_DIR="${KAFKA_DIR:-$VOXBRIDGE_CACHE/kafka-$KAFKA_VERSION-secure}"; fi
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

# A CA and a broker certificate for 127.0.0.1/localhost, made once per KAFKA_DIR with openssl.
make_tls() {
  local tls="$KAFKA_DIR/tls"
  [ -f "$tls/broker.pem" ] && return
  mkdir -p "$tls"; chmod 700 "$tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=voxbridge-local-kafka-ca" \
    -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$tls/broker.key" -out "$tls/broker.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n' > "$tls/broker.ext"
  openssl x509 -req -in "$tls/broker.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 3650 \
    -extfile "$tls/broker.ext" -out "$tls/broker.crt" 2>/dev/null
  # Kafka's PEM keystore: the PKCS#8 key, then the certificate chain.
  { openssl pkcs8 -topk8 -nocrypt -in "$tls/broker.key"; cat "$tls/broker.crt" "$tls/ca.pem"; } > "$tls/broker.pem"
  chmod 600 "$tls"/*.key "$tls/broker.pem"
}

# The SASL users' passwords, made once per KAFKA_DIR (or taken from the environment on first start).
secure_credentials() {
  local file="$KAFKA_DIR/credentials"
  if [ ! -f "$file" ]; then
    random() { openssl rand -hex 16; }
    umask 077
    printf 'USERNAME=%s\nPASSWORD=%s\nBROKER_PASSWORD=%s\n' "${KAFKA_SASL_USERNAME:-voxbridge}" \
      "${KAFKA_SASL_PASSWORD:-$(random)}" "$(random)" > "$file"
  fi
  # shellcheck disable=SC1090
  source "$file"
  umask 077
  printf 'KAFKA_BROKERS=127.0.0.1:%s\nKAFKA_TLS_CA_FILE=%s\nKAFKA_SASL_MECHANISM=scram-sha-512\nKAFKA_SASL_USERNAME=%s\nKAFKA_SASL_PASSWORD=%s\n' \
    "$KAFKA_PORT" "$KAFKA_DIR/tls/ca.pem" "$USERNAME" "$PASSWORD" > "$KAFKA_DIR/client.env"
}

# How many times a broker logged its start in this KAFKA_DIR.
starts() {
  local count
  count="$(grep -c "Kafka Server started" "$KAFKA_DIR/logs/server.log" 2>/dev/null)"
  echo "${count:-0}"
}

start() {
  if answers; then
    # A private broker (KAFKA_REUSE=0, the tests' own) on a port something else took must not
    # pass that something off as itself.
    if [ "${KAFKA_REUSE:-1}" = 0 ]; then log "127.0.0.1:$KAFKA_PORT is taken by another process"; exit 3; fi
    log "a broker already answers on 127.0.0.1:$KAFKA_PORT; reusing it"
    return
  fi
  fetch
  mkdir -p "$KAFKA_DIR/data" "$KAFKA_DIR/logs"
  local props="$KAFKA_DIR/server.properties"
  local template="$HERE/server.properties.template"
  local format_extra=()
  local fill=(-e "s|@PORT@|$KAFKA_PORT|g" -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" -e "s|@DATA_DIR@|$KAFKA_DIR/data|g")
  if [ "$SECURE" = 1 ]; then
    make_tls
    secure_credentials
    template="$HERE/server-secure.properties.template"
    fill+=(-e "s|@TLS_DIR@|$KAFKA_DIR/tls|g" -e "s|@USERNAME@|$USERNAME|g" -e "s|@PASSWORD@|$PASSWORD|g" -e "s|@BROKER_PASSWORD@|$BROKER_PASSWORD|g")
    # SCRAM users live in the cluster's metadata: the first format writes them.
    format_extra=(--add-scram "SCRAM-SHA-512=[name=broker,password=$BROKER_PASSWORD]"
      --add-scram "SCRAM-SHA-256=[name=$USERNAME,password=$PASSWORD]"
      --add-scram "SCRAM-SHA-512=[name=$USERNAME,password=$PASSWORD]")
  fi
  (umask 077; sed "${fill[@]}" "$template" > "$props")
  local java_opts=(-cp "$LIBS/*" "-Dlog4j2.configurationFile=$HERE/log4j2.properties" "-Dkafka.logs.dir=$KAFKA_DIR/logs")
  if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
    local cluster_id
    cluster_id="$(java "${java_opts[@]}" kafka.tools.StorageTool random-uuid)"
    java "${java_opts[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$props" --ignore-formatted "${format_extra[@]}" > "$KAFKA_DIR/logs/format.log"
  fi
  local started_before
  started_before="$(starts)"
  # shellcheck disable=SC2086
  nohup java $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    "${java_opts[@]}" kafka.Kafka "$props" > "$KAFKA_DIR/logs/stdout.log" 2>&1 &
  echo $! > "$PIDFILE"
  # Up when this broker says it started, not merely when the port answers: another process that
  # took the port first would answer too, while this broker fails to bind and exits.
  for _ in $(seq 1 120); do
    if answers && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && [ "$(starts)" -gt "$started_before" ]; then
      log "broker up on 127.0.0.1:$KAFKA_PORT (pid $(cat "$PIDFILE"), logs $KAFKA_DIR/logs)"; return
    fi
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
  start|start-secure) start ;;
  stop) stop ;;
  status) answers ;;
  *) echo "usage: $0 start|start-secure|stop|status" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# S3Proxy (a real S3 API on a filesystem backend) for development and CI: the local object store for
# call recordings, from its jar-with-dependencies on Maven Central.
#   infra/s3proxy/s3proxy.sh start    idempotent: reuses a server already answering on S3PROXY_PORT
#   infra/s3proxy/s3proxy.sh stop     SIGTERM
#   infra/s3proxy/s3proxy.sh status   exit 0 when a server answers
# Data and logs: $S3PROXY_DIR (default ~/.cache/voxbridge/s3proxy): data/, s3proxy.log, s3proxy.pid.
# Credentials: S3PROXY_ACCESS_KEY / S3PROXY_SECRET_KEY (local defaults, the same the services default to).
set -euo pipefail
VOXBRIDGE_CACHE="${VOXBRIDGE_CACHE:-$HOME/.cache/voxbridge}"
S3PROXY_VERSION=2.6.0
S3PROXY_DIR="${S3PROXY_DIR:-$VOXBRIDGE_CACHE/s3proxy}"
S3PROXY_PORT="${S3PROXY_PORT:-9000}"
S3PROXY_ACCESS_KEY="${S3PROXY_ACCESS_KEY:-voxbridge-local}"
S3PROXY_SECRET_KEY="${S3PROXY_SECRET_KEY:-voxbridge-local-secret}"
JAR="$VOXBRIDGE_CACHE/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
PIDFILE="$S3PROXY_DIR/s3proxy.pid"

log() { printf '[s3proxy] %s\n' "$*" >&2; }

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$S3PROXY_PORT") 2>/dev/null; }

fetch() {
  [ -f "$JAR" ] && return
  log "resolving org.gaul:s3proxy:$S3PROXY_VERSION (jar-with-dependencies) from Maven Central"
  mkdir -p "$VOXBRIDGE_CACHE"
  mvn -q -B dependency:copy -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
    -DoutputDirectory="$VOXBRIDGE_CACHE" -Dmdep.overWriteIfNewer=true >&2
}

start() {
  if answers; then
    log "a server already answers on 127.0.0.1:$S3PROXY_PORT; reusing it"
    return
  fi
  fetch
  mkdir -p "$S3PROXY_DIR/data"
  local props="$S3PROXY_DIR/s3proxy.properties"
  # aws-v2-or-v4: the AWS SDK signs with v4; the filesystem backend keeps each bucket as a folder.
  cat > "$props" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$S3PROXY_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3PROXY_ACCESS_KEY
s3proxy.credential=$S3PROXY_SECRET_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$S3PROXY_DIR/data
PROPS
  nohup java -Xmx192m -jar "$JAR" --properties "$props" > "$S3PROXY_DIR/s3proxy.log" 2>&1 &
  echo $! > "$PIDFILE"
  for _ in $(seq 1 120); do
    if answers; then log "up on 127.0.0.1:$S3PROXY_PORT (pid $(cat "$PIDFILE"), log $S3PROXY_DIR/s3proxy.log)"; return; fi
    if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
      log "exited during startup; last log lines:"; tail -n 30 "$S3PROXY_DIR/s3proxy.log" >&2; exit 1
    fi
    sleep 0.5
  done
  log "did not answer within 60 s"; exit 1
}

stop() {
  [ -f "$PIDFILE" ] || { log "no pidfile; nothing to stop"; return; }
  local pid; pid="$(cat "$PIDFILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$PIDFILE"; log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac

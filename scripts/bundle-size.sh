#!/usr/bin/env bash
# Prints the size of each service's production bundle, exactly what its image's final stage copies
# (scripts/deploy-service.sh: compiled dist/, migrations, runtime dependencies only), against the
# 80 MB target. Exits 1 when one is over.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
TARGET_MB=80
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
status=0
printf '| %-9s | %8s | %8s | %12s | %6s |\n' service "dist MB" "deps MB" "bundle MB" "target"
printf '| %-9s | %8s | %8s | %12s | %6s |\n' --------- -------- -------- ------------ ------
for service in gateway quota dialer webhooks; do
  "$ROOT/scripts/deploy-service.sh" "$service" "$out/$service"
  total="$(du -sm "$out/$service" | cut -f1)"
  dist="$(du -sm "$out/$service/dist" | cut -f1)"
  deps="$(du -sm "$out/$service/node_modules" | cut -f1)"
  verdict="ok"; [ "$total" -le "$TARGET_MB" ] || { verdict="OVER"; status=1; }
  printf '| %-9s | %8s | %8s | %12s | %6s |\n' "$service" "$dist" "$deps" "$total" "$verdict"
done
exit "$status"

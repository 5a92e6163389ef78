# syntax=docker/dockerfile:1
# One recipe for all five services: they differ in name, port and the Debian packages they run with
# (the voice service's local speech engines: RUNTIME_PACKAGES="flite pocketsphinx pocketsphinx-en-us espeak-ng";
# the dialer's sandbox callee speaks with flite: RUNTIME_PACKAGES=flite).
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=gateway --build-arg PORT=8080 .
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
ARG SERVICE
RUN test -n "$SERVICE" || { echo "build arg SERVICE is required (gateway|quota|dialer|webhooks|voice)" >&2; exit 1; }
# npm rather than corepack: corepack's bundled signing keys can lag behind new pnpm releases.
RUN npm install -g pnpm@10.34.8
WORKDIR /repo
# Lockfile-only layer, so source edits don't re-download every dependency.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
COPY patches ./patches
RUN pnpm fetch
COPY . .
RUN pnpm install --offline --frozen-lockfile
# Generates the Prisma client, compiles the service (dist/main.js and dist/migrate.js inline the
# workspace packages, the generated client and Prisma's query runtime) and installs only the
# runtime dependencies the bundle loads. The same script measures bundles (scripts/bundle-size.sh).
RUN scripts/deploy-service.sh "${SERVICE}" /out

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ARG PORT
ARG RUNTIME_PACKAGES=""
RUN test -n "$SERVICE" && test -n "$PORT" || { echo "build args SERVICE and PORT are required" >&2; exit 1; }
# tini as PID 1: forwards SIGTERM to node and reaps zombies.
RUN apt-get update && apt-get install -y --no-install-recommends tini ${RUNTIME_PACKAGES} && rm -rf /var/lib/apt/lists/*
# The build's version and source revision, for the voxbridge_build_info metric:
#   --build-arg VOXBRIDGE_VERSION=1.4.0 --build-arg VOXBRIDGE_REVISION=$(git rev-parse HEAD)
ARG VOXBRIDGE_VERSION=dev
ARG VOXBRIDGE_REVISION=unknown
# VOXBRIDGE_SERVICE and DEFAULT_PORT exist for the health check below.
ENV NODE_ENV=production \
    VOXBRIDGE_VERSION=${VOXBRIDGE_VERSION} \
    VOXBRIDGE_REVISION=${VOXBRIDGE_REVISION} \
    VOXBRIDGE_SERVICE=${SERVICE} \
    DEFAULT_PORT=${PORT}
WORKDIR /app
# Left owned by root: the service has no reason to rewrite its own code.
COPY --from=build /out ./
USER node
EXPOSE ${PORT}
# Probes the port the service really listens on (<SERVICE>_PORT, e.g. GATEWAY_PORT), falling back to the build default.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const port = process.env[process.env.VOXBRIDGE_SERVICE.toUpperCase() + '_PORT'] || process.env.DEFAULT_PORT; fetch('http://127.0.0.1:' + port + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1));"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# The compiled service; migrations are `node dist/migrate.js`, run once per deploy (compose's
# <service>-migrate, the Kubernetes migration Job), not here. A young generation of 4 MB, not V8's
# default of up to 16 MB per semi-space, keeps resident memory down (docs/deployment.md, "Memory").
CMD ["node", "--max-semi-space-size=4", "dist/main.js"]

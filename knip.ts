import { readFileSync } from "node:fs";
import type { KnipConfig } from "knip";

/*
 * The dead-code check (`pnpm lint`): unused files, exports, types and dependencies in every
 * workspace. A service's bundle inlines the workspace packages it imports (scripts/build.mjs), so
 * the npm packages those load are the service's runtime dependencies although its own source never
 * imports them; knip cannot see that, and the build checks it instead (every package the bundle
 * loads is declared, and every declared one is loaded). Prisma's generated clients (src/generated,
 * not committed, so not read) load @prisma/client's runtime.
 */
const runtimeDependenciesOf = (dir: string): string[] =>
  Object.keys((JSON.parse(readFileSync(`${dir}/package.json`, "utf8")) as { dependencies?: object }).dependencies ?? {});
const bundled = [
  ...runtimeDependenciesOf("packages/kit"),
  ...runtimeDependenciesOf("packages/contracts"),
  ...runtimeDependenciesOf("packages/speech"),
];

const config: KnipConfig = {
  workspaces: {
    "services/*": { ignoreDependencies: [...bundled, "@prisma/client", "@prisma/client-runtime-utils"] },
    // bench:relay forks its Twilio clients and its provider as processes of their own.
    bench: { entry: ["src/**/*.bench.ts", "src/hold-stub-quota.ts", "src/relay/provider.ts", "src/relay/twilio-clients.ts"] },
    "packages/sdk": { entry: ["scripts/*.ts"] },
    tests: { entry: ["deploy/validate-k8s.mts"] },
  },
  // The SDK's types generated from the OpenAPI document are committed whole.
  ignore: ["packages/sdk/src/generated/**"],
  // Servers the tests start from the machine's PATH, and the admin CLI the bench runs.
  ignoreBinaries: ["runuser", "redis-server", "admin"],
};

export default config;

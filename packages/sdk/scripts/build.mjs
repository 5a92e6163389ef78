// `pnpm --filter @voxbridge/sdk build`: the published package. One bundle of the SDK's own code per
// module system (dist/index.mjs for `import`, dist/index.cjs for `require`), its npm dependencies
// left external, and the declarations from tsc (dist/types), re-exported by one entry per system.

import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(PACKAGE, "dist");
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  entryPoints: [path.join(PACKAGE, "src/index.ts")],
  bundle: true,
  packages: "external",
  platform: "neutral",
  target: "es2022",
  sourcemap: true,
  logLevel: "warning",
};
await build({ ...common, format: "esm", outfile: path.join(dist, "index.mjs") });
await build({ ...common, format: "cjs", outfile: path.join(dist, "index.cjs") });

execFileSync("tsc", ["-p", path.join(PACKAGE, "tsconfig.build.json")], { stdio: "inherit", cwd: PACKAGE });
writeFileSync(path.join(dist, "index.d.cts"), 'export * from "./types/index";\n');
writeFileSync(path.join(dist, "index.d.mts"), 'export * from "./types/index.js";\n');
console.log(`built ${path.relative(process.cwd(), dist)}: index.mjs, index.cjs, declarations`);

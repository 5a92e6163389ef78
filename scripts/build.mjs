// `pnpm build`: compiles each service to services/<name>/dist/ with esbuild, one CommonJS file per
// entry point (main.js starts the service, migrate.js applies its migrations).
//
// Why esbuild rather than tsc project references: the workspace packages (@voxbridge/kit,
// @voxbridge/contracts) stay source-only, so there is no per-package build order or declaration
// output to keep in step, and each service's bundle inlines exactly the workspace code it uses.
// Everything from npm stays external and is loaded from node_modules at run time, so a production
// install of a service (`pnpm deploy --prod`) carries only its runtime dependencies. Types are
// checked by `pnpm typecheck` (tsc), which esbuild does not do.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SERVICES = ["gateway", "quota", "dialer", "webhooks", "voice"];

/**
 * Inlined: the workspace packages (@voxbridge/*), and Prisma's query runtime, which the generated
 * client loads from @prisma/client. Installing @prisma/client would pull in its peer, the Prisma CLI
 * (with Studio, React and an embedded Postgres): over 250 MB that never runs in production.
 */
const INLINED = [/^@voxbridge\//, /^@prisma\/client\/runtime\//];

/** Leaves every other npm package to node_modules. */
const npmPackagesExternal = {
  name: "npm-packages-external",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      INLINED.some((pattern) => pattern.test(args.path)) ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Prisma's generated client loads its query compiler from a module that exports the WebAssembly as
 * one base64 string (5 MB for the gateway's compiler). Inlined, that string is part of the bundle's
 * source, which V8 keeps for the life of the process: about 9 MB of resident memory in the gateway.
 * The build writes the WebAssembly beside the bundle instead (dist/<name>.wasm), and the module
 * reads it when the client first needs it; the string made then is garbage once compiled (about
 * 5 MB more).
 */
const prismaWasmBesideBundle = (outdir) => ({
  name: "prisma-wasm-beside-bundle",
  setup(build) {
    build.onLoad({ filter: /[\\/]@prisma[\\/]client[\\/]runtime[\\/][^\\/]+\.wasm-base64\.js$/ }, (args) => {
      const file = path.basename(args.path).replace(/\.wasm-base64\.js$/, ".wasm");
      const { wasm } = createRequire(import.meta.url)(args.path);
      mkdirSync(outdir, { recursive: true });
      writeFileSync(path.join(outdir, file), Buffer.from(wasm, "base64"));
      return {
        // A getter, not a value: the bundle caches a module's exports, and would keep the string.
        contents: `Object.defineProperty(module.exports, "wasm", { enumerable: true, get: () => require("node:fs").readFileSync(require("node:path").join(__dirname, ${JSON.stringify(file)})).toString("base64") });`,
        loader: "js",
      };
    });
  },
});

const packageOf = (specifier) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");
const BUILTINS = new Set(builtinModules);

export async function buildService(service) {
  const dir = path.join(ROOT, "services", service);
  rmSync(path.join(dir, "dist"), { recursive: true, force: true });
  const { metafile } = await build({
    absWorkingDir: dir,
    entryPoints: ["src/main.ts", "src/migrate.ts"],
    outdir: "dist",
    bundle: true,
    platform: "node",
    target: "node24",
    format: "cjs",
    sourcemap: true,
    // With NODE_OPTIONS=--enable-source-maps, stack traces name the TypeScript sources (docs/deployment.md).
    sourcesContent: false,
    plugins: [npmPackagesExternal, prismaWasmBesideBundle(path.join(dir, "dist"))],
    metafile: true,
    logLevel: "warning",
  });
  // Each npm package the bundle loads must be the service's own runtime dependency: a package only
  // the kit declares would be missing from the service's production install.
  const declared = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).dependencies ?? {};
  const loaded = new Set(
    Object.values(metafile.outputs)
      .flatMap((output) => output.imports)
      .filter((i) => i.external && !i.path.startsWith("node:") && !BUILTINS.has(i.path))
      .map((i) => packageOf(i.path)),
  );
  const missing = [...loaded].filter((name) => !(name in declared)).sort();
  if (missing.length > 0) throw new Error(`${service}: the bundle loads ${missing.join(", ")}, not in its dependencies`);
  // And the converse (the dead-dependency check of a bundled service, which knip cannot make: what
  // the kit loads is the service's runtime dependency): a dependency the bundle never loads is dead.
  const unused = Object.keys(declared)
    .filter((name) => !loaded.has(name))
    .sort();
  if (unused.length > 0) throw new Error(`${service}: ${unused.join(", ")} in its dependencies, but the bundle never loads them`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = process.argv.slice(2);
  for (const service of only.length > 0 ? only : SERVICES) await buildService(service);
  console.log(`built ${only.length > 0 ? only.join(", ") : SERVICES.join(", ")} to services/*/dist`);
}

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// The package as npm would publish it: `npm pack` (its prepack builds dist), then the tarball is
// loaded by a consumer of each module system and checked by the TypeScript compiler, with the
// package's own dependencies and nothing else from the workspace.
const SDK = path.resolve(__dirname, "..");
const ROOT = path.resolve(SDK, "../..");
let work: string;
let consumer: string;

const run = (command: string, args: string[], cwd: string) => execFileSync(command, args, { cwd, encoding: "utf8", stdio: "pipe" });

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "voxbridge-sdk-pack-"));
  run("npm", ["pack", "--pack-destination", work], SDK);
  const [tarball] = readdirSync(work).filter((name) => name.endsWith(".tgz"));
  run("tar", ["-xzf", String(tarball)], work);
  // The unpacked package finds its dependencies (openapi-fetch, standardwebhooks) where npm would put them.
  symlinkSync(path.join(SDK, "node_modules"), path.join(work, "package", "node_modules"), "dir");
  consumer = path.join(work, "consumer");
  mkdirSync(path.join(consumer, "node_modules", "@voxbridge"), { recursive: true });
  symlinkSync(path.join(work, "package"), path.join(consumer, "node_modules", "@voxbridge", "sdk"), "dir");
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const EXPORTS = ["VoxBridgeConnectionError", "VoxBridgeError", "WebhookVerificationError", "createVoxBridge", "verifyWebhook"];

describe("the packed @voxbridge/sdk", () => {
  it("holds the two builds, their declarations, the README and the LICENSE, and no sources", () => {
    const files = run("tar", ["-tzf", readdirSync(work).find((name) => name.endsWith(".tgz")) ?? ""], work)
      .trim()
      .split("\n")
      .map((file) => file.replace(/^package\//, ""));
    expect(files).toEqual(
      expect.arrayContaining([
        "LICENSE",
        "README.md",
        "package.json",
        "dist/index.mjs",
        "dist/index.cjs",
        "dist/index.d.mts",
        "dist/index.d.cts",
        "dist/types/index.d.ts",
      ]),
    );
    expect(files.filter((file) => file.startsWith("src/") || file.endsWith(".test.ts"))).toEqual([]);
  });

  it("loads with require and with import, with the same exports", () => {
    const cjs = run("node", ["-e", 'console.log(JSON.stringify(Object.keys(require("@voxbridge/sdk")).sort()))'], consumer);
    const esm = run(
      "node",
      ["--input-type=module", "-e", 'const sdk = await import("@voxbridge/sdk"); console.log(JSON.stringify(Object.keys(sdk).sort()))'],
      consumer,
    );
    expect([JSON.parse(cjs), JSON.parse(esm)]).toEqual([EXPORTS, EXPORTS]);
  });

  it("type-checks for an ES module consumer and a CommonJS one", () => {
    const use = `const client = createVoxBridge({ apiKey: "sk_live_x", baseUrl: "https://voxbridge.cc", timeoutMs: 5_000 });
const pending: Promise<Call> = client.calls.create({ to: "+15551234567" });
void pending;
const failure: unknown = null;
if (failure instanceof VoxBridgeConnectionError) console.log(failure.timedOut);
`;
    writeFileSync(
      path.join(consumer, "esm.mts"),
      `import { type Call, createVoxBridge, VoxBridgeConnectionError } from "@voxbridge/sdk";\n${use}`,
    );
    writeFileSync(
      path.join(consumer, "cjs.cts"),
      `import sdk = require("@voxbridge/sdk");\nimport { type Call } from "@voxbridge/sdk";\nconst { createVoxBridge, VoxBridgeConnectionError } = sdk;\n${use}`,
    );
    writeFileSync(
      path.join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          strict: true,
          noEmit: true,
          types: ["node"],
          typeRoots: [path.join(ROOT, "node_modules", "@types")],
        },
        files: ["esm.mts", "cjs.cts"],
      }),
    );
    expect(run(path.join(ROOT, "node_modules", ".bin", "tsc"), ["-p", consumer], consumer)).toBe("");
  });
});

import { execFileSync } from "node:child_process";
import path from "node:path";

/** The packages a fresh Node process has loaded after requiring one of the kit's entries. */
function packagesLoadedBy(entry: string): string[] {
  const script = `require(${JSON.stringify(entry)});
    const names = Object.keys(require.cache).map((file) => /node_modules\\/(?:\\.pnpm\\/[^/]+\\/node_modules\\/)?((?:@[^/]+\\/)?[^/]+)/.exec(file)?.[1]);
    process.stdout.write(JSON.stringify([...new Set(names.filter(Boolean))]));`;
  const out = execFileSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: path.resolve(__dirname, ".."), encoding: "utf8" });
  return JSON.parse(out) as string[];
}

const FRAMEWORKS = ["express", "kafkajs", "ioredis", "pg", "@prisma/client", "@prisma/adapter-pg", "pino", "prom-client"];

describe("@voxbridge/kit/core", () => {
  it("loads none of the servers, clients and drivers that the whole kit does", () => {
    expect(packagesLoadedBy("./src/core.ts").filter((name) => FRAMEWORKS.includes(name))).toEqual([]);
    // The check itself sees them when they are there.
    expect(packagesLoadedBy("./src/index.ts")).toEqual(expect.arrayContaining(["express", "kafkajs", "ioredis", "pg", "pino"]));
  });
});

/**
 * One create on an idle system, hop by hop (`pnpm --filter @voxbridge/bench bench:hops`). Against the
 * stack from scripts/up.sh, one request at a time, 100 ms apart, round-robin over:
 *
 *   create (undici)   POST /v1/calls/outbound from a keep-alive undici pool: what the service costs
 *   create (fetch)    the same from Node's fetch, the client `pnpm bench` and most partners' code use
 *   quota hold        POST /internal/v1/holds, the hop the gateway makes (quota's statement and script)
 *   Redis             one PING (the gateway's rate limit and quota's script are one round trip each)
 *   Postgres          one INSERT in its own implicit transaction (the gateway's write is one such statement)
 *   bare HTTP         a POST to a bare Node server in another process: the floor of any HTTP hop
 *
 * The gateway's own share is what the create costs beyond its hops. Prints a table; speed is reported,
 * never asserted. Needs DATABASE_URL (the stack's), REDIS_URL, and the development internal token
 * (quota's default outside production).
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { Pool } from "undici";
import { LOCAL_SERVICE_TOKEN } from "../../packages/kit/src/http/service-credential";
import { createLogger } from "../../packages/kit/src/logger";
import { createRedisClient } from "../../packages/kit/src/redis";
import { CREATE_CALL_PATH, createBenchOrg, createOneCall, headers, nextBody } from "./gateway";
import { LatencySamples, msSince, sleep } from "./stats";
import { recordSummary } from "./summary";

const REPO = path.resolve(__dirname, "../..");
const ROUNDS = Number(process.env.BENCH_HOPS_ROUNDS ?? 200);
const GAP_MS = 100;
const GATEWAY_URL = process.env.GATEWAY_URL ?? "http://127.0.0.1:8080";
const QUOTA_URL = process.env.QUOTA_URL ?? "http://127.0.0.1:8081";
const DATABASE_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/voxbridge";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

const log = (message: string) => process.stderr.write(`[bench:hops] ${message}\n`);

/** A bare HTTP server in a child process: answers every request 201 with a small JSON body. */
function startBareServer(): Promise<{ url: string; stop: () => void }> {
  const code = `require("node:http").createServer((q, s) => { q.resume(); q.on("end", () => s.writeHead(201, { "content-type": "application/json" }).end('{"ok":true}')); })
    .listen(0, "127.0.0.1", function () { console.log(this.address().port); });`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout.once("data", (port: Buffer) => resolve({ url: `http://127.0.0.1:${port.toString().trim()}`, stop: () => child.kill() }));
    child.once("error", reject);
  });
}

async function main() {
  const org = createBenchOrg(REPO, `bench-hops-${new Date().toISOString()}`);
  const bare = await startBareServer();
  const gateway = new Pool(GATEWAY_URL, { connections: 1 });
  const quota = new Pool(QUOTA_URL, { connections: 1 });
  const bareHttp = new Pool(bare.url, { connections: 1 });
  const redis = createRedisClient(REDIS_URL, createLogger({ service: "bench-hops", level: "silent" }));
  await redis.connect();
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  await db.query("CREATE TEMP TABLE hop (id uuid PRIMARY KEY, payload jsonb)");

  const expect = async (response: { statusCode: number; body: { text(): Promise<string> } }, status: number) => {
    const text = await response.body.text();
    if (response.statusCode !== status) throw new Error(`answered ${response.statusCode}: ${text.slice(0, 200)}`);
  };
  const json = { "content-type": "application/json" };
  const hops: [string, () => Promise<void>][] = [
    [
      "create (undici)",
      async () =>
        expect(
          await gateway.request({
            method: "POST",
            path: CREATE_CALL_PATH,
            headers: headers(org.apiKey),
            body: nextBody(),
          }),
          201,
        ),
    ],
    [
      "create (fetch)",
      async () => {
        const failure = await createOneCall(GATEWAY_URL, org.apiKey);
        if (failure) throw new Error(`answered ${failure}`);
      },
    ],
    [
      "quota hold",
      async () =>
        expect(
          await quota.request({
            method: "POST",
            path: "/internal/v1/holds",
            headers: { ...json, authorization: `Bearer ${LOCAL_SERVICE_TOKEN}` },
            body: JSON.stringify({ org_id: org.orgId, call_id: randomUUID() }),
          }),
          200,
        ),
    ],
    ["Redis", async () => void (await redis.ping())],
    ["Postgres", async () => void (await db.query("INSERT INTO hop VALUES ($1, $2)", [randomUUID(), nextBody()]))],
    ["bare HTTP", async () => expect(await bareHttp.request({ method: "POST", path: "/", headers: json, body: nextBody() }), 201)],
  ];

  const samples = new Map(hops.map(([name]) => [name, new LatencySamples(ROUNDS)]));
  // Warm-up: connections, JIT, caches.
  for (let i = 0; i < 20; i++) for (const [, run] of hops) await run();
  log(`${ROUNDS} rounds of ${hops.length} requests, ${GAP_MS} ms apart...`);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of hops) {
      await sleep(GAP_MS);
      const begin = process.hrtime.bigint();
      await run();
      samples.get(name)?.record(msSince(begin));
    }
  }

  const summary = new Map([...samples].map(([name, s]) => [name, s.summary()]));
  const p = (name: string, key: "p50" | "p99") => summary.get(name)?.[key] ?? Number.NaN;
  const rows = hops.map(([name]) => [name, p(name, "p50").toFixed(2), p(name, "p99").toFixed(2)]);
  // The create crosses: the client's HTTP hop, the rate limit's Redis round trip, the hold, the insert.
  const own = p("create (undici)", "p50") - p("bare HTTP", "p50") - p("Redis", "p50") - p("quota hold", "p50") - p("Postgres", "p50");
  rows.push(["gateway's own work (create − bare HTTP − Redis − hold − Postgres)", own.toFixed(2), ""]);
  const width = Math.max(...rows.map((row) => row[0]?.length ?? 0));
  const line = (cells: string[]) => `| ${cells[0]?.padEnd(width)} | ${cells[1]?.padStart(8)} | ${cells[2]?.padStart(8)} |`;
  process.stdout.write(
    `\n${[line(["hop (one at a time, 100 ms apart)", "p50 ms", "p99 ms"]), `|${"-".repeat(width + 2)}|---------:|---------:|`, ...rows.map(line)].join("\n")}\n`,
  );

  recordSummary("hops", {
    create_p50_ms: p("create (undici)", "p50"),
    create_p99_ms: p("create (undici)", "p99"),
    bare_http_p50_ms: p("bare HTTP", "p50"),
  });

  await db.end();
  redis.disconnect();
  await Promise.all([gateway.close(), quota.close(), bareHttp.close()]);
  bare.stop();
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

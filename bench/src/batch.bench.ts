/**
 * Batch benchmark: queuing BENCH_BATCH_CALLS (1000) calls as one POST /v1/calls/batch against the
 * same number of single POST /v1/calls/outbound at BENCH_CONNECTIONS (32) concurrent requests, on
 * the running stack, alternating the two BENCH_ROUNDS (3) times after one warm-up round of each.
 * Calls are scheduled a day ahead, so the dialer only stores them. The ratio of the two rates is
 * the figure: the target is batch ≥ 5x single creates. Markdown table on stdout.
 */
import { randomUUID } from "node:crypto";
import { Pool } from "undici";
import { loadConfig } from "./config";
import { assertReachable, createBenchOrg, preflight } from "./gateway";

const log = (message: string): void => void process.stderr.write(`[bench:batch] ${message}\n`);
const TARGET_RATIO = 5;

const intFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

async function main(): Promise<number> {
  const config = loadConfig();
  const calls = Math.min(1000, intFromEnv("BENCH_BATCH_CALLS", 1000));
  const rounds = intFromEnv("BENCH_ROUNDS", 3);
  await assertReachable(config.gatewayUrl);
  const org = createBenchOrg(config.repoRoot, `bench-batch-${Date.now()}`);
  await preflight(config.gatewayUrl, org.apiKey);
  const pool = new Pool(config.gatewayUrl, { connections: config.connections });
  const headers = { authorization: `Bearer ${org.apiKey}`, "content-type": "application/json" };
  const body = () => ({
    to: `+1415${String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0")}`,
    schedule_at: new Date(Date.now() + 86_400_000).toISOString(),
  });

  /** Seconds to queue `calls` calls one request each, `connections` at a time; throws on any non-201. */
  const singles = async () => {
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next++ < calls) {
        const response = await pool.request({
          method: "POST",
          path: "/v1/calls/outbound",
          headers: { ...headers, "idempotency-key": randomUUID() },
          body: JSON.stringify(body()),
        });
        const text = await response.body.text();
        if (response.statusCode !== 201) throw new Error(`single create answered ${response.statusCode}: ${text.slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: config.connections }, worker));
    return (performance.now() - started) / 1000;
  };
  /** Seconds to queue `calls` calls in one batch; throws unless every item is 201. */
  const batch = async () => {
    const started = performance.now();
    const response = await pool.request({
      method: "POST",
      path: "/v1/calls/batch",
      headers: { ...headers, "idempotency-key": randomUUID() },
      body: JSON.stringify({ calls: Array.from({ length: calls }, body) }),
    });
    const answer = JSON.parse(await response.body.text()) as { items?: { status: number }[] };
    const created = answer.items?.filter((item) => item.status === 201).length ?? 0;
    if (response.statusCode !== 200 || created !== calls)
      throw new Error(`batch answered ${response.statusCode} with ${created}/${calls} created`);
    return (performance.now() - started) / 1000;
  };

  log(`warm-up: ${calls} single creates and one batch of ${calls}`);
  await singles();
  await batch();
  const rows: { round: number; single: number; batch: number }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const single = calls / (await singles());
    const batched = calls / (await batch());
    rows.push({ round, single, batch: batched });
    log(`round ${round}: single ${single.toFixed(0)} calls/s, batch ${batched.toFixed(0)} calls/s`);
  }
  await pool.close();

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const single = median(rows.map((row) => row.single));
  const batched = median(rows.map((row) => row.batch));
  console.log(`| round | single creates (calls/s, ${config.connections} conns) | one batch of ${calls} (calls/s) | ratio | target |`);
  console.log("| ---: | ---: | ---: | ---: | ---: |");
  for (const row of rows)
    console.log(
      `| ${row.round} | ${row.single.toFixed(0)} | ${row.batch.toFixed(0)} | ${(row.batch / row.single).toFixed(2)} | ≥ ${TARGET_RATIO} |`,
    );
  console.log(`| median | ${single.toFixed(0)} | ${batched.toFixed(0)} | ${(batched / single).toFixed(2)} | ≥ ${TARGET_RATIO} |`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

/**
 * Webhook delivery benchmark (`pnpm bench:webhooks`, see bench/README.md). Self-contained, loopback only.
 *
 * A no-op receiver runs in its own process (answers 204 to every POST). Against it, in this process:
 * (a) BASELINE: a bare undici Pool.request loop POSTing the same body with the same headers, at the
 *     same concurrency: the floor the service cannot beat.
 * (b) SERVICE: the webhook service's real delivery worker (claims with SKIP LOCKED, signs, sends
 *     through the SSRF-checking connector, records every attempt) draining N pending deliveries
 *     that were inserted beforehand into its real schema (one event per call, like real traffic).
 * Reported: deliveries per second for each and the ratio (target >= 0.8).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { newCallOut } from "@voxbridge/contracts";
import { Pool } from "undici";
import { createLogger } from "../../packages/kit/src/logger";
import { createDeliveryStore } from "../../services/webhooks/src/adapters/delivery-store";
import { createHttpSender } from "../../services/webhooks/src/adapters/http-sender";
import { createWebhooksPool, createWebhooksPrisma } from "../../services/webhooks/src/adapters/prisma";
import { createDeliveryWorker } from "../../services/webhooks/src/app/delivery-worker";
import type { DeliveryStore } from "../../services/webhooks/src/app/ports";
import { loadSecretKeyring } from "../../services/webhooks/src/config";
import { signatureHeader } from "../../services/webhooks/src/domain/signing";
import { migrateWebhooks } from "../../services/webhooks/src/migrate";
import { createOrgSigningSecret } from "../../services/webhooks/src/provisioning";
import { recordSummary } from "./summary";
import { TARGETS } from "./targets";

const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/voxbridge";
const concurrency = Number(process.env.BENCH_CONNECTIONS ?? 32);
/** Attempts in flight in the worker (the service's WEBHOOK_CONCURRENCY default); connections to the receiver stay at BENCH_CONNECTIONS. */
const workerConcurrency = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 256);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const deliveries = Number(process.env.BENCH_DELIVERIES ?? 20_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const log = (line: string) => process.stderr.write(`${line}\n`);

const RECEIVER = `
const http = require("node:http");
const server = http.createServer((req, res) => { req.resume(); req.on("end", () => { res.writeHead(204); res.end(); }); });
server.keepAliveTimeout = 65000;
server.listen(0, "127.0.0.1", () => process.stdout.write(String(server.address().port) + "\\n"));
`;

async function startReceiver(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["-e", RECEIVER], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once("data", (data: Buffer) => resolve(data.toString().trim()));
    child.once("exit", () => reject(new Error("receiver exited")));
  });
  return { url: `http://127.0.0.1:${port}/hooks`, child };
}

/** A call.queued CloudEvent as the service stores it (about 1 KB once rendered). */
function event(orgId: string, callId: string, url: string) {
  const now = new Date().toISOString();
  const call = newCallOut({
    id: callId,
    agent_id: randomUUID(),
    to_number: "+14155550123",
    client_name: "Ada Lovelace",
    context: { lead_source: "bench", notes: "x".repeat(200) },
    metadata: { crm_id: "lead-123456", campaign: "bench" },
    created_at: now,
  });
  return {
    specversion: "1.0",
    id: randomUUID(),
    source: "/voxbridge/gateway",
    type: "call.calling",
    subject: callId,
    time: now,
    datacontenttype: "application/json",
    data: { org_id: orgId, webhook_url: url, call },
  };
}

async function baseline(url: string, secret: string, sample: ReturnType<typeof event>): Promise<number> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: concurrency });
  const body = JSON.stringify({ type: sample.type, timestamp: sample.time, sequence: 1, data: sample.data.call });
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const ts = Math.floor(Date.now() / 1000);
        const response = await pool.request({
          origin: target.origin,
          path: target.pathname,
          method: "POST",
          headers: {
            "content-type": "application/json",
            "webhook-id": "msg_bench",
            "webhook-timestamp": String(ts),
            "webhook-signature": signatureHeader([secret], "msg_bench", ts, body),
          },
          body,
        });
        await response.body.dump();
        if (response.statusCode === 204) done++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  return done / elapsed;
}

const storeTimes = { claims: [] as [number, number][], records: [] as [number, number][] };
const describeTimes = (entries: [number, number][]) => {
  const ms = entries.reduce((sum, [t]) => sum + t, 0);
  const rows = entries.reduce((sum, [, n]) => sum + n, 0);
  return `${entries.length} calls, ${(rows / Math.max(1, entries.length)).toFixed(0)} rows each, ${(ms / Math.max(1, entries.length)).toFixed(1)} ms each`;
};

async function service(url: string, orgId: string): Promise<number> {
  storeTimes.claims = [];
  storeTimes.records = [];
  const prisma = createWebhooksPrisma(databaseUrl, 8);
  // Pending deliveries, inserted outside the timed part (one event per call).
  const rows = Array.from({ length: deliveries }, () => event(orgId, randomUUID(), url));
  for (let i = 0; i < rows.length; i += 1_000) {
    const chunk = rows.slice(i, i + 1_000);
    await prisma.$executeRaw`
      INSERT INTO "webhook_events" (event_id, call_id, org_id, type, payload)
      SELECT (e->>'id')::uuid, (e->>'subject')::uuid, ${orgId}::uuid, e->>'type', e FROM jsonb_array_elements(${JSON.stringify(chunk)}::jsonb) e`;
    await prisma.$executeRaw`
      INSERT INTO "webhook_deliveries" (id, org_id, event_id, event_type, call_id, sequence, destination, url, status, next_attempt_at, created_at)
      SELECT gen_random_uuid(), ${orgId}::uuid, (e->>'id')::uuid, e->>'type', (e->>'subject')::uuid, 1, ${`url:${url}`}, ${url}, 'pending', now(), now()
        FROM jsonb_array_elements(${JSON.stringify(chunk)}::jsonb) e`;
  }
  // Real traffic arrives gradually and autovacuum keeps dead rows and statistics in check. This
  // machine's Postgres runs with autovacuum off, and every round deletes what it delivered, so the
  // bench vacuums and analyzes by hand, outside the timed part.
  await prisma.$executeRawUnsafe("VACUUM ANALYZE webhook_deliveries, webhook_events, webhook_attempts");
  const pool = createWebhooksPool(databaseUrl, 8);
  const sender = createHttpSender({
    timeoutMs: 15_000,
    maxResponseBytes: 65_536,
    allowPrivateNetworks: true,
    connectionsPerOrigin: concurrency,
  });
  // Timed store: where the worker's time goes (reported beside the rate).
  const store = createDeliveryStore(pool, loadSecretKeyring(process.env));
  const timed: DeliveryStore = {
    claimDue: async (...args) => {
      const t = performance.now();
      const rows = await store.claimDue(...args);
      if (rows.length > 0) storeTimes.claims.push([performance.now() - t, rows.length]);
      return rows;
    },
    recordAttempts: async (attempts) => {
      const t = performance.now();
      await store.recordAttempts(attempts);
      storeTimes.records.push([performance.now() - t, attempts.length]);
    },
  };
  const worker = createDeliveryWorker({
    store: timed,
    sender,
    clock: () => new Date(),
    policy: { delaysSeconds: [1, 2, 4, 8, 16], jitter: 0 },
    timeoutMs: 15_000,
    maxPayloadBytes: 256 * 1024,
    concurrency: workerConcurrency,
    pollIntervalMs: 1_000,
    logger: createLogger({ service: "bench", level: "warn" }),
  });
  const started = performance.now();
  worker.start();
  for (;;) {
    const [row] = await prisma.$queryRaw<{ left: bigint }[]>`
      SELECT count(*) AS left FROM "webhook_deliveries" WHERE org_id = ${orgId}::uuid AND status = 'pending'`;
    if (row && Number(row.left) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const elapsed = (performance.now() - started) / 1000;
  await worker.stop();
  log(`  claims: ${describeTimes(storeTimes.claims)}; records: ${describeTimes(storeTimes.records)}`);
  const [failed] = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "webhook_deliveries" WHERE org_id = ${orgId}::uuid AND status <> 'succeeded'`;
  if (failed && Number(failed.n) > 0) throw new Error(`${failed.n} deliveries did not succeed`);
  await prisma.$executeRaw`DELETE FROM "webhook_attempts" WHERE delivery_id IN (SELECT id FROM "webhook_deliveries" WHERE org_id = ${orgId}::uuid)`;
  await prisma.$executeRaw`DELETE FROM "webhook_deliveries" WHERE org_id = ${orgId}::uuid`;
  await prisma.$executeRaw`DELETE FROM "webhook_events" WHERE org_id = ${orgId}::uuid`;
  await sender.close();
  await pool.end();
  await prisma.$disconnect();
  return deliveries / elapsed;
}

async function main() {
  await migrateWebhooks(databaseUrl);
  const receiver = await startReceiver();
  try {
    const orgId = randomUUID();
    const secret = await createOrgSigningSecret(databaseUrl, orgId);
    const sample = event(orgId, randomUUID(), receiver.url);
    const results: { round: number; baseline: number; service: number }[] = [];
    for (let round = 1; round <= rounds; round++) {
      log(`round ${round}: bare undici loop for ${seconds} s at ${concurrency} connections`);
      const bare = await baseline(receiver.url, secret, sample);
      log(
        `round ${round}: delivery worker draining ${deliveries} deliveries, ${workerConcurrency} in flight over ${concurrency} connections`,
      );
      const served = await service(receiver.url, orgId);
      results.push({ round, baseline: bare, service: served });
    }
    // Rounds alternate, so each round's ratio compares the two under the same background load; the median resists noise.
    const ratios = results.map((r) => r.service / r.baseline).sort((a, b) => a - b);
    const ratio = ratios[Math.floor((ratios.length - 1) / 2)] ?? 0;
    const lines = [
      "| round | bare undici Pool.request /s | delivery worker /s | ratio |",
      "| --- | --- | --- | --- |",
      ...results.map((r) => `| ${r.round} | ${r.baseline.toFixed(0)} | ${r.service.toFixed(0)} | ${(r.service / r.baseline).toFixed(2)} |`),
      "",
      `ratio (median of per-round worker / bare loop): ${ratio.toFixed(2)}  target >= ${TARGETS.webhooksRatio}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    recordSummary("webhooks", { ratio });
    const dir = path.join(__dirname, "..", "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, `webhook-delivery-${new Date().toISOString().replace(/[:.]/g, "-")}.json`),
      JSON.stringify({ concurrency, seconds, deliveries, results, ratio, cpus: os.cpus().length, node: process.version }, null, 2),
    );
  } finally {
    receiver.child.kill();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { createBenchOrg, redact } from "./gateway";
import { stackCpuSeconds } from "./procfs";
import { recordSummary } from "./summary";

/**
 * Where the CPU of one call goes: reads each process's CPU time from /proc before and after a fixed
 * number of calls, and divides, for creation only (BENCH_CALLS, scheduled a day ahead) and for the
 * whole life of a call (BENCH_LIFE_CALLS: dialed, completed, three webhooks delivered). Linux only;
 * needs the stack from scripts/up.sh (pid files in .run/) and the project's Kafka, started with
 * pacing that lets the whole-life calls through (bench/README.md). Run: pnpm --filter @voxbridge/bench bench:cpu
 */
const REPO = path.resolve(__dirname, "../..");
const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
/** Calls for the whole-life phase; 0 skips it. */
const LIFE_CALLS = Number(process.env.BENCH_LIFE_CALLS ?? 1000);
const LIFE_TIMEOUT_SECONDS = Number(process.env.BENCH_LIFE_TIMEOUT_SECONDS ?? 300);
const GATEWAY_URL = process.env.GATEWAY_URL ?? "http://127.0.0.1:8080";
const DATABASE_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/voxbridge";

/**
 * Each process's CPU seconds so far, read right after a forced CHECKPOINT. Postgres's timed checkpoint
 * (every checkpoint_timeout, 5 min by default) writes out every dirty buffer, and one that fell inside
 * a phase in one run and not in the next moved its figure by a millisecond per call. Forced at both
 * ends, each phase pays for writing out exactly the buffers it dirtied, and the next timed checkpoint
 * is minutes away. Needs a role allowed to CHECKPOINT; without one the reading goes on unforced.
 */
async function snapshot(): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  try {
    await client.connect();
    await client.query("CHECKPOINT");
  } catch (error) {
    console.error(`no CHECKPOINT before the reading (${redact(error instanceof Error ? error.message : String(error))})`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return stackCpuSeconds(REPO);
}

type Usage = Map<string, number>;

const diff = (before: Usage, after: Usage): Usage =>
  new Map([...before].map(([name, start]) => [name, ((after.get(name) ?? start) - start) * 1000]));

/** A partner's no-op receiver on loopback: counts deliveries, answers 204. Its CPU is the partner's, not measured. */
async function startReceiver(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Sends `calls` creates with `body` at 16 connections; answers the number accepted. */
async function create(apiKey: string, calls: number, body: Record<string, unknown>): Promise<number> {
  const result = await autocannon({
    url: `${GATEWAY_URL}/v1/calls/outbound`,
    method: "POST",
    connections: 16,
    amount: calls,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (result.non2xx > 0) console.error(`${result.non2xx} of ${calls} creates were not accepted`);
  return result["2xx"];
}

/** Creates only: the calls are scheduled a day ahead, so nothing is dialed. */
async function creationOnly(apiKey: string): Promise<{ calls: number; used: Usage }> {
  const before = await snapshot();
  const calls = await create(apiKey, CALLS, { to: "+15551234567", schedule_at: new Date(Date.now() + 86_400_000).toISOString() });
  // Let the relay, the consumers and the projector finish with what the burst produced.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  return { calls, used: diff(before, await snapshot()) };
}

/**
 * The whole life: each call is accepted, dialed at once, answered and completed by the simulator,
 * and its three webhooks (queued, calling, completed) are delivered to a local receiver. Measured
 * from the first create to the last delivery, plus the same 5 s of settling as creationOnly.
 */
async function wholeLife(apiKey: string): Promise<{ calls: number; used: Usage; seconds: number }> {
  const receiver = await startReceiver();
  try {
    const before = await snapshot();
    const started = Date.now();
    const calls = await create(apiKey, LIFE_CALLS, { to: "+15551234567", webhook_url: receiver.url });
    const deadline = Date.now() + LIFE_TIMEOUT_SECONDS * 1000;
    while (receiver.received() < calls * 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const seconds = (Date.now() - started) / 1000;
    if (receiver.received() < calls * 3) {
      throw new Error(
        `only ${receiver.received()} of ${calls * 3} webhooks arrived in ${LIFE_TIMEOUT_SECONDS} s: is the dialer pacing them (DIALER_CPS, DIALER_ORG_CONCURRENCY)?`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    return { calls, used: diff(before, await snapshot()), seconds };
  } finally {
    await receiver.close();
  }
}

async function main(): Promise<void> {
  const org = createBenchOrg(REPO, `cpu-${Date.now()}`);
  const created = await creationOnly(org.apiKey);
  const life = LIFE_CALLS > 0 ? await wholeLife(org.apiKey) : null;
  console.log(`creation only: ${created.calls} of ${CALLS} calls accepted, scheduled a day ahead, so nothing is dialed`);
  if (life)
    console.log(
      `whole life: ${life.calls} of ${LIFE_CALLS} calls accepted, dialed, completed, 3 webhooks each delivered, in ${life.seconds.toFixed(1)} s`,
    );
  console.log(`| process | creation only (CPU ms per call) |${life ? " whole life (CPU ms per call) |" : ""}`);
  console.log(`| --- | ---: |${life ? " ---: |" : ""}`);
  const totals = [0, 0];
  for (const [name, used] of created.used) {
    const lifeUsed = life?.used.get(name) ?? 0;
    totals[0] = (totals[0] ?? 0) + used;
    totals[1] = (totals[1] ?? 0) + lifeUsed;
    console.log(`| ${name} | ${(used / created.calls).toFixed(2)} |${life ? ` ${(lifeUsed / life.calls).toFixed(2)} |` : ""}`);
  }
  console.log(
    `| total | ${((totals[0] ?? 0) / created.calls).toFixed(2)} |${life ? ` ${((totals[1] ?? 0) / life.calls).toFixed(2)} |` : ""}`,
  );
  recordSummary("cpu", {
    creation_ms: (totals[0] ?? 0) / created.calls,
    creation_postgres_ms: (created.used.get("postgres (all backends)") ?? 0) / created.calls,
    whole_life_ms: life ? (totals[1] ?? 0) / life.calls : null,
  });
}

main().catch((error: unknown) => {
  console.error(redact(error instanceof Error ? error.message : String(error)));
  process.exit(1);
});

/**
 * Dial-latency benchmark: time from a call's acceptance by the gateway (its `created_at`, stamped
 * while the POST is handled) to the dialer asking the carrier to dial it (the simulator's own
 * record of the dial). The whole path: gateway outbox -> relay -> Kafka -> dialer consumer -> job
 * insert -> in-process wake -> claim transaction (attempt + call.calling outbox row) -> quota
 * allowance -> adapter. Both clocks are this machine's.
 *
 * All four services run in this process against the real servers (tests/support/stack.ts, test
 * database, fresh topic prefix), with pacing limits lifted so the measurement is of the path,
 * not of the configured CPS. Phases: warm-up, peak (closed loop, BENCH_CONNECTIONS), then open
 * loop at half the peak rate for BENCH_SECONDS; p50/p99 over the half-peak calls. The calls go
 * round-robin to BENCH_ORGS (5) organizations. Also reported: acceptance to the call record's
 * `started_at`, the time the partner sees the call begin, once the gateway has projected it.
 */
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { testDatabaseUrl } from "../../tests/support/env";
import globalSetup from "../../tests/support/global-setup";
import { provisionOrg, startStack } from "../../tests/support/stack";
import { nearestRank } from "./stats";
import { recordSummary } from "./summary";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const orgCount = Number(process.env.BENCH_ORGS ?? 5);
const log = (message: string) => process.stderr.write(`[bench:dial] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Accepted = { id: string; createdAt: number };

async function main() {
  await globalSetup();
  const dialLog = path.join(tmpdir(), `dial-latency-${process.pid}.jsonl`);
  const stack = await startStack({
    DIALER_CPS: "1000000",
    DIALER_ORG_CONCURRENCY: "1000000",
    SIM_RING_SECONDS: "0",
    SIM_TALK_SECONDS: "0",
    SIM_DIAL_LOG: dialLog,
    RATE_LIMIT_PER_WINDOW: "1000000000",
  });
  const orgs = await Promise.all(Array.from({ length: orgCount }, () => provisionOrg({ minutes: 10_000_000 })));
  let n = 0;
  const post = async (): Promise<Accepted | null> => {
    n++;
    const org = orgs[n % orgs.length];
    if (!org) throw new Error("BENCH_ORGS must be at least 1");
    // Node's fetch (undici inside) keeps connections alive between requests.
    const response = await fetch(`${stack.gatewayUrl}/v1/calls/outbound`, {
      method: "POST",
      headers: { authorization: `Bearer ${org.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ to: `+1555123${String(1000 + (n % 9000))}` }),
    });
    const body = (await response.json()) as { id?: string; created_at?: string };
    return response.status === 201 && body.id && body.created_at ? { id: body.id, createdAt: Date.parse(body.created_at) } : null;
  };
  let acceptedSoFar = 0;
  const closedLoop = async (ms: number) => {
    const end = Date.now() + ms;
    let ok = 0;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (Date.now() < end) if (await post()) ok++;
      }),
    );
    acceptedSoFar += ok;
    return ok / (ms / 1000);
  };
  try {
    log("warm-up 3 s");
    await closedLoop(3_000);
    await sleep(2_000);
    log(`peak ${seconds} s at ${connections} connections`);
    const peak = await closedLoop(seconds * 1000);
    // BENCH_RATE overrides the open-loop rate (e.g. to see the unloaded path).
    // Let the dialer work off the peak's backlog, so the half-peak phase measures the path, not a queue.
    const dialsNow = () => readFileSync(dialLog, "utf8").split("\n").filter(Boolean).length;
    const drainDeadline = Date.now() + 180_000;
    while (dialsNow() < acceptedSoFar && Date.now() < drainDeadline) await sleep(500);
    log(`backlog drained: ${dialsNow()} of ${acceptedSoFar} accepted calls dialed`);
    const rate = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : Math.max(1, Math.floor(peak / 2));
    log(`peak ${peak.toFixed(1)} accepted/s; half-peak ${rate}/s for ${seconds} s`);
    await sleep(3_000);

    const accepted: Promise<Accepted | null>[] = [];
    const start = Date.now();
    for (let i = 0; i < rate * seconds; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      accepted.push(post());
    }
    const calls = (await Promise.all(accepted)).filter((a): a is Accepted => a !== null);
    await sleep(3_000);
    const firstDial = new Map<string, number>();
    for (const line of readFileSync(dialLog, "utf8").split("\n")) {
      if (!line) continue;
      const dial = JSON.parse(line) as { call_id: string; attempt: number; at: number };
      if (dial.attempt === 1) firstDial.set(dial.call_id, dial.at);
    }
    const latencies = calls.flatMap((c) => {
      const at = firstDial.get(c.id);
      return at === undefined ? [] : [at - c.createdAt];
    });
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => nearestRank(latencies, p) ?? Number.NaN;
    // Where the time goes, from the services' own timestamps (same host clock).
    const db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
    // (The outbox deletes a row once published, so relay and consumer are measured together.)
    const stages = await db.query<{ consume: number; claim: number }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM j.created_at - c.created_at) * 1000) AS consume,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.dialed_at - j.created_at) * 1000) AS claim
         FROM gateway.calls c
         JOIN dialer.dial_jobs j ON j.call_id = c.id
         JOIN dialer.dial_attempts a ON a.call_id = c.id AND a.attempt = 1
        WHERE c.id = ANY($1::uuid[])`,
      [calls.map((c) => c.id)],
    );
    // started_at is on the record once the gateway has projected call.calling.
    const startedLatencies = async () =>
      (
        await db.query<{ ms: number }>(
          `SELECT extract(epoch FROM started_at - created_at) * 1000 AS ms FROM gateway.calls
            WHERE id = ANY($1::uuid[]) AND started_at IS NOT NULL ORDER BY 1`,
          [calls.map((c) => c.id)],
        )
      ).rows.map((row) => Number(row.ms));
    let started = await startedLatencies();
    for (let waited = 0; started.length < calls.length && waited < 10_000; waited += 500) {
      await sleep(500);
      started = await startedLatencies();
    }
    await db.end();
    const startedPct = (p: number) => nearestRank(started, p) ?? Number.NaN;
    log(
      `accepted -> started_at on the record (${orgs.length} orgs): p50 ${startedPct(50).toFixed(1)} ms, p99 ${startedPct(99).toFixed(1)} ms, ${started.length} of ${calls.length} started`,
    );
    const median = stages.rows[0];
    log(
      `medians: accepted -> job inserted ${median?.consume?.toFixed(1)} ms (gateway relay, Kafka, dialer consumer); -> attempt claimed ${median?.claim?.toFixed(1)} ms (dialer scheduler)`,
    );
    const result = {
      peak_accepted_per_second: Number(peak.toFixed(1)),
      half_peak_rate: rate,
      calls: calls.length,
      dialed: latencies.length,
      p50_ms: pct(50),
      p90_ms: pct(90),
      p99_ms: pct(99),
      max_ms: latencies.at(-1) ?? Number.NaN,
      started_at_p50_ms: Number(startedPct(50).toFixed(1)),
      started_at_p99_ms: Number(startedPct(99).toFixed(1)),
      orgs: orgs.length,
    };
    process.stdout.write(
      `\n| peak accepted/s | half-peak rate | orgs | calls | dialed | p50 ms | p90 ms | p99 ms | max ms | started_at p50 ms | started_at p99 ms |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n` +
        `| ${result.peak_accepted_per_second} | ${rate}/s | ${orgs.length} | ${result.calls} | ${result.dialed} | ${result.p50_ms} | ${result.p90_ms} | ${result.p99_ms} | ${result.max_ms} | ${result.started_at_p50_ms} | ${result.started_at_p99_ms} |\n`,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
    recordSummary("dial", { rate, started_at_p50_ms: result.started_at_p50_ms, started_at_p99_ms: result.started_at_p99_ms });
    return result.dialed === result.calls ? 0 : 1;
  } finally {
    await stack.stop();
    rmSync(dialLog, { force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import autocannon from "autocannon";
import { createBenchOrg, redact } from "./gateway";

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
const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/**
 * CPU seconds used so far by a process and all its threads, plus its children that have exited:
 * a Postgres backend that closes between the two readings leaves the sum of live backends, but its
 * time stays counted in the postmaster's cutime/cstime.
 */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

/** The node process behind a pid file (up.sh starts `setsid node …` directly). */
const pidFrom = (file: string): number | null => {
  try {
    return Number(readFileSync(file, "utf8").trim());
  } catch {
    return null;
  }
};

function processesByUser(user: string): number[] {
  const uid = Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return statSync(`/proc/${pid}`).uid === uid;
      } catch {
        return false;
      }
    });
}

function snapshot(): Map<string, number> {
  const totals = new Map<string, number>();
  for (const service of ["gateway", "quota", "dialer", "webhooks"]) {
    const pid = pidFrom(path.join(REPO, ".run", `${service}.pid`));
    if (pid) totals.set(service, cpuSeconds(pid));
  }
  const kafkaDir = readdirSync(path.join(process.env.HOME ?? "/root", ".cache/voxbridge"))
    .filter((name) => /^kafka-\d/.test(name))
    .sort()
    .pop();
  const kafkaPid = kafkaDir ? pidFrom(path.join(process.env.HOME ?? "/root", ".cache/voxbridge", kafkaDir, "kafka.pid")) : null;
  if (kafkaPid) totals.set("kafka", cpuSeconds(kafkaPid));
  let postgres = 0;
  for (const pid of processesByUser("postgres")) {
    try {
      postgres += cpuSeconds(pid);
    } catch {
      // a backend that exited between the listing and the read
    }
  }
  totals.set("postgres (all backends)", postgres);
  totals.set(
    "redis",
    processesByUser("redis").reduce((sum, pid) => sum + cpuSeconds(pid), 0),
  );
  return totals;
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
  const before = snapshot();
  const calls = await create(apiKey, CALLS, { to: "+15551234567", schedule_at: new Date(Date.now() + 86_400_000).toISOString() });
  // Let the relay, the consumers and the projector finish with what the burst produced.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  return { calls, used: diff(before, snapshot()) };
}

/**
 * The whole life: each call is accepted, dialed at once, answered and completed by the simulator,
 * and its three webhooks (queued, calling, completed) are delivered to a local receiver. Measured
 * from the first create to the last delivery, plus the same 5 s of settling as creationOnly.
 */
async function wholeLife(apiKey: string): Promise<{ calls: number; used: Usage; seconds: number }> {
  const receiver = await startReceiver();
  try {
    const before = snapshot();
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
    return { calls, used: diff(before, snapshot()), seconds };
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
}

main().catch((error: unknown) => {
  console.error(redact(error instanceof Error ? error.message : String(error)));
  process.exit(1);
});

import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { createBenchOrg, redact } from "./gateway";

/**
 * Where the CPU of one accepted call goes: reads each process's CPU time from /proc before and after
 * a fixed number of creates, and divides. Linux only; needs the stack from scripts/up.sh
 * (pid files in .run/) and the project's Kafka. Run: pnpm --filter @voxbridge/bench bench:cpu
 */
const REPO = path.resolve(__dirname, "../..");
const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const GATEWAY_URL = process.env.GATEWAY_URL ?? "http://127.0.0.1:8080";
const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/** CPU seconds used so far by a process and all its threads. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
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

async function main(): Promise<void> {
  const org = createBenchOrg(REPO, `cpu-${Date.now()}`);
  const before = snapshot();
  const result = await autocannon({
    url: `${GATEWAY_URL}/v1/calls/outbound`,
    method: "POST",
    connections: 16,
    amount: CALLS,
    headers: { authorization: `Bearer ${org.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ to: "+15551234567", schedule_at: new Date(Date.now() + 86_400_000).toISOString() }),
  });
  // Let the relay, the consumers and the projector finish with what the burst produced.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const after = snapshot();
  const accepted = result["2xx"];
  console.log(`${accepted} of ${CALLS} calls accepted (${result.non2xx} other answers); calls scheduled a day ahead, so nothing is dialed`);
  console.log("| process | CPU ms per accepted call |\n| --- | ---: |");
  let total = 0;
  for (const [name, start] of before) {
    const used = ((after.get(name) ?? start) - start) * 1000;
    total += used;
    console.log(`| ${name} | ${(used / accepted).toFixed(2)} |`);
  }
  console.log(`| total | ${(total / accepted).toFixed(2)} |`);
}

main().catch((error: unknown) => {
  console.error(redact(error instanceof Error ? error.message : String(error)));
  process.exit(1);
});

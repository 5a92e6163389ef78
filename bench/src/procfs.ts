import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** Reading processes' CPU from /proc (Linux only), shared by the CPU benchmarks. */
const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
const CACHE = path.join(process.env.HOME ?? "/root", ".cache/voxbridge");
/** The four services of the stack from scripts/up.sh, each with a pid file in .run/. */
export const SERVICES = ["gateway", "quota", "dialer", "webhooks"] as const;

/**
 * CPU seconds used so far by a process and all its threads, plus its children that have exited:
 * a Postgres backend that closes between the two readings leaves the sum of live backends, but its
 * time stays counted in the postmaster's cutime/cstime.
 */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

/** The pid in a pid file, or null when there is none. */
function pidFrom(file: string): number | null {
  try {
    return Number(readFileSync(file, "utf8").trim());
  } catch {
    return null;
  }
}

/** The project's Kafka broker (infra/kafka/kafka.sh keeps its pid under ~/.cache/voxbridge). */
function kafkaPid(): number | null {
  const dir = readdirSync(CACHE)
    .filter((name) => /^kafka-\d/.test(name))
    .sort()
    .pop();
  return dir ? pidFrom(path.join(CACHE, dir, "kafka.pid")) : null;
}

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

/** CPU seconds of every process a system user runs (Postgres's backends, Redis). */
function userCpuSeconds(user: string): number {
  let total = 0;
  for (const pid of processesByUser(user)) {
    try {
      total += cpuSeconds(pid);
    } catch {
      // a process that exited between the listing and the read
    }
  }
  return total;
}

/**
 * CPU seconds so far of each process of the stack from scripts/up.sh (pid files in .run/), the
 * project's broker, and the machine's Postgres and Redis.
 */
export function stackCpuSeconds(repoRoot: string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const service of SERVICES) {
    const pid = pidFrom(path.join(repoRoot, ".run", `${service}.pid`));
    if (pid) totals.set(service, cpuSeconds(pid));
  }
  const kafka = kafkaPid();
  if (kafka) totals.set("kafka", cpuSeconds(kafka));
  totals.set("postgres (all backends)", userCpuSeconds("postgres"));
  totals.set("redis", userCpuSeconds("redis"));
  return totals;
}

import { spawn } from "node:child_process";
import path from "node:path";
import { cpuSeconds, SERVICES, stackCpuSeconds } from "./procfs";
import { sleep } from "./stats";
import { recordSummary } from "./summary";
import { TARGETS } from "./targets";

/**
 * CPU of the system doing nothing: each process's share of one core over BENCH_IDLE_SECONDS, read
 * from /proc, beside a bare Node process (a timer that never fires) started in the same run as the
 * floor an idle Node runtime costs here. Needs the stack from scripts/up.sh (pid files in .run/),
 * started at least 30 s before so start-up work is over, and nothing else using it. Linux only.
 * Run: pnpm --filter @voxbridge/bench bench:idle
 */
const REPO = path.resolve(__dirname, "../..");
const SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);

async function main() {
  const bare = spawn(process.execPath, ["-e", "setInterval(() => {}, 2 ** 30)"], { stdio: "ignore" });
  try {
    await sleep(2_000);
    const barePid = bare.pid as number;
    const before = stackCpuSeconds(REPO);
    const bareBefore = cpuSeconds(barePid);
    if (!before.has("gateway")) throw new Error("no stack: start it with ./scripts/up.sh (pid files in .run/)");
    await sleep(SECONDS * 1000);
    const after = stackCpuSeconds(REPO);
    const bareAfter = cpuSeconds(barePid);

    const percent = (start: number, end: number) => ((end - start) / SECONDS) * 100;
    const rows: Array<[string, number, number | null]> = [["bare node (baseline)", percent(bareBefore, bareAfter), null]];
    for (const [name, start] of before) {
      const target =
        name === "kafka" ? TARGETS.idleBrokerPercent : (SERVICES as readonly string[]).includes(name) ? TARGETS.idleServicePercent : null;
      rows.push([name, percent(start, after.get(name) ?? start), target]);
    }
    console.log(`\nIdle CPU over ${SECONDS} s, % of one core`);
    console.log("| process                 | % of a core | target | / target |");
    console.log("| ----------------------- | ----------- | ------ | -------- |");
    for (const [name, value, target] of rows) {
      const goal = target === null ? "" : `≤ ${target}`;
      const ratio = target === null ? "" : (value / target).toFixed(2);
      console.log(`| ${name.padEnd(23)} | ${value.toFixed(2).padStart(11)} | ${goal.padStart(6)} | ${ratio.padStart(8)} |`);
    }
    const services = rows.filter(([name]) => (SERVICES as readonly string[]).includes(name)).map(([, value]) => value);
    recordSummary("idle", {
      service_max_percent: services.length > 0 ? Math.max(...services) : null,
      broker_percent: rows.find(([name]) => name === "kafka")?.[1] ?? null,
    });
  } finally {
    bare.kill();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});

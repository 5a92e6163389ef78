/**
 * `pnpm --filter @voxbridge/bench bench:report`: every figure of the cost-of-a-call table from one
 * quiet run of each benchmark, printed beside what was measured when the work began and the target.
 * Run it on a machine doing nothing else; it takes about 20 minutes.
 *
 * It runs, one after another:
 *   1. with no service running (it stops the up.sh services first): bench:rss and bench:webhooks on
 *      a scratch database, and bench:dial on its own test stack;
 *   2. on a fresh stack from scripts/up.sh (on the scratch database, with the pacing and limits the
 *      benchmarks need), after 65 s of quiet: bench:idle, bench:hops, a discarded warm-up of
 *      bench:cpu, bench:cpu, then `pnpm bench`; then it stops the stack.
 * Each benchmark prints its own tables as it goes and appends its headline figures to a summary
 * file (bench/src/summary.ts), which the last table is read from. The 200,000-row run is not part of
 * it: `bench:seed` then `bench:cpu` (bench/README.md).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { Summary } from "./summary";

const REPO = path.resolve(__dirname, "../..");
const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DATABASE = process.env.BENCH_REPORT_DATABASE ?? "voxbridge_bench_report";
const DIAL_DATABASE = process.env.BENCH_REPORT_DIAL_DATABASE ?? "voxbridge_dial_test";
const QUIET_SECONDS = 65;

const log = (message: string) => process.stderr.write(`[bench:report] ${message}\n`);
const databaseUrl = (name: string) => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

/** The stack the benchmarks expect: pacing and limits out of the way, calls answered and ended at once. */
const STACK_ENV = {
  RATE_LIMIT_PER_WINDOW: "1000000000",
  DIALER_CPS: "1000",
  DIALER_ORG_CONCURRENCY: "1000",
  SIM_RING_SECONDS: "0.05",
  SIM_TALK_SECONDS: "0.2",
};

/** Runs a step to its end; `quiet` drops its standard output (up.sh prints the demo org's API key there). */
function run(command: string, args: string[], env: Record<string, string | undefined>, quiet = false): void {
  log(`${command} ${args.join(" ")}`);
  const stdio = ["ignore", quiet ? "ignore" : "inherit", "inherit"] as const;
  const result = spawnSync(command, args, { cwd: REPO, stdio: [...stdio], env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status ?? result.signal}`);
}
const bench = (script: string, env: Record<string, string | undefined>) =>
  run("pnpm", ["--silent", "--filter", "@voxbridge/bench", script], env);
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

async function freshDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
}

type Summaries = Record<string, Summary>;

const fixed = (value: number | null | undefined, digits: number) => (value === null || value === undefined ? "–" : value.toFixed(digits));
const atMost = (value: number | null | undefined, target: number) =>
  value === null || value === undefined ? "?" : value <= target ? "met" : "not met";
const atLeast = (value: number | null | undefined, target: number) =>
  value === null || value === undefined ? "?" : value >= target ? "met" : "not met";
const both = (...verdicts: string[]) => (verdicts.includes("?") ? "?" : verdicts.every((v) => v === "met") ? "met" : "not met");

/** The issue's table: what was measured when the work began (its "now" then), this run, the target. */
export function reportRows(s: Summaries): [string, string, string, string, string][] {
  const { cpu = {}, "create-call": create = {}, dial = {}, idle = {}, rss = {}, webhooks = {}, hops = {} } = s;
  const services = ["gateway", "quota", "dialer", "webhooks"];
  const rssOf = (kind: "idle" | "loaded") => services.map((name) => rss[`${name}_${kind}_mb`] ?? null);
  const worst = (values: (number | null)[]) => (values.some((v) => v === null) ? null : Math.max(...(values as number[])));
  const idleMb = worst(rssOf("idle"));
  const loadedMb = worst(rssOf("loaded"));
  return [
    [
      "CPU per accepted call, all processes (bench:cpu)",
      "24–27 ms",
      `${fixed(cpu.creation_ms, 2)} ms`,
      "≤ 6 ms",
      atMost(cpu.creation_ms, 6),
    ],
    ["… of which Postgres", "9.3–11.5 ms", `${fixed(cpu.creation_postgres_ms, 2)} ms`, "≤ 2.5 ms", atMost(cpu.creation_postgres_ms, 2.5)],
    ["CPU per call, whole life (bench:cpu)", "not measured", `${fixed(cpu.whole_life_ms, 2)} ms`, "≤ 12 ms", atMost(cpu.whole_life_ms, 12)],
    ["create throughput / bare transaction loop (pnpm bench)", "0.06–0.11", fixed(create.ratio, 2), "≥ 0.5", atLeast(create.ratio, 0.5)],
    [
      "create p99 at half of peak (pnpm bench)",
      "0.6–1.5 s",
      `${fixed(create.p99_half_peak_ms, 0)} ms`,
      "≤ 50 ms",
      atMost(create.p99_half_peak_ms, 50),
    ],
    [
      "one POST on an idle system, p50 / p99 (pnpm bench; bench:hops from undici)",
      "19–25 / 70–320 ms",
      `${fixed(create.one_at_a_time_p50_ms, 1)} / ${fixed(create.one_at_a_time_p99_ms, 1)} ms (undici: ${fixed(hops.create_p50_ms, 1)} / ${fixed(hops.create_p99_ms, 1)}; bare HTTP hop ${fixed(hops.bare_http_p50_ms, 2)})`,
      "≤ 5 / ≤ 15 ms",
      both(atMost(create.one_at_a_time_p50_ms, 5), atMost(create.one_at_a_time_p99_ms, 15)),
    ],
    [
      `accepted → started_at, ${fixed(dial.rate, 0)} calls/s over 5 orgs, p50 / p99 (bench:dial)`,
      "220 ms / 1.3 s",
      `${fixed(dial.started_at_p50_ms, 1)} / ${fixed(dial.started_at_p99_ms, 1)} ms`,
      "≤ 15 / ≤ 60 ms",
      both(atMost(dial.started_at_p50_ms, 15), atMost(dial.started_at_p99_ms, 60)),
    ],
    [
      "idle CPU, busiest service / broker (bench:idle)",
      "3.8–5.3 % / 4.4 %",
      `${fixed(idle.service_max_percent, 2)} % / ${fixed(idle.broker_percent, 2)} %`,
      "≤ 0.5 % / ≤ 2 %",
      both(atMost(idle.service_max_percent, 0.5), atMost(idle.broker_percent, 2)),
    ],
    [
      "RSS, largest service idle / loaded (bench:rss)",
      "120–320 MB",
      `${fixed(idleMb, 0)} / ${fixed(loadedMb, 0)} MB (${services.map((name, i) => `${name} ${fixed(rssOf("idle")[i], 0)}/${fixed(rssOf("loaded")[i], 0)}`).join(", ")})`,
      "≤ 120 / ≤ 200 MB",
      both(atMost(idleMb, 120), atMost(loadedMb, 200)),
    ],
    [
      "webhook deliveries / bare undici loop (bench:webhooks)",
      "0.45–0.56",
      fixed(webhooks.ratio, 2),
      "≥ 0.8",
      atLeast(webhooks.ratio, 0.8),
    ],
  ];
}

export function renderReport(rows: [string, string, string, string, string][]): string {
  const header: [string, string, string, string, string] = ["measure", "when the work began", "this run", "target", ""];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-report-"));
  const summaryFile = path.join(dir, "summary.jsonl");
  const url = databaseUrl(DATABASE);
  try {
    run(path.join(REPO, "scripts/down.sh"), ["--services-only"], {});
    run(path.join(REPO, "infra/kafka/kafka.sh"), ["start"], {});
    await freshDatabase(DATABASE);
    run("pnpm", ["--silent", "migrate"], { DATABASE_URL: url });

    // Phase 1: the benchmarks that start what they measure.
    bench("bench:rss", { DATABASE_URL: url, BENCH_SUMMARY_FILE: summaryFile });
    bench("bench:webhooks", { DATABASE_URL: url, BENCH_SUMMARY_FILE: summaryFile });
    bench("bench:dial", {
      DATABASE_URL: databaseUrl(DIAL_DATABASE),
      VOXBRIDGE_FRESH_TEST_DATABASE: "1",
      BENCH_RATE: "20",
      BENCH_SUMMARY_FILE: summaryFile,
    });

    // Phase 2: the up.sh stack, on a fresh database, after it has gone quiet.
    await freshDatabase(DATABASE);
    run(path.join(REPO, "scripts/up.sh"), [], { ...STACK_ENV, DATABASE_URL: url }, true);
    log(`${QUIET_SECONDS} s of quiet before measuring`);
    await sleep(QUIET_SECONDS);
    const onStack = { ...STACK_ENV, DATABASE_URL: url, BENCH_SUMMARY_FILE: summaryFile };
    bench("bench:idle", onStack);
    bench("bench:hops", onStack);
    bench("bench:cpu", { ...onStack, BENCH_SUMMARY_FILE: undefined, BENCH_CALLS: "1000", BENCH_LIFE_CALLS: "300" });
    bench("bench:cpu", onStack);
    bench("bench", { ...onStack, DATABASE_URL: url });

    const summaries: Summaries = {};
    for (const entry of readFileSync(summaryFile, "utf8").split("\n").filter(Boolean)) {
      const { bench: name, figures } = JSON.parse(entry) as { bench: string; figures: Summary };
      summaries[name] = figures;
    }
    process.stdout.write(`\nThe cost of a call, ${new Date().toISOString().slice(0, 10)}\n\n${renderReport(reportRows(summaries))}\n`);
  } finally {
    spawnSync(path.join(REPO, "scripts/down.sh"), ["--services-only"], { cwd: REPO, stdio: "ignore" });
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}

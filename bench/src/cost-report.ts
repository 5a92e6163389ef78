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
import { SERVICES } from "./procfs";
import { fixed } from "./report";
import { sleep } from "./stats";
import type { Summary } from "./summary";
import { TARGETS } from "./targets";

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

/**
 * The stack the benchmarks expect: pacing and limits out of the way, calls answered and ended at
 * once, without a conversation (no media stream to the voice service: the simulator's timers).
 */
const STACK_ENV = {
  RATE_LIMIT_PER_WINDOW: "1000000000",
  DIALER_CPS: "1000",
  DIALER_ORG_CONCURRENCY: "1000",
  SIM_RING_SECONDS: "0.05",
  SIM_TALK_SECONDS: "0.2",
  VOICE_MEDIA_URL: "",
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

const num = (value: number | null | undefined, digits: number) => fixed(value ?? null, digits);
const verdict = (value: number | null | undefined, ok: (value: number) => boolean) =>
  value === null || value === undefined ? "?" : ok(value) ? "met" : "not met";
const atMost = (value: number | null | undefined, target: number) => verdict(value, (v) => v <= target);
const atLeast = (value: number | null | undefined, target: number) => verdict(value, (v) => v >= target);
const both = (...verdicts: string[]) => (verdicts.includes("?") ? "?" : verdicts.every((v) => v === "met") ? "met" : "not met");

/** The issue's table: what was measured when the work began (its "now" then), this run, the target. */
export function reportRows(s: Summaries): [string, string, string, string, string][] {
  const { cpu = {}, "create-call": create = {}, dial = {}, idle = {}, rss = {}, webhooks = {}, hops = {} } = s;
  const T = TARGETS;
  const rssOf = (kind: "idle" | "loaded") => SERVICES.map((name) => rss[`${name}_${kind}_mb`] ?? null);
  const worst = (values: (number | null)[]) => (values.some((v) => v === null) ? null : Math.max(...(values as number[])));
  const idleMb = worst(rssOf("idle"));
  const loadedMb = worst(rssOf("loaded"));
  return [
    [
      "CPU per accepted call, all processes (bench:cpu)",
      "24–27 ms",
      `${num(cpu.creation_ms, 2)} ms`,
      `≤ ${T.creationCpuMs} ms`,
      atMost(cpu.creation_ms, T.creationCpuMs),
    ],
    [
      "… of which Postgres",
      "9.3–11.5 ms",
      `${num(cpu.creation_postgres_ms, 2)} ms`,
      `≤ ${T.creationPostgresMs} ms`,
      atMost(cpu.creation_postgres_ms, T.creationPostgresMs),
    ],
    [
      "CPU per call, whole life (bench:cpu)",
      "not measured",
      `${num(cpu.whole_life_ms, 2)} ms`,
      `≤ ${T.wholeLifeMs} ms`,
      atMost(cpu.whole_life_ms, T.wholeLifeMs),
    ],
    [
      "create throughput / bare transaction loop (pnpm bench)",
      "0.06–0.11",
      num(create.ratio, 2),
      `≥ ${T.throughputRatio}`,
      atLeast(create.ratio, T.throughputRatio),
    ],
    [
      "create p99 at half of peak (pnpm bench)",
      "0.6–1.5 s",
      `${num(create.p99_half_peak_ms, 0)} ms`,
      `≤ ${T.halfPeakP99Ms} ms`,
      atMost(create.p99_half_peak_ms, T.halfPeakP99Ms),
    ],
    [
      "one POST on an idle system, p50 / p99 (pnpm bench; bench:hops from undici)",
      "19–25 / 70–320 ms",
      `${num(create.one_at_a_time_p50_ms, 1)} / ${num(create.one_at_a_time_p99_ms, 1)} ms (undici: ${num(hops.create_p50_ms, 1)} / ${num(hops.create_p99_ms, 1)}; bare HTTP hop ${num(hops.bare_http_p50_ms, 2)})`,
      `≤ ${T.aloneP50Ms} / ≤ ${T.aloneP99Ms} ms`,
      both(atMost(create.one_at_a_time_p50_ms, T.aloneP50Ms), atMost(create.one_at_a_time_p99_ms, T.aloneP99Ms)),
    ],
    [
      `accepted → started_at, ${num(dial.rate, 0)} calls/s over 5 orgs, p50 / p99 (bench:dial)`,
      "220 ms / 1.3 s",
      `${num(dial.started_at_p50_ms, 1)} / ${num(dial.started_at_p99_ms, 1)} ms`,
      `≤ ${T.startedAtP50Ms} / ≤ ${T.startedAtP99Ms} ms`,
      both(atMost(dial.started_at_p50_ms, T.startedAtP50Ms), atMost(dial.started_at_p99_ms, T.startedAtP99Ms)),
    ],
    [
      "idle CPU, busiest service / broker (bench:idle)",
      "3.8–5.3 % / 4.4 %",
      `${num(idle.service_max_percent, 2)} % / ${num(idle.broker_percent, 2)} %`,
      `≤ ${T.idleServicePercent} % / ≤ ${T.idleBrokerPercent} %`,
      both(atMost(idle.service_max_percent, T.idleServicePercent), atMost(idle.broker_percent, T.idleBrokerPercent)),
    ],
    [
      "RSS, largest service idle / loaded (bench:rss)",
      "120–320 MB",
      `${num(idleMb, 0)} / ${num(loadedMb, 0)} MB (${SERVICES.map((name, i) => `${name} ${num(rssOf("idle")[i], 0)}/${num(rssOf("loaded")[i], 0)}`).join(", ")})`,
      `≤ ${T.rssIdleMb} / ≤ ${T.rssLoadedMb} MB`,
      both(atMost(idleMb, T.rssIdleMb), atMost(loadedMb, T.rssLoadedMb)),
    ],
    [
      "webhook deliveries / bare undici loop (bench:webhooks)",
      "0.45–0.56",
      num(webhooks.ratio, 2),
      `≥ ${T.webhooksRatio}`,
      atLeast(webhooks.ratio, T.webhooksRatio),
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
    await sleep(QUIET_SECONDS * 1000);
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

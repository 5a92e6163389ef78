/**
 * Create-call benchmark: POST /v1/calls/outbound on the running stack against a bare Postgres
 * baseline doing the same two-row transaction, measured in the same run. See bench/README.md.
 *
 * Phases (each system alone, one after the other):
 *   warm-up   BENCH_WARMUP_SECONDS (3) at full concurrency, not judged
 *   one-at-a-time  after 10 s of quiet, 200 requests one by one, each 100 ms after the last answer -> p50 / p99
 *   peak      BENCH_SECONDS (10) at BENCH_CONNECTIONS (32), unthrottled -> peak req/s
 *   half-peak BENCH_SECONDS at half of that system's own peak rate -> p50 / p99 latency
 *
 * Progress goes to stderr; the markdown table goes to stdout; the JSON lands in bench/results/.
 * Exit 1 when the gateway is unreachable, a setup step fails, or > 1% of measured operations fail.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openBaseline } from "./baseline";
import { type BenchConfig, loadConfig, MAX_OPERATIONS_PER_PHASE, SETTLE_SECONDS } from "./config";
import { assertReachable, createBenchOrg, createOneCall, GatewayUnreachableError, preflight, redact, runGateway } from "./gateway";
import { oneAtATime, type PhaseName, type PhaseResult } from "./phase";
import { MAX_ERROR_FRACTION, ratioOf, renderTable, type SystemResults, totals } from "./report";
import { sleep } from "./stats";
import { recordSummary } from "./summary";
import { TARGETS } from "./targets";

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

function describe(system: string, result: PhaseResult): string {
  const rate = result.targetRate === null ? "unthrottled" : `target ${result.targetRate}/s`;
  const p = (value: number | null) => (value === null ? "n/a" : value.toFixed(2));
  const kinds = Object.keys(result.errorKinds).length > 0 ? ` ${JSON.stringify(result.errorKinds)}` : "";
  return (
    `${system} ${result.phase}: ${result.throughput.toFixed(1)} ok/s (${rate}, ${result.connections} conns, ${result.durationSeconds.toFixed(2)} s), ` +
    `p50 ${p(result.latency.p50)} ms, p99 ${p(result.latency.p99)} ms, errors ${result.errors}${kinds}`
  );
}

/** 200 creates, each 100 ms after the previous answer, once the warm-up's work has drained. */
const ONE_AT_A_TIME_REQUESTS = 200;
const ONE_AT_A_TIME_GAP_MS = 100;
const ONE_AT_A_TIME_SETTLE_SECONDS = 10;

/** Half of a measured peak, as a whole positive rate for autocannon's overallRate. */
const halfOf = (peak: PhaseResult): number => Math.max(1, Math.floor(peak.throughput / 2));

async function main(config: BenchConfig): Promise<number> {
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  log(
    `connections=${config.connections} seconds=${config.seconds} warmup=${config.warmupSeconds}s` +
      (config.baselineOnly ? " BENCH_BASELINE_ONLY=1 (gateway skipped)" : ` gateway=${config.gatewayUrl}`),
  );

  let org: { orgId: string; apiKey: string } | undefined;
  if (!config.baselineOnly) {
    await assertReachable(config.gatewayUrl);
    const name = `bench-${stamp}`;
    log(`creating org ${name} with the operator CLI`);
    org = createBenchOrg(config.repoRoot, name);
    log(`org ${org.orgId} ready; preflight create-call`);
    await preflight(config.gatewayUrl, org.apiKey);
  }

  log("preparing schema bench_baseline (truncated)");
  const baseline = await openBaseline(config.databaseUrl, config.connections);
  try {
    const gatewayPhase = async (phase: PhaseName, seconds: number, rate: number | null) => {
      if (!org) throw new Error("no org");
      log(`gateway ${phase} for ${seconds} s${rate === null ? "" : ` at ${rate}/s`}...`);
      const result = await runGateway(config.gatewayUrl, org.apiKey, config.connections, phase, seconds, rate);
      log(describe("gateway", result));
      return result;
    };
    const baselinePhase = async (phase: PhaseName, seconds: number, rate: number | null) => {
      log(`baseline ${phase} for ${seconds} s${rate === null ? "" : ` at ${rate}/s`}...`);
      const result = await baseline.run(phase, seconds, rate);
      log(describe("baseline", result));
      return result;
    };
    const settle = () => sleep(SETTLE_SECONDS * 1000);

    // Warm-up: JIT, connection pools, caches on both sides.
    const gWarm = org && config.warmupSeconds > 0 ? await gatewayPhase("warmup", config.warmupSeconds, null) : undefined;
    if (gWarm) await settle();
    const bWarm = config.warmupSeconds > 0 ? await baselinePhase("warmup", config.warmupSeconds, null) : undefined;
    // Phase 1: one request at a time, before any load has left work behind (a partner's single create).
    await sleep(ONE_AT_A_TIME_SETTLE_SECONDS * 1000);
    const alone = async (system: string, operation: () => Promise<string | null>) => {
      log(`${system} one-at-a-time: ${ONE_AT_A_TIME_REQUESTS} requests, ${ONE_AT_A_TIME_GAP_MS} ms apart...`);
      const result = await oneAtATime(ONE_AT_A_TIME_REQUESTS, ONE_AT_A_TIME_GAP_MS, operation);
      log(describe(system, result));
      return result;
    };
    const apiKey = org?.apiKey;
    const gAlone = apiKey ? await alone("gateway", () => createOneCall(config.gatewayUrl, apiKey)) : undefined;
    const bAlone = await alone("baseline", baseline.once);
    await settle();

    // Phase 2: peak throughput at the same concurrency.
    const gPeak = org ? await gatewayPhase("peak", config.seconds, null) : undefined;
    if (gPeak) await settle();
    const bPeak = await baselinePhase("peak", config.seconds, null);
    await settle();

    // Phase 3: latency at half of each system's own peak.
    const gHalf = gPeak ? await gatewayPhase("half-peak", config.seconds, halfOf(gPeak)) : undefined;
    if (gHalf) await settle();
    const bHalf = await baselinePhase("half-peak", config.seconds, halfOf(bPeak));

    const empty = (phase: PhaseName): PhaseResult => ({
      phase,
      connections: 0,
      targetRate: null,
      durationSeconds: 0,
      ok: 0,
      errors: 0,
      errorKinds: {},
      throughput: 0,
      latency: { samples: 0, mean: null, min: null, p50: null, p90: null, p95: null, p99: null, p999: null, max: null },
    });
    const gateway: SystemResults | undefined =
      gPeak && gHalf && gAlone ? { warmup: gWarm ?? empty("warmup"), peak: gPeak, halfPeak: gHalf, oneAtATime: gAlone } : undefined;
    const base: SystemResults = { warmup: bWarm ?? empty("warmup"), peak: bPeak, halfPeak: bHalf, oneAtATime: bAlone };

    const table = renderTable(gateway, base);
    process.stdout.write(`\n${table}\n`);

    const ratio = ratioOf(gateway, base);
    const gatewayP99 = gateway?.halfPeak.latency.p99 ?? null;
    const gatewayTotals = gateway ? totals(gateway) : undefined;
    const baselineTotals = totals(base);
    const failures: string[] = [];
    if (gatewayTotals && gatewayTotals.errorFraction > MAX_ERROR_FRACTION) {
      failures.push(`gateway: ${gatewayTotals.errors} of ${gatewayTotals.operations} requests failed (> ${MAX_ERROR_FRACTION * 100}%)`);
    }
    if (baselineTotals.errorFraction > MAX_ERROR_FRACTION) {
      failures.push(
        `baseline: ${baselineTotals.errors} of ${baselineTotals.operations} transactions failed (> ${MAX_ERROR_FRACTION * 100}%)`,
      );
    }

    const report = {
      benchmark: "create-call",
      started_at: startedAt.toISOString(),
      finished_at: new Date().toISOString(),
      config: {
        gateway_url: config.baselineOnly ? null : config.gatewayUrl,
        database: redactDatabaseUrl(config.databaseUrl),
        connections: config.connections,
        seconds: config.seconds,
        warmup_seconds: config.warmupSeconds,
        baseline_only: config.baselineOnly,
        settle_seconds: SETTLE_SECONDS,
        max_operations_per_phase: MAX_OPERATIONS_PER_PHASE,
        rate_limiting:
          "autocannon overallRate semantics: per-connection quota per aligned one-second window (the baseline loop mirrors it)",
        latency: "raw per-operation times in ms, nearest-rank percentiles, no coordinated-omission correction",
      },
      environment: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, hostname: os.hostname() },
      org_id: org?.orgId ?? null,
      gateway: gateway ?? null,
      baseline: base,
      summary: {
        gateway_peak_rps: gateway?.peak.throughput ?? null,
        baseline_peak_rps: base.peak.throughput,
        ratio,
        ratio_target: TARGETS.throughputRatio,
        ratio_met: ratio === null ? null : ratio >= TARGETS.throughputRatio,
        gateway_p99_ms_at_half_peak: gatewayP99,
        gateway_p99_target_ms: TARGETS.halfPeakP99Ms,
        gateway_p99_met: gatewayP99 === null ? null : gatewayP99 < TARGETS.halfPeakP99Ms,
        gateway_errors: gatewayTotals ?? null,
        baseline_errors: baselineTotals,
        invalid_run: failures,
      },
    };
    recordSummary("create-call", {
      ratio,
      p99_half_peak_ms: gatewayP99,
      gateway_peak_rps: gateway?.peak.throughput ?? null,
      one_at_a_time_p50_ms: gateway?.oneAtATime.latency.p50 ?? null,
      one_at_a_time_p99_ms: gateway?.oneAtATime.latency.p99 ?? null,
    });
    mkdirSync(config.resultsDir, { recursive: true });
    const file = path.join(config.resultsDir, `create-call-${stamp}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    log(`results written to ${path.relative(config.repoRoot, file)}`);

    if (failures.length > 0) {
      for (const failure of failures) log(`FAIL ${failure}`);
      return 1;
    }
    return 0;
  } finally {
    await baseline.close().catch(() => undefined);
  }
}

/** The database URL without its password, for the results file. */
function redactDatabaseUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "(unparseable)";
  }
}

let config: BenchConfig;
try {
  config = loadConfig();
} catch (error) {
  log(`configuration error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

main(config).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log(`${error instanceof GatewayUnreachableError ? "ERROR" : "FATAL"} ${redact(message)}`);
    process.exit(1);
  },
);

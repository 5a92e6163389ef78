import type { PhaseResult } from "./phase";
import { TARGETS } from "./targets";

/** More failed operations than this fraction makes the run invalid (exit 1). */
export const MAX_ERROR_FRACTION = 0.01;

export type SystemResults = { warmup: PhaseResult; peak: PhaseResult; halfPeak: PhaseResult; oneAtATime: PhaseResult };

export type Totals = { operations: number; errors: number; errorFraction: number };

/** Errors over the measured phases (peak + half-peak); warm-up is reported but not judged. */
export function totals(system: SystemResults): Totals {
  const operations = system.peak.ok + system.peak.errors + system.halfPeak.ok + system.halfPeak.errors;
  const errors = system.peak.errors + system.halfPeak.errors;
  return { operations, errors, errorFraction: operations > 0 ? errors / operations : 1 };
}

/** A figure to print: "n/a" when there is none. */
export const fixed = (value: number | null, digits: number): string =>
  value === null || !Number.isFinite(value) ? "n/a" : value.toFixed(digits);

function row(label: string, system: SystemResults | undefined): string {
  if (!system) return `| ${label} | skipped | skipped | skipped | skipped | skipped | skipped |`;
  const t = totals(system);
  return [
    "",
    ` ${label} `,
    ` ${fixed(system.peak.throughput, 1)} `,
    ` ${fixed(system.halfPeak.latency.p50, 2)} `,
    ` ${fixed(system.halfPeak.latency.p99, 2)} `,
    ` ${fixed(system.oneAtATime.latency.p50, 2)} `,
    ` ${fixed(system.oneAtATime.latency.p99, 2)} `,
    ` ${t.errors} / ${t.operations} (${(t.errorFraction * 100).toFixed(2)}%) `,
    "",
  ].join("|");
}

export function ratioOf(gateway: SystemResults | undefined, baseline: SystemResults): number | null {
  if (!gateway || baseline.peak.throughput <= 0) return null;
  return gateway.peak.throughput / baseline.peak.throughput;
}

export function renderTable(gateway: SystemResults | undefined, baseline: SystemResults): string {
  const ratio = ratioOf(gateway, baseline);
  const skipped = gateway ? "" : "  (gateway skipped: BENCH_BASELINE_ONLY=1)";
  return [
    "| system | peak req/s | p50 ms @ half peak | p99 ms @ half peak | p50 ms one at a time | p99 ms one at a time | errors |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    row("gateway create-call", gateway),
    row("pg baseline", baseline),
    "",
    `ratio (gateway/baseline peak throughput): ${fixed(ratio, 2)}  target >= ${TARGETS.throughputRatio.toFixed(2)}${skipped}`,
    `gateway p99 @ half peak: ${fixed(gateway?.halfPeak.latency.p99 ?? null, 2)} ms  target < ${TARGETS.halfPeakP99Ms} ms${skipped}`,
    `gateway one at a time: p50 ${fixed(gateway?.oneAtATime.latency.p50 ?? null, 2)} ms  target <= ${TARGETS.aloneP50Ms} ms, ` +
      `p99 ${fixed(gateway?.oneAtATime.latency.p99 ?? null, 2)} ms  target <= ${TARGETS.aloneP99Ms} ms${skipped}`,
  ].join("\n");
}

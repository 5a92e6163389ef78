import { LatencySamples, type LatencySummary, msSince, sleep } from "./stats";

export type PhaseName = "warmup" | "peak" | "half-peak" | "one-at-a-time";

/** What one system did in one phase; the same shape for the gateway and the baseline. */
export type PhaseResult = {
  phase: PhaseName;
  /** Concurrent connections / workers actually used. */
  connections: number;
  /** Overall rate limit in operations per second, or null when unthrottled. */
  targetRate: number | null;
  /** Wall time of the phase, seconds. */
  durationSeconds: number;
  /** Operations that succeeded (HTTP 201 / COMMIT). */
  ok: number;
  /** Operations that failed: non-201 responses, connection errors, timeouts, SQL errors. */
  errors: number;
  /** Error counts by kind, e.g. "http_500", "timeout", "23505". */
  errorKinds: Record<string, number>;
  /** Successful operations per second. */
  throughput: number;
  /** Per-operation latency in ms, raw samples (no coordinated-omission correction). */
  latency: LatencySummary;
};

export function countKind(kinds: Record<string, number>, kind: string): void {
  kinds[kind] = (kinds[kind] ?? 0) + 1;
}

/**
 * `count` operations one after another, each `gapMs` after the previous one answered: the latency of a
 * single request on a system that is otherwise idle. `operation` resolves to null on success, else to
 * the kind of failure.
 */
export async function oneAtATime(count: number, gapMs: number, operation: () => Promise<string | null>): Promise<PhaseResult> {
  const samples = new LatencySamples(count);
  const errorKinds: Record<string, number> = {};
  let ok = 0;
  const startNs = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const begin = process.hrtime.bigint();
    const failure = await operation().catch((error: unknown) => (error instanceof Error ? error.message.slice(0, 80) : "unknown"));
    samples.record(msSince(begin));
    if (failure === null) ok++;
    else countKind(errorKinds, failure);
    await sleep(gapMs);
  }
  const durationSeconds = msSince(startNs) / 1000;
  return {
    phase: "one-at-a-time",
    connections: 1,
    targetRate: null,
    durationSeconds,
    ok,
    errors: count - ok,
    errorKinds,
    throughput: ok / durationSeconds,
    latency: samples.summary(),
  };
}

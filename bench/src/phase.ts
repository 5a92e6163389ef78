import type { LatencySummary } from "./stats";

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

/**
 * Readiness means "this instance can serve its own traffic". An instance is ready when it is not
 * draining (after SIGTERM) and every dependency it cannot serve without answers. A dependency it
 * rides out by design (Kafka behind an outbox, Redis behind a rate limiter that fails open) is only
 * diagnosed: it never makes the instance unready, so an outage of it never empties a load balancer.
 */
export type ReadinessState = "ready" | "unavailable" | "draining";

/** One dependency's last check: whether it answered, and whether readiness waits on it. */
export type DependencyResult = { name: string; gatesReadiness: boolean; ok: boolean };

export function readinessOf(draining: boolean, results: readonly DependencyResult[]): ReadinessState {
  if (draining) return "draining";
  return results.every((result) => result.ok || !result.gatesReadiness) ? "ready" : "unavailable";
}

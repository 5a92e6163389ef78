import { createCounter, type createMetricsRegistry } from "@voxbridge/kit";
import type { QuotaMetrics } from "../app/ports";

type Registry = ReturnType<typeof createMetricsRegistry>;

/** Prometheus counters of holds, lifecycle events, rebuilds and released holds. */
export function createQuotaMetrics(registry: Registry): QuotaMetrics {
  const holds = createCounter(registry, { name: "voxbridge_quota_holds_total", help: "Hold requests by outcome", labelNames: ["outcome"] });
  const events = createCounter(registry, {
    name: "voxbridge_quota_call_events_total",
    help: "Lifecycle events applied to the ledger, by outcome",
    labelNames: ["outcome"],
  });
  const rebuilds = createCounter(registry, {
    name: "voxbridge_quota_counter_rebuilds_total",
    help: "Redis counters rebuilt from the ledger",
  });
  const released = createCounter(registry, {
    name: "voxbridge_quota_holds_released_total",
    help: "Holds released without their call ending: given back by the gateway, or expired by reconciliation",
    labelNames: ["reason"],
  });
  return {
    hold: (outcome) => holds.inc({ outcome }),
    callEvent: (outcome) => events.inc({ outcome }),
    rebuild: () => rebuilds.inc(),
    holdsReleased: (reason, count) => released.inc({ reason }, count),
  };
}

/** Counts nothing: for use cases built without a registry (tests). */
export const noQuotaMetrics: QuotaMetrics = { hold: () => {}, callEvent: () => {}, rebuild: () => {}, holdsReleased: () => {} };

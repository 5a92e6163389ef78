import type { MinuteCounters, MinuteLedger, QuotaMetrics } from "./ports";

export type CounterSyncDeps = { counters: MinuteCounters; ledger: MinuteLedger; metrics: QuotaMetrics };

/**
 * Keeps Redis counters derivable from the ledger. A rebuild takes the org's ledger lock exclusively:
 * every ledger change that Redis mirrors happens under the same lock shared, together with its Redis
 * update, so the snapshot never falls between the two. A hold holds it shared from before its row is
 * written until its check has decided (a refused hold's row gone again), so every open hold in a
 * snapshot was granted, or its request failed and it counts until expiry: never a free minute.
 */
export function createCounterSync(deps: CounterSyncDeps) {
  const inFlight = new Map<string, Promise<void>>();

  const rebuildNow = (orgId: string, period: string) =>
    deps.ledger.withOrgLock(orgId, "exclusive", async (ledger) => {
      const missing = await deps.counters.missing(orgId, period);
      if (!missing.holds && !missing.period) return;
      const snapshot = await ledger.snapshot(orgId, period, missing.holds);
      await deps.counters.load(orgId, period, snapshot);
      deps.metrics.rebuild();
    });

  return {
    /** Loads the org's missing counters for the period from the ledger; one rebuild per org and period at a time in this process. */
    rebuild(orgId: string, period: string): Promise<void> {
      const key = `${orgId}:${period}`;
      const running = inFlight.get(key);
      if (running !== undefined) return running;
      const started = rebuildNow(orgId, period).finally(() => inFlight.delete(key));
      inFlight.set(key, started);
      return started;
    },
    /** Drops counters Redis may have missed a change to; the next use rebuilds them. Safe at any time, like a Redis restart. */
    invalidate(orgId: string, periods: string[]): Promise<void> {
      return deps.counters.drop(orgId, periods);
    },
  };
}
export type CounterSync = ReturnType<typeof createCounterSync>;

import type { Clock } from "@voxbridge/kit/core";
import type { MinuteCounters, MinuteLedger, QuotaMetrics } from "./ports";
import { guardStores } from "./store-errors";

export type HoldReconcilerDeps = { counters: MinuteCounters; ledger: MinuteLedger; metrics: QuotaMetrics; now: Clock };

const BATCH_SIZE = 200;
/** Bounds one pass; whatever is left waits for the next. */
const MAX_BATCHES = 25;
/** Releases at once, each on a lock-pool connection (the pass holds one more for its job lock): leaves room for rebuilds and settlements. */
const CONCURRENCY = 2;

/**
 * Releases holds nobody will release: unconfirmed ones whose call never reached Kafka (the gateway's
 * transaction failed after the hold, or the gateway crashed), and confirmed ones whose call went
 * silent past the maximum. One instance at a time runs a pass. Each release takes the org's shared
 * lock and drops the hold from Redis before the ledger row closes, so Redis never counts a hold the
 * ledger does not have; a crash in between leaves the row open and the next pass finishes it.
 */
export function createHoldReconciler(deps: HoldReconcilerDeps) {
  const releaseOne = async (hold: { callId: string; orgId: string }): Promise<boolean> => {
    const outcome = await deps.ledger.withOrgLock(hold.orgId, "shared", (ledger) =>
      ledger.releaseHold(hold.callId, { kind: "expire", now: deps.now() }, () => deps.counters.release(hold.orgId, hold.callId)),
    );
    return outcome === "released";
  };

  return {
    /** One pass. `ran` is false when another instance was running one. */
    releaseExpiredHolds(): Promise<{ ran: boolean; released: number }> {
      return guardStores(async () => {
        let released = 0;
        const ran = await deps.ledger.runAlone("release-expired-holds", async () => {
          for (let batch = 0; batch < MAX_BATCHES; batch++) {
            const expired = await deps.ledger.expiredHolds(deps.now(), BATCH_SIZE);
            for (let i = 0; i < expired.length; i += CONCURRENCY) {
              const done = await Promise.all(expired.slice(i, i + CONCURRENCY).map(releaseOne));
              released += done.filter(Boolean).length;
            }
            if (expired.length < BATCH_SIZE) break;
          }
        });
        if (released > 0) deps.metrics.holdsReleased("expired", released);
        return { ran, released };
      });
    },
  };
}

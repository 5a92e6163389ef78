import type { Clock } from "@voxbridge/kit/core";
import { createCallEvents } from "./apply-call-event";
import { createCounterSync } from "./counter-sync";
import { createMinuteHolds } from "./minute-holds";
import type { MinuteCounters, MinuteLedger, QuotaMetrics } from "./ports";
import { createHoldReconciler } from "./reconcile-holds";

export type MinuteAccountingOptions = {
  counters: MinuteCounters;
  ledger: MinuteLedger;
  metrics: QuotaMetrics;
  now: Clock;
  holdMinutes: number;
  unconfirmedHoldTtlSeconds: number;
  maxHoldSeconds: number;
};

/** Every quota use case over one set of counters, ledger and clock. */
export function createMinuteAccounting(options: MinuteAccountingOptions) {
  const { counters, ledger, metrics, now } = options;
  const sync = createCounterSync({ counters, ledger, metrics });
  return {
    sync,
    holds: createMinuteHolds({
      counters,
      ledger,
      sync,
      metrics,
      now,
      holdMinutes: options.holdMinutes,
      unconfirmedHoldTtlSeconds: options.unconfirmedHoldTtlSeconds,
    }),
    events: createCallEvents({ counters, ledger, sync, metrics, now, maxHoldSeconds: options.maxHoldSeconds }),
    reconciler: createHoldReconciler({ counters, ledger, metrics, now }),
  };
}
export type MinuteAccounting = ReturnType<typeof createMinuteAccounting>;

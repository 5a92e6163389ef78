import type { CallEvent } from "@voxbridge/contracts";
import type { Clock } from "@voxbridge/kit";
import { settlementStepOf } from "../domain/call-settlement";
import { holdExpiry } from "../domain/hold-expiry";
import type { CounterSync } from "./counter-sync";
import type { MinuteCounters, MinuteLedger, QuotaMetrics } from "./ports";
import { guardStores } from "./store-errors";

export type CallEventsDeps = {
  counters: MinuteCounters;
  ledger: MinuteLedger;
  sync: CounterSync;
  metrics: QuotaMetrics;
  /** How long a confirmed hold lives past the later of now and its scheduled time, renewed by each event. */
  maxHoldSeconds: number;
  now: Clock;
};

export type CallEventOutcome = "confirmed" | "ended" | "replay" | "ignored";

/**
 * Applies lifecycle events to calls' minutes. `call.queued` / `call.calling` confirm the hold (it
 * is not leaked; it lives on), without a lock when it is open and counted, since that changes no
 * counter; an end releases it and bills the talk time once per call, whatever
 * the order and however often events arrive. Each change is written to the ledger, then mirrored to
 * Redis, under the org's shared lock. A replayed end changes nothing in the ledger, but Redis may
 * have missed the first delivery's update (a crash or outage between the two), so it drops the org's
 * counters and the next use rebuilds them.
 */
export function createCallEvents(deps: CallEventsDeps) {
  return {
    apply(event: CallEvent): Promise<CallEventOutcome> {
      return guardStores(async () => {
        const orgId = event.data.org_id;
        const callId = event.subject;
        const step = settlementStepOf(event);
        const now = deps.now();
        let outcome: CallEventOutcome;
        if (step.kind === "confirm") {
          const expiresAt = holdExpiry.confirmed(now, step.scheduledAt, deps.maxHoldSeconds);
          // Fast path, no lock: the hold is open and Redis counts it; only metadata changes.
          const touched = await deps.ledger.touchHold(orgId, callId, now, expiresAt);
          const counted = typeof touched === "object" ? await deps.counters.findHold(orgId, callId) : null;
          if (counted === "present" || counted === "cold") outcome = "confirmed";
          else if (touched === "none") outcome = "ignored";
          else {
            // The hold is missing from Redis, or was released before this event proved the call real:
            // restore it under the org's lock (counted even over the limit: the call was accepted).
            const open = await deps.ledger.withOrgLock(orgId, "shared", async (ledger) => {
              const hold = await ledger.confirmHold(orgId, callId, now, expiresAt);
              if (hold) await deps.counters.ensureHeld(orgId, callId, hold.minutes);
              return hold !== null;
            });
            outcome = open ? "confirmed" : "ignored";
          }
        } else {
          outcome = await deps.ledger.withOrgLock(orgId, "shared", async (ledger) => {
            const ended = await ledger.endCall({
              orgId,
              callId,
              eventId: event.id,
              reason: step.reason,
              billedMinutes: step.billedMinutes,
              billedPeriod: step.billedPeriod,
              now,
            });
            // Ledger first: if Redis misses this (crash, outage), the event is redelivered as a replay, which drops the counters.
            if (ended === "ended") await deps.counters.settle(orgId, callId, step.billedPeriod, step.billedMinutes);
            return ended;
          });
          if (outcome === "replay") await deps.sync.invalidate(orgId, [step.billedPeriod]);
        }
        deps.metrics.callEvent(outcome);
        return outcome;
      });
    },
  };
}
export type CallEvents = ReturnType<typeof createCallEvents>;

import type { CallEvent } from "@voxbridge/contracts";
import type { Clock } from "@voxbridge/kit/core";
import { type SettlementStep, settlementStepOf } from "../domain/call-settlement";
import { holdExpiry } from "../domain/hold-expiry";
import type { CounterSync } from "./counter-sync";
import type { MinuteCounters, MinuteLedger, QuotaMetrics, TouchedHold } from "./ports";
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
  /** After the touch: the fast answer when Redis counts the hold, else the locked path decides. */
  const finishConfirm = async (
    orgId: string,
    callId: string,
    touched: TouchedHold,
    counted: Awaited<ReturnType<MinuteCounters["findHold"]>> | null,
    now: Date,
    expiresAt: Date,
  ): Promise<CallEventOutcome> => {
    if (counted === "present" || counted === "cold") return "confirmed";
    if (touched === "none") return "ignored";
    // The hold is missing from Redis, or was released before this event proved the call real:
    // restore it under the org's lock (counted even over the limit: the call was accepted).
    const open = await deps.ledger.withOrgLock(orgId, "shared", async (ledger) => {
      const hold = await ledger.confirmHold(orgId, callId, now, expiresAt);
      if (hold) await deps.counters.ensureHeld(orgId, callId, hold.minutes);
      return hold !== null;
    });
    return open ? "confirmed" : "ignored";
  };

  /** Confirms a run of calls: one ledger statement for all, Redis asked for all at once, then each finished in order. */
  const confirmAll = async (
    confirms: { event: CallEvent; step: Extract<SettlementStep, { kind: "confirm" }> }[],
    now: Date,
  ): Promise<CallEventOutcome[]> => {
    const holds = confirms.map(({ event, step }) => ({
      orgId: event.data.org_id,
      callId: event.subject,
      expiresAt: holdExpiry.confirmed(now, step.scheduledAt, deps.maxHoldSeconds),
    }));
    // Fast path, no lock: the hold is open and Redis counts it; only metadata changes.
    const touched = await deps.ledger.touchHolds(holds, now);
    const counted = await Promise.all(
      holds.map((hold, index) => (typeof touched[index] === "object" ? deps.counters.findHold(hold.orgId, hold.callId) : null)),
    );
    const outcomes: CallEventOutcome[] = [];
    for (const [index, hold] of holds.entries())
      outcomes.push(await finishConfirm(hold.orgId, hold.callId, touched[index] ?? "none", counted[index] ?? null, now, hold.expiresAt));
    return outcomes;
  };

  const end = async (event: CallEvent, step: Extract<SettlementStep, { kind: "end" }>, now: Date): Promise<CallEventOutcome> => {
    const orgId = event.data.org_id;
    const callId = event.subject;
    const outcome = await deps.ledger.withOrgLock(orgId, "shared", async (ledger) => {
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
    return outcome;
  };

  /**
   * Applies events in their order, with each run of consecutive confirms written as one: a fetched
   * batch from Kafka costs one ledger statement per run rather than one per event.
   */
  const applyAll = (events: CallEvent[]): Promise<CallEventOutcome[]> =>
    guardStores(async () => {
      const now = deps.now();
      const outcomes: CallEventOutcome[] = [];
      let confirms: Parameters<typeof confirmAll>[0] = [];
      const flush = async () => {
        if (confirms.length > 0) outcomes.push(...(await confirmAll(confirms, now)));
        confirms = [];
      };
      for (const event of events) {
        const step = settlementStepOf(event);
        if (step.kind === "confirm") confirms.push({ event, step });
        else {
          await flush();
          outcomes.push(await end(event, step, now));
        }
      }
      await flush();
      for (const outcome of outcomes) deps.metrics.callEvent(outcome);
      return outcomes;
    });

  return {
    applyAll,
    apply: async (event: CallEvent): Promise<CallEventOutcome> => (await applyAll([event]))[0] ?? "ignored",
  };
}
export type CallEvents = ReturnType<typeof createCallEvents>;

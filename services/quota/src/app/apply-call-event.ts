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

  /**
   * Ends a set of calls, each at most once: per org, one ledger transaction under the org's lock,
   * then each ended call's Redis settlement. A replay drops the org's counters for its periods.
   */
  const endAll = async (ends: { event: CallEvent; step: Extract<SettlementStep, { kind: "end" }> }[], now: Date) => {
    const outcomes: CallEventOutcome[] = [];
    for (const [orgId, indexes] of groupBy(ends, ({ event }) => event.data.org_id)) {
      const ofOrg = indexes.map((index) => ends[index] as (typeof ends)[number]);
      const ended = await deps.ledger.withOrgLock(orgId, "shared", async (ledger) => {
        const results = await ledger.endCalls(
          ofOrg.map(({ event, step }) => ({
            orgId,
            callId: event.subject,
            eventId: event.id,
            reason: step.reason,
            billedMinutes: step.billedMinutes,
            billedPeriod: step.billedPeriod,
            now,
          })),
        );
        // Ledger first: if Redis misses this (crash, outage), the event is redelivered as a replay, which drops the counters.
        await Promise.all(
          ofOrg.map(({ event, step }, i) =>
            results[i] === "ended" ? deps.counters.settle(orgId, event.subject, step.billedPeriod, step.billedMinutes) : undefined,
          ),
        );
        return results;
      });
      const replayedPeriods = new Set<string>();
      for (const [i, { step }] of ofOrg.entries()) {
        const outcome = ended[i] ?? "replay";
        outcomes[indexes[i] as number] = outcome;
        if (outcome === "replay") replayedPeriods.add(step.billedPeriod);
      }
      if (replayedPeriods.size > 0) await deps.sync.invalidate(orgId, [...replayedPeriods]);
    }
    return outcomes;
  };

  /**
   * Applies a fetched batch: each call's events in their order, different calls' at once. Wave n
   * takes the n-th event of every call in the batch: its confirms in one ledger statement, its ends
   * in one transaction per org. Calls' minutes do not depend on each other's order, only on their own.
   */
  const applyAll = (events: CallEvent[]): Promise<CallEventOutcome[]> =>
    guardStores(async () => {
      const now = deps.now();
      const outcomes: CallEventOutcome[] = events.map(() => "ignored");
      const ofCall = [...groupBy(events, (event) => event.subject.toLowerCase()).values()];
      for (let wave = 0; ofCall.some((indexes) => indexes.length > wave); wave++) {
        const confirms: (Parameters<typeof confirmAll>[0][number] & { index: number })[] = [];
        const ends: (Parameters<typeof endAll>[0][number] & { index: number })[] = [];
        for (const index of ofCall.flatMap((indexes) => indexes[wave] ?? [])) {
          const event = events[index] as CallEvent;
          const step = settlementStepOf(event);
          if (step.kind === "confirm") confirms.push({ event, step, index });
          else ends.push({ event, step, index });
        }
        const confirmed = confirms.length > 0 ? await confirmAll(confirms, now) : [];
        for (const [i, { index }] of confirms.entries()) outcomes[index] = confirmed[i] ?? "ignored";
        const ended = ends.length > 0 ? await endAll(ends, now) : [];
        for (const [i, { index }] of ends.entries()) outcomes[index] = ended[i] ?? "ignored";
      }
      for (const outcome of outcomes) deps.metrics.callEvent(outcome);
      return outcomes;
    });

  return {
    applyAll,
    apply: async (event: CallEvent): Promise<CallEventOutcome> => (await applyAll([event]))[0] ?? "ignored",
  };
}

/** The indexes of items with the same key, in the items' order (and the keys in their first appearance's). */
const groupBy = <T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, number[]> =>
  Map.groupBy(items.keys(), (index) => keyOf(items[index] as T));

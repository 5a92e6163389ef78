import type { MinuteAllowanceOut, MinuteHoldResponse, UsageOut } from "@voxbridge/contracts";
import { AppError, type Clock } from "@voxbridge/kit/core";
import { talkSecondsAllowed } from "../domain/billing";
import { holdExpiry } from "../domain/hold-expiry";
import { nextPeriod, periodBounds, periodOf } from "../domain/period";
import type { CounterSync } from "./counter-sync";
import type { HoldDecision, MinuteCounters, MinuteLedger, PeriodCounters, QuotaMetrics } from "./ports";
import { guardStores, storeUnavailable } from "./store-errors";

export type MinuteHoldsDeps = {
  counters: MinuteCounters;
  ledger: MinuteLedger;
  sync: CounterSync;
  metrics: QuotaMetrics;
  /** Minutes each accepted call holds until it ends. */
  holdMinutes: number;
  /** How long a hold may wait for a lifecycle event showing the gateway accepted its call. */
  unconfirmedHoldTtlSeconds: number;
  now: Clock;
};

/** Rebuilds one caller waits through before answering 503 (something keeps deleting the keys). */
const MAX_COLD_ATTEMPTS = 10;

const REFUSED: MinuteHoldResponse = { granted: false, minutes_held: 0 };

/**
 * Holds, gives back and reports minutes. A hold is written to the ledger first, then checked and
 * counted in Redis atomically, so the ledger always has every hold Redis counts; a refused hold's row
 * goes again. Both happen under the org's lock, shared, so a rebuild never reads a hold whose check
 * is undecided (docs/quota.md, "Why a Redis loss changes nothing"). Redis unreachable: 503, never
 * an unchecked grant.
 */
export function createMinuteHolds(deps: MinuteHoldsDeps) {
  /** The period's counters, rebuilt from the ledger when Redis has lost them. */
  const readCounters = async (orgId: string, period: string, callId?: string): Promise<PeriodCounters & { callHeld: number }> => {
    for (let attempt = 1; ; attempt++) {
      const counters = await deps.counters.read(orgId, period, callId);
      if (counters) return counters;
      if (attempt >= MAX_COLD_ATTEMPTS) throw storeUnavailable(new Error("counters still missing after rebuilds"));
      await deps.sync.rebuild(orgId, period);
    }
  };

  const remaining = (counters: PeriodCounters) => Math.max(0, counters.limit - counters.used - counters.held);

  const usage = (orgId: string): Promise<UsageOut> =>
    guardStores(async () => {
      const period = periodOf(deps.now());
      const counters = await readCounters(orgId, period);
      const { start, end } = periodBounds(period);
      return {
        period_start: start.toISOString(),
        period_end: end.toISOString(),
        minutes_limit: counters.limit,
        minutes_used: counters.used,
        minutes_reserved: counters.held,
        minutes_remaining: remaining(counters),
      };
    });

  return {
    /** Holds minutes for a call while used + held + hold <= limit; idempotent per call id. */
    hold(orgId: string, callId: string): Promise<MinuteHoldResponse> {
      return guardStores(async () => {
        const now = deps.now();
        const period = periodOf(now);
        const hold = {
          orgId,
          callId,
          period,
          minutes: deps.holdMinutes,
          expiresAt: holdExpiry.unconfirmed(now, deps.unconfirmedHoldTtlSeconds),
        };
        for (let attempt = 1; ; attempt++) {
          const answer = await deps.ledger.holdUnderLock(
            hold,
            async (record): Promise<HoldDecision<MinuteHoldResponse | null | "unreachable">> => {
              if (record.orgId !== orgId) {
                deps.metrics.hold("other_org");
                throw new AppError("conflict", "This call id belongs to another organization", { param: "call_id" });
              }
              if (record.status !== "held") {
                // The call has ended already (its hold settled or released by its events): it exists and is
                // accounted for, so a retried hold is answered as granted, and holds nothing.
                deps.metrics.hold("settled");
                return { row: "keep", result: { granted: true, minutes_held: 0 } };
              }
              const { outcome, minutesLeft } = await deps.counters.hold(orgId, period, callId, record.minutes);
              if (outcome === "cold") return { row: "retry", result: null };
              // Redis is down: 503, and the row goes, so a refused request holds nothing once answered.
              if (outcome === "unreachable") return { row: "unsent", result: "unreachable" };
              deps.metrics.hold(outcome);
              if (outcome === "refused") return { row: "refused", result: REFUSED };
              // With the dialer's allowance as of now: carried on call.queued, a call dialed at once needs no second question.
              const talk = talkSecondsAllowed(minutesLeft, record.minutes);
              return { row: "keep", result: { granted: true, minutes_held: record.minutes, talk_seconds_allowed: talk } };
            },
          );
          if (answer === "unreachable") throw storeUnavailable(new Error("redis unreachable: nothing was held"));
          if (answer) return answer;
          // The counters are missing. The lock is let go (a rebuild takes it exclusively): rebuild, then hold again.
          if (attempt >= MAX_COLD_ATTEMPTS) throw storeUnavailable(new Error("counters still missing after rebuilds"));
          await deps.sync.rebuild(orgId, period);
        }
      });
    },

    /** Gives back the hold of a call the gateway did not accept. Only an unconfirmed hold: a call seen on Kafka exists. */
    release(callId: string, orgIdHint?: string): Promise<void> {
      return guardStores(async () => {
        const orgId = await deps.ledger.orgOfCall(callId);
        if (!orgId || (orgIdHint !== undefined && orgIdHint !== orgId)) return;
        const outcome = await deps.ledger.withOrgLock(orgId, "shared", (ledger) =>
          ledger.releaseHold(callId, { kind: "abort", now: deps.now() }, () => deps.counters.release(orgId, callId)),
        );
        if (outcome === "released") deps.metrics.holdsReleased("aborted", 1);
      });
    },

    usage,

    /** What the dialer may let a call talk: the org's remaining minutes plus what the call itself holds. */
    allowance(orgId: string, callId?: string): Promise<MinuteAllowanceOut> {
      return guardStores(async () => {
        const period = periodOf(deps.now());
        const counters = await readCounters(orgId, period, callId);
        const minutesRemaining = remaining(counters);
        return {
          period_end: periodBounds(period).end.toISOString(),
          minutes_remaining: minutesRemaining,
          call_minutes_held: counters.callHeld,
          talk_seconds_allowed: talkSecondsAllowed(minutesRemaining, counters.callHeld),
        };
      });
    },

    /**
     * Sets the org's monthly limit. Under the org's lock: the Redis keys that carry the limit are
     * dropped first, then the ledger changes, and no rebuild can run in between, so Redis never keeps
     * the old limit (Redis down: 503 and nothing changed; Postgres down: the next rebuild reads the old one).
     */
    setLimit(orgId: string, minutesLimit: number): Promise<UsageOut> {
      return guardStores(async () => {
        const period = periodOf(deps.now());
        await deps.ledger.withOrgLock(orgId, "shared", async (ledger) => {
          await deps.counters.drop(orgId, [period, nextPeriod(period)], { holds: false });
          await ledger.setLimit(orgId, minutesLimit);
        });
        return usage(orgId);
      });
    },
  };
}
export type MinuteHolds = ReturnType<typeof createMinuteHolds>;

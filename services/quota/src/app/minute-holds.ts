import type { UsageOut } from "@voxbridge/contracts";
import { AppError } from "@voxbridge/kit";
import { periodBounds, periodOf } from "../domain/period";
import type { MinuteCounters, MinuteLedger, PeriodCounters } from "./ports";

export type MinuteHoldsDeps = { counters: MinuteCounters; ledger: MinuteLedger; holdMinutes: number; now: () => Date };

/**
 * Holds, releases and reports minutes. Redis answers the hot path; every hold is also written to the
 * Postgres ledger, and Redis counters missing (flushed, restarted) are rebuilt from that ledger.
 * Redis unreachable: refuse with 503 (never grant unchecked minutes).
 */
export function createMinuteHolds(deps: MinuteHoldsDeps) {
  const unavailable = (cause: unknown) => new AppError("dependency_unavailable", "Minute accounting store unavailable", { cause });
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw error instanceof AppError ? error : unavailable(error);
    }
  };

  const warm = async (orgId: string, period: string) => {
    const { counters, holds } = await deps.ledger.snapshot(orgId, period);
    await deps.counters.load(orgId, period, counters, holds);
  };

  return {
    async hold(orgId: string, callId: string): Promise<{ granted: boolean; minutes_held: number }> {
      return guard(async () => {
        const period = periodOf(deps.now());
        let outcome = await deps.counters.hold(orgId, period, callId, deps.holdMinutes);
        if (outcome === "cold") {
          await warm(orgId, period);
          outcome = await deps.counters.hold(orgId, period, callId, deps.holdMinutes);
        }
        if (outcome !== "granted") return { granted: false, minutes_held: 0 };
        try {
          await deps.ledger.recordHold({ orgId, callId, period, minutes: deps.holdMinutes });
        } catch (error) {
          await deps.counters.release(orgId, period, callId).catch(() => undefined);
          throw unavailable(error);
        }
        return { granted: true, minutes_held: deps.holdMinutes };
      });
    },

    async release(callId: string): Promise<void> {
      await guard(async () => {
        const closed = await deps.ledger.releaseHold(callId);
        if (closed) await deps.counters.release(closed.orgId, closed.period, callId);
      });
    },

    async usage(orgId: string): Promise<UsageOut> {
      return guard(async () => {
        const period = periodOf(deps.now());
        let counters: PeriodCounters | null = await deps.counters.read(orgId, period);
        if (!counters) {
          await warm(orgId, period);
          counters = (await deps.counters.read(orgId, period)) ?? { limit: 0, used: 0, held: 0 };
        }
        const { start, end } = periodBounds(period);
        return {
          period_start: start.toISOString(),
          period_end: end.toISOString(),
          minutes_limit: counters.limit,
          minutes_used: counters.used,
          minutes_reserved: counters.held,
          minutes_remaining: Math.max(0, counters.limit - counters.used - counters.held),
        };
      });
    },
  };
}
export type MinuteHolds = ReturnType<typeof createMinuteHolds>;

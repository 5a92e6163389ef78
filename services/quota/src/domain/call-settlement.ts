import type { CallEvent } from "@voxbridge/contracts";
import { billedMinutes, billingPeriodOf } from "./billing";

/** How the call ended, as the ledger records it. */
export type EndReason = "completed" | "failed" | "canceled";

/** What one lifecycle event means for a call's minutes. */
export type SettlementStep =
  /** The call exists (queued), is live (calling) or waits for its next attempt (updated): its hold is real and stays open until then. */
  | { kind: "confirm"; scheduledAt: string | null }
  /** The call ended: release its hold and bill `billedMinutes` (0: nothing) in `billedPeriod`. */
  | { kind: "end"; reason: EndReason; billedMinutes: number; billedPeriod: string };

/**
 * `call.completed` bills ceil(duration / 60) minutes. `call.failed` and `call.canceled` bill the
 * same way when the call did talk (a call that failed mid-conversation used the line) and nothing
 * otherwise. Every end releases the hold.
 */
export function settlementStepOf(event: CallEvent): SettlementStep {
  const call = event.data.call;
  switch (event.type) {
    case "call.queued":
    case "call.calling":
    case "call.updated":
      // The next attempt may wait past schedule_at (a calling window, a retry): the hold lasts until it.
      return { kind: "confirm", scheduledAt: call.next_attempt_at ?? call.scheduled_at };
    case "call.completed":
    case "call.failed":
    case "call.canceled":
      return {
        kind: "end",
        reason: event.type.slice("call.".length) as EndReason,
        billedMinutes: billedMinutes(call.duration_seconds),
        billedPeriod: billingPeriodOf(call, event.time),
      };
  }
}

import type { CallEvent } from "@voxbridge/contracts";
import { billedMinutes, billingPeriodOf } from "./billing";

/** How the call ended, as the ledger records it. */
export type EndReason = "completed" | "failed" | "canceled";

/** What one lifecycle event means for a call's minutes (quota does not subscribe to `call.updated`, which changes none). */
export type SettlementStep =
  /** The call exists (queued) or is live (calling): its hold is real and stays open. */
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
      return { kind: "confirm", scheduledAt: call.scheduled_at };
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

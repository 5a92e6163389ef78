import type { CallOut, CallStatus } from "@voxbridge/contracts";

/**
 * The rule "the dialer alone ends a call": the gateway never writes a terminal status. A cancel is
 * a request, recorded on the call (`cancel_requested_at`) with its `call.cancel_requested` event,
 * once; the dialer carries it out and publishes the call's one terminal event.
 */
export type CancelDecision =
  /** The call has ended: nothing to cancel (409). */
  | { kind: "ended"; status: CallStatus }
  /** The first request: record it and tell the dialer. */
  | { kind: "request" }
  /** Asked before and not yet carried out: nothing new to write; answer as the first time. */
  | { kind: "pending" };

const ENDED: ReadonlySet<CallStatus> = new Set(["completed", "failed", "canceled"]);

export function cancelDecision(call: Pick<CallOut, "status" | "cancel_requested_at">): CancelDecision {
  if (ENDED.has(call.status)) return { kind: "ended", status: call.status };
  return call.cancel_requested_at === null ? { kind: "request" } : { kind: "pending" };
}

/**
 * Whether the answer waits (briefly) for the dialer's `call.canceled` to reach the record: only for
 * a call nothing has dialed yet, which the dialer ends at once, so the partner gets the canceled
 * record as before. A call being dialed or talking is answered 202 at once.
 */
export const waitsForEnd = (call: Pick<CallOut, "status">): boolean => call.status === "queued";

/** The answer, given the record after the request (and any wait). */
export type CancelAnswer =
  /** 200: the call ended canceled. */
  | { kind: "canceled"; call: CallOut }
  /** 202: the dialer has the request and has not ended the call yet. */
  | { kind: "accepted"; call: CallOut }
  /** 409: the call ended otherwise before the dialer saw the request (it completed or failed first). */
  | { kind: "ended"; status: CallStatus };

export function cancelAnswer(call: CallOut): CancelAnswer {
  if (call.status === "canceled") return { kind: "canceled", call };
  if (ENDED.has(call.status)) return { kind: "ended", status: call.status };
  return { kind: "accepted", call };
}

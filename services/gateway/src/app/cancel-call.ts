import { type CallOut, type CallStatus, newCancelRequestedEvent } from "@voxbridge/contracts";
import { AppError, currentTraceparent } from "@voxbridge/kit/core";
import { type CancelDecision, cancelAnswer, cancelDecision, waitsForEnd } from "../domain/cancel-request";
import { GATEWAY_EVENT_SOURCE } from "./event-source";
import type { CallEnds, CallStore } from "./ports";

export type CancelCallDeps = {
  calls: CallStore;
  callEnds: CallEnds;
  /** How long a cancel of a call not yet dialed waits for the dialer to end it. */
  cancelWaitMs: number;
  now: () => Date;
  newId: () => string;
};

/**
 * Asks the dialer, the only writer of a call's end, to cancel a call: records `cancel_requested_at`
 * and emits `call.cancel_requested` together (once, however often the partner asks). A call not yet
 * dialed is ended by the dialer at once: the answer waits for that, up to `cancelWaitMs`, and is the
 * canceled record (`canceled`), else the record with the request (`accepted`, 202). A call being
 * dialed or talking is answered `accepted` at once: the dialer hangs up and ends it `canceled` with
 * the talk time it had. A finished call is a 409.
 */
export async function cancelCall(
  deps: CancelCallDeps,
  command: { orgId: string; callId: string },
): Promise<{ outcome: "canceled" | "accepted"; call: CallOut }> {
  let decision: CancelDecision = { kind: "pending" };
  const recorded = await deps.calls.requestCancel(command.orgId, command.callId, (current) => {
    decision = cancelDecision(current);
    if (decision.kind !== "request") return null;
    return newCancelRequestedEvent(
      GATEWAY_EVENT_SOURCE,
      { call_id: current.id, org_id: command.orgId, requested_at: deps.now().toISOString() },
      { id: deps.newId(), traceparent: currentTraceparent() },
    );
  });
  if (!recorded) throw refusalOf({ outcome: "not_found" }, "canceled");
  const decided = decision as CancelDecision;
  if (decided.kind === "ended") throw refusalOf({ outcome: "not_queued", status: decided.status }, "canceled");
  const call = waitsForEnd(recorded) ? await deps.callEnds.waitForEnd(command.orgId, command.callId, deps.cancelWaitMs) : recorded;
  const answer = cancelAnswer(call);
  if (answer.kind === "ended") {
    throw new AppError("conflict", `The call ended ${answer.status} before the cancel took effect`, { context: { status: answer.status } });
  }
  return { outcome: answer.kind, call: answer.call };
}

/** The answer to a cancel or an edit of a call that is not there, or no longer queued (or asked to cancel). */
export function refusalOf(
  result: { outcome: "not_found" } | { outcome: "not_queued"; status: CallStatus } | { outcome: "cancel_requested" },
  verb: string,
): AppError {
  if (result.outcome === "not_found") return new AppError("not_found", "No call with this id", { param: "call_id" });
  if (result.outcome === "cancel_requested") {
    return new AppError("conflict", `This call is being canceled; it can no longer be ${verb}`, { context: { status: "queued" } });
  }
  const message =
    verb === "canceled"
      ? `This call has already ended ${result.status}`
      : `Only a queued call can be ${verb}; this one is ${result.status}`;
  return new AppError("conflict", message, { context: { status: result.status } });
}

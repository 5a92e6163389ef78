import { type CallOut, type CallStatus, newCallEvent } from "@voxbridge/contracts";
import { AppError, currentTraceparent } from "@voxbridge/kit/core";
import { GATEWAY_EVENT_SOURCE } from "./event-source";
import type { CallStore } from "./ports";

export type CancelCallDeps = { calls: CallStore; now: () => Date; newId: () => string };

/**
 * Cancels a call that has not been dialed (queued, including scheduled) and emits `call.canceled`;
 * the dialer drops it and quota releases its hold. A call already calling or finished is a 409.
 */
export async function cancelCall(deps: CancelCallDeps, command: { orgId: string; callId: string }): Promise<CallOut> {
  const now = deps.now();
  const result = await deps.calls.cancelQueued(command.orgId, command.callId, now, (call, webhookUrl) =>
    newCallEvent(
      "call.canceled",
      GATEWAY_EVENT_SOURCE,
      { org_id: command.orgId, webhook_url: webhookUrl, call },
      { id: deps.newId(), time: now, traceparent: currentTraceparent() },
    ),
  );
  if (result.outcome === "canceled") return result.call;
  throw refusalOf(result, "canceled");
}

/** The answer to a cancel or an edit of a call that is not there, or no longer queued. */
export function refusalOf(result: { outcome: "not_found" } | { outcome: "not_queued"; status: CallStatus }, verb: string): AppError {
  if (result.outcome === "not_found") return new AppError("not_found", "No call with this id", { param: "call_id" });
  return new AppError("conflict", `Only a queued call can be ${verb}; this one is ${result.status}`, {
    context: { status: result.status },
  });
}

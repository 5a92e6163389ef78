import { type CallEvent, OPT_OUT_REASON } from "@voxbridge/contracts";
import { GATEWAY_EVENT_SOURCE } from "./event-source";
import type { CallProjection } from "./ports";
import { addSuppression, type SuppressionDeps } from "./suppressions";

/**
 * Keeps the partner-visible record current from the dialer's lifecycle events. `call.queued` and
 * an edit's `call.updated` are the gateway's own (the record already says them), so they are skipped. A call that ended with the
 * callee opting out puts the number on the org's suppression list first, so a redelivery after a
 * crash between the two still adds it (adding is idempotent; the record moves once).
 */
export async function projectCallEvent(deps: { projection: CallProjection } & SuppressionDeps, event: CallEvent): Promise<boolean> {
  // The gateway's own events: the record said it first (a partner's edit is written with its call.updated).
  if (event.type === "call.queued" || (event.type === "call.updated" && event.source === GATEWAY_EVENT_SOURCE)) return false;
  if (event.type === "call.completed" && event.data.call.disposition === "opt_out") {
    await addSuppression(deps, event.data.org_id, { number: event.data.call.to_number, reason: OPT_OUT_REASON });
  }
  return deps.projection.apply(event);
}

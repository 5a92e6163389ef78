import { type CallEvent, OPT_OUT_REASON } from "@voxbridge/contracts";
import type { CallProjection } from "./ports";
import { addSuppression, type SuppressionDeps } from "./suppressions";

/**
 * Keeps the partner-visible record current from the dialer's lifecycle events. `call.queued` is
 * the gateway's own (the record already says it), so it is skipped. A call that ended with the
 * callee opting out puts the number on the org's suppression list first, so a redelivery after a
 * crash between the two still adds it (adding is idempotent; the record moves once).
 */
export async function projectCallEvent(deps: { projection: CallProjection } & SuppressionDeps, event: CallEvent): Promise<boolean> {
  if (event.type === "call.queued") return false;
  if (event.type === "call.completed" && event.data.call.disposition === "opt_out") {
    await addSuppression(deps, event.data.org_id, { number: event.data.call.to_number, reason: OPT_OUT_REASON });
  }
  return deps.projection.apply(event);
}

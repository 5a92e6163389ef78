import type { CallEvent } from "@voxbridge/contracts";
import type { CallProjection } from "./ports";

/**
 * Keeps the partner-visible record current from the dialer's lifecycle events. `call.queued` is
 * the gateway's own (the record already says it), so it is skipped.
 */
export async function projectCallEvent(deps: { projection: CallProjection }, event: CallEvent): Promise<boolean> {
  if (event.type === "call.queued") return false;
  return deps.projection.apply(event);
}

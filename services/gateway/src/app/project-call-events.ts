import { type CallAnalyzedEvent, type CallEvent, type DeliverableEvent, OPT_OUT_REASON } from "@voxbridge/contracts";
import { GATEWAY_EVENT_SOURCE } from "./event-source";
import type { CallProjection, TranscriptStore } from "./ports";
import { addSuppression, type SuppressionDeps } from "./suppressions";

/** The gateway's own events: the record said them first (a partner's edit is written with its call.updated). */
const isOwn = (event: CallEvent) =>
  event.type === "call.queued" || (event.type === "call.updated" && event.source === GATEWAY_EVENT_SOURCE);

/**
 * Keeps the partner-visible records current from a fetched batch of the dialer's lifecycle events,
 * in their order; the gateway's own events are skipped. A call that ended with the callee opting out
 * puts the number on the org's suppression list first, so a redelivery after a crash between the two
 * still adds it (adding is idempotent; the record moves once). A `call.analyzed` (from the voice
 * service) fills the record's transcript, answers and recording URL; those columns belong to it
 * alone, so its place among the lifecycle events does not matter. Returns the ids of the records that moved.
 */
export async function projectCallEvents(
  deps: { projection: CallProjection; transcripts: TranscriptStore } & SuppressionDeps,
  events: DeliverableEvent[],
): Promise<string[]> {
  const analyses = events.filter((event): event is CallAnalyzedEvent => event.type === "call.analyzed");
  const lifecycle = events.filter((event): event is CallEvent => event.type !== "call.analyzed");
  const theirs = lifecycle.filter((event) => !isOwn(event));
  for (const event of theirs) {
    // A callee who opted out just before a cancel hung up keeps the disposition on the call.canceled.
    if ((event.type === "call.completed" || event.type === "call.canceled") && event.data.call.disposition === "opt_out") {
      await addSuppression(deps, event.data.org_id, { number: event.data.call.to_number, reason: OPT_OUT_REASON });
    }
  }
  const moved = await deps.projection.applyAll(theirs);
  const analyzed = await deps.transcripts.applyAll(analyses);
  return [...new Set([...moved, ...analyzed])];
}

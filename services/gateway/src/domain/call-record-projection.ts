import { type AttemptOut, type CallEvent, callProgress } from "@voxbridge/contracts";

/**
 * How the partner-visible record follows the dialer's lifecycle events. The record only moves
 * forward: to a snapshot further along (`callProgress`), or to an equal one from `call.updated`,
 * which may restate the same progress with news (a retry or first attempt moved to the window's next
 * opening). Terminal records never change again, since nothing is further along.
 */
export function advancesRecord(recordProgress: number, event: CallEvent): boolean {
  const progress = callProgress(event.data.call);
  return recordProgress < progress || (event.type === "call.updated" && recordProgress === progress);
}

/**
 * The precedence of each of a batch's events among its call's others: applying one by one with
 * `advancesRecord` leaves the record at the snapshot of the event with the greatest precedence, so
 * a batch writes that one snapshot (when it advances the record at all). Among the call's events of
 * the greatest progress, the last `call.updated` wins (each replaces the one before), else the first
 * (the later ones restate its progress and do not apply).
 */
export function snapshotPrecedence(events: CallEvent[]): number[] {
  const span = 2 * events.length + 2;
  return events.map((event, order) => {
    const tiebreak = event.type === "call.updated" ? events.length + 1 + order : events.length - order;
    return callProgress(event.data.call) * span + tiebreak;
  });
}

/**
 * The attempt an event speaks of: the one `call.calling` opens, or the one the event reports ended
 * (`data.attempt`); none for a cancel before dialing. Its fields fill the attempt's row: a later
 * event's known value replaces an earlier one's, an unknown (null) keeps it.
 */
export function attemptOf(event: CallEvent): AttemptOut | null {
  if (event.data.attempt) return event.data.attempt;
  if (event.type !== "call.calling") return null;
  return {
    attempt: event.data.call.attempt_count,
    started_at: event.time,
    answered_at: null,
    ended_at: null,
    disposition: null,
    duration_seconds: null,
    error_message: null,
  };
}

import type { CallEventOf, TopicEvent } from "@voxbridge/contracts";
import type { Logger } from "@voxbridge/kit/core";
import { firstAttemptTimer, needsWake } from "../domain/calling-window";
import { cancelCall } from "./cancel-call";
import type { VoiceControls } from "./conversation-ports";
import { recordConversationReport } from "./conversation-report";
import type { CancelStore, JobIntake, SuppressionChange, SuppressionStore, TelephonyAdapter } from "./ports";
import type { CarrierReportDeps } from "./record-carrier-report";

export type CallEventDeps = {
  intake: JobIntake;
  suppressions: SuppressionStore;
  cancels: CancelStore;
  telephony: TelephonyAdapter;
  /** The voice service: a cancel of a talking call reaches its agent first, for a closing line. */
  voice: VoiceControls | null;
  /** Where the voice service's `call.conversation_ended` goes: combined with the carrier's end. */
  ends: CarrierReportDeps;
  logger: Logger;
  /** The dialer's own event source: its own `call.canceled` and `call.updated` are not requests. */
  ownSource: string;
  now: () => Date;
  /**
   * Told of a call due now before its job exists, with the talk allowance its event carries (if
   * any), so the dial needs no quota round trip, or one that runs meanwhile.
   */
  dueSoon: (orgId: string, callId: string, knownAllowance?: number) => void;
  /** Told once a call due before the next safety poll has its job: the scheduler claims it, or sets its timer. */
  wake: () => void;
  /** The schedulers' safety poll: a job due later than one poll from now wakes nobody. */
  pollIntervalMs: number;
};

/** Queued jobs canceled per statement when a suppression arrives; the scheduler's sweep takes any rest. */
const SUPPRESSION_CANCEL_BATCH = 500;

/**
 * Applies the events the dialer acts on, in their order. `call.queued` takes ownership of the
 * call: its dial job, due at its schedule time (or its calling window's next opening), survives restarts, and a redelivery creates nothing.
 * Consecutive `call.queued` events are written in one statement; a `call.cancel_requested` from
 * the gateway cancels the call after every earlier event is applied (as does a `call.canceled` from
 * a gateway older than cancel requests), and its `call.updated` (the partner's edit) changes what the
 * call's next attempt uses. Suppression events (from their own topic, or from the call-events topic
 * where older gateways put them) update the dialer's copy of the org's list, then cancel the waiting
 * jobs to a newly suppressed number. The voice service's `call.conversation_ended` is combined with
 * the carrier's end of that attempt. Everything else is ignored.
 */
export async function applyCallEvents(deps: CallEventDeps, events: TopicEvent[]): Promise<void> {
  let queued: CallEventOf<"call.queued">[] = [];
  const acceptQueued = async () => {
    if (queued.length === 0) return;
    const now = deps.now();
    const isDue = (event: CallEventOf<"call.queued">) => firstAttemptTimer(event).dueAt <= now;
    for (const event of queued) if (isDue(event)) deps.dueSoon(event.data.org_id, event.subject, event.data.talk_seconds_allowed);
    const soon = (event: CallEventOf<"call.queued">) => needsWake(event, now, deps.pollIntervalMs);
    // Every instance's scheduler is told (NOTIFY) only when a job is due before the next poll.
    const created = await deps.intake.createAbsent(queued, queued.some(soon));
    if (queued.some((event) => soon(event) && created.has(event.subject))) deps.wake();
    queued = [];
  };
  let suppressions: SuppressionChange[] = [];
  const applySuppressions = async () => {
    if (suppressions.length === 0) return;
    await deps.suppressions.applySuppressions(suppressions);
    if (suppressions.some((change) => change.kind === "add")) await deps.suppressions.cancelSuppressed(SUPPRESSION_CANCEL_BATCH);
    suppressions = [];
  };
  for (const event of events) {
    if (event.type === "call.queued") {
      await applySuppressions();
      queued.push(event);
    } else if (event.type === "suppression.created" || event.type === "suppression.deleted") {
      await acceptQueued();
      const { org_id, suppression } = event.data;
      suppressions.push({
        kind: event.type === "suppression.created" ? "add" : "remove",
        orgId: org_id,
        number: suppression.number,
        suppressionId: suppression.id,
      });
    } else if (event.type === "call.updated" && event.source !== deps.ownSource) {
      await acceptQueued();
      const { applied, dueAt } = await deps.intake.applyEdit(event);
      deps.logger.debug({ callId: event.subject, applied }, "edit received");
      if (dueAt && dueAt.getTime() <= deps.now().getTime()) deps.wake();
    } else if (event.type === "call.cancel_requested" || (event.type === "call.canceled" && event.source !== deps.ownSource)) {
      await acceptQueued();
      await applySuppressions();
      await cancelCall(deps, event.subject, event.type === "call.cancel_requested" ? event.data.requested_at : event.time);
    } else if (event.type === "call.conversation_ended") {
      await recordConversationReport(deps.ends, event.data);
    }
  }
  await acceptQueued();
  await applySuppressions();
}

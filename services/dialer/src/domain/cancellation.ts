import type { CallOut } from "@voxbridge/contracts";
import type { AttemptOutcome, NextStep } from "./attempt-end";

/**
 * The rule "a canceled call ends once, canceled, with the talk time it had", carried out by the
 * dialer, the only writer of a call's end. The gateway only records the partner's request and sends
 * it (`call.cancel_requested`); these decisions say what the dialer does with it.
 */

/** Where the call's dial job stands when the request arrives. */
export type JobAtCancel =
  | { status: "absent" | "completed" | "failed" | "canceled" }
  /** Waiting for its first attempt or a retry: nothing is on the line. */
  | { status: "queued" }
  /** An attempt is live; the carrier's id is null until the carrier answered the dialer's request. */
  | { status: "calling"; carrierCallId: string | null; attempt?: number; answered?: boolean };

export type CancelStep =
  /** End the call now, `canceled`, with its one `call.canceled`: nothing was dialed since the last attempt ended. */
  | { kind: "end_now" }
  /**
   * Record the request and hang up: the attempt's end, reported by the carrier, ends the call
   * `canceled`. `talking`: the call was answered, so a conversation may be on (its agent gets to close).
   */
  | { kind: "hang_up"; carrierCallId: string; talking?: { attempt: number } }
  /**
   * Record the request; the dial is in flight and the carrier has not given its id yet. The moment
   * it does (the dial's answer, or a progress report that carries it), the dialer hangs up.
   */
  | { kind: "hang_up_when_carrier_id_arrives" }
  /** The call has ended (or was never the dialer's): nothing to do. */
  | { kind: "nothing" };

export function cancelStep(job: JobAtCancel): CancelStep {
  switch (job.status) {
    case "queued":
      return { kind: "end_now" };
    case "calling":
      if (job.carrierCallId === null) return { kind: "hang_up_when_carrier_id_arrives" };
      return job.answered && job.attempt !== undefined
        ? { kind: "hang_up", carrierCallId: job.carrierCallId, talking: { attempt: job.attempt } }
        : { kind: "hang_up", carrierCallId: job.carrierCallId };
    default:
      return { kind: "nothing" };
  }
}

/** The snapshot of a call ended by a cancel while it waited for an attempt (none live). */
export function canceledWaitingCall(call: CallOut, requestedAt: string, at: Date): CallOut {
  return {
    ...call,
    status: "canceled",
    disposition: "canceled",
    error_message: null,
    next_attempt_at: null,
    cancel_requested_at: call.cancel_requested_at ?? requestedAt,
    completed_at: at.toISOString(),
  };
}

/**
 * How a call ends when an attempt ends after its cancel was requested: `canceled`, whatever the
 * carrier saw (it completed after talking, rang out, failed), never retried, with the talk time it
 * had (billed). The disposition says `canceled`, unless the callee had opted out (`opt_out`: the
 * number is still suppressed) or a suppression stopped the dial first (`suppressed`).
 */
export function endAfterCancel(input: {
  call: CallOut;
  attempt: number;
  reported: AttemptOutcome;
  talkSeconds: number | null;
  endedAt: Date;
}): Extract<NextStep, { kind: "end" }> {
  const disposition = input.reported === "opt_out" || input.reported === "suppressed" ? input.reported : "canceled";
  return {
    kind: "end",
    status: "canceled",
    call: {
      ...input.call,
      status: "canceled",
      attempt_count: input.attempt,
      disposition,
      duration_seconds: input.talkSeconds === null ? null : Math.max(0, Math.round(input.talkSeconds)),
      error_message: null,
      next_attempt_at: null,
      completed_at: input.endedAt.toISOString(),
    },
  };
}

/**
 * Whether a cancel reaches the call's agent before the hang-up: the call is talking and its media is
 * on the voice service, so the agent says a short closing line (the turns so far are kept) and the
 * carrier hangs up a few seconds later.
 */
export const closesWithAgentFirst = (
  step: CancelStep,
  mediaToVoice: boolean,
): step is Extract<CancelStep, { kind: "hang_up" }> & { talking: { attempt: number } } =>
  step.kind === "hang_up" && step.talking !== undefined && mediaToVoice;

/** Whether a progress report of a live attempt (with the carrier id now known) must hang the call up. */
export const hangsUpOnProgress = (progress: {
  cancelRequested: boolean;
  carrierCallId: string | null;
}): progress is {
  cancelRequested: true;
  carrierCallId: string;
} => progress.cancelRequested && progress.carrierCallId !== null;

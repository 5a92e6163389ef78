import type { AttemptOut, CallOut, Disposition, ResolvedCallingWindow, VoicemailAction } from "@voxbridge/contracts";
import { dueWithin, isUnresolvable } from "./calling-window";

/** How one dial ended, as the telephony adapter reports it. */
export type AttemptOutcome =
  | "completed"
  | "no_answer"
  | "busy"
  | "rejected"
  | "voicemail"
  | "opt_out"
  | "error"
  /** The voice service's agent failed (or never reported); shown as disposition `error`. */
  | "agent_error"
  | "canceled"
  /** Not dialed: the number was suppressed between the claim and the dial (the check right before it). */
  | "suppressed";

/** Outcomes worth dialing again: nobody picked up, the line was busy, or the carrier failed transiently. */
const RETRYABLE_OUTCOMES: ReadonlySet<AttemptOutcome> = new Set(["no_answer", "busy", "error"]);

const ERROR_MESSAGES: Record<AttemptOutcome, string> = {
  completed: "",
  no_answer: "No answer",
  busy: "Line busy",
  rejected: "Rejected by the carrier",
  voicemail: "Reached voicemail",
  opt_out: "",
  error: "Carrier error",
  agent_error: "Agent error",
  canceled: "Canceled",
  suppressed: "",
};

/** The partner-visible disposition of an outcome: an agent error is an `error` like a carrier's, told apart by its message. */
const dispositionOf = (outcome: AttemptOutcome): Disposition => (outcome === "agent_error" ? "error" : outcome);

/** Why an attempt did not end in a conversation, in words; null when it did (or was canceled). */
export function attemptErrorMessage(outcome: AttemptOutcome, detail: string | null): string | null {
  const message = ERROR_MESSAGES[outcome];
  if (message === "" || outcome === "canceled") return null;
  return detail ? `${message}: ${detail}` : message;
}

/** The record of one ended attempt, as the event that ended it carries it and the attempts list shows it. */
export function endedAttempt(input: {
  attempt: number;
  outcome: AttemptOutcome;
  detail: string | null;
  talkSeconds: number | null;
  dialedAt: Date;
  answeredAt: Date | null;
  endedAt: Date;
}): AttemptOut {
  return {
    attempt: input.attempt,
    started_at: input.dialedAt.toISOString(),
    answered_at: input.answeredAt?.toISOString() ?? null,
    ended_at: input.endedAt.toISOString(),
    disposition: dispositionOf(input.outcome),
    duration_seconds: input.talkSeconds === null ? null : Math.max(0, Math.round(input.talkSeconds)),
    error_message: attemptErrorMessage(input.outcome, input.detail),
  };
}

/** What the dialer does after an attempt ended. */
export type NextStep =
  | { kind: "end"; status: "completed" | "failed" | "canceled"; call: CallOut }
  | { kind: "retry"; dueAt: Date; windowClosesAt: Date | null; call: CallOut };

/** Exponential backoff: the first retry waits `baseSeconds`, each further one twice as long. */
export const retryDelayMs = (baseSeconds: number, attemptsMade: number) => baseSeconds * 1000 * 2 ** Math.max(0, attemptsMade - 1);

/**
 * Decides a call's next step from the attempt that just ended and returns the call snapshot to
 * record: completed (answered and talked, an opt-out, or a voicemail the agent left its message
 * on), failed (not retryable, or attempts used up; a voicemail the agent retries counts as one), canceled
 * (hung up because the call was canceled), or a retry at a backoff time, moved into the calling
 * window's next opening (still `calling`, with
 * `next_attempt_at` set: its `call.updated` tells partners when).
 */
export function nextStepAfterAttempt(input: {
  call: CallOut;
  attempt: number;
  outcome: AttemptOutcome;
  talkSeconds: number | null;
  detail: string | null;
  endedAt: Date;
  retryDelaySeconds: number;
  /** The agent's choice for an answering machine: leave the message (`hangup`) or try again (`retry`). */
  voicemailAction: VoicemailAction;
  /** A retry waits for the window's next opening after its backoff; null: any time. */
  callingWindow: ResolvedCallingWindow | null;
  /** An agent error is redialed only when nobody heard the agent (the media never started). */
  mediaStarted?: boolean;
}): NextStep {
  const { call, attempt, outcome, endedAt } = input;
  const disposition = dispositionOf(outcome);
  const talked = input.talkSeconds === null ? null : Math.max(0, Math.round(input.talkSeconds));
  const base = { ...call, attempt_count: attempt, disposition };
  const end = (status: "completed" | "failed" | "canceled", durationSeconds: number | null, errorMessage: string | null): NextStep => ({
    kind: "end",
    status,
    call: {
      ...base,
      status,
      duration_seconds: durationSeconds,
      error_message: errorMessage,
      next_attempt_at: null,
      completed_at: endedAt.toISOString(),
    },
  });
  const retryable =
    RETRYABLE_OUTCOMES.has(outcome) ||
    (outcome === "voicemail" && input.voicemailAction === "retry") ||
    (outcome === "agent_error" && input.mediaStarted === false);
  if (outcome === "completed" || (outcome === "voicemail" && !retryable) || outcome === "opt_out") {
    // Voicemail answered the line: the agent left its message, so the call is done (and billed). An
    // opt-out is a conversation that ended with "stop calling me": done, and the number is suppressed.
    return end("completed", talked ?? 0, null);
  }
  if (outcome === "canceled" || outcome === "suppressed") {
    return end("canceled", talked, null);
  }
  const reason = attemptErrorMessage(outcome, input.detail) ?? "";
  if (retryable && attempt < call.max_attempts) {
    const due = dueWithin(input.callingWindow, new Date(endedAt.getTime() + retryDelayMs(input.retryDelaySeconds, attempt)));
    // A window that cannot be applied fails the call closed, naming the window: never a retry "any time".
    if (isUnresolvable(due)) return end("failed", talked, due.unresolvable);
    const { dueAt, windowClosesAt } = due;
    return {
      kind: "retry",
      dueAt,
      windowClosesAt,
      call: { ...base, status: "calling", duration_seconds: talked, error_message: reason, next_attempt_at: dueAt.toISOString() },
    };
  }
  const message = retryable ? `${reason} after ${attempt} attempt${attempt === 1 ? "" : "s"}` : reason;
  return end("failed", talked, message);
}

/** The event an attempt's end publishes: the retry's `call.updated`, or the call's end. */
export const endEventType = (step: NextStep): "call.updated" | "call.completed" | "call.failed" | "call.canceled" =>
  step.kind === "retry"
    ? "call.updated"
    : step.status === "completed"
      ? "call.completed"
      : step.status === "failed"
        ? "call.failed"
        : "call.canceled";

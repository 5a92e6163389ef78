import type { CallOut, Disposition } from "@voxbridge/contracts";

/** How one dial ended, as the telephony adapter reports it. */
export type AttemptOutcome = "completed" | "no_answer" | "busy" | "rejected" | "voicemail" | "opt_out" | "error" | "canceled";

/** Outcomes worth dialing again: nobody picked up, the line was busy, or the carrier failed transiently. */
export const RETRYABLE_OUTCOMES: ReadonlySet<AttemptOutcome> = new Set(["no_answer", "busy", "error"]);

const ERROR_MESSAGES: Record<AttemptOutcome, string> = {
  completed: "",
  no_answer: "No answer",
  busy: "Line busy",
  rejected: "Rejected by the carrier",
  voicemail: "Reached voicemail",
  opt_out: "",
  error: "Carrier error",
  canceled: "Canceled",
};

/** What the dialer does after an attempt ended. */
export type NextStep =
  | { kind: "end"; status: "completed" | "failed" | "canceled"; call: CallOut }
  | { kind: "retry"; dueAt: Date; call: CallOut };

/** Exponential backoff: the first retry waits `baseSeconds`, each further one twice as long. */
export const retryDelayMs = (baseSeconds: number, attemptsMade: number) => baseSeconds * 1000 * 2 ** Math.max(0, attemptsMade - 1);

/**
 * Decides a call's next step from the attempt that just ended and returns the call snapshot to
 * record: completed (answered and talked), failed (not retryable, or attempts used up), canceled
 * (hung up because the call was canceled), or a retry at a backoff time (no event; still `calling`).
 */
export function nextStepAfterAttempt(input: {
  call: CallOut;
  attempt: number;
  outcome: AttemptOutcome;
  talkSeconds: number | null;
  detail: string | null;
  endedAt: Date;
  retryDelaySeconds: number;
}): NextStep {
  const { call, attempt, outcome, endedAt } = input;
  const disposition: Disposition = outcome;
  const talked = input.talkSeconds === null ? null : Math.max(0, Math.round(input.talkSeconds));
  const base = { ...call, attempt_count: attempt, disposition };
  if (outcome === "completed" || outcome === "voicemail" || outcome === "opt_out") {
    // Voicemail answered the line: the agent left its message, so the call is done (and billed). An
    // opt-out is a conversation that ended with "stop calling me": done, and the number is suppressed.
    return {
      kind: "end",
      status: "completed",
      call: { ...base, status: "completed", duration_seconds: talked ?? 0, error_message: null, completed_at: endedAt.toISOString() },
    };
  }
  if (outcome === "canceled") {
    return {
      kind: "end",
      status: "canceled",
      call: { ...base, status: "canceled", duration_seconds: talked, error_message: null, completed_at: endedAt.toISOString() },
    };
  }
  const reason = input.detail ? `${ERROR_MESSAGES[outcome]}: ${input.detail}` : ERROR_MESSAGES[outcome];
  if (RETRYABLE_OUTCOMES.has(outcome) && attempt < call.max_attempts) {
    return {
      kind: "retry",
      dueAt: new Date(endedAt.getTime() + retryDelayMs(input.retryDelaySeconds, attempt)),
      call: { ...base, status: "calling", error_message: reason },
    };
  }
  const message = RETRYABLE_OUTCOMES.has(outcome) ? `${reason} after ${attempt} attempt${attempt === 1 ? "" : "s"}` : reason;
  return {
    kind: "end",
    status: "failed",
    call: { ...base, status: "failed", duration_seconds: talked, error_message: message, completed_at: endedAt.toISOString() },
  };
}

import type { ConversationOutcome } from "@voxbridge/contracts";
import type { AttemptOutcome } from "./attempt-end";

/**
 * The rule "the dialer alone writes how a call ended": the carrier knows that an answered call
 * ended and how long it talked; the voice service knows how its conversation ended (talked, the
 * callee opted out, a voicemail message was left, or the agent failed). The dialer waits for both
 * and combines them into the one terminal event.
 */

/** How an attempt ended as the carrier saw it. */
export type CarrierEnd = { outcome: AttemptOutcome; talkSeconds: number | null; detail: string | null };

/** The voice service's report of one attempt's conversation (`call.conversation_ended`). */
export type ConversationReport = {
  outcome: ConversationOutcome;
  /** The agent's audio reached the line: someone (or a machine) heard the agent. */
  mediaStarted: boolean;
  errorMessage: string | null;
};

/** The attempt's end after the combination; `mediaStarted` decides whether an agent error is redialed. */
export type CombinedEnd = CarrierEnd & { mediaStarted: boolean };

/** Carrier outcomes of an answered call, the ones a conversation was held on. */
const ANSWERED: ReadonlySet<AttemptOutcome> = new Set(["completed", "voicemail", "opt_out", "canceled"]);

/**
 * Whether the carrier's end waits for the voice service's report: only when the call was answered
 * (it talked, even 0 s), its media went to the voice service, and the call has a conversation (the
 * agent copy `call.queued` carries for the voice service; an agent without an `answer_schema` still
 * talks, and its callee may still opt out). Every other end (no answer, busy, rejected,
 * a carrier error, a call without a conversation) is final at once, as it always was.
 */
export const awaitsConversationReport = (end: CarrierEnd, call: { mediaToVoice: boolean; hasConversation: boolean }): boolean =>
  call.mediaToVoice && call.hasConversation && end.talkSeconds !== null && ANSWERED.has(end.outcome);

/**
 * The one end of an answered attempt: talked → completed, `opt_out` → opt_out (the number is
 * suppressed), a voicemail message left → voicemail, an agent error → the `agent_error` outcome with
 * the agent's reason. No report in time (null) is an agent error too; whether anyone heard the agent
 * is then unknown, so it counts as heard and is never redialed. A call hung up for a cancel stays
 * canceled (an opt-out said before it is kept). The carrier's talk time is what is billed.
 */
export function combinedEnd(carrier: CarrierEnd, report: ConversationReport | null, waitedSeconds: number): CombinedEnd {
  const { talkSeconds } = carrier;
  if (carrier.outcome === "canceled")
    return { ...carrier, outcome: report?.outcome === "opt_out" ? "opt_out" : "canceled", mediaStarted: report?.mediaStarted ?? true };
  if (report === null)
    return {
      outcome: "agent_error",
      talkSeconds,
      detail: `no report from the voice service within ${waitedSeconds} s of the carrier's end`,
      mediaStarted: true,
    };
  switch (report.outcome) {
    case "talked":
      return { outcome: "completed", talkSeconds, detail: carrier.detail, mediaStarted: report.mediaStarted };
    case "opt_out":
      return { outcome: "opt_out", talkSeconds, detail: carrier.detail, mediaStarted: report.mediaStarted };
    case "voicemail_left":
      return { outcome: "voicemail", talkSeconds, detail: carrier.detail, mediaStarted: report.mediaStarted };
    case "agent_error":
      return { outcome: "agent_error", talkSeconds, detail: report.errorMessage, mediaStarted: report.mediaStarted };
  }
}

/** What the dialer does with a machine verdict: the agent leaves its message on a machine; a person (or no verdict) changes nothing. */
export const isMachineVerdict = (answeredBy: string): boolean => answeredBy.startsWith("machine") || answeredBy === "fax";

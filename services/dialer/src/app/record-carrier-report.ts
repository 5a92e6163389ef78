import { isConnectivityError, type Logger, retryWithBackoff } from "@voxbridge/kit/core";
import { nextStepAfterAttempt } from "../domain/attempt-end";
import { endAfterCancel } from "../domain/cancellation";
import { awaitsConversationReport, type CombinedEnd, combinedEnd, isMachineVerdict } from "../domain/conversation-end";
import type { ConversationStore, VoiceControls } from "./conversation-ports";
import type { AttemptStore, CarrierReport } from "./ports";

export type CarrierReportDeps = {
  attempts: AttemptStore;
  conversations: ConversationStore;
  /** The voice service's controls; null when none is configured (production without VOICE_URL). */
  voice: VoiceControls | null;
  /** The adapter connects answered calls to the voice service, whose report the end waits for. */
  mediaToVoice: boolean;
  /** How long an answered attempt's carrier end waits for the voice service's report (`DIALER_CONVERSATION_REPORT_WAIT_SECONDS`). */
  reportWaitSeconds: number;
  retryDelaySeconds: number;
  logger: Logger;
  onEnded: () => void;
};

/**
 * Moves a call's state machine on one carrier report. Progress is recorded on the attempt. A machine
 * verdict goes on to the voice service, whose agent then leaves the voicemail message. An answered
 * call's end waits for the voice service's report of its conversation (`domain/conversation-end.ts`)
 * and is combined with it; every other end decides completed / failed / canceled / retry at once and
 * writes the event in the same transaction. A report for an attempt that is no longer live
 * (duplicate callback, reconciled orphan) changes nothing.
 */
export async function recordCarrierReport(deps: CarrierReportDeps, callId: string, attempt: number, report: CarrierReport): Promise<void> {
  if (report.kind === "machine") return passOnMachineVerdict(deps, callId, attempt, report.answeredBy);
  if (report.kind !== "ended") {
    await deps.attempts.markProgress(callId, attempt, {
      status: report.kind === "ringing" ? "ringing" : "answered",
      ...(report.carrierCallId && { carrierCallId: report.carrierCallId }),
    });
    return;
  }
  const end = { outcome: report.outcome, talkSeconds: report.talkSeconds, detail: report.detail };
  // Only an answered call whose media went to the voice service costs the look for its report.
  if (awaitsConversationReport(end, { mediaToVoice: deps.mediaToVoice, hasConversation: true })) {
    const held = await deps.conversations.holdCarrierEnd(callId, attempt, end, deps.reportWaitSeconds, ({ hasConversation }) =>
      awaitsConversationReport(end, { mediaToVoice: deps.mediaToVoice, hasConversation }),
    );
    if (held.kind === "waiting") {
      deps.logger.debug({ callId, attempt }, "carrier end waits for the conversation's report");
      return;
    }
    if (held.kind === "report") return endAttemptWith(deps, callId, attempt, combinedEnd(end, held.report, deps.reportWaitSeconds));
  }
  return endAttemptWith(deps, callId, attempt, { ...end, mediaStarted: false });
}

/** Ends the live attempt as combined: the next step decided and its event written in one transaction. */
export async function endAttemptWith(deps: CarrierReportDeps, callId: string, attempt: number, end: CombinedEnd): Promise<void> {
  const step = await deps.attempts.endAttempt(callId, attempt, end, ({ call, endedAt, cancelRequested, voicemailAction, callingWindow }) =>
    // A call whose cancel was requested ends canceled, with its talk time, however the carrier saw it end.
    cancelRequested
      ? endAfterCancel({ call, attempt, reported: end.outcome, talkSeconds: end.talkSeconds, endedAt })
      : nextStepAfterAttempt({
          call,
          attempt,
          outcome: end.outcome,
          talkSeconds: end.talkSeconds,
          detail: end.detail,
          endedAt,
          retryDelaySeconds: deps.retryDelaySeconds,
          voicemailAction,
          callingWindow,
          mediaStarted: end.mediaStarted,
        }),
  );
  if (step === null) {
    deps.logger.debug({ callId, attempt, outcome: end.outcome }, "end of an attempt no longer live; ignored");
    return;
  }
  deps.logger.debug({ callId, attempt, outcome: end.outcome, next: step.kind === "retry" ? "retry" : step.status }, "attempt ended");
  deps.onEnded();
}

/** The carrier heard a machine: the agent, on whichever voice instance holds the stream, switches to the voicemail message. */
async function passOnMachineVerdict(deps: CarrierReportDeps, callId: string, attempt: number, answeredBy: string): Promise<void> {
  if (!isMachineVerdict(answeredBy)) return;
  if (deps.voice === null) {
    deps.logger.warn({ callId, attempt, answeredBy }, "machine verdict with no voice service configured; the agent keeps talking");
    return;
  }
  await deps.voice.signal(callId, attempt, "machine");
  deps.logger.debug({ callId, attempt, answeredBy }, "machine verdict passed to the voice service");
}

/**
 * recordCarrierReport, retried while Postgres is unreachable: a report is the only word of how an
 * attempt ended, so a blink of the database must delay it, not lose it (a lost end would leave the
 * call to the orphan reconciler, and a talking call's slot and minutes held meanwhile). Gives up
 * only when the dialer stops, where the reconciler of the next instance takes over.
 */
export async function recordCarrierReportDurably(
  deps: CarrierReportDeps & { isStopping: () => boolean },
  callId: string,
  attempt: number,
  report: CarrierReport,
): Promise<void> {
  await retryWithBackoff(() => recordCarrierReport(deps, callId, attempt, report), {
    shouldRetry: (error) => {
      if (!isConnectivityError(error) || deps.isStopping()) return false;
      deps.logger.warn({ err: error, callId, attempt, kind: report.kind }, "carrier report not recorded yet; retrying");
      return true;
    },
    initialDelayMs: 200,
    maxDelayMs: 2_000,
  });
}

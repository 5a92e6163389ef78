import { isAppError, type Logger } from "@voxbridge/kit/core";
import { renderSystemPrompt } from "../domain/render-prompt";
import type { AttemptStore, CarrierReportSink, ClaimedDial, TalkAllowance, TelephonyAdapter } from "./ports";

export type DispatchDeps = {
  attempts: AttemptStore;
  telephony: TelephonyAdapter;
  allowance: TalkAllowance;
  report: CarrierReportSink;
  logger: Logger;
};

/**
 * Hands one claimed attempt (already persisted) to the carrier: the agent's prompt rendered, the
 * talk allowance taken, the dial, and the carrier's call id recorded. A refusal ends the attempt at
 * once: a non-retryable one as `rejected`, anything else as `error`.
 */
export async function dispatchDial(deps: DispatchDeps, dial: ClaimedDial): Promise<void> {
  const { queued, call } = dial;
  const { logger } = deps;
  try {
    const { prompt, missing } = renderSystemPrompt(queued.data.agent.system_prompt, call.context);
    if (missing.length > 0) logger.debug({ callId: call.id, missing }, "prompt placeholders without context values left empty");
    const allowed = await deps.allowance.talkSecondsAllowed(dial.orgId, dial.callId);
    const maxTalkSeconds = Math.max(0, Math.min(queued.data.agent.max_duration_seconds, allowed ?? Number.POSITIVE_INFINITY));
    const { carrierCallId } = await deps.telephony.dial({
      callId: dial.callId,
      attempt: dial.attempt,
      idempotencyKey: `${dial.callId}:${dial.attempt}`,
      to: call.to_number,
      from: call.from_number,
      agent: {
        id: queued.data.agent.id,
        systemPrompt: prompt,
        voice: queued.data.agent.voice,
        language: queued.data.agent.language,
        voicemailAction: queued.data.agent.voicemail_action ?? "hangup",
      },
      maxTalkSeconds,
    });
    await deps.attempts.markProgress(dial.callId, dial.attempt, { status: "ringing", carrierCallId }).catch((error: unknown) => {
      logger.warn({ err: error, callId: dial.callId }, "could not record the carrier call id");
    });
  } catch (error) {
    // The carrier refused the call: a non-retryable refusal is a rejection, anything else a carrier error.
    const outcome = isAppError(error) && !error.retryable ? "rejected" : "error";
    logger.warn({ err: error, callId: dial.callId, attempt: dial.attempt, outcome }, "dial failed");
    await deps
      .report(dial.callId, dial.attempt, {
        kind: "ended",
        outcome,
        talkSeconds: null,
        detail: error instanceof Error ? error.message : String(error),
      })
      .catch((e: unknown) => logger.error({ err: e, callId: dial.callId }, "could not record a failed dial; the orphan reconciler will"));
  }
}

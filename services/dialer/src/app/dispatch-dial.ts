import { renderAgentTemplate } from "@voxbridge/contracts";
import { isAppError, type Logger } from "@voxbridge/kit/core";
import { beforeDial } from "../domain/before-dial";
import { windowAt } from "../domain/calling-window";
import { hangsUpOnProgress } from "../domain/cancellation";
import { hangUp } from "./cancel-call";
import {
  type AttemptStore,
  type BeforeDialStore,
  type CancelStore,
  CarrierOutcomeUnknownError,
  type CarrierReportSink,
  type ClaimedDial,
  type TalkAllowance,
  type TelephonyAdapter,
} from "./ports";

export type DispatchDeps = {
  attempts: AttemptStore;
  cancels: CancelStore;
  beforeDial: BeforeDialStore;
  telephony: TelephonyAdapter;
  allowance: TalkAllowance;
  report: CarrierReportSink;
  /** Waits for this dial's turn under the account's calls-per-second limit (`app/send-pacer.ts`). */
  paceSend: () => Promise<void>;
  logger: Logger;
  /** The clock the calling window is checked against right before the dial (tests set it). */
  now?: () => Date;
};

/**
 * Hands one claimed attempt (already persisted) to the carrier: the agent's prompt rendered, the
 * talk allowance taken, its turn under the carrier's calls per second, a last look (a cancel or a
 * suppression since the claim, or a calling window closed meanwhile, ends the attempt undialed),
 * the dial, and the carrier's call id recorded (hung up at once if a cancel came while the carrier
 * had not answered). A refusal ends the attempt at once: a non-retryable one as
 * `rejected`, anything else as `error`; a create whose outcome is unknown leaves the attempt live,
 * marked unknown, for reconciliation.
 */
export async function dispatchDial(deps: DispatchDeps, dial: ClaimedDial): Promise<void> {
  const { queued, call } = dial;
  const { logger } = deps;
  try {
    const { text: prompt, missing } = renderAgentTemplate(queued.data.agent.system_prompt, {
      client_name: call.client_name,
      context: call.context,
    });
    if (missing.length > 0) logger.debug({ callId: call.id, missing }, "prompt placeholders without context values left empty");
    const allowed = await deps.allowance.talkSecondsAllowed(dial.orgId, dial.callId);
    const maxTalkSeconds = Math.max(0, Math.min(queued.data.agent.max_duration_seconds, allowed ?? Number.POSITIVE_INFINITY));
    // Its turn under the carrier's CPS, before the last look, so that the look is as fresh as the dial.
    await deps.paceSend();
    // The last look: a cancel or a suppression that arrived since the claim stops the dial here.
    const verdict = beforeDial(await deps.beforeDial.checkBeforeDial(dial.callId));
    if (verdict !== "dial") {
      logger.debug({ callId: dial.callId, attempt: dial.attempt, verdict }, "not dialed: canceled or suppressed since the claim");
      await deps.report(dial.callId, dial.attempt, { kind: "ended", outcome: verdict, talkSeconds: null, detail: null });
      return;
    }
    // The calling window again: the claim checked it, but the allowance (and a busy host) took time
    // since. Closed now, or not resolvable: this attempt is not dialed.
    const window = windowAt(queued.data.calling_window ?? null, (deps.now ?? (() => new Date()))());
    if (window !== "open") {
      const why = window === "closed" ? "the calling window closed before the carrier was asked" : window.unresolvable;
      logger.info({ callId: dial.callId, attempt: dial.attempt, why }, "not dialed: outside the calling window");
      await deps.report(dial.callId, dial.attempt, { kind: "ended", outcome: "error", talkSeconds: null, detail: `not dialed: ${why}` });
      return;
    }
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
      conversation: queued.data.conversation ? { simulatedCallee: queued.data.conversation.simulated_callee } : null,
    });
    const recorded = await deps.cancels.recordCarrierId(dial.callId, dial.attempt, carrierCallId).catch((error: unknown) => {
      logger.warn({ err: error, callId: dial.callId }, "could not record the carrier call id");
      return null;
    });
    // Canceled while the carrier had not given its id: it has now, so hang up at once.
    if (recorded && hangsUpOnProgress({ cancelRequested: recorded.cancelRequested, carrierCallId })) {
      await hangUp(deps, dial.callId, carrierCallId);
    }
  } catch (error) {
    if (error instanceof CarrierOutcomeUnknownError) {
      // The carrier may be ringing the person now: the attempt stays live, and nobody is dialed
      // again before the carrier says what became of it (app/reconcile-carrier-calls.ts).
      logger.warn(
        { callId: dial.callId, attempt: dial.attempt, why: error.message },
        "carrier outcome unknown; reconciling before any redial",
      );
      await deps.attempts
        .markUnknown(dial.callId, dial.attempt, error.message)
        .catch((e: unknown) =>
          logger.error({ err: e, callId: dial.callId }, "could not mark an unknown outcome; the orphan reconciler will"),
        );
      return;
    }
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

import type { Logger } from "@voxbridge/kit/core";
import { closesWithAgentFirst } from "../domain/cancellation";
import type { VoiceControls } from "./conversation-ports";
import type { CancelStore, TelephonyAdapter } from "./ports";

export type CancelCallDeps = {
  cancels: CancelStore;
  telephony: TelephonyAdapter;
  voice: VoiceControls | null;
  /** How long the agent has for its closing line before the carrier hangs up. */
  cancelClosingSeconds: number;
  logger: Logger;
};

/**
 * Carries out a partner's cancel request (the gateway's `call.cancel_requested`): the dialer alone
 * ends calls, once each. A call waiting for an attempt ends `canceled` now, with its one
 * `call.canceled`. A live one is hung up, now if the carrier gave its id, else the moment it does
 * (the dial's record of the id sees the request, `app/dispatch-dial.ts`); its end, as the carrier
 * reports it, ends the call `canceled` with the talk time it had. A talking call's agent hears of
 * the cancel first (on whichever voice instance holds the stream): it says a short closing line and
 * hangs up, and the carrier hangs up `cancelClosingSeconds` later whatever happened. A call that has
 * ended is left alone.
 */
export async function cancelCall(deps: CancelCallDeps, callId: string, requestedAt: string): Promise<void> {
  const step = await deps.cancels.requestCancel(callId, requestedAt);
  deps.logger.debug({ callId, step: step.kind }, "cancel request applied");
  if (step.kind !== "hang_up") return;
  if (deps.voice && closesWithAgentFirst(step, deps.telephony.mediaToVoice)) {
    const told = await deps.voice.signal(callId, step.talking.attempt, "cancel").then(
      () => true,
      (error: unknown) => {
        deps.logger.warn({ err: error, callId }, "could not tell the agent of the cancel; hanging up at once");
        return false;
      },
    );
    if (told) {
      setTimeout(() => void hangUp(deps, callId, step.carrierCallId), deps.cancelClosingSeconds * 1000).unref();
      return;
    }
  }
  await hangUp(deps, callId, step.carrierCallId);
}

/**
 * Asks the carrier to end a canceled call. A refusal is logged, not thrown: the request is recorded,
 * so the attempt's end still ends the call canceled, whenever the carrier reports it.
 */
export async function hangUp(deps: Pick<CancelCallDeps, "telephony" | "logger">, callId: string, carrierCallId: string): Promise<void> {
  await deps.telephony.hangup(carrierCallId).catch((error: unknown) => {
    deps.logger.warn({ err: error, callId }, "could not hang up a canceled call; its end will still be recorded as canceled");
  });
}

import type { Logger } from "@voxbridge/kit/core";
import { closesWithAgentFirst } from "../domain/cancellation";
import type { VoiceControls } from "./conversation-ports";
import type { CancelStore, TelephonyAdapter } from "./ports";

export type CancelCallDeps = {
  cancels: CancelStore;
  telephony: TelephonyAdapter;
  voice: VoiceControls | null;
  logger: Logger;
};

/**
 * Carries out a partner's cancel request (the gateway's `call.cancel_requested`): the dialer alone
 * ends calls, once each. A call waiting for an attempt ends `canceled` now, with its one
 * `call.canceled`. A live one is hung up, now if the carrier gave its id, else the moment it does
 * (the dial's record of the id sees the request, `app/dispatch-dial.ts`); its end, as the carrier
 * reports it, ends the call `canceled` with the talk time it had. A talking call's agent hears of
 * the cancel first (on whichever voice instance holds the stream): it says a short closing line and
 * hangs up, and the carrier is asked to hang up a closing time later whatever happened, by
 * `hangUpOverdueCancels`, durably. A call that has ended is left alone.
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
    if (told) return;
  }
  await hangUp(deps, callId, step.carrierCallId);
}

/**
 * The durable half of a cancel, one pass of housekeeping: a canceled call still live
 * `cancelClosingSeconds` after its request was applied is hung up now, and again each
 * `cancelClosingSeconds` until the carrier reports its end. That is the closing line's end for a
 * talking call, and the retry of a hang-up the carrier refused or an instance died before asking
 * (the request is in the job, not in a timer). With a carrier that keeps calls any instance asks;
 * the simulator's calls live in the instance that dialed them, so each asks for its own.
 */
export async function hangUpOverdueCancels(
  deps: Pick<CancelCallDeps, "cancels" | "telephony" | "logger"> & { cancelClosingSeconds: number; owner: string; batch: number },
): Promise<void> {
  const due = await deps.cancels.takeOverdueHangUps({
    afterSeconds: deps.cancelClosingSeconds,
    owner: deps.telephony.lookup ? null : deps.owner,
    batch: deps.batch,
  });
  for (const call of due) {
    deps.logger.info({ callId: call.callId }, "a canceled call is still live; asking the carrier to hang up");
    await hangUp(deps, call.callId, call.carrierCallId);
  }
}

/**
 * Asks the carrier to end a canceled call. A refusal is logged, not thrown: the request is recorded,
 * so the attempt's end still ends the call canceled whenever the carrier reports it, and
 * `hangUpOverdueCancels` asks again.
 */
export async function hangUp(deps: Pick<CancelCallDeps, "telephony" | "logger">, callId: string, carrierCallId: string): Promise<void> {
  await deps.telephony.hangup(carrierCallId).catch((error: unknown) => {
    deps.logger.warn({ err: error, callId }, "could not hang up a canceled call; its end will still be recorded as canceled");
  });
}

import type { Logger } from "@voxbridge/kit/core";
import type { CancelStore, TelephonyAdapter } from "./ports";

/**
 * The gateway canceled a call (its `call.canceled` is already published; the dialer adds none for a
 * call it had not dialed). Not yet dialed: the job is canceled and never dialed. Lost the race (an
 * attempt is live): the cancel is recorded and the call hung up; it then ends `canceled` with the
 * dialer's own `call.canceled` carrying the talk time, if any (the gateway's record is already final).
 */
export async function cancelCall(
  deps: { cancels: CancelStore; telephony: TelephonyAdapter; logger: Logger },
  callId: string,
): Promise<void> {
  const result = await deps.cancels.cancel(callId);
  deps.logger.debug({ callId, result }, "cancel received");
  if (result !== "dialing") return;
  const live = await deps.cancels.liveAttempt(callId);
  // No carrier id yet: the dial is in flight; its ringing report comes next and the end will be canceled.
  if (live?.carrierCallId) await deps.telephony.hangup(live.carrierCallId);
}

import type { CallEventOf, CallOut } from "@voxbridge/contracts";
import { lifecycleEvent } from "./lifecycle-event";

/**
 * The claim: a due job moves to `calling` for its next attempt, with the snapshot and the
 * `call.calling` event that say so. Which jobs a claim may take is decided by the rules beside this
 * file (pacing, org-concurrency, calling-window, suppression).
 */

/**
 * The call while attempt `attempt` is dialed: `calling`, the attempt counted, the last attempt's
 * outcome cleared, and `started_at` kept from the first dial.
 */
export const callingCall = (call: CallOut, attempt: number, now: Date): CallOut => ({
  ...call,
  status: "calling",
  attempt_count: attempt,
  disposition: null,
  error_message: null,
  duration_seconds: null,
  next_attempt_at: null,
  started_at: call.started_at ?? now.toISOString(),
});

/** The `call.calling` event of a claimed attempt, in the trace of the call's `call.queued`. */
export const callingEvent = (queued: CallEventOf<"call.queued">, call: CallOut, id: string, at: Date) =>
  lifecycleEvent("call.calling", queued, call, at, id);

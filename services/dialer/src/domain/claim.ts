import { type CallEventOf, type CallOut, newCallEvent } from "@voxbridge/contracts";

/** The calls-per-second limit of one telephony account: at most `cps` dials in any `windowMs`. */
export type Pacing = { cps: number; windowMs: number };

/** The account's dials in the current window: how many, and when the oldest of them left. */
export type PacingWindow = { used: number; oldest: Date | null };

/** How many dials a claim may start now: its own limit, and what the window has left. */
export const pacingBudget = (pacing: Pacing, window: PacingWindow, limit: number): number =>
  Math.max(0, Math.min(limit, Math.floor(pacing.cps) - window.used));

/** How many more calls an org may have live: its limit (or the default) less its live calls. */
export const orgRoom = (active: number, limit: number | null, defaultLimit: number): number =>
  Math.max(0, (limit ?? defaultLimit) - active);

/**
 * When the scheduler should claim again. A spent window (this claim's dials included) reopens as
 * its oldest dial leaves it, and the wait is pacing; otherwise at the next future job, if any.
 */
export function nextClaimAt(
  pacing: Pacing,
  window: PacingWindow,
  claimed: number,
  now: Date,
  nextDue: Date | null,
): { at: Date | null; paced: boolean } {
  if (window.used + claimed >= Math.floor(pacing.cps))
    return { at: new Date((window.oldest ?? now).getTime() + pacing.windowMs), paced: true };
  return { at: nextDue, paced: false };
}

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
export const callingEvent = (queued: CallEventOf<"call.queued">, call: CallOut, source: string, id: string, at: Date) =>
  newCallEvent(
    "call.calling",
    source,
    { org_id: queued.data.org_id, webhook_url: queued.data.webhook_url, call },
    { id, time: at, traceparent: queued.traceparent },
  );

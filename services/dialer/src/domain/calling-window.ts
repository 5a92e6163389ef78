import type { CallEventOf, CallOut, ResolvedCallingWindow } from "@voxbridge/contracts";
import { nextOpening } from "@voxbridge/contracts/window-schedule";

/** When an attempt is due, and when the calling-window opening it is due in closes (null: no window). */
export type Due = { dueAt: Date; windowClosesAt: Date | null };

/** When a queued call's first attempt would be due without a window: its schedule, or its creation when it has none. */
const dueAtOf = (call: Pick<CallOut, "scheduled_at" | "created_at">): Date => new Date(call.scheduled_at ?? call.created_at);

/**
 * An attempt due at `from`, moved into the call's calling window: the window's next opening at or
 * after `from`. The gateway refuses a window that never opens; one that still does not (an event
 * from before windows, or other zone data) leaves the time as it is.
 */
export function dueWithin(window: ResolvedCallingWindow | null, from: Date): Due {
  const opening = window ? nextOpening(window, from) : null;
  return opening ? { dueAt: opening.opensAt, windowClosesAt: opening.closesAt } : { dueAt: from, windowClosesAt: null };
}

/** When the first attempt of a queued call is due. */
export const firstAttemptDue = (event: CallEventOf<"call.queued">): Due =>
  dueWithin(event.data.calling_window ?? null, dueAtOf(event.data.call));

/**
 * Whether a new job must wake the schedulers: its first attempt is due before their next safety
 * poll. A later one needs no wake-up: a poll reads it as the next due job before its time and sets
 * the timer, so a burst of calls scheduled for tomorrow makes nobody claim.
 */
export const needsWake = (event: CallEventOf<"call.queued">, now: Date, pollIntervalMs: number): boolean =>
  firstAttemptDue(event).dueAt.getTime() <= now.getTime() + pollIntervalMs;

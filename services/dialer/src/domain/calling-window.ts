import type { CallEventOf, CallOut, ResolvedCallingWindow } from "@voxbridge/contracts";
import { nextOpening, windowProblem } from "@voxbridge/contracts/window-schedule";

/**
 * The calling window: attempts start only inside the call's window (its hours in every one of its
 * time zones at once). A window that cannot be resolved (an unknown zone or day, zone data other
 * than the gateway's, hours that never overlap) fails closed: the call ends `failed`, naming the
 * window, and is never dialed.
 */

/** When an attempt is due, and when the calling-window opening it is due in closes (null: no window). */
export type Due = { dueAt: Date; windowClosesAt: Date | null };

/** A window that cannot be applied, and why (the partner-visible reason the call fails with). */
export type Unresolvable = { unresolvable: string };

export const isUnresolvable = (due: Due | Unresolvable): due is Unresolvable => "unresolvable" in due;

/** When a queued call's first attempt would be due without a window: its schedule, or its creation when it has none. */
const dueAtOf = (call: Pick<CallOut, "scheduled_at" | "created_at">): Date => new Date(call.scheduled_at ?? call.created_at);

const describe = (window: ResolvedCallingWindow) =>
  `${window.start}–${window.end} ${window.days.join(",")} (${window.time_zones.join(", ")})`;

/** Why the window fails the call, naming it: "Calling window 09:00–17:00 mon (Mars/Base) cannot be applied: …". */
const unresolvable = (window: ResolvedCallingWindow, why: string): Unresolvable => ({
  unresolvable: `Calling window ${describe(window)} cannot be applied: ${why}`,
});

/**
 * An attempt due at `from`, moved into the call's calling window: the window's next opening at or
 * after `from`. No window: `from` itself. A window that does not resolve: unresolvable, never "any time".
 */
export function dueWithin(window: ResolvedCallingWindow | null, from: Date): Due | Unresolvable {
  if (window === null) return { dueAt: from, windowClosesAt: null };
  const problem = windowProblem(window);
  if (problem !== null) return unresolvable(window, problem);
  const opening = nextOpening(window, from);
  if (opening === null) return unresolvable(window, "its hours never overlap in its time zones");
  return { dueAt: opening.opensAt, windowClosesAt: opening.closesAt };
}

/**
 * Whether an attempt may start at `at` (checked again right before the carrier is asked, after
 * everything that can take time): open, closed (it opens later), or unresolvable.
 */
export function windowAt(window: ResolvedCallingWindow | null, at: Date): "open" | "closed" | Unresolvable {
  const due = dueWithin(window, at);
  if (isUnresolvable(due)) return due;
  return due.dueAt.getTime() <= at.getTime() ? "open" : "closed";
}

/**
 * The job row's timer for a verdict. An unresolvable window is stored as one that closed before
 * anything could be dialed (`window_closes_at` at the epoch): the claim never takes the job, and the
 * calling-window sweep ends it `failed` with the reason at its next beat.
 */
export const jobTimer = (due: Due | Unresolvable, from: Date): Due =>
  isUnresolvable(due) ? { dueAt: from, windowClosesAt: new Date(0) } : due;

/** When the first attempt of a queued call is due (or why its window cannot be applied). */
const firstAttemptDue = (event: CallEventOf<"call.queued">): Due | Unresolvable =>
  dueWithin(event.data.calling_window ?? null, dueAtOf(event.data.call));

/** The first attempt's timer as the job row stores it. */
export const firstAttemptTimer = (event: CallEventOf<"call.queued">): Due => jobTimer(firstAttemptDue(event), dueAtOf(event.data.call));

/**
 * Whether a new job must wake the schedulers: its first attempt is due before their next safety
 * poll. A later one needs no wake-up: a poll reads it as the next due job before its time and sets
 * the timer, so a burst of calls scheduled for tomorrow makes nobody claim. A job whose window does
 * not resolve is never claimed: no wake-up either (the sweep ends it).
 */
export function needsWake(event: CallEventOf<"call.queued">, now: Date, pollIntervalMs: number): boolean {
  const due = firstAttemptDue(event);
  return !isUnresolvable(due) && due.dueAt.getTime() <= now.getTime() + pollIntervalMs;
}

/** The snapshot of a call whose window cannot be applied: failed with the reason, never dialed (again). */
export const windowFailedCall = (call: CallOut, reason: string, at: Date): CallOut => ({
  ...call,
  status: "failed",
  error_message: reason,
  next_attempt_at: null,
  completed_at: at.toISOString(),
});

import { periodOf } from "./period";

/**
 * Minutes billed for a call's talk time: every started minute counts, so 1 s bills 1 minute, 60 s
 * bill 1 and 61 s bill 2 (ceil(seconds / 60)). No talk time (0 or unknown) bills nothing.
 */
export function billedMinutes(durationSeconds: number | null): number {
  return durationSeconds !== null && durationSeconds > 0 ? Math.ceil(durationSeconds / 60) : 0;
}

/**
 * The period a call's minutes count in: the UTC month the call ended (its `completed_at`, else the
 * time of the event that ended it). Fixed by the event, not by when quota processes it, so a
 * redelivered or late event bills the same month.
 */
export function billingPeriodOf(call: { completed_at: string | null }, eventTime: string): string {
  return periodOf(new Date(call.completed_at ?? eventTime));
}

/**
 * How long a call may talk: the org's minutes left after everything billed and held, plus what the
 * call itself holds (its own hold is part of what it may use), in seconds.
 */
export const talkSecondsAllowed = (minutesRemaining: number, callMinutesHeld: number): number =>
  Math.max(0, minutesRemaining + callMinutesHeld) * 60;

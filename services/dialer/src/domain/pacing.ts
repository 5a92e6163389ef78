/**
 * Pacing: at most `cps` dials per telephony account in any `windowMs` (the carrier's calls-per-second
 * limit). The claim counts the account's dials in the window (`adapters/claim-store.ts`) and these
 * decide how many it may take and when to look again.
 */

/**
 * The sliding window of the calls-per-second limit: CPS dials per 1.1 s. Dials reach the carrier
 * some milliseconds after their claim commits (more on a busy host); the extra 0.1 s per second
 * absorbs up to 0.5 s of that jitter in any 5-second window, at about 9% of throughput.
 */
export const PACING_WINDOW_MS = 1_100;

/** The calls-per-second limit of one telephony account: at most `cps` dials in any `windowMs`. */
export type Pacing = { cps: number; windowMs: number };

/** The account's dials in the current window: how many, and when the oldest of them left. */
export type PacingWindow = { used: number; oldest: Date | null };

/** How many dials a claim may start now: its own limit, and what the window has left. */
export const pacingBudget = (pacing: Pacing, window: PacingWindow, limit: number): number =>
  Math.max(0, Math.min(limit, Math.floor(pacing.cps) - window.used));

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
 * The same limit at the moment a dial leaves an instance. Claims are paced in the database, but the
 * work between a claim and its dial (the talk allowance, the last look) takes longer on a busy host
 * and can bunch claims made in pace. Given this instance's latest dials (their times, oldest first,
 * at most `cps` kept), how long the next must wait so that no `windowMs` holds more than `cps` of them.
 */
export function sendDelayMs(sent: readonly number[], pacing: Pacing, now: number): number {
  const cps = Math.floor(pacing.cps);
  const oldestInWindow = sent.length >= cps ? sent[sent.length - cps] : undefined;
  return oldestInWindow === undefined ? 0 : Math.max(0, oldestInWindow + pacing.windowMs - now);
}

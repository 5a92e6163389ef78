/** Production: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (Standard Webhooks' reference schedule). */
export const PRODUCTION_RETRY_SECONDS = [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000] as const;

/** Parses "1,2,4,8,16" (seconds between attempts) into a schedule. */
export function parseRetrySchedule(value: string): number[] {
  const seconds = value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map(Number);
  if (seconds.some((s) => !Number.isFinite(s) || s < 0)) throw new Error(`not a retry schedule: ${value}`);
  return seconds;
}

export type RetryPolicy = {
  /** Seconds to wait after attempt n (1-based) failed, for n = 1..length; after the last, the delivery is exhausted. */
  delaysSeconds: readonly number[];
  /** Fraction of each delay added or removed at random (0.1: ±10 %), so failing partners are not hit in lockstep. */
  jitter: number;
};

/** Milliseconds until the next attempt after `attemptsMade` failed attempts, or null when exhausted. */
export function nextRetryDelayMs(
  policy: RetryPolicy,
  attemptsMade: number,
  random: () => number,
  retryAfterMs: number | null,
): number | null {
  const base = policy.delaysSeconds[attemptsMade - 1];
  if (base === undefined) return null;
  const jittered = base * 1_000 * (1 + policy.jitter * (2 * random() - 1));
  // Retry-After may only push the next attempt later, and not past a day.
  return Math.round(Math.max(jittered, Math.min(retryAfterMs ?? 0, 86_400_000)));
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (value === undefined || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

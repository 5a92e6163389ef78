/** What one HTTP attempt came to. */
export type AttemptResult = {
  /** HTTP status, or null when no response arrived (refused, timeout, connection error). */
  status: number | null;
  /** Why it failed, without secrets; null on success. */
  error: string | null;
  retryAfterMs: number | null;
  durationMs: number;
};

/** Success is a 2xx; 410 Gone stops for good; anything else (3xx included: redirects are not followed) is retried. */
export type AttemptVerdict = "delivered" | "gone" | "retry";

export function judgeAttempt(result: AttemptResult): AttemptVerdict {
  if (result.status !== null && result.status >= 200 && result.status < 300) return "delivered";
  if (result.status === 410) return "gone";
  return "retry";
}

/** Retry-After is honoured only on 429 and 503. */
export const honoursRetryAfter = (status: number | null) => status === 429 || status === 503;

/** An endpoint whose every attempt has failed this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 3_600_000;

/** How long a claimed delivery is leased to one worker; past it, another may retry (the worker died mid-attempt). */
export const leaseMs = (timeoutMs: number) => timeoutMs + 15_000;

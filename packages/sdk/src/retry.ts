/** Statuses that mean "not now" rather than "no": the same request, with the same Idempotency-Key, may succeed later. */
const RETRYABLE_STATUSES = new Set([429, 503]);
/** No single wait is longer than this, whatever Retry-After asks, so a caller is never parked for minutes. */
const MAX_WAIT_MS = 30_000;
/** First backoff step when the server gives no Retry-After; doubles on each retry. */
const BASE_DELAY_MS = 500;

/**
 * The wait Retry-After asks for, in milliseconds: either delay-seconds or an HTTP date.
 * Null when the header is absent or unreadable, so the caller falls back to backoff.
 */
function retryAfterMs(header: string | null): number | null {
  if (header === null || header.trim() === "") return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/**
 * Exponential backoff with jitter for retry number `retry` (0 for the first): half the step is
 * fixed so retries stay spaced, half is random so many clients rejected together do not return together.
 */
function backoffMs(retry: number): number {
  const step = Math.min(MAX_WAIT_MS, BASE_DELAY_MS * 2 ** retry);
  return step / 2 + (Math.random() * step) / 2;
}

/** How long to wait before retrying after `response`, capped at MAX_WAIT_MS. */
function retryDelayMs(response: Response, retry: number): number {
  return Math.min(MAX_WAIT_MS, retryAfterMs(response.headers.get("retry-after")) ?? backoffMs(retry));
}

/**
 * Runs `attempt` until its response is not 429/503 or `maxRetries` retries are spent, and returns
 * the last outcome. `attempt` must resend the identical request (same Idempotency-Key), which is
 * what makes retrying a POST safe.
 */
export async function withRetries<T extends { response: Response }>(attempt: () => Promise<T>, maxRetries: number): Promise<T> {
  for (let retry = 0; ; retry++) {
    const outcome = await attempt();
    if (!RETRYABLE_STATUSES.has(outcome.response.status) || retry >= maxRetries) return outcome;
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs(outcome.response, retry)));
  }
}

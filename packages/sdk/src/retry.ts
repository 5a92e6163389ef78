/** No single wait is longer than this, whatever Retry-After asks, so a caller is never parked for minutes. */
const MAX_WAIT_MS = 30_000;
/** First backoff step when the server gives no Retry-After; doubles on each retry. */
const BASE_DELAY_MS = 500;

/**
 * How safe a request is to send again. `idempotent`: a read, or a POST carrying an Idempotency-Key
 * (the server answers a repeat with the first answer). `unsafe`: anything else, which is sent again
 * only when the server cannot have acted on it.
 */
export type RetrySafety = "idempotent" | "unsafe";

/**
 * Answers that mean "not now" rather than "no" for a request that is safe to repeat: a timeout
 * (408), the same Idempotency-Key still in flight (409 `idempotency_key_in_flight`; any other 409,
 * such as canceling a finished call, is an answer and is never retried), the rate limit (429) and
 * the server's or a gateway's failures (500, 502, 503, 504).
 */
const IDEMPOTENT_RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** The rate limiter refuses before anything is done, so even an unsafe request may be sent again after a 429. */
const UNSAFE_RETRY_STATUSES = new Set([429]);

/** Network errors raised before a request left this machine or reached the server: nothing was done. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/** A request that got no answer: the connection failed, or no answer came within `timeoutMs`. */
export class VoxBridgeConnectionError extends TypeError {
  override readonly name = "VoxBridgeConnectionError";
  /** True when the request was abandoned after `timeoutMs`; it may have been done on the server. */
  readonly timedOut: boolean;

  constructor(message: string, options: { cause: unknown; timedOut: boolean }) {
    super(message, { cause: options.cause });
    this.timedOut = options.timedOut;
  }
}

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

const errorTypeOf = (body: unknown): unknown =>
  typeof body === "object" &&
  body !== null &&
  "error" in body &&
  typeof body.error === "object" &&
  body.error !== null &&
  "type" in body.error
    ? body.error.type
    : undefined;

/** Whether an answer is worth asking again for, given how safe the request is to repeat. */
function isRetryableAnswer(status: number, body: unknown, safety: RetrySafety): boolean {
  if (safety === "unsafe") return UNSAFE_RETRY_STATUSES.has(status);
  if (status === 409) return errorTypeOf(body) === "idempotency_key_in_flight";
  return IDEMPOTENT_RETRY_STATUSES.has(status);
}

/** Whether a request that got no answer may be sent again: any failure for a safe one, only "never sent" for the rest. */
function isRetryableFailure(error: VoxBridgeConnectionError, safety: RetrySafety): boolean {
  if (safety === "idempotent") return true;
  const code = (error.cause as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return !error.timedOut && typeof code === "string" && NOT_SENT_CODES.has(code);
}

/**
 * Runs `attempt` until it gets an answer not worth retrying, or `maxRetries` retries are spent, and
 * returns (or throws) the last outcome. Waits as long as Retry-After asks, else backs off
 * exponentially with jitter; never more than 30 s at a time. `attempt` must resend the identical
 * request (the same Idempotency-Key), which is what makes retrying a POST safe.
 */
export async function withRetries<T extends { response: Response; error?: unknown }>(
  attempt: () => Promise<T>,
  options: { maxRetries: number; safety: RetrySafety },
): Promise<T> {
  for (let retry = 0; ; retry++) {
    let outcome: T;
    try {
      outcome = await attempt();
    } catch (error) {
      if (!(error instanceof VoxBridgeConnectionError) || retry >= options.maxRetries || !isRetryableFailure(error, options.safety))
        throw error;
      await sleep(backoffMs(retry));
      continue;
    }
    if (retry >= options.maxRetries || !isRetryableAnswer(outcome.response.status, outcome.error, options.safety)) return outcome;
    await sleep(Math.min(MAX_WAIT_MS, retryAfterMs(outcome.response.headers.get("retry-after")) ?? backoffMs(retry)));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fetch that gives up after `timeoutMs` and reports every failure to get an answer as a
 * VoxBridgeConnectionError (a TypeError, like fetch's own network errors).
 */
export function fetchWithTimeout(fetch: (request: Request) => Promise<Response>, timeoutMs: number) {
  return async (request: Request): Promise<Response> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([request.signal, timeout]);
    // Raced too, for a fetch that does not watch its signal.
    const expired = new Promise<never>((_, reject) => timeout.addEventListener("abort", () => reject(timeout.reason), { once: true }));
    try {
      return await Promise.race([fetch(new Request(request, { signal })), expired]);
    } catch (error) {
      if (request.signal.aborted) throw error; // the caller's own abort is not ours to retry
      if (timeout.aborted)
        throw new VoxBridgeConnectionError(`no answer from VoxBridge within ${timeoutMs} ms`, { cause: error, timedOut: true });
      if (error instanceof TypeError)
        throw new VoxBridgeConnectionError(`could not reach VoxBridge: ${error.message}`, { cause: error, timedOut: false });
      throw error;
    }
  };
}

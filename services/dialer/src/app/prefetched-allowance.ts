import type { TalkAllowance } from "./ports";

/**
 * Lets the consumer ask quota for a due-now call's allowance while the job is being inserted and
 * claimed, so the quota round trip is off the path to the dial. A prefetched answer is used once
 * (the first attempt); retries ask again. Unused answers are dropped after `ttlMs`.
 */
export function withPrefetch(inner: TalkAllowance, ttlMs = 30_000): TalkAllowance & { prefetch: (orgId: string, callId: string) => void } {
  const pending = new Map<string, { answer: Promise<number | null>; at: number }>();
  return {
    prefetch(orgId, callId) {
      const now = Date.now();
      for (const [id, entry] of pending) if (now - entry.at > ttlMs) pending.delete(id);
      if (!pending.has(callId)) pending.set(callId, { answer: inner.talkSecondsAllowed(orgId, callId), at: now });
    },
    talkSecondsAllowed(orgId, callId) {
      const entry = pending.get(callId);
      if (entry === undefined) return inner.talkSecondsAllowed(orgId, callId);
      pending.delete(callId);
      return entry.answer;
    },
  };
}

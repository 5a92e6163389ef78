import type { TalkAllowance } from "./ports";

/**
 * Lets the consumer settle a due-now call's allowance before its job is claimed, so no quota round
 * trip sits on the path to the dial. When `call.queued` carries the allowance quota answered with
 * the call's hold (`known`), that is used and quota is not asked again; otherwise (an event from
 * before it) the question is sent while the job is being inserted and claimed. A prefetched answer
 * is used once (the first attempt); retries ask quota. Unused answers are dropped after `ttlMs`,
 * which also bounds how old a known allowance can be when it is used.
 */
export function withPrefetch(
  inner: TalkAllowance,
  ttlMs = 30_000,
): TalkAllowance & { prefetch: (orgId: string, callId: string, known?: number) => void } {
  const pending = new Map<string, { answer: Promise<number | null>; at: number }>();
  return {
    prefetch(orgId, callId, known) {
      const now = Date.now();
      for (const [id, entry] of pending) if (now - entry.at > ttlMs) pending.delete(id);
      if (pending.has(callId)) return;
      pending.set(callId, { answer: known === undefined ? inner.talkSecondsAllowed(orgId, callId) : Promise.resolve(known), at: now });
    },
    talkSecondsAllowed(orgId, callId) {
      const entry = pending.get(callId);
      if (entry === undefined) return inner.talkSecondsAllowed(orgId, callId);
      pending.delete(callId);
      return entry.answer;
    },
  };
}

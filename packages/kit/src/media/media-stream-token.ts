import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The short-lived per-call token a Media Streams connection presents in its `start` message's
 * `customParameters.token`: whoever opens the stream (the Twilio adapter in its TwiML, the simulator)
 * mints it with the key it shares with the voice service (`MEDIA_TOKEN_KEY`). It names one call and
 * one attempt and expires, so a leaked TwiML opens nothing later or for another call.
 *
 * Format: `v1.<call_id>.<attempt>.<expires unix seconds>.<base64url HMAC-SHA256 of the four fields before it>`.
 */
export type MediaStreamClaim = { callId: string; attempt: number; expiresAt: Date };

/** The development and test key, shared by the voice service and the dialer; production sets its own (`MEDIA_TOKEN_KEY`). */
export const LOCAL_MEDIA_TOKEN_KEY = "local-development-only-media-token-key";

const VERSION = "v1";

const sign = (key: string, body: string) => createHmac("sha256", key).update(body).digest("base64url");

/** Mints a token for one call attempt, valid for `ttlSeconds` (default 10 minutes: ring time and setup). */
export function mintMediaStreamToken(key: string, claim: { callId: string; attempt: number }, now: Date, ttlSeconds = 600): string {
  const expires = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const body = `${VERSION}.${claim.callId}.${claim.attempt}.${expires}`;
  return `${body}.${sign(key, body)}`;
}

export type TokenCheck = { ok: true; claim: MediaStreamClaim } | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

/** Checks a token's signature (constant time) and expiry; the caller then matches the claim to the stream's call. */
export function verifyMediaStreamToken(key: string, token: string, now: Date): TokenCheck {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) return { ok: false, reason: "malformed" };
  const [, callId = "", attemptText = "", expiresText = "", signature = ""] = parts;
  if (!/^[0-9a-f-]{36}$/i.test(callId) || !/^\d{1,4}$/.test(attemptText) || !/^\d{1,12}$/.test(expiresText))
    return { ok: false, reason: "malformed" };
  const expected = Buffer.from(sign(key, parts.slice(0, 4).join(".")));
  const presented = Buffer.from(signature);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return { ok: false, reason: "bad_signature" };
  const expiresAt = new Date(Number(expiresText) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claim: { callId, attempt: Number(attemptText), expiresAt } };
}

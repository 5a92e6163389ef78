import { createHmac, timingSafeEqual } from "node:crypto";
import { isTraceparent } from "@voxbridge/kit/core";
import type { CarrierReport } from "../app/ports";

/**
 * Twilio's request signature: base64 HMAC-SHA1, keyed by the auth token, over the full callback URL
 * followed by every POST parameter's name and value, sorted by name.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string | string[]>): string {
  const data = Object.keys(params)
    .sort()
    .map((name) => {
      const value = params[name];
      return (Array.isArray(value) ? [...value].sort() : [value ?? ""]).map((v) => `${name}${v}`).join("");
    })
    .join("");
  return createHmac("sha1", authToken)
    .update(url + data)
    .digest("base64");
}

/** Checks an X-Twilio-Signature header in constant time. */
export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string | string[]>,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * A callback URL for one dial attempt: `{publicUrl}{path}?call_id=…&attempt=N`, and `&traceparent=…`
 * when the dial has one to hand on. Twilio sends no trace header, but calls back the exact URL it
 * was given, signed, so the callback can join the call's trace without the parameter being forgeable.
 */
export function twilioCallbackUrl(
  publicUrl: string,
  path: string,
  attempt: { callId: string; attempt: number; traceparent?: string | undefined },
): string {
  const url = new URL(path, publicUrl);
  url.searchParams.set("call_id", attempt.callId);
  url.searchParams.set("attempt", String(attempt.attempt));
  if (attempt.traceparent) url.searchParams.set("traceparent", attempt.traceparent);
  return url.toString();
}

/** The callback URL's traceparent, when it is a well-formed one; anything else is ignored. */
export const traceparentOfCallback = (value: unknown): string | undefined => (isTraceparent(value) ? value : undefined);

/**
 * Maps a Twilio status callback onto our carrier reports. `queued`/`initiated` carry no news;
 * `failed` is Twilio's refusal to connect the number (not retryable); an answering machine that
 * took the call is `voicemail`.
 */
export function reportOfTwilioStatus(params: {
  CallStatus?: string;
  CallDuration?: string;
  AnsweredBy?: string;
  ErrorMessage?: string;
}): CarrierReport | null {
  const talkSeconds = params.CallDuration === undefined ? null : Number.parseInt(params.CallDuration, 10) || 0;
  const detail = params.ErrorMessage ?? null;
  switch (params.CallStatus) {
    case "queued":
    case "initiated":
      return null;
    case "ringing":
      return { kind: "ringing" };
    case "in-progress":
    case "answered":
      return { kind: "answered" };
    case "completed":
      return {
        kind: "ended",
        outcome: params.AnsweredBy?.startsWith("machine") ? "voicemail" : "completed",
        talkSeconds: talkSeconds ?? 0,
        detail,
      };
    case "busy":
      return { kind: "ended", outcome: "busy", talkSeconds: null, detail };
    case "no-answer":
      return { kind: "ended", outcome: "no_answer", talkSeconds: null, detail };
    case "failed":
      return { kind: "ended", outcome: "rejected", talkSeconds: null, detail };
    case "canceled":
      return { kind: "ended", outcome: "canceled", talkSeconds: null, detail };
    default:
      return null;
  }
}

/**
 * Twilio's asynchronous answering machine verdict (`AsyncAmdStatusCallback`): `AnsweredBy` is
 * `human`, `machine_start`, `machine_end_beep`, `machine_end_silence`, `machine_end_other`, `fax` or
 * `unknown`. Passed on as it is; what a verdict means for the conversation is decided on receipt.
 */
export function reportOfTwilioAmd(params: { AnsweredBy?: string }): CarrierReport | null {
  const answeredBy = params.AnsweredBy?.trim();
  return answeredBy ? { kind: "machine", answeredBy } : null;
}

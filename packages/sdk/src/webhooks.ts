import { Webhook } from "standardwebhooks";
import type { components } from "./generated/openapi";

export { WebhookVerificationError } from "standardwebhooks";

/**
 * The body of a delivery, discriminated by `type`; `data` is the call as it stood when the event
 * happened. Defined here only: once the document names the union (`WebhookEvent`), point this at it.
 */
export type WebhookEvent = components["schemas"][
  | "CallQueuedWebhook"
  | "CallCallingWebhook"
  | "CallCompletedWebhook"
  | "CallFailedWebhook"
  | "CallCanceledWebhook"];

/** Request headers as fetch (`Headers`) or node:http (`req.headers`) hands them over. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

const SIGNATURE_HEADERS = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

/**
 * Checks a delivery's Standard Webhooks signature and timestamp (at most 5 minutes off) over the
 * raw body, exactly as received, and returns the parsed event. Throws WebhookVerificationError
 * when the signature, the timestamp or a header is wrong or missing: answer 400 and do not act on it.
 */
export function verifyWebhook(secret: string, headers: WebhookHeaders, rawBody: string | Buffer): WebhookEvent {
  return new Webhook(secret).verify(rawBody, signatureHeaders(headers)) as WebhookEvent;
}

/**
 * The three signature headers as plain strings under lowercase names: the verifier reads only a
 * plain object, and node:http may hand over a repeated header as an array (joined with spaces,
 * which is how several signatures are listed anyway).
 */
function signatureHeaders(headers: WebhookHeaders): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers] : Object.entries(headers);
  const byName = new Map(entries.map(([name, value]) => [name.toLowerCase(), value]));
  const picked: Record<string, string> = {};
  for (const name of SIGNATURE_HEADERS) {
    const value = byName.get(name);
    if (value !== undefined) picked[name] = Array.isArray(value) ? value.join(" ") : value;
  }
  return picked;
}

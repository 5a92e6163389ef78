import { createHmac, createSecretKey, type KeyObject, randomBytes } from "node:crypto";

/** A new Standard Webhooks signing secret: `whsec_` and the base64 of 32 random bytes. */
export const newSigningSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

/** The key bytes of a Standard Webhooks `whsec_` secret (base64 after the prefix). */
function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

// Decoding a secret into a key costs more than the HMAC itself; an org has one or two secrets.
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (key === undefined) {
    if (keys.size >= 10_000) keys.clear();
    key = createSecretKey(secretKey(secret));
    keys.set(secret, key);
  }
  return key;
}

/**
 * The `webhook-signature` header value: one `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`
 * per secret, space-separated (several while a rotated-out secret is still honoured).
 */
export function signatureHeader(secrets: readonly string[], webhookId: string, timestampSeconds: number, body: string): string {
  const signed = `${webhookId}.${timestampSeconds}.${body}`;
  return secrets.map((secret) => `v1,${createHmac("sha256", keyOf(secret)).update(signed).digest("base64")}`).join(" ");
}

/** The stable `webhook-id` of one event to one destination: the delivery id, the same on every attempt and replay. */
export const webhookIdOf = (deliveryId: string) => `msg_${deliveryId.replaceAll("-", "")}`;

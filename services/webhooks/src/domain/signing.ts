import { createHmac } from "node:crypto";

/** The key bytes of a Standard Webhooks `whsec_` secret (base64 after the prefix). */
export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

/**
 * The `webhook-signature` header value: one `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`
 * per secret, space-separated (several while a rotated-out secret is still honoured).
 */
export function signatureHeader(secrets: readonly string[], webhookId: string, timestampSeconds: number, body: string): string {
  const signed = `${webhookId}.${timestampSeconds}.${body}`;
  return secrets.map((secret) => `v1,${createHmac("sha256", secretKey(secret)).update(signed).digest("base64")}`).join(" ");
}

/** The stable `webhook-id` of one event to one destination: the delivery id, the same on every attempt and replay. */
export const webhookIdOf = (deliveryId: string) => `msg_${deliveryId.replaceAll("-", "")}`;

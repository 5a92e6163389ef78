import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "sk_live_";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A new live key: `sk_live_` and 40 base62 characters (about 238 bits), to be shown once. */
export function generateApiKey(): string {
  const bytes = randomBytes(40);
  let body = "";
  // 248 = 4 * 62: rejecting bytes above it keeps every character equally likely.
  for (let i = 0; body.length < 40; i++) {
    const byte = i < bytes.length ? (bytes[i] as number) : (randomBytes(1)[0] as number);
    if (byte < 248) body += ALPHABET[byte % 62];
  }
  return `${API_KEY_PREFIX}${body}`;
}

/** Keys are stored and looked up only by this hash. */
export const hashApiKey = (key: string): string => createHash("sha256").update(key).digest("hex");

/** What a key may be shown as after creation (enough to tell keys apart, useless to an attacker). */
export const displayPrefix = (key: string): string => key.slice(0, API_KEY_PREFIX.length + 4);

export const looksLikeApiKey = (value: string): boolean =>
  value.startsWith(API_KEY_PREFIX) && value.length >= API_KEY_PREFIX.length + 32 && value.length <= 128;

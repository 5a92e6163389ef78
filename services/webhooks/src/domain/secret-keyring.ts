import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * The keys that encrypt webhook signing secrets at rest (AES-256-GCM), each under an id that is
 * stored beside every ciphertext. One key is active and encrypts everything written; the others
 * only decrypt, so rows written under a retired key stay readable until the re-encryption pass
 * moves them to the active one (docs/secrets.md, "Webhook signing secrets at rest").
 */
export type SecretKeyring = {
  readonly activeKeyId: string;
  readonly keyIds: readonly string[];
  /** Encrypts under the active key; `context` (the row's identity) must be given again to decrypt. */
  encrypt(plaintext: string, context: string): { keyId: string; ciphertext: string };
  /** Throws when the key id is unknown, or the ciphertext, its context or the key do not match. */
  decrypt(keyId: string, ciphertext: string, context: string): string;
};

export type SecretKey = { id: string; key: Buffer };

const KEY_ID = /^[A-Za-z0-9._-]{1,40}$/;
const KEY_BYTES = 32;
// GCM's standard nonce; random per encryption. A key encrypts a few secrets per org and endpoint,
// far below the 2^32 messages after which random 96-bit nonces risk repeating.
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A new key for WEBHOOK_SECRET_KEYS: the base64 of 32 random bytes. */
export const newSecretKey = () => randomBytes(KEY_BYTES).toString("base64");

/**
 * Reads `id:base64key,id:base64key`; each key decodes to exactly 32 bytes and ids are unique.
 * Throws one message naming what is wrong, never echoing a key.
 */
export function parseSecretKeys(value: string): SecretKey[] {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error("no key: give id:base64key[,id:base64key…]");
  const keys: SecretKey[] = [];
  for (const entry of entries) {
    const colon = entry.indexOf(":");
    const id = colon < 0 ? "" : entry.slice(0, colon);
    if (!KEY_ID.test(id)) throw new Error("each entry is id:base64key, with an id of letters, digits, '.', '_' or '-'");
    const encoded = entry.slice(colon + 1);
    const key = Buffer.from(encoded, "base64");
    if (key.length !== KEY_BYTES || key.toString("base64") !== encoded.replace(/\s/g, ""))
      throw new Error(`key ${id} is not the base64 of 32 bytes (make one with: openssl rand -base64 32)`);
    if (keys.some((known) => known.id === id)) throw new Error(`key id ${id} is given twice`);
    keys.push({ id, key });
  }
  return keys;
}

/** The keyring over `keys`, encrypting with `activeKeyId` (default: the only key). */
export function createSecretKeyring(keys: readonly SecretKey[], activeKeyId?: string): SecretKeyring {
  const byId = new Map(keys.map((entry) => [entry.id, entry.key]));
  const active = activeKeyId ?? (keys.length === 1 ? keys[0]?.id : undefined);
  if (active === undefined) throw new Error("several keys: name the active one");
  const activeKey = byId.get(active);
  if (activeKey === undefined) throw new Error(`the active key ${active} is not among the keys`);
  return {
    activeKeyId: active,
    keyIds: keys.map((entry) => entry.id),
    encrypt(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", activeKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return { keyId: active, ciphertext: Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64") };
    },
    decrypt(keyId, ciphertext, context) {
      const key = byId.get(keyId);
      if (key === undefined) throw new Error(`secret encrypted under key ${keyId}, which is not configured`);
      const raw = Buffer.from(ciphertext, "base64");
      if (raw.length < IV_BYTES + TAG_BYTES) throw new Error(`secret under key ${keyId} is too short to be a ciphertext`);
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString("utf8");
      } catch {
        throw new Error(`secret under key ${keyId} does not decrypt: wrong key, or not this row's ciphertext`);
      }
    },
  };
}

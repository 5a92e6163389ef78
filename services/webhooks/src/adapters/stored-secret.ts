import type { SecretKeyring } from "../domain/secret-keyring";

/** The tables that hold signing secrets, each row's secrets bound to its key column (`org_id`, `id`). */
export type SecretTable = "org_signing_secrets" | "webhook_endpoints";

/**
 * The additional data each ciphertext is bound to: its table and row. A ciphertext copied into
 * another row (another org's, another endpoint's) does not decrypt there.
 */
export const secretContext = (table: SecretTable, rowId: string) => `webhooks.${table}:${rowId}`;

/** One stored secret: a ciphertext and its key id, or the plaintext of a row not yet encrypted (before the migration's pass). */
export type StoredSecret = { plaintext: string | null; ciphertext: string | null; keyId: string | null };

/** The secret's plaintext, or null when the row holds none; throws when its key is missing or wrong. */
export function openStoredSecret(keyring: SecretKeyring, context: string, stored: StoredSecret): string | null {
  if (stored.ciphertext !== null && stored.keyId !== null) return keyring.decrypt(stored.keyId, stored.ciphertext, context);
  return stored.plaintext;
}

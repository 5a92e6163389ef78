import type pg from "pg";
import type { OrgSecretStore } from "../app/org-signing-secret";
import type { SecretKeyring } from "../domain/secret-keyring";
import { secretContext } from "./stored-secret";

/**
 * The org signing secret over pg: one upsert, so an org provisioned without a secret gets its first
 * one. The new secret is encrypted under the active key; the replaced one moves to `previous_*` as it
 * is, with its own key id.
 */
export function createOrgSecretStore(pool: pg.Pool, keyring: SecretKeyring): OrgSecretStore {
  return {
    async rotate(orgId, secret, previousValidUntil, now) {
      const sealed = keyring.encrypt(secret, secretContext("org_signing_secrets", orgId));
      const { rows } = await pool.query<{ previous_secret_expires_at: Date | null }>(
        `INSERT INTO org_signing_secrets (org_id, secret_ciphertext, secret_key_id, created_at, rotated_at) VALUES ($1, $2, $3, $5, $5)
         ON CONFLICT (org_id) DO UPDATE SET
           previous_secret = org_signing_secrets.secret, previous_secret_ciphertext = org_signing_secrets.secret_ciphertext,
           previous_secret_key_id = org_signing_secrets.secret_key_id, previous_secret_expires_at = $4,
           secret = NULL, secret_ciphertext = EXCLUDED.secret_ciphertext, secret_key_id = EXCLUDED.secret_key_id, rotated_at = $5
         RETURNING previous_secret_expires_at`,
        [orgId, sealed.ciphertext, sealed.keyId, previousValidUntil, now],
      );
      return { previousExpiresAt: rows[0]?.previous_secret_expires_at ?? null };
    },
  };
}

import type pg from "pg";
import type { OrgSecretStore } from "../app/org-signing-secret";

/** The org signing secret over pg: one upsert, so an org provisioned without a secret gets its first one. */
export function createOrgSecretStore(pool: pg.Pool): OrgSecretStore {
  return {
    async rotate(orgId, secret, previousValidUntil, now) {
      const { rows } = await pool.query<{ previous_secret_expires_at: Date | null }>(
        `INSERT INTO org_signing_secrets (org_id, secret, created_at, rotated_at) VALUES ($1, $2, $4, $4)
         ON CONFLICT (org_id) DO UPDATE SET previous_secret = org_signing_secrets.secret, previous_secret_expires_at = $3,
                                            secret = EXCLUDED.secret, rotated_at = $4
         RETURNING previous_secret_expires_at`,
        [orgId, secret, previousValidUntil, now],
      );
      return { previousExpiresAt: rows[0]?.previous_secret_expires_at ?? null };
    },
  };
}

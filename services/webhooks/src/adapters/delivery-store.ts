import type pg from "pg";
import type { DeliveryStore, DueDelivery, RecordedAttempt } from "../app/ports";
import { DISABLE_AFTER_FAILING_MS } from "../domain/delivery-outcome";
import type { DeliverySource } from "../domain/delivery-source";
import type { SecretKeyring } from "../domain/secret-keyring";
import { openStoredSecret, type SecretTable, secretContext } from "./stored-secret";

type ClaimedRow = {
  id: string;
  org_id: string;
  endpoint_id: string | null;
  url: string;
  attempt_count: number;
  sequence: number;
  payload: DeliverySource;
  endpoint_enabled: boolean | null;
  endpoint_found: boolean;
  org_found: boolean;
} & SecretColumns<"ep"> &
  SecretColumns<"os">;

type SecretColumns<P extends string> = {
  [K in
    | `${P}_secret`
    | `${P}_secret_ciphertext`
    | `${P}_secret_key_id`
    | `${P}_previous_secret`
    | `${P}_previous_ciphertext`
    | `${P}_previous_key_id`]: string | null;
} & { [K in `${P}_previous_expires_at`]: Date | null };

/**
 * The secrets a delivery is signed with, decrypted: the current one, and the rotated-out one while
 * it is still valid. Throws when a secret's key is not configured (or is the wrong one).
 */
function signingSecrets<P extends "ep" | "os">(
  keyring: SecretKeyring,
  table: SecretTable,
  rowId: string,
  row: SecretColumns<P>,
  p: P,
  now: Date,
) {
  const column = <K extends keyof SecretColumns<P>>(name: string) => row[`${p}_${name}` as K] as string | null;
  const context = secretContext(table, rowId);
  const current = openStoredSecret(keyring, context, {
    plaintext: column("secret"),
    ciphertext: column("secret_ciphertext"),
    keyId: column("secret_key_id"),
  });
  if (current === null) throw new Error("the row holds no current secret");
  const expiresAt = row[`${p}_previous_expires_at` as keyof SecretColumns<P>] as Date | null;
  if (expiresAt === null || expiresAt <= now) return [current];
  const previous = openStoredSecret(keyring, context, {
    plaintext: column("previous_secret"),
    ciphertext: column("previous_ciphertext"),
    keyId: column("previous_key_id"),
  });
  return previous === null ? [current] : [current, previous];
}

// An earlier event of the same call and destination that is still pending (waiting, or in flight
// under a lease) holds the later ones back; SKIP LOCKED lets instances share the work.
const CLAIM_SQL = `
  WITH due AS (
    SELECT d.id FROM webhook_deliveries d
     WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.leased_until IS NULL OR d.leased_until <= $1)
       AND NOT EXISTS (
         SELECT 1 FROM webhook_deliveries e
          WHERE e.call_id = d.call_id AND e.destination = d.destination AND e.sequence < d.sequence AND e.status = 'pending')
     ORDER BY d.status, d.next_attempt_at
     LIMIT $3
     FOR UPDATE SKIP LOCKED
  ), claimed AS (
    UPDATE webhook_deliveries d SET attempt_count = d.attempt_count + 1, leased_until = $2
      FROM due WHERE d.id = due.id
    RETURNING d.id, d.org_id, d.endpoint_id, d.url, d.attempt_count, d.sequence, d.event_id
  )
  SELECT c.id::text, c.org_id::text, c.endpoint_id::text, c.url, c.attempt_count, c.sequence, ev.payload,
         ep.enabled AS endpoint_enabled, ep.id IS NOT NULL AS endpoint_found, os.org_id IS NOT NULL AS org_found,
         ep.secret AS ep_secret, ep.secret_ciphertext AS ep_secret_ciphertext, ep.secret_key_id AS ep_secret_key_id,
         ep.previous_secret AS ep_previous_secret, ep.previous_secret_ciphertext AS ep_previous_ciphertext,
         ep.previous_secret_key_id AS ep_previous_key_id, ep.previous_secret_expires_at AS ep_previous_expires_at,
         os.secret AS os_secret, os.secret_ciphertext AS os_secret_ciphertext, os.secret_key_id AS os_secret_key_id,
         os.previous_secret AS os_previous_secret, os.previous_secret_ciphertext AS os_previous_ciphertext,
         os.previous_secret_key_id AS os_previous_key_id, os.previous_secret_expires_at AS os_previous_expires_at
    FROM claimed c
    JOIN webhook_events ev ON ev.event_id = c.event_id
    LEFT JOIN webhook_endpoints ep ON ep.id = c.endpoint_id
    LEFT JOIN org_signing_secrets os ON os.org_id = c.org_id`;

// One statement for the common path: log the attempts, apply the decisions, and end the failure run
// of every endpoint that just succeeded.
const RECORD_SQL = `
  WITH u AS (
    SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::text[], $5::int[], $6::text[], $7::timestamptz[], $8::text[])
      AS u(id, attempted_at, code, attempt_error, duration_ms, status, next_attempt_at, last_error)
  ), logged AS (
    INSERT INTO webhook_attempts (delivery_id, attempted_at, response_status, error, duration_ms)
    SELECT id, attempted_at, code, attempt_error, duration_ms FROM u
  ), recovered AS (
    UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ANY($9::uuid[]) AND failing_since IS NOT NULL
  )
  UPDATE webhook_deliveries d
     SET status = u.status, next_attempt_at = u.next_attempt_at, leased_until = NULL,
         completed_at = CASE WHEN u.status = 'pending' THEN NULL ELSE u.attempted_at END,
         last_response_status = u.code, last_error = u.last_error
    FROM u
   WHERE d.id = u.id`;

// A failed attempt starts (or continues) the endpoint's failure run; past 5 days, or on 410, it is disabled.
const ENDPOINT_FAILED_SQL = `
  UPDATE webhook_endpoints SET
         failing_since = COALESCE(failing_since, $2),
         enabled = CASE WHEN $4::text IS NOT NULL OR COALESCE(failing_since, $2) <= $3 THEN false ELSE enabled END,
         disabled_reason = CASE WHEN NOT enabled THEN disabled_reason
                                WHEN $4::text IS NOT NULL THEN $4::text
                                WHEN COALESCE(failing_since, $2) <= $3 THEN 'every attempt failed for 5 days'
                                ELSE disabled_reason END,
         updated_at = CASE WHEN enabled AND ($4::text IS NOT NULL OR COALESCE(failing_since, $2) <= $3) THEN $2 ELSE updated_at END
   WHERE id = $1`;

/** Delivery state in the webhooks schema over a plain pg pool: these are the hot paths, batched and prepared once per connection. */
export function createDeliveryStore(pool: pg.Pool, keyring: SecretKeyring): DeliveryStore {
  return {
    async claimDue(now, leaseUntil, limit) {
      const { rows } = await pool.query<ClaimedRow>({
        name: "webhooks-claim",
        text: CLAIM_SQL,
        values: [now, leaseUntil, limit],
      });
      return rows.map((row): DueDelivery => {
        let secrets: string[] | null = null;
        let blockedReason: string | null = null;
        let secretError: string | null = null;
        try {
          if (row.endpoint_id !== null) {
            if (!row.endpoint_found) blockedReason = "the endpoint was deleted";
            else if (!row.endpoint_enabled) blockedReason = "the endpoint is disabled";
            else secrets = signingSecrets(keyring, "webhook_endpoints", row.endpoint_id, row, "ep", now);
          } else if (!row.org_found) blockedReason = "the organization has no signing secret";
          else secrets = signingSecrets(keyring, "org_signing_secrets", row.org_id, row, "os", now);
        } catch (error) {
          secretError = `signing secret unreadable: ${(error as Error).message}`;
        }
        return {
          id: row.id,
          orgId: row.org_id,
          endpointId: row.endpoint_id,
          url: row.url,
          attemptNumber: row.attempt_count,
          sequence: row.sequence,
          event: row.payload,
          secrets,
          blockedReason,
          secretError,
        };
      });
    },

    async recordAttempts(attempts: RecordedAttempt[]) {
      if (attempts.length === 0) return;
      const column = <T>(pick: (attempt: RecordedAttempt) => T) => attempts.map(pick);
      const recovered = attempts.filter((a) => a.decision.kind === "delivered" && a.delivery.endpointId !== null);
      const record = [
        column((a) => a.delivery.id),
        column((a) => a.attemptedAt),
        column((a) => a.result.status),
        column((a) => a.result.error),
        column((a) => a.result.durationMs),
        column((a) => (a.decision.kind === "delivered" ? "succeeded" : a.decision.kind === "failed" ? "failed" : "pending")),
        column((a) => (a.decision.kind === "retry" ? a.decision.nextAttemptAt : null)),
        column((a) => (a.decision.kind === "delivered" ? null : a.decision.kind === "failed" ? a.decision.reason : a.result.error)),
        recovered.map((a) => a.delivery.endpointId),
      ];
      const failing = attempts.filter(
        (a) => a.decision.kind !== "delivered" && a.delivery.endpointId !== null && a.delivery.secrets !== null,
      );
      if (failing.length === 0) {
        await pool.query({ name: "webhooks-record", text: RECORD_SQL, values: record });
        return;
      }
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query({ name: "webhooks-record", text: RECORD_SQL, values: record });
        for (const a of failing) {
          const disable = a.decision.kind === "failed" ? a.decision.disableEndpoint : null;
          await client.query(ENDPOINT_FAILED_SQL, [
            a.delivery.endpointId,
            a.attemptedAt,
            new Date(a.attemptedAt.getTime() - DISABLE_AFTER_FAILING_MS),
            disable,
          ]);
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

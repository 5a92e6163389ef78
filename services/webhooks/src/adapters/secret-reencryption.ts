import type pg from "pg";
import type { SecretKeyring } from "../domain/secret-keyring";
import { openStoredSecret, type SecretTable, secretContext } from "./stored-secret";

export type ReencryptionResult = {
  /** Rows now wholly under the active key. */
  reencrypted: number;
  /** Rows left as they were: a key they need is not configured (or is the wrong one). */
  unreadable: number;
  /** Why, for each unreadable row (table, row id and reason; never a secret). */
  problems: string[];
};

type Row = {
  id: string;
  secret: string | null;
  secret_ciphertext: string | null;
  secret_key_id: string | null;
  previous_secret: string | null;
  previous_secret_ciphertext: string | null;
  previous_secret_key_id: string | null;
  previous_secret_expires_at: Date | null;
};

const TABLES: { table: SecretTable; id: string }[] = [
  { table: "org_signing_secrets", id: "org_id" },
  { table: "webhook_endpoints", id: "id" },
];
const BATCH = 100;
const BEFORE_EVERY_UUID = "00000000-0000-0000-0000-000000000000";

/**
 * Moves every stored signing secret under the keyring's active key: rows still in plaintext (from
 * before encryption) and rows under an older key are decrypted and encrypted again, and a previous
 * secret past its 24 h is dropped rather than carried. Once a pass reports nothing left under a key,
 * that key can leave WEBHOOK_SECRET_KEYS. Runs in batches, each in its own transaction with its rows
 * locked (SKIP LOCKED), so it can run beside the service, a rotation, or another pass.
 */
export async function reencryptSigningSecrets(pool: pg.Pool, keyring: SecretKeyring, now: Date): Promise<ReencryptionResult> {
  const result: ReencryptionResult = { reencrypted: 0, unreadable: 0, problems: [] };
  for (const { table, id } of TABLES) {
    let after = BEFORE_EVERY_UUID;
    for (;;) {
      const client = await pool.connect();
      let rows: Row[];
      try {
        await client.query("BEGIN");
        ({ rows } = await client.query<Row>(
          `SELECT ${id}::text AS id, secret, secret_ciphertext, secret_key_id,
                  previous_secret, previous_secret_ciphertext, previous_secret_key_id, previous_secret_expires_at
             FROM ${table}
            WHERE ${id} > $1::uuid
              AND (secret IS NOT NULL OR previous_secret IS NOT NULL OR secret_key_id IS DISTINCT FROM $2
                   OR (previous_secret_ciphertext IS NOT NULL AND previous_secret_key_id IS DISTINCT FROM $2))
            ORDER BY ${id} LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [after, keyring.activeKeyId],
        ));
        for (const row of rows) {
          const context = secretContext(table, row.id);
          let sealed: { current: { keyId: string; ciphertext: string }; previous: { keyId: string; ciphertext: string } | null };
          try {
            const current = openStoredSecret(keyring, context, {
              plaintext: row.secret,
              ciphertext: row.secret_ciphertext,
              keyId: row.secret_key_id,
            });
            if (current === null) throw new Error("no current secret");
            const previousLive = row.previous_secret_expires_at !== null && row.previous_secret_expires_at > now;
            const previous = previousLive
              ? openStoredSecret(keyring, context, {
                  plaintext: row.previous_secret,
                  ciphertext: row.previous_secret_ciphertext,
                  keyId: row.previous_secret_key_id,
                })
              : null;
            sealed = {
              current: keyring.encrypt(current, context),
              previous: previous === null ? null : keyring.encrypt(previous, context),
            };
          } catch (error) {
            result.unreadable++;
            result.problems.push(`${table} ${row.id}: ${(error as Error).message}`);
            continue;
          }
          await client.query(
            `UPDATE ${table} SET secret = NULL, secret_ciphertext = $2, secret_key_id = $3,
                    previous_secret = NULL, previous_secret_ciphertext = $4, previous_secret_key_id = $5
              WHERE ${id} = $1::uuid`,
            [row.id, sealed.current.ciphertext, sealed.current.keyId, sealed.previous?.ciphertext ?? null, sealed.previous?.keyId ?? null],
          );
          result.reencrypted++;
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      const last = rows.at(-1);
      if (last === undefined || rows.length < BATCH) break;
      after = last.id;
    }
  }
  return result;
}

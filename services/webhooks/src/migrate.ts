import path from "node:path";
import { type MigrationTimeouts, migrate, runMigrationsMain } from "@voxbridge/kit";
import { createWebhooksPool } from "./adapters/prisma";
import { WEBHOOKS_SCHEMA } from "./adapters/schema";
import { reencryptSigningSecrets } from "./adapters/secret-reencryption";
import { loadSecretKeyring } from "./config";
import type { SecretKeyring } from "./domain/secret-keyring";

/**
 * Applies the webhook service's pending migrations to its own schema. Given the keyring, it then
 * encrypts (or re-encrypts) every signing secret not yet under the active key, and fails naming any
 * it cannot read, so a deploy that dropped a key still in use stops here.
 */
export async function migrateWebhooks(databaseUrl: string, timeouts: MigrationTimeouts = {}, keyring?: SecretKeyring): Promise<string[]> {
  const applied = await migrate({
    databaseUrl,
    ...timeouts,
    schema: WEBHOOKS_SCHEMA,
    migrationsDir: path.join(__dirname, "../prisma/migrations"),
  });
  if (keyring === undefined) return applied;
  const pool = createWebhooksPool(databaseUrl, 1, undefined, "intake");
  try {
    const pass = await reencryptSigningSecrets(pool, keyring, new Date());
    if (pass.unreadable > 0)
      throw new Error(`${pass.unreadable} signing secrets are unreadable with WEBHOOK_SECRET_KEYS:\n  ${pass.problems.join("\n  ")}`);
    return pass.reencrypted > 0 ? [...applied, `${pass.reencrypted} signing secrets encrypted under key ${keyring.activeKeyId}`] : applied;
  } finally {
    await pool.end();
  }
}

if (require.main === module) {
  let keyring: SecretKeyring;
  try {
    keyring = loadSecretKeyring(process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(78);
  }
  runMigrationsMain("webhooks", (databaseUrl, timeouts) => migrateWebhooks(databaseUrl, timeouts, keyring));
}

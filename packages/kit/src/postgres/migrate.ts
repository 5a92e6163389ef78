import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { baseEnvShape, loadConfigOrExit } from "../config";
import { ensureDatabase, quoteIdent } from "./database";

export type MigrateOptions = {
  databaseUrl: string;
  /** The service's own Postgres schema; its migrations never name another. */
  schema: string;
  /** A Prisma Migrate folder: one `<timestamp>_<name>/migration.sql` per migration. */
  migrationsDir: string;
  /**
   * How long a migration statement waits for a table lock before failing (then the deploy fails and
   * can run again) rather than queueing every query on that table behind it. Default 10 s.
   */
  lockTimeoutMs?: number;
  /** How long one migration statement may run. Default 15 min. */
  statementTimeoutMs?: number;
};

export type MigrationTimeouts = Pick<MigrateOptions, "lockTimeoutMs" | "statementTimeoutMs">;

export const MIGRATION_TIMEOUT_DEFAULTS = { lockTimeoutMs: 10_000, statementTimeoutMs: 900_000 };

/**
 * Applies pending Prisma Migrate migrations without Prisma's native schema engine (unreachable here),
 * recording each in `_prisma_migrations` exactly as `prisma migrate deploy` does, so either tool can
 * take over. Serialized across processes by an advisory lock; once it holds it, every statement runs
 * under `lock_timeout` and `statement_timeout`, so a migration blocked by a long transaction fails
 * (and the deploy is retried) instead of stalling the service's traffic queued behind its lock.
 * Returns the names it applied.
 */
export async function migrate(options: MigrateOptions): Promise<string[]> {
  await ensureDatabase(options.databaseUrl);
  const migrations = await readMigrations(options.migrationsDir);
  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: `migrate:${options.schema}` });
  await client.connect();
  const schema = quoteIdent(options.schema);
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [`voxbridge:migrate:${options.schema}`]);
    const lockTimeoutMs = options.lockTimeoutMs ?? MIGRATION_TIMEOUT_DEFAULTS.lockTimeoutMs;
    const statementTimeoutMs = options.statementTimeoutMs ?? MIGRATION_TIMEOUT_DEFAULTS.statementTimeoutMs;
    await client.query("SELECT set_config('lock_timeout', $1, false), set_config('statement_timeout', $2, false)", [
      `${lockTimeoutMs}ms`,
      `${statementTimeoutMs}ms`,
    ]);
    // A role that owns its schema but may not create schemas (docs/managed-infrastructure.md) finds it made.
    const schemaExists = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [options.schema]);
    if (schemaExists.rowCount === 0) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`SET search_path TO ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const applied = new Map(
      (
        await client.query<{ migration_name: string; checksum: string }>(
          `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
      ).rows.map((row) => [row.migration_name, row.checksum]),
    );
    const done: string[] = [];
    for (const migration of migrations) {
      const recorded = applied.get(migration.name);
      if (recorded !== undefined) {
        if (recorded !== migration.checksum) {
          throw new Error(`migration ${options.schema}/${migration.name} was edited after it was applied (checksum differs)`);
        }
        continue;
      }
      await client.query("BEGIN");
      try {
        const id = randomUUID();
        await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`, [
          id,
          migration.checksum,
          migration.name,
        ]);
        await client.query(migration.sql);
        await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${options.schema}/${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => undefined);
    await client.end();
  }
}

export type Migration = { name: string; sql: string; checksum: string };

export async function readMigrations(migrationsDir: string): Promise<Migration[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/** The body of a service's `src/migrate.ts` when run as a script: apply, print, exit non-zero on failure. */
export function runMigrationsMain(service: string, apply: (databaseUrl: string, timeouts: MigrationTimeouts) => Promise<string[]>): void {
  // Only the database is needed; under NODE_ENV=production it must be given (no localhost default).
  const config = loadConfigOrExit(
    {
      NODE_ENV: baseEnvShape.NODE_ENV,
      DATABASE_URL: baseEnvShape.DATABASE_URL,
      MIGRATION_LOCK_TIMEOUT_MS: baseEnvShape.MIGRATION_LOCK_TIMEOUT_MS,
      MIGRATION_STATEMENT_TIMEOUT_MS: baseEnvShape.MIGRATION_STATEMENT_TIMEOUT_MS,
    },
    process.env,
  );
  apply(config.DATABASE_URL, {
    lockTimeoutMs: config.MIGRATION_LOCK_TIMEOUT_MS,
    statementTimeoutMs: config.MIGRATION_STATEMENT_TIMEOUT_MS,
  }).then(
    (applied) => process.stdout.write(`${service}: ${applied.length ? `applied ${applied.join(", ")}` : "migrations up to date"}\n`),
    (error: unknown) => {
      process.stderr.write(`${service} migrations failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

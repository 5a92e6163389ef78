import pg from "pg";
import type { Logger } from "../logger";

/** Creates the URL's database when it does not exist yet (the README's configuration table: "created if missing"). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!name) throw new Error("DATABASE_URL names no database");
  // Usually it exists, and a service's own role may not be allowed into the maintenance database.
  const probe = new pg.Client({ connectionString: databaseUrl });
  const exists = await probe.connect().then(
    () => true,
    (error: { code?: string }) => {
      if (error.code === "3D000") return false; // invalid_catalog_name: no such database
      throw error;
    },
  );
  await probe.end().catch(() => undefined);
  if (exists) return;
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`).catch((error: { code?: string }) => {
        // A concurrent runner created it first: 42P04, or 23505 when the creates truly race.
        if (error.code !== "42P04" && error.code !== "23505") throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * A pg pool that survives its server going away. pg emits "error" on the pool when an idle client's
 * connection dies (a Postgres restart sends 57P01 to every session); with no listener that event
 * kills the process. The listener logs it, pg drops the client, and the next checkout connects anew,
 * so the pool recovers by itself once the server is back (meanwhile queries fail, and answer 503).
 * `settings` become `-c name=value` session settings (search_path, synchronous_commit, …).
 */
export function createPool(
  databaseUrl: string,
  options: { max?: number; applicationName: string; settings?: string[]; connectionTimeoutMs?: number; logger?: Logger },
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    application_name: options.applicationName,
    // A server that is down must fail a checkout quickly (503) rather than hang the request.
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    ...(options.settings?.length ? { options: options.settings.map((setting) => `-c ${setting}`).join(" ") } : {}),
  });
  const lost = (error: Error) => options.logger?.warn({ err: error, pool: options.applicationName }, "postgres connection lost");
  pool.on("error", lost);
  // A checked-out client whose connection dies between two queries emits "error" on itself, not on
  // the pool: without this listener that too would end the process. Its next query fails instead.
  pool.on("connect", (client) => client.on("error", lost));
  return pool;
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

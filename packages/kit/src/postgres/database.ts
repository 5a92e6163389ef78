import pg from "pg";

/** Creates the URL's database when it does not exist yet (INTERFACES: "created if missing"). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!name) throw new Error("DATABASE_URL names no database");
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

export function createPool(databaseUrl: string, options: { max?: number; applicationName: string }): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 10, application_name: options.applicationName });
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

import pg from "pg";

/**
 * Drops and recreates the test database, so a run starts from the committed migrations and not from
 * whatever an earlier run (or an edited, unapplied-in-CI migration) left behind. Only for databases
 * the tests own: the name must end in "_test".
 */
export async function recreateTestDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!name.endsWith("_test")) throw new Error(`refusing to recreate ${name}: not a test database (name must end in _test)`);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
}

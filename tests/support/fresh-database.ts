import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * The test databases: `voxbridge_test` (or whatever DATABASE_URL names) holds the committed
 * migrations and serves as the template; every test file that talks to Postgres gets a copy of its
 * own (`<name>_<8 hex>`), so no two files ever see each other's rows and the production schema needs
 * nothing to tell test stacks apart. Only for databases the tests own: names must end in "_test"
 * (copies in "_test_<hex>").
 */
function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ""));
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A test file's copy of a template is named `<template>_<8 hex>`; with `template`, a copy of that one. */
const isFileCopy = (name: string, template?: string) =>
  /_test_[0-9a-f]{8}$/.test(name) && (template === undefined || name.slice(0, -9) === template);

/** Runs `work` on the server's maintenance database, which no test ever uses. */
async function onServer<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(databaseUrl);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function assertTemplate(name: string): void {
  if (!name.endsWith("_test")) throw new Error(`refusing to touch ${name}: not a test database (name must end in _test)`);
}

/**
 * Drops and recreates the template database, so a run starts from the committed migrations and not
 * from whatever an earlier run (or an edited, unapplied-in-CI migration) left behind.
 */
export async function recreateTestDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  assertTemplate(name);
  await onServer(databaseUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quote(name)}`);
  });
}

/** Drops the per-file copies an interrupted run left behind (a killed Jest worker never tears down). */
export async function dropStaleFileDatabases(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  assertTemplate(name);
  await onServer(databaseUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database");
    for (const { datname } of rows.filter((row) => isFileCopy(row.datname, name)))
      await client.query(`DROP DATABASE IF EXISTS ${quote(datname)} WITH (FORCE)`);
  });
}

/** A copy of the migrated template for one test file; returns its URL. */
export async function createFileDatabase(templateUrl: string): Promise<string> {
  const template = databaseName(templateUrl);
  assertTemplate(template);
  const name = `${template}_${randomBytes(4).toString("hex")}`;
  await onServer(templateUrl, (client) => client.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(template)}`));
  const url = new URL(templateUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** Drops a test file's copy, closing whatever connections the file left open. */
export async function dropFileDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  if (!isFileCopy(name)) throw new Error(`refusing to drop ${name}: not a test file's database`);
  await onServer(databaseUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
}

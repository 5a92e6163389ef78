import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { testDatabaseUrl } from "../../../../tests/support/env";
import { ensureDatabase, quoteIdent } from "./database";
import { migrate } from "./migrate";

const FIRST = "20260101000000_create_widgets";
const SECOND = "20260102000000_add_widget_color";

const FIRST_SQL = `CREATE TABLE "widgets" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "widgets_pkey" PRIMARY KEY ("id")
);
INSERT INTO "widgets" ("id", "name") VALUES (1, 'sprocket');
`;
// Only works after FIRST: proves the order.
const SECOND_SQL = `ALTER TABLE "widgets" ADD COLUMN "color" TEXT;
UPDATE "widgets" SET "color" = 'red';
`;

type MigrationRow = {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
};

let db: pg.Pool;
const schemas: string[] = [];
const dirs: string[] = [];

beforeAll(() => {
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
});

afterAll(async () => {
  for (const schema of schemas) await db.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  await db.end();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function scratchSchema(): string {
  const schema = `migrate_${randomBytes(6).toString("hex")}`;
  schemas.push(schema);
  return schema;
}

/** A Prisma Migrate folder in a temp dir: `<name>/migration.sql` per entry, plus migration_lock.toml. */
async function migrationsFolder(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "vb-migrations-"));
  dirs.push(dir);
  await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
  // Written newest first, so the runner's order cannot come from creation order.
  for (const [name, sql] of Object.entries(migrations).reverse()) await writeMigration(dir, name, sql);
  return dir;
}

async function writeMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

async function migrationRows(schema: string): Promise<MigrationRow[]> {
  const { rows } = await db.query<MigrationRow>(
    `SELECT * FROM ${quoteIdent(schema)}."_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return rows;
}

const tableExists = async (schema: string, table: string) =>
  (await db.query<{ found: string | null }>("SELECT to_regclass($1) AS found", [`${quoteIdent(schema)}.${quoteIdent(table)}`])).rows[0]
    ?.found !== null;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("migrate", () => {
  it("applies pending migrations in name order into the given schema and returns their names", async () => {
    const schema = scratchSchema();
    const migrationsDir = await migrationsFolder({ [FIRST]: FIRST_SQL, [SECOND]: SECOND_SQL });

    await expect(migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir })).resolves.toEqual([FIRST, SECOND]);

    const { rows } = await db.query(`SELECT id, name, color FROM ${quoteIdent(schema)}."widgets"`);
    expect(rows).toEqual([{ id: 1, name: "sprocket", color: "red" }]);
    expect(await tableExists("public", "widgets")).toBe(false);
  });

  it("records each migration in _prisma_migrations the way prisma migrate deploy does", async () => {
    const schema = scratchSchema();
    const migrationsDir = await migrationsFolder({ [FIRST]: FIRST_SQL, [SECOND]: SECOND_SQL });
    await migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir });

    const columns = await db.query<{
      column_name: string;
      data_type: string;
      character_maximum_length: number | null;
      is_nullable: string;
    }>(
      `SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      [schema],
    );
    expect(columns.rows).toEqual([
      { column_name: "id", data_type: "character varying", character_maximum_length: 36, is_nullable: "NO" },
      { column_name: "checksum", data_type: "character varying", character_maximum_length: 64, is_nullable: "NO" },
      { column_name: "finished_at", data_type: "timestamp with time zone", character_maximum_length: null, is_nullable: "YES" },
      { column_name: "migration_name", data_type: "character varying", character_maximum_length: 255, is_nullable: "NO" },
      { column_name: "logs", data_type: "text", character_maximum_length: null, is_nullable: "YES" },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", character_maximum_length: null, is_nullable: "YES" },
      { column_name: "started_at", data_type: "timestamp with time zone", character_maximum_length: null, is_nullable: "NO" },
      { column_name: "applied_steps_count", data_type: "integer", character_maximum_length: null, is_nullable: "NO" },
    ]);

    const rows = await migrationRows(schema);
    expect(rows.map((row) => row.migration_name)).toEqual([FIRST, SECOND]);
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.id).toHaveLength(36);
      const file = await readFile(path.join(migrationsDir, row.migration_name, "migration.sql"), "utf8");
      expect(row.checksum).toBe(sha256(file));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at?.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
    }
    expect(new Set(rows.map((row) => row.id)).size).toBe(2);
  });

  it("fails a migration that waits longer than lock_timeout for a table lock, records nothing, and applies it when run again", async () => {
    const schema = scratchSchema();
    const migrationsDir = await migrationsFolder({ [FIRST]: FIRST_SQL });
    await migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir });
    await writeMigration(migrationsDir, SECOND, SECOND_SQL);
    // A long transaction of the running service holds a lock the ALTER TABLE must wait for.
    const holder = await db.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`LOCK TABLE ${quoteIdent(schema)}."widgets" IN ACCESS SHARE MODE`);
      await expect(migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir, lockTimeoutMs: 200 })).rejects.toThrow(
        `migration ${schema}/${SECOND} failed: canceling statement due to lock timeout`,
      );
      expect((await migrationRows(schema)).map((row) => row.migration_name)).toEqual([FIRST]);
    } finally {
      await holder.query("ROLLBACK");
      holder.release();
    }
    await expect(migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir, lockTimeoutMs: 200 })).resolves.toEqual([SECOND]);
  });

  it("fails a migration statement that runs longer than statement_timeout", async () => {
    const schema = scratchSchema();
    const migrationsDir = await migrationsFolder({ [FIRST]: `${FIRST_SQL}SELECT pg_sleep(30);\n` });
    await expect(migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir, statementTimeoutMs: 300 })).rejects.toThrow(
      `migration ${schema}/${FIRST} failed: canceling statement due to statement timeout`,
    );
    expect(await tableExists(schema, "widgets")).toBe(false);
  });

  it("runs as a service's own role that owns only its schema: no CREATEDB, no CREATE on the database, no superuser", async () => {
    const schema = scratchSchema();
    const role = `vb_role_${randomBytes(4).toString("hex")}`;
    const database = new URL(testDatabaseUrl()).pathname.slice(1);
    await db.query(`CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`);
    try {
      await db.query(`REVOKE CREATE ON DATABASE ${quoteIdent(database)} FROM PUBLIC`);
      await db.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${quoteIdent(role)}`);
      await db.query(`CREATE SCHEMA ${quoteIdent(schema)} AUTHORIZATION ${quoteIdent(role)}`);
      const url = new URL(testDatabaseUrl());
      url.username = role;
      const migrationsDir = await migrationsFolder({ [FIRST]: FIRST_SQL, [SECOND]: SECOND_SQL });
      await expect(migrate({ databaseUrl: url.toString(), schema, migrationsDir })).resolves.toEqual([FIRST, SECOND]);
      const asRole = new pg.Client({ connectionString: url.toString() });
      await asRole.connect();
      try {
        // Its retention pass can VACUUM what it owns; it cannot reach beyond its schema.
        await asRole.query(`VACUUM (ANALYZE) ${quoteIdent(schema)}."widgets"`);
        await expect(asRole.query(`CREATE SCHEMA ${quoteIdent(`${schema}_other`)}`)).rejects.toThrow(/permission denied/);
      } finally {
        await asRole.end();
      }
    } finally {
      await db.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await db.query(`REVOKE ALL ON DATABASE ${quoteIdent(database)} FROM ${quoteIdent(role)}`);
      await db.query(`DROP ROLE ${quoteIdent(role)}`);
    }
  });

  it("sets both timeouts on its session by default", async () => {
    const schema = scratchSchema();
    const migrationsDir = await migrationsFolder({
      [FIRST]: `CREATE TABLE "seen" AS SELECT current_setting('lock_timeout') AS lock_timeout, current_setting('statement_timeout') AS statement_timeout;\n`,
    });
    await migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir });
    const { rows } = await db.query(`SELECT * FROM ${quoteIdent(schema)}."seen"`);
    expect(rows).toEqual([{ lock_timeout: "10s", statement_timeout: "15min" }]);
  });

  it("applies nothing on a second run and only the new migration when one is added", async () => {
    const schema = scratchSchema();
    const migrationsDir = await migrationsFolder({ [FIRST]: FIRST_SQL });
    await migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir });
    const before = await migrationRows(schema);

    await expect(migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir })).resolves.toEqual([]);
    expect(await migrationRows(schema)).toEqual(before);

    await writeMigration(migrationsDir, SECOND, SECOND_SQL);
    await expect(migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir })).resolves.toEqual([SECOND]);
    await expect(migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir })).resolves.toEqual([]);
    expect((await migrationRows(schema)).map((row) => row.migration_name)).toEqual([FIRST, SECOND]);
  });

  it("rejects, naming the migration, when an applied migration was edited afterwards, and applies nothing after it", async () => {
    const schema = scratchSchema();
    const migrationsDir = await migrationsFolder({ [FIRST]: FIRST_SQL });
    await migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir });

    await writeFile(path.join(migrationsDir, FIRST, "migration.sql"), `${FIRST_SQL}-- tweaked after the fact\n`);
    await writeMigration(migrationsDir, SECOND, SECOND_SQL);

    await expect(migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir })).rejects.toThrow(
      `migration ${schema}/${FIRST} was edited after it was applied`,
    );
    expect((await migrationRows(schema)).map((row) => row.migration_name)).toEqual([FIRST]);
    expect(await tableExists(schema, "widgets")).toBe(true);
    const columns = await db.query("SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'color'", [schema]);
    expect(columns.rowCount).toBe(0);
  });

  it("rolls a failing migration back entirely, rejects naming it, and applies it once it is fixed", async () => {
    const schema = scratchSchema();
    const broken = `CREATE TABLE "gadgets" ("id" INTEGER NOT NULL);
INSERT INTO "gadgets" ("id") VALUES (1);
ALTER TABLE "widgets" ADD COLUMN "weight" INTEGER;
SELECT 1 / 0;
`;
    const migrationsDir = await migrationsFolder({ [FIRST]: FIRST_SQL, [SECOND]: broken });

    await expect(migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir })).rejects.toThrow(
      new RegExp(`^migration ${schema}/${SECOND} failed: division by zero`),
    );

    expect(await tableExists(schema, "gadgets")).toBe(false);
    const weight = await db.query("SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'weight'", [schema]);
    expect(weight.rowCount).toBe(0);
    const rows = await migrationRows(schema);
    expect(rows.filter((row) => row.finished_at !== null).map((row) => row.migration_name)).toEqual([FIRST]);
    expect(rows.some((row) => row.migration_name === SECOND && row.finished_at !== null)).toBe(false);

    await writeFile(path.join(migrationsDir, SECOND, "migration.sql"), SECOND_SQL);
    await expect(migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir })).resolves.toEqual([SECOND]);
    expect((await migrationRows(schema)).filter((row) => row.finished_at !== null).map((row) => row.migration_name)).toEqual([
      FIRST,
      SECOND,
    ]);
  });

  it("applies each migration exactly once when several runners migrate the same schema at the same time", async () => {
    const schema = scratchSchema();
    // The slow first migration keeps the race window open: without the lock, every runner would try it.
    const migrationsDir = await migrationsFolder({ [FIRST]: `SELECT pg_sleep(0.3);\n${FIRST_SQL}`, [SECOND]: SECOND_SQL });

    const results = await Promise.all([1, 2, 3].map(() => migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir })));

    expect(results.flat().sort()).toEqual([FIRST, SECOND]);
    expect(results.filter((applied) => applied.length > 0)).toHaveLength(1);
    const rows = await migrationRows(schema);
    expect(rows.map((row) => row.migration_name)).toEqual([FIRST, SECOND]);
    expect((await db.query(`SELECT count(*)::int AS n FROM ${quoteIdent(schema)}."widgets"`)).rows[0]).toEqual({ n: 1 });
  });

  it("creates the database named by the URL when it is missing", async () => {
    const name = `vb_migrate_${randomBytes(6).toString("hex")}`;
    const url = new URL(testDatabaseUrl());
    url.pathname = `/${name}`;
    const exists = async () => ((await db.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount ?? 0) > 0;
    try {
      expect(await exists()).toBe(false);
      const schema = `migrate_${randomBytes(6).toString("hex")}`;
      const migrationsDir = await migrationsFolder({ [FIRST]: FIRST_SQL });
      await expect(migrate({ databaseUrl: url.toString(), schema, migrationsDir })).resolves.toEqual([FIRST]);
      expect(await exists()).toBe(true);
    } finally {
      await db.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    }
  });
});

describe("ensureDatabase", () => {
  /** A URL like the test database's, naming a fresh database that does not exist yet. */
  const missingDatabase = () => {
    const name = `vb_ensure_${randomBytes(6).toString("hex")}`;
    const url = new URL(testDatabaseUrl());
    url.pathname = `/${name}`;
    return { name, url: url.toString() };
  };
  const countDatabases = async (name: string) =>
    (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_database WHERE datname = $1", [name])).rows[0]?.n;
  const dropDatabase = (name: string) => db.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);

  it("creates a missing database, and is a no-op when it already exists", async () => {
    const { name, url } = missingDatabase();
    try {
      expect(await countDatabases(name)).toBe(0);
      await ensureDatabase(url);
      expect(await countDatabases(name)).toBe(1);
      await expect(ensureDatabase(url)).resolves.toBeUndefined();
      expect(await countDatabases(name)).toBe(1);
    } finally {
      await dropDatabase(name);
    }
  });

  // KNOWN KIT BUG (left failing on purpose): when the database is missing and several runners race,
  // Postgres rejects the losers' CREATE DATABASE with 23505 (unique_violation on
  // pg_database_datname_index), not 42P04 (duplicate_database), so ensureDatabase rethrows.
  it("lets several runners ensure the same missing database at once", async () => {
    const { name, url } = missingDatabase();
    try {
      const results = await Promise.allSettled([1, 2, 3].map(() => ensureDatabase(url)));
      expect(results.map((result) => (result.status === "fulfilled" ? "ok" : String(result.reason)))).toEqual(["ok", "ok", "ok"]);
      expect(await countDatabases(name)).toBe(1);
    } finally {
      await dropDatabase(name);
    }
  });

  it("rejects a URL that names no database", async () => {
    const url = new URL(testDatabaseUrl());
    url.pathname = "/";
    await expect(ensureDatabase(url.toString())).rejects.toThrow("DATABASE_URL names no database");
  });
});

import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { testDatabaseUrl } from "../../../../tests/support/env";
import { quoteIdent } from "./database";
import { findSchemaDrift } from "./schema-drift";

let db: pg.Pool;
const dirs: string[] = [];

beforeAll(() => {
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
});

afterAll(async () => {
  await db.end();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/**
 * A service-like layout in a temp dir: schema.prisma plus a Prisma Migrate folder. Every table name
 * carries this test's random suffix, so the scratch schema findSchemaDrift makes is recognisable.
 */
async function project(
  models: (table: (name: string) => string) => string,
  migrations: (table: (name: string) => string) => string[],
): Promise<{ schemaPrismaPath: string; migrationsDir: string; table: (name: string) => string }> {
  const suffix = randomBytes(4).toString("hex");
  const table = (name: string) => `${name}_${suffix}`;
  const dir = await mkdtemp(path.join(tmpdir(), "vb-drift-"));
  dirs.push(dir);
  const schemaPrismaPath = path.join(dir, "schema.prisma");
  await writeFile(schemaPrismaPath, `datasource db {\n  provider = "postgresql"\n}\n\n${models(table)}`);
  const migrationsDir = path.join(dir, "migrations");
  await mkdir(migrationsDir);
  await writeFile(path.join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
  for (const [index, sql] of migrations(table).entries()) {
    const name = `2026010${index + 1}000000_step_${index + 1}`;
    await mkdir(path.join(migrationsDir, name));
    await writeFile(path.join(migrationsDir, name, "migration.sql"), sql);
  }
  return { schemaPrismaPath, migrationsDir, table };
}

const widgetModel = (table: (name: string) => string, extraFields = "") => `enum WidgetKind {
  small
  large
}

model Widget {
  id        String     @id @db.Uuid
  name      String
  size      Int?
  kind      WidgetKind @default(small)
  settings  Json?
  createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(3)
  parts     Part[]
${extraFields}
  @@map("${table("widgets")}")
}

model Part {
  id       BigInt  @id @default(autoincrement())
  widgetId String  @map("widget_id") @db.Uuid
  weight   Float
  active   Boolean @default(true)
  widget   Widget  @relation(fields: [widgetId], references: [id])

  @@map("${table("parts")}")
}
`;

const widgetsSql = (
  table: (name: string) => string,
  columns: { name?: string; size?: string; extra?: string } = {},
) => `CREATE TYPE "WidgetKind" AS ENUM ('small', 'large');
CREATE TABLE "${table("widgets")}" (
    "id" UUID NOT NULL,
    "name" ${columns.name ?? "TEXT NOT NULL"},
    "size" ${columns.size ?? "INTEGER"},
    "kind" "WidgetKind" NOT NULL DEFAULT 'small',
    "settings" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,${columns.extra ?? ""}
    CONSTRAINT "${table("widgets")}_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "${table("parts")}" (
    "id" BIGSERIAL NOT NULL,
    "widget_id" UUID NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "${table("parts")}_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "${table("parts")}" ADD CONSTRAINT "${table("parts")}_widget_id_fkey" FOREIGN KEY ("widget_id") REFERENCES "${table("widgets")}"("id");
`;

/** The drift_* scratch schemas holding a table of that name: what a drift check left behind. */
async function schemasHolding(tableName: string): Promise<string[]> {
  const { rows } = await db.query<{ table_schema: string }>(
    "SELECT table_schema FROM information_schema.tables WHERE table_name = $1 AND table_schema LIKE 'drift\\_%'",
    [tableName],
  );
  return rows.map((row) => row.table_schema);
}

describe("findSchemaDrift", () => {
  it("returns no differences when schema.prisma and the migrations describe the same tables, and drops its scratch schema", async () => {
    const { table, ...paths } = await project(
      (t) => widgetModel(t),
      (t) => [widgetsSql(t)],
    );
    await expect(findSchemaDrift({ databaseUrl: testDatabaseUrl(), ...paths })).resolves.toEqual([]);
    expect(await schemasHolding(table("widgets"))).toEqual([]);
  });

  it("agrees across several migrations that build the tables up step by step", async () => {
    const { table, ...paths } = await project(
      (t) => widgetModel(t, "  color     String?\n"),
      (t) => [widgetsSql(t), `ALTER TABLE "${t("widgets")}" ADD COLUMN "color" TEXT;\n`],
    );
    await expect(findSchemaDrift({ databaseUrl: testDatabaseUrl(), ...paths })).resolves.toEqual([]);
  });

  it("reports a column schema.prisma declares that no migration makes", async () => {
    const { table, ...paths } = await project(
      (t) => widgetModel(t, '  color     String? @map("colour")\n'),
      (t) => [widgetsSql(t)],
    );
    await expect(findSchemaDrift({ databaseUrl: testDatabaseUrl(), ...paths })).resolves.toEqual([
      `${table("widgets")}.colour is in schema.prisma but not in the migrations`,
    ]);
  });

  it("reports a column the migrations make that schema.prisma does not declare", async () => {
    const { table, ...paths } = await project(
      (t) => widgetModel(t),
      (t) => [widgetsSql(t, { extra: '\n    "legacy_code" TEXT,' })],
    );
    await expect(findSchemaDrift({ databaseUrl: testDatabaseUrl(), ...paths })).resolves.toEqual([
      `${table("widgets")}.legacy_code is made by the migrations but missing from schema.prisma`,
    ]);
  });

  it("reports nullability mismatches in both directions", async () => {
    const { table, ...paths } = await project(
      (t) => widgetModel(t),
      (t) => [widgetsSql(t, { name: "TEXT", size: "INTEGER NOT NULL" })],
    );
    const drift = await findSchemaDrift({ databaseUrl: testDatabaseUrl(), ...paths });
    expect(drift.sort()).toEqual([
      `${table("widgets")}.name: migrations make it nullable, schema.prisma says required`,
      `${table("widgets")}.size: migrations make it NOT NULL, schema.prisma says optional`,
    ]);
  });

  it("reports a column whose type differs", async () => {
    const { table, ...paths } = await project(
      (t) => widgetModel(t),
      (t) => [widgetsSql(t, { size: "BIGINT" })],
    );
    await expect(findSchemaDrift({ databaseUrl: testDatabaseUrl(), ...paths })).resolves.toEqual([
      `${table("widgets")}.size: migrations make bigint, schema.prisma says integer`,
    ]);
  });

  it("reports a native type mismatch such as timestamp without time zone for @db.Timestamptz", async () => {
    const { table, ...paths } = await project(
      (t) => widgetModel(t),
      (t) => [widgetsSql(t).replace('"created_at" TIMESTAMPTZ(3)', '"created_at" TIMESTAMP(3)')],
    );
    await expect(findSchemaDrift({ databaseUrl: testDatabaseUrl(), ...paths })).resolves.toEqual([
      `${table("widgets")}.created_at: migrations make timestamp without time zone, schema.prisma says timestamp with time zone`,
    ]);
  });

  it("reports a table the migrations make that has no model", async () => {
    const { table, ...paths } = await project(
      (t) => widgetModel(t),
      (t) => [widgetsSql(t), `CREATE TABLE "${t("audit_log")}" ("id" BIGSERIAL PRIMARY KEY, "entry" TEXT NOT NULL);\n`],
    );
    await expect(findSchemaDrift({ databaseUrl: testDatabaseUrl(), ...paths })).resolves.toEqual([
      `table ${table("audit_log")} is made by the migrations but has no model in schema.prisma`,
    ]);
  });

  it("reports a model whose table no migration creates", async () => {
    const { table, ...paths } = await project(
      (t) => `${widgetModel(t)}\nmodel Gadget {\n  id Int @id\n\n  @@map("${t("gadgets")}")\n}\n`,
      (t) => [widgetsSql(t)],
    );
    await expect(findSchemaDrift({ databaseUrl: testDatabaseUrl(), ...paths })).resolves.toEqual([
      `table ${table("gadgets")} (model Gadget) is in schema.prisma but no migration creates it`,
    ]);
  });

  it("reports an enum column whose migration made plain text", async () => {
    const { table, ...paths } = await project(
      (t) => widgetModel(t),
      (t) => [widgetsSql(t).replace(`"kind" "WidgetKind" NOT NULL DEFAULT 'small'`, `"kind" TEXT NOT NULL DEFAULT 'small'`)],
    );
    await expect(findSchemaDrift({ databaseUrl: testDatabaseUrl(), ...paths })).resolves.toEqual([
      `${table("widgets")}.kind: migrations make text, schema.prisma says enum:WidgetKind`,
    ]);
  });

  // KNOWN KIT BUG (left failing on purpose): Prisma Migrate creates a scalar list (`String[]`) as a
  // nullable `TEXT[]` column, but DMMF marks list fields isRequired, so findSchemaDrift reports drift
  // for a column made exactly as Prisma makes it.
  it("accepts a scalar list column made the way Prisma Migrate makes it (nullable TEXT[])", async () => {
    const { table, ...paths } = await project(
      (t) => widgetModel(t, "  tags      String[]\n"),
      (t) => [widgetsSql(t, { extra: '\n    "tags" TEXT[],' })],
    );
    await expect(findSchemaDrift({ databaseUrl: testDatabaseUrl(), ...paths })).resolves.toEqual([]);
    expect(await schemasHolding(table("widgets"))).toEqual([]);
  });

  // KNOWN KIT BUG (left failing on purpose): migrate() creates the scratch schema before the failing
  // migration, and findSchemaDrift's DROP SCHEMA sits in a finally that only covers the comparison,
  // so each failed run leaves a drift_* schema behind.
  it("rejects when a migration fails, without leaving its scratch schema behind", async () => {
    const { table, ...paths } = await project(
      (t) => widgetModel(t),
      (t) => [widgetsSql(t), "SELECT 1 / 0;\n"],
    );
    try {
      await expect(findSchemaDrift({ databaseUrl: testDatabaseUrl(), ...paths })).rejects.toThrow(/step_2 failed: division by zero/);
      expect(await schemasHolding(table("widgets"))).toEqual([]);
    } finally {
      // Only schemas holding this test's uniquely named table: never another run's scratch schema.
      for (const schema of await schemasHolding(table("widgets"))) await db.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
    }
  });
});

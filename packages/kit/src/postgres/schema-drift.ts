import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import pg from "pg";
import { ensureDatabase, quoteIdent } from "./database";
import { migrate } from "./migrate";
import type { DmmfField, DmmfModel } from "./row-types";

/** Postgres data_type for a Prisma scalar, honouring @db.* native types we use. */
function expectedType(field: DmmfField): string {
  const native = field.nativeType?.[0];
  if (native === "Uuid") return "uuid";
  if (native === "Timestamptz") return "timestamp with time zone";
  if (native === "Date") return "date";
  switch (field.type) {
    case "String":
      return "text";
    case "Int":
      return "integer";
    case "BigInt":
      return "bigint";
    case "Boolean":
      return "boolean";
    case "DateTime":
      return "timestamp without time zone";
    case "Json":
      return "jsonb";
    case "Float":
      return "double precision";
    case "Decimal":
      return "numeric";
    case "Bytes":
      return "bytea";
    default:
      return `enum:${field.type}`;
  }
}

/**
 * Applies a service's migrations to a scratch schema and compares the tables and columns they make
 * with what its schema.prisma declares (types, nullability). Returns human-readable differences;
 * an empty list means the two agree. Stands in for `prisma migrate diff`, whose engine is unreachable here.
 */
export async function findSchemaDrift(options: {
  databaseUrl: string;
  schemaPrismaPath: string;
  migrationsDir: string;
}): Promise<string[]> {
  const datamodel = await readFile(options.schemaPrismaPath, "utf8");
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: datamodel }))) as { datamodel: { models: DmmfModel[] } };
  const scratch = `drift_${randomBytes(6).toString("hex")}`;
  await ensureDatabase(options.databaseUrl);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    // Inside the try: a failing migration leaves earlier ones committed in the scratch schema.
    await migrate({ databaseUrl: options.databaseUrl, schema: scratch, migrationsDir: options.migrationsDir });
    const { rows } = await client.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      udt_name: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns
        WHERE table_schema = $1 AND table_name <> '_prisma_migrations'`,
      [scratch],
    );
    const actual = new Map<string, Map<string, { type: string; nullable: boolean }>>();
    for (const row of rows) {
      const columns = actual.get(row.table_name) ?? new Map();
      columns.set(row.column_name, {
        type: row.data_type === "USER-DEFINED" ? `enum:${row.udt_name}` : row.data_type,
        nullable: row.is_nullable === "YES",
      });
      actual.set(row.table_name, columns);
    }
    const problems: string[] = [];
    const declaredTables = new Set<string>();
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      declaredTables.add(table);
      const columns = actual.get(table);
      if (!columns) {
        problems.push(`table ${table} (model ${model.name}) is in schema.prisma but no migration creates it`);
        continue;
      }
      const declaredColumns = new Set<string>();
      for (const field of model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum")) {
        const column = field.dbName ?? field.name;
        declaredColumns.add(column);
        const found = columns.get(column);
        const type = field.isList ? "ARRAY" : expectedType(field);
        if (!found) problems.push(`${table}.${column} is in schema.prisma but not in the migrations`);
        else {
          if (found.type !== type) problems.push(`${table}.${column}: migrations make ${found.type}, schema.prisma says ${type}`);
          // Prisma Migrate makes scalar lists nullable arrays although the DMMF calls them required.
          if (!field.isList && found.nullable === field.isRequired)
            problems.push(
              `${table}.${column}: migrations make it ${found.nullable ? "nullable" : "NOT NULL"}, schema.prisma says ${field.isRequired ? "required" : "optional"}`,
            );
        }
      }
      for (const column of columns.keys()) {
        if (!declaredColumns.has(column)) problems.push(`${table}.${column} is made by the migrations but missing from schema.prisma`);
      }
    }
    for (const table of actual.keys()) {
      if (!declaredTables.has(table)) problems.push(`table ${table} is made by the migrations but has no model in schema.prisma`);
    }
    return problems;
  } finally {
    await client.query(`DROP SCHEMA ${quoteIdent(scratch)} CASCADE`).catch(() => undefined);
    await client.end();
  }
}

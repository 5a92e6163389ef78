/**
 * TypeScript row types from a Prisma schema's DMMF, for services that query Postgres in raw SQL:
 * each model becomes `<Model>Row` with its columns as the SQL spells them (the @map/@@map names)
 * and the types `pg` returns for them. schema.prisma is checked against the migrations
 * (`findSchemaDrift`), so these types follow the tables the migrations make.
 *
 * A Json column is `unknown` unless its documentation says what it holds: a line
 * `@json(<TypeScript type>)` (for example `@json(import("@voxbridge/contracts").CallOut)`).
 */

/** A model field as Prisma's DMMF describes it (what the row types and the drift check read). */
export type DmmfField = {
  name: string;
  kind: string;
  type: string;
  isRequired: boolean;
  isList: boolean;
  dbName?: string | null;
  documentation?: string;
  nativeType?: [string, string[]] | null;
};
export type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };

/** What `pg` hands back for a Prisma scalar (bigint and numeric as strings: pg's defaults). */
function tsType(field: DmmfField): string {
  const declared = /@json\((.+)\)\s*$/m.exec(field.documentation ?? "")?.[1];
  if (field.type === "Json") return declared ?? "unknown";
  switch (field.type) {
    case "String":
      return "string";
    case "Int":
    case "Float":
      return "number";
    case "BigInt":
    case "Decimal":
      return "string";
    case "Boolean":
      return "boolean";
    case "DateTime":
      return "Date";
    default:
      return "string";
  }
}

/** The TypeScript source of every model's row type, and `Tables` naming each by its table. */
export function rowTypesSource(models: DmmfModel[], origin: string): string {
  const lines = [`// Generated from ${origin} by \`pnpm generate\` (packages/kit/src/postgres/row-types.ts). Do not edit.`, ""];
  const tables: string[] = [];
  for (const model of models) {
    const table = model.dbName ?? model.name;
    lines.push(`/** A row of "${table}" (model ${model.name}). */`, `export type ${model.name}Row = {`);
    for (const field of model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum")) {
      const base = tsType(field);
      const type = field.isList ? `(${base})[]` : base;
      lines.push(`  ${field.dbName ?? field.name}: ${type}${field.isRequired || field.isList ? "" : " | null"};`);
    }
    lines.push("};", "");
    tables.push(`  ${table}: ${model.name}Row;`);
  }
  lines.push("/** Every table's row type, by table name. */", "export type Tables = {", ...tables, "};", "");
  return lines.join("\n");
}

import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import { type DmmfModel, rowTypesSource } from "./row-types";

/** `generate-row-types.ts <schema.prisma> <out.ts>`: writes the row types of every model (run by a service's `pnpm generate`). */
async function main(schemaPath: string, outPath: string) {
  const prismaSchema = await readFile(schemaPath, "utf8");
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema }))) as { datamodel: { models: DmmfModel[] } };
  await mkdir(path.dirname(outPath), { recursive: true });
  await writeFile(outPath, rowTypesSource(dmmf.datamodel.models, path.basename(schemaPath)));
}

const [schemaPath, outPath] = process.argv.slice(2);
if (!schemaPath || !outPath) {
  process.stderr.write("usage: generate-row-types <schema.prisma> <out.ts>\n");
  process.exit(2);
}
main(schemaPath, outPath).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

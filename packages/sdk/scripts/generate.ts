import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { apiDocument } from "@voxbridge/gateway/api-document";
import { openApiTypesText } from "./openapi-types";

/** Writes src/generated/openapi.ts from the gateway's document, built in-process (no server needed). */
async function main() {
  const target = join(__dirname, "..", "src", "generated", "openapi.ts");
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, await openApiTypesText(apiDocument()));
  console.log(`wrote ${target}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

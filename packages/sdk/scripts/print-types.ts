import { text } from "node:stream/consumers";
import { openApiTypesText } from "./openapi-types";

/**
 * Prints the types text for the OpenAPI document read from stdin. The types-drift test runs this
 * under tsx in a child process, because Jest's module loader cannot load openapi-typescript's
 * ESM-only dependencies (that would need --experimental-vm-modules).
 */
async function main() {
  process.stdout.write(await openApiTypesText(JSON.parse(await text(process.stdin)) as object));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

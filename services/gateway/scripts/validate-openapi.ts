// Validates the served OpenAPI document with an independent validator (swagger-parser: the
// OpenAPI 3.1 JSON Schema plus its own semantic checks) and prints the errors, if any.
// Run: pnpm --filter @voxbridge/gateway openapi:validate  (openapi.test.ts runs it too). It runs as
// its own process because swagger-parser is an ES module, which Jest's CommonJS runtime cannot load.
import SwaggerParser from "@apidevtools/swagger-parser";
import { apiDocument } from "../src/http/api-document";

SwaggerParser.validate(structuredClone(apiDocument()) as never).then(
  (api) => console.log(`valid: ${api.info.title} ${api.info.version}`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);

import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";

/** Says where the file comes from, so nobody edits it by hand. */
const HEADER = `/**
 * Generated from the VoxBridge OpenAPI document by \`pnpm --filter @voxbridge/sdk generate\`.
 * Do not edit: regenerate instead.
 */

`;

/**
 * The text of src/generated/openapi.ts for `document`. The document goes through JSON first so
 * the object built in-process and the one served at /openapi.json give identical output
 * (undefined fields vanish), which is what the drift test compares.
 */
export async function openApiTypesText(document: object): Promise<string> {
  const json = JSON.parse(JSON.stringify(document)) as OpenAPI3;
  return HEADER + astToString(await openapiTS(json, { silent: true }));
}

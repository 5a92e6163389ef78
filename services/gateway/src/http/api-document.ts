import { buildOpenApiDocument } from "./openapi";
import { openApiPaths } from "./routes";

/** The OpenAPI document the gateway serves at /openapi.json, built without starting anything (the SDK generates its types from it). */
export const apiDocument = () => buildOpenApiDocument(openApiPaths);

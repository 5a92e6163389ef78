import { ErrorEnvelope } from "@voxbridge/contracts";
import type { Express } from "express";
import swaggerUi from "swagger-ui-express";
import { createDocument, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from "zod-openapi";

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed JSON, or no agent_id and no default agent",
  401: "Missing, malformed, unknown or revoked API key",
  402: "Monthly minute limit reached",
  404: "No such resource for this organization",
  409: "Conflict with the resource's state, or the Idempotency-Key is still in flight",
  413: "Request body too large",
  415: "Request body is not JSON",
  422: "Validation failed (`param` names the field), or the Idempotency-Key was reused with another body",
  429: "Rate limit for this API key reached; see Retry-After and RateLimit headers",
  503: "A dependency (minute accounting, database) is unavailable; retry",
};

/** The error envelope under each given status, plus the ones every authenticated route can answer. */
export function errorResponses(...statuses: number[]): ZodOpenApiResponsesObject {
  const all = [...new Set([...statuses, 401, 429, 503])].sort();
  return Object.fromEntries(
    all.map((status) => [
      String(status),
      { description: ERROR_DESCRIPTIONS[status] ?? "Error", content: { "application/json": { schema: ErrorEnvelope } } },
    ]),
  );
}

export const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

/** The OpenAPI 3.1 document, generated from the routes' zod schemas (never written by hand). */
export function buildOpenApiDocument(paths: ZodOpenApiPathsObject[]) {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "VoxBridge Calls API",
      version: "1.0.0",
      description:
        "Queue outbound phone calls for AI voice agents, read call records, manage agents, keys and usage. " +
        "Every route needs `Authorization: Bearer sk_live_…`. Errors use one envelope; every response carries `x-request-id`.",
    },
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }],
    components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "sk_live_… API key" } } },
    // Several operation files share a path (GET and POST /v1/agents): merge their methods.
    paths: paths.reduce<ZodOpenApiPathsObject>((merged, entry) => {
      for (const [path, item] of Object.entries(entry)) merged[path] = { ...merged[path], ...item };
      return merged;
    }, {}),
  });
}

/** GET /openapi.json and a browsable reference at /docs (assets served from swagger-ui-dist, no CDN). */
export function registerApiDocs(app: Express, document: ReturnType<typeof buildOpenApiDocument>): void {
  app.get("/openapi.json", (_req, res) => {
    res.json(document);
  });
  app.use(
    "/docs",
    swaggerUi.serve,
    swaggerUi.setup(undefined, { swaggerOptions: { url: "/openapi.json" }, customSiteTitle: "VoxBridge API" }),
  );
}

import { ApiKeyOut } from "@voxbridge/contracts";
import type { Router } from "express";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { ApiKeyStore } from "../../app/ports";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";

const ApiKeyList = z.object({ items: z.array(ApiKeyOut) }).meta({ id: "ApiKeyList" });

export const listApiKeysOpenApi: ZodOpenApiPathsObject = {
  "/v1/api-keys": {
    get: {
      operationId: "listApiKeys",
      summary: "List the organization's API keys (never the keys themselves)",
      responses: { "200": { description: "Keys, newest first", ...json(ApiKeyList) }, ...errorResponses() },
    },
  },
};

/** GET /v1/api-keys. */
export function registerListApiKeys(router: Router, deps: { keys: ApiKeyStore }): void {
  router.get("/v1/api-keys", async (_req, res) => {
    res.json({ items: await deps.keys.list(principalOf(res).orgId) });
  });
}

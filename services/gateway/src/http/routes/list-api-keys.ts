import { ApiKeyList, ListApiKeysQuery } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { ApiKeyStore } from "../../app/ports";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";

export const listApiKeysOpenApi: ZodOpenApiPathsObject = {
  "/v1/api-keys": {
    get: {
      operationId: "listApiKeys",
      summary: "List the organization's API keys (never the keys themselves)",
      description:
        "Every key of the organization, revoked ones included, newest first: its id and prefix, never the key. Pages with `limit` and `offset`.",
      requestParams: { query: ListApiKeysQuery },
      responses: { "200": { description: "A page of keys, newest first", ...json(ApiKeyList) }, ...errorResponses(422) },
    },
  },
};

/** GET /v1/api-keys?limit=&offset=. */
export function registerListApiKeys(router: Router, deps: { keys: ApiKeyStore }): void {
  router.get("/v1/api-keys", async (req, res) => {
    const query = ListApiKeysQuery.parse(req.query);
    const body: ApiKeyList = { ...(await deps.keys.list(principalOf(res).orgId, query)), ...query };
    res.json(body);
  });
}

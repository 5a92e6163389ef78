import { ListSuppressionsQuery, SuppressionList } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { SuppressionDeps } from "../../app/suppressions";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";

export const listSuppressionsOpenApi: ZodOpenApiPathsObject = {
  "/v1/suppressions": {
    get: {
      operationId: "listSuppressions",
      summary: "List suppressed numbers, newest first",
      description: "Entries you added and the numbers whose callee opted out on a call (reason `opt_out`).",
      requestParams: { query: ListSuppressionsQuery },
      responses: { "200": { description: "A page of suppressions", ...json(SuppressionList) }, ...errorResponses(422) },
    },
  },
};

/** GET /v1/suppressions?limit=&offset=. */
export function registerListSuppressions(router: Router, deps: SuppressionDeps): void {
  router.get("/v1/suppressions", async (req, res) => {
    const query = ListSuppressionsQuery.parse(req.query);
    const page = await deps.suppressions.list(principalOf(res).orgId, query);
    res.json({ ...page, limit: query.limit, offset: query.offset });
  });
}

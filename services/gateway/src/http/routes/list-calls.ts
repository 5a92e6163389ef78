import { CallList, ListCallsQuery } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { CallStore } from "../../app/ports";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";

export const listCallsOpenApi: ZodOpenApiPathsObject = {
  "/v1/calls": {
    get: {
      operationId: "listCalls",
      summary: "List calls, newest first",
      description:
        "The organization's calls, newest first; `status` filters by state. Pages with `limit` and `offset`; `total` counts every match.",
      requestParams: { query: ListCallsQuery },
      responses: { "200": { description: "A page of calls", ...json(CallList) }, ...errorResponses(422) },
    },
  },
};

/** GET /v1/calls?status=&limit=&offset=: the org's calls, newest first. */
export function registerListCalls(router: Router, deps: { calls: CallStore }): void {
  router.get("/v1/calls", async (req, res) => {
    const query = ListCallsQuery.parse(req.query);
    const page = await deps.calls.list(principalOf(res).orgId, query);
    res.json({ ...page, limit: query.limit, offset: query.offset });
  });
}

import { AgentList, ListAgentsQuery } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { AgentDeps } from "../../app/agents";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";

export const listAgentsOpenApi: ZodOpenApiPathsObject = {
  "/v1/agents": {
    get: {
      operationId: "listAgents",
      summary: "List agents, newest first",
      description: "Active agents only, unless `include_inactive=true`.",
      requestParams: { query: ListAgentsQuery },
      responses: { "200": { description: "A page of agents", ...json(AgentList) }, ...errorResponses(422) },
    },
  },
};

/** GET /v1/agents?limit=&offset=&include_inactive=. */
export function registerListAgents(router: Router, deps: AgentDeps): void {
  router.get("/v1/agents", async (req, res) => {
    const query = ListAgentsQuery.parse(req.query);
    const page = await deps.agents.list(principalOf(res).orgId, {
      limit: query.limit,
      offset: query.offset,
      includeInactive: query.include_inactive === "true",
    });
    res.json({ ...page, limit: query.limit, offset: query.offset });
  });
}

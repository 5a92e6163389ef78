import { AgentOut } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { type AgentDeps, getAgent } from "../../app/agents";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";
import { idParam, pathId } from "./shared";

export const getAgentOpenApi: ZodOpenApiPathsObject = {
  "/v1/agents/{agent_id}": {
    get: {
      operationId: "getAgent",
      summary: "Get an agent",
      description: "An agent of this organization, active or not; another organization's agent is 404, exactly like a missing one.",
      requestParams: { path: idParam("agent_id") },
      responses: { "200": { description: "The agent", ...json(AgentOut) }, ...errorResponses(404) },
    },
  },
};

/** GET /v1/agents/{agent_id}. */
export function registerGetAgent(router: Router, deps: AgentDeps): void {
  router.get("/v1/agents/:agent_id", async (req, res) => {
    res.json(await getAgent(deps, principalOf(res).orgId, pathId(req.params, "agent_id", "agent")));
  });
}

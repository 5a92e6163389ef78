import { AgentOut, UpdateAgentRequest } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { type AgentDeps, updateAgent } from "../../app/agents";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";
import { idParam, pathId } from "./shared";

export const updateAgentOpenApi: ZodOpenApiPathsObject = {
  "/v1/agents/{agent_id}": {
    patch: {
      operationId: "updateAgent",
      summary: "Change an agent",
      description: "Any subset of fields. `is_default: true` switches the org's default atomically; `is_active: true` reactivates.",
      requestParams: { path: idParam("agent_id") },
      requestBody: json(UpdateAgentRequest),
      responses: { "200": { description: "The agent", ...json(AgentOut) }, ...errorResponses(400, 404, 413, 415, 422) },
    },
  },
};

/** PATCH /v1/agents/{agent_id}. */
export function registerUpdateAgent(router: Router, deps: AgentDeps): void {
  router.patch("/v1/agents/:agent_id", async (req, res) => {
    const agentId = pathId(req.params, "agent_id", "agent");
    res.json(await updateAgent(deps, principalOf(res).orgId, agentId, UpdateAgentRequest.parse(req.body ?? {})));
  });
}

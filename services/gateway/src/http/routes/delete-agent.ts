import { AgentOut } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { type AgentDeps, deactivateAgent } from "../../app/agents";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";
import { idParam, pathId } from "./shared";

export const deleteAgentOpenApi: ZodOpenApiPathsObject = {
  "/v1/agents/{agent_id}": {
    delete: {
      operationId: "deleteAgent",
      summary: "Deactivate an agent",
      description: "The agent is kept for existing calls but refused (404) for new ones, and stops being the default.",
      requestParams: { path: idParam("agent_id") },
      responses: { "200": { description: "The deactivated agent", ...json(AgentOut) }, ...errorResponses(404) },
    },
  },
};

/** DELETE /v1/agents/{agent_id}: deactivates. */
export function registerDeleteAgent(router: Router, deps: AgentDeps): void {
  router.delete("/v1/agents/:agent_id", async (req, res) => {
    res.json(await deactivateAgent(deps, principalOf(res).orgId, pathId(req.params, "agent_id", "agent")));
  });
}

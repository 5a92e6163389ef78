import { AgentOut, CreateAgentRequest } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { type AgentDeps, createAgent } from "../../app/agents";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";

export const createAgentOpenApi: ZodOpenApiPathsObject = {
  "/v1/agents": {
    post: {
      operationId: "createAgent",
      summary: "Create an agent",
      description: "`is_default: true` makes it the org's default in the same transaction that unsets the previous one.",
      requestBody: json(CreateAgentRequest),
      responses: { "201": { description: "The agent", ...json(AgentOut) }, ...errorResponses(400, 413, 415, 422) },
    },
  },
};

/** POST /v1/agents. */
export function registerCreateAgent(router: Router, deps: AgentDeps): void {
  router.post("/v1/agents", async (req, res) => {
    const agent = await createAgent(deps, principalOf(res).orgId, CreateAgentRequest.parse(req.body ?? {}));
    res.status(201).location(`/v1/agents/${agent.id}`).json(agent);
  });
}

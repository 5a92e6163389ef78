import { WebhookEndpointOut } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { WebhookDestinations } from "../../adapters/webhooks-client";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";
import { idParam, pathId } from "./shared";

export const getWebhookEndpointOpenApi: ZodOpenApiPathsObject = {
  "/v1/webhook-endpoints/{endpoint_id}": {
    get: {
      operationId: "getWebhookEndpoint",
      summary: "Get one webhook endpoint",
      description: "Another organization's endpoint is 404, exactly like a missing one.",
      requestParams: { path: idParam("endpoint_id") },
      responses: { "200": { description: "The endpoint", ...json(WebhookEndpointOut) }, ...errorResponses(404) },
    },
  },
};

/** GET /v1/webhook-endpoints/{endpoint_id}. */
export function registerGetWebhookEndpoint(router: Router, deps: { webhooks: WebhookDestinations }): void {
  router.get("/v1/webhook-endpoints/:endpoint_id", async (req, res) => {
    res.json(await deps.webhooks.getEndpoint(principalOf(res).orgId, pathId(req.params, "endpoint_id", "webhook endpoint")));
  });
}

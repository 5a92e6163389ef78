import { UpdateWebhookEndpointRequest, WebhookEndpointOut } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { WebhookDestinations } from "../../adapters/webhooks-client";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";
import { idParam, pathId } from "./shared";

export const updateWebhookEndpointOpenApi: ZodOpenApiPathsObject = {
  "/v1/webhook-endpoints/{endpoint_id}": {
    patch: {
      operationId: "updateWebhookEndpoint",
      summary: "Change a webhook endpoint",
      description: "`enabled: true` re-enables an endpoint the service disabled (410 Gone, failing for 5 days).",
      requestParams: { path: idParam("endpoint_id") },
      requestBody: json(UpdateWebhookEndpointRequest),
      responses: { "200": { description: "The endpoint", ...json(WebhookEndpointOut) }, ...errorResponses(400, 404, 413, 415, 422) },
    },
  },
};

/** PATCH /v1/webhook-endpoints/{endpoint_id}. */
export function registerUpdateWebhookEndpoint(router: Router, deps: { webhooks: WebhookDestinations }): void {
  router.patch("/v1/webhook-endpoints/:endpoint_id", async (req, res) => {
    const id = pathId(req.params, "endpoint_id", "webhook endpoint");
    res.json(await deps.webhooks.updateEndpoint(principalOf(res).orgId, id, UpdateWebhookEndpointRequest.parse(req.body ?? {})));
  });
}

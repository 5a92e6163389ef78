import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { WebhookDestinations } from "../../adapters/webhooks-client";
import { principalOf } from "../authenticate";
import { errorResponses } from "../openapi";
import { idParam, pathId } from "./shared";

export const deleteWebhookEndpointOpenApi: ZodOpenApiPathsObject = {
  "/v1/webhook-endpoints/{endpoint_id}": {
    delete: {
      operationId: "deleteWebhookEndpoint",
      summary: "Delete a webhook endpoint",
      description: "Its pending deliveries fail with `the endpoint was deleted`; the delivery log keeps them.",
      requestParams: { path: idParam("endpoint_id") },
      responses: { "204": { description: "Deleted" }, ...errorResponses(404) },
    },
  },
};

/** DELETE /v1/webhook-endpoints/{endpoint_id}. */
export function registerDeleteWebhookEndpoint(router: Router, deps: { webhooks: WebhookDestinations }): void {
  router.delete("/v1/webhook-endpoints/:endpoint_id", async (req, res) => {
    await deps.webhooks.deleteEndpoint(principalOf(res).orgId, pathId(req.params, "endpoint_id", "webhook endpoint"));
    res.status(204).end();
  });
}

import { WebhookDeliveryOut } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { WebhookDestinations } from "../../adapters/webhooks-client";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";
import { idParam, pathId } from "./shared";

export const retryWebhookDeliveryOpenApi: ZodOpenApiPathsObject = {
  "/v1/webhook-deliveries/{delivery_id}/retry": {
    post: {
      operationId: "retryWebhookDelivery",
      summary: "Replay a delivery",
      description:
        "Sends a failed (or already delivered) delivery again now, with the same `webhook-id` and a fresh retry schedule. " +
        "A delivery that is still pending is 409.",
      requestParams: { path: idParam("delivery_id") },
      responses: { "200": { description: "The delivery, pending again", ...json(WebhookDeliveryOut) }, ...errorResponses(404, 409) },
    },
  },
};

/** POST /v1/webhook-deliveries/{delivery_id}/retry. */
export function registerRetryWebhookDelivery(router: Router, deps: { webhooks: WebhookDestinations }): void {
  router.post("/v1/webhook-deliveries/:delivery_id/retry", async (req, res) => {
    res.json(await deps.webhooks.retryDelivery(principalOf(res).orgId, pathId(req.params, "delivery_id", "webhook delivery")));
  });
}

import { WebhookEndpointWithSecretOut } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { WebhookDestinations } from "../../adapters/webhooks-client";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";
import { idParam, pathId } from "./shared";

export const rotateWebhookEndpointSecretOpenApi: ZodOpenApiPathsObject = {
  "/v1/webhook-endpoints/{endpoint_id}/rotate-secret": {
    post: {
      operationId: "rotateWebhookEndpointSecret",
      summary: "Rotate an endpoint's signing secret",
      description:
        "Returns the new `whsec_` secret. For 24 hours every delivery carries two signatures in `webhook-signature` " +
        "(new and old, space-separated), so receivers can switch without rejecting anything.",
      requestParams: { path: idParam("endpoint_id") },
      responses: {
        "200": { description: "The endpoint and its new secret", ...json(WebhookEndpointWithSecretOut) },
        ...errorResponses(404),
      },
    },
  },
};

/** POST /v1/webhook-endpoints/{endpoint_id}/rotate-secret. */
export function registerRotateWebhookEndpointSecret(router: Router, deps: { webhooks: WebhookDestinations }): void {
  router.post("/v1/webhook-endpoints/:endpoint_id/rotate-secret", async (req, res) => {
    res.json(await deps.webhooks.rotateEndpointSecret(principalOf(res).orgId, pathId(req.params, "endpoint_id", "webhook endpoint")));
  });
}

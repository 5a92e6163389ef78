import { CreateWebhookEndpointRequest, WebhookEndpointWithSecretOut } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { WebhookDestinations } from "../../adapters/webhooks-client";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";

export const createWebhookEndpointOpenApi: ZodOpenApiPathsObject = {
  "/v1/webhook-endpoints": {
    post: {
      operationId: "createWebhookEndpoint",
      summary: "Create a webhook endpoint",
      description:
        "Every lifecycle event of calls without their own `webhook_url` is delivered here (optionally only the `events` listed). " +
        "The `whsec_` signing secret is returned only in this response. URLs must be http(s), without credentials, on public addresses.",
      requestBody: json(CreateWebhookEndpointRequest),
      responses: {
        "201": { description: "The endpoint and its secret", ...json(WebhookEndpointWithSecretOut) },
        ...errorResponses(400, 413, 415, 422),
      },
    },
  },
};

/** POST /v1/webhook-endpoints. */
export function registerCreateWebhookEndpoint(router: Router, deps: { webhooks: WebhookDestinations }): void {
  router.post("/v1/webhook-endpoints", async (req, res) => {
    const endpoint = await deps.webhooks.createEndpoint(principalOf(res).orgId, CreateWebhookEndpointRequest.parse(req.body ?? {}));
    res.status(201).location(`/v1/webhook-endpoints/${endpoint.id}`).json(endpoint);
  });
}

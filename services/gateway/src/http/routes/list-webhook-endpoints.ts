import { ListWebhookEndpointsQuery, WebhookEndpointList } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { WebhookDestinations } from "../../adapters/webhooks-client";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";

export const listWebhookEndpointsOpenApi: ZodOpenApiPathsObject = {
  "/v1/webhook-endpoints": {
    get: {
      operationId: "listWebhookEndpoints",
      summary: "List webhook endpoints, newest first",
      description: "The organization's webhook endpoints, newest first, without their secrets. Pages with `limit` and `offset`.",
      requestParams: { query: ListWebhookEndpointsQuery },
      responses: {
        "200": { description: "The org's endpoints (secrets are not shown)", ...json(WebhookEndpointList) },
        ...errorResponses(422),
      },
    },
  },
};

/** GET /v1/webhook-endpoints?limit=&offset=. */
export function registerListWebhookEndpoints(router: Router, deps: { webhooks: WebhookDestinations }): void {
  router.get("/v1/webhook-endpoints", async (req, res) => {
    res.json(await deps.webhooks.listEndpoints(principalOf(res).orgId, ListWebhookEndpointsQuery.parse(req.query)));
  });
}

import { ListWebhookDeliveriesQuery, WebhookDeliveryList } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { WebhookDestinations } from "../../adapters/webhooks-client";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";

export const listWebhookDeliveriesOpenApi: ZodOpenApiPathsObject = {
  "/v1/webhook-deliveries": {
    get: {
      operationId: "listWebhookDeliveries",
      summary: "The webhook delivery log, newest first",
      description:
        "Each delivery is one event to one destination, with every attempt's response status, error and duration. A finished delivery is kept for 30 days after it finished, then deleted with its attempts.",
      requestParams: { query: ListWebhookDeliveriesQuery },
      responses: { "200": { description: "Deliveries", ...json(WebhookDeliveryList) }, ...errorResponses(422) },
    },
  },
};

/** GET /v1/webhook-deliveries?call_id=&status=&limit=&offset=. */
export function registerListWebhookDeliveries(router: Router, deps: { webhooks: WebhookDestinations }): void {
  router.get("/v1/webhook-deliveries", async (req, res) => {
    res.json(await deps.webhooks.listDeliveries(principalOf(res).orgId, ListWebhookDeliveriesQuery.parse(req.query)));
  });
}

import { SigningSecretOut } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { WebhookDestinations } from "../../adapters/webhooks-client";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";

export const rotateSigningSecretOpenApi: ZodOpenApiPathsObject = {
  "/v1/signing-secret/rotate": {
    post: {
      operationId: "rotateSigningSecret",
      summary: "Rotate the organization's signing secret",
      description:
        "The organization's `whsec_` secret signs every delivery to a per-call `webhook_url` (endpoint deliveries use " +
        "their endpoint's own secret). Returns the new secret; it is shown only in this answer. For 24 hours every such " +
        "delivery carries two signatures in `webhook-signature` (new and old, space-separated), so receivers can switch " +
        "without rejecting anything.",
      responses: {
        "200": { description: "The new secret, and until when the replaced one still signs", ...json(SigningSecretOut) },
        ...errorResponses(),
      },
    },
  },
};

/** POST /v1/signing-secret/rotate. */
export function registerRotateSigningSecret(router: Router, deps: { webhooks: WebhookDestinations }): void {
  router.post("/v1/signing-secret/rotate", async (_req, res) => {
    res.json(await deps.webhooks.rotateSigningSecret(principalOf(res).orgId));
  });
}

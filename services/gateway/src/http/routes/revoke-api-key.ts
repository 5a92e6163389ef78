import { ApiKeyOut } from "@voxbridge/contracts";
import { AppError } from "@voxbridge/kit";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { ApiKeyStore } from "../../app/ports";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";
import { idParam, pathId } from "./shared";

export const revokeApiKeyOpenApi: ZodOpenApiPathsObject = {
  "/v1/api-keys/{api_key_id}": {
    delete: {
      operationId: "revokeApiKey",
      summary: "Revoke an API key",
      description: "Immediate on the gateway instance that revokes it; within API_KEY_CACHE_TTL_MS (default 30 s) on the others.",
      requestParams: { path: idParam("api_key_id") },
      responses: { "200": { description: "The revoked key", ...json(ApiKeyOut) }, ...errorResponses(404) },
    },
  },
};

/** DELETE /v1/api-keys/{api_key_id}. */
export function registerRevokeApiKey(router: Router, deps: { keys: ApiKeyStore }): void {
  router.delete("/v1/api-keys/:api_key_id", async (req, res) => {
    const revoked = await deps.keys.revoke(principalOf(res).orgId, pathId(req.params, "api_key_id", "API key"));
    if (!revoked) throw new AppError("not_found", "No API key with this id", { param: "api_key_id" });
    res.json(revoked);
  });
}

import { randomUUID } from "node:crypto";
import { CreateApiKeyRequest, CreatedApiKey } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { ApiKeyStore } from "../../app/ports";
import { displayPrefix, generateApiKey, hashApiKey } from "../../domain/api-key";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";

export const createApiKeyOpenApi: ZodOpenApiPathsObject = {
  "/v1/api-keys": {
    post: {
      operationId: "createApiKey",
      summary: "Create an API key",
      description: "The full key is in this response only; it is stored as a SHA-256 hash.",
      requestBody: { required: false, ...json(CreateApiKeyRequest) },
      responses: { "201": { description: "The new key", ...json(CreatedApiKey) }, ...errorResponses(413, 415, 422) },
    },
  },
};

/** POST /v1/api-keys. */
export function registerCreateApiKey(router: Router, deps: { keys: ApiKeyStore }): void {
  router.post("/v1/api-keys", async (req, res) => {
    CreateApiKeyRequest.parse(req.body ?? {});
    const key = generateApiKey();
    const created = await deps.keys.create(principalOf(res).orgId, { id: randomUUID(), hash: hashApiKey(key), prefix: displayPrefix(key) });
    res.status(201).json({ ...created, key });
  });
}

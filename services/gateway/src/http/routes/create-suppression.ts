import { CreateSuppressionRequest, SuppressionOut } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { addSuppression, type SuppressionDeps } from "../../app/suppressions";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";

export const createSuppressionOpenApi: ZodOpenApiPathsObject = {
  "/v1/suppressions": {
    post: {
      operationId: "createSuppression",
      summary: "Suppress a number",
      description:
        "Calls to the number are refused from now on (422 `number_suppressed`), and the organization's calls to it that wait for an attempt (scheduled, or between retries) end `canceled` with disposition `suppressed`, never dialed. An attempt already ringing is not cut off. A number listed already answers 200 with its existing entry.",
      requestBody: json(CreateSuppressionRequest),
      responses: {
        "201": { description: "The new entry", ...json(SuppressionOut) },
        "200": { description: "The number was listed already: its existing entry", ...json(SuppressionOut) },
        ...errorResponses(400, 413, 415, 422),
      },
    },
  },
};

/** POST /v1/suppressions. */
export function registerCreateSuppression(router: Router, deps: SuppressionDeps): void {
  router.post("/v1/suppressions", async (req, res) => {
    const { suppression, created } = await addSuppression(deps, principalOf(res).orgId, CreateSuppressionRequest.parse(req.body ?? {}));
    res.status(created ? 201 : 200).json(suppression);
  });
}

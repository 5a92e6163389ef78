import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { removeSuppression, type SuppressionDeps } from "../../app/suppressions";
import { principalOf } from "../authenticate";
import { errorResponses } from "../openapi";
import { idParam, pathId } from "./shared";

export const deleteSuppressionOpenApi: ZodOpenApiPathsObject = {
  "/v1/suppressions/{suppression_id}": {
    delete: {
      operationId: "deleteSuppression",
      summary: "Stop suppressing a number",
      description: "New calls to the number are accepted again; calls already canceled for it stay canceled.",
      requestParams: { path: idParam("suppression_id") },
      responses: { "204": { description: "Removed" }, ...errorResponses(404) },
    },
  },
};

/** DELETE /v1/suppressions/{suppression_id}. */
export function registerDeleteSuppression(router: Router, deps: SuppressionDeps): void {
  router.delete("/v1/suppressions/:suppression_id", async (req, res) => {
    await removeSuppression(deps, principalOf(res).orgId, pathId(req.params, "suppression_id", "suppression"));
    res.status(204).end();
  });
}

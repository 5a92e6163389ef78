import { UsageOut } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { MinuteHolds } from "../../app/ports";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";

export const getUsageOpenApi: ZodOpenApiPathsObject = {
  "/v1/usage": {
    get: {
      operationId: "getUsage",
      summary: "Minutes this calendar month (UTC)",
      description: "Answered by the quota service: the limit, minutes billed, minutes held by calls not yet ended, and what remains.",
      responses: { "200": { description: "Usage of the current period", ...json(UsageOut) }, ...errorResponses() },
    },
  },
};

/** GET /v1/usage. */
export function registerGetUsage(router: Router, deps: { minutes: Pick<MinuteHolds, "usage"> }): void {
  router.get("/v1/usage", async (_req, res) => {
    res.json(await deps.minutes.usage(principalOf(res).orgId));
  });
}

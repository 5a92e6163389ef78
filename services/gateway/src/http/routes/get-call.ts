import { CallOut } from "@voxbridge/contracts";
import { AppError } from "@voxbridge/kit";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { CallStore } from "../../app/ports";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";
import { idParam, pathId } from "./shared";

export const getCallOpenApi: ZodOpenApiPathsObject = {
  "/v1/calls/{call_id}": {
    get: {
      operationId: "getCall",
      summary: "Get one call",
      description: "A call of another organization is 404, exactly like a missing one.",
      requestParams: { path: idParam("call_id") },
      responses: { "200": { description: "The call", ...json(CallOut) }, ...errorResponses(404) },
    },
  },
};

/** GET /v1/calls/{call_id}: one of the caller's calls. */
export function registerGetCall(router: Router, deps: { calls: CallStore }): void {
  router.get("/v1/calls/:call_id", async (req, res) => {
    const call = await deps.calls.findById(principalOf(res).orgId, pathId(req.params, "call_id", "call"));
    if (!call) throw new AppError("not_found", "No call with this id", { param: "call_id" });
    res.json(call);
  });
}

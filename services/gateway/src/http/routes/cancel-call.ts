import { CallOut } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { type CancelCallDeps, cancelCall } from "../../app/cancel-call";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";
import { IdempotencyKeyHeader, idParam, pathId } from "./shared";

export const cancelCallOpenApi: ZodOpenApiPathsObject = {
  "/v1/calls/{call_id}/cancel": {
    post: {
      operationId: "cancelCall",
      summary: "Cancel a call that has not been dialed",
      description:
        "A queued (including scheduled) call becomes `canceled` and `call.canceled` is emitted. A call already calling or finished is 409.",
      requestParams: { path: idParam("call_id"), header: IdempotencyKeyHeader },
      responses: { "200": { description: "The canceled call", ...json(CallOut) }, ...errorResponses(404, 409, 422) },
    },
  },
};

/** POST /v1/calls/{call_id}/cancel. */
export function registerCancelCall(router: Router, deps: CancelCallDeps): void {
  router.post("/v1/calls/:call_id/cancel", async (req, res) => {
    res.json(await cancelCall(deps, { orgId: principalOf(res).orgId, callId: pathId(req.params, "call_id", "call") }));
  });
}

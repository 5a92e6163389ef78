import { CallOut, UpdateCallRequest } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { checkUpdateCall } from "../../app/check-call-request";
import { type UpdateCallDeps, updateCall } from "../../app/update-call";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";
import { idParam, pathId } from "./shared";

export const updateCallOpenApi: ZodOpenApiPathsObject = {
  "/v1/calls/{call_id}": {
    patch: {
      operationId: "updateCall",
      summary: "Change a queued call",
      description:
        "Only while the call is `queued` (no attempt started); once calling or finished: 409. The dialer uses the change from its first attempt on; a `call.updated` webhook carries it. A new `schedule_at` or `calling_window` moves `next_attempt_at`.",
      requestParams: { path: idParam("call_id") },
      requestBody: json(UpdateCallRequest),
      responses: { "200": { description: "The changed call", ...json(CallOut) }, ...errorResponses(400, 404, 409, 413, 415, 422) },
    },
  },
};

/** PATCH /v1/calls/{call_id}. */
export function registerUpdateCall(router: Router, deps: UpdateCallDeps): void {
  router.patch("/v1/calls/:call_id", async (req, res) => {
    const callId = pathId(req.params, "call_id", "call");
    const request = await checkUpdateCall(deps, req.body ?? {});
    res.json(await updateCall(deps, { orgId: principalOf(res).orgId, callId, request }));
  });
}

import { CallOut } from "@voxbridge/contracts";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { type CancelCallDeps, cancelCall } from "../../app/cancel-call";
import { principalOf } from "../authenticate";
import { CANCEL_REQUESTED_CALL_EXAMPLE } from "../examples";
import { errorResponses, json } from "../openapi";
import { IdempotencyKeyHeader, idParam, pathId } from "./shared";

export const cancelCallOpenApi: ZodOpenApiPathsObject = {
  "/v1/calls/{call_id}/cancel": {
    post: {
      operationId: "cancelCall",
      summary: "Cancel a call",
      description:
        "Asks the dialer to cancel the call; it records `cancel_requested_at` on the call. The call then ends `canceled`, with one `call.canceled` delivery, " +
        "carrying `duration_seconds` when someone talked (those minutes are billed). A queued (including scheduled) call is ended at once: the answer waits " +
        "up to a few seconds for it and is `200` with the canceled call. A call being dialed or talking is hung up: `202` with the call as it is, " +
        "`cancel_requested_at` set. A queued call the dialer has not ended within the wait is `202` too. Asking again changes nothing. A finished call is `409`.",
      requestParams: { path: idParam("call_id"), header: IdempotencyKeyHeader },
      responses: {
        "200": { description: "The canceled call (it was not dialed yet)", ...json(CallOut) },
        "202": {
          description: "The cancel is requested: the dialer is hanging up. The call ends `canceled`; its `call.canceled` delivery follows",
          content: { "application/json": { schema: CallOut, example: CANCEL_REQUESTED_CALL_EXAMPLE } },
        },
        ...errorResponses(404, 409, 422),
      },
    },
  },
};

/** POST /v1/calls/{call_id}/cancel: 200 with the canceled call, or 202 with the request recorded. */
export function registerCancelCall(router: Router, deps: CancelCallDeps): void {
  router.post("/v1/calls/:call_id/cancel", async (req, res) => {
    const { outcome, call } = await cancelCall(deps, { orgId: principalOf(res).orgId, callId: pathId(req.params, "call_id", "call") });
    res.status(outcome === "canceled" ? 200 : 202).json(call);
  });
}

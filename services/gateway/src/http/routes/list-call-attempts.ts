import { AttemptList, ListAttemptsQuery } from "@voxbridge/contracts";
import { AppError } from "@voxbridge/kit";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { CallStore } from "../../app/ports";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";
import { idParam, pathId } from "./shared";

export const listCallAttemptsOpenApi: ZodOpenApiPathsObject = {
  "/v1/calls/{call_id}/attempts": {
    get: {
      operationId: "listCallAttempts",
      summary: "List a call's attempts, oldest first",
      description:
        "Every dial of the call: when it started, was answered and ended, how it ended and how long it talked. The live attempt has `ended_at: null`. Filled from the call's events, so an attempt shows a moment after its `call.calling`.",
      requestParams: { path: idParam("call_id"), query: ListAttemptsQuery },
      responses: { "200": { description: "A page of attempts", ...json(AttemptList) }, ...errorResponses(404, 422) },
    },
  },
};

/** GET /v1/calls/{call_id}/attempts?limit=&offset=. */
export function registerListCallAttempts(router: Router, deps: { calls: CallStore }): void {
  router.get("/v1/calls/:call_id/attempts", async (req, res) => {
    const callId = pathId(req.params, "call_id", "call");
    const query = ListAttemptsQuery.parse(req.query);
    const page = await deps.calls.listAttempts(principalOf(res).orgId, callId, query);
    if (!page) throw new AppError("not_found", "No call with this id", { param: "call_id" });
    res.json({ ...page, limit: query.limit, offset: query.offset });
  });
}

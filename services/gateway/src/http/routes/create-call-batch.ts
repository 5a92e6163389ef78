import { BATCH_MAX_CALLS, CallBatchResponse, CreateCallBatchRequest } from "@voxbridge/contracts";
import { errorEnvelopeOf, isAppError, type Logger } from "@voxbridge/kit";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { type BatchItem, createCallBatch } from "../../app/create-call-batch";
import type { CreateOutboundCallDeps } from "../../app/create-outbound-call";
import { stableUuid } from "../../domain/stable-id";
import { principalOf } from "../authenticate";
import { idempotencyKeyOf } from "../idempotency";
import { errorResponses, json } from "../openapi";
import { IdempotencyKeyHeader } from "./shared";

export const createCallBatchOpenApi: ZodOpenApiPathsObject = {
  "/v1/calls/batch": {
    post: {
      operationId: "createCallBatch",
      summary: "Queue many outbound calls at once",
      description:
        `1–${BATCH_MAX_CALLS} create bodies in one request. Each is answered as its own \`POST /v1/calls/outbound\` would be: ` +
        "`status` 201 with its `call`, or its 4xx (or 503) with its `error`; minutes are held per item and no item's failure affects another. " +
        "One `Idempotency-Key` covers the whole batch: a retry with the same key and body replays the answer and creates nothing twice.",
      requestParams: { header: IdempotencyKeyHeader },
      requestBody: json(CreateCallBatchRequest),
      responses: {
        "200": { description: "One answer per item, in order", ...json(CallBatchResponse) },
        ...errorResponses(400, 409, 413, 415, 422),
      },
    },
  },
};

/** POST /v1/calls/batch: queue up to 1,000 calls (200 with one answer per item). */
export function registerCreateCallBatch(router: Router, deps: CreateOutboundCallDeps): void {
  router.post("/v1/calls/batch", async (req, res) => {
    const { calls } = CreateCallBatchRequest.parse(req.body ?? {});
    const idempotency = idempotencyKeyOf(res);
    const items = calls.map((body, index): BatchItem => {
      // Under an Idempotency-Key every item's call id is fixed, so a retried batch makes no call twice.
      const callId = idempotency ? stableUuid("call", idempotency.apiKeyId, idempotency.key, "batch", String(index)) : undefined;
      return { body, ...(callId ? { callId } : {}) };
    });
    const results = await createCallBatch(deps, principalOf(res).orgId, items);
    const requestId = String(req.id);
    const body: CallBatchResponse = {
      items: results.map((result, index) =>
        isAppError(result)
          ? { index, status: result.httpStatus, error: errorEnvelopeOf(result, requestId).error }
          : { index, status: 201, call: result },
      ),
    };
    // What the error handler logs for a single create: an item that failed on our side or a dependency's.
    for (const [index, result] of results.entries()) {
      if (isAppError(result) && result.httpStatus >= 500) (req as { log?: Logger }).log?.warn({ err: result, index }, "batch item failed");
    }
    res.json(body);
  });
}

import { CallOut, CreateOutboundCallRequest } from "@voxbridge/contracts";
import { setLogContext } from "@voxbridge/kit";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { checkCreateCall } from "../../app/check-call-request";
import { type CreateOutboundCallDeps, createOutboundCall } from "../../app/create-outbound-call";
import { stableUuid } from "../../domain/stable-id";
import { principalOf } from "../authenticate";
import { idempotencyKeyOf } from "../idempotency";
import { errorResponses, json, SANDBOX_DESCRIPTION } from "../openapi";
import { IdempotencyKeyHeader } from "./shared";

export const createOutboundCallOpenApi: ZodOpenApiPathsObject = {
  "/v1/calls/outbound": {
    post: {
      operationId: "createOutboundCall",
      summary: "Queue an outbound call",
      description:
        "Resolves the agent (explicit or the org's default), holds minutes, stores the call and emits `call.queued`. " +
        "`to` is normalized to E.164 (US national numbers get +1). Send an `Idempotency-Key` to make retries safe. " +
        "Any optional field may be `null`, meaning the same as leaving it out: `agent_id: null` picks the default agent, " +
        `\`schedule_at: null\` dials now.\n\n${SANDBOX_DESCRIPTION}`,
      requestParams: { header: IdempotencyKeyHeader },
      requestBody: json(CreateOutboundCallRequest),
      responses: {
        "201": { description: "The queued call", ...json(CallOut) },
        ...errorResponses(400, 402, 404, 409, 413, 415, 422),
      },
    },
  },
};

/** POST /v1/calls/outbound: queue a call (201 CallOut). */
export function registerCreateOutboundCall(router: Router, deps: CreateOutboundCallDeps): void {
  router.post("/v1/calls/outbound", async (req, res) => {
    const request = await checkCreateCall(deps, req.body ?? {});
    const idempotency = idempotencyKeyOf(res);
    const callId = idempotency ? stableUuid("call", idempotency.apiKeyId, idempotency.key) : undefined;
    const call = await createOutboundCall(deps, { orgId: principalOf(res).orgId, request, ...(callId ? { callId } : {}) });
    setLogContext(res, { callId: call.id });
    res.status(201).location(`/v1/calls/${call.id}`).json(call);
  });
}

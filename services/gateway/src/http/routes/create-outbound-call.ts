import { CallOut, CreateOutboundCallRequest } from "@voxbridge/contracts";
import type { Router } from "express";
import { type CreateOutboundCallDeps, createOutboundCall } from "../../app/create-outbound-call";
import { principalOf } from "../authenticate";

export const createOutboundCallSchemas = { request: CreateOutboundCallRequest, response: CallOut };

/** POST /v1/calls/outbound: queue a call (201 CallOut). */
export function registerCreateOutboundCall(router: Router, deps: CreateOutboundCallDeps): void {
  router.post("/v1/calls/outbound", async (req, res) => {
    const request = CreateOutboundCallRequest.parse(req.body ?? {});
    const call = await createOutboundCall(deps, { orgId: principalOf(res).orgId, request });
    res.status(201).location(`/v1/calls/${call.id}`).json(call);
  });
}

import { CallOut } from "@voxbridge/contracts";
import { AppError } from "@voxbridge/kit";
import type { Router } from "express";
import { z } from "zod";
import type { CallStore } from "../../app/ports";
import { principalOf } from "../authenticate";

export const getCallSchemas = { params: z.object({ call_id: z.uuid() }), response: CallOut };

/** GET /v1/calls/{call_id}: one of the caller's calls; another org's call is 404 like a missing one. */
export function registerGetCall(router: Router, deps: { calls: CallStore }): void {
  router.get("/v1/calls/:call_id", async (req, res) => {
    const parsed = getCallSchemas.params.safeParse(req.params);
    const call = parsed.success ? await deps.calls.findById(principalOf(res).orgId, parsed.data.call_id) : null;
    if (!call) throw new AppError("not_found", "No call with this id", { param: "call_id" });
    res.json(call);
  });
}

import { MinuteAllowanceOut, MinuteAllowanceQuery } from "@voxbridge/contracts";
import type { Router } from "express";
import { z } from "zod";
import type { MinuteHolds } from "../../app/minute-holds";

export const getAllowanceSchemas = { params: z.object({ org_id: z.uuid() }), query: MinuteAllowanceQuery, response: MinuteAllowanceOut };

/** GET /internal/v1/orgs/{org_id}/allowance?call_id=…: how long the dialer may let the call talk. */
export function registerGetAllowance(router: Router, holds: Pick<MinuteHolds, "allowance">): void {
  router.get("/internal/v1/orgs/:org_id/allowance", async (req, res) => {
    const { org_id } = getAllowanceSchemas.params.parse(req.params);
    const { call_id } = MinuteAllowanceQuery.parse(req.query);
    res.json(await holds.allowance(org_id, call_id));
  });
}

import { MinuteAllowanceOut, MinuteAllowanceQuery } from "@voxbridge/contracts";
import { servesCallers } from "@voxbridge/kit";
import type { RequestHandler, Router } from "express";
import { z } from "zod";
import type { MinuteHolds } from "../../app/minute-holds";

const getAllowanceSchemas = { params: z.object({ org_id: z.uuid() }), query: MinuteAllowanceQuery, response: MinuteAllowanceOut };

/** Only the dialer asks how long a call may talk. */
const getAllowanceCallers = servesCallers("dialer");

/** GET /internal/v1/orgs/{org_id}/allowance?call_id=…: how long the dialer may let the call talk. */
export function registerGetAllowance(router: Router, holds: Pick<MinuteHolds, "allowance">, body: RequestHandler[]): void {
  router.get("/internal/v1/orgs/:org_id/allowance", getAllowanceCallers, ...body, async (req, res) => {
    const { org_id } = getAllowanceSchemas.params.parse(req.params);
    const { call_id } = MinuteAllowanceQuery.parse(req.query);
    res.json(await holds.allowance(org_id, call_id));
  });
}

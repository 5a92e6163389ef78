import { SetMinuteLimitRequest, UsageOut } from "@voxbridge/contracts";
import type { Router } from "express";
import { z } from "zod";
import type { MinuteHolds } from "../../app/minute-holds";

export const setMinuteLimitSchemas = { params: z.object({ org_id: z.uuid() }), request: SetMinuteLimitRequest, response: UsageOut };

/** PUT /internal/v1/orgs/{org_id}/limit: the org's monthly limit from now on; answers its usage under the new limit. */
export function registerSetMinuteLimit(router: Router, holds: Pick<MinuteHolds, "setLimit">): void {
  router.put("/internal/v1/orgs/:org_id/limit", async (req, res) => {
    const { org_id } = setMinuteLimitSchemas.params.parse(req.params);
    const { minutes_limit } = SetMinuteLimitRequest.parse(req.body ?? {});
    res.json(await holds.setLimit(org_id, minutes_limit));
  });
}

import { SetMinuteLimitRequest, UsageOut } from "@voxbridge/contracts";
import { servesCallers } from "@voxbridge/kit";
import type { RequestHandler, Router } from "express";
import { z } from "zod";
import type { MinuteHolds } from "../../app/minute-holds";

const setMinuteLimitSchemas = { params: z.object({ org_id: z.uuid() }), request: SetMinuteLimitRequest, response: UsageOut };

/** Only an operator changes an org's limit: never the dialer, nor the gateway that serves partners. */
const setMinuteLimitCallers = servesCallers("operator");

/** PUT /internal/v1/orgs/{org_id}/limit: the org's monthly limit from now on; answers its usage under the new limit. */
export function registerSetMinuteLimit(router: Router, holds: Pick<MinuteHolds, "setLimit">, body: RequestHandler[]): void {
  router.put("/internal/v1/orgs/:org_id/limit", setMinuteLimitCallers, ...body, async (req, res) => {
    const { org_id } = setMinuteLimitSchemas.params.parse(req.params);
    const { minutes_limit } = SetMinuteLimitRequest.parse(req.body ?? {});
    res.json(await holds.setLimit(org_id, minutes_limit));
  });
}

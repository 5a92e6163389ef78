import { UsageOut } from "@voxbridge/contracts";
import { servesCallers } from "@voxbridge/kit";
import type { RequestHandler, Router } from "express";
import { z } from "zod";
import type { MinuteHolds } from "../../app/minute-holds";

const getUsageSchemas = { params: z.object({ org_id: z.uuid() }), response: UsageOut };

/** The gateway (for GET /v1/usage) and operators read an org's usage. */
const getUsageCallers = servesCallers("gateway", "operator");

/** GET /internal/v1/orgs/{org_id}/usage: the org's minutes this UTC month (the gateway's GET /v1/usage). */
export function registerGetUsage(router: Router, holds: Pick<MinuteHolds, "usage">, body: RequestHandler[]): void {
  router.get("/internal/v1/orgs/:org_id/usage", getUsageCallers, ...body, async (req, res) => {
    res.json(await holds.usage(getUsageSchemas.params.parse(req.params).org_id));
  });
}

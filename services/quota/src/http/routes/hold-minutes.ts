import { MinuteHoldRequest } from "@voxbridge/contracts";
import { servesCallers } from "@voxbridge/kit";
import type { RequestHandler, Router } from "express";
import type { MinuteHolds } from "../../app/minute-holds";

/** Only the gateway holds minutes, before it accepts a call. */
const holdMinutesCallers = servesCallers("gateway");

/** POST /internal/v1/holds: hold minutes for a call (idempotent per call id); 200 {granted:false} at the limit. */
export function registerHoldMinutes(router: Router, holds: Pick<MinuteHolds, "hold">, body: RequestHandler[]): void {
  router.post("/internal/v1/holds", holdMinutesCallers, ...body, async (req, res) => {
    const request = MinuteHoldRequest.parse(req.body ?? {});
    res.json(await holds.hold(request.org_id, request.call_id));
  });
}

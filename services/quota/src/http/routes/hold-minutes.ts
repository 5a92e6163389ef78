import { MinuteHoldRequest, MinuteHoldResponse } from "@voxbridge/contracts";
import type { Router } from "express";
import type { MinuteHolds } from "../../app/minute-holds";

export const holdMinutesSchemas = { request: MinuteHoldRequest, response: MinuteHoldResponse };

/** POST /internal/v1/holds: hold minutes for a call (idempotent per call id); 200 {granted:false} at the limit. */
export function registerHoldMinutes(router: Router, holds: Pick<MinuteHolds, "hold">): void {
  router.post("/internal/v1/holds", async (req, res) => {
    const request = MinuteHoldRequest.parse(req.body ?? {});
    res.json(await holds.hold(request.org_id, request.call_id));
  });
}

import { MinuteReleaseRequest } from "@voxbridge/contracts";
import { servesCallers } from "@voxbridge/kit";
import type { RequestHandler, Router } from "express";
import { z } from "zod";
import type { MinuteHolds } from "../../app/minute-holds";

const releaseMinutesSchemas = { params: z.object({ call_id: z.uuid() }), request: MinuteReleaseRequest };

/** Only the gateway gives back the hold of a call it did not accept. */
const releaseMinutesCallers = servesCallers("gateway");

/**
 * POST /internal/v1/holds/{call_id}/release: give back the hold of a call the gateway did not
 * accept (idempotent; 204 also when there is nothing to release). A hold whose call has been seen
 * on Kafka is kept: that call exists, and its end releases it.
 */
export function registerReleaseMinutes(router: Router, holds: Pick<MinuteHolds, "release">, body: RequestHandler[]): void {
  router.post("/internal/v1/holds/:call_id/release", releaseMinutesCallers, ...body, async (req, res) => {
    const { call_id } = releaseMinutesSchemas.params.parse(req.params);
    const { org_id } = MinuteReleaseRequest.parse(req.body ?? {});
    await holds.release(call_id, org_id);
    res.status(204).end();
  });
}

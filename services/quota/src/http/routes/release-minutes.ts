import type { Router } from "express";
import { z } from "zod";
import type { MinuteHolds } from "../../app/minute-holds";

const params = z.object({ call_id: z.uuid() });

/** POST /internal/v1/holds/{call_id}/release: give a call's hold back (idempotent). */
export function registerReleaseMinutes(router: Router, holds: MinuteHolds): void {
  router.post("/internal/v1/holds/:call_id/release", async (req, res) => {
    await holds.release(params.parse(req.params).call_id);
    res.status(204).end();
  });
}

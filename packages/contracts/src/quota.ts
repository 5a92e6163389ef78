import { z } from "zod";

/** POST /internal/v1/holds on the quota service: hold minutes for one call (idempotent per call id). */
export const MinuteHoldRequest = z.object({
  org_id: z.uuid(),
  call_id: z.uuid(),
});
export type MinuteHoldRequest = z.infer<typeof MinuteHoldRequest>;

export const MinuteHoldResponse = z.object({
  granted: z.boolean(),
  minutes_held: z.number().int().min(0),
});
export type MinuteHoldResponse = z.infer<typeof MinuteHoldResponse>;

/** An org's minutes in the current calendar month (UTC), as GET /v1/usage returns them. */
export const UsageOut = z
  .object({
    period_start: z.iso.datetime({ offset: true }),
    period_end: z.iso.datetime({ offset: true }),
    minutes_limit: z.number().int().min(0),
    minutes_used: z.number().int().min(0),
    minutes_reserved: z.number().int().min(0),
    minutes_remaining: z.number().int().min(0),
  })
  .meta({ id: "Usage" });
export type UsageOut = z.infer<typeof UsageOut>;

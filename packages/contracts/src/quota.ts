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
  /**
   * How long the call may talk as of this hold: the org's minutes left after it, plus its own hold,
   * in seconds (the allowance's rule). Absent when refused, or from a quota release before it.
   */
  talk_seconds_allowed: z.number().int().min(0).optional(),
});
export type MinuteHoldResponse = z.infer<typeof MinuteHoldResponse>;

/** POST /internal/v1/holds/{call_id}/release: the gateway gives back the hold of a call it did not accept. */
export const MinuteReleaseRequest = z.object({
  org_id: z.uuid().optional(),
});
export type MinuteReleaseRequest = z.infer<typeof MinuteReleaseRequest>;

/** PUT /internal/v1/orgs/{org_id}/limit: the org's monthly allowance from now on; answers the org's UsageOut. */
export const SetMinuteLimitRequest = z
  .object({
    minutes_limit: z.number().int().min(0).max(2_000_000_000),
  })
  .strict();
export type SetMinuteLimitRequest = z.infer<typeof SetMinuteLimitRequest>;

/** Query of GET /internal/v1/orgs/{org_id}/allowance: the call about to be dialed, if any. */
export const MinuteAllowanceQuery = z.object({
  call_id: z.uuid().optional(),
});
export type MinuteAllowanceQuery = z.infer<typeof MinuteAllowanceQuery>;

/** What the dialer may let a call talk, so an org cannot run far past its limit. */
export const MinuteAllowanceOut = z.object({
  period_end: z.iso.datetime({ offset: true }),
  /** The org's minutes left this period after everything billed and held (this call's hold included). */
  minutes_remaining: z.number().int().min(0),
  /** Minutes held by `call_id` (0 when no call id was given or it holds none). */
  call_minutes_held: z.number().int().min(0),
  /** (minutes_remaining + call_minutes_held) * 60: talking longer would bill minutes the org does not have. */
  talk_seconds_allowed: z.number().int().min(0),
});
export type MinuteAllowanceOut = z.infer<typeof MinuteAllowanceOut>;

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

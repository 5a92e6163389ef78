import { z } from "zod";

/** Every error the platform can answer with; the code is the stable contract, the message is prose. */
export const ErrorCode = z.enum([
  "validation_failed",
  "malformed_json",
  "unsupported_media_type",
  "payload_too_large",
  "unauthenticated",
  "forbidden",
  "no_default_agent",
  "quota_exceeded",
  "number_suppressed",
  "not_found",
  "method_not_allowed",
  "conflict",
  "idempotency_key_reused",
  "idempotency_key_in_flight",
  "rate_limited",
  "dependency_unavailable",
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The one table from error code to HTTP status. */
export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  validation_failed: 422,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthenticated: 401,
  forbidden: 403,
  no_default_agent: 400,
  quota_exceeded: 402,
  number_suppressed: 422,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_key_reused: 422,
  idempotency_key_in_flight: 409,
  rate_limited: 429,
  dependency_unavailable: 503,
  internal: 500,
};

/** The one error body every service answers with. */
export const ErrorEnvelope = z
  .object({
    error: z.object({
      type: ErrorCode,
      message: z.string(),
      param: z.string().nullable().describe("The first offending field, dotted (`context.product`), when one is to blame"),
      details: z
        .array(z.object({ param: z.string().nullable(), message: z.string() }))
        .optional()
        .describe("Every problem found, on validation failures (422)"),
      request_id: z.string(),
    }),
  })
  .meta({ id: "Error" });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

import { z } from "zod";
import { CancelRequestedEvent } from "./cancel-request";
import { CallAnalyzedEvent, CallEvent, ConversationEndedEvent } from "./events";
import { PageQuery, pageOf } from "./pagination";
import { optionalField } from "./request-fields";

const isoDateTime = z.iso.datetime({ offset: true });

/** A number the organization's calls must never dial (an opt-out, a complaint, a do-not-call entry). */
export const SuppressionOut = z
  .object({
    id: z.uuid(),
    number: z.string().describe("E.164"),
    reason: z.string().nullable().describe("Free text; `opt_out` when the callee asked on a call to stop calling"),
    created_at: isoDateTime,
  })
  .meta({ id: "Suppression" });
export type SuppressionOut = z.infer<typeof SuppressionOut>;

/** The reason recorded when a callee opts out during a call. */
export const OPT_OUT_REASON = "opt_out";

/** Body of POST /v1/suppressions. */
export const CreateSuppressionRequest = z
  .object({
    number: z.string().min(1).max(32).describe("E.164 preferred, US 10-digit numbers become +1"),
    reason: optionalField(z.string().trim().min(1).max(500)),
  })
  .strict()
  .meta({ id: "CreateSuppressionRequest" });
export type CreateSuppressionRequest = z.infer<typeof CreateSuppressionRequest>;

/** Query of GET /v1/suppressions. */
export const ListSuppressionsQuery = z.object({ ...PageQuery }).strict();
export type ListSuppressionsQuery = z.infer<typeof ListSuppressionsQuery>;

export const SuppressionList = pageOf(SuppressionOut, "SuppressionList");
export type SuppressionList = z.infer<typeof SuppressionList>;

/**
 * Suppression changes, published by the gateway on the suppressions topic (keyed by org id, so one
 * org's changes stay in order) for the dialer, which keeps its own copy and checks it before every
 * attempt. They never reach partners' webhooks. Events from before that topic came on the
 * call-events topic, which the dialer still reads them from.
 */
export const SuppressionEventType = z.enum(["suppression.created", "suppression.deleted"]);
export type SuppressionEventType = z.infer<typeof SuppressionEventType>;

export const SuppressionEvent = z.object({
  specversion: z.literal("1.0"),
  id: z.uuid(),
  source: z.string().min(1),
  type: SuppressionEventType,
  subject: z.uuid().describe("The suppression id"),
  time: isoDateTime,
  datacontenttype: z.literal("application/json"),
  traceparent: z.string().optional(),
  data: z.object({ org_id: z.uuid(), suppression: SuppressionOut }),
});
export type SuppressionEvent = z.infer<typeof SuppressionEvent>;

export function newSuppressionEvent(
  type: SuppressionEventType,
  source: string,
  data: SuppressionEvent["data"],
  options: { id: string; time: Date; traceparent?: string | undefined },
): SuppressionEvent {
  return {
    specversion: "1.0",
    id: options.id,
    source,
    type,
    subject: data.suppression.id,
    time: options.time.toISOString(),
    datacontenttype: "application/json",
    ...(options.traceparent ? { traceparent: options.traceparent } : {}),
    data,
  };
}

/**
 * Anything the dialer's consumers may meet: lifecycle events, the voice service's events and cancel
 * requests (call-events topic), and suppression events (their own topic; on the call-events topic
 * before it existed).
 */
export const TopicEvent = z.union([CallEvent, CallAnalyzedEvent, ConversationEndedEvent, CancelRequestedEvent, SuppressionEvent]);
export type TopicEvent = z.infer<typeof TopicEvent>;

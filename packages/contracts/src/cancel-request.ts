import { z } from "zod";

/**
 * A partner asked to cancel a call. The gateway records the request on the call record and
 * publishes this event from its outbox, on the call-events topic keyed by call id (so it follows
 * the call's `call.queued`); the dialer, the only writer of a call's end, carries it out and
 * publishes the one terminal event (`call.canceled`, with the talk time when someone talked). It
 * is internal: consumers other than the dialer skip it by its `ce_type` header, and partners never
 * receive it.
 */
export const CANCEL_REQUESTED_TYPE = "call.cancel_requested";

export const CancelRequestedEvent = z.object({
  specversion: z.literal("1.0"),
  id: z.uuid(),
  source: z.string().min(1),
  type: z.literal(CANCEL_REQUESTED_TYPE),
  subject: z.uuid().describe("The call id"),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal("application/json"),
  traceparent: z.string().optional(),
  data: z.object({ call_id: z.uuid(), org_id: z.uuid(), requested_at: z.iso.datetime({ offset: true }) }),
});
export type CancelRequestedEvent = z.infer<typeof CancelRequestedEvent>;

export function newCancelRequestedEvent(
  source: string,
  data: CancelRequestedEvent["data"],
  options: { id: string; traceparent?: string | undefined },
): CancelRequestedEvent {
  return {
    specversion: "1.0",
    id: options.id,
    source,
    type: CANCEL_REQUESTED_TYPE,
    subject: data.call_id,
    time: data.requested_at,
    datacontenttype: "application/json",
    ...(options.traceparent ? { traceparent: options.traceparent } : {}),
    data,
  };
}

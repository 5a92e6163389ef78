import { type CallAnalyzedEvent, type CallOut, callProgress, type WebhookEventType, withAnalysis } from "@voxbridge/contracts";

/** What one call looked like as of an event, and where its own webhooks go. */
export type CallSnapshot = { webhookUrl: string | null; call: CallOut };

/**
 * An event as this service delivers it: a lifecycle event as it came, or a `call.analyzed` joined
 * to its call's latest record (the event itself carries only the conversation). The delivery body
 * is built from `data.call`, the destinations from `data.org_id` and `data.webhook_url`.
 */
export type DeliverySource = {
  id: string;
  type: WebhookEventType;
  subject: string;
  time: string;
  traceparent?: string | undefined;
  data: { org_id: string; webhook_url: string | null; call: CallOut };
};

/** The snapshot furthest along (callProgress) among a call's lifecycle events; of equals, the last. Null with none. */
export function latestSnapshot(events: readonly { data: { webhook_url: string | null; call: CallOut } }[]): CallSnapshot | null {
  let latest: CallSnapshot | null = null;
  for (const { data } of events) {
    if (latest === null || callProgress(data.call) >= callProgress(latest.call)) latest = { webhookUrl: data.webhook_url, call: data.call };
  }
  return latest;
}

/**
 * `call.analyzed` as partners receive it: the call's latest record with the transcript, answers
 * and recording URL the analysis adds, sent where the call's other events go.
 */
export function analyzedDeliverySource(event: CallAnalyzedEvent, snapshot: CallSnapshot): DeliverySource {
  return {
    id: event.id,
    type: "call.analyzed",
    subject: event.subject,
    time: event.time,
    ...(event.traceparent ? { traceparent: event.traceparent } : {}),
    data: { org_id: event.data.org_id, webhook_url: snapshot.webhookUrl, call: withAnalysis(snapshot.call, event.data) },
  };
}

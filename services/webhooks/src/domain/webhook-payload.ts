import type { CallEvent, WebhookEvent } from "@voxbridge/contracts";

/** The body partners receive: the event type, its time, the call's per-call sequence and the call (metadata included). */
export function webhookBody(event: CallEvent, sequence: number): string {
  const body: WebhookEvent = { type: event.type, timestamp: event.time, sequence, data: event.data.call };
  return JSON.stringify(body);
}

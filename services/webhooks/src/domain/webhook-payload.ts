import type { WebhookEvent } from "@voxbridge/contracts";
import type { DeliverySource } from "./delivery-source";

/**
 * The body partners receive: the event type, its time, the call's per-call sequence, its current
 * attempt and the call (metadata included).
 */
export function webhookBody(event: DeliverySource, sequence: number): string {
  const call = event.data.call;
  const body: WebhookEvent = { type: event.type, timestamp: event.time, sequence, attempt: call.attempt_count, data: call };
  return JSON.stringify(body);
}

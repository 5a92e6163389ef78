import type { CallEvent } from "@voxbridge/contracts";

/** Events waiting for delivery, deduplicated by event id. */
export interface WebhookEventStore {
  /** Stores the event unless its id was seen; true when this delivery stored it. */
  addIfAbsent(event: CallEvent): Promise<boolean>;
}

/** Takes in one lifecycle event for delivery; a redelivered event changes nothing. */
export const receiveCallEvent = (deps: { events: WebhookEventStore }, event: CallEvent): Promise<boolean> => deps.events.addIfAbsent(event);

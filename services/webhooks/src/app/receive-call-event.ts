import type { CallEvent } from "@voxbridge/contracts";

/** Events waiting for delivery, deduplicated by event id. */
export interface WebhookEventStore {
  /**
   * Stores the event unless its id was seen, gives it the call's next sequence number and creates
   * one pending delivery per destination, all in one transaction; null when it was a duplicate.
   */
  addIfAbsent(event: CallEvent, now: Date): Promise<{ sequence: number; deliveries: number } | null>;
}

/** Takes in one lifecycle event for delivery; a redelivered event changes nothing. */
export async function receiveCallEvent(
  deps: { events: WebhookEventStore; clock: () => Date; wakeDeliveries: () => void },
  event: CallEvent,
): Promise<{ sequence: number; deliveries: number } | null> {
  const stored = await deps.events.addIfAbsent(event, deps.clock());
  if (stored && stored.deliveries > 0) deps.wakeDeliveries();
  return stored;
}

import type { CallEvent } from "@voxbridge/contracts";

/** One event taken in: its sequence number within its call and how many deliveries it created. */
export type StoredEvent = { eventId: string; sequence: number; deliveries: number };

/** Events waiting for delivery, deduplicated by event id. */
export interface WebhookEventStore {
  /**
   * Stores each event whose id was not seen, numbers it within its call in the order given, and
   * creates one pending delivery per destination, all in one transaction. Returns the events stored,
   * in order; an event seen before (or twice in `events`) is left out.
   */
  addAll(events: CallEvent[], now: Date): Promise<StoredEvent[]>;
}

/** Takes in a batch of lifecycle events for delivery, in their order; a redelivered event changes nothing. */
export async function receiveCallEvents(
  deps: { events: WebhookEventStore; clock: () => Date; wakeDeliveries: () => void },
  events: CallEvent[],
): Promise<StoredEvent[]> {
  const stored = await deps.events.addAll(events, deps.clock());
  if (stored.some((event) => event.deliveries > 0)) deps.wakeDeliveries();
  return stored;
}

import type { CallOut, DeliverableEvent } from "@voxbridge/contracts";
import { analyzedDeliverySource, type DeliverySource, latestSnapshot } from "../domain/delivery-source";

/** One event taken in: its sequence number within its call and how many deliveries it created. */
export type StoredEvent = { eventId: string; sequence: number; deliveries: number };

/** Events waiting for delivery, deduplicated by event id. */
export interface WebhookEventStore {
  /**
   * Stores each event whose id was not seen, numbers it within its call in the order given, and
   * creates one pending delivery per destination, all in one transaction. Returns the events stored,
   * in order; an event seen before (or twice in `events`) is left out.
   */
  addAll(events: DeliverySource[], now: Date): Promise<StoredEvent[]>;
  /** The lifecycle events stored for each call, in the order they were taken in. */
  lifecycleOf(callIds: string[]): Promise<Map<string, { data: { webhook_url: string | null; call: CallOut } }[]>>;
}

/**
 * Takes in a batch of events for delivery, in their order; a redelivered event changes nothing. A
 * `call.analyzed` is delivered as its call's latest record with the analysis added (from the call's
 * lifecycle events, stored earlier or earlier in the batch). One whose call this service never saw
 * (or no longer keeps) cannot be shown as a record, so it is not delivered: `onUnmatched` gets its id.
 */
export async function receiveCallEvents(
  deps: { events: WebhookEventStore; clock: () => Date; wakeDeliveries: () => void; onUnmatched?: (eventId: string) => void },
  events: DeliverableEvent[],
): Promise<StoredEvent[]> {
  const analyzedCalls = [...new Set(events.filter((event) => event.type === "call.analyzed").map((event) => event.subject))];
  const seen = analyzedCalls.length > 0 ? await deps.events.lifecycleOf(analyzedCalls) : new Map<string, never[]>();
  const sources: DeliverySource[] = [];
  for (const event of events) {
    if (event.type !== "call.analyzed") {
      sources.push(event);
      seen.get(event.subject)?.push(event);
      continue;
    }
    const snapshot = latestSnapshot(seen.get(event.subject) ?? []);
    if (snapshot) sources.push(analyzedDeliverySource(event, snapshot));
    else deps.onUnmatched?.(event.id);
  }
  const stored = await deps.events.addAll(sources, deps.clock());
  if (stored.some((event) => event.deliveries > 0)) deps.wakeDeliveries();
  return stored;
}

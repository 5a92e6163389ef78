import type { CallAnalyzedEvent, CallEvent } from "@voxbridge/contracts";
import { createKafka, createLogger, createProducer, encodeCallEvent } from "@voxbridge/kit";
import { testKafkaBrokers } from "./env";

/** Publishes an event to `topic` as its producer would (keyed by call id): what a service upstream would send. */
export async function publishCallEvent(topic: string, event: CallEvent): Promise<void> {
  await publish(topic, [encodeCallEvent(event)]);
}

/**
 * Publishes events as a service's outbox relay does: keyed by call id, with the `ce_type` header
 * consumers select by (the voice service's `call.analyzed` among them).
 */
export async function publishEvents(topic: string, events: (CallEvent | CallAnalyzedEvent)[]): Promise<void> {
  await publish(
    topic,
    events.map((event) => ({
      key: event.subject,
      value: JSON.stringify(event),
      headers: { "content-type": "application/cloudevents+json", ce_type: event.type },
    })),
  );
}

async function publish(topic: string, messages: { key: string; value: string; headers: Record<string, string> }[]): Promise<void> {
  const producer = createProducer(
    createKafka({ clientId: "test-publisher", brokers: testKafkaBrokers(), logger: createLogger({ service: "test", level: "silent" }) }),
  );
  await producer.connect();
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}

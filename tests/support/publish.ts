import type { CallEvent } from "@voxbridge/contracts";
import { createKafka, createLogger, createProducer, encodeCallEvent } from "@voxbridge/kit";
import { testKafkaBrokers } from "./env";

/** Publishes an event to `topic` as its producer would (keyed by call id): what a service upstream would send. */
export async function publishCallEvent(topic: string, event: CallEvent): Promise<void> {
  const producer = createProducer(
    createKafka({ clientId: "test-publisher", brokers: testKafkaBrokers(), logger: createLogger({ service: "test", level: "silent" }) }),
  );
  await producer.connect();
  try {
    await producer.send({ topic, messages: [encodeCallEvent(event)] });
  } finally {
    await producer.disconnect();
  }
}

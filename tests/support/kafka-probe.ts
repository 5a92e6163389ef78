import { randomBytes } from "node:crypto";
import { CallEvent, CallEventType } from "@voxbridge/contracts";
import { createKafka, createLogger } from "@voxbridge/kit";
import type { Consumer } from "kafkajs";
import { testKafkaBrokers } from "./env";

export type SeenEvent = { key: string | null; partition: number; event: CallEvent; traceparentHeader: string | null };

/** Reads a topic from the beginning in its own consumer group and keeps the call events it saw (suppression events are skipped). */
export async function startKafkaProbe(topic: string): Promise<{ seen: SeenEvent[]; stop: () => Promise<void> }> {
  const kafka = createKafka({
    clientId: "test-probe",
    brokers: testKafkaBrokers(),
    logger: createLogger({ service: "test", level: "silent" }),
  });
  const consumer: Consumer = kafka.consumer({ groupId: `probe-${randomBytes(4).toString("hex")}` });
  const seen: SeenEvent[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const type = message.headers?.ce_type?.toString();
      if (type !== undefined && !CallEventType.safeParse(type).success) return;
      seen.push({
        key: message.key?.toString() ?? null,
        partition,
        event: CallEvent.parse(JSON.parse(message.value?.toString() ?? "null")),
        traceparentHeader: message.headers?.traceparent?.toString() ?? null,
      });
    },
  });
  return { seen, stop: () => consumer.disconnect() };
}

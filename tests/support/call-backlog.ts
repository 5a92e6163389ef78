import { randomUUID } from "node:crypto";
import { newCallEvent, newCallOut, newSuppressionEvent } from "@voxbridge/contracts";
import { createKafka, createLogger, createProducer } from "@voxbridge/kit";
import { testKafkaBrokers } from "./env";

/**
 * Puts `count` `call.queued` events on `topic`, all with the Kafka key `key` (so all on the partition
 * that key's other events take: a backlog ahead of them), as the gateway's relay would publish them
 * (`ce_type` header included). The calls belong to `orgId` and are scheduled in 2099, so the dialer
 * only inserts their jobs: the backlog costs it work, never a dial.
 */
export async function publishQueuedBacklog(options: { topic: string; key: string; orgId: string; count: number }): Promise<void> {
  const producer = createProducer(
    createKafka({ clientId: "test-backlog", brokers: testKafkaBrokers(), logger: createLogger({ service: "test", level: "silent" }) }),
  );
  await producer.connect();
  try {
    const now = new Date().toISOString();
    const agent = {
      id: randomUUID(),
      system_prompt: "Hello",
      voice: null,
      language: null,
      max_duration_seconds: 600,
      voicemail_action: "hangup" as const,
      calling_window: null,
    };
    for (let sent = 0; sent < options.count; sent += 500) {
      const messages = Array.from({ length: Math.min(500, options.count - sent) }, (_, i) => {
        const call = newCallOut({
          id: randomUUID(),
          agent_id: agent.id,
          to_number: `+1555${String(1_000_000 + ((sent + i) % 9_000_000)).padStart(7, "0")}`,
          created_at: now,
          scheduled_at: "2099-01-01T00:00:00.000Z",
        });
        const event = newCallEvent(
          "call.queued",
          "/voxbridge/gateway",
          { org_id: options.orgId, webhook_url: null, call, agent, calling_window: null },
          { id: randomUUID(), time: new Date() },
        );
        return {
          key: options.key,
          value: JSON.stringify(event),
          headers: { "content-type": "application/cloudevents+json", ce_type: event.type },
        };
      });
      await producer.sendBatch({ topicMessages: [{ topic: options.topic, messages }], acks: -1 });
    }
  } finally {
    await producer.disconnect();
  }
}

/**
 * Publishes a `suppression.created` where suppressions travelled before they had a topic of their
 * own: on `topic` (the call-events topic), keyed by the org, behind whatever waits on its partition.
 */
export async function publishSuppressionAsBefore(options: { topic: string; orgId: string; number: string }): Promise<void> {
  const producer = createProducer(
    createKafka({ clientId: "test-suppression", brokers: testKafkaBrokers(), logger: createLogger({ service: "test", level: "silent" }) }),
  );
  await producer.connect();
  try {
    const event = newSuppressionEvent(
      "suppression.created",
      "/voxbridge/gateway",
      {
        org_id: options.orgId,
        suppression: { id: randomUUID(), number: options.number, reason: null, created_at: new Date().toISOString() },
      },
      { id: randomUUID(), time: new Date() },
    );
    await producer.send({
      topic: options.topic,
      messages: [{ key: options.orgId, value: JSON.stringify(event), headers: { ce_type: event.type } }],
    });
  } finally {
    await producer.disconnect();
  }
}

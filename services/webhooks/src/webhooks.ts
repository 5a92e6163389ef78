import { createLogger, createMetricsRegistry, decodeCallEvent, type RunningWorker, startKafkaWorker } from "@voxbridge/kit";
import { createWebhooksPrisma } from "./adapters/prisma";
import { createWebhookEventStore } from "./adapters/webhook-event-store";
import { receiveCallEvent } from "./app/receive-call-event";
import type { WebhooksConfig } from "./config";

/** Starts the webhook service: consumes every lifecycle event and records it for delivery. */
export async function startWebhooks(
  config: WebhooksConfig,
  logger = createLogger({ service: "webhooks", level: config.LOG_LEVEL }),
): Promise<RunningWorker & { logger: typeof logger }> {
  const prisma = createWebhooksPrisma(config.DATABASE_URL, config.DB_POOL_SIZE);
  const events = createWebhookEventStore(prisma);
  const worker = await startKafkaWorker({
    service: "webhooks",
    groupId: config.WEBHOOKS_GROUP_ID,
    brokers: config.KAFKA_BROKERS,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    port: config.WEBHOOKS_PORT,
    logger,
    metrics: createMetricsRegistry("webhooks"),
    readiness: [{ name: "postgres", check: async () => void (await prisma.$queryRaw`SELECT 1`) }],
    topics: (names) => [names.callEvents],
    handle: async ({ message }) => {
      const event = decodeCallEvent(message.value);
      const stored = await receiveCallEvent({ events }, event);
      logger.debug({ callId: event.subject, eventId: event.id, type: event.type, stored }, "call event received");
    },
    closeStores: [{ name: "postgres", run: () => prisma.$disconnect() }],
  });
  return { ...worker, logger };
}

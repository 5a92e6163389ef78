import { createLogger, createMetricsRegistry, decodeCallEvent, type RunningWorker, startKafkaWorker } from "@voxbridge/kit";
import { createDialJobStore } from "./adapters/dial-job-store";
import { createDialerPrisma } from "./adapters/prisma";
import { acceptQueuedCall } from "./app/accept-queued-call";
import type { DialerConfig } from "./config";

/** Starts the dialer: consumes `call.queued` and keeps a durable dial job per call. */
export async function startDialer(
  config: DialerConfig,
  logger = createLogger({ service: "dialer", level: config.LOG_LEVEL }),
): Promise<RunningWorker & { logger: typeof logger }> {
  const prisma = createDialerPrisma(config.DATABASE_URL, config.DB_POOL_SIZE);
  const jobs = createDialJobStore(prisma);
  const worker = await startKafkaWorker({
    service: "dialer",
    groupId: config.DIALER_GROUP_ID,
    brokers: config.KAFKA_BROKERS,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    port: config.DIALER_PORT,
    logger,
    metrics: createMetricsRegistry("dialer"),
    readiness: [{ name: "postgres", check: async () => void (await prisma.$queryRaw`SELECT 1`) }],
    topics: (names) => [names.callEvents],
    handle: async ({ message }) => {
      const event = decodeCallEvent(message.value);
      if (event.type !== "call.queued") return;
      const created = await acceptQueuedCall({ jobs }, event);
      logger.debug({ callId: event.subject, eventId: event.id, created }, "call.queued accepted");
    },
    closeStores: [{ name: "postgres", run: () => prisma.$disconnect() }],
  });
  return { ...worker, logger };
}

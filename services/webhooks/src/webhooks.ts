import { randomUUID } from "node:crypto";
import { DeliverableEvent, WebhookEventType } from "@voxbridge/contracts";
import {
  type ConsumedMessage,
  createCounter,
  createLogger,
  createMetricsRegistry,
  decodeEvent,
  type Retention,
  type RunningWorker,
  startKafkaWorker,
  startPeriodic,
  startRetention,
} from "@voxbridge/kit";
import { Gauge, Histogram } from "prom-client";
import { oldestClaimableDeliveryAge } from "./adapters/delivery-backlog";
import { createDeliveryLog } from "./adapters/delivery-log-store";
import { createDeliveryStore } from "./adapters/delivery-store";
import { createEndpointStore } from "./adapters/endpoint-store";
import { createHttpSender } from "./adapters/http-sender";
import { createOrgSecretStore } from "./adapters/org-secret-store";
import { createWebhooksPool, createWebhooksPrisma, WEBHOOKS_SCHEMA } from "./adapters/prisma";
import { WEBHOOKS_VACUUMED_TABLES, webhooksRetentionRules } from "./adapters/retention-rules";
import { reencryptSigningSecrets } from "./adapters/secret-reencryption";
import { createWebhookEventStore } from "./adapters/webhook-event-store";
import { createDeliveryWorker, type DeliveryWorker } from "./app/delivery-worker";
import { destinationCheck } from "./app/destination-check";
import { receiveCallEvents } from "./app/receive-call-event";
import { retryPolicyOf, secretKeyringOf, type WebhooksConfig } from "./config";
import { newSigningSecret } from "./domain/signing";
import { internalApi } from "./http/internal-api";

export type WebhooksOptions = {
  /** Scheduling clock (retry timers); tests pass a manual one. */
  clock?: () => Date;
  /** DNS for the SSRF checks at creation and at connect time; tests play a rebinding server with it. */
  resolveHost?: (host: string) => Promise<string[]>;
};

export type RunningWebhooks = RunningWorker & { logger: ReturnType<typeof createLogger>; deliveries: DeliveryWorker; retention: Retention };

/** Starts the webhook service: takes in every lifecycle event, delivers it signed and retried, and serves the internal API. */
export async function startWebhooks(
  config: WebhooksConfig,
  logger = createLogger({ service: "webhooks", level: config.LOG_LEVEL }),
  options: WebhooksOptions = {},
): Promise<RunningWebhooks> {
  const clock = options.clock ?? (() => new Date());
  const keyring = secretKeyringOf(config);
  const prisma = createWebhooksPrisma(config.DATABASE_URL, config.DB_POOL_SIZE, logger);
  const pool = createWebhooksPool(config.DATABASE_URL, config.DB_POOL_SIZE, logger);
  // Intake runs one batch per partition at a time, so a few connections serve it.
  const intakePool = createWebhooksPool(config.DATABASE_URL, Math.min(4, config.DB_POOL_SIZE), logger, "intake");
  const events = createWebhookEventStore(intakePool);
  const sender = createHttpSender({
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    maxResponseBytes: config.WEBHOOK_MAX_RESPONSE_BYTES,
    allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    resolveHost: options.resolveHost,
  });
  const metrics = createMetricsRegistry("webhooks", config);
  const attempts = createCounter(metrics, {
    name: "voxbridge_webhook_attempts_total",
    help: "Webhook HTTP attempts by what they led to: delivered, retry, failed",
    labelNames: ["outcome"],
  });
  // Every outcome's series exists at 0 from the start, so a rate or an alert on it sees the first attempt.
  for (const outcome of ["delivered", "retry", "failed"]) attempts.inc({ outcome }, 0);
  const latency = new Histogram({
    name: "voxbridge_webhook_delivery_latency_seconds",
    help: "From the event's time to its delivery being acknowledged by the receiver (retries included)",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600],
    registers: [metrics],
  });
  new Gauge({
    name: "voxbridge_webhook_oldest_due_delivery_age_seconds",
    help: "How long the oldest delivery a worker could claim has been due (0 when none waits for a worker)",
    registers: [metrics],
    async collect() {
      const age = await oldestClaimableDeliveryAge(pool, clock()).catch(() => undefined);
      if (age !== undefined) this.set(age ?? 0);
    },
  });
  const deliveries = createDeliveryWorker({
    store: createDeliveryStore(pool, keyring),
    sender,
    clock,
    policy: retryPolicyOf(config),
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    maxPayloadBytes: config.WEBHOOK_MAX_PAYLOAD_BYTES,
    concurrency: config.WEBHOOK_CONCURRENCY,
    pollIntervalMs: config.WEBHOOK_POLL_INTERVAL_MS,
    logger,
    onAttempt: (outcome, delivery) => {
      attempts.inc({ outcome });
      if (outcome === "delivered") latency.observe((Date.now() - Date.parse(delivery.event.time)) / 1000);
    },
  });
  const wakeDeliveries = deliveries.wake;
  const checkUrl = destinationCheck({ allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS, resolveHost: options.resolveHost });

  const retention = startRetention({
    pool,
    schema: WEBHOOKS_SCHEMA,
    rules: webhooksRetentionRules(config.RETENTION_DAYS),
    vacuum: WEBHOOKS_VACUUMED_TABLES,
    intervalSeconds: config.RETENTION_INTERVAL_SECONDS,
    logger,
    metrics,
  });

  // Secrets still in plaintext or under a key other than the active one move to it, at start and
  // then hourly, so a key rotation completes without a deploy (docs/secrets.md).
  const reencryption = startPeriodic({
    name: "signing secret re-encryption",
    intervalMs: 3_600_000,
    firstAfterMs: 0,
    logger,
    task: async () => {
      const pass = await reencryptSigningSecrets(pool, keyring, clock());
      if (pass.reencrypted > 0) logger.info({ reencrypted: pass.reencrypted, keyId: keyring.activeKeyId }, "signing secrets re-encrypted");
      if (pass.unreadable > 0)
        logger.error(
          { unreadable: pass.unreadable, problems: pass.problems.slice(0, 20) },
          "signing secrets unreadable with WEBHOOK_SECRET_KEYS",
        );
    },
  });

  // One message or a fetched batch, the same statement.
  const receive = async (batch: ConsumedMessage[]) => {
    const stored = await receiveCallEvents(
      {
        events,
        clock,
        wakeDeliveries,
        onUnmatched: (eventId) => logger.warn({ eventId }, "call.analyzed for a call with no stored event: not delivered"),
      },
      batch.map(({ message }) => decodeEvent(message.value, DeliverableEvent, "call event")),
    );
    logger.debug({ events: batch.length, stored }, "call events received");
  };
  const worker = await startKafkaWorker({
    service: "webhooks",
    groupId: config.WEBHOOKS_GROUP_ID,
    kafka: config,
    port: config.WEBHOOKS_PORT,
    managementPort: config.MANAGEMENT_PORT,
    logger,
    metrics,
    readiness: [{ name: "postgres", check: async () => void (await prisma.$queryRaw`SELECT 1`) }],
    topics: (names) => [names.callEvents],
    // Lifecycle events and call.analyzed: the topic's suppression and conversation-outcome events are the dialer's.
    eventTypes: WebhookEventType.options,
    handle: (consumed) => receive([consumed]),
    handleBatch: receive,
    routes: (app) =>
      app.use(
        internalApi(
          {
            endpoints: createEndpointStore(prisma, keyring),
            log: createDeliveryLog(prisma),
            checkUrl,
            newId: randomUUID,
            newSecret: newSigningSecret,
            orgSecrets: createOrgSecretStore(pool, keyring),
            clock,
            wakeDeliveries,
          },
          { bodyLimit: "64kb", callers: config.INTERNAL_API_TOKENS },
        ),
      ),
    closeStores: [
      { name: "deliveries", run: () => deliveries.stop() },
      { name: "retention", run: () => retention.stop() },
      { name: "secret re-encryption", run: () => reencryption.stop() },
      { name: "http sender", run: () => sender.close() },
      { name: "postgres", run: async () => void (await Promise.all([prisma.$disconnect(), pool.end(), intakePool.end()])) },
    ],
  });
  deliveries.start();
  return { ...worker, logger, deliveries, retention };
}

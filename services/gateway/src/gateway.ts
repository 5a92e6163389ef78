import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { CallEventType, DeliverableEvent, realtimeCallLimitSeconds } from "@voxbridge/contracts";
import {
  AppError,
  type ConsumedMessage,
  closeServer,
  createCounter,
  createHttpApp,
  createKafka,
  createLogger,
  createMetricsRegistry,
  createOutboxRelay,
  createPool,
  createProducer,
  createRedisClient,
  decodeEvent,
  ensureTopics,
  finishHttpApp,
  jsonBody,
  type Logger,
  listen,
  type Retention,
  refuseDestination,
  type ShutdownStep,
  startConsumer,
  startManagementServer,
  startRetention,
  topicNames,
  topicSettings,
} from "@voxbridge/kit";
import { type RequestHandler, Router } from "express";
import { createAgentStore } from "./adapters/agent-store";
import { createApiKeyStore } from "./adapters/api-key-store";
import { createCallEnds } from "./adapters/call-ends";
import { createCallProjection } from "./adapters/call-projection";
import { createCallStore } from "./adapters/call-store";
import { createCalleeTimeZones } from "./adapters/callee-time-zones";
import { createIdempotencyStore } from "./adapters/idempotency-store";
import { createGatewayPrisma, GATEWAY_SCHEMA } from "./adapters/prisma";
import { createQuotaClient } from "./adapters/quota-client";
import { GATEWAY_VACUUMED_TABLES, gatewayRetentionRules } from "./adapters/retention-rules";
import { createSuppressionStore } from "./adapters/suppression-store";
import { createTranscriptStore } from "./adapters/transcript-store";
import { createVoiceClient } from "./adapters/voice-client";
import { createWebhooksClient } from "./adapters/webhooks-client";
import { projectCallEvents } from "./app/project-call-events";
import { type GatewayConfig, voiceServiceOf } from "./config";
import { apiDocument } from "./http/api-document";
import { authenticate } from "./http/authenticate";
import { registerApiDocs } from "./http/openapi";
import { rateLimitPerApiKey } from "./http/rate-limit";
import { registerRoutes } from "./http/routes";

/** JSON bodies up to BODY_LIMIT, and up to BATCH_BODY_LIMIT for a batch of creates; parsed only after authentication. */
function bodyParser(config: GatewayConfig): RequestHandler {
  const [checkStandard, parseStandard] = jsonBody(config.BODY_LIMIT);
  const [checkBatch, parseBatch] = jsonBody(config.BATCH_BODY_LIMIT);
  return (req, res, next) => {
    const [check, parse] = req.method === "POST" && req.path === "/calls/batch" ? [checkBatch, parseBatch] : [checkStandard, parseStandard];
    check?.(req, res, (error?: unknown) => (error ? next(error) : parse?.(req, res, next)));
  };
}

export type RunningGateway = {
  port: number;
  managementPort: number;
  logger: Logger;
  shutdownSteps: ShutdownStep[];
  retention: Retention;
  stop: () => Promise<void>;
};

/** Builds and starts the gateway: the public API, the outbox relay and the call-record projector. */
export async function startGateway(
  config: GatewayConfig,
  logger = createLogger({ service: "gateway", level: config.LOG_LEVEL }),
): Promise<RunningGateway> {
  const metrics = createMetricsRegistry("gateway", config);
  const prisma = createGatewayPrisma(config.DATABASE_URL, config.DB_POOL_SIZE, logger);
  // Each relay (calls, suppressions) needs one connection to LISTEN and one to publish with; the retention pass, a fifth.
  const pool = createPool(config.DATABASE_URL, {
    max: 5,
    applicationName: "gateway-outbox",
    settings: [`search_path=${GATEWAY_SCHEMA}`],
    logger,
  });
  const redis = createRedisClient(config, logger);
  const kafka = createKafka({ clientId: "gateway", settings: config, logger });
  const topics = topicNames(config.KAFKA_TOPIC_PREFIX);
  const admin = kafka.admin();
  const producer = createProducer(kafka, logger);
  const quota = createQuotaClient(config.QUOTA_URL, config.QUOTA_API_TOKEN);
  const webhooks = createWebhooksClient(config.WEBHOOKS_URL, config.WEBHOOKS_API_TOKEN);
  const recordings = createVoiceClient(voiceServiceOf(config));

  // Not awaited: the gateway starts and serves with Redis down (the rate limiter fails open) while
  // ioredis keeps reconnecting.
  redis.connect().catch((error: unknown) => logger.warn({ err: error }, "redis unreachable at start; reconnecting"));
  await admin.connect();
  await ensureTopics(admin, topicSettings(config));
  await producer.connect();
  const relay = createOutboxRelay({
    pool,
    schema: GATEWAY_SCHEMA,
    producer,
    topicFor: (topic) => topics[topic as keyof typeof topics] ?? topic,
    logger,
    metrics,
  });
  await relay.start();
  // Suppressions have an outbox and a topic of their own: no backlog of call events delays one.
  const suppressionRelay = createOutboxRelay({
    pool,
    schema: GATEWAY_SCHEMA,
    table: "suppression_outbox",
    producer,
    topicFor: (topic) => topics[topic as keyof typeof topics] ?? topic,
    logger,
    metrics,
  });
  await suppressionRelay.start();
  const projection = createCallProjection(prisma);
  const suppressions = createSuppressionStore(prisma, topics.suppressions);
  const transcripts = createTranscriptStore(prisma);
  const projectionDeps = { projection, transcripts, suppressions, now: () => new Date(), newId: randomUUID };
  const calls = createCallStore(prisma, topics.callEvents);
  // A cancel of a call not yet dialed waits for the dialer's call.canceled, woken by this projector.
  const callEnds = createCallEnds({ calls, pollIntervalMs: 100 });
  // One message or a fetched batch, the same statement.
  const project = async (batch: ConsumedMessage[]) =>
    callEnds.moved(
      await projectCallEvents(
        projectionDeps,
        batch.map(({ message }) => decodeEvent(message.value, DeliverableEvent, "call event")),
      ),
    );
  const projector = await startConsumer({
    kafka,
    groupId: config.GATEWAY_GROUP_ID,
    topics: [topics.callEvents],
    producer,
    deadLetterTopic: topics.deadLetter,
    logger,
    metrics,
    // `call.queued` is the gateway's own: skipped by header, unparsed (projectCallEvents skips it too).
    eventTypes: [...CallEventType.options.filter((type) => type !== "call.queued"), "call.analyzed"],
    handle: (consumed) => project([consumed]),
    handleBatch: project,
  });

  const keys = createApiKeyStore(prisma, { cacheTtlMs: config.API_KEY_CACHE_TTL_MS });
  // Ready means "can serve its traffic": Postgres holds every record. Kafka (the outbox keeps
  // accepted calls) and Redis (only the rate limiter, which fails open) are diagnosed, never
  // gating: their outage must not take every gateway out of the load balancer.
  const readiness = [{ name: "postgres", check: async () => void (await pool.query("SELECT 1")) }];
  const diagnostics = [
    { name: "redis", check: async () => void (await redis.ping()) },
    { name: "kafka", check: async () => void (await admin.describeCluster()) },
  ];
  const app = createHttpApp({ logger, metrics, readiness });
  registerApiDocs(app, apiDocument());
  // Calls created, by outcome: `created`, or the status the create was refused with (a bounded set).
  const creates = createCounter(metrics, {
    name: "voxbridge_gateway_calls_created_total",
    help: "POST /v1/calls/outbound by outcome",
    labelNames: ["outcome"],
  });
  app.post("/v1/calls/outbound", (_req, res, next) => {
    res.on("finish", () => creates.inc({ outcome: res.statusCode === 201 ? "created" : String(res.statusCode) }));
    next();
  });
  const api = Router();
  api.use(
    "/v1",
    authenticate(keys),
    rateLimitPerApiKey({ redis, limit: config.RATE_LIMIT_PER_WINDOW, windowMs: config.RATE_LIMIT_WINDOW_MS, logger }),
    bodyParser(config),
  );
  registerRoutes(api, {
    calls,
    callEnds,
    cancelWaitMs: config.CANCEL_WAIT_MS,
    agents: createAgentStore(prisma, { cacheTtlMs: config.AGENT_CACHE_TTL_MS }),
    suppressions,
    keys,
    minutes: quota,
    idempotency: createIdempotencyStore(prisma),
    webhooks,
    checkWebhookUrl: async (url) => {
      const refusal = await refuseDestination(url, { allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS });
      if (refusal) throw new AppError("validation_failed", `webhook_url: ${refusal.reason}`, { param: "webhook_url" });
    },
    timeZonesOf: createCalleeTimeZones(),
    liveTelephony: config.TELEPHONY_ADAPTER !== "simulator",
    voiceEngines: config.VOICE_ENGINES,
    realtimeModels: config.OPENAI_REALTIME_MODELS,
    realtimeCallLimitSeconds: realtimeCallLimitSeconds(config.OPENAI_REALTIME_SESSION_SECONDS),
    transcripts,
    recordings,
    now: () => new Date(),
    newId: randomUUID,
  });
  app.use(api);
  finishHttpApp(app, logger);

  const server = await listen(app, config.GATEWAY_PORT);
  const port = (server.address() as AddressInfo).port;
  const management = await startManagementServer({ port: config.MANAGEMENT_PORT, metrics, readiness, diagnostics, logger });
  logger.info({ port }, "gateway listening");

  const retention = startRetention({
    pool,
    schema: GATEWAY_SCHEMA,
    rules: gatewayRetentionRules(config.RETENTION_DAYS, config.TRANSCRIPT_RETENTION_DAYS),
    vacuum: GATEWAY_VACUUMED_TABLES,
    intervalSeconds: config.RETENTION_INTERVAL_SECONDS,
    logger,
    metrics,
  });

  const shutdownSteps: ShutdownStep[] = [
    { name: "http", run: () => closeServer(server) },
    { name: "retention", run: () => retention.stop() },
    { name: "projector", run: () => projector.stop() },
    { name: "outbox relay", run: () => relay.stop() },
    { name: "suppression outbox relay", run: () => suppressionRelay.stop() },
    { name: "kafka", run: async () => void (await Promise.all([producer.disconnect(), admin.disconnect()])) },
    { name: "quota client", run: () => quota.close() },
    { name: "webhooks client", run: () => webhooks.close() },
    { name: "voice client", run: () => recordings.close() },
    { name: "redis", run: async () => void (await redis.quit()) },
    { name: "postgres", run: async () => void (await Promise.all([prisma.$disconnect(), pool.end()])) },
    management.step,
  ];
  return {
    port,
    managementPort: management.port,
    logger,
    shutdownSteps,
    retention,
    stop: async () => {
      for (const step of shutdownSteps) await step.run();
    },
  };
}

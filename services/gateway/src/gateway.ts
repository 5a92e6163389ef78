import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import {
  closeServer,
  createHttpApp,
  createKafka,
  createLogger,
  createMetricsRegistry,
  createOutboxRelay,
  createPool,
  createProducer,
  ensureTopics,
  finishHttpApp,
  jsonBody,
  type Logger,
  listen,
  type ShutdownStep,
  topicNames,
} from "@voxbridge/kit";
import { Router } from "express";
import { createAgentDirectory } from "./adapters/agent-directory";
import { createApiKeyStore } from "./adapters/api-key-store";
import { createCallStore } from "./adapters/call-store";
import { createGatewayPrisma, GATEWAY_SCHEMA } from "./adapters/prisma";
import { createQuotaClient } from "./adapters/quota-client";
import type { GatewayConfig } from "./config";
import { authenticate } from "./http/authenticate";
import { registerCreateOutboundCall } from "./http/routes/create-outbound-call";
import { registerGetCall } from "./http/routes/get-call";

export type RunningGateway = { port: number; logger: Logger; shutdownSteps: ShutdownStep[]; stop: () => Promise<void> };

/** Builds and starts the gateway: HTTP API, outbox relay. Returns its shutdown steps in order. */
export async function startGateway(
  config: GatewayConfig,
  logger = createLogger({ service: "gateway", level: config.LOG_LEVEL }),
): Promise<RunningGateway> {
  const metrics = createMetricsRegistry("gateway");
  const prisma = createGatewayPrisma(config.DATABASE_URL, config.DB_POOL_SIZE);
  const pool = createPool(config.DATABASE_URL, { max: 4, applicationName: "gateway-outbox" });
  const kafka = createKafka({ clientId: "gateway", brokers: config.KAFKA_BROKERS, logger });
  const topics = topicNames(config.KAFKA_TOPIC_PREFIX);
  const admin = kafka.admin();
  const producer = createProducer(kafka);
  const quota = createQuotaClient(config.QUOTA_URL);

  await admin.connect();
  await ensureTopics(admin, config.KAFKA_TOPIC_PREFIX);
  await producer.connect();
  const relay = createOutboxRelay({
    pool,
    schema: GATEWAY_SCHEMA,
    producer,
    topicFor: (topic) => topics[topic as keyof typeof topics],
    logger,
    metrics,
  });
  await relay.start();

  const calls = createCallStore(prisma);
  const keys = createApiKeyStore(prisma, { cacheTtlMs: config.API_KEY_CACHE_TTL_MS });
  const app = createHttpApp({
    logger,
    metrics,
    readiness: [
      { name: "postgres", check: async () => void (await pool.query("SELECT 1")) },
      { name: "kafka", check: async () => void (await admin.describeCluster()) },
    ],
  });
  const api = Router();
  api.use("/v1", authenticate(keys), ...jsonBody(config.BODY_LIMIT));
  registerCreateOutboundCall(api, {
    calls,
    agents: createAgentDirectory(prisma),
    minutes: quota,
    liveTelephony: config.TELEPHONY_ADAPTER !== "simulator",
    now: () => new Date(),
    newId: randomUUID,
  });
  registerGetCall(api, { calls });
  app.use(api);
  finishHttpApp(app, logger);

  const server = await listen(app, config.GATEWAY_PORT);
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, "gateway listening");

  const shutdownSteps: ShutdownStep[] = [
    { name: "http", run: () => closeServer(server) },
    { name: "outbox relay", run: () => relay.stop() },
    { name: "kafka", run: async () => void (await Promise.all([producer.disconnect(), admin.disconnect()])) },
    { name: "quota client", run: () => quota.close() },
    { name: "postgres", run: async () => void (await Promise.all([prisma.$disconnect(), pool.end()])) },
  ];
  return {
    port,
    logger,
    shutdownSteps,
    stop: async () => {
      for (const step of shutdownSteps) await step.run();
    },
  };
}

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import type { Kafka } from "kafkajs";
import type { Registry } from "prom-client";
import { closeServer, createHttpApp, finishHttpApp, listen, type ReadinessCheck, startManagementServer } from "./http/app";
import { createKafka, createProducer, type EventProducer, ensureTopics, type TopicNames, topicNames } from "./kafka/client";
import { type ConsumedMessage, startConsumer } from "./kafka/consumer";
import { type KafkaSettings, topicSettings } from "./kafka/settings";
import type { ShutdownStep } from "./lifecycle";
import type { Logger } from "./logger";

export type KafkaWorkerOptions = {
  service: string;
  groupId: string;
  /** The service's Kafka settings (its config): brokers, TLS, SASL, topics. */
  kafka: KafkaSettings;
  port: number;
  /** Health, readiness and metrics for probes and scrapers (`MANAGEMENT_PORT`). */
  managementPort: number;
  logger: Logger;
  metrics: Registry;
  /** Checks of the stores the worker cannot serve without; Kafka's is added to its diagnostics only. */
  readiness: ReadinessCheck[];
  /** Topics to consume, picked from the deployment's topic names. */
  topics: (names: TopicNames) => string[];
  /** The event types to handle, by `ce_type` header (see `startConsumer`); others are committed unparsed. */
  eventTypes?: readonly string[];
  handle: (message: ConsumedMessage, context: { producer: EventProducer; topics: TopicNames }) => Promise<void>;
  /** A fetched batch at once (see `startConsumer`); `handle` takes over when it throws. */
  handleBatch?: (messages: ConsumedMessage[]) => Promise<void>;
  /** Closes the worker's own stores, after the consumer has finished in-flight work. */
  closeStores: ShutdownStep[];
  /** The service's own HTTP routes, served beside health, readiness and metrics. */
  routes?: (app: Express) => void;
};

export type RunningWorker = {
  port: number;
  /** The service's HTTP server, for protocols that upgrade its connections (the voice service's media WebSocket). */
  server: Server;
  managementPort: number;
  kafka: Kafka;
  producer: EventProducer;
  topics: TopicNames;
  shutdownSteps: ShutdownStep[];
  stop: () => Promise<void>;
};

/**
 * The frame of a Kafka-consuming service: topics ensured, an idempotent producer (dead letters,
 * outbox), a manually committing consumer, an HTTP server for the service's routes, health and
 * readiness, and the management port (health, readiness, metrics).
 */
export async function startKafkaWorker(options: KafkaWorkerOptions): Promise<RunningWorker> {
  const { logger } = options;
  const kafka = createKafka({ clientId: options.service, settings: options.kafka, logger });
  const topics = topicNames(options.kafka.KAFKA_TOPIC_PREFIX);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, topicSettings(options.kafka));
  const producer = createProducer(kafka, logger);
  await producer.connect();
  const consumer = await startConsumer({
    kafka,
    groupId: options.groupId,
    topics: options.topics(topics),
    producer,
    deadLetterTopic: topics.deadLetter,
    logger,
    metrics: options.metrics,
    eventTypes: options.eventTypes,
    handle: (message) => options.handle(message, { producer, topics }),
    handleBatch: options.handleBatch,
  });

  // Kafka is diagnosed, never a reason to be unready: the consumer waits an outage out and the
  // outboxes keep what the service emits, so the service's own HTTP traffic is still served.
  const diagnostics = [{ name: "kafka", check: async () => void (await admin.describeCluster()) }];
  const readiness = options.readiness;
  const app = createHttpApp({ logger, metrics: options.metrics, readiness });
  options.routes?.(app);
  finishHttpApp(app, logger);
  const server = await listen(app, options.port);
  const port = (server.address() as AddressInfo).port;
  const management = await startManagementServer({
    port: options.managementPort,
    metrics: options.metrics,
    readiness,
    diagnostics,
    logger,
  });
  logger.info({ port, groupId: options.groupId }, `${options.service} consuming`);

  const shutdownSteps: ShutdownStep[] = [
    { name: "consumer", run: () => consumer.stop() },
    ...options.closeStores,
    { name: "kafka", run: async () => void (await Promise.all([producer.disconnect(), admin.disconnect()])) },
    { name: "http", run: () => closeServer(server) },
    management.step,
  ];
  return {
    port,
    server,
    managementPort: management.port,
    kafka,
    producer,
    topics,
    shutdownSteps,
    stop: async () => {
      for (const step of shutdownSteps) await step.run();
    },
  };
}

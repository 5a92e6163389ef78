import { readFileSync } from "node:fs";
import { CallEvent, TOPIC_PARTITIONS, TOPICS } from "@voxbridge/contracts";
import type { GenerateAuthTokenFromCredentialOptions } from "aws-msk-iam-sasl-signer-js";
import {
  type Admin,
  type ITopicConfig,
  Kafka,
  type KafkaConfig,
  type logCreator,
  logLevel,
  type Message,
  type OauthbearerProviderResponse,
  Partitioners,
  type Producer,
  type SASLOptions,
} from "kafkajs";
import type { z } from "zod";
import { AppError } from "../errors";
import type { Logger } from "../logger";
import { inSpan } from "../trace";
import { type KafkaAuthentication, type KafkaSettings, kafkaSecurity, type TopicSettings } from "./settings";

const PINO_LEVEL: Record<number, "error" | "warn" | "info" | "debug"> = {
  [logLevel.ERROR]: "error",
  [logLevel.WARN]: "warn",
  [logLevel.INFO]: "info",
  [logLevel.DEBUG]: "debug",
  [logLevel.NOTHING]: "debug",
};

/** Where a client connects: the service's Kafka settings (its config), or, in tests, a plaintext broker list. */
export type KafkaTarget = { settings: KafkaSettings } | { brokers: string[] };

/**
 * A KafkaJS client that logs through the service's pino logger, with the TLS and SASL the settings
 * ask for (docs/managed-infrastructure.md).
 */
export function createKafka(options: { clientId: string; logger: Logger } & KafkaTarget): Kafka {
  const toPino: logCreator =
    () =>
    ({ namespace, level, log }) => {
      const { message, ...extra } = log;
      // KafkaJS reports every reconnect as an error; they are warnings until the retries run out.
      const pinoLevel = level === logLevel.ERROR && /retry|reconnect|Connection/i.test(message) ? "warn" : (PINO_LEVEL[level] ?? "info");
      options.logger[pinoLevel]({ kafka: namespace, ...extra }, message);
    };
  const connection = "settings" in options ? kafkaConnection(options.settings) : { brokers: options.brokers };
  return new Kafka({
    clientId: options.clientId,
    ...connection,
    logLevel: logLevel.WARN,
    logCreator: toPino,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5_000 },
  });
}

/** KafkaJS's connection options for the settings: brokers, TLS (with the CA file read now) and SASL. */
export function kafkaConnection(settings: KafkaSettings): Pick<KafkaConfig, "brokers" | "ssl" | "sasl" | "connectionTimeout"> {
  const { tls, authentication } = kafkaSecurity(settings);
  return {
    brokers: settings.KAFKA_BROKERS,
    connectionTimeout: settings.KAFKA_CONNECTION_TIMEOUT_MS,
    ...(tls === false ? {} : { ssl: tls.caFile ? { ca: [readCaFile("KAFKA_TLS_CA_FILE", tls.caFile)] } : true }),
    ...(authentication.kind === "none" ? {} : { sasl: saslOptions(authentication) }),
  };
}

function saslOptions(authentication: Exclude<KafkaAuthentication, { kind: "none" }>): SASLOptions {
  if (authentication.kind === "password") {
    const { mechanism, username, password } = authentication;
    return { mechanism, username, password };
  }
  return { mechanism: "oauthbearer", oauthBearerProvider: awsMskIamTokenProvider(authentication.region) };
}

/**
 * SASL/OAUTHBEARER for MSK IAM: each (re)authentication signs a fresh token with AWS's signer from the
 * default credential chain (IRSA, instance role, AWS_* variables), or from `credentials` when given.
 * KafkaJS re-authenticates before the broker's session lifetime ends, so tokens (15 min) never lapse.
 */
export function awsMskIamTokenProvider(
  region: string,
  credentials?: GenerateAuthTokenFromCredentialOptions["awsCredentialsProvider"],
): () => Promise<OauthbearerProviderResponse> {
  return async () => {
    // Loaded only when configured: the signer brings the AWS SDK's credential providers.
    const signer = await import("aws-msk-iam-sasl-signer-js");
    const { token } = credentials
      ? await signer.generateAuthTokenFromCredentialsProvider({ region, awsCredentialsProvider: credentials })
      : await signer.generateAuthToken({ region });
    return { value: token };
  };
}

/** A PEM file's text; a missing or unreadable file names its variable. */
export function readCaFile(variable: string, file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`${variable}: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** What the services send with: the part of KafkaJS's producer they use. */
export type EventProducer = Pick<Producer, "connect" | "disconnect" | "send" | "sendBatch">;

/**
 * Errors after which an idempotent producer's id and sequence numbers no longer match the broker's:
 * a broker SIGKILLed and restarted on its data can have lost the tail the producer counted on.
 * KafkaJS keeps the producer id, so every later send fails the same way; only a new id helps.
 */
const PRODUCER_STATE_LOST = new Set(["OUT_OF_ORDER_SEQUENCE_NUMBER", "UNKNOWN_PRODUCER_ID", "INVALID_PRODUCER_EPOCH"]);

/** True when the error, or one it wraps, says the broker no longer knows this producer's sequence. */
export function lostProducerState(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const { type, cause, originalError } = current as { type?: unknown; cause?: unknown; originalError?: unknown };
    if (typeof type === "string" && PRODUCER_STATE_LOST.has(type)) return true;
    current = cause ?? originalError;
  }
  return false;
}

/**
 * Idempotent producer: a retried send never writes a duplicate, and one partition's order holds.
 * When the broker has lost the producer's sequence (above), the failed send still throws (the caller
 * retries it, as after any failed send), and the next one goes through a new KafkaJS producer with a
 * new id. The batch that failed may then be written twice; consumers dedupe by event id.
 */
export function createProducer(kafka: Kafka, logger?: Logger): EventProducer {
  const newProducer = () =>
    kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      // Idempotence holds only while KafkaJS retries a batch itself, with its sequence numbers: a
      // producer that gives up hands the batch back, and the caller's retry is a new batch the broker
      // cannot recognize as a duplicate. So a send retries until the broker takes it (what KafkaJS
      // requires of an idempotent producer, and warns about otherwise); through an outage, it waits.
      retry: { initialRetryTime: 100, maxRetryTime: 5_000, retries: Number.MAX_SAFE_INTEGER },
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  let current = newProducer();
  let connected = false;
  // A replacement whose connect failed (the broker away again) connects before the next send.
  let unconnected = false;
  const connectReplacement = async () => {
    await current.connect();
    unconnected = false;
  };
  let replacing: Promise<void> | null = null;
  const replace = async (failed: Producer) => {
    if (current !== failed || !connected) return;
    logger?.warn("the Kafka broker lost this producer's sequence numbers; starting a new producer");
    current = newProducer();
    unconnected = true;
    await failed.disconnect().catch(() => undefined);
    await connectReplacement();
  };
  const sending =
    <A extends unknown[], R>(send: (producer: Producer, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      // The hot path awaits nothing extra: only a send during a replacement waits for it.
      if (replacing !== null) await replacing.catch(() => undefined);
      if (unconnected && connected) await connectReplacement();
      const producer = current;
      try {
        return await send(producer, ...args);
      } catch (error) {
        if (lostProducerState(error)) {
          replacing ??= replace(producer).finally(() => {
            replacing = null;
          });
          await replacing.catch(() => undefined);
        }
        throw error;
      }
    };
  return {
    connect: async () => {
      await current.connect();
      connected = true;
    },
    disconnect: async () => {
      connected = false;
      await replacing?.catch(() => undefined);
      await current.disconnect();
    },
    send: sending((producer, record: Parameters<Producer["send"]>[0]) =>
      inPublishSpan([{ topic: record.topic, messages: record.messages }], () => producer.send(record)),
    ),
    sendBatch: sending((producer, batch: Parameters<Producer["sendBatch"]>[0]) =>
      inPublishSpan(batch.topicMessages ?? [], () => producer.sendBatch(batch)),
    ),
  };
}

/**
 * A producer span around one send, until the broker acknowledged it: a child of the messages' trace
 * when they carry one and the same (`traceparent` header), else of the span in progress, with a link
 * to each message's trace (an outbox relay's batch holds the events of many calls). The messages'
 * headers are left as they are: they carry the trace of the event, as its CloudEvents attribute does.
 */
function inPublishSpan<R>(topicMessages: readonly { topic: string; messages: readonly Message[] }[], send: () => Promise<R>): Promise<R> {
  const parents = new Set<string | null>();
  for (const { messages } of topicMessages)
    for (const { headers } of messages) {
      const header = headers?.traceparent;
      parents.add(typeof header === "string" ? header : Buffer.isBuffer(header) ? header.toString() : null);
    }
  const [only] = parents;
  const topics = [...new Set(topicMessages.map(({ topic }) => topic))];
  return inSpan(
    `send ${topics.join(",")}`,
    {
      kind: "producer",
      ...(parents.size === 1 && only ? { parent: only } : { links: [...parents] }),
      attributes: {
        "messaging.system": "kafka",
        "messaging.operation.type": "send",
        "messaging.batch.message_count": topicMessages.reduce((sum, { messages }) => sum + messages.length, 0),
        ...(topics.length === 1 && topics[0] ? { "messaging.destination.name": topics[0] } : {}),
      },
    },
    send,
  );
}

/** Topic names with the deployment's prefix (empty in production). */
export const topicNames = (prefix: string) => ({
  callEvents: `${prefix}${TOPICS.callEvents}`,
  suppressions: `${prefix}${TOPICS.suppressions}`,
  deadLetter: `${prefix}${TOPICS.deadLetter}`,
});
export type TopicNames = ReturnType<typeof topicNames>;

/**
 * Creates the platform's topics with their documented partition counts, the configured replication
 * factor (or the broker's default) and explicit retention; existing topics are left alone. With
 * creation off (topics provisioned elsewhere), only checks that they exist. Several services start
 * at once, so see createTopicsAndWait.
 */
export async function ensureTopics(admin: Admin, settings: TopicSettings, timeoutMs = 30_000): Promise<void> {
  const names = topicNames(settings.prefix);
  const configsOf: Record<string, Record<string, string>> = {
    [names.callEvents]: settings.configs.callEvents,
    [names.suppressions]: settings.configs.suppressions,
    [names.deadLetter]: settings.configs.deadLetter,
  };
  const wanted = Object.entries(TOPIC_PARTITIONS).map(([topic, numPartitions]) => {
    const name = `${settings.prefix}${topic}`;
    return {
      topic: name,
      numPartitions,
      replicationFactor: settings.replicationFactor,
      configEntries: Object.entries(configsOf[name] ?? {}).map(([configName, value]) => ({ name: configName, value })),
    };
  });
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter(({ topic }) => !existing.has(topic));
  if (!settings.create && missing.length > 0) {
    throw new Error(
      `Kafka topics ${missing.map(({ topic }) => topic).join(", ")} do not exist and KAFKA_CREATE_TOPICS=false: provision them first (docs/managed-infrastructure.md)`,
    );
  }
  await createTopicsAndWait(admin, missing, timeoutMs);
  await waitForLeaders(
    admin,
    wanted.map(({ topic }) => topic),
    timeoutMs,
  );
}

/**
 * Creates topics and waits until every partition has a leader. A create that loses a race to
 * another instance is not an error. KafkaJS's own waitForLeaders is not used: it fails when Kafka 4
 * briefly answers UNKNOWN_TOPIC_OR_PARTITION for a topic it has just created.
 */
export async function createTopicsAndWait(admin: Admin, topics: ITopicConfig[], timeoutMs = 30_000): Promise<void> {
  if (topics.length === 0) return;
  try {
    await admin.createTopics({ topics, waitForLeaders: false });
  } catch (error) {
    if (!onlyAlreadyExists(error)) throw error;
  }
  await waitForLeaders(
    admin,
    topics.map(({ topic }) => topic),
    timeoutMs,
  );
}

async function waitForLeaders(admin: Admin, names: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      if (topics.every((topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0))) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics ${names.join(", ")} have no leader after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** True when every failure of a createTopics call was "topic already exists". */
function onlyAlreadyExists(error: unknown): boolean {
  const { type, errors } = error as { type?: string; errors?: { type?: string }[] };
  if (type === "TOPIC_ALREADY_EXISTS") return true;
  return Array.isArray(errors) && errors.length > 0 && errors.every((inner) => inner.type === "TOPIC_ALREADY_EXISTS");
}

/** Parses one Kafka message value as a call lifecycle CloudEvent; a bad one is not retryable (dead letter). */
export function decodeCallEvent(value: Buffer | null): CallEvent {
  return decodeEvent(value, CallEvent, "call event");
}

/** Parses one Kafka message value with `schema` (`what` names it in errors); an empty, non-JSON or invalid one is not retryable (dead letter). */
export function decodeEvent<T>(value: Buffer | null, schema: z.ZodType<T>, what: string): T {
  if (!value) throw new AppError("validation_failed", "empty message", { retryable: false });
  let json: unknown;
  try {
    json = JSON.parse(value.toString("utf8"));
  } catch {
    throw new AppError("malformed_json", "message is not JSON", { retryable: false });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new AppError("validation_failed", `not a ${what}: ${parsed.error.issues[0]?.message ?? "invalid"}`, {
      retryable: false,
      context: { issues: parsed.error.issues.slice(0, 5) },
    });
  }
  return parsed.data;
}

/** Encodes an event in CloudEvents' Kafka structured mode. */
export function encodeCallEvent(event: CallEvent): { key: string; value: string; headers: Record<string, string> } {
  return { key: event.subject, value: JSON.stringify(event), headers: { "content-type": "application/cloudevents+json" } };
}

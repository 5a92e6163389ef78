import { CallEvent, TOPIC_PARTITIONS, TOPICS } from "@voxbridge/contracts";
import { type Admin, type ITopicConfig, Kafka, type logCreator, logLevel, Partitioners, type Producer } from "kafkajs";
import type { z } from "zod";
import { AppError } from "../errors";
import type { Logger } from "../logger";

const PINO_LEVEL: Record<number, "error" | "warn" | "info" | "debug"> = {
  [logLevel.ERROR]: "error",
  [logLevel.WARN]: "warn",
  [logLevel.INFO]: "info",
  [logLevel.DEBUG]: "debug",
  [logLevel.NOTHING]: "debug",
};

/** A KafkaJS client that logs through the service's pino logger. */
export function createKafka(options: { clientId: string; brokers: string[]; logger: Logger }): Kafka {
  const toPino: logCreator =
    () =>
    ({ namespace, level, log }) => {
      const { message, ...extra } = log;
      // KafkaJS reports every reconnect as an error; they are warnings until the retries run out.
      const pinoLevel = level === logLevel.ERROR && /retry|reconnect|Connection/i.test(message) ? "warn" : (PINO_LEVEL[level] ?? "info");
      options.logger[pinoLevel]({ kafka: namespace, ...extra }, message);
    };
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator: toPino,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5_000 },
  });
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
    send: sending((producer, record: Parameters<Producer["send"]>[0]) => producer.send(record)),
    sendBatch: sending((producer, batch: Parameters<Producer["sendBatch"]>[0]) => producer.sendBatch(batch)),
  };
}

/** Topic names with the deployment's prefix (empty in production). */
export const topicNames = (prefix: string) => ({
  callEvents: `${prefix}${TOPICS.callEvents}`,
  deadLetter: `${prefix}${TOPICS.deadLetter}`,
});
export type TopicNames = ReturnType<typeof topicNames>;

/**
 * Creates the platform's topics with their documented partition counts; existing topics are left
 * alone. Several services start at once, so see createTopicsAndWait.
 */
export async function ensureTopics(admin: Admin, prefix: string, timeoutMs = 30_000): Promise<void> {
  const wanted = Object.entries(TOPIC_PARTITIONS).map(([topic, numPartitions]) => ({
    topic: `${prefix}${topic}`,
    numPartitions,
    replicationFactor: 1,
  }));
  const existing = new Set(await admin.listTopics());
  await createTopicsAndWait(
    admin,
    wanted.filter(({ topic }) => !existing.has(topic)),
    timeoutMs,
  );
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

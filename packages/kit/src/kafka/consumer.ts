import type { Consumer, IHeaders, Kafka, KafkaMessage } from "kafkajs";
import { Counter, Gauge, type Registry } from "prom-client";
import { isConnectivityError } from "../connectivity";
import { AppError, isAppError } from "../errors";
import type { Logger } from "../logger";
import { inSpan } from "../trace";
import type { EventProducer } from "./client";
import { EVENT_TYPE_HEADER } from "./headers";
import { runSupervised } from "./supervised-run";

export type ConsumedMessage = { topic: string; partition: number; message: KafkaMessage };

export type ConsumerOptions = {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  /** Does the work for one message; resolves only when the work is durable. Throws AppError to choose retry or dead letter. */
  handle: (consumed: ConsumedMessage) => Promise<void>;
  /**
   * Does the work for all of a fetched batch's messages at once (one statement per kind of write),
   * in their order; resolves only when all of it is durable. Optional. When it throws, the batch is
   * handled again message by message with `handle`, with its retries and dead letters, so `handle`
   * must accept what a failed batch may already have done (handlers are idempotent anyway).
   */
  handleBatch?: (consumed: ConsumedMessage[]) => Promise<void>;
  producer: EventProducer;
  deadLetterTopic: string;
  logger: Logger;
  /** Attempts for a retryable failure before the message is dead-lettered (dependency outages retry without limit). */
  maxAttempts?: number;
  retryBaseMs?: number;
  /**
   * Partitions worked at once; order is kept within each. Default: 4, or with `handleBatch` 32, so
   * that every partition of a fetch is in one `handleBatch` call.
   */
  concurrency?: number;
  /** Where `voxbridge_kafka_consumer_lag` and `voxbridge_kafka_dead_letters_total` go (the service's registry). */
  metrics: Registry;
  /**
   * The event types `handle` wants, read from each message's `ce_type` header before anything is
   * parsed: a message of another type is committed without being handled. A message without the
   * header (published before the header existed) is handled. Unset: every message.
   */
  eventTypes?: readonly string[];
};

export type RunningConsumer = { consumer: Consumer; stop: () => Promise<void> };

/**
 * Consumes with manual commits: an offset is committed only after `handle` finished (or the message
 * was dead-lettered), so a crash redelivers rather than loses. Handlers must be idempotent.
 */
export async function startConsumer(options: ConsumerOptions): Promise<RunningConsumer> {
  const { kafka, groupId, logger, producer } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryBaseMs = options.retryBaseMs ?? 200;
  let stopping = false;
  const wanted = options.eventTypes ? new Set(options.eventTypes) : null;
  const skipped = (message: KafkaMessage) => {
    const type = message.headers?.[EVENT_TYPE_HEADER];
    return wanted !== null && type !== undefined && !Array.isArray(type) && !wanted.has(type.toString());
  };
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    // An idle fetch returns after 1 s (KafkaJS's default is 5 s), which is also how long stop() can wait for it.
    maxWaitTimeInMs: 1_000,
    allowAutoTopicCreation: false,
  });
  // Labels are the group, topic and partition: bounded by the topics' partition counts. A second
  // consumer of the same service (another group) shares the series, told apart by `group`.
  const registered = <M>(name: string, create: () => M): M => (options.metrics.getSingleMetric(name) as M | undefined) ?? create();
  const lag = registered(
    "voxbridge_kafka_consumer_lag",
    () =>
      new Gauge({
        name: "voxbridge_kafka_consumer_lag",
        help: "Messages behind the partition's high watermark after the last batch this instance handled",
        labelNames: ["group", "topic", "partition"] as const,
        registers: [options.metrics],
      }),
  );
  const deadLetters = registered(
    "voxbridge_kafka_dead_letters_total",
    () =>
      new Counter({
        name: "voxbridge_kafka_dead_letters_total",
        help: "Messages sent to the dead-letter topic, by the topic they came from",
        labelNames: ["group", "topic"] as const,
        registers: [options.metrics],
      }),
  );
  const restarts = registered(
    "voxbridge_kafka_consumer_restarts_total",
    () =>
      new Counter({
        name: "voxbridge_kafka_consumer_restarts_total",
        help: "Times this instance restarted a consumer KafkaJS had given up on (a crash it does not restart itself)",
        labelNames: ["group"] as const,
        registers: [options.metrics],
      }),
  );
  // Series exist at 0 from the start, so an alert on their increase sees the first dead letter.
  for (const topic of options.topics) deadLetters.inc({ group: groupId, topic }, 0);
  restarts.inc({ group: groupId }, 0);
  await consumer.connect();
  for (const topic of options.topics) await whileRetriable(() => consumer.subscribe({ topic, fromBeginning: true }));

  const deadLetter = async (consumed: ConsumedMessage, error: AppError) => {
    const headers: IHeaders = {
      ...consumed.message.headers,
      "x-dead-letter-group": groupId,
      "x-dead-letter-topic": consumed.topic,
      "x-dead-letter-partition": String(consumed.partition),
      "x-dead-letter-offset": consumed.message.offset,
      "x-dead-letter-code": error.code,
      "x-dead-letter-reason": error.message.slice(0, 500),
    };
    await producer.send({
      topic: options.deadLetterTopic,
      messages: [{ key: consumed.message.key, value: consumed.message.value, headers }],
    });
    deadLetters.inc({ group: groupId, topic: consumed.topic });
    logger.warn(
      {
        groupId,
        topic: consumed.topic,
        partition: consumed.partition,
        offset: consumed.message.offset,
        code: error.code,
        reason: error.message,
      },
      "message dead-lettered",
    );
  };

  /** Handles one message until it is done or dead-lettered; throws only when stopping mid-retry. */
  const process = async (consumed: ConsumedMessage, heartbeat: () => Promise<void>) => {
    for (let attempt = 1; ; attempt++) {
      try {
        // Handled in a span of the trace the event carries (the `traceparent` header): its queries,
        // requests, events and log lines are in the call's trace.
        await inSpan(
          `process ${consumed.topic}`,
          {
            kind: "consumer",
            // Without a header, a trace of its own, never that of whatever ran the consumer.
            parent: traceparentOf(consumed.message) ?? null,
            attributes: { ...messagingAttributes(consumed), "messaging.consumer.group.name": groupId, "voxbridge.attempt": attempt },
          },
          () => options.handle(consumed),
        );
        return;
      } catch (thrown) {
        // A store that cannot be reached is an outage, waited out however long it lasts, never a reason to
        // dead-letter (a Postgres restart would otherwise cost every message in flight).
        const error = isAppError(thrown)
          ? thrown
          : new AppError(isConnectivityError(thrown) ? "dependency_unavailable" : "internal", errorMessage(thrown), {
              retryable: true,
              cause: thrown,
            });
        const unlimited = error.code === "dependency_unavailable";
        if (!error.retryable || (!unlimited && attempt >= maxAttempts)) {
          await deadLetter(consumed, error);
          return;
        }
        // Not committing on the way out: the message is redelivered to whoever owns the partition next.
        if (stopping) throw error;
        const delay = Math.min(retryBaseMs * 2 ** (attempt - 1), 10_000);
        logger.warn(
          {
            groupId,
            topic: consumed.topic,
            partition: consumed.partition,
            offset: consumed.message.offset,
            attempt,
            delay,
            code: error.code,
            err: error.cause ?? error,
          },
          "message handling failed; retrying",
        );
        await sleep(delay);
        await heartbeat();
      }
    }
  };

  /** One offset commit for partitions whose messages are all done, and their lag. */
  const commit = async (done: readonly Omit<FetchedPartition, "wanted">[]) => {
    if (done.length === 0) return;
    await consumer.commitOffsets(done.map(({ topic, partition, next }) => ({ topic, partition, offset: next })));
    for (const { topic, partition, next, highWatermark } of done) {
      lag.set({ group: groupId, topic, partition: String(partition) }, Number(BigInt(highWatermark) - BigInt(next)));
    }
  };

  /**
   * The batch path for the partitions of one fetch: their wanted messages in one `handleBatch`
   * call, then one offset commit for all of them. Answers the partitions to handle on their own,
   * message by message (all of them when `handleBatch` failed).
   */
  const processGathered = async (
    handleBatch: (consumed: ConsumedMessage[]) => Promise<void>,
    gathered: readonly FetchedPartition[],
  ): Promise<ReadonlySet<FetchedPartition>> => {
    const withWork = gathered.filter((fetched) => fetched.wanted.length > 0);
    const messages = withWork.flatMap(({ topic, partition, wanted }) => wanted.map((message) => ({ topic, partition, message })));
    let alone = new Set<FetchedPartition>();
    // One message gains nothing from the batch path, and loses its retries.
    if (messages.length < 2 || stopping) alone = new Set(withWork);
    else {
      try {
        // One span for messages of many calls: it is a child of their trace when they share one, else
        // a trace of its own with a link to each message's.
        const parents = new Set(messages.map(({ message }) => traceparentOf(message) ?? null));
        const [only] = parents;
        await inSpan(
          `process ${[...new Set(messages.map(({ topic }) => topic))].join(",")}`,
          {
            kind: "consumer",
            parent: parents.size === 1 ? only : null,
            ...(parents.size > 1 ? { links: [...parents] } : {}),
            attributes: {
              "messaging.system": "kafka",
              "messaging.consumer.group.name": groupId,
              "messaging.batch.message_count": messages.length,
            },
          },
          () => handleBatch(messages),
        );
      } catch (thrown) {
        logger.warn(
          { groupId, partitions: withWork.length, messages: messages.length, err: thrown },
          "batch handling failed; handling its messages one by one",
        );
        alone = new Set(withWork);
      }
    }
    await commit(gathered.filter((fetched) => !alone.has(fetched)));
    return alone;
  };
  const { handleBatch } = options;
  const gather = handleBatch ? gatherFetch((gathered) => processGathered(handleBatch, gathered)) : null;

  const supervised = await runSupervised({
    consumer,
    groupId,
    logger,
    restarts,
    isStopping: () => stopping,
    config: {
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.concurrency ?? (options.handleBatch ? 32 : 4),
      // Per batch: with handleBatch, the partitions of a fetch together, committed together; else (or
      // when that failed) messages in order, each done before the next, and one offset commit for all
      // that are done (also when stopping or failing midway), so a crash redelivers only unfinished work.
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        const last = batch.messages.at(-1);
        if (gather && last) {
          const { topic, partition, highWatermark } = batch;
          const wanted = batch.messages.filter((message) => !skipped(message));
          if ((await gather({ topic, partition, highWatermark, wanted, next: offsetAfter(last.offset) })) === "done") {
            resolveOffset(last.offset);
            return;
          }
        }
        let next: string | undefined;
        try {
          for (const message of batch.messages) {
            if (!isRunning() || isStale()) break;
            if (!skipped(message)) await process({ topic: batch.topic, partition: batch.partition, message }, heartbeat);
            resolveOffset(message.offset);
            next = offsetAfter(message.offset);
          }
        } finally {
          if (next !== undefined)
            await commit([{ topic: batch.topic, partition: batch.partition, highWatermark: batch.highWatermark, next }]);
        }
      },
    },
  });

  return {
    consumer,
    stop: async () => {
      stopping = true;
      await supervised.stop();
      // KafkaJS waits for the in-flight eachMessage calls before leaving the group.
      await consumer.disconnect();
    },
  };
}

/** One partition's part of a fetch: the messages to handle (the others are skipped by type), and the offset to commit after them. */
type FetchedPartition = { topic: string; partition: number; highWatermark: string; wanted: KafkaMessage[]; next: string };

/**
 * KafkaJS hands each partition of a fetch to its own eachBatch call, all started in the same turn
 * of the event loop (up to `partitionsConsumedConcurrently` at once). This gathers the calls that
 * arrive before the loop turns and runs them as one: one statement per kind of write and one offset
 * commit per fetch, rather than per partition. Each caller learns whether its partition was done
 * or is to be handled on its own; a failed commit rejects every caller, as it would have alone.
 */
export function gatherFetch(
  run: (gathered: readonly FetchedPartition[]) => Promise<ReadonlySet<FetchedPartition>>,
): (fetched: FetchedPartition) => Promise<"done" | "alone"> {
  let waiting: { fetched: FetchedPartition; settle: (outcome: Promise<"done" | "alone">) => void }[] = [];
  const flush = () => {
    const taken = waiting;
    waiting = [];
    const ran = run(taken.map(({ fetched }) => fetched));
    for (const { fetched, settle } of taken) settle(ran.then((alone) => (alone.has(fetched) ? "alone" : "done")));
  };
  return (fetched) =>
    new Promise((resolve) => {
      if (waiting.length === 0) setImmediate(flush);
      waiting.push({ fetched, settle: resolve });
    });
}

/** The trace a message carries (its `traceparent` header), if any. */
const traceparentOf = (message: KafkaMessage): string | undefined => {
  const header = message.headers?.traceparent;
  return header === undefined || Array.isArray(header) ? undefined : header.toString();
};

/** OpenTelemetry's messaging attributes for one consumed message. */
const messagingAttributes = ({ topic, partition, message }: ConsumedMessage) => ({
  "messaging.system": "kafka",
  "messaging.destination.name": topic,
  "messaging.destination.partition.id": String(partition),
  "messaging.kafka.offset": Number(message.offset),
});

/** The offset to commit once `offset` is done: the next one to read. */
const offsetAfter = (offset: string) => (BigInt(offset) + 1n).toString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries a Kafka call while it fails with an error KafkaJS marks retriable. A KRaft broker can
 * answer UNKNOWN_TOPIC_OR_PARTITION for a moment after a topic's leaders are already known, and a
 * service starting then must wait, not crash.
 */
async function whileRetriable<T>(work: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if ((error as { retriable?: boolean }).retriable !== true || Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

import { randomBytes } from "node:crypto";
import type { Admin, Consumer, IHeaders, Kafka } from "kafkajs";
import { Counter, Registry } from "prom-client";
import { testKafkaBrokers } from "../../../../tests/support/env";
import { eventually } from "../../../../tests/support/eventually";
import { AppError } from "../errors";
import { createLogger } from "../logger";
import { createKafka, createProducer, createTopicsAndWait, decodeCallEvent, type EventProducer } from "./client";
import { type ConsumedMessage, type ConsumerOptions, type RunningConsumer, startConsumer } from "./consumer";
import { runSupervised } from "./supervised-run";

type Seen = { offset: string; key: string | null; value: string | null; headers: Record<string, string> };

const silent = createLogger({ service: "consumer-test", level: "silent" });
let kafka: Kafka;
let admin: Admin;
let producer: EventProducer;
const scratchTopics: string[] = [];
/** Consumers still running when their test ends; stopped together in afterAll (each stop waits out a fetch). */
const running: RunningConsumer[] = [];
const readers: Consumer[] = [];

beforeAll(async () => {
  kafka = createKafka({ clientId: "consumer-test", brokers: testKafkaBrokers(), logger: silent });
  admin = kafka.admin();
  await admin.connect();
  producer = createProducer(kafka);
  await producer.connect();
});

afterAll(async () => {
  await Promise.all([...running.map((consumer) => consumer.stop()), ...readers.map((reader) => reader.disconnect())]);
  await producer?.disconnect();
  if (scratchTopics.length > 0) await admin?.deleteTopics({ topics: scratchTopics, timeout: 10_000 });
  await admin?.disconnect();
});

/** A main topic (one partition unless asked) and its dead-letter topic, plus a fresh consumer group id. */
async function scratch(partitions = 1): Promise<{ main: string; dead: string; groupId: string }> {
  const id = randomBytes(5).toString("hex");
  const main = `test-consumer-${id}`;
  const dead = `test-consumer-${id}.dead-letter`;
  scratchTopics.push(main, dead);
  await createTopicsAndWait(
    admin,
    [main, dead].map((topic) => ({ topic, numPartitions: topic === main ? partitions : 1, replicationFactor: 1 })),
  );
  return { main, dead, groupId: `test-consumer-group-${id}` };
}

async function start(options: Pick<ConsumerOptions, "groupId" | "topics" | "handle" | "deadLetterTopic"> & Partial<ConsumerOptions>) {
  const consumer = await startConsumer({
    kafka,
    producer,
    logger: silent,
    maxAttempts: 3,
    retryBaseMs: 5,
    metrics: new Registry(),
    ...options,
  });
  running.push(consumer);
  return consumer;
}

/** Produces one message and returns its offset. */
async function send(topic: string, message: { key: string | null; value: string | null; headers?: IHeaders }): Promise<string> {
  const [metadata] = await producer.send({ topic, messages: [message], acks: -1 });
  if (!metadata?.baseOffset) throw new Error("no offset from the broker");
  return metadata.baseOffset;
}

/** The group's committed offset on a partition, 0 unless named ("-1" when nothing is committed). */
async function committed(groupId: string, topic: string, partition = 0): Promise<string | undefined> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return offsets?.partitions.find((p) => p.partition === partition)?.offset;
}

const next = (offset: string) => (BigInt(offset) + 1n).toString();

const toSeen = ({ message }: ConsumedMessage): Seen => ({
  offset: message.offset,
  key: message.key?.toString() ?? null,
  value: message.value?.toString() ?? null,
  headers: headerStrings(message.headers),
});

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name] = value.toString();
  return out;
}

/** Reads the dead-letter topic from the beginning in its own group. */
async function readDeadLetters(topic: string): Promise<Seen[]> {
  const reader = kafka.consumer({ groupId: `test-dead-letter-reader-${randomBytes(5).toString("hex")}`, maxWaitTimeInMs: 100 });
  readers.push(reader);
  const seen: Seen[] = [];
  await reader.connect();
  await reader.subscribe({ topic, fromBeginning: true });
  await reader.run({ eachMessage: async (consumed) => void seen.push(toSeen(consumed)) });
  return seen;
}

const deadLetterCount = async (topic: string) => {
  const [partition] = await admin.fetchTopicOffsets(topic);
  return Number(partition?.high ?? "0");
};

describe("startConsumer", () => {
  it("commits the offset once the handler succeeds, so the group's next consumer does not see the message again", async () => {
    const { main, dead, groupId } = await scratch();
    const firstSeen: Seen[] = [];
    const first = await start({
      groupId,
      topics: [main],
      deadLetterTopic: dead,
      handle: async (consumed) => void firstSeen.push(toSeen(consumed)),
    });

    const offset = await send(main, { key: "call-1", value: "first" });
    await eventually("the first message handled", async () => firstSeen.length > 0);
    await eventually("its offset committed", async () => (await committed(groupId, main)) === next(offset));
    await first.stop();

    const secondSeen: Seen[] = [];
    await start({ groupId, topics: [main], deadLetterTopic: dead, handle: async (consumed) => void secondSeen.push(toSeen(consumed)) });
    const secondOffset = await send(main, { key: "call-2", value: "second" });
    await eventually("the second message handled by the new consumer", async () => secondSeen.length > 0);
    await eventually("its offset committed", async () => (await committed(groupId, main)) === next(secondOffset));

    expect(firstSeen.map((s) => s.value)).toEqual(["first"]);
    expect(secondSeen.map((s) => s.value)).toEqual(["second"]);
    expect(await deadLetterCount(dead)).toBe(0);
  });

  it("dead-letters a non-retryable AppError at once, with the original key, value and headers plus the dead-letter headers, and commits", async () => {
    const { main, dead, groupId } = await scratch();
    let attempts = 0;
    const metrics = new Registry();
    await start({
      groupId,
      topics: [main],
      deadLetterTopic: dead,
      metrics,
      handle: async () => {
        attempts++;
        throw new AppError("validation_failed", "call id is not a uuid", { retryable: false });
      },
    });
    const deadLetters = await readDeadLetters(dead);

    const offset = await send(main, { key: "call-7", value: '{"hello":"world"}', headers: { traceparent: "00-trace-01" } });
    const [deadLetter] = await eventually("the dead letter", async () => deadLetters.length > 0 && deadLetters);
    await eventually("the offset committed", async () => (await committed(groupId, main)) === next(offset));

    expect(deadLetter).toMatchObject({ key: "call-7", value: '{"hello":"world"}' });
    expect(deadLetter?.headers).toEqual({
      traceparent: "00-trace-01",
      "x-dead-letter-group": groupId,
      "x-dead-letter-topic": main,
      "x-dead-letter-partition": "0",
      "x-dead-letter-offset": offset,
      "x-dead-letter-code": "validation_failed",
      "x-dead-letter-reason": "call id is not a uuid",
    });
    expect(attempts).toBe(1);
    expect(deadLetters).toHaveLength(1);
    // Counted, and the partition is caught up.
    const text = await metrics.metrics();
    expect(text).toContain(`voxbridge_kafka_dead_letters_total{group="${groupId}",topic="${main}"} 1`);
    expect(text).toContain(`voxbridge_kafka_consumer_lag{group="${groupId}",topic="${main}",partition="0"} 0`);
  });

  it("retries a retryable failure and handles the message once when the third attempt succeeds, without dead-lettering", async () => {
    const { main, dead, groupId } = await scratch();
    let attempts = 0;
    const handled: Seen[] = [];
    await start({
      groupId,
      topics: [main],
      deadLetterTopic: dead,
      maxAttempts: 3,
      handle: async (consumed) => {
        attempts++;
        if (attempts < 3) throw new AppError("conflict", "row locked by another writer", { retryable: true });
        handled.push(toSeen(consumed));
      },
    });

    const offset = await send(main, { key: "call-3", value: "eventually fine" });
    await eventually("the offset committed", async () => (await committed(groupId, main)) === next(offset));

    expect(attempts).toBe(3);
    expect(handled.map((s) => s.value)).toEqual(["eventually fine"]);
    expect(await deadLetterCount(dead)).toBe(0);
  });

  it("dead-letters a retryable failure after maxAttempts attempts, then goes on with the next message", async () => {
    const { main, dead, groupId } = await scratch();
    const attempts = new Map<string, number>();
    await start({
      groupId,
      topics: [main],
      deadLetterTopic: dead,
      maxAttempts: 3,
      handle: async ({ message }) => {
        const value = message.value?.toString() ?? "";
        attempts.set(value, (attempts.get(value) ?? 0) + 1);
        if (value === "poison") throw new Error("downstream answered 502");
      },
    });
    const deadLetters = await readDeadLetters(dead);

    const poison = await send(main, { key: "call-4", value: "poison" });
    const fine = await send(main, { key: "call-5", value: "fine" });
    await eventually("both offsets committed", async () => (await committed(groupId, main)) === next(fine));
    const [deadLetter] = await eventually("the dead letter", async () => deadLetters.length > 0 && deadLetters);

    expect(attempts.get("poison")).toBe(3);
    expect(attempts.get("fine")).toBe(1);
    expect(deadLetter).toMatchObject({ key: "call-4", value: "poison" });
    expect(deadLetter?.headers).toMatchObject({
      "x-dead-letter-offset": poison,
      "x-dead-letter-code": "internal",
      "x-dead-letter-reason": "downstream answered 502",
    });
    expect(await deadLetterCount(dead)).toBe(1);
  });

  it("keeps retrying dependency_unavailable beyond maxAttempts instead of dead-lettering", async () => {
    const { main, dead, groupId } = await scratch();
    let attempts = 0;
    await start({
      groupId,
      topics: [main],
      deadLetterTopic: dead,
      maxAttempts: 2,
      handle: async () => {
        attempts++;
        if (attempts <= 4) throw new AppError("dependency_unavailable", "postgres is restarting");
      },
    });

    const offset = await send(main, { key: "call-6", value: "outage" });
    await eventually("the offset committed", async () => (await committed(groupId, main)) === next(offset));

    expect(attempts).toBe(5);
    expect(await deadLetterCount(dead)).toBe(0);
  });

  it("dead-letters messages decodeCallEvent cannot read: not JSON, not a call event, and empty", async () => {
    const { main, dead, groupId } = await scratch();
    let attempts = 0;
    await start({
      groupId,
      topics: [main],
      deadLetterTopic: dead,
      handle: async ({ message }) => {
        attempts++;
        decodeCallEvent(message.value);
      },
    });
    const deadLetters = await readDeadLetters(dead);

    await send(main, { key: "garbage-1", value: "not json {" });
    await send(main, { key: "garbage-2", value: JSON.stringify({ type: "call.queued", id: "nope" }) });
    const last = await send(main, { key: "garbage-3", value: null });
    await eventually("three dead letters", async () => deadLetters.length >= 3);
    await eventually("the offsets committed", async () => (await committed(groupId, main)) === next(last));

    expect(deadLetters.map((s) => [s.key, s.value, s.headers["x-dead-letter-code"]])).toEqual([
      ["garbage-1", "not json {", "malformed_json"],
      ["garbage-2", JSON.stringify({ type: "call.queued", id: "nope" }), "validation_failed"],
      ["garbage-3", null, "validation_failed"],
    ]);
    expect(deadLetters[0]?.headers["x-dead-letter-reason"]).toBe("message is not JSON");
    expect(deadLetters[1]?.headers["x-dead-letter-reason"]).toMatch(/^not a call event: /);
    expect(deadLetters[2]?.headers["x-dead-letter-reason"]).toBe("empty message");
    expect(attempts).toBe(3);
  });

  it("with eventTypes, commits a message whose ce_type header names another type without handling it, and handles one without the header", async () => {
    const { main, dead, groupId } = await scratch();
    const seen: Seen[] = [];
    await start({
      groupId,
      topics: [main],
      deadLetterTopic: dead,
      eventTypes: ["call.queued", "call.canceled"],
      handle: async (consumed) => void seen.push(toSeen(consumed)),
    });

    // The skipped body is not even JSON: had it been parsed, it would have been dead-lettered.
    await send(main, { key: "c1", value: "not json {", headers: { ce_type: "call.calling" } });
    await send(main, { key: "c1", value: "queued", headers: { ce_type: "call.queued" } });
    await send(main, { key: "c1", value: "completed", headers: { ce_type: "call.completed" } });
    await send(main, { key: "c1", value: "legacy" });
    const last = await send(main, { key: "c1", value: "canceled", headers: { ce_type: "call.canceled" } });
    await eventually("the offsets committed past the last message", async () => (await committed(groupId, main)) === next(last));

    expect(seen.map((s) => s.value)).toEqual(["queued", "legacy", "canceled"]);
    expect(await deadLetterCount(dead)).toBe(0);
  });

  it("with handleBatch, hands a fetched batch over at once, in order, and commits past it", async () => {
    const { main, dead, groupId } = await scratch();
    // Produced before the consumer starts, so its first fetch returns them together.
    let last = "";
    for (let i = 0; i < 5; i++) last = await send(main, { key: "c1", value: `m${i}` });
    const batches: string[][] = [];
    const single: string[] = [];
    await start({
      groupId,
      topics: [main],
      deadLetterTopic: dead,
      handle: async (consumed) => void single.push(toSeen(consumed).value ?? ""),
      handleBatch: async (consumed) => void batches.push(consumed.map((c) => toSeen(c).value ?? "")),
    });
    await eventually("the offsets committed past the batch", async () => (await committed(groupId, main)) === next(last));

    expect(batches).toEqual([["m0", "m1", "m2", "m3", "m4"]]);
    expect(single).toEqual([]);
  });

  it("with handleBatch, hands every partition of a fetch over in one call, each partition in order, and commits past all of them", async () => {
    const { main, dead, groupId } = await scratch(3);
    // Produced before the consumer starts, so its first fetch returns all three partitions.
    const lastOf = new Map<number, string>();
    for (const partition of [0, 1, 2]) {
      for (let i = 0; i < 3; i++) {
        const [metadata] = await producer.send({
          topic: main,
          messages: [{ key: "c", value: `p${partition}-m${i}`, partition }],
          acks: -1,
        });
        lastOf.set(partition, metadata?.baseOffset ?? "");
      }
    }
    const batches: string[][] = [];
    await start({
      groupId,
      topics: [main],
      deadLetterTopic: dead,
      handle: async () => {
        throw new Error("handled one by one");
      },
      handleBatch: async (consumed) => void batches.push(consumed.map((c) => toSeen(c).value ?? "")),
    });
    await eventually("the offsets committed past every partition", async () => {
      for (const [partition, last] of lastOf) if ((await committed(groupId, main, partition)) !== next(last)) return false;
      return true;
    });

    expect(batches).toHaveLength(1);
    const [batch = []] = batches;
    expect([...batch].sort()).toEqual(["p0-m0", "p0-m1", "p0-m2", "p1-m0", "p1-m1", "p1-m2", "p2-m0", "p2-m1", "p2-m2"]);
    for (const partition of [0, 1, 2]) {
      expect(batch.filter((value) => value.startsWith(`p${partition}-`))).toEqual([0, 1, 2].map((i) => `p${partition}-m${i}`));
    }
  });

  it("when handleBatch throws, handles the batch's messages one by one, retrying and dead-lettering each as handle decides", async () => {
    const { main, dead, groupId } = await scratch();
    await send(main, { key: "c1", value: "good-1" });
    await send(main, { key: "c1", value: "bad" });
    const last = await send(main, { key: "c1", value: "good-2" });
    let batchCalls = 0;
    const single: string[] = [];
    await start({
      groupId,
      topics: [main],
      deadLetterTopic: dead,
      handle: async (consumed) => {
        const value = toSeen(consumed).value ?? "";
        if (value === "bad") throw new AppError("validation_failed", "bad message");
        single.push(value);
      },
      handleBatch: async () => {
        batchCalls++;
        throw new AppError("validation_failed", "one message of the batch is bad");
      },
    });
    await eventually("the offsets committed past the batch", async () => (await committed(groupId, main)) === next(last));

    expect(batchCalls).toBe(1);
    expect(single).toEqual(["good-1", "good-2"]);
    expect(await deadLetterCount(dead)).toBe(1);
  });
});

describe("runSupervised", () => {
  it("runs a consumer again after a crash KafkaJS does not restart, and the message it failed on is redelivered", async () => {
    const { main, groupId } = await scratch();
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    await consumer.connect();
    await consumer.subscribe({ topic: main, fromBeginning: true });
    const crashes: boolean[] = [];
    consumer.on(consumer.events.CRASH, ({ payload }) => void crashes.push(payload.restart));
    const metrics = new Registry();
    const restarts = new Counter({ name: "restarts_total", help: "restarts", labelNames: ["group"] as const, registers: [metrics] });
    let stopping = false;
    let failed = false;
    const seen: string[] = [];
    const supervised = await runSupervised({
      consumer,
      groupId,
      logger: silent,
      restarts,
      isStopping: () => stopping,
      initialDelayMs: 100,
      config: {
        eachMessage: async ({ message }) => {
          if (!failed) {
            failed = true;
            // A TypeError is one KafkaJS never retries: it stops the consumer for good.
            throw new TypeError("a bug in the run loop");
          }
          seen.push(message.value?.toString() ?? "");
        },
      },
    });
    try {
      await send(main, { key: "k", value: "first" });
      await eventually("the first message handled by the restarted run", async () => seen.includes("first"));
      expect(crashes).toEqual([false]);
      expect(await metrics.getSingleMetricAsString("restarts_total")).toContain(`restarts_total{group="${groupId}"} 1`);
      await send(main, { key: "k", value: "second" });
      await eventually("the next message handled", async () => seen.includes("second"));
      expect(seen).toEqual(["first", "second"]);
    } finally {
      stopping = true;
      await supervised.stop();
      await consumer.disconnect();
    }
  });
});

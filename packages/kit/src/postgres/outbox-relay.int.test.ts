import { randomBytes, randomUUID } from "node:crypto";
import type { Admin, Consumer, IHeaders, Kafka } from "kafkajs";
import type pg from "pg";
import pino from "pino";
import { Registry } from "prom-client";
import { testDatabaseUrl, testKafkaBrokers } from "../../../../tests/support/env";
import { eventually } from "../../../../tests/support/eventually";
import { createKafka, createProducer, createTopicsAndWait, type EventProducer } from "../kafka/client";
import { createLogger, type Logger } from "../logger";
import { createPool, quoteIdent } from "./database";
import { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from "./outbox-relay";

/**
 * The gateway's outbox as its migrations leave it: the table and trigger of `20261127000000_init`,
 * less the `published_at` column that `20261203000000_outbox_delete_on_publish` dropped.
 */
const OUTBOX_DDL = `
CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox"("event_id");

-- Wakes outbox relays (LISTEN "<schema>_outbox") when a transaction that wrote events commits.
CREATE FUNCTION "outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER "outbox_notify" AFTER INSERT ON "outbox" FOR EACH STATEMENT EXECUTE FUNCTION "outbox_notify"();
`;

/** The logical topic services write into outbox rows; topicFor maps it to this file's scratch topic. */
const LOGICAL_TOPIC = "voxbridge.call-events.v1";
const TEN_MINUTES = 600_000;

type Payload = { id: string; seq: number; note: string; type?: string; traceparent?: string };
type Row = { eventId: string; key: string; payload: Payload };
type Seen = { topic: string; partition: number; offset: bigint; key: string | null; value: string; headers: Record<string, string> };

const silent = createLogger({ service: "outbox-relay-test", level: "silent" });
let kafka: Kafka;
let admin: Admin;
let producer: EventProducer;
let db: pg.Pool;
let topic: string;
let collector: Collector;
const scratchTopics: string[] = [];

beforeAll(async () => {
  kafka = createKafka({ clientId: "outbox-relay-test", brokers: testKafkaBrokers(), logger: silent });
  admin = kafka.admin();
  await admin.connect();
  topic = await createTopic(3);
  producer = createProducer(kafka);
  await producer.connect();
  db = createPool(testDatabaseUrl(), { max: 4, applicationName: "outbox-relay-test" });
  collector = await collect(topic);
});

afterAll(async () => {
  await collector?.stop();
  await producer?.disconnect();
  if (scratchTopics.length > 0) await admin?.deleteTopics({ topics: scratchTopics, timeout: 10_000 });
  await admin?.disconnect();
  await db?.end();
});

/** Per test: relays, their pools and producers, and scratch schemas, undone in reverse. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function createTopic(numPartitions: number, configEntries: { name: string; value: string }[] = []): Promise<string> {
  const name = `test-outbox-${randomBytes(5).toString("hex")}`;
  scratchTopics.push(name);
  await createTopicsAndWait(admin, [{ topic: name, numPartitions, replicationFactor: 1, configEntries }]);
  return name;
}

type Collector = { seen: Seen[]; caughtUp: () => Promise<void>; stop: () => Promise<void> };

/** Reads a topic from the beginning in a fresh consumer group, keeping every message. */
async function collect(name: string): Promise<Collector> {
  // A short long-poll, so disconnect() does not wait out the default 5 s fetch.
  const consumer: Consumer = kafka.consumer({ groupId: `outbox-relay-test-${randomBytes(5).toString("hex")}`, maxWaitTimeInMs: 100 });
  const seen: Seen[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: name, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic: from, partition, message }) => {
      seen.push({
        topic: from,
        partition,
        offset: BigInt(message.offset),
        key: message.key?.toString() ?? null,
        value: message.value?.toString() ?? "",
        headers: headerStrings(message.headers),
      });
    },
  });
  return {
    seen,
    /** Resolves once everything on the topic now has been read. */
    caughtUp: async () => {
      const ends = await admin.fetchTopicOffsets(name);
      await eventually(`the collector to read ${name} to its end`, async () =>
        ends.every(
          ({ partition, high }) => BigInt(high) === 0n || seen.some((s) => s.partition === partition && s.offset + 1n >= BigInt(high)),
        ),
      );
    },
    stop: () => consumer.disconnect(),
  };
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name] = value.toString();
  return out;
}

const payloadOf = (seen: Seen) => JSON.parse(seen.value) as Payload;
const seenFor = (collected: Collector, eventIds: string[]) => {
  const wanted = new Set(eventIds);
  return collected.seen.filter((s) => wanted.has(payloadOf(s).id));
};

/** A scratch schema with the gateway's outbox table and NOTIFY trigger. */
async function scratchSchema(): Promise<string> {
  const schema = `outbox_${randomBytes(6).toString("hex")}`;
  await db.query(`BEGIN; CREATE SCHEMA ${quoteIdent(schema)}; SET LOCAL search_path TO ${quoteIdent(schema)}; ${OUTBOX_DDL} COMMIT;`);
  cleanups.push(async () => {
    await db.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
  });
  return schema;
}

function rows(key: string, count: number, firstSeq = 0): Row[] {
  return Array.from({ length: count }, (_, index) => {
    const eventId = randomUUID();
    return { eventId, key, payload: { id: eventId, seq: firstSeq + index, note: 'héllo "quoted" ✓' } };
  });
}

/** Inserts rows in one transaction, in array order; returns the ids the outbox gave them. */
async function insert(schema: string, batch: Row[]): Promise<{ id: string; event_id: string; key: string }[]> {
  const { rows: inserted } = await db.query<{ id: string; event_id: string; key: string }>(
    `INSERT INTO ${quoteIdent(schema)}."outbox" (event_id, topic, key, payload)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])
     RETURNING id, event_id, key`,
    [batch.map((r) => r.eventId), batch.map(() => LOGICAL_TOPIC), batch.map((r) => r.key), batch.map((r) => JSON.stringify(r.payload))],
  );
  return inserted;
}

/** Rows still in the outbox: a row leaves it once Kafka has acknowledged it. */
const unpublished = async (schema: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(schema)}."outbox"`)).rows[0]?.n;

type RelayHandle = { relay: OutboxRelay; metrics: Registry; stop: () => Promise<void> };

/** A relay as a service instance runs it: its own pool, metrics registry and (by default) the shared producer. */
function relayFor(schema: string, overrides: Partial<OutboxRelayOptions> = {}): RelayHandle {
  const pool = createPool(testDatabaseUrl(), { max: 3, applicationName: `outbox-relay-test:${schema}` });
  const metrics = new Registry();
  const relay = createOutboxRelay({
    pool,
    schema,
    producer,
    topicFor: (logical) => (logical === LOGICAL_TOPIC ? topic : `unmapped-${logical}`),
    logger: silent,
    metrics,
    pollIntervalMs: TEN_MINUTES,
    ...overrides,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await relay.stop();
    await pool.end();
  };
  cleanups.push(stop);
  return { relay, metrics, stop };
}

describe("outbox relay", () => {
  it("publishes rows inserted after start() promptly, woken by NOTIFY alone, with key, payload and headers, then deletes them", async () => {
    const schema = await scratchSchema();
    const logicalTopics: string[] = [];
    const { relay } = relayFor(schema, {
      pollIntervalMs: TEN_MINUTES, // the safety-net poll never fires during this test
      topicFor: (logical) => {
        logicalTopics.push(logical);
        return topic;
      },
    });
    await relay.start();

    // Each row goes in only after the previous one is out, so each needs its own wake-up. The last
    // is a CloudEvent: its type and trace go in headers too, for consumers that filter unparsed.
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    for (let round = 0; round < 3; round++) {
      const [row] = rows(randomUUID(), 1, round);
      if (!row) throw new Error("no row");
      if (round === 2) Object.assign(row.payload, { type: "call.queued", traceparent });
      await insert(schema, [row]);
      const seen = await eventually(`round ${round} on Kafka`, async () => seenFor(collector, [row.eventId])[0], 5_000);
      expect(seen.key).toBe(row.key);
      expect(JSON.parse(seen.value)).toEqual(row.payload);
      expect(seen.headers).toEqual({
        "content-type": "application/cloudevents+json",
        ...(round === 2 ? { ce_type: "call.queued", traceparent } : {}),
      });
      await eventually(`round ${round} deleted from the outbox`, async () => (await unpublished(schema)) === 0, 5_000);
    }
    expect(new Set(logicalTopics)).toEqual(new Set([LOGICAL_TOPIC]));
  });

  it("keeps one key's rows in insertion order on one partition, across many transactions and batches", async () => {
    const schema = await scratchSchema();
    const { relay } = relayFor(schema, { batchSize: 7 });
    await relay.start();
    const key = randomUUID();
    const other = randomUUID();
    const ours = rows(key, 50);
    const theirs = rows(other, 50);
    for (const [index, row] of ours.entries()) {
      const interleaved = theirs[index];
      await insert(schema, interleaved ? [row, interleaved] : [row]);
    }

    const seen = await eventually("all 50 rows of the key on Kafka", async () => {
      const found = seenFor(
        collector,
        ours.map((r) => r.eventId),
      );
      return found.length >= 50 && found;
    });
    expect(seen.map((s) => payloadOf(s).seq)).toEqual(ours.map((r) => r.payload.seq));
    expect(new Set(seen.map((s) => s.partition)).size).toBe(1);
    expect(seen.every((s) => s.key === key)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect((seen[i]?.offset ?? 0n) > (seen[i - 1]?.offset ?? 0n)).toBe(true);
    const otherSeen = await eventually("the interleaved key's rows", async () => {
      const found = seenFor(
        collector,
        theirs.map((r) => r.eventId),
      );
      return found.length >= 50 && found;
    });
    expect(otherSeen.map((s) => payloadOf(s).seq)).toEqual(theirs.map((r) => r.payload.seq));
  });

  it("publishes every row exactly once, in per-key order, when two relays run on the same schema", async () => {
    const schema = await scratchSchema();
    const secondProducer = createProducer(kafka);
    await secondProducer.connect();
    cleanups.push(() => secondProducer.disconnect());
    const first = relayFor(schema, { batchSize: 5, pollIntervalMs: 20 });
    const second = relayFor(schema, { batchSize: 5, pollIntervalMs: 20, producer: secondProducer });
    await Promise.all([first.relay.start(), second.relay.start()]);

    const keys = Array.from({ length: 8 }, () => randomUUID());
    const written = keys.flatMap((key) => rows(key, 25));
    // Many small transactions at once, so both relays are woken again and again.
    const transactions = Array.from({ length: 20 }, (_, t) => written.filter((_, index) => index % 20 === t));
    const inserted = (await Promise.all(transactions.map((batch) => insert(schema, batch)))).flat();

    await eventually("every row published and deleted", async () => (await unpublished(schema)) === 0);
    await collector.caughtUp();
    const seen = seenFor(
      collector,
      written.map((r) => r.eventId),
    );
    const perEvent = new Map<string, number>();
    for (const s of seen) perEvent.set(payloadOf(s).id, (perEvent.get(payloadOf(s).id) ?? 0) + 1);
    expect(perEvent.size).toBe(written.length);
    expect([...perEvent.values()].filter((count) => count !== 1)).toEqual([]);

    // Per key, Kafka order is the outbox's id order.
    const byId = inserted.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
    for (const key of keys) {
      expect(seen.filter((s) => s.key === key).map((s) => payloadOf(s).id)).toEqual(
        byId.filter((r) => r.key === key).map((r) => r.event_id),
      );
    }
    const counts = await Promise.all(
      [first, second].map(
        async ({ metrics }) => (await metrics.getSingleMetric("voxbridge_outbox_published_total")?.get())?.values[0]?.value ?? 0,
      ),
    );
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(written.length);
  });

  it("loses no row while Kafka refuses to publish: a later relay publishes them all, in order", async () => {
    const schema = await scratchSchema();
    // Every record batch is over this topic's size limit, so the broker rejects each send.
    const refusing = await createTopic(1, [{ name: "max.message.bytes", value: "64" }]);
    const warnings: string[] = [];
    const capturing: Logger = pino({ level: "warn" }, { write: (line: string) => void warnings.push(line) });
    const failing = relayFor(schema, { topicFor: () => refusing, logger: capturing });
    await failing.relay.start();

    const key = randomUUID();
    const before = rows(key, 5);
    await insert(schema, before);
    await eventually("the relay to report a failed publish", async () =>
      warnings.some((line) => line.includes("outbox publish failed") && line.includes("larger than the max message size")),
    );
    const during = rows(key, 5, 5);
    await insert(schema, during);
    expect(await unpublished(schema)).toBe(10);
    await failing.stop();
    expect(await unpublished(schema)).toBe(10);

    const { relay } = relayFor(schema);
    await relay.start();
    await eventually("every row published and deleted", async () => (await unpublished(schema)) === 0);
    await collector.caughtUp();
    const all = [...before, ...during];
    const seen = seenFor(
      collector,
      all.map((r) => r.eventId),
    );
    expect(seen.map((s) => payloadOf(s).seq)).toEqual(all.map((r) => r.payload.seq));
    expect((await admin.fetchTopicOffsets(refusing)).map(({ high }) => high)).toEqual(["0"]);
  });

  it("keeps retrying while Kafka refuses and publishes the backlog once Kafka accepts again", async () => {
    const schema = await scratchSchema();
    const refusing = await createTopic(1, [{ name: "max.message.bytes", value: "64" }]);
    const warnings: string[] = [];
    const capturing: Logger = pino({ level: "warn" }, { write: (line: string) => void warnings.push(line) });
    const { relay } = relayFor(schema, { topicFor: () => refusing, logger: capturing });
    await relay.start();

    const batch = rows(randomUUID(), 4);
    await insert(schema, batch);
    await eventually("a failed publish", async () => warnings.some((line) => line.includes("outbox publish failed")));
    expect(await unpublished(schema)).toBe(4);

    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: 2, name: refusing, configEntries: [{ name: "max.message.bytes", value: "1048588" }] }],
    });
    await eventually("the backlog published and deleted", async () => (await unpublished(schema)) === 0);
    const reader = await collect(refusing);
    cleanups.push(() => reader.stop());
    await reader.caughtUp();
    expect(reader.seen.map((s) => payloadOf(s).seq)).toEqual([0, 1, 2, 3]);
  });

  it("drain() publishes the backlog in batches and returns how many rows it published", async () => {
    const schema = await scratchSchema();
    const { relay, metrics } = relayFor(schema, { batchSize: 3 });
    await expect(relay.drain()).resolves.toBe(0);

    const batch = rows(randomUUID(), 7);
    await insert(schema, batch);
    await expect(relay.drain()).resolves.toBe(7);
    expect(await unpublished(schema)).toBe(0);
    await expect(relay.drain()).resolves.toBe(0);
    expect((await metrics.getSingleMetric("voxbridge_outbox_published_total")?.get())?.values[0]?.value).toBe(7);

    const seen = await eventually("the drained rows on Kafka", async () => {
      const found = seenFor(
        collector,
        batch.map((r) => r.eventId),
      );
      return found.length >= 7 && found;
    });
    expect(seen.map((s) => payloadOf(s).seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

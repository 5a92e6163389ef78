import type pg from "pg";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import { createCoalescedRunner } from "../coalesced-runner";
import type { EventProducer } from "../kafka/client";
import { EVENT_TYPE_HEADER } from "../kafka/headers";
import type { Logger } from "../logger";
import { isTraceparent } from "../trace";
import { quoteIdent } from "./database";
import { createListener } from "./listener";

export type OutboxRelayOptions = {
  pool: pg.Pool;
  /** The owning service's schema; its `outbox` table and the `<schema>_outbox` NOTIFY channel. */
  schema: string;
  /**
   * Another outbox table of the schema, with its own relay: `<schema>_<table>` is its NOTIFY
   * channel and `<table>_` prefixes its metrics. For events that must not wait behind the main
   * outbox's backlog (the gateway's suppressions).
   */
  table?: string;
  producer: EventProducer;
  /** Maps an outbox row's logical topic to the real one (deployment prefix). */
  topicFor: (topic: string) => string;
  logger: Logger;
  metrics: Registry;
  batchSize?: number;
  /** Safety net for a missed NOTIFY (listener reconnecting); the normal path is woken at once. */
  pollIntervalMs?: number;
};

export type OutboxRelay = { start: () => Promise<void>; stop: () => Promise<void>; drain: () => Promise<number> };

type OutboxRow = { id: string; topic: string; key: string; payload: unknown };

/**
 * Publishes committed outbox rows to Kafka in insertion order. Woken by LISTEN/NOTIFY from the
 * outbox table's trigger; with several instances, a transaction-scoped advisory lock lets one publish
 * at a time, which keeps each call's events in order. A row is deleted only after Kafka acknowledged
 * it, so a crash republishes (consumers dedupe by event id) and never loses; the table holds only
 * what waits, so its cost does not grow with the calls that went through it.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { pool, logger } = options;
  const name = options.table ?? "outbox";
  const table = `${quoteIdent(options.schema)}.${quoteIdent(name)}`;
  const channel = `${options.schema}_${name}`;
  const batchSize = options.batchSize ?? 500;
  // Per schema and table: one publisher at a time keeps each topic's order.
  const lockKey = `voxbridge:${name}:${options.schema}`;
  const published = new Counter({
    name: `voxbridge_${name}_published_total`,
    help: "Outbox rows published to Kafka",
    registers: [options.metrics],
  });
  const lag = new Histogram({
    name: `voxbridge_${name}_publish_lag_seconds`,
    help: "Time from outbox insert to Kafka acknowledgement",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [options.metrics],
  });

  // Read on each scrape: rows not yet published and the oldest one's age.
  const backlog = async () => {
    const { rows } = await pool.query<{ rows: number; age: number | null }>(
      `SELECT count(*)::int AS rows, extract(epoch from clock_timestamp() - min(created_at))::float8 AS age
         FROM ${table}`,
    );
    return rows[0] ?? { rows: 0, age: null };
  };
  new Gauge({
    name: `voxbridge_${name}_backlog_rows`,
    help: "Outbox rows not yet published to Kafka",
    registers: [options.metrics],
    async collect() {
      // A scrape while Postgres is away keeps the last value rather than failing the whole page.
      const now = await backlog().catch(() => null);
      if (now) this.set(now.rows);
    },
  });
  new Gauge({
    name: `voxbridge_${name}_oldest_unpublished_age_seconds`,
    help: "Age of the oldest outbox row not yet published (0 when none)",
    registers: [options.metrics],
    async collect() {
      const now = await backlog().catch(() => null);
      if (now) this.set(now.age ?? 0);
    },
  });

  let stopped = true;
  let pollTimer: NodeJS.Timeout | undefined;

  /** One batch in one transaction; returns rows published, or -1 when another instance holds the lock. */
  const publishBatch = async (): Promise<number> => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const lock = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked", [lockKey]);
      if (!lock.rows[0]?.locked) {
        await client.query("COMMIT");
        return -1;
      }
      const { rows } = await client.query<OutboxRow & { age: number }>(
        `SELECT id, topic, key, payload, extract(epoch from clock_timestamp() - created_at)::float8 AS age
           FROM ${table} ORDER BY id LIMIT $1`,
        [batchSize],
      );
      if (rows.length > 0) {
        const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
        for (const row of rows) {
          const topic = options.topicFor(row.topic);
          const messages = byTopic.get(topic) ?? [];
          // The event's type and trace (CloudEvents' `traceparent` extension) also go in headers, read
          // before the body: a consumer skips the types it does not handle without parsing them.
          const { type, traceparent } = row.payload as { type?: unknown; traceparent?: unknown };
          messages.push({
            key: row.key,
            value: JSON.stringify(row.payload),
            headers: {
              "content-type": "application/cloudevents+json",
              ...(typeof type === "string" ? { [EVENT_TYPE_HEADER]: type } : {}),
              ...(isTraceparent(traceparent) ? { traceparent } : {}),
            },
          });
          byTopic.set(topic, messages);
        }
        await options.producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })), acks: -1 });
        await client.query(`DELETE FROM ${table} WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
        published.inc(rows.length);
        for (const row of rows) lag.observe(row.age);
      }
      await client.query("COMMIT");
      return rows.length;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };

  const drain = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const count = await publishBatch();
      if (count <= 0) return total;
      total += count;
    }
  };

  // At most one drain at a time; NOTIFYs and polls during one ask for one more pass.
  const runner = createCoalescedRunner({
    pass: drain,
    isStopped: () => stopped,
    onError: async (error) => {
      logger.warn({ err: error, schema: options.schema }, "outbox publish failed; will retry");
      await new Promise((resolve) => setTimeout(resolve, 500));
      return true;
    },
  });
  const wake = runner.wake;

  const listener = createListener({ pool, channel, onNotification: wake, logger, name: `${options.schema} ${name}` });

  return {
    drain,
    start: async () => {
      stopped = false;
      await listener.start();
      wake();
      pollTimer = setInterval(wake, options.pollIntervalMs ?? 2_000);
    },
    stop: async () => {
      stopped = true;
      clearInterval(pollTimer);
      await runner.idle();
      await listener.stop();
    },
  };
}

import { randomUUID } from "node:crypto";
import { newCallOut } from "@voxbridge/contracts";
import pg from "pg";
import { MAX_OPERATIONS_PER_PHASE } from "./config";
import { countKind, type PhaseName, type PhaseResult } from "./phase";
import { LatencySamples, msSince, share, sleep } from "./stats";

/**
 * The floor the gateway is compared with: the same two-row write the gateway does for a create-call
 * (calls row + outbox row with its NOTIFY trigger, one transaction), issued straight from a pg Pool,
 * with no HTTP, auth, validation, agent lookup or minute hold in front of it.
 */
const SCHEMA = "bench_baseline";

const DDL = [
  `CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`,
  `CREATE TABLE IF NOT EXISTS ${SCHEMA}.calls (
     id uuid PRIMARY KEY,
     org_id uuid NOT NULL,
     agent_id uuid NOT NULL,
     status text NOT NULL,
     to_number text NOT NULL,
     from_number text,
     client_name text,
     context jsonb,
     metadata jsonb,
     webhook_url text,
     disposition text,
     transcript text,
     recording_url text,
     structured_answers jsonb,
     attempt_count int NOT NULL DEFAULT 0,
     max_attempts int NOT NULL,
     duration_seconds int,
     error_message text,
     scheduled_at timestamptz(3),
     started_at timestamptz(3),
     completed_at timestamptz(3),
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX IF NOT EXISTS calls_org_id_created_at_id_idx ON ${SCHEMA}.calls (org_id, created_at DESC, id DESC)`,
  `CREATE TABLE IF NOT EXISTS ${SCHEMA}.outbox (
     id bigserial PRIMARY KEY,
     event_id uuid UNIQUE NOT NULL,
     topic text NOT NULL,
     key text NOT NULL,
     payload jsonb NOT NULL,
     created_at timestamptz(3) NOT NULL DEFAULT now()
   )`,
  `CREATE OR REPLACE FUNCTION ${SCHEMA}.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
     RETURN NULL;
   END $$`,
  `CREATE OR REPLACE TRIGGER outbox_notify AFTER INSERT ON ${SCHEMA}.outbox FOR EACH STATEMENT EXECUTE FUNCTION ${SCHEMA}.outbox_notify()`,
];

const INSERT_CALL = `INSERT INTO ${SCHEMA}.calls
  (id, org_id, agent_id, status, to_number, metadata, max_attempts, scheduled_at, created_at, updated_at)
  VALUES ($1, $2, $3, 'queued', $4, $5, $6, $7, $7, $7)`;
const INSERT_OUTBOX = `INSERT INTO ${SCHEMA}.outbox (event_id, topic, key, payload) VALUES ($1, $2, $3, $4)`;

// Padding that makes the outbox payload about the size of the gateway's call.queued CloudEvent.
const SYSTEM_PROMPT =
  "You are a friendly scheduling assistant calling on behalf of the clinic. Confirm the appointment time, " +
  "offer to reschedule if the time does not suit, and keep the call under two minutes. Never ask for payment details.";

export type Baseline = {
  pool: pg.Pool;
  /** Runs the baseline transaction from up to `connections` loops for `seconds`; `rate` (ops/s overall) null = as fast as possible. */
  run: (phase: PhaseName, seconds: number, rate: number | null) => Promise<PhaseResult>;
  /** One baseline transaction: null when it committed, else the kind of failure. */
  once: () => Promise<string | null>;
  close: () => Promise<void>;
};

export async function openBaseline(databaseUrl: string, connections: number): Promise<Baseline> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: connections,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: "voxbridge-bench-baseline",
  });
  // Idle-client errors (server restart) must not crash the process; the next query reports them.
  pool.on("error", () => undefined);

  const setup = await pool.connect();
  try {
    for (const statement of DDL) await setup.query(statement);
    await setup.query(`TRUNCATE ${SCHEMA}.calls, ${SCHEMA}.outbox RESTART IDENTITY`);
  } finally {
    setup.release();
  }

  const orgId = randomUUID();
  const agentId = randomUUID();
  let sequence = 0;

  /** One create-call transaction; returns nothing, throws on any failure (after rolling back). */
  const transaction = async (): Promise<void> => {
    const callId = randomUUID();
    const eventId = randomUUID();
    const now = new Date();
    const nowIso = now.toISOString();
    const to = `+1555123${1000 + (sequence++ % 9000)}`;
    const metadata = { bench: true };
    const call = newCallOut({ id: callId, agent_id: agentId, to_number: to, metadata, scheduled_at: nowIso, created_at: nowIso });
    const event = {
      specversion: "1.0",
      id: eventId,
      source: "/voxbridge/bench-baseline",
      type: "call.queued",
      subject: callId,
      time: nowIso,
      datacontenttype: "application/json",
      data: {
        org_id: orgId,
        webhook_url: null,
        call,
        agent: {
          id: agentId,
          system_prompt: SYSTEM_PROMPT,
          voice: "alloy",
          language: "en-US",
          max_duration_seconds: 600,
          voicemail_action: "hangup",
          calling_window: null,
        },
      },
    };

    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      await client.query(INSERT_CALL, [callId, orgId, agentId, to, JSON.stringify(metadata), 3, now]);
      await client.query(INSERT_OUTBOX, [eventId, "callEvents", callId, JSON.stringify(event)]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      // A client whose ROLLBACK failed is discarded rather than returned to the pool.
      client.release(broken);
    }
  };

  const run = async (phase: PhaseName, seconds: number, rate: number | null): Promise<PhaseResult> => {
    // Like autocannon with overallRate: never more workers than the rate, and the rate split across them.
    const workers = rate === null ? connections : Math.max(1, Math.min(connections, rate));
    const samples = new LatencySamples(MAX_OPERATIONS_PER_PHASE);
    const errorKinds: Record<string, number> = {};
    let ok = 0;
    let errors = 0;
    let started = 0;

    const t0 = Date.now();
    const deadline = t0 + seconds * 1000;
    const startNs = process.hrtime.bigint();

    const worker = async (index: number): Promise<void> => {
      const quota = rate === null ? Number.POSITIVE_INFINITY : share(rate, workers, index);
      let window = -1;
      let usedInWindow = 0;
      while (Date.now() < deadline && started < MAX_OPERATIONS_PER_PHASE) {
        // autocannon's rate limiter: each connection may start `quota` requests per one-second window,
        // the windows of all connections starting together; we reproduce it so both systems see the same load shape.
        const currentWindow = Math.floor((Date.now() - t0) / 1000);
        if (currentWindow !== window) {
          window = currentWindow;
          usedInWindow = 0;
        }
        if (usedInWindow >= quota) {
          await sleep(Math.min(t0 + (window + 1) * 1000, deadline) - Date.now());
          continue;
        }
        usedInWindow++;
        started++;
        const begin = process.hrtime.bigint();
        try {
          await transaction();
          samples.record(msSince(begin));
          ok++;
        } catch (error) {
          errors++;
          countKind(errorKinds, errorKind(error));
          // Back off a little so a dead database does not turn into a hot loop.
          await sleep(10);
        }
      }
    };

    await Promise.all(Array.from({ length: workers }, (_, index) => worker(index)));
    const durationSeconds = msSince(startNs) / 1000;
    return {
      phase,
      connections: workers,
      targetRate: rate,
      durationSeconds,
      ok,
      errors,
      errorKinds,
      throughput: ok / durationSeconds,
      latency: samples.summary(),
    };
  };

  const once = () => transaction().then(() => null, errorKind);

  return { pool, run, once, close: () => pool.end() };
}

/** A failed transaction's kind: its SQLSTATE, else the start of its message. */
function errorKind(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : error instanceof Error ? error.message.slice(0, 80) : "unknown";
}

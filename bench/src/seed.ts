import pg from "pg";
import { parseUrl } from "./config";

/**
 * Fills the stack's database with calls that already lived their whole life, so that the create and
 * whole-life benchmarks can be rerun against grown tables (docs/performance.md). Every seeded call
 * has what a real completed call leaves in each service: the gateway's record, attempt and
 * projected event ids; quota's settled hold; the dialer's ended job and its attempt; and the
 * webhook service's three events, their sequence, three delivered deliveries and their attempts.
 * They are spread over the last 20 days, inside the default 30 days of retention, so the retention
 * pass keeps them, and over 20 seed organizations named `seed-<n>`.
 *
 *   pnpm --filter @voxbridge/bench bench:seed            # up to BENCH_SEED_CALLS (200000) seeded calls
 *   BENCH_SEED_REMOVE=1 pnpm --filter @voxbridge/bench bench:seed   # removes them all again
 *
 * It writes with SQL (generate_series), not through the API: 200,000 calls through the services
 * would take most of an hour on two cores, and what is measured afterwards is the cost of the rows,
 * not how they got there. It then VACUUMs and ANALYZEs what it wrote, as the services' retention
 * pass does every few minutes.
 */
const DATABASE_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/voxbridge";
const TARGET = Number(process.env.BENCH_SEED_CALLS ?? 200_000);
const CHUNK = 20_000;
const ORGS = 20;

const TABLES = [
  "gateway.calls",
  "gateway.call_attempts",
  "gateway.processed_events",
  "quota.minute_holds",
  "dialer.dial_jobs",
  "dialer.dial_attempts",
  "webhooks.webhook_events",
  "webhooks.call_sequences",
  "webhooks.webhook_deliveries",
  "webhooks.webhook_attempts",
];

/** The seed organizations (and each one's default agent), created once. */
async function seedOrgs(client: pg.Client): Promise<void> {
  await client.query(
    `INSERT INTO gateway.organizations (id, name)
     SELECT gen_random_uuid(), 'seed-' || n FROM generate_series(1, $1) n
      WHERE NOT EXISTS (SELECT 1 FROM gateway.organizations WHERE name = 'seed-' || n)`,
    [ORGS],
  );
  await client.query(
    `INSERT INTO gateway.agents (id, org_id, name, system_prompt, max_duration_seconds, is_default)
     SELECT gen_random_uuid(), o.id, 'Seed agent', 'You are calling on behalf of the organization.', 600, true
       FROM gateway.organizations o
      WHERE o.name LIKE 'seed-%' AND NOT EXISTS (SELECT 1 FROM gateway.agents a WHERE a.org_id = o.id)`,
  );
}

/** One chunk of seeded calls, in one transaction across the four schemas. */
async function seedChunk(client: pg.Client, calls: number): Promise<void> {
  await client.query("BEGIN");
  await client.query(
    `CREATE TEMP TABLE seed ON COMMIT DROP AS
     SELECT gen_random_uuid() AS id, o.id AS org_id, o.agent_id, c.at,
            '+1555' || lpad(((random() * 8999999)::int + 1000000)::text, 7, '0') AS to_number,
            gen_random_uuid() AS queued_id, gen_random_uuid() AS calling_id, gen_random_uuid() AS completed_id,
            gen_random_uuid() AS d1, gen_random_uuid() AS d2, gen_random_uuid() AS d3,
            1 + (random() * 300)::int AS talk
       FROM (SELECT n, now() - interval '1 hour' - random() * interval '20 days' AS at FROM generate_series(1, $1) n) c
       JOIN LATERAL (SELECT org.id, a.id AS agent_id FROM gateway.organizations org JOIN gateway.agents a ON a.org_id = org.id
                      WHERE org.name = 'seed-' || (1 + c.n % $2)) o ON true`,
    [calls, ORGS],
  );
  // The partner-visible snapshot every event and job carries, as the services write it.
  const snapshot = `jsonb_build_object('id', s.id, 'status', 'completed', 'direction', 'outbound', 'agent_id', s.agent_id,
      'to_number', s.to_number, 'from_number', NULL, 'client_name', NULL, 'context', NULL, 'metadata', jsonb_build_object('seed', true),
      'disposition', 'completed', 'transcript', NULL, 'recording_url', NULL, 'structured_answers', NULL, 'attempt_count', 1,
      'max_attempts', 3, 'duration_seconds', s.talk, 'error_message', NULL, 'scheduled_at', s.at, 'started_at', s.at + interval '1 s',
      'completed_at', s.at + make_interval(secs => s.talk + 3), 'created_at', s.at, 'calling_window', NULL, 'next_attempt_at', NULL)`;
  const event = (id: string, type: string, offset: string) =>
    `jsonb_build_object('id', s.${id}, 'specversion', '1.0', 'type', '${type}', 'source', '/voxbridge/dialer', 'subject', s.id,
        'time', s.at + ${offset}, 'datacontenttype', 'application/json',
        'data', jsonb_build_object('org_id', s.org_id, 'webhook_url', 'https://partner.example/hooks', 'call', ${snapshot}))`;
  await client.query(`
    INSERT INTO gateway.calls (id, org_id, agent_id, status, to_number, metadata, webhook_url, disposition, attempt_count, max_attempts,
                               duration_seconds, scheduled_at, started_at, completed_at, created_at, updated_at, progress)
    SELECT id, org_id, agent_id, 'completed', to_number, '{"seed": true}', 'https://partner.example/hooks', 'completed', 1, 3,
           talk, at, at + interval '1 s', at + make_interval(secs => talk + 3), at, at + make_interval(secs => talk + 3), 100
      FROM seed s`);
  await client.query(`
    INSERT INTO gateway.call_attempts (call_id, attempt, started_at, answered_at, ended_at, disposition, duration_seconds)
    SELECT id, 1, at + interval '1 s', at + interval '2 s', at + make_interval(secs => talk + 3), 'completed', talk FROM seed`);
  await client.query(`
    INSERT INTO gateway.processed_events (event_id, processed_at)
    SELECT calling_id, at + interval '1 s' FROM seed UNION ALL SELECT completed_id, at + make_interval(secs => talk + 3) FROM seed`);
  await client.query(`
    INSERT INTO quota.minute_holds (call_id, org_id, period, minutes, status, created_at, closed_at, billed_minutes, billed_period,
                                    close_reason, closed_by_event_id, confirmed_at, expires_at)
    SELECT id, org_id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM'), 1, 'settled', at, at + make_interval(secs => talk + 3),
           ceil(talk / 60.0)::int, to_char((at + make_interval(secs => talk + 3)) AT TIME ZONE 'UTC', 'YYYY-MM'),
           'completed', completed_id, at, at + interval '1 day'
      FROM seed`);
  await client.query(`
    INSERT INTO dialer.dial_jobs (call_id, org_id, status, due_at, queued, call, attempt_count, max_attempts, created_at, updated_at)
    SELECT id, org_id, 'completed', at, ${event("queued_id", "call.queued", "interval '0 s'")}, ${snapshot}, 1, 3,
           at, at + make_interval(secs => talk + 3)
      FROM seed s`);
  await client.query(`
    INSERT INTO dialer.dial_attempts (call_id, attempt, account, owner_id, status, disposition, carrier_call_id, dialed_at, answered_at,
                                      ended_at, talk_seconds)
    SELECT id, 1, 'simulator', gen_random_uuid(), 'ended', 'completed', 'sim-' || id, at + interval '1 s', at + interval '2 s',
           at + make_interval(secs => talk + 3), talk
      FROM seed`);
  const events: [string, string, string, number][] = [
    ["queued_id", "call.queued", "interval '0 s'", 1],
    ["calling_id", "call.calling", "interval '1 s'", 2],
    ["completed_id", "call.completed", "make_interval(secs => s.talk + 3)", 3],
  ];
  for (const [id, type, offset, sequence] of events) {
    await client.query(`
      INSERT INTO webhooks.webhook_events (event_id, call_id, org_id, type, payload, received_at)
      SELECT s.${id}, s.id, s.org_id, '${type}', ${event(id, type, offset)}, s.at + ${offset} FROM seed s`);
    const delivery = `d${sequence}`;
    await client.query(`
      INSERT INTO webhooks.webhook_deliveries (id, org_id, event_id, event_type, call_id, sequence, destination, url, status, attempt_count,
                                               last_response_status, created_at, completed_at)
      SELECT s.${delivery}, s.org_id, s.${id}, '${type}', s.id, ${sequence}, 'url:https://partner.example/hooks',
             'https://partner.example/hooks', 'succeeded', 1, 200, s.at + ${offset}, s.at + ${offset} + interval '80 ms'
        FROM seed s`);
    await client.query(`
      INSERT INTO webhooks.webhook_attempts (delivery_id, attempted_at, response_status, duration_ms)
      SELECT s.${delivery}, s.at + ${offset} + interval '40 ms', 200, 40 FROM seed s`);
  }
  await client.query("INSERT INTO webhooks.call_sequences (call_id, last_sequence) SELECT id, 3 FROM seed");
  await client.query("COMMIT");
}

const seededCalls = async (client: pg.Client) =>
  Number(
    (
      await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM gateway.calls c JOIN gateway.organizations o ON o.id = c.org_id WHERE o.name LIKE 'seed-%'",
      )
    ).rows[0]?.n ?? 0,
  );

/** Deletes every seeded row: the seed organizations' calls in every schema, then the organizations. */
async function removeSeed(client: pg.Client): Promise<void> {
  await client.query("BEGIN");
  await client.query(
    `CREATE TEMP TABLE seed ON COMMIT DROP AS
     SELECT c.id FROM gateway.calls c JOIN gateway.organizations o ON o.id = c.org_id WHERE o.name LIKE 'seed-%'`,
  );
  // The gateway's projected ids are the ids of the webhook service's copies of the same events.
  await client.query(
    "DELETE FROM gateway.processed_events WHERE event_id IN (SELECT event_id FROM webhooks.webhook_events WHERE call_id IN (SELECT id FROM seed))",
  );
  await client.query(
    "DELETE FROM webhooks.webhook_attempts WHERE delivery_id IN (SELECT id FROM webhooks.webhook_deliveries WHERE call_id IN (SELECT id FROM seed))",
  );
  const byCall = [
    "webhooks.webhook_deliveries",
    "webhooks.webhook_events",
    "webhooks.call_sequences",
    "dialer.dial_attempts",
    "dialer.dial_jobs",
  ];
  for (const table of [...byCall, "quota.minute_holds", "gateway.call_attempts"]) {
    await client.query(`DELETE FROM ${table} WHERE call_id IN (SELECT id FROM seed)`);
  }
  await client.query("DELETE FROM gateway.calls WHERE id IN (SELECT id FROM seed)");
  await client.query("DELETE FROM gateway.agents WHERE org_id IN (SELECT id FROM gateway.organizations WHERE name LIKE 'seed-%')");
  await client.query("DELETE FROM gateway.organizations WHERE name LIKE 'seed-%'");
  await client.query("COMMIT");
}

async function main(): Promise<void> {
  parseUrl("DATABASE_URL", DATABASE_URL, ["postgresql:", "postgres:"]);
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    if (process.env.BENCH_SEED_REMOVE === "1") {
      await removeSeed(client);
      console.error("seeded calls removed");
    } else {
      await seedOrgs(client);
      let have = await seededCalls(client);
      const started = Date.now();
      while (have < TARGET) {
        const calls = Math.min(CHUNK, TARGET - have);
        await seedChunk(client, calls);
        have += calls;
        console.error(`seeded ${have} of ${TARGET} calls (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      }
    }
    for (const table of TABLES) await client.query(`VACUUM (ANALYZE) ${table}`);
    const sizes = await client.query<{ table: string; rows: string; size: string }>(
      `SELECT t AS table, c.reltuples::bigint::text AS rows, pg_size_pretty(pg_total_relation_size(t::regclass)) AS size
         FROM unnest($1::text[]) t JOIN pg_class c ON c.oid = t::regclass`,
      [TABLES],
    );
    console.log(`| table | rows (estimate) | size with indexes |\n| --- | ---: | ---: |`);
    for (const row of sizes.rows) console.log(`| ${row.table} | ${row.rows} | ${row.size} |`);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

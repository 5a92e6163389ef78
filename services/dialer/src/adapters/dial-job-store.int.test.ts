import { randomUUID } from "node:crypto";
import { createLogger } from "@voxbridge/kit";
import pg from "pg";
import { testDatabaseUrl } from "../../../../tests/support/env";
import { queuedEvent } from "../../test/queued-event";
import { recordCarrierReport } from "../app/record-carrier-report";
import { createDialJobStore, takeLivenessLock } from "./dial-job-store";
import { DIALER_SCHEMA } from "./prisma";

// The orphan rule against the real Postgres: which live attempts a heartbeat hands back for ending.
const LEASE_SECONDS = 60;
const GRACE_SECONDS = 1;
let pool: pg.Pool;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4, options: `-c search_path=${DIALER_SCHEMA}` });
});
afterAll(() => pool.end());

const store = () => createDialJobStore({ pool, topic: "unused", account: "acct", cps: 10, orgConcurrency: 10 });

/** A calling job owned by `owner`, claimed just now (well inside the lease). */
async function liveCallOf(owner: string): Promise<string> {
  const callId = randomUUID();
  await pool.query(
    `INSERT INTO "dial_jobs" (call_id, org_id, status, due_at, queued, call, attempt_count, owner_id)
     VALUES ($1, $2, 'calling', now(), '{}', '{}', 1, $3)`,
    [callId, randomUUID(), owner],
  );
  await pool.query(
    `INSERT INTO "dial_attempts" (call_id, attempt, account, owner_id, status, dialed_at) VALUES ($1, 1, 'acct', $2, 'answered', now())`,
    [callId, owner],
  );
  return callId;
}

/** A dialer's LISTEN session holding its liveness lock; `end` is the process dying. */
async function sessionOf(owner: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: testDatabaseUrl(), options: `-c search_path=${DIALER_SCHEMA}` });
  await client.connect();
  await takeLivenessLock(client, owner);
  return client;
}

const silentFor = (owner: string, seconds: number) =>
  pool.query(`UPDATE "dialer_instances" SET heartbeat_at = clock_timestamp() - make_interval(secs => $2) WHERE id = $1`, [owner, seconds]);

const orphanIds = async () => (await store().heartbeat(randomUUID(), LEASE_SECONDS, GRACE_SECONDS)).map((o) => o.callId);

describe("dial job store: dead owners", () => {
  it("hands back a dead instance's live calls as soon as its session is gone, long before the lease", async () => {
    const owner = randomUUID();
    const session = await sessionOf(owner);
    const callId = await liveCallOf(owner);
    await silentFor(owner, 2);
    expect(await orphanIds()).not.toContain(callId);

    await session.end();
    expect(await orphanIds()).toContain(callId);
  });

  it("leaves a live instance's calls alone while its session is gone only for the grace (a reconnecting LISTEN)", async () => {
    const owner = randomUUID();
    const session = await sessionOf(owner);
    const callId = await liveCallOf(owner);
    await session.end();
    expect(await orphanIds()).not.toContain(callId);
  });

  it("keeps the lease rule for an instance that never held the lock", async () => {
    const owner = randomUUID();
    await pool.query(`INSERT INTO "dialer_instances" (id) VALUES ($1)`, [owner]);
    const callId = await liveCallOf(owner);
    await silentFor(owner, 5);
    expect(await orphanIds()).not.toContain(callId);

    await silentFor(owner, LEASE_SECONDS + 1);
    await pool.query(`UPDATE "dial_jobs" SET updated_at = clock_timestamp() - make_interval(secs => $2) WHERE call_id = $1`, [
      callId,
      LEASE_SECONDS + 1,
    ]);
    expect(await orphanIds()).toContain(callId);
  });

  it("does not take a lock another live session holds (a hash collision): that owner keeps the lease rule", async () => {
    const owner = randomUUID();
    const holder = await sessionOf(owner);
    const twin = await sessionOf(owner);
    const { rows } = await pool.query<{ liveness_lock: boolean }>(`SELECT liveness_lock FROM "dialer_instances" WHERE id = $1`, [owner]);
    expect(rows[0]?.liveness_lock).toBe(false);
    await Promise.all([holder.end(), twin.end()]);
  });
});

/** Queued jobs of one org, due `secondsAgo` ago and one millisecond apart, oldest first. */
async function dueJobs(orgId: string, count: number, secondsAgo: number): Promise<string[]> {
  const callIds = Array.from({ length: count }, () => randomUUID());
  for (const [index, callId] of callIds.entries()) {
    await pool.query(
      `INSERT INTO "dial_jobs" (call_id, org_id, status, due_at, queued, call)
       VALUES ($1::uuid, $2, 'queued', now() - make_interval(secs => $3::float8), '{"data": {"webhook_url": null}}', jsonb_build_object('id', $1::uuid))`,
      [callId, orgId, secondsAgo - index / 1000],
    );
  }
  return callIds;
}

describe("dial job store: claims", () => {
  // A pacing budget well above what these tests claim, so only org concurrency (10) and the limit bound them.
  const claims = () => createDialJobStore({ pool, topic: "unused", account: "claims", cps: 1000, orgConcurrency: 10 });
  // The file's database is its own: each claim test starts from empty tables.
  afterEach(() => pool.query(`TRUNCATE "outbox", "dial_attempts", "dial_jobs"`));

  it("takes each org's oldest due calls up to its concurrency, and an org at its limit holds no other org back", async () => {
    // Org A has more due calls than its limit (store(): 10), all older than org B's one; org C's are not due yet.
    const a = await dueJobs(randomUUID(), 14, 60);
    const b = await dueJobs(randomUUID(), 1, 1);
    await pool.query(
      `INSERT INTO "dial_jobs" (call_id, org_id, status, due_at, queued, call)
       VALUES ($1, $2, 'queued', now() + interval '1 hour', '{}', '{}')`,
      [randomUUID(), randomUUID()],
    );
    const first = await claims().claimDue(randomUUID(), 50);
    expect(first.claimed.map((c) => c.callId).sort()).toEqual([...a.slice(0, 10), ...b].sort());
    // Org A is at its limit: nothing more of it, whatever the budget.
    expect((await claims().claimDue(randomUUID(), 50)).claimed).toEqual([]);
    // The budget takes the oldest first across orgs.
    const c = await dueJobs(randomUUID(), 3, 30);
    const d = await dueJobs(randomUUID(), 3, 20);
    expect((await claims().claimDue(randomUUID(), 4)).claimed.map((x) => x.callId).sort()).toEqual([...c, d[0]].sort());
  });

  it("claims several due calls in one statement, each with a call.calling event of its own id", async () => {
    const callIds = await dueJobs(randomUUID(), 6, 1);
    const { claimed } = await claims().claimDue(randomUUID(), 10);
    expect(claimed.map((c) => c.callId).sort()).toEqual([...callIds].sort());
    const events = await pool.query<{ event_id: string; key: string; type: string }>(
      `SELECT event_id::text, key, payload->>'type' AS type FROM "outbox" WHERE key = ANY($1::text[])`,
      [callIds],
    );
    expect(events.rows.map((e) => e.key).sort()).toEqual([...callIds].sort());
    expect(new Set(events.rows.map((e) => e.event_id)).size).toBe(callIds.length);
    expect(new Set(events.rows.map((e) => e.type))).toEqual(new Set(["call.calling"]));
  });
});

describe("dial job store: an attempt's end", () => {
  const jobs = () => createDialJobStore({ pool, topic: "call-events", account: "ends", cps: 1000, orgConcurrency: 10 });
  const deps = () => ({
    jobs: jobs(),
    retryDelaySeconds: 60,
    logger: createLogger({ service: "dialer-test", level: "silent" }),
    onEnded: () => undefined,
  });
  afterEach(() => pool.query(`TRUNCATE "outbox", "dial_attempts", "dial_jobs"`));

  /** A job claimed and answered, as the scheduler and the carrier leave it. */
  async function answeredCall(maxAttempts: number): Promise<string> {
    const event = queuedEvent({ call: { max_attempts: maxAttempts } });
    await jobs().createAbsent([event], false);
    const { claimed } = await jobs().claimDue(randomUUID(), 10);
    expect(claimed.map((c) => c.callId)).toEqual([event.data.call.id]);
    await recordCarrierReport(deps(), event.data.call.id, 1, { kind: "answered" });
    return event.data.call.id;
  }

  const outboxOf = async (callId: string) =>
    (
      await pool.query<{ type: string; attempt: { attempt: number; answered_at: string | null; disposition: string } | null }>(
        `SELECT payload->>'type' AS type, payload->'data'->'attempt' AS attempt FROM "outbox" WHERE key = $1 AND payload->>'type' <> 'call.calling'`,
        [callId],
      )
    ).rows;

  it("writes the attempt, the job and its event in one transaction, wakes the schedulers, and ignores a second report of the same end", async () => {
    const callId = await answeredCall(1);
    const listener = new pg.Client({ connectionString: testDatabaseUrl(), options: `-c search_path=${DIALER_SCHEMA}` });
    await listener.connect();
    const woken = new Promise<string>((resolve) => listener.once("notification", (n) => resolve(n.channel)));
    await listener.query(`LISTEN ${DIALER_SCHEMA}_jobs`);
    try {
      await recordCarrierReport(deps(), callId, 1, { kind: "ended", outcome: "completed", talkSeconds: 42.4, detail: null });
      expect(await woken).toBe(`${DIALER_SCHEMA}_jobs`);
    } finally {
      await listener.end();
    }
    const attempt = await pool.query(
      `SELECT status, disposition, talk_seconds, answered_at IS NOT NULL AS answered, ended_at IS NOT NULL AS ended FROM "dial_attempts" WHERE call_id = $1`,
      [callId],
    );
    expect(attempt.rows).toEqual([{ status: "ended", disposition: "completed", talk_seconds: 42, answered: true, ended: true }]);
    const job = await pool.query(`SELECT status, owner_id, call->>'status' AS call_status FROM "dial_jobs" WHERE call_id = $1`, [callId]);
    expect(job.rows).toEqual([{ status: "completed", owner_id: null, call_status: "completed" }]);
    const events = await outboxOf(callId);
    expect(events).toEqual([{ type: "call.completed", attempt: expect.objectContaining({ attempt: 1, disposition: "completed" }) }]);
    expect(events[0]?.attempt?.answered_at).toEqual(expect.any(String));

    // The carrier says it again (a duplicate callback): the attempt is no longer live, nothing changes.
    await recordCarrierReport(deps(), callId, 1, { kind: "ended", outcome: "completed", talkSeconds: 42.4, detail: null });
    expect(await outboxOf(callId)).toHaveLength(1);
  });

  it("puts a call with attempts left back in the queue with a call.updated, its due time moved by the retry delay", async () => {
    const callId = await answeredCall(2);
    await recordCarrierReport(deps(), callId, 1, { kind: "ended", outcome: "busy", talkSeconds: null, detail: null });
    const job = await pool.query<{ status: string; owner_id: string | null; later: boolean }>(
      `SELECT status, owner_id, due_at > now() + interval '50 seconds' AS later FROM "dial_jobs" WHERE call_id = $1`,
      [callId],
    );
    expect(job.rows).toEqual([{ status: "queued", owner_id: null, later: true }]);
    expect(await outboxOf(callId)).toEqual([
      { type: "call.updated", attempt: expect.objectContaining({ attempt: 1, disposition: "busy" }) },
    ]);
  });
});

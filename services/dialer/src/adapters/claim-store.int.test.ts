import { randomUUID } from "node:crypto";
import pg from "pg";
import { testDatabaseUrl } from "../../../../tests/support/env";
import { createClaimStore } from "./claim-store";
import { DIALER_SCHEMA } from "./schema";

let pool: pg.Pool;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4, options: `-c search_path=${DIALER_SCHEMA}` });
});
afterAll(() => pool.end());

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

describe("claim store", () => {
  // A pacing budget well above what these tests claim, so only org concurrency (10) and the limit bound them.
  const claims = () => createClaimStore({ pool, topic: "unused", account: "claims", cps: 1000, orgConcurrency: 10 });
  // The file's database is its own: each claim test starts from empty tables.
  afterEach(() => pool.query(`TRUNCATE "outbox", "dial_attempts", "dial_jobs"`));

  it("takes each org's oldest due calls up to its concurrency, and an org at its limit holds no other org back", async () => {
    // Org A has more due calls than its limit (10), all older than org B's one; org C's are not due yet.
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

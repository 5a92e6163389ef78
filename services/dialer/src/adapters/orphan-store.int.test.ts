import { randomUUID } from "node:crypto";
import pg from "pg";
import { testDatabaseUrl } from "../../../../tests/support/env";
import { takeLivenessLock } from "./instance-store";
import { createOrphanStore } from "./orphan-store";
import { DIALER_SCHEMA } from "./schema";

// The orphan rule against the real Postgres: which live attempts a heartbeat hands back for ending.
const LEASE_SECONDS = 60;
const GRACE_SECONDS = 1;
let pool: pg.Pool;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4, options: `-c search_path=${DIALER_SCHEMA}` });
});
afterAll(() => pool.end());

const orphans = () => createOrphanStore({ pool, topic: "unused" });

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

const orphanIds = async () => (await orphans().findOrphans(LEASE_SECONDS, GRACE_SECONDS)).map((o) => o.callId);

describe("orphan store: dead owners", () => {
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

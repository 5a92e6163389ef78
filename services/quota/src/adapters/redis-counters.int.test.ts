import { randomUUID } from "node:crypto";
import { openQuotaFixture, type QuotaFixture } from "../../test/quota-fixtures";
import { createRedisCounters, LOAD_CHUNK_HOLDS } from "./redis-counters";

let fx: QuotaFixture;
beforeAll(async () => {
  fx = await openQuotaFixture();
});
afterAll(() => fx.close());

const LARGE = 100_000;
const holdsOf = (n: number) => Array.from({ length: n }, () => ({ callId: randomUUID(), minutes: 1 }));
const period = () => new Date().toISOString().slice(0, 7);

/** An org whose ledger has `n` open holds of one minute each, written in one statement. */
async function orgWithOpenHolds(n: number, limit: number): Promise<string> {
  const orgId = await fx.newOrg(limit);
  await fx.pool.query(
    `INSERT INTO minute_holds (call_id, org_id, period, minutes, status, expires_at)
     SELECT gen_random_uuid(), $1, $2, 1, 'held', now() + interval '1 hour' FROM generate_series(1, $3)`,
    [orgId, period(), n],
  );
  return orgId;
}

const stagingKeysOf = (orgId: string) => fx.redis.keys(`quota:{${orgId}}:holds:loading:*`);

describe("rebuilding an org's counters from the ledger (redis-counters load)", () => {
  it(`rebuilds an org with ${LARGE.toLocaleString("en")} open holds after Redis lost them, and holds the next call`, async () => {
    const orgId = await orgWithOpenHolds(LARGE, LARGE + 10);
    const { holds } = fx.accounting();
    await fx.wipeRedisFor(orgId);
    // Before the chunked load, this rebuild threw "Maximum call stack size exceeded": every create a 503.
    expect(await holds.hold(orgId, randomUUID())).toMatchObject({ granted: true, minutes_held: 1 });
    expect(await holds.usage(orgId)).toMatchObject({ minutes_limit: LARGE + 10, minutes_reserved: LARGE + 1, minutes_remaining: 9 });
    expect(await fx.redis.hlen(`quota:{${orgId}}:holds`)).toBe(LARGE + 2); // every hold, the new one and the sum
    expect(await stagingKeysOf(orgId)).toEqual([]);
    expect(await fx.redis.ttl(`quota:{${orgId}}:holds`)).toBeGreaterThan(0);
  }, 60_000);

  it("loads only what is missing, in chunks: a loader that finished first keeps its holds, and the slower one leaves nothing behind", async () => {
    const orgId = randomUUID();
    const counters = createRedisCounters(fx.redis);
    const large = holdsOf(LOAD_CHUNK_HOLDS * 5 + 7);
    const small = holdsOf(3);
    // The large load writes six chunks, one round trip each; the small one renames its one chunk first.
    await Promise.all([
      counters.load(orgId, period(), { limit: 100_000, used: 4, holds: large }),
      counters.load(orgId, period(), { limit: 9, used: 0, holds: small }),
    ]);
    const loaded = await fx.redis.hgetall(`quota:{${orgId}}:holds`);
    expect(loaded).toEqual({ held: "3", ...Object.fromEntries(small.map((hold) => [hold.callId, "1"])) });
    expect(await fx.redis.hget(`quota:{${orgId}}:${period()}`, "limit")).toBe("9");
    expect(await stagingKeysOf(orgId)).toEqual([]);

    // Loaded keys are never replaced: writers have kept them current.
    await counters.load(orgId, period(), { limit: 1, used: 1, holds: large });
    expect(await fx.redis.hgetall(`quota:{${orgId}}:holds`)).toEqual(loaded);
    expect(await stagingKeysOf(orgId)).toEqual([]);
    await fx.wipeRedisFor(orgId);
  });

  it("loads an org with no open holds, and one whose holds were not asked for", async () => {
    const orgId = randomUUID();
    const counters = createRedisCounters(fx.redis);
    await counters.load(orgId, period(), { limit: 5, used: 2, holds: [] });
    expect(await counters.read(orgId, period())).toEqual({ limit: 5, used: 2, held: 0, callHeld: 0 });
    await counters.drop(orgId, [period()]);
    await counters.load(orgId, period(), { limit: 5, used: 2, holds: null });
    expect(await counters.missing(orgId, period())).toEqual({ holds: true, period: false });
    expect(await stagingKeysOf(orgId)).toEqual([]);
    await fx.wipeRedisFor(orgId);
  });
});

import { randomUUID } from "node:crypto";
import { type MinuteHoldResponse, UsageOut } from "@voxbridge/contracts";
import { AppError, createRedisClient, manualClock } from "@voxbridge/kit";
import calculateSlot from "cluster-key-slot";
import { callEvent } from "../../test/call-events";
import { openQuotaFixture, type QuotaFixture, silentLogger } from "../../test/quota-fixtures";

let fx: QuotaFixture;
beforeAll(async () => {
  fx = await openQuotaFixture();
});
afterAll(() => fx.close());

const calls = (n: number) => Array.from({ length: n }, () => randomUUID());

/** Advisory lock spaces of the ledger (minute-ledger.ts): an org's lock and a call's. */
const ORG_LOCK = 0x71756f74;
const CALL_LOCK = 0x71756f63;

/** Resolves once a session waits for this lock (pg_locks shows (int4, int4) advisory keys as classid, objid). */
async function waitForLockWaiter(space: number, id: string): Promise<void> {
  for (;;) {
    const { rows } = await fx.pool.query(
      "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objsubid = 2 AND classid = $1 AND objid = $2",
      [space, Number.parseInt(id.slice(0, 8), 16)],
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The quota use cases, but the first hold runs `meanwhile` once: its row written and its locks held, its check not yet run. */
function accountingInterruptingFirstCheck(meanwhile: () => Promise<void>) {
  let interrupted = false;
  return fx.accounting({
    ledger: (ledger) => ({
      ...ledger,
      holdUnderLock: (hold, check) =>
        ledger.holdUnderLock(hold, async (record) => {
          if (!interrupted) {
            interrupted = true;
            await meanwhile();
          }
          return check(record);
        }),
    }),
  });
}

describe("minute holds", () => {
  it("grants holds until used + held + hold would pass the limit, then refuses", async () => {
    const { holds } = fx.accounting();
    const orgId = await fx.newOrg(2);
    // Each grant says how long its call may talk as of then: the minutes left after it, plus its own.
    expect(await holds.hold(orgId, randomUUID())).toEqual({ granted: true, minutes_held: 1, talk_seconds_allowed: 120 });
    expect(await holds.hold(orgId, randomUUID())).toEqual({ granted: true, minutes_held: 1, talk_seconds_allowed: 60 });
    expect(await holds.hold(orgId, randomUUID())).toEqual({ granted: false, minutes_held: 0 });
    expect(await holds.usage(orgId)).toMatchObject({ minutes_limit: 2, minutes_used: 0, minutes_reserved: 2, minutes_remaining: 0 });
    // A refused hold leaves nothing in the ledger.
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 2 });
  });

  it("holds once per call id however often it is asked", async () => {
    const { holds } = fx.accounting();
    const orgId = await fx.newOrg(5);
    const callId = randomUUID();
    const answers = await Promise.all([1, 2, 3].map(() => holds.hold(orgId, callId)));
    expect(answers).toEqual(Array(3).fill({ granted: true, minutes_held: 1, talk_seconds_allowed: 300 }));
    expect((await holds.usage(orgId)).minutes_reserved).toBe(1);
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 1 });
  });

  it("gives an unconfirmed hold back, once, and holds it again when the gateway retries the same call", async () => {
    const { holds } = fx.accounting();
    const orgId = await fx.newOrg(1);
    const callId = randomUUID();
    await holds.hold(orgId, callId);
    await holds.release(callId, orgId);
    await holds.release(callId, orgId);
    expect(await holds.usage(orgId)).toMatchObject({ minutes_reserved: 0, minutes_remaining: 1 });
    expect(await fx.ledgerOf(orgId)).toEqual({ "released:aborted": 1 });
    // The same Idempotency-Key retried: the call id comes back and is checked like a new hold.
    expect((await holds.hold(orgId, callId)).granted).toBe(true);
    expect((await holds.hold(orgId, randomUUID())).granted).toBe(false);
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 1 });
  });

  it("ignores a release for another org's call or for a call it never held", async () => {
    const { holds } = fx.accounting();
    const orgId = await fx.newOrg(1);
    const callId = randomUUID();
    await holds.hold(orgId, callId);
    await holds.release(callId, randomUUID());
    await holds.release(randomUUID(), orgId);
    expect((await holds.usage(orgId)).minutes_reserved).toBe(1);
  });

  it("grants exactly the limit under 1,000 concurrent holds, and no counter ever goes negative", async () => {
    const { holds } = fx.accounting();
    const orgId = await fx.newOrg(100);
    let watching = true;
    const seen: UsageOut[] = [];
    const watcher = (async () => {
      while (watching) seen.push(UsageOut.parse(await holds.usage(orgId)));
    })();
    let granted = 0;
    let mostGranted = 0;
    await Promise.all(
      calls(1000).map(async (callId) => {
        if ((await holds.hold(orgId, callId)).granted) mostGranted = Math.max(mostGranted, ++granted);
      }),
    );
    watching = false;
    await watcher;
    expect(granted).toBe(100);
    expect(mostGranted).toBe(100);
    expect(await holds.usage(orgId)).toMatchObject({ minutes_reserved: 100, minutes_remaining: 0 });
    // UsageOut refuses negative numbers.
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.min(...seen.map((usage) => usage.minutes_reserved))).toBeGreaterThanOrEqual(0);
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 100 });
    expect(Number(await fx.redis.hget(`quota:{${orgId}}:holds`, "held"))).toBe(100);
  });

  it("rebuilds counters from the Postgres ledger after Redis lost them: same usage, same refusals, same idempotency", async () => {
    const { holds } = fx.accounting();
    const orgId = await fx.newOrg(3);
    const first = randomUUID();
    await holds.hold(orgId, first);
    await holds.hold(orgId, randomUUID());
    const before = await holds.usage(orgId);
    await fx.wipeRedisFor(orgId);
    expect(await holds.usage(orgId)).toEqual(before);
    await fx.wipeRedisFor(orgId);
    expect((await holds.hold(orgId, first)).granted).toBe(true); // a retry of an existing hold, not a new one
    expect((await holds.hold(orgId, randomUUID())).granted).toBe(true);
    await fx.wipeRedisFor(orgId);
    expect((await holds.hold(orgId, randomUUID())).granted).toBe(false);
    expect((await holds.usage(orgId)).minutes_reserved).toBe(3);
  });

  it("counts the row of a request that failed after writing it, and answers its retry as held", async () => {
    const { holds } = fx.accounting();
    const orgId = await fx.newOrg(2);
    await holds.hold(orgId, randomUUID());
    // What a request leaves when Redis failed after its INSERT (or its process died): Redis may have counted it.
    const failed = randomUUID();
    await fx.pool.query(
      "INSERT INTO minute_holds (call_id, org_id, period, minutes, status, expires_at) VALUES ($1, $2, '2026-11', 1, 'held', now() + interval '5 minutes')",
      [failed, orgId],
    );
    await fx.wipeRedisFor(orgId);
    // Never a free minute: it counts until its retry or expiry decides.
    expect(await holds.usage(orgId)).toMatchObject({ minutes_reserved: 2, minutes_remaining: 0 });
    expect((await holds.hold(orgId, randomUUID())).granted).toBe(false);
    expect(await holds.hold(orgId, failed)).toMatchObject({ granted: true, minutes_held: 1 });
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 2 });
  });

  it("never lets a rebuild read a hold whose check is undecided", async () => {
    const orgId = await fx.newOrg(2);
    const plain = fx.accounting();
    await plain.holds.hold(orgId, randomUUID());
    await plain.holds.hold(orgId, randomUUID());
    const late = randomUUID();
    let rebuilt: Promise<UsageOut> | undefined;
    const { holds } = accountingInterruptingFirstCheck(async () => {
      // Redis is lost while this hold's row is written and its check not yet run; another request rebuilds.
      await fx.wipeRedisFor(orgId);
      rebuilt = plain.holds.usage(orgId);
      await Promise.race([rebuilt, waitForLockWaiter(ORG_LOCK, orgId)]);
    });
    expect(await holds.hold(orgId, late)).toEqual({ granted: false, minutes_held: 0 });
    // The rebuild waited for the check (which found Redis cold, gave its row up and asked again), so it never counted the hold.
    expect(await rebuilt).toMatchObject({ minutes_reserved: 2, minutes_remaining: 0 });
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 2 });
    expect(Number(await fx.redis.hget(`quota:{${orgId}}:holds`, "held"))).toBe(2);
  });

  it("checks two holds of one call id one after the other, even across a Redis loss", async () => {
    const orgId = await fx.newOrg(2);
    const plain = fx.accounting();
    await plain.holds.hold(orgId, randomUUID());
    const callId = randomUUID();
    let retry: Promise<MinuteHoldResponse> | undefined;
    let retryAnswered = false;
    const { holds } = accountingInterruptingFirstCheck(async () => {
      // The gateway gave up on this request and its retry asks for the same call; then Redis is lost.
      retry = plain.holds.hold(orgId, callId).finally(() => {
        retryAnswered = true;
      });
      await Promise.race([retry, waitForLockWaiter(CALL_LOCK, callId)]);
      expect(retryAnswered).toBe(false);
      await fx.wipeRedisFor(orgId);
    });
    expect(await holds.hold(orgId, callId)).toEqual({ granted: true, minutes_held: 1, talk_seconds_allowed: 60 });
    expect(await retry).toEqual({ granted: true, minutes_held: 1, talk_seconds_allowed: 60 });
    expect(await holds.usage(orgId)).toMatchObject({ minutes_reserved: 2, minutes_remaining: 0 });
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 2 });
    await fx.wipeRedisFor(orgId);
    expect(await holds.usage(orgId)).toMatchObject({ minutes_reserved: 2, minutes_remaining: 0 });
  });

  it("bills a call whose end arrives while a hold of it is being checked, and leaves no hold behind", async () => {
    const orgId = await fx.newOrg(5);
    const plain = fx.accounting();
    await plain.holds.usage(orgId); // counters loaded: the hold's script runs, not a rebuild
    const callId = randomUUID();
    let ended: Promise<unknown> | undefined;
    const { holds } = accountingInterruptingFirstCheck(async () => {
      ended = plain.events.apply(callEvent("call.completed", { orgId, callId }, { duration_seconds: 60 }));
      await Promise.race([ended, waitForLockWaiter(CALL_LOCK, callId)]);
    });
    expect((await holds.hold(orgId, callId)).granted).toBe(true);
    expect(await ended).toBe("ended");
    expect(await holds.usage(orgId)).toMatchObject({ minutes_used: 1, minutes_reserved: 0, minutes_remaining: 4 });
    expect(Number(await fx.redis.hget(`quota:{${orgId}}:holds`, "held"))).toBe(0);
    expect(await fx.ledgerOf(orgId)).toEqual({ "settled:completed": 1 });
  });

  it("accepts the previous release's writes during a rolling deploy: a hold without expiry, a release without reason", async () => {
    const { holds } = fx.accounting();
    const orgId = await fx.newOrg(2);
    const [old, released] = calls(2);
    // The SQL of the first quota release, verbatim.
    for (const callId of [old, released]) {
      await fx.pool.query(
        "INSERT INTO minute_holds (call_id, org_id, period, minutes, status) VALUES ($1::uuid, $2::uuid, $3, $4, 'held') ON CONFLICT (call_id) DO NOTHING",
        [callId, orgId, "2026-11", 1],
      );
    }
    await fx.pool.query("UPDATE minute_holds SET status = 'released', closed_at = now() WHERE call_id = $1::uuid AND status = 'held'", [
      released,
    ]);
    const { rows } = await fx.pool.query("SELECT expires_at > now() + interval '4 minutes' AS later FROM minute_holds WHERE call_id = $1", [
      old,
    ]);
    expect(rows).toEqual([{ later: true }]);
    await fx.wipeRedisFor(orgId);
    // Its open hold names no grant time: the column's default counts it as granted, as the previous release did.
    expect(await holds.usage(orgId)).toMatchObject({ minutes_reserved: 1, minutes_remaining: 1 });
  });

  it("treats an org without a limit as having none to spend", async () => {
    expect((await fx.accounting().holds.hold(randomUUID(), randomUUID())).granted).toBe(false);
  });

  it("refuses a call id that another org holds", async () => {
    const { holds } = fx.accounting();
    const callId = randomUUID();
    await holds.hold(await fx.newOrg(1), callId);
    await expect(holds.hold(await fx.newOrg(1), callId)).rejects.toMatchObject({ code: "conflict" });
  });

  it("fails with a retryable dependency_unavailable error, never a grant, and holds nothing when Redis is unreachable", async () => {
    const unreachable = createRedisClient("redis://127.0.0.1:1", silentLogger);
    await unreachable.connect().catch(() => undefined);
    const orgId = await fx.newOrg(10);
    const outcome = await fx
      .accounting({ redis: unreachable })
      .holds.hold(orgId, randomUUID())
      .catch((error: unknown) => error);
    unreachable.disconnect();
    expect(outcome).toBeInstanceOf(AppError);
    expect(outcome).toMatchObject({ code: "dependency_unavailable", retryable: true });
    // The check was never sent (the client is not connected), so nothing was counted and the row goes:
    // a refused request holds nothing once it is answered, and the org keeps its minutes.
    expect(await fx.ledgerOf(orgId)).toEqual({});
    expect(await fx.accounting().holds.usage(orgId)).toMatchObject({ minutes_reserved: 0, minutes_remaining: 10 });
  });

  it("keeps one org's keys in one Redis Cluster slot (one hash tag per org)", async () => {
    const clock = manualClock("2026-11-27T12:00:00Z");
    const orgId = await fx.newOrg(1);
    await fx.accounting({ now: clock }).holds.hold(orgId, randomUUID());
    const keys = await fx.redis.keys(`quota:{${orgId}}:*`);
    expect(keys.sort()).toEqual([`quota:{${orgId}}:2026-11`, `quota:{${orgId}}:holds`]);
    // The slot as a Cluster computes it (CRC16 of the hash tag), so this holds on a standalone server too;
    // tests/e2e/redis-topologies.test.ts runs the scripts on a real Cluster.
    expect(new Set(keys.map((key) => calculateSlot(key))).size).toBe(1);
    expect(calculateSlot(`quota:{${orgId}}:holds`)).toBe(calculateSlot(orgId));
  });
});

describe("monthly limit changes", () => {
  it("apply at once to warm counters, upwards and downwards, and are durable", async () => {
    const { holds } = fx.accounting();
    const orgId = await fx.newOrg(2);
    await holds.hold(orgId, randomUUID());
    await holds.hold(orgId, randomUUID());
    expect((await holds.hold(orgId, randomUUID())).granted).toBe(false);

    expect(await holds.setLimit(orgId, 3)).toMatchObject({ minutes_limit: 3, minutes_reserved: 2, minutes_remaining: 1 });
    expect((await holds.hold(orgId, randomUUID())).granted).toBe(true);

    expect(await holds.setLimit(orgId, 1)).toMatchObject({ minutes_limit: 1, minutes_reserved: 3, minutes_remaining: 0 });
    expect((await holds.hold(orgId, randomUUID())).granted).toBe(false);

    await fx.wipeRedisFor(orgId);
    expect((await holds.usage(orgId)).minutes_limit).toBe(1);
    const { rows } = await fx.pool.query("SELECT minutes_limit FROM org_limits WHERE org_id = $1", [orgId]);
    expect(rows).toEqual([{ minutes_limit: 1 }]);
  });

  it("creates the limit of an org quota has not seen", async () => {
    const orgId = randomUUID();
    expect(await fx.accounting().holds.setLimit(orgId, 7)).toMatchObject({ minutes_limit: 7, minutes_remaining: 7 });
  });

  it("never leave Redis with the old limit when changed during a burst of holds", async () => {
    const { holds } = fx.accounting();
    const orgId = await fx.newOrg(10);
    const burst = Promise.all(calls(200).map((callId) => holds.hold(orgId, callId)));
    await holds.setLimit(orgId, 50);
    const granted = (await burst).filter((answer) => answer.granted).length;
    // Whatever interleaving: no more than the larger limit was ever granted, and the org ends at the new limit exactly.
    expect(granted).toBeLessThanOrEqual(50);
    expect(granted).toBeGreaterThanOrEqual(10);
    const fill = (await Promise.all(calls(100).map((callId) => holds.hold(orgId, callId)))).filter((answer) => answer.granted).length;
    expect(granted + fill).toBe(50);
  });
});

describe("allowance for the dialer", () => {
  it("is the org's remaining minutes plus what the call itself holds, in seconds of talk", async () => {
    const { holds } = fx.accounting();
    const orgId = await fx.newOrg(10);
    const callId = randomUUID();
    await holds.hold(orgId, callId);
    expect(await holds.allowance(orgId, callId)).toMatchObject({ minutes_remaining: 9, call_minutes_held: 1, talk_seconds_allowed: 600 });
    expect(await holds.allowance(orgId)).toMatchObject({ minutes_remaining: 9, call_minutes_held: 0, talk_seconds_allowed: 540 });
    await fx.wipeRedisFor(orgId);
    expect(await holds.allowance(orgId, callId)).toMatchObject({ minutes_remaining: 9, call_minutes_held: 1, talk_seconds_allowed: 600 });
  });
});

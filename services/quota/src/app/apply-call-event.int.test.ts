import { randomUUID } from "node:crypto";
import { manualClock } from "@voxbridge/kit";
import { callEvent } from "../../test/call-events";
import { openQuotaFixture, type QuotaFixture } from "../../test/quota-fixtures";

let fx: QuotaFixture;
beforeAll(async () => {
  fx = await openQuotaFixture();
});
afterAll(() => fx.close());

const calls = (n: number) => Array.from({ length: n }, () => randomUUID());

describe("settlement of lifecycle events", () => {
  it("bills a completed call ceil(duration / 60) minutes and releases its hold", async () => {
    const { holds, events } = fx.accounting();
    const orgId = await fx.newOrg(10);
    const callId = randomUUID();
    await holds.hold(orgId, callId);
    await events.apply(callEvent("call.queued", { orgId, callId }));
    expect(await events.apply(callEvent("call.completed", { orgId, callId }, { duration_seconds: 61 }))).toBe("ended");
    expect(await holds.usage(orgId)).toMatchObject({ minutes_used: 2, minutes_reserved: 0, minutes_remaining: 8 });
    expect(await fx.ledgerOf(orgId)).toEqual({ "settled:completed": 1 });
  });

  it("bills a replayed event once, however often and however concurrently it is delivered", async () => {
    const { holds, events } = fx.accounting();
    const orgId = await fx.newOrg(10);
    const callId = randomUUID();
    await holds.hold(orgId, callId);
    const completed = callEvent("call.completed", { orgId, callId }, { duration_seconds: 125 });
    expect(await events.apply(completed)).toBe("ended");
    expect(await events.apply(completed)).toBe("replay");
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => events.apply(completed)));
    expect(outcomes).toEqual(["replay", "replay", "replay", "replay"]);
    // Another end of the same call (a second event id) is a replay too: one settlement per call.
    expect(await events.apply(callEvent("call.failed", { orgId, callId }, { duration_seconds: 400 }))).toBe("replay");
    expect(await holds.usage(orgId)).toMatchObject({ minutes_used: 3, minutes_reserved: 0, minutes_remaining: 7 });
    const { rows } = await fx.pool.query("SELECT billed_minutes, closed_by_event_id::text FROM minute_holds WHERE call_id = $1", [callId]);
    expect(rows).toEqual([{ billed_minutes: 3, closed_by_event_id: completed.id }]);
  });

  it("bills once when the end arrives before the hold (out of order), and the late hold holds nothing", async () => {
    const { holds, events } = fx.accounting();
    const orgId = await fx.newOrg(10);
    const callId = randomUUID();
    const completed = callEvent("call.completed", { orgId, callId }, { duration_seconds: 90 });
    expect(await events.apply(completed)).toBe("ended");
    expect(await holds.hold(orgId, callId)).toEqual({ granted: true, minutes_held: 0 });
    expect(await events.apply(callEvent("call.queued", { orgId, callId }))).toBe("ignored");
    expect(await events.apply(completed)).toBe("replay");
    expect(await holds.usage(orgId)).toMatchObject({ minutes_used: 2, minutes_reserved: 0, minutes_remaining: 8 });
    expect(await fx.ledgerOf(orgId)).toEqual({ "settled:completed": 1 });
  });

  it("releases the hold and bills nothing for a failed or canceled call without talk time; bills a failed call that talked", async () => {
    const { holds, events } = fx.accounting();
    const orgId = await fx.newOrg(10);
    const [failed, canceled, talked] = calls(3) as [string, string, string];
    for (const callId of [failed, canceled, talked]) await holds.hold(orgId, callId);
    await events.apply(callEvent("call.failed", { orgId, callId: failed }, { duration_seconds: null, disposition: "rejected" }));
    await events.apply(callEvent("call.canceled", { orgId, callId: canceled }));
    await events.apply(callEvent("call.failed", { orgId, callId: talked }, { duration_seconds: 45, disposition: "error" }));
    expect(await holds.usage(orgId)).toMatchObject({ minutes_used: 1, minutes_reserved: 0, minutes_remaining: 9 });
    expect(await fx.ledgerOf(orgId)).toEqual({ "released:failed": 1, "released:canceled": 1, "settled:failed": 1 });
  });

  it("bills the talk of a call canceled while talking: the dialer's one call.canceled, with the duration, settles it", async () => {
    const { holds, events } = fx.accounting();
    const orgId = await fx.newOrg(10);
    const callId = randomUUID();
    await holds.hold(orgId, callId);
    await events.apply(callEvent("call.queued", { orgId, callId }));
    await events.apply(callEvent("call.calling", { orgId, callId }, { status: "calling", attempt_count: 1 }));
    const canceled = callEvent(
      "call.canceled",
      { orgId, callId },
      {
        status: "canceled",
        disposition: "canceled",
        attempt_count: 1,
        duration_seconds: 75,
        cancel_requested_at: "2026-12-06T10:00:00.000Z",
      },
    );
    expect(await events.apply(canceled)).toBe("ended");
    expect(await holds.usage(orgId)).toMatchObject({ minutes_used: 2, minutes_reserved: 0, minutes_remaining: 8 });
    expect(await fx.ledgerOf(orgId)).toEqual({ "settled:canceled": 1 });
  });

  it("confirms an open hold without touching its count, and restores one Redis lost track of", async () => {
    const { holds, events } = fx.accounting();
    const orgId = await fx.newOrg(3);
    const [counted, lost] = calls(2) as [string, string];
    await holds.hold(orgId, counted);
    await holds.hold(orgId, lost);
    expect(await events.apply(callEvent("call.queued", { orgId, callId: counted }))).toBe("confirmed");
    expect(await events.apply(callEvent("call.calling", { orgId, callId: counted }))).toBe("confirmed");
    // A release that dropped the hold from Redis but failed before its ledger change committed.
    await fx.redis.hdel(`quota:{${orgId}}:holds`, lost);
    await fx.redis.hincrby(`quota:{${orgId}}:holds`, "held", -1);
    expect((await holds.usage(orgId)).minutes_reserved).toBe(1);
    expect(await events.apply(callEvent("call.queued", { orgId, callId: lost }))).toBe("confirmed");
    expect(await holds.usage(orgId)).toMatchObject({ minutes_reserved: 2, minutes_remaining: 1 });
    const { rows } = await fx.pool.query("SELECT count(*)::int AS n FROM minute_holds WHERE org_id = $1 AND confirmed_at IS NOT NULL", [
      orgId,
    ]);
    expect(rows).toEqual([{ n: 2 }]);
    expect(await events.apply(callEvent("call.queued", { orgId, callId: randomUUID() }))).toBe("ignored");
  });

  it("applies a fetched batch in order, each run of confirms in one statement: the same outcomes as one by one", async () => {
    const { holds, events } = fx.accounting();
    const orgId = await fx.newOrg(5);
    const [talked, lost, unheld, ended] = calls(4) as [string, string, string, string];
    for (const callId of [talked, lost, ended]) await holds.hold(orgId, callId);
    // Redis lost track of one hold (as in the test above).
    await fx.redis.hdel(`quota:{${orgId}}:holds`, lost);
    await fx.redis.hincrby(`quota:{${orgId}}:holds`, "held", -1);
    const batch = [
      callEvent("call.queued", { orgId, callId: talked }),
      callEvent("call.queued", { orgId, callId: lost }),
      callEvent("call.queued", { orgId, callId: unheld }),
      callEvent("call.calling", { orgId, callId: talked }),
      callEvent("call.completed", { orgId, callId: talked }, { duration_seconds: 61 }),
      callEvent("call.queued", { orgId, callId: ended }),
      callEvent("call.canceled", { orgId, callId: ended }),
      // A confirm after its call's end in the same batch finds it ended.
      callEvent("call.calling", { orgId, callId: ended }),
    ];
    expect(await events.applyAll(batch)).toEqual([
      "confirmed",
      "confirmed",
      "ignored",
      "confirmed",
      "ended",
      "confirmed",
      "ended",
      "ignored",
    ]);
    expect(await holds.usage(orgId)).toMatchObject({ minutes_used: 2, minutes_reserved: 1, minutes_remaining: 2 });
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 1, "settled:completed": 1, "released:canceled": 1 });
    // The batch redelivered whole (a crash before its offset commit) changes nothing.
    expect(await events.applyAll(batch)).toEqual(["ignored", "confirmed", "ignored", "ignored", "replay", "ignored", "replay", "ignored"]);
    expect(await holds.usage(orgId)).toMatchObject({ minutes_used: 2, minutes_reserved: 1, minutes_remaining: 2 });
  });

  it("ends a batch's calls of several orgs at once, each once, with a replay and an end before its hold among them", async () => {
    const { holds, events } = fx.accounting();
    const [orgA, orgB] = [await fx.newOrg(10), await fx.newOrg(10)];
    const [a1, a2, b1, unheld] = calls(4) as [string, string, string, string];
    for (const [orgId, callId] of [
      [orgA, a1],
      [orgA, a2],
      [orgB, b1],
    ] as const)
      await holds.hold(orgId, callId);
    const a1Completed = callEvent("call.completed", { orgId: orgA, callId: a1 }, { duration_seconds: 61 });
    const batch = [
      callEvent("call.calling", { orgId: orgA, callId: a1 }),
      a1Completed,
      callEvent("call.failed", { orgId: orgA, callId: a2 }, { duration_seconds: null, disposition: "busy" }),
      callEvent("call.completed", { orgId: orgB, callId: b1 }, { duration_seconds: 130 }),
      // Redelivered in the same batch: one settlement.
      a1Completed,
      // The ledger has never seen this call: it is ended and billed once all the same.
      callEvent("call.completed", { orgId: orgB, callId: unheld }, { duration_seconds: 30 }),
    ];
    expect(await events.applyAll(batch)).toEqual(["confirmed", "ended", "ended", "ended", "replay", "ended"]);
    expect(await holds.usage(orgA)).toMatchObject({ minutes_used: 2, minutes_reserved: 0, minutes_remaining: 8 });
    expect(await holds.usage(orgB)).toMatchObject({ minutes_used: 4, minutes_reserved: 0, minutes_remaining: 6 });
    expect(await fx.ledgerOf(orgA)).toEqual({ "settled:completed": 1, "released:failed": 1 });
    expect(await fx.ledgerOf(orgB)).toEqual({ "settled:completed": 2 });
    // The whole batch again changes nothing.
    expect(await events.applyAll(batch)).toEqual(["ignored", "replay", "replay", "replay", "replay", "replay"]);
    expect(await holds.usage(orgB)).toMatchObject({ minutes_used: 4, minutes_reserved: 0 });
  });

  it("refuses a batch with an end of another org's call whole, so that each event is handled on its own", async () => {
    const { holds, events } = fx.accounting();
    const [orgId, otherOrg] = [await fx.newOrg(5), await fx.newOrg(5)];
    const [mine, theirs] = calls(2) as [string, string];
    await holds.hold(orgId, mine);
    await holds.hold(otherOrg, theirs);
    const batch = [
      callEvent("call.completed", { orgId, callId: mine }, { duration_seconds: 60 }),
      callEvent("call.completed", { orgId, callId: theirs }, { duration_seconds: 60 }),
    ];
    await expect(events.applyAll(batch)).rejects.toMatchObject({ code: "conflict", retryable: false });
    // Rolled back: nothing was billed, so the one-by-one path bills the good event once.
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 1 });
    expect(await events.apply(batch[0] as (typeof batch)[number])).toBe("ended");
    expect(await holds.usage(orgId)).toMatchObject({ minutes_used: 1, minutes_reserved: 0 });
  });

  it("never bills one org for another org's call: the event is refused for the dead-letter topic", async () => {
    const { holds, events } = fx.accounting();
    const orgId = await fx.newOrg(5);
    const callId = randomUUID();
    await holds.hold(orgId, callId);
    const foreign = callEvent("call.completed", { orgId: await fx.newOrg(5), callId }, { duration_seconds: 60 });
    await expect(events.apply(foreign)).rejects.toMatchObject({ code: "conflict", retryable: false });
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 1 });
  });

  it("bills in the UTC month the call ended, and starts each month at zero (controllable clock)", async () => {
    const clock = manualClock("2026-11-30T23:59:00Z");
    const { holds, events } = fx.accounting({ now: clock });
    const orgId = await fx.newOrg(5);
    const [november, spanning] = calls(2) as [string, string];
    await holds.hold(orgId, november);
    await holds.hold(orgId, spanning);
    await events.apply(
      callEvent("call.completed", { orgId, callId: november }, { duration_seconds: 90, completed_at: "2026-11-30T23:59:40.000Z" }),
    );
    expect(await holds.usage(orgId)).toMatchObject({
      period_start: "2026-11-01T00:00:00.000Z",
      period_end: "2026-12-01T00:00:00.000Z",
      minutes_used: 2,
      minutes_reserved: 1,
      minutes_remaining: 2,
    });

    clock.set("2026-12-01T00:00:30Z");
    // A new month: nothing billed yet; the call still in progress keeps its hold.
    expect(await holds.usage(orgId)).toMatchObject({
      period_start: "2026-12-01T00:00:00.000Z",
      period_end: "2027-01-01T00:00:00.000Z",
      minutes_limit: 5,
      minutes_used: 0,
      minutes_reserved: 1,
      minutes_remaining: 4,
    });
    await events.apply(
      callEvent("call.completed", { orgId, callId: spanning }, { duration_seconds: 61, completed_at: "2026-12-01T00:00:20.000Z" }),
    );
    expect(await holds.usage(orgId)).toMatchObject({ minutes_used: 2, minutes_reserved: 0, minutes_remaining: 3 });

    // The same months rebuilt from the ledger alone.
    await fx.wipeRedisFor(orgId);
    expect(await holds.usage(orgId)).toMatchObject({ minutes_used: 2, minutes_reserved: 0 });
    clock.set("2026-11-15T00:00:00Z");
    expect(await holds.usage(orgId)).toMatchObject({ period_start: "2026-11-01T00:00:00.000Z", minutes_used: 2, minutes_reserved: 0 });
  });

  it("changes nothing when Redis is wiped mid-run: usage, holds and refusals are exactly what they would have been", async () => {
    const { holds, events } = fx.accounting();
    const orgId = await fx.newOrg(150);
    // 30 calls in progress, confirmed by call.queued.
    const inProgress = calls(30);
    for (const callId of inProgress) {
      await holds.hold(orgId, callId);
      await events.apply(callEvent("call.queued", { orgId, callId }));
    }
    const completions = inProgress.map((callId) => callEvent("call.completed", { orgId, callId }, { duration_seconds: 60 }));

    let wiping = true;
    let wipes = 0;
    const wiper = (async () => {
      while (wiping) {
        await fx.wipeRedisFor(orgId);
        wipes++;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    // At once: 1,000 new holds, the 30 calls ending (1 minute each: billing replaces their hold one for one), and 10 of those ends redelivered.
    let answers: { granted: boolean }[];
    try {
      [answers] = await Promise.all([
        Promise.all(calls(1000).map((callId) => holds.hold(orgId, callId))),
        Promise.all(completions.map((event) => events.apply(event))),
        Promise.all(completions.slice(0, 10).map((event) => events.apply(event))),
      ]);
    } finally {
      wiping = false;
      await wiper;
    }

    expect(wipes).toBeGreaterThan(3);
    expect(answers.filter((answer) => answer.granted)).toHaveLength(120);
    const expected = { minutes_limit: 150, minutes_used: 30, minutes_reserved: 120, minutes_remaining: 0 };
    expect(await holds.usage(orgId)).toMatchObject(expected);
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 120, "settled:completed": 30 });
    await fx.wipeRedisFor(orgId);
    expect(await holds.usage(orgId)).toMatchObject(expected);
    expect((await holds.hold(orgId, randomUUID())).granted).toBe(false);
    expect(Number(await fx.redis.hget(`quota:{${orgId}}:holds`, "held"))).toBe(120);
  });
});

import { randomUUID } from "node:crypto";
import { manualClock } from "@voxbridge/kit";
import { callEvent } from "../../test/call-events";
import { openQuotaFixture, type QuotaFixture } from "../../test/quota-fixtures";
import { periodOf } from "../domain/period";

// Reconciliation releases every expired hold in the database, not one org's. Its tests therefore run
// on clocks in 2020: they expire only holds made on 2020 clocks, never the holds of tests running in
// parallel on today's clock. Keep every test that runs it in this file (one file runs one test at a time).
const IN_2020 = "2020-03-10T10:00:00Z";

let fx: QuotaFixture;
beforeAll(async () => {
  fx = await openQuotaFixture();
});
afterAll(() => fx.close());

describe("reconciliation of leaked holds", () => {
  it("releases a hold whose call never reached Kafka once its TTL has passed, and only then", async () => {
    const clock = manualClock(IN_2020);
    const { holds, reconciler } = fx.accounting({ now: clock });
    const orgId = await fx.newOrg(1);
    await holds.hold(orgId, randomUUID());
    expect((await holds.hold(orgId, randomUUID())).granted).toBe(false);

    clock.advance(299_000);
    await reconciler.releaseExpiredHolds();
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 1 });

    clock.advance(2_000);
    const pass = await reconciler.releaseExpiredHolds();
    expect(pass.ran).toBe(true);
    expect(pass.released).toBeGreaterThanOrEqual(1);
    expect(await fx.ledgerOf(orgId)).toEqual({ "released:unconfirmed": 1 });
    expect(await holds.usage(orgId)).toMatchObject({ minutes_reserved: 0, minutes_remaining: 1 });
    expect((await holds.hold(orgId, randomUUID())).granted).toBe(true);
  });

  it("keeps a confirmed hold past the unconfirmed TTL, and restores a hold released before its late call.queued", async () => {
    const clock = manualClock(IN_2020);
    const { holds, events, reconciler } = fx.accounting({ now: clock });
    const orgId = await fx.newOrg(2);
    const [confirmed, late] = [randomUUID(), randomUUID()];
    await holds.hold(orgId, confirmed);
    await holds.hold(orgId, late);
    await events.apply(callEvent("call.queued", { orgId, callId: confirmed }, {}, { time: clock() }));
    clock.advance(301_000);
    await reconciler.releaseExpiredHolds();
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 1, "released:unconfirmed": 1 });
    expect((await holds.usage(orgId)).minutes_reserved).toBe(1);
    // Kafka was slow: the gateway did accept the call. Its hold counts again, limit or not.
    expect(await events.apply(callEvent("call.queued", { orgId, callId: late }, {}, { time: clock() }))).toBe("confirmed");
    expect(await holds.usage(orgId)).toMatchObject({ minutes_reserved: 2, minutes_remaining: 0 });
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 2 });
  });

  it("releases a confirmed hold only after its call has been silent for the maximum past its schedule, and still bills a late end", async () => {
    const clock = manualClock(IN_2020);
    const { holds, events, reconciler } = fx.accounting({ now: clock });
    const orgId = await fx.newOrg(5);
    const callId = randomUUID();
    await holds.hold(orgId, callId);
    await events.apply(callEvent("call.queued", { orgId, callId }, { scheduled_at: "2020-03-10T12:00:00.000Z" }, { time: clock() }));
    clock.set("2020-03-11T11:59:00Z"); // 24 h after the event, not yet 24 h after the scheduled time
    await reconciler.releaseExpiredHolds();
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 1 });
    clock.set("2020-03-11T12:00:01Z");
    await reconciler.releaseExpiredHolds();
    expect(await fx.ledgerOf(orgId)).toEqual({ "released:expired": 1 });
    expect((await holds.usage(orgId)).minutes_reserved).toBe(0);
    // The call did end after all: billed, and a replay still bills once.
    const completed = callEvent("call.completed", { orgId, callId }, { duration_seconds: 30, completed_at: "2020-03-11T12:00:00.000Z" });
    expect(await events.apply(completed)).toBe("ended");
    expect(await events.apply(completed)).toBe("replay");
    expect(await holds.usage(orgId)).toMatchObject({ minutes_used: 1, minutes_reserved: 0 });
  });

  it("releases the hold of a request whose quota instance died between writing it and checking it", async () => {
    const clock = manualClock(IN_2020);
    const orgId = await fx.newOrg(10);
    // What a process killed mid-hold leaves: the row, never checked against Redis, never answered.
    await fx.pool.query(
      `INSERT INTO minute_holds (call_id, org_id, period, minutes, status, expires_at) VALUES ($1, $2, $3, 1, 'held', $4)`,
      [randomUUID(), orgId, periodOf(clock()), new Date(clock().getTime() + 300_000)],
    );
    expect(await fx.ledgerOf(orgId)).toEqual({ held: 1 });
    clock.advance(301_000);
    await fx.accounting({ now: clock }).reconciler.releaseExpiredHolds();
    expect(await fx.ledgerOf(orgId)).toEqual({ "released:unconfirmed": 1 });
    expect(await fx.accounting({ now: clock }).holds.usage(orgId)).toMatchObject({ minutes_reserved: 0, minutes_remaining: 10 });
  });

  it("runs one pass at a time across instances", async () => {
    // Instance A's pass stops inside its lock until the test lets it go; meanwhile instance B's pass must not run.
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    const a = fx.accounting({
      now: manualClock(IN_2020),
      ledger: (ledger) => ({
        ...ledger,
        expiredHolds: async (now, limit) => {
          entered();
          await gate;
          return ledger.expiredHolds(now, limit);
        },
      }),
    }).reconciler;
    const b = fx.accounting({ now: manualClock(IN_2020) }).reconciler;

    const passA = a.releaseExpiredHolds();
    await inside;
    expect(await b.releaseExpiredHolds()).toEqual({ ran: false, released: 0 });
    letGo();
    expect((await passA).ran).toBe(true);
    // Once A's pass is over, B runs the next one.
    expect((await b.releaseExpiredHolds()).ran).toBe(true);
  });
});

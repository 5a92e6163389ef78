import { randomUUID } from "node:crypto";
import { callEvent } from "../../test/call-events";
import { settlementStepOf } from "./call-settlement";

const ids = { orgId: randomUUID(), callId: randomUUID() };
const at = new Date("2026-11-30T23:59:30Z");

describe("settlement step of a lifecycle event", () => {
  it("confirms the hold on call.queued (with the scheduled time) and call.calling", () => {
    expect(settlementStepOf(callEvent("call.queued", ids, { scheduled_at: "2026-12-24T09:00:00.000Z" }, { time: at }))).toEqual({
      kind: "confirm",
      scheduledAt: "2026-12-24T09:00:00.000Z",
    });
    expect(settlementStepOf(callEvent("call.calling", ids, {}, { time: at })).kind).toBe("confirm");
  });

  it("keeps the hold until the next attempt when that is later than the schedule (a calling window, a retry's call.updated)", () => {
    const opening = { scheduled_at: "2026-12-24T03:00:00.000Z", next_attempt_at: "2026-12-24T14:00:00.000Z" };
    expect(settlementStepOf(callEvent("call.queued", ids, opening, { time: at }))).toEqual({
      kind: "confirm",
      scheduledAt: opening.next_attempt_at,
    });
    const retry = callEvent("call.updated", ids, { status: "calling", next_attempt_at: "2026-12-26T14:00:00.000Z" }, { time: at });
    expect(settlementStepOf(retry)).toEqual({ kind: "confirm", scheduledAt: "2026-12-26T14:00:00.000Z" });
  });

  it("bills a completed call ceil(duration / 60) minutes in the month it ended", () => {
    const event = callEvent("call.completed", ids, { duration_seconds: 61, completed_at: "2026-12-01T00:00:31.000Z" }, { time: at });
    expect(settlementStepOf(event)).toEqual({ kind: "end", reason: "completed", billedMinutes: 2, billedPeriod: "2026-12" });
  });

  it("bills nothing for a failed or canceled call without talk time, and bills a failed or canceled call that did talk", () => {
    expect(settlementStepOf(callEvent("call.failed", ids, { duration_seconds: null }, { time: at }))).toMatchObject({ billedMinutes: 0 });
    expect(settlementStepOf(callEvent("call.canceled", ids, { duration_seconds: 0 }, { time: at }))).toMatchObject({
      reason: "canceled",
      billedMinutes: 0,
    });
    // The dialer's one terminal event of a call canceled while talking carries the talk time, billed like a completed call's.
    expect(settlementStepOf(callEvent("call.canceled", ids, { duration_seconds: 75 }, { time: at }))).toMatchObject({
      reason: "canceled",
      billedMinutes: 2,
    });
    expect(settlementStepOf(callEvent("call.failed", ids, { duration_seconds: 30 }, { time: at }))).toMatchObject({
      reason: "failed",
      billedMinutes: 1,
      billedPeriod: "2026-11",
    });
  });
});

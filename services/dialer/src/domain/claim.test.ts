import { CallEvent, newCallOut } from "@voxbridge/contracts";
import { queuedEvent } from "../../test/queued-event";
import { callingCall, callingEvent, nextClaimAt, orgRoom, pacingBudget } from "./claim";

const pacing = { cps: 4, windowMs: 1_100 };
const now = new Date("2026-12-03T10:00:00.000Z");

describe("the claim's rules", () => {
  it("takes no more than the claim's limit nor what the pacing window has left, never below zero", () => {
    expect(pacingBudget(pacing, { used: 0, oldest: null }, 10)).toBe(4);
    expect(pacingBudget(pacing, { used: 1, oldest: now }, 2)).toBe(2);
    expect(pacingBudget(pacing, { used: 4, oldest: now }, 10)).toBe(0);
    expect(pacingBudget(pacing, { used: 6, oldest: now }, 10)).toBe(0);
    // A fractional CPS rounds down: 2.5 per window is 2.
    expect(pacingBudget({ ...pacing, cps: 2.5 }, { used: 0, oldest: null }, 10)).toBe(2);
  });

  it("gives an org its own limit, or the default, less its live calls", () => {
    expect(orgRoom(0, null, 3)).toBe(3);
    expect(orgRoom(2, null, 3)).toBe(1);
    expect(orgRoom(2, 10, 3)).toBe(8);
    expect(orgRoom(5, 2, 3)).toBe(0);
  });

  it("waits for the oldest dial to leave a spent window, else for the next future job", () => {
    const oldest = new Date(now.getTime() - 300);
    const nextDue = new Date(now.getTime() + 60_000);
    expect(nextClaimAt(pacing, { used: 2, oldest }, 2, now, nextDue)).toEqual({ at: new Date(oldest.getTime() + 1_100), paced: true });
    expect(nextClaimAt(pacing, { used: 4, oldest }, 0, now, nextDue)).toEqual({ at: new Date(oldest.getTime() + 1_100), paced: true });
    // The claim's own dials spent the window: it reopens a window after now.
    expect(nextClaimAt(pacing, { used: 0, oldest: null }, 4, now, nextDue)).toEqual({ at: new Date(now.getTime() + 1_100), paced: true });
    expect(nextClaimAt(pacing, { used: 1, oldest }, 1, now, nextDue)).toEqual({ at: nextDue, paced: false });
    expect(nextClaimAt(pacing, { used: 0, oldest: null }, 0, now, null)).toEqual({ at: null, paced: false });
  });

  it("moves a call to calling for the attempt, clears the last attempt's outcome and keeps the first dial's start", () => {
    const retried = newCallOut({
      id: "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
      agent_id: "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
      to_number: "+14155550100",
      created_at: "2026-12-03T09:00:00.000Z",
      status: "queued",
      attempt_count: 1,
      disposition: "no_answer",
      error_message: "No answer",
      duration_seconds: 0,
      next_attempt_at: "2026-12-03T10:00:00.000Z",
      started_at: "2026-12-03T09:00:01.000Z",
    });
    expect(callingCall(retried, 2, now)).toMatchObject({
      status: "calling",
      attempt_count: 2,
      disposition: null,
      error_message: null,
      duration_seconds: null,
      next_attempt_at: null,
      started_at: "2026-12-03T09:00:01.000Z",
    });
    expect(callingCall({ ...retried, started_at: null }, 1, now).started_at).toBe("2026-12-03T10:00:00.000Z");
  });

  it("builds the call.calling event in the call.queued's trace, one the contract parses", () => {
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const queued = queuedEvent({ now, webhookUrl: "https://example.com/hooks", traceparent });
    const { call } = queued.data;
    const event = callingEvent(queued, callingCall(call, 1, now), "/voxbridge/dialer", "6ba7b814-9dad-11d1-80b4-00c04fd430c8", now);
    expect(CallEvent.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      type: "call.calling",
      source: "/voxbridge/dialer",
      subject: call.id,
      time: now.toISOString(),
      traceparent,
      data: { org_id: queued.data.org_id, webhook_url: "https://example.com/hooks", call: { status: "calling", attempt_count: 1 } },
    });
  });
});

import { CallEvent, newCallOut } from "@voxbridge/contracts";
import { queuedEvent } from "../../test/queued-event";
import { callingCall, callingEvent } from "./claim";

const now = new Date("2026-12-03T10:00:00.000Z");

describe("the claim's calling snapshot", () => {
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
    const event = callingEvent(queued, callingCall(call, 1, now), "6ba7b814-9dad-11d1-80b4-00c04fd430c8", now);
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

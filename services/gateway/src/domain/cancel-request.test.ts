import { randomUUID } from "node:crypto";
import { type CallStatus, newCallOut } from "@voxbridge/contracts";
import { cancelAnswer, cancelDecision, waitsForEnd } from "./cancel-request";

const call = (status: CallStatus, cancelRequestedAt: string | null = null) =>
  newCallOut({
    id: randomUUID(),
    agent_id: randomUUID(),
    to_number: "+14155550100",
    created_at: "2026-12-06T10:00:00.000Z",
    status,
    cancel_requested_at: cancelRequestedAt,
  });

describe("a cancel is a request the dialer carries out", () => {
  it("records the first request of a queued or calling call, and only the first", () => {
    expect(cancelDecision(call("queued"))).toEqual({ kind: "request" });
    expect(cancelDecision(call("calling"))).toEqual({ kind: "request" });
    expect(cancelDecision(call("calling", "2026-12-06T10:00:01.000Z"))).toEqual({ kind: "pending" });
    expect(cancelDecision(call("queued", "2026-12-06T10:00:01.000Z"))).toEqual({ kind: "pending" });
  });

  it("refuses a call that has ended, however it ended", () => {
    for (const status of ["completed", "failed", "canceled"] as const) {
      expect(cancelDecision(call(status))).toEqual({ kind: "ended", status });
      expect(cancelDecision(call(status, "2026-12-06T10:00:01.000Z"))).toEqual({ kind: "ended", status });
    }
  });

  it("waits for the dialer's end only for a call not yet dialed", () => {
    expect(waitsForEnd(call("queued"))).toBe(true);
    expect(waitsForEnd(call("calling"))).toBe(false);
  });

  it("answers 200 once the record is canceled, 202 while the dialer has not ended it, 409 when it ended otherwise first", () => {
    expect(cancelAnswer(call("canceled", "2026-12-06T10:00:01.000Z")).kind).toBe("canceled");
    expect(cancelAnswer(call("queued", "2026-12-06T10:00:01.000Z")).kind).toBe("accepted");
    expect(cancelAnswer(call("calling", "2026-12-06T10:00:01.000Z")).kind).toBe("accepted");
    expect(cancelAnswer(call("completed", "2026-12-06T10:00:01.000Z"))).toEqual({ kind: "ended", status: "completed" });
    expect(cancelAnswer(call("failed", "2026-12-06T10:00:01.000Z"))).toEqual({ kind: "ended", status: "failed" });
  });
});

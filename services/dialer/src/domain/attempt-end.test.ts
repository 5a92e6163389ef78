import { newCallOut, type ResolvedCallingWindow } from "@voxbridge/contracts";
import { attemptErrorMessage, endedAttempt, nextStepAfterAttempt, retryDelayMs } from "./attempt-end";
import { simulatedOutcome } from "./simulated-outcome";
import { suppressedCall } from "./suppression";

const call = newCallOut({
  id: "00000000-0000-4000-8000-000000000001",
  agent_id: "00000000-0000-4000-8000-000000000002",
  status: "calling",
  to_number: "+14155550100",
  attempt_count: 1,
  started_at: "2026-11-27T00:00:00.000Z",
  created_at: "2026-11-27T00:00:00.000Z",
});
const endedAt = new Date("2026-11-27T00:01:00.000Z");
const step = (
  attempt: number,
  outcome: Parameters<typeof nextStepAfterAttempt>[0]["outcome"],
  talkSeconds: number | null = null,
  voicemailAction: "hangup" | "retry" = "hangup",
  callingWindow: ResolvedCallingWindow | null = null,
) =>
  nextStepAfterAttempt({
    call,
    attempt,
    outcome,
    talkSeconds,
    detail: null,
    endedAt,
    retryDelaySeconds: 2,
    voicemailAction,
    callingWindow,
  });

describe("nextStepAfterAttempt", () => {
  it("completes an answered call with its talk time and disposition", () => {
    const next = step(1, "completed", 42.4);
    expect(next).toMatchObject({ kind: "end", status: "completed" });
    expect(next.call).toMatchObject({
      status: "completed",
      disposition: "completed",
      duration_seconds: 42,
      completed_at: endedAt.toISOString(),
    });
  });

  it("retries no answer, busy and carrier errors with exponential backoff while attempts remain", () => {
    expect(step(1, "no_answer")).toEqual(expect.objectContaining({ kind: "retry", dueAt: new Date(endedAt.getTime() + 2_000) }));
    expect(step(2, "busy")).toEqual(expect.objectContaining({ kind: "retry", dueAt: new Date(endedAt.getTime() + 4_000) }));
    expect(step(2, "error").call).toMatchObject({ status: "calling", attempt_count: 2, disposition: "error" });
  });

  it("a retry says when: next_attempt_at is its due time; an end clears it", () => {
    const retry = step(1, "no_answer");
    expect(retry.kind === "retry" && retry.call.next_attempt_at).toBe(new Date(endedAt.getTime() + 2_000).toISOString());
    expect(step(3, "no_answer").call.next_attempt_at).toBeNull();
    expect(step(1, "completed", 3).call.next_attempt_at).toBeNull();
  });

  it("moves a retry that would fall outside the calling window to the window's next opening", () => {
    // endedAt is 2026-11-27 00:01 UTC: Thursday 16:01 in Los Angeles, inside 09:00–17:00.
    const window: ResolvedCallingWindow = { start: "09:00", end: "17:00", days: ["mon", "thu"], time_zones: ["America/Los_Angeles"] };
    const inside = step(1, "busy", null, "hangup", window);
    expect(inside).toMatchObject({
      kind: "retry",
      dueAt: new Date(endedAt.getTime() + 2_000),
      windowClosesAt: new Date("2026-11-27T01:00:00.000Z"),
    });
    const closing = { ...window, end: "16:01" };
    // The backoff lands after 16:01: the next opening is Monday 09:00 PST.
    const moved = step(1, "busy", null, "hangup", closing);
    expect(moved).toMatchObject({
      kind: "retry",
      dueAt: new Date("2026-11-30T17:00:00.000Z"),
      windowClosesAt: new Date("2026-12-01T00:01:00.000Z"),
    });
    expect(moved.call.next_attempt_at).toBe("2026-11-30T17:00:00.000Z");
  });

  it("fails with an error message once max_attempts dials were made", () => {
    const next = step(3, "no_answer");
    expect(next).toMatchObject({ kind: "end", status: "failed" });
    expect(next.call).toMatchObject({
      status: "failed",
      disposition: "no_answer",
      attempt_count: 3,
      error_message: "No answer after 3 attempts",
    });
  });

  it("never retries a carrier rejection", () => {
    const next = step(1, "rejected");
    expect(next).toMatchObject({ kind: "end", status: "failed" });
    expect(next.call).toMatchObject({ disposition: "rejected", error_message: "Rejected by the carrier" });
  });

  it("ends a call hung up for a cancel as canceled", () => {
    expect(step(1, "canceled", 5)).toMatchObject({ kind: "end", status: "canceled", call: { status: "canceled", duration_seconds: 5 } });
  });

  it("completes a call whose callee opted out, with its talk time, never retried", () => {
    expect(step(1, "opt_out", 12)).toMatchObject({
      kind: "end",
      status: "completed",
      call: { status: "completed", disposition: "opt_out", duration_seconds: 12, error_message: null },
    });
  });

  it("a voicemail completes the call when the agent leaves its message, and is retried like no answer when it retries", () => {
    expect(step(1, "voicemail", 20)).toMatchObject({
      kind: "end",
      status: "completed",
      call: { disposition: "voicemail", duration_seconds: 20 },
    });
    expect(step(1, "voicemail", 0, "retry")).toMatchObject({
      kind: "retry",
      dueAt: new Date(endedAt.getTime() + 2_000),
      call: { status: "calling", disposition: "voicemail", error_message: "Reached voicemail" },
    });
    expect(step(3, "voicemail", 0, "retry")).toMatchObject({
      kind: "end",
      status: "failed",
      call: { disposition: "voicemail", duration_seconds: 0, error_message: "Reached voicemail after 3 attempts" },
    });
  });

  it("doubles the retry delay per attempt made", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(2, n))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(retryDelayMs(0.1, 2)).toBeCloseTo(200);
  });
});

describe("simulatedOutcome", () => {
  it("picks the outcome by the last four digits of the number", () => {
    expect(simulatedOutcome("+14155550001")).toBe("no_answer");
    expect(simulatedOutcome("+14155550002")).toBe("busy");
    expect(simulatedOutcome("+14155550003")).toBe("rejected");
    expect(simulatedOutcome("+14155550004")).toBe("voicemail");
    expect(simulatedOutcome("+14155550005")).toBe("opt_out");
    expect(simulatedOutcome("+14155551234")).toBe("completed");
  });
});

describe("suppressedCall", () => {
  it("ends a waiting call canceled with disposition suppressed, keeping what its attempts recorded", () => {
    const waiting = { ...call, status: "calling" as const, disposition: "no_answer" as const, error_message: "No answer" };
    expect(suppressedCall(waiting, endedAt)).toEqual({
      ...waiting,
      status: "canceled",
      disposition: "suppressed",
      error_message: null,
      completed_at: endedAt.toISOString(),
    });
  });
});

describe("endedAttempt", () => {
  it("records one attempt's times, disposition, rounded talk time and its own error message", () => {
    const dialedAt = new Date("2026-11-27T00:00:10.000Z");
    expect(endedAttempt({ attempt: 2, outcome: "busy", detail: null, talkSeconds: null, dialedAt, answeredAt: null, endedAt })).toEqual({
      attempt: 2,
      started_at: dialedAt.toISOString(),
      answered_at: null,
      ended_at: endedAt.toISOString(),
      disposition: "busy",
      duration_seconds: null,
      error_message: "Line busy",
    });
    const answeredAt = new Date("2026-11-27T00:00:15.000Z");
    expect(
      endedAttempt({ attempt: 1, outcome: "completed", detail: null, talkSeconds: 44.6, dialedAt, answeredAt, endedAt }),
    ).toMatchObject({
      answered_at: answeredAt.toISOString(),
      duration_seconds: 45,
      error_message: null,
    });
  });

  it("names an error with its detail, and no error for conversations and cancels", () => {
    expect(attemptErrorMessage("rejected", "number not reachable")).toBe("Rejected by the carrier: number not reachable");
    expect(attemptErrorMessage("opt_out", null)).toBeNull();
    expect(attemptErrorMessage("canceled", "hung up")).toBeNull();
  });
});

describe("a retry whose calling window cannot be resolved (issue 28, defect 4)", () => {
  it("ends the call failed with the window named, instead of retrying at any time", () => {
    const next = step(1, "no_answer", null, "hangup", { start: "09:00", end: "17:00", days: ["mon"], time_zones: ["Mars/Olympus_Mons"] });
    expect(next).toMatchObject({ kind: "end", status: "failed" });
    expect(next.call).toMatchObject({ status: "failed", next_attempt_at: null, disposition: "no_answer" });
    expect(next.call.error_message).toBe(
      'Calling window 09:00–17:00 mon (Mars/Olympus_Mons) cannot be applied: unknown time zone "Mars/Olympus_Mons"',
    );
  });
});

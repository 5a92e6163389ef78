import { randomUUID } from "node:crypto";
import { newCallOut } from "@voxbridge/contracts";
import { canceledWaitingCall, cancelStep, closesWithAgentFirst, endAfterCancel, hangsUpOnProgress } from "./cancellation";

const at = new Date("2026-12-06T22:00:05.000Z");
const call = newCallOut({
  id: randomUUID(),
  agent_id: randomUUID(),
  to_number: "+14155550100",
  created_at: "2026-12-06T22:00:00.000Z",
  status: "calling",
  attempt_count: 1,
  started_at: "2026-12-06T22:00:01.000Z",
  cancel_requested_at: "2026-12-06T22:00:04.000Z",
});

describe("cancellation: the dialer carries out a cancel request", () => {
  it("ends a waiting job at once, hangs up a live call, and waits for the carrier's id when the dial is in flight", () => {
    expect(cancelStep({ status: "queued" })).toEqual({ kind: "end_now" });
    expect(cancelStep({ status: "calling", carrierCallId: "CA1" })).toEqual({ kind: "hang_up", carrierCallId: "CA1" });
    expect(cancelStep({ status: "calling", carrierCallId: null })).toEqual({ kind: "hang_up_when_carrier_id_arrives" });
    // Answered: a conversation may be on; its agent closes first when the media is on the voice service.
    const talking = cancelStep({ status: "calling", carrierCallId: "CA2", attempt: 2, answered: true });
    expect(talking).toEqual({ kind: "hang_up", carrierCallId: "CA2", talking: { attempt: 2 } });
    expect(closesWithAgentFirst(talking, true)).toBe(true);
    expect(closesWithAgentFirst(talking, false)).toBe(false);
    expect(closesWithAgentFirst(cancelStep({ status: "calling", carrierCallId: "CA3", attempt: 1, answered: false }), true)).toBe(false);
    for (const status of ["absent", "completed", "failed", "canceled"] as const)
      expect(cancelStep({ status })).toEqual({ kind: "nothing" });
  });

  it("hangs up on the first progress report that brings the carrier's id once a cancel is recorded", () => {
    expect(hangsUpOnProgress({ cancelRequested: true, carrierCallId: "CA1" })).toBe(true);
    expect(hangsUpOnProgress({ cancelRequested: true, carrierCallId: null })).toBe(false);
    expect(hangsUpOnProgress({ cancelRequested: false, carrierCallId: "CA1" })).toBe(false);
  });

  it("ends a call canceled while it waited: canceled, no attempt live, the request time kept", () => {
    const waiting = {
      ...call,
      status: "queued" as const,
      attempt_count: 0,
      next_attempt_at: "2026-12-07T09:00:00.000Z",
      cancel_requested_at: null,
    };
    expect(canceledWaitingCall(waiting, "2026-12-06T22:00:04.000Z", at)).toMatchObject({
      status: "canceled",
      disposition: "canceled",
      attempt_count: 0,
      next_attempt_at: null,
      cancel_requested_at: "2026-12-06T22:00:04.000Z",
      completed_at: at.toISOString(),
    });
  });

  it("ends a canceled call canceled with the talk time it had, even when the carrier says it completed", () => {
    for (const reported of ["completed", "voicemail", "no_answer", "busy", "error", "rejected", "canceled"] as const) {
      const step = endAfterCancel({ call, attempt: 1, reported, talkSeconds: 42.4, endedAt: at });
      expect(step).toEqual({
        kind: "end",
        status: "canceled",
        call: expect.objectContaining({ status: "canceled", disposition: "canceled", duration_seconds: 42, next_attempt_at: null }),
      });
    }
    expect(endAfterCancel({ call, attempt: 1, reported: "no_answer", talkSeconds: null, endedAt: at }).call.duration_seconds).toBeNull();
  });

  it("keeps an opt-out (the number must still be suppressed) and a suppression as the disposition", () => {
    expect(endAfterCancel({ call, attempt: 1, reported: "opt_out", talkSeconds: 10, endedAt: at }).call).toMatchObject({
      status: "canceled",
      disposition: "opt_out",
      duration_seconds: 10,
    });
    expect(endAfterCancel({ call, attempt: 1, reported: "suppressed", talkSeconds: null, endedAt: at }).call).toMatchObject({
      status: "canceled",
      disposition: "suppressed",
    });
  });
});

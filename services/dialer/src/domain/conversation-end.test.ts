import { newCallOut } from "@voxbridge/contracts";
import { nextStepAfterAttempt } from "./attempt-end";
import { awaitsConversationReport, type CarrierEnd, combinedEnd, isMachineVerdict } from "./conversation-end";

const answered: CarrierEnd = { outcome: "completed", talkSeconds: 37, detail: null };
const report = (
  outcome: "talked" | "opt_out" | "voicemail_left" | "agent_error",
  mediaStarted = true,
  errorMessage: string | null = null,
) => ({
  outcome,
  mediaStarted,
  errorMessage,
});

describe("how an answered call ends: the carrier's end and the voice service's report", () => {
  it("waits for the report only for an answered call whose media went to the voice service and which has a conversation", () => {
    const talking = { mediaToVoice: true, hasConversation: true };
    expect(awaitsConversationReport(answered, talking)).toBe(true);
    expect(awaitsConversationReport({ outcome: "voicemail", talkSeconds: 0, detail: null }, talking)).toBe(true);
    expect(awaitsConversationReport({ outcome: "canceled", talkSeconds: 12, detail: null }, talking)).toBe(true);
    // Never answered: final at once.
    expect(awaitsConversationReport({ outcome: "canceled", talkSeconds: null, detail: null }, talking)).toBe(false);
    for (const outcome of ["no_answer", "busy", "rejected", "error"] as const)
      expect(awaitsConversationReport({ outcome, talkSeconds: null, detail: null }, talking)).toBe(false);
    // No conversation: ends as it always did, without waiting.
    expect(awaitsConversationReport(answered, { mediaToVoice: false, hasConversation: true })).toBe(false);
    expect(awaitsConversationReport(answered, { mediaToVoice: true, hasConversation: false })).toBe(false);
  });

  it("maps each report onto the attempt's outcome, keeping the carrier's talk time", () => {
    expect(combinedEnd(answered, report("talked"), 8)).toEqual({ outcome: "completed", talkSeconds: 37, detail: null, mediaStarted: true });
    expect(combinedEnd(answered, report("opt_out"), 8)).toMatchObject({ outcome: "opt_out", talkSeconds: 37 });
    expect(combinedEnd(answered, report("voicemail_left"), 8)).toMatchObject({ outcome: "voicemail", talkSeconds: 37 });
    // The report decides, whatever the carrier guessed.
    expect(combinedEnd({ ...answered, outcome: "voicemail" }, report("talked"), 8)).toMatchObject({ outcome: "completed" });
    expect(combinedEnd(answered, report("agent_error", false, "the engine failed"), 8)).toEqual({
      outcome: "agent_error",
      talkSeconds: 37,
      detail: "the engine failed",
      mediaStarted: false,
    });
  });

  it("counts a carrier end with no report in time as an agent error that someone may have heard", () => {
    expect(combinedEnd(answered, null, 8)).toEqual({
      outcome: "agent_error",
      talkSeconds: 37,
      detail: "no report from the voice service within 8 s of the carrier's end",
      mediaStarted: true,
    });
  });

  it("keeps a canceled call canceled, unless the callee opted out before the hang-up", () => {
    const canceled: CarrierEnd = { outcome: "canceled", talkSeconds: 9, detail: "hung up" };
    expect(combinedEnd(canceled, report("talked"), 8)).toMatchObject({ outcome: "canceled", talkSeconds: 9 });
    expect(combinedEnd(canceled, report("opt_out"), 8)).toMatchObject({ outcome: "opt_out", talkSeconds: 9 });
    expect(combinedEnd(canceled, null, 8)).toMatchObject({ outcome: "canceled" });
  });

  it("takes Twilio's machine answers (and a fax) as a machine verdict, a person or no verdict as none", () => {
    for (const answeredBy of ["machine_start", "machine_end_beep", "machine_end_silence", "machine_end_other", "fax"])
      expect(isMachineVerdict(answeredBy)).toBe(true);
    for (const answeredBy of ["human", "unknown"]) expect(isMachineVerdict(answeredBy)).toBe(false);
  });
});

describe("an agent error's next step", () => {
  const call = newCallOut({
    id: "00000000-0000-4000-8000-000000000001",
    agent_id: "00000000-0000-4000-8000-000000000002",
    status: "calling",
    to_number: "+14155550100",
    attempt_count: 1,
    max_attempts: 3,
    started_at: "2026-11-27T00:00:00.000Z",
    created_at: "2026-11-27T00:00:00.000Z",
  });
  const after = (mediaStarted: boolean) =>
    nextStepAfterAttempt({
      call,
      attempt: 1,
      ...combinedEnd(answered, report("agent_error", mediaStarted, "the recognizer crashed"), 8),
      endedAt: new Date("2026-11-27T00:01:00.000Z"),
      retryDelaySeconds: 2,
      voicemailAction: "hangup",
      callingWindow: null,
    });

  it("is redialed when nobody heard the agent (the media never started)", () => {
    const next = after(false);
    expect(next.kind).toBe("retry");
    expect(next.call).toMatchObject({ status: "calling", disposition: "error", error_message: "Agent error: the recognizer crashed" });
  });

  it("is never redialed once someone heard the agent: failed, with the agent error and the talk time billed", () => {
    const next = after(true);
    expect(next).toMatchObject({ kind: "end", status: "failed" });
    expect(next.call).toMatchObject({ disposition: "error", error_message: "Agent error: the recognizer crashed", duration_seconds: 37 });
  });
});

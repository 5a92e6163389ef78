import { analysisAdvances, analysisProjection } from "./call-analysis-projection";

const callId = "6ba7b810-9dad-41d1-80b4-00c04fd430c8";
const analysis = {
  call_id: callId,
  org_id: "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
  attempt: 2,
  turns: [
    { speaker: "callee" as const, text: "tuesday", attempt: 2, start_ms: 3_000, end_ms: 3_500 },
    { speaker: "agent" as const, text: "Which day?", attempt: 2, start_ms: 1_000, end_ms: 2_000 },
    { speaker: "agent" as const, text: "Hello?", attempt: 1, start_ms: 500, end_ms: 900 },
  ],
  structured_answers: { day: "tuesday" },
  recording_available: true,
};

describe("analysisAdvances", () => {
  it("applies the first analysis, a later attempt's, and the same attempt's once its recording is stored", () => {
    expect(analysisAdvances(null, { attempt: 1, recordingAvailable: false })).toBe(true);
    expect(analysisAdvances({ attempt: 1, recordingAvailable: true }, { attempt: 2, recordingAvailable: false })).toBe(true);
    expect(analysisAdvances({ attempt: 2, recordingAvailable: false }, { attempt: 2, recordingAvailable: true })).toBe(true);
  });

  it("never moves back: a redelivery, an earlier attempt, or losing the recording changes nothing", () => {
    expect(analysisAdvances({ attempt: 2, recordingAvailable: false }, { attempt: 2, recordingAvailable: false })).toBe(false);
    expect(analysisAdvances({ attempt: 2, recordingAvailable: true }, { attempt: 2, recordingAvailable: false })).toBe(false);
    expect(analysisAdvances({ attempt: 2, recordingAvailable: false }, { attempt: 1, recordingAvailable: true })).toBe(false);
  });
});

describe("analysisProjection", () => {
  it("writes the transcript in conversation order, the answers, and the public recording path", () => {
    const projected = analysisProjection(analysis, { recordingDeleted: false });
    expect(projected.transcript).toBe("agent: Hello?\nagent: Which day?\ncallee: tuesday");
    expect(projected.turns.map((turn) => turn.text)).toEqual(["Hello?", "Which day?", "tuesday"]);
    expect(projected.structuredAnswers).toEqual({ day: "tuesday" });
    expect(projected.recordingUrl).toBe(`/v1/calls/${callId}/recording`);
  });

  it("shows no recording_url when none is stored or the partner deleted it", () => {
    expect(analysisProjection({ ...analysis, recording_available: false }, { recordingDeleted: false }).recordingUrl).toBeNull();
    expect(analysisProjection(analysis, { recordingDeleted: true }).recordingUrl).toBeNull();
  });
});

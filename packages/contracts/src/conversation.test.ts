import { CreateOutboundCallRequest, inConversationOrder, newCallOut, transcriptText } from "./call";
import { type CallAnalyzedEvent, DeliverableEvent, newCallDataEvent, WebhookEventType, withAnalysis } from "./events";

const callId = "6dc7d9df-fdfe-4205-b867-c360c886060a";
const orgId = "29568d0d-7a01-447f-9b10-1cc0883f3440";
const turns = [
  { speaker: "callee" as const, text: "It is  tuesday.", attempt: 2, start_ms: 4_000, end_ms: 5_000 },
  { speaker: "agent" as const, text: "Which day suits you?", attempt: 2, start_ms: 1_000, end_ms: 3_000 },
  { speaker: "agent" as const, text: "Hello?", attempt: 1, start_ms: 9_000, end_ms: 9_500 },
];

describe("the transcript", () => {
  it("orders turns by attempt, then by when each started, not by arrival", () => {
    expect(inConversationOrder(turns).map((turn) => turn.text)).toEqual(["Hello?", "Which day suits you?", "It is  tuesday."]);
  });

  it("is one line per turn starting `agent: ` or `callee: `, and null without turns", () => {
    expect(transcriptText(turns)).toBe("agent: Hello?\nagent: Which day suits you?\ncallee: It is tuesday.");
    expect(transcriptText([])).toBeNull();
  });
});

describe("call.analyzed", () => {
  const event = newCallDataEvent<CallAnalyzedEvent>(
    "call.analyzed",
    "voice",
    { call_id: callId, org_id: orgId, attempt: 2, turns, structured_answers: { day: "tuesday" }, recording_available: true },
    { id: "0d0c4a3b-5a4f-4b52-9a0c-111111111111", time: new Date("2026-12-06T22:00:00Z") },
  );

  it("is a deliverable event with the call id as subject", () => {
    expect(DeliverableEvent.parse(event)).toEqual(event);
    expect(event.subject).toBe(callId);
    expect(WebhookEventType.options).toContain("call.analyzed");
  });

  it("projects onto the record: transcript, answers and the public recording path", () => {
    const call = newCallOut({ id: callId, agent_id: orgId, to_number: "+15551234567", created_at: "2026-12-06T21:00:00Z" });
    const analyzed = withAnalysis(call, event.data);
    expect(analyzed.recording_url).toBe(`/v1/calls/${callId}/recording`);
    expect(analyzed.structured_answers).toEqual({ day: "tuesday" });
    expect(analyzed.transcript?.split("\n")).toHaveLength(3);
    expect(withAnalysis(call, { ...event.data, recording_available: false }).recording_url).toBeNull();
    expect(withAnalysis(call, event.data, { recordingDeleted: true }).recording_url).toBeNull();
  });
});

describe("simulated_callee", () => {
  it("takes answers keyed by property, and the persona flags", () => {
    const body = { to: "+15551234567", simulated_callee: { answers: { day: "tuesday", people: 4, ok: true }, interrupts: true } };
    expect(CreateOutboundCallRequest.parse(body).simulated_callee).toEqual(body.simulated_callee);
  });

  it("refuses an unknown field of the script, naming it", () => {
    const result = CreateOutboundCallRequest.safeParse({ to: "+15551234567", simulated_callee: { shouts: true } });
    expect(result.error?.issues[0]?.path.join(".")).toBe("simulated_callee");
  });
});

import { type CallAnalyzedEvent, newCallDataEvent, newCallOut } from "@voxbridge/contracts";
import { analyzedDeliverySource, latestSnapshot } from "./delivery-source";

const callId = "6ba7b810-9dad-41d1-80b4-00c04fd430c8";
const orgId = "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b";
const queued = newCallOut({ id: callId, agent_id: orgId, to_number: "+15551234567", created_at: "2026-12-06T21:00:00.000Z" });
const completed = { ...queued, status: "completed" as const, attempt_count: 1, disposition: "completed" as const };

describe("latestSnapshot", () => {
  it("takes the record furthest along, whatever the order the events are listed in, and null with none", () => {
    const events = [
      { data: { webhook_url: "https://a.example/h", call: completed } },
      { data: { webhook_url: "https://a.example/h", call: queued } },
    ];
    expect(latestSnapshot(events)?.call.status).toBe("completed");
    expect(latestSnapshot([])).toBeNull();
  });
});

describe("analyzedDeliverySource", () => {
  it("is the call's latest record with the transcript, answers and recording URL, sent to the call's own URL", () => {
    const event = newCallDataEvent<CallAnalyzedEvent>(
      "call.analyzed",
      "voice",
      {
        call_id: callId,
        org_id: orgId,
        attempt: 1,
        turns: [{ speaker: "agent", text: "Hello", attempt: 1, start_ms: 0, end_ms: 500 }],
        structured_answers: null,
        recording_available: true,
      },
      { id: "0d0c4a3b-5a4f-4b52-9a0c-111111111111", time: new Date("2026-12-06T21:05:00Z") },
    );
    const source = analyzedDeliverySource(event, { webhookUrl: "https://a.example/h", call: completed });
    expect(source).toMatchObject({
      id: event.id,
      type: "call.analyzed",
      subject: callId,
      data: { org_id: orgId, webhook_url: "https://a.example/h" },
    });
    expect(source.data.call).toMatchObject({
      status: "completed",
      transcript: "agent: Hello",
      structured_answers: null,
      recording_url: `/v1/calls/${callId}/recording`,
    });
  });
});

import { decodeVoiceCallEvent } from "./call-events";

const conversation = {
  agent_id: "7d1c9a52-3b8e-4f0a-9c6d-1e2f3a4b5c6d",
  system_prompt: "You book visits.",
  first_message: "Hi, this is the clinic.",
  voicemail_message: null,
  voice: "coral",
  language: "en-US",
  answer_schema: null,
  record: true,
  recording_disclosure: "This call is recorded.",
  max_duration_seconds: 600,
  engine: "openai-realtime",
  simulated_callee: null,
};
const queued = (data: Record<string, unknown>) =>
  Buffer.from(
    JSON.stringify({
      type: "call.queued",
      subject: "0b6f3c1e-8a2d-4e5f-9a7b-3c4d5e6f7a8b",
      time: "2026-12-07T04:00:00.000Z",
      data: { org_id: "5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c", ...data },
    }),
  );

describe("decodeVoiceCallEvent", () => {
  it("takes the agent's realtime model from the conversation", () => {
    const event = decodeVoiceCallEvent(queued({ conversation: { ...conversation, model: "gpt-realtime-mini" } }));
    expect(event).toMatchObject({ kind: "agent", agent: { engine: "openai-realtime", model: "gpt-realtime-mini", voice: "coral" } });
  });

  it("reads a conversation from before agents had a model as the deployment's default (null)", () => {
    const event = decodeVoiceCallEvent(queued({ conversation }));
    expect(event).toMatchObject({ kind: "agent", agent: { engine: "openai-realtime", model: null } });
  });
});

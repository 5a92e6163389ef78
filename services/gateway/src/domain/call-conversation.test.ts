import { type CallAgent, conversationFor, dialAgentOf } from "./call-conversation";

const agent: CallAgent = {
  id: "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
  system_prompt: "Call {{client_name}} about {{ref}}.",
  voice: null,
  language: "en-US",
  max_duration_seconds: 300,
  voicemail_action: "hangup",
  calling_window: null,
  first_message: "Hello {{client_name}}!",
  voicemail_message: null,
  answer_schema: null,
  record: false,
  recording_disclosure: "This call is recorded.",
  engine: "openai-realtime",
  model: "gpt-realtime-mini",
};

describe("conversationFor", () => {
  it("renders the three templates with the call's client_name and context, and carries the engine and model", () => {
    const conversation = conversationFor(agent, { client_name: "Ana", context: { ref: "R1" } }, { silent: true });
    expect(conversation).toMatchObject({
      system_prompt: "Call Ana about R1.",
      first_message: "Hello Ana!",
      voicemail_message: null,
      record: false,
      max_duration_seconds: 300,
      engine: "openai-realtime",
      model: "gpt-realtime-mini",
      simulated_callee: { silent: true },
    });
  });
});

describe("dialAgentOf", () => {
  it("keeps exactly the dialer's fields, so the conversation fields travel only once", () => {
    expect(Object.keys(dialAgentOf(agent)).sort()).toEqual(
      ["calling_window", "id", "language", "max_duration_seconds", "system_prompt", "voice", "voicemail_action"].sort(),
    );
  });
});

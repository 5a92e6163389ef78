import type { InputAudioBufferAppendEvent } from "openai/resources/realtime/realtime";
import { createAnswerValidator } from "../answer-validator";
import {
  appendAudio,
  checkAnswers,
  FrameAssembler,
  providerVoice,
  refusalMessage,
  replayHistory,
  sayExactly,
  sessionUpdate,
  truncateItem,
} from "./openai-realtime-protocol";

const schema = {
  type: "object" as const,
  properties: {
    day: { type: "string", enum: ["monday", "thursday"], description: "Which day" },
    party_size: { type: "integer", description: "How many" },
  },
  required: ["day"],
};
const agent = {
  instructions: "You book visits.",
  voice: "coral",
  model: "gpt-realtime",
  answerSchema: schema,
  transcriptionModel: "gpt-4o-mini-transcribe",
  language: "en-US",
};
const validator = createAnswerValidator();
const validate = (answers: Record<string, string | number | boolean>) => validator.check(schema as never, answers);

describe("a callee frame for the provider", () => {
  it("is input_audio_buffer.append with the frame's μ-law bytes in base64, whatever part of a larger buffer it is", () => {
    const line = Uint8Array.from({ length: 400 }, (_, i) => (i * 7) % 256);
    const frame = line.subarray(80, 240);
    const event = JSON.parse(appendAudio(frame).toString("utf8")) as InputAudioBufferAppendEvent;
    expect(event).toEqual({ type: "input_audio_buffer.append", audio: Buffer.from(frame).toString("base64") });
  });
});

describe("the realtime session", () => {
  it("asks for μ-law both ways, server VAD without automatic replies, transcription, and the three tools", () => {
    const { session } = sessionUpdate(agent);
    expect(session).toMatchObject({
      type: "realtime",
      model: "gpt-realtime",
      audio: {
        input: {
          format: { type: "audio/pcmu" },
          turn_detection: { type: "server_vad", create_response: false, interrupt_response: true },
          transcription: { model: "gpt-4o-mini-transcribe", language: "en" },
        },
        output: { format: { type: "audio/pcmu" }, voice: "coral" },
      },
    });
    expect((session as { instructions?: string }).instructions).toMatch(/^You book visits\.\n\n/);
    const tools = (session as { tools: { name: string; parameters: { required?: string[]; properties?: unknown } }[] }).tools;
    expect(tools.map((t) => t.name)).toEqual(["record_answers", "end_call", "opt_out"]);
    // Answers come one at a time: `required` is for the call as a whole, not for each tool call.
    expect(tools[0]?.parameters).toMatchObject({ properties: schema.properties, required: [] });
  });

  it("offers no record_answers to an agent without an answer schema", () => {
    const tools = (sessionUpdate({ ...agent, answerSchema: null }).session as { tools: { name: string }[] }).tools;
    expect(tools.map((t) => t.name)).toEqual(["end_call", "opt_out"]);
  });

  it("uses the agent's voice only when the provider has it", () => {
    expect(providerVoice("coral", "marin")).toBe("coral");
    expect(providerVoice("slt", "marin")).toBe("marin");
    expect(providerVoice(null, "marin")).toBe("marin");
  });

  it("quotes a line to say word for word, and truncates to whole milliseconds played", () => {
    expect(sayExactly("Hi Ana.")).toEqual({
      type: "response.create",
      response: { instructions: "Say exactly this, word for word, and nothing else: «Hi Ana.»" },
    });
    expect(truncateItem("item_1", 812.4)).toEqual({
      type: "conversation.item.truncate",
      item_id: "item_1",
      content_index: 0,
      audio_end_ms: 812,
    });
  });

  it("replays the conversation so far as text items, skipping empty turns", () => {
    const items = replayHistory([
      { role: "user", text: "Hello?" },
      { role: "assistant", text: "" },
      { role: "assistant", text: "Hi Ana." },
    ]).map((e) => e.item);
    expect(items).toEqual([
      { type: "message", role: "user", content: [{ type: "input_text", text: "Hello?" }] },
      { type: "message", role: "assistant", content: [{ type: "output_text", text: "Hi Ana." }] },
    ]);
  });
});

describe("record_answers' arguments", () => {
  it("are taken when the schema accepts them", () => {
    expect(checkAnswers('{"day":"thursday","party_size":4}', validate)).toEqual({ ok: true, answers: { day: "thursday", party_size: 4 } });
  });

  it.each([
    ["not JSON", "{day:", /not valid JSON/],
    ["an array", "[1]", /must be a JSON object/],
    ["a nested value", '{"day":{"x":1}}', /day: must be a string, number or boolean/],
    ["a value outside the enum", '{"day":"friday"}', /^Not recorded: .*day must be equal to one of the allowed values/],
    ["a wrong type", '{"party_size":"four"}', /^Not recorded: .*party_size must be integer/],
    ["an unknown property", '{"colour":"red"}', /^Not recorded: unknown properties: colour/],
  ])("are refused with what is wrong when %s", (_what, json, message) => {
    const result = checkAnswers(json, validate);
    expect(result.ok).toBe(false);
    expect((result as { message: string }).message).toMatch(message);
  });
});

describe("reply audio", () => {
  it("goes to the line in whole 20 ms frames; the rest at the end", () => {
    const frames = new FrameAssembler();
    expect(frames.push(new Uint8Array(100)).length).toBe(0);
    expect(frames.push(new Uint8Array(300)).length).toBe(320);
    expect(frames.flush().length).toBe(80);
    expect(frames.flush().length).toBe(0);
  });
});

describe("a refused session", () => {
  it.each([
    [401, "", "openai-realtime refused the API key (401: check OPENAI_API_KEY)"],
    [429, "", "openai-realtime refused the session (429: rate limit or quota exceeded)"],
    [503, "", "openai-realtime refused the session (503)"],
    [null, "connect ECONNREFUSED", "openai-realtime could not be reached: connect ECONNREFUSED"],
  ])("says why (%s)", (status, detail, message) => {
    expect(refusalMessage(status, detail)).toBe(message);
  });
});

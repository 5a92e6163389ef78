import { randomUUID } from "node:crypto";
import { createKafka, createLogger, createProducer, LOCAL_MEDIA_TOKEN_KEY, mintMediaStreamToken } from "@voxbridge/kit";
import { playCallee } from "@voxbridge/speech/callee";
import type { CalleeScript } from "@voxbridge/speech/callee-script";
import { createLocalSynthesizer } from "@voxbridge/speech/flite";
import type { Consumer } from "kafkajs";
import type { RealtimeClientEvent } from "openai/resources/realtime/realtime";
import { testDatabaseUrl, testKafkaBrokers } from "../../../tests/support/env";
import { eventually } from "../../../tests/support/eventually";
import { deleteTopics, newTopicPrefix } from "../../../tests/support/stack";
import { startRealtimeStandin } from "../test/openai-realtime-standin";
import { CLOSING_LINE, FALLBACK_LINE } from "./adapters/engines/openai-realtime";
import { loadVoiceConfig } from "./config";
import { OPT_OUT_ACK } from "./domain/dialogue-policy";
import { MEDIA_PATH, type RunningVoice, startVoice } from "./voice";

/**
 * The voice service with `engine: "openai-realtime"` against the realtime stand-in (GA protocol),
 * real Postgres and Kafka, and the Media Streams client playing Twilio with a flite callee: the
 * callee's μ-law goes to the "model" as it is, the model's replies come back to the line, its tool
 * calls become answers, an opt-out and the end; barge-in truncates the reply to what was played;
 * a dropped provider socket is reopened once, and a refused key ends the attempt at once.
 */
const API_KEY = "sk-test-standin-key";
let voice: RunningVoice;
let standin: Awaited<ReturnType<typeof startRealtimeStandin>>;
let prefix: string;
let topic: string;
let consumer: Consumer;
type Turns = { speaker: string; text: string; start_ms: number }[];
const ended: { subject: string; data: { outcome: string; media_started: boolean; error_message: string | null } }[] = [];
const analyzed: { subject: string; data: { turns: Turns; structured_answers: unknown } }[] = [];
const kafka = createKafka({
  clientId: "voice-rt-test",
  brokers: testKafkaBrokers(),
  logger: createLogger({ service: "test", level: "silent" }),
});
const producer = createProducer(kafka);
const callee = createLocalSynthesizer({ engine: "flite", voice: "rms" });
const OPENING = "This call is recorded. Hi Ana, this is the clinic.";

const schema = {
  type: "object",
  properties: {
    day: { type: "string", enum: ["monday", "tuesday", "thursday"], description: "Which day suits you for the visit" },
    party_size: { type: "integer", description: "How many people will come" },
  },
  required: ["day"],
};

beforeAll(async () => {
  standin = await startRealtimeStandin({ apiKey: API_KEY });
  prefix = newTopicPrefix();
  voice = await startVoice(
    loadVoiceConfig({
      DATABASE_URL: testDatabaseUrl(),
      KAFKA_BROKERS: testKafkaBrokers().join(","),
      KAFKA_TOPIC_PREFIX: prefix,
      VOICE_GROUP_ID: `${prefix}voice`,
      VOICE_PORT: "0",
      MANAGEMENT_PORT: "0",
      DB_POOL_SIZE: "3",
      NODE_ENV: "test",
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
      S3_BUCKET: `test-${prefix.replace(/\W/g, "")}`,
      VOICE_AGENT_WAIT_MS: "3000",
      OPENAI_API_KEY: API_KEY,
      OPENAI_REALTIME_URL: standin.url,
      OPENAI_API_URL: standin.apiUrl,
    }),
  );
  topic = voice.topics.callEvents;
  await producer.connect();
  consumer = kafka.consumer({ groupId: `${prefix}probe` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(message.value?.toString() ?? "{}");
      if (event.type === "call.analyzed") analyzed.push(event);
      if (event.type === "call.conversation_ended") ended.push(event);
    },
  });
}, 60_000);

afterAll(async () => {
  await consumer?.disconnect();
  await producer.disconnect();
  await voice?.stop();
  await standin?.close();
  await deleteTopics([topic, voice.topics.deadLetter]);
});

beforeEach(() => {
  standin.state.turns = [];
  standin.state.heard = [];
  standin.state.refuseWith = null;
  standin.state.apiKey = API_KEY;
  standin.state.upgradeDelayMs = 0;
  standin.state.connections = [];
  standin.state.extraction = {};
  standin.state.extractionRequests = [];
});

const event = (type: string, callId: string, orgId: string, data: Record<string, unknown> = {}) => ({
  key: callId,
  value: JSON.stringify({
    specversion: "1.0",
    id: randomUUID(),
    source: "test",
    type,
    subject: callId,
    time: new Date().toISOString(),
    datacontenttype: "application/json",
    data: { org_id: orgId, webhook_url: null, ...data },
  }),
  headers: { ce_type: type },
});

/** Queues a call on the realtime engine, plays the callee to the end, and returns what the service announced. */
async function realtimeCall(script: CalleeScript, maxDurationSeconds = 120) {
  const callId = randomUUID();
  const orgId = randomUUID();
  const conversation = {
    agent_id: randomUUID(),
    system_prompt: "You book visits for the clinic.",
    first_message: "Hi Ana, this is the clinic.",
    voicemail_message: "Please call the clinic back.",
    voice: "coral",
    language: "en-US",
    answer_schema: schema,
    record: true,
    recording_disclosure: "This call is recorded.",
    max_duration_seconds: maxDurationSeconds,
    engine: "openai-realtime",
    simulated_callee: null,
  };
  await producer.send({ topic, messages: [event("call.queued", callId, orgId, { conversation })] });
  const token = mintMediaStreamToken(LOCAL_MEDIA_TOKEN_KEY, { callId, attempt: 1 }, new Date());
  const url = `ws://127.0.0.1:${voice.port}${MEDIA_PATH}`;
  const run = await playCallee({ url, callId, attempt: 1, token, script, voice: callee, maxFrames: 3_000 });
  const report = await eventually(`conversation_ended for ${callId}`, async () => ended.find((e) => e.subject === callId), 20_000);
  await producer.send({ topic, messages: [event("call.completed", callId, orgId)] });
  const result = await eventually(`call.analyzed for ${callId}`, async () => analyzed.find((e) => e.subject === callId), 30_000);
  return { run, report: report.data, turns: result.data.turns, answers: result.data.structured_answers };
}

const sent = <T extends RealtimeClientEvent["type"]>(connection: number, type: T) =>
  (standin.state.connections[connection]?.received ?? []).filter((e): e is Extract<RealtimeClientEvent, { type: T }> => e.type === type);

describe("an agent on openai-realtime", () => {
  it("talks: the opening first, answers from record_answers (a wrong one refused by ajv and asked again), ended by end_call", async () => {
    standin.state.heard = ["Hello?", "It is thursday, and we are four."];
    standin.state.turns = [
      { tool: { name: "record_answers", arguments: { day: "friday", party_size: 4 } } },
      { tool: { name: "record_answers", arguments: { day: "thursday", party_size: 4 } } },
      { say: "Thank you, see you on thursday. Goodbye.", tool: { name: "end_call", arguments: {} } },
    ];
    const { run, report, turns, answers } = await realtimeCall({ replies: ["it is thursday and we are four"] });

    expect(report).toMatchObject({ outcome: "talked", media_started: true, error_message: null });
    expect(answers).toEqual({ day: "thursday", party_size: 4 });
    expect(run.marks).toEqual(["opening", "reply:2"]);
    expect(turns.map((t) => [t.speaker, t.text])).toEqual([
      ["callee", "Hello?"],
      ["agent", OPENING],
      ["callee", "It is thursday, and we are four."],
      ["agent", "Thank you, see you on thursday. Goodbye."],
    ]);
    const [update] = sent(0, "session.update");
    expect(update?.session).toMatchObject({
      type: "realtime",
      instructions: expect.stringContaining("You book visits for the clinic."),
      audio: {
        input: { format: { type: "audio/pcmu" }, turn_detection: { type: "server_vad" }, transcription: { model: expect.any(String) } },
        output: { format: { type: "audio/pcmu" }, voice: "coral" },
      },
    });
    const tools = (update?.session as { tools?: { name: string; parameters?: { properties?: unknown } }[] } | undefined)?.tools ?? [];
    expect(tools.map((t) => t.name)).toEqual(["record_answers", "end_call", "opt_out"]);
    expect(tools[0]?.parameters?.properties).toEqual(schema.properties);
    // The callee's μ-law went to the provider as Twilio's 20 ms frames, untouched.
    const appended = sent(0, "input_audio_buffer.append");
    expect(appended.length).toBeGreaterThan(50);
    expect(new Set(appended.map((a) => Buffer.from(a.audio, "base64").length))).toEqual(new Set([160]));
    const outputs = sent(0, "conversation.item.create").map((e) => (e.item as { output?: string }).output);
    expect(outputs[0]).toMatch(/^Not recorded: .*day.*allowed values/);
    expect(outputs[1]).toBe("Recorded.");
    expect(standin.state.connections[0]?.errors).toEqual([]);
    // Every required answer came from the call: no extraction pass.
    expect(standin.state.extractionRequests).toEqual([]);
  }, 90_000);

  it("fills a required answer the call left missing with one extraction pass over the transcript", async () => {
    standin.state.heard = ["Hello?", "It is thursday, and we are four."];
    standin.state.turns = [
      { tool: { name: "record_answers", arguments: { party_size: 4 } } },
      { say: "Thank you. Goodbye.", tool: { name: "end_call", arguments: {} } },
    ];
    standin.state.extraction = { day: "thursday" };
    const { answers } = await realtimeCall({ replies: ["it is thursday and we are four"] });
    expect(answers).toEqual({ party_size: 4, day: "thursday" });
    expect(standin.state.extractionRequests).toHaveLength(1);
    const [request] = standin.state.extractionRequests;
    expect(JSON.stringify(request?.messages)).toContain("callee: It is thursday, and we are four.");
    expect(request?.response_format).toMatchObject({ type: "json_schema", json_schema: { strict: true, schema: { required: ["day"] } } });
  }, 90_000);

  it("stops talking when the callee barges in: clear on the line, and the item truncated to the audio played", async () => {
    standin.state.heard = ["Hello?", "Who is this?"];
    standin.state.turns = [{ say: "It is the clinic, about your visit. Goodbye.", tool: { name: "end_call", arguments: {} } }];
    const { run, report, turns } = await realtimeCall({ interrupts: true });

    expect(report.outcome).toBe("talked");
    expect(run.clears).toBeGreaterThanOrEqual(1);
    const [truncate] = sent(0, "conversation.item.truncate");
    // The callee spoke 40 frames (800 ms) into the opening, which is 3 s long: cut well before its end.
    expect(truncate?.audio_end_ms).toBeGreaterThan(400);
    expect(truncate?.audio_end_ms).toBeLessThan(2_000);
    expect(standin.state.connections[0]?.errors).toEqual([]);
    const opening = turns.find((t) => t.speaker === "agent");
    expect(OPENING.startsWith(opening?.text ?? "-")).toBe(true);
    expect(opening?.text.length).toBeLessThan(OPENING.length);
    expect(turns.map((t) => t.speaker)).toEqual(["callee", "agent", "callee", "agent"]);
  }, 90_000);

  it("opts the callee out through the opt_out tool", async () => {
    standin.state.heard = ["Hello?", "Please stop calling me."];
    standin.state.turns = [{ say: "Understood. We will not call you again.", tool: { name: "opt_out", arguments: {} } }];
    const { report, answers, turns } = await realtimeCall({ replies: ["please stop calling me"] });
    expect(report.outcome).toBe("opt_out");
    expect(answers).toEqual({});
    expect(turns.at(-1)).toMatchObject({ speaker: "agent", text: "Understood. We will not call you again." });
  }, 90_000);

  it("acts on an opt-out in the callee's very first words, which the opening answers instead of the model", async () => {
    standin.state.heard = ["Please stop calling me."];
    const { report, turns } = await realtimeCall({ opt_out: true });
    expect(report.outcome).toBe("opt_out");
    expect(turns.map((t) => [t.speaker, t.text])).toContainEqual(["callee", "Please stop calling me."]);
    // The acknowledgement is asked for word for word (the scripted callee repeats itself over it, so
    // what was played of it may be cut).
    const asked = sent(0, "response.create").map((e) => e.response?.instructions ?? "");
    expect(asked.filter((instructions) => instructions.includes(OPT_OUT_ACK))).toHaveLength(1);
    expect(standin.state.connections[0]?.errors).toEqual([]);
  }, 90_000);

  it("reconnects once when the provider drops mid-call, with the conversation so far", async () => {
    standin.state.heard = ["Hello?", "Which clinic?"];
    standin.state.turns = [{ drop: true }, { say: "The city clinic. Goodbye.", tool: { name: "end_call", arguments: {} } }];
    const { report, turns } = await realtimeCall({ replies: ["which clinic"] });
    expect(report.outcome).toBe("talked");
    expect(standin.state.connections).toHaveLength(2);
    const replayed = sent(1, "conversation.item.create").map((e) => JSON.stringify(e.item));
    expect(replayed.some((item) => item.includes(OPENING))).toBe(true);
    expect(replayed.some((item) => item.includes("Which clinic?"))).toBe(true);
    expect(turns.at(-1)).toMatchObject({ speaker: "agent", text: "The city clinic. Goodbye." });
  }, 90_000);

  it("says a short line and ends with an agent error when the reconnect fails too", async () => {
    standin.state.heard = ["Hello?", "Which clinic?"];
    standin.state.turns = [{ drop: true }];
    const script = { replies: ["which clinic"] };
    const dropped = realtimeCall(script);
    await eventually("the first provider session", async () => standin.state.connections.length === 1 || undefined, 20_000);
    standin.state.refuseWith = 503;
    const { run, report, turns } = await dropped;
    expect(report).toMatchObject({ outcome: "agent_error", media_started: true });
    expect(report.error_message).toMatch(/dropped the session and the reconnect failed.*503/);
    expect(run.marks.at(-1)).toBe("fallback");
    expect(turns.at(-1)).toMatchObject({ speaker: "agent", text: FALLBACK_LINE });
  }, 90_000);

  it("says the opening first even when the provider's session opens after the greeting wait", async () => {
    standin.state.upgradeDelayMs = 2_500;
    const { run, turns } = await realtimeCall({ silent: true }, 6);
    expect(run.marks[0]).toBe("opening");
    expect(turns[0]).toMatchObject({ speaker: "agent", text: OPENING });
  }, 60_000);

  it("closes politely, in its own words, when the agent's time is up", async () => {
    const { run, report, turns } = await realtimeCall({ silent: true }, 5);
    expect(report.outcome).toBe("talked");
    expect(run.marks).toEqual(["opening", "close"]);
    expect(turns.map((t) => t.text)).toEqual([OPENING, CLOSING_LINE]);
    const quoted = sent(0, "response.create").map((e) => e.response?.instructions ?? "");
    expect(quoted.at(-1)).toContain(`«${CLOSING_LINE}»`);
  }, 60_000);

  it.each([
    ["the key (401)", { apiKey: "sk-another-key" }, "openai-realtime refused the API key (401: check OPENAI_API_KEY)"],
    [
      "the session (429, rate limit or quota)",
      { refuseWith: 429 },
      "openai-realtime refused the session (429: rate limit or quota exceeded)",
    ],
  ])(
    "ends the attempt at once with a clear error when the provider refuses %s",
    async (_what, refuse, message) => {
      Object.assign(standin.state, refuse);
      const { run, report } = await realtimeCall({});
      expect(report).toMatchObject({ outcome: "agent_error", error_message: message });
      expect(run.durationMs).toBeLessThan(10_000);
    },
    60_000,
  );
});

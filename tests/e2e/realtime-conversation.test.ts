import { type CalleeStream, prepareCallee } from "@voxbridge/speech/callee";
import type { CalleeScript } from "@voxbridge/speech/callee-script";
import { createLocalSynthesizer } from "@voxbridge/speech/flite";
import { startRealtimeStandin } from "../../services/voice/test/openai-realtime-standin";
import { type ApiClient, apiClient } from "../support/api-client";
import { eventually } from "../support/eventually";
import { provisionOrg, startStack, type TestStack } from "../support/stack";
import { openMediaLeg, type StandInCall, startTwilioStandIn, type TwilioStandIn } from "../support/twilio-standin";
import { analyzedCall, createCall, finalCall } from "./dialer-support";

// An agent on `engine: "openai-realtime"` end to end: the gateway (VOICE_ENGINES lists the engine),
// the dialer's Twilio adapter against the Twilio stand-in, whose media leg dials the voice service
// with the TwiML's parameters, and the voice service talking to the realtime provider's stand-in.

const FROM = "+14155550199";
const API_KEY = "sk-e2e-standin-key";
let twilio: TwilioStandIn;
let realtime: Awaited<ReturnType<typeof startRealtimeStandin>>;
let stack: TestStack;
let api: ApiClient;
const callee = createLocalSynthesizer({ engine: "flite", voice: "rms" });
const schema = {
  type: "object",
  properties: { day: { type: "string", enum: ["monday", "thursday"], description: "Which day suits you for the visit" } },
  required: ["day"],
};

beforeAll(async () => {
  realtime = await startRealtimeStandin({ apiKey: API_KEY });
  twilio = await startTwilioStandIn({ callbackBase: () => stack.serviceUrls.dialer });
  stack = await startStack(
    {
      ...twilio.dialerEnv(FROM),
      DIALER_PUBLIC_URL: "https://dialer.example.test",
      DIALER_CONVERSATION_REPORT_WAIT_SECONDS: "3",
    },
    {
      gateway: { VOICE_ENGINES: "local,openai-realtime" },
      voice: { OPENAI_API_KEY: API_KEY, OPENAI_REALTIME_URL: realtime.url, OPENAI_API_URL: realtime.apiUrl },
    },
  );
  api = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 100 })).apiKey);
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  await twilio?.close();
  await realtime?.close();
});

beforeEach(() => {
  realtime.state.turns = [];
  realtime.state.heard = [];
  realtime.state.apiKey = API_KEY;
  realtime.state.refuseWith = null;
  realtime.state.connections = [];
});

async function realtimeAgent(fields: Record<string, unknown>): Promise<string> {
  const agent = await api.post("/v1/agents", {
    name: "visits",
    system_prompt: "You book visits for {{client_name}}.",
    first_message: "Hi {{client_name}}, this is the clinic.",
    voicemail_message: "Please call the clinic back about your visit.",
    answer_schema: schema,
    engine: "openai-realtime",
    voice: "coral",
    ...fields,
  });
  expect(agent.status).toBe(201);
  return (agent.body as { id: string }).id;
}

/** Places a call to `to`, answers it at the Twilio stand-in, plays the callee on its media leg, and returns the final record. */
async function talk(
  to: string,
  script: CalleeScript,
  options: { maxAttempts?: number; during?: (sid: string, line: CalleeStream) => Promise<void>; agent?: Record<string, unknown> } = {},
) {
  const { maxAttempts = 1, during } = options;
  const agentId = await realtimeAgent(options.agent ?? {});
  const call = await createCall(api, { to, from: FROM, client_name: "Ana", agent_id: agentId, max_attempts: maxAttempts });
  const create = await eventually(`Twilio create for ${to}`, async () => twilio.calls.find((c) => c.json.to === to) ?? null);
  const sid = (c: StandInCall) => c.json.sid;
  expect(await twilio.advance(sid(create), "ringing")).toBe(204);
  expect(await twilio.advance(sid(create), "in-progress")).toBe(204);
  const line = openMediaLeg(create, `${stack.serviceUrls.voice.replace("http", "ws")}/media`, await prepareCallee(script, callee), 3_000);
  await during?.(sid(create), line);
  const run = await line.ended;
  expect(await twilio.advance(sid(create), "completed", { duration: Math.max(1, Math.ceil(run.durationMs / 1000)) })).toBe(204);
  return { id: call.id, final: await finalCall(api, call.id, 30_000) };
}

describe("an agent on openai-realtime, through the dialer's Twilio path", () => {
  it("talks on the agent's model and fills structured_answers from the model's record_answers call", async () => {
    realtime.state.heard = ["Hello?", "Thursday works."];
    realtime.state.turns = [
      { tool: { name: "record_answers", arguments: { day: "thursday" } } },
      { say: "Thursday it is. Goodbye.", tool: { name: "end_call", arguments: {} } },
    ];
    const { id, final } = await talk("+14155550180", { replies: ["thursday works"] }, { agent: { model: "gpt-realtime-mini" } });
    expect(final).toMatchObject({ status: "completed", attempt_count: 1 });
    expect(realtime.state.connections.map((connection) => connection.model)).toEqual(["gpt-realtime-mini"]);
    const record = await analyzedCall(api, id);
    expect(record.structured_answers).toEqual({ day: "thursday" });
    expect(record.transcript).toBe(
      [
        "callee: Hello?",
        "agent: This call is recorded. Hi Ana, this is the clinic.",
        "callee: Thursday works.",
        "agent: Thursday it is. Goodbye.",
      ].join("\n"),
    );
  }, 120_000);

  it("ends as opt_out through the model's opt_out tool, and suppresses the number", async () => {
    realtime.state.heard = ["Hello?", "Please stop calling me."];
    realtime.state.turns = [{ say: "Understood. We will not call you again.", tool: { name: "opt_out", arguments: {} } }];
    const { final } = await talk("+14155550181", { replies: ["please stop calling me"] });
    expect(final).toMatchObject({ status: "completed", disposition: "opt_out" });
    // The agent names no model: the voice service's default (OPENAI_REALTIME_MODEL).
    expect(realtime.state.connections.map((connection) => connection.model)).toEqual(["gpt-realtime"]);
    await eventually("the number suppressed", async () => {
      const list = (await api.get("/v1/suppressions?limit=100")).body as { items: { number: string }[] };
      return list.items.some((item) => item.number === "+14155550181") ? true : null;
    });
  }, 120_000);

  it("stops the agent when the callee barges in: Twilio clear, and the provider's item truncated to what was played", async () => {
    realtime.state.heard = ["Hello?", "Who is this?"];
    realtime.state.turns = [{ say: "The clinic. Goodbye.", tool: { name: "end_call", arguments: {} } }];
    const { id, final } = await talk("+14155550183", { interrupts: true });
    expect(final.status).toBe("completed");
    const truncations = realtime.state.connections[0]?.received.filter((e) => e.type === "conversation.item.truncate") ?? [];
    expect(truncations).toHaveLength(1);
    const record = await analyzedCall(api, id);
    const opening = (record.transcript ?? "").split("\n")[1] ?? "";
    expect(opening).toMatch(/^agent: /);
    expect("agent: This call is recorded. Hi Ana, this is the clinic.".startsWith(opening)).toBe(true);
    expect(opening.length).toBeLessThan("agent: This call is recorded. Hi Ana, this is the clinic.".length);
  }, 120_000);

  it("fails the call with an agent error, not redialed, when the provider drops and the reconnect fails", async () => {
    realtime.state.heard = ["Hello?", "Which clinic?"];
    realtime.state.turns = [{ drop: true }];
    const done = talk("+14155550184", { replies: ["which clinic"] }, { maxAttempts: 2 });
    await eventually("the first provider session", async () => (realtime.state.connections.length === 1 ? true : null), 30_000);
    realtime.state.refuseWith = 503;
    const { id, final } = await done;
    expect(final).toMatchObject({ status: "failed", disposition: "error", attempt_count: 1 });
    expect(final.error_message).toMatch(/^Agent error: openai-realtime dropped the session and the reconnect failed: .*503/);
    expect(twilio.calls.filter((c) => c.json.to === "+14155550184")).toHaveLength(1);
    const record = await analyzedCall(api, id);
    expect(record.transcript).toContain("agent: Sorry, we have a technical problem");
  }, 120_000);

  it("leaves the voicemail message, word for word, on Twilio's asynchronous machine verdict; no answers", async () => {
    const { id, final } = await talk(
      "+14155550185",
      { silent: true },
      {
        during: async (callSid, line) => {
          // The opening is playing when the beep is heard.
          await eventually("the opening playing", async () => (line.run.agentFrames > 0 ? true : null), 30_000);
          expect(await twilio.machineVerdict(callSid, "machine_end_beep")).toBe(204);
        },
      },
    );
    expect(final).toMatchObject({ status: "completed", disposition: "voicemail" });
    const record = await analyzedCall(api, id);
    expect(record.transcript).toContain("agent: Please call the clinic back about your visit.");
    expect(record.structured_answers).toBeNull();
  }, 120_000);

  it("hangs up without a word to the machine when the agent has no voicemail_message, as the local engine does", async () => {
    const opening = "This call is recorded. Hi Ana, this is the clinic.";
    const { id, final } = await talk(
      "+14155550186",
      { silent: true },
      {
        agent: { voicemail_message: null },
        during: async (callSid, line) => {
          // The machine's beep comes once the opening has played (its mark came back).
          await eventually("the opening played", async () => (line.run.echoed.includes("opening") ? true : null), 30_000);
          expect(await twilio.machineVerdict(callSid, "machine_end_beep")).toBe(204);
        },
      },
    );
    expect(final).toMatchObject({ status: "completed", disposition: "voicemail" });
    const record = await analyzedCall(api, id);
    // The opening is all the agent said: nothing followed the verdict.
    expect((record.transcript ?? "").split("\n").filter((line) => line.startsWith("agent: "))).toEqual([`agent: ${opening}`]);
    expect(record.structured_answers).toBeNull();
  }, 120_000);

  it("fails the call with the provider's refusal in error_message when the key is refused", async () => {
    realtime.state.apiKey = "sk-revoked";
    const { final } = await talk("+14155550182", {});
    expect(final).toMatchObject({ status: "failed", disposition: "error" });
    expect(final.error_message).toBe("Agent error: openai-realtime refused the API key (401: check OPENAI_API_KEY) after 1 attempt");
  }, 120_000);
});

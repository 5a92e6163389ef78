import { type RunningDialer, startDialer } from "@voxbridge/dialer";
import { loadDialerConfig } from "@voxbridge/dialer/config";
import { type CalleeStream, prepareCallee } from "@voxbridge/speech/callee";
import type { CalleeScript } from "@voxbridge/speech/callee-script";
import { createLocalSynthesizer } from "@voxbridge/speech/flite";
import { type RunningVoice, startVoice } from "@voxbridge/voice";
import { loadVoiceConfig } from "@voxbridge/voice/config";
import { type ApiClient, apiClient } from "../support/api-client";
import { eventually } from "../support/eventually";
import { provisionOrg, stackEnv, startStack, type TestStack } from "../support/stack";
import { openMediaLeg, type StandInCall, startTwilioStandIn, type TwilioStandIn } from "../support/twilio-standin";
import { analyzedCall, createCall, finalCall } from "./dialer-support";

// How an answered call ends with live telephony: the dialer (Twilio adapter, the local stand-in of
// Twilio's REST API, tests/support/twilio-standin.ts) combines Twilio's signed status callbacks with the voice service's report of
// the conversation. The stand-in plays Twilio's media leg too: it opens the Media Streams connection
// with the parameters of the dialer's TwiML, to the first voice instance. Twilio's callbacks go to a
// second dialer instance whose voice URL is a second voice instance, so the machine verdict and the
// cancel reach the stream's instance only through the voice service's own signal path.

const FROM = "+14155550199";
let twilio: TwilioStandIn;
let stack: TestStack;
let instance: RunningDialer;
let otherVoice: RunningVoice;
let api: ApiClient;
const callee = createLocalSynthesizer({ engine: "flite", voice: "rms" });

beforeAll(async () => {
  // Twilio's callbacks go to the second dialer instance.
  twilio = await startTwilioStandIn({ callbackBase: () => `http://127.0.0.1:${instance.port}` });
  const env = {
    ...twilio.dialerEnv(FROM),
    DIALER_PUBLIC_URL: "https://dialer.example.test",
    DIALER_CONVERSATION_REPORT_WAIT_SECONDS: "3",
    DIALER_CANCEL_CLOSING_SECONDS: "8",
  };
  stack = await startStack(env);
  const shared = stackEnv(stack.topicPrefix, env);
  otherVoice = await startVoice(loadVoiceConfig(shared));
  instance = await startDialer(loadDialerConfig({ ...shared, VOICE_URL: `http://127.0.0.1:${otherVoice.port}` }));
  api = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 100 })).apiKey);
}, 90_000);

afterAll(async () => {
  await instance?.stop();
  await otherVoice?.stop();
  await stack?.stop();
  await twilio?.close();
});

const creates = (to: string) => twilio.calls.filter((c) => c.json.to === to);
const createsFor = (to: string) => eventually(`Twilio create for ${to}`, async () => (creates(to).length > 0 ? creates(to) : null));
const sid = (create: StandInCall) => create.json.sid;

/** The call answered: Twilio's callbacks, then its media leg with the TwiML's parameters, to the first voice instance. */
async function answer(create: StandInCall, script: CalleeScript, maxFrames = 3_000): Promise<CalleeStream> {
  expect(await twilio.advance(sid(create), "ringing")).toBe(204);
  expect(await twilio.advance(sid(create), "in-progress")).toBe(204);
  return openMediaLeg(create, `${stack.serviceUrls.voice.replace("http", "ws")}/media`, await prepareCallee(script, callee), maxFrames);
}

/** What the agents below find out: one required yes/no. */
const REMINDER = {
  type: "object",
  properties: { reminder: { type: "boolean", description: "Do you want a reminder text" } },
  required: ["reminder"],
};

async function agentWith(fields: Record<string, unknown>): Promise<string> {
  const agent = await api.post("/v1/agents", { name: "visits", system_prompt: "You book visits for {{client_name}}.", ...fields });
  expect(agent.status).toBe(201);
  return (agent.body as { id: string }).id;
}

describe("with Twilio, an answered call ends as the carrier and the voice service together say", () => {
  it("leaves the voicemail message on Twilio's machine verdict, passed to the voice instance holding the stream; no answers", async () => {
    const agentId = await agentWith({
      first_message: "Hi {{client_name}}, this is the clinic calling about your visit, and I have a few questions for you today.",
      voicemail_message: "Please call the clinic back about your visit.",
      answer_schema: REMINDER,
    });
    const call = await createCall(api, {
      to: "+14155550170",
      from: "+14155550199",
      client_name: "Ana",
      agent_id: agentId,
      max_attempts: 2,
    });
    const [create] = await createsFor("+14155550170");
    if (!create) throw new Error("no create");
    expect(create.form.get("MachineDetection")).toBe("DetectMessageEnd");
    expect(create.form.get("AsyncAmd")).toBe("true");
    const stream = await answer(create, { silent: true });
    // The greeting is playing when the beep is heard: Twilio's verdict goes to the other dialer instance.
    await eventually("the greeting playing", async () => (stream.run.agentFrames > 0 ? true : null), 30_000);
    expect(await twilio.machineVerdict(sid(create), "machine_end_beep")).toBe(204);
    const run = await stream.ended;
    expect(run.marks).toContain("voicemail");
    expect(run.marks).not.toContain("ask:reminder");
    // The agent hung up: Twilio ends the call and says so.
    expect(await twilio.advance(sid(create), "completed", { duration: Math.ceil(run.durationMs / 1000) })).toBe(204);
    expect(await finalCall(api, call.id, 30_000)).toMatchObject({ status: "completed", disposition: "voicemail", attempt_count: 1 });
    const record = await analyzedCall(api, call.id);
    expect(record.transcript).toContain("agent: Please call the clinic back about your visit.");
    expect(record.structured_answers).toBeNull();
    expect(creates("+14155550170")).toHaveLength(1);
  }, 120_000);

  it("ends as opt_out and suppresses the number when the callee asks not to be called again", async () => {
    const agentId = await agentWith({
      first_message: "Hi {{client_name}}, this is the clinic.",
      answer_schema: REMINDER,
    });
    const call = await createCall(api, { to: "+14155550171", from: FROM, client_name: "Ana", agent_id: agentId });
    const [create] = await createsFor("+14155550171");
    if (!create) throw new Error("no create");
    const run = await (await answer(create, { opt_out: true })).ended;
    expect(run.marks).toContain("opt_out");
    expect(await twilio.advance(sid(create), "completed", { duration: Math.ceil(run.durationMs / 1000) })).toBe(204);
    expect(await finalCall(api, call.id, 30_000)).toMatchObject({ status: "completed", disposition: "opt_out" });
    await eventually("the number suppressed", async () => {
      const list = (await api.get("/v1/suppressions?limit=100")).body as { items: { number: string }[] };
      return list.items.some((item) => item.number === "+14155550171") ? true : null;
    });
  }, 120_000);

  it("says a closing line on a cancel, keeps the turns, then hangs up through the carrier", async () => {
    const agentId = await agentWith({
      first_message: "Hi {{client_name}}, this is the clinic.",
      answer_schema: REMINDER,
    });
    const call = await createCall(api, { to: "+14155550172", from: FROM, client_name: "Ana", agent_id: agentId });
    const [create] = await createsFor("+14155550172");
    if (!create) throw new Error("no create");
    const stream = await answer(create, { silent: true });
    // Past the opening: the agent is asking its question when the partner cancels.
    await eventually("the opening played", async () => (stream.run.echoed.includes("opening") ? true : null), 30_000);
    expect((await api.post(`/v1/calls/${call.id}/cancel`, {})).status).toBe(202);
    const run = await stream.ended;
    expect(run.marks).toContain("close");
    await eventually("the carrier's hang-up", async () => (twilio.updates.some((u) => u.sid === sid(create)) ? true : null), 20_000);
    expect(await twilio.advance(sid(create), "completed", { duration: Math.ceil(run.durationMs / 1000) })).toBe(204);
    expect(await finalCall(api, call.id, 30_000)).toMatchObject({ status: "canceled", disposition: "canceled" });
    const record = await analyzedCall(api, call.id);
    expect(record.transcript).toContain("agent: This call is recorded. Hi Ana, this is the clinic.");
    expect(record.transcript).toContain("agent: I am sorry, I have to end this call now. Thank you, goodbye.");
  }, 120_000);

  it("ends a carrier end with no report in time as an agent error, never redialed once answered", async () => {
    const agentId = await agentWith({
      answer_schema: { type: "object", properties: { reminder: { type: "boolean", description: "Do you want a reminder text" } } },
    });
    const call = await createCall(api, { to: "+14155550173", from: FROM, agent_id: agentId, max_attempts: 3 });
    const [create] = await createsFor("+14155550173");
    if (!create) throw new Error("no create");
    // Answered, but no media stream ever reaches the voice service: no report comes.
    expect(await twilio.advance(sid(create), "in-progress")).toBe(204);
    expect(await twilio.advance(sid(create), "completed", { duration: 12 })).toBe(204);
    const ended = await finalCall(api, call.id, 30_000);
    expect(ended).toMatchObject({ status: "failed", disposition: "error", attempt_count: 1, duration_seconds: 12 });
    expect(ended.error_message).toBe("Agent error: no report from the voice service within 3 s of the carrier's end");
    expect(creates("+14155550173")).toHaveLength(1);
  }, 60_000);
});

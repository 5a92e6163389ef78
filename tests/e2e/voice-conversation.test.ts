import { mintMediaStreamToken } from "@voxbridge/kit";
import { LOCAL_MEDIA_TOKEN_KEY } from "@voxbridge/voice/config";
import { createLocalSynthesizer } from "@voxbridge/voice/speech/flite-synthesizer";
import { playCallee } from "@voxbridge/voice/test-callee";
import { type ApiClient, apiClient } from "../support/api-client";
import { eventually } from "../support/eventually";
import { provisionOrg, startStack, type TestStack } from "../support/stack";
import { createCall, finalCall, getCall } from "./dialer-support";

// A conversation through the real services: the gateway's call.queued teaches the voice service the
// agent; a Media Streams client (standing where the carrier stands: the dialer does not open media
// streams yet) plays a scripted callee in flite audio that the voice service's own recognizer hears;
// the simulator ends the call; the voice service's call.analyzed reaches the gateway, whose record
// and recording route (through the voice service's internal API) show the result.

let stack: TestStack;
let api: ApiClient;
let apiKey: string;

beforeAll(async () => {
  // The simulated call lasts longer than the conversation, so the agent hangs up first.
  stack = await startStack({ SIM_RING_SECONDS: "0.05", SIM_TALK_SECONDS: "30" });
  const org = await provisionOrg({ minutes: 100 });
  apiKey = org.apiKey;
  api = apiClient(stack.gatewayUrl, apiKey);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe("a sandbox call talks with the voice service", () => {
  it("leaves a two-speaker transcript, the scripted answers and a two-channel recording on the record", async () => {
    const agent = await api.post("/v1/agents", {
      name: "visits",
      system_prompt: "You book visits for {{client_name}}.",
      first_message: "Hi {{client_name}}, this is the clinic.",
      answer_schema: {
        type: "object",
        properties: { reminder: { type: "boolean", description: "Do you want a reminder text" } },
        required: ["reminder"],
      },
    });
    expect(agent.status).toBe(201);
    const agentId = (agent.body as { id: string }).id;
    const call = await createCall(api, { to: "+15557654321", client_name: "Ana", agent_id: agentId });
    const run = await playCallee({
      url: `${stack.serviceUrls.voice.replace("http", "ws")}/media`,
      callId: call.id,
      attempt: 1,
      token: mintMediaStreamToken(LOCAL_MEDIA_TOKEN_KEY, { callId: call.id, attempt: 1 }, new Date()),
      script: { answers: { reminder: true } },
      voice: createLocalSynthesizer({ engine: "flite", voice: "rms" }),
      maxMs: 60_000,
    });
    expect(run.marks).toEqual(expect.arrayContaining(["opening", "ask:reminder", "close"]));
    expect((await finalCall(api, call.id, 60_000)).status).toBe("completed");
    const record = await eventually(
      "the record analyzed",
      async () => {
        const current = await getCall(api, call.id);
        return current.recording_url === null ? null : current;
      },
      30_000,
    );
    expect(record.structured_answers).toEqual({ reminder: true });
    expect(record.transcript).toMatch(/^callee: hello\nagent: This call is recorded\. Hi Ana, this is the clinic\./);
    expect(record.transcript).toContain("callee: ");
    const response = await fetch(`${stack.gatewayUrl}${record.recording_url}`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^audio\/wav/);
    const wav = Buffer.from(await response.arrayBuffer());
    expect(wav.readUInt16LE(22)).toBe(2);
    // About as long as the conversation the callee heard.
    expect(Math.abs(wav.readUInt32LE(40) / (8000 * 4) - run.durationMs / 1000)).toBeLessThan(2);
  }, 150_000);
});

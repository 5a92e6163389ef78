import { WebhookEvent } from "@voxbridge/contracts";
import { verifyWebhook } from "@voxbridge/sdk";
import { startReceiver } from "@voxbridge/webhooks/test-harness";
import { type ApiClient, apiClient } from "../support/api-client";
import { eventually } from "../support/eventually";
import { provisionOrg, startStack, type TestOrg, type TestStack } from "../support/stack";
import { createCall, finalCall, getCall } from "./dialer-support";

// A sandbox call that talks, through the real services and nothing else: the gateway's call.queued
// teaches the voice service the agent and the dialer the scripted callee; the dialer's simulator
// answers and opens a Twilio Media Streams connection to the voice service, where the callee speaks
// flite audio that the voice service's own recognizer hears; the agent hangs up, the socket closes,
// and the call ends. The voice service's call.analyzed reaches the gateway, whose record and
// recording route (through the voice service's internal API) show the result, and the partner's
// webhook receiver, signed. Conversation tests are few: each takes the time of a real call.

let stack: TestStack;
let api: ApiClient;
let org: TestOrg;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  // SIM_TALK_SECONDS is the timer of calls without a conversation; this one must not end by it.
  stack = await startStack({ SIM_RING_SECONDS: "0.05", SIM_TALK_SECONDS: "1" }, {}, { conversations: true });
  org = await provisionOrg({ minutes: 100 });
  api = apiClient(stack.gatewayUrl, org.apiKey);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

describe("a sandbox call talks with the voice service", () => {
  it("completes with a two-speaker transcript, the scripted answers, a two-channel recording and a signed call.analyzed", async () => {
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
    const call = await createCall(api, {
      to: "+15557654321",
      client_name: "Ana",
      agent_id: agentId,
      webhook_url: receiver.url,
      simulated_callee: { answers: { reminder: true } },
    });
    const ended = await finalCall(api, call.id, 90_000);
    expect(ended).toMatchObject({ status: "completed", disposition: "completed", attempt_count: 1, error_message: null });
    // It lasted the conversation, not the simulator's timer.
    expect(ended.duration_seconds).toBeGreaterThan(5);
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
    expect(record.transcript?.split("\n").filter((line) => line.startsWith("callee: ")).length).toBeGreaterThanOrEqual(2);

    const response = await fetch(`${stack.gatewayUrl}${record.recording_url}`, { headers: { authorization: `Bearer ${org.apiKey}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^audio\/wav/);
    const wav = Buffer.from(await response.arrayBuffer());
    expect(wav.readUInt16LE(22)).toBe(2);
    // About as long as the call: the stream opened at the answer and closed at its end.
    expect(Math.abs(wav.readUInt32LE(40) / (8000 * 4) - (ended.duration_seconds ?? 0))).toBeLessThan(2);

    const delivery = await eventually(
      "call.analyzed at the partner's receiver",
      async () =>
        receiver.received.find((d) => {
          const body = WebhookEvent.parse(JSON.parse(d.body));
          return body.type === "call.analyzed" && body.data.id === call.id;
        }),
      30_000,
    );
    expect(() => verifyWebhook(org.webhookSecret, delivery.headers, delivery.body)).not.toThrow();
    expect(WebhookEvent.parse(JSON.parse(delivery.body)).data).toMatchObject({ structured_answers: { reminder: true } });
  }, 180_000);
});

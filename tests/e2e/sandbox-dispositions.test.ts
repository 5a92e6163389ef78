import { type ApiClient, apiClient } from "../support/api-client";
import { eventually } from "../support/eventually";
import { provisionOrg, startStack, type TestStack } from "../support/stack";
import { analyzedCall, createCall, finalCall } from "./dialer-support";

// The sandbox numbers whose disposition the conversation decides, through the real services: the
// simulator answers and streams to the voice service; the dialer combines the simulator's end with
// the voice service's call.conversation_ended. On 0005 the callee says it does not want to be called
// (out loud, heard by the agent's recognizer); on 0004 an answering machine answers and the
// simulator's machine verdict, a moment later, reaches the agent through the dialer and the voice
// service's signal path. Conversation tests are few: each takes the time of a real call.

let stack: TestStack;
let api: ApiClient;
let agentId: string;

beforeAll(async () => {
  stack = await startStack({ SIM_RING_SECONDS: "0.05", SIM_TALK_SECONDS: "1" }, {}, { conversations: true });
  api = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 100 })).apiKey);
  const agent = await api.post("/v1/agents", {
    name: "visits",
    system_prompt: "You book visits for {{client_name}}.",
    first_message: "Hi {{client_name}}, this is the clinic.",
    voicemail_message: "Please call the clinic back about your visit.",
    answer_schema: {
      type: "object",
      properties: { reminder: { type: "boolean", description: "Do you want a reminder text" } },
      required: ["reminder"],
    },
  });
  expect(agent.status).toBe(201);
  agentId = (agent.body as { id: string }).id;
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe("sandbox numbers whose conversation decides the disposition", () => {
  it("0005: the callee asks not to be called again; the call ends opt_out and the number is suppressed", async () => {
    const call = await createCall(api, {
      to: "+15557650005",
      client_name: "Ana",
      agent_id: agentId,
      simulated_callee: { answers: { reminder: true } },
    });
    expect(await finalCall(api, call.id, 60_000)).toMatchObject({ status: "completed", disposition: "opt_out", attempt_count: 1 });
    await eventually("the number suppressed", async () => {
      const list = (await api.get("/v1/suppressions?limit=100")).body as { items: { number: string }[] };
      return list.items.some((item) => item.number === "+15557650005") ? true : null;
    });
    expect((await analyzedCall(api, call.id)).transcript).toContain("agent: Understood. We will not call you again. Goodbye.");
  }, 90_000);

  it("0004: an answering machine; the agent leaves the voicemail message, with no answers", async () => {
    const call = await createCall(api, { to: "+15557650004", client_name: "Ana", agent_id: agentId, max_attempts: 2 });
    expect(await finalCall(api, call.id, 60_000)).toMatchObject({ status: "completed", disposition: "voicemail", attempt_count: 1 });
    const record = await analyzedCall(api, call.id);
    expect(record.transcript).toContain("agent: Please call the clinic back about your visit.");
    expect(record.transcript).not.toContain("callee: ");
    expect(record.structured_answers).toBeNull();
  }, 90_000);
});

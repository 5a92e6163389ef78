import { AgentOut, CallOut, type CallQueuedData } from "@voxbridge/contracts";
import { createLogger } from "@voxbridge/kit";
import { type ApiClient, apiClient, errorType } from "../support/api-client";
import { eventually } from "../support/eventually";
import { startKafkaProbe } from "../support/kafka-probe";
import { provisionOrg, startGatewayAlone, startStack, type TestStack } from "../support/stack";

// The partner's side of the conversation through the real gateway: agent fields, the create body's
// sandbox script and what the voice service learns from call.queued / call.updated.

let stack: TestStack;
let api: ApiClient;
let probe: Awaited<ReturnType<typeof startKafkaProbe>>;

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 100 })).apiKey);
  probe = await startKafkaProbe(stack.topics.callEvents);
});
afterAll(async () => {
  await probe?.stop();
  await stack?.stop();
});

const schema = {
  type: "object",
  properties: {
    preferred_day: { type: "string", enum: ["monday", "tuesday"], description: "Which day suits them" },
    party_size: { type: "integer", description: "How many people come" },
    reminder: { type: "boolean", description: "Whether they want a reminder" },
  },
  required: ["preferred_day"],
};
const agentBody = (overrides: Record<string, unknown> = {}) => ({
  name: "Bookings",
  system_prompt: "You call {{client_name}} about booking {{booking.ref}}.",
  first_message: "Hi {{client_name}}, it is about booking {{booking.ref}}.",
  voicemail_message: "Hi {{client_name}}, please call us back about {{booking.ref}}.",
  answer_schema: schema,
  ...overrides,
});
const later = () => new Date(Date.now() + 24 * 3_600_000).toISOString();

describe("agents: the conversation fields", () => {
  it("creates an agent with them, defaults record, recording_disclosure and engine, and returns them on get and list", async () => {
    const created = await api.post("/v1/agents", agentBody());
    expect(created.status).toBe(201);
    const agent = AgentOut.parse(created.body);
    expect(agent).toMatchObject({
      first_message: "Hi {{client_name}}, it is about booking {{booking.ref}}.",
      answer_schema: schema,
      record: true,
      recording_disclosure: "This call is recorded.",
      engine: "local",
      model: null,
    });
    expect((await api.get(`/v1/agents/${agent.id}`)).body).toEqual(agent);
    const listed = (await api.get("/v1/agents?limit=100")).body as { items: AgentOut[] };
    expect(listed.items.find((item) => item.id === agent.id)).toEqual(agent);
  });

  it("PATCH changes them and null clears first_message, voicemail_message and answer_schema", async () => {
    const agent = AgentOut.parse((await api.post("/v1/agents", agentBody())).body);
    const changed = await api.patch(`/v1/agents/${agent.id}`, { record: false, recording_disclosure: "Recorded for quality." });
    expect(changed.body).toMatchObject({ record: false, recording_disclosure: "Recorded for quality.", answer_schema: schema });
    const cleared = await api.patch(`/v1/agents/${agent.id}`, { first_message: null, voicemail_message: null, answer_schema: null });
    expect(cleared.body).toMatchObject({ first_message: null, voicemail_message: null, answer_schema: null, record: false });
  });

  it.each([
    ["a property without a description", { properties: { day: { type: "string" } } }, "answer_schema.properties.day.description"],
    ["an unsupported property type", { properties: { day: { type: "object", description: "d" } } }, "answer_schema.properties.day.type"],
    ["a required name that is not a property", { required: ["preferred_day", "age"] }, "answer_schema.required.1"],
  ])("answers 422 for an answer_schema with %s, naming the path", async (_what, change, param) => {
    const response = await api.post("/v1/agents", agentBody({ answer_schema: { ...schema, ...change } }));
    expect([response.status, errorType(response)]).toEqual([422, "validation_failed"]);
    expect((response.body as { error: { param: string } }).error.param).toBe(param);
  });

  it("refuses engine openai-realtime with 422 when the deployment has no credentials for it, on create and on update", async () => {
    const refused = await api.post("/v1/agents", agentBody({ engine: "openai-realtime" }));
    expect([refused.status, errorType(refused)]).toEqual([422, "validation_failed"]);
    expect(refused.body).toMatchObject({ error: { param: "engine" } });
    const agent = AgentOut.parse((await api.post("/v1/agents", agentBody())).body);
    const update = await api.patch(`/v1/agents/${agent.id}`, { engine: "openai-realtime" });
    expect([update.status, (update.body as { error: { param: string } }).error.param]).toEqual([422, "engine"]);
  });

  it("accepts engine openai-realtime on a deployment that has its credentials (VOICE_ENGINES), with a model it offers", async () => {
    const alone = await startGatewayAlone(createLogger({ service: "test", level: "silent" }), {
      VOICE_ENGINES: "local,openai-realtime",
      OPENAI_REALTIME_MODELS: "gpt-realtime, gpt-realtime-mini",
    });
    try {
      const org = await provisionOrg({ withDefaultAgent: false });
      const partner = apiClient(alone.url, org.apiKey);
      const realtime = await partner.post("/v1/agents", agentBody({ engine: "openai-realtime", model: "gpt-realtime-mini" }));
      expect(realtime.status).toBe(201);
      expect(realtime.body).toMatchObject({ engine: "openai-realtime", model: "gpt-realtime-mini" });
      const agentId = (realtime.body as AgentOut).id;
      expect((await partner.patch(`/v1/agents/${agentId}`, { model: "gpt-realtime" })).body).toMatchObject({ model: "gpt-realtime" });
      expect((await partner.patch(`/v1/agents/${agentId}`, { model: null })).body).toMatchObject({ model: null });
    } finally {
      await alone.stop();
    }
  });

  it("refuses a realtime agent longer than the provider's session (422 on max_duration_seconds), on create and on update", async () => {
    const alone = await startGatewayAlone(createLogger({ service: "test", level: "silent" }), {
      VOICE_ENGINES: "local,openai-realtime",
      OPENAI_REALTIME_SESSION_SECONDS: "1800",
    });
    try {
      const org = await provisionOrg({ withDefaultAgent: false });
      const partner = apiClient(alone.url, org.apiKey);
      const long = await partner.post("/v1/agents", agentBody({ engine: "openai-realtime", max_duration_seconds: 1_800 }));
      expect([long.status, errorType(long)]).toEqual([422, "validation_failed"]);
      expect(long.body).toMatchObject({
        error: {
          param: "max_duration_seconds",
          message:
            "max_duration_seconds: at most 1740 seconds on openai-realtime (the provider's session limit, less a minute for the agent's closing line); got 1800",
        },
      });
      // A long local agent may not switch to the realtime engine as it is, nor a realtime one grow past the limit.
      const local = AgentOut.parse((await partner.post("/v1/agents", agentBody({ max_duration_seconds: 7_200 }))).body);
      const switched = await partner.patch(`/v1/agents/${local.id}`, { engine: "openai-realtime" });
      expect([switched.status, (switched.body as { error: { param: string } }).error.param]).toEqual([422, "max_duration_seconds"]);
      const fits = await partner.patch(`/v1/agents/${local.id}`, { engine: "openai-realtime", max_duration_seconds: 1_740 });
      expect(fits.body).toMatchObject({ engine: "openai-realtime", max_duration_seconds: 1_740 });
      const grown = await partner.patch(`/v1/agents/${local.id}`, { max_duration_seconds: 1_741 });
      expect([grown.status, (grown.body as { error: { param: string } }).error.param]).toEqual([422, "max_duration_seconds"]);
      expect((await partner.get(`/v1/agents/${local.id}`)).body).toMatchObject({ max_duration_seconds: 1_740 });
      const missing = await partner.patch("/v1/agents/00000000-0000-4000-8000-000000000000", { max_duration_seconds: 60 });
      expect([missing.status, errorType(missing)]).toEqual([404, "not_found"]);
    } finally {
      await alone.stop();
    }
  });

  it("refuses a model the deployment does not offer with 422 (param model), on create and on update, and a malformed one", async () => {
    const refused = await api.post("/v1/agents", agentBody({ model: "gpt-4o-realtime-preview" }));
    expect([refused.status, errorType(refused)]).toEqual([422, "validation_failed"]);
    expect(refused.body).toMatchObject({
      error: {
        param: "model",
        message: "model: this deployment offers no model gpt-4o-realtime-preview; available: gpt-realtime, gpt-realtime-mini",
      },
    });
    const agent = AgentOut.parse((await api.post("/v1/agents", agentBody())).body);
    const update = await api.patch(`/v1/agents/${agent.id}`, { model: "o1" });
    expect([update.status, (update.body as { error: { param: string } }).error.param]).toEqual([422, "model"]);
    const malformed = await api.post("/v1/agents", agentBody({ model: "gpt realtime" }));
    expect([malformed.status, errorType(malformed)]).toEqual([422, "validation_failed"]);
    expect((await api.get(`/v1/agents/${agent.id}`)).body).toMatchObject({ model: null });
  });
});

describe("what the voice service learns from the call's events", () => {
  it("call.queued carries the conversation: templates rendered with client_name and context, settings, the sandbox script", async () => {
    const agent = AgentOut.parse((await api.post("/v1/agents", agentBody({ voice: "slt", language: "en-US" }))).body);
    const script = { answers: { preferred_day: "tuesday", party_size: 4 }, interrupts: true };
    const created = await api.post("/v1/calls/outbound", {
      to: "+15551234567",
      agent_id: agent.id,
      client_name: "Jane Doe",
      context: { booking: { ref: "B-42" } },
      schedule_at: later(),
      simulated_callee: script,
    });
    expect(created.status).toBe(201);
    const call = CallOut.parse(created.body);
    const queued = await eventually("call.queued on the topic", async () =>
      probe.seen.find((seen) => seen.event.subject === call.id && seen.event.type === "call.queued"),
    );
    const data = queued.event.data as CallQueuedData;
    expect(data.conversation).toEqual({
      agent_id: agent.id,
      system_prompt: "You call Jane Doe about booking B-42.",
      first_message: "Hi Jane Doe, it is about booking B-42.",
      voicemail_message: "Hi Jane Doe, please call us back about B-42.",
      voice: "slt",
      language: "en-US",
      answer_schema: schema,
      record: true,
      recording_disclosure: "This call is recorded.",
      max_duration_seconds: 600,
      engine: "local",
      model: null,
      simulated_callee: script,
    });
    // The dialer's agent copy stays what it was: no conversation fields in it.
    expect(Object.keys(data.agent).sort()).toEqual(
      ["calling_window", "id", "language", "max_duration_seconds", "system_prompt", "voice", "voicemail_action"].sort(),
    );
  });

  it("the gateway's call.updated re-renders the conversation after an edit of client_name or context, keeping the script", async () => {
    const agent = AgentOut.parse((await api.post("/v1/agents", agentBody())).body);
    const call = CallOut.parse(
      (
        await api.post("/v1/calls/outbound", {
          to: "+15551234567",
          agent_id: agent.id,
          client_name: "Jane",
          context: { booking: { ref: "B-1" } },
          schedule_at: later(),
          simulated_callee: { silent: true },
        })
      ).body,
    );
    expect((await api.patch(`/v1/calls/${call.id}`, { client_name: "John", context: { booking: { ref: "B-2" } } })).status).toBe(200);
    const updated = await eventually("call.updated on the topic", async () =>
      probe.seen.find((seen) => seen.event.subject === call.id && seen.event.type === "call.updated"),
    );
    expect(updated.event.type === "call.updated" && updated.event.data.conversation).toMatchObject({
      system_prompt: "You call John about booking B-2.",
      first_message: "Hi John, it is about booking B-2.",
      simulated_callee: { silent: true },
    });
  });

  it.each([
    ["a property the agent does not ask for", { answers: { age: 30 } }, "simulated_callee.answers.age"],
    ["a value outside the property's enum", { answers: { preferred_day: "sunday" } }, "simulated_callee.answers.preferred_day"],
    ["a value of the wrong type", { answers: { party_size: "four" } }, "simulated_callee.answers.party_size"],
    ["an unknown field", { sings: true }, "simulated_callee.sings"],
  ])("answers 422 for a simulated_callee with %s, naming it", async (_what, script, param) => {
    const agent = AgentOut.parse((await api.post("/v1/agents", agentBody())).body);
    const response = await api.post("/v1/calls/outbound", { to: "+15551234567", agent_id: agent.id, simulated_callee: script });
    expect([response.status, errorType(response)]).toEqual([422, "validation_failed"]);
    expect((response.body as { error: { param: string } }).error.param).toBe(param);
  });
});

describe("simulated_callee with live telephony", () => {
  it("is refused with 422 once a live carrier is configured", async () => {
    const alone = await startGatewayAlone(createLogger({ service: "test", level: "silent" }), { TELEPHONY_ADAPTER: "twilio" });
    try {
      const org = await provisionOrg();
      const response = await apiClient(alone.url, org.apiKey).post("/v1/calls/outbound", {
        to: "+15551234567",
        from: "+15559876543",
        simulated_callee: { silent: true },
      });
      expect([response.status, errorType(response)]).toEqual([422, "validation_failed"]);
      expect(response.body).toMatchObject({ error: { param: "simulated_callee" } });
    } finally {
      await alone.stop();
    }
  });
});

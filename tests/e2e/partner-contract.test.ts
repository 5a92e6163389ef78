import { AgentOut, CallOut, ErrorEnvelope, WebhookEndpointOut } from "@voxbridge/contracts";
import { request } from "undici";
import { type ApiClient, apiClient, errorType } from "../support/api-client";
import { eventually } from "../support/eventually";
import { PUBLISHED_CREATE_CALL_EXAMPLE } from "../support/published-example";
import { provisionOrg, startStack, type TestOrg, type TestStack } from "../support/stack";

let stack: TestStack;
let org: TestOrg;
let api: ApiClient;

beforeAll(async () => {
  stack = await startStack();
  org = await provisionOrg({ minutes: 100 });
  api = apiClient(stack.gatewayUrl, org.apiKey);
});
afterAll(() => stack?.stop());

const later = () => new Date(Date.now() + 3_600_000).toISOString();
const detailsOf = (body: unknown) => ErrorEnvelope.parse(body).error.details ?? [];

describe("the published example", () => {
  it("answers the contract's create request, sent verbatim, with 201, the default agent and scheduled_at now", async () => {
    const before = Date.now();
    const response = await api.postText("/v1/calls/outbound", PUBLISHED_CREATE_CALL_EXAMPLE);
    expect(response.status).toBe(201);
    const call = CallOut.parse(response.body);
    expect(call).toMatchObject({
      agent_id: org.defaultAgentId,
      status: "queued",
      to_number: "+15551234567",
      from_number: "+15559876543",
      client_name: "Jane Doe",
      context: { reference_number: "398690", product: "personal_loan" },
      metadata: { crm_id: "lead_8821" },
      max_attempts: 3,
      attempt_count: 0,
    });
    const scheduled = new Date(call.scheduled_at ?? 0).getTime();
    expect(scheduled).toBeGreaterThanOrEqual(before - 1_000);
    expect(scheduled).toBeLessThanOrEqual(Date.now() + 1_000);
    expect(response.headers.location).toBe(`/v1/calls/${call.id}`);
  });
});

describe("null means not given", () => {
  it("accepts every optional field of a call as null", async () => {
    const response = await api.post("/v1/calls/outbound", {
      to: "+15551234567",
      from: null,
      agent_id: null,
      client_name: null,
      context: null,
      metadata: null,
      schedule_at: null,
      webhook_url: null,
      max_attempts: null,
    });
    expect(response.status).toBe(201);
    expect(CallOut.parse(response.body)).toMatchObject({ agent_id: org.defaultAgentId, max_attempts: 3, context: null, client_name: null });
  });

  it("accepts null for every optional agent field; on PATCH null leaves a field unchanged, except voice and language, which it clears", async () => {
    const created = await api.post("/v1/agents", {
      name: "Nulls",
      system_prompt: "Hello",
      voice: null,
      language: null,
      max_duration_seconds: null,
      is_default: null,
    });
    expect(created.status).toBe(201);
    const agent = AgentOut.parse(created.body);
    expect(agent).toMatchObject({ voice: null, language: null, max_duration_seconds: 600, is_default: false });

    const voiced = await api.patch(`/v1/agents/${agent.id}`, { voice: "alloy", language: "en-US" });
    expect(voiced.body).toMatchObject({ voice: "alloy", language: "en-US" });
    const unchanged = await api.patch(`/v1/agents/${agent.id}`, {
      name: null,
      system_prompt: null,
      max_duration_seconds: null,
      is_default: null,
      is_active: null,
      language: "en-GB",
    });
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toMatchObject({
      name: "Nulls",
      system_prompt: "Hello",
      max_duration_seconds: 600,
      voice: "alloy",
      language: "en-GB",
    });
    const cleared = await api.patch(`/v1/agents/${agent.id}`, { voice: null, language: null });
    expect(cleared.body).toMatchObject({ voice: null, language: null, name: "Nulls" });
    const nothing = await api.patch(`/v1/agents/${agent.id}`, { name: null });
    expect([nothing.status, errorType(nothing)]).toEqual([422, "validation_failed"]);
  });

  it("accepts null for every optional webhook endpoint field", async () => {
    const created = await api.post("/v1/webhook-endpoints", {
      url: "https://partner.example/hooks",
      events: null,
      description: null,
      enabled: null,
    });
    expect(created.status).toBe(201);
    const endpoint = WebhookEndpointOut.parse(created.body);
    expect(endpoint).toMatchObject({ events: null, description: null, enabled: true });
    const updated = await api.patch(`/v1/webhook-endpoints/${endpoint.id}`, { url: null, enabled: null, description: "CRM" });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ url: "https://partner.example/hooks", enabled: true, description: "CRM" });
  });

  it("refuses an unknown field on POST /v1/api-keys like on every other body, naming it", async () => {
    const response = await api.post("/v1/api-keys", { name: "ci" });
    expect([response.status, errorType(response)]).toEqual([422, "validation_failed"]);
    expect(ErrorEnvelope.parse(response.body).error.param).toBe("name");
    const created = await api.post("/v1/api-keys", {});
    expect(created.status).toBe(201);
    expect((await api.delete(`/v1/api-keys/${(created.body as { id: string }).id}`)).status).toBe(200);
  });
});

describe("errors", () => {
  it("reports every validation problem at once: the first in param, all in details, unknown fields named", async () => {
    const response = await api.post("/v1/calls/outbound", { to: "nope", max_attempts: 50, colour: "red", schedule_at: "soon" });
    expect([response.status, errorType(response)]).toEqual([422, "validation_failed"]);
    const details = detailsOf(response.body);
    // The phone number too: it used to be checked only once the rest was valid.
    expect(details.map((detail) => detail.param).sort()).toEqual(["colour", "max_attempts", "schedule_at", "to"]);
    expect(ErrorEnvelope.parse(response.body).error.param).toBe(details[0]?.param);
    expect(details.find((detail) => detail.param === "colour")?.message).toBe("unknown field");
  });

  it.each([
    // GET and PATCH /v1/calls/{call_id} match this path too (and answer 404: "outbound" is no call id).
    ["PUT", "/v1/calls/outbound", "GET, HEAD, PATCH, POST"],
    ["PUT", "/v1/api-keys", "GET, HEAD, POST"],
    ["DELETE", "/v1/calls", "GET, HEAD"],
    ["PUT", "/v1/agents/00000000-0000-4000-8000-000000000000", "DELETE, GET, HEAD, PATCH"],
    ["PATCH", "/v1/webhook-deliveries", "GET, HEAD"],
  ])("answers %s %s with 405 and Allow: %s", async (method, path, allow) => {
    const response = await request(`${stack.gatewayUrl}${path}`, {
      method: method as "PUT",
      headers: { authorization: `Bearer ${org.apiKey}`, "content-type": "application/json" },
      body: "{}",
    });
    const body = await response.body.json();
    expect([response.statusCode, response.headers.allow]).toEqual([405, allow]);
    expect(ErrorEnvelope.parse(body).error.type).toBe("method_not_allowed");
  });

  it("answers a 401 with WWW-Authenticate: Bearer", async () => {
    for (const authorization of [undefined, "Bearer sk_live_nope", "Basic eDp5"]) {
      const response = await request(`${stack.gatewayUrl}/v1/calls`, { headers: authorization ? { authorization } : {} });
      const body = await response.body.json();
      expect([response.statusCode, ErrorEnvelope.parse(body).error.type]).toEqual([401, "unauthenticated"]);
      expect(response.headers["www-authenticate"]).toMatch(/^Bearer /);
    }
  });
});

describe("one list style", () => {
  it("pages agents, API keys, webhook endpoints, deliveries and calls with limit and offset, answering items, total, limit and offset", async () => {
    const fresh = await provisionOrg({ minutes: 100 });
    const client = apiClient(stack.gatewayUrl, fresh.apiKey);
    for (let i = 0; i < 2; i++) expect((await client.post("/v1/agents", { name: `A${i}`, system_prompt: "x" })).status).toBe(201);
    for (let i = 0; i < 2; i++) expect((await client.post("/v1/api-keys", {})).status).toBe(201);
    for (let i = 0; i < 3; i++)
      expect((await client.post("/v1/webhook-endpoints", { url: `https://partner.example/${i}` })).status).toBe(201);
    for (let i = 0; i < 3; i++)
      expect((await client.post("/v1/calls/outbound", { to: "+15551234567", schedule_at: later() })).status).toBe(201);

    // Each org starts with one agent (its default) and one key (the one in use).
    for (const [path, total] of [
      ["/v1/agents", 3],
      ["/v1/api-keys", 3],
      ["/v1/webhook-endpoints", 3],
      ["/v1/calls", 3],
    ] as const) {
      const all = await client.get(path);
      expect([path, all.status, all.body]).toMatchObject([path, 200, { total, limit: 25, offset: 0 }]);
      const page = await client.get(`${path}?limit=1&offset=1`);
      expect([path, page.body]).toMatchObject([path, { total, limit: 1, offset: 1 }]);
      expect((page.body as { items: unknown[] }).items).toHaveLength(1);
      const second = (page.body as { items: { id: string }[] }).items[0]?.id;
      expect(second).toBe((all.body as { items: { id: string }[] }).items[1]?.id);
      for (const bad of ["limit=0", "limit=101", "offset=-1"])
        expect([path, bad, (await client.get(`${path}?${bad}`)).status]).toEqual([path, bad, 422]);
    }
    // Three calls' call.queued to three endpoints: nine deliveries, logged as the webhooks service takes them.
    const logged = await eventually("nine deliveries logged", async () => {
      const all = await client.get("/v1/webhook-deliveries?limit=100");
      return (all.body as { total: number }).total === 9 ? (all.body as { items: { id: string }[] }) : null;
    });
    const deliveries = await client.get("/v1/webhook-deliveries?limit=2&offset=1");
    expect(deliveries.body).toMatchObject({ total: 9, limit: 2, offset: 1 });
    expect((deliveries.body as { items: { id: string }[] }).items.map((item) => item.id)).toEqual(
      logged.items.slice(1, 3).map((item) => item.id),
    );
    expect((await client.get("/v1/webhook-deliveries?limit=101")).status).toBe(422);
  });
});

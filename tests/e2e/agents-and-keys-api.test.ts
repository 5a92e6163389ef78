import { randomUUID } from "node:crypto";
import { AgentOut, ApiKeyOut, CallOut, CreatedApiKey } from "@voxbridge/contracts";
import { z } from "zod";
import { type ApiClient, apiClient, errorType } from "../support/api-client";
import { eventually } from "../support/eventually";
import { provisionOrg, startStack, type TestOrg, type TestStack } from "../support/stack";

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const freshOrg = async (options?: { withDefaultAgent?: boolean }): Promise<{ org: TestOrg; api: ApiClient }> => {
  const org = await provisionOrg(options);
  return { org, api: apiClient(stack.gatewayUrl, org.apiKey) };
};
const agentBody = (overrides: Record<string, unknown> = {}) => ({ name: "Sales", system_prompt: "Hi {{client_name}}", ...overrides });

describe("agents API", () => {
  it("creates an agent with defaults, gets it and lists it", async () => {
    const { api } = await freshOrg({ withDefaultAgent: false });
    const created = await api.post("/v1/agents", agentBody({ voice: "alloy", language: "en-US" }));
    expect(created.status).toBe(201);
    const agent = AgentOut.parse(created.body);
    expect(agent).toMatchObject({
      name: "Sales",
      voice: "alloy",
      language: "en-US",
      max_duration_seconds: 600,
      voicemail_action: "hangup",
      is_default: false,
      is_active: true,
    });
    expect(created.headers.location).toBe(`/v1/agents/${agent.id}`);
    expect((await api.get(`/v1/agents/${agent.id}`)).body).toEqual(agent);
    expect((await api.get("/v1/agents")).body).toEqual({ items: [agent], total: 1, limit: 25, offset: 0 });
  });

  it("takes voicemail_action hangup or retry, on create and on PATCH, and refuses anything else", async () => {
    const { api } = await freshOrg({ withDefaultAgent: false });
    const agent = AgentOut.parse((await api.post("/v1/agents", agentBody({ voicemail_action: "retry" }))).body);
    expect(agent.voicemail_action).toBe("retry");
    expect((await api.patch(`/v1/agents/${agent.id}`, { voicemail_action: "hangup" })).body).toMatchObject({ voicemail_action: "hangup" });
    const bad = await api.post("/v1/agents", agentBody({ voicemail_action: "leave_message" }));
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { type: "validation_failed", param: "voicemail_action" } });
  });

  it("keeps exactly one default per org, switching it atomically on create and on update", async () => {
    const { org, api } = await freshOrg();
    const second = AgentOut.parse((await api.post("/v1/agents", agentBody({ is_default: true }))).body);
    const first = AgentOut.parse((await api.get(`/v1/agents/${org.defaultAgentId}`)).body);
    expect([first.is_default, second.is_default]).toEqual([false, true]);
    const switched = await api.patch(`/v1/agents/${first.id}`, { is_default: true });
    expect(AgentOut.parse(switched.body).is_default).toBe(true);
    expect(AgentOut.parse((await api.get(`/v1/agents/${second.id}`)).body).is_default).toBe(false);
    // New calls without agent_id use the current default.
    expect(CallOut.parse((await api.post("/v1/calls/outbound", { to: "+15551234567" })).body).agent_id).toBe(first.id);
  });

  it("survives concurrent default switches with exactly one default", async () => {
    const { api } = await freshOrg();
    const agents = await Promise.all([1, 2, 3].map(() => api.post("/v1/agents", agentBody())));
    const ids = agents.map((response) => AgentOut.parse(response.body).id);
    const results = await Promise.all(ids.map((id) => api.patch(`/v1/agents/${id}`, { is_default: true })));
    expect(results.map((result) => result.status)).toEqual([200, 200, 200]);
    const all = z.object({ items: z.array(AgentOut) }).parse((await api.get("/v1/agents?limit=100")).body);
    expect(all.items.filter((agent) => agent.is_default)).toHaveLength(1);
  });

  it("DELETE deactivates: the agent is 404 for new calls and stops being the default; PATCH is_active reactivates", async () => {
    const { org, api } = await freshOrg();
    const deleted = await api.delete(`/v1/agents/${org.defaultAgentId}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ is_active: false, is_default: false });
    const explicit = await api.post("/v1/calls/outbound", { to: "+15551234567", agent_id: org.defaultAgentId });
    expect([explicit.status, errorType(explicit)]).toEqual([404, "not_found"]);
    const implicit = await api.post("/v1/calls/outbound", { to: "+15551234567" });
    expect([implicit.status, errorType(implicit)]).toEqual([400, "no_default_agent"]);
    expect((await api.get("/v1/agents")).body).toMatchObject({ total: 0 });
    expect((await api.get("/v1/agents?include_inactive=true")).body).toMatchObject({ total: 1 });
    const reactivated = await api.patch(`/v1/agents/${org.defaultAgentId}`, { is_active: true });
    expect(reactivated.body).toMatchObject({ is_active: true, is_default: false });
    expect((await api.post("/v1/calls/outbound", { to: "+15551234567", agent_id: org.defaultAgentId })).status).toBe(201);
  });

  it.each([
    [{}, "name"],
    [{ name: "", system_prompt: "x" }, "name"],
    [{ name: "A", system_prompt: "x", max_duration_seconds: 5 }, "max_duration_seconds"],
    [{ name: "A", system_prompt: "x", language: "english please" }, "language"],
    [{ name: "A", system_prompt: "x", colour: "red" }, "colour"],
  ])("refuses %j with 422", async (body, param) => {
    const { api } = await freshOrg();
    const response = await api.post("/v1/agents", body);
    expect([response.status, errorType(response)]).toEqual([422, "validation_failed"]);
    expect((response.body as { error: { param: string | null } }).error.param).toBe(param);
  });

  it("refuses an empty PATCH with 422, and unknown or other orgs' agents with 404 on every route", async () => {
    const { org, api } = await freshOrg();
    const { api: stranger } = await freshOrg();
    expect((await api.patch(`/v1/agents/${org.defaultAgentId}`, {})).status).toBe(422);
    for (const id of [org.defaultAgentId as string, randomUUID(), "not-a-uuid"]) {
      const client = id === org.defaultAgentId ? stranger : api;
      expect((await client.get(`/v1/agents/${id}`)).status).toBe(404);
      expect((await client.patch(`/v1/agents/${id}`, { name: "x" })).status).toBe(404);
      expect((await client.delete(`/v1/agents/${id}`)).status).toBe(404);
    }
    expect(AgentOut.parse((await api.get(`/v1/agents/${org.defaultAgentId}`)).body)).toMatchObject({
      is_active: true,
      name: "Default agent",
    });
  });
});

describe("API keys API", () => {
  it("creates a key shown once, lists keys by prefix only, and revokes at once", async () => {
    const { api } = await freshOrg();
    const created = await api.post("/v1/api-keys");
    expect(created.status).toBe(201);
    const key = CreatedApiKey.parse(created.body);
    expect(key.key).toMatch(/^sk_live_[A-Za-z0-9]{40}$/);
    expect(key.key.startsWith(key.prefix)).toBe(true);
    const listed = z.object({ items: z.array(ApiKeyOut) }).parse((await api.get("/v1/api-keys")).body);
    expect(listed.items).toHaveLength(2);
    expect(JSON.stringify(listed)).not.toContain(key.key);

    const second = apiClient(stack.gatewayUrl, key.key);
    expect((await second.get("/v1/calls")).status).toBe(200);
    await eventually("last_used_at of the new key", async () =>
      ((await api.get("/v1/api-keys")).body as { items: ApiKeyOut[] }).items.some((k) => k.id === key.id && k.last_used_at !== null),
    );
    const revoked = await api.delete(`/v1/api-keys/${key.id}`);
    expect(ApiKeyOut.parse(revoked.body).revoked_at).not.toBeNull();
    const refused = await second.get("/v1/calls");
    expect([refused.status, errorType(refused)]).toEqual([401, "unauthenticated"]);
  });

  it("is 404 for another org's key and a malformed id", async () => {
    const { api } = await freshOrg();
    const { api: stranger } = await freshOrg();
    const key = CreatedApiKey.parse((await api.post("/v1/api-keys")).body);
    expect((await stranger.delete(`/v1/api-keys/${key.id}`)).status).toBe(404);
    expect((await api.delete("/v1/api-keys/nope")).status).toBe(404);
    expect((await apiClient(stack.gatewayUrl, key.key).get("/v1/calls")).status).toBe(200);
  });
});

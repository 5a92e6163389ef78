import { SigningSecretOut, WebhookDeliveryList, type WebhookEndpointOut, WebhookEndpointWithSecretOut } from "@voxbridge/contracts";
import { startReceiver, Webhook } from "@voxbridge/webhooks/test-harness";
import { type ApiClient, apiClient, errorType } from "../support/api-client";
import { eventually } from "../support/eventually";
import { provisionOrg, startStack, type TestOrg, type TestStack } from "../support/stack";

let stack: TestStack;
let org: TestOrg;
let other: TestOrg;
let api: ApiClient;
let otherApi: ApiClient;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  stack = await startStack();
  [org, other] = await Promise.all([provisionOrg(), provisionOrg()]);
  api = apiClient(stack.gatewayUrl, org.apiKey);
  otherApi = apiClient(stack.gatewayUrl, other.apiKey);
});

afterAll(async () => {
  for (const close of closers) await close();
  await stack?.stop();
});

const receiver = async () => {
  const started = await startReceiver();
  closers.push(started.close);
  return started;
};
// Far in the future: the dialer keeps the call queued, so only call.queued is delivered here.
const laterCall = (extra: Record<string, unknown> = {}) => ({
  to: "+14155550123",
  schedule_at: "2099-01-01T00:00:00Z",
  metadata: { crm_id: "e2e" },
  ...extra,
});
type Body = { type: string; sequence: number; data: { id: string; metadata: unknown } };

describe("webhook endpoints and the delivery log through the public API", () => {
  it("manages endpoints: create returns the secret once, URLs must be http(s) without credentials, other orgs get 404", async () => {
    const partner = await receiver();
    expect(errorType(await api.post("/v1/webhook-endpoints", { url: "ftp://example.com/hook" }))).toBe("validation_failed");
    expect((await api.post("/v1/webhook-endpoints", { url: "ftp://example.com/hook" })).status).toBe(422);
    expect((await api.post("/v1/webhook-endpoints", { url: "http://user:pw@127.0.0.1/hook" })).status).toBe(422);
    expect((await api.post("/v1/webhook-endpoints", { url: partner.url, events: ["call.nope"] })).status).toBe(422);

    const created = await api.post("/v1/webhook-endpoints", { url: partner.url, description: "CRM", events: ["call.queued"] });
    expect(created.status).toBe(201);
    const endpoint = WebhookEndpointWithSecretOut.parse(created.body);
    expect(endpoint).toMatchObject({ url: partner.url, description: "CRM", events: ["call.queued"], enabled: true });

    const fetched = await api.get(`/v1/webhook-endpoints/${endpoint.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).not.toHaveProperty("secret");
    expect(((await api.get("/v1/webhook-endpoints")).body as { items: WebhookEndpointOut[] }).items.map((e) => e.id)).toContain(
      endpoint.id,
    );

    expect((await otherApi.get(`/v1/webhook-endpoints/${endpoint.id}`)).status).toBe(404);
    expect((await otherApi.patch(`/v1/webhook-endpoints/${endpoint.id}`, { enabled: false })).status).toBe(404);
    expect((await otherApi.post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`)).status).toBe(404);
    expect((await otherApi.delete(`/v1/webhook-endpoints/${endpoint.id}`)).status).toBe(404);
    expect(((await otherApi.get("/v1/webhook-endpoints")).body as { items: unknown[] }).items).toEqual([]);
    expect((await api.get("/v1/webhook-endpoints/not-a-uuid")).status).toBe(404);

    const patched = await api.patch(`/v1/webhook-endpoints/${endpoint.id}`, { description: "CRM v2", events: null });
    expect(patched.body).toMatchObject({ description: "CRM v2", events: null });
    const rotated = WebhookEndpointWithSecretOut.parse((await api.post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`)).body);
    expect(rotated.secret).not.toBe(endpoint.secret);

    expect((await api.delete(`/v1/webhook-endpoints/${endpoint.id}`)).status).toBe(204);
    expect((await api.get(`/v1/webhook-endpoints/${endpoint.id}`)).status).toBe(404);
  });

  it("delivers call.queued to the org endpoint signed with its secret, logs it, and replays it with the same webhook-id", async () => {
    const partner = await receiver();
    const endpoint = WebhookEndpointWithSecretOut.parse((await api.post("/v1/webhook-endpoints", { url: partner.url })).body);
    const call = (await api.post("/v1/calls/outbound", laterCall())).body as { id: string };

    await eventually("call.queued delivered", async () => partner.received.length === 1);
    const [first] = partner.received;
    if (!first) throw new Error("no delivery");
    const body = new Webhook(endpoint.secret).verify(first.body, first.headers as Record<string, string>) as Body;
    expect(body).toMatchObject({ type: "call.queued", sequence: 1, data: { id: call.id, metadata: { crm_id: "e2e" } } });

    const log = await eventually("delivery logged as succeeded", async () => {
      const page = WebhookDeliveryList.parse((await api.get(`/v1/webhook-deliveries?call_id=${call.id}&status=succeeded`)).body);
      return page.items.length === 1 ? page : null;
    });
    const delivery = log.items[0];
    expect(delivery).toMatchObject({
      endpoint_id: endpoint.id,
      event_type: "call.queued",
      attempt_count: 1,
      webhook_id: first.headers["webhook-id"],
    });
    expect(delivery?.attempts[0]).toMatchObject({ response_status: 200, error: null });
    expect((await otherApi.get(`/v1/webhook-deliveries?call_id=${call.id}`)).body).toEqual({ items: [], total: 0, limit: 25, offset: 0 });
    expect((await api.get("/v1/webhook-deliveries?status=lost")).status).toBe(422);

    expect((await otherApi.post(`/v1/webhook-deliveries/${delivery?.id}/retry`)).status).toBe(404);
    const replayed = await api.post(`/v1/webhook-deliveries/${delivery?.id}/retry`);
    expect(replayed.status).toBe(200);
    await eventually("replayed", async () => partner.received.length === 2);
    expect(partner.received[1]?.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    await api.delete(`/v1/webhook-endpoints/${endpoint.id}`);
  });

  it("a per-call webhook_url overrides the org endpoints and is signed with the org's secret", async () => {
    const orgEndpoint = await receiver();
    const perCall = await receiver();
    const endpoint = WebhookEndpointWithSecretOut.parse((await api.post("/v1/webhook-endpoints", { url: orgEndpoint.url })).body);
    const call = (await api.post("/v1/calls/outbound", laterCall({ webhook_url: perCall.url }))).body as { id: string };
    await eventually("delivered to the call's URL", async () => perCall.received.length === 1);
    const [request] = perCall.received;
    if (!request) throw new Error("no delivery");
    expect(new Webhook(org.webhookSecret).verify(request.body, request.headers as Record<string, string>)).toMatchObject({
      data: { id: call.id },
    });
    const log = WebhookDeliveryList.parse((await api.get(`/v1/webhook-deliveries?call_id=${call.id}`)).body);
    expect(log.items.map((item) => item.endpoint_id)).toEqual([null]);
    expect(orgEndpoint.received.filter((r) => r.body.includes(call.id))).toEqual([]);
    await api.delete(`/v1/webhook-endpoints/${endpoint.id}`);
  });

  it("rotates the org signing secret through the API: shown once, and the old one signs too for 24 hours", async () => {
    const rotating = await provisionOrg();
    const client = apiClient(stack.gatewayUrl, rotating.apiKey);
    const before = Date.now();
    const response = await client.post("/v1/signing-secret/rotate");
    expect(response.status).toBe(200);
    const rotated = SigningSecretOut.parse(response.body);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(rotating.webhookSecret);
    const grace = new Date(rotated.previous_secret_expires_at ?? 0).getTime() - before;
    expect(grace).toBeGreaterThanOrEqual(24 * 3_600_000 - 1_000);
    expect(grace).toBeLessThanOrEqual(24 * 3_600_000 + 60_000);

    const perCall = await receiver();
    const call = (await client.post("/v1/calls/outbound", laterCall({ webhook_url: perCall.url }))).body as { id: string };
    await eventually("delivered to the call's URL", async () => perCall.received.length === 1);
    const [request] = perCall.received;
    if (!request) throw new Error("no delivery");
    const headers = request.headers as Record<string, string>;
    expect(headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    for (const secret of [rotated.secret, rotating.webhookSecret]) {
      expect(new Webhook(secret).verify(request.body, headers)).toMatchObject({ data: { id: call.id } });
    }
    expect((await otherApi.get(`/v1/webhook-deliveries?call_id=${call.id}`)).body).toMatchObject({ total: 0 });
  });
});

import { ErrorEnvelope } from "@voxbridge/contracts";
import { request } from "undici";
import { apiClient, errorType } from "../support/api-client";
import { PRIVATE_HOST_SPELLINGS } from "../support/private-host-spellings";
import { PUBLISHED_CREATE_CALL_EXAMPLE } from "../support/published-example";
import { provisionOrg, startStack, type TestStack } from "../support/stack";

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: "false",
    TELEPHONY_ADAPTER: "twilio",
    // The dialer needs credentials to start with a live carrier; these reach no carrier, and the one
    // call this file accepts is scheduled a day ahead, so nothing is dialed.
    TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000000",
    TWILIO_AUTH_TOKEN: "test-token-not-a-secret",
    TWILIO_API_BASE_URL: "http://127.0.0.1:1",
    RATE_LIMIT_PER_WINDOW: "5",
    RATE_LIMIT_WINDOW_MS: "60000",
  });
});
afterAll(() => stack?.stop());

describe("gateway with production settings", () => {
  it("refuses webhook URLs on private, loopback and link-local networks, and URLs with credentials", async () => {
    const api = apiClient(stack.gatewayUrl, (await provisionOrg()).apiKey);
    for (const url of [
      "http://127.0.0.1:9000/hook",
      "http://10.0.0.8/hook",
      "http://169.254.169.254/latest",
      "http://[::1]/x",
      "https://u:p@8.8.8.8/x",
    ]) {
      const response = await api.post("/v1/calls/outbound", { to: "+15551234567", from: "+15550001111", webhook_url: url });
      expect([url, response.status, errorType(response)]).toEqual([url, 422, "validation_failed"]);
      expect(ErrorEnvelope.parse(response.body).error.param).toBe("webhook_url");
    }
    const unspent = apiClient(stack.gatewayUrl, (await provisionOrg()).apiKey);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const accepted = await unspent.post("/v1/calls/outbound", {
      to: "+15551234567",
      from: "+15550001111",
      webhook_url: "https://8.8.8.8/hook",
      schedule_at: tomorrow,
    });
    expect(accepted.status).toBe(201);
  });

  it("accepts the published example verbatim: a host that does not resolve yet is no reason to refuse a call", async () => {
    const api = apiClient(stack.gatewayUrl, (await provisionOrg()).apiKey);
    const response = await api.postText("/v1/calls/outbound", PUBLISHED_CREATE_CALL_EXAMPLE);
    expect(response.status).toBe(201);
    // Nothing here should reach a carrier: cancel it (it may already be dialing the dead carrier URL).
    expect((await api.post(`/v1/calls/${(response.body as { id: string }).id}/cancel`)).status).toBeLessThan(500);
    const endpoint = await api.post("/v1/webhook-endpoints", { url: "https://hooks.not-set-up-yet.invalid/voice" });
    expect(endpoint.status).toBe(201);
    const rebinding = await api.post("/v1/webhook-endpoints", { url: "http://localhost:9000/hook" });
    expect([rebinding.status, errorType(rebinding)]).toEqual([422, "validation_failed"]);
  });

  it("refuses every spelling of a loopback, private or link-local host, per call, in a batch and on a PATCH", async () => {
    const api = apiClient(stack.gatewayUrl, (await provisionOrg()).apiKey);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const batch = await api.post("/v1/calls/batch", {
      calls: PRIVATE_HOST_SPELLINGS.map(([, url]) => ({
        to: "+15551234567",
        from: "+15550001111",
        webhook_url: url,
        schedule_at: tomorrow,
      })),
    });
    expect(batch.status).toBe(200);
    const items = (batch.body as { items: { status: number; error?: { type: string; param: string | null } }[] }).items;
    expect(items.map((item, index) => [PRIVATE_HOST_SPELLINGS[index]?.[1], item.status, item.error?.type, item.error?.param])).toEqual(
      PRIVATE_HOST_SPELLINGS.map(([, url]) => [url, 422, "validation_failed", "webhook_url"]),
    );
    const [, first] = PRIVATE_HOST_SPELLINGS[0];
    const single = await api.post("/v1/calls/outbound", { to: "+15551234567", from: "+15550001111", webhook_url: first });
    expect([single.status, ErrorEnvelope.parse(single.body).error.param]).toEqual([422, "webhook_url"]);
    const call = await api.post("/v1/calls/outbound", { to: "+15551234567", from: "+15550001111", schedule_at: tomorrow });
    expect(call.status).toBe(201);
    const patched = await api.patch(`/v1/calls/${(call.body as { id: string }).id}`, { webhook_url: "http://[::ffff:169.254.169.254]/x" });
    expect([patched.status, ErrorEnvelope.parse(patched.body).error.param]).toEqual([422, "webhook_url"]);
  });

  it("names every problem of a body in one 422, the phone number included: create, batch item and PATCH", async () => {
    const api = apiClient(stack.gatewayUrl, (await provisionOrg()).apiKey);
    const paramsOf = (error: unknown) => ErrorEnvelope.parse({ error }).error.details?.map((detail) => detail.param);
    const created = await api.postText("/v1/calls/outbound", '{"to":"1","max_attempts":99,"bogus":true}');
    expect([created.status, ErrorEnvelope.parse(created.body).error.param]).toEqual([422, "to"]);
    // `from` is missing too: this deployment has live telephony.
    expect(paramsOf((created.body as { error: unknown }).error)).toEqual(["to", "from", "max_attempts", "bogus"]);
    expect(ErrorEnvelope.parse(created.body).error.message).toBe("to: not a possible phone number (and 3 more problems, see details)");

    const batch = await api.post("/v1/calls/batch", {
      calls: [
        { to: "1", from: "+1 (555) 000-1111", max_attempts: 99, bogus: true },
        { to: "+15551234567", from: "not-a-number", webhook_url: "http://127.1/hook", client_name: "" },
      ],
    });
    const items = (batch.body as { items: { status: number; error: unknown }[] }).items;
    expect(items.map((item) => [item.status, paramsOf(item.error)])).toEqual([
      [422, ["to", "max_attempts", "bogus"]],
      [422, ["from", "client_name", "webhook_url"]],
    ]);

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const call = await api.post("/v1/calls/outbound", { to: "+15551234567", from: "+15550001111", schedule_at: tomorrow });
    const patched = await api.patch(`/v1/calls/${(call.body as { id: string }).id}`, {
      max_attempts: 99,
      webhook_url: "http://LOCALHOST./hook",
      bogus: 1,
    });
    expect([patched.status, paramsOf((patched.body as { error: unknown }).error)]).toEqual([422, ["max_attempts", "bogus", "webhook_url"]]);
  });

  it("requires from once live telephony is configured", async () => {
    const api = apiClient(stack.gatewayUrl, (await provisionOrg()).apiKey);
    const response = await api.post("/v1/calls/outbound", { to: "+15551234567" });
    expect([response.status, errorType(response)]).toEqual([422, "validation_failed"]);
    expect(ErrorEnvelope.parse(response.body).error.param).toBe("from");
  });

  it("limits each API key's requests with 429, Retry-After and RateLimit headers; other keys are unaffected", async () => {
    const limited = apiClient(stack.gatewayUrl, (await provisionOrg()).apiKey);
    const statuses: number[] = [];
    let last = await limited.get("/v1/calls");
    statuses.push(last.status);
    expect(last.headers.ratelimit).toEqual(expect.stringContaining("r=4"));
    expect(last.headers["ratelimit-policy"]).toEqual(expect.stringContaining("q=5"));
    for (let i = 0; i < 5; i++) {
      last = await limited.get("/v1/calls");
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(errorType(last)).toBe("rate_limited");
    expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
    expect((await apiClient(stack.gatewayUrl, (await provisionOrg()).apiKey).get("/v1/calls")).status).toBe(200);
  });
});

describe("API reference", () => {
  it("serves an OpenAPI 3.1 document generated from the schemas, covering every route", async () => {
    const response = await request(`${stack.gatewayUrl}/openapi.json`);
    expect(response.statusCode).toBe(200);
    const document = (await response.body.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe("3.1.0");
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        "POST /v1/calls/outbound",
        "GET /v1/calls",
        "GET /v1/calls/{call_id}",
        "GET /v1/calls/{call_id}/attempts",
        "GET /v1/calls/{call_id}/transcript",
        "GET /v1/calls/{call_id}/recording",
        "DELETE /v1/calls/{call_id}/recording",
        "PATCH /v1/calls/{call_id}",
        "GET /v1/suppressions",
        "POST /v1/suppressions",
        "POST /v1/calls/batch",
        "POST /v1/calls/{call_id}/cancel",
        "POST /v1/agents",
        "GET /v1/agents",
        "GET /v1/agents/{agent_id}",
        "PATCH /v1/agents/{agent_id}",
        "DELETE /v1/agents/{agent_id}",
        "GET /v1/usage",
        "GET /v1/api-keys",
        "POST /v1/api-keys",
        "DELETE /v1/api-keys/{api_key_id}",
        "DELETE /v1/suppressions/{suppression_id}",
        "POST /v1/webhook-endpoints",
        "GET /v1/webhook-endpoints",
        "GET /v1/webhook-endpoints/{endpoint_id}",
        "PATCH /v1/webhook-endpoints/{endpoint_id}",
        "DELETE /v1/webhook-endpoints/{endpoint_id}",
        "POST /v1/webhook-endpoints/{endpoint_id}/rotate-secret",
        "POST /v1/signing-secret/rotate",
        "GET /v1/webhook-deliveries",
        "POST /v1/webhook-deliveries/{delivery_id}/retry",
      ].sort(),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(["CallOut", "CreateOutboundCallRequest", "Error", "Agent", "Usage"]),
    );
  });

  it("serves a browsable reference at /docs with no asset from another host", async () => {
    const response = await request(`${stack.gatewayUrl}/docs/`);
    expect(response.statusCode).toBe(200);
    const html = await response.body.text();
    expect(html).toContain("swagger-ui");
    expect(html).not.toMatch(/(src|href)="https?:\/\//);
  });
});

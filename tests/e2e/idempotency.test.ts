import { CallList, CallOut } from "@voxbridge/contracts";
import pg from "pg";
import { apiClient, errorType } from "../support/api-client";
import { testDatabaseUrl } from "../support/env";
import { provisionOrg, startStack, type TestStack } from "../support/stack";

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const fresh = async () => apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 100 })).apiKey);
const callsOf = async (api: ReturnType<typeof apiClient>) => CallList.parse((await api.get("/v1/calls?limit=100")).body);

describe("Idempotency-Key on POST /v1/calls/outbound", () => {
  it("replays the first response for the same key and body, creating one call", async () => {
    const api = await fresh();
    const body = { to: "+15551234567", metadata: { order: 1, items: ["a", "b"] } };
    const first = await api.post("/v1/calls/outbound", body, { "idempotency-key": "order-1" });
    expect(first.status).toBe(201);
    const again = await api.post(
      "/v1/calls/outbound",
      { metadata: { items: ["a", "b"], order: 1 }, to: "+15551234567" },
      { "idempotency-key": "order-1" },
    );
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect((await callsOf(api)).total).toBe(1);
  });

  it("answers 422 when the key is reused with a different body, and keeps the first call", async () => {
    const api = await fresh();
    await api.post("/v1/calls/outbound", { to: "+15551234567" }, { "idempotency-key": "k" });
    const reused = await api.post("/v1/calls/outbound", { to: "+15559876543" }, { "idempotency-key": "k" });
    expect([reused.status, errorType(reused)]).toEqual([422, "idempotency_key_reused"]);
    expect((await callsOf(api)).total).toBe(1);
  });

  it("lets exactly one of many concurrent identical requests create the call; the rest replay it or get 409", async () => {
    const api = await fresh();
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => api.post("/v1/calls/outbound", { to: "+15551234567" }, { "idempotency-key": "race" })),
    );
    const created = responses.filter((response) => response.status === 201);
    const inFlight = responses.filter((response) => response.status === 409);
    expect(created.length + inFlight.length).toBe(12);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const response of inFlight) expect(errorType(response)).toBe("idempotency_key_in_flight");
    expect(new Set(created.map((response) => CallOut.parse(response.body).id)).size).toBe(1);
    expect((await callsOf(api)).total).toBe(1);
  });

  it("scopes keys per API key: the same key from another key of the org is a new request", async () => {
    const org = await provisionOrg({ minutes: 100 });
    const api = apiClient(stack.gatewayUrl, org.apiKey);
    const second = apiClient(stack.gatewayUrl, ((await api.post("/v1/api-keys")).body as { key: string }).key);
    const a = await api.post("/v1/calls/outbound", { to: "+15551234567" }, { "idempotency-key": "shared" });
    const b = await second.post("/v1/calls/outbound", { to: "+15551234567" }, { "idempotency-key": "shared" });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(CallOut.parse(a.body).id).not.toBe(CallOut.parse(b.body).id);
  });

  it("replays a final refusal (402) rather than running the request again", async () => {
    const org = await provisionOrg({ minutes: 0 });
    const api = apiClient(stack.gatewayUrl, org.apiKey);
    const refused = await api.post("/v1/calls/outbound", { to: "+15551234567" }, { "idempotency-key": "broke" });
    expect(refused.status).toBe(402);
    const replay = await api.post("/v1/calls/outbound", { to: "+15551234567" }, { "idempotency-key": "broke" });
    expect(replay.status).toBe(402);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
  });

  it("answers 409 while a request with the same key is still running", async () => {
    const org = await provisionOrg({ minutes: 100 });
    const api = apiClient(stack.gatewayUrl, org.apiKey);
    const body = { to: "+15551234567" };
    const first = await api.post("/v1/calls/outbound", body, { "idempotency-key": "slow" });
    // Put the key back in the state a request still running leaves it in.
    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    await db.query(
      "UPDATE gateway.idempotency_keys SET status = 'in_flight', renewed_at = now() WHERE key = 'slow' AND response_body->>'id' = $1",
      [CallOut.parse(first.body).id],
    );
    await db.end();
    const response = await api.post("/v1/calls/outbound", body, { "idempotency-key": "slow" });
    expect([response.status, errorType(response)]).toEqual([409, "idempotency_key_in_flight"]);
  });

  it("lets a retry take over, within seconds, a key whose request died with its process, still with one call", async () => {
    const org = await provisionOrg({ minutes: 100 });
    const api = apiClient(stack.gatewayUrl, org.apiKey);
    const body = { to: "+15551234567" };
    const first = CallOut.parse((await api.post("/v1/calls/outbound", body, { "idempotency-key": "crashed" })).body);
    // What a gateway killed mid-request leaves: the claim in flight, renewed for the last time 6 s ago.
    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    await db.query(
      `UPDATE gateway.idempotency_keys SET status = 'in_flight', response_status = NULL, response_body = NULL,
              renewed_at = now() - interval '6 seconds'
        WHERE key = 'crashed' AND api_key_id = (SELECT id FROM gateway.api_keys WHERE org_id = $1 LIMIT 1)`,
      [org.orgId],
    );
    const retried = await api.post("/v1/calls/outbound", body, { "idempotency-key": "crashed" });
    expect(retried.status).toBe(201);
    expect(CallOut.parse(retried.body).id).toBe(first.id);
    const { rows } = await db.query("SELECT count(*)::int AS n FROM gateway.calls WHERE org_id = $1", [org.orgId]);
    await db.end();
    expect(rows[0].n).toBe(1);
  });

  it("refuses a malformed key with 422", async () => {
    const api = await fresh();
    const response = await api.post("/v1/calls/outbound", { to: "+15551234567" }, { "idempotency-key": "x".repeat(256) });
    expect([response.status, errorType(response)]).toEqual([422, "validation_failed"]);
    expect((response.body as { error: { param: string } }).error.param).toBe("Idempotency-Key");
  });
});

describe("Idempotency-Key on POST /v1/calls/{id}/cancel", () => {
  it("replays the cancel instead of answering 409 the second time", async () => {
    const api = await fresh();
    // Scheduled ahead: the dialer ends it at the request, so the cancel answers 200 with the canceled call.
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const call = CallOut.parse((await api.post("/v1/calls/outbound", { to: "+15551234567", schedule_at: later })).body);
    const first = await api.post(`/v1/calls/${call.id}/cancel`, {}, { "idempotency-key": "cancel-1" });
    const again = await api.post(`/v1/calls/${call.id}/cancel`, {}, { "idempotency-key": "cancel-1" });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    expect((await api.post(`/v1/calls/${call.id}/cancel`)).status).toBe(409);
  });
});

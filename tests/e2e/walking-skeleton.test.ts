import { CallOut, ErrorEnvelope } from "@voxbridge/contracts";
import pg from "pg";
import { request } from "undici";
import { testDatabaseUrl } from "../support/env";
import { eventually } from "../support/eventually";
import { startKafkaProbe } from "../support/kafka-probe";
import { provisionOrg, startStack, type TestOrg, type TestStack } from "../support/stack";

let stack: TestStack;
let db: pg.Pool;
let org: TestOrg;

beforeAll(async () => {
  stack = await startStack();
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  org = await provisionOrg({ minutes: 100 });
});

afterAll(async () => {
  await stack?.stop();
  await db?.end();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  request(`${stack.gatewayUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

describe("walking skeleton: one call through all four services", () => {
  it("accepts a call over HTTP, publishes call.queued keyed by call id, and the dialer and webhooks consume it", async () => {
    const probe = await startKafkaProbe(stack.topics.callEvents);
    try {
      // Scheduled ahead so the record still reads as created when fetched back (the dialer would otherwise dial it).
      const scheduleAt = new Date(Date.now() + 3_600_000).toISOString();
      const response = await post(
        "/v1/calls/outbound",
        { to: "(555) 123-4567", metadata: { crm_id: "abc" }, schedule_at: scheduleAt },
        auth(org.apiKey),
      );
      expect(response.statusCode).toBe(201);
      const call = CallOut.parse(await response.body.json());
      expect(call).toMatchObject({
        status: "queued",
        to_number: "+15551234567",
        agent_id: org.defaultAgentId,
        attempt_count: 0,
        max_attempts: 3,
      });
      expect(response.headers["x-request-id"]).toEqual(expect.any(String));

      const seen = await eventually("call.queued on Kafka", async () => probe.seen.find((s) => s.event.subject === call.id));
      expect(seen.key).toBe(call.id);
      expect(seen.event).toMatchObject({
        specversion: "1.0",
        type: "call.queued",
        source: "/voxbridge/gateway",
        data: { org_id: org.orgId, call },
      });

      await eventually(
        "the dialer's job",
        async () => (await db.query("SELECT status FROM dialer.dial_jobs WHERE call_id = $1", [call.id])).rows[0],
      );
      await eventually(
        "the webhook service's event",
        async () => (await db.query("SELECT type FROM webhooks.webhook_events WHERE call_id = $1", [call.id])).rows[0],
      );

      const fetched = await request(`${stack.gatewayUrl}/v1/calls/${call.id}`, { headers: auth(org.apiKey) });
      expect(fetched.statusCode).toBe(200);
      // The dialer may already have moved it on (calling, completed); the record is the same call.
      expect(await fetched.body.json()).toMatchObject({ id: call.id, to_number: call.to_number, metadata: call.metadata });
    } finally {
      await probe.stop();
    }
  });

  it("hides one org's call from another org's key (404, like a missing call)", async () => {
    const created = CallOut.parse(await (await post("/v1/calls/outbound", { to: "+15559876543" }, auth(org.apiKey))).body.json());
    const other = await provisionOrg();
    const response = await request(`${stack.gatewayUrl}/v1/calls/${created.id}`, { headers: auth(other.apiKey) });
    expect(response.statusCode).toBe(404);
    expect(ErrorEnvelope.parse(await response.body.json()).error.type).toBe("not_found");
  });
});

describe("create call errors answer with the error envelope", () => {
  const expectError = async (responsePromise: ReturnType<typeof post>, status: number, type: string) => {
    const response = await responsePromise;
    const body = ErrorEnvelope.parse(await response.body.json());
    expect({ status: response.statusCode, type: body.error.type }).toEqual({ status, type });
    expect(body.error.request_id).toBe(response.headers["x-request-id"]);
    return body;
  };

  it("401 without a key, with a malformed key, and with an unknown key", async () => {
    await expectError(post("/v1/calls/outbound", { to: "+15551234567" }), 401, "unauthenticated");
    await expectError(post("/v1/calls/outbound", { to: "+15551234567" }, { authorization: "Bearer nope" }), 401, "unauthenticated");
    await expectError(post("/v1/calls/outbound", { to: "+15551234567" }, auth(`sk_live_${"x".repeat(40)}`)), 401, "unauthenticated");
  });

  it("402 once the monthly minutes are held, and nothing is written for the refused call", async () => {
    const small = await provisionOrg({ minutes: 1 });
    expect((await post("/v1/calls/outbound", { to: "+15551234567" }, auth(small.apiKey))).statusCode).toBe(201);
    await expectError(post("/v1/calls/outbound", { to: "+15551234567" }, auth(small.apiKey)), 402, "quota_exceeded");
    const { rows } = await db.query("SELECT count(*)::int AS n FROM gateway.calls WHERE org_id = $1", [small.orgId]);
    expect(rows[0].n).toBe(1);
  });

  it("400 when no agent_id is given and the org has no default agent", async () => {
    const bare = await provisionOrg({ withDefaultAgent: false });
    await expectError(post("/v1/calls/outbound", { to: "+15551234567" }, auth(bare.apiKey)), 400, "no_default_agent");
  });

  it("404 for an agent_id that is not one of the org's active agents", async () => {
    const body = await expectError(
      post("/v1/calls/outbound", { to: "+15551234567", agent_id: "00000000-0000-4000-8000-000000000000" }, auth(org.apiKey)),
      404,
      "not_found",
    );
    expect(body.error.param).toBe("agent_id");
  });

  it("422 for numbers that are too short, too long or contain letters, and for out-of-range fields", async () => {
    for (const to of ["12345", "+1555123456789012", "555-CALL-NOW"]) {
      const body = await expectError(post("/v1/calls/outbound", { to }, auth(org.apiKey)), 422, "validation_failed");
      expect(body.error.param).toBe("to");
    }
    await expectError(post("/v1/calls/outbound", { to: "+15551234567", max_attempts: 0 }, auth(org.apiKey)), 422, "validation_failed");
    await expectError(
      post("/v1/calls/outbound", { to: "+15551234567", agent_id: "not-a-uuid" }, auth(org.apiKey)),
      422,
      "validation_failed",
    );
    await expectError(post("/v1/calls/outbound", { to: "+15551234567", surprise: 1 }, auth(org.apiKey)), 422, "validation_failed");
  });

  it("400 for malformed JSON, 415 for a non-JSON body, 413 for an oversized body", async () => {
    await expectError(post("/v1/calls/outbound", "{nope", auth(org.apiKey)), 400, "malformed_json");
    await expectError(
      post("/v1/calls/outbound", "to=1", { ...auth(org.apiKey), "content-type": "application/x-www-form-urlencoded" }),
      415,
      "unsupported_media_type",
    );
    await expectError(
      post("/v1/calls/outbound", { to: "+15551234567", metadata: { blob: "x".repeat(70_000) } }, auth(org.apiKey)),
      413,
      "payload_too_large",
    );
  });
});

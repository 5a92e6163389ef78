import { randomBytes, randomUUID } from "node:crypto";
import { MinuteAllowanceOut, UsageOut } from "@voxbridge/contracts";
import { createKafka, createProducer, type EventProducer, encodeCallEvent, LOCAL_SERVICE_TOKEN, topicNames } from "@voxbridge/kit";
import { testDatabaseUrl, testKafkaBrokers, testRedisUrl } from "../../../tests/support/env";
import { eventually } from "../../../tests/support/eventually";
import { callEvent } from "../test/call-events";
import { silentLogger } from "../test/quota-fixtures";
import { loadQuotaConfig } from "./config";
import { type RunningQuota, startQuota } from "./quota";

const prefix = `test-${randomBytes(4).toString("hex")}.`;
const topics = topicNames(prefix);
const kafka = createKafka({ clientId: "quota-test", brokers: testKafkaBrokers(), logger: silentLogger });
let quota: RunningQuota;
let base: string;
let producer: EventProducer;

const env = (overrides: Record<string, string> = {}) =>
  loadQuotaConfig({
    DATABASE_URL: testDatabaseUrl(),
    REDIS_URL: testRedisUrl(),
    KAFKA_BROKERS: testKafkaBrokers().join(","),
    KAFKA_TOPIC_PREFIX: prefix,
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    QUOTA_PORT: "0",
    MANAGEMENT_PORT: "0",
    DB_POOL_SIZE: "4",
    ...overrides,
  });

beforeAll(async () => {
  quota = await startQuota(env(), silentLogger);
  base = `http://127.0.0.1:${quota.port}`;
  producer = createProducer(kafka);
  await producer.connect();
});
afterAll(async () => {
  await producer.disconnect();
  await quota.stop();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: Object.values(topics), timeout: 10_000 }).catch(() => undefined);
  await admin.disconnect();
});

const send = (method: string, path: string, body?: unknown, at = base) =>
  fetch(`${at}${path}`, {
    method,
    headers: { authorization: `Bearer ${LOCAL_SERVICE_TOKEN}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });

async function newOrg(minutes: number): Promise<string> {
  const orgId = randomUUID();
  const response = await send("PUT", `/internal/v1/orgs/${orgId}/limit`, { minutes_limit: minutes });
  expect(response.status).toBe(200);
  return orgId;
}
const hold = async (orgId: string, callId = randomUUID()) =>
  (await (await send("POST", "/internal/v1/holds", { org_id: orgId, call_id: callId })).json()) as {
    granted: boolean;
    minutes_held: number;
  };
const usage = async (orgId: string) => UsageOut.parse(await (await send("GET", `/internal/v1/orgs/${orgId}/usage`)).json());
const publish = (...events: ReturnType<typeof callEvent>[]) =>
  producer.send({ topic: topics.callEvents, messages: events.map((event) => encodeCallEvent(event)) });
const metric = async (name: string) => {
  const text = await (await send("GET", "/metrics", undefined, `http://127.0.0.1:${quota.managementPort}`)).text();
  return Number(text.match(new RegExp(`^${name.replace(/[{}"]/g, "\\$&")} (\\d+)`, "m"))?.[1] ?? 0);
};

describe("quota's internal HTTP API", () => {
  it("sets a limit, holds to it idempotently, reports usage, gives back and answers the dialer's allowance", async () => {
    const orgId = await newOrg(2);
    const callId = randomUUID();
    expect(await hold(orgId, callId)).toEqual({ granted: true, minutes_held: 1, talk_seconds_allowed: 120 });
    expect(await hold(orgId, callId)).toEqual({ granted: true, minutes_held: 1, talk_seconds_allowed: 120 });
    expect(await hold(orgId)).toEqual({ granted: true, minutes_held: 1, talk_seconds_allowed: 60 });
    expect(await hold(orgId)).toEqual({ granted: false, minutes_held: 0 });
    expect(await usage(orgId)).toMatchObject({ minutes_limit: 2, minutes_used: 0, minutes_reserved: 2, minutes_remaining: 0 });

    const allowance = await send("GET", `/internal/v1/orgs/${orgId}/allowance?call_id=${callId}`);
    expect(allowance.status).toBe(200);
    expect(MinuteAllowanceOut.parse(await allowance.json())).toMatchObject({
      minutes_remaining: 0,
      call_minutes_held: 1,
      talk_seconds_allowed: 60,
    });

    const released = await send("POST", `/internal/v1/holds/${callId}/release`, { org_id: orgId });
    expect(released.status).toBe(204);
    expect((await usage(orgId)).minutes_reserved).toBe(1);

    const raised = await send("PUT", `/internal/v1/orgs/${orgId}/limit`, { minutes_limit: 10 });
    expect(UsageOut.parse(await raised.json())).toMatchObject({ minutes_limit: 10, minutes_reserved: 1, minutes_remaining: 9 });
  });

  it.each([
    ["POST", "/internal/v1/holds", { org_id: "nope", call_id: randomUUID() }, 422, "validation_failed"],
    ["POST", "/internal/v1/holds", "{not json", 400, "malformed_json"],
    ["PUT", `/internal/v1/orgs/${randomUUID()}/limit`, { minutes_limit: -1 }, 422, "validation_failed"],
    ["PUT", `/internal/v1/orgs/${randomUUID()}/limit`, { minutes_limit: 5, extra: true }, 422, "validation_failed"],
    ["GET", "/internal/v1/orgs/not-a-uuid/usage", undefined, 422, "validation_failed"],
    ["GET", `/internal/v1/orgs/${randomUUID()}/allowance?call_id=x`, undefined, 422, "validation_failed"],
    ["POST", "/internal/v1/holds/not-a-uuid/release", undefined, 422, "validation_failed"],
  ])("answers %s %s %j with a clear %i %s", async (method, path, body, status, type) => {
    const response = await send(method, path, body);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { type } });
  });
});

describe("settlement from real CloudEvents on Kafka", () => {
  it("confirms, settles and releases from the lifecycle topic, and bills a redelivered event once", async () => {
    const orgId = await newOrg(10);
    const [completed, failed, neverHeld] = [randomUUID(), randomUUID(), randomUUID()];
    await hold(orgId, completed);
    await hold(orgId, failed);
    const completion = callEvent("call.completed", { orgId, callId: completed }, { duration_seconds: 150 });
    await publish(
      callEvent("call.queued", { orgId, callId: completed }),
      callEvent("call.queued", { orgId, callId: failed }),
      callEvent("call.calling", { orgId, callId: completed }),
      completion,
      callEvent("call.failed", { orgId, callId: failed }, { duration_seconds: null, disposition: "busy" }),
      // The end of a call quota never saw a hold for (out of order): billed all the same.
      callEvent("call.completed", { orgId, callId: neverHeld }, { duration_seconds: 5 }),
    );
    const settled = await eventually("the three ends to be applied", async () => {
      const current = await usage(orgId);
      return current.minutes_used === 4 && current.minutes_reserved === 0 ? current : null;
    });
    expect(settled).toMatchObject({ minutes_used: 4, minutes_reserved: 0, minutes_remaining: 6 });

    const replays = await metric('voxbridge_quota_call_events_total{outcome="replay",voxbridge_service="quota"}');
    await publish(completion, completion);
    await eventually(
      "the redelivered event to be seen",
      async () => (await metric('voxbridge_quota_call_events_total{outcome="replay",voxbridge_service="quota"}')) >= replays + 2,
    );
    expect(await usage(orgId)).toMatchObject({ minutes_used: 4, minutes_reserved: 0 });
    // And a late hold for the ended call holds nothing.
    expect(await hold(orgId, completed)).toEqual({ granted: true, minutes_held: 0 });
  });

  it("is ready with Postgres and Redis answering, and says no more than that on its own port", async () => {
    const response = await send("GET", "/readyz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready" });
  });
});

describe("with Redis unreachable", () => {
  let down: RunningQuota;
  let downBase: string;
  beforeAll(async () => {
    down = await startQuota(env({ REDIS_URL: "redis://127.0.0.1:1", QUOTA_GROUP_ID: `${prefix}quota-down` }), silentLogger);
    downBase = `http://127.0.0.1:${down.port}`;
  });
  afterAll(() => down.stop());

  it("answers 503 dependency_unavailable for holds and usage, never a grant, and is not ready", async () => {
    const orgId = await newOrg(10);
    const held = await send("POST", "/internal/v1/holds", { org_id: orgId, call_id: randomUUID() }, downBase);
    expect(held.status).toBe(503);
    expect(await held.json()).toMatchObject({ error: { type: "dependency_unavailable", message: "Minute accounting store unavailable" } });
    expect((await send("GET", `/internal/v1/orgs/${orgId}/usage`, undefined, downBase)).status).toBe(503);
    expect((await send("GET", `/internal/v1/orgs/${orgId}/allowance`, undefined, downBase)).status).toBe(503);
    expect((await send("PUT", `/internal/v1/orgs/${orgId}/limit`, { minutes_limit: 1 }, downBase)).status).toBe(503);
    const ready = await send("GET", "/readyz", undefined, downBase);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "unavailable" });
    // The management port (the readiness probe's) names the failing check.
    const probe = await fetch(`http://127.0.0.1:${down.managementPort}/readyz`);
    expect([probe.status, await probe.json()]).toEqual([503, { status: "unavailable", checks: { postgres: "ok", redis: "failing" } }]);
    expect((await send("GET", "/healthz", undefined, downBase)).status).toBe(200);
    // The quota with Redis still counts exactly what it did: nothing was granted behind its back.
    expect(await usage(orgId)).toMatchObject({ minutes_limit: 10, minutes_reserved: 0 });
  });
});

import { randomUUID } from "node:crypto";
import { CallList, CallOut, newCallEvent, UsageOut } from "@voxbridge/contracts";
import { createKafka, createLogger, createProducer, type EventProducer, encodeCallEvent } from "@voxbridge/kit";
import { type ApiClient, apiClient, errorType } from "../support/api-client";
import { testKafkaBrokers } from "../support/env";
import { eventually } from "../support/eventually";
import { startKafkaProbe } from "../support/kafka-probe";
import { provisionOrg, startStack, type TestOrg, type TestStack } from "../support/stack";

let stack: TestStack;
let producer: EventProducer;
let org: TestOrg;
let api: ApiClient;
let other: ApiClient;

beforeAll(async () => {
  stack = await startStack();
  producer = createProducer(
    createKafka({ clientId: "test", brokers: testKafkaBrokers(), logger: createLogger({ service: "test", level: "silent" }) }),
  );
  await producer.connect();
  org = await provisionOrg({ minutes: 1000 });
  api = apiClient(stack.gatewayUrl, org.apiKey);
  other = apiClient(stack.gatewayUrl, (await provisionOrg()).apiKey);
});
afterAll(async () => {
  await producer?.disconnect();
  await stack?.stop();
});

/** Scheduled an hour ahead, so the real dialer leaves it queued while a test looks at it. */
const later = () => new Date(Date.now() + 3_600_000).toISOString();

const createCall = async (client: ApiClient = api, body: Record<string, unknown> = {}) => {
  const response = await client.post("/v1/calls/outbound", { to: "+15551234567", schedule_at: later(), ...body });
  expect(response.status).toBe(201);
  return CallOut.parse(response.body);
};

/** Publishes a lifecycle event as the dialer would. */
const publish = async (type: "call.calling" | "call.completed" | "call.failed", call: CallOut, eventId = randomUUID()) => {
  const event = newCallEvent(type, "/voxbridge/dialer", { org_id: org.orgId, webhook_url: null, call }, { id: eventId, time: new Date() });
  await producer.send({ topic: stack.topics.callEvents, messages: [encodeCallEvent(event)] });
  return eventId;
};

describe("GET /v1/calls", () => {
  it("lists the org's calls newest first with total, limit and offset, and filters by status", async () => {
    const fresh = await provisionOrg({ minutes: 100 });
    const client = apiClient(stack.gatewayUrl, fresh.apiKey);
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await createCall(client));
    const canceled = made[0] as CallOut;
    expect((await client.post(`/v1/calls/${canceled.id}/cancel`)).status).toBe(200);

    const all = CallList.parse((await client.get("/v1/calls")).body);
    expect(all).toMatchObject({ total: 3, limit: 25, offset: 0 });
    expect(all.items.map((call) => call.id)).toEqual(made.map((call) => call.id).reverse());

    const page = CallList.parse((await client.get("/v1/calls?limit=1&offset=1")).body);
    expect(page).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.items.map((call) => call.id)).toEqual([made[1]?.id]);

    expect(CallList.parse((await client.get("/v1/calls?offset=3")).body)).toMatchObject({ items: [], total: 3 });
    expect(CallList.parse((await client.get("/v1/calls?limit=100")).body).items).toHaveLength(3);
    const queued = CallList.parse((await client.get("/v1/calls?status=queued")).body);
    expect(queued.total).toBe(2);
    expect(CallList.parse((await client.get("/v1/calls?status=canceled")).body).items.map((call) => call.id)).toEqual([canceled.id]);
  });

  it.each([["limit=0"], ["limit=101"], ["limit=abc"], ["limit=1.5"], ["offset=-1"], ["status=ringing"], ["sort=asc"], ["limit=1&limit=2"]])(
    "answers 422 for ?%s",
    async (query) => {
      const response = await api.get(`/v1/calls?${query}`);
      expect(response.status).toBe(422);
      expect(errorType(response)).toBe("validation_failed");
    },
  );

  it("never shows another org's calls", async () => {
    const mine = await createCall();
    const theirs = CallList.parse((await other.get("/v1/calls?limit=100")).body);
    expect(theirs.items.map((call) => call.id)).not.toContain(mine.id);
  });
});

describe("POST /v1/calls/{call_id}/cancel", () => {
  it("cancels a queued call and emits call.canceled; a second cancel is 409", async () => {
    const probe = await startKafkaProbe(stack.topics.callEvents);
    try {
      const call = await createCall(api);
      const response = await api.post(`/v1/calls/${call.id}/cancel`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: call.id, status: "canceled", disposition: "canceled", completed_at: expect.any(String) });
      const seen = await eventually("call.canceled", async () =>
        probe.seen.find((s) => s.event.subject === call.id && s.event.type === "call.canceled"),
      );
      expect(seen.event.data.call.status).toBe("canceled");
      const again = await api.post(`/v1/calls/${call.id}/cancel`);
      expect(again.status).toBe(409);
      expect(errorType(again)).toBe("conflict");
    } finally {
      await probe.stop();
    }
  });

  it("answers 202 for a call the dialer is calling, with the request recorded; the dialer's call.canceled then ends it", async () => {
    const call = await createCall();
    await publish("call.calling", { ...call, status: "calling", attempt_count: 1, started_at: new Date().toISOString() });
    await eventually(
      "the projector to mark it calling",
      async () => ((await api.get(`/v1/calls/${call.id}`)).body as CallOut).status === "calling",
    );
    const response = await api.post(`/v1/calls/${call.id}/cancel`);
    expect(response.status).toBe(202);
    const accepted = CallOut.parse(response.body);
    expect(accepted).toMatchObject({ status: "calling", cancel_requested_at: expect.any(String) });
    // Asking again records nothing new and answers the same.
    const again = await api.post(`/v1/calls/${call.id}/cancel`);
    expect(again.status).toBe(202);
    expect(CallOut.parse(again.body).cancel_requested_at).toBe(accepted.cancel_requested_at);
    // The gateway never ends a call itself: the record turns canceled when the dialer's event is projected.
    await eventually("the dialer's cancel", async () => CallOut.parse((await api.get(`/v1/calls/${call.id}`)).body).status === "canceled");
  });

  it("is 404 for another org's call, a missing call and a malformed id", async () => {
    const call = await createCall();
    for (const id of [call.id, randomUUID(), "nope"]) {
      const response = await (id === call.id ? other : api).post(`/v1/calls/${id}/cancel`);
      expect(response.status).toBe(404);
    }
    expect(((await api.get(`/v1/calls/${call.id}`)).body as CallOut).status).toBe("queued");
  });
});

describe("call record projection", () => {
  it("applies lifecycle events forward only, once per event id, ignoring stale and redelivered ones", async () => {
    const call = await createCall();
    const started = new Date().toISOString();
    const calling1 = { ...call, status: "calling" as const, attempt_count: 1, started_at: started };
    const completed = {
      ...calling1,
      status: "completed" as const,
      disposition: "completed" as const,
      duration_seconds: 42,
      completed_at: new Date().toISOString(),
    };
    await publish("call.calling", calling1);
    const completedId = await publish("call.completed", completed);
    await publish("call.completed", completed, completedId); // redelivery
    await publish("call.calling", { ...calling1, attempt_count: 2 }); // stale, arrives after the end
    await eventually("the completed record", async () => ((await api.get(`/v1/calls/${call.id}`)).body as CallOut).status === "completed");
    await publish("call.failed", { ...completed, status: "failed", error_message: "late" });
    // Ordering on the partition means once this marker is projected, everything before it was too.
    const marker = await createCall();
    await publish("call.calling", { ...marker, status: "calling", attempt_count: 1 });
    await eventually("the marker", async () => ((await api.get(`/v1/calls/${marker.id}`)).body as CallOut).status === "calling");
    expect((await api.get(`/v1/calls/${call.id}`)).body).toEqual({ ...completed, status: "completed" });
  });
});

describe("GET /v1/usage", () => {
  it("reports the month's limit, reserved minutes and what remains", async () => {
    const fresh = await provisionOrg({ minutes: 10 });
    const client = apiClient(stack.gatewayUrl, fresh.apiKey);
    await createCall(client);
    await createCall(client);
    const usage = UsageOut.parse((await client.get("/v1/usage")).body);
    expect(usage).toMatchObject({ minutes_limit: 10, minutes_used: 0, minutes_reserved: 2, minutes_remaining: 8 });
    expect(new Date(usage.period_start).getUTCDate()).toBe(1);
  });
});

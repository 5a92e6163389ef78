import { randomUUID } from "node:crypto";
import { type CallEvent, CallOut, newCallEvent, SuppressionList, SuppressionOut } from "@voxbridge/contracts";
import pg from "pg";
import { type ApiClient, apiClient, errorType } from "../support/api-client";
import { testDatabaseUrl } from "../support/env";
import { eventually } from "../support/eventually";
import { startKafkaProbe } from "../support/kafka-probe";
import { publishCallEvent } from "../support/publish";
import { provisionOrg, startStack, type TestStack } from "../support/stack";
import { claimPassesAfter, createCall, dialLog, finalCall } from "./dialer-support";

const log = dialLog();
let stack: TestStack;
let api: ApiClient;
let orgId: string;
let probe: Awaited<ReturnType<typeof startKafkaProbe>>;
let db: pg.Pool;

beforeAll(async () => {
  stack = await startStack({
    SIM_RING_SECONDS: "0.05",
    SIM_TALK_SECONDS: "0.3",
    // Long enough for a suppression to arrive between two attempts.
    DIALER_RETRY_DELAY_SECONDS: "3",
    SIM_DIAL_LOG: log.file,
  });
  const org = await provisionOrg({ minutes: 100 });
  orgId = org.orgId;
  api = apiClient(stack.gatewayUrl, org.apiKey);
  probe = await startKafkaProbe(stack.topics.callEvents);
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
});

afterAll(async () => {
  await db?.end();
  await probe?.stop();
  await stack?.stop();
  log.remove();
});

const suppress = async (number: string, reason?: string) => {
  const response = await api.post("/v1/suppressions", { number, ...(reason ? { reason } : {}) });
  expect([200, 201]).toContain(response.status);
  return SuppressionOut.parse(response.body);
};
const listed = async () => SuppressionList.parse((await api.get("/v1/suppressions?limit=100")).body).items;
const canceledByDialer = (callId: string) =>
  probe.seen.filter((s) => s.event.subject === callId && s.event.type === "call.canceled" && s.event.source === "/voxbridge/dialer");

describe("suppression list", () => {
  it("adds a number once (E.164), lists it, refuses a bad number, and deletes it with 204 then 404", async () => {
    const first = await api.post("/v1/suppressions", { number: "(415) 555-0142", reason: "asked by email" });
    expect(first.status).toBe(201);
    const entry = SuppressionOut.parse(first.body);
    expect(entry).toMatchObject({ number: "+14155550142", reason: "asked by email" });

    const again = await api.post("/v1/suppressions", { number: "+1 415 555 0142", reason: "another reason" });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(entry);

    const bad = await api.post("/v1/suppressions", { number: "12" });
    expect([bad.status, errorType(bad)]).toEqual([422, "validation_failed"]);
    expect(bad.body).toMatchObject({ error: { param: "number" } });
    const unknownField = await api.post("/v1/suppressions", { number: "+14155550143", colour: "red" });
    expect([unknownField.status, errorType(unknownField)]).toEqual([422, "validation_failed"]);

    expect((await listed()).map((s) => s.id)).toContain(entry.id);

    expect((await api.delete(`/v1/suppressions/${entry.id}`)).status).toBe(204);
    const gone = await api.delete(`/v1/suppressions/${entry.id}`);
    expect([gone.status, errorType(gone)]).toEqual([404, "not_found"]);
    expect((await api.delete("/v1/suppressions/not-a-uuid")).status).toBe(404);
    expect((await listed()).map((s) => s.id)).not.toContain(entry.id);
  });

  it("refuses a call to a suppressed number with 422 number_suppressed on `to`, holding no minutes; accepts it again once removed", async () => {
    const entry = await suppress("+14155550150");
    const before = (await api.get("/v1/usage")).body as { minutes_reserved: number };
    const refused = await api.post("/v1/calls/outbound", {
      to: "(415) 555-0150",
      schedule_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect([refused.status, errorType(refused)]).toEqual([422, "number_suppressed"]);
    expect(refused.body).toMatchObject({ error: { param: "to" } });
    expect((await api.get("/v1/usage")).body).toMatchObject({ minutes_reserved: before.minutes_reserved });

    // Another organization's list is its own.
    const other = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 10 })).apiKey);
    const elsewhere = await other.post("/v1/calls/outbound", {
      to: "+14155550150",
      schedule_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(elsewhere.status).toBe(201);

    expect((await api.delete(`/v1/suppressions/${entry.id}`)).status).toBe(204);
    const accepted = await api.post("/v1/calls/outbound", {
      to: "+14155550150",
      schedule_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(accepted.status).toBe(201);
  });

  it("cancels a scheduled call whose number is suppressed afterwards: canceled, disposition suppressed, one call.canceled, never dialed", async () => {
    const scheduled = await createCall(api, { to: "+14155550151", schedule_at: new Date(Date.now() + 4_000).toISOString() });
    await suppress("+14155550151", "complaint");
    const call = await finalCall(api, scheduled.id);
    expect(call).toMatchObject({ status: "canceled", disposition: "suppressed", attempt_count: 0 });
    await eventually("the dialer's call.canceled", async () => canceledByDialer(scheduled.id).length === 1);
    // Past its schedule time and through claim passes, it was never dialed.
    await claimPassesAfter(stack.managementUrls.dialer, new Date(scheduled.scheduled_at ?? ""));
    expect(log.dialsOf(scheduled.id)).toEqual([]);
    expect(probe.seen.filter((s) => s.event.subject === scheduled.id).map((s) => s.event.type)).toEqual(["call.queued", "call.canceled"]);
  });

  it("checks again before a retry: a call suppressed between attempts ends canceled/suppressed after one dial", async () => {
    const created = await createCall(api, { to: "+14155520001", max_attempts: 3 });
    const between = await eventually("the first attempt over", async () => {
      const call = CallOut.parse((await api.get(`/v1/calls/${created.id}`)).body);
      return log.dialsOf(created.id).length === 1 && call.status === "calling" ? call : null;
    });
    await suppress("+14155520001");
    const call = await finalCall(api, created.id);
    expect(call).toMatchObject({ status: "canceled", disposition: "suppressed", attempt_count: 1 });
    // Past the time the retry was due, the dialer looked and did not dial it.
    await claimPassesAfter(stack.managementUrls.dialer, new Date(between.next_attempt_at ?? Date.now()));
    expect(log.dialsOf(created.id).map((d) => d.attempt)).toEqual([1]);
  });

  it("never dials a call.queued that reaches the dialer after its number was suppressed (the claim skips it, the sweep cancels it)", async () => {
    await suppress("+14155550152");
    // The suppression reaches the dialer through the gateway's outbox and Kafka, on another partition
    // than the call.queued below: the case is a call.queued arriving after it, so wait for it.
    await eventually("the suppression in the dialer's copy of the list", async () => {
      const { rowCount } = await db.query(`SELECT 1 FROM dialer.suppressed_numbers WHERE org_id = $1 AND number = $2`, [
        orgId,
        "+14155550152",
      ]);
      return rowCount === 1;
    });
    // What a create racing the suppression publishes: its check ran before the entry was committed.
    const call = CallOut.parse({
      ...(await createCall(api, { to: "+14155550153", schedule_at: new Date(Date.now() + 3_600_000).toISOString() })),
      id: randomUUID(),
      to_number: "+14155550152",
      scheduled_at: new Date().toISOString(),
    });
    const queued = probe.seen.find((s) => s.event.type === "call.queued")?.event as Extract<CallEvent, { type: "call.queued" }>;
    await publish(
      newCallEvent("call.queued", "/voxbridge/gateway", { ...queued.data, org_id: orgId, call }, { id: randomUUID(), time: new Date() }),
    );
    await eventually("the dialer's call.canceled", async () => canceledByDialer(call.id).length === 1);
    expect(canceledByDialer(call.id)[0]?.event.data.call).toMatchObject({ status: "canceled", disposition: "suppressed" });
    expect(log.dialsOf(call.id)).toEqual([]);
  });

  it("an opt-out on a call (sandbox 0005) completes it with disposition opt_out and suppresses the number, canceling its other waiting calls", async () => {
    const waiting = await createCall(api, { to: "+14155550005", schedule_at: new Date(Date.now() + 3_600_000).toISOString() });
    const created = await createCall(api, { to: "+14155550005" });
    const call = await finalCall(api, created.id);
    expect(call).toMatchObject({ status: "completed", disposition: "opt_out", attempt_count: 1, error_message: null });

    const entry = await eventually("the opt-out on the suppression list", async () =>
      (await listed()).find((s) => s.number === "+14155550005"),
    );
    expect(entry.reason).toBe("opt_out");
    expect(await finalCall(api, waiting.id)).toMatchObject({ status: "canceled", disposition: "suppressed" });
    const again = await api.post("/v1/calls/outbound", { to: "+14155550005" });
    expect([again.status, errorType(again)]).toEqual([422, "number_suppressed"]);
    expect(log.dialsOf(waiting.id)).toEqual([]);
  });
});

const publish = (event: CallEvent) => publishCallEvent(stack.topics.callEvents, event);

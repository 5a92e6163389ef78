import { CallOut, UsageOut, WebhookDeliveryList } from "@voxbridge/contracts";
import { startReceiver } from "@voxbridge/webhooks/test-harness";
import pg from "pg";
import { type ApiClient, apiClient, errorType } from "../support/api-client";
import { testDatabaseUrl } from "../support/env";
import { eventually } from "../support/eventually";
import { startKafkaProbe } from "../support/kafka-probe";
import { provisionOrg, startStack, type TestStack } from "../support/stack";
import { createCall, finalCall, getCall } from "./dialer-support";

// Cancel is a request the dialer carries out: the gateway records it and the dialer, the only writer
// of a call's end, hangs up and publishes the one terminal event, which quota bills and webhooks deliver.
let stack: TestStack;
let db: pg.Pool;
let probe: Awaited<ReturnType<typeof startKafkaProbe>>;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  // Calls ring a second, then talk for a minute unless hung up: long enough to cancel in either state.
  stack = await startStack({ SIM_RING_SECONDS: "1", SIM_TALK_SECONDS: "60" });
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  probe = await startKafkaProbe(stack.topics.callEvents);
});

afterAll(async () => {
  for (const close of closers) await close();
  await probe?.stop();
  await stack?.stop();
  await db?.end();
});

/** A fresh org whose every event is delivered to a receiver of its own. */
async function partner() {
  const org = await provisionOrg({ minutes: 100 });
  const api = apiClient(stack.gatewayUrl, org.apiKey);
  const receiver = await startReceiver();
  closers.push(receiver.close);
  expect((await api.post("/v1/webhook-endpoints", { url: receiver.url })).status).toBe(201);
  return { api, receiver };
}

/** The dialer's own record of the call's live attempt: 'dialing', 'ringing' or 'answered', then 'ended'. */
const attemptStatus = async (callId: string) =>
  (
    await db.query<{ status: string }>(
      "SELECT a.status FROM dialer.dial_attempts a JOIN dialer.dial_jobs j ON j.call_id = a.call_id AND a.attempt = j.attempt_count WHERE a.call_id = $1",
      [callId],
    )
  ).rows[0]?.status;

const TERMINAL = new Set(["call.completed", "call.failed", "call.canceled"]);
const terminalEvents = (callId: string) =>
  probe.seen.filter((s) => s.event.subject === callId && TERMINAL.has(s.event.type)).map((s) => s.event);

/** Every webhook delivery of the call, once the one of `type` is there. */
const deliveriesOnceDelivered = (api: ApiClient, callId: string, type: string) =>
  eventually(`the ${type} delivery`, async () => {
    const log = WebhookDeliveryList.parse((await api.get(`/v1/webhook-deliveries?call_id=${callId}&limit=100`)).body);
    return log.items.some((delivery) => delivery.event_type === type) ? log.items : null;
  });

describe("POST /v1/calls/{call_id}/cancel: a request the dialer carries out", () => {
  it("cancels a talking call: 202 with cancel_requested_at, hung up, one call.canceled with the talk time, billed, delivered once", async () => {
    const { api } = await partner();
    const created = await createCall(api, { to: "+14155550140" });
    await eventually("the callee to answer", async () => (await attemptStatus(created.id)) === "answered");
    // The gateway answers from its own record, projected from the dialer's events: wait until the
    // partner's view shows the call dialed too, or a cancel asked before it would be taken for a queued one.
    await eventually("the record to show it dialed", async () => (await getCall(api, created.id)).status === "calling");
    // Talk a little more than a second, so there is talk time to bill.
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const response = await api.post(`/v1/calls/${created.id}/cancel`);
    expect(response.status).toBe(202);
    const accepted = CallOut.parse(response.body);
    expect(accepted).toMatchObject({ id: created.id, status: "calling", cancel_requested_at: expect.any(String) });

    const call = await finalCall(api, created.id);
    expect(call).toMatchObject({
      status: "canceled",
      disposition: "canceled",
      attempt_count: 1,
      cancel_requested_at: accepted.cancel_requested_at,
    });
    expect(call.duration_seconds).toBeGreaterThanOrEqual(1);
    // Hung up at once: far less than the minute the callee would have talked.
    expect(call.duration_seconds).toBeLessThan(30);

    // The dialer ended the job and its attempt: nothing is left that could end the call a second time.
    const job = (await db.query("SELECT status FROM dialer.dial_jobs WHERE call_id = $1", [created.id])).rows[0];
    expect(job).toEqual({ status: "canceled" });
    expect(await attemptStatus(created.id)).toBe("ended");
    const ends = await eventually("the terminal event on Kafka", async () =>
      terminalEvents(created.id).length > 0 ? terminalEvents(created.id) : null,
    );
    expect(ends.map((event) => [event.type, event.source, event.data.call.duration_seconds])).toEqual([
      ["call.canceled", "/voxbridge/dialer", call.duration_seconds],
    ]);

    // Quota billed the talk time (ceil to the minute) and released the hold.
    const usage = await eventually("the minutes settled", async () => {
      const now = UsageOut.parse((await api.get("/v1/usage")).body);
      return now.minutes_reserved === 0 ? now : null;
    });
    expect(usage.minutes_used).toBe(Math.ceil((call.duration_seconds ?? 0) / 60));

    // The partner got one terminal delivery: call.canceled, with the talk time.
    const deliveries = await deliveriesOnceDelivered(api, created.id, "call.canceled");
    expect(deliveries.filter((delivery) => TERMINAL.has(delivery.event_type)).map((delivery) => delivery.event_type)).toEqual([
      "call.canceled",
    ]);

    // Asking again after the end is a 409.
    const again = await api.post(`/v1/calls/${created.id}/cancel`);
    expect(again.status).toBe(409);
    expect(errorType(again)).toBe("conflict");
  });

  it("cancels a ringing call: 202, hung up before anyone answered, canceled without talk time and billed nothing", async () => {
    const { api } = await partner();
    // Ends 0001: it rings and nobody answers.
    const created = await createCall(api, { to: "+14155550001", max_attempts: 3 });
    await eventually("the call to ring", async () => (await attemptStatus(created.id)) === "ringing");
    await eventually("the record to show it dialed", async () => (await getCall(api, created.id)).status === "calling");
    const response = await api.post(`/v1/calls/${created.id}/cancel`);
    expect(response.status).toBe(202);
    expect(CallOut.parse(response.body).cancel_requested_at).not.toBeNull();

    const call = await finalCall(api, created.id);
    expect(call).toMatchObject({ status: "canceled", disposition: "canceled", attempt_count: 1, duration_seconds: null });
    const ends = await eventually("the terminal event on Kafka", async () =>
      terminalEvents(created.id).length > 0 ? terminalEvents(created.id) : null,
    );
    expect(ends.map((event) => event.type)).toEqual(["call.canceled"]);
    const usage = await eventually("the hold released", async () => {
      const now = UsageOut.parse((await api.get("/v1/usage")).body);
      return now.minutes_reserved === 0 ? now : null;
    });
    expect(usage.minutes_used).toBe(0);
  });

  it("cancels a queued call at once: 200 with the canceled record, ended by the dialer's one call.canceled", async () => {
    const { api } = await partner();
    const created = await createCall(api, { to: "+14155550141", schedule_at: new Date(Date.now() + 3_600_000).toISOString() });
    const response = await api.post(`/v1/calls/${created.id}/cancel`);
    expect(response.status).toBe(200);
    expect(CallOut.parse(response.body)).toMatchObject({
      id: created.id,
      status: "canceled",
      disposition: "canceled",
      attempt_count: 0,
      cancel_requested_at: expect.any(String),
      completed_at: expect.any(String),
    });
    const ends = await eventually("the terminal event on Kafka", async () =>
      terminalEvents(created.id).length > 0 ? terminalEvents(created.id) : null,
    );
    expect(ends.map((event) => [event.type, event.source])).toEqual([["call.canceled", "/voxbridge/dialer"]]);
    const deliveries = await deliveriesOnceDelivered(api, created.id, "call.canceled");
    expect(deliveries.filter((delivery) => TERMINAL.has(delivery.event_type))).toHaveLength(1);
  });

  it("refuses a finished call with 409 and records no request", async () => {
    const { api } = await partner();
    // Ends 0003: the carrier rejects it, so it fails at once.
    const created = await createCall(api, { to: "+14155550003" });
    expect(await finalCall(api, created.id)).toMatchObject({ status: "failed" });
    const response = await api.post(`/v1/calls/${created.id}/cancel`);
    expect(response.status).toBe(409);
    expect(errorType(response)).toBe("conflict");
    expect(CallOut.parse((await api.get(`/v1/calls/${created.id}`)).body)).toMatchObject({ status: "failed", cancel_requested_at: null });
  });
});

import type { CallEvent } from "@voxbridge/contracts";
import pg from "pg";
import { type ApiClient, apiClient } from "../support/api-client";
import { testDatabaseUrl } from "../support/env";
import { eventually } from "../support/eventually";
import { startKafkaProbe } from "../support/kafka-probe";
import { publishCallEvent } from "../support/publish";
import { provisionOrg, startStack, type TestStack } from "../support/stack";
import { createCall, dialLog, finalCall } from "./dialer-support";

const RETRY_DELAY_SECONDS = 0.2;
const log = dialLog();
let stack: TestStack;
let api: ApiClient;
let db: pg.Pool;
let probe: Awaited<ReturnType<typeof startKafkaProbe>>;

beforeAll(async () => {
  stack = await startStack({
    SIM_RING_SECONDS: "0.05",
    SIM_TALK_SECONDS: "1.2",
    DIALER_RETRY_DELAY_SECONDS: String(RETRY_DELAY_SECONDS),
    SIM_DIAL_LOG: log.file,
  });
  api = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 100 })).apiKey);
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  probe = await startKafkaProbe(stack.topics.callEvents);
  // Warm up: consumer groups joined, connections open, code compiled; the latency claims are about steady state.
  await finalCall(api, (await createCall(api, { to: "+14155550199" })).id);
});

afterAll(async () => {
  await probe?.stop();
  await stack?.stop();
  await db?.end();
  log.remove();
});

const publish = (event: CallEvent) => publishCallEvent(stack.topics.callEvents, event);

const dialerEvents = (callId: string): CallEvent[] =>
  probe.seen.filter((s) => s.event.subject === callId && s.event.source === "/voxbridge/dialer").map((s) => s.event);

/** How often quota has been asked for a talk allowance, by its own request metric. */
const allowanceQuestions = async () => {
  const text = await (await fetch(`${stack.managementUrls.quota}/metrics`)).text();
  const counts = [...text.matchAll(/^voxbridge_http_request_duration_seconds_count\{[^}]*route="[^"]*allowance"[^}]*\} (\d+)$/gm)];
  return counts.reduce((sum, match) => sum + Number(match[1]), 0);
};

describe("dialer: lifecycle through the gateway, Kafka and the simulator", () => {
  it("dials a due call within a second and completes it: call.calling then call.completed, keyed by call id", async () => {
    const created = await createCall(api, { to: "+14155550100", context: { name: "Ada" } });
    const call = await finalCall(api, created.id);
    expect(call).toMatchObject({
      status: "completed",
      disposition: "completed",
      attempt_count: 1,
      duration_seconds: 1,
      error_message: null,
    });
    expect(call.started_at).not.toBeNull();
    expect(call.completed_at).not.toBeNull();

    const dials = log.dialsOf(created.id);
    expect(dials.map((d) => d.attempt)).toEqual([1]);
    expect(dials[0]?.at).toBeLessThan(new Date(created.created_at).getTime() + 1_000);

    const events = await eventually("the dialer's two events", async () =>
      dialerEvents(created.id).length === 2 ? dialerEvents(created.id) : null,
    );
    expect(events.map((e) => e.type)).toEqual(["call.calling", "call.completed"]);
    expect(events[0]?.data.call).toMatchObject({ status: "calling", attempt_count: 1 });
    expect(probe.seen.filter((s) => s.event.subject === created.id).every((s) => s.key === created.id)).toBe(true);
  });

  it("retries no answer with exponential backoff up to max_attempts, then fails with an error message", async () => {
    const asked = await allowanceQuestions();
    const created = await createCall(api, { to: "+14155550001", max_attempts: 3 });
    const call = await finalCall(api, created.id);
    // The first attempt used the allowance its call.queued carried; each retry asks quota afresh.
    expect((await allowanceQuestions()) - asked).toBe(2);
    expect(call).toMatchObject({
      status: "failed",
      disposition: "no_answer",
      attempt_count: 3,
      error_message: "No answer after 3 attempts",
    });

    const dials = log.dialsOf(created.id);
    expect(dials.map((d) => d.attempt)).toEqual([1, 2, 3]);
    // Each retry waits the backoff after the previous attempt ended (ring time 0.05 s): 0.2 s, then 0.4 s.
    const [first, second, third] = dials.map((d) => d.at);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(RETRY_DELAY_SECONDS * 1000);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(2 * RETRY_DELAY_SECONDS * 1000);

    const events = await eventually("call.failed", async () => {
      const seen = dialerEvents(created.id);
      return seen.some((e) => e.type === "call.failed") ? seen : null;
    });
    expect(events.map((e) => [e.type, e.data.call.attempt_count])).toEqual([
      ["call.calling", 1],
      ["call.updated", 1],
      ["call.calling", 2],
      ["call.updated", 2],
      ["call.calling", 3],
      ["call.failed", 3],
    ]);
    // Each attempt starts clean: a retry's call.calling carries nothing of the attempt before it.
    for (const calling of events.filter((e) => e.type === "call.calling")) {
      expect(calling.data.call).toMatchObject({ status: "calling", disposition: null, error_message: null, duration_seconds: null });
    }
  });

  it("retries busy and fails after max_attempts dials", async () => {
    const created = await createCall(api, { to: "+14155550002", max_attempts: 2 });
    const call = await finalCall(api, created.id);
    expect(call).toMatchObject({ status: "failed", disposition: "busy", attempt_count: 2, error_message: "Line busy after 2 attempts" });
    expect(log.dialsOf(created.id).map((d) => d.attempt)).toEqual([1, 2]);
  });

  it("completes a call voicemail answers with disposition voicemail, billed and never retried", async () => {
    const created = await createCall(api, { to: "+14155550004", max_attempts: 3 });
    const call = await finalCall(api, created.id);
    expect(call).toMatchObject({
      status: "completed",
      disposition: "voicemail",
      attempt_count: 1,
      duration_seconds: 1,
      error_message: null,
    });
    expect(log.dialsOf(created.id).map((d) => d.attempt)).toEqual([1]);
  });

  it("never retries a carrier rejection: failed after one dial", async () => {
    const created = await createCall(api, { to: "+14155550003", max_attempts: 3 });
    const call = await finalCall(api, created.id);
    expect(call).toMatchObject({ status: "failed", disposition: "rejected", attempt_count: 1 });
    expect(call.error_message).toMatch(/^Rejected by the carrier/);
    expect(log.dialsOf(created.id)).toHaveLength(1);
  });

  it("holds a scheduled call until schedule_at, never earlier, and dials it within a second after", async () => {
    const scheduleAt = new Date(Date.now() + 2_000);
    const created = await createCall(api, { to: "+14155550104", schedule_at: scheduleAt.toISOString() });
    // The job's timer is the schedule time (whether it is still waiting or already dialed when read).
    const job = await eventually(
      "the dial job",
      async () => (await db.query("SELECT due_at FROM dialer.dial_jobs WHERE call_id = $1", [created.id])).rows[0],
    );
    expect(job).toEqual({ due_at: scheduleAt });
    await finalCall(api, created.id);
    const [dial] = log.dialsOf(created.id);
    expect(dial?.at).toBeGreaterThanOrEqual(scheduleAt.getTime());
    expect(dial?.at).toBeLessThan(scheduleAt.getTime() + 1_000);
  });

  it("drops a call canceled before its time: the job is canceled, never dialed, and its one call.canceled is the dialer's", async () => {
    const created = await createCall(api, { to: "+14155550105", schedule_at: new Date(Date.now() + 3_000).toISOString() });
    await eventually(
      "the dial job",
      async () => (await db.query("SELECT 1 FROM dialer.dial_jobs WHERE call_id = $1", [created.id])).rowCount === 1,
    );
    expect((await api.post(`/v1/calls/${created.id}/cancel`)).status).toBe(200);
    await eventually(
      "the job canceled",
      async () => (await db.query("SELECT status FROM dialer.dial_jobs WHERE call_id = $1", [created.id])).rows[0]?.status === "canceled",
    );
    // Past its schedule time, and through a claim pass, it is still undialed.
    const latest = await createCall(api, { to: "+14155550106", schedule_at: new Date(Date.now() + 3_500).toISOString() });
    await finalCall(api, latest.id);
    expect(log.dialsOf(created.id)).toEqual([]);
    expect((await finalCall(api, created.id)).status).toBe("canceled");
    expect(probe.seen.filter((s) => s.event.subject === created.id && s.event.type === "call.canceled")).toHaveLength(1);
    expect(dialerEvents(created.id).map((e) => e.type)).toEqual(["call.canceled"]);
  });

  it("hangs up a call canceled while it is already dialing and ends it canceled, with one terminal event", async () => {
    const created = await createCall(api, { to: "+14155550107" });
    await eventually("the call dialing", async () => log.dialsOf(created.id).length === 1);
    // The gateway may not have projected call.calling yet (it then waits briefly for the end): 202 or 200.
    expect([200, 202]).toContain((await api.post(`/v1/calls/${created.id}/cancel`)).status);
    const job = await eventually("the job to end", async () => {
      const row = (await db.query("SELECT status, call FROM dialer.dial_jobs WHERE call_id = $1", [created.id])).rows[0];
      return row && row.status !== "calling" ? row : null;
    });
    expect(job.status).toBe("canceled");
    expect(job.call).toMatchObject({
      status: "canceled",
      disposition: "canceled",
      attempt_count: 1,
      cancel_requested_at: expect.any(String),
    });
    expect(log.dialsOf(created.id)).toHaveLength(1);
    const events = await eventually("the dialer's call.canceled", async () => {
      const seen = dialerEvents(created.id);
      return seen.some((e) => e.type === "call.canceled") ? seen : null;
    });
    expect(events.map((e) => e.type)).toEqual(["call.calling", "call.canceled"]);
    expect((await finalCall(api, created.id)).status).toBe("canceled");
  });

  it("ignores a redelivered call.queued: the same attempt is never dialed twice", async () => {
    const created = await createCall(api, { to: "+14155550108" });
    const queued = await eventually("call.queued", async () =>
      probe.seen.find((s) => s.event.subject === created.id && s.event.type === "call.queued"),
    );
    await finalCall(api, created.id);
    await publish(queued.event);
    // A later call through the same partition-agnostic path proves the redelivery was consumed.
    const later = await createCall(api, { to: "+14155550109" });
    await finalCall(api, later.id);
    await eventually(
      "the redelivery consumed",
      async () => probe.seen.filter((s) => s.event.subject === created.id && s.event.type === "call.queued").length === 2,
    );
    expect(log.dialsOf(created.id)).toHaveLength(1);
  });

  it("hands the adapter the agent's prompt rendered with the call's context, talk capped by the agent and by the org's minutes", async () => {
    const agent = await api.post("/v1/agents", {
      name: "Renewals",
      system_prompt: "Call {{name}} about {{plan.tier}}.{{unknown}}",
      max_duration_seconds: 45,
    });
    expect(agent.status).toBe(201);
    const agentId = (agent.body as { id: string }).id;
    const created = await createCall(api, { to: "+14155550110", agent_id: agentId, context: { name: "Ada", plan: { tier: "gold" } } });
    await finalCall(api, created.id);
    expect(log.dialsOf(created.id)[0]).toMatchObject({ system_prompt: "Call Ada about gold.", max_talk_seconds: 45 });

    // An org with 2 minutes a month may talk at most 120 s, however long its agent may talk (600 s).
    // The allowance came with the call's hold, on call.queued: the dial asked quota nothing.
    const asked = await allowanceQuestions();
    const small = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 2 })).apiKey);
    const capped = await createCall(small, { to: "+14155550111" });
    await finalCall(small, capped.id);
    expect(log.dialsOf(capped.id)[0]?.max_talk_seconds).toBe(120);
    expect(await allowanceQuestions()).toBe(asked);
  });
});

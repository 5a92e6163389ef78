import { AttemptList, type CallOut, WebhookEvent } from "@voxbridge/contracts";
import { startReceiver } from "@voxbridge/webhooks/test-harness";
import { type ApiClient, apiClient, errorType } from "../support/api-client";
import { eventually } from "../support/eventually";
import { provisionOrg, startStack, type TestStack } from "../support/stack";
import { createCall, dialLog, finalCall, getCall } from "./dialer-support";

const RETRY_DELAY_SECONDS = 0.3;
const log = dialLog();
let stack: TestStack;
let api: ApiClient;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  stack = await startStack({
    SIM_RING_SECONDS: "0.05",
    SIM_TALK_SECONDS: "1.2",
    DIALER_RETRY_DELAY_SECONDS: String(RETRY_DELAY_SECONDS),
    SIM_DIAL_LOG: log.file,
  });
  api = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 100 })).apiKey);
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver?.close();
  await stack?.stop();
  log.remove();
});

const attemptsOf = async (callId: string, query = "") => {
  const response = await api.get(`/v1/calls/${callId}/attempts${query}`);
  expect(response.status).toBe(200);
  return AttemptList.parse(response.body);
};
const deliveriesOf = (callId: string) =>
  receiver.received.map((r) => WebhookEvent.parse(JSON.parse(r.body))).filter((event) => event.data.id === callId);

describe("attempt history and next_attempt_at", () => {
  it("lists every attempt of a retried call oldest first, each with its end, and the webhooks carry the attempt and each retry", async () => {
    const created = await createCall(api, { to: "+14155550001", max_attempts: 3, webhook_url: receiver.url });
    expect(created.next_attempt_at).toBe(created.scheduled_at);
    const call = await finalCall(api, created.id);
    expect(call).toMatchObject({ status: "failed", attempt_count: 3, next_attempt_at: null });

    const page = await eventually("three ended attempts", async () => {
      const attempts = await attemptsOf(created.id);
      return attempts.items.filter((a) => a.ended_at !== null).length === 3 ? attempts : null;
    });
    expect(page).toMatchObject({ total: 3, limit: 25, offset: 0 });
    expect(page.items.map((a) => [a.attempt, a.disposition, a.error_message, a.answered_at, a.duration_seconds])).toEqual([
      [1, "no_answer", "No answer", null, null],
      [2, "no_answer", "No answer", null, null],
      [3, "no_answer", "No answer", null, null],
    ]);
    const dials = log.dialsOf(created.id);
    for (const [index, attempt] of page.items.entries()) {
      // The attempt's start is the dialer's claim, just before the carrier's own record of the dial.
      expect(Date.parse(attempt.started_at)).toBeLessThanOrEqual(dials[index]?.at ?? 0);
      expect(Date.parse(attempt.ended_at ?? "")).toBeGreaterThanOrEqual(Date.parse(attempt.started_at));
    }
    expect((await attemptsOf(created.id, "?limit=1&offset=2")).items.map((a) => a.attempt)).toEqual([3]);

    const events = await eventually("seven deliveries", async () =>
      deliveriesOf(created.id).length >= 7 ? deliveriesOf(created.id) : null,
    );
    expect(events.map((e) => [e.sequence, e.type, e.attempt])).toEqual([
      [1, "call.queued", 0],
      [2, "call.calling", 1],
      [3, "call.updated", 1],
      [4, "call.calling", 2],
      [5, "call.updated", 2],
      [6, "call.calling", 3],
      [7, "call.failed", 3],
    ]);
    const retry = events.find((e) => e.type === "call.updated")?.data as CallOut;
    expect(retry).toMatchObject({ status: "calling", disposition: "no_answer", error_message: "No answer" });
    // The retry is due the backoff after the attempt ended.
    expect(Date.parse(retry.next_attempt_at ?? "")).toBeGreaterThanOrEqual(
      Date.parse(page.items[0]?.ended_at ?? "") + RETRY_DELAY_SECONDS * 1000,
    );
    expect(events.find((e) => e.type === "call.calling")?.data.next_attempt_at).toBeNull();
  });

  it("records an answered attempt with its answer time and talk time", async () => {
    const created = await createCall(api, { to: "+14155550100" });
    const call = await finalCall(api, created.id);
    expect(call).toMatchObject({ status: "completed", attempt_count: 1, next_attempt_at: null });
    const [attempt] = (
      await eventually("the ended attempt", async () => {
        const attempts = await attemptsOf(created.id);
        return attempts.items[0]?.ended_at ? attempts : null;
      })
    ).items;
    expect(attempt).toMatchObject({ attempt: 1, disposition: "completed", duration_seconds: 1, error_message: null });
    expect(Date.parse(attempt?.answered_at ?? "")).toBeGreaterThanOrEqual(Date.parse(attempt?.started_at ?? ""));
    expect(Date.parse(attempt?.ended_at ?? "")).toBeGreaterThan(Date.parse(attempt?.answered_at ?? ""));
  });

  it("an agent that retries voicemail hangs up on the machine and dials again; the call fails with disposition voicemail, unbilled", async () => {
    const agent = await api.post("/v1/agents", { name: "Retry on voicemail", system_prompt: "Hello", voicemail_action: "retry" });
    expect(agent.status).toBe(201);
    const agentId = (agent.body as { id: string }).id;
    const created = await createCall(api, { to: "+14155550004", agent_id: agentId, max_attempts: 2 });
    const call = await finalCall(api, created.id);
    expect(call).toMatchObject({
      status: "failed",
      disposition: "voicemail",
      attempt_count: 2,
      duration_seconds: 0,
      error_message: "Reached voicemail after 2 attempts",
    });
    expect(log.dialsOf(created.id).map((d) => d.attempt)).toEqual([1, 2]);
    const attempts = await eventually("two ended attempts", async () => {
      const page = await attemptsOf(created.id);
      return page.items.filter((a) => a.ended_at !== null).length === 2 ? page : null;
    });
    expect(attempts.items.map((a) => [a.disposition, a.duration_seconds, a.answered_at !== null])).toEqual([
      ["voicemail", 0, true],
      ["voicemail", 0, true],
    ]);
  });

  it("a queued call shows no attempts and its schedule time as next_attempt_at; unknown calls are 404, bad pages 422", async () => {
    const scheduleAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await createCall(api, { to: "+14155550101", schedule_at: scheduleAt });
    expect((await getCall(api, created.id)).next_attempt_at).toBe(scheduleAt);
    expect(await attemptsOf(created.id)).toEqual({ items: [], total: 0, limit: 25, offset: 0 });

    const canceled = await api.post(`/v1/calls/${created.id}/cancel`);
    expect(canceled.body).toMatchObject({ status: "canceled", next_attempt_at: null });

    const missing = await api.get("/v1/calls/00000000-0000-4000-8000-000000000000/attempts");
    expect([missing.status, errorType(missing)]).toEqual([404, "not_found"]);
    const bad = await api.get(`/v1/calls/${created.id}/attempts?limit=0`);
    expect([bad.status, errorType(bad)]).toEqual([422, "validation_failed"]);
  });
});

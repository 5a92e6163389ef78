import { AgentOut, CallOut, WebhookEvent } from "@voxbridge/contracts";
import { startReceiver } from "@voxbridge/webhooks/test-harness";
import pg from "pg";
import { type ApiClient, apiClient, errorType } from "../support/api-client";
import { testDatabaseUrl } from "../support/env";
import { eventually } from "../support/eventually";
import { provisionOrg, startStack, type TestStack } from "../support/stack";
import { createCall, dialLog, finalCall, getCall } from "./dialer-support";

const log = dialLog();
const HOUR = 3_600_000;
let stack: TestStack;
let api: ApiClient;
let db: pg.Pool;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  stack = await startStack({ SIM_RING_SECONDS: "0.05", SIM_TALK_SECONDS: "0.3", SIM_DIAL_LOG: log.file });
  api = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 100 })).apiKey);
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver?.close();
  await stack?.stop();
  await db?.end();
  log.remove();
});

const later = () => new Date(Date.now() + HOUR).toISOString();
const patch = async (id: string, body: unknown) => {
  const response = await api.patch(`/v1/calls/${id}`, body);
  return { ...response, call: response.status === 200 ? CallOut.parse(response.body) : null };
};
const jobOf = async (callId: string) =>
  (
    await db.query<{ due_at: Date; max_attempts: number; call: CallOut }>(
      "SELECT due_at, max_attempts, call FROM dialer.dial_jobs WHERE call_id = $1",
      [callId],
    )
  ).rows[0];

describe("PATCH /v1/calls/{call_id}", () => {
  it("changes a queued call; the dialer uses the change: the new agent and context reach the dial, and a new schedule_at moves it", async () => {
    const agent = AgentOut.parse((await api.post("/v1/agents", { name: "Renewals", system_prompt: "Hi {{name}}, about {{topic}}" })).body);
    const created = await createCall(api, { to: "+14155550160", schedule_at: later(), context: { name: "Ada", topic: "loans" } });
    await eventually("the dial job", () => jobOf(created.id));

    const edited = await patch(created.id, {
      agent_id: agent.id,
      context: { name: "Grace", topic: "renewal" },
      metadata: { crm_id: "lead-9" },
      client_name: "Grace Hopper",
      max_attempts: 5,
      webhook_url: receiver.url,
    });
    expect(edited.status).toBe(200);
    expect(edited.call).toMatchObject({
      status: "queued",
      agent_id: agent.id,
      context: { name: "Grace", topic: "renewal" },
      metadata: { crm_id: "lead-9" },
      client_name: "Grace Hopper",
      max_attempts: 5,
      scheduled_at: created.scheduled_at,
    });
    expect(await getCall(api, created.id)).toEqual(edited.call);
    await eventually("the edit in the dial job", async () => ((await jobOf(created.id))?.max_attempts === 5 ? true : null));

    // Due now: dialed with the new agent's prompt, filled from the new context.
    const moved = await patch(created.id, { schedule_at: new Date().toISOString() });
    expect(Date.parse(moved.call?.next_attempt_at ?? "")).toBeLessThanOrEqual(Date.now());
    expect(await finalCall(api, created.id)).toMatchObject({ status: "completed", agent_id: agent.id, metadata: { crm_id: "lead-9" } });
    expect(log.dialsOf(created.id).map((d) => d.system_prompt)).toEqual(["Hi Grace, about renewal"]);

    // The partner heard of the second edit (the first set the webhook_url) and of the call's end, each with attempt 0 before the dial.
    const types = await eventually("the deliveries", async () => {
      const mine = receiver.received.map((r) => WebhookEvent.parse(JSON.parse(r.body))).filter((e) => e.data.id === created.id);
      return mine.some((e) => e.type === "call.completed") ? mine : null;
    });
    expect(types.find((e) => e.type === "call.updated")).toMatchObject({ attempt: 0, data: { status: "queued" } });
  });

  it("moves next_attempt_at and the dial job with a new calling window, and clears it with null", async () => {
    const created = await createCall(api, { to: "+14155550161", schedule_at: later() });
    await eventually("the dial job", () => jobOf(created.id));
    const inTwoHours = new Date(Date.now() + 2 * HOUR);
    const clock = (at: Date) => at.toISOString().slice(11, 16);
    const window = {
      start: clock(inTwoHours),
      end: clock(new Date(inTwoHours.getTime() + HOUR)),
      days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
      timezone: "UTC",
    };
    const edited = await patch(created.id, { calling_window: window });
    const opensAt = new Date(Math.floor(inTwoHours.getTime() / 60_000) * 60_000).toISOString();
    expect(edited.call).toMatchObject({ calling_window: window, next_attempt_at: opensAt });
    await eventually("the job due at the opening", async () => ((await jobOf(created.id))?.due_at.toISOString() === opensAt ? true : null));

    const cleared = await patch(created.id, { calling_window: null });
    expect(cleared.call).toMatchObject({ calling_window: null, next_attempt_at: created.scheduled_at });
    await eventually("the job due at its schedule again", async () =>
      (await jobOf(created.id))?.due_at.toISOString() === created.scheduled_at ? true : null,
    );
  });

  it("answers 409 once the call is calling or finished, 404 for no such call or agent, 422 for a bad or empty body", async () => {
    const done = await createCall(api, { to: "+14155550162" });
    await finalCall(api, done.id);
    const late = await patch(done.id, { metadata: { x: 1 } });
    expect([late.status, errorType(late)]).toEqual([409, "conflict"]);

    const queued = await createCall(api, { to: "+14155550163", schedule_at: later() });
    const missing = await patch("00000000-0000-4000-8000-000000000000", { metadata: { x: 1 } });
    expect([missing.status, errorType(missing)]).toEqual([404, "not_found"]);
    const noAgent = await patch(queued.id, { agent_id: "00000000-0000-4000-8000-000000000000" });
    expect([noAgent.status, errorType(noAgent)]).toEqual([404, "not_found"]);
    expect(noAgent.body).toMatchObject({ error: { param: "agent_id" } });
    for (const body of [{}, { max_attempts: 11 }, { to: "+14155550199" }, { schedule_at: "tomorrow" }]) {
      const bad = await patch(queued.id, body);
      expect([bad.status, errorType(bad)]).toEqual([422, "validation_failed"]);
    }
    // Nothing was changed by the refusals.
    expect(await getCall(api, queued.id)).toEqual(queued);
  });
});

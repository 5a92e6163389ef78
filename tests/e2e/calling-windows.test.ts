import { randomUUID } from "node:crypto";
import { AgentOut, type CallEvent, CallOut, newCallEvent, type Weekday } from "@voxbridge/contracts";
import pg from "pg";
import { type ApiClient, apiClient, errorType } from "../support/api-client";
import { testDatabaseUrl } from "../support/env";
import { eventually } from "../support/eventually";
import { startKafkaProbe } from "../support/kafka-probe";
import { publishCallEvent } from "../support/publish";
import { provisionOrg, startStack, type TestStack } from "../support/stack";
import { claimPassesAfter, createCall, dialLog, finalCall, getCall } from "./dialer-support";

// Windows are computed around the test's own clock: one open now, one that opens in two hours.
const log = dialLog();
const ALL_DAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const HOUR = 3_600_000;
let stack: TestStack;
let api: ApiClient;
let orgId: string;
let db: pg.Pool;
let probe: Awaited<ReturnType<typeof startKafkaProbe>>;

beforeAll(async () => {
  stack = await startStack({ SIM_RING_SECONDS: "0.05", SIM_TALK_SECONDS: "0.3", SIM_DIAL_LOG: log.file });
  const org = await provisionOrg({ minutes: 100 });
  orgId = org.orgId;
  api = apiClient(stack.gatewayUrl, org.apiKey);
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  probe = await startKafkaProbe(stack.topics.callEvents);
});

afterAll(async () => {
  await probe?.stop();
  await stack?.stop();
  await db?.end();
  log.remove();
});

/** HH:MM of `at` on the wall clock of `zone`. */
const clockIn = (zone: string, at: Date) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
/** `at` with seconds and milliseconds dropped: where a window given in whole minutes opens. */
const wholeMinute = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000);
/** A window in `zone` opening `fromMs` from now and closing `toMs` from now, every day. */
const windowAround = (zone: string | null, fromMs: number, toMs: number) => ({
  start: clockIn(zone ?? "UTC", new Date(Date.now() + fromMs)),
  end: clockIn(zone ?? "UTC", new Date(Date.now() + toMs)),
  days: ALL_DAYS,
  timezone: zone,
});
const jobOf = async (callId: string) =>
  (await db.query<{ status: string; due_at: Date }>("SELECT status, due_at FROM dialer.dial_jobs WHERE call_id = $1", [callId])).rows[0];

describe("calling windows", () => {
  it("dials at once inside an open window, and echoes the window on the call", async () => {
    const window = windowAround("UTC", -HOUR, 2 * HOUR);
    const created = await createCall(api, { to: "+14155550140", calling_window: window });
    expect(created.calling_window).toEqual(window);
    expect(Date.parse(created.next_attempt_at ?? "")).toBeLessThanOrEqual(Date.now());
    expect(await finalCall(api, created.id)).toMatchObject({ status: "completed", attempt_count: 1 });
  });

  it("holds a call until its window opens: next_attempt_at is the opening, the dial job waits for it, nothing is dialed", async () => {
    const opensAt = wholeMinute(new Date(Date.now() + 2 * HOUR));
    const created = await createCall(api, { to: "+14155550141", calling_window: windowAround("Europe/Berlin", 2 * HOUR, 3 * HOUR) });
    expect(created).toMatchObject({ status: "queued", next_attempt_at: opensAt.toISOString() });
    const job = await eventually("the dial job", () => jobOf(created.id));
    expect(job).toMatchObject({ status: "queued", due_at: opensAt });
    await claimPassesAfter(stack.managementUrls.dialer, new Date());
    expect(log.dialsOf(created.id)).toEqual([]);
    expect((await getCall(api, created.id)).status).toBe("queued");
  });

  it("reads a window without a timezone in the callee's zone, from the number (415: Los Angeles)", async () => {
    const opensAt = wholeMinute(new Date(Date.now() + 2 * HOUR));
    const window = windowAround("America/Los_Angeles", 2 * HOUR, 3 * HOUR);
    const created = await createCall(api, { to: "+14155550142", calling_window: { ...window, timezone: null } });
    expect(created.next_attempt_at).toBe(opensAt.toISOString());
    // The same hours read in New York open three hours earlier (or later): the zone came from the number.
    const inNewYork = await createCall(api, { to: "+12125550142", calling_window: { ...window, timezone: null } });
    expect(Math.abs(Date.parse(inNewYork.next_attempt_at ?? "") - opensAt.getTime()) % (24 * HOUR)).not.toBe(0);
  });

  it("applies the agent's window to calls without their own; a call's own window overrides it", async () => {
    const closed = windowAround("UTC", 2 * HOUR, 3 * HOUR);
    const agent = AgentOut.parse(
      (await api.post("/v1/agents", { name: "Business hours", system_prompt: "Hello", calling_window: closed })).body,
    );
    expect(agent.calling_window).toEqual(closed);
    const byAgent = await createCall(api, { to: "+14155550143", agent_id: agent.id });
    expect(byAgent).toMatchObject({ calling_window: closed, next_attempt_at: wholeMinute(new Date(Date.now() + 2 * HOUR)).toISOString() });

    const open = windowAround("UTC", -HOUR, 2 * HOUR);
    const own = await createCall(api, { to: "+14155550144", agent_id: agent.id, calling_window: open });
    expect(await finalCall(api, own.id)).toMatchObject({ status: "completed", calling_window: open });

    const cleared = await api.patch(`/v1/agents/${agent.id}`, { calling_window: null });
    expect(cleared.body).toMatchObject({ calling_window: null });
    const anyTime = await createCall(api, { to: "+14155550145", agent_id: agent.id });
    expect(anyTime.calling_window).toBeNull();
  });

  it("refuses windows that cannot work with 422 naming the field", async () => {
    const base = { start: "09:00", end: "20:00", days: ["mon"] };
    const refused = async (calling_window: unknown, to = "+14155550146") => {
      const response = await api.post("/v1/calls/outbound", { to, calling_window });
      expect([response.status, errorType(response)]).toEqual([422, "validation_failed"]);
      return (response.body as { error: { param: string } }).error.param;
    };
    expect(await refused({ ...base, timezone: "Mars/Olympus_Mons" })).toBe("calling_window.timezone");
    expect(await refused({ ...base, days: [] })).toBe("calling_window.days");
    expect(await refused({ ...base, end: "09:00" })).toBe("calling_window.end");
    expect(await refused({ ...base, start: "25:00" })).toBe("calling_window.start");
    // +1 555 numbers belong to no area: every North American zone, from Guam to Newfoundland, never all open 09:00–10:00.
    expect(await refused({ ...base, end: "10:00", days: ALL_DAYS }, "+15551234567")).toBe("calling_window");
    const agentRefused = await api.post("/v1/agents", { name: "x", system_prompt: "y", calling_window: { ...base, days: [] } });
    expect([agentRefused.status, errorType(agentRefused)]).toEqual([422, "validation_failed"]);
  });

  it("the dialer keeps to the window itself: a call.queued due now but outside its window waits for the opening", async () => {
    const template = probe.seen.find((s) => s.event.type === "call.queued")?.event as Extract<CallEvent, { type: "call.queued" }>;
    const opensAt = wholeMinute(new Date(Date.now() + 2 * HOUR));
    const window = windowAround("UTC", 2 * HOUR, 3 * HOUR);
    const call = CallOut.parse({
      ...template.data.call,
      id: randomUUID(),
      to_number: "+14155550147",
      scheduled_at: new Date().toISOString(),
      next_attempt_at: new Date().toISOString(),
    });
    await publish(
      newCallEvent(
        "call.queued",
        "/voxbridge/gateway",
        {
          ...template.data,
          org_id: orgId,
          call,
          calling_window: { start: window.start, end: window.end, days: window.days, time_zones: ["UTC"] },
        },
        { id: randomUUID(), time: new Date() },
      ),
    );
    const job = await eventually("the dial job", () => jobOf(call.id));
    expect(job?.due_at).toEqual(opensAt);
    await claimPassesAfter(stack.managementUrls.dialer, new Date());
    expect(log.dialsOf(call.id)).toEqual([]);
  });

  it("fails closed: a window the dialer cannot resolve (unknown zone, unknown weekday) ends the call failed, naming the window, never dialed", async () => {
    const template = probe.seen.find((s) => s.event.type === "call.queued")?.event as Extract<CallEvent, { type: "call.queued" }>;
    const windows = [
      { start: "00:00", end: "23:59", days: ALL_DAYS, time_zones: ["Mars/Olympus_Mons"] },
      { start: "00:00", end: "23:59", days: ["hol"], time_zones: ["UTC"] },
    ];
    const calls = windows.map((calling_window, index) => ({
      calling_window,
      call: CallOut.parse({
        ...template.data.call,
        id: randomUUID(),
        to_number: `+1415555016${index}`,
        scheduled_at: null,
        created_at: new Date().toISOString(),
        next_attempt_at: new Date().toISOString(),
      }),
    }));
    for (const { call, calling_window } of calls)
      await publish(
        newCallEvent(
          "call.queued",
          "/voxbridge/gateway",
          { ...template.data, org_id: orgId, call, calling_window },
          { id: randomUUID(), time: new Date() },
        ),
      );
    const failures = await eventually("a call.failed for each", async () => {
      const failed = calls.map(({ call }) => probe.seen.find((s) => s.event.type === "call.failed" && s.event.subject === call.id)?.event);
      return failed.every(Boolean) ? failed : null;
    });
    expect(failures.map((event) => event && "call" in event.data && event.data.call)).toEqual([
      expect.objectContaining({
        status: "failed",
        attempt_count: 0,
        error_message:
          'Calling window 00:00–23:59 mon,tue,wed,thu,fri,sat,sun (Mars/Olympus_Mons) cannot be applied: unknown time zone "Mars/Olympus_Mons"',
      }),
      expect.objectContaining({
        status: "failed",
        attempt_count: 0,
        error_message: expect.stringMatching(/^Calling window .* unknown day "hol"$/),
      }),
    ]);
    expect(await Promise.all(calls.map(({ call }) => jobOf(call.id)))).toEqual([
      expect.objectContaining({ status: "failed" }),
      expect.objectContaining({ status: "failed" }),
    ]);
    expect(calls.flatMap(({ call }) => log.dialsOf(call.id))).toEqual([]);
  });

  it("moves a call whose opening closed before it was claimed (a backlog) to the next opening, with call.updated, never dialing it late", async () => {
    const created = await createCall(api, { to: "+14155550148", calling_window: windowAround("UTC", 2 * HOUR, 3 * HOUR) });
    await eventually("the dial job", () => jobOf(created.id));
    // What a long backlog leaves behind: due long ago, in an opening that has closed since.
    await db.query(
      "UPDATE dialer.dial_jobs SET due_at = now() - interval '2 hours', window_closes_at = now() - interval '1 hour' WHERE call_id = $1",
      [created.id],
    );
    const updated = await eventually("call.updated", async () =>
      probe.seen.find((s) => s.event.subject === created.id && s.event.type === "call.updated"),
    );
    expect(updated.event.data.call).toMatchObject({ status: "queued", next_attempt_at: created.next_attempt_at });
    expect((await jobOf(created.id))?.due_at.toISOString()).toBe(created.next_attempt_at);
    expect(log.dialsOf(created.id)).toEqual([]);
  });
});

const publish = (event: CallEvent) => publishCallEvent(stack.topics.callEvents, event);

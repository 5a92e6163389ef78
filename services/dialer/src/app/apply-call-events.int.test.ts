import { randomUUID } from "node:crypto";
import { newCallEvent, newCancelRequestedEvent, type TopicEvent } from "@voxbridge/contracts";
import { createLogger } from "@voxbridge/kit";
import pg from "pg";
import { testDatabaseUrl } from "../../../../tests/support/env";
import { eventually } from "../../../../tests/support/eventually";
import { queuedEvent } from "../../test/queued-event";
import { carrierReportDeps } from "../../test/report-deps";
import { recordingTelephony } from "../../test/telephony";
import { DIALER_SCHEMA } from "../adapters/schema";
import { createDialerStores } from "../adapters/stores";
import { DIALER_EVENT_SOURCE } from "../domain/lifecycle-event";
import { applyCallEvents } from "./apply-call-events";

// A fetched batch of call events applied against the real job store: one insert for a run of
// call.queued, cancels in their place in the order.
let pool: pg.Pool;
const orgId = randomUUID();

beforeAll(() => {
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2, options: `-c search_path=${DIALER_SCHEMA}` });
});
afterAll(() => pool.end());

const queued = (callId: string, scheduledAt: Date) => queuedEvent({ orgId, call: { id: callId, scheduled_at: scheduledAt.toISOString() } });
const cancelRequested = (event: ReturnType<typeof queued>) =>
  newCancelRequestedEvent(
    "/voxbridge/gateway",
    { call_id: event.subject, org_id: orgId, requested_at: new Date().toISOString() },
    { id: randomUUID() },
  );
const canceled = (event: ReturnType<typeof queued>, source = "/voxbridge/gateway") =>
  newCallEvent(
    "call.canceled",
    source,
    { org_id: orgId, webhook_url: null, call: { ...event.data.call, status: "canceled" } },
    { id: randomUUID(), time: new Date() },
  );

describe("applyCallEvents (real Postgres)", () => {
  it("creates each queued call's job once, cancels in order, and wakes the scheduler only for a new job due now", async () => {
    const stores = createDialerStores({ pool, topic: "unused", account: "acct", cps: 10, orgConcurrency: 10 });
    const telephony = recordingTelephony();
    const hangups = telephony.hungUp;
    const dueSoon: string[] = [];
    let wakes = 0;
    const deps = {
      ...stores,
      telephony,
      voice: null,
      ends: carrierReportDeps(stores),
      logger: createLogger({ service: "dialer-test", level: "silent" }),
      ownSource: DIALER_EVENT_SOURCE,
      now: () => new Date(),
      dueSoon: (_org: string, callId: string) => void dueSoon.push(callId),
      wake: () => void wakes++,
      pollIntervalMs: 2_000,
    };
    const tomorrow = new Date(Date.now() + 86_400_000);
    const a = queued(randomUUID(), new Date());
    const b = queued(randomUUID(), tomorrow);
    const c = queued(randomUUID(), new Date());
    const d = queued(randomUUID(), tomorrow);
    // a: the gateway's cancel request; d: a call.canceled from a gateway older than cancel requests.
    const events: TopicEvent[] = [a, b, a, cancelRequested(a), canceled(b, DIALER_EVENT_SOURCE), c, d, canceled(d)];

    await applyCallEvents(deps, events);
    const status = async () =>
      Object.fromEntries(
        (
          await pool.query<{ call_id: string; status: string }>(`SELECT call_id::text, status FROM "dial_jobs" WHERE call_id = ANY($1)`, [
            [a.subject, b.subject, c.subject, d.subject],
          ])
        ).rows.map((row) => [row.call_id, row.status]),
      );
    // a and d were canceled at the gateway's request; the dialer's own call.canceled is no cancel request.
    const expected = { [a.subject]: "canceled", [b.subject]: "queued", [c.subject]: "queued", [d.subject]: "canceled" };
    expect(await status()).toEqual(expected);
    // Each canceled job's own call.canceled, in the dialer's outbox, is the call's one terminal event.
    const ended = await pool.query<{ key: string; type: string; source: string }>(
      `SELECT key, payload->>'type' AS type, payload->>'source' AS source FROM "outbox" WHERE key = ANY($1) ORDER BY id`,
      [[a.subject, d.subject]],
    );
    expect(ended.rows).toEqual([
      { key: a.subject, type: "call.canceled", source: DIALER_EVENT_SOURCE },
      { key: d.subject, type: "call.canceled", source: DIALER_EVENT_SOURCE },
    ]);
    expect(dueSoon).toEqual([a.subject, a.subject, c.subject]);
    expect(wakes).toBe(2);
    expect(hangups).toEqual([]);

    // The whole batch again (a redelivery after a crash): nothing new, no wake.
    await applyCallEvents(deps, events);
    expect(await status()).toEqual(expected);
    expect(wakes).toBe(2);
    expect((await pool.query(`SELECT 1 FROM "outbox" WHERE key = ANY($1)`, [[a.subject, d.subject]])).rowCount).toBe(2);
  });

  it("wakes the schedulers for a new job due before the next safety poll, in-process and by NOTIFY; a later one wakes nobody", async () => {
    const listener = new pg.Client({ connectionString: testDatabaseUrl() });
    await listener.connect();
    const notified: string[] = [];
    listener.on("notification", (message) => notified.push(message.channel));
    await listener.query(`LISTEN "${DIALER_SCHEMA}_jobs"`);
    try {
      let wakes = 0;
      const stores = createDialerStores({ pool, topic: "unused", account: "acct", cps: 10, orgConcurrency: 10 });
      const deps = {
        ...stores,
        telephony: recordingTelephony(),
        voice: null,
        ends: carrierReportDeps(stores),
        logger: createLogger({ service: "dialer-test", level: "silent" }),
        ownSource: DIALER_EVENT_SOURCE,
        now: () => new Date(),
        dueSoon: () => undefined,
        wake: () => void wakes++,
        pollIntervalMs: 2_000,
      };
      // Due in 1 s, before the next poll: this scheduler is woken (to set its timer), and so is every other.
      await applyCallEvents(deps, [queued(randomUUID(), new Date(Date.now() + 1_000))]);
      expect(wakes).toBe(1);
      await eventually("the NOTIFY", async () => notified.length > 0);
      // Due in a minute: the next poll reads it before its time, so nobody is woken, in-process or by
      // NOTIFY (channels are per database, and this file's database is its own). A round trip on the
      // listener after the commit lets a NOTIFY, had there been one, arrive first.
      await applyCallEvents(deps, [queued(randomUUID(), new Date(Date.now() + 60_000))]);
      await listener.query("SELECT pg_sleep(0.1)");
      expect(wakes).toBe(1);
      expect(notified).toHaveLength(1);
    } finally {
      await listener.end();
    }
  });
});

import { randomUUID } from "node:crypto";
import { startReceiver } from "@voxbridge/webhooks/test-harness";
import pg from "pg";
import { type ApiClient, apiClient } from "../support/api-client";
import { testDatabaseUrl } from "../support/env";
import { eventually } from "../support/eventually";
import { provisionOrg, startStack, type TestOrg, type TestStack } from "../support/stack";
import { createCall, finalCall } from "./dialer-support";

let stack: TestStack;
let org: TestOrg;
let api: ApiClient;
let db: pg.Client;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  stack = await startStack({ SIM_RING_SECONDS: "0.05", SIM_TALK_SECONDS: "1.1", DIALER_RETRY_DELAY_SECONDS: "0.2" });
  org = await provisionOrg({ minutes: 100 });
  api = apiClient(stack.gatewayUrl, org.apiKey);
  receiver = await startReceiver();
  db = new pg.Client({ connectionString: testDatabaseUrl() });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await receiver?.close();
  await stack?.stop();
});

const count = async (sql: string, values: unknown[]) => Number((await db.query<{ n: string }>(sql, values)).rows[0]?.n);

/** Every row the services keep for one call, by table; its webhook events' ids are the gateway's processed ids. */
async function rowsOf(callId: string) {
  const eventIds = (
    await db.query<{ event_id: string }>("SELECT event_id FROM webhooks.webhook_events WHERE call_id = $1", [callId])
  ).rows.map((row) => row.event_id);
  return {
    eventIds,
    counts: {
      "gateway.calls": await count("SELECT count(*) AS n FROM gateway.calls WHERE id = $1", [callId]),
      "gateway.call_attempts": await count("SELECT count(*) AS n FROM gateway.call_attempts WHERE call_id = $1", [callId]),
      "gateway.processed_events": await count("SELECT count(*) AS n FROM gateway.processed_events WHERE event_id = ANY($1::uuid[])", [
        eventIds,
      ]),
      "quota.minute_holds": await count("SELECT count(*) AS n FROM quota.minute_holds WHERE call_id = $1", [callId]),
      "dialer.dial_jobs": await count("SELECT count(*) AS n FROM dialer.dial_jobs WHERE call_id = $1", [callId]),
      "dialer.dial_attempts": await count("SELECT count(*) AS n FROM dialer.dial_attempts WHERE call_id = $1", [callId]),
      "webhooks.webhook_events": eventIds.length,
      "webhooks.call_sequences": await count("SELECT count(*) AS n FROM webhooks.call_sequences WHERE call_id = $1", [callId]),
      "webhooks.webhook_deliveries": await count("SELECT count(*) AS n FROM webhooks.webhook_deliveries WHERE call_id = $1", [callId]),
      "webhooks.webhook_attempts": await count(
        "SELECT count(*) AS n FROM webhooks.webhook_attempts a JOIN webhooks.webhook_deliveries d ON d.id = a.delivery_id WHERE d.call_id = $1",
        [callId],
      ),
    },
  };
}

/** Moves every timestamp the retention rules read for this call back by `days`. */
async function age(callId: string, eventIds: string[], days: number) {
  const back = `now() - make_interval(days => ${days})`;
  await db.query(`UPDATE gateway.processed_events SET processed_at = ${back} WHERE event_id = ANY($1::uuid[])`, [eventIds]);
  await db.query(`UPDATE quota.minute_holds SET closed_at = ${back} WHERE call_id = $1`, [callId]);
  await db.query(`UPDATE dialer.dial_jobs SET updated_at = ${back} WHERE call_id = $1`, [callId]);
  await db.query(`UPDATE webhooks.webhook_deliveries SET completed_at = ${back} WHERE call_id = $1`, [callId]);
  await db.query(`UPDATE webhooks.webhook_events SET received_at = ${back} WHERE call_id = $1`, [callId]);
}

/** A call that has ended, with all of its webhooks delivered. */
async function endedCall(to: string) {
  const created = await createCall(api, { to, max_attempts: 1, webhook_url: receiver.url });
  const call = await finalCall(api, created.id);
  await eventually("its deliveries finished", async () =>
    (await count("SELECT count(*) AS n FROM webhooks.webhook_deliveries WHERE call_id = $1 AND status = 'pending'", [created.id])) === 0 &&
    (await count("SELECT count(*) AS n FROM webhooks.webhook_deliveries WHERE call_id = $1", [created.id])) >= 3
      ? true
      : null,
  );
  return call;
}

describe("retention", () => {
  it("deletes a finished call's working rows once they are past RETENTION_DAYS, keeps the partner's record and everything younger", async () => {
    const old = await endedCall("+14155557101");
    const failed = await endedCall("+14155550001"); // no answer: its hold is released, nothing billed
    const fresh = await endedCall("+14155557102");
    expect([old.status, failed.status, fresh.status]).toEqual(["completed", "failed", "completed"]);
    expect((await db.query("SELECT status FROM quota.minute_holds WHERE call_id = $1", [failed.id])).rows[0]?.status).toBe("released");
    // An Idempotency-Key record past its 48 h.
    const key = randomUUID();
    expect((await api.post("/v1/calls/outbound", { to: "+14155557103", metadata: { k: 1 } }, { "Idempotency-Key": key })).status).toBe(201);
    await db.query("UPDATE gateway.idempotency_keys SET created_at = now() - interval '49 hours' WHERE key = $1", [key]);

    const oldRows = await rowsOf(old.id);
    const failedRows = await rowsOf(failed.id);
    const freshBefore = await rowsOf(fresh.id);
    for (const rows of [oldRows, failedRows, freshBefore]) {
      for (const [table, n] of Object.entries(rows.counts)) expect([table, n > 0]).toEqual([table, true]);
    }
    await age(old.id, oldRows.eventIds, 31);
    await age(failed.id, failedRows.eventIds, 31);
    await age(fresh.id, freshBefore.eventIds, 29); // younger than the default 30 days
    // The completed call's minutes were billed in a period older than the ledger keeps row by row.
    const billed = (
      await db.query<{ billed_minutes: number }>("SELECT billed_minutes FROM quota.minute_holds WHERE call_id = $1", [old.id])
    ).rows[0];
    expect(billed?.billed_minutes).toBeGreaterThan(0);
    await db.query("UPDATE quota.minute_holds SET billed_period = '2024-01' WHERE call_id = $1", [old.id]);

    const passes = await stack.runRetention();
    expect(passes.gateway.vacuumed).toEqual(expect.arrayContaining(["outbox", "processed_events", "idempotency_keys"]));
    expect(passes.dialer.vacuumed).toEqual(expect.arrayContaining(["outbox", "dial_jobs"]));
    expect(passes.webhooks.vacuumed).toEqual(expect.arrayContaining(["webhook_deliveries", "webhook_events"]));
    expect(passes.quota.vacuumed).toEqual(["minute_holds"]);

    const partnerRecord = { "gateway.calls": 1, "gateway.call_attempts": 1 };
    const gone = {
      "gateway.processed_events": 0,
      "quota.minute_holds": 0,
      "dialer.dial_jobs": 0,
      "dialer.dial_attempts": 0,
      "webhooks.webhook_events": 0,
      "webhooks.call_sequences": 0,
      "webhooks.webhook_deliveries": 0,
      "webhooks.webhook_attempts": 0,
    };
    expect((await rowsOf(old.id)).counts).toEqual({ ...partnerRecord, ...gone });
    expect((await rowsOf(failed.id)).counts).toEqual({ ...partnerRecord, ...gone });
    expect((await rowsOf(fresh.id)).counts).toEqual(freshBefore.counts);
    expect(await count("SELECT count(*) AS n FROM gateway.idempotency_keys WHERE key = $1", [key])).toBe(0);
    // The partner still reads the record of a call whose working rows are gone.
    expect((await api.get(`/v1/calls/${old.id}`)).status).toBe(200);

    // The billed minutes live on in the period's rollup; a second pass adds nothing.
    const rollup = () =>
      db.query("SELECT billed_minutes, calls FROM quota.period_usage WHERE org_id = $1 AND period = '2024-01'", [org.orgId]);
    expect((await rollup()).rows).toEqual([{ billed_minutes: billed?.billed_minutes, calls: 1 }]);
    await stack.runRetention();
    expect((await rollup()).rows).toEqual([{ billed_minutes: billed?.billed_minutes, calls: 1 }]);
  });
});

import { randomUUID } from "node:crypto";
import pg from "pg";
import { type ApiClient, apiClient } from "../support/api-client";
import { publishQueuedBacklog } from "../support/call-backlog";
import { testDatabaseUrl } from "../support/env";
import { eventually } from "../support/eventually";
import { provisionOrg, startStack, type TestOrg, type TestStack } from "../support/stack";
import { createCall, dialLog, finalCall } from "./dialer-support";

// Issue 28, defect 5: a suppression must not wait behind the backlog of call events. On the
// call-events topic, keyed by org, it sat behind every event of its partition while claims kept
// dialing; on its own path it reaches the dialer while that backlog is still being worked off.
const BACKLOG = 20_000;
const log = dialLog();
let stack: TestStack;
let org: TestOrg;
let api: ApiClient;
let db: pg.Pool;

beforeAll(async () => {
  stack = await startStack({ SIM_RING_SECONDS: "0.05", SIM_TALK_SECONDS: "1", SIM_DIAL_LOG: log.file });
  org = await provisionOrg({ minutes: 100 });
  api = apiClient(stack.gatewayUrl, org.apiKey);
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
});

afterAll(async () => {
  await stack?.stop();
  await db?.end();
  log.remove();
});

const jobOf = async (callId: string) =>
  (
    await db.query<{ status: string; disposition: string | null }>(
      `SELECT status, call ->> 'disposition' AS disposition FROM dialer.dial_jobs WHERE call_id = $1`,
      [callId],
    )
  ).rows[0];

describe("a suppression on a path no backlog delays", () => {
  it("stops the dials of its number while 20,000 call events wait ahead of it on the dialer's topic", async () => {
    const number = "+14155550160";
    // A call to the number waiting for its time (an hour): its job is the dialer's.
    const later = await createCall(api, { to: number, schedule_at: new Date(Date.now() + 3_600_000).toISOString() });
    await eventually("its dial job", async () => jobOf(later.id));

    // The backlog: call events on the partition this org's events take (its key), for another org's calls.
    const backlogOrg = randomUUID();
    await publishQueuedBacklog({ topic: stack.topics.callEvents, key: org.orgId, orgId: backlogOrg, count: BACKLOG });
    // Another call to the number, due in a few seconds, and then the callee's opt-out.
    const soon = await createCall(api, { to: number, schedule_at: new Date(Date.now() + 4_000).toISOString() });
    expect((await api.post("/v1/suppressions", { number, reason: "opt-out by phone" })).status).toBe(201);

    // The dialer's copy of the list has it...
    await eventually(
      "the suppression in the dialer's list",
      async () =>
        (await db.query("SELECT 1 FROM dialer.suppressed_numbers WHERE org_id = $1 AND number = $2", [org.orgId, number])).rowCount === 1,
    );
    // ...while the backlog ahead of it was still being worked off: not every backlog event had its job yet.
    const { rows } = await db.query<{ jobs: number }>("SELECT count(*)::int AS jobs FROM dialer.dial_jobs WHERE org_id = $1", [backlogOrg]);
    expect(rows[0]?.jobs).toBeLessThan(BACKLOG);

    // Both calls end canceled (disposition suppressed) in the dialer, never dialed.
    for (const call of [later, soon]) {
      await eventually(
        `call ${call.id} canceled by the suppression`,
        async () => (await jobOf(call.id))?.status === "canceled",
        60_000,
        () => jobOf(call.id),
      );
      expect(await jobOf(call.id)).toEqual({ status: "canceled", disposition: "suppressed" });
    }
    // The partner's record follows once the gateway has projected the dialer's event (behind the
    // backlog). Had a claim taken the call just before the suppression arrived, the last look before
    // the dial ended that attempt undialed: either way, nothing was dialed.
    expect(await finalCall(api, soon.id, 120_000)).toMatchObject({ status: "canceled", disposition: "suppressed" });
    expect(log.dialsOf(soon.id)).toEqual([]);
    expect(log.dialsOf(later.id)).toEqual([]);
  }, 180_000);
});

import { randomUUID } from "node:crypto";
import pg from "pg";
import { testDatabaseUrl } from "../../../../tests/support/env";
import { queuedEvent } from "../../test/queued-event";
import { carrierReportDeps } from "../../test/report-deps";
import { recordCarrierReport } from "../app/record-carrier-report";
import { DIALER_SCHEMA } from "./schema";
import { createDialerStores } from "./stores";

let pool: pg.Pool;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4, options: `-c search_path=${DIALER_SCHEMA}` });
});
afterAll(() => pool.end());

describe("attempt store: an attempt's end", () => {
  const stores = () => createDialerStores({ pool, topic: "call-events", account: "ends", cps: 1000, orgConcurrency: 10 });
  const deps = () => carrierReportDeps(stores());
  afterEach(() => pool.query(`TRUNCATE "outbox", "dial_attempts", "dial_jobs"`));

  /** A job claimed and answered, as the scheduler and the carrier leave it. */
  async function answeredCall(maxAttempts: number): Promise<string> {
    const event = queuedEvent({ call: { max_attempts: maxAttempts } });
    await stores().intake.createAbsent([event], false);
    const { claimed } = await stores().claims.claimDue(randomUUID(), 10);
    expect(claimed.map((c) => c.callId)).toEqual([event.data.call.id]);
    await recordCarrierReport(deps(), event.data.call.id, 1, { kind: "answered" });
    return event.data.call.id;
  }

  const outboxOf = async (callId: string) =>
    (
      await pool.query<{ type: string; attempt: { attempt: number; answered_at: string | null; disposition: string } | null }>(
        `SELECT payload->>'type' AS type, payload->'data'->'attempt' AS attempt FROM "outbox" WHERE key = $1 AND payload->>'type' <> 'call.calling'`,
        [callId],
      )
    ).rows;

  it("writes the attempt, the job and its event in one transaction, wakes the schedulers, and ignores a second report of the same end", async () => {
    const callId = await answeredCall(1);
    const listener = new pg.Client({ connectionString: testDatabaseUrl(), options: `-c search_path=${DIALER_SCHEMA}` });
    await listener.connect();
    const woken = new Promise<string>((resolve) => listener.once("notification", (n) => resolve(n.channel)));
    await listener.query(`LISTEN ${DIALER_SCHEMA}_jobs`);
    try {
      await recordCarrierReport(deps(), callId, 1, { kind: "ended", outcome: "completed", talkSeconds: 42.4, detail: null });
      expect(await woken).toBe(`${DIALER_SCHEMA}_jobs`);
    } finally {
      await listener.end();
    }
    const attempt = await pool.query(
      `SELECT status, disposition, talk_seconds, answered_at IS NOT NULL AS answered, ended_at IS NOT NULL AS ended FROM "dial_attempts" WHERE call_id = $1`,
      [callId],
    );
    expect(attempt.rows).toEqual([{ status: "ended", disposition: "completed", talk_seconds: 42, answered: true, ended: true }]);
    const job = await pool.query(`SELECT status, owner_id, call->>'status' AS call_status FROM "dial_jobs" WHERE call_id = $1`, [callId]);
    expect(job.rows).toEqual([{ status: "completed", owner_id: null, call_status: "completed" }]);
    const events = await outboxOf(callId);
    expect(events).toEqual([{ type: "call.completed", attempt: expect.objectContaining({ attempt: 1, disposition: "completed" }) }]);
    expect(events[0]?.attempt?.answered_at).toEqual(expect.any(String));

    // The carrier says it again (a duplicate callback): the attempt is no longer live, nothing changes.
    await recordCarrierReport(deps(), callId, 1, { kind: "ended", outcome: "completed", talkSeconds: 42.4, detail: null });
    expect(await outboxOf(callId)).toHaveLength(1);
  });

  it("puts a call with attempts left back in the queue with a call.updated, its due time moved by the retry delay", async () => {
    const callId = await answeredCall(2);
    await recordCarrierReport(deps(), callId, 1, { kind: "ended", outcome: "busy", talkSeconds: null, detail: null });
    const job = await pool.query<{ status: string; owner_id: string | null; later: boolean }>(
      `SELECT status, owner_id, due_at > now() + interval '50 seconds' AS later FROM "dial_jobs" WHERE call_id = $1`,
      [callId],
    );
    expect(job.rows).toEqual([{ status: "queued", owner_id: null, later: true }]);
    expect(await outboxOf(callId)).toEqual([
      { type: "call.updated", attempt: expect.objectContaining({ attempt: 1, disposition: "busy" }) },
    ]);
  });
});

import { randomUUID } from "node:crypto";
import pg from "pg";
import type { ClaimedDial, ClaimStore } from "../app/ports";
import { callingCall, callingEvent } from "../domain/claim";
import { orgRooms } from "../domain/org-concurrency";
import { nextClaimAt, PACING_WINDOW_MS, pacingBudget } from "../domain/pacing";
import { type Columns, queryMany, type StoreOptions } from "./postgres";

/*
 * The claim is one transaction of four round trips: the account's lock with what may be taken, the
 * take, the record of what was taken, and the commit (two when there is nothing to take). The rules
 * (the pacing budget, each org's room, the `calling` snapshot and its event, when to look again)
 * are in domain/; the SQL reads and writes rows.
 */

/**
 * The claim's opening, one round trip of three statements: BEGIN; the account's row lock, which
 * serializes pacing across instances; then, in a fresh snapshot that sees each earlier claimer's
 * commits, the account's dials in the pacing window, the first future job, and each org with queued
 * jobs (a loose index scan, one probe per org) with its live calls and limit. Several statements in
 * one message take no parameters, so the account (configuration, not input) is a quoted literal.
 * Compared with a value computed once rather than with clock_timestamp() itself (volatile), the
 * window's count uses dial_attempts_account_dialed_at_idx. Ordered and limited
 * rather than min(): with few statistics the planner may aggregate over every future job.
 */
const openClaimSql = (account: string) => `
  BEGIN;
  SELECT 1 FROM "pacing_accounts" WHERE account = ${pg.escapeLiteral(account)} FOR UPDATE;
  WITH RECURSIVE clock AS MATERIALIZED (SELECT clock_timestamp() AS now),
  recent AS (
    SELECT count(*)::int AS used, min(d.dialed_at) AS oldest FROM "dial_attempts" d
     WHERE d.account = ${pg.escapeLiteral(account)}
       AND d.dialed_at > (SELECT now FROM clock) - make_interval(secs => ${PACING_WINDOW_MS / 1000})
  ), orgs AS (
    (SELECT j.org_id FROM "dial_jobs" j WHERE j.status = 'queued' ORDER BY j.org_id LIMIT 1)
    UNION ALL
    SELECT (SELECT j.org_id FROM "dial_jobs" j
             WHERE j.status = 'queued' AND j.org_id > o.org_id ORDER BY j.org_id LIMIT 1)
      FROM orgs o WHERE o.org_id IS NOT NULL
  ), active AS (
    SELECT j.org_id, count(*)::int AS n FROM "dial_jobs" j WHERE j.status = 'calling' GROUP BY j.org_id
  )
  SELECT r.used, r.oldest, c.now,
         (SELECT j.due_at FROM "dial_jobs" j WHERE j.status = 'queued' AND j.due_at > c.now
           ORDER BY j.due_at LIMIT 1) AS next_due,
         o.org_id::text, coalesce(a.n, 0) AS active, l.max_concurrent_calls AS org_limit
    FROM clock c CROSS JOIN recent r
    LEFT JOIN orgs o ON o.org_id IS NOT NULL
    LEFT JOIN active a ON a.org_id = o.org_id
    LEFT JOIN "org_dial_limits" l ON l.org_id = o.org_id;`;

type OpeningRow = {
  used: number;
  oldest: Date | null;
  now: Date;
  next_due: Date | null;
  org_id: string | null;
  active: number;
  org_limit: number | null;
};

/**
 * The take: from each org at most its room of its oldest due jobs (through
 * dial_jobs_queued_org_due_idx, so a claim reads only what it may take, however long the backlog),
 * skipping suppressed numbers (the suppression rule) and closed windows (the calling-window rule);
 * the oldest of those up to the budget, skipping a row a cancel holds; each moved to `calling` with
 * its attempt row. Returns the snapshot as it was.
 */
const TAKE_SQL = `
  WITH candidates AS (
    SELECT c.call_id, c.due_at FROM unnest($1::uuid[], $2::int[]) AS r(org_id, room) CROSS JOIN LATERAL (
      SELECT j.call_id, j.due_at FROM "dial_jobs" j
       WHERE j.status = 'queued' AND j.org_id = r.org_id AND j.due_at <= $4
         AND NOT EXISTS (SELECT 1 FROM "suppressed_numbers" s WHERE s.org_id = j.org_id AND s.number = j.call ->> 'to_number')
         AND (j.window_closes_at IS NULL OR j.window_closes_at > $4)
       ORDER BY j.due_at, j.call_id
       LIMIT r.room) c
  ), eligible AS (
    SELECT c.call_id FROM candidates c ORDER BY c.due_at, c.call_id LIMIT $3
  ), locked AS (
    SELECT j.call_id FROM "dial_jobs" j WHERE j.call_id IN (SELECT e.call_id FROM eligible e) AND j.status = 'queued'
    FOR UPDATE SKIP LOCKED
  ), claimed AS (
    UPDATE "dial_jobs" j SET status = 'calling', attempt_count = j.attempt_count + 1, owner_id = $5, updated_at = $4
      FROM locked WHERE j.call_id = locked.call_id
    RETURNING j.call_id, j.org_id, j.attempt_count, j.queued, j.call
  ), attempts AS (
    INSERT INTO "dial_attempts" (call_id, attempt, account, owner_id, status, dialed_at)
    SELECT c.call_id, c.attempt_count, $6, $5, 'dialing', $4 FROM claimed c
  )
  SELECT c.call_id::text, c.org_id::text, c.attempt_count, c.queued, c.call FROM claimed c ORDER BY c.call_id`;

/** The record of a take: each job's `calling` snapshot and its `call.calling` event in the outbox. */
const RECORD_CLAIMED_SQL = `
  WITH snapshots AS (
    UPDATE "dial_jobs" j SET call = u.call FROM unnest($1::uuid[], $2::jsonb[]) AS u(call_id, call) WHERE j.call_id = u.call_id
  )
  INSERT INTO "outbox" (event_id, topic, key, payload)
  SELECT e.event_id, $3, e.call_id::text, e.payload FROM unnest($4::uuid[], $1::uuid[], $5::jsonb[]) AS e(event_id, call_id, payload)`;

/** Claims of one telephony account: pacing, org concurrency, calling windows and suppressions in one take. */
export function createClaimStore(
  options: StoreOptions & {
    /** Pacing key of the telephony account. */
    account: string;
    cps: number;
    orgConcurrency: number;
  },
): ClaimStore {
  const { pool, account } = options;
  const pacing = { cps: options.cps, windowMs: PACING_WINDOW_MS };
  const openClaim = openClaimSql(account);

  const take = async (client: pg.PoolClient, owner: string, opening: OpeningRow[], budget: number, now: Date) => {
    const rooms = orgRooms(
      opening.flatMap((row) => (row.org_id === null ? [] : [{ orgId: row.org_id, active: row.active, limit: row.org_limit }])),
      options.orgConcurrency,
      budget,
    );
    if (rooms.length === 0) return [];
    const taken = await client.query<Columns<"dial_jobs", "call_id" | "org_id" | "attempt_count" | "queued" | "call">>({
      name: "dialer-claim-take",
      text: TAKE_SQL,
      values: [rooms.map((org) => org.orgId), rooms.map((org) => org.room), budget, now, owner, account],
    });
    const claimed: ClaimedDial[] = taken.rows.map((row) => ({
      callId: row.call_id,
      orgId: row.org_id,
      attempt: row.attempt_count,
      queued: row.queued,
      call: callingCall(row.call, row.attempt_count, now),
    }));
    if (claimed.length === 0) return claimed;
    const events = claimed.map((dial) => callingEvent(dial.queued, dial.call, randomUUID(), now));
    await client.query({
      name: "dialer-claim-record",
      text: RECORD_CLAIMED_SQL,
      values: [
        claimed.map((dial) => dial.callId),
        claimed.map((dial) => JSON.stringify(dial.call)),
        options.topic,
        events.map((event) => event.id),
        events.map((event) => JSON.stringify(event)),
      ],
    });
    return claimed;
  };

  return {
    async claimDue(owner, limit) {
      const client = await pool.connect();
      try {
        let opened = await queryMany(client, openClaim);
        if (opened[1]?.rowCount === 0) {
          // No account row to lock yet (a new account): create it, then open again, locked.
          await client.query("ROLLBACK");
          await client.query(`INSERT INTO "pacing_accounts" (account) VALUES ($1) ON CONFLICT DO NOTHING`, [account]);
          opened = await queryMany(client, openClaim);
        }
        const opening: OpeningRow[] = opened[2]?.rows ?? [];
        const [first] = opening;
        if (first === undefined) throw new Error("the claim's window query returned no row");
        const window = { used: first.used, oldest: first.oldest };
        const claimed = await take(client, owner, opening, pacingBudget(pacing, window, limit), first.now);
        await client.query("COMMIT");
        const next = nextClaimAt(pacing, window, claimed.length, first.now, first.next_due);
        return { claimed, nextWakeAt: next.at, paced: next.paced, at: first.now };
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },

    async dueBacklog() {
      const { rows } = await pool.query<{ due: number }>(
        // now(), not clock_timestamp(): a volatile bound cannot use the due_at index.
        `SELECT count(*)::int AS due FROM "dial_jobs" WHERE status = 'queued' AND due_at <= now()`,
      );
      return rows[0]?.due ?? 0;
    },
  };
}

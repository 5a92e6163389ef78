import { randomUUID } from "node:crypto";
import { type AttemptOut, type CallEvent, type CallEventOf, type CallOut, newCallEvent } from "@voxbridge/contracts";
import pg from "pg";
import type { ClaimedDial, DialJobStore } from "../app/ports";
import { callingCall, callingEvent, nextClaimAt, orgRoom, pacingBudget } from "../domain/claim";
import { type AttemptOutcome, endedAttempt } from "../domain/dial-outcome";
import { dueWithin, firstAttemptDue } from "../domain/due-at";
import { editedJob } from "../domain/edited-job";
import { suppressedCall } from "../domain/suppressed-call";

export const DIALER_EVENT_SOURCE = "/voxbridge/dialer";

type StoreOptions = {
  pool: pg.Pool;
  /** The real (prefixed) topic outbox rows go to; stored in the row so any relay publishes it right. */
  topic: string;
  /** Pacing key of the telephony account. */
  account: string;
  cps: number;
  orgConcurrency: number;
};

/**
 * The sliding window of the calls-per-second limit: CPS dials per 1.1 s. Dials reach the carrier
 * some milliseconds after their claim commits (more on a busy host); the extra 0.1 s per second
 * absorbs up to 0.5 s of that jitter in any 5-second window, at about 9% of throughput.
 */
export const PACING_WINDOW_MS = 1_100;

type Queryable = Pick<pg.PoolClient, "query">;

type EndedJobRow = {
  status: string;
  attempt_count: number;
  call: CallOut;
  queued: CallEventOf<"call.queued">;
  cancel_requested: boolean;
  now: Date;
};

/**
 * The opening of an attempt's end, one round trip of three statements: BEGIN, the job's row lock
 * with what the decision needs, then the attempt's row lock with when it was dialed and answered.
 * Several statements in one message take no parameters: the call id and attempt are quoted literals.
 */
const openEndSql = (callId: string, attempt: number) => `
  BEGIN;
  SELECT status, attempt_count, call, queued, cancel_requested, clock_timestamp() AS now
    FROM "dial_jobs" WHERE call_id = ${pg.escapeLiteral(callId)} FOR UPDATE;
  SELECT dialed_at, answered_at FROM "dial_attempts"
   WHERE call_id = ${pg.escapeLiteral(callId)} AND attempt = ${Math.trunc(attempt)} FOR UPDATE;`;

/**
 * Every write of an attempt's end in one statement: the attempt ended, the job moved on (to its end,
 * or back to `queued` for a retry), its event in the outbox, and a NOTIFY (sent on commit) so every
 * instance's scheduler sees a concurrency slot free or a retry scheduled.
 */
const END_ATTEMPT_SQL = `
  WITH ended_attempt AS (
    UPDATE "dial_attempts" SET status = 'ended', disposition = $3, ended_at = $4, talk_seconds = $5, detail = $6
     WHERE call_id = $1 AND attempt = $2
  ), moved_job AS (
    UPDATE "dial_jobs" SET status = $7, due_at = coalesce($8, due_at), window_closes_at = $9, call = $10, owner_id = NULL,
           updated_at = clock_timestamp()
     WHERE call_id = $1
  ), queued_event AS (
    INSERT INTO "outbox" (event_id, topic, key, payload) VALUES ($11, $12, $13, $14)
  )
  SELECT pg_notify(current_schema() || '_jobs', '')`;

/*
 * The claim is one transaction of four round trips: the account's lock with what may be taken, the
 * take, the record of what was taken, and the commit (two when there is nothing to take). The rules (the pacing budget, each org's
 * room, the `calling` snapshot and its event, when to look again) are in `domain/claim.ts`; the SQL
 * reads and writes rows.
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
type WindowRow = {
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
 * skipping suppressed numbers and closed windows; the oldest of those up to the budget, skipping a
 * row a cancel holds; each moved to `calling` with its attempt row. Returns the snapshot as it was.
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

/** Advisory lock class of the dialers' liveness locks; the second key is `hashtext(instance id)`. */
export const LIVENESS_LOCK_CLASS = 0x766f78;

/**
 * Takes this instance's liveness lock on a session that lives as long as the process (the LISTEN
 * connection) and records whether it got it. Postgres drops the lock the moment that session ends,
 * which is how peers learn of a SIGKILL or a crash within seconds (`heartbeat`).
 */
export async function takeLivenessLock(client: Queryable, owner: string): Promise<void> {
  await client.query(
    `INSERT INTO "dialer_instances" (id, liveness_lock) SELECT $2, pg_try_advisory_lock($1, hashtext($3))
     ON CONFLICT (id) DO UPDATE SET liveness_lock = excluded.liveness_lock, heartbeat_at = clock_timestamp()`,
    [LIVENESS_LOCK_CLASS, owner, owner],
  );
}

/** Runs `work` in a transaction that `opening` begins: BEGIN alone, or BEGIN with reads in the same message. */
async function inTransactionOpenedBy<T>(
  pool: pg.Pool,
  opening: string,
  work: (client: pg.PoolClient, opened: pg.QueryResult[]) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    const opened = (await client.query(opening)) as unknown as pg.QueryResult[];
    const result = await work(client, opened);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const inTransaction = <T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> =>
  inTransactionOpenedBy(pool, "BEGIN", (client) => work(client));

export function createDialJobStore(options: StoreOptions): DialJobStore {
  const { pool, account } = options;
  const pacing = { cps: options.cps, windowMs: PACING_WINDOW_MS };
  const openClaim = openClaimSql(account);

  const insertEvents = async (client: Queryable, events: CallEvent[]) => {
    if (events.length === 0) return;
    await client.query(
      `INSERT INTO "outbox" (event_id, topic, key, payload)
       SELECT e.id, $1, e.key, e.payload FROM unnest($2::uuid[], $3::text[], $4::jsonb[]) AS e(id, key, payload)`,
      [options.topic, events.map((e) => e.id), events.map((e) => e.subject), events.map((e) => JSON.stringify(e))],
    );
  };
  const eventOf = (
    type: "call.updated" | "call.completed" | "call.failed" | "call.canceled",
    queued: CallEventOf<"call.queued">,
    call: CallOut,
    at: Date,
    attempt?: AttemptOut,
  ) =>
    newCallEvent(
      type,
      DIALER_EVENT_SOURCE,
      { org_id: queued.data.org_id, webhook_url: queued.data.webhook_url, call, ...(attempt ? { attempt } : {}) },
      { id: randomUUID(), time: at, traceparent: queued.traceparent },
    );

  return {
    async createAbsent(events, wakeAll) {
      if (events.length === 0) return new Set();
      // One statement for the whole batch; a call id that has its job already (a redelivery) inserts nothing.
      // The dialer keeps to the window itself: the first attempt is due at its next opening. The
      // NOTIFY, sent on commit and once per transaction however many rows ask, only when a job was created.
      const due = events.map(firstAttemptDue);
      const { rows } = await pool.query<{ call_id: string }>(
        `WITH created AS (
           INSERT INTO "dial_jobs" (call_id, org_id, status, due_at, window_closes_at, queued, call, max_attempts)
           SELECT j.call_id, j.org_id, 'queued', j.due_at, j.window_closes_at, j.queued, j.call, j.max_attempts
             FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::jsonb[], $6::jsonb[], $7::int[])
                  AS j(call_id, org_id, due_at, window_closes_at, queued, call, max_attempts)
           ON CONFLICT (call_id) DO NOTHING
           RETURNING call_id
         )
         SELECT call_id::text, CASE WHEN $8 THEN pg_notify(current_schema() || '_jobs', '') END FROM created`,
        [
          events.map((e) => e.data.call.id),
          events.map((e) => e.data.org_id),
          due.map((d) => d.dueAt),
          due.map((d) => d.windowClosesAt),
          events.map((e) => JSON.stringify(e)),
          events.map((e, i) => JSON.stringify({ ...e.data.call, next_attempt_at: due[i]?.dueAt.toISOString() ?? null })),
          events.map((e) => e.data.call.max_attempts),
          wakeAll,
        ],
      );
      return new Set(rows.map((row) => row.call_id));
    },

    async claimDue(owner, limit) {
      const client = await pool.connect();
      try {
        let opened = (await client.query(openClaim)) as unknown as pg.QueryResult<WindowRow>[];
        if (opened[1]?.rowCount === 0) {
          // No account row to lock yet (a new account): create it, then open again, locked.
          await client.query("ROLLBACK");
          await client.query(`INSERT INTO "pacing_accounts" (account) VALUES ($1) ON CONFLICT DO NOTHING`, [account]);
          opened = (await client.query(openClaim)) as unknown as pg.QueryResult<WindowRow>[];
        }
        const rows = opened[2]?.rows ?? [];
        const [first] = rows;
        if (first === undefined) throw new Error("the claim's window query returned no row");
        const window = { used: first.used, oldest: first.oldest };
        const budget = pacingBudget(pacing, window, limit);
        const rooms = rows
          .filter((row): row is WindowRow & { org_id: string } => row.org_id !== null)
          .map((row) => ({ orgId: row.org_id, room: Math.min(budget, orgRoom(row.active, row.org_limit, options.orgConcurrency)) }))
          .filter((org) => org.room > 0);
        const claimed: ClaimedDial[] = [];
        if (rooms.length > 0) {
          const taken = await client.query<{
            call_id: string;
            org_id: string;
            attempt_count: number;
            queued: CallEventOf<"call.queued">;
            call: CallOut;
          }>({
            name: "dialer-claim-take",
            text: TAKE_SQL,
            values: [rooms.map((org) => org.orgId), rooms.map((org) => org.room), budget, first.now, owner, account],
          });
          for (const row of taken.rows)
            claimed.push({
              callId: row.call_id,
              orgId: row.org_id,
              attempt: row.attempt_count,
              queued: row.queued,
              call: callingCall(row.call, row.attempt_count, first.now),
            });
          if (claimed.length > 0) {
            const events = claimed.map((dial) => callingEvent(dial.queued, dial.call, DIALER_EVENT_SOURCE, randomUUID(), first.now));
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
          }
        }
        await client.query("COMMIT");
        const next = nextClaimAt(pacing, window, claimed.length, first.now, first.next_due);
        return { claimed, nextWakeAt: next.at, paced: next.paced };
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },

    async markProgress(callId, attempt, progress) {
      await pool.query(
        `UPDATE "dial_attempts" SET status = $3, carrier_call_id = coalesce($4, carrier_call_id),
                answered_at = CASE WHEN $3 = 'answered' THEN coalesce(answered_at, clock_timestamp()) ELSE answered_at END
          WHERE call_id = $1 AND attempt = $2 AND status <> 'ended'`,
        [callId, attempt, progress.status, progress.carrierCallId ?? null],
      );
    },

    async endAttempt(callId, attempt, ended, decide) {
      // Three round trips, not seven: the locks and the reads go in one message, every write and the
      // wake-up in one statement, then the commit. The job is locked before its attempt, as the claim does.
      return inTransactionOpenedBy(pool, openEndSql(callId, attempt), async (client, opened) => {
        const job = (opened[1] as pg.QueryResult<EndedJobRow>).rows[0];
        if (job?.status !== "calling" || job.attempt_count !== attempt) return null;
        const dialed = (opened[2] as pg.QueryResult<{ dialed_at: Date; answered_at: Date | null }>).rows[0];
        const step = decide({
          call: job.call,
          endedAt: job.now,
          cancelRequested: job.cancel_requested,
          // Jobs from before the setting have none: the old behaviour.
          voicemailAction: job.queued.data.agent.voicemail_action ?? "hangup",
          callingWindow: job.queued.data.calling_window ?? null,
        });
        // A call canceled while dialing ended canceled, however the carrier saw the attempt end.
        const outcome: AttemptOutcome = step.call.disposition === "canceled" ? "canceled" : ended.outcome;
        const attemptRecord = endedAttempt({
          attempt,
          outcome,
          detail: ended.detail,
          talkSeconds: ended.talkSeconds,
          dialedAt: dialed?.dialed_at ?? job.now,
          answeredAt: dialed?.answered_at ?? null,
          endedAt: job.now,
        });
        const retry = step.kind === "retry" ? step : null;
        // The end of the call, or the retry's call.updated (when and why): each carries the attempt that ended.
        const type =
          step.kind === "retry"
            ? "call.updated"
            : step.status === "completed"
              ? "call.completed"
              : step.status === "failed"
                ? "call.failed"
                : "call.canceled";
        const event = eventOf(type, job.queued, step.call, job.now, attemptRecord);
        await client.query({
          name: "dialer_end_attempt",
          text: END_ATTEMPT_SQL,
          values: [
            callId,
            attempt,
            ended.outcome,
            job.now,
            ended.talkSeconds === null ? null : Math.round(ended.talkSeconds),
            ended.detail,
            step.kind === "retry" ? "queued" : step.status,
            retry?.dueAt ?? null,
            retry?.windowClosesAt ?? null,
            JSON.stringify(step.call),
            event.id,
            options.topic,
            event.subject,
            JSON.stringify(event),
          ],
        });
        return step;
      });
    },

    async applyEdit(event) {
      return inTransaction(pool, async (client) => {
        const found = await client.query<{ status: string; attempt_count: number; call: CallOut; queued: CallEventOf<"call.queued"> }>(
          `SELECT status, attempt_count, call, queued FROM "dial_jobs" WHERE call_id = $1 FOR UPDATE`,
          [event.subject],
        );
        const job = found.rows[0];
        if (!job || (job.status !== "queued" && job.status !== "calling")) return { applied: false, dueAt: null };
        const { queued, call } = editedJob(job, event);
        // Only a job no attempt has started yet moves: a retry keeps its due time.
        const first = job.status === "queued" && job.attempt_count === 0 ? firstAttemptDue(queued) : null;
        await client.query(
          `UPDATE "dial_jobs" SET queued = $2, call = $3, max_attempts = $4, due_at = coalesce($5, due_at),
                  window_closes_at = CASE WHEN $5::timestamptz IS NULL THEN window_closes_at ELSE $6 END, updated_at = clock_timestamp()
            WHERE call_id = $1`,
          [
            event.subject,
            JSON.stringify(queued),
            JSON.stringify(first ? { ...call, next_attempt_at: first.dueAt.toISOString() } : call),
            call.max_attempts,
            first?.dueAt ?? null,
            first?.windowClosesAt ?? null,
          ],
        );
        return { applied: true, dueAt: first?.dueAt ?? null };
      });
    },

    async applySuppressions(changes) {
      if (changes.length === 0) return;
      await inTransaction(pool, async (client) => {
        for (const change of changes) {
          if (change.kind === "add") {
            await client.query(
              `INSERT INTO "suppressed_numbers" (org_id, number, suppression_id) VALUES ($1, $2, $3) ON CONFLICT (org_id, number) DO NOTHING`,
              [change.orgId, change.number, change.suppressionId],
            );
          } else {
            // Only the entry this event removed: a newer entry for the number stays.
            await client.query(`DELETE FROM "suppressed_numbers" WHERE org_id = $1 AND number = $2 AND suppression_id = $3`, [
              change.orgId,
              change.number,
              change.suppressionId,
            ]);
          }
        }
      });
    },

    async cancelSuppressed(limit) {
      const suppressedJobs = `SELECT j.call_id, j.call, j.queued, clock_timestamp() AS now FROM "dial_jobs" j
          JOIN "suppressed_numbers" s ON s.org_id = j.org_id AND s.number = j.call ->> 'to_number'
         WHERE j.status = 'queued' LIMIT $1`;
      // This runs every few seconds and almost always finds nothing: one statement, no transaction, then.
      const probe = await pool.query(suppressedJobs, [1]);
      if (probe.rowCount === 0) return 0;
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ call_id: string; call: CallOut; queued: CallEventOf<"call.queued">; now: Date }>(
          `${suppressedJobs} FOR UPDATE OF j SKIP LOCKED`,
          [limit],
        );
        if (rows.length === 0) return 0;
        const canceled = rows.map((row) => ({ ...row, call: suppressedCall(row.call, row.now) }));
        await client.query(
          `UPDATE "dial_jobs" j SET status = 'canceled', call = c.call, updated_at = clock_timestamp()
             FROM unnest($1::uuid[], $2::jsonb[]) AS c(call_id, call) WHERE j.call_id = c.call_id`,
          [canceled.map((row) => row.call_id), canceled.map((row) => JSON.stringify(row.call))],
        );
        await insertEvents(
          client,
          canceled.map((row) => eventOf("call.canceled", row.queued, row.call, row.now)),
        );
        return canceled.length;
      });
    },

    async rescheduleClosedWindows(limit) {
      const closedJobs = `SELECT j.call_id, j.call, j.queued, clock_timestamp() AS now FROM "dial_jobs" j
         WHERE j.status = 'queued' AND j.window_closes_at <= now() LIMIT $1`;
      const probe = await pool.query(closedJobs, [1]);
      if (probe.rowCount === 0) return 0;
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ call_id: string; call: CallOut; queued: CallEventOf<"call.queued">; now: Date }>(
          `${closedJobs} FOR UPDATE OF j SKIP LOCKED`,
          [limit],
        );
        const moved = rows.map((row) => {
          const due = dueWithin(row.queued.data.calling_window ?? null, row.now);
          return { ...row, due, call: { ...row.call, next_attempt_at: due.dueAt.toISOString() } };
        });
        if (moved.length === 0) return 0;
        await client.query(
          `UPDATE "dial_jobs" j SET due_at = m.due_at, window_closes_at = m.closes_at, call = m.call, updated_at = clock_timestamp()
             FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::jsonb[]) AS m(call_id, due_at, closes_at, call)
            WHERE j.call_id = m.call_id`,
          [
            moved.map((row) => row.call_id),
            moved.map((row) => row.due.dueAt),
            moved.map((row) => row.due.windowClosesAt),
            moved.map((row) => JSON.stringify(row.call)),
          ],
        );
        await insertEvents(
          client,
          moved.map((row) => eventOf("call.updated", row.queued, row.call, row.now)),
        );
        return moved.length;
      });
    },

    async cancel(callId) {
      return inTransaction(pool, async (client) => {
        const found = await client.query<{ status: string }>(`SELECT status FROM "dial_jobs" WHERE call_id = $1 FOR UPDATE`, [callId]);
        const status = found.rows[0]?.status;
        if (status === undefined) return "absent";
        if (status === "queued") {
          await client.query(
            `UPDATE "dial_jobs" SET status = 'canceled', call = call || jsonb_build_object('status', 'canceled'), updated_at = clock_timestamp()
              WHERE call_id = $1`,
            [callId],
          );
          return "canceled";
        }
        if (status === "calling") {
          await client.query(`UPDATE "dial_jobs" SET cancel_requested = true, updated_at = clock_timestamp() WHERE call_id = $1`, [callId]);
          return "dialing";
        }
        return "ended";
      });
    },

    async liveAttempt(callId) {
      const found = await pool.query<{ attempt: number; carrier_call_id: string | null; owner_id: string | null }>(
        `SELECT a.attempt, a.carrier_call_id, j.owner_id FROM "dial_jobs" j
           JOIN "dial_attempts" a ON a.call_id = j.call_id AND a.attempt = j.attempt_count
          WHERE j.call_id = $1 AND j.status = 'calling'`,
        [callId],
      );
      const row = found.rows[0];
      return row ? { attempt: row.attempt, carrierCallId: row.carrier_call_id, ownerId: row.owner_id } : null;
    },

    async findByCarrierCallId(carrierCallId) {
      const found = await pool.query<{ call_id: string; attempt: number }>(
        `SELECT call_id, attempt FROM "dial_attempts" WHERE carrier_call_id = $1`,
        [carrierCallId],
      );
      const row = found.rows[0];
      return row ? { callId: row.call_id, attempt: row.attempt } : null;
    },

    async heartbeat(owner, leaseSeconds, graceSeconds) {
      await pool.query(`INSERT INTO "dialer_instances" (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET heartbeat_at = clock_timestamp()`, [
        owner,
      ]);
      // An owner is dead when its session is gone: it took the liveness lock, no longer holds it and
      // has not heartbeaten for the grace (a lost LISTEN connection of a live instance is back by
      // then). Right after a Postgres restart nobody holds a lock yet, so only the lease rule
      // applies for a lease: the owner stopped heartbeating and the attempt is older than a lease.
      const orphans = await pool.query<{ call_id: string; attempt: number; carrier_call_id: string | null }>(
        `SELECT j.call_id, a.attempt, a.carrier_call_id FROM "dial_jobs" j
           JOIN "dial_attempts" a ON a.call_id = j.call_id AND a.attempt = j.attempt_count
           LEFT JOIN "dialer_instances" i ON i.id = j.owner_id
          WHERE j.status = 'calling'
            AND (
              (j.updated_at < clock_timestamp() - make_interval(secs => $1)
                AND (i.id IS NULL OR i.heartbeat_at <= clock_timestamp() - make_interval(secs => $1)))
              OR (i.liveness_lock AND i.heartbeat_at < clock_timestamp() - make_interval(secs => $2)
                AND pg_postmaster_start_time() < clock_timestamp() - make_interval(secs => $1)
                AND NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                                  AND l.classid = $3::oid AND l.objid = hashtext(i.id::text)::oid))
            )
          LIMIT 500`,
        [leaseSeconds, graceSeconds, LIVENESS_LOCK_CLASS],
      );
      await pool.query(`DELETE FROM "dialer_instances" WHERE heartbeat_at < clock_timestamp() - interval '1 day'`);
      return orphans.rows.map((row) => ({ callId: row.call_id, attempt: row.attempt, carrierCallId: row.carrier_call_id }));
    },

    async dueBacklog() {
      const { rows } = await pool.query<{ due: number }>(
        // now(), not clock_timestamp(): a volatile bound cannot use the due_at index.
        `SELECT count(*)::int AS due FROM "dial_jobs" WHERE status = 'queued' AND due_at <= now()`,
      );
      return rows[0]?.due ?? 0;
    },

    async retire(owner) {
      await pool.query(`DELETE FROM "dialer_instances" WHERE id = $1`, [owner]);
    },
  };
}

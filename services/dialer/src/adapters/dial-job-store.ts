import { randomUUID } from "node:crypto";
import { type CallEvent, type CallEventOf, type CallOut, newCallEvent } from "@voxbridge/contracts";
import type pg from "pg";
import type { ClaimedDial, DialJobStore } from "../app/ports";
import { callingSnapshot } from "../domain/dial-outcome";

export const DIALER_EVENT_SOURCE = "/voxbridge/dialer";

type StoreOptions = {
  pool: pg.Pool;
  /** KAFKA_TOPIC_PREFIX: jobs are claimed only by dialers of the same deployment. */
  deployment: string;
  /** The real (prefixed) topic outbox rows go to; stored in the row so any relay publishes it right. */
  topic: string;
  /** Pacing key of the telephony account. */
  account: string;
  cps: number;
  orgConcurrency: number;
};

/**
 * The sliding window of the calls-per-second limit. A little over a second, so that dials which
 * reach the carrier a few milliseconds after their claim still never exceed CPS in any window.
 */
export const PACING_WINDOW_MS = 1_050;

type Queryable = Pick<pg.PoolClient, "query">;

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export function createDialJobStore(options: StoreOptions): DialJobStore {
  const { pool, deployment, account } = options;
  const pacingKey = `${deployment}${account}`;
  let accountReady = false;

  const insertEvents = async (client: Queryable, events: CallEvent[]) => {
    if (events.length === 0) return;
    await client.query(
      `INSERT INTO "outbox" (event_id, topic, key, payload)
       SELECT e.id, $1, e.key, e.payload FROM unnest($2::uuid[], $3::text[], $4::jsonb[]) AS e(id, key, payload)`,
      [options.topic, events.map((e) => e.id), events.map((e) => e.subject), events.map((e) => JSON.stringify(e))],
    );
  };
  const eventOf = (
    type: "call.calling" | "call.completed" | "call.failed" | "call.canceled",
    queued: CallEventOf<"call.queued">,
    call: CallOut,
    at: Date,
  ) =>
    newCallEvent(
      type,
      DIALER_EVENT_SOURCE,
      { org_id: queued.data.org_id, webhook_url: queued.data.webhook_url, call },
      { id: randomUUID(), time: at },
    );

  return {
    async createIfAbsent(event) {
      const call = event.data.call;
      const result = await pool.query(
        `INSERT INTO "dial_jobs" (call_id, org_id, status, due_at, queued, call, max_attempts, deployment)
         VALUES ($1, $2, 'queued', $3, $4, $5, $6, $7) ON CONFLICT (call_id) DO NOTHING`,
        [
          call.id,
          event.data.org_id,
          new Date(call.scheduled_at ?? call.created_at),
          JSON.stringify(event),
          JSON.stringify(call),
          call.max_attempts,
          deployment,
        ],
      );
      return result.rowCount === 1;
    },

    async claimDue(owner, limit) {
      if (!accountReady) {
        await pool.query(`INSERT INTO "pacing_accounts" (account) VALUES ($1) ON CONFLICT DO NOTHING`, [pacingKey]);
        accountReady = true;
      }
      const client = await pool.connect();
      try {
        // One round trip: BEGIN and the account lock. Every claimer of this account queues here, so the
        // window count and org counts below (later statements, fresh snapshots) are exact.
        await client.query(`BEGIN; SELECT 1 FROM "pacing_accounts" WHERE account = ${client.escapeLiteral(pacingKey)} FOR UPDATE`);
        const window = await client.query<{ used: number; oldest: Date | null }>(
          `SELECT count(*)::int AS used, min(dialed_at) AS oldest FROM "dial_attempts"
            WHERE account = $1 AND dialed_at > clock_timestamp() - make_interval(secs => $2)`,
          [pacingKey, PACING_WINDOW_MS / 1000],
        );
        const used = window.rows[0]?.used ?? 0;
        const budget = Math.min(limit, Math.floor(options.cps) - used);
        const slotFreesAt = (oldest: Date | null | undefined) => (oldest ? new Date(oldest.getTime() + PACING_WINDOW_MS) : new Date());
        if (budget <= 0) {
          await client.query("COMMIT");
          return { claimed: [], nextWakeAt: slotFreesAt(window.rows[0]?.oldest), paced: true };
        }

        // Named, so each connection plans it once. `now()` (the transaction's start) lets the index bound
        // due_at, and is never later than the real time: nothing is dialed early.
        const picked = await client.query<{
          call_id: string;
          org_id: string;
          attempt_count: number;
          queued: CallEventOf<"call.queued">;
          call: CallOut;
          now: Date;
          next_due: Date | null;
        }>({
          name: "dialer-claim",
          text: `WITH active AS (
             SELECT org_id, count(*)::int AS n FROM "dial_jobs" WHERE status = 'calling' AND deployment = $1 GROUP BY org_id
           ), ranked AS (
             SELECT call_id, org_id, due_at, row_number() OVER (PARTITION BY org_id ORDER BY due_at, call_id) AS rn
               FROM "dial_jobs" WHERE status = 'queued' AND deployment = $1 AND due_at <= now()
           ), eligible AS (
             SELECT r.call_id FROM ranked r
               LEFT JOIN active a ON a.org_id = r.org_id
               LEFT JOIN "org_dial_limits" l ON l.org_id = r.org_id
              WHERE r.rn <= coalesce(l.max_concurrent_calls, $2) - coalesce(a.n, 0)
              ORDER BY r.due_at, r.call_id LIMIT $3
           ), locked AS (
             SELECT j.call_id FROM "dial_jobs" j WHERE j.call_id IN (SELECT call_id FROM eligible) AND j.status = 'queued'
             FOR UPDATE SKIP LOCKED
           )
           UPDATE "dial_jobs" j SET status = 'calling', attempt_count = j.attempt_count + 1, owner_id = $4, updated_at = clock_timestamp()
             FROM locked WHERE j.call_id = locked.call_id
           RETURNING j.call_id, j.org_id, j.attempt_count, j.queued, j.call, clock_timestamp() AS now,
             (SELECT min(due_at) FROM "dial_jobs" WHERE status = 'queued' AND deployment = $1 AND due_at > now()) AS next_due`,
          values: [deployment, options.orgConcurrency, budget, owner],
        });
        const claimed: ClaimedDial[] = picked.rows.map((row) => ({
          callId: row.call_id,
          orgId: row.org_id,
          attempt: row.attempt_count,
          queued: row.queued,
          call: callingSnapshot(row.call, row.attempt_count, row.now),
        }));
        if (claimed.length > 0) {
          // One statement: the attempt rows (before any dial), the snapshots and the call.calling events.
          const now = picked.rows[0]?.now ?? new Date();
          const events = claimed.map((c) => eventOf("call.calling", c.queued, c.call, now));
          await client.query({
            name: "dialer-claim-writes",
            text: `WITH attempts AS (
               INSERT INTO "dial_attempts" (call_id, attempt, account, owner_id, status, dialed_at)
               SELECT c.id, c.attempt, $1, $2, 'dialing', clock_timestamp() FROM unnest($3::uuid[], $4::int[]) AS c(id, attempt)
             ), snapshots AS (
               UPDATE "dial_jobs" j SET call = c.call FROM unnest($3::uuid[], $5::jsonb[]) AS c(id, call) WHERE j.call_id = c.id
             )
             INSERT INTO "outbox" (event_id, topic, key, payload)
             SELECT e.id, $6, e.key, e.payload FROM unnest($7::uuid[], $9::text[], $8::jsonb[]) AS e(id, key, payload)`,
            values: [
              pacingKey,
              owner,
              claimed.map((c) => c.callId),
              claimed.map((c) => c.attempt),
              claimed.map((c) => JSON.stringify(c.call)),
              options.topic,
              events.map((e) => e.id),
              events.map((e) => JSON.stringify(e)),
              events.map((e) => e.subject),
            ],
          });
        }
        let nextWakeAt: Date | null;
        let paced = false;
        if (used + claimed.length >= options.cps) {
          nextWakeAt = slotFreesAt(window.rows[0]?.oldest ?? picked.rows[0]?.now);
          paced = true;
        } else if (picked.rows.length > 0) {
          nextWakeAt = picked.rows[0]?.next_due ?? null;
        } else {
          const next = await client.query<{ due_at: Date | null }>({
            name: "dialer-next-due",
            text: `SELECT min(due_at) AS due_at FROM "dial_jobs" WHERE status = 'queued' AND deployment = $1 AND due_at > now()`,
            values: [deployment],
          });
          nextWakeAt = next.rows[0]?.due_at ?? null;
        }
        await client.query("COMMIT");
        return { claimed, nextWakeAt, paced };
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
      return inTransaction(pool, async (client) => {
        const found = await client.query<{
          status: string;
          attempt_count: number;
          call: CallOut;
          queued: CallEventOf<"call.queued">;
          cancel_requested: boolean;
          now: Date;
        }>(
          `SELECT status, attempt_count, call, queued, cancel_requested, clock_timestamp() AS now FROM "dial_jobs" WHERE call_id = $1 FOR UPDATE`,
          [callId],
        );
        const job = found.rows[0];
        if (job?.status !== "calling" || job.attempt_count !== attempt) return null;
        const step = decide({ call: job.call, endedAt: job.now, cancelRequested: job.cancel_requested });
        await client.query(
          `UPDATE "dial_attempts" SET status = 'ended', disposition = $3, ended_at = $4, talk_seconds = $5, detail = $6
            WHERE call_id = $1 AND attempt = $2`,
          [callId, attempt, ended.outcome, job.now, ended.talkSeconds === null ? null : Math.round(ended.talkSeconds), ended.detail],
        );
        await client.query(
          `UPDATE "dial_jobs" SET status = $2, due_at = coalesce($3, due_at), call = $4, owner_id = NULL, updated_at = clock_timestamp()
            WHERE call_id = $1`,
          [callId, step.kind === "retry" ? "queued" : step.status, step.kind === "retry" ? step.dueAt : null, JSON.stringify(step.call)],
        );
        if (step.kind === "end") {
          const type = step.status === "completed" ? "call.completed" : step.status === "failed" ? "call.failed" : "call.canceled";
          await insertEvents(client, [eventOf(type, job.queued, step.call, job.now)]);
        }
        // A concurrency slot is free (or a retry is scheduled): wake every instance's scheduler.
        await client.query(`SELECT pg_notify(current_schema() || '_jobs', '')`);
        return step;
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

    async heartbeat(owner, leaseSeconds) {
      await pool.query(`INSERT INTO "dialer_instances" (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET heartbeat_at = clock_timestamp()`, [
        owner,
      ]);
      const orphans = await pool.query<{ call_id: string; attempt: number; carrier_call_id: string | null }>(
        `SELECT j.call_id, a.attempt, a.carrier_call_id FROM "dial_jobs" j
           JOIN "dial_attempts" a ON a.call_id = j.call_id AND a.attempt = j.attempt_count
          WHERE j.status = 'calling' AND j.deployment = $1 AND j.updated_at < clock_timestamp() - make_interval(secs => $2)
            AND NOT EXISTS (SELECT 1 FROM "dialer_instances" i WHERE i.id = j.owner_id AND i.heartbeat_at > clock_timestamp() - make_interval(secs => $2))
          LIMIT 500`,
        [deployment, leaseSeconds],
      );
      await pool.query(`DELETE FROM "dialer_instances" WHERE heartbeat_at < clock_timestamp() - interval '1 day'`);
      return orphans.rows.map((row) => ({ callId: row.call_id, attempt: row.attempt, carrierCallId: row.carrier_call_id }));
    },

    async retire(owner) {
      await pool.query(`DELETE FROM "dialer_instances" WHERE id = $1`, [owner]);
    },
  };
}

import { AppError, createPool, type Logger } from "@voxbridge/kit";
import type pg from "pg";
import type { HoldRecord, LedgerSnapshot, LockedLedger, MinuteLedger, TouchedHold } from "../app/ports";
import { QUOTA_SCHEMA } from "./schema";

/**
 * The ledger over a plain pg Pool rather than Prisma: the org lock is a session-level advisory lock,
 * so the work done under it needs one pinned connection, and the hot path (one INSERT per hold) is
 * a named prepared statement, a fraction of the CPU of a Prisma raw query.
 */
export function createQuotaPool(databaseUrl: string, max: number, logger: Logger, options: { synchronousCommit?: boolean } = {}): pg.Pool {
  // Raw SQL resolves in quota's own schema; a lock or connection wait that long means something is
  // stuck: fail (503) rather than hang.
  const settings = [`search_path=${QUOTA_SCHEMA}`, "lock_timeout=5000"];
  if (options.synchronousCommit === false) settings.push("synchronous_commit=off");
  return createPool(databaseUrl, { max, applicationName: "quota", settings, logger });
}

// Advisory lock keys, (int4, int4) form: a space of quota's own, the id's first 32 bits within it
// (two calls that share them only wait for each other).
const ORG_LOCK_SPACE = 0x71756f74; // "quot"
const CALL_LOCK_SPACE = 0x71756f63; // "quoc"
const JOB_LOCK_SPACE = 0x71756f6a; // "quoj"
const orgLockKey = (orgId: string) => Number.parseInt(orgId.slice(0, 8), 16) | 0;
const callLockKey = (callId: string) => Number.parseInt(callId.slice(0, 8), 16) | 0;
const jobLockKey = (job: string) => [...job].reduce((hash, char) => (Math.imul(hash, 31) + char.charCodeAt(0)) | 0, 0);

/** Discards a connection whose session may still hold a lock: closing the session releases it. */
const discardConnection = (client: pg.PoolClient, error: unknown) =>
  client.release(error instanceof Error ? error : new Error(String(error)));

// Named: prepared once per connection, since every hold sends one.
const SHARED_UNLOCK = { name: "quota_unlock_shared", text: "SELECT pg_advisory_unlock_shared($1::int4, $2::int4)" };
const EXCLUSIVE_UNLOCK = { name: "quota_unlock", text: "SELECT pg_advisory_unlock($1::int4, $2::int4)" };
const HOLD_UNLOCK = {
  name: "quota_unlock_hold",
  text: "SELECT pg_advisory_unlock_shared($1::int4, $2::int4), pg_advisory_unlock($3::int4, $4::int4)",
};
type Unlock = typeof SHARED_UNLOCK;

/**
 * Everything that changes one call's row and its Redis entry together (a hold and its check, an end
 * and its billing, a release) holds the call's lock, so two of them never interleave. Always taken
 * after the org's lock, never before, so that no wait for one holds up the other.
 */
const lockCallsInTransaction = (client: pg.PoolClient, callIds: string[]) =>
  client.query({
    name: "quota_lock_calls",
    // In key order, so that two transactions locking overlapping sets of calls never wait on each other in a cycle.
    text: "SELECT pg_advisory_xact_lock($1::int4, k) FROM unnest($2::int4[]) AS k ORDER BY k",
    values: [CALL_LOCK_SPACE, [...new Set(callIds.map(callLockKey))].sort((a, b) => a - b)],
  });

/** One property of every row, as an array for `unnest`. */
const columnOf = <T, K extends keyof T>(rows: readonly T[], key: K): T[K][] => rows.map((row) => row[key]);

// DO UPDATE (a no-op) rather than DO NOTHING: it returns the existing row, waiting for a concurrent
// writer of the same call to commit first. `locked`: the org's lock (shared), then the call's, are taken
// first, in the same statement (one round trip on the hot path).
const openHoldSql = (locked: boolean) => `
  ${
    locked
      ? `WITH org_lock AS (SELECT pg_advisory_lock_shared($6::int4, $7::int4)),
              call_lock AS (SELECT pg_advisory_lock($8::int4, $9::int4) FROM org_lock)`
      : ""
  }
  INSERT INTO minute_holds AS h (call_id, org_id, period, minutes, status, expires_at)
  SELECT $1::uuid, $2::uuid, $3::text, $4::int, 'held', $5::timestamptz ${locked ? "FROM call_lock" : ""}
  ON CONFLICT (call_id) DO UPDATE SET status = h.status
  RETURNING (xmax = 0) AS inserted, org_id::text, status, minutes, close_reason`;

type OpenHoldRow = { inserted: boolean; org_id: string; status: HoldRecord["status"]; minutes: number; close_reason: string | null };
type HoldToOpen = Parameters<MinuteLedger["holdUnderLock"]>[0];

/**
 * `pool` serves the hot path (holds, short reads). `lockPool` serves the other work done under an
 * org lock (settlements, releases, rebuilds): separate, so a rebuild that every waiting hold needs
 * is never queued behind those holds, and so the hot path alone may commit without waiting for its
 * WAL flush (QUOTA_HOLD_SYNCHRONOUS_COMMIT, docs/quota.md): settlements and releases always wait.
 */
export function createMinuteLedger(pools: { pool: pg.Pool; lockPool: pg.Pool }, logger: Logger): MinuteLedger {
  const { pool, lockPool } = pools;
  /** Lets go of the advisory locks and returns the connection; never rejects. A failed unlock discards the connection. */
  const unlock = (client: pg.PoolClient, statement: Unlock, values: number[]): Promise<void> =>
    client.query({ ...statement, values }).then(
      () => client.release(),
      (error: unknown) => {
        logger.warn({ err: error }, "advisory unlock failed; discarding the connection");
        discardConnection(client, error);
      },
    );
  // Off the request's path: the caller has its answer once the work is done.
  const unlockInBackground = (client: pg.PoolClient, statement: Unlock, values: number[]) => void unlock(client, statement, values);

  /** The call's row, written or found, holding the org's lock shared and the call's; `opened` when this call of it inserted or reopened the hold. */
  const openHold = async (client: pg.PoolClient, hold: HoldToOpen, locks: number[]): Promise<{ record: HoldRecord; opened: boolean }> => {
    const values = [hold.callId, hold.orgId, hold.period, hold.minutes, hold.expiresAt];
    let { rows } = await client.query<OpenHoldRow>({
      name: "quota_open_hold",
      text: openHoldSql(true),
      values: [...values, ...locks],
    });
    for (;;) {
      const row = rows[0];
      if (!row) throw new Error("INSERT ... RETURNING gave no row");
      const reopenable = row.status === "released" && (row.close_reason === "unconfirmed" || row.close_reason === "aborted");
      if (!reopenable || row.org_id !== hold.orgId) {
        return { record: { orgId: row.org_id, status: row.status, minutes: row.minutes }, opened: row.inserted };
      }
      // The gateway retried a call it never got to accept (same Idempotency-Key) after its hold had
      // been released: hold again, checked against the limit like a new one.
      const reopened = await client.query<{ minutes: number }>(
        `UPDATE minute_holds SET status = 'held', close_reason = NULL, closed_at = NULL, period = $2, minutes = $3, expires_at = $4
          WHERE call_id = $1 AND status = 'released' AND close_reason IN ('unconfirmed', 'aborted') RETURNING minutes`,
        [hold.callId, hold.period, hold.minutes, hold.expiresAt],
      );
      const minutes = reopened.rows[0]?.minutes;
      if (minutes !== undefined) return { record: { orgId: row.org_id, status: "held", minutes }, opened: true };
      // Changed under us: read it again (the lock is held already).
      ({ rows } = await client.query<OpenHoldRow>({ name: "quota_open_hold_again", text: openHoldSql(false), values }));
    }
  };

  return {
    async holdUnderLock(hold, check) {
      const locks = [ORG_LOCK_SPACE, orgLockKey(hold.orgId), CALL_LOCK_SPACE, callLockKey(hold.callId)];
      const client = await pool.connect();
      let opened: { record: HoldRecord; opened: boolean };
      try {
        opened = await openHold(client, hold, locks);
      } catch (error) {
        discardConnection(client, error);
        throw error;
      }
      let decision: Awaited<ReturnType<typeof check>>;
      try {
        decision = await check(opened.record);
        if (decision.row === "refused" || ((decision.row === "retry" || decision.row === "unsent") && opened.opened)) {
          // Gone before the lock is: a rebuild never reads a hold that was refused, or was never checked.
          await client.query({
            name: "quota_discard_hold",
            text: "DELETE FROM minute_holds WHERE call_id = $1 AND status = 'held' AND confirmed_at IS NULL",
            values: [hold.callId],
          });
        }
      } catch (error) {
        // The row stays: Redis may have counted the hold before the failure (expiry releases it). A
        // check that provably never reached Redis comes back as "unsent" instead, and its row goes.
        unlockInBackground(client, HOLD_UNLOCK, locks);
        throw error;
      }
      if (decision.row === "retry") await unlock(client, HOLD_UNLOCK, locks);
      else unlockInBackground(client, HOLD_UNLOCK, locks);
      return decision.result;
    },

    async touchHolds(holds, now) {
      // One row per call, with its latest expiry, so the UPDATE changes each hold once.
      const latest = new Map<string, { orgId: string; callId: string; expiresAt: Date }>();
      for (const hold of holds) {
        // Postgres answers with the canonical (lowercase) text of a uuid.
        const seen = latest.get(hold.callId.toLowerCase());
        if (!seen || hold.expiresAt > seen.expiresAt) latest.set(hold.callId.toLowerCase(), hold);
      }
      const asked = [...latest.values()];
      const { rows } = await pool.query<{ call_id: string; minutes: number | null; state: string | null }>({
        name: "quota_touch_holds",
        // The state subquery reads the statement's snapshot, from before the UPDATE.
        text: `WITH asked AS (
                 SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS a(call_id, org_id, expires_at)
               ), touched AS (
                 UPDATE minute_holds h SET confirmed_at = COALESCE(h.confirmed_at, $4), expires_at = GREATEST(h.expires_at, a.expires_at)
                   FROM asked a
                  WHERE h.call_id = a.call_id AND h.org_id = a.org_id AND h.status = 'held'
                 RETURNING h.call_id, h.minutes)
               SELECT a.call_id::text, t.minutes,
                      (SELECT m.status || ':' || COALESCE(m.close_reason, '') FROM minute_holds m
                        WHERE m.call_id = a.call_id AND m.org_id = a.org_id) AS state
                 FROM asked a LEFT JOIN touched t ON t.call_id = a.call_id`,
        values: [asked.map((h) => h.callId), asked.map((h) => h.orgId), asked.map((h) => h.expiresAt), now],
      });
      const found = new Map(rows.map((row) => [row.call_id, touchedHoldOf(row)]));
      return holds.map((hold) => found.get(hold.callId.toLowerCase()) ?? "none");
    },

    async orgOfCall(callId) {
      const { rows } = await pool.query<{ org_id: string }>("SELECT org_id::text FROM minute_holds WHERE call_id = $1", [callId]);
      return rows[0]?.org_id ?? null;
    },

    async expiredHolds(now, limit) {
      const { rows } = await pool.query<{ call_id: string; org_id: string }>(
        `SELECT call_id::text, org_id::text FROM minute_holds WHERE status = 'held' AND expires_at <= $1 ORDER BY expires_at LIMIT $2`,
        [now, limit],
      );
      return rows.map((row) => ({ callId: row.call_id, orgId: row.org_id }));
    },

    async withOrgLock(orgId, mode, work) {
      const key = orgLockKey(orgId);
      const client = await lockPool.connect();
      try {
        await client.query(
          mode === "shared" ? "SELECT pg_advisory_lock_shared($1::int4, $2::int4)" : "SELECT pg_advisory_lock($1::int4, $2::int4)",
          [ORG_LOCK_SPACE, key],
        );
      } catch (error) {
        discardConnection(client, error);
        throw error;
      }
      try {
        return await work(lockedLedger(client));
      } finally {
        unlockInBackground(client, mode === "shared" ? SHARED_UNLOCK : EXCLUSIVE_UNLOCK, [ORG_LOCK_SPACE, key]);
      }
    },

    async runAlone(job, work) {
      const client = await lockPool.connect();
      let locked = false;
      try {
        const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::int4, $2::int4) AS locked", [
          JOB_LOCK_SPACE,
          jobLockKey(job),
        ]);
        locked = rows[0]?.locked === true;
        if (!locked) return false;
        await work();
        return true;
      } finally {
        if (locked) {
          await client.query("SELECT pg_advisory_unlock($1::int4, $2::int4)", [JOB_LOCK_SPACE, jobLockKey(job)]).then(
            () => client.release(),
            (error: unknown) => discardConnection(client, error),
          );
        } else client.release();
      }
    },
  };
}

/** Runs `work` in a transaction on the pinned client; rolls back on any failure. */
async function inTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

function lockedLedger(client: pg.PoolClient): LockedLedger {
  const endCalls: LockedLedger["endCalls"] = async (ends) => {
    return inTransaction(client, async () => {
      await lockCallsInTransaction(
        client,
        ends.map((end) => end.callId),
      );
      const rows = ends.map((end) => {
        const settled = end.billedMinutes > 0 || end.reason === "completed";
        return { ...end, status: settled ? "settled" : "released", billedPeriodOrNull: settled ? end.billedPeriod : null };
      });
      // Locks each call's row, creating it (already ended) when the ledger has never seen the call:
      // an end that arrives before its hold still bills once, and the late hold finds it ended. In a
      // transaction, so the rows (and the calls' locks) stay locked from this read to the update.
      const { rows: found } = await client.query<{ call_id: string; inserted: boolean; org_id: string; close_reason: string | null }>({
        name: "quota_end_calls",
        text: `INSERT INTO minute_holds AS h
                      (call_id, org_id, period, minutes, status, closed_at, billed_minutes, billed_period, close_reason, closed_by_event_id, expires_at)
               SELECT e.call_id, e.org_id, e.period, 0, e.status, e.closed_at, e.billed_minutes, e.billed_period, e.reason, e.event_id, e.closed_at
                 FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::int[], $7::text[], $8::text[], $9::uuid[])
                      AS e(call_id, org_id, period, status, closed_at, billed_minutes, billed_period, reason, event_id)
                ORDER BY e.call_id
               ON CONFLICT (call_id) DO UPDATE SET status = h.status
               RETURNING call_id::text, (xmax = 0) AS inserted, org_id::text, close_reason`,
        values: [
          columnOf(rows, "callId"),
          columnOf(rows, "orgId"),
          columnOf(rows, "billedPeriod"),
          columnOf(rows, "status"),
          columnOf(rows, "now"),
          columnOf(rows, "billedMinutes"),
          columnOf(rows, "billedPeriodOrNull"),
          columnOf(rows, "reason"),
          columnOf(rows, "eventId"),
        ],
      });
      // Postgres answers with the canonical (lowercase) text of a uuid.
      const byCall = new Map(found.map((row) => [row.call_id, row]));
      const outcomes = rows.map((row) => {
        const existing = byCall.get(row.callId.toLowerCase());
        if (!existing) throw new Error("INSERT ... RETURNING gave no row");
        if (existing.inserted) return "ended" as const;
        if (existing.org_id !== row.orgId) {
          // Never bill one org for another's call: a poison event, dead-lettered rather than retried.
          throw new AppError("conflict", `call ${row.callId} belongs to another organization than the event's`, { retryable: false });
        }
        const endedByEvent =
          existing.close_reason === "completed" || existing.close_reason === "failed" || existing.close_reason === "canceled";
        return endedByEvent ? ("replay" as const) : ("end_open" as const);
      });
      const open = rows.filter((_, index) => outcomes[index] === "end_open");
      if (open.length > 0) {
        await client.query({
          name: "quota_close_holds",
          text: `UPDATE minute_holds h
                    SET status = u.status, closed_at = u.closed_at, billed_minutes = u.billed_minutes, billed_period = u.billed_period,
                        close_reason = u.reason, closed_by_event_id = u.event_id
                   FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::int[], $5::text[], $6::text[], $7::uuid[])
                        AS u(call_id, status, closed_at, billed_minutes, billed_period, reason, event_id)
                  WHERE h.call_id = u.call_id`,
          values: [
            columnOf(open, "callId"),
            columnOf(open, "status"),
            columnOf(open, "now"),
            columnOf(open, "billedMinutes"),
            columnOf(open, "billedPeriodOrNull"),
            columnOf(open, "reason"),
            columnOf(open, "eventId"),
          ],
        });
      }
      return outcomes.map((outcome) => (outcome === "replay" ? "replay" : "ended"));
    });
  };

  return {
    async confirmHold(orgId, callId, now, expiresAt) {
      const { rows } = await client.query<{ minutes: number }>(
        `UPDATE minute_holds
            SET confirmed_at = COALESCE(confirmed_at, $3), expires_at = GREATEST(expires_at, $4),
                status = 'held', close_reason = NULL, closed_at = NULL
          WHERE call_id = $1 AND org_id = $2
            AND (status = 'held' OR (status = 'released' AND close_reason IN ('unconfirmed', 'aborted', 'expired')))
          RETURNING minutes`,
        [callId, orgId, now, expiresAt],
      );
      return rows[0] ? { minutes: rows[0].minutes } : null;
    },

    async releaseHold(callId, how, beforeRelease) {
      return inTransaction(client, async () => {
        await lockCallsInTransaction(client, [callId]);
        const { rowCount } = await client.query(
          `UPDATE minute_holds SET status = 'released', closed_at = $2,
                  close_reason = CASE WHEN $3 THEN 'aborted' WHEN confirmed_at IS NULL THEN 'unconfirmed' ELSE 'expired' END
            WHERE call_id = $1 AND status = 'held' AND (CASE WHEN $3 THEN confirmed_at IS NULL ELSE expires_at <= $2 END)`,
          [callId, how.now, how.kind === "abort"],
        );
        if (rowCount === 0) return "not_open";
        await beforeRelease();
        return "released";
      });
    },

    endCalls,

    async setLimit(orgId, minutesLimit) {
      await client.query(
        `INSERT INTO org_limits (org_id, minutes_limit, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (org_id) DO UPDATE SET minutes_limit = EXCLUDED.minutes_limit, updated_at = now()`,
        [orgId, minutesLimit],
      );
    },

    async snapshot(orgId, period, withHolds): Promise<LedgerSnapshot> {
      const { rows } = await client.query<{ minutes_limit: number | null; used: number; holds: [string, number][] | null }>(
        `SELECT (SELECT minutes_limit FROM org_limits WHERE org_id = $1) AS minutes_limit,
                ((SELECT COALESCE(SUM(billed_minutes), 0) FROM minute_holds
                   WHERE org_id = $1 AND billed_period = $2 AND status = 'settled')
                 + COALESCE((SELECT billed_minutes FROM period_usage WHERE org_id = $1 AND period = $2), 0))::int AS used,
                CASE WHEN $3 THEN (SELECT COALESCE(json_agg(json_build_array(call_id, minutes)), '[]'::json)
                                     FROM minute_holds WHERE org_id = $1 AND status = 'held') END AS holds`,
        [orgId, period, withHolds],
      );
      const row = rows[0];
      return {
        // An org quota has no limit for has none to spend.
        limit: row?.minutes_limit ?? 0,
        used: row?.used ?? 0,
        holds: row?.holds ? row.holds.map(([callId, minutes]) => ({ callId, minutes })) : null,
      };
    },
  };
}

function touchedHoldOf(row: { minutes: number | null; state: string | null }): TouchedHold {
  if (row.minutes !== null) return { minutes: row.minutes };
  // No row, or the call has ended: nothing to confirm. Anything else (released without its call
  // ending, or changed under us since the snapshot) is for the locked path to decide.
  if (!row.state || row.state.startsWith("settled:") || /^released:(completed|failed|canceled)$/.test(row.state)) return "none";
  return "reopenable";
}

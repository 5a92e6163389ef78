import type { RetentionRule } from "@voxbridge/kit";

/**
 * What the dialer deletes (docs/retention.md): a job that ended, with its attempts, RETENTION_DAYS
 * after it ended. Until then its row is what makes a redelivered `call.queued` a no-op, so it
 * never goes while Kafka could still redeliver the event (RETENTION_DAYS is at least 8).
 */
export const dialerRetentionRules = (retentionDays: number): RetentionRule[] => [
  {
    table: "dial_jobs",
    sql: `WITH jobs AS (
            DELETE FROM "dial_jobs" WHERE ctid = ANY(ARRAY(
              SELECT ctid FROM "dial_jobs"
               WHERE status IN ('completed', 'failed', 'canceled') AND updated_at < now() - make_interval(days => $2)
               LIMIT $1))
            RETURNING call_id
          ), attempts AS (
            DELETE FROM "dial_attempts" WHERE call_id IN (SELECT call_id FROM jobs)
          )
          SELECT count(*)::int AS deleted FROM jobs`,
    values: [retentionDays],
  },
];

/** Rows updated or deleted on every call: vacuumed on every pass (dial_attempts with dial_jobs). */
export const DIALER_VACUUMED_TABLES = ["outbox", "dial_jobs", "dial_attempts"];

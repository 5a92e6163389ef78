import { deleteWhere, type RetentionRule } from "@voxbridge/kit";

/**
 * What the dialer deletes (docs/retention.md): a job that ended, with its attempts, RETENTION_DAYS
 * after it ended; an attempt's conversation reports RETENTION_DAYS after they came. Until then its row is what makes a redelivered `call.queued` a no-op, so it
 * never goes while Kafka could still redeliver the event (RETENTION_DAYS is at least 8).
 */
export const dialerRetentionRules = (retentionDays: number): RetentionRule[] => [
  deleteWhere("dial_jobs", "status IN ('completed', 'failed', 'canceled') AND updated_at < now() - make_interval(days => $2)", {
    values: [retentionDays],
    children: [{ table: "dial_attempts", column: "call_id", parentKey: "call_id" }],
  }),
  // An answered attempt's two reports matter until its end is written; a carrier end still waiting is kept.
  deleteWhere("attempt_conversations", "created_at < now() - make_interval(days => $2) AND report_due_at IS NULL", {
    values: [retentionDays],
  }),
];

/** Rows updated or deleted on every call: vacuumed on every pass (dial_attempts with dial_jobs). */
export const DIALER_VACUUMED_TABLES = ["outbox", "dial_jobs", "dial_attempts"];

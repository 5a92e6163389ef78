import { deleteWhere, type RetentionRule } from "@voxbridge/kit";

/**
 * What quota deletes (docs/retention.md). A released hold billed nothing: it goes RETENTION_DAYS
 * after it closed, once no redelivered event can still need it. A settled hold is a line of the
 * bill: it stays until its billing period is more than `ledgerMonths` old, and is then added to
 * its org's period_usage row in the same statement that deletes it, so no billed minute is lost.
 */
export const quotaRetentionRules = (retentionDays: number, ledgerMonths: number): RetentionRule[] => [
  deleteWhere("minute_holds", "status = 'released' AND closed_at < now() - make_interval(days => $2)", { values: [retentionDays] }),
  {
    table: "minute_holds",
    sql: `WITH gone AS (
            DELETE FROM minute_holds WHERE ctid = ANY(ARRAY(
              SELECT ctid FROM minute_holds
               WHERE status = 'settled'
                 AND billed_period < to_char(date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => $2), 'YYYY-MM')
               LIMIT $1))
            RETURNING org_id, billed_period, billed_minutes
          ), rolled AS (
            INSERT INTO period_usage AS u (org_id, period, billed_minutes, calls)
            SELECT org_id, billed_period, sum(billed_minutes), count(*) FROM gone GROUP BY org_id, billed_period
            ON CONFLICT (org_id, period) DO UPDATE
              SET billed_minutes = u.billed_minutes + EXCLUDED.billed_minutes, calls = u.calls + EXCLUDED.calls
          )
          SELECT count(*)::int AS deleted FROM gone`,
    values: [ledgerMonths],
  },
];

/** Rows updated on every call: vacuumed on every pass. */
export const QUOTA_VACUUMED_TABLES = ["minute_holds"];

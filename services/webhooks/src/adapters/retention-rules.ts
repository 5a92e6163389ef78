import { deleteWhere, type RetentionRule } from "@voxbridge/kit";

/**
 * What the webhooks service deletes (docs/retention.md), in this order: a delivery that finished
 * (succeeded or failed), with its attempts, RETENTION_DAYS after it finished; then an event that
 * arrived that long ago and has no delivery left; then the sequence of a call none of whose events
 * is left. The event row is what makes a redelivered Kafka message a no-op, so it is kept at least
 * as long as Kafka keeps the message (RETENTION_DAYS is at least 8).
 */
export const webhooksRetentionRules = (retentionDays: number): RetentionRule[] => [
  deleteWhere("webhook_deliveries", "status <> 'pending' AND completed_at < now() - make_interval(days => $2)", {
    values: [retentionDays],
    children: [{ table: "webhook_attempts", column: "delivery_id", parentKey: "id" }],
  }),
  {
    table: "webhook_events",
    // Every part of one statement reads the same snapshot, so "no event left" leaves out the events
    // this statement deletes by their ids.
    sql: `WITH events AS (
            DELETE FROM "webhook_events" WHERE ctid = ANY(ARRAY(
              SELECT ctid FROM "webhook_events" e
               WHERE received_at < now() - make_interval(days => $2)
                 AND NOT EXISTS (SELECT 1 FROM "webhook_deliveries" d WHERE d.event_id = e.event_id)
               LIMIT $1))
            RETURNING event_id, call_id
          ), sequences AS (
            DELETE FROM "call_sequences" s
             WHERE s.call_id IN (SELECT call_id FROM events)
               AND NOT EXISTS (SELECT 1 FROM "webhook_events" e
                                WHERE e.call_id = s.call_id AND e.event_id NOT IN (SELECT event_id FROM events))
          )
          SELECT count(*)::int AS deleted FROM events`,
    values: [retentionDays],
  },
];

/** Rows updated on every call: vacuumed on every pass (the rules' tables are, once they delete). */
export const WEBHOOKS_VACUUMED_TABLES = ["webhook_deliveries", "call_sequences"];

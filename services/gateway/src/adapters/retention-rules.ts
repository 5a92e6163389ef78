import { deleteWhere, type RetentionRule } from "@voxbridge/kit";
import { IDEMPOTENCY_RETAIN_HOURS } from "./idempotency-store";

/**
 * What the gateway deletes (docs/retention.md): projected event ids once Kafka could no longer
 * redeliver them, Idempotency-Key records past their replay window, and a call's conversation
 * (its turns, and the record's transcript, answers and recording URL) `transcriptRetentionDays` after
 * it was analyzed. Call records and their attempts are the partner's history and are kept; the
 * outbox deletes its rows as it publishes.
 */
export const gatewayRetentionRules = (retentionDays: number, transcriptRetentionDays = 90): RetentionRule[] => [
  deleteWhere("processed_events", "processed_at < now() - make_interval(days => $2)", { values: [retentionDays] }),
  deleteWhere("idempotency_keys", "created_at < now() - make_interval(hours => $2)", { values: [IDEMPOTENCY_RETAIN_HOURS] }),
  expiredConversations(transcriptRetentionDays),
];

/**
 * Personal data past keeping: a batch of records analyzed more than `days` ago lose their turns and
 * their transcript, answers and recording URL (the recording itself goes by the object store's
 * lifecycle rule of the same age). `analyzed_at` is cleared so the record is not picked again; its
 * `analyzed_attempt` stays, so a redelivered `call.analyzed` does not bring the conversation back.
 * Counts the records cleared.
 */
const expiredConversations = (days: number): RetentionRule => ({
  table: "call_turns",
  sql: `WITH expired AS (
          SELECT id FROM "calls" WHERE analyzed_at < now() - make_interval(days => $2) ORDER BY analyzed_at LIMIT $1 FOR UPDATE SKIP LOCKED
        ), turns AS (
          DELETE FROM "call_turns" WHERE call_id IN (SELECT id FROM expired)
        ), cleared AS (
          UPDATE "calls" SET transcript = NULL, structured_answers = NULL, recording_url = NULL, analyzed_at = NULL, updated_at = now()
           WHERE id IN (SELECT id FROM expired)
          RETURNING 1
        )
        SELECT count(*)::int AS deleted FROM cleared`,
  values: [days],
  alsoFrom: ["calls"],
});

/** Rows updated or deleted on every call: vacuumed on every pass. */
export const GATEWAY_VACUUMED_TABLES = ["outbox", "calls", "call_attempts", "processed_events"];

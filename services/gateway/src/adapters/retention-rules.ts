import { deleteWhere, type RetentionRule } from "@voxbridge/kit";
import { IDEMPOTENCY_RETAIN_HOURS } from "./idempotency-store";

/**
 * What the gateway deletes (docs/retention.md): projected event ids once Kafka could no longer
 * redeliver them, and Idempotency-Key records past their replay window. Call records and their
 * attempts are the partner's history and are kept; the outbox deletes its rows as it publishes.
 */
export const gatewayRetentionRules = (retentionDays: number): RetentionRule[] => [
  deleteWhere("processed_events", "processed_at < now() - make_interval(days => $2)", { values: [retentionDays] }),
  deleteWhere("idempotency_keys", "created_at < now() - make_interval(hours => $2)", { values: [IDEMPOTENCY_RETAIN_HOURS] }),
];

/** Rows updated or deleted on every call: vacuumed on every pass. */
export const GATEWAY_VACUUMED_TABLES = ["outbox", "calls", "call_attempts", "processed_events"];

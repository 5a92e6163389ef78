-- An attempt whose carrier outcome is unknown: the create timed out, failed with a 5xx or lost its
-- connection after the carrier may have placed the call, or the dialer died between its claim and
-- the carrier's answer. It stays live (status 'unknown', holding its org slot and minutes) until
-- the carrier says what became of the call; `checked_at` is when the carrier was last asked, also
-- for live attempts whose status callbacks stopped arriving.
ALTER TABLE "dial_attempts" ADD COLUMN "unknown_since" TIMESTAMPTZ(3);
ALTER TABLE "dial_attempts" ADD COLUMN "checked_at" TIMESTAMPTZ(3);
-- The reconciliation pass reads live attempts only; ended ones are most of the table.
CREATE INDEX "dial_attempts_live_idx" ON "dial_attempts" ("call_id", "attempt") WHERE status <> 'ended';

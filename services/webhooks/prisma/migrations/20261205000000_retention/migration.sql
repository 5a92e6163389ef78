-- The retention pass deletes finished deliveries (with their attempts) RETENTION_DAYS after they
-- finished, then events none of whose deliveries remain, then the sequences of calls with no event left.
CREATE INDEX "webhook_deliveries_finished_completed_at_idx" ON "webhook_deliveries"("completed_at") WHERE "status" <> 'pending';
CREATE INDEX "webhook_events_received_at_idx" ON "webhook_events"("received_at");

-- Claims read only their own deployment's queued and live jobs: lead the partial indexes with it, so
-- a claim touches neither other deployments' rows nor their dead versions.
DROP INDEX "dial_jobs_queued_due_idx";
DROP INDEX "dial_jobs_calling_org_idx";
CREATE INDEX "dial_jobs_queued_due_idx" ON "dial_jobs"("deployment", "due_at") WHERE "status" = 'queued';
CREATE INDEX "dial_jobs_calling_org_idx" ON "dial_jobs"("deployment", "org_id") WHERE "status" = 'calling';
-- A job is updated three or more times in a few seconds (a queue table): vacuum it early so the
-- partial indexes do not fill with dead entries that every claim has to visit.
ALTER TABLE "dial_jobs" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 200, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE "dial_attempts" SET (autovacuum_analyze_scale_factor = 0.02);

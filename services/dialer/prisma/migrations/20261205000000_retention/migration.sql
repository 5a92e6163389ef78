-- The retention pass deletes ended jobs (and their attempts) RETENTION_DAYS after they ended; this
-- index finds them without reading the jobs still running.
CREATE INDEX "dial_jobs_ended_updated_at_idx" ON "dial_jobs"("updated_at") WHERE "status" IN ('completed', 'failed', 'canceled');

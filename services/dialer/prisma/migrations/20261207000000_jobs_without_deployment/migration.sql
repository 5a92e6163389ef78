-- One dialer deployment per database: the `deployment` column let test stacks share one schema, and
-- every claim, index and sweep carried it. Tests now get a database per file, and this release
-- neither reads nor writes it; the partial indexes that led with it are rebuilt without it.
-- The column itself stays for one release: dialers of the previous release, still running during a
-- rolling deploy, insert it and claim by it (production's is ''), and dropping it under them would
-- fail their inserts until the consumer dead-letters the call. The release after this one drops it.
CREATE INDEX "dial_jobs_calling_org_v2_idx" ON "dial_jobs" ("org_id") WHERE status = 'calling';
CREATE INDEX "dial_jobs_queued_due_v2_idx" ON "dial_jobs" ("due_at") WHERE status = 'queued';
CREATE INDEX "dial_jobs_queued_org_due_v2_idx" ON "dial_jobs" ("org_id", "due_at", "call_id") WHERE status = 'queued';
CREATE INDEX "dial_jobs_queued_window_closes_v2_idx" ON "dial_jobs" ("window_closes_at")
  WHERE status = 'queued' AND window_closes_at IS NOT NULL;
DROP INDEX IF EXISTS "dial_jobs_calling_org_idx";
DROP INDEX IF EXISTS "dial_jobs_queued_due_idx";
DROP INDEX IF EXISTS "dial_jobs_queued_org_due_idx";
DROP INDEX IF EXISTS "dial_jobs_queued_window_closes_idx";
ALTER INDEX "dial_jobs_calling_org_v2_idx" RENAME TO "dial_jobs_calling_org_idx";
ALTER INDEX "dial_jobs_queued_due_v2_idx" RENAME TO "dial_jobs_queued_due_idx";
ALTER INDEX "dial_jobs_queued_org_due_v2_idx" RENAME TO "dial_jobs_queued_org_due_idx";
ALTER INDEX "dial_jobs_queued_window_closes_v2_idx" RENAME TO "dial_jobs_queued_window_closes_idx";

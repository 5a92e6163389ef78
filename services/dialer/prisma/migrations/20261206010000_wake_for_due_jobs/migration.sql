-- Schedulers are woken by the job insert itself (adapters/dial-job-store.ts createAbsent), and only
-- when a new job is due before their next safety poll (domain/due-at.ts needsWake). The trigger
-- woke every instance for every insert, so a burst of calls scheduled for tomorrow made each of them
-- claim, and find nothing, once per batch. During a rolling deploy, jobs inserted by a dialer of an
-- earlier release wake the others by their safety poll (2 s by default) instead.
DROP TRIGGER IF EXISTS "dial_jobs_notify_insert" ON "dial_jobs";
DROP FUNCTION IF EXISTS "dial_jobs_notify"();

-- The claim, replaced for the faults a benchmark over 200,000 stored calls found.
--
-- Each claimed call's `call.calling` event gets its own id. Every claim since migration 20261127030000
-- drew it from `CROSS JOIN LATERAL (SELECT gen_random_uuid())`. A subquery that refers to no column
-- of its row may be evaluated once for the whole statement, depending on the plan: a claim of two
-- or more calls then gave them one event id, the outbox insert failed on its unique key, and the
-- whole claim rolled back. No call was dialed twice, but calls due together were not dialed at all
-- until the plan changed. The id is now drawn in the RETURNING list, once per claimed row.
--
-- And the pacing count compares dialed_at with a variable: compared with clock_timestamp() itself,
-- a volatile function, it could not use dial_attempts_account_dialed_at_idx, so every claim read
-- every attempt ever recorded (728 million rows read in a benchmark over 200,000 stored calls).
--
-- The claim reads only what it may take. Until now it ranked every due job of every org (a window
-- function over the whole due backlog) before applying org concurrency and the budget, so each
-- claim cost as much as the backlog and a burst of due calls made the claims quadratic (951,000
-- index entries read for 500 calls in a benchmark). Now it lists the orgs with queued jobs by a
-- loose index scan (one probe per org), and takes from each org at most its free concurrency of
-- its oldest due jobs, through the index below; the oldest of those, up to the budget, are claimed.
-- Same rule as before: oldest due first, no org past its limit, an org at its limit holding no
-- other org back. The next wake reads the first future job by index order, not a min() over all.
CREATE INDEX "dial_jobs_queued_org_due_idx" ON "dial_jobs"("deployment", "org_id", "due_at", "call_id") WHERE "status" = 'queued';

-- The heartbeat's look for jobs whose calling window closed while they waited read every queued
-- job (thousands scheduled for tomorrow, every few seconds); only jobs with a window are in this one.
CREATE INDEX "dial_jobs_queued_window_closes_idx" ON "dial_jobs"("deployment", "window_closes_at") WHERE "status" = 'queued' AND "window_closes_at" IS NOT NULL;

CREATE OR REPLACE FUNCTION "dialer_claim"(
    p_deployment TEXT, p_account TEXT, p_owner UUID, p_limit INTEGER, p_cps INTEGER,
    p_org_concurrency INTEGER, p_window_ms INTEGER, p_topic TEXT, p_source TEXT
) RETURNS TABLE (
    out_call_id UUID, out_org_id UUID, out_attempt INTEGER, out_queued JSONB, out_call JSONB,
    out_next_wake TIMESTAMPTZ, out_paced BOOLEAN
) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_window INTERVAL := make_interval(secs => p_window_ms / 1000.0);
  v_used INTEGER;
  v_oldest TIMESTAMPTZ;
  v_budget INTEGER;
  v_now TIMESTAMPTZ;
  v_iso TEXT;
  v_claimed INTEGER;
  v_next TIMESTAMPTZ;
  v_since TIMESTAMPTZ;
BEGIN
  INSERT INTO "pacing_accounts" (account) VALUES (p_account) ON CONFLICT DO NOTHING;
  PERFORM 1 FROM "pacing_accounts" a WHERE a.account = p_account FOR UPDATE;
  v_since := clock_timestamp() - v_window;
  SELECT count(*)::int, min(d.dialed_at) INTO v_used, v_oldest
    FROM "dial_attempts" d WHERE d.account = p_account AND d.dialed_at > v_since;
  v_budget := least(p_limit, p_cps - v_used);
  IF v_budget <= 0 THEN
    RETURN QUERY SELECT NULL::uuid, NULL::uuid, NULL::int, NULL::jsonb, NULL::jsonb, v_oldest + v_window, true;
    RETURN;
  END IF;
  v_now := clock_timestamp();
  v_iso := to_char(v_now AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  RETURN QUERY
    WITH RECURSIVE orgs AS (
      -- Every org with a queued job: a loose index scan, one index probe per org.
      (SELECT j.org_id FROM "dial_jobs" j WHERE j.status = 'queued' AND j.deployment = p_deployment ORDER BY j.org_id LIMIT 1)
      UNION ALL
      SELECT (SELECT j.org_id FROM "dial_jobs" j
               WHERE j.status = 'queued' AND j.deployment = p_deployment AND j.org_id > o.org_id ORDER BY j.org_id LIMIT 1)
        FROM orgs o WHERE o.org_id IS NOT NULL
    ), active AS (
      SELECT j.org_id, count(*)::int AS n FROM "dial_jobs" j
       WHERE j.status = 'calling' AND j.deployment = p_deployment GROUP BY j.org_id
    ), room AS (
      SELECT o.org_id, coalesce(l.max_concurrent_calls, p_org_concurrency) - coalesce(a.n, 0) AS free
        FROM orgs o
        LEFT JOIN active a ON a.org_id = o.org_id
        LEFT JOIN "org_dial_limits" l ON l.org_id = o.org_id
       WHERE o.org_id IS NOT NULL
    ), candidates AS (
      -- Each org's oldest due jobs, no more than it has room for (and than the budget).
      SELECT c.call_id, c.due_at FROM room r CROSS JOIN LATERAL (
        SELECT j.call_id, j.due_at FROM "dial_jobs" j
         WHERE j.status = 'queued' AND j.deployment = p_deployment AND j.org_id = r.org_id AND j.due_at <= now()
           AND NOT EXISTS (SELECT 1 FROM "suppressed_numbers" s WHERE s.org_id = j.org_id AND s.number = j.call ->> 'to_number')
           AND (j.window_closes_at IS NULL OR j.window_closes_at > now())
         ORDER BY j.due_at, j.call_id
         LIMIT greatest(least(r.free, v_budget), 0)) c
    ), eligible AS (
      SELECT c.call_id FROM candidates c ORDER BY c.due_at, c.call_id LIMIT v_budget
    ), locked AS (
      SELECT j.call_id FROM "dial_jobs" j WHERE j.call_id IN (SELECT e.call_id FROM eligible e) AND j.status = 'queued'
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE "dial_jobs" j SET
        status = 'calling',
        attempt_count = j.attempt_count + 1,
        owner_id = p_owner,
        updated_at = v_now,
        call = j.call || jsonb_build_object(
          'status', 'calling',
          'attempt_count', j.attempt_count + 1,
          'disposition', NULL, 'error_message', NULL, 'duration_seconds', NULL, 'next_attempt_at', NULL,
          'started_at', CASE WHEN jsonb_typeof(j.call -> 'started_at') = 'string' THEN j.call -> 'started_at' ELSE to_jsonb(v_iso) END)
        FROM locked WHERE j.call_id = locked.call_id
      RETURNING j.call_id, j.org_id, j.attempt_count, j.queued, j.call, gen_random_uuid() AS event_id
    ), attempts AS (
      INSERT INTO "dial_attempts" (call_id, attempt, account, owner_id, status, dialed_at)
      SELECT c.call_id, c.attempt_count, p_account, p_owner, 'dialing', v_now FROM claimed c
    ), events AS (
      INSERT INTO "outbox" (event_id, topic, key, payload)
      SELECT c.event_id, p_topic, c.call_id::text, jsonb_build_object(
          'specversion', '1.0', 'id', c.event_id, 'source', p_source, 'type', 'call.calling', 'subject', c.call_id,
          'time', v_iso, 'datacontenttype', 'application/json',
          'data', jsonb_build_object('org_id', c.org_id, 'webhook_url', c.queued -> 'data' -> 'webhook_url', 'call', c.call))
        FROM claimed c
    )
    SELECT c.call_id, c.org_id, c.attempt_count, c.queued, c.call, NULL::timestamptz, NULL::boolean FROM claimed c;
  GET DIAGNOSTICS v_claimed = ROW_COUNT;
  IF v_used + v_claimed >= p_cps THEN
    RETURN QUERY SELECT NULL::uuid, NULL::uuid, NULL::int, NULL::jsonb, NULL::jsonb, coalesce(v_oldest, v_now) + v_window, true;
    RETURN;
  END IF;
  -- ORDER BY … LIMIT 1 rather than min(): with few statistics the planner may aggregate over every
  -- future job instead of reading the first index entry (thousands of calls scheduled for tomorrow).
  SELECT j.due_at INTO v_next FROM "dial_jobs" j
   WHERE j.status = 'queued' AND j.deployment = p_deployment AND j.due_at > now() ORDER BY j.due_at LIMIT 1;
  RETURN QUERY SELECT NULL::uuid, NULL::uuid, NULL::int, NULL::jsonb, NULL::jsonb, v_next, false;
END $$;

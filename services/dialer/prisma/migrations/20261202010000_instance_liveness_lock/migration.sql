-- A dialer instance holds a session advisory lock on its long-lived LISTEN connection. When the
-- process dies, Postgres closes the session and drops the lock at once, so peers can end the dead
-- instance's live calls within seconds instead of waiting out the heartbeat lease. Instances that
-- never took the lock (an older version, a hash collision) keep the lease rule.
ALTER TABLE "dialer_instances" ADD COLUMN "liveness_lock" BOOLEAN NOT NULL DEFAULT false;

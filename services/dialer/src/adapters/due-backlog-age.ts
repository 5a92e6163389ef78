import type pg from "pg";
import { Gauge, type Registry } from "prom-client";

// now(), not clock_timestamp(): a volatile bound cannot use the due_at index.
const OLDEST_DUE_SQL = `SELECT extract(epoch FROM now() - min(due_at))::float8 AS age FROM "dial_jobs" WHERE status = 'queued' AND due_at <= now()`;

/** Seconds the oldest queued dial job has been due, or null when none is due. */
export async function oldestDueJobAge(pool: pg.Pool): Promise<number | null> {
  const { rows } = await pool.query<{ age: number | null }>(OLDEST_DUE_SQL);
  return rows[0]?.age ?? null;
}

/**
 * `voxbridge_dialer_oldest_due_job_age_seconds`, read on scrape: how long the oldest due call has
 * waited, whether for a dialer, the carrier's calls-per-second window or its org's concurrency.
 * The backlog-age alert reads it; the autoscaler does not, since more dialers relieve only the first.
 */
export function registerOldestDueJobAge(registry: Registry, pool: pg.Pool): void {
  new Gauge({
    name: "voxbridge_dialer_oldest_due_job_age_seconds",
    help: "How long the oldest queued dial job has been due (0 when none is due)",
    registers: [registry],
    async collect() {
      const age = await oldestDueJobAge(pool).catch(() => undefined);
      if (age !== undefined) this.set(age ?? 0);
    },
  });
}

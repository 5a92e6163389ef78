import type pg from "pg";
import type { Registry } from "prom-client";
import { createCounter } from "../counter";
import type { Logger } from "../logger";
import { type PeriodicTask, startPeriodic } from "../periodic";
import { quoteIdent } from "./database";

/**
 * One table's retention rule: `sql` deletes at most `$1` rows that are past keeping (its own
 * values follow as `$2`…) and answers one row, `deleted`. It is run again until it deletes fewer
 * than `$1`, so no single statement holds its locks for long.
 */
export type RetentionRule = { table: string; sql: string; values?: unknown[] };

export type RetentionPass = { deleted: Record<string, number>; vacuumed: string[] };

export type Retention = PeriodicTask & { runPass: () => Promise<RetentionPass> };

const BATCH_ROWS = 5_000;

/**
 * The common rule: delete `table`'s rows matching `where` (its values are `$2`…), a batch at a
 * time, picked by ctid so a table with any primary key is served the same way.
 */
export const deleteWhere = (table: string, where: string, values: unknown[] = []): RetentionRule => ({
  table,
  sql: `WITH gone AS (
          DELETE FROM ${quoteIdent(table)} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${quoteIdent(table)} WHERE ${where} LIMIT $1)) RETURNING 1
        ) SELECT count(*)::int AS deleted FROM gone`,
  values,
});

/**
 * Deletes what each rule says is past keeping, then VACUUMs every table it deleted from, and the
 * `vacuum` tables (hot tables whose rows are updated or deleted on every call, such as an outbox),
 * every `intervalSeconds`. The VACUUM is what makes the freed space usable again and keeps the
 * visibility map current for index-only scans: a service's speed must not depend on the server's
 * autovacuum being on, which on some production databases it is not. Plain VACUUM takes no lock
 * that blocks reads or writes.
 */
export function startRetention(options: {
  pool: pg.Pool;
  schema: string;
  rules: RetentionRule[];
  vacuum?: string[];
  intervalSeconds: number;
  logger: Logger;
  metrics: Registry;
}): Retention {
  const deletedRows = createCounter(options.metrics, {
    name: "retention_deleted_rows_total",
    help: "Rows deleted by the retention pass, by table",
    labelNames: ["table"],
  });
  const qualified = (table: string) => `${quoteIdent(options.schema)}.${quoteIdent(table)}`;

  const runPass = async (): Promise<RetentionPass> => {
    const deleted: Record<string, number> = {};
    for (const rule of options.rules) {
      let total = 0;
      for (;;) {
        const { rows } = await options.pool.query<{ deleted: number }>(rule.sql, [BATCH_ROWS, ...(rule.values ?? [])]);
        const count = Number(rows[0]?.deleted ?? 0);
        total += count;
        if (count < BATCH_ROWS) break;
      }
      deleted[rule.table] = (deleted[rule.table] ?? 0) + total;
      if (total > 0) deletedRows.inc({ table: rule.table }, total);
    }
    const vacuumed = [...new Set([...Object.keys(deleted).filter((table) => (deleted[table] ?? 0) > 0), ...(options.vacuum ?? [])])];
    for (const table of vacuumed) await options.pool.query(`VACUUM (ANALYZE) ${qualified(table)}`);
    if (Object.values(deleted).some((count) => count > 0)) options.logger.info({ deleted }, "retention pass deleted rows");
    return { deleted, vacuumed };
  };

  // The first pass comes a minute after start, not a whole interval: its ANALYZE gives the planner
  // statistics for tables that have never had any (with autovacuum off, nothing else does). Without
  // them it guesses, and a guess once had every quota confirm read all of an org's open holds.
  const task = startPeriodic({
    name: "retention",
    intervalMs: options.intervalSeconds * 1000,
    firstAfterMs: Math.min(60_000, options.intervalSeconds * 1000),
    task: runPass,
    logger: options.logger,
  });
  return { ...task, runPass };
}

import type pg from "pg";
import type { Registry } from "prom-client";
import { createCounter } from "../counter";
import type { Logger } from "../logger";
import { type PeriodicTask, startPeriodic } from "../periodic";
import { quoteIdent } from "./database";

/**
 * One table's retention rule: `sql` deletes at most `$1` rows that are past keeping (its own
 * values follow as `$2`…) and answers one row, `deleted`. It is run again until it deletes fewer
 * than `$1`, so no single statement holds its locks for long. `alsoFrom` names the other tables it
 * deletes from (a parent's children), vacuumed with `table` whenever it deleted anything.
 */
export type RetentionRule = { table: string; sql: string; values?: unknown[]; alsoFrom?: string[] };

/**
 * Work a pass does under its lock before the rules: deleting what lives outside Postgres (objects
 * in a store) for rows the rules then delete. Answers what it deleted, by kind.
 */
export type RetentionBefore = (client: pg.PoolClient) => Promise<Record<string, number>>;

/** `ran`: false when another instance was running the schema's pass (nothing was done here). */
export type RetentionPass = { ran: boolean; deleted: Record<string, number>; vacuumed: string[] };

export type Retention = PeriodicTask & { runPass: () => Promise<RetentionPass> };

const BATCH_ROWS = 5_000;

/** Rows of `table` whose `column` holds a key of the parent rows deleted in the same statement. */
export type RetentionChild = { table: string; column: string; parentKey: string };

/**
 * The common rule: delete `table`'s rows matching `where` (its values are `$2`…), a batch at a
 * time, picked by ctid so a table with any primary key is served the same way; and, in the same
 * statement, the `children` rows of the rows deleted.
 */
export const deleteWhere = (
  table: string,
  where: string,
  options: { values?: unknown[]; children?: RetentionChild[] } = {},
): RetentionRule => {
  const children = options.children ?? [];
  const keys = [...new Set(children.map((child) => quoteIdent(child.parentKey)))];
  const childDeletes = children.map(
    (child, index) =>
      `, child_${index} AS (DELETE FROM ${quoteIdent(child.table)} WHERE ${quoteIdent(child.column)} IN (SELECT ${quoteIdent(child.parentKey)} FROM gone))`,
  );
  return {
    table,
    sql: `WITH gone AS (
            DELETE FROM ${quoteIdent(table)} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${quoteIdent(table)} WHERE ${where} LIMIT $1))
            RETURNING ${keys.length > 0 ? keys.join(", ") : "1"}
          )${childDeletes.join("")}
          SELECT count(*)::int AS deleted FROM gone`,
    values: options.values ?? [],
    alsoFrom: children.map((child) => child.table),
  };
};

/**
 * Deletes what each rule says is past keeping, then VACUUMs every table it deleted from, and the
 * `vacuum` tables (hot tables whose rows are updated or deleted on every call, such as an outbox),
 * every `intervalSeconds`. The VACUUM is what makes the freed space usable again and keeps the
 * visibility map current for index-only scans: a service's speed must not depend on the server's
 * autovacuum being on, which on some production databases it is not. Plain VACUUM takes no lock
 * that blocks reads or writes.
 *
 * One instance at a time: a pass runs on one connection holding the schema's session advisory lock
 * (`pg_try_advisory_lock`); a replica whose turn comes while another holds it skips its pass. The
 * lock dies with its connection, so a crashed instance never blocks the others.
 */
export function startRetention(options: {
  pool: pg.Pool;
  schema: string;
  rules: RetentionRule[];
  before?: RetentionBefore;
  vacuum?: string[];
  intervalSeconds: number;
  logger: Logger;
  metrics: Registry;
}): Retention {
  const deletedRows = createCounter(options.metrics, {
    name: "voxbridge_retention_deleted_rows_total",
    help: "Rows deleted by the retention pass, by table",
    labelNames: ["table"],
  });
  const qualified = (table: string) => `${quoteIdent(options.schema)}.${quoteIdent(table)}`;

  const passes = createCounter(options.metrics, {
    name: "voxbridge_retention_passes_total",
    help: "Retention passes, by outcome: ran here, or skipped while another instance ran one",
    labelNames: ["outcome"],
  });
  const lockKey = `voxbridge:retention:${options.schema}`;

  const runPass = async (): Promise<RetentionPass> => {
    const client = await options.pool.connect();
    let healthy = false;
    try {
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [lockKey]);
      if (!rows[0]?.locked) {
        healthy = true;
        passes.inc({ outcome: "skipped" });
        return { ran: false, deleted: {}, vacuumed: [] };
      }
      try {
        const pass = await runLockedPass(client);
        passes.inc({ outcome: "ran" });
        return pass;
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext($1))", [lockKey]);
        healthy = true;
      }
    } finally {
      // A connection that failed mid-pass may still hold the lock: closed, never pooled again.
      client.release(!healthy);
    }
  };

  const runLockedPass = async (client: pg.PoolClient): Promise<RetentionPass> => {
    const deleted: Record<string, number> = (await options.before?.(client)) ?? {};
    for (const [kind, count] of Object.entries(deleted)) if (count > 0) deletedRows.inc({ table: kind }, count);
    const touched: string[] = [];
    for (const rule of options.rules) {
      let total = 0;
      for (;;) {
        const { rows } = await client.query<{ deleted: number }>(rule.sql, [BATCH_ROWS, ...(rule.values ?? [])]);
        const count = Number(rows[0]?.deleted ?? 0);
        total += count;
        if (count < BATCH_ROWS) break;
      }
      deleted[rule.table] = (deleted[rule.table] ?? 0) + total;
      if (total > 0) {
        deletedRows.inc({ table: rule.table }, total);
        touched.push(rule.table, ...(rule.alsoFrom ?? []));
      }
    }
    const vacuumed = [...new Set([...touched, ...(options.vacuum ?? [])])];
    for (const table of vacuumed) await client.query(`VACUUM (ANALYZE) ${qualified(table)}`);
    if (Object.values(deleted).some((count) => count > 0)) options.logger.info({ deleted }, "retention pass deleted rows");
    return { ran: true, deleted, vacuumed };
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

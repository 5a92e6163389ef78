import type { CallEvent } from "@voxbridge/contracts";
import type pg from "pg";
import type { Tables } from "../generated/rows";

/**
 * The dialer's one data-access style: raw SQL through `pg`, each statement next to the rule's
 * store, with row types generated from prisma/schema.prisma (`pnpm generate`, src/generated/rows.ts).
 * A query's row type is a pick of those (`Columns<"dial_jobs", "status" | "call">`) plus what the
 * query computes.
 */
export type Columns<T extends keyof Tables, K extends keyof Tables[T]> = Pick<Tables[T], K>;

export type Queryable = Pick<pg.PoolClient, "query">;

/** What every store of the dialer's schema is built from. */
export type StoreOptions = {
  pool: pg.Pool;
  /** The real (prefixed) topic outbox rows go to; stored in the row so any relay publishes it right. */
  topic: string;
};

/**
 * Sends several statements in one message (one round trip; they take no parameters) and returns
 * each statement's result. `pg` answers an array for several statements, one result for one.
 */
export async function queryMany(client: Queryable, text: string): Promise<pg.QueryResult[]> {
  const results: pg.QueryResult | pg.QueryResult[] = await client.query(text);
  return Array.isArray(results) ? results : [results];
}

/**
 * Runs `work` in a transaction that `opening` begins: BEGIN alone, or BEGIN with reads in the same
 * message (their results are handed to `work`). Rolled back when `work` throws.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient, opened: pg.QueryResult[]) => Promise<T>,
  opening = "BEGIN",
): Promise<T> {
  const client = await pool.connect();
  try {
    const opened = await queryMany(client, opening);
    const result = await work(client, opened);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Writes events to the outbox (the relay publishes them to `topic`), in one statement. */
export async function insertEvents(client: Queryable, topic: string, events: CallEvent[]): Promise<void> {
  if (events.length === 0) return;
  await client.query(
    `INSERT INTO "outbox" (event_id, topic, key, payload)
     SELECT e.id, $1, e.key, e.payload FROM unnest($2::uuid[], $3::text[], $4::jsonb[]) AS e(id, key, payload)`,
    [topic, events.map((e) => e.id), events.map((e) => e.subject), events.map((e) => JSON.stringify(e))],
  );
}

import { randomBytes } from "node:crypto";
import pg from "pg";
import { testDatabaseUrl } from "../../../../tests/support/env";
import { eventually } from "../../../../tests/support/eventually";
import { createLogger } from "../logger";
import { createMetricsRegistry } from "../metrics";
import { quoteIdent } from "./database";
import { deleteWhere, type Retention, startRetention } from "./retention";

const silent = createLogger({ service: "test", level: "silent" });
let admin: pg.Pool;
const schema = `retention_${randomBytes(5).toString("hex")}`;
const table = `${quoteIdent(schema)}."events"`;

beforeAll(async () => {
  admin = new pg.Pool({ connectionString: testDatabaseUrl(), max: 3 });
  admin.on("error", () => undefined);
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  await admin.query(`CREATE TABLE ${table} (id int PRIMARY KEY, old boolean NOT NULL)`);
});

afterAll(async () => {
  await admin.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
  await admin.end();
});

/** One replica's retention: its own pool, as each instance of a service has. */
function replica(): { retention: Retention; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2, options: `-c search_path=${schema}` });
  pool.on("error", () => undefined);
  const retention = startRetention({
    pool,
    schema,
    rules: [deleteWhere("events", "old")],
    intervalSeconds: 3_600,
    logger: silent,
    metrics: createMetricsRegistry("test"),
  });
  return { retention, pool };
}

describe("retention across replicas", () => {
  it("runs on one instance at a time: a pass that starts while another runs skips, and the next runs", async () => {
    await admin.query(`INSERT INTO ${table} SELECT g, g % 2 = 0 FROM generate_series(1, 10) g`);
    const [a, b] = [replica(), replica()];
    // Holds the table so that a's DELETE waits, with its pass under way.
    const blocker = await admin.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      const first = a.retention.runPass();
      // Proof a's pass holds the schema's lock and waits on the table (not a sleep).
      await eventually(
        "a's pass under way, holding the retention lock",
        async () => {
          const { rows } = await admin.query<{ waiting: number; advisory: number }>(
            `SELECT count(*) FILTER (WHERE locktype = 'relation' AND NOT granted)::int AS waiting,
                  count(*) FILTER (WHERE locktype = 'advisory' AND granted)::int AS advisory
             FROM pg_locks WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          );
          return rows[0]?.waiting === 1 && rows[0]?.advisory === 1;
        },
        15_000,
        async () =>
          (
            await admin.query(
              "SELECT locktype, relation::regclass::text, mode, granted, pid FROM pg_locks WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            )
          ).rows,
      );
      await expect(b.retention.runPass()).resolves.toEqual({ ran: false, deleted: {}, vacuumed: [] });
      await blocker.query("COMMIT");
      await expect(first).resolves.toEqual({ ran: true, deleted: { events: 5 }, vacuumed: ["events"] });
    } finally {
      blocker.release();
    }
    // The lock went with a's pass: b's next turn runs.
    await expect(b.retention.runPass()).resolves.toEqual({ ran: true, deleted: { events: 0 }, vacuumed: [] });
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]).toEqual({ n: 5 });
    for (const { retention, pool } of [a, b]) {
      await retention.stop();
      await pool.end();
    }
  });

  it("frees the lock when a pass fails, so the next pass runs", async () => {
    const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
    pool.on("error", () => undefined);
    const failing = startRetention({
      pool,
      schema,
      rules: [{ table: "events", sql: "SELECT 1 / (0 * $1::int) AS deleted" }],
      intervalSeconds: 3_600,
      logger: silent,
      metrics: createMetricsRegistry("test"),
    });
    await expect(failing.runPass()).rejects.toThrow("division by zero");
    const other = replica();
    await expect(other.retention.runPass()).resolves.toMatchObject({ ran: true });
    await failing.stop();
    await other.retention.stop();
    await Promise.all([pool.end(), other.pool.end()]);
  });
});

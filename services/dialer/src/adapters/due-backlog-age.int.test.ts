import { randomUUID } from "node:crypto";
import pg from "pg";
import { testDatabaseUrl } from "../../../../tests/support/env";
import { oldestDueJobAge } from "./due-backlog-age";
import { DIALER_SCHEMA } from "./schema";

let pool: pg.Pool;
beforeAll(() => {
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2, options: `-c search_path=${DIALER_SCHEMA}` });
});
afterAll(() => pool.end());

const job = (status: string, dueSecondsAgo: number) =>
  pool.query(
    `INSERT INTO "dial_jobs" (call_id, org_id, status, due_at, queued, call, attempt_count)
     VALUES ($1, $2, $3, now() - make_interval(secs => $4), '{}', '{}', 0)`,
    [randomUUID(), randomUUID(), status, dueSecondsAgo],
  );

describe("oldestDueJobAge (real Postgres)", () => {
  it("is how long the oldest queued job has been due; jobs due later, or no longer queued, do not count", async () => {
    expect(await oldestDueJobAge(pool)).toBeNull();
    await job("queued", -600); // due in 10 minutes (a retry, a calling window not yet open)
    expect(await oldestDueJobAge(pool)).toBeNull();
    await job("calling", 3600);
    await job("completed", 7200);
    await job("queued", 90);
    await job("queued", 30);
    // Each statement reads now() afresh: the oldest was due 90 s before its insert, a moment before the read.
    expect(await oldestDueJobAge(pool)).toBeGreaterThanOrEqual(90);
    expect(await oldestDueJobAge(pool)).toBeLessThan(95);
  });
});

import { randomUUID } from "node:crypto";
import { type Clock, createLogger, createRedisClient, systemClock } from "@voxbridge/kit";
import type { Redis } from "ioredis";
import type pg from "pg";
import { testDatabaseUrl, testRedisUrl } from "../../../tests/support/env";
import { createMinuteLedger, createQuotaPool } from "../src/adapters/minute-ledger";
import { noQuotaMetrics } from "../src/adapters/quota-metrics";
import { createRedisCounters } from "../src/adapters/redis-counters";
import { createMinuteAccounting, type MinuteAccounting } from "../src/app/minute-accounting";
import type { MinuteLedger } from "../src/app/ports";

export const silentLogger = createLogger({ service: "test", level: "silent" });

/** Real Postgres and Redis for one test file; every test makes its own orgs, so files run in parallel. */
export type QuotaFixture = {
  pool: pg.Pool;
  redis: Redis;
  /** The quota use cases over the real stores, with a clock of the test's choosing. */
  accounting: (options?: {
    now?: Clock;
    redis?: Redis;
    holdMinutes?: number;
    unconfirmedHoldTtlSeconds?: number;
    /** Wraps the real ledger, to run something at a chosen point of a use case. */
    ledger?: (ledger: MinuteLedger) => MinuteLedger;
  }) => MinuteAccounting;
  /** A fresh org with this monthly limit, as the operator CLI provisions it. */
  newOrg: (minutes: number) => Promise<string>;
  /** What FLUSHALL or a Redis restart does to one org, without disturbing the tests running in parallel. */
  wipeRedisFor: (orgId: string) => Promise<void>;
  /** The org's ledger rows, counted by status and close reason. */
  ledgerOf: (orgId: string) => Promise<Record<string, number>>;
  close: () => Promise<void>;
};

export async function openQuotaFixture(): Promise<QuotaFixture> {
  // Small pools: the test Postgres allows 100 connections, shared by every test file running at once.
  const pool = createQuotaPool(testDatabaseUrl(), 8, silentLogger, { synchronousCommit: false });
  const lockPool = createQuotaPool(testDatabaseUrl(), 4, silentLogger);
  const redis = createRedisClient(testRedisUrl(), silentLogger);
  await redis.connect();
  return {
    pool,
    redis,
    accounting: (options = {}) =>
      createMinuteAccounting({
        counters: createRedisCounters(options.redis ?? redis),
        ledger: (options.ledger ?? ((ledger) => ledger))(createMinuteLedger({ pool, lockPool }, silentLogger)),
        metrics: noQuotaMetrics,
        now: options.now ?? systemClock,
        holdMinutes: options.holdMinutes ?? 1,
        unconfirmedHoldTtlSeconds: options.unconfirmedHoldTtlSeconds ?? 300,
        maxHoldSeconds: 86_400,
      }),
    newOrg: async (minutes) => {
      const orgId = randomUUID();
      await pool.query("INSERT INTO org_limits (org_id, minutes_limit) VALUES ($1, $2)", [orgId, minutes]);
      return orgId;
    },
    wipeRedisFor: async (orgId) => {
      const keys = await redis.keys(`quota:{${orgId}}:*`);
      if (keys.length > 0) await redis.del(...keys);
    },
    ledgerOf: async (orgId) => {
      const { rows } = await pool.query<{ state: string; n: number }>(
        "SELECT status || coalesce(':' || close_reason, '') AS state, count(*)::int AS n FROM minute_holds WHERE org_id = $1 GROUP BY 1",
        [orgId],
      );
      return Object.fromEntries(rows.map((row) => [row.state, row.n]));
    },
    close: async () => {
      await redis.quit();
      await Promise.all([pool.end(), lockPool.end()]);
    },
  };
}

import { randomUUID } from "node:crypto";
import { AppError, createLogger, createRedisClient } from "@voxbridge/kit";
import type { Redis } from "ioredis";
import { testDatabaseUrl, testRedisUrl } from "../../../../tests/support/env";
import { createMinuteLedger } from "../adapters/minute-ledger";
import { createQuotaPrisma, type QuotaPrisma } from "../adapters/prisma";
import { createRedisCounters } from "../adapters/redis-counters";
import { periodOf } from "../domain/period";
import { createMinuteHolds, type MinuteHolds } from "./minute-holds";

const logger = createLogger({ service: "test", level: "silent" });
let prisma: QuotaPrisma;
let redis: Redis;

beforeAll(async () => {
  prisma = createQuotaPrisma(testDatabaseUrl(), 20);
  redis = createRedisClient(testRedisUrl(), logger);
  await redis.connect();
});
afterAll(async () => {
  await prisma.$disconnect();
  await redis.quit();
});

const now = () => new Date();
const holdsFor = (client: Redis = redis): MinuteHolds =>
  createMinuteHolds({ counters: createRedisCounters(client), ledger: createMinuteLedger(prisma), holdMinutes: 1, now });

async function newOrg(minutes: number): Promise<string> {
  const orgId = randomUUID();
  await prisma.orgLimit.create({ data: { orgId, minutesLimit: minutes } });
  return orgId;
}

/** What a Redis FLUSHALL or restart does to one org, without disturbing parallel tests. */
const wipeRedisFor = async (orgId: string) => {
  const keys = await redis.keys(`quota:{${orgId}}:*`);
  if (keys.length > 0) await redis.del(...keys);
};

describe("minute holds", () => {
  it("grants holds until used + held + hold would pass the limit, then refuses", async () => {
    const holds = holdsFor();
    const orgId = await newOrg(2);
    expect((await holds.hold(orgId, randomUUID())).granted).toBe(true);
    expect((await holds.hold(orgId, randomUUID())).granted).toBe(true);
    expect(await holds.hold(orgId, randomUUID())).toEqual({ granted: false, minutes_held: 0 });
    expect(await holds.usage(orgId)).toMatchObject({ minutes_limit: 2, minutes_used: 0, minutes_reserved: 2, minutes_remaining: 0 });
  });

  it("holds once per call id however often it is asked", async () => {
    const holds = holdsFor();
    const orgId = await newOrg(5);
    const callId = randomUUID();
    for (let i = 0; i < 3; i++) expect((await holds.hold(orgId, callId)).granted).toBe(true);
    expect((await holds.usage(orgId)).minutes_reserved).toBe(1);
    expect(await prisma.minuteHold.count({ where: { orgId } })).toBe(1);
  });

  it("gives a released hold back, once", async () => {
    const holds = holdsFor();
    const orgId = await newOrg(1);
    const callId = randomUUID();
    await holds.hold(orgId, callId);
    await holds.release(callId);
    await holds.release(callId);
    expect(await holds.usage(orgId)).toMatchObject({ minutes_reserved: 0, minutes_remaining: 1 });
    expect((await holds.hold(orgId, randomUUID())).granted).toBe(true);
  });

  it("grants exactly the limit under 1,000 concurrent holds", async () => {
    const holds = holdsFor();
    const orgId = await newOrg(100);
    const results = await Promise.all(Array.from({ length: 1000 }, () => holds.hold(orgId, randomUUID())));
    expect(results.filter((result) => result.granted)).toHaveLength(100);
    expect(await holds.usage(orgId)).toMatchObject({ minutes_reserved: 100, minutes_remaining: 0 });
    expect(await prisma.minuteHold.count({ where: { orgId, status: "held" } })).toBe(100);
  });

  it("rebuilds counters from the Postgres ledger after Redis lost them: same usage, same refusals, same idempotency", async () => {
    const holds = holdsFor();
    const orgId = await newOrg(3);
    const first = randomUUID();
    await holds.hold(orgId, first);
    await holds.hold(orgId, randomUUID());
    const before = await holds.usage(orgId);
    await wipeRedisFor(orgId);
    expect(await holds.usage(orgId)).toEqual(before);
    await wipeRedisFor(orgId);
    expect((await holds.hold(orgId, first)).granted).toBe(true); // a retry of an existing hold, not a new one
    expect((await holds.hold(orgId, randomUUID())).granted).toBe(true);
    await wipeRedisFor(orgId);
    expect((await holds.hold(orgId, randomUUID())).granted).toBe(false);
    expect((await holds.usage(orgId)).minutes_reserved).toBe(3);
  });

  it("treats an org without a limit as having none to spend", async () => {
    expect((await holdsFor().hold(randomUUID(), randomUUID())).granted).toBe(false);
  });

  it("refuses with a retryable dependency_unavailable error, never a grant, when Redis is unreachable", async () => {
    const unreachable = createRedisClient("redis://127.0.0.1:1", logger);
    await unreachable.connect().catch(() => undefined);
    const orgId = await newOrg(10);
    const outcome = await holdsFor(unreachable)
      .hold(orgId, randomUUID())
      .catch((error: unknown) => error);
    unreachable.disconnect();
    expect(outcome).toBeInstanceOf(AppError);
    expect(outcome).toMatchObject({ code: "dependency_unavailable", retryable: true });
    expect(await prisma.minuteHold.count({ where: { orgId } })).toBe(0);
  });

  it("keeps one org's keys in one Redis Cluster slot (hash tag per org and period)", async () => {
    const holds = holdsFor();
    const orgId = await newOrg(1);
    await holds.hold(orgId, randomUUID());
    const keys = await redis.keys(`quota:{${orgId}}:*`);
    expect(keys.sort()).toEqual([`quota:{${orgId}}:${periodOf(now())}`, `quota:{${orgId}}:${periodOf(now())}:holds`]);
  });
});

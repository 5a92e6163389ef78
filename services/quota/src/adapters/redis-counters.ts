import { randomUUID } from "node:crypto";
import { type RedisClient, redisNotConnected } from "@voxbridge/kit";
import type { HoldOutcome, MinuteCounters } from "../app/ports";

// One hash tag per org: every key a script touches lives in the same Cluster slot.
// holds: field "held" (sum) and one field per open hold, call id -> minutes. period: fields "limit", "used".
// Entries are read with string.match: the previous release wrote "<minutes>u" for holds it had not checked.
const holdsKey = (orgId: string) => `quota:{${orgId}}:holds`;
const periodKey = (orgId: string, period: string) => `quota:{${orgId}}:${period}`;
// A rebuild's holds are written here in chunks, then renamed onto the holds key in one step. One
// key per loader, so two loaders never mix their entries; the org's hash tag keeps it in its slot.
const stagingKey = (orgId: string) => `quota:{${orgId}}:holds:loading:${randomUUID()}`;

/**
 * Open holds written per command of a rebuild. One script call carrying 100,000 holds overflowed
 * Node's stack (a spread of 200,005 arguments) and blocked Redis for about 0.2 s; 2,000 holds is a
 * command of about 4 ms on the server.
 */
export const LOAD_CHUNK_HOLDS = 2_000;
/** A staging key left by a loader that died mid-way expires by itself. */
const STAGING_TTL_SECONDS = 600;

/** Keys outlive their month long enough for late settlements; an expired key is rebuilt like a lost one. */
const KEY_TTL_SECONDS = 40 * 24 * 3600;

// KEYS: holds, period. ARGV: call id, minutes. Returns {outcome, minutes left after it}: outcome 1
// granted, 2 already held, 0 refused, -1 cold.
const HOLD = `
local held = tonumber(redis.call('HGET', KEYS[1], 'held'))
local limit = tonumber(redis.call('HGET', KEYS[2], 'limit'))
local used = tonumber(redis.call('HGET', KEYS[2], 'used'))
if not held or not limit or not used then return {-1, 0} end
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return {2, limit - used - held} end
if used + held + tonumber(ARGV[2]) > limit then return {0, limit - used - held} end
redis.call('HINCRBY', KEYS[1], 'held', ARGV[2])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return {1, limit - used - held - tonumber(ARGV[2])}`;

// KEYS: holds. ARGV: call id.
const RELEASE = `
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if not entry then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HINCRBY', KEYS[1], 'held', -tonumber(string.match(entry, '%d+')))
return 1`;

// KEYS: holds. ARGV: call id, minutes.
const ENSURE_HELD = `
if redis.call('HEXISTS', KEYS[1], 'held') == 0 then return -1 end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[1], 'held', ARGV[2])
return 1`;

// KEYS: holds, period. ARGV: call id, billed minutes.
const SETTLE = `
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if entry then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('HINCRBY', KEYS[1], 'held', -tonumber(string.match(entry, '%d+')))
end
if tonumber(ARGV[2]) > 0 and redis.call('HEXISTS', KEYS[2], 'limit') == 1 then
  redis.call('HINCRBY', KEYS[2], 'used', ARGV[2])
end
return 1`;

// KEYS: holds, period. ARGV: call id or "". Returns {limit, used, held, call's entry or false}, or -1 when cold.
const READ = `
local held = redis.call('HGET', KEYS[1], 'held')
local c = redis.call('HMGET', KEYS[2], 'limit', 'used')
if not held or not c[1] or not c[2] then return -1 end
local entry = false
if ARGV[1] ~= '' then entry = redis.call('HGET', KEYS[1], ARGV[1]) end
return {c[1], c[2], held, entry}`;

// KEYS: holds, period, staging. ARGV: ttl, limit, used, load holds ("1"/"0"), held sum.
// Loads only what is missing: a loader that came first keeps its data, and writers since have
// updated it. The holds arrive staged (call id -> entry, written in chunks before this script); this
// step adds their sum and renames the staging key onto the holds key, or drops it when another loader
// won. A rename is one step whatever the size, so no writer ever sees half a load.
const LOAD = `
if redis.call('HEXISTS', KEYS[2], 'limit') == 0 then
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[2], 'limit', ARGV[2], 'used', ARGV[3])
  redis.call('EXPIRE', KEYS[2], ARGV[1])
end
if ARGV[4] == '1' and redis.call('HEXISTS', KEYS[1], 'held') == 0 then
  redis.call('HSET', KEYS[3], 'held', ARGV[5])
  redis.call('RENAME', KEYS[3], KEYS[1])
  redis.call('EXPIRE', KEYS[1], ARGV[1])
else
  redis.call('DEL', KEYS[3])
end
return 1`;

type ScriptedRedis = RedisClient & {
  quotaHold(holds: string, period: string, callId: string, minutes: number): Promise<[number, number]>;
  quotaRelease(holds: string, callId: string): Promise<number>;
  quotaEnsureHeld(holds: string, callId: string, minutes: number): Promise<number>;
  quotaSettle(holds: string, period: string, callId: string, minutes: number): Promise<number>;
  quotaRead(holds: string, period: string, callId: string): Promise<number | [string, string, string, string | null]>;
  quotaLoad(
    holds: string,
    period: string,
    staging: string,
    ttl: number,
    limit: number,
    used: number,
    loadHolds: string,
    held: number,
  ): Promise<number>;
};

const HOLD_OUTCOME: Record<number, HoldOutcome> = { 1: "granted", 2: "already_held", 0: "refused", [-1]: "cold" };

export function createRedisCounters(client: RedisClient): MinuteCounters {
  // defineCommand sends EVALSHA (the script text only once per connection, and again after a NOSCRIPT).
  client.defineCommand("quotaHold", { numberOfKeys: 2, lua: HOLD });
  client.defineCommand("quotaRelease", { numberOfKeys: 1, lua: RELEASE });
  client.defineCommand("quotaEnsureHeld", { numberOfKeys: 1, lua: ENSURE_HELD });
  client.defineCommand("quotaSettle", { numberOfKeys: 2, lua: SETTLE });
  client.defineCommand("quotaRead", { numberOfKeys: 2, lua: READ });
  client.defineCommand("quotaLoad", { numberOfKeys: 3, lua: LOAD });
  const redis = client as ScriptedRedis;
  return {
    async hold(orgId, period, callId, minutes) {
      let result: [number, number];
      try {
        result = await redis.quotaHold(holdsKey(orgId), periodKey(orgId, period), callId, minutes);
      } catch (error) {
        // Disconnected (the offline queue is off): ioredis refused to send it, so nothing was counted.
        // Any other failure (a timeout, a connection lost in flight) may have been applied.
        if (redisNotConnected(error)) return { outcome: "unreachable", minutesLeft: 0 };
        throw error;
      }
      const outcome = HOLD_OUTCOME[result[0]];
      if (!outcome) throw new Error(`unexpected hold script result ${String(result)}`);
      return { outcome, minutesLeft: Math.max(0, result[1]) };
    },
    async release(orgId, callId) {
      await redis.quotaRelease(holdsKey(orgId), callId);
    },
    async ensureHeld(orgId, callId, minutes) {
      await redis.quotaEnsureHeld(holdsKey(orgId), callId, minutes);
    },
    async findHold(orgId, callId) {
      const [held, entry] = await redis.hmget(holdsKey(orgId), "held", callId);
      return held === null ? "cold" : entry === null ? "absent" : "present";
    },
    async settle(orgId, callId, period, billedMinutes) {
      await redis.quotaSettle(holdsKey(orgId), periodKey(orgId, period), callId, billedMinutes);
    },
    async read(orgId, period, callId) {
      const result = await redis.quotaRead(holdsKey(orgId), periodKey(orgId, period), callId ?? "");
      if (!Array.isArray(result)) return null;
      const [limit, used, held, entry] = result;
      return { limit: Number(limit), used: Number(used), held: Number(held), callHeld: entry ? Number.parseInt(entry, 10) : 0 };
    },
    async missing(orgId, period) {
      const [holds, periodCounters] = await Promise.all([
        redis.hexists(holdsKey(orgId), "held"),
        redis.hexists(periodKey(orgId, period), "limit"),
      ]);
      return { holds: holds === 0, period: periodCounters === 0 };
    },
    async load(orgId, period, snapshot) {
      const holds = snapshot.holds ?? [];
      const held = holds.reduce((sum, hold) => sum + hold.minutes, 0);
      const staging = stagingKey(orgId);
      // Staging is skipped when another loader has already loaded the holds; the script checks again.
      const stage = snapshot.holds !== null && holds.length > 0 && (await redis.hexists(holdsKey(orgId), "held")) === 0;
      try {
        for (let start = 0; stage && start < holds.length; start += LOAD_CHUNK_HOLDS) {
          const fields: (string | number)[] = [];
          for (const hold of holds.slice(start, start + LOAD_CHUNK_HOLDS)) fields.push(hold.callId, hold.minutes);
          await redis.multi().hset(staging, fields).expire(staging, STAGING_TTL_SECONDS).exec();
        }
        await redis.quotaLoad(
          holdsKey(orgId),
          periodKey(orgId, period),
          staging,
          KEY_TTL_SECONDS,
          snapshot.limit,
          snapshot.used,
          stage || (snapshot.holds !== null && holds.length === 0) ? "1" : "0",
          held,
        );
      } catch (error) {
        await redis.unlink(staging).catch(() => undefined);
        throw error;
      }
    },
    async drop(orgId, periods, options = {}) {
      const keys = [...(options.holds === false ? [] : [holdsKey(orgId)]), ...periods.map((period) => periodKey(orgId, period))];
      // UNLINK frees a large org's holds in the background instead of blocking Redis while it does.
      if (keys.length > 0) await redis.unlink(...keys);
    },
  };
}

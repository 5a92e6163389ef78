import type { Redis } from "ioredis";
import type { MinuteCounters } from "../app/ports";

// One hash tag per org: every key a script touches lives in the same Cluster slot.
const keys = (orgId: string, period: string) => [`quota:{${orgId}}:${period}`, `quota:{${orgId}}:${period}:holds`] as const;

const HOLD = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 1 end
local c = redis.call('HMGET', KEYS[1], 'limit', 'used', 'held')
if tonumber(c[2]) + tonumber(c[3]) + tonumber(ARGV[2]) > tonumber(c[1]) then return 0 end
redis.call('HINCRBY', KEYS[1], 'held', ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1`;

const RELEASE = `
local m = redis.call('HGET', KEYS[2], ARGV[1])
if not m then return 0 end
redis.call('HDEL', KEYS[2], ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HINCRBY', KEYS[1], 'held', -tonumber(m)) end
return 1`;

// ARGV: limit, used, held, then call id / minutes pairs. A concurrent loader that won keeps its data.
const LOAD = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[2])
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
redis.call('HSET', KEYS[1], 'limit', ARGV[1], 'used', ARGV[2], 'held', ARGV[3])
return 1`;

type ScriptedRedis = Redis & {
  quotaHold(counters: string, holds: string, callId: string, minutes: number): Promise<number>;
  quotaRelease(counters: string, holds: string, callId: string): Promise<number>;
  quotaLoad(counters: string, holds: string, ...args: (string | number)[]): Promise<number>;
};

export function createRedisCounters(client: Redis): MinuteCounters {
  // defineCommand sends EVALSHA (the script text only once per connection).
  client.defineCommand("quotaHold", { numberOfKeys: 2, lua: HOLD });
  client.defineCommand("quotaRelease", { numberOfKeys: 2, lua: RELEASE });
  client.defineCommand("quotaLoad", { numberOfKeys: 2, lua: LOAD });
  const redis = client as ScriptedRedis;
  return {
    async hold(orgId, period, callId, minutes) {
      const result = await redis.quotaHold(...keys(orgId, period), callId, minutes);
      return result === 1 ? "granted" : result === 0 ? "refused" : "cold";
    },
    async release(orgId, period, callId) {
      await redis.quotaRelease(...keys(orgId, period), callId);
    },
    async read(orgId, period) {
      const [limit, used, held] = await redis.hmget(keys(orgId, period)[0], "limit", "used", "held");
      if (limit === null || used === null || held === null) return null;
      return { limit: Number(limit), used: Number(used), held: Number(held) };
    },
    async load(orgId, period, counters, holds) {
      const pairs = [...holds].flatMap(([callId, minutes]) => [callId, String(minutes)]);
      await redis.quotaLoad(...keys(orgId, period), counters.limit, counters.used, counters.held, ...pairs);
    },
  };
}

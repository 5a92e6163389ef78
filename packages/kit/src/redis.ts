import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "./logger";

/**
 * An ioredis client that fails commands fast while disconnected, and after 2 s on a connection that
 * stopped answering (callers decide what a Redis outage means; quota holds a lock across one command).
 * `enableAutoPipelining` sends the commands issued in one tick in one write (hot paths).
 */
export function createRedisClient(url: string, logger: Logger, options: Pick<RedisOptions, "enableAutoPipelining"> = {}): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 100, 2_000),
    ...options,
  });
  client.on("error", (error) => logger.warn({ err: error }, "redis connection error"));
  return client;
}

import { Cluster, Redis, type RedisOptions } from "ioredis";
import { readCaFile } from "./kafka/client";
import type { Logger } from "./logger";
import { type RedisSettings, redisTopology } from "./redis-settings";

/** A client of a standalone or Sentinel-managed Redis, or of a Redis Cluster: the commands the services use are the same. */
export type RedisClient = Redis | Cluster;

/**
 * How the services want Redis to behave: commands fail fast while disconnected, and after 2 s on a
 * connection that stopped answering (callers decide what a Redis outage means; quota holds a lock
 * across one command). `enableAutoPipelining` sends the commands issued in one tick in one write.
 */
const FAIL_FAST = {
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  connectTimeout: 2_000,
  commandTimeout: 2_000,
  retryStrategy: (times: number) => Math.min(times * 100, 2_000),
} satisfies RedisOptions;

/**
 * An ioredis client, not yet connected (`connect()`): standalone from a URL (tests), or as the
 * settings say: standalone, Sentinel (the master the Sentinels name, followed across failovers) or
 * Cluster (slots discovered from the seed nodes, MOVED/ASK followed).
 */
export function createRedisClient(target: string, logger: Logger, options?: Pick<RedisOptions, "enableAutoPipelining">): Redis;
export function createRedisClient(target: RedisSettings, logger: Logger, options?: Pick<RedisOptions, "enableAutoPipelining">): RedisClient;
export function createRedisClient(
  target: string | RedisSettings,
  logger: Logger,
  options: Pick<RedisOptions, "enableAutoPipelining"> = {},
): RedisClient {
  const client =
    typeof target === "string" ? new Redis(target, { lazyConnect: true, ...FAIL_FAST, ...options }) : fromSettings(target, options);
  client.on("error", (error) => logger.warn({ err: error }, "redis connection error"));
  return client;
}

function fromSettings(settings: RedisSettings, options: Pick<RedisOptions, "enableAutoPipelining">): RedisClient {
  const topology = redisTopology(settings);
  const tls =
    topology.tls === false ? undefined : topology.tls.caFile ? { ca: [readCaFile("REDIS_TLS_CA_FILE", topology.tls.caFile)] } : {};
  if (topology.mode === "standalone")
    return new Redis(topology.url, { lazyConnect: true, ...FAIL_FAST, ...options, ...(tls ? { tls } : {}) });
  const credentials = { username: topology.username, password: topology.password };
  if (topology.mode === "sentinel") {
    return new Redis({
      lazyConnect: true,
      ...FAIL_FAST,
      ...options,
      ...credentials,
      sentinels: topology.sentinels,
      name: topology.master,
      sentinelPassword: topology.sentinelPassword,
      ...(tls ? { tls, enableTLSForSentinelMode: true, sentinelTLS: tls } : {}),
    });
  }
  const { maxRetriesPerRequest, retryStrategy, ...perNode } = FAIL_FAST;
  return new Cluster(topology.nodes, {
    lazyConnect: true,
    enableOfflineQueue: false,
    enableAutoPipelining: options.enableAutoPipelining,
    maxRedirections: 16,
    clusterRetryStrategy: retryStrategy,
    // Managed clusters (ElastiCache, Memorystore) hand out node addresses their TLS certificates name as given.
    ...(tls ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
    redisOptions: { ...perNode, maxRetriesPerRequest, ...credentials, ...(tls ? { tls } : {}) },
  });
}

/** True when ioredis refused to send a command because it was not connected (nothing reached Redis). */
export function redisNotConnected(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.message.startsWith("Stream isn't writeable") || error.message.startsWith("Cluster isn't ready");
}

/**
 * Sends one raw command. On a Cluster, SCRIPT commands (LOAD, EXISTS, FLUSH) go to every master: a
 * script must be loaded on the node that owns the keys it later runs on, and a keyless command
 * would reach one node at random.
 */
export async function sendRedisCommand(client: RedisClient, command: string[]): Promise<unknown> {
  const [name, ...args] = command;
  if (name === undefined) throw new Error("empty Redis command");
  if (client instanceof Cluster && name.toUpperCase() === "SCRIPT") {
    const replies = await Promise.all(client.nodes("master").map((node) => node.call(name, ...args)));
    return replies[0];
  }
  return client.call(name, ...args);
}

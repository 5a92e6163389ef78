import { z } from "zod";
import { commaList, envFlag, localDefault } from "./env-values";

/**
 * How a service reaches Redis: standalone, Sentinel or Cluster, by configuration. The services that
 * use Redis (gateway, quota) spread this into their config, and pass it to `createRedisClient`; a
 * service that never touches Redis does not ask for it. The keys are
 * Cluster-safe: each org's keys share a hash tag (`quota:{org}:…`), so a script's keys share a slot.
 */
export const redisEnvShape = {
  /**
   * Standalone: the server (`redis://` or `rediss://` for TLS, user and password in the URL).
   * Sentinel and Cluster: the scheme, user and password apply to every data node; the host is
   * Cluster's first seed node and is not used with Sentinel.
   */
  REDIS_URL: localDefault(z.string().url().default("redis://127.0.0.1:6379")),
  /** `standalone` (default), `sentinel` or `cluster`. */
  REDIS_MODE: z.enum(["standalone", "sentinel", "cluster"]).default("standalone"),
  /** Cluster: more seed nodes (host:port, comma-separated) beside REDIS_URL's. Sentinel: the Sentinels. */
  REDIS_NODES: commaList(""),
  /** Sentinel: the monitored master's name. */
  REDIS_SENTINEL_MASTER: z.string().min(1).default("mymaster"),
  /** Sentinel: the Sentinels' own password, when they require one. A secret: never logged. */
  REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  /** TLS with the system's CAs (also implied by a `rediss://` REDIS_URL and by REDIS_TLS_CA_FILE). */
  REDIS_TLS: envFlag,
  /** A PEM file of the CA(s) that signed the Redis servers' certificates; turns TLS on. */
  REDIS_TLS_CA_FILE: z.string().min(1).optional(),
};

export type RedisSettings = z.infer<z.ZodObject<typeof redisEnvShape>>;

/** Problems between Redis variables: one line per problem, naming the variable. */
export function redisSettingsProblems(settings: Partial<RedisSettings>): string[] {
  if (settings.REDIS_MODE === "sentinel" && settings.REDIS_NODES?.length === 0)
    return ["REDIS_NODES: the Sentinels (host:port, comma-separated) are required with REDIS_MODE=sentinel"];
  return [];
}

export type RedisEndpoint = { host: string; port: number };

/** What a configuration asks for (pure; createRedisClient turns it into ioredis options). */
export type RedisTopology =
  | { mode: "standalone"; url: string; tls: false | { caFile?: string } }
  | { mode: "cluster"; nodes: RedisEndpoint[]; username?: string; password?: string; tls: false | { caFile?: string } }
  | {
      mode: "sentinel";
      sentinels: RedisEndpoint[];
      master: string;
      username?: string;
      password?: string;
      sentinelPassword?: string;
      tls: false | { caFile?: string };
    };

const endpoint = (hostPort: string): RedisEndpoint => {
  const at = hostPort.lastIndexOf(":");
  return at < 0 ? { host: hostPort, port: 6379 } : { host: hostPort.slice(0, at), port: Number(hostPort.slice(at + 1)) };
};

export function redisTopology(settings: RedisSettings): RedisTopology {
  const url = new URL(settings.REDIS_URL);
  const tlsOn = settings.REDIS_TLS || settings.REDIS_TLS_CA_FILE !== undefined || url.protocol === "rediss:";
  const tls = tlsOn ? (settings.REDIS_TLS_CA_FILE ? { caFile: settings.REDIS_TLS_CA_FILE } : {}) : false;
  if (settings.REDIS_MODE === "standalone") return { mode: "standalone", url: settings.REDIS_URL, tls };
  const credentials = {
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
  if (settings.REDIS_MODE === "cluster") {
    const seed = { host: url.hostname, port: url.port ? Number(url.port) : 6379 };
    return { mode: "cluster", nodes: [seed, ...settings.REDIS_NODES.map(endpoint)], ...credentials, tls };
  }
  return {
    mode: "sentinel",
    sentinels: settings.REDIS_NODES.map(endpoint),
    master: settings.REDIS_SENTINEL_MASTER,
    ...credentials,
    ...(settings.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: settings.REDIS_SENTINEL_PASSWORD } : {}),
    tls,
  };
}

import { parseConfig } from "./config";
import { redisEnvShape, redisTopology } from "./redis-settings";

const topology = (env: Record<string, string>) => redisTopology(parseConfig(redisEnvShape, env));

describe("redisTopology", () => {
  it("is the standalone server of REDIS_URL by default, with TLS for rediss://", () => {
    expect(topology({})).toEqual({ mode: "standalone", url: "redis://127.0.0.1:6379", tls: false });
    expect(topology({ REDIS_URL: "rediss://:pw@cache.internal:6380" }).tls).toEqual({});
    expect(topology({ REDIS_URL: "redis://cache.internal", REDIS_TLS_CA_FILE: "/etc/voxbridge/redis/ca.pem" }).tls).toEqual({
      caFile: "/etc/voxbridge/redis/ca.pem",
    });
  });

  it("cluster: REDIS_URL's host is the first seed, REDIS_NODES the others, its user and password every node's", () => {
    expect(
      topology({
        REDIS_MODE: "cluster",
        REDIS_URL: "rediss://app:s%40cret@node-1.cache:6379",
        REDIS_NODES: "node-2.cache:6379, node-3.cache",
      }),
    ).toEqual({
      mode: "cluster",
      nodes: [
        { host: "node-1.cache", port: 6379 },
        { host: "node-2.cache", port: 6379 },
        { host: "node-3.cache", port: 6379 },
      ],
      username: "app",
      password: "s@cret",
      tls: {},
    });
  });

  it("sentinel: the Sentinels from REDIS_NODES and the master's name; REDIS_URL gives the master's password", () => {
    expect(
      topology({
        REDIS_MODE: "sentinel",
        REDIS_URL: "redis://:pw@unused",
        REDIS_NODES: "sentinel-1:26379,sentinel-2:26379",
        REDIS_SENTINEL_MASTER: "voxbridge",
        REDIS_SENTINEL_PASSWORD: "sentinel-pw",
      }),
    ).toEqual({
      mode: "sentinel",
      sentinels: [
        { host: "sentinel-1", port: 26379 },
        { host: "sentinel-2", port: 26379 },
      ],
      master: "voxbridge",
      password: "pw",
      sentinelPassword: "sentinel-pw",
      tls: false,
    });
  });

  it("refuses Sentinel mode without Sentinels", () => {
    expect(() => parseConfig(redisEnvShape, { REDIS_MODE: "sentinel" })).toThrow(
      /REDIS_NODES: the Sentinels .* are required with REDIS_MODE=sentinel/,
    );
  });
});

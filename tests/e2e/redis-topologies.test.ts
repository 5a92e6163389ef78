import { createLogger, createRedisClient, parseConfig, type RedisClient, redisEnvShape, sendRedisCommand } from "@voxbridge/kit";
import { apiClient } from "../support/api-client";
import {
  type PrivateRedis,
  type PrivateRedisCluster,
  type PrivateRedisSentinel,
  startPrivateRedis,
  startPrivateRedisCluster,
  startPrivateRedisSentinel,
} from "../support/private-redis";
import { provisionOrg, startStack, type TestStack } from "../support/stack";

// Redis as a platform team runs it: a standalone server, a master watched by Sentinel, and a
// three-master Cluster, each the test's own redis-server processes, chosen by configuration alone.
const silent = createLogger({ service: "test", level: "silent" });
let standalone: PrivateRedis;
let sentinel: PrivateRedisSentinel;
let cluster: PrivateRedisCluster;

beforeAll(async () => {
  [standalone, sentinel, cluster] = await Promise.all([startPrivateRedis(), startPrivateRedisSentinel(), startPrivateRedisCluster(3)]);
}, 60_000);

afterAll(async () => {
  await Promise.all([standalone?.stop(), sentinel?.stop(), cluster?.stop()]);
});

const environments = () =>
  ({
    standalone: { REDIS_URL: standalone.url },
    sentinel: { REDIS_MODE: "sentinel", REDIS_URL: "redis://127.0.0.1", REDIS_NODES: sentinel.sentinels },
    cluster: { REDIS_MODE: "cluster", REDIS_URL: cluster.url, REDIS_NODES: cluster.nodes.join(",") },
  }) satisfies Record<string, Record<string, string>>;

// Two keys of one org (one hash tag, so one Cluster slot), as quota's scripts use them.
const ADD_TO_BOTH = "redis.call('HINCRBY', KEYS[1], 'n', ARGV[1]); return redis.call('HINCRBY', KEYS[2], 'n', ARGV[1])";

describe("the kit's Redis client, by REDIS_MODE", () => {
  it.each(["standalone", "sentinel", "cluster"] as const)(
    "%s: runs a script over one org's keys, and loaded scripts reach keys of every org",
    async (mode) => {
      const client: RedisClient = createRedisClient(parseConfig(redisEnvShape, environments()[mode]), silent);
      await client.connect();
      try {
        await expect(client.eval(ADD_TO_BOTH, 2, `test:{org-a}:holds`, `test:{org-a}:2026-12`, 3)).resolves.toBe(3);
        // Loaded once (on every master of a Cluster), then run by hash for orgs in different slots.
        const sha = String(await sendRedisCommand(client, ["SCRIPT", "LOAD", ADD_TO_BOTH]));
        for (const org of ["org-b", "org-c", "org-d", "org-e", "org-f"])
          await expect(sendRedisCommand(client, ["EVALSHA", sha, "2", `test:{${org}}:holds`, `test:{${org}}:2026-12`, "2"])).resolves.toBe(
            2,
          );
      } finally {
        await client.quit();
      }
    },
  );

  it("cluster: spreads orgs over slots, and refuses a script whose keys are in different slots (why an org's keys share a hash tag)", async () => {
    const client = createRedisClient(parseConfig(redisEnvShape, environments().cluster), silent);
    await client.connect();
    try {
      const slots = await Promise.all(
        ["org-b", "org-c", "org-d", "org-e", "org-f"].map((org) => client.call("CLUSTER", "KEYSLOT", `{${org}}`)),
      );
      expect(new Set(slots).size).toBe(5);
      await expect(client.eval(ADD_TO_BOTH, 2, "test:{org-a}:holds", "test:{org-z}:2026-12", 1)).rejects.toThrow(/CROSSSLOT|same slot/);
    } finally {
      await client.quit();
    }
  });
});

describe("the gateway and quota on a Redis Cluster", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ ...environments().cluster, RATE_LIMIT_PER_WINDOW: "4", RATE_LIMIT_WINDOW_MS: "600000" });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("holds minutes in the Cluster and limits a key's requests through it", async () => {
    const { apiKey, orgId } = await provisionOrg({ minutes: 10 });
    const api = apiClient(stack.gatewayUrl, apiKey);
    const created = await api.post("/v1/calls/outbound", {
      to: "+15551230001",
      schedule_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(created.status).toBe(201);
    const client = createRedisClient(parseConfig(redisEnvShape, environments().cluster), silent);
    await client.connect();
    try {
      // quota's hold script wrote the org's holds on whichever master owns its slot.
      await expect(client.hexists(`quota:{${orgId}}:holds`, "held")).resolves.toBe(1);
    } finally {
      await client.quit();
    }
    // Four requests in the window pass (one was the create), the fifth is limited: the limiter's
    // scripts ran on the Cluster rather than failing open.
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.get("/v1/usage")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

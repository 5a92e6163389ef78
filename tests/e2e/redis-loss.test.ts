import { CallOut, UsageOut } from "@voxbridge/contracts";
import { createLogger, createRedisClient } from "@voxbridge/kit";
import { apiClient, errorType } from "../support/api-client";
import { testRedisUrl } from "../support/env";
import { eventually } from "../support/eventually";
import { provisionOrg, startStack, type TestStack } from "../support/stack";

let stack: TestStack;
let redis: ReturnType<typeof createRedisClient>;

beforeAll(async () => {
  // Calls talk 1 s, so each is billed exactly one minute, the minute its hold reserved.
  stack = await startStack({ SIM_TALK_SECONDS: "1" });
  redis = createRedisClient(testRedisUrl(), createLogger({ service: "test", level: "silent" }));
  await redis.connect();
});

afterAll(async () => {
  await stack?.stop();
  redis?.disconnect();
});

/** What FLUSHALL does to one org's minute counters, without disturbing the tests running beside this one. */
async function wipeQuotaKeys(orgId: string): Promise<void> {
  const keys = await redis.keys(`quota:{${orgId}}:*`);
  if (keys.length > 0) await redis.del(...keys);
}

describe("Redis losing quota's counters mid-traffic, through all four services", () => {
  it("accepts exactly the org's minutes, dials each accepted call once, and bills each once", async () => {
    const org = await provisionOrg({ minutes: 20 });
    const api = apiClient(stack.gatewayUrl, org.apiKey);

    let wiping = true;
    let wipes = 0;
    const wiper = (async () => {
      while (wiping) {
        await wipeQuotaKeys(org.orgId);
        wipes++;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    try {
      // 40 partners' requests at once for 20 minutes; numbers ending 1000-1039 are answered by the simulator.
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => api.post("/v1/calls/outbound", { to: `+1555123${1000 + i}` })),
      );
      const accepted = answers.filter((answer) => answer.status === 201).map((answer) => CallOut.parse(answer.body));
      const refused = answers.filter((answer) => answer.status !== 201);
      expect(accepted).toHaveLength(20);
      expect(refused.map((answer) => [answer.status, errorType(answer)])).toEqual(Array(20).fill([402, "quota_exceeded"]));

      // The accepted calls are dialed, talk and complete while the counters keep vanishing.
      for (const call of accepted) {
        await eventually(
          `call ${call.id} completed`,
          async () => {
            const fetched = CallOut.parse((await api.get(`/v1/calls/${call.id}`)).body);
            return fetched.status === "completed" && fetched;
          },
          30_000,
        );
      }
      // Every accepted call was dialed once.
      for (const call of accepted) {
        const fetched = CallOut.parse((await api.get(`/v1/calls/${call.id}`)).body);
        expect(fetched.attempt_count).toBe(1);
      }
    } finally {
      wiping = false;
      await wiper;
    }
    expect(wipes).toBeGreaterThan(3);

    // Usage settles once the last settlement is in: 20 minutes billed, nothing held, nothing left.
    const usage = await eventually("usage settled", async () => {
      const current = UsageOut.parse((await api.get("/v1/usage")).body);
      return current.minutes_reserved === 0 && current;
    });
    expect(usage).toMatchObject({ minutes_limit: 20, minutes_used: 20, minutes_reserved: 0, minutes_remaining: 0 });
    const more = await api.post("/v1/calls/outbound", { to: "+15551239999" });
    expect([more.status, errorType(more)]).toEqual([402, "quota_exceeded"]);
  });
});

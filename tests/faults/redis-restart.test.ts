import { CallOut, ErrorEnvelope, UsageOut } from "@voxbridge/contracts";
import { request } from "undici";
import { finalCall } from "../e2e/dialer-support";
import { type ApiClient, apiClient } from "../support/api-client";
import { eventually } from "../support/eventually";
import { type PrivateRedis, startPrivateRedis } from "../support/private-redis";
import { provisionOrg, startStack, type TestStack } from "../support/stack";

// Redis (minute counters, rate limits) killed under traffic and restarted empty, as a Redis that
// keeps nothing on disk comes back. The four services run in this process against it.
const LIMIT = 60;
let redis: PrivateRedis;
let stack: TestStack;
let api: ApiClient;

beforeAll(async () => {
  redis = await startPrivateRedis();
  stack = await startStack({ REDIS_URL: redis.url, SIM_RING_SECONDS: "0.1", SIM_TALK_SECONDS: "1" });
  api = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: LIMIT })).apiKey);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  await redis?.stop();
});

describe("a Redis restart under traffic", () => {
  it("answers 503 meanwhile, and leaves the org its full remaining minutes at once afterwards", async () => {
    const accepted: string[] = [];
    const answers: { status: number; ms: number; type: string | null }[] = [];
    const send = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const started = Date.now();
        const response = await api.post("/v1/calls/outbound", { to: "+15551234567" });
        answers.push({
          status: response.status,
          ms: Date.now() - started,
          type: response.status >= 400 ? ErrorEnvelope.parse(response.body).error.type : null,
        });
        if (response.status === 201) accepted.push(CallOut.parse(response.body).id);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    await send(5);
    await redis.stop();
    const outage = send(40);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await redis.start();
    await outage;
    await eventually("quota ready again", async () => (await request(`${stack.serviceUrls.quota}/readyz`)).statusCode === 200, 30_000);
    await send(5);

    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(10);
    expect(refused.every((a) => a.type === "dependency_unavailable")).toBe(true);
    expect([...new Set(answers.map((a) => a.status))].sort()).toEqual([201, 503]);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(10_000);

    for (const id of accepted) expect((await finalCall(api, id, 30_000)).status).toBe("completed");
    // Every refused request held nothing: the org has exactly limit - used, nothing reserved.
    const usage = await eventually("usage settled", async () => {
      const now = UsageOut.parse((await api.get("/v1/usage")).body);
      return now.minutes_reserved === 0 ? now : null;
    });
    expect(usage).toMatchObject({ minutes_used: accepted.length, minutes_remaining: LIMIT - accepted.length });
    expect((await api.post("/v1/calls/outbound", { to: "+15551234567" })).status).toBe(201);
    console.log(
      `fault redis-restart: ${answers.length} requests, ${accepted.length} calls accepted, ${refused.length} answered 503, ` +
        `0 other 5xx, 0 lost, 0 doubled; ${usage.minutes_remaining} of ${LIMIT} minutes left, none reserved`,
    );
  }, 120_000);
});

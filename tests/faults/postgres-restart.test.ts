import { CallOut, ErrorEnvelope, UsageOut } from "@voxbridge/contracts";
import { migrateDialer } from "@voxbridge/dialer/migrate";
import { migrateGateway } from "@voxbridge/gateway/migrate";
import { migrateQuota } from "@voxbridge/quota/migrate";
import { migrateWebhooks } from "@voxbridge/webhooks/migrate";
import { startReceiver } from "@voxbridge/webhooks/test-harness";
import { request } from "undici";
import { createCall, dialLog, finalCall } from "../e2e/dialer-support";
import { type ApiClient, apiClient } from "../support/api-client";
import { eventually } from "../support/eventually";
import { type PrivatePostgres, startPrivatePostgres } from "../support/private-postgres";
import { provisionOrg, startStack, type TestStack } from "../support/stack";

// Postgres restarted under traffic, with all four services in this process: an unhandled pool
// "error" event would end the Jest worker, so merely finishing proves every process survived.
const OUTAGE_MS = 6_000;
const log = dialLog();
let postgres: PrivatePostgres;
let stack: TestStack;
let api: ApiClient;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  postgres = await startPrivatePostgres();
  for (const apply of [migrateGateway, migrateQuota, migrateDialer, migrateWebhooks]) await apply(postgres.url);
  stack = await startStack({
    DATABASE_URL: postgres.url,
    SIM_RING_SECONDS: "0.1",
    SIM_TALK_SECONDS: "3",
    SIM_DIAL_LOG: log.file,
    DIALER_RETRY_DELAY_SECONDS: "0.2",
    DIALER_POLL_INTERVAL_MS: "500",
    WEBHOOK_RETRY_SCHEDULE: "0.2,0.5,1,2,4,8",
  });
  const org = await provisionOrg({ minutes: 1000, databaseUrl: postgres.url });
  api = apiClient(stack.gatewayUrl, org.apiKey);
  receiver = await startReceiver();
  expect((await api.post("/v1/webhook-endpoints", { url: receiver.url })).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await receiver?.close();
  await stack?.stop();
  postgres?.destroy();
  log.remove();
});

const readiness = async (url: string) => (await request(`${url}/readyz`, { headersTimeout: 10_000 })).statusCode;

describe("a Postgres restart under traffic", () => {
  it("answers 503 with the envelope meanwhile, recovers without a restart, and loses, doubles or re-dials nothing", async () => {
    const accepted: string[] = [];
    const answers: { status: number; ms: number; type: string | null }[] = [];
    let sending = true;
    const send = async () => {
      while (sending) {
        const started = Date.now();
        const response = await api.post("/v1/calls/outbound", { to: "+15551234567" });
        const type = response.status >= 400 ? ErrorEnvelope.parse(response.body).error.type : null;
        answers.push({ status: response.status, ms: Date.now() - started, type });
        if (response.status === 201) accepted.push(CallOut.parse(response.body).id);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const senders = [send(), send()];

    // Calls are talking (3 s) when the server goes away.
    await eventually("calls talking", async () => accepted.length >= 6);
    await new Promise((resolve) => setTimeout(resolve, 500));
    postgres.stop();
    const down = Date.now();
    const readyDuring = await readiness(stack.serviceUrls.gateway);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (Date.now() - down)));
    postgres.start();
    for (const url of Object.values(stack.serviceUrls)) {
      await eventually(`${url} ready again`, async () => (await readiness(url)) === 200, 30_000);
    }
    await eventually("a call accepted after the restart", async () => answers.slice(-3).every((a) => a.status === 201));
    sending = false;
    await Promise.all(senders);

    expect(readyDuring).toBe(503);
    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses].sort()).toEqual([201, 503]);
    expect(answers.filter((a) => a.status === 503).every((a) => a.type === "dependency_unavailable")).toBe(true);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(10_000);

    // Every acknowledged call ends exactly once, completed, dialed once: the blink re-dials nothing.
    for (const id of accepted) expect((await finalCall(api, id, 60_000)).status).toBe("completed");
    const redialed = accepted.filter((id) => log.dialsOf(id).length !== 1);
    expect(redialed).toEqual([]);

    // Minutes: each 3 s call bills one minute; nothing stays reserved.
    const usage = await eventually("usage settled", async () => {
      const now = UsageOut.parse((await api.get("/v1/usage")).body);
      return now.minutes_reserved === 0 && now.minutes_used === accepted.length ? now : null;
    });
    expect(usage.minutes_remaining).toBe(1000 - accepted.length);

    // Every event reaches the partner: queued, calling, completed per call, one webhook-id each.
    await eventually(
      "every event delivered",
      async () => new Set(receiver.received.map((r) => r.headers["webhook-id"])).size >= accepted.length * 3,
      60_000,
    );
    const byType = new Map<string, Set<string>>();
    for (const received of receiver.received) {
      const body = JSON.parse(received.body) as { type: string; data: { id: string } };
      byType.set(body.type, (byType.get(body.type) ?? new Set()).add(body.data.id));
    }
    for (const type of ["call.queued", "call.calling", "call.completed"])
      expect([type, byType.get(type)?.size]).toEqual([type, accepted.length]);

    const refused = answers.filter((a) => a.status === 503).length;
    console.log(
      `fault postgres-restart: ${answers.length} requests, ${accepted.length} calls accepted, ${refused} answered 503, ` +
        `0 other 5xx, 0 lost, ${redialed.length} re-dialed, 0 doubled; slowest answer ${Math.max(...answers.map((a) => a.ms))} ms`,
    );

    // And the stack still takes and completes new calls.
    const after = await createCall(api, { to: "+15551234567" });
    expect((await finalCall(api, after.id)).status).toBe("completed");
  }, 180_000);
});

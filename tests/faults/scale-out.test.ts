import { startReceiver } from "@voxbridge/webhooks/test-harness";
import pg from "pg";
import { dialLog } from "../e2e/dialer-support";
import { apiClient } from "../support/api-client";
import { testDatabaseUrl } from "../support/env";
import { SERVICES, type ServiceProcesses, startServiceProcesses } from "../support/service-processes";
import { provisionOrg } from "../support/stack";
import { expectNothingLost, faultLine, partnerTraffic } from "./partner-traffic";

// Two instances of every service on one Kafka (call events: 12 partitions) and one Postgres, 600
// calls with mixed outcomes, and one instance of each service SIGKILLed mid-run and left dead.
const CALLS = 600;
const MINUTES = 5_000;
const log = dialLog();
let system: ServiceProcesses;
let apiKey: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

/** Six in ten answer, two ring out, one is busy, one is rejected (the simulator's last four digits). */
const numberFor = (n: number) => {
  const kind = n % 10;
  if (kind === 6 || kind === 7) return "+14155570001";
  if (kind === 8) return "+14155570002";
  if (kind === 9) return "+14155570003";
  return `+1415556${String(1000 + n)}`;
};
const expectedStatus = (to: string) => (/000[123]$/.test(to) ? "failed" : "completed");

beforeAll(async () => {
  system = await startServiceProcesses(
    {
      SIM_RING_SECONDS: "0.1",
      SIM_TALK_SECONDS: "1",
      SIM_DIAL_LOG: log.file,
      DIALER_RETRY_DELAY_SECONDS: "0.2",
      DIALER_POLL_INTERVAL_MS: "500",
      DIALER_ORG_CONCURRENCY: "100",
      WEBHOOK_RETRY_SCHEDULE: "0.2,0.5,1,2,4,8",
      // A dead instance's leased deliveries are retried once the lease (timeout + 15 s) ends.
      WEBHOOK_TIMEOUT_MS: "2000",
      SHUTDOWN_TIMEOUT_MS: "5000",
    },
    { instances: 2 },
  );
  apiKey = (await provisionOrg({ minutes: MINUTES })).apiKey;
  receiver = await startReceiver();
  expect((await apiClient(system.urls.gateway, apiKey).post("/v1/webhook-endpoints", { url: receiver.url })).status).toBe(201);
}, 240_000);

afterAll(async () => {
  await receiver?.close();
  await system?.stop();
  log.remove();
});

describe("scale-out: two instances of every service, one of each SIGKILLed mid-run", () => {
  it(`ends each of ${CALLS} calls exactly once, dials no attempt twice, delivers each event once and bills what completed`, async () => {
    const gateways = [system.urlOf("gateway", 0), system.urlOf("gateway", 1)];
    const traffic = partnerTraffic(gateways, apiKey, { numberFor, total: CALLS, concurrency: 6 });
    await traffic.flowing("a third of the calls accepted", CALLS / 3);
    await Promise.all(SERVICES.map((service) => system.kill(service, 1)));
    await traffic.done();
    const answered = await traffic.stop();
    expect(answered.created).toHaveLength(CALLS);

    const counts = await expectNothingLost({
      traffic: answered,
      gatewayUrl: gateways[0] as string,
      apiKey,
      minutes: MINUTES,
      log,
      receiver,
      system,
      expectedStatus,
    });

    // How the work split (from the services' own records, for the report only).
    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    const ids = counts.finals.map((c) => c.id);
    const dialers = await db.query<{ owner_id: string; attempts: number }>(
      `SELECT owner_id, count(*)::int AS attempts FROM dialer.dial_attempts WHERE call_id = ANY($1::uuid[]) GROUP BY owner_id ORDER BY 2 DESC`,
      [ids],
    );
    await db.end();
    expect(dialers.rows.length).toBeGreaterThanOrEqual(2);
    const byGateway = [0, 1].map((g) => answered.created.filter((c) => c.gateway === g).length);
    const outcomes: Record<string, number> = {};
    for (const c of counts.finals) outcomes[c.status] = (outcomes[c.status] ?? 0) + 1;
    console.log(
      `${faultLine("scale-out", counts)}; outcomes ${JSON.stringify(outcomes)}; created by gateway 0/1: ${byGateway.join("/")}; ` +
        `attempts by dialer instance: ${dialers.rows.map((r) => r.attempts).join("/")} (${dialers.rows.length} instances)`,
    );
  }, 600_000);
});

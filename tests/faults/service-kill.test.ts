import { startReceiver } from "@voxbridge/webhooks/test-harness";
import { dialLog } from "../e2e/dialer-support";
import { apiClient } from "../support/api-client";
import { SERVICES, type ServiceProcesses, startServiceProcesses } from "../support/service-processes";
import { provisionOrg } from "../support/stack";
import { expectNothingLost, faultLine, partnerTraffic } from "./partner-traffic";

// Each service, a process of its own, SIGKILLed under traffic and started again; the system is
// judged only from outside: the partner's HTTP answers, its webhook receiver, the carrier's dial log.
const MINUTES = 5_000;
const log = dialLog();
let system: ServiceProcesses;
let apiKey: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  system = await startServiceProcesses({
    SIM_RING_SECONDS: "0.1",
    SIM_TALK_SECONDS: "2",
    SIM_DIAL_LOG: log.file,
    DIALER_RETRY_DELAY_SECONDS: "0.2",
    DIALER_POLL_INTERVAL_MS: "500",
    WEBHOOK_RETRY_SCHEDULE: "0.2,0.5,1,2,4,8",
    SHUTDOWN_TIMEOUT_MS: "5000",
  });
  apiKey = (await provisionOrg({ minutes: MINUTES })).apiKey;
  // A receiver slow enough that deliveries are in flight when the webhooks service dies.
  receiver = await startReceiver(() => ({ status: 200, delayMs: 300 }));
  expect((await apiClient(system.urls.gateway, apiKey).post("/v1/webhook-endpoints", { url: receiver.url })).status).toBe(201);
}, 180_000);

afterAll(async () => {
  await receiver?.close();
  await system?.stop();
  log.remove();
});

describe("every service SIGKILLed mid-burst, one after another", () => {
  it("loses, doubles and re-dials nothing; answers only 201 or a 503 envelope; delivers every event", async () => {
    const traffic = partnerTraffic(system.urls.gateway, apiKey);
    const downtime: string[] = [];
    for (const service of SERVICES) {
      // Calls are being accepted, dialed and are talking when the process dies.
      await traffic.flowing(`calls flowing before the ${service} is killed`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const killedAt = Date.now();
      await system.kill(service);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await system.start(service);
      downtime.push(`${service} ${Date.now() - killedAt} ms`);
    }
    await traffic.flowing("calls flowing after the last restart");
    const counts = await expectNothingLost({
      traffic: await traffic.stop(),
      gatewayUrl: system.urls.gateway,
      apiKey,
      minutes: MINUTES,
      log,
      receiver,
      system,
    });
    console.log(faultLine("service-kill", counts, `; down from SIGKILL to ready: ${downtime.join(", ")}`));
  }, 420_000);
});

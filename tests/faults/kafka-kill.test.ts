import { startReceiver } from "@voxbridge/webhooks/test-harness";
import { dialLog } from "../e2e/dialer-support";
import { apiClient } from "../support/api-client";
import { type PrivateKafka, startPrivateKafka } from "../support/private-kafka";
import { type ServiceProcesses, startServiceProcesses } from "../support/service-processes";
import { provisionOrg } from "../support/stack";
import { expectNothingLost, faultLine, partnerTraffic } from "./partner-traffic";

// The Kafka broker SIGKILLed under traffic and restarted on its data, with the four services as
// processes of their own. The broker is the test's own, so no other test loses its Kafka.
const MINUTES = 5_000;
const OUTAGE_MS = 5_000;
const log = dialLog();
let kafka: PrivateKafka;
let system: ServiceProcesses;
let apiKey: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  kafka = await startPrivateKafka();
  system = await startServiceProcesses({
    KAFKA_BROKERS: kafka.brokers,
    SIM_RING_SECONDS: "0.1",
    SIM_TALK_SECONDS: "2",
    SIM_DIAL_LOG: log.file,
    DIALER_RETRY_DELAY_SECONDS: "0.2",
    DIALER_POLL_INTERVAL_MS: "500",
    WEBHOOK_RETRY_SCHEDULE: "0.2,0.5,1,2,4,8",
    SHUTDOWN_TIMEOUT_MS: "5000",
  });
  apiKey = (await provisionOrg({ minutes: MINUTES })).apiKey;
  receiver = await startReceiver();
  expect((await apiClient(system.urls.gateway, apiKey).post("/v1/webhook-endpoints", { url: receiver.url })).status).toBe(201);
}, 240_000);

afterAll(async () => {
  await receiver?.close();
  await system?.stop();
  await kafka?.destroy();
  log.remove();
});

describe("the Kafka broker SIGKILLed under traffic", () => {
  it("keeps accepting calls, catches up by itself once the broker is back, and loses or doubles nothing", async () => {
    const traffic = partnerTraffic(system.urls.gateway, apiKey);
    await traffic.flowing("calls flowing before the broker is killed");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await kafka.kill();
    const down = Date.now();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    // Calls are still accepted while the broker is away: the outbox holds their events.
    await traffic.flowing("calls accepted while the broker is down", 4);
    await kafka.start();
    const outage = Date.now() - down;
    await traffic.flowing("calls flowing after the broker is back");
    const counts = await expectNothingLost({
      traffic: await traffic.stop(),
      gatewayUrl: system.urls.gateway,
      apiKey,
      minutes: MINUTES,
      log,
      receiver,
      system,
    });
    console.log(faultLine("kafka-kill", counts, `; broker down ${outage} ms`));
  }, 420_000);
});

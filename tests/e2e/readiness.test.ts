import { CallOut } from "@voxbridge/contracts";
import { createLogger, topicNames } from "@voxbridge/kit";
import { type RunningQuota, startQuota } from "@voxbridge/quota";
import { loadQuotaConfig } from "@voxbridge/quota/config";
import { request } from "undici";
import { apiClient } from "../support/api-client";
import { eventually } from "../support/eventually";
import { type PrivateKafka, startPrivateKafka } from "../support/private-kafka";
import { type PrivateRedis, startPrivateRedis } from "../support/private-redis";
import { deleteTopics, newTopicPrefix, provisionOrg, stackEnv, startGatewayAlone } from "../support/stack";

// A gateway on a Kafka broker and a Redis of the test's own, which the test really stops. Readiness
// is read exactly as the manifests' readinessProbe reads it: GET /readyz on the management port.
let kafka: PrivateKafka;
let redis: PrivateRedis;
let quota: RunningQuota;
let gateway: Awaited<ReturnType<typeof startGatewayAlone>>;
let topicPrefix: string;
const silent = createLogger({ service: "test", level: "silent" });

beforeAll(async () => {
  [kafka, redis] = await Promise.all([startPrivateKafka(), startPrivateRedis()]);
  // Quota keeps the machine's servers: only the gateway's own dependencies go down.
  topicPrefix = newTopicPrefix();
  quota = await startQuota(loadQuotaConfig(stackEnv(topicPrefix)), silent);
  gateway = await startGatewayAlone(silent, {
    KAFKA_BROKERS: kafka.brokers,
    REDIS_URL: redis.url,
    QUOTA_URL: `http://127.0.0.1:${quota.port}`,
  });
}, 180_000);

afterAll(async () => {
  await gateway?.gateway.stop();
  await quota?.stop();
  await deleteTopics(Object.values(topicNames(topicPrefix))).catch(() => undefined);
  await redis?.stop();
  await kafka?.destroy();
}, 60_000);

const managementUrl = () => `http://127.0.0.1:${gateway.gateway.managementPort}`;
const getJson = async (url: string) => {
  const response = await request(url);
  return { status: response.statusCode, text: await response.body.text() };
};
type Diagnostics = { status: string; dependencies: { name: string; gates_readiness: boolean; ok: boolean; error?: string }[] };
const dependency = async (name: string) => {
  const { text } = await getJson(`${managementUrl()}/diagnostics`);
  return (JSON.parse(text) as Diagnostics).dependencies.find((d) => d.name === name);
};

describe("gateway readiness with its dependencies really stopped", () => {
  it("stays ready and serving with Kafka down, then with Redis down too; diagnostics and metrics say what is down", async () => {
    const org = await provisionOrg();
    const api = apiClient(gateway.url, org.apiKey);
    expect((await getJson(`${managementUrl()}/readyz`)).status).toBe(200);

    await kafka.kill();
    // Proof the gateway looked: its diagnostics see the broker gone.
    await eventually("kafka diagnosed down", async () => (await dependency("kafka"))?.ok === false, 30_000);
    const probe = await getJson(`${managementUrl()}/readyz`);
    expect([probe.status, JSON.parse(probe.text)]).toEqual([200, { status: "ready", checks: { postgres: "ok" } }]);
    const acceptedWithoutKafka = await api.post("/v1/calls/outbound", { to: "+15551234567" });
    expect(acceptedWithoutKafka.status).toBe(201);
    const call = CallOut.parse(acceptedWithoutKafka.body);
    expect((await api.get(`/v1/calls/${call.id}`)).status).toBe(200);
    expect((await dependency("kafka"))?.gates_readiness).toBe(false);
    const metrics = (await getJson(`${managementUrl()}/metrics`)).text;
    expect(metrics).toMatch(/^voxbridge_dependency_up\{dependency="kafka",voxbridge_service="gateway"\} 0$/m);
    expect(metrics).toMatch(/^voxbridge_ready\{voxbridge_service="gateway"\} 1$/m);

    await redis.stop();
    await eventually("redis diagnosed down", async () => (await dependency("redis"))?.ok === false, 30_000);
    expect((await getJson(`${managementUrl()}/readyz`)).status).toBe(200);
    // Reads keep working and the rate limiter fails open: creates are still accepted.
    expect((await api.get(`/v1/calls/${call.id}`)).status).toBe(200);
    const acceptedWithoutEither = await api.post("/v1/calls/outbound", { to: "+15551234568" });
    expect(acceptedWithoutEither.status).toBe(201);
    expect(await getJson(`${managementUrl()}/metrics`)).toMatchObject({
      text: expect.stringMatching(/^voxbridge_dependency_up\{dependency="redis",voxbridge_service="gateway"\} 0$/m),
    });

    // The public port says only "ready": no dependency name, no error text.
    const publicProbe = await getJson(`${gateway.url}/readyz`);
    expect([publicProbe.status, publicProbe.text]).toEqual([200, JSON.stringify({ status: "ready" })]);
    expect((await getJson(`${gateway.url}/diagnostics`)).status).toBe(404);

    // Both accepted calls waited in the outbox, and are published once Kafka is back.
    await Promise.all([kafka.start(), redis.start()]);
    await eventually(
      "the outbox drained into Kafka",
      async () => {
        const text = (await getJson(`${managementUrl()}/metrics`)).text;
        const published = Number(/^voxbridge_outbox_published_total\{[^}]*\} (\d+)$/m.exec(text)?.[1] ?? 0);
        const backlog = Number(/^voxbridge_outbox_backlog_rows\{[^}]*\} (\d+)$/m.exec(text)?.[1] ?? -1);
        return published >= 2 && backlog === 0;
      },
      90_000,
    );
    await eventually(
      "kafka and redis diagnosed up",
      async () => (await dependency("kafka"))?.ok && (await dependency("redis"))?.ok,
      30_000,
    );
  }, 240_000);
});

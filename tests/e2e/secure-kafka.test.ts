import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { CallOut } from "@voxbridge/contracts";
import {
  createKafka,
  createLogger,
  createProducer,
  ensureTopics,
  type KafkaSettings,
  kafkaEnvShape,
  parseConfig,
  topicNames,
  topicSettings,
} from "@voxbridge/kit";
import { startReceiver } from "@voxbridge/webhooks/test-harness";
import pg from "pg";
import { apiClient } from "../support/api-client";
import { testDatabaseUrl } from "../support/env";
import { eventually } from "../support/eventually";
import { type PrivateKafka, startPrivateKafka } from "../support/private-kafka";
import { SERVICES, type ServiceProcesses, startServiceProcesses } from "../support/service-processes";
import { provisionOrg } from "../support/stack";

// A broker of the test's own whose only client listener requires SASL over TLS, with a CA of its own
// (`infra/kafka/kafka.sh start-secure`), as MSK, Confluent Cloud and Redpanda Cloud do. One broker
// serves both parts, to keep the suite's time down.
let kafka: PrivateKafka;

beforeAll(async () => {
  kafka = await startPrivateKafka({ secure: true });
}, 180_000);

afterAll(async () => {
  await kafka?.destroy();
});

/** A logger whose lines the test reads. */
function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ service: "test", level: "debug", destination }) };
}

const settingsWith = (overrides: Record<string, string | undefined>): KafkaSettings =>
  parseConfig(kafkaEnvShape, { ...kafka.clientEnv, KAFKA_CONNECTION_TIMEOUT_MS: "2000", ...overrides });

describe("the kit's Kafka client against a broker that requires SASL over TLS", () => {
  it.each(["scram-sha-256", "scram-sha-512", "plain"])(
    "creates topics, produces and consumes with SASL/%s and the CA file",
    async (mechanism) => {
      const settings = settingsWith({ KAFKA_SASL_MECHANISM: mechanism, KAFKA_TOPIC_PREFIX: `test-${randomBytes(4).toString("hex")}.` });
      const { lines, logger } = capturingLogger();
      const client = createKafka({ clientId: `secure-${mechanism}`, settings, logger });
      const admin = client.admin();
      const producer = createProducer(client, logger);
      const consumer = client.consumer({ groupId: `${settings.KAFKA_TOPIC_PREFIX}group` });
      await admin.connect();
      try {
        await ensureTopics(admin, topicSettings(settings));
        const topic = topicNames(settings.KAFKA_TOPIC_PREFIX).deadLetter;
        await producer.connect();
        await producer.send({ topic, messages: [{ key: "k", value: mechanism }] });
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        const received: string[] = [];
        await consumer.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) });
        await eventually("the message consumed back", async () => received.length > 0);
        expect(received).toEqual([mechanism]);
        // The idempotent producer retries as KafkaJS requires: no warning about its guarantees.
        expect(lines.join("")).not.toContain("Limiting retries for the idempotent producer");
      } finally {
        await consumer.disconnect();
        await producer.disconnect();
        await admin.disconnect();
      }
    },
  );

  it("is refused with a wrong password, without TLS, and with TLS that does not trust the broker's CA", async () => {
    const { logger } = capturingLogger();
    const refused = async (overrides: Record<string, string | undefined>) => {
      const admin = createKafka({ clientId: "secure-refused", settings: settingsWith(overrides), logger }).admin({ retry: { retries: 0 } });
      try {
        await admin.connect();
        await admin.listTopics();
        return null;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      } finally {
        await admin.disconnect();
      }
    };
    expect(await refused({ KAFKA_SASL_PASSWORD: "not-the-password" })).toMatch(/SASL SCRAM SHA512 authentication failed/i);
    // Plaintext to a TLS listener: the broker never answers in Kafka's protocol.
    expect(
      await refused({
        KAFKA_TLS_CA_FILE: undefined,
        KAFKA_SASL_MECHANISM: "none",
        KAFKA_SASL_USERNAME: undefined,
        KAFKA_SASL_PASSWORD: undefined,
      }),
    ).not.toBeNull();
    // TLS with the system's CAs only: the broker's self-signed CA is not among them.
    expect(await refused({ KAFKA_TLS_CA_FILE: undefined, KAFKA_TLS: "true" })).toMatch(/certificate/i);
  });
});

describe("every service against a broker that requires SASL/SCRAM over TLS", () => {
  const ALL = [...SERVICES, "voice"] as const;
  let system: ServiceProcesses;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    system = await startServiceProcesses(
      {
        ...kafka.clientEnv,
        SIM_RING_SECONDS: "0.1",
        SIM_TALK_SECONDS: "0.5",
        SHUTDOWN_TIMEOUT_MS: "5000",
      },
      // The call talks with the voice service, which then publishes its outcome and analysis.
      { services: ALL, conversations: true },
    );
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
    await receiver?.close();
  });

  it("carries a call end to end: each service produces and consumes over SASL_SSL", async () => {
    const { apiKey } = await provisionOrg({ minutes: 10 });
    const api = apiClient(system.urls.gateway, apiKey);
    expect((await api.post("/v1/webhook-endpoints", { url: receiver.url })).status).toBe(201);
    // gateway: outbox → call.queued; dialer: consumes it, publishes the lifecycle; gateway projects it;
    // webhooks consumes and delivers; quota consumes and settles the minutes.
    const created = await api.post("/v1/calls/outbound", { to: "+15551230000" });
    expect(created.status).toBe(201);
    const callId = CallOut.parse(created.body).id;
    const done = await eventually(
      "the call completed on its record",
      async () => {
        const call = CallOut.parse((await api.get(`/v1/calls/${callId}`)).body);
        return call.status === "completed" ? call : null;
      },
      60_000,
    );
    expect(done.status).toBe("completed");
    await eventually(
      "call.completed delivered to the partner",
      async () => receiver.received.find((r) => r.body.includes(callId) && r.body.includes('"call.completed"')),
      60_000,
    );
    // voice: produces too, its call.analyzed (through its outbox) reaching the partner through webhooks.
    await eventually(
      "call.analyzed, published by the voice service, delivered to the partner",
      async () => receiver.received.find((r) => r.body.includes(callId) && r.body.includes('"call.analyzed"')),
      60_000,
    );
    // voice: consumed the call's agent (call.queued) and its end (call.completed) into its own table.
    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      const voiceCall = await eventually(
        "the voice service learned the call and its end",
        async () => (await db.query("SELECT ended_at FROM voice.calls WHERE call_id = $1 AND ended_at IS NOT NULL", [callId])).rows[0],
        60_000,
      );
      expect(voiceCall.ended_at).toBeInstanceOf(Date);
    } finally {
      await db.end();
    }
    const usage = await eventually(
      "quota settled the call's minutes",
      async () => {
        const body = (await api.get("/v1/usage")).body as { minutes_used: number; minutes_reserved: number };
        return body.minutes_reserved === 0 && body.minutes_used === 1 ? body : null;
      },
      60_000,
    );
    expect(usage).toMatchObject({ minutes_used: 1, minutes_reserved: 0 });

    // Each of the five is a member of its consumer group on this broker, as the broker itself reports.
    const admin = createKafka({ clientId: "secure-groups", settings: settingsWith({}), logger: capturingLogger().logger }).admin();
    await admin.connect();
    try {
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
      const described = await admin.describeGroups(groups);
      const members = described.groups.flatMap((g) => g.members.map((m) => [m.clientId, g.groupId] as const));
      for (const service of ALL) expect([service, members.some(([clientId]) => clientId === service)]).toEqual([service, true]);
    } finally {
      await admin.disconnect();
    }
    for (const service of ALL) expect(system.logTail(service)).not.toContain("Limiting retries for the idempotent producer");
  }, 120_000);
});

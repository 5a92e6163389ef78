import { randomBytes } from "node:crypto";
import { TOPIC_PARTITIONS } from "@voxbridge/contracts";
import { type Admin, ConfigResourceTypes } from "kafkajs";
import { testKafkaBrokers } from "../../../../tests/support/env";
import { parseConfig } from "../config";
import { createLogger } from "../logger";
import { createKafka, ensureTopics, topicNames } from "./client";
import { kafkaEnvShape, topicSettings } from "./settings";

const kafka = createKafka({ clientId: "test", brokers: testKafkaBrokers(), logger: createLogger({ service: "test", level: "silent" }) });
const newPrefix = () => `test-${randomBytes(4).toString("hex")}.`;
const settingsFor = (env: Record<string, string>) => topicSettings(parseConfig(kafkaEnvShape, env));

async function topicConfig(admin: Admin, topic: string, names: string[]): Promise<Record<string, string>> {
  const { resources } = await admin.describeConfigs({
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: names }],
    includeSynonyms: false,
  });
  return Object.fromEntries((resources[0]?.configEntries ?? []).map((entry) => [entry.configName, entry.configValue]));
}

describe("ensureTopics", () => {
  let admin: Admin;
  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin.disconnect();
  });

  it("creates the topics once with their partition counts, even when several services start at the same moment", async () => {
    const prefix = newPrefix();
    const settings = settingsFor({ KAFKA_TOPIC_PREFIX: prefix });
    const admins = [kafka.admin(), kafka.admin(), kafka.admin()];
    await Promise.all(admins.map((other) => other.connect()));
    try {
      await Promise.all(admins.map((other) => ensureTopics(other, settings)));
      const names = topicNames(prefix);
      const { topics } = await admin.fetchTopicMetadata({ topics: Object.values(names) });
      expect(Object.fromEntries(topics.map((topic) => [topic.name.slice(prefix.length), topic.partitions.length]))).toEqual(
        TOPIC_PARTITIONS,
      );
      await ensureTopics(admin, settings); // a restart finds them and changes nothing
      await admin.deleteTopics({ topics: Object.values(names) });
    } finally {
      await Promise.all(admins.map((other) => other.disconnect()));
    }
  });

  it("sets each topic's retention and min.insync.replicas explicitly, with the configured replication factor", async () => {
    const prefix = newPrefix();
    await ensureTopics(
      admin,
      settingsFor({
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_REPLICATION_FACTOR: "1",
        KAFKA_MIN_INSYNC_REPLICAS: "1",
        KAFKA_RETENTION_HOURS: "72",
        KAFKA_DEAD_LETTER_RETENTION_HOURS: "500",
      }),
    );
    const names = topicNames(prefix);
    try {
      expect(await topicConfig(admin, names.callEvents, ["retention.ms", "min.insync.replicas"])).toEqual({
        "retention.ms": String(72 * 3_600_000),
        "min.insync.replicas": "1",
      });
      expect(await topicConfig(admin, names.deadLetter, ["retention.ms"])).toEqual({ "retention.ms": String(500 * 3_600_000) });
      const { topics } = await admin.fetchTopicMetadata({ topics: [names.callEvents] });
      expect(topics[0]?.partitions.every((partition) => partition.replicas.length === 1)).toBe(true);
    } finally {
      await admin.deleteTopics({ topics: Object.values(names) });
    }
  });

  it("uses the broker's default replication factor when none is configured, still with explicit retention", async () => {
    const prefix = newPrefix();
    await ensureTopics(admin, settingsFor({ KAFKA_TOPIC_PREFIX: prefix }));
    const names = topicNames(prefix);
    try {
      // The local broker's default.replication.factor is 1.
      const { topics } = await admin.fetchTopicMetadata({ topics: [names.callEvents] });
      expect(topics[0]?.partitions.map((partition) => partition.replicas.length)).toEqual(Array(12).fill(1));
      expect(await topicConfig(admin, names.callEvents, ["retention.ms"])).toEqual({ "retention.ms": String(168 * 3_600_000) });
    } finally {
      await admin.deleteTopics({ topics: Object.values(names) });
    }
  });

  it("with KAFKA_CREATE_TOPICS=false never creates a topic: it refuses to start until they exist, then starts", async () => {
    const prefix = newPrefix();
    const settings = settingsFor({ KAFKA_TOPIC_PREFIX: prefix, KAFKA_CREATE_TOPICS: "false" });
    const names = topicNames(prefix);
    await expect(ensureTopics(admin, settings)).rejects.toThrow(/do not exist and KAFKA_CREATE_TOPICS=false/);
    expect((await admin.listTopics()).filter((topic) => topic.startsWith(prefix))).toEqual([]);
    // Provisioned elsewhere (here: by the platform's own creation, as a Terraform module would).
    await ensureTopics(admin, settingsFor({ KAFKA_TOPIC_PREFIX: prefix }));
    try {
      await expect(ensureTopics(admin, settings)).resolves.toBeUndefined();
    } finally {
      await admin.deleteTopics({ topics: Object.values(names) });
    }
  });
});

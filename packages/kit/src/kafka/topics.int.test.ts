import { randomBytes } from "node:crypto";
import { TOPIC_PARTITIONS } from "@voxbridge/contracts";
import { testKafkaBrokers } from "../../../../tests/support/env";
import { createLogger } from "../logger";
import { createKafka, ensureTopics, topicNames } from "./client";

describe("ensureTopics", () => {
  it("creates the topics once with their partition counts, even when several services start at the same moment", async () => {
    const prefix = `test-${randomBytes(4).toString("hex")}.`;
    const kafka = createKafka({
      clientId: "test",
      brokers: testKafkaBrokers(),
      logger: createLogger({ service: "test", level: "silent" }),
    });
    const first = kafka.admin();
    const admins = [first, kafka.admin(), kafka.admin()];
    await Promise.all(admins.map((admin) => admin.connect()));
    try {
      await Promise.all(admins.map((admin) => ensureTopics(admin, prefix)));
      const names = topicNames(prefix);
      const { topics } = await first.fetchTopicMetadata({ topics: Object.values(names) });
      expect(Object.fromEntries(topics.map((topic) => [topic.name.slice(prefix.length), topic.partitions.length]))).toEqual(
        TOPIC_PARTITIONS,
      );
      await ensureTopics(first, prefix); // a restart finds them and changes nothing
      await first.deleteTopics({ topics: Object.values(names) });
    } finally {
      await Promise.all(admins.map((admin) => admin.disconnect()));
    }
  });
});

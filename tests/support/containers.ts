import { KafkaContainer } from "@testcontainers/kafka";
import { PostgreSqlContainer } from "@testcontainers/postgresql";
import { RedisContainer } from "@testcontainers/redis";

export type StartedServers = { env: { DATABASE_URL: string; REDIS_URL: string; KAFKA_BROKERS: string }; stop: () => Promise<void> };

/**
 * Developer laptops with Docker and no server URLs: the same three servers the CI machine runs
 * natively, in containers (scripts/test.sh decides; this machine kind has no Docker engine).
 * cp-kafka 7.9 carries Apache Kafka 3.9, the newest line this testcontainers module is known to drive;
 * the suite passes on 3.9 and on 4.4, the version infra/kafka pins (docs/kafka.md).
 */
export async function startServerContainers(): Promise<StartedServers> {
  const [postgres, redis, kafka] = await Promise.all([
    new PostgreSqlContainer("postgres:15").withDatabase("voxbridge_test").start(),
    new RedisContainer("redis:7").start(),
    new KafkaContainer("confluentinc/cp-kafka:7.9.0").withKraft().withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: "false" }).start(),
  ]);
  return {
    env: {
      DATABASE_URL: postgres.getConnectionUri(),
      REDIS_URL: redis.getConnectionUrl(),
      KAFKA_BROKERS: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    },
    stop: async () => {
      await Promise.all([postgres.stop(), redis.stop(), kafka.stop()]);
    },
  };
}

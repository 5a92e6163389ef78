/** The servers tests run against: the machine's Postgres and Redis and the project's Kafka (scripts/test.sh). */
export const testDatabaseUrl = () => process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/voxbridge_test";
export const testRedisUrl = () => process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const testKafkaBrokers = () => (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");

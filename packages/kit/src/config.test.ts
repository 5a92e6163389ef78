import { z } from "zod";
import { baseEnvShape, ConfigError, envFlag, parseConfig } from "./config";
import { redisEnvShape } from "./redis-settings";

describe("parseConfig with the base environment shape", () => {
  it("applies every default when the environment sets nothing", () => {
    expect(parseConfig(baseEnvShape, {})).toEqual({
      NODE_ENV: "development",
      LOG_LEVEL: "info",
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/voxbridge",
      MIGRATION_LOCK_TIMEOUT_MS: 10_000,
      MIGRATION_STATEMENT_TIMEOUT_MS: 900_000,
      KAFKA_BROKERS: ["127.0.0.1:9092"],
      KAFKA_TOPIC_PREFIX: "",
      VOXBRIDGE_VERSION: "dev",
      VOXBRIDGE_REVISION: "unknown",
      KAFKA_TLS: false,
      KAFKA_SASL_MECHANISM: "none",
      KAFKA_CONNECTION_TIMEOUT_MS: 3_000,
      KAFKA_CREATE_TOPICS: true,
      KAFKA_RETENTION_HOURS: 168,
      KAFKA_DEAD_LETTER_RETENTION_HOURS: 336,
      SHUTDOWN_DRAIN_SECONDS: 15,
      SHUTDOWN_TIMEOUT_MS: 15_000,
      RETENTION_DAYS: 30,
      RETENTION_INTERVAL_SECONDS: 600,
    });
  });

  it("keeps values the environment sets and coerces numbers", () => {
    const config = parseConfig(baseEnvShape, {
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      DATABASE_URL: "postgresql://app@db.internal:5432/voxbridge",
      REDIS_URL: "redis://redis.internal:6379",
      KAFKA_BROKERS: "kafka.internal:9092",
      KAFKA_TOPIC_PREFIX: "staging.",
      SHUTDOWN_TIMEOUT_MS: "2500",
    });
    expect(config).toMatchObject({
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      DATABASE_URL: "postgresql://app@db.internal:5432/voxbridge",
      KAFKA_TOPIC_PREFIX: "staging.",
      SHUTDOWN_TIMEOUT_MS: 2500,
    });
  });

  it("splits KAFKA_BROKERS on commas, trims each broker and drops empty entries", () => {
    const config = parseConfig(baseEnvShape, { KAFKA_BROKERS: " kafka-1:9092 ,kafka-2:9092,, kafka-3:9092 ," });
    expect(config.KAFKA_BROKERS).toEqual(["kafka-1:9092", "kafka-2:9092", "kafka-3:9092"]);
  });

  it("throws one ConfigError naming every bad variable, and only those", () => {
    const parse = () =>
      parseConfig(baseEnvShape, {
        NODE_ENV: "staging",
        LOG_LEVEL: "loud",
        DATABASE_URL: "not a url",
        SHUTDOWN_TIMEOUT_MS: "-5",
        KAFKA_TOPIC_PREFIX: "fine.",
      });
    expect(parse).toThrow(ConfigError);
    let message = "";
    try {
      parse();
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toMatch(/^invalid configuration:\n/);
    for (const name of ["NODE_ENV", "LOG_LEVEL", "DATABASE_URL", "SHUTDOWN_TIMEOUT_MS"]) expect(message).toContain(`  ${name}: `);
    expect(message).not.toContain("KAFKA_TOPIC_PREFIX");
    expect(message).not.toContain("REDIS_URL");
    expect(message.split("\n")).toHaveLength(5);
  });

  it("under NODE_ENV=production, refuses to fall back to a local server, naming each variable left unset", () => {
    const shape = { ...baseEnvShape, ...redisEnvShape };
    const parse = () => parseConfig(shape, { NODE_ENV: "production", DATABASE_URL: "postgresql://app@db.internal:5432/voxbridge" });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(/REDIS_URL: required when NODE_ENV=production/);
    expect(parse).toThrow(/KAFKA_BROKERS: required when NODE_ENV=production/);
    expect(parse).not.toThrow(/DATABASE_URL/);
    // Development and tests keep the local defaults.
    expect(parseConfig(shape, { NODE_ENV: "test" }).REDIS_URL).toBe("redis://127.0.0.1:6379");
    // A service without Redis (the dialer, webhooks) is never asked for it.
    expect(() =>
      parseConfig(baseEnvShape, { NODE_ENV: "production", DATABASE_URL: "postgresql://db/x", KAFKA_BROKERS: "k:9092" }),
    ).not.toThrow();
  });

  it("refuses a RETENTION_DAYS shorter than Kafka keeps events (7 days), which would let a redelivery pass as new", () => {
    expect(() => parseConfig(baseEnvShape, { RETENTION_DAYS: "7" })).toThrow(/RETENTION_DAYS/);
    expect(parseConfig(baseEnvShape, { RETENTION_DAYS: "8" }).RETENTION_DAYS).toBe(8);
  });

  it("rejects a non-integer SHUTDOWN_TIMEOUT_MS", () => {
    expect(() => parseConfig(baseEnvShape, { SHUTDOWN_TIMEOUT_MS: "1.5" })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
  });
});

describe("envFlag", () => {
  const shape = { FEATURE: envFlag };

  it.each(["true", "1", "yes"])("reads %p as true", (value) => {
    expect(parseConfig(shape, { FEATURE: value }).FEATURE).toBe(true);
  });

  it.each(["false", "0", "no", ""])("reads %p as false", (value) => {
    expect(parseConfig(shape, { FEATURE: value }).FEATURE).toBe(false);
  });

  it("is false when the variable is absent", () => {
    expect(parseConfig(shape, {}).FEATURE).toBe(false);
  });

  it("rejects any other value with a ConfigError naming the variable", () => {
    expect(() => parseConfig(shape, { FEATURE: "enabled" })).toThrow(ConfigError);
    expect(() => parseConfig(shape, { FEATURE: "on" })).toThrow(/FEATURE/);
  });

  it("composes with a service's own shape", () => {
    const config = parseConfig(
      { ...baseEnvShape, ALLOW_PRIVATE: envFlag, PORT: z.coerce.number().int() },
      { ALLOW_PRIVATE: "yes", PORT: "8080" },
    );
    expect(config).toMatchObject({ ALLOW_PRIVATE: true, PORT: 8080, NODE_ENV: "development" });
  });
});

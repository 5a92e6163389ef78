import { ConfigError } from "@voxbridge/kit";
import { loadGatewayConfig } from "./config";

const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://app@db.internal:5432/voxbridge",
  REDIS_URL: "redis://redis.internal:6379",
  KAFKA_BROKERS: "kafka.internal:9092",
};
const tokens = { QUOTA_API_TOKEN: "q".repeat(32), WEBHOOKS_API_TOKEN: "w".repeat(32) };

describe("gateway configuration", () => {
  it("in production, names every internal URL and service token left unset instead of calling localhost", () => {
    expect(() => loadGatewayConfig(production)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(production)).toThrow(/QUOTA_URL: required when NODE_ENV=production[\s\S]*WEBHOOKS_URL: required/);
    expect(() => loadGatewayConfig(production)).toThrow(/QUOTA_API_TOKEN: required[\s\S]*WEBHOOKS_API_TOKEN: required/);
    const config = loadGatewayConfig({ ...production, ...tokens, QUOTA_URL: "http://quota:8081", WEBHOOKS_URL: "http://webhooks:8083" });
    expect([config.QUOTA_URL, config.WEBHOOKS_URL]).toEqual(["http://quota:8081", "http://webhooks:8083"]);
  });

  it("in development, defaults them to the local services", () => {
    expect(loadGatewayConfig({}).QUOTA_URL).toBe("http://127.0.0.1:8081");
  });
});
